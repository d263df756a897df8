"""What the last runs saw and wrote, to skip the work nothing touched.

One SQLite file, ``.pipeline-cache/cache.sqlite3`` (SQLite is part of Python's standard
library), read and written a row at a time, so that a run holds in memory only the posts it is
working on, however large the site. It keeps:

- per command (``extract``, ``merge-de``, ...), per post: the digests of the post and of the
  files written from it, and what to report when they are all unchanged (:class:`RunCache`);
- per post: its segmentation (the units and link definitions) with the digest of the content
  it was made from, so that merge and check need not parse a post extract has just parsed;
- per file: its size, times and inode with the digest of its content (:meth:`Store.file_digest`).

Keys are content digests, never timestamps alone. A file's digest is taken from the last run
only while the file's size, modification and change times and inode are exactly what that run
saw, and only when its modification time was at least ``RACY_NS`` older than the moment that run
looked at it (as git does with its index): a file changed in place in the same clock tick as it
was looked at is read again, not trusted. Anything else that differs is read again.

Beside it, :class:`Memo`: what a run works out again and again (the findings of a repeated
translation), remembered in memory for that run only, and bounded.

Delete ``.pipeline-cache/`` at any time (or pass ``--no-cache``): the next run does the full
work and fills it again. A cache file that is not a readable SQLite database is set aside and
started afresh. A run killed at any moment leaves the database as the last commit left it
(SQLite's write-ahead log, ``cache.sqlite3-wal``, is part of the database: never delete it
alone).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sqlite3
import struct
import time
from pathlib import Path
from stat import S_ISREG
from typing import Any, Generic, TypeVar

from pipeline import __version__
from pipeline.config import CACHE_DIR
from pipeline.errors import wrong_kind
from pipeline.files import content_hash

DATABASE = "cache.sqlite3"
COMMIT_EVERY_S = 0.5
RACY_NS = 50_000_000
"""A file modified less than this before a run looked at it (50 ms: far more than the kernel's
timestamp granularity, and any gap between its clock and Python's) is read again next time."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS caches (name TEXT PRIMARY KEY, fingerprint TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS posts (
    name TEXT NOT NULL, post TEXT NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (name, post)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS segments (post TEXT PRIMARY KEY, version TEXT NOT NULL, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, ctime INTEGER, inode INTEGER,
    fence INTEGER, digest TEXT
) WITHOUT ROWID;
"""


@functools.cache
def code_version() -> str:
    """The pipeline's version and a digest of its own source files: what a cached result was
    made by. A change to the code (a new rule, a fix), released or not, drops what the cache
    kept, as a change of settings does."""
    hashed = hashlib.blake2b(__version__.encode(), digest_size=8)
    for path in sorted(Path(__file__).parent.glob("*.py")):
        hashed.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{__version__}+{hashed.hexdigest()}"


def digest(data: bytes | None) -> str | None:
    return None if data is None else content_hash(data).hex()


def _read_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def cache_folder_is_inside(root: Path) -> bool:
    """Whether ``.pipeline-cache`` (if it exists) stays inside the root: a symlink out of it
    is refused, as symlinks out of content/ and locale/ are."""
    folder = root / CACHE_DIR
    return not folder.exists() and not folder.is_symlink() or folder.resolve().is_relative_to(root.resolve())


#: What stands for a byte that is not UTF-8 in a file name (Python's surrogateescape).
_NOT_UTF8_RE = re.compile("[\udc80-\udcff]")


def cache_problem(root: Path) -> str | None:
    """Why the cache of ``root`` cannot be used (a file where its folder should be, a folder
    or a symlink where the database or its log should be), for a note; None if it can be.
    A symlink is not followed: SQLite would write where it leads."""
    folder = root / CACHE_DIR
    if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
        return wrong_kind(CACHE_DIR, "file", "it only holds the cache and the run lock")
    for name in (DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm"):
        path = folder / name
        if path.is_symlink():
            return wrong_kind(f"{CACHE_DIR}/{name}", "symlink", "the cache is made afresh")
        if path.is_dir():
            return wrong_kind(f"{CACHE_DIR}/{name}", "folder", "the cache is made afresh")
    return None


def stat_signature(stat: os.stat_result) -> tuple[int, int, int, int]:
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def file_signature(path: Path) -> tuple[int, int, int, int] | None:
    """:func:`stat_signature` of a file (None if it cannot be stat'ed): taken right after a
    run writes the file, for :meth:`Store.wrote`."""
    try:
        return stat_signature(os.stat(path))
    except OSError:
        return None


def segment_version(post_digest: str, settings: str) -> str:
    """What a kept segmentation was made from: the post's bytes, and the settings and code
    that cut it into units."""
    return f"{post_digest}:{settings}"


_FILES_OF_RUN = "cache files table"
"""The key of the files table a run's stores share in its ``run`` dict (:class:`Store`)."""

_SIGNATURE = struct.Struct("<qqqQ")  # size, mtime, ctime (ns), inode
_FENCE = struct.Struct("<q")
_ROW = struct.Struct("<qqqQq")  # _SIGNATURE and _FENCE in one


def _pack_file(signature: tuple[int, ...], fence: int, file_digest: str) -> bytes:
    """A file's record in memory: 56 bytes instead of a tuple of six objects (a site of
    10,000 posts has 40,000 files)."""
    return _SIGNATURE.pack(*signature) + _FENCE.pack(fence) + bytes.fromhex(file_digest)


class Store:
    """The cache database of one root, for one command's run (in the main process only).

    ``Store(root, enabled=False)`` (``--no-cache``) keeps nothing and reads every file.
    ``run``: what one command's run shares between its stores (:attr:`pipeline.config.Config._run`):
    the files table is read by the first store of the run and handed to the next ones as that
    store left it (its every record checked against the file's stat as it is asked, as one read
    from the database is: a record is true of the file while its stat is what was seen).
    """

    def __init__(self, root: Path, enabled: bool = True, run: dict[Any, Any] | None = None) -> None:
        self.root = root
        self.path = root / CACHE_DIR / DATABASE
        self._db: sqlite3.Connection | None = None
        self._written: list[tuple[str, tuple[int, int, int, int], str]] = []
        self._pending: list[tuple[str, tuple[Any, ...]]] = []
        self._began: float | None = None  # when the oldest pending write was noted
        self._files: dict[str, bytes] = {}
        """path -> its stat signature, fence and digest packed (:func:`_pack_file`), all read
        at once: a run looks at every file of the site, and one query beats one per file."""
        if enabled and cache_folder_is_inside(root) and cache_problem(root) is None:
            self._db = self._open()
        shared = (_FILES_OF_RUN, str(self.path))
        if self._db is not None and run is not None and shared in run:
            self._files = run[shared]  # the run's earlier store read it (and noted its own since)
        elif self._db is not None:
            if run is not None:
                run[shared] = self._files
            try:
                rows = self._db.execute(
                    "SELECT path, size, mtime, ctime, inode, fence, digest FROM files").fetchall()
            except sqlite3.DatabaseError:
                rows = []
                self._give_up()
            pack, unhex, files = _ROW.pack, bytes.fromhex, self._files  # (40,000 rows at 10,000 posts)
            for path, size, mtime, ctime, inode, fence, file_digest in rows:
                try:
                    files[path] = pack(size, mtime, ctime, inode, fence) + unhex(file_digest)  # _pack_file's bytes
                except (struct.error, ValueError, TypeError):
                    continue  # a damaged row: that file is read again

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def _open(self) -> sqlite3.Connection | None:
        try:
            self.path.parent.mkdir(exist_ok=True)
        except OSError:
            return None
        for attempt in range(2):
            try:
                db = sqlite3.connect(self.path, timeout=10, isolation_level="DEFERRED")
                # write-ahead log: another run reads (check takes no run lock) while
                # this connection writes, and neither waits for the other
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=OFF")  # a cache: a power cut may cost it, not files
                db.executescript(_SCHEMA)
                db.commit()
                return db
            except sqlite3.OperationalError:
                return None  # cannot be opened or written here (a read-only checkout): no cache
            except sqlite3.DatabaseError:
                # not a database (or a broken one): set it aside and start afresh, once
                if attempt:
                    return None
                try:
                    os.replace(self.path, self.path.with_suffix(".broken"))
                    for sidecar in ("-wal", "-shm"):  # the old database's log, if any
                        Path(f"{self.path}{sidecar}").unlink(missing_ok=True)
                except OSError:
                    return None
        return None

    # ---------------------------------------------------------------------------------
    # file digests

    def file_digest(self, path: Path) -> str | None:
        """The digest of a file's content (None if there is no such file), from the cache
        while the file's stat is what was seen, else read."""
        if self._db is None:
            return _read_digest(path)
        key = str(path)
        before = time.time_ns()
        try:
            stat = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            return None
        return self._digest_of(key, stat, before)

    def _digest_of(self, key: str, stat: os.stat_result, before: int) -> str | None:
        """:meth:`file_digest` of the file ``key`` once stat'ed (``stat``, taken after
        ``before``)."""
        signature = stat_signature(stat)
        seen = self._files.get(key)
        if seen is not None and seen[:32] == _SIGNATURE.pack(*signature):
            fence, = _FENCE.unpack_from(seen, 32)
            if signature[1] < fence - RACY_NS:
                return seen[40:].hex()
        found = _read_digest(Path(key))
        if found is not None and not _NOT_UTF8_RE.search(key):  # SQLite holds UTF-8 names only
            self._files[key] = _pack_file(signature, before, found)
            self._execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", key, *signature, before, found)
        return found

    def tree_digest(self, path: str) -> tuple[bool, str | None]:
        """Whether ``path`` is a file (symlinks followed: :func:`os.path.isfile`), and if so
        :meth:`file_digest` of it, the file stat'ed once for both: check's state of the tree
        asks it of every file of the site."""
        before = time.time_ns()
        try:
            stat = os.stat(path)
        except (OSError, ValueError):
            return False, None
        if not S_ISREG(stat.st_mode):
            return False, None
        if self._db is None:
            return True, _read_digest(Path(path))
        return True, self._digest_of(path, stat, before)

    def wrote(self, path: Path, signature: tuple[int, int, int, int] | None, data_digest: str | None) -> None:
        """Note a file this run wrote (``signature``: its stat right after the write), so that
        the next run need not read it back. Trusted from the end of this run on."""
        key = str(path)
        if self._db is None or signature is None or data_digest is None or _NOT_UTF8_RE.search(key):
            return  # SQLite holds UTF-8 names only: a root named in other bytes goes without
        self._written.append((key, signature, data_digest))

    # ---------------------------------------------------------------------------------
    # segmentations

    def kept_segmentation(self, post: str, post_digest: str, settings: str) -> bytes | None:
        """The segmentation an earlier run (or pass, once committed) kept of these very
        bytes of a post under ``settings``, else None. Read in the main process only: the
        runner hands each worker the segmentation of the post it works on
        (:class:`pipeline.runner.Runner`), so that workers never open the database."""
        row = self._query("SELECT version, data FROM segments WHERE post = ?", post)
        if row is not None and row[0] == segment_version(post_digest, settings):
            return bytes(row[1])
        return None

    def keep_units(self, post: str, post_digest: str, settings: str, data: bytes) -> None:
        version = segment_version(post_digest, settings)
        self._execute("INSERT OR REPLACE INTO segments VALUES (?, ?, ?)", post, version, data)

    # ---------------------------------------------------------------------------------

    def _query(self, sql: str, *args: Any) -> Any:
        """The first row of a query (None: none, no cache, or once it went bad)."""
        rows = self._query_all(sql, *args)
        return rows[0] if rows else None

    def _query_all(self, sql: str, *args: Any) -> list[Any]:
        """Every row of a query (none without a cache, or once it went bad). fetchall: the
        statement runs to its end and holds no read snapshot open."""
        if self._db is None:
            return []
        try:
            return self._db.execute(sql, args).fetchall()
        except sqlite3.DatabaseError:
            self._give_up()
            return []

    def _execute(self, sql: str, *args: Any) -> None:
        """Note a write. Writes wait in memory and go to the database together, in one short
        transaction every COMMIT_EVERY_S seconds (or 500 writes) and at the end: another run
        that writes the cache (check takes no run lock) never waits long for this one."""
        if self._db is None:
            return
        self._pending.append((sql, args))
        if self._began is None:
            self._began = time.monotonic()
        if len(self._pending) >= 500 or time.monotonic() - self._began > COMMIT_EVERY_S:
            self.commit()

    def _give_up(self) -> None:
        """The database went bad mid-run: carry on without a cache."""
        db, self._db = self._db, None
        if db is not None:
            try:
                db.close()
            except sqlite3.Error:
                pass

    def commit(self) -> None:
        """Make what this run noted so far permanent. Every entry is whole by itself (a post's
        digests with what they stand for), so a run may commit any number of times."""
        self._began = None
        if self._db is None:
            return
        fence = time.time_ns()
        pending, self._pending = self._pending, []
        for path, signature, data_digest in self._written:
            self._files[path] = _pack_file(signature, fence, data_digest)
            pending.append((
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
                (path, *signature, fence, data_digest),
            ))
        self._written.clear()
        if not pending:
            return
        try:
            for sql, args in pending:
                self._db.execute(sql, args)
            self._db.commit()
        except sqlite3.DatabaseError:  # locked past the timeout, or broken: no cache this run
            self._give_up()

    def close(self) -> None:
        self.commit()
        self._give_up()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class RunCache:
    """Per post, what one command saw (digests) and what to report then.

    ``name`` is the command (and language); ``fingerprint`` the settings its output depends on:
    when they change, every entry of this cache is dropped. The entries are read in one query
    and each is handed out once (then forgotten: a run asks once per post). With ``by_row``,
    for a cache of large entries (the posts' summaries: 39 MB of JSON at 10,000 posts), only
    the posts that have an entry are read at first, and their entries :attr:`BATCH` at a time
    in the posts' order from the one asked for: the run never holds them all. What is handed
    out is the same either way (a run writes a post's entry after asking for it).
    """

    BATCH = 256

    def __init__(self, store: Store, name: str, fingerprint: str, by_row: bool = False) -> None:
        self.store = store
        self.name = name
        self.by_row = by_row
        self._rows: dict[str, str] = {}
        """The entries read and not yet asked for: all of them, or (``by_row``) the last batch's."""
        self._unread: set[str] = set()
        """With ``by_row``: the posts with an entry when the cache was opened, not yet asked for."""
        fingerprint = f"{code_version()}:{fingerprint}"
        self._fingerprint = fingerprint
        row = store._query("SELECT fingerprint FROM caches WHERE name = ?", name)
        if row is None or row[0] != fingerprint:
            store._execute("DELETE FROM posts WHERE name = ?", name)
            store._execute("INSERT OR REPLACE INTO caches VALUES (?, ?)", name, fingerprint)
        elif by_row:
            self._unread = {post for post, in store._query_all("SELECT post FROM posts WHERE name = ?", name)}
        else:
            self._rows = dict(store._query_all("SELECT post, entry FROM posts WHERE name = ?", name))

    def _row(self, post_id: str) -> Any:
        """The entry of a post as kept (JSON), once: from the rows read at first, or (``by_row``)
        from the batch of rows that holds it, read when it is not there."""
        if not self.by_row:
            return self._rows.pop(post_id, None)
        if post_id not in self._unread:
            return None
        if post_id not in self._rows:
            # only while the cache is still under this run's settings, in the same statement:
            # another process (check takes no run lock) may have emptied it under its own since
            rows = self.store._query_all(
                "SELECT posts.post, posts.entry FROM posts JOIN caches ON caches.name = posts.name"
                " WHERE posts.name = ? AND caches.fingerprint = ? AND posts.post >= ? ORDER BY posts.post LIMIT ?",
                self.name, self._fingerprint, post_id, self.BATCH)
            self._rows = {post: entry for post, entry in rows if post in self._unread}
        self._unread.discard(post_id)
        return self._rows.pop(post_id, None)

    def record(self, post_id: str) -> dict[str, Any] | None:
        """The entry kept for a post, whatever its digests."""
        row = self._row(post_id)
        if row is None:
            return None
        try:
            entry = json.loads(row)
        except (ValueError, TypeError):  # not JSON (nor text: a damaged database's row)
            return None
        return entry if isinstance(entry, dict) else None

    def get(self, post_id: str, digests: dict[str, str | None]) -> dict[str, Any] | None:
        """The cached entry when every digest matches, else None."""
        entry = self.record(post_id)
        if entry is None or entry.get("digests") != digests:
            return None
        return entry

    def put(self, post_id: str, digests: dict[str, str | None], **info: Any) -> None:
        if _NOT_UTF8_RE.search(post_id):
            return  # SQLite holds UTF-8 names only: a post named in other bytes goes without
        entry = json.dumps({"digests": digests, **info}, separators=(",", ":"), sort_keys=True)
        # kept only while the cache is under this run's settings, in the same statement: another
        # process may have emptied it under its own since, and would trust this entry next time
        self.store._execute("INSERT OR REPLACE INTO posts SELECT ?, ?, ? WHERE EXISTS"
                            " (SELECT 1 FROM caches WHERE name = ? AND fingerprint = ?)",
                            self.name, post_id, entry, self.name, self._fingerprint)

    def drop(self, post_id: str) -> None:
        self.store._execute("DELETE FROM posts WHERE name = ? AND post = ?", self.name, post_id)


V = TypeVar("V")


class Memo(Generic[V]):
    """Values worked out from texts, remembered for the rest of a run: a text repeated (a tag,
    a heading, a sentence shared by posts) is worked out once. Kept by a digest of the text,
    at most ``limit`` of them (:attr:`LIMIT` unless given), then forgotten all at once: a few
    MB, whatever the size of the site. A limit of 0 remembers nothing. A process of ``--jobs``
    is sent none (pickled empty)."""

    LIMIT = 20_000

    def __init__(self, limit: int | None = None) -> None:
        self.limit = self.LIMIT if limit is None else limit
        self._kept: dict[bytes, V] = {}

    @staticmethod
    def key(text: str) -> bytes:
        """The digest ``text`` is remembered by (any string: lone surrogates too)."""
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def get(self, key: bytes) -> V | None:
        return self._kept.get(key)

    def keep(self, key: bytes, value: V) -> None:
        if self.limit <= 0:
            return
        if len(self._kept) >= self.limit:
            self._kept.clear()
        self._kept[key] = value

    def __len__(self) -> int:
        return len(self._kept)

    def __getstate__(self) -> dict[str, Any]:
        return {"limit": self.limit, "_kept": {}}
