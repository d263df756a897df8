"""XLIFF for agencies: ``pipeline export --xliff DIR`` and ``pipeline import FILE…``.

The exported files are checked with ``xmllint --schema`` against OASIS's XLIFF 1.2 strict
schema (tests/fixtures/xliff/); the round trip runs on the real articles, with files edited as
a tool writes them (ElementTree's namespace prefixes, attributes reordered, CDATA, entities,
inline ``<g>``/``<ph>``), and is compared with translate-toolkit's real ``po2xliff`` and
``xliff2po`` (which lose every msgctxt)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from merge_support import fill_all
from support import ARTICLES, FIXTURES, make_root, needs_gettext, po_path, run_cli, run_extract

from pipeline.config import load_config
from pipeline.po import Message, format_catalog, parse_catalog
from pipeline.xliff import NAMESPACE, STATES, XliffError, export, import_files, unit_id

SCHEMA = FIXTURES / "xliff" / "xliff-core-1.2-strict.xsd"
X = f"{{{NAMESPACE}}}"

needs_xmllint = pytest.mark.skipif(
    shutil.which("xmllint") is None, reason="xmllint is not installed (Debian package 'libxml2-utils')"
)
_BIN = Path(sys.executable).parent
needs_translate_toolkit = pytest.mark.skipif(
    not (_BIN / "po2xliff").exists(), reason="translate-toolkit is not installed (pip install -e '.[test]')"
)

POST = """---
title: Fietsen in de herfst
description: Alles over "banden" & <kettingen>
tags: [fiets, herfst]
date: 2023-10-01
---

De fietsenmaker op de hoek repareert elke fiets binnen een dag.

Een goede ketting gaat jaren mee als je hem\telke maand smeert.

Controleer de bandenspanning voor elke lange tocht.
"""


def german(text: str) -> str:
    return f"DE: {text}"


def site(tmp_path: Path) -> Path:
    root = make_root(tmp_path / "site", {"2023/fiets.md": POST})
    run_extract(root)
    return root


def entries(root: Path, post_id: str = "2023/fiets") -> dict[tuple[str | None, str], Message]:
    catalog = parse_catalog("x.po", po_path(root, post_id).read_bytes())
    return {m.key: m for m in catalog.messages if m.msgid and not m.obsolete}


def edit_catalog(root: Path, change, post_id: str = "2023/fiets") -> None:  # type: ignore[no-untyped-def]
    path = po_path(root, post_id)
    catalog = parse_catalog("x.po", path.read_bytes())
    for message in catalog.messages:
        if message.msgid and not message.obsolete:
            change(message)
    path.write_bytes(format_catalog(catalog).encode("utf-8"))


def fill_targets(path: Path, state: str = "translated", translate=german) -> None:  # type: ignore[no-untyped-def]
    """Give every unit a target, as a tool would save the file: through ElementTree (its own
    namespace prefixes, its attribute order and escapes, no XML declaration)."""
    tree = ET.parse(path)
    for unit in tree.iter(f"{X}trans-unit"):
        source = unit.find(f"{X}source")
        target = unit.find(f"{X}target")
        if target is None:
            target = ET.Element(f"{X}target")
            unit.insert(1, target)
        target.text = translate(source.text or "")
        target.set("state", state)
    tree.write(path, encoding="unicode")


def schema_problems(paths: list[Path]) -> str:
    done = subprocess.run(["xmllint", "--noout", "--schema", str(SCHEMA), *map(str, paths)],
                          capture_output=True, text=True, check=False)
    return "" if done.returncode == 0 else done.stderr


# --------------------------------------------------------------------------------------
# Export


@needs_xmllint
def test_export_is_valid_xliff_12_and_keeps_what_a_po_entry_says(tmp_path: Path) -> None:
    root = site(tmp_path)
    # a fuzzy entry with its previous msgid, a translator's note, a carriage return
    def change(message: Message) -> None:
        if message.msgid.startswith("Controleer"):
            message.msgstr = "Prüfe den\r\nReifendruck."
            message.flags.insert(0, "fuzzy")
            message.previous_msgid = "Controleer de banden."
            message.user_comments = ["let op: \"Reifendruck\" & <b>", "tweede regel"]
        if message.msgid.startswith("De fietsenmaker"):
            message.msgstr = "Der Fahrradmechaniker."  # translated: not exported
    edit_catalog(root, change)
    result = export(load_config(root), tmp_path / "out")
    assert not result.errors and not result.skipped
    path = tmp_path / "out" / "de" / "2023" / "fiets.xlf"
    assert [f.path for f in result.files] == [path]
    assert schema_problems([path]) == ""

    document = ET.parse(path).getroot()
    file = document.find(f"{X}file")
    assert file.attrib == {"original": "locale/de/LC_MESSAGES/2023/fiets.po", "source-language": "nl",
                           "target-language": "de", "datatype": "po"}
    units = {(u.get("resname"), u.findtext(f"{X}source")): u for u in document.iter(f"{X}trans-unit")}
    messages = entries(root)
    left = [m for m in messages.values() if not m.translated]
    assert len(units) == len(left) == len(messages) - 1
    assert (None, "De fietsenmaker op de hoek repareert elke fiets binnen een dag.") not in units
    for message in left:  # the msgctxt, comments and references of every entry
        unit = units[message.key]
        assert unit.get("id") == unit_id(message.msgctxt, message.msgid)
        assert unit.get("resname") == message.msgctxt
        contexts = {c.get("context-type"): c.text for c in unit.iter(f"{X}context")}
        assert contexts.get("x-po-msgctxt") == message.msgctxt
        assert [(c.text, int(n.text)) for c, n in zip(unit.iterfind(f".//{X}context[@context-type='sourcefile']"),
                                                       unit.iterfind(f".//{X}context[@context-type='linenumber']"))
                ] == message.locations
        notes = {n.get("from"): n.text for n in unit.iter(f"{X}note")}
        assert notes.get("developer") == ("\n".join(message.auto_comments) or None)
    fuzzy = units[(None, "Controleer de bandenspanning voor elke lange tocht.")]
    assert fuzzy.find(f"{X}target").attrib == {"state": "needs-review-translation"}
    assert fuzzy.findtext(f"{X}target") == "Prüfe den\r\nReifendruck."
    assert fuzzy.findtext(f"{X}alt-trans/{X}source") == "Controleer de banden."
    assert {n.get("from"): n.text for n in fuzzy.iter(f"{X}note")}["translator"] == (
        'let op: "Reifendruck" & <b>\ntweede regel')
    assert (None, "Een goede ketting gaat jaren mee als je hem\telke maand smeert.") in units
    assert {u.get("resname") for u in units.values()} >= {"title", "description", "tags", "slug"}


def test_export_is_deterministic_and_a_second_run_writes_nothing(tmp_path: Path) -> None:
    root = site(tmp_path)
    first = export(load_config(root), tmp_path / "out")
    path = first.files[0].path
    data = path.read_bytes()
    again = export(load_config(root), tmp_path / "out")
    assert [f.written for f in again.files] == [False]
    assert path.read_bytes() == data
    elsewhere = export(load_config(root), tmp_path / "other")
    assert elsewhere.files[0].path.read_bytes() == data
    # --all: every entry; a translated one as a target in state translated
    fill_all(root, lambda ctxt, msgid: german(msgid))
    assert export(load_config(root), tmp_path / "none").files == []
    everything = export(load_config(root), tmp_path / "all", everything=True)
    text = everything.files[0].path.read_text()
    assert text.count("<trans-unit") == len(entries(root))
    assert text.count('<target state="translated">DE: ') == len(entries(root))


def test_export_skips_what_xliff_cannot_hold_and_says_so(tmp_path: Path) -> None:
    root = site(tmp_path)
    path = po_path(root, "2023/fiets")
    path.write_bytes(path.read_bytes() + b'\nmsgid "bel\\a"\nmsgstr ""\n\nmsgid "een"\nmsgid_plural "twee"\n'
                     b'msgstr[0] ""\nmsgstr[1] ""\n')
    result = export(load_config(root), tmp_path / "out")
    assert len(result.skipped) == 2
    assert "control characters" in result.skipped[0] and "plural" in result.skipped[1]
    assert "bel" not in result.files[0].path.read_text()


# --------------------------------------------------------------------------------------
# Import


def exported(tmp_path: Path) -> tuple[Path, Path]:
    root = site(tmp_path)
    export(load_config(root), tmp_path / "out")
    return root, tmp_path / "out" / "de" / "2023" / "fiets.xlf"


@needs_gettext
def test_import_brings_translations_back_as_the_next_extract_keeps_them(tmp_path: Path) -> None:
    root, path = exported(tmp_path)
    fill_targets(path)
    result = import_files(load_config(root), [path])
    assert (result.imported, result.unchanged, result.conflicts, result.not_found) == (len(entries(root)), 0, [], [])
    assert result.written == ["locale/de/LC_MESSAGES/2023/fiets.po"]
    assert all(m.msgstr == german(m.msgid) and m.translated for m in entries(root).values())
    # byte for byte what a PO editor filling the catalog gives, and what extract keeps
    imported = po_path(root, "2023/fiets").read_bytes()
    other = site(tmp_path / "b")
    fill_all(other, lambda ctxt, msgid: german(msgid))
    assert imported == po_path(other, "2023/fiets").read_bytes()
    run_extract(root)
    assert po_path(root, "2023/fiets").read_bytes() == imported
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po_path(root, "2023/fiets"))], check=False).returncode == 0
    again = import_files(load_config(root), [path])
    assert (again.imported, again.unchanged, again.written) == (0, len(entries(root)), [])


@pytest.mark.parametrize("state", sorted(STATES))
def test_import_maps_each_xliff_state(tmp_path: Path, state: str) -> None:
    root, path = exported(tmp_path)
    fill_targets(path, state)
    result = import_files(load_config(root), [path])
    for message in entries(root).values():
        if STATES[state] is None:  # new, needs-translation: nothing to take
            assert message.msgstr == "" and result.left == len(entries(root))
        else:
            assert message.msgstr == german(message.msgid)
            assert message.fuzzy == (STATES[state] == "fuzzy")


def test_import_of_a_fuzzy_entry_reviewed(tmp_path: Path) -> None:
    root = site(tmp_path)
    def change(message: Message) -> None:
        message.msgstr = "alt"
        message.flags.insert(0, "fuzzy")
        message.previous_msgid = "vorher"
    edit_catalog(root, change)
    export(load_config(root), tmp_path / "out")
    path = tmp_path / "out" / "de" / "2023" / "fiets.xlf"
    unchanged = import_files(load_config(root), [path])  # as exported: needs review, the same
    assert (unchanged.imported, unchanged.unchanged) == (0, len(entries(root)))
    fill_targets(path, "final")
    import_files(load_config(root), [path])
    for message in entries(root).values():
        assert message.translated and message.previous_msgid is None and message.flags == []


def test_a_translation_changed_in_the_catalog_since_the_export_is_a_conflict(tmp_path: Path) -> None:
    root, path = exported(tmp_path)
    fill_targets(path)
    title = ("title", "Fietsen in de herfst")
    edit_catalog(root, lambda m: setattr(m, "msgstr", "Radfahren im Herbst") if m.key == title else None)
    before = po_path(root, "2023/fiets").read_bytes()
    result = import_files(load_config(root), [path])
    assert len(result.conflicts) == 1 and result.imported == len(entries(root)) - 1
    assert re.match(r".*fiets\.xlf:\d+: msgctxt 'title'.*changed since the export: left as it is "
                    r"\(import --force", result.conflicts[0]), result.conflicts[0]
    assert entries(root)[title].msgstr == "Radfahren im Herbst"
    assert po_path(root, "2023/fiets").read_bytes() != before  # the others came in
    forced = import_files(load_config(root), [path], force=True)
    assert forced.imported == 1 and entries(root)[title].msgstr == german(title[1])


def test_a_unit_whose_dutch_text_changed_since_the_export_is_not_found(tmp_path: Path) -> None:
    root, path = exported(tmp_path)
    fill_targets(path)
    post = root / "content" / "nl" / "2023" / "fiets.md"
    # rewritten, not edited (an edited one comes back fuzzy: tests/test_xliff_tools.py)
    post.write_text(POST.replace("De fietsenmaker op de hoek repareert elke fiets binnen een dag.",
                                 "Wij sluiten om vijf uur."))
    run_extract(root)
    result = import_files(load_config(root), [path])
    assert len(result.not_found) == 1 and "changed since the export" in result.not_found[0]
    assert result.imported == len(entries(root)) - 1 and result.changed_source == []
    changed = entries(root)[(None, "Wij sluiten om vijf uur.")]
    assert changed.msgstr == ""  # never the old unit's translation


TOOL_EDITED = """<?xml version='1.0' encoding='utf-8'?>
<!-- saved by a tool -->
<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
 <x:file datatype="po" target-language="de-DE" source-language="nl-NL"
         original="locale/de/LC_MESSAGES/2023/fiets.po">
  <x:body><x:group id="g1">
   <x:trans-unit xml:space="preserve" resname="title" id="{title_id}">
    <x:source>Fietsen in de herfst</x:source>
    <x:target state="translated"><![CDATA[Radfahren & <Herbst>]]> &#x2014; <x:g id="1">jetzt</x:g></x:target>
   </x:trans-unit></x:group>
   <x:trans-unit id="{chain_id}"><x:source>Een goede ketting gaat jaren mee als je hem\telke maand smeert.</x:source>
    <x:target state="signed-off">Eine <x:ph id="1">&lt;b&gt;</x:ph>gute<x:ph id="2">&lt;/b&gt;</x:ph> Kette&#9;<x:mrk mtype="seg" mid="1">hält</x:mrk></x:target>
   </x:trans-unit>
  </x:body>
 </x:file>
</x:xliff>
"""


def tool_edited(root: Path, tmp_path: Path, text: str = TOOL_EDITED) -> Path:
    messages = entries(root)
    chain = next(m for m in messages.values() if m.msgid.startswith("Een goede"))
    path = tmp_path / "edited.xlf"
    path.write_text(text.format(title_id=unit_id("title", "Fietsen in de herfst"),
                                chain_id=unit_id(None, chain.msgid)), encoding="utf-8")
    return path


def test_import_reads_files_as_tools_write_them(tmp_path: Path) -> None:
    root = site(tmp_path)
    path = tool_edited(root, tmp_path)
    result = import_files(load_config(root), [path])
    assert (result.imported, result.conflicts, result.not_found) == (2, [], [])
    messages = entries(root)
    assert messages[("title", "Fietsen in de herfst")].msgstr == "Radfahren & <Herbst> \u2014 jetzt"
    chain = next(m for m in messages.values() if m.msgid.startswith("Een goede"))
    assert chain.msgstr == "Eine <b>gute</b> Kette\thält" and chain.translated


@pytest.mark.parametrize(("text", "line", "words"), [
    ("<xliff", 1, "not well-formed XML"),
    ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original="a" '
     'target-language="de"><body>\n<trans-unit id="1"><source>a</source></trans-unit>\n</body>'
     "</file></xliff>", 2, "not a catalog of this site"),
    ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original='
     '"locale/de/LC_MESSAGES/2023/fiets.po" target-language="de"><body>\n<trans-unit id="1">'
     '<source>a</source>\n<target state="done">b</target></trans-unit></body></file></xliff>',
     4, 'state="done"'),
    ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original='
     '"locale/de/LC_MESSAGES/2023/fiets.po" target-language="de"><body>\n<trans-unit id="1">'
     '<source>a</source>\n<target>b <x id="1"/></target></trans-unit></body></file></xliff>',
     4, "<x/>: a placeholder"),
    ('<?xml version="1.0"?>\n<!DOCTYPE x [\n<!ENTITY a "aaaa">\n]>\n<xliff/>', 3, "entity declaration"),
    ('<xliff version="1.1" xmlns="urn:oasis:names:tc:xliff:document:1.1"/>', 1, "not XLIFF 1.2"),
    ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original='
     '"locale/fr/LC_MESSAGES/2023/fiets.po" target-language="fr"><body/></file></xliff>', 2, "not a catalog of this site"),
    ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original='
     '"locale/de/LC_MESSAGES/2023/fiets.po" target-language="fr-FR"><body/></file></xliff>', 2,
     'target-language="fr-FR" for a catalog of de'),
])
def test_bad_xliff_is_one_line_at_its_line_and_nothing_is_written(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    root = site(tmp_path)
    good = tool_edited(root, tmp_path)
    bad = tmp_path / "bad.xlf"
    bad.write_text(text, encoding="utf-8")
    before = po_path(root, "2023/fiets").read_bytes()
    with pytest.raises(XliffError) as caught:
        import_files(load_config(root), [good, bad])
    assert str(caught.value).startswith(f"{bad}:{line}: ") and words in str(caught.value)
    assert "\n" not in str(caught.value)
    assert po_path(root, "2023/fiets").read_bytes() == before


def test_commands_say_the_counts_and_exit_1_on_conflicts(tmp_path: Path) -> None:
    root = site(tmp_path)
    out = tmp_path / "out"
    done = run_cli(root, "export", "--xliff", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == f"export: 1 file (0 unchanged), {len(entries(root))} units, 0 skipped"
    path = out / "de" / "2023" / "fiets.xlf"
    fill_targets(path)
    edit_catalog(root, lambda m: setattr(m, "msgstr", "neu") if m.msgctxt == "title" else None)
    done = run_cli(root, "import", str(path))
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == (f"import: {len(entries(root)) - 1} imported, 0 unchanged, 1 conflicts, "
                                            "0 not found, 0 left untranslated; 1 catalog written")
    assert done.stdout.startswith("conflict: ")
    done = run_cli(root, "import", "--force", str(path))
    assert done.returncode == 0 and "1 imported" in done.stdout
    bad = root / "bad.xlf"  # a relative path: relative to the content root, as -C says
    bad.write_text("<xliff><", encoding="utf-8")
    done = run_cli(root, "import", "bad.xlf")
    assert done.returncode == 1
    assert done.stderr.strip() == ("Error: bad.xlf:1: not well-formed XML (unclosed token, column 8): "
                                   "fix the file or export it again; no catalog changed")
    done = run_cli(root, "export", "--xliff", "agency", "--all")
    assert done.returncode == 0 and (root / "agency" / "de" / "2023" / "fiets.xlf").is_file()


# --------------------------------------------------------------------------------------
# The real articles: the pipeline's round trip against translate-toolkit's


def articles_root(tmp_path: Path) -> Path:
    root = make_root(tmp_path, {article.name: article.read_bytes() for article in ARTICLES})
    run_extract(root)
    return root


def counts(root: Path) -> dict[str, int]:
    """Over every catalog: entries with a msgctxt (front matter), those translated (not
    fuzzy), entries translated, fuzzy, obsolete."""
    found = {"msgctxt": 0, "msgctxt translated": 0, "translated": 0, "fuzzy": 0, "obsolete": 0}
    for path in sorted((root / "locale" / "de" / "LC_MESSAGES").rglob("*.po")):
        for message in parse_catalog(path.name, path.read_bytes()).messages:
            if not message.msgid:
                continue
            if message.obsolete:
                found["obsolete"] += 1
                continue
            found["msgctxt"] += message.msgctxt is not None
            found["msgctxt translated"] += message.msgctxt is not None and message.translated
            found["translated"] += message.translated
            found["fuzzy"] += message.fuzzy
    return found


@needs_gettext
@needs_xmllint
@needs_translate_toolkit
def test_round_trip_on_the_real_articles_keeps_every_msgctxt_where_translate_toolkit_loses_them(
    tmp_path: Path,
) -> None:
    ours = articles_root(tmp_path / "ours")
    theirs = articles_root(tmp_path / "theirs")
    catalogs = ours / "locale" / "de" / "LC_MESSAGES"
    units = counts(ours)

    # translate-toolkit: po2xliff, a translator fills the targets, xliff2po, then extract
    fill_all(theirs, lambda ctxt, msgid: german(msgid))
    filled = counts(theirs)
    folder = theirs / "locale" / "de" / "LC_MESSAGES"
    subprocess.run([_BIN / "po2xliff", "--progress=none", "-i", folder, "-o", tmp_path / "tt-xlf"], check=True)
    shutil.rmtree(folder)
    subprocess.run([_BIN / "xliff2po", "--progress=none", "-i", tmp_path / "tt-xlf", "-o", folder], check=True)
    back = counts(theirs)
    run_extract(theirs)
    toolkit = counts(theirs)

    # the pipeline: export, the targets filled by a tool, import, then extract
    result = export(load_config(ours), tmp_path / "xlf")
    files = [f.path for f in result.files]
    assert schema_problems(files) == ""
    for path in files:
        fill_targets(path)
    imported = import_files(load_config(ours), files)
    before = {p: p.read_bytes() for p in catalogs.rglob("*.po")}
    run_extract(ours)
    pipeline = counts(ours)

    print(f"\nXLIFF round trip, {len(ARTICLES)} real articles: {sum(f.units for f in result.files)} units "
          f"exported in {len(files)} files ({units['msgctxt']} with a msgctxt)")
    print(f"  translate-toolkit po2xliff/xliff2po: msgctxt kept {back['msgctxt']} of {filled['msgctxt']}; after "
          f"extract: front matter translated {toolkit['msgctxt translated']} of {filled['msgctxt translated']}, "
          f"obsolete {toolkit['obsolete']}, fuzzy {toolkit['fuzzy']}, translated {toolkit['translated']} of "
          f"{filled['translated']}")
    print(f"  pipeline export/import: {imported.imported} imported, {len(imported.conflicts)} conflicts, "
          f"{len(imported.not_found)} not found; after extract: front matter translated "
          f"{pipeline['msgctxt translated']} of {pipeline['msgctxt']}, obsolete {pipeline['obsolete']}, "
          f"fuzzy {pipeline['fuzzy']}, translated {pipeline['translated']} of {filled['translated']}")

    assert back["msgctxt"] == 0 < filled["msgctxt"]  # translate-toolkit loses every msgctxt
    assert toolkit["msgctxt translated"] == 0  # the front matter's translations: obsolete (or fuzzy)
    assert imported.imported == sum(f.units for f in result.files) and not imported.conflicts
    assert pipeline == filled  # every translation kept, front matter's too; none obsolete
    assert {p: p.read_bytes() for p in catalogs.rglob("*.po")} == before  # extract keeps the bytes
    for path in sorted(before):
        done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True,
                              check=False)
        assert done.returncode == 0, done.stderr


def test_a_unit_given_in_two_files_is_refused(tmp_path: Path) -> None:
    root, path = exported(tmp_path)
    fill_targets(path)
    copy = tmp_path / "copy.xlf"
    fill_targets(path, translate=lambda text: f"anders: {text}")
    copy.write_bytes(path.read_bytes())
    before = po_path(root, "2023/fiets").read_bytes()
    with pytest.raises(XliffError, match=r"this unit is also in .*fiets\.xlf:\d+: import one of the two files"):
        import_files(load_config(root), [path, copy])
    assert po_path(root, "2023/fiets").read_bytes() == before


def test_a_tool_that_drops_the_context_groups_and_renumbers_the_ids(tmp_path: Path) -> None:
    """Found by resname and source; without the exported digest, a translation already in
    the catalog is a conflict (nothing says it is older than the file's)."""
    root, path = exported(tmp_path)
    fill_targets(path)
    text = re.sub(r"\s*<ns0:context-group.*?</ns0:context-group>", "", path.read_text(), flags=re.DOTALL)
    text = re.sub(r' id="[0-9a-f]+"', ' id="1"', text)
    path.write_text(text, encoding="utf-8")
    edit_catalog(root, lambda m: setattr(m, "msgstr", "schon da") if m.msgctxt == "slug" else None)
    result = import_files(load_config(root), [path])
    assert (result.imported, len(result.conflicts), result.not_found) == (len(entries(root)) - 1, 1, [])
    assert entries(root)[("title", "Fietsen in de herfst")].msgstr == german("Fietsen in de herfst")
    assert entries(root)[("slug", "fiets")].msgstr == "schon da"


def test_an_agency_revising_translated_entries_exported_with_all(tmp_path: Path) -> None:
    root = site(tmp_path)
    fill_all(root, lambda ctxt, msgid: german(msgid))
    export(load_config(root), tmp_path / "out", everything=True)
    path = tmp_path / "out" / "de" / "2023" / "fiets.xlf"
    fill_targets(path, "final", translate=lambda text: f"besser: {text}")
    result = import_files(load_config(root), [path])
    assert result.imported == len(entries(root)) and not result.conflicts
    assert all(m.msgstr == f"besser: {m.msgid}" for m in entries(root).values())


def test_a_file_in_utf16_as_some_tools_save_it(tmp_path: Path) -> None:
    root = site(tmp_path)
    path = tool_edited(root, tmp_path)
    path.write_bytes(path.read_text(encoding="utf-8").replace("encoding='utf-8'", "encoding='utf-16'")
                     .encode("utf-16"))
    assert import_files(load_config(root), [path]).imported == 2
