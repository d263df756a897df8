"""GitHub Actions: annotations that land (paths from the git work tree's top whatever ``-C``
says, the most severe first, one annotation for those GitHub would not show), the job summary
appended to ``GITHUB_STEP_SUMMARY``, and the composite action (action.yml)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline.check import CheckReport, Completeness
from pipeline.checkers import Problem
from pipeline.cli import main
from pipeline.report import PROBLEM_RANKS, check_github, problem_rank

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "pipeline"
ANNOTATION_RE = re.compile(r"::(error|warning) (file=(?P<file>[^,\n]+),)?(line=(?P<line>\d+),)?title=[^:\n]+::.+")
SCRIPT = "<script>alert(1)</script>"


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def _post(root: Path, name: str, title: str) -> None:
    (root / "content" / "nl" / f"{name}.md").write_text(
        f'---\ntitle: "{title}"\ndate: 2024-01-01T10:00:00+01:00\n---\n\nEen zin over het weer.\n\nNog een zin.\n',
        encoding="utf-8",
    )


def _translate(catalog: Path, translations: dict[str, str]) -> None:
    text = catalog.read_text(encoding="utf-8")
    for msgid, msgstr in translations.items():
        old = f'msgid "{msgid}"\nmsgstr ""'
        assert old in text, msgid
        text = text.replace(old, f'msgid "{msgid}"\nmsgstr "{msgstr}"')
    catalog.write_text(text, encoding="utf-8")


def make_site(root: Path, posts: int, script: bool = True) -> Path:
    """``posts`` Dutch posts, extracted; the last one's catalog translated in full, with a
    ``<script>`` in a msgstr: with ``posts`` 34, 35 errors (33 catalogs incomplete, the
    injection, its German post not merged), the injection's catalog last by name."""
    (root / "content" / "nl").mkdir(parents=True)
    for i in range(posts):
        _post(root, f"p{i:02}", f"Post {i:02}")
    assert invoke("-C", str(root), "extract").exit_code == 0
    last = f"p{posts - 1:02}"
    _translate(root / "locale" / "de" / "LC_MESSAGES" / f"{last}.po", {
        last: last, f"Post {posts - 1:02}": f"Beitrag {posts - 1:02}",
        "Een zin over het weer.": "Ein Satz über das Wetter." + (SCRIPT if script else ""),
        "Nog een zin.": "Noch ein Satz.",
    })
    return root


@pytest.fixture(scope="module")
def site35(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(tmp_path_factory.mktemp("site35") / "site", 34)


# --------------------------------------------------------------------------------------
# (a) paths from the git work tree's top


def _git_repo(tmp_path: Path, folder: str) -> tuple[Path, Path]:
    top = tmp_path / "repo"
    top.mkdir()
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    site = make_site(top / folder, 2)
    return top, site


def _annotations(output: str) -> list[re.Match[str]]:
    return [m for m in map(ANNOTATION_RE.fullmatch, output.splitlines()) if m]


def test_annotation_paths_start_at_the_git_top_whatever_c_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top, site = _git_repo(tmp_path, "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for cwd, root in ((top, "site"), (elsewhere, str(site)), (site / "content", "..")):
        monkeypatch.chdir(cwd)
        result = invoke("-C", root, "check", "--format", "github")
        assert result.exit_code == 1, result.output
        found = [m["file"] for m in _annotations(result.output) if m["file"]]
        assert len(found) >= 3, result.output
        for file in found:
            assert file.startswith("site/"), (cwd, file)
            assert file.startswith(("site/content/", "site/locale/")), file
            if not file.startswith("site/content/de/"):  # a German post not merged yet is named
                assert (top / file).is_file(), file
        assert "site/locale/de/LC_MESSAGES/p01.po" in found
        assert "site/content/de/p01.md" in found  # missing: where merge writes it


def test_annotation_paths_stay_the_roots_outside_a_work_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    site = make_site(tmp_path / "site", 2)
    result = invoke("-C", str(site), "check", "--format", "github")
    found = [m["file"] for m in _annotations(result.output) if m["file"]]
    assert "locale/de/LC_MESSAGES/p01.po" in found
    assert all(not f.startswith("site/") for f in found), found
    # and the content root at the work tree's top: the same paths
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    again = invoke("-C", str(site), "check", "--format", "github")
    assert again.output == result.output


def test_the_prefix_and_the_values_are_escaped_as_workflow_commands_require(tmp_path: Path) -> None:
    _, site = _git_repo(tmp_path, "a,b: 100%")
    result = invoke("-C", str(site), "check", "--format", "github")
    found = [m["file"] for m in _annotations(result.output) if m["file"]]
    assert "a%2Cb%3A 100%25/locale/de/LC_MESSAGES/p01.po" in found, result.output
    # a message and a file name holding %, \r, \n, `:` and `,`
    report = CheckReport([Problem("content/nl/x,y:z%.md", 3, "error", "title-missing", "50% done\r\nnext: a, b")])
    line = check_github(report, "s:1,/")[0]
    assert line == ("::error file=s%3A1%2C/content/nl/x%2Cy%3Az%25.md,line=3,title=title-missing::"
                    "50%25 done%0D%0Anext: a, b")


# --------------------------------------------------------------------------------------
# (b) the most severe first; (c) overflow


def test_the_script_injection_is_the_first_of_35_errors(site35: Path) -> None:
    result = invoke("-C", str(site35), "check", "--format", "json")
    import json

    problems = json.loads(result.output)["problems"]
    errors = [p for p in problems if p["severity"] == "error"]
    assert len(errors) == 35
    assert [p["code"] for p in errors].index("html-added") == 34  # the report's order: last
    result = invoke("-C", str(site35), "check", "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    first = lines[0]
    assert first.startswith("::error file=locale/de/LC_MESSAGES/p33.po,line=") and ",title=html-added::" in first
    assert "&lt;script&gt;" not in first and "<script>" in first
    error_annotations = [line for line in lines if line.startswith("::error ")]
    assert len(error_annotations) == 10  # what GitHub shows for a step
    assert lines[1].startswith("::error file=content/de/p33.md,title=post-missing::")  # a broken page next
    assert error_annotations[-1] == (
        "::error title=26 more errors::26 more errors not shown as annotations (GitHub shows 10 per "
        "step): see the job summary (Problems by kind) and this step's log, which lists them after "
        "the annotations"
    )
    warnings = [line for line in lines if line.startswith("::warning ")]
    assert warnings and lines.index(warnings[0]) > lines.index(error_annotations[-1])
    # nothing lost: every problem an annotation or a line of the log after them
    plain = lines[lines.index("not shown as annotations (26 problems):") + 1 : -1]
    assert len(plain) == 26 and all(not line.startswith("::") for line in plain)
    assert len(error_annotations) - 1 + len(warnings) + len(plain) == len(problems)
    for p in problems:
        where = p["file"] + (f",line={p['line']}" if p["line"] else "")
        shown = f"{p['file']}" + (f":{p['line']}" if p["line"] else "")
        assert (any(f"file={where},title={p['code']}::" in line for line in lines)
                or f"- {shown}: {p['severity']}: {p['message']} [{p['code']}]" in plain), p
    assert lines[-1] == "check: 35 errors, 2 warnings; 2.9% translated"


def test_order_errors_first_by_rank_ties_as_reported() -> None:
    problems = [
        Problem("a.po", 1, "warning", "numbers", "w"),
        Problem("a.po", 2, "error", "incomplete", "other 1"),
        Problem("b.po", 1, "error", "link-broken", "broken 1"),
        Problem("b.po", 2, "error", "javascript-url", "unsafe 1"),
        Problem("c.md", 1, "error", "title-missing", "broken 2"),
        Problem("c.po", 9, "error", "control-char", "unsafe 2"),
        Problem("d.po", 1, "error", "post-stale", "other 2"),
    ]
    lines = check_github(CheckReport(problems), per_step=3)
    assert [line.rsplit("::", 1)[1] for line in lines[:4]] == [
        "unsafe 1", "unsafe 2", ("4 more errors not shown as annotations (GitHub shows 3 per step): see the "
                                 "job summary (Problems by kind) and this step's log, which lists them after the "
                                 "annotations"), "w",
    ]
    assert lines[4:9] == [
        "not shown as annotations (4 problems):",
        "- b.po:1: error: broken 1 [link-broken]", "- c.md:1: error: broken 2 [title-missing]",
        "- a.po:2: error: other 1 [incomplete]", "- d.po:1: error: other 2 [post-stale]",
    ]
    # a name or message with a line break cannot start a workflow command of its own
    sneaky = [Problem("a.po", 1, "error", "post-stale", "m"),
              Problem("x\n::error::name.md", 1, "error", "post-stale", "m\r\n::warning::message")]
    plain = check_github(CheckReport(sneaky), per_step=1)
    assert [line for line in plain if line.startswith("::")] == [
        ("::error title=2 more errors::2 more errors not shown as annotations (GitHub shows 1 per step): see the "
         "job summary (Problems by kind) and this step's log, which lists them after the annotations")]
    assert "- x\\n::error::name.md:1: error: m\\r\\n::warning::message [post-stale]" in plain
    # at most per_step of a severity: all shown, no overflow line
    assert len(check_github(CheckReport(problems[:4]), per_step=3)) == 5


def _emitted_codes() -> dict[str, str]:
    """Every problem code the package can emit, found in its source: the code argument of
    Problem, _error/_warning, _refusal/Refusal and CatalogWarning, the middle of a
    ("error"|"warning", code, message) tuple, a class's ``code``, getattr's default for one;
    a code made of a key and a suffix as ``*-suffix`` (a date's reading: each kind)."""
    calls = {"Problem": 3, "_error": 0, "_warning": 0, "_refusal": 3, "Refusal": 2, "CatalogWarning": 3}
    kinds = set()
    dates = ast.parse((PACKAGE / "dates.py").read_text(encoding="utf-8"))
    for node in ast.walk(dates):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "DateReading" and len(node.args) == 4:
            kinds.add(node.args[3].value)

    def codes_in(node: ast.AST) -> set[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.IfExp):
            return codes_in(node.body) | codes_in(node.orelse)
        if isinstance(node, ast.JoinedStr):
            last = node.values[-1]
            if isinstance(last, ast.Constant):
                return {"*" + last.value}
            assert ast.unparse(last) == "{reading.kind}", ast.unparse(node)  # a new form: teach this test
            return {f"*-{kind}" for kind in kinds}
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "getattr" and len(node.args) == 3:
            return codes_in(node.args[2])
        return set()

    found: dict[str, str] = {}
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            got: set[str] = set()
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name in calls:
                    if len(node.args) > calls[name]:
                        got |= codes_in(node.args[calls[name]])
                    got |= {c for k in node.keywords if k.arg == "code" for c in codes_in(k.value)}
            elif (isinstance(node, ast.Tuple) and len(node.elts) == 3 and isinstance(node.elts[0], ast.Constant)
                  and node.elts[0].value in ("error", "warning")):
                got |= codes_in(node.elts[1])
            elif isinstance(node, ast.ClassDef):
                for statement in node.body:
                    if isinstance(statement, ast.Assign) and any(getattr(t, "id", "") == "code" for t in statement.targets):
                        got |= codes_in(statement.value)
            for code in got:
                found.setdefault(code, path.name)
    return found


def test_every_code_the_package_emits_has_a_rank() -> None:
    emitted = _emitted_codes()
    assert len(emitted) > 60 and "html-added" in emitted and "structure-changed" in emitted
    assert "*-missing" in emitted and "*-invalid" in emitted
    missing = sorted(f"{code} ({where})" for code, where in emitted.items() if code not in PROBLEM_RANKS)
    assert missing == [], "give each a rank in report.PROBLEM_RANKS"
    assert sorted(set(PROBLEM_RANKS) - set(emitted)) == [], "a code in PROBLEM_RANKS is no longer emitted"
    assert problem_rank("html-added") < problem_rank("link-broken") < problem_rank("post-stale")
    assert problem_rank("title-missing") == problem_rank("link-broken")  # by its suffix
    assert problem_rank("date-zone") == problem_rank("post-stale")


def test_no_git_no_prefix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.github import work_tree_prefix

    monkeypatch.setenv("PATH", str(tmp_path))  # no git to run
    assert work_tree_prefix(tmp_path) == ""
    assert shutil.which("git") is None


# --------------------------------------------------------------------------------------
# The job summary


def _cells(markdown: str) -> list[list[list[str]]]:
    """Each table of ``markdown`` rendered as GitHub-flavoured Markdown (markdown-it-py,
    tables on): its rows, each its cells' text as shown (HTML unescaped); the header row first."""
    from html import unescape

    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(markdown)
    tables = []
    for table in re.findall(r"<table>(.*?)</table>", html, re.DOTALL):
        rows = []
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL):
            cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)
            assert all("<" not in cell for cell in cells), row  # no HTML made of a cell's text
            rows.append([unescape(cell) for cell in cells])
        tables.append(rows)
    return tables


@pytest.mark.parametrize("output_format", ["text", "json", "github"])
def test_the_summary_is_appended_for_every_format(site35: Path, tmp_path: Path, output_format: str) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# an earlier step's summary\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    result = invoke("-C", str(site35), "check", "--format", output_format, env=env)
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# an earlier step's summary\n\n## pipeline check: 35 errors, 2 warnings; 2.9% translated\n")
    invoke("-C", str(site35), "check", "--format", output_format, env=env)
    assert summary.read_text(encoding="utf-8") == text + text[len("# an earlier step's summary\n") :]  # again
    if output_format == "json":
        import json

        json.loads(result.output)  # stdout is the document alone


def test_the_summarys_tables(site35: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = invoke("-C", str(site35), "check", "--format", "json", env={"GITHUB_STEP_SUMMARY": str(summary)})
    completeness, below, kinds = _cells(summary.read_text(encoding="utf-8"))
    assert completeness == [
        ["language", "catalogs", "units translated", "words translated", "translated (words)"],
        ["de", "34", "3 of 102", "10 of 340", "2.9%"],
    ]
    assert below[0] == ["post", "language", "words left", "translated (words)", "units translated"]
    assert below[1] == ["p00", "de", "10", "0.0%", "0 of 3"]
    assert len(below) == 1 + 20 and below[-1][0] == "p19"
    assert "\nand 13 more\n" in summary.read_text(encoding="utf-8")
    assert "### Below 100% translated (33 posts)" in summary.read_text(encoding="utf-8")
    assert kinds == [
        ["code", "severity", "count", "first"],
        ["html-added", "error", "1", "locale/de/LC_MESSAGES/p33.po:28"],
        ["post-missing", "error", "1", "content/de/p33.md"],
        ["incomplete", "error", "33", "locale/de/LC_MESSAGES/p00.po"],
        ["numbers", "warning", "1", "locale/de/LC_MESSAGES/p33.po:28"],
        ["punctuation", "warning", "1", "locale/de/LC_MESSAGES/p33.po:28"],
    ]
    assert result.exit_code == 1


def test_the_summary_most_words_left_first_and_cells_escaped() -> None:
    from pipeline.github import job_summary

    report = CheckReport(
        [Problem("content/nl/a|b <script>*x*.md", 2, "error", "html-added", "m"),
         Problem("content/nl/c.md", None, "warning", "body-empty", "m")],
        [Completeness("few|<b>", "de", 4, 2, 10, 8), Completeness("many", "de", 4, 0, 30, 0),
         Completeness("done", "de", 1, 1, 5, 5), Completeness("some", "fr", 4, 1, 30, 10)],
    )
    markdown = job_summary(report, 100.0, "site/", posts=2)
    completeness, below, kinds = _cells(markdown)
    assert completeness[1:] == [["de", "3", "3 of 9", "13 of 45", "28.9%"], ["fr", "1", "1 of 4", "10 of 30", "33.3%"]]
    assert [row[:3] for row in below[1:]] == [["many", "de", "30"], ["some", "fr", "20"]]
    assert "\nand 1 more\n" in markdown
    assert kinds[1:] == [["html-added", "error", "1", "site/content/nl/a|b <script>*x*.md:2"],
                         ["body-empty", "warning", "1", "site/content/nl/c.md"]]
    assert "<script>" not in markdown


def test_an_unwritable_summary_is_a_one_line_warning(site35: Path, tmp_path: Path) -> None:
    for path in (tmp_path, tmp_path / "no" / "such" / "folder" / "summary.md"):
        result = CliRunner().invoke(main, ["-C", str(site35), "check"], env={"GITHUB_STEP_SUMMARY": str(path)})
        assert result.exit_code == 1  # as without it
        assert result.exception is None or isinstance(result.exception, SystemExit)
        warnings = [line for line in result.stderr.splitlines() if "job summary" in line]
        assert warnings == [f"warning: cannot write the job summary to {path} ({warnings[0].split('(', 1)[1]}"]
        assert "Traceback" not in result.output


# --------------------------------------------------------------------------------------
# action.yml: the composite action

EXPRESSION_RE = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _action() -> dict:
    import yaml

    return yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def test_action_is_a_composite_whose_inputs_are_all_used() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"root", "min-translated", "args", "python-version"}
    assert {name: spec.get("default") for name, spec in action["inputs"].items()} == {
        "root": ".", "min-translated": "100", "args": "", "python-version": "3.12"}
    text = (REPO / "action.yml").read_text(encoding="utf-8")
    used = {m.split(".", 1)[1] for m in EXPRESSION_RE.findall(text) if m.startswith("inputs.")}
    assert used == set(action["inputs"])
    steps = action["runs"]["steps"]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert uses == ["actions/setup-python", "actions/cache/restore", "actions/cache/save"]
    assert all(step.get("shell") == "bash" for step in steps if "run" in step)
    restore = next(step for step in steps if step.get("uses", "").startswith("actions/cache/restore"))
    assert restore["with"]["path"] == "${{ inputs.root }}/.pipeline-cache"
    key, prefix = restore["with"]["key"], restore["with"]["restore-keys"]
    assert key.startswith(prefix) and "runner.os" in prefix and "github.sha" in key[len(prefix):]


def _substituted(text: str, values: dict[str, str]) -> str:
    """``text`` with each ``${{ expression }}`` replaced as the runner would, for the
    expressions a run step may use (any other fails the test)."""
    def value(match: re.Match[str]) -> str:
        assert match[1] in values, f"{match[1]}: not an expression this test knows"
        return values[match[1]]

    return EXPRESSION_RE.sub(value, text)


def test_the_actions_run_steps_give_annotations_and_a_summary(tmp_path: Path) -> None:
    """The action's run steps, run by bash as the runner runs them (its environment files and
    variables, the inputs substituted), on a small site in a workspace's subfolder: the install
    line names the action's path (not run: the worktree's venv is on PATH), the check gives
    annotations from the workspace's top and a summary."""
    workspace, site = _git_repo(tmp_path, "site")
    inputs = {"root": "site", "min-translated": "50", "args": "--strict --jobs 1", "python-version": "3.12"}
    values = {f"inputs.{name}": value for name, value in inputs.items()}
    values |= {"github.action_path": str(REPO), "runner.os": "Linux", "github.sha": "0" * 40}
    files = {name: tmp_path / name.lower() for name in ("GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "GITHUB_ENV")}
    for path in files.values():
        path.write_text("", encoding="utf-8")
    import os

    env = {**os.environ, **{name: str(path) for name, path in files.items()},
           "GITHUB_ACTION_PATH": str(REPO), "GITHUB_WORKSPACE": str(workspace), "GITHUB_ACTIONS": "true",
           "CI": "true", "RUNNER_OS": "Linux", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    outputs = []
    ran = 0
    for step in _action()["runs"]["steps"]:
        if "run" not in step:
            continue  # uses: another action, not run here
        script = _substituted(step["run"], values)
        if script.startswith("pip install"):
            assert script == f'pip install "{REPO}"'
            continue
        step_env = {**env, **{k: _substituted(str(v), values) for k, v in step.get("env", {}).items()}}
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], check=False, cwd=workspace,
                              env=step_env, capture_output=True, text=True, timeout=120)
        outputs.append(done)
        ran += 1
    assert ran == 2
    lock, check = outputs
    assert lock.returncode == 0, lock.stderr
    from pipeline.cache import code_version

    assert files["GITHUB_OUTPUT"].read_text(encoding="utf-8") == f"lock={code_version()}\n"
    assert check.returncode == 1, check.stderr  # p00 untranslated, below 50%
    found = [m["file"] for m in _annotations(check.stdout) if m["file"]]
    assert "site/locale/de/LC_MESSAGES/p00.po" in found and all(f.startswith("site/") for f in found)
    assert "Traceback" not in check.stderr
    summary = files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8")
    assert "## pipeline check: " in summary and "### Below 50% translated (1 post)" in summary
    assert (site / ".pipeline-cache").is_dir()  # what actions/cache/save keeps


def test_a_configuration_error_is_an_annotation_at_its_file_and_line(tmp_path: Path) -> None:
    """A check that cannot run (exit 2: a wrong setting, a path that is not there) said so only
    in the step's log; GitHub listed "Process completed with exit code 2". Now one error
    annotation too, at the setting's file and line from the git top, for the action's step."""
    _, site = _git_repo(tmp_path, "site")
    (site / "pyproject.toml").write_text("[tool.pipeline]\nmin-translted = 3\n", encoding="utf-8")
    result = invoke("-C", str(site), "check", "--format", "github")
    assert result.exit_code == 2
    [annotation] = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotation.startswith("::error file=site/pyproject.toml,line=2,title=pipeline check::unknown setting "), annotation
    assert "unknown setting 'min-translted'" in result.stderr  # the one line of every format, as before
    (site / "pyproject.toml").write_text("[tool.pipeline]\n", encoding="utf-8")
    missing = invoke("-C", str(site), "check", "--format", "github", "content/nl/nope.md")
    assert missing.exit_code == 2
    assert "::error title=pipeline check::content/nl/nope.md: no such file or folder" in missing.stdout
    assert not [line for line in invoke("-C", str(site), "check", "content/nl/nope.md").stdout.splitlines()
                if line.startswith("::")]  # text: no annotation


def test_a_content_root_in_a_submodule_names_files_from_the_superprojects_top(tmp_path: Path) -> None:
    """The workflow runs for the superproject, whose checkout holds the site as a submodule
    (``site/``): its annotations named ``locale/de/…`` from the submodule's top, a path of the
    superproject that is some other file or none. Also a work tree whose folder name ends in a
    blank (``git``'s answer was stripped of it: no prefix at all)."""
    from pipeline.github import work_tree_prefix

    env = {**__import__("os").environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    sub = tmp_path / "sub"
    make_site(sub, 2)
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "site"]):
        subprocess.run(command, cwd=sub, env=env, check=True, capture_output=True)
    top = tmp_path / "super "
    top.mkdir()
    for command in (["git", "init", "-q"],
                    ["git", "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(sub), "web/site"]):
        subprocess.run(command, cwd=top, env=env, check=True, capture_output=True)
    site = top / "web" / "site"
    assert work_tree_prefix(site) == "web/site/"
    assert work_tree_prefix(site / "content") == "web/site/content/"
    assert work_tree_prefix(top / "web") == "web/"
    result = invoke("-C", str(site), "check", "--format", "github")
    found = [m["file"] for m in _annotations(result.output) if m["file"]]
    assert "web/site/locale/de/LC_MESSAGES/p01.po" in found, result.output


def test_closing_line_counts_in_words() -> None:
    """The closing line says "1 error", "1 warning", as the text format does."""
    one_each = [Problem("a.po", 3, "error", "code-span", "x"), Problem("a.po", 4, "warning", "untranslated", "y")]
    assert check_github(CheckReport(one_each))[-1] == "check: 1 error, 1 warning; 100.0% translated"
    assert check_github(CheckReport([]))[-1] == "check: 0 errors, 0 warnings; 100.0% translated"
