"""What a run holds per post (issue 15: peak memory at most 100 MB at 10,000 posts).

A run's report lives until the command ends: what it keeps of each post is paid for every
post of the site. Measured with tracemalloc as the memory the report alone holds (alive with
it, freed without it), so that imports, caches and the allocator's state do not count.
"""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

from support import make_root

from pipeline import api

POSTS = 12
PARAGRAPHS = 40


def _post(number: int) -> str:
    paragraphs = "\n\n".join(
        f"Alinea {i} van bericht {number}: een zin die lang genoeg is om als tekst te tellen, "
        f"met woorden als vertaling, catalogus en sjabloon ({number}-{i})."
        for i in range(PARAGRAPHS)
    )
    return f"---\ntitle: Bericht {number}\n---\n\n{paragraphs}\n"


def test_extract_report_holds_no_units(tmp_path: Path) -> None:
    """extract's report keeps each catalog's counts, not its new units' keys and digests:
    12.6 KB per post of this size before (every msgid again), 1 KB now."""
    root = make_root(tmp_path, {f"post-{n:03d}.md": _post(n) for n in range(POSTS)})
    tracemalloc.start()
    try:
        report = api.extract(root, now=1700000000, use_cache=False)
        gc.collect()
        with_report = tracemalloc.get_traced_memory()[0]
        assert report.posts == POSTS and report.new >= POSTS * PARAGRAPHS
        del report
        gc.collect()
        held = with_report - tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert held / POSTS < 2_000, f"the report holds {held / POSTS:.0f} bytes per post"
