"""What extract keeps of each catalog it makes that shares nothing, for the next runs'
other-catalogs and memory look-ups (:attr:`pipeline.extract.PostResult.shared`): it must be
what reading the catalog back gives, or a later run skips a catalog that translates what it
looks for."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import ARTICLES, LATER, make_root, po_path, run_extract
from terms_site import catalogs_parsed_by_terms, tagged_post

from pipeline import api
from pipeline import extract as extract_module
from pipeline.cache import Store, digest
from pipeline.config import load_config
from pipeline.files import in_line_endings_of
from pipeline.memory import signature
from pipeline.po import Catalog, Message, format_catalog, parse_catalog
from pipeline.runner import memory_cache, shared_translations_cache
from pipeline.update import translations_to_share


def _translate(path: Path, crlf: bool = False) -> None:
    """Every other entry translated, one in four of those fuzzy with a previous msgid."""
    catalog = parse_catalog(str(path), path.read_bytes())
    for number, message in enumerate(catalog.messages):
        if number % 2 == 0:
            message.msgstr = f"DE {message.msgid}"
        if number % 8 == 0:
            message.flags = ["fuzzy"]
            message.previous_msgid = message.msgid + " (oud)"
    data = format_catalog(catalog).encode()
    path.write_bytes(data.replace(b"\n", b"\r\n") if crlf else data)


def _read_back(path: Path) -> tuple[set[int], set[int]]:
    """What the look-ups learn by reading the catalog: its units' key digests, its signature."""
    shared = translations_to_share(parse_catalog(str(path), path.read_bytes()))
    return {number for number, _, _ in shared}, signature(key for _, key, _ in shared)


def test_what_extract_keeps_of_a_catalog_is_what_reading_it_gives(tmp_path: Path) -> None:
    posts = {article.name: article.read_bytes() for article in ARTICLES[:4]}
    root = make_root(tmp_path, posts)
    run_extract(root, use_cache=True)
    for number, article in enumerate(ARTICLES[:4]):
        if number % 2:  # two catalogs translated (one with CRLF), two left as extract made them
            _translate(po_path(root, article.stem), crlf=number == 1)
        text = article.read_text(encoding="utf-8").replace("\n\n", "\n\nEen nieuwe alinea erbij.\n\n", 1)
        (root / "content" / "nl" / article.name).write_text(text, encoding="utf-8")
    run_extract(root, LATER, use_cache=True)  # every catalog updated, each from what it was
    config = load_config(root)
    with Store(root) as store:
        shared, memory = shared_translations_cache(store, config, "de"), memory_cache(store, config, "de")
        for number, article in enumerate(ARTICLES[:4]):
            path = po_path(root, article.stem)
            key = {"po": digest(path.read_bytes())}
            kept_shared, kept_memory = shared.get(config.relative(path), key), memory.get(config.relative(path), key)
            units, words = _read_back(path)
            if number % 2 == 0:  # untranslated: kept by the run that made it
                assert kept_shared is not None and kept_memory is not None, path
                assert (units, words) == (set(), set())
            if kept_shared is not None:
                assert extract_module._unpacked(kept_shared["units"], 8) == units
            if kept_memory is not None:
                assert extract_module._unpacked(kept_memory["words"], 4) == words


_CHARACTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")  # PO holds no NUL
_TEXT = st.text(_CHARACTERS, min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(_TEXT, st.one_of(st.none(), _TEXT), st.sampled_from(["", " ", "\n"]), st.sampled_from(
        ["", "fuzzy", "previous", "obsolete", "plural"])), min_size=1, max_size=6,
             unique_by=lambda entry: (entry[1], entry[0])),
    st.booleans(),
)
def test_a_catalog_without_msgstrs_shares_nothing_once_written_and_read_back(entries, crlf) -> None:
    """The shortcut's rule: a catalog made with no msgstr (blank ones aside) shares nothing,
    whatever its msgids, flags and states, as its bytes parsed back tell."""
    messages = []
    for msgid, msgctxt, msgstr, state in entries:
        message = Message(msgid=msgid, msgctxt=msgctxt, msgstr="" if state == "plural" else msgstr)
        if state in ("fuzzy", "previous"):
            message.flags = ["fuzzy"]
        if state == "previous":
            message.previous_msgid = msgid[::-1]
        if state == "obsolete":
            message.obsolete = True
        if state == "plural":
            message.msgid_plural, message.msgstr_plural = msgid + "s", {0: "Eins", 1: "Viele"}
        messages.append(message)
    catalog = Catalog([("Content-Type", "text/plain; charset=UTF-8")], messages, [])
    old = b'msgid ""\r\nmsgstr ""\r\n' if crlf else None
    read = parse_catalog("x.po", in_line_endings_of(old, format_catalog(catalog).encode()))
    if not any(message.msgstr for message in catalog.messages):
        assert translations_to_share(read) == []


# ---------------------------------------------------------------------------------------
# the term entries of each file extract writes, for the terms pass after it


def _kept_terms_match_the_files(root: Path) -> int:
    """Every template and catalog of a post: what the terms cache keeps under the digest of
    its bytes is its term entries read back. The number of files kept."""
    from pipeline.terms import term_keys, terms_cache
    from pipeline.update import term_entries

    config = load_config(root)
    keys = term_keys(config)
    kept = 0
    with Store(root) as store:
        cache = terms_cache(store, config, keys)
        for path in sorted((root / "locale").rglob("*.po*")):
            if path.name.startswith("_"):
                continue
            data = path.read_bytes()
            entry = cache.get(config.relative(path), {"file": digest(data)})
            assert entry is not None, path
            expected = term_entries(parse_catalog(str(path), data), keys)
            assert entry["terms"] == json.loads(json.dumps(expected)), path
            kept += 1
    return kept


def test_the_terms_pass_after_extract_reads_no_post_s_template_or_catalog(tmp_path: Path, monkeypatch) -> None:
    """Extract keeps the term entries of each template and catalog it writes: the terms pass
    of the same run (on 300 posts a sixth of a first extract) reads none of them back."""
    root = make_root(tmp_path, {f"{name}.md": tagged_post(name.upper(), ["fiets", name]) for name in "abc"})
    read = catalogs_parsed_by_terms(monkeypatch)
    assert not api.extract(root, now=0).errors
    assert [shown for shown in read if "_terms" not in shown] == []
    assert _kept_terms_match_the_files(root) == 6
    assert ("tags", "fiets") in {m.key for m in parse_catalog("t", (root / "locale/templates/_terms.pot").read_bytes()).messages}


_TAG = st.text(st.characters(categories=("L", "N", "Zs", "P", "S"), exclude_characters="\u2028\u2029\x85"),
               min_size=1, max_size=12).filter(lambda tag: tag.strip() == tag)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.lists(_TAG, min_size=1, max_size=3), min_size=1, max_size=3))
def test_the_term_entries_kept_are_the_files_read_back(tags: list[list[str]]) -> None:
    """Whatever the terms (quotes, colons, spaces, letters of any script), what extract keeps
    is what the terms pass would read of the file."""
    with tempfile.TemporaryDirectory() as folder:
        root = make_root(Path(folder), {f"p{number}.md": tagged_post(f"P{number}", post_tags)
                                        for number, post_tags in enumerate(tags)})
        report = api.extract(root, now=0)
        if report.errors:  # terms YAML or the pipeline refuses: nothing kept to compare
            return
        _kept_terms_match_the_files(root)


# ---------------------------------------------------------------------------------------
# a template there that is what extract would write again is not parsed


_POST = ("---\ntitle: Over fietsen\ntags: [fiets]\n---\n\nEen alinea over fietsen.\n\n"
         "POT-Creation-Date: 2020-01-01 00:00+0000\n\n| kop | kop 2 |\n|---|---|\n| cel | cel 2 |\n")


def _run_both(tmp_path: Path, change_template, post: str = _POST) -> None:
    """Extract one post whose template ``change_template`` changed, once as extract runs
    (the shortcut) and once told of every file it parses (as check runs it: the slow path);
    the results and the files must be the same."""
    from pipeline.extract import creation_date, extract_post

    outcomes = []
    for name, seen in (("fast", None), ("slow", lambda *args: None)):
        root = make_root(tmp_path / name, {"a.md": post})
        run_extract(root)
        template = root / "locale" / "templates" / "a.pot"
        template.write_bytes(change_template(template.read_bytes()))
        config = load_config(root)
        result = extract_post(config, root / "content" / "nl" / "a.md", creation_date(1800000000.0), seen=seen)
        files = {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted((root / "locale").rglob("*"))
                 if path.is_file()}
        outcomes.append((files, [str(e) for e in result.errors], [str(w) for w in result.warnings],
                         [(w.path, w.action, w.stats) for w in result.written], result.digests, result.units,
                         result.stats))
    assert outcomes[0] == outcomes[1]


_CHANGES = {
    "unchanged": lambda data: data,
    "another date": lambda data: data.replace(b"POT-Creation-Date: 2026", b"POT-Creation-Date: 2025"),
    "no date": lambda data: re.sub(rb"POT-Creation-Date: [^\\\n]*", b"POT-Creation-Date: ", data),
    "no date line": lambda data: re.sub(rb'"POT-Creation-Date: [^\n]*\n', b"", data),
    "crlf": lambda data: data.replace(b"\n", b"\r\n"),
    "a translation typed in": lambda data: data.replace(b'msgstr ""\n\n#. paragraph', b'msgstr "Ein Absatz"\n\n#. paragraph', 1),
    "a msgid edited": lambda data: data.replace(b"Een alinea", b"Een andere alinea"),
    "two headers": lambda data: data.split(b"\n\n")[0] + b"\n\n" + data,
    "utf-16": lambda data: data.decode("utf-8").encode("utf-16"),
    "gone": lambda data: b"",
}


@pytest.mark.parametrize("change", sorted(_CHANGES))
def test_a_template_kept_unparsed_gives_what_parsing_it_gives(tmp_path: Path, change: str) -> None:
    _run_both(tmp_path, _CHANGES[change])


def test_a_template_kept_unparsed_when_the_post_changed_too(tmp_path: Path) -> None:
    _run_both(tmp_path, lambda data: data, post=_POST.replace("Een alinea", "Een nieuwe alinea"))


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_a_template_changed_anywhere_gives_what_parsing_it_gives(data) -> None:
    """A byte inserted, deleted or replaced anywhere in the template there."""
    with tempfile.TemporaryDirectory() as folder:
        def change(template: bytes) -> bytes:
            at = data.draw(st.integers(0, len(template)), label="at")
            byte = bytes([data.draw(st.sampled_from(b'"\\\n\r #:xa0'), label="byte")])
            how = data.draw(st.sampled_from(["insert", "delete", "replace"]), label="how")
            return (template[:at] + byte + template[at:] if how == "insert" else
                    template[:at] + template[at + 1:] if how == "delete" else template[:at] + byte + template[at + 1:])

        drawn: dict[str, bytes] = {}

        def once(template: bytes) -> bytes:  # the same change in both roots
            if "changed" not in drawn:
                drawn["changed"] = change(template)
            return drawn["changed"]

        _run_both(Path(folder), once)
