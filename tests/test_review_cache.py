"""A review of this session's speed and memory work (``git diff bda7829..HEAD -- pipeline/``):
each shortcut compared with what it replaced, on the inputs most likely to tell them apart."""

from __future__ import annotations

import dataclasses
import os
import pickle
import time
from pathlib import Path

import pytest
from support import SEED, make_root

from pipeline import api
from pipeline.cache import RACY_NS, RunCache, Store
from pipeline.checkers import Problem
from pipeline.files import named_below

#: Post ids whose order differs between a naive sort and SQLite's (UTF-8 bytes, which is code
#: point order, as Python's): case, accents, scripts, astral characters, spaces, slashes.
ODD_IDS = ["a", "B", "b", "Z", "é", "e\u0301", "ß", "日本/記事", "😀", "a b", "a/b", "a-b", "a.b",
           "a\x7fb", "\uffff", "a" * 300, "İ", "ı", "A/a", "a/A"]


def _fill(store: Store, name: str, fingerprint: str, ids: list[str], tag: str) -> None:
    cache = RunCache(store, name, fingerprint)
    for post_id in ids:
        cache.put(post_id, {"post": post_id}, tag=tag)
    store.commit()


@pytest.mark.parametrize("batch", [1, 2, 3, RunCache.BATCH])
def test_by_row_hands_out_what_whole_does_for_odd_post_ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          batch: int) -> None:
    monkeypatch.setattr(RunCache, "BATCH", batch)
    with Store(tmp_path) as store:
        _fill(store, "x", "f", ODD_IDS, "old")
        for asked in (sorted(ODD_IDS), sorted(ODD_IDS, reverse=True), ODD_IDS, ODD_IDS[::2] + ODD_IDS + ["nope"]):
            whole, by_row = RunCache(store, "x", "f"), RunCache(store, "x", "f", by_row=True)
            handed = [whole.get(post_id, {"post": post_id}) for post_id in asked]
            assert [by_row.get(post_id, {"post": post_id}) for post_id in asked] == handed
            assert sum(entry is not None for entry in handed) == len(ODD_IDS)


def test_by_row_never_hands_out_an_entry_made_under_another_fingerprint(tmp_path: Path) -> None:
    """Another process (check takes no run lock) opens the cache under other settings and commits
    its entries while this run reads it a batch at a time: each batch is read only while the
    cache is under this run's settings (in one statement), so none of them is handed out."""
    with Store(tmp_path) as store:
        _fill(store, "x", "f", ["a", "b"], "made under f")
    with Store(tmp_path) as ours:
        whole, by_row = RunCache(ours, "x", "f"), RunCache(ours, "x", "f", by_row=True)
        with Store(tmp_path) as theirs:  # another process (check takes no run lock), other settings
            _fill(theirs, "x", "g", ["a", "b"], "made under g")
        assert whole.get("a", {"post": "a"}) == {"digests": {"post": "a"}, "tag": "made under f"}
        entry = by_row.get("a", {"post": "a"})
        assert entry is None or entry["tag"] == "made under f"


def test_an_entry_made_under_settings_another_process_replaced_is_not_kept(tmp_path: Path) -> None:
    """Our run opens the cache under settings f; another process opens it under g (emptying it)
    and commits; what our run then puts was made under f and must not be trusted by a run
    under g."""
    with Store(tmp_path) as ours:
        cache = RunCache(ours, "x", "f")
        ours.commit()
        with Store(tmp_path) as theirs:
            _fill(theirs, "x", "g", ["b"], "made under g")
        cache.put("a", {"post": "a"}, tag="made under f")
        cache.put("b", {"post": "b"}, tag="made under f")
    with Store(tmp_path) as store:
        under_g = RunCache(store, "x", "g")
        assert under_g.get("a", {"post": "a"}) is None
        assert under_g.get("b", {"post": "b"}) == {"digests": {"post": "b"}, "tag": "made under g"}
    # and a run under one setting throughout keeps its entries
    with Store(tmp_path) as store:
        _fill(store, "y", "f", ["a"], "kept")
    with Store(tmp_path) as store:
        assert RunCache(store, "y", "f").get("a", {"post": "a"}) == {"digests": {"post": "a"}, "tag": "kept"}


def test_by_row_and_a_database_deleted_mid_run(tmp_path: Path) -> None:
    """The database unlinked under a run: the open connection still reads it (or nothing): never
    a crash, and never an entry that is not the post's."""
    with Store(tmp_path) as store:
        _fill(store, "x", "f", ODD_IDS, "old")
    with Store(tmp_path) as store:
        by_row = RunCache(store, "x", "f", by_row=True)
        for path in store.path.parent.iterdir():
            path.unlink()
        handed = [by_row.get(post_id, {"post": post_id}) for post_id in ODD_IDS]
        assert all(entry is None or entry == {"digests": {"post": p}, "tag": "old"} for p, entry in zip(ODD_IDS, handed))


def test_no_cache_hands_out_nothing_by_row(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        _fill(store, "x", "f", ODD_IDS, "old")
    with Store(tmp_path, enabled=False) as store:
        by_row = RunCache(store, "x", "f", by_row=True)
        assert [by_row.record(post_id) for post_id in ODD_IDS] == [None] * len(ODD_IDS)


def _wait_past_racy() -> None:
    time.sleep(RACY_NS / 1e9 * 2)


def test_a_run_s_second_store_sees_a_file_the_run_changed_keeping_size_and_mtime(tmp_path: Path) -> None:
    """The files table shared by a run's stores: a record the first store made is not trusted by
    the next once the file changed under it, even with its size and modification time kept."""
    catalog = tmp_path / "a.po"
    catalog.write_bytes(b"msgid one\n")
    _wait_past_racy()
    run: dict[object, object] = {}
    with Store(tmp_path, run=run) as first:
        before = first.file_digest(catalog)
    _wait_past_racy()
    mtime = catalog.stat().st_mtime_ns
    catalog.write_bytes(b"msgid two\n")  # same size, then the same mtime
    os.utime(catalog, ns=(mtime, mtime))
    _wait_past_racy()
    with Store(tmp_path, run=run) as second:
        assert second._files is first._files  # the shortcut under test is taken
        after = second.file_digest(catalog)
    with Store(tmp_path, enabled=False) as slow:
        assert after == slow.file_digest(catalog) != before


def test_a_file_written_by_one_store_and_asked_by_the_next_open_one(tmp_path: Path) -> None:
    """Two stores of a run open at once (extract's, then the terms pass's): one writes a file
    (and notes it), the other asks for its digest before and after the first commits."""
    catalog = tmp_path / "a.po"
    catalog.write_bytes(b"old\n")
    _wait_past_racy()
    run: dict[object, object] = {}
    with Store(tmp_path, run=run) as first, Store(tmp_path, run=run) as second:
        assert first.file_digest(catalog) == second.file_digest(catalog)
        catalog.write_bytes(b"new\n")
        first.wrote(catalog, (lambda s: (s.st_size, s.st_mtime_ns, s.st_ctime_ns, s.st_ino))(catalog.stat()),
                    Store(tmp_path, enabled=False).file_digest(catalog))
        assert second.file_digest(catalog) == Store(tmp_path, enabled=False).file_digest(catalog)
        first.commit()
        _wait_past_racy()
        assert second.file_digest(catalog) == Store(tmp_path, enabled=False).file_digest(catalog)


def test_stores_of_two_roots_in_one_run_keep_their_own_files(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for root, text in ((one, b"1\n"), (two, b"2\n")):
        root.mkdir()
        (root / "f.po").write_bytes(text)
    _wait_past_racy()
    run: dict[object, object] = {}
    for root in (one, two, one, two):
        with Store(root, run=run) as store:
            assert store.file_digest(root / "f.po") == Store(root, enabled=False).file_digest(root / "f.po")
    assert len(run) == 2


def test_a_problem_with_slots_pickles_and_gives_its_fields(tmp_path: Path) -> None:
    problem = Problem("content/nl/a.md", 3, "error", "code", "message ö")
    assert problem.as_dict() == dataclasses.asdict(problem)
    assert list(problem.as_dict()) == [f.name for f in dataclasses.fields(Problem)]
    assert pickle.loads(pickle.dumps(problem)) == problem  # handed between --jobs processes
    assert dataclasses.replace(problem, message="other").message == "other"


def _rglob_as_before(folder: Path, suffix: str) -> set[str]:
    """catalog_ids' listing as it was (pathlib's rglob)."""
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder).as_posix()[: -len(suffix)] for p in folder.rglob(f"*{suffix}")}


def test_named_below_lists_what_rglob_did(tmp_path: Path) -> None:
    folder = tmp_path / "LC_MESSAGES"
    (folder / "sub" / "deep").mkdir(parents=True)
    (folder / "folder.po").mkdir()  # a folder so named (rglob lists it)
    (folder / "folder.po" / "in.po").write_text("")
    for name in ["a.po", ".hidden.po", "sub/b.po", "sub/deep/C.PO", "sub/deep/c.po", "x.pot", "é 日本.po", "sub/.po"]:
        (folder / name).write_text("")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.po").write_text("")
    (folder / "linked").symlink_to(outside)  # a symlinked folder: not entered
    (folder / "link.po").symlink_to(folder / "a.po")
    (folder / "dangling.po").symlink_to(tmp_path / "nowhere")
    start, end = len(str(folder)) + 1, -len(".po")
    assert {text[start:end] for text in named_below(folder, ".po", ordered=False)} == _rglob_as_before(folder, ".po")
    assert named_below(folder, ".po") == [str(p) for p in sorted(folder.rglob("*.po"))]
    assert named_below(tmp_path / "missing", ".po") == [] and _rglob_as_before(tmp_path / "missing", ".po") == set()


def test_each_command_run_has_its_own_run_dict(tmp_path: Path) -> None:
    """What the stores of a run share (its files table) is per command run: the API loads the
    settings afresh for each call, so a test calling it many times in one process shares nothing."""
    root = make_root(tmp_path, {SEED.name: SEED.read_bytes()})
    first, second = api.content_root(root), api.content_root(root)
    assert first._run is not second._run
    assert first.direction(first.languages[-1])._run is first._run
