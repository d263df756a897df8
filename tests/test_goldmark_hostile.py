"""Hostile cases of the Goldmark dialect, each found by building the German page with Hugo
0.111: a translation that starts (or whose later line starts) with what Goldmark reads as
markup comes out as the Dutch page's block, and the pipeline reads a post as Goldmark does
where markdown-it-py reads it otherwise. Each case goes through the CLI (extract, merge,
check) on a small site and, where Hugo is installed, a Hugo build of both pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from merge_support import fill_catalog
from support import invoke, po_path

from pipeline.markdown import block_parser

REPO = Path(__file__).resolve().parent.parent
HUGO = shutil.which("hugo")
FRONT = "---\ntitle: Post\ndate: 2023-05-01T10:00:00+02:00\nlang: nl\n---\n"


def _site(tmp_path: Path, body: str) -> Path:
    root = tmp_path / "site"
    (root / "content" / "nl").mkdir(parents=True)
    (root / "content" / "nl" / "post.md").write_text(FRONT + body, encoding="utf-8")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(REPO / "layouts", root / "layouts")
    shutil.copy(REPO / "hugo.toml", root / "hugo.toml")
    return root


def _merged(tmp_path: Path, body: str, translations: dict[str, str]) -> Path:
    """The site after extract, the catalog filled (each msgid by ``translations``), merge and
    check, each through the CLI and each clean."""
    root = _site(tmp_path, body)
    assert invoke("-C", str(root), "extract").exit_code == 0
    fill_catalog(po_path(root, "post"), lambda context, msgid: translations.get(msgid, msgid))
    merged = invoke("-C", str(root), "merge")
    assert merged.exit_code == 0, merged.output
    assert (root / "content" / "de" / "post.md").exists(), merged.output
    checked = invoke("-C", str(root), "check")
    assert checked.exit_code == 0, checked.output
    return root


def _tags(root: Path) -> tuple[list[str], list[str]]:
    """The tags of the Dutch and the German page's article, as Hugo builds them."""
    subprocess.run([HUGO, "--source", str(root), "--destination", str(root / "public")],
                   check=True, capture_output=True)

    def tags(page: Path) -> list[str]:
        html = page.read_text(encoding="utf-8")
        return re.findall(r"<(/?[a-z0-9]+)", html[html.index("<article>") : html.index("</article>")])

    return tags(root / "public" / "post" / "index.html"), tags(root / "public" / "de" / "post" / "index.html")


def _german_body(root: Path) -> str:
    return (root / "content" / "de" / "post.md").read_text(encoding="utf-8").split("---\n", 2)[2]


def test_a_later_line_of_two_dashes_is_escaped_not_a_setext_underline(tmp_path: Path) -> None:
    # "--" under a line makes it a setext heading in Goldmark (and markdown-it-py): merge used
    # to refuse the translation (structure-changed) instead of escaping the dashes
    root = _merged(tmp_path, "Alinea.\n\n- Punt.\n\n> Citaat.\n",
                   {"Alinea.": "Absatz\n--", "Punt.": "Punkt\n--", "Citaat.": "Zitat\n--"})
    assert _german_body(root) == "Absatz\n\\--\n\n- Punkt\n  \\--\n\n> Zitat\n> \\--\n"
    if HUGO:
        dutch, german = _tags(root)
        assert german == dutch and "h2" not in german


def test_a_one_column_header_over_a_line_of_dashes_is_a_setext_heading_as_in_goldmark(tmp_path: Path) -> None:
    # Goldmark's table is made of a paragraph, after the setext underline has made it a
    # heading: "| x" over "---" is a heading 2 in Hugo (markdown-it-py made a table of it, so
    # merge refused a heading's translation starting with "|", and extract took the Dutch
    # heading for a table cell)
    tokens = block_parser().parse("| Tabel\n---\n")
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    assert [t.type for t in block_parser().parse("| a |\n|---|\n")][0] == "table_open"
    nested = [t.type for t in block_parser().parse("> - a\n>\n>   | Tabel\n>   ---\n")]
    assert "heading_open" in nested and "table_open" not in nested
    root = _merged(tmp_path, "Kop\n---\n\n| Tabel\n---\n", {"Kop": "| Titel", "| Tabel": "| Tafel"})
    assert _german_body(root) == "| Titel\n---\n\n| Tafel\n---\n"
    if HUGO:
        dutch, german = _tags(root)
        assert german == dutch and dutch.count("h2") == 2


@pytest.mark.parametrize("block", ["- Punt", "## Kop", "> Citaat", "1. Punt"])
def test_a_block_after_a_definition_list_is_no_term_of_it(tmp_path: Path, block: str) -> None:
    # Goldmark reads "- Punt" over ": …" as a list item (the ": …" line its lazy
    # continuation), a heading as a heading: mdit-py-plugins' deflist took any line over a
    # ": " line after a description for the next term ("- Punt" a msgid, and a translation
    # "Punt" would have made the German page a <dl> where the Dutch has a <ul>)
    source = f"Appel\n: Een vrucht.\n\n{block}\n: lui\n"
    terms = [t.content for t in block_parser().parse(source) if t.type == "inline"
             and block_parser().parse(source)[block_parser().parse(source).index(t) - 1].type == "dt_open"]
    assert terms == ["Appel"]
    text = block.split(" ", 1)[1]
    root = _merged(tmp_path, source, {"Appel": "Apfel", "Een vrucht.": "Eine Frucht.", text: "Text"})
    assert "\n" + block.split(" ", 1)[0] + " " in _german_body(root)
    if HUGO:
        dutch, german = _tags(root)
        assert german == dutch and dutch.count("dt") == 1


@pytest.mark.parametrize("depth", [18, 19, 20, 21])
@pytest.mark.parametrize("shape", ["quote", "list", "table", "definition"])
def test_the_nesting_warning_names_exactly_the_text_left_out(tmp_path: Path, depth: int, shape: str) -> None:
    # the warning said "not extracted, stays Dutch" of a paragraph markdown-it-py reads at
    # the deepest level it reads (19 nested quotes), and of every cell of a deep table
    quotes = "> " * depth
    body = {
        "quote": f"{quotes}Diepe tekst.\n",
        "list": "".join("  " * i + f"- Punt {i}\n" for i in range(depth)).replace(f"Punt {depth - 1}", "Diepe tekst."),
        "table": f"{quotes}| Kol |\n{quotes}|---|\n{quotes}| Diepe tekst. |\n",
        "definition": f"{quotes}Term\n{quotes}: Diepe tekst.\n",
    }[shape]
    root = _site(tmp_path, body)
    extracted = invoke("-C", str(root), "extract")
    assert extracted.exit_code == 0, extracted.output
    template = (root / "locale" / "templates" / "post.pot").read_text(encoding="utf-8")
    warned = "nested deeper than 20 levels" in extracted.output
    assert warned == ('msgid "Diepe tekst."' not in template), extracted.output
