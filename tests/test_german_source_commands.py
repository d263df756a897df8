"""Issue 16: the commands around extract, merge and check (status, the thresholds, XLIFF,
pseudo, `pipeline mv`, the terms, the advice) over every direction, as they are over the
Dutch one: a post written in German goes to Dutch through each of them.

The site: a copy of this repository's (its Dutch post and German translation) with a German
source in TOML front matter, extracted, its Dutch catalog translated as itself, merged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from german_site import cli, copy_repo_site, fresh_copy
from merge_support import fill_catalog
from support import needs_gettext

from pipeline import api
from pipeline.cli import main

REPO = Path(__file__).resolve().parent.parent
DUTCH_ID = "2017-02-22-workshop-e-learning-toekomst"
GERMAN_POST = """+++
title = "Ein TOML-Beitrag"
date = 2024-05-01T10:00:00+02:00
tags = ["Weiterbildung"]
+++

Ein Absatz in TOML.

## Eine Überschrift
"""

pytestmark = [needs_gettext]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("german-commands") / "site"
    copy_repo_site(root)
    (root / "content" / "de" / "toml-beitrag.md").write_text(GERMAN_POST, encoding="utf-8")
    cli(root, "extract")
    fill_catalog(root / "locale" / "nl" / "LC_MESSAGES" / "toml-beitrag.po", lambda context, msgid: msgid)
    cli(root, "merge")
    return root


@pytest.fixture()
def site(built: Path, tmp_path: Path) -> Path:
    return fresh_copy(built, tmp_path)


# --- status (finding 11) -----------------------------------------------------------------


def test_status_has_a_dutch_row_and_total_for_a_german_source_and_a_gone_one(site: Path) -> None:
    fill_catalog(site / "locale" / "nl" / "LC_MESSAGES" / "toml-beitrag.po",
                 lambda context, msgid: None if msgid == "Eine Überschrift" else msgid)
    report = api.status(site, use_cache=False)
    rows = {(row.post_id, row.language): row for row in report.rows}
    assert rows[("toml-beitrag", "nl")].units_untranslated == 1
    assert rows[("toml-beitrag", "nl")].catalog == "locale/nl/LC_MESSAGES/toml-beitrag.po"
    assert ("toml-beitrag", "de") not in rows  # no German catalog of a German post
    assert (DUTCH_ID, "de") in rows and (DUTCH_ID, "nl") not in rows
    assert [total.language for total in report.totals] == ["de", "nl"]
    # a German source gone: its Dutch catalog's row says so
    (site / "content" / "de" / "toml-beitrag.md").unlink()
    rows = {(row.post_id, row.language): row for row in api.status(site, use_cache=False).rows}
    assert rows[("toml-beitrag", "nl")].state == "post gone"
    # a path under content/de/ names the German source's rows only
    (site / "content" / "de" / "toml-beitrag.md").write_text(GERMAN_POST, encoding="utf-8")
    named = api.status(site, ["content/de/toml-beitrag.md"], use_cache=False)
    assert [(row.post_id, row.language) for row in named.rows] == [("toml-beitrag", "nl")]


def test_status_of_a_site_without_german_sources_has_no_dutch_total(tmp_path: Path) -> None:
    root = tmp_path / "site"
    for folder in ("content", "locale"):
        shutil.copytree(REPO / folder, root / folder)
    for name in ("pyproject.toml", "hugo.toml"):
        shutil.copy(REPO / name, root / name)
    report = api.status(root, use_cache=False)
    assert [total.language for total in report.totals] == ["de"]
    assert {row.language for row in report.rows} == {"de"}


# --- --min-translated for Dutch (finding 12) ---------------------------------------------


def test_a_threshold_for_dutch_holds_the_dutch_posts_of_german_sources(site: Path) -> None:
    fill_catalog(site / "locale" / "nl" / "LC_MESSAGES" / "toml-beitrag.po",
                 lambda context, msgid: None if msgid == "Eine Überschrift" else msgid)
    assert "[incomplete]" in cli(site, "check", "--min-translated", "nl=100", code=1)
    cli(site, "merge", "--min-translated", "nl=50")
    assert "[incomplete]" not in cli(site, "check", "--min-translated", "nl=50", "--min-translated", "de=100")
    said = CliRunner().invoke(main, ["-C", str(site), "check", "--min-translated", "fr=50"])
    assert said.exit_code == 2
    assert "'fr' is not a target language (de) nor nl" in said.stderr, said.stderr


# --- export --xliff and import (finding 14) ------------------------------------------------


def test_the_dutch_catalog_of_a_german_source_goes_out_as_xliff_from_german_and_comes_back(
        site: Path, tmp_path: Path) -> None:
    catalog = site / "locale" / "nl" / "LC_MESSAGES" / "toml-beitrag.po"
    fill_catalog(catalog, lambda context, msgid: None if msgid == "Ein Absatz in TOML." else msgid)
    result = api.export_xliff(site, tmp_path / "xliff")
    # the German terms catalog's untranslated tag goes out once, in its own file, not in the post's
    assert [(f.path.relative_to(tmp_path).as_posix(), f.units) for f in result.files] == [
        ("xliff/nl/_terms-de.xlf", 1), ("xliff/nl/toml-beitrag.xlf", 1)]
    assert 'source-language="de" target-language="nl"' in (tmp_path / "xliff" / "nl" / "_terms-de.xlf").read_text(
        encoding="utf-8")
    exported = (tmp_path / "xliff" / "nl" / "toml-beitrag.xlf").read_text(encoding="utf-8")
    assert ('<file original="locale/nl/LC_MESSAGES/toml-beitrag.po" source-language="de" '
            'target-language="nl" datatype="po">') in exported, exported
    # a Dutch post's file says Dutch, as before
    everything = api.export_xliff(site, tmp_path / "all", everything=True)
    assert any(f.path.name == f"{DUTCH_ID}.xlf" for f in everything.files)
    assert 'source-language="nl" target-language="de"' in (
        tmp_path / "all" / "de" / f"{DUTCH_ID}.xlf").read_text(encoding="utf-8")
    # the agency's translation comes back into the Dutch catalog
    (tmp_path / "xliff" / "nl" / "toml-beitrag.xlf").write_text(exported.replace(
        "<source>Ein Absatz in TOML.</source>",
        '<source>Ein Absatz in TOML.</source>\n        <target state="translated">Een alinea in TOML.</target>'),
        encoding="utf-8")
    imported = api.import_xliff(site, [tmp_path / "xliff" / "nl" / "toml-beitrag.xlf"])
    assert (imported.imported, imported.written) == (1, ["locale/nl/LC_MESSAGES/toml-beitrag.po"])
    assert 'msgid "Ein Absatz in TOML."\nmsgstr "Een alinea in TOML."' in catalog.read_text(encoding="utf-8")


# --- a deleted German source's catalogs (finding 17) ---------------------------------------


def test_the_catalogs_of_a_deleted_german_source_name_the_german_post_and_are_kept(site: Path) -> None:
    (site / "content" / "de" / "toml-beitrag.md").unlink()
    said = cli(site, "check", code=1)
    assert ("locale/templates/toml-beitrag.pot\n  -: error: no post content/de/toml-beitrag.md: delete the "
            "template, or restore the post (keep its catalogs: they hold translations)") in said, said
    assert ("locale/nl/LC_MESSAGES/toml-beitrag.po\n  -: warning: no post content/de/toml-beitrag.md: keep it: "
            "it holds") in said, said
    assert "no post content/nl/" not in said, said


# --- a renamed German source's URL advice (finding 18) -------------------------------------


def test_a_renamed_german_source_s_old_url_is_said_to_be_its_german_url(site: Path) -> None:
    (site / "content" / "de" / "toml-beitrag.md").rename(site / "content" / "de" / "toml-neu.md")
    said = cli(site, "extract")
    assert "content/de/toml-neu.md: its German URL was /de/toml-beitrag/: keep it reachable" in said, said


# --- pseudo (finding 16) -------------------------------------------------------------------


def test_pseudo_makes_a_german_source_s_page_of_its_german_text_and_a_rerun_changes_nothing(site: Path) -> None:
    with open(site / "content" / "de" / "toml-beitrag.md", "a", encoding="utf-8") as post:
        post.write("\nSiehe den [Workshop](/de/workshop-e-learning-zukunft/).\n")
    said = cli(site, "pseudo")
    assert "wrote locale/de-x-pseudo/LC_MESSAGES/toml-beitrag.po" in said, said
    page = (site / "content" / "de-x-pseudo" / "toml-beitrag.md").read_text(encoding="utf-8")
    assert "Éín Äbßätz ín TÖML." in page, page  # pseudo-translated from the German text
    assert 'post = "content/de/toml-beitrag.md"' in page, page  # its record names the German source
    # its link to the German page of the Dutch post leads to that post's pseudo page
    assert "](/de-x-pseudo/woerkshoep-e-leaerning-toeekoemst/)" in page, page
    assert (site / "content" / "de-x-pseudo" / f"{DUTCH_ID}.md").is_file()
    again = cli(site, "pseudo")
    assert "pseudo: 0 catalogs written, 2 unchanged; merge: 2 unchanged" in again, again


# --- pipeline mv of a German source (finding 13) ---------------------------------------------


def test_mv_moves_a_german_source_with_its_catalogs_and_dutch_post(site: Path) -> None:
    said = cli(site, "mv", "content/de/toml-beitrag.md", "content/de/toml-neu.md")
    assert said.splitlines()[:5] == [
        "moved content/de/toml-beitrag.md -> content/de/toml-neu.md",
        "moved locale/templates/toml-beitrag.pot -> locale/templates/toml-neu.pot",
        "moved locale/nl/LC_MESSAGES/toml-beitrag.po -> locale/nl/LC_MESSAGES/toml-neu.po",
        "moved content/nl/toml-beitrag.md -> content/nl/toml-neu.md",
        "added /de/toml-beitrag/ to the aliases of content/de/toml-neu.md (its old German URL)",
    ], said
    assert "(the Dutch posts are rendered again, with the links and URLs updated)" in said, said
    assert "aliases = [\"/de/toml-beitrag/\"]" in (site / "content" / "de" / "toml-neu.md").read_text(encoding="utf-8")
    cli(site, "extract")
    cli(site, "merge")
    assert 'post = "content/de/toml-neu.md"' in (site / "content" / "nl" / "toml-neu.md").read_text(encoding="utf-8")
    assert "[post-orphan]" not in cli(site, "check")
    # by its id, and back; a Dutch post by its id as before
    assert "moved content/de/toml-neu.md -> content/de/toml-beitrag.md" in cli(site, "mv", "toml-neu", "toml-beitrag")
    assert f"moved content/nl/{DUTCH_ID}.md -> content/nl/workshop.md" in cli(site, "mv", DUTCH_ID, "workshop")


def test_mv_refuses_a_generated_post_and_names_the_language_of_its_folder(site: Path) -> None:
    result = CliRunner().invoke(main, ["-C", str(site), "mv", "content/nl/toml-beitrag.md", "content/nl/x.md"])
    assert result.exit_code == 2, result.output
    assert not (site / "content" / "nl" / "x.md").exists()
    result = CliRunner().invoke(main, ["-C", str(site), "mv", "content/de/toml-beitrag.md", "content/nl/x.md"])
    assert result.exit_code == 2 and "give a German post" in result.output, result.output


# --- links across directions updated by mv (finding 3) ----------------------------------------


def test_mv_updates_the_content_paths_of_the_other_direction_s_sources_and_their_catalogs(site: Path) -> None:
    german = site / "content" / "de" / "verweis.md"
    german.write_text('---\ntitle: "Verweis"\ndate: 2024-05-01T10:00:00+02:00\n---\n\n'
                      f'Siehe den [Workshop]({{{{< ref "{DUTCH_ID}.md" >}}}}) und [dies]({DUTCH_ID}.md).\n',
                      encoding="utf-8")
    dutch = site / "content" / "nl" / f"{DUTCH_ID}.md"
    with open(dutch, "a", encoding="utf-8") as post:
        post.write('\nZie [de TOML-post]({{< ref "toml-beitrag.md" >}}).\n')
    cli(site, "extract")
    fill_catalog(site / "locale" / "nl" / "LC_MESSAGES" / "verweis.po", lambda context, msgid: msgid)
    dry = cli(site, "mv", "--dry-run", DUTCH_ID, "workshop")
    assert "would update 2 links in content/de/verweis.md" in dry, dry
    assert "would update 1 entry of locale/nl/LC_MESSAGES/verweis.po (msgid and msgstr alike)" in dry, dry
    said = cli(site, "mv", DUTCH_ID, "workshop")
    assert "updated 2 links in content/de/verweis.md" in said, said
    assert german.read_text(encoding="utf-8").endswith(
        'Siehe den [Workshop]({{< ref "workshop.md" >}}) und [dies](workshop.md).\n')
    catalog = (site / "locale" / "nl" / "LC_MESSAGES" / "verweis.po").read_text(encoding="utf-8")
    assert catalog.count('{{< ref \\"workshop.md\\" >}}') == 2 and DUTCH_ID not in catalog.split("msgid", 2)[2], catalog
    # the other way: a German source moved, a Dutch source's ref to its Dutch page follows it
    said = cli(site, "mv", "content/de/toml-beitrag.md", "content/de/toml-neu.md")
    assert "updated 1 link in content/nl/workshop.md" in said, said
    assert '{{< ref "toml-neu.md" >}}' in (site / "content" / "nl" / "workshop.md").read_text(encoding="utf-8")
    cli(site, "extract")
    cli(site, "merge")
    assert "[link-broken]" not in cli(site, "check", code=None)


# --- terms of German sources (finding 15) ---------------------------------------------------


def test_a_german_term_translated_two_ways_is_said_at_the_catalog_that_differs(site: Path) -> None:
    """Typed in the posts' Dutch catalogs before the German terms catalog translates it: the
    terms catalog takes the one most give, the post that differs keeps its own and is said."""
    for name in ("eins", "zwei", "drei"):
        (site / "content" / "de" / f"{name}.md").write_text(
            f'---\ntitle: "Beitrag {name}"\ndate: 2024-05-01T10:00:00+02:00\ntags: [Weiterbildung]\n---\n\nText.\n',
            encoding="utf-8")
    cli(site, "extract")
    terms = site / "locale" / "nl" / "LC_MESSAGES" / "_terms-de.po"
    fill_catalog(terms, lambda context, msgid: None)  # not translated there yet
    for name, dutch in (("eins", "Opleiding"), ("zwei", "Bijscholing"), ("drei", "Bijscholing"),
                        ("toml-beitrag", "Bijscholing")):
        fill_catalog(site / "locale" / "nl" / "LC_MESSAGES" / f"{name}.po",
                     lambda context, msgid, dutch=dutch: dutch if context == "tags" else msgid)
    said = cli(site, "extract")
    assert ("the tags term 'Weiterbildung' is translated in 2 ways; 'Bijscholing' taken, as most posts' catalogs "
            "have it; kept in locale/nl/LC_MESSAGES/eins.po:28 ('Opleiding')") in said, said
    assert 'msgid "Weiterbildung"\nmsgstr "Bijscholing"' in terms.read_text(encoding="utf-8")
    said = cli(site, "check", code=None)
    found = [line for line in said.splitlines() if "[term-inconsistent]" in line]
    assert found == [("  28: warning: the tags term 'Weiterbildung' is 'Opleiding' here but 'Bijscholing' in "
                      "locale/nl/LC_MESSAGES/_terms-de.po: keep one (delete this msgstr to take the terms "
                      "catalog's) [term-inconsistent]")], said
    assert "locale/nl/LC_MESSAGES/eins.po\n  28: warning: the tags term" in said, said
    # translated alike: nothing said
    fill_catalog(site / "locale" / "nl" / "LC_MESSAGES" / "eins.po",
                 lambda context, msgid: "Bijscholing" if context == "tags" else msgid)
    assert "[term-inconsistent]" not in cli(site, "check", code=None)
