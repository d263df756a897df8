"""A cache of large entries read a row at a time (``RunCache(..., by_row=True)``, the summaries
cache): it hands out what reading every row at once did, and a damaged or foreign entry is
made again, never a crash."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from merge_support import fill_all, pseudo_translate
from support import ARTICLES, SEED, make_root

from pipeline import api
from pipeline.cache import CACHE_DIR, DATABASE, RunCache, Store
from pipeline.runner import check_posts_cache, direction_name, extract_cache, summaries_cache
from pipeline.site import collect_summaries
from pipeline.terms import glossary_cache


def _merged_root(tmp_path: Path) -> Path:
    root = make_root(tmp_path, {p.name: p.read_bytes() for p in [SEED, *ARTICLES[:3]]})
    api.extract(root)
    fill_all(root, pseudo_translate)
    api.merge(root)
    return root


def _german(root: Path) -> dict[str, bytes]:
    folder = root / "content" / "de"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.md"))}


def test_a_cache_read_by_row_hands_out_what_reading_it_whole_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entries = {"a": {"digests": {"post": "1"}, "n": 1}, "b/c": {"digests": {"post": "2"}, "n": [2, "ö"]},
               "d": {"digests": {"post": None}}}
    with Store(tmp_path) as store:
        cache = RunCache(store, "x", "f")
        for post_id, entry in entries.items():
            cache.put(post_id, entry["digests"], **{k: v for k, v in entry.items() if k != "digests"})
        RunCache(store, "other", "f").put("a", {"post": "9"}, n=9)  # another cache's row of the same post
        store.commit()
        for batch in (1, 2, RunCache.BATCH):
            monkeypatch.setattr(RunCache, "BATCH", batch)
            for asked in (["a", "b/c", "d", "missing"],  # in order
                          ["b/c", "a", "missing", "d", "a", "b/c"]):  # not, and twice: the second ask has none
                whole, by_row = RunCache(store, "x", "f"), RunCache(store, "x", "f", by_row=True)
                handed = [whole.record(post_id) for post_id in asked]
                assert handed == [entries.get(post_id) if post_id not in asked[:i] else None
                                  for i, post_id in enumerate(asked)]
                assert [by_row.record(post_id) for post_id in asked] == handed
                assert len(by_row._rows) <= batch
        # get() as well: the entry only where the digests match
        whole, by_row = RunCache(store, "x", "f"), RunCache(store, "x", "f", by_row=True)
        for cache in (whole, by_row):
            assert cache.get("a", {"post": "1"}) == entries["a"]
            assert cache.get("b/c", {"post": "other"}) is None
        # a cache whose fingerprint changed has nothing to hand out either way
        assert RunCache(store, "x", "g", by_row=True).record("d") is None


def test_the_summaries_read_by_row_are_the_summaries_made_again(tmp_path: Path) -> None:
    root = _merged_root(tmp_path)
    config = api.content_root(root)
    paths = sorted((root / "content" / "nl").rglob("*.md"))
    with Store(root, False) as store:
        made = collect_summaries(store, config, paths, "de")
    with Store(root) as store:
        assert store.enabled
        parsed: set[Path] = set()
        cached = collect_summaries(store, config, paths, "de", parsed=parsed)
    assert parsed == set(), "the summaries were not taken from the cache"
    assert [s.cached() for s in cached] == [s.cached() for s in made]


def test_a_damaged_or_foreign_summary_entry_is_made_again(tmp_path: Path) -> None:
    root = _merged_root(tmp_path)
    german = _german(root)
    config = api.content_root(root)
    name = direction_name(config, "summaries-de")
    posts = sorted((root / "content" / "nl").rglob("*.md"))
    with Store(root) as store:
        digests = {p: {"post": store.file_digest(p), "po": store.file_digest(config.catalog_path(config.post_id(p), "de"))}
                   for p in posts}
    # rows that are no entry (one each post), then entries whose digests match but whose
    # summary is none this code made: unknown keys, the wrong types, no summary at all
    rounds = [[b"\xff\xfe not text", 12, "not json {", "[1, 2]"],
              [json.dumps({"digests": kept, **summary}) for kept, summary in zip(digests.values(), (
                  {"summary": {"post_id": "x", "colour": "red"}}, {"summary": {"post_id": "x", "anchors": 5}},
                  {}, {"summary": "text"}))]]
    for entries in rounds:
        with sqlite3.connect(root / CACHE_DIR / DATABASE) as db:
            for path, entry in zip(posts, entries, strict=True):
                assert db.execute("UPDATE posts SET entry = ? WHERE name = ? AND post = ?",
                                  (entry, name, config.post_id(path))).rowcount == 1
        db.close()
        with Store(root) as store:
            cached = collect_summaries(store, config, posts, "de")
        with Store(root, False) as store:
            made = collect_summaries(store, config, posts, "de")
        assert [s.cached() for s in cached] == [s.cached() for s in made]
    for entry in rounds[0]:  # and merge, given them
        with sqlite3.connect(root / CACHE_DIR / DATABASE) as db:
            db.execute("UPDATE posts SET entry = ? WHERE name = ?", (entry, name))
        db.close()
    for path in (root / "content" / "de").rglob("*.md"):
        path.unlink()
    assert api.merge(root).counts()["written"] == len(posts)
    assert _german(root) == german


def test_the_caches_of_large_entries_are_read_by_row(tmp_path: Path) -> None:
    """The posts' summaries, check's problems per post, the glossary's warnings per catalog:
    their entries are not all read at once."""
    root = make_root(tmp_path, {SEED.name: SEED.read_bytes()})
    config = api.content_root(root)
    with Store(root) as store:
        summaries_cache(store, config, "de").put("p", {"post": "1"}, summary={})
        store.commit()
        cache = summaries_cache(store, config, "de")
        assert (cache._unread, cache._rows) == ({"p"}, {})
        assert check_posts_cache(store, "f", "links-de").by_row and glossary_cache(store, config, "de").by_row
        assert not extract_cache(store, config).by_row
