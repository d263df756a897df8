"""Text in attributes: the ``alt``, ``title``, ``aria-label`` and ``placeholder`` of the
body's HTML tags, and the text parameters of its shortcode calls (``[tool.pipeline.shortcodes]``,
``figure``'s ``alt``, ``caption`` and ``title`` by default), found outside code; the inner
text of code-like shortcodes (``{{< highlight >}}…{{< /highlight >}}``), which is no text.

Each value is a unit of its own (:func:`pipeline.segment.attribute_units`), its kind the
translator's comment saying where it is (``<img> alt``, ``{{< figure >}} caption``), its
span the value as written, quotes included. A paragraph (or any unit) that holds the tag or
call keeps it, the Dutch value included, in its msgid: merge puts the value's translation
into the paragraph's translation (:meth:`AttributeTexts.within`) where the paragraph is
rewritten, and into the value's own span where it is not (:meth:`AttributeTexts.edits`),
written back in its quoting (:func:`html_value`, :func:`pipeline.shortcodes.quoted_value`);
every other byte of the tag or call stays.
"""

from __future__ import annotations

import bisect
import html
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline.config import CODE_SHORTCODES
from pipeline.edits import Edit
from pipeline.links import code_span_ranges
from pipeline.post import Post
from pipeline.shortcodes import Call, Param, find_calls, in_ranges, paired_inner, quoted_value

if TYPE_CHECKING:
    from pipeline.segment import Unit

#: The HTML attributes whose values are text
TEXT_ATTRIBUTES = frozenset(("alt", "title", "aria-label", "placeholder"))
_RAW_TAGS = frozenset(("pre", "script", "style", "textarea"))

# A tag as far as it goes (possessive: no backtracking), as segment's HTML scan reads it;
# it is a tag when ``>`` follows
_TAG_SCAN_RE = re.compile(r"<(?P<name>[A-Za-z][A-Za-z0-9-]*+)(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+")
_ATTRIBUTE_RE = re.compile(
    r"""[\s/]++(?P<name>[^\s"'>/=]++)(?:\s*+=\s*+(?P<value>"[^"]*+"|'[^']*+'|[^\s"'=<>`]++))?"""
)
_NEWLINE_RE = re.compile(r"\r\n|\r|\n")
#: What stands before a paragraph's text on a line after its first: block quote markers,
#: indentation (a paragraph's line never starts with ``>`` itself)
_CONTAINER_RE = re.compile(r"[ \t>]*")


@dataclass(frozen=True, slots=True)
class AttributeText:
    """One value that is text: where it is (for the translator), as read, its span."""

    kind: str
    """``<img> alt``, ``{{< figure >}} caption``, ``{{< quote >}} parameter 0``."""
    text: str
    """The value as HTML or Hugo reads it (entities and ``\\"`` unescaped)."""
    start: int
    end: int
    """Its span in the text scanned, quotes included."""


def html_values(text: str, skip: Sequence[tuple[int, int]] = ()) -> Iterator[AttributeText]:
    """The text attributes of the HTML tags of ``text`` (not in comments, not in ``<pre>``,
    ``<script>``, ``<style>``, ``<textarea>``, none starting in a ``skip`` range). A value
    that runs over a line break (an editor wrapped a long ``alt``) reads as one line: each
    break, with the blanks and a container's prefix (``>``, indentation) around it, one
    space, as a paragraph's soft line break is in its msgid; its span is the value as
    written over its lines (merge writes its translation on one line)."""
    skip_starts = [start for start, _ in skip]
    pos = 0
    size = len(text)
    while (start := text.find("<", pos)) >= 0:
        if skip and in_ranges(skip, skip_starts, start):
            pos = start + 1
            continue
        if text.startswith("<!--", start):
            close = text.find("-->", start + 4)
            pos = size if close < 0 else close + 3
            continue
        scan = _TAG_SCAN_RE.match(text, start)
        if scan is None:
            pos = start + 1
            continue
        end = scan.end()
        if end >= size or text[end] != ">":
            pos = max(end, start + 1)  # never a tag: the scan goes on past it
            continue
        name = scan.group("name").lower()
        for attribute in _ATTRIBUTE_RE.finditer(text, start + 1 + len(name), end):
            value = attribute.group("value")
            if value is None or attribute.group("name").lower() not in TEXT_ATTRIBUTES:
                continue
            quoted = value[0] in "\"'"
            raw = value[1:-1] if quoted else value
            if "\n" in raw or "\r" in raw:
                raw = _unwrapped(raw)
            yield AttributeText(f"<{name}> {attribute.group('name').lower()}", html.unescape(raw),
                                attribute.start("value"), attribute.end("value"))
        pos = end + 1
        if name in _RAW_TAGS:
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(text, pos)
            pos = size if close is None else close.end()


def dropped_html_values(msgid: str, msgstr: str) -> list[str]:
    """The text attributes of ``msgid``'s tags (``<img> alt``) that ``msgstr`` has fewer of,
    code spans aside: a paragraph's translation that drops a tag loses the tag and the
    translation of its value (its own entry), which merge can put nowhere."""
    if "<" not in msgid:
        return []

    def kinds(text: str) -> Counter[str]:
        code = code_span_ranges(text) if "`" in text else []
        return Counter(value.kind for value in html_values(text, code))

    return sorted((kinds(msgid) - kinds(msgstr)).keys())


def _unwrapped(value: str) -> str:
    """A value written over several lines as one: each line break, with the blanks before it
    and the blanks and block quote markers after it, one space."""
    lines = _NEWLINE_RE.split(value)
    inner = [line.lstrip(" \t>").rstrip(" \t") for line in lines[1:-1]]
    return " ".join([lines[0].rstrip(" \t"), *inner, lines[-1].lstrip(" \t>")])


def shortcode_values(calls: Sequence[Call], shortcodes: Mapping[str, Sequence[str | int]]) -> Iterator[AttributeText]:
    """The parameters of ``calls`` that ``shortcodes`` names as text."""
    for call in calls:
        wanted = shortcodes.get(call.name)
        if not wanted or call.closing:
            continue
        for param in call.params:
            if (param.name if param.name is not None else param.position) in wanted:
                yield AttributeText(_param_kind(call, param), param.value, param.start, param.end)


def _param_kind(call: Call, param: Param) -> str:
    """Where a parameter is, for the translator: ``{{< figure >}} caption``,
    ``{{< quote >}} parameter 0``."""
    return f"{call.shown()} {param.name if param.name is not None else f'parameter {param.position}'}"


def html_value(value: str, quote: str) -> str:
    """``value`` as an HTML attribute value in its quote (an unquoted one double-quoted):
    ``&`` and the quote as character references, a line break a space, a ``|`` as ``&#124;``
    (GFM splits a table's row at a pipe before it reads the row's HTML: in a cell it would
    end the cell)."""
    value = _NEWLINE_RE.sub(" ", value).replace("\0", "\ufffd").replace("&", "&amp;").replace("|", "&#124;")
    if quote == "'":
        return "'" + value.replace("'", "&#39;") + "'"
    return '"' + value.replace('"', "&quot;") + '"'


def written_value(kind: str, value: str, quote: str) -> str:
    """A value written for its place: an HTML attribute's, or a shortcode parameter's."""
    return html_value(value, quote) if kind.startswith("<") else quoted_value(value, quote)


def outside_calls(text: str, change: Callable[[str], str]) -> str:
    """``text`` with ``change`` made to each stretch outside its shortcode calls (a call in a
    code span is code, changed with it): Hugo takes the calls out before Goldmark reads the
    Markdown, so an escape Markdown needs (a table cell's ``\\|``) would be a parameter's text."""
    if "{{" not in text:
        return change(text)
    calls = find_calls(text, code_span_ranges(text) if "`" in text else [])
    out: list[str] = []
    pos = 0
    for call in calls:
        out.append(change(text[pos : call.start]))
        out.append(text[call.start : call.end])
        pos = call.end
    out.append(change(text[pos:]))
    return "".join(out)


def is_attribute_kind(kind: str) -> bool:
    """Whether a unit of this kind is a value of :mod:`pipeline.attributes`."""
    return kind.startswith(("<", "{{"))


# ---------------------------------------------------------------------------------------
# A post's body


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


@dataclass
class BodyAttributes:
    """What :func:`body_attributes` finds in a post's body, in file (0-based line, column)
    places."""

    texts: list[tuple[AttributeText, tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    """Each value with its start and end."""
    calls: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    """The shortcode calls' spans: a unit inside one is a piece of the call (a call over
    several lines whose ``>}}`` Markdown reads as a block quote), no text."""
    literal: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    """The inner text of code-like shortcodes: no unit, no link rewritten."""
    _call_spans: dict[tuple[int, int], tuple[int, int]] | None = None

    def trimmed(self, lines: Sequence[str], start: tuple[int, int], end: tuple[int, int],
                text: str) -> tuple[tuple[int, int], tuple[int, int], str]:
        """A paragraph's span and text without the calls that stand alone on its first and
        last lines (``{{% note %}}`` and ``{{% /note %}}`` around the text they hold, with no
        blank line between): structure, kept as written, no part of the msgid."""
        for _ in range(len(self.calls)):
            if start[0] >= end[0]:
                break
            first = lines[start[0]]
            call = self.call_spans.get(start)
            written = first[start[1] : call[1]] if call is not None else ""
            if call == (start[0], len(first.rstrip(" \t"))) and text.startswith(written):
                start = (start[0] + 1, _CONTAINER_RE.match(lines[start[0] + 1]).end())  # type: ignore[union-attr]
                text = text[len(written) :].lstrip(" \t\n")
                continue
            last = lines[end[0]]
            column = _CONTAINER_RE.match(last).end()  # type: ignore[union-attr]
            written = last[column : end[1]]
            if self.call_spans.get((end[0], column)) == end and text.endswith(written):
                text = text[: len(text) - len(written)].rstrip(" \t\n")
                end = (end[0] - 1, len(lines[end[0] - 1].rstrip(" \t")))
                continue
            break
        return start, end, text

    @property
    def call_spans(self) -> dict[tuple[int, int], tuple[int, int]]:
        if self._call_spans is None:
            self._call_spans = dict(self.calls)
        return self._call_spans

    def hides(self, start: tuple[int, int], end: tuple[int, int]) -> bool:
        """Whether a unit of this span is none: inside a call, or over code-like inner text
        (calls and inner texts are in order, none inside another: one lookup each)."""
        i = bisect.bisect_right(self.calls, (start, (1 << 62, 0))) - 1
        return (i >= 0 and end <= self.calls[i][1]) or self.over_literal(start, end)

    def over_literal(self, start: tuple[int, int], end: tuple[int, int]) -> bool:
        """Whether a span overlaps code-like inner text."""
        i = bisect.bisect_left(self.literal, (end,)) - 1  # the last one starting before the end
        return i >= 0 and start < self.literal[i][1]


def body_attributes(
    post: Post, tokens: Sequence, shortcodes: Mapping[str, Sequence[str | int]],
    code_shortcodes: Collection[str] = (),
) -> BodyAttributes:
    """The text values, shortcode calls and code-like inner text of a post's body, from its
    block tokens (:func:`pipeline.markdown.block_parser`): code blocks and code spans hold
    none of them."""
    found = BodyAttributes()
    text = post.body
    if "<" not in text and "{{" not in text:
        return found
    lines = post.lines[post.body_start :]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    code: list[tuple[int, int]] = []
    inline_lines: set[tuple[int, int]] = set()
    for token in tokens:
        if not token.map:
            continue
        first, end = token.map
        if token.type in ("fence", "code_block"):
            code.append((starts[first], starts[min(end, len(lines))]))
        elif token.type == "inline" and (first, end) not in inline_lines:
            inline_lines.add((first, end))
            block = text[starts[first] : starts[min(end, len(lines))]]
            if "`" in block:
                code.extend((starts[first] + a, starts[first] + b) for a, b in code_span_ranges(block))
    code = _merged(code)

    def where(pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(starts, pos) - 1
        return post.body_start + i, pos - starts[i]

    calls = find_calls(text, code) if "{{" in text else []
    literal = list(paired_inner(calls, frozenset(CODE_SHORTCODES) | frozenset(code_shortcodes)))
    if literal:
        literal_starts = [start for start, _ in literal]
        calls = [call for call in calls if not in_ranges(literal, literal_starts, call.start)]
    found.calls = [(where(call.start), where(call.end)) for call in calls]
    found.literal = [(where(start), where(end)) for start, end in literal]
    values = list(shortcode_values(calls, shortcodes))
    if "<" in text:
        skip = _merged(code + [(call.start, call.end) for call in calls] + literal)
        values += html_values(text, skip)
    values.sort(key=lambda value: value.start)
    found.texts = [(value, where(value.start), where(value.end)) for value in values]
    return found


# ---------------------------------------------------------------------------------------
# Merge: each value's translation put in its place


class AttributeTexts:
    """The attribute units of a post's body placed for merge: each inside the unit whose
    span holds it (a paragraph keeps the tag), or alone (a tag between an HTML block's
    texts, a call on a line of its own)."""

    def __init__(self, units: Sequence[Unit], translation: Callable[[Unit], str | None]) -> None:
        self.translation = translation
        body = sorted((u for u in units if u.start is not None and u.end is not None
                       and not is_attribute_kind(u.kind)), key=lambda u: u.start)  # type: ignore[arg-type, return-value]
        body_starts = [u.start for u in body]
        self.inside: dict[int, list[Unit]] = {}
        self.values: list[Unit] = []
        self.taken: set[int] = set()
        for unit in units:
            if unit.start is None or unit.end is None or not is_attribute_kind(unit.kind):
                continue
            self.values.append(unit)
            i = bisect.bisect_right(body_starts, unit.start) - 1
            if i >= 0 and body[i].end >= unit.end:  # type: ignore[operator]
                self.inside.setdefault(id(body[i]), []).append(unit)

    def within(self, unit: Unit, text: str) -> str:
        """``text``, which replaces ``unit``'s span, with the translations of the values
        inside that span: each tag or call value equal to a value's Dutch text (the
        translation kept the tag as the msgid has it) is its translation."""
        nested = self.inside.get(id(unit))
        if not nested:
            return text
        wanted: dict[tuple[str, str], str] = {}
        for value in nested:
            self.taken.add(id(value))
            german = self.translation(value)
            if german is not None and german != value.text:
                wanted[(value.kind, value.text)] = german
        if not wanted:
            return text
        code = code_span_ranges(text) if "`" in text else []
        calls = find_calls(text, code) if "{{" in text else []
        found = [AttributeText(_param_kind(call, param), param.value, param.start, param.end)
                 for call in calls if not call.closing for param in call.params]
        found += html_values(text, _merged(code + [(call.start, call.end) for call in calls]))
        out: list[str] = []
        pos = 0
        for value in sorted(found, key=lambda v: v.start):
            german = wanted.get((value.kind, value.text))
            if german is None:
                continue
            out.append(text[pos : value.start])
            out.append(written_value(value.kind, german, _quote(text[value.start])))
            pos = value.end
        out.append(text[pos:])
        return "".join(out)

    def edits(self, lines: Sequence[str]) -> list[tuple[Unit, Edit]]:
        """The edits of the translated values whose span no unit's edit replaces."""
        edits = []
        for unit in self.values:
            if id(unit) in self.taken:
                continue
            german = self.translation(unit)
            if german is None or german == unit.text:
                continue
            assert unit.start is not None and unit.end is not None
            quote = _quote(lines[unit.start[0]][unit.start[1]])
            edits.append((unit, Edit(unit.start, unit.end, written_value(unit.kind, german, quote))))
        return edits


def _quote(first: str) -> str:
    return first if first in "\"'`" else ""
