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
from merge_support import fill_all
from support import ARTICLES, LATER, SEED, invoke, make_root, run_extract

from pipeline.po import Catalog, Message, format_catalog, parse_catalog


def without_lineno(catalog: Catalog) -> Catalog:
    return dataclasses.replace(
        catalog, messages=[dataclasses.replace(m, lineno=0) for m in catalog.messages]
    )


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
