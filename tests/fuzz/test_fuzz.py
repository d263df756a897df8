"""The fuzzing harness: Hypothesis over extract, merge and check with generated Markdown,
front matter and PO text (random bytes too).

- Through the core, no exception escapes but the pipeline's own (``PipelineError``): extract,
  merge and check collect those per post, so there every exception is a bug.
- Through the command line, no traceback: exit status 0, 1 (problems found) or 2 (usage).
- Identity round trips stay byte-exact: a catalog read and written again; extract run
  twice; a post merged with every msgstr equal to its msgid gives the Dutch body back.

``FUZZ_EXAMPLES`` sets the examples per test (default 60, a few seconds in all); ``make
fuzz`` runs 20,000 per test with the ``fuzz`` Hypothesis profile. The examples run are in the
figures printed at the end.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from fuzz_support import (
    TEXT,
    markdown,
    mutate,
    po_text,
    post_bytes,
    scratch_root,
    well_formed_catalog,
)
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from reliability_support import examples, figure
from support import NOW, invoke, make_root

from pipeline.attributes import is_attribute_kind
from pipeline.check import check
from pipeline.config import DEFAULT_KEYS, DEFAULT_LIST_KEYS, load_config
from pipeline.errors import CatalogError, PipelineError, PostError
from pipeline.extract import extract
from pipeline.merge import merge
from pipeline.po import Catalog, _parse_catalog, format_catalog, parse_catalog
from pipeline.post import load_post
from pipeline.segment import segment_post

T = TypeVar("T")
SETTINGS = settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
RUN: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_figures() -> Iterator[None]:
    yield
    for name, value in sorted(RUN.items()):
        figure(f"fuzz: {name}", value)
    figure("fuzz examples run", sum(v for k, v in RUN.items() if k.startswith("examples")))


def core(call: Callable[[], T]) -> T | None:
    """Run a core function; a PipelineError is an answer, any other exception a bug."""
    try:
        return call()
    except PipelineError:
        RUN["pipeline errors raised by the core"] += 1
        return None


# ---------------------------------------------------------------------------------------
# One post, one catalog


@SETTINGS
@given(post_bytes())
@example(b'\xef\xbb\xbf<img src="a.png" alt="x">[tekst](/pad/)')  # an alt in its paragraph
def test_reading_and_segmenting_any_post(data: bytes) -> None:
    RUN["examples: posts read and segmented"] += 1
    try:
        post = load_post("content/nl/x.md", data, 1024 * 1024)
    except PostError as error:
        assert error.line is None or 1 <= error.line <= data.count(b"\n") + data.count(b"\r") + 1
        assert "\n" not in str(error)
        return
    units = segment_post(post, "x", DEFAULT_KEYS, DEFAULT_LIST_KEYS)
    spans = [(u.start, u.end) for u in units if u.start is not None and u.end is not None]
    assert spans == sorted(spans), "units in order"
    # an attribute value lies in the unit that holds its tag (a paragraph keeps the tag) or
    # in none: the block units never overlap, nor do the values
    values = [(u.start, u.end) for u in units if u.start is not None and u.end is not None and is_attribute_kind(u.kind)]
    blocks = [span for span in spans if span not in values]
    for group in (blocks, values):
        for (_, end), (start, _) in itertools.pairwise(group):
            assert end <= start, "units never overlap"
    for start, end in values:
        assert all(end <= b_start or b_end <= start or (b_start <= start and end <= b_end) for b_start, b_end in blocks)
    for unit in units:  # a msgid never starts or ends with blanks
        assert unit.text and unit.text == unit.text.strip(" \t\n") or unit.context == "slug"


@SETTINGS
@given(st.one_of(po_text(), st.binary(max_size=300)))
def test_reading_any_catalog_and_writing_it_again(data: bytes) -> None:
    RUN["examples: catalogs read"] += 1
    try:
        catalog = parse_catalog("locale/de/LC_MESSAGES/x.po", data)
    except CatalogError as error:
        assert error.line is None or 1 <= error.line <= data.count(b"\n") + 1
        assert "\n" not in str(error)
        return
    text = format_catalog(catalog)
    again = parse_catalog("x.po", text.encode("utf-8"))  # what we write, we read
    assert format_catalog(again) == text  # and write again byte for byte
    RUN["catalogs read, written and read again"] += 1


@SETTINGS
@given(well_formed_catalog(), st.data())
def test_any_catalog_we_write_reads_back_the_same(catalog: Catalog, data: st.DataObject) -> None:
    """Every string survives the writer and the reader (escapes, newlines, quotes, control
    characters, exotic line breaks); a catalog edited anyhow is read or refused at a line."""
    RUN["examples: catalogs written and read"] += 1
    text = format_catalog(catalog)
    again = parse_catalog("x.po", text.encode("utf-8"))
    assert [(m.msgctxt, m.msgid, m.msgstr, m.flags, m.obsolete, m.previous_msgid, m.user_comments)
            for m in again.messages] == [
        (m.msgctxt, m.msgid, m.msgstr, m.flags, m.obsolete, m.previous_msgid, m.user_comments)
        for m in sorted(catalog.messages, key=lambda m: m.obsolete)  # obsolete ones last, as GNU
    ]
    assert format_catalog(again) == text
    broken = mutate(text.encode("utf-8"), data.draw)
    try:
        parse_catalog("x.po", broken)
    except CatalogError as error:
        assert error.line is not None and 1 <= error.line <= broken.count(b"\n") + 1


# ---------------------------------------------------------------------------------------
# Whole content roots through the core and the command line


def _catalogs(root: Path) -> list[Path]:
    return sorted((root / "locale" / "de" / "LC_MESSAGES").rglob("*.po"))


def _translate(path: Path, draw: st.DrawFn) -> None:
    """What a translator (or an accident) does to a catalog."""
    how = draw(st.sampled_from(["identity", "text", "partial", "mutate", "replace", "leave"]))
    data = path.read_bytes()
    if how == "mutate":
        path.write_bytes(mutate(data, draw))
        return
    if how == "replace":
        path.write_bytes(draw(st.one_of(po_text(), st.binary(max_size=100))))
        return
    if how == "leave":
        return
    catalog = parse_catalog(str(path), data)
    for message in catalog.messages:
        if how == "identity":
            message.msgstr = message.msgid
        elif how == "text" or draw(st.booleans()):
            message.msgstr = draw(TEXT)
        if draw(st.integers(0, 7)) == 0:
            message.flags = ["fuzzy"]
    path.write_text(format_catalog(catalog), encoding="utf-8")


def _cli(root: Path, *args: str) -> None:
    result = invoke("-C", str(root), *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    RUN["command-line runs"] += 1


@SETTINGS
@given(st.data())
def test_extract_merge_check_on_any_content_root(data: st.DataObject) -> None:
    RUN["examples: content roots"] += 1
    posts = data.draw(st.lists(post_bytes(), min_size=1, max_size=3))
    with scratch_root() as root:
        make_root(root, {f"{i}-bericht.md": post for i, post in enumerate(posts)})
        if data.draw(st.integers(0, 19)) == 0:
            (root / "pyproject.toml").write_text(
                "[tool.pipeline]\n" + data.draw(st.sampled_from(
                    ["max-post-bytes = 200", 'target-languages = ["de", "fr"]', "max-post-bytes = -1",
                     'list-keys = ["tags", "title"]', 'translatable-keys = []', "x = 1", "[[["]
                )) + "\n", encoding="utf-8")
        config = core(lambda: load_config(root))
        if config is None:  # a bad pyproject.toml: a usage error on the command line
            _cli(root, "extract")
            return
        core(lambda: list(extract(config, now=NOW, use_cache=False)))
        for path in _catalogs(root):
            _translate(path, data.draw)
        # a German post of one's own, now and then
        if data.draw(st.integers(0, 4)) == 0:
            german = root / "content" / "de" / "0-bericht.md"
            german.parent.mkdir(parents=True, exist_ok=True)
            german.write_bytes(data.draw(post_bytes()))
        core(lambda: merge(config, min_translated=data.draw(st.sampled_from([0.0, 100.0])), use_cache=False))
        core(lambda: check(config, use_cache=False))
        core(lambda: list(extract(config, now=NOW, use_cache=False)))
        for args in (["extract"], ["merge", "--min-translated", "0"], ["check"], ["check", "--fix"]):
            _cli(root, *args)


# ---------------------------------------------------------------------------------------
# Identity round trips


def _body(data: bytes) -> bytes:
    post = load_post("x.md", data, None)
    return "".join(
        line + end for line, end in zip(post.lines[post.body_start :], post.endings[post.body_start :])
    ).encode("utf-8")


@SETTINGS
@given(front=st.sampled_from(["", "---\ntitle: Titel\ntags: [een, twee]\n---\n"]), text=markdown(),
       newline=st.sampled_from(["\n", "\r\n"]), bom=st.booleans())
def test_identity_round_trips_are_byte_exact(front: str, text: str, newline: str, bom: bool) -> None:
    RUN["examples: identity round trips"] += 1
    data = (b"\xef\xbb\xbf" if bom else b"") + (front + text).replace("\n", newline).encode("utf-8")
    try:
        load_post("x.md", data, None)
    except PostError:
        assume(False)
    with scratch_root() as root:
        make_root(root, {"post.md": data})
        config = load_config(root)
        first = list(extract(config, now=NOW, use_cache=False))
        assert [str(e) for r in first for e in r.errors] == []
        written = {p: p.read_bytes() for p in (root / "locale").rglob("*.po*")}
        for path, content in written.items():  # a catalog read and written again: the same bytes
            assert format_catalog(parse_catalog(str(path), content)).encode("utf-8") == content
        again = list(extract(config, now="2030-01-01 00:00+0000", use_cache=False))
        assert [w.path for r in again for w in r.written] == [], "a second extract writes nothing"
        for path in _catalogs(root):
            catalog = parse_catalog(str(path), path.read_bytes())
            for message in catalog.messages:
                message.msgstr = message.msgid
            path.write_text(format_catalog(catalog), encoding="utf-8")
        results = merge(config, use_cache=False)
        assert [r.action for r in results] == ["written"], results
        german = (root / "content" / "de" / "post.md").read_bytes()
        assert _body(german) == _body(data), "identity merge gives the Dutch body byte for byte"
        assert [r.action for r in merge(config, use_cache=False)] == ["unchanged"]


def _reading(data: bytes, by_line: bool) -> object:
    """What reading gives: the catalog, or the error (its line and message)."""
    try:
        return _parse_catalog("x.po", data, by_line)
    except CatalogError as error:
        return (error.line, str(error))


@SETTINGS
@given(st.one_of(po_text(), well_formed_catalog().map(lambda c: format_catalog(c).encode("utf-8"))), st.data())
def test_simple_entries_read_at_once_are_what_the_line_parser_reads(data: bytes, draw: st.DataObject) -> None:
    """parse_catalog reads a simple entry with one regular expression: it must give exactly
    the line parser's result, errors and their lines included, on any text, broken or not."""
    RUN["examples: catalogs read both ways"] += 1
    for text in (data, mutate(data, draw.draw)):
        assert _reading(text, by_line=False) == _reading(text, by_line=True)
