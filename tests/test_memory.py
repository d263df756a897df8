"""The translation memory (issue 14): a unit its own catalog leaves untranslated gets the
closest translation of every catalog of the site (other posts, obsolete entries, posts that
are gone) and of the compendiums given with ``--compendium``, fuzzy with ``#|`` and a comment
naming its source, as ``msgmerge --compendium`` offers one. Exact matches are
tests/test_other_catalogs.py's; here the close ones, on the real articles, through the
command line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from support import (
    ARTICLES,
    LATER,
    make_root,
    msgfmt_check,
    needs_gettext,
    po_path,
    run_cli,
    run_extract,
    snapshot,
)

from pipeline.po import Catalog, Message, format_catalog, parse_catalog
from pipeline.update import translations_to_share


def read(root: Path, post_id: str) -> Catalog:
    path = po_path(root, post_id)
    return parse_catalog(str(path), path.read_bytes())


def german(msgid: str) -> str:
    return f"DE: {msgid}"


def translate_all(root: Path, post_id: str) -> None:
    """A translator confirms every entry."""
    catalog = read(root, post_id)
    for message in catalog.messages:
        message.msgstr = german(message.msgid)
        message.flags = [flag for flag in message.flags if flag != "fuzzy"]
        message.previous_msgctxt = message.previous_msgid = None
        message.user_comments = []
    po_path(root, post_id).write_text(format_catalog(catalog), encoding="utf-8")


def entries(root: Path, post_id: str) -> dict[tuple[str | None, str], Message]:
    return {m.key: m for m in read(root, post_id).messages if not m.obsolete}


def article(name: str) -> str:
    return next(path for path in ARTICLES if path.name == name).read_text(encoding="utf-8")


def paragraphs(text: str) -> list[str]:
    """The plain paragraphs of a post's body (no headings, lists, quotes, HTML or images)."""
    body = text.split("\n---\n", 1)[1]
    return [
        block for block in body.split("\n\n")
        if block and "\n" not in block and not block.startswith(("#", "-", "*", ">", "<", "!", "|", "1"))
        and len(block) > 80
    ]


def edited(paragraph: str) -> str:
    """A paragraph with one word changed: close to the old one (msgmerge's fuzzy)."""
    words = paragraph.split(" ")
    middle = len(words) // 2
    words[middle] = words[middle] + "je"
    return " ".join(words)


CATALOGS = "locale/de/LC_MESSAGES"


@needs_gettext
def test_a_paragraph_moved_and_edited_comes_in_fuzzy_from_the_other_post(tmp_path: Path) -> None:
    users, metrics = article("finding-users.md"), article("metrics.md")
    root = make_root(tmp_path, {"finding-users.md": users, "metrics.md": metrics})
    run_extract(root)
    translate_all(root, "finding-users")
    translate_all(root, "metrics")
    moved, moved_edited = paragraphs(users)[0], paragraphs(users)[1]
    assert moved_edited in users and moved_edited not in metrics
    # two paragraphs go from one article to the other, the second edited on the way
    make_root(root, {
        "finding-users.md": users.replace(moved + "\n\n", "").replace(moved_edited + "\n\n", ""),
        "metrics.md": metrics + "\n" + moved + "\n\n" + edited(moved_edited) + "\n",
    })
    done = run_cli(root, "extract")
    assert done.returncode == 0, done.stderr
    found = entries(root, "metrics")
    exact = found[(None, moved)]
    assert (exact.msgstr, exact.fuzzy, exact.user_comments) == (
        german(moved), False, [f"from {CATALOGS}/finding-users.po"]
    )
    close = found[(None, edited(moved_edited))]
    assert (close.msgstr, close.fuzzy) == (german(moved_edited), True)
    assert (close.previous_msgctxt, close.previous_msgid) == (None, moved_edited)
    assert close.user_comments == [f"close match from {CATALOGS}/finding-users.po"]
    assert (f"updated {CATALOGS}/metrics.po (0 new, 0 fuzzy, 0 obsolete, 1 from other catalogs, "
            "1 close from other catalogs)") in done.stdout
    assert "1 close, fuzzy (1 from the site, 0 from compendiums)" in done.stdout.splitlines()[-1]
    assert msgfmt_check(po_path(root, "metrics")).returncode == 0
    before = snapshot(root)
    again = run_cli(root, "extract")
    assert again.stdout.splitlines()[-1].endswith("; 0 files written")
    assert snapshot(root) == before


@needs_gettext
def test_a_real_article_split_in_two_costs_the_translator_nothing(tmp_path: Path) -> None:
    text = article("best-practices.md")
    head, rest = text.split("\n## Maak gebruik van uw community\n", 1)
    root = make_root(tmp_path, {"best-practices.md": text})
    run_extract(root)
    translate_all(root, "best-practices")
    part_two = "---\ntitle: Tips voor een open source-beheerder, deel 2\n---\n\n## Maak gebruik van uw community\n" + rest
    first = paragraphs(part_two)[0]
    make_root(root, {"best-practices.md": head + "\n", "best-practices-2.md": part_two.replace(first, edited(first))})
    done = run_cli(root, "extract")
    assert done.returncode == 0, done.stderr
    second = entries(root, "best-practices-2")
    left = [key for key, message in second.items() if not message.msgstr]
    assert left == [("slug", "best-practices-2")]  # a page's address: never taken
    title = second[("title", "Tips voor een open source-beheerder, deel 2")]
    assert (title.msgstr, title.fuzzy) == (german("Tips voor een open source-beheerder"), True)
    assert (title.previous_msgctxt, title.previous_msgid) == ("title", "Tips voor een open source-beheerder")
    paragraph = second[(None, edited(first))]
    assert (paragraph.msgstr, paragraph.fuzzy, paragraph.previous_msgid) == (german(first), True, first)
    fuzzy = [key for key, message in second.items() if message.fuzzy]
    assert sorted(fuzzy, key=str) == sorted([title.key, paragraph.key], key=str)
    assert msgfmt_check(po_path(root, "best-practices-2")).returncode == 0


def _post(title: str, *blocks: str) -> str:
    return f"---\ntitle: {title}\n---\n\n" + "\n\n".join(blocks) + "\n"


@needs_gettext
def test_the_same_msgid_in_another_msgctxt_wins_as_msgmerge_has_it(tmp_path: Path) -> None:
    """msgmerge's fuzzy search gives the same msgid in another msgctxt weight 1, above a
    msgid of the unit's own msgctxt that is merely close: the pipeline offers what real
    ``msgmerge --previous -C`` offers, fuzzy, ``#| msgctxt`` and all."""
    title = "Een nieuwe titel voor de hele wereld"
    root = make_root(tmp_path, {"a.md": _post(title, title + "!")})
    run_extract(root)
    translate_all(root, "a")
    make_root(root, {"b.md": _post("Iets heel anders dan dat", title)})
    run_extract(root, LATER)
    mine = entries(root, "b")[(None, title)]
    template = root / "locale" / "templates" / "b.pot"
    empty = tmp_path / "empty.po"
    empty.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
    gnu = subprocess.run(
        ["msgmerge", "-q", "--previous", "--no-wrap", "-C", str(po_path(root, "a")), "-o", "-",
         str(empty), str(template)],
        capture_output=True, check=True, timeout=60,
    ).stdout
    theirs = {m.key: m for m in parse_catalog("gnu", gnu).messages}[(None, title)]
    assert (mine.msgstr, mine.fuzzy) == (theirs.msgstr, theirs.fuzzy) == (german(title), True)
    assert (mine.previous_msgctxt, mine.previous_msgid) == (theirs.previous_msgctxt, theirs.previous_msgid)


def test_its_own_catalog_first_then_the_memory(tmp_path: Path) -> None:
    """A unit its own catalog offers a fuzzy translation keeps that one; the memory fills
    only what is left untranslated."""
    old = "Deze alinea gaat over fietsen in de stad en over de wegen die er naartoe leiden."
    elsewhere = old.replace("fietsen", "lopen")
    root = make_root(tmp_path, {"a.md": _post("Over A", old), "b.md": _post("Over B", elsewhere)})
    run_extract(root)
    translate_all(root, "a")
    translate_all(root, "b")
    changed = old.replace("stad", "grote stad")
    make_root(root, {"a.md": _post("Over A", changed)})
    results = run_extract(root, LATER)
    entry = entries(root, "a")[(None, changed)]
    assert (entry.msgstr, entry.fuzzy, entry.user_comments) == (german(old), True, [])
    assert [r.stats.close for r in results] == [0, 0]


def test_units_the_site_translates_in_several_ways_get_no_close_match(tmp_path: Path) -> None:
    text = "Een zin die in twee posts anders vertaald is, en daarom open blijft staan."
    root = make_root(tmp_path, {"a.md": _post("Over A", text), "b.md": _post("Over B", text)})
    run_extract(root)
    translate_all(root, "a")
    catalog = read(root, "b")
    for message in catalog.messages:
        message.msgstr = "Anders: " + message.msgid
    po_path(root, "b").write_text(format_catalog(catalog), encoding="utf-8")
    make_root(root, {"c.md": _post("Over C", text)})
    results = run_extract(root, LATER)
    entry = entries(root, "c")[(None, text)]
    assert (entry.msgstr, entry.fuzzy) == ("", False)
    assert any(w.code == "known-differently" for r in results for w in r.warnings)


def test_a_close_match_is_no_source_until_confirmed() -> None:
    """While fuzzy, an entry the memory filled shares nothing (its source does): a run cut
    short and run again writes what one run writes. Confirmed by a translator, it is theirs."""
    entry = Message(msgid="Nieuw", msgstr="Alt", flags=["fuzzy"], previous_msgid="Oud",
                    user_comments=["close match from locale/de/LC_MESSAGES/a.po"])
    catalog = Catalog([("Content-Type", "text/plain; charset=UTF-8")], [entry], [])
    assert translations_to_share(catalog) == []
    entry.flags, entry.previous_msgid = [], None
    assert [key for _, key, _ in translations_to_share(catalog)] == [(None, "Nieuw")]


def test_the_memory_is_not_built_when_every_unit_is_matched(tmp_path: Path, monkeypatch) -> None:
    """Only units left untranslated query the memory: a run where every new unit has an
    exact match (or its own fuzzy one) builds no index of the site's translations."""
    from pipeline import extract as extract_module

    built: list[object] = []
    real = extract_module.close_matches
    monkeypatch.setattr(extract_module, "close_matches", lambda *a: built.append(a) or real(*a))
    text = "Een alinea die van de ene post naar de andere verhuist, woord voor woord."
    root = make_root(tmp_path, {"a.md": _post("Over A", text), "b.md": _post("Over B", "Iets.")})
    run_extract(root)
    translate_all(root, "a")
    translate_all(root, "b")
    make_root(root, {"a.md": _post("Over A"), "b.md": _post("Over B", "Iets.", text)})
    run_extract(root, LATER)
    assert built == []
    make_root(root, {"b.md": _post("Over B", "Iets.", text, "Een heel nieuwe alinea.")})
    run_extract(root, LATER)
    assert len(built) == 1


# --compendium


def _compendium(path: Path, entries: list[tuple[str | None, str, str]], language: str | None = "de") -> Path:
    header = [("Content-Type", "text/plain; charset=UTF-8")]
    if language:
        header.append(("Language", language))
    messages = [Message(msgid=msgid, msgstr=msgstr, msgctxt=context) for context, msgid, msgstr in entries]
    path.write_text(format_catalog(Catalog(header, messages, [])), encoding="utf-8")
    return path


KNOWN = "Een alinea die een vertaalbureau al eens vertaald heeft, voor een andere klant."
NEAR = KNOWN.replace("andere klant", "nieuwe klant")


def test_a_compendium_fills_a_new_site_exact_and_close(tmp_path: Path) -> None:
    """The first run on a root without catalogs: exact matches come in translated, close
    ones fuzzy, each with a comment naming the compendium (as given); counted apart."""
    root = make_root(tmp_path / "site", {"a.md": _post("Over A", KNOWN, NEAR + " En meer.")})
    given = _compendium(tmp_path / "bureau.po", [(None, KNOWN, "Ein Absatz."), ("title", "Over B", "Über B")])
    done = run_cli(root, "extract", "--compendium", str(given))
    assert done.returncode == 0, done.stderr
    found = entries(root, "a")
    exact = found[(None, KNOWN)]
    assert (exact.msgstr, exact.fuzzy, exact.user_comments) == ("Ein Absatz.", False, [f"from compendium {given}"])
    close = found[(None, NEAR + " En meer.")]
    assert (close.msgstr, close.fuzzy, close.previous_msgid) == ("Ein Absatz.", True, KNOWN)
    assert close.user_comments == [f"close match from compendium {given}"]
    title = found[("title", "Over A")]
    assert (title.msgstr, title.fuzzy, title.previous_msgid) == ("Über B", True, "Over B")
    assert "1 from a compendium, 2 close from a compendium" in done.stdout
    assert done.stdout.splitlines()[-1].endswith(
        "translation memory: 1 exact (0 from the site, 1 from compendiums), "
        "2 close, fuzzy (0 from the site, 2 from compendiums)"
    )
    # what the compendium gave is no source of the site's memory: without it, nothing changes
    make_root(root, {"b.md": _post("Over B", KNOWN)})
    run_cli(root, "extract")
    assert entries(root, "b")[(None, KNOWN)].msgstr == ""


def test_the_site_before_the_compendium_and_the_first_compendium_first(tmp_path: Path) -> None:
    root = make_root(tmp_path / "site", {"a.md": _post("Over A", KNOWN)})
    run_extract(root)
    translate_all(root, "a")
    make_root(root, {"b.md": _post("Over B", KNOWN, NEAR)})
    first = _compendium(tmp_path / "one.po", [(None, KNOWN, "Eins"), (None, NEAR, "Eins, nah")])
    second = _compendium(tmp_path / "two.po", [(None, NEAR, "Zwei, nah")])
    done = run_cli(root, "extract", "--compendium", str(second), "--compendium", str(first))
    assert done.returncode == 0, done.stderr
    found = entries(root, "b")
    assert found[(None, KNOWN)].msgstr == german(KNOWN)  # the site's
    assert (found[(None, NEAR)].msgstr, found[(None, NEAR)].fuzzy) == ("Zwei, nah", False)


@needs_gettext
def test_a_compendium_made_by_msgcat_of_another_sites_catalogs(tmp_path: Path) -> None:
    """The agency's way: ``msgcat`` of an earlier site's catalogs (two catalogs that disagree
    make a fuzzy entry with msgcat's markers, which no unit takes)."""
    users = article("finding-users.md")
    old = make_root(tmp_path / "old", {"finding-users.md": users, "metrics.md": article("metrics.md")})
    run_extract(old)
    translate_all(old, "finding-users")
    translate_all(old, "metrics")
    compendium = tmp_path / "compendium.po"
    subprocess.run(
        ["msgcat", "--use-first", "-o", str(compendium),
         str(po_path(old, "finding-users")), str(po_path(old, "metrics"))],
        check=True, timeout=60,
    )
    root = make_root(tmp_path / "new", {"users.md": users.replace(paragraphs(users)[0], edited(paragraphs(users)[0]))})
    done = run_cli(root, "extract", "--compendium", str(compendium))
    assert done.returncode == 0, done.stderr
    found = read(root, "users")
    untranslated = [m.key for m in found.messages if not m.msgstr]
    assert untranslated == [("slug", "users")]
    assert sum(m.fuzzy for m in found.messages) == 1
    assert msgfmt_check(po_path(root, "users")).returncode == 0


def test_a_compendium_is_read_once_per_run(tmp_path: Path, monkeypatch) -> None:
    from pipeline import memory

    reads: list[str] = []
    real = memory.read_compendium
    monkeypatch.setattr(memory, "read_compendium", lambda *a: reads.append(a[1]) or real(*a))
    root = make_root(tmp_path / "site", {f"p{i}.md": _post(f"Post {i}", KNOWN, f"Alinea {i}.") for i in range(6)})
    given = _compendium(tmp_path / "bureau.po", [(None, KNOWN, "Ein Absatz.")])
    done = run_cli(root, "extract", "--jobs", "2", "--compendium", str(given))
    assert done.returncode == 0, done.stderr
    assert reads == [str(given)]
    assert all(entries(root, f"p{i}")[(None, KNOWN)].msgstr == "Ein Absatz." for i in range(6))


CONFLICTED = (
    b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    b'<<<<<<< HEAD\nmsgid "a"\nmsgstr "b"\n=======\nmsgid "a"\nmsgstr "c"\n>>>>>>> other\n'
)
LATIN1 = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "Groß"\nmsgstr "Groß"\n'.encode("latin-1")


@pytest.mark.parametrize(("name", "data", "said"), [
    ("missing.po", None, "missing.po: no such compendium: give a PO file"),
    ("notes.po", b"Dit is geen PO-bestand.\n", "notes.po:1: unknown keyword: 'Dit' (--compendium takes a PO file"),
    ("conflict.po", CONFLICTED, "conflict.po:5: git conflict markers"),
    ("latin1.po", LATIN1, "latin1.po:5: not UTF-8: the header says charset=ISO-8859-1: convert"),
    ("french.po", b'msgid ""\nmsgstr ""\n"Language: fr\\n"\n', "french.po:1: its Language is 'fr', and the site translates into de"),
    ("folder", "dir", "folder: is a folder, not a PO file"),
])
def test_a_bad_compendium_is_one_line_and_nothing_is_written(
    tmp_path: Path, name: str, data: bytes | str | None, said: str
) -> None:
    root = make_root(tmp_path / "site", {"a.md": _post("Over A", KNOWN)})
    run_extract(root)
    (root / "content" / "nl" / "a.md").write_text(_post("Over A", KNOWN, NEAR), encoding="utf-8")
    before = snapshot(root)
    given = tmp_path / name
    if data == "dir":
        given.mkdir()
    elif isinstance(data, bytes):
        given.write_bytes(data)
    done = run_cli(root, "extract", "--compendium", str(given))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {tmp_path}/{said}"), done.stderr
    assert snapshot(root) == before


def test_the_json_output_says_what_the_memory_filled(tmp_path: Path) -> None:
    root = make_root(tmp_path / "site", {"a.md": _post("Over A", KNOWN)})
    run_extract(root)
    translate_all(root, "a")
    make_root(root, {"b.md": _post("Over B", KNOWN, NEAR, "Iets heel anders.")})
    given = _compendium(tmp_path / "bureau.po", [(None, "Iets heel anders.", "Etwas anderes."),
                                                 (None, "Over C", "Über C")])
    done = run_cli(root, "extract", "--format", "json", "--compendium", str(given))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["memory"] == {"exact": {"site": 1, "compendium": 1}, "close": {"site": 2, "compendium": 0}}
    assert (data["posts"], data["new"], data["fuzzy"]) == (2, 1, 0)  # the slug is new
    assert {"path": "locale/de/LC_MESSAGES/b.po", "action": "created"} in data["written"]
    assert data["errors"] == [] and data["warnings"] == []


def test_the_api_takes_compendiums_and_raises_on_a_bad_one(tmp_path: Path) -> None:
    from pipeline import api
    from pipeline.errors import CompendiumError

    root = make_root(tmp_path / "site", {"a.md": _post("Over A", KNOWN)})
    given = _compendium(tmp_path / "bureau.po", [(None, KNOWN, "Ein Absatz.")])
    report = api.extract(root, compendium=[given])
    assert (report.known_compendium, report.close_compendium) == (1, 0)
    with pytest.raises(CompendiumError, match="no such compendium"):
        api.extract(root, compendium=[tmp_path / "gone.po"])


def test_the_cache_spares_reading_catalogs_that_hold_no_close_match(tmp_path: Path, monkeypatch) -> None:
    """Each catalog's words (with their msgctxt) are kept under the digest of its bytes: a
    run with new text reads for the memory only the catalogs that share half a new unit's
    words (and one changed since the last reading)."""
    from pipeline import extract as extract_module

    topics = ["fietsen door de polder", "koken met seizoensgroenten", "zeilen op het meer",
              "wandelen in de bergen"]
    root = make_root(tmp_path, {
        f"{i}.md": _post(f"Verhaal {i}", f"Wij schreven over {topic}.")
        for i, topic in enumerate(topics)
    })
    run_extract(root, use_cache=True)
    for i in range(len(topics)):
        translate_all(root, str(i))
    make_root(root, {"x.md": _post("Verhaal x", "Iets volkomen nieuws.")})  # every catalog read once
    run_extract(root, use_cache=True)
    seen: list[str] = []

    class Noted(extract_module._CloseCandidates):
        def __call__(self, path: Path):  # type: ignore[no-untyped-def]
            seen.append(path.name)
            return super().__call__(path)

    monkeypatch.setattr(extract_module, "_CloseCandidates", Noted)
    make_root(root, {"y.md": _post("Avond", "Wij schreven over zeilen op het grote meer.")})
    run_extract(root, LATER, use_cache=True)
    assert sorted(seen) == ["2.po", "x.po"]  # x.po: written after the last reading
    entry = entries(root, "y")[(None, "Wij schreven over zeilen op het grote meer.")]
    assert (entry.fuzzy, entry.user_comments) == (True, [f"close match from {CATALOGS}/2.po"])


# the cost of many new units at once


def _sentences(count: int, seed: int) -> list[str]:
    """Dutch sentences made of the real articles' words (none of them the same text)."""
    import random
    import re

    vocabulary = sorted({word for path in ARTICLES for word in re.findall(r"\w+", path.read_text(encoding="utf-8"))})
    chosen = random.Random(seed)
    return [" ".join(chosen.choice(vocabulary) for _ in range(chosen.randint(6, 30))) + "." for _ in range(count)]


def test_many_new_units_do_not_test_every_entry_of_the_site(monkeypatch) -> None:
    """A post of 2,000 new paragraphs in a site of 50,000 units was 2,000 × 50,000 tests of
    :func:`pipeline.memory.may_match` (minutes, in each worker): an entry is now tested only
    against the queries that share one of the words they cannot all miss."""
    from pipeline import memory

    site = [((None, text), "a.po", "DE") for text in _sentences(2000, 1)]
    queries = [memory.Query((None, text)) for text in _sentences(400, 2)]
    calls = []
    real = memory.may_match
    monkeypatch.setattr(memory, "may_match", lambda *a: calls.append(1) or real(*a))
    memory.candidates(site, queries)
    assert len(calls) < len(site) * len(queries) / 20


def test_the_candidates_are_those_of_every_test(tmp_path: Path) -> None:
    """The index of the queries' words keeps what testing every entry against every query
    keeps: on the real articles' paragraphs and edited copies of them, other msgctxts, the
    same msgid elsewhere, units without words of four letters."""
    from pipeline import memory

    texts = [p for path in ARTICLES for p in paragraphs(path.read_text(encoding="utf-8"))][:300]
    site: list = [((None, text), "a.po", "DE") for text in texts[::2]]
    site += [(("title", text[:40]), "a.po", "DE") for text in texts[:50]]
    site += [((None, short), "a.po", "DE") for short in ["Ja.", "1, 2, 3", "— @x", "Nee!", "Op de 1e."]]
    wanted = [(None, edited(text)) for text in texts[::3]] + [(None, text) for text in texts[1::4]]
    wanted += [("title", edited(text[:40])) for text in texts[:60]] + [("title", texts[0])]
    wanted += [(None, "Ja!"), (None, "1, 2"), (None, "— @y"), ("title", "Nee!")]
    queries = [memory.Query(key) for key in wanted]
    every = [
        entry for entry in site
        if any(memory.may_match(query, entry[0][0], entry[0][1], memory.words(entry[0][1])) for query in queries)
    ]
    assert memory.candidates(site, queries) == every
    assert len(every) > 100


@pytest.mark.parametrize("language", ["de_DE", "de-DE", "de_AT", "DE", "de_DE.UTF-8", "de_DE@euro"])
def test_a_compendium_of_a_regional_variant_fills_the_language(tmp_path: Path, language: str) -> None:
    """Poedit and Weblate write ``Language: de_DE`` (and msgmerge -C reads a compendium of
    any Language): a compendium in a variant of a target language is that language's, where
    the site translates into one language of that name only."""
    root = make_root(tmp_path / "site", {"a.md": _post("Over A", KNOWN)})
    given = _compendium(tmp_path / "bureau.po", [(None, KNOWN, "Ein Absatz.")], language=language)
    done = run_cli(root, "extract", "--compendium", str(given))
    assert done.returncode == 0, done.stderr
    assert entries(root, "a")[(None, KNOWN)].msgstr == "Ein Absatz."


@pytest.mark.xfail(strict=True, reason=(
    "a fuzzy entry shares its msgstr as the confirmed translation of its #| msgid (so that a run "
    "cut short gives what one run gives), but a translator may have begun editing it toward the "
    "new msgid: that unreviewed text reaches another post translated, and merge publishes it. "
    "msgmerge -C offers a fuzzy compendium entry as fuzzy. Not fixed in phase 2: coming in fuzzy "
    "depends on whether the source catalog was updated before the memory read it"))
def test_a_translation_being_edited_in_a_fuzzy_entry_is_not_given_as_confirmed(tmp_path: Path) -> None:
    text = "Een alinea die de vertaler al vertaald heeft, over fietsen in de regen."
    root = make_root(tmp_path, {"a.md": _post("Over A", text)})
    run_extract(root)
    translate_all(root, "a")
    make_root(root, {"a.md": _post("Over A", text.replace("regen", "zon"))})
    run_extract(root, LATER)
    catalog = read(root, "a")
    for message in catalog.messages:
        if message.fuzzy:
            message.msgstr = "Halb bearbeitet: die Sonne"  # saved, still fuzzy: not done
    po_path(root, "a").write_text(format_catalog(catalog), encoding="utf-8")
    make_root(root, {"b.md": _post("Over B", text)})
    run_extract(root, LATER)
    entry = entries(root, "b")[(None, text)]
    assert entry.msgstr == "" or entry.fuzzy
