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


class _nullbar:
    def __init__(self, iterable):  # type: ignore[no-untyped-def]
        self.iterable = iterable

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self.iterable

    def __exit__(self, *exc: object) -> None:
        return None


if __name__ == "__main__":  # pragma: no cover
    main()
