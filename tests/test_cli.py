"""The command line: --version, --help everywhere, -C DIR, PATH arguments, the summary."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.plurals import get_plural
from support import invoke, make_root, po_path, pot_path, snapshot

from pipeline import __version__
from pipeline.cli import main
from pipeline.po import parse_catalog

REPO = Path(__file__).resolve().parent.parent
POSTS = {
    "a.md": "---\ntitle: A\n---\n\nAlinea a.\n",
    "b.md": "# Kop b\n\nAlinea b.\n",
    "sub/c.md": "Alinea c.\n",
}


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.output == f"pipeline, version {__version__}\n"


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "--version"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert __version__ in done.stdout


@pytest.mark.parametrize("option", ["--help", "-h"])
def test_group_help(option: str) -> None:
    result = invoke(option)
    assert result.exit_code == 0
    assert result.output.startswith("Usage: ")
    assert "-C, --directory" in result.output
    for name in main.commands:
        assert name in result.output


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help(name: str) -> None:
    command = main.commands[name]
    assert command.help and command.help.strip(), f"{name} has no help text"
    result = invoke(name, "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: main {name}") or result.output.startswith(
        f"Usage: pipeline {name}"
    ), result.output
    first_words = " ".join(command.help.split()[:4])
    assert first_words in " ".join(result.output.split())
    assert isinstance(command, click.Command)


def test_extract_is_a_command() -> None:
    assert "extract" in main.commands


def test_unknown_command_is_a_usage_error() -> None:
    result = invoke("extrakt")
    assert result.exit_code == 2
    assert "No such command" in result.output


# ---------------------------------------------------------------------------------------
# -C DIR


@pytest.mark.parametrize("option", ["-C", "--directory"])
def test_directory_option(tmp_path: Path, option: str, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_root(tmp_path / "site", POSTS)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = invoke(option, str(root), "extract")
    assert result.exit_code == 0, result.output
    assert len(snapshot(root)) == 6
    assert list(elsewhere.iterdir()) == []


def test_directory_defaults_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_root(tmp_path, POSTS)
    monkeypatch.chdir(root)
    result = invoke("extract")
    assert result.exit_code == 0, result.output
    assert len(snapshot(root)) == 6


def test_directory_must_exist(tmp_path: Path) -> None:
    result = invoke("-C", str(tmp_path / "missing"), "extract")
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_settings_from_pyproject(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"a.md": "---\ntitle: A\nauthor: Jan\n---\n\nAlinea.\n"})
    (root / "pyproject.toml").write_text(
        '[tool.pipeline]\ntarget-languages = ["de", "fr"]\ntranslatable-keys = ["author"]\n',
        encoding="utf-8",
    )
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 0, result.output
    french = parse_catalog("fr.po", po_path(root, "a", "fr").read_bytes())
    assert french.header("Language") == "fr"
    plural = get_plural("fr")  # Babel's CLDR data
    assert (
        french.header("Plural-Forms")
        == f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"
    )
    assert [m.msgctxt for m in french.messages] == ["slug", "author", None]
    assert po_path(root, "a", "de").is_file()


def test_bad_settings_are_a_usage_error(tmp_path: Path) -> None:
    root = make_root(tmp_path, POSTS)
    (root / "pyproject.toml").write_text(
        '[tool.pipeline]\nsource-langauge = "nl"\n', encoding="utf-8"
    )
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 2
    assert "unknown setting 'source-langauge'" in result.output
    assert snapshot(root) == {}


# ---------------------------------------------------------------------------------------
# PATH arguments


def test_one_post(tmp_path: Path) -> None:
    root = make_root(tmp_path, POSTS)
    result = invoke("-C", str(root), "extract", "content/nl/a.md")
    assert result.exit_code == 0, result.output
    assert sorted(snapshot(root)) == ["locale/de/LC_MESSAGES/a.po", "locale/templates/a.pot"]
    assert result.output.splitlines()[-1] == (
        "extract: 1 post, 3 units (3 new, 0 fuzzy, 0 obsolete); 2 files written"
    )


def test_absolute_paths_and_folders(tmp_path: Path) -> None:
    root = make_root(tmp_path, POSTS)
    result = invoke(
        "-C",
        str(root),
        "extract",
        str(root / "content" / "nl" / "b.md"),
        str(root / "content" / "nl" / "sub"),
    )
    assert result.exit_code == 0, result.output
    assert sorted(snapshot(root)) == [
        "locale/de/LC_MESSAGES/b.po",
        "locale/de/LC_MESSAGES/sub/c.po",
        "locale/templates/b.pot",
        "locale/templates/sub/c.pot",
    ]


def test_paths_relative_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_root(tmp_path, POSTS)
    monkeypatch.chdir(root)
    result = invoke("extract", "content/nl/sub/c.md")
    assert result.exit_code == 0, result.output
    assert sorted(snapshot(root)) == [
        "locale/de/LC_MESSAGES/sub/c.po",
        "locale/templates/sub/c.pot",
    ]


@pytest.mark.parametrize(
    "path", ["README.md", "content/de/a.md", "content/nl/../de/a.md", "/etc/hostname"]
)
def test_a_path_outside_the_dutch_posts_is_a_usage_error(tmp_path: Path, path: str) -> None:
    root = make_root(tmp_path, POSTS)
    (root / "README.md").write_text("# Lees mij\n", encoding="utf-8")
    (root / "content" / "de").mkdir()
    (root / "content" / "de" / "a.md").write_text("Text.\n", encoding="utf-8")
    result = invoke("-C", str(root), "extract", path)
    assert result.exit_code == 2
    assert "not a post under content/nl/" in result.output
    assert snapshot(root) == {}


@pytest.mark.parametrize("path", ["content/nl/missing.md", "content/nl/a.txt"])
def test_a_missing_post_is_a_usage_error(tmp_path: Path, path: str) -> None:
    root = make_root(tmp_path, POSTS)
    (root / "content" / "nl" / "a.txt").write_text("geen post\n", encoding="utf-8")
    result = invoke("-C", str(root), "extract", path)
    assert result.exit_code == 2
    assert "no such post" in result.output
    assert snapshot(root) == {}


# ---------------------------------------------------------------------------------------
# What it prints


def test_summary_and_a_line_per_written_catalog(tmp_path: Path) -> None:
    root = make_root(tmp_path, POSTS)
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "created locale/templates/a.pot",
        "created locale/de/LC_MESSAGES/a.po (3 new, 0 fuzzy, 0 obsolete)",
        "created locale/templates/b.pot",
        "created locale/de/LC_MESSAGES/b.po (3 new, 0 fuzzy, 0 obsolete)",
        "created locale/templates/sub/c.pot",
        "created locale/de/LC_MESSAGES/sub/c.po (2 new, 0 fuzzy, 0 obsolete)",
        "extract: 3 posts, 8 units (8 new, 0 fuzzy, 0 obsolete); 6 files written",
    ]
    make_root(root, {"b.md": "# Kop b\n\nAlinea b, anders.\n"})
    again = invoke("-C", str(root), "extract")
    assert again.stdout.splitlines() == [
        "updated locale/templates/b.pot",
        "updated locale/de/LC_MESSAGES/b.po (1 new, 0 fuzzy, 0 obsolete)",
        "extract: 3 posts, 8 units (1 new, 0 fuzzy, 0 obsolete); 2 files written",
    ]
    assert pot_path(root, "b").is_file()


def test_no_posts(tmp_path: Path) -> None:
    result = invoke("-C", str(tmp_path), "extract")
    assert result.exit_code == 0, result.output
    assert (
        result.output == "extract: 0 posts, 0 units (0 new, 0 fuzzy, 0 obsolete); 0 files written\n"
    )
