"""``pipeline check`` through the command line: exit codes, options, output formats, --fix.

Each test works on a temporary content root: a copy of this repository's own content (after
``pipeline extract`` and ``pipeline merge``), of the seed post, or of a case of the bad-input
corpus in tests/fixtures/bad/.
"""

from __future__ import annotations

import hashlib
import json
import os
import pty
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from pipeline.check import check
from pipeline.cli import main
from pipeline.config import load_config

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
BAD = FIXTURES / "bad"
SEED_ID = "2017-02-22-workshop-e-learning-toekomst"
SEED = FIXTURES / "seed" / f"{SEED_ID}.md"
SEED_SHOWN = f"content/nl/{SEED_ID}.md"
SUMMARY_RE = re.compile(
    r"check: (\d+) errors?, (\d+) warnings?; \d+\.\d% translated \(\d+ of \d+ words, \d+ of \d+ units\)"
)


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def run_check(root: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return invoke("-C", str(root), "check", *args, env=env)


def check_json(root: Path, *args: str) -> tuple[int, dict]:
    result = run_check(root, "--format", "json", *args)
    return result.exit_code, json.loads(result.output)


def digest(root: Path) -> dict[str, str]:
    """Every file under a root by its hash (not the run lock that --fix takes)."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".pipeline-cache" not in p.relative_to(root).parts
    }


def bad_case(name: str, tmp_path: Path) -> Path:
    root = tmp_path / name
    shutil.copytree(BAD / name, root, ignore=shutil.ignore_patterns("expected.txt"))
    return root


def seed_root(tmp_path: Path, data: bytes | None = None) -> Path:
    """A root with only the seed post (no catalogs)."""
    root = tmp_path / "seed"
    (root / "content" / "nl").mkdir(parents=True)
    (root / "content" / "nl" / f"{SEED_ID}.md").write_bytes(SEED.read_bytes() if data is None else data)
    return root


@pytest.fixture
def repo_root(tmp_path: Path) -> Path:
    """This repository's content, locale and settings, run through extract and merge."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    if (REPO / "locale").is_dir():
        shutil.copytree(REPO / "locale", root / "locale")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    assert invoke("-C", str(root), "extract").exit_code == 0
    assert invoke("-C", str(root), "merge").exit_code == 0
    return root


# --------------------------------------------------------------------------------------
# The repository's own content; exit codes


def test_repo_content_passes_with_two_warnings_for_the_seed(repo_root: Path) -> None:
    code, doc = check_json(repo_root)
    assert code == 0
    assert doc["ok"] is True
    assert doc["summary"]["errors"] == 0
    assert [(p["file"], p["line"], p["severity"], p["code"], p["fixable"]) for p in doc["problems"]] == [
        (SEED_SHOWN, 3, "warning", "date-zone", True),
        (SEED_SHOWN, 4, "warning", "tags-string", True),
    ]
    assert "2017-02-22T08:00:00+01:00" in doc["problems"][0]["message"]
    assert all(c["percent_words"] == 100 for c in doc["completeness"])


def test_text_output_groups_problems_under_their_file_and_ends_with_a_summary(repo_root: Path) -> None:
    result = run_check(repo_root)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == SEED_SHOWN
    assert lines[1].startswith("  3: warning: date '2017-02-22 08:00 CEST' says CEST, but CET was in force")
    assert lines[1].endswith("[date-zone]")
    assert lines[2].startswith("  4: warning: tags is one string") and lines[2].endswith("[tags-string]")
    summary = SUMMARY_RE.fullmatch(lines[-1])
    assert summary and summary.groups() == ("0", "2"), lines[-1]
    assert len(lines) == 4


def test_strict_makes_warnings_fail(repo_root: Path) -> None:
    result = run_check(repo_root, "--strict")
    assert result.exit_code == 1
    assert "2 warnings" in result.output
    code, doc = check_json(repo_root, "--strict")
    assert (code, doc["ok"]) == (1, False)


def test_errors_exit_1(tmp_path: Path) -> None:
    result = run_check(bad_case("title-missing", tmp_path))
    assert result.exit_code == 1
    assert "no title" in result.output


@pytest.mark.parametrize(
    "args, phrase",
    [
        (["--format", "xml"], "'xml' is not one of"),
        (["--min-translated", "101"], "101"),
        (["--min-translated", "lots"], "lots"),
        (["--no-such-option"], "No such option"),
    ],
)
def test_bad_arguments_exit_2(repo_root: Path, args: list[str], phrase: str) -> None:
    result = run_check(repo_root, *args)
    assert result.exit_code == 2
    assert phrase in result.output


@pytest.mark.parametrize(
    "table, phrase",
    [
        ('[tool.pipeline]\nsource-langauge = "nl"\n', "unknown setting 'source-langauge'"),
        ('[tool.pipeline]\ntarget-languages = "de"\n', "target-languages must be a list"),
        ('[tool.pipeline.schema]\nrequired = "title"\n', "[tool.pipeline.schema] required"),
        ("[tool.pipeline\n", "cannot read it"),
    ],
)
def test_configuration_errors_exit_2(repo_root: Path, table: str, phrase: str) -> None:
    (repo_root / "pyproject.toml").write_text(table, encoding="utf-8")
    before = digest(repo_root)
    result = run_check(repo_root)
    assert result.exit_code == 2
    assert phrase in result.output
    assert "Traceback" not in result.output
    assert digest(repo_root) == before


def test_missing_directory_exits_2(tmp_path: Path) -> None:
    result = invoke("-C", str(tmp_path / "nowhere"), "check")
    assert result.exit_code == 2


def test_check_has_help() -> None:
    result = invoke("check", "--help")
    assert result.exit_code == 0
    for option in ("--fix", "--min-translated", "--format", "--strict"):
        assert option in result.output
    assert "Exit status" in result.output


def test_core_check_returns_the_report_and_prints_nothing(repo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = check(load_config(repo_root))
    assert [p.code for p in report.problems] == ["date-zone", "tags-string"]
    assert (report.count("error"), report.count("warning")) == (0, 2)
    assert [c.post_id for c in report.completeness] == [SEED_ID]
    assert report.fixed == []
    assert capsys.readouterr() == ("", "")


# --------------------------------------------------------------------------------------
# --min-translated


def test_min_translated_fails_below_with_the_percent_shown(tmp_path: Path) -> None:
    root = bad_case("catalog-incomplete", tmp_path)
    result = run_check(root)
    assert result.exit_code == 1
    assert "48.4% translated by words (4 of 6 units), below 100% [incomplete]" in result.output
    assert "de/workshop: 48.4% of words, 4/6 units translated" in result.output
    assert "48.4% translated (" in result.output.splitlines()[-1]
    code, doc = check_json(root)
    assert code == 1
    assert doc["summary"]["percent_words"] == 48.39
    assert doc["completeness"][0]["percent_units"] == pytest.approx(66.67)


def test_min_translated_passes_at_or_above_once_the_german_post_is_merged(tmp_path: Path) -> None:
    root = bad_case("catalog-incomplete", tmp_path)
    code, doc = check_json(root, "--min-translated", "40")
    assert code == 1  # translated enough to publish: the German post must be there
    # and the terms catalog, which the case's catalogs come from before (pipeline.terms)
    assert [p["code"] for p in doc["problems"]] == ["post-missing", "catalog-missing", "catalog-missing"]
    # the merge advised carries the threshold (a plain merge skips a post below 100 %) and the -C
    assert f"run `pipeline -C {root} merge --min-translated 40`" in doc["problems"][0]["message"]
    assert invoke("-C", str(root), "merge", "--min-translated", "40").exit_code == 0
    assert run_check(root, "--min-translated", "40").exit_code == 0
    assert run_check(root, "--min-translated", "48.3").exit_code == 0
    result = run_check(root, "--min-translated", "48.5")
    assert result.exit_code == 1
    assert "48.4% translated by words (4 of 6 units), below 48.5%" in result.output
    # 48.39 is below 48.4: the percent shown says so
    result = run_check(root, "--min-translated", "48.4")
    assert result.exit_code == 1
    assert "48.39% translated by words (4 of 6 units), below 48.4%" in result.output


def test_fuzzy_counts_as_not_translated(repo_root: Path) -> None:
    po = repo_root / "locale" / "de" / "LC_MESSAGES" / f"{SEED_ID}.po"
    text = po.read_text(encoding="utf-8")
    head = "#. paragraph\n#: content/nl/2017-02-22-workshop-e-learning-toekomst.md:15\n"
    assert head in text
    po.write_text(text.replace(head, head + "#, fuzzy\n"), encoding="utf-8")
    code, doc = check_json(repo_root)
    [entry] = doc["completeness"]
    assert entry["units_translated"] == entry["units"] - 1
    assert entry["words"] - entry["words_translated"] == 7  # "Wat vonden de workshopdeelnemers de belangrijkste conclusies?"
    incomplete = [p for p in doc["problems"] if p["code"] == "incomplete"]
    assert len(incomplete) == 1 and f"({entry['units'] - 1} of {entry['units']} units)" in incomplete[0]["message"]
    assert code == 1


def test_an_empty_root_is_clean(tmp_path: Path) -> None:
    (tmp_path / "content" / "nl").mkdir(parents=True)  # a content root without posts yet
    result = run_check(tmp_path)
    assert result.exit_code == 0
    assert result.output == "check: 0 errors, 0 warnings; 100.0% translated (0 of 0 words, 0 of 0 units)\n"


def test_a_folder_that_is_not_a_content_root_fails(tmp_path: Path) -> None:
    # a CI job run in the wrong folder: not "100.0% translated (0 of 0 words)" and exit 0
    result = run_check(tmp_path)
    assert result.exit_code == 2
    assert result.output == f"Error: no content/nl/ under {tmp_path}: run it from the site's root, or pass -C\n"
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------------------
# --format json


PROBLEM_KEYS = {"file", "line", "severity", "code", "message", "fixable"}
SUMMARY_KEYS = {"errors", "warnings", "words", "words_translated", "units", "units_translated", "percent_words"}
COMPLETENESS_KEYS = {
    "post", "language", "units", "units_translated", "words", "words_translated", "percent_units", "percent_words",
}


def validate(doc: dict) -> None:
    """The documented schema of ``check --format json``, version 1."""
    assert set(doc) == {"version", "ok", "summary", "problems", "completeness", "fixed"}
    assert doc["version"] == 1
    assert isinstance(doc["ok"], bool)
    summary = doc["summary"]
    assert set(summary) == SUMMARY_KEYS
    for key in SUMMARY_KEYS - {"percent_words"}:
        assert type(summary[key]) is int and summary[key] >= 0, key
    assert isinstance(summary["percent_words"], (int, float)) and 0 <= summary["percent_words"] <= 100
    assert summary["words_translated"] <= summary["words"]
    assert summary["units_translated"] <= summary["units"]
    for problem in doc["problems"]:
        assert set(problem) == PROBLEM_KEYS
        assert isinstance(problem["file"], str) and problem["file"] and not problem["file"].startswith("/")
        assert problem["line"] is None or (type(problem["line"]) is int and problem["line"] >= 1)
        assert problem["severity"] in ("error", "warning")
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", problem["code"]), problem["code"]
        assert isinstance(problem["message"], str) and problem["message"]
        assert isinstance(problem["fixable"], bool)
    severities = [p["severity"] for p in doc["problems"]]
    assert summary["errors"] == severities.count("error")
    assert summary["warnings"] == severities.count("warning")
    for entry in doc["completeness"]:
        assert set(entry) == COMPLETENESS_KEYS
        assert isinstance(entry["post"], str) and isinstance(entry["language"], str)
        for key in ("units", "units_translated", "words", "words_translated"):
            assert type(entry[key]) is int and entry[key] >= 0
        assert 0 <= entry["percent_units"] <= 100 and 0 <= entry["percent_words"] <= 100
    assert summary["words"] == sum(c["words"] for c in doc["completeness"])
    assert summary["units_translated"] == sum(c["units_translated"] for c in doc["completeness"])
    assert isinstance(doc["fixed"], list) and all(isinstance(x, str) for x in doc["fixed"])


@pytest.mark.parametrize("case", ["translations", "catalog-stale", "empty-file", "bom-crlf"])
def test_json_follows_the_schema(case: str, tmp_path: Path) -> None:
    code, doc = check_json(bad_case(case, tmp_path))
    validate(doc)
    assert doc["ok"] is (code == 0)


def test_json_of_the_repo_content_follows_the_schema(repo_root: Path) -> None:
    code, doc = check_json(repo_root)
    assert code == 0
    validate(doc)
    assert doc["completeness"] == [{
        "post": SEED_ID, "language": "de", "units": doc["summary"]["units"],
        "units_translated": doc["summary"]["units"], "words": doc["summary"]["words"],
        "words_translated": doc["summary"]["words"], "percent_units": 100.0, "percent_words": 100.0,
    }]


def test_json_is_the_only_output(tmp_path: Path) -> None:
    result = run_check(bad_case("translations", tmp_path), "--format", "json")
    json.loads(result.output)  # no summary line or colours around it


# --------------------------------------------------------------------------------------
# --format github

ANNOTATION_RE = re.compile(r"::(error|warning) file=[^,:\n]+(,line=\d+)?,title=[a-z-]+::[^\n]+")


def test_github_annotations(tmp_path: Path) -> None:
    result = run_check(bad_case("translations", tmp_path), "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert all(ANNOTATION_RE.fullmatch(line) for line in lines[:-1]), lines
    assert re.fullmatch(r"check: \d+ errors, \d+ warnings; \d+\.\d% translated", lines[-1]), lines[-1]
    assert (
        "::error file=locale/de/LC_MESSAGES/vertaling.po,line=45,title=code-span::inline code differs "
        "from the source: keep `code` exactly as written (content/nl/vertaling.md:11)"
    ) in lines
    assert any(line.startswith("::warning file=locale/de/LC_MESSAGES/vertaling.po,line=85,title=untranslated::")
               for line in lines)


def test_github_escapes_newlines_percent_commas_and_colons(tmp_path: Path) -> None:
    name = "100%, nieuw: bericht"
    root = seed_root(tmp_path)
    (root / "content" / "nl" / f"{name}.md").write_bytes(SEED.read_bytes().replace(b"CEST", b"CET"))
    # a newline in a name is refused, and shown escaped (\\n): one annotation all the same
    (root / "content" / "nl" / "100%, nieuw:\nbericht.md").write_bytes(SEED.read_bytes())
    result = run_check(root, "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "check: ")) for line in lines), lines
    escaped = "100%25%2C nieuw%3A bericht"
    assert (
        f"::error file=locale/templates/{escaped}.pot,title=catalog-missing::"
        f"missing for content/nl/100%25, nieuw: bericht.md: run `pipeline -C {root} extract`"
    ) in lines
    assert any(line.startswith(f"::error file=content/nl/{escaped}.md,line=1,title=slug-form::") for line in lines)
    assert (
        "::error file=content/nl/100%25%2C nieuw%3A\\nbericht.md,title=post-unreadable::"
        "a control character in the file name, which catalogs cannot hold: rename the file"
    ) in lines
    from pipeline.report import github_escape as _github_escape

    assert _github_escape("a\nb: c, d", property_value=True) == "a%0Ab%3A c%2C d"


def test_github_notices_what_fix_fixed(tmp_path: Path) -> None:
    result = run_check(seed_root(tmp_path), "--format", "github", "--fix")
    notices = [line for line in result.output.splitlines() if line.startswith("::notice::fixed ")]
    assert len(notices) == 2


# --------------------------------------------------------------------------------------
# Colours


@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1"}, {"NO_COLOR": ""}])
def test_no_ansi_when_not_a_terminal(repo_root: Path, env: dict[str, str]) -> None:
    result = run_check(repo_root, env=env)
    assert "\x1b[" not in result.output


def _run_on_a_terminal(root: Path, env: dict[str, str]) -> str:
    main_fd, child_fd = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pipeline", "-C", str(root), "check"],
            stdin=subprocess.DEVNULL, stdout=child_fd, stderr=child_fd,
            env=env, timeout=60, check=False,
        )
        os.close(child_fd)
        child_fd = -1
        chunks = []
        while True:
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:  # EIO: the terminal's other end is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        if child_fd >= 0:
            os.close(child_fd)
        os.close(main_fd)
    assert done.returncode == 0
    return b"".join(chunks).decode("utf-8")


def test_colours_on_a_terminal_unless_no_color(repo_root: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = _run_on_a_terminal(repo_root, env)
    assert "\x1b[" in coloured and "warning" in coloured
    plain = _run_on_a_terminal(repo_root, {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in plain and "warning" in plain


# --------------------------------------------------------------------------------------
# Writes nothing without --fix


def _mtimes(root: Path) -> dict[Path, int]:
    """Modification times of everything but the cache folder, which check may write."""
    return {
        p: p.stat().st_mtime_ns
        for p in root.rglob("*")
        if ".pipeline-cache" not in p.relative_to(root).parts
    }


@pytest.mark.parametrize("args", [[], ["--format", "json"], ["--format", "github"], ["--strict"]])
def test_check_writes_nothing(repo_root: Path, args: list[str]) -> None:
    before = digest(repo_root)
    mtimes = _mtimes(repo_root)
    run_check(repo_root, *args)
    assert digest(repo_root) == before
    assert _mtimes(repo_root) == mtimes


def test_check_with_no_cache_writes_nothing_at_all(repo_root: Path) -> None:
    shutil.rmtree(repo_root / ".pipeline-cache", ignore_errors=True)
    everything = {p: p.stat().st_mtime_ns for p in repo_root.rglob("*")}
    run_check(repo_root, "--no-cache")
    assert {p: p.stat().st_mtime_ns for p in repo_root.rglob("*")} == everything


def test_cached_report_is_the_same_and_follows_the_files(repo_root: Path) -> None:
    first = check_json(repo_root)
    with sqlite3.connect(repo_root / ".pipeline-cache" / "cache.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM posts WHERE name = 'check'").fetchone() == (1,)
    assert check_json(repo_root) == first
    post = next((repo_root / "content" / "nl").glob("*.md"))
    post.write_bytes(post.read_bytes().replace(b"title:", b"titel:", 1))
    code, changed = check_json(repo_root)
    assert code == 1
    assert any(p["code"] == "title-missing" for p in changed["problems"])


# --------------------------------------------------------------------------------------
# --fix


def _changed_lines(old: bytes, new: bytes) -> dict[int, tuple[bytes, bytes]]:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    assert len(a) == len(b)
    return {i + 1: (x, y) for i, (x, y) in enumerate(zip(a, b)) if x != y}


def test_fix_rewrites_only_the_date_and_tags_lines_of_the_seed(tmp_path: Path) -> None:
    root = seed_root(tmp_path)
    path = root / "content" / "nl" / f"{SEED_ID}.md"
    old = path.read_bytes()
    result = run_check(root, "--fix")
    assert f"fixed {SEED_SHOWN}:3: date '2017-02-22 08:00 CEST' -> 2017-02-22T08:00:00+01:00" in result.output
    assert f"fixed {SEED_SHOWN}:4: tags 'workshop, e-learning' -> " in result.output
    new = path.read_bytes()
    changed = _changed_lines(old, new)
    assert sorted(changed) == [3, 4]
    assert changed[3] == (b"date: 2017-02-22 08:00 CEST\n", b"date: 2017-02-22T08:00:00+01:00\n")
    assert changed[4][0] == b"tags: workshop, e-learning\n"
    assert changed[4][1].startswith(b"tags: ") and changed[4][1].endswith(b"\n")
    assert yaml.safe_load(changed[4][1]) == {"tags": ["workshop", "e-learning"]}
    assert yaml.safe_load(changed[3][1])["date"].isoformat() == "2017-02-22T08:00:00+01:00"
    # nothing left to fix or to warn about in the post itself (but its link to
    # /kwaliteitspaspoort/, which is no page of this root: the repository maps it in
    # [tool.pipeline.links], this root has no settings)
    _, doc = check_json(root)
    assert not [p for p in doc["problems"] if p["file"] == SEED_SHOWN and p["code"] != "link-broken"]
    assert [(p["line"], p["code"]) for p in doc["problems"] if p["file"] == SEED_SHOWN] == [(39, "link-broken")]
    # a second --fix changes nothing
    before = digest(root)
    result = run_check(root, "--fix")
    assert "fixed" not in result.output
    assert digest(root) == before


def test_fix_keeps_the_byte_order_mark_and_crlf_endings(tmp_path: Path) -> None:
    old = b"\xef\xbb\xbf" + SEED.read_bytes().replace(b"\n", b"\r\n")
    root = seed_root(tmp_path, old)
    path = root / "content" / "nl" / f"{SEED_ID}.md"
    run_check(root, "--fix")
    new = path.read_bytes()
    assert new.startswith(b"\xef\xbb\xbf---\r\n")
    assert new.count(b"\r\n") == new.count(b"\n") == old.count(b"\n")
    changed = _changed_lines(old, new)
    assert sorted(changed) == [3, 4]
    assert changed[3][1] == b"date: 2017-02-22T08:00:00+01:00\r\n"


def test_fix_reports_in_json(tmp_path: Path) -> None:
    _, doc = check_json(seed_root(tmp_path), "--fix")
    validate(doc)
    assert len(doc["fixed"]) == 2
    assert doc["fixed"][0].startswith(f"{SEED_SHOWN}:3: date ")
    assert not [p for p in doc["problems"] if p["code"] in ("date-zone", "tags-string")]


def test_fix_then_merge_leaves_the_repo_content_clean(repo_root: Path) -> None:
    result = run_check(repo_root, "--fix")
    # the Dutch post changed, so its German post is stale until merge runs again
    code, doc = check_json(repo_root)
    assert [p["code"] for p in doc["problems"]] == ["post-stale"]
    assert invoke("-C", str(repo_root), "extract").exit_code == 0
    assert invoke("-C", str(repo_root), "merge").exit_code == 0
    code, doc = check_json(repo_root, "--strict")
    assert (code, doc["problems"]) == (0, []), result.output


def test_fix_leaves_errors_alone(tmp_path: Path) -> None:
    root = bad_case("date-unreadable", tmp_path)
    before = digest(root)
    result = run_check(root, "--fix")
    assert result.exit_code == 1
    assert "fixed" not in result.output
    assert digest(root) == before
