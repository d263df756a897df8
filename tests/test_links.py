"""pipeline.links: slugs, page paths, URLs, anchors, and link destinations rewritten.

How merge and check use them is tested in ``test_merge_links.py``, ``test_slug_clash.py``
and ``test_text_characters.py``; here the functions themselves.
"""

from __future__ import annotations

import pytest

from pipeline.links import (
    code_span_ranges,
    german_slug,
    heading_anchor,
    is_section,
    made_sections,
    page_path,
    post_url,
    rewrite_destinations,
    settle_slugs,
    slug_blockers,
    slugify,
    untransliterable,
)

CYRILLIC_A = "\u0430"

# ---------------------------------------------------------------------------------------
# Slugs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Straße über Öl", "strasse-ueber-oel"),
        ("ÄÖÜ äöü ß ẞ", "aeoeue-aeoeue-ss-ss"),
        ("Café naïve São Paulo Øre Łódź", "cafe-naive-sao-paulo-re-odz"),
        ("  Wissens-Management: 2.0!  ", "wissens-management-2-0"),
        ("„Qualitätspass“", "qualitaetspass"),
    ],
)
def test_slugify_transliterates_german(text: str, expected: str) -> None:
    assert slugify(text, "de") == expected


def test_letters_a_slug_cannot_keep() -> None:
    assert untransliterable(f"d{CYRILLIC_A}s-wetter") == [CYRILLIC_A]
    assert untransliterable("погода") == list("погда")
    assert untransliterable("straße-café-Ärger-ﬁx") == []
    assert slugify("straße-café-Ärger-ﬁx") == "strasse-cafe-aerger-fix"


def test_german_slug_is_the_translators_then_the_titles_then_the_source_slug() -> None:
    assert german_slug("Mein Slug!", "Titel", "nl-slug") == "mein-slug"
    assert german_slug(None, "Straße über Öl", "nl-slug") == "strasse-ueber-oel"
    assert german_slug("", "Titel", "nl-slug") == "titel"
    # what slugifies to nothing (punctuation, letters without an ASCII form) falls back
    assert german_slug("—", "???", "nl-slug") == "nl-slug"
    assert german_slug(None, "Привет", "nl-slug") == "nl-slug"
    assert german_slug(None, None, "nl-slug") == "nl-slug"


# ---------------------------------------------------------------------------------------
# Pages and URLs: where Hugo publishes a post


def test_post_url_fills_the_languages_pattern() -> None:
    assert post_url("/de/{slug}/", "wetter") == "/de/wetter/"
    assert post_url("/{slug}/", "weer") == "/weer/"


def test_a_section_is_an_index_with_an_underscore() -> None:
    assert is_section("blog/_index") and is_section("_index")
    assert not is_section("blog/index") and not is_section("blog/my_index")


def test_hugo_makes_a_list_page_for_every_top_level_folder_but_a_bundles() -> None:
    posts = ["a", "blog/x", "b/index", "2024/x/index", "docs/_index", "docs/y"]
    # docs has its _index.md; b/index.md is a leaf bundle, not a section
    assert made_sections(posts) == ["2024/_index", "blog/_index"]
    assert made_sections([]) == []


@pytest.mark.parametrize(
    ("post_id", "slug", "path"),
    [
        ("x", "Mijn-Slug", "mijn-slug"),  # Hugo lowercases paths
        ("2024/post", "slug", "2024/slug"),
        ("blog/_index", "ignored", "blog"),  # a section is its folder's list page
        ("blog/b/index", "slug", "blog/slug"),  # a leaf bundle: the slug replaces its folder
        ("b/index", "slug", "slug"),
    ],
)
def test_page_path_is_where_hugo_publishes_a_post(post_id: str, slug: str, path: str) -> None:
    assert page_path(post_id, slug) == path


def test_a_page_keeps_its_slug_and_newcomers_wait() -> None:
    # a has it: b may not take it
    assert slug_blockers({"a": "x"}, {"a": "x", "b": "x"}) == {"b": ["a"]}
    # nobody has it: both wait, neither has a better claim
    assert slug_blockers({}, {"a": "x", "b": "x"}) == {"a": ["b"], "b": ["a"]}
    # a page on disk that is not written in this run (orphan, stale) keeps it too
    assert slug_blockers({"old": "x"}, {"b": "x"}) == {"b": ["old"]}
    # case does not make two URLs (Hugo lowercases paths); folders do
    assert slug_blockers({"a": "News"}, {"b": "news"}) == {"b": ["a"]}
    assert slug_blockers({"2023/a": "x"}, {"2024/b": "x", "2024/c": "x"}) == {"2024/b": ["2024/c"], "2024/c": ["2024/b"]}
    # two pages that already share a slug are both refused until one moves
    assert slug_blockers({"a": "x", "b": "x"}, {"a": "x", "b": "x"}) == {"a": ["b"], "b": ["a"]}


def test_a_slug_given_up_in_the_same_run_is_taken_after() -> None:
    # a moves from x to y, b takes x: both, in that order
    assert settle_slugs({"a": "x"}, {"a": "y", "b": "x"}) == {}
    # chains settle too
    assert settle_slugs({"a": "x", "b": "y"}, {"a": "z", "b": "x", "c": "y"}) == {}
    # a swap cannot be done without a moment where two pages share a URL: refused
    assert settle_slugs({"a": "x", "b": "y"}, {"a": "y", "b": "x"}) == {"a": ["b"], "b": ["a"]}


def test_bundles_and_sections_are_where_hugo_publishes_them() -> None:
    """A leaf bundle's index.md is published at its folder's place, under its slug; a
    section's _index.md at its folder, whatever its slug (seen with Hugo 0.111)."""
    # two bundles of one folder with one slug: one URL
    assert slug_blockers({}, {"blog/b/index": "x", "blog/c/index": "x"}) == {
        "blog/b/index": ["blog/c/index"], "blog/c/index": ["blog/b/index"]
    }
    assert slug_blockers({"blog/b/index": "x"}, {"blog/c": "x"}) == {"blog/c": ["blog/b/index"]}
    # a post with the slug of a section's folder takes its list page's URL; the section keeps it
    assert slug_blockers({}, {"blog/_index": "anything", "news": "blog"}) == {"news": ["blog/_index"]}
    assert slug_blockers({"blog/_index": "blog"}, {"news": "BLOG"}) == {"news": ["blog/_index"]}
    assert slug_blockers({}, {"blog/_index": "blog", "blog/a": "blog"}) == {}  # /blog/blog/
    # a top-level folder with posts is a section without an _index.md too (not a bundle's)
    assert slug_blockers({"blog/a": "x"}, {"news": "blog"}) == {"news": ["blog/_index"]}
    assert slug_blockers({}, {"2024/x/index": "x", "news": "2024"}) == {"news": ["2024/_index"]}
    assert slug_blockers({}, {"b/index": "b", "news": "c"}) == {}


# ---------------------------------------------------------------------------------------
# Anchors, code spans, link destinations, plain text


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Een _mooie_ dag", "een-_mooie_-dag"),  # goldmark keeps the markup as written
        ("Met [link](/x/)", "met-linkx"),
        ("  Wat is Öl? 2.0 ", "wat-is-öl-20"),
        ("Kop", "kop"),
    ],
)
def test_heading_anchor_is_the_id_hugo_gives_the_heading(heading: str, anchor: str) -> None:
    assert heading_anchor(heading) == anchor


@pytest.mark.parametrize(
    ("text", "ranges"),
    [
        ("a `b` c", [(2, 5)]),
        ("``d`e``", [(0, 7)]),  # a run is closed by a run of its length
        ("``a`", []),  # no closer: literal backticks
        ("\\`f` `g", [(3, 6)]),  # an escaped backtick is literal
        ("\\\\`x`", [(2, 5)]),  # an escaped backslash escapes nothing
        ("geen code", []),
    ],
)
def test_code_span_ranges_pair_backtick_runs_as_commonmark_does(
    text: str, ranges: list[tuple[int, int]]
) -> None:
    assert code_span_ranges(text) == ranges


def test_rewrite_destinations_rewrites_links_and_images_outside_code_spans() -> None:
    def to_german(url: str) -> str:
        return "/de" + url if url == "/x/" else url

    text = '[a](/x/) `[b](/x/)` ![c](</x/> "t") [d](/y/) [e]( /x/ )'
    assert rewrite_destinations(text, to_german) == (
        '[a](/de/x/) `[b](/x/)` ![c](</de/x/> "t") [d](/y/) [e]( /de/x/ )'
    )
    assert rewrite_destinations("geen link (/x/)", to_german) == "geen link (/x/)"




def test_the_translation_key_of_a_section_is_its_folder_as_hugo_pairs_them() -> None:
    # tests/test_site_links.py::test_hugo_pairs_a_section_page_by_the_translation_key_of_its_folder
    # shows Hugo 0.111 pairing blog/_index.md by "blog" and not by "blog/_index"
    from pipeline.links import translation_key

    assert translation_key("blog/x") == "blog/x"
    assert translation_key("blog/x/index") == "blog/x/index"
    assert translation_key("blog/_index") == "blog"
    assert translation_key("a/b/_index") == "a/b"
    assert translation_key("_index") == ""  # the home page: Hugo's own key, as with none


def test_heading_anchor_keeps_and_drops_every_character_as_hugo_s_rule_says() -> None:
    """heading_anchor, by regular expressions, against the rule written out character by
    character (a letter or digit of any script, _ and - kept; a blank made a -; anything else
    dropped) on every code point, with blanks around to strip."""

    def by_character(markdown: str) -> str:
        out = []
        for ch in markdown.strip().lower():
            if ch.isalnum() or ch in "_-":
                out.append(ch)
            elif ch.isspace():
                out.append("-")
        return "".join(out)

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for text in (every, f" \t{every}\u3000 ", every.upper(), "Ünïcode Überschrift ΣΑΣ ß İ \u00a0x\u2028y"):
        assert heading_anchor(text) == by_character(text)
