"""Nothing lost, nothing half-written: runs killed with SIGKILL at many points.

A content root of 150 posts cut from the real articles (30 lines each), its catalogs translated, then every
post edited (and a few new ones added): ``extract`` must update 300 files and create more.
The complete run's result is computed first (the reference), and its duration measured;
then the same run is started again and again from the same state and killed with SIGKILL
after delays spread over that duration. After each kill, every file under ``locale/`` and
``content/`` must be byte for byte as it was before the run or as the complete run leaves
it: never partial, never lost. A later run completes the work (bytes equal the reference)
and leaves no temporary file behind. The same for ``merge`` and the German posts.

``KILL_POINTS`` (default 30) sets the number of kills of extract (merge gets 2 in 5 of that);
``KILL_SEED`` the random delays.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from reliability_support import (
    EPOCH,
    article_post,
    edited,
    env,
    figure,
    german,
    pipeline_command,
    read_catalog,
    restore,
    run_pipeline,
    temp_files,
    translate_catalogs,
    tree_bytes,
)
from support import invoke, make_root

from pipeline.files import TEMP_NAME_RE

KILL_POINTS = int(os.environ.get("KILL_POINTS", "30"))
KILL_SEED = int(os.environ.get("KILL_SEED", "5"))
POSTS = 150
NEW_POSTS = 10
LINES = 30
RERUN_EVERY = 10


def _msgstrs(files: dict[str, bytes]) -> dict[str, set[str]]:
    """The non-empty msgstrs of each catalog of a tree."""
    found: dict[str, set[str]] = {}
    for name, data in files.items():
        if name.endswith(".po"):
            catalog = read_catalog_bytes(name, data)
            found[name] = {m.msgstr for m in catalog.messages if m.msgstr}
    return found


def read_catalog_bytes(name: str, data: bytes):  # type: ignore[no-untyped-def]
    from pipeline.po import parse_catalog

    return parse_catalog(name, data)


def _kill_at(root: Path, args: tuple[str, ...], delay: float) -> int:
    """Start ``pipeline ARGS`` and SIGKILL it after ``delay`` seconds; its return code."""
    process = subprocess.Popen(
        pipeline_command(root, *args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env()
    )
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    return process.wait(timeout=30)


def _kill_campaign(
    root: Path,
    pristine: Path,
    folders: list[str],
    args: tuple[str, ...],
    points: int,
    name: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Kill ``args`` at ``points`` delays; check every file after each; re-run now and then."""
    before = tree_bytes(root, folders)
    reference_root = root.parent / "reference"
    shutil.copytree(root, reference_root, symlinks=True)
    started = time.monotonic()
    done = run_pipeline(reference_root, *args)
    duration = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    after = tree_bytes(reference_root, folders)
    changed = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
    assert len(changed) >= 100, "the run must have plenty to write for kills to mean something"
    lost_before = _msgstrs(before)
    kept_after = _msgstrs(after)

    rng = random.Random(KILL_SEED)
    delays = [duration * (k + rng.random()) / points for k in range(points)]
    killed = mid_run = temps_seen = reruns = lost = 0
    problems: list[str] = []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    for k, delay in enumerate(delays):
        restore(root, pristine, folders)
        code = _kill_at(root, args, delay)
        killed += code == -signal.SIGKILL
        state = tree_bytes(root, folders)
        for path in sorted(set(before) | set(after) | set(state)):
            if state.get(path) not in (before.get(path), after.get(path)):
                problems.append(
                    f"kill {k} at {delay:.2f}s: {path} is neither as before nor as after "
                    f"({len(state.get(path) or b'')} bytes)"
                )
        written = sum(1 for p in changed if state.get(p) == after.get(p))
        mid_run += 0 < written < len(changed)
        temps_seen += len(temp_files(root))
        # every msgstr of every catalog as it was is still somewhere in its catalog now
        for path, strings in lost_before.items():
            now = kept_after.get(path, set()) if state.get(path) == after.get(path) else strings
            lost += len(strings - now)
        if k % RERUN_EVERY == RERUN_EVERY - 1 or k == points - 1:
            result = invoke("-C", str(root), *args)
            assert result.exit_code == 0, result.output
            assert tree_bytes(root, folders) == after, f"re-run after kill {k} differs from the reference"
            assert temp_files(root) == [], "a re-run leaves no temporary file behind"
            reruns += 1
    assert not problems, "\n".join(problems[:20])
    assert lost == 0
    figure(f"kill points tried ({name})", points)
    figure("kill points tried", points)
    figure(f"runs killed before they finished ({name})", killed)
    figure(f"kills that hit a run mid-write ({name})", mid_run)
    figure(f"temporary files found after kills ({name})", temps_seen)
    figure(f"re-runs after a kill checked byte for byte ({name})", reruns)
    figure("translations lost after kills", lost)
    figure(f"run duration before kills ({name}, s)", round(duration, 2))
    # the delays reach the measured duration: the last runs may finish first on a fast day
    assert killed >= points // 2, f"only {killed} of {points} runs were still going when killed"


@pytest.fixture
def edited_root(tmp_path: Path) -> Path:
    """150 posts extracted and translated, then every post edited and 10 new ones added."""
    root = tmp_path / "root"
    posts = dict(article_post(i, LINES) for i in range(POSTS))
    make_root(root, posts)
    result = invoke("-C", str(root), "extract", "--no-cache", "-j", "1")
    assert result.exit_code == 0, result.output
    translate_catalogs(root, german)
    make_root(root, {name: edited(text, i) for i, (name, text) in enumerate(posts.items())})
    make_root(root, dict(article_post(i, LINES) for i in range(POSTS, POSTS + NEW_POSTS)))
    return root


def test_extract_killed_anywhere_leaves_every_file_whole(
    edited_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    pristine = tmp_path / "pristine"
    shutil.copytree(edited_root, pristine, symlinks=True)
    content_before = tree_bytes(edited_root, ["content"])
    _kill_campaign(
        edited_root, pristine, ["locale", "content"], ("extract", "--no-cache", "-j", "1"),
        KILL_POINTS, "extract", monkeypatch,
    )
    assert tree_bytes(edited_root, ["content"]) == content_before


def test_merge_killed_anywhere_leaves_every_german_post_whole(
    edited_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = edited_root
    assert invoke("-C", str(root), "extract", "--no-cache", "-j", "1").exit_code == 0
    translate_catalogs(root, german)
    result = invoke("-C", str(root), "merge", "--no-cache", "-j", "1")
    assert result.exit_code == 0, result.output
    # new translations for two posts in three, and a few German posts to be written anew
    catalogs = sorted((root / "locale" / "de" / "LC_MESSAGES").rglob("*.po"))
    for n, path in enumerate(catalogs):
        if n % 3:
            catalog = read_catalog(path)
            for message in catalog.messages:
                if message.msgstr and message.msgctxt != "slug":
                    message.msgstr = "NEU " + message.msgstr
            from pipeline.po import format_catalog

            path.write_text(format_catalog(catalog), encoding="utf-8")
    for path in sorted((root / "content" / "de").rglob("*.md"))[::10]:
        path.unlink()
    pristine = tmp_path / "pristine"
    shutil.copytree(root, pristine, symlinks=True)
    _kill_campaign(
        root, pristine, ["content", "locale"], ("merge", "--no-cache", "-j", "1"),
        max(1, KILL_POINTS * 2 // 5), "merge", monkeypatch,
    )


@pytest.mark.parametrize("command", [["extract"], ["merge"], ["check", "--fix"]])
def test_a_stale_temporary_file_is_removed_by_the_next_run(tmp_path: Path, command: list[str]) -> None:
    """What a run killed between writing and renaming leaves: gone after the next run that
    takes the lock (extract, merge, check --fix), whichever command left it."""
    root = make_root(tmp_path, dict(article_post(i) for i in range(3)))
    assert invoke("-C", str(root), "extract").exit_code == 0
    catalog = next((root / "locale" / "de" / "LC_MESSAGES").rglob("*.po"))
    stale = [
        catalog.parent / f".{catalog.name}.k3j_9x0a.tmp",
        root / "locale" / "templates" / ".x.pot.abcdefgh.tmp",
        root / "content" / "de" / "2017" / ".x.md.0123abcd.tmp",
        root / "content" / "nl" / ".x.md.z9y8x7w6.tmp",
        root / ".pipeline-cache" / ".extract.json.zzzzzzzz.tmp",
    ]
    keep = [root / "content" / "nl" / ".notes.tmp", root / "locale" / "x.tmp", root / ".x.md.abcdefgh.tmp"]
    for path in stale + keep:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half a catal")
    assert all(TEMP_NAME_RE.fullmatch(p.name) for p in stale)
    result = invoke("-C", str(root), *command)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert [p for p in stale if p.exists()] == []
    assert all(p.exists() for p in keep), "only write_atomic's own temporary files, where runs write"
