"""Span edits on a post's lines: everything outside the edited spans is kept byte for byte.

What they replace is the caller's: the body's (:mod:`pipeline.render`), the front matter's
(:mod:`pipeline.frontedit`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.post import Post


@dataclass(frozen=True)
class Edit:
    """Replace the span from ``start`` to ``end`` ((0-based line, column)) by ``text``."""

    start: tuple[int, int]
    end: tuple[int, int]
    text: str


def apply_edits(post: Post, edits: Sequence[Edit]) -> str:
    """The post's text with each edit's span replaced; ``\\n`` in edits gets the line's ending."""
    out: list[str] = []
    line, col = 0, 0
    lines, endings = post.lines, post.endings

    def copy_to(target: tuple[int, int]) -> None:
        nonlocal line, col
        t_line, t_col = target
        while line < t_line:
            out.append(lines[line][col:] + endings[line])
            line, col = line + 1, 0
        out.append(lines[line][col:t_col])
        col = t_col

    for edit in sorted(edits, key=lambda e: e.start):
        if edit.start < (line, col):
            continue  # overlapping edits never happen; refuse to corrupt if they did
        copy_to(edit.start)
        # the line's ending; on a last line without one, the line's before (a CRLF post)
        newline = endings[edit.start[0]] or (endings[edit.start[0] - 1] if edit.start[0] else "") or "\n"
        out.append(edit.text.replace("\n", newline))
        line, col = edit.end
    copy_to((len(lines) - 1, len(lines[-1])))
    out.append(endings[-1])
    return "".join(out)
