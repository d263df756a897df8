"""A post's summary is held compactly (every post's is held through a merge and a check), and
is the same summary in every way that shows: its anchors, its ids, the cache's JSON."""

from __future__ import annotations

import json
import tracemalloc

from pipeline.site import Anchors, HeadingIds, Summary, _summary


def _made(number: int) -> Summary:
    units = [(line, f"Een kop over onderwerp {line // 2} van post {number}", "",
              f"Eine Überschrift über Thema {line} von Beitrag {number}") for line in range(14)]
    summary = _summary(Summary(f"2020/post-{number}", f"post-{number}"), units, None, None, "de")
    summary.terms = [["tags", "reizen", "Reisen"], ["categories", "leven", "Leben"]]
    summary.address = {"date": "2020-01-01", "title": f"Post {number}"}
    return Summary(**summary.cached())  # as the cache gives it back


def test_a_summary_of_fourteen_headings_is_held_in_under_three_kilobytes() -> None:
    """1,000 summaries of 14 headings each (the benchmark's posts have 13.8) as the cache gives
    them back: held in under 3 KB each (a dict and a list of strings took 4.5 KB)."""
    _made(0)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        held = [_made(number) for number in range(1000)]
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(held) == 1000
    assert (after - before) / 1000 < 3000


def test_a_summary_round_trips_through_the_cache_as_it_was() -> None:
    """The cache keeps a summary as JSON (:meth:`Summary.cached`): read back it is the same
    summary, its anchors a mapping equal to the dict they were, its ids the list."""
    units = [(1, "Kop", "", "Überschrift"), (2, "Kop", "", "Überschrift"), (3, "Zelfde", "", None),
             (4, "Eigen {#mijn-id}", "{#mijn-id}", "Eigene {#mijn-id}")]
    summary = _summary(Summary("a", "a", terms=[["tags", "reizen", "Reisen"]]), units, None, None, "de")
    again = Summary(**json.loads(json.dumps(summary.cached())))
    assert again == summary
    assert summary.dutch_anchors == ["kop", "kop-1", "zelfde", "mijn-id"]
    assert dict(again.anchors) == {"kop": "überschrift", "kop-1": "überschrift-1"}
    assert again.anchors.get("zelfde", "zelfde") == "zelfde" and again.anchors["kop-1"] == "überschrift-1"
    assert list(again.dutch_anchors) == ["kop", "kop-1", "zelfde", "mijn-id"]
    assert again.terms == (("tags", "reizen", "Reisen"),)
    assert json.loads(json.dumps(again.cached())) == json.loads(json.dumps(summary.cached()))


def test_heading_ids_keep_an_empty_id_and_any_character() -> None:
    """An empty id (a heading of punctuation alone) is an id; an id holding NUL is kept too."""
    for ids in ([], [""], ["", ""], ["a", "", "b"], ["a\0b", "c"], ["ü", "a-1"]):
        held = HeadingIds(ids)
        assert held == ids and len(held) == len(ids) and list(held) == ids
    anchors = Anchors({"": "x", "a": ""})
    assert anchors == {"": "x", "a": ""} and anchors[""] == "x" and "b" not in anchors
