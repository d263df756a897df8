"""Messages name the site's languages as its settings give them (:func:`pipeline.languages.shown_language`):
the German post of an nl → de site, the English post of an nl → en one, the French post a
French source's, word for word what they said before where the site is nl → de."""

from __future__ import annotations

from pathlib import Path

import pytest
from merge_support import fill_all
from support import make_root, run_cli

from pipeline import render
from pipeline.config import load_config
from pipeline.languages import shown_languages
from pipeline.moves import Carried, Move
from pipeline.post import load_post
from pipeline.relocate import MoveRefused, move
from pipeline.report import moved_lines
from pipeline.segment import nesting_warnings
from pipeline.site import bundle_twin
from pipeline.translated import read_translated_post
from pipeline.verify import Difference


def _languages(root: Path, targets: list[str], source: str = "nl") -> Path:
    (root / "pyproject.toml").write_text(
        f'[tool.pipeline]\nsource-language = "{source}"\ntarget-languages = {targets!r}\n'.replace("'", '"'),
        encoding="utf-8")
    return root


def test_languages_are_named_in_their_order() -> None:
    assert [shown_languages(codes) for codes in (["de"], ["de", "en"], ["en", "de", "fr"], ["pt_BR"])] == [
        "German", "German and English", "English, German and French", "Portuguese (Brazil)"]


def test_text_nested_too_deep_stays_in_the_source_language_in_the_target_languages_posts() -> None:
    post = load_post("content/nl/x.md", ("---\ntitle: T\n---\n\n" + "> " * 30 + "Diep verstopt.\n").encode())
    said = {(source, *targets): [w.message for w in nesting_warnings(post, source, targets)]
            for source, targets in (("nl", ["de"]), ("nl", ["en"]), ("nl", ["de", "en"]), ("fr", ["de"]))}
    assert all(len(messages) == 1 for messages in said.values())
    assert said["nl", "de"] == ["text nested deeper than 20 levels (block quotes, lists) is beyond what the pipeline's "
                                "Markdown parser reads: it is not extracted, and stays Dutch in the German post; "
                                "nest it less deeply"]
    assert said["nl", "en"][0].endswith("stays Dutch in the English post; nest it less deeply")
    assert said["nl", "de", "en"][0].endswith("stays Dutch in the German and English posts; nest it less deeply")
    assert said["fr", "de"][0].endswith("stays French in the German post; nest it less deeply")


@pytest.mark.parametrize(("language", "name"), [("de", "German"), ("en", "English")])
def test_a_changed_structure_before_every_translation_names_the_target_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, name: str,
) -> None:
    # the difference found before any translated unit (the wording, not the finding, is
    # tested: merge's escapes leave such a difference to what no translation causes)
    root = _languages(make_root(tmp_path, {"x.md": "---\ntitle: T\n---\n\nEen.\n\nTwee.\n"}), [language])
    assert run_cli(root, "extract").returncode == 0
    config = load_config(root)
    translated = read_translated_post(config, root / "content" / "nl" / "x.md", language)
    translated.translations = {(unit.context, unit.text): "Zwei." for unit in translated.units if unit.text == "Twee."}
    unit_edits, other_edits = render._translated_edits(translated, config, _link_map(config, language), [])
    monkeypatch.setattr(render, "compare", lambda *args: Difference((0, 1), "a list where the source has a paragraph"))
    refusals = render.structure_refusals(translated, config, _link_map(config, language), unit_edits, other_edits)
    assert [r.message for r in refusals] == [
        f"the {name} page's structure differs from the source's near content/nl/x.md:4 "
        "(a list where the source has a paragraph): check the translations around it"]
    warnings: list[str] = []
    render._warn_address_translated(translated, "url", [u for u in translated.units if u.text == "Twee."], warnings)
    assert warnings == [f"content/nl/x.md:7: the translation of url is not used: the {name} page's address comes "
                        'from its slug (translate msgctxt "slug" instead)']


def _link_map(config, language):  # type: ignore[no-untyped-def]
    from pipeline.linkmap import LinkMap
    from pipeline.site import Site

    return LinkMap(Site.load(config), language, [], set())


@pytest.mark.parametrize(("language", "name"), [("de", "German"), ("en", "English")])
def test_a_post_beside_its_bundle_names_the_language_merge_writes(tmp_path: Path, language: str, name: str) -> None:
    root = _languages(make_root(tmp_path, {"x/index.md": "---\ntitle: T\n---\n"}), [language])
    german = root / "content" / language
    (german / "x").mkdir(parents=True)
    (german / "x" / "index.md").write_text("---\ntitle: T\n---\n", encoding="utf-8")
    (german / "x.md").write_text("---\ntitle: T\n---\n", encoding="utf-8")
    found = bundle_twin(load_config(root), german / "x.md")
    assert found is not None and str(found) == (
        f"content/{language}/x.md: the page bundle content/{language}/x/index.md is the same page (Hugo publishes "
        f"the bundle at its URL, and not this file): merge writes the {name} post into the bundle now: delete "
        "this file (a hand edit of it copied there first)")


def test_merge_names_the_english_post_it_removes_beside_the_bundle(tmp_path: Path) -> None:
    root = _languages(make_root(tmp_path, {"fietsen.md": "---\ntitle: Fietsen\n---\n\nEen goede jas.\n"}), ["en"])
    assert run_cli(root, "extract").returncode == 0
    fill_all(root, lambda context, msgid: "" if context == "slug" else f"EN {msgid}", "en")
    assert run_cli(root, "merge").returncode == 0
    assert (root / "content" / "en" / "fietsen.md").is_file()
    (root / "content" / "nl" / "fietsen").mkdir()
    (root / "content" / "nl" / "fietsen.md").rename(root / "content" / "nl" / "fietsen" / "index.md")
    assert run_cli(root, "extract").returncode == 0
    done = run_cli(root, "merge")
    assert ("content/en/fietsen.md: removed, the English post of content/nl/fietsen.md before that post became "
            "the page bundle content/nl/fietsen/index.md") in done.stdout + done.stderr
    assert not (root / "content" / "en" / "fietsen.md").exists()


def test_a_moved_post_s_old_url_and_a_move_refused_name_the_source_language(tmp_path: Path) -> None:
    lines = moved_lines(Carried(Move("a", "b", "renamed"), post="content/fr/b.md", alias="/a/", language="fr"))
    assert lines[1].startswith("content/fr/b.md: its French URL was /a/: keep it reachable by adding to ")
    dutch = moved_lines(Carried(Move("a", "b", "renamed"), post="content/nl/b.md", alias="/a/", language="nl"))
    assert dutch[1] == ('content/nl/b.md: its Dutch URL was /a/: keep it reachable by adding to its front matter '
                        '`aliases: ["/a/"]` (or that URL to its aliases list)')
    root = tmp_path / "site"
    (root / "content" / "fr").mkdir(parents=True)
    (root / "content" / "fr" / "a.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    (root / "elders.md").write_text("x\n", encoding="utf-8")
    _languages(root, ["de", "en"], "fr")
    with pytest.raises(MoveRefused, match="is outside content/fr/: give a French post or a folder under it"):
        move(load_config(root), str(root / "elders.md"), "b")
    done = move(load_config(root), "a", "b")
    assert (root / "content" / "fr" / "b.md").is_file()
    assert any("(the German and English posts are rendered again" in line for line in done.lines), done.lines
