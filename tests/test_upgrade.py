"""Catalogs made before issue 13 keep their translations through the next extract.

Issue 13 took structure out of some units' msgids: a heading's attribute list (``## Kop
{#kop}``: msgid ``Kop``), a task's checkbox (``- [ ] Taak``: ``Taak``), a shortcode's line at
a paragraph's first or last line. Where the new msgid is the old one with text taken off its
ends, and the translation begins and ends with that same text, the translation is kept with
it taken off alike, not fuzzy (:func:`pipeline.update.trimmed_translation`); where it does not
(the translator changed the id), msgmerge's rules hold: fuzzy where close enough.

The last tests run the real old code (main at c884a5d, from git) through ``bench/upgrade.py``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.po import Catalog, Message
from pipeline.update import trimmed_translation, update_catalog

REPO = Path(__file__).resolve().parent.parent


def _catalog(*messages: Message) -> Catalog:
    return Catalog([("Language", "de")], list(messages), [])


def _template(*msgids: str) -> Catalog:
    return Catalog([("POT-Creation-Date", "2024-01-01 00:00+0000")], [Message(msgid=m) for m in msgids], [])


def _updated(old: list[tuple[str, str]], *msgids: str) -> tuple[dict[str, Message], Catalog]:
    catalog, _ = update_catalog(
        _catalog(*(Message(msgid=i, msgstr=s, locations=[("p.md", 1)]) for i, s in old)),
        _template(*msgids), "de", "p.po",
    )
    return {m.msgid: m for m in catalog.messages if not m.obsolete}, catalog


@pytest.mark.parametrize(
    "old_msgid, msgstr, msgid, kept",
    [
        ("Kop {#kop}", "Kopf {#kop}", "Kop", "Kopf"),
        ("De stappen {#stappen .belangrijk}", "Die Schritte {#stappen .belangrijk}", "De stappen", "Die Schritte"),
        ("[ ] Taak", "[ ] Aufgabe", "Taak", "Aufgabe"),
        ("[X]Zonder spatie", "[X]Ohne Leerzeichen", "Zonder spatie", "Ohne Leerzeichen"),
        ("{{% note %}} Een notitie. {{% /note %}}", "{{% note %}}\nEine Notiz.\n{{% /note %}}",
         "Een notitie.", "Eine Notiz."),
        ("{{% note %}} Begin.", "{{% note %}} Anfang.", "Begin.", "Anfang."),
        ("Eind. {{% /note %}}", "Ende.{{% /note %}}", "Eind.", "Ende."),
        (":   Een vrucht.", ":   Eine Frucht.", "Een vrucht.", "Eine Frucht."),
        # the msgid twice in the old one: the place whose ends the translation has
        ("ja [ ] ja", "ja [ ] jawohl", "ja", "jawohl"),
        ("[ ] ja ja", "[ ] jawohl ja", "ja ja", "jawohl ja"),
    ],
)
def test_structure_taken_off_the_ends_is_taken_off_the_translation(
    old_msgid: str, msgstr: str, msgid: str, kept: str
) -> None:
    assert trimmed_translation(old_msgid, msgstr, msgid) == kept


@pytest.mark.parametrize(
    "old_msgid, msgstr, msgid",
    [
        ("Kop {#kop}", "Kopf {#kopf}", "Kop"),  # the id translated: which part is text?
        ("Kop {#kop}", "{#kop} Kopf", "Kop"),
        ("[ ] Taak", "Aufgabe", "Taak"),
        ("[ ] Taak", "[ ]", "Taak"),  # nothing left
        ("Kop {#kop}", "{#kop}", "Kop"),
        ("Zie ook: de gids", "Siehe auch: den Leitfaden", "de gids"),  # prose, translated
        ("Kop {#kop}", "Kopf {#kop}", "Kop {#kop}"),  # the same msgid: nothing taken off
        ("Kop {#kop}", "Kopf {#kop}", "Hoofd"),  # not in it
    ],
)
def test_a_translation_without_those_ends_is_not_cut(old_msgid: str, msgstr: str, msgid: str) -> None:
    assert trimmed_translation(old_msgid, msgstr, msgid) is None


def test_update_keeps_the_translation_not_fuzzy_and_counts_it() -> None:
    old = [("Inleiding {#kop}", "Einleitung {#kop}"), ("[ ] Boodschappen doen", "[ ] Einkaufen"),
           ("Ongewijzigd", "Unverändert"),
           # three words or more: found through an inner word
           ("{{% note %}} Een notitie over twee regels. {{% /note %}}",
            "{{% note %}} Eine Notiz über zwei Zeilen. {{% /note %}}"),
           ("[X]Zonder spatie ertussen", "[X]Ohne Leerzeichen dazwischen")]
    catalog, stats = update_catalog(
        _catalog(*(Message(msgid=i, msgstr=s) for i, s in old)),
        _template("Inleiding", "Boodschappen doen", "Ongewijzigd", "Een notitie over twee regels.",
                  "Zonder spatie ertussen"), "de", "p.po",
    )
    assert [(m.msgid, m.msgstr, m.fuzzy, m.obsolete) for m in catalog.messages] == [
        ("Inleiding", "Einleitung", False, False),
        ("Boodschappen doen", "Einkaufen", False, False),
        ("Ongewijzigd", "Unverändert", False, False),
        ("Een notitie over twee regels.", "Eine Notiz über zwei Zeilen.", False, False),
        ("Zonder spatie ertussen", "Ohne Leerzeichen dazwischen", False, False),
    ]
    assert (stats.trimmed, stats.fuzzy, stats.obsolete, stats.new) == (4, 0, 0, 0)


def test_a_changed_id_is_left_to_msgmerge_rules() -> None:
    """The translator changed the id: not kept; fuzzy where close enough, else obsolete, as
    msgmerge has it (and the catalogs of unchanged posts stay msgmerge's)."""
    found, catalog = _updated([("Inleiding over het project {#kop}", "Einleitung zum Projekt {#einleitung}")],
                              "Inleiding over het project")
    entry = found["Inleiding over het project"]
    assert entry.fuzzy and entry.msgstr == "Einleitung zum Projekt {#einleitung}"
    found, catalog = _updated([("De stappen {#stappen .belangrijk}", "Die Schritte {#schritte}")], "De stappen")
    assert not found["De stappen"].msgstr
    assert [m.msgid for m in catalog.messages if m.obsolete] == ["De stappen {#stappen .belangrijk}"]


def test_a_fuzzy_or_untranslated_old_entry_gives_nothing_kept() -> None:
    old = Message(msgid="Kop {#kop}", msgstr="Kopf {#kop}", flags=["fuzzy"])
    catalog, stats = update_catalog(_catalog(old), _template("Kop"), "de", "p.po")
    assert stats.trimmed == 0
    assert [m for m in catalog.messages if not m.obsolete and m.msgstr and not m.fuzzy] == []


def test_the_context_must_be_the_same() -> None:
    old = Message(msgid="Kop {#kop}", msgstr="Kopf {#kop}", msgctxt="title")
    _, stats = update_catalog(_catalog(old), _template("Kop"), "de", "p.po")
    assert stats.trimmed == 0


def test_a_unit_found_as_it_is_wins() -> None:
    found, _ = _updated([("Kop {#kop}", "Kopf {#kop}"), ("Kop", "Haupt")], "Kop")
    assert found["Kop"].msgstr == "Haupt"


def test_a_sentence_deleted_from_a_paragraph_is_no_structure() -> None:
    """An edit that deletes the end of a paragraph: the translation does not end with the
    Dutch sentence, so it is not kept as it is (msgmerge's rules: too far to be fuzzy)."""
    found, _ = _updated([("Een zin. Nog een zin.", "Ein Satz. Noch ein Satz.")], "Een zin.")
    assert not found["Een zin."].msgstr


def _old_code_available() -> bool:
    done = subprocess.run(["git", "-C", str(REPO), "cat-file", "-e", "c884a5d^{commit}"],
                          check=False, capture_output=True)
    return done.returncode == 0


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    if not _old_code_available():
        pytest.skip("needs the git history (c884a5d, main before issue 13) to run the old code")
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import upgrade
    finally:
        sys.path.remove(str(REPO / "bench"))
    return upgrade.upgrade_counts(tmp_path_factory.mktemp("upgrade"))


def test_catalogs_of_the_old_code_lose_no_translation(upgraded) -> None:  # type: ignore[no-untyped-def]
    counts = upgraded
    assert counts.lost_entries == [] and counts.fuzzy_entries == []
    assert counts.kept_changed >= 20  # headings with ids, tasks, notes of the forms post
    assert counts.translations == (
        counts.kept_same + counts.kept_changed + counts.split + counts.gone
    )


def test_merge_after_the_upgrade_writes_what_the_old_code_wrote(upgraded) -> None:  # type: ignore[no-untyped-def]
    """Every German post the same but for the record's catalog checksum, except those issue
    13 changes on purpose: shortcode calls and code put back as the Dutch post has them, a
    definition list's new units, escapes no longer needed (``## 1. Stap``)."""
    counts = upgraded
    assert counts.missing_posts == []
    assert sorted(counts.changed_posts) == [
        "attributes/figure-shortcodes.md", "attributes/inner-markdown.md",
        "goldmark/deflist.md", "goldmark/headings.md", "vormen.md",
    ]
    assert counts.same_posts + counts.same_but_record + len(counts.changed_posts) == counts.posts
    headings = [line for line in counts.diffs["goldmark/headings.md"].splitlines()
                if line[:1] in "+-" and "sha256" not in line and line[:3] not in ("---", "+++")]
    assert headings == ["-## 1\\. Stäp", "+## 1. Stäp"]
