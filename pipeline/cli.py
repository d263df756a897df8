"""The command line: parse options, call the core, print, set the exit code."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.config import Config, load_config
from pipeline.errors import ConfigError, PipelineError
from pipeline.extract import PostResult, extract, find_posts

PROGRESS_MIN_POSTS = 20


class _Context:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def config(self) -> Config:
        try:
            return load_config(self.directory)
        except ConfigError as exc:
            raise click.UsageError(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pipeline")
@click.option(
    "-C",
    "--directory",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Content root: the folder with content/, locale/ and pyproject.toml.",
)
@click.pass_context
def main(ctx: click.Context, directory: Path) -> None:
    """Localise Markdown posts: Dutch posts to gettext catalogs, and back as German posts."""
    ctx.obj = _Context(directory)


def _report_errors(errors: list[PipelineError]) -> None:
    for error in errors:
        click.echo(f"error: {error}", err=True)


@main.command("extract")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def extract_command(obj: _Context, paths: tuple[Path, ...]) -> None:
    """Write locale/templates/<id>.pot and update locale/<lang>/LC_MESSAGES/<id>.po.

    PATHS are posts or folders under content/nl/ (default: all of them). A catalog that
    cannot be read is reported and left as it is; the other posts go on.
    """
    config = obj.config()
    try:
        posts = find_posts(config, list(paths))
    except PipelineError as exc:
        raise click.BadParameter(str(exc), param_hint="PATHS") from None
    results: list[PostResult] = []
    errors: list[PipelineError] = []
    stream = extract(config, paths)
    show_bar = sys.stdout.isatty() and len(posts) >= PROGRESS_MIN_POSTS
    with click.progressbar(stream, length=len(posts), label="extract", file=sys.stderr) if show_bar else _nullbar(stream) as bar:
        for result in bar:
            results.append(result)
            errors.extend(result.errors)
            for written in result.written:
                line = f"{written.action} {written.path}"
                if written.stats is not None:
                    s = written.stats
                    line += f" ({s.new} new, {s.fuzzy} fuzzy, {s.obsolete} obsolete)"
                click.echo(line)
    _report_errors(errors)
    units = sum(r.units for r in results)
    new = sum(r.stats.new for r in results)
    fuzzy = sum(r.stats.fuzzy for r in results)
    obsolete = sum(r.stats.obsolete for r in results)
    changed = sum(len(r.written) for r in results)
    failed = sum(1 for r in results if r.errors)
    summary = (
        f"extract: {len(results)} post{'s' if len(results) != 1 else ''}, {units} units "
        f"({new} new, {fuzzy} fuzzy, {obsolete} obsolete); {changed} file{'s' if changed != 1 else ''} written"
    )
    if failed:
        summary += f"; {len(errors)} error{'s' if len(errors) != 1 else ''} in {failed} post{'s' if failed != 1 else ''}"
    click.echo(summary)
    if errors:
        sys.exit(1)


@main.command("merge")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--min-translated",
    type=click.FloatRange(0, 100),
    default=100.0,
    show_default=True,
    help="Write a post only when at least this percent of its words is translated.",
)
@click.option("--force", is_flag=True, help="Overwrite German posts that were changed by hand.")
@click.pass_obj
def merge_command(obj: _Context, paths: tuple[Path, ...], min_translated: float, force: bool) -> None:
    """Write content/<lang>/<id>.md from each Dutch post and its translated catalog.

    Fuzzy and untranslated units fall back to the Dutch text; posts below --min-translated
    are listed, not written. A German post changed by hand is never overwritten without --force.
    """
    from pipeline.merge import merge

    config = obj.config()
    try:
        find_posts(config, list(paths))
    except PipelineError as exc:
        raise click.BadParameter(str(exc), param_hint="PATHS") from None
    failed = 0
    counts: dict[str, int] = {}
    for language in config.target_languages:
        for result in merge(config, paths, language, min_translated, force):
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
                click.echo(f"error: {result.message}", err=True)
    order = ["written", "unchanged", "below", "stale", "edited", "error"]
    parts = [f"{counts[a]} {a}" for a in order if counts.get(a)]
    click.echo("merge: " + (", ".join(parts) if parts else "no posts"))
    if failed:
        sys.exit(1)


class _nullbar:
    def __init__(self, iterable):  # type: ignore[no-untyped-def]
        self.iterable = iterable

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self.iterable

    def __exit__(self, *exc: object) -> None:
        return None


if __name__ == "__main__":  # pragma: no cover
    main()
