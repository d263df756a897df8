"""pipeline.po: PO files read and written as GNU gettext reads and writes them.

What GNU's tools make of the catalogs extract writes is in ``test_gettext.py``; here the
module itself: its writer against ``msgcat --no-wrap`` on random catalogs, its two readers
against each other, and its reader against an independent one (polib) on every catalog the
pipeline writes for the real articles.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from merge_support import fill_all
from reliability_support import examples
from support import (
    ARTICLES,
    LATER,
    NOW,
    SEED,
    invoke,
    make_root,
    msgcat,
    needs_gettext,
    run_extract,
)

from pipeline.errors import CatalogError
from pipeline.po import Catalog, Message, format_catalog, parse_catalog


# ---------------------------------------------------------------------------------------
# format_catalog against msgcat on random catalogs

# What a PO string can hold and msgcat writes back without a warning: quotes, backslashes,
# tabs and newlines anywhere, non-ASCII (also characters str.splitlines() splits at).
SPECIAL = list('"\\\t\n #:|~,.%{}<>') + [
    "é",
    "ß",
    "€",
    "„",
    "“",
    "\u200b",
    "\u2028",
    "\x85",
    "\x1c",
    "😀",
]
CHARS = st.one_of(
    st.sampled_from(SPECIAL),
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
)
TEXT = st.one_of(
    st.text(CHARS, max_size=60),
    st.text(CHARS, min_size=1, max_size=10).map(lambda s: s * 40),  # long strings
)
# A comment line ending in a backslash would join the next line (GNU's lexer reads
# backslash-newline as a continuation everywhere): the pipeline never writes one.
LINE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60).filter(
    lambda line: not line.endswith("\\")
)
# msgcat rewrites a leading "./": segments start with a letter or digit, as ours do
PATH = st.from_regex(
    r"[A-Za-z0-9][A-Za-z0-9_.-]{0,11}(/[A-Za-z0-9][A-Za-z0-9_.-]{0,39}){0,4}", fullmatch=True
)
FORMAT_FLAGS = st.sampled_from([[], ["c-format"], ["no-c-format"], ["python-format"]])


@st.composite
def messages(draw: st.DrawFn, obsolete: bool) -> Message:
    # msgcat drops an obsolete entry without msgstr, and "fuzzy" on an empty msgstr
    msgstr = draw(TEXT.filter(bool) if obsolete else TEXT)
    fuzzy = bool(msgstr) and draw(st.booleans())
    previous_msgid = draw(st.none() | TEXT.filter(bool))
    return Message(
        msgid=draw(TEXT.filter(bool)),
        msgstr=msgstr,
        msgctxt=draw(st.none() | TEXT),
        locations=draw(st.lists(st.tuples(PATH, st.integers(1, 99999)), max_size=6, unique=True)),
        auto_comments=draw(st.lists(LINE, max_size=3)),
        user_comments=draw(st.lists(LINE, max_size=3)),
        flags=(["fuzzy"] if fuzzy else []) + draw(FORMAT_FLAGS),
        previous_msgctxt=draw(st.none() | TEXT) if previous_msgid is not None else None,
        previous_msgid=previous_msgid,
        obsolete=obsolete,
    )


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    active = draw(st.lists(messages(obsolete=False), min_size=1, max_size=25))
    old = draw(st.lists(messages(obsolete=True), max_size=5))
    unique: dict[tuple[str | None, str], Message] = {}
    for message in active + old:  # msgcat merges entries with the same key
        unique.setdefault(message.key, message)
    header = [
        ("Project-Id-Version", draw(PATH)),
        ("POT-Creation-Date", NOW),
        ("Language", "de"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    comment = draw(st.lists(LINE, max_size=2))
    return Catalog(header, list(unique.values()), comment, header_fuzzy=draw(st.booleans()))


def without_lineno(catalog: Catalog) -> Catalog:
    return dataclasses.replace(
        catalog, messages=[dataclasses.replace(m, lineno=0) for m in catalog.messages]
    )


@needs_gettext
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(catalog=catalogs())
def test_format_catalog_is_msgcat_no_wrap(
    catalog: Catalog, tmp_path_factory: pytest.TempPathFactory
) -> None:
    text = format_catalog(catalog)
    path = tmp_path_factory.mktemp("po") / "random.po"
    path.write_bytes(text.encode("utf-8"))
    assert msgcat(path).decode("utf-8") == text
    assert without_lineno(parse_catalog(str(path), path.read_bytes())) == catalog


def test_simple_entries_read_at_once_equal_the_line_parser_on_real_catalogs(tmp_path: Path) -> None:
    """The quick reading of simple entries against the line parser, on the catalogs of the
    seed and the articles: fresh, then translated and re-extracted after the posts changed
    (fuzzy entries with previous msgids, obsolete ones)."""
    from merge_support import fill_all

    from pipeline.po import _parse_catalog

    root = make_root(tmp_path, {p.name: p.read_bytes() for p in [SEED, *ARTICLES]})
    run_extract(root)

    def compare() -> list[Catalog]:
        catalogs = sorted((root / "locale").rglob("*.po*"))
        assert len(catalogs) == 2 * (1 + len(ARTICLES))
        read = []
        for path in catalogs:
            data = path.read_bytes()
            quick = _parse_catalog(str(path), data, by_line=False)
            assert quick == _parse_catalog(str(path), data, by_line=True), path
            read.append(quick)
        return read

    compare()
    fill_all(root, lambda context, msgid: f"DE {msgid}")
    for post in (root / "content" / "nl").glob("*.md"):
        text = post.read_text(encoding="utf-8")
        text = text.replace(" de ", " het ", 3).replace("\n\n", "\n\nNieuw.\n\n", 1)
        post.write_text(text[: text.rindex("\n", 0, len(text) * 2 // 3) + 1], encoding="utf-8")  # a third gone
    run_extract(root, now=LATER)
    messages = [m for catalog in compare() for m in catalog.messages]
    assert any(m.fuzzy and m.previous_msgid for m in messages)
    assert any(m.obsolete for m in messages)


# ---------------------------------------------------------------------------------------
# Encodings: a CP1252 catalog, double-encoded (mojibake) translations

def test_cp1252_text_is_not_taken_for_utf8_text() -> None:
    """A German word that ends in ß before a closing quote is a UTF-8 sequence in CP1252's
    bytes ("ß“" is DF 93): the file is CP1252 all through, and msgconv is the advice."""
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CP1252\\n"\n\n'
    data = (header + 'msgid "Plezier"\nmsgstr "Viel „Spaß“ – Gruß…"\n').encode("cp1252")
    with pytest.raises(CatalogError, match="convert the catalog with `msgconv"):
        parse_catalog("x.po", data)


DOUBLE_ENCODED = {
    # a translation: its double-encoded stretch, if any
    "GrÃ¼ÃŸe": ("Ã¼", "ü"),  # CP1252: 0x9f is Ÿ
    "Itâ€™s": ("â€™", "’"),
    "CafÃ©": ("Ã©", "é"),
    "ðŸ˜€ emoji": ("ðŸ˜€", "😀"),
    "Grüße, Straße, Ärger, Öl": None,  # German as it should be
    "Ã„rger": ("Ã„", "Ä"),
    "naïve café «déjà»": None,
    "Â« quotes": ("Â«", "«"),
    # German words that end in ß, Ü or Ö before a quote, an ellipsis or a dash are UTF-8 too
    # (of NKo, Syriac, Hebrew points): they were warned about
    "Viel „Spaß“, Gruß… und »Spaß«; weiß’s": None,
    "Das MENÜ“, ÖL—": None,
    "Spaß“ und GrÃ¼ÃŸe": ("Ã¼", "ü"),
}


def test_mojibake_the_source_has_too_is_no_warning() -> None:
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    catalog = parse_catalog("x.po", header + 'msgid "Zo ziet Ã© eruit"\nmsgstr "So sieht Ã© aus"\n')
    assert catalog.warnings == []
    catalog = parse_catalog("x.po", header + 'msgid "Zo ziet é eruit"\nmsgstr "So sieht Ã© aus"\n')
    assert [w.code for w in catalog.warnings] == ["catalog-double-encoded"]


@pytest.mark.parametrize("text", list(DOUBLE_ENCODED))
def test_double_encoded_text_is_found(text: str) -> None:
    from pipeline.po import double_encoded

    assert double_encoded(text) == DOUBLE_ENCODED[text]


# ---------------------------------------------------------------------------------------
# An independent reader: polib


def as_polib_reads(message: Message) -> tuple[object, ...]:
    """A message as polib 1.2 reads it back: the same, but for what it does not know."""

    def text(value: str | None) -> str | None:
        # polib knows the escapes \b \f \v and not \a: it keeps it as written
        return None if value is None else value.replace("\a", "\\a")

    # and it drops the previous msgid of an obsolete entry (``#~| msgid``): GNU keeps it
    previous = (None, None) if message.obsolete else (
        text(message.previous_msgctxt), text(message.previous_msgid)
    )
    return (
        text(message.msgctxt),
        text(message.msgid),
        text(message.msgstr),
        message.flags,
        *previous,
        message.obsolete,
        message.locations,
        message.auto_comments,
        message.user_comments,
    )


def polibs(entry: polib.POEntry) -> tuple[object, ...]:
    return (
        entry.msgctxt,
        entry.msgid,
        entry.msgstr,
        entry.flags,
        entry.previous_msgctxt,
        entry.previous_msgid,
        bool(entry.obsolete),
        [(path, int(line)) for path, line in entry.occurrences],
        entry.comment.split("\n") if entry.comment else [],
        entry.tcomment.split("\n") if entry.tcomment else [],
    )


def read_alike(path: Path) -> Catalog:
    """``path`` read by pipeline.po and by polib, which must find the same entries."""
    catalog = parse_catalog(str(path), path.read_bytes())
    other = polib.pofile(str(path), encoding="utf-8")
    assert dict(catalog.header_fields) == other.metadata, path
    assert ("fuzzy" in other.metadata_is_fuzzy) == catalog.header_fuzzy, path
    assert [polibs(e) for e in other] == [as_polib_reads(m) for m in catalog.messages], path
    return catalog


def test_polib_reads_every_catalog_the_pipeline_writes_as_pipeline_po_does(tmp_path: Path) -> None:
    """The seed and the real articles: extracted; translated (quotes, backslashes, tabs) and
    merged; then the posts changed and extracted again (fuzzy entries with previous msgids,
    obsolete ones)."""
    root = make_root(tmp_path, {p.name: p.read_bytes() for p in [SEED, *ARTICLES]})
    run_extract(root)

    def read_all() -> list[Message]:
        paths = sorted((root / "locale").rglob("*.po*"))
        assert len(paths) == 2 * (1 + len(ARTICLES))
        return [m for path in paths for m in read_alike(path).messages]

    assert read_all()
    fill_all(root, lambda context, msgid: f"DE „{msgid}“ \"\\\t\r\a\b\f\v.")
    read_all()
    fill_all(root, lambda context, msgid: f"DE {msgid}")
    merged = invoke("-C", str(root), "merge")
    assert merged.exit_code == 0, merged.output
    assert len(list((root / "content" / "de").glob("*.md"))) == 1 + len(ARTICLES)
    read_all()
    for post in (root / "content" / "nl").glob("*.md"):
        text = post.read_text(encoding="utf-8")
        text = text.replace(" de ", " het ", 3).replace("\n\n", "\n\nNieuw.\n\n", 1)
        post.write_text(text[: text.rindex("\n", 0, len(text) * 2 // 3) + 1], encoding="utf-8")
    run_extract(root, now=LATER)
    messages = read_all()
    assert any("fuzzy" in m.flags and m.previous_msgid for m in messages)
    assert any(m.obsolete for m in messages)


def test_what_polib_does_not_read_as_gnu_does(tmp_path: Path) -> None:
    """Why pipeline.po reads catalogs itself, and what as_polib_reads allows for: polib 1.2
    drops the previous msgid of an obsolete entry and keeps ``\\a`` as written."""
    header = [("Content-Type", "text/plain; charset=UTF-8")]
    catalog = Catalog(header, [
        Message("Bel\a", "Klingel\a"),
        Message("Weg", "Fort", previous_msgid="Oud", obsolete=True),
    ])
    path = tmp_path / "x.po"
    path.write_text(format_catalog(catalog), encoding="utf-8")
    assert "#~| msgid \"Oud\"" in path.read_text(encoding="utf-8")
    assert without_lineno(parse_catalog(str(path), path.read_bytes())) == catalog
    bell, gone = polib.pofile(str(path), encoding="utf-8")
    assert (bell.msgid, bell.msgstr) == ("Bel\\a", "Klingel\\a")
    assert gone.obsolete and gone.previous_msgid is None
    assert [polibs(e) for e in (bell, gone)] == [as_polib_reads(m) for m in catalog.messages]


@given(st.text(st.sampled_from(list('ab \\"\n\t\r\x07\x08\x0c\x0bé')), max_size=20))
@settings(max_examples=300, deadline=None)
def test_escape_is_each_character_escaped_on_its_own(text: str) -> None:
    """po.escape replaces one kind of character after another (backslashes first): the same
    as escaping each character on its own, as GNU writes a string."""
    from pipeline.po import _ESCAPES, escape

    assert escape(text) == "".join(_ESCAPES.get(ch, ch) for ch in text)


_ENTRY_STRING = st.lists(st.sampled_from(["a", " ", "é", '\\"', "\\\\", "\\n", "\\t", "\\101", "\\x41", "\\q", "\\0",
                                          "\\303\\251", "\\", "#"]), max_size=6).map("".join)


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.tuples(st.none() | _ENTRY_STRING, _ENTRY_STRING, _ENTRY_STRING), min_size=1, max_size=4))
def test_simple_entries_with_escapes_read_at_once_equal_the_line_parser(entries: list) -> None:
    """A simple entry's strings with escapes (or none, or a bad one) are read at once as the
    line parser reads them: the same messages, or the same error at the same line."""
    text = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + "".join(
        f"#. paragraph\n#: content/nl/x.md:{n}\n" + (f'msgctxt "{context}"\n' if context is not None else "")
        + f'msgid "{msgid}{n}"\nmsgstr "{msgstr}"\n\n'
        for n, (context, msgid, msgstr) in enumerate(entries)
    )

    from pipeline.po import _parse_catalog

    def read(by_line: bool) -> object:
        try:
            return _parse_catalog("x.po", text.encode("utf-8"), by_line=by_line)
        except CatalogError as exc:
            return str(exc)

    assert read(False) == read(True)


def test_a_catalog_read_without_looking_for_double_encoding_is_the_same_but_for_those_warnings() -> None:
    """``parse_catalog(..., warn_double_encoded=False)`` (the summary pass's reading) gives the
    same header and entries, and the same warnings but the ``catalog-double-encoded`` ones."""
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    for translation in [*DOUBLE_ENCODED, "Grüße"]:
        text = (header + f'#: x.md:1\nmsgid "Tekst"\nmsgstr "{translation}"\n\n'
                + '#: x.md:2\nmsgid "Twee"\nmsgstr ""\n\n#: x.md:3\nmsgid "Twee"\nmsgstr ""\n')
        full = parse_catalog("x.po", text.encode("utf-8"))
        quick = parse_catalog("x.po", text.encode("utf-8"), warn_double_encoded=False)
        assert (quick.header_fields, quick.messages) == (full.header_fields, full.messages)
        assert [(str(w), w.code) for w in quick.warnings] == [
            (str(w), w.code) for w in full.warnings if w.code != "catalog-double-encoded"]
        found = DOUBLE_ENCODED.get(translation) is not None
        assert [w.code for w in full.warnings].count("catalog-double-encoded") == found
        assert [w.code for w in quick.warnings] == ["catalog-duplicate"]
