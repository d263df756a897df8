"""What merge's verification does to save work is exact: the shortcuts give what the long way gives."""

from __future__ import annotations

import json

from merge_support import spec_examples, spec_id, spec_post
from support import ARTICLES, SEED

from pipeline.config import load_config
from pipeline.extract import post_units
from pipeline.post import load_post
from pipeline.verify import Outline, outline


def _posts() -> list[tuple[str, str]]:
    posts = [(p.stem, p.read_text(encoding="utf-8")) for p in [SEED, *ARTICLES]]
    posts += [(spec_id(example), spec_post(example)) for example in spec_examples()]
    return posts


def test_the_outline_kept_with_a_segmentation_is_the_outline_of_the_body(tmp_path) -> None:
    """The Dutch outline merge compares with comes from the segmentation's parse, through the
    cache's JSON: it equals a fresh parse of the body (tuples and all), for every real
    article and every CommonMark spec example."""
    config = load_config(tmp_path)
    for name, text in _posts():
        post = load_post(f"{name}.md", text.encode("utf-8"), 10 * 1024 * 1024)
        expected = outline(post.body)
        _, _, made, segmentation = post_units(config, post, name, "digest", None)
        assert made == expected, name
        assert segmentation is not None
        packed = segmentation[1]

        def kept(post_id: str, post_digest: str, packed: bytes = packed) -> bytes:
            return packed

        _, _, unpacked, new = post_units(config, post, name, "digest", kept)
        assert new is None, name  # it came from the cache
        assert unpacked == expected, name


def test_a_segmentation_kept_without_an_outline_gives_none() -> None:
    """A segmentation kept by an earlier version (no outline) or a damaged one: no outline,
    and the structure check parses the Dutch body itself."""
    assert Outline.unpack(None) is None
    assert Outline.unpack({"blocks": [["paragraph_open", 0]]}) is None
    assert Outline.unpack(json.loads('{"blocks": 1, "lines": [], "inlines": [], "env": {}}')) is None
