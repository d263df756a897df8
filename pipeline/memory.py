"""The translation memory: what extract offers a unit its own catalog leaves untranslated.

Its sources are the translations every catalog of the site shares
(:func:`pipeline.update.translations_to_share`: other posts', obsolete entries, posts that
are gone) and the compendiums given with ``--compendium`` (PO files, as ``msgmerge -C``
takes them). An exact match is :func:`pipeline.extract.known_in_catalogs`'s; this module
finds the close ones, as ``msgmerge`` searches a compendium: the entry with the same msgid in
another msgctxt first (msgmerge gives it weight 1, above any other msgid), else the closest
msgid of the same msgctxt (:class:`pipeline.fuzzy.FuzzyIndex`, at msgmerge's threshold),
among the candidates that share half its words (:func:`may_match`): so that a site of 10,000
posts is not an index to build for each run with new text, and the cache spares reading the
catalogs that hold no candidate (:func:`signature`, :func:`may_hold`).
A close match comes in fuzzy, with ``#|`` and a comment naming its source
(:func:`pipeline.update.update_catalog`'s ``close``)."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from pipeline.config import names_language
from pipeline.errors import CompendiumError, PipelineError
from pipeline.fuzzy import FuzzyIndex
from pipeline.po import Message, parse_catalog
from pipeline.update import (
    COMPENDIUM,
    FUZZY_THRESHOLD,
    KnownTranslation,
    key_digest,
    translations_to_share,
)

#: A translation the memory holds: (msgctxt, msgid), where it was seen, msgstr
Entry = tuple[tuple[str | None, str], str, str]


def read_compendium(path: Path, shown: str, languages: Sequence[str]) -> dict[str, list[Entry]]:
    """The translations a compendium gives, per target language (the one its ``Language``
    header names; with no such header, the only target language): its confirmed entries
    (not fuzzy: a ``msgcat`` conflict is fuzzy), as a catalog of the site shares them."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise CompendiumError(shown, None, "is a folder, not a PO file: give a file made by `msgcat`") from None
    except FileNotFoundError:
        raise CompendiumError(shown, None, "no such compendium: give a PO file (e.g. made by `msgcat -o FILE *.po`)") from None
    except OSError as exc:
        raise CompendiumError(shown, None, f"cannot be read ({exc.strerror}): give a PO file you can read") from None
    try:
        catalog = parse_catalog(shown, data)
    except PipelineError as exc:
        raise CompendiumError(
            exc.path, exc.line, f"{exc.message} (--compendium takes a PO file, e.g. made by `msgcat -o FILE *.po`)"
        ) from None
    language = _target_language(catalog.header("Language") or "", languages)
    if language not in languages:
        said = f"its Language is {language!r}" if language else "it names no Language"
        raise CompendiumError(
            shown, 1,
            f"{said}, and the site translates into {', '.join(languages)}: set its Language header "
            "to the language of its translations",
        )
    source = COMPENDIUM + shown
    return {language: [(key, source, msgstr) for _, key, msgstr in translations_to_share(catalog)]}


def _target_language(language: str, languages: Sequence[str]) -> str:
    """The target language a compendium's ``Language`` header names: itself, or the only
    target language where it names a regional variant of one (``de_DE``, ``de-AT``,
    ``DE``, ``de_DE.UTF-8``: Poedit's and Weblate's), or the only target language where it
    names none; else the header as written (refused)."""
    if not language.strip():
        return languages[0] if len(languages) == 1 else language
    if language in languages:
        return language
    alike = [target for target in languages if names_language(language, target)]
    return alike[0] if len(alike) == 1 else language


#: A word that counts in :func:`words` (four letters or more: not ``de``, ``een``, ``in``)
_WORD_RE = re.compile(r"\w{4,}")
#: In a catalog's :func:`signature`: it has an entry with no such word
_WORDLESS = "\x01"


def words(text: str) -> frozenset[str]:
    """The words of four letters or more of a text, in lower case."""
    return frozenset(_WORD_RE.findall(text.lower()))


class Query:
    """A unit looking for a close match, with what the cheap tests of :func:`may_match` and
    :func:`may_hold` need."""

    def __init__(self, key: tuple[str | None, str]) -> None:
        self.key = key
        self.context, self.msgid = key
        self.words = words(self.msgid)
        self.word_digests = {_digest(self.context, word) for word in self.words}
        self.msgid_digest = _digest(None, "\x00" + self.msgid)
        self.wordless_digest = _digest(self.context, _WORDLESS)


def may_match(query: Query, context: str | None, msgid: str, msgid_words: frozenset[str]) -> bool:
    """Whether an entry of the memory is a candidate close match of ``query``: the same
    msgid, or the same msgctxt, a length within msgmerge's ratio of 0.6 and at least half the
    query's words (four letters or more; a query without such words: an entry without them).
    Not every msgid with a ratio of 0.6 shares half the words (one letter changed in every
    word), but a translation worth offering does, and it spares the ratio of every entry of
    the site (on the real articles, those it leaves are attribution lines and headings that
    only look alike: `— @mikeal, ["…"](https://…)`)."""
    if msgid == query.msgid:
        return True
    if context != query.context:
        return False
    shorter, longer = sorted((len(msgid), len(query.msgid)))
    if 2 * shorter < FUZZY_THRESHOLD * (shorter + longer):
        return False
    if not query.words:
        return not msgid_words
    return 2 * len(query.words & msgid_words) >= len(query.words)


def signature(keys: Iterable[tuple[str | None, str]]) -> set[int]:
    """What a catalog's entries hold for :func:`may_hold`: the digest of each word with its
    msgctxt, and of each msgid (32 bits each: small enough to keep in the cache for every
    catalog)."""
    found: set[int] = set()
    for context, msgid in keys:
        msgid_words = words(msgid)
        found.add(_digest(None, "\x00" + msgid))
        found.update(_digest(context, word) for word in msgid_words)
        if not msgid_words:
            found.add(_digest(context, _WORDLESS))
    return found


def may_hold(held: set[int], query: Query) -> bool:
    """Whether a catalog with the :func:`signature` ``held`` may hold a candidate of
    :func:`may_match` (false: it need not be read)."""
    if query.msgid_digest in held:
        return True
    if not query.words:
        return query.wordless_digest in held
    return 2 * len(query.word_digests & held) >= len(query.words)


def _digest(context: str | None, text: str) -> int:
    """32 bits of a word (or msgid) with its msgctxt (CRC-32: the same in every process)."""
    data = text if context is None else f"{context}\x04{text}"
    return zlib.crc32(data.encode("utf-8", "surrogatepass"))


def candidates(entries: Iterable[Entry], queries: Sequence[Query]) -> list[Entry]:
    """The entries that are a candidate (:func:`may_match`) of some query, in order. The
    queries' words are indexed (with their msgctxt): an entry counts the words it shares
    with each query through its own words' postings, and is tested only against the queries
    it shares half their words with (a query without words: against an entry without
    words). So a post of 2,000 new units does not test each of them against every entry of
    the site."""
    by_msgid = {query.msgid for query in queries}
    postings: dict[tuple[str | None, str], list[int]] = {}
    wordless: dict[str | None, list[Query]] = {}
    for number, query in enumerate(queries):
        if not query.words:
            wordless.setdefault(query.context, []).append(query)
        for word in query.words:
            postings.setdefault((query.context, word), []).append(number)
    kept = []
    for entry in entries:
        context, msgid = entry[0]
        if msgid in by_msgid:
            kept.append(entry)
            continue
        msgid_words = words(msgid)
        if msgid_words:
            shared: Counter[int] = Counter()
            for word in msgid_words:
                shared.update(postings.get((context, word), ()))
            mine: Iterable[Query] = (
                queries[number] for number, count in shared.items() if 2 * count >= len(queries[number].words)
            )
        else:
            mine = wordless.get(context, ())
        if any(may_match(query, context, msgid, msgid_words) for query in mine):
            kept.append(entry)
    return kept


class Memory:
    """The translations of a language the memory holds, searched for close matches. An
    entry seen twice (two catalogs translate it) counts by its first translation."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        messages: list[Message] = []
        self.sources: dict[int, str] = {}
        self.by_msgid: dict[str, Message] = {}
        seen: set[tuple[str | None, str]] = set()
        for (context, msgid), source, msgstr in entries:
            if (context, msgid) in seen:
                continue
            seen.add((context, msgid))
            message = Message(msgid=msgid, msgstr=msgstr, msgctxt=context)
            messages.append(message)
            self.sources[id(message)] = source
            self.by_msgid.setdefault(msgid, message)
        self.index = FuzzyIndex(messages, FUZZY_THRESHOLD)

    def closest(self, key: tuple[str | None, str]) -> KnownTranslation | None:
        """The close match of a unit (its (msgctxt, msgid)), or None."""
        context, msgid = key
        found = self.by_msgid.get(msgid)
        if found is None or found.msgctxt == context:  # the same key: the exact match's rules
            found = self.index.closest(Message(msgid=msgid, msgctxt=context))
        if found is None or found.key == key:
            return None
        return KnownTranslation(key, (found.msgstr,), (self.sources[id(found)],), previous=found.key)


def close_matches(
    entries: Iterable[Entry], wanted: Iterable[tuple[str | None, str]]
) -> dict[int, KnownTranslation]:
    """The close matches of the units ``wanted`` among ``entries``, by
    :func:`pipeline.update.key_digest` (what ``update_catalog`` takes as ``close``)."""
    wanted = list(wanted)
    if not wanted:
        return {}
    memory = Memory(candidates(entries, [Query(key) for key in wanted]))
    found: dict[int, KnownTranslation] = {}
    for key in wanted:
        match = memory.closest(key)
        if match is not None:
            found[key_digest(key)] = match
    return found
