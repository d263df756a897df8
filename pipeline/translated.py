"""A Dutch post with its units and the translations its catalog gives them: what merge
renders and check checks (:func:`read_translated_post`); which entries count as translated,
the percent, and the words of a text (:func:`count_words`: pocount's rule, for every count of
words in the pipeline). Not the rendering (:mod:`pipeline.render`) nor the checks' rules
(:mod:`pipeline.checkers`)."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.cache import digest
from pipeline.checkers import check_characters, check_slug_translation
from pipeline.config import Config
from pipeline.errors import PipelineError, unreadable
from pipeline.frontedit import load_source_post
from pipeline.links import effective_slug, german_slug, is_section
from pipeline.po import Catalog, Message, parse_catalog
from pipeline.post import Post
from pipeline.segment import Unit
from pipeline.units import PackedUnits, UnitsLookup, post_units
from pipeline.verify import Outline

# Words, as translate-toolkit's pocount counts them (3.x: translate/tools/pocount.py wordcount):
# the one rule for check's completeness, merge's --min-translated, status, moves' match shares.

_BR_RE = re.compile(r"<br\s*?/?>")
"""A line break tag: a word boundary."""
_TAG_RE = re.compile(
    r"<[\w.:]+(?:\s[\w.:]+=(?:\".*?\"|'.*?'))*\s*/?>|</[\w.]+>"
)
"""An XML/HTML tag whose attributes are all quoted (``<a href="x">``, ``</a>``, ``<br/>``):
not words, removed, as pocount removes them; a tag with a bare attribute stays text."""
_LETTER = r"[^\W\d_]"
_EXTEND = r"[\u00ad\u200c\u200d\u0300-\u036f]"
_ATTACHED_RE = re.compile(rf"(?<=\S){_EXTEND}+")
"""Combining marks, soft hyphens and joiners after a character: part of it (UAX #29's WB4)."""
_IDEOGRAPH = r"[\u3005\u3040-\u309f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
_IDEOGRAPH_RE = re.compile(_IDEOGRAPH)
"""A Han ideograph or a hiragana: a word by itself (UAX #29 joins no two of them)."""
_RARE_RE = re.compile(rf"{_EXTEND}|{_IDEOGRAPH}")
"""Either of the two above: a text without one (nearly every text of a Latin script) is
looked through once, not twice."""
_HEBREW = r"[\u05d0-\u05ea\u05ef-\u05f2\ufb1d\ufb1f-\ufb28\ufb2a-\ufb36\ufb38-\ufb3c\ufb3e\ufb40\ufb41\ufb43\ufb44\ufb46-\ufb4f]"
"""UAX #29's Hebrew_Letter: a ``"`` between two joins them (WB7b, WB7c: ``צה"ל``)."""
_WORD_RE = re.compile(
    r"_*[^\W_]\w*"
    rf"(?:(?:(?<={_LETTER})[:·.'’‘\u0387\u055f\u05f4\u2024\u2027\ufe13\ufe52\ufe55\uff07\uff0e\uff1a](?={_LETTER})"
    rf"|(?<={_HEBREW})\"(?={_HEBREW})"
    r"|(?<=\d)[,;.'’‘\u037e\u0589\u060c\u060d\u066c\u07f8\u2024\u2044\ufe50\ufe52\ufe54\uff07\uff0c\uff0e\uff1b](?=\d))"
    r"\w+)*"
)
"""A word as Unicode's word boundaries (UAX #29, which pocount uses through
``unicode_words``) make it, for the scripts of this site: letters, digits and ``_`` joined; a
``.``, ``'``, ``’`` or ``:`` inside between letters (``dat's``, ``a:b``); a ``.``, ``,`` or ``;``
inside between digits (``1.000,5``; and the other MidLetter, MidNum and MidNumLet characters of
UAX #29). A ``_`` alone is no word. A hyphen, a slash, a space end a
word (``open-source`` is two words)."""
_ASCII_WORD_RE = re.compile(
    r"_*[A-Za-z0-9]\w*(?:(?:(?<=[A-Za-z])[:.'](?=[A-Za-z])|(?<=[0-9])[,;.'](?=[0-9]))\w+)*", re.ASCII
)
""":data:`_WORD_RE` for a text of ASCII characters only (most texts of a Latin script: a fifth
faster, its classes simpler); tests/test_words.py proves the two equal on ASCII."""


def count_words(text: str) -> int:
    """The words of a msgid as ``pocount`` counts them: tags removed, a dot between non-digits
    taken out with its neighbours, then Unicode's words (every occurrence counted). The README
    names where it differs (scripts without spaces between words)."""
    if "<" in text:
        text = _TAG_RE.sub("", _BR_RE.sub("\n", text))
    if "." in text:
        text = without_word_dots(text)
    if text.isascii():
        return len(_ASCII_WORD_RE.findall(text))
    ideographs = 0
    if _RARE_RE.search(text):  # (rare: looked for only where it may be)
        text = _ATTACHED_RE.sub("", text)
        ideographs = len(_IDEOGRAPH_RE.findall(text))
        if ideographs:
            text = _IDEOGRAPH_RE.sub(" ", text)
    return ideographs + len(_WORD_RE.findall(text))


def without_word_dots(text: str) -> str:
    """``text`` with each dot between two non-digits replaced, with its two neighbours, by a
    space, as pocount does (``re.sub(r"\\D\\.\\D", " ", text)``: ``e.g.`` is one word left,
    ``www.example.nl`` two, ``3.5`` stays), left to right, a replaced neighbour not reused.
    Found by ``str.find`` (a regex tries every character: 4 times slower on a paragraph);
    tests/test_words.py proves the two equal."""
    pieces: list[str] = []
    start = 0
    last = len(text) - 1
    at = text.find(".", 1)
    while 0 < at < last:
        if text[at - 1].isdecimal() or text[at + 1].isdecimal():  # (\d: a decimal digit, Unicode's Nd)
            at = text.find(".", at + 1)
        else:
            pieces += (text[start:at - 1], " ")
            start = at + 2
            at = text.find(".", start + 1)
    if not pieces:
        return text
    pieces.append(text[start:])
    return "".join(pieces)


def percent_of(part: int, whole: int) -> float:
    """``part`` of ``whole`` in percent; nothing to translate is 100 % translated."""
    return 100.0 if not whole else 100.0 * part / whole


@dataclass
class TranslatedPost:
    """What merge knows of one post before writing anything."""

    post_id: str
    source_path: Path
    target_path: Path
    post: Post | None = None
    source_bytes: bytes = b""
    source_digest: str | None = None
    """:func:`pipeline.cache.digest` of :attr:`source_bytes`, taken once when they are read
    (None: not taken)."""
    units: list[Unit] = field(default_factory=list)
    definitions: list[tuple[int, int]] = field(default_factory=list)
    """Line ranges of the link reference definitions and HTML blocks (their URLs may need
    rewriting: :func:`pipeline.segment.body_units`)."""
    translations: dict[tuple[str | None, str], str] = field(default_factory=dict)
    catalog_bytes: bytes | None = None
    catalog: Catalog | None = None
    """The catalog as read (None: there is none)."""
    parsed_units: PackedUnits | None = None
    """The units parsed for this post, packed for the cache (None: it came from there)."""
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
        return percent_of(translated, words)

    def translation(self, unit: Unit) -> str | None:
        return self.translations.get((unit.context, unit.text))


SourceRead = tuple[bytes, Post, list[Unit], list[tuple[int, int]], "Outline | None"]
"""A Dutch post as a caller read and cut it (check's stale-catalog pass, in extract's
stage): its bytes, the post they load to (:func:`pipeline.frontedit.load_source_post`), its
units, link definition ranges and outline (:func:`pipeline.units.post_units`)."""


def read_translated_post(
    config: Config, path: Path, language: str, kept: UnitsLookup | None = None,
    catalog_read: tuple[bytes, Catalog] | None = None, source_read: SourceRead | None = None,
) -> TranslatedPost:
    """Read a post and its catalog. ``kept``: where an earlier run's segmentation of these
    very bytes may be found (:data:`pipeline.units.UnitsLookup`); without one the post
    is parsed, and ``translated.parsed_units`` holds the new segmentation. ``catalog_read``:
    the catalog's bytes and their parse, where the caller read them (check's stale-catalog
    pass), not read again; ``source_read``, likewise, the post's (:data:`SourceRead`): it is
    neither read, loaded nor cut again (``parsed_units`` None: the caller has them)."""
    post_id = config.post_id(path)
    translated = TranslatedPost(post_id, path, config.post_file(post_id, language))
    shown = config.relative(path)
    try:
        config.confine(path)
        config.confine(translated.target_path)
        if source_read is None:
            translated.source_bytes = path.read_bytes()
            translated.post = load_source_post(shown, translated.source_bytes, config.max_post_bytes)
    except PipelineError as exc:
        translated.error = exc
        return translated
    except OSError as exc:
        translated.error = unreadable(shown, exc)
        return translated
    if source_read is not None:
        translated.source_bytes, translated.post, translated.units, translated.definitions, translated.outline = (
            source_read
        )
    translated.source_digest = digest(translated.source_bytes)
    if source_read is None:
        translated.units, translated.definitions, translated.outline, translated.parsed_units = post_units(
            config, translated.post, post_id, str(translated.source_digest), kept
        )
    translated.source_slug = effective_slug(post_id, translated.post.meta)
    po_path = config.catalog_path(post_id, language)
    catalog: Catalog | None = None
    try:
        config.confine(po_path)
        if catalog_read is not None:
            translated.catalog_bytes, catalog = catalog_read
        else:
            translated.catalog_bytes = po_path.read_bytes()
            catalog = parse_catalog(config.relative(po_path), translated.catalog_bytes)
        keys = {(unit.context, unit.text) for unit in translated.units if unit.context in ("slug", "title")}
        translated.address_error = address_error(catalog, config.relative(po_path), language, keys)
    except FileNotFoundError:
        pass
    except PipelineError as exc:
        translated.error = exc
        return translated
    except OSError as exc:
        translated.error = unreadable(config.relative(po_path), exc)
        return translated
    translated.catalog = catalog
    apply_catalog(translated, catalog, language)
    return translated


def address_error(
    catalog: Catalog, shown: str, language: str, keys: Collection[tuple[str | None, str]] | None = None
) -> PipelineError | None:
    """The first error of the translations that make the post's URL and name it, its slug and
    its title: letters the URL cannot keep, invisible characters, words of mixed scripts
    (:func:`pipeline.checkers.check_slug_translation`, :func:`pipeline.checkers.check_characters`).
    Merge does not write a post with one; check reports them with the other translations.
    ``keys``: the (msgctxt, msgid) of the post's units (an entry of none is not used); None:
    the catalog is the post's as it is."""
    for message in catalog.messages:
        if message.msgctxt not in ("slug", "title") or (keys is not None and message.key not in keys):
            continue
        german = used_translation(message)
        if german is None:  # merge does not use it
            continue
        if message.msgctxt == "slug":
            found = check_slug_translation(german, language)
        else:
            found = check_characters(message.msgid, german)
        for severity, code, text in found:
            if severity == "error":  # as merge's other refusals say it (:class:`pipeline.render.Refusal`)
                return PipelineError(shown, message.lineno, f"{text} [{code}]")
    return None


def used_translation(message: Message) -> str | None:
    """The msgstr merge puts in place of an entry's msgid; None for a fuzzy, obsolete, plural
    or untranslated entry, or a msgstr of only blanks (no translation: it would empty its
    block)."""
    if message.translated and message.msgid_plural is None and message.msgstr.strip():
        return message.msgstr
    return None


def checked_translations(translated: TranslatedPost) -> dict[tuple[str | None, str], tuple[Unit, str]]:
    """The translations merge would publish, that merge refuses a post for and check reports
    (:func:`pipeline.checkers.check_translation`): by (msgctxt, msgid), the first unit of the
    post with that key and its used translation (:func:`used_translation`), in the post's
    order. Not an entry fuzzy, obsolete, of blanks only or of a unit the post no longer has
    (merge does not use it); not the slug (its own check, :func:`address_error`)."""
    found: dict[tuple[str | None, str], tuple[Unit, str]] = {}
    for unit in translated.units:
        key = (unit.context, unit.text)
        if unit.context == "slug" or key in found:
            continue
        german = translated.translations.get(key)
        if german is not None:
            found[key] = (unit, german)
    return found


def apply_catalog(translated: TranslatedPost, catalog: Catalog | None, language: str) -> None:
    """Fill a translated post's translations and German slug from its catalog."""
    translated.language = language
    if catalog is not None:
        for message in catalog.messages:
            german = used_translation(message)
            if german is not None:
                translated.translations[message.key] = german
                translated.message_lines[message.key] = message.lineno
    slug_unit = next(u for u in translated.units if u.context == "slug")
    given = translated.translation(slug_unit)
    title = next((u for u in translated.units if u.context == "title"), None)
    german_title = translated.translation(title) if title else None
    translated.slug = german_slug(given, german_title, translated.source_slug, language,
                                   is_section(translated.post_id))


Digests = dict[str, "str | None"]
"""What the files a result was made from hash to: ``post`` and ``po`` (:func:`pipeline.cache.digest`)."""


def source_digests(translated: TranslatedPost) -> Digests:
    """The digests of the very bytes a translated post was read from (a save after they were
    read does not change them): the key under which what was made from it is cached."""
    post = translated.source_digest if translated.source_digest is not None else digest(translated.source_bytes)
    return {"post": post, "po": digest(translated.catalog_bytes)}
