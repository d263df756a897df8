"""Goldmark parity: the Markdown a Hugo site's Goldmark reads, as the site's ``markup.goldmark``
settings make it (definition lists, heading and block attributes, task lists), segmented as
Hugo parses it.

Fixture pairs under ``tests/fixtures/goldmark/<case>/``: the Dutch post (``nl.md``), its
catalog as translated (``de.po``: exactly the msgids extract makes, each with its msgstr), the
German body merge writes (``de.md``), and the case's Hugo settings (``hugo.toml``, added to
the repo's). Each goes through the real extract, merge and check, and Hugo 0.111 builds both
pages: the German page has the Dutch page's tags, ids and classes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from merge_support import body, fill_catalog
from support import FIXTURES, po_path

from pipeline import api
from pipeline.config import Dialect, load_config
from pipeline.hugo import markup_dialect
from pipeline.markdown import DEFAULT_DIALECT, block_parser, heading_attributes, task_checkbox
from pipeline.po import parse_catalog
from pipeline.post import load_post
from pipeline.render import _body_text
from pipeline.runner import extract_fingerprint, merge_fingerprint
from pipeline.segment import Unit, body_units, too_deep
from pipeline.units import units_settings

REPO = Path(__file__).resolve().parent.parent
CASES = sorted(p.name for p in (FIXTURES / "goldmark").iterdir() if p.is_dir())
HUGO = shutil.which("hugo")


def _root(tmp_path: Path, case: str) -> Path:
    """A content root with the repo's Hugo site, the case's settings and its Dutch post."""
    folder = FIXTURES / "goldmark" / case
    root = tmp_path / case
    (root / "content" / "nl").mkdir(parents=True)
    shutil.copy(folder / "nl.md", root / "content" / "nl" / f"{case}.md")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(REPO / "layouts", root / "layouts")
    settings = (REPO / "hugo.toml").read_text(encoding="utf-8")
    if (folder / "hugo.toml").exists():
        settings += "\n" + (folder / "hugo.toml").read_text(encoding="utf-8")
    (root / "hugo.toml").write_text(settings, encoding="utf-8")
    return root


def _pairs(case: str) -> list[tuple[str, str]]:
    path = FIXTURES / "goldmark" / case / "de.po"
    catalog = parse_catalog(str(path), path.read_bytes())
    return [(m.msgid, m.msgstr) for m in catalog.messages if m.msgid and not m.obsolete]


def _translated(tmp_path: Path, case: str) -> Path:
    """The case's root after extract (its msgids checked), the catalog filled, and merge."""
    root = _root(tmp_path, case)
    report = api.extract(root)
    assert report.ok and not report.warnings, report
    template = root / "locale" / "templates" / f"{case}.pot"
    extracted = [m.msgid for m in parse_catalog(str(template), template.read_bytes()).messages if m.msgid]
    pairs = dict(_pairs(case))
    assert sorted(extracted) == sorted(pairs), "the fixture's catalog is what extract makes"
    fill_catalog(po_path(root, case), lambda context, msgid: pairs.get(msgid))
    merged = api.merge(root)
    assert [r.action for r in merged.results] == ["written"], [r.message for r in merged.results]
    return root


@pytest.mark.parametrize("case", CASES)
def test_fixture_pairs_extract_merge_and_check(tmp_path: Path, case: str) -> None:
    root = _translated(tmp_path, case)
    german = (root / "content" / "de" / f"{case}.md").read_text(encoding="utf-8")
    expected = (FIXTURES / "goldmark" / case / "de.md").read_text(encoding="utf-8")
    assert body(german) == expected
    report = api.check(root)
    assert report.problems == [], report.problems


def _article(html: str) -> str:
    return html[html.index("<article>") : html.index("</article>")]


def _skeleton(html: str) -> list[str]:
    """The article's tags with their id, class and type attributes (a checkbox's checked)."""
    return re.findall(r"<(/?[a-z0-9]+(?: (?:id|class|type|checked|disabled)(?:=\"[^\"]*\")?)*)", _article(html))


@pytest.mark.skipif(HUGO is None, reason="hugo is not installed")
@pytest.mark.parametrize("case", CASES)
def test_hugo_builds_the_german_page_with_the_dutch_structure(tmp_path: Path, case: str) -> None:
    root = _translated(tmp_path, case)
    subprocess.run([HUGO, "--source", str(root), "--destination", str(root / "public")],
                   check=True, capture_output=True)
    pages = {p.relative_to(root / "public").parts[0] == "de": p.read_text(encoding="utf-8")
             for p in (root / "public").rglob("index.html") if "<article>" in p.read_text(encoding="utf-8")}
    dutch, german = pages[False], pages[True]
    if case == "deflist":
        assert _article(dutch).count("<dt>") == 4 and _article(dutch).count("<dd>") == 4
    if case == "headings":
        assert re.findall(r'<h2 id="([^"]+)"', dutch)[:2] == ["kop", "stappen"]
        assert '<h2 id="1-schritt">1. Schritt</h2>' in german  # not "1\. Schritt"
        assert 'href="#kop"' in german and 'href="#stappen"' in german
    if case == "tasks":
        assert _article(dutch).count('type="checkbox"') == 5
    if case == "blockattrs":
        assert 'class="opvallend"' in dutch and '<table class="tabel">' in dutch
    # Hugo writes a heading's id of its text, the German text: compare the rest byte for byte
    assert [re.sub(r' id="[^"]*"', "", t) if not re.search(r'id="(kop|stappen|setext)"', t) else t
            for t in _skeleton(german)] == [
        re.sub(r' id="[^"]*"', "", t) if not re.search(r'id="(kop|stappen|setext)"', t) else t
        for t in _skeleton(dutch)]
    assert "Een" not in _article(german) and "Appel" not in _article(german)


# ---------------------------------------------------------------------------------------
# The dialect: from the site's settings, in every cache's key


def test_the_dialect_is_read_from_markup_goldmark(tmp_path: Path) -> None:
    assert markup_dialect(tmp_path) == Dialect()  # no configuration: Hugo's defaults
    (tmp_path / "hugo.toml").write_text(
        "[markup.goldmark.extensions]\ndefinitionList = false\ntaskList = false\n"
        "[markup.goldmark.parser.attribute]\ntitle = false\nblock = true\n", encoding="utf-8")
    assert markup_dialect(tmp_path) == Dialect(definition_list=False, task_list=False,
                                               heading_attributes=False, block_attributes=True)
    (tmp_path / "hugo.toml").write_text("[markup.goldmark.extensions]\ntypographer = 'ja'\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"markup\.goldmark\.extensions\.typographer must be true or false"):
        markup_dialect(tmp_path)


def test_a_changed_markup_setting_changes_every_fingerprint(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    other = __import__("dataclasses").replace(config, dialect=Dialect(definition_list=False))
    assert extract_fingerprint(config) != extract_fingerprint(other)
    assert merge_fingerprint(config) != merge_fingerprint(other)
    assert units_settings(config) != units_settings(other)


def test_a_changed_markup_setting_extracts_again(tmp_path: Path) -> None:
    root = _root(tmp_path, "deflist")
    api.extract(root)
    template = root / "locale" / "templates" / "deflist.pot"
    assert 'msgid "Appel"' in template.read_text(encoding="utf-8")
    with (root / "hugo.toml").open("a", encoding="utf-8") as settings:
        settings.write("\n[markup.goldmark.extensions]\ndefinitionList = false\n")
    api.extract(root)  # the cache of the first run must not hide the change
    text = template.read_text(encoding="utf-8")
    assert 'msgid "Appel"' not in text and 'msgid "Appel : Een ronde vrucht."' in text


def _units(text: str, dialect: Dialect = DEFAULT_DIALECT) -> list[tuple[str, str]]:
    post = load_post("p.md", ("---\ntitle: T\n---\n" + text).encode())
    return [(u.kind, u.text) for u in body_units(post, dialect=dialect)]


# ---------------------------------------------------------------------------------------
# Definition lists


def test_terms_and_descriptions_are_units_and_each_line_of_the_paragraph_before_is_a_term() -> None:
    assert _units("Een\nTwee\n: Drie vier.\n") == [
        ("definition term", "Een"), ("definition term", "Twee"), ("definition", "Drie vier.")]
    # without the extension: one paragraph, as Goldmark reads it then
    assert _units("Een\n: Twee.\n", Dialect(definition_list=False)) == [("paragraph", "Een : Twee.")]


def test_a_tilde_is_no_description_marker_in_goldmark() -> None:
    assert _units("Term\n~ Geen beschrijving.\n") == [("paragraph", "Term ~ Geen beschrijving.")]


@pytest.mark.parametrize(("translations", "written"), [
    ({"Appel": "Apfel\n: Frucht"}, "Apfel : Frucht\n: Een ronde vrucht.\n"),  # a term is one line
    ({"Een ronde vrucht.": "- Eine runde Frucht."}, "Appel\n: \\- Eine runde Frucht.\n"),  # no list in it
    ({"Een ronde vrucht.": "Eine\n: runde Frucht."}, "Appel\n: Eine\n  \\: runde Frucht.\n"),  # no second one
])
def test_a_translation_keeps_the_definition_list(tmp_path: Path, translations: dict[str, str], written: str) -> None:
    from merge_support import merge_in

    dutch = "---\ntitle: T\n---\nAppel\n: Een ronde vrucht.\n"
    results = merge_in(tmp_path, {"post": (dutch, translations)})
    assert results["post"].action == "written", results["post"].message
    assert body((tmp_path / results["post"].path).read_text(encoding="utf-8")) == written


def test_the_outline_counts_terms_and_descriptions() -> None:
    from pipeline.verify import compare, outline

    dutch = outline("Appel\n: Rond.\n")
    assert compare(dutch, outline("Apfel\n: Rund.\n"), lambda u: u) is None
    found = compare(dutch, outline("Apfel\n\nRund.\n"), lambda u: u)
    assert found is not None and "definition list" in found.what


# ---------------------------------------------------------------------------------------
# Heading attributes


@pytest.mark.parametrize(("text", "start"), [
    ("Kop {#kop}", 3), ("Kop {#kop .cls}", 3), ("Kop {.cls data-x=\"a b\"}", 3),
    ("Kop \\{#kop}", None), ("Kop {#kop} staart", None), ("`{#x}` kop", None), ("Kop {x}", None),
])
def test_heading_attributes_as_goldmark_reads_them(text: str, start: int | None) -> None:
    assert heading_attributes(text) == start


def test_a_heading_attribute_list_stays_out_of_the_msgid_and_names_the_unit() -> None:
    assert _units("## Kop {#kop .cls}\n\nKop {#s}\n===\n") == [("heading 2 {#kop .cls}", "Kop"), ("heading 1 {#s}", "Kop")]
    assert _units("## Kop {#kop}\n", Dialect(heading_attributes=False)) == [("heading 2", "Kop {#kop}")]
    assert _units("## {#alleen-id}\n") == []


def test_a_german_heading_with_another_id_is_a_structure_change() -> None:
    from pipeline.verify import compare, outline

    found = compare(outline("## Kop {#kop}\n"), outline("## Kopf {#kopf}\n"), lambda u: u)
    assert found is not None and "with the id kopf" in found.what


def test_check_reports_an_attribute_list_written_in_a_translation(tmp_path: Path) -> None:
    root = _root(tmp_path, "headings")
    api.extract(root)
    fill_catalog(po_path(root, "headings"), lambda c, m: "Einleitung {#kop}" if m == "Inleiding" else None)
    report = api.check(root)
    found = [p for p in report.problems if p.code == "attributes-added"]
    assert len(found) == 1 and found[0].severity == "error" and found[0].file.endswith("headings.po")


def test_links_to_an_explicit_id_keep_it_in_german(tmp_path: Path) -> None:
    root = _translated(tmp_path, "headings")
    report = api.check(root)
    assert not [p for p in report.problems if p.code.startswith("link")], report.problems


# ---------------------------------------------------------------------------------------
# Task lists


@pytest.mark.parametrize(("text", "length"), [("[ ] a", 4), ("[x]a", 3), ("[X]  a", 5), ("[y] a", 0), ("a [ ]", 0)])
def test_task_checkbox(text: str, length: int) -> None:
    assert task_checkbox(text) == length


def test_a_task_checkbox_stays_out_of_the_msgid() -> None:
    assert _units("- [ ] Taak\n- [x] Klaar\n- Geen [ ] taak\n\n[ ] Geen lijst\n") == [
        ("paragraph", "Taak"), ("paragraph", "Klaar"), ("paragraph", "Geen [ ] taak"), ("paragraph", "[ ] Geen lijst")]
    assert _units("- [ ] Taak\n", Dialect(task_list=False)) == [("paragraph", "[ ] Taak")]


# ---------------------------------------------------------------------------------------
# Block attributes


def test_a_block_attribute_line_is_structure_where_the_site_reads_them() -> None:
    assert _units("Alinea.\n{.cls}\n", Dialect(block_attributes=True)) == [("paragraph", "Alinea.")]
    assert _units("Alinea.\n{.cls}\n") == [("paragraph", "Alinea. {.cls}")]  # Hugo's default: text
    on = Dialect(block_attributes=True)
    assert _units("| a |\n|---|\n| b |\n{.cls}\n", on) == [("table cell", "a"), ("table cell", "b")]
    assert _units("## Kop\n{.cls}\n\n- punt\n{#lijst}\n", on) == [("heading 2", "Kop"), ("paragraph", "punt")]


# ---------------------------------------------------------------------------------------
# The nesting limit


def test_text_beyond_the_nesting_limit_is_reported_by_extract_and_check(tmp_path: Path) -> None:
    root = _root(tmp_path, "deflist")
    deep = "---\ntitle: Diep\ndate: 2023-05-01T10:00:00+02:00\nlang: nl\n---\nTekst.\n\n" + ">" * 30 + " diep genest\n"
    (root / "content" / "nl" / "diep.md").write_text(deep, encoding="utf-8")
    report = api.extract(root)
    said = [str(w) for w in report.warnings]
    assert any(w.startswith("content/nl/diep.md:8:") and "nested deeper than 20 levels" in w for w in said), said
    problems = [p for p in api.check(root).problems if p.code == "nesting-limit"]
    assert [(p.file, p.line, p.severity) for p in problems] == [("content/nl/diep.md", 8, "warning")]


def test_no_nesting_warning_for_ordinary_posts() -> None:
    post = load_post("p.md", b"---\ntitle: T\n---\n> > > - a\n>   - b\n\n" + b"-" * 40 + b"\n")
    assert too_deep(post) == []
    post = load_post("p.md", ("---\ntitle: T\n---\n" + "- " * 15 + "diep\n").encode())
    assert too_deep(post) == [4]


# ---------------------------------------------------------------------------------------
# No needless escaping


@pytest.mark.parametrize(("translation", "written"), [
    ("1. Schritt", "1. Schritt"), ("- Punkt", "- Punkt"), ("# Nummer", "# Nummer"), ("> Zitat", "> Zitat"),
    ("<div>", "<div>"),
])
def test_an_atx_headings_translation_is_not_escaped(translation: str, written: str) -> None:
    unit = Unit("heading 2", "Stap", 4, start=(3, 3), end=(3, 7))
    assert _body_text(unit, translation, atx=True) == written
    tokens = block_parser().parse("## " + written + "\n")
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]


def test_where_the_context_needs_it_the_start_is_still_escaped() -> None:
    paragraph = Unit("paragraph", "Stap", 4, start=(3, 0), end=(3, 4))
    assert _body_text(paragraph, "1. Schritt") == "1\\. Schritt"
    setext = Unit("heading 2", "Stap", 4, start=(3, 0), end=(3, 4))
    assert _body_text(setext, "1. Schritt", atx=False) == "1\\. Schritt"
    assert _body_text(Unit("definition term", "T", 4, start=(3, 0), end=(3, 1)), "- Begriff") == "\\- Begriff"


# ---------------------------------------------------------------------------------------
# The typographer: what it does to quotes and dots, the checks read alike


def test_a_german_quote_closed_by_a_straight_one_is_a_quotes_warning() -> None:
    from pipeline.checkers import check_translation

    # Hugo's typographer makes the straight " a ”: „ja” on the German page
    assert [p[1] for p in check_translation('Hij zei "ja".', 'Er sagte „ja".', "de")] == ["quotes"]
    assert check_translation('Hij zei "ja".', "Er sagte „ja“.", "de") == []


def test_three_dots_and_an_ellipsis_end_alike() -> None:
    from pipeline.checkers import check_translation

    # the typographer writes ... as …: no punctuation warning between them
    assert check_translation("Wacht even...", "Warte mal…", "de") == []
    assert check_translation("Wacht even…", "Warte mal...", "de") == []
    assert [p[1] for p in check_translation("Wacht even...", "Warte mal.", "de")] == ["punctuation"]


def test_worker_processes_read_the_sites_dialect(tmp_path: Path) -> None:
    # 40 posts: extract and merge run in 2 processes, each of which must parse as the site says
    root = _root(tmp_path, "deflist")
    with (root / "hugo.toml").open("a", encoding="utf-8") as settings:
        settings.write("\n[markup.goldmark.extensions]\ndefinitionList = false\n")
    for number in range(40):
        (root / "content" / "nl" / f"post{number}.md").write_text(
            f"---\ntitle: Post {number}\ndate: 2023-05-01T10:00:00+02:00\nlang: nl\n---\nAppel\n: Een ronde vrucht.\n",
            encoding="utf-8")
    report = api.extract(root, jobs=2)
    assert report.ok
    for number in range(40):
        text = (root / "locale" / "templates" / f"post{number}.pot").read_text(encoding="utf-8")
        assert 'msgid "Appel : Een ronde vrucht."' in text and 'msgid "Appel"\n' not in text


@pytest.mark.parametrize(("settings", "said"), [
    ('[markup]\ngoldmark = "ja"\n', "hugo.toml:28: markup.goldmark must be a table, not the string 'ja'"),
    ("[markup.goldmark.extensions]\ndefinitionList = 1\n",
     "hugo.toml:28: markup.goldmark.extensions.definitionList must be true or false, not the number 1"),
])
def test_a_wrong_markup_setting_is_one_line_from_merge_and_check(tmp_path: Path, settings: str, said: str) -> None:
    from support import invoke

    root = _root(tmp_path, "deflist")
    with (root / "hugo.toml").open("a", encoding="utf-8") as config:
        config.write("\n" + settings)
    for command in ("merge", "check"):
        result = invoke("-C", str(root), command)
        assert result.exit_code == 2, result.output
        assert said in result.output and "Traceback" not in result.output
