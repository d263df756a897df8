"""Reading and writing PO files, byte for byte as GNU gettext's ``msgcat --no-wrap`` writes them.

The reader and the writer are our own: the reader follows GNU's grammar and reports what
it refuses at its line (as ``msgfmt`` does: a syntax error, duplicates that differ, git's conflict
markers); the writer wraps and writes references as GNU does, so that a PO editor or
``msgmerge`` re-saving a catalog changes nothing.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from pipeline import conflicts
from pipeline.errors import CatalogError, CatalogWarning, DuplicateEntryError

#: Width GNU gettext wraps ``#:`` reference lines at, even with ``--no-wrap``.
PAGE_WIDTH = 79


@dataclass
class Message:
    """One PO entry."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    locations: list[tuple[str, int]] = field(default_factory=list)
    auto_comments: list[str] = field(default_factory=list)
    """``#.`` lines: what the unit is (for the translator)."""
    user_comments: list[str] = field(default_factory=list)
    """``#`` lines: the translator's own notes."""
    flags: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    obsolete: bool = False
    msgid_plural: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    lineno: int = 0
    """Where the entry starts in the file it was read from (1-based; 0 when new)."""

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        if self.fuzzy or self.obsolete:
            return False
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        return bool(self.msgstr)


@dataclass
class Catalog:
    """A PO or POT file: header comment, header fields, messages."""

    header_fields: list[tuple[str, str]]
    messages: list[Message]
    header_comment: list[str] = field(default_factory=list)
    header_fuzzy: bool = False
    warnings: list[CatalogWarning] = field(default_factory=list, compare=False)
    """What the reader put right or let pass (a duplicate entry, double-encoded text): not
    the catalog's content, so not compared."""

    def header(self, name: str) -> str | None:
        for key, value in self.header_fields:
            if key == name:
                return value
        return None

    def set_header(self, name: str, value: str) -> None:
        for i, (key, _) in enumerate(self.header_fields):
            if key == name:
                self.header_fields[i] = (name, value)
                return
        self.header_fields.append((name, value))


# --------------------------------------------------------------------------------------
# Writing

_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}
_ESCAPE_RE = re.compile('[\\\\"\n\t\r\a\b\f\v]')


def escape(text: str) -> str:
    # most strings need no escape: one C-level search is far cheaper than any replacing;
    # then one str.replace a character present (backslashes first: the others add them),
    # where str.translate with a table of strings cost 40 us a paragraph
    if _ESCAPE_RE.search(text) is None:
        return text
    for char, escaped in _ESCAPES.items():
        if char in text:
            text = text.replace(char, escaped)
    return text


def _string_lines(prefix: str, keyword: str, text: str) -> list[str]:
    """``keyword "text"``, split after each ``\\n`` as GNU does when one is inside."""
    newline = text.find("\n")
    if newline < 0 or newline == len(text) - 1:
        return [f'{prefix}{keyword} "{escape(text)}"']
    out = [f'{prefix}{keyword} ""']
    # not str.splitlines(): it also splits at \v, \f, \x1c-\x1e, \x85, U+2028 and U+2029
    for part in _split_after_lf(text):
        out.append(f'{prefix}"{escape(part)}"')
    return out


def _split_after_lf(text: str) -> list[str]:
    parts = text.split("\n")
    out = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def _reference_lines(locations: Sequence[tuple[str, int]]) -> list[str]:
    """The ``#:`` lines, as GNU writes back what it reads: it splits references at spaces, so
    a name with one is words, and a word it has seen in the entry (``content/nl/met`` of
    ``content/nl/met spatie.md:6``) it drops."""
    lines: list[str] = []
    current = "#:"
    seen: set[str] = set()
    for path, line in locations:
        for word in (f"{path}:{line}" if line else path).split(" "):
            if not word or word in seen:
                continue
            seen.add(word)
            if len(current) > 2 and len(current) + 1 + len(word) > PAGE_WIDTH:
                lines.append(current)
                current = "#:"
            current += " " + word
    if len(current) > 2:
        lines.append(current)
    return lines


def _comment_lines(mark: str, comments: Iterable[str]) -> list[str]:
    out = []
    for comment in comments:
        for line in comment.split("\n"):
            out.append(f"{mark} {line}" if line else mark)
    return out


def format_message(message: Message) -> str:
    lines: list[str] = []
    lines += _comment_lines("#", message.user_comments)
    lines += _comment_lines("#.", message.auto_comments)
    lines += _reference_lines(message.locations)
    if message.flags:
        lines.append("#, " + ", ".join(message.flags))
    prev = "#~| " if message.obsolete else "#| "
    if message.previous_msgctxt is not None:
        lines += _string_lines(prev, "msgctxt", message.previous_msgctxt)
    if message.previous_msgid is not None:
        lines += _string_lines(prev, "msgid", message.previous_msgid)
    prefix = "#~ " if message.obsolete else ""
    if message.msgctxt is not None:
        lines += _string_lines(prefix, "msgctxt", message.msgctxt)
    lines += _string_lines(prefix, "msgid", message.msgid)
    if message.msgid_plural is not None:
        lines += _string_lines(prefix, "msgid_plural", message.msgid_plural)
        for n in sorted(message.msgstr_plural):
            lines += _string_lines(prefix, f"msgstr[{n}]", message.msgstr_plural[n])
    else:
        lines += _string_lines(prefix, "msgstr", message.msgstr)
    return "\n".join(lines) + "\n"


def format_catalog(catalog: Catalog) -> str:
    """The catalog as GNU ``msgcat --no-wrap`` would write it (obsolete entries last)."""
    header = _comment_lines("#", catalog.header_comment)
    if catalog.header_fuzzy:
        header.append("#, fuzzy")
    header.append('msgid ""')
    header.append('msgstr ""')
    for name, value in catalog.header_fields:
        header.append(f'"{escape(f"{name}: {value}")}\\n"')
    blocks = ["\n".join(header) + "\n"]
    active = [m for m in catalog.messages if not m.obsolete]
    obsolete = [m for m in catalog.messages if m.obsolete]
    blocks += [format_message(m) for m in active + obsolete]
    return "\n".join(blocks)


# --------------------------------------------------------------------------------------
# Reading

_UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
              "\\": "\\", '"': '"'}
_STRING_RE = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"\s*$')  # unrolled: linear and fast
_ESCAPE_IN_RE = re.compile(r"\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)")
# a space after the keyword, or a quote right after it (GNU reads msgstr"Tekst" too)
_KEYWORD_RE = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?:\s+|(?="))(.*)$')


_NUMERIC_ESCAPE_RE = re.compile(r"\\[x0-7]")


def _named_escape(path: str, lineno: int, code: str) -> str:
    if code in _UNESCAPES:
        return _UNESCAPES[code]
    raise CatalogError(path, lineno, f"unknown escape sequence '\\{code}' in a string")


def _unescape(path: str, lineno: int, body: str) -> str:
    """A string's escapes resolved. Octal and hex escapes are bytes, as GNU gettext reads
    them (``\\303\\251`` is "é" in a UTF-8 catalog, not "Ã©"); a NUL, which GNU cuts the
    string at, and bytes that are not UTF-8 are refused at the line."""
    if "\\" not in body:
        return body
    if not _NUMERIC_ESCAPE_RE.search(body):  # the common case: \n, \", \\ only
        return _ESCAPE_IN_RE.sub(lambda match: _named_escape(path, lineno, match.group(1)), body)
    out = bytearray()
    pos = 0
    numeric = False
    for match in _ESCAPE_IN_RE.finditer(body):
        out += body[pos : match.start()].encode("utf-8", "surrogatepass")
        pos = match.end()
        code = match.group(1)
        if code[0] == "x" and len(code) > 1:
            value = int(code[1:], 16)
        elif code[0] in "01234567":
            value = int(code, 8)
            if value > 0xFF:
                raise CatalogError(path, lineno, f"octal escape '\\{code}' is more than a byte")
        else:
            out += _named_escape(path, lineno, code).encode("utf-8", "surrogatepass")
            continue
        if value == 0:
            raise CatalogError(
                path, lineno, "a NUL (\\0) in a string: GNU gettext cuts the string there; remove it"
            )
        out.append(value)
        numeric = True
    out += body[pos:].encode("utf-8", "surrogatepass")
    if not numeric:
        return out.decode("utf-8", "surrogatepass")
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        raise CatalogError(
            path, lineno, "escape sequences that are not UTF-8: write the characters themselves"
        ) from None


_REFERENCE_SPACE_RE = re.compile(r"[ \t]+")  # where GNU splits (not at a no-break space)
#: What gettext 0.22 and later put around a file name with a space in a reference
#: (``#: \u2068content/nl/met spatie.md\u2069:6``); 0.21 writes the name as it is
_ISOLATE_OPEN, _ISOLATE_CLOSE = "\u2068", "\u2069"


def _references(text: str) -> list[tuple[str, int]]:
    """The ``path:line`` references of an entry's ``#:`` comments (their lines joined by a
    space: GNU wraps them between words; a path without a line: line 0).

    A name with spaces as :func:`_reference_lines` writes it (and GNU 0.21 writes it back):
    the words before a ``path:line`` are the start of its path, and a later reference to the
    same file lacks the words written already (``content/nl/met spatie.md:6 spatie.md:10``):
    it is read as the earlier path whose words, less those, are its words. A name between
    U+2068 and U+2069 (gettext 0.22 and later) is read as one name. Words left at the end
    are paths without a line."""
    text = text.strip()
    if " " not in text and "\t" not in text:  # the common case: one reference
        path, _, number = text.rpartition(":")
        return [(path, int(number)) if path and number.isdigit() else (text, 0)] if text else []
    pieces = _REFERENCE_SPACE_RE.split(text)
    simple = [ref.rpartition(":") for ref in pieces]
    if all(path and number.isdigit() for path, _, number in simple) and _ISOLATE_OPEN not in text:
        return [(path, int(number)) for path, _, number in simple]  # no name with a space
    found: list[tuple[str, int]] = []
    paths: list[str] = []  # the paths read, each once, in order
    seen: set[str] = set()  # the words written so far, as the writer keeps them
    words: list[str] = []

    def add(path: str, line: int, group: list[str] | None) -> None:
        """A reference read; ``group``: its words as written (None: a quoted name)."""
        if group is not None:
            # a later reference to a file named before, short of the words written already
            # (only a name with a space can lose words: others are never looked at)
            path = next((earlier for earlier in paths
                         if " " in earlier and group == _written_words(earlier, line, seen)), path)
        found.append((path, line))
        if path not in paths:
            paths.append(path)
        seen.update(f"{path}:{line}".split(" ") if line else path.split(" "))

    i = 0
    while i < len(pieces):
        ref = pieces[i]
        if ref.startswith(_ISOLATE_OPEN) and not words:
            close = next((j for j in range(i, len(pieces)) if _ISOLATE_CLOSE in pieces[j]), None)
            if close is not None:
                quoted = " ".join(pieces[i : close + 1])
                name, _, after = quoted[1:].partition(_ISOLATE_CLOSE)
                number = after[1:] if after.startswith(":") else ""
                if name and (not after or number.isdigit()):
                    add(name, int(number) if after else 0, None)
                    i = close + 1
                    continue
        path, _, number = ref.rpartition(":")
        if path and number.isdigit():
            words.append(ref)
            add(" ".join(words)[: -len(number) - 1], int(number), words)
            words = []
        elif ref:
            words.append(ref)
        i += 1
    for word in words:
        add(word, 0, [word])
    return found


def _written_words(path: str, line: int, seen: set[str]) -> list[str]:
    """The words :func:`_reference_lines` writes for a reference after ``seen`` ones."""
    written: list[str] = []
    for word in (f"{path}:{line}" if line else path).split(" "):
        if word and word not in seen and word not in written:  # a name has few words
            written.append(word)
    return written


def _flags(text: str) -> list[str]:
    """The flags of a ``#,`` comment."""
    return [flag.strip() for flag in text.split(",") if flag.strip()]


class _Parser:
    """A small state machine over the lines of a PO file (GNU's grammar)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.messages: list[Message] = []
        self.current: Message | None = None
        self.field: tuple[str, int | None] | None = None
        self.seen_msgstr = False
        self.seen_msgid = False
        self.start_line = 0
        self.references: list[str] = []
        """The ``#:`` comments of the entry read so far (a name with spaces may be wrapped)."""

    def error(self, lineno: int, message: str) -> CatalogError:
        return CatalogError(self.path, lineno, message)

    def _finish(self) -> None:
        if self.current is not None:
            if not self.seen_msgstr:
                raise self.error(self.start_line, "entry has a msgid but no msgstr")
            if self.references:
                self.current.locations = _references(" ".join(self.references))
            self.messages.append(self.current)
        self.references = []
        self.current = None
        self.field = None
        self.seen_msgstr = False
        self.seen_msgid = False

    def _message(self, lineno: int) -> Message:
        if self.current is None:
            self.current = Message(msgid="", lineno=lineno)
            self.start_line = lineno
        return self.current

    def comment(self, lineno: int, line: str) -> None:
        if self.current is not None and self.seen_msgstr:
            self._finish()
        message = self._message(lineno)
        mark = line[:2]
        if mark != "#|":
            self.field = None
        rest = line[2:]
        if rest.startswith(" "):
            rest = rest[1:]
        if mark == "#.":
            message.auto_comments.append(rest)
        elif mark == "#:":
            self.references.append(rest)  # read with the entry's other ``#:`` lines
        elif mark == "#,":
            message.flags += _flags(rest)
        elif mark == "#|":
            self.previous(lineno, rest)
        else:
            text = line[1:]
            message.user_comments.append(text[1:] if text.startswith(" ") else text)

    def previous(self, lineno: int, rest: str) -> None:
        message = self._message(lineno)
        match = _KEYWORD_RE.match(rest)
        if match:
            keyword, value = match.group(1), self.string(lineno, match.group(3))
            if keyword == "msgctxt":
                message.previous_msgctxt = value
                self.field = ("previous_msgctxt", None)
            elif keyword == "msgid":
                message.previous_msgid = value
                self.field = ("previous_msgid", None)
            else:
                self.field = ("previous_ignored", None)
            return
        if rest.startswith('"') and self.field and self.field[0].startswith("previous"):
            self.append(lineno, rest)
            return
        raise self.error(lineno, "cannot read this '#|' line")

    def string(self, lineno: int, text: str) -> str:
        text = text.strip()
        inner = text[1:-1]
        if len(text) >= 2 and text[0] == '"' and text[-1] == '"' and '"' not in inner and "\\" not in inner:
            return inner  # the common case: nothing escaped
        match = _STRING_RE.match(text)
        if not match:
            raise self.error(lineno, "expected a string in double quotes")
        return _unescape(self.path, lineno, match.group(1))

    def append(self, lineno: int, text: str) -> None:
        if self.current is None or self.field is None:
            raise self.error(lineno, "a string continues nothing")
        value = self.string(lineno, text)
        name, index = self.field
        message = self.current
        if name == "msgstr_plural":
            assert index is not None
            message.msgstr_plural[index] += value
        elif name != "previous_ignored":
            setattr(message, name, getattr(message, name) + value)

    def keyword(self, lineno: int, line: str, obsolete: bool) -> None:
        match = _KEYWORD_RE.match(line)
        if not match:
            raise self.error(lineno, f"unknown keyword: {line.split()[0][:40]!r}")
        keyword, index, rest = match.groups()
        value = self.string(lineno, rest)
        if keyword in ("msgctxt", "msgid") and self.seen_msgstr:
            self._finish()
        message = self._message(lineno)
        if obsolete:
            message.obsolete = True
        # GNU's order: [msgctxt] msgid [msgid_plural] (msgstr | msgstr[N]...); anything else
        # is refused here, or the catalog written back would not read again
        if keyword == "msgctxt":
            if message.msgctxt is not None or self.seen_msgid:
                raise self.error(lineno, "msgctxt in the wrong place")
            message.msgctxt = value
            self.field = ("msgctxt", None)
        elif keyword == "msgid":
            if self.seen_msgid:
                raise self.error(lineno, "a second msgid in one entry")
            message.msgid = value
            self.field = ("msgid", None)
            self.seen_msgid = True
        elif not self.seen_msgid:
            raise self.error(lineno, f"{keyword} without a msgid before it")
        elif keyword == "msgid_plural":
            if self.field is None or self.field[0] != "msgid":
                raise self.error(lineno, "msgid_plural in the wrong place: right after the msgid")
            message.msgid_plural = value
            self.field = ("msgid_plural", None)
        elif index is not None:
            if message.msgid_plural is None:
                raise self.error(lineno, f"{keyword} in an entry without msgid_plural: write msgstr")
            message.msgstr_plural[int(index)] = value
            self.field = ("msgstr_plural", int(index))
            self.seen_msgstr = True
        else:
            if message.msgid_plural is not None:
                raise self.error(lineno, "msgstr in an entry with msgid_plural: write msgstr[0], msgstr[1], …")
            if self.seen_msgstr:
                raise self.error(lineno, "a second msgstr in one entry")
            message.msgstr = value
            self.field = ("msgstr", None)
            self.seen_msgstr = True

    def feed(self, lineno: int, line: str) -> None:
        first = line[:1]
        if first == '"' and self.field is not None and self.current is not None:
            self.append(lineno, line)  # a continuation line, the most common kind
            return
        stripped = line.strip()
        if not stripped:
            if self.current is not None and self.seen_msgstr:
                self._finish()
            return
        if line[:1] in "<=>" and conflicts.MARKER_RE.match(line):
            raise self.error(lineno, conflicts.MESSAGE)
        if stripped.startswith("#~"):
            rest = stripped[2:].lstrip()
            if rest.startswith("|"):
                if self.current is not None and self.seen_msgstr:
                    self._finish()
                self.previous(lineno, rest[1:].lstrip())
            elif rest.startswith('"'):
                self.append(lineno, rest)
            elif rest:
                self.keyword(lineno, rest, obsolete=True)
            return
        if stripped.startswith("#"):
            self.comment(lineno, line.lstrip())
        elif stripped.startswith('"'):
            self.append(lineno, stripped)
        else:
            self.keyword(lineno, stripped, obsolete=False)


# An entry as GNU writes most of them, and the pipeline all but the header and obsolete ones:
# ``#.`` and ``#:`` comments, maybe flags, maybe a context, a one-line msgid and msgstr, then a
# blank line (or the end). One match reads it; any other entry goes through the line parser.
_STRING_BODY = r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"'  # unrolled, as _STRING_RE
_SIMPLE_ENTRY_RE = re.compile(
    r"((?:#\.(?: [^\n]*)?\n)*)"
    r"((?:#: [^\n]*\n)*)"
    r"(?:#, ([^\n]*)\n)?"
    rf"(?:msgctxt {_STRING_BODY}\n)?"
    rf"msgid {_STRING_BODY}\n"
    rf"msgstr {_STRING_BODY}(?:\n\n|\n?\Z)"
)


def _parse_entries(parser: _Parser, text: str) -> None:
    """Feed ``text`` to ``parser``: each simple entry at once (the very :class:`Message` the
    line parser would make of it), anything else a line at a time, up to the next blank line."""
    pos, lineno, end = 0, 1, len(text)
    match_entry = _SIMPLE_ENTRY_RE.match
    while pos < end:
        match = match_entry(text, pos) if parser.current is None else None
        if match is not None:
            parser.messages.append(_simple_entry(parser.path, lineno, match))
            stop = match.end()
        else:
            blank = text.find("\n\n", pos)
            stop = end if blank < 0 else blank + 2
            for offset, line in enumerate(text[pos:stop].split("\n")[: -1 if blank >= 0 else None]):
                parser.feed(lineno + offset, line)
        lineno += text.count("\n", pos, stop)
        pos = stop


def _simple_entry(path: str, lineno: int, match: re.Match[str]) -> Message:
    autos, refs, flags, context, msgid, msgstr = match.groups()
    line = lineno
    auto_comments: list[str] = []
    if autos:
        if autos.count("\n") == 1:  # one line, as the pipeline writes them
            auto_comments = [autos[3:-1]]
        else:
            auto_comments = [comment[3:] for comment in autos[:-1].split("\n")]
        line += len(auto_comments)
    locations: list[tuple[str, int]] = []
    if refs:
        if refs.count("\n") == 1:  # one line: the common case
            locations = _references(refs[3:-1])
            line += 1
        else:
            ref_lines = refs[:-1].split("\n")
            locations = _references(" ".join(ref_line[3:] for ref_line in ref_lines))
            line += len(ref_lines)
    flag_list: list[str] = []
    if flags is not None:
        flag_list = _flags(flags)
        line += 1
    if context is not None:
        if "\\" in context:  # (as _unescape tests first: most strings escape nothing)
            context = _unescape(path, line, context)
        line += 1
    if "\\" in msgid:
        msgid = _unescape(path, line, msgid)
    if "\\" in msgstr:
        msgstr = _unescape(path, line + 1, msgstr)
    return Message(msgid, msgstr, context, locations, auto_comments, flags=flag_list, lineno=lineno)


def parse_catalog(path: str, data: bytes | str, warn_double_encoded: bool = True) -> Catalog:
    """Read a PO/POT file; raise :class:`CatalogError` naming the line when it is bad.
    ``warn_double_encoded``: look for double-encoded translations (``catalog-double-encoded``
    warnings, nothing else: a reader that drops the warnings need not look)."""
    return _parse_catalog(path, data, by_line=False, warn_double_encoded=warn_double_encoded)


def _parse_catalog(path: str, data: bytes | str, by_line: bool, warn_double_encoded: bool = True) -> Catalog:
    """:func:`parse_catalog`; ``by_line``: every entry through the line parser (the tests
    hold the quick reading of simple entries to it)."""
    if isinstance(data, bytes):
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Windows' "Unicode"
            raise CatalogError(path, 1, f"UTF-16, not UTF-8: convert it with `{_iconv_utf16(path)}`")
        if b"\0" in data:
            raise CatalogError(path, data.count(b"\n", 0, data.index(b"\0")) + 1,
                               "NUL byte: this is not a PO file")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise CatalogError(path, line, _not_utf8_advice(path, data)) from None
    else:
        text = data
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    parser = _Parser(path)
    if by_line or "\r" in text:
        for lineno, line in enumerate(text.split("\n"), start=1):
            line = line.removesuffix("\r")  # CRLF: a Windows editor's, or git's autocrlf
            if "\r" in line:  # a CR-only file (old Mac editors) would be one comment line
                raise CatalogError(path, lineno, "carriage return (CR) without a line feed: "
                                   "save the catalog with LF (or CRLF) line endings")
            parser.feed(lineno, line)
    else:
        _parse_entries(parser, text)
    if parser.current is not None:
        if parser.current.msgid or parser.seen_msgstr or parser.field:
            parser._finish()
    messages = parser.messages
    header_comment: list[str] = []
    header_fields: list[tuple[str, str]] = []
    header_fuzzy = False
    # the header is the entry with an empty msgid, wherever it is (as GNU reads it); a second
    # one (two catalogs pasted together, a bad merge) GNU calls a duplicate, obsolete or not,
    # and so an obsolete one beside the header every catalog is written with
    headers = [i for i, m in enumerate(messages) if m.msgid == "" and m.msgctxt is None]
    active = [i for i in headers if not messages[i].obsolete]
    if len(headers) > len(active[:1]):
        first = messages[active[0]] if active else None
        second = next(messages[i] for i in headers if messages[i] is not first)
        raise DuplicateEntryError(
            path, second.lineno,
            f'a second header (msgid ""), the first at line {first.lineno}: keep one and delete '
            "the other" if first is not None else
            'an obsolete header (#~ msgid ""), which GNU gettext takes for a second one: delete it',
        )
    if active:
        head = messages.pop(active[0])
        header_comment = head.user_comments
        header_fuzzy = head.fuzzy
        for line in head.msgstr.split("\n"):
            if not line:
                continue
            name, sep, value = line.partition(":")
            if not sep:
                raise CatalogError(path, head.lineno, f"header line without a colon: {line[:40]!r}")
            header_fields.append((name.strip(), value.strip()))
    charset = re.search(r"charset=([^\s;]+)", dict(header_fields).get("Content-Type", ""))
    if charset and not _is_utf8(charset.group(1)):
        line = text.count("\n", 0, max(0, text.find('"Content-Type:'))) + 1
        # a byte order mark says UTF-8 too, and msgconv refuses a file that starts with one
        if text.isascii() and not bom:  # nothing to convert: msgconv only rewrites the header
            message = f"charset {charset.group(1)}: convert the catalog with `{_msgconv(path)}`"
        else:  # msgconv would convert it a second time: "ä" would become "Ã¤"
            message = (f"the header says charset={charset.group(1)} but the file is UTF-8: "
                       "change the header to charset=UTF-8")
        raise CatalogError(path, line, message)
    warnings: list[CatalogWarning] = []
    messages = _without_duplicates(path, messages, warnings)
    if warn_double_encoded and _may_be_double_encoded(
        data if isinstance(data, bytes) else data.encode("utf-8", "replace")
    ):
        warnings += _double_encoded(path, messages)
    return Catalog(header_fields, messages, header_comment, header_fuzzy, warnings)


def holds_translations(text: str) -> bool:
    """Whether a PO text, readable or not, has a msgstr with text for a msgid with text: a
    broken template someone typed translations into is left as it is, not written again."""
    field, msgid_text = None, False
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("#~"):
            line = line[2:].strip()
        keyword, _, value = line.partition(" ")
        if keyword == "msgid":
            field, msgid_text = "msgid", value.strip() != '""'
        elif keyword.startswith("msgstr"):
            field = "msgstr"
            if msgid_text and value.strip() not in ("", '""'):
                return True
        elif line.startswith('"') and field is not None:
            if line != '""':
                if field == "msgstr" and msgid_text:
                    return True
                msgid_text = msgid_text or field == "msgid"
        elif not line or not line.startswith("#"):
            field = None if keyword != "msgid_plural" else field
    return False


# --------------------------------------------------------------------------------------
# Encodings


def _is_utf8(charset: str) -> bool:
    return charset.upper() in ("UTF-8", "UTF8", "CHARSET")


def _msgconv(path: str) -> str:
    """The command that converts a catalog to UTF-8, as a shell runs it (a name with a space)."""
    quoted = shlex.quote(path)
    return f"msgconv -t UTF-8 -o {quoted} {quoted}"


def _iconv_utf16(path: str) -> str:
    """The command that converts a UTF-16 file to UTF-8 (msgconv cannot read UTF-16, and
    ``iconv -o`` onto its own input dies of a bus error on a large file)."""
    quoted, new = shlex.quote(path), shlex.quote(path + ".utf-8")
    return f"iconv -f UTF-16 -t UTF-8 {quoted} > {new} && mv {new} {quoted}"


_DECLARED_RE = re.compile(rb'"Content-Type:[^"\n]{0,200}?charset=([^\s;"\\]{1,40})')


def _not_utf8_advice(path: str, data: bytes) -> str:
    """What to do with a catalog whose bytes are not UTF-8. msgconv converts from the charset
    the header names: right when the header names the bytes' charset, wrong (it fails) when it
    says UTF-8 or nothing: then the header must first name what the bytes are."""
    if _holds_utf8_text(data):  # converting the file would double-encode that text
        return ("not UTF-8 here, though other text in the file is: retype this line's text in a "
                "UTF-8 editor (converting the whole file would garble the rest)")
    header = data[: data.find(b"\n\n")] if b"\n\n" in data else data[:2000]
    declared = _DECLARED_RE.search(header)
    name = declared.group(1).decode("ascii", "replace") if declared else None
    if name is not None and not _is_utf8(name):
        return (f"not UTF-8: the header says charset={name}: "
                f"convert the catalog with `{_msgconv(path)}`")
    # bytes 0x80-0x9f are curly quotes, dashes and the euro sign in Windows' Latin-1, and
    # unprintable in ISO-8859-1
    guess = "CP1252" if re.search(rb"[\x80-\x9f]", data) else "ISO-8859-1"
    convert = f"then convert the catalog with `{_msgconv(path)}`"
    if name is not None:
        return (f"not UTF-8 (the header says charset={name}): if it is {guess}, change the header "
                f"to charset={guess}, {convert}")
    line = f'"Content-Type: text/plain; charset={guess}\\n"'
    if re.search(rb'^msgid ""[ \t]*\r?\nmsgstr ""', header, re.M):
        return (f"not UTF-8 (the header names no charset): if it is {guess}, add the line {line} "
                f"to the header, {convert}")
    return (f"not UTF-8 (and no header): if it is {guess}, start the file with a header: "
            f'msgid "", msgstr "", {line}; {convert}')


# UTF-8 read as Latin-1 or CP1252 and written as UTF-8 again: "ä" is "Ã¤", "’" is "â€™". A
# character that starts a UTF-8 sequence (0xc2-0xf4), then one that continues it (0x80-0xbf
# as Latin-1 or CP1252 shows it)
_CONTINUATIONS = "".join(map(chr, range(0x80, 0xC0))) + "ŒœŠšŸŽžƒˆ˜–—‘’‚“”„†‡•…‰‹›€™"
_DOUBLE_ENCODED_RE = re.compile(f"[\u00c2-\u00f4][{re.escape(_CONTINUATIONS)}]{{1,3}}")
# the same start in a file's bytes, found six times faster than in its text (a German
# catalog is full of the first character, ä ö ü ß, and seldom has the second right after)
_DOUBLE_ENCODED_BYTES_RE = re.compile(
    b"\xc3[\x82-\xb4](?:" + b"|".join(re.escape(c.encode()) for c in _CONTINUATIONS) + b")"
)

# the bytes of :data:`_DOUBLE_ENCODED_BYTES_RE` with its second character's first byte as a
# class (each of its alternatives starts with one of these): a German catalog's every "ä"
# tries the alternatives there, this class costs a third as much
_DOUBLE_ENCODED_START_RE = re.compile(
    b"\xc3[\x82-\xb4][" + bytes(sorted({char.encode()[0] for char in _CONTINUATIONS})) + b"]"
)


def _may_be_double_encoded(data: bytes) -> bool:
    """Whether ``data`` has what :data:`_DOUBLE_ENCODED_BYTES_RE` finds (looked for only
    after the first bytes of it are found)."""
    start = _DOUBLE_ENCODED_START_RE.search(data)
    return start is not None and _DOUBLE_ENCODED_BYTES_RE.search(data, start.start()) is not None


def _as_bytes(text: str) -> bytes | None:
    """``text`` as the bytes it was read from, Latin-1 or CP1252 (None: not such text)."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return None
            out.append(ord(char))  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: Latin-1's C1 controls
    return bytes(out)


# What German text as it should be reads as UTF-8 too: a word that ends in ß, Ü or Ö before a
# quote, a dash or an ellipsis ("Spaß“" is the bytes of "ߓ", "MENÜ…" of "܅"). No
# double-encoded text gives these: Hebrew points and Syriac, Thaana and NKo letters
_NOT_DOUBLE_ENCODED_RE = re.compile("[\u0590-\u05cf\u0700-\u07ff]")


_UTF8_SEQUENCE_RE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _holds_utf8_text(data: bytes) -> bool:
    """Whether bytes that are not all UTF-8 hold UTF-8 text too (a paste from elsewhere):
    a character of more than one byte that Latin-1 or CP1252 text does not give by chance."""
    for match in _UTF8_SEQUENCE_RE.finditer(data):
        try:
            character = match.group().decode("utf-8")
        except UnicodeDecodeError:  # a surrogate, an overlong form
            continue
        if not _NOT_DOUBLE_ENCODED_RE.match(character):
            return True
    return False


def double_encoded(text: str) -> tuple[str, str] | None:
    """The first stretch of ``text`` that is UTF-8 read as Latin-1 (or CP1252) and encoded
    again, and what it should read (``("Ã¤", "ä")``); None when there is none."""
    for match in _DOUBLE_ENCODED_RE.finditer(text):
        lead = ord(match.group()[0])
        length = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        fragment = text[match.start() : match.start() + length]
        raw = _as_bytes(fragment)
        if raw is None or len(raw) != length:
            continue
        try:
            meant = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if not _NOT_DOUBLE_ENCODED_RE.match(meant):
            return fragment, meant
    return None


def _double_encoded(path: str, messages: list[Message]) -> list[CatalogWarning]:
    warnings = []
    for message in messages:
        for text in [message.msgstr, *message.msgstr_plural.values()]:
            found = double_encoded(text)
            if found is not None and found[0] not in message.msgid:  # not a post about mojibake
                warnings.append(CatalogWarning(
                    path, message.lineno,
                    f"{found[0]!r} in the translation looks double-encoded (UTF-8 read as "
                    f"Latin-1): should it read {found[1]!r}? Retype it in a UTF-8 editor",
                    "catalog-double-encoded",
                ))
                break
    return warnings


# --------------------------------------------------------------------------------------
# Duplicate entries


def describe_key(message: Message) -> str:
    """``msgctxt 'title', msgid 'Een titel'`` (long msgids cut), to name an entry in a message."""
    msgid = message.msgid if len(message.msgid) <= 40 else message.msgid[:39] + "…"
    context = f"msgctxt {message.msgctxt!r}, " if message.msgctxt is not None else ""
    return f"{context}msgid {msgid!r}"


def translation_of(message: Message) -> tuple[str | None, str, tuple[tuple[int, str], ...]] | None:
    """What a translator wrote in an entry (None: nothing but blanks)."""
    if not message.msgstr.strip() and not any(v.strip() for v in message.msgstr_plural.values()):
        return None
    return message.msgid_plural, message.msgstr, tuple(sorted(message.msgstr_plural.items()))


def _without_duplicates(
    path: str, messages: list[Message], warnings: list[CatalogWarning]
) -> list[Message]:
    """The entries with each (msgctxt, msgid) once, as GNU gettext requires of a catalog (it
    calls two entries with one key fatal, an active and an obsolete one too).

    A translation is never dropped: of the copies of an entry the one with a translation is
    kept (a warning names the other); copies with different translations raise
    :class:`DuplicateEntryError`, since only the translator can choose between them.
    """
    if len({message.key for message in messages}) == len(messages):  # the common case
        return messages
    groups: dict[tuple[str | None, str], list[Message]] = {}
    for message in messages:
        groups.setdefault(message.key, []).append(message)
    kept: dict[tuple[str | None, str], Message] = {}
    for key, copies in groups.items():
        if len(copies) == 1:
            continue
        first = copies[0]
        translated = [m for m in copies if translation_of(m) is not None]
        for other in translated[1:]:
            if translation_of(other) != translation_of(translated[0]):
                raise DuplicateEntryError(
                    path, other.lineno,
                    f"duplicate of the entry at line {translated[0].lineno} "
                    f"({describe_key(other)}) with a different translation: "
                    "keep one and delete the other",
                )
        # the translated copy (active before obsolete, confirmed before fuzzy), else the first
        active = [m for m in copies if not m.obsolete]
        fallback = translated[0] if translated else active[0] if active else first
        chosen = min(translated, key=lambda m: (m.obsolete, m.fuzzy)) if translated else fallback
        kept[key] = _joined(chosen, copies, active[0] if active else None)
        for dropped in copies:
            if dropped is chosen:
                continue
            if not translated:
                what = "neither is translated"
            elif translation_of(dropped) is None:
                what = "which is translated: that one is used"
            else:
                what = "with the same translation: that one is used"
            warnings.append(CatalogWarning(
                path, dropped.lineno,
                f"duplicate entry ({describe_key(dropped)}), also at line {chosen.lineno}, {what}; "
                "`pipeline extract` deletes this one",
                "catalog-duplicate",
            ))
    out = []
    for message in messages:
        if len(groups[message.key]) == 1:
            out.append(message)
        elif message is groups[message.key][0]:
            out.append(kept[message.key])
    return out


def _joined(chosen: Message, copies: list[Message], active: Message | None) -> Message:
    """``chosen`` standing for all its ``copies``: active if one of them is, with every copy's
    translator comments, and references and extracted comments where it has none."""
    notes: list[str] = []
    for copy in copies:
        notes += [note for note in copy.user_comments if note not in notes]
    sources = [chosen, *copies]
    joined = replace(
        chosen,
        user_comments=notes,
        locations=list(next((c.locations for c in sources if c.locations), [])),
        auto_comments=list(next((c.auto_comments for c in sources if c.auto_comments), [])),
    )
    if chosen.obsolete and active is not None:
        joined = replace(joined, obsolete=False, lineno=active.lineno)
    return joined
