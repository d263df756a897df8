"""The site's terms (tags, categories) translated once, in ``_terms.po``, and every post's
catalog given that translation (:mod:`pipeline.terms`); one Dutch term translated two ways
said (``term-inconsistent``); the glossary (the terms catalog, a CSV or TBX file) checked
(``glossary``). Through the command line, on fixture sites; Hugo 0.111 builds the German term
pages; GNU msgfmt and msgcat read the terms catalog as it is written."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from merge_support import fill_catalog
from support import LANGUAGES_TOML, make_root, msgcat, msgfmt_check, needs_gettext, po_path, pot_path, run_cli, snapshot

from terms_site import (
    TERMS, TERMS_PO, catalogs_parsed_by_terms, check_problems, tagged_post, terms_site, translate_posts,
    translate_terms, translated_terms_site,
)

from pipeline.config import names_language
from pipeline.po import parse_catalog

needs_hugo = pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")


def _messages(path: Path) -> dict[tuple[str | None, str], str]:
    catalog = parse_catalog(str(path), path.read_bytes())
    return {m.key: m.msgstr for m in catalog.messages if not m.obsolete}


def test_a_tag_shared_by_several_posts_is_translated_once_and_every_post_uses_it(tmp_path: Path) -> None:
    root = terms_site(tmp_path)
    done = run_cli(root, "extract")
    assert done.returncode == 0, done.stderr
    assert "created locale/templates/_terms.pot" in done.stdout
    template = parse_catalog("_terms.pot", pot_path(root, "_terms").read_bytes())
    assert [(m.msgctxt, m.msgid) for m in template.messages] == [
        ("tags", "fiets"), ("tags", "onderhoud"), ("categories", "Uitleg")]
    assert [loc for loc, _ in template.messages[0].locations] == [
        "content/nl/a.md", "content/nl/b.md", "content/nl/c.md"]
    translate_posts(root, {})  # the posts' text, not their terms
    translate_terms(root, TERMS)
    done = run_cli(root, "extract")
    assert done.returncode == 0, done.stderr
    for post in ("a", "b", "c"):
        assert _messages(po_path(root, post))[("tags", "fiets")] == "Fahrrad"
    # the terms catalog says what the posts were given; the posts' catalogs hold no note of it
    assert "# given to the posts: Fahrrad\n" in (root / TERMS_PO).read_text(encoding="utf-8")
    assert "given to the posts" not in po_path(root, "a").read_text(encoding="utf-8")
    merged = run_cli(root, "merge")
    assert merged.returncode == 0, merged.stderr
    for post in ("a", "b", "c"):
        german = (root / "content" / "de" / f"{post}.md").read_text(encoding="utf-8")
        assert "Fahrrad" in german and "Erklärung" in german, german
    before = snapshot(root)
    again = run_cli(root, "extract")
    assert again.stdout.splitlines()[-1].endswith("0 files written"), again.stdout
    assert snapshot(root) == before
    assert [p for p in check_problems(root) if p["severity"] == "error"] == []


def test_a_new_post_with_a_known_tag_gets_its_translation_for_free(tmp_path: Path) -> None:
    root = translated_terms_site(tmp_path)
    make_root(root, {"d.md": tagged_post("D", "fiets")})
    run_cli(root, "extract")
    assert _messages(po_path(root, "d"))[("tags", "fiets")] == "Fahrrad"
    assert _messages(po_path(root, "d"))[("categories", "Uitleg")] == "Erklärung"
    refs = [m for m in parse_catalog("t", pot_path(root, "_terms").read_bytes()).messages if m.msgid == "fiets"]
    assert [loc for loc, _ in refs[0].locations][-1] == "content/nl/d.md"


def test_an_untranslated_term_keeps_its_posts_below_100_percent(tmp_path: Path) -> None:
    root = terms_site(tmp_path)
    run_cli(root, "extract")
    translate_posts(root, {})
    translate_terms(root, {"fiets": "Fahrrad", "Uitleg": "Erklärung"})  # onderhoud left
    run_cli(root, "extract")
    merged = run_cli(root, "merge")
    assert not (root / "content" / "de" / "a.md").exists(), merged.stdout
    assert (root / "content" / "de" / "b.md").exists()


def test_migration_from_old_catalogs_keeps_every_translation_and_says_the_disagreement(tmp_path: Path) -> None:
    root = terms_site(tmp_path)
    run_cli(root, "extract")
    # catalogs from before the terms catalog: each post's tags translated in its own catalog
    translate_posts(root, {"fiets": "Fahrrad", "onderhoud": "Wartung", "Uitleg": "Erklärung"}, ("a", "b"))
    translate_posts(root, {"fiets": "Rad", "Uitleg": "Erklärung"}, ("c",))
    for path in (pot_path(root, "_terms"), root / TERMS_PO):
        path.unlink()
    typed = {post: _messages(po_path(root, post)) for post in ("a", "b", "c")}
    done = run_cli(root, "extract")
    assert done.returncode == 0, done.stderr
    terms = _messages(root / TERMS_PO)
    assert terms == {("tags", "fiets"): "Fahrrad", ("tags", "onderhoud"): "Wartung",
                     ("categories", "Uitleg"): "Erklärung"}
    assert "'Fahrrad' taken, as most posts' catalogs have it; kept in locale/de/LC_MESSAGES/c.po" in done.stderr + done.stdout
    # nothing typed is lost: every post's catalog keeps what its translator typed
    assert {post: _messages(po_path(root, post)) for post in ("a", "b", "c")} == typed
    found = [(p["file"], p["code"]) for p in check_problems(root) if p["code"] == "term-inconsistent"]
    assert ("locale/de/LC_MESSAGES/c.po", "term-inconsistent") in found
    # the translator settles it in c's catalog (the msgstr deleted): the terms catalog's comes in
    fill_catalog(po_path(root, "c"), lambda ctx, msgid: "" if ctx == "tags" and msgid == "fiets" else
                 typed["c"][(ctx, msgid)])
    run_cli(root, "extract")
    assert _messages(po_path(root, "c"))[("tags", "fiets")] == "Fahrrad"
    assert [p for p in check_problems(root) if p["code"] == "term-inconsistent"] == []


def test_a_term_changed_in_the_terms_catalog_reaches_every_post_but_not_a_hand_typed_one(tmp_path: Path) -> None:
    root = translated_terms_site(tmp_path)
    # b's translator types another translation in b's catalog
    text = po_path(root, "b").read_text(encoding="utf-8")
    po_path(root, "b").write_text(text.replace('msgstr "Fahrrad"', 'msgstr "Velo"'), encoding="utf-8")
    translate_terms(root, {"fiets": "Rad", "onderhoud": "Wartung", "Uitleg": "Erklärung"})
    done = run_cli(root, "extract")
    assert _messages(po_path(root, "a"))[("tags", "fiets")] == "Rad"
    assert _messages(po_path(root, "c"))[("tags", "fiets")] == "Rad"
    assert _messages(po_path(root, "b"))[("tags", "fiets")] == "Velo"  # never overwritten
    assert "locale/de/LC_MESSAGES/b.po" in done.stderr + done.stdout
    problems = [p for p in check_problems(root) if p["code"] == "term-inconsistent"]
    assert [(p["file"], p["severity"]) for p in problems] == [("locale/de/LC_MESSAGES/b.po", "warning")]
    assert "'Velo' here but 'Rad' in locale/de/LC_MESSAGES/_terms.po" in str(problems[0]["message"])


def test_keys_that_are_not_taxonomies_of_the_site_stay_in_the_posts(tmp_path: Path) -> None:
    root = terms_site(tmp_path)
    (root / "hugo.toml").write_text('defaultContentLanguage = "nl"\n[taxonomies]\nserie = "series"\n'
                                    + LANGUAGES_TOML, encoding="utf-8")
    run_cli(root, "extract")
    assert not pot_path(root, "_terms").exists()


def test_a_post_named_terms_is_refused(tmp_path: Path) -> None:
    root = terms_site(tmp_path, {"_terms.md": tagged_post("T", "fiets"), "a.md": tagged_post("A", "fiets")})
    done = run_cli(root, "extract")
    assert done.returncode != 0
    assert "content/nl/_terms.md: _terms names the catalogs of the site's terms" in done.stderr
    assert _messages(root / TERMS_PO) == {("tags", "fiets"): "", ("categories", "Uitleg"): ""}


@needs_gettext
def test_gnu_gettext_reads_the_terms_catalog_as_written(tmp_path: Path) -> None:
    root = terms_site(tmp_path)
    run_cli(root, "extract")
    translate_terms(root, {"fiets": "Fahrrad", "onderhoud": "Wartung"})
    run_cli(root, "extract")
    for path in (root / TERMS_PO, pot_path(root, "_terms")):
        if path.suffix == ".po":
            assert msgfmt_check(path).returncode == 0, msgfmt_check(path).stderr
        assert msgcat(path) == path.read_bytes()


# ---------------------------------------------------------------------------------------
# the glossary

BODY = "Ik heb een fiets gekocht."


def _glossary_site(root: Path, translation: str, setting: str | None = None) -> Path:
    terms_site(root, {"a.md": tagged_post("A", "onderhoud", BODY), "b.md": tagged_post("B", "fietsen", "Fietsen is leuk.")})
    if setting is not None:
        (root / "pyproject.toml").write_text(f'[tool.pipeline]\nglossary = "{setting}"\n', encoding="utf-8")
    run_cli(root, "extract")
    fill_catalog(po_path(root, "a"), lambda ctx, msgid: translation if msgid == BODY else "")
    fill_catalog(po_path(root, "b"), lambda ctx, msgid: "Radfahren macht Spaß." if msgid.startswith("Fietsen") else "")
    return root


def _glossary_warnings(root: Path) -> list[tuple[str, int, str]]:
    return [(str(p["file"]), int(p["line"]), str(p["message"])) for p in check_problems(root) if p["code"] == "glossary"]  # type: ignore[call-overload]


def _line_of(path: Path, msgid: str) -> int:
    return next(m.lineno for m in parse_catalog(str(path), path.read_bytes()).messages if m.msgid == msgid)


@pytest.mark.parametrize("form, german_tag", [("csv", ""), ("tbx", "de-DE"), ("tbx", "de_DE"), ("tbx", "DE")])
def test_a_glossary_file_term_missing_from_a_translation_is_a_warning(tmp_path: Path, form: str,
                                                                       german_tag: str) -> None:
    """The TBX's German language tag as tools write it (``de_DE`` was not matched: no warning)."""
    root = tmp_path
    if form == "csv":
        (root / "glossary.csv").write_text("de,nl\nFahrrad,fiets\n", encoding="utf-8")
    else:
        (root / "glossary.tbx").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="nl" '
            'xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n<conceptEntry id="c1">'
            '<langSec xml:lang="nl"><termSec><term>fiets</term></termSec></langSec>'
            f'<langSec xml:lang="{german_tag}"><termSec><term>Fahrrad</term></termSec></langSec>'
            "</conceptEntry>\n</body></text></tbx>\n", encoding="utf-8")
    _glossary_site(root, "Ich habe ein Rad gekauft.", f"glossary.{form}")
    found = _glossary_warnings(root)
    # "Fietsen" in b holds no whole word "fiets": no warning there
    assert found == [("locale/de/LC_MESSAGES/a.po", _line_of(po_path(root, "a"), BODY),
                      f"'{BODY}' holds the glossary term 'fiets', but its translation lacks 'Fahrrad' "
                      f"(glossary.{form}{':2' if form == 'csv' else ''}): use it, or change the glossary")]
    fill_catalog(po_path(root, "a"), lambda ctx, msgid: "Ich habe ein FAHRRAD gekauft." if msgid == BODY else "")
    assert _glossary_warnings(root) == []


def test_the_terms_catalog_is_a_glossary(tmp_path: Path) -> None:
    root = _glossary_site(tmp_path, "Ich habe ein Rad gekauft.")
    make_root(root, {"c.md": tagged_post("C", "fiets")})
    run_cli(root, "extract")
    translate_terms(root, {"fiets": "Fahrrad"})
    run_cli(root, "extract")
    found = _glossary_warnings(root)
    assert [(file, line) for file, line, _ in found] == [("locale/de/LC_MESSAGES/a.po",
                                                          _line_of(po_path(root, "a"), BODY))]
    assert f"(locale/de/LC_MESSAGES/_terms.po:{_line_of(root / TERMS_PO, 'fiets')})" in found[0][2]


@pytest.mark.parametrize(("name", "text", "where", "message"), [
    ("g.csv", "nl,de\nfiets,Fahrrad\nband,Reifen,extra\n", "g.csv:3", "has 3 fields where the header has 2"),
    ("g.csv", "nl,de\nfiets,\n", "g.csv:2", "a term without its de form"),
    ("g.csv", "fr,de\nvélo,Fahrrad\n", "g.csv:1", "the header names no column 'nl'"),
    ("g.tbx", "<tbx>\n<text>\n<body>\n</text>\n</tbx>\n", "g.tbx:4", "is not well-formed XML"),
    ("g.tbx", '<!DOCTYPE tbx [<!ENTITY a "b">]>\n<tbx/>\n', "g.tbx:1", "has a DOCTYPE"),
    ("none.csv", None, "none.csv", "no such glossary"),
])
def test_a_bad_glossary_is_one_error_at_its_line(tmp_path: Path, name: str, text: str | None, where: str,
                                                 message: str) -> None:
    root = _glossary_site(tmp_path, "Ich habe ein Rad gekauft.", name)
    if text is not None:
        (root / name).write_text(text, encoding="utf-8")
    assert run_cli(root, "check").returncode == 1
    found = [p for p in check_problems(root) if p["code"] == "glossary-unreadable"]
    assert len(found) == 1 and message in str(found[0]["message"]), found
    file, _, line = where.partition(":")
    assert (found[0]["file"], found[0]["line"], found[0]["severity"]) == (file, int(line) if line else None, "error")


# ---------------------------------------------------------------------------------------
# Hugo builds the German term pages

HUGO_TOML = 'baseURL = "https://example.org/"\ndefaultContentLanguage = "nl"\n' + LANGUAGES_TOML
LAYOUTS = {
    "layouts/_default/single.html": "<main>{{ .Content }}</main>\n",
    "layouts/_default/list.html": '{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>\n{{ end }}',
    "layouts/index.html": "home\n",
}


@needs_hugo
def test_hugo_builds_the_german_term_pages_listing_the_german_posts(tmp_path: Path) -> None:
    root = terms_site(tmp_path)
    (root / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    for name, text in LAYOUTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    run_cli(root, "extract")
    translate_posts(root, {})
    translate_terms(root, TERMS)
    run_cli(root, "extract")
    assert run_cli(root, "merge").returncode == 0
    done = subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    public = root / "public"
    page = (public / "de" / "tags" / "fahrrad" / "index.html").read_text(encoding="utf-8")
    assert sorted(page.splitlines()) == ['<a href="/de/a-de/">A (de)</a>', '<a href="/de/b-de/">B (de)</a>',
                                         '<a href="/de/c-de/">C (de)</a>']
    assert (public / "de" / "tags" / "wartung" / "index.html").is_file()
    assert (public / "de" / "categories" / "erkl%C3%A4rung" / "index.html").is_file() or \
        (public / "de" / "categories" / "erklärung" / "index.html").is_file()
    assert not (public / "de" / "tags" / "fiets").exists()


def test_a_german_post_s_hand_written_terms_that_differ_from_the_terms_catalog_are_said(tmp_path: Path) -> None:
    root = translated_terms_site(tmp_path)
    assert run_cli(root, "merge").returncode == 0
    assert [p for p in check_problems(root) if p["code"] == "term-inconsistent"] == []
    german = root / "content" / "de" / "b.md"
    text = german.read_text(encoding="utf-8")
    german.write_text(text.replace("tags: [Fahrrad]", "tags: [Velo]"), encoding="utf-8")
    line = german.read_text(encoding="utf-8").splitlines().index("tags: [Velo]") + 1
    found = [(p["file"], p["line"], p["message"]) for p in check_problems(root) if p["code"] == "term-inconsistent"]
    assert found == [("content/de/b.md", line, "the tags term 'fiets' is 'Velo' here but 'Fahrrad' in "
                      "locale/de/LC_MESSAGES/_terms.po: keep one")]


def test_a_term_translated_in_the_terms_catalog_that_the_posts_already_have_is_not_stale(tmp_path: Path) -> None:
    root = terms_site(tmp_path)
    run_cli(root, "extract")
    terms = {"fiets": "Fahrrad", "onderhoud": "Wartung", "Uitleg": "Erklärung"}
    translate_posts(root, terms)
    translate_terms(root, terms)  # as a translator saves it: no note of what the posts were given
    assert [p for p in check_problems(root) if p["code"] in ("catalog-stale", "catalog-missing", "term-inconsistent")] == []
    run_cli(root, "extract")  # the note is written; nothing else changes
    assert "# given to the posts: Fahrrad\n" in (root / TERMS_PO).read_text(encoding="utf-8")
    assert _messages(root / TERMS_PO) == {("tags", k) if k != "Uitleg" else ("categories", k): v
                                          for k, v in terms.items()}


@needs_hugo
def test_terms_hugo_files_under_one_page_translated_to_two_pages_are_said(tmp_path: Path) -> None:
    # Hugo files `E-learning` and `e-learning` under one page, /tags/e-learning/: two German
    # translations that urlize apart split the German site's page in two
    root = terms_site(tmp_path, {"a.md": tagged_post("A", "E-learning"), "b.md": tagged_post("B", "e-learning"),
                            "c.md": tagged_post("C", "Fiets route"), "d.md": tagged_post("D", "fiets-route")})
    (root / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    for name, text in LAYOUTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    run_cli(root, "extract")
    translate_posts(root, {}, posts=("a", "b", "c", "d"))
    # alike but for case and spacing: one German page, nothing said
    translate_terms(root, {"E-learning": "E-Learning", "e-learning": "Online-Lernen",
                            "Fiets route": "Fahrrad Route", "fiets-route": "fahrrad-route", "Uitleg": "Erklärung"})
    run_cli(root, "extract")
    problems = [p for p in check_problems(root) if p["code"] == "term-inconsistent"]
    assert len(problems) == 1, problems
    assert problems[0]["file"] == TERMS_PO and problems[0]["line"]
    assert "'E-learning'" in problems[0]["message"] and "'e-learning'" in problems[0]["message"]
    assert "/tags/e-learning/" in problems[0]["message"]
    assert "'E-Learning'" in problems[0]["message"] and "'Online-Lernen'" in problems[0]["message"]
    assert run_cli(root, "merge").returncode == 0
    done = subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    tags = {p.parent.name for p in (root / "public" / "tags").glob("*/index.html")}
    german = {p.parent.name for p in (root / "public" / "de" / "tags").glob("*/index.html")}
    assert tags == {"e-learning", "fiets-route"} and german == {"e-learning", "online-lernen", "fahrrad-route"}
    translate_terms(root, {"E-learning": "E-Learning", "e-learning": "e-learning",
                            "Fiets route": "Fahrrad Route", "fiets-route": "fahrrad-route", "Uitleg": "Erklärung"})
    run_cli(root, "extract")
    assert [p for p in check_problems(root) if p["code"] == "term-inconsistent"] == []


def test_a_big_glossary_over_many_entries_is_checked_in_seconds_with_every_warning(tmp_path: Path) -> None:
    # 1,000 terms over 2,000 entries (20 catalogs): each term's pattern was compiled again
    # for every catalog and tried on every entry (minutes); the warnings are those of trying
    # every term on every entry, in the glossary's order
    import random
    import re
    import time

    from pipeline.po import Catalog, Message, format_catalog
    from pipeline.terms import read_csv

    rng = random.Random(14)
    words = sorted({"".join(rng.choice("abcdeéfghiklmnoprstuvwz") for _ in range(rng.randint(3, 9)))
                    for _ in range(3000)})
    tricky = ["C++", ".NET", "e-learning", "open source", "++", "'s-Hertogenbosch", "Kwaliteitspaspoort", "open"]
    sources = tricky + words[:1000 - len(tricky)]
    rows = "\n".join(f'"{term}",{term.upper()}X' for term in sources)
    (tmp_path / "glossary.csv").write_text(f"nl,de\n{rows}\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\nglossary = "glossary.csv"\n', encoding="utf-8")
    vocabulary = [*words, *tricky, "E-LEARNING", "c++", "Open Source", "KWALITEITSPASPOORTEN", "x++y"]
    catalogs = []
    for post in range(20):
        make_root(tmp_path, {f"p{post}.md": f"---\ntitle: P{post}\n---\n\nTekst.\n"})
        catalog = Catalog(header_fields=[("Content-Type", "text/plain; charset=UTF-8")], messages=[Message(msgid=" ".join(rng.choice(vocabulary) for _ in range(12)),
                                            msgstr=" ".join(rng.choice(vocabulary).upper() + "X" for _ in range(6)))
                                    for _ in range(100)])
        path = po_path(tmp_path, f"p{post}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(format_catalog(catalog).encode("utf-8"))
        catalogs.append(path)
    started = time.perf_counter()
    found = [p for p in check_problems(tmp_path) if p["code"] == "glossary"]
    took = time.perf_counter() - started
    assert took < 10, f"check took {took:.1f} s"
    glossary = read_csv((tmp_path / "glossary.csv").read_text(encoding="utf-8"), "glossary.csv", "nl", "de")
    for path in catalogs[:1]:  # every term tried on every entry, as before
        catalog = parse_catalog(str(path), path.read_bytes())
        expected = []
        patterns = [(t, re.compile(rf"(?<!\w){re.escape(t.source)}(?!\w)", re.IGNORECASE)) for t in glossary]
        for message in catalog.messages:
            if not message.msgid:
                continue
            said = set()
            for term, pattern in patterns:
                pair = (term.source.casefold(), term.target.casefold())
                if pair not in said and pattern.search(message.msgid) and pair[1] not in message.msgstr.casefold():
                    said.add(pair)
                    expected.append((message.lineno, term.source))
        shown = path.relative_to(tmp_path).as_posix()
        got = [(p["line"], _glossary_term(p)) for p in found if p["file"] == shown]
        assert got == expected and len(expected) > 50
    assert {"C++", ".NET", "e-learning", "open source", "++", "'s-Hertogenbosch"} <= {_glossary_term(p) for p in found}


def _glossary_term(problem: dict[str, object]) -> str:
    import ast
    import re
    return str(ast.literal_eval(re.search(r"glossary term ('.*?'|\".*?\"), but", str(problem["message"])).group(1)))  # type: ignore[union-attr]


@pytest.mark.parametrize("data", [
    "nl;de;Opmerking\r\nfiets;Fahrrad;\r\n".encode("utf-8-sig"),  # Excel in a Dutch or German locale
    b"nl\tde\nfiets\tFahrrad\n",  # a tab-separated export
    b'"nl";"de"\n"fiets";"Fahrrad"\n',
])
def test_a_glossary_saved_with_semicolons_or_tabs_is_read(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "glossary.csv").write_bytes(data)
    _glossary_site(tmp_path, "Ich habe ein Rad gekauft.", "glossary.csv")
    found = _glossary_warnings(tmp_path)
    assert [(file, "'fiets'" in message and "'Fahrrad'" in message) for file, _, message in found] == [
        ("locale/de/LC_MESSAGES/a.po", True)]


def test_an_extract_or_check_with_nothing_to_do_reads_no_post_catalog_or_template_for_the_terms(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the terms pass parsed every post's template and catalog on every extract and check:
    # on 10,000 posts, minutes where the rest of an extract with nothing to do takes seconds
    root = translated_terms_site(tmp_path)
    read = catalogs_parsed_by_terms(monkeypatch)
    before = snapshot(root)
    assert run_cli(root, "extract").returncode == 0
    assert snapshot(root) == before
    assert [shown for shown in read if "_terms" not in shown] == []
    checked = check_problems(root)  # the first reads each catalog for the glossary, once
    read.clear()
    assert check_problems(root) == checked
    assert [shown for shown in read if "_terms" not in shown] == []
    # a catalog changed is read again, and what it says is said
    fill_catalog(po_path(root, "b"), lambda ctx, msgid: "Rad" if msgid == "fiets" else "" if ctx == "slug" else f"{msgid} (de)")
    assert ("locale/de/LC_MESSAGES/b.po", "term-inconsistent") in {(p["file"], p["code"]) for p in check_problems(root)}
    assert run_cli(root, "extract", "--no-cache").stdout == run_cli(root, "extract").stdout


@pytest.mark.parametrize("tag, named", [
    ("de", True), ("DE", True), ("de_DE", True), ("de-AT", True), ("de_DE.UTF-8", True), ("de@euro", True),
    (" de ", True), ("deu", False), ("nl", False), ("", False), ("d", False),
])
def test_a_language_tag_names_the_language_or_a_regional_variant(tag: str, named: bool) -> None:
    """One rule for the PO Language header of a compendium, an XLIFF target-language and a TBX
    xml:lang (config.names_language)."""
    assert names_language(tag, "de") is named
