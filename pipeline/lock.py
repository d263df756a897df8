"""One run at a time per content root: an advisory lock the kernel drops when a run dies.

``fcntl.flock`` is released when its process ends, however it ends (SIGKILL included), so a
lock left by a killed run is taken over at once; the PID written into the file lets the
next run say whose lock it waited for, and that it took over a stale one.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = "lock"

#: The lock folders this process holds now (see :func:`holds`).
_HELD: set[str] = set()


class LockBusy(Exception):
    """Another run holds the lock and we were told not to wait."""

    def __init__(self, path: Path, holder: str) -> None:
        self.path = path
        self.holder = holder
        super().__init__(f"{path}: another pipeline run ({holder}) is working on this content root")


def _holder(handle) -> str:  # type: ignore[no-untyped-def]
    handle.seek(0)
    text = handle.read().strip()
    return f"pid {text}" if text else "unknown process"


def _alive(pid_text: str) -> bool:
    try:
        pid = int(pid_text.split()[-1])
    except (ValueError, IndexError):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def run_lock(
    folder: Path,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
    on_stale: Callable[[str], None] | None = None,
    poll: float = 0.1,
) -> Iterator[None]:
    """Hold ``folder/lock`` for the duration of the block."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    handle = open(path, "a+", encoding="ascii")
    try:
        told = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                holder = _holder(handle)
                if not wait:
                    raise LockBusy(path, holder) from None
                if not told and on_wait is not None:
                    on_wait(holder)
                    told = True
                time.sleep(poll)
        previous = _holder(handle)
        if previous != "unknown process" and on_stale is not None and not _alive(previous):
            on_stale(previous)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        _HELD.add(os.path.abspath(folder))
        try:
            yield
        finally:
            _HELD.discard(os.path.abspath(folder))
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()


def holds(folder: Path) -> bool:
    """Whether this process holds the run lock of ``folder`` now (inside :func:`run_lock`)."""
    return os.path.abspath(folder) in _HELD
