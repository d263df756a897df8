"""Issue 16: completeness per language. ``--min-translated de=100 --min-translated en=80``
(repeatable; a bare percent is every language's) in check and merge, the API's mapping, the
job summary and the advice that names a merge."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from merge_support import fill_catalog
from support import make_root

from pipeline import api
from pipeline.cli import main
from pipeline.languages import MinTranslated
from pipeline.report import runnable_advice

POST = "---\ntitle: Over ons\ndate: 2020-01-01\n---\n\nEen alinea met vier woorden.\n\nNog een alinea hier.\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Two target languages: German all translated, English half (by words: the title and
    the first paragraph, 7 of 11 words)."""
    root = make_root(tmp_path / "root", {"post.md": POST})
    (root / "pyproject.toml").write_text('[tool.pipeline]\ntarget-languages = ["de", "en"]\n', encoding="utf-8")
    assert CliRunner().invoke(main, ["-C", str(root), "extract"]).exit_code == 0
    german = {"Over ons": "Über uns", "Een alinea met vier woorden.": "Ein Absatz mit vier Wörtern.",
              "Nog een alinea hier.": "Noch ein Absatz hier."}
    english = {"Over ons": "About us", "Een alinea met vier woorden.": "A paragraph of four words."}
    fill_catalog(root / "locale" / "de" / "LC_MESSAGES" / "post.po", lambda ctx, msgid: german.get(msgid))
    fill_catalog(root / "locale" / "en" / "LC_MESSAGES" / "post.po", lambda ctx, msgid: english.get(msgid))
    return root


def _incomplete(root: Path, *options: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["-C", str(root), "check", *options])
    return result.exit_code, [line.strip() for line in result.output.splitlines() if "[incomplete]" in line]


def test_check_holds_each_language_to_its_own_threshold(root: Path) -> None:
    assert CliRunner().invoke(main, ["-C", str(root), "merge", "--min-translated", "50"]).exit_code == 0
    code, incomplete = _incomplete(root, "--min-translated", "de=100", "--min-translated", "en=50")
    assert (code, incomplete) == (0, [])
    code, incomplete = _incomplete(root, "--min-translated", "de=100", "--min-translated", "en=80")
    assert code == 1
    assert incomplete == ["-: error: 63.6% translated by words (2 of 3 units), below 80% [incomplete]"]
    # a bare percent is every language's, as it always was; a language not named keeps it
    assert _incomplete(root, "--min-translated", "80")[1] == incomplete
    assert _incomplete(root, "--min-translated", "50", "--min-translated", "en=80")[1] == incomplete
    assert _incomplete(root, "--min-translated", "0", "--min-translated", "de=100")[0] == 0


def test_merge_writes_each_language_on_its_own_threshold(root: Path) -> None:
    result = CliRunner().invoke(main, ["-C", str(root), "merge", "--min-translated", "en=80"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "wrote content/de/post.md (100% translated)",
        "skipped content/en/post.md: 63.6% translated, below 80%",
        "merge: 1 written, 1 below",
    ]
    result = CliRunner().invoke(main, ["-C", str(root), "merge", "--min-translated", "de=100",
                                       "--min-translated", "en=60"])
    assert "wrote content/en/post.md (64% translated)" in result.output, result.output
    assert (root / "content" / "en" / "post.md").is_file()
    # the bar raised again: the English post is left as it was, and named so
    result = CliRunner().invoke(main, ["-C", str(root), "merge", "--min-translated", "en=80"])
    assert result.output.splitlines() == [
        "stale content/en/post.md: catalog is 63.6% translated, below 80%; the English post is left as it was",
        "merge: 1 unchanged, 1 stale",
    ]


@pytest.mark.parametrize(("value", "said"), [
    (["fr=50"], "'fr' is not a target language (de, en)"),
    (["en=50", "en=60"], "names 'en' twice"),
    (["=50"], "name a target language before '='"),
    (["en=x"], "'en=x' is not a percent from 0 to 100, nor LANG=percent"),
    (["en=150"], "'en=150': the percent for en is not a number from 0 to 100"),
    (["de=-1"], "'de=-1': the percent for de is not a number from 0 to 100"),
    (["en=nan"], "not a number from 0 to 100"),
    # two languages in one value (a CI input written "de=100,en=80"): each needs its own option
    (["de=80,en=70"], "give one LANG=percent per option (--min-translated de=80 --min-translated en=70)"),
    (["de=80=1"], "give one LANG=percent per option"),
])
def test_a_bad_value_is_a_usage_error_naming_the_option(root: Path, value: list[str], said: str) -> None:
    for command in ("check", "merge"):
        options = [part for v in value for part in ("--min-translated", v)]
        result = CliRunner().invoke(main, ["-C", str(root), command, *options])
        assert result.exit_code == 2, result.output
        assert "'--min-translated'" in result.stderr and said in result.stderr, result.stderr
        assert "Traceback" not in result.output
    assert not (root / "content" / "de").exists()


def test_the_api_takes_a_mapping_per_language(root: Path) -> None:
    report = api.merge(root, min_translated={"en": 60})
    assert [(r.path, r.action) for r in report.results] == [
        ("content/de/post.md", "written"), ("content/en/post.md", "written")]
    assert report.languages == ["de", "en"]
    codes = [p.code for p in api.check(root, min_translated={"de": 100, "en": 80}).problems]
    assert codes.count("incomplete") == 1
    with pytest.raises(api.UnknownThresholdLanguage, match="'fr' is not a target language"):
        api.check(root, min_translated={"fr": 10})
    with pytest.raises(ValueError, match="not a percent"):
        api.merge(root, min_translated={"en": 101})


def test_the_advised_merge_carries_the_thresholds_per_language(root: Path) -> None:
    thresholds = MinTranslated(100.0, (("de", 100.0), ("en", 60.0)))
    assert runnable_advice("missing: run `pipeline merge`", ".", thresholds) == (
        "missing: run `pipeline merge --min-translated de=100 --min-translated en=60`")
    assert runnable_advice("run `pipeline merge`", ".", MinTranslated(50.0, (("en", 60.0),))) == (
        "run `pipeline merge --min-translated 50 --min-translated en=60`")
    # every language at 100: a plain merge does
    assert runnable_advice("run `pipeline merge`", ".", MinTranslated(100.0, (("en", 100.0),))) == "run `pipeline merge`"
    result = CliRunner().invoke(main, ["-C", str(root), "check", "--min-translated", "en=60"])
    assert result.output.count("root merge --min-translated en=60` [post-missing]") == 2, result.output


def test_the_job_summary_lists_the_posts_below_their_language_s_threshold(root: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    CliRunner().invoke(main, ["-C", str(root), "check", "--min-translated", "en=80"])
    text = summary.read_text(encoding="utf-8")
    assert "### Below their language's threshold (en 80%, others 100%) translated (1 post)" in text, text
    assert "| post | en | 4 | 63.6% | 2 of 3 |" in text, text


@pytest.mark.parametrize(("given", "code"), [("de=100 en=60", 0), ("de=100 en=80", 1), ("60", 0), ("", 1)])
def test_the_action_takes_a_threshold_per_language(root: Path, given: str, code: int) -> None:
    """action.yml's check step, run by bash as the runner runs it: its ``min-translated``
    input split on blanks into one option each (empty: the default, 100)."""
    import os
    import subprocess
    import sys

    import yaml

    assert CliRunner().invoke(main, ["-C", str(root), "merge", "--min-translated", "50"]).exit_code == 0
    action = yaml.safe_load((Path(__file__).resolve().parent.parent / "action.yml").read_text(encoding="utf-8"))
    step = next(step for step in action["runs"]["steps"] if step.get("name") == "pipeline check")
    env = {**os.environ, "PIPELINE_ROOT": str(root), "PIPELINE_MIN_TRANSLATED": given, "PIPELINE_ARGS": "",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == code, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
