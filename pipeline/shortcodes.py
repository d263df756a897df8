"""Hugo's shortcode calls as Hugo 0.111 lexes them (``parser/pageparser/pagelexer_shortcode.go``):
``{{< name params >}}`` and ``{{% name params %}}``, one line or several, closing
(``{{< /name >}}``) and self-closing (``{{< name />}}``) ones, the ``{{</* … */>}}`` that
is no call; each parameter with its place, named (``caption="…"``) or positional, its value
as Hugo reads it (a ``"…"`` string with ``\\"`` for a quote, a ```…``` raw string, a bare
word); and a value written back as Hugo reads it (:func:`quoted_value`). Which parameters
are text, and the units made of them: :mod:`pipeline.attributes`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

#: How far one call may run (its parameters included): a ``{{<`` that never closes costs at
#: most this much scanning, so a post full of them stays linear
MAX_CALL_CHARS = 20_000

_OPEN_RE = re.compile(r"\{\{([<%])")
_SPACE_RE = re.compile(r"[ \t\r\n]*")
_NAME_RE = re.compile(r"[^\W_][\w/.-]*")
_WORD_RE = re.compile(r"[\w-]+")
_NEWLINE_RE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a call."""

    name: str | None
    """A named parameter's name; None: positional."""
    position: int
    """Its place among the call's parameters (0 the first)."""
    start: int
    """Where its value starts in the text, its quote included."""
    end: int
    """Just past its value, its closing quote included."""
    value: str
    """The value as Hugo reads it (``\\"`` in a ``"…"`` string is a quote)."""
    quote: str
    """``"``, a backtick, or ``""`` for a bare word."""


@dataclass(frozen=True, slots=True)
class Call:
    """One shortcode call: ``{{< name params >}}``, ``{{% /name %}}``."""

    start: int
    end: int
    """Just past its ``>}}`` or ``%}}``."""
    delimiter: str
    """``<`` or ``%``."""
    name: str
    closing: bool
    self_closing: bool
    params: tuple[Param, ...]

    def shown(self) -> str:
        """The call as a translator's comment names it: ``{{< figure >}}``."""
        right = ">" if self.delimiter == "<" else "%"
        return f"{{{{{self.delimiter} {self.name} {right}}}}}"


def in_ranges(ranges: Sequence[tuple[int, int]], starts: Sequence[int], pos: int) -> bool:
    """Whether ``pos`` falls in one of ``ranges`` (sorted, not overlapping; ``starts`` their
    starts, for the search)."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < ranges[i][1]


def find_calls(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[Call]:
    """The shortcode calls of ``text`` in order, none starting in a ``skip`` range (sorted,
    not overlapping: code). What Hugo would refuse (a character no parameter may have, a
    quote never closed, a call that never ends) is no call: its text stays as it is."""
    skip_starts = [start for start, _ in skip]
    calls: list[Call] = []
    pos = 0
    while (found := _OPEN_RE.search(text, pos)) is not None:
        start = found.start()
        if skip and in_ranges(skip, skip_starts, start):
            pos = start + 1
            continue
        call = _call(text, start, found.group(1))
        if call is None:
            pos = start + 3
            continue
        calls.append(call)
        pos = call.end
    return calls


def _skip(text: str, pos: int, limit: int) -> int:
    """Past the blanks and line breaks at ``pos`` (no further than ``limit``)."""
    return _SPACE_RE.match(text, pos, limit).end() if pos < limit else pos  # type: ignore[union-attr]


def _call(text: str, start: int, delimiter: str) -> Call | None:
    right = ">}}" if delimiter == "<" else "%}}"
    limit = min(len(text), start + MAX_CALL_CHARS)
    pos = _skip(text, start + 3, limit)
    if text.startswith("/*", pos):  # {{</* x */>}}: shown as written, no call
        return None
    closing = text.startswith("/", pos)
    if closing:
        pos = _skip(text, pos + 1, limit)
    name = _NAME_RE.match(text, pos, limit)
    if name is None:
        return None
    pos = name.end()
    params: list[Param] = []
    while True:
        pos = _skip(text, pos, limit)
        if text.startswith(right, pos) and pos + 3 <= limit:
            return Call(start, pos + 3, delimiter, name.group(), closing, False, tuple(params))
        if text.startswith("/", pos) and not closing:
            after = _skip(text, pos + 1, limit)
            if text.startswith(right, after) and after + 3 <= limit:
                return Call(start, after + 3, delimiter, name.group(), False, True, tuple(params))
            return None
        if closing or pos >= limit:
            return None
        param_name = None
        word = _WORD_RE.match(text, pos, limit)
        if word is not None and text.startswith("=", word.end()):
            param_name = word.group()
            pos = _skip(text, word.end() + 1, limit)
            word = _WORD_RE.match(text, pos, limit) if text[pos : pos + 1] not in ('"', "`") else None
        value = _value(text, pos, limit, word)
        if value is None:
            return None
        end, content, quote = value
        params.append(Param(param_name, len(params), pos, end, content, quote))
        pos = end


def _value(text: str, pos: int, limit: int, word: re.Match[str] | None) -> tuple[int, str, str] | None:
    """(end, value, quote) of the value at ``pos``: a ``"…"`` string (no line break; a quote
    after a backslash is in it, and the backslash is not), a raw string, a bare word."""
    quote = text[pos : pos + 1]
    if quote == '"':
        end = pos + 1
        while True:
            close = text.find('"', end, limit)
            line_break = text.find("\n", end, close if close >= 0 else limit)
            if close < 0 or line_break >= 0:
                return None
            if text[close - 1] != "\\" or close == pos + 1:
                return close + 1, text[pos + 1 : close].replace('\\"', '"'), '"'
            end = close + 1
    if quote == "`":
        close = text.find("`", pos + 1, limit)
        return None if close < 0 else (close + 1, text[pos + 1 : close], "`")
    if word is None:
        return None
    return word.end(), word.group(), ""


def paired_inner(calls: Sequence[Call], names: Sequence[str] | frozenset[str]) -> Iterator[tuple[int, int]]:
    """The inner text (from the end of the opening call to the start of its closing one) of
    each pair of calls named in ``names``, outermost pairs only, in order."""
    open_calls: list[Call] = []
    outer_end = -1
    for call in calls:
        if call.name not in names or call.self_closing:
            continue
        if not call.closing:
            open_calls.append(call)
            continue
        while open_calls and open_calls[-1].name != call.name:
            open_calls.pop()
        if open_calls:
            opening = open_calls.pop()
            if opening.end > outer_end:
                yield opening.end, call.start
                outer_end = call.start


def quoted_value(value: str, quote: str) -> str:
    """``value`` written as a shortcode parameter Hugo reads back as ``value``, in the quote
    it had where it can be: a line break is a space (a ``"…"`` string holds none); a quote
    in a ``"…"`` string is ``\\"``; a raw string holding a backtick, or a bare word that is
    no word, becomes a ``"…"`` string; a ``"…"`` string whose backslash would read as an
    escape (before a quote, at the end) becomes a raw string where it can (it cannot hold
    a backtick: then the backslashes go)."""
    value = _NEWLINE_RE.sub(" ", value).replace("\0", "\ufffd")
    if quote == "" and _WORD_RE.fullmatch(value):
        return value
    if quote == "`" and "`" not in value:
        return f"`{value}`"
    if "\\" in value and ('\\"' in value or value.endswith("\\")):
        if "`" not in value:
            return f"`{value}`"
        value = value.replace('\\"', '"').rstrip("\\")
    return '"' + value.replace('"', '\\"') + '"'
