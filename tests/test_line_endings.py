"""Line endings from the checkout: a real git repository, cloned with ``core.autocrlf=true``
(Git for Windows' default) and without.

A clone with ``core.autocrlf=true`` has every text file with CRLF line endings. Neither the
generation record (hashes over the text with LF line endings) nor extract's comparison (a
catalog is kept in its own line endings) may see a change there: nothing is hand-edited,
nothing rewritten, and a post merged there is not hand-edited in an LF clone either. The
shipped ``.gitattributes`` keeps LF in such a clone in the first place.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from support import SEED, SEED_ID, invoke, po_path

from pipeline.record import hand_edited, read_record

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def files(root: Path) -> dict[str, bytes]:
    """content/ and locale/ by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in ("content", "locale")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return invoke("-C", str(root), *args)


def origin(tmp_path: Path, attributes: bool) -> Path:
    """A bare repository holding the seed post, its translated catalog and German post
    (extracted and merged with LF line endings)."""
    work = tmp_path / "first"
    (work / "content" / "nl").mkdir(parents=True)
    shutil.copy(SEED, work / "content" / "nl")
    shutil.copy(REPO / "pyproject.toml", work)
    catalog = po_path(work, SEED_ID)
    catalog.parent.mkdir(parents=True)
    shutil.copy(REPO / "locale" / "de" / "LC_MESSAGES" / f"{SEED_ID}.po", catalog)
    if attributes:
        shutil.copy(REPO / ".gitattributes", work)
    assert run(work, "extract").exit_code == 0
    assert run(work, "merge").exit_code == 0
    (work / ".gitignore").write_text(".pipeline-cache/\n", encoding="utf-8")
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "seed")
    bare = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(work), str(bare))
    return bare


def clone(tmp_path: Path, bare: Path, name: str, *config: str) -> Path:
    git(tmp_path, "clone", "-q", *config, str(bare), name)
    return tmp_path / name


def assert_nothing_to_do(root: Path) -> None:
    """extract, merge and check in a clone: nothing hand-edited, stale or rewritten."""
    before = files(root)
    extracted = run(root, "extract")
    assert extracted.exit_code == 0 and "0 files written" in extracted.output, extracted.output
    merged = run(root, "merge")
    assert merged.exit_code == 0, merged.output
    assert "merge: 1 unchanged" in merged.output
    checked = run(root, "check")
    for code in ("post-edited", "post-stale", "catalog-stale"):
        assert f"[{code}]" not in checked.output, checked.output
    assert files(root) == before
    assert git(root, "status", "--porcelain") == ""


def test_a_crlf_checkout_sees_nothing_changed_and_its_merge_is_not_hand_edited_on_lf(tmp_path: Path) -> None:
    bare = origin(tmp_path, attributes=False)
    windows = clone(tmp_path, bare, "windows", "-c", "core.autocrlf=true")
    german = windows / "content" / "de" / f"{SEED_ID}.md"
    catalog = po_path(windows, SEED_ID)
    assert b"\r\n" in german.read_bytes() and b"\r\n" in catalog.read_bytes()  # as on Windows
    assert not hand_edited(german.read_bytes())
    assert_nothing_to_do(windows)

    # a translator's change there, extracted and merged (forced) there
    text = catalog.read_bytes()
    catalog.write_bytes(text.replace("Zukunft gestalten".encode(), "Zukunft formen".encode(), 1))
    assert b"Zukunft formen" in catalog.read_bytes()
    extracted = run(windows, "extract")
    assert extracted.exit_code == 0 and "0 files written" in extracted.output, extracted.output
    assert b"\r\n" in catalog.read_bytes() and b"\n" not in catalog.read_bytes().replace(b"\r\n", b"")
    forced = run(windows, "merge", "--force")
    assert forced.exit_code == 0 and f"wrote content/de/{SEED_ID}.md" in forced.output, forced.output
    assert "Zukunft formen".encode() in german.read_bytes()
    assert b"\n" not in german.read_bytes().replace(b"\r\n", b"")  # CRLF throughout, as the post
    git(windows, "commit", "-q", "-am", "formen")
    assert_nothing_to_do(windows)
    git(windows, "push", "-q", "origin", "main")

    # back on an LF checkout (CI): nothing hand-edited, nothing stale, nothing rewritten
    linux = clone(tmp_path, bare, "linux")
    assert b"\r\n" not in (linux / "content" / "de" / f"{SEED_ID}.md").read_bytes()
    assert_nothing_to_do(linux)
    record = read_record((linux / "content" / "de" / f"{SEED_ID}.md").read_text(encoding="utf-8"))
    assert record is not None


def test_a_crlf_catalog_is_updated_in_its_own_line_endings(tmp_path: Path) -> None:
    bare = origin(tmp_path, attributes=False)
    windows = clone(tmp_path, bare, "windows", "-c", "core.autocrlf=true")
    post = windows / "content" / "nl" / f"{SEED_ID}.md"
    post.write_bytes(post.read_bytes() + b"\r\nEen nieuwe alinea.\r\n")
    extracted = run(windows, "extract")
    assert extracted.exit_code == 0 and "(1 new" in extracted.output, extracted.output
    for path in (po_path(windows, SEED_ID), windows / "locale" / "templates" / f"{SEED_ID}.pot"):
        data = path.read_bytes()
        assert b"Een nieuwe alinea." in data
        assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF throughout
        # what git stores: the entry added, nothing else
        added, deleted, _ = git(windows, "diff", "--numstat", "--", str(path.relative_to(windows))).split()
        assert int(deleted) <= 1 and int(added) >= 4  # the POT-Creation-Date line changes


def test_the_shipped_gitattributes_keep_lf_in_a_crlf_checkout(tmp_path: Path) -> None:
    bare = origin(tmp_path, attributes=True)
    windows = clone(tmp_path, bare, "windows", "-c", "core.autocrlf=true")
    for data in files(windows).values():
        assert b"\r\n" not in data
    # the seed post is byte for byte the reference post
    assert (windows / "content" / "nl" / f"{SEED_ID}.md").read_bytes() == SEED.read_bytes()
    assert_nothing_to_do(windows)


def test_the_record_is_the_same_for_either_line_ending(tmp_path: Path) -> None:
    """A German post converted to CRLF (or back) is not hand-edited; a change is."""
    bare = origin(tmp_path, attributes=False)
    linux = clone(tmp_path, bare, "linux")
    data = (linux / "content" / "de" / f"{SEED_ID}.md").read_bytes()
    crlf = data.replace(b"\n", b"\r\n")
    assert not hand_edited(data) and not hand_edited(crlf)
    assert hand_edited(crlf.replace(b"Zukunft", b"Zukunft!", 1))


def _translated(tmp_path: Path) -> Path:
    from merge_support import fill_all
    from support import make_root

    root = make_root(tmp_path / "root", {SEED.name: SEED.read_bytes()})
    assert run(root, "extract").exit_code == 0
    fill_all(root, lambda msgctxt, msgid: "de-" + msgid if msgctxt == "slug" else "DE " + msgid)
    return root


def test_a_catalog_with_cr_line_endings_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    """A catalog saved with CR alone (classic Mac editors) read as one comment line was an
    empty catalog: extract rewrote it with every entry new, every translation gone, exit 0."""
    root = _translated(tmp_path)
    catalog = po_path(root, SEED_ID)
    saved = catalog.read_bytes().replace(b"\n", b"\r")
    catalog.write_bytes(saved)
    message = "carriage return (CR) without a line feed: save the catalog with LF (or CRLF) line endings"
    for command in ("extract", "merge"):
        result = run(root, command)
        assert result.exit_code == 1, result.output
        assert f"error: locale/de/LC_MESSAGES/{SEED_ID}.po:1: {message}" in result.output
    assert f"1: error: {message} [catalog-unreadable]" in run(root, "check").output
    assert catalog.read_bytes() == saved
    catalog.write_bytes(saved.replace(b"\r", b"\r\n"))  # the advice, followed
    assert run(root, "extract").exit_code == 0
    assert b'msgstr "DE ' in catalog.read_bytes()


def test_a_catalog_with_mixed_line_endings_keeps_every_translation(tmp_path: Path) -> None:
    """Some lines CRLF (a block pasted from a Windows editor), the others LF."""
    root = _translated(tmp_path)
    catalog = po_path(root, SEED_ID)
    lines = catalog.read_bytes().split(b"\n")
    translated = catalog.read_bytes().count(b'msgstr "DE ')
    middle = len(lines) // 2
    catalog.write_bytes(b"\n".join(lines[:middle] + [line + b"\r" for line in lines[middle:-1]] + lines[-1:]))
    assert run(root, "extract").exit_code == 0
    assert catalog.read_bytes().count(b'msgstr "DE ') == translated
    assert run(root, "merge").exit_code == 0
