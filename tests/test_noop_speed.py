"""The shortcuts of a run after a small change (one post or one catalog, or none): each keeps
the answer the full work gives, and is undone by any change of the bytes it stands for, a
change that keeps the file's size and modification time included (see pipeline.cache)."""

from __future__ import annotations

import os
from pathlib import Path

from test_terms import _check, _site, _translate_posts, _translate_terms
from support import run_cli


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """``old`` replaced by ``new`` (as long) in ``path``, its modification time put back."""
    assert len(old.encode()) == len(new.encode())
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns


def test_a_german_post_edited_by_hand_after_a_check_knew_it_as_merge_s_is_still_said(tmp_path: Path) -> None:
    # the terms check passes over the German posts the cache knows as merge's own output
    # (terms._hand_written_terms, by each file's digest): an edit with the same size and
    # modification time is found all the same
    root = _site(tmp_path)
    run_cli(root, "extract")
    _translate_posts(root, {})
    _translate_terms(root, {"fiets": "Fahrrad", "onderhoud": "Wartung", "Uitleg": "Erklärung"})
    run_cli(root, "extract")
    assert run_cli(root, "merge").returncode == 0
    for _ in range(2):  # the second from what the first kept
        assert [p for p in _check(root) if p["code"] == "term-inconsistent"] == []
    _same_size_edit(root / "content" / "de" / "b.md", "tags: [Fahrrad]", "tags: [Fahrrat]")
    found = [(p["file"], p["message"]) for p in _check(root) if p["code"] == "term-inconsistent"]
    assert found == [("content/de/b.md", "the tags term 'fiets' is 'Fahrrat' here but 'Fahrrad' in "
                      "locale/de/LC_MESSAGES/_terms.po: keep one")]
