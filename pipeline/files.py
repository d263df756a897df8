"""File writes that never leave a half-written file: temp file in the same folder, then rename.

A process killed at any moment (SIGKILL included) leaves each file as it was or as it should
become: the rename is atomic. No fsync: it would cost more than the rest of a run on many
small files, and it guards against power loss, not against a killed run.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

#: The name of a temporary file of :func:`write_atomic`: ``.<name>.<8 random characters>.tmp``
TEMP_NAME_RE = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the content differs; return whether the file was written."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
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
