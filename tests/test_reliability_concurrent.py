"""A translator saves while a run is going: no save is ever overwritten.

Real processes: an editor (``concurrent_editor.py``) saves catalogs, German posts or Dutch
posts again and again, by writing a new file and renaming it over the old one (Poedit,
Lokalize, Weblate) or by writing in place, while ``pipeline extract``, ``merge`` or
``check --fix`` runs over posts cut from the real articles and rewrites those very files.
Each trial starts from the same state, the run at a random delay after the editor; the
editor pauses 0 to 1 ms between saves, so its saves fall all over the run. After the run,
every word the editor saved is still in its file: the run either worked from the saved file
or left the file as it was and said so.

``CONCURRENT_TRIALS`` (default 1) sets the trials per command and way of saving;
``CONCURRENT_POSTS`` (default 24) the posts of the content root.

Why the deterministic tests below reach inside the pipeline. Every other test goes through
the CLI or :mod:`pipeline.api`; these put a save at one exact moment, which no public call
can reach:

- the window between a stage's read of a file and its write of that file, inside one post's
  work: extract between reading a catalog and writing it (``update_catalog`` runs in it);
  merge between reading the German post and writing it (``hand_edited`` runs in it);
  ``check --fix`` between reading the Dutch post and writing it (``load_post`` runs in it).
  A stage runs in a worker process and calls nothing of its caller's before it is done; the
  API's callbacks (``on_post``: a post done, ``on_note``: the lock, the cache) fall between
  posts, never inside one, and a callback inside a post's work, in a worker, would be of no
  use to anyone but a test. So the tests run with ``-j1`` (the stage in this process) and
  wrap the function that runs in the window, keeping its real behaviour.
- the window inside :func:`pipeline.files.write_atomic` between its last check and its
  rename (``_is``, ``_rename2``), microseconds wide, and a platform without ``renameat2``
  (``_renameat2``): no input file makes either happen on demand.

The same races, hit at random by a real editor process against a real run, are
:func:`test_saves_during_a_run_are_never_overwritten` (``extract``: catalogs saved;
``merge``: German posts saved; ``check-fix``: Dutch posts saved; each by rename and in
place). Those find a lost save when one happens, but cannot promise to hit a given window;
the tests below do, and also pin what is said (``run `pipeline extract` again``, ``post-changed``) and
that a file saved again and again is left after ``ATTEMPTS`` tries.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_support import (
    article_post,
    edited,
    env,
    figure,
    german,
    pipeline_command,
    restore,
    run_pipeline,
    temp_files,
    translate_catalogs,
)
from support import invoke, make_root

from pipeline.files import CHANGED, FileChanged, read_file, write_atomic
from pipeline.po import parse_catalog

TRIALS = int(os.environ.get("CONCURRENT_TRIALS", "1"))
POSTS = int(os.environ.get("CONCURRENT_POSTS", "24"))
FOLDERS = ("content", "locale", ".pipeline-cache")
EDITOR = Path(__file__).resolve().parent / "concurrent_editor.py"


def _posts(root: Path, dated: bool = False, count: int = POSTS) -> list[Path]:
    posts = {}
    for i in range(count):
        name, text = article_post(i, lines=30)
        if dated:  # a date and tags check --fix rewrites
            text = text.replace("\nlang: nl\n", "\nlang: nl\ndate: 2017-02-22 08:00 CEST\ntags: a, b\n", 1)
        posts[name] = text
    make_root(root, posts)
    return sorted((root / "content" / "nl").rglob("*.md"))


def _edit_posts(paths: list[Path]) -> None:
    for i, path in enumerate(paths):
        path.write_text(edited(path.read_text(encoding="utf-8"), i), encoding="utf-8")


def _second_translation(msgctxt: str | None, msgid: str) -> str:
    return "de-2-" + msgid if msgctxt == "slug" else "DE2 " + msgid


def _root_for(command: str, tmp_path: Path) -> tuple[Path, list[Path], str]:
    """A content root in which ``command`` rewrites every file of one kind, those files,
    and the kind of editor that saves them."""
    root = tmp_path / "root"
    posts = _posts(root, dated=command == "check")
    if command == "check":
        return root, posts, "text"
    assert run_pipeline(root, "extract").returncode == 0
    translate_catalogs(root, german)
    if command == "extract":
        _edit_posts(posts)  # every catalog to update
        return root, sorted((root / "locale" / "de").rglob("*.po")), "po"
    assert run_pipeline(root, "merge").returncode == 0
    translate_catalogs(root, _second_translation)  # every German post to write again
    return root, sorted((root / "content" / "de").rglob("*.md")), "text"


def _found(path: Path, kind: str) -> str:
    """The text a marker must be found in: every msgstr of a catalog, or the file."""
    if kind == "po":
        catalog = parse_catalog(str(path), path.read_bytes())
        return "\n".join(m.msgstr for m in catalog.messages)
    return path.read_text(encoding="utf-8", errors="replace")


def _trial(root: Path, command: tuple[str, ...], kind: str, mode: str, files: list[Path], seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    log, stop = root.parent / f"editor-{seed}.log", root.parent / f"stop-{seed}"
    editor = subprocess.Popen(
        [sys.executable, str(EDITOR), kind, mode, str(log), str(stop), str(seed), *map(str, files)],
        env=env(),
    )
    try:
        time.sleep(rng.uniform(0, 0.2))
        started = time.monotonic()
        run = subprocess.run(
            pipeline_command(root, *command), capture_output=True, text=True, env=env(), timeout=120, check=False
        )
        took = time.monotonic() - started
    finally:
        stop.touch()
        editor.wait(timeout=30)
        stop.unlink()
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode in (0, 1), run.stderr
    saves = [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines()]
    lost = [(name, marker) for name, marker, *_ in saves if marker not in _found(Path(name), kind)]
    assert not lost, f"{len(lost)} of {len(saves)} saves overwritten by `{' '.join(command)}` ({mode}): {lost[:5]}"
    log.unlink()
    assert temp_files(root) == []
    reported = len(re.findall(re.escape(CHANGED), run.stdout + run.stderr))
    return {"saves": len(saves), "reported": reported, "ms": int(took * 1000)}


@pytest.mark.parametrize(
    "command",
    [("extract",), ("merge",), ("check", "--fix")],
    ids=["extract", "merge", "check-fix"],
)
def test_saves_during_a_run_are_never_overwritten(tmp_path: Path, command: tuple[str, ...]) -> None:
    root, files, kind = _root_for(command[0], tmp_path)
    pristine = tmp_path / "pristine"
    restore(pristine, root, FOLDERS)
    totals = {"saves": 0, "reported": 0}
    for trial in range(TRIALS):
        for mode in ("rename", "inplace"):
            restore(root, pristine, FOLDERS)
            seed = 1000 * trial + len(files) + len(mode)
            done = _trial(root, command, kind, mode, files, seed)
            totals["saves"] += done["saves"]
            totals["reported"] += done["reported"]
    assert totals["saves"] > 0
    figure("editor saves during runs, none overwritten", totals["saves"])
    figure("files left and reported as changed during a run", totals["reported"])
    # what the run left to do, a run without an editor does
    again = run_pipeline(root, *command)
    assert CHANGED not in again.stdout + again.stderr


# ---------------------------------------------------------------------------------------
# The mismatch path, deterministic


def _saves_of_another_kind(path: Path) -> list[tuple[str, object]]:
    """Ways someone may have saved ``path`` since it was read: each a name and a function."""

    def rename_over() -> None:
        temp = path.with_name(path.name + ".new")
        temp.write_bytes(b"saved by a PO editor\n")
        os.replace(temp, path)

    def in_place_same_size() -> None:
        data = path.read_bytes()
        stat = os.stat(path)
        path.write_bytes(data.upper())
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime: only the bytes differ

    def touched() -> None:
        stat = os.stat(path)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))

    def same_bytes_new_inode() -> None:
        temp = path.with_name(path.name + ".new")
        temp.write_bytes(path.read_bytes())
        os.replace(temp, path)

    def removed() -> None:
        path.unlink()

    return [(f.__name__, f) for f in (rename_over, in_place_same_size, touched, same_bytes_new_inode, removed)]


@pytest.mark.parametrize("index", range(5))
def test_write_refuses_a_file_saved_since_it_was_read(tmp_path: Path, index: int) -> None:
    path = tmp_path / "de.po"
    path.write_bytes(b"as the run read it\n")
    data, snapshot = read_file(path)
    assert data == b"as the run read it\n"
    name, save = _saves_of_another_kind(path)[index]
    save()  # type: ignore[operator]
    before = path.read_bytes() if path.exists() else None
    with pytest.raises(FileChanged) as raised:
        write_atomic(path, b"the run's result\n", snapshot, "locale/de.po")
    assert str(raised.value) == f"locale/de.po: {CHANGED}", name
    assert (path.read_bytes() if path.exists() else None) == before, name
    assert sorted(p.name for p in tmp_path.iterdir()) == (["de.po"] if before is not None else [])


def test_write_refuses_a_file_created_since_it_was_found_missing(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    data, snapshot = read_file(path)
    assert data is None
    path.write_bytes(b"a translator's new catalog\n")
    with pytest.raises(FileChanged):
        write_atomic(path, b"the run's result\n", snapshot)
    assert path.read_bytes() == b"a translator's new catalog\n"


def test_write_replaces_a_file_still_as_read(tmp_path: Path) -> None:
    path = tmp_path / "de.po"
    path.write_bytes(b"old\n")
    _, snapshot = read_file(path)
    write_atomic(path, b"new\n", snapshot)
    assert path.read_bytes() == b"new\n"
    missing = tmp_path / "new.po"
    _, snapshot = read_file(missing)
    write_atomic(missing, b"created\n", snapshot)
    assert missing.read_bytes() == b"created\n"


# ---------------------------------------------------------------------------------------
# A save between the read and the write of each command, deterministic: a hook saves the
# file (as a PO editor would: a new file renamed over it) at the moment the run is between
# the two


def _save_by_rename(path: Path, data: bytes) -> None:
    temp = path.with_name(path.name + "~editor")
    temp.write_bytes(data)
    os.replace(temp, path)


def _translated_root(tmp_path: Path, posts: int = 2) -> Path:
    root = tmp_path / "root"
    make_root(root, dict(article_post(i, lines=12) for i in range(posts)))
    assert invoke("-C", str(root), "extract", "-j1").exit_code == 0
    translate_catalogs(root, german)
    return root


def _with_msgstr(path: Path, marker: str) -> bytes:
    """The catalog with ``marker`` as the start of its first entry's msgstr."""
    data = path.read_bytes()
    at = [m.end() for m in re.finditer(rb'^msgstr "', data, re.MULTILINE)][1]
    return data[:at] + marker.encode() + data[at:]


def _saving_once(function, save):  # type: ignore[no-untyped-def]
    """``function``, with ``save()`` run before its first call."""
    calls = []

    def hooked(*args, **kwargs):  # type: ignore[no-untyped-def]
        if not calls:
            save()
        calls.append(1)
        return function(*args, **kwargs)

    return hooked




def test_extract_redoes_a_post_whose_catalog_was_saved_meanwhile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.extract

    root = _translated_root(tmp_path)
    _edit_posts(sorted((root / "content" / "nl").rglob("*.md")))  # extract has work to do
    catalog = sorted((root / "locale" / "de").rglob("*.po"))[0]
    save = lambda: _save_by_rename(catalog, _with_msgstr(catalog, "#saved#"))  # noqa: E731
    monkeypatch.setattr(pipeline.extract, "update_catalog", _saving_once(pipeline.update.update_catalog, save))
    done = invoke("-C", str(root), "extract", "-j1")
    assert done.exit_code == 0, done.output
    assert "#saved#" in _found(catalog, "po")  # the run worked from the saved file
    assert "(1 new" in done.output or "fuzzy" in done.output  # and did its work on it too


def test_extract_leaves_a_catalog_saved_again_and_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.extract

    root = _translated_root(tmp_path)
    _edit_posts(sorted((root / "content" / "nl").rglob("*.md")))
    catalogs = sorted((root / "locale" / "de").rglob("*.po"))
    saves = iter(range(1000))

    def save() -> None:
        _save_by_rename(catalogs[0], _with_msgstr(catalogs[0], f"#saved{next(saves)}#"))

    real = pipeline.update.update_catalog

    def hooked(old, template, language, path, *known):  # type: ignore[no-untyped-def]
        if catalogs[0].stem in path:
            save()
        return real(old, template, language, path, *known)

    monkeypatch.setattr(pipeline.extract, "update_catalog", hooked)
    done = invoke("-C", str(root), "extract", "-j1")
    assert done.exit_code == 1
    shown = catalogs[0].relative_to(root).as_posix()
    assert f"error: {shown}: {CHANGED}; run `pipeline extract` again\n" in done.output
    assert done.output.count("error:") == 1
    assert f"updated {catalogs[1].relative_to(root).as_posix()}" in done.output  # the other post went on
    found = _found(catalogs[0], "po")
    assert all(f"#saved{n}#" in found for n in range(3)), "every save kept"
    assert "Traceback" not in done.output


def test_merge_never_overwrites_a_german_post_edited_meanwhile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.merge

    root = _translated_root(tmp_path)
    assert invoke("-C", str(root), "merge", "-j1").exit_code == 0
    translate_catalogs(root, _second_translation)  # every German post to write again
    target = sorted((root / "content" / "de").rglob("*.md"))[0]
    save = lambda: _save_by_rename(target, target.read_bytes() + b"\nA hand edit.\n")  # noqa: E731
    # between merge's read of the German post and its write: the hand-edit check
    monkeypatch.setattr(pipeline.merge, "hand_edited", _saving_once(pipeline.record.hand_edited, save))
    done = invoke("-C", str(root), "merge", "-j1", "--no-cache")
    assert target.read_bytes().endswith(b"\nA hand edit.\n")
    assert done.exit_code == 1  # then seen as edited by hand, and left
    assert "changed by hand since merge wrote it" in done.output


def test_check_fix_never_overwrites_a_post_saved_meanwhile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.check

    root = tmp_path / "root"
    post = _posts(root, dated=True, count=2)[0]
    save = lambda: _save_by_rename(post, post.read_bytes() + b"\nEen nieuwe alinea.\n")  # noqa: E731
    # between check's read of the post and --fix's write
    monkeypatch.setattr(pipeline.check, "load_post", _saving_once(pipeline.check.load_post, save))
    done = invoke("-C", str(root), "check", "--fix", "-j1", "--min-translated", "0")
    text = post.read_text(encoding="utf-8")
    assert text.endswith("\nEen nieuwe alinea.\n")  # the save kept
    assert "date: 2017-02-22T08:00:00+0" in text, done.output  # and fixed from it


@pytest.mark.parametrize("second_save", [None, "rename", "in place"])
def test_a_save_right_after_the_last_check_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, second_save: str | None
) -> None:
    """The save lands after write_atomic's check and before its rename (a busy machine can
    take tens of milliseconds there): the rename swaps the files, sees the displaced one is
    not what was read, and swaps them back. ``second_save``: another save comes while the
    two are swapped, by rename or written in place into the file then at the name (the
    run's); the newest save ends up in place."""
    import pipeline.files

    path = tmp_path / "de.po"
    path.write_bytes(b"as the run read it\n")
    _, snapshot = read_file(path)
    real_is, real_rename = pipeline.files._is, pipeline.files._rename2
    checks: list[Path] = []

    def check_then_save(target: Path, expected: object) -> bool:
        found = real_is(target, expected)  # type: ignore[arg-type]
        checks.append(target)
        if len(checks) == 1:  # the check before the rename: passed, then the editor saves
            _save_by_rename(path, b"saved by a PO editor\n")
        return found

    renames: list[int] = []

    def rename_then_save(source: Path, target: Path, flags: int) -> bool:
        done = real_rename(source, target, flags)
        renames.append(flags)
        if second_save == "rename" and len(renames) == 1:
            _save_by_rename(path, b"saved again\n")
        elif second_save == "in place" and len(renames) == 1:
            with open(path, "r+b") as handle:
                handle.truncate()
                handle.write(b"saved again\n")
        return done

    monkeypatch.setattr(pipeline.files, "_is", check_then_save)
    monkeypatch.setattr(pipeline.files, "_rename2", rename_then_save)
    with pytest.raises(FileChanged):
        write_atomic(path, b"the run's result\n", snapshot)
    assert path.read_bytes() == (b"saved again\n" if second_save else b"saved by a PO editor\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["de.po"]


def test_check_fix_leaves_a_post_saved_again_and_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.check

    root = tmp_path / "root"
    posts = _posts(root, dated=True, count=2)
    saves = iter(range(1000))

    def save() -> None:
        _save_by_rename(posts[0], posts[0].read_bytes() + f"\nAlinea {next(saves)}.\n".encode())

    real = pipeline.check.load_post

    def hooked(shown, *args, **kwargs):  # type: ignore[no-untyped-def]
        if shown == posts[0].relative_to(root).as_posix():
            save()
        return real(shown, *args, **kwargs)

    monkeypatch.setattr(pipeline.check, "load_post", hooked)
    done = invoke("-C", str(root), "check", "--fix", "-j1", "--min-translated", "0", "--format", "json")
    assert done.exit_code == 1
    assert '"code": "post-changed"' in done.output
    assert f"{CHANGED}; run `pipeline check --fix` again" in done.output
    text = posts[0].read_text(encoding="utf-8")
    assert all(f"\nAlinea {n}.\n" in text for n in range(3)), "every save kept"
    assert "date: 2017-02-22T08:00:00+0" in posts[1].read_text(encoding="utf-8")  # the other post fixed


def test_merge_leaves_a_german_post_saved_again_and_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.merge

    root = _translated_root(tmp_path)
    assert invoke("-C", str(root), "merge", "-j1").exit_code == 0
    translate_catalogs(root, _second_translation)
    target = sorted((root / "content" / "de").rglob("*.md"))[0]
    generated = target.read_bytes()
    saved: list[bytes] = []

    def save() -> None:  # merge's own page again, as new bytes: never "edited by hand"
        saved.append(generated.replace(b"\n---\n", f"\n---\n<!-- {len(saved)} -->\n".encode(), 1))
        _save_by_rename(target, saved[-1])

    real = pipeline.record.hand_edited
    monkeypatch.setattr(pipeline.merge, "hand_edited", lambda data: (save(), False)[1])
    done = invoke("-C", str(root), "merge", "-j1", "--no-cache", "--force")
    monkeypatch.setattr(pipeline.merge, "hand_edited", real)
    assert done.exit_code == 1
    shown = target.relative_to(root).as_posix()
    assert f"error: {shown}: {CHANGED}; run `pipeline merge` again\n" in done.output
    assert len(saved) >= 3 and target.read_bytes() == saved[-1]  # the last save stands


# ---------------------------------------------------------------------------------------
# A run killed in the middle of the swap: the file it displaced may be a save, and the next
# run must not delete it with the temporary files a killed run leaves

_KILLED_IN_THE_SWAP = """
import os, signal, sys
from pathlib import Path
import pipeline.files as files
from pipeline.cli import main

real_is, real_rename = files._is, files._rename2
marker, stop, saves = sys.argv[1].encode(), getattr(signal, sys.argv[2]), []

def check_then_save(target, expected):
    found = real_is(target, expected)
    if not saves and marker:  # the check before the rename passed; a PO editor saves by rename
        saves.append(target)
        temp = target.with_name(target.name + "~editor")
        temp.write_bytes(target.read_bytes() + marker)
        os.replace(temp, target)
    return found

def swap_then_die(source, target, flags):
    done = real_rename(source, target, flags)
    if flags == files._RENAME_EXCHANGE:
        os.kill(os.getpid(), stop)
    return done

files._is, files._rename2 = check_then_save, swap_then_die
sys.argv = ["pipeline", *sys.argv[3:]]
main()
"""


@pytest.mark.parametrize("command", ["extract", "merge"])
@pytest.mark.parametrize("stop", ["SIGKILL", "SIGTERM"])
def test_a_save_swapped_out_by_a_stopped_run_is_kept(tmp_path: Path, command: str, stop: str) -> None:
    """A signal right after the swap of a file whose check passed and that an editor saved
    just before the swap. SIGTERM (or Ctrl-C) waits for the swap back: the save is in place
    and no temporary file is left. After SIGKILL the save is under the temporary name, the
    run's result in place: the next run does not delete it with the stale temporary files,
    it keeps it and says where it is, at every run until someone deletes it."""
    root = _translated_root(tmp_path, posts=1)
    if command == "extract":
        _edit_posts(sorted((root / "content" / "nl").rglob("*.md")))
    else:
        assert invoke("-C", str(root), "merge", "-j1").exit_code == 0
        translate_catalogs(root, lambda msgctxt, msgid: "DE3 " + msgid)
    marker = "\n# saved by a PO editor just before the swap\n"
    stopped = subprocess.run(
        [sys.executable, "-c", _KILLED_IN_THE_SWAP, marker, stop, "-C", str(root), command, "-j1"],
        capture_output=True, text=True, env=env(), timeout=120,
    )
    number = getattr(signal, stop)
    # killed by the signal, or (SIGTERM) by the run's own handler after the swap: 128 + 15
    assert stopped.returncode in (-number, 128 + number), stopped.stderr
    holding = [p for p in root.rglob("*") if p.is_file() and marker.encode() in p.read_bytes()]
    assert len(holding) == 1
    if stop == "SIGTERM":
        assert not temp_files(root) and not holding[0].name.startswith(".")
        return
    again = run_pipeline(root, command, "-j1")
    assert holding == [p for p in root.rglob("*") if p.is_file() and marker.encode() in p.read_bytes()]
    assert "may hold a save of" in again.stderr and holding[0].name in again.stderr
    assert run_pipeline(root, command, "-j1").stderr.count("may hold a save of") == 1


def test_a_file_whose_name_is_near_the_limit_is_replaced_too(tmp_path: Path) -> None:
    """The name a temporary file is swapped under is longer than the one it is written under;
    where that is too long, the shorter one serves."""
    path = tmp_path / ("a" * 235 + ".po")
    path.write_bytes(b"old\n")
    _, snapshot = read_file(path)
    write_atomic(path, b"new\n", snapshot)
    assert path.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_file_swapped_out_as_read_by_a_killed_run_is_removed_by_the_next_run(tmp_path: Path) -> None:
    """SIGKILL right after the swap, nobody having saved: the file under the temporary name
    is the one the run read (its hash is in the name), and the next run removes it without
    a warning."""
    root = _translated_root(tmp_path, posts=1)
    _edit_posts(sorted((root / "content" / "nl").rglob("*.md")))
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_IN_THE_SWAP, "", "SIGKILL", "-C", str(root), "extract", "-j1"],
        capture_output=True, text=True, env=env(), timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert len(temp_files(root)) == 1
    again = run_pipeline(root, "extract", "-j1")
    assert again.returncode == 0, again.stderr
    assert "may hold a save" not in again.stderr and temp_files(root) == []


def test_without_renameat2_a_write_still_replaces_and_refuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where there is no renameat2 (not Linux, an old C library), or the filesystem refuses
    its flags: a plain rename after the check, no temporary file left, a save seen before
    it refused; extract and merge run through."""
    import pipeline.files

    monkeypatch.setattr(pipeline.files, "_renameat2", None)
    path = tmp_path / "de.po"
    path.write_bytes(b"old\n")
    _, snapshot = read_file(path)
    write_atomic(path, b"new\n", snapshot)
    _, snapshot = read_file(path)
    _save_by_rename(path, b"saved\n")
    with pytest.raises(FileChanged):
        write_atomic(path, b"ours\n", snapshot)
    _, snapshot = read_file(tmp_path / "new.po")
    write_atomic(tmp_path / "new.po", b"created\n", snapshot)
    assert (path.read_bytes(), (tmp_path / "new.po").read_bytes()) == (b"saved\n", b"created\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["de.po", "new.po"]
    root = _translated_root(tmp_path / "site", posts=2)
    _edit_posts(sorted((root / "content" / "nl").rglob("*.md")))
    assert invoke("-C", str(root), "extract", "-j1").exit_code == 0
    assert invoke("-C", str(root), "merge", "-j1").exit_code == 0
    assert temp_files(root) == []
