"""GitHub Actions around check's report: where the content root is in the repository (so that
annotations name files from the git work tree's top, whatever ``-C`` says), and the job
summary, a Markdown report appended to the file ``GITHUB_STEP_SUMMARY`` names.
:mod:`pipeline.cli` calls these; the annotations themselves are :func:`pipeline.report.check_github`.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.languages import MinTranslated, min_translated_of
from pipeline.report import check_totals, most_severe_first, plural, repository_path

if TYPE_CHECKING:
    from pipeline.check import CheckReport

#: Rows of the summary's table of posts below the threshold (the rest: "and N more")
SUMMARY_POSTS = 20


def work_tree_prefix(root: Path) -> str:
    """The content root's place in its git work tree, as a prefix (``site/``; ``""`` at the
    top): from ``git rev-parse --show-toplevel`` run in the root, and in a submodule from its
    superproject's top (``--show-superproject-working-tree``, up to the outermost: the
    repository a workflow runs for); ``""`` too when the root is in no work tree or git cannot
    be run (the paths stay the root's)."""
    top = _git_path(root, "--show-toplevel")
    if not top:
        return ""
    for _ in range(16):  # nested submodules
        outer = _git_path(Path(top), "--show-superproject-working-tree")
        if not outer:
            break
        top = outer
    try:
        place = Path(root).resolve().relative_to(Path(top).resolve())
    except (OSError, ValueError):
        return ""
    return "" if place == Path(".") else place.as_posix() + "/"


def _git_path(folder: Path, option: str) -> str:
    """What ``git rev-parse OPTION`` run in ``folder`` says, a path (blanks at its ends kept);
    ``""`` when it says nothing or fails."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", option], cwd=folder, capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.removesuffix("\n") if done.returncode == 0 else ""


def _cell(text: object) -> str:
    """``text`` as a GitHub-flavoured Markdown table cell shows it as is: Markdown's
    punctuation backslash-escaped (``|`` would end the cell, ``<`` start HTML), on one line."""
    out = []
    for ch in str(text):
        if ch in "\\`*_[]<>|&~!#":
            out.append("\\" + ch)
        elif ch in "\r\n":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _row(*cells: object) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def job_summary(report: CheckReport, min_translated: float | MinTranslated, prefix: str = "",
                posts: int = SUMMARY_POSTS) -> str:
    """The job summary: the totals; completeness per language (units, words, percent); the
    posts below ``min_translated``, most words left first (``posts`` of them, then "and N
    more"); the problems by kind (code, severity, count, the first's ``file:line``), most
    severe first. Paths from the work tree's top (``prefix``)."""
    totals = check_totals(report)
    lines = [
        (f"## pipeline check: {plural(totals.errors, 'error')}, {plural(totals.warnings, 'warning')}; "
         f"{totals.percent_words:.1f}% translated"),
        "",
        (f"{totals.words_translated} of {totals.words} words and {totals.units_translated} of "
         f"{totals.units} units translated; every problem is in this step's log."),
        "",
    ]
    languages: dict[str, list[int]] = {}
    for c in report.completeness:
        counts = languages.setdefault(c.language, [0, 0, 0, 0, 0])
        for i, n in enumerate((1, c.units_translated, c.units, c.words_translated, c.words)):
            counts[i] += n
    if languages:
        from pipeline.translated import percent_of

        lines += ["### Completeness", "",
                  "| language | catalogs | units translated | words translated | translated (words) |",
                  "|---|---:|---:|---:|---:|"]
        for language, (catalogs, units_done, units, words_done, words) in sorted(languages.items()):
            lines.append(_row(language, catalogs, f"{units_done} of {units}", f"{words_done} of {words}",
                              f"{percent_of(words_done, words):.1f}%"))
        lines.append("")
    below = sorted((c for c in report.completeness if c.percent_words < min_translated_of(min_translated, c.language)),
                   key=lambda c: (-(c.words - c.words_translated), c.language, c.post_id))
    if below:
        threshold = (f"their language's threshold ({min_translated})" if isinstance(min_translated, MinTranslated)
                     else f"{min_translated:g}%")
        lines += [f"### Below {threshold} translated ({plural(len(below), 'post')})", "",
                  "| post | language | words left | translated (words) | units translated |",
                  "|---|---|---:|---:|---:|"]
        for c in below[:posts]:
            lines.append(_row(c.post_id, c.language, c.words - c.words_translated,
                              f"{c.percent_words:.1f}%", f"{c.units_translated} of {c.units}"))
        if len(below) > posts:
            lines += ["", f"and {len(below) - posts} more"]
        lines.append("")
    kinds: dict[tuple[str, str], list] = {}
    for p in most_severe_first(report.problems):
        kinds.setdefault((p.code, p.severity), []).append(p)
    if kinds:
        lines += ["### Problems by kind", "",
                  "| code | severity | count | first |", "|---|---|---:|---|"]
        for (code, severity), problems in kinds.items():
            first = problems[0]
            where = repository_path(first.file, prefix) + (f":{first.line}" if first.line else "")
            lines.append(_row(code, severity, len(problems), where))
        lines.append("")
    return "\n".join(lines)


def append_summary(path: str, text: str) -> str | None:
    """Append ``text`` to the job summary file ``path`` (never truncating it: the steps before
    wrote theirs there); why not, on one line, when it cannot be written."""
    try:
        # O_NONBLOCK: a FIFO nobody reads is refused at once, never waited on; a name that is
        # not UTF-8 (a site folder's) is written with its undecodable bytes shown as escapes
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK, 0o666)
        with open(fd, "a", encoding="utf-8", errors="backslashreplace", newline="\n") as file:
            file.write("\n" + text + ("" if text.endswith("\n") else "\n"))
    except OSError as exc:
        return f"cannot write the job summary to {path} ({exc.strerror or exc}): GITHUB_STEP_SUMMARY " \
               "should name a writable file"
    return None


def summary_file() -> str | None:
    """The file ``GITHUB_STEP_SUMMARY`` names, if it is set and not empty."""
    return os.environ.get("GITHUB_STEP_SUMMARY") or None
