"""TOML and JSON front matter, read as Hugo reads them and given the shape of a YAML one.

Hugo reads three front matter formats: YAML between ``---`` lines, TOML between ``+++`` lines
(what ``hugo new`` writes), and a JSON object (``{`` to its closing ``}``). Their values come
from the standard library (``tomllib``, ``json``), which also says what is not valid. The
rest of the pipeline knows front matter as PyYAML nodes (a value's line, a list's items, a
nested table's keys): a small scanner of the valid text finds where each key and value is
written and builds the same nodes (``yaml.ScalarNode``, ``SequenceNode``, ``MappingNode``)
with marks counted from the front matter's first line. A scalar node's ``value`` is a
string's text, or any other value as written (``2023-05-01T10:00:00+02:00``); its ``style``
is how a string is quoted (``"``, ``'``, ``\"\"\"``, ``'''``), None for other values. A
collection written inline (``[a, b]``, ``{a = 1}``) has ``flow_style`` True; a table made by
a ``[header]`` or by dotted keys (``a.b = 1``) has it False, and no span of its own.

This module reads; :mod:`pipeline.frontedit` writes, with :func:`toml_value` and
:func:`json_value` for the values.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
import tomllib
from typing import Any

import yaml

#: How deep a front matter's lists and tables may nest, and how many values it may hold
#: (YAML's limit, :data:`pipeline.post.MAX_YAML_NODES`, is that of the nodes built here too)
MAX_DEPTH = 100
MAX_NODES = 10_000

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_TAGS = {bool: "tag:yaml.org,2002:bool", int: "tag:yaml.org,2002:int",
         float: "tag:yaml.org,2002:float", type(None): "tag:yaml.org,2002:null"}

_BARE_KEY_RE = re.compile(r"[A-Za-z0-9_-]+")
_BLANK_RE = re.compile(r"[ \t]*")
_SPACE_RE = re.compile(r"(?:[ \t\n]|#[^\n]*)*")  # blanks, line breaks and comments (TOML)
_JSON_SPACE_RE = re.compile(r"[ \t\n\r]*")
_BARE_VALUE_RE = re.compile(r"[^,\]}#\n]*")  # a number, a date, true/false: to what ends it
_JSON_LITERAL_RE = re.compile(r"[^,\]}\s]+")


class FormatError(ValueError):
    """Front matter that is not valid: ``line`` (1-based, in the front matter's text, None:
    its first) and what is wrong."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


# --------------------------------------------------------------------------------------
# Reading


def load_toml(text: str) -> tuple[dict[str, Any], yaml.MappingNode]:
    """The values of a TOML front matter (its text between the ``+++`` lines) and its nodes;
    raises :class:`FormatError`."""
    _refuse_deep(text)
    try:
        meta = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, problem = toml_error(exc)
        if line is None:  # at the end of the document
            line = text.count("\n")
        advice = ("a key or table written twice: keep one" if "overwrite" in problem
                  else "fix it (Hugo cannot build the site with it either)")
        raise FormatError(line, f"front matter is not valid TOML ({problem}): {advice}") from None
    except RecursionError:  # pragma: no cover - _refuse_deep refuses it first
        raise FormatError(None, f"front matter nests deeper than {MAX_DEPTH} levels: flatten it") from None
    root = _TomlScanner(text).scan()
    return meta, root


def load_json(text: str, start: int) -> tuple[dict[str, Any], yaml.MappingNode, int]:
    """The values of a JSON front matter (the object at ``start`` in ``text``, line breaks
    ``\\n``), its nodes (marks counted from ``start``'s line), and where the object ends;
    raises :class:`FormatError`."""
    _refuse_deep(text[start:], json_text=True)

    def refuse_constant(name: str) -> Any:
        raise ValueError(name)

    try:
        meta, end = json.JSONDecoder(parse_constant=refuse_constant).raw_decode(text, start)
    except json.JSONDecodeError as exc:
        line = text.count("\n", 0, exc.pos) - text.count("\n", 0, start) + 1
        raise FormatError(line, f"front matter is not valid JSON ({exc.msg}): fix it (Hugo cannot "
                          "build the site with it either)") from None
    except ValueError as exc:  # NaN, Infinity: Python reads them, Hugo does not
        raise FormatError(None, f"front matter is not valid JSON: {exc} is not a JSON value: write a number or a string") from None
    if not isinstance(meta, dict):  # pragma: no cover - the caller saw a {
        raise FormatError(None, "front matter is not a JSON object")
    line_start = text.rfind("\n", 0, start) + 1
    root = _JsonScanner(text[line_start:end]).scan(start - line_start)
    return meta, root, end


def toml_error(exc: tomllib.TOMLDecodeError) -> tuple[int | None, str]:
    """The line and the message of tomllib's error (its text ends ``(at line 3, column 5)``)."""
    text = str(exc)
    match = re.search(r"\s*\(at line (\d+), column \d+\)$", text)
    if match is not None:
        return int(match.group(1)), text[: match.start()]
    match = re.search(r"\s*\(at end of document\)$", text)
    if match is not None:
        return None, text[: match.start()]
    return None, text


def _refuse_deep(text: str, json_text: bool = False) -> None:
    """Refuse lists and tables nested deeper than MAX_DEPTH (the parsers recurse), counted
    roughly: every bracket or brace outside strings and comments."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:  # the common case
        return
    depth = deepest = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth = max(depth - 1, 0)
        elif c == '"' or (c == "'" and not json_text):
            if text.startswith(c * 3, i) and not json_text:
                close = text.find(c * 3, i + 3)
                i = n if close < 0 else close + 3
                continue
            i = _string_end(text, i, c)
            continue
        elif c == "#" and not json_text:
            close = text.find("\n", i)
            i = n if close < 0 else close
            continue
        i += 1
    if deepest > MAX_DEPTH:
        raise FormatError(None, f"front matter nests deeper than {MAX_DEPTH} levels: flatten it")


def _string_end(text: str, i: int, quote: str) -> int:
    """Just after the one-line string opened at ``i`` (escapes in ``"`` strings)."""
    j = i + 1
    while j < len(text):
        c = text[j]
        if c == "\\" and quote == '"':
            j += 2
            continue
        if c == quote or c == "\n":
            return j + 1
        j += 1
    return j


class _Scanner:
    """Positions in a text as marks (0-based line and column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.count = 0

    def mark(self, index: int) -> yaml.Mark:
        line = bisect.bisect_right(self.starts, index) - 1
        return yaml.Mark("front matter", index, line, index - self.starts[line], None, None)

    def counted(self) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            raise FormatError(None, f"front matter has more than {MAX_NODES:,} values: write fewer")

    def check_depth(self, index: int, depth: int) -> None:
        """Refuse a value at ``index`` nested ``depth`` levels deep past MAX_DEPTH."""
        if depth > MAX_DEPTH:  # pragma: no cover - _refuse_deep refused it
            raise FormatError(self.mark(index).line + 1, f"front matter nests deeper than {MAX_DEPTH} levels")

    def scalar(self, value: str, start: int, end: int, tag: str, style: str | None) -> yaml.ScalarNode:
        self.counted()
        return yaml.ScalarNode(tag, value, self.mark(start), self.mark(end), style)


class _TomlScanner(_Scanner):
    """Where each key and value of a valid TOML text is."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.tables: dict[int, dict[str, yaml.Node]] = {}  # each table's values by key, by id

    def _find(self, table: yaml.MappingNode, key: str) -> yaml.Node | None:
        """The value of ``key`` in a table (by a dict: a look along the table's keys made
        thousands of ``[tables]`` quadratic)."""
        return self.tables.get(id(table), {}).get(key)

    def _add(self, table: yaml.MappingNode, key: yaml.ScalarNode, value: yaml.Node) -> None:
        table.value.append((key, value))
        self.tables.setdefault(id(table), {}).setdefault(key.value, value)

    def scan(self) -> yaml.MappingNode:
        text = self.text
        root = yaml.MappingNode(_MAP, [], self.mark(0), self.mark(len(text)), flow_style=False)
        root.first_header = None
        current = root
        i = _SPACE_RE.match(text, 0).end()  # type: ignore[union-attr]
        while i < len(text):
            if text.startswith("[", i):
                if root.first_header is None:
                    root.first_header = self.mark(i)  # where the root table ends
                array = text.startswith("[[", i)
                keys, i = self._keys(i + (2 if array else 1))
                i = _BLANK_RE.match(text, i).end() + (2 if array else 1)  # type: ignore[union-attr]
                current = self._table(root, keys, array)
            else:
                keys, i = self._keys(i)
                i = _BLANK_RE.match(text, i).end() + 1  # type: ignore[union-attr]  # the =
                i = _BLANK_RE.match(text, i).end()  # type: ignore[union-attr]
                value, i = self._value(i, 1)
                self._put(current, keys, value)
            i = _SPACE_RE.match(text, i).end()  # type: ignore[union-attr]
        return root

    def _keys(self, i: int) -> tuple[list[yaml.ScalarNode], int]:
        """A dotted key (``a."b c".d``) as key nodes, and where it ends."""
        text = self.text
        keys = []
        while True:
            i = _BLANK_RE.match(text, i).end()  # type: ignore[union-attr]
            if text[i] in "\"'":
                end = _string_end(text, i, text[i])
                name = _toml_string(text[i:end])
            else:
                end = _BARE_KEY_RE.match(text, i).end()  # type: ignore[union-attr]
                name = text[i:end]
            keys.append(self.scalar(name, i, end, _STR, None))
            i = _BLANK_RE.match(text, end).end()  # type: ignore[union-attr]
            if not text.startswith(".", i):
                return keys, i
            i += 1

    def _table(self, root: yaml.MappingNode, keys: list[yaml.ScalarNode], array: bool) -> yaml.MappingNode:
        """The table a ``[header]`` or ``[[header]]`` opens (made where it is new)."""
        parent = self._parent(root, keys[:-1])
        last = keys[-1]
        found = self._find(parent, last.value)
        if array:
            if not isinstance(found, yaml.SequenceNode):
                found = yaml.SequenceNode(_SEQ, [], last.start_mark, last.end_mark, flow_style=False)
                self._add(parent, last, found)
            table = yaml.MappingNode(_MAP, [], last.start_mark, last.end_mark, flow_style=False)
            found.value.append(table)
            return table
        if isinstance(found, yaml.MappingNode):
            return found
        table = yaml.MappingNode(_MAP, [], last.start_mark, last.end_mark, flow_style=False)
        self._add(parent, last, table)
        return table

    def _parent(self, table: yaml.MappingNode, keys: list[yaml.ScalarNode]) -> yaml.MappingNode:
        """The table the dotted ``keys`` lead to from ``table`` (made where they are new; in an
        array of tables, its last table)."""
        for key in keys:
            found = self._find(table, key.value)
            if isinstance(found, yaml.SequenceNode) and found.value:
                found = found.value[-1]
            if not isinstance(found, yaml.MappingNode):
                found = yaml.MappingNode(_MAP, [], key.start_mark, key.end_mark, flow_style=False)
                self._add(table, key, found)
            table = found
        return table

    def _put(self, table: yaml.MappingNode, keys: list[yaml.ScalarNode], value: yaml.Node) -> None:
        self._add(self._parent(table, keys[:-1]), keys[-1], value)

    def _value(self, i: int, depth: int) -> tuple[yaml.Node, int]:
        text = self.text
        self.check_depth(i, depth)
        c = text[i]
        if c == "[":
            self.counted()
            items = []
            j = _SPACE_RE.match(text, i + 1).end()  # type: ignore[union-attr]
            while text[j] != "]":
                item, j = self._value(j, depth + 1)
                items.append(item)
                j = _SPACE_RE.match(text, j).end()  # type: ignore[union-attr]
                if text[j] == ",":
                    j = _SPACE_RE.match(text, j + 1).end()  # type: ignore[union-attr]
            return yaml.SequenceNode(_SEQ, items, self.mark(i), self.mark(j + 1), flow_style=True), j + 1
        if c == "{":
            self.counted()
            table = yaml.MappingNode(_MAP, [], self.mark(i), self.mark(i), flow_style=True)
            j = _BLANK_RE.match(text, i + 1).end()  # type: ignore[union-attr]
            while text[j] != "}":
                keys, j = self._keys(j)
                j = _BLANK_RE.match(text, j + 1).end()  # type: ignore[union-attr]
                value, j = self._value(j, depth + 1)
                self._put(table, keys, value)
                j = _BLANK_RE.match(text, j).end()  # type: ignore[union-attr]
                if text[j] == ",":
                    j = _BLANK_RE.match(text, j + 1).end()  # type: ignore[union-attr]
            table.end_mark = self.mark(j + 1)
            return table, j + 1
        for quote in ('"""', "'''"):
            if text.startswith(quote, i):
                end = text.find(quote, i + 3)
                while quote == '"""' and _escaped_at(text, end):
                    end = text.find(quote, end + 1)
                for _ in range(2):  # up to two quotes before the closing ones belong to the text
                    if text.startswith(quote[0], end + 3):
                        end += 1
                end += 3
                return self.scalar(_toml_string(text[i:end]), i, end, _STR, quote), end
        if c in "\"'":
            end = _string_end(text, i, c)
            return self.scalar(_toml_string(text[i:end]), i, end, _STR, c), end
        written = _BARE_VALUE_RE.match(text, i).group().rstrip(" \t")  # type: ignore[union-attr]
        end = i + len(written)
        value = tomllib.loads(f"v = {written}")["v"]
        tag = _TIMESTAMP if isinstance(value, (dt.date, dt.time)) else _TAGS.get(type(value), _STR)
        return self.scalar(written, i, end, tag, None), end


def _escaped_at(text: str, index: int) -> bool:
    """Whether the character at ``index`` follows an odd number of backslashes."""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _toml_string(written: str) -> str:
    return tomllib.loads(f"v = {written}")["v"]  # type: ignore[no-any-return]


class _JsonScanner(_Scanner):
    """Where each member and value of a valid JSON object is."""

    def scan(self, start: int) -> yaml.MappingNode:
        node, _ = self._value(start, 1)
        assert isinstance(node, yaml.MappingNode)
        return node

    def _space(self, i: int) -> int:
        return _JSON_SPACE_RE.match(self.text, i).end()  # type: ignore[union-attr]

    def _value(self, i: int, depth: int) -> tuple[yaml.Node, int]:
        text = self.text
        self.check_depth(i, depth)
        c = text[i]
        if c == "{":
            self.counted()
            node = yaml.MappingNode(_MAP, [], self.mark(i), self.mark(i), flow_style=True)
            j = self._space(i + 1)
            while text[j] != "}":
                end = _string_end(text, j, '"')
                key = self.scalar(json.loads(text[j:end]), j, end, _STR, '"')
                j = self._space(self._space(end) + 1)  # the :
                value, j = self._value(j, depth + 1)
                node.value.append((key, value))
                j = self._space(j)
                if text[j] == ",":
                    j = self._space(j + 1)
            node.end_mark = self.mark(j + 1)
            return node, j + 1
        if c == "[":
            self.counted()
            items = []
            j = self._space(i + 1)
            while text[j] != "]":
                item, j = self._value(j, depth + 1)
                items.append(item)
                j = self._space(j)
                if text[j] == ",":
                    j = self._space(j + 1)
            return yaml.SequenceNode(_SEQ, items, self.mark(i), self.mark(j + 1), flow_style=True), j + 1
        if c == '"':
            end = _string_end(text, i, '"')
            return self.scalar(json.loads(text[i:end]), i, end, _STR, '"'), end
        written = _JSON_LITERAL_RE.match(text, i).group()  # type: ignore[union-attr]
        value = json.loads(written)
        return self.scalar(written, i, i + len(written), _TAGS.get(type(value), _STR), None), i + len(written)


# --------------------------------------------------------------------------------------
# Writing values


def pair_example(front_matter_format: str, key: str, value: str, quoted: bool = False) -> str:
    """A ``key: value`` pair as a message shows it, in the post's front matter format
    (``lang = "nl"`` in TOML, ``"lang": "nl"`` in JSON); ``quoted``: the value is text
    (a date is text in JSON only)."""
    if front_matter_format == "toml":
        return f'{key} = "{value}"' if quoted else f"{key} = {value}"
    if front_matter_format == "json":
        return f'"{key}": "{value}"' if quoted or value[:1].isdigit() else f'"{key}": {value}'
    return f"{key}: {value}"


_TOML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_TOML_ESCAPE_RE = re.compile(r'[\\"\x00-\x1f\x7f]')
_LITERAL_BAD_RE = re.compile(r"['\x00-\x08\x0a-\x1f\x7f]")


def toml_string(text: str, style: str | None = None) -> str:
    """``text`` as a TOML string: in the quoting ``style`` of the value it replaces where that
    can hold it (a literal ``'…'`` string has no escapes), else a basic ``"…"`` string."""
    if style == "'" and not _LITERAL_BAD_RE.search(text):
        return f"'{text}'"
    if (style == "'''" and "'''" not in text and not text.endswith("'")
            and not re.search(r"[\x00-\x08\x0b-\x1f\x7f]|\n\+\+\+", text)):  # a line +++ would close
        return f"'''{text}'''" if not text.startswith("\n") else f"'''\n{text}'''"
    body = _TOML_ESCAPE_RE.sub(lambda m: _TOML_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)
    return f'"""{body}"""' if style == '"""' else f'"{body}"'


def toml_key(key: str) -> str:
    return key if _BARE_KEY_RE.fullmatch(key) else toml_string(key)


def toml_value(value: Any, style: str | None = None) -> str:
    """``value`` as a TOML value on one line; raises ValueError for what TOML cannot hold
    (None)."""
    if isinstance(value, str):
        return toml_string(value, style)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)  # nan, inf and -inf as TOML writes them too
    if isinstance(value, (dt.date, dt.time)):  # a datetime too; its microseconds only where it has some
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(str(k))} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise ValueError(f"TOML has no value like {value!r}")


def json_value(value: Any) -> str:
    """``value`` as JSON on one line (a date as the text Hugo reads); raises ValueError for
    what JSON cannot hold."""
    return json.dumps(json_ready(value), ensure_ascii=False, allow_nan=False)


def json_ready(value: Any) -> Any:
    """``value`` as JSON holds it: a date as its RFC 3339 text."""
    if isinstance(value, dt.date):  # a datetime too
        return value.isoformat()
    if isinstance(value, list):
        return [json_ready(item) for item in value]
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    return value
