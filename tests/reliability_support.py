"""Helpers of the reliability suite (issue 5): corpora, tree snapshots, the pipeline as a
subprocess, translators, and the figures each test reports.

Figures (kill points tried, sequences run, bad inputs tried, …) are collected in ``FIGURES``
and printed at the end of the pytest run (see ``pytest_terminal_summary`` in conftest.py);
they are also written to ``.pytest_cache/v/reliability/figures``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from support import ARTICLES

from pipeline.files import TEMP_NAME_RE
from pipeline.po import Catalog, format_catalog, parse_catalog

#: name -> figure; printed after the run
FIGURES: dict[str, object] = {}

#: A fixed clock for every subprocess, so that a killed run and a complete one agree on
#: POT-Creation-Date (2026-01-01 00:00 UTC).
EPOCH = "1767225600"


def examples(default: int) -> int:
    """How many examples a Hypothesis test runs: ``FUZZ_EXAMPLES`` when set (``make fuzz``),
    else ``default`` (small enough for the whole suite to stay near a minute)."""
    return int(os.environ.get("FUZZ_EXAMPLES") or default)


def figure(name: str, value: object) -> None:
    """Record a figure for the summary; numbers of the same name add up."""
    old = FIGURES.get(name)
    if isinstance(old, int) and isinstance(value, int):
        FIGURES[name] = old + value
    else:
        FIGURES[name] = value


def env(**extra: str) -> dict[str, str]:
    """The environment of a pipeline subprocess: fixed clock, no colour, no CI surprises."""
    environment = dict(os.environ)
    environment.update({"SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1", "PYTHONHASHSEED": "0"})
    environment.update(extra)
    return environment


def pipeline_command(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "-C", str(root), *args]


def run_pipeline(root: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m pipeline -C root ARGS`` to its end."""
    return subprocess.run(
        pipeline_command(root, *args), capture_output=True, text=True, env=env(), timeout=timeout,
        check=False,
    )


# ---------------------------------------------------------------------------------------
# Corpora


def article_post(i: int, lines: int = 40) -> tuple[str, str]:
    """(name under content/nl, text) of post number ``i``: the front matter of one of the 12
    real articles with its title numbered, a numbered first paragraph, then ``lines`` lines
    of that article's body from a place that depends on ``i`` (so that posts are small, real
    Markdown, and no two are equal)."""
    article = ARTICLES[i % len(ARTICLES)]
    text = article.read_text(encoding="utf-8")
    text = re.sub(r"^title: (.*)$", lambda m: f"title: {m.group(1)} ({i})", text, count=1, flags=re.MULTILINE)
    close = text.index("\n---\n", 3) + len("\n---\n")
    body = text[close:].split("\n")
    blank = [n for n, line in enumerate(body) if not line.strip()] or [0]
    start = blank[(i * 7) % len(blank)]
    excerpt = "\n".join(body[start : start + lines]).strip("\n")
    text = text[:close] + f"\nDit is bericht {i} uit de reeks.\n\n" + excerpt + "\n"
    return f"{2015 + i % 4}/{article.stem}-{i:04d}.md", text


def article_posts(count: int, start: int = 0) -> dict[str, str]:
    return dict(article_post(i) for i in range(start, start + count))


def edited(text: str, i: int) -> str:
    """A second version of a post: its first sentence of each tenth paragraph changed, and a
    paragraph added, so that extract updates its catalogs (new, fuzzy and obsolete entries)."""
    lines = text.split("\n")
    paragraph = 0
    for n, line in enumerate(lines):
        if line[:1].isalpha() and not line.startswith(("title", "description", "lang", "class")):
            paragraph += 1
            if paragraph % 10 == 1:
                lines[n] = line.replace(" ", f" (herzien {i}) ", 1)
    return "\n".join(lines) + f"\nEen nieuwe slotalinea voor bericht {i}.\n"


# ---------------------------------------------------------------------------------------
# Trees


def tree_bytes(root: Path, folders: Iterable[str]) -> dict[str, bytes]:
    """Every file under the given folders of ``root`` (temporary files left out), by path."""
    state: dict[str, bytes] = {}
    for folder in folders:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file() and not TEMP_NAME_RE.fullmatch(path.name):
                state[path.relative_to(root).as_posix()] = path.read_bytes()
    return state


def tree_hash(root: Path, folder: str) -> dict[str, str]:
    """Every file and symlink under ``root/folder`` with its content hash and mode."""
    state: dict[str, str] = {}
    base = root / folder
    for path in sorted(base.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink():
            state[key] = "link:" + os.readlink(path)
        elif path.is_file():
            state[key] = hashlib.sha256(path.read_bytes()).hexdigest() + f":{path.stat().st_mode:o}"
        else:
            state[key] = "dir"
    return state


def temp_files(root: Path) -> list[str]:
    """The temporary files of write_atomic anywhere under ``root``."""
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if TEMP_NAME_RE.fullmatch(p.name)
    )


def restore(root: Path, pristine: Path, folders: Iterable[str]) -> None:
    """Make ``root``'s folders exactly ``pristine``'s again."""
    for folder in folders:
        shutil.rmtree(root / folder, ignore_errors=True)
        if (pristine / folder).exists():
            shutil.copytree(pristine / folder, root / folder, symlinks=True)


# ---------------------------------------------------------------------------------------
# Translators


def translate_catalogs(
    root: Path,
    translate: Callable[[str | None, str], str | None],
    language: str = "de",
) -> int:
    """Fill every catalog under ``root`` with ``translate(msgctxt, msgid)`` (None: leave the
    entry as it is), fuzzy flags cleared; returns the number of entries filled."""
    filled = 0
    for path in sorted((root / "locale" / language / "LC_MESSAGES").rglob("*.po")):
        catalog = parse_catalog(str(path), path.read_bytes())
        for message in catalog.messages:
            if message.obsolete:
                continue
            text = translate(message.msgctxt, message.msgid)
            if text is None:
                continue
            message.msgstr = text
            message.flags = [f for f in message.flags if f != "fuzzy"]
            message.previous_msgid = message.previous_msgctxt = None
            filled += 1
        path.write_text(format_catalog(catalog), encoding="utf-8")
    return filled


def german(msgctxt: str | None, msgid: str) -> str:
    """A pseudo-translation that keeps markup: the slug stays a slug, text gets a marker."""
    if msgctxt == "slug":
        return "de-" + msgid
    return "DE " + msgid


def read_catalog(path: Path) -> Catalog:
    return parse_catalog(str(path), path.read_bytes())
