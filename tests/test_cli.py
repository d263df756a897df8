"""The command line: --version, --help everywhere, -C DIR, PATH arguments, the summary."""

from __future__ import annotations

import os
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


COMMANDS = [["extract"], ["merge"], ["check"], ["check", "--fix"], ["check", "--format", "json"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("where", ["before", "after"])
def test_directory_before_or_after_the_command(
    tmp_path: Path, command: list[str], where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_root(tmp_path / "site", POSTS)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    args = ["-C", str(root), *command] if where == "before" else [*command, "-C", str(root)]
    result = invoke(*args)
    assert result.exit_code in (0, 1), result.output  # check finds the catalogs missing
    assert "no content/nl/" not in result.output
    assert list(elsewhere.iterdir()) == []
    if command == ["extract"]:
        assert len(snapshot(root)) == 6


def test_directory_after_the_command_in_a_real_process(tmp_path: Path) -> None:
    root = make_root(tmp_path / "site", POSTS)
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", "-C", "site", "content/nl/a.md"],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("extract: 1 post, ")
    assert pot_path(root, "a").is_file()


def test_the_last_directory_given_wins(tmp_path: Path) -> None:
    site = make_root(tmp_path / "site", POSTS)
    other = tmp_path / "other"
    other.mkdir()
    result = invoke("-C", str(other), "extract", "-C", str(site))
    assert result.exit_code == 0, result.output
    assert len(snapshot(site)) == 6
    assert list(other.iterdir()) == []
    result = invoke("-C", str(site), "check", "-C", str(other))
    assert result.exit_code == 2
    assert result.output == f"Error: no content/nl/ under {other}: run it from the site's root, or pass -C\n"


def test_directory_after_the_command_must_exist(tmp_path: Path) -> None:
    result = invoke("extract", "-C", str(tmp_path / "missing"))
    assert result.exit_code == 2
    assert "does not exist" in result.output


@pytest.mark.parametrize("where", ["before", "after"])
def test_no_wait_before_or_after_the_command(tmp_path: Path, where: str) -> None:
    from pipeline.lock import run_lock

    root = make_root(tmp_path, POSTS)
    args = ["--no-wait", "-C", str(root), "extract"] if where == "before" else ["-C", str(root), "extract", "--no-wait"]
    with run_lock(root / ".pipeline-cache"):  # as another run holds it
        result = invoke(*args)
    assert result.exit_code == 1, result.output
    assert "is working on this content root: try again when it is done" in result.output
    assert snapshot(root) == {}


# not a content root


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_not_a_content_root(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "content" / "de").mkdir(parents=True)  # a content/ folder, but no content/nl/
    (tmp_path / "notes.md").write_text("# Not a post\n", encoding="utf-8")
    before = sorted(tmp_path.rglob("*"))
    result = invoke("-C", str(tmp_path), *command)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: no content/nl/ under {tmp_path}: run it from the site's root, or pass -C\n"
    )
    assert sorted(tmp_path.rglob("*")) == before  # no .pipeline-cache/, no lock


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_not_a_content_root_in_a_real_process(tmp_path: Path, command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", *command],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == f"Error: no content/nl/ under {tmp_path}: run it from the site's root, or pass -C\n"
    assert list(tmp_path.iterdir()) == []


def test_not_a_content_root_with_paths_given(tmp_path: Path) -> None:
    result = invoke("-C", str(tmp_path), "extract", "content/nl/a.md")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no content/nl/ under ")
    assert list(tmp_path.iterdir()) == []


def test_a_file_in_place_of_the_source_folder_is_not_a_content_root(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "nl").write_text("", encoding="utf-8")
    result = invoke("-C", str(tmp_path), "check")
    assert result.exit_code == 2
    assert "no content/nl/ under" in result.stderr


def test_the_source_folder_follows_the_settings(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pipeline]\ncontent-dir = "site"\nsource-language = "fr"\n', encoding="utf-8"
    )
    (tmp_path / "content" / "nl").mkdir(parents=True)  # not where this root's posts are
    result = invoke("-C", str(tmp_path), "check")
    assert result.exit_code == 2
    assert result.stderr == f"Error: no site/fr/ under {tmp_path}: run it from the site's root, or pass -C\n"
    (tmp_path / "site" / "fr").mkdir(parents=True)
    result = invoke("-C", str(tmp_path), "check")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_an_empty_source_folder_is_a_content_root(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "content" / "nl").mkdir(parents=True)
    result = invoke("-C", str(tmp_path), *command)
    assert result.exit_code == 0, result.output
    assert "no content/nl/" not in result.output


def test_check_of_an_empty_content_root_passes(tmp_path: Path) -> None:
    (tmp_path / "content" / "nl").mkdir(parents=True)
    result = invoke("-C", str(tmp_path), "check")
    assert result.exit_code == 0
    assert result.stdout == "check: 0 errors, 0 warnings; 100.0% translated (0 of 0 words, 0 of 0 units)\n"


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
    (tmp_path / "content" / "nl").mkdir(parents=True)  # a content root without posts yet
    result = invoke("-C", str(tmp_path), "extract")
    assert result.exit_code == 0, result.output
    assert (
        result.output == "extract: 0 posts, 0 units (0 new, 0 fuzzy, 0 obsolete); 0 files written\n"
    )


def test_a_content_root_named_in_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    # the cache holds UTF-8 names only: extract wrote its files, then stopped on a
    # UnicodeEncodeError traceback (exit 1) when it noted them in the cache
    root = Path(os.fsdecode(bytes(tmp_path) + b"/site\xff"))
    make_root(root, {"a.md": "---\ntitle: Kop\ndate: 2024-01-02\n---\n\nEen zin.\n"})
    for command, code in (("extract", 0), ("extract", 0), ("merge", 0), ("check", 1)):
        done = subprocess.run(
            [sys.executable, "-m", "pipeline", "-C", root, command, "--min-translated", "0"]
            if command == "merge" else [sys.executable, "-m", "pipeline", "-C", root, command],
            capture_output=True, text=True, check=False, timeout=60,
        )
        assert done.returncode == code, (command, done.stderr)
        assert "Traceback" not in done.stderr
    assert "0 files written" in subprocess.run(
        [sys.executable, "-m", "pipeline", "-C", root, "extract"], capture_output=True, text=True, check=False
    ).stdout


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_in_a_folder_inside_a_site_the_advice_names_the_root_and_a_c_that_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    root = make_root(tmp_path / "site", {"2017/a.md": "---\ntitle: Kop\ndate: 2024-01-02\n---\n\nEen zin.\n"})
    inside = root / "content" / "nl" / "2017"
    monkeypatch.chdir(inside)
    for given in ((), ("-C", "."), ("-C", str(inside))):
        result = invoke(*given, *command)
        assert result.exit_code == 2
        assert result.stderr == (
            f"Error: no content/nl/ under {inside}: run it from the site's root, {root}, or pass -C ../../..\n"
        )
    assert not (inside / ".pipeline-cache").exists()
    followed = invoke("-C", "../../..", *command)
    assert followed.exit_code in (0, 1) and "Error" not in followed.output, followed.output
    monkeypatch.chdir(tmp_path)
    result = invoke("-C", "site/content", *command)
    assert result.stderr == "Error: no content/nl/ under site/content: run it from the site's root, " \
        f"{root}, or pass -C site\n"


@pytest.mark.parametrize("link", ["content/nl", "content"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_source_folder_that_is_a_symlink_out_of_the_root_is_one_line(
    tmp_path: Path, command: list[str], link: str
) -> None:
    # each post was refused on a line of its own (300 posts, 300 lines), with the advice to
    # replace "the symlink" content/nl/a.md, which is none; check also made .pipeline-cache/
    elsewhere = make_root(tmp_path / "elsewhere", {"a.md": "---\ntitle: Kop\n---\n\nEen zin.\n"})
    root = tmp_path / "site"
    (root / link).parent.mkdir(parents=True)
    (root / link).symlink_to(elsewhere / link)
    result = invoke("-C", str(root), *command)
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"Error: content/nl: leads outside content/ and locale/ of the content root (to "
        f"{elsewhere / 'content' / 'nl'}): refused; replace the symlink"
        f"{'' if link == 'content/nl' else ' content'} by the folder itself\n"
    )
    assert sorted(p.name for p in root.iterdir()) == ["content"]


def test_a_symlinked_folder_on_the_way_is_named(tmp_path: Path) -> None:
    root = make_root(tmp_path / "site", {"a.md": "---\ntitle: Kop\n---\n\nEen zin.\n"})
    (tmp_path / "outside").mkdir()
    (root / "locale").symlink_to(tmp_path / "outside")
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: locale/templates/a.pot: leads outside content/ and locale/ of the content root "
        f"(to {tmp_path / 'outside' / 'templates' / 'a.pot'}): refused; replace the symlink locale "
        "by the folder itself\n"
    )
    assert list((tmp_path / "outside").iterdir()) == []


@pytest.mark.parametrize("name", ["a\nb", "a\udcffb", "a\rb"])
def test_a_path_or_folder_named_with_a_line_break_or_bytes_that_are_not_utf8_is_one_line(
    tmp_path: Path, name: str
) -> None:
    root = make_root(tmp_path / "site", {"a.md": "---\ntitle: Kop\n---\n\nEen zin.\n"})
    escaped = name.replace("\n", "\\n").replace("\r", "\\r").replace("\udcff", "\\xff")
    result = invoke("-C", str(root), "extract", f"content/nl/{name}.md")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for PATHS: content/nl/{escaped}.md: no such post (a .md file or a folder of them)"
    )
    folder = tmp_path / name
    folder.mkdir()
    result = invoke("-C", str(folder), "check")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: no content/nl/ under {tmp_path}/{escaped}: run it from the site's root, or pass -C\n"
    )
