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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import wrong_kind
from pipeline.files import remove_stale_temps

LOCK_NAME = "lock"


class LockUnusable(Exception):
    """The lock file cannot be made or opened: a file where its folder should be, a folder
    or a symlink where it should be, no permission."""


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
    on_kept: Callable[[Path, Path], None] | None = None,
    poll: float = 0.1,
    clean: Iterable[Path] | None = None,
) -> Iterator[None]:
    """Hold ``folder/lock`` for the duration of the block.

    Once it is held, the temporary files a killed run left in ``clean`` are removed (no
    other run is writing now); by default in the content root's content/ and locale/ and in
    ``folder``, the root being ``folder``'s parent (see :func:`writable_folders`). One that
    may hold someone's save is kept and given to ``on_kept``.
    """
    path = folder / LOCK_NAME
    handle = _open_lock(folder, path)
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
        folders = writable_folders(folder) if clean is None else list(clean)
        remove_stale_temps(folders, on_kept)
        try:
            yield
        except BaseException:
            # a run cut short (Ctrl-C, SIGTERM, a worker killed, an error): its workers are
            # stopped and what they were writing removed while the lock is still held
            from pipeline.parallel import stop_workers

            stop_workers()
            remove_stale_temps(folders)
            raise
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()


def _open_lock(folder: Path, path: Path):  # type: ignore[no-untyped-def]
    """``folder/lock``, opened for reading and writing (made if need be, with its folder);
    never through a symlink (the PID written into it would overwrite where it leads)."""
    shown = f"{folder.name}/{LOCK_NAME}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise LockUnusable(wrong_kind(folder.name, "file", "it only holds the cache and the run lock")) from None
    except OSError as exc:
        raise LockUnusable(f"{folder.name}: cannot make the run lock's folder: {exc.strerror}") from None
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except IsADirectoryError:
        raise LockUnusable(wrong_kind(shown, "folder", "the run lock is made afresh")) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LockUnusable(wrong_kind(shown, "symlink", "the run lock is made afresh")) from None
        raise LockUnusable(f"{shown}: cannot open the run lock: {exc.strerror}") from None
    return os.fdopen(descriptor, "r+", encoding="ascii", errors="replace")


def writable_folders(folder: Path) -> list[Path]:
    """Where runs on the content root whose lock folder is ``folder`` write: the root's
    content/ and locale/ (as its settings name them) and ``folder`` itself."""
    from pipeline.config import load_config
    from pipeline.errors import PipelineError

    try:
        config = load_config(folder.parent)
    except PipelineError:  # a bad pyproject.toml: the command says so itself
        return [folder]
    return [config.root / config.content_dir, config.root / config.locale_dir, folder]
