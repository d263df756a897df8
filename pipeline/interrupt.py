"""Ctrl-C and SIGTERM: the run ends cleanly, on one line, with the shell's exit status.

Both raise :class:`Interrupted` in the main thread (SIGINT as Python's KeyboardInterrupt does,
SIGTERM too instead of ending the process on the spot), so that every ``finally`` runs: the
workers are stopped, a temporary file being written is removed, the cache keeps what is
whole, the run lock is released. Further signals are ignored while that happens. It is no
KeyboardInterrupt, which Click would turn into "Aborted!" and exit 1.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

MESSAGE = "interrupted: nothing half-written; run the command again"
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


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


_interrupted = False


def _interrupt(signum: int, frame: FrameType | None) -> None:
    global _interrupted
    _interrupted = True
    for number in _SIGNALS:  # once: a second Ctrl-C must not cut the clean-up short
        signal.signal(number, signal.SIG_IGN)
    raise Interrupted(signum)


@contextmanager
def handled(ending: bool = False) -> Iterator[None]:
    """SIGINT and SIGTERM raise :class:`Interrupted` in the block (in the main thread only: a
    signal handler can be set nowhere else); the handlers before it come back after, unless
    ``ending`` (the block is all the process does: ``pipeline``, ``python -m pipeline``) and
    it was interrupted: then signals stay ignored, so that a second Ctrl-C cannot cut the
    way out short. Within another such block, nothing changes."""
    global _interrupted
    if threading.current_thread() is not threading.main_thread() or (
        signal.getsignal(signal.SIGINT) is _interrupt
    ):
        yield
        return
    before = {number: signal.getsignal(number) for number in _SIGNALS}
    _interrupted = False
    for number in _SIGNALS:
        signal.signal(number, _interrupt)
    try:
        yield
    finally:
        if not (ending and _interrupted):
            for number, handler in before.items():
                signal.signal(number, handler if handler is not None else signal.SIG_DFL)
