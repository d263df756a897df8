"""Ctrl-C and SIGTERM: the run ends cleanly, on one line, with the shell's exit status.

Both raise :class:`Interrupted` in the main thread (SIGINT as Python's KeyboardInterrupt does,
SIGTERM too instead of ending the process on the spot), so that every ``finally`` runs: the
workers are stopped, a temporary file being written is removed, the cache keeps what is
whole, the run lock is released. Further signals are ignored while that happens. It is no
KeyboardInterrupt, which Click would turn into "Aborted!" and exit 1. A step that must not be
cut in two (a file's swap, workers starting) holds them off with :func:`deferred`.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import FrameType

MESSAGE = "interrupted: nothing half-written; run the command again"
#: The signals that stop a run (:func:`handled`)
SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """The run was asked to stop by ``signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """The shell's status for a run ended by a signal: 128 + its number (130 for
        Ctrl-C, 143 for SIGTERM)."""
        return 128 + self.signum


def _interrupt(signum: int, frame: FrameType | None) -> None:
    for number in SIGNALS:  # once: a second Ctrl-C must not cut the clean-up short
        signal.signal(number, signal.SIG_IGN)
    raise Interrupted(signum)


@contextmanager
def handled(ending: bool = False) -> Iterator[None]:
    """SIGINT and SIGTERM raise :class:`Interrupted` in the block (in the main thread only: a
    signal handler can be set nowhere else); the handlers before it come back after, unless
    ``ending`` (the block is all the process does: ``pipeline``, ``python -m pipeline``):
    then signals are ignored after it, so that a second Ctrl-C, or one that comes as the
    run ends, cannot cut the way out short (Python's own handler would end the process with
    SIGINT, whatever its exit status). Within another such block, nothing changes."""
    if threading.current_thread() is not threading.main_thread() or (
        signal.getsignal(signal.SIGINT) is _interrupt
    ):
        yield
        return
    before = {number: signal.getsignal(number) for number in SIGNALS}
    for number in SIGNALS:
        signal.signal(number, _interrupt)
    try:
        yield
    finally:
        for number, handler in before.items():
            if ending:  # the process ends here: a signal now would only cut its exit short
                handler = signal.SIG_IGN
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


@contextmanager
def deferred(signals: Iterable[int] = SIGNALS) -> Iterator[None]:
    """Run the block to its end before any of ``signals`` is acted on: they are blocked in
    this thread for the block and delivered after it (a step that must not be cut in two;
    processes started in the block begin with them blocked)."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
