"""The structure check's shortcuts find exactly what the full parse finds.

:func:`pipeline.verify.run_links` skips the inline pass of a run that cannot hold a link.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.verify import _MAYBE_LINK_RE, _links, run_links


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab .:/@&#;\\[]()<>!^*_`w\n-x46", max_size=40))
def test_a_run_without_link_characters_has_no_links(text: str) -> None:
    """:func:`pipeline.verify.run_links` skips the inline pass only where it finds nothing."""
    env = {"references": {"A": {"href": "/a", "title": ""}}, "footnotes": {"refs": {":1": -1}}}
    assert run_links(text, env) == _links(text, env)
    if not _MAYBE_LINK_RE.search(text):
        assert _links(text, env) == []


@pytest.mark.parametrize("text", ["www&#46;ab.example", "a&#64;b.example", "www\\.ab.example", "https:\\/\\/ab.example"])
def test_a_link_spelt_with_an_entity_or_escape_is_found(text: str) -> None:
    assert not re.search(r"[\[<@]|www\.|://", text)  # what compare looks for: not enough here
    assert run_links(text, {}) == _links(text, {}) != []
