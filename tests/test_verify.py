"""Translations that change the German page's structure or links are not published.

Merge escapes the block openers it knows (``_body_text``); this suite is about the ones it
does not, and about what check calls errors. Each hostile translation below stands in a real
Dutch block (paragraph, heading, table cell, list item, block quote, footnote): merge must
refuse the post (exit 1, a line naming ``catalog:line``) and ``check`` must report the entry
as an error. The property test then asks, for random translations, that merge either refuses
or writes a page whose rendered HTML has the Dutch page's tag skeleton and links, judged by
markdown-it-py's renderer here, not by :mod:`pipeline.verify`.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from merge_support import _SCRATCH, body, fill_catalog, merge_in, pseudo, translator
from support import cpu_seconds, ARTICLES, invoke, make_root, po_path, run_extract
from test_merge_pseudo import document, hostile

from pipeline.check import check
from pipeline.config import load_config
from pipeline.merge import merge
from pipeline.markdown import markdown_parser
from pipeline.verify import linkified

# A Dutch post with one of each block a translator works in (a real paragraph of the
# seed post, a heading, table cells, list items, a block quote, a footnote)
DUTCH = """\
---
title: Workshop e-learning
---
## Wat is e-learning?

E-learning is leren met behulp van digitale middelen. Zie [de site][site] en
[de folder](/folder/) voor meer.

| Onderwerp | Duur |
|-----------|------|
| Introductie | een uur |
|Oefenen|twee uur|

- Eerste punt van de lijst
- Tweede punt met ![een foto](/img/foto.png)

> Leren is een werkwoord, zei de docent.

Een voetnoot staat hier.[^1]

[^1]: De voetnoot zelf.

[site]: https://example.nl/site/
"""

PARAGRAPH = "E-learning is leren met behulp van digitale middelen. Zie [de site][site] en [de folder](/folder/) voor meer."

# (name, msgid, msgstr): each a translation that changes the page (or that check rejects)
HOSTILE = [
    ("table-cell-backslash", "Oefenen", "Üben\\"),
    ("reference-renamed", PARAGRAPH,
     "E-Learning ist Lernen mit digitalen Mitteln. Siehe [die Seite][seite] und [die Broschüre](/folder/)."),
    ("link-dropped", PARAGRAPH, "E-Learning ist Lernen mit digitalen Mitteln. Siehe die Seite und die Broschüre."),
    ("link-added", "Leren is een werkwoord, zei de docent.", "Lernen ist ein [Verb](https://evil.example/)."),
    ("image-to-link", "Tweede punt met ![een foto](/img/foto.png)", "Zweiter Punkt mit [ein Foto](/img/foto.png)"),
    ("link-to-image", PARAGRAPH,
     "E-Learning ist Lernen. Siehe [die Seite][site] und ![die Broschüre](/folder/)."),
    ("footnote-renamed", "Een voetnoot staat hier.[^1]", "Eine Fußnote steht hier.[^2]"),
    ("footnote-dropped", "Een voetnoot staat hier.[^1]", "Eine Fußnote steht hier."),
    ("bare-url", "Leren is een werkwoord, zei de docent.", "Lernen ist ein Verb, siehe https://evil.example/x."),
    ("bare-www", "Leren is een werkwoord, zei de docent.", "Lernen ist ein Verb (www.evil.example)."),
    ("bare-email", "Eerste punt van de lijst", "Erster Punkt, schreib an boss@evil.example"),
    # Hugo's typographer consumes quotes, ``--``, ``...``, ``<<``, ``>>``: Goldmark links after them
    ("bare-url-after-quote", "Leren is een werkwoord, zei de docent.",
     'Lernen ist ein Verb, siehe "https://evil.example/x".'),
    ("bare-www-after-apostrophe", "Leren is een werkwoord, zei de docent.",
     "Lernen ist ein Verb ('www.evil.example')."),
    ("bare-email-after-quote", "Eerste punt van de lijst", "Erster Punkt 'boss@evil.example'"),
    ("autolink-added", PARAGRAPH,
     "E-Learning. Siehe [die Seite][site] und [die Broschüre](/folder/) <https://evil.example/>."),
    ("html-div-line-start", "Leren is een werkwoord, zei de docent.", "Lernen ist\n<div>ein Verb</div>"),
    ("html-comment", "Een voetnoot staat hier.[^1]", "<!-- Fußnote[^1]"),
    ("javascript-url", PARAGRAPH,
     "E-Learning. Siehe [die Seite](javascript:alert(1)) und [die Broschüre](/folder/)."),
    ("onclick", "Leren is een werkwoord, zei de docent.", 'Lernen ist <span onclick="x()">ein Verb</span>.'),
    ("emphasis-swallows-link", PARAGRAPH,
     "E-Learning `ist Lernen. Siehe [die Seite][site] und` [die Broschüre](/folder/)."),
    ("heading-to-code", "Wat is e-learning?", "`Was ist [E-Learning](/x/)?`"),
    ("list-item-in-cell", "een uur", "- eine Stunde [mehr](/mehr/)"),
]


def _translations(msgid: str, msgstr: str):  # type: ignore[no-untyped-def]
    return translator({msgid: msgstr})


def _refused(root: Path) -> None:
    """Merge through the command line: exit 1, the post not written, a catalog:line error."""
    result = invoke("-C", str(root), "merge", "--min-translated", "0")
    assert result.exit_code == 1, result.output
    assert not (root / "content" / "de" / "post.md").exists()
    assert re.search(r"error: locale/de/LC_MESSAGES/post\.po:\d+: ", result.output), result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("name", "msgid", "msgstr"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_translation_is_refused_by_merge_and_reported_by_check(
    tmp_path: Path, name: str, msgid: str, msgstr: str
) -> None:
    make_root(tmp_path, {"post.md": DUTCH, "andere.md": "---\ntitle: Ander\n---\nTekst.\n"})
    run_extract(tmp_path)
    fill_catalog(po_path(tmp_path, "post"), _translations(msgid, msgstr))
    catalog = po_path(tmp_path, "post").read_text(encoding="utf-8")
    assert msgstr.split("\n")[0].replace('"', '\\"') in catalog  # the entry was translated
    _refused(tmp_path)
    # the other post goes on
    assert (tmp_path / "content" / "de" / "andere.md").exists()
    report = check(load_config(tmp_path), min_translated=0)
    errors = [p for p in report.problems if p.severity == "error" and p.file.endswith("post.po")]
    assert errors, report.problems
    line = _entry_line(catalog, msgid)
    assert {p.line for p in errors} == {line}, (line, errors)


#: Translations that would open a block, which merge escapes: written, same structure
ESCAPED = [
    ("Een voetnoot staat hier.[^1]", "Eine Fußnote steht hier.[^1]\n=="),
    ("Eerste punt van de lijst", "Erster Punkt\n-"),
    ("Leren is een werkwoord, zei de docent.", "Lernen ist ein Verb\n--"),  # a setext underline
    ("Onderwerp", "Thema\\"),  # `| Thema\ |`: a blank between backslash and pipe
    ("Leren is een werkwoord, zei de docent.", "Lernen\n+++ ist ein Verb."),
    ("Leren is een werkwoord, zei de docent.", "Lernen ist\n> ein Verb."),
    ("Leren is een werkwoord, zei de docent.", "Lernen | Verb\n--- | ---"),  # a table's delimiter row
]


@pytest.mark.parametrize(("msgid", "msgstr"), ESCAPED)
def test_escaped_translation_is_written_with_the_dutch_structure(tmp_path: Path, msgid: str, msgstr: str) -> None:
    from merge_support import block_structure

    results = merge_in(tmp_path, {"post": (DUTCH, _translations(msgid, msgstr))})
    assert results["post"].action == "written", results["post"]
    german = (tmp_path / results["post"].path).read_text(encoding="utf-8")
    assert block_structure(body(german)) == block_structure(body(DUTCH))


def _entry_line(catalog: str, msgid: str) -> int:
    """The 1-based line where the entry of ``msgid`` starts (its first comment line)."""
    blocks = catalog.split("\n\n")
    line = 1
    first = 'msgid "' + msgid.split("\n")[0][:30].replace('"', '\\"')
    for block in blocks:
        if first in block.replace('"\nmsgid "', ""):
            return line
        line += block.count("\n") + 2
    raise AssertionError(msgid)


def test_structure_error_names_the_catalog_line_and_what_changed(tmp_path: Path) -> None:
    make_root(tmp_path, {"post.md": DUTCH})
    run_extract(tmp_path)
    fill_catalog(po_path(tmp_path, "post"), _translations("Oefenen", "Üben\\"))
    result = invoke("-C", str(tmp_path), "merge", "--min-translated", "0")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    assert re.fullmatch(
        r"error: locale/de/LC_MESSAGES/post\.po:\d+: translation changes the page's structure "
        r"\(an empty cell or heading where the source has text\): keep it one table cell .*"
        r"\(content/nl/post\.md:12\) \[structure-changed\]",
        errors[0],
    ), errors[0]


def test_every_bad_translation_of_a_post_is_named(tmp_path: Path) -> None:
    make_root(tmp_path, {"post.md": DUTCH})
    run_extract(tmp_path)
    fill_catalog(po_path(tmp_path, "post"), translator({
        "Oefenen": "Üben\\",
        "Leren is een werkwoord, zei de docent.": "Lernen ist ein Verb, siehe https://evil.example/x.",
        "Eerste punt van de lijst": "Erster [Punkt](https://evil.example/)",
        "Een voetnoot staat hier.[^1]": "Eine Fußnote.[^1]",  # fine
    }))
    result = invoke("-C", str(tmp_path), "merge", "--min-translated", "0")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 3, result.output
    assert len({re.match(r"error: (\S+?:\d+):", e).group(1) for e in errors}) == 3  # type: ignore[union-attr]


def test_a_good_translation_of_the_same_post_is_written(tmp_path: Path) -> None:
    make_root(tmp_path, {"post.md": DUTCH})
    run_extract(tmp_path)
    fill_catalog(po_path(tmp_path, "post"), translator({
        "Wat is e-learning?": "Was ist E-Learning?",
        PARAGRAPH: "E-Learning ist Lernen mit digitalen Mitteln. Siehe [die Seite][site] und "
        "[die Broschüre](/folder/) für mehr.",
        "Oefenen": "Üben",
        "Tweede punt met ![een foto](/img/foto.png)": "Zweiter Punkt mit ![ein Foto](/img/foto.png)",
        "Een voetnoot staat hier.[^1]": "Eine Fußnote steht hier.[^1]",
        "Leren is een werkwoord, zei de docent.": "Lernen ist ein Verb, sagte die Lehrerin.",
    }))
    result = invoke("-C", str(tmp_path), "merge", "--min-translated", "0")
    assert result.exit_code == 0, result.output
    report = check(load_config(tmp_path), min_translated=0)
    assert not [p for p in report.problems if p.severity == "error" and p.file.endswith(".po")], report.problems


def test_warnings_do_not_block_merge(tmp_path: Path) -> None:
    """``numbers`` and ``punctuation`` are warnings in check: merge writes the post."""
    make_root(tmp_path, {"post.md": "---\ntitle: T\n---\nIk heb 3 katten.\n"})
    run_extract(tmp_path)
    fill_catalog(po_path(tmp_path, "post"), translator({"Ik heb 3 katten.": "Ich habe vier Katzen"}))
    result = invoke("-C", str(tmp_path), "merge", "--min-translated", "0")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "content" / "de" / "post.md").exists()


def test_a_bidi_override_in_the_title_blocks_the_post(tmp_path: Path) -> None:
    make_root(tmp_path, {"post.md": "---\ntitle: Mooie dag\n---\nTekst.\n"})
    run_extract(tmp_path)
    fill_catalog(po_path(tmp_path, "post"), translator({"Mooie dag": "Schöner \u202eTag"}))
    result = invoke("-C", str(tmp_path), "merge", "--min-translated", "0")
    assert result.exit_code == 1
    assert "[control-char]" in result.output


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("siehe https://evil.example/x.", ["https://evil.example/x"]),
        ("(www.evil.example/pfad)", ["www.evil.example/pfad"]),
        ("https://a.example www.b.example", []),  # Goldmark: two characters before the dot
        ("an a.b@c.example schreiben", ["a.b@c.example"]),
        ("kein@punkt und xhttps://a.example", []),
        ("ftp://files.example/a_b", ["ftp://files.example/a_b"]),
        ("*https://evil.example/x*", ["https://evil.example/x"]),
        ('siehe "https://evil.example/x"', ['https://evil.example/x"']),  # Goldmark: %22 too
        ("'www.evil.example'", ["www.evil.example"]),
        ("a...https://evil.example/x", ["https://evil.example/x"]),
        ("<<boss@evil.example>>", ["boss@evil.example"]),
        ("Mozilla's „Wörter“ und x--y", []),
        ("a-https://evil.example/ a.www.evil.example <www.evil.example", []),  # one -, . or <: no
        ("a--https://evil.example/", ["https://evil.example/"]),
    ],
)
def test_linkify_finds_what_goldmark_links(text: str, links: list[str]) -> None:
    assert linkified(text) == links


# ---------------------------------------------------------------------------------------
# No false positives: real articles with real German text and pseudo-translations


def test_real_articles_pseudo_translated_are_written_and_pass_check(tmp_path: Path) -> None:
    make_root(tmp_path, {a.name: a.read_bytes() for a in ARTICLES})
    run_extract(tmp_path)
    for article in ARTICLES:
        fill_catalog(po_path(tmp_path, article.stem), lambda ctx, msgid: None if ctx == "slug" else pseudo(msgid))
    results = merge(load_config(tmp_path))
    assert {r.action for r in results} == {"written"}, [r.message for r in results if r.action != "written"]
    report = check(load_config(tmp_path))
    assert not [p for p in report.problems if p.code == "structure-changed"]


GERMAN_ARTICLES = sorted((Path(__file__).parent / "fixtures" / "opensource-guide" / "de").glob("*.md"))


@pytest.mark.parametrize("german_path", GERMAN_ARTICLES, ids=lambda p: p.stem)
def test_real_articles_with_german_text_are_written(tmp_path: Path, german_path: Path) -> None:
    """No false positive on real German prose: each Dutch unit is translated by the German
    article's unit at the same position (where the kinds agree and check's entry checks
    find no error: the German article is a free translation, its links differ); merge must
    write every post and check must find no structure-changed."""
    from pipeline.checkers import check_translation
    from pipeline.config import DEFAULT_KEYS, DEFAULT_LIST_KEYS
    from pipeline.post import load_post
    from pipeline.segment import segment_post

    dutch_path = next(a for a in ARTICLES if a.stem == german_path.stem)
    make_root(tmp_path, {"post.md": dutch_path.read_bytes()})
    run_extract(tmp_path)
    dutch_units = segment_post(load_post("nl", dutch_path.read_bytes()), "p", DEFAULT_KEYS, DEFAULT_LIST_KEYS)
    german_units = segment_post(load_post("de", german_path.read_bytes()), "p", DEFAULT_KEYS, DEFAULT_LIST_KEYS)
    pairs = {
        d.text: g.text for d, g in zip(dutch_units, german_units)
        if d.kind == g.kind and d.context != "slug"
        and not any(severity == "error" for severity, _, _ in check_translation(d.text, g.text, "de"))
    }
    assert len(pairs) >= 20
    fill_catalog(po_path(tmp_path, "post"), lambda ctx, msgid: None if ctx == "slug" else pairs.get(msgid))
    result = merge(load_config(tmp_path), min_translated=0)[0]
    assert result.action == "written", result.message
    report = check(load_config(tmp_path), min_translated=0)
    assert not [p for p in report.problems if p.code == "structure-changed"]


# ---------------------------------------------------------------------------------------
# The property: merge refuses, or the page has the Dutch page's skeleton and links

_TAG_RE = re.compile(r"<(/?[a-z0-9]+)|\b(href|src)=\"([^\"]*)\"")


def skeleton(markdown: str, targets: bool = True) -> list[str]:
    """Tags and link destinations of the rendered HTML, text and attributes aside (but for
    where links point), and what code spans hold. Hard line breaks (``<br />``) aside too:
    where a line breaks is the translator's choice (the Dutch msgid's breaks are text)."""
    html = markdown_parser().render(markdown)
    html = re.sub(r"<code>.*?</code>", "<code></code>", html, flags=re.DOTALL)
    out = []
    for match in _TAG_RE.finditer(html):
        if match.group(1) == "br":
            continue
        if match.group(1):
            out.append(match.group(1))
        elif targets:
            out.append(f"{match.group(2)}={match.group(3)}")
    return out


DOCUMENT = (
    "---\ntitle: Titel\n---\n"
    "## Een kop\n\nEen alinea met [een link](https://example.nl/a) en meer woorden.\n\n"
    "| Kolom | Andere |\n|---|---|\n| cel een | cel twee |\n\n"
    "- punt een\n- punt twee met **nadruk**\n\n> Een citaat van iemand.\n"
)

PIECES = st.sampled_from([
    "Wort", "zwei Wörter", "\n", "\n\n", "  \n", "\\", "|", "\\|", "-", "--", "===", "+++", "***",
    "# ", "1. ", "> ", "<div>", "</div>", "<!--", "`", "**", "*", "_", "[", "]", "(", ")",
    "[eine Seite](https://example.nl/a)", "[anders](https://evil.example/)", "![Bild](/b.png)",
    "https://evil.example/", "www.evil.example", "x@evil.example", "<https://evil.example>",
    "[x][y]", "[^1]", "    ", "\t", "```", "~~~", ":", "[site]: /x",
])


#: A sound German translation of each unit of DOCUMENT (links and emphasis kept)
SAFE = {
    "Een kop": "Eine Überschrift",
    "Een alinea met [een link](https://example.nl/a) en meer woorden.":
        "Ein Absatz mit [einem Link](https://example.nl/a) und mehr Wörtern.",
    "Kolom": "Spalte",
    "Andere": "Andere",
    "cel een": "Zelle eins",
    "cel twee": "Zelle zwei",
    "punt een": "Punkt eins",
    "punt twee met **nadruk**": "Punkt zwei mit **Nachdruck**",
    "Een citaat van iemand.": "Ein Zitat von jemandem.",
}
# per unit: None (the sound translation), or hostile pieces and where they go in it
HOSTILITY = st.one_of(
    st.none(), st.none(),
    st.tuples(st.lists(PIECES, min_size=1, max_size=4).map("".join), st.floats(0, 1)),
)


@settings(max_examples=int(os.environ.get("VERIFY_EXAMPLES", "80")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(HOSTILITY, min_size=len(SAFE), max_size=len(SAFE)))
@example([None, None, None, None, None, None, None, None, None])
@example([("\n--", 1.0)] + [None] * 8)
@example([None, None, None, None, None, ("\\", 1.0), None, None, None])
@example([None, ("[x][y] www.evil.example", 0.5)] + [None] * 7)
def test_merge_refuses_or_keeps_the_structure(hostility: list[tuple[str, float] | None]) -> None:
    """Each unit gets its sound German translation, some with hostile pieces put in it;
    merge refuses the post, or the page it writes renders to the Dutch page's HTML tag
    skeleton and link targets (markdown-it-py's renderer, not pipeline.verify)."""
    translations = {}
    for (msgid, german), hostile in zip(SAFE.items(), hostility):
        if hostile is not None:
            pieces, where = hostile
            cut = round(where * len(german))
            german = german[:cut] + pieces + german[cut:]
        translations[msgid] = german
    with tempfile.TemporaryDirectory(prefix="verify-", dir=_SCRATCH) as tmp:
        root = Path(tmp)
        make_root(root, {"post.md": DOCUMENT})
        run_extract(root)
        fill_catalog(po_path(root, "post"), lambda ctx, msgid: None if ctx in ("slug", "title") else translations[msgid])
        results = merge(load_config(root), min_translated=0)
        if results[0].action == "error":
            assert "post.po:" in results[0].message
            event("refused: " + ("structure" if "[structure-changed]" in results[0].message else "entry check"))
            return
        event("written" + (" (hostile pieces in it)" if any(hostility) else ""))
        assert results[0].action == "written", results[0]
        german = (root / results[0].path).read_text(encoding="utf-8")
        assert skeleton(body(german)) == skeleton(body(DOCUMENT))


# ---------------------------------------------------------------------------------------
# Bounded time for hostile catalogs


@pytest.mark.parametrize(
    "msgstr",
    ["[a](" * 30_000, "<a " * 30_000, "[" * 50_000 + "x" + "]" * 50_000, "https://evil.example/ " * 5_000],
    ids=["unclosed links", "unclosed tags", "nested brackets", "many bare URLs"],
)
def test_long_hostile_translation_is_judged_in_bounded_time(tmp_path: Path, msgstr: str) -> None:

    make_root(tmp_path, {"post.md": DUTCH})
    run_extract(tmp_path)
    fill_catalog(po_path(tmp_path, "post"), _translations("Leren is een werkwoord, zei de docent.", msgstr))
    started = cpu_seconds()
    result = merge(load_config(tmp_path), min_translated=0)[0]
    assert cpu_seconds() - started < 5
    assert result.action in ("error", "written"), result


def test_a_long_post_whose_every_unit_changes_the_structure_is_judged_in_bounded_time(tmp_path: Path) -> None:

    # a cell between pipes with no blank: a translation ending in a backslash escapes the
    # pipe after it, and the row loses a cell
    rows = [f"|Cel nummer {i} met wat woorden erin.|cel|" for i in range(3000)]
    make_root(tmp_path, {"post.md": "---\ntitle: Lang\n---\n|Kolom|Kolom|\n|-|-|\n" + "\n".join(rows) + "\n"})
    run_extract(tmp_path)
    fill_catalog(po_path(tmp_path, "post"), lambda ctx, msgid: None if ctx in ("slug", "title") else msgid + "\\")
    started = cpu_seconds()
    result = merge(load_config(tmp_path), min_translated=0)[0]
    assert cpu_seconds() - started < 10
    assert result.action == "error"
    lines = result.message.split("\n")
    assert 1 <= len(lines) <= 8 and all("[structure-changed]" in line for line in lines), lines[:3]


def test_rewritten_links_with_non_ascii_anchors_are_no_difference(tmp_path: Path) -> None:
    """Merge rewrites a URL as written (``#één-kop``), the parser percent-encodes it: the
    rewritten German anchor is the Dutch link, not a new one."""
    post = "---\ntitle: T\n---\n## Één kop\n\nZie [de kop](#één-kop) en [ander](andere.md#één-kop).\n"
    paragraph = "Zie [de kop](#één-kop) en [ander](andere.md#één-kop)."
    results = merge_in(tmp_path, {
        "post": (post, {"Één kop": "Über Kopf", paragraph: "Siehe [den Kopf](#één-kop) und [anderes](andere.md#één-kop)."}),
        "andere": ("---\ntitle: A\n---\n## Één kop\n\nTekst.\n", {"Één kop": "Größe Kopf", "Tekst.": "Text."}),
    })
    assert results["post"].action == "written", results["post"].message
    german = (tmp_path / results["post"].path).read_text(encoding="utf-8")
    assert "[den Kopf](#über-kopf) und [anderes](/de/andere/#größe-kopf)" in german


@settings(max_examples=int(os.environ.get("VERIFY_EXAMPLES", "80")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(document(), st.randoms(use_true_random=False))
def test_generated_documents_with_hostile_translations_keep_their_skeleton(text: str, rng: random.Random) -> None:
    """Documents of every block kind (test_merge_pseudo's strategy), each unit
    pseudo-translated, some with block markers, blank lines and pipes put in: merge refuses
    the post, or the page renders to the Dutch tag skeleton (link targets aside: merge
    rewrites links to other posts)."""
    with tempfile.TemporaryDirectory(prefix="verify-", dir=_SCRATCH) as tmp:
        results = merge_in(Path(tmp), {"post": (text, hostile(rng)), "other": ("Ander bericht\n", {})})
        result = results["post"]
        if result.action == "error":
            event("refused")
            return
        event("written")
        german = (Path(tmp) / result.path).read_text(encoding="utf-8")
    assert skeleton(body(german), targets=False) == skeleton(body(text), targets=False)


# Markup that Hugo's Goldmark reads and markdown-it-py (so the outline comparison) does not:
# a definition list (``: …`` under a paragraph line), a task list checkbox in a list item, a
# table's delimiter row under a line whatever its cells, a heading's attribute block. Merge
# escapes them; Hugo shows the characters as text and the German page has the Dutch tags.
GOLDMARK_DUTCH = """\
---
title: Workshop
---
## Wat is e-learning?

E-learning is leren met behulp van digitale middelen.

Dit is een tweede alinea.

Nog een alinea.

- Eerste punt van de lijst
- Tweede punt

1. Stap een
"""
GOLDMARK_ONLY = {
    "Wat is e-learning?": "Was ist {E-Learning}?",
    "E-learning is leren met behulp van digitale middelen.": "E-Learning ist Lernen\n: mit digitalen Mitteln.",
    "Dit is een tweede alinea.": ": Ein zweiter Absatz.",
    "Eerste punt van de lijst": "[x] Erster Punkt der Liste",
    "Tweede punt": "Zweiter [ ] Punkt und [x] nicht",  # Hugo 0.111: a checkbox anywhere in it
    # a delimiter row makes a table in Goldmark whatever the cells (markdown-it-py: same count)
    "Nog een alinea.": "Noch ein Absatz\n---|---|---",
    "Stap een": "Schritt eins\n|---|",
}


def test_goldmark_only_markup_in_a_translation_is_escaped(tmp_path: Path) -> None:
    results = merge_in(tmp_path, {"post": (GOLDMARK_DUTCH, GOLDMARK_ONLY)})
    assert results["post"].action == "written", results["post"].message
    german = body((tmp_path / results["post"].path).read_text(encoding="utf-8"))
    assert "## Was ist {E-Learning}?\n" in german
    assert "E-Learning ist Lernen\n\\: mit digitalen Mitteln." in german
    assert "\\: Ein zweiter Absatz." in german
    assert "Noch ein Absatz\n\\---|---|---\n" in german and "Schritt eins\n   \\|---|\n" in german
    assert "- \\[x] Erster Punkt der Liste\n- Zweiter \\[ ] Punkt und \\[x] nicht" in german


def test_checkboxes_in_code_spans_or_escaped_are_left_alone() -> None:
    from pipeline.render import _escape_checkboxes

    assert _escape_checkboxes("a `[x]` [x] \\[ ] [X]") == "a `[x]` \\[x] \\[ ] \\[X]"


def test_a_checkbox_the_dutch_has_only_in_code_is_escaped_in_the_translation(tmp_path: Path) -> None:
    # the Dutch [x] is code: the translation's [x] outside code would be a checkbox in Hugo
    dutch = "---\ntitle: T\n---\n- Zet `[x]` voor een punt.\n"
    results = merge_in(tmp_path, {"post": (dutch, {"Zet `[x]` voor een punt.": "Setze `[x]` [x] vor [X]."})})
    assert results["post"].action == "written", results["post"].message
    assert "- Setze `[x]` \\[x] vor \\[X].\n" in body((tmp_path / results["post"].path).read_text(encoding="utf-8"))


@pytest.mark.parametrize("msgstr", ["Was ist E-Learning{#evil}", "Was ist {das} {.x}", "Was ist E-Learning? {#evil .klasse}"])
def test_heading_attributes_in_a_translation_are_refused(tmp_path: Path, msgstr: str) -> None:
    # Hugo would read them as the heading's id and class: merge refuses, check reports
    results = merge_in(tmp_path, {"post": (GOLDMARK_DUTCH, {"Wat is e-learning?": msgstr})})
    assert results["post"].action == "error"
    assert "[attributes-added]" in results["post"].message and "post.po:" in results["post"].message


@pytest.mark.parametrize(("msgstr", "written"), [
    ("Was ist \\{#x}", "Was ist \\{#x}"),  # escaped: no attributes
    ("Was ist {das}", "Was ist {das}"),  # no attribute list
])
def test_braces_that_are_no_attributes_are_kept(tmp_path: Path, msgstr: str, written: str) -> None:
    results = merge_in(tmp_path, {"post": (GOLDMARK_DUTCH, {"Wat is e-learning?": msgstr})})
    assert results["post"].action == "written", results["post"].message
    assert f"## {written}\n" in body((tmp_path / results["post"].path).read_text(encoding="utf-8"))


def test_goldmark_markup_the_dutch_has_is_kept(tmp_path: Path) -> None:
    dutch = "---\ntitle: T\n---\n## Kop {#kop}\n\n- [ ] Te doen\n- [x] Gedaan\n"
    # the attributes and checkboxes are structure: not in the msgids, put back as they were
    translations = {"Kop": "Überschrift", "Te doen": "Zu tun", "Gedaan": "Erledigt"}
    results = merge_in(tmp_path, {"post": (dutch, translations)})
    assert results["post"].action == "written", results["post"].message
    german = body((tmp_path / results["post"].path).read_text(encoding="utf-8"))
    assert "## Überschrift {#kop}\n\n- [ ] Zu tun\n- [x] Erledigt" in german


def _site(root: Path, posts: dict[str, str], translations: dict[str, str]) -> dict[bool, str]:
    """Extract, translate, merge (exit 0) and build with Hugo: {German?: the page's HTML}."""
    repo = Path(__file__).resolve().parent.parent
    for name in ("hugo.toml", "pyproject.toml"):
        shutil.copy(repo / name, root / name)
    shutil.copytree(repo / "layouts", root / "layouts")
    make_root(root, posts)
    run_extract(root)
    fill_catalog(po_path(root, "post"), translator(translations))
    result = invoke("-C", str(root), "merge", "--min-translated", "0")
    assert result.exit_code == 0, result.output
    subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                   check=True, capture_output=True)
    public = root / "public"
    return {p.relative_to(public).parts[0] == "de": p.read_text(encoding="utf-8") for p in public.rglob("index.html")
            if "<article>" in p.read_text(encoding="utf-8")}


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")
def test_goldmark_only_markup_renders_as_text_in_hugo(tmp_path: Path) -> None:
    pages = _site(tmp_path, {"post.md": GOLDMARK_DUTCH}, GOLDMARK_ONLY)
    dutch, german = pages[False], pages[True]

    def tags(html: str) -> list[str]:
        article = html[html.index("<article>"):html.index("</article>")]
        return re.findall(r"<(/?[a-z0-9]+(?: (?:class|id|type)=)?)", re.sub(r' id="[^"]*"', " id=", article))

    assert tags(german) == tags(dutch)
    assert "Was ist {E-Learning}?" in german and "[x] Erster Punkt" in german


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")
def test_in_page_anchors_follow_headings_with_markup_as_hugo_makes_their_ids(tmp_path: Path) -> None:
    """Goldmark makes a heading's id of its line as written: ``_x_`` keeps its underscores,
    a link its URL. A link to such a heading must reach the German heading's id."""
    dutch = (
        "---\ntitle: T\n---\n## Een _mooie_ dag\n\nTekst.\n\n## Met [link](/x/)\n\nMeer.\n\n"
        "Zie [de dag](#een-_mooie_-dag) en [de link](#met-linkx).\n"
    )
    pages = _site(tmp_path, {"post.md": dutch}, {
        "Een _mooie_ dag": "Ein _schöner_ Tag",
        "Met [link](/x/)": "Mit [Link](/x/)",
        "Zie [de dag](#een-_mooie_-dag) en [de link](#met-linkx).":
        "Siehe [den Tag](#een-_mooie_-dag) und [den Link](#met-linkx).",
    })
    for german in (False, True):
        ids = set(re.findall(r' id="([^"]+)"', pages[german]))
        hrefs = [unquote(h) for h in re.findall(r'href="#([^"]+)"', pages[german])]
        assert len(hrefs) == 2 and set(hrefs) <= ids, (german, hrefs, ids)


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")
def test_in_page_anchors_to_repeated_headings_reach_the_same_heading(tmp_path: Path) -> None:
    """Hugo numbers a repeated id (``#voorbeeld``, ``#voorbeeld-1``); two Dutch headings may
    come out the same in German, or a repeated one differently: each link reaches the heading
    in the same place."""
    dutch = (
        "---\ntitle: T\n---\n## Voorbeeld\n\nA.\n\n## Voorbeeld\n\nB.\n\n## Dubbel\n\nC.\n\n## Dubbel twee\n\nD.\n\n"
        "Zie [a](#voorbeeld), [b](#voorbeeld-1), [c](#dubbel) en [d](#dubbel-twee).\n"
    )
    pages = _site(tmp_path, {"post.md": dutch}, {
        "Voorbeeld": "Beispiel",
        "Dubbel": "Doppelt",
        "Dubbel twee": "Doppelt",
        "Zie [a](#voorbeeld), [b](#voorbeeld-1), [c](#dubbel) en [d](#dubbel-twee).":
        "Siehe [a](#voorbeeld), [b](#voorbeeld-1), [c](#dubbel) und [d](#dubbel-twee).",
    })
    for german in (False, True):
        ids = re.findall(r'<h2 id="([^"]+)"', pages[german])
        hrefs = [unquote(h) for h in re.findall(r'href="#([^"]+)"', pages[german])]
        assert hrefs == ids, (german, hrefs, ids)


def test_anchors_of_repeated_headings_read_off_the_catalog_are_the_posts(tmp_path: Path) -> None:
    from pipeline.translated import read_translated_post
    from pipeline.site import summarize, summarize_from_catalog

    dutch = "---\ntitle: T\n---\n## Dubbel\n\nA.\n\n## Voorbeeld\n\nB.\n\n## Voorbeeld\n\nC.\n\n## Dubbel twee\n\nD.\n"
    make_root(tmp_path, {"post.md": dutch})
    run_extract(tmp_path)
    fill_catalog(po_path(tmp_path, "post"), translator({"Dubbel": "Doppelt", "Dubbel twee": "Doppelt"}))
    config = load_config(tmp_path)
    path = tmp_path / "content" / "nl" / "post.md"
    full = summarize(read_translated_post(config, path, "de"))
    quick, _ = summarize_from_catalog(config, path, "de")
    assert quick is not None and quick.anchors == full.anchors
    assert full.anchors == {"dubbel": "doppelt", "dubbel-twee": "doppelt-1"}
