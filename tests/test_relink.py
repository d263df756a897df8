"""A msgid that changed only in where its links point keeps its translation (issue 12).

When a post is renamed or moved, the other posts' links to it are updated (by hand or by
``pipeline mv``): their units change only in link destinations. Such a unit keeps its
translation, not fuzzy, with the destinations in the msgstr changed the same way; where the
msgstr's links cannot be matched for sure, it goes fuzzy as any changed unit.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import (
    LATER,
    NOW,
    invoke,
    make_root,
    msgfmt_check,
    needs_gettext,
    po_path,
    run_extract,
    snapshot,
)

from pipeline.po import Catalog, Message, format_catalog, parse_catalog
from pipeline.update import link_destinations, relinked_translation, update_catalog

POST = """\
---
title: Fietsen
---

Zie [de route](/oud/) en [de kaart](oud.md) voor meer.

## Lees [het verslag](/oud/#kop) eerst

- Een lijst met [een link](oud.md) erin.
- Een ![plaatje](/oud/fiets.png) en [nog een](</oud/met spatie/>).

| Kolom | Andere |
|---|---|
| Cel met [link](/oud/) | gewoon |
"""

GERMAN = {
    "Fietsen": "Radfahren",
    "Zie [de route](/oud/) en [de kaart](oud.md) voor meer.":
        # the translator put the links in the other order
        "Mehr auf [der Karte](oud.md) und [der Route](/oud/).",
    "Lees [het verslag](/oud/#kop) eerst": "Erst [den Bericht](/oud/#kop) lesen",
    "Een lijst met [een link](oud.md) erin.": "Eine Liste mit [einem Link](oud.md) darin.",
    "Een ![plaatje](/oud/fiets.png) en [nog een](</oud/met spatie/>).":
        "Ein ![Bild](/oud/fiets.png) und [noch einer](</oud/met spatie/>).",
    "Cel met [link](/oud/)": "Zelle mit [Link](/oud/)",
    "gewoon": "normal",
    "Kolom": "Spalte",
    "Andere": "Andere",
}

RENAMED = {
    "/oud/": "/nieuw/",
    "oud.md": "nieuw.md",
    "/oud/#kop": "/nieuw/#nieuwe-kop",
    "/oud/fiets.png": "/nieuw/fiets.png",
    "</oud/met spatie/>": "</nieuw/met spatie/>",
}


def renamed(text: str) -> str:
    for before, after in RENAMED.items():
        text = text.replace(f"]({before})", f"]({after})")
    return text


def read(path: Path) -> Catalog:
    return parse_catalog(str(path), path.read_bytes())


def translate(path: Path, german: dict[str, str]) -> None:
    catalog = read(path)
    for message in catalog.messages:
        message.msgstr = german.get(message.msgid, message.msgstr)
    path.write_text(format_catalog(catalog), encoding="utf-8")


def body(catalog: Catalog) -> dict[str, Message]:
    return {m.msgid: m for m in catalog.messages if m.msgctxt is None and not m.obsolete}


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    root = make_root(tmp_path, {"fietsen.md": POST})
    run_extract(root, NOW)
    translate(po_path(root, "fietsen"), GERMAN)
    return root


@needs_gettext
def test_links_renamed_keep_every_translation_with_the_links_changed(root: Path) -> None:
    make_root(root, {"fietsen.md": renamed(POST)})
    [result] = run_extract(root, LATER)
    assert not result.errors
    assert (result.stats.new, result.stats.fuzzy, result.stats.obsolete) == (0, 0, 0)
    assert result.stats.relinked == 5
    catalog = read(po_path(root, "fietsen"))
    entries = body(catalog)
    for dutch, german in GERMAN.items():
        if dutch == "Fietsen":
            continue
        entry = entries[renamed(dutch)]
        assert not entry.fuzzy and entry.previous_msgid is None
        assert entry.msgstr == renamed(german), dutch
    assert entries["Zie [de route](/nieuw/) en [de kaart](nieuw.md) voor meer."].msgstr == (
        "Mehr auf [der Karte](nieuw.md) und [der Route](/nieuw/)."
    )
    assert not any(m.obsolete for m in catalog.messages)  # nothing left behind
    assert msgfmt_check(po_path(root, "fietsen")).returncode == 0
    before = snapshot(root)
    assert all(not r.written for r in run_extract(root, LATER))  # a second run changes nothing
    assert snapshot(root) == before


def test_through_the_command_line(root: Path) -> None:
    make_root(root, {"fietsen.md": renamed(POST)})
    done = invoke("-C", str(root), "extract")
    assert done.exit_code == 0, done.output
    assert "(0 new, 0 fuzzy, 0 obsolete)" in done.output
    assert "Erst [den Bericht](/nieuw/#nieuwe-kop) lesen" in po_path(root, "fietsen").read_text("utf-8")


def test_an_anchor_changed_alone(root: Path) -> None:
    make_root(root, {"fietsen.md": POST.replace("/oud/#kop", "/oud/#andere-kop")})
    run_extract(root, LATER)
    entry = body(read(po_path(root, "fietsen")))["Lees [het verslag](/oud/#andere-kop) eerst"]
    assert not entry.fuzzy and entry.msgstr == "Erst [den Bericht](/oud/#andere-kop) lesen"


def test_an_obsolete_entry_comes_back_with_its_links_changed(root: Path) -> None:
    make_root(root, {"fietsen.md": POST.replace("- Een lijst met [een link](oud.md) erin.\n", "")})
    run_extract(root, LATER)
    assert any(m.obsolete and "een link" in m.msgid for m in read(po_path(root, "fietsen")).messages)
    make_root(root, {"fietsen.md": renamed(POST)})
    run_extract(root, LATER)
    entry = body(read(po_path(root, "fietsen")))["Een lijst met [een link](nieuw.md) erin."]
    assert not entry.fuzzy and entry.msgstr == "Eine Liste mit [einem Link](nieuw.md) darin."


@pytest.mark.parametrize(
    ("msgstr", "why"),
    [
        ("Eine Liste mit einem Link darin.", "the translation dropped the link"),
        ("Eine Liste mit [einem Link](/de/anders/) darin.", "the translator changed the link"),
        ("Eine [Liste](oud.md) mit [einem Link](oud.md).", "the translation added one"),
    ],
)
def test_a_msgstr_whose_links_cannot_be_matched_goes_fuzzy(root: Path, msgstr: str, why: str) -> None:
    translate(po_path(root, "fietsen"), {"Een lijst met [een link](oud.md) erin.": msgstr})
    make_root(root, {"fietsen.md": renamed(POST)})
    [result] = run_extract(root, LATER)
    entry = body(read(po_path(root, "fietsen")))["Een lijst met [een link](nieuw.md) erin."]
    assert entry.fuzzy, why
    assert entry.msgstr == msgstr
    assert entry.previous_msgid == "Een lijst met [een link](oud.md) erin."
    assert result.stats.fuzzy == 1


def test_more_than_links_changed_goes_fuzzy(root: Path) -> None:
    make_root(root, {"fietsen.md": POST.replace("[een link](oud.md)", "[een koppeling](nieuw.md)")})
    run_extract(root, LATER)
    entry = body(read(po_path(root, "fietsen")))["Een lijst met [een koppeling](nieuw.md) erin."]
    assert entry.fuzzy and entry.msgstr == "Eine Liste mit [einem Link](oud.md) darin."


def test_a_link_in_a_code_span_is_text() -> None:
    """`[x](/oud/)` in backticks is shown as it is, not followed: a change there is a change
    of the text, for the translator to see."""
    assert link_destinations("Typ `[x](/oud/)` en [y](/z/)") == ("Typ `[x](/oud/)` en [y](\x00)", ["/z/"])
    old = Catalog([], [Message(msgid="Typ `[x](/oud/)`.", msgstr="Tippe `[x](/oud/)`.")])
    new = Catalog([], [Message(msgid="Typ `[x](/nieuw/)`.")])
    catalog, _ = update_catalog(old, new, "de", "p.md")
    assert catalog.messages[0].fuzzy


def test_one_destination_changed_in_one_place_only_is_not_guessed() -> None:
    """Two links to /a/; one now goes to /c/. Which of the translation's two is which cannot be
    told (German may have put them in the other order): fuzzy."""
    assert relinked_translation("[y](/a/) und [x](/a/)", ["/a/", "/a/"], ["/a/", "/c/"]) is None
    # two changed the same way, or swapped: each is changed wherever it is
    assert relinked_translation("[y](/a/) und [x](/a/)", ["/a/", "/a/"], ["/c/", "/c/"]) == (
        "[y](/c/) und [x](/c/)"
    )
    assert relinked_translation("[y](/b/) und [x](/a/)", ["/a/", "/b/"], ["/b/", "/a/"]) == (
        "[y](/a/) und [x](/b/)"
    )


def test_a_fuzzy_entry_stays_fuzzy_as_before() -> None:
    old = Catalog([], [Message(msgid="Zie [x](/oud/).", msgstr="Siehe [x](/oud/).", flags=["fuzzy"])])
    new = Catalog([], [Message(msgid="Zie [x](/nieuw/).")])
    catalog, stats = update_catalog(old, new, "de", "p.md")
    [entry] = catalog.messages
    assert entry.fuzzy and entry.msgstr == "Siehe [x](/oud/)." and stats.relinked == 0


def test_the_context_must_be_the_same() -> None:
    """Not kept across msgctxts: offered as fuzzy instead, as msgmerge offers it."""
    old = Catalog([], [Message(msgid="Zie [x](/oud/).", msgstr="Siehe [x](/oud/).", msgctxt="description")])
    new = Catalog([], [Message(msgid="Zie [x](/nieuw/).")])
    catalog, stats = update_catalog(old, new, "de", "p.md")
    assert stats.relinked == 0 and stats.fuzzy == 1
    assert catalog.messages[0].fuzzy and catalog.messages[0].msgstr == "Siehe [x](/oud/)."


# The other link forms :func:`pipeline.links.rewrite_links` visits: raw HTML and ref shortcodes
@pytest.mark.parametrize(
    ("before", "after", "german"),
    [
        ('Zie <a href="/oud/">hier</a>.', 'Zie <a href="/nieuw/">hier</a>.', 'Siehe <a href="/oud/">hier</a>.'),
        ('Zie [hier]({{< ref "oud.md" >}}).', 'Zie [hier]({{< ref "nieuw.md" >}}).',
         'Siehe [hier]({{< ref "oud.md" >}}).'),
    ],
    ids=["html-href", "ref-shortcode"],
)
def test_other_link_forms(before: str, after: str, german: str) -> None:
    old = Catalog([], [Message(msgid=before, msgstr=german)])
    catalog, stats = update_catalog(old, Catalog([], [Message(msgid=after)]), "de", "p.md")
    [entry] = catalog.messages
    assert not entry.fuzzy and stats.relinked == 1
    assert entry.msgstr == german.replace("oud", "nieuw")
