"""Hostile front matter: TOML, JSON and YAML flow mappings as editors, translators and
broken files write them, through load, merge and the generation record."""

from __future__ import annotations

import time

import yaml
from merge_support import merged

from pipeline.frontedit import edit_front_matter
from pipeline.post import load_post
from pipeline.record import hand_edited, read_record


def _post(text: str) -> object:
    return load_post("content/nl/x.md", text.encode("utf-8"))


def _upper(context: str | None, msgid: str) -> str:
    return msgid.upper()


def test_many_toml_tables_and_dotted_keys_are_read_and_edited_in_linear_time() -> None:
    """A table looked up among all of its parent's keys made 3,000 ``[kN]`` headers take
    3.6 s to read (quadratic); eight times as many keys take about eight times as long."""
    def timed(n: int, line: str) -> float:
        text = "+++\n" + "".join(line.format(i=i) for i in range(n)) + "+++\nT\n"
        started = time.perf_counter()
        post = _post(text)
        edit_front_matter(post, {"lang": "de"})
        return time.perf_counter() - started

    for line in ("[k{i}]\nx = 1\n", "k{i}.x = 1\n", "[[r{i}]]\nx = 1\n"):
        small = min(timed(400, line) for _ in range(2))
        assert timed(3200, line) < 8 * 3 * small + 0.5, line
