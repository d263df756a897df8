"""A post: its text split into lines, its front matter and where the body starts.

python-frontmatter strips the body and hides a missing closing ``---`` or a BOM, so the
split is done here, keeping every line where it was. Front matter is read in the three
formats Hugo reads, told apart as python-frontmatter's handlers tell them (after blank
space, as Hugo skips it): YAML between ``---`` lines, TOML between ``+++`` lines, a JSON
object (:mod:`pipeline.frontformats`). Only YAML's safe constructor runs, and only after the
node graph was measured: an alias bomb is refused before anything expands it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml
from frontmatter.default_handlers import BaseHandler, JSONHandler

from pipeline import conflicts, frontformats
from pipeline.errors import PostError
from pipeline.markdown import block_parser
from pipeline.yamlout import FastSafeLoader as _Loader

NEWLINE_RE = re.compile(r"\r\n|\r|\n")
_FENCE_RE = re.compile(r"---[ \t]*")
_CLOSE_RE = re.compile(r"(---|\.\.\.)[ \t]*")

#: What YAML counts as a line break besides \r and \n (NEL, LINE and PARAGRAPH SEPARATOR):
#: line numbers from YAML would no longer be file lines, and merge edits values by them
_YAML_BREAK_RE = re.compile("[\x85\u2028\u2029]")

#: Hugo skips blank space before a front matter (hugo 0.111 reads a file that starts with a
#: blank line and ``+++`` or with `` {`` as front matter)
_LEADING_BLANK_RE = re.compile(r"[ \t\r\n]*")

#: The front matters Hugo reads besides YAML: python-frontmatter's handler for each, its name,
#: and how it is written. python-frontmatter defines its ``TOMLHandler`` only when the old
#: ``toml`` package is installed; this is its boundary on its base handler.
_OTHER_FORMATS = (
    (BaseHandler(re.compile(r"^\+{3,}\s*$", re.MULTILINE), "+++", "+++"), "TOML", "+++"),
    (JSONHandler(), "JSON", "{ }"),
)


#: Most YAML nodes a front matter may expand to (aliases counted each time they are used).
MAX_YAML_NODES = 10_000


@dataclass
class Post:
    """One Markdown file, split into lines with their original endings."""

    path: str
    """Where the post is, as shown to the user (``content/nl/x.md``)."""
    lines: list[str]
    """The lines without their line endings."""
    endings: list[str]
    """Each line's ending as written (``\\n``, ``\\r\\n``, ``\\r``; ``""`` for a last line without)."""
    bom: bool = False
    """Whether the file started with a UTF-8 byte order mark."""
    body_start: int = 0
    """0-based index of the first body line (0 without front matter)."""
    meta: dict[str, Any] = field(default_factory=dict)
    """The front matter, as YAML's safe constructor built it."""
    meta_nodes: dict[str, yaml.Node] = field(default_factory=dict)
    """The front matter's top-level value nodes by key, for their line numbers."""
    has_front_matter: bool = False
    front_matter_format: str = "yaml"
    """How the front matter is written: ``yaml`` (also when there is none), ``toml``, ``json``."""
    front_matter_offset: int = 1
    """0-based line that the front matter nodes' marks count from: the line after the
    opening ``---`` or ``+++``, the line of a JSON front matter's ``{``."""
    duplicate_keys: list[tuple[str, int, int]] = field(default_factory=list)
    """Top-level keys written more than once: (key, 1-based line of the repeat, of the first).
    YAML and Hugo keep the last value silently."""

    def node_line(self, node: yaml.Node) -> int:
        """1-based file line where a front matter node starts."""
        return self.front_matter_offset + node.start_mark.line + 1

    @property
    def body(self) -> str:
        """The body as markdown-it-py should see it: lines from ``body_start``, ``\\n`` endings."""
        return "".join(line + "\n" for line in self.lines[self.body_start :])

    @property
    def text(self) -> str:
        """The file's text as read (BOM removed)."""
        return "".join(line + end for line, end in zip(self.lines, self.endings))


def decode_post(path: str, data: bytes, max_bytes: int | None = None) -> str:
    """Bytes to text, refusing what is not a UTF-8 text file; returns the text with its BOM."""
    if max_bytes is not None and len(data) > max_bytes:
        raise PostError(
            path,
            None,
            f"file is {len(data):,} bytes, over the limit of {max_bytes:,}: "
            "split the post or raise max-post-bytes in [tool.pipeline]",
        )
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise PostError(path, line, "NUL byte: this is a binary file, not a Markdown post")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise PostError(
            path,
            line,
            f"not UTF-8 (byte 0x{data[exc.start]:02X}): save the file as UTF-8",
        ) from None


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """Split text into lines and their endings, as markdown-it-py counts lines."""
    if "\r" not in text:  # the common case, in C
        lines = text.split("\n")
        endings = ["\n"] * (len(lines) - 1)
        if lines[-1] or len(lines) == 1:
            endings.append("")
        else:
            lines.pop()
        return lines, endings
    lines = []
    endings = []
    pos = 0
    for match in NEWLINE_RE.finditer(text):
        lines.append(text[pos : match.start()])
        endings.append(match.group())
        pos = match.end()
    if pos < len(text) or not lines:
        lines.append(text[pos:])
        endings.append("")
    return lines, endings


#: An HTML block whose text is shown as it is (a ``<pre>`` with an example in it).
_PRE_BLOCK_RE = re.compile(r" {0,3}<(pre|textarea)[\s>]", re.I)


def _code_lines(lines: list[str]) -> set[int]:
    """Indices of the lines of the body's code blocks (fenced or indented, at any depth) and
    ``<pre>`` blocks, as the segmenter's parser reads the body: a fence in a list item ends
    at the first line that is not indented, as CommonMark has it."""
    start = 0
    if lines and _FENCE_RE.fullmatch(lines[0]):
        close = next((i for i in range(1, len(lines)) if _CLOSE_RE.fullmatch(lines[i])), None)
        start = 0 if close is None else close + 1
    inside: set[int] = set()
    for token in block_parser().parse("".join(line + "\n" for line in lines[start:])):
        if token.map is not None and (
            token.type in ("fence", "code_block")
            or token.type == "html_block" and _PRE_BLOCK_RE.match(token.content)
        ):
            inside.update(range(start + token.map[0], start + token.map[1]))
    return inside


#: Characters a file name must not have: control characters (a newline, an escape), the line
#: and paragraph separators, and the stand-ins for bytes that are not UTF-8 (Python's
#: surrogateescape). The name goes into catalogs (references, the slug's msgid), and GNU
#: gettext refuses those with them; a terminal would show them garbled.
_NAME_BAD_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\udc80-\udcff]")


def _escaped(char: str) -> str:
    if "\udc80" <= char <= "\udcff":
        return f"\\x{ord(char) - 0xDC00:02x}"  # the byte it stands for
    return char.encode("unicode_escape").decode("ascii")


#: Characters a name must not have either, though catalogs can hold them: invisible ones that
#: make it look like another name (zero-width spaces and joiners, a soft hyphen, a byte order
#: mark) or turn around what follows it in a terminal (the bidirectional controls)
_NAME_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def printable_path(path: str) -> str:
    """``path`` with what a name must not hold as escapes (``a\\nb.md``), fit for one line."""
    path = _NAME_BAD_RE.sub(lambda m: _escaped(m.group()), path)
    return _NAME_INVISIBLE_RE.sub(lambda m: _escaped(m.group()), path)


def spellings(meta: dict[str, Any], name: str) -> list[str]:
    """The keys of ``meta`` that Hugo reads as ``name``, as written (Hugo reads front matter
    keys in any case: ``Slug:`` is its slug, ``URL:`` its url), in the file's order."""
    wanted = name.lower()
    return [key for key in meta if isinstance(key, str) and key.lower() == wanted]


def post_name_error(path: str) -> PostError | None:
    """Why a post's path (as shown) cannot be a post's name, if it cannot."""
    bad = _NAME_BAD_RE.search(path)
    if bad is not None:
        what = ("a byte that is not UTF-8" if "\udc80" <= bad.group() <= "\udcff"
                else "a control character")
        return PostError(
            printable_path(path), None,
            f"{what} in the file name, which catalogs cannot hold: rename the file",
        )
    if path.isascii():  # the common case
        return None
    if _NAME_INVISIBLE_RE.search(path):
        return PostError(
            printable_path(path), None,
            "an invisible character in the file name (it hides, or turns around, what the name "
            "shows): rename the file",
        )
    if not unicodedata.is_normalized("NFC", path):
        # "café" as "cafe" and a combining accent: it looks like the composed name (which git
        # on macOS may turn it into) and is another name: its catalogs would be others
        shown = "".join(f"\\u{ord(c):04x}" if unicodedata.combining(c) else c for c in path)
        return PostError(
            shown, None, "a name in decomposed Unicode (an accent as a character of its own): "
            "rename the file to its composed (NFC) form",
        )
    return None


def load_post(path: str, data: bytes, max_bytes: int | None = None) -> Post:
    """Read a post from its bytes; raise :class:`PostError` with ``path:line`` when it is bad
    (its name too: every command reads a post it found through here)."""
    refused = post_name_error(path)
    if refused is not None:
        raise refused
    text = decode_post(path, data, max_bytes)
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    lines, endings = split_lines(text)
    if "<<<<<<< " in text:
        conflict = conflicts.conflict_line(lines, _code_lines(lines))
        if conflict is not None:
            raise PostError(path, conflict + 1, conflicts.MESSAGE)
    post = Post(path=path, lines=lines, endings=endings, bom=bom)
    opening = 0
    if not _FENCE_RE.fullmatch(lines[0]):
        if not text or text[0] not in "+{ \t\r\n":  # the common case: no front matter
            return post
        found = front_matter_format(text)
        if found is not None:
            _load_other_front_matter(post, found[0], found[2] - 1)
            return post
        # YAML after blank space, which Hugo skips too (``\n---``, ``  ---``)
        opening = next((i for i, line in enumerate(lines) if line.strip(" \t")), len(lines))
        if opening == len(lines) or not _FENCE_RE.fullmatch(lines[opening].lstrip(" \t")):
            return post
    post.front_matter_offset = opening + 1
    close = next(
        (i for i in range(opening + 1, len(lines)) if _CLOSE_RE.fullmatch(lines[i])),
        None,
    )
    if close is None:
        raise PostError(
            path, opening + 1, "front matter opened here is never closed: add a line '---' after it"
        )
    if lines[close].startswith("..."):  # YAML's document end; Hugo looks for --- only
        raise PostError(
            path, close + 1, "front matter closed with '...', which Hugo does not read (the site "
            "would not build): write '---' instead"
        )
    post.has_front_matter = True
    post.body_start = close + 1
    for index in range(opening + 1, close):
        odd = _YAML_BREAK_RE.search(lines[index])
        if odd:
            raise PostError(
                path,
                index + 1,
                f"U+{ord(odd.group()):04X} in the front matter: YAML reads it as a line break, "
                "so its lines would not be the file's lines: remove it",
            )
    yaml_text = "\n".join(lines[opening + 1 : close]) + "\n"
    post.meta, post.meta_nodes, post.duplicate_keys = _load_yaml_mapping(path, yaml_text, opening + 2)
    return post


def front_matter_format(text: str) -> tuple[str, str, int] | None:
    """The format of a front matter Hugo would read at the top of ``text`` other than YAML
    (``("TOML", "+++", 1)``: its name, how it is written, its 1-based line), or None.

    Hugo skips blank space before it. A line ``+++`` opens TOML, as python-frontmatter's TOML
    handler detects it. A ``{`` opens JSON: on a line of its own, as its JSON handler detects
    it, and also before more text on the line (``{"title": "x"}``), which Hugo reads as JSON
    too; ``{{`` opens a shortcode.
    """
    start = _LEADING_BLANK_RE.match(text).end()  # type: ignore[union-attr]
    end = NEWLINE_RE.search(text, start)
    first = text[start : len(text) if end is None else end.start()]
    for handler, name, written in _OTHER_FORMATS:
        if first[:1] == written[0] and (
            handler.detect(first) or (name == "JSON" and not first.startswith("{{"))
        ):
            return name, written, len(NEWLINE_RE.findall(text, 0, start)) + 1
    return None


def _load_other_front_matter(post: Post, name: str, open_line: int) -> None:
    """Read a TOML or JSON front matter whose opening line is ``open_line`` (0-based) into
    ``post``, as Hugo 0.111 reads it; raise :class:`PostError` where Hugo would fail or read
    something else than the lines say."""
    path, lines = post.path, post.lines
    if name == "TOML":
        if not re.fullmatch(r"[ \t]*\+\+\+[ \t]*", lines[open_line]):
            raise PostError(path, open_line + 1, "TOML front matter opens with more than '+++', "
                            "which Hugo cannot read: write '+++' alone on the line")
        # Hugo closes at the first line that starts with +++ (in a multi-line string too)
        close = next((i for i in range(open_line + 1, len(lines)) if lines[i].startswith("+++")), None)
        if close is None:
            raise PostError(path, open_line + 1, "front matter opened here is never closed: "
                            "add a line '+++' after it")
        if lines[close][3:].strip(" \t"):
            raise PostError(path, close + 1, "text after the '+++' that closes the front matter "
                            "(Hugo would read it as the body's start): put it on the next line")
        post.front_matter_offset = open_line + 1
        toml_text = "".join(line + "\n" for line in lines[open_line + 1 : close])
        try:
            meta, root = frontformats.load_toml(toml_text)
        except frontformats.FormatError as exc:
            raise PostError(path, open_line + 1 + (exc.line or 1), exc.message) from None
        body_start = close + 1
    else:
        post.front_matter_offset = open_line
        rest = "\n".join(lines[open_line:])
        try:
            meta, root, end = frontformats.load_json(rest, len(lines[open_line]) - len(lines[open_line].lstrip()))
        except frontformats.FormatError as exc:
            raise PostError(path, open_line + (exc.line or 1), exc.message) from None
        close = open_line + rest.count("\n", 0, end)
        line_end = rest.find("\n", end)
        if rest[end : line_end if line_end >= 0 else len(rest)].strip(" \t"):
            raise PostError(path, close + 1, "text after the '}' that closes the JSON front matter: "
                            "start the body on the next line")
        body_start = close + 1
    post.has_front_matter = True
    post.front_matter_format = name.lower()
    post.body_start = body_start
    post.meta = meta
    post.meta_nodes = {key.value: value for key, value in root.value}
    first: dict[str, int] = {}
    for key, _ in root.value:
        line = post.node_line(key)
        if key.value in first:
            post.duplicate_keys.append((key.value, line, first[key.value]))
        else:
            first[key.value] = line


def _load_yaml_mapping(
    path: str, yaml_text: str, first: int = 2
) -> tuple[dict[str, Any], dict[str, yaml.Node], list[tuple[str, int, int]]]:
    """Compose, measure, then construct the front matter with YAML's safe constructor.
    ``first``: the 1-based file line of its first line (after the opening ``---``)."""

    def line_of(mark: Any) -> int | None:
        return None if mark is None else mark.line + first

    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        raise PostError(
            path, line_of(mark), f"front matter is not valid YAML: {problem}"
        ) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        character = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise PostError(
            path,
            yaml_text.count("\n", 0, exc.position) + first,
            f"front matter is not valid YAML: character U+{character:04X} is not allowed in YAML: "
            "remove it",
        ) from None
    except yaml.YAMLError as exc:
        problem = str(exc).split("\n", 1)[0]
        raise PostError(path, first, f"front matter is not valid YAML: {problem}") from None
    if node is None:
        return {}, {}, []
    _check_size(path, node, line_of(node.start_mark) or first)
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        raise PostError(
            path,
            line_of(node.start_mark),
            f"front matter is {kind}, not a mapping: write it as 'key: value' lines",
        )
    written = list(node.value)  # the keys as written: a merge key (``<<: *base``) adds the
    # keys it brings to node.value, and a key written beside it overrides them (no repeat)
    try:
        meta = _Loader("").construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        tag = getattr(exc, "problem", "") or ""
        if "could not determine a constructor" in (exc.problem or ""):
            raise PostError(
                path,
                line_of(mark),
                f"front matter uses a YAML tag that is not allowed ({tag.split('tag ')[-1]}): "
                "write plain values",
            ) from None
        raise PostError(
            path, line_of(mark), f"front matter is not valid YAML: {exc.problem}"
        ) from None
    except (yaml.YAMLError, TypeError, ValueError, KeyError, AttributeError) as exc:
        # no mark (a date like 2017-02-30 fails in datetime): find the value that fails
        mark, key = _failing_mark(node)
        what = f"{key}: " if key else ""
        # KeyError, AttributeError: PyYAML's !!bool and !!timestamp on a value that is neither
        why = exc if isinstance(exc, (yaml.YAMLError, TypeError, ValueError)) else (
            "the value does not fit its YAML tag (!!bool, !!timestamp): write a plain value"
        )
        raise PostError(
            path, line_of(mark) or first, f"front matter cannot be read: {what}{why}"
        ) from None
    if not isinstance(meta, dict):  # pragma: no cover - a MappingNode builds a dict
        raise PostError(path, first, "front matter is not a mapping")
    nodes = {k.value: value for k, value in node.value if isinstance(k, yaml.ScalarNode)}
    first_lines: dict[str, int] = {}
    duplicates: list[tuple[str, int, int]] = []
    for key_node, _ in written:
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
            line = key_node.start_mark.line + first
            if key_node.value in first_lines:
                duplicates.append((key_node.value, line, first_lines[key_node.value]))
            else:
                first_lines[key_node.value] = line
    return meta, nodes, duplicates


def _failing_mark(root: yaml.MappingNode) -> tuple[Any, str | None]:
    """Where the first top-level key or value that cannot be constructed starts, and its key."""
    for pair in root.value:
        key = pair[0].value if isinstance(pair[0], yaml.ScalarNode) else None
        for node in pair:
            try:
                _Loader("").construct_object(node, deep=True)
            except (yaml.YAMLError, TypeError, ValueError, KeyError, AttributeError):
                return node.start_mark, key
    return None, None


def _check_size(path: str, root: yaml.Node, line: int) -> None:
    """Refuse a node graph that expands to more than MAX_YAML_NODES (alias bombs)."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress:  # a recursive alias: refuse it too
            return MAX_YAML_NODES + 1
        in_progress.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                total += size(child)
                if total > MAX_YAML_NODES:
                    break
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                total += size(key_node) + size(value_node)
                if total > MAX_YAML_NODES:
                    break
        in_progress.discard(key)
        sizes[key] = total
        return total

    if size(root) > MAX_YAML_NODES:
        raise PostError(
            path,
            line,
            f"front matter expands to more than {MAX_YAML_NODES:,} YAML nodes "
            "(aliases used over and over): write the values out",
        )
