"""pipeline extract: the seed post's catalog, the update rules, idempotence, determinism.

Each update scenario runs once through the core (``extract`` with a fixed ``now``) and once
through the command line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import (
    FIXTURES,
    LATER,
    NOW,
    SEED,
    SEED_ID,
    invoke,
    make_root,
    po_path,
    pot_path,
    run_extract,
    snapshot,
)

from pipeline.update import build_template, update_catalog
from pipeline.config import DEFAULT_KEYS, DEFAULT_LIST_KEYS
from pipeline.po import Catalog, format_catalog, parse_catalog
from pipeline.post import load_post
from pipeline.segment import segment_post

REPO = Path(__file__).resolve().parent.parent
SEED_PATH = f"content/nl/{SEED_ID}.md"
EPOCH_NOW = 1767225600  # NOW
EPOCH_LATER = 1782820800  # LATER


def read_catalog(path: Path) -> Catalog:
    return parse_catalog(str(path), path.read_bytes())


def entries(catalog: Catalog) -> dict[tuple[str | None, str], object]:
    return {m.key: m for m in catalog.messages}


# ---------------------------------------------------------------------------------------
# The seed post


def seed_units() -> list:
    post = load_post(SEED_PATH, SEED.read_bytes())
    return segment_post(post, SEED_ID, DEFAULT_KEYS, DEFAULT_LIST_KEYS)


def test_seed_fixture_is_the_repository_post() -> None:
    assert SEED.read_bytes() == (REPO / "content" / "nl" / f"{SEED_ID}.md").read_bytes()


def test_seed_units_title_two_tags_slug_and_15_body_units() -> None:
    units = seed_units()
    front = [(u.context, u.text, u.line) for u in units if u.context is not None]
    assert front == [
        ("slug", "workshop-e-learning-toekomst", 1),
        ("title", "Workshop: Hoe je met e-learning je toekomst vorm kunt geven", 2),
        ("tags", "workshop", 4),
        ("tags", "e-learning", 4),
    ]
    body = [u for u in units if u.context is None]
    assert len(body) == 15
    assert [u.kind for u in body].count("heading 2") == 3
    assert [u.kind for u in body].count("paragraph") == 12
    assert [u.line for u in body] == [11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39]


def test_seed_catalog_entries(tmp_path: Path) -> None:
    root = make_root(tmp_path, {SEED.name: SEED.read_bytes()})
    [result] = run_extract(root)
    assert not result.errors
    assert result.units == 19
    pot = read_catalog(pot_path(root, SEED_ID))
    assert len(pot.messages) == 19
    by_key = entries(pot)
    first = by_key[
        (
            None,
            (
                "__Op vrijdag 9 februari hebben we een workshop gehouden over de aantrekkelijkheid als "
                "werkgever en kennismanagement. Defacto was uitgenodigd door ZeQ (een Duits "
                "adviesbureau voor verhoging van de kwaliteit binnen de gezondheidszorg) om samen deze "
                "workshop te verzorgen. Het werd een leuke middag, waar in een ontspannen sfeer veel "
                "kennis werd gedeeld.__"
            ),
        )
    ]
    assert first.locations == [(SEED_PATH, 11)]
    assert first.auto_comments == ["paragraph"]
    subtitle = by_key[
        (
            None,
            (
                "De ondertitel voor de bijeenkomst was _\u201cHoe je met e-learning je toekomst vorm kunt "
                'geven"_. Een thema dat in Duitsland op dit moment haar opwachting maakt, maar ook in '
                "Nederland actueel blijft. En ondanks dat we al jaren bekend zijn met het e-learning "
                "thema merken we dat we nooit zijn uitgeleerd."
            ),
        )
    ]
    assert subtitle.locations == [(SEED_PATH, 13)]
    heading = by_key[(None, "Kennismanagement")]
    assert heading.auto_comments == ["heading 2"]
    assert heading.locations == [(SEED_PATH, 33)]
    link = pot.messages[-1]
    assert link.msgid.startswith(
        "[Het Kwaliteitspaspoort](/kwaliteitspaspoort/) is een centrale plek"
    )
    assert link.locations == [(SEED_PATH, 39)]
    assert by_key[("slug", "workshop-e-learning-toekomst")].auto_comments == ["front matter: slug"]
    assert by_key[("title", "Workshop: Hoe je met e-learning je toekomst vorm kunt geven")]
    assert by_key[("tags", "workshop")].locations == [(SEED_PATH, 4)]
    assert by_key[("tags", "e-learning")].locations == [(SEED_PATH, 4)]
    # nothing else from the front matter
    assert {m.msgctxt for m in pot.messages} == {None, "slug", "title", "tags"}


def test_seed_po_header(tmp_path: Path) -> None:
    root = make_root(tmp_path, {SEED.name: SEED.read_bytes()})
    run_extract(root)
    po = read_catalog(po_path(root, SEED_ID))
    assert po.header("Language") == "de"
    assert po.header("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    assert po.header("Content-Type") == "text/plain; charset=UTF-8"
    assert po.header("Project-Id-Version") == SEED_ID
    assert po.header("POT-Creation-Date") == NOW
    for name in ("PO-Revision-Date", "Last-Translator", "Language-Team"):
        assert po.header(name) is not None
    assert [m.key for m in po.messages] == [
        m.key for m in read_catalog(pot_path(root, SEED_ID)).messages
    ]
    assert all(m.msgstr == "" and not m.flags for m in po.messages)


def test_entries_follow_the_post_order(tmp_path: Path) -> None:
    root = make_root(tmp_path, {SEED.name: SEED.read_bytes()})
    run_extract(root)
    pot = read_catalog(pot_path(root, SEED_ID))
    assert [(m.msgctxt, m.msgid) for m in pot.messages] == [
        (u.context, u.text) for u in seed_units()
    ]
    lines = [m.locations[0][1] for m in pot.messages]
    assert lines == sorted(lines)


# ---------------------------------------------------------------------------------------
# Update rules

V1 = """\
---
title: Titel
---

# Kop

Eerste alinea die blijft.

Tweede alinea die een beetje verandert.

Derde alinea die verdwijnt.

Vierde alinea, onvertaald, die ook verdwijnt.
"""

V2 = """\
---
title: Titel
---

# Kop

Eerste alinea die blijft.

Tweede alinea die een klein beetje verandert.

Nieuwe alinea, helemaal anders dan alles hiervoor.
"""

V3 = V2 + "\nDerde alinea die verdwijnt.\n"

GERMAN = {
    "Titel": "Titel",
    "Kop": "Überschrift",
    "Eerste alinea die blijft.": "Erster Absatz, der bleibt.",
    "Tweede alinea die een beetje verandert.": "Zweiter Absatz, der sich ein wenig ändert.",
    "Derde alinea die verdwijnt.": "Dritter Absatz, der verschwindet.",
}


def translate(path: Path) -> None:
    """What a translator does: fill msgstrs, add a comment and a flag (``no-c-format``, which
    describes the msgid: the next extract takes such flags from the template, as msgmerge does)."""
    catalog = read_catalog(path)
    for message in catalog.messages:
        message.msgstr = GERMAN.get(message.msgid, "")
        if message.msgid.startswith("Eerste"):
            message.user_comments.append("Begriff geprüft")
            message.flags.append("no-c-format")
        if message.msgid.startswith("Tweede"):
            message.user_comments.append("Vorsicht: Fachbegriff")
        if message.msgid.startswith("Derde"):
            message.user_comments.append("Bitte prüfen")
    path.write_text(format_catalog(catalog), encoding="utf-8")


CHANGED_ENTRIES = """\
# Begriff geprüft
#. paragraph
#: content/nl/post.md:7
msgid "Eerste alinea die blijft."
msgstr "Erster Absatz, der bleibt."

# Vorsicht: Fachbegriff
#. paragraph
#: content/nl/post.md:9
#, fuzzy
#| msgid "Tweede alinea die een beetje verandert."
msgid "Tweede alinea die een klein beetje verandert."
msgstr "Zweiter Absatz, der sich ein wenig ändert."

#. paragraph
#: content/nl/post.md:11
msgid "Nieuwe alinea, helemaal anders dan alles hiervoor."
msgstr ""

# Bitte prüfen
#~ msgid "Derde alinea die verdwijnt."
#~ msgstr "Dritter Absatz, der verschwindet."
"""


def check_v2(root: Path) -> None:
    text = po_path(root, "post").read_text(encoding="utf-8")
    assert text.endswith(CHANGED_ENTRIES)
    po = read_catalog(po_path(root, "post"))
    by_key = entries(po)
    assert by_key[(None, "Kop")].msgstr == "Überschrift"
    assert by_key[("title", "Titel")].msgstr == "Titel"
    # an untranslated unit that went away leaves nothing behind (as msgmerge does)
    assert not any("Vierde" in m.msgid for m in po.messages)
    # the PO's own header fields stay; POT-Creation-Date follows the template
    assert po.header("PO-Revision-Date") == NOW
    assert po.header("POT-Creation-Date") == LATER


def check_v3(root: Path) -> None:
    po = read_catalog(po_path(root, "post"))
    revived = entries(po)[(None, "Derde alinea die verdwijnt.")]
    assert not revived.obsolete
    assert not revived.fuzzy
    assert revived.msgstr == "Dritter Absatz, der verschwindet."
    assert revived.user_comments == ["Bitte prüfen"]
    assert revived.locations == [("content/nl/post.md", 13)]
    assert not any(m.obsolete for m in po.messages)


def test_update_rules_core(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"post.md": V1})
    [result] = run_extract(root, NOW)
    assert (result.stats.new, result.stats.fuzzy, result.stats.obsolete) == (7, 0, 0)
    translate(po_path(root, "post"))

    make_root(root, {"post.md": V2})
    [result] = run_extract(root, LATER)
    assert not result.errors
    assert (result.stats.new, result.stats.fuzzy, result.stats.obsolete) == (1, 1, 1)
    check_v2(root)

    make_root(root, {"post.md": V3})
    [result] = run_extract(root, LATER)
    assert (result.stats.new, result.stats.fuzzy, result.stats.obsolete) == (0, 0, 0)
    check_v3(root)


def test_update_rules_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_root(tmp_path, {"post.md": V1})
    # the command line takes its date from SOURCE_DATE_EPOCH (reproducible builds)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH_NOW))
    first = invoke("-C", str(root), "extract")
    assert first.exit_code == 0, first.output
    assert "created locale/de/LC_MESSAGES/post.po (7 new, 0 fuzzy, 0 obsolete)" in first.output
    translate(po_path(root, "post"))
    make_root(root, {"post.md": V2})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH_LATER))
    second = invoke("-C", str(root), "extract")
    assert second.exit_code == 0, second.output
    assert "updated locale/de/LC_MESSAGES/post.po (1 new, 1 fuzzy, 1 obsolete)" in second.output
    assert second.output.splitlines()[-1] == (
        "extract: 1 post, 6 units (1 new, 1 fuzzy, 1 obsolete); 2 files written"
    )
    check_v2(root)
    make_root(root, {"post.md": V3})
    third = invoke("-C", str(root), "extract")
    assert third.exit_code == 0, third.output
    check_v3(root)


def test_update_catalog_directly() -> None:
    """The pure function: old catalog + template in, merged catalog and counts out."""
    units = segment_post(
        load_post("content/nl/post.md", V1.encode()), "post", DEFAULT_KEYS, DEFAULT_LIST_KEYS
    )
    template = build_template("post", "content/nl/post.md", units, NOW)
    po, stats = update_catalog(None, template, "de", "content/nl/post.md")
    assert stats.new == 7 and po.header("Language") == "de"
    for message in po.messages:
        message.msgstr = GERMAN.get(message.msgid, "")
    units2 = segment_post(
        load_post("content/nl/post.md", V2.encode()), "post", DEFAULT_KEYS, DEFAULT_LIST_KEYS
    )
    template2 = build_template("post", "content/nl/post.md", units2, LATER)
    merged, stats = update_catalog(po, template2, "de", "content/nl/post.md")
    assert (stats.new, stats.fuzzy, stats.obsolete) == (1, 1, 1)
    fuzzy = [m for m in merged.messages if m.fuzzy]
    assert [(m.previous_msgid, m.msgstr) for m in fuzzy] == [
        ("Tweede alinea die een beetje verandert.", "Zweiter Absatz, der sich ein wenig ändert.")
    ]
    obsolete = [m for m in merged.messages if m.obsolete]
    assert [(m.msgid, m.msgstr) for m in obsolete] == [
        ("Derde alinea die verdwijnt.", "Dritter Absatz, der verschwindet.")
    ]
    # merging the same template again changes nothing
    again, stats = update_catalog(merged, template2, "de", "content/nl/post.md")
    assert format_catalog(again) == format_catalog(merged)
    assert (stats.new, stats.fuzzy, stats.obsolete) == (0, 0, 0)


def test_fuzzy_match_across_contexts_as_msgmerge(tmp_path: Path) -> None:
    """A title that became a heading: its translation is offered as fuzzy, as msgmerge offers
    an old entry of another msgctxt (the previous msgctxt kept in ``#| msgctxt``)."""
    root = make_root(tmp_path, {"post.md": "---\ntitle: Een mooie titel\n---\n\nTekst.\n"})
    run_extract(root)
    catalog = read_catalog(po_path(root, "post"))
    for message in catalog.messages:
        message.msgstr = {"Een mooie titel": "Ein schöner Titel", "Tekst.": "Text."}.get(
            message.msgid, ""
        )
    po_path(root, "post").write_text(format_catalog(catalog), encoding="utf-8")
    # the title goes away; a body heading with almost the same text appears
    make_root(root, {"post.md": "---\ntitle: Iets anders\n---\n\n# Een mooie titel!\n\nTekst.\n"})
    run_extract(root)
    by_key = entries(read_catalog(po_path(root, "post")))
    heading = by_key[(None, "Een mooie titel!")]
    assert heading.msgstr == "Ein schöner Titel" and heading.fuzzy
    assert (heading.previous_msgctxt, heading.previous_msgid) == ("title", "Een mooie titel")
    assert ("title", "Een mooie titel") not in by_key  # used: not obsolete
    assert by_key[(None, "Tekst.")].msgstr == "Text."


def test_changed_twice_keeps_the_translation(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"post.md": "Een zin die vaak verandert.\n"})
    run_extract(root)
    catalog = read_catalog(po_path(root, "post"))
    for message in catalog.messages:
        if message.msgctxt is None:
            message.msgstr = "Ein Satz, der sich oft ändert."
    po_path(root, "post").write_text(format_catalog(catalog), encoding="utf-8")
    for text in ("Een zin die heel vaak verandert.", "Een zin die erg vaak verandert."):
        make_root(root, {"post.md": text + "\n"})
        run_extract(root, LATER)
        entry = entries(read_catalog(po_path(root, "post")))[(None, text)]
        assert entry.fuzzy and entry.msgstr == "Ein Satz, der sich oft ändert."
        # the previous msgid stays the text the msgstr translates, as msgmerge keeps it
        assert entry.previous_msgid == "Een zin die vaak verandert."


# ---------------------------------------------------------------------------------------
# Idempotence and determinism


def fill_some(root: Path, post_id: str) -> None:
    path = po_path(root, post_id)
    catalog = read_catalog(path)
    for i, message in enumerate(catalog.messages):
        if i % 2:
            message.msgstr = f"Übersetzung {i}: {message.msgid[:20]}"
    catalog.messages[-1].user_comments.append("eine Anmerkung")
    path.write_text(format_catalog(catalog), encoding="utf-8")


def stats_of(root: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
        for p in sorted((root / "locale").rglob("*"))
        if p.is_file()
    }


def all_fixture_posts() -> dict[str, bytes]:
    posts = {SEED.name: SEED.read_bytes()}
    for path in sorted((FIXTURES / "extract").glob("*.md")):
        if path.name != "README.md":
            posts[f"fixtures/{path.name}"] = path.read_bytes()
    return posts


@pytest.mark.parametrize("use_cache", [False, True], ids=["no-cache", "cache"])
def test_second_run_writes_nothing_core(tmp_path: Path, use_cache: bool) -> None:
    root = make_root(tmp_path, all_fixture_posts())
    run_extract(root, NOW, use_cache)
    fill_some(root, SEED_ID)
    before = snapshot(root)
    stamps = stats_of(root)
    results = run_extract(root, LATER, use_cache)  # a later clock must not move any date
    assert all(not r.written and not r.errors for r in results)
    assert snapshot(root) == before
    assert stats_of(root) == stamps
    assert f'"POT-Creation-Date: {NOW}\\n"'.encode() in before[f"locale/templates/{SEED_ID}.pot"]


@pytest.mark.parametrize(
    "options", [[], ["--no-cache"], ["--jobs", "2"]], ids=["default", "no-cache", "jobs-2"]
)
def test_second_run_writes_nothing_cli(
    tmp_path: Path, options: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_root(tmp_path, all_fixture_posts())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH_NOW))
    first = invoke("-C", str(root), "extract", *options)
    assert first.exit_code == 0, first.output
    assert "30 files written" in first.output  # with the terms template and catalog
    fill_some(root, SEED_ID)
    # a tag translated in a post's catalog goes into the terms catalog, and from there into
    # the other posts' catalogs using it, once (pipeline.terms)
    settled = invoke("-C", str(root), "extract", *options)
    assert settled.exit_code == 0, settled.output
    assert all(line.startswith("updated locale/de/LC_MESSAGES/") for line in settled.output.splitlines()[:-1])
    before, stamps = snapshot(root), stats_of(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH_LATER))  # a later clock moves no date
    second = invoke("-C", str(root), "extract", *options)
    assert second.exit_code == 0, second.output
    assert second.output.splitlines()[-1].endswith("; 0 files written")
    assert "created" not in second.output and "updated" not in second.output
    assert snapshot(root) == before
    assert stats_of(root) == stamps


def test_dates_move_only_when_content_moves(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"a.md": "Alinea a.\n", "b.md": "Alinea b.\n"})
    run_extract(root, NOW)
    make_root(root, {"a.md": "Alinea a, veranderd.\n"})
    run_extract(root, LATER)
    assert read_catalog(pot_path(root, "a")).header("POT-Creation-Date") == LATER
    assert read_catalog(po_path(root, "a")).header("POT-Creation-Date") == LATER
    assert read_catalog(po_path(root, "a")).header("PO-Revision-Date") == NOW
    assert read_catalog(pot_path(root, "b")).header("POT-Creation-Date") == NOW
    assert read_catalog(po_path(root, "b")).header("POT-Creation-Date") == NOW


def test_a_broken_template_is_regenerated(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"a.md": "Alinea a.\n"})
    run_extract(root, NOW)
    good = pot_path(root, "a").read_bytes()
    pot_path(root, "a").write_text('msgid "kapot\n', encoding="utf-8")
    [result] = run_extract(root, NOW)
    assert not result.errors
    assert pot_path(root, "a").read_bytes() == good


def test_two_fresh_roots_give_identical_bytes(tmp_path: Path) -> None:
    posts = all_fixture_posts()
    one = make_root(tmp_path / "one", posts)
    two = make_root(tmp_path / "two", dict(reversed(list(posts.items()))))
    run_extract(one, NOW)
    run_extract(two, NOW)
    assert snapshot(one) == snapshot(two)
    assert len(snapshot(one)) == 2 * len(posts)


@pytest.mark.parametrize("nested", ["2017/02/post", "post"])
def test_post_id_is_the_path_without_md(tmp_path: Path, nested: str) -> None:
    root = make_root(tmp_path, {f"{nested}.md": "Tekst.\n"})
    [result] = run_extract(root)
    assert result.post_id == nested
    assert pot_path(root, nested).is_file()
    assert po_path(root, nested).is_file()
    pot = read_catalog(pot_path(root, nested))
    assert pot.messages[0].msgctxt == "slug" and pot.messages[0].msgid == "post"
    assert pot.messages[1].locations == [(f"content/nl/{nested}.md", 1)]


def test_cli_output_does_not_depend_on_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH_NOW))
    posts = all_fixture_posts()
    outputs = []
    for jobs in ("1", "3"):
        root = make_root(tmp_path / jobs, posts)
        result = invoke("-C", str(root), "extract", "--jobs", jobs)
        assert result.exit_code == 0, result.output
        outputs.append((result.output, snapshot(root)))
    assert outputs[0] == outputs[1]


def test_an_edit_reverted_gives_the_translation_back_not_fuzzy(tmp_path: Path) -> None:
    """A paragraph edited (its entry fuzzy, ``#|`` the old msgid) and then edited back: the
    msgstr translates the msgid again, so it is translated, with no ``#|``, no obsolete copy
    and no "from … .po" comment. (``msgmerge --previous`` leaves it fuzzy with ``#|`` equal to
    its msgid; README: Updating a catalog.)"""
    text = "---\ntitle: Titel\n---\n\nEen zin over kennis en leren op het werk.\n"
    root = make_root(tmp_path, {"post.md": text})
    run_extract(root)
    catalog = read_catalog(po_path(root, "post"))
    for message in catalog.messages:
        message.msgstr = "Ein Satz über Wissen und Lernen bei der Arbeit." if message.msgctxt is None else "Titel"
    po_path(root, "post").write_text(format_catalog(catalog), encoding="utf-8")
    translated = po_path(root, "post").read_bytes()
    make_root(root, {"post.md": text.replace("en leren", "en veel leren")})
    run_extract(root)
    edited = entries(read_catalog(po_path(root, "post")))[(None, "Een zin over kennis en veel leren op het werk.")]
    assert edited.fuzzy and edited.previous_msgid == "Een zin over kennis en leren op het werk."
    make_root(root, {"post.md": text})
    run_extract(root)
    assert po_path(root, "post").read_bytes() == translated
