"""XLIFF as agencies' tools hand it back: hostile cases of ``pipeline import`` (a
translation merge would refuse, tools' states and approvals, segmentation, whitespace that
Markdown reads, line endings, XML hazards)."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support import make_root, needs_gettext, po_path, run_cli, run_extract

from pipeline.config import load_config
from pipeline.po import Message, parse_catalog
from pipeline.xliff import NAMESPACE, XliffError, export, import_files

X = f"{{{NAMESPACE}}}"

POST = """---
title: Fietsen
date: 2023-10-01
---

Regel een met een harde breuk  
regel twee van dezelfde alinea
en regel drie.

Lees [de handleiding](https://example.org/gids) en **let op**.
"""


def exported(tmp_path: Path) -> tuple[Path, Path]:
    root = make_root(tmp_path / "site", {"2023/fiets.md": POST})
    run_extract(root)
    export(load_config(root), tmp_path / "out")
    return root, tmp_path / "out" / "de" / "2023" / "fiets.xlf"


def entries(root: Path) -> dict[tuple[str | None, str], Message]:
    catalog = parse_catalog("x.po", po_path(root, "2023/fiets").read_bytes())
    return {m.key: m for m in catalog.messages if m.msgid and not m.obsolete}


def fill(path: Path, translate, state: str | None = "translated") -> None:  # type: ignore[no-untyped-def]
    tree = ET.parse(path)
    for unit in tree.iter(f"{X}trans-unit"):
        target = ET.Element(f"{X}target")
        unit.insert(1, target)
        target.text = translate(unit.find(f"{X}source").text or "")
        if state is not None:
            target.set("state", state)
    tree.write(path, encoding="unicode")


def test_import_says_which_translations_merge_will_refuse(tmp_path: Path) -> None:
    """A link changed and the bold dropped by the agency: imported (the work is kept) but
    said at the import, at the unit's line and the catalog's, and the exit is 1."""
    root, path = exported(tmp_path)
    fill(path, lambda text: text.replace("/gids)", "/anders)").replace("**let op**", "let op"))
    done = run_cli(root, "import", str(path))
    assert done.returncode == 1, done.stdout
    refused = [line for line in done.stdout.splitlines() if line.startswith("refused by merge: ")]
    assert len(refused) == 2, done.stdout
    assert all(f"{path}:" in line and "locale/de/LC_MESSAGES/2023/fiets.po:" in line for line in refused)
    assert "[link-target]" in refused[0] and "[emphasis]" in refused[1]
    assert done.stdout.splitlines()[-1].startswith("import: 4 imported, ")
    assert "2 refused by merge" in done.stdout.splitlines()[-1]
    # merge refuses exactly these
    merged = run_cli(root, "merge")
    assert merged.returncode == 1 and "[link-target]" in merged.stderr + merged.stdout


def test_a_fuzzy_or_good_translation_is_not_said_to_be_refused(tmp_path: Path) -> None:
    root, path = exported(tmp_path)
    fill(path, lambda text: text.replace("**let op**", "let op"), state="needs-review-translation")
    result = import_files(load_config(root), [path])
    assert result.imported == 4 and result.refused == []  # merge does not publish a fuzzy one
    root, path = exported(tmp_path / "2")
    fill(path, lambda text: text)
    result = import_files(load_config(root), [path])
    assert result.imported == 4 and result.refused == []


def as_a_cat_tool_saves(path: Path, translate) -> None:  # type: ignore[no-untyped-def]
    """The file as Okapi/memoQ/Trados-like tools save it: a BOM, CRLF line endings, a comment
    and a processing instruction, the source segmented into sentences in ``<seg-source>``
    and the target in ``<mrk mtype="seg">``, a ``state-qualifier``, an ``<alt-trans>`` from
    the agency's memory (another text: not to be taken), ``approved="yes"``."""
    text = path.read_text(encoding="utf-8")
    tree = ET.ElementTree(ET.fromstring(text))
    for unit in tree.iter(f"{X}trans-unit"):
        source = unit.find(f"{X}source").text or ""
        sentences = source.split(". ")
        seg = ET.Element(f"{X}seg-source")
        target = ET.Element(f"{X}target", {"state": "translated", "state-qualifier": "exact-match"})
        for number, sentence in enumerate(sentences):
            tail = ". " if number < len(sentences) - 1 else ""
            mrk = ET.SubElement(seg, f"{X}mrk", {"mtype": "seg", "mid": str(number)})
            mrk.text, mrk.tail = sentence, tail
            mrk = ET.SubElement(target, f"{X}mrk", {"mtype": "seg", "mid": str(number)})
            mrk.text, mrk.tail = translate(sentence), tail
        unit.insert(1, seg)
        unit.insert(2, target)
        unit.set("approved", "yes")
        alt = ET.SubElement(unit, f"{X}alt-trans", {"match-quality": "75"})
        ET.SubElement(alt, f"{X}source").text = source
        ET.SubElement(alt, f"{X}target").text = "aus dem Speicher"
    body = ET.tostring(tree.getroot(), encoding="unicode")
    body = body.replace("<ns0:body>", "<ns0:body><!-- memoQ --><?tool segmented?>", 1)
    saved = "\ufeff<?xml version='1.0' encoding='UTF-8'?>\n" + body
    path.write_bytes(saved.replace("\n", "\r\n").encode("utf-8"))


def test_a_cat_tools_file_keeps_every_character_markdown_reads(tmp_path: Path) -> None:
    """The paragraph with a hard line break (two trailing spaces and a newline inside the
    msgid) comes back byte for byte, through CRLF, segmentation and the rest."""
    root, path = exported(tmp_path)
    as_a_cat_tool_saves(path, lambda sentence: f"[{sentence}]")
    result = import_files(load_config(root), [path])
    assert (result.imported, result.conflicts, result.not_found, result.refused) == (4, [], [], [])
    got = {m.msgid: m for m in entries(root).values()}
    paragraph = "Regel een met een harde breuk  \nregel twee van dezelfde alinea en regel drie."
    assert got[paragraph].msgstr == f"[{paragraph}]" and got[paragraph].translated
    link = "Lees [de handleiding](https://example.org/gids) en **let op**."
    assert got[link].msgstr == f"[{link}]"
    before = po_path(root, "2023/fiets").read_bytes()
    again = import_files(load_config(root), [path])  # twice: nothing changes
    assert (again.imported, again.unchanged, again.written) == (0, 4, [])
    assert po_path(root, "2023/fiets").read_bytes() == before


ORIGINAL = "locale/de/LC_MESSAGES/2023/fiets.po"


def one_unit(tmp_path: Path, unit: str, prolog: str = "") -> Path:
    path = tmp_path / "tool.xlf"
    path.write_text(f'{prolog}<xliff version="1.2" xmlns="{NAMESPACE}"><file original="{ORIGINAL}" '
                    f'source-language="nl" target-language="de" datatype="po"><body>\n{unit}\n'
                    "</body></file></xliff>", encoding="utf-8")
    return path


@pytest.mark.parametrize(("attributes", "fuzzy"), [
    (' state="needs-review-translation"', True),
    (' state="needs-review-translation" approved="yes"', False),  # approved: final (XLIFF 1.2)
    (' state="x-memoq-confirmed"', True),  # a tool's own state ("x-…", XLIFF 1.2 allows): to review
    (' state="x-confirmed" approved="yes"', False),
    (' state="new" approved="yes"', False),
])
def test_approved_and_a_tools_own_states(tmp_path: Path, attributes: str, fuzzy: bool) -> None:
    root, _ = exported(tmp_path)
    state, _, approved = attributes.partition(" approved=")
    unit = (f'<trans-unit id="1" resname="title"{" approved=" + approved if approved else ""}>'
            f"<source>Fietsen</source><target{state}>Radfahren</target></trans-unit>")
    result = import_files(load_config(root), [one_unit(tmp_path, unit)])
    assert result.imported == 1
    message = entries(root)[("title", "Fietsen")]
    assert (message.msgstr, message.fuzzy) == ("Radfahren", fuzzy)


def test_an_entity_the_file_does_not_declare_is_refused_not_dropped(tmp_path: Path) -> None:
    """With an external DTD (never read), expat skips an entity it does not know: the
    target would lose its text silently."""
    root, _ = exported(tmp_path)
    unit = '<trans-unit id="1" resname="title"><source>Fietsen</source><target>Rad&nbsp;fahren</target></trans-unit>'
    path = one_unit(tmp_path, unit, '<!DOCTYPE xliff SYSTEM "file:///etc/passwd">\n')
    before = po_path(root, "2023/fiets").read_bytes()
    with pytest.raises(XliffError, match=r"tool\.xlf:3: the entity &nbsp; is not declared"):
        import_files(load_config(root), [path])
    assert po_path(root, "2023/fiets").read_bytes() == before


def test_a_file_exported_before_pipeline_mv_goes_to_the_post_where_it_moved(tmp_path: Path) -> None:
    root, path = exported(tmp_path)
    fill(path, lambda text: f"DE {text}")
    moved = run_cli(root, "mv", "2023/fiets", "2023/rad")
    assert moved.returncode == 0, moved.stderr
    done = run_cli(root, "import", str(path))
    assert (f"moved: {path}:2: {ORIGINAL} is not there: imported into "
            "locale/de/LC_MESSAGES/2023/rad.po, the one catalog with its units (the post moved)") in done.stdout
    # the slug is the new name's now: the old one's translation is not taken
    assert done.stdout.splitlines()[-1].startswith("import: 3 imported, 0 unchanged, 0 conflicts, 1 not found")
    catalog = parse_catalog("x.po", po_path(root, "2023/rad").read_bytes())
    assert sorted(m.msgctxt or "" for m in catalog.messages if m.msgstr.startswith("DE ")) == ["", "", "title"]


def test_a_file_whose_catalog_is_gone_and_no_other_holds_its_units_is_not_found(tmp_path: Path) -> None:
    root, path = exported(tmp_path)
    fill(path, lambda text: f"DE {text}")
    po_path(root, "2023/fiets").unlink()
    result = import_files(load_config(root), [path])
    assert result.imported == 0 and len(result.not_found) == 4
    assert f"{ORIGINAL} is not there (the post moved or is gone?)" in result.not_found[0]


REPO = Path(__file__).resolve().parent.parent


def _shape(html: str) -> list[str]:
    """The page's structure: its tags and link targets, in order (no text)."""
    return re.findall(r'<(?:/?(?:p|br|strong|em|a|code|ul|li|h[1-6])\b[^>]*)>', html)


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")
def test_through_a_cat_tool_merge_and_hugo_the_german_page_is_built_as_the_dutch(tmp_path: Path) -> None:
    root, path = exported(tmp_path)
    shutil.copy(REPO / "hugo.toml", root / "hugo.toml")
    shutil.copytree(REPO / "layouts", root / "layouts")
    as_a_cat_tool_saves(path, lambda sentence: sentence.replace("Regel", "Zeile").replace("Lees", "Lies"))
    assert run_cli(root, "import", str(path)).returncode == 0
    merged = run_cli(root, "merge")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    built = subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                           capture_output=True, text=True, timeout=120, check=False)
    assert built.returncode == 0, built.stderr
    dutch = (root / "public" / "2023" / "fiets" / "index.html").read_text(encoding="utf-8")
    german = (root / "public" / "de" / "2023" / "fiets" / "index.html").read_text(encoding="utf-8")
    body = lambda html: html[html.index("<article>"): html.index("</article>")]  # noqa: E731
    assert "<br>" in body(german)
    assert _shape(body(german)) == _shape(body(dutch))
    assert "Zeile een met een harde breuk<br>" in body(german)


def test_a_poedit_save_while_the_import_runs_is_not_lost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The translator saves the catalog after the import read it: the import does not write
    over the save (and says so); the save is there byte for byte."""
    import pipeline.xliff as xliff

    root, path = exported(tmp_path)
    fill(path, lambda text: f"DE {text}")
    catalog = po_path(root, "2023/fiets")
    saved = catalog.read_bytes().replace(b'msgstr ""\n\n#. paragraph', b'msgstr "Gespeichert"\n\n#. paragraph', 1)
    assert saved != catalog.read_bytes()
    parse = xliff.parse_catalog

    def parse_then_save(shown: str, data: bytes):  # type: ignore[no-untyped-def]
        parsed = parse(shown, data)
        if shown.endswith("fiets.po"):
            catalog.write_bytes(saved)
        return parsed

    monkeypatch.setattr(xliff, "parse_catalog", parse_then_save)
    result = import_files(load_config(root), [path])
    assert result.written == [] and len(result.errors) == 1
    assert catalog.read_bytes() == saved


@needs_gettext
def test_a_unit_whose_dutch_text_changed_since_the_export_comes_back_fuzzy(tmp_path: Path) -> None:
    """The agency's translation of the old text is not thrown away: as msgmerge would carry
    it, it goes to the entry of the new text as fuzzy, the old text as its ``#|``."""
    root, path = exported(tmp_path)
    fill(path, lambda text: f"DE {text}")
    post = root / "content" / "nl" / "2023" / "fiets.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Lees [de", "Lees eerst [de"), encoding="utf-8")
    run_extract(root)
    done = run_cli(root, "import", str(path))
    assert done.returncode == 0, done.stdout
    assert "fuzzy: " in done.stdout and "the Dutch text changed since the export: imported as fuzzy" in done.stdout
    assert done.stdout.splitlines()[-1].startswith("import: 4 imported, 0 unchanged, 0 conflicts, 0 not found")
    new = "Lees eerst [de handleiding](https://example.org/gids) en **let op**."
    message = entries(root)[(None, new)]
    assert message.fuzzy and message.msgstr == "DE Lees [de handleiding](https://example.org/gids) en **let op**."
    assert message.previous_msgid == "Lees [de handleiding](https://example.org/gids) en **let op**."
    catalog = po_path(root, "2023/fiets")
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(catalog)], check=False).returncode == 0
    before = catalog.read_bytes()
    run_extract(root)  # the next extract keeps it as it is
    assert catalog.read_bytes() == before


@pytest.mark.parametrize("folder", ["content/xliff", "content", "static/agency", "public/out"])
def test_export_refuses_a_folder_hugo_publishes(tmp_path: Path, folder: str) -> None:
    """Files written under content/ or static/ (or into public/, which hugo does not clean)
    would be published with the site: the catalogs' text and comments for anyone to fetch."""
    root = make_root(tmp_path / "site", {"2023/fiets.md": POST})
    run_extract(root)
    done = run_cli(root, "export", "--xliff", folder)
    assert done.returncode == 1
    top = folder.split("/")[0]
    assert done.stderr.strip() == (f"error: {folder}: inside {top}/, which Hugo publishes: export to a "
                                   "folder outside it (`pipeline export --xliff xliff`)")
    assert not list(root.rglob("*.xlf"))


TAGGED = POST.replace("title: Fietsen\n", "title: Fietsen\ntags: [fiets, herfst]\n")


def test_a_term_is_exported_once_in_the_terms_file_not_in_every_post(tmp_path: Path) -> None:
    """A tag is translated once, in the terms catalog, which extract carries into the posts:
    exported in the post's file too, the agency would translate it once per post (and two
    translations of it are a warning at the next extract)."""
    root = make_root(tmp_path / "site", {"2023/fiets.md": TAGGED, "2023/herfst.md": TAGGED.replace("Fietsen", "Herfst")})
    assert run_cli(root, "extract").returncode == 0
    done = run_cli(root, "export", "--xliff", "xliff")
    assert done.returncode == 0, done.stderr
    sources = {path.relative_to(root / "xliff").as_posix(): [
        (unit.get("resname"), unit.find(f"{X}source").text) for unit in ET.parse(path).iter(f"{X}trans-unit")]
        for path in sorted((root / "xliff").rglob("*.xlf"))}
    assert sources["de/_terms.xlf"] == [("tags", "fiets"), ("tags", "herfst")]
    assert all(resname != "tags" for name, units in sources.items() if name != "de/_terms.xlf"
               for resname, _ in units)
    for path in sorted((root / "xliff").rglob("*.xlf")):
        fill(path, lambda text: f"DE {text}")
    assert run_cli(root, "import", *map(str, sorted((root / "xliff").rglob("*.xlf")))).returncode == 0
    extracted = run_cli(root, "extract")
    assert extracted.returncode == 0 and "warning" not in extracted.stderr, extracted.stderr
    assert entries(root)[("tags", "fiets")].msgstr == "DE fiets"  # carried by extract from the terms


def test_a_hard_line_break_the_tool_dropped_is_said(tmp_path: Path) -> None:
    root, path = exported(tmp_path)
    fill(path, lambda text: text.replace("breuk  \n", "breuk "))
    result = import_files(load_config(root), [path])
    assert result.imported == 4 and result.refused != []
