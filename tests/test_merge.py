"""pipeline merge through the command line: what is published, what is refused, what is kept.

Each scenario builds a content root in tmp_path (``content/nl/*.md``), runs ``extract``, fills
the German catalog with :func:`merge_support.fill` and runs ``merge``. The rules that are about
one post's text (containers, line endings) also run through the core, in merge_support.merged.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from merge_support import body, fill, fill_catalog, merged, split_front_matter
from support import invoke, make_root, po_path

from pipeline.config import load_config
from pipeline.translated import count_words
from pipeline.merge import merge
from pipeline.po import parse_catalog

POST = "---\ntitle: Kop\n---\nEen twee drie vier vijf zes.\n\nZeven acht\nnegen.\n"
DONE = {"Kop": "Kopf", "Een twee drie vier vijf zes.": "Eins zwei drei vier fünf sechs."}
REST = {"Zeven acht negen.": "Sieben acht neun."}


def german_path(root: Path, post_id: str = "post") -> Path:
    return root / "content" / "de" / f"{post_id}.md"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = make_root(tmp_path, {"post.md": POST})
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 0, result.output
    return root


def run_merge(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return invoke("-C", str(root), "merge", *args)


# ---------------------------------------------------------------------------------------
# Fallbacks and the threshold


def test_fully_translated_post_is_written(root: Path) -> None:
    fill(root, "post", DONE | REST)
    result = run_merge(root)
    assert result.exit_code == 0, result.output
    assert "wrote content/de/post.md (100% translated)" in result.output
    assert "merge: 1 written" in result.output
    assert body(german_path(root).read_text(encoding="utf-8")) == (
        "Eins zwei drei vier fünf sechs.\n\nSieben acht neun.\n"
    )


def test_words_are_counted_as_pocount_does() -> None:
    assert count_words("Een twee drie vier vijf zes.") == 6
    assert count_words("e-learning's 2.0 [link](/x/)") == 5  # e, learning's, 2.0, link, x (pocount: 5)
    assert count_words("") == 0


def test_below_the_threshold_is_listed_with_its_percent_and_not_written(root: Path) -> None:
    fill(root, "post", DONE)  # 7 of 10 words: title 1 + 6, the last paragraph's 3 not
    result = run_merge(root)
    assert result.exit_code == 0, result.output
    assert "skipped content/de/post.md: 70.0% translated, below 100%" in result.output
    assert "merge: 1 below" in result.output
    assert not german_path(root).exists()


def test_min_translated_lets_a_partial_post_through_with_dutch_fallback(root: Path) -> None:
    fill(root, "post", DONE)
    result = run_merge(root, "--min-translated", "70")
    assert result.exit_code == 0, result.output
    assert "wrote content/de/post.md (70% translated)" in result.output
    # untranslated: the Dutch bytes as written, line break included
    assert body(german_path(root).read_text(encoding="utf-8")) == (
        "Eins zwei drei vier fünf sechs.\n\nZeven acht\nnegen.\n"
    )


def test_fuzzy_translations_are_not_published(root: Path) -> None:
    fill(root, "post", DONE | REST)
    catalog = po_path(root, "post")
    text = catalog.read_text(encoding="utf-8").replace(
        'msgid "Zeven acht negen."', '#, fuzzy\nmsgid "Zeven acht negen."'
    )
    catalog.write_text(text, encoding="utf-8")
    assert any(m.fuzzy for m in parse_catalog("de.po", text).messages)
    result = run_merge(root)
    assert "skipped content/de/post.md: 70.0% translated" in result.output
    result = run_merge(root, "--min-translated", "50")
    assert result.exit_code == 0, result.output
    german = german_path(root).read_text(encoding="utf-8")
    assert "Sieben" not in german and "Zeven acht\nnegen." in german


def test_fuzzy_and_untranslated_fall_back_in_the_core(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"post.md": POST})
    invoke("-C", str(root), "extract")
    fill_catalog(po_path(root, "post"), lambda ctx, msgid: (DONE | REST).get(msgid), fuzzy=True)
    [result] = merge(load_config(root), min_translated=0)
    assert (result.action, result.percent) == ("written", 0.0)
    assert body(german_path(root).read_text(encoding="utf-8")) == body(POST)


def test_post_without_a_catalog_counts_as_untranslated(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"post.md": POST})
    result = run_merge(root)
    # no catalog at all: what to do, not a percent of nothing
    assert ("skipped content/de/post.md: no catalog locale/de/LC_MESSAGES/post.po: run `pipeline extract` first"
            in result.output)


def test_post_dropped_below_the_threshold_is_left_in_place_as_stale(root: Path) -> None:
    fill(root, "post", DONE | REST)
    assert run_merge(root).exit_code == 0
    published = german_path(root).read_bytes()
    # the Dutch post changes; extract marks the changed unit fuzzy
    dutch = root / "content" / "nl" / "post.md"
    dutch.write_text(POST.replace("negen.", "negen, tien."), encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    result = run_merge(root)
    assert result.exit_code == 0, result.output
    assert "stale content/de/post.md: catalog is 63.6% translated, below 100%" in result.output
    assert "the German post is left as it was" in result.output
    assert "merge: 1 stale" in result.output
    assert german_path(root).read_bytes() == published


# ---------------------------------------------------------------------------------------
# Hand edits, --force, idempotence


def test_merge_twice_writes_nothing_the_second_time(root: Path) -> None:
    fill(root, "post", DONE | REST)
    assert run_merge(root).exit_code == 0
    path = german_path(root)
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    result = run_merge(root)
    assert result.exit_code == 0, result.output
    assert "merge: 1 unchanged" in result.output
    assert "wrote" not in result.output
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime


def test_hand_edited_german_post_is_refused_unless_forced(root: Path) -> None:
    fill(root, "post", DONE | REST)
    assert run_merge(root).exit_code == 0
    path = german_path(root)
    edited = path.read_text(encoding="utf-8").replace("Sieben acht neun.", "Sieben, acht, neun!")
    path.write_text(edited, encoding="utf-8")
    fill(root, "post", DONE | {"Zeven acht negen.": "Sieben und acht und neun."})
    result = run_merge(root)
    assert result.exit_code == 1
    assert "content/de/post.md: changed by hand since merge wrote it" in result.stderr
    assert "--force" in result.stderr
    assert "merge: 1 edited" in result.output
    assert path.read_text(encoding="utf-8") == edited
    # unchanged catalog, same refusal: the hand edit is never silently lost
    assert run_merge(root).exit_code == 1
    result = run_merge(root, "--force")
    assert result.exit_code == 0, result.output
    assert "wrote content/de/post.md" in result.output
    assert "Sieben und acht und neun." in path.read_text(encoding="utf-8")
    assert run_merge(root).exit_code == 0  # and it is merge's own post again


def test_german_post_not_written_by_merge_is_refused(root: Path) -> None:
    fill(root, "post", DONE | REST)
    path = german_path(root)
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: Kopf\n---\nVon Hand.\n", encoding="utf-8")
    result = run_merge(root)
    assert result.exit_code == 1
    assert "content/de/post.md" in result.stderr
    assert path.read_text(encoding="utf-8") == "---\ntitle: Kopf\n---\nVon Hand.\n"


def test_paths_limit_the_posts_merged(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"a.md": "Een.\n", "b.md": "Twee.\n"})
    invoke("-C", str(root), "extract")
    fill(root, "a", {"Een.": "Eins."})
    fill(root, "b", {"Twee.": "Zwei."})
    result = run_merge(root, str(root / "content" / "nl" / "a.md"))
    assert result.exit_code == 0, result.output
    assert german_path(root, "a").exists() and not german_path(root, "b").exists()


def test_path_outside_the_dutch_posts_is_a_usage_error(root: Path) -> None:
    result = run_merge(root, str(root / "elders.md"))
    assert result.exit_code == 2
    assert "not a post under content/nl/" in result.output


def test_merge_help() -> None:
    result = invoke("merge", "--help")
    assert result.exit_code == 0
    assert "--min-translated" in result.output and "--force" in result.output


# ---------------------------------------------------------------------------------------
# Container prefixes, tables, line endings, BOM


@pytest.mark.parametrize(
    ("dutch", "translations", "expected"),
    [
        pytest.param(
            "- een\n- twee\n  drie\n",
            {"twee drie": "zwei  \ndrei"},
            "- een\n- zwei  \n  drei\n",
            id="list item",
        ),
        pytest.param(
            "> een\n> twee\n",
            {"een twee": "eins\\\nzwei"},
            "> eins\\\n> zwei\n",
            id="block quote",
        ),
        pytest.param(
            "> 1. een\n>    twee\n",
            {"een twee": "eins  \nzwei"},
            "> 1. eins  \n>    zwei\n",
            id="list in quote",
        ),
        pytest.param(
            "- > een\n  > twee\n",
            {"een twee": "eins  \nzwei  \ndrei"},
            "- > eins  \n  > zwei  \n  > drei\n",
            id="quote in list",
        ),
        pytest.param(
            "10) een\n    twee\n",
            {"een twee": "eins  \nzwei"},
            "10) eins  \n    zwei\n",
            id="wide ordered marker",
        ),
        pytest.param(
            "## Kop ##\n",
            {"Kop": "Kopf  \nmit Umbruch"},
            "## Kopf   mit Umbruch ##\n",
            id="ATX heading: one line",
        ),
        pytest.param(
            "| Naam | Waarde |\n|------|--------|\n| een | twee |\n",
            {"een": "eins | zwei", "twee": "a \\| b", "Naam": "Name\nmit Umbruch"},
            "| Name mit Umbruch | Waarde |\n|------|--------|\n| eins \\| zwei | a \\| b |\n",
            id="table cells: pipes escaped",
        ),
        pytest.param(
            "Een\ntwee\ndrie.\n\nVier.\n",
            {"Een twee drie.": "Eins zwei drei."},
            "Eins zwei drei.\n\nVier.\n",
            id="soft breaks: one line",
        ),
    ],
)
def test_container_prefixes(dutch: str, translations: dict[str, str], expected: str) -> None:
    german, _ = merged(dutch, translations)
    assert split_front_matter(german)[1] == expected


def test_crlf_post_keeps_crlf_and_bom() -> None:
    dutch = "\ufeff---\r\ntitle: Kop\r\ndate: 2017-02-22 08:00 CEST\r\n---\r\n> een\r\n> twee\r\n\r\nDrie.\r\n"
    german, _ = merged(
        dutch.encode("utf-8"), {"Kop": "Kopf", "een twee": "eins  \nzwei", "Drie.": "Drei."}
    )
    assert german.startswith("\ufeff---\r\n")
    assert not set(german.replace("\r\n", "")) & {"\r", "\n"}, repr(german)
    assert german.endswith("---\r\n> eins  \r\n> zwei\r\n\r\nDrei.\r\n")
    assert "title: Kopf\r\ndate: 2017-02-22T08:00:00+01:00\r\n" in german


def test_crlf_post_without_front_matter_gets_crlf_front_matter() -> None:
    german, _ = merged(b"Een.\r\n", {"Een.": "Eins."})
    assert not set(german.replace("\r\n", "")) & {"\r", "\n"}, repr(german)
    assert german.endswith("---\r\nEins.\r\n")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_line_endings_survive_a_second_merge(tmp_path: Path, newline: str) -> None:
    text = "---\ntitle: Kop\n---\nEen.\n".replace("\n", newline)
    root = make_root(tmp_path, {"post.md": text.encode()})
    assert invoke("-C", str(root), "extract").exit_code == 0
    fill(root, "post", {"Kop": "Kopf", "Een.": "Eins."})
    assert run_merge(root).exit_code == 0
    assert run_merge(root).output.endswith("merge: 1 unchanged\n")
    fill(root, "post", {"Kop": "Kopf", "Een.": "Eins!"})  # merge's own post: rewritten
    result = run_merge(root)
    assert result.exit_code == 0, result.output
    german = german_path(root).read_bytes().decode()
    assert german.endswith(f"---{newline}Eins!{newline}")
    assert not set(german.replace(newline, "")) & {"\r", "\n"}, repr(german)


# ---------------------------------------------------------------------------------------
# Errors, subfolders


def test_broken_post_and_catalog_are_reported_and_the_others_still_merged(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"a.md": "Een.\n", "b.md": "Twee.\n"})
    assert invoke("-C", str(root), "extract").exit_code == 0
    fill(root, "a", {"Een.": "Eins."})
    po_path(root, "b").write_text('msgid "Twee."\nmsgstr "Zwei.\n', encoding="utf-8")  # unclosed
    (root / "content" / "nl" / "c.md").write_text("---\ntitle: nooit gesloten\n", encoding="utf-8")
    result = run_merge(root)
    assert result.exit_code == 1
    assert "wrote content/de/a.md" in result.output
    assert "error: locale/de/LC_MESSAGES/b.po:2:" in result.stderr
    assert "error: content/nl/c.md:1: front matter opened here is never closed" in result.stderr
    assert "merge: 1 written, 2 error" in result.output
    assert not german_path(root, "b").exists() and not german_path(root, "c").exists()


def test_posts_in_subfolders_keep_their_place_and_link_each_other(tmp_path: Path) -> None:
    root = make_root(
        tmp_path,
        {
            "2019/oud.md": "---\ntitle: Oud\n---\nOude tekst.\n",
            "2020/nieuw.md": "---\ntitle: Nieuw\n---\nZie [oud](../2019/oud.md) en [ook](/oud/).\n",
        },
    )
    assert invoke("-C", str(root), "extract").exit_code == 0
    fill(root, "2019/oud", {"Oud": "Alt", "Oude tekst.": "Alter Text."})
    fill(
        root,
        "2020/nieuw",
        {
            "Nieuw": "Neu",
            "Zie [oud](../2019/oud.md) en [ook](/oud/).": "Siehe [alt](../2019/oud.md) und [auch](/oud/).",
        },
    )
    result = run_merge(root)
    assert result.exit_code == 0, result.output
    german = (root / "content" / "de" / "2020" / "nieuw.md").read_text(encoding="utf-8")
    assert body(german) == "Siehe [alt](/de/alt/) und [auch](/de/alt/).\n"
    assert (root / "content" / "de" / "2019" / "oud.md").exists()
