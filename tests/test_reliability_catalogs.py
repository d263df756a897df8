"""Nothing lost: an unreadable catalog is never overwritten; extract never touches content/;
merge never overwrites a German post edited by hand.

Through the command line, in-process (the real processes are in test_reliability_kill.py
and test_reliability_lock.py).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from reliability_support import (
    article_post,
    figure,
    german,
    translate_catalogs,
    tree_bytes,
    tree_hash,
)
from support import invoke, make_root, msgcat, msgfmt_check, msgmerge, needs_gettext

from pipeline.po import Message, format_catalog, format_message, parse_catalog

# id: (edit of the catalog's text, which line it breaks (the first line edited, 1-based))
BROKEN = {
    "syntax-error": lambda text, n: _at(text, n, 'msgstr "DE ontbrekend aanhalingsteken'),
    "unknown-keyword": lambda text, n: _at(text, n, 'msgstring "DE"'),
    "conflict-markers": lambda text, n: _at(
        text, n, '<<<<<<< HEAD\nmsgstr "Kopf"\n=======\nmsgstr "Titel"\n>>>>>>> theirs'
    ),
    "half-written": lambda text, n: "\n".join(text.split("\n")[: n - 1]) + '\nmsgstr "DE half',
    # a NUL, which GNU cuts a string at (it used to be read, then written raw: a catalog
    # extract itself made unreadable)
    "nul escape": lambda text, n: _at(text, n, 'msgstr "DE vor\\0nach"'),
    "octal escape over a byte": lambda text, n: _at(text, n, 'msgstr "DE \\777"'),
    "escapes not utf-8": lambda text, n: _at(text, n, 'msgstr "DE caf\\351"'),
    "hex escape without digits": lambda text, n: _at(text, n, 'msgstr "DE \\xyz"'),  # was a traceback
}
ENCODED = {
    # id: (bytes of the broken catalog, line)
    "latin-1": lambda text, n: _at(text, n, 'msgstr "Übersetzung"').encode("latin-1", "replace"),
    "nul-byte": lambda text, n: _at(text, n, 'msgstr "DE\0"').encode(),
    "utf-16": lambda text, n: text.encode("utf-16"),
}


class _Done:
    def __init__(self, root: Path, args: tuple[str, ...]) -> None:
        result = invoke("-C", str(root), *args)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        self.returncode = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr


def run_pipeline(root: Path, *args: str) -> _Done:
    return _Done(root, args)


def _at(text: str, line: int, replacement: str) -> str:
    """``text`` with its line ``line`` (1-based, a msgstr line) replaced."""
    lines = text.split("\n")
    assert lines[line - 1].startswith("msgstr "), lines[line - 1]
    lines[line - 1] = replacement
    return "\n".join(lines)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Three posts, extracted, translated and merged: the state a broken catalog arrives in."""
    root = make_root(tmp_path, dict(article_post(i, 15) for i in range(3)))
    assert run_pipeline(root, "extract").returncode == 0
    translate_catalogs(root, german)
    done = run_pipeline(root, "merge")
    assert done.returncode == 0, done.stderr
    return root


def _catalogs(root: Path) -> list[Path]:
    return sorted((root / "locale" / "de" / "LC_MESSAGES").rglob("*.po"))


def _posts(root: Path) -> list[Path]:
    return sorted((root / "content" / "nl").rglob("*.md"))


def _break(root: Path, case: str) -> tuple[Path, bytes, int]:
    """Break the first catalog; its path, its new bytes, and the line it is broken at."""
    path = _catalogs(root)[0]
    text = path.read_text(encoding="utf-8")
    line = next(n for n, l in enumerate(text.split("\n"), 1) if l.startswith('msgstr "DE '))
    edit = BROKEN.get(case) or ENCODED[case]
    data = edit(text, line)
    data = data.encode() if isinstance(data, str) else data
    if case == "utf-16":
        line = 1
    path.write_bytes(data)
    return path, data, line


@pytest.mark.parametrize("case", [*BROKEN, *ENCODED])
def test_an_unreadable_catalog_is_reported_at_its_line_and_never_overwritten(root: Path, case: str) -> None:
    path, data, line = _break(root, case)
    shown = path.relative_to(root).as_posix()
    # the post changes too: extract would have a reason to write the catalog
    for post in _posts(root):
        post.write_text(post.read_text(encoding="utf-8") + "\nEen extra alinea.\n", encoding="utf-8")
    others = _catalogs(root)[1:]
    done = run_pipeline(root, "extract")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = [l for l in done.stderr.splitlines() if l.startswith("error:")]
    assert len(errors) == 1 and re.match(rf"error: {re.escape(shown)}:{line}: ", errors[0]), done.stderr
    assert path.read_bytes() == data
    for other in others:  # the other posts went on
        assert "Een extra alinea." in other.read_text(encoding="utf-8")
    assert "; 1 error in 1 post" in done.stdout

    # merge: that post is an error, the others are written; the catalog stays as it is
    translate_catalogs_except(root, path)
    merged = run_pipeline(root, "merge")
    assert merged.returncode == 1 and "Traceback" not in merged.stderr
    assert f"{shown}:{line}: " in merged.stderr
    assert "2 written" in merged.stdout, merged.stdout
    assert path.read_bytes() == data

    # check reports it at its line; check --fix leaves it alone too
    for args in (["check"], ["check", "--fix"]):
        checked = run_pipeline(root, *args)
        assert checked.returncode == 1 and "Traceback" not in checked.stderr
        assert f"{line}: error: " in checked.stdout and "[catalog-unreadable]" in checked.stdout
        assert path.read_bytes() == data
    figure("unreadable catalogs tried (extract, merge, check, check --fix)", 1)
    figure("bad inputs tried", 1)


def translate_catalogs_except(root: Path, broken: Path) -> None:
    for path in _catalogs(root):
        if path == broken:
            continue
        catalog = parse_catalog(str(path), path.read_bytes())
        for message in catalog.messages:
            if not message.obsolete:
                message.msgstr = german(message.msgctxt, message.msgid)
                message.flags = []
                message.previous_msgid = None
        path.write_text(format_catalog(catalog), encoding="utf-8")


# ---------------------------------------------------------------------------------------
# extract never touches content/


def test_extract_never_touches_content(root: Path) -> None:
    # a German post, a symlink, a bad post, an image and a hidden file: none of them moves
    (root / "content" / "nl" / "bad.md").write_bytes(b"---\ntitle: [\n---\n")
    (root / "content" / "nl" / "bin.md").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    (root / "content" / "nl" / "img.png").write_bytes(b"\x89PNG")
    (root / "content" / "nl" / ".hidden.md.swp").write_bytes(b"vim")
    (root / "content" / "de" / "link.md").symlink_to("../nl/img.png")
    before = tree_hash(root, "content")
    mtimes = {p: p.lstat().st_mtime_ns for p in (root / "content").rglob("*")}
    for args in (["extract"], ["extract", "--no-cache", "-j", "2"], ["extract", "content/nl/bad.md"]):
        done = run_pipeline(root, *args)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert tree_hash(root, "content") == before
        assert {p: p.lstat().st_mtime_ns for p in (root / "content").rglob("*")} == mtimes
    # and after an edit, which makes extract write catalogs
    post = _posts(root)[0]
    post.write_text(post.read_text(encoding="utf-8") + "\nNieuw.\n", encoding="utf-8")
    before = tree_hash(root, "content")
    assert run_pipeline(root, "extract").returncode == 1
    assert tree_hash(root, "content") == before


# ---------------------------------------------------------------------------------------
# merge never overwrites a hand-edited German post (the merge tests have the details)


def test_merge_never_overwrites_a_german_post_edited_by_hand(root: Path) -> None:
    target = min((root / "content" / "de").rglob("*.md"))
    edited = target.read_bytes().replace(b"DE ", b"Von Hand: ", 1)
    target.write_bytes(edited)
    translate_catalogs(root, lambda ctxt, msgid: "de-neu" if ctxt == "slug" else "NEU " + msgid)
    done = run_pipeline(root, "merge")
    assert done.returncode == 1
    assert "changed by hand since merge wrote it" in done.stderr
    assert target.read_bytes() == edited
    assert "2 written" in done.stdout
    assert tree_bytes(root, ["content/de"])[target.relative_to(root).as_posix()] == edited


@needs_gettext
def test_octal_and_hex_escapes_are_bytes_as_gnu_reads_them(root: Path) -> None:
    """``\\303\\251`` is "é" in a UTF-8 catalog (GNU msgcat says so), not "Ã©": a
    translation written with escapes by some tool is neither changed nor lost."""
    path = _catalogs(root)[0]
    text = path.read_text(encoding="utf-8")
    line = next(n for n, l in enumerate(text.split("\n"), 1) if l.startswith('msgstr "DE '))
    path.write_text(_at(text, line, 'msgstr "caf\\303\\251 \\xc3\\xa9"'), encoding="utf-8")
    catalog = parse_catalog(str(path), path.read_bytes())
    assert "café é" in {m.msgstr for m in catalog.messages}
    assert "café é" in msgcat(path).decode("utf-8")
    assert run_pipeline(root, "extract").returncode == 0
    assert 'msgstr "café é"' in path.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------
# Duplicate entries (a translator's paste, a bad merge): GNU calls them fatal


def _duplicate(root: Path, original: str, copy: str, obsolete: bool = False) -> tuple[Path, str, int, int]:
    """The title entry of the first catalog with msgstr ``original``, and a copy of it with
    msgstr ``copy`` appended to the file (obsolete if asked): the catalog's path, the title's
    msgid, and the lines the original and the copy start at."""
    path = _catalogs(root)[0]
    catalog = parse_catalog(str(path), path.read_bytes())
    entry = next(m for m in catalog.messages if m.msgctxt == "title")
    entry.msgstr = original
    text = format_catalog(catalog)
    first = text.split("\n").index('msgctxt "title"') + 1 - 2  # its #. and #: lines
    duplicate = replace(entry, msgstr=copy, obsolete=obsolete, locations=[], auto_comments=[])
    text += "\n"
    line = text.count("\n") + 1
    path.write_text(text + format_message(duplicate), encoding="utf-8")
    return path, entry.msgid, first, line


DUPLICATES = {
    # id: (msgstr of the original, of the copy, the copy obsolete, line of the copy dropped)
    "empty first, translated copy": ("", "DE Titel (0)", False, True),
    "translated first, empty copy": ("DE Titel (0)", "", False, False),
    "same translation twice": ("DE Titel (0)", "DE Titel (0)", False, False),
    "empty, obsolete copy translated": ("", "DE Titel (0)", True, True),
}


@needs_gettext
@pytest.mark.parametrize("case", list(DUPLICATES))
def test_a_duplicate_entry_keeps_its_translation(root: Path, case: str) -> None:
    """The translated copy is used by merge and kept by extract, which deletes the other;
    each command names the copy it drops at its line. (The empty copy used to win: the
    translation went obsolete, and merge said nothing.)"""
    original, copy, obsolete, original_dropped = DUPLICATES[case]
    path, msgid, first, line = _duplicate(root, original, copy, obsolete)
    shown = path.relative_to(root).as_posix()
    dropped, kept = (first, line) if original_dropped else (line, first)
    assert "duplicate message definition" in msgfmt_check(path).stderr  # what GNU says
    warning = f"warning: {shown}:{dropped}: duplicate entry (msgctxt 'title', msgid "

    merged = run_pipeline(root, "merge")
    assert merged.returncode == 0, merged.stderr
    assert warning in merged.stderr and f"also at line {kept}" in merged.stderr, merged.stderr
    assert "title: DE Titel (0)" in _german_post_of(root, path).read_text(encoding="utf-8")

    checked = run_pipeline(root, "check")
    assert f"{shown}\n" in checked.stdout and f"  {dropped}: warning: duplicate entry" in checked.stdout
    assert "[catalog-duplicate]" in checked.stdout, checked.stdout

    done = run_pipeline(root, "extract")
    assert done.returncode == 0, done.stderr
    assert warning in done.stderr, done.stderr
    catalog = parse_catalog(str(path), path.read_bytes())
    assert [(m.msgstr, m.obsolete) for m in catalog.messages if m.key == ("title", msgid)] == [("DE Titel (0)", False)]
    assert msgfmt_check(path).returncode == 0
    again = run_pipeline(root, "extract")
    assert again.returncode == 0 and "warning" not in again.stderr
    assert "catalog-" not in run_pipeline(root, "check").stdout
    figure("bad inputs tried", 1)


def _german_post_of(root: Path, catalog: Path) -> Path:
    post_id = catalog.relative_to(root / "locale" / "de" / "LC_MESSAGES").with_suffix("").as_posix()
    return root / "content" / "de" / f"{post_id}.md"


@pytest.mark.parametrize("obsolete", [False, True], ids=["active", "obsolete"])
def test_duplicate_entries_with_different_translations_are_refused(root: Path, obsolete: bool) -> None:
    """Only the translator can choose between two translations: every command names the
    copy at its line, leaves the catalog as it is and fails that post; the others go on."""
    path, _, first, line = _duplicate(root, "DE Titel (0)", "DE Andere titel (0)", obsolete)
    data = path.read_bytes()
    shown = path.relative_to(root).as_posix()
    message = (f"{shown}:{line}: duplicate of the entry at line {first} (msgctxt 'title', msgid ")
    for post in _posts(root):  # a reason for extract to write every catalog
        post.write_text(post.read_text(encoding="utf-8") + "\nEen extra alinea.\n", encoding="utf-8")

    done = run_pipeline(root, "extract")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    [error] = [l for l in done.stderr.splitlines() if l.startswith("error:")]
    assert error.startswith("error: " + message) and error.endswith(
        "with a different translation: keep one and delete the other"), error
    assert path.read_bytes() == data
    assert all("Een extra alinea." in p.read_text(encoding="utf-8") for p in _catalogs(root)[1:])

    translate_catalogs_except(root, path)
    merged = run_pipeline(root, "merge")
    assert merged.returncode == 1 and message in merged.stderr
    assert "2 written" in merged.stdout, merged.stdout
    checked = run_pipeline(root, "check")
    assert checked.returncode == 1 and "[catalog-duplicate]" in checked.stdout
    assert f"  {line}: error: duplicate of the entry at line {first}" in checked.stdout, checked.stdout
    assert path.read_bytes() == data
    figure("bad inputs tried", 1)


HEADERS = {
    # id: the catalog's text -> the text with its header once more (or moved), and whether
    # it is refused
    "the header pasted once more": (lambda text: text + "\n" + text[: text.index("\n\n") + 1], True),
    "a bad merge kept both headers": (
        lambda text: text + '\nmsgid ""\nmsgstr ""\n"Language: de\\n"\n', True),
    "an obsolete header": (lambda text: text + '\n#~ msgid ""\n#~ msgstr "Language: de\\n"\n', True),
    "the header after an entry": (
        lambda text: (lambda head, rest: rest.rstrip("\n") + "\n\n" + head)(*_split_header(text)),
        False,
    ),
}


def _split_header(text: str) -> tuple[str, str]:
    end = text.index("\n\n") + 1
    return text[:end], text[end + 1 :]


@needs_gettext
@pytest.mark.parametrize("case", list(HEADERS))
def test_a_second_header_is_refused_and_a_moved_one_read(root: Path, case: str) -> None:
    """A second entry with an empty msgid is a duplicate of the header for GNU: it used to
    be read as a message, and extract wrote it obsolete beside the header, a catalog msgfmt
    refuses; a header after an entry (GNU reads it) was lost, read as a message too."""
    edit, refused = HEADERS[case]
    path = _catalogs(root)[0]
    before = path.read_text(encoding="utf-8")
    data = edit(before).encode()
    path.write_bytes(data)
    shown = path.relative_to(root).as_posix()
    for post in _posts(root):  # a reason for extract to write every catalog
        post.write_text(post.read_text(encoding="utf-8") + "\nEen extra alinea.\n", encoding="utf-8")
    done = run_pipeline(root, "extract")
    assert "Traceback" not in done.stderr
    if refused:
        assert done.returncode == 1
        [error] = [l for l in done.stderr.splitlines() if l.startswith("error:")]
        assert error.startswith(f"error: {shown}:") and "header" in error, error
        assert "duplicate message definition" in msgfmt_check(path).stderr  # what GNU says
        assert path.read_bytes() == data
        checked = run_pipeline(root, "check")
        assert checked.returncode == 1 and "[catalog-duplicate]" in checked.stdout, checked.stdout
        return
    assert done.returncode == 0, done.stderr
    assert msgfmt_check(path).returncode == 0 and msgcat(path) == path.read_bytes()
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before[: before.index("\n\n")])  # the header, first again
    old = {(m.msgctxt, m.msgid, m.msgstr) for m in parse_catalog("x", before).messages}
    assert old <= {(m.msgctxt, m.msgid, m.msgstr) for m in parse_catalog("x", after).messages}


@needs_gettext
def test_a_fuzzy_entry_emptied_by_hand_is_written_as_gnu_writes_it(root: Path) -> None:
    """A translator deletes the text of a fuzzy entry in a text editor and leaves its flag,
    and an obsolete entry without text stays: msgcat drops the flag and the obsolete entry,
    msgmerge the previous msgid too. Extract kept them: GNU rewrote the catalog."""
    path = _catalogs(root)[0]
    catalog = parse_catalog(str(path), path.read_bytes())
    entry = next(m for m in catalog.messages if m.msgctxt is None)
    entry.msgstr, entry.flags, entry.previous_msgid = "", ["fuzzy"], "Een oude tekst."
    catalog.messages.append(Message("Weg", obsolete=True, user_comments=["leeg"]))
    path.write_text(format_catalog(catalog), encoding="utf-8")
    done = run_pipeline(root, "extract")
    assert done.returncode == 0, done.stderr
    written = path.read_bytes()
    assert msgcat(path) == written
    post_id = path.relative_to(root / "locale" / "de" / "LC_MESSAGES").with_suffix("")
    template = root / "locale" / "templates" / f"{post_id.as_posix()}.pot"
    assert msgmerge(path, template) == written


def test_a_template_with_two_headers_is_written_again(root: Path) -> None:
    """Two branches' extracts, merged keeping both headers: the template is the pipeline's,
    and holds no translation, so it is written again (a catalog's is refused)."""
    path = root / "locale" / "templates" / _catalogs(root)[0].relative_to(
        root / "locale" / "de" / "LC_MESSAGES").with_suffix(".pot")
    clean = path.read_bytes()
    text = clean.decode()
    path.write_text(text + "\n" + text[: text.index("\n\n") + 1], encoding="utf-8")
    done = run_pipeline(root, "extract")
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert path.read_bytes() == clean
    # but one with two translations of an entry typed into it is left as it is
    catalog = parse_catalog(str(path), clean)
    entry = next(m for m in catalog.messages if m.msgctxt == "title")
    entry.msgstr = "DE Titel"
    typed = format_catalog(catalog) + "\n" + format_message(replace(entry, msgstr="DE Anders"))
    path.write_text(typed, encoding="utf-8")
    done = run_pipeline(root, "extract")
    assert done.returncode == 1 and "with a different translation" in done.stderr, done.stderr
    assert path.read_text(encoding="utf-8") == typed


@needs_gettext
@pytest.mark.parametrize("charset", ["CHARSET", "utf-8", "UTF8"])
def test_a_utf8_charset_is_written_as_gnu_writes_it(root: Path, charset: str) -> None:
    """The reader takes these for UTF-8, and they were written back as they were: msgcat and
    msgmerge refuse German text under xgettext's placeholder CHARSET (msgcat wrote nothing),
    and msgmerge rewrote the others."""
    path = _catalogs(root)[0]
    text = path.read_text(encoding="utf-8").replace("charset=UTF-8", f"charset={charset}")
    path.write_text(text.replace('msgstr "DE ', 'msgstr "Grüße ', 1), encoding="utf-8")
    done = run_pipeline(root, "extract")
    assert done.returncode == 0, done.stderr
    written = path.read_bytes()
    assert b'"Content-Type: text/plain; charset=UTF-8\\n"' in written and "Grüße".encode() in written
    assert msgcat(path) == written
    post_id = path.relative_to(root / "locale" / "de" / "LC_MESSAGES").with_suffix("")
    template = root / "locale" / "templates" / f"{post_id.as_posix()}.pot"
    assert msgmerge(path, template) == written


def test_of_two_copies_with_one_translation_the_confirmed_one_is_kept() -> None:
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    text = header + ('#, fuzzy\nmsgid "Kop"\nmsgstr "Kopf"\n\n# mijn notitie\n#: x.md:3\nmsgid "Kop"\n'
                     'msgstr "Kopf"\n\n#~ msgid "Kop"\n#~ msgstr ""\n')
    catalog = parse_catalog("x.po", text)
    [kept] = catalog.messages
    assert (kept.msgstr, kept.flags, kept.obsolete, kept.lineno) == ("Kopf", [], False, 9)
    assert kept.user_comments == ["mijn notitie"] and kept.locations == [("x.md", 3)]
    assert [(w.line, w.code) for w in catalog.warnings] == [(5, "catalog-duplicate"), (14, "catalog-duplicate")]
