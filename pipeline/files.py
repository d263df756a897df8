"""File writes that never leave a half-written file and never overwrite a newer save.

A write goes to a temporary file in the same folder, then is renamed into place. A process
killed at any moment (SIGKILL included) leaves each file as it was or as it should become:
the rename is atomic. No fsync: it would cost more than the rest of a run on many small
files, and it guards against power loss, not against a killed run.

A file the pipeline rewrites (a catalog, a template, a German post, a post ``check --fix``
edits) is read with :func:`read_file`, which notes what it was (:class:`Snapshot`); the
write is given that snapshot and replaces the file only if it is still exactly that (a PO
editor that saved in between, by renaming a new file over it or by writing in place, wins:
:class:`FileChanged`). A write that fails (a full disk, a file size limit) raises
:class:`WriteFailed` naming the file, the old file intact and no temporary file left.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import re
import secrets
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.interrupt import SIGNALS, deferred

#: The name of a temporary file of :func:`write_atomic`: ``.<name>.<8 random characters>.tmp``
#: while it is written; ``.<name>.<8 random characters>.<ours><read>.tmp`` once it is
#: complete and is swapped with the file it replaces, ``ours`` and ``read`` the hashes (8 hex
#: digits, :func:`_name_digest`) of what the run wrote and of the file as the run read it
#: (groups ``name``, ``ours`` and ``read``)
TEMP_NAME_RE = re.compile(
    r"\.(?P<name>.+)\.[a-z0-9_]{8}(?:\.(?P<ours>[0-9a-f]{8})(?P<read>[0-9a-f]{8}))?\.tmp"
)


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


#: How many times a command redoes a post whose file changed while it worked on it, before
#: it leaves the post as it is and reports it (a PO editor saving again and again)
ATTEMPTS = 3

CHANGED = "changed while this run was reading it (a PO editor saved?): left as it is"


class FileChanged(PipelineError):
    """A file was about to be replaced, and it is no longer what the run read: someone saved
    it meanwhile. Nothing was written; redo the work from the new file, or leave it."""


T = TypeVar("T")


def redo_on_change(work: Callable[[], T], after_change: Callable[[], T | None] | None = None) -> T | FileChanged:
    """``work()``, done again while it raises :class:`FileChanged` (a file it read was saved
    by someone else before it could replace it: nothing was written over it), ``ATTEMPTS``
    times in all. ``after_change`` runs after each such attempt (to read the file again, or
    forget what the attempt found); a value it returns ends the redo with that value.
    Returns the last FileChanged when every attempt met one: the caller reports it, with
    the command to run again. Any other exception goes through."""
    changed: FileChanged | None = None
    for _ in range(ATTEMPTS):
        try:
            return work()
        except FileChanged as exc:
            changed = exc
        if after_change is not None:
            given = after_change()
            if given is not None:
                return given
    assert changed is not None
    return changed


class WriteFailed(PipelineError):
    """A file could not be written (a full disk, a file size limit, no permission): the old
    file is intact and no temporary file is left."""


@dataclass(frozen=True)
class Snapshot:
    """What a file was when it was read: its size, modification time, inode and a hash of
    the bytes read; all None when there was no such file."""

    size: int | None = None
    mtime_ns: int | None = None
    inode: int | None = None
    digest: bytes | None = None


MISSING = Snapshot()
"""The snapshot of a file that did not exist."""


def content_hash(data: bytes) -> bytes:
    """The hash of a file's content: of a :class:`Snapshot`, and (as hex) of the cache's
    keys (:func:`pipeline.cache.digest`)."""
    return hashlib.blake2b(data, digest_size=16).digest()


def _name_digest(data: bytes) -> str:
    """The hash of ``data`` in the name of a temporary file about to be swapped in: the
    start of its :class:`Snapshot` digest."""
    return content_hash(data).hex()[:8]


def read_file(path: Path) -> tuple[bytes | None, Snapshot]:
    """A file's bytes (None: there is no such file) and its :class:`Snapshot`, to give to
    :func:`write_atomic` when the file is replaced. Other errors (a folder, no permission)
    are raised as they are."""
    try:
        with open(path, "rb") as handle:
            # stat before reading: a save after it changes the bytes or the stat, and the
            # final check sees it
            stat = os.fstat(handle.fileno())
            data = handle.read()
    except FileNotFoundError:
        return None, MISSING
    return data, Snapshot(stat.st_size, stat.st_mtime_ns, stat.st_ino, content_hash(data))


def _is(path: Path, expected: Snapshot) -> bool:
    """Whether the file at ``path`` is exactly what ``expected`` says was read: the bytes
    hashed first, the stat last (cheapest, and closest to what follows)."""
    if expected.digest is None:
        return not os.path.lexists(path)
    try:
        with open(path, "rb") as handle:
            if content_hash(handle.read()) != expected.digest:
                return False
        stat = os.stat(path)  # as read_file (a symlink inside the root is followed)
    except OSError:  # removed meanwhile, or no longer readable: not what was read
        return False
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino) == (expected.size, expected.mtime_ns, expected.inode)


# renameat2(2) (Linux 3.15, glibc 2.28): RENAME_NOREPLACE fails if the target exists;
# RENAME_EXCHANGE swaps two names atomically. None where there is no such call.
_RENAME_NOREPLACE, _RENAME_EXCHANGE, _AT_FDCWD = 1, 2, -100
try:
    _renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    _renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
except (AttributeError, OSError):  # pragma: no cover - not Linux, or an old C library
    _renameat2 = None


def _rename2(source: Path, target: Path, flags: int) -> bool:
    """``renameat2(source, target, flags)``; False where the system or the filesystem has
    no such call (then nothing was done)."""
    if _renameat2 is None:  # pragma: no cover
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), flags) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # pragma: no cover
        return False
    raise OSError(code, os.strerror(code), str(target))


def _still_ours(tmp: Path, ours: int) -> bool:
    """Whether ``tmp`` is still the run's temporary file as it wrote it: its inode ``ours``,
    holding the bytes whose hash its name gives as the run's (see :data:`TEMP_NAME_RE`)."""
    if os.lstat(tmp).st_ino != ours:
        return False
    match = TEMP_NAME_RE.fullmatch(tmp.name)
    if match is None or match["ours"] is None:
        return True
    return _name_digest(tmp.read_bytes()) == match["ours"]


def _replace_if_still(tmp: Path, path: Path, expected: Snapshot, name: str, ours: int) -> None:
    """Rename ``tmp`` (whose inode is ``ours``) over ``path`` only if ``path`` is still what
    ``expected`` says.

    A save by another program that comes between a check and a plain rename would be lost
    (on a busy machine a rename can take tens of milliseconds), so the check is made on the
    file the rename displaced: the rename swaps the two files (RENAME_EXCHANGE), the file
    now at the temporary name is compared with what was read, and if it is not that, the two
    are swapped back. A file that did not exist is created only if it still does not
    (RENAME_NOREPLACE). What is left: a reader may see the new file for the moment between
    the two swaps; a save landing in that moment, by rename or written in place into the file
    then at the name, is still not lost (the newer of the two saves is put back); and without
    renameat2 (not Linux) a save between the check and os.replace, a few system calls, is
    overwritten.
    """
    if not _is(path, expected):  # the usual way a save is seen: early, nothing renamed
        raise FileChanged(name, None, CHANGED)
    if expected.digest is None:
        try:
            if _rename2(tmp, path, _RENAME_NOREPLACE):
                return
        except FileExistsError:
            raise FileChanged(name, None, CHANGED) from None
    elif _rename2(tmp, path, _RENAME_EXCHANGE):
        # tmp (named with the hashes of what the run wrote and of what it read) now holds
        # the displaced file: a run killed before it is removed or swapped back leaves it
        # there, and the next run keeps it if it is neither (remove_stale_temps)
        if _is(tmp, expected):
            os.unlink(tmp)  # the file as it was read
            return
        _rename2(tmp, path, _RENAME_EXCHANGE)  # the save back in place, ours at tmp
        if not _still_ours(tmp, ours):
            # a second save in between, renamed over ours or written into it in place: tmp
            # holds it, path the first one; the newer goes in place
            _rename2(tmp, path, _RENAME_EXCHANGE)
        os.unlink(tmp)
        raise FileChanged(name, None, CHANGED)
    os.replace(tmp, path)  # pragma: no cover - no renameat2 here: the window stays


def remove_unchanged(path: Path, expected: Snapshot) -> bool:
    """Remove ``path`` if it is still what was read (``expected``, from :func:`read_file`);
    False, the file left in place, if it was saved since (or is gone). No save is lost in the
    gap between the look and the removal: the file is renamed aside first (under a temporary
    name that holds the read file's hash, see :data:`TEMP_NAME_RE`: a run killed before it
    removes it keeps a save that came in), then looked at; a save that came in is put back,
    unless a newer one is in place by then."""
    if expected.digest is None:
        return False
    mark = expected.digest.hex()[:8]
    aside = path.with_name(f".{path.name}.{secrets.token_hex(4)}.{mark}{mark}.tmp")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return False
    if _is(aside, expected):
        os.unlink(aside)
        return True
    try:
        if not _rename2(aside, path, _RENAME_NOREPLACE):  # pragma: no cover - no renameat2
            if os.path.lexists(path):
                raise FileExistsError(path)
            os.rename(aside, path)
    except FileExistsError:  # saved again since: the newer save stays
        os.unlink(aside)
    return False


_STOPPING = (*SIGNALS, signal.SIGHUP)


def write_atomic(
    path: Path, data: bytes, expected: Snapshot | None = None, shown: str | None = None
) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    ``expected``: what the file was when the caller read it (:func:`read_file`; None: no
    check); if it is no longer that, nothing is written and :class:`FileChanged` is raised.
    A failed write raises :class:`WriteFailed`. ``shown``: the file's name in those errors.
    """
    name = str(path) if shown is None else shown
    tmp: Path | None = None
    ours: int | None = None  # the temporary file's inode
    try:
        fd, tmp = _open_temp(path)
        try:
            ours = os.fstat(fd).st_ino
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fchmod(fd, 0o644)  # not mkstemp's 0600: readable as any other file of the site
        finally:
            os.close(fd)
        if expected is None:
            os.replace(tmp, path)
        else:  # checked after the slow part (the temporary file is written), at the rename
            read = expected.digest.hex()[:8] if expected.digest else "0" * 8  # none: a new file
            swapped = tmp.with_name(f"{tmp.name[:-4]}.{_name_digest(data)}{read}.tmp")
            try:
                os.rename(tmp, swapped)
                tmp = swapped
            except OSError as exc:  # a name near the limit: swapped under the shorter name
                if exc.errno != errno.ENAMETOOLONG:
                    raise
            # Ctrl-C or SIGTERM waits for the swap and its check to end: else the file the
            # swap displaced (maybe a save) would be left under the temporary name
            with deferred(_STOPPING):
                _replace_if_still(tmp, path, expected, name, ours)
    except BaseException as exc:
        if tmp is not None:
            try:
                if ours is None or os.lstat(tmp).st_ino == ours:  # never a file swapped out
                    os.unlink(tmp)
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise WriteFailed(name, None, f"cannot write: {exc.strerror or exc}") from exc
        raise


def lf_endings(data: bytes) -> bytes:
    """A text file's bytes with its CRLF line endings as LF, as the repository has them (a
    checkout with git's ``core.autocrlf`` has CRLF where the repository has LF)."""
    return data.replace(b"\r\n", b"\n")


def same_text(old: bytes, new: bytes) -> bool:
    """Whether two versions of a text file differ in their line endings at most (CRLF or LF:
    see :func:`lf_endings`)."""
    return old == new or lf_endings(old) == lf_endings(new)


def in_line_endings_of(old: bytes | None, data: bytes) -> bytes:
    """``data`` (LF line endings, as GNU gettext writes) with CRLF line endings where the file
    it replaces has them (its first line ends in CRLF): an update changes what changed, and a
    file in a CRLF checkout is not rewritten for its line endings. GNU gettext reads both."""
    if old is not None and old.split(b"\n", 1)[0].endswith(b"\r") and b"\n" in old:
        return lf_endings(data).replace(b"\n", b"\r\n")
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


def write_if_changed(
    path: Path, data: bytes, old: bytes | None = None, expected: Snapshot | None = None,
    shown: str | None = None,
) -> bool:
    """Write only when the content differs (see :func:`differs`); return whether it did.
    ``expected`` and ``shown``: as for :func:`write_atomic`."""
    if not differs(path, data, old):
        return False
    write_atomic(path, data, expected, shown)
    return True


def remove_stale_temps(
    folders: Iterable[Path], on_kept: Callable[[Path, Path], None] | None = None
) -> list[Path]:
    """Remove the temporary files a killed run left (killed between writing and renaming).

    A run killed in the middle of swapping a file with its temporary file may have left the
    file it displaced under the temporary name, and that may be a translator's save: a
    temporary file named with hashes (see :data:`TEMP_NAME_RE`) that holds neither what the
    run wrote nor the file as the run read it is kept, and given to ``on_kept`` with the file it was swapped with.

    Call it only under the run lock (:mod:`pipeline.lock`): then no other run is writing,
    and every such file is stale. A folder that is a symlink is not entered.
    """
    removed: list[Path] = []
    for folder in folders:
        if folder.is_symlink() or not folder.is_dir():
            continue
        for dirpath, _, filenames in os.walk(folder):
            for name in filenames:
                if not (name.startswith(".") and name.endswith(".tmp")):
                    continue
                match = TEMP_NAME_RE.fullmatch(name)
                if match is None:
                    continue
                path = Path(dirpath) / name
                try:
                    kept = match["ours"] is not None and _name_digest(path.read_bytes()) not in (
                        match["ours"], match["read"]
                    )
                    if not kept:
                        path.unlink()
                except FileNotFoundError:
                    continue
                except OSError:  # unreadable: not known to be a run's own
                    kept = True
                if kept:
                    if on_kept is not None:
                        on_kept(path, path.with_name(match["name"]))
                    continue
                removed.append(path)
    return removed


def named_below(folder: Path, suffix: str, ordered: bool = True) -> list[str]:
    """``sorted(folder.rglob(f"*{suffix}"))`` as text (files, folders and symlinks so named;
    symlinked folders not entered), without a Path for each: check lists every template and
    catalog for the orphans, extract for the moves (:func:`pipeline.moves.catalog_ids`).
    ``ordered=False``: in no order (a caller that makes a set of them)."""
    found: list[str] = []
    tops = [str(folder)]
    while tops:
        try:
            entries = os.scandir(tops.pop())
        except OSError:
            continue
        with entries:
            for entry in entries:
                if entry.name.endswith(suffix):
                    found.append(entry.path)
                try:
                    if entry.is_dir() and not entry.is_symlink():
                        tops.append(entry.path)
                except OSError:
                    continue
    if ordered:
        found.sort(key=lambda text: text.split(os.sep))
    return found
