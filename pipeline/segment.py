"""A post's translation units: front matter fields and body blocks, with their source spans.

Units are built from markdown-it-py's block tokens (``token.map``), but their text is always
cut from the source lines, so that inline markup stays exactly as written. Each unit knows the
span it came from, so that :mod:`pipeline.render` can put a translation back in its place.
Which units a post has, not how they are kept (:mod:`pipeline.units`) nor a post's slug
(:mod:`pipeline.links`).
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import yaml

from markdown_it.common.html_blocks import block_names
from markdown_it.rules_block.html_block import HTML_SEQUENCES

from pipeline.attributes import BodyAttributes, body_attributes
from pipeline.config import DEFAULT_SHORTCODES, EVERY_ITEM, Dialect, key_path
from pipeline.errors import CatalogWarning
from pipeline.languages import shown_language, shown_languages
from pipeline.markdown import (
    DEFAULT_DIALECT, MAX_NESTING, block_attribute_line, block_parser, heading_attributes, task_checkbox,
)
from pipeline.links import effective_slug, slug_line
from pipeline.post import Post


@dataclass(frozen=True, slots=True)
class Unit:
    """One translatable piece of a post."""

    kind: str
    """What it is, for the translator: ``heading 2``, ``paragraph``, ``front matter: title``."""
    text: str
    """The msgid: source text, markup as written, container prefixes removed."""
    line: int
    """1-based file line where the unit starts."""
    context: str | None = None
    """The msgctxt: the front matter key, ``None`` for body units."""
    start: tuple[int, int] | None = None
    """Body units: (0-based line, column) where the span starts."""
    end: tuple[int, int] | None = None
    """Body units: (0-based line, column) just past the span."""
    prefix: str = ""
    """Body units: what a new line inside the unit starts with (``> ``, list indentation)."""
    key: str | None = None
    """Front matter units: the key."""
    index: int | None = None
    """Front matter units in a list (or comma-separated string): the item's position."""
    path: tuple[str | int, ...] | None = None
    """Front matter units at a path of ``translatable-keys`` (``cover.caption``): the keys (as
    written) and list positions from ``key``'s value down to the text (``("caption",)``,
    ``(1, "title")``); None for a top-level key's value or list item."""


# ---------------------------------------------------------------------------------------
# What has text worth translating

#: Hugo shortcodes (``{{< >}}``, ``{{% %}}``), Liquid tags and output (``{% %}``, ``{{ }}``):
#: what extract leaves untranslated, check compares and merge keeps. ``[^{]``: one ends before
#: the next could start (linear on 50,000 unclosed ``{{<``)
SHORTCODE_PATTERN = r"\{\{<[^{]{0,500}?>\}\}|\{\{%[^{]{0,500}?%\}\}|\{%[^{]{0,500}?%\}|\{\{[^{]{0,500}?\}\}"

# Every repetition is bounded, and stops where the next match could start (``{``, ``<``,
# ``[``, ``]``): a post full of unclosed ``](``, ``<`` or ``{{<`` must not make the scan
# quadratic (each start would otherwise look to the end of the text, or 2,000 characters on:
# 100,000 unclosed ``<`` took seconds).
_NON_TEXT_RE = re.compile(
    SHORTCODE_PATTERN
    + r"|\{:[^{}]{0,2000}\}"  # Kramdown attribute lists
    r"|<!--(?:[^<]|<(?!!--)){0,5000}?-->|<[^<>\n]{0,2000}>"  # HTML comments, tags, autolinks
    r"|\]\([^)\]]{0,2000}\)|\]\[[^\]]{0,1000}\]"  # link destinations and reference labels
    r"|\[\^[^\[\]]{0,1000}\]"  # footnote references
    r"|`{1,20}[^`]{0,5000}`{1,20}"  # code spans
    r"|&#?\w{1,32};"  # entities
    r"|\b(?:https?|ftp|mailto):\S{1,2000}",  # bare URLs
    re.DOTALL,
)


_LETTER_RE = re.compile(r"[^\W\d_]")
_MARKUP_START_RE = re.compile(r"[{<\[\]`&]")  # what a match of _NON_TEXT_RE can start with, but a letter


def html_block_opener(line: str, first: bool) -> tuple[int, re.Match[str]] | None:
    """Which HTML block a line opens, if any: (kind, match), kind 0 to 6 for CommonMark's
    types 1 to 7 (markdown-it-py's own patterns). Only ``first``, a paragraph's first line,
    may open type 7; later lines only the types that interrupt a paragraph."""
    if not line.startswith("<"):
        return None
    for kind, (opener, _, interrupts) in enumerate(HTML_SEQUENCES):
        if first or interrupts:
            match = opener.match(line)
            if match:
                return kind, match
    return None


def has_text(text: str) -> bool:
    """Whether a unit holds words: letters outside markup, code, URLs and shortcodes.

    Looks at the gaps between markup from the left and stops at the first letter: for most
    units that is the first word, so the whole text is scanned only when it has no words.
    """
    letter = _LETTER_RE.search(text)
    if letter is None:
        return False
    # the common case: the first letter comes before anything that could start markup (a
    # URL starts with a letter: the match at the letter rules that out)
    first = letter.start()
    if _MARKUP_START_RE.search(text, 0, first) is None and _NON_TEXT_RE.match(text, first) is None:
        return True
    pos = 0
    for match in _NON_TEXT_RE.finditer(text):
        if _LETTER_RE.search(text, pos, match.start()):
            return True
        pos = match.end()
    return _LETTER_RE.search(text, pos) is not None


# ---------------------------------------------------------------------------------------
# Front matter


def split_list_value(value: str) -> list[str]:
    """A comma-separated front matter string (``tags: a, b``) as its items."""
    return [item.strip() for item in value.split(",") if item.strip()]


def front_matter_units(
    post: Post, post_id: str, keys: Sequence[str], list_keys: Sequence[str]
) -> list[Unit]:
    """Units for the translatable front matter keys, and the slug, in file order."""
    units: list[Unit] = []
    for key, node in post.meta_nodes.items():
        setting = top_level_setting(key, keys)  # the msgctxt; ``key`` as written edits it
        if setting is None:
            continue
        value = post.meta.get(key)
        kind = f"front matter: {setting}"
        if isinstance(value, list):
            for index, (item, item_node) in enumerate(zip(value, node.value)):
                if isinstance(item, str) and item.strip():
                    units.append(
                        Unit(kind, item.strip(), post.node_line(item_node), setting, key=key, index=index)
                    )
        elif isinstance(value, str) and value.strip():
            if top_level_setting(key, list_keys) is not None:
                for index, item in enumerate(split_list_value(value)):
                    units.append(Unit(kind, item, post.node_line(node), setting, key=key, index=index))
            else:
                # strip: a block scalar (``>``, ``|``) ends in a newline that is YAML syntax,
                # not text, and msgfmt --check wants msgid and msgstr to agree on it
                units.append(Unit(kind, value.strip(), post.node_line(node), setting, key=key))
    found = [found for setting in keys if "." in setting for found in _path_units(post, setting)]
    found.sort(key=lambda pair: pair[0])  # in file order where several are on a line ({alt: …, caption: …})
    units.extend(unit for _, unit in found)
    units.append(
        Unit("front matter: slug", effective_slug(post_id, post.meta), slug_line(post), "slug", key="slug")
    )
    units.sort(key=lambda unit: unit.line)
    return units


def top_level_setting(key: object, settings: Sequence[str]) -> str | None:
    """The setting (of ``translatable-keys``, ``list-keys``) that names a top-level front
    matter key: the key as written, or a setting without a dot in another case (Hugo reads
    keys in any case: ``Title = …`` is the page's title); None if none does."""
    if not isinstance(key, str):
        return None
    if key in settings:
        return key
    return next((s for s in settings if "." not in s and s.lower() == key.lower()), None)


_YAML_STR_TAG = "tag:yaml.org,2002:str"


def _path_units(post: Post, setting: str) -> list[tuple[int, Unit]]:
    """Units for a path of ``translatable-keys`` (``cover.caption``, ``resources.*.title``):
    one per non-blank string found there (each string item of a list found there), its msgctxt
    the setting as written, so that a translation stays with the path when list items move.
    Keys match in any case, as Hugo reads them (``Cover: {Caption: …}`` is its
    ``.Params.cover.caption``); what is not there, or not a string, gives none. Each unit
    comes with where its text starts in the front matter (for the order of units on a line)."""
    first, *rest = key_path(setting)
    units: list[tuple[int, Unit]] = []
    for key, value in post.meta.items():
        node = post.meta_nodes.get(key) if isinstance(key, str) else None
        if node is None or key.lower() != first.lower():
            continue
        for steps, text, leaf in _strings_at(value, node, tuple(rest), ()):
            unit = Unit(f"front matter: {setting}", text, post.node_line(leaf), setting, key=key, path=steps)
            units.append((leaf.start_mark.index, unit))
    return units


def _strings_at(
    value: object, node: yaml.Node, parts: tuple[str, ...], steps: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str, yaml.Node]]:
    """The non-blank strings at ``parts`` below a front matter value and its YAML node (merge
    keys already in the node, as the constructor left it): the steps to each (keys as written,
    list positions), the text stripped as a top-level value's is, and its node."""
    if not parts:
        if isinstance(value, str) and value.strip():
            yield steps, value.strip(), node
        elif isinstance(value, list) and isinstance(node, yaml.SequenceNode) and len(node.value) == len(value):
            for index, (item, item_node) in enumerate(zip(value, node.value)):
                if isinstance(item, str) and item.strip():
                    yield (*steps, index), item.strip(), item_node
        return
    part, rest = parts[0], parts[1:]
    if part == EVERY_ITEM:
        if isinstance(value, list) and isinstance(node, yaml.SequenceNode) and len(node.value) == len(value):
            for index, (item, item_node) in enumerate(zip(value, node.value)):
                yield from _strings_at(item, item_node, rest, (*steps, index))
        return
    if not isinstance(value, dict) or not isinstance(node, yaml.MappingNode):
        return
    nodes = {  # the last of a key written twice, as the constructor keeps it
        key_node.value: value_node for key_node, value_node in node.value
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _YAML_STR_TAG
    }
    for key, item in value.items():
        if isinstance(key, str) and key.lower() == part.lower() and key in nodes:
            yield from _strings_at(item, nodes[key], rest, (*steps, key))


# ---------------------------------------------------------------------------------------
# Body


def _is_hard_break(segment: str) -> bool:
    """Whether a line (not the last of its block) ends in a hard line break."""
    if segment.endswith("  "):
        return True
    stripped = segment.rstrip("\\")
    return (len(segment) - len(stripped)) % 2 == 1


def join_lines(segments: Sequence[str]) -> str:
    """A block's lines as one msgid: soft breaks become one space, hard breaks stay."""
    parts: list[str] = []
    last = len(segments) - 1
    for i, segment in enumerate(segments):
        if i > 0:
            segment = segment.lstrip(" \t")
        if i < last:
            if _is_hard_break(segment):
                parts.append(segment + "\n")
            else:
                parts.append(segment.rstrip(" \t") + " ")
        else:
            parts.append(segment.rstrip(" \t"))
    return "".join(parts)


def continuation_prefix(prefix: str) -> str:
    """What a new line in the same container starts with: markers become spaces, ``>`` stays.

    A ``>`` gets the space after it that it may lack (``>- a``): a block quote marker eats
    one optional space, so without it the line would be one column short of the list item.
    """
    out: list[str] = []
    for i, ch in enumerate(prefix):
        if ch == ">":
            out.append(">")
            if i + 1 < len(prefix) and prefix[i + 1] not in " \t":
                out.append(" ")
        else:
            out.append(ch if ch == "\t" else " ")
    return "".join(out)


_LIST_MARKER_RE = re.compile(r"(?:[-+*]|\d{1,9}[.)])[ \t]+")


class _Body:
    """The body's source lines and the helpers that map tokens back onto them."""

    def __init__(self, post: Post) -> None:
        self.lines = post.lines
        self.offset = post.body_start

    def line(self, body_line: int) -> str:
        return self.lines[self.offset + body_line]

    def content_start(self, src: str, content_line: str) -> int | None:
        """Column where a token's content line starts in its source line."""
        wanted = content_line.strip(" \t")
        if not wanted:
            return len(src)
        trimmed = src.rstrip(" \t")
        if trimmed.endswith(wanted):
            return len(trimmed) - len(wanted)
        return None

    def block_columns(self, begin: int, end: int, content: str) -> list[int] | None:
        """Content start column of each line of a block, or None if they do not line up."""
        content_lines = content.split("\n")
        if len(content_lines) > end - begin and content_lines[-1] == "":
            content_lines.pop()
        if len(content_lines) != end - begin:
            return None
        columns: list[int] = []
        for i, content_line in enumerate(content_lines):
            column = self.content_start(self.line(begin + i), content_line)
            if column is None:
                return None
            columns.append(column)
        return columns

    def lines_unit(self, kind: str, begin: int, end: int, content: str) -> Unit | None:
        """A unit made of whole lines of content (a paragraph, a setext heading)."""
        columns = self.block_columns(begin, end, content)
        if columns is None:
            return None
        first = self.line(begin)
        if "\t" in first[: columns[0]]:
            # markdown-it-py quirk: after tabs in nested containers (``>\t>\t- a``) the
            # paragraph's content keeps the list marker. The marker is structure, not text:
            # keep it out of the unit, so that no translation can take it away.
            marker = _LIST_MARKER_RE.match(first, columns[0])
            if marker:
                columns[0] = marker.end()
        segments = [self.line(begin + i)[col:] for i, col in enumerate(columns)]
        text = join_lines(segments)
        if not has_text(text):
            return None
        last = self.line(end - 1)
        first_line = self.offset + begin
        return Unit(
            kind,
            text,
            first_line + 1,
            start=(first_line, columns[0]),
            end=(self.offset + end - 1, len(last.rstrip(" \t"))),
            prefix=continuation_prefix(self.line(begin)[: columns[0]]),
        )

    def atx_heading(self, level: int, begin: int, content: str) -> Unit | None:
        src = self.line(begin)
        hashes = src.find("#" * level)
        start = src.find(content, hashes + level) if hashes >= 0 and content else -1
        if start < 0 or not has_text(content):
            return None
        line = self.offset + begin
        return Unit(
            f"heading {level}",
            content,
            line + 1,
            start=(line, start),
            end=(line, start + len(content)),
            prefix=continuation_prefix(src[:hashes]),
        )

    def table_row(self, begin: int, cells: Sequence[str]) -> Iterator[Unit]:
        """One unit per non-empty cell of a row; ``cells`` are the parser's cell contents."""
        src = self.line(begin)

        def matching(spans: list[tuple[int, int]]) -> int:
            return sum(src[s:e].replace("\\|", "|") == cell for (s, e), cell in zip(spans, cells))

        # the row starts after block quote markers, and on a list item's first line after
        # its list markers too ("- | a | b |"): take the reading whose cells line up
        ends = {lead.end() for lead in (_QUOTE_LEAD_RE.match(src), _LIST_LEAD_RE.match(src)) if lead}
        if len(ends) == 1:  # one reading (most rows): nothing to choose
            spans = _cell_spans(src, ends.pop())
        else:
            spans = max((_cell_spans(src, end) for end in sorted(ends)), key=matching)
        line = self.offset + begin
        for (start, end), parsed in zip(spans, cells):
            raw = src[start:end]
            if not raw or raw.replace("\\|", "|") != parsed or not has_text(raw):
                continue
            yield Unit(
                "table cell",
                raw,
                line + 1,
                start=(line, start),
                end=(line, end),
                prefix="",
            )

    def html_block(self, begin: int, end: int, content: str) -> Iterator[Unit]:
        """Units for the runs of text between block-level tags of an HTML block."""
        columns = self.block_columns(begin, end, content)
        if columns is None:
            return
        segments = [self.line(begin + i)[col:] for i, col in enumerate(columns)]
        starts: list[int] = []
        position = 0
        for segment in segments:
            starts.append(position)
            position += len(segment) + 1
        joined = "\n".join(segments)

        def where(pos: int) -> tuple[int, int]:
            i = bisect.bisect_right(starts, pos) - 1
            return self.offset + begin + i, columns[i] + pos - starts[i]

        for chunk_start, chunk_end in _html_text_runs(joined):
            text = join_lines(joined[chunk_start:chunk_end].split("\n"))
            if not has_text(text):
                continue
            start = where(chunk_start)
            first_src = self.lines[start[0]]
            yield Unit(
                "html block",
                text,
                start[0] + 1,
                start=start,
                end=where(chunk_end),
                prefix=continuation_prefix(first_src[: columns[start[0] - self.offset - begin]]),
            )


_QUOTE_LEAD_RE = re.compile(r"(?:[ \t]*>)*[ \t]*")
_LIST_LEAD_RE = re.compile(r"(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t])))*[ \t]*")


def _cell_spans(src: str, begin: int) -> list[tuple[int, int]]:
    """(start, end) columns of a table row's cells, trimmed, as markdown-it-py splits them."""
    text_end = len(src.rstrip())
    bounds: list[tuple[int, int]] = []
    cell_start = begin
    escaped = False
    for pos in range(begin, text_end):
        ch = src[pos]
        if ch == "|" and not escaped:
            bounds.append((cell_start, pos))
            cell_start = pos + 1
        escaped = ch == "\\"
    bounds.append((cell_start, text_end))
    if bounds and bounds[0][0] == bounds[0][1]:
        bounds.pop(0)
    if bounds and bounds[-1][0] == bounds[-1][1]:
        bounds.pop()
    spans = []
    for start, end in bounds:
        while start < end and src[start] in " \t":
            start += 1
        while end > start and src[end - 1] in " \t":
            end -= 1
        spans.append((start, end))
    return spans


_BLOCK_TAGS = frozenset(block_names) | {"pre", "script", "style", "textarea"}
_RAW_TAGS = ("pre", "script", "style", "textarea")
_VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()
)
# Comments, processing instructions, CDATA sections and declarations: each runs to its end,
# or to the end of the block when it is never closed
_HTML_OTHER_RE = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<\?.*?(?:\?>|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<![A-Za-z][^>]*+>?",
    re.DOTALL,
)
# A tag as far as it goes: name, then attribute text and quoted values, possessive (no
# backtracking); it is a tag when ``>`` follows
_HTML_TAG_SCAN_RE = re.compile(
    r"</?(?P<name>[A-Za-z][A-Za-z0-9-]*+)(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+"
)
_HTML_OPEN_RE = re.compile(r"<[!?/A-Za-z]")


def _next_html_token(html: str, pos: int) -> tuple[int, int, str | None] | None:
    """(start, end, tag name or None) of the first comment, processing instruction, CDATA
    section, declaration or tag at or after ``pos``.

    A tag that never ends (no ``>``, or a quote never closed) is text as far as it goes,
    and the scan goes on from there, not from the next ``<`` inside it, as an HTML parser
    does: trying again from every ``<`` of ``<a <a <a …`` scanned to the end each time,
    minutes for a post of a few hundred kilobytes.
    """
    size = len(html)
    while True:
        found = _HTML_OPEN_RE.search(html, pos)
        if found is None:
            return None
        start = found.start()
        other = _HTML_OTHER_RE.match(html, start)
        if other is not None:
            return start, other.end(), None
        scan = _HTML_TAG_SCAN_RE.match(html, start)
        if scan is None:
            pos = start + 1
            continue
        end = scan.end()
        if end < size and html[end] == ">":
            return start, end + 1, scan.group("name")
        pos = max(end, start + 1)


class _LineEdges:
    """Where each line of a text starts and ends, and its first and last non-blank
    character, computed once per line: whether a tag stands alone on its line is then a
    lookup, not a scan of the line (a line of 100,000 tags made that quadratic)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self.edges: dict[int, tuple[int, int]] = {}

    def _edges(self, index: int) -> tuple[int, int]:
        """(first non-blank, just past the last non-blank) of line ``index``."""
        found = self.edges.get(index)
        if found is None:
            start = self.breaks[index - 1] + 1 if index else 0
            end = self.breaks[index] if index < len(self.breaks) else len(self.text)
            line = self.text[start:end]
            found = (end - len(line.lstrip()), start + len(line.rstrip()))
            self.edges[index] = found
        return found

    def alone(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` has only blanks before it and after it on its lines."""
        first, _ = self._edges(bisect.bisect_left(self.breaks, start))
        _, last = self._edges(bisect.bisect_left(self.breaks, end))
        return first >= start and last <= end


def _html_text_runs(html: str) -> Iterator[tuple[int, int]]:
    """Spans of text between block-level tags and tags alone on their line (structure: it
    may be what makes the block an HTML block, CommonMark's type 7, and text must not be
    joined onto it), trimmed of whitespace and edge void tags."""
    run_start = 0
    pos = 0
    boundaries: list[tuple[int, int]] = []
    lines = _LineEdges(html)
    while (token := _next_html_token(html, pos)) is not None:
        start, end, tag = token
        pos = end
        name = (tag or "").lower()
        if tag is None or name in _BLOCK_TAGS or lines.alone(start, end):
            skip_to = end
            if name in _RAW_TAGS and html[start + 1] != "/":
                close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(html, end)
                skip_to = close.end() if close else len(html)
                pos = skip_to
            boundaries.append((start, skip_to))
    for start, end in boundaries:
        yield from _trimmed_run(html, run_start, start)
        run_start = end
    yield from _trimmed_run(html, run_start, len(html))


_EDGE_VOID_RE = re.compile(
    r"\s*<(?:" + "|".join(sorted(_VOID_TAGS)) + r")\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.IGNORECASE,
)


def _trimmed_run(html: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    while True:
        match = _EDGE_VOID_RE.match(html, start, end)
        if match is None or match.end() > end:
            break
        start = match.end()
    while start < end and html[start].isspace():
        start += 1
    while end > start:
        if html[end - 1].isspace():
            end -= 1
            continue
        # a void tag at the end of the run
        last_open = html.rfind("<", start, end)
        if html[end - 1] == ">" and last_open >= 0:
            tail = html[last_open:end]
            if _EDGE_VOID_RE.fullmatch(tail):
                end = last_open
                continue
        break
    if start < end:
        yield start, end


_RAW_TEXT_BLOCK_RE = re.compile(r"[ \t]*<(?:!--|(?:script|pre|style|textarea)(?:\s|>|$))", re.IGNORECASE)


def body_units(
    post: Post, definitions: list[tuple[int, int]] | None = None, parsed: list[tuple[list, dict]] | None = None,
    shortcodes: Mapping[str, Sequence[str | int]] = DEFAULT_SHORTCODES, code_shortcodes: Collection[str] = (),
    dialect: Dialect = DEFAULT_DIALECT,
) -> list[Unit]:
    """Units for the headings, paragraphs, definition terms, table cells and HTML text of a
    post's body, read in the site's Markdown ``dialect``.

    ``definitions``, when given, receives the (first, end) 0-based file line ranges of the
    link reference definitions and of the HTML blocks, which hold URLs outside the units
    that merge may rewrite. ``parsed``, when given, receives the block tokens and the env of the parse (the Dutch
    outline of :mod:`pipeline.verify` is made from them, not from a second parse).

    What Goldmark reads as structure stays out of the units, as the list markers do: a
    heading's attribute list (``## Kop {#kop}``), a task list's checkbox (``- [ ] Taak``), a
    definition's ``: `` marker, and a block's attribute line (``{.cls}``) where the dialect
    has them.
    """
    env: dict = {}
    tokens = block_parser(dialect).parse(post.body, env)
    if parsed is not None:
        parsed.append((tokens, env))
    body = _Body(post)
    units: list[Unit] = []
    in_footnote = in_definition = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        # footnote_reference_* while the block rule runs; the footnote_tail core rule turns
        # them into footnote_open/close, which is what parse() returns
        if kind in ("footnote_reference_open", "footnote_open"):
            in_footnote += 1
        elif kind in ("footnote_reference_close", "footnote_close"):
            in_footnote -= 1
        elif kind == "dd_open":
            in_definition += 1
        elif kind == "dd_close":
            in_definition -= 1
        elif kind == "heading_open" and token.map:
            content = tokens[i + 1].content
            level = int(token.tag[1])
            begin, end = token.map
            if token.markup in ("=", "-"):
                unit = body.lines_unit(f"heading {level}", begin, end - 1, content)
            else:
                unit = body.atx_heading(level, begin, content)
            if unit and dialect.heading_attributes:
                unit = _cut_end(unit, heading_attributes(unit.text))
            if unit:
                units.append(unit)
        elif kind == "dt_open" and token.map:
            unit = body.lines_unit("definition term", token.map[0], token.map[0] + 1, tokens[i + 1].content)
            if unit:
                units.append(unit)
        elif kind == "paragraph_open" and token.map:
            label = "footnote" if in_footnote else "definition" if in_definition else "paragraph"
            begin, end = token.map
            content = tokens[i + 1].content
            if dialect.block_attributes and block_attribute_line(body.line(end - 1)):
                end -= 1  # the attribute line is the block's, not text
                content = content.rpartition("\n")[0]
            checkbox = 0
            if dialect.task_list and i and tokens[i - 1].type == "list_item_open":
                checkbox = task_checkbox(content)
                if checkbox >= len(content.split("\n", 1)[0]):
                    checkbox = 0  # the checkbox alone on its line: it stays in the unit
            unit = body.lines_unit(label, begin, end, content) if end > begin else None
            if unit and checkbox:
                unit = _cut_start(unit, checkbox)
            if unit:
                units.append(unit)
        elif kind == "tr_open" and token.map:
            cells = []
            j = i + 1
            while tokens[j].type != "tr_close":
                if tokens[j].type == "inline":
                    cells.append(tokens[j].content)
                j += 1
            if not (dialect.block_attributes and block_attribute_line(body.line(token.map[0]))):
                units.extend(body.table_row(token.map[0], cells))  # (a table's attribute line is no row)
            i = j
        elif kind == "html_block" and token.map:
            units.extend(body.html_block(token.map[0], token.map[1], token.content))
            if definitions is not None and not _RAW_TEXT_BLOCK_RE.match(token.content):
                # its tags' href and src, which merge rewrites (not a <pre>'s or <script>'s)
                definitions.append((post.body_start + token.map[0], post.body_start + token.map[1]))
        elif kind == "definition" and token.map and definitions is not None:
            definitions.append((post.body_start + token.map[0], post.body_start + token.map[1]))
        i += 1
    units = attribute_units(post, tokens, units, definitions, shortcodes, code_shortcodes)
    units.sort(key=lambda unit: unit.start or (0, 0))
    return units


def attribute_units(
    post: Post, tokens: Sequence, units: list[Unit], definitions: list[tuple[int, int]] | None,
    shortcodes: Mapping[str, Sequence[str | int]], code_shortcodes: Collection[str],
) -> list[Unit]:
    """The body's units with those of :mod:`pipeline.attributes` (HTML text attributes,
    shortcode text parameters), less those a shortcode hides (a piece of a call over several
    lines, code-like inner text; the link definitions and HTML blocks there too)."""
    found = body_attributes(post, tokens, shortcodes, code_shortcodes)
    if found.calls or found.literal:
        units = [u for u in units if u.start is None or u.end is None or not found.hides(u.start, u.end)]
        units = [_trimmed(post, u, found) if u.kind in ("paragraph", "footnote") else u for u in units]
        units = [u for u in units if has_text(u.text)]
        if definitions is not None and found.literal:
            definitions[:] = [(a, b) for a, b in definitions if not found.over_literal((a, 0), (b, 0))]
    for value, start, end in found.texts:
        if has_text(value.text):
            units.append(Unit(value.kind, value.text, start[0] + 1, start=start, end=end))
    return units


def _trimmed(post: Post, unit: Unit, found: BodyAttributes) -> Unit:
    assert unit.start is not None and unit.end is not None
    start, end, text = found.trimmed(post.lines, unit.start, unit.end, unit.text)
    if start == unit.start and end == unit.end:
        return unit
    return Unit(unit.kind, text, start[0] + 1, start=start, end=end, prefix=unit.prefix)


def _cut_end(unit: Unit, keep: int | None) -> Unit | None:
    """``unit`` without its text from ``keep`` on (a heading's attributes, at the end of its
    last line), which its kind names (``heading 2 {#kop}``: the translator's comment, and
    where :mod:`pipeline.site` finds the heading's id), None if no text is left; ``unit``
    itself for ``keep`` None."""
    if keep is None:
        return unit
    text = unit.text[:keep]
    if not has_text(text) or unit.end is None:
        return None
    end = (unit.end[0], unit.end[1] - (len(unit.text) - keep))
    kind = f"{unit.kind} {unit.text[keep:].strip()}"
    return Unit(kind, text, unit.line, unit.context, unit.start, end, unit.prefix)


def heading_attributes_of(kind: str) -> str | None:
    """A heading unit's attribute list as its kind names it (``heading 2 {#kop}`` -> ``{#kop}``;
    "" for a heading without one), None for a unit that is no heading."""
    if not kind.startswith("heading "):
        return None
    return kind.split(" ", 2)[2] if kind.count(" ") >= 2 else ""


def _cut_start(unit: Unit, skip: int) -> Unit | None:
    """``unit`` without the first ``skip`` characters of its first line (a task list's
    checkbox), None if no text is left."""
    if unit.start is None:
        return unit
    text = unit.text[skip:]
    if not has_text(text):
        return None
    start = (unit.start[0], unit.start[1] + skip)
    return Unit(unit.kind, text, unit.line, unit.context, start, unit.end, unit.prefix)


#: How deep a line's containers may go before markdown-it-py stops reading them (its
#: ``maxNesting`` counts a list's item as a level, and the block inside as one more)
_DEEP_PREFIX_RE = re.compile(r"[ \t>*+\-0-9.):\[\]^]*")


def nesting_warnings(post: Post, source: str, targets: Sequence[str],
                     dialect: Dialect = DEFAULT_DIALECT) -> list[CatalogWarning]:
    """A warning (code ``nesting-limit``) at each block with text nested too deep to be read
    (:func:`too_deep`): extract says it, check reports it. ``source``, ``targets``: the
    site's languages, as the warning names them."""
    return [
        CatalogWarning(
            post.path, line,
            f"text nested deeper than {MAX_NESTING} levels (block quotes, lists) is beyond what "
            f"the pipeline's Markdown parser reads: it is not extracted, and stays {shown_language(source)} in the "
            f"{shown_languages(targets)} post{'s' if len(targets) > 1 else ''}; nest it less deeply",
            "nesting-limit",
        )
        for line in too_deep(post, dialect)
    ]


def too_deep(post: Post, dialect: Dialect = DEFAULT_DIALECT) -> list[int]:
    """1-based file lines of blocks nested deeper than markdown-it-py reads
    (:data:`pipeline.markdown.MAX_NESTING`) that hold text: no unit is made of them, and
    they stay as written in the German post. Parses only a post with a line whose
    container markers could go that deep."""
    if not any(
        len(prefix) + 3 * prefix.count("\t") >= MAX_NESTING - 2
        for line in post.lines[post.body_start :]
        if (prefix := _DEEP_PREFIX_RE.match(line).group())  # type: ignore[union-attr]
    ):
        return []
    found = []
    body = _Body(post)
    tokens = block_parser(dialect).parse(post.body)
    for token, following in zip(tokens, tokens[1:]):
        # a container whose lines markdown-it-py did not read: closed at once (a paragraph,
        # a heading or a table at the deepest level it reads is read, with its text)
        if token.nesting == 1 and token.level >= MAX_NESTING - 1 and token.map and following.nesting == -1:
            begin, end = token.map
            text = "\n".join(body.line(n) for n in range(begin, end))
            if has_text(text):
                found.append(post.body_start + begin + 1)
    return found


def segment_post(
    post: Post,
    post_id: str,
    keys: Sequence[str],
    list_keys: Sequence[str],
    definitions: list[tuple[int, int]] | None = None,
    parsed: list[tuple[list, dict]] | None = None,
    shortcodes: Mapping[str, Sequence[str | int]] = DEFAULT_SHORTCODES,
    code_shortcodes: Collection[str] = (),
    dialect: Dialect = DEFAULT_DIALECT,
) -> list[Unit]:
    """All units of a post, front matter first, in file order (see :func:`body_units`)."""
    return front_matter_units(post, post_id, keys, list_keys) + body_units(
        post, definitions, parsed, shortcodes, code_shortcodes, dialect)


# ---------------------------------------------------------------------------------------
# A segmentation kept in the cache (so that merge and check need not parse the post again)


def pack_segmentation(
    units: Sequence[Unit], definitions: Sequence[tuple[int, int]], lines: Sequence[str], outline: object = None
) -> bytes:
    """Units, link definition ranges and the body's outline (:meth:`pipeline.verify.Outline.pack`,
    for merge's structure check) as compact bytes (JSON). The text of a unit that is
    just its span of one source line (nearly all of them) is left out: ``lines`` (the post's,
    see :attr:`Post.lines`) give it back, and the cache hands a segmentation only to the
    bytes it was made from."""
    rows = []
    for u in units:
        text: str | None = u.text
        if u.start is not None and u.end is not None and u.start[0] == u.end[0]:
            if lines[u.start[0]][u.start[1] : u.end[1]] == text:
                text = None
        rows.append([u.kind, text, u.line, u.context, u.start, u.end, u.prefix, u.key, u.index, u.path])
    document = {"units": rows, "definitions": [list(d) for d in definitions], "outline": outline}
    return json.dumps(document, separators=(",", ":")).encode()


def unpack_segmentation(
    data: bytes, lines: Sequence[str], outline: list[object] | None = None
) -> tuple[list[Unit], list[tuple[int, int]]] | None:
    """What :func:`pack_segmentation` packed, for the same ``lines``; None if the bytes are
    not such a segmentation. ``outline``, when given, receives the outline as packed (None
    if there is none)."""
    try:
        document = json.loads(data)
        units = []
        for kind, text, line, context, start, end, prefix, key, index, path in document["units"]:
            if text is None:
                text = lines[start[0]][start[1] : end[1]]
            units.append(Unit(kind, text, line, context, tuple(start) if start else None,
                              tuple(end) if end else None, prefix, key, index,
                              tuple(path) if path is not None else None))
        definitions = [(int(a), int(b)) for a, b in document["definitions"]]
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    if outline is not None:
        outline.append(document.get("outline"))
    return units, definitions
