"""One runner for every command: look up the cache, run a stage over the posts in processes,
keep the results; and what each command's cached results depend on, declared in one place.

A *stage* is a picklable callable ``stage(item, kept) -> result`` (one post's work:
extract's catalogs, a summary, a German post, a post's checks), a function of its item and
the files it reads. It does not open the cache: with each item the runner hands it ``kept``,
the segmentation an earlier run kept of its post's bytes as the main process saw them, which
:func:`pipeline.units.post_units` uses only if the stage reads those very bytes (else it
parses the post); None when there is none. The runner looks it up as it hands the item out,
so that the run holds the segmentations of one chunk per worker, not of every post. (Looked
up in the main process: 15 ms of CPU per 1,000 posts, against a worker per process opening
the database itself.)

:meth:`Runner.run` gives one result per item, in item order, whatever ``jobs`` is: a result
from the cache (``cached``) where the files it depends on are unchanged, else the stage's, made
in ``jobs`` processes (:func:`pipeline.parallel.ordered_map`), and kept (``keep``) in the main
process as it comes back. What earlier passes of the run kept is committed before a pass
starts: the segmentations one pass kept are handed to the next (the database shows only
what was committed).

A command's cache (:class:`pipeline.cache.RunCache`) is keyed per post by the digests of the
files a result was made from, under a fingerprint of the settings the result depends on: a
change of one of those settings starts the cache afresh. A result is kept under the digests
of the bytes the stage read, not those the main process saw before (a save in between must
not pass for the old bytes).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from pipeline.cache import RunCache, Store
from pipeline.config import DEFAULT_SHORTCODES, Config
from pipeline.parallel import ordered_map
from pipeline.units import PackedUnits, UnitsLookup, keep_units, kept_units

I = TypeVar("I")
T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)
T_contra = TypeVar("T_contra", contravariant=True)


class Stage(Protocol[T_contra, R_co]):
    """One post's work, run in any process: picklable, and a function of its item and the
    files it reads (the cache is the runner's)."""

    def __call__(self, item: T_contra, kept: UnitsLookup | None, /) -> R_co: ...


class _KeptOf:
    """The units an earlier run kept of one post, as a :data:`UnitsLookup`: given for the
    bytes the main process saw, used only if the stage reads those very bytes."""

    def __init__(self, post_id: str, post_digest: str, packed: bytes) -> None:
        self.post_id, self.post_digest, self.packed = post_id, post_digest, packed

    def __call__(self, post_id: str, post_digest: str) -> bytes | None:
        return self.packed if (post_id, post_digest) == (self.post_id, self.post_digest) else None


class _WithKept(Generic[T, R]):
    """``(item, kept) -> stage(item, kept)``: what :func:`ordered_map` runs in the workers."""

    def __init__(self, stage: Stage[T, R]) -> None:
        self.stage = stage

    def __call__(self, handed: tuple[T, UnitsLookup | None]) -> R:
        return self.stage(*handed)


class _Handed(Sequence[tuple[T, "UnitsLookup | None"]]):
    """The stage's items, each with the units kept of its post, looked up as it is handed
    out (so that the run holds the units of one chunk per worker, not of every post)."""

    def __init__(self, items: list[T], hand: Callable[[T], UnitsLookup | None]) -> None:
        self.items, self.hand = items, hand

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index):  # type: ignore[no-untyped-def,override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.items)))]
        item = self.items[index]
        return item, self.hand(item)


class Runner:
    """One command's run over the posts of ``config``'s root: its cache database ``store``
    (disabled with ``--no-cache``) and ``jobs`` processes."""

    def __init__(self, store: Store, config: Config, jobs: int = 1) -> None:
        self.store = store
        self.config = config
        self.jobs = jobs

    def run(
        self,
        stage: Stage[T, R],
        items: Sequence[I],
        *,
        cached: Callable[[I], R | None] | None = None,
        task: Callable[[I], T] | None = None,
        keep: Callable[[I, R], None] | None = None,
        post_of: Callable[[T], Path | None] | None = None,
    ) -> Iterator[R]:
        """One result per item, in order: ``cached(item)`` if it gives one (asked of every
        item before any work starts), else ``stage(task(item), kept)`` (``task``: what the
        stage gets of an item, the item itself by default), on which ``keep(item, result)``
        runs in this process before it is yielded. ``post_of(task)``: the post whose kept
        units the stage is handed (the task itself by default; None: no units). Closing the
        iterator early stops the workers; an exception in a stage is raised here, at its item."""
        self.store.commit()  # what earlier passes kept, this pass hands out
        hits: dict[int, R] = {}
        todo: list[T] = []
        for index, item in enumerate(items):
            hit = cached(item) if cached is not None else None
            if hit is not None:
                hits[index] = hit
            else:
                todo.append(task(item) if task is not None else item)  # type: ignore[arg-type]
        lookup = kept_units(self.store, self.config)

        def hand(task: T) -> UnitsLookup | None:
            path = post_of(task) if post_of is not None else task
            if path is None or lookup is None:
                return None
            assert isinstance(path, Path)
            post_id = self.config.post_id(path)
            post_digest = self.store.file_digest(path)
            packed = lookup(post_id, post_digest) if post_digest else None
            return None if packed is None else _KeptOf(post_id, post_digest, packed)  # type: ignore[arg-type]

        work = ordered_map(_WithKept(stage), _Handed(todo, hand), self.jobs)
        try:
            for index, item in enumerate(items):
                if index in hits:
                    yield hits.pop(index)
                    continue
                result = next(work)
                if keep is not None:
                    keep(item, result)
                yield result
        finally:
            work.close()

    def keep_units(self, post_id: str, parsed_units: PackedUnits | None) -> None:
        """Keep the units a stage parsed of a post (if any) for the next passes and runs."""
        keep_units(self.store, self.config, post_id, parsed_units)


# ---------------------------------------------------------------------------------------
# What each command's cached results depend on


def direction_name(config: Config, name: str) -> str:
    """A cache's name in the direction of ``config`` (:meth:`Config.direction`): as it is for
    the site's own direction; prefixed with the source language for another (``de:extract``),
    so that the runs of the directions never drop one another's entries."""
    return f"{config.source_language}:{name}" if config.site_languages else name


def extract_fingerprint(config: Config) -> str:
    """The settings a post's catalogs depend on: a change of any of them invalidates the cache."""
    return repr(
        (config.source_language, config.target_languages, config.content_dir, config.locale_dir,
         config.translatable_keys, config.list_keys, config.max_post_bytes, config.dialect)
    ) + _shortcodes_fingerprint(config)


def _shortcodes_fingerprint(config: Config) -> str:
    """The shortcode settings (the default adds nothing: the fingerprints stay as they were)."""
    if config.shortcodes == DEFAULT_SHORTCODES and not config.code_shortcodes:
        return ""
    return repr((sorted(config.shortcodes.items()), config.code_shortcodes))


def extract_cache(store: Store, config: Config) -> RunCache:
    """What the last extract saw and wrote, per post (merge and check read it too)."""
    return RunCache(store, direction_name(config, "extract"), extract_fingerprint(config))


def shared_translations_cache(store: Store, config: Config, language: str) -> RunCache:
    """Per catalog of a language (by its path), under the digest of its bytes, which units it
    translates (:func:`pipeline.update.key_digest` of each): so that extract reads again only
    the catalogs that may translate the units it looks for (:func:`pipeline.extract.known_in_catalogs`)."""
    return RunCache(store, direction_name(config, f"shared-{language}"), extract_fingerprint(config) + ":previous msgids, not taken ones")


def memory_cache(store: Store, config: Config, language: str) -> RunCache:
    """Per catalog of a language (by its path), under the digest of its bytes, the
    :func:`pipeline.memory.signature` of the msgids it shares: so that extract reads for the
    translation memory only the catalogs that may hold a close match
    (:func:`pipeline.extract.close_in_catalogs`)."""
    return RunCache(store, direction_name(config, f"memory-{language}"), extract_fingerprint(config) + ":words of 4 letters, msgctxt, crc32")


def current_digests(store: Store, config: Config, path: Path, post_id: str) -> dict[str, str | None]:
    """What a post and its template and catalogs hash to now (the key of extract's cache)."""
    digests = {
        "post": store.file_digest(path),
        "pot": store.file_digest(config.template_path(post_id)),
    }
    for language in config.target_languages:
        digests[f"po:{language}"] = store.file_digest(config.catalog_path(post_id, language))
    return digests


def merge_fingerprint(config: Config) -> str:
    """The settings a German post (and a post's summary, and a German page's slug) depend on."""
    return repr(
        (config.source_language, config.content_dir, config.locale_dir, config.translatable_keys,
         config.list_keys, config.max_post_bytes, sorted(config.url_patterns.items()),
         sorted(config.time_zones.items()), sorted(config.links.items()),
         sorted((key, tuple(value)) for key, value in config.schema.items()), config.dialect,
         "front matter: aliases written out, no page address keys, every date key")
    ) + _shortcodes_fingerprint(config)


def summaries_cache(store: Store, config: Config, language: str) -> RunCache:
    """Post summaries by (post, catalog) digests, so that merge and check need not read a
    post whose catalog is unchanged. Read a row at a time (``by_row``): a summary's entry is
    large, and a run holds the summaries it made, not the entries as well."""
    return RunCache(store, direction_name(config, f"summaries-{language}"),
                    merge_fingerprint(config) + ":Dutch heading ids:aliases:terms", by_row=True)


def slugs_cache(store: Store, config: Config, language: str) -> RunCache:
    """The slug of each German page, by the digest of its bytes (:func:`pipeline.site.german_slugs`)."""
    return RunCache(store, direction_name(config, f"slugs-{language}"), merge_fingerprint(config))


def merge_cache(store: Store, config: Config, language: str) -> RunCache:
    """Each German post merge left, by the digests of the post, catalog and German post and
    of the links between posts, with the warnings to say again."""
    return RunCache(store, direction_name(config, f"merge-{language}"), merge_fingerprint(config))


def check_fingerprint(
    config: Config, hugo: object, schema: object, min_translated: float, static_dir: str
) -> str:
    """What check's report depends on besides the files: every setting, the site's Hugo
    configuration (the pages' URLs), and the options it ran with (the front matter schema, the
    minimum translated, the static folder). Not where the root is: a site cloned elsewhere with
    its cache (CI restoring ``.pipeline-cache/``) keeps what the cache holds (the reports
    name files relative to the root)."""
    return stable_repr((dataclasses.replace(config, root=Path(".")), hugo, schema, min_translated, static_dir))


def stable_repr(value: object) -> str:
    """``repr(value)`` the same in every process: a set's items sorted (a set of strings is
    in another order under each process's hash seed; the ``disableKinds`` of the site's Hugo
    settings made check's fingerprint, and so its cache, new at every run), through
    dataclasses, tuples, lists and dicts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        shown = (f"{f.name}={stable_repr(getattr(value, f.name))}" for f in dataclasses.fields(value) if f.repr)
        return f"{type(value).__name__}({', '.join(shown)})"
    if isinstance(value, (set, frozenset)):
        return f"{type(value).__name__}({{{', '.join(sorted(stable_repr(item) for item in value))}}})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{stable_repr(k)}: {stable_repr(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        items = [stable_repr(item) for item in value]
        return ("[" + ", ".join(items) + "]") if isinstance(value, list) else ("(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")")
    return repr(value)


def check_cache(
    store: Store, config: Config, hugo: object, schema: object, min_translated: float, static_dir: str
) -> RunCache:
    """The last report of check, by the state of every file it reads (one entry)."""
    return RunCache(store, direction_name(config, "check"), check_fingerprint(config, hugo, schema, min_translated, static_dir))


def status_cache(store: Store, config: Config, language: str) -> RunCache:
    """Per catalog of a language (by its id), under the digest of its bytes, the counts
    `pipeline status` made of it (:func:`pipeline.status.count_catalog`): they depend on those
    bytes alone."""
    return RunCache(store, direction_name(config, f"status-{language}"), "catalog bytes")


def check_posts_cache(store: Store, fingerprint: str, pass_name: str) -> RunCache:
    """Per post, what one pass of check reported of it (``stale``: the stale-catalog pass;
    ``links-de``: the translation and links pass of a language), under the digests of the
    files (and, for the links pass, of the site's link map) it was made from, and check's
    fingerprint (:func:`check_fingerprint`): so that a check after one change (or in CI, with
    ``.pipeline-cache/`` restored into a fresh clone) checks again only what that change
    touches. Read a row at a time: a post's problems may be many (16 MB at 10,000 posts)."""
    return RunCache(store, f"check-{pass_name}", fingerprint, by_row=True)
