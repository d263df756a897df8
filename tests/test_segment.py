"""Segmentation is sound: on the 652 CommonMark spec examples and on real articles.

For every post: no exception, units in order and never overlapping, a non-empty msgid, spans
inside the file, and each body unit's text is what its span holds once container prefixes
are removed and lines are joined as :func:`pipeline.segment.join_lines` joins them.
"""

from __future__ import annotations

import html

import itertools
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import ARTICLES, FIXTURES, SEED

from pipeline.config import DEFAULT_KEYS, DEFAULT_LIST_KEYS
from pipeline.post import Post, load_post, split_lines
from pipeline.markdown import markdown_parser
from pipeline.attributes import is_attribute_kind
from pipeline.segment import Unit, body_units, has_text, join_lines, segment_post

SPEC = json.loads((FIXTURES / "commonmark" / "spec.json").read_text(encoding="utf-8"))
GERMAN_ARTICLES = sorted((FIXTURES / "opensource-guide" / "de").glob("*.md"))
REAL = [SEED, *ARTICLES, *GERMAN_ARTICLES]


def body_post(markdown: str) -> Post:
    """A post that is all body (a spec example may start with ``---``)."""
    lines, endings = split_lines(markdown)
    return Post("x.md", lines, endings)


def span_text(post: Post, unit: Unit) -> str:
    """The unit's span cut from the source lines, prefixes removed, lines joined."""
    assert unit.start is not None and unit.end is not None
    (first, start), (last, end) = unit.start, unit.end
    if first == last:
        return join_lines([post.lines[first][start:end]])
    quotes = unit.prefix.count(">")
    prefix = re.compile(rf"(?:[ \t]*>){{0,{quotes}}}")

    def strip(line: str) -> str:
        # a continuation line without its container prefix (a lazy one has less of it)
        return line[prefix.match(line).end() :]  # type: ignore[union-attr]

    segments = [post.lines[first][start:]]
    segments += [strip(post.lines[i]) for i in range(first + 1, last)]
    segments.append(strip(post.lines[last][:end]))
    return join_lines(segments)


def assert_sound(post: Post, units: list[Unit]) -> None:
    previous_end: tuple[int, int] | None = None
    for unit in units:
        assert unit.text, unit
        if unit.context is not None:  # front matter
            assert 1 <= unit.line <= post.body_start
            continue
        assert unit.start is not None and unit.end is not None, unit
        (first, start), (last, end) = unit.start, unit.end
        assert post.body_start <= first <= last < len(post.lines), unit
        assert 0 <= start <= len(post.lines[first]) and 0 <= end <= len(post.lines[last]), unit
        assert unit.start < unit.end, unit
        assert unit.line == first + 1, unit
        if is_attribute_kind(unit.kind):
            # an attribute's value (pipeline/attributes.py): inside the unit before it (the
            # paragraph that holds the tag) or after it; its span the value as written,
            # quotes included, which reads as its text (an HTML value over several lines as
            # one line)
            if first == last:
                written = post.lines[first][start:end]
            else:
                written = "\n".join([post.lines[first][start:], *post.lines[first + 1 : last], post.lines[last][:end]])
            if written[0] in "\"'`":
                assert written[-1] == written[0] and len(written) > 1, unit
                written = written[1:-1]
            if first != last:
                written = " ".join([written.split("\n")[0].rstrip(" \t")]
                                   + [line.lstrip(" \t>").rstrip(" \t") for line in written.split("\n")[1:]])
            assert html.unescape(written).rstrip(" \t") == unit.text.rstrip(" \t") \
                or written.replace('\\"', '"') == unit.text, unit
            continue
        if previous_end is not None:
            assert previous_end <= unit.start, f"{unit} overlaps the unit before it"
        previous_end = unit.end
        assert span_text(post, unit) == unit.text, unit


def test_all_652_examples_are_there() -> None:
    assert len(SPEC) == 652
    assert [e["example"] for e in SPEC] == list(range(1, 653))


@pytest.mark.parametrize("example", SPEC, ids=[str(e["example"]) for e in SPEC])
def test_spec_example(example: dict) -> None:
    post = body_post(example["markdown"])
    units = body_units(post)
    assert_sound(post, units)
    # the same body under front matter: every unit moves down by the front matter's lines
    shifted = load_post("x.md", ("---\ntitle: x\n---\n" + example["markdown"]).encode())
    moved = [
        u for u in segment_post(shifted, "x", DEFAULT_KEYS, DEFAULT_LIST_KEYS) if u.context is None
    ]
    assert [(u.kind, u.text, u.line + 0) for u in moved] == [
        (u.kind, u.text, u.line + 3) for u in units
    ]
    assert_sound(shifted, moved)


@pytest.mark.parametrize("path", REAL, ids=[f"{p.parent.name}/{p.stem}" for p in REAL])
def test_real_post(path: Path) -> None:
    post = load_post(path.name, path.read_bytes())
    units = segment_post(post, path.stem, DEFAULT_KEYS, DEFAULT_LIST_KEYS)
    assert_sound(post, units)


@pytest.mark.parametrize("path", REAL, ids=[f"{p.parent.name}/{p.stem}" for p in REAL])
def test_no_text_is_dropped_from_real_posts(path: Path) -> None:
    """Every heading and paragraph with words becomes a unit (none silently left out)."""
    post = load_post(path.name, path.read_bytes())
    tokens = markdown_parser().parse(post.body)
    wanted = [
        t.map[0] + post.body_start + 1
        for t, inline in itertools.pairwise(tokens)
        if t.type in ("paragraph_open", "heading_open") and t.map and has_text(inline.content)
    ]
    got = [
        u.line for u in body_units(post) if u.kind.startswith(("paragraph", "heading", "footnote"))
    ]
    assert sorted(got) == sorted(wanted)


def test_articles_have_aside_blocks_with_text() -> None:
    """The Kramdown <aside markdown="1"> blocks of the real articles give html block units."""
    for path in ARTICLES:
        post = load_post(path.name, path.read_bytes())
        kinds = {u.kind for u in body_units(post)}
        assert "html block" in kinds, path.name


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(st.sampled_from([e["markdown"] for e in SPEC]), min_size=2, max_size=6),
    separator=st.sampled_from(["", "\n", "\n\n", "\n> ", "\n- "]),
)
def test_spec_examples_run_together(parts: list[str], separator: str) -> None:
    """Examples glued together (so that containers, lazy lines and tables meet) stay sound."""
    post = body_post(separator.join(parts))
    assert_sound(post, body_units(post))
