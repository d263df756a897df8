"""The closest old translation for a changed unit, found through an index instead of a scan.

The answer is exactly the one of the plain scan (kept in ``tests/test_fuzzy.py`` as the
oracle): among the old entries with the wanted entry's msgctxt, the first (in catalog order)
of those with the highest ``difflib.SequenceMatcher(None, old.msgid, wanted.msgid,
autojunk=False).ratio()``, provided that ratio is at least ``threshold``. The index only
decides which entries need that ratio computed; every entry it skips is skipped by a bound
proved below, never by a guess, so the result does not depend on the index.

Why the bounds hold. ``ratio() = 2.0 * M / T`` with ``T = len(a) + len(b)`` and ``M`` the
total size of the matching blocks: blocks are common substrings, in the same order in ``a``
and ``b`` and disjoint in each, and two consecutive blocks are never adjacent in both strings
(difflib merges those).

1. Length: ``M <= min(len(a), len(b))`` (``real_quick_ratio``), so a ratio ``>= f`` needs
   ``len(a) >= f * len(b) / (2 - f)``.
2. LCS: the blocks together are a common subsequence, so ``M <= LCS(a, b)``. The LCS length
   is computed bit-parallel (Allison-Dix / Hyyrö: one big-integer step per character of
   ``a``), about 15 times cheaper than ``ratio()`` on paragraphs, and it is far below
   ``M``'s needed 0.6 for two unrelated paragraphs (at most 0.51 on the fixtures).
3. Shared trigrams: let ``S`` be the size of the multiset intersection of the trigrams of
   ``a`` and ``b``. A block of length ``L`` holds ``L - 2`` trigrams of ``a`` that are also
   trigrams of ``b`` at distinct positions, so with ``B`` blocks ``S >= M - 2 * B``. Between
   two consecutive blocks at least one unmatched character lies in ``a`` or ``b``, so
   ``B <= (len(a) - M) + (len(b) - M) + 1 = T - 2 * M + 1``. Hence ``S >= 5 * M - 2 * T - 2``,
   and a ratio ``>= f`` (``M >= f * T / 2``) gives ``S >= (2.5 * f - 2) * T - 2``. For
   ``f > 0.8`` this grows with ``T``, and ``T >= 2 * len(b) / (2 - f)`` by (1), so
   ``S >= (5 * f - 4) * len(b) / (2 - f) - 2``: a minimum number ``t`` of shared trigrams.
   Counting each trigram's k-th occurrence as its own item makes the multiset intersection a
   set intersection. If ``a`` shares at least ``t`` of the ``n`` items of ``b``, it shares at
   least one of *any* ``n - t + 1`` of them: looking up only the ``n - t + 1`` rarest items of
   ``b`` in the index finds every entry that could reach ``f`` (prefix filtering).
   At ``f <= 0.8`` the bound says nothing (``S`` may be 0: one changed character in every
   other word), so trigrams cannot find the entries at the 0.6 threshold itself.

The search: first the old entry sharing the most rare trigrams with the wanted text has its
ratio computed (for a unit changed a little, that is its old version, ratio about 0.95); that
ratio ``r`` becomes the floor, since the answer's ratio is at least ``r``. If ``r > 0.8``,
bound 3 at ``f = r`` leaves a handful of entries; otherwise (a unit rewritten, or new) every
entry of its msgctxt is a candidate. Either way each candidate passes bounds 1 and 2 at the
floor before its ratio is computed, in catalog order, with the scan's own comparison.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence

from pipeline.po import Message

#: The n-gram length of bound 3 (trigrams, as msgmerge's index).
_GRAM = 3
#: The floor at which the first guess is looked for (bound 3 needs more than 0.8).
_PROBE_FLOOR = 0.9
#: Absorbs float rounding in the bound: ``2.0 * M / T`` is within one ulp of the real number.
_SLACK = 1e-9


def _items(text: str) -> list[tuple[str, int]]:
    """The trigrams of ``text``, the k-th occurrence of each as ``(trigram, k)``."""
    seen: Counter[str] = Counter()
    out = []
    for i in range(len(text) - _GRAM + 1):
        gram = text[i : i + _GRAM]
        out.append((gram, seen[gram]))
        seen[gram] += 1
    return out


def _ratio(matches: int, length: int) -> float:
    """difflib's ``_calculate_ratio``: the same float for the same integers."""
    return 2.0 * matches / length if length else 1.0


def _lcs_length(masks: dict[str, int], width: int, text: str) -> int:
    """Length of the longest common subsequence of ``text`` and the string behind ``masks``
    (per character, the bit set of its positions; ``width`` characters)."""
    full = (1 << width) - 1
    row = full
    for char in text:
        match = row & masks.get(char, 0)
        row = ((row + match) | (row - match)) & full
    return width - row.bit_count()


def _min_shared(floor: float, length: int) -> int:
    """A lower bound (bound 3) on the trigram items an entry shares with a wanted text of
    ``length`` characters if its ratio is at least ``floor``; 0 where the bound says nothing."""
    f = floor - _SLACK
    if f <= 0.8:
        return 0
    return max(0, int((5 * f - 4) * length / (2 - f) - 2 - _SLACK))


class _Group:
    """The old entries of one msgctxt, in catalog order, and their trigram postings."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.postings: dict[tuple[str, int], list[int]] = {}

    def add(self, message: Message) -> None:
        position = len(self.messages)
        self.messages.append(message)
        for item in _items(message.msgid):
            self.postings.setdefault(item, []).append(position)


class FuzzyIndex:
    """Old entries that may give a changed unit its fuzzy translation."""

    def __init__(self, candidates: Sequence[Message], threshold: float) -> None:
        self.threshold = threshold
        self.groups: dict[str | None, _Group] = {}
        for message in candidates:
            self.groups.setdefault(message.msgctxt, _Group()).add(message)

    def closest(self, wanted: Message) -> Message | None:
        group = self.groups.get(wanted.msgctxt)
        if group is None:
            return None
        text = wanted.msgid
        size = len(text)
        items = sorted(_items(text), key=lambda item: (len(group.postings.get(item, ())), item))
        masks: dict[str, int] = {}
        for i, char in enumerate(text):
            masks[char] = masks.get(char, 0) | (1 << i)
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(text)
        ratios: dict[int, float] = {}

        def ratio(position: int) -> float:
            if position not in ratios:
                matcher.set_seq1(group.messages[position].msgid)
                ratios[position] = matcher.ratio()
            return ratios[position]

        def may_reach(position: int, floor: float) -> bool:
            """Bounds 1 and 2: whether the entry's ratio can be ``floor`` or more."""
            old = group.messages[position].msgid
            length = len(old) + size
            if _ratio(min(len(old), size), length) < floor:
                return False
            return _ratio(_lcs_length(masks, size, old), length) >= floor

        # a first guess: the entry with the most hits among the rarest items
        floor = self.threshold
        needed = _min_shared(_PROBE_FLOOR, size)
        if needed:
            hits: Counter[int] = Counter()
            for item in items[: len(items) - needed + 1]:
                hits.update(group.postings.get(item, ()))
            if hits:
                guess = min(hits, key=lambda position: (-hits[position], position))
                if may_reach(guess, floor):
                    floor = max(floor, ratio(guess))

        needed = _min_shared(floor, size)
        if needed:
            found: set[int] = set()
            for item in items[: len(items) - needed + 1]:
                found.update(group.postings.get(item, ()))
            positions: Sequence[int] = sorted(found)
        else:
            positions = range(len(group.messages))

        # the scan's own choice, among the entries that can reach the floor
        best: Message | None = None
        best_ratio = self.threshold
        for position in positions:
            if not may_reach(position, floor):
                continue
            value = ratio(position)
            if value >= best_ratio and (best is None or value > best_ratio):
                best, best_ratio = group.messages[position], value
        return best
