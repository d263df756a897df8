"""What a check of a large site holds until it reports: its problems with slots, its text
report made a line at a time. Both say exactly what they said before."""

from __future__ import annotations

import dataclasses
import pickle

import click

from pipeline.checkers import Problem
from pipeline.check import CheckReport, Completeness
from pipeline.report import check_report, check_text, check_totals
from pipeline.report import plural


def _text_as_a_list(report: CheckReport, color: bool = False, verbosity: int = 0) -> list[str]:
    """check_text as it was: every line made, then given (the reference it is compared with)."""
    lines = [f"fixed {line}" for line in report.fixed] if verbosity >= 0 else []
    current = None
    for p in report.problems:
        if p.file != current:
            current = p.file
            lines.append(click.style(p.file, bold=True) if color else p.file)
        tag = p.severity
        if color:
            tag = click.style(tag, fg="red" if p.severity == "error" else "yellow", bold=True)
        where = f"{p.line}" if p.line else "-"
        lines.append(f"  {where}: {tag}: {p.message} [{p.code}]")
    if verbosity < 0:
        return lines
    for c in report.completeness:
        if c.percent_words < 100 or verbosity > 0:
            lines.append(f"{c.language}/{c.post_id}: {c.percent_words:.1f}% of words, "
                         f"{c.units_translated}/{c.units} units translated")
    totals = check_totals(report)
    lines.append(
        f"check: {plural(totals.errors, 'error')}, {plural(totals.warnings, 'warning')}; "
        f"{totals.percent_words:.1f}% translated ({totals.words_translated} of {totals.words} words, "
        f"{totals.units_translated} of {totals.units} units)"
    )
    return lines


def _report() -> CheckReport:
    report = CheckReport()
    report.fixed = ["content/nl/a.md: date"]
    report.problems = [
        Problem("content/de/a.md", 3, "error", "link-broken", "link to /x/ leads to no page"),
        Problem("content/de/a.md", None, "warning", "date-zone", "no zone", fixable=True),
        Problem("locale/de/LC_MESSAGES/b.po", 12, "warning", "untranslated", "ö ü"),
    ]
    report.completeness = [
        Completeness("a", "de", 4, 2, 10, 5), Completeness("b", "de", 3, 3, 9, 9),
    ]
    return report


def test_the_text_report_given_a_line_at_a_time_is_the_list_it_was() -> None:
    report = _report()
    for color in (False, True):
        for verbosity in (-1, 0, 1):
            assert list(check_text(report, color, verbosity)) == _text_as_a_list(report, color, verbosity)
    assert list(check_report(report, "text")) == _text_as_a_list(report)
    empty = CheckReport()
    assert list(check_text(empty)) == _text_as_a_list(empty)


def test_a_problem_with_slots_is_what_it_was() -> None:
    problem = Problem("content/de/a.md", 3, "error", "link-broken", "link to /x/", fixable=True)
    assert not hasattr(problem, "__dict__")
    assert problem.as_dict() == dataclasses.asdict(problem) == {
        "file": "content/de/a.md", "line": 3, "severity": "error", "code": "link-broken",
        "message": "link to /x/", "fixable": True}
    assert list(problem.as_dict()) == [field.name for field in dataclasses.fields(Problem)]
    assert Problem(**problem.as_dict()) == problem
    assert pickle.loads(pickle.dumps(problem)) == problem  # a worker's problems come pickled
    assert dataclasses.replace(problem, message="m").message == "m"
    assert str(problem) == "content/de/a.md:3: error: link to /x/ [link-broken]"
