"""Run one function over many posts, in order, on several processes when it pays.

The workers are plain processes, each with one pipe to the main process and one chunk of
items at a time; the main process waits on their pipes *and* on their process sentinels, so
that a worker that dies (the OOM killer's SIGKILL) ends the run with :class:`WorkerLost` at
once. (``multiprocessing.Pool`` waits forever for the result of a dead worker;
``concurrent.futures``' pool notices it, but its thread can block for good on a message a
terminated worker left half-written, and Python then hangs at exit joining that thread.) No
thread is involved here.

Workers leave Ctrl-C and SIGTERM to the main process: they ignore SIGINT, which a terminal
sends to the whole process group, and die at once on SIGTERM. The main process ends the run
and stops them (:func:`stop_workers`, also when the generator is closed), so that no worker
writes once the run has given up its lock.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from pipeline.interrupt import SIGNALS, deferred

A = TypeVar("A")
R = TypeVar("R")

#: Below this many items per process, forking costs more than it saves.
MIN_ITEMS_PER_JOB = 16
#: How long a worker has to end once told to (it ends at once: SIGTERM's default action)
STOP_TIMEOUT_S = 5.0


class WorkerLost(Exception):
    """A worker process died before it returned its result (killed: out of memory?)."""

    def __str__(self) -> str:
        return (
            "a worker process died (killed by the system: out of memory?): nothing half-written; "
            "run the command again, with -j 1 to use less memory"
        )


class RemoteTraceback(Exception):
    """Where in a worker an exception was raised: the ``__cause__`` of the exception."""

    def __str__(self) -> str:
        return str(self.args[0])


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


class _Worker:
    """A worker process and the main process's end of its pipe."""

    def __init__(self, context: Any, function: Callable[[Any], Any]) -> None:
        self.pipe, theirs = context.Pipe()
        # the function goes to the worker once, at its start (with fork: not even pickled),
        # not with every chunk of items: merge's carries the links of the whole site
        self.process = context.Process(target=_work, args=(theirs, function), daemon=True)
        self.process.start()
        theirs.close()
        self.chunk: int | None = None
        """The number of the chunk it is working on."""


#: Told of each pass of :func:`ordered_map` over at least one item: called with the number
#: of items, it gives a context manager with ``update(1)``, called as each result comes back
#: (the command line's progress bar, :func:`pipeline.cli._progress`). None: nobody watches.
watcher: Callable[[int], Any] | None = None

_running: list[list[_Worker]] = []
"""The workers of this process's runs of :func:`ordered_map`: :func:`stop_workers` stops them."""


def ordered_map(function: Callable[[A], R], items: Sequence[A], jobs: int) -> Iterator[R]:
    """``map(function, items)`` in order; in ``jobs`` processes when there is enough work.

    Results come back in input order whatever ``jobs`` is, so output is the same. Raises
    :class:`WorkerLost` if a worker dies. Each result is counted to :data:`watcher`, if set.
    """
    results = _ordered_map(function, items, jobs)
    if watcher is None or not items:
        return results
    return _watched(results, watcher(len(items)))


def _watched(results: Iterator[R], progress: Any) -> Iterator[R]:
    """``results``, each counted to ``progress`` as it is taken; closing it closes ``results``."""
    try:
        with progress:
            for result in results:
                yield result
                progress.update(1)
    finally:
        results.close()  # type: ignore[attr-defined]


def _ordered_map(function: Callable[[A], R], items: Sequence[A], jobs: int) -> Iterator[R]:
    function = _NoStopIteration(function)
    jobs = max(1, min(jobs, len(items) // MIN_ITEMS_PER_JOB or 1))
    if jobs == 1:
        yield from map(function, items)
        return
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    size = max(1, min(64, len(items) // (jobs * 8)))
    # sliced as each is handed out: a sequence that makes its items as they are asked for
    # (the runner's, which adds each post's kept units) holds one chunk per worker at a time
    chunks = [range(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    workers: list[_Worker] = []
    _running.append(workers)
    finished = False
    try:
        # the workers start with Ctrl-C and SIGTERM blocked: they set their own handling
        # first (see _work), and the main process alone acts on them
        with deferred():
            for _ in range(jobs):
                workers.append(_Worker(context, function))
        yield from _results(workers, items, chunks)
        finished = True
    finally:
        _stop(workers, finished)


def _results(workers: list[_Worker], items: Sequence[Any], chunks: list[range]) -> Iterator[Any]:
    """The results of every chunk, in order, from workers given one chunk at a time."""
    done: dict[int, tuple[bool, Any]] = {}  # a chunk's number -> (True, results) or
    # (False, (the exception, its traceback in the worker))
    handed = wanted = 0
    while wanted < len(chunks):
        for worker in workers:
            if worker.chunk is None and handed < len(chunks):
                try:
                    worker.pipe.send(items[chunks[handed].start : chunks[handed].stop])
                except OSError:  # it died (EPIPE, which Click would take for a closed stdout)
                    raise WorkerLost() from None
                worker.chunk, handed = handed, handed + 1
        if wanted in done:
            ok, value = done.pop(wanted)
            wanted += 1
            if not ok:
                exception, where = value
                raise exception from RemoteTraceback(where)
            yield from value
            continue
        busy = [worker for worker in workers if worker.chunk is not None]
        ready = set(wait([w.pipe for w in busy] + [w.process.sentinel for w in busy]))
        for worker in busy:
            if worker.pipe in ready:
                try:
                    done[worker.chunk] = worker.pipe.recv()  # type: ignore[index]
                except (EOFError, OSError):  # it died as it wrote
                    raise WorkerLost() from None
                worker.chunk = None
            elif worker.process.sentinel in ready:
                raise WorkerLost()


def stop_workers() -> None:
    """Terminate and join every worker of this process (a run that is ending)."""
    for workers in list(_running):
        _stop(workers, finished=False)


def _stop(workers: list[_Worker], finished: bool) -> None:
    """End the workers: told to when all is done, else terminated (an interrupt, an error,
    a consumer that stopped early); joined either way, so that none outlives the run."""
    if workers in _running:
        _running.remove(workers)
    for worker in workers:
        if finished:
            try:
                worker.pipe.send(None)
            except OSError:
                worker.process.terminate()
        elif worker.process.is_alive():
            worker.process.terminate()
    for worker in workers:
        worker.process.join(STOP_TIMEOUT_S)
        if worker.process.is_alive():  # pragma: no cover - SIGTERM is not ignored in workers
            worker.process.kill()
            worker.process.join()
        worker.pipe.close()


def _work(pipe: Connection, function: Callable[[Any], Any]) -> None:
    """A worker: chunks in, lists of results (or the exception) out, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the main process
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # end at once when the main process says so
    signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)
    while True:
        try:
            chunk = pipe.recv()
        except EOFError:  # the main process is gone
            return
        if chunk is None:
            return
        try:
            reply: tuple[bool, Any] = (True, [function(item) for item in chunk])
        except Exception as exc:
            reply = (False, (exc, traceback.format_exc()))
        try:
            pipe.send(reply)  # pickled whole before a byte is written
        except OSError:  # the main process is gone
            return
        except Exception as exc:  # a result or exception that cannot be pickled
            problem = RuntimeError(f"a worker could not send its result back: {exc!r}")
            pipe.send((False, (problem, traceback.format_exc())))
