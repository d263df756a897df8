"""``pipeline extract``: Dutch posts to one template and one catalog per target language.

Its stage (:func:`extract_post`, which check also runs as a dry run) and its run over the
posts. The template and catalog rules are :mod:`pipeline.update`'s; it returns results and
prints nothing (:mod:`pipeline.report`)."""

from __future__ import annotations

import dataclasses
import os
import re
import struct
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.cache import RunCache, Store, digest, file_signature
from pipeline.update import (
    KnownTranslation, TermEntry, UpdateStats, build_template, carry_typed_translations, key_digest,
    known_translations, new_catalog_header, term_entries, translations_to_share, typed_translations,
    update_catalog,
)
from pipeline.memory import Entry, Query, candidates, close_matches, may_hold, signature
from pipeline.config import Config
from pipeline.errors import (
    CatalogWarning, DuplicateEntryError, PipelineError, TypedTranslationsError,
    unreadable,
)
from pipeline.files import (
    FileChanged, Snapshot, WriteFailed, differs, in_line_endings_of, read_file, redo_on_change,
    write_if_changed,
)
from pipeline.parallel import ordered_map
from pipeline.po import (
    Catalog, Message, describe_key, format_catalog, holds_translations, parse_catalog,
)
from pipeline.frontedit import load_source_post
from pipeline.runner import (
    Runner, current_digests, extract_cache, memory_cache, shared_translations_cache,
)
from pipeline.site import find_posts, refused_name
from pipeline.segment import Unit, nesting_warnings
from pipeline.units import PackedUnits, UnitsLookup, post_units
from pipeline.translated import SourceRead


@dataclass
class Written:
    path: str
    action: str  # "created" or "updated"
    stats: UpdateStats | None = None


@dataclass
class PostResult:
    post_id: str
    units: int = 0
    stats: UpdateStats = field(default_factory=UpdateStats)
    written: list[Written] = field(default_factory=list)
    errors: list[PipelineError] = field(default_factory=list)
    warnings: list[PipelineError] = field(default_factory=list)
    """What its catalogs' reader put right or let pass (see :attr:`pipeline.po.Catalog.warnings`)."""
    digests: dict[str, str | None] = field(default_factory=dict)
    """What the post and its catalogs hash to after the run (for the cache)."""
    written_stats: dict[Path, tuple[tuple[int, int, int, int], str | None]] = field(default_factory=dict)
    """Each file written: its stat right after the write, and its digest (for the cache)."""
    parsed_units: PackedUnits | None = None
    """The post's units, packed for the cache when they were parsed (merge and check reuse them)."""
    pending: dict[str, list[int]] = field(default_factory=dict)
    """Per target language, the units other catalogs of the site may translate
    (:attr:`pipeline.update.UpdateStats.missing`, by :func:`pipeline.update.key_digest`), when
    the post was run with ``defer``: then nothing was written, and the post is to be done
    again with what they translate."""
    unmatched: dict[str, list[tuple[str | None, str]]] = field(default_factory=dict)
    """Per target language, with ``pending``: the keys of the units left untranslated, for
    the translation memory's close matches (:attr:`pipeline.update.UpdateStats.unmatched`)."""
    term_entries: list[tuple[str, str | None, list[TermEntry]]] = field(default_factory=list)
    """With ``term_keys``: the term entries of the template and of each catalog as made, with
    the file's shown path and the digest of its bytes (for the terms pass's cache:
    :func:`pipeline.terms._term_entries`, which need not read them then)."""
    shared: dict[str, tuple[str, str | None, str, str]] = field(default_factory=dict)
    """Per target language, for a catalog as made that shares nothing with the other posts'
    (no msgstr: a new site's), its shown path, the digest of its bytes, and what it shares
    packed as :func:`known_in_catalogs` and :func:`close_in_catalogs` keep it (its units' key
    digests, its msgids' memory signature: none), so that a later run need not read it to
    learn that it translates none of the units it looks for."""


def write_or_compare(
    path: Path, data: bytes, old: bytes | None, expected: Snapshot, shown: str, dry_run: bool
) -> bool:
    """Write a catalog or template whose bytes changed (:func:`write_if_changed`); with
    ``dry_run`` only say whether they would. True: written (or would be)."""
    if dry_run:
        return differs(path, data, old)
    return write_if_changed(path, data, old, expected, shown)


def creation_date(now: float | None = None) -> str:
    """A POT-Creation-Date; ``SOURCE_DATE_EPOCH`` wins, for reproducible builds."""
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        now = float(epoch) if epoch and epoch.isdigit() else time.time()
    return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(now))


def read_catalog(path: Path, shown: str) -> tuple[Catalog | None, bytes | None, Snapshot]:
    """A catalog, its bytes and its :class:`pipeline.files.Snapshot` (None, None: no file);
    a file that is there and cannot be read (a folder in its place) is a FileUnreadable."""
    try:
        data, snapshot = read_file(path)
    except OSError as exc:
        raise unreadable(shown, exc) from None
    return (None if data is None else parse_catalog(shown, data)), data, snapshot


def extract_post(
    config: Config,
    path: Path,
    now: str,
    dry_run: bool = False,
    kept: UnitsLookup | None = None,
    known: Mapping[str, Mapping[int, KnownTranslation]] | None = None,
    defer: bool = False,
    close: Mapping[str, Mapping[int, KnownTranslation]] | None = None,
    pack: bool = False,
    seen: Callable[[Path, bytes, Catalog, str | None], None] | None = None,
    term_keys: Sequence[str] = (),
    seen_post: Callable[[SourceRead], None] | None = None,
) -> PostResult:
    """Update the template and the catalogs of one post; errors are collected, not raised.

    With ``dry_run`` nothing is written: ``written`` lists what would change. ``kept``: where
    an earlier run's segmentation of these very bytes may be found (then the post is not
    parsed; see :data:`pipeline.units.UnitsLookup`). ``known``: per target language, what
    other catalogs of the site translate (see :func:`pipeline.update.update_catalog`).
    ``defer``: a post with units that other catalogs may translate is not written, but comes
    back with them in :attr:`PostResult.pending` (see :func:`extract`). ``close``: per
    target language, the translation memory's close matches (:mod:`pipeline.memory`); None
    in a first pass, which notes the units left untranslated instead. ``pack``: a dry run
    gives the units it cut too (:attr:`PostResult.parsed_units`: check keeps them for its
    next passes). ``seen(path, bytes, catalog, language)``: told of the template (language
    None) and each catalog as read and parsed, before anything changes them (check's other
    passes take what they need of them there instead of reading them again). ``term_keys``:
    the front matter keys whose values are the site's terms; the result gives the term
    entries of each file made (:attr:`PostResult.term_entries`). ``seen_post``: told of the
    post as read, loaded and cut (:data:`pipeline.translated.SourceRead`; check's summary
    takes it instead of reading the post again).

    A template or catalog saved by someone else while this runs (a PO editor) is never
    overwritten: the post is done again from the new file, up to ``ATTEMPTS`` times, then
    left as it is and reported.
    """
    result = PostResult(config.post_id(path))

    def forget() -> None:  # what this attempt wrote stays written (and listed); the rest is done again
        result.units, result.stats, result.errors = 0, UpdateStats(), []
        result.digests, result.parsed_units, result.warnings = {}, None, []
        result.pending, result.unmatched, result.shared, result.term_entries = {}, {}, {}, []

    try:
        done = redo_on_change(
            lambda: _extract_post(result, config, path, now, dry_run, kept, known or {}, defer, close, pack,
                                  seen, term_keys, seen_post),
            forget,
        )
    except WriteFailed as exc:  # a full disk: the post's other files are left as they are
        result.errors.append(exc)
        return result
    if isinstance(done, FileChanged):
        result.errors.append(PipelineError(done.path, None, f"{done.message}; run `pipeline extract` again"))
        return result
    return done


def _extract_post(
    result: PostResult,
    config: Config,
    path: Path,
    now: str,
    dry_run: bool,
    kept: UnitsLookup | None,
    known: Mapping[str, Mapping[int, KnownTranslation]],
    defer: bool,
    close: Mapping[str, Mapping[int, KnownTranslation]] | None = None,
    pack: bool = False,
    seen: Callable[[Path, bytes, Catalog, str | None], None] | None = None,
    term_keys: Sequence[str] = (),
    seen_post: Callable[[SourceRead], None] | None = None,
) -> PostResult:
    post_id = result.post_id
    shown = config.relative(path)
    # the catalogs' writes (path, bytes, their digest, old bytes, snapshot, shown, stats), done
    # in this order once every catalog is made (none when the post is deferred)
    writes: list[tuple[Path, bytes, str | None, bytes | None, Snapshot, str, UpdateStats]] = []

    try:
        config.confine(path)
        source = path.read_bytes()
        post = load_source_post(shown, source, config.max_post_bytes)
    except PipelineError as exc:
        result.errors.append(exc)
        return result
    except OSError as exc:
        result.errors.append(unreadable(shown, exc))
        return result
    post_digest = str(digest(source))
    units, definitions, outline, result.parsed_units = post_units(
        config, post, post_id, post_digest, kept, pack=not dry_run or pack
    )
    if seen_post is not None:
        seen_post((source, post, units, definitions, outline))
    result.units = len(units)
    result.warnings += nesting_warnings(post, config.source_language, config.target_languages, config.dialect)

    pot_path = config.template_path(post_id)
    pot_shown = config.relative(pot_path)
    try:
        config.confine(pot_path)
        for language in config.target_languages:
            config.confine(config.catalog_path(post_id, language))
    except PipelineError as exc:
        result.errors.append(exc)
        return result
    try:
        old_pot_data, pot_snapshot = read_file(pot_path)
    except OSError as exc:  # a folder in its place: it could not be written either
        result.errors.append(unreadable(pot_shown, exc))
        return result
    # the template there, exactly as this one would be written with its date: kept, and not
    # parsed (check is told of it as the template it parses to: the one built)
    written_in = config.source_language if config.site_languages else None  # (the site's own: not named)
    unchanged = _unchanged_template(post_id, shown, units, now, old_pot_data, written_in)
    if seen is not None and unchanged is not None and old_pot_data is not None:
        seen(pot_path, old_pot_data, unchanged, None)  # what its bytes parse to
    template = unchanged if unchanged is not None else build_template(post_id, shown, units, now, written_in)
    try:
        old_pot = None if old_pot_data is None or unchanged is not None else parse_catalog(pot_shown, old_pot_data)
    except DuplicateEntryError as exc:
        assert old_pot_data is not None
        if holds_translations(_decoded(old_pot_data)):  # two different translations typed into it
            result.errors.append(exc)
            return result
        old_pot = None  # two headers (a merge kept both): written again
    except PipelineError as exc:
        old_pot = None  # a broken template is regenerated...
        if old_pot_data is not None and holds_translations(_decoded(old_pot_data)):
            # ...but not one with translations
            result.errors.append(TypedTranslationsError(
                exc.path, exc.line,
                f"{exc.message}; the template holds translations typed into it, so it is left as "
                "it is: fix this line (extract then carries them into the catalog)",
            ))
            return result
    data: bytes | None = old_pot_data if unchanged is not None else None
    if seen is not None and old_pot is not None and old_pot_data is not None:
        seen(pot_path, old_pot_data, old_pot, None)
    if old_pot is not None and old_pot_data is not None:
        old_date = old_pot.header("POT-Creation-Date") or now
        same = build_template(post_id, shown, units, old_date, written_in)
        if in_line_endings_of(old_pot_data, format_catalog(same).encode()) == old_pot_data:
            template, data = same, old_pot_data  # unchanged: not formatted a second time
    typed = typed_translations(old_pot) if old_pot is not None else []
    carry_into = _typed_language(config, old_pot, pot_shown) if typed else None
    if isinstance(carry_into, PipelineError):
        result.errors.append(carry_into)
        return result
    if data is None:
        data = in_line_endings_of(old_pot_data, format_catalog(template).encode())
    result.digests = {"post": post_digest, "pot": digest(data)}
    if term_keys and not dry_run:
        result.term_entries.append((pot_shown, result.digests["pot"], term_entries(template, term_keys)))

    template_carried = True  # the typed translations are safe in their catalog
    for language in config.target_languages:
        po_path = config.catalog_path(post_id, language)
        po_shown = config.relative(po_path)
        try:
            old, old_data, po_snapshot = read_catalog(po_path, po_shown)
        except PipelineError as exc:
            result.errors.append(exc)
            template_carried = template_carried and language != carry_into
            continue
        if old is not None:
            result.warnings += old.warnings
            if seen is not None and old_data is not None:
                seen(po_path, old_data, old, language)
        if language == carry_into:
            if old is None:
                old = new_catalog_header(template, language, shown)
            carried, conflicts = carry_typed_translations(old, typed)
            if conflicts:
                template_carried = False
                for source, mine in conflicts:
                    result.errors.append(TypedTranslationsError(
                        pot_shown, source.lineno,
                        f"a translation typed into the template ({describe_key(source)}) differs "
                        f"from the one in {po_shown}:{mine.lineno}: keep the one you want in the "
                        "catalog, then delete the template (extract writes it again)",
                    ))
                continue
            if carried:
                they = "they are" if carried != 1 else "it is"
                done = (f"to be carried as {they} into {po_shown} by `pipeline extract`" if dry_run
                        else f"carried as {they} into {po_shown}")  # check runs it dry
                result.warnings.append(CatalogWarning(
                    pot_shown, None,
                    f"{carried} translation{'s' if carried != 1 else ''} typed into the template "
                    f"{done}: review there (the template is the pipeline's, and written again "
                    "without them)",
                    "template-translations",
                ))
        catalog, stats = update_catalog(
            old, template, language, shown, known.get(language),
            None if close is None else close.get(language, {}),
        )
        if defer and stats.missing:
            result.pending[language] = stats.missing
            result.unmatched[language] = stats.unmatched
        if result.pending:
            continue  # done again with what the other catalogs translate: nothing made here is kept
        result.stats.new += stats.new
        result.stats.fuzzy += stats.fuzzy
        result.stats.obsolete += stats.obsolete
        result.stats.relinked += stats.relinked
        result.stats.known += stats.known
        result.stats.close += stats.close
        result.stats.known_compendium += stats.known_compendium
        result.stats.close_compendium += stats.close_compendium
        result.warnings += _disagreeing(po_shown, stats)
        po_data = in_line_endings_of(old_data, format_catalog(catalog).encode())
        po_digest = result.digests[f"po:{language}"] = digest(po_data)
        if not dry_run and not any(message.msgstr for message in catalog.messages):
            # it shares nothing (a new site's catalogs): kept at no cost; what one with
            # translations shares is kept by the first run that looks (its words cost a
            # tenth of a run where every catalog changed)
            result.shared[language] = (po_shown, po_digest, "", "")
        if term_keys and not dry_run:
            result.term_entries.append((po_shown, po_digest, term_entries(catalog, term_keys)))
        writes.append((po_path, po_data, po_digest, old_data, po_snapshot, po_shown, stats))

    if result.pending:  # to be done again, with what the other catalogs translate
        return result
    for po_path, po_data, po_digest, old_data, po_snapshot, po_shown, stats in writes:
        if write_or_compare(po_path, po_data, old_data, po_snapshot, po_shown, dry_run):
            written = Written(po_shown, "updated" if old_data else "created", _counts_only(stats))
            _note_written(result, po_path, po_digest, written)
    # the template last: one with translations typed into it only once they are in the catalog
    if template_carried and write_or_compare(pot_path, data, old_pot_data, pot_snapshot, pot_shown, dry_run):
        # listed first, as the file the catalogs follow
        written = Written(pot_shown, "updated" if old_pot_data else "created")
        _note_written(result, pot_path, result.digests["pot"], written, first=True)
    return result


#: The POT-Creation-Date line of a template's header, as extract writes it (LF or CRLF)
_CREATION_DATE_RE = re.compile(rb'^"POT-Creation-Date: ([^"\\\r\n]*)\\n"\r?$', re.MULTILINE)


def _unchanged_template(post_id: str, shown: str, units: Sequence[Unit], now: str,
                        old_data: bytes | None, source_language: str | None = None) -> Catalog | None:
    """The template of ``units`` dated as the one there (``old_data``; with no date, ``now``)
    when its bytes would be that one's exactly (its line endings kept), else None. The date
    is found without parsing the file: the bytes compared are the proof (a template that is
    byte for byte what extract writes parses to what it was written from: no translations
    typed into it, no duplicate)."""
    found = _CREATION_DATE_RE.search(old_data) if old_data is not None else None
    if found is None:
        return None
    try:
        date = found.group(1).decode("utf-8") or now  # (as the parsed header's is read)
    except UnicodeDecodeError:
        return None
    same = build_template(post_id, shown, units, date, source_language)
    return same if in_line_endings_of(old_data, format_catalog(same).encode()) == old_data else None


def _counts_only(stats: UpdateStats) -> UpdateStats:
    """A catalog's update counts without the units they came with (every new unit's key and
    digest): what the report keeps of each catalog written, for every post of the run."""
    return dataclasses.replace(stats, missing=[], disagreeing=[], unmatched=[])


def _disagreeing(shown: str, stats: UpdateStats) -> list[PipelineError]:
    """A warning for each new unit that other catalogs of the site translate differently."""
    warnings: list[PipelineError] = []
    for (context, msgid), found in stats.disagreeing:
        where = ", ".join(dict.fromkeys(found.sources))
        warnings.append(CatalogWarning(
            shown, None,
            f"{describe_key(Message(msgid=msgid, msgctxt=context))} left untranslated: other "
            f"catalogs translate it in {len(found.msgstrs)} ways ({where}); copy the right one in",
            "known-differently",
        ))
    return warnings


def _decoded(data: bytes) -> str:
    """A template's text, near enough to see whether translations were typed into it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as Notepad saves "Unicode"
        return data.decode("utf-16", "replace")
    return data.decode("utf-8", "replace")


def _typed_language(config: Config, template: Catalog | None, shown: str) -> str | PipelineError:
    """The target language whose catalog gets the translations typed into a template: its
    ``Language`` header's (a PO editor sets it), else the only target language."""
    language = (template.header("Language") or "") if template is not None else ""
    if language in config.target_languages:
        return language
    if not language and len(config.target_languages) == 1:
        return config.target_languages[0]
    why = (f"its Language {language!r} is not a target language" if language
           else "it names no Language")
    return TypedTranslationsError(
        shown, None,
        f"translations typed into the template, and {why}: copy them into the catalog of their "
        "language, then delete the template (extract writes it again)",
    )


def _note_written(
    result: PostResult, path: Path, data_digest: str | None, written: Written, first: bool = False
) -> None:
    """List a file written (once, though an earlier attempt at the post wrote it too), with
    its stat for the cache; ``first``: at the head of the list."""
    others = [w for w in result.written if w.path != written.path]
    result.written = [written, *others] if first else [*others, written]
    _note_stat(result, path, data_digest)


def _note_stat(result: PostResult, path: Path, data_digest: str | None) -> None:
    signature = file_signature(path)
    if signature is not None:
        result.written_stats[path] = signature, data_digest


class _ExtractOne:
    """The stage of extract: a picklable ``path -> PostResult`` (see :func:`extract_post` for
    ``known`` and ``defer``)."""

    def __init__(
        self,
        config: Config,
        now: str,
        known: Mapping[str, Mapping[int, KnownTranslation]] | None = None,
        defer: bool = False,
        close: Mapping[str, Mapping[int, KnownTranslation]] | None = None,
        term_keys: Sequence[str] = (),
    ) -> None:
        self.config = config
        self.now = now
        self.known = known
        self.defer = defer
        self.close = close
        self.term_keys = term_keys

    def __call__(self, path: Path, kept: UnitsLookup | None) -> PostResult:
        return extract_post(
            self.config, path, self.now, kept=kept, known=self.known, defer=self.defer, close=self.close,
            term_keys=self.term_keys,
        )


#: Units looked for in other catalogs at once, at most (besides one post's): a run where
#: more are new (thousands of posts new at once) reads the catalogs once per batch of posts,
#: so that what it holds of their translations stays bounded.
KNOWN_BATCH_UNITS = 100_000


def _batches(pending: list[int], waiting: Mapping[int, PostResult]) -> Iterator[list[int]]:
    """The posts that wait for other catalogs' translations, in order, in batches of at most
    :data:`KNOWN_BATCH_UNITS` units (a post with more is a batch of its own)."""
    batch: list[int] = []
    units = 0
    for index in pending:
        size = sum(len(keys) for keys in waiting[index].pending.values())
        if batch and units + size > KNOWN_BATCH_UNITS:
            yield batch
            batch, units = [], 0
        batch.append(index)
        units += size
    if batch:
        yield batch


def _catalogs(config: Config, language: str) -> list[Path]:
    """Every catalog of a language under the root's locale folder, those of posts that are
    gone too, in path order."""
    folder = config.catalog_path("x", language).parent
    found: list[Path] = []
    for parent, folders, files in os.walk(folder):  # symlinks not followed
        folders.sort()
        found.extend(Path(parent) / name for name in sorted(files) if name.endswith(".po"))
    return sorted(found)


def _has_catalogs(config: Config) -> bool:
    """Whether any catalog of a target language is there to translate a unit of another."""
    for language in config.target_languages:
        for _, _, files in os.walk(config.catalog_path("x", language).parent):
            if any(name.endswith(".po") for name in files):
                return True
    return False


class _ShareTranslations:
    """A picklable ``catalog path -> (digest of its bytes, [(key, msgstr)] of the units
    wanted, digests of every unit it translates)``: what a catalog translates of ``wanted``
    (None, [], []: it cannot be read)."""

    def __init__(self, config: Config, wanted: set[int]) -> None:
        self.config = config
        self.wanted = wanted

    def __call__(
        self, path: Path
    ) -> tuple[str | None, list[tuple[tuple[str | None, str], str]], list[int]]:
        shown = self.config.relative(path)
        try:
            self.config.confine(path)
            data = path.read_bytes()
            shared = translations_to_share(parse_catalog(shown, data))
        except (PipelineError, OSError):  # its own post's run says what is wrong with it
            return None, [], []
        found = [(key, msgstr) for number, key, msgstr in shared if number in self.wanted]
        return digest(data), found, [number for number, _, _ in shared]


def known_in_catalogs(
    config: Config,
    wanted: Mapping[str, set[int]],
    jobs: int = 1,
    store: Store | None = None,
    compendium: Mapping[str, Sequence[Entry]] | None = None,
) -> dict[str, dict[int, KnownTranslation]]:
    """Per target language, what the catalogs of the site (every one under the locale folder,
    of a post that is gone too, obsolete entries included) translate of the units ``wanted``
    (by :func:`pipeline.update.key_digest`). Only those are kept: the rest of the catalogs is
    read and let go. With the cache (``store``), a catalog whose bytes an earlier run read
    and that translates none of them is not read again. A unit the site translates nowhere
    takes the translation of the first ``compendium`` entry of its key (as msgmerge -C)."""
    known: dict[str, dict[int, KnownTranslation]] = {}
    for language, keys in sorted(wanted.items()):
        cache = shared_translations_cache(store, config, language) if store and store.enabled else None
        paths = []
        for path in _catalogs(config, language):
            if cache is not None:
                file_digest = store.file_digest(path)  # type: ignore[union-attr]
                entry = cache.get(config.relative(path), {"po": file_digest}) if file_digest else None
                units = _unpacked(entry.get("units"), 8) if entry is not None else None
                if units is not None and keys.isdisjoint(units):
                    continue
            paths.append(path)
        seen: list[tuple[tuple[str | None, str], str, str]] = []
        for path, (data_digest, found, every) in zip(
            paths, ordered_map(_ShareTranslations(config, keys), paths, jobs)
        ):
            shown = config.relative(path)
            seen.extend((key, shown, msgstr) for key, msgstr in found)
            if cache is not None and data_digest is not None:  # under the bytes it was read from
                cache.put(shown, {"po": data_digest}, units=_packed(every, 8))
        known[language] = known_translations(seen)
        for key, source, msgstr in (compendium or {}).get(language, ()):
            number = key_digest(key)
            if number in keys and number not in known[language]:
                known[language][number] = KnownTranslation(key, (msgstr,), (source,))
    return known


class _CloseCandidates:
    """A picklable ``catalog path -> (digest of its bytes, [(key, msgstr)] of the candidates
    of ``queries``, the signature of its msgids)``: what a catalog holds for the translation
    memory's close matches (None, [], set(): it cannot be read)."""

    def __init__(self, config: Config, queries: Sequence[Query]) -> None:
        self.config = config
        self.queries = queries

    def __call__(self, path: Path) -> tuple[str | None, list[tuple[tuple[str | None, str], str]], set[int]]:
        try:
            self.config.confine(path)
            data = path.read_bytes()
            shared = translations_to_share(parse_catalog(self.config.relative(path), data))
        except (PipelineError, OSError):  # its own post's run says what is wrong with it
            return None, [], set()
        entries = [(key, "", msgstr) for _, key, msgstr in shared]
        found = [(key, msgstr) for key, _, msgstr in candidates(entries, self.queries)]
        return digest(data), found, signature(key for _, key, _ in shared)


def close_in_catalogs(
    config: Config,
    wanted: Mapping[str, Iterable[tuple[str | None, str]]],
    jobs: int = 1,
    compendium: Mapping[str, Sequence[Entry]] | None = None,
    store: Store | None = None,
) -> dict[str, dict[int, KnownTranslation]]:
    """Per target language, the close matches (:mod:`pipeline.memory`) of the units
    ``wanted`` (by key) among the translations of every catalog of the site, then of the
    ``compendium``. The catalogs are read only for a language with units wanted, and with
    the cache (``store``) only those whose signature may hold a candidate; only the
    candidates are kept."""
    close: dict[str, dict[int, KnownTranslation]] = {}
    for language, keys in sorted(wanted.items()):
        keys = list(keys)
        if not keys:
            continue
        queries = [Query(key) for key in keys]
        cache = memory_cache(store, config, language) if store and store.enabled else None
        paths = []
        for path in _catalogs(config, language):
            if cache is not None:
                file_digest = store.file_digest(path)  # type: ignore[union-attr]
                entry = cache.get(config.relative(path), {"po": file_digest}) if file_digest else None
                held = _unpacked(entry.get("words"), 4) if entry is not None else None
                if held is not None and not any(may_hold(held, query) for query in queries):
                    continue
            paths.append(path)
        entries: list[Entry] = []
        for path, (data_digest, found, held) in zip(
            paths, ordered_map(_CloseCandidates(config, queries), paths, jobs)
        ):
            shown = config.relative(path)
            entries.extend((key, shown, msgstr) for key, msgstr in found)
            if cache is not None and data_digest is not None:
                cache.put(shown, {"po": data_digest}, words=_packed(sorted(held), 4))
        entries.extend((compendium or {}).get(language, ()))
        close[language] = close_matches(entries, keys)
    return close


#: The struct format of a number of each size the cache packs: key digests (8 bytes), word
#: digests (4 bytes)
_NUMBER_FORMATS = {4: "I", 8: "Q"}


def _packed(numbers: list[int], size: int) -> str:
    """Numbers of ``size`` bytes as one string for the cache (``2 * size`` hexadecimal digits
    each, in the order given)."""
    return struct.pack(f">{len(numbers)}{_NUMBER_FORMATS[size]}", *numbers).hex()


def _unpacked(packed: object, size: int) -> set[int] | None:
    """The numbers of :func:`_packed` (None: not such a string; the catalog is read)."""
    if not isinstance(packed, str) or len(packed) % (2 * size):
        return None
    try:
        count = len(packed) // (2 * size)
        return set(struct.unpack(f">{count}{_NUMBER_FORMATS[size]}", bytes.fromhex(packed)))
    except ValueError:
        return None


def extract(
    config: Config,
    paths: Iterable[Path] = (),
    now: str | None = None,
    jobs: int = 1,
    use_cache: bool = True,
    posts: Sequence[Path] | None = None,
    compendium: Mapping[str, Sequence[Entry]] | None = None,
    term_keys: Sequence[str] = (),
    terms_cache: Callable[[Store], RunCache] | None = None,
) -> Iterator[PostResult]:
    """Extract every post (or those under ``paths``), one result per post, in path order.

    Posts whose bytes, template and catalogs are exactly what the last run left are skipped
    (see :mod:`pipeline.cache`); the rest run in ``jobs`` processes, results in order. New
    units take the translations other catalogs of the site give them (:func:`_extract_passes`),
    and those of ``compendium`` (per language, :func:`pipeline.memory.read_compendium`).
    With ``term_keys`` and ``terms_cache`` (the terms pass's cache, :func:`pipeline.terms.terms_cache`),
    the term entries of each file written are kept there, so that the terms pass after
    this run reads none of them again.
    """
    date = now or creation_date()
    if posts is None:  # the caller may have listed them already (to check the paths given)
        posts = find_posts(config, list(paths))
    store = Store(config.root, use_cache, run=config._run)
    runner = Runner(store, config, jobs)
    cache = extract_cache(store, config) if store.enabled else None

    def cached(path: Path) -> PostResult | None:
        post_id = config.post_id(path)
        refused = refused_name(config, path)
        if refused is not None:  # before its name goes anywhere (the cache cannot hold it)
            return PostResult(post_id, errors=[refused])
        entry = cache.get(post_id, current_digests(store, config, path, post_id)) if cache else None
        return None if entry is None else PostResult(post_id, units=int(entry.get("units", 0)))

    shared_caches: dict[str, tuple[RunCache, RunCache]] = {}  # per language, made when first needed
    kept_terms: list[RunCache] = []  # the terms pass's cache, made when first needed

    def keep_shared(result: PostResult) -> None:
        """Keep what each catalog of the post shares, by the digest of its bytes (whatever
        else the post's result says: the entry is true of those bytes)."""
        for language, (shown, data_digest, units, words) in result.shared.items():
            if data_digest is None:
                continue
            if language not in shared_caches:
                shared_caches[language] = (shared_translations_cache(store, config, language),
                                           memory_cache(store, config, language))
            known_cache, close_cache = shared_caches[language]
            known_cache.put(shown, {"po": data_digest}, units=units)
            close_cache.put(shown, {"po": data_digest}, words=words)
        if terms_cache is not None and result.term_entries:
            if not kept_terms:
                kept_terms.append(terms_cache(store))
            for shown, data_digest, entries in result.term_entries:
                if data_digest is not None:
                    kept_terms[0].put(shown, {"file": data_digest}, terms=entries)

    def keep(path: Path, result: PostResult) -> None:
        """Keep what the next runs (extract, merge, check) can reuse of one post's result."""
        if cache is None:
            return
        if result.pending:  # done again in this run: its units for that run
            runner.keep_units(result.post_id, result.parsed_units)
            return
        if result.errors or result.warnings or not result.digests:  # to be said again next time
            cache.drop(result.post_id)
            return
        cache.put(result.post_id, result.digests, units=result.units)
        runner.keep_units(result.post_id, result.parsed_units)
        keep_shared(result)
        for written, (stat, data_digest) in result.written_stats.items():
            store.wrote(written, stat, data_digest)

    try:
        yield from _extract_passes(config, date, posts, runner, cached, keep, compendium or {},
                                   tuple(term_keys) if terms_cache is not None else ())
    finally:
        store.close()


def _extract_passes(
    config: Config,
    date: str,
    posts: Sequence[Path],
    runner: Runner,
    cached: Callable[[Path], PostResult | None],
    keep: Callable[[Path, PostResult], None],
    compendium: Mapping[str, Sequence[Entry]] | None = None,
    term_keys: Sequence[str] = (),
) -> Iterator[PostResult]:
    """Extract's run, results in post order. Posts with units the other catalogs of the site
    may translate (new or changed text) wait; once every other post is done, the catalogs are
    read for those units alone and the posts that waited are done again with what they
    translate. A run where no post has such units (the common one: nothing new) reads no other
    catalog; nor does one on a root without catalogs yet (and no compendium). The units still
    untranslated then query the translation memory for close matches (:func:`close_in_catalogs`):
    only when there are such units are all the catalogs read for it."""
    defer = _has_catalogs(config) or any((compendium or {}).values())
    waiting: dict[int, PostResult] = {}  # results held back to keep the order, by position
    first_pending: int | None = None
    pending: list[int] = []
    for index, result in enumerate(
        runner.run(_ExtractOne(config, date, defer=defer, term_keys=term_keys), posts, cached=cached, keep=keep)
    ):
        if result.pending:
            pending.append(index)
            if first_pending is None:
                first_pending = index
        if first_pending is None:
            yield result
            continue
        if result.parsed_units is not None:  # kept already: held, only whether it was parsed
            result.parsed_units = (result.parsed_units[0], b"")
        waiting[index] = result
    for batch in _batches(pending, waiting):
        wanted: dict[str, set[int]] = {}
        for index in batch:
            for language, keys in waiting[index].pending.items():
                wanted.setdefault(language, set()).update(keys)
        runner.store.commit()  # what the posts' catalogs share, as the first pass kept it
        known = known_in_catalogs(config, wanted, runner.jobs, runner.store, compendium)
        unmatched: dict[str, dict[tuple[str | None, str], None]] = {}
        for index in batch:
            for language, keys in waiting[index].unmatched.items():
                found = known.get(language, {})
                for key in keys:
                    if key_digest(key) not in found:  # not an exact match (nor several)
                        unmatched.setdefault(language, {})[key] = None
        close = close_in_catalogs(config, unmatched, runner.jobs, compendium, runner.store) if unmatched else {}
        close = {language: close.get(language, {}) for language in config.target_languages}
        again = [posts[index] for index in batch]
        step = _ExtractOne(config, date, known, close=close, term_keys=term_keys)
        for index, result in zip(batch, runner.run(step, again, keep=keep)):
            if result.parsed_units is None:  # parsed in the first pass
                result.parsed_units = waiting[index].parsed_units
            waiting[index] = result
        # the results up to the next post still waiting, in order
        next_pending = next((index for index in pending if index > batch[-1]), len(posts))
        for index in sorted(index for index in waiting if index < next_pending):
            yield waiting.pop(index)
    for index in sorted(waiting):
        yield waiting.pop(index)
