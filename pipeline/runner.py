"""The runs' caches: what each command's cached results depend on, declared in one place.

A command's cache (:class:`pipeline.cache.RunCache`) is keyed per post by the digests of the
files a result was made from, under a fingerprint of the settings the result depends on: a
change of one of those settings starts the cache afresh.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.cache import RunCache, Store
from pipeline.config import Config


def extract_fingerprint(config: Config) -> str:
    """The settings a post's catalogs depend on: a change of any of them invalidates the cache."""
    return repr(
        (config.source_language, config.target_languages, config.content_dir, config.locale_dir,
         config.translatable_keys, config.list_keys, config.max_post_bytes)
    )


def extract_cache(store: Store, config: Config) -> RunCache:
    """What the last extract saw and wrote, per post (merge reads it too)."""
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
