"""A folder where a file should be, a file where a folder should be (issue 10): one line at its
path, exit 1, the other posts go on, in every command; never a traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from support import SEED, make_root

from pipeline.cli import main

COMMANDS = (
    ["extract"],
    ["merge", "--min-translated", "0"],
    ["merge", "--force", "--min-translated", "0"],
    ["check", "--min-translated", "0"],
    ["check", "--no-cache", "--min-translated", "0"],
    ["check", "--fix", "--min-translated", "0"],
)
SHORT = "---\ntitle: Kort\ndate: 2020-01-01T00:00:00+01:00\nlang: nl\n---\n\nAlinea.\n"


@pytest.fixture(scope="module")
def root_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_root(tmp_path_factory.mktemp("paths") / "root",
                     {"seed.md": SEED.read_text(encoding="utf-8"), "x.md": SHORT})
    for command in (["extract"], ["merge", "--min-translated", "0"]):
        result = CliRunner().invoke(main, ["-C", str(root), *command])
        assert result.exit_code == 0, result.output
    shutil.rmtree(root / ".pipeline-cache")
    return root


@pytest.fixture
def root(root_template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "root"
    shutil.copytree(root_template, copy)
    return copy


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def folder_in_place(root: Path, relative: str) -> None:
    path = root / relative
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    path.mkdir(parents=True)
    (path / "inside.txt").write_text("not a post\n", encoding="utf-8")


def file_in_place(root: Path, relative: str) -> None:
    path = root / relative
    shutil.rmtree(path)
    path.write_text("not a folder\n", encoding="utf-8")


# (how to spoil the root, the path to be named, the commands that read it, its message)
FOLDER = "is a folder, not a file: remove or rename it"
ON_ITS_WAY = "a file stands where a folder on its way should be"
CASES = {
    "catalog is a folder": (lambda r: folder_in_place(r, "locale/de/LC_MESSAGES/x.po"),
                            "locale/de/LC_MESSAGES/x.po", {"extract", "merge", "check"}, FOLDER),
    "template is a folder": (lambda r: folder_in_place(r, "locale/templates/x.pot"),
                             "locale/templates/x.pot", {"extract", "check"}, FOLDER),
    "German post is a folder": (lambda r: folder_in_place(r, "content/de/x.md"),
                                "content/de/x.md", {"merge", "check"}, FOLDER),
    "Dutch post is a folder": (lambda r: folder_in_place(r, "content/nl/x.md"),
                               "content/nl/x.md", {"extract", "merge", "check"}, FOLDER),
    "LC_MESSAGES is a file": (lambda r: file_in_place(r, "locale/de/LC_MESSAGES"),
                              "locale/de/LC_MESSAGES/", {"extract", "merge", "check"}, ON_ITS_WAY),
    "templates is a file": (lambda r: file_in_place(r, "locale/templates"),
                            "locale/templates/", {"extract", "check"}, ON_ITS_WAY),
}


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("case", CASES)
def test_a_folder_or_file_in_the_wrong_place_is_one_line_at_its_path(
    root: Path, case: str, command: list[str]
) -> None:
    spoil, shown, readers, message = CASES[case]
    spoil(root)
    # the other post has work to do: a new paragraph to extract, a German post to write
    seed = root / "content" / "nl" / "seed.md"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")
    (root / "content" / "de" / "seed.md").unlink()
    result = CliRunner().invoke(main, ["-C", str(root), *command])
    assert_no_traceback(result)
    if command[0] not in readers:
        return
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if shown in line and message in line]
    if command[0] == "check":  # grouped by file: the path, then its problems
        assert any(shown in line for line in result.output.splitlines()), result.output
        assert message in result.output, result.output
    else:
        assert lines, result.output
    # the other post went on
    if command[0] == "extract" and "templates" not in case:
        assert "Een nieuwe alinea." in (root / "locale/templates/seed.pot").read_text(encoding="utf-8")
    if command[0] == "merge" and "LC_MESSAGES" not in case:
        assert (root / "content" / "de" / "seed.md").is_file()


# ---------------------------------------------------------------------------------------
# .pipeline-cache: the run lock and the cache database


def _replace(path: Path, make) -> None:  # type: ignore[no-untyped-def]
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    make(path)


CACHE_CASES = {
    # name: (how to spoil .pipeline-cache, the message, whether the run lock is unusable)
    "cache folder is a file": (
        lambda c: _replace(c, lambda p: p.write_text("x\n", encoding="utf-8")),
        ".pipeline-cache: is a file, not a folder: remove it", True),
    "lock is a folder": (lambda c: _replace(c / "lock", Path.mkdir),
                         ".pipeline-cache/lock: is a folder, not a file: remove it", True),
    "lock is a symlink to a Dutch post": (
        lambda c: _replace(c / "lock", lambda p: p.symlink_to("../content/nl/seed.md")),
        ".pipeline-cache/lock: is a symlink: remove it", True),
    "database is a folder": (lambda c: _replace(c / "cache.sqlite3", Path.mkdir),
                             ".pipeline-cache/cache.sqlite3: is a folder, not a file", False),
    "database log is a folder": (lambda c: _replace(c / "cache.sqlite3-wal", Path.mkdir),
                                 ".pipeline-cache/cache.sqlite3-wal: is a folder, not a file", False),
    "database is a symlink": (
        lambda c: _replace(c / "cache.sqlite3", lambda p: p.symlink_to("../outside.sqlite3")),
        ".pipeline-cache/cache.sqlite3: is a symlink: remove it", False),
}
CACHE_COMMANDS = (
    ["extract"],
    ["extract", "--no-cache"],
    ["merge", "--min-translated", "0"],
    ["check", "--min-translated", "0"],
    ["check", "--no-cache", "--min-translated", "0"],
    ["check", "--fix", "--min-translated", "0"],
)


@pytest.fixture(scope="module")
def reference(root_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    """Each command's result on the root with a cache that works."""
    results = {}
    for command in CACHE_COMMANDS:
        copy = tmp_path_factory.mktemp("reference") / "root"
        shutil.copytree(root_template, copy)
        CliRunner().invoke(main, ["-C", str(copy), "extract"])  # a cache in place
        results[" ".join(command)] = CliRunner().invoke(main, ["-C", str(copy), *command])
    return results


@pytest.mark.parametrize("command", CACHE_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("case", CACHE_CASES)
def test_an_unusable_cache_folder_lock_or_database_is_one_line(
    root: Path, reference: dict[str, Result], case: str, command: list[str]
) -> None:
    CliRunner().invoke(main, ["-C", str(root), "extract"])  # a cache in place
    spoil, message, lock_unusable = CACHE_CASES[case]
    spoil(root / ".pipeline-cache")
    dutch = (root / "content" / "nl" / "seed.md").read_bytes()
    result = CliRunner().invoke(main, ["-C", str(root), *command])
    assert_no_traceback(result)
    writes = command[0] != "check" or "--fix" in command
    if lock_unusable and writes:
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        assert result.stderr.splitlines() == [f"Error: {message}" + result.stderr.split(message, 1)[1].rstrip("\n")]
    else:  # the run goes on without the cache, and says why (unless told not to use it)
        expected = reference[" ".join(command)]
        # (the advice names each run's own root: `pipeline -C ROOT check --fix`)
        assert (result.exit_code, result.stdout.replace(str(root), "ROOT")) == (
            expected.exit_code, re.sub(r"pipeline -C \S+ ", "pipeline -C ROOT ", expected.stdout))
        notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
        if "--no-cache" in command or case.startswith("lock"):
            assert notes == []
        else:
            assert notes == [f"note: {message}" + notes[0].split(message, 1)[1]], result.stderr
    if "--fix" not in command or lock_unusable:  # (--fix rewrites its dates)
        assert (root / "content" / "nl" / "seed.md").read_bytes() == dutch
    assert not (root.parent / "outside.sqlite3").exists()


def test_import_into_a_folder_where_a_catalog_should_be_is_named_as_every_command_names_it(
    root: Path, tmp_path: Path
) -> None:
    exported = CliRunner().invoke(main, ["-C", str(root), "export", "--xliff", str(tmp_path / "out")])
    assert exported.exit_code == 0, exported.output
    folder_in_place(root, "locale/de/LC_MESSAGES/x.po")
    result = CliRunner().invoke(main, ["-C", str(root), "import", str(tmp_path / "out" / "de" / "x.xlf")])
    assert_no_traceback(result)
    assert result.exit_code == 1, result.output
    assert "error: locale/de/LC_MESSAGES/x.po: is a folder, not a file: remove or rename it" in result.output
