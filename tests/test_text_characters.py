"""Names and text that look right and are not: homoglyphs in a slug, invisible characters.

A Cyrillic ``а`` in a translator's slug ``dаs-wetter`` looks Latin; slugify drops it and the
URL becomes ``ds-wetter`` without a word. A title of zero-width spaces looks empty, or like
another title, and is published. Both are errors in ``check`` and in ``merge`` (the post is
not written; one line naming ``catalog:line``).
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from merge_support import fill
from support import invoke, make_root, po_path

from pipeline.checkers import (
    _FORMAT_RE, check_characters, check_slug_translation, check_translation, invisible_characters,
    mixed_script_words,
)
from pipeline.po import parse_catalog

POST = "---\ntitle: Het weer\n---\n\nHet regent vandaag in de stad.\n"
BODY = {"Het regent vandaag in de stad.": "Heute regnet es in der Stadt."}
CYRILLIC_A = "\u0430"


def line_of(root: Path, context: str) -> int:
    path = po_path(root, "post")
    return next(m.lineno for m in parse_catalog(str(path), path.read_bytes()).messages if m.msgctxt == context)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = make_root(tmp_path, {"post.md": POST})
    assert invoke("-C", str(root), "extract").exit_code == 0
    return root


# ---------------------------------------------------------------------------------------
# The rules


def test_the_format_characters_are_unicodes_category_cf() -> None:
    every = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert every and all(_FORMAT_RE.fullmatch(ch) for ch in every)
    matched = [chr(c) for c in range(sys.maxunicode + 1) if _FORMAT_RE.fullmatch(chr(c))]
    # unassigned in this Python's Unicode at most (a newer one assigns them as Cf)
    assert {unicodedata.category(ch) for ch in matched} <= {"Cf", "Cn"}


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u2066", "\u202e", "\u180e", "\u2062"])
def test_invisible_characters_are_found(char: str) -> None:
    assert invisible_characters(f"Das{char}Wetter") == [char]
    assert invisible_characters(char * 3) == [char]


@pytest.mark.parametrize("text", [
    "Donau\u00addampf\u00adschiff",  # soft hyphens: hyphenation hints
    "Team 👩\u200d💻 und 👨\u200d👩\u200d👧",  # zero-width joiners inside emoji
    "Fahne 🏳\ufe0f\u200d🌈",  # ZWJ after a variation selector
    "Schottland 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # a flag's tags
])
def test_legitimate_format_characters_are_allowed(text: str) -> None:
    assert invisible_characters(text) == []


def test_a_joiner_beside_a_letter_is_not_an_emoji_sequence() -> None:
    assert invisible_characters("a\u200d💻") == ["\u200d"]
    assert invisible_characters("\U000e0067 alone") == ["\U000e0067"]


def test_words_of_mixed_scripts() -> None:
    assert mixed_script_words(f"D{CYRILLIC_A}s Wetter") == [f"D{CYRILLIC_A}s"]
    assert mixed_script_words("Wetter in Москва, π-Zahl, µm, Straße") == []  # each word one script
    assert mixed_script_words("Gr\u03bfße") == ["Gr\u03bfße"]  # a Greek omicron


def test_slug_translations() -> None:
    assert [c for _, c, _ in check_slug_translation(f"d{CYRILLIC_A}s-wetter", "de")] == ["slug-characters"]
    assert [c for _, c, _ in check_slug_translation("das\u200b-wetter", "de")] == ["invisible-char"]
    assert check_slug_translation("Das Wetter", "de") == [
        ("warning", "slug-form", "slug 'Das Wetter' will be written as 'das-wetter'")
    ]
    assert check_slug_translation("das-wetter", "de") == []


def test_translations_with_invisible_or_mixed_characters_are_errors() -> None:
    def errors(msgid: str, msgstr: str) -> set[str]:
        return {code for severity, code, _ in check_translation(msgid, msgstr, "de") if severity == "error"}

    assert errors("Het weer", "\u200b\u200b\u200b") == {"invisible-char"}
    assert errors("Het weer", "Das\u2060Wetter") == {"invisible-char"}
    assert errors("Het weer", f"D{CYRILLIC_A}s Wetter") == {"mixed-script"}
    assert errors("Het weer", "Das Wetter 👩\u200d💻") == set()
    assert errors("Het\u200bweer", "Das\u200bWetter") == set()  # as the source has it


# ---------------------------------------------------------------------------------------
# merge and check


def test_a_homoglyph_in_the_slug_is_refused(root: Path) -> None:
    fill(root, "post", BODY | {"Het weer": "Das Wetter", ("slug", "post"): f"d{CYRILLIC_A}s-wetter"})
    checked = invoke("-C", str(root), "check")
    assert checked.exit_code == 1
    assert f"{line_of(root, 'slug')}: error: slug 'd{CYRILLIC_A}s-wetter' has letters that the URL cannot keep " \
        "(U+0430 CYRILLIC SMALL LETTER A)" in checked.output
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 1
    assert (
        f"error: locale/de/LC_MESSAGES/post.po:{line_of(root, 'slug')}: slug 'd{CYRILLIC_A}s-wetter' has "
        "letters that the URL cannot keep (U+0430 CYRILLIC SMALL LETTER A): write it in ASCII letters, "
        "digits and hyphens"
    ) in result.output
    assert not (root / "content" / "de" / "post.md").exists()
    fill(root, "post", BODY | {"Het weer": "Das Wetter", ("slug", "post"): "das-wetter"})
    assert invoke("-C", str(root), "merge").exit_code == 0
    assert "slug: das-wetter" in (root / "content" / "de" / "post.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("title", ["\u200b\u200b\u200b", "Das\u200bWetter", "\ufeffDas Wetter", f"D{CYRILLIC_A}s Wetter"])
def test_a_title_that_looks_right_and_is_not_is_refused(root: Path, title: str) -> None:
    fill(root, "post", BODY | {"Het weer": title})
    checked = invoke("-C", str(root), "check")
    assert checked.exit_code == 1
    assert f"{line_of(root, 'title')}: error:" in checked.output
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 1
    assert f"error: locale/de/LC_MESSAGES/post.po:{line_of(root, 'title')}: " in result.output
    assert not (root / "content" / "de" / "post.md").exists()


def test_invisible_characters_in_the_body_fail_check(root: Path) -> None:
    fill(root, "post", {"Het weer": "Das Wetter", "Het regent vandaag in de stad.": "Heute\u200b regnet es."})
    checked = invoke("-C", str(root), "check")
    assert checked.exit_code == 1
    assert "U+200B ZERO WIDTH SPACE: remove them" in checked.output and "[invisible-char]" in checked.output


# ---------------------------------------------------------------------------------------
# German text that is what it looks like: no false errors

HEBREW, ARABIC, PERSIAN = "\u05e9\u05dc\u05d5\u05dd", "\u0645\u062d\u0645\u062f", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
QUOTING_RIGHT_TO_LEFT = [
    f"Der Name \u201e{HEBREW}\u200f\u201c bedeutet Frieden.",  # an RLM ends the quoted Hebrew
    f"Das Wort \u201e{ARABIC}\u201c\u200e (Mohammed) ist ein Name.",  # an LRM after it
    f"Der Titel \u2068{HEBREW} {HEBREW}\u2069 ist hebr\u00e4isch.",  # an isolate (FSI … PDI), as W3C advises
    f"Die Stadt {ARABIC}\u061c im Regen.",  # an Arabic letter mark
    f"Der Satz \u201e{PERSIAN}\u201c hei\u00dft \u201eich will\u201c.",  # a ZWNJ inside a Persian word
]


@pytest.mark.parametrize("text", QUOTING_RIGHT_TO_LEFT)
def test_a_translation_quoting_right_to_left_words_is_no_error(root: Path, text: str) -> None:
    """Bidirectional marks and isolates where the text has right-to-left letters, and
    joiners inside a word of a script that spells with them, are how such words are
    quoted: check and merge take them."""
    assert check_translation("Het regent vandaag in de stad.", text, "de") == []
    fill(root, "post", {"Het weer": "Das Wetter", "Het regent vandaag in de stad.": text})
    checked = invoke("-C", str(root), "check")
    assert "[control-char]" not in checked.output and "[invisible-char]" not in checked.output, checked.output
    assert invoke("-C", str(root), "merge").exit_code == 0
    assert text in (root / "content" / "de" / "post.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("text", [
    f"Der Autor {HEBREW}\u202e\u202c schreibt.",  # an override reorders, right-to-left text or not
    "Das Wet\u200eter",  # a mark without right-to-left text: only invisible
    f"Der Titel \u2068{HEBREW} ist",  # an isolate left open runs on
    f"Der {HEBREW} \u2069 Titel",  # a PDI that closes nothing
    "Auf\u200classung",  # a ZWNJ between Latin letters breaks a search for the word
])
def test_bidirectional_controls_and_joiners_that_quote_nothing_are_errors(text: str) -> None:
    errors = [code for severity, code, _ in check_translation("Het weer", text, "de") if severity == "error"]
    assert errors in (["control-char"], ["invisible-char"])


def test_the_real_german_articles_have_no_character_errors() -> None:
    """Every line of the German articles (typographic quotes, dashes, NBSPs) as a
    translation: no error."""
    articles = Path(__file__).resolve().parent / "fixtures" / "opensource-guide" / "de"
    lines = [line for path in sorted(articles.glob("*.md")) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 1000
    assert [(line, check_characters("", line)) for line in lines if check_characters("", line)] == []


@pytest.mark.parametrize("title", [
    "D\u0585s Wetter",  # Armenian օ
    "\u13aaber das Wetter",  # Cherokee Ꭺ
    "Das W\u2c89tter",  # Coptic ⲉ
    "\ua4eeber das Wetter",  # Lisu ꓮ
])
def test_a_title_with_a_lookalike_of_another_script_is_refused(root: Path, title: str) -> None:
    """Cyrillic and Greek are not the only scripts with letters that look Latin: the slug
    merge derives from such a title dropped them without a word (Ꭺber → ber-das-wetter)."""
    fill(root, "post", BODY | {"Het weer": title})
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 1, result.output
    assert f"error: locale/de/LC_MESSAGES/post.po:{line_of(root, 'title')}: words that mix Latin" in result.output
    assert not (root / "content" / "de" / "post.md").exists()
    assert "[mixed-script]" in invoke("-C", str(root), "check").output
    assert mixed_script_words("Das Wort \u0562\u0561\u0580\u0565\u0582 ist armenisch, N\u00ba 5") == []
