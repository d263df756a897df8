"""File writes that never leave a half-written file: temp file in the same folder, then rename.

A process killed at any moment (SIGKILL included) leaves each file as it was or as it should
become: the rename is atomic. No fsync: it would cost more than the rest of a run on many
small files, and it guards against power loss, not against a killed run.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterable
from pathlib import Path

#: The name of a temporary file of :func:`write_atomic`: ``.<name>.<8 random characters>.tmp``
TEMP_NAME_RE = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


_FOLDERS_MADE: set[Path] = set()
"""Folders this process made or found: a run writes thousands of files into a few folders."""


def _open_temp(path: Path) -> tuple[int, Path]:
    """A new temporary file beside ``path`` (its folder made if need be), opened for writing."""
    folder = path.parent
    if folder not in _FOLDERS_MADE:
        folder.mkdir(parents=True, exist_ok=True)
        _FOLDERS_MADE.add(folder)
    for attempt in range(100):
        tmp = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            return os.open(tmp, flags, 0o644), tmp
        except FileExistsError:
            continue
        except FileNotFoundError:
            if attempt:
                raise
            folder.mkdir(parents=True, exist_ok=True)  # removed since this process made it
    raise FileExistsError(f"no free temporary file name beside {path}")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place."""
    fd, tmp = _open_temp(path)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fchmod(fd, 0o644)  # not mkstemp's 0600: readable as any other file of the site
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def same_text(old: bytes, new: bytes) -> bool:
    """Whether two versions of a text file differ in their line endings at most (CRLF or LF:
    a checkout with git's ``core.autocrlf`` has CRLF where the repository has LF)."""
    return old == new or old.replace(b"\r\n", b"\n") == new.replace(b"\r\n", b"\n")


def in_line_endings_of(old: bytes | None, data: bytes) -> bytes:
    """``data`` (LF line endings, as GNU gettext writes) with CRLF line endings where the file
    it replaces has them (its first line ends in CRLF): an update changes what changed, and a
    file in a CRLF checkout is not rewritten for its line endings. GNU gettext reads both."""
    if old is not None and old.split(b"\n", 1)[0].endswith(b"\r") and b"\n" in old:
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return data


def differs(path: Path, data: bytes, old: bytes | None = None) -> bool:
    """Whether writing ``data`` would change the file (a missing file: yes). ``old``: the
    file's bytes, when the caller has just read them (None: read them here)."""
    if old is None:
        try:
            old = path.read_bytes()
        except FileNotFoundError:
            return True
    return old != data


def write_if_changed(path: Path, data: bytes, old: bytes | None = None) -> bool:
    """Write only when the content differs (see :func:`differs`); return whether it did."""
    if not differs(path, data, old):
        return False
    write_atomic(path, data)
    return True


def remove_stale_temps(folders: Iterable[Path]) -> list[Path]:
    """Remove the temporary files a killed run left (killed between writing and renaming).

    Call it only under the run lock (:mod:`pipeline.lock`): then no other run is writing,
    and every such file is stale. A folder that is a symlink is not entered.
    """
    removed: list[Path] = []
    for folder in folders:
        if folder.is_symlink() or not folder.is_dir():
            continue
        for dirpath, _, filenames in os.walk(folder):
            for name in filenames:
                if name.startswith(".") and name.endswith(".tmp") and TEMP_NAME_RE.fullmatch(name):
                    path = Path(dirpath) / name
                    try:
                        path.unlink()
                    except FileNotFoundError:
                        continue
                    removed.append(path)
    return removed
