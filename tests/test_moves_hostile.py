"""Renames and moves, attacked: what a translator, an editor or a misconfigured CI does to
``extract``'s carry, ``pipeline mv`` and check's orphan-catalog advice. Each test is a defect
found that way (it failed before its fix).

Real processes (``python -m pipeline``), a real shell for the advised commands, real git."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reliability_support import env, pipeline_command
from support import po_path
from test_moves import PARAGRAPHS, pipeline, post, translated, translated_site


def advised_command(text: str, new: str) -> str:
    """The ``pipeline mv`` command an output advises, with NEW filled in as a reader would."""
    found = re.search(r"`(pipeline mv [^`]*)`", text)
    assert found, text
    return found.group(1).replace(" NEW", f" {new}", 1)


def run_in_shell(root: Path, command: str) -> subprocess.CompletedProcess[str]:
    """A command as the user types it (``pipeline`` being this package), in the site's root."""
    line = " ".join(pipeline_command(root)[:3]) + command[len("pipeline"):]
    return subprocess.run(["sh", "-c", line], cwd=root, capture_output=True, text=True, env=env(), check=False)


@pytest.mark.parametrize("name", ["mijn post", "-streepje", "it's"])
def test_the_advised_pipeline_mv_works_as_written_for_any_post_name(tmp_path: Path, name: str) -> None:
    """A gone post whose name has a space, a leading dash or a quote: extract's warning and
    check's advice name a command that works when pasted into a shell."""
    root = translated_site(tmp_path, {f"{name}.md": post()})
    source = root / "content" / "nl" / f"{name}.md"
    for copy in ("kopie een.md", "kopie-twee.md"):
        shutil.copy(source, root / "content" / "nl" / copy)
    source.unlink()
    extracted = pipeline(root, "extract")
    assert extracted.returncode == 0, extracted.stderr
    checked = pipeline(root, "check").stdout
    line = next(line for line in checked.splitlines() if "pipeline mv" in line)
    assert "'kopie een'" in line  # the candidates, as they are typed
    for advice in (extracted.stderr, line):
        command = advised_command(advice, "kopie-twee").replace("pipeline mv", "pipeline mv --dry-run", 1)
        done = run_in_shell(root, command)
        assert done.returncode == 0, (advice, done.stderr)
    done = run_in_shell(root, advised_command(line, "'kopie een'"))
    assert done.returncode == 0, done.stderr
    assert pipeline(root, "extract").returncode == 0
    assert translated(po_path(root, "kopie een")) == 7
    assert not po_path(root, name).exists()
