"""The site model (pipeline.site): the pages' URLs as the site's Hugo builds them, links
rewritten to them, and a Hugo configuration that cannot publish the pipeline's posts refused.

The proof is Hugo's own: a site with sections, a page bundle, a section page and links between
them is extracted, translated, merged and built, and every internal link of every German page
is followed in what Hugo wrote.
"""

from __future__ import annotations

import html.parser
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

from pipeline.config import load_config
from pipeline.po import format_catalog, parse_catalog
from pipeline.linkmap import LinkMap
from pipeline.site import Site, Summary, url_matter
from site_crawl import Crawl
from support import invoke, snapshot

REPO = Path(__file__).resolve().parent.parent
needs_hugo = pytest.mark.skipif(
    shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo'; .ci/run installs it)"
)

POSTS = {
    # a section with a list page of its own, a post in it, a page bundle, one at the top
    "2023/_index.md": "---\ntitle: Artikelen uit 2023\n---\n\nAlles van 2023.\n",
    "2023/fietsroute-api.md": (
        "---\ntitle: De fietsroute-API\ndate: 2023-04-01\n---\n\n"
        "Zie ook [de gids](/gids/) en [de kaart](../../fietskaart/).\n\n"
        "## Hoe het werkt\n\nLees [de inleiding](/2023/) eerst.\n"
    ),
    "gids/index.md": (
        "---\ntitle: De gids\nslug: gids\n---\n\n"
        "Begin bij [de API](/2023/fietsroute-api/#hoe-het-werkt).\n"
    ),
    "fietskaart.md": "---\ntitle: Fietskaart\n---\n\nEen kaart. Zie [de API](/2023/fietsroute-api/).\n",
}
GERMAN = {
    "De fietsroute-API": "Die Fahrradrouten-API",
    "Hoe het werkt": "Wie es funktioniert",
    "De gids": "Der Leitfaden",
    "gids": "leitfaden",
    "Fietskaart": "Fahrradkarte",
    "Artikelen uit 2023": "Artikel aus 2023",
    "Alles van 2023.": "Alles aus 2023.",
    "Een kaart. Zie [de API](/2023/fietsroute-api/).": "Eine Karte. Siehe [die API](/2023/fietsroute-api/).",
    "Begin bij [de API](/2023/fietsroute-api/#hoe-het-werkt).":
        "Beginnen Sie mit [der API](/2023/fietsroute-api/#hoe-het-werkt).",
    "Zie ook [de gids](/gids/) en [de kaart](../../fietskaart/).":
        "Siehe auch [den Leitfaden](/gids/) und [die Karte](../../fietskaart/).",
    "Lees [de inleiding](/2023/) eerst.": "Lesen Sie zuerst [die Einleitung](/2023/).",
}


def make_site(root: Path, hugo_toml: str | None = None) -> Path:
    for name in ("pyproject.toml",):
        shutil.copy(REPO / name, root / name)
    if hugo_toml is None:
        shutil.copy(REPO / "hugo.toml", root / "hugo.toml")
    else:
        (root / "hugo.toml").write_text(hugo_toml, encoding="utf-8")
    shutil.copytree(REPO / "layouts", root / "layouts")
    for post_id, text in POSTS.items():
        path = root / "content" / "nl" / post_id
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def translate(root: Path) -> None:
    for path in sorted((root / "locale" / "de").rglob("*.po")):
        catalog = parse_catalog(str(path), path.read_bytes())
        for message in catalog.messages:
            if message.msgctxt == "slug":
                message.msgstr = GERMAN.get(message.msgid, "")
            else:
                message.msgstr = GERMAN.get(message.msgid, message.msgid)
        path.write_bytes(format_catalog(catalog).encode("utf-8"))


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")
        if found.get("id"):
            self.ids.add(found["id"] or "")


def _read(public: Path, path: str) -> _Links | None:
    page = public / unquote(path).strip("/") / "index.html"
    if not page.is_file():
        return None
    links = _Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


def broken_links(public: Path, prefix: str) -> dict[str, list[str]]:
    """Every internal link of every page under ``prefix`` that leads to no page (or to no
    element with its #anchor), by the page it is on (``site_crawl``: "href: why")."""
    broken = Crawl.of(public).broken_links()
    return {page: hrefs for page, hrefs in broken.items() if page.startswith(prefix)}


@needs_hugo
def test_links_in_a_sectioned_site_lead_to_the_german_pages_hugo_builds(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    assert invoke("-C", str(root), "extract").exit_code == 0
    translate(root)
    merged = invoke("-C", str(root), "merge")
    assert merged.exit_code == 0, merged.output
    german = (root / "content" / "de" / "gids" / "index.md").read_text(encoding="utf-8")
    # the section's post is at /2023/<slug>/ in both languages, the heading's id translated
    assert "[der API](/de/2023/die-fahrradrouten-api/#wie-es-funktioniert)" in german
    api = (root / "content" / "de" / "2023" / "fietsroute-api.md").read_text(encoding="utf-8")
    assert "[den Leitfaden](/de/leitfaden/)" in api  # the bundle's German slug
    assert "[die Einleitung](/de/2023/)" in api  # the section's list page
    done = subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    public = root / "public"
    for url in ("/de/2023/die-fahrradrouten-api/", "/de/leitfaden/", "/de/2023/", "/de/fahrradkarte/"):
        assert _read(public, url) is not None, f"Hugo built no {url}"
    broken = broken_links(public, "/de/")
    # every link merge rewrote leads to a German page Hugo built, anchors and the relative
    # one (../../fietskaart/, which now names the German page) included
    assert broken == {}, broken
    assert "[die Karte](/de/fahrradkarte/)" in api


def test_without_a_hugo_configuration_the_url_patterns_defaults_hold(tmp_path: Path) -> None:
    (tmp_path / "content" / "nl").mkdir(parents=True)
    site = Site.load(load_config(tmp_path))
    assert site.hugo is None
    pages = {"2023/a": ("a", {}), "b": ("b", {})}
    assert site.page_urls("nl", pages) == {"2023/a": "/a/", "b": "/b/"}
    assert site.page_urls("de", pages) == {"2023/a": "/de/a/", "b": "/de/b/"}


def test_the_site_s_hugo_configuration_gives_sections_bundles_and_the_filename_slug(tmp_path: Path) -> None:
    make_site(tmp_path)
    site = Site.load(load_config(tmp_path))
    assert site.hugo is not None and site.hugo.default_language == "nl"
    pages = {
        "2023/fietsroute-api": ("fietsroute-api", {}),
        "2023/_index": ("_index", {}),
        "gids": ("gids", {"slug": "gids"}),  # a bundle (gids/index.md): its id is its folder
        "2017-02-22-workshop": ("workshop", {}),  # hugo.toml: [frontmatter] date = [":filename", …]
        "mijn-pagina": ("x", {"url": "/elders/"}),
    }
    assert site.page_urls("nl", pages) == {
        "2023/fietsroute-api": "/2023/fietsroute-api/",
        "2023/_index": "/2023/",
        "gids": "/gids/",
        "2017-02-22-workshop": "/workshop/",
        "mijn-pagina": "/elders/",
    }
    assert site.page_urls("de", {"2023/fietsroute-api": ("fahrrad", {"slug": "fahrrad"})}) == {
        "2023/fietsroute-api": "/de/2023/fahrrad/"
    }


def test_url_patterns_win_over_the_hugo_configuration(tmp_path: Path) -> None:
    make_site(tmp_path)
    settings = tmp_path / "pyproject.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("[tool.pipeline]\n", '[tool.pipeline]\nurl-patterns = { de = "/duits/{slug}/" }\n', 1),
                        encoding="utf-8")
    config = load_config(tmp_path)
    assert config.url_patterns == {"de": "/duits/{slug}/"}, "the repo's pyproject.toml changed: adapt the test"
    site = Site.load(config)
    assert site.page_urls("de", {"2023/x": ("y", {"slug": "y"})}) == {"2023/x": "/duits/y/"}
    assert site.page_urls("nl", {"2023/x": ("x", {})}) == {"2023/x": "/2023/x/"}


@pytest.mark.parametrize(
    ("hugo_toml", "said"),
    [
        ('defaultContentLanguage = "nl"\n[languages.nl]\ncontentDir = "content/nl"\n'
         '[languages.en]\ncontentDir = "content/en"\n', "Hugo publishes no language 'de'"),
        ('defaultContentLanguage = "nl"\n[languages.nl]\ncontentDir = "content/nl"\n'
         '[languages.de]\ncontentDir = "content/duits"\n', "Hugo reads language 'de' from content/duits/"),
        ('baseURL = "/"\n[languages\n', "hugo.toml:2"),
    ],
    ids=["no-german", "other-folder", "broken"],
)
def test_a_hugo_configuration_that_cannot_publish_the_posts_is_one_line_and_nothing_is_written(
    tmp_path: Path, hugo_toml: str, said: str
) -> None:
    root = make_site(tmp_path, hugo_toml)
    assert invoke("-C", str(root), "extract").exit_code == 0
    before = snapshot(root)
    for command in ("merge", "check"):
        result = invoke("-C", str(root), command)
        assert result.exit_code == 2, (command, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and said in lines[0], (command, result.output)
        assert "Traceback" not in result.output
    assert snapshot(root) == before


def test_url_matter_is_what_hugo_reads_of_the_front_matter() -> None:
    import datetime as dt

    meta = {"Title": "T", "title": "later", "Slug": "s", "date": dt.date(2023, 4, 1), "tags": ["a"],
            "draft": True, "url": "/x/", "lastmod": dt.datetime(2023, 4, 2, 10, 30)}
    assert url_matter(meta) == {"title": "T", "slug": "s", "date": "2023-04-01", "url": "/x/",
                                "lastmod": "2023-04-02T10:30:00"}


def test_a_summary_keeps_the_german_title_for_title_permalinks(tmp_path: Path) -> None:
    hugo_toml = (REPO / "hugo.toml").read_text(encoding="utf-8") + '\n[permalinks]\n"2023" = "/:section/:title/"\n'
    make_site(tmp_path, hugo_toml)
    site = Site.load(load_config(tmp_path))
    summary = Summary("2023/fietsroute-api", "fietsroute-api", "fahrrad", title="Die Fahrradrouten-API",
                      address={"title": "De fietsroute-API"})
    links = LinkMap(site, "de", [summary], {summary.post_id})
    # the Dutch page's URL from its Dutch title, the German page's from its German title
    assert links.by_url["/2023/de-fietsroute-api/"] == "/de/2023/die-fahrradrouten-api/"
    assert links.by_id == {summary.post_id: "/de/2023/die-fahrradrouten-api/"}


# A Hugo configuration that publishes none of the pipeline's languages from their folders:
# every case one line naming what to add (each advice is followed below, and Hugo builds it)
ENGLISH_ONLY = 'baseURL = "/"\ntitle = "x"\n'
FOLLOWED = {
    # Hugo's default language alone ("en", in content/): both languages and the default
    "english-only": (ENGLISH_ONLY, "Hugo publishes no language 'nl', 'de': add [languages.nl] with "
                     'contentDir = "content/nl", [languages.de] with contentDir = "content/de", and '
                     'defaultContentLanguage = "nl" before the tables',
                     'defaultContentLanguage = "nl"\n' + ENGLISH_ONLY + '[languages.nl]\ncontentDir = "content/nl"\n'
                     '[languages.de]\ncontentDir = "content/de"\n'),
    "empty": ("", "Hugo publishes no language 'nl', 'de'",
              'defaultContentLanguage = "nl"\n[languages.nl]\ncontentDir = "content/nl"\n'
              '[languages.de]\ncontentDir = "content/de"\n'),
    # Dutch the default, but read from content/: its table and German's
    "dutch-in-content": ('baseURL = "/"\ndefaultContentLanguage = "nl"\n',
                         "Hugo publishes no language 'nl', 'de': add [languages.nl] with "
                         'contentDir = "content/nl", [languages.de] with contentDir = "content/de"',
                         'baseURL = "/"\ndefaultContentLanguage = "nl"\n[languages.nl]\ncontentDir = "content/nl"\n'
                         '[languages.de]\ncontentDir = "content/de"\n'),
    # one contentDir for both: Hugo would read content/nl/a.md as the Dutch page /nl/a/
    "shared-content-dir": ('defaultContentLanguage = "nl"\ncontentDir = "content"\n[languages.nl]\nweight = 1\n'
                           '[languages.de]\nweight = 2\n',
                           "Hugo reads language 'nl' from content/, but the pipeline's posts in it are in "
                           'content/nl/: set contentDir = "content/nl" in [languages.nl]',
                           'defaultContentLanguage = "nl"\ncontentDir = "content"\n[languages.nl]\nweight = 1\n'
                           'contentDir = "content/nl"\n[languages.de]\nweight = 2\ncontentDir = "content/de"\n'),
    "disabled": ('defaultContentLanguage = "nl"\ndisableLanguages = ["de"]\n[languages.nl]\ncontentDir = "content/nl"\n'
                 '[languages.de]\ncontentDir = "content/de"\n',
                 "Hugo publishes no language 'de': disableLanguages names it: remove it from there",
                 'defaultContentLanguage = "nl"\ndisableLanguages = []\n[languages.nl]\ncontentDir = "content/nl"\n'
                 '[languages.de]\ncontentDir = "content/de"\n'),
}


@pytest.mark.parametrize("case", sorted(FOLLOWED))
def test_a_hugo_configuration_without_the_pipeline_s_languages_is_one_line_and_nothing_is_written(
    tmp_path: Path, case: str
) -> None:
    hugo_toml, said, _ = FOLLOWED[case]
    root = make_site(tmp_path, hugo_toml)
    assert invoke("-C", str(root), "extract").exit_code == 0  # extract needs no URL
    before = snapshot(root)
    for command in ("merge", "check"):
        result = invoke("-C", str(root), command)
        assert result.exit_code == 2, (command, result.output)
        assert result.output.startswith(f"Error: hugo.toml: {said}"), (command, result.output)
        assert len(result.output.strip().splitlines()) == 1, result.output
    assert snapshot(root) == before


@needs_hugo
@pytest.mark.parametrize("case", sorted(FOLLOWED))
def test_the_advice_for_a_hugo_configuration_without_the_languages_works(tmp_path: Path, case: str) -> None:
    _, _, followed = FOLLOWED[case]
    root = make_site(tmp_path, (REPO / "hugo.toml").read_text(encoding="utf-8"))
    assert invoke("-C", str(root), "extract").exit_code == 0
    translate(root)
    (root / "hugo.toml").write_text(followed, encoding="utf-8")
    merged = invoke("-C", str(root), "merge")
    assert merged.exit_code == 0, merged.output
    done = subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                          check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    public = root / "public"
    assert _read(public, "/de/2023/die-fahrradrouten-api/") is not None
    assert broken_links(public, "/de/") == {}


def test_a_hugo_configuration_file_that_is_a_folder_is_one_line(tmp_path: Path) -> None:
    # Hugo takes hugo.toml as its configuration, and stops: "read hugo.toml: is a directory"
    root = make_site(tmp_path)
    (root / "hugo.toml").unlink()
    (root / "hugo.toml").mkdir()
    (root / "config.toml").write_text((REPO / "hugo.toml").read_text(encoding="utf-8"), encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    for command in ("merge", "check"):
        result = invoke("-C", str(root), command)
        assert result.exit_code == 2, result.output
        assert result.output == "Error: hugo.toml: cannot be read: Is a directory\n"


@needs_hugo
def test_a_link_to_the_list_page_hugo_makes_for_a_folder_without_an_index_leads_to_the_german_one(
    tmp_path: Path,
) -> None:
    # los/ has no _index.md: Hugo makes its list page in each language with a page in it,
    # /los/ and /de/los/; leeg/ has a Dutch post only (not translated), so no /de/leeg/
    root = make_site(tmp_path)
    source = root / "content" / "nl"
    (source / "los").mkdir()
    (source / "los" / "kaart.md").write_text("---\ntitle: Fietskaart\n---\n\nEen kaart.\n", encoding="utf-8")
    (source / "leeg").mkdir()
    (source / "leeg" / "ding.md").write_text("---\ntitle: Leeg ding\n---\n\nNiets vertaald.\n", encoding="utf-8")
    (source / "fietskaart.md").write_text(
        "---\ntitle: Fietskaart\n---\n\nAlles [los](/los/), [leeg](/leeg/).\n", encoding="utf-8"
    )
    GERMAN_TOO = {**GERMAN, "Alles [los](/los/), [leeg](/leeg/).": "Alles [los](/los/), [leer](/leeg/)."}
    assert invoke("-C", str(root), "extract").exit_code == 0
    for path in sorted((root / "locale" / "de").rglob("*.po")):
        if "leeg" in path.parts:
            continue
        catalog = parse_catalog(str(path), path.read_bytes())
        for message in catalog.messages:
            message.msgstr = GERMAN_TOO.get(message.msgid, "" if message.msgctxt == "slug" else message.msgid)
        path.write_bytes(format_catalog(catalog).encode("utf-8"))
    merged = invoke("-C", str(root), "merge")
    assert merged.exit_code == 0, merged.output
    german = (root / "content" / "de" / "fietskaart.md").read_text(encoding="utf-8")
    assert "Alles [los](/de/los/), [leer](/leeg/)." in german
    assert "link to /los/" not in merged.output
    assert "content/nl/fietskaart.md:5: link to /leeg/ stays as it is: no de page for it" in merged.output
    done = subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                          check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert _read(root / "public", "/de/los/") is not None and _read(root / "public", "/de/leeg/") is None
    assert "/de/fahrradkarte/" not in broken_links(root / "public", "/de/")


@needs_hugo
def test_a_change_of_the_hugo_configuration_alone_re_renders_the_links_and_renews_check_s_report(
    tmp_path: Path,
) -> None:
    root = make_site(tmp_path)
    assert invoke("-C", str(root), "extract").exit_code == 0
    translate(root)
    # a translator who wrote the German URL out: right under the first configuration only
    catalog = root / "locale" / "de" / "LC_MESSAGES" / "fietskaart.po"
    text = catalog.read_text(encoding="utf-8")
    written_out = "Eine Karte. Siehe [die API](/de/2023/die-fahrradrouten-api/)."
    catalog.write_text(text.replace("Eine Karte. Siehe [die API](/2023/fietsroute-api/).", written_out),
                       encoding="utf-8")
    assert invoke("-C", str(root), "merge").exit_code == 0
    assert invoke("-C", str(root), "check", "--format", "json").output.count('"link-target"') == 0
    hugo_toml = root / "hugo.toml"
    hugo_toml.write_text(hugo_toml.read_text(encoding="utf-8") + '\n[languages.de.permalinks]\n"2023" = "/:section/:year/:slug/"\n',
                         encoding="utf-8")
    # German pages of 2023/ move to /de/2023/2023/<slug>/ (the Dutch ones stay): check's cached
    # report is not given back; the written-out URL is the page's old one, which merge keeps
    # as its alias: a link merge writes as the page's new URL (no link-target)
    checked = invoke("-C", str(root), "check", "--format", "json")
    assert "becomes /de/2023/2023/die-fahrradrouten-api/" in checked.output, checked.output
    assert checked.output.count('"link-target"') == 0, checked.output
    assert checked.output == invoke("-C", str(root), "check", "--format", "json", "--no-cache").output
    catalog.write_text(text, encoding="utf-8")  # the Dutch URL again, which merge rewrites
    merged = invoke("-C", str(root), "merge")
    assert merged.exit_code == 0, merged.output
    # every post that links to the 2023 post is written again, with its new URL
    assert "wrote content/de/gids/index.md" in merged.output
    gids = (root / "content" / "de" / "gids" / "index.md").read_text(encoding="utf-8")
    assert "[der API](/de/2023/2023/die-fahrradrouten-api/#wie-es-funktioniert)" in gids
    assert invoke("-C", str(root), "merge").output == "merge: 4 unchanged\n"  # a run with nothing to do
    done = subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                          check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert broken_links(root / "public", "/de/") == {}


@needs_hugo
def test_one_url_one_page_under_permalinks_that_leave_the_folder_out(tmp_path: Path) -> None:
    # blog/ at /:slug/: a post at the top and one in blog/ with the same German slug would
    # both be /de/gleich/, and Hugo publishes one of them (merge wrote both, check said nothing)
    hugo_toml = (REPO / "hugo.toml").read_text(encoding="utf-8") + '\n[permalinks]\nblog = "/:slug/"\n'
    root = make_site(tmp_path, hugo_toml)
    for name, title in (("a.md", "Een"), ("blog/b.md", "Twee")):
        (root / "content" / "nl" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / "nl" / name).write_text(f"---\ntitle: {title}\n---\n\nTekst.\n", encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    translate(root)

    def give_slug(post_id: str, slug: str) -> None:
        path = root / "locale" / "de" / "LC_MESSAGES" / f"{post_id}.po"
        catalog = parse_catalog(str(path), path.read_bytes())
        for message in catalog.messages:
            if message.msgctxt == "slug":
                message.msgstr = slug
        path.write_bytes(format_catalog(catalog).encode("utf-8"))

    give_slug("a", "gleich")
    give_slug("blog/b", "gleich")
    merged = invoke("-C", str(root), "merge")
    assert merged.exit_code == 1
    assert (
        "error: locale/de/LC_MESSAGES/blog/b.po:16: German URL /de/gleich/ of content/nl/blog/b.md (after the "
        "site's permalinks) is also the URL of content/de/a.md, of content/nl/a.md (not written yet: "
        "locale/de/LC_MESSAGES/a.po gives it that URL): give content/nl/blog/b.md its own German slug "
        '(translate the msgctxt "slug" entry), then run `pipeline merge`'
    ) in merged.output
    assert not (root / "content" / "de" / "a.md").exists() and not (root / "content" / "de" / "blog" / "b.md").exists()
    checked = invoke("-C", str(root), "check", "--format", "json")
    assert checked.exit_code == 1 and checked.output.count('"url-clash"') == 2, checked.output
    give_slug("blog/b", "anders")
    assert invoke("-C", str(root), "merge").exit_code == 0
    assert '"url-clash"' not in invoke("-C", str(root), "check", "--format", "json").output
    # a page keeps its URL: the post that wants it now waits
    give_slug("blog/b", "gleich")
    merged = invoke("-C", str(root), "merge")
    assert merged.exit_code == 1
    assert ("blog/b.po:16: German URL /de/gleich/ of content/nl/blog/b.md (after the site's permalinks) is also "
            "the URL of content/de/a.md, the page of content/nl/a.md:") in merged.output
    assert "a.po" not in merged.output
    done = subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                          check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Een" in (root / "public" / "de" / "gleich" / "index.html").read_text(encoding="utf-8")
    assert (root / "public" / "de" / "anders" / "index.html").is_file()


def test_check_says_a_german_post_is_stale_when_the_pages_it_links_to_moved(tmp_path: Path) -> None:
    # its Dutch post and catalog are what merge made it of, but the German URL of the page
    # it links to is not: the German page would link to a page Hugo no longer builds
    import json

    root = make_site(tmp_path)
    assert invoke("-C", str(root), "extract").exit_code == 0
    translate(root)
    assert invoke("-C", str(root), "merge").exit_code == 0

    def stale() -> list[tuple[str, str]]:
        report = json.loads(invoke("-C", str(root), "check", "--format", "json").output)
        return [(p["file"], p["message"]) for p in report["problems"] if p["code"] == "post-stale"]

    assert stale() == []
    hugo_toml = root / "hugo.toml"
    hugo_toml.write_text(hugo_toml.read_text(encoding="utf-8") + '\n[languages.de.permalinks]\n"2023" = "/:section/:year/:slug/"\n',
                         encoding="utf-8")
    moved = "stale since pages it links to moved (the site's Hugo configuration, another post's slug or headings): " \
        "run `pipeline merge`"
    # and the post whose own URL the new permalinks change (merge keeps the old one as an alias)
    own = ("stale: its URL /de/2023/die-fahrradrouten-api/ becomes /de/2023/2023/die-fahrradrouten-api/ (its "
           "folder or the site's Hugo configuration changed): run `pipeline merge`, which keeps "
           "/de/2023/die-fahrradrouten-api/ in its aliases (a redirect)")
    assert stale() == [("content/de/2023/fietsroute-api.md", own), ("content/de/fietskaart.md", moved),
                       ("content/de/gids/index.md", moved)]
    assert invoke("-C", str(root), "merge").exit_code == 0
    assert stale() == []
    # another post's German slug: the post that links to it
    catalog = root / "locale" / "de" / "LC_MESSAGES" / "gids.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgstr "leitfaden"', 'msgstr "anleitung"'),
                       encoding="utf-8")
    assert ("content/de/2023/fietsroute-api.md", moved) in stale()
    assert invoke("-C", str(root), "merge").exit_code == 0
    assert stale() == []


def test_check_links_as_merge_does_to_a_post_merge_refuses(tmp_path: Path) -> None:
    # the guide's translation drops a link: merge refuses it and writes the others; the one
    # that links to it keeps the Dutch link (it linked to /de/leitfaden/, a page Hugo does
    # not build); check composes the same links: nothing it calls stale that merge leaves
    import json

    root = make_site(tmp_path)
    assert invoke("-C", str(root), "extract").exit_code == 0
    translate(root)
    catalog = root / "locale" / "de" / "LC_MESSAGES" / "gids.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'msgstr "Beginnen Sie mit [der API](/2023/fietsroute-api/#hoe-het-werkt)."', 'msgstr "Beginnen Sie."'),
        encoding="utf-8")
    merged = invoke("-C", str(root), "merge")
    assert merged.exit_code == 1 and "merge: 3 written, 1 error" in merged.output, merged.output
    assert "[den Leitfaden](/gids/)" in (root / "content" / "de" / "2023" / "fietsroute-api.md").read_text(
        encoding="utf-8")
    assert "warning: content/nl/2023/fietsroute-api.md:6: link to /gids/ stays as it is" in merged.output
    again = invoke("-C", str(root), "merge").output  # nothing new: nothing written, rendered once
    assert again.endswith("merge: 3 unchanged, 1 error\n") and "error: locale/de/LC_MESSAGES/gids.po:" in again
    report = json.loads(invoke("-C", str(root), "check", "--format", "json").output)
    german = [(p["file"], p["code"]) for p in report["problems"]
              if p["file"].startswith("content/de/") and p["code"].startswith("post-")]
    assert german == [("content/de/gids/index.md", "post-missing")]


@pytest.mark.parametrize("command", [["merge"], ["check", "--fix"], ["check"]], ids=" ".join)
def test_a_broken_hugo_configuration_stops_a_run_before_it_takes_the_lock(tmp_path: Path, command: list[str]) -> None:
    # merge and check --fix made .pipeline-cache/ (the run lock) before they read hugo.toml
    root = make_site(tmp_path, 'baseURL = "/"\n[languages\n')
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    result = invoke("-C", str(root), *command)
    assert result.exit_code == 2
    assert result.output == "Error: hugo.toml:2: is not valid TOML (Expected ']' at the end of a table declaration): fix it\n"
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before
    # extract needs no URL: it reads no Hugo configuration, and a broken one does not stop it
    assert invoke("-C", str(root), "extract").exit_code == 0


@pytest.mark.parametrize(("page", "relative", "resolved"), [
    ("/2023/x/", "../../fietskaart/", "/fietskaart/"),
    ("/2023/x/", "../y/", "/2023/y/"),
    ("/2023/x/", "../y", "/2023/y/"),  # a page's folder, as the server redirects it
    ("/2023/x/", "y/", "/2023/x/y/"),
    ("/2023/x/", "./", "/2023/x/"),
    ("/2023/x/", "..", "/2023/"),
    ("/2023/x/", "foto.png", "/2023/x/foto.png"),  # a file stays a file
    ("/2023/x.html", "y.html", "/2023/y.html"),  # ugly URLs: the page is a file in its folder
    ("/x/", "../../../", "/"),
])
def test_a_relative_url_resolves_as_the_browser_resolves_it(page: str, relative: str, resolved: str) -> None:
    from pipeline.linkmap import _resolved

    assert _resolved(page, relative) == resolved


def test_relative_links_go_to_the_german_page_or_stay_and_say_why(tmp_path: Path) -> None:
    from pipeline.linkmap import LinkMap

    make_site(tmp_path)
    site = Site.load(load_config(tmp_path))
    summaries = [
        Summary("2023/a", "a", "a-de", address={}), Summary("2023/b", "b", "b-de", address={}),
        Summary("c", "c", "c-de", address={}, anchors={"kop": "ueberschrift"}),
        Summary("d", "d", "d-de", address={}),
    ]
    links = LinkMap(site, "de", summaries, {"2023/a", "2023/b", "c"})  # d: not written
    warnings: list[str] = []
    assert links.rewrite("2023/a", "../b/", warnings, "w") == "/de/2023/b-de/"
    assert links.rewrite("2023/a", "../../c/#kop", warnings, "w") == "/de/c-de/#ueberschrift"
    assert links.rewrite("2023/a", "../../c?x=1", warnings, "w") == "/de/c-de/?x=1"
    assert links.rewrite("2023/a", "bild.png", warnings, "w") == "bild.png"
    assert warnings == []
    # from the German page ../../d/ would be /de/d/, which is not there: the Dutch page's URL
    assert links.rewrite("2023/a", "../../d/", warnings, "w") == "/d/"
    assert warnings == ["w: link to ../../d/ points at the Dutch page /d/: the de post d is not written yet"]


def test_a_relative_link_that_works_from_the_german_page_too_is_kept_as_written(tmp_path: Path) -> None:
    from pipeline.linkmap import LinkMap

    make_site(tmp_path)
    site = Site.load(load_config(tmp_path))
    summaries = [Summary("2023/a", "a", "a", address={}), Summary("2023/b", "b", "b", address={}),
                 Summary("c", "c", "c-de", address={})]
    links = LinkMap(site, "de", summaries, {"2023/a", "2023/b", "c"})
    warnings: list[str] = []
    # /de/2023/a/ + ../b/ is /de/2023/b/, the German page: the bytes stay
    assert links.rewrite("2023/a", "../b/", warnings, "w") == "../b/"
    # /de/2023/a/ + ../../c/ would be /de/c/, but the German page is /de/c-de/
    assert links.rewrite("2023/a", "../../c/", warnings, "w") == "/de/c-de/"
    assert warnings == []
