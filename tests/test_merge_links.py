"""pipeline merge, links: other posts by URL or by ``.md`` path, pages mapped in
``[tool.pipeline.links]``, in-page anchors after their heading was translated, link reference
definitions; what is not rewritten stays and is reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from merge_support import body, fill, merged
from support import SEED, SEED_ID, invoke, make_root

OTHER_ID = "2020-01-01-ander-bericht"
OTHER = "---\ntitle: Ander bericht\n---\n## Eerste stap\n\nTekst.\n"
OTHER_DE = {"Ander bericht": "Anderer Beitrag", "Eerste stap": "Erster Schritt", "Tekst.": "Text."}
LINKS_TOML = '[tool.pipeline.links]\n"/kwaliteitspaspoort/" = "/de/qualitaetspass/"\n'


def with_other(
    text: str, translations: dict[object, str], pyproject: str | None = None
) -> tuple[str, list[str]]:
    german, warnings = merged(
        text, translations, others={OTHER_ID: (OTHER, OTHER_DE)}, pyproject=pyproject
    )
    return body(german), warnings


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("/ander-bericht/", "/de/anderer-beitrag/"),
        ("/ander-bericht", "/de/anderer-beitrag/"),
        (f"{OTHER_ID}.md", "/de/anderer-beitrag/"),
        (f"./{OTHER_ID}.md", "/de/anderer-beitrag/"),
        (f"{OTHER_ID}.md#eerste-stap", "/de/anderer-beitrag/#erster-schritt"),
        ("/ander-bericht/#eerste-stap", "/de/anderer-beitrag/#erster-schritt"),
        ("/ander-bericht/?utm=x#eerste-stap", "/de/anderer-beitrag/?utm=x#erster-schritt"),
        ("</ander-bericht/>", "</de/anderer-beitrag/>"),
    ],
)
def test_link_to_another_post_goes_to_its_german_url(link: str, expected: str) -> None:
    german, warnings = with_other(f'Zie [dit]({link} "titel").\n', {})  # untranslated
    assert german == f'Zie [dit]({expected} "titel").\n'
    assert warnings == []


def test_link_is_rewritten_in_a_translated_unit_too() -> None:
    german, _ = with_other(
        "Zie [dit](/ander-bericht/).\n",
        {"Zie [dit](/ander-bericht/).": "Siehe [das](/ander-bericht/)."},
    )
    assert german == "Siehe [das](/de/anderer-beitrag/).\n"


def test_link_to_a_post_without_a_german_post_stays_and_is_reported(tmp_path: Path) -> None:
    root = make_root(
        tmp_path,
        {"post.md": f"Zie [a](/ander-bericht/) en [b]({OTHER_ID}.md).\n", f"{OTHER_ID}.md": OTHER},
    )
    assert invoke("-C", str(root), "extract").exit_code == 0
    fill(
        root,
        "post",
        {
            f"Zie [a](/ander-bericht/) en [b]({OTHER_ID}.md).": f"Siehe [a](/ander-bericht/) und [b]({OTHER_ID}.md)."
        },
    )
    result = invoke("-C", str(root), "merge")  # the other post is 0% translated: not written
    assert result.exit_code == 0, result.output
    german = (root / "content" / "de" / "post.md").read_text(encoding="utf-8")
    # a .md link is the Dutch page's URL (no German page for a render hook to find), said so
    assert "Siehe [a](/ander-bericht/) und [b](/ander-bericht/)." in german
    assert "warning: content/nl/post.md:1: link to /ander-bericht/ stays as it is" in result.stderr
    assert (f"link to {OTHER_ID}.md points at the Dutch page /ander-bericht/: the de post "
            f"{OTHER_ID} is not written yet") in result.stderr


def test_mapped_page_and_unmapped_page(tmp_path: Path) -> None:
    """Through the command line: the seed's /kwaliteitspaspoort/ is mapped in pyproject.toml."""
    root = make_root(tmp_path, {f"{SEED_ID}.md": SEED.read_bytes()})
    (root / "pyproject.toml").write_text(LINKS_TOML, encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    fill(root, SEED_ID, lambda ctx, msgid: None if ctx == "slug" else "DE " + msgid)
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 0, result.output
    german = (root / "content" / "de" / f"{SEED_ID}.md").read_text(encoding="utf-8")
    assert "DE [Het Kwaliteitspaspoort](/de/qualitaetspass/) is een centrale plek" in german
    assert "warning" not in result.output
    # without the table: the link stays Dutch, and merge says so
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 0, result.output
    assert (
        f"warning: content/nl/{SEED_ID}.md:39: link to /kwaliteitspaspoort/ stays as it is"
        in result.stderr
    )
    german = (root / "content" / "de" / f"{SEED_ID}.md").read_text(encoding="utf-8")
    assert "](/kwaliteitspaspoort/)" in german


def test_links_that_are_not_pages_stay_without_a_warning() -> None:
    text = (
        "Zie [a](https://example.nl/ander-bericht/), [b](mailto:x@example.nl), "
        "![c](/img/foto.png), [d](/files/gids.pdf), [e](//cdn.example.nl/x) en [f](/de/al-duits/).\n"
    )
    german, warnings = with_other(text, {})
    assert german == text
    assert warnings == []


def test_in_page_anchor_follows_the_translated_heading() -> None:
    text = "Zie [onder](#kennismanagement).\n\n## Kennismanagement\n\nTekst.\n\n## Onvertaald\n\n[terug](#onvertaald)\n"
    german, _ = with_other(
        text,
        {
            "Kennismanagement": "Wissensmanagement",
            "Zie [onder](#kennismanagement).": "Siehe [unten](#kennismanagement).",
        },
    )
    assert german == (
        "Siehe [unten](#wissensmanagement).\n\n## Wissensmanagement\n\nTekst.\n\n## Onvertaald\n\n"
        "[terug](#onvertaald)\n"
    )


def test_reference_definitions_are_rewritten() -> None:
    text = (
        "Zie [dit][a], [dat][b] en [kwaliteit][c].\n\n"
        '[a]: /ander-bericht/ "titel"\n'
        "[b]: <ander-bericht/../2020-01-01-ander-bericht.md#eerste-stap>\n"
        "  [c]: /kwaliteitspaspoort/\n\n"
        "> [d]: /ander-bericht/\n\n"
        "- [e]: /ander-bericht/\n"
    )
    german, warnings = with_other(text, {}, pyproject=LINKS_TOML)
    assert german == (
        "Zie [dit][a], [dat][b] en [kwaliteit][c].\n\n"
        '[a]: /de/anderer-beitrag/ "titel"\n'
        "[b]: </de/anderer-beitrag/#erster-schritt>\n"
        "  [c]: /de/qualitaetspass/\n\n"
        "> [d]: /de/anderer-beitrag/\n\n"
        "- [e]: /de/anderer-beitrag/\n"
    )
    assert warnings == []


def test_what_only_looks_like_a_link_is_not_rewritten() -> None:
    """Code spans, fenced and indented code, and HTML blocks are not Markdown links."""
    text = (
        "Schrijf `[x](/ander-bericht/)` of ``[y](/ander-bericht/)`` voor [z](/ander-bericht/).\n\n"
        "```\n[a]: /ander-bericht/\n[b](/ander-bericht/)\n```\n\n"
        "    [c]: /ander-bericht/\n\n"
        "<!--\n[d]: /ander-bericht/\n-->\n"
    )
    german, _ = with_other(text, {})
    assert german == text.replace("voor [z](/ander-bericht/)", "voor [z](/de/anderer-beitrag/)")


def test_empty_destination_stays_empty() -> None:
    text = "[leeg](<>) en [leeg]\n\n[leeg]: <>\n"
    german, warnings = with_other(text, {})
    assert german == text
    assert warnings == []


