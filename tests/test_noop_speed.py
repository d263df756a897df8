"""The shortcuts of a run after a small change (one post or one catalog, or none): each keeps
the answer the full work gives, and is undone by any change of the bytes it stands for, a
change that keeps the file's size and modification time included (see pipeline.cache)."""

from __future__ import annotations

import os
from pathlib import Path

from terms_site import check_problems, terms_site, translated_terms_site
from support import run_cli


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """``old`` replaced by ``new`` (as long) in ``path``, its modification time put back."""
    assert len(old.encode()) == len(new.encode())
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns


def test_a_german_post_edited_by_hand_after_a_check_knew_it_as_merge_s_is_still_said(tmp_path: Path) -> None:
    # the terms check passes over the German posts the cache knows as merge's own output
    # (terms._hand_written_terms, by each file's digest): an edit with the same size and
    # modification time is found all the same
    root = translated_terms_site(tmp_path)
    assert run_cli(root, "merge").returncode == 0
    for _ in range(2):  # the second from what the first kept
        assert [p for p in check_problems(root) if p["code"] == "term-inconsistent"] == []
    _same_size_edit(root / "content" / "de" / "b.md", "tags: [Fahrrad]", "tags: [Fahrrat]")
    found = [(p["file"], p["message"]) for p in check_problems(root) if p["code"] == "term-inconsistent"]
    assert found == [("content/de/b.md", "the tags term 'fiets' is 'Fahrrat' here but 'Fahrrad' in "
                      "locale/de/LC_MESSAGES/_terms.po: keep one")]


def _tree_state_by_rglob(store, config, static_dir: str) -> dict[str, str | None]:
    """check._tree_state as it was written first: Paths by rglob, each confined and digested."""
    import hashlib

    from pipeline.errors import PipelineError

    state = hashlib.blake2b(digest_size=16)
    for folder in (config.root / config.content_dir, config.root / config.locale_dir):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            try:
                config.confine(path)
            except PipelineError:
                found: str | None = "outside"
            else:
                found = store.file_digest(path)
            state.update(f"{config.relative(path)}\0{found}\n".encode("utf-8", "surrogateescape"))
    static = config.root / static_dir
    if static.is_dir():
        names = sorted(config.relative(p) for p in static.rglob("*") if p.is_file())
        state.update(("static/\0" + "\n".join(names)).encode("utf-8", "surrogateescape"))
    return {"tree": state.hexdigest()}


def test_check_s_tree_state_confines_by_folder_and_stats_once_as_each_file_alone_would(tmp_path: Path) -> None:
    # _tree_state asks Config.confine once per folder (a file that is no symlink resolves
    # where its folder does) and stats each file once: the same digest as every file asked
    # alone, with symlinks out of the root and back in, a fifo, a broken link among posts
    from pipeline import api
    from pipeline.cache import Store
    from pipeline.check import _tree_state

    root = terms_site(tmp_path / "site")
    run_cli(root, "extract")
    outside = tmp_path / "outside"
    (outside / "posts").mkdir(parents=True)
    (outside / "x.md").write_text("x\n", encoding="utf-8")
    (outside / "posts" / "y.md").write_text("y\n", encoding="utf-8")
    nl = root / "content" / "nl"
    (nl / "out.md").symlink_to(outside / "x.md")
    (nl / "in.md").symlink_to(nl / "a.md")
    (nl / "away").symlink_to(outside / "posts", target_is_directory=True)
    (nl / "broken.md").symlink_to(nl / "nowhere.md")
    (nl / "sub").mkdir()
    (nl / "sub" / "c.md").write_text("c\n", encoding="utf-8")
    (nl / "sub" / "out.md").symlink_to(outside / "x.md")
    os.mkfifo(nl / "sub" / "pipe.md")
    (root / "static").mkdir()
    (root / "static" / "i.png").write_bytes(b"png")
    config = api.content_root(root)
    with Store(root) as store:
        expected = _tree_state_by_rglob(store, config, "static")
        assert _tree_state(store, config, "static") == expected
        assert _tree_state(store, config, "static") == expected  # the digests kept, as read
    with Store(root) as store:
        assert _tree_state(store, config, "static") == expected
        (nl / "sub" / "c.md").write_text("C\n", encoding="utf-8")
        assert _tree_state(store, config, "static") == _tree_state_by_rglob(store, config, "static") != expected


def test_a_german_resource_found_with_the_folders_remembered_is_the_one_found_alone(tmp_path: Path) -> None:
    # check asks site.german_resource of every German post with one ``bundles`` memo per
    # language: each answer is the one the file asked alone gets, bundles of every kind
    from pipeline import api
    from pipeline.site import german_resource

    root = terms_site(tmp_path / "site")
    de, nl = root / "content" / "de", root / "content" / "nl"
    for name in ("b1/index.md", "b1/notes.md", "b1/sub/x.md", "sec/_index.md", "sec/p.md", "sec/b2/index.md",
                 "sec/b2/r.md", "mirrored/r.md", "both/index.md", "both/_index.md", "both/y.md", "top.md"):
        (de / name).parent.mkdir(parents=True, exist_ok=True)
        (de / name).write_text("x\n", encoding="utf-8")
    (nl / "mirrored").mkdir()
    (nl / "mirrored" / "index.md").write_text("---\ntitle: M\n---\n", encoding="utf-8")
    config = api.content_root(root)
    files = sorted(de.rglob("*.md"))
    alone = [german_resource(config, p, "de") for p in files]
    bundles: dict[Path, bool] = {}
    assert [german_resource(config, p, "de", bundles) for p in files] == alone
    assert [german_resource(config, p, "de", bundles) for p in reversed(files)] == alone[::-1]
    assert [p.relative_to(de).as_posix() for p, r in zip(files, alone) if r] == [
        "b1/notes.md", "b1/sub/x.md", "mirrored/r.md", "sec/b2/r.md"]


def test_a_post_s_file_key_with_the_folders_confined_once_is_the_one_confined_alone(tmp_path: Path) -> None:
    # check's per-post keys (check._file_key) confine by folder through check._confined:
    # symlinks out of the root are 'outside' still, whichever file of a folder is asked first
    from pipeline import api
    from pipeline.cache import Store
    from pipeline.check import _confined, _file_key

    root = terms_site(tmp_path / "site")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.md").write_text("x\n", encoding="utf-8")
    nl = root / "content" / "nl"
    (nl / "out.md").symlink_to(outside / "x.md")
    (nl / "in.md").symlink_to(nl / "a.md")
    (nl / "away").symlink_to(outside, target_is_directory=True)
    (nl / "folder.md").mkdir()
    asked = [nl / n for n in ("out.md", "a.md", "in.md", "folder.md", "gone.md")] + [nl / "away" / "x.md"]
    config = api.content_root(root)
    with Store(root) as store:
        alone = [_file_key(store, config, p) for p in asked]
        assert alone[0] == "outside" and alone[-1] == "outside" and alone[3] == "folder" and alone[4] is None
        for order in (asked, asked[::-1]):
            confined = _confined(config)
            assert {p: _file_key(store, config, p, confined) for p in order} == dict(zip(asked, alone))


def test_the_files_table_read_in_bulk_is_packed_as_each_file_was_noted(tmp_path: Path) -> None:
    # Store.__init__ packs the rows of the files table with one struct (cache._ROW): the
    # record of each file is _pack_file's, and a damaged row is passed over (read again)
    import sqlite3

    from pipeline.cache import Store, _pack_file, stat_signature

    (tmp_path / "a.md").write_text("a\n", encoding="utf-8")
    with Store(tmp_path) as store:
        found = store.file_digest(tmp_path / "a.md")
        noted = store._files[str(tmp_path / "a.md")]
    db = sqlite3.connect(tmp_path / ".pipeline-cache" / "cache.sqlite3")
    db.execute("INSERT INTO files VALUES ('damaged', 'x', 1, 2, 3, 4, 'zz')")
    db.commit()
    db.close()
    again = Store(tmp_path)
    signature = stat_signature(os.stat(tmp_path / "a.md"))
    assert again._files[str(tmp_path / "a.md")] == noted == _pack_file(signature, noted and
                                                                       int.from_bytes(noted[32:40], "little", signed=True), found)
    assert "damaged" not in again._files
    again.close()


def test_the_entries_below_a_folder_are_os_walk_s_files_with_whether_each_is_a_symlink(tmp_path: Path) -> None:
    # check._entries_below (os.scandir) lists what check._file_texts_below (os.walk) does,
    # in its order, each with os.path.islink's answer
    from pipeline.check import _entries_below, _file_texts_below

    top = tmp_path / "content"
    for name in ("a/x.md", "a-b/x.md", "a.b/y.md", "A/z.md", ".hidden/h.md", "a/b/c/d.md", "é/ü.md", "a0.md"):
        (top / name).parent.mkdir(parents=True, exist_ok=True)
        (top / name).write_text("x", encoding="utf-8")
    (top / "linked").symlink_to(top / "a", target_is_directory=True)
    (top / "file-link.md").symlink_to(top / "a" / "x.md")
    (top / "broken.md").symlink_to(top / "nowhere.md")
    (top / "a" / "loop").symlink_to(top / "a" / "loop")
    os.mkfifo(top / "a" / "pipe")
    entries = _entries_below(top)
    assert [text for text, _ in entries] == _file_texts_below(top)
    assert [link for _, link in entries] == [os.path.islink(text) for text in _file_texts_below(top)]
    assert sum(link for _, link in entries) == 3


def test_the_templates_and_catalogs_listed_for_the_orphans_are_rglob_s(tmp_path: Path) -> None:
    # files.named_below lists by os.scandir, as text, what sorted(folder.rglob("*.po")) gives
    from pipeline.files import named_below

    top = tmp_path / "LC_MESSAGES"
    for name in ("a.po", "a/b.po", "a-b/c.po", "A/d.po", ".po", ".x.po", "é/ü.po", "x.pot", "y.PO", "z.po.bak"):
        (top / name).parent.mkdir(parents=True, exist_ok=True)
        (top / name).write_text("x", encoding="utf-8")
    (top / "dir.po").mkdir()
    (top / "dir.po" / "inner.po").write_text("x", encoding="utf-8")
    (top / "linked").symlink_to(top / "a", target_is_directory=True)
    (top / "link.po").symlink_to(top / "a.po")
    (top / "broken.po").symlink_to(top / "nowhere.po")
    for suffix in (".po", ".pot"):
        assert [Path(text) for text in named_below(top, suffix)] == sorted(top.rglob(f"*{suffix}"))
    assert sorted(named_below(top, ".po", ordered=False)) == sorted(named_below(top, ".po"))


def test_the_catalog_ids_listed_as_text_are_those_rglob_finds(tmp_path: Path) -> None:
    # moves.catalog_ids lists the templates and catalogs by files.named_below (text, no Path
    # per file): the ids rglob's relative paths give, in nested folders, odd names and a
    # symlinked folder (not entered) among them
    from pipeline.config import Config
    from pipeline.moves import catalog_ids

    config = Config(root=tmp_path)
    folders = [(config.template_path("x").parent, ".pot")] + [
        (config.catalog_path("x", language).parent, ".po") for language in config.target_languages]
    for folder, suffix in folders:
        for name in ("a", "b/c", "b/index", "é/ü", ".x", "d.e", "_terms", "_i18n"):
            (folder / f"{name}{suffix}").parent.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}{suffix}").write_text("x", encoding="utf-8")
        (folder / "linked").symlink_to(folder / "b", target_is_directory=True)
        (folder / "notes.txt").write_text("x", encoding="utf-8")
    (folders[0][0] / "only-template.pot").write_text("x", encoding="utf-8")
    by_rglob = {p.relative_to(folder).as_posix()[: -len(suffix)]
                for folder, suffix in folders for p in folder.rglob(f"*{suffix}")} - config.site_wide_ids
    assert catalog_ids(config) == by_rglob
    assert {"a", "b/c", "b/index", "é/ü", ".x", "d.e", "only-template"} == by_rglob


def test_a_run_s_stores_share_one_files_table_and_trust_a_record_only_while_its_stat_holds(tmp_path: Path) -> None:
    # the stores of one run (extract's and the terms pass's, check's and the terms check's)
    # read the files table once (cache.Store's ``run``): the second gives every digest a
    # store reading the database gives, and an edit between them that keeps the file's size
    # and modification time is read again, not taken from the shared table
    from pipeline.cache import Store, digest

    files = [tmp_path / f"{name}.md" for name in ("a", "b", "c")]
    for path in files:
        path.write_text(f"{path.stem}\n", encoding="utf-8")
        os.utime(path, (1_600_000_000, 1_600_000_000))  # long before any run: not racy
    run: dict = {}
    with Store(tmp_path, run=run) as first:
        before = [first.file_digest(path) for path in files]
    _same_size_edit(files[1], "b", "B")
    second = Store(tmp_path, run=run)
    assert second._files is first._files  # not read from the database again
    alone = Store(tmp_path)
    assert [second.file_digest(path) for path in files] == [alone.file_digest(path) for path in files]
    assert [second.file_digest(path) for path in files] == [before[0], digest(b"B\n"), before[2]]
    second.close()
    alone.close()
    with Store(tmp_path, enabled=False, run=run) as off:  # --no-cache: every file read
        assert off.file_digest(files[1]) == digest(b"B\n") and off._files == {}


def test_check_reads_each_post_s_record_once_and_finds_what_reading_it_each_time_finds(
        tmp_path: Path, monkeypatch) -> None:
    # site._generated_from_once: written_languages and made_elsewhere (every direction) share
    # the run's memo of each post's generation record; the report is the one a check that
    # reads a post's file at every question gives
    import shutil

    from german_site import copy_repo_site

    from pipeline import api, site

    root = copy_repo_site(tmp_path / "site")
    blog = "2024-03-05-e-learning-im-mittelstand.md"
    shutil.copy(Path(__file__).parent / "fixtures" / "german-source" / blog, root / "content" / "de" / blog)
    assert run_cli(root, "extract").returncode == 0
    reads: list[str] = []
    read = site.generated_from

    def counted(path: Path) -> str | None:
        reads.append(str(path))
        return read(path)

    monkeypatch.setattr(site, "generated_from", counted)
    config = api.content_root(root)
    assert site.written_languages(config) == ["de"]
    reads.clear()
    fast = api.check(root, use_cache=False)
    assert reads and len(reads) == len(set(reads))  # each post read once
    assert any(text.endswith(blog) for text in reads)
    monkeypatch.setattr(site, "_generated_from_once", lambda config, path: counted(path))
    once = len(reads)
    slow = api.check(root, use_cache=False)
    assert len(reads) - once > once  # the slow path reads posts again
    assert [p.as_dict() for p in fast.problems] == [p.as_dict() for p in slow.problems]
    assert fast.completeness == slow.completeness
