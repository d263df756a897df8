"""A check from scratch (no ``.pipeline-cache``, as on a fresh CI clone) cuts each Dutch post
into units once and parses each template and catalog once for the stale-catalog pass and the
terms check together: the passes after the first take what it kept (the units, the terms'
entries and glossary warnings), not the files again; the report is the same as a check that
keeps nothing (``--no-cache``).

The counts are taken by wrapping the parsers (they still run): no public call says how often
a file was parsed, and the cost of a check from scratch is the issue (ISSUE 15, CI's check).
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from support import invoke, make_root, po_path

import pipeline.extract
import pipeline.po
import pipeline.segment
import pipeline.terms
import pipeline.units
from pipeline import api
from pipeline.po import format_catalog, parse_catalog

POSTS = 3


def _post(n: int) -> str:
    return (f"---\ntitle: Fiets {n}\ndate: 2024-01-01T08:00:00+01:00\ntags: [fiets, onderhoud]\n---\n\n"
            f"De fiets van post {n}.\n\nNog een alinea over de fiets.\n")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = make_root(tmp_path, {f"post-{n}.md": _post(n) for n in range(POSTS)})
    (root / "pyproject.toml").write_text('[tool.pipeline]\nglossary = "glossary.csv"\n', encoding="utf-8")
    (root / "glossary.csv").write_text("de,nl\nFahrrad,fiets\n", encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    for n in range(POSTS):  # translated without the glossary's word: a glossary warning each
        path = po_path(root, f"post-{n}")
        catalog = parse_catalog(str(path), path.read_bytes())
        for message in catalog.messages:
            if message.msgctxt not in ("slug", "tags") and not message.obsolete:  # (terms: the terms catalog's)
                message.msgstr = f"Das {message.msgid}"
        path.write_bytes(format_catalog(catalog).encode("utf-8"))
    return root


def _counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    counts: Counter[str] = Counter()
    real_segment, real_parse = pipeline.segment.segment_post, pipeline.po.parse_catalog

    def segment_post(*args, **kwargs):  # type: ignore[no-untyped-def]
        counts["segment"] += 1
        return real_segment(*args, **kwargs)

    def parse_catalog(shown, *args, **kwargs):  # type: ignore[no-untyped-def]
        counts[shown] += 1
        return real_parse(shown, *args, **kwargs)

    monkeypatch.setattr(pipeline.units, "segment_post", segment_post)
    for module in (pipeline.extract, pipeline.terms):
        monkeypatch.setattr(module, "parse_catalog", parse_catalog)
    return counts


def test_a_check_from_scratch_reads_each_post_and_catalog_once_for_its_passes(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = api.check(root, use_cache=False)
    shutil.rmtree(root / ".pipeline-cache", ignore_errors=True)  # a fresh clone: no cache at all
    counts = _counted(monkeypatch)
    report = api.check(root)
    assert counts["segment"] == POSTS  # once per Dutch post (it was twice)
    for n in range(POSTS):
        # a template as extract writes it is not parsed: the stale-catalog pass tells the
        # terms check of it as the template built (it was parsed there, and once again before)
        assert counts[f"locale/templates/post-{n}.pot"] == 0
        # the stale-catalog pass's read serves the terms check (it was parsed there again)
        assert counts[f"locale/de/LC_MESSAGES/post-{n}.po"] == 1
    assert report.problems == expected.problems
    assert report.completeness == expected.completeness
    assert sum(p.code == "glossary" for p in report.problems) >= POSTS  # the notes made were said
