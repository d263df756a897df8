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


def test_an_extract_with_nothing_to_do_loads_no_babel(tmp_path) -> None:
    """Babel (the plural forms and language names of a new catalog: 50 ms to import) is
    imported by the run that makes a catalog, not by every run."""
    from support import make_root

    root = make_root(tmp_path, {"a.md": "---\ntitle: A\n---\n\nTekst.\n"})
    code = ("import sys; from pipeline import api; report = api.extract(sys.argv[1], now=0); "
            "assert not report.errors; print('babel' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert [run.strip() for run in runs] == ["True", "False"]
