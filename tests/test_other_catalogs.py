"""Translations found in other catalogs of the site (issue 12): a paragraph moved to another
post, a post split in two, a post renamed by hand, keep their translations.

A unit a catalog has no entry of (new, or changed: it would go fuzzy) takes the translation
the other catalogs of the site (in the same language) give its very text, with its msgctxt:
those of other posts, of posts that are gone (orphans), obsolete entries included. It comes
in translated, as ``msgmerge --compendium`` puts an exact match, with a comment naming the
catalog it came from. Where they translate it differently, none is taken (a warning names
them). The other catalogs are read only when some post has such units.
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

from pipeline import extract as extract_module
from pipeline.config import load_config
from pipeline.extract import extract
from pipeline.parallel import MIN_ITEMS_PER_JOB
from pipeline.po import Catalog, Message, format_catalog, parse_catalog


def read(root: Path, post_id: str) -> Catalog:
    path = po_path(root, post_id)
    return parse_catalog(str(path), path.read_bytes())


def german(msgid: str) -> str:
    return f"DE: {msgid}"


def translate_all(root: Path, post_id: str) -> None:
    """A translator confirms every entry (the slug too)."""
    catalog = read(root, post_id)
    for message in catalog.messages:
        message.msgstr = german(message.msgid)
    po_path(root, post_id).write_text(format_catalog(catalog), encoding="utf-8")


def entries(root: Path, post_id: str) -> dict[tuple[str | None, str], Message]:
    return {m.key: m for m in read(root, post_id).messages if not m.obsolete}


def post(title: str, *paragraphs: str) -> str:
    return f"---\ntitle: {title}\n---\n\n" + "\n\n".join(paragraphs) + "\n"


PARAGRAPHS = [f"Alinea {i} over fietsen, met genoeg woorden om echt tekst te zijn." for i in range(8)]


@needs_gettext
def test_a_paragraph_moved_to_another_post_keeps_its_translation(tmp_path: Path) -> None:
    root = make_root(tmp_path, {
        "a.md": post("Over A", *PARAGRAPHS[:3]),
        "b.md": post("Over B", *PARAGRAPHS[3:5]),
    })
    run_extract(root)
    translate_all(root, "a")
    translate_all(root, "b")
    # one edit: the last paragraph of A goes to B
    make_root(root, {
        "a.md": post("Over A", *PARAGRAPHS[:2]),
        "b.md": post("Over B", *PARAGRAPHS[3:5], PARAGRAPHS[2]),
    })
    results = run_extract(root, LATER)
    assert [r.stats.known for r in results] == [0, 1]
    moved = entries(root, "b")[(None, PARAGRAPHS[2])]
    assert moved.msgstr == german(PARAGRAPHS[2]) and not moved.fuzzy
    assert moved.user_comments == ["from locale/de/LC_MESSAGES/a.po"]
    assert msgfmt_check(po_path(root, "b")).returncode == 0
    before = snapshot(root)
    assert all(not r.written for r in run_extract(root, LATER))  # a second run changes nothing
    assert snapshot(root) == before


def test_the_command_says_how_many(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"a.md": post("Over A", *PARAGRAPHS[:3])})
    run_extract(root)
    translate_all(root, "a")
    make_root(root, {"a.md": post("Over A", PARAGRAPHS[0]), "b.md": post("Over B", *PARAGRAPHS[1:3])})
    done = invoke("-C", str(root), "extract")
    assert done.exit_code == 0, done.output
    # the title "Over B" comes in fuzzy from "Over A" (the translation memory's close match)
    assert ("created locale/de/LC_MESSAGES/b.po (1 new, 0 fuzzy, 0 obsolete, 2 from other catalogs, "
            "1 close from other catalogs)") in done.output
    assert done.output.splitlines()[-1].endswith(
        "; 2 translations taken from other catalogs; translation memory: 2 exact (2 from the site, "
        "0 from compendiums), 1 close, fuzzy (1 from the site, 0 from compendiums)"
    )
    again = invoke("-C", str(root), "extract")
    assert again.output.splitlines()[-1].endswith("; 0 files written")  # and says nothing more


@needs_gettext
def test_a_post_split_in_two_keeps_every_translation(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"lang.md": post("Een lange post", *PARAGRAPHS)})
    run_extract(root)
    translate_all(root, "lang")
    make_root(root, {
        "lang.md": post("Een lange post", *PARAGRAPHS[:4]),
        "lang-deel-2.md": post("Een lange post, deel 2", *PARAGRAPHS[4:]),
    })
    run_extract(root, LATER)
    second = entries(root, "lang-deel-2")
    for paragraph in PARAGRAPHS[4:]:
        assert second[(None, paragraph)].msgstr == german(paragraph)
        assert not second[(None, paragraph)].fuzzy
    kept = sum(
        1 for paragraph in PARAGRAPHS
        if any(e.get((None, paragraph)) and e[(None, paragraph)].msgstr == german(paragraph)
               for e in (entries(root, "lang"), second))
    )
    assert kept == len(PARAGRAPHS)  # 100 %
    # the new title is close to the old one: offered fuzzy; the slug is never taken
    title = second[("title", "Een lange post, deel 2")]
    assert (title.msgstr, title.fuzzy) == (german("Een lange post"), True)
    assert (title.previous_msgctxt, title.previous_msgid) == ("title", "Een lange post")
    assert title.user_comments == ["close match from locale/de/LC_MESSAGES/lang.po"]
    assert second[("slug", "lang-deel-2")].msgstr == ""
    for post_id in ("lang", "lang-deel-2"):
        assert msgfmt_check(po_path(root, post_id)).returncode == 0


def test_from_the_catalog_of_a_post_that_is_gone(tmp_path: Path) -> None:
    """A post renamed by hand (not with ``pipeline mv``): its old catalog is an orphan, and
    the post under its new name takes every translation from it, its slug excepted."""
    root = make_root(tmp_path, {"oud.md": post("Over fietsen", *PARAGRAPHS[:3])})
    run_extract(root)
    translate_all(root, "oud")
    (root / "content" / "nl" / "oud.md").rename(root / "content" / "nl" / "nieuw.md")
    [result] = run_extract(root, LATER)
    assert result.stats.known == 4  # the title and three paragraphs
    new = entries(root, "nieuw")
    assert new[("title", "Over fietsen")].msgstr == german("Over fietsen")
    assert new[(None, PARAGRAPHS[1])].user_comments == ["from locale/de/LC_MESSAGES/oud.po"]
    # a German slug is a page's address, not a text: not taken from another post
    assert new[("slug", "nieuw")].msgstr == ""
    assert po_path(root, "oud").is_file()  # the orphan is left as it is


def test_from_an_obsolete_entry(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"a.md": post("Over A", *PARAGRAPHS[:2]), "b.md": post("Over B", PARAGRAPHS[5])})
    run_extract(root)
    translate_all(root, "a")
    make_root(root, {"a.md": post("Over A", PARAGRAPHS[0])})
    run_extract(root)
    assert any(m.obsolete and m.msgid == PARAGRAPHS[1] for m in read(root, "a").messages)
    make_root(root, {"b.md": post("Over B", PARAGRAPHS[5], PARAGRAPHS[1])})
    run_extract(root, LATER)
    assert entries(root, "b")[(None, PARAGRAPHS[1])].msgstr == german(PARAGRAPHS[1])


def test_different_translations_give_none(tmp_path: Path) -> None:
    root = make_root(tmp_path, {
        "a.md": post("Over A", "Inleiding", PARAGRAPHS[0]),
        "c.md": post("Over C", "Inleiding", PARAGRAPHS[1]),
        "d.md": post("Over D", "Inleiding", PARAGRAPHS[2]),
    })
    run_extract(root)
    for post_id in ("a", "c", "d"):
        translate_all(root, post_id)
    catalog = read(root, "c")
    for message in catalog.messages:
        if message.msgid == "Inleiding":
            message.msgstr = "Einführung"
    po_path(root, "c").write_text(format_catalog(catalog), encoding="utf-8")
    make_root(root, {"b.md": post("Over B", "Inleiding", PARAGRAPHS[0])})
    [_, b, _, _] = run_extract(root, LATER)
    found = entries(root, "b")
    assert found[(None, "Inleiding")].msgstr == ""  # "Einleitung" twice, "Einführung" once
    assert found[(None, PARAGRAPHS[0])].msgstr == german(PARAGRAPHS[0])
    [warning] = b.warnings
    assert "msgid 'Inleiding' left untranslated: other catalogs translate it in 2 ways" in str(warning)
    assert "locale/de/LC_MESSAGES/a.po, locale/de/LC_MESSAGES/c.po, locale/de/LC_MESSAGES/d.po" in str(warning)


def test_translations_that_agree_name_every_catalog(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"a.md": post("Over A", "Inleiding"), "c.md": post("Over C", "Inleiding")})
    run_extract(root)
    translate_all(root, "a")
    translate_all(root, "c")
    make_root(root, {"b.md": post("Over B", "Inleiding")})
    run_extract(root, LATER)
    entry = entries(root, "b")[(None, "Inleiding")]
    assert entry.msgstr == german("Inleiding")
    assert entry.user_comments == ["from locale/de/LC_MESSAGES/a.po and 1 other catalog"]


def test_only_confirmed_translations_of_the_same_context(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"a.md": post("Fietsen", "Fietsen", PARAGRAPHS[0], PARAGRAPHS[1])})
    run_extract(root)
    catalog = read(root, "a")
    for message in catalog.messages:
        if message.key == ("title", "Fietsen"):
            message.msgstr = "Radfahren"
        if message.msgid == PARAGRAPHS[0]:
            message.msgstr, message.flags = "unsicher", ["fuzzy"]
    po_path(root, "a").write_text(format_catalog(catalog), encoding="utf-8")
    make_root(root, {"b.md": post("Iets anders", "Fietsen", PARAGRAPHS[0])})
    run_extract(root, LATER)
    found = entries(root, "b")
    # the title's translation is not a heading's: offered fuzzy, as msgmerge -C offers it
    heading = found[(None, "Fietsen")]
    assert (heading.msgstr, heading.fuzzy) == ("Radfahren", True)
    assert (heading.previous_msgctxt, heading.previous_msgid) == ("title", "Fietsen")
    assert found[(None, PARAGRAPHS[0])].msgstr == ""  # a fuzzy translation is not taken


def test_an_exact_match_elsewhere_beats_a_fuzzy_one_of_its_own(tmp_path: Path) -> None:
    near = PARAGRAPHS[1].replace("fietsen", "de fiets")
    root = make_root(tmp_path, {"a.md": post("Over A", PARAGRAPHS[1]), "b.md": post("Over B", near)})
    run_extract(root)
    translate_all(root, "a")
    translate_all(root, "b")
    make_root(root, {"a.md": post("Over A", PARAGRAPHS[0]), "b.md": post("Over B", PARAGRAPHS[1])})
    run_extract(root, LATER)
    entry = entries(root, "b")[(None, PARAGRAPHS[1])]
    assert entry.msgstr == german(PARAGRAPHS[1]) and not entry.fuzzy
    # b's own old translation, no longer used, stays as obsolete
    assert any(m.obsolete and m.msgid == near for m in read(root, "b").messages)


def test_one_post_extracted_takes_from_every_catalog(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"a.md": post("Over A", *PARAGRAPHS[:2])})
    run_extract(root)
    translate_all(root, "a")
    make_root(root, {"b.md": post("Over B", PARAGRAPHS[1])})
    done = invoke("-C", str(root), "extract", "content/nl/b.md")
    assert done.exit_code == 0, done.output
    assert entries(root, "b")[(None, PARAGRAPHS[1])].msgstr == german(PARAGRAPHS[1])


@pytest.mark.parametrize("use_cache", [True, False], ids=["cache", "no-cache"])
def test_no_other_catalog_is_read_without_new_units(
    tmp_path: Path, use_cache: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run with nothing new (nothing at all, or paragraphs deleted, or a translator's
    save) does not read the other catalogs, and changes nothing it did not before."""
    root = make_root(tmp_path, {"a.md": post("Over A", *PARAGRAPHS[:3]), "b.md": post("Over B", PARAGRAPHS[4])})
    run_extract(root, NOW, use_cache)
    translate_all(root, "a")

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the other catalogs were read")

    monkeypatch.setattr(extract_module, "known_in_catalogs", fail)
    run_extract(root, NOW, use_cache)
    before = snapshot(root)
    assert all(not r.written for r in run_extract(root, LATER, use_cache))
    assert snapshot(root) == before
    make_root(root, {"a.md": post("Over A", *PARAGRAPHS[:2])})  # a paragraph deleted
    [a, b] = run_extract(root, LATER, use_cache)
    assert a.stats.obsolete == 1 and not b.written


def test_the_first_run_on_a_root_does_each_post_once(tmp_path: Path) -> None:
    """No catalog yet: nothing to take, no post waits for the others."""
    root = make_root(tmp_path, {"a.md": post("A", PARAGRAPHS[0]), "b.md": post("B", PARAGRAPHS[0])})
    results = list(extract(load_config(root), now=NOW, use_cache=False))
    assert [r.pending for r in results] == [{}, {}]
    assert entries(root, "b")[(None, PARAGRAPHS[0])].msgstr == ""


def _many_posts(count: int) -> dict[str, str]:
    return {
        f"{i:02d}.md": post(f"Post {i}", *(f"Zin {i}.{j} over fietsen en routes." for j in range(4)))
        for i in range(count)
    }


def test_output_and_catalogs_do_not_depend_on_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the templates' POT-Creation-Date: the same in both runs, not the clock's minute
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    count = 2 * MIN_ITEMS_PER_JOB + 4  # enough posts, and catalogs, for two workers
    outputs = []
    for jobs in ("1", "2"):
        root = make_root(tmp_path / jobs, _many_posts(count))
        assert invoke("-C", str(root), "extract", "--jobs", jobs).exit_code == 0
        for i in range(count):
            translate_all(root, f"{i:02d}")
        # every post gives its last sentence to the next one, and a new post takes some
        edited = {
            f"{i:02d}.md": post(
                f"Post {i}",
                *(f"Zin {i}.{j} over fietsen en routes." for j in range(3)),
                f"Zin {(i - 1) % count}.3 over fietsen en routes.",
            )
            for i in range(count)
        }
        edited["nieuw.md"] = post("Nieuw", "Zin 5.0 over fietsen en routes.", "Helemaal nieuw.")
        make_root(root, edited)
        done = invoke("-C", str(root), "extract", "--jobs", jobs)
        assert done.exit_code == 0, done.output
        outputs.append((done.output, snapshot(root)))
    assert outputs[0] == outputs[1]
    output, files = outputs[0]
    assert output.splitlines()[-1].endswith(f"; {count + 1} translations taken from other catalogs")
    assert 'msgid "Zin 0.3 over fietsen en routes."\nmsgstr "DE: Zin 0.3' in files["locale/de/LC_MESSAGES/01.po"].decode()


def test_many_new_units_are_looked_for_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Posts with more new units than a run holds at once are done in batches, each reading
    the catalogs again: the same catalogs, the results in post order."""
    posts = _many_posts(12)
    roots = []
    reads: list[int] = []
    real = extract_module.known_in_catalogs

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        reads[-1] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(extract_module, "known_in_catalogs", counted)
    for name, batch in (("whole", None), ("batches", 5)):
        reads.append(0)
        if batch is not None:
            monkeypatch.setattr(extract_module, "KNOWN_BATCH_UNITS", batch)
        root = make_root(tmp_path / name, posts)
        run_extract(root)
        for i in range(12):
            translate_all(root, f"{i:02d}")
        # every post split: its second half becomes a post of its own
        make_root(root, {f"{i:02d}.md": post(f"Post {i}", f"Zin {i}.0 over fietsen en routes.") for i in range(12)})
        make_root(root, {
            f"{i:02d}-b.md": post(f"Post {i}", *(f"Zin {i}.{j} over fietsen en routes." for j in (1, 2, 3)))
            for i in range(12)
        })
        results = run_extract(root, LATER)
        assert [r.post_id for r in results] == sorted((r.post_id for r in results), key=lambda p: f"{p}.md")
        assert sum(r.stats.known for r in results) == 12 * 4  # a title and three sentences each
        roots.append(root)
    assert snapshot(roots[0]) == snapshot(roots[1])
    assert reads == [1, 12]  # four units a post: one post a batch


def test_the_cache_spares_reading_catalogs_that_translate_none_of_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What each catalog translates is kept under the digest of its bytes: a catalog read by
    an earlier run, unchanged, that translates none of the units is not read again; one
    changed since (a translator's save) is."""
    root = make_root(tmp_path, {f"{name}.md": post(f"Over {name}", PARAGRAPHS[i]) for i, name in enumerate("acdf")})
    run_extract(root, NOW, use_cache=True)
    for name in "acdf":
        translate_all(root, name)
    make_root(root, {"b.md": post("Over b", PARAGRAPHS[4])})  # looked for everywhere: the cache filled
    run_extract(root, NOW, use_cache=True)
    seen: list[str] = []

    class Noted(extract_module._ShareTranslations):
        def __call__(self, path: Path):  # type: ignore[no-untyped-def]
            seen.append(path.name)
            return super().__call__(path)

    monkeypatch.setattr(extract_module, "_ShareTranslations", Noted)
    catalog = read(root, "d")  # a translator's save: read again
    catalog.messages[-1].user_comments.append("geprüft")
    po_path(root, "d").write_text(format_catalog(catalog), encoding="utf-8")
    make_root(root, {"e.md": post("Over e", PARAGRAPHS[0])})
    run_extract(root, LATER, use_cache=True)
    assert sorted(seen) == ["a.po", "b.po", "d.po"]  # b.po: written after the last reading
    assert entries(root, "e")[(None, PARAGRAPHS[0])].msgstr == german(PARAGRAPHS[0])
    seen.clear()
    make_root(root, {"g.md": post("Over g", PARAGRAPHS[2])})
    run_extract(root, LATER, use_cache=True)
    assert sorted(seen) == ["d.po", "e.po"]  # d.po has it; e.po was written since
    assert entries(root, "g")[(None, PARAGRAPHS[2])].user_comments == ["from locale/de/LC_MESSAGES/d.po"]


def test_what_a_catalog_shares_is_the_same_before_and_after_extract_updates_it() -> None:
    """A run killed half-way leaves some catalogs updated: what they share must be what they
    shared before, or the run again gives other bytes than an uninterrupted run
    (tests/test_reliability_kill.py). An entry extract made fuzzy shares its old translation
    as that of its previous msgid; one extract took from other catalogs shares nothing."""
    from pipeline.po import parse_catalog
    from pipeline.update import translations_to_share

    catalog = parse_catalog("x.po", (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Eigen"\nmsgstr "Eigene"\n\n'
        '#, fuzzy\n#| msgid "Oud"\nmsgid "Oud, bewerkt"\nmsgstr "Alt"\n\n'
        '#, fuzzy\nmsgid "Geen vorige"\nmsgstr "Kein"\n\n'
        '# from locale/de/LC_MESSAGES/a.po and 2 other catalogs\nmsgid "Overgenomen"\nmsgstr "Übernommen"\n\n'
        '# from locale/de/LC_MESSAGES/b.po\nmsgid "Ook overgenomen"\nmsgstr "Auch"\n\n'
        '# a note of the translator\nmsgid "Met notitie"\nmsgstr "Mit Notiz"\n\n'
        '#~ msgid "Weg"\n#~ msgstr "Fort"\n'
    ).encode())
    shared = [(key, msgstr) for _, key, msgstr in translations_to_share(catalog)]
    assert shared == [
        ((None, "Eigen"), "Eigene"),
        ((None, "Oud"), "Alt"),
        ((None, "Met notitie"), "Mit Notiz"),
        ((None, "Weg"), "Fort"),
    ]
