"""Advice that works: every message that tells the user to run a command gives one that,
copied from the output and run exactly as written from where the user ran the first one
(with the same ``-C``), does it: the problem is gone afterwards.

One table: each scenario makes a site, runs the command that gives the advice, takes the
command out of the message, runs it, and asserts what the message promised."""

from __future__ import annotations

import re
import shlex
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.report import runnable_advice

ADVICE = re.compile(r"`(pipeline [^`]+)`|\(run (pipeline [^)]+)\)")

POSTS = {
    "a.md": '---\ntitle: Hallo\ndate: 2024-01-01\ntags: "een, twee"\n---\n\n'
            "Hallo wereld een twee drie vier vijf zes zeven.\n\nNog een zin.\n",
}


def _run(cwd: Path, args: list[str], monkeypatch: pytest.MonkeyPatch) -> subprocess.CompletedProcess[str]:
    monkeypatch.chdir(cwd)
    runner = CliRunner(env={"SOURCE_DATE_EPOCH": "1767225600", "NO_COLOR": "1"})
    result = runner.invoke(main, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def _translate(root: Path, *msgids: str) -> None:
    """Translate these entries of a.po (their msgstr: the msgid with " (de)")."""
    po = root / "locale" / "de" / "LC_MESSAGES" / "a.po"
    text = po.read_text(encoding="utf-8")
    for msgid in msgids:
        old = f'msgid "{msgid}"\nmsgstr ""'
        assert old in text, msgid
        text = text.replace(old, f'msgid "{msgid}"\nmsgstr "{msgid} (de)"')
    po.write_text(text, encoding="utf-8")


@dataclass
class Scenario:
    name: str
    setup: Callable[[Path, Callable[..., subprocess.CompletedProcess[str]]], None]
    """Makes the site's state (``run(*args)``: a command on the site)."""
    command: list[str]
    """The command that gives the advice (run on the site)."""
    said: str
    """What the message with the advice says (the line of the advice holds it)."""
    gone: str
    """What the same command no longer says once the advice is followed."""


def _nothing(root: Path, run: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    pass


def _extracted(root: Path, run: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    run("extract")


def _partly_translated(root: Path, run: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    run("extract")
    _translate(root, "Hallo", "Hallo wereld een twee drie vier vijf zes zeven.")


def _stale_below_100(root: Path, run: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    _partly_translated(root, run)
    assert "wrote" in run("merge", "--min-translated", "40").stdout
    po = root / "locale" / "de" / "LC_MESSAGES" / "a.po"
    po.write_text(po.read_text(encoding="utf-8").replace('"Hallo (de)"', '"Hallo! (de)"'), encoding="utf-8")


def _edited_by_hand(root: Path, run: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    _partly_translated(root, run)
    run("merge", "--min-translated", "40")
    with (root / "content" / "de" / "a.md").open("a", encoding="utf-8") as post:
        post.write("\nMet de hand.\n")


SCENARIOS = [
    Scenario("merge before extract", _nothing, ["merge"], "no catalog", "no catalog"),
    Scenario("check: a catalog missing", _nothing, ["check"], "[catalog-missing]", "[catalog-missing]"),
    Scenario("check: fixable by --fix", _extracted, ["check"], "[tags-string]", "[tags-string]"),
    Scenario("check --min-translated 40: post missing", _partly_translated,
             ["check", "--min-translated", "40"], "[post-missing]", "[post-missing]"),
    Scenario("check --min-translated 40: post stale", _stale_below_100,
             ["check", "--min-translated", "40"], "[post-stale]", "[post-stale]"),
    Scenario("merge --min-translated 40: edited by hand", _edited_by_hand,
             ["merge", "--min-translated", "40"], "changed by hand", "changed by hand"),
    Scenario("status: not extracted", _nothing, ["status"], "not extracted", "not extracted"),
]


@pytest.mark.parametrize("where", ["-C", "inside"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_the_advice_is_a_command_that_does_it(
    scenario: Scenario, where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = tmp_path / "my site"  # a space: the -C of the advice is quoted for the shell
    for name, text in POSTS.items():
        (root / "content" / "nl").mkdir(parents=True, exist_ok=True)
        (root / "content" / "nl" / name).write_text(text, encoding="utf-8")
    cwd, given = (tmp_path, ["-C", "my site"]) if where == "-C" else (root, [])

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return _run(cwd, [*given, *args], monkeypatch)

    scenario.setup(root, run)
    done = run(*scenario.command)
    lines = [line for line in (done.stdout + done.stderr).splitlines() if scenario.said in line]
    advised = [a or b for line in lines for a, b in ADVICE.findall(line)]
    assert advised, f"no command advised in {lines}"
    for command in advised:
        words = shlex.split(command)
        assert words[0] == "pipeline"
        assert (words[1:3] == ["-C", "my site"]) == (where == "-C"), command
        _run(cwd, words[1:], monkeypatch)  # exactly as written, from where the user was
    again = run(*scenario.command)
    assert scenario.gone not in again.stdout + again.stderr


def test_a_merge_advised_below_100_carries_the_threshold() -> None:
    assert runnable_advice("run `pipeline merge`", ".", 40) == "run `pipeline merge --min-translated 40`"
    assert runnable_advice("run `pipeline merge`", ".", 100) == "run `pipeline merge`"
    assert runnable_advice("run `pipeline merge --force x`", "a b", 12.5) == (
        "run `pipeline -C 'a b' merge --min-translated 12.5 --force x`")
    assert runnable_advice("run `pipeline extract`, translate, then `pipeline merge`", "site") == (
        "run `pipeline -C site extract`, translate, then `pipeline -C site merge`")


def test_only_an_advised_command_is_rewritten_never_a_name_or_a_quote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The advice is a command in backticks; the words ``pipeline merge`` in a post's name, a
    slug or a quoted sentence are the user's, and stay as they are (they were rewritten to
    ``pipeline -C site merge --min-translated 40``: a file name that does not exist)."""
    for text in ("slug 'pipeline merge' is not lowercase ASCII words joined by hyphens",
                 "skipped content/de/pipeline merge.md: 0.0% translated, below 40%",
                 'msgid "Gebruik pipeline merge om te publiceren" is untranslated',
                 "content/nl/pipeline-merge-tips.md", "pipeline check: 2 errors"):
        assert runnable_advice(text, "site", 40) == text
    assert runnable_advice("x 'pipeline merge' y; run `pipeline merge`", "site", 40) == (
        "x 'pipeline merge' y; run `pipeline -C site merge --min-translated 40`")
    assert runnable_advice("stale: run `pipeline extract`", "it's") == "stale: run `pipeline -C 'it'\"'\"'s' extract`"
    # end to end: a post named "pipeline merge", a merge and a check below 100 % with -C
    root = tmp_path / "site"
    (root / "content" / "nl").mkdir(parents=True)
    (root / "content" / "nl" / "pipeline merge.md").write_text(
        "---\ntitle: Tips\ndate: 2024-01-01\n---\n\nGebruik pipeline merge.\n", encoding="utf-8")
    run = lambda *args: _run(tmp_path, ["-C", "site", *args], monkeypatch)  # noqa: E731
    run("extract")
    merged = run("merge", "--min-translated", "40")
    assert "skipped content/de/pipeline merge.md: 0.0% translated, below 40%" in merged.stdout, merged.stdout
    checked = run("check", "--min-translated", "40")
    assert "slug 'pipeline merge' is not" in checked.stdout, checked.stdout
    # the status's advice is a command in backticks too, and made runnable
    (root / "content" / "nl" / "nieuw.md").write_text("---\ntitle: Nieuw\ndate: 2024-01-01\n---\n\nTekst.\n",
                                                    encoding="utf-8")
    status = run("status").stdout
    assert "(not extracted: run `pipeline -C site extract`)" in status, status
    assert "1 post not extracted (run `pipeline -C site extract`)" in status, status
