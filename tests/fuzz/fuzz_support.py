"""Strategies of the fuzzing harness: Markdown, front matter and PO text put together from
pieces that matter to a parser (markers, fences, tags, escapes, YAML syntax, line endings),
plain and exotic text, and raw bytes."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import strategies as st

from pipeline.po import Catalog, Message

#: A memory file system where there is one: every example makes and removes a content root
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


@contextmanager
def scratch_root() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fuzz-", dir=SCRATCH) as folder:
        yield Path(folder)


TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), max_size=12
)

MARKDOWN_PIECES = [
    "# ", "## ", "###### ", "#", " #", "> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "123456789. ",
    "```", "~~~", "```python", "    ", "\t", "  \n", "\\\n", "|", " | ", "|---|", "|:-:|", "---", "***",
    "___", "===", "\n", "\n\n", "\r\n", "\r", "<div>", "</div>", "<div markdown=\"1\">", "<pre>",
    "</pre>", "<script>", "<!--", "-->", "<?php", "<![CDATA[", "]]>", "<!DOCTYPE", "<b>", "</b>",
    "<br>", "<br/>", "<img src=\"a.png\" alt=\"x\">", "<a href=\"/x/\">", "</a>", "<", ">", "[", "]",
    "(", ")", "[tekst](/pad/)", "[tekst](</pad met spatie/>)", "![beeld](/b.png)", "[ref][1]",
    "[1]: /ref/", "[1]: <x> \"titel\"", "[^1]", "[^1]: noot", "{{< shortcode \"a\" >}}", "{{% x %}}",
    "{% raw %}", "{{ var }}", "{: .klasse}", "`", "``", "`code`", "*", "**", "_", "__", "~~",
    "\\", "\\*", "&amp;", "&#123;", "&nbsp;", "<http://voorbeeld.nl>", "https://x.nl/a_b",
    "mailto:a@b.nl", "#anker", "(#kop)", "\u200b", "\u202e", "\ufeff", "\u00a0", "\u2028", "\x85",
    "\x0b", "\x0c", "\x1b", "é", "ß", "中文", "🙂", "Een zin.", "Nog een zin", "woord", "Kop",
]

YAML_PIECES = [
    "title: Titel", "title: ", "title: \"x: y\"", "title: 'a''b'", "title: |\n  blok\n  twee",
    "title: >-\n  gevouwen", "title: [a, b]", "title: {a: b}", "title: 123", "title: null",
    "title: !!str 1", "title: &t x", "other: *t", "description: Een beschrijving",
    "summary: Samenvatting", "image_alt: Alt", "tags: [een, twee]", "tags: een, twee",
    "tags:\n  - een\n  - twee", "tags: []", "tags: [a, [b]]", "categories: [x]",
    "slug: eigen-slug", "slug: ../x", "slug: Ä Ö", "date: 2017-02-22", "date: 2017-02-22 08:00 CEST",
    "date: 2017-02-22T08:00:00+01:00", "date: 2017-02-30", "date: gisteren", "draft: true",
    "draft: misschien", "lang: nl", "translationKey: k", "generated_from:\n  sha256: x",
    "? complex\n: key", "- item", "key: value # comment", "%YAML 1.1", "--- ", "...", "\t",
    "a: b: c", "\"unterminated", "[", "{", "&a [*a]", "<<: {x: 1}", "!!python/name:os.system",
    "x: !!binary aGk=", "x: 0o17", "x: .inf", "x: 1e3", "x: ~", "x: yes",
]

PO_PIECES = [
    'msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Plural-Forms: nplurals=2;\\n"',
    '"Content-Type: text/plain; charset=ISO-8859-1\\n"', "#, fuzzy", "#, fuzzy, python-format",
    '#| msgid "oud"', '#| msgctxt "title"', '#~ msgid "weg"', '#~ msgstr "fort"', '#~| msgid "ouder"',
    'msgctxt "title"', 'msgctxt "slug"', 'msgid "Titel"', 'msgstr "Titel DE"', 'msgid "Een zin."',
    'msgstr "Ein Satz."', 'msgid_plural "zinnen"', 'msgstr[0] "Satz"', 'msgstr[1] "Sätze"',
    '"vervolg"', '"\\n"', '"\\t\\"\\\\"', '"\\303\\251"', '"\\x41"', '"\\x"', '"\\xg"', '"\\0"', '"\\777"', '"\\u00e9"',
    '"\\q"', '"open', "#: content/nl/a.md:3", "#: a.md:1 b.md:2", "#. paragraph", "# opmerking",
    "<<<<<<< HEAD", "=======", ">>>>>>> andere", "", "   ", "\t", "msgid", "msgstr", '""',
]


@st.composite
def markdown(draw: st.DrawFn) -> str:
    """A body: pieces that matter to Markdown, text in between."""
    parts = draw(st.lists(st.one_of(st.sampled_from(MARKDOWN_PIECES), TEXT), max_size=40))
    return "".join(parts)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """None, a well-formed one, or YAML pieces put together anyhow."""
    kind = draw(st.sampled_from(["none", "pieces", "pieces", "broken"]))
    if kind == "none":
        return ""
    lines = draw(st.lists(st.one_of(st.sampled_from(YAML_PIECES), TEXT), max_size=8))
    close = "---" if kind != "broken" else draw(st.sampled_from(["", "...", "--", "--- x"]))
    return "---\n" + "\n".join(lines) + "\n" + close + "\n"


@st.composite
def post_bytes(draw: st.DrawFn) -> bytes:
    """A post as bytes: mostly text, sometimes with a BOM, CRLF, or raw bytes spliced in."""
    text = draw(front_matter()) + draw(markdown())
    if draw(st.booleans()):
        text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\n"])))
    data = text.encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        data = b"\xef\xbb\xbf" + data
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at:]
    return data


@st.composite
def po_text(draw: st.DrawFn) -> bytes:
    """PO-like text from pieces (and now and then raw bytes)."""
    lines = draw(st.lists(st.one_of(st.sampled_from(PO_PIECES), TEXT), max_size=24))
    data = "\n".join(lines).encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        data += draw(st.binary(max_size=16))
    return data


def mutate(data: bytes, draw: st.DrawFn) -> bytes:
    """A catalog the pipeline wrote, edited the way people and tools break files: a line
    deleted, doubled, cut, or a piece of PO text put in."""
    lines = data.split(b"\n")
    how = draw(st.sampled_from(["delete", "double", "cut", "insert", "none"]))
    if how == "none" or not lines:
        return data
    at = draw(st.integers(0, len(lines) - 1))
    if how == "delete":
        del lines[at]
    elif how == "double":
        lines.insert(at, lines[at])
    elif how == "cut":
        lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
    else:
        lines.insert(at, draw(st.sampled_from(PO_PIECES)).encode())
    return b"\n".join(lines)


PO_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), max_size=30
)


@st.composite
def message(draw: st.DrawFn) -> Message:
    obsolete = draw(st.booleans())
    fuzzy = draw(st.booleans())
    return Message(
        msgid=draw(PO_TEXT.filter(bool)),
        msgstr=draw(PO_TEXT),
        msgctxt=draw(st.one_of(st.none(), st.sampled_from(["title", "slug", "tags"]), PO_TEXT)),
        locations=[] if obsolete else draw(st.lists(
            st.tuples(st.sampled_from(["content/nl/a.md", "content/nl/2017/een-lange-naam-van-een-bericht.md"]),
                      st.integers(1, 99999)), max_size=12)),
        auto_comments=[] if obsolete else draw(st.lists(st.sampled_from(["paragraph", "heading 2", "front matter: title"]), max_size=2)),
        user_comments=draw(st.lists(PO_TEXT.filter(lambda t: "\n" not in t and "\r" not in t), max_size=2)),
        flags=["fuzzy"] if fuzzy else [],
        previous_msgid=draw(st.one_of(st.none(), PO_TEXT)) if fuzzy else None,
        obsolete=obsolete,
    )


@st.composite
def well_formed_catalog(draw: st.DrawFn) -> Catalog:
    messages = draw(st.lists(message(), max_size=8, unique_by=lambda m: (m.msgctxt, m.msgid)))
    fields = [("Project-Id-Version", "x"), ("Content-Type", "text/plain; charset=UTF-8"),
              ("Language", "de")]
    return Catalog(fields, messages, draw(st.lists(st.sampled_from(["Kop.", "Tweede regel"]), max_size=2)))
