"""The repository's .pre-commit-hooks.yaml with the real pre-commit: the manifest is valid, and
its hooks (as `repo: local` hooks of a site's git repository, `language: system`: a real
`language: python` install would fetch the pipeline from the network) check the files touched
and refuse a commit of a broken post."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support import make_root, run_cli

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / ".pre-commit-hooks.yaml"
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
pytestmark = pytest.mark.skipif(PRE_COMMIT is None or shutil.which("git") is None,
                                reason="pre-commit (pip install -e '.[test]') and git are needed")


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update({
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",  # this pipeline
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "HOME": str(tmp_path),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
        "SOURCE_DATE_EPOCH": "1767225600", "NO_COLOR": "1",
    })
    return env


def _run(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=root, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_manifest_is_valid_and_names_the_hooks() -> None:
    done = subprocess.run([PRE_COMMIT, "validate-manifest", str(MANIFEST)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    hooks = {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))}
    assert set(hooks) == {"pipeline-check", "pipeline-check-all"}
    assert hooks["pipeline-check"]["pass_filenames"] is True and hooks["pipeline-check-all"]["pass_filenames"] is False


def test_hook_checks_the_touched_post_and_refuses_a_broken_commit(tmp_path: Path) -> None:
    env = _env(tmp_path)
    root = make_root(tmp_path / "site", {
        "a.md": "---\ntitle: A\ndate: 2023-05-01T10:00:00+02:00\n---\n\nHallo wereld.\n",
        "b.md": "---\ntitle: B\ndate: 2023-05-01T10:00:00+02:00\n---\n\nTekst.\n",
    })
    (root / "pyproject.toml").write_text("[tool.pipeline]\n", encoding="utf-8")
    (root / ".gitignore").write_text(".pipeline-cache/\n", encoding="utf-8")  # else pre-commit sees check's cache change
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    for hook in hooks:
        hook["language"] = "system"
        hook["args"] = ["--min-translated", "0"]
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    assert run_cli(root, "extract").returncode == 0  # in this process: the hooks' runs are the real ones
    assert run_cli(root, "merge", "--min-translated", "0").returncode == 0
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "site"]):
        done = _run(root, env, *command)
        assert done.returncode == 0, done.stdout + done.stderr
    # b has a problem, committed before the hook was installed: a's check does not see it
    b = root / "content/nl/b.md"
    b.write_text(b.read_text().replace("date: 2023-05-01T10:00:00+02:00\n", ""), encoding="utf-8")
    passed = _run(root, env, PRE_COMMIT, "run", "pipeline-check", "--files", "content/nl/a.md")
    assert passed.returncode == 0, passed.stdout
    failed = _run(root, env, PRE_COMMIT, "run", "pipeline-check", "--files", "content/nl/b.md", "README.md")
    assert failed.returncode == 1 and "content/nl/b.md" in failed.stdout and "[date-missing]" in failed.stdout
    b.write_text(b.read_text().replace("title: B\n", "title: B\ndate: 2023-05-01T10:00:00+02:00\n"), encoding="utf-8")
    # the git hook: a broken staged post refuses the commit
    assert _run(root, env, PRE_COMMIT, "install").returncode == 0
    a = root / "content/nl/a.md"
    a.write_text(a.read_text().replace("2023-05-01T10:00:00+02:00", "2023-02-30"), encoding="utf-8")
    _run(root, env, "git", "add", "content/nl/a.md")
    refused = _run(root, env, "git", "commit", "-qm", "a broken")
    assert refused.returncode != 0 and "content/nl/a.md" in refused.stdout + refused.stderr
    assert _run(root, env, "git", "rev-list", "--count", "HEAD").stdout.strip() == "1"


def test_a_commit_that_only_deletes_a_post_is_checked(tmp_path: Path) -> None:
    """pre-commit passes no deleted file (and skips a hook none of whose files is staged): a
    commit deleting a post that another links to went in with both hooks "(no files to check)
    Skipped", leaving its German post and catalogs orphaned and the link broken. The whole-site
    hook always runs."""
    env = _env(tmp_path)
    root = make_root(tmp_path / "site", {
        "a.md": "---\ntitle: A\ndate: 2023-05-01T10:00:00+02:00\n---\n\nHallo wereld.\n",
        "b.md": "---\ntitle: B\ndate: 2023-05-01T10:00:00+02:00\n---\n\nZie [a](/a/).\n",
    })
    (root / "pyproject.toml").write_text("[tool.pipeline]\n", encoding="utf-8")
    (root / ".gitignore").write_text(".pipeline-cache/\n", encoding="utf-8")
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    for hook in hooks:
        hook["language"] = "system"
        hook["args"] = ["--min-translated", "0"]
    (root / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, sort_keys=False), encoding="utf-8")
    assert run_cli(root, "extract").returncode == 0
    assert run_cli(root, "merge", "--min-translated", "0").returncode == 0
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "site"],
                    [PRE_COMMIT, "install"], ["git", "rm", "-q", "content/nl/a.md"]):
        done = _run(root, env, *command)
        assert done.returncode == 0, done.stdout + done.stderr
    refused = _run(root, env, "git", "commit", "-qm", "a deleted")
    assert refused.returncode != 0, refused.stdout + refused.stderr
    assert "[catalog-orphan]" in refused.stdout + refused.stderr
    assert _run(root, env, "git", "rev-list", "--count", "HEAD").stdout.strip() == "1"
