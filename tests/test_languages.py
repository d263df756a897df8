"""Issue 16: any number of target languages, each with its own rules from one place
(:mod:`pipeline.languages`): plural forms (Babel), quotation marks (CLDR), how its slugs are
written in ASCII; a language Babel does not know is a usage error."""

from __future__ import annotations

import re

from pathlib import Path

import pytest
from click.testing import CliRunner
from merge_support import fill_catalog
from support import make_root

from pipeline import api
from pipeline.checkers import check_translation
from pipeline.cli import main
from pipeline.languages import UnknownLanguage, locale_of, plural_forms, quotation_marks
from pipeline.links import german_slug, slugify
from pipeline.pseudo import pseudo_text

POST = "---\ntitle: Smørrebrød en straße\ndate: 2020-01-01\n---\n\nHij zei hallo tegen iedereen.\n"


def test_plural_forms_and_names_come_from_babel() -> None:
    assert plural_forms("de") == "nplurals=2; plural=(n != 1);"
    assert plural_forms("pl").startswith("nplurals=3;")
    assert plural_forms("ja") == "nplurals=1; plural=0;"
    assert locale_of("pt_BR").english_name == "Portuguese (Brazil)"


@pytest.mark.parametrize(("code", "hint"), [("xx", "such as 'de'"), ("de-AT", "write it 'de_AT'"),
                                            ("de/../nl", "such as 'de'"), ("", "such as 'de'")])
def test_a_language_babel_does_not_know_is_refused_with_what_to_write(code: str, hint: str) -> None:
    with pytest.raises(UnknownLanguage, match=hint):
        locale_of(code)


@pytest.mark.parametrize(("code", "hint"), [
    ("EN", "write it 'en'"), ("en_gb", "write it 'en_GB'"), ("zh_hant", "write it 'zh_Hant'"),
    ("en.UTF-8", "write it 'en'"), ("en@latin", "write it 'en'"), ("iw", "write it 'he_IL'"),
    ("und", "names no language"), ("root", "names no language")])
def test_a_code_babel_writes_otherwise_is_refused_with_how_it_writes_it(code: str, hint: str) -> None:
    """The code names the catalogs' folder, their Language header and the Hugo language: a
    second spelling of one language (``EN`` beside ``en``) or an alias is refused."""
    with pytest.raises(UnknownLanguage, match=re.escape(hint)):
        locale_of(code)


@pytest.mark.parametrize("code", ["en", "en_GB", "pt_BR", "zh_Hant", "sr_Latn", "nb", "no", "es_419", "de_CH"])
def test_a_code_as_babel_writes_it_is_taken(code: str) -> None:
    assert locale_of(code).english_name


def test_an_unknown_target_language_is_one_line_naming_the_setting_s_line(tmp_path: Path) -> None:
    root = make_root(tmp_path / "root", {"post.md": POST})
    (root / "pyproject.toml").write_text('[tool.pipeline]\n\ntarget-languages = ["de", "en-GB"]\n',
                                         encoding="utf-8")
    result = CliRunner().invoke(main, ["-C", str(root), "check"])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        "Error: pyproject.toml:3: [tool.pipeline] target-languages 'en-GB' is not a language code "
        "Babel knows (write it 'en_GB')"], result.stderr
    assert not (root / "locale").exists()


@pytest.mark.parametrize(("language", "marks"), [
    ("de", "„“"), ("de_AT", "„“"), ("de_CH", "«»"), ("en", "“”"), ("en_GB", "“”"), ("fr", "«»"),
    ("pl", "„”"), ("sv", "””"), ("pt_BR", "“”"), ("pt_PT", "«»"), ("nl", "‘’"),
])
def test_each_language_s_quotation_marks_are_cldr_s(language: str, marks: str) -> None:
    found = quotation_marks(language)
    assert found is not None and found.start + found.end == marks


def test_a_language_without_known_marks_has_its_quotes_unchecked() -> None:
    assert quotation_marks("ja") is None
    assert check_translation('Hij zei "hallo".', '彼は"こんにちは"と言った.', "ja") == []


@pytest.mark.parametrize(("language", "message"), [
    ("de", "Dutch or English quotation marks in German text: use „…“"),
    ("fr", "Dutch or English quotation marks in French text: use « … »"),
    ("en", "other languages' quotation marks in English text: use “…”"),
])
def test_the_quote_check_names_the_language_s_own_marks(language: str, message: str) -> None:
    wrong = {"de": 'Er sagte "hallo".', "fr": "Il a dit “bonjour”.", "en": "He said „hello“."}[language]
    assert check_translation('Hij zei "hallo".', wrong, language) == [("warning", "quotes", message)]


@pytest.mark.parametrize(("language", "right"), [
    ("de", "Er sagte „hallo“."), ("fr", "Il a dit « bonjour »."), ("en", 'He said "hello".'),
    ("en", "He said “hello”."), ("sv", "Han sa ”hej”."), ("pl", "Powiedział „cześć”."),
])
def test_a_language_s_own_marks_pass(language: str, right: str) -> None:
    """English straight quotes pass: Hugo's typographer makes them “…”, English's own."""
    assert check_translation('Hij zei "hallo".', right, language) == []


@pytest.mark.parametrize(("language", "text"), [
    ("de", "Siehe https://example.com/a“b jetzt."), ("en", "See https://example.com/?q=„b now."),
    ("de", "Siehe www.example.com/a”b jetzt."), ("fr", "Voir `a “b”` et l’homme, l'homme."),
    ("en", "Don't see [it](https://example.com/„a“ \"t\")."), ("de_CH", "Er sagte «nein», geht's?"),
])
def test_quotation_marks_in_urls_code_and_apostrophes_are_not_foreign(language: str, text: str) -> None:
    """A bare URL is a link (Goldmark's linkify), not prose: a quotation mark in it is the
    URL's, as in a link's destination, a code span or an apostrophe."""
    assert [p for p in check_translation("Zie dit.", text, language) if p[1] == "quotes"] == []


@pytest.mark.parametrize(("language", "text"), [
    ("de", "Er sagte “nein”, siehe https://example.com."), ("de_CH", "Er sagte „nein“."),
    ("pl", 'Powiedział "nie".'),
])
def test_foreign_marks_beside_a_url_are_still_found(language: str, text: str) -> None:
    assert [p[1] for p in check_translation("Zie dit.", text, language)] == ["quotes"]


@pytest.mark.parametrize(("language", "slug"), [
    ("de", "smoerrebroed-und-strasse"),  # German keeps its table: ø is dropped, as it always was
    ("da", "smoerrebroed-og-strasse"),
    ("nb", "smoerrebroed-og-strasse"),
    ("sv", "smorrebrod-och-strasse"),
    ("en", "smorrebrod-and-strasse"),
    ("fr", "smorrebrod-et-strasse"),
])
def test_slugs_are_written_as_each_language_writes_them(language: str, slug: str) -> None:
    title = {"de": "Smørrebrød und Straße", "da": "Smørrebrød og straße", "nb": "Smørrebrød og straße",
             "sv": "Smörrebröd och straße", "en": "Smørrebrød and Straße", "fr": "Smørrebrød et straße"}
    expected = {"de": "smrrebrd-und-strasse"}.get(language, slug)
    assert german_slug(None, title[language], "x", language) == expected


@pytest.mark.parametrize(("text", "language", "slug"), [
    ("Åland", "da", "aaland"), ("Åland", "sv", "aland"), ("Äpfel", "de", "aepfel"), ("Äpfel", "de_AT", "aepfel"),
    ("Äpfel", "fi", "apfel"), ("Łódź", "pl", "lodz"), ("Œuvre", "fr", "oeuvre"), ("Þór", "is", "thor"),
    ("Ærø", "no", "aeroe"), ("Ærø", "fr", "aero"),
])
def test_letters_unicode_does_not_decompose_are_written_out(text: str, language: str, slug: str) -> None:
    assert slugify(text, language) == slug


def test_the_pseudo_locale_quotes_as_its_base_language(tmp_path: Path) -> None:
    assert pseudo_text('Zeg "ja"', "de").startswith("Zég „jä“")
    assert pseudo_text('Zeg "ja"', "fr").startswith("Zég «jä»")
    assert pseudo_text("Zeg “ja”", "en").startswith("Zég “jä”")
    assert pseudo_text('Zeg "ja"', "ja").startswith('Zég "jä"')


def _site(tmp_path: Path, languages: str) -> Path:
    root = make_root(tmp_path / "root", {"post.md": POST})
    (root / "pyproject.toml").write_text(f"[tool.pipeline]\ntarget-languages = {languages}\n", encoding="utf-8")
    return root


def test_three_languages_each_merged_with_its_own_slug_and_checked_with_its_own_marks(tmp_path: Path) -> None:
    root = _site(tmp_path, '["de", "da", "fr"]')
    assert CliRunner().invoke(main, ["-C", str(root), "extract"]).exit_code == 0
    texts = {
        "de": {"Smørrebrød en straße": "Smørrebrød und Straße", "Hij zei hallo tegen iedereen.": 'Er sagte "hallo" zu allen.'},
        "da": {"Smørrebrød en straße": "Smørrebrød og Straße", "Hij zei hallo tegen iedereen.": "Han sagde “hej” til alle."},
        "fr": {"Smørrebrød en straße": "Smørrebrød et Straße", "Hij zei hallo tegen iedereen.": 'Il a dit "bonjour" à tous.'},
    }
    for language, table in texts.items():
        fill_catalog(root / "locale" / language / "LC_MESSAGES" / "post.po", lambda ctx, msgid: table.get(msgid))
    merged = CliRunner().invoke(main, ["-C", str(root), "merge"])
    assert merged.exit_code == 0, merged.output
    slugs = {language: (root / "content" / language / "post.md").read_text(encoding="utf-8")
             .split("slug: ", 1)[1].split("\n", 1)[0] for language in texts}
    assert slugs == {"de": "smrrebrd-und-strasse", "da": "smoerrebroed-og-strasse", "fr": "smorrebrod-et-strasse"}
    report = api.check(root)
    quotes = sorted((p.file, p.message) for p in report.problems if p.code == "quotes")
    assert quotes == [
        ("locale/de/LC_MESSAGES/post.po", "Dutch or English quotation marks in German text: use „…“ (content/nl/post.md:6)"),
        ("locale/fr/LC_MESSAGES/post.po", "Dutch or English quotation marks in French text: use « … » (content/nl/post.md:6)"),
    ]


def test_translate_in_another_language_than_german_uses_its_rules() -> None:
    text = "---\ntitle: Over ons\n---\n\nTekst.\n"
    template = api.template_of(text)
    catalog = template.replace('msgid "Over ons"\nmsgstr ""', 'msgid "Over ons"\nmsgstr "Om os på Ærø"')
    assert "Om os på Ærø" in catalog
    written = api.translate(text, catalog, language="da")
    assert "slug: om-os-paa-aeroe\n" in written, written


LINKED = "---\ntitle: Over ons\ndate: 2020-01-01\n---\n\nZie [het paspoort](/kwaliteitspaspoort/) hier.\n"


def _linked_site(tmp_path: Path, links: str) -> Path:
    root = make_root(tmp_path / "root", {"post.md": LINKED})
    (root / "pyproject.toml").write_text(
        f'[tool.pipeline]\ntarget-languages = ["de", "en", "fr"]\n\n[tool.pipeline.links]\n{links}\n', encoding="utf-8")
    return root


def test_a_links_target_per_language(tmp_path: Path) -> None:
    root = _linked_site(tmp_path, '"/kwaliteitspaspoort/" = { de = "/de/qualitaetspass/", en = "/en/quality-passport/" }')
    assert CliRunner().invoke(main, ["-C", str(root), "extract"]).exit_code == 0
    titles = {"de": "Über uns", "en": "About us", "fr": "À propos"}
    for language in ("de", "en", "fr"):
        fill_catalog(root / "locale" / language / "LC_MESSAGES" / "post.po",
                     lambda ctx, msgid, language=language: titles[language] if msgid == "Over ons" else msgid)
    result = CliRunner().invoke(main, ["-C", str(root), "merge"])
    assert result.exit_code == 0, result.output
    body = {language: (root / "content" / language / "post.md").read_text(encoding="utf-8").rsplit("\n\n", 1)[1]
            for language in titles}
    assert body == {"de": "Zie [het paspoort](/de/qualitaetspass/) hier.\n",
                    "en": "Zie [het paspoort](/en/quality-passport/) hier.\n",
                    "fr": "Zie [het paspoort](/kwaliteitspaspoort/) hier.\n"}
    # French has no page for it: the Dutch link stays, said
    assert "link to /kwaliteitspaspoort/ stays as it is: no fr page for it" in result.output, result.output
    # one URL for every language, as before
    root = _linked_site(tmp_path / "plain", '"/kwaliteitspaspoort/" = "/qualitaetspass/"')
    from pipeline.config import load_config
    assert load_config(root).links_for("en") == {"/kwaliteitspaspoort/": "/qualitaetspass/"}


@pytest.mark.parametrize(("links", "said"), [
    ('"/x/" = { es = "/es/x/" }', "names 'es'"),
    ('"/x/" = { en = 3 }', "'/x/' en must be a string"),
    ('"/x/" = { en = "/en/a b/" }', "a link must be a URL without spaces"),
    ('"/x/" = 3', "must map to a string (a URL) or a table of them by target language"),
    # an empty table mapped the link for no language: merge kept the Dutch link and told to map it
    ('"/x/" = {}', "'/x/' = {} names no language: give each target language its URL ({ de = \"/de/...\" })"),
])
def test_a_wrong_links_table_is_one_line_naming_its_line(tmp_path: Path, links: str, said: str) -> None:
    root = _linked_site(tmp_path, links)
    result = CliRunner().invoke(main, ["-C", str(root), "check"])
    assert result.exit_code == 2, result.output
    assert len(result.stderr.splitlines()) == 1 and "pyproject.toml:5:" in result.stderr and said in result.stderr, result.stderr
