"""The words of a text, one rule for the whole pipeline (:func:`pipeline.translated.count_words`:
translate-toolkit's ``pocount``): its fast paths (the dots found by ``str.find``, an ASCII regex)
proven equal to the full rule and to the real ``pocount`` by Hypothesis, and check's
completeness (merge's ``--min-translated`` counts the same) counting as ``pocount`` does."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from support import make_root, pot_path, run_cli, run_extract

from pipeline import translated
from pipeline.po import parse_catalog
from pipeline.translated import count_words, without_word_dots

pocount = pytest.importorskip(
    "translate.tools.pocount", reason="translate-toolkit is not installed: pip install -e '.[test]'"
)


def full_rule(text: str) -> int:
    """The rule as first written (pipeline/status.py, before the fast paths): every step a
    regex, no shortcut for ASCII."""
    if "<" in text:
        text = translated._TAG_RE.sub("", translated._BR_RE.sub("\n", text))
    if "." in text:
        text = re.sub(r"\D\.\D", " ", text)
    ideographs = 0
    if not text.isascii():
        text = translated._ATTACHED_RE.sub("", text)
        ideographs = len(translated._IDEOGRAPH_RE.findall(text))
        if ideographs:
            text = translated._IDEOGRAPH_RE.sub(" ", text)
    return ideographs + len(translated._WORD_RE.findall(text))


# Pieces that make the rule's cases: joiners between letters and between digits, dots beside
# digits and non-digits (Arabic-Indic and full-width digits are \d too), tags, marks.
_ASCII_PIECES = list("aZq09_ .,;:'-/\t\n<>=\"#*[]()`") + ["e.g.", "www.x.nl", "1.000,5", "<br/>", "<b>", "</b>",
                                                       '<a href="x.y">', "dat's", "a:b", "3;4", "..", "x."]
_PIECES = _ASCII_PIECES + list("éßñÜ’‘·٣５．\u0301\u00ad\u200d\u0387\u055f\u05f4\u2027\ufe13\ufe55\uff1a\u037e\u0589"
                                "\u060c\u060d\u066c\u07f8\u2024\u2044\ufe10\ufe14\ufe50\ufe52\ufe54\uff07\uff0c\uff1bאב") + [
    "中文", "ひら", "😀", "l’avenir"]
ascii_texts = st.lists(st.sampled_from(_ASCII_PIECES), max_size=16).map("".join)
texts = st.lists(st.sampled_from(_PIECES), max_size=16).map("".join)
_FAST = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(st.one_of(texts, st.text(alphabet=".a1٣ ", max_size=12), st.text(max_size=12)))
def test_dots_found_by_find_are_pocounts_regex(text: str) -> None:
    assert without_word_dots(text) == re.sub(r"\D\.\D", " ", text)


@_FAST
@given(ascii_texts)
def test_ascii_words_are_the_full_rule_and_pocounts(text: str) -> None:
    assert len(translated._ASCII_WORD_RE.findall(text)) == len(translated._WORD_RE.findall(text))
    assert count_words(text) == full_rule(text) == pocount.wordcount(text)


@_FAST
@given(st.one_of(texts, st.text(max_size=20)))
def test_words_are_the_full_rule(text: str) -> None:
    assert count_words(text) == full_rule(text)


@_FAST
@given(texts)
@example('א"א')  # a " between two Hebrew letters joins them (UAX #29 WB7b, WB7c)
@example('צה"ל שלום')
def test_words_are_pocounts(text: str) -> None:
    assert count_words(text) == pocount.wordcount(text)


def test_check_counts_a_posts_words_as_pocount_does(tmp_path: Path) -> None:
    """Hyphenated words, a domain, a tag: check's completeness (and so merge's
    --min-translated) counts the template's words as the real ``pocount`` does (the old rule
    counted ``open-source`` as one word)."""
    post = (
        '---\ntitle: "Open-source e-mail"\ndate: 2024-01-02T10:00:00+01:00\n---\n\n'
        "Zie www.example.nl voor e-learning's, <b>vet</b> en 1.000,50 euro.\n\n"
        "Een tweede alinea met half-open deuren, o.a. hier.\n"
    )
    root = make_root(tmp_path, {"post.md": post})
    run_extract(root)
    template = pot_path(root, "post")
    counted = {m.msgid: pocount.wordcount(m.msgid) for m in parse_catalog(str(template), template.read_bytes()).messages
               if m.msgctxt != "slug"}
    assert len(counted) == 3
    result = run_cli(root, "check", "--format", "json", "--no-cache")
    [entry] = json.loads(result.stdout)["completeness"]
    assert (entry["units"], entry["words"], entry["words_translated"]) == (3, sum(counted.values()), 0)
    assert entry["words"] == 3 + 11 + 9  # Open, source, e, mail; ...; o.a. taken out with a neighbour
