"""The public API (pipeline.api): the commands as functions of a content root, returning
results, raising for what stops a run, printing nothing."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from merge_support import fill
from support import NOW, invoke, make_root, po_path, pot_path

from pipeline import api
from pipeline.errors import (
    ConfigError,
    NotAContentRoot,
    PipelineError,
    RunRefused,
    TranslationRefused,
    UnknownPaths,
)
from pipeline.lock import run_lock

REPO = Path(__file__).resolve().parent.parent
POST = "---\ntitle: Kop\ndate: 2024-01-02\n---\nEen twee drie.\n\nVier vijf.\n"
TRANSLATED = {"Kop": "Kopf", "Een twee drie.": "Eins zwei drei.", "Vier vijf.": "Vier fünf."}
EPOCH = 1767225600.0  # NOW, 2026-01-01 00:00 UTC


def test_extract_merge_check_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_root(tmp_path, {"post.md": POST, "sub/ander.md": "---\ntitle: Ander\ndate: 2024-01-03\n---\nAlinea.\n"})

    extracted = api.extract(root, now=EPOCH)
    assert extracted.ok
    assert (extracted.posts, extracted.units, extracted.new) == (2, 7, 7)  # slugs too
    assert [(w.action, w.path) for w in extracted.written] == [
        ("created", "locale/templates/post.pot"),
        ("created", "locale/de/LC_MESSAGES/post.po"),
        ("created", "locale/templates/sub/ander.pot"),
        ("created", "locale/de/LC_MESSAGES/sub/ander.po"),
    ]
    assert f'"POT-Creation-Date: {NOW}\\n"' in pot_path(root, "post").read_text(encoding="utf-8")

    fill(root, "post", TRANSLATED)
    merged = api.merge(str(root), min_translated=100.0)  # a str root too
    assert merged.ok
    assert [(r.post_id, r.action) for r in merged.results] == [("post", "written"), ("sub/ander", "below")]
    assert merged.counts()["written"] == 1
    german = (root / "content" / "de" / "post.md").read_text(encoding="utf-8")
    assert "title: Kopf" in german and "Eins zwei drei.\n\nVier fünf.\n" in german

    report = api.check(root, min_translated=0.0)
    assert {(p.file, p.code) for p in report.problems if p.severity == "error"} == {
        ("content/de/sub/ander.md", "post-missing"),  # its catalog is not translated yet
    }
    assert {(c.post_id, c.percent_words) for c in report.completeness} == {("post", 100.0), ("sub/ander", 0.0)}

    again = api.extract(root, now=EPOCH)  # nothing to do: nothing written
    assert again.ok and again.written == [] and again.posts == 2
    assert capsys.readouterr() == ("", "")


def test_the_api_and_the_command_line_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH)))
    by_api = make_root(tmp_path / "api", {"post.md": POST})
    by_cli = make_root(tmp_path / "cli", {"post.md": POST})
    api.extract(by_api)
    assert invoke("-C", str(by_cli), "extract").exit_code == 0
    for root in (by_api, by_cli):
        fill(root, "post", TRANSLATED)
    api.merge(by_api)
    assert invoke("-C", str(by_cli), "merge").exit_code == 0
    assert po_path(by_api, "post").read_bytes() == po_path(by_cli, "post").read_bytes()
    assert (by_api / "content/de/post.md").read_bytes() == (by_cli / "content/de/post.md").read_bytes()


def test_extract_gives_each_post_as_it_is_done(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"a.md": "Een.\n", "b.md": "Twee.\n"})
    seen: list[tuple[str, int]] = []
    api.extract(root, on_post=lambda result, posts: seen.append((result.post_id, posts)))
    assert seen == [("a", 2), ("b", 2)]


def test_the_reports_count_the_work_a_run_did(tmp_path: Path) -> None:
    """``parsed`` and ``rendered`` say what a run really did: all of it the first time and
    without the cache, the changed posts alone after a change, nothing when nothing changed."""
    other = "---\ntitle: Ander\ndate: 2024-01-03\n---\nAlinea.\n"
    root = make_root(tmp_path, {"post.md": POST, "ander.md": other})
    assert api.extract(root, now=EPOCH).parsed == 2
    assert api.extract(root, now=EPOCH).parsed == 0
    (root / "content" / "nl" / "ander.md").write_text(other + "\nNog een.\n", encoding="utf-8")
    assert api.extract(root, now=EPOCH).parsed == 1  # the changed post alone
    assert api.extract(root, now=EPOCH, use_cache=False).parsed == 2

    fill(root, "post", TRANSLATED)
    fill(root, "ander", {"Ander": "Anderer", "Alinea.": "Absatz.", "Nog een.": "Noch einer."})
    merged = api.merge(root)
    assert (merged.counts()["written"], merged.parsed, merged.rendered) == (2, 0, 2)  # units from extract
    assert [(r.parsed, r.rendered) for r in merged.results] == [(False, True), (False, True)]
    fill(root, "post", {**TRANSLATED, "Vier vijf.": "Vier fünf!"})
    merged = api.merge(root)
    assert (merged.counts()["written"], merged.counts()["unchanged"], merged.rendered) == (1, 1, 1)
    assert {r.post_id: r.rendered for r in merged.results} == {"ander": False, "post": True}
    merged = api.merge(root)
    assert (merged.counts()["unchanged"], merged.parsed, merged.rendered) == (2, 0, 0)
    merged = api.merge(root, use_cache=False)
    assert (merged.counts()["unchanged"], merged.parsed, merged.rendered) == (2, 2, 2)
    # a post below the minimum is not rendered, nor parsed (its summary made from its catalog)
    fill(root, "ander", {"Ander": "Anderer", "Alinea.": "Absatz."})
    merged = api.merge(root)
    assert {r.post_id: (r.action, r.parsed, r.rendered) for r in merged.results} == {
        "ander": ("stale", False, False), "post": ("unchanged", False, False)
    }


def test_problems_with_a_post_are_in_the_result(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_root(tmp_path, {"goed.md": "Een.\n", "kapot.md": b"\xff\xfe not UTF-8\n"})
    extracted = api.extract(root)
    assert not extracted.ok
    assert extracted.failed_posts == 1
    assert [e.path for e in extracted.errors] == ["content/nl/kapot.md"]
    report = api.check(root)
    assert any(p.file == "content/nl/kapot.md" and p.severity == "error" for p in report.problems)
    assert capsys.readouterr() == ("", "")


def test_not_a_content_root_raises(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for call in (api.extract, api.merge, api.check):
        with pytest.raises(NotAContentRoot) as caught:
            call(tmp_path)
        assert str(caught.value) == f"no content/nl/ under {tmp_path}: run it from the site's root, or pass -C"
    assert list(tmp_path.iterdir()) == []
    assert capsys.readouterr() == ("", "")


def test_a_bad_setting_raises(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"a.md": "Een.\n"})
    (root / "pyproject.toml").write_text('[tool.pipeline]\nsource-language = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^pyproject\.toml:2: "):
        api.check(root)


def test_a_path_that_is_not_a_post_raises(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"a.md": "Een.\n"})
    with pytest.raises(UnknownPaths, match="no such post"):
        api.extract(root, ["content/nl/b.md"])
    with pytest.raises(UnknownPaths, match="not a post under content/nl/"):
        api.merge(root, [root / "README.md"])
    assert not (root / "locale").exists()


def test_a_held_lock_raises_or_is_waited_for(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"a.md": "Een.\n"})
    with run_lock(root / ".pipeline-cache"):
        with pytest.raises(RunRefused, match="is working on this content root: try again when it is done"):
            api.extract(root, wait=False)
        with pytest.raises(RunRefused):
            api.check(root, fix=True, wait=False)
        assert api.check(root).count("error") > 0  # check without --fix takes no lock
    assert not (root / "locale").exists()

    notes: list[str] = []
    holding = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with run_lock(root / ".pipeline-cache"):
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(30)

    def note(line: str) -> None:
        notes.append(line)
        release.set()

    assert api.extract(root, on_note=note).ok
    holder.join()
    assert len(notes) == 1 and notes[0].startswith("waiting for another pipeline run (")


def test_pipeline_errors_are_one_kind(tmp_path: Path) -> None:
    for kind in (NotAContentRoot, UnknownPaths, RunRefused, ConfigError):
        assert issubclass(kind, PipelineError)


def test_template_of_is_what_extract_writes(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"post.md": POST})
    api.extract(root, now=EPOCH)
    assert api.template_of(POST, "post", now=EPOCH) == pot_path(root, "post").read_text(encoding="utf-8")


def test_template_of_a_post_that_cannot_be_read() -> None:
    with pytest.raises(PipelineError, match=r"^content/nl/x\.md:[0-9]+: front matter is not valid YAML"):
        api.template_of("---\ntitle: [\n---\nTekst.\n", "x")


def _readme_section(title: str) -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 1, f"README's {title} section should hold one python block"
    return blocks[0]


def test_the_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_root(tmp_path / "site", {"post.md": POST})
    monkeypatch.chdir(tmp_path)
    exec(compile(_readme_section("Python API"), "README.md", "exec"), {})
    assert pot_path(tmp_path / "site", "post").is_file()


def test_translate_is_what_merge_writes(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"post.md": POST})
    api.extract(root, now=EPOCH)
    fill(root, "post", {"Kop": "Kopf", "Een twee drie.": "Eins zwei drei."})  # one left out
    catalog = po_path(root, "post").read_text(encoding="utf-8")
    assert api.merge(root, min_translated=0.0).ok
    german = (root / "content" / "de" / "post.md").read_text(encoding="utf-8")
    assert api.translate(POST, catalog, post_id="post") == german
    assert "Eins zwei drei.\n\nVier vijf.\n" in german  # the untranslated unit in Dutch


def test_translate_refuses_what_merge_refuses() -> None:
    catalog = api.template_of(POST, "post").replace(
        'msgid "Een twee drie."\nmsgstr ""', 'msgid "Een twee drie."\nmsgstr "Eins {{< zwei >}}"'
    )
    assert '"Eins {{< zwei >}}"' in catalog
    with pytest.raises(TranslationRefused) as caught:
        api.translate(POST, catalog)
    assert re.fullmatch(
        r"locale/de/LC_MESSAGES/post\.po:\d+: shortcodes or Liquid tags differ from the source: "
        r"keep them exactly \(content/nl/post\.md:5\) \[shortcode\]",
        str(caught.value),
    )


@pytest.mark.parametrize("post_id", ["/tmp/elsewhere", "../../../elsewhere", "a/../../b", "", "a//b", "./a",
                                     "a\\..\\..\\b", "a\0b"])
def test_a_post_id_that_is_no_path_under_the_posts_is_refused_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, post_id: str
) -> None:
    # translate writes the text and the catalog to a folder of its own: a post id that
    # leads out of it (an absolute path, ..) wrote, and overwrote, files anywhere
    post_id = post_id.replace("/tmp/elsewhere", str(tmp_path / "elsewhere"))
    monkeypatch.chdir(tmp_path)
    catalog = api.template_of(POST, "post")
    for call in (lambda: api.translate(POST, catalog, post_id=post_id), lambda: api.template_of(POST, post_id)):
        with pytest.raises(ValueError, match=r"is not a post id \(a path under content/nl/ without \.md"):
            call()
    assert list(tmp_path.iterdir()) == []


def test_translate_into_the_source_language_is_refused() -> None:
    with pytest.raises(ValueError, match="^'nl' is the source language: name a language to translate into$"):
        api.translate(POST, api.template_of(POST), language="nl")


@pytest.mark.parametrize("language", ["xx", "zz_QQ"])
def test_translate_into_a_language_babel_does_not_know_is_refused_naming_the_argument(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    # the code was checked only as the target-languages of the settings translate writes in
    # a folder of its own: the error named "pyproject.toml:2", a file the caller never saw
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match=f"^'{language}' is not a language code Babel knows"):
        api.translate(POST, api.template_of(POST), language=language)
    assert list(tmp_path.iterdir()) == []


def test_text_that_is_not_text_is_refused_at_its_line() -> None:
    # a str decoded with surrogateescape from bytes that are not UTF-8 is refused as such a
    # file is, at its line (it raised UnicodeEncodeError)
    text = POST.replace("Vier vijf.", "Vier \udcff.")
    with pytest.raises(PipelineError, match=r"^content/nl/post\.md:7: not UTF-8"):
        api.template_of(text)
    with pytest.raises(PipelineError, match=r"^content/nl/post\.md:7: not UTF-8"):
        api.translate(text, api.template_of(POST))
    with pytest.raises(PipelineError, match=r"^locale/de/LC_MESSAGES/post\.po:\d+: "):
        api.translate(POST, api.template_of(POST) + '#. \udcff\nmsgid "x"\nmsgstr ""\n')
    with pytest.raises(TypeError, match="the text must be a str, not bytes"):
        api.template_of(POST.encode("utf-8"))  # type: ignore[arg-type]


def test_one_path_may_be_given_alone(tmp_path: Path) -> None:
    # a str is a sequence too: "content/nl/a.md" was taken for the paths "c", "o", "n", ...
    root = make_root(tmp_path, {"a.md": POST, "b.md": POST})
    report = api.extract(root, "content/nl/a.md", now=EPOCH)
    assert report.posts == 1 and not report.errors
    assert api.merge(root, Path("content/nl/a.md"), min_translated=0.0).counts()["written"] == 1
    assert not (root / "content" / "de" / "b.md").exists()
