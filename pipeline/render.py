"""A German post rendered from a :class:`pipeline.translated.TranslatedPost`: the Dutch post
with each translated unit's span replaced by its msgstr (container prefixes put back); every
other byte stays. The front matter is edited through :mod:`pipeline.frontedit`: translated
values, ``lang``, ``slug``, ``translationKey``, every date key in a form Hugo reads, no page
address keys (``url``, ``aliases``), and a record of what the post was generated from
(:mod:`pipeline.record`).

A post is not rendered when a translation fails check's entry checks with an error or changes
the page's structure (:mod:`pipeline.verify`): :class:`TranslationsRefused`. Merge writes what
this module renders; check reports the refusals.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.attributes import AttributeTexts, is_attribute_kind, outside_calls
from pipeline.checkers import Schema, check_translation
from pipeline.config import Config
from pipeline.dates import date_replacements, post_date_keys, read_post_date, written_date
from pipeline.edits import Edit, apply_edits
from pipeline.errors import PipelineError
from pipeline.languages import shown_language
from pipeline.frontedit import (
    DELETE, RECORD_KEY, block_indent, flow_mapping, front_matter_edits, prove, record_inserted,
    same_value, with_leaves,
)
from pipeline.hugo import alias_path, is_served_path, redirect_place, served_path
from pipeline.links import HTML_URL_RE, REF_DEF_RE, code_span_ranges, effective_slug, rewrite_links, translation_key
from pipeline.links import may_link
from pipeline.post import NEWLINE_RE, _CLOSE_RE, Post, load_post, spellings, split_lines
from pipeline.record import text_sha256
from pipeline.markdown import block_parser, heading_attributes
from pipeline.segment import Unit, html_block_opener, top_level_setting
from pipeline.linkmap import LinkMap
from pipeline.site import Site, aliases_of, url_matter
from pipeline.translated import TranslatedPost, checked_translations
from pipeline.verify import Outline, compare, outline, spliced_outline
from pipeline.yamlout import double_quoted, scalar


# --------------------------------------------------------------------------------------
# Span replacement


# The start of a line that would open a block of its own where a paragraph's line stands:
# an ordered or bullet list item, an ATX heading, a block quote, a code fence, a thematic
# break or setext underline, a link reference or footnote definition, and what Hugo's Goldmark
# reads where markdown-it-py does not: a definition list's description (``: …``) and a table's
# delimiter row whatever its number of cells (``|---|`` under any line makes it a table)
_ORDERED_START_RE = re.compile(r"\d{1,9}(?=[.)](?:[ \t]|$))")
_BLOCK_START_RE = re.compile(
    r"[-+*](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|>|`{3,}[^`]*$|~{3,}|=+[ \t]*$|-+[ \t]*$|(?:[-*_][ \t]*){3,}$"
    r"|\[[^\]]+\]:|:[ \t]|[-|: \t]*[|:][-|: \t]*$"
)
# What Hugo's Goldmark (not markdown-it-py) reads as markup in a translation's place: a task
# list checkbox (Hugo 0.111 makes one of ``[ ]``, ``[x]`` anywhere in a list item's first
# paragraph, even of ``[x](url)``), and a heading's trailing attribute block (``{#id .class}``,
# which renames the anchor links point to: check refuses it, ``attributes-added``; escaped
# here as a fallback). Escaped unless the Dutch has them (a Dutch checkbox or attribute list
# is structure, kept out of the msgid: :func:`pipeline.segment.body_units`).
_TASK_CHECKBOX_RE = re.compile(r"\[[ \txX]\]")
# An ATX heading's closing sequence: a translation ending in `` #`` would lose it
_CLOSING_HASHES_RE = re.compile(r"([ \t])(#+[ \t]*)$")


def _escape_line_start(line: str, first: bool = True) -> str:
    """A translated line that cannot start a block: leading blanks dropped (a paragraph
    ignores them; four would make code), a block marker backslash-escaped (renders as is).

    ``first``: the unit's first line, where any HTML block may start; on a later line only
    those that can interrupt a paragraph (CommonMark types 1 to 6) can.
    """
    line = line.lstrip(" \t")
    ordered = _ORDERED_START_RE.match(line)
    if ordered:
        escaped = line[: ordered.end()] + "\\" + line[ordered.end() :]
    elif _BLOCK_START_RE.match(line) or html_block_opener(line, first):
        escaped = "\\" + line  # ``\<`` shows a ``<``, and opens no HTML block
    else:
        return line
    if _GOLDMARK_START_RE.match(line) or _opens_block(line, first):
        return escaped
    return line  # a marker only where it could not open a block here (a later ``2. ``)


# What Goldmark reads at a line start and markdown-it-py reads otherwise (a delimiter row of
# another number of cells) or not at all: escaped without asking the parser
_GOLDMARK_START_RE = re.compile(r":[ \t]|[-|: \t]*[|:][-|: \t]*$")


def _opens_block(line: str, first: bool) -> bool:
    """Whether ``line``, as a paragraph's first line (after a blank line) or a later one,
    is parsed as anything but that paragraph's text: the escape a marker seems to need,
    checked by parsing (``2. `` cannot interrupt a paragraph; ``===`` underlines none as a
    first line)."""
    before = "Absatz\n\n" if first else "Absatz\n"
    tokens = block_parser().parse(before + line + "\n")
    inlines = [t.content for t in tokens if t.type == "inline"]
    types = [t.type for t in tokens if t.type != "inline"]
    paragraph = ["paragraph_open", "paragraph_close"]
    if first:
        return not (types == paragraph * 2 and inlines == ["Absatz", line.strip()])
    return not (types == paragraph and inlines == ["Absatz\n" + line.strip()])


def _escape_pipes(text: str) -> str:
    """``|`` escaped unless a backslash already escapes it (``\\|`` is a backslash, then a pipe)."""
    return re.sub(r"(?<!\\)((?:\\\\)*)\|", r"\1\\|", text)


def _atx_heading_keeps(level: int, line: str) -> bool:
    """Whether ``line`` as the text of an ATX heading of ``level`` is that heading's text as
    written, parsed (a heading's text may start with ``1.``, ``- ``, ``#`` or ``>``: nothing
    at its start opens another block)."""
    tokens = block_parser().parse("#" * level + " " + line + "\n")
    return [t.type for t in tokens] == ["heading_open", "inline", "heading_close"] and tokens[1].content == line.strip()


def _body_text(unit: Unit, translation: str, atx: bool = False) -> str:
    """A translation shaped for its place: prefixes after breaks, pipes escaped in cells.

    The translation stays in its block: a line break inside a heading or a table cell becomes
    a space, an empty line (which would end the block) is dropped, and a line that would
    open a block of its own (``9. Februar`` is an ordered list item) is escaped. A carriage
    return counts as a line break, and a NUL (which would make the post a binary file)
    becomes U+FFFD, as markdown-it-py reads it anyway.
    """
    if "\r" in translation:  # (only a CR is changed: most translations have none)
        translation = NEWLINE_RE.sub("\n", translation)
    if "\0" in translation:
        translation = translation.replace("\0", "\ufffd")
    if unit.kind == "table cell":
        return outside_calls(translation.replace("\n", " "), _escape_pipes)  # Hugo reads calls first
    if unit.kind == "definition term":  # one line: a second would be a second term
        return _escape_line_start(translation.replace("\n", " "))
    if unit.kind.startswith("heading"):
        line = translation.replace("\n", " ").lstrip(" \t")
        escaped = _escape_line_start(line)
        # an ATX heading's text starts no block (checked by parsing it, where an escape
        # would be made): no escape there
        if escaped != line and not (atx and _atx_heading_keeps(int(unit.kind.split()[1]), line)):
            line = escaped
        line = _CLOSING_HASHES_RE.sub(r"\1\\\2", line)
        attributes = heading_attributes(line)
        if attributes is not None and heading_attributes(unit.text) is None:
            # an attribute list Goldmark would read (check refuses it: this is the fallback)
            brace = line.index("{", attributes)
            line = line[:brace] + "\\" + line[brace:]
        return line
    if "[" in translation and unit.kind != "html block" and not _checkboxes(unit.text):
        translation = _escape_checkboxes(translation)
    lines = [line for line in translation.split("\n") if line.strip(" \t")] or [""]
    if unit.kind != "html block":
        lines = [_escape_line_start(line, i == 0) for i, line in enumerate(lines)]
    return ("\n" + unit.prefix).join(lines)


def _checkboxes(text: str) -> list[int]:
    """Where ``[ ]``, ``[x]`` stand outside code spans, not escaped: what Goldmark may make a
    task checkbox of."""
    spans = code_span_ranges(text) if "`" in text else []
    return [m.start() for m in _TASK_CHECKBOX_RE.finditer(text)
            if not any(start <= m.start() < end for start, end in spans)
            and not (m.start() and text[m.start() - 1] == "\\")]


def _escape_checkboxes(text: str) -> str:
    """Each ``[ ]``, ``[x]`` outside code spans as ``\\[ ]`` (shows the same; no checkbox)."""
    for start in reversed(_checkboxes(text)):
        text = text[:start] + "\\" + text[start:]
    return text


# --------------------------------------------------------------------------------------
# Links


# --------------------------------------------------------------------------------------
# Front matter


#: Keys that address a page. Copied, the German page would take the Dutch page's address
#: (``url``) or its redirects (``aliases``): they are left out, and the German page's
#: address comes from its slug (the German URL pattern), as every link to it assumes.
PAGE_ADDRESS_KEYS = ("url", "aliases")
#: Keys merge writes into every German post (another spelling of one, ``Slug:``, is dropped:
#: Hugo would read that one instead)
MERGE_KEYS = ("lang", "slug", "translationKey")


@dataclass(frozen=True)
class PageAddress:
    """The German page's URL as merge publishes it (its :func:`pipeline.hugo.served_path`,
    kept in the generation record, where the next merge sees that it changed), and the
    ``aliases`` its front matter gets: the German URLs it had before, which Hugo publishes
    as redirects to it (:func:`kept_aliases`)."""

    url: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Published:
    """What a German post on disk says of the page merge published: the URL its record keeps
    (None: written before records kept it), its ``aliases``, and the post id and front matter
    its URL was made of (the id of the Dutch post its record names: where the page was before
    the post moved)."""

    url: str | None
    aliases: tuple[str, ...]
    post_id: str
    meta: dict[str, Any]


def published_page(config: Config, post_id: str, shown: str, data: bytes | None) -> Published | None:
    """:class:`Published` of the German post ``data`` at ``post_id`` (None: there is none,
    or it cannot be read: merge refuses or overwrites it, as before)."""
    if data is None:
        return None
    try:
        post = load_post(shown, data, config.max_post_bytes)
    except PipelineError:
        return None
    record = post.meta.get(RECORD_KEY)
    record = record if isinstance(record, dict) else {}
    url, source = record.get("url"), record.get("post")
    made_from = post_id
    if isinstance(source, str) and source.endswith(".md"):
        try:
            made_from = config.post_id(config.root / source)
        except ValueError:  # not under content/nl/: the record is not merge's
            pass
    return Published(url if is_served_path(url) else None, aliases_of(post.meta), made_from, post.meta)


def german_page_url(site: Site, language: str, post_id: str, meta: dict[str, Any]) -> str | None:
    """The URL of a German post of ``meta`` at ``post_id`` (a :func:`pipeline.hugo.served_path`),
    by its file alone (no other file of the site is known: a folder is then no bundle, a
    nested folder no section)."""
    url = site.page_urls(language, {post_id: (effective_slug(post_id, meta), url_matter(meta))})[post_id]
    return None if url is None else served_path(site.hugo, language, url)


def published_url(site: Site, links: LinkMap, language: str, post_id: str) -> str | None:
    """The URL merge publishes a post's German page at now (a :func:`pipeline.hugo.served_path`
    of its URL as links to it are written; None: the links know no page of it), as its
    record keeps it."""
    link = links.by_id.get(post_id)
    return None if link is None else served_path(site.hugo, language, link)


def url_moved(old_url: str | None, url: str | None) -> bool:
    """Whether a German page published at ``old_url`` is at another place at ``url`` (both
    :func:`pipeline.hugo.served_path`s: under ``public/``, where a redirect is written; one
    place however spelt, :func:`pipeline.hugo.redirect_place`)."""
    return old_url is not None and url is not None and redirect_place(old_url) != redirect_place(url)


def kept_aliases(aliases: Sequence[str], old_url: str | None, url: str | None) -> tuple[str, ...]:
    """The German page's ``aliases``: those it has (an earlier one is kept), and its old URL
    when it had another (``old_url``; both :func:`pipeline.hugo.served_path`s), written as
    Hugo publishes a redirect there (:func:`pipeline.hugo.alias_path`); none that is its URL
    now (at its place, however spelt), each once, in that order."""
    current = redirect_place(url) if url is not None else None
    added = [alias_path(old_url)] if url_moved(old_url, url) else []
    return tuple(alias for alias in dict.fromkeys([*aliases, *added]) if redirect_place(alias) != current)


def _front_matter_changes(
    translated: TranslatedPost, config: Config, language: str, warnings: list[str],
    aliases: Sequence[str] = (),
) -> dict[str, Any]:
    """What the German post's front matter gets: translated values, ``lang``, ``slug``,
    ``translationKey``, dates Hugo can read, no page address keys of the Dutch post (its
    ``aliases`` are Dutch URLs: the German page gets its own, ``aliases``). Raises
    :class:`PipelineError` for a date that means no moment (check calls it an error too)."""
    post = translated.post
    assert post is not None
    changes: dict[str, Any] = {}
    by_key: dict[str, list[Unit]] = {}
    by_path_key: dict[str, list[Unit]] = {}  # units at a path (``cover.caption``), by top-level key
    for unit in translated.units:
        if unit.key and unit.context != "slug":
            (by_key if unit.path is None else by_path_key).setdefault(unit.key, []).append(unit)
    for key, units in by_key.items():
        value = post.meta.get(key)
        if key in PAGE_ADDRESS_KEYS:  # in translatable-keys, but never copied
            _warn_address_translated(translated, key, units, warnings)
            continue
        if isinstance(value, list):
            items = list(value)
            for unit in units:
                german = translated.translation(unit)
                if german is not None and unit.index is not None:
                    items[unit.index] = german
            if items != value:
                changes[key] = items
        elif top_level_setting(key, config.list_keys) is not None:  # in any case, as segment reads it
            changes[key] = [translated.translation(u) or u.text for u in units]
        else:
            german = translated.translation(units[0])
            if german is not None:
                changes[key] = german
    for key, units in by_path_key.items():
        if key.lower() in PAGE_ADDRESS_KEYS:  # a path's top key matches in any case
            _warn_address_translated(translated, units[0].context or key, units, warnings)
            continue
        value = changes.get(key, post.meta.get(key))
        nested = with_leaves(value, [(unit.path, translated.translation(unit)) for unit in units])
        if not same_value(nested, value):
            changes[key] = nested
    # Hugo reads front matter keys in any case (``URL:`` is its url, ``Slug:`` its slug)
    spelt = {name: spellings(post.meta, name) for name in (*PAGE_ADDRESS_KEYS, *MERGE_KEYS)}
    changes["lang"] = language
    changes["slug"] = translated.slug
    keys = [post.meta[k] for k in spelt["translationKey"] if isinstance(post.meta[k], str) and post.meta[k]]
    changes["translationKey"] = keys[0] if keys else translation_key(config.post_file_name(translated.post_id))
    zone = config.time_zone(config.source_language)  # as check reads the Dutch posts
    dates = Schema.of(config.schema).dates
    for key in post_date_keys(post, dates, zone):
        if post.meta.get(key) is None:
            continue
        reading = read_post_date(post, key, zone)
        if reading.problem is not None:
            raise PipelineError(
                post.path, post.node_line(post.meta_nodes[key]),
                f"{key} {written_date(post, key)!r} {reading.problem}: fix it in the post, then "
                "run `pipeline merge` again",
            )
    changes.update(date_replacements(post, dates, zone))  # as check --fix rewrites them
    for name, keys in spelt.items():  # page addresses in any spelling, merge's keys in another
        for key in keys:
            if name in PAGE_ADDRESS_KEYS or key != name:
                changes[key] = DELETE
    if aliases:
        changes["aliases"] = list(aliases)
    return changes


def _warn_address_translated(translated: TranslatedPost, name: str, units: list[Unit], warnings: list[str]) -> None:
    """A page address key (``url``, ``aliases``) in translatable-keys is never copied: say so
    where it has a translation."""
    if any(translated.translation(unit) is not None for unit in units):
        warnings.append(
            f"{translated.post.path}:{units[0].line}: the translation of {name} is not used: "  # type: ignore[union-attr]
            f"the {shown_language(translated.language)} page's address comes from its slug (translate msgctxt \"slug\" instead)"
        )


def _record(translated: TranslatedPost, config: Config, content_hash: str, url: str | None) -> dict[str, str]:
    record = {
        "post": config.relative(translated.source_path),
        "post_sha256": text_sha256(translated.source_bytes),
        "catalog_sha256": text_sha256(translated.catalog_bytes or b""),
    }
    if url is not None:  # the page's URL as published: the next merge tells a change by it
        record["url"] = url
    record["sha256"] = content_hash
    return record


def _record_lines(record: dict[str, str], indent: str = "") -> str:
    return f"{indent}{RECORD_KEY}:\n" + "".join(
        f"{indent}  {name}: {double_quoted(value) if name in ('post', 'url') else scalar(value)}\n"
        for name, value in record.items()
    )


@dataclass(frozen=True)
class Refusal:
    """A translation merge will not publish, at its catalog entry."""

    catalog: str
    line: int | None
    """The entry's line in the catalog (None: the post as a whole)."""
    code: str
    """The check's code (``structure-changed``, ``javascript-url``, …)."""
    message: str

    def __str__(self) -> str:
        where = self.catalog if self.line is None else f"{self.catalog}:{self.line}"
        return f"{where}: {self.message} [{self.code}]"


def _refusal(translated: TranslatedPost, config: Config, unit: Unit | None, code: str, message: str) -> Refusal:
    catalog = config.relative(config.catalog_path(translated.post_id, translated.language))
    line = translated.message_lines.get((unit.context, unit.text)) if unit is not None else None
    return Refusal(catalog, line, code, message)


def check_refusals(translated: TranslatedPost, config: Config, language: str, links: LinkMap) -> list[Refusal]:
    """The errors of :func:`pipeline.checkers.check_translation` in each translation merge
    would publish (:func:`pipeline.translated.checked_translations`, the entries ``check``
    checks); warnings do not block, and the checks that only warn are not run."""
    refusals: list[Refusal] = []
    map_url = links.url_mapper(translated.post_id)
    shown = config.relative(translated.source_path)
    for unit, german in checked_translations(translated).values():
        if german == unit.text:  # the source as it is: no check calls it an error (tests/
            continue  # test_check_checks.py::test_a_translation_equal_to_its_msgid_has_no_error)
        for severity, code, text in check_translation(unit.text, german, language, map_url, errors_only=True):
            if severity == "error":
                refusals.append(_refusal(translated, config, unit, code, f"{text} ({shown}:{unit.line})"))
    return refusals


#: How many parses of the German body the structure check may spend on a post whose
#: translations change it (one finds a difference; one more for each candidate unit tried
#: and for each further difference): bounded, so that a hostile catalog costs a few parses,
#: fewer for a long post (at least one: the first culprit is always named)
MAX_STRUCTURE_PARSES = 8
_STRUCTURE_PARSE_CHARS = 500_000


def _german_body(post: Post, edits: Sequence[Edit]) -> str:
    """The body as markdown-it-py will see it after the edits (front matter untouched)."""
    lines, _ = split_lines(apply_edits(post, edits))
    return "".join(line + "\n" for line in lines[post.body_start :])


def _edit_lines(post: Post, edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """Each edit's 0-based, end-exclusive body line range in the edited body (edits sorted)."""
    ranges = []
    shift = 0
    for edit in edits:
        start = edit.start[0] + shift - post.body_start
        added = edit.text.count("\n")
        ranges.append((start, start + added + 1))
        shift += added - (edit.end[0] - edit.start[0])
    return ranges


def spliced_german_outline(
    translated: TranslatedPost, dutch: Outline, unit_edits: Sequence[tuple[Unit, Edit]]
) -> Outline | None:
    """The German body's outline after ``unit_edits`` (sorted; no other edit), made from the
    Dutch ``dutch`` without parsing, where :func:`pipeline.verify.spliced_outline` proves the
    blocks kept; None where it does not."""
    post = translated.post
    assert post is not None
    start = post.body_start
    definition_ends = {end - start for _, end in translated.definitions}
    open_html = [  # the HTML blocks that only a blank line ends (CommonMark's types 6 and 7)
        (first - start, end - start) for first, end in translated.definitions
        if (opener := html_block_opener(post.lines[first].lstrip(" \t>"), True)) is not None and opener[0] >= 5
    ]
    edits = [
        (unit.kind, unit.prefix, (edit.start[0] - start, edit.start[1]), (edit.end[0] - start, edit.end[1]), edit.text)
        for unit, edit in unit_edits
    ]
    return spliced_outline(dutch, post.lines[start:], edits, definition_ends, open_html)


def structure_refusals(
    translated: TranslatedPost, config: Config, links: LinkMap, unit_edits: Sequence[tuple[Unit, Edit]],
    other_edits: Sequence[Edit] = (), spliced: bool = True,
) -> list[Refusal]:
    """The translations that change the page's structure (:mod:`pipeline.verify`): the German
    body parsed and compared with the Dutch, block by block and link by link.

    Nothing is parsed when no unit's translation differs from its msgid, and the German body
    is not parsed where the edits provably keep every block (:func:`pipeline.verify.spliced_outline`;
    not ``spliced``: always parsed, the same refusals). A difference is put down to the
    translated unit on its lines (one by one where there are several); that unit is set back
    to the Dutch text and the body compared again, for the next one.
    """
    post = translated.post
    assert post is not None

    def is_translated(unit: Unit) -> bool:
        german = translated.translation(unit)
        return german is not None and german != unit.text

    if not any(is_translated(unit) for unit, _ in unit_edits):
        return []
    map_url = links.url_mapper(translated.post_id)
    dutch = translated.outline if translated.outline is not None else outline(post.body, config.dialect)
    ordered = sorted(unit_edits, key=lambda pair: pair[1].start)
    dropped: set[int] = set()
    refusals: list[Refusal] = []

    def german_outline(without: set[int], edits: list[Edit]) -> Outline:
        if spliced and not other_edits:
            found = spliced_german_outline(translated, dutch, [pair for i, pair in enumerate(ordered) if i not in without])
            if found is not None:
                return found
        return outline(_german_body(post, edits), config.dialect)

    def difference(without: set[int]):  # type: ignore[no-untyped-def]
        kept = [edit for i, (_, edit) in enumerate(ordered) if i not in without]
        edits = sorted(kept + list(other_edits), key=lambda e: e.start)
        found = compare(dutch, german_outline(without, edits), map_url)
        spans = dict(zip((id(e) for e in edits), _edit_lines(post, edits)))
        return found, {i: spans[id(edit)] for i, (_, edit) in enumerate(ordered) if i not in without}

    parses = 0
    budget = max(1, min(MAX_STRUCTURE_PARSES, _STRUCTURE_PARSE_CHARS // max(1, len(post.body))))
    while parses < budget:
        found, spans = difference(dropped)
        parses += 1
        if found is None:
            break
        first, end = found.lines
        candidates = [
            i for i, (a, b) in spans.items() if a < max(end, first + 1) and b > first and is_translated(ordered[i][0])
        ]
        if not candidates:  # the nearest translated unit before the difference
            before = [i for i, (a, _) in spans.items() if a <= first and is_translated(ordered[i][0])]
            candidates = before[-1:]
        if not candidates:
            if not refusals:  # no translated unit at or before it: the page is wrong all the same
                near = f"{config.relative(translated.source_path)}:{post.body_start + first + 1}"
                refusals.append(_refusal(
                    translated, config, None, "structure-changed",
                    f"the {shown_language(translated.language)} page's structure differs from the source's near {near} "
                    f"({found.what}): check the translations around it",
                ))
            break
        culprit = candidates[0]
        for i in candidates if len(candidates) > 1 else ():
            if parses >= budget:
                break
            again, _ = difference(dropped | {i})
            parses += 1
            if again is None or again != found:
                culprit = i
                break
        dropped.add(culprit)
        unit = ordered[culprit][0]
        shown = config.relative(translated.source_path)
        refusals.append(_refusal(
            translated, config, unit, "structure-changed",
            f"translation changes the page's structure ({found.what}): keep it one {unit.kind} "
            f"with the links and markup of the source ({shown}:{unit.line})",
        ))
    return refusals


@dataclass(frozen=True)
class PostLink:
    """A link of a post as merge writes it in the German post (check's link check)."""

    line: int
    """Its line in the Dutch post (the first of its unit)."""
    form: str
    """``url`` (an inline link or image, a definition, an HTML ``href``/``src``) or ``ref``."""
    dutch: str
    """As written in the Dutch post (a ref: its path, with ``#anchor``)."""
    german: str
    """As the German post has it."""
    dutch_lang: str | None = None
    """A ref's ``lang`` in the Dutch post (None: the page's own)."""
    german_lang: str | None = None


class _LinkRewriter:
    """Rewrites the links of one post's texts (:meth:`LinkMap.rewrite`, :meth:`LinkMap.rewrite_ref`;
    ``links`` None: each as it is), the warnings and each link seen (``seen``) kept."""

    def __init__(self, translated: TranslatedPost, links: LinkMap | None, warnings: list[str], shown: str,
                 seen: list[PostLink] | None) -> None:
        self.post_id, self.links, self.warnings, self.shown = translated.post_id, links, warnings, shown
        self.seen = seen

    def url(self, line: int, url: str) -> str:
        where = f"{self.shown}:{line}"
        new = url if self.links is None else self.links.rewrite(self.post_id, url, self.warnings, where)
        if self.seen is not None:
            self.seen.append(PostLink(line, "url", url, new))
        return new

    def ref(self, line: int, path: str, lang: str | None) -> tuple[str, str | None]:
        new, new_lang = (path, lang) if self.links is None else self.links.rewrite_ref(
            self.post_id, path, lang, self.warnings, f"{self.shown}:{line}")
        if self.seen is not None:
            self.seen.append(PostLink(line, "ref", path, new, lang, new_lang))
        return new, new_lang

    def text(self, line: int, text: str) -> str:
        if not may_link(text):  # (most units: no link, nothing seen)
            return text
        return rewrite_links(text, lambda url: self.url(line, url), lambda path, lang: self.ref(line, path, lang))


def _body_edits(translated: TranslatedPost, rewriter: _LinkRewriter) -> list[tuple[Unit, Edit]]:
    """The body's unit edits: each translated unit (or one whose link destinations merge
    rewrites) with the edit that puts it in place."""
    edits: list[tuple[Unit, Edit]] = []
    attributes = AttributeTexts(translated.units, translated.translation)
    for unit in translated.units:
        if unit.start is None or unit.end is None or is_attribute_kind(unit.kind):
            continue
        german = translated.translation(unit)
        text = german if german is not None else unit.text
        rewritten = rewriter.text(unit.line, text)
        if german is None and rewritten == unit.text:
            continue  # untranslated and nothing to rewrite: keep the Dutch bytes
        if german == unit.text and rewritten == unit.text:
            continue  # identity translation: keep the bytes as written
        rewritten = attributes.within(unit, rewritten)  # its tags' and calls' text values
        atx = unit.kind.startswith("heading") and _is_atx(translated.post, unit)
        edits.append((unit, Edit(unit.start, unit.end, _body_text(unit, rewritten, atx))))
    assert translated.post is not None
    return edits + attributes.edits(translated.post.lines)


def _is_atx(post: Post | None, unit: Unit) -> bool:
    """Whether a heading unit is an ATX heading's (``#`` before its text on its line)."""
    if post is None or unit.start is None:
        return False
    return post.lines[unit.start[0]][: unit.start[1]].rstrip(" \t").endswith("#")


def _translated_edits(
    translated: TranslatedPost, config: Config, links: LinkMap, warnings: list[str],
    seen: list[PostLink] | None = None,
) -> tuple[list[tuple[Unit, Edit]], list[Edit]]:
    """The body's edits (:func:`_body_edits`) and those of the lines outside units that hold
    links (link reference definitions, HTML blocks' tags); a link that stays Dutch is a line
    added to ``warnings``; each link, as the German post has it, to ``seen``."""
    rewriter = _LinkRewriter(translated, links, warnings, config.relative(translated.source_path), seen)
    return (_body_edits(translated, rewriter),
            _ref_definition_edits(translated, rewriter) + _html_block_edits(translated, rewriter))


def post_links(translated: TranslatedPost, config: Config) -> list[PostLink]:
    """Every link of a post's units, link reference definitions and HTML blocks, as it is
    (a German post on disk, read as a source by check)."""
    seen: list[PostLink] = []
    rewriter = _LinkRewriter(translated, None, [], config.relative(translated.source_path), seen)
    for unit in translated.units:
        if unit.start is not None and unit.end is not None and not is_attribute_kind(unit.kind):
            rewriter.text(unit.line, unit.text)
    _ref_definition_edits(translated, rewriter)
    _html_block_edits(translated, rewriter)
    return seen


def verified_body(
    translated: TranslatedPost, config: Config, links: LinkMap, seen: list[PostLink] | None = None
) -> tuple[list[Refusal], str]:
    """The translations that would change the structure of the German post merge writes
    (``check`` applies the entry checks itself), and that post's body (all that follows its
    front matter, as text: front matter edits never reach it), which ``check`` compares
    with the German post on disk, whose links follow the pages they lead to. ``seen``
    receives each link of the post as the German post has it."""
    post = translated.post
    assert post is not None
    unit_edits, definition_edits = _translated_edits(translated, config, links, [], seen)
    refusals = structure_refusals(translated, config, links, unit_edits, definition_edits)
    text = apply_edits(post, [edit for _, edit in unit_edits] + definition_edits)
    # the lines before the body are the post's own: no edit here reaches them
    start = sum(len(line) + len(end) for line, end in zip(post.lines[: post.body_start], post.endings))
    return refusals, text[start:]


class TranslationsRefused(Exception):
    """Translations merge will not publish: the post is not written (one line each)."""

    def __init__(self, refusals: list[Refusal]) -> None:
        self.refusals = refusals
        super().__init__(refusals)

    def __str__(self) -> str:
        return "\n".join(str(refusal) for refusal in self.refusals)


def render_post(
    translated: TranslatedPost, config: Config, language: str, links: LinkMap,
    address: PageAddress = PageAddress(),
) -> tuple[bytes, list[str]]:
    """The German post's bytes, and the warnings (links that stay Dutch). ``address``: the
    URL its record keeps, and the aliases its front matter gets.

    Raises :class:`TranslationsRefused` when a translation fails a translation check with an
    error, or changes the page's structure (see :mod:`pipeline.verify`)."""
    post = translated.post
    assert post is not None
    warnings: list[str] = []
    unit_edits, definition_edits = _translated_edits(translated, config, links, warnings)
    refusals = check_refusals(translated, config, language, links)
    refused = {refusal.line for refusal in refusals}
    refusals += [  # an entry check already said it (a new link, say): once is enough
        refusal for refusal in structure_refusals(translated, config, links, unit_edits, definition_edits)
        if refusal.line not in refused
    ]
    if refusals:
        raise TranslationsRefused(refusals)
    edits = [edit for _, edit in unit_edits] + definition_edits
    front: list[Edit] = []
    if post.has_front_matter:
        changes = _front_matter_changes(translated, config, language, warnings, address.aliases)
        front, intended = front_matter_edits(post, changes)
        text = apply_edits(post, front + edits)
    else:
        text = apply_edits(post, edits)
        newline = post.endings[0] or "\n"
        changes = {"lang": language, "slug": translated.slug, "translationKey": translation_key(config.post_file_name(translated.post_id))}
        if address.aliases:
            changes["aliases"] = list(address.aliases)
        intended = dict(changes)
        plan_meta = "---\n" + "".join(
            (f"{key}:" + "".join(f"\n  - {scalar(v)}" for v in value) if isinstance(value, list)
             else f"{key}: {scalar(value)}") + "\n"
            for key, value in changes.items()
        ) + "---\n"
        text = plan_meta.replace("\n", newline) + text
    # the record goes last in the front matter; its hash covers everything else
    bom = "\ufeff" if post.bom else ""
    record = _record(translated, config, text_sha256((bom + text).encode("utf-8")), address.url)
    if post.has_front_matter and (post.front_matter_format != "yaml" or flow_mapping(post)):
        text = record_inserted(post, text, record)  # TOML, JSON, a YAML {…}: in its syntax
        prove(post, text, {**intended, RECORD_KEY: record}, changes)
        return (bom + text).encode("utf-8"), warnings
    lines, endings = split_lines(text)
    close = next((i for i in range(post.front_matter_offset, len(lines)) if _CLOSE_RE.fullmatch(lines[i])), None)
    if close is None:  # pragma: no cover - the front matter written above always closes
        raise PipelineError(config.relative(translated.source_path), 1, "front matter could not be written")
    pos = sum(len(line) + len(end) for line, end in zip(lines[:close], endings[:close]))
    record_text = _record_lines(record, block_indent(post) if post.has_front_matter else "")
    text = text[:pos] + record_text.replace("\n", endings[0] or "\n") + text[pos:]
    prove(post, text, {**intended, RECORD_KEY: record}, changes)
    return (bom + text).encode("utf-8"), warnings


# What may stand before a link reference definition on its line: block quote markers,
# indentation, a list item's marker
_CONTAINER_PREFIX_RE = re.compile(r"(?:[ \t]*>)*[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?")
# Blocks whose lines are never link reference definitions (code, HTML, text)


# A definition's label with its destination on the next line ([x]:), and that destination
_LABEL_ALONE_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*$")
_DESTINATION_RE = re.compile(r"()(<[^>\n]*>|\S+)")


def _ref_definition_edits(translated: TranslatedPost, rewriter: _LinkRewriter) -> list[Edit]:
    """Link reference definitions are outside every unit: rewrite their URLs in place.

    Segmentation recorded the lines of each definition (markdown-it-py's ``definition``
    tokens); on those lines, the one that reads ``[label]: destination`` after its container
    prefix holds the URL.
    """
    post = translated.post
    assert post is not None
    edits = []
    label_alone = -1  # the line of a definition's label without its destination
    for index in (i for first, end in translated.definitions for i in range(first, end)):
        line = post.lines[index]
        lead = _CONTAINER_PREFIX_RE.match(line)
        offset = lead.end() if lead else 0
        rest = line[offset:].lstrip(" \t")
        after_label = label_alone == index - 1
        if _LABEL_ALONE_RE.match(rest) and not rest.startswith("[^"):
            label_alone = index
        match = REF_DEF_RE.match(rest)
        if after_label and not match and rest:
            match = _DESTINATION_RE.match(rest)  # [x]:\n  /dest/ "title": on the next line
        elif not match or match.group(1).lstrip().startswith("[^") or "](" in line:
            continue  # not a definition, or a footnote's
        if not match:
            continue
        offset = len(line) - len(rest)
        dest = match.group(2)
        url = dest[1:-1] if dest.startswith("<") else dest
        new = rewriter.url(index + 1, url)
        if new != url:
            start = (index, offset + match.start(2))
            end = (index, offset + match.end(2))
            edits.append(Edit(start, end, f"<{new}>" if dest.startswith("<") else new))
    return edits


def _html_block_edits(translated: TranslatedPost, rewriter: _LinkRewriter) -> list[Edit]:
    """The ``href`` of each ``<a>`` and the ``src`` of each ``<img>`` in the tags of the
    HTML blocks (segmentation recorded their lines beside the definitions'; the text
    between the tags is in units, rewritten with them): the value alone rewritten, every
    other byte of the tag as it is."""
    post = translated.post
    assert post is not None
    spans = sorted((u.start, u.end) for u in translated.units if u.start is not None and u.end is not None)
    span_starts = [start for start, _ in spans]
    edits = []
    for first, end in translated.definitions:
        lines = post.lines[first:end]
        if not any("<" in line for line in lines):
            continue
        starts = []
        position = 0
        for line in lines:
            starts.append(position)
            position += len(line) + 1
        for match in HTML_URL_RE.finditer("\n".join(lines)):
            value = match.group(2)
            quote = 1 if value[0] in "\"'" else 0
            url = value[quote : len(value) - quote]
            if not url or "\n" in url or url.startswith("{{"):
                continue
            i = bisect.bisect_right(starts, match.start(2)) - 1
            where = (first + i, match.start(2) - starts[i] + quote)
            j = bisect.bisect_right(span_starts, where) - 1
            if j >= 0 and where < spans[j][1]:
                continue  # in a unit's text: rewritten with it
            new = rewriter.url(where[0] + 1, url)
            if new != url:
                edits.append(Edit(where, (where[0], where[1] + len(url)), new))
    return edits
