"""The closest old translation for a changed unit, as GNU ``msgmerge`` chooses it, found through an index.

The rule is msgmerge's (gettext 0.21: ``fuzzy_search_goal_function`` in ``message.c``,
``fstrcmp_bounded`` in gnulib's ``fstrcmp.c``, ``message_fuzzy_index_search`` in
``msgl-fsearch.c``, called by ``match_domain`` in ``msgmerge.c``):

- every old entry with a translation is a candidate: of any msgctxt, obsolete ones, fuzzy
  ones, and ones whose msgid another unit still uses (``update.update_catalog`` gives them);
- the similarity of two msgids is ``2 * LCS / T`` on their UTF-8 bytes (``LCS`` the length of
  their longest common subsequence, ``T`` the sum of their lengths): fstrcmp's
  ``(T - edits) / T`` with ``edits`` the insertions and deletions of a shortest edit script
  (diffseq gives one unless the strings are so different that it gives up, past about 8,000
  bytes of edits: then fstrcmp is lower, never higher);
- an entry of the same msgctxt as the unit, or of none, scores ``0.00001`` more (msgmerge's
  bonus), so it wins a tie, but a close match of another msgctxt beats a poor one of the same;
- the entry with the highest score wins, provided the score is above ``threshold`` (0.6);
  among equal scores the first in catalog order (msgmerge takes the one sharing most 4-grams
  with the unit, then the first).

msgmerge looks only at the entries sharing a 4-gram (of characters) with the unit (or, for a
unit of fewer than 4 characters, of a length near its); this index looks at every entry, and
its score is never below fstrcmp's, so wherever msgmerge offers a translation this offers one
too (``tests/test_msgmerge_match.py`` shows it against msgmerge on random edits).

The index only decides which entries need their LCS computed; every entry it skips is skipped
by a bound proved below, never by a guess, so the result is that of the plain scan (kept in
``tests/test_fuzzy.py`` as the oracle).

Why the bounds hold. Let ``M = LCS(a, b)`` (bytes) and ``T = len(a) + len(b)``. Cut one
longest common subsequence into blocks: maximal runs of matched bytes that are consecutive in
both ``a`` and ``b``. An entry is skipped only if one of these upper bounds of ``M`` gives a
score (computed as the score is computed) below the floor:

1. Length: ``M <= min(len(a), len(b))``.
2. Shared trigrams: let ``S`` be the size of the multiset intersection of the byte trigrams of
   ``a`` and ``b``. A block of length ``L`` holds at least ``L - 2`` trigrams of ``a`` that
   are also trigrams of ``b``, at distinct positions of ``b``, so with ``B`` blocks
   ``S >= M - 2 * B``. Between two consecutive blocks at least one unmatched byte lies in
   ``a`` or in ``b`` (else they would be one block), so
   ``B <= (len(a) - M) + (len(b) - M) + 1 = T - 2 * M + 1``. Hence ``S >= 5 * M - 2 * T - 2``,
   that is ``M <= (S + 2 * T + 2) / 5``. ``S`` is not computed exactly: counting the k-th
   occurrence of a trigram as its own item (which turns the multiset intersection into a set
   intersection), the index counts the items of ``b`` that each entry has among the rare ones
   (short postings), and assumes every common item shared: ``S <= rare hits + common items of
   b``. At a score near 0.6 this bound says nothing; it prunes when the floor is high (about
   0.87 and more for two unrelated paragraphs of the same language).
3. Bytes: ``M`` is at most the size of the multiset intersection of the bytes of ``a`` and
   ``b``, counted from a table per entry (fstrcmp's own second bound).

Then ``M`` itself: computed bit-parallel (Allison-Dix / Hyyrö: one big-integer step per byte
of the unit's msgid).

The search: the score of the entry with the most rare hits is computed first (for a unit
changed a little, that is its old version, score about 0.95); that score becomes the floor,
since the answer's score is at least that. Then every entry whose length is in bound 1's
window at the floor, in catalog order, is kept or skipped by bounds 1 to 3 (cheapest first),
and the scores of those kept are compared as the scan compares them. A unit with no old
version near it (rewritten, or new) leaves the floor at 0.6, where bounds 1 to 3 prune little:
then the LCS is computed for every old entry in one pass over the unit's bytes, the msgids
packed into one big integer (``_Group.lcs_lengths``), so that a post rewritten from scratch
costs a few big-integer operations per byte instead of a comparison per pair.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence

from pipeline.po import Message

#: The n-gram length of bound 2 (trigrams of bytes).
_GRAM = 3
#: Postings longer than this share of the entries (and 16) are not looked up: bound 2 counts
#: those items as shared by every entry.
_COMMON_SHARE = 0.1
#: Below this floor (where bound 2 says nothing) and with more entries than ``_PACKED_FROM``
#: in the length window, the LCS is computed for all entries at once.
_PACKED_BELOW = 0.8
_PACKED_FROM = 16
#: msgmerge's bonus for an entry of the unit's msgctxt, or of none (``fuzzy_search_goal_function``).
CONTEXT_BONUS = 0.00001


def _bytes(text: str) -> bytes:
    """A msgid as msgmerge compares it: its UTF-8 bytes."""
    return text.encode("utf-8", "surrogatepass")


def _items(text: bytes) -> list[tuple[bytes, int]]:
    """The trigrams of ``text``, the k-th occurrence of each as ``(trigram, k)``."""
    seen: dict[bytes, int] = {}
    out = []
    for i in range(len(text) - _GRAM + 1):
        gram = text[i : i + _GRAM]
        k = seen.get(gram, 0)
        seen[gram] = k + 1
        out.append((gram, k))
    return out


def _ratio(matches: int, length: int) -> float:
    """fstrcmp's result for an LCS of ``matches`` bytes and ``length`` bytes in all: the same
    float for the same integers (``(double) (T - edits) / T``, ``T - edits`` being
    ``2 * matches``)."""
    return 2.0 * matches / length if length else 1.0


def similarity(a: str, b: str) -> float:
    """The similarity of two msgids as fstrcmp measures it (with a shortest edit script)."""
    left, right = _bytes(a), _bytes(b)
    return _ratio(_lcs_length(_masks(right), len(right), left), len(left) + len(right))


def _bonus(old: Message, wanted: Message) -> float:
    return CONTEXT_BONUS if old.msgctxt is None or old.msgctxt == wanted.msgctxt else 0.0


def _masks(text: bytes) -> dict[int, int]:
    """Per byte value of ``text``, the bit set of its positions: ``text`` (last byte first)
    turned into ``0`` and ``1`` digits and read as a binary number, in time linear in its
    length (setting one bit at a time in a growing integer is quadratic: a unit of 5 MB)."""
    backwards = text[::-1]
    return {byte: int(backwards.translate(_ones_at(byte)), 2) for byte in set(text)}


def _ones_at(byte: int) -> bytes:
    """A ``bytes.translate`` table: ``byte`` to the digit ``1``, every other byte to ``0``."""
    return bytes.maketrans(bytes(range(256)), b"0" * byte + b"1" + b"0" * (255 - byte))


def _lcs_length(masks: dict[int, int], width: int, text: bytes) -> int:
    """Length of the longest common subsequence of ``text`` and the bytes behind ``masks``
    (per byte value, the bit set of its positions; ``width`` bytes)."""
    full = (1 << width) - 1
    row = full
    for byte in text:
        match = row & masks.get(byte, 0)
        row = ((row + match) | (row - match)) & full
    return width - row.bit_count()


class _Group:
    """Old entries, in their order, their msgids' bytes and (``indexed``) trigram postings."""

    def __init__(self, messages: Sequence[Message], indexed: bool) -> None:
        self.messages = list(messages)
        self.texts: list[bytes] = [_bytes(message.msgid) for message in self.messages]
        """Per entry, its msgid's UTF-8 bytes."""
        self.indexed = indexed
        self.postings: dict[tuple[bytes, int], list[int]] = {}
        """Per trigram item, the positions of the entries that have it (``indexed`` only)."""
        if indexed:
            for position, text in enumerate(self.texts):
                for item in _items(text):
                    self.postings.setdefault(item, []).append(position)
        self._characters: dict[int, Counter[int]] = {}
        lengths = [len(text) for text in self.texts]
        self.by_length = sorted(range(len(lengths)), key=lengths.__getitem__)
        """Positions ordered by the length of their msgid (then by position)."""
        self.lengths = [lengths[p] for p in self.by_length]
        """The lengths in that order, for bisecting."""
        self.packed: _Packed | None = None
        """The msgids as one bit row (made when first needed)."""
        self.packable = not any(0 in text for text in self.texts)
        """Whether the msgids can be packed (a NUL byte is the padding: no PO msgid has one)."""

    def characters(self, position: int) -> Counter[int]:
        """How often each byte occurs in an entry's msgid."""
        counts = self._characters.get(position)
        if counts is None:
            counts = self._characters[position] = Counter(self.texts[position])
        return counts

    def lcs_lengths(self, text: bytes) -> list[int]:
        """Per entry, the length of the LCS of its msgid and ``text``, all in one pass over
        ``text``. The msgids are packed into one big integer, each on its own bytes with at
        least one zero bit after it, so that a carry out of one msgid's bits stops there (and
        is cleared by ``& full``); ``row - match`` never borrows, as ``match`` is a subset of
        ``row``."""
        if self.packed is None:
            self.packed = _Packed(self.texts)
        packed = self.packed
        full, masks = packed.full, packed.masks
        row = full
        for byte in text:
            match = row & masks.get(byte, 0)
            row = ((row + match) | (row - match)) & full
        data = row.to_bytes(packed.size, "little")
        return [
            len(old) - int.from_bytes(data[start:stop], "little").bit_count()
            for old, start, stop in zip(self.texts, packed.starts, packed.stops)
        ]

    def within(self, low: float, high: float) -> list[int]:
        """Positions (in order) of the msgids whose length is in ``[low, high]``."""
        start = bisect.bisect_left(self.lengths, low)
        stop = bisect.bisect_right(self.lengths, high)
        return sorted(self.by_length[start:stop])


class _Packed:
    """The msgids of a group as one bit row: per byte value, the bits where it occurs. Made
    from one text of all the msgids, each padded with NUL bytes (in no msgid: PO cannot hold
    one) to whole bytes of bits and one more; per byte value, that text turned into ``0`` and
    ``1`` digits (``bytes.translate``) and read as a binary number, last bit first."""

    _DIGITS = bytes.maketrans(bytes(range(256)), b"0" + b"1" * 255)

    def __init__(self, texts: Sequence[bytes]) -> None:
        self.starts: list[int] = []
        self.stops: list[int] = []
        parts = []
        start = 0
        for text in texts:
            length = len(text)
            self.starts.append(start)
            self.stops.append(start + (length + 7) // 8)
            padded = (length + 1 + 7) // 8  # one zero bit at least after the msgid
            parts.append(text + bytes(padded * 8 - length))
            start += padded
        self.size = start
        joined = b"".join(parts)[::-1]
        self.full = int(joined.translate(self._DIGITS), 2) if joined else 0
        self.masks: dict[int, int] = {}
        for byte in set(joined) - {0}:
            self.masks[byte] = int(joined.translate(_ones_at(byte)), 2)


class FuzzyIndex:
    """Old entries that may give a changed unit its fuzzy translation (msgmerge's choice,
    see the module's text); ``threshold``: the score an entry must pass.

    ``in_use``: old entries that other units still use (most of a catalog, as a rule), offered
    too, as msgmerge offers them; they are looked at through their length and LCS only (no
    trigram index: a changed unit's old version is seldom among them), after ``candidates``:
    of equal scores, one of ``candidates`` wins, then the first in order."""

    def __init__(
        self, candidates: Sequence[Message], threshold: float, in_use: Sequence[Message] = ()
    ) -> None:
        self.threshold = threshold
        self._candidates, self._in_use = list(candidates), list(in_use)
        self._groups: tuple[_Group, _Group] | None = None  # made at the first search

    def closest(self, wanted: Message) -> Message | None:
        if not self._candidates and not self._in_use:
            return None
        if self._groups is None:
            self._groups = (_Group(self._candidates, True), _Group(self._in_use, False))
        text = _bytes(wanted.msgid)
        search = _Search(wanted, text, _masks(text), Counter(text))
        best: Message | None = None
        floor = self.threshold
        for group in self._groups:
            if group.messages:
                found = search.best(group, floor)
                if found is not None:
                    best, floor = found
        return best


class _Search:
    """One unit looked for in the groups of a :class:`FuzzyIndex`."""

    def __init__(self, wanted: Message, text: bytes, masks: dict[int, int], characters: Counter[int]) -> None:
        self.wanted, self.text, self.masks, self.characters = wanted, text, masks, characters

    def best(self, group: _Group, threshold: float) -> tuple[Message, float] | None:
        """The entry of ``group`` with the highest score above ``threshold``, the first of
        equal ones, and its score."""
        messages = group.messages
        text = self.text
        size = len(text)
        # bound 2: rare hits per entry, and the common items counted as shared by all
        rare_hits: Counter[int] = Counter()
        common = 0
        if group.indexed:
            common_limit = max(16, int(len(messages) * _COMMON_SHARE))
            for item in _items(text):
                posting = group.postings.get(item)
                if posting is None:
                    continue
                if len(posting) > common_limit:
                    common += 1
                else:
                    rare_hits.update(posting)
        wanted = self.wanted
        lcs_lengths: list[int] | None = None

        def score(position: int) -> float:
            old = group.texts[position]
            if lcs_lengths is not None:
                matches = lcs_lengths[position]
            else:
                matches = _lcs_length(self.masks, size, old)
            return _ratio(matches, len(old) + size) + _bonus(messages[position], wanted)

        def may_reach(position: int, floor: float) -> bool:
            """Bounds 1 to 3: whether the entry's score can be ``floor`` or more."""
            old = group.texts[position]
            length = len(old) + size
            bonus = _bonus(messages[position], wanted)  # of the entries looked at only: not all
            matches = min(len(old), size)
            if group.indexed:
                shared = rare_hits.get(position, 0) + common
                matches = min(matches, (shared + 2 * length + 2) // 5)
            if _ratio(matches, length) + bonus < floor:
                return False
            if lcs_lengths is not None:  # the LCS at hand: bound 3 is no cheaper
                return True
            counts = group.characters(position)
            common_bytes = sum(min(n, counts.get(byte, 0)) for byte, n in self.characters.items())
            return _ratio(common_bytes, length) + bonus >= floor

        floor = threshold
        if rare_hits:
            guess = max(rare_hits, key=rare_hits.__getitem__)
            if may_reach(guess, floor):
                floor = max(floor, score(guess))
        # the scan's own choice, among the entries that can reach the floor
        best: Message | None = None
        best_score = threshold
        # bound 1 as a window of lengths, widened for the bonus and by one for rounding (each
        # entry is checked exactly in may_reach)
        low_floor = floor - 2 * CONTEXT_BONUS
        low = low_floor * size / (2 - low_floor) - 1
        high = size * (2 - low_floor) / low_floor + 1 if low_floor > 0 else float("inf")
        positions = group.within(low, high)
        if floor <= _PACKED_BELOW and len(positions) > _PACKED_FROM and group.packable:
            # no old version near: bounds 2 and 3 prune little, most entries need their LCS
            lcs_lengths = group.lcs_lengths(text)
        for position in positions:
            if not may_reach(position, floor):
                continue
            value = score(position)
            if value > best_score:
                best, best_score = messages[position], value
        return None if best is None else (best, best_score)
