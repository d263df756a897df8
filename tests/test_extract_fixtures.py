"""Markdown in, POT out: one fixture pair per unit kind in tests/fixtures/extract/.

Each ``NAME.md`` is extracted as the post ``content/nl/NAME.md`` of a fresh content root and
the template written must equal ``NAME.pot`` byte for byte. The .pot files were written and
reviewed by hand against the extract issue's rules: they are the contract, not snapshots.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import FIXTURES, NOW, make_root, msgcat, msgfmt_check, needs_gettext, pot_path

from pipeline.config import load_config
from pipeline.extract import extract_post

CASES = FIXTURES / "extract"
POSTS = sorted(p for p in CASES.glob("*.md") if p.name != "README.md")


def test_every_unit_kind_has_a_fixture() -> None:
    names = {p.stem for p in POSTS}
    assert {
        "headings",
        "paragraphs",
        "lists-quotes",
        "tables",
        "html",
        "code-and-refs",
        "footnotes",
        "shortcodes",
        "inline",
        "front-matter-list",
        "2020-05-01-front-matter-string",
        "duplicates",
        "bom-crlf",
    } <= names


def test_every_post_has_its_expected_template() -> None:
    missing = [p.name for p in POSTS if not p.with_suffix(".pot").is_file()]
    orphans = [p.name for p in CASES.glob("*.pot") if not p.with_suffix(".md").is_file()]
    assert not missing, f"fixture posts without an expected .pot: {missing}"
    assert not orphans, f"expected .pot files without a post: {orphans}"


@pytest.mark.parametrize("post", POSTS, ids=[p.stem for p in POSTS])
def test_template_is_exactly_the_expected_pot(post: Path, tmp_path: Path) -> None:
    expected = post.with_suffix(".pot")
    if not expected.is_file():
        pytest.fail(f"{post.name} has no partner {expected.name}: write the expected POT by hand")
    root = make_root(tmp_path, {post.name: post.read_bytes()})
    result = extract_post(load_config(root), root / "content" / "nl" / post.name, NOW)
    assert not result.errors
    written = pot_path(root, post.stem).read_text(encoding="utf-8")
    assert written == expected.read_text(encoding="utf-8")


@needs_gettext
@pytest.mark.parametrize("post", POSTS, ids=[p.stem for p in POSTS])
def test_expected_pot_is_what_gnu_gettext_writes(post: Path, tmp_path: Path) -> None:
    """The contract itself is in msgcat --no-wrap form and passes msgfmt --check."""
    expected = post.with_suffix(".pot")
    copy = tmp_path / expected.name
    shutil.copy(expected, copy)
    assert msgcat(copy) == expected.read_bytes()
    assert msgfmt_check(copy).returncode == 0
