"""merge's rounds: the posts without a German page first, then the others."""

from __future__ import annotations

from pathlib import Path

import pytest

from merge_support import fill_catalog
from support import invoke, make_root, po_path, run_extract


def _post(title: str) -> str:
    return f"---\ntitle: {title}\n---\n\nEen zin over {title}.\n"


def test_a_refused_new_post_beside_a_new_post_waiting_for_a_moving_slug_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """p (new) wants the slug q's page gives up in this run, and r (new) is refused: r's
    refusal is reported, p is written after q moved (before: a KeyError traceback)."""
    root = make_root(tmp_path, {"q.md": _post("Q")})
    run_extract(root)
    fill_catalog(po_path(root, "q"), lambda context, msgid: "s" if context == "slug" else msgid)
    monkeypatch.chdir(root)
    assert invoke("merge").exit_code == 0
    make_root(root, {"p.md": _post("P"), "r.md": _post("R")})
    run_extract(root)
    fill_catalog(po_path(root, "q"), lambda context, msgid: "t" if context == "slug" else msgid)
    fill_catalog(po_path(root, "p"), lambda context, msgid: "s" if context == "slug" else msgid)
    fill_catalog(po_path(root, "r"), lambda context, msgid: (
        "rr" if context == "slug" else msgid + " [x](https://example.org/)" if msgid.startswith("Een") else msgid
    ))
    result = invoke("merge")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert "r.po:" in result.output and "[link-target]" in result.output
    assert sorted(path.name for path in (root / "content" / "de").iterdir()) == ["p.md", "q.md"]
    assert "slug: s\n" in (root / "content" / "de" / "p.md").read_text(encoding="utf-8")


def test_a_page_that_gives_its_url_up_in_the_rounds_says_so_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """q moves from /de/s/ to /de/t/ while p (new) takes /de/s/ and r (new) is refused: q's
    move is said once, with the page that has its old URL now (no alias: p's page is there)."""
    root = make_root(tmp_path, {"q.md": _post("Q")})
    run_extract(root)
    fill_catalog(po_path(root, "q"), lambda context, msgid: "s" if context == "slug" else msgid)
    monkeypatch.chdir(root)
    assert invoke("merge").exit_code == 0
    make_root(root, {"p.md": _post("P"), "r.md": _post("R")})
    run_extract(root)
    fill_catalog(po_path(root, "q"), lambda context, msgid: "t" if context == "slug" else msgid)
    fill_catalog(po_path(root, "p"), lambda context, msgid: "s" if context == "slug" else msgid)
    fill_catalog(po_path(root, "r"), lambda context, msgid: (
        "rr" if context == "slug" else msgid + " [x](https://example.org/)" if msgid.startswith("Een") else msgid
    ))
    result = invoke("merge")
    assert result.exit_code == 1
    assert result.output.count("moved content/de/q.md:") == 1
    assert ("moved content/de/q.md: its URL /de/s/ is now /de/t/; the old URL is now the page of "
            "content/de/p.md") in result.output
    assert "aliases" not in (root / "content" / "de" / "q.md").read_text(encoding="utf-8")
