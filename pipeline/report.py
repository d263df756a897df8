"""What the commands tell their users, as text: each a pure function of a result.

The check report in its three formats (text for people, JSON for tools, GitHub Actions
annotations), the lines extract prints for each post and its summary, merge's lines and
summary. :mod:`pipeline.cli` prints them; nothing here prints or looks at the terminal
(``color`` is the caller's decision).
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shlex
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from pipeline.languages import MinTranslated, shown_language

if TYPE_CHECKING:
    from pathlib import Path

    from pipeline.api import ExtractReport, MergeReport, PseudoReport
    from pipeline.check import CheckReport
    from pipeline.checkers import Problem
    from pipeline.extract import PostResult
    from pipeline.merge import MergeResult
    from pipeline.moves import Carried
    from pipeline.xliff import ExportResult, ImportResult
    from pipeline.status import StatusReport
    from pipeline.update import UpdateStats

CHECK_FORMATS = ("text", "json", "github", "junit")


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# extract


def extract_post_lines(result: PostResult) -> list[str]:
    """The lines (stdout) for one post's files written."""
    lines = []
    for written in result.written:
        line = f"{written.action} {written.path}"
        if written.stats is not None:
            s = written.stats
            known = f", {s.known} from other catalogs" if s.known else ""
            line += f" ({s.new} new, {s.fuzzy} fuzzy, {s.obsolete} obsolete{known}{_memory_counts(s)})"
        lines.append(line)
    return lines


def extract_unchanged_lines(result: PostResult) -> list[str]:
    """The line (``--verbose``) for a post whose files were all current: nothing written."""
    return [f"unchanged {result.post_id}"] if result.post_id else []


def _memory_counts(stats: UpdateStats) -> str:
    """What a catalog took from the translation memory besides the site's exact matches."""
    parts = []
    if stats.close:
        parts.append(f", {stats.close} close from other catalogs")
    if stats.known_compendium:
        parts.append(f", {stats.known_compendium} from a compendium")
    if stats.close_compendium:
        parts.append(f", {stats.close_compendium} close from a compendium")
    return "".join(parts)


def extract_json(report: ExtractReport) -> str:
    """Extract's totals as JSON (``pipeline extract --format json``)."""
    data = {
        "posts": report.posts,
        "units": report.units,
        "new": report.new,
        "fuzzy": report.fuzzy,
        "obsolete": report.obsolete,
        "memory": {
            "exact": {"site": report.known, "compendium": report.known_compendium},
            "close": {"site": report.close, "compendium": report.close_compendium},
        },
        "written": [{"path": w.path, "action": w.action} for w in report.written],
        "errors": [str(error) for error in report.errors],
        "warnings": [str(warning) for warning in report.warnings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def moved_lines(carried: Carried) -> list[str]:
    """The lines (stdout) for a post found moved, whose files were carried to its new id."""
    move = carried.move
    if carried.errors:
        return []
    files = ", ".join(f"{old} -> {new}" + (" (its translations joined with those it held)"
                                           if new in carried.joined else "")
                      for old, new in carried.files) or "no files"
    lines = [f"moved {move.old_id} -> {move.new_id} ({move.reason}): {files}"]
    if carried.alias is not None:
        lines.append(
            f"{carried.post}: its {shown_language(carried.language)} URL was {carried.alias}: "
            "keep it reachable by adding to "
            f'its front matter `aliases: ["{carried.alias}"]` (or that URL to its aliases list)'
        )
    return lines


def extract_summary(report: ExtractReport) -> str:
    summary = (
        f"extract: {plural(report.posts, 'post')}, {report.units} units "
        f"({report.new} new, {report.fuzzy} fuzzy, {report.obsolete} obsolete); "
        f"{plural(len(report.written), 'file')} written"
    )
    if report.known:
        summary += f"; {plural(report.known, 'translation')} taken from other catalogs"
    if report.close or report.known_compendium or report.close_compendium:
        summary += (
            f"; translation memory: {report.known + report.known_compendium} exact "
            f"({report.known} from the site, {report.known_compendium} from compendiums), "
            f"{report.close + report.close_compendium} close, fuzzy ({report.close} from the site, "
            f"{report.close_compendium} from compendiums)"
        )
    if report.failed_posts:
        summary += f"; {plural(len(report.errors), 'error')} in {plural(report.failed_posts, 'post')}"
    return summary


# merge


def merge_result_lines(result: MergeResult, min_translated: float, language: str = "de") -> tuple[list[str], list[str]]:
    """One post's lines: (for stdout, for stderr). Its warnings are among the stderr lines,
    first. ``language``: the post's (a stale post is named by it: "the English post")."""
    out: list[str] = []
    err = [f"warning: {warning}" for warning in result.warnings]
    if result.action == "written":
        out.append(f"wrote {result.path} ({result.percent:.0f}% translated)")
        if result.moved is not None:
            old, new, taker = result.moved
            kept = (f"the old URL is now {taker}" if taker is not None
                    else "the old URL is kept in its aliases and redirects there")
            out.append(f"moved {result.path}: its URL {old} is now {new}; {kept}")
    elif result.action == "below" and result.message:  # no catalog: the percent says nothing
        out.append(f"skipped {result.path}: {result.message}")
    elif result.action == "below":
        out.append(
            f"skipped {result.path}: {result.percent:.1f}% translated, below {min_translated:g}%"
        )
    elif result.action == "stale" and result.message:
        out.append(f"stale {result.path}: {result.message}; the {shown_language(language)} post is left as it was")
    elif result.action == "stale":
        out.append(
            f"stale {result.path}: catalog is {result.percent:.1f}% translated, "
            f"below {min_translated:g}%; the {shown_language(language)} post is left as it was"
        )
    elif result.action in ("edited", "error"):
        err.extend(f"error: {line}" for line in result.message.split("\n"))  # one line per problem
    return out, err


def merge_summary(report: MergeReport) -> str:
    parts = [f"{count} {action}" for action, count in report.counts().items() if count]
    return "merge: " + (", ".join(parts) if parts else "no posts")


# check


@dataclass(frozen=True)
class CheckTotals:
    errors: int
    warnings: int
    words: int
    words_translated: int
    units: int
    units_translated: int

    @property
    def percent_words(self) -> float:
        from pipeline.translated import percent_of  # not at import: it costs every command's start

        return percent_of(self.words_translated, self.words)


def check_totals(report: CheckReport) -> CheckTotals:
    return CheckTotals(
        report.count("error"),
        report.count("warning"),
        sum(c.words for c in report.completeness),
        sum(c.words_translated for c in report.completeness),
        sum(c.units for c in report.completeness),
        sum(c.units_translated for c in report.completeness),
    )


def check_failed(report: CheckReport, strict: bool = False) -> bool:
    """Whether the check fails: errors, or with ``strict`` warnings too."""
    return report.count("error") > 0 or (strict and report.count("warning") > 0)


def check_report(report: CheckReport, output_format: str, strict: bool = False, color: bool = False,
                 prefix: str = "", source_date_epoch: str | None = None, verbosity: int = 0) -> Iterable[str]:
    """The report's lines in ``output_format`` (one of :data:`CHECK_FORMATS`), the text's
    made as they are given (:func:`check_text`); ``color``
    (text only) styles them with ANSI codes; ``prefix`` (github and junit): see
    :func:`repository_path`; ``source_date_epoch`` dates junit's suites."""
    if output_format == "json":
        return [check_json(report, strict)]
    if output_format == "github":
        return check_github(report, prefix)
    if output_format == "junit":
        return [check_junit(report, strict, junit_timestamp(source_date_epoch), prefix)]
    return check_text(report, color, verbosity)


def check_json(report: CheckReport, strict: bool = False) -> str:
    totals = check_totals(report)
    document = {
        "version": 1,
        "ok": not check_failed(report, strict),
        "summary": {
            "errors": totals.errors,
            "warnings": totals.warnings,
            "words": totals.words,
            "words_translated": totals.words_translated,
            "units": totals.units,
            "units_translated": totals.units_translated,
            "percent_words": round(totals.percent_words, 2),
        },
        "problems": [
            {"file": p.file, "line": p.line, "severity": p.severity, "code": p.code,
             "message": p.message, "fixable": p.fixable}
            for p in report.problems
        ],
        "completeness": [
            {"post": c.post_id, "language": c.language, "units": c.units,
             "units_translated": c.units_translated, "words": c.words,
             "words_translated": c.words_translated,
             "percent_units": round(c.percent_units, 2), "percent_words": round(c.percent_words, 2)}
            for c in report.completeness
        ],
        "fixed": report.fixed,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def github_escape(text: str, property_value: bool = False) -> str:
    """``text`` as a GitHub Actions workflow command's message (or, with ``property_value``,
    a property's value) may hold it."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


#: How many error annotations, and how many warning annotations, GitHub shows for one step
#: (and 50 in all per job): the limits in actions/toolkit's docs/problem-matchers.md
#: ("10 warning annotations and 10 error annotations per step, 50 annotations per job")
GITHUB_ANNOTATIONS_PER_STEP = 10

#: The ranks of :data:`PROBLEM_RANKS`, most severe first
UNSAFE_PAGE, BROKEN_PAGE, OTHER = 0, 1, 2

#: Every problem code's rank, the one place for it: within a severity, the problems that would
#: publish an unsafe page come first (raw HTML, a ``javascript:`` URL, characters that hide or
#: disguise text), then those that would publish a broken page (or stop Hugo's build), then the
#: rest (stale files, completeness, style). ``*-missing``: a code made of a front matter key
#: and that suffix (``title-missing``, ``date-invalid``). tests/test_github.py checks that every
#: code the package emits is here.
PROBLEM_RANKS: dict[str, int] = {
    # an unsafe page
    "html-added": UNSAFE_PAGE, "html-block": UNSAFE_PAGE, "javascript-url": UNSAFE_PAGE,
    "control-char": UNSAFE_PAGE, "invisible-char": UNSAFE_PAGE, "mixed-script": UNSAFE_PAGE,
    "slug-characters": UNSAFE_PAGE,
    # a broken page, or a build that fails
    "structure-changed": BROKEN_PAGE, "link-broken": BROKEN_PAGE, "url-clash": BROKEN_PAGE,
    "slug-clash": BROKEN_PAGE, "post-clash": BROKEN_PAGE, "post-two-sources": BROKEN_PAGE,
    "post-id-clash": BROKEN_PAGE, "translation-key-clash": BROKEN_PAGE, "link-target": BROKEN_PAGE,
    "link-alias": BROKEN_PAGE, "code-span": BROKEN_PAGE, "shortcode": BROKEN_PAGE,
    "emphasis": BROKEN_PAGE, "footnote": BROKEN_PAGE, "hard-break": BROKEN_PAGE,
    "html-dropped": BROKEN_PAGE, "attributes-added": BROKEN_PAGE, "whitespace": BROKEN_PAGE,
    "slug-path": BROKEN_PAGE, "slug-form": BROKEN_PAGE, "aliases-type": BROKEN_PAGE,
    "lang-mismatch": BROKEN_PAGE, "front-matter-missing": BROKEN_PAGE,
    "front-matter-duplicate": BROKEN_PAGE, "*-missing": BROKEN_PAGE, "*-type": BROKEN_PAGE,
    "*-unreadable": BROKEN_PAGE, "*-invalid": BROKEN_PAGE, "image-missing": BROKEN_PAGE,
    "image-path": BROKEN_PAGE, "post-unreadable": BROKEN_PAGE, "post-edited": BROKEN_PAGE,
    "strings-template": BROKEN_PAGE, "nesting-limit": BROKEN_PAGE,
    # the rest
    "post-stale": OTHER, "post-missing": OTHER, "post-orphan": OTHER, "post-changed": OTHER,
    "catalog-missing": OTHER, "catalog-stale": OTHER, "catalog-orphan": OTHER,
    "catalog-unreadable": OTHER, "catalog-duplicate": OTHER, "catalog-double-encoded": OTHER,
    "catalog": OTHER, "catalog-warning": OTHER, "template-translations": OTHER,
    "generation-record": OTHER, "incomplete": OTHER, "write-failed": OTHER, "fix-refused": OTHER,
    "strings-edited": OTHER, "strings-stale": OTHER, "strings-unreadable": OTHER,
    "glossary": OTHER, "glossary-unreadable": OTHER, "term-inconsistent": OTHER,
    "known-differently": OTHER, "move-ambiguous": OTHER, "link-anchor": OTHER,
    "body-empty": OTHER, "numbers": OTHER, "punctuation": OTHER, "quotes": OTHER,
    "untranslated": OTHER, "key-misspelt": OTHER, "*-zone": OTHER, "*-form": OTHER, "*-string": OTHER,
}


def problem_rank(code: str) -> int:
    """``code``'s rank in :data:`PROBLEM_RANKS` (a key's code by its suffix; one not there last)."""
    rank = PROBLEM_RANKS.get(code)
    if rank is None and "-" in code:
        rank = PROBLEM_RANKS.get("*-" + code.rsplit("-", 1)[1])
    return OTHER if rank is None else rank


def most_severe_first(problems: list[Problem]) -> list[Problem]:
    """``problems``, errors before warnings, each by :func:`problem_rank`; ties as they were
    (the report's order: file, line)."""
    return sorted(problems, key=lambda p: (p.severity != "error", p.severity != "warning", p.severity,
                                           problem_rank(p.code)))


def repository_path(path: str, prefix: str) -> str:
    """A path the report gives from the content root, from the git work tree's top instead
    (``prefix``: the root's place there, ``site/``; empty when the root is the top or not in a
    work tree)."""
    if not prefix or posixpath.isabs(path):
        return path
    return posixpath.normpath(prefix + path)


def check_github(report: CheckReport, prefix: str = "",
                 per_step: int = GITHUB_ANNOTATIONS_PER_STEP) -> list[str]:
    """The annotations, most severe first, their paths from the work tree's top (``prefix``,
    see :func:`repository_path`); of a severity with more problems than GitHub shows for a
    step (``per_step``), the first ``per_step - 1`` and one saying how many more and where to
    see them; those not annotated as plain lines after the annotations; the totals."""
    lines = []
    hidden: list[Problem] = []
    ordered = most_severe_first(report.problems)
    for severity in dict.fromkeys(p.severity for p in ordered):
        of_severity = [p for p in ordered if p.severity == severity]
        shown = of_severity if len(of_severity) <= per_step else of_severity[: per_step - 1]
        for p in shown:
            props = f"file={github_escape(repository_path(p.file, prefix), True)}"
            if p.line:
                props += f",line={p.line}"
            props += f",title={github_escape(p.code, True)}"
            lines.append(f"::{severity} {props}::{github_escape(p.message)}")
        more = of_severity[len(shown):]
        if more:
            count = plural(len(more), f"more {severity}")
            lines.append(
                f"::{severity} title={github_escape(count, True)}::{github_escape(count)} not shown as "
                f"annotations (GitHub shows {per_step} per step): see the job summary (Problems by "
                "kind) and this step's log, which lists them after the annotations"
            )
            hidden += more
    for line in report.fixed:
        lines.append(f"::notice::fixed {github_escape(line)}")
    if hidden:
        lines.append(f"not shown as annotations ({plural(len(hidden), 'problem')}):")
        for p in hidden:
            where = repository_path(p.file, prefix) + (f":{p.line}" if p.line else "")
            # "- " first: a path (a site folder named "::error::x") never starts a workflow command
            lines.append(_one_line(f"- {where}: {p.severity}: {p.message} [{p.code}]"))
    totals = check_totals(report)
    lines.append(
        f"check: {plural(totals.errors, 'error')}, {plural(totals.warnings, 'warning')}; "
        f"{totals.percent_words:.1f}% translated"
    )
    return lines


def github_error(path: str, line: int | None, message: str, prefix: str = "") -> str:
    """The annotation of an error that stopped check (exit 2: a wrong setting, a path that is
    not there), at ``path:line`` from the work tree's top (``prefix``), so that a failed step
    says why where GitHub lists its annotations, not only in its log."""
    props = f"file={github_escape(repository_path(path, prefix), True)}" if path else ""
    if path and line:
        props += f",line={line}"
    props += ("," if props else "") + "title=pipeline check"
    return f"::error {props}::{github_escape(message)}"


def _one_line(text: str) -> str:
    """``text`` on one line of a log (a line that starts with ``::`` is a workflow command)."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def check_text(report: CheckReport, color: bool = False, verbosity: int = 0) -> Iterator[str]:
    """The report for people, a line at a time (a check of 10,000 posts may say tens of
    thousands of problems: their lines are never held all at once); ``verbosity`` -1
    (``--quiet``): the problems only; 1 (``--verbose``): the completeness of every post, at
    100 % too."""
    if verbosity >= 0:
        yield from (f"fixed {line}" for line in report.fixed)
    current = None
    for p in report.problems:
        if p.file != current:
            current = p.file
            yield click.style(p.file, bold=True) if color else p.file
        tag = p.severity
        if color:
            tag = click.style(tag, fg="red" if p.severity == "error" else "yellow", bold=True)
        where = f"{p.line}" if p.line else "-"
        yield f"  {where}: {tag}: {p.message} [{p.code}]"
    if verbosity < 0:
        return
    for c in report.completeness:
        if c.percent_words < 100 or verbosity > 0:
            yield (f"{c.language}/{c.post_id}: {c.percent_words:.1f}% of words, "
                   f"{c.units_translated}/{c.units} units translated")
    totals = check_totals(report)
    yield (
        f"check: {plural(totals.errors, 'error')}, {plural(totals.warnings, 'warning')}; "
        f"{totals.percent_words:.1f}% translated ({totals.words_translated} of {totals.words} words, "
        f"{totals.units_translated} of {totals.units} units)"
    )


# junit

#: Characters XML 1.0 cannot hold (most C0 controls, U+FFFE, U+FFFF, lone surrogates): shown
#: as ``\x07``, ``\ufffe`` in the report, so the document stays well-formed and the character visible
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Jenkins and Azure show a timestamp: the run's is no part of what was checked (the report is
#: deterministic), so it is SOURCE_DATE_EPOCH's when set, else the epoch
_JUNIT_EPOCH = "1970-01-01T00:00:00"


def _xml_text(text: str) -> str:
    text = _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_attr(text: str) -> str:
    return '"' + _xml_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace(
        "\r", "&#13;").replace("\t", "&#9;") + '"'


def junit_timestamp(source_date_epoch: str | None) -> str:
    """The suites' timestamp: ``SOURCE_DATE_EPOCH`` (seconds, UTC) when it is a number, else
    the epoch (Jenkins and Azure show one; a run's own time would make every report differ)."""
    import datetime as dt

    try:
        moment = dt.datetime.fromtimestamp(int(source_date_epoch or ""), dt.UTC)
    except (ValueError, OverflowError, OSError):
        return _JUNIT_EPOCH
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def check_junit(report: CheckReport, strict: bool = False, timestamp: str = _JUNIT_EPOCH,
                prefix: str = "") -> str:
    """The report as JUnit XML (as GitLab documents it; Jenkins and Azure read it too): a suite
    ``posts``, a case per post (classname its Dutch file) and problem code, failing with every
    problem of that code in the post's files (the post, its German posts and catalogs) as
    ``file:line: message``; a post without a failing case has one passing case ``all checks``.
    A suite ``site-wide`` for the problems at no post's file (the string tables, terms,
    glossary, catalogs without a post; with no case, one passing ``all checks``, or no suite
    where ``check PATH...`` named no site-wide catalog). Warnings fail only with ``strict``; else their case
    passes with them in its ``system-out`` (where GitLab reads a case's output). Every path
    (a case's classname and ``file``, which GitLab links from the repository's top, and each
    problem's) from the git work tree's top (``prefix``, see :func:`repository_path`)."""
    from collections import defaultdict

    posts: dict[str, dict[str, list]] = {shown: {} for shown in sorted(set(report.posts.values()))}
    site: dict[str, dict[str, list]] = defaultdict(dict)
    for p in report.problems:
        owner = report.posts.get(p.file)
        group = posts.setdefault(owner, {}) if owner is not None else site[p.file]
        group.setdefault(p.code, []).append(p)
    suites = [("posts", posts, "all checks"), ("site-wide", dict(sorted(site.items())), None)]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites>"]
    for index, (name, groups, passed) in enumerate(suites):
        cases: list[str] = []
        failures = 0
        for owner, codes in sorted(groups.items()):
            classname = repository_path(owner, prefix)
            named = f"classname={_xml_attr(classname)} file={_xml_attr(classname)}"
            failing = False
            for code, problems in sorted(codes.items()):
                where = [repository_path(p.file, prefix) + (f":{p.line}" if p.line else "") for p in problems]
                said = [f"{w}: {p.severity}: {p.message}" for w, p in zip(where, problems)]
                fails = any(p.severity == "error" for p in problems) or strict
                case = f"    <testcase {named} name={_xml_attr(code)} time=\"0\""
                if fails:
                    failing = True
                    failures += 1
                    message = f"{plural(len(problems), 'problem')} [{code}]: {said[0]}"
                    cases.append(f"{case}>\n      <failure message={_xml_attr(message)} type={_xml_attr(code)}>"
                                 + _xml_text("\n".join(said)) + "</failure>\n    </testcase>")
                else:
                    cases.append(f"{case}>\n      <system-out>" + _xml_text("\n".join(said))
                                 + "</system-out>\n    </testcase>")
            if passed is not None and not failing:
                cases.append(f"    <testcase {named} name={_xml_attr(passed)} time=\"0\"/>")
        if not cases and not report.site_wide_named:
            continue  # check PATH... named no site-wide catalog: no site-wide suite
        if not cases:  # a suite with no case: the site-wide checks passed
            cases.append('    <testcase classname="site-wide" name="all checks" time="0"/>')
        lines.append(
            f'  <testsuite package="pipeline check" id="{index}" name="{name}" timestamp="{timestamp}" '
            f'hostname="localhost" tests="{len(cases)}" failures="{failures}" errors="0" skipped="0" time="0">'
        )
        lines.append(f'    <properties>\n      <property name="strict" value="{str(strict).lower()}"/>\n    </properties>')
        lines += cases
        lines.append("  </testsuite>")
    lines.append("</testsuites>")
    return "\n".join(lines)


# pseudo


def pseudo_lines(report: PseudoReport) -> tuple[list[str], list[str]]:
    """`pipeline pseudo`'s lines: (for stdout, for stderr)."""
    out: list[str] = []
    err: list[str] = []
    if report.catalogs is None:  # --clean
        out += [f"removed {path}" for path in report.removed]
        out.append(f"pseudo: {report.language} removed" if report.removed
                   else f"pseudo: no {report.language} files to remove")
        return out, err
    catalogs = report.catalogs
    if catalogs.hugo_file_written:
        out.append(f"wrote {catalogs.hugo_file}")
    out += [f"removed {path} (its post is gone)" for path in catalogs.removed]
    out += [f"wrote {path}" for path in catalogs.written]
    err += [f"error: {error}" for error in catalogs.errors]
    if catalogs.not_pseudo:
        err.append(f"note: {', '.join(catalogs.not_pseudo)}: not pseudo-translated (the pseudo pages show "
                   "Hugo's fallback for them, the default language's strings): check them in a translated build")
    if report.merged is not None:
        for merged in report.merged.results:
            lines, problems = merge_result_lines(merged, report.merged.min_translated)
            out += lines
            err += problems
        out.append(f"pseudo: {plural(len(catalogs.written), 'catalog')} written, "
                   f"{catalogs.unchanged} unchanged; " + merge_summary(report.merged)
                   + "; build it with `hugo --environment pseudo`")
    return out, err


def xliff_export_lines(result: ExportResult) -> list[str]:
    """``pipeline export --xliff``'s lines: each file written, the entries skipped, the sum."""
    lines = [f"wrote {f.path} ({plural(f.units, 'unit')})" for f in result.files if f.written]
    lines += [f"skipped {line}" for line in result.skipped]
    units = sum(f.units for f in result.files)
    unchanged = sum(1 for f in result.files if not f.written)
    lines.append(f"export: {plural(len(result.files), 'file')} ({unchanged} unchanged), "
                 f"{plural(units, 'unit')}, {len(result.skipped)} skipped")
    return lines


def xliff_import_lines(result: ImportResult) -> list[str]:
    """``pipeline import``'s lines: conflicts and units not found, the catalogs written, the
    counts."""
    lines = [f"conflict: {line}" for line in result.conflicts]
    lines += [f"not found: {line}" for line in result.not_found]
    lines += [f"fuzzy: {line}" for line in result.changed_source]
    lines += [f"moved: {line}" for line in result.moved]
    lines += [f"refused by merge: {line}" for line in result.refused]
    lines += [f"wrote {path}" for path in result.written]
    lines.append(
        f"import: {result.imported} imported, {result.unchanged} unchanged, "
        f"{len(result.conflicts)} conflicts, {len(result.not_found)} not found, "
        f"{result.left} left untranslated{f', {len(result.refused)} refused by merge' if result.refused else ''}; "
        f"{plural(len(result.written), 'catalog')} written"
    )
    return lines


# status

STATUS_FORMATS = ("text", "json")


def status_report(report: StatusReport, output_format: str) -> list[str]:
    """``pipeline status``'s lines in ``output_format`` (one of :data:`STATUS_FORMATS`)."""
    return [status_json(report)] if output_format == "json" else status_text(report)


def status_json(report: StatusReport) -> str:
    """The status as JSON (schema: README, `pipeline status`): ``version``; ``rows``, most
    words left first, each with ``post``, ``language``, ``catalog`` (its path from the content
    root), ``state`` (``ok``, ``stale``, ``not extracted``, ``post gone``, ``site-wide``),
    ``percent_words`` (null where there is nothing to count), ``error`` (null, or why the
    catalog cannot be read), ``units`` and ``words`` (each ``translated``, ``fuzzy``,
    ``untranslated``) and ``words_left``; ``totals``: per language the same counts, with
    ``catalogs``, ``not_extracted`` and ``stale``."""
    def counts(item: object, kind: str) -> dict[str, int]:
        return {state: getattr(item, f"{kind}_{state}") for state in ("translated", "fuzzy", "untranslated")}

    document = {
        "version": 1,
        "rows": [
            {"post": r.post_id, "language": r.language, "catalog": r.catalog, "state": r.state,
             "percent_words": None if r.percent is None else round(r.percent, 2), "error": r.error,
             "units": counts(r, "units"), "words": counts(r, "words"), "words_left": r.words_left}
            for r in report.rows
        ],
        "totals": [
            {"language": t.language, "catalogs": t.catalogs, "not_extracted": t.not_extracted,
             "stale": t.stale, "percent_words": round(t.percent, 2), "units": counts(t, "units"),
             "words": counts(t, "words"), "words_left": t.words_left}
            for t in report.totals
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def status_text(report: StatusReport) -> list[str]:
    """A line per post and language, most words left first: words left, percent translated,
    units and words translated/fuzzy/untranslated, what to do; the totals per language last."""
    from pipeline.status import ADVICE

    lines = [f"{'left':>7} {'done':>6}  {'units t/f/u':<15} {'words t/f/u':<20} lang post"]
    for r in report.rows:
        where = f"{r.language:<4} {r.post_id}"
        if r.percent is None:
            why = r.error or f"{r.state}: {ADVICE.get(r.state, '')}"
            lines.append(f"{'-':>7} {'-':>6}  {'':<15} {'':<20} {where}  ({why})")
            continue
        note = f"  ({r.state}: {ADVICE[r.state]})" if r.state in ADVICE else (
            "  (site-wide)" if r.state == "site-wide" else "")
        units = f"{r.units_translated}/{r.units_fuzzy}/{r.units_untranslated}"
        words = f"{r.words_translated}/{r.words_fuzzy}/{r.words_untranslated}"
        lines.append(f"{r.words_left:>7} {r.percent:>5.1f}%  {units:<15} {words:<20} {where}{note}")
    for t in report.totals:
        extra = "".join(
            f", {plural(n, 'post')} {what} (run `pipeline extract`)"
            for n, what in ((t.not_extracted, "not extracted"), (t.stale, "stale")) if n
        )
        lines.append(
            f"status {t.language}: {t.percent:.1f}% translated, {t.words_left} words left "
            f"({t.words_fuzzy} fuzzy, {t.words_untranslated} untranslated) in "
            f"{plural(t.catalogs, 'catalog')}{extra}"
        )
    return lines


# advice


#: A command a message advises: in backticks (the one form the messages give it in), so that
#: the words in a post's name, a slug or a quoted sentence are never taken for one
_ADVISED = re.compile(r"`pipeline (?=(?:extract|merge|check|mv|status|pseudo|export|import|new)\b)[^`]*`")
_ADVISED_MERGE = re.compile(r"^`pipeline merge\b(?! --min-translated)")


def runnable_advice(text: str, directory: Path | str = ".", min_translated: float | MinTranslated | None = None) -> str:
    """``text`` with every ``pipeline COMMAND`` it advises (in backticks) as it works when typed
    where the user ran the command that said it: with ``-C DIRECTORY`` (as the user gave it) unless that is the
    current folder (then a command that names files names them as the user sees them), and a ``pipeline merge`` with ``--min-translated`` when the command ran
    below 100 % (a plain merge would skip the posts below 100 % again). The one place for
    that: the core's messages name the commands plainly (``run `pipeline merge```); what is not
    in backticks (a file name, a slug, a quote) is left as it is."""
    if "`pipeline " not in text:  # most lines advise nothing: no look at the folders
        return text
    here = _is_current_folder(directory)

    def runnable(advised: re.Match[str]) -> str:
        command = advised.group()
        if isinstance(min_translated, MinTranslated):  # the same thresholds, per language (issue 16)
            if min_translated.lowered:
                command = _ADVISED_MERGE.sub(lambda _: "`pipeline merge " + " ".join(min_translated.options()), command)
        elif min_translated is not None and min_translated < 100:
            command = _ADVISED_MERGE.sub(f"`pipeline merge --min-translated {min_translated:g}", command)
        if not here:
            command = f"`pipeline -C {shlex.quote(str(directory))} " + command[len("`pipeline "):]
        return command

    return _ADVISED.sub(runnable, text)


def _is_current_folder(directory: Path | str) -> bool:
    """Whether ``directory`` is the current folder (``-C .``, or its own path given)."""
    if str(directory) == ".":
        return True
    try:
        return os.path.samefile(directory, os.getcwd())
    except OSError:
        return False
