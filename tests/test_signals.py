"""Ctrl-C, SIGTERM and a worker killed by the OOM killer (issue 10), with real processes.

A content root of 300 posts cut from the real articles, extracted and merged once; each run
(``extract``, ``merge``, ``check``, all with ``-j 2`` and without the cache, so that each has
a second or so of work for two worker processes) is started in a session of its own and
interrupted at several delays: SIGINT to its process group (what a terminal's Ctrl-C does:
the workers get it too) and SIGTERM to the main process alone (what ``kill`` and service
managers do). Each must end within seconds with exit 130 or 143 and one line on stderr (no
traceback from any process), leave no temporary file, and leave no process behind. A worker
killed with SIGKILL ends the run with one line and exit 1, instead of a main process waiting
for it forever.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from reliability_support import article_posts, env, figure, pipeline_command, temp_files
from support import invoke, make_root

MESSAGE = "interrupted: nothing half-written; run the command again"
POSTS = 300
TIMEOUT_S = 20
COMMANDS = {
    "extract": ("extract", "-j", "2", "--no-cache"),
    "merge": ("merge", "-j", "2", "--no-cache", "--min-translated", "0"),
    "check": ("check", "-j", "2", "--no-cache", "--min-translated", "0"),
}
#: Seconds after the run has set up its signal handling (the first few hundredths of a second
#: are Python's own start, before any of the pipeline's code runs), for each signal: four
#: points in a run (importing, reading, workers busy, writing) per command
DELAYS = {signal.SIGINT: (0.0, 0.5), signal.SIGTERM: (0.2, 0.8)}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_root(tmp_path_factory.mktemp("signals") / "pristine", article_posts(POSTS))
    for command in (["extract"], ["merge", "--min-translated", "0"]):
        result = invoke("-C", str(root), *command)
        assert result.exit_code == 0, result.output
    shutil.rmtree(root / ".pipeline-cache")
    return root


@pytest.fixture(scope="module")
def normal_status(pristine: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """Each command's exit status when nothing stops it (check finds problems in these
    posts: 1): a run that ended before the signal came ends with it."""
    statuses = {}
    for command in COMMANDS:
        root = fresh_root(pristine, tmp_path_factory.mktemp("normal"), command)
        process = start(root, command)
        stderr = finish(process)
        assert "Traceback" not in stderr and MESSAGE not in stderr, stderr
        statuses[command] = process.returncode
    return statuses


def fresh_root(pristine: Path, tmp_path: Path, command: str) -> Path:
    """A copy of the root on which ``command`` has all its work to do."""
    root = tmp_path / "root"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(pristine, root)
    if command == "extract":
        shutil.rmtree(root / "locale")
    elif command == "merge":
        shutil.rmtree(root / "content" / "de")
    return root


def start(root: Path, command: str) -> subprocess.Popen[str]:
    """``pipeline COMMAND`` in a session (and process group) of its own, once it handles
    SIGTERM (its handler installed: Python's own start is over, the pipeline's has begun), or
    after a second (a pipeline that never handles SIGTERM)."""
    process = subprocess.Popen(
        pipeline_command(root, *COMMANDS[command]), stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True, env=env(), start_new_session=True,
    )
    started = time.monotonic()
    while not _catches_sigterm(process.pid) and time.monotonic() < started + 1:
        if process.poll() is not None:
            pytest.fail(f"the run ended at once: {process.communicate()[1]}")
        time.sleep(0.005)
    return process


def _catches_sigterm(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return False
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) & (1 << (signal.SIGTERM - 1)))


def send(pid: int, signum: int, group: bool = False) -> None:
    """``kill`` (or ``killpg``); a process that has just ended is no error."""
    try:
        (os.killpg if group else os.kill)(pid, signum)
    except ProcessLookupError:
        pass


def finish(process: subprocess.Popen[str]) -> str:
    """The run's stderr once it has ended; fails (after killing its group) if it hangs."""
    try:
        _, stderr = process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        send(process.pid, signal.SIGKILL, group=True)
        process.communicate()
        pytest.fail(f"the run did not end within {TIMEOUT_S} s")
    return stderr


def assert_nothing_left(root: Path, process: subprocess.Popen[str]) -> None:
    assert temp_files(root) == []
    deadline = time.monotonic() + 5
    while _group_members(process.pid):  # the workers go with the main process
        assert time.monotonic() < deadline, f"processes left behind: {_group_members(process.pid)}"
        time.sleep(0.05)


def _group_members(group: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == group and fields[0] != "Z":
                members.append(int(entry.name))
    return members


@pytest.mark.parametrize("how", ["SIGINT to the group", "SIGTERM to the main process"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_an_interrupted_run_ends_on_one_line_with_the_signals_status(
    pristine: Path, tmp_path: Path, command: str, how: str, normal_status: dict[str, int]
) -> None:
    signum = signal.SIGINT if how.startswith("SIGINT") else signal.SIGTERM
    interrupted = 0
    for delay in DELAYS[signum]:
        root = fresh_root(pristine, tmp_path, command)
        process = start(root, command)
        time.sleep(delay)
        if process.poll() is not None:  # done before the signal came: nothing to interrupt
            finish(process)
            continue
        if signum == signal.SIGINT:
            send(process.pid, signal.SIGINT, group=True)  # as a terminal's Ctrl-C: workers too
            time.sleep(0.01)
            send(process.pid, signal.SIGINT, group=True)  # pressed twice: the clean-up goes on
        else:
            send(process.pid, signal.SIGTERM)
        stderr = finish(process)
        assert "Traceback" not in stderr
        if MESSAGE not in stderr and process.returncode == normal_status[command]:
            continue  # it ended its work between poll() and the signal
        assert process.returncode == 128 + signum, stderr
        assert stderr.splitlines() == [MESSAGE], stderr
        assert_nothing_left(root, process)
        interrupted += 1
    assert interrupted, "the runs ended before the signal: give them more work"
    figure("interrupted runs (SIGINT, SIGTERM)", interrupted)


@pytest.mark.parametrize(
    "command, after", [("extract", 0.0), ("merge", 0.3), ("check", 0.15)],
    ids=["extract, as it starts", "merge, mid-run", "check, mid-run"],
)
def test_a_worker_killed_by_sigkill_ends_the_run_with_an_error(
    pristine: Path, tmp_path: Path, command: str, after: float, normal_status: dict[str, int]
) -> None:
    """A worker killed as it works ends the run on one line, exit 1. (A worker killed once
    its part is done, as its pool winds down between merge's two phases, costs nothing: the
    run may then end well; it is tried again, up to three times, for a kill that counts.)"""
    for _ in range(3):
        root = fresh_root(pristine, tmp_path, command)
        process = start(root, command)
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            workers = [pid for pid in _group_members(process.pid) if pid != process.pid]
            if workers:
                break
            if process.poll() is not None or time.monotonic() > deadline:
                finish(process)
                pytest.fail("the run started no workers")
            time.sleep(0.005)
        time.sleep(after)
        workers = [pid for pid in _group_members(process.pid) if pid != process.pid]
        if process.poll() is not None or not workers:
            finish(process)
            continue  # the run ended, or was between its phases, at the time of the kill
        send(workers[0], signal.SIGKILL)  # as the OOM killer does
        stderr = finish(process)
        assert "Traceback" not in stderr
        assert_nothing_left(root, process)
        if "worker process died" not in stderr and process.returncode == normal_status[command]:
            continue  # the killed worker's part was done: the run ended as it would have
        assert process.returncode == 1, stderr
        assert stderr.splitlines()[-1:] == [
            "Error: a worker process died (killed by the system: out of memory?): nothing "
            "half-written; run the command again, with -j 1 to use less memory"
        ], stderr
        figure("workers killed with SIGKILL", 1)
        return
    pytest.fail("no kill hit a working worker: give the run more work")


# ---------------------------------------------------------------------------------------
# ordered_map in-process: no worker outlives it, worker errors come back in order


def _double_but_fifty(item: int) -> int:
    if item == 50:
        raise ValueError("fifty")
    return 2 * item


def test_no_worker_outlives_a_consumer_that_stops_early() -> None:
    import multiprocessing

    from pipeline.parallel import ordered_map

    results = ordered_map(abs, list(range(-100, 100)), 2)
    assert next(results) == 100
    assert multiprocessing.active_children()
    results.close()
    assert multiprocessing.active_children() == []


def test_an_exception_in_a_worker_comes_back_after_the_results_before_it() -> None:
    import multiprocessing

    from pipeline.parallel import RemoteTraceback, ordered_map

    seen = []
    with pytest.raises(ValueError, match="fifty") as raised:
        for result in ordered_map(_double_but_fifty, list(range(100)), 2):
            seen.append(result)
    assert seen == [2 * item for item in range(len(seen))] and len(seen) >= 40
    assert isinstance(raised.value.__cause__, RemoteTraceback)
    assert "_double_but_fifty" in str(raised.value.__cause__)
    assert multiprocessing.active_children() == []


def test_handled_turns_sigterm_into_interrupted_and_gives_the_handlers_back() -> None:
    from pipeline.interrupt import Interrupted, handled

    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    with pytest.raises(Interrupted) as raised:
        with handled():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)  # the handler runs here
    assert raised.value.exit_code == 143
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before
