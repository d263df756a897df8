"""pipeline.edits: span edits on a post's lines, everything outside them kept byte for byte."""

from __future__ import annotations

from pipeline.edits import Edit, apply_edits
from pipeline.post import load_post

TEXT = "---\r\ntitle: Kop\r\n---\r\nEen zin\r\nover twee regels.\r\n\r\nTweede alinea.\r\n"


def test_no_edits_give_the_text_back_byte_for_byte() -> None:
    post = load_post("x.md", TEXT.encode())
    assert apply_edits(post, []) == TEXT
    no_final = load_post("x.md", b"Tekst\nzonder einde")
    assert apply_edits(no_final, []) == "Tekst\nzonder einde"


def test_edits_replace_their_spans_in_the_lines_endings() -> None:
    post = load_post("x.md", TEXT.encode())
    edits = [
        Edit((6, 0), (6, 14), "Zweiter Absatz."),  # given out of order: applied in order
        Edit((1, 7), (1, 10), "Kopf"),
        Edit((3, 0), (4, 17), "Ein Satz\nüber zwei Zeilen."),  # \n gets the line's \r\n
    ]
    assert apply_edits(post, edits) == (
        "---\r\ntitle: Kopf\r\n---\r\nEin Satz\r\nüber zwei Zeilen.\r\n\r\nZweiter Absatz.\r\n"
    )


def test_an_edit_overlapping_the_one_before_is_left_out() -> None:
    post = load_post("x.md", b"abcdef\n")
    edits = [Edit((0, 0), (0, 4), "X"), Edit((0, 2), (0, 5), "Y")]
    assert apply_edits(post, edits) == "Xef\n"
