"""Two runs at once on one content root: the second waits (saying so) or, with --no-wait,
fails on one line; a lock left by a killed run is taken over. Real processes throughout.
"""

from __future__ import annotations

import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_support import (
    article_post,
    env,
    figure,
    pipeline_command,
    run_pipeline,
    tree_bytes,
)
from support import make_root

from pipeline.cache import CACHE_DIR

HOLDER = """
import sys
from pathlib import Path
from pipeline.lock import run_lock
with run_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_root(tmp_path, dict(article_post(i, 20) for i in range(6)))


def hold_lock(root: Path) -> subprocess.Popen[str]:
    """A process holding the root's run lock until its stdin is closed."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root / CACHE_DIR)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env(),
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "held\n"
    return holder


def start_extract(root: Path) -> subprocess.Popen[str]:
    """``pipeline extract`` on the root as a process, its output piped as text."""
    return subprocess.Popen(
        pipeline_command(root, "extract"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=env(),
    )


def read_line(stream, timeout: float) -> str:  # type: ignore[no-untyped-def]
    """One line from a pipe, or "" when none comes within ``timeout`` seconds."""
    selector = selectors.DefaultSelector()
    selector.register(stream, selectors.EVENT_READ)
    ready = selector.select(timeout)
    selector.close()
    return stream.readline() if ready else ""


@pytest.mark.parametrize("command", [["extract"], ["merge"], ["check", "--fix"]])
def test_no_wait_fails_on_one_line_while_another_run_holds_the_lock(root: Path, command: list[str]) -> None:
    holder = hold_lock(root)
    try:
        before = tree_bytes(root, ["content", "locale"])
        started = time.monotonic()
        done = run_pipeline(root, "--no-wait", *command)
        assert time.monotonic() - started < 5
        assert done.returncode == 1
        lines = done.stderr.splitlines()
        assert len(lines) == 1, done.stderr
        assert f"another pipeline run (pid {holder.pid})" in lines[0]
        assert "try again when it is done" in lines[0]
        assert "Traceback" not in done.stderr
        assert tree_bytes(root, ["content", "locale"]) == before
    finally:
        holder.communicate("")
    figure("lock scenarios tried", 1)


def test_second_run_waits_with_a_message_then_does_its_work(root: Path) -> None:
    holder = hold_lock(root)
    waiting = start_extract(root)
    try:
        message = read_line(waiting.stderr, 10)
        assert message.startswith(f"waiting for another pipeline run (pid {holder.pid}) on {root}")
        assert "--no-wait to fail instead" in message
        time.sleep(0.3)
        assert waiting.poll() is None, "it waits"
        assert not (root / "locale").exists(), "and writes nothing while it waits"
    finally:
        holder.communicate("")
    out, err = waiting.communicate(timeout=30)
    assert waiting.returncode == 0, err
    assert "took over" not in err, "the lock was released, not left by a killed run"
    assert out.splitlines()[-1].startswith("extract: 6 posts")
    figure("lock scenarios tried", 1)


def test_waiting_run_takes_over_when_the_holder_is_killed(root: Path) -> None:
    holder = hold_lock(root)
    waiting = start_extract(root)
    assert read_line(waiting.stderr, 10).startswith("waiting for another pipeline run")
    holder.send_signal(signal.SIGKILL)
    holder.communicate()  # waits, and closes its pipes
    out, err = waiting.communicate(timeout=30)
    assert waiting.returncode == 0, err
    assert f"note: took over the lock of a run that was killed (pid {holder.pid})" in err
    assert "extract: 6 posts" in out
    figure("lock scenarios tried", 1)


def test_a_stale_lock_file_of_a_killed_process_is_taken_over(root: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead.send_signal(signal.SIGKILL)
    dead.wait()
    (root / CACHE_DIR).mkdir()
    (root / CACHE_DIR / "lock").write_text(str(dead.pid), encoding="ascii")
    done = run_pipeline(root, "--no-wait", "extract")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [f"note: took over the lock of a run that was killed (pid {dead.pid})"]
    # released at the end: the next run says nothing about locks
    again = run_pipeline(root, "--no-wait", "extract")
    assert again.returncode == 0 and again.stderr == ""
    figure("lock scenarios tried", 2)


def test_two_runs_started_together_give_the_result_of_one(root: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    make_root(reference, {p.relative_to(root / "content" / "nl").as_posix(): p.read_bytes()
                          for p in (root / "content" / "nl").rglob("*.md")})
    assert run_pipeline(reference, "extract").returncode == 0
    runs = [
        subprocess.Popen(pipeline_command(root, "extract", "--no-cache"), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env())
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    assert tree_bytes(root, ["locale"]) == tree_bytes(reference, ["locale"])
    # one of them wrote the catalogs; the others, after it, found nothing to do
    written = sorted(out.splitlines()[-1].rsplit("; ", 1)[-1] for out, _ in outputs)
    assert written == ["0 files written", "0 files written", "12 files written"], outputs
    figure("lock scenarios tried", 1)
