"""Hostile tests of issue 15's CI output (``check --format github``, the job summary): what a
hostile repository's folder names do to the annotations and the summary. Each xfail (strict)
is a real problem found by running the pipeline; see its reason."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.check import CheckReport
from pipeline.checkers import Problem
from pipeline.github import work_tree_prefix
from pipeline.report import check_github
from tests.support import make_root, run_cli

POST = "---\ntitle: Y\ndate: 2024-01-01T10:00:00+01:00\n---\n\nEen zin.\n"


def _incomplete(count: int) -> CheckReport:
    return CheckReport([Problem(f"locale/de/LC_MESSAGES/p{i:02}.po", None, "error", "incomplete",
                                "0.0% translated") for i in range(count)])


def test_a_site_folder_named_like_a_workflow_command_cannot_inject_commands(tmp_path: Path) -> None:
    top = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    site = top / "::stop-commands::pwned"
    site.mkdir()
    prefix = work_tree_prefix(site)
    assert prefix == "::stop-commands::pwned/"  # the folder's real place: the annotations are right
    lines = check_github(_incomplete(12), prefix)
    annotations = [line for line in lines if line.startswith(("::error file=", "::error title="))]
    assert len(annotations) == 10  # 9 + "3 more errors"
    others = [line for line in lines if line not in annotations]
    assert len(others) == 5  # the "not shown" heading, the 3 problems, the totals
    commands = [line for line in others if line.lstrip().startswith("::")]
    assert commands == [], commands


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_a_site_folder_whose_name_is_not_utf8_still_gets_its_summary(tmp_path: Path) -> None:
    top = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    folder = os.fsdecode(b"sit\xe9")
    root = make_root(top / folder, {"ok.md": POST})
    assert run_cli(root, "extract").returncode == 0
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    done = subprocess.run([sys.executable, "-m", "pipeline", "-C", str(root), "check", "--format", "github"],
                          capture_output=True, env=env, timeout=120, check=False)
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")[-400:]
    assert done.returncode == 1
    assert summary.is_file() and b"incomplete" in summary.read_bytes()


def test_the_same_post_named_three_ways_is_checked_once(tmp_path: Path) -> None:
    """pre-commit may pass a file twice (two hooks' file lists joined); ``./x`` and ``x`` are one post."""
    root = make_root(tmp_path / "site", {"ok.md": POST})
    assert run_cli(root, "extract").returncode == 0
    once = run_cli(root, "check", "--format", "junit", "content/nl/ok.md")
    thrice = run_cli(root, "check", "--format", "junit", "content/nl/ok.md", "content/nl/ok.md",
                     "./content/nl/ok.md")
    assert once.returncode == thrice.returncode == 1
    assert thrice.stdout == once.stdout
    assert once.stdout.count("<testcase ") == 1, once.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_summary_path_that_is_a_fifo_does_not_hang_check(tmp_path: Path) -> None:
    root = make_root(tmp_path / "site", {"ok.md": POST})
    assert run_cli(root, "extract").returncode == 0
    fifo = tmp_path / "summary"
    os.mkfifo(fifo)
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(fifo)}
    try:
        done = subprocess.run([sys.executable, "-m", "pipeline", "-C", str(root), "check"],
                              capture_output=True, text=True, env=env, timeout=10, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("check hung opening the FIFO GITHUB_STEP_SUMMARY names")
    assert done.returncode == 1
    assert "job summary" in done.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="needs root to give the repository to another user")
@pytest.mark.xfail(strict=True, reason="git refuses the work tree ('detected dubious ownership', as in a "
                   "CI container whose user is not the checkout's owner): work_tree_prefix swallows it, "
                   "the annotations name files from site/ instead of the repository's top and attach to "
                   "nothing, with no warning on stderr")
def test_a_repository_git_refuses_as_dubious_is_not_silently_misannotated(tmp_path: Path) -> None:
    import pwd

    from click.testing import CliRunner

    from pipeline.cli import main
    from tests.test_github import _annotations, make_site

    top = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    site = make_site(top / "site", 2)
    nobody = pwd.getpwnam("nobody").pw_uid
    for path in (top, *top.rglob("*")):
        os.lchown(path, nobody, -1)
    env = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    refused = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=site, capture_output=True, text=True,
                             env={**os.environ, **env}, check=False)
    assert refused.returncode != 0 and "dubious ownership" in refused.stderr  # the misconfiguration is real
    result = CliRunner().invoke(main, ["-C", str(site), "check", "--format", "github"], env=env)
    assert result.exit_code == 1, result.output
    found = [m["file"] for m in _annotations(result.stdout) if m["file"]]
    assert found
    landed = all(f.startswith("site/") for f in found)
    warned = "safe.directory" in result.stderr or "dubious" in result.stderr
    assert landed or warned, (found[:2], result.stderr)


@pytest.mark.parametrize("name", ["y\n::warning::x.md", os.fsdecode(b"caf\xe9.md")], ids=["newline", "not-utf8"])
@pytest.mark.xfail(strict=True, reason="a post whose file name catalogs cannot hold: the whole-site check "
                   "reports it (post-unreadable, exit 1), but check PATH naming that post, or its folder, "
                   "says 0 errors and exits 0, so the pre-commit hook lets the commit that adds it through")
def test_check_path_of_a_post_with_an_unusable_name_reports_what_check_reports(tmp_path: Path, name: str) -> None:
    root = make_root(tmp_path / "site", {"ok.md": POST, name: POST.replace("title: Y", "title: Z")})
    run_cli(root, "extract")  # exit 1: the unusable name
    run_cli(root, "merge", "--min-translated", "0")  # ok.md merged; exit 1 for the same reason
    whole = run_cli(root, "check", "--min-translated", "0")
    assert whole.returncode == 1 and "[post-unreadable]" in whole.stdout, whole.stdout
    for paths in ((f"content/nl/{name}",), ("content/nl",)):
        named = run_cli(root, "check", "--min-translated", "0", *paths)
        assert named.returncode == 1 and "[post-unreadable]" in named.stdout, (paths, named.stdout)


@pytest.mark.xfail(strict=True, reason="check PATH through the very symlink -C names (-C link check "
                   "link/content/nl/ok.md) is refused as 'not a post, template or catalog of the site' "
                   "(exit 2), while the same file by its real path is checked")
def test_check_path_through_the_symlink_c_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_root(tmp_path / "real" / "site", {"ok.md": POST})
    assert run_cli(root, "extract").returncode == 0
    (tmp_path / "link").symlink_to(root, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    real = run_cli(tmp_path / "link", "check", "real/site/content/nl/ok.md")
    assert real.returncode == 1 and "locale/de/LC_MESSAGES/ok.po" in real.stdout, real.stderr
    linked = run_cli(tmp_path / "link", "check", "link/content/nl/ok.md")
    assert (linked.returncode, linked.stdout) == (real.returncode, real.stdout), linked.stderr
