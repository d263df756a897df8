"""Hugo's string tables and the Dutch menus through the PO workflow (:mod:`pipeline.strings`):
``i18n/nl.toml`` (and the theme's) and ``[[languages.nl.menus.main]]`` -> ``_i18n.pot`` and
``_i18n.po`` -> ``i18n/de.toml`` and ``config/_default/menus.de.toml``, built by the real Hugo;
the catalogs as GNU gettext writes them; hostile tables; hand edits; obsolete strings."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline import api
from pipeline.po import format_catalog, parse_catalog
from pipeline.strings import plural_categories
from support import LANGUAGES_TOML, invoke, make_root, msgcat, msgfmt_check, msgmerge, needs_gettext, po_path, pot_path

HUGO_TOML = """baseURL = "/"
defaultContentLanguage = "nl"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
theme = "thema"
""" + LANGUAGES_TOML + """[[languages.nl.menus.main]]
identifier = "over"
name = "Over ons"
title = "Alles over ons"
pageRef = "/over"
weight = 1
"""

TABLE = """alleen = "Alleen in het Nederlands"
"met.punt" = "Met een punt"
'met"quote' = "Met een aanhalingsteken"
[leesmeer]
description = "De link onder een samenvatting"
other = "Lees meer"
[minuten]
one = "{{ .Count }} minuut"
other = "{{ .Count }} minuten"
[genest.dieper]
other = "Genest"
"""

THEME_TABLE = 'themawoord = "Van het thema"\nvertaald = "Door het thema vertaald"\n'
THEME_GERMAN = 'vertaald = "Vom Thema übersetzt"\n'

LAYOUT = """<p id="s">{{ i18n "leesmeer" }}|{{ i18n "minuten" 5 }}|{{ i18n "minuten" 1 }}|{{ i18n "alleen" }}|\
{{ i18n "met.punt" }}|{{ i18n "met\\"quote" }}|{{ i18n "genest.dieper" }}|{{ i18n "themawoord" }}|\
{{ i18n "vertaald" }}</p>
<ul>{{ range .Site.Menus.main }}<li title="{{ .Title }}">{{ .Name }}</li>{{ end }}</ul>
"""

GERMAN = {
    "Lees meer": "Weiterlesen",
    "Met een punt": "Mit einem Punkt",
    'Met een aanhalingsteken': 'Mit "Anführungszeichen"',
    "Genest": "Verschachtelt",
    "Van het thema": "Vom Thema",
    "Over ons": "Über uns",
    "Alles over ons": "Alles über uns",
}
PLURAL_DE = {0: "{{ .Count }} Minute", 1: "{{ .Count }} Minuten"}


def _site(root: Path, table: str = TABLE) -> Path:
    make_root(root, {"over.md": "---\ntitle: Over\ndate: 2023-01-01\nlang: nl\n---\nHallo wereld.\n"})
    (root / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    (root / "i18n").mkdir()
    (root / "i18n" / "nl.toml").write_text(table, encoding="utf-8")
    theme = root / "themes" / "thema" / "i18n"
    theme.mkdir(parents=True)
    (theme / "nl.toml").write_text(THEME_TABLE, encoding="utf-8")
    (theme / "de.toml").write_text(THEME_GERMAN, encoding="utf-8")
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(LAYOUT, encoding="utf-8")
    return root


def _translate(root: Path, german: dict[str, str] = GERMAN, plural: dict[int, str] | None = PLURAL_DE) -> None:
    path = po_path(root, "_i18n")
    catalog = parse_catalog(str(path), path.read_bytes())
    for message in catalog.messages:
        if message.obsolete:
            continue
        if message.msgid_plural is not None and plural is not None:
            message.msgstr_plural = dict(plural)
        elif message.msgid in german:
            message.msgstr = german[message.msgid]
    path.write_bytes(format_catalog(catalog).encode("utf-8"))


def _translate_post(root: Path) -> None:
    path = po_path(root, "over")
    catalog = parse_catalog(str(path), path.read_bytes())
    for message in catalog.messages:
        message.msgstr = {"Over": "Über", "Hallo wereld.": "Hallo Welt."}.get(message.msgid, message.msgid)
    path.write_bytes(format_catalog(catalog).encode("utf-8"))


def _hugo(root: Path) -> dict[str, str]:
    subprocess.run(["hugo", "--quiet", "--source", str(root), "--destination", str(root / "public")],
                   check=True, capture_output=True, timeout=120)
    return {url: (root / "public" / url / "index.html").read_text(encoding="utf-8") for url in ("over", "de/over")}


def test_the_template_has_a_string_per_key_plurals_and_menu_texts(tmp_path: Path) -> None:
    root = _site(tmp_path)
    report = api.extract(root, now=0)
    assert report.ok, report.errors
    assert report.posts == 1  # the strings' catalog is no post
    pot = pot_path(root, "_i18n").read_text(encoding="utf-8")
    assert '#. string: De link onder een samenvatting\n#: i18n/nl.toml:4\nmsgctxt "leesmeer"\nmsgid "Lees meer"\nmsgstr ""\n' in pot
    assert ('#. string (one, other)\n#: i18n/nl.toml:7\nmsgctxt "minuten"\nmsgid "{{ .Count }} minuut"\n'
            'msgid_plural "{{ .Count }} minuten"\nmsgstr[0] ""\nmsgstr[1] ""\n') in pot
    assert 'msgctxt "met.punt"' in pot and 'msgctxt "met\\"quote"' in pot and 'msgctxt "genest.dieper"' in pot
    assert '#: themes/thema/i18n/nl.toml:1\nmsgctxt "themawoord"' in pot
    assert '#. menu main: name\n#: hugo.toml:13\nmsgctxt "menus.main.over.name"\nmsgid "Over ons"' in pot
    assert 'msgctxt "menus.main.over.title"\nmsgid "Alles over ons"' in pot
    po = po_path(root, "_i18n").read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in po


@needs_gettext
def test_gnu_gettext_leaves_the_catalogs_as_they_are(tmp_path: Path) -> None:
    root = _site(tmp_path / "site")
    api.extract(root, now=0)
    _translate(root)
    before = tmp_path / "before"
    shutil.copytree(root, before)
    (root / "i18n" / "nl.toml").write_text(TABLE.replace("Lees meer", "Lees nog meer"), encoding="utf-8")
    api.extract(root, now=0)
    for path in (pot_path(root, "_i18n"), po_path(root, "_i18n")):
        assert msgcat(path) == path.read_bytes()
        done = msgfmt_check(path)
        assert done.returncode == 0, done.stderr
    # the update is msgmerge's: the changed string fuzzy with its previous msgid
    assert msgmerge(po_path(before, "_i18n"), pot_path(root, "_i18n")) == po_path(root, "_i18n").read_bytes()
    assert '#| msgid "Lees meer"\nmsgctxt "leesmeer"\nmsgid "Lees nog meer"\nmsgstr "Weiterlesen"' in (
        po_path(root, "_i18n").read_text(encoding="utf-8"))


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")
def test_hugo_shows_the_strings_and_the_menu_in_german(tmp_path: Path) -> None:
    root = _site(tmp_path)
    assert invoke("-C", str(root), "extract").exit_code == 0
    _translate(root)
    _translate_post(root)
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 0, result.output
    assert "wrote i18n/de.toml (75% translated)" in result.output
    assert "wrote config/_default/menus.de.toml (100% translated)" in result.output
    pages = _hugo(root)
    assert ('<p id="s">Lees meer|5 minuten|1 minuut|Alleen in het Nederlands|Met een punt|Met een aanhalingsteken|'
            'Genest|Van het thema|Door het thema vertaald</p>') in pages["over"]
    assert '<li title="Alles over ons">Over ons</li>' in pages["over"]
    # untranslated: the Dutch text (Hugo would show nothing), but the theme's own German
    assert ('<p id="s">Weiterlesen|5 Minuten|1 Minute|Alleen in het Nederlands|Mit einem Punkt|'
            'Mit &#34;Anführungszeichen&#34;|Verschachtelt|Vom Thema|Vom Thema übersetzt</p>') in pages["de/over"]
    assert '<li title="Alles über uns">Über uns</li>' in pages["de/over"]
    # a second run has nothing to do and changes nothing
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and not {"public", ".pipeline-cache"} & set(p.parts)}
    assert invoke("-C", str(root), "extract").exit_code == 0
    result = invoke("-C", str(root), "merge")
    assert "merge: 3 unchanged" in result.output
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and not {"public", ".pipeline-cache"} & set(p.parts)} == before


def test_merge_writes_the_tables_format_deterministically(tmp_path: Path) -> None:
    root = _site(tmp_path)
    api.extract(root, now=0)
    _translate(root)
    api.merge(root)
    assert (root / "i18n" / "de.toml").read_text(encoding="utf-8").split("\n", 1)[1] == (
        "# Generated by `pipeline merge` from locale/de/LC_MESSAGES/_i18n.po: edit the catalog, not this file.\n"
        'alleen = "Alleen in het Nederlands"\n'
        '"met.punt" = "Mit einem Punkt"\n'
        '"met\\"quote" = "Mit \\"Anführungszeichen\\""\n'
        'leesmeer = "Weiterlesen"\n'
        '"genest.dieper" = "Verschachtelt"\n'
        'themawoord = "Vom Thema"\n'
        "\n[minuten]\n"
        'one = "{{ .Count }} Minute"\n'
        'other = "{{ .Count }} Minuten"\n'
    )


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_yaml_or_json_table_gives_a_german_table_of_its_format(tmp_path: Path, suffix: str) -> None:
    root = _site(tmp_path)
    (root / "i18n" / "nl.toml").unlink()
    data = {"leesmeer": {"other": "Lees meer"}, "minuten": {"one": "{{ .Count }} minuut", "other": "{{ .Count }} minuten"},
            "alleen": "Alleen"}
    text = json.dumps(data, indent=2) if suffix == ".json" else (
        "leesmeer:\n  other: Lees meer\nminuten:\n  one: '{{ .Count }} minuut'\n  other: '{{ .Count }} minuten'\n"
        "alleen: Alleen\n")
    (root / "i18n" / f"nl{suffix}").write_text(text, encoding="utf-8")
    api.extract(root, now=0)
    pot = pot_path(root, "_i18n").read_text(encoding="utf-8")
    if suffix == ".yaml":
        assert '#: i18n/nl.yaml:3\nmsgctxt "minuten"' in pot
    _translate(root)
    api.merge(root)
    written = root / "i18n" / f"de{suffix}"
    import yaml

    loaded = json.loads(written.read_text(encoding="utf-8")) if suffix == ".json" else yaml.safe_load(written.read_text(encoding="utf-8"))
    loaded.pop("_pipeline", None)
    loaded.pop("_pipeline-sha256", None)
    assert loaded == {"leesmeer": "Weiterlesen", "alleen": "Alleen", "themawoord": "Vom Thema",
                      "minuten": {"one": "{{ .Count }} Minute", "other": "{{ .Count }} Minuten"}}
    assert [r.action for r in api.merge(root).results if r.post_id == "_i18n"] == ["unchanged", "unchanged"]
    if shutil.which("hugo"):
        _translate_post(root)
        api.merge(root)
        assert "Weiterlesen|5 Minuten|1 Minute|Alleen" in _hugo(root)["de/over"]


@pytest.mark.parametrize(("table", "line", "phrase"), [
    ('leesmeer = "Lees meer"\nkapot = [\n', 2, "is not valid TOML"),
    ('leesmeer = "Lees meer"\naantal = 5\n', 2, "the string 'aantal' is the number 5, not a string"),
    ('[minuten]\none = 1\nother = "{{ .Count }} minuten"\n', 1, "has the number 1 as its 'one' form"),
])
def test_a_table_hugo_cannot_read_is_one_line_at_its_line(tmp_path: Path, table: str, line: int, phrase: str) -> None:
    root = _site(tmp_path, table)
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1
    errors = [row for row in result.output.splitlines() if row.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: i18n/nl.toml:{line}: ") and phrase in errors[0], result.output
    assert "Traceback" not in result.output
    assert pot_path(root, "over").exists()  # the posts go on
    assert not pot_path(root, "_i18n").exists()
    result = invoke("-C", str(root), "check")
    assert f"{line}: error: " in result.output and "[strings-unreadable]" in result.output


def test_two_tables_of_one_language_are_refused(tmp_path: Path) -> None:
    root = _site(tmp_path)
    (root / "i18n" / "nl.yaml").write_text("leesmeer: Lees meer\n", encoding="utf-8")
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1
    assert "error: i18n/nl.yaml: i18n/nl.toml and i18n/nl.yaml both hold nl's strings: keep one" in result.output


def test_a_plural_with_only_other_is_a_plain_string(tmp_path: Path) -> None:
    root = _site(tmp_path, '[minuten]\nother = "{{ .Count }} minuten"\n')
    api.extract(root, now=0)
    pot = pot_path(root, "_i18n").read_text(encoding="utf-8")
    assert 'msgctxt "minuten"\nmsgid "{{ .Count }} minuten"\nmsgstr ""\n' in pot
    _translate(root, {"{{ .Count }} minuten": "{{ .Count }} Minuten"})
    api.merge(root)
    assert '\nminuten = "{{ .Count }} Minuten"\n' in (root / "i18n" / "de.toml").read_text(encoding="utf-8")


def test_a_translation_that_breaks_a_template_action_stays_dutch_and_check_says_so(tmp_path: Path) -> None:
    root = _site(tmp_path)
    api.extract(root, now=0)
    _translate(root, plural={0: "{{ .Count Minute", 1: "{{ .Count }} Minuten"})
    api.merge(root)
    german = (root / "i18n" / "de.toml").read_text(encoding="utf-8")
    assert 'one = "{{ .Count }} minuut"' in german
    report = api.check(root)
    assert [p.line for p in report.problems if p.code == "strings-template"] == [
        parse_catalog("po", po_path(root, "_i18n").read_bytes()).messages[4].lineno]


def test_a_hand_edited_table_is_not_overwritten_without_force(tmp_path: Path) -> None:
    root = _site(tmp_path)
    api.extract(root, now=0)
    _translate(root)
    api.merge(root)
    table = root / "i18n" / "de.toml"
    edited = table.read_text(encoding="utf-8").replace("Weiterlesen", "Mehr lesen")
    table.write_text(edited, encoding="utf-8")
    _translate(root, {**GERMAN, "Genest": "Tief"})
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 1
    assert ("error: i18n/de.toml: changed by hand (or not written by merge): move the change into "
            "locale/de/LC_MESSAGES/_i18n.po, or run `pipeline merge --force` to overwrite it") in result.output
    assert table.read_text(encoding="utf-8") == edited
    assert any(p.code == "strings-edited" for p in api.check(root).problems)
    result = invoke("-C", str(root), "merge", "--force")
    assert result.exit_code == 0 and '"genest.dieper" = "Tief"' in table.read_text(encoding="utf-8")


def test_a_german_table_written_by_hand_is_never_overwritten(tmp_path: Path) -> None:
    root = _site(tmp_path)
    own = 'leesmeer = "Mein eigenes"\n'
    (root / "i18n" / "de.toml").write_text(own, encoding="utf-8")
    (root / "config" / "_default").mkdir(parents=True)
    api.extract(root, now=0)
    _translate(root)
    report = api.merge(root)
    assert [r.action for r in report.results if r.post_id == "_i18n"] == ["edited", "written"]
    assert (root / "i18n" / "de.toml").read_text(encoding="utf-8") == own


def test_german_menus_of_the_sites_own_are_left_alone(tmp_path: Path) -> None:
    root = _site(tmp_path)
    hugo = root / "hugo.toml"
    hugo.write_text(hugo.read_text(encoding="utf-8") + '[[languages.de.menus.main]]\nname = "Eigen"\nurl = "/de/"\n',
                    encoding="utf-8")
    api.extract(root, now=0)
    _translate(root)
    api.merge(root)
    assert not (root / "config").exists()
    assert (root / "i18n" / "de.toml").exists()


def test_a_string_removed_from_the_table_stays_obsolete_in_the_catalog(tmp_path: Path) -> None:
    root = _site(tmp_path)
    api.extract(root, now=0)
    _translate(root)
    (root / "i18n" / "nl.toml").write_text(TABLE.replace('"met.punt" = "Met een punt"\n', ""), encoding="utf-8")
    report = api.extract(root, now=0)
    assert report.obsolete == 1
    po = po_path(root, "_i18n").read_text(encoding="utf-8")
    assert '#~ msgctxt "met.punt"\n#~ msgid "Met een punt"\n#~ msgstr "Mit einem Punkt"\n' in po
    api.merge(root)
    assert "met.punt" not in (root / "i18n" / "de.toml").read_text(encoding="utf-8")
    # no orphan, no move: the strings' catalog is no post's
    assert not [p for p in api.check(root).problems if p.code == "catalog-orphan"]


@pytest.mark.parametrize("name", ["_i18n.md", "_i18n/index.md"])  # a leaf bundle's id is its folder
def test_a_post_named_like_the_strings_catalog_is_refused(tmp_path: Path, name: str) -> None:
    root = _site(tmp_path)
    make_root(root, {name: "---\ntitle: Tabel\n---\nTekst.\n"})
    shown = f"content/nl/{name}"
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1
    assert (f"error: {shown}: _i18n names the catalogs of the string tables and menus "
            "(locale/templates/_i18n.pot): rename the post") in result.output
    assert "msgctxt \"leesmeer\"" in pot_path(root, "_i18n").read_text(encoding="utf-8")
    assert not (root / "locale" / "templates" / "_i18n.pot").read_text(encoding="utf-8").count("Tabel")
    result = invoke("-C", str(root), "merge", "--min-translated", "0")
    assert f"error: {shown}: _i18n names" in result.output
    problems = [(p.file, p.code) for p in api.check(root).problems if p.file == shown]
    assert problems == [(shown, "post-unreadable")]


def test_check_reports_the_strings_completeness_and_a_stale_catalog(tmp_path: Path) -> None:
    root = _site(tmp_path)
    api.extract(root, now=0)
    _translate(root)
    report = api.check(root, min_translated=0)
    rows = [c for c in report.completeness if c.post_id == "_i18n"]
    assert [(c.language, c.units, c.units_translated) for c in rows] == [("de", 10, 8)]
    (root / "i18n" / "nl.toml").write_text('nieuw = "Nieuw"\n' + TABLE, encoding="utf-8")
    report = api.check(root, min_translated=0)
    assert [(p.file, p.code) for p in report.problems if p.code == "catalog-stale"] == [
        ("locale/templates/_i18n.pot", "catalog-stale"), ("locale/de/LC_MESSAGES/_i18n.po", "catalog-stale")]
    report = api.check(root)
    assert any(p.code == "incomplete" and p.file == "locale/de/LC_MESSAGES/_i18n.po" for p in report.problems)


def test_a_site_without_tables_or_menus_gets_no_strings_files(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"over.md": "---\ntitle: Over\n---\nHallo.\n"})
    api.extract(root, now=0)
    api.merge(root, min_translated=0)
    assert not pot_path(root, "_i18n").exists() and not (root / "i18n").exists()
    assert not [c for c in api.check(root).completeness if c.post_id == "_i18n"]


@pytest.mark.parametrize(("language", "expected"), [
    ("de", {0: ["one"], 1: ["other"]}),
    ("pl", {0: ["one"], 1: ["few"], 2: ["many"]}),
    ("ja", {0: ["other"]}),
])
def test_plural_indexes_as_cldr_forms(language: str, expected: dict[int, list[str]]) -> None:
    assert plural_categories(language) == expected


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")
def test_menus_of_a_config_folder_with_params_keep_every_setting(tmp_path: Path) -> None:
    root = _site(tmp_path)
    hugo = root / "hugo.toml"
    hugo.write_text(hugo.read_text(encoding="utf-8").split("[[languages.nl.menus.main]]")[0], encoding="utf-8")
    (root / "config" / "_default").mkdir(parents=True)
    (root / "config" / "_default" / "menus.nl.toml").write_text(
        '[[main]]\nname = "Over ons"\npageRef = "/over"\nweight = 2\nparams = { icoon = "info", rang = 1 }\n'
        '[[main]]\nname = "Extern"\nurl = "https://example.org/"\nweight = 1\n', encoding="utf-8")
    layout = root / "layouts" / "_default" / "single.html"
    layout.write_text(layout.read_text(encoding="utf-8").replace(
        "{{ .Name }}</li>", "{{ .Name }}/{{ .Params.icoon }}</li>"), encoding="utf-8")
    api.extract(root, now=0)
    pot = pot_path(root, "_i18n").read_text(encoding="utf-8")
    assert '#: config/_default/menus.nl.toml:2\nmsgctxt "menus.main./over.name"\nmsgid "Over ons"' in pot
    assert 'msgctxt "menus.main.https://example.org/.name"\nmsgid "Extern"' in pot
    _translate(root)
    _translate_post(root)
    api.merge(root)
    assert (root / "config" / "_default" / "menus.de.toml").read_text(encoding="utf-8").split("\n", 2)[2] == (
        '\n[[main]]\nname = "Über uns"\npageref = "/over"\nweight = 2\nparams = {icoon = "info", rang = 1}\n'
        '\n[[main]]\nname = "Extern"\nurl = "https://example.org/"\nweight = 1\n')
    pages = _hugo(root)
    assert '<li title="">Extern/</li><li title="Over">Over ons/info</li>' in pages["over"]
    assert '<li title="">Extern/</li><li title="Über">Über uns/info</li>' in pages["de/over"]
    # the menus file changed by hand: refused, then --force
    menus = root / "config" / "_default" / "menus.de.toml"
    menus.write_text(menus.read_text(encoding="utf-8").replace("Extern", "Draußen"), encoding="utf-8")
    report = api.merge(root)
    assert [r.action for r in report.results if r.post_id == "_i18n"] == ["unchanged", "edited"]
    assert any(p.code == "strings-edited" and p.file == "config/_default/menus.de.toml" for p in api.check(root).problems)
    assert [r.action for r in api.merge(root, force=True).results if r.post_id == "_i18n"] == ["unchanged", "written"]


def test_a_plural_translation_missing_a_form_stays_dutch(tmp_path: Path) -> None:
    root = _site(tmp_path)
    api.extract(root, now=0)
    _translate(root, plural={0: "{{ .Count }} Minute"})
    api.merge(root)
    assert 'one = "{{ .Count }} minuut"\nother = "{{ .Count }} minuten"' in (
        root / "i18n" / "de.toml").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")
def test_the_sites_menus_at_the_top_are_the_dutch_ones_and_get_german_ones(tmp_path: Path) -> None:
    root = _site(tmp_path)
    hugo = root / "hugo.toml"
    head = hugo.read_text(encoding="utf-8").split("[[languages.nl.menus.main]]")[0]
    hugo.write_text(head.replace('theme = "thema"\n', 'theme = "thema"\n[[menus.main]]\nname = "Over ons"\n'
                                 'pageRef = "/over"\n'), encoding="utf-8")
    api.extract(root, now=0)
    assert 'msgctxt "menus.main./over.name"\nmsgid "Over ons"' in pot_path(root, "_i18n").read_text(encoding="utf-8")
    _translate(root)
    _translate_post(root)
    api.merge(root)
    pages = _hugo(root)
    assert "Over ons</li>" in pages["over"] and "Über uns</li>" in pages["de/over"]


def test_a_german_table_in_another_format_is_not_doubled(tmp_path: Path) -> None:
    root = _site(tmp_path)
    (root / "i18n" / "de.yaml").write_text("leesmeer: Eigenes\n", encoding="utf-8")
    api.extract(root, now=0)
    _translate(root)
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 1
    assert ("error: i18n/de.yaml: holds de's strings, and merge writes them to i18n/de.toml: move them into "
            "locale/de/LC_MESSAGES/_i18n.po, then delete it") in result.output
    assert not (root / "i18n" / "de.toml").exists()


def test_extract_of_a_site_without_strings_does_not_read_its_hugo_configuration_as_an_error(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"over.md": "---\ntitle: Over\n---\nHallo.\n"})
    (root / "hugo.toml").write_text("baseURL = \n", encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    (root / "i18n").mkdir()
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1 and "error: hugo.toml:1: is not valid TOML" in result.output


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")
def test_a_string_with_dutch_forms_besides_other_but_no_one_is_its_other_form_in_german(tmp_path: Path) -> None:
    # Dutch has no `few` or `zero` (CLDR: one, other): Hugo shows `other` for them, so that
    # is the msgid, and the German table must have `other` (a table with `few` alone shows nothing)
    root = _site(tmp_path, '[stuks]\nfew = "Een paar"\nother = "Veel stuks"\n[nul]\nzero = "Geen"\nother = "Alles"\n')
    (root / "layouts" / "_default" / "single.html").write_text(
        '<p id="s">{{ i18n "stuks" }}|{{ i18n "stuks" 3 }}|{{ i18n "nul" }}</p>\n', encoding="utf-8")
    api.extract(root, now=0)
    pot = pot_path(root, "_i18n").read_text(encoding="utf-8")
    assert 'msgctxt "stuks"\nmsgid "Veel stuks"\n' in pot and 'msgctxt "nul"\nmsgid "Alles"\n' in pot
    _translate(root, {"Veel stuks": "Viele Stücke", "Alles": "Alle"})
    _translate_post(root)
    api.merge(root)
    german = (root / "i18n" / "de.toml").read_text(encoding="utf-8")
    assert '\nstuks = "Viele Stücke"\n' in german and '\nnul = "Alle"\n' in german
    pages = _hugo(root)
    assert '<p id="s">Veel stuks|Veel stuks|Alles</p>' in pages["over"]
    assert '<p id="s">Viele Stücke|Viele Stücke|Alle</p>' in pages["de/over"]


@pytest.mark.parametrize(("name", "table", "readable"), [
    ("nl.toml", 'leesmeer = "Lees meer"\r\n', False),
    ("nl.json", '{"leesmeer": "Lees meer"}\r\n', False),
    ("nl.yaml", "leesmeer: Lees meer\r\n", True),
])
def test_a_table_with_a_byte_order_mark_hugo_cannot_read_is_refused_at_its_first_line(
    tmp_path: Path, name: str, table: str, readable: bool,
) -> None:
    """Hugo 0.111 fails its build on a TOML or JSON table that starts with a BOM (not on YAML)."""
    root = _site(tmp_path, "")
    (root / "i18n" / "nl.toml").unlink()
    (root / "i18n" / name).write_bytes(b"\xef\xbb\xbf" + table.encode("utf-8"))
    if shutil.which("hugo"):
        built = subprocess.run(["hugo", "--quiet", "--source", str(root), "--destination", str(root / "public")],
                               capture_output=True, text=True, timeout=120, check=False)
        assert (built.returncode == 0) == readable, built.stderr
    result = invoke("-C", str(root), "extract")
    errors = [row for row in result.output.splitlines() if row.startswith("error:")]
    if readable:
        assert result.exit_code == 0 and not errors, result.output
        assert 'msgctxt "leesmeer"\nmsgid "Lees meer"\n' in pot_path(root, "_i18n").read_text(encoding="utf-8")
        return
    assert result.exit_code == 1
    assert errors == [(f"error: i18n/{name}:1: starts with a byte order mark, which Hugo cannot read in a "
                       f"{name[3:].upper()} table (its build fails): save it as UTF-8 without one")], result.output
    assert "[strings-unreadable]" in invoke("-C", str(root), "check").output


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")
def test_a_template_action_spaced_otherwise_is_the_same_action(tmp_path: Path) -> None:
    """``{{.Count}}`` is Go's ``{{ .Count }}``: the translation is used, and check has nothing to say;
    a changed action (``{{ .Aantal }}``) still is refused."""
    root = _site(tmp_path)
    api.extract(root, now=0)
    _translate(root, plural={0: "{{.Count}} Minute", 1: "{{  .Count\t}} Minuten"})
    _translate_post(root)
    api.merge(root)
    german = (root / "i18n" / "de.toml").read_text(encoding="utf-8")
    assert 'one = "{{.Count}} Minute"\nother = "{{  .Count\\t}} Minuten"' in german
    assert not [p for p in api.check(root).problems if p.code == "strings-template"]
    assert "Weiterlesen|5 Minuten|1 Minute|" in _hugo(root)["de/over"]
    _translate(root, plural={0: "{{ .Aantal }} Minute", 1: "{{- .Count }} Minuten"})
    api.merge(root)
    assert 'one = "{{ .Count }} minuut"' in (root / "i18n" / "de.toml").read_text(encoding="utf-8")
    assert len([p for p in api.check(root).problems if p.code == "strings-template"]) == 2


def test_a_menu_text_s_reference_is_its_own_line_in_the_dutch_menus_never_the_german_file(tmp_path: Path) -> None:
    """Two entries named alike (in two menus, no identifier) each name their own line; the
    German menus file merge writes (``menus.de.toml`` sorts before ``menus.nl.toml``, with the
    Dutch text of an untranslated entry) is no source: extract after merge changes nothing."""
    root = _site(tmp_path, "")
    hugo = root / "hugo.toml"
    hugo.write_text(hugo.read_text(encoding="utf-8").split("[[languages.nl.menus.main]]")[0], encoding="utf-8")
    (root / "config" / "_default").mkdir(parents=True)
    (root / "config" / "_default" / "menus.nl.toml").write_text(
        '[[main]]\nname = "Thuis"\npageRef = "/"\n[[footer]]\nweight = 1\nname = "Thuis"\nurl = "/"\n', encoding="utf-8")
    api.extract(root, now=0)
    pot = pot_path(root, "_i18n").read_text(encoding="utf-8")
    assert '#: config/_default/menus.nl.toml:2\nmsgctxt "menus.main./.name"\n' in pot
    assert '#: config/_default/menus.nl.toml:6\nmsgctxt "menus.footer./.name"\n' in pot
    api.merge(root)
    assert (root / "config" / "_default" / "menus.de.toml").is_file()
    before = {p: p.read_bytes() for p in (root / "locale").rglob("*.po*")}
    assert api.extract(root, now=1).written == []
    assert {p: p.read_bytes() for p in (root / "locale").rglob("*.po*")} == before


def test_strings_clash_asks_only_the_names_that_can_clash(tmp_path: Path) -> None:
    """strings_clash looks at a post's name first (it is asked for every post of every run):
    the same answer as comparing its whole path, for posts that clash and posts that do not."""
    from pipeline.config import STRINGS_ID, TERMS_ID, load_config
    from pipeline.site import strings_clash

    root = make_root(tmp_path / "site", {"a.md": "---\ntitle: A\n---\nTekst.\n"})
    config = load_config(root)
    clashing = {config.source_dir / f"{STRINGS_ID}.md", config.source_dir / STRINGS_ID / "index.md",
                config.source_dir / f"{TERMS_ID}.md", config.source_dir / TERMS_ID / "index.md"}
    others = [config.source_dir / name for name in (
        "a.md", "index.md", "_index.md", f"x/{STRINGS_ID}.md", f"x/{TERMS_ID}.md", f"{STRINGS_ID}/_index.md",
        f"{STRINGS_ID}/index.md/index.md", f"{TERMS_ID}.markdown", f"{STRINGS_ID}.md.md", "b/index.md")]
    for path in [*clashing, *others]:
        found = strings_clash(config, path)
        assert (found is not None) == (path in clashing), path
    assert "rename the post" in strings_clash(config, config.source_dir / f"{TERMS_ID}.md").message
