"""The shortcuts a cold ``check`` takes for speed (ISSUE 15: check from scratch, as in CI),
each against the slow way it replaces: a wrong shortcut fails here."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import make_root

from pipeline.config import load_config
from pipeline.errors import PipelineError


def test_confine_tests_folders_not_string_prefixes(tmp_path: Path) -> None:
    """``confine`` compares resolved paths as text: a sibling folder whose name starts as
    ``content`` or ``locale`` does (``content-old/``, ``locale2/``) is outside them, as
    ``Path.is_relative_to`` says; a folder resolved once serves its files, a symlinked file
    among them resolved in full."""
    root = make_root(tmp_path / "site", {"a.md": "---\ntitle: A\n---\n"})
    config = load_config(root)
    for sibling in ("content-old", "locale2", "contentnl"):
        (root / sibling).mkdir()
        (root / sibling / "b.md").write_text("x", encoding="utf-8")
        (root / "content" / "nl" / f"{sibling}.md").symlink_to(root / sibling / "b.md")
    (root / "content" / "nl" / "inside.md").symlink_to(root / "content" / "nl" / "a.md")
    config.confine(root / "content" / "nl" / "a.md")
    config.confine(root / "content" / "nl" / "inside.md")
    config.confine(root / "content")  # the folder itself
    for sibling in ("content-old", "locale2", "contentnl"):
        with pytest.raises(PipelineError, match="leads outside"):
            config.confine(root / "content" / "nl" / f"{sibling}.md")
    # a folder of posts symlinked out, after a file of it was confined through its real name
    (root / "content" / "nl" / "sub").symlink_to(root / "content-old", target_is_directory=True)
    with pytest.raises(PipelineError, match="leads outside"):
        config.confine(root / "content" / "nl" / "sub" / "b.md")

