"""Every form a link of a post may take resolves to a page of the site (``LinkMap.resolve``,
the one place for that rule), and merge writes each as the German page's URL Hugo builds,
or, where that page will not be there, keeps it pointing at the Dutch page and says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import LANGUAGES_TOML
from pipeline.config import load_config
from pipeline.linkmap import LinkMap, LinkTarget
from pipeline.site import Site, Summary

REPO = Path(__file__).resolve().parent.parent

HUGO_TOML = """\
baseURL = "https://example.org/blog/"
defaultContentLanguage = "nl"
""" + LANGUAGES_TOML


def link_map(root: Path, hugo_toml: str = HUGO_TOML, available: set[str] | None = None) -> LinkMap:
    """A site of four posts (a section with a post, a bundle with a photo, one at the top,
    one never translated) and a file under static/."""
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    (root / "hugo.toml").write_text(hugo_toml, encoding="utf-8")
    for name in ("2023/api.md", "gids/index.md", "gids/foto.jpg", "kaart.md", "leeg.md"):
        (root / "content" / "nl" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / "nl" / name).write_text("x\n", encoding="utf-8")
    (root / "static" / "img").mkdir(parents=True)
    (root / "static" / "img" / "logo.png").write_bytes(b"png")
    summaries = [
        Summary("2023/api", "api", "api-de", address={}, anchors={"hoe-het-werkt": "wie-es-geht"},
                dutch_anchors=["hoe-het-werkt"]),
        Summary("gids", "gids", "leitfaden", address={}),
        Summary("kaart", "kaart", "karte", address={}),
        Summary("leeg", "leeg", "leer", address={}),
    ]
    site = Site.load(load_config(root))
    return LinkMap(site, "de", summaries, {"2023/api", "gids", "kaart"} if available is None else available)


@pytest.mark.parametrize("url, post_id, language", [
    ("/blog/kaart/", "kaart", "nl"),  # the baseURL's path: as Hugo builds the URL
    ("/kaart/", "kaart", "nl"),  # without it, as an author writes it
    ("/kaart", "kaart", "nl"),
    ("https://example.org/blog/kaart/", "kaart", "nl"),  # with the scheme and host
    ("https://EXAMPLE.org/blog/kaart/", "kaart", "nl"),
    ("//example.org/blog/kaart/", "kaart", "nl"),
    ("/blog/de/karte/", "kaart", "de"),  # language-prefixed: the German page
    ("/de/karte/", "kaart", "de"),
    ("../../kaart/", "kaart", "nl"),  # relative to /blog/2023/api/
    ("../../gids", "gids", "nl"),
    ("../", "2023/_index", "nl"),  # the list page Hugo makes for the folder
    ("/blog/2023/", "2023/_index", "nl"),
    ("../kaart.md", "kaart", "nl"),  # .md relative to the post's folder
    ("/kaart.md", "kaart", "nl"),  # .md from the content root
    ("/gids/index.md", "gids", "nl"),
    ("/gids.md", "gids", "nl"),  # Hugo-style: the bundle's folder
    ("kaart.md", "kaart", "nl"),  # not in the post's folder: from the content root, as ref
])
def test_every_link_form_resolves_to_its_page(tmp_path: Path, url: str, post_id: str, language: str) -> None:
    links = link_map(tmp_path)
    found = links.resolve("2023/api", "nl", url)
    assert (found.kind, found.post_id, found.language) == ("page", post_id, language)
    assert links.exists(found)


def test_anchors_queries_files_and_other_sites(tmp_path: Path) -> None:
    links = link_map(tmp_path)
    found = links.resolve("kaart", "nl", "/2023/api/?x=1#hoe-het-werkt")
    assert (found.post_id, found.anchor, found.query) == ("2023/api", "hoe-het-werkt", "?x=1")
    assert links.anchor_ids(found) == ["hoe-het-werkt"]
    german = links.resolve("kaart", "de", "/blog/de/2023/api-de/#wie-es-geht")
    assert german.post_id == "2023/api" and links.anchor_ids(german) == ["wie-es-geht"]
    assert links.resolve("kaart", "nl", "#kop") == LinkTarget("page", "kaart", "nl", "/blog/kaart/", "kop")
    assert links.resolve("kaart", "nl", "/img/logo.png").kind == "file"  # under static/
    assert links.resolve("kaart", "nl", "/blog/img/logo.png").kind == "file"
    assert links.resolve("gids", "nl", "foto.jpg").kind == "file"  # the bundle's resource
    # Hugo 0.111 publishes the Dutch bundle's files with the German page (no copy of its own)
    assert links.resolve("gids", "de", "foto.jpg").kind == "file"
    assert links.resolve("gids", "de", "/blog/de/leitfaden/foto.jpg").kind == "file"
    assert links.resolve("kaart", "nl", "https://elders.nl/kaart/").kind == "external"
    assert links.resolve("kaart", "nl", "mailto:a@b.nl").kind == "external"
    assert links.resolve("kaart", "nl", "/weg/").kind == "unknown"
    assert links.resolve("kaart", "nl", "/img/weg.png").kind == "unknown"
    assert links.resolve("kaart", "nl", "weg.md").kind == "unknown"


def test_a_page_that_will_not_be_there_in_german_is_told_apart(tmp_path: Path) -> None:
    links = link_map(tmp_path)
    dutch = links.resolve("kaart", "nl", "/leeg/")
    assert links.exists(dutch)
    german = links.resolve("kaart", "de", "/de/leer/")  # merge would give it that URL, but not write it
    assert (german.kind, german.post_id) == ("page", "leeg")
    assert not links.exists(german)
    assert links.resolve("kaart", "de", "/de/alt/").kind == "unknown"  # an old German URL


@pytest.mark.parametrize("argument, lang, post_id", [
    ("api.md", None, "2023/api"),  # relative to the post's folder first
    ("api", None, "2023/api"),
    ("/kaart.md", None, "kaart"),  # from the content root
    ("kaart", None, "kaart"),  # not in the folder: from the content root
    ("gids", None, "gids"),  # a bundle by its folder
    ("../gids/index.md", None, "gids"),
    ("/2023", None, "2023/_index"),  # a section
    ("api.md#hoe-het-werkt", "nl", "2023/api"),
])
def test_a_ref_resolves_as_hugo_s_ref_does(tmp_path: Path, argument: str, lang: str | None, post_id: str) -> None:
    links = link_map(tmp_path)
    found = links.resolve_ref("2023/api", "de", argument, lang)
    assert (found.kind, found.post_id, found.language) == ("page", post_id, lang or "de")


def test_merge_rewrites_every_form_to_the_german_url_hugo_builds(tmp_path: Path) -> None:
    links = link_map(tmp_path)
    warnings: list[str] = []

    def rewrite(url: str, post_id: str = "kaart") -> str:
        return links.rewrite(post_id, url, warnings, "w")

    assert rewrite("/kaart/") == "/blog/de/karte/"
    assert rewrite("/blog/2023/api/#hoe-het-werkt") == "/blog/de/2023/api-de/#wie-es-geht"
    assert rewrite("https://example.org/blog/gids/") == "https://example.org/blog/de/leitfaden/"
    assert rewrite("/2023/api.md") == "/blog/de/2023/api-de/"
    assert rewrite("../../kaart/", "2023/api") == "/blog/de/karte/"
    assert rewrite("foto.jpg", "gids") == "foto.jpg"  # Hugo publishes it beside the German page too
    assert rewrite("../img/logo.png") == "/blog/img/logo.png"  # /blog/de/img/ has no such file
    assert rewrite("/img/logo.png") == "/img/logo.png"
    assert warnings == []


def test_a_link_to_a_page_not_written_keeps_the_dutch_page_and_says_so(tmp_path: Path) -> None:
    links = link_map(tmp_path)
    warnings: list[str] = []
    assert links.rewrite("kaart", "/blog/leeg/", warnings, "k.md:3") == "/blog/leeg/"
    assert links.rewrite("kaart", "../leeg/", warnings, "k.md:4") == "/blog/leeg/"
    assert links.rewrite("kaart", "https://example.org/blog/leeg/", warnings, "k.md:5") == (
        "https://example.org/blog/leeg/")
    # a .md link: the site's render hook would find no German page; the Dutch page's URL
    assert links.rewrite("kaart", "leeg.md", warnings, "k.md:6") == "/blog/leeg/"
    assert links.rewrite("kaart", "/leeg.md#x", warnings, "k.md:7") == "/blog/leeg/#x"
    assert [w.split(":")[1] for w in warnings] == ["3", "4", "5", "6", "7"], warnings
    assert "points at the Dutch page /blog/leeg/: the de post leeg is not written yet" in warnings[1]
    assert "points at the Dutch page /blog/leeg/: the de post leeg is not written yet" in warnings[3]


def test_a_ref_to_a_page_not_written_names_the_dutch_one(tmp_path: Path) -> None:
    links = link_map(tmp_path)
    warnings: list[str] = []
    assert links.rewrite_ref("kaart", "2023/api.md#hoe-het-werkt", None, warnings, "w") == (
        "2023/api.md#wie-es-geht", None)
    assert links.rewrite_ref("kaart", "leeg.md", None, warnings, "k.md:2") == ("leeg.md", "nl")
    assert warnings == ["k.md:2: ref leeg.md points at the Dutch page: the de post leeg is not written yet"]
    assert links.rewrite_ref("kaart", "leeg.md#x", "nl", warnings, "w") == ("leeg.md#x", "nl")


# --------------------------------------------------------------------------------------
# Through merge, and Hugo's build of what it wrote

import html.parser  # noqa: E402
import posixpath  # noqa: E402
import subprocess  # noqa: E402
from urllib.parse import unquote, urlsplit  # noqa: E402

from merge_support import fill_catalog  # noqa: E402
from support import invoke  # noqa: E402

needs_hugo = pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")

SITE_TOML = """\
baseURL = "https://example.org/"
defaultContentLanguage = "nl"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[markup.goldmark.renderer]
unsafe = true
""" + LANGUAGES_TOML
LAYOUTS = {
    "layouts/_default/single.html": "<main>{{ .Content }}</main>\n",
    "layouts/_default/list.html": "<main>{{ .Content }}</main>\n",
    "layouts/index.html": "<main>home</main>\n",
}
SITE_POSTS = {
    "2023/api.md": "---\ntitle: De API\n---\n\n## Hoe het werkt\n\nTekst.\n",
    "gids/index.md": (
        "---\ntitle: De gids\n---\n\n"
        "Zie [de kaart](../../kaart/) en [de API](/2023/api.md#hoe-het-werkt).\n\n"
        'Met ref: [api]({{< ref "2023/api.md#hoe-het-werkt" >}}), [leeg]({{< relref "/leeg.md" >}}).\n\n'
        'Inline <a href="/2023/api/">de API</a> en <a href="../leeg/">leeg</a>.\n\n'
        '<div class="foto">\n<a href="https://example.org/kaart/"><img src="foto.jpg" alt="x"></a>\n</div>\n\n'
        "Zie [de lijst][lijst].\n\n[lijst]: ../../2023/\n"
    ),
    "kaart.md": "---\ntitle: Kaart\n---\n\nEen kaart.\n",
    "leeg.md": "---\ntitle: Leeg\n---\n\nNiet vertaald.\n",
}
SITE_GERMAN = {"De API": "Die API", "Hoe het werkt": "Wie es geht", "De gids": "Der Leitfaden",
               "Kaart": "Karte"}


class _Refs(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.urls.append(found["href"] or "")
        if tag == "img" and found.get("src"):
            self.urls.append(found["src"] or "")
        if found.get("id"):
            self.ids.add(found["id"] or "")


def _parsed(public: Path, url: str) -> _Refs | None:
    path = public / unquote(url).strip("/")
    page = path / "index.html" if url.endswith("/") else path
    if not page.is_file():
        return None
    found = _Refs()
    if page.suffix == ".html":
        found.feed(page.read_text(encoding="utf-8"))
    return found


def crawl(public: Path, prefix: str) -> tuple[int, dict[str, list[str]]]:
    """How many internal links (``<a href>``, ``<img src>``) the pages under ``prefix`` have,
    and those that lead to nothing Hugo built (or to no element with their #anchor)."""
    broken: dict[str, list[str]] = {}
    count = 0
    for page in sorted(public.rglob("index.html")):
        url = ("/" + page.parent.relative_to(public).as_posix().strip(".") + "/").replace("//", "/")
        if not url.startswith(prefix):
            continue
        for link in _parsed(public, url).urls:  # type: ignore[union-attr]
            parts = urlsplit(link)
            path = parts.path
            if parts.netloc:
                if parts.netloc != "example.org":
                    continue
            count += 1
            target = posixpath.normpath(posixpath.join(url, path)) if path else url
            if path.endswith("/") or (path and "." not in path.rpartition("/")[2]) or not path:
                target = target.rstrip("/") + "/"
            found = _parsed(public, target)
            if found is None or (parts.fragment and parts.fragment not in found.ids):
                broken.setdefault(url, []).append(link)
    return count, broken


def _site(root: Path) -> Path:
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    (root / "hugo.toml").write_text(SITE_TOML, encoding="utf-8")
    for name, text in LAYOUTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for name, text in SITE_POSTS.items():
        (root / "content" / "nl" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / "nl" / name).write_text(text, encoding="utf-8")
    (root / "content" / "nl" / "gids" / "foto.jpg").write_bytes(b"jpg")
    assert invoke("-C", str(root), "extract").exit_code == 0
    for path in sorted((root / "locale" / "de" / "LC_MESSAGES").rglob("*.po")):
        if path.stem != "leeg":  # leeg stays untranslated: merge writes no German page
            fill_catalog(path, lambda ctx, msgid: "" if ctx == "slug" else SITE_GERMAN.get(msgid, msgid))
    return root


def _hugo(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                          capture_output=True, text=True)


@needs_hugo
def test_every_link_form_leads_to_a_page_hugo_builds_in_german(tmp_path: Path) -> None:
    root = _site(tmp_path)
    merged = invoke("-C", str(root), "merge")
    assert merged.exit_code == 0, merged.output
    german = (root / "content" / "de" / "gids" / "index.md").read_text(encoding="utf-8")
    assert "[de kaart](/de/karte/)" in german  # relative: the German page's URL
    assert "[de API](/de/2023/die-api/#wie-es-geht)" in german  # .md from the content root
    # a ref Hugo resolves in the German page's language: kept, its anchor translated; one to
    # a page without a German one names the Dutch page (a missing one stops Hugo's build)
    assert '{{< ref "2023/api.md#wie-es-geht" >}}' in german
    assert '{{< relref path="/leeg.md" lang="nl" >}}' in german
    assert 'Inline <a href="/de/2023/die-api/">de API</a> en <a href="/leeg/">leeg</a>.' in german
    # an HTML block's tag: the German URL, every other byte as it was; the bundle's photo stays
    assert '<a href="https://example.org/de/karte/"><img src="foto.jpg" alt="x"></a>' in german
    assert "[lijst]: /de/2023/\n" in german
    for line in (7, 9):  # the ref and the inline tag that lead to leeg, not written in German
        assert f"content/nl/gids/index.md:{line}:" in merged.output, merged.output
    done = _hugo(root)
    assert done.returncode == 0, done.stderr + done.stdout
    count, broken = crawl(root / "public", "/de/")
    assert count >= 9 and broken == {}, (count, broken)


def test_heading_ids_are_hugo_s_own_ids_too() -> None:
    from pipeline.site import heading_ids

    # as Hugo 0.111 built them: <h2 id="mijn-id">, "kop", "kop-1", <h2 class="x" id="y">
    assert heading_ids(["Kop {#mijn-id}", "Kop", "Kop", "A {.x #y}"]) == ["mijn-id", "kop", "kop-1", "y"]


def test_shortcode_refs_and_html_urls_are_found_outside_code_spans() -> None:
    from pipeline.links import rewrite_html_urls, rewrite_shortcode_refs

    def to_nl(path: str, lang: str | None) -> tuple[str, str | None]:
        return path.upper(), "nl"

    assert rewrite_shortcode_refs(
        'a {{< ref "x.md#k" >}} b {{% relref path="y" %}} c `{{< ref "z" >}}` d {{<ref w "html">}}', to_nl
    ) == ('a {{< ref path="X.MD#K" lang="nl" >}} b {{% relref path="Y" lang="nl" %}} c `{{< ref "z" >}}` '
          'd {{<ref path="W" lang="nl" outputFormat="html">}}')
    # the path alone changes where lang stays
    assert rewrite_shortcode_refs('{{< ref `x.md` >}}', lambda p, lang: ("y.md", lang)) == "{{< ref `y.md` >}}"
    assert rewrite_shortcode_refs('{{< ref "a" "b" "c" >}}', to_nl) == '{{< ref "a" "b" "c" >}}'  # not Hugo's
    assert rewrite_html_urls(
        '<a class=x href="/a/">y</a> <IMG alt="" SRC=/b.png> <a href=\'/c/\'> `<a href="/d/">`',
        lambda url: url + "z",
    ) == '<a class=x href="/a/z">y</a> <IMG alt="" SRC=/b.pngz> <a href=\'/c/z\'> `<a href="/d/">`'


def test_the_home_page_is_a_page_of_each_language(tmp_path: Path) -> None:
    links = link_map(tmp_path)
    for url, language in (("/", "nl"), ("/blog/", "nl"), ("https://example.org/blog/", "nl"), ("/blog/de/", "de")):
        found = links.resolve("kaart", "nl", url)
        assert (found.kind, found.post_id, found.language) == ("page", "_index", language), url
        assert links.exists(found)
    warnings: list[str] = []
    assert links.rewrite("kaart", "/blog/", warnings, "w") == "/blog/de/"  # the German home page
    assert warnings == []


@needs_hugo
def test_a_ref_with_the_dutch_language_leads_to_the_german_page_where_it_is_there(tmp_path: Path) -> None:
    """``lang="nl"`` in a Dutch post names the post's own language: in German the German
    page (where merge writes it; else the Dutch one, and merge says so); a third language
    stays as written."""
    root = tmp_path
    root.joinpath("content", "nl").mkdir(parents=True)
    (root / "content" / "nl" / "ref.md").write_text(
        "---\ntitle: Ref\n---\n\n"
        '[api]({{< relref path="2023/api.md#hoe-het-werkt" lang="nl" >}}), '
        '[kaart]({{< ref path="/kaart.md" lang="nl" >}}), [leeg]({{< relref path="leeg.md" lang="nl" >}}), '
        '[en]({{< relref path="kaart.md" lang="en" >}}).\n',
        encoding="utf-8",
    )
    _site(root)
    toml = root / "hugo.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '[languages.en]\ncontentDir = "content/en"\nweight = 3\n',
                    encoding="utf-8")
    (root / "content" / "en").mkdir()
    (root / "content" / "en" / "kaart.md").write_text("---\ntitle: Map\n---\n\nA map.\n", encoding="utf-8")
    merged = invoke("-C", str(root), "merge")
    assert merged.exit_code == 0, merged.output
    german = (root / "content" / "de" / "ref.md").read_text(encoding="utf-8")
    assert ('[api]({{< relref path="2023/api.md#wie-es-geht" lang="de" >}}), '
            '[kaart]({{< ref path="/kaart.md" lang="de" >}}), [leeg]({{< relref path="leeg.md" lang="nl" >}}), '
            '[en]({{< relref path="kaart.md" lang="en" >}}).') in german, german
    assert ("content/nl/ref.md:5: ref leeg.md points at the Dutch page: the de post leeg is not written yet"
            in merged.output), merged.output
    done = _hugo(root)
    assert done.returncode == 0, done.stderr
    links = _parsed(root / "public", "/de/ref/")
    assert links is not None
    assert links.urls == ["/de/2023/die-api/#wie-es-geht", "https://example.org/de/karte/", "/leeg/", "/en/kaart/"]
    assert crawl(root / "public", "/de/")[1] == {}
