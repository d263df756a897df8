"""The small check functions of pipeline.checkers, each with an example that fails and one that passes."""

from __future__ import annotations

import inspect
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_support import examples

from pipeline.dates import read_date
from pipeline.checkers import (
    TRANSLATION_CHECKS,
    Problem,
    Schema,
    check_body,
    check_characters,
    check_front_matter,
    check_slug,
    check_translation,
)
from pipeline.post import load_post

# --------------------------------------------------------------------------------------
# Translations: (code, severity, msgid, msgstr that fails, msgstr that passes)

TRANSLATION_CASES = [
    ("link-target", "error",
     "Lees [de handleiding](/handleiding/) eerst.",
     "Lesen Sie zuerst [das Handbuch](/handbuch/).",
     "Lesen Sie zuerst [das Handbuch](/handleiding/)."),
    ("link-target", "error",
     "Zie ![het schema](/img/schema.png).",
     "Siehe das Schema.",
     "Siehe ![das Schema](/img/schema.png)."),
    ("code-span", "error",
     "Typ `git log --oneline` in de terminal.",
     "Geben Sie `git log` im Terminal ein.",
     "Geben Sie `git log --oneline` im Terminal ein."),
    ("shortcode", "error",
     'Zie {{< ref "over-ons" >}} voor meer.',
     'Siehe {{< ref "ueber-uns" >}} für mehr.',
     'Siehe {{< ref "over-ons" >}} für mehr.'),
    ("shortcode", "error",
     "Hallo {{ page.title }} en {% include kop.html %}.",
     "Hallo {{ page.titel }} und {% include kop.html %}.",
     "Hallo {{ page.title }} und {% include kop.html %}."),
    ("footnote", "error",
     "Dit is bewezen[^bron].",
     "Das ist bewiesen.",
     "Das ist bewiesen[^bron]."),
    ("emphasis", "error",
     "Dit is _heel belangrijk_ voor iedereen.",
     "Das ist _sehr wichtig für alle.",
     "Das ist _sehr wichtig_ für alle."),
    ("emphasis", "error",
     "Dit is **vet** en ~~fout~~.",
     "Das ist *fett* und ~~falsch~~.",
     "Das ist **fett** und ~~falsch~~."),
    ("html-added", "error",
     "Klik op de knop.",
     "Klicken Sie auf die Schaltfläche.<script>alert(1)</script>",
     "Klicken Sie auf die Schaltfläche."),
    ("html-added", "error",
     "Dit is <b>vet</b>.",
     "Das ist <i>fett</i>.",
     "Das ist <b>fett</b>."),
    ("html-dropped", "error",
     'Een <img src="kat.png" alt="Een kat"> slaapt.',
     "Eine Katze schläft.",
     'Eine <img src="kat.png" alt="Een kat"> schläft.'),
    ("html-dropped", "error",
     '<abbr title="Hypertext">HTML</abbr> en <img alt="Een kat" title="Poes">.',
     '<abbr title="Hypertext">HTML</abbr> und <img alt="Een kat">.',
     '<abbr title="Hypertext">HTML</abbr> und <IMG title="Poes" alt="Een kat">.'),
    ("attributes-added", "error",
     "Wat is e-learning?",
     "Was ist E-Learning? {#evil .klasse}",
     "Was ist E-Learning?"),
    ("html-block", "error",
     "Zie de opmerking.",
     "<!-- Siehe die Anmerkung.",
     "&lt;!-- Siehe die Anmerkung."),
    ("javascript-url", "error",
     "Meer op de website.",
     "Mehr auf der [Website](JavaScript:alert(document.cookie)).",
     "Mehr auf der Website."),
    ("control-char", "error",
     "De workshop duurde de hele middag.",
     "Der Workshop dauerte den \u202eganzen Nachmittag.",
     "Der Workshop dauerte den ganzen Nachmittag."),
    ("control-char", "error",
     "Een bel.",
     "Eine Glocke.\a",
     "Eine Glocke."),
    ("invisible-char", "error",
     "Het weer",
     "Das\u200bWetter",
     "Das Wetter"),
    ("mixed-script", "error",
     "Het weer",
     "D\u0430s Wetter",
     "Das Wetter"),
    ("whitespace", "error",
     "Iedereen was op tijd.",
     "  Alle waren pünktlich.",
     "Alle waren pünktlich."),
    ("whitespace", "error",
     "Iedereen was op tijd.",
     "Alle waren pünktlich. ",
     "Alle waren pünktlich."),
    ("hard-break", "error",
     "Kerkstraat 1  \nAmsterdam",
     "Kirchstraße 1 Amsterdam",
     "Kirchstraße 1  \nAmsterdam"),
    ("hard-break", "error",
     "Eerste regel\\\ntweede regel",
     "Erste Zeile\nzweite Zeile",
     "Erste Zeile\\\nzweite Zeile"),
    ("numbers", "warning",
     "Er waren 12 deelnemers uit 3 landen.",
     "Es gab 14 Teilnehmende aus 3 Ländern.",
     "Es gab 12 Teilnehmende aus 3 Ländern."),
    ("punctuation", "warning",
     "Het werkt.",
     "Es funktioniert!",
     "Es funktioniert."),
    ("quotes", "warning",
     "Het thema was “leren en werken\" dit jaar.",
     "Das Thema war “Lernen und Arbeiten\" in diesem Jahr.",
     "Das Thema war „Lernen und Arbeiten“ in diesem Jahr."),
    ("quotes", "warning",
     'Hij zei "goedemorgen" tegen iedereen.',
     'Er sagte "Guten Morgen" zu allen.',
     "Er sagte „Guten Morgen“ zu allen."),
    ("untranslated", "warning",
     "Dit is een zin die niet vertaald is.",
     "Dit is een zin die niet vertaald is.",
     "Das ist ein Satz, der übersetzt ist."),
]


@pytest.mark.parametrize("code, severity, msgid, bad, good", TRANSLATION_CASES)
def test_translation_check_fails(code: str, severity: str, msgid: str, bad: str, good: str) -> None:
    problems = check_translation(msgid, bad, "de")
    assert (severity, code) in [(s, c) for s, c, _ in problems], problems


@pytest.mark.parametrize("code, severity, msgid, bad, good", TRANSLATION_CASES)
def test_translation_check_passes(code: str, severity: str, msgid: str, bad: str, good: str) -> None:
    assert check_translation(msgid, good, "de") == []


def test_every_translation_check_has_a_failing_example() -> None:
    source = "".join(inspect.getsource(check) for check in TRANSLATION_CHECKS) + inspect.getsource(check_characters)
    codes = set(re.findall(r'(?:error|warning)(?:\(|",)\s*"([a-z-]+)"', source))
    assert codes == {case[0] for case in TRANSLATION_CASES}


def test_check_translation_runs_the_list_of_checks_in_order(monkeypatch) -> None:
    """check_translation is the checks of TRANSLATION_CHECKS run in order on the texts analysed
    once: a check added to the list is run, its problems after those of the checks before it."""
    from pipeline import checkers

    seen = []

    def check_shouting(source, target, context):
        seen.append((source.text, target.text, context.language))
        return [("warning", "shouting", "all capitals")] if target.text.isupper() else []

    monkeypatch.setattr(checkers, "TRANSLATION_CHECKS", (*checkers.TRANSLATION_CHECKS, check_shouting))
    assert [code for _, code, _ in check_translation("Een zin.", "EIN SATZ", "de")] == [
        "punctuation", "shouting",
    ]
    assert seen == [("Een zin.", "EIN SATZ", "de")]


def test_link_target_may_be_the_mapped_german_target() -> None:
    msgid = "Zie [het paspoort](/kwaliteitspaspoort/)."
    mapping = {"/kwaliteitspaspoort/": "/de/qualitaetspass/"}

    def map_url(url: str) -> str:
        return mapping.get(url, url)

    assert check_translation(msgid, "Siehe [den Pass](/de/qualitaetspass/).", "de", map_url) == []
    assert check_translation(msgid, "Siehe [den Pass](/kwaliteitspaspoort/).", "de", map_url) == []
    problems = check_translation(msgid, "Siehe [den Pass](/de/pass/).", "de", map_url)
    assert [c for _, c, _ in problems] == ["link-target"]
    assert "new /de/pass/" in problems[0][2]


def test_what_the_source_has_is_allowed() -> None:
    # HTML, control characters, whitespace and javascript: that the msgid has are kept, not added
    assert check_translation("Een <b>vet</b> woord", "Ein <b>fettes</b> Wort", "de") == []
    assert check_translation("Regel\u200fteken", "Zeilen\u200fzeichen", "de") == []
    assert check_translation("  ingesprongen", "  eingerückt", "de") == []
    assert check_translation("[x](javascript:void(0))", "[x](javascript:void(0))", "de") == []


def test_quotes_in_code_and_urls_are_not_prose() -> None:
    msgid = 'Schrijf `echo "hallo"` en volg [de link](/a/ "titel").'
    msgstr = 'Schreiben Sie `echo "hallo"` und folgen Sie [dem Link](/a/ "titel").'
    assert check_translation(msgid, msgstr, "de") == []


def test_quotes_are_only_checked_in_german() -> None:
    assert check_translation('Hij zei "ja".', 'He said "yes".', "en") == []


def test_short_identical_msgstr_is_a_name_not_untranslated() -> None:
    assert check_translation("Defacto", "Defacto", "de") == []
    assert check_translation("E-learning", "E-learning", "de") == []


# --------------------------------------------------------------------------------------
# Front matter

SCHEMA = Schema()


def problems_of(text: str, language: str = "nl") -> list[tuple[int | None, str, str]]:
    post = load_post(f"content/{language}/x.md", text.encode("utf-8"))
    zone = {"nl": "Europe/Amsterdam", "de": "Europe/Berlin"}[language]
    return [(p.line, p.severity, p.code) for p in check_front_matter(post, language, zone, SCHEMA)]


GOOD = "title: Titel\ndate: 2020-05-01T10:00:00+02:00\nlang: nl\ntags: [a, b]\ndraft: false\n"


def post_text(front_matter: str) -> str:
    return f"---\n{front_matter}---\n\nTekst.\n"


def test_good_front_matter_has_no_problems() -> None:
    assert problems_of(post_text(GOOD)) == []
    assert problems_of(post_text("title: Titel\ndate: 2020-05-01\nlang: nl\n")) == []
    assert problems_of(post_text('title: Titel\ndate: "2020-05-01T10:00:00Z"\nlang: nl\n')) == []


@pytest.mark.parametrize(
    "front_matter, expected",
    [
        ("date: 2020-05-01\nlang: nl\n", [(1, "error", "title-missing")]),
        ("title:\ndate: 2020-05-01\nlang: nl\n", [(2, "error", "title-missing")]),
        ("title: ''\ndate: 2020-05-01\nlang: nl\n", [(2, "error", "title-missing")]),
        ("title: '   '\ndate: 2020-05-01\nlang: nl\n", [(2, "error", "title-missing")]),
        ("title: 12\ndate: 2020-05-01\nlang: nl\n", [(2, "error", "title-type")]),
        ("title: Titel\nlang: nl\n", [(1, "error", "date-missing")]),
        ("title: Titel\ndate: gisteren\nlang: nl\n", [(3, "error", "date-unreadable")]),
        ("title: Titel\ndate: '2017-02-30'\nlang: nl\n", [(3, "error", "date-invalid")]),
        ("title: Titel\ndate: 2017-02-22 25:00 CET\nlang: nl\n", [(3, "error", "date-invalid")]),
        ("title: Titel\ndate: 2017-02-22 08:00 CEST\nlang: nl\n", [(3, "warning", "date-zone")]),
        ("title: Titel\ndate: 2017-02-22 08:00 CET\nlang: nl\n", [(3, "warning", "date-form")]),
        ("title: Titel\ndate: 2020-05-01\nlastmod: morgen\nlang: nl\n", [(4, "error", "lastmod-unreadable")]),
        ("title: Titel\ndate: 2020-05-01\n", []),  # Hugo takes the language from the folder
        ("title: Titel\ndate: 2020-05-01\nlang: de\n", [(4, "error", "lang-mismatch")]),
        ("title: Titel\ndate: 2020-05-01\nlang: nl\ntags: a, b\n", [(5, "warning", "tags-string")]),
        ("title: Titel\ndate: 2020-05-01\nlang: nl\ncategories: {a: b}\n", [(5, "error", "categories-type")]),
        ("title: Titel\ndate: 2020-05-01\nlang: nl\ntags: [a, [b]]\n", [(5, "error", "tags-type")]),
        ("title: Titel\ndate: 2020-05-01\nlang: nl\ndraft: 'yes'\n", [(5, "error", "draft-type")]),
        ("title: Titel\ndate: 2020-05-01\nlang: nl\ntitle: Nog een\n", [(5, "error", "front-matter-duplicate")]),
    ],
)
def test_front_matter_problems(front_matter: str, expected: list) -> None:
    assert problems_of(post_text(front_matter)) == expected


def test_no_front_matter() -> None:
    codes = {code for _, _, code in problems_of("Alleen tekst.\n")}
    assert {"front-matter-missing", "title-missing", "date-missing"} <= codes


def test_fixable_problems_are_marked_fixable() -> None:
    post = load_post("x.md", post_text("title: T\ndate: 2017-02-22 08:00 CEST\nlang: nl\ntags: a, b\n").encode())
    problems = check_front_matter(post, "nl", "Europe/Amsterdam", SCHEMA)
    assert [(p.code, p.fixable) for p in problems] == [("tags-string", True), ("date-zone", True)]
    post = load_post("x.md", post_text("title: [T]\ndate: 2020-05-01\nlang: nl\n").encode())
    assert [(p.code, p.fixable) for p in check_front_matter(post, "nl", "Europe/Amsterdam", SCHEMA)] == [
        ("title-type", False)
    ]


def test_schema_overrides_what_is_required() -> None:
    post = load_post("x.md", post_text("title: T\ndate: 2020-05-01\nlang: nl\n").encode())
    schema = Schema(required=("title", "date", "author"))
    problems = check_front_matter(post, "nl", "Europe/Amsterdam", schema)
    assert [(p.line, p.code) for p in problems] == [(1, "author-missing")]


def test_problem_text_is_file_line_severity_message_code() -> None:
    assert str(Problem("content/nl/x.md", 3, "error", "date-invalid", "bad")) == (
        "content/nl/x.md:3: error: bad [date-invalid]"
    )
    assert str(Problem("locale/x.po", None, "warning", "w", "m")) == "locale/x.po: warning: m [w]"


# --------------------------------------------------------------------------------------
# Dates written as YYYY-MM-DD HH:MM ZONE


def test_a_time_that_did_not_exist_says_so() -> None:
    reading = read_date("2017-03-26 02:30 CET", "Europe/Amsterdam")
    assert reading.moment is None and "did not exist" in (reading.problem or "")
    assert problems_of(post_text("title: T\ndate: 2017-03-26 02:30 CEST\nlang: nl\n")) == [
        (3, "error", "date-invalid")
    ]


# --------------------------------------------------------------------------------------
# Slugs and bodies


@pytest.mark.parametrize("slug", ["workshop", "e-learning-2017", "a1-b2-c3"])
def test_good_slugs(slug: str) -> None:
    assert check_slug("x.md", 1, slug, "nl") == []


@pytest.mark.parametrize(
    "slug, code, suggestion",
    [
        ("../../layouts/index", "slug-path", None),
        ("a/b", "slug-path", None),
        ("a\\b", "slug-path", None),
        ("a..b", "slug-path", None),
        ("Grüne-Wiese", "slug-form", "gruene-wiese"),
        ("Hello World", "slug-form", "hello-world"),
        ("trailing-", "slug-form", "trailing"),
        ("double--hyphen", "slug-form", "double-hyphen"),
        ("", "slug-form", "a-slug"),
    ],
)
def test_bad_slugs(slug: str, code: str, suggestion: str | None) -> None:
    [problem] = check_slug("x.md", 4, slug, "de")
    assert (problem.line, problem.severity, problem.code) == (4, "error", code)
    if suggestion:
        assert f"write {suggestion!r}" in problem.message


def test_body_empty_after_front_matter() -> None:
    post = load_post("x.md", b"---\ntitle: T\n---\n\n  \n")
    assert [(p.line, p.severity, p.code) for p in check_body(post)] == [(3, "warning", "body-empty")]
    assert check_body(load_post("x.md", b"---\ntitle: T\n---\nTekst.\n")) == []
    assert check_body(load_post("x.md", b"")) == []  # no front matter: the front matter check says it


# What inline markup (or markdown-it's normalising of the input) can start with
_INLINE_MARKUP_RE = re.compile(r"[\\`*_\[\]<>&!~\n\r\0]")
_PLAIN_PIECES = st.sampled_from(
    [*string.printable, "é", "ß", "„", "“", "\u00a0", "\u2028", "http://x.y", "www.x.nl", ": ", "#"]
)


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(_PLAIN_PIECES, max_size=30).map("".join))
def test_plain_text_is_analysed_without_parsing_as_the_parser_would(text: str) -> None:
    """A unit with no character that can start inline markup is not parsed: what the check
    compares of it must be exactly what markdown-it-py's reading gives."""
    from pipeline.checkers import _analyse, _analyse_parsed
    if _INLINE_MARKUP_RE.search(text) is None:
        assert _analyse(text) == _analyse_parsed(text)


_PIECES = st.sampled_from([
    "a", " ", "Java", "Script", "java", "script", ":", "javascript:", "JavaScript :", "[x](", ")",
    "<b>", "`c`", "{{< x >}}", "[^1]", "\u202e", "\u200b", "\n", "\n<div>", "1.5", '"', "аb",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=20).map("".join))
def test_a_translation_equal_to_its_msgid_has_no_error(text: str) -> None:
    """Merge publishes a msgstr equal to its msgid as the source has it: no check may call it an
    error (the javascript: check did for ``JavaScript :`` in the source, which it read with
    spaces removed in the msgstr but not in the msgid)."""
    assert [code for severity, code, _ in check_translation(text, text, "de") if severity == "error"] == []


def test_a_javascript_url_more_than_the_source_has_is_an_error() -> None:
    assert check_translation("Zie JavaScript : de taal.", "Siehe JavaScript : die Sprache.", "de") == []
    codes = [code for _, code, _ in check_translation(
        "Zie [x](javascript:a).", "Siehe [x](javascript:a) und [y](javascript:b).", "de")]
    assert codes == ["link-target", "javascript-url"]
    codes = [code for _, code, _ in check_translation("Zie JavaScript : hier.", "Siehe [x](javascript:b) hier.", "de")]
    assert "javascript-url" in codes


def test_a_shortcode_over_two_lines_is_not_prose_for_the_quotes_check() -> None:
    """One shortcode pattern for every check: the quotation mark check had its own, which
    took no shortcode over two lines, and read its quoted parameter as Dutch quotes."""
    msgid = 'Een citaat {{% quote\n"Albert Einstein" %}} hier.'
    msgstr = 'Ein Zitat {{% quote\n"Albert Einstein" %}} hier.'
    assert check_translation(msgid, msgstr, "de") == []


def test_a_check_added_to_the_list_is_run_by_merge_s_errors_only_too(monkeypatch) -> None:
    """errors_only (merge) leaves out the checks known to only warn, not a check added since."""
    from pipeline import checkers

    def check_shouting(source, target, context):
        return [("error", "shouting", "all capitals")] if target.text.isupper() else []

    monkeypatch.setattr(checkers, "TRANSLATION_CHECKS", (*checkers.TRANSLATION_CHECKS, check_shouting))
    assert [code for _, code, _ in check_translation("Een zin.", "EIN SATZ", "de", errors_only=True)] == ["shouting"]
