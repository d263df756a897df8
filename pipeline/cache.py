"""A cache of what each post's files hashed to after the last run, to skip posts nothing touched.

Keyed by content hashes (never by timestamps): a post is skipped only when its own bytes and
those of every file written from it are exactly what the last run saw and wrote, under the
same settings and pipeline version. Delete ``.pipeline-cache/`` at any time; the next run
does the full work and writes it again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.files import write_atomic

CACHE_DIR = ".pipeline-cache"


def digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.blake2b(data, digest_size=16).hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except (FileNotFoundError, IsADirectoryError):
        return None


def cache_folder_is_inside(root: Path) -> bool:
    """Whether ``.pipeline-cache`` (if it exists) stays inside the root: a symlink out of it
    is refused, as symlinks out of content/ and locale/ are."""
    folder = root / CACHE_DIR
    return not folder.exists() and not folder.is_symlink() or folder.resolve().is_relative_to(root.resolve())


class RunCache:
    """One JSON file per command: post id → the digests seen, plus what to report."""

    def __init__(self, root: Path, name: str, fingerprint: str) -> None:
        self.path = root / CACHE_DIR / f"{name}.json"
        self.fingerprint = f"{__version__}:{fingerprint}"
        self.entries: dict[str, dict[str, Any]] = {}
        self.changed = False
        self.usable = cache_folder_is_inside(root)
        if not self.usable:
            return  # a cache folder linked out of the root: neither read nor written
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("fingerprint") == self.fingerprint:
                entries = data.get("posts")
                if isinstance(entries, dict):
                    self.entries = entries
        except (OSError, ValueError):
            pass  # no cache, or a broken one: start afresh

    def get(self, post_id: str, digests: dict[str, str | None]) -> dict[str, Any] | None:
        """The cached record when every digest matches, else None."""
        entry = self.entries.get(post_id)
        if entry is None or entry.get("digests") != digests:
            return None
        return entry

    def put(self, post_id: str, digests: dict[str, str | None], **info: Any) -> None:
        entry = {"digests": digests, **info}
        if self.entries.get(post_id) != entry:
            self.entries[post_id] = entry
            self.changed = True

    def drop(self, post_id: str) -> None:
        if self.entries.pop(post_id, None) is not None:
            self.changed = True

    def save(self) -> None:
        if not self.changed or not self.usable:
            return
        document = {"fingerprint": self.fingerprint, "posts": dict(sorted(self.entries.items()))}
        write_atomic(self.path, json.dumps(document, separators=(",", ":")).encode("utf-8"))
        self.changed = False
