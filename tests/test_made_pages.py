"""Pages Hugo makes that no post is: each taxonomy's and term's page, the RSS feeds, the
sitemap, a list's further pages (``/page/2/``). A link to one is a link to a page of the
site (check does not call it broken); merge gives the German page the German one (a term's
German page is the German term's, as merge writes the posts' terms), or keeps the Dutch page
and says so where the German one will not be there. Proved with Hugo 0.111's build."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from merge_support import fill_catalog
from support import invoke
from support import LANGUAGES_TOML

REPO = Path(__file__).resolve().parent.parent
needs_hugo = pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")

HUGO_TOML = """\
baseURL = "https://example.org/kennis/"
defaultContentLanguage = "nl"
paginate = 2
""" + LANGUAGES_TOML
LAYOUTS = {
    "layouts/_default/single.html": "<main>{{ .Content }}</main>\n",
    "layouts/_default/list.html": '{{ range .Paginator.Pages }}<a href="{{ .RelPermalink }}">x</a>{{ end }}\n',
    "layouts/index.html": '{{ range .Paginator.Pages }}<a href="{{ .RelPermalink }}">x</a>{{ end }}\n',
}
LINKS = {
    "taxonomy": "/kennis/tags/",
    "term": "/kennis/tags/fiets-route/",
    "term-accent": "/kennis/categories/uitleg/",
    "term-kept": "/kennis/tags/onderhoud/",
    "term-dutch-only": "/kennis/tags/zeldzaam/",
    "rss-home": "/kennis/index.xml",
    "rss-section": "/kennis/blog/index.xml",
    "rss-term": "/kennis/tags/fiets-route/index.xml",
    "sitemap": "/kennis/nl/sitemap.xml",
    "sitemap-index": "/kennis/sitemap.xml",
    "page-home": "/kennis/page/2/",
    "page-section": "/kennis/blog/page/2/",
    "rss-written-section": "/kennis/gids/index.xml",
    "page-term": "/kennis/tags/fiets-route/page/2/",
}
#: what merge writes in the German post, and Hugo builds
GERMAN = {
    "taxonomy": "/kennis/de/tags/",
    "term": "/kennis/de/tags/fahrradroute/",
    "term-accent": "/kennis/de/categories/erkl%C3%A4rung/",
    "term-kept": "/kennis/de/tags/onderhoud/",
    "term-dutch-only": "/kennis/tags/zeldzaam/",  # no German post has the term: the Dutch page
    "rss-home": "/kennis/de/index.xml",
    "rss-section": "/kennis/de/blog/index.xml",
    "rss-term": "/kennis/de/tags/fahrradroute/index.xml",
    "sitemap": "/kennis/de/sitemap.xml",
    "sitemap-index": "/kennis/sitemap.xml",  # shared by the languages
    "page-home": "/kennis/de/page/2/",
    "page-section": "/kennis/de/blog/page/2/",
    "rss-written-section": "/kennis/de/gids/index.xml",  # of a section's _index.md
    "page-term": "/kennis/de/tags/fahrradroute/page/2/",
}
GERMAN_TERMS = {"Fiets Route": "Fahrradroute", "Uitleg": "Erklärung"}


def _post(title: str, tags: str, body: str = "Tekst.") -> str:
    return f"---\ntitle: {title}\ntags: [{tags}]\ncategories: [Uitleg]\n---\n\n{body}\n"


def _site(root: Path, links: dict[str, str] = LINKS) -> Path:
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    (root / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    for name, text in LAYOUTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    body = "\n\n".join(f"[{form}]({url})" for form, url in links.items())
    posts = {"blog/a.md": _post("A", "Fiets Route, Onderhoud", body), "blog/b.md": _post("B", "Fiets Route"),
             "blog/c.md": _post("C", "Fiets Route"), "blog/d.md": _post("D", "Zeldzaam"),
             "gids/_index.md": "---\ntitle: Gids\n---\n\nTekst.\n"}
    for name, text in posts.items():
        (root / "content" / "nl" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / "nl" / name).write_text(text, encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    for post in ("blog/a", "blog/b", "blog/c", "gids/_index"):  # blog/d stays untranslated: no German
        fill_catalog(root / "locale" / "de" / "LC_MESSAGES" / f"{post}.po",  # page, no German Zeldzaam
                     lambda ctx, msgid: "" if ctx == "slug" else GERMAN_TERMS.get(msgid, msgid))
    return root


def _link_problems(root: Path) -> list[tuple[str, int | None, str]]:
    report = json.loads(invoke("-C", str(root), "check", "--format", "json").output)
    return [(p["file"], p["line"], p["message"]) for p in report["problems"] if p["code"].startswith("link-")]


def _built(public: Path, url: str) -> bool:
    path = unquote(url.removeprefix("/kennis/"))
    return (public / path / "index.html").is_file() if url.endswith("/") else (public / path).is_file()


@needs_hugo
def test_links_to_the_pages_hugo_makes_lead_to_the_german_ones_and_hugo_builds_them(tmp_path: Path) -> None:
    root = _site(tmp_path)
    assert _link_problems(root) == []
    merged = invoke("-C", str(root), "merge")
    assert merged.exit_code == 0, merged.output
    german = (root / "content" / "de" / "blog" / "a.md").read_text(encoding="utf-8")
    assert [f"[{form}]({url})" for form, url in GERMAN.items() if f"[{form}]({url})" not in german] == [], german
    assert "link to /kennis/tags/zeldzaam/ stays as it is: no de page for it" in merged.output, merged.output
    assert [line for line in merged.output.splitlines() if "stays as it is" in line or "points at" in line] == [
        line for line in merged.output.splitlines() if "zeldzaam" in line]
    assert _link_problems(root) == []
    done = subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    public = root / "public"
    assert [url for url in LINKS.values() if not _built(public, url)] == []
    assert [url for url in GERMAN.values() if not _built(public, url)] == []
    # the German term page of a term no German post has is not there
    assert not _built(public, "/kennis/de/tags/zeldzaam/")


@needs_hugo
@pytest.mark.parametrize(("form", "url"), [
    ("page-beyond", "/kennis/page/3/"),  # 4 posts, 2 a page: no third page
    ("page-section-beyond", "/kennis/blog/page/3/"),
    ("term-none", "/kennis/tags/nergens/"),
    ("rss-of-a-post", "/kennis/blog/b/index.xml"),
    ("taxonomy-none", "/kennis/series/"),
])
def test_a_link_to_a_page_hugo_does_not_make_is_broken(tmp_path: Path, form: str, url: str) -> None:
    root = _site(tmp_path, {form: url})
    found = _link_problems(root)
    assert [(file, line) for file, line, _ in found] == [("content/nl/blog/a.md", 7)], found
    assert invoke("-C", str(root), "merge").exit_code == 0
    assert subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                          capture_output=True, check=False).returncode == 0
    assert not _built(root / "public", url)


def test_disabled_kinds_make_no_pages(tmp_path: Path) -> None:
    root = _site(tmp_path, {"taxonomy": "/kennis/tags/", "rss-home": "/kennis/index.xml",
                            "sitemap": "/kennis/nl/sitemap.xml"})
    toml = root / "hugo.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        "paginate = 2\n", 'paginate = 2\ndisableKinds = ["taxonomy", "RSS", "sitemap"]\n'), encoding="utf-8")
    assert [line for _, line, _ in _link_problems(root)] == [7, 9, 11]


@needs_hugo
def test_the_site_s_own_taxonomies_replace_tags_and_categories(tmp_path: Path) -> None:
    root = _site(tmp_path, {"series": "/kennis/series/", "serie": "/kennis/series/zomer-tocht/",
                            "tags": "/kennis/tags/"})
    (root / "content" / "nl" / "blog" / "e.md").write_text(
        "---\ntitle: E\nseries: [Zomer Tocht]\ntags: [Fiets Route]\n---\n\nTekst.\n", encoding="utf-8")
    toml = root / "hugo.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        "paginate = 2\n", 'paginate = 2\n[taxonomies]\nserie = "Series"\n'), encoding="utf-8")
    # the site has no tags any more: that link alone is broken
    assert [line for _, line, _ in _link_problems(root)] == [11]
    done = subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert _built(root / "public", "/kennis/series/") and _built(root / "public", "/kennis/series/zomer-tocht/")
    assert not _built(root / "public", "/kennis/tags/")
