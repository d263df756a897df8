"""``pipeline merge``: a Dutch post and its German catalog to the German post.

The German post is the Dutch post with each translated unit's span replaced by its msgstr
(container prefixes put back); every other byte stays. Fuzzy and untranslated units fall back
to the Dutch text. The front matter is edited through :mod:`pipeline.frontedit`: translated
values, ``lang``, ``slug``, ``translationKey``, every date key in a form Hugo reads, no page
address keys (``url``, ``aliases``), and a record of what the post was generated from.

A post is not written when a translation fails check's entry checks with an error or changes
the page's structure (:mod:`pipeline.verify`), nor when its German slug is another page's.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from pipeline.cache import RunCache, Store, digest, file_signature
from pipeline.catalog import shown_language
from pipeline.checks import Schema, check_characters, check_slug_translation, check_translation
from pipeline.config import Config
from pipeline.dates import post_date_keys, read_post_date, written_date
from pipeline.errors import PipelineError, unreadable
from pipeline.extract import (
    KeptSegmentation, Segmentation, find_posts, keep_segmentation, kept_segmentations, post_id_of,
    post_units, refused_name,
)
from pipeline.edits import Edit, apply_edits
from pipeline.files import (
    ATTEMPTS, FileChanged, WriteFailed, lf_endings, read_file, same_text, write_atomic,
)
from pipeline.frontedit import (
    DELETE, RECORD_KEY, block_indent, front_matter_edits, prove, source_post_error,
)
from pipeline.parallel import ordered_map
from pipeline.links import (
    REF_DEF_RE, code_span_ranges, german_slug, heading_anchor, is_section, page_path, post_url,
    rewrite_destinations, settle_slugs, slug_blockers,
)
from pipeline.po import Catalog, Message, parse_catalog
from pipeline.post import NEWLINE_RE, _CLOSE_RE, Post, load_post, split_lines
from pipeline.segment import Unit, effective_slug, html_block_opener
from pipeline.verify import Outline, compare, outline
from pipeline.yamlout import double_quoted, scalar

_WORD_RE = re.compile(r"\w[\w'’.,-]*\w|\w")


def count_words(text: str) -> int:
    """Words as Translate Toolkit's pocount counts them, near enough: runs of word characters."""
    return len(_WORD_RE.findall(text))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def text_sha256(data: bytes) -> str:
    """The hash the generation record keeps of a text file: of its text with LF line endings,
    so that a checkout's line endings (git's ``core.autocrlf``) change nothing it says."""
    return sha256(lf_endings(data))


def record_matches(recorded: str | None, data: bytes) -> bool:
    """Whether a hash in a generation record is that of ``data``: :func:`text_sha256`, or the
    hash of the bytes as records kept it before line endings were set aside."""
    return recorded is not None and recorded in (text_sha256(data), sha256(data))


@dataclass
class Plan:
    """What merge knows of one post before writing anything."""

    post_id: str
    source_path: Path
    target_path: Path
    post: Post | None = None
    source_bytes: bytes = b""
    units: list[Unit] = field(default_factory=list)
    definitions: list[tuple[int, int]] = field(default_factory=list)
    """Line ranges of the link reference definitions (their URLs may need rewriting)."""
    translations: dict[tuple[str | None, str], str] = field(default_factory=dict)
    catalog_bytes: bytes | None = None
    catalog: Catalog | None = None
    """The catalog as read (None: there is none)."""
    segmentation: Segmentation | None = None
    """The segmentation this plan made, packed for the cache (None: it came from there)."""
    outline: Outline | None = None
    """The Dutch body's outline (:mod:`pipeline.verify`), made with the segmentation (None:
    a kept segmentation without one; the structure check then parses the Dutch body)."""
    slug: str = ""
    source_slug: str = ""
    language: str = ""
    message_lines: dict[tuple[str | None, str], int] = field(default_factory=dict)
    """Where each translated entry starts in the catalog (1-based)."""
    error: PipelineError | None = None
    address_error: PipelineError | None = None
    """A translation that would make the post's slug or title wrong (:func:`address_error`):
    merge does not write the post."""
    _words: tuple[int, int] | None = None

    def _word_counts(self) -> tuple[int, int]:
        """Words in the units (the slug aside: it is optional), and in the translated ones."""
        if self._words is None:
            words = translated = 0
            for unit in self.units:
                if unit.context != "slug":
                    count = count_words(unit.text)
                    words += count
                    if self.translation(unit) is not None:
                        translated += count
            self._words = words, translated
        return self._words

    @property
    def words(self) -> int:
        return self._word_counts()[0]

    @property
    def words_translated(self) -> int:
        return self._word_counts()[1]

    @property
    def percent(self) -> float:
        """Translated, by words. Counting words costs as much as reading the catalog: a post
        whose every unit is translated is 100 % without counting them."""
        if all(self.translation(u) is not None for u in self.units if u.context != "slug"):
            return 100.0
        words, translated = self._word_counts()
        return 100.0 if words == 0 else 100.0 * translated / words

    def translation(self, unit: Unit) -> str | None:
        return self.translations.get((unit.context, unit.text))


@dataclass
class Summary:
    """What the other posts (and the report) need to know of a post: its URLs, its heading
    anchors, how complete its translation is. Small, so that a run never holds whole posts."""

    post_id: str
    source_slug: str = ""
    slug: str = ""
    anchors: dict[str, str] = field(default_factory=dict)
    units: int = 0
    units_translated: int = 0
    percent: float = 100.0
    """Translated, by words."""
    error: str | None = None
    slug_line: int | None = None
    """The line of the catalog's slug entry (where a clash of slugs is reported)."""


def summarize(plan: Plan) -> Summary:
    summary = Summary(plan.post_id, plan.source_slug, plan.slug)
    if plan.error is not None or plan.post is None or plan.address_error is not None:
        summary.error = str(plan.error or plan.address_error or "not read")
        return summary
    if plan.catalog is not None:
        summary.slug_line = next(
            (m.lineno for m in plan.catalog.messages if m.msgctxt == "slug" and not m.obsolete), None
        )
    headings: list[tuple[str, str]] = []
    for unit in plan.units:
        german = plan.translation(unit)
        if unit.kind.startswith("heading"):
            headings.append((unit.text, german or unit.text))
        if unit.context != "slug":
            summary.units += 1
            summary.units_translated += german is not None
    summary.anchors = heading_anchors(headings)
    summary.percent = plan.percent
    return summary


def heading_anchors(headings: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Dutch heading id → German heading id, of each (Dutch, German) heading of a post in
    order, where they differ: as Hugo gives them, a repeated id with ``-1``, ``-2`` … (two
    ``## Voorbeeld`` are ``#voorbeeld`` and ``#voorbeeld-1``, and so are two headings whose
    German texts are the same)."""

    def ids(texts: Iterable[str]) -> list[str]:
        seen: set[str] = set()
        found = []
        for text in texts:
            first = anchor = heading_anchor(text)
            number = 0
            while anchor in seen:
                number += 1
                anchor = f"{first}-{number}"
            seen.add(anchor)
            found.append(anchor)
        return found

    pairs = zip(ids(dutch for dutch, _ in headings), ids(german for _, german in headings))
    return {dutch: german for dutch, german in pairs if dutch != german}


@dataclass
class MergeResult:
    post_id: str
    path: str
    action: str
    """``written``, ``unchanged``, ``below`` (not written), ``stale`` (left in place),
    ``edited`` (refused: changed by hand), ``error``."""
    percent: float = 0.0
    message: str = ""
    warnings: list[str] = field(default_factory=list)


def plan_post(config: Config, path: Path, language: str, kept: KeptSegmentation | None = None) -> Plan:
    """Read a post and its catalog. ``kept``: where an earlier run's segmentation of these
    very bytes may be found (:class:`pipeline.cache.KeptSegmentations`); without one the post
    is parsed, and ``plan.segmentation`` holds the new segmentation."""
    post_id = post_id_of(config, path)
    plan = Plan(post_id, path, config.target_dir(language) / f"{post_id}.md")
    shown = config.relative(path)
    try:
        config.confine(path)
        config.confine(plan.target_path)
        plan.source_bytes = path.read_bytes()
        plan.post = load_post(shown, plan.source_bytes, config.max_post_bytes)
        refused = source_post_error(plan.post)
        if refused is not None:
            raise refused
    except PipelineError as exc:
        plan.error = exc
        return plan
    except OSError as exc:
        plan.error = unreadable(shown, exc)
        return plan
    plan.units, plan.definitions, plan.outline, plan.segmentation = post_units(
        config, plan.post, post_id, str(digest(plan.source_bytes)), kept
    )
    plan.source_slug = effective_slug(post_id, plan.post.meta)
    po_path = config.catalog_path(post_id, language)
    catalog: Catalog | None = None
    try:
        config.confine(po_path)
        plan.catalog_bytes = po_path.read_bytes()
        catalog = parse_catalog(config.relative(po_path), plan.catalog_bytes)
        plan.address_error = address_error(catalog, config.relative(po_path), language)
    except FileNotFoundError:
        pass
    except PipelineError as exc:
        plan.error = exc
        return plan
    except OSError as exc:
        plan.error = unreadable(config.relative(po_path), exc)
        return plan
    plan.catalog = catalog
    apply_catalog(plan, catalog, language)
    return plan


def address_error(catalog: Catalog, shown: str, language: str) -> PipelineError | None:
    """The first error of the translations that make the post's URL and name it, its slug and
    its title: letters the URL cannot keep, invisible characters, words of mixed scripts
    (:func:`pipeline.checks.check_slug_translation`, :func:`pipeline.checks.check_characters`).
    Merge does not write a post with one; check reports them with the other translations."""
    for message in catalog.messages:
        if message.obsolete or not message.translated or message.msgctxt not in ("slug", "title"):
            continue
        if message.msgctxt == "slug":
            found = check_slug_translation(message.msgstr, language)
        else:
            found = check_characters(message.msgid, message.msgstr)
        for severity, code, text in found:
            if severity == "error":  # as merge's other refusals say it (:class:`Refusal`)
                return PipelineError(shown, message.lineno, f"{text} [{code}]")
    return None


def used_translation(message: Message) -> str | None:
    """The msgstr merge puts in place of an entry's msgid; None for a fuzzy, obsolete, plural
    or untranslated entry, or a msgstr of only blanks (no translation: it would empty its
    block)."""
    if message.translated and message.msgid_plural is None and message.msgstr.strip():
        return message.msgstr
    return None


def apply_catalog(plan: Plan, catalog: Catalog | None, language: str) -> None:
    """Fill a plan's translations and German slug from its catalog."""
    plan.language = language
    if catalog is not None:
        for message in catalog.messages:
            german = used_translation(message)
            if german is not None:
                plan.translations[message.key] = german
                plan.message_lines[message.key] = message.lineno
    slug_unit = next(u for u in plan.units if u.context == "slug")
    given = plan.translation(slug_unit)
    title = next((u for u in plan.units if u.context == "title"), None)
    german_title = plan.translation(title) if title else None
    plan.slug = german_slug(given, german_title, plan.source_slug, language)


# --------------------------------------------------------------------------------------
# Span replacement


# The start of a line that would open a block of its own where a paragraph's line stands:
# an ordered or bullet list item, an ATX heading, a block quote, a code fence, a thematic
# break or setext underline, a link reference or footnote definition, and what Hugo's Goldmark
# reads where markdown-it-py does not: a definition list's description (``: …``) and a table's
# delimiter row whatever its number of cells (``|---|`` under any line makes it a table)
_ORDERED_START_RE = re.compile(r"\d{1,9}(?=[.)](?:[ \t]|$))")
_BLOCK_START_RE = re.compile(
    r"[-+*](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|>|`{3,}[^`]*$|~{3,}|=+[ \t]*$|(?:[-*_][ \t]*){3,}$"
    r"|\[[^\]]+\]:|:[ \t]|[-|: \t]*[|:][-|: \t]*$"
)
# What Hugo's Goldmark (not markdown-it-py) reads as markup in a translation's place: a task
# list checkbox (Hugo 0.111 makes one of ``[ ]``, ``[x]`` anywhere in a list item's first
# paragraph, even of ``[x](url)``), and a heading's trailing attribute block (``{#id .class}``,
# which renames the anchor links point to). Escaped unless the Dutch has them.
_TASK_CHECKBOX_RE = re.compile(r"\[[ \txX]\]")
_HEADING_ATTRIBUTES_RE = re.compile(r"\{([^{}]*)\}[ \t]*$")
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
        return line[: ordered.end()] + "\\" + line[ordered.end() :]
    if _BLOCK_START_RE.match(line):
        return "\\" + line
    if html_block_opener(line, first):
        return "\\" + line  # ``\<`` shows a ``<``, and opens no HTML block
    return line


def _escape_pipes(text: str) -> str:
    """``|`` escaped unless a backslash already escapes it (``\\|`` is a backslash, then a pipe)."""
    return re.sub(r"(?<!\\)((?:\\\\)*)\|", r"\1\\|", text)


def _body_text(unit: Unit, translation: str) -> str:
    """A translation shaped for its place: prefixes after breaks, pipes escaped in cells.

    The translation stays in its block: a line break inside a heading or a table cell becomes
    a space, an empty line (which would end the block) is dropped, and a line that would
    open a block of its own (``9. Februar`` is an ordered list item) is escaped. A carriage
    return counts as a line break, and a NUL (which would make the post a binary file)
    becomes U+FFFD, as markdown-it-py reads it anyway.
    """
    translation = NEWLINE_RE.sub("\n", translation).replace("\0", "\ufffd")
    if unit.kind == "table cell":
        return _escape_pipes(translation.replace("\n", " "))
    if unit.kind.startswith("heading"):
        line = _CLOSING_HASHES_RE.sub(r"\1\\\2", _escape_line_start(translation.replace("\n", " ")))
        attributes = _HEADING_ATTRIBUTES_RE.search(line)
        if (attributes and line[attributes.start() - 1 : attributes.start()] != "\\"
                and not unit.text.rstrip(" \t#").endswith("{" + attributes.group(1) + "}")):
            line = line[: attributes.start()] + "\\" + line[attributes.start() :]
        return line
    if "[" in translation and unit.kind != "html block" and not _TASK_CHECKBOX_RE.search(unit.text):
        translation = _escape_checkboxes(translation)
    lines = [line for line in translation.split("\n") if line.strip(" \t")] or [""]
    if unit.kind != "html block":
        lines = [_escape_line_start(line, i == 0) for i, line in enumerate(lines)]
    return ("\n" + unit.prefix).join(lines)


def _escape_checkboxes(text: str) -> str:
    """Each ``[ ]``, ``[x]`` outside code spans as ``\\[ ]`` (shows the same; no checkbox)."""
    spans = code_span_ranges(text) if "`" in text else []
    found = [m.start() for m in _TASK_CHECKBOX_RE.finditer(text)
             if not any(start <= m.start() < end for start, end in spans)
             and not (m.start() and text[m.start() - 1] == "\\")]
    for start in reversed(found):
        text = text[:start] + "\\" + text[start:]
    return text


# --------------------------------------------------------------------------------------
# Links


# A path to a file (an image, a PDF), not a page: both languages share it
_STATIC_FILE_RE = re.compile(r"\.(?!html?$|md$)[A-Za-z0-9]{1,8}$")


class LinkMap:
    """Dutch post URLs and ``.md`` paths to German URLs, plus each post's heading anchors."""

    def __init__(
        self, config: Config, language: str, summaries: Sequence[Summary], available: set[str]
    ) -> None:
        self.config = config
        self.language = language
        self.by_url: dict[str, str] = {}
        self.by_id: dict[str, str] = {}
        self.id_by_german_url: dict[str, str] = {}
        self.anchors: dict[str, dict[str, str]] = {}
        source_pattern = config.url_patterns.get(config.source_language, "/{slug}/")
        target_pattern = config.url_patterns.get(language, f"/{language}/{{slug}}/")
        for summary in summaries:
            if summary.error is not None:
                continue
            self.anchors[summary.post_id] = summary.anchors
            if summary.post_id in available:
                german_url = post_url(target_pattern, summary.slug)
                self.by_url[post_url(source_pattern, summary.source_slug)] = german_url
                self.by_id[summary.post_id] = german_url
                self.id_by_german_url.setdefault(german_url, summary.post_id)
        self.external = dict(config.links)

    def digest(self) -> str:
        """What every rendered post may depend on: a change here re-renders them all."""
        # hashed a piece at a time: the whole state of a large site as one JSON document
        # would cost more memory than everything else merge holds
        hashed = hashlib.blake2b(digest_size=16)

        def add(value: object) -> None:
            hashed.update(json.dumps(value, ensure_ascii=False).encode("utf-8") + b"\n")

        add(self.language)
        add(sorted(self.by_url.items()))
        add(sorted(self.by_id.items()))
        for post_id in sorted(self.anchors):
            # ids and anchors hold no NUL (a path, a heading's id): joined, no two states meet
            pairs = sorted(self.anchors[post_id].items())
            hashed.update("\0".join([post_id, *(f"{a}\0{b}" for a, b in pairs)]).encode("utf-8") + b"\n")
        add(sorted(self.external.items()))
        return hashed.hexdigest()

    def url_mapper(self, post_id: str) -> Callable[[str], str]:
        """A link destination of a post as merge writes it (:meth:`rewrite`, its warnings
        dropped): how the translation checks compare the German links with the Dutch."""
        ignored: list[str] = []

        def map_url(url: str) -> str:
            return self.rewrite(post_id, url, ignored, "")

        return map_url

    def rewrite(self, post_id: str, url: str, warnings: list[str], where: str) -> str:
        if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//", url):
            return url  # another site, mail, etc.
        path, hash_, anchor = url.partition("#")
        if not path:
            if not hash_:
                return url  # an empty destination (``[x](<>)``) links to this page as it is
            new_anchor = self.anchors.get(post_id, {}).get(anchor, anchor)
            return f"#{new_anchor}"
        target_id: str | None = None
        new_path: str | None = None
        query = ""
        if "?" in path:
            path, _, query = path.partition("?")
            query = "?" + query
        if path.endswith(".md") and not path.startswith("/"):
            base = posixpath.dirname(post_id)
            target_id = posixpath.normpath(posixpath.join(base, path[:-3]))
            new_path = self.by_id.get(target_id)
        elif path in self.by_url or path + "/" in self.by_url:
            new_path = self.by_url.get(path) or self.by_url[path + "/"]
            target_id = self.id_by_german_url.get(new_path)
        elif path in self.external:
            new_path = self.external[path]
        elif path.rstrip("/") + "/" in self.external:
            new_path = self.external[path.rstrip("/") + "/"]
        if new_path is None:
            if target_id is not None and target_id in self.anchors:
                warnings.append(
                    f"{where}: link to {url} stays as it is: the {self.language} post "
                    f"{target_id} is not written yet"
                )
            elif (
                path.startswith("/")
                and not path.startswith(f"/{self.language}/")
                and not _STATIC_FILE_RE.search(path)
            ):
                warnings.append(
                    f"{where}: link to {url} stays as it is: no {self.language} page for it "
                    "(translate that post, or map it in [tool.pipeline.links])"
                )
            return url
        if hash_:
            anchors = self.anchors.get(target_id or "", {})
            anchor = anchors.get(anchor, anchor)
        return new_path + query + (hash_ + anchor if hash_ else "")


# --------------------------------------------------------------------------------------
# Front matter


#: Keys that address a page. Copied, the German page would take the Dutch page's address
#: (``url``) or its redirects (``aliases``): they are left out, and the German page's
#: address comes from its slug (the German URL pattern), as every link to it assumes.
PAGE_ADDRESS_KEYS = ("url", "aliases")
#: Keys merge writes into every German post (another spelling of one, ``Slug:``, is dropped:
#: Hugo would read that one instead)
MERGE_KEYS = ("lang", "slug", "translationKey")


def _front_matter_changes(plan: Plan, config: Config, language: str, warnings: list[str]) -> dict[str, Any]:
    """What the German post's front matter gets: translated values, ``lang``, ``slug``,
    ``translationKey``, dates Hugo can read, no page address keys. Raises
    :class:`PipelineError` for a date that means no moment (check calls it an error too)."""
    post = plan.post
    assert post is not None
    changes: dict[str, Any] = {}
    by_key: dict[str, list[Unit]] = {}
    for unit in plan.units:
        if unit.key and unit.context != "slug":
            by_key.setdefault(unit.key, []).append(unit)
    for key, units in by_key.items():
        value = post.meta.get(key)
        if key in PAGE_ADDRESS_KEYS:  # in translatable-keys, but never copied
            if any(plan.translation(unit) is not None for unit in units):
                warnings.append(
                    f"{post.path}:{units[0].line}: the translation of {key} is not used: the German "
                    "page's address comes from its slug (translate msgctxt \"slug\" instead)"
                )
            continue
        if isinstance(value, list):
            items = list(value)
            for unit in units:
                german = plan.translation(unit)
                if german is not None and unit.index is not None:
                    items[unit.index] = german
            if items != value:
                changes[key] = items
        elif key in config.list_keys:
            changes[key] = [plan.translation(u) or u.text for u in units]
        else:
            german = plan.translation(units[0])
            if german is not None:
                changes[key] = german
    # Hugo reads front matter keys in any case (``URL:`` is its url, ``Slug:`` its slug)
    spelt = {name: [k for k in post.meta if isinstance(k, str) and k.lower() == name.lower()]
             for name in (*PAGE_ADDRESS_KEYS, *MERGE_KEYS)}
    changes["lang"] = language
    changes["slug"] = plan.slug
    keys = [post.meta[k] for k in spelt["translationKey"] if isinstance(post.meta[k], str) and post.meta[k]]
    changes["translationKey"] = keys[0] if keys else plan.post_id
    zone = config.time_zone(config.source_language)  # as check reads the Dutch posts
    for key in post_date_keys(post, Schema.of(config.schema).dates, zone):
        value = post.meta.get(key)
        if value is None:
            continue
        reading = read_post_date(post, key, zone)
        if reading.problem is not None:
            raise PipelineError(
                post.path, post.node_line(post.meta_nodes[key]),
                f"{key} {written_date(post, key)!r} {reading.problem}: fix it in the post, then "
                "run merge again",
            )
        if reading.replacement is not None:
            changes[key] = reading.replacement
    for name, keys in spelt.items():  # page addresses in any spelling, merge's keys in another
        for key in keys:
            if name in PAGE_ADDRESS_KEYS or key != name:
                changes[key] = DELETE
    return changes


def _record(plan: Plan, config: Config, content_hash: str) -> dict[str, str]:
    return {
        "post": config.relative(plan.source_path),
        "post_sha256": text_sha256(plan.source_bytes),
        "catalog_sha256": text_sha256(plan.catalog_bytes or b""),
        "sha256": content_hash,
    }


def _record_lines(record: dict[str, str], indent: str = "") -> str:
    return f"{indent}{RECORD_KEY}:\n" + "".join(
        f"{indent}  {name}: {double_quoted(value) if name == 'post' else scalar(value)}\n"
        for name, value in record.items()
    )


# ``(?<![^\r\n])``: at the start of a line, whatever its ending (``^`` knows only ``\n``); at the
# keys' indentation (a front matter may be indented as a whole), last before the closing ---
_RECORD_RE = re.compile(
    rf"(?<![^\r\n])[ ]*{RECORD_KEY}:(?:\r\n|\r|\n)(?:[ \t]+[^\r\n]*(?:\r\n|\r|\n))*(?=---)"
)
_RECORD_VALUE_RE = re.compile(r"(?<![^\r\n])[ \t]+(\w+):[ \t]*\"?([^\"\r\n]*)\"?")


def read_record(text: str) -> tuple[dict[str, str], str] | None:
    """The generation record of a German post and the post's text without it, if it has one."""
    if not text.startswith("---"):
        return None
    match = _RECORD_RE.search(text)
    if not match:
        return None
    values = dict(_RECORD_VALUE_RE.findall(match.group()))
    return values, text[: match.start()] + text[match.end() :]


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


def _refusal(plan: Plan, config: Config, unit: Unit | None, code: str, message: str) -> Refusal:
    catalog = config.relative(config.catalog_path(plan.post_id, plan.language))
    line = plan.message_lines.get((unit.context, unit.text)) if unit is not None else None
    return Refusal(catalog, line, code, message)


def check_refusals(plan: Plan, config: Config, language: str, links: LinkMap) -> list[Refusal]:
    """The errors of :func:`pipeline.checks.check_translation` (the rules ``check`` applies to
    each entry) for each unit whose translation is not its msgid; warnings do not block."""
    refusals: list[Refusal] = []
    seen: set[tuple[str | None, str]] = set()
    map_url = links.url_mapper(plan.post_id)
    shown = config.relative(plan.source_path)
    for unit in plan.units:
        german = plan.translation(unit)
        key = (unit.context, unit.text)
        if german is None or german == unit.text or unit.context == "slug" or key in seen:
            continue
        seen.add(key)
        for severity, code, text in check_translation(unit.text, german, language, map_url):
            if severity == "error":
                refusals.append(_refusal(plan, config, unit, code, f"{text} ({shown}:{unit.line})"))
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


def structure_refusals(
    plan: Plan, config: Config, links: LinkMap, unit_edits: Sequence[tuple[Unit, Edit]],
    other_edits: Sequence[Edit] = (),
) -> list[Refusal]:
    """The translations that change the page's structure (:mod:`pipeline.verify`): the German
    body parsed and compared with the Dutch, block by block and link by link.

    Nothing is parsed when no unit's translation differs from its msgid. A difference is put
    down to the translated unit on its lines (one by one where there are several); that unit
    is set back to the Dutch text and the body compared again, for the next one.
    """
    post = plan.post
    assert post is not None

    def translated(unit: Unit) -> bool:
        german = plan.translation(unit)
        return german is not None and german != unit.text

    if not any(translated(unit) for unit, _ in unit_edits):
        return []
    map_url = links.url_mapper(plan.post_id)
    dutch = plan.outline if plan.outline is not None else outline(post.body)
    ordered = sorted(unit_edits, key=lambda pair: pair[1].start)
    dropped: set[int] = set()
    refusals: list[Refusal] = []

    def difference(without: set[int]):  # type: ignore[no-untyped-def]
        kept = [edit for i, (_, edit) in enumerate(ordered) if i not in without]
        edits = sorted(kept + list(other_edits), key=lambda e: e.start)
        body = _german_body(post, edits)
        found = compare(dutch, outline(body), map_url)
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
            i for i, (a, b) in spans.items() if a < max(end, first + 1) and b > first and translated(ordered[i][0])
        ]
        if not candidates:  # the nearest translated unit before the difference
            before = [i for i, (a, _) in spans.items() if a <= first and translated(ordered[i][0])]
            candidates = before[-1:]
        if not candidates:
            if not refusals:  # no translated unit at or before it: the page is wrong all the same
                near = f"{config.relative(plan.source_path)}:{post.body_start + first + 1}"
                refusals.append(_refusal(
                    plan, config, None, "structure-changed",
                    f"the German page's structure differs from the source's near {near} "
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
        shown = config.relative(plan.source_path)
        refusals.append(_refusal(
            plan, config, unit, "structure-changed",
            f"translation changes the page's structure ({found.what}): keep it one {unit.kind} "
            f"with the links and markup of the source ({shown}:{unit.line})",
        ))
    return refusals


def _body_edits(plan: Plan, links: LinkMap, warnings: list[str], shown: str) -> list[tuple[Unit, Edit]]:
    """The body's unit edits: each translated unit (or one whose link destinations merge
    rewrites) with the edit that puts it in place."""
    edits: list[tuple[Unit, Edit]] = []
    for unit in plan.units:
        if unit.start is None or unit.end is None:
            continue
        german = plan.translation(unit)
        text = german if german is not None else unit.text
        rewritten = rewrite_destinations(
            text, lambda url, u=unit: links.rewrite(plan.post_id, url, warnings, f"{shown}:{u.line}")
        )
        if german is None and rewritten == unit.text:
            continue  # untranslated and nothing to rewrite: keep the Dutch bytes
        if german == unit.text and rewritten == unit.text:
            continue  # identity translation: keep the bytes as written
        edits.append((unit, Edit(unit.start, unit.end, _body_text(unit, rewritten))))
    return edits


def verify_translations(plan: Plan, config: Config, links: LinkMap) -> list[Refusal]:
    """The translations that would change the structure of the German post merge writes
    (for ``check``, which applies the entry checks itself)."""
    ignored: list[str] = []
    shown = config.relative(plan.source_path)
    unit_edits = _body_edits(plan, links, ignored, shown)
    return structure_refusals(plan, config, links, unit_edits, _ref_definition_edits(plan, links, ignored, shown))


class TranslationsRefused(Exception):
    """Translations merge will not publish: the post is not written (one line each)."""

    def __init__(self, refusals: list[Refusal]) -> None:
        self.refusals = refusals
        super().__init__(refusals)

    def __str__(self) -> str:
        return "\n".join(str(refusal) for refusal in self.refusals)


def render_post(plan: Plan, config: Config, language: str, links: LinkMap) -> tuple[bytes, list[str]]:
    """The German post's bytes, and the warnings (links that stay Dutch).

    Raises :class:`TranslationsRefused` when a translation fails a translation check with an
    error, or changes the page's structure (see :mod:`pipeline.verify`)."""
    post = plan.post
    assert post is not None
    warnings: list[str] = []
    shown = config.relative(plan.source_path)
    unit_edits = _body_edits(plan, links, warnings, shown)
    definition_edits = _ref_definition_edits(plan, links, warnings, shown)
    refusals = check_refusals(plan, config, language, links)
    refused = {refusal.line for refusal in refusals}
    refusals += [  # an entry check already said it (a new link, say): once is enough
        refusal for refusal in structure_refusals(plan, config, links, unit_edits, definition_edits)
        if refusal.line not in refused
    ]
    if refusals:
        raise TranslationsRefused(refusals)
    edits = [edit for _, edit in unit_edits] + definition_edits
    front: list[Edit] = []
    if post.has_front_matter:
        changes = _front_matter_changes(plan, config, language, warnings)
        front, intended = front_matter_edits(post, changes)
        text = apply_edits(post, front + edits)
    else:
        text = apply_edits(post, edits)
        newline = post.endings[0] or "\n"
        changes = {"lang": language, "slug": plan.slug, "translationKey": plan.post_id}
        intended = dict(changes)
        plan_meta = "---\n" + "".join(f"{key}: {scalar(value)}\n" for key, value in changes.items()) + "---\n"
        text = plan_meta.replace("\n", newline) + text
    # the record goes last in the front matter; its hash covers everything else
    bom = "\ufeff" if post.bom else ""
    record = _record(plan, config, text_sha256((bom + text).encode("utf-8")))
    lines, endings = split_lines(text)
    close = next((i for i in range(1, len(lines)) if _CLOSE_RE.fullmatch(lines[i])), None)
    if close is None:  # pragma: no cover - the front matter written above always closes
        raise PipelineError(config.relative(plan.source_path), 1, "front matter could not be written")
    pos = sum(len(line) + len(end) for line, end in zip(lines[:close], endings[:close]))
    record_text = _record_lines(record, block_indent(post) if post.has_front_matter else "")
    text = text[:pos] + record_text.replace("\n", endings[0] or "\n") + text[pos:]
    prove(post, text, {**intended, RECORD_KEY: record}, changes)
    return (bom + text).encode("utf-8"), warnings


# What may stand before a link reference definition on its line: block quote markers,
# indentation, a list item's marker
_CONTAINER_PREFIX_RE = re.compile(r"(?:[ \t]*>)*[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?")
# Blocks whose lines are never link reference definitions (code, HTML, text)


def _ref_definition_edits(plan: Plan, links: LinkMap, warnings: list[str], shown: str) -> list[Edit]:
    """Link reference definitions are outside every unit: rewrite their URLs in place.

    Segmentation recorded the lines of each definition (markdown-it-py's ``definition``
    tokens); on those lines, the one that reads ``[label]: destination`` after its container
    prefix holds the URL.
    """
    post = plan.post
    assert post is not None
    edits = []
    for index in (i for first, end in plan.definitions for i in range(first, end)):
        line = post.lines[index]
        lead = _CONTAINER_PREFIX_RE.match(line)
        offset = lead.end() if lead else 0
        match = REF_DEF_RE.match(line[offset:].lstrip(" \t"))
        if not match or match.group(1).lstrip().startswith("[^") or "](" in line:
            continue  # not a definition, or a footnote's
        offset = len(line) - len(line[offset:].lstrip(" \t"))
        dest = match.group(2)
        url = dest[1:-1] if dest.startswith("<") else dest
        new = links.rewrite(plan.post_id, url, warnings, f"{shown}:{index + 1}")
        if new != url:
            start = (index, offset + match.start(2))
            end = (index, offset + match.end(2))
            edits.append(Edit(start, end, f"<{new}>" if dest.startswith("<") else new))
    return edits


def hand_edited(data: bytes) -> bool:
    """Whether a German post was changed since merge wrote it (or was never written by merge)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    body = text.removeprefix("\ufeff")
    found = read_record(body)
    if found is None:
        return True
    values, without = found
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    return not record_matches(values.get("sha256"), (bom + without).encode("utf-8"))


def _fingerprint(config: Config) -> str:
    return repr(
        (config.source_language, config.content_dir, config.locale_dir, config.translatable_keys,
         config.list_keys, config.max_post_bytes, sorted(config.url_patterns.items()),
         sorted(config.time_zones.items()), sorted(config.links.items()),
         sorted((key, tuple(value)) for key, value in config.schema.items()),
         "front matter: aliases written out, no page address keys, every date key")
    )


def summarize_from_catalog(config: Config, path: Path, language: str) -> Summary | None:
    """The summary read off the catalog alone, without parsing the post's Markdown.

    Only valid while the catalog's msgids are the post's units, that is while the post and
    its template are what the last extract saw (the caller checks that): each reference is
    one unit, so words are counted once per reference. None when anything is off.
    """
    return _summarize_from_catalog(config, path, language)[0]


def _summarize_from_catalog(config: Config, path: Path, language: str) -> tuple[Summary | None, str | None]:
    """:func:`summarize_from_catalog`, and the digest of the catalog bytes it was made from."""
    post_id = post_id_of(config, path)
    po_path = config.catalog_path(post_id, language)
    try:
        config.confine(path)
        config.confine(po_path)
        data = po_path.read_bytes()
        catalog = parse_catalog(config.relative(po_path), data)
    except (PipelineError, OSError):
        return None, None
    return _summary_of_catalog(post_id, catalog, config.relative(po_path), language), digest(data)


def _summary_of_catalog(post_id: str, catalog: Catalog, shown: str, language: str) -> Summary | None:
    """:func:`summarize_from_catalog` of a catalog read (``shown``: its path, for errors)."""
    summary = Summary(post_id)
    refused = address_error(catalog, shown, language)
    if refused is not None:
        summary.error = str(refused)
        return summary
    given = german_title = None
    counted: list[tuple[str, int, bool]] = []  # msgid, units, translated
    headings: list[tuple[int, str, str]] = []  # the post's line (as the references say), Dutch, German
    line = 0
    for message in catalog.messages:
        if message.obsolete:
            continue
        german = used_translation(message)
        if message.msgctxt == "slug":
            summary.source_slug = message.msgid  # extract always writes the post's slug
            summary.slug_line = message.lineno
            given = german
            continue
        if message.msgctxt == "title":
            german_title = german
        times = max(1, len(message.locations))
        counted.append((message.msgid, times, german is not None))
        summary.units += times
        if german is not None:
            summary.units_translated += times
        if any(c.startswith("heading") for c in message.auto_comments):
            for _, line in message.locations or [("", line)]:  # without references: after the last
                headings.append((line, message.msgid, german or message.msgid))
    if not summary.source_slug:
        return None
    summary.anchors = heading_anchors([(dutch, german) for _, dutch, german in sorted(headings, key=lambda h: h[0])])
    if summary.units_translated < summary.units:  # else 100 %, without counting words
        words = translated = 0
        for msgid, times, done in counted:
            count = count_words(msgid) * times
            words += count
            translated += count if done else 0
        summary.percent = 100.0 if words == 0 else 100.0 * translated / words
    summary.slug = german_slug(given, german_title, summary.source_slug, language)
    return summary


Digests = dict[str, "str | None"]
"""What the files a result was made from hash to: ``post`` and ``po`` (:func:`pipeline.cache.digest`)."""


def plan_digests(plan: Plan) -> Digests:
    """The digests of the very bytes a plan was made from (a save after they were read
    does not change them): the key under which what was made from the plan is cached."""
    return {"post": digest(plan.source_bytes), "po": digest(plan.catalog_bytes)}


class _Summarize:
    """Picklable ``(path, from_catalog) -> (Summary, new segmentation, digests of what it
    read)`` for workers; made off the catalog alone, the digests have no ``post``."""

    def __init__(self, config: Config, language: str, kept: KeptSegmentation | None) -> None:
        self.config, self.language, self.kept = config, language, kept

    def __call__(self, item: tuple[Path, bool]) -> tuple[Summary, Segmentation | None, Digests]:
        path, from_catalog = item
        if from_catalog:
            summary, catalog_digest = _summarize_from_catalog(self.config, path, self.language)
            if summary is not None:
                return summary, None, {"po": catalog_digest}
        plan = plan_post(self.config, path, self.language, self.kept)
        return summarize(plan), plan.segmentation, plan_digests(plan)


@dataclass
class Rendered:
    """What a worker tells the main process of one post it rendered."""

    result: MergeResult
    digest: str | None = None
    """Of the German post as it now is (None: not written, nothing to remember)."""
    stat: tuple[int, int, int, int] | None = None
    """The German post's stat right after it was written."""
    segmentation: Segmentation | None = None
    """The post's segmentation, when the worker had to parse the post (for the cache)."""
    read: Digests | None = None
    """The digests of the post and catalog bytes the German post was made from (its cache key)."""


class _Render:
    """Picklable ``path -> Rendered`` for worker processes."""

    def __init__(
        self, config: Config, language: str, links: LinkMap, force: bool, min_translated: float,
        kept: KeptSegmentation | None,
    ) -> None:
        self.config, self.language, self.links, self.force = config, language, links, force
        self.min_translated, self.kept = min_translated, kept

    def __call__(self, path: Path) -> Rendered:
        """Render one post; a German post saved by someone else meanwhile is never
        overwritten: the post is rendered again from the new file (``ATTEMPTS`` times),
        then left as it is and reported."""
        for _ in range(ATTEMPTS):
            try:
                return self._render(path)
            except FileChanged as exc:
                changed = exc
            except WriteFailed as exc:
                return Rendered(MergeResult(post_id_of(self.config, path), exc.path, "error", message=str(exc)))
        message = f"{changed}; run merge again"
        return Rendered(MergeResult(post_id_of(self.config, path), changed.path, "error", message=message))

    def _render(self, path: Path) -> Rendered:
        config, language = self.config, self.language
        plan = plan_post(config, path, language, self.kept)
        target = config.relative(plan.target_path)
        if plan.error is not None or plan.address_error is not None:
            message = str(plan.error or plan.address_error)
            return Rendered(MergeResult(plan.post_id, target, "error", message=message))
        percent = plan.percent
        # what the catalog's reader put right (a duplicate entry): said until extract fixes it
        read_warnings = [str(warning) for warning in plan.catalog.warnings] if plan.catalog else []
        if percent < self.min_translated:  # the summary was off: never publish below it
            action = "stale" if plan.target_path.exists() else "below"
            result = MergeResult(plan.post_id, target, action, percent, warnings=read_warnings)
            return Rendered(result, segmentation=plan.segmentation)
        try:
            data, warnings = render_post(plan, config, language, self.links)
        # refused translations, or a front matter that cannot be written safely: the post
        # is not written; the others go on
        except (TranslationsRefused, PipelineError) as exc:
            result = MergeResult(plan.post_id, target, "error", percent, str(exc))
            return Rendered(result, segmentation=plan.segmentation)
        warnings = read_warnings + warnings
        read = plan_digests(plan)
        try:
            old, snapshot = read_file(plan.target_path)
        except OSError as exc:  # a folder in its place
            return Rendered(MergeResult(plan.post_id, target, "error", message=str(unreadable(target, exc))))
        if old is not None and same_text(old, data):  # line endings aside: see same_text
            result = MergeResult(plan.post_id, target, "unchanged", percent, warnings=warnings)
            # the digest read_file took of these bytes (the cache's digest: one hash)
            assert snapshot.digest is not None
            return Rendered(result, snapshot.digest.hex(), segmentation=plan.segmentation, read=read)
        if old is not None and hand_edited(old) and not self.force:
            message = (
                f"{target}: changed by hand since merge wrote it: move the change into "
                f"{config.relative(config.catalog_path(plan.post_id, language))}, "
                "or run merge --force to overwrite it"
            )
            return Rendered(MergeResult(plan.post_id, target, "edited", percent, message, warnings))
        write_atomic(plan.target_path, data, snapshot, target)
        stat = file_signature(plan.target_path)
        result = MergeResult(plan.post_id, target, "written", percent, warnings=warnings)
        return Rendered(result, digest(data), stat, plan.segmentation, read)


def summaries_cache(store: Store, config: Config, language: str) -> RunCache:
    """Post summaries by (post, catalog) digests, so that merge and check need not read a
    post whose catalog is unchanged."""
    return RunCache(store, f"summaries-{language}", _fingerprint(config))


def collect_summaries(
    store: Store,
    config: Config,
    paths: Sequence[Path],
    language: str,
    jobs: int = 1,
    keys: dict[Path, dict[str, str | None]] | None = None,
) -> list[Summary]:
    """A summary of each post, from the cache where the post and catalog are unchanged.
    ``keys``, when given, receives the digests of each post and catalog as they were when
    this pass began. A summary is cached under the digests of the bytes it was made from."""
    from pipeline.extract import extract_cache

    cache = summaries_cache(store, config, language) if store.enabled else None
    extracted = extract_cache(store, config) if store.enabled else None
    found: dict[Path, Summary] = {}
    keys = {} if keys is None else keys
    todo: list[tuple[Path, bool]] = []
    for path in paths:
        post_id = post_id_of(config, path)
        keys[path] = {"post": store.file_digest(path), "po": store.file_digest(config.catalog_path(post_id, language))}
        entry = cache.get(post_id, keys[path]) if cache else None
        if entry is not None:
            found[path] = Summary(**entry["summary"])
            continue
        # the catalog alone will do if the post and its template are as extract left them
        seen = (extracted.record(post_id) or {}).get("digests", {}) if extracted else {}
        from_catalog = (
            bool(seen)
            and seen.get("post") == keys[path]["post"]
            and seen.get("pot") == store.file_digest(config.template_path(post_id))
        )
        todo.append((path, from_catalog))
    work = ordered_map(_Summarize(config, language, kept_segmentations(store, config)), todo, jobs)
    for path, (summary, segmentation, read) in zip((item[0] for item in todo), work):
        found[path] = summary
        keep_segmentation(store, config, summary.post_id, segmentation)
        if cache is not None and summary.error is None:
            cache.put(summary.post_id, {**keys[path], **read}, summary=asdict(summary))
    store.commit()  # what this pass kept, the next pass's workers read
    return [found[path] for path in paths]


def merge(
    config: Config,
    paths: Sequence[Path] = (),
    language: str = "de",
    min_translated: float = 100.0,
    force: bool = False,
    jobs: int = 1,
    use_cache: bool = True,
    sources: Sequence[Path] | None = None,
) -> list[MergeResult]:
    """Write the German posts whose catalogs are translated enough; one result per post.

    Two passes: a summary of every post (slugs, anchors, completeness: what links between
    posts need), then each selected post rendered. Both run in ``jobs`` processes, and both
    skip what the cache in ``.pipeline-cache/`` shows is unchanged (keyed by content hashes).
    """
    if sources is None:  # the caller may have listed them already (to check the paths given)
        sources = find_posts(config, list(paths))
    scope = sources if not paths else find_posts(config)
    # a name no catalog can hold is reported in its place and passed to nothing else
    refused = {path: error for path in scope if (error := refused_name(config, path)) is not None}
    with Store(config.root, use_cache) as store:
        merged = iter(_merge(
            store, config, [p for p in sources if p not in refused], [p for p in scope if p not in refused],
            language, min_translated, force, jobs,
        ))
    return [
        MergeResult(post_id_of(config, path), refused[path].path, "error", message=str(refused[path]))
        if path in refused else next(merged)
        for path in sources
    ]


def _merge(
    store: Store,
    config: Config,
    sources: list[Path],
    scope: list[Path],
    language: str,
    min_translated: float,
    force: bool,
    jobs: int,
) -> list[MergeResult]:
    read: dict[Path, dict[str, str | None]] = {}
    summaries = collect_summaries(store, config, scope, language, jobs, read)
    by_path = dict(zip(scope, summaries))

    def target_of(summary: Summary) -> Path:
        return config.target_dir(language) / f"{summary.post_id}.md"

    results: dict[Path, MergeResult] = {}
    candidates: list[Path] = []
    targets: dict[Path, tuple[Path, str]] = {}  # the German post's path, and as shown
    for path in sources:
        summary = by_path[path]
        target = target_of(summary)
        shown = config.relative(target)
        targets[path] = target, shown
        if summary.error is not None:
            results[path] = MergeResult(summary.post_id, shown, "error", message=summary.error)
        elif summary.percent < min_translated:
            action = "stale" if target.exists() else "below"
            results[path] = MergeResult(summary.post_id, shown, action, summary.percent)
        else:
            candidates.append(path)

    # The site's pages as they are, and the slugs the candidates would give theirs: a page
    # keeps its slug, and a post that would take another page's is refused, before anything
    # is written (Hugo would publish one of the two)
    slug_cache = RunCache(store, f"slugs-{language}", _fingerprint(config)) if store.enabled else None
    held = german_slugs(store, config, language, slug_cache)
    wanted = {by_path[path].post_id: by_path[path].slug for path in candidates}
    blocked = settle_slugs(held, wanted)
    available = {
        s.post_id
        for s in summaries
        if s.error is None and (s.percent >= min_translated or target_of(s).exists())
        and (s.post_id not in blocked or s.post_id in held)
    }
    # links to a refused post go to its page as it stays (if it has one)
    link_summaries = [
        replace(s, slug=held[s.post_id]) if s.post_id in blocked and s.post_id in held else s
        for s in summaries
    ]
    links = LinkMap(config, language, link_summaries, available)
    link_digest = links.digest()
    cache = RunCache(store, f"merge-{language}", _fingerprint(config)) if store.enabled else None
    keys: dict[Path, dict[str, str | None]] = {}
    for path in candidates:
        keys[path] = {  # the post and catalog as the summary pass found them
            "post": read[path]["post"],
            "po": read[path]["po"],
            "target": store.file_digest(targets[path][0]),
            "links": link_digest,
        }
    render = _Render(config, language, links, force, min_translated, kept_segmentations(store, config))
    # in rounds: a post whose slug a page gives up in this run (its post moves to another
    # slug) is written after that page has moved, and only if it did
    pending = candidates
    while pending:
        in_way = slug_blockers(held, {by_path[path].post_id: by_path[path].slug for path in pending})
        ready = [path for path in pending if by_path[path].post_id not in in_way]
        if not ready:
            break
        todo: list[Path] = []
        for path in ready:
            summary = by_path[path]
            # --force trusts no cache: it renders every post and compares
            entry = cache.get(summary.post_id, keys[path]) if cache is not None and not force else None
            if entry is not None:
                results[path] = MergeResult(
                    summary.post_id, targets[path][1], "unchanged", summary.percent,
                    warnings=entry["warnings"],
                )
            else:
                todo.append(path)
        for path, done in zip(todo, ordered_map(render, todo, jobs)):
            result = done.result
            results[path] = result
            keep_segmentation(store, config, result.post_id, done.segmentation)
            if cache is not None:
                if done.digest is None:
                    cache.drop(result.post_id)
                else:
                    store.wrote(config.target_dir(language) / f"{result.post_id}.md", done.stat, done.digest)
                    # keyed by the bytes the page was made from, which a save may have changed
                    # since the summary pass read them
                    key = {**keys[path], **(done.read or {}), "target": done.digest}
                    cache.put(result.post_id, key, warnings=result.warnings)
            if slug_cache is not None and result.action == "written":
                slug_cache.put(result.post_id, {"post": done.digest}, slug=wanted[result.post_id])
        for path in ready:
            post_id = by_path[path].post_id
            if results[path].action in ("written", "unchanged"):
                held[post_id] = wanted[post_id]
        pending = [path for path in pending if by_path[path].post_id in in_way]
    for path in pending:
        summary = by_path[path]
        clash = slug_clash(config, language, summary, in_way[summary.post_id], held)
        results[path] = MergeResult(summary.post_id, targets[path][1], "error",
                                    summary.percent, str(clash))
    return [results[path] for path in sources]


def german_slugs(store: Store, config: Config, language: str, cache: RunCache | None) -> dict[str, str]:
    """The slug of every post in a target language's folder as it is now, by post id: the
    pages whose URLs a post about to be written must not take. Read from ``cache`` while a
    post's bytes are what it saw; a post that cannot be read has none. Symlinks that lead out
    of the root are not followed (check reports them)."""
    folder = str(config.target_dir(language))
    slugs: dict[str, str] = {}
    found_posts: list[tuple[str, str]] = []
    # os.walk and strings, not rglob, Paths and a confine() per file: this runs on every
    # merge, over every post of the site
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        prefix = dirpath[len(folder) + 1 :].replace(os.sep, "/")
        for name in filenames:
            if name.endswith(".md"):
                post_id = f"{prefix}/{name[:-3]}" if prefix else name[:-3]
                found_posts.append((post_id, os.path.join(dirpath, name)))
    for post_id, name in sorted(found_posts):
        path = Path(name)
        if os.path.islink(name):
            try:
                config.confine(path)
            except PipelineError:
                continue
        found = store.file_digest(path)
        if found is None:
            continue  # a folder named x.md, or gone
        entry = cache.get(post_id, {"post": found}) if cache else None
        if entry is not None:
            slug = entry["slug"]
        else:
            try:
                post = load_post(config.relative(path), path.read_bytes(), config.max_post_bytes)
                slug = effective_slug(post_id, post.meta)
            except (PipelineError, OSError):
                slug = None
            if cache is not None:
                cache.put(post_id, {"post": found}, slug=slug)
        if slug:
            slugs[post_id] = slug
    return slugs


def slug_clash(
    config: Config, language: str, summary: Summary, others: Sequence[str], held: dict[str, str]
) -> PipelineError:
    """The error of a post whose slug is another page's (:func:`pipeline.links.slug_blockers`),
    at its catalog's slug entry."""
    name = shown_language(language)
    named = []
    wanted = page_path(summary.post_id, summary.slug)
    for other in others[:3]:  # a site where hundreds share a title: one line all the same
        page = config.relative(config.target_dir(language) / f"{other}.md")
        if is_section(other):
            if os.path.lexists(config.target_dir(language) / f"{other}.md"):
                named.append(f"{page} (the list page of its folder)")
            else:
                folder = config.relative(config.target_dir(language) / other.rpartition("/")[0])
                named.append(f"{folder}/ (the list page Hugo makes for that folder)")
        elif other in held and page_path(other, held[other]) == wanted:
            source = config.source_dir / f"{other}.md"
            if os.path.lexists(source):
                named.append(page)
            else:  # left by a Dutch post renamed or deleted: its URL is free once it is gone
                named.append(f"{page} (no Dutch original {config.relative(source)}: "
                             f"if that post was renamed, delete {page})")
        else:
            catalog = config.relative(config.catalog_path(other, language))
            named.append(f"{page} (not written yet: {catalog} gives it the same slug)")
    if len(others) > 3:
        named.append(f"{len(others) - 3} more")
    return PipelineError(
        config.relative(config.catalog_path(summary.post_id, language)),
        summary.slug_line,
        f"{name} slug {summary.slug!r} is also the slug of {', '.join(named)}: give this post "
        'its own slug (translate the msgctxt "slug" entry)',
    )
