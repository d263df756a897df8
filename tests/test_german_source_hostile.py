"""Issue 16, attacked: German-authored posts as sources, tried as a translator, an editor, a
German partner, a misconfigured CI and a broken file would, against the guarantees the
Dutch -> German direction has. Real CLI (in process), real Hugo 0.111, real GNU gettext.

The site: a copy of this repository's (its Dutch post and German translation) with German
sources: the short blog post of tests/fixtures/german-source/ (YAML), and German posts
written here (TOML and JSON front matter, a leaf bundle, a section page).

Some tests here fail on purpose (hostile tester's reproducers): each says in its docstring
what happens and what should happen instead."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from german_site import cli, copy_repo_site, files, fresh_copy, keep_or_identity
from merge_support import body, fill_catalog, pseudo_translate
from site_crawl import Crawl, Link
from support import needs_gettext

from pipeline.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DUTCH_ID = "2017-02-22-workshop-e-learning-toekomst"
BLOG_ID = "2024-03-05-e-learning-im-mittelstand"

pytestmark = [
    pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo')"),
    needs_gettext,
]

TOML_POST = """+++
title = "Ein TOML-Beitrag"
date = 2024-05-01T10:00:00+02:00
+++

Ein Absatz in TOML.

## Eine Überschrift
"""
JSON_POST = """{
  "title": "Ein JSON-Beitrag",
  "date": "2024-05-02T10:00:00+02:00"
}

Ein Absatz in JSON.
"""
BUNDLE_POST = """---
title: "Unsere Reise"
date: 2024-05-03T10:00:00+02:00
---

Ein Bild: ![Karte](karte.png)
"""
SECTION_PAGE = """---
title: "Neuigkeiten"
---

Alle Neuigkeiten.
"""


def translate_dutch(root: Path, translate=lambda context, msgid: msgid) -> None:
    for path in sorted((root / "locale" / "nl" / "LC_MESSAGES").rglob("*.po")):
        fill_catalog(path, translate)


def body_links(crawl: Crawl, page: str) -> list[Link]:
    """A page's links but its language switch and hreflang links (this site's layouts put
    the body in no element of its own)."""
    return [link for link in crawl.pages[page].links if link.tag == "a" and link.hreflang is None]


def repo_site(root: Path) -> Path:
    copy_repo_site(root)
    return root


def make_site(root: Path) -> Path:
    repo_site(root)
    german = root / "content" / "de"
    shutil.copy(FIXTURES / "german-source" / f"{BLOG_ID}.md", german / f"{BLOG_ID}.md")
    (german / "toml-beitrag.md").write_text(TOML_POST, encoding="utf-8")
    (german / "json-beitrag.md").write_text(JSON_POST, encoding="utf-8")
    (german / "reise").mkdir()
    (german / "reise" / "index.md").write_text(BUNDLE_POST, encoding="utf-8")
    (german / "reise" / "karte.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (german / "neues").mkdir()
    (german / "neues" / "_index.md").write_text(SECTION_PAGE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The site extracted, its Dutch catalogs translated as identity, merged; then extract and
    merge again (which must change nothing)."""
    root = make_site(tmp_path_factory.mktemp("german-hostile") / "site")
    cli(root, "extract")
    translate_dutch(root)
    cli(root, "extract")  # the German terms catalog translated too: extract records what it gave the posts
    merged = cli(root, "merge")
    after = files(root)
    rerun = cli(root, "extract") + cli(root, "merge")
    return {"root": root, "merged": merged, "after_merge": after, "rerun": rerun, "after_rerun": files(root)}


@pytest.fixture()
def site(base: dict[str, object], tmp_path: Path) -> Path:
    root = base["root"]
    assert isinstance(root, Path)
    copy = fresh_copy(root, tmp_path)
    return copy


# ---------------------------------------------------------------------------------------
# Attacks that hold (guarantees kept): these pass


def test_toml_json_bundle_and_section_sources_merge_byte_exact_and_re_runs_change_nothing(
        base: dict[str, object]) -> None:
    root = base["root"]
    assert isinstance(root, Path)
    for source, made in (("toml-beitrag.md", "toml-beitrag.md"), ("json-beitrag.md", "json-beitrag.md"),
                         ("reise/index.md", "reise/index.md"), ("neues/_index.md", "neues/_index.md")):
        german = (root / "content" / "de" / source).read_text(encoding="utf-8")
        dutch = (root / "content" / "nl" / made).read_text(encoding="utf-8")
        assert body(dutch) == body(german), source
        assert f"content/de/{source}" in dutch, dutch  # its generation record names its source
    # the front matter format kept: TOML stays TOML, JSON stays JSON
    assert (root / "content" / "nl" / "toml-beitrag.md").read_text(encoding="utf-8").startswith("+++\n")
    assert (root / "content" / "nl" / "json-beitrag.md").read_text(encoding="utf-8").startswith("{\n")
    # a leaf bundle's catalogs are named by its folder, as a Dutch bundle's
    assert (root / "locale" / "nl" / "LC_MESSAGES" / "reise.po").is_file()
    assert not (root / "locale" / "nl" / "LC_MESSAGES" / "reise" / "index.po").exists()
    assert base["after_rerun"] == base["after_merge"]
    assert "merge: 6 unchanged" in str(base["rerun"]) and " 0 files written" in str(base["rerun"]), base["rerun"]


def test_catalogs_of_german_sources_are_gnu_exact(base: dict[str, object]) -> None:
    root = base["root"]
    assert isinstance(root, Path)
    catalogs = sorted((root / "locale" / "nl" / "LC_MESSAGES").rglob("*.po"))
    templates = [root / "locale" / "templates" / f"{i}.pot"
                 for i in (BLOG_ID, "toml-beitrag", "json-beitrag", "reise", "neues/_index", "_terms-de")]
    assert len(catalogs) == 6  # the German sources' and their terms catalog
    for path in [*catalogs, *templates]:
        catted = subprocess.run(["msgcat", "--no-wrap", str(path)], capture_output=True, check=True).stdout
        assert catted == path.read_bytes(), path
    for path in catalogs:
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, check=True)


def test_hugo_pairs_every_kind_of_german_source_and_the_bundle_s_image_is_there(
        base: dict[str, object], tmp_path: Path) -> None:
    root = base["root"]
    assert isinstance(root, Path)
    subprocess.run(["hugo", "--source", str(root), "--destination", str(tmp_path / "public")],
                   check=True, capture_output=True, timeout=120)
    crawl = Crawl.of(tmp_path / "public")
    for dutch, german in (("/toml-beitrag/", "/de/toml-beitrag/"), ("/json-beitrag/", "/de/json-beitrag/"),
                          ("/reise/", "/de/reise/"), ("/e-learning-im-mittelstand/", "/de/e-learning-im-mittelstand/")):
        assert crawl.pages[dutch].language == "nl" and crawl.pages[german].language == "de"
        assert crawl.pages[dutch].alternates == {"de": german}, (dutch, crawl.pages[dutch].alternates)
        assert crawl.pages[german].alternates == {"nl": dutch}, (german, crawl.pages[german].alternates)
    assert (tmp_path / "public" / "reise" / "karte.png").is_file()  # Hugo gives the Dutch bundle the German image
    sourced = ("/toml-beitrag/", "/de/toml-beitrag/", "/json-beitrag/", "/de/json-beitrag/", "/reise/", "/de/reise/",
               "/e-learning-im-mittelstand/", "/de/e-learning-im-mittelstand/")
    assert {page: dead for page, dead in crawl.broken_links().items() if page in sourced} == {}
    assert [link.target for link in body_links(crawl, "/e-learning-im-mittelstand/")] == ["/workshop-e-learning-toekomst/"]


def test_check_is_clean_and_names_a_german_source_s_stale_catalogs_by_its_path(site: Path) -> None:
    result = CliRunner().invoke(main, ["-C", str(site), "check"])
    assert result.exit_code == 0, result.output
    with open(site / "content" / "de" / "toml-beitrag.md", "a", encoding="utf-8") as post:
        post.write("\nEin neuer Absatz.\n")
    said = cli(site, "check", "content/de/toml-beitrag.md", code=1)  # what the pre-commit hook runs
    assert "locale/nl/LC_MESSAGES/toml-beitrag.po\n  -: error: stale for content/de/toml-beitrag.md: run `pipeline" in said, said


def test_broken_german_sources_are_one_line_errors_and_nothing_is_written(site: Path) -> None:
    (site / "content" / "de" / "kaputt.md").write_text('---\ntitle: "Kaputt\ndate: 2024-05-01\n---\n\nText.\n',
                                                        encoding="utf-8")
    (site / "content" / "de" / "latin.md").write_bytes(b'---\ntitle: "Latin"\ndate: 2024-05-01\n---\n\nGr\xfc\xdfe.\n')
    before = files(site)
    for command in ("extract", "merge"):
        result = CliRunner().invoke(main, ["-C", str(site), command])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert "content/de/kaputt.md:4: front matter is not valid YAML" in result.output, result.output
        assert "content/de/latin.md:6: not UTF-8 (byte 0xFC): save the file as UTF-8" in result.output, result.output
    assert files(site) == before


def test_pseudo_translated_german_source_links_to_its_own_and_other_anchors_stay_alive(
        site: Path, tmp_path: Path) -> None:
    (site / "content" / "de" / "zweiter.md").write_text(
        "---\ntitle: \"Zweiter Beitrag\"\ndate: 2024-05-04T10:00:00+02:00\n---\n\n## Erster Abschnitt\n\n"
        "Siehe [unten](#zweiter-abschnitt) und den "
        "[ersten Beitrag](/de/e-learning-im-mittelstand/#was-gut-funktioniert-hat).\n\n"
        "## Zweiter Abschnitt\n\nText.\n", encoding="utf-8")
    cli(site, "extract")
    fill_catalog(site / "locale" / "nl" / "LC_MESSAGES" / "zweiter.po", pseudo_translate)
    fill_catalog(site / "locale" / "nl" / "LC_MESSAGES" / f"{BLOG_ID}.po", pseudo_translate)
    cli(site, "merge")
    cli(site, "check")
    subprocess.run(["hugo", "--source", str(site), "--destination", str(tmp_path / "public")],
                   check=True, capture_output=True, timeout=120)
    crawl = Crawl.of(tmp_path / "public")
    dutch = next(page for page, found in crawl.pages.items() if found.language == "nl" and "zweiter" in page)
    links = body_links(crawl, dutch)
    assert len(links) == 2, links
    assert [(link.href, crawl.broken(link)) for link in links if crawl.broken(link) is not None] == []


def test_check_fix_fixes_a_german_source_s_date_and_tags(site: Path) -> None:
    path = site / "content" / "de" / "datum.md"
    path.write_text('---\ntitle: "Datum"\ndate: 2024-03-01 08:00 CEST\ntags: a, b\n---\n\nText.\n', encoding="utf-8")
    said = cli(site, "check", code=None)
    assert "content/de/datum.md\n  3: warning: date '2024-03-01 08:00 CEST' says CEST, but CET was in force in Europe/Berlin" in said, said
    cli(site, "check", "--fix", code=None)
    assert path.read_text(encoding="utf-8") == '---\ntitle: "Datum"\ndate: 2024-03-01T08:00:00+01:00\ntags: [a, b]\n---\n\nText.\n'


def test_a_decomposed_unicode_name_is_refused_in_either_language(site: Path) -> None:
    name = unicodedata.normalize("NFD", "grüße")
    for language in ("de", "nl"):
        post = site / "content" / language / f"{name}.md"
        post.write_text('---\ntitle: "Grüße"\ndate: 2024-05-01T10:00:00+02:00\n---\n\nText.\n', encoding="utf-8")
        before = files(site)
        said = cli(site, "extract", code=1)
        assert f"error: content/{language}/gru\\u0308ße.md: a name in decomposed Unicode" in said, said
        assert files(site) == before
        post.unlink()


def test_a_generated_german_post_whose_record_was_deleted_stays_no_source(site: Path) -> None:
    """The Dutch -> German direction: the German post without its record claims to be a source
    of the Dutch post's pair; the Dutch post stays the source, nothing is extracted of the
    German post, and check names the German post."""
    path = site / "content" / "de" / f"{DUTCH_ID}.md"
    path.write_text(re.sub(r"generated_from:\n(?:  .*\n)+", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert "generated_from" not in path.read_text(encoding="utf-8")
    before = files(site)
    cli(site, "extract")
    assert files(site) == before
    said = cli(site, "check", code=1)
    assert f"content/de/{DUTCH_ID}.md\n  1: error: changed by hand since merge wrote it" in said, said
    assert (f"  1: error: the pair of content/nl/{DUTCH_ID}.md (same id or translationKey) has two sources"
            in said), said


def test_a_german_source_with_a_bom_and_crlf_merges_byte_exact(site: Path) -> None:
    source = (b'\xef\xbb\xbf---\r\ntitle: "CRLF"\r\ndate: 2024-05-01T10:00:00+02:00\r\n---\r\n\r\n'
              b"Erste Zeile  \r\nzweite Zeile.\r\n\r\n* a\r\n* b\r\n")
    (site / "content" / "de" / "crlf.md").write_bytes(source)
    cli(site, "extract")
    translate_dutch(site)
    cli(site, "merge")
    made = (site / "content" / "nl" / "crlf.md").read_bytes()
    assert made.startswith(b"\xef\xbb\xbf---\r\n") and made.count(b"\n") == made.count(b"\r\n")
    assert made.split(b"---\r\n", 2)[2] == source.split(b"---\r\n", 2)[2]


# ---------------------------------------------------------------------------------------
# Attacks that break a guarantee: these fail now


def test_status_reports_the_dutch_catalogs_of_german_sources(site: Path) -> None:
    """What happens: `pipeline status` lists the German catalogs only; the Dutch catalogs of
    German sources (even at 0 %) are left out, and `status content/de/<source>.md` is a usage
    error ("not a post under content/nl/"). Should: a row per Dutch catalog (language nl),
    and a German source accepted as a PATH, as `check` does."""
    fill_catalog(site / "locale" / "nl" / "LC_MESSAGES" / "toml-beitrag.po", lambda context, msgid: None)
    rows = json.loads(cli(site, "status", "--format", "json"))["rows"]
    assert ("toml-beitrag", "nl") in {(row["post"], row["language"]) for row in rows}, rows
    said = cli(site, "status", "content/de/toml-beitrag.md")
    assert "toml-beitrag" in said and " nl " in said, said


def test_min_translated_takes_a_threshold_for_dutch_the_language_german_sources_go_to(site: Path) -> None:
    """What happens: `check --min-translated nl=50` (and `merge`) is a usage error, "'nl' is not
    a target language (de)": the Dutch catalogs of German sources cannot have their own
    threshold. Should: nl is a language catalogs are checked in, so it takes a threshold."""
    path = site / "locale" / "nl" / "LC_MESSAGES" / "toml-beitrag.po"
    fill_catalog(path, lambda context, msgid: None if msgid == "Eine Überschrift" else msgid)
    cli(site, "merge", "--min-translated", "nl=50")
    said = cli(site, "check", "--min-translated", "nl=50", code=None)
    assert "Invalid value for '--min-translated'" not in said, said
    assert "[incomplete]" not in said, said


def test_a_generated_dutch_post_whose_record_was_deleted_does_not_take_over_its_pair(site: Path) -> None:
    """What happens: delete the generation record of a Dutch post merge made of a German
    source, and `extract` (exit 0, no word) takes the Dutch post for the source: it rewrites
    the German source's template from the Dutch post and creates a German catalog of it; check
    then calls the German original the second source and advises to delete it. Should: the
    German source stays the source (its catalogs say so); extract writes nothing of the
    Dutch post; check reports the Dutch post (edited by hand: record missing), not the original."""
    path = site / "content" / "nl" / "toml-beitrag.md"
    path.write_text(re.sub(r"\[generated_from\]\n(?:[a-z_0-9]+ = .*\n)+", "",
                           path.read_text(encoding="utf-8")), encoding="utf-8")
    assert "generated_from" not in path.read_text(encoding="utf-8")
    template = site / "locale" / "templates" / "toml-beitrag.pot"
    before = template.read_bytes()
    cli(site, "extract", code=None)
    assert not (site / "locale" / "de" / "LC_MESSAGES" / "toml-beitrag.po").exists()
    assert template.read_bytes() == before
    said = cli(site, "check", code=1)
    assert "content/nl/toml-beitrag.md\n  1: error: changed by hand since merge wrote it" in said, said
    assert "content/de/toml-beitrag.md\n  1: error: the pair of content/nl/toml-beitrag.md" not in said, said


def test_a_check_of_a_generated_dutch_post_finds_its_hand_edit(site: Path) -> None:
    """What happens: `pipeline check content/nl/<id>.md` (what the pre-commit hook runs when the
    Dutch page of a German source is committed) says "0 errors ... 0 of 0 units" for a Dutch
    page edited by hand, which the whole-site check reports (post-edited), and which
    `check content/de/<id>.md` reports in the Dutch -> German direction. Should: exit 1, post-edited."""
    path = site / "content" / "nl" / "toml-beitrag.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Ein Absatz in TOML.", "Een alinea in TOML."),
                    encoding="utf-8")
    whole = cli(site, "check", code=1)
    assert "content/nl/toml-beitrag.md\n  1: error: changed by hand since merge wrote it" in whole, whole
    said = cli(site, "check", "content/nl/toml-beitrag.md", code=None)
    assert "content/nl/toml-beitrag.md\n  1: error: changed by hand since merge wrote it" in said, said


def test_one_merge_reaches_the_fixpoint_when_a_dutch_source_links_to_a_german_source_s_dutch_page(
        tmp_path: Path) -> None:
    """What happens: a German source whose Dutch slug is translated (anker -> ankerx) and a
    Dutch source linking to that Dutch page (/ankerx/): the first `merge` writes the German
    post with the link left as /ankerx/ (warning "no de page for it": the Dutch page is made
    later in the same run), `check` then fails (post-stale: "run pipeline merge") and a second
    merge rewrites it to /de/anker/. Should: one merge writes /de/anker/; check passes after it."""
    root = repo_site(tmp_path / "site")
    (root / "content" / "de" / "anker.md").write_text(
        '---\ntitle: "Anker"\ndate: 2024-05-01T10:00:00+02:00\n---\n\n## Ein Abschnitt\n\nText.\n', encoding="utf-8")
    with open(root / "content" / "nl" / f"{DUTCH_ID}.md", "a", encoding="utf-8") as dutch:
        dutch.write("\nZie [de sectie](/ankerx/).\n")
    cli(root, "extract")
    fill_catalog(root / "locale" / "nl" / "LC_MESSAGES" / "anker.po",
                 lambda context, msgid: "ankerx" if context == "slug" else msgid)
    keep_or_identity(root / "locale" / "de" / "LC_MESSAGES" / f"{DUTCH_ID}.po")
    first = cli(root, "merge")
    german = (root / "content" / "de" / f"{DUTCH_ID}.md").read_text(encoding="utf-8")
    assert german.endswith("\nZie [de sectie](/de/anker/).\n"), (first, german[-100:])
    check = CliRunner().invoke(main, ["-C", str(root), "check"])
    assert "post-stale" not in check.output, check.output
    assert "merge: 2 unchanged" in cli(root, "merge")


def test_pipeline_mv_renames_a_german_source(site: Path) -> None:
    """What happens: `pipeline mv content/de/toml-beitrag.md content/de/toml-neu.md` is refused
    ("OLD is outside content/nl/: give a Dutch post"), while check's advice for a German
    source's orphaned catalog names `pipeline mv`. Should: the German source moved with its
    template, its Dutch catalog and Dutch post, the old Dutch URL kept as an alias."""
    said = cli(site, "mv", "content/de/toml-beitrag.md", "content/de/toml-neu.md", code=None)
    assert (site / "content" / "de" / "toml-neu.md").is_file(), said
    assert (site / "locale" / "nl" / "LC_MESSAGES" / "toml-neu.po").is_file(), said
    assert not (site / "locale" / "nl" / "LC_MESSAGES" / "toml-beitrag.po").exists(), said


def test_a_deleted_german_source_s_catalogs_name_the_post_that_is_gone(site: Path) -> None:
    """What happens: after `rm content/de/toml-beitrag.md`, check says of its template "no post
    content/nl/toml-beitrag.md: delete the catalog, or restore the post" (that Dutch post is
    there; the one gone is the German source) and advises `pipeline mv toml-beitrag NEW`, which
    refuses German posts. Should: name content/de/toml-beitrag.md as the post to restore."""
    (site / "content" / "de" / "toml-beitrag.md").unlink()
    said = cli(site, "check", code=1)
    assert "locale/templates/toml-beitrag.pot\n  -: error: no post content/de/toml-beitrag.md" in said, said
    assert "no post content/nl/toml-beitrag.md" not in said, said


def test_export_xliff_takes_the_dutch_catalogs_of_german_sources(site: Path, tmp_path: Path) -> None:
    """What happens: with a Dutch catalog of a German source left untranslated, `pipeline export
    --xliff DIR` writes nothing ("export: 0 files"): an agency never gets German sources' work.
    Should: DIR/nl/toml-beitrag.xlf, as DIR/de/<id>.xlf for a Dutch source."""
    fill_catalog(site / "locale" / "nl" / "LC_MESSAGES" / "toml-beitrag.po", lambda context, msgid: None)
    said = cli(site, "export", "--xliff", str(tmp_path / "xliff"))
    assert (tmp_path / "xliff" / "nl" / "toml-beitrag.xlf").is_file(), said


def test_pseudo_covers_the_german_sources(site: Path) -> None:
    """What happens: `pipeline pseudo` pseudo-translates the Dutch sources only: the pseudo build
    (used to test layouts before any translator starts) has no page for a German source.
    Should: every source's page in the pseudo language."""
    said = cli(site, "pseudo")
    assert (site / "content" / "de-x-pseudo" / f"{DUTCH_ID}.md").is_file(), said
    assert (site / "content" / "de-x-pseudo" / "toml-beitrag.md").is_file(), said


def test_an_english_source_s_link_to_a_german_source_s_page_is_no_broken_link(tmp_path: Path) -> None:
    """What happens (target-languages = ["de", "en"]): an English source linking to the German
    page of a German source (/de/e-learning-im-mittelstand/, a page Hugo builds) gets
    `link-broken` ("leads to no page or file of the site") from check, and merge warns "no nl
    page for it" though merge writes that Dutch page; a Dutch source's link to the same German
    page is no error. Should: no link-broken for a page that exists."""
    root = repo_site(tmp_path / "site")
    settings = (root / "pyproject.toml").read_text(encoding="utf-8")
    (root / "pyproject.toml").write_text(settings.replace(
        'target-languages = ["de"]\n',
        'target-languages = ["de", "en"]\n'
        'time-zones = { nl = "Europe/Amsterdam", de = "Europe/Berlin", en = "Europe/London" }\n', 1), encoding="utf-8")
    with open(root / "hugo.toml", "a", encoding="utf-8") as hugo:
        hugo.write('\n[languages.en]\ncontentDir = "content/en"\nlanguageName = "English"\nweight = 3\n')
    shutil.copy(FIXTURES / "german-source" / f"{BLOG_ID}.md", root / "content" / "de" / f"{BLOG_ID}.md")
    (root / "content" / "en").mkdir()
    (root / "content" / "en" / "hello-world.md").write_text(
        '---\ntitle: "Hello world"\ndate: 2024-06-01T10:00:00+01:00\n---\n\n'
        "An English post. See [the German one](/de/e-learning-im-mittelstand/).\n", encoding="utf-8")
    cli(root, "extract")
    for path in sorted((root / "locale").rglob("*.po")):
        keep_or_identity(path)
    cli(root, "merge")
    subprocess.run(["hugo", "--source", str(root), "--destination", str(tmp_path / "public")],
                   check=True, capture_output=True, timeout=120)
    assert (tmp_path / "public" / "de" / "e-learning-im-mittelstand" / "index.html").is_file()
    said = CliRunner().invoke(main, ["-C", str(root), "check"]).output
    assert "link to /de/e-learning-im-mittelstand/ leads to no page" not in said, said


def test_check_reports_the_dutch_slug_clash_merge_refuses(site: Path) -> None:
    """What happens: a German source whose Dutch slug is a Dutch source's slug (one URL,
    /workshop-e-learning-toekomst/): merge refuses it ("Dutch slug ... is also the slug of
    ..."), but check reports only "Dutch post missing: run `pipeline merge`" (which fails
    again): check and merge disagree. In the Dutch -> German direction check reports the
    same clash as `slug-clash` on the catalog's line. Should: check reports slug-clash at
    locale/nl/LC_MESSAGES/<id>.po, as merge does."""
    (site / "content" / "de" / "zusammenstoss.md").write_text(
        '---\ntitle: "Zusammenstoß"\ndate: 2024-05-01T10:00:00+02:00\nslug: workshop-e-learning-toekomst\n---\n\nText.\n',
        encoding="utf-8")
    cli(site, "extract")
    translate_dutch(site)
    merged = cli(site, "merge", code=1)
    assert "locale/nl/LC_MESSAGES/zusammenstoss.po:22: Dutch slug 'workshop-e-learning-toekomst'" in merged, merged
    said = cli(site, "check", code=1)
    assert "locale/nl/LC_MESSAGES/zusammenstoss.po\n  22: error: Dutch slug 'workshop-e-learning-toekomst'" in said, said


def test_new_refuses_a_dutch_post_at_the_url_of_a_german_source_s_dutch_page(site: Path) -> None:
    """What happens: `pipeline new "Toml-Beitrag" --date 2024-06-01` writes
    content/nl/2024-06-01-toml-beitrag.md, whose URL (/toml-beitrag/) is the Dutch page of
    the German source toml-beitrag; `new` refuses that for a Dutch source's URL ("its slug
    ... is also the slug of ..."). Should: refused, nothing written."""
    result = CliRunner().invoke(main, ["-C", str(site), "new", "Toml-Beitrag", "--date", "2024-06-01"])
    assert result.exit_code == 2, result.output
    assert not (site / "content" / "nl" / "2024-06-01-toml-beitrag.md").exists()


def test_a_dutch_source_at_a_german_source_s_dutch_url_is_a_clash_and_never_to_be_deleted(site: Path) -> None:
    """What happens: a Dutch source written at the Dutch URL of a German source's page
    (/toml-beitrag/, so Hugo publishes one of the two) is no error of check; merge refuses the
    German source's Dutch page, advising "(no Dutch original content/de/2024-06-01-toml-beitrag.md:
    if that post was renamed, delete content/nl/2024-06-01-toml-beitrag.md)": to delete a
    post written by hand. Should: check reports the slug clash; no advice deletes a source."""
    (site / "content" / "nl" / "2024-06-01-toml-beitrag.md").write_text(
        '---\ntitle: "Toml-Beitrag"\ndate: 2024-06-01T10:00:00+02:00\n---\n\nEen eigen post.\n', encoding="utf-8")
    cli(site, "extract")
    keep_or_identity(site / "locale" / "de" / "LC_MESSAGES" / "2024-06-01-toml-beitrag.po")
    merged = cli(site, "merge", code=None)
    assert "delete content/nl/2024-06-01-toml-beitrag.md" not in merged, merged
    said = cli(site, "check", code=1)
    assert "[slug-clash]" in said or "[url-clash]" in said, said


def test_a_german_term_translated_two_ways_is_said(site: Path) -> None:
    """What happens: two German sources tagged `Weiterbildung`, translated `Bijscholing` in one
    Dutch catalog and `Opleiding` in the other: no terms catalog for German terms, and no
    word from extract or check, so Hugo splits the one German term into two Dutch term pages.
    In the Dutch -> German direction a term is translated once (_terms.po) and a post
    catalog that differs is `term-inconsistent`. Should: the same for German terms."""
    for name in ("eins", "zwei"):
        (site / "content" / "de" / f"{name}.md").write_text(
            f'---\ntitle: "Beitrag {name}"\ndate: 2024-05-01T10:00:00+02:00\ntags: [Weiterbildung]\n---\n\nText {name}.\n',
            encoding="utf-8")
    cli(site, "extract")
    for name, dutch in (("eins", "Bijscholing"), ("zwei", "Opleiding")):
        fill_catalog(site / "locale" / "nl" / "LC_MESSAGES" / f"{name}.po",
                     lambda context, msgid, dutch=dutch: dutch if context == "tags" else msgid)
    said = cli(site, "extract") + cli(site, "merge") + cli(site, "check", code=None)
    assert "term-inconsistent" in said or "Weiterbildung" in said, said


def test_a_dutch_source_s_link_to_a_german_source_with_its_own_url_is_checked_at_that_url(site: Path) -> None:
    """What happens: a German source with `url: /de/meine-url/` (Hugo publishes it there, and
    nowhere else): a Dutch source's link to /de/meine-url/ is `link-broken` ("leads to no page
    or file"), and its link to /de/eigen/ (no page: Hugo builds none there) passes check.
    Links between German sources are right (/de/meine-url/ becomes /eigen/ in Dutch). Should:
    the German page of a German source is where its `url` puts it."""
    (site / "content" / "de" / "eigen.md").write_text(
        '---\ntitle: "Eigene URL"\ndate: 2024-05-01T10:00:00+02:00\nurl: /de/meine-url/\n---\n\nText.\n', encoding="utf-8")
    with open(site / "content" / "nl" / f"{DUTCH_ID}.md", "a", encoding="utf-8") as dutch:
        dutch.write("\nZie [eigen](/de/meine-url/) en [niet](/de/eigen/).\n")
    cli(site, "extract")
    translate_dutch(site)
    keep_or_identity(site / "locale" / "de" / "LC_MESSAGES" / f"{DUTCH_ID}.po")
    cli(site, "merge")
    said = cli(site, "check", code=None)
    assert "link to /de/meine-url/ leads to no page" not in said, said
    assert "link to /de/eigen/ leads to no page" in said, said


def test_anchors_of_links_across_directions_are_alive(site: Path, tmp_path: Path) -> None:
    """What happens: a German source links to a heading of a Dutch source's German page
    (/de/workshop-e-learning-zukunft/#wissensmanagement), a Dutch source to a heading of a
    German source's Dutch page (/anker/#een-sectie). Merge keeps each #anchor as written, so
    Hugo's site has two dead anchors (/workshop-e-learning-toekomst/#wissensmanagement: the
    heading is #kennismanagement; /de/anker/#een-sectie: it is #ein-abschnitt), no word from
    check, and check warns that /anker/ has no #een-sectie, which it has. In the Dutch ->
    German direction anchors are mapped. Should: the anchors mapped, every anchor alive."""
    (site / "content" / "de" / "anker.md").write_text(
        '---\ntitle: "Anker"\ndate: 2024-05-01T10:00:00+02:00\n---\n\n## Ein Abschnitt\n\nText.\n\n'
        "Siehe [Wissen](/de/workshop-e-learning-zukunft/#wissensmanagement).\n", encoding="utf-8")
    with open(site / "content" / "nl" / f"{DUTCH_ID}.md", "a", encoding="utf-8") as dutch:
        dutch.write("\nZie [de sectie](/anker/#een-sectie).\n")
    cli(site, "extract")
    fill_catalog(site / "locale" / "nl" / "LC_MESSAGES" / "anker.po",
                 lambda context, msgid: "Een sectie" if msgid == "Ein Abschnitt" else msgid)
    keep_or_identity(site / "locale" / "de" / "LC_MESSAGES" / f"{DUTCH_ID}.po")
    cli(site, "merge")
    said = cli(site, "check", code=None)
    subprocess.run(["hugo", "--source", str(site), "--destination", str(tmp_path / "public")],
                   check=True, capture_output=True, timeout=120)
    crawl = Crawl.of(tmp_path / "public")
    dead = {page: [(link.href, crawl.broken(link)) for link in body_links(crawl, page)
                   if link.fragment and crawl.broken(link)]
            for page in ("/anker/", "/de/workshop-e-learning-zukunft/")}
    assert dead == {"/anker/": [], "/de/workshop-e-learning-zukunft/": []}, dead
    assert "link to /anker/#een-sectie: its page has no heading" not in said, said


def test_mv_of_a_dutch_source_updates_the_links_of_german_sources_to_it(site: Path, tmp_path: Path) -> None:
    """What happens: `pipeline mv` of a Dutch source updates the links to it in the Dutch
    sources (URL and `ref` alike, and their catalogs), but not in a German source: its
    `{{< ref "<old file>" >}}` names no post any more, check says link-broken, and Hugo's
    build fails (REF_NOT_FOUND, in both languages). Should: the German sources' links
    updated as the Dutch sources' are; Hugo builds."""
    (site / "content" / "de" / "verweis.md").write_text(
        '---\ntitle: "Verweis"\ndate: 2024-05-01T10:00:00+02:00\n---\n\n'
        f'Siehe den [Workshop]({{{{< ref "{DUTCH_ID}.md" >}}}}).\n', encoding="utf-8")
    cli(site, "extract")
    translate_dutch(site)
    cli(site, "merge")
    cli(site, "mv", f"content/nl/{DUTCH_ID}.md", "content/nl/2017-02-22-workshop-neu.md")
    cli(site, "extract")
    cli(site, "merge")
    assert '{{< ref "2017-02-22-workshop-neu.md" >}}' in (site / "content" / "de" / "verweis.md").read_text(encoding="utf-8")
    said = cli(site, "check", code=None)
    assert "[link-broken]" not in said, said
    built = subprocess.run(["hugo", "--source", str(site), "--destination", str(tmp_path / "public")],
                           capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stdout + built.stderr


def test_a_renamed_german_source_s_url_advice_names_its_language(site: Path) -> None:
    """What happens: a German source renamed (plain `mv`, as `git mv` does): extract advises
    "content/de/<new>.md: its Dutch URL was /de/e-learning-im-mittelstand/: keep it reachable
    ...": that URL is its German URL (the word hard-wired). Should: "its German URL was"."""
    new = "2024-03-05-e-learning-erfahrungen"
    (site / "content" / "de" / f"{BLOG_ID}.md").rename(site / "content" / "de" / f"{new}.md")
    said = cli(site, "extract")
    assert f"content/de/{new}.md: its German URL was /de/e-learning-im-mittelstand/" in said, said
