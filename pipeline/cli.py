"""The command line: parse options, call the core, print, set the exit code."""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TypeVar

import click

from pipeline import __version__, interrupt
from pipeline.cache import CACHE_DIR
from pipeline.config import Config, load_config
from pipeline.errors import ConfigError, PipelineError
from pipeline.extract import extract
from pipeline.site import find_posts

T = TypeVar("T")
PROGRESS_MIN_POSTS = 20


class SettingsError(click.ClickException):
    """A wrong setting in pyproject.toml (or folders arranged so that a run would write where
    it must not): a usage error, exit 2, on one line (no usage text: the command line is fine)."""

    exit_code = 2


class _Context:
    def __init__(self, directory: Path, wait: bool) -> None:
        self.directory = directory
        self.wait = wait

    def lock(self, config: Config):  # type: ignore[no-untyped-def]
        """The content root's run lock, with the messages a person needs."""
        from pipeline.lock import run_lock

        return run_lock(
            config.root / CACHE_DIR,
            wait=self.wait,
            on_wait=lambda holder: click.echo(
                f"waiting for another pipeline run ({holder}) on {config.root} to finish "
                "(--no-wait to fail instead)",
                err=True,
            ),
            on_stale=lambda holder: click.echo(
                f"note: took over the lock of a run that was killed ({holder})", err=True
            ),
            on_kept=lambda temp, original: click.echo(
                f"warning: {temp}: left by a run killed while it replaced {original.name}, "
                "and may hold a save of it: compare the two, keep what you want, then delete "
                f"{temp.name}",
                err=True,
            ),
        )

    def config(self) -> Config:
        try:
            return load_config(self.directory)
        except ConfigError as exc:
            raise SettingsError(str(exc)) from None


class _Pipeline(click.Group):
    """The group, with Ctrl-C and SIGTERM ending a run on one line (see :mod:`pipeline.interrupt`):
    exit 130 or 143, never Click's "Aborted!" with exit 1, nor a traceback."""

    def main(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        with interrupt.handled():
            try:
                return super().main(*args, **kwargs)
            except interrupt.Interrupted as exc:
                from pipeline.parallel import stop_workers

                stop_workers()  # check takes no lock (the lock stops them for the others)
                click.echo(interrupt.MESSAGE, err=True)
                sys.exit(exc.exit_code)

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        from pipeline.parallel import WorkerLost

        try:
            return super().invoke(ctx)
        except ConfigError as exc:  # the site's Hugo configuration (pipeline.site.Site.load)
            raise SettingsError(str(exc)) from None
        except WorkerLost as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Pipeline, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pipeline")
@click.option(
    "-C",
    "--directory",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Content root: the folder with content/, locale/ and pyproject.toml.",
)
@click.option(
    "--no-wait",
    is_flag=True,
    help="Fail at once if another run holds the content root's lock, instead of waiting.",
)
@click.pass_context
def main(ctx: click.Context, directory: Path, no_wait: bool) -> None:
    """Localise Markdown posts: Dutch posts to gettext catalogs, and back as German posts."""
    ctx.obj = _Context(directory, not no_wait)


def _report_errors(errors: list[PipelineError]) -> None:
    for error in errors:
        click.echo(f"error: {error}", err=True)


@contextmanager
def _locked(obj: _Context, config: Config) -> Iterator[None]:
    from pipeline.lock import LockBusy, LockUnusable

    from pipeline.cache import cache_folder_is_inside

    if not cache_folder_is_inside(config.root):
        raise click.ClickException(
            f"{config.root / CACHE_DIR}: leads outside the content root: refused; "
            "delete the link (the folder only holds a cache and the run lock)"
        )
    with ExitStack() as stack:
        try:
            stack.enter_context(obj.lock(config))
        except LockBusy as exc:
            raise click.ClickException(f"{exc}: try again when it is done") from None
        except LockUnusable as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:  # a full disk, or a file or folder in the lock's place
            where = exc.filename or config.root / CACHE_DIR
            raise click.ClickException(f"{where}: cannot write: {exc.strerror or exc}") from None
        yield


def _note_cache_problem(config: Config, use_cache: bool) -> None:
    """Say why a run goes without the cache, if it must (the cache itself never stops a run)."""
    from pipeline.cache import cache_problem

    problem = cache_problem(config.root) if use_cache else None
    if problem:
        click.echo(f"note: {problem}; this run goes without the cache", err=True)


def _progress(items: Iterable[T], length: int, label: str) -> Iterator[T]:
    """Items as they come, with a progress bar on stderr when it is a terminal and the run is long."""
    if sys.stderr.isatty() and length >= PROGRESS_MIN_POSTS:
        with click.progressbar(items, length=length, label=label, file=sys.stderr) as bar:
            yield from bar
    else:
        yield from items


def _jobs_option(function):  # type: ignore[no-untyped-def]
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(0),
        default=0,
        show_default=True,
        help="Processes to use; 0 means one per core. Output is the same for any value.",
    )(function)


def _no_cache_option(function):  # type: ignore[no-untyped-def]
    return click.option(
        "--no-cache",
        is_flag=True,
        help="Do the full work even for posts the cache in .pipeline-cache/ says are current.",
    )(function)


def _resolve_jobs(jobs: int) -> int:
    from pipeline.parallel import default_jobs

    return jobs or default_jobs()


@main.command("extract")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_jobs_option
@_no_cache_option
@click.pass_obj
def extract_command(obj: _Context, paths: tuple[Path, ...], jobs: int, no_cache: bool) -> None:
    """Write locale/templates/<id>.pot and update locale/<lang>/LC_MESSAGES/<id>.po.

    PATHS are posts or folders under content/nl/ (default: all of them). A catalog that
    cannot be read is reported and left as it is; the other posts go on.
    """
    config = obj.config()
    try:
        posts = find_posts(config, list(paths))
    except PipelineError as exc:
        raise click.BadParameter(str(exc), param_hint="PATHS") from None
    # totals only: a run over thousands of posts holds one post's result at a time
    errors: list[PipelineError] = []
    posts_done = units = new = fuzzy = obsolete = changed = failed = 0
    with _locked(obj, config):
        _note_cache_problem(config, not no_cache)
        stream = extract(config, paths, jobs=_resolve_jobs(jobs), use_cache=not no_cache, posts=posts)
        for result in _progress(stream, len(posts), "extract"):
            posts_done += 1
            units += result.units
            new += result.stats.new
            fuzzy += result.stats.fuzzy
            obsolete += result.stats.obsolete
            changed += len(result.written)
            failed += bool(result.errors)
            errors.extend(result.errors)
            for warning in result.warnings:
                click.echo(f"warning: {warning}", err=True)
            for written in result.written:
                line = f"{written.action} {written.path}"
                if written.stats is not None:
                    s = written.stats
                    line += f" ({s.new} new, {s.fuzzy} fuzzy, {s.obsolete} obsolete)"
                click.echo(line)
    _report_errors(errors)
    summary = (
        f"extract: {_plural(posts_done, 'post')}, {units} units "
        f"({new} new, {fuzzy} fuzzy, {obsolete} obsolete); {_plural(changed, 'file')} written"
    )
    if failed:
        summary += f"; {_plural(len(errors), 'error')} in {_plural(failed, 'post')}"
    click.echo(summary)
    if errors:
        sys.exit(1)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class Percent(click.FloatRange):
    """A percentage, 0 to 100. Not ``nan``: ``FloatRange`` lets it through (every comparison
    with nan is false), and then no post would ever be below it, or every post would."""

    name = "percent"

    def __init__(self) -> None:
        super().__init__(0, 100)

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number from 0 to 100", param, ctx)
        return number + 0.0  # -0 as 0


def _min_translated_option(help_text: str):  # type: ignore[no-untyped-def]
    return click.option(
        "--min-translated",
        type=Percent(),
        default=100.0,
        show_default=True,
        help=help_text,
    )


@main.command("merge")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_min_translated_option("Write a post only when at least this percent of its words is translated.")
@click.option("--force", is_flag=True, help="Overwrite German posts that were changed by hand.")
@_jobs_option
@_no_cache_option
@click.pass_obj
def merge_command(
    obj: _Context, paths: tuple[Path, ...], min_translated: float, force: bool, jobs: int, no_cache: bool
) -> None:
    """Write content/<lang>/<id>.md from each Dutch post and its translated catalog.

    Fuzzy and untranslated units fall back to the Dutch text; posts below --min-translated
    are listed, not written. A German post changed by hand is never overwritten without --force.
    """
    from pipeline.merge import merge

    config = obj.config()
    try:
        posts = find_posts(config, list(paths))
    except PipelineError as exc:
        raise click.BadParameter(str(exc), param_hint="PATHS") from None
    failed = 0
    counts: dict[str, int] = {}
    with _locked(obj, config):
        _note_cache_problem(config, not no_cache)
        results = [
            result
            for language in config.target_languages
            for result in merge(
                config, paths, language, min_translated, force, _resolve_jobs(jobs), not no_cache, posts
            )
        ]
    for result in results:
        counts[result.action] = counts.get(result.action, 0) + 1
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        if result.action == "written":
            click.echo(f"wrote {result.path} ({result.percent:.0f}% translated)")
        elif result.action == "below":
            click.echo(
                f"skipped {result.path}: {result.percent:.1f}% translated, "
                f"below {min_translated:g}%"
            )
        elif result.action == "stale":
            click.echo(
                f"stale {result.path}: catalog is {result.percent:.1f}% translated, "
                f"below {min_translated:g}%; the German post is left as it was"
            )
        elif result.action in ("edited", "error"):
            failed += 1
            for line in result.message.split("\n"):  # one line per problem
                click.echo(f"error: {line}", err=True)
    order = ["written", "unchanged", "below", "stale", "edited", "error"]
    parts = [f"{counts[a]} {a}" for a in order if counts.get(a)]
    click.echo("merge: " + (", ".join(parts) if parts else "no posts"))
    if failed:
        sys.exit(1)


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


@main.command("check")
@click.option("--fix", is_flag=True, help="Rewrite what is safe to fix mechanically (date form, tags string).")
@_min_translated_option(
    "Fail for a catalog translated below this percent (by words; fuzzy counts as not translated)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for GitHub Actions annotations.",
)
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@_jobs_option
@_no_cache_option
@click.pass_obj
def check_command(
    obj: _Context, fix: bool, min_translated: float, output_format: str, strict: bool, jobs: int,
    no_cache: bool,
) -> None:
    """Validate posts, slugs, catalogs and translations; exit 1 if something is wrong.

    Exit status: 0 clean, 1 problems found (errors; with --strict warnings too), 2 usage or
    configuration error. Writes nothing unless --fix is given (but for its cache in
    .pipeline-cache/, which --no-cache skips).
    """
    import json
    import os

    from pipeline.check import check
    from pipeline.checkers import Schema

    config = obj.config()
    schema = Schema.of(config.schema)
    if fix:
        with _locked(obj, config):
            _note_cache_problem(config, True)
            report = check(config, schema, min_translated, fix, config.static_dir, jobs=_resolve_jobs(jobs))
    else:
        _note_cache_problem(config, not no_cache)
        report = check(
            config, schema, min_translated, fix, config.static_dir, not no_cache, _resolve_jobs(jobs)
        )
    errors, warnings = report.count("error"), report.count("warning")
    words = sum(c.words for c in report.completeness)
    words_done = sum(c.words_translated for c in report.completeness)
    units = sum(c.units for c in report.completeness)
    units_done = sum(c.units_translated for c in report.completeness)
    overall = 100.0 if not words else 100.0 * words_done / words
    failed = errors > 0 or (strict and warnings > 0)
    if output_format == "json":
        document = {
            "version": 1,
            "ok": not failed,
            "summary": {
                "errors": errors,
                "warnings": warnings,
                "words": words,
                "words_translated": words_done,
                "units": units,
                "units_translated": units_done,
                "percent_words": round(overall, 2),
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
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    elif output_format == "github":
        for p in report.problems:
            props = f"file={_github_escape(p.file, True)}"
            if p.line:
                props += f",line={p.line}"
            props += f",title={_github_escape(p.code, True)}"
            click.echo(f"::{p.severity} {props}::{_github_escape(p.message)}")
        for line in report.fixed:
            click.echo(f"::notice::fixed {_github_escape(line)}")
        click.echo(f"check: {errors} errors, {warnings} warnings; {overall:.1f}% translated")
    else:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        for line in report.fixed:
            click.echo(f"fixed {line}")
        current = None
        for p in report.problems:
            if p.file != current:
                current = p.file
                click.echo(click.style(p.file, bold=True) if color else p.file)
            tag = p.severity
            if color:
                tag = click.style(tag, fg="red" if p.severity == "error" else "yellow", bold=True)
            where = f"{p.line}" if p.line else "-"
            click.echo(f"  {where}: {tag}: {p.message} [{p.code}]", color=color)
        for c in report.completeness:
            if c.percent_words < 100:
                click.echo(f"{c.language}/{c.post_id}: {c.percent_words:.1f}% of words, "
                           f"{c.units_translated}/{c.units} units translated")
        summary = (
            f"check: {errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}; "
            f"{overall:.1f}% translated ({words_done} of {words} words, {units_done} of {units} units)"
        )
        click.echo(summary)
    if failed:
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
