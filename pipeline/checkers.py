"""Small checks, each a function returning problems: front matter, slugs, translations.

They decide nothing themselves: merge's refusals (:mod:`pipeline.render`) and check's report
(:mod:`pipeline.check`) run these lists.

Translation checks are Weblate's and pofilter's idea, done for Markdown: they compare what
markdown-it-py sees in the msgid and the msgstr, not the raw characters.
"""

from __future__ import annotations

import bisect
import posixpath
import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple


from pipeline.attributes import dropped_html_values
from pipeline.markdown import heading_attributes, inline_parser
from pipeline.dates import date_text, post_date_keys, read_post_date, written_date
from pipeline.links import LINK_DEST_RE, SLUG_RE, code_span_ranges, slugify, untransliterable
from pipeline.languages import foreign_quotes, quotation_marks, quotes_message
from pipeline.frontformats import pair_example
from pipeline.post import Post
from pipeline.segment import SHORTCODE_PATTERN, html_block_opener


#: What a fixable problem's message ends with (``check`` says otherwise for a generated post)
FIX_ADVICE = "(`pipeline check --fix` does)"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong, at ``file:line``. Slots: a check of 10,000 posts may hold tens of
    thousands of them until it reports them."""

    file: str
    line: int | None
    severity: str
    """``error`` or ``warning``."""
    code: str
    """A stable name for the kind of problem (``date-zone``, ``link-target``, …)."""
    message: str
    fixable: bool = False

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.severity}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, str | int | bool | None]:
        """``dataclasses.asdict(self)`` without its deep copy (its values are text, numbers
        and None): what the caches keep of each problem, thousands per run."""
        return {name: getattr(self, name) for name in self.__slots__}


#: One problem of a translation: (severity, code, message)
TranslationProblem = tuple[str, str, str]


# --------------------------------------------------------------------------------------
# Front matter


class FrontMatterContext(NamedTuple):
    """What a front matter check needs besides the post."""

    language: str
    """The post's language (its folder under content/)."""
    zone: str
    """The site's time zone, for dates without an offset."""
    schema: Schema
    date_elsewhere: bool = False
    """Hugo gives the page a date without a front matter key (a section's list page, which
    needs none; a ``:filename`` date handler and a dated file name): no date is required."""


def _key_line(post: Post, key: str) -> int:
    """The line of ``key`` in the front matter (1 for a key it does not have)."""
    node = post.meta_nodes.get(key)
    return post.node_line(node) if node is not None else 1


def check_front_matter_present(post: Post, context: FrontMatterContext) -> Iterable[Problem]:
    if not post.has_front_matter:
        yield Problem(post.path, 1, "error", "front-matter-missing", "no front matter: start the file with a '---' block")


def check_duplicate_keys(post: Post, context: FrontMatterContext) -> Iterable[Problem]:
    for key, line, first in post.duplicate_keys:
        yield Problem(post.path, line, "error", "front-matter-duplicate",
                      f"{key} is given twice (first on line {first}); {post.front_matter_format.upper()} and Hugo keep the last "
                      "silently (the first is lost): keep one")


def check_required_keys(post: Post, context: FrontMatterContext) -> Iterable[Problem]:
    meta, schema = post.meta, context.schema
    for key in schema.required:
        if key == "date":
            continue  # the date check says more
        if key not in meta or meta[key] is None:
            where = _key_line(post, key) if key in meta else 1
            misspelt = next((given for given in meta if isinstance(given, str)
                             and given.lower() not in _known_keys(schema)
                             and _misspelling_of(given, [key]) == key.lower()), None) if key not in meta else None
            if misspelt is not None:  # (key-misspelt leaves it to this error)
                yield Problem(post.path, _key_line(post, misspelt), "error", f"{key}-missing",
                              f"no {key}; did you mean {key}? ({misspelt} on line {_key_line(post, misspelt)})")
                continue
            yield Problem(post.path, where, "error", f"{key}-missing",
                          f"no {key}: add '{pair_example(post.front_matter_format, key, '…')}' to the front matter")
        elif meta[key] == "" and key not in schema.strings:  # the text check says it
            yield Problem(post.path, _key_line(post, key), "error", f"{key}-missing", f"{key} is empty: write one")


def check_text_keys(post: Post, context: FrontMatterContext) -> Iterable[Problem]:
    meta, schema = post.meta, context.schema
    for key in schema.strings:
        if key in meta and meta[key] is not None and not isinstance(meta[key], str):
            yield Problem(post.path, _key_line(post, key), "error", f"{key}-type",
                          f"{key} must be text, not {_kind(meta[key])}")
        elif key in meta and isinstance(meta[key], str) and not meta[key].strip() and key in schema.required:
            yield Problem(post.path, _key_line(post, key), "error", f"{key}-missing", f"{key} is empty: write one")


def check_boolean_keys(post: Post, context: FrontMatterContext) -> Iterable[Problem]:
    meta = post.meta
    for key in context.schema.booleans:
        if key in meta and not isinstance(meta[key], bool):
            yield Problem(post.path, _key_line(post, key), "error", f"{key}-type",
                          f"{key} must be true or false, not {meta[key]!r}")


def check_list_keys(post: Post, context: FrontMatterContext) -> Iterable[Problem]:
    for key in context.schema.lists:
        value = post.meta.get(key)
        if value is None:
            continue
        if isinstance(value, str):
            yield Problem(
                post.path,
                _key_line(post, key),
                "warning",
                f"{key}-string",
                f"{key} is one string; Hugo reads it as a single {key[:-1] if key.endswith('s') else key}: "
                f"write a {'YAML list' if post.front_matter_format == 'yaml' else 'list'} {FIX_ADVICE}",
                fixable=True,
            )
        elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            yield Problem(post.path, _key_line(post, key), "error", f"{key}-type", f"{key} must be a list of text")


def check_aliases(post: Post, context: FrontMatterContext) -> Iterable[Problem]:
    """``aliases`` (in any case, as Hugo reads keys): a URL or a list of URLs, each one Hugo
    0.111 can publish a redirect at; an empty one or one at the site's root stops its build
    (``alias "/" resolves to website root directory``), and one that is not text is seen by
    no link or clash check."""
    for key, value in post.meta.items():
        if not isinstance(key, str) or key.lower() != "aliases" or value is None:
            continue
        items = value if isinstance(value, list) else [value]
        line = _key_line(post, key)
        other = next((item for item in items if not isinstance(item, str)), "")
        if not isinstance(other, str):
            kind = "null" if other is None else _kind(other)
            yield Problem(post.path, line, "error", "aliases-type",
                          f"{key} must be a list of URL paths ('/oud-adres/'), not "
                          f"{kind if other is value else 'a list with ' + kind}: write each as text or remove it")
            continue
        for item in items:
            if posixpath.normpath("/" + item.strip().lstrip("/")) == "/":
                yield Problem(post.path, line, "error", "aliases-type",
                              f"alias {item!r} of {key} is the site's root, where Hugo publishes no redirect "
                              "(its build stops): remove it")


def check_date_keys(post: Post, context: FrontMatterContext) -> Iterable[Problem]:
    schema, zone = context.schema, context.zone
    dates = post_date_keys(post, schema.dates, zone)
    required = {key.lower() for key in schema.required}
    for key in dates:
        yield from _check_date(post, key, zone, _key_line(post, key), key.lower() in required)
    if "date" in schema.dates and not any(key.lower() == "date" for key in dates):
        yield from _check_date(post, "date", zone, 1, "date" in schema.required and not context.date_elsewhere)


def check_lang(post: Post, context: FrontMatterContext) -> Iterable[Problem]:
    """A ``lang`` that names another language than the post's folder. No ``lang`` is no
    problem: Hugo takes a page's language from its content folder (its own archetypes write
    none), and merge writes the German post's."""
    lang, language = post.meta.get("lang"), context.language
    if lang is not None and lang != language:
        yield Problem(post.path, _key_line(post, "lang"), "error", "lang-mismatch",
                      f"lang is {lang!r} but the post is in content/{language}/: write "
                      f"'{pair_example(post.front_matter_format, 'lang', language, quoted=True)}'")


#: Hugo's front matter fields (gohugo.io, Content management, Front matter: "Fields", and the
#: date keys of Configuration, Front matter), lowercase (Hugo reads them in any case): the
#: keys a misspelt key is compared with (:func:`check_misspelt_keys`), with the schema's
HUGO_FRONT_MATTER_FIELDS = frozenset({
    "aliases", "build", "cascade", "date", "description", "draft", "expirydate", "headless",
    "iscjklanguage", "keywords", "lastmod", "layout", "linktitle", "markup", "menu", "menus",
    "outputs", "params", "publishdate", "resources", "sitemap", "slug", "summary", "title",
    "translationkey", "type", "url", "weight",
    # the other date keys Hugo reads by default, and the default taxonomies
    "pubdate", "published", "modified", "unpublishdate", "tags", "categories",
    # what this pipeline reads: the post's language
    "lang",
    # the build options as Hugo before 0.123 names them (0.111 reads _build, not build)
    "_build",
})

#: Keys Hugo's internal templates read (Open Graph, Twitter cards, schema.org): never taken
#: for a misspelling, never suggested for one either (``video``, ``serie`` are a site's own)
HUGO_TEMPLATE_KEYS = frozenset({"audio", "images", "series", "videos"})


@lru_cache(maxsize=8)
def _known_keys(schema: Schema) -> frozenset[str]:
    """The keys no one misspells: Hugo's fields and every key of the schema, lowercase."""
    return HUGO_FRONT_MATTER_FIELDS | frozenset(
        key.lower() for keys in (schema.required, schema.strings, schema.booleans, schema.lists,
                                 schema.dates, schema.images) for key in keys)


def _edits(a: str, b: str) -> int:
    """The edits from ``a`` to ``b``: letters inserted, deleted, replaced or two swapped."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def _misspelling_of(key: str, candidates: Iterable[str], known: frozenset[str] | None = None) -> str | None:
    """The candidate ``key`` is a slip of the fingers for, if any: close by difflib (0.75)
    *and* one edit away (two for a key of eight letters or more), so that a site's own keys
    (``subtitle``, ``author``, ``featured``) are not taken for Hugo's. ``known``: lowercase
    keys the candidates (lowercase) are some of, whose closeness to ``key`` is worked out
    once per run (:func:`_close_keys`)."""
    lowered = key.lower()
    if known is not None:
        wanted = set(candidates)
        close = [pair for pair in _close_keys(lowered, known) if pair[0] in wanted][:3]
        return next((c for c, near in close if near), None)
    import difflib

    limit = 2 if len(lowered) >= 8 else 1
    found = difflib.get_close_matches(lowered, [c.lower() for c in candidates], n=3, cutoff=0.75)
    return next((c for c in found if _edits(lowered, c) <= limit), None)


@lru_cache(maxsize=1024)
def _close_keys(lowered: str, known: frozenset[str]) -> tuple[tuple[str, bool], ...]:
    """Every key of ``known`` close to ``lowered`` by difflib (0.75), in the order
    ``difflib.get_close_matches`` gives them (closest first: the first three of any part of
    them are that part's three), each with whether it is within :func:`_misspelling_of`'s
    edits: one post's keys are asked of thousands of posts."""
    import difflib

    limit = 2 if len(lowered) >= 8 else 1
    close = difflib.get_close_matches(lowered, sorted(known), n=max(len(known), 1), cutoff=0.75)
    return tuple((c, _edits(lowered, c) <= limit) for c in close)


def check_misspelt_keys(post: Post, context: FrontMatterContext) -> Iterable[Problem]:
    """A key that is no known one but one edit away from a known key the post lacks: a
    warning naming both (Hugo takes any key, and ignores it)."""
    known = _known_keys(context.schema)
    given = {key.lower() for key in post.meta if isinstance(key, str)}
    required = {key.lower() for key in context.schema.required if key != "date"}
    absent = [key for key in sorted(known) if key not in given]
    for key in post.meta:
        if not isinstance(key, str) or key.lower() in known or key.lower() in HUGO_TEMPLATE_KEYS:
            continue
        meant = _misspelling_of(key, absent, known)
        if meant is not None and meant not in required:  # (a required key's error says it)
            yield Problem(post.path, _key_line(post, key), "warning", "key-misspelt",
                          f"{key} is no front matter key Hugo or the schema knows: did you mean {meant}? "
                          f"(rename it, or move a key of your own under params)")


#: The checks of a post's front matter, in the order their problems are reported: a new
#: check is one function ``(post, context) -> problems`` added here
FRONT_MATTER_CHECKS: tuple[Callable[[Post, FrontMatterContext], Iterable[Problem]], ...] = (
    check_front_matter_present,
    check_duplicate_keys,
    check_required_keys,
    check_text_keys,
    check_boolean_keys,
    check_list_keys,
    check_aliases,
    check_date_keys,
    check_lang,
    check_misspelt_keys,
)


def check_front_matter(
    post: Post, language: str, zone: str, schema: "Schema", date_elsewhere: bool = False,
) -> list[Problem]:
    """The problems of each check of :data:`FRONT_MATTER_CHECKS`, in that order
    (``date_elsewhere``: :attr:`FrontMatterContext.date_elsewhere`)."""
    context = FrontMatterContext(language, zone, schema, date_elsewhere)
    return [problem for check in FRONT_MATTER_CHECKS for problem in check(post, context)]


def check_body(post: Post) -> list[Problem]:
    """A post with front matter and nothing after it (Hugo publishes an empty page)."""
    if post.has_front_matter and not post.body.strip():
        return [Problem(post.path, post.body_start, "warning", "body-empty",
                        "no text after the front matter: write the post, or mark it 'draft: true'")]
    return []


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return type(value).__name__


def _check_date(post: Post, key: str, zone: str, line: int, required: bool) -> Iterator[Problem]:
    value = post.meta.get(key)
    if value is None:
        if required:
            yield Problem(post.path, line if key in post.meta else 1, "error", f"{key}-missing",
                          f"no {key}: add '{pair_example(post.front_matter_format, key, '2017-02-22T08:00:00+01:00')}'")
        return
    if not isinstance(value, (str, dt.date)):
        yield Problem(post.path, line, "error", f"{key}-unreadable", f"{key} must be a date, not {_kind(value)}")
        return
    reading = read_post_date(post, key, zone)
    text = written_date(post, key)
    if reading.problem is not None:
        yield Problem(post.path, line, "error", f"{key}-{reading.kind}", f"{key} {text!r} {reading.problem}")
        return
    if reading.hugo_reads or reading.moment is None:
        return
    fixed = date_text(reading.moment)
    if reading.written and reading.written.upper() != reading.in_force.upper():
        yield Problem(post.path, line, "warning", f"{key}-zone",
                      f"{key} {text!r} says {reading.written}, but {reading.in_force} was in force in "
                      f"{zone} on {reading.moment.isoformat()[:10]}, and Hugo cannot read this form: "
                      f"write {fixed} {FIX_ADVICE}", fixable=True)
    else:
        yield Problem(post.path, line, "warning", f"{key}-form",
                      f"Hugo cannot read {key} {text!r} (the page would be dated 0001-01-01): "
                      f"write {fixed} {FIX_ADVICE}", fixable=True)


@dataclass(frozen=True)
class Schema:
    """What the front matter must hold; ``[tool.pipeline.schema]`` overrides each list."""

    required: tuple[str, ...] = ("title", "date")
    strings: tuple[str, ...] = ("title", "description", "summary", "slug", "image_alt")
    booleans: tuple[str, ...] = ("draft",)
    lists: tuple[str, ...] = ("tags", "categories")
    dates: tuple[str, ...] = ("date", "lastmod", "publishDate", "expiryDate")
    images: tuple[str, ...] = ("image", "featured_image", "images")

    @classmethod
    def of(cls, settings: dict[str, list[str]]) -> Schema:
        """The schema ``[tool.pipeline.schema]`` (``Config.schema``) sets."""
        return cls(**{key: tuple(value) for key, value in settings.items()})


# --------------------------------------------------------------------------------------
# Slugs


def check_slug(path: str, line: int, slug: str, language: str) -> list[Problem]:
    if "/" in slug or "\\" in slug or ".." in slug:
        return [Problem(path, line, "error", "slug-path",
                        f"slug {slug!r} contains a path separator or '..': use letters, digits and hyphens")]
    if not SLUG_RE.fullmatch(slug):
        suggestion = slugify(slug, language) or "a-slug"
        return [Problem(path, line, "error", "slug-form",
                        f"slug {slug!r} is not lowercase ASCII words joined by hyphens: write {suggestion!r}")]
    return []


# --------------------------------------------------------------------------------------
# Translations


@dataclass(frozen=True)
class _Inline:
    """The markup of one text, as the translation checks compare it."""

    text: str
    destinations: Counter
    code: Counter
    emphasis: Counter
    html: Counter


_SHORTCODE_RE = re.compile(SHORTCODE_PATTERN)
# references, and the inline footnotes ``^[…]`` of markdown-it-py's footnote plugin
_FOOTNOTE_RE = re.compile(r"\[\^[^\]\s]+\]|\^\[")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# control characters (Unicode category Cc) but tab and newline, and bidirectional overrides
_CONTROL_OR_BIDI_RE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI_RE = re.compile(f"[{_BIDI}]")
_TAG_NAME_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
# Every format character (Unicode category Cf, as of Unicode 15; tests/test_text_characters.py
# compares it with the running Python's unicodedata): zero-width space, non-joiner and joiner,
# word joiner, invisible operators, bidirectional controls, BOM, interlinear annotations, tags
_FORMAT_RE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)
_SOFT_HYPHEN = "\u00ad"
_ZWJ = "\u200d"
_JOINERS = "\u200c\u200d"  # zero-width non-joiner and joiner
_OVERRIDES = "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides: they reorder text
_ISOLATES, _PDI = "\u2066\u2067\u2068", "\u2069"
_BLACK_FLAG = "\U0001f3f4"
_TAGS = range(0xE0020, 0xE0080)


def _right_to_left(text: str) -> bool:
    """Whether ``text`` has letters written right to left (Hebrew, Arabic, …)."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _balanced_isolates(text: str) -> bool:
    """Whether every isolate (LRI, RLI, FSI) of ``text`` is closed by a PDI, and every PDI
    closes one."""
    depth = 0
    for ch in text:
        if ch in _ISOLATES:
            depth += 1
        elif ch == _PDI:
            if depth == 0:
                return False
            depth -= 1
    return depth == 0


def misused_bidi(text: str) -> list[str]:
    """The bidirectional controls of ``text`` that are not how a text quoting words written
    right to left sets their direction: embeddings and overrides (they reorder what a reader
    sees) always; marks (LRM, RLM, ALM) and isolates (LRI, RLI, FSI … PDI, the way W3C
    recommends to quote them) only in a text without right-to-left letters, or isolates left
    open. Each once, in order."""
    found = list(dict.fromkeys(_BIDI_RE.findall(text)))
    if not found:
        return []
    if not _right_to_left(text):
        return found
    balanced = _balanced_isolates(text)
    return [ch for ch in found if ch in _OVERRIDES or (ch in _ISOLATES + _PDI and not balanced)]


def _joined_letter(ch: str) -> bool:
    """A letter of a script whose spelling uses zero-width (non-)joiners (Arabic, Persian,
    the Indic scripts): not Latin, Cyrillic or Greek."""
    return ch.isalpha() and _script(ch) is None and not ch.isascii()


def _emoji(ch: str) -> bool:
    """A pictograph or an emoji modifier (what a zero-width joiner joins into one emoji)."""
    return unicodedata.category(ch) in ("So", "Sk") and ord(ch) > 0x2000


def invisible_characters(text: str) -> list[str]:
    """The format characters (category Cf) of ``text`` that a reader cannot see and that
    change what the text is: a title of zero-width spaces looks empty and is not; ``Wet\u200bter``
    is not found by a search for "Wetter". Each once, in order.

    Allowed: the soft hyphen (a hyphenation hint in long German compounds, shown where the
    line breaks), a zero-width joiner between two emoji (👩‍💻, 🏳️‍🌈), the tag characters of
    a subdivision flag (🏴 + tags), and a zero-width (non-)joiner between two letters of a
    script that spells with them (a quoted Persian word: می‌خواهم).
    """
    found: dict[str, None] = {}
    for match in _FORMAT_RE.finditer(text):
        ch, pos = match.group(), match.start()
        if ch == _SOFT_HYPHEN:
            continue
        if ch in _JOINERS and 0 < pos < len(text) - 1:
            if _joined_letter(text[pos - 1]) and _joined_letter(text[pos + 1]):
                continue
        if ch == _ZWJ and 0 < pos < len(text) - 1:
            before = text[pos - 1] if text[pos - 1] != "\ufe0f" or pos < 2 else text[pos - 2]
            if _emoji(before) and _emoji(text[pos + 1]):
                continue
        if ord(ch) in _TAGS:
            start = pos
            while start > 0 and ord(text[start - 1]) in _TAGS:
                start -= 1
            if start > 0 and text[start - 1] == _BLACK_FLAG:
                continue
        found[ch] = None
    return list(found)


# Letters of the scripts whose letters look alike (Latin a, Cyrillic а, Greek α)
# and the other scripts with letters that Unicode lists as confusable with Latin ones
# (Armenian օ, Cherokee Ꭺ, Coptic ⲟ, Lisu ꓮ, Canadian syllabics ᑭ, Tifinagh ⵙ)
_LOOKALIKE_SCRIPTS = (
    "LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC", "LISU", "CANADIAN SYLLABICS",
    "TIFINAGH",
)
_NON_LATIN_LETTER_RE = re.compile(
    "[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u13a0-\u13ff\u1400-\u167f\u1c80-\u1c8f"
    "\u1f00-\u1fff\u2c80-\u2cff\u2d30-\u2d7f\u2de0-\u2dff\ua4d0-\ua4ff\ua640-\ua69f\uab70-\uabbf]"
)
_WORD_RE = re.compile(r"\w+")


def _script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    return next((script for script in _LOOKALIKE_SCRIPTS if name.startswith(script + " ")), None)


def mixed_script_words(text: str) -> list[str]:
    """The words of ``text`` that mix Latin with Cyrillic or Greek letters (or those of
    another script of :data:`_LOOKALIKE_SCRIPTS`): ``dаs`` with a Cyrillic ``а`` looks like
    "das" and is another word (and another URL). Each once."""
    if _NON_LATIN_LETTER_RE.search(text) is None:  # no such letter: nothing mixed
        return []
    found: dict[str, None] = {}
    for word in _WORD_RE.findall(text):
        if not word.isascii() and len({_script(ch) for ch in word if ch.isalpha()} - {None}) > 1:
            found[word] = None
    return list(found)


def _named(chars: list[str]) -> str:
    return ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')}" for ch in chars)


# Any character one of check_characters' findings needs: a control character, a format
# character (the bidirectional controls among them) or a letter of a look-alike script
_SUSPECT_CHARACTER_RE = re.compile(
    f"{_CONTROL_RE.pattern}|{_FORMAT_RE.pattern}|{_NON_LATIN_LETTER_RE.pattern}"
)


def check_characters(msgid: str, msgstr: str) -> list[TranslationProblem]:
    """Text that looks right and is not: control characters, bidirectional overrides and other
    invisible characters, and words of mixed scripts, that the msgid does not have (errors).
    For every translation; merge also refuses a post whose title has one."""
    if _SUSPECT_CHARACTER_RE.search(msgstr) is None:  # nearly every translation: one C-level scan
        return []
    problems: list[tuple[str, str, str]] = []
    bad = (set(_CONTROL_RE.findall(msgstr)) | set(misused_bidi(msgstr))) - set(msgid)
    if bad:
        names = ", ".join(f"U+{ord(ch):04X}" for ch in sorted(bad))
        problems.append(("error", "control-char", f"control or bidirectional-override characters: {names}"))
    invisible = [ch for ch in invisible_characters(msgstr) if ch not in _BIDI and ch not in msgid]
    if invisible:
        problems.append(("error", "invisible-char",
                         f"invisible characters that the source does not have: {_named(invisible)}: remove them"))
    mixed = [word for word in mixed_script_words(msgstr) if word not in msgid]
    if mixed:
        problems.append(("error", "mixed-script", "words that mix Latin with Cyrillic, Greek or "
                         f"other letters (a letter that looks Latin is not): {', '.join(map(repr, mixed))}: retype them"))
    return problems


def check_slug_translation(msgstr: str, language: str) -> list[tuple[str, str, str]]:
    """A translator's slug: letters the language's transliteration does not map (dropped
    from the URL without a word) and invisible characters are errors; a slug that merge
    writes in another form is a warning."""
    dropped = untransliterable(msgstr, language)
    invisible = [ch for ch in invisible_characters(msgstr) + _CONTROL_OR_BIDI_RE.findall(msgstr)]
    problems: list[tuple[str, str, str]] = []
    if dropped:
        problems.append(("error", "slug-characters",
                         f"slug {msgstr!r} has letters that the URL cannot keep ({_named(dropped)}): "
                         "write it in ASCII letters, digits and hyphens"))
    if invisible:
        problems.append(("error", "invisible-char",
                         f"slug {msgstr!r} has invisible characters ({_named(list(dict.fromkeys(invisible)))}): remove them"))
    if not problems and slugify(msgstr, language) != msgstr:
        problems.append(("warning", "slug-form", f"slug {msgstr!r} will be written as {slugify(msgstr, language)!r}"))
    return problems


#: Units longer than this are compared with regular expressions instead of markdown-it-py's
#: inline parser, which has quadratic paths (100,000 unclosed ``[a](`` took minutes); no
#: real paragraph is this long. Emphasis is then not compared.
MAX_PARSED_CHARS = 20_000
_TAG_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9-]{0,64})(?=[\s/>])[^<>]{0,2000}>")


# What code spans, emphasis and raw HTML start with: a text without any of these has none,
# and only its links are to be found
_COUNTED_MARKUP_RE = re.compile(r"[`*_~<]")


def _analyse_plain(text: str) -> _Inline:
    """What :func:`_analyse` finds, by regular expressions in linear time (for long units)."""
    code_ranges = code_span_ranges(text) if "`" in text else []
    starts = [start for start, _ in code_ranges]

    def in_code(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < code_ranges[i][1]

    code = Counter(text[start:end].strip("`").strip() for start, end in code_ranges)
    html = Counter(m.group(1).lower() for m in _TAG_RE.finditer(text) if not in_code(m.start()))
    written = Counter(
        m.group(2).strip("<>") for m in LINK_DEST_RE.finditer(text) if not in_code(m.start())
    )
    return _Inline(text, written, code, Counter(), html)


@lru_cache(maxsize=8192)
def _analyse(text: str) -> _Inline:
    """The markup of one unit's text (code spans, emphasis, HTML, link destinations). Kept by
    text: a msgid is analysed once however many posts and entries share it, and ``check``
    and merge each analyse a translation once (callers do not change the Counters).

    Parsed only where the parse decides something: without a character that starts a code
    span, emphasis or raw HTML, the link destinations as written are what
    :func:`_analyse_parsed` gives (it prefers them to the parser's), and without a ``[``
    (nor a ``<``) there is no link at all."""
    if _COUNTED_MARKUP_RE.search(text) is None:
        written = Counter(m.group(2).strip("<>") for m in LINK_DEST_RE.finditer(text)) if "](" in text else Counter()
        if written or "[" not in text:
            return _Inline(text, written, Counter(), Counter(), Counter())
    return _analyse_parsed(text)


def _analyse_parsed(text: str) -> _Inline:
    destinations: Counter = Counter()
    code: Counter = Counter()
    emphasis: Counter = Counter()
    html: Counter = Counter()
    try:
        tokens = inline_parser().parseInline(text)
    except Exception:  # pragma: no cover - markdown-it-py does not raise on text
        tokens = []
    for token in tokens:
        for child in token.children or []:
            kind = child.type
            if kind in ("link_open", "image"):
                destinations[child.attrGet("href") or child.attrGet("src") or ""] += 1
            elif kind == "code_inline":
                code[child.content] += 1
            elif kind in ("em_open", "strong_open", "s_open"):
                emphasis[kind] += 1
            elif kind == "html_inline":
                name = _TAG_NAME_RE.match(child.content)
                html[name.group(1).lower() if name else child.content] += 1
    # link destinations as written (before markdown-it normalises them)
    written = Counter(m.group(2).strip("<>") for m in LINK_DEST_RE.finditer(text))
    return _Inline(text, written or destinations, code, emphasis, html)


class TranslationContext(NamedTuple):
    """What a translation check may need besides the two texts (a NamedTuple: one is made
    for every entry checked, and a frozen dataclass costs several times as much to make)."""

    language: str
    map_url: Callable[[str], str] = lambda url: url
    """The German URL of a Dutch link target (a target the translation may link to instead)."""


def _error(code: str, message: str) -> TranslationProblem:
    return ("error", code, message)


def _warning(code: str, message: str) -> TranslationProblem:
    return ("warning", code, message)


# Each check below takes the analysed msgid (``source``) and msgstr (``target``); one that
# needs a character the texts lack returns at once: its regular expressions would find
# nothing in either (tests/test_verify_cost.py compares with the checks run in full)


def check_links(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    """Link and image targets: the source's, or the German pages they map to."""
    if target.destinations == source.destinations:
        return ()
    wanted = Counter({context.map_url(url): n for url, n in source.destinations.items()})
    if target.destinations == wanted:
        return ()
    # a link of the translation to the page the source's leads to, by another of its URLs
    # (an alias: the German URL it had before it moved) is written as the page's URL
    if Counter(context.map_url(url) for url in target.destinations.elements()) == wanted:
        return ()
    missing = (source.destinations - target.destinations) & (wanted - target.destinations) or (
        source.destinations - target.destinations
    )
    extra = target.destinations - source.destinations - wanted
    detail = []
    if missing:
        detail.append("missing " + ", ".join(sorted(missing)))
    if extra:
        detail.append("new " + ", ".join(sorted(extra)))
    return [_error("link-target", "link or image targets differ from the source: " + "; ".join(detail or ["count"]))]


def check_code_spans(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    if target.code != source.code:
        return [_error("code-span", "inline code differs from the source: keep `code` exactly as written")]
    return ()


def check_shortcodes(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    msgid, msgstr = source.text, target.text
    if ("{" in msgid or "{" in msgstr) and (
        Counter(_SHORTCODE_RE.findall(msgid)) != Counter(_SHORTCODE_RE.findall(msgstr))
    ):
        return [_error("shortcode", "shortcodes or Liquid tags differ from the source: keep them exactly")]
    return ()


def check_footnotes(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    msgid, msgstr = source.text, target.text
    if ("^" in msgid or "^" in msgstr) and (
        Counter(_FOOTNOTE_RE.findall(msgid)) != Counter(_FOOTNOTE_RE.findall(msgstr))
    ):
        return [_error("footnote", "footnote references differ from the source")]
    return ()


def check_emphasis(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    if target.emphasis != source.emphasis:
        return [_error("emphasis", "emphasis markers are unbalanced or differ from the source (_x_, __x__, *x*, ~~x~~)")]
    return ()


def check_html_added(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    new_html = target.html - source.html
    if new_html:
        return [_error("html-added", "raw HTML that the source does not have: "
                       + ", ".join(f"<{t}>" for t in sorted(new_html)))]
    return ()


def check_html_dropped(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    dropped = dropped_html_values(source.text, target.text)
    if dropped:
        return [_error("html-dropped", "the translation lacks the source's " + ", ".join(dropped)
                       + " (its text is translated on its own entry): keep the tag as the source has it")]
    return ()


def check_html_blocks(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    if "<" not in target.text:
        return ()
    new_blocks = _html_block_starts(target.text) - _html_block_starts(source.text)
    if new_blocks:
        return [_error("html-block", "a line starts raw HTML that the source does not start a line with ("
                       + ", ".join(sorted(new_blocks)) + "): it turns the rest of the paragraph, and for "
                       "<!-- or <pre> the rest of the post, into HTML; write &lt; or move it off the line start")]
    return ()


def check_javascript_urls(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    """A ``javascript:`` (in any case, spaces aside) that the source does not have: more of
    them than the source has, or one written whole where the source has none written whole.
    A msgstr equal to its msgid adds nothing (merge publishes it: check may not call it an
    error)."""
    if ":" in target.text and javascript_schemes(target.text) and added_javascript(source.text, target.text):
        return [_error("javascript-url", "a javascript: URL that the source does not have")]
    return ()


def javascript_schemes(text: str) -> int:
    """How many times ``javascript:`` is in ``text``, in any case, spaces aside."""
    return text.lower().replace(" ", "").count("javascript:")


def added_javascript(msgid: str, msgstr: str) -> bool:
    """Whether ``msgstr`` has a ``javascript:`` that ``msgid`` does not."""
    return javascript_schemes(msgstr) > javascript_schemes(msgid) or (
        "javascript:" in msgstr.lower() and "javascript:" not in msgid.lower()
    )


def check_text_characters(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    return check_characters(source.text, target.text)


def check_whitespace(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    msgid, msgstr = source.text, target.text
    return [
        _error("whitespace", f"translation {side} with whitespace that the source does not have")
        for side, strip in (("starts", str.lstrip), ("ends", str.rstrip))
        if strip(msgstr) != msgstr and strip(msgid) == msgid
    ]


#: A hard line break: a line end after two spaces or more, or after a backslash (CommonMark)
_HARD_BREAK_RE = re.compile(r"(?: {2,}|\\)\n")


def check_hard_breaks(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    """No fewer hard line breaks than the source has: Hugo makes each a ``<br>``, and a
    translation (or a tool) that joins the lines of an address or a verse loses them. A
    translation may add one (the lines of a German text broken where it reads best)."""
    if "\n" not in source.text:
        return ()
    wanted, found = len(_HARD_BREAK_RE.findall(source.text)), len(_HARD_BREAK_RE.findall(target.text))
    if found < wanted:
        return [_error("hard-break", f"the source has {wanted} hard line break(s), the translation {found}: "
                       "end a line with two spaces or a backslash where the source does (each is a <br>)")]
    return ()


def check_numbers(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    if sorted(_NUMBER_RE.findall(source.text)) != sorted(_NUMBER_RE.findall(target.text)):
        return [_warning("numbers", "numbers differ from the source")]
    return ()


def check_punctuation(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    end_s, end_t = _ending(source.text), _ending(target.text)
    if end_s != end_t:
        said = {end_s: repr(end_s), end_t: repr(end_t), "": "no punctuation"}
        return [_warning("punctuation", f"ends with {said[end_t]}, the source with {said[end_s]}")]
    return ()


def check_quotes(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    """Quotation marks of another language (:func:`pipeline.languages.foreign_quotes`), in a
    language whose marks :func:`pipeline.languages.quotation_marks` knows."""
    msgstr = target.text
    if not any(mark in msgstr for mark in '"“”„'):
        return ()
    if _has_foreign_quotes(msgstr, context.language):
        return [_warning("quotes", quotes_message(context.language, quotation_marks(context.language)))]  # type: ignore[arg-type]
    return ()


def check_attributes(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    """A translation ending in an attribute list the msgid lacks (``Kop {#kop}``): in a
    heading Hugo would read it as the heading's id and class (a Dutch heading's own
    attributes are kept out of its msgid and put back after the translation)."""
    start = heading_attributes(target.text) if "{" in target.text else None
    if start is None or target.text[start:].strip(" \t{}") == "" or heading_attributes(source.text) is not None:
        return ()
    return [_error("attributes-added", f"the translation ends in an attribute list "
                   f"({target.text[start:].strip()}), which Hugo reads as a heading's id and class: "
                   "leave it out (the heading keeps the source post's id)")]


def check_untranslated(source: _Inline, target: _Inline, context: TranslationContext) -> Iterable[TranslationProblem]:
    if target.text == source.text and len(source.text.split()) >= 4:
        return [_warning("untranslated", "translation is the same as the source")]
    return ()


#: The checks of one translation, in the order their problems are reported: a new check is
#: one function ``(source, target, context) -> problems`` added here
TRANSLATION_CHECKS: tuple[Callable[[_Inline, _Inline, TranslationContext], Iterable[TranslationProblem]], ...] = (
    check_links,
    check_code_spans,
    check_shortcodes,
    check_footnotes,
    check_emphasis,
    check_html_added,
    check_html_dropped,
    check_html_blocks,
    check_javascript_urls,
    check_text_characters,
    check_whitespace,
    check_hard_breaks,
    check_numbers,
    check_punctuation,
    check_quotes,
    check_untranslated,
    check_attributes,
)


#: The checks of :data:`TRANSLATION_CHECKS` that never report an error, only a warning
#: (tests/test_verify_cost.py reads their code): merge, which refuses a post for errors
#: alone, does not run them (``check_translation(..., errors_only=True)``)
WARNING_ONLY_CHECKS = frozenset({check_numbers, check_punctuation, check_quotes, check_untranslated})


def check_translation(
    msgid: str, msgstr: str, language: str, map_url: Callable[[str], str] = lambda u: u, errors_only: bool = False
) -> list[TranslationProblem]:
    """(severity, code, message) for each problem of one translation: those of each check of
    :data:`TRANSLATION_CHECKS`, in that order, on the msgid and msgstr analysed once; with
    ``errors_only``, the checks of :data:`WARNING_ONLY_CHECKS` are not run (the errors are
    the same)."""
    if _MARKUP_CHARACTER_RE.search(msgid) is None and _MARKUP_CHARACTER_RE.search(msgstr) is None:
        # most translations: nothing to make (while the checks are those the shortcut knows)
        if errors_only and TRANSLATION_CHECKS is _PLAIN_ERROR_CHECKS_OF and _no_plain_error(msgid, msgstr):
            return []
        context = TranslationContext(language, map_url)
        problems: list[TranslationProblem] = []
        # no markup in either text (most translations): nothing to analyse, and the checks
        # of markup would find nothing (tests/test_merge_cost.py compares with the full way)
        source, target = _Inline(msgid, _NONE, _NONE, _NONE, _NONE), _Inline(msgstr, _NONE, _NONE, _NONE, _NONE)
        for check in TRANSLATION_CHECKS:
            if check not in _MARKUP_CHECKS and not (errors_only and check in WARNING_ONLY_CHECKS):
                problems.extend(check(source, target, context))
        return problems
    context = TranslationContext(language, map_url)
    problems = []
    if max(len(msgid), len(msgstr)) > MAX_PARSED_CHARS:
        source, target = _analyse_plain(msgid), _analyse_plain(msgstr)
    else:
        source, target = _analyse(msgid), _analyse(msgstr)
    for check in TRANSLATION_CHECKS:
        if not (errors_only and check in WARNING_ONLY_CHECKS):
            problems.extend(check(source, target, context))
    return problems


#: The characters of markup, for the checks of :data:`_MARKUP_CHECKS`: links and footnotes
#: (``[``, ``]``: ``x](u)`` is a destination too, ``^``), autolinks and HTML (``<``), code
#: spans and emphasis (`````, ``*``, ``_``, ``~``), shortcodes and attribute lists (``{``).
#: Without one in the msgid and the msgstr, both analyse to no markup (nothing is parsed)
_MARKUP_CHARACTER_RE = re.compile(r"[][^<`*_~{]")
#: The checks that find nothing in a msgid and msgstr without a character of
#: :data:`_MARKUP_CHARACTER_RE`: they compare markup, of which neither text has any
_MARKUP_CHECKS = frozenset({
    check_links, check_code_spans, check_shortcodes, check_footnotes, check_emphasis, check_html_added,
    check_html_dropped, check_html_blocks, check_attributes,
})
#: The checks that can report an error on a msgid and msgstr without markup: each finds
#: nothing unless :func:`_no_plain_error`'s condition for it fails
_PLAIN_ERROR_CHECKS = frozenset({check_javascript_urls, check_text_characters, check_whitespace, check_hard_breaks})
#: The list of checks that set was made for: another (a check added at run time) has no shortcut
_PLAIN_ERROR_CHECKS_OF = TRANSLATION_CHECKS


def _no_plain_error(msgid: str, msgstr: str) -> bool:
    """Whether the checks of :data:`_PLAIN_ERROR_CHECKS` surely find nothing in a msgid and
    msgstr without markup: no ``:`` in the msgstr (a ``javascript:``), no line break in the
    msgid (a hard break lost), no whitespace around the msgstr, no character that
    :func:`check_characters` looks at (tests/test_merge_cost.py compares with the full way)."""
    return (":" not in msgstr and "\n" not in msgid and msgstr.strip() == msgstr
            and _SUSPECT_CHARACTER_RE.search(msgstr) is None)


_NONE: Counter = Counter()
"""No markup of a kind (shared: the checks do not change the Counters they are given)."""


_CLOSERS = "_*~`)]\"'”“„’»«"


def _html_block_starts(text: str) -> Counter:
    """The HTML block openers (CommonMark's seven kinds) that lines of ``text`` start with,
    as merge puts them at line starts: ``<!--`` unclosed hides everything after it."""
    found: Counter = Counter()
    for number, line in enumerate(text.split("\n")):
        line = line.lstrip(" \t")
        opened = html_block_opener(line, first=number == 0)
        if opened:
            kind, match = opened
            found[match.group().strip() if kind < 6 else line[: line.find(">") + 1]] += 1
    return found


def _ending(text: str) -> str:
    # rstrip, not a regex ``[…]+$``: that one is quadratic on a long run of closers
    # followed by anything else (100,000 underscores took minutes)
    stripped = text.rstrip().rstrip(_CLOSERS)
    while stripped != (again := stripped.rstrip().rstrip(_CLOSERS)):
        stripped = again
    if stripped.endswith("..."):  # Hugo's typographer writes an ellipsis of it
        return "…"
    return stripped[-1] if stripped and stripped[-1] in ".!?:;…" else ""


# Each alternative stops at the next character that could start another match (``(``,
# ``<``, ``{``): unbounded ``.*?`` and ``[^>]*`` scanned to the end of the text from every
# start, quadratic on ``<<<<…`` or ``{{{{…`` without an end
# A bare URL (Goldmark's linkify makes it a link, quotation marks and all) to its next blank or ``<``.
_NOT_PROSE_RE = re.compile(r"`+[^`]*`+|\]\([^()\n]*\)|<[^<>]*>|\b(?:https?://|www\.)[^\s<>]*|" + SHORTCODE_PATTERN)


def _has_foreign_quotes(text: str, language: str = "de") -> bool:
    """Quotation marks of another language than ``language`` in the prose of ``text`` (not
    in code, URLs or HTML attributes): :func:`pipeline.languages.foreign_quotes`; none in a
    language whose marks are not known."""
    marks = quotation_marks(language)
    return marks is not None and foreign_quotes(_NOT_PROSE_RE.sub(" ", text), marks)


