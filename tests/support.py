"""Shared test helpers: fixture paths, content roots in tmp_path, GNU gettext runners."""

from __future__ import annotations

import resource
import shlex
import shutil
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import main
from pipeline.config import load_config
from pipeline.extract import PostResult, extract

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOW = "2026-01-01 00:00+0000"
LATER = "2026-06-30 12:00+0000"

SEED_ID = "2017-02-22-workshop-e-learning-toekomst"
SEED = FIXTURES / "seed" / f"{SEED_ID}.md"
ARTICLES = sorted((FIXTURES / "opensource-guide" / "nl").glob("*.md"))

needs_gettext = pytest.mark.skipif(
    not (shutil.which("msgcat") and shutil.which("msgfmt") and shutil.which("msgmerge")),
    reason="GNU gettext (msgcat, msgfmt, msgmerge) is not installed: apt-get install gettext",
)


def cpu_seconds() -> float:
    """The CPU time of this process and its reaped children (workers, subprocesses).

    Bounded-time tests measure this, not the wall clock: on a loaded machine (CI runners,
    several test runs on two cores) the wall clock of a linear run grows with the load,
    and a quadratic one still shows in its CPU time."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def make_root(root: Path, posts: Mapping[str, str | bytes]) -> Path:
    """A content root with ``content/nl/<name>`` for each post (text is written as UTF-8)."""
    source = root / "content" / "nl"
    source.mkdir(parents=True, exist_ok=True)
    for name, data in posts.items():
        path = source / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return root


def pot_path(root: Path, post_id: str) -> Path:
    return root / "locale" / "templates" / f"{post_id}.pot"


def po_path(root: Path, post_id: str, language: str = "de") -> Path:
    return root / "locale" / language / "LC_MESSAGES" / f"{post_id}.po"


def run_extract(root: Path, now: str = NOW, use_cache: bool = False) -> list[PostResult]:
    """The core's extract over every post of a root, with a fixed POT-Creation-Date.

    Without the run cache by default, so that every run does the whole work.
    """
    return list(extract(load_config(root), now=now, use_cache=use_cache))


def invoke(*args: str) -> Result:
    """The command line, in-process; with ``-C ROOT`` first, the advice in its output as
    :func:`plain_advice` gives it."""
    result = CliRunner().invoke(main, list(args))
    if args[:1] == ("-C",):
        for name in ("stdout_bytes", "stderr_bytes", "output_bytes"):
            data = getattr(result, name, None)
            if data is not None:
                setattr(result, name, plain_advice(data.decode("utf-8"), args[1]).encode("utf-8"))
    return result


def plain_advice(text: str, root: Path | str) -> str:
    """``text`` with the commands it advises as run in the content root ``root``, without the
    ``-C ROOT`` that makes them work from where the tests run them (tests/test_advice.py
    tests that): the tests that are about the messages compare them so."""
    return text.replace(f"pipeline -C {shlex.quote(str(root))} ", "pipeline ")


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``pipeline -C ROOT ARGS…`` in this process, with the fixed clock of the tests' real
    processes (``SOURCE_DATE_EPOCH``), answering as ``subprocess.run`` does: the exit status,
    stdout and stderr. For the tests that are not about processes: a process costs a Python
    start and the pipeline's import, about a second on a busy 2-core machine. An exception the
    command line let through is raised (a process would end in a traceback, exit status 1)."""
    runner = CliRunner(env={"SOURCE_DATE_EPOCH": "1767225600", "NO_COLOR": "1"})
    result = runner.invoke(main, ["-C", str(root), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(
        ["pipeline", "-C", str(root), *args], result.exit_code, plain_advice(result.stdout, root),
        plain_advice(result.stderr, root),
    )


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under a root's locale/ folder, by relative path."""
    locale = root / "locale"
    if not locale.is_dir():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(locale.rglob("*"))
        if p.is_file()
    }


def msgcat(path: Path) -> bytes:
    """``msgcat --no-wrap FILE``'s output; fails the test on any message on stderr."""
    done = subprocess.run(
        ["msgcat", "--no-wrap", str(path)], capture_output=True, check=False, timeout=60
    )
    assert done.returncode == 0 and not done.stderr, done.stderr.decode()
    return done.stdout


def msgmerge(catalog: Path, template: Path) -> bytes:
    """``msgmerge --previous --no-wrap CATALOG TEMPLATE``'s output: the catalog as GNU
    updates it; fails the test if msgmerge fails."""
    done = subprocess.run(
        ["msgmerge", "-q", "--previous", "--no-wrap", "-o", "-", str(catalog), str(template)],
        capture_output=True, check=False, timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


#: The two languages of a test site's Hugo configuration, each from its own content folder,
#: as the pipeline needs them (the end of a ``hugo.toml``, after its top-level keys)
LANGUAGES_TOML = """[languages.nl]
contentDir = "content/nl"
weight = 1
[languages.de]
contentDir = "content/de"
weight = 2
"""
