"""Run one function over many posts, in order, on several processes when it pays."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

A = TypeVar("A")
R = TypeVar("R")

#: Below this many items per process, forking costs more than it saves.
MIN_ITEMS_PER_JOB = 16


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class _NoStopIteration:
    """``function`` with a StopIteration it raises turned into a RuntimeError: ``map`` and
    generators would otherwise take it for their own end and drop the rest silently."""

    def __init__(self, function: Callable[[A], R]) -> None:
        self.function = function

    def __call__(self, item: A) -> R:
        try:
            return self.function(item)
        except StopIteration as exc:
            raise RuntimeError(f"StopIteration escaped {self.function!r}") from exc


def ordered_map(function: Callable[[A], R], items: Sequence[A], jobs: int) -> Iterator[R]:
    """``map(function, items)`` in order; in ``jobs`` processes when there is enough work.

    Results come back in input order whatever ``jobs`` is, so output is the same.
    """
    function = _NoStopIteration(function)
    jobs = max(1, min(jobs, len(items) // MIN_ITEMS_PER_JOB or 1))
    if jobs == 1:
        yield from map(function, items)
        return
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    chunk = max(1, min(64, len(items) // (jobs * 8)))
    # the function goes to each worker once, at its start (with fork: not even pickled), not
    # with every chunk of items: merge's carries the links of the whole site
    with context.Pool(jobs, initializer=_install, initargs=(function,)) as pool:
        yield from pool.imap(_call_installed, items, chunksize=chunk)


_installed: Callable[[object], object] | None = None


def _install(function: Callable[[object], object]) -> None:
    global _installed
    _installed = function


def _call_installed(item: object) -> object:
    assert _installed is not None
    return _installed(item)
