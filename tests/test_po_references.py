"""``#:`` references of a post whose file name has spaces: written as GNU gettext 0.21 (the
one installed) writes them back, so that msgcat and msgmerge change no byte; read back as
the post's path at each line, a reference wrapped over lines and a repeat short of the words
GNU drops included; and the form gettext 0.22 and later write (the name between U+2068 and
U+2069) read too."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from support import invoke, make_root, msgcat, msgmerge, needs_gettext, po_path, pot_path

from pipeline.po import format_catalog, parse_catalog

#: A post with a unit three times, a unit once, and front matter
POST = "---\ntitle: Goed\nslug: goed\n---\n\nTwee keer.\n\nEen keer.\n\nTwee keer.\n\nTwee keer.\n"
LINES = {"Goed": [2], "goed": [3], "Twee keer.": [6, 10, 12], "Een keer.": [8]}

NAMES = [
    "met spatie.md",
    "een map met spaties/nog een naam.md",
    # a reference longer than GNU's 79 columns: wrapped between the words of the name
    "een heel lange map met spaties erin/en daarin de bijzonder uitgebreide naam voor deze post.md",
    "tab\u00a0en spatie.md",  # a no-break space is no space to GNU
]


@needs_gettext
@pytest.mark.skipif(shutil.which("xgettext") is None, reason="xgettext is not installed")
def test_gnu_here_writes_a_name_with_spaces_as_it_is(tmp_path: Path) -> None:
    """The form the catalogs follow: gettext 0.21 writes no U+2068/U+2069 around a name with
    a space (0.22 and later do); should this fail, GNU here is newer: see po._references."""
    (tmp_path / "a b.py").write_text('print(_("hi"))\n', encoding="utf-8")
    done = subprocess.run(["xgettext", "--from-code=UTF-8", "-o", "-", "a b.py"], cwd=tmp_path,
                          capture_output=True, check=True)
    assert b"\n#: a b.py:1\n" in done.stdout


@needs_gettext
@pytest.mark.parametrize("name", NAMES)
def test_references_of_a_name_with_spaces_are_left_by_gnu_and_read_back(tmp_path: Path, name: str) -> None:
    root = make_root(tmp_path, {name: POST})
    assert invoke("-C", str(root), "extract").exit_code == 0
    post_id = name[:-3]
    for path in (pot_path(root, post_id), po_path(root, post_id)):
        assert msgcat(path) == path.read_bytes(), path.read_text(encoding="utf-8")
        catalog = parse_catalog(path.name, path.read_bytes())
        found = {m.msgid: m.locations for m in catalog.messages if m.msgid}
        assert found == {msgid: [(f"content/nl/{name}", line) for line in lines] for msgid, lines in LINES.items()}
        assert format_catalog(catalog) == path.read_text(encoding="utf-8")
    catalog_path = po_path(root, post_id)
    assert msgmerge(catalog_path, pot_path(root, post_id)) == catalog_path.read_bytes()


def test_a_wrapped_reference_is_one_reference() -> None:
    """GNU wraps ``#:`` lines between words, inside a name with spaces too: each line was
    read alone, giving a reference per word of the name."""
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        "#. paragraph\n"
        "#: content/nl/een heel lange map met spaties erin/en daarin een bijzonder\n"
        "#: lange naam.md:6 naam.md:10\n"
        'msgid "Twee keer."\nmsgstr ""\n\n'
        "#, fuzzy\n"  # not a simple entry: the line parser reads it
        "#: content/nl/een heel lange map met spaties erin/en daarin een bijzonder\n"
        "#: lange naam.md:8\n"
        'msgid "Een keer."\nmsgstr "Einmal."\n'
    )
    catalog = parse_catalog("x.po", text.encode())
    name = "content/nl/een heel lange map met spaties erin/en daarin een bijzonder lange naam.md"
    assert [m.locations for m in catalog.messages] == [[(name, 6), (name, 10)], [(name, 8)]]


def test_references_of_other_files_are_not_taken_for_repeats() -> None:
    catalog = parse_catalog("x.po", b'msgid ""\nmsgstr ""\n\n#: a.md:1 b.md:2 c d.md:3 b.md:4 d.md:5\nmsgid "x"\nmsgstr ""\n')
    assert catalog.messages[0].locations == [("a.md", 1), ("b.md", 2), ("c d.md", 3), ("b.md", 4), ("c d.md", 5)]


@needs_gettext
def test_a_name_between_isolates_as_gettext_0_22_writes_it_is_read_as_one_name(tmp_path: Path) -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        "#: \u2068content/nl/met spatie.md\u2069:6 \u2068content/nl/met spatie.md\u2069:10\n"
        'msgid "Twee keer."\nmsgstr ""\n\n'
        "#: \u2068content/nl/met spatie.md\u2069:8\n"
        'msgid "Een keer."\nmsgstr ""\n'
    )
    catalog = parse_catalog("x.po", text.encode())
    name = "content/nl/met spatie.md"
    assert [m.locations for m in catalog.messages] == [[(name, 6), (name, 10)], [(name, 8)]]
    # written as GNU here writes such a name (and leaves it)
    written = format_catalog(catalog)
    assert "#: content/nl/met spatie.md:6 spatie.md:10\n" in written
    path = tmp_path / "x.po"
    path.write_text(written, encoding="utf-8")
    references = [line for line in msgcat(path).decode().split("\n") if line.startswith("#:")]
    assert references == [line for line in written.split("\n") if line.startswith("#:")]


@needs_gettext
def test_a_name_whose_words_repeat_loses_the_repeats_in_references_as_with_gnu(tmp_path: Path) -> None:
    """GNU 0.21 reads a reference's words as file names and drops one it has seen in the
    entry: the repeated word of "ja of nee of ja.md" (no form with the spaces written out
    survives msgcat). The catalog is GNU's, and its units are the post's all the same."""
    root = make_root(tmp_path, {"ja of nee of ja.md": POST})
    assert invoke("-C", str(root), "extract").exit_code == 0
    path = po_path(root, "ja of nee of ja")
    assert msgcat(path) == path.read_bytes()
    catalog = parse_catalog(path.name, path.read_bytes())
    found = {m.msgid: m.locations for m in catalog.messages if m.msgid}
    shown = "content/nl/ja of nee ja.md"  # "of" once
    assert found == {msgid: [(shown, line) for line in lines] for msgid, lines in LINES.items()}
