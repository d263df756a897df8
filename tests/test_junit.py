"""``pipeline check --format junit`` (validated against our transcription of GitLab's JUnit
format, tests/fixtures/junit/gitlab-junit.xsd)
and ``pipeline check PATH...`` (what concerns the paths given, and only that)."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pipeline.check import CheckReport
from pipeline.checkers import Problem
from pipeline.report import check_junit, junit_timestamp
from tests.support import make_root, run_cli

SCHEMA = Path(__file__).resolve().parent / "fixtures" / "junit" / "gitlab-junit.xsd"
needs_xmllint = pytest.mark.skipif(shutil.which("xmllint") is None,
                                   reason="xmllint is not installed: apt-get install libxml2-utils")


def _xmllint(tmp_path: Path, document: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "report.xml"
    path.write_text(document, encoding="utf-8")
    return subprocess.run(["xmllint", "--noout", "--schema", str(SCHEMA), str(path)],
                          capture_output=True, text=True, check=False)


def _validate(tmp_path: Path, document: str) -> None:
    done = _xmllint(tmp_path, document)
    assert done.returncode == 0, done.stderr


@needs_xmllint
def test_the_schema_refuses_what_gitlab_cannot_read(tmp_path: Path) -> None:
    """The validation can fail: documents GitLab's format does not allow are refused."""
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n  <testsuite name="s" tests="1" failures="1">\n'
    tail = "  </testsuite>\n</testsuites>\n"
    good = '    <testcase classname="c" name="n" file="f.md" time="0"><failure message="m" type="t">x</failure></testcase>\n'
    _validate(tmp_path, head + good + tail)
    refused = {
        "a case without name": '    <testcase classname="c" time="0"/>\n',
        "a case with an empty name": '    <testcase classname="c" name="" time="0"/>\n',
        "a failure outside a case": '    <failure message="m" type="t">x</failure>\n',
        "an element the format has not": '    <testcase classname="c" name="n"><flaky/></testcase>\n',
        "an attribute the format has not": '    <testcase classname="c" name="n" colour="red"/>\n',
        "a negative time": '    <testcase classname="c" name="n" time="-1"/>\n',
        "output after the suite's cases": good + "    <system-out>x</system-out>\n",
    }
    for why, body in refused.items():
        done = _xmllint(tmp_path, head + body + tail)
        assert done.returncode != 0 and "fails to validate" in done.stderr, why


def _site(tmp_path: Path) -> Path:
    """Posts a and b, extracted and merged (German posts written at 0% with --min-translated 0),
    then a with a date error and b with a broken link."""
    root = make_root(tmp_path / "site", {
        "a.md": "---\ntitle: A\ndate: 2023-05-01T10:00:00+02:00\n---\n\nHallo wereld.\n",
        "b.md": "---\ntitle: B\ndate: 2023-05-01T10:00:00+02:00\n---\n\nZie [a](/a/).\n",
    })
    (root / "pyproject.toml").write_text("[tool.pipeline]\n", encoding="utf-8")
    assert run_cli(root, "extract").returncode == 0
    assert run_cli(root, "merge", "--min-translated", "0").returncode == 0
    return root


def _break(root: Path) -> None:
    a = root / "content/nl/a.md"
    a.write_text(a.read_text().replace("2023-05-01T10:00:00+02:00", "2023-02-30"), encoding="utf-8")
    b = root / "content/nl/b.md"
    b.write_text(b.read_text().replace("(/a/)", "(/nergens/)"), encoding="utf-8")


@needs_xmllint
def test_junit_clean_and_broken_sites_validate_with_consistent_totals(tmp_path: Path) -> None:
    root = _site(tmp_path)
    clean = run_cli(root, "check", "--min-translated", "0", "--format", "junit")
    assert clean.returncode == 0, clean.stdout
    _validate(tmp_path, clean.stdout)
    tree = ET.fromstring(clean.stdout)
    cases = {(c.get("classname"), c.get("name")) for c in tree.iter("testcase")}
    assert ("content/nl/a.md", "all checks") in cases and ("content/nl/b.md", "all checks") in cases
    assert [s.get("timestamp") for s in tree.iter("testsuite")] == ["2026-01-01T00:00:00"] * 2  # SOURCE_DATE_EPOCH
    _break(root)
    (root / "locale/de/LC_MESSAGES/zz.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")  # no post
    special = "Ünï & <c> \"q\" 'ü'.md"  # XML's specials and non-ASCII in a file name, a control in a title
    (root / "content/nl" / special).write_text("---\ntitle: \"bell \\a <&>\"\n---\n\nTekst.\n", encoding="utf-8")
    broken = run_cli(root, "check", "--min-translated", "0", "--format", "junit")
    assert broken.returncode == 1
    _validate(tmp_path, broken.stdout)
    tree = ET.fromstring(broken.stdout)
    posts, site = tree.findall("testsuite")
    assert site.get("name") == "site-wide"
    assert [c.get("classname") for c in site.iter("testcase")] == ["locale/de/LC_MESSAGES/zz.po"]
    for suite in (posts, site):
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
    failures = {(c.get("classname"), c.get("name")): c.find("failure")
                for c in posts.iter("testcase") if c.find("failure") is not None}
    assert ("content/nl/b.md", "link-broken") in failures
    assert failures[("content/nl/b.md", "link-broken")].get("type") == "link-broken"
    assert "content/nl/b.md:6: error: link to /nergens/" in failures[("content/nl/b.md", "link-broken")].text
    [a_date] = [failure for (post, _), failure in failures.items() if post == "content/nl/a.md"
                and "content/nl/a.md:3: error:" in failure.text]
    assert a_date.get("message").startswith("1 problem [")
    assert ("content/nl/" + special, "date-missing") in failures
    assert ("content/nl/a.md", "all checks") not in {(c.get("classname"), c.get("name")) for c in posts.iter("testcase")}
    # the same run twice: the same bytes
    assert run_cli(root, "check", "--min-translated", "0", "--format", "junit").stdout == broken.stdout


@needs_xmllint
def test_junit_escapes_xml_specials_non_ascii_and_control_characters(tmp_path: Path) -> None:
    nasty = 'a <b> & "c" \'d\' ü 漢字 🙂 \x00\x07\x1b\x0b\ufffe\ud800 tab\there\nnext\r'
    report = CheckReport(
        problems=[Problem(f"content/nl/{nasty}.md", 2, "error", "x<&>", nasty),
                  Problem("content/nl/w.md", 1, "warning", "date-zone", nasty),
                  Problem("i18n/de.toml", None, "error", "strings-stale", nasty)],
        posts={f"content/nl/{nasty}.md": f"content/nl/{nasty}.md", "content/nl/w.md": "content/nl/w.md"})
    document = check_junit(report, timestamp=junit_timestamp("1700000000"))
    _validate(tmp_path, document)
    tree = ET.fromstring(document)
    failure = next(tree.iter("failure"))
    assert failure.get("type") == "x<&>"
    assert "\\x07" in failure.text and "\\x00" in failure.text and "\\ufffe" in failure.text
    assert "ü 漢字 🙂" in failure.text and "tab\there\nnext" in failure.text
    # a warning passes without --strict (its case's system-out says it), fails with it
    posts = tree.find("testsuite")
    [zone] = [c for c in posts.iter("testcase") if c.get("name") == "date-zone"]
    assert posts.get("failures") == "1" and zone.find("failure") is None
    assert zone.find("system-out").text.startswith("content/nl/w.md:1: warning: a <b> & ")
    strict = ET.fromstring(check_junit(report, strict=True))
    assert strict.find("testsuite").get("failures") == "2"
    assert junit_timestamp("1700000000") == "2023-11-14T22:13:20" and junit_timestamp("x") == "1970-01-01T00:00:00"


def test_check_paths_reports_only_what_concerns_them(tmp_path: Path) -> None:
    root = _site(tmp_path)
    _break(root)
    (root / "README.md").write_text("not a post\n", encoding="utf-8")
    whole = run_cli(root, "check", "--min-translated", "0")
    assert "content/nl/a.md" in whole.stdout and "content/nl/b.md" in whole.stdout
    only_a = run_cli(root, "check", "--min-translated", "0", "content/nl/a.md", "README.md")
    assert only_a.returncode == 1
    assert "content/nl/a.md" in only_a.stdout
    assert "content/nl/b.md" not in only_a.stdout and "nergens" not in only_a.stdout, only_a.stdout
    for path in ("locale/de/LC_MESSAGES/a.po", "locale/templates/a.pot", "content/de/a.md"):
        assert "content/nl/a.md" in run_cli(root, "check", "--min-translated", "0", path).stdout, path
    # a and its files are fine once a's date is: checking a alone passes, b's link is b's
    a = root / "content/nl/a.md"
    a.write_text(a.read_text().replace("2023-02-30", "2023-05-01T10:00:00+02:00"), encoding="utf-8")
    assert run_cli(root, "check", "--min-translated", "0", "content/nl/a.md").returncode == 0
    b = root / "content/nl/b.md"
    b.write_text(b.read_text().replace("(/nergens/)", "(/a/)"), encoding="utf-8")
    assert run_cli(root, "check", "--min-translated", "0").returncode == 0
    # usage errors: a path that is not there; a file outside content/ and locale/ alone
    missing = run_cli(root, "check", "content/nl/nope.md")
    assert missing.returncode == 2 and "content/nl/nope.md: no such file or folder" in missing.stderr
    alone = run_cli(root, "check", "README.md")
    assert alone.returncode == 2 and "README.md" in alone.stderr
    assert run_cli(root, "check", "--fix", "content/nl/a.md").returncode == 2


def test_check_a_post_whose_slug_changed_reports_the_links_to_it_broken(tmp_path: Path) -> None:
    root = _site(tmp_path)
    a = root / "content/nl/a.md"
    a.write_text(a.read_text().replace("title: A\n", "title: A\nslug: nieuw\n"), encoding="utf-8")
    done = run_cli(root, "check", "--min-translated", "0", "content/nl/a.md")
    assert done.returncode == 1
    assert "content/nl/b.md" in done.stdout and "[link-broken]" in done.stdout


def test_check_a_catalog_whose_german_slug_changed_reports_the_other_posts_link(tmp_path: Path) -> None:
    """a's German slug given in its catalog: b's German post links to a's old German URL."""
    root = _site(tmp_path)
    catalog = root / "locale/de/LC_MESSAGES/a.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgctxt "slug"\nmsgid "a"\nmsgstr ""' in text
    catalog.write_text(text.replace('msgctxt "slug"\nmsgid "a"\nmsgstr ""', 'msgctxt "slug"\nmsgid "a"\nmsgstr "neu"'),
                       encoding="utf-8")
    assert run_cli(root, "merge", "--min-translated", "0", "content/nl/a.md").returncode == 0
    done = run_cli(root, "check", "--min-translated", "0", "locale/de/LC_MESSAGES/a.po")
    assert done.returncode == 1, done.stdout
    assert "content/de/b.md" in done.stdout, done.stdout
    # checking only b's files tells the same of b; a's files alone are fine
    assert "content/de/b.md" in run_cli(root, "check", "--min-translated", "0", "content/nl/b.md").stdout


def test_check_paths_from_the_git_top_for_a_site_in_a_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pre-commit gives paths from the git top: ``pipeline -C site check site/content/nl/a.md``."""
    root = _site(tmp_path)
    _break(root)
    monkeypatch.chdir(tmp_path)
    done = run_cli(root, "check", "--min-translated", "0", "site/content/nl/a.md", "site/pyproject.toml")
    assert done.returncode == 1 and "content/nl/a.md" in done.stdout and "content/nl/b.md" not in done.stdout
    folder = run_cli(root, "check", "--min-translated", "0", "site/locale/de")
    assert "content/nl/a.md" in folder.stdout and "content/nl/b.md" in folder.stdout


def test_check_a_german_post_without_its_dutch_post_and_the_site_wide_catalogs(tmp_path: Path) -> None:
    root = _site(tmp_path)
    (root / "content/de/weg.md").write_text("---\ntitle: Weg\n---\n\nText.\n", encoding="utf-8")
    (root / "locale/de/LC_MESSAGES/zz.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")  # no post
    german = run_cli(root, "check", "--min-translated", "0", "content/de/weg.md")
    assert german.returncode == 1 and "content/de/weg.md" in german.stdout and "zz.po" not in german.stdout
    (root / "locale/templates/_terms.pot").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    site_wide = run_cli(root, "check", "--min-translated", "0", "locale/templates/_terms.pot")
    assert "locale/de/LC_MESSAGES/zz.po" in site_wide.stdout and "content/nl/a.md" not in site_wide.stdout
    everything = run_cli(root, "check", "--min-translated", "0", ".")
    assert everything.stdout == run_cli(root, "check", "--min-translated", "0").stdout


@needs_xmllint
def test_junit_of_some_paths_shows_the_posts_named(tmp_path: Path) -> None:
    root = _site(tmp_path)
    done = run_cli(root, "check", "--min-translated", "0", "--format", "junit", "content/nl/a.md")
    assert done.returncode == 0
    _validate(tmp_path, done.stdout)
    tree = ET.fromstring(done.stdout)
    cases = {(c.get("classname"), c.get("name")) for c in tree.iter("testcase")}
    assert cases == {("content/nl/a.md", "all checks")}  # no site-wide check was asked for
    assert [s.get("name") for s in tree.iter("testsuite")] == ["posts"]
    # a site-wide catalog named, or everything: the site-wide checks are shown, passing
    (root / "i18n").mkdir()
    (root / "i18n/nl.toml").write_text('leesmeer = "Lees meer"\n', encoding="utf-8")  # a string table
    assert run_cli(root, "extract").returncode == 0
    assert run_cli(root, "merge", "--min-translated", "0").returncode == 0
    strings = "locale/templates/_i18n.pot"
    for paths in ((strings,), ("content/nl/a.md", strings), (".",)):
        done = run_cli(root, "check", "--min-translated", "0", "--format", "junit", *paths)
        assert done.returncode == 0, (paths, done.stdout)
        _validate(tmp_path, done.stdout)
        cases = {(c.get("classname"), c.get("name")) for c in ET.fromstring(done.stdout).iter("testcase")}
        assert ("site-wide", "all checks") in cases, paths
        assert (("content/nl/a.md", "all checks") in cases) == (paths != (strings,)), paths


def test_junitparser_reads_the_same_totals_and_failures_as_the_report(tmp_path: Path) -> None:
    """A second, independent consumer: junitparser (PyPI) reads the JUnit output; its cases and
    failures are the JSON report's problems, its suite totals the cases it counts itself."""
    from junitparser import Error, Failure, JUnitXml, Skipped

    root = _site(tmp_path)
    _break(root)
    (root / "content/nl/c.md").write_text("---\ntitle: C\ndate: 2023-05-01T10:00:00+02:00\n---\n\n",
                                          encoding="utf-8")  # an empty body: a warning
    (root / "locale/de/LC_MESSAGES/zz.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")  # no post

    for strict in ((), ("--strict",)):
        args = ("check", "--min-translated", "0", *strict)
        problems = json.loads(run_cli(root, *args, "--format", "json").stdout)["problems"]
        assert {p["severity"] for p in problems} == {"error", "warning"}, problems
        report = tmp_path / "check.xml"  # as a CI job keeps it: a file, read as bytes
        report.write_text(run_cli(root, *args, "--format", "junit").stdout, encoding="utf-8")
        document = JUnitXml.fromfile(str(report))
        failed: list[tuple[str, str]] = []  # (code, "file:line: severity: message") per failure line
        passed: list[tuple[str, str]] = []  # likewise, from a passing case's output
        total = {"tests": 0, "failures": 0}
        for suite in document:
            cases = list(suite)
            failing = [case for case in cases if any(isinstance(r, Failure) for r in case.result)]
            assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (len(cases), len(failing), 0, 0)
            assert not any(isinstance(r, (Error, Skipped)) for case in cases for r in case.result)
            total["tests"] += len(cases)
            total["failures"] += len(failing)
            for case in cases:
                [result] = case.result or [None]
                lines = (result.text if result is not None else case.system_out or "").splitlines()
                (failed if result is not None else passed).extend((case.name, line) for line in lines)
                if result is not None:
                    assert result.type == case.name and result.message.endswith(lines[0])
                    if suite.name == "posts":  # each line at a file of the case's post
                        stem = Path(case.classname).stem
                        assert all(Path(line.split(":")[0]).stem == stem for line in lines), (case.classname, lines)

        def said(p: dict) -> tuple[str, str]:
            return (p["code"], f'{p["file"]}:{p["line"]}: {p["severity"]}: {p["message"]}' if p["line"]
                    else f'{p["file"]}: {p["severity"]}: {p["message"]}')
        failing_severities = {"error", "warning"} if strict else {"error"}
        assert sorted(failed) == sorted(said(p) for p in problems if p["severity"] in failing_severities)
        assert sorted(passed) == sorted(said(p) for p in problems if p["severity"] not in failing_severities)
        # the totals: a case per post (by its files' stem here) and code, plus "all checks" for a post none fails
        cases: dict[tuple[str, str], bool] = {}
        for p in problems:
            key = (Path(p["file"]).stem, p["code"])
            cases[key] = cases.get(key, False) or p["severity"] in failing_severities
        failing_posts = {stem for (stem, _), fails in cases.items() if fails}
        assert total["failures"] == sum(cases.values())
        assert total["tests"] == len(cases) + len({"a", "b", "c"} - failing_posts)


@needs_xmllint
def test_junit_paths_start_at_the_git_top_like_the_annotations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """GitLab links a case's ``file`` from the repository's top: with the site in a subfolder
    (``-C site``), every path of the report (classname, file, each problem's ``file:line``) is
    from the git top, as the annotations' are (report.repository_path, the one rule)."""
    top = tmp_path / "repo"
    top.mkdir()
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    root = _site(top)  # top/site
    _break(root)
    (root / "locale/de/LC_MESSAGES/zz.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")  # no post
    monkeypatch.chdir(root / "content")
    done = run_cli(Path(".."), "check", "--min-translated", "0", "--format", "junit")
    assert done.returncode == 1, done.stderr
    _validate(tmp_path, done.stdout)
    cases = list(ET.fromstring(done.stdout).iter("testcase"))
    assert {c.get("classname") for c in cases} == {
        "site/content/nl/a.md", "site/content/nl/b.md", "site/locale/de/LC_MESSAGES/zz.po"}
    assert all(c.get("file") == c.get("classname") and (top / c.get("file")).is_file() for c in cases)
    said = [line for c in cases for f in c.iter("failure") for line in f.text.splitlines()]
    assert said and all(line.startswith("site/") for line in said), said
    assert any(line.startswith("site/content/nl/b.md:6: error: link to /nergens/") for line in said), said
