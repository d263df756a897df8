"""The fuzzy index gives exactly the answer of the quadratic scan it replaced.

The scan (``reference_closest``, and ``reference_update_catalog`` around it) is the code of
``pipeline/catalog.py`` (now ``pipeline/update.py``) before the index, kept here as the oracle,
with msgmerge's rule since issue 14 (every old entry with a translation, of any msgctxt, the
same one preferred by msgmerge's bonus; fstrcmp's score on the UTF-8 bytes, the LCS by
``similarity``, itself checked against the textbook dynamic programme). The property tests run
random edit sequences on real paragraphs of ``tests/fixtures/opensource-guide/nl`` (words
changed, sentences dropped, paragraphs swapped, inserted, deleted and cloned with one word
changed, so that two old entries tie; the rest of the post rewritten; msgctxt changed; a
translator filling and confirming entries between the steps, so that fuzzy and obsolete
entries pile up) and compare the catalogs byte for byte; and random short strings over a tiny
alphabet (with a two-byte letter), where ties, repeated trigrams and scores near the threshold
are common. The speed is
shown by the benchmark (``bench/fuzzy.py``), not by a timed test.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import examples, figure
from support import NOW

from pipeline.update import (
    FUZZY_THRESHOLD,
    UpdateStats,
    _carry,
    _obsolete,
    _unfuzzied,
    build_template,
    new_catalog_header,
    plural_forms,
    update_catalog,
)
from pipeline.config import DEFAULT_KEYS, DEFAULT_LIST_KEYS
from pipeline.fuzzy import CONTEXT_BONUS, FuzzyIndex, similarity
from pipeline.po import Catalog, Message, format_catalog, parse_catalog
from pipeline.post import load_post
from pipeline.segment import Unit, segment_post

ARTICLES = Path(__file__).parent / "fixtures" / "opensource-guide" / "nl"
PATH = "content/nl/post.md"
CONTEXTS = [None, None, None, "title", "description"]


# --------------------------------------------------------------------------------------
# The oracle: update_catalog and _closest as they were before the index


def reference_closest(wanted: Message, candidates: Sequence[Message]) -> Message | None:
    """msgmerge's choice by a plain scan: the highest fstrcmp score (the LCS of the UTF-8
    bytes, ``similarity``; plus msgmerge's bonus for the same msgctxt or none) above the
    threshold, the first in ``candidates`` among equal ones."""
    best: Message | None = None
    best_score = FUZZY_THRESHOLD
    for candidate in candidates:
        bonus = CONTEXT_BONUS if candidate.msgctxt in (None, wanted.msgctxt) else 0.0
        score = similarity(candidate.msgid, wanted.msgid) + bonus
        if score > best_score:
            best, best_score = candidate, score
    return best


def reference_update_catalog(
    old: Catalog | None, template: Catalog, language: str, path: str
) -> tuple[Catalog, UpdateStats]:
    stats = UpdateStats()
    if old is None:
        catalog = new_catalog_header(template, language, path)
        old_messages: list[Message] = []
    else:
        catalog = Catalog(list(old.header_fields), [], list(old.header_comment), old.header_fuzzy)
        catalog.set_header("POT-Creation-Date", template.header("POT-Creation-Date") or "")
        if not catalog.header("Language"):
            catalog.set_header("Language", language)
        if not catalog.header("Content-Type"):
            catalog.set_header("Content-Type", "text/plain; charset=UTF-8")
        if not catalog.header("Plural-Forms"):
            catalog.set_header("Plural-Forms", plural_forms(language))
        old_messages = old.messages

    by_key: dict[tuple[str | None, str], Message] = {}
    for message in old_messages:
        if message.key not in by_key or by_key[message.key].obsolete:
            by_key[message.key] = message
    used: set[int] = set()
    template_keys = {message.key for message in template.messages}
    with_text = [m for m in old_messages if m.msgstr or any(m.msgstr_plural.values())]
    # those no unit uses first: of equal scores, one of them wins
    candidates = [m for m in with_text if m.key not in template_keys]
    candidates += [m for m in with_text if m.key in template_keys]

    # an edit reverted (update_catalog's _unfuzzied): the fuzzy entry's translation back
    reverted = {
        (m.previous_msgctxt, m.previous_msgid): m
        for m in old_messages
        if m.key not in template_keys and (m.msgstr or any(m.msgstr_plural.values()))
        and m.fuzzy and not m.obsolete and m.previous_msgid is not None
    }
    merged: list[Message] = []
    for wanted in template.messages:
        previous = by_key.get(wanted.key)
        if previous is not None:
            used.add(id(previous))
            merged.append(_carry(wanted, previous, fuzzy_from=None))
            continue
        source = reverted.get(wanted.key)
        if source is not None and id(source) not in used:
            used.add(id(source))
            merged.append(_unfuzzied(_carry(wanted, source, fuzzy_from=None)))
            continue
        source = reference_closest(wanted, candidates)
        if source is not None:
            used.add(id(source))
            merged.append(_carry(wanted, source, fuzzy_from=source))
            stats.fuzzy += 1
        else:
            merged.append(
                Message(
                    msgid=wanted.msgid,
                    msgctxt=wanted.msgctxt,
                    locations=list(wanted.locations),
                    auto_comments=list(wanted.auto_comments),
                )
            )
            stats.new += 1
    for message in old_messages:
        if id(message) in used:
            continue
        if message.obsolete:
            if message.msgstr or any(message.msgstr_plural.values()):  # as update_catalog: GNU drops it else
                merged.append(message)
        elif message.msgstr or any(message.msgstr_plural.values()):
            merged.append(_obsolete(message))
            stats.obsolete += 1
    catalog.messages = merged
    return catalog, stats


# --------------------------------------------------------------------------------------
# Real paragraphs


def _real_texts() -> list[str]:
    texts: list[str] = []
    seen: set[str] = set()
    for path in sorted(ARTICLES.glob("*.md")):
        post = load_post(str(path), path.read_bytes())
        for unit in segment_post(post, path.stem, DEFAULT_KEYS, DEFAULT_LIST_KEYS):
            if unit.text not in seen:
                seen.add(unit.text)
                texts.append(unit.text)
    return texts


REAL = _real_texts()
VOCABULARY = sorted({word for text in REAL for word in re.findall(r"[A-Za-zÀ-ÿ]{3,}", text)})


def _change_words(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(words))
        words[i] = rng.choice(VOCABULARY) if rng.random() < 0.7 else words[i][::-1]
    return " ".join(words)


def _drop_sentence(text: str, rng: random.Random) -> str:
    sentences = re.split(r"(?<=[.!?]) ", text)
    if len(sentences) > 1:
        del sentences[rng.randrange(len(sentences))]
    return " ".join(sentences)


def _edit(units: list[tuple[str | None, str]], rng: random.Random) -> None:
    """One random edit of the post (a list of (msgctxt, msgid)), in place."""
    kinds = ["words", "words", "words", "sentence", "swap", "new", "delete", "clone", "context"]
    kinds.append("rewrite")
    kind = rng.choice(kinds)
    i = rng.randrange(len(units))
    context, text = units[i]
    if kind == "words":
        units[i] = (context, _change_words(text, rng))
    elif kind == "sentence":
        units[i] = (context, _drop_sentence(text, rng))
    elif kind == "swap":
        j = rng.randrange(len(units))
        units[i], units[j] = units[j], units[i]
    elif kind == "new":
        units.insert(i, (rng.choice(CONTEXTS), rng.choice(REAL)))
    elif kind == "delete" and len(units) > 1:
        del units[i]
    elif kind == "clone":  # a sibling one word away: two old entries may tie
        units.insert(i + 1, (context, _change_words(text, rng)))
    elif kind == "context":
        units[i] = (rng.choice(CONTEXTS), text)
    elif kind == "rewrite":  # the rest of the post written anew: many entries, none near
        units[i:] = [(rng.choice(CONTEXTS[:3]), rng.choice(REAL)) for _ in units[i:]]


def _template(units: list[tuple[str | None, str]]) -> Catalog:
    post_units = [Unit("paragraph", text, n, context) for n, (context, text) in enumerate(units, 1)]
    return build_template("post", PATH, post_units, NOW)


def _translate(catalog: Catalog, rng: random.Random, counter: list[int]) -> Catalog:
    """A translator: fills some empty entries, confirms some fuzzy ones; read back from text."""
    for message in catalog.messages:
        if message.obsolete:
            continue
        if not message.msgstr and rng.random() < 0.7:
            counter[0] += 1
            message.msgstr = f"T{counter[0]}"
        elif message.fuzzy and rng.random() < 0.4:
            message.flags.remove("fuzzy")
            message.previous_msgid = message.previous_msgctxt = None
    return parse_catalog("de.po", format_catalog(catalog))


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), size=st.integers(1, 40), steps=st.integers(1, 6))
def test_update_catalog_is_byte_identical_to_the_scan(seed: int, size: int, steps: int) -> None:
    rng = random.Random(seed)
    units = [(rng.choice(CONTEXTS), text) for text in rng.sample(REAL, size)]
    counter = [0]
    old: Catalog | None = None
    for _ in range(steps):
        template = _template(list(dict.fromkeys(units)))
        new, stats = update_catalog(old, template, "de", PATH)
        expected, expected_stats = reference_update_catalog(old, template, "de", PATH)
        assert format_catalog(new) == format_catalog(expected)
        assert stats == expected_stats
        figure("fuzzy index: catalogs compared with the scan's", 1)
        figure("fuzzy index: fuzzy entries in them", stats.fuzzy)
        old = _translate(new, rng, counter)
        for _ in range(rng.randint(1, max(1, len(units)))):
            _edit(units, rng)


# --------------------------------------------------------------------------------------
# Short strings over a tiny alphabet: ties, repeated trigrams, ratios near 0.6

short_text = st.text(alphabet="ab c.ä", max_size=40)


@st.composite
def _mutation(draw: st.DrawFn, text: str) -> str:
    chars = list(text)
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        i = draw(st.integers(0, len(chars)))
        char = draw(st.sampled_from("ab c.xyäÄ"))
        if op == "insert":
            chars.insert(i, char)
        elif chars and i < len(chars):
            if op == "delete":
                del chars[i]
            else:
                chars[i] = char
    return "".join(chars)


@st.composite
def _case(draw: st.DrawFn) -> tuple[list[Message], list[Message]]:
    bases = draw(st.lists(short_text, min_size=1, max_size=6))
    candidates = []
    for base in bases:
        # up to 60 entries: over 16, the commonest trigrams are not looked up (bound 2)
        for _ in range(draw(st.integers(1, 10))):
            context = draw(st.sampled_from([None, "k", "m"]))
            candidates.append(Message(draw(_mutation(base)), "x", context))
    wanted = []
    for _ in range(draw(st.integers(1, 6))):
        text = draw(_mutation(draw(st.sampled_from(bases))))
        wanted.append(Message(text, "", draw(st.sampled_from([None, "k", "m"]))))
    wanted += [Message(draw(short_text)) for _ in range(draw(st.integers(0, 2)))]
    return candidates, wanted


@settings(max_examples=examples(400), deadline=None)
@given(case=_case())
def test_closest_is_the_scans_choice_on_short_strings(
    case: tuple[list[Message], list[Message]],
) -> None:
    candidates, wanted = case
    index = FuzzyIndex(candidates, FUZZY_THRESHOLD)
    # and with every other entry in use by another unit (searched without the trigram index)
    free, in_use = candidates[1::2], candidates[::2]
    split = FuzzyIndex(free, FUZZY_THRESHOLD, in_use=in_use)
    for message in wanted:
        assert index.closest(message) is reference_closest(message, candidates)
        assert split.closest(message) is reference_closest(message, free + in_use)


def test_a_match_sharing_no_trigram_is_found() -> None:
    """Score 0.73 with not one trigram in common: trigrams alone would miss it (below 0.8
    the bound of shared trigrams is 0), so such entries are found by the scan of the floor."""
    old = Message("ab.cd.ef.gh", "übersetzt")
    wanted = Message("abXcdYefZgh")
    assert similarity(old.msgid, wanted.msgid) > 0.7
    assert FuzzyIndex([old], FUZZY_THRESHOLD).closest(wanted) is old


def test_similarity_is_on_the_utf8_bytes_as_fstrcmp() -> None:
    """msgmerge compares bytes: two msgids whose umlauts differ share their lead bytes. By
    characters (difflib) these two score 0.5; by bytes 0.75, and ``msgmerge --previous``
    offers the old translation (``test_msgmerge_match.py`` runs it)."""
    old = Message("abbaÜäÜÄöÜ", "alt")
    wanted = Message("abbaÖäÄÖÄÜ")
    assert similarity(old.msgid, wanted.msgid) == 2 * 9 / 24
    assert FuzzyIndex([old], FUZZY_THRESHOLD).closest(wanted) is old


def test_another_msgctxt_is_offered_the_same_one_preferred() -> None:
    """As msgmerge: an old entry of another msgctxt is a candidate (a title that became a
    heading); of two equally close, the one of the unit's msgctxt (or of none) wins, whatever
    the order; a closer one of another msgctxt beats a poorer one of the same."""
    wanted = Message("Een mooie titel voor de workshop!", msgctxt=None)
    title = Message("Een mooie titel voor de workshop", "Ein schöner Titel", msgctxt="title")
    assert FuzzyIndex([title], FUZZY_THRESHOLD).closest(wanted) is title
    same = Message("Een mooie titel voor de workshop", "Ohne Kontext")
    for order in ([title, same], [same, title]):
        assert FuzzyIndex(order, FUZZY_THRESHOLD).closest(wanted) is same
    wanted_title = Message("Een mooie titel voor de workshop!", msgctxt="title")
    description = Message("Een mooie titel voor de workshop", "D", msgctxt="description")
    for order in ([title, description], [description, title]):
        assert FuzzyIndex(order, FUZZY_THRESHOLD).closest(wanted_title) is title
    poorer = Message("Een titel voor de workshop van morgen", "P", msgctxt="title")
    close = Message("Een mooie titel voor de workshop", "C", msgctxt="summary")
    assert FuzzyIndex([poorer, close], FUZZY_THRESHOLD).closest(wanted_title) is close


def test_an_entry_in_use_by_another_unit_is_offered() -> None:
    """A paragraph duplicated, then one copy changed: the unchanged copy keeps its entry, and
    msgmerge offers that same entry's translation for the changed copy (fuzzy), where the
    pipeline left it new, the entry being in use."""
    text = "Het project groeit snel en de gemeenschap helpt mee."
    old = Catalog([], [Message(text, "Das Projekt wächst schnell.")])
    changed = text.replace("snel", "traag")
    template = Catalog([], [Message(text), Message(changed)])
    catalog, stats = update_catalog(old, template, "de", PATH)
    kept, offered = catalog.messages
    assert kept.msgstr == offered.msgstr == "Das Projekt wächst schnell."
    assert not kept.fuzzy and offered.fuzzy and offered.previous_msgid == text
    assert stats.fuzzy == 1 and stats.obsolete == 0


def test_the_first_of_equal_candidates_wins() -> None:
    """Two old entries one word away from the new text, in both orders: the first wins, as
    in the scan (whatever a third entry after them scores)."""
    a = Message("Het project groeit snel en de gemeenschap helpt mee.", "A")
    b = Message("Het project groeit traag en de gemeenschap helpt mee.", "B")
    closer = Message("Het project groeit fijn en de gemeenschap helpt mee.", "C")
    wanted = Message("Het project groeit goed en de gemeenschap helpt mee.")
    for order in ([a, b], [b, a], [a, b, closer]):
        index = FuzzyIndex(order, FUZZY_THRESHOLD)
        assert index.closest(wanted) is reference_closest(wanted, order)


def test_entries_sharing_only_common_trigrams_are_not_skipped() -> None:
    """The first guess shares a rare trigram (and sets a high floor), the best entries only trigrams
    found in more than 16 entries (not looked up): bound 2 must count those as shared."""
    sentence = "the quick brown fox jumps over the lazy dog"
    wanted = Message(sentence + " ZQ")
    guess = Message("the quick brown fax jumps over the lazy cat ZQ", "G")
    near = [Message(sentence[:i] + "#" + sentence[i + 1 :], f"N{i}") for i in range(0, 40, 2)]
    candidates = [*near, guess, Message(sentence, "B")]
    expected = reference_closest(wanted, candidates)
    assert expected is not None and expected is not guess
    assert FuzzyIndex(candidates, FUZZY_THRESHOLD).closest(wanted) is expected


byte_text = st.text(alphabet="ab c.äÄ€", max_size=40)


@settings(max_examples=examples(200), deadline=None)
@given(a=byte_text, b=byte_text)
def test_bit_parallel_lcs_is_the_lcs(a: str, b: str) -> None:
    """The LCS length of the UTF-8 bytes against the textbook dynamic programme."""
    from pipeline.fuzzy import _lcs_length

    left, right = a.encode(), b.encode()
    row = [0] * (len(right) + 1)
    for byte in left:
        diagonal = 0
        for j, other in enumerate(right, 1):
            diagonal, row[j] = row[j], diagonal + 1 if byte == other else max(row[j], row[j - 1])
    masks: dict[int, int] = {}
    for i, byte in enumerate(right):
        masks[byte] = masks.get(byte, 0) | (1 << i)
    assert _lcs_length(masks, len(right), left) == row[-1]
    assert similarity(a, b) == (2.0 * row[-1] / (len(left) + len(right)) if left or right else 1.0)


@settings(max_examples=examples(100), deadline=None)
@given(texts=st.lists(byte_text, min_size=1, max_size=12), text=byte_text)
def test_packed_lcs_is_the_lcs_of_each_entry(texts: list[str], text: str) -> None:
    """The LCS for a whole group at once (the msgids packed into one integer) gives each
    entry's LCS, as the LCS of that entry alone does."""
    from pipeline.fuzzy import _Group, _lcs_length

    group = _Group([Message(old, "x") for old in texts], indexed=False)
    data = text.encode()
    masks: dict[int, int] = {}
    for i, byte in enumerate(data):
        masks[byte] = masks.get(byte, 0) | (1 << i)
    assert group.lcs_lengths(data) == [_lcs_length(masks, len(data), old.encode()) for old in texts]


def test_a_search_weighs_the_msgctxt_of_the_entries_it_looks_at_only(monkeypatch) -> None:
    """Each search gave every entry its msgctxt bonus before looking at any: the translation
    memory's 2,000 candidates for 2,000 new units were 4 million calls (a third of its time);
    now only the entries of a length near enough are weighed."""
    from pipeline import fuzzy

    texts = [f"Alinea {n} over onderwerp {n * 7919 % 10007}" + " en nog wat" * (n % 40) + "." for n in range(2000)]
    index = FuzzyIndex([Message(msgid=text, msgstr="x") for text in texts], FUZZY_THRESHOLD)
    calls = []
    real = fuzzy._bonus
    monkeypatch.setattr(fuzzy, "_bonus", lambda *a: calls.append(1) or real(*a))
    for text in texts[:50]:
        assert index.closest(Message(msgid=text.replace("Alinea", "De alinea"))).msgid == text
    assert len(calls) < 50 * len(texts) / 4
