"""What the tests of posts written in German share: the command line on a site, a site's
files, and a catalog filled with the identity where it is untranslated."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from merge_support import fill_catalog

from pipeline.cli import main
from pipeline.po import parse_catalog


def cli(root: Path, *args: str, code: int | None = 0) -> str:
    """``pipeline -C root ARGS``'s output; its exit code ``code`` (None: any)."""
    result = CliRunner().invoke(main, ["-C", str(root), *args])
    if code is not None:
        assert result.exit_code == code, result.output
    return result.output


def files(root: Path) -> dict[str, bytes]:
    """Every file of a site's content/ and locale/, by its path from the root."""
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for folder in ("content", "locale") for path in sorted((root / folder).rglob("*")) if path.is_file()}


def keep_or_identity(path: Path) -> None:
    """Translate what a catalog leaves untranslated as itself; keep the rest."""
    catalog = parse_catalog(str(path), path.read_bytes())
    done = {(m.msgctxt, m.msgid): m.msgstr for m in catalog.messages if m.msgstr}
    fill_catalog(path, lambda context, msgid: done.get((context, msgid)) or msgid)
