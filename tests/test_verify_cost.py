"""What merge's verification does to save work is exact: the shortcuts give what the long way gives."""

from __future__ import annotations

import json
import string
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from merge_support import spec_examples, spec_id, spec_post
from reliability_support import examples
from support import ARTICLES, SEED

from pipeline.config import load_config
from pipeline.units import post_units
from pipeline.post import load_post
from pipeline.verify import Outline, outline


def _posts() -> list[tuple[str, str]]:
    posts = [(p.stem, p.read_text(encoding="utf-8")) for p in [SEED, *ARTICLES]]
    posts += [(spec_id(example), spec_post(example)) for example in spec_examples()]
    return posts


def test_the_outline_kept_with_a_segmentation_is_the_outline_of_the_body(tmp_path) -> None:
    """The Dutch outline merge compares with comes from the segmentation's parse, through the
    cache's JSON: it equals a fresh parse of the body (tuples and all), for every real
    article and every CommonMark spec example."""
    config = load_config(tmp_path)
    for name, text in _posts():
        post = load_post(f"{name}.md", text.encode("utf-8"), 10 * 1024 * 1024)
        expected = outline(post.body)
        _, _, made, segmentation = post_units(config, post, name, "digest", None)
        assert made == expected, name
        assert segmentation is not None
        packed = segmentation[1]

        def kept(post_id: str, post_digest: str, packed: bytes = packed) -> bytes:
            return packed

        _, _, unpacked, new = post_units(config, post, name, "digest", kept)
        assert new is None, name  # it came from the cache
        assert unpacked is not None, name
        # all but the lines of each block, which only the German outline needs
        assert (unpacked.blocks, unpacked.inlines, unpacked.env) == (expected.blocks, expected.inlines, expected.env), name


def test_a_segmentation_kept_without_an_outline_gives_none() -> None:
    """A segmentation kept by an earlier version (no outline) or a damaged one: no outline,
    and the structure check parses the Dutch body itself."""
    assert Outline.unpack(None, []) is None
    assert Outline.unpack({"kinds": [["paragraph_open", 0]]}, []) is None
    assert Outline.unpack(json.loads('{"kinds": [], "order": [0], "inlines": [], "env": {}}'), []) is None
    assert Outline.unpack(json.loads('{"kinds": [], "order": [], "inlines": [[3, 4, 0, 1]], "env": {}}'), ["x"]) is None


# Text with every kind of markup check_translation looks for, and the characters each check
# is skipped without
_MARKUP_PIECES = st.sampled_from([
    *string.printable, "é", "ß", "„", "“", "”", "İ", "\u00a0", "\u2028", "\u202e",
    "{{< ref x >}}", "{{% x %}}", "{% x %}", "{{ x }}", "[^1]", "^[x]", "<!--", "<pre>", "<div>",
    "</a>", "javascript:", "JavaScript :", "java script:", "](u)", '"x"', "`c`", "\n", "\n<",
])


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(_MARKUP_PIECES, max_size=25).map("".join))
def test_a_check_skipped_for_want_of_its_character_would_have_found_nothing(text: str) -> None:
    """check_translation skips the shortcode check without a ``{``, the footnote check
    without a ``^``, the HTML block check without a ``<``, the javascript: check without a
    ``:``, the quotation mark check without a quotation mark: on any text without that
    character, the full check finds nothing."""
    from pipeline.checkers import (
        _FOOTNOTE_RE, _SHORTCODE_RE, _has_foreign_quotes, _html_block_starts, javascript_schemes,
    )

    if "{" not in text:
        assert _SHORTCODE_RE.findall(text) == []
    if "^" not in text:
        assert _FOOTNOTE_RE.findall(text) == []
    if "<" not in text:
        assert not _html_block_starts(text)
    if ":" not in text:
        assert not javascript_schemes(text)
    if not any(quote in text for quote in '"“”'):
        assert not _has_foreign_quotes(text)


@settings(max_examples=examples(250), deadline=None)
@given(st.lists(_MARKUP_PIECES, max_size=25).map("".join), st.lists(_MARKUP_PIECES, max_size=25).map("".join))
def test_check_translation_finds_what_each_check_finds_in_full(msgid: str, msgstr: str) -> None:
    """The problems of a translation are those of every check run in full, in the same order
    (the reference below is check_translation's checks without the shortcuts)."""
    from pipeline.checkers import (
        _FOOTNOTE_RE, _SHORTCODE_RE, _has_foreign_quotes, _html_block_starts, added_javascript,
        check_translation,
    )

    codes = [code for _, code, _ in check_translation(msgid, msgstr, "de")]
    assert ("shortcode" in codes) == (Counter(_SHORTCODE_RE.findall(msgid)) != Counter(_SHORTCODE_RE.findall(msgstr)))
    assert ("footnote" in codes) == (Counter(_FOOTNOTE_RE.findall(msgid)) != Counter(_FOOTNOTE_RE.findall(msgstr)))
    assert ("html-block" in codes) == bool(_html_block_starts(msgstr) - _html_block_starts(msgid))
    assert ("javascript-url" in codes) == added_javascript(msgid, msgstr)
    assert ("quotes" in codes) == _has_foreign_quotes(msgstr)


def test_merge_verifies_alike_with_the_kept_outline_an_old_segmentation_or_no_cache(tmp_path) -> None:
    """The Dutch outline kept with the segmentation, a segmentation kept without one (by an
    earlier version: the Dutch body is parsed), and no cache at all (the outline is made from
    merge's own parse): the same posts written byte for byte, the same refusals."""
    import sqlite3

    from merge_support import fill_catalog, pseudo
    from support import invoke, make_root, po_path, run_extract
    from test_verify import DUTCH, _translations

    from pipeline.cache import CACHE_DIR, DATABASE

    make_root(tmp_path, {"post.md": DUTCH, "article.md": ARTICLES[0].read_text(encoding="utf-8")})
    run_extract(tmp_path)
    fill_catalog(po_path(tmp_path, "post"), _translations("Oefenen", "Üben\\"))  # a cell emptied
    fill_catalog(po_path(tmp_path, "article"), lambda context, msgid: pseudo(msgid))
    german = tmp_path / "content" / "de"

    def run(*options: str) -> tuple[str, dict[str, bytes]]:
        result = invoke("-C", str(tmp_path), "merge", "--min-translated", "0", "--force", *options)
        assert result.exit_code == 1, result.output
        errors = "\n".join(line for line in result.output.splitlines() if line.startswith("error:"))
        return errors, {p.name: p.read_bytes() for p in sorted(german.rglob("*.md"))}

    with_outline = run()
    assert "[structure-changed]" in with_outline[0] and "article.md" in with_outline[1]
    with sqlite3.connect(tmp_path / CACHE_DIR / DATABASE) as db:
        rows = db.execute("SELECT post, data FROM segments").fetchall()
        assert rows and all(b'"outline":{' in data for _, data in rows)
        for post, data in rows:
            document = json.loads(data)
            del document["outline"]
            db.execute("UPDATE segments SET data = ? WHERE post = ?", (json.dumps(document).encode(), post))
    db.close()
    assert run() == with_outline
    assert run("--no-cache") == with_outline


_INLINE_PIECES = st.sampled_from([
    *string.printable, "é", "ß", "„", "“", "\u00a0", "\u2028", "!", "!!", "![", "![a](b)", "[a](b)",
    "&amp;", "&#33;", "&", "\\!", "*", "_", "`", "<b>", "~~", "\n", "http://x.y", "www.x.nl",
    "[", "]", "(", ")", "](", "[a]", "[a][b]", "[a]: /u", "(b)", "\\[", "\\]", "[a](<b c>)", "[a](b \"t\")",
    "[a](b(c))", "<https://x.y>", "<a@b.c>", "\r", "\0", " ",
])


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(_INLINE_PIECES, max_size=30).map("".join))
def test_a_text_is_analysed_as_the_parser_reads_it_with_or_without_parsing(text: str) -> None:
    """A text is parsed only where the parse decides something (code spans, emphasis, raw HTML,
    or a bracket with no link destination written): what the check compares of any text is
    what markdown-it-py's reading gives."""
    from pipeline.checkers import _analyse, _analyse_parsed

    assert _analyse(text) == _analyse_parsed(text)


# Without the characters of code spans, emphasis and raw HTML: the texts analysed unparsed
_LINK_ONLY_PIECES = st.sampled_from([
    *(ch for ch in string.printable if ch not in "`*_~<"), "é", "„", "\u00a0", "![a](b)", "[a](b)", "[a](>)",
    "&amp;", "\\!", "[", "]", "(", ")", "](", "[a]", "[a][b]", "[a]: /u", "\\[", "\\]", "[a](b \"t\")",
    "[a](b(c))", "[a](b)(c)", "[a](\nb)", "[a](b\n)", "[[a](b)](c)", "[a] (b)", "\r\n", "\0",
])


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(_LINK_ONLY_PIECES, max_size=20).map("".join))
def test_a_text_with_links_and_no_other_markup_is_analysed_as_the_parser_reads_it(text: str) -> None:
    from pipeline.checkers import _analyse, _analyse_parsed

    assert _analyse(text) == _analyse_parsed(text)


def test_the_checks_merge_skips_never_report_an_error() -> None:
    """The checks merge does not run (WARNING_ONLY_CHECKS) make no error in their code: they
    call _warning and never _error nor a helper that returns errors."""
    import inspect

    from pipeline.checkers import TRANSLATION_CHECKS, WARNING_ONLY_CHECKS

    assert WARNING_ONLY_CHECKS <= set(TRANSLATION_CHECKS)
    for check in WARNING_ONLY_CHECKS:
        source = inspect.getsource(check)
        assert "_warning(" in source and "_error(" not in source and '"error"' not in source, check.__name__
        assert "check_characters" not in source and "check_slug" not in source, check.__name__


@settings(max_examples=examples(250), deadline=None)
@given(st.lists(_MARKUP_PIECES | st.sampled_from(["1", "42", ".", "!", "?", " ", "een twee drie vier"]),
                max_size=25).map("".join),
       st.lists(_MARKUP_PIECES | st.sampled_from(["1", "42", ".", "!", "?", " ", "een twee drie vier"]),
                max_size=25).map("".join))
def test_merge_s_checks_give_the_errors_of_every_check(msgid: str, msgstr: str) -> None:
    """Merge runs the checks but those that only warn: the same errors, in the same order, as
    every check of TRANSLATION_CHECKS (the untranslated check on a msgstr equal to its msgid too)."""
    from pipeline.checkers import check_translation

    for german in (msgstr, msgid):
        every = [p for p in check_translation(msgid, german, "de") if p[0] == "error"]
        assert check_translation(msgid, german, "de", errors_only=True) == every
