"""One runner for every command: look up the cache, run a stage over the posts in processes,
keep the results; and what each command's cached results depend on, declared in one place.

A *stage* is a picklable callable ``stage(item, kept) -> result`` (one post's work:
extract's catalogs, a summary, a German post, a post's checks); ``kept`` is where it finds the
segmentation an earlier run kept of the very bytes it reads (:func:`pipeline.units.post_units`),
or None. The stage does not open the cache: the runner hands it the lookup
(:class:`pipeline.cache.KeptUnits`, which a worker process opens read-only at its first call).

:meth:`Runner.run` gives one result per item, in item order, whatever ``jobs`` is: a result
from the cache (``cached``) where the files it depends on are unchanged, else the stage's, made
in ``jobs`` processes (:func:`pipeline.parallel.ordered_map`), and kept (``keep``) in the main
process as it comes back. What earlier passes of the run kept is committed before a pass
starts, so that its workers see it.

A command's cache (:class:`pipeline.cache.RunCache`) is keyed per post by the digests of the
files a result was made from, under a fingerprint of the settings the result depends on: a
change of one of those settings starts the cache afresh. A result is kept under the digests
of the bytes the stage read, not those the main process saw before (a save in between must
not pass for the old bytes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from pipeline.cache import KeptUnits, RunCache, Store
from pipeline.config import Config
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


class _WithKept(Generic[T, R]):
    """``item -> stage(item, kept)``: what :func:`ordered_map` runs in the workers."""

    def __init__(self, stage: Stage[T, R], kept: KeptUnits | None) -> None:
        self.stage, self.kept = stage, kept

    def __call__(self, item: T) -> R:
        return self.stage(item, self.kept)


class Runner:
    """One command's run over the posts of ``config``'s root: its cache database ``store``
    (disabled with ``--no-cache``) and ``jobs`` processes."""

    def __init__(self, store: Store, config: Config, jobs: int = 1) -> None:
        self.store = store
        self.config = config
        self.jobs = jobs

    def cache(self, name: str, fingerprint: str) -> RunCache | None:
        """The per-post cache ``name`` (None without a cache)."""
        return RunCache(self.store, name, fingerprint) if self.store.enabled else None

    def run(
        self,
        stage: Stage[T, R],
        items: Sequence[I],
        *,
        cached: Callable[[I], R | None] | None = None,
        task: Callable[[I], T] | None = None,
        keep: Callable[[I, R], None] | None = None,
    ) -> Iterator[R]:
        """One result per item, in order: ``cached(item)`` if it gives one (asked of every
        item before any work starts), else ``stage(task(item), kept)`` (``task``: what the
        stage gets of an item, the item itself by default), on which ``keep(item, result)``
        runs in this process before it is yielded. Closing the iterator early stops the
        workers; an exception in a stage is raised here, at its item."""
        self.store.commit()  # what earlier passes kept, this pass's workers read
        hits: dict[int, R] = {}
        todo: list[T] = []
        for index, item in enumerate(items):
            hit = cached(item) if cached is not None else None
            if hit is not None:
                hits[index] = hit
            else:
                todo.append(task(item) if task is not None else item)  # type: ignore[arg-type]
        work = ordered_map(_WithKept(stage, kept_units(self.store, self.config)), todo, self.jobs)
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

    def keep_units(self, post_id: str, segmentation: PackedUnits | None) -> None:
        """Keep a post's new segmentation (if any) for the next passes and runs."""
        keep_units(self.store, self.config, post_id, segmentation)


# ---------------------------------------------------------------------------------------
# What each command's cached results depend on


def extract_fingerprint(config: Config) -> str:
    """The settings a post's catalogs depend on: a change of any of them invalidates the cache."""
    return repr(
        (config.source_language, config.target_languages, config.content_dir, config.locale_dir,
         config.translatable_keys, config.list_keys, config.max_post_bytes)
    )


def extract_cache(store: Store, config: Config) -> RunCache:
    """What the last extract saw and wrote, per post (merge and check read it too)."""
    return RunCache(store, "extract", extract_fingerprint(config))


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
         sorted((key, tuple(value)) for key, value in config.schema.items()),
         "front matter: aliases written out, no page address keys, every date key")
    )


def summaries_cache(store: Store, config: Config, language: str) -> RunCache:
    """Post summaries by (post, catalog) digests, so that merge and check need not read a
    post whose catalog is unchanged."""
    return RunCache(store, f"summaries-{language}", merge_fingerprint(config))


def slugs_cache(store: Store, config: Config, language: str) -> RunCache:
    """The slug of each German page, by the digest of its bytes (:func:`pipeline.site.german_slugs`)."""
    return RunCache(store, f"slugs-{language}", merge_fingerprint(config))


def merge_cache(store: Store, config: Config, language: str) -> RunCache:
    """Each German post merge left, by the digests of the post, catalog and German post and
    of the links between posts, with the warnings to say again."""
    return RunCache(store, f"merge-{language}", merge_fingerprint(config))


def check_fingerprint(config: Config, schema: object, min_translated: float, static_dir: str) -> str:
    """What check's report depends on besides the files: every setting, and the options it
    ran with (the front matter schema, the minimum translated, the static folder)."""
    return repr((config, schema, min_translated, static_dir))


def check_cache(store: Store, config: Config, schema: object, min_translated: float, static_dir: str) -> RunCache:
    """The last report of check, by the state of every file it reads (one entry)."""
    return RunCache(store, "check", check_fingerprint(config, schema, min_translated, static_dir))
