"""A German post is built from exactly the bytes its record and its cache entry name.

Merge reads a catalog twice: once in the summary pass (slugs, anchors, completeness), once to
build the page. A translator's save between the two passes must not leave the cache saying
that the page of the new bytes is the page of the old ones: after an undo (the catalog back
to the old bytes) that page would be kept as "unchanged", even by ``merge --force``.

The first two tests reach inside to put the save at that exact moment: between the passes
(a wrapper of ``LinkMap``, which merge builds between them), and between the summary pass's
digest of the catalog and its worker's read (a wrapper of the store's ``file_digest``). No
public call reaches either: :func:`pipeline.api.merge` calls nothing of its caller's during
a run (``on_note`` speaks only of the lock and the cache), and a callback "between the
passes" would serve no user. No real-process test hits this race at random either: the
concurrent editor of ``test_reliability_concurrent.py`` saves German posts during merge, and
the harm shows only after an undo back to the very bytes the summary pass read. The last
test goes through the API (:attr:`pipeline.api.MergeReport.rendered`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from support import SEED, SEED_ID, invoke, make_root, po_path

import pipeline.merge
from pipeline import api
from pipeline.cache import Store
from pipeline.config import load_config
from pipeline.site import collect_summaries
from pipeline.merge import merge
from pipeline.record import read_record
from pipeline.po import format_catalog, parse_catalog


def _translated(path: Path, word: str) -> bytes:
    """The catalog with every entry translated as ``word`` + the Dutch text (slug aside)."""
    catalog = parse_catalog(str(path), path.read_bytes())
    for message in catalog.messages:
        if message.msgctxt != "slug" and not message.obsolete:
            message.msgstr = f"{word} {message.msgid}"
            message.flags = [f for f in message.flags if f != "fuzzy"]
    return format_catalog(catalog).encode("utf-8")


def _record(page: Path) -> dict[str, str]:
    found = read_record(page.read_text(encoding="utf-8"))
    assert found is not None
    return found[0]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = make_root(tmp_path, {SEED.name: SEED.read_bytes()})
    assert invoke("-C", str(root), "extract").exit_code == 0
    return root


def test_a_save_between_the_passes_is_not_cached_as_the_old_bytes(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(root)
    catalog = po_path(root, SEED_ID)
    page = root / "content" / "de" / f"{SEED_ID}.md"
    first = _translated(catalog, "EERST")
    catalog.write_bytes(first)
    saved = _translated(catalog, "DAARNA")

    # 1. merge runs; the translator saves between its summary pass and its render pass
    #    (LinkMap is built between the two)
    real = pipeline.linkmap.LinkMap

    def save_then_link_map(*args, **kwargs):  # type: ignore[no-untyped-def]
        catalog.write_bytes(saved)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline.merge, "LinkMap", save_then_link_map)
    [result] = merge(config)
    monkeypatch.undo()
    assert result.action == "written"
    # the page is the one of the bytes its record names
    assert "DAARNA" in page.read_text(encoding="utf-8")
    assert _record(page)["catalog_sha256"] == hashlib.sha256(saved).hexdigest()

    # 2. the translator undoes the save: the catalog is back to the bytes the summary read
    catalog.write_bytes(first)
    [result] = merge(config)
    assert result.action == "written", "the page of the undone save was kept as unchanged"
    assert "DAARNA" not in page.read_text(encoding="utf-8")
    assert "EERST" in page.read_text(encoding="utf-8")
    assert _record(page)["catalog_sha256"] == hashlib.sha256(first).hexdigest()

    # 3. and now nothing is left to do
    [result] = merge(config)
    assert result.action == "unchanged"


def test_the_summary_is_cached_under_the_bytes_it_was_made_from(root: Path) -> None:
    """The summary pass takes the catalog's digest, then a worker reads the catalog: a save
    in between must not file the new catalog's slug under the old catalog's digest."""
    config = load_config(root)
    catalog = po_path(root, SEED_ID)
    post = root / "content" / "nl" / SEED.name
    first = _translated(catalog, "EERST")
    catalog.write_bytes(first)
    saved = _translated(catalog, "DAARNA")
    with Store(root) as store:
        real = store.file_digest

        def digest_then_save(path: Path) -> str | None:
            found = real(path)
            if path == catalog:
                catalog.write_bytes(saved)  # right after the pass took the digest
            return found

        store.file_digest = digest_then_save  # type: ignore[method-assign]
        [summary] = collect_summaries(store, config, [post], "de")
    assert summary.slug.startswith("daarna-")  # made from the bytes the worker read
    catalog.write_bytes(first)  # the undo
    with Store(root) as store:
        [summary] = collect_summaries(store, config, [post], "de")
    assert summary.slug.startswith("eerst-"), f"the slug of the undone save, from the cache: {summary.slug}"


def test_force_renders_every_post_whatever_the_cache_says(root: Path) -> None:
    catalog = po_path(root, SEED_ID)
    catalog.write_bytes(_translated(catalog, "EERST"))
    first = api.merge(root)
    assert (first.counts()["written"], first.rendered) == (1, 1)
    again = api.merge(root)
    assert (again.counts()["unchanged"], again.rendered) == (1, 0)  # the cache spares the work
    forced = api.merge(root, force=True)
    assert (forced.counts()["unchanged"], forced.rendered) == (1, 1)  # --force renders and compares
    plain = api.merge(root, use_cache=False)
    assert (plain.counts()["unchanged"], plain.rendered) == (1, 1)  # without the cache: rendered


def test_the_digests_of_a_post_read_are_those_of_its_bytes(root: Path) -> None:
    """:func:`pipeline.translated.source_digests` of a post read gives the digest
    ``read_translated_post`` took once of the post's bytes (and the catalog's): the digests
    of the files as they are, as taken of the bytes again."""
    from pipeline.cache import digest
    from pipeline.translated import read_translated_post, source_digests

    config = load_config(root)
    post = config.source_dir / f"{SEED_ID}.md"
    translated = read_translated_post(config, post, "de")
    assert translated.source_digest == digest(post.read_bytes())
    assert source_digests(translated) == {"post": digest(post.read_bytes()), "po": digest(po_path(root, SEED_ID).read_bytes())}
    translated.source_digest = None  # a post made otherwise: taken of its bytes
    assert source_digests(translated)["post"] == digest(post.read_bytes())
