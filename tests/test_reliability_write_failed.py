"""A write that fails (a file size limit, a full disk) is one line naming the file, exit 1; the
old file stays as it was and no temporary file is left.

The limit is real: the pipeline runs in a process whose RLIMIT_FSIZE is below the size of one
post's new files, with SIGXFSZ ignored, so that the kernel answers the write with EFBIG (a
full disk, ENOSPC, takes the same path: an OSError from the write).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import article_post, env, german, temp_files, translate_catalogs, tree_bytes
from support import invoke, make_root

from pipeline.files import WriteFailed, write_atomic

LIMIT = 12_000
"""Bytes a process of these tests may write to one file."""

_LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
from pipeline.cli import main
main(sys.argv[1:], prog_name="pipeline")
"""


def _limited(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``pipeline -C root ARGS`` in a process that may not write a file above LIMIT bytes."""
    return subprocess.run(
        [sys.executable, "-c", _LIMITED.format(limit=LIMIT), "-C", str(root), *args],
        capture_output=True, text=True, env=env(), timeout=120, check=False,
    )


def _big(text: str) -> str:
    """A post whose files come out above LIMIT: its body many times over, each paragraph
    numbered (the same text twice would be one catalog entry)."""
    close = text.index("\n---\n", 3) + len("\n---\n")
    body = text[close:]
    copies = [re.sub(r"(?m)^(?=[A-Za-z])", f"Deel {n}: ", body) for n in range(30)]
    return text[:close] + "\n".join(copies)


def _root(tmp_path: Path) -> tuple[Path, Path]:
    """A root of two translated posts; the second one's next files will be too big."""
    root = make_root(tmp_path / "root", dict(article_post(i, lines=20) for i in range(2)))
    assert invoke("-C", str(root), "extract").exit_code == 0
    translate_catalogs(root, german)
    return root, sorted((root / "content" / "nl").rglob("*.md"))[1]


def _assert_one_line(done: subprocess.CompletedProcess[str], shown: str) -> None:
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    assert f"error: {shown}: cannot write: File too large\n" in done.stderr, done.stderr


def test_extract_reports_a_file_it_cannot_write(tmp_path: Path) -> None:
    root, big = _root(tmp_path)
    big.write_text(_big(big.read_text(encoding="utf-8")), encoding="utf-8")
    small = sorted((root / "content" / "nl").rglob("*.md"))[0]
    small.write_text(small.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")
    before = tree_bytes(root, ["locale"])
    done = _limited(root, "extract")
    post_id = big.relative_to(root / "content" / "nl").with_suffix("").as_posix()
    # the catalog is written before the template (a template's typed translations go there first)
    _assert_one_line(done, f"locale/de/LC_MESSAGES/{post_id}.po")
    after = tree_bytes(root, ["locale"])
    assert after[f"locale/templates/{post_id}.pot"] == before[f"locale/templates/{post_id}.pot"]
    assert after[f"locale/de/LC_MESSAGES/{post_id}.po"] == before[f"locale/de/LC_MESSAGES/{post_id}.po"]
    small_id = small.relative_to(root / "content" / "nl").with_suffix("").as_posix()
    assert after[f"locale/de/LC_MESSAGES/{small_id}.po"] != before[f"locale/de/LC_MESSAGES/{small_id}.po"]
    assert temp_files(root) == []


def test_merge_reports_a_file_it_cannot_write(tmp_path: Path) -> None:
    root, big = _root(tmp_path)
    big.write_text(_big(big.read_text(encoding="utf-8")), encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    translate_catalogs(root, german)
    done = _limited(root, "merge")
    post_id = big.relative_to(root / "content" / "nl").with_suffix("").as_posix()
    _assert_one_line(done, f"content/de/{post_id}.md")
    assert not (root / "content" / "de" / f"{post_id}.md").exists()
    assert len(list((root / "content" / "de").rglob("*.md"))) == 1  # the other post went on
    assert temp_files(root) == []


def test_check_fix_reports_a_post_it_cannot_write(tmp_path: Path) -> None:
    root, big = _root(tmp_path)
    text = _big(big.read_text(encoding="utf-8")).replace("\nlang: nl\n", "\nlang: nl\ndate: 2017-02-22 08:00 CEST\n", 1)
    big.write_text(text, encoding="utf-8")
    before = big.read_bytes()
    done = _limited(root, "check", "--fix", "--format", "json")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    shown = big.relative_to(root).as_posix()
    assert '"code": "write-failed"' in done.stdout
    assert f'"file": "{shown}"' in done.stdout
    assert '"message": "cannot write: File too large"' in done.stdout
    assert big.read_bytes() == before
    assert temp_files(root) == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    """In process: a folder where the file should be (os.replace fails after the temporary
    file is written)."""
    (tmp_path / "de.po").mkdir()
    with pytest.raises(WriteFailed) as raised:
        write_atomic(tmp_path / "de.po", b"data", shown="locale/de.po")
    assert str(raised.value) == "locale/de.po: cannot write: Is a directory"
    assert [p.name for p in tmp_path.iterdir()] == ["de.po"]


@pytest.mark.parametrize("command", [("extract",), ("merge",), ("check", "--fix")])
def test_a_lock_that_cannot_be_written_is_one_line(tmp_path: Path, command: tuple[str, ...]) -> None:
    root = make_root(tmp_path / "root", dict([article_post(0, lines=5)]))
    (root / ".pipeline-cache" / "lock").mkdir(parents=True)  # a folder where the lock goes
    done = invoke("-C", str(root), *command)
    assert done.exit_code == 1
    assert done.output == (
        "Error: .pipeline-cache/lock: is a folder, not a file: remove it (the run lock is made afresh)\n"
    )
