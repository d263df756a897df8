"""Settings (issue 10): every wrong ``[tool.pipeline]`` value, and every arrangement of folders
under which a run would write into the source posts, is one line and exit 2 before anything is
read or written, in every command."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from support import SEED, make_root

from pipeline.cli import main

COMMANDS = (["extract"], ["merge"], ["merge", "--force"], ["check"], ["check", "--fix"])


def tree(root: Path) -> dict[str, str]:
    """Every file and folder under a root (symlinks as where they lead), by content hash."""
    found: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            key = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[key] = "-> " + os.readlink(path)
            elif path.is_file():
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[key] = "folder"
    return found


def translated_root(tmp_path: Path) -> Path:
    """A root with two Dutch posts, their catalogs and German posts (default settings)."""
    root = make_root(tmp_path / "root", {"seed.md": SEED.read_text(encoding="utf-8"),
                                         "kort.md": "---\ntitle: Kort\ndate: 2020-01-01\n---\n\nAlinea.\n"})
    for command in (["extract"], ["merge", "--min-translated", "0"]):
        result = CliRunner().invoke(main, ["-C", str(root), *command])
        assert result.exit_code == 0, result.output
    assert (root / "content" / "de" / "seed.md").is_file()
    return root


def assert_one_line_usage_error(result: Result, *phrases: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr


@pytest.fixture(scope="module")
def root_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return translated_root(tmp_path_factory.mktemp("settings"))


@pytest.fixture
def root(root_template: Path, tmp_path: Path) -> Path:
    import shutil

    copy = tmp_path / "root"
    shutil.copytree(root_template, copy, symlinks=True)
    shutil.rmtree(copy / ".pipeline-cache", ignore_errors=True)
    return copy


# Each: the [tool.pipeline] table's lines, and what the one line must say (the key's name first)
BAD_SETTINGS = [
    # folders that would put output among the source posts (or two outputs in one folder)
    ('target-languages = ["de", "nl"]', ["target-languages", "'nl'", "source language"]),
    ('target-languages = ["nl"]', ["target-languages", "source language"]),
    ('target-languages = ["NL"]', ["target-languages", "source language"]),
    ('source-language = "de"', ["target-languages", "'de'", "source language"]),
    ('target-languages = ["de", "de"]', ["target-languages", "'de' twice"]),
    ('target-languages = ["de", "DE"]', ["target-languages", "'DE' twice"]),
    ('target-languages = ["de", "de_DE", "de"]', ["target-languages", "twice"]),
    ('locale-dir = "content"', ["content-dir and locale-dir", "separate folders"]),
    ('locale-dir = "content/nl"', ["content-dir and locale-dir", "separate folders"]),
    ('locale-dir = "content/nl/locale"', ["content-dir and locale-dir", "separate folders"]),
    ('locale-dir = "content/de"', ["content-dir and locale-dir", "separate folders"]),
    ('content-dir = "locale"', ["content-dir and locale-dir", "separate folders"]),
    ('content-dir = "locale/posts"', ["content-dir and locale-dir", "separate folders"]),
    ('content-dir = "Locale"', ["content-dir and locale-dir", "separate folders"]),
    ('content-dir = "site"\nlocale-dir = "site/locale"', ["content-dir and locale-dir"]),
    ('content-dir = "."', ["content-dir"]),
    ('locale-dir = "."', ["locale-dir"]),
    ('content-dir = "./"', ["content-dir"]),
    ('content-dir = ""', ["content-dir"]),
    ('locale-dir = ".pipeline-cache"', ["locale-dir", "separate folders"]),
    ('content-dir = ".pipeline-cache/posts"', ["content-dir", "separate folders"]),
    ('content-dir = "../outside"', ["content-dir", "must be inside the root"]),
    # languages
    ("target-languages = []", ["target-languages", "empty"]),
    ('target-languages = ["xx"]', ["target-languages", "'xx'", "Babel"]),
    ('target-languages = ["de-ch"]', ["target-languages", "'de-ch'"]),
    ('target-languages = ["de/at"]', ["target-languages", "'de/at'"]),
    ('target-languages = ["../nl"]', ["target-languages", "'../nl'"]),
    ('target-languages = ["templates"]', ["target-languages", "'templates'"]),
    ('target-languages = [""]', ["target-languages"]),
    ("target-languages = [5]", ["target-languages", "must list strings", "5"]),
    ('target-languages = "de"', ["target-languages", "must be a list"]),
    ('source-language = "dutch"', ["source-language", "'dutch'"]),
    ("source-language = 5", ["source-language", "must be a string"]),
    # time zones
    ('time-zones = { nl = "Europe/Amsterdm", de = "Europe/Berlin" }',
     ["time-zones", "Europe/Amsterdm", "did you mean 'Europe/Amsterdam'"]),
    ('time-zones = { nl = "europe/amsterdam" }', ["time-zones", "did you mean 'Europe/Amsterdam'"]),
    ('time-zones = { de = "Berlin" }', ["time-zones", "'Berlin'"]),
    ("time-zones = { de = 1 }", ["time-zones", "de must be a string"]),
    ('time-zones = { de = "" }', ["time-zones", "de"]),
    ('time-zones = { de = "../../etc/passwd" }', ["time-zones", "de"]),
    ('time-zones = { de = "/etc/localtime" }', ["time-zones", "de"]),
    ('time-zones = { de = "Europe" }', ["time-zones", "de"]),
    ('time-zones = { dee = "Europe/Berlin" }', ["time-zones", "'dee'"]),
    ('time-zones = "Europe/Berlin"', ["time-zones", "must be a table"]),
    # URL patterns
    ('url-patterns = { de = "/de/" }', ["url-patterns", "{slug}"]),
    ("url-patterns = { de = 5 }", ["url-patterns", "de must be a string"]),
    # a value named in TOML's words (Hugo's configuration says "a list": test_hugo_urls.py)
    ("url-patterns = { de = [1] }", ["url-patterns", "de must be a string, not an array"]),
    ("time-zones = { de = true }", ["time-zones", "de must be a string, not the boolean true"]),
    ('url-patterns = { de = "/de/{slug}/{slug}/" }', ["url-patterns", "{slug}"]),
    ('url-patterns = { de = "/de/{slug} x/" }', ["url-patterns", "{slug}"]),
    ('url-patterns = { fr = "/fr/{slug}/" }', ["url-patterns", "'fr'"]),
    ('url-patterns = "/de/{slug}/"', ["url-patterns", "must be a table"]),
    # size limit
    ("max-post-bytes = 0", ["max-post-bytes", "at least 1"]),
    ("max-post-bytes = -1", ["max-post-bytes", "at least 1"]),
    ("max-post-bytes = 1.5", ["max-post-bytes", "whole number"]),
    ("max-post-bytes = nan", ["max-post-bytes", "whole number"]),
    ('max-post-bytes = "1MB"', ["max-post-bytes", "whole number"]),
    ("max-post-bytes = true", ["max-post-bytes", "whole number"]),
    # keys, folders, schema, unknown settings
    ("translatable-keys = [1]", ["translatable-keys", "must list strings"]),
    ('translatable-keys = ["title", "title"]', ["translatable-keys", "'title' twice"]),
    ('list-keys = "tags"', ["list-keys", "must be a list"]),
    ("static-dir = 5", ["static-dir", "must be a string"]),
    ('static-dir = ""', ["static-dir"]),
    ('static-dir = "/etc"', ["static-dir", "must be inside the root"]),
    ("links = 5", ["links", "must be a table"]),
    ('time-zone = { de = "Europe/Berlin" }', ["unknown setting 'time-zone'", "did you mean 'time-zones'"]),
    ("[tool.pipeline.schema]\nrequired = \"title\"", ["[tool.pipeline.schema] required"]),
    ("[tool.pipeline.schema]\nrequird = [\"title\"]", ["[tool.pipeline.schema] requird"]),
    ("[tool]\npipeline = 5", ["[tool.pipeline] must be a table"]),
    ('tool = "pipeline"', ["[tool.pipeline] must be a table"]),
    # links
    ('[tool.pipeline.links]\n"/over/" = 5', ["links", "'/over/'", "string"]),
    ('[tool.pipeline.links]\n"/over/" = ["/de/ueber/"]', ["links", "'/over/'", "string"]),
    # a table by language is a target per language (issue 16): of target languages only
    ('[tool.pipeline.links]\n"/over/" = { fr = "/fr/sur/" }', ["links", "'/over/'", "'fr'", "not a target language"]),
    ('[tool.pipeline.links]\n"/over/" = true', ["links", "'/over/'", "string"]),
    ('[tool.pipeline.links]\n"/over/" = ""', ["links", "'/over/'"]),
    ('[tool.pipeline.links]\n"/over/" = "/de/über uns/"', ["links", "'/over/'"]),
    ('[tool.pipeline.links]\n"/over/" = "/de/ueber/\\n# x"', ["links", "'/over/'"]),
]


@pytest.mark.parametrize("table, phrases", BAD_SETTINGS, ids=[case[0] for case in BAD_SETTINGS])
def test_a_wrong_setting_is_one_line_and_exit_2_in_every_command(
    root: Path, table: str, phrases: list[str]
) -> None:
    header = "" if table.startswith(("[", "tool =")) else "[tool.pipeline]\n"
    (root / "pyproject.toml").write_text(f"{header}{table}\n", encoding="utf-8")
    before = tree(root)
    for command in COMMANDS:
        result = CliRunner().invoke(main, ["-C", str(root), *command])
        assert_one_line_usage_error(result, "pyproject.toml", *phrases)
        assert tree(root) == before, command  # nothing written, not even the lock


def test_the_line_of_the_wrong_setting_is_named(root: Path) -> None:
    (root / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.pipeline]\ntarget-languages = ["de"]\n'
        'time-zones = { nl = "Europe/Amsterdam", de = "Europe/Berln" }\n\n'
        '[tool.pipeline.links]\n"/a/" = "/de/a/"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["-C", str(root), "check"])
    assert_one_line_usage_error(result, "pyproject.toml:6:", "did you mean 'Europe/Berlin'")
    (root / "pyproject.toml").write_text(
        '[tool.pipeline]\n\n[tool.pipeline.links]\n"/a/" = "/de/a/"\n"/b/" = 2\n', encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["-C", str(root), "merge"])
    assert_one_line_usage_error(result, "pyproject.toml:5:", "'/b/'")


def test_the_source_language_among_the_targets_never_touches_the_dutch_posts(root: Path) -> None:
    """The issue's case: merge used to call the Dutch posts edited by hand, and its advice
    (--force) wrote German posts over them."""
    (root / "pyproject.toml").write_text(
        '[tool.pipeline]\ntarget-languages = ["de", "nl"]\n', encoding="utf-8"
    )
    dutch = (root / "content" / "nl" / "seed.md").read_bytes()
    for command in (["extract"], ["merge"], ["merge", "--force", "--min-translated", "0"]):
        result = CliRunner().invoke(main, ["-C", str(root), *command])
        assert_one_line_usage_error(result, "target-languages", "source language")
    assert (root / "content" / "nl" / "seed.md").read_bytes() == dutch
    assert not (root / "locale" / "nl").exists()


# Symlinks that make a folder the pipeline writes lead into the source posts (or make two
# output folders one): the setting is fine, the folder is not.
SYMLINKS = [
    ("content/de", "nl"),  # German posts onto the Dutch ones
    ("content/de", "nl/sub"),  # inside the source folder
    ("content/de", "."),  # the German folder would hold the Dutch one
    ("locale/de", "../content/nl"),  # catalogs among the Dutch posts
    ("locale/templates", "../content/nl"),  # templates there
    ("locale/templates", "de"),  # templates among the catalogs
]


@pytest.mark.parametrize("link, target", SYMLINKS, ids=[f"{a}->{b}" for a, b in SYMLINKS])
def test_a_symlinked_output_folder_that_meets_the_source_is_one_line_and_exit_2(
    root: Path, link: str, target: str
) -> None:
    (root / "content" / "nl" / "sub").mkdir(exist_ok=True)
    path = root / link
    if path.is_dir():
        import shutil

        shutil.rmtree(path)
    path.symlink_to(target)
    before = tree(root)
    for command in COMMANDS:
        result = CliRunner().invoke(main, ["-C", str(root), *command])
        assert_one_line_usage_error(result, link, "symlink")
        assert tree(root) == before, command


@pytest.mark.parametrize("link, target", [("content/de/blog", "../nl/blog"),
                                          ("locale/de/LC_MESSAGES/blog", "../../../content/nl/blog")])
def test_a_symlink_deeper_in_an_output_folder_into_the_source_is_refused(
    root: Path, link: str, target: str
) -> None:
    """A symlinked subfolder is found where a run would write through it: that post is an
    error (exit 1) and the Dutch posts stay as they are."""
    blog = root / "content" / "nl" / "blog"
    blog.mkdir()
    (blog / "post.md").write_text("---\ntitle: Blog\ndate: 2020-01-01\n---\n\nAlinea.\n", encoding="utf-8")
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    (root / link).symlink_to(target)
    before = {p.name: p.read_bytes() for p in blog.iterdir()}
    refused = 0
    for command in (["extract"], ["merge", "--force", "--min-translated", "0"]):
        result = CliRunner().invoke(main, ["-C", str(root), *command])
        assert "Traceback" not in result.output
        if result.exit_code:
            assert result.exit_code == 1, result.output
            assert f"{link}/post." in result.stderr and "leads into content/nl/" in result.stderr
            refused += 1
    assert refused
    assert {p.name: p.read_bytes() for p in blog.iterdir()} == before


# ---------------------------------------------------------------------------------------
# --min-translated: one option (cli.Percent) for merge and check


@pytest.mark.parametrize("value", ["nan", "NaN", "-nan", "inf", "-inf", "-1", "101", "100.0001", "", "x"])
@pytest.mark.parametrize("command", ["merge", "check"])
def test_min_translated_outside_0_to_100_is_a_usage_error(root: Path, command: str, value: str) -> None:
    before = tree(root)
    result = CliRunner().invoke(main, ["-C", str(root), command, "--min-translated", value])
    assert result.exit_code == 2, result.output
    assert "--min-translated" in result.stderr
    assert "Traceback" not in result.output
    assert tree(root) == before


@pytest.mark.parametrize("value, shown", [("0", "0"), ("-0", "0"), ("1e2", "100"), ("99.5", "99.5")])
def test_min_translated_from_0_to_100_is_taken(root: Path, value: str, shown: str) -> None:
    (root / "locale" / "de" / "LC_MESSAGES" / "kort.po").unlink()
    (root / "content" / "de" / "kort.md").unlink()
    CliRunner().invoke(main, ["-C", str(root), "extract"])
    result = CliRunner().invoke(main, ["-C", str(root), "merge", "--min-translated", value])
    assert result.exit_code == 0, result.output
    if shown != "0":
        assert f"below {shown}%" in result.output
