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
(difflib merges those). An entry is skipped only if one of these upper bounds of ``M`` gives a
ratio (computed as difflib computes it) below the floor:

1. Length: ``M <= min(len(a), len(b))`` (difflib's ``real_quick_ratio``).
2. Shared trigrams: let ``S`` be the size of the multiset intersection of the trigrams of
   ``a`` and ``b``. A block of length ``L`` holds at least ``L - 2`` trigrams of ``a`` that
   are also trigrams of ``b``, at distinct positions of ``b``, so with ``B`` blocks
   ``S >= M - 2 * B``. Between two consecutive blocks at least one unmatched character lies in
   ``a`` or in ``b``, so ``B <= (len(a) - M) + (len(b) - M) + 1 = T - 2 * M + 1``. Hence
   ``S >= 5 * M - 2 * T - 2``, that is ``M <= (S + 2 * T + 2) / 5``. ``S`` is not computed
   exactly: counting the k-th occurrence of a trigram as its own item (which turns the
   multiset intersection into a set intersection), the index counts the items of ``b`` that
   each entry has among the rare ones (short postings), and assumes every common item shared:
   ``S <= rare hits + common items of b``. At a ratio near 0.6 this bound says nothing
   (``S`` may be 0: one changed character in every other word); it prunes when the floor is
   high (about 0.87 and more for two unrelated paragraphs of the same language).
3. Characters: ``M`` is at most the size of the multiset intersection of the characters of
   ``a`` and ``b`` (difflib's ``quick_ratio``), counted from a table per entry.
4. LCS: the blocks together are a common subsequence, so ``M <= LCS(a, b)``. The LCS length
   is computed bit-parallel (Allison-Dix / Hyyrö: one big-integer step per character of
   ``a``), about 15 times cheaper than ``ratio()`` on paragraphs, and it stays well below 0.6
   for two unrelated paragraphs (at most 0.51 on the fixtures).

The search: the ratio of the entry with the most rare hits is computed first (for a unit
changed a little, that is its old version, ratio about 0.95); that ratio becomes the floor,
since the answer's ratio is at least that. Then every entry of the msgctxt whose length is in
bound 1's window at the floor, in catalog order, is kept or skipped by bounds 1 to 4 (cheapest
first), and the ratios of those kept are compared as the scan compares them. A unit with no
old version near it (rewritten, or new) leaves the floor at 0.6, where bounds 1 to 3 prune
little: then bound 4 is computed for every old entry of its msgctxt in one pass over the
unit's text, the msgids packed into one big integer (``_Group.lcs_lengths``), so that a post
rewritten from scratch costs a few big-integer operations per character instead of a
``ratio()`` per pair (200 paragraphs all new: 0.5 s, the scan 47 s).
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from collections.abc import Sequence

from pipeline.po import Message

#: The n-gram length of bound 2 (trigrams).
_GRAM = 3
#: Postings longer than this share of the entries (and 16) are not looked up: bound 2 counts
#: those items as shared by every entry.
_COMMON_SHARE = 0.1
#: Below this floor (where bound 2 says nothing) and with more entries than ``_PACKED_FROM``
#: in the length window, bound 4 is computed for all entries of the group at once.
_PACKED_BELOW = 0.8
_PACKED_FROM = 16


def _items(text: str) -> list[tuple[str, int]]:
    """The trigrams of ``text``, the k-th occurrence of each as ``(trigram, k)``."""
    seen: dict[str, int] = {}
    out = []
    for i in range(len(text) - _GRAM + 1):
        gram = text[i : i + _GRAM]
        k = seen.get(gram, 0)
        seen[gram] = k + 1
        out.append((gram, k))
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


class _Group:
    """The old entries of one msgctxt, in catalog order, and their trigram postings."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.postings: dict[tuple[str, int], list[int]] = {}
        """Per trigram item, the positions of the entries that have it."""
        self.characters: list[Counter[str]] = []
        """Per entry, how often each character occurs in its msgid."""
        self.by_length: list[int] = []
        """Positions ordered by the length of their msgid (then by position)."""
        self.lengths: list[int] = []
        """The lengths in that order, for bisecting."""
        self.packed: _Packed | None = None
        """The msgids as one bit row (made when first needed)."""

    def add(self, message: Message) -> None:
        position = len(self.messages)
        self.messages.append(message)
        self.characters.append(Counter(message.msgid))
        for item in _items(message.msgid):
            self.postings.setdefault(item, []).append(position)

    def sort(self) -> None:
        lengths = [len(message.msgid) for message in self.messages]
        self.by_length = sorted(range(len(lengths)), key=lengths.__getitem__)
        self.lengths = [lengths[p] for p in self.by_length]

    def lcs_lengths(self, text: str) -> list[int]:
        """Per entry, the length of the LCS of its msgid and ``text``: bound 4 for all entries
        in one pass over ``text``. The msgids are packed into one big integer, each on its own
        bytes with at least one zero bit after it, so that a carry out of one msgid's bits
        stops there (and is cleared by ``& full``); ``row - match`` never borrows, as
        ``match`` is a subset of ``row``."""
        if self.packed is None:
            self.packed = _Packed(self.messages)
        packed = self.packed
        full, masks = packed.full, packed.masks
        row = full
        for char in text:
            match = row & masks.get(char, 0)
            row = ((row + match) | (row - match)) & full
        data = row.to_bytes(packed.size, "little")
        return [
            len(message.msgid) - int.from_bytes(data[start:stop], "little").bit_count()
            for message, start, stop in zip(self.messages, packed.starts, packed.stops)
        ]

    def within(self, low: float, high: float) -> list[int]:
        """Positions (in catalog order) of the msgids whose length is in ``[low, high]``."""
        start = bisect.bisect_left(self.lengths, low)
        stop = bisect.bisect_right(self.lengths, high)
        return sorted(self.by_length[start:stop])


class _Packed:
    """The msgids of a group as one bit row: per character, the bits where it occurs."""

    def __init__(self, messages: Sequence[Message]) -> None:
        self.starts: list[int] = []
        self.stops: list[int] = []
        start = 0
        for message in messages:
            length = len(message.msgid)
            self.starts.append(start)
            self.stops.append(start + (length + 7) // 8)
            start += (length + 1 + 7) // 8  # one zero bit at least after the msgid
        self.size = start
        bits: dict[str, bytearray] = {}
        full = bytearray(self.size)
        for message, first in zip(messages, self.starts):
            for i, char in enumerate(message.msgid):
                bit = first * 8 + i
                row = bits.get(char)
                if row is None:
                    row = bits[char] = bytearray(self.size)
                row[bit >> 3] |= 1 << (bit & 7)
                full[bit >> 3] |= 1 << (bit & 7)
        self.masks = {char: int.from_bytes(row, "little") for char, row in bits.items()}
        self.full = int.from_bytes(full, "little")


class FuzzyIndex:
    """Old entries that may give a changed unit its fuzzy translation."""

    def __init__(self, candidates: Sequence[Message], threshold: float) -> None:
        self.threshold = threshold
        self.groups: dict[str | None, _Group] = {}
        for message in candidates:
            self.groups.setdefault(message.msgctxt, _Group()).add(message)
        for group in self.groups.values():
            group.sort()

    def closest(self, wanted: Message) -> Message | None:
        group = self.groups.get(wanted.msgctxt)
        if group is None:
            return None
        messages = group.messages
        text = wanted.msgid
        size = len(text)
        # bound 2: rare hits per entry, and the common items counted as shared by all
        common_limit = max(16, int(len(messages) * _COMMON_SHARE))
        rare_hits: Counter[int] = Counter()
        common = 0
        for item in _items(text):
            posting = group.postings.get(item)
            if posting is None:
                continue
            if len(posting) > common_limit:
                common += 1
            else:
                rare_hits.update(posting)
        characters = Counter(text)
        masks: dict[str, int] = {}
        for i, char in enumerate(text):
            masks[char] = masks.get(char, 0) | (1 << i)
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(text)
        ratios: dict[int, float] = {}

        def ratio(position: int) -> float:
            if position not in ratios:
                matcher.set_seq1(messages[position].msgid)
                ratios[position] = matcher.ratio()
            return ratios[position]

        def may_reach(position: int, floor: float) -> bool:
            """Bounds 1 to 4: whether the entry's ratio can be ``floor`` or more."""
            old = messages[position].msgid
            length = len(old) + size
            shared = rare_hits.get(position, 0) + common
            matches = min(len(old), size, (shared + 2 * length + 2) // 5)
            if _ratio(matches, length) < floor:
                return False
            if lcs_lengths is not None:  # bound 4 at hand, and tighter than bound 3
                return _ratio(lcs_lengths[position], length) >= floor
            counts = group.characters[position]
            common_characters = sum(min(n, counts.get(char, 0)) for char, n in characters.items())
            if _ratio(common_characters, length) < floor:
                return False
            return _ratio(_lcs_length(masks, size, old), length) >= floor

        lcs_lengths: list[int] | None = None
        floor = self.threshold
        if rare_hits:
            guess = max(rare_hits, key=rare_hits.__getitem__)
            if may_reach(guess, floor):
                floor = max(floor, ratio(guess))
        # the scan's own choice, among the entries that can reach the floor
        best: Message | None = None
        best_ratio = self.threshold
        # bound 1 as a window of lengths, widened by one for rounding (each entry is checked
        # exactly in may_reach)
        low = floor * size / (2 - floor) - 1
        high = size * (2 - floor) / floor + 1 if floor > 0 else float("inf")
        positions = group.within(low, high)
        if floor <= _PACKED_BELOW and len(positions) > _PACKED_FROM:
            # no old version near: bounds 2 and 3 prune little, most entries need bound 4
            lcs_lengths = group.lcs_lengths(text)
        for position in positions:
            if not may_reach(position, floor):
                continue
            value = ratio(position)
            if value >= best_ratio and (best is None or value > best_ratio):
                best, best_ratio = messages[position], value
        return best
