"""`pipeline new "Titel"`: a Dutch post with front matter every command reads, named as the
site names its posts; what it refuses leaves nothing written. Real Hugo builds it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hugo_sites import build_site

from pipeline import api
from pipeline.cli import main
from pipeline.newpost import NewRefused

REPO = Path(__file__).resolve().parent.parent
PIPELINE = [sys.executable, "-m", "pipeline"]
NOW = dt.datetime(2024, 5, 1, 8, 30, 15, 123456, tzinfo=dt.UTC)

needs_hugo = pytest.mark.skipif(shutil.which("hugo") is None, reason="needs Hugo (Debian's hugo)")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of this repository's content root: its seed post, hugo.toml, settings."""
    root = tmp_path / "site"
    root.mkdir()
    for name in ("content", "locale"):
        shutil.copytree(REPO / name, root / name)
    for name in ("hugo.toml", "pyproject.toml"):
        shutil.copy(REPO / name, root / name)
    return root


def _files(root: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None) under ``root``, but the cache's."""
    return {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() and not p.is_symlink() else None
            for p in sorted(root.rglob("*")) if ".pipeline-cache" not in p.parts}


def test_front_matter_exact_in_the_sites_zone(site: Path) -> None:
    made = api.new(site, "Fietsen: \"naar\" #Utrecht — één café", now=NOW)
    assert made.shown == "content/nl/2024-05-01-fietsen-naar-utrecht-een-cafe.md"
    assert made.path.read_text(encoding="utf-8") == (
        "---\n"
        'title: "Fietsen: \\"naar\\" #Utrecht — één café"\n'
        "date: 2024-05-01T10:30:15+02:00\n"  # Europe/Amsterdam, summer time, whole seconds
        "lang: nl\n"
        "---\n\n"
    )
    assert made.url == "/fietsen-naar-utrecht-een-cafe/"


@pytest.mark.parametrize("title", [
    "Vraag: wat nu?", "- een lijst", "# geen kop", '"Citaat"', "'enkel'", "yes", "123", "null",
    "[niet] {een} &anker *ster !tag %pct @at `code`", "a\\b \\n c", "tab\there", "2024-05-01",
    "Één ŉ Straße ﬁets", "x: y # z", "--- vak ---", "…en verder", "zero\u200bwidth",
])
def test_title_loads_back_exactly(site: Path, title: str) -> None:
    made = api.new(site, title, now=NOW)
    front = made.path.read_text(encoding="utf-8").split("---\n")[1]
    meta = yaml.safe_load(front)
    assert meta["title"] == title and meta["lang"] == "nl"
    assert meta["date"] == dt.datetime(2024, 5, 1, 10, 30, 15, tzinfo=dt.timezone(dt.timedelta(hours=2)))


@pytest.mark.parametrize(("given", "name", "written"), [
    ("2024-01-15T12:00:00Z", "2024-01-15", "2024-01-15T13:00:00+01:00"),  # winter: +01:00
    ("2024-01-15T23:30:00Z", "2024-01-16", "2024-01-16T00:30:00+01:00"),  # the site's day
    ("2024-07-01 09:05", "2024-07-01", "2024-07-01T09:05:00+02:00"),  # the zone's wall clock
    ("2024-03-31", "2024-03-31", "2024-03-31T00:00:00+01:00"),  # a day: its midnight
    ("2017-02-22 08:00 CEST", "2017-02-22", "2017-02-22T08:00:00+01:00"),  # as check reads it
])
def test_date_option(site: Path, given: str, name: str, written: str) -> None:
    made = api.new(site, "Datum", date=given, now=NOW)
    assert made.path.name == f"{name}-datum.md"
    assert f"\ndate: {written}\n" in made.path.read_text(encoding="utf-8")


def test_without_filename_dates_the_name_is_the_slug(site: Path) -> None:
    text = (site / "hugo.toml").read_text(encoding="utf-8")
    (site / "hugo.toml").write_text(text.replace('date = [":filename", ":default"]', ""), encoding="utf-8")
    made = api.new(site, "Zonder datum", now=NOW)
    assert made.shown == "content/nl/zonder-datum.md"


def test_section_bundle_and_draft(site: Path) -> None:
    made = api.new(site, "Reis naar Gent", section="blog/2024", bundle=True, draft=True, now=NOW)
    assert made.shown == "content/nl/blog/2024/2024-05-01-reis-naar-gent/index.md"
    assert made.path.read_text(encoding="utf-8").endswith("lang: nl\ndraft: true\n---\n\n")
    again = api.new(site, "Tweede", section="content/nl/blog", now=NOW)  # the folder's path too
    assert again.shown == "content/nl/blog/2024-05-01-tweede.md"


@needs_hugo
def test_cli_extract_check_and_hugo_build_it(site: Path) -> None:
    """The command prints the path; extract takes the post, check finds no error in it, and
    Hugo 0.111 builds it (a post and a bundle in a section) at the URL the pipeline gives."""
    shown = []
    for args in (["Fietsen: naar Utrecht?", "--date", "2024-05-01T10:00:00+02:00"],
                 ["Reis", "--section", "blog", "--bundle", "--date", "2024-03-31 12:00"]):
        done = subprocess.run([*PIPELINE, "-C", str(site), "new", *args], check=False, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        shown.append(done.stdout.strip())
    assert shown == ["content/nl/2024-05-01-fietsen-naar-utrecht.md", "content/nl/blog/2024-03-31-reis/index.md"]
    done = subprocess.run([*PIPELINE, "-C", str(site), "extract"], check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (site / "locale/de/LC_MESSAGES/2024-05-01-fietsen-naar-utrecht.po").is_file()
    assert (site / "locale/de/LC_MESSAGES/blog/2024-03-31-reis.po").is_file()
    report = api.check(site, min_translated=0)
    mine = [p for p in report.problems if p.file.startswith("content/nl/") and ("utrecht" in p.file or "reis" in p.file)]
    assert [(p.severity, p.code) for p in mine] == [("warning", "body-empty")] * 2, mine
    urls = build_site(site, {})
    assert urls[("nl", "2024-05-01-fietsen-naar-utrecht.md")] == "/fietsen-naar-utrecht/"
    assert urls[("nl", "blog/2024-03-31-reis/index.md")] == "/blog/reis/"


def _other(root: Path, name: str, front: str) -> None:
    path = root / "content/nl" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n\nTekst.\n", encoding="utf-8")


@pytest.mark.parametrize(("setup", "args", "said"), [
    (lambda r: _other(r, "2024-05-01-fietsen.md", "title: x\n"), ["Fietsen"], "exists"),
    (lambda r: _other(r, "2023-01-01-fietsen.md", "title: x\n"), ["Fietsen"],
     "slug 'fietsen' is also the slug of content/nl/2023-01-01-fietsen.md"),
    (lambda r: _other(r, "ander.md", "title: x\nslug: fietsen\n"), ["Fietsen"], "also the slug of content/nl/ander.md"),
    (lambda r: _other(r, "ander.md", "title: x\nurl: /fietsen/\n"), ["Fietsen"], "URL /fietsen/ is also the URL of"),
    (lambda r: _other(r, "ander.md", "title: x\naliases: [/fietsen/]\n"), ["Fietsen"], "is an alias of content/nl/ander.md"),
    (lambda r: _other(r, "fietsen/x.md", "title: x\n"), ["Fietsen", "--date", "2024-05-01"], ""),
    (lambda r: _other(r, "2024-05-01-fietsen/index.md", "title: x\n"), ["Fietsen"], "is that post already"),
    (None, [""], "the title is empty"),
    (None, [" \t "], "the title is empty"),
    (None, ["?!"], "gives no slug"),
    (None, ["日本語"], "gives no slug"),
    (None, ["Twee\nregels"], "line break"),
    (None, ["Fietsen", "--date", "2024-02-30"], "not a real date"),
    (None, ["Fietsen", "--date", "morgen"], "is not a date"),
    (None, ["Fietsen", "--date", "2024-03-31 02:30"], "did not exist in Europe/Amsterdam"),
    (None, ["Fietsen", "--section", "../buiten"], "give a folder under content/nl/"),
    (lambda r: _other(r, "reis/index.md", "title: x\n"), ["Fietsen", "--section", "reis"], "inside the page bundle"),
    (None, ["Fietsen", "--date", "0001-01-01"], "no offset RFC 3339 can write then"),
    (None, ["Fietsen", "--date", "9999-12-31T23:59:59Z"], "out of range in Europe/Amsterdam"),
    (None, ["a" * 300, "--section", "nieuw/diep"], "a file system takes: give a shorter title"),  # no folder left
    (lambda r: (r / "content/nl/uit").symlink_to(r.parent), ["Fietsen", "--section", "uit"],
     "leads outside content/ and locale/"),
])
def test_refused_with_nothing_written(site: Path, setup, args: list[str], said: str) -> None:  # type: ignore[no-untyped-def]
    if setup is not None:
        setup(site)
    before = _files(site)
    title, *options = args  # the last --date given wins
    result = CliRunner().invoke(main, ["-C", str(site), "new", "--date", "2024-05-01 10:00", *options, "--", title])
    if not said:  # the folder content/nl/fietsen/: a section's list page at /fietsen/
        said = "fietsen/ (the list page Hugo makes)"
    assert result.exit_code == 2, result.output
    assert said in result.output and result.output.startswith("Error: refused: "), result.output
    assert result.output.count("\n") == 1, result.output
    assert _files(site) == before


def test_refused_in_the_api_too(site: Path) -> None:
    with pytest.raises(NewRefused, match="gives no slug"):
        api.new(site, "…")
    assert not (site / "content/nl/x.md").exists()


def test_a_date_in_the_future_is_said(site: Path) -> None:
    result = CliRunner().invoke(main, ["-C", str(site), "new", "Later", "--date", "2999-01-01 10:00"])
    assert result.exit_code == 0, result.output
    assert "dated in the future: Hugo builds its page from then on" in result.output
    assert (site / "content/nl/2999-01-01-later.md").is_file()
    assert api.new(site, "Nu", now=NOW).notes == ()


@pytest.mark.parametrize(("title", "slug"), [
    ("Straße", "strasse"), ("Ærø en Øresund", "aero-en-oresund"), ("Łódź", "lodz"),
    ("Œuvre", "oeuvre"), ("Þing", "thing"), ("Đakovo", "dakovo"), ("Ça va? 100% Ł", "ca-va-100-l"),
])
def test_letters_without_a_decomposition_keep_their_ascii_spelling(site: Path, title: str, slug: str) -> None:
    """ß, æ, ø, ł, œ, þ, đ have no accent NFKD strips: their usual ASCII spelling, not dropped
    (``Ærø`` was ``r``, ``Straße`` ``strae``)."""
    made = api.new(site, title, now=NOW)
    assert made.slug == slug and made.shown == f"content/nl/2024-05-01-{slug}.md"
    assert made.notes == ()


def test_letters_the_slug_leaves_out_are_named(site: Path) -> None:
    made = api.new(site, "שלום fietsen", now=NOW)
    assert made.slug == "fietsen"
    assert any("'ש', 'ל', 'ו', 'ם'" in note and "fietsen" in note for note in made.notes), made.notes


def test_a_title_too_long_for_a_file_name_is_refused_in_one_line(site: Path) -> None:
    """A file name has at most 255 bytes: a longer slug was an OSError's traceback."""
    before = _files(site)
    title = "lang woord " * 30
    result = subprocess.run([*PIPELINE, "-C", str(site), "new", title], capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "give a shorter title" in result.stderr
    assert _files(site) == before
    result = subprocess.run([*PIPELINE, "-C", str(site), "new", "Kort", "--section", "a" * 300],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "give a shorter one" in result.stderr
    assert _files(site) == before
    assert api.new(site, "lang woord " * 21, now=NOW).path.is_file()  # 2024-05-01- + 230 + .md: fits
