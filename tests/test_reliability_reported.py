"""Reliability bugs found in check.py, merge.py, parallel.py, cache.py and cli.py by the
reliability suite, each kept as a minimal example now that it is fixed."""

from __future__ import annotations

from pathlib import Path

import pytest
from merge_support import merge_in
from support import invoke, make_root

from pipeline.parallel import ordered_map

GOOD = "---\ntitle: Goede titel\n---\n\nGewone tekst.\n"


def _outside(tmp_path: Path) -> tuple[Path, Path]:
    root = make_root(tmp_path / "root", {"good.md": GOOD})
    outside = tmp_path / "outside"
    outside.mkdir()
    return root, outside


def test_check_does_not_read_a_post_outside_the_root(tmp_path: Path) -> None:
    root, outside = _outside(tmp_path)
    (outside / "secret.md").write_text("---\ntitle: Geheim\ndate: 2017-02-22 08:00 CEST\n---\n", encoding="utf-8")
    (root / "content" / "nl" / "evil.md").symlink_to(outside / "secret.md")
    result = invoke("-C", str(root), "check", "--fix", "--no-cache")
    assert "leads outside" in result.output
    assert "CEST" not in result.output
    assert (root / "content" / "nl" / "evil.md").is_symlink()


def test_check_does_not_read_a_german_post_outside_the_root(tmp_path: Path) -> None:
    root, outside = _outside(tmp_path)
    (outside / "good.md").write_text("---\ntitle: Buiten\ndate: gisteren\n---\n", encoding="utf-8")
    (root / "content" / "de").mkdir()
    (root / "content" / "de" / "good.md").symlink_to(outside / "good.md")
    result = invoke("-C", str(root), "check", "--no-cache")
    assert "leads outside" in result.output
    assert "gisteren" not in result.output


def test_a_cache_folder_linked_out_of_the_root_is_not_written(tmp_path: Path) -> None:
    root, outside = _outside(tmp_path)
    (root / ".pipeline-cache").symlink_to(outside)
    invoke("-C", str(root), "extract")
    assert list(outside.iterdir()) == []


def test_a_translation_cannot_hide_the_rest_of_the_post(tmp_path: Path) -> None:
    """Merge escapes the ``<!--`` (``\\<!--``), and as check calls it an error
    (``html-block``) it now refuses the post outright, naming the entry."""
    dutch = "---\ntitle: Titel\n---\n\nEen.\n\n- Twee.\n\n> Drie.\n"
    translations = {"Een.": "<!-- Eins.", "Twee.": "Zwei.", "Drie.": "Drei.", "Titel": "Titel"}
    result = merge_in(tmp_path, {"post": (dutch, translations)})["post"]
    assert result.action == "error" and "[html-block]" in result.message, result
    assert not (tmp_path / "content" / "de" / "post.md").exists()


def _stop_at_two(item: int) -> int:
    if item == 2:
        raise StopIteration  # e.g. a next() without default deep in render_post
    return item


def test_ordered_map_does_not_swallow_stop_iteration() -> None:
    with pytest.raises(Exception) as caught:
        list(ordered_map(_stop_at_two, [1, 2, 3], 1))
    assert not isinstance(caught.value, StopIteration)
