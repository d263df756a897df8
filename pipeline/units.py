"""A post's units: parsed (:mod:`pipeline.segment`), or unpacked from what an earlier run
kept of the very same bytes (:meth:`pipeline.cache.Store.kept_segmentation`). The rules of
segmentation are :mod:`pipeline.segment`'s, the storage :mod:`pipeline.cache`'s."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.cache import Store, code_version, digest
from pipeline.config import Config
from pipeline.post import Post
from pipeline.segment import Unit, pack_segmentation, segment_post, unpack_segmentation
from pipeline.verify import Outline, outline_of


PackedUnits = tuple[str, bytes]
"""A new segmentation: the digest of the post it was made from, and its packed units."""


UnitsLookup = Callable[[str, str], "bytes | None"]
"""``(post id, digest of its bytes) -> packed units`` kept by an earlier run (or None): what
the runner hands a stage for the post it works on (:class:`pipeline.runner.Runner`), or
:func:`kept_units`."""


def post_units(
    config: Config,
    post: Post,
    post_id: str,
    post_digest: str,
    kept: UnitsLookup | None,
    pack: bool = True,
) -> tuple[list[Unit], list[tuple[int, int]], Outline | None, PackedUnits | None]:
    """A post's units, link definition ranges and body outline (for merge's structure check;
    None where a kept segmentation has none): from the segmentation an earlier run kept
    of these very bytes (``kept``), or by parsing the post; a new segmentation comes back
    packed for the cache too (unless not ``pack``), else None."""
    packed = kept(post_id, post_digest) if kept is not None else None
    kept_outline: list[object] = []
    unpacked = unpack_segmentation(packed, post.lines, kept_outline) if packed is not None else None
    if unpacked is not None:
        return unpacked[0], unpacked[1], Outline.unpack(kept_outline[0], post.lines[post.body_start :]), None
    definitions: list[tuple[int, int]] = []
    parsed: list[tuple[list, dict]] = []
    units = segment_post(
        post, post_id, config.translatable_keys, config.list_keys, definitions, parsed,
        config.shortcodes, config.code_shortcodes, config.dialect,
    )
    found = outline_of(*parsed[0], config.dialect)
    new = (post_digest, pack_segmentation(units, definitions, post.lines, found.pack(post.lines[post.body_start :]))) if pack else None
    return units, definitions, found, new


def kept_units(store: Store, config: Config) -> UnitsLookup | None:
    """The segmentations earlier runs kept, looked up in this process (None: no cache)."""
    if not store.enabled:
        return None
    settings = units_settings(config)

    def lookup(post_id: str, post_digest: str) -> bytes | None:
        return store.kept_segmentation(post_id, post_digest, settings)

    return lookup


def keep_units(store: Store, config: Config, post_id: str, parsed_units: PackedUnits | None) -> None:
    """Keep a new segmentation (if any) for the next runs."""
    if parsed_units is not None:
        post_digest, packed = parsed_units
        store.keep_units(post_id, post_digest, units_settings(config), packed)


def units_settings(config: Config) -> str:
    """What else than the post's bytes a segmentation depends on: the settings and the code
    that cut it into units."""
    settings = repr((code_version(), config.translatable_keys, config.list_keys,
                     sorted(config.shortcodes.items()), config.code_shortcodes, config.dialect))
    return str(digest(settings.encode()))
