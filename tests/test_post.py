"""pipeline.post: a post's bytes read into lines, its front matter split off and loaded.

Also the front matter formats Hugo reads besides YAML (TOML, JSON), told apart as Hugo tells
them (tests/test_front_matter_formats.py reads, edits and merges them).
"""

from __future__ import annotations

import pytest

from pipeline.errors import PostError
from pipeline.post import (
    decode_post,
    front_matter_format,
    load_post,
    post_name_error,
    printable_path,
    split_lines,
)

# ---------------------------------------------------------------------------------------
# Bytes to text, text to lines


def test_decode_post_refuses_what_is_not_a_utf8_text_file_at_its_line() -> None:
    assert decode_post("x.md", "\ufeffé\n".encode()) == "\ufeffé\n"  # the BOM is kept
    with pytest.raises(PostError, match=r"^x\.md:2: NUL byte: this is a binary file"):
        decode_post("x.md", b"een\ntw\x00ee\n")
    with pytest.raises(PostError, match=r"^x\.md:3: not UTF-8 \(byte 0xE9\): save the file as"):
        decode_post("x.md", "een\ntwee\ncaf\u00e9\n".encode("latin-1"))
    with pytest.raises(PostError, match=r"^x\.md: file is 21 bytes, over the limit of 20: split"):
        decode_post("x.md", b"x" * 21, max_bytes=20)
    assert decode_post("x.md", b"x" * 20, max_bytes=20) == "x" * 20


@pytest.mark.parametrize(
    ("text", "lines", "endings"),
    [
        ("a\nb\n", ["a", "b"], ["\n", "\n"]),
        ("a\r\nb", ["a", "b"], ["\r\n", ""]),  # a last line without an ending
        ("a\rb\r\n\nc", ["a", "b", "", "c"], ["\r", "\r\n", "\n", ""]),
        ("", [""], [""]),
        ("\n", [""], ["\n"]),
        ("a\u2028b\x85c\n", ["a\u2028b\x85c"], ["\n"]),  # no line breaks to markdown-it
    ],
)
def test_split_lines_keeps_each_lines_ending(
    text: str, lines: list[str], endings: list[str]
) -> None:
    assert split_lines(text) == (lines, endings)
    assert "".join(line + end for line, end in zip(lines, endings)) == text


# ---------------------------------------------------------------------------------------
# Names


def test_printable_path_escapes_what_a_name_must_not_hold() -> None:
    assert printable_path("nieuw\nbericht\x1b.md") == "nieuw\\nbericht\\x1b.md"
    assert printable_path("caf\udce9.md") == "caf\\xe9.md"  # a Latin-1 byte on Linux
    assert printable_path("a\u200bb.md") == "a\\u200bb.md"
    assert printable_path("café/straße.md") == "café/straße.md"


def test_post_name_error_says_why_a_name_cannot_be_a_posts() -> None:
    assert post_name_error("content/nl/café.md") is None
    assert "a control character" in str(post_name_error("a\tb.md"))
    assert "a byte that is not UTF-8" in str(post_name_error("caf\udce9.md"))
    assert "an invisible character" in str(post_name_error("a\u200bb.md"))
    refused = post_name_error("cafe\u0301.md")
    assert str(refused).startswith("cafe\\u0301.md: a name in decomposed Unicode")
    with pytest.raises(PostError, match="a control character"):
        load_post("a\nb.md", b"Tekst.\n")


# ---------------------------------------------------------------------------------------
# The front matter split off, lines kept where they are


def test_a_bom_and_crlf_post_keeps_its_lines_and_endings() -> None:
    data = b"\xef\xbb\xbf---\r\ntitle: Kop\r\ntags: [a]\r\n---\r\n\r\nTekst.\r\n"
    post = load_post("x.md", data)
    assert post.bom and post.has_front_matter
    assert post.meta == {"title": "Kop", "tags": ["a"]}
    assert post.body_start == 4 and post.body == "\nTekst.\n"  # markdown-it's \n endings
    assert post.text == data.decode("utf-8-sig")
    assert set(post.endings) == {"\r\n"}
    assert post.node_line(post.meta_nodes["tags"]) == 3  # the file's line


def test_a_post_without_front_matter_is_all_body() -> None:
    post = load_post("x.md", b"# Kop\n\nTekst.\n")
    assert not post.has_front_matter and post.meta == {} and post.body_start == 0
    assert post.body == "# Kop\n\nTekst.\n"


def test_an_empty_front_matter_is_one() -> None:
    post = load_post("x.md", b"---\n---\nTekst.\n")
    assert post.has_front_matter and post.meta == {} and post.body_start == 2


def test_a_key_written_twice_is_found_with_both_lines() -> None:
    post = load_post("x.md", b"---\ntitle: Een\ntags: [a]\ntitle: Twee\n---\n")
    assert post.meta["title"] == "Twee"  # as YAML and Hugo keep it
    assert post.duplicate_keys == [("title", 4, 2)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"---\ntitle: Open\n\nTekst.\n",
         "x.md:1: front matter opened here is never closed: add a line '---' after it"),
        (b"---\ntitle: Kop\n...\nTekst.\n", "x.md:3: front matter closed with '...'"),
        ("---\ntitle: Kop\nsummary: a\u2028b\n---\n".encode(),
         "x.md:3: U+2028 in the front matter: YAML reads it as a line break"),
        (b"---\ntitle: !!python/object:os.system x\n---\n",
         "x.md:2: front matter uses a YAML tag that is not allowed"),
        (b"---\n- een\n---\n", "x.md:2: front matter is a list, not a mapping"),
    ],
)
def test_a_front_matter_that_cannot_be_read_is_refused_at_its_line(
    data: bytes, message: str
) -> None:
    with pytest.raises(PostError) as raised:
        load_post("x.md", data)
    assert str(raised.value).startswith(message), raised.value

# ---------------------------------------------------------------------------------------
# Front matter formats other than YAML

TOML_POST = '+++\ntitle = "Goede titel"\ntags = ["een"]\n+++\n\nTekst van x.\n'
JSON_POST = '{\n  "title": "Goede titel",\n  "tags": ["een"]\n}\n\nTekst van x.\n'

OTHER_FORMATS = {
    # id: (text, format, line)
    "toml": (TOML_POST, "TOML", 1),
    "toml-crlf": (TOML_POST.replace("\n", "\r\n"), "TOML", 1),
    "toml-cr": (TOML_POST.replace("\n", "\r"), "TOML", 1),
    "toml-after-blank-lines": ("\n\n" + TOML_POST, "TOML", 3),  # Hugo skips them
    "toml-fence-with-spaces": (TOML_POST.replace("+++\n", "+++  \n", 1), "TOML", 1),
    "json": (JSON_POST, "JSON", 1),
    "json-on-one-line": ('{"title": "Goede titel"}\n\nTekst van x.\n', "JSON", 1),
    "json-indented": ("  " + JSON_POST, "JSON", 1),
    "json-after-a-blank-line": ("\n" + JSON_POST, "JSON", 2),
}

NOT_OTHER_FORMATS = {
    "yaml": "---\ntitle: Goede titel\n---\n\nTekst.\n",
    "no-front-matter": "Tekst.\n",
    "empty": "",
    "shortcode-first": "{{< figure src=\"x.png\" >}}\n\nTekst.\n",
    "closing-brace-first": "}\n\nTekst.\n",
    "plus-list-item": "+ een\n+ twee\n",
    "plus-in-text": "+++ is geen TOML hier\n",
    "toml-fence-later": "Tekst.\n\n+++\nx = 1\n+++\n",
}


@pytest.mark.parametrize("case", list(OTHER_FORMATS))
def test_toml_and_json_front_matter_are_told_apart(case: str) -> None:
    text, name, line = OTHER_FORMATS[case]
    assert front_matter_format(text) == (name, "+++" if name == "TOML" else "{ }", line)


@pytest.mark.parametrize("case", list(NOT_OTHER_FORMATS))
def test_what_is_no_toml_or_json_front_matter_is_not_taken_for_one(case: str) -> None:
    assert front_matter_format(NOT_OTHER_FORMATS[case]) is None
    load_post("content/nl/x.md", NOT_OTHER_FORMATS[case].encode())


@pytest.mark.parametrize("case", list(OTHER_FORMATS))
def test_a_post_with_toml_or_json_front_matter_is_read_with_its_lines(case: str) -> None:
    text, name, line = OTHER_FORMATS[case]
    for bom in (b"", b"\xef\xbb\xbf"):
        post = load_post("content/nl/x.md", bom + text.encode())
        assert post.has_front_matter and post.front_matter_format == name.lower()
        assert post.meta == ({"title": "Goede titel"} if case == "json-on-one-line"
                             else {"title": "Goede titel", "tags": ["een"]})
        title_line = line if case == "json-on-one-line" else line + 1
        assert post.node_line(post.meta_nodes["title"]) == title_line
        assert post.body.strip() == "Tekst van x."




