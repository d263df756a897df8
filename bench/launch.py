"""Run one command and report its wall time and peak RSS: ``launch.py REPORT -- ARGV...``.

A small process starts the measured command, because Linux carries the peak RSS of the memory
a process had before ``exec`` into the new program's ``ru_maxrss``: a command started straight
from the benchmark (which holds the corpus it built) would inherit the benchmark's peak. This
launcher is started with ``python -I -S`` (a few MB), forks, execs the command, waits for it with
``wait4()`` and writes ``{"wall", "maxrss_kb", "utime", "stime", "status"}`` as JSON to REPORT;
it exits with the command's exit status.
"""

import json
import os
import sys
import time


def main() -> None:
    report, sep, *argv = sys.argv[1:]
    assert sep == "--" and argv, __doc__
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    with open(report, "w") as handle:
        json.dump({"wall": wall, "maxrss_kb": usage.ru_maxrss, "utime": usage.ru_utime,
                   "stime": usage.ru_stime, "status": code}, handle)
    sys.exit(code if code >= 0 else 128 - code)


if __name__ == "__main__":
    main()
