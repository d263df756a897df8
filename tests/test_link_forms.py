"""Every form a link of a post may take resolves to a page of the site (``LinkMap.resolve``,
the one place for that rule), and merge writes each as the German page's URL Hugo builds,
or, where that page will not be there, keeps it pointing at the Dutch page and says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.site import LinkMap, LinkTarget, Site, Summary

REPO = Path(__file__).resolve().parent.parent

HUGO_TOML = """\
baseURL = "https://example.org/blog/"
defaultContentLanguage = "nl"
[languages.nl]
contentDir = "content/nl"
weight = 1
[languages.de]
contentDir = "content/de"
weight = 2
"""


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
        Summary("gids/index", "gids", "leitfaden", address={}),
        Summary("kaart", "kaart", "karte", address={}),
        Summary("leeg", "leeg", "leer", address={}),
    ]
    site = Site.load(load_config(root))
    return LinkMap(site, "de", summaries, {"2023/api", "gids/index", "kaart"} if available is None else available)


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
    ("../../gids", "gids/index", "nl"),
    ("../", "2023/_index", "nl"),  # the list page Hugo makes for the folder
    ("/blog/2023/", "2023/_index", "nl"),
    ("../kaart.md", "kaart", "nl"),  # .md relative to the post's folder
    ("/kaart.md", "kaart", "nl"),  # .md from the content root
    ("/gids/index.md", "gids/index", "nl"),
    ("/gids.md", "gids/index", "nl"),  # Hugo-style: the bundle's folder
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
    assert links.resolve("gids/index", "nl", "foto.jpg").kind == "file"  # the bundle's resource
    # Hugo 0.111 publishes the Dutch bundle's files with the German page (no copy of its own)
    assert links.resolve("gids/index", "de", "foto.jpg").kind == "file"
    assert links.resolve("gids/index", "de", "/blog/de/leitfaden/foto.jpg").kind == "file"
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
    ("gids", None, "gids/index"),  # a bundle by its folder
    ("../gids/index.md", None, "gids/index"),
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
    assert rewrite("foto.jpg", "gids/index") == "foto.jpg"  # Hugo publishes it beside the German page too
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
    assert links.rewrite("kaart", "leeg.md", warnings, "k.md:6") == "leeg.md"
    assert [w.split(":")[1] for w in warnings] == ["3", "4", "5", "6"], warnings
    assert "points at the Dutch page /blog/leeg/: the de post leeg is not written yet" in warnings[1]


def test_a_ref_to_a_page_not_written_names_the_dutch_one(tmp_path: Path) -> None:
    links = link_map(tmp_path)
    warnings: list[str] = []
    assert links.rewrite_ref("kaart", "2023/api.md#hoe-het-werkt", None, warnings, "w") == (
        "2023/api.md#wie-es-geht", None)
    assert links.rewrite_ref("kaart", "leeg.md", None, warnings, "k.md:2") == ("leeg.md", "nl")
    assert warnings == ["k.md:2: ref leeg.md points at the Dutch page: the de post leeg is not written yet"]
    assert links.rewrite_ref("kaart", "leeg.md#x", "nl", warnings, "w") == ("leeg.md#x", "nl")
