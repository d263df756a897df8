"""What extract keeps of each catalog it makes, for the next runs' other-catalogs and memory
look-ups (:attr:`pipeline.extract.PostResult.shared`): it must be what reading the catalog
back gives, or a later run skips a catalog that translates what it looks for."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from support import ARTICLES, LATER, make_root, po_path, run_extract

from pipeline import extract as extract_module
from pipeline.cache import Store, digest
from pipeline.config import load_config
from pipeline.files import in_line_endings_of
from pipeline.po import Catalog, Message, format_catalog, parse_catalog
from pipeline.runner import memory_cache, shared_translations_cache


def _translate(path: Path, crlf: bool = False) -> None:
    """Every other entry translated, one in four of those fuzzy with a previous msgid, one
    comment saying it was taken from another catalog (it shares nothing then)."""
    catalog = parse_catalog(str(path), path.read_bytes())
    for number, message in enumerate(catalog.messages):
        if number % 2:
            continue
        message.msgstr = f"DE {message.msgid}"
        if number % 8 == 0:
            message.flags = ["fuzzy"]
            message.previous_msgid = message.msgid + " (oud)"
        if number % 10 == 4:
            message.user_comments = ["from locale/de/LC_MESSAGES/x.po"]
    data = format_catalog(catalog).encode()
    path.write_bytes(data.replace(b"\n", b"\r\n") if crlf else data)


def _read_back(path: Path) -> tuple[str, str]:
    return extract_module._shared_packed(parse_catalog(str(path), path.read_bytes()))


def test_what_extract_keeps_of_each_catalog_is_what_reading_it_gives(tmp_path: Path) -> None:
    posts = {article.name: article.read_bytes() for article in ARTICLES[:4]}
    root = make_root(tmp_path, posts)
    run_extract(root, use_cache=True)
    for number, article in enumerate(ARTICLES[:4]):
        _translate(po_path(root, article.stem), crlf=number == 1)
        text = article.read_text(encoding="utf-8").replace("\n\n", "\n\nEen nieuwe alinea erbij.\n\n", 1)
        (root / "content" / "nl" / article.name).write_text(text, encoding="utf-8")
    run_extract(root, LATER, use_cache=True)  # every catalog updated, each from what it was
    config = load_config(root)
    with Store(root) as store:
        shared, memory = shared_translations_cache(store, config, "de"), memory_cache(store, config, "de")
        for article in ARTICLES[:4]:
            path = po_path(root, article.stem)
            key = {"po": digest(path.read_bytes())}
            kept_shared, kept_memory = shared.get(config.relative(path), key), memory.get(config.relative(path), key)
            assert kept_shared is not None and kept_memory is not None, path
            assert (kept_shared["units"], kept_memory["words"]) == _read_back(path)
            assert kept_shared["units"], "the test translates something in each catalog"


_CHARACTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")  # PO holds no NUL
_TEXT = st.text(_CHARACTERS, min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(_TEXT, st.one_of(st.none(), _TEXT), st.text(_CHARACTERS, max_size=20), st.sampled_from(
        ["", "fuzzy", "previous", "obsolete", "taken", "close"])), min_size=1, max_size=6,
             unique_by=lambda entry: (entry[1], entry[0])),
    st.booleans(),
)
def test_what_a_catalog_shares_is_the_same_once_written_and_read_back(entries, crlf) -> None:
    """The catalog extract made in memory against its bytes parsed back (line endings kept as
    the old file had them)."""
    messages = []
    for msgid, msgctxt, msgstr, state in entries:
        message = Message(msgid=msgid, msgctxt=msgctxt, msgstr=msgstr)
        if state in ("fuzzy", "previous", "close"):
            message.flags = ["fuzzy"]
        if state in ("previous", "close"):
            message.previous_msgid = msgid[::-1]
        if state == "obsolete":
            message.obsolete = True
        if state == "taken":
            message.user_comments = ["from locale/de/LC_MESSAGES/x.po and 2 other catalogs"]
        if state == "close":
            message.user_comments = ["close match from locale/de/LC_MESSAGES/y.po"]
        messages.append(message)
    catalog = Catalog([("Content-Type", "text/plain; charset=UTF-8")], messages, [])
    old = b'msgid ""\r\nmsgstr ""\r\n' if crlf else None
    data = in_line_endings_of(old, format_catalog(catalog).encode())
    # as the look-ups unpack them (sets: the order of the entries does not count)
    made, read = extract_module._shared_packed(catalog), extract_module._shared_packed(parse_catalog("x.po", data))
    assert extract_module._unpacked(made[0], 8) == extract_module._unpacked(read[0], 8)
    assert extract_module._unpacked(made[1], 4) == extract_module._unpacked(read[1], 4)
