"""The cache in ``.pipeline-cache/``: reused only for exactly the bytes it was made from."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from merge_support import fill_all, pseudo_translate, spec_examples, spec_id, spec_post
from support import ARTICLES, SEED, invoke, make_root, snapshot

from pipeline import api
from pipeline.cache import CACHE_DIR, DATABASE, RACY_NS, Store, digest, stat_signature
from pipeline.config import load_config
from pipeline.units import kept_units
from pipeline.translated import read_translated_post
from pipeline.segment import pack_segmentation, segment_post


def _root(tmp_path: Path) -> Path:
    posts = {p.name: p.read_bytes() for p in [SEED, *ARTICLES[:3]]}
    return make_root(tmp_path, posts)


def _german(root: Path) -> dict[str, bytes]:
    folder = root / "content" / "de"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.md"))}


def _run(root: Path, *args: str) -> None:
    result = invoke("-C", str(root), *args)
    assert result.exit_code == 0, result.output


def test_merge_reuses_the_segmentation_extract_kept(tmp_path: Path) -> None:
    cached = _root(tmp_path / "cached")
    extracted = api.extract(cached)
    assert (extracted.posts, extracted.parsed) == (4, 4)
    fill_all(cached, pseudo_translate)
    plain = _root(tmp_path / "plain")
    api.extract(plain)
    fill_all(plain, pseudo_translate)
    # without the cache, the count is every post: it counts the parsing merge really does
    merged = api.merge(plain, use_cache=False)
    assert (merged.counts()["written"], merged.parsed, merged.rendered) == (4, 4, 4)

    merged = api.merge(cached)
    assert merged.counts()["written"] == 4
    assert merged.parsed == 0, "merge parsed a post whose segmentation extract kept"
    german = _german(cached)
    assert len(german) == 4
    assert german == _german(plain)
    # nothing changed since: extract and merge parse no post, merge renders none
    assert (api.extract(cached).parsed, api.extract(cached, use_cache=False).parsed) == (0, 4)
    again = api.merge(cached)
    assert (again.counts()["unchanged"], again.parsed, again.rendered) == (4, 0, 0)
    assert _german(cached) == german


def test_a_segmentation_of_other_bytes_is_not_used(tmp_path: Path) -> None:
    root = _root(tmp_path)
    _run(root, "extract")
    config = load_config(root)
    path = root / "content" / "nl" / SEED.name
    store = Store(root)
    kept = kept_units(store, config)
    assert kept is not None
    assert read_translated_post(config, path, "de", kept).parsed_units is None  # the kept units were used
    store.close()
    # the post changes after extract: the kept units would cut the new text in the wrong places
    path.write_bytes(path.read_bytes().replace(b"\n\n", b"\n\nNieuwe alinea vooraan.\n\n", 1))
    translated = read_translated_post(config, path, "de", kept)
    assert translated.parsed_units is not None  # parsed again
    assert translated.units == segment_post(translated.post, SEED.stem, config.translatable_keys, config.list_keys)
    assert any(u.text == "Nieuwe alinea vooraan." for u in translated.units)


def test_a_broken_segmentation_is_parsed_again(tmp_path: Path) -> None:
    root = _root(tmp_path)
    config = load_config(root)
    path = root / "content" / "nl" / SEED.name
    translated = read_translated_post(config, path, "de", lambda post_id, post_digest: b"not JSON")
    assert translated.error is None and translated.parsed_units is not None and translated.post is not None
    good = pack_segmentation(translated.units, translated.definitions, translated.post.lines)
    again = read_translated_post(config, path, "de", lambda post_id, post_digest: good)
    assert again.parsed_units is None and again.units == translated.units


REMEMBERED = "0123456789abcdef" * 2  # a digest no file here has


def _fake_record(root: Path, path: Path, fake: str, fence: int) -> None:
    with sqlite3.connect(root / CACHE_DIR / DATABASE) as db:
        db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
            (str(path), *stat_signature(os.stat(path)), fence, fake),
        )


def test_a_file_digest_is_trusted_only_while_its_stat_is_unchanged_and_not_racy(tmp_path: Path) -> None:
    root = _root(tmp_path)
    Store(root).close()
    path = root / "content" / "nl" / SEED.name
    real = digest(path.read_bytes())
    mtime = os.stat(path).st_mtime_ns
    # a record made well after the file's last change is trusted (that is the point of it)...
    _fake_record(root, path, REMEMBERED, mtime + 10 * RACY_NS)
    with Store(root) as store:
        assert store.file_digest(path) == REMEMBERED
    # ...but not one made within RACY_NS of it: a change in the same clock tick would not show
    _fake_record(root, path, REMEMBERED, mtime + RACY_NS // 2)
    with Store(root) as store:
        assert store.file_digest(path) == real
    # nor once anything of its stat moved
    _fake_record(root, path, REMEMBERED, mtime + 10 * RACY_NS)
    path.write_bytes(path.read_bytes())  # same bytes and size: the times and maybe the inode change
    with Store(root) as store:
        assert store.file_digest(path) == real
    with Store(root, enabled=False) as store:
        assert store.file_digest(path) == real


def test_a_post_changed_in_place_with_the_same_size_and_mtime_is_seen(tmp_path: Path) -> None:
    root = _root(tmp_path)
    _run(root, "extract")
    _run(root, "extract")
    path = root / "content" / "nl" / SEED.name
    old = path.read_bytes()
    stat = os.stat(path)
    new = old.replace(b"Workshop", b"Werkshop", 1)
    assert len(new) == len(old) and new != old
    with open(path, "r+b") as handle:  # in place: the same inode
        handle.write(new)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the old modification time back
    _run(root, "extract")
    pot = (root / "locale" / "templates" / f"{SEED.stem}.pot").read_text(encoding="utf-8")
    assert "Werkshop" in pot


def test_a_cache_that_is_no_database_is_set_aside(tmp_path: Path) -> None:
    root = _root(tmp_path)
    (root / CACHE_DIR).mkdir()
    (root / CACHE_DIR / DATABASE).write_bytes(b"this is no SQLite database\n" * 100)
    _run(root, "extract")
    assert (root / CACHE_DIR / "cache.broken").read_bytes().startswith(b"this is no SQLite")
    with sqlite3.connect(root / CACHE_DIR / DATABASE) as db:
        assert db.execute("SELECT count(*) FROM posts WHERE name = 'extract'").fetchone() == (4,)
        assert db.execute("SELECT count(*) FROM segments").fetchone() == (4,)
    before = snapshot(root)
    _run(root, "extract")
    assert snapshot(root) == before


def _posts_to_pack() -> list[tuple[str, str]]:
    posts = [(p.stem, p.read_text(encoding="utf-8")) for p in [SEED, *ARTICLES]]
    posts += [(spec_id(example), spec_post(example)) for example in spec_examples()]
    return posts


def test_a_packed_segmentation_unpacks_to_the_same_units() -> None:
    from pipeline.post import load_post
    from pipeline.segment import unpack_segmentation

    config = load_config(Path("."))
    for name, text in _posts_to_pack():
        post = load_post(f"{name}.md", text.encode("utf-8"), 10 * 1024 * 1024)
        definitions: list[tuple[int, int]] = []
        units = segment_post(post, name, config.translatable_keys, config.list_keys, definitions)
        packed = pack_segmentation(units, definitions, post.lines)
        assert unpack_segmentation(packed, post.lines) == (units, definitions), name


def test_a_long_run_commits_as_it_goes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run holds the cache's write lock only briefly (check takes no run lock, and may run
    beside extract or merge): what it noted is committed every COMMIT_EVERY_S seconds."""
    import pipeline.cache

    monkeypatch.setattr(pipeline.cache, "COMMIT_EVERY_S", 0.0)
    root = _root(tmp_path)
    store = Store(root)
    cache = pipeline.cache.RunCache(store, "test", "settings")
    for n in range(3):
        cache.put(f"post-{n}", {"post": "x"})
    with sqlite3.connect(root / CACHE_DIR / DATABASE, timeout=0.1) as other:
        # a second writer gets the lock at once, and sees what the first run noted
        other.execute("INSERT OR REPLACE INTO caches VALUES ('other', 'x')")
        assert other.execute("SELECT count(*) FROM posts WHERE name = 'test'").fetchone()[0] >= 2
    store.close()



def test_what_other_code_kept_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pipeline whose code changed (a new rule), released or not, does not trust the
    results an older one kept: its checks run again, its segmentations are made again."""
    import pipeline.cache

    root = make_root(tmp_path, {"post.md": SEED.read_text(encoding="utf-8")})
    assert invoke("-C", str(root), "extract").exit_code == 0
    config = load_config(root)
    with Store(root) as store:
        assert pipeline.runner.extract_cache(store, config).record("post") is not None
    settings = pipeline.units.units_settings(config)
    monkeypatch.setattr(pipeline.cache, "__version__", "0.0.0-other")
    pipeline.cache.code_version.cache_clear()
    try:
        assert pipeline.cache.code_version().startswith("0.0.0-other+")
        assert pipeline.units.units_settings(config) != settings
        with Store(root) as store:
            assert pipeline.runner.extract_cache(store, config).record("post") is None
    finally:
        monkeypatch.undo()
        pipeline.cache.code_version.cache_clear()



def test_the_code_version_changes_with_the_source_not_only_the_release(tmp_path: Path) -> None:
    """Two copies of the package with one line of difference and one ``__version__`` have
    two code versions (an edited or pulled checkout is no new release)."""
    import shutil
    import subprocess
    import sys

    import pipeline

    package = Path(pipeline.__file__).parent

    def version_of(copy: Path) -> str:
        shutil.copytree(package, copy / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
        return copy

    same, edited = version_of(tmp_path / "same"), version_of(tmp_path / "edited")
    checks = edited / "pipeline" / "checkers.py"
    checks.write_text(checks.read_text(encoding="utf-8") + "\n# a new rule\n", encoding="utf-8")
    program = "from pipeline.cache import code_version; print(code_version())"
    versions = [
        subprocess.run([sys.executable, "-c", program], cwd=copy, capture_output=True, text=True,
                       check=True, env={**os.environ, "PYTHONPATH": str(copy)}).stdout.strip()
        for copy in (same, edited)
    ]
    import pipeline.cache

    assert versions[0] == pipeline.cache.code_version()
    assert versions[1] != versions[0]
    assert versions[1].split("+")[0] == pipeline.__version__
