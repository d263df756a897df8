"""A small site of tagged posts for the terms tests (``tests/test_terms.py``,
``tests/test_noop_speed.py``, ``tests/test_extract_shared.py``): three posts sharing the tag
``fiets``, the category ``Uitleg``; their catalogs and the terms catalog translated; check's
problems as JSON; the catalogs the terms pass parses, counted."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from merge_support import fill_catalog
from support import make_root, po_path, run_cli

TERMS_PO = "locale/de/LC_MESSAGES/_terms.po"

#: The German of the site's terms
TERMS = {"fiets": "Fahrrad", "onderhoud": "Wartung", "Uitleg": "Erklärung"}


def tagged_post(title: str, tags: str | Sequence[str], body: str = "Tekst.") -> str:
    """A post with a date, ``tags`` (a string: the flow list's items as written; a list: as
    JSON writes it) and the category ``Uitleg``."""
    items = tags if isinstance(tags, str) else json.dumps(list(tags))[1:-1]
    return (f"---\ntitle: {title}\ndate: 2024-01-01T08:00:00+01:00\ntags: [{items}]\ncategories: [Uitleg]\n"
            f"---\n\n{body}\n")


def terms_site(root: Path, posts: dict[str, str] | None = None) -> Path:
    """``posts``, or three: ``a`` tagged ``fiets, onderhoud``, ``b`` and ``c`` ``fiets``."""
    posts = posts or {"a.md": tagged_post("A", "fiets, onderhoud"), "b.md": tagged_post("B", "fiets"),
                      "c.md": tagged_post("C", "fiets")}
    return make_root(root, posts)


def translate_terms(root: Path, terms: dict[str, str]) -> None:
    fill_catalog(root / TERMS_PO, lambda ctx, msgid: terms.get(msgid, ""))


def translate_posts(root: Path, terms: dict[str, str], posts: tuple[str, ...] = ("a", "b", "c")) -> None:
    """Every post's units translated (the text as it is), its terms as ``terms`` gives them."""
    for post in posts:
        fill_catalog(po_path(root, post), lambda ctx, msgid: "" if ctx == "slug" else
                     terms.get(msgid, "") if ctx in ("tags", "categories") else f"{msgid} (de)")


def translated_terms_site(root: Path) -> Path:
    """:func:`terms_site` extracted, its posts' text translated and its terms as :data:`TERMS`
    gives them, extracted again (the terms carried into the posts' catalogs)."""
    root = terms_site(root)
    run_cli(root, "extract")
    translate_posts(root, {})
    translate_terms(root, TERMS)
    done = run_cli(root, "extract")
    assert done.returncode == 0, done.stderr
    return root


def check_problems(root: Path) -> list[dict[str, object]]:
    done = run_cli(root, "check", "--format", "json")
    return json.loads(done.stdout)["problems"]


def catalogs_parsed_by_terms(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the terms pass parses from now on (:func:`pipeline.terms.parse_catalog`), as
    each is named, in order."""
    import pipeline.terms

    read: list[str] = []
    real = pipeline.terms.parse_catalog

    def counted(shown: str, data: bytes) -> object:
        read.append(shown)
        return real(shown, data)

    monkeypatch.setattr(pipeline.terms, "parse_catalog", counted)
    return read
