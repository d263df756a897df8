"""The catalogs of the whole site (``config.SITE_WIDE_CATALOGS``: ``_i18n``, ``_terms``) are the
only catalogs no post has: every command tells them from a post's by that one list."""

from __future__ import annotations

from pathlib import Path

from support import make_root, run_extract

from pipeline import api

HOME = "---\ntitle: Welkom\n---\n\nDe voorpagina van de site.\n"
POST = "---\ntitle: Fietsen\ndate: 2023-10-01\n---\n\nDe fietsenmaker repareert elke fiets.\n"


def test_status_calls_the_catalog_of_a_gone_home_page_post_gone_not_site_wide(tmp_path: Path) -> None:
    root = make_root(tmp_path / "site", {"_index.md": HOME, "2023/fiets.md": POST})
    run_extract(root)
    (root / "content" / "nl" / "_index.md").unlink()  # the home page's post, id "_index", gone
    states = {row.post_id: row.state for row in api.status(root).rows}
    assert states["_index"] == "post gone"
