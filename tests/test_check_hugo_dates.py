"""check asks for a date only where Hugo has none: a post named ``2023-05-01-x.md`` under a
``:filename`` date handler has its date from its name (shown with a real Hugo build), and a
section's ``_index.md`` needs none."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from support import invoke
from support import LANGUAGES_TOML

needs_hugo = pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo')")

HUGO = """baseURL = "https://example.org/"
defaultContentLanguage = "nl"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
{frontmatter}
""" + LANGUAGES_TOML
PYPROJECT = '[tool.pipeline]\nsource-language = "nl"\ntarget-languages = ["de"]\n'
NEWS = "---\ntitle: Lancering\nlang: nl\n---\n\nDe site is er.\n"
SECTION = "---\ntitle: Nieuws\nlang: nl\n---\n\nAl het nieuws.\n"
UNDATED = "---\ntitle: Zonder datum\nlang: nl\n---\n\nGeen datum.\n"


def _site(root: Path, frontmatter: str) -> Path:
    (root / "content" / "nl" / "nieuws").mkdir(parents=True)
    (root / "hugo.toml").write_text(HUGO.format(frontmatter=frontmatter), encoding="utf-8")
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (root / "content" / "nl" / "nieuws" / "2023-05-01-lancering.md").write_text(NEWS, encoding="utf-8")
    (root / "content" / "nl" / "nieuws" / "_index.md").write_text(SECTION, encoding="utf-8")
    (root / "content" / "nl" / "nieuws" / "zonder-datum.md").write_text(UNDATED, encoding="utf-8")
    return root


def _date_missing(root: Path) -> list[str]:
    assert invoke("-C", str(root), "extract").exit_code == 0
    checked = invoke("-C", str(root), "check")
    return sorted(
        path.strip() for path, line in zip(checked.output.splitlines(), checked.output.splitlines()[1:])
        if "[date-missing]" in line
    )


def test_a_dated_file_name_under_a_filename_date_handler_and_a_section_need_no_date(tmp_path: Path) -> None:
    root = _site(tmp_path, '[frontmatter]\ndate = [":filename", ":default"]')
    # the post without a date in its name or front matter still needs one
    assert _date_missing(root) == ["content/nl/nieuws/zonder-datum.md"]


def test_without_the_filename_handler_a_dated_file_name_gives_no_date(tmp_path: Path) -> None:
    root = _site(tmp_path, "")
    assert _date_missing(root) == ["content/nl/nieuws/2023-05-01-lancering.md", "content/nl/nieuws/zonder-datum.md"]


@needs_hugo
@pytest.mark.parametrize(("frontmatter", "date"), [
    ('[frontmatter]\ndate = [":filename", ":default"]', "2023-05-01"),
    ("", "0001-01-01"),  # no date: Hugo's zero date, which check asks to be filled
])
def test_hugo_takes_the_date_from_the_file_name_only_under_the_handler(tmp_path: Path, frontmatter: str,
                                                                       date: str) -> None:
    root = _site(tmp_path, frontmatter)
    layout = root / "layouts" / "_default"
    layout.mkdir(parents=True)
    (layout / "single.html").write_text('{{ .Date.Format "2006-01-02" }}\n', encoding="utf-8")
    (layout / "list.html").write_text("list\n", encoding="utf-8")
    built = subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public"), "--quiet"],
                           capture_output=True, text=True, check=False, timeout=120)
    assert built.returncode == 0, built.stderr
    page = root / "public" / "nieuws" / ("lancering" if frontmatter else "2023-05-01-lancering") / "index.html"
    assert page.read_text(encoding="utf-8").strip() == date


def test_a_bundle_is_dated_by_its_folder_and_a_date_that_is_no_day_is_none(tmp_path: Path) -> None:
    root = _site(tmp_path, '[frontmatter]\ndate = ":filename"')  # one handler, as a string
    (root / "content" / "nl" / "nieuws" / "zonder-datum.md").unlink()
    bundle = root / "content" / "nl" / "nieuws" / "2023-05-02-bundel"
    bundle.mkdir()
    (bundle / "index.md").write_text(NEWS, encoding="utf-8")
    (root / "content" / "nl" / "nieuws" / "2023-13-45-geen-dag.md").write_text(NEWS, encoding="utf-8")
    assert _date_missing(root) == ["content/nl/nieuws/2023-13-45-geen-dag.md"]
