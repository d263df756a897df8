"""Git's conflict markers, one rule for catalogs and posts.

A merge that stopped on a conflict leaves ``<<<<<<< ours``, ``=======`` and ``>>>>>>> theirs``
at line starts. In a catalog any of them is a syntax error, so one is enough to refuse it; in
a post ``=======`` alone is a setext heading's underline, so a post is refused only on the
whole pattern, in that order.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

#: A line that starts with one of git's markers (7 characters, then a space or nothing).
MARKER_RE = re.compile(r"(<{7}|={7}|>{7})(?: |$)")

MESSAGE = "git conflict markers: resolve the merge first"


def conflict_line(lines: Sequence[str], text_lines: Container[int] = ()) -> int | None:
    """0-based index of the ``<<<<<<< `` line of the first conflict git left in ``lines``
    (followed by a ``=======`` line, then a ``>>>>>>> `` line); None when there is none.
    ``text_lines``: lines that are text, not markup (a fenced code block in a post about
    git); a conflict counts unless all three of its markers are among them."""
    start = middle = None
    for index, line in enumerate(lines):
        if line.startswith("<<<<<<< "):
            start, middle = index, None
        elif start is not None and middle is None and line.rstrip() == "=======":
            middle = index
        elif middle is not None and line.startswith(">>>>>>> "):
            assert start is not None
            if not all(i in text_lines for i in (start, middle, index)):
                return start
            start = middle = None
    return None
