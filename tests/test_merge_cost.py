"""What merge does to save work is exact: each shortcut gives what the long way gives."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from reliability_support import examples

# Text with every kind of markup the translation checks look for, and the characters their
# shortcuts look at
_PIECES = st.sampled_from([
    *string.printable, "é", "ß", "„", "“", "”", "İ", "а", "\u00a0", "\u2028", "\u202e", "\u200b",
    "{{< ref x >}}", "{{% x %}}", "{% x %}", "{{ x }}", "[^1]", "^[x]", "<!--", "<pre>", "<div>",
    "<img alt=\"x\">", "</a>", "javascript:", "JavaScript :", "](u)", "](/nl/x/)", "[a](b)", '"x"',
    "`c`", "*e*", "__s__", "~~d~~", " {#id}", "  \n", "\\\n", "\n", "\n<", "Een zin.", "1.000",
])
_TEXT = st.lists(_PIECES, max_size=25).map("".join)


def _full(msgid: str, msgstr: str, errors_only: bool) -> list[tuple[str, str, str]]:
    """check_translation the long way: both texts analysed, every check run."""
    from pipeline import checkers

    if max(len(msgid), len(msgstr)) > checkers.MAX_PARSED_CHARS:
        source, target = checkers._analyse_plain(msgid), checkers._analyse_plain(msgstr)
    else:
        source, target = checkers._analyse(msgid), checkers._analyse(msgstr)
    context = checkers.TranslationContext("de", _map_url)
    return [problem for check in checkers.TRANSLATION_CHECKS
            if not (errors_only and check in checkers.WARNING_ONLY_CHECKS)
            for problem in check(source, target, context)]


def _map_url(url: str) -> str:
    return url.replace("/nl/", "/de/")


@settings(max_examples=examples(600), deadline=None)
@given(_TEXT, _TEXT, st.booleans())
def test_check_translation_finds_what_every_check_finds_in_full(msgid: str, msgstr: str, errors_only: bool) -> None:
    """A msgid and msgstr without a character of markup skip the analysis and the checks of
    markup: the problems are those of every check run on both texts analysed, in order."""
    from pipeline.checkers import check_translation

    assert check_translation(msgid, msgstr, "de", _map_url, errors_only=errors_only) == _full(msgid, msgstr, errors_only)


_PLAIN = st.lists(st.sampled_from([*string.ascii_letters, " ", ".", ":", "!", "\n", "  \n", "\\\n", "é", "\u202e",
                                   "\u200b", "javascript:", "а", "1.000", " "]), max_size=20).map("".join)


@settings(max_examples=examples(300), deadline=None)
@given(_PLAIN, _TEXT, st.booleans())
def test_markup_in_one_text_alone_is_checked_in_full(plain: str, other: str, errors_only: bool) -> None:
    """The shortcut needs both texts without markup: markup in one of them alone (a link, a
    tag, a ``x](u)`` without its ``[``) is checked as before."""
    from pipeline.checkers import check_translation

    for msgid, msgstr in ((plain, other), (other, plain), (plain, plain + other[:3])):
        assert check_translation(msgid, msgstr, "de", _map_url, errors_only=errors_only) == _full(msgid, msgstr, errors_only)


def test_a_destination_without_its_bracket_is_markup() -> None:
    """``x](u)`` is a link destination as the checks read it (no ``[``): its translation
    without it is an error, as it was before the shortcut."""
    from pipeline.checkers import check_translation

    assert [code for _, code, _ in check_translation("zie x](u)", "siehe x", "de", errors_only=True)] == ["link-target"]


_LINK_PIECES = st.sampled_from([
    *"ab ]([)<>{}`\\:/\n", "](", "](/x/)", "](<a b>)", "[t](/y/ \"z\")", "<https://x.nl/a/>", "<a href=\"/p/\">",
    "<img src='/i.png'>", "{{< ref \"x.md\" >}}", "{{% relref x %}}", "{{<ref path=\"y\" lang=\"nl\">}}",
    "`code](/c/)`", "<!-- [c](/d/) -->", "\\[e](/f/)", "ref", "{{",
])


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(_LINK_PIECES, max_size=20).map("".join))
def test_rewrite_links_returns_a_text_without_link_syntax_as_it_is(text: str) -> None:
    """rewrite_links' early return (no ``](``, ``<``, ``{{``) gives what each of its
    rewrites gives the text, with rewrites that change every link; and any text it returns
    early, they return unchanged."""
    from pipeline.links import (
        may_link, rewrite_autolinks, rewrite_destinations, rewrite_html_urls, rewrite_links, rewrite_shortcode_refs,
    )

    seen: list[str] = []

    def url(value: str) -> str:
        seen.append(value)
        return value + "-de"

    def ref(path: str, lang: str | None) -> tuple[str, str | None]:
        seen.append(path)
        return path + "-de", "de"

    full = rewrite_shortcode_refs(rewrite_html_urls(rewrite_autolinks(rewrite_destinations(text, url), url), url), ref)
    called = list(seen)
    seen.clear()
    assert rewrite_links(text, url, ref) == full
    assert seen == called
    if not may_link(text):
        assert full == text and called == []


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from(["ä", "ö", "ü", "ß", "Ã¤", "Ã¶", "Ã¼", "ÃŸ", "Ã€", "Ã©", "â€“", "a", " ", "\n", "Ã", "Ãx", "Ã\u0160"]),
    st.characters(min_codepoint=0x80, max_codepoint=0x2200),
), max_size=30).map("".join), st.binary(max_size=6))
def test_the_first_bytes_of_a_double_encoded_character_are_looked_for_first(text: str, tail: bytes) -> None:
    """A catalog's bytes are searched for double-encoded text (``Ã¤`` for ``ä``) only where
    its first bytes are: the answer is the full search's, whatever the bytes."""
    from pipeline.po import _DOUBLE_ENCODED_BYTES_RE, _may_be_double_encoded

    for data in (text.encode("utf-8"), text.encode("utf-8") + tail, tail + text.encode("utf-8")):
        assert _may_be_double_encoded(data) == (_DOUBLE_ENCODED_BYTES_RE.search(data) is not None)


def test_a_summary_holds_each_dutch_heading_id_once() -> None:
    """Every post's summary is held through a merge: its Dutch ids and its anchors (Dutch id →
    German id) are held as a few strings, not a string and a dict entry per heading."""
    from pipeline.site import Summary, _summary

    units = [(line, f"Kop {line // 2}", "", f"Überschrift {line}") for line in range(1, 9)]
    summary = _summary(Summary("post", "post"), units, None, None, "de")
    assert summary.dutch_anchors == ["kop-0", "kop-1", "kop-1-1", "kop-2", "kop-2-1", "kop-3", "kop-3-1", "kop-4"]
    assert list(summary.anchors.values()) == [f"überschrift-{line}" for line in range(1, 9)]
    assert isinstance(summary.dutch_anchors._joined, str)  # type: ignore[attr-defined]


_PLAIN_EDGES = st.lists(st.sampled_from([*string.ascii_letters, " ", ".", ":", "!", "\n", "  \n", "\\\n", "\t", "é",
                                         "\u00a0", "\u2028", "\u3000", "\u202e", "\u200b", "\u00ad", "\x07",
                                         "javascript:", "JavaScript :", "а", "Ω"]),
                        max_size=12).map("".join)


@settings(max_examples=examples(600), deadline=None)
@given(_PLAIN_EDGES, _PLAIN_EDGES)
def test_a_plain_translation_without_a_possible_error_is_passed_at_once(msgid: str, msgstr: str) -> None:
    """merge's errors-only check of a msgid and msgstr without markup stops at once where no
    check can report an error (no ``:``, no line break in the msgid, no whitespace around
    the msgstr, no suspect character): the errors are those of every check run in full."""
    from pipeline.checkers import check_translation

    assert check_translation(msgid, msgstr, "de", _map_url, errors_only=True) == _full(msgid, msgstr, True)


def test_the_plain_errors_shortcut_knows_every_check_that_can_report_an_error_on_plain_text() -> None:
    """A check added to TRANSLATION_CHECKS that is neither of markup nor a warning only must
    be added to the condition of the shortcut (and to its set): this fails until it is."""
    from pipeline import checkers

    assert (set(checkers.TRANSLATION_CHECKS) - checkers._MARKUP_CHECKS - checkers.WARNING_ONLY_CHECKS
            == checkers._PLAIN_ERROR_CHECKS)


_LINE_BREAKS = st.lists(st.sampled_from(["a", " ", "\n", "\r", "\r\n", "\0", "1. ", "# ", "|", "[ ]", "<div>", "x"]),
                        max_size=12).map("".join)


@settings(max_examples=examples(300), deadline=None)
@given(_LINE_BREAKS, st.sampled_from(["paragraph", "table cell", "heading 2", "definition term", "html block",
                                      "list item"]))
def test_a_translation_is_shaped_as_with_its_line_ends_and_nuls_made_plain_first(text: str, kind: str) -> None:
    """_body_text reads a CR (alone or before a LF) as a line break and a NUL as U+FFFD, and
    skips that work where neither is in the text: the same as the text made plain first."""
    from pipeline.post import NEWLINE_RE
    from pipeline.render import _body_text
    from pipeline.segment import Unit

    unit = Unit(kind, "Tekst", 1, start=(0, 0), end=(0, 5), prefix="> " if kind == "list item" else "")
    plain = NEWLINE_RE.sub("\n", text).replace("\0", "\ufffd")
    assert _body_text(unit, text) == _body_text(unit, plain)
