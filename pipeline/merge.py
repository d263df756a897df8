"""``pipeline merge``: a Dutch post and its German catalog to the German post.

The German post is the Dutch post with each translated unit's span replaced by its msgstr
(container prefixes put back); every other byte stays. Fuzzy and untranslated units fall back
to the Dutch text. The front matter is edited in place: translated values, ``lang``, ``slug``,
``translationKey``, a date Hugo can read, and a record of what the post was generated from.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from pipeline.cache import RunCache, Store, digest, file_signature
from pipeline.config import Config
from pipeline.dates import hugo_date
from pipeline.errors import PipelineError, unreadable
from pipeline.extract import (
    KeptSegmentation, Segmentation, find_posts, keep_segmentation, kept_segmentations, post_id_of,
    post_units,
)
from pipeline.edits import Edit, apply_edits
from pipeline.files import write_atomic
from pipeline.parallel import ordered_map
from pipeline.links import REF_DEF_RE, heading_anchor, post_url, rewrite_destinations, slugify
from pipeline.po import Catalog, parse_catalog
from pipeline.post import NEWLINE_RE, _CLOSE_RE, Post, load_post, split_lines
from pipeline.segment import Unit, effective_slug, html_block_opener
from pipeline.yamlout import double_quoted, flow_list, scalar

RECORD_KEY = "generated_from"
_WORD_RE = re.compile(r"\w[\w'’.,-]*\w|\w")


def count_words(text: str) -> int:
    """Words as Translate Toolkit's pocount counts them, near enough: runs of word characters."""
    return len(_WORD_RE.findall(text))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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
    slug: str = ""
    source_slug: str = ""
    error: PipelineError | None = None
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


def summarize(plan: Plan) -> Summary:
    summary = Summary(plan.post_id, plan.source_slug, plan.slug)
    if plan.error is not None or plan.post is None:
        summary.error = str(plan.error) if plan.error else "not read"
        return summary
    for unit in plan.units:
        german = plan.translation(unit)
        if unit.kind.startswith("heading") and german:
            summary.anchors[heading_anchor(unit.text)] = heading_anchor(german)
        if unit.context != "slug":
            summary.units += 1
            summary.units_translated += german is not None
    summary.percent = plan.percent
    return summary


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
    except PipelineError as exc:
        plan.error = exc
        return plan
    except OSError as exc:
        plan.error = unreadable(shown, exc)
        return plan
    plan.units, plan.definitions, plan.segmentation = post_units(
        config, plan.post, post_id, str(digest(plan.source_bytes)), kept
    )
    plan.source_slug = effective_slug(post_id, plan.post.meta)
    po_path = config.catalog_path(post_id, language)
    catalog: Catalog | None = None
    try:
        config.confine(po_path)
        plan.catalog_bytes = po_path.read_bytes()
        catalog = parse_catalog(config.relative(po_path), plan.catalog_bytes)
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


def apply_catalog(plan: Plan, catalog: Catalog | None, language: str) -> None:
    """Fill a plan's translations and German slug from its catalog."""
    if catalog is not None:
        for message in catalog.messages:
            # a msgstr of only blanks is no translation (it would empty its block)
            if message.translated and message.msgid_plural is None and message.msgstr.strip():
                plan.translations[message.key] = message.msgstr
    slug_unit = next(u for u in plan.units if u.context == "slug")
    given = plan.translation(slug_unit)
    title = next((u for u in plan.units if u.context == "title"), None)
    german_title = plan.translation(title) if title else None
    # the translator's slug, else the German title's; the Dutch slug when either comes out
    # empty (a title of only punctuation or of letters without an ASCII transliteration)
    plan.slug = (
        (slugify(given, language) if given else "")
        or (slugify(german_title, language) if german_title else "")
        or plan.source_slug
    )


# --------------------------------------------------------------------------------------
# Span replacement


# The start of a line that would open a block of its own where a paragraph's line stands:
# an ordered or bullet list item, an ATX heading, a block quote, a code fence, a thematic
# break or setext underline, a link reference or footnote definition
_ORDERED_START_RE = re.compile(r"\d{1,9}(?=[.)](?:[ \t]|$))")
_BLOCK_START_RE = re.compile(
    r"[-+*](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|>|`{3,}[^`]*$|~{3,}|=+[ \t]*$|(?:[-*_][ \t]*){3,}$"
    r"|\[[^\]]+\]:"
)
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
        line = _escape_line_start(translation.replace("\n", " "))
        return _CLOSING_HASHES_RE.sub(r"\1\\\2", line)
    lines = [line for line in translation.split("\n") if line.strip(" \t")] or [""]
    if unit.kind != "html block":
        lines = [_escape_line_start(line, i == 0) for i, line in enumerate(lines)]
    return ("\n" + unit.prefix).join(lines)


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


_PROPERTIES_RE = re.compile(r"(?:[&!][^ \t]*[ \t]+)+")


def _value_edit(post: Post, node: yaml.Node, value_text: str) -> Edit:
    """An edit that puts ``value_text`` in place of a front matter value node.

    The node's anchor and tag (``&t``, ``!!str``) stay, or an alias to it would dangle; an
    empty value (``slug:``) gets a space after its colon; a block scalar (``>``, ``|``)
    ends before its last line break.
    """
    start = (post.front_matter_offset + node.start_mark.line, node.start_mark.column)
    end = (post.front_matter_offset + node.end_mark.line, node.end_mark.column)
    if end[1] == 0 and end[0] > start[0]:
        end = (end[0] - 1, len(post.lines[end[0] - 1]))
    properties = _PROPERTIES_RE.match(post.lines[start[0]], start[1])
    if properties and (start[0], properties.end()) <= end:
        start = (start[0], properties.end())
    if start == end:
        value_text = " " + value_text
    return Edit(start, end, value_text)


def _front_matter_edits(plan: Plan, config: Config, language: str) -> list[Edit]:
    post = plan.post
    assert post is not None
    edits: list[Edit] = []
    close = post.body_start - 1
    appended: list[str] = []

    def set_key(key: str, value_text: str) -> None:
        if key in post.meta_nodes:
            edits.append(_value_edit(post, post.meta_nodes[key], value_text))
        else:
            appended.append(f"{key}: {value_text}")

    # translated values, item by item
    by_key: dict[str, list[Unit]] = {}
    for unit in plan.units:
        if unit.key and unit.context != "slug":
            by_key.setdefault(unit.key, []).append(unit)
    for key, units in by_key.items():
        value = post.meta.get(key)
        node = post.meta_nodes[key]
        if isinstance(value, list):
            for unit in units:
                german = plan.translation(unit)
                if german is None or unit.index is None:
                    continue
                item = node.value[unit.index]
                edits.append(_value_edit(post, item, scalar(german, flow=bool(node.flow_style))))
        elif key in config.list_keys:
            items = [plan.translation(u) or u.text for u in units]
            set_key(key, flow_list(items))
        else:
            german = plan.translation(units[0])
            if german is not None:
                set_key(key, scalar(german))
    set_key("lang", scalar(language))
    set_key("slug", scalar(plan.slug))
    key = post.meta.get("translationKey")
    set_key("translationKey", scalar(key if isinstance(key, str) and key else plan.post_id))
    new_date = hugo_date(post.meta.get("date"), config.time_zones.get(config.source_language, "Europe/Amsterdam"))
    if new_date:
        set_key("date", new_date)
    if appended:
        edits.append(Edit((close, 0), (close, 0), "".join(line + "\n" for line in appended)))
    return edits


def _record_lines(plan: Plan, config: Config, content_hash: str) -> str:
    return (
        f"{RECORD_KEY}:\n"
        f"  post: {double_quoted(config.relative(plan.source_path))}\n"
        f"  post_sha256: {sha256(plan.source_bytes)}\n"
        f"  catalog_sha256: {sha256(plan.catalog_bytes or b'')}\n"
        f"  sha256: {content_hash}\n"
    )


# ``(?<![^\r\n])``: at the start of a line, whatever its ending (``^`` knows only ``\n``)
_RECORD_RE = re.compile(
    rf"(?<![^\r\n]){RECORD_KEY}:(?:\r\n|\r|\n)(?:[ \t]+[^\r\n]*(?:\r\n|\r|\n))*"
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


def render_post(plan: Plan, config: Config, language: str, links: LinkMap) -> tuple[bytes, list[str]]:
    """The German post's bytes, and the warnings (links that stay Dutch)."""
    post = plan.post
    assert post is not None
    warnings: list[str] = []
    edits: list[Edit] = []
    shown = config.relative(plan.source_path)
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
        edits.append(Edit(unit.start, unit.end, _body_text(unit, rewritten)))
    edits += _ref_definition_edits(plan, links, warnings, shown)
    front: list[Edit] = []
    if post.has_front_matter:
        front = _front_matter_edits(plan, config, language)
        text = apply_edits(post, front + edits)
    else:
        text = apply_edits(post, edits)
        newline = post.endings[0] or "\n"
        plan_meta = (
            f"---\nlang: {scalar(language)}\nslug: {scalar(plan.slug)}\n"
            f"translationKey: {scalar(plan.post_id)}\n---\n"
        )
        text = plan_meta.replace("\n", newline) + text
    # the record goes last in the front matter; its hash covers everything else
    bom = "\ufeff" if post.bom else ""
    content_hash = sha256((bom + text).encode("utf-8"))
    lines, endings = split_lines(text)
    close = next((i for i in range(1, len(lines)) if _CLOSE_RE.fullmatch(lines[i])), None)
    if close is None:  # pragma: no cover - the front matter written above always closes
        raise PipelineError(config.relative(plan.source_path), 1, "front matter could not be written")
    pos = sum(len(line) + len(end) for line, end in zip(lines[:close], endings[:close]))
    record = _record_lines(plan, config, content_hash).replace("\n", endings[0] or "\n")
    return (bom + text[:pos] + record + text[pos:]).encode("utf-8"), warnings


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
    return values.get("sha256") != sha256((bom + without).encode("utf-8"))


def _fingerprint(config: Config) -> str:
    return repr(
        (config.source_language, config.content_dir, config.locale_dir, config.translatable_keys,
         config.list_keys, config.max_post_bytes, sorted(config.url_patterns.items()),
         sorted(config.time_zones.items()), sorted(config.links.items()))
    )


def summarize_from_catalog(config: Config, path: Path, language: str) -> Summary | None:
    """The summary read off the catalog alone, without parsing the post's Markdown.

    Only valid while the catalog's msgids are the post's units, that is while the post and
    its template are what the last extract saw (the caller checks that): each reference is
    one unit, so words are counted once per reference. None when anything is off.
    """
    post_id = post_id_of(config, path)
    po_path = config.catalog_path(post_id, language)
    try:
        config.confine(path)
        config.confine(po_path)
        catalog = parse_catalog(config.relative(po_path), po_path.read_bytes())
    except (PipelineError, OSError):
        return None
    summary = Summary(post_id)
    given = german_title = None
    counted: list[tuple[str, int, bool]] = []  # msgid, units, translated
    for message in catalog.messages:
        if message.obsolete:
            continue
        translated = message.translated and message.msgid_plural is None and message.msgstr.strip()
        german = message.msgstr if translated else None
        if message.msgctxt == "slug":
            summary.source_slug = message.msgid  # extract always writes the post's slug
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
                summary.anchors[heading_anchor(message.msgid)] = heading_anchor(german)
    if not summary.source_slug:
        return None
    if summary.units_translated < summary.units:  # else 100 %, without counting words
        words = translated = 0
        for msgid, times, done in counted:
            count = count_words(msgid) * times
            words += count
            translated += count if done else 0
        summary.percent = 100.0 if words == 0 else 100.0 * translated / words
    summary.slug = (
        (slugify(given, language) if given else "")
        or (slugify(german_title, language) if german_title else "")
        or summary.source_slug
    )
    return summary


class _Summarize:
    """Picklable ``(path, from_catalog) -> (Summary, new segmentation)`` for workers."""

    def __init__(self, config: Config, language: str, kept: KeptSegmentation | None) -> None:
        self.config, self.language, self.kept = config, language, kept

    def __call__(self, item: tuple[Path, bool]) -> tuple[Summary, Segmentation | None]:
        path, from_catalog = item
        if from_catalog:
            summary = summarize_from_catalog(self.config, path, self.language)
            if summary is not None:
                return summary, None
        plan = plan_post(self.config, path, self.language, self.kept)
        return summarize(plan), plan.segmentation


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


class _Render:
    """Picklable ``path -> Rendered`` for worker processes."""

    def __init__(
        self, config: Config, language: str, links: LinkMap, force: bool, min_translated: float,
        kept: KeptSegmentation | None,
    ) -> None:
        self.config, self.language, self.links, self.force = config, language, links, force
        self.min_translated, self.kept = min_translated, kept

    def __call__(self, path: Path) -> Rendered:
        config, language = self.config, self.language
        plan = plan_post(config, path, language, self.kept)
        target = config.relative(plan.target_path)
        if plan.error is not None:
            return Rendered(MergeResult(plan.post_id, target, "error", message=str(plan.error)))
        percent = plan.percent
        if percent < self.min_translated:  # the summary was off: never publish below it
            action = "stale" if plan.target_path.exists() else "below"
            return Rendered(MergeResult(plan.post_id, target, action, percent), segmentation=plan.segmentation)
        data, warnings = render_post(plan, config, language, self.links)
        try:
            old: bytes | None = plan.target_path.read_bytes()
        except FileNotFoundError:
            old = None
        except OSError as exc:  # a folder in its place
            return Rendered(MergeResult(plan.post_id, target, "error", message=str(unreadable(target, exc))))
        if old == data:
            result = MergeResult(plan.post_id, target, "unchanged", percent, warnings=warnings)
            return Rendered(result, digest(data), segmentation=plan.segmentation)
        if old is not None and hand_edited(old) and not self.force:
            message = (
                f"{target}: changed by hand since merge wrote it: move the change into "
                f"{config.relative(config.catalog_path(plan.post_id, language))}, "
                "or run merge --force to overwrite it"
            )
            return Rendered(MergeResult(plan.post_id, target, "edited", percent, message, warnings))
        write_atomic(plan.target_path, data)
        stat = file_signature(plan.target_path)
        result = MergeResult(plan.post_id, target, "written", percent, warnings=warnings)
        return Rendered(result, digest(data), stat, plan.segmentation)


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
    ``keys``, when given, receives the digests of each post and catalog as they were read."""
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
    for path, (summary, segmentation) in zip((item[0] for item in todo), work):
        found[path] = summary
        keep_segmentation(store, config, summary.post_id, segmentation)
        if cache is not None and summary.error is None:
            cache.put(summary.post_id, keys[path], summary=asdict(summary))
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
    with Store(config.root, use_cache) as store:
        return _merge(store, config, sources, scope, language, min_translated, force, jobs)


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

    available = {
        s.post_id
        for s in summaries
        if s.error is None and (s.percent >= min_translated or target_of(s).exists())
    }
    links = LinkMap(config, language, summaries, available)
    link_digest = links.digest()
    cache = RunCache(store, f"merge-{language}", _fingerprint(config)) if store.enabled else None
    results: dict[Path, MergeResult] = {}
    keys: dict[Path, dict[str, str | None]] = {}
    todo: list[Path] = []
    for path in sources:
        summary = by_path[path]
        target = target_of(summary)
        shown = config.relative(target)
        if summary.error is not None:
            results[path] = MergeResult(summary.post_id, shown, "error", message=summary.error)
            continue
        if summary.percent < min_translated:
            action = "stale" if target.exists() else "below"
            results[path] = MergeResult(summary.post_id, shown, action, summary.percent)
            continue
        keys[path] = {  # the post and catalog as the summary pass read them
            "post": read[path]["post"],
            "po": read[path]["po"],
            "target": store.file_digest(target),
            "links": link_digest,
        }
        entry = cache.get(summary.post_id, keys[path]) if cache else None
        if entry is not None:
            results[path] = MergeResult(
                summary.post_id, shown, "unchanged", summary.percent, warnings=entry["warnings"]
            )
        else:
            todo.append(path)
    render = _Render(config, language, links, force, min_translated, kept_segmentations(store, config))
    for path, done in zip(todo, ordered_map(render, todo, jobs)):
        result = done.result
        results[path] = result
        keep_segmentation(store, config, result.post_id, done.segmentation)
        if cache is not None:
            if done.digest is None:
                cache.drop(result.post_id)
            else:
                store.wrote(config.target_dir(language) / f"{result.post_id}.md", done.stat, done.digest)
                cache.put(result.post_id, {**keys[path], "target": done.digest}, warnings=result.warnings)
    return [results[path] for path in sources]
