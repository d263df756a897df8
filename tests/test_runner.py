"""The runner (:mod:`pipeline.runner`): look up the cache, run a stage over the items in worker
processes, keep the results, in item order; and :func:`pipeline.files.redo_on_change`.

Through real worker processes (``jobs=2`` over enough items that :func:`ordered_map` forks)
and a real cache database in ``tmp_path``.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from pipeline.cache import RunCache, Store, digest
from pipeline.config import load_config
from pipeline.files import ATTEMPTS, FileChanged, redo_on_change
from pipeline.parallel import MIN_ITEMS_PER_JOB
from pipeline.runner import Runner
from pipeline.units import UnitsLookup

from support import make_root

MANY = 3 * MIN_ITEMS_PER_JOB  # enough items for two worker processes


def _root(tmp_path: Path, count: int) -> tuple[Path, list[Path]]:
    root = make_root(tmp_path / "site", {f"p{i:03}.md": f"---\ntitle: P{i}\n---\n\nTekst {i}.\n" for i in range(count)})
    return root, sorted((root / "content" / "nl").glob("*.md"))


class _ReadStage:
    """A stage: the post's name, what it read (the digest of its bytes), and the process it ran in;
    leaves a mark per post it ran on (workers have no other way to tell the test)."""

    def __init__(self, marks: Path) -> None:
        self.marks = marks

    def __call__(self, path: Path, kept: UnitsLookup | None) -> tuple[str, str | None, int]:
        (self.marks / path.name).write_text("ran")
        return path.name, digest(path.read_bytes()), os.getpid()


class _NameStage:
    def __call__(self, path: Path, kept: UnitsLookup | None) -> str:
        return path.name


class _FailingStage:
    def __call__(self, path: Path, kept: UnitsLookup | None) -> str:
        if path.name == "p020.md":
            raise ValueError(f"bad post {path.name}")
        return path.name


class _KeptStage:
    """A stage that reports what the kept-units lookup the runner handed it gives for its post."""

    def __call__(self, path: Path, kept: UnitsLookup | None) -> bytes | None:
        assert kept is not None
        return kept(path.stem, str(digest(path.read_bytes())))


def _ran(marks: Path) -> set[str]:
    return {mark.name for mark in marks.iterdir()}


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_in_item_order_from_worker_processes(tmp_path: Path, jobs: int) -> None:
    root, posts = _root(tmp_path, MANY)
    marks = tmp_path / "marks"
    marks.mkdir()
    with Store(root) as store:
        results = list(Runner(store, load_config(root), jobs).run(_ReadStage(marks), posts))
    assert [name for name, _, _ in results] == [path.name for path in posts]
    assert [found for _, found, _ in results] == [digest(path.read_bytes()) for path in posts]
    processes = {pid for _, _, pid in results}
    if jobs == 1:
        assert processes == {os.getpid()}
    else:  # really in other processes, and more than one
        assert os.getpid() not in processes and len(processes) == 2
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_cached_items_are_not_run_and_keep_sees_only_what_the_stage_made(tmp_path: Path, jobs: int) -> None:
    root, posts = _root(tmp_path, MANY * 2)
    marks = tmp_path / "marks"
    marks.mkdir()
    kept: list[tuple[str, str, int]] = []

    def cached(path: Path) -> tuple[str, str | None, int] | None:
        return (path.name, "from the cache", 0) if int(path.stem[1:]) % 2 == 0 else None

    def keep(path: Path, result: tuple[str, str | None, int]) -> None:
        kept.append((path.name, result[0], os.getpid()))

    with Store(root) as store:
        results = list(Runner(store, load_config(root), jobs).run(_ReadStage(marks), posts, cached=cached, keep=keep))
    odd = [path.name for path in posts if int(path.stem[1:]) % 2]
    assert [name for name, _, _ in results] == [path.name for path in posts]
    assert [found for name, found, _ in results if name not in odd] == ["from the cache"] * (len(posts) - len(odd))
    assert _ran(marks) == set(odd)
    # keep runs in this process, in order, once per result the stage made, with its item
    assert kept == [(name, name, os.getpid()) for name in odd]


def test_task_is_what_the_stage_gets_of_an_item_missed(tmp_path: Path) -> None:
    root, posts = _root(tmp_path, 4)
    asked: list[str] = []

    def task(path: Path) -> Path:
        asked.append(path.name)
        return path.with_name("p003.md")  # every post read as the last one

    with Store(root) as store:
        runner = Runner(store, load_config(root))
        results = list(runner.run(_ReadStage(tmp_path), posts, cached=lambda p: ("hit", None, 0) if p.name == "p000.md" else None, task=task))
    assert asked == ["p001.md", "p002.md", "p003.md"]
    assert [name for name, _, _ in results] == ["hit", "p003.md", "p003.md", "p003.md"]


def test_results_are_kept_under_what_the_stage_read(tmp_path: Path) -> None:
    """A command on the runner keys a result by the digests the stage returns (the bytes it
    read), not by those the look-up saw: a post saved between the two is run again next time,
    and a post unchanged since is not."""
    root, posts = _root(tmp_path, MANY)
    marks = tmp_path / "marks"
    marks.mkdir()
    config = load_config(root)
    saved = posts[5]

    def run(save: bool) -> set[str]:
        for mark in marks.iterdir():
            mark.unlink()
        with Store(root) as store:
            cache = RunCache(store, "toy", "settings")

            def cached(path: Path) -> tuple[str, str | None, int] | None:
                entry = cache.get(path.stem, {"post": store.file_digest(path)})
                if save and path == saved:  # a save after the look-up, before the stage reads it
                    path.write_bytes(path.read_bytes() + b"\nNieuw.\n")
                return None if entry is None else (path.name, entry["digests"]["post"], 0)

            def keep(path: Path, result: tuple[str, str | None, int]) -> None:
                cache.put(path.stem, {"post": result[1]})

            list(Runner(store, config, 2).run(_ReadStage(marks), posts, cached=cached, keep=keep))
        return _ran(marks)

    assert run(save=True) == {path.name for path in posts}
    assert run(save=False) == set()  # the saved post's result is under the new bytes: a hit
    saved.write_bytes(b"---\ntitle: Anders\n---\n")
    assert run(save=False) == {saved.name}


def test_workers_see_the_units_an_earlier_pass_kept(tmp_path: Path) -> None:
    """The runner commits what the run kept before a pass: the workers, which read the cache
    through their own connection, find the units the previous pass kept."""
    root, posts = _root(tmp_path, MANY)
    config = load_config(root)
    with Store(root) as store:
        runner = Runner(store, config, 2)
        for path in posts:  # as a first pass would, after parsing
            runner.keep_units(path.stem, (str(digest(path.read_bytes())), f"units of {path.name}".encode()))
        found = list(runner.run(_KeptStage(), posts))
    assert found == [f"units of {path.name}".encode() for path in posts]


class _SavedFirstStage:
    """A stage that finds its post saved by someone else just before it reads it."""

    def __call__(self, path: Path, kept: UnitsLookup | None) -> bytes | None:
        assert kept is not None
        path.write_bytes(path.read_bytes() + b"\nNieuw.\n")
        return kept(path.stem, str(digest(path.read_bytes())))


def test_units_kept_of_other_bytes_are_not_used(tmp_path: Path) -> None:
    root, posts = _root(tmp_path, MANY)
    config = load_config(root)
    with Store(root) as store:
        runner = Runner(store, config, 2)
        for path in posts:
            runner.keep_units(path.stem, (str(digest(path.read_bytes())), b"units of the old bytes"))
        assert list(runner.run(_SavedFirstStage(), posts)) == [None] * len(posts)


@pytest.mark.parametrize("jobs", [1, 2])
def test_kept_units_are_looked_up_as_the_items_are_handed_out(tmp_path: Path, jobs: int) -> None:
    """The run holds the kept units of the chunks in the workers' hands, not of every post."""
    root, posts = _root(tmp_path, MANY * 2)
    handed: list[Path] = []

    def post_of(path: Path) -> Path:
        handed.append(path)
        return path

    with Store(root) as store:
        results = Runner(store, load_config(root), jobs).run(_NameStage(), posts, post_of=post_of)
        assert next(results) == "p000.md"
        assert 1 <= len(handed) < len(posts) // 2
        assert list(results) == [path.name for path in posts[1:]]
    assert handed == posts


def test_no_cache_hands_the_stage_no_lookup(tmp_path: Path) -> None:
    root, posts = _root(tmp_path, 2)

    class Lookup:
        def __call__(self, path: Path, kept: UnitsLookup | None) -> bool:
            return kept is None

    with Store(root, enabled=False) as store:
        assert list(Runner(store, load_config(root)).run(Lookup(), posts)) == [True, True]
    assert not (root / ".pipeline-cache").exists()


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_exception_in_a_stage_is_raised_at_its_item_and_the_workers_stop(tmp_path: Path, jobs: int) -> None:
    root, posts = _root(tmp_path, MANY)
    got: list[str] = []
    with Store(root) as store, pytest.raises(ValueError, match="bad post p020.md"):
        for name in Runner(store, load_config(root), jobs).run(_FailingStage(), posts):
            got.append(name)
    # in order up to it (in processes, the results of the chunk it was in are lost with it)
    assert got == [path.name for path in posts[: len(got)]]
    assert len(got) == 20 if jobs == 1 else 20 - MIN_ITEMS_PER_JOB < len(got) <= 20
    assert multiprocessing.active_children() == []


def test_closing_early_stops_the_workers(tmp_path: Path) -> None:
    root, posts = _root(tmp_path, MANY)
    with Store(root) as store:
        results = Runner(store, load_config(root), 2).run(_FailingStage(), posts)
        assert next(results) == "p000.md"
        assert multiprocessing.active_children() != []
        results.close()
    assert multiprocessing.active_children() == []


def test_nothing_to_do_runs_no_stage_and_starts_no_process(tmp_path: Path) -> None:
    root, posts = _root(tmp_path, MANY)
    marks = tmp_path / "marks"
    marks.mkdir()
    kept: list[Path] = []
    with Store(root) as store:
        runner = Runner(store, load_config(root), 2)
        results = runner.run(_ReadStage(marks), posts, cached=lambda p: (p.name, None, 0), keep=lambda p, r: kept.append(p))
        assert [name for name, _, _ in results] == [path.name for path in posts]
        assert multiprocessing.active_children() == []
        assert list(runner.run(_ReadStage(marks), [])) == []
    assert _ran(marks) == set() and kept == []


# ---------------------------------------------------------------------------------------
# redo_on_change


def _changes(times: int) -> tuple[list[int], object]:
    calls: list[int] = []

    def work() -> str:
        calls.append(len(calls))
        if len(calls) <= times:
            raise FileChanged("a.po", None, "changed")
        return f"done at attempt {len(calls)}"

    return calls, work


def test_redo_on_change_does_the_work_again_after_a_change() -> None:
    calls, work = _changes(ATTEMPTS - 1)
    after: list[int] = []
    assert redo_on_change(work, lambda: after.append(1)) == f"done at attempt {ATTEMPTS}"  # type: ignore[arg-type]
    assert len(calls) == ATTEMPTS and len(after) == ATTEMPTS - 1


def test_redo_on_change_gives_up_with_the_change_after_every_attempt() -> None:
    calls, work = _changes(ATTEMPTS + 5)
    after: list[int] = []
    found = redo_on_change(work, lambda: after.append(1))  # type: ignore[arg-type]
    assert isinstance(found, FileChanged) and found.path == "a.po"
    # after_change runs after the last attempt too (extract forgets it, check --fix reads again)
    assert len(calls) == ATTEMPTS and len(after) == ATTEMPTS


def test_redo_on_change_stops_with_what_after_change_gives() -> None:
    calls, work = _changes(ATTEMPTS + 5)
    assert redo_on_change(work, lambda: "gone") == "gone"  # type: ignore[arg-type]
    assert len(calls) == 1


def test_redo_on_change_lets_other_errors_through() -> None:
    def work() -> str:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        redo_on_change(work)
