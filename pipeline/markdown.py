"""The Markdown the pipeline reads: every markdown-it-py parser it uses, configured here.

The dialect is the site's (:class:`pipeline.config.Dialect`, from its ``markup.goldmark``
settings, Hugo 0.111's defaults without them): CommonMark with raw HTML, and the Goldmark
extensions the site has on: GFM tables and strikethrough, footnotes and definition lists
(mdit-py-plugins), as Hugo's Goldmark reads a post, near enough (the differences are listed
in the README). What markdown-it-py has no rule for is read here too: a heading's attributes
(:func:`heading_attributes`), a task list's checkbox (:func:`task_checkbox`), a block's
attribute line (:func:`block_attribute_line`). Each parser below is the dialect, or a part of
it that is faster for one purpose and finds the same things for that purpose; each is made
once per dialect.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from pipeline.config import Dialect

#: The dialect of a site without ``markup.goldmark`` settings (Hugo 0.111's defaults)
DEFAULT_DIALECT = Dialect()

#: markdown-it-py's nesting limit (``maxNesting``): blocks deeper than this are not parsed
#: (their lines are no block of the outline, and no unit)
MAX_NESTING = 20


def _goldmark_deflist(parser: MarkdownIt) -> None:
    """mdit-py-plugins' definition lists as Goldmark reads them: a description starts with
    ``:`` only (the plugin also takes Pandoc's ``~``, which Goldmark leaves text), and each
    line of the paragraph before it is a term (the plugin takes the last line alone, and
    leaves the paragraph's other lines a paragraph with the ``:`` line in it)."""
    parser.use(deflist_plugin)
    rule = next(r for r in parser.block.ruler.__rules__ if r.name == "deflist")
    plugin = rule.fn

    def marker_line(state: StateBlock, line: int) -> bool:
        start = state.bMarks[line] + state.tShift[line]
        return state.src[start : start + 1] == ":"

    def last_term(state: StateBlock, start: int, end: int) -> int | None:
        """The paragraph line a description follows (``start`` or a later line of its
        paragraph), None if none does."""
        terminators = state.md.block.ruler.getRules("paragraph")
        line = start
        while True:
            following = line + 1
            if following < end and state.isEmpty(following):
                following += 1
            if following < end and marker_line(state, following) and state.sCount[following] >= state.blkIndent:
                return line
            line += 1
            if line >= end or state.isEmpty(line):
                return None
            if 0 <= state.sCount[line] <= state.blkIndent + 3 and any(
                terminate(state, line, end, True) for terminate in terminators
            ):
                return None

    def deflist(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if silent:
            return marker_line(state, start) and bool(plugin(state, start, end, silent))
        last = last_term(state, start, end)
        if last is None:
            return False
        first_token = len(state.tokens)
        if not plugin(state, last, end, silent):
            return False
        opening = state.tokens[first_token]
        opening.map = [start, opening.map[1]] if opening.map else opening.map
        terms = []
        for line in range(start, last):
            term = Token("dt_open", "dt", 1, map=[line, line], level=opening.level + 1, block=True)
            inline = Token("inline", "", 0, map=[line, line], level=opening.level + 2, block=True,
                           content=state.getLines(line, line + 1, state.blkIndent, False).strip(), children=[])
            terms += [term, inline, Token("dt_close", "dt", -1, level=opening.level + 1, block=True)]
        state.tokens[first_token + 1 : first_token + 1] = terms
        _end_at_block(state, first_token, end)
        return True

    def _end_at_block(state: StateBlock, first_token: int, end: int) -> None:
        """The list ended before a later term that opens another block in Goldmark (a list
        item, a heading …, over a ``:`` line): the plugin takes any line for a term there."""
        terminators = state.md.block.ruler.getRules("paragraph")
        for index in range(first_token + 1, len(state.tokens)):
            token = state.tokens[index]
            if token.type != "dt_open" or token.level != state.tokens[first_token].level + 1 or not token.map:
                continue
            line = token.map[0]
            if index == first_token + 1 or state.tokens[index - 1].type == "dt_close":
                continue  # the first group, or a term of a group (checked by last_term)
            if 0 <= state.sCount[line] - state.blkIndent <= 3 and any(
                terminate(state, line, end, True) for terminate in terminators
            ):
                del state.tokens[index:]
                state.level += 1  # the plugin's dl_close, dropped, had closed it
                state.push("dl_close", "dl", -1)
                if state.tokens[first_token].map:
                    state.tokens[first_token].map[1] = line
                state.line = line
                return

    rule.fn = deflist
    parser.block.ruler.__cache__ = None


# Goldmark's setext underline of dashes (parser/setext_headings.go), after its indentation
_SETEXT_DASHES_RE = re.compile(r"-+[ \t]*$")


def _goldmark_table(parser: MarkdownIt) -> None:
    """GFM tables as Goldmark reads them: Goldmark makes a table of a paragraph when it
    closes, so a line of dashes alone under a one-column header (``| x`` over ``---``) has
    made that paragraph a setext heading before (markdown-it-py makes a table of it)."""
    rule = next(r for r in parser.block.ruler.__rules__ if r.name == "table")
    plugin = rule.fn

    def table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        following = start + 1
        if following < end:
            line = state.src[state.bMarks[following] + state.tShift[following] : state.eMarks[following]]
            if _SETEXT_DASHES_RE.match(line) and state.sCount[following] - state.blkIndent < 4:
                return False
        return bool(plugin(state, start, end, silent))

    rule.fn = table
    parser.block.ruler.__cache__ = None


def _extended(parser: MarkdownIt, dialect: Dialect, block_only: bool) -> MarkdownIt:
    """``parser`` (CommonMark with raw HTML) with the dialect's block and inline extensions."""
    parser.options["maxNesting"] = MAX_NESTING
    if dialect.table:
        parser.enable("table")
        _goldmark_table(parser)
    if dialect.strikethrough:
        parser.enable("strikethrough")
    if dialect.footnote:
        parser.use(footnote_plugin)
        if block_only:
            # footnote_tail moves footnote blocks to the end and drops those never referenced
            # (which it can only know from the inline pass): keep them where they stand instead
            parser.disable("footnote_tail")
    if dialect.definition_list:
        _goldmark_deflist(parser)
    return parser


@lru_cache(maxsize=8)
def markdown_parser(dialect: Dialect = DEFAULT_DIALECT) -> MarkdownIt:
    """The dialect: CommonMark with raw HTML and the site's extensions."""
    return _extended(MarkdownIt("commonmark", {"html": True}), dialect, False)


@lru_cache(maxsize=8)
def block_parser(dialect: Dialect = DEFAULT_DIALECT) -> MarkdownIt:
    """The same parser, block level only: units are cut from the source, so the inline
    pass (about half of markdown-it-py's time) would be wasted work."""
    # inline_definitions: a "definition" token (with its lines) for each link reference
    # definition, which markdown-it-py otherwise keeps only in env
    parser = _extended(MarkdownIt("commonmark", {"html": True, "inline_definitions": True}), dialect, True)
    return parser.disable("inline")


@lru_cache(maxsize=8)
def inline_parser(dialect: Dialect = DEFAULT_DIALECT) -> MarkdownIt:
    """The inline rules of the dialect (raw HTML, strikethrough), without the footnote plugin:
    a translation's links, code, emphasis and tags, as the translation checks compare them."""
    parser = MarkdownIt("commonmark", {"html": True})
    return parser.enable("strikethrough") if dialect.strikethrough else parser


@lru_cache(maxsize=8)
def link_parser(dialect: Dialect = DEFAULT_DIALECT) -> MarkdownIt:
    """The inline rules (CommonMark, raw HTML, footnotes) but emphasis and strikethrough,
    which never decide a link (brackets take precedence, CommonMark 6.3): the same links,
    found in less time."""
    parser = MarkdownIt("commonmark", {"html": True})
    if dialect.footnote:
        parser.use(footnote_plugin)
    parser.disable(["emphasis"])
    # destinations as written (unescaped), as merge rewrites them: percent-encoding each one
    # cost more than the rest of the comparison
    parser.normalizeLink = lambda url: url  # type: ignore[method-assign]
    return parser


# ---------------------------------------------------------------------------------------
# What Goldmark reads and markdown-it-py has no rule for

# Goldmark's attribute list (parser/attribute.go): ``#id``, ``.class``, ``name=value`` (a
# value quoted, or a word), separated by blanks, in braces; nothing but blanks after it
_ATTRIBUTE = r"(?:[#.][^\s{}#.=\"'<>`]+|[A-Za-z_:][-A-Za-z0-9_.:]*[ \t]*=[ \t]*(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s{}\"'=<>`]+))"
_ATTRIBUTES_RE = re.compile(r"\{[ \t]*(?:" + _ATTRIBUTE + r"(?:[ \t,]+" + _ATTRIBUTE + r")*)?[ \t]*\}[ \t]*$")
_ID_RE = re.compile(r"#([^\s{}#.=\"'<>`]+)")


def heading_attributes(text: str) -> int | None:
    """Where a heading's trailing attribute list (``Kop {#kop .cls}``) starts in its text,
    the blanks before it included (Goldmark's ``parser.attribute.title``): the first ``{``,
    not escaped, that opens attributes running to the end of the text; None if there is
    none."""
    position = text.find("{")
    while position >= 0:
        if _ATTRIBUTES_RE.match(text, position) and not _escaped(text, position):
            start = position
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            return start
        position = text.find("{", position + 1)
    return None


def heading_id(attributes: str) -> str | None:
    """The id an attribute list gives (the last ``#id``), if any."""
    found = _ID_RE.findall(attributes)
    return found[-1] if found else None


def block_attribute_line(line: str) -> bool:
    """Whether a line is a block's attribute list alone (``{.cls}``, Goldmark's
    ``parser.attribute.block``, as Hugo reads it after a paragraph, a list, a table …)."""
    stripped = line.lstrip(" ")
    return len(line) - len(stripped) < 4 and stripped.startswith("{") and _ATTRIBUTES_RE.match(stripped) is not None


# Goldmark's task list checkbox (extension/tasklist.go): ``[``, a blank or ``x``/``X``, ``]``,
# and the blanks after it, at the start of a list item's first paragraph
_CHECKBOX_RE = re.compile(r"\[[ \t\n\f\rxX]\][ \t]*")


def task_checkbox(text: str) -> int:
    """How many characters of a list item's first paragraph ``text`` are its task checkbox
    (``[ ] ``, ``[x] ``: Goldmark's ``taskList``), 0 if it starts with none."""
    found = _CHECKBOX_RE.match(text)
    return found.end() if found else 0


def _escaped(text: str, position: int) -> bool:
    backslashes = 0
    while position - backslashes > 0 and text[position - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1
