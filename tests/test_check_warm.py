"""A check with ``.pipeline-cache/`` kept (or restored, as CI's actions/cache restores it into a
fresh clone) checks again only what changed: a site copied elsewhere with every file touched
(same bytes, new times) checks no post again; after one post changed, only that post's checks
are made again, unless the change moves what other posts link to. The report is always the
one a check that keeps nothing (``--no-cache``) gives.

The work is counted by wrapping the functions that do it (they still run): no public call
says how often a post was checked, and the cost of a check after a small change is the issue
(ISSUE 15, the warm CI check).
"""

from __future__ import annotations

import os
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest
from support import invoke, make_root, po_path

import pipeline.check
import pipeline.units
from pipeline import api
from pipeline.po import format_catalog, parse_catalog

POSTS = 4


def _post(n: int) -> str:
    # each post links to the next one's page and a heading of it
    return (f"---\ntitle: Fiets {n}\ndate: 2024-01-01T08:00:00+01:00\n---\n\n"
            f"De fiets van post {n}, zie [de volgende](/post-{(n + 1) % POSTS}/#onderhoud).\n\n"
            "## Onderhoud\n\nNog een alinea over de fiets.\n")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = make_root(tmp_path / "site", {f"post-{n}.md": _post(n) for n in range(POSTS)})
    assert invoke("-C", str(root), "extract").exit_code == 0
    _translate(root)
    assert invoke("-C", str(root), "merge").exit_code == 0
    return root


def _translate(root: Path) -> None:
    for n in range(POSTS):
        path = po_path(root, f"post-{n}")
        catalog = parse_catalog(str(path), path.read_bytes())
        for message in catalog.messages:
            if not message.obsolete and not message.msgstr:
                message.msgstr = message.msgid if message.msgctxt else f"Das {message.msgid}"
        path.write_bytes(format_catalog(catalog).encode("utf-8"))


def _counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many posts were cut into units, read for their own checks (``load``), and checked
    with their catalog and German post (by post id)."""
    counts: Counter[str] = Counter()
    real_segment, real_read = pipeline.units.segment_post, pipeline.check.read_translated_post
    real_load = pipeline.check.load_post

    def load_post(shown, *args, **kwargs):  # type: ignore[no-untyped-def]
        counts["load"] += 1
        return real_load(shown, *args, **kwargs)

    def segment_post(*args, **kwargs):  # type: ignore[no-untyped-def]
        counts["segment"] += 1
        return real_segment(*args, **kwargs)

    def read_translated_post(config, path, *args, **kwargs):  # type: ignore[no-untyped-def]
        counts[config.post_id(path)] += 1
        return real_read(config, path, *args, **kwargs)

    monkeypatch.setattr(pipeline.units, "segment_post", segment_post)
    monkeypatch.setattr(pipeline.check, "read_translated_post", read_translated_post)
    monkeypatch.setattr(pipeline.check, "load_post", load_post)
    return counts


def _touch_all(root: Path) -> None:
    """Every file but the cache's a new time, as a fresh clone has."""
    later = time.time() + 60
    for folder, dirs, files in os.walk(root):
        if ".pipeline-cache" in dirs:
            dirs.remove(".pipeline-cache")
        for name in files:
            os.utime(os.path.join(folder, name), (later, later))


def _same_as_from_scratch(root: Path, report: api.CheckReport) -> None:
    expected = api.check(root, use_cache=False)
    assert report.problems == expected.problems
    assert report.completeness == expected.completeness


def test_a_fresh_clone_with_the_cache_restored_checks_no_post_again(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    api.check(root)  # CI's run on the last commit: the cache it saves
    clone = tmp_path / "elsewhere" / "site"
    shutil.copytree(root, clone)  # another folder, the cache with it
    _touch_all(clone)
    counts = _counted(monkeypatch)
    report = api.check(clone)
    assert counts == Counter()  # nothing segmented, no post checked again
    _same_as_from_scratch(clone, report)


def test_after_one_post_changed_only_its_checks_are_made_again(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    api.check(root)
    post = root / "content" / "nl" / "post-1.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Nog een alinea", "Een andere alinea"),
                    encoding="utf-8")
    _touch_all(root)  # and in a fresh clone
    counts = _counted(monkeypatch)
    report = api.check(root)
    assert counts["post-1"] == 1
    assert sum(counts[f"post-{n}"] for n in range(POSTS)) == 1  # the others' results kept
    assert counts["load"] == 2  # its Dutch post read again, and its German post (its links): no other post
    assert any(p.code == "catalog-stale" for p in report.problems)
    _same_as_from_scratch(root, report)


def test_a_change_that_breaks_another_posts_link_is_said(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = api.check(root)
    assert not [p for p in before.problems if p.code.startswith("link")]
    post = root / "content" / "nl" / "post-2.md"  # post-1 links to its #onderhoud
    post.write_text(post.read_text(encoding="utf-8").replace("## Onderhoud", "## Reparatie"), encoding="utf-8")
    catalog = po_path(root, "post-2")  # and the catalog, as extract and a translator leave it
    assert invoke("-C", str(root), "extract").exit_code == 0
    _translate(root)
    report = api.check(root)
    # of post-1, which did not change (its Dutch post, and its German post on disk)
    assert {p.file for p in report.problems if p.code == "link-anchor"} == {"content/nl/post-1.md",
                                                                            "content/de/post-1.md"}
    _same_as_from_scratch(root, report)
    # and the catalog changed alone: the same again
    catalog.write_bytes(catalog.read_bytes().replace(b"Das Nog een", b"Das Noch eine"))
    _same_as_from_scratch(root, api.check(root))


def test_the_first_merge_after_one_from_scratch_reads_no_german_post(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.site

    shutil.rmtree(root / "content" / "de")
    assert invoke("-C", str(root), "merge").exit_code == 0  # every German post written
    loaded: list[str] = []
    real_load = pipeline.site.load_post

    def load_post(shown, *args, **kwargs):  # type: ignore[no-untyped-def]
        loaded.append(shown)
        return real_load(shown, *args, **kwargs)

    monkeypatch.setattr(pipeline.site, "load_post", load_post)
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 0
    assert loaded == []  # the slugs, aliases and URLs of the posts it wrote were kept (every one was read)


def test_a_static_folder_made_after_a_check_has_the_images_checked(tmp_path: Path) -> None:
    """Images are checked only where the static folder is: a warm check after it appears
    (empty) is no cached answer of the check that had none."""
    root = make_root(tmp_path, {"a.md": "---\ntitle: A\ndate: 2024-01-01T10:00:00+01:00\nlang: nl\n"
                                        "image: /img/a.jpg\n---\n\nTekst.\n"})
    assert invoke("-C", str(root), "extract").exit_code == 0
    assert "image-missing" not in invoke("-C", str(root), "check").output
    (root / "static").mkdir()
    assert "image-missing" in invoke("-C", str(root), "check").output
