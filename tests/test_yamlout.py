"""pipeline.yamlout: YAML scalars written so that any text loads back exactly.

What merge writes with them is tested in ``test_merge_front_matter.py``.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.yamlout import _BOOL_OR_NULL_RE, FastSafeLoader, double_quoted, flow_list, scalar


@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=30))
@settings(max_examples=200, deadline=None)
def test_yaml_scalars_load_back(text: str) -> None:
    assert yaml.safe_load(f"k: {scalar(text)}\n") == {"k": text}
    assert yaml.safe_load(f"k: {double_quoted(text)}\n") == {"k": text}
    assert yaml.safe_load(f"k: {flow_list([text, 'b'])}\n") == {"k": [text, "b"]}


@given(st.lists(st.text("0123456789abz.-_:é", min_size=1, max_size=12), min_size=1, max_size=4).map("/".join))
@settings(max_examples=300, deadline=None)
def test_path_like_scalars_load_back(text: str) -> None:
    """Paths like 2017/2017-02-22-post (the record's post id) are written plain without a
    probe: they must still load back as the same string, dates and numbers included."""
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        assert yaml.load(f"k: {scalar(text)}\n", Loader=loader) == {"k": text}
        assert yaml.load(f"k: {flow_list([text, 'b'])}\n", Loader=loader) == {"k": [text, "b"]}


@pytest.mark.parametrize(
    "text",
    # what YAML 1.1 readers (Hugo's among them) take for booleans, null or numbers
    ["yes", "No", "on", "OFF", "y", "~", "null", "true", "1.5", "0x1F", "1:30", ".inf", "1_000"],
)
def test_what_a_yaml_reader_would_not_read_as_text_is_quoted(text: str) -> None:
    assert scalar(text) == f'"{text}"'
    assert flow_list([text]) == f'["{text}"]'


@pytest.mark.parametrize(
    ("text", "block", "flow"),
    [
        ("Kop", "Kop", "Kop"),
        ("Wissens-Management 2.0!", "Wissens-Management 2.0!", "Wissens-Management 2.0!"),
        ("a, b", "a, b", '"a, b"'),  # a comma ends an item of a flow sequence
        ("2017/2017-02-22-post", "2017/2017-02-22-post", "2017/2017-02-22-post"),
        ("Kopf: zwei", '"Kopf: zwei"', '"Kopf: zwei"'),
        ("# x", '"# x"', '"# x"'),
        ("- x", '"- x"', '"- x"'),
        (" lead", '" lead"', '" lead"'),
        ("", '""', '""'),
        ("[0?]", '"[0?]"', '"[0?]"'),  # libyaml and PyYAML's scanner disagree on it
    ],
)
def test_scalar_is_plain_only_where_that_reads_back_the_same(text: str, block: str, flow: str) -> None:
    assert scalar(text) == block
    assert scalar(text, flow=True) == flow


def test_double_quoted_escapes_what_yaml_does_not_allow_raw() -> None:
    text = 'a"b\\c\n\t\r\x00\x07\x85\u2028\ufeff'
    assert double_quoted(text) == '"a\\"b\\\\c\\n\\t\\r\\0\\x07\\x85\\u2028\\ufeff"'
    for loader in (yaml.SafeLoader, FastSafeLoader):
        assert yaml.load(f"k: {double_quoted(text)}\n", Loader=loader) == {"k": text}


def test_flow_list_is_a_flow_sequence_of_the_items() -> None:
    assert flow_list(["een", "a, b", "yes"]) == '[een, "a, b", "yes"]'
    assert flow_list([]) == "[]"


@given(st.text("0123456789abcdef", min_size=1, max_size=70).filter(lambda t: any(c in "abcdef" for c in t))
       | st.sampled_from(["0b0101", "0b1", "0b10e", "1e5", "0e7", "deadbeef"]))
@settings(max_examples=400, deadline=None)
def test_hex_digests_are_plain_without_a_probe_where_both_readers_read_text(text: str) -> None:
    """The generation record's SHA-256 digests (three a post) are written without a probe,
    and plain exactly where both YAML readers read the text back (``0b0101`` is a binary
    int: quoted; ``1e5`` a number to the YAML 1.2 readers, quoted as before)."""
    expected = not _BOOL_OR_NULL_RE.fullmatch(text) and all(
        yaml.load(f"k: {text}\n", Loader=loader) == {"k": text} for loader in (yaml.SafeLoader, yaml.CSafeLoader)
    )
    load = yaml.load
    yaml.load = lambda *args, **kwargs: pytest.fail("probed")  # type: ignore[assignment]
    try:
        assert scalar(text) == (text if expected else double_quoted(text))
    finally:
        yaml.load = load
