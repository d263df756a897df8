"""A translator's editor saving files while a pipeline run works on them, as a process of its
own (used by ``test_reliability_concurrent.py``)::

    python concurrent_editor.py KIND MODE LOG STOP SEED FILE...

KIND ``po``: a PO editor: a random entry of a random catalog gets a marker at the start of
its msgstr and the catalog is written again. KIND ``text``: a person at a text editor: a line
added at the end of a post.

MODE ``rename``: a new file written beside it and renamed over it (a new inode: Poedit,
Lokalize, Weblate's git sync); ``inplace``: the file truncated and written again (a reader
may see it half-written).

Every save, once complete, is logged to LOG as ``file<TAB>marker``. The editor runs until the
file STOP exists, with a random pause of 0 to 1 ms between saves.
"""

from __future__ import annotations

import os
import random
import re
import sys
import time
from pathlib import Path

# the first line of an active entry's msgstr (not a plural's, not an obsolete entry's)
_MSGSTR_RE = re.compile(rb'^msgstr "', re.MULTILINE)


def _edit_catalog(data: bytes, marker: str, rng: random.Random) -> bytes | None:
    """The catalog with ``marker`` put at the start of a random entry's msgstr: a byte edit
    (a PO editor would parse and write the whole file; this one is quicker, so that it saves
    more often), the file as valid as before."""
    found = [m.end() for m in _MSGSTR_RE.finditer(data)][1:]  # the header's aside
    if not found:
        return None
    at = rng.choice(found)
    return data[:at] + marker.encode() + data[at:]


def _save(path: Path, data: bytes, mode: str, count: int) -> None:
    if mode == "rename":
        temp = path.with_name(f"{path.name}~editor{count}")
        temp.write_bytes(data)
        os.replace(temp, path)
    else:
        with open(path, "wb") as handle:
            handle.write(data)


def main(argv: list[str]) -> None:
    kind, mode, log_name, stop_name, seed = argv[:5]
    files = [Path(name) for name in argv[5:]]
    rng = random.Random(int(seed))
    stop = Path(stop_name)
    with open(log_name, "a", encoding="utf-8") as log:
        count = 0
        while not stop.exists():
            path = rng.choice(files)
            marker = f"#{seed}x{count}#"
            data = path.read_bytes()
            if kind == "po":
                new = _edit_catalog(data, marker, rng)
            else:
                new = data + f"\n{marker}\n".encode()
            if new is not None:
                _save(path, new, mode, count)
                log.write(f"{path}\t{marker}\t{time.time_ns()}\n")
                log.flush()
                count += 1
            time.sleep(rng.uniform(0, 0.001))


if __name__ == "__main__":
    main(sys.argv[1:])
