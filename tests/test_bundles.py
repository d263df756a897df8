"""Page bundles and sections (issue 13): a leaf bundle's ``x/index.md`` is the post ``x`` (its
catalogs ``x.pot``/``x.po``, its German post ``content/de/x/index.md``), the catalogs of a
site extracted before are carried to the folder's id, a post ``x.md`` beside a bundle ``x/`` is
refused in one line; a section's ``_index.md`` keeps its id and its folder's URL (Hugo 0.111
ignores its ``slug``, follows its ``url``); a bundle's images and files are the German page's
too (Hugo 0.111 gives a German bundle the Dutch bundle's resources, a German copy of its own
winning). The real command line (in this process), real GNU gettext, the real Hugo
(``/usr/bin/hugo``) and a crawl of what it built.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from merge_support import fill_catalog
from sectioned_site import SITE, hugo, run_cli
from site_crawl import Crawl
from support import FIXTURES, msgcat, needs_gettext, po_path, pot_path

from pipeline.config import Config
from pipeline.po import parse_catalog, translation_of

needs_hugo = pytest.mark.skipif(shutil.which("hugo") is None, reason="Hugo is not installed")
BEFORE = FIXTURES / "bundles" / "before-folder-ids"
"""A site extracted, translated and merged by the code before bundles were named by their
folder (c884a5d): catalogs at ``2023/reis/index.pot``/``.po``, every entry translated."""

HUGO_TOML = """baseURL = "https://example.org/"
defaultContentLanguage = "nl"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]

[languages.nl]
contentDir = "content/nl"
[languages.de]
contentDir = "content/de"
"""


def _png(width: int, height: int) -> bytes:
    """A real PNG of that size (black), which Hugo's image processing reads."""
    raw = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _site(root: Path, files: dict[str, str | bytes]) -> Path:
    """A content root with the sectioned site's layouts, its Hugo configuration and ``files``."""
    shutil.copytree(SITE / "layouts", root / "layouts")
    (root / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return root


def _translate_all(root: Path, slugs: dict[str, str] | None = None) -> None:
    slugs = slugs or {}
    for path in sorted((root / "locale" / "de" / "LC_MESSAGES").rglob("*.po")):
        fill_catalog(path, lambda context, msgid: slugs.get(msgid, msgid) if context == "slug" else f"DE {msgid}")


def _built(root: Path) -> Crawl:
    done = hugo(root)
    assert done.returncode == 0, done.stdout + done.stderr
    return Crawl.of(root / "public", "https://example.org/")


REIS = """---
title: Een reis door Zeeland
date: 2023-06-01
lang: nl
---

We fietsten drie dagen langs de kust.

![De route langs de kust](kaart.png)

Het [routeboekje](route.txt) staat erbij.

Lees ook [fietsen in de winter]({{< relref "../../blog/fietsen.md" >}}).
"""


# ---------------------------------------------------------------------------------------
# The id rule and the way back


def test_a_leaf_bundle_s_id_is_its_folder_and_its_file_is_found_back(tmp_path: Path) -> None:
    config = Config(tmp_path)
    source, german = tmp_path / "content" / "nl", tmp_path / "content" / "de"
    assert config.post_id(source / "2023" / "reis" / "index.md") == "2023/reis"
    assert config.post_id(german / "2023" / "reis" / "index.md", "de") == "2023/reis"
    assert config.post_id(source / "2023" / "reis.md") == "2023/reis"
    assert config.post_id(str(source / "2023" / "reis" / "index.md")) == "2023/reis"  # the fast path too
    assert config.post_id(source / "index.md") == "index"  # the home page's bundle
    assert config.post_id(source / "blog" / "_index.md") == "blog/_index"  # a section page keeps its id
    assert config.post_id(source / "_index.md") == "_index"
    assert config.template_path("2023/reis") == tmp_path / "locale" / "templates" / "2023" / "reis.pot"
    assert config.catalog_path("2023/reis", "de") == tmp_path / "locale" / "de" / "LC_MESSAGES" / "2023" / "reis.po"

    (source / "2023" / "reis").mkdir(parents=True)
    (source / "2023" / "reis" / "index.md").write_text("---\ntitle: R\n---\n", encoding="utf-8")
    (source / "blog").mkdir()
    (source / "blog" / "x.md").write_text("---\ntitle: X\n---\n", encoding="utf-8")
    assert config.post_file("2023/reis") == source / "2023" / "reis" / "index.md"
    assert config.post_file("2023/reis", "de") == german / "2023" / "reis" / "index.md"  # the Dutch form
    assert config.post_file("blog/x") == source / "blog" / "x.md"
    assert config.post_file("blog/x", "de") == german / "blog" / "x.md"
    assert config.post_file("blog/_index", "de") == german / "blog" / "_index.md"
    assert config.post_file("index") == source / "index.md"
    # no Dutch post (a German post left behind): the form in its own folder
    (german / "alt" / "weg").mkdir(parents=True)
    (german / "alt" / "weg" / "index.md").write_text("---\ntitle: W\n---\n", encoding="utf-8")
    assert config.post_file("alt/weg", "de") == german / "alt" / "weg" / "index.md"
    # the Dutch post gone (renamed, deleted): the form its German post has, as merge wrote it
    assert config.post_file("alt/weg") == source / "alt" / "weg" / "index.md"
    assert config.post_file("alt/nooit") == source / "alt" / "nooit.md"  # none anywhere: the plain form
    for path in (source / "2023" / "reis" / "index.md", source / "blog" / "x.md", german / "alt" / "weg" / "index.md"):
        language = None if path.is_relative_to(source) else "de"
        assert config.post_file(config.post_id(path, language), language) == path


# ---------------------------------------------------------------------------------------
# A bundle through extract, merge and Hugo


@needs_gettext
@needs_hugo
def test_a_bundle_is_extracted_by_its_folder_merged_beside_it_and_its_images_load_in_german(tmp_path: Path) -> None:
    root = _site(tmp_path / "site", {
        "content/nl/2023/reis/index.md": REIS,
        "content/nl/2023/reis/kaart.png": _png(4, 3),
        "content/nl/2023/reis/route.txt": "Vlissingen - Zierikzee\n",
        "content/nl/blog/fietsen.md": "---\ntitle: Fietsen\ndate: 2023-06-01\nlang: nl\n---\n\nLees [de reis](/2023/reis/).\n",
    })
    done = run_cli(root, "extract")
    assert done.returncode == 0, done.stderr
    assert "created locale/templates/2023/reis.pot" in done.stdout, done.stdout
    assert "created locale/de/LC_MESSAGES/2023/reis.po" in done.stdout, done.stdout
    assert not (root / "locale" / "templates" / "2023" / "reis").exists()
    template = pot_path(root, "2023/reis").read_text(encoding="utf-8")
    assert '"Project-Id-Version: 2023/reis\\n"' in template
    assert "#: content/nl/2023/reis/index.md:7" in template  # the file it comes from
    msgcat(pot_path(root, "2023/reis"))
    _translate_all(root, {"reis": "reise"})
    done = run_cli(root, "merge")
    assert done.returncode == 0, done.stderr
    german = root / "content" / "de" / "2023" / "reis" / "index.md"
    assert "wrote content/de/2023/reis/index.md" in done.stdout, done.stdout
    assert not (root / "content" / "de" / "2023" / "reis.md").exists()
    text = german.read_text(encoding="utf-8")
    assert "translationKey: 2023/reis/index\n" in text  # Hugo's own key of the Dutch bundle
    assert "DE ![De route langs de kust](kaart.png)" in text
    assert not (german.parent / "kaart.png").exists()  # no copy: Hugo gives the German bundle the Dutch one's
    done = run_cli(root, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "post-orphan" not in done.stdout and "catalog-orphan" not in done.stdout, done.stdout

    crawl = _built(root)
    assert crawl.pages["/2023/reis/"].alternates == {"de": "/de/2023/reise/"}  # paired by the key
    images = [link for link in crawl.content_links("/de/2023/reise/") if link.tag == "img"]
    assert [link.href for link in images] == ["kaart.png"]
    files = [link.href for link in crawl.content_links("/de/2023/reise/") if link.href.endswith(".txt")]
    assert files == ["route.txt"]
    # a ref relative to the bundle's folder (not its parent's) leads to the German page
    assert "/de/blog/fietsen/" in [link.target for link in crawl.content_links("/de/2023/reise/")]
    assert "relref" not in done.stdout + done.stderr
    assert crawl.broken_links("de") == {}, crawl.broken_links("de")
    assert (root / "public" / "de" / "2023" / "reise" / "kaart.png").read_bytes() == _png(4, 3)
    # the German link to the bundle leads to its German page
    assert [link.target for link in crawl.content_links("/de/blog/fietsen/")] == ["/de/2023/reise/"]
    # a run with nothing to do changes nothing
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "public" not in p.parts
              and ".pipeline-cache" not in p.parts}
    for command in ("extract", "merge"):
        assert run_cli(root, command).returncode == 0
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "public" not in p.parts
             and ".pipeline-cache" not in p.parts}
    assert after == before


@needs_hugo
def test_hugo_gives_a_german_bundle_the_dutch_resources_and_its_own_copy_wins(tmp_path: Path) -> None:
    """What the pipeline relies on not to copy a bundle's files: ``.Resources``, a relative
    image link through a render hook that processes it, and a file link, on the German page of
    a bundle that has no copy (the Dutch one's), and that has one (a translated screenshot)."""
    layouts = {
        "layouts/_default/single.html":
            '<html><body><main><div class="inhoud">{{ .Content }}</div>'
            '{{ range .Resources }}<span class="res">{{ .Name }}={{ .RelPermalink }}</span>{{ end }}'
            '</main></body></html>',
        "layouts/_default/_markup/render-image.html":
            '{{ with .Page.Resources.GetMatch .Destination }}'
            '<img class="processed" src="{{ .RelPermalink }}" width="{{ .Width }}">'
            '{{ else }}<img class="missing" src="{{ .Destination }}">{{ end }}',
    }
    dutch = "---\ntitle: Reis\n---\n\n![Kaart](kaart.png) [route](route.txt)\n"
    root = _site(tmp_path, {
        "content/nl/reis/index.md": dutch,
        "content/nl/reis/kaart.png": _png(4, 3),
        "content/nl/reis/route.txt": "route\n",
        "content/de/reis/index.md": "---\ntitle: Reise\nslug: reise\n---\n\n![Karte](kaart.png) [Route](route.txt)\n",
        "content/nl/bijlage/index.md": dutch,
        "content/nl/bijlage/kaart.png": _png(4, 3),
        "content/nl/bijlage/route.txt": "route\n",
        "content/de/bijlage/index.md": "---\ntitle: Anlage\n---\n\n![Karte](kaart.png) [Route](route.txt)\n",
        "content/de/bijlage/kaart.png": _png(7, 2),  # a German screenshot of its own
    })
    shutil.rmtree(root / "layouts" / "_default" / "_markup", ignore_errors=True)
    for name, text in layouts.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    crawl = _built(root)
    page = (root / "public" / "de" / "reise" / "index.html").read_text(encoding="utf-8")
    assert '<img class="processed" src="/de/reise/kaart.png" width="4">' in page
    assert 'class="res">kaart.png=/de/reise/kaart.png<' in page and 'route.txt=/de/reise/route.txt' in page
    assert (root / "public" / "de" / "reise" / "kaart.png").read_bytes() == _png(4, 3)
    own = (root / "public" / "de" / "bijlage" / "index.html").read_text(encoding="utf-8")
    assert '<img class="processed" src="/de/bijlage/kaart.png" width="7">' in own
    assert (root / "public" / "de" / "bijlage" / "kaart.png").read_bytes() == _png(7, 2)
    assert crawl.broken_links() == {}


# ---------------------------------------------------------------------------------------
# A site extracted before: its catalogs carried to the folder's id


def _translations(path: Path) -> dict[tuple[str | None, str], str]:
    catalog = parse_catalog(path.name, path.read_bytes())
    return {m.key: text for m in catalog.messages if not m.obsolete and (text := translation_of(m)) is not None}


@needs_gettext
def test_extract_carries_a_bundle_s_catalogs_from_its_old_id_to_its_folder_s_keeping_every_translation(
    tmp_path: Path,
) -> None:
    root = tmp_path / "site"
    shutil.copytree(BEFORE, root)
    old_po = po_path(root, "2023/reis/index")
    had = _translations(old_po)
    assert len(had) == 5
    german = root / "content" / "de" / "2023" / "reis" / "index.md"
    german_before = german.read_bytes()
    others = {p: p.read_bytes() for p in (po_path(root, "blog/fietsen"), pot_path(root, "blog/fietsen"))}

    done = run_cli(root, "extract")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "locale/de/LC_MESSAGES/2023/reis/index.po -> locale/de/LC_MESSAGES/2023/reis.po" in done.stdout, done.stdout
    assert "locale/templates/2023/reis/index.pot -> locale/templates/2023/reis.pot" in done.stdout, done.stdout
    assert "page bundle" in done.stdout, done.stdout  # why: named by its folder now
    assert not old_po.exists() and not pot_path(root, "2023/reis/index").exists()
    assert not (root / "locale" / "de" / "LC_MESSAGES" / "2023" / "reis").exists()  # the empty folder gone
    assert _translations(po_path(root, "2023/reis")) == had  # no translation lost
    assert '"Project-Id-Version: 2023/reis\\n"' in pot_path(root, "2023/reis").read_text(encoding="utf-8")
    msgcat(po_path(root, "2023/reis"))
    assert german.read_bytes() == german_before  # the German post is where it was
    assert all(path.read_bytes() == data for path, data in others.items())  # the other post's untouched

    done = run_cli(root, "merge")
    assert done.returncode == 0, done.stdout + done.stderr
    after = german.read_text(encoding="utf-8")
    # the same German post (its record names the carried catalog's bytes)
    strip = [line for line in after.splitlines() if "sha256" not in line]
    assert strip == [line for line in german_before.decode().splitlines() if "sha256" not in line]
    done = run_cli(root, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "orphan" not in done.stdout, done.stdout
    assert run_cli(root, "extract").stdout.count("->") == 0  # carried once


@needs_gettext
def test_check_names_a_bundle_s_catalog_at_its_old_id_and_the_command_that_carries_it(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(BEFORE, root)
    done = run_cli(root, "check")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    line = lines[lines.index("locale/de/LC_MESSAGES/2023/reis/index.po") + 1]
    assert line == ("  -: error: content/nl/2023/reis/index.md's, by its old name (a page bundle's catalogs "
                    "are named by its folder now, locale/de/LC_MESSAGES/2023/reis.po): run `pipeline extract` "
                    "to carry it there [catalog-orphan]"), line
    assert "no post" not in done.stdout  # the post is there


# ---------------------------------------------------------------------------------------
# A post beside a bundle of its name


@needs_gettext
def test_a_post_beside_a_bundle_of_its_name_is_refused_in_one_line_and_the_bundle_goes_on(tmp_path: Path) -> None:
    root = _site(tmp_path, {
        "content/nl/blog/reis/index.md": REIS,
        "content/nl/blog/reis.md": "---\ntitle: Ook een reis\ndate: 2023-06-01\nlang: nl\n---\n\nEen andere tekst.\n",
    })
    done = run_cli(root, "extract")
    assert done.returncode == 1, done.stdout + done.stderr
    errors = [line for line in done.stderr.splitlines() if "blog/reis.md" in line]
    assert len(errors) == 1, done.stderr
    assert errors[0].startswith("error: content/nl/blog/reis.md: the page bundle content/nl/blog/reis/index.md "
                                "is the same page"), errors[0]
    assert "Traceback" not in done.stderr
    template = pot_path(root, "blog/reis").read_text(encoding="utf-8")
    assert "content/nl/blog/reis/index.md" in template and "Een andere tekst" not in template
    _translate_all(root)
    done = run_cli(root, "merge")
    assert done.returncode == 1
    assert "content/nl/blog/reis.md: the page bundle" in done.stdout + done.stderr
    assert (root / "content" / "de" / "blog" / "reis" / "index.md").exists()
    assert not (root / "content" / "de" / "blog" / "reis.md").exists()
    done = run_cli(root, "check")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    said = [number for number, line in enumerate(lines) if "[post-clash]" in line]
    assert len(said) == 1 and lines[said[0] - 1] == "content/nl/blog/reis.md", done.stdout
    assert "the page bundle content/nl/blog/reis/index.md is the same page" in lines[said[0]]


@needs_hugo
def test_hugo_publishes_the_bundle_and_drops_a_post_of_the_same_name_without_a_word(tmp_path: Path) -> None:
    """Why the pipeline refuses the file: Hugo 0.111 builds (exit 0) and the file's page is gone."""
    root = _site(tmp_path, {
        "content/nl/blog/reis/index.md": "---\ntitle: De bundel\ndate: 2023-06-01\nlang: nl\n---\n\nBundel.\n",
        "content/nl/blog/reis.md": "---\ntitle: Het bestand\ndate: 2023-06-01\nlang: nl\n---\n\nBestand.\n",
        "content/nl/blog/zee.md": "---\ntitle: Het bestand\ndate: 2023-06-01\nlang: nl\n---\n\nBestand.\n",
        "content/nl/blog/zee/index.md": "---\ntitle: De bundel\ndate: 2023-06-01\nlang: nl\n---\n\nBundel.\n",
    })
    done = hugo(root)
    assert done.returncode == 0, done.stderr
    for name in ("reis", "zee"):
        page = (root / "public" / "blog" / name / "index.html").read_text(encoding="utf-8")
        assert "<title>De bundel</title>" in page


# ---------------------------------------------------------------------------------------
# Section pages


@needs_gettext
@needs_hugo
def test_section_pages_keep_their_folder_s_url_whatever_their_slug_and_clash_with_no_post(tmp_path: Path) -> None:
    """Two sections' ``_index.md`` without a slug, one with a ``slug`` (Hugo ignores it), one with
    a ``url`` (Hugo follows it), and posts named like a section's slug in other folders: no
    clash is said, merge writes all of them, and every German page is where Hugo builds it."""
    root = _site(tmp_path, {
        "content/nl/nieuws/_index.md": "---\ntitle: Nieuws\ndate: 2023-06-01\nlang: nl\n---\n\nHet nieuws.\n",
        "content/nl/nieuws/eerste.md": "---\ntitle: Eerste\ndate: 2023-06-01\nlang: nl\n---\n\nEen bericht.\n",
        "content/nl/kennis/_index.md": "---\ntitle: Kennis\ndate: 2023-06-01\nlang: nl\nslug: weten\n---\n\nAlles wat we weten.\n",
        "content/nl/kennis/gids.md": "---\ntitle: Gids\ndate: 2023-06-01\nlang: nl\n---\n\nEen gids.\n",
        "content/nl/weten.md": "---\ntitle: Weten\ndate: 2023-06-01\nlang: nl\n---\n\nEen pagina met de slug van een sectie.\n",
        "content/nl/archief/_index.md": "---\ntitle: Archief\ndate: 2023-06-01\nlang: nl\nurl: /oud/\n---\n\nOude dingen.\n",
        "content/nl/archief/stuk.md": "---\ntitle: Stuk\ndate: 2023-06-01\nlang: nl\n---\n\nEen stuk.\n",
        "content/nl/blog/nieuws.md": "---\ntitle: Nieuws op de blog\ndate: 2023-06-01\nlang: nl\n---\n\nOok nieuws.\n",
    })
    assert run_cli(root, "extract").returncode == 0
    for post_id in ("nieuws/_index", "kennis/_index", "archief/_index"):
        assert po_path(root, post_id).exists()  # a section page's id is kept
    _translate_all(root, {"weten": "wissen", "nieuws": "nachrichten"})
    done = run_cli(root, "merge")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "clash" not in done.stdout + done.stderr
    done = run_cli(root, "check")
    assert done.returncode == 0 and "clash" not in done.stdout, done.stdout
    crawl = _built(root)
    german = {path for path, page in crawl.pages.items() if page.language == "de" and not page.redirect}
    # a section page's German slug, the identity translation of its slug entry ("_index"), is
    # not "index" (Hugo would publish the page at /de/nieuws.html)
    assert [p.name for p in (root / "public" / "de").glob("*.html")] == ["index.html"]
    assert {"/de/nieuws/", "/de/kennis/", "/de/archief/", "/de/wissen/", "/de/blog/nachrichten/"} <= german, german
    assert crawl.pages["/kennis/"].alternates == {"de": "/de/kennis/"}  # the slug ignored, both languages
    # the Dutch url is not copied (merge's rule for every page): the German section at its folder
    assert crawl.pages["/oud/"].alternates == {"de": "/de/archief/"}
    assert crawl.broken_links() == {}


@needs_gettext
def test_a_post_at_a_section_s_url_is_refused_with_the_section_named(tmp_path: Path) -> None:
    """Not a false clash: ``kennis.md`` beside ``kennis/_index.md`` is at the section's URL
    (Hugo publishes the section there and drops the post); the German post whose slug takes it
    is refused, naming the section page."""
    root = _site(tmp_path, {
        "content/nl/kennis/_index.md": "---\ntitle: Kennis\ndate: 2023-06-01\nlang: nl\n---\n\nAlles wat we weten.\n",
        "content/nl/kennis/gids.md": "---\ntitle: Gids\ndate: 2023-06-01\nlang: nl\n---\n\nEen gids.\n",
        "content/nl/over.md": "---\ntitle: Over\ndate: 2023-06-01\nlang: nl\n---\n\nOver ons.\n",
    })
    assert run_cli(root, "extract").returncode == 0
    _translate_all(root, {"over": "kennis"})
    done = run_cli(root, "merge")
    assert done.returncode == 1
    assert "content/de/kennis/_index.md (the list page of its folder)" in done.stdout + done.stderr


@needs_gettext
@pytest.mark.parametrize("edited", [False, True])
def test_a_post_made_a_bundle_keeps_its_catalogs_and_its_old_german_post_goes_unless_edited(
    tmp_path: Path, edited: bool,
) -> None:
    """``git mv x.md x/index.md``: the same post id, so its catalogs stay where they are; merge
    writes the German post into the bundle and removes the German ``x.md`` it wrote before
    (the same page: Hugo would publish the bundle), saying so; one changed by hand since stays,
    and check says what to do with it."""
    root = _site(tmp_path, {"content/nl/blog/fietsen.md": "---\ntitle: Fietsen\ndate: 2023-06-01\nlang: nl\n---\n\n"
                                                         "Een goede jas.\n"})
    assert run_cli(root, "extract").returncode == 0
    _translate_all(root)
    assert run_cli(root, "merge").returncode == 0
    old_german = root / "content" / "de" / "blog" / "fietsen.md"
    if edited:
        old_german.write_text(old_german.read_text(encoding="utf-8") + "\nEin Satz von Hand.\n", encoding="utf-8")
    had = _translations(po_path(root, "blog/fietsen"))
    source = root / "content" / "nl" / "blog"
    (source / "fietsen").mkdir()
    (source / "fietsen.md").rename(source / "fietsen" / "index.md")
    done = run_cli(root, "extract")
    assert done.returncode == 0 and "moved" not in done.stdout, done.stdout
    # the same id: the same catalog, its references naming the bundle's index.md
    assert sorted(p.relative_to(root).as_posix() for p in (root / "locale").rglob("*.po*")) == [
        "locale/de/LC_MESSAGES/blog/fietsen.po", "locale/templates/blog/fietsen.pot"]
    assert _translations(po_path(root, "blog/fietsen")) == had
    assert "#: content/nl/blog/fietsen/index.md:7" in po_path(root, "blog/fietsen").read_text(encoding="utf-8")
    done = run_cli(root, "merge")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (root / "content" / "de" / "blog" / "fietsen" / "index.md").is_file()
    removed = ("warning: content/de/blog/fietsen.md: removed, the German post of content/nl/blog/fietsen.md "
               "before that post became the page bundle content/nl/blog/fietsen/index.md")
    done_check = run_cli(root, "check")
    if not edited:
        assert removed in done.stdout + done.stderr, done.stdout + done.stderr
        assert not old_german.exists()
        assert done_check.returncode == 0, done_check.stdout
        return
    assert "removed" not in done.stdout + done.stderr and "Ein Satz von Hand." in old_german.read_text(encoding="utf-8")
    assert done_check.returncode == 1
    lines = done_check.stdout.splitlines()
    said = lines[lines.index("content/de/blog/fietsen.md") + 1]
    assert said.endswith("the page bundle content/de/blog/fietsen/index.md is the same page (Hugo publishes the "
                         "bundle at its URL, and not this file): merge writes the German post into the bundle "
                         "now: delete this file (a hand edit of it copied there first) [post-clash]"), said
    old_german.unlink()  # the advice, followed
    assert run_cli(root, "check").returncode == 0


@needs_gettext
@needs_hugo
def test_a_post_at_its_folder_s_section_url_is_said_and_the_section_page_is_not(tmp_path: Path) -> None:
    """``kennis.md`` beside ``kennis/_index.md``: both at /kennis/, and Hugo 0.111 publishes one
    of them (exit 0; which one changes from build to build), the other gone. Check says so of
    the post, whose slug can move it, and not of the section page, whose slug Hugo ignores (it
    used to be told to make its slug '_index' unique)."""
    root = _site(tmp_path, {
        "content/nl/kennis/_index.md": "---\ntitle: Kennis\nlang: nl\n---\n\nAlles wat we weten.\n",
        "content/nl/kennis/gids.md": "---\ntitle: Gids\ndate: 2023-06-01\nlang: nl\n---\n\nEen gids.\n",
        "content/nl/kennis.md": "---\ntitle: Kennisbank\ndate: 2023-06-01\nlang: nl\n---\n\nEen pagina.\n",
    })
    _built(root)
    published = "".join(p.read_text(encoding="utf-8") for p in (root / "public").rglob("*.html"))
    assert ("Alles wat we weten." in published) != ("Een pagina." in published)  # one of the two
    assert run_cli(root, "extract").returncode == 0
    done = run_cli(root, "check")
    lines = done.stdout.splitlines()
    clashes = [(lines[number - 1], line) for number, line in enumerate(lines) if "[slug-clash]" in line]
    assert clashes == [("content/nl/kennis.md", "  1: error: slug 'kennis' is the URL of content/nl/kennis/_index.md, "
                        "the list page of its folder (Hugo publishes one of the two there, which one from build "
                        "to build): give it another slug [slug-clash]")], done.stdout
    text = (root / "content" / "nl" / "kennis.md").read_text(encoding="utf-8")
    (root / "content" / "nl" / "kennis.md").write_text(text.replace("lang: nl\n", "lang: nl\nslug: kennisbank\n"),
                                                       encoding="utf-8")  # the advice, followed
    assert run_cli(root, "extract").returncode == 0
    assert "[slug-clash]" not in run_cli(root, "check").stdout


def test_a_section_page_s_german_slug_is_never_index_and_a_bundle_s_key_is_its_file_s() -> None:
    from pipeline.links import german_slug, translation_key

    assert german_slug("_index", None, "_index", section=True) == "_index"  # the msgid copied
    assert german_slug(None, "Index", "_index", section=True) == "_index"  # a title "Index"
    assert german_slug("-Index-", None, "_index", section=True) == "_index"
    assert german_slug("nachrichten", None, "_index", section=True) == "nachrichten"  # ignored by Hugo, kept
    assert german_slug(None, "Index", "register") == "index"  # a page's slug "index" is Hugo's to place
    assert translation_key("2023/reis/index.md") == "2023/reis/index"  # Hugo's key of a bundle
    assert translation_key("blog/_index.md") == "blog" and translation_key("_index.md") == ""
    assert translation_key("blog/x.md") == "blog/x"


@needs_hugo
def test_hugo_ignores_a_section_page_s_slug_but_index_which_moves_its_page(tmp_path: Path) -> None:
    """Why a German section page never gets the slug ``index``: Hugo 0.111 publishes it at
    ``/de/<folder>.html`` then; any other slug (``_index`` too) it ignores."""
    files: dict[str, str | bytes] = {}
    for folder, slug in (("a", "index"), ("b", "_index"), ("c", "anders"), ("d", "Index")):
        files[f"content/nl/{folder}/_index.md"] = f"---\ntitle: {folder}\n---\n\nx\n"
        files[f"content/nl/{folder}/p.md"] = "---\ntitle: p\n---\n\nx\n"
        files[f"content/de/{folder}/_index.md"] = f"---\ntitle: {folder}\nslug: {slug}\n---\n\nx\n"
    root = _site(tmp_path, files)
    _built(root)
    public = root / "public" / "de"
    assert (public / "a.html").is_file() and not (public / "a" / "index.html").exists()
    assert all((public / folder / "index.html").is_file() for folder in ("b", "c", "d"))


@needs_gettext
def test_the_api_names_a_bundle_s_template_by_its_folder_as_extract_does(tmp_path: Path) -> None:
    from pipeline.api import template_of, translate

    template = template_of(REIS, "2023/reis/index", now=1767225600)  # run_cli's SOURCE_DATE_EPOCH
    assert '"Project-Id-Version: 2023/reis\\n"' in template
    assert "#: content/nl/2023/reis/index.md:7" in template
    root = _site(tmp_path, {"content/nl/2023/reis/index.md": REIS})
    assert run_cli(root, "extract").returncode == 0
    assert pot_path(root, "2023/reis").read_text(encoding="utf-8") == template
    catalog = template.replace('msgid "We fietsten drie dagen langs de kust."\nmsgstr ""',
                               'msgid "We fietsten drie dagen langs de kust."\nmsgstr "Wir radelten drei Tage."')
    german = translate(REIS, catalog, post_id="2023/reis/index")
    assert "Wir radelten drei Tage." in german and "translationKey: 2023/reis/index\n" in german


@needs_gettext
def test_pipeline_mv_moves_a_bundle_s_page_out_of_and_into_a_bundle_with_its_catalogs_and_links(
    tmp_path: Path,
) -> None:
    """A bundle of its page alone moved to a plain post, that post made a bundle again, that
    bundle's folder moved: the catalogs follow the post's id (the folder's for a bundle), the
    links to and from it are written for where its file is (a bundle's relative to its
    folder), each old URL an alias, each line naming the file where it is."""
    root = _site(tmp_path, {
        "content/nl/a.md": "---\ntitle: A\ndate: 2023-06-01\nlang: nl\n---\n\nZie [y](y/index.md).\n",
        "content/nl/y/index.md": "---\ntitle: Y\ndate: 2023-06-01\nlang: nl\n---\n\nTerug naar [a](../a.md).\n",
    })
    assert run_cli(root, "extract").returncode == 0
    _translate_all(root)
    had = _translations(po_path(root, "y"))
    source = root / "content" / "nl"

    def catalogs() -> list[str]:
        return sorted(p.relative_to(root / "locale").as_posix() for p in (root / "locale").rglob("*.po*"))

    done = run_cli(root, "mv", "y/index", "z")
    assert done.returncode == 0, done.stderr
    assert "added /y/ to the aliases of content/nl/z.md (its old Dutch URL)" in done.stdout
    assert "[y](z.md)" in (source / "a.md").read_text(encoding="utf-8")
    assert "Terug naar [a](a.md)." in (source / "z.md").read_text(encoding="utf-8")
    assert catalogs() == ["de/LC_MESSAGES/a.po", "de/LC_MESSAGES/z.po", "templates/a.pot", "templates/z.pot"]

    done = run_cli(root, "mv", "z.md", "w/index.md")
    assert done.returncode == 0, done.stderr
    assert "added /z/ to the aliases of content/nl/w/index.md (its old Dutch URL)" in done.stdout
    assert "[y](w/index.md)" in (source / "a.md").read_text(encoding="utf-8")
    assert "Terug naar [a](../a.md)." in (source / "w" / "index.md").read_text(encoding="utf-8")
    assert catalogs() == ["de/LC_MESSAGES/a.po", "de/LC_MESSAGES/w.po", "templates/a.pot", "templates/w.pot"]

    done = run_cli(root, "mv", "w", "v")
    assert done.returncode == 0, done.stderr
    assert "moved locale/de/LC_MESSAGES/w.po -> locale/de/LC_MESSAGES/v.po" in done.stdout
    assert "[y](v/index.md)" in (source / "a.md").read_text(encoding="utf-8")
    assert "aliases: [/y/, /z/, /w/]" in (source / "v" / "index.md").read_text(encoding="utf-8")
    assert catalogs() == ["de/LC_MESSAGES/a.po", "de/LC_MESSAGES/v.po", "templates/a.pot", "templates/v.pot"]
    now = _translations(po_path(root, "v"))  # the slug entry's msgid is the new name's, its translation kept
    assert {key: text for key, text in now.items() if key[0] != "slug"} == {
        key: text for key, text in had.items() if key[0] != "slug"}
    assert now[("slug", "v")] == had[("slug", "y")]
    assert run_cli(root, "extract").returncode == 0
    assert run_cli(root, "merge").returncode == 0
    assert (root / "content" / "de" / "v" / "index.md").is_file()


# ---------------------------------------------------------------------------------------
# Markdown inside a leaf bundle: its resources, not pages

NESTED = {
    "content/nl/blog/reis/index.md": "---\ntitle: De reis\ndate: 2023-06-01\nlang: nl\n---\n\nDe bundel.\n",
    "content/nl/blog/reis/notities.md": "---\ntitle: Notities\n---\n\nEen bron van de bundel.\n",
    "content/nl/blog/reis/dag/_index.md": "---\ntitle: Dag\n---\n\nOok een bron.\n",
    "content/nl/blog/reis/kaart/index.md": "---\ntitle: Kaart\n---\n\nEen bundel in een bundel.\n",
    # a folder with _index.md and index.md is a section: its other posts are pages
    "content/nl/blog/beide/_index.md": "---\ntitle: Beide\n---\n\nDe sectie.\n",
    "content/nl/blog/beide/stuk.md": "---\ntitle: Stuk\ndate: 2023-06-01\nlang: nl\n---\n\nEen pagina.\n",
}


@needs_hugo
def test_hugo_publishes_no_page_for_markdown_inside_a_leaf_bundle(tmp_path: Path) -> None:
    """Why the pipeline leaves them: Hugo 0.111 makes them the bundle's resources."""
    root = _site(tmp_path, NESTED)
    crawl = _built(root)
    assert sorted(u for u in crawl.pages if "/blog/" in u and "/de/" not in u) == [
        "/blog/", "/blog/beide/", "/blog/beide/stuk/", "/blog/reis/"]


@needs_gettext
def test_markdown_inside_a_leaf_bundle_is_no_post_and_gives_no_false_slug_clash(tmp_path: Path) -> None:
    root = _site(tmp_path, NESTED)
    done = run_cli(root, "extract")
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.relative_to(root / "locale" / "templates").as_posix()
                  for p in (root / "locale" / "templates").rglob("*.pot")) == [
        "blog/beide/_index.pot", "blog/beide/stuk.pot", "blog/reis.pot"]
    _translate_all(root)
    assert run_cli(root, "merge").returncode == 0
    done = run_cli(root, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "slug-clash" not in done.stdout
    # named by a path: the bundle is the post; a resource in it is not one, said in one line
    assert run_cli(root, "extract", "content/nl/blog/reis").returncode == 0
    for resource in ("content/nl/blog/reis/notities.md", "content/nl/blog/reis/kaart"):
        done = run_cli(root, "extract", resource)
        assert done.returncode == 2  # as for any path that names no post
        assert done.stderr.strip().splitlines()[-1] == (
            f"Error: Invalid value for PATHS: {resource}: inside the page bundle content/nl/blog/reis/index.md, whose resource "
            "it is (Hugo publishes no page for it): name the bundle's folder, content/nl/blog/reis")


@needs_gettext
def test_pipeline_mv_of_a_bundle_s_folder_names_the_german_bundle_where_it_goes_and_a_hand_move_too(
    tmp_path: Path,
) -> None:
    """Renamed by ``pipeline mv`` (a dry run first) and by hand (``git mv``): every line names the
    German post as the bundle it is (not ``x.md``), and the translations are kept."""
    root = _site(tmp_path, {
        "content/nl/blog/reis/index.md": "---\ntitle: De reis\ndate: 2023-06-01\nlang: nl\n---\n\nLangs de kust.\n",
        "content/nl/blog/reis/kaart.png": _png(2, 2),
    })
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    assert run_cli(root, "extract").returncode == 0
    _translate_all(root)
    had = _translations(po_path(root, "blog/reis"))
    assert run_cli(root, "merge").returncode == 0
    for args in (("--dry-run",), ()):
        done = run_cli(root, "mv", "content/nl/blog/reis", "content/nl/blog/tocht", *args)
        assert done.returncode == 0, done.stderr
        verb = "would move" if args else "moved"
        assert f"{verb} content/de/blog/reis/index.md -> content/de/blog/tocht/index.md\n" in done.stdout
    assert (root / "content" / "de" / "blog" / "tocht" / "index.md").is_file()
    assert run_cli(root, "extract").returncode == 0
    assert run_cli(root, "merge").returncode == 0
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(root), "mv", "content/nl/blog/tocht", "content/nl/blog/rit"], check=True)
    done = run_cli(root, "check")
    assert done.returncode == 1
    assert "content/nl/blog/tocht.md" not in done.stdout, done.stdout
    assert "no post content/nl/blog/tocht/index.md: it moved to content/nl/blog/rit/index.md" in done.stdout
    done = run_cli(root, "extract")  # what check said to run
    assert done.returncode == 0, done.stderr
    assert "content/de/blog/tocht/index.md -> content/de/blog/rit/index.md" in done.stdout
    assert run_cli(root, "merge").returncode == 0
    now = _translations(po_path(root, "blog/rit"))
    assert {k: v for k, v in now.items() if k[0] != "slug"} == {k: v for k, v in had.items() if k[0] != "slug"}
    assert run_cli(root, "check").returncode == 0


@needs_gettext
def test_a_german_resource_in_a_bundle_s_folder_is_no_orphan_post(tmp_path: Path) -> None:
    """A translated Markdown resource put in the German bundle by hand (it wins over the Dutch
    one, as a translated image does) is no post without a Dutch original."""
    root = _site(tmp_path, NESTED)
    assert run_cli(root, "extract").returncode == 0
    _translate_all(root)
    assert run_cli(root, "merge").returncode == 0
    german = root / "content" / "de" / "blog" / "reis"
    (german / "notities.md").write_text("---\ntitle: Notizen\n---\n\nEine Quelle des Bündels.\n", encoding="utf-8")
    (german / "dag").mkdir()
    (german / "dag" / "_index.md").write_text("---\ntitle: Tag\n---\n\nAuch eine Quelle.\n", encoding="utf-8")
    done = run_cli(root, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "orphan" not in done.stdout
    done = run_cli(root, "merge")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (german / "notities.md").read_text(encoding="utf-8").startswith("---\ntitle: Notizen\n")


@needs_gettext
def test_a_section_page_s_slug_copied_as_it_is_gets_no_slug_form_warning(tmp_path: Path) -> None:
    """Hugo ignores a section page's slug, and merge keeps ``_index`` copied from the msgid:
    check has nothing to say of it (it warned ``slug '_index' will be written as 'index'``)."""
    root = _site(tmp_path, {
        "content/nl/blog/_index.md": "---\ntitle: Blog\n---\n\nAlle berichten.\n",
        "content/nl/blog/stuk.md": "---\ntitle: Stuk\ndate: 2023-06-01\nlang: nl\n---\n\nEen stuk.\n",
    })
    assert run_cli(root, "extract").returncode == 0
    _translate_all(root)  # the slug's msgid copied
    assert run_cli(root, "merge").returncode == 0
    done = run_cli(root, "check")
    assert done.returncode == 0, done.stdout
    assert "slug-form" not in done.stdout, done.stdout
    _translate_all(root, {"_index": "Über Uns"})  # a slug of another form still is said
    assert "slug 'Über Uns' will be written as 'ueber-uns'" in run_cli(root, "check").stdout
