"""The bad-input corpus: every case in tests/fixtures/bad/ gets exactly the problems it lists.

See tests/fixtures/bad/README.md for the layout of a case and of its ``expected.txt``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.check import check
from pipeline.cli import main
from pipeline.config import load_config
from support import cpu_seconds

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir())
MARKER = "pipeline-yaml-executed"  # what the yaml-python-tag case's os.system would create

PROBLEM_RE = re.compile(
    r"(?P<file>.+?)(?::(?P<line>\d+))?: (?P<severity>error|warning): (?P<message>.*) \[(?P<code>[a-z-]+)\]"
)


@dataclass
class Expected:
    args: list[str] = field(default_factory=list)
    exit: int | None = None
    lines: list[str] = field(default_factory=list)


def read_expected(case: str) -> Expected:
    path = BAD / case / "expected.txt"
    assert path.is_file(), f"{case}: no expected.txt (see tests/fixtures/bad/README.md)"
    expected = Expected()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("args:"):
            expected.args = shlex.split(line[len("args:") :])
        elif line.startswith("exit:"):
            expected.exit = int(line[len("exit:") :])
        else:
            assert PROBLEM_RE.fullmatch(line), f"{path}:{number}: not a problem line: {line!r}"
            expected.lines.append(line)
    if expected.exit is None:
        expected.exit = 1 if any(PROBLEM_RE.fullmatch(x)["severity"] == "error" for x in expected.lines) else 0
    return expected


def problem_line(p: dict) -> str:
    where = p["file"] if p["line"] is None else f"{p['file']}:{p['line']}"
    return f"{where}: {p['severity']}: {p['message']} [{p['code']}]"


def github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".pipeline-cache" not in p.relative_to(root).parts
    }


def assert_clean_run(result: Result) -> None:
    """No traceback and no exception other than the exit status."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 24


def test_every_case_has_its_expectations_and_a_post_or_catalog() -> None:
    for case in CASES:
        read_expected(case)
        files = [p for p in (BAD / case).rglob("*") if p.is_file() and p.name != "expected.txt"]
        assert any(p.relative_to(BAD / case).parts[0] in ("content", "locale") for p in files), case


@pytest.mark.parametrize("case", CASES)
def test_bad_case(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = read_expected(case)
    root = tmp_path / "root"
    shutil.copytree(BAD / case, root, ignore=shutil.ignore_patterns("expected.txt"))
    monkeypatch.chdir(root)  # where a command run from YAML would leave its marker
    called: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: called.append(args) or 0)
    before = digest(root)
    runner = CliRunner()

    # json: the exact set of problems, the exit status, the summary counts
    start = cpu_seconds()
    result = runner.invoke(main, ["-C", str(root), "check", "--format", "json", *expected.args])
    elapsed = cpu_seconds() - start
    assert_clean_run(result)
    assert elapsed < 10, f"{case}: check took {elapsed:.1f} s"
    document = json.loads(result.output)
    got = sorted(problem_line(p) for p in document["problems"])
    assert got == sorted(expected.lines)
    assert result.exit_code == expected.exit
    assert document["ok"] is (expected.exit == 0)
    severities = [PROBLEM_RE.fullmatch(line)["severity"] for line in expected.lines]
    assert document["summary"]["errors"] == severities.count("error")
    assert document["summary"]["warnings"] == severities.count("warning")

    # every file named is a file of the case (or a catalog that the check says is missing)
    for p in document["problems"]:
        assert (root / p["file"]).exists() or p["code"] == "catalog-missing", p

    # text: the same problems, grouped under their file's name
    result = runner.invoke(main, ["-C", str(root), "check", *expected.args])
    assert_clean_run(result)
    assert result.exit_code == expected.exit
    out = result.output.splitlines()
    for line in expected.lines:
        m = PROBLEM_RE.fullmatch(line)
        assert m["file"] in out, f"{m['file']} not named in:\n{result.output}"
        shown = f"  {m['line'] or '-'}: {m['severity']}: {m['message']} [{m['code']}]"
        header = out.index(m["file"])
        following = out[header + 1 :]
        group = following[: next((i for i, x in enumerate(following) if not x.startswith("  ")), len(following))]
        assert shown in group, f"{shown!r} not under {m['file']} in:\n{result.output}"
    assert "\x1b[" not in result.output
    assert out[-1].startswith("check: ")

    # github: one annotation per problem
    result = runner.invoke(main, ["-C", str(root), "check", "--format", "github", *expected.args])
    assert_clean_run(result)
    assert result.exit_code == expected.exit
    annotations = [x for x in result.output.splitlines() if x.startswith("::")]
    for line in expected.lines:
        m = PROBLEM_RE.fullmatch(line)
        props = f"file={github_escape(m['file'], True)}"
        if m["line"]:
            props += f",line={m['line']}"
        props += f",title={m['code']}"
        assert f"::{m['severity']} {props}::{github_escape(m['message'])}" in annotations
    assert len([a for a in annotations if not a.startswith("::notice")]) == len(expected.lines)

    # nothing written, nothing run from YAML
    assert digest(root) == before
    assert not called
    assert not (root / MARKER).exists()


# --------------------------------------------------------------------------------------
# Generated bad input: pieces of posts and catalogs put together at random

POST_PIECES = st.sampled_from([
    "---\n", "...\n", "title: Titel\n", "title: [\n", "title: !!binary aGk=\n", "title: x\ntitle: y\n",
    "date: 2017-02-22 08:00 CEST\n", "date: 2017-02-30\n", "date: 2017-03-26 02:30 CET\n", "date: gisteren\n",
    "tags: a, b\n", "tags:\n  - a\n  - [b]\n", "lang: nl\n", "lang: de\n", "slug: ../x\n", "slug: Ä\n",
    "draft: misschien\n", "images: [1, /a.png, ../../x]\n", "a: &a [x, x]\nb: [*a, *a]\n", "- x\n", "? [a]\n: b\n",
    "\ufeff", "\r\n", "\r", "\t", "\x00", "\udce9", "[link](/x/) `code` <b> {{< x >}}\n", "Tekst.\n",
])
PO_PIECES = st.sampled_from([
    'msgid ""\n', 'msgstr ""\n', '"Content-Type: text/plain; charset=UTF-8\\n"\n', '"Content-Type: charset=latin-1\\n"\n',
    "#, fuzzy\n", '#~ msgid "a"\n', '#~ msgstr "b"\n', 'msgctxt "slug"\n', 'msgctxt "title"\n', 'msgid "Titel"\n',
    'msgstr "Title"\n', 'msgid "Tekst."\n', 'msgstr "  [x](javascript:y)\u202e"\n', 'msgid_plural "b"\n',
    'msgstr[0] "c"\n', '"\\u"\n', '"\\777"\n', '#| msgid "x"\n', "<<<<<<< HEAD\n", "\n", "#: content/nl/a.md:2\n",
    '"open\n', "\udce9", "\x00",
])


def _text(pieces: list[str]) -> bytes:
    return "".join(pieces).encode("utf-8", "surrogateescape")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    post=st.lists(POST_PIECES, max_size=12).map(_text),
    german=st.lists(POST_PIECES, max_size=12).map(_text),
    po=st.lists(PO_PIECES, max_size=16).map(_text),
)
def test_generated_bad_input_is_reported_never_raised(tmp_path_factory: pytest.TempPathFactory, post: bytes,
                                                       german: bytes, po: bytes) -> None:
    root = tmp_path_factory.mktemp("generated")
    files = {"content/nl/a.md": post, "content/de/a.md": german, "locale/de/LC_MESSAGES/a.po": po,
             "locale/templates/a.pot": po}
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    before = digest(root)
    report = check(load_config(root))
    assert digest(root) == before
    for problem in report.problems:
        assert problem.file in files or problem.code == "catalog-missing", problem
        assert problem.severity in ("error", "warning")
        assert problem.line is None or problem.line >= 1
