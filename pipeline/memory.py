"""The translation memory: what extract offers a unit its own catalog leaves untranslated.

Its sources are the translations every catalog of the site shares
(:func:`pipeline.update.translations_to_share`: other posts', obsolete entries, posts that
are gone) and the compendiums given with ``--compendium`` (PO files, as ``msgmerge -C``
takes them). An exact match is :func:`pipeline.extract.known_in_catalogs`'s; this module
finds the close ones, as ``msgmerge`` searches a compendium: the entry with the same msgid in
another msgctxt first (msgmerge gives it weight 1, above any other msgid), else the closest
msgid of the same msgctxt (:class:`pipeline.fuzzy.FuzzyIndex`, at msgmerge's threshold).
A close match comes in fuzzy, with ``#|`` and a comment naming its source
(:func:`pipeline.update.update_catalog`'s ``close``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from pipeline.errors import CompendiumError, PipelineError
from pipeline.fuzzy import FuzzyIndex
from pipeline.po import Message, parse_catalog
from pipeline.update import (
    COMPENDIUM, FUZZY_THRESHOLD, KnownTranslation, key_digest, translations_to_share,
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
    language = catalog.header("Language") or ""
    if not language and len(languages) == 1:
        language = languages[0]
    if language not in languages:
        said = f"its Language is {language!r}" if language else "it names no Language"
        raise CompendiumError(
            shown, 1,
            f"{said}, and the site translates into {', '.join(languages)}: set its Language header "
            "to the language of its translations",
        )
    source = COMPENDIUM + shown
    return {language: [(key, source, msgstr) for _, key, msgstr in translations_to_share(catalog)]}


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
    memory = Memory(entries)
    found: dict[int, KnownTranslation] = {}
    for key in wanted:
        match = memory.closest(key)
        if match is not None:
            found[key_digest(key)] = match
    return found
