"""A post's summary is held compactly (every post's is held through a merge and a check), and
is the same summary in every way that shows: its anchors, its ids, the cache's JSON."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

from support import make_root

from pipeline.config import load_config
from pipeline.linkmap import LinkMap, LinkTarget
from pipeline.site import Anchors, HeadingIds, Site, Summary, _summary


def _made(number: int) -> Summary:
    units = [(line, f"Een kop over onderwerp {line // 2} van post {number}", "",
              f"Eine Überschrift über Thema {line} von Beitrag {number}") for line in range(14)]
    summary = _summary(Summary(f"2020/post-{number}", f"post-{number}"), units, None, None, "de")
    summary.terms = [["tags", "reizen", "Reisen"], ["categories", "leven", "Leben"]]
    summary.address = {"date": "2020-01-01", "title": f"Post {number}"}
    return Summary(**summary.cached())  # as the cache gives it back


def _held_size(value: object, seen: set[int]) -> int:
    """The bytes a value holds, and every object under it (each counted once)."""
    if id(value) in seen:
        return 0
    seen.add(id(value))
    size = sys.getsizeof(value)
    if isinstance(value, dict):
        size += sum(_held_size(k, seen) + _held_size(v, seen) for k, v in value.items())
    elif isinstance(value, (list, tuple)):
        size += sum(_held_size(item, seen) for item in value)
    for name in getattr(type(value), "__slots__", ()):
        size += _held_size(getattr(value, name, None), seen)
    return size


def test_the_heading_ids_and_anchors_of_fourteen_headings_are_held_in_under_two_kilobytes() -> None:
    """A summary of 14 headings (the benchmark's posts have 13.8) as the cache gives it back:
    its Dutch ids and its anchors held in under 2 KB (as a list and a dict of
    strings: 4.6 KB)."""
    summary = _made(7)
    seen: set[int] = set()
    assert _held_size(summary.dutch_anchors, seen) + _held_size(summary.anchors, seen) < 2000


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


def test_the_german_ids_of_a_page_of_many_headings_are_found_in_one_pass(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Check's link check asks the German heading ids of a page (:meth:`LinkMap.anchor_ids`)
    for each link with an anchor to it: what a dict of its anchors gives, its compact ids
    split a few times, not once per heading (a page of 2,000 headings linked from many posts
    would take seconds a link)."""
    root = make_root(tmp_path, {"lang.md": "---\ntitle: Lang\n---\n", "kort.md": "---\ntitle: Kort\n---\n"})
    config = load_config(root)
    units = [(line, f"Kop {line % 700}", "", None if line % 3 == 0 else f"Kopf {line}") for line in range(2000)]
    long = _summary(Summary("lang", "lang"), units, None, None, "de")
    links = LinkMap(Site.load(config), "de", [Summary(**long.cached()), Summary("kort", "kort")], {"lang", "kort"})
    target = LinkTarget("page", "lang", "de", "/de/lang/", "kopf-5")
    anchors = dict(long.anchors.items())
    assert len(anchors) > 1000
    splits = 0
    items = HeadingIds._items

    def counted(self: HeadingIds) -> list[str]:
        nonlocal splits
        splits += 1
        return items(self)

    monkeypatch.setattr(HeadingIds, "_items", counted)
    found = links.anchor_ids(target)
    assert found == [anchors.get(anchor, anchor) for anchor in long.dutch_anchors]
    assert splits <= 10, splits
    assert links.anchor_ids(LinkTarget("page", "lang", "nl", "/lang/", "kop-5")) == list(long.dutch_anchors)


def _cached_by_asdict(summary: Summary) -> dict[str, object]:
    """:meth:`Summary.cached` as first written, by :func:`dataclasses.asdict` (a deep copy)."""
    found = asdict(summary)
    found["anchors"] = dict(summary.anchors.items())
    found["dutch_anchors"] = list(summary.dutch_anchors)
    found["terms"] = [list(term) for term in summary.terms]
    found["aliases"], found["linked_headings"] = list(summary.aliases), list(summary.linked_headings)
    if found["page_address"] is None:  # a page merge writes: not kept (the JSON as it was before the field)
        del found["page_address"]
    return found


def test_the_cached_form_is_asdicts() -> None:
    """The cache's JSON of a summary (every field set, and one with none) is what
    :func:`dataclasses.asdict` made of it, and changing it changes no summary."""
    units = [(1, "Kop [x](/a/)", "", "Überschrift [x](/a/)"), (2, "Kop", "", None), (3, "Eigen {#id}", "{#id}", None)]
    full = _summary(Summary("a/b", "b", terms=[["tags", "reizen", "Reisen"]], error=None, slug_line=3,
                            address={"date": "2020-01-01", "title": "T"}, aliases=["/oud/"], hidden="draft"),
                    units, "de-b", "Titel", "de")
    own_url = Summary("d", "d", page_address={"url": "/eigen/"})
    for summary in (full, Summary("c"), _made(3), own_url):
        ours, before = summary.cached(), json.dumps(_cached_by_asdict(summary), sort_keys=True)
        assert json.dumps(ours, sort_keys=True) == before
        if "date" in summary.address:
            ours["address"]["date"] = "changed"  # type: ignore[index]
        ours["anchors"].clear()  # type: ignore[attr-defined]
        assert json.dumps(summary.cached(), sort_keys=True) == before
