"""What the tests of posts written in German share: the command line on a site, a site's
files, and a catalog filled with the identity where it is untranslated."""

from __future__ import annotations

import shutil
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


REPO = Path(__file__).resolve().parent.parent


def copy_repo_site(root: Path) -> Path:
    """This repository's site (its content, catalogs, layouts and settings) copied to ``root``."""
    for folder in ("content", "locale", "layouts"):
        shutil.copytree(REPO / folder, root / folder)
    for name in ("pyproject.toml", "hugo.toml"):
        shutil.copy(REPO / name, root / name)
    return root


def fresh_copy(built: Path, tmp_path: Path) -> Path:
    """A test's own copy of a site built once for the module (no Hugo output, no cache)."""
    copy = tmp_path / "site"
    shutil.copytree(built, copy, ignore=shutil.ignore_patterns("public", ".pipeline-cache", "resources"))
    return copy
