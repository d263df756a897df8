"""The summary read off a catalog alone (merge's fast path) equals the one from the post."""

from __future__ import annotations

from pathlib import Path

import pytest
from merge_support import fill_catalog
from support import ARTICLES, SEED, make_root, po_path, run_extract

from pipeline.config import load_config
from pipeline.translated import read_translated_post
from pipeline.site import summarize, summarize_from_catalog


def _half(context: str | None, msgid: str) -> str | None:
    """Translate every other entry (by its text), headings and title included."""
    return None if len(msgid) % 2 else f"DE {msgid}"


@pytest.mark.parametrize("post", [SEED, *ARTICLES], ids=lambda p: p.stem)
@pytest.mark.parametrize("translate", [_half, lambda c, m: f"DE {m}", lambda c, m: None],
                         ids=["half", "all", "none"])
def test_catalog_summary_is_the_post_summary(post: Path, translate, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_root(tmp_path, {post.name: post.read_bytes()})
    run_extract(root)
    fill_catalog(po_path(root, post.stem), translate)
    config = load_config(root)
    path = root / "content" / "nl" / post.name
    full = summarize(read_translated_post(config, path, "de"))
    quick, _ = summarize_from_catalog(config, path, "de")
    assert quick is not None
    assert quick.slug == full.slug and quick.source_slug == full.source_slug
    assert quick.anchors == full.anchors
    assert quick.percent == pytest.approx(full.percent, abs=0.5)
    assert quick.units == pytest.approx(full.units, rel=0.02)
