"""The command line: parse options, call :mod:`pipeline.api`, print what
:mod:`pipeline.report` formats, and pick the exit code. No pipeline logic lives here."""

from __future__ import annotations

import math
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline import __version__, api, github, interrupt, report
from pipeline.languages import MinTranslated, min_translated_of
from pipeline.errors import CompendiumError, ConfigError, NotAContentRoot, PipelineError, UnknownPaths

if TYPE_CHECKING:
    from pipeline.extract import PostResult
    from pipeline.moves import Carried

PROGRESS_MIN_POSTS = 20


class SettingsError(click.ClickException):
    """A wrong setting in pyproject.toml (or folders arranged so that a run would write where
    it must not), or a folder that is not a content root: a usage error, exit 2, on one line
    (no usage text: the command line is fine)."""

    exit_code = 2


class _Context:
    """The options that may be given before or after the command's name (the last wins)."""

    def __init__(self, directory: Path, wait: bool, verbosity: int = 0) -> None:
        self.directory = directory
        self.wait = wait
        self.verbosity = verbosity
        """-1 with --quiet (problems only), 1 with --verbose (what was skipped too), else 0."""
        self.min_translated: float | MinTranslated | None = None
        """The command's --min-translated, which the merge it advises must be given too."""

    def advise(self, text: str) -> str:
        """``text`` with each command it advises as it works when typed where this one was."""
        return report.runnable_advice(text, self.directory, self.min_translated)


@contextmanager
def _api_errors() -> Iterator[None]:
    """The API's exceptions as Click's: one line, the exit code the README gives."""
    try:
        yield
    except (ConfigError, NotAContentRoot) as exc:
        raise SettingsError(str(exc)) from None
    except UnknownPaths as exc:
        raise click.BadParameter(str(exc), param_hint="PATHS") from None
    except api.UnknownThresholdLanguage as exc:
        raise click.BadParameter(str(exc), param_hint="'--min-translated'") from None
    except CompendiumError as exc:  # a usage error, on one line: the file given is named
        raise SettingsError(str(exc)) from None
    except PipelineError as exc:  # the run lock or the cache folder refused the run
        raise click.ClickException(str(exc)) from None


def _note(line: str) -> None:
    _say(line, err=True)


def _say(line: str, err: bool = False, color: bool | None = None) -> None:
    """A line on stdout (or stderr), after the progress bar's line is cleared if one is shown;
    a command it advises made one that works from where the user ran this one
    (:func:`pipeline.report.runnable_advice`)."""
    if _Bar.shown is not None:
        _Bar.shown.clear()
    obj = click.get_current_context(silent=True)
    found = obj.find_object(_Context) if obj is not None else None
    click.echo(found.advise(line) if found is not None else line, err=err, color=color)


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
        except WorkerLost as exc:
            raise click.ClickException(str(exc)) from None


_DIRECTORY_HELP = (
    "Content root: the folder with content/, locale/ and pyproject.toml "
    "(before or after the command's name; the last one given wins)."
)
_NO_WAIT_HELP = "Fail at once if another run holds the content root's lock, instead of waiting."
_QUIET_HELP = ("Print only problems (warnings, errors): no progress, no lines for what was done, "
               "no summary (before or after the command's name).")
_VERBOSE_HELP = ("Also print what was left alone and why, per post: unchanged, below "
                 "--min-translated (before or after the command's name).")


@click.group(cls=_Pipeline, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pipeline")
@click.option(
    "-C",
    "--directory",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help=_DIRECTORY_HELP,
)
@click.option("--no-wait", is_flag=True, help=_NO_WAIT_HELP)
@click.option("-q", "--quiet", "verbosity", flag_value=-1, help=_QUIET_HELP)
@click.option("-v", "--verbose", "verbosity", flag_value=1, help=_VERBOSE_HELP)
@click.pass_context
def main(ctx: click.Context, directory: Path, no_wait: bool, verbosity: int | None) -> None:
    """Localise Markdown posts: Dutch posts to gettext catalogs, and back as German posts."""
    ctx.obj = _Context(directory, not no_wait, verbosity or 0)


def _take_directory(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    if value is not None:  # after the command's name: given later than one before it
        ctx.ensure_object(_Context).directory = value


def _take_no_wait(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(_Context).wait = False


def _root_options(function):  # type: ignore[no-untyped-def]
    """-C and --no-wait after the command's name too (README: ``pipeline extract -C site``)."""
    function = click.option(
        "-C",
        "--directory",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        expose_value=False,
        callback=_take_directory,
        help=_DIRECTORY_HELP + "  [default: .]",
    )(function)
    return click.option(
        "--no-wait", is_flag=True, expose_value=False, callback=_take_no_wait, help=_NO_WAIT_HELP
    )(function)


def _take_verbosity(ctx: click.Context, param: click.Parameter, value: int | None) -> None:
    if value is not None:  # after the command's name: given later than one before it
        ctx.ensure_object(_Context).verbosity = value


def _verbosity_options(function):  # type: ignore[no-untyped-def]
    """-q/--quiet and -v/--verbose after the command's name too (``pipeline merge -q``)."""
    function = click.option(
        "-v", "--verbose", flag_value=1, default=None, expose_value=False, callback=_take_verbosity,
        help=_VERBOSE_HELP,
    )(function)
    return click.option(
        "-q", "--quiet", flag_value=-1, default=None, expose_value=False, callback=_take_verbosity,
        help=_QUIET_HELP,
    )(function)


class _Bar:
    """A progress bar on one line of stderr (a terminal), cleared when its pass ends."""

    shown: _Bar | None = None
    """The bar on the screen now: a line printed clears it first (:func:`_say`)."""

    def __init__(self, label: str, total: int) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.drawn = 0.0
        self.active = total >= PROGRESS_MIN_POSTS

    def __enter__(self) -> _Bar:
        if self.active:
            _Bar.shown = self
            self.draw()
        return self

    def update(self, count: int) -> None:
        self.done += count
        if self.active and (time.monotonic() - self.drawn >= 0.1 or self.done == self.total):
            self.draw()

    def draw(self) -> None:
        columns = shutil.get_terminal_size().columns
        count = f"{self.done}/{self.total}"
        # shorter than the terminal: a line that wraps is left behind at each redraw
        width = min(40, columns - 1 - len(self.label) - 2 * len(str(self.total)) - 5)
        if width >= 5:
            filled = width * self.done // self.total
            line = f"{self.label} [{'#' * filled}{'-' * (width - filled)}] {count}"
        else:
            line = f"{self.label} {count}" if len(self.label) + len(count) < columns - 1 else count[: columns - 1]
        sys.stderr.write(f"\r{line}")
        sys.stderr.flush()
        self.drawn = time.monotonic()

    def clear(self) -> None:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()
        self.drawn = 0.0  # drawn again at the next result

    def __exit__(self, *exc: object) -> None:
        if self.active:
            self.clear()
            _Bar.shown = None


@contextmanager
def _progress(obj: _Context, label: str) -> Iterator[None]:
    """The progress bar of a command that walks every post: each of its passes over the posts
    (the ``watcher`` of :func:`pipeline.parallel.ordered_map`) of at least PROGRESS_MIN_POSTS shows one on stderr,
    when stderr is a terminal and not --quiet. Nothing else (no bytes) otherwise."""
    if obj.verbosity < 0 or not sys.stderr.isatty():
        yield
        return
    from pipeline import parallel

    parallel.watcher = lambda total: _Bar(label, total)
    try:
        yield
    finally:
        parallel.watcher = None


@contextmanager
def _annotated(annotate: bool, obj: _Context) -> Iterator[None]:
    """With ``annotate`` (``--format github``), an error that stops the command is also an annotation on stdout
    (:func:`pipeline.report.github_error`), at its file and line where that is the content
    root's (a setting's); a path the user gave that is not there, in the message. The one line
    on stderr is as before."""
    try:
        yield
    except PipelineError as exc:
        if annotate:
            at_root = not isinstance(exc, UnknownPaths)  # (a path as given: maybe from elsewhere)
            prefix = github.work_tree_prefix(obj.directory) if at_root else ""
            message = obj.advise(exc.message if at_root else str(exc))
            click.echo(report.github_error(exc.path if at_root else "", exc.line, message, prefix))
        raise


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


@main.command("extract")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_jobs_option
@_no_cache_option
@click.option(
    "--compendium", "compendium", multiple=True, type=click.Path(path_type=Path),
    help="A PO file (e.g. made by msgcat) whose translations fill new units too, as msgmerge "
    "-C: exact ones translated, close ones fuzzy. Repeatable.",
)
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="json: the totals as one JSON object on stdout, no lines per file.",
)
@_root_options
@_verbosity_options
@click.pass_obj
def extract_command(
    obj: _Context, paths: tuple[Path, ...], jobs: int, no_cache: bool,
    compendium: tuple[Path, ...], output_format: str,
) -> None:
    """Write locale/templates/<id>.pot and update locale/<lang>/LC_MESSAGES/<id>.po.

    PATHS are posts or folders under content/nl/, or posts written in a target language
    (default: all of them). A catalog that cannot be read is reported and left as it is; the
    other posts go on.
    """
    quiet, verbose = obj.verbosity < 0, obj.verbosity > 0

    def on_post(result: PostResult, posts: int) -> None:
        for warning in result.warnings:
            _say(f"warning: {warning}", err=True)
        if output_format == "text" and not quiet:
            lines = report.extract_post_lines(result)
            for line in lines or (report.extract_unchanged_lines(result) if verbose else []):
                _say(line)

    def on_moved(carried: Carried) -> None:
        for line in report.moved_lines(carried):
            _say(line, err=output_format != "text")

    with _api_errors(), _progress(obj, "extract"):
        result = api.extract(
            obj.directory, paths, jobs=jobs, use_cache=not no_cache, wait=obj.wait,
            on_note=_note, on_post=on_post, on_moved=on_moved, compendium=compendium,
        )
    for error in result.errors:
        _say(f"error: {error}", err=True)
    if output_format == "json":
        click.echo(report.extract_json(result))
    elif not quiet:
        _say(report.extract_summary(result))
    if not result.ok:
        click.get_current_context().exit(1)


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


class LanguagePercent(Percent):
    """A percentage for every language (``80``) or for one (``en=80``): (the language or
    None, the percent)."""

    name = "[LANG=]percent"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, tuple):
            return value
        if str(value).count("=") > 1 or "," in str(value) and "=" in str(value):
            self.fail(f"{value!r}: give one LANG=percent per option (--min-translated de=80 "
                      "--min-translated en=70)", param, ctx)
        language, equals, number = str(value).rpartition("=")
        if equals and not re.fullmatch(r"[A-Za-z][A-Za-z_]*", language.strip()):
            self.fail(f"{value!r}: name a target language before '=' (such as 'en=80')", param, ctx)
        try:
            float(number)
        except ValueError:
            self.fail(f"{value!r} is not a percent from 0 to 100, nor LANG=percent (such as 'en=80')", param, ctx)
        try:
            percent = super().convert(number.strip(), param, ctx)
        except click.BadParameter:
            if not equals:
                raise
            self.fail(f"{value!r}: the percent for {language.strip()} is not a number from 0 to 100", param, ctx)
        return (language.strip() or None) if equals else None, percent


def _thresholds(
    ctx: click.Context, param: click.Parameter, values: tuple[tuple[str | None, float], ...]
) -> float | MinTranslated:
    """The ``--min-translated`` options given, as one threshold: a plain number where no
    language is named (the last bare number is every language's), else a
    :class:`~pipeline.languages.MinTranslated`. A language named twice is a usage error."""
    default, languages = 100.0, {}
    for language, percent in values:
        if language is None:
            default = percent
        elif language in languages:
            raise click.BadParameter(f"names {language!r} twice: give each language one percent", ctx, param)
        else:
            languages[language] = percent
    return MinTranslated(default, tuple(languages.items())) if languages else default


def _min_translated_option(help_text: str):  # type: ignore[no-untyped-def]
    return click.option(
        "--min-translated",
        type=LanguagePercent(),
        multiple=True,
        callback=_thresholds,
        help=help_text + " A bare percent is every language's; LANG=percent (repeatable) one "
        "language's (--min-translated de=100 --min-translated en=80).  [default: 100]",
    )


@main.command("merge")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_min_translated_option("Write a post only when at least this percent of its words is translated.")
@click.option("--force", is_flag=True, help="Overwrite translated posts that were changed by hand.")
@_jobs_option
@_no_cache_option
@_root_options
@_verbosity_options
@click.pass_obj
def merge_command(
    obj: _Context, paths: tuple[Path, ...], min_translated: float | MinTranslated, force: bool, jobs: int,
    no_cache: bool
) -> None:
    """Write content/<lang>/<id>.md from each Dutch post and its translated catalog.

    Fuzzy and untranslated units fall back to the Dutch text; posts below --min-translated
    are listed, not written. A German post changed by hand is never overwritten without --force.
    """
    obj.min_translated = min_translated
    with _api_errors(), _progress(obj, "merge"):
        result = api.merge(
            obj.directory, paths, min_translated=min_translated, force=force, jobs=jobs,
            use_cache=not no_cache, wait=obj.wait, on_note=_note,
        )
    for merged, language in zip(result.results, result.languages):
        out, err = report.merge_result_lines(merged, min_translated_of(min_translated, language), language)
        for line in err:
            _say(line, err=True)
        if obj.verbosity < 0:
            out = out if merged.action == "stale" else []  # a problem: the post left out of date
        elif obj.verbosity > 0 and merged.action == "unchanged":
            out = [f"unchanged {merged.path} ({merged.percent:.0f}% translated)"]
        for line in out:
            _say(line)
    if obj.verbosity >= 0:
        _say(report.merge_summary(result))
    if not result.ok:
        click.get_current_context().exit(1)


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--fix", is_flag=True, help="Rewrite what is safe to fix mechanically (date form, tags string).")
@_min_translated_option(
    "Fail for a catalog translated below this percent (by words; fuzzy counts as not translated)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(report.CHECK_FORMATS),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for GitHub Actions annotations, junit for "
    "other CI systems (JUnit XML: GitLab, Jenkins, Azure).",
)
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@_jobs_option
@_no_cache_option
@_root_options
@_verbosity_options
@click.pass_obj
def check_command(
    obj: _Context, fix: bool, min_translated: float | MinTranslated, output_format: str, strict: bool, jobs: int,
    no_cache: bool, paths: tuple[Path, ...] = (),
) -> None:
    """Validate posts, slugs, catalogs and translations; exit 1 if something is wrong.

    Exit status: 0 clean, 1 problems found (errors; with --strict warnings too), 2 usage or
    configuration error. Writes nothing unless --fix is given (but for its cache in
    .pipeline-cache/, which --no-cache skips).

    PATHS (posts, catalogs, templates, folders): report only what concerns them, and the
    site-wide checks they take part in (links, clashes); other files are passed over.
    """
    if fix and paths:
        raise click.UsageError("--fix rewrites the whole site: give it no PATHS")
    obj.min_translated = min_translated
    with _api_errors(), _progress(obj, "check"), _annotated(output_format == "github", obj):
        result = api.check(
            obj.directory, min_translated=min_translated, fix=fix, jobs=jobs,
            use_cache=not no_cache, wait=obj.wait, on_note=_note, paths=paths,
            with_posts=output_format == "junit",
        )
    for i, problem in enumerate(result.problems):
        advised = obj.advise(problem.message)
        if advised != problem.message:
            result.problems[i] = replace(problem, message=advised)
    color = output_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    summary = github.summary_file()
    prefix = github.work_tree_prefix(obj.directory) if output_format in ("github", "junit") or summary else ""
    for line in report.check_report(result, output_format, strict, color, prefix,
                                    os.environ.get("SOURCE_DATE_EPOCH"), obj.verbosity):
        click.echo(line, color=color)
    if summary is not None:  # a GitHub Actions step: the job summary, for any --format
        problem = github.append_summary(summary, github.job_summary(result, min_translated, prefix))
        if problem is not None:
            click.echo(f"warning: {problem}", err=True)
    if report.check_failed(result, strict):
        click.get_current_context().exit(1)


@main.command("mv")
@click.argument("old")
@click.argument("new")
@click.option("--no-alias", is_flag=True, help="Do not add the post's old URL to its aliases.")
@click.option("--dry-run", is_flag=True, help="Print what would be done; change nothing.")
@_root_options
@click.pass_obj
def mv_command(obj: _Context, old: str, new: str, no_alias: bool, dry_run: bool) -> None:
    """Move a source post (or a folder of posts) from OLD to NEW, and its work with it.

    OLD and NEW are paths under content/nl/ (or under content/de/ for a post written in
    German) or post ids (2023/fietsen). Moves the post (git mv when it is tracked), its
    template, catalogs and translated posts; adds its old URL to its aliases; updates the links to it in the other posts and catalogs (msgid and msgstr
    alike: nothing goes fuzzy). Run `pipeline extract` and `pipeline merge` next.
    """
    from pipeline.relocate import MoveRefused

    with _api_errors():
        try:
            result = api.mv(obj.directory, old, new, alias=not no_alias, dry_run=dry_run,
                            wait=obj.wait, on_note=_note)
        except MoveRefused as exc:
            raise SettingsError(f"refused: {exc}; nothing changed") from None
    for line in result.lines:
        _say(line)
    for error in result.errors:
        _say(f"error: {error}", err=True)
    if result.errors:
        click.get_current_context().exit(1)


@main.command("new")
@click.argument("title")
@click.option("--date", "date", metavar="DATE",
              help="The post's date (2024-05-01T10:00:00+02:00, 2024-05-01 10:00, 2024-05-01); default: now.")
@click.option("--section", default="", metavar="FOLDER", help="A folder under content/nl/ to put it in.")
@click.option("--bundle", is_flag=True, help="A leaf bundle: <name>/index.md (for its images beside it).")
@click.option("--draft", is_flag=True, help="Write 'draft: true' (Hugo builds it only with --buildDrafts).")
@_root_options
@click.pass_obj
def new_command(obj: _Context, title: str, date: str | None, section: str, bundle: bool, draft: bool) -> None:
    """Start a Dutch post titled TITLE: its file, named as the site names its posts, with
    front matter every command reads (title, an RFC 3339 date in the site's zone, lang).

    Prints the file's path. Refuses (nothing written) a file there already, a slug or URL
    another page has, a title that is empty or gives no slug.
    """
    from pipeline.newpost import NewRefused

    with _api_errors():
        try:
            made = api.new(obj.directory, title, date=date, section=section, bundle=bundle,
                           draft=draft, wait=obj.wait, on_note=_note)
        except NewRefused as exc:
            raise SettingsError(f"refused: {exc}") from None
    for line in made.notes:
        _say(f"note: {line}", err=True)
    click.echo(made.shown)


@main.command("pseudo")
@click.option(
    "--language", default="de-x-pseudo", show_default=True,
    help="The pseudo language: '<language>-x-<tag>', its rules (plural forms, slugs, dates) the base language's.",
)
@click.option("--clean", is_flag=True, help="Remove the pseudo language's posts, catalogs and Hugo file.")
@_jobs_option
@_no_cache_option
@_root_options
@click.pass_obj
def pseudo_command(obj: _Context, language: str, clean: bool, jobs: int, no_cache: bool) -> None:
    """Fill a pseudo locale, to test templates and layouts before any translator starts.

    Every unit of every post pseudo-translated (accents, ß, 30 % longer, markup kept) into
    locale/<language>/LC_MESSAGES/, merged to content/<language>/, with the Hugo language in
    config/pseudo/: `hugo --environment pseudo` builds it, a plain `hugo` never does. The
    German catalogs and posts are not touched.
    """
    with _api_errors(), _progress(obj, "pseudo"):
        try:
            result = api.pseudo(obj.directory, language=language, clean=clean, jobs=jobs,
                                use_cache=not no_cache, wait=obj.wait, on_note=_note)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--language") from None
    out, err = report.pseudo_lines(result)
    for line in err:
        _say(line, err=True)
    for line in out:
        _say(line)
    if not result.ok:
        click.get_current_context().exit(1)


@main.command("export")
@click.option("--xliff", "xliff_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Write XLIFF 1.2 files here: DIR/<language>/<post id>.xlf.")
@click.option("--all", "everything", is_flag=True, help="Every entry, translated ones too (not only what is left).")
@_root_options
@click.pass_obj
def export_command(obj: _Context, xliff_dir: Path, everything: bool) -> None:
    """Export what is left to translate (untranslated and fuzzy entries) as XLIFF 1.2, for a
    translation agency's tool (Trados, memoQ, Phrase): one file per post and language, the
    msgctxt, comments and references kept. Bring the translations back with `pipeline import`.
    """
    with _api_errors(), _progress(obj, "export"):
        result = api.export_xliff(obj.directory, xliff_dir, everything=everything)
    for line in report.xliff_export_lines(result):
        _say(line)
    for error in result.errors:
        _say(f"error: {error}", err=True)
    if result.errors:
        click.get_current_context().exit(1)


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True,
              help="Take the file's translation where the catalog's changed since the export.")
@_root_options
@click.pass_obj
def import_command(obj: _Context, files: tuple[Path, ...], force: bool) -> None:
    """Bring the translations of XLIFF files (from `pipeline export --xliff`, edited in any
    tool) back into the catalogs. A translation changed in the catalog since the export is a
    conflict, left as it is; a unit whose Dutch text changed since is not found. Run `pipeline
    merge` next.
    """
    from pipeline.xliff import XliffError

    with _api_errors():
        try:
            result = api.import_xliff(obj.directory, files, force=force, wait=obj.wait, on_note=_note)
        except XliffError as exc:
            raise click.ClickException(f"{exc}; no catalog changed") from None
    for line in report.xliff_import_lines(result):
        _say(line)
    for error in result.errors:
        _say(f"error: {error}", err=True)
    if result.errors or result.conflicts or result.not_found or result.refused:
        click.get_current_context().exit(1)


@main.command("status")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(report.STATUS_FORMATS),
    default="text",
    show_default=True,
    help="text for people, json for tools.",
)
@click.option("--html", "html_file", type=click.Path(path_type=Path),
              help="Also write the status as a static HTML page to this file.")
@_jobs_option
@_no_cache_option
@_root_options
@click.pass_obj
def status_command(obj: _Context, paths: tuple[Path, ...], output_format: str, html_file: Path | None,
                   jobs: int, no_cache: bool) -> None:
    """What is left to translate: per post and language, most words left first.

    Reads the catalogs, not the posts: a post changed since the last extract is marked stale,
    one never extracted as such. Exit status 0 (2 for a usage or configuration error). Writes
    nothing but --html's file (and the cache in .pipeline-cache/, which --no-cache skips).
    """
    with _api_errors(), _progress(obj, "status"):
        result = api.status(obj.directory, paths, html=html_file, jobs=jobs, use_cache=not no_cache)
    for line in report.status_report(result, output_format):
        _say(line) if output_format == "text" else click.echo(line)  # (JSON as it is made)


if __name__ == "__main__":  # pragma: no cover
    main()
