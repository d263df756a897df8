"""Verify a composed German body the way a reader sees it: parsed, and compared with the Dutch.

Escaping known block openers (see :func:`pipeline.render._body_text`) prevents the dangers one
thought of; this module finds the others. Both bodies are parsed with segmentation's
markdown-it-py setup (GFM tables, footnotes), and compared:

* the block structure: the sequence of block tokens with their type, nesting and level,
  heading levels, list kinds and ordered starts, tight or loose lists, table rows and cells
  and their alignment, footnote labels, link reference labels, and code blocks byte for byte;
* the links of each inline run (paragraph, heading, table cell), in order, by kind (link
  syntax, autolink, image, footnote reference, and the bare URLs and e-mail addresses that
  Hugo's Goldmark makes links of: its ``linkify`` extension is on in Hugo) and destination,
  where a German one must be the Dutch one or its rewritten URL.

Only the block pass runs on the whole body (a third of a full parse); an inline run is parsed
only where its German text differs from the Dutch and may hold a link.
"""

from __future__ import annotations

import bisect
import copy
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from markdown_it.common.normalize_url import normalizeLink
from markdown_it.token import Token

from pipeline.checkers import MAX_PARSED_CHARS
from pipeline.config import Dialect
from pipeline.links import LINK_DEST_RE
from pipeline.markdown import (
    DEFAULT_DIALECT,
    block_parser,
    heading_attributes,
    heading_id,
    link_parser,
)


@dataclass(frozen=True)
class Difference:
    """Where the German body first differs from the Dutch, and how."""

    lines: tuple[int, int]
    """0-based, end-exclusive line range of the German body where the difference is."""
    what: str
    """For a reader: ``a setext heading where the source has a paragraph``."""


# Hugo's Goldmark linkify (extension/linkify.go): after a line start, a blank, ``*``, ``_``,
# ``~`` or ``(``, a ``http``/``https``/``ftp`` URL or ``www.`` and a domain, with an optional
# path; or an e-mail address whose domain has a dot. Bounded repetitions (as Goldmark's).
# Goldmark tries linkify wherever an inline parser has just consumed something, which with
# Hugo's typographer on includes a quote (``"``, ``'``) and ``--``, ``...``, ``<<``, ``>>``
# (one character looked behind here, the rest in :func:`linkified`: as fast as one class).
_LINKIFY_RE = re.compile(
    r"(?:(?<=[\s*_~(\"'.<>-])|^)"
    r"(?:(?:(?:https?|ftp)://(?:www\.)?|www\.)[-a-zA-Z0-9@:%._+~#=]{2,256}\.[a-z]+"
    r"(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=();,'\">^{}\[\]`]{0,2000})?"
    r"|[-a-zA-Z0-9.+_]{1,256}@[-a-zA-Z0-9_]{1,256}(?:\.[-a-zA-Z0-9_]{1,256}){1,16})",
    re.MULTILINE,
)
# What an inline run needs for a link or image: a bracket, an autolink or HTML ``<``, a bare
# URL (``://`` or ``www.``, as Goldmark links them) or an e-mail address
_LINKISH_RE = re.compile(r"[\[<@]|www\.|://")
# What an inline run needs for :func:`_links` to find anything at all: the above, or what the
# inline pass turns into one of those characters in text (``&#64;`` and ``\.`` are text,
# ``a&#64;b.example`` a linkified address); a run without any of these has no link, unparsed
_MAYBE_LINK_RE = re.compile(r"[\[<@&\\]|www\.|://")


def linkified(text: str) -> list[str]:
    """The URLs and e-mail addresses Goldmark's linkify makes links of in plain ``text``."""
    found = []
    position = 0
    while (match := _LINKIFY_RE.search(text, position)) is not None:
        start = match.start()
        before = text[max(start - 3, 0) : start]
        if before[-1:] in ("-", "<", ">", ".") and not before.endswith(("--", "<<", ">>", "...")):
            position = start + 1  # no trigger: a link may start further on, inside this match
            continue
        position = match.end()
        url = match.group()
        if url.endswith("."):
            url = url[:-1]
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1]
        found.append(url)
    return found


@dataclass
class Outline:
    """A body's block structure, and its inline runs (line range, text), from the block pass."""

    blocks: list[tuple[object, ...]]
    lines: list[tuple[int, int] | None]
    """Each block token's line range (None where markdown-it-py gives none; empty in an
    outline kept in the cache, see :meth:`pack`)."""
    inlines: list[tuple[tuple[int, int], str]]
    env: dict
    found_links: dict[int, list[tuple[str, str]]] = field(default_factory=dict, compare=False, repr=False)
    """The links of inline runs found so far (:func:`_links`), by the run's index: the Dutch
    outline's are found once, however often a German body is compared with it."""

    def links(self, index: int) -> list[tuple[str, str]]:
        """The links of inline run ``index`` (:func:`run_links`), found once."""
        found = self.found_links.get(index)
        if found is None:
            found = self.found_links[index] = run_links(self.inlines[index][1], self.env)
        return found

    def pack(self, lines: Sequence[str]) -> dict:
        """As compact JSON data, kept with the post's segmentation: merge then parses only the
        German body (the Dutch outline is made from the block parse extract does anyway).
        ``lines``: the body's lines. Each distinct block signature is kept once; an inline
        run on one line (nearly all) as its columns on that line; :attr:`lines` not at all
        (only the German outline's lines name a difference)."""
        kinds: dict[tuple[object, ...], int] = {}
        order = [kinds.setdefault(block, len(kinds)) for block in self.blocks]
        inlines: list[list[object]] = []
        for (first, end), text in self.inlines:
            start = lines[first].find(text) if text and end == first + 1 and first < len(lines) else -1
            inlines.append([first, end, start, start + len(text)] if start >= 0 else [first, end, text])
        return {"kinds": list(kinds), "order": order, "inlines": inlines, "env": self.env}

    @classmethod
    def unpack(cls, data: object, lines: Sequence[str]) -> Outline | None:
        """What :meth:`pack` packed for the same body ``lines`` (tuples again; no
        :attr:`lines`); None if ``data`` is no such outline."""
        if not isinstance(data, dict):
            return None
        try:
            kinds = [tuple(kind) for kind in data["kinds"]]
            inlines = [
                ((int(run[0]), int(run[1])), lines[run[0]][run[2] : run[3]] if len(run) == 4 else str(run[2]))
                for run in data["inlines"]
            ]
            return cls([kinds[i] for i in data["order"]], [], inlines, dict(data["env"]))
        except (ValueError, TypeError, KeyError, IndexError):
            return None


_KIND_NAMES = {
    "paragraph_open": "a paragraph",
    "heading_open": "a heading",
    "bullet_list_open": "a bullet list",
    "ordered_list_open": "an ordered list",
    "list_item_open": "a list item",
    "blockquote_open": "a block quote",
    "table_open": "a table",
    "tr_open": "a table row",
    "td_open": "a table cell",
    "th_open": "a table header cell",
    "fence": "a code block",
    "code_block": "an indented code block",
    "html_block": "an HTML block",
    "hr": "a thematic break",
    "definition": "a link reference definition",
    "inline": "text",
    "footnote_reference_open": "a footnote",
    "dl_open": "a definition list",
    "dt_open": "a definition term",
    "dd_open": "a definition",
}


def _signature(token: Token) -> tuple[object, ...]:
    kind = token.type
    if kind == "heading_open":
        return kind, token.level, token.tag, "setext" if token.markup in ("=", "-") else "atx"
    if kind == "ordered_list_open":
        return kind, token.level, token.attrGet("start") or 1
    if kind in ("fence", "code_block"):
        return kind, token.level, token.info, token.content
    if kind in ("th_open", "td_open"):
        return kind, token.level, token.attrGet("style")
    if kind == "definition":
        return kind, token.level, token.meta.get("id")
    if kind == "footnote_reference_open":
        return kind, token.level, token.meta.get("label")
    if kind == "paragraph_open":
        return kind, token.level, token.hidden
    if kind == "inline":  # a table cell emptied (a backslash before its pipe) is no cell
        return kind, token.level, bool(token.content.strip())
    return kind, token.level


def outline(body: str, dialect: Dialect = DEFAULT_DIALECT) -> Outline:
    """The block pass over a body, as segmentation parses it."""
    env: dict = {}
    return outline_of(block_parser(dialect).parse(body, env), env, dialect)


def outline_of(tokens: list[Token], env: dict, dialect: Dialect = DEFAULT_DIALECT) -> Outline:
    """The outline of a body from its block pass (:func:`pipeline.markdown.block_parser`).
    A heading's signature has the id its attributes give it (``## Kop {#kop}``), where the
    dialect reads them: Hugo makes it the heading's anchor."""
    blocks: list[tuple[object, ...]] = []
    lines: list[tuple[int, int] | None] = []
    inlines: list[tuple[tuple[int, int], str]] = []
    last: tuple[int, int] | None = None
    for i, token in enumerate(tokens):
        if token.map:
            last = (token.map[0], token.map[1])
        if token.type == "inline":
            inlines.append((last or (0, 0), token.content))
        signature = _signature(token)
        if token.type == "heading_open" and dialect.heading_attributes and i + 1 < len(tokens):
            content = tokens[i + 1].content
            start = heading_attributes(content)
            if start is not None and (given := heading_id(content[start:])) is not None:
                signature = (*signature, given)
        blocks.append(signature)
        lines.append(last)
    return Outline(blocks, lines, inlines, env)


def _describe(signature: tuple[object, ...] | None) -> str:
    if signature is None:
        return "nothing"
    kind = str(signature[0])
    if kind == "heading_open":
        given = f" with the id {signature[4]}" if len(signature) > 4 else ""
        return f"a{' setext' if signature[3] == 'setext' else 'n ATX'} heading {str(signature[2])[1]}{given}"
    if kind == "inline":
        return "text" if signature[2] else "an empty cell or heading"
    if kind.endswith("_close"):
        return "the end of " + _KIND_NAMES.get(kind.replace("_close", "_open"), kind)
    return _KIND_NAMES.get(kind, kind.replace("_", " "))


def _links_plain(content: str) -> list[tuple[str, str]]:
    """What :func:`_links` finds, near enough, by regular expressions in linear time (for
    runs too long for markdown-it-py's inline pass, as check does): inline destinations and
    bare URLs, in order; images counted as links."""
    found = [("link", m.group(2).strip("<>")) for m in LINK_DEST_RE.finditer(content)]
    return found + [("bare URL", url) for url in linkified(content)]


def _links(content: str, env: dict) -> list[tuple[str, str]]:
    """(kind, destination) of each link, image, footnote reference and linkified URL in an
    inline run, in order, as markdown-it-py's inline pass reads it (with the body's
    reference definitions and footnotes)."""
    md = link_parser()
    children: list[Token] = []
    md.inline.parse(content, md, env, children)
    found: list[tuple[str, str]] = []
    depth = 0  # inside a link's text, Goldmark links no URL
    text: list[str] = []

    def flush() -> None:
        if text:
            found.extend(("bare URL", url) for url in linkified("".join(text)))
            text.clear()

    for child in children:
        kind = child.type
        if kind in ("text", "text_special") and not depth:
            text.append(child.content)
            continue
        if kind == "softbreak" and not depth:
            text.append("\n")
            continue
        flush()
        if kind == "link_open":
            depth += 1
            # ``<https://…>`` and ``[text](https://…)`` read differently: kept apart
            link_kind = "autolink" if child.markup == "autolink" else "link"
            found.append((link_kind, str(child.attrGet("href") or "")))
        elif kind == "link_close":
            depth -= 1
        elif kind == "image":
            found.append(("image", str(child.attrGet("src") or "")))
        elif kind == "footnote_ref":
            found.append(("footnote", str(child.meta.get("label"))))
    flush()
    return found


def run_links(content: str, env: dict) -> list[tuple[str, str]]:
    """:func:`_links`, without the inline pass where the run cannot hold a link, or holds only
    links of the simplest form (:func:`_simple_links`)."""
    if not _MAYBE_LINK_RE.search(content):
        return []
    found = _simple_links(content)
    return found if found is not None else _links(content, env)


# An inline link or image of the simplest form: a label of text without brackets, code,
# HTML, entities, escapes, footnote marks or line breaks; a destination without blanks,
# parentheses, brackets, angle brackets, escapes, entities or backticks, and no title
_SIMPLE_LINK_RE = re.compile(r"(!?)\[([^\[\]\n<>&\\`^]*)\]\(([^\s()<>\[\]\\&`]+)\)")
# The text between such links: nothing an inline rule other than text and line breaks reads
# (no bracket, ``<``, ``&``, backslash, backtick, ``^``, ``!``), nothing Goldmark linkifies
# (no ``@`` after what an e-mail address's name may end with: ``@name`` stays text). Unrolled
# (runs of the plain characters, each ``@`` between them): one character class run in C, a
# tenth of the time of an alternation tried at every character; tests/test_verify_spliced.py
# holds it to the alternation ``(?:[^…@!]|(?<![-a-zA-Z0-9.+_])@)*``
_SIMPLE_TEXT_RE = re.compile(r"[^\[\]<>&\\`^@!]*(?:(?<![-a-zA-Z0-9.+_])@[^\[\]<>&\\`^@!]*)*")


def _simple_links(content: str) -> list[tuple[str, str]] | None:
    """What :func:`_links` finds in a run made of plain text and links of the simplest form
    (``[text](url)``, ``![alt](src)``), without the inline pass; None for any other run.
    Exact: in such a run the inline pass makes a link (or an image) of each, its destination
    as written (the link parser normalizes none), where markdown-it-py's validateLink lets
    it; the text between links holds nothing linkify reads (``://``, ``www.``, ``@``)."""
    found: list[tuple[str, str]] = []
    position = 0
    validate = link_parser().validateLink
    for match in _SIMPLE_LINK_RE.finditer(content):
        between = content[position : match.start()]
        if _SIMPLE_TEXT_RE.fullmatch(between) is None or "://" in between or "www." in between:
            return None
        if not validate(match.group(3)):
            return None
        found.append(("image" if match.group(1) else "link", match.group(3)))
        position = match.end()
    rest = content[position:]
    if _SIMPLE_TEXT_RE.fullmatch(rest) is None or "://" in rest or "www." in rest:
        return None
    return found


def _match_links(
    dutch: Sequence[tuple[str, str]], german: Sequence[tuple[str, str]], map_url: Callable[[str], str]
) -> str | None:
    """Why the German links are not the Dutch ones (each the same or its rewritten URL)."""
    mapped: dict[str, str] = {}

    def same(dest: str, href: str) -> bool:
        if dest == href:  # mostly: no rewriting
            return True
        if href not in mapped:
            mapped[href] = map_url(href)
        # a reference definition's destination comes percent-encoded from the block parser
        # (a German anchor with umlauts: ``#%C3%BCber-uns``), merge's rewrite as written
        return dest == mapped[href] or dest == normalizeLink(mapped[href])

    left = list(dutch)
    for kind, dest in german:
        for i, (dutch_kind, dutch_dest) in enumerate(left):
            if dutch_kind == kind and same(dest, dutch_dest):
                del left[i]
                break
        else:
            other = next((k for k, d in left if d == dest), None)
            if other is not None:
                return f"{_article(kind)} to {dest} where the source has {_article(other)}"
            return f"a new {_kind_name(kind)}" + (f" to {dest}" if dest else "")
    if left:
        kind, dest = left[0]
        return f"the {_kind_name(kind)}" + (f" to {dest}" if dest else "") + " is lost"
    return None


def _article(kind: str) -> str:
    name = _kind_name(kind)
    return ("an " if name[0] in "aeiou" else "a ") + name


def _kind_name(kind: str) -> str:
    return {"footnote": "footnote reference"}.get(kind, kind)


def compare(dutch: Outline, german: Outline, map_url: Callable[[str], str]) -> Difference | None:
    """The first difference of the German body from the Dutch, or None."""
    for i, (ours, theirs) in enumerate(zip(dutch.blocks, german.blocks if german.blocks is not dutch.blocks else ())):
        if ours != theirs:
            return Difference(_lines_at(german, i), f"{_describe(theirs)} where the source has {_describe(ours)}")
    if len(dutch.blocks) != len(german.blocks):
        i = min(len(dutch.blocks), len(german.blocks))
        ours = dutch.blocks[i] if i < len(dutch.blocks) else None
        theirs = german.blocks[i] if i < len(german.blocks) else None
        return Difference(_lines_at(german, i), f"{_describe(theirs)} where the source has {_describe(ours)}")
    # the same blocks: the reference definitions are the same labels; each inline run
    # pairs with its Dutch one (the blocks are the Dutch ones, not compared, in an outline
    # of :func:`spliced_outline`)
    for index, ((_, ours), (lines, theirs)) in enumerate(zip(dutch.inlines, german.inlines)):
        if ours == theirs or not (_LINKISH_RE.search(ours) or _LINKISH_RE.search(theirs)):
            continue
        if max(len(ours), len(theirs)) > MAX_PARSED_CHARS:  # both sides read alike
            found = _links_plain(ours), _links_plain(theirs)
        else:
            found = dutch.links(index), run_links(theirs, german.env)
        why = _match_links(*found, map_url)
        if why is not None:
            return Difference(lines, why)
    return None


def _lines_at(found: Outline, index: int) -> tuple[int, int]:
    for i in range(min(index, len(found.lines) - 1), -1, -1):
        lines = found.lines[i]
        if lines is not None:
            return lines
    return (0, 0)


# ---------------------------------------------------------------------------------------
# The German outline without parsing the German body, where the edits provably keep every
# block as it is


#: What may stand on a line before a unit's text that :func:`spliced_outline` takes: container
#: markers (block quotes, list items, a definition's ``:``, a footnote's label, a task's
#: checkbox) and an ATX heading's hashes, with their blanks
_PLAIN_PREFIX_RE = re.compile(
    r"(?:[ \t>]|(?:[-+*:]|\d{1,9}[.)]|#{1,6})(?=[ \t])|\[\^[^\]\s]+\]:|\[[ \txX]\])*"
)
# The start of a text that could open or end a block wherever it stands: a blank, a block
# quote, an HTML block, a definition list's description, a table's pipe, a fence, an ATX
# heading, a list item (``[`` is :func:`_opens_no_definition`'s, a quote or parenthesis
# :func:`spliced_outline`'s: a reference definition's title may stand on the next line)
_BLOCK_START_RE = re.compile(r"[\s>\[<:|\"'(]|`{3}|~{3}|#+(?:[ \t]|$)|[-+*~](?:[ \t]|$)|\d+[.)]")


# A letter or digit (or a combining mark): no marker a line of markers alone is made of
_WORD_CHAR_RE = re.compile(r"[^\W_]")


def _opens_no_definition(text: str) -> bool:
    """Whether a line starting with ``text`` (that starts with ``[``) is read by the reference
    and footnote definition rules up to where they give up, within ``text``: the label's
    ``]`` is not followed by ``:`` (markdown-it-py's reference rule, mdit-py-plugins' footnote
    definition rule, step by step)."""
    position = 1
    while position < len(text):
        if text[position] == "[":
            break  # no reference
        if text[position] == "]":
            if position + 1 >= len(text) or text[position + 1] == ":":
                return False
            break
        position += 2 if text[position] == "\\" else 1
    else:
        return False
    if text.startswith("[^"):
        for position in range(2, len(text)):
            if text[position] == " ":
                return True
            if text[position] == "]":
                return position == 2 or (position + 1 < len(text) and text[position + 1] != ":")
        return False
    return True


def _plain_line(text: str, heading: bool, quote_ok: bool) -> bool:
    """Whether a line of a unit's text (its container prefix aside) is prose that no block rule
    of the dialect can tell from other prose: it starts with nothing a block rule looks at
    (``quote_ok``: a quote or a parenthesis either), has a letter or digit (no line of markers
    alone: a thematic break, a setext underline, a table's delimiter row, a closing fence), no
    ``|`` (table cells), and in a heading no brace (its attribute list); it does not end in
    a blank, a backslash (it would escape what follows: a cell's ``|``, an attribute list's
    ``{``) or a ``#`` (an ATX closing sequence)."""
    if not text or text[-1] in "\\#" or text[-1].isspace() or "|" in text:
        return False
    if _BLOCK_START_RE.match(text) and not (
        (text[0] == "[" and _opens_no_definition(text)) or (quote_ok and text[0] in "\"'(")
    ):
        return False
    return not (heading and ("{" in text or "}" in text)) and _WORD_CHAR_RE.search(text) is not None


def _plain_value(dutch: str, german: str, before: str) -> bool:
    """Whether an attribute value's edit (a tag's or a shortcode call's, quoted) keeps every
    block: both quoted alike, on one line after the tag's start (a letter on the line before
    it), nothing in them that ends an HTML block or splits a table cell."""
    if len(dutch) < 2 or len(german) < 2 or dutch[0] not in "\"'" or _WORD_CHAR_RE.search(before) is None:
        return False
    quote = dutch[0]
    return all(
        value[0] == value[-1] == quote and quote not in value[1:-1]
        and not any(ch in value for ch in "\n<>|`")
        for value in (dutch, german)
    )


def _html_text_kept(
    lines: Sequence[str], prefix: str, start: tuple[int, int], end: tuple[int, int], text: str,
    open_html: Sequence[tuple[int, int]], owners: dict[int, list[int]],
) -> bool:
    """Whether an edit of an HTML block's text keeps the block: the block is one that only a
    blank line ends, the edit's lines are within it, and every line that starts in it (after
    the prefix every later line repeats) starts with neither a blank nor a tab on both sides
    (the containers read the same indentation) and is no blank line."""
    (first, start_column), (last, end_column) = start, end
    if last < first or any(line in owners for line in range(first, last + 1)):
        return False
    if not any(block_first <= first and last < block_end for block_first, block_end in open_html):
        return False
    german = text.split("\n")
    dutch = [lines[first][start_column:]] + [lines[i] for i in range(first + 1, last + 1)]
    dutch[-1] = dutch[-1][:end_column] if first < last else lines[first][start_column:end_column]
    for i, line in enumerate(german[1:] + dutch[1:]):
        if not line.startswith(prefix):
            return False
    starts = [line[len(prefix) :] for line in german[1:] + dutch[1:]]
    if not lines[first][:start_column].strip(" \t"):
        starts += [german[0], dutch[0]]
    elif not german[0].strip(" \t"):
        return False
    return all(line and line[0] not in " \t" for line in starts)


#: Unit kinds :func:`spliced_outline` takes: prose in paragraphs (also in footnotes and
#: definitions), headings and definition terms (not table cells, not HTML blocks' text), and
#: the attribute values of tags and shortcode calls (``<img> alt``, ``{{< figure >}} caption``)
_SPLICED_KINDS = ("paragraph", "footnote", "definition", "definition term")


def spliced_outline(
    dutch: Outline, lines: Sequence[str], edits: Sequence[tuple[str, str, tuple[int, int], tuple[int, int], str]],
    definition_ends: Collection[int] = (), open_html: Sequence[tuple[int, int]] = (),
) -> Outline | None:
    """The outline of the Dutch body ``lines`` after ``edits``, without parsing it, when the
    edits provably change no block: None when that is not proven (then parse it).

    ``edits``: (unit kind, unit prefix, start, end, text) of each unit edit, in body lines,
    sorted; the body has no other edit (a definition's rewritten URL changes ``env``).
    ``definition_ends``: the body lines that follow a link reference definition (or an HTML
    block): where a quote would start a definition's title. ``open_html``: the (first, end)
    body lines of the HTML blocks that only a blank line ends (CommonMark's types 6 and 7).

    The proof: each edit replaces a unit's lines, after a prefix of container markers
    (:data:`_PLAIN_PREFIX_RE`) that every later line repeats, by lines of the same prefix, and
    every line of the Dutch text and of the German is plain prose (:func:`_plain_line`). The
    block rules read a line's indentation and containers (the same), what its text starts
    with (prose, on both sides: no rule starts there, no rule reads on), whether it is blank
    or markers alone (neither, on both sides), its pipes (none in the texts; those outside
    them escaped alike), and a heading's closing hashes and braces (outside the texts, alike).
    An attribute value is replaced within its line (:func:`_plain_value`); the text of an HTML
    block that only a blank line ends by lines that are not blank, as indented. So the German
    blocks are the Dutch ones, line ranges shifted by the lines the edits add; an edited
    inline run is its line as the parser strips it (the Dutch run must be exactly that of the
    Dutch line: it proves the parser strips nothing else of those lines), and the env is the
    Dutch one (the definitions' lines are not edited). A text with a carriage return (a line
    break to the parser) or a NUL (U+FFFD to it) is not taken (merge's texts have neither).
    """
    owners: dict[int, list[int]] = {}
    for index, ((first, end), _) in enumerate(dutch.inlines):
        for line in range(first, max(end, first + 1)):
            owners.setdefault(line, []).append(index)
    contents: dict[int, str] = {}
    values: dict[int, list[tuple[int, int, str]]] = {}  # attribute edits by line
    shifts: list[tuple[int, int]] = []  # (last Dutch line of an edit, lines it adds)
    inside: set[int] = set()  # Dutch line boundaries strictly inside an edit's lines
    for kind, prefix, (first, start), (last, end), text in edits:
        if "\r" in text or "\0" in text:
            return None  # a line break to the parser, unseen by the line splits here; U+FFFD to it
        if kind.startswith(("<", "{{")):
            if first != last or not _plain_value(lines[first][start:end], text, lines[first][:start]):
                return None
            values.setdefault(first, []).append((start, end, text))
            continue
        if kind == "html block":
            if not _html_text_kept(lines, prefix, (first, start), (last, end), text, open_html, owners):
                return None
            shifts.append((last, text.count("\n") - (last - first)))
            inside.update(range(first + 1, last + 1))
            continue
        heading = kind.startswith("heading ")
        if not (heading or kind in _SPLICED_KINDS) or last < first:
            return None
        runs = owners.get(first, ())
        if len(runs) != 1 or runs[0] in contents:
            return None
        run = runs[0]
        (run_first, run_end), dutch_content = dutch.inlines[run]
        if not run_first <= first <= last < max(run_end, run_first + 1):
            return None
        before = lines[first][:start]
        if _PLAIN_PREFIX_RE.fullmatch(before) is None:
            return None
        if first == last:
            dutch_lines = [lines[first][start:end]]
        else:
            dutch_lines = [lines[first][start:]]
            for line in lines[first + 1 : last + 1]:
                if not line.startswith(prefix):
                    return None
                dutch_lines.append(line[len(prefix) :])
            if end < len(prefix):
                return None
            dutch_lines[-1] = lines[last][len(prefix) : end]
        after = lines[last][end:]
        german_lines = text.split("\n")
        for i in range(1, len(german_lines)):
            if not german_lines[i].startswith(prefix):
                return None
            german_lines[i] = german_lines[i][len(prefix) :]
        if (heading or kind == "definition term") and len(german_lines) > 1:
            return None  # an ATX heading is one line; each line before a definition a term
        if kind == "definition term" and first != last:
            return None
        quote_ok = first not in definition_ends
        if not all(
            _plain_line(line, heading, quote_ok or i > 0)
            for texts in (dutch_lines, german_lines) for i, line in enumerate(texts)
        ):
            return None
        if dutch_content != ("\n".join(dutch_lines) + after).strip():
            return None
        contents[run] = ("\n".join(german_lines) + after).strip()
        shifts.append((last, len(german_lines) - len(dutch_lines)))
        inside.update(range(first + 1, last + 1))
    for line, replaced in values.items():
        runs = owners.get(line, ())
        if not runs:
            continue  # an HTML block's line (no inline run)
        if len(runs) != 1 or runs[0] in contents:
            return None
        (run_first, run_end), dutch_content = dutch.inlines[runs[0]]
        source = lines[line]
        column = len(source.rstrip()) - len(dutch_content)
        if run_first != line or run_end > line + 1 or source[column : column + len(dutch_content)] != dutch_content:
            return None
        pieces, position = [], column
        for start, end, text in sorted(replaced):
            if start < position:
                return None
            pieces += [source[position:start], text]
            position = end
        contents[runs[0]] = ("".join(pieces) + source[position:]).strip()
    if inside:
        for (first, end), _ in dutch.inlines:
            if first in inside or end in inside:
                return None
    shifts.sort()
    ends = [last for last, _ in shifts]
    added = [0]
    for _, lines_added in shifts:
        added.append(added[-1] + lines_added)

    def moved(line: int) -> int:  # a Dutch line boundary in the German body
        return line + added[bisect.bisect_left(ends, line)]

    inlines = [
        ((moved(first), moved(end)), contents.get(index, content))
        for index, ((first, end), content) in enumerate(dutch.inlines)
    ]
    return Outline(dutch.blocks, [], inlines, copy.deepcopy(dutch.env))
