"""Every command's start: what ``pipeline --help`` imports (each module a command needs is
imported when the command runs, not when the command line loads)."""

from __future__ import annotations

import subprocess
import sys


def test_the_command_line_loads_without_the_parsers() -> None:
    """Markdown, YAML and the commands' modules cost `--help` (and every command's start)
    50 ms: the command line and the API import them where they are used."""
    code = ("import sys, pipeline.cli, pipeline.api; "
            "print(sorted(m for m in ('markdown_it', 'yaml', 'pipeline.hugo', 'pipeline.extract', "
            "'pipeline.merge', 'pipeline.check') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
