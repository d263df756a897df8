"""pipeline merge, identity: a catalog whose every msgstr is its msgid gives back the Dutch body.

Two checks:

* **Through files**: every CommonMark spec example (652), every Dutch Open Source Guide article
  and the seed post are extracted into one content root, every msgstr is set to its msgid in
  the PO files, and ``merge`` writes the German posts. The German body (everything after the
  front matter's closing line) must equal the Dutch body byte for byte. The examples get a
  front matter of their own (``title: Voorbeeld <number>``): merge edits the front matter (``lang``,
  ``slug``, the generation record), and an example starting with ``---`` would otherwise be
  read as one.
* **Forced**: merge keeps the bytes of a unit whose translation equals its msgid, so the check
  above does not exercise span replacement. Here every unit's span is replaced by its own
  msgid through ``apply_edits``/``_body_text`` (soft line breaks become single spaces, the
  container prefix comes back after hard breaks), and the result must render to the same HTML
  (whitespace runs compared as one space: a soft break and a space render alike).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from merge_support import (
    extracted_corpus,
    identity,
    merged_corpus,
    render_html,
    spec_examples,
    spec_id,
    spec_post,
    split_front_matter,
)
from support import ARTICLES, SEED, SEED_ID

from pipeline.config import DEFAULT_KEYS, DEFAULT_LIST_KEYS
from pipeline.edits import Edit, apply_edits
from pipeline.render import _body_text
from pipeline.post import load_post
from pipeline.attributes import is_attribute_kind, written_value
from pipeline.segment import segment_post

#: CommonMark examples whose rendering changes when each unit is put back as its msgid (one
#: line per soft break). All come from segmentation (pipeline/segment.py joins a unit's
#: lines into one msgid, and one line is not what the lines were), none from merge.
FORCED_CHANGES = {
    491: "'[link](<foo\\nbar>)' is no link (a line break in <...>); joined to one line it is",
    616: "an inline tag spread over two lines of a paragraph; joined, the line is one complete "
    "tag and starts an HTML block of type 7",
}

Corpus = dict[str, tuple[str, str]]
"""post id -> (Dutch text, German text)."""

__all__ = ["extracted_corpus"]  # a fixture, used by the tests below


@pytest.fixture(scope="module")
def identity_corpus(extracted_corpus: Path) -> Corpus:
    return merged_corpus(extracted_corpus, identity)


SPEC_IDS = [spec_id(ex) for ex in spec_examples()]
REAL_IDS = [article.stem for article in ARTICLES] + [SEED_ID]


@pytest.mark.parametrize("post_id", SPEC_IDS + REAL_IDS)
def test_identity_catalog_gives_back_the_dutch_body(identity_corpus: Corpus, post_id: str) -> None:
    dutch, german = identity_corpus[post_id]
    assert split_front_matter(german)[1] == split_front_matter(dutch)[1]


def test_identity_corpus_is_complete(identity_corpus: Corpus) -> None:
    assert len(identity_corpus) == 652 + 12 + 1


def test_identity_catalog_keeps_the_seeds_front_matter_values(identity_corpus: Corpus) -> None:
    """Identity msgstrs: title and tags read as before; only lang, slug, key, date, record change."""
    dutch, german = identity_corpus[SEED_ID]
    before = load_post("nl.md", dutch.encode()).meta
    after = load_post("de.md", german.encode()).meta
    assert after["title"] == before["title"]
    assert after["tags"] == ["workshop", "e-learning"]  # a string of two tags becomes a list
    assert after["lang"] == "de"
    assert after["slug"] == "workshop-e-learning-toekomst"  # the slug msgstr, as given
    changed = {"title", "tags", "lang", "slug", "translationKey", "date", "generated_from"}
    assert {k: v for k, v in after.items() if k not in changed} == {
        k: v for k, v in before.items() if k not in changed
    }


# ---------------------------------------------------------------------------------------
# Forced replacement: every unit's span replaced by its own msgid


def forced_identity(text: str) -> str:
    post = load_post("post.md", text.encode("utf-8"))
    units = segment_post(post, "post", DEFAULT_KEYS, DEFAULT_LIST_KEYS)
    edits = [Edit(u.start, u.end, _forced_text(post, u)) for u in units if u.start and u.end]
    return apply_edits(post, edits)  # (an attribute's edit inside a paragraph's is left out)


def _forced_text(post, unit) -> str:  # type: ignore[no-untyped-def]
    """A unit's msgid written for its span as merge writes a translation: an attribute's
    value (pipeline/attributes.py) in its quoting."""
    if is_attribute_kind(unit.kind):
        first = post.lines[unit.start[0]][unit.start[1]]
        return written_value(unit.kind, unit.text, first if first in "\"'`" else "")
    return _body_text(unit, unit.text)


def same_html(before: str, after: str) -> tuple[str, str]:
    def html(text: str) -> str:
        return re.sub(r"\s+", " ", render_html(load_post("post.md", text.encode()).body)).strip()

    return html(before), html(after)


def _spec_params() -> list[object]:
    params = []
    for example in spec_examples():
        number = int(example["example"])  # type: ignore[call-overload]
        marks = []
        if number in FORCED_CHANGES:
            marks.append(pytest.mark.xfail(reason=FORCED_CHANGES[number], strict=True))
        params.append(pytest.param(spec_post(example), id=f"example-{number:03d}", marks=marks))
    return params


@pytest.mark.parametrize("text", _spec_params())
def test_forced_replacement_renders_the_same(text: str) -> None:
    before, after = same_html(text, forced_identity(text))
    assert after == before


@pytest.mark.parametrize("path", [*ARTICLES, SEED], ids=lambda p: p.stem)
def test_forced_replacement_renders_real_posts_the_same(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    before, after = same_html(text, forced_identity(text))
    assert after == before


def test_forced_replacement_does_replace() -> None:
    """The check is not vacuous: lines are joined, prefixes put back after hard breaks."""
    text = "---\ntitle: t\n---\n> een\n> twee  \n> drie\n\n- vier\n  vijf\\\n  zes\n"
    forced = forced_identity(text)
    assert forced == "---\ntitle: t\n---\n> een twee  \n> drie\n\n- vier vijf\\\n  zes\n"
    assert same_html(text, forced)[0] == same_html(text, forced)[1]


def test_forced_changes_are_still_segmentation_quirks() -> None:
    """The examples listed in FORCED_CHANGES each have a unit with a line break joined away."""
    by_number = {int(ex["example"]): ex for ex in spec_examples()}  # type: ignore[call-overload]
    for number in FORCED_CHANGES:
        text = spec_post(by_number[number])
        post = load_post("post.md", text.encode())
        units = [u for u in segment_post(post, "p", (), ()) if u.start and u.end]
        assert any(u.end[0] > u.start[0] and "\n" not in u.text for u in units), number
