"""Progress bars (on a terminal only), --quiet and --verbose (README: Progress and verbosity).

The bar is tested on a real pseudo-terminal: the real command in a subprocess whose stderr
is the pty's terminal end, its stdout a pipe."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from support import make_root, run_cli

POSTS = 24  # above the bar's threshold (cli.PROGRESS_MIN_POSTS)
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_COLOR": "1"}


def _site(root: Path, posts: int = POSTS) -> Path:
    return make_root(root, {
        f"post-{n:02}.md": f"---\ntitle: Bericht {n}\ndate: 2024-01-01T10:00:00+01:00\n---\n\nHallo wereld {n}.\n"
        for n in range(posts)
    })


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _site(tmp_path_factory.mktemp("progress"))
    assert run_cli(root, "extract", "-j", "1").returncode == 0
    return root


def _on_terminal(root: Path, *args: str) -> tuple[int, bytes, bytes]:
    """``pipeline -C ROOT ARGS…`` with stderr on a pseudo-terminal: (exit status, stdout, what
    the terminal got)."""
    primary, secondary = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "-C", str(root), *args],
            stdout=subprocess.PIPE, stderr=secondary, stdin=subprocess.DEVNULL, env=ENV,
        )
        os.close(secondary)
        screen = b""
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # EIO: the process closed its end
                break
            if not chunk:
                break
            screen += chunk
        assert process.stdout is not None
        with process.stdout:
            stdout = process.stdout.read()
        return process.wait(), stdout, screen
    finally:
        os.close(primary)


@pytest.mark.parametrize("args", [
    ("merge", "--min-translated", "0", "--no-cache", "-j", "1"),
    ("check", "--no-cache", "-j", "1", "--format", "json"),
    ("status", "--no-cache", "-j", "1"),
])
def test_a_long_command_shows_a_bar_on_a_terminal_and_never_on_stdout(site: Path, args: tuple[str, ...]) -> None:
    status, stdout, screen = _on_terminal(site, *args)
    assert status in (0, 1), screen
    assert f"{args[0]} [".encode() in screen and f"/{POSTS}".encode() in screen, screen
    assert b"\r\x1b[K" in screen  # the bar's line is cleared when its pass ends
    assert b"\r" not in stdout and b"\x1b" not in stdout and b"[#" not in stdout
    if "json" in args:
        json.loads(stdout)  # the whole of stdout is the JSON document


def test_quiet_shows_no_bar_on_a_terminal(site: Path) -> None:
    status, stdout, screen = _on_terminal(site, "merge", "-q", "--min-translated", "0", "--no-cache", "-j", "1")
    assert status == 0
    assert b"\r" not in screen and b"[#" not in screen and b"merge:" not in stdout


@pytest.mark.parametrize("args", [
    ("merge", "--min-translated", "0", "--no-cache"),
    ("check", "--no-cache"),
])
def test_piped_there_is_no_progress_and_no_terminal_codes(site: Path, args: tuple[str, ...]) -> None:
    done = subprocess.run([sys.executable, "-m", "pipeline", "-C", str(site), *args, "-j", "1"],
                          capture_output=True, env=ENV, stdin=subprocess.DEVNULL)
    for stream in (done.stdout, done.stderr):
        assert b"\r" not in stream and b"\x1b" not in stream and b"[#" not in stream


def test_quiet_prints_problems_only_and_keeps_the_exit_status(tmp_path: Path) -> None:
    root = _site(tmp_path, 3)
    done = run_cli(root, "extract", "-q")
    assert (done.returncode, done.stdout) == (0, "")  # no lines written, no summary
    assert (root / "locale" / "templates" / "post-00.pot").exists()
    done = run_cli(root, "merge", "-q")  # below 100 %: skipped, which is no problem
    assert (done.returncode, done.stdout) == (0, "")
    done = run_cli(root, "check", "-q")  # the catalogs are below 100 %: errors, and only those
    assert done.returncode == 1
    assert "error:" in done.stdout and "check:" not in done.stdout and "% of words" not in done.stdout
    for before in (["-q", "check"], ["check", "-q"]):  # before or after the command's name
        assert run_cli(root, *before).stdout == done.stdout


def test_verbose_says_what_was_left_alone_and_why(tmp_path: Path) -> None:
    root = _site(tmp_path, 2)
    run_cli(root, "extract")
    done = run_cli(root, "extract", "-v")
    assert "unchanged post-00" in done.stdout and "unchanged post-01" in done.stdout
    assert "unchanged" not in run_cli(root, "extract").stdout
    merged = run_cli(root, "merge", "--min-translated", "0")
    assert "wrote content/de/post-00.md" in merged.stdout
    done = run_cli(root, "-v", "merge", "--min-translated", "0")
    assert "unchanged content/de/post-00.md (0% translated)" in done.stdout
    assert "unchanged content/" not in run_cli(root, "merge", "--min-translated", "0").stdout
    done = run_cli(root, "check", "-v", "--min-translated", "0")
    assert "de/post-00: 0.0% of words" in done.stdout


def test_the_last_of_quiet_and_verbose_wins(tmp_path: Path) -> None:
    root = _site(tmp_path, 2)
    run_cli(root, "extract")
    assert "unchanged post-00" in run_cli(root, "-q", "extract", "-v").stdout
    assert run_cli(root, "-v", "extract", "-q").stdout == ""


@pytest.mark.parametrize("columns", [12, 20, 30, 80])
def test_the_bar_fits_a_narrow_terminal(columns: int, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A bar longer than the terminal wraps, and each redraw (``\\r``) leaves the wrapped part
    behind: in a 20-column pane ``check [##########] 10000/10000`` is 30 characters. The line
    drawn is shorter than the terminal, however narrow."""
    from pipeline.cli import _Bar

    monkeypatch.setenv("COLUMNS", str(columns))
    with _Bar("extract", 10000) as bar:
        for _ in range(4):
            bar.update(2500)
            bar.draw()
    drawn = [part for part in capsys.readouterr().err.split("\r") if part and part != "\x1b[K"]
    assert drawn and all(len(part) < columns for part in drawn), (columns, drawn)
    assert any("10000/10000" in part for part in drawn) == (columns > len("10000/10000"))
