"""Renames and moves, attacked: what a translator, an editor or a misconfigured CI does to
``extract``'s carry, ``pipeline mv`` and check's orphan-catalog advice. Each test is a defect
found that way (it failed before its fix).

The command line (in this process; a real process where the test is about one), a real shell
for the advised commands (real processes), real git."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reliability_support import env, pipeline_command
from support import po_path, pot_path
from test_moves import PARAGRAPHS, pipeline, post, translated, translated_site


def advised_command(text: str, new: str) -> str:
    """The ``pipeline mv`` command an output advises, with NEW filled in as a reader would."""
    found = re.search(r"`(pipeline mv [^`]*)`", text)
    assert found, text
    return found.group(1).replace(" NEW", f" {new}", 1)


def run_in_shell(root: Path, command: str) -> subprocess.CompletedProcess[str]:
    """A command as the user types it (``pipeline`` being this package), in the site's root."""
    line = " ".join(pipeline_command(root)[:3]) + command[len("pipeline"):]
    return subprocess.run(["sh", "-c", line], cwd=root, capture_output=True, text=True, env=env(), check=False)


@pytest.mark.parametrize("name", ["mijn post", "-streepje", "it's"])
def test_the_advised_pipeline_mv_works_as_written_for_any_post_name(tmp_path: Path, name: str) -> None:
    """A gone post whose name has a space, a leading dash or a quote: extract's warning and
    check's advice name a command that works when pasted into a shell."""
    root = translated_site(tmp_path, {f"{name}.md": post()})
    source = root / "content" / "nl" / f"{name}.md"
    for copy in ("kopie een.md", "kopie-twee.md"):
        shutil.copy(source, root / "content" / "nl" / copy)
    source.unlink()
    extracted = pipeline(root, "extract")
    assert extracted.returncode == 0, extracted.stderr
    checked = pipeline(root, "check").stdout
    line = next(line for line in checked.splitlines() if "pipeline mv" in line)
    assert "'kopie een'" in line  # the candidates, as they are typed
    for advice in (extracted.stderr, line):
        command = advised_command(advice, "kopie-twee").replace("pipeline mv", "pipeline mv --dry-run", 1)
        done = run_in_shell(root, command)
        assert done.returncode == 0, (advice, done.stderr)
    done = run_in_shell(root, advised_command(line, "'kopie een'"))
    assert done.returncode == 0, done.stderr
    assert pipeline(root, "extract").returncode == 0
    assert translated(po_path(root, "kopie een")) == 7
    assert not po_path(root, name).exists()


# a translator saving the old catalog while extract carries it


def _save_marker(path: Path, marker: str, msgid: str = "Fietsonderhoud in de herfst") -> None:
    """A PO editor's save (a new file renamed over the old): ``marker`` at the start of the
    msgstr of ``msgid`` (the title's)."""
    entry = f'msgid "{msgid}"\nmsgstr "'.encode()
    data = path.read_bytes().replace(entry, entry + marker.encode(), 1)
    assert marker.encode() in data
    temp = path.with_name(path.name + "~")
    temp.write_bytes(data)
    temp.replace(path)


def _renamed_site(tmp_path: Path) -> Path:
    root = translated_site(tmp_path, merge=False)
    (root / "content" / "nl" / "fietsonderhoud.md").rename(root / "content" / "nl" / "herfst.md")
    return root


def test_a_save_of_the_old_catalog_during_the_carry_goes_into_the_new_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The translator saves the old catalog after extract wrote the new one and before it
    removed the old: the save is carried too (it was left behind in the old file, silently)."""
    import pipeline.moves
    from pipeline import api

    root = _renamed_site(tmp_path)
    old = po_path(root, "fietsonderhoud")
    real = pipeline.moves.write_atomic

    saved: list[int] = []

    def writing(path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        real(path, *args, **kwargs)
        if path == po_path(root, "herfst") and not saved:
            saved.append(1)
            _save_marker(old, "#saved#")

    monkeypatch.setattr(pipeline.moves, "write_atomic", writing)
    report = api.extract(root)
    assert report.ok, report.errors
    assert not old.exists()
    assert 'msgstr "#saved#Übersetzt: Fiets' in po_path(root, "herfst").read_text(encoding="utf-8")
    assert translated(po_path(root, "herfst")) == 7


def test_a_save_between_the_last_look_and_the_removal_is_not_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The save comes in after the carry saw the old catalog unchanged, before it removed
    it: it was removed with it (lost); now it is carried."""
    import pipeline.moves
    from pipeline import api

    root = _renamed_site(tmp_path)
    old = po_path(root, "fietsonderhoud")
    real = pipeline.moves.read_file
    looks: list[int] = []

    def reading(path: Path):  # type: ignore[no-untyped-def]
        found = real(path)
        if path == old and po_path(root, "herfst").exists():  # the look before the removal
            looks.append(1)
            if len(looks) == 1:
                _save_marker(old, "#late#")
        return found

    monkeypatch.setattr(pipeline.moves, "read_file", reading)
    report = api.extract(root)
    assert report.ok, report.errors
    kept = [p for p in (old, po_path(root, "herfst")) if p.exists() and "#late#" in p.read_text(encoding="utf-8")]
    assert kept == [po_path(root, "herfst")]
    assert not old.exists()


def test_an_old_catalog_saved_again_and_again_during_the_carry_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pipeline import api, moves

    root = _renamed_site(tmp_path)
    old = po_path(root, "fietsonderhoud")
    real = moves.read_file
    saves = iter(range(100))

    def reading(path: Path):  # type: ignore[no-untyped-def]
        found = real(path)
        if path == old and po_path(root, "herfst").exists():
            _save_marker(old, f"#s{next(saves)}#")
        return found

    monkeypatch.setattr(moves, "read_file", reading)
    report = api.extract(root)
    assert [str(e) for e in report.errors] == [(
        "locale/de/LC_MESSAGES/fietsonderhoud.po: saved again and again while it was carried to "
        "locale/de/LC_MESSAGES/herfst.po: left as it is, the carry unfinished; once it is closed, run "
        "`pipeline extract` again (its last save is carried then)")]
    assert old.exists()
    # the carry put back (no new catalog, no template): the next run finds the move again
    assert not po_path(root, "herfst").exists() and not pot_path(root, "herfst").exists()
    monkeypatch.undo()
    last = re.search(r'msgid "Fietsonderhoud in de herfst"\nmsgstr "([^"]*)"', old.read_text(encoding="utf-8"))
    assert last and last.group(1).startswith("#s")  # the translator's last save
    done = pipeline(root, "extract")  # as advised, the editor closed
    assert done.returncode == 0, done.stderr
    assert not old.exists(), done.stdout
    assert f'msgstr "{last.group(1)}"' in po_path(root, "herfst").read_text(encoding="utf-8")  # the last save won
    assert translated(po_path(root, "herfst")) == 7


# pipeline mv: paths


def test_pipeline_mv_refuses_a_path_given_from_outside_the_root(tmp_path: Path) -> None:
    """``pipeline -C site mv content/nl/a.md site/content/nl/b.md`` (NEW tab-completed from
    the folder above the root): it moved the post to content/nl/site/content/nl/b.md."""
    root = translated_site(tmp_path, {"a.md": post()})
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    for old, new in (("content/nl/a.md", "site/content/nl/b.md"), ("site/content/nl/a.md", "content/nl/b.md")):
        done = subprocess.run(pipeline_command(root, "mv", old, new), capture_output=True, text=True,
                              env=env(), cwd=root.parent, check=False)
        assert done.returncode == 2, done.stdout
        assert ("would be content/nl/site/content/nl/" in done.stderr
                and "paths are read from the site's root" in done.stderr), done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and "nothing changed" in done.stderr
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == before
    done = pipeline(root, "mv", "content/nl/a.md", "content/nl/b.md")  # as advised
    assert done.returncode == 0, done.stderr


def test_a_carry_blocked_by_a_file_where_a_folder_is_due_names_that_file(tmp_path: Path) -> None:
    """The new catalog's folder is a file: the error blamed the old catalog ("cannot read
    it: Not a directory"), which is fine."""
    root = translated_site(tmp_path, merge=False)
    (root / "locale" / "de" / "LC_MESSAGES" / "2023").write_text("oeps\n", encoding="utf-8")
    (root / "content" / "nl" / "2023").mkdir()
    (root / "content" / "nl" / "fietsonderhoud.md").rename(root / "content" / "nl" / "2023" / "herfst.md")
    done = pipeline(root, "extract")
    assert done.returncode == 1
    assert ("error: locale/de/LC_MESSAGES/2023/herfst.po: cannot be written (Not a directory): "
            "locale/de/LC_MESSAGES/fietsonderhoud.po not carried there, nothing moved") in done.stderr, done.stderr
    assert "fietsonderhoud.po: cannot read it" not in done.stderr
    assert translated(po_path(root, "fietsonderhoud")) == 7
    (root / "locale" / "de" / "LC_MESSAGES" / "2023").unlink()
    assert pipeline(root, "extract").returncode == 0
    assert translated(po_path(root, "2023/herfst")) == 7


# extract: which post is the moved one


def test_a_translation_key_that_names_another_post_than_the_text_carries_nothing(tmp_path: Path) -> None:
    """fietsonderhoud.md renamed to herfst.md (its text unchanged), and a new post that
    happens to say ``translationKey: fietsonderhoud`` (the key merge gave the German post):
    the catalogs went to the new post by its key, every translation obsolete, and the real
    move started empty. Now neither is carried, and the warning names both."""
    root = translated_site(tmp_path)
    nl = root / "content" / "nl"
    (nl / "fietsonderhoud.md").rename(nl / "herfst.md")
    (nl / "nieuw.md").write_text(post(title="Nieuw", paragraphs=["Iets heel anders."],
                                      extra="translationKey: fietsonderhoud\n"), encoding="utf-8")
    done = pipeline(root, "extract")
    assert done.returncode == 0, done.stderr
    assert "moved" not in done.stdout
    assert ("content/nl/herfst.md and content/nl/nieuw.md each look like it moved there: nothing "
            "carried; say which with `pipeline mv fietsonderhoud NEW`") in done.stderr
    assert translated(po_path(root, "fietsonderhoud")) == 7
    assert pipeline(root, "mv", "fietsonderhoud", "herfst").returncode == 0
    assert pipeline(root, "extract").returncode == 0
    assert translated(po_path(root, "herfst")) == 7


# pipeline mv: aliases


HUGO = (Path(__file__).resolve().parent.parent / "hugo.toml").read_text(encoding="utf-8")
WALKING = ["Een tweede post over iets heel anders dan fietsen, namelijk wandelen in de duinen.",
           "Wandelschoenen moeten goed passen voordat je aan een lange tocht begint."]


def test_swapping_two_posts_with_pipeline_mv_leaves_no_alias_on_a_page_url(tmp_path: Path) -> None:
    """a.md and b.md swap names (mv a tmp, mv b a, mv tmp b): each move added its old URL to
    the aliases, so a.md ended with ``aliases: [/b/]`` and b.md with ``[/a/, /tmp/]``: each
    an alias of the other's page (Hugo silently drops it; moving that page later sends its
    URL to the wrong post). Now the alias a page takes is removed, and said."""
    posts = {"a.md": post(title="Post A"), "b.md": post(title="Post B", paragraphs=WALKING),
             "c.md": "---\ntitle: C\ndate: 2023-10-01\n---\n\nZie [a](a.md) en [b](/b/).\n"}
    root = translated_site(tmp_path, posts, merge=False)
    (root / "hugo.toml").write_text(HUGO, encoding="utf-8")
    for catalog in ("a", "b", "c"):  # a German slug of its own each
        path = po_path(root, catalog)
        path.write_text(path.read_text(encoding="utf-8").replace(
            'msgstr "fahrradpflege-im-herbst"', f'msgstr "de-{catalog}"'), encoding="utf-8")
    assert pipeline(root, "merge").returncode == 0
    moves = [("a", "tmp"), ("b", "a"), ("tmp", "b")]
    outputs = []
    for old, new in moves:
        done = pipeline(root, "mv", old, new)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert "removed /a/ from the aliases of content/nl/tmp.md (content/nl/a.md is at that URL now)" in outputs[1]
    assert "removed /b/ from the aliases of content/nl/a.md (content/nl/b.md is at that URL now)" in outputs[2]
    nl = root / "content" / "nl"
    a, b = (nl / "a.md").read_text(encoding="utf-8"), (nl / "b.md").read_text(encoding="utf-8")
    assert "Post B" in a and "aliases" not in a
    assert "Post A" in b and "aliases: [/tmp/]" in b
    assert "[a](b.md) en [b](/a/)" in (nl / "c.md").read_text(encoding="utf-8")
    assert pipeline(root, "extract").returncode == 0
    assert {name: translated(po_path(root, name)) for name in "abc"} == {"a": 4, "b": 7, "c": 3}  # all kept
    assert pipeline(root, "merge").returncode == 0
    checked = pipeline(root, "check")
    assert checked.returncode == 0, checked.stdout


def test_pipeline_mv_refuses_a_name_whose_url_is_another_page_s(tmp_path: Path) -> None:
    """a.md has ``slug: herfst``; ``pipeline mv b herfst`` gave b the URL /herfst/ too (Hugo
    publishes one of the two pages there)."""
    root = translated_site(tmp_path, {"a.md": post(extra="slug: herfst\n"),
                                      "b.md": post(title="B", paragraphs=WALKING)}, merge=False)
    (root / "hugo.toml").write_text(HUGO, encoding="utf-8")
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    done = pipeline(root, "mv", "b", "herfst")
    assert done.returncode == 2
    assert ("refused: herfst: content/nl/herfst.md would have the URL /herfst/, which is content/nl/a.md's: "
            "give another name; nothing changed") in done.stderr, done.stderr
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == before


def _translations(path: Path) -> dict[tuple[str | None, str], str]:
    from pipeline.po import parse_catalog

    return {m.key: m.msgstr for m in parse_catalog(path.name, path.read_bytes()).messages if m.msgstr}


def test_the_advised_pipeline_mv_joins_a_catalog_the_translator_began_on_the_new_post(tmp_path: Path) -> None:
    """A rename with half the text rewritten is no move to extract: the new post got an empty
    catalog, and the translator began on it. check advised `pipeline mv fietsonderhoud NEW`,
    which refused ("is there already … keep the one you want, delete the other, and run
    `pipeline extract` again": deleting either loses work). Now the old translations are
    joined with the new ones, and nothing of either is lost."""
    root = translated_site(tmp_path)
    nl = root / "content" / "nl"
    (nl / "fietsonderhoud.md").unlink()
    rewritten = [PARAGRAPHS[0], "Een nieuwe alinea.", "Nog een nieuwe alinea met wat meer woorden erin dan eerst.",
                 "En een derde nieuwe alinea, die de rest van de oude tekst vervangt, helemaal."]
    (nl / "herfst.md").write_text(post(paragraphs=rewritten), encoding="utf-8")
    assert pipeline(root, "extract").returncode == 0
    new = po_path(root, "herfst")
    new.write_text(new.read_text(encoding="utf-8").replace(
        'msgid "Een nieuwe alinea."\nmsgstr ""', 'msgid "Een nieuwe alinea."\nmsgstr "Ein neuer Absatz."'),
        encoding="utf-8")
    old_work, new_work = _translations(po_path(root, "fietsonderhoud")), _translations(new)
    assert new_work[(None, "Een nieuwe alinea.")] == "Ein neuer Absatz."  # begun (the others: exact matches)
    checked = pipeline(root, "check").stdout
    advice = next(line for line in checked.splitlines() if "pipeline mv" in line)
    assert "keep it: it holds 7 translations" in advice
    done = run_in_shell(root, advised_command(advice, "herfst"))
    assert done.returncode == 0, done.stderr
    assert ("moved locale/de/LC_MESSAGES/fietsonderhoud.po -> locale/de/LC_MESSAGES/herfst.po "
            "(its translations joined with those it held)") in done.stdout
    assert pipeline(root, "extract").returncode == 0
    joined = _translations(new)
    msgstrs = set(joined.values())
    assert set(new_work.values()) <= msgstrs
    assert set(old_work.values()) <= msgstrs  # every old translation kept
    assert joined[("slug", "herfst")] == "fahrradpflege-im-herbst"  # the German slug, and URL, stay
    assert translated(new) == 4  # slug, title, the paragraph kept, the one begun
    assert not po_path(root, "fietsonderhoud").exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_failing_git_mv_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    """A stale .git/index.lock (a git that crashed, an editor open on a commit message): git
    mv fails with a paragraph; its eight lines were the error, and nothing said whether
    anything had changed."""
    from test_moves import git, tree

    root = translated_site(tmp_path)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "site")
    (root / ".git" / "index.lock").write_text("", encoding="utf-8")
    before = tree(root)
    done = pipeline(root, "mv", "fietsonderhoud", "herfst")
    assert done.returncode == 1
    assert done.stderr.startswith("Error: content/nl/fietsonderhoud.md: git mv failed (fatal: Unable to create "), done.stderr
    assert done.stderr.rstrip().endswith("index.lock': File exists): nothing changed"), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert tree(root) == before
    (root / ".git" / "index.lock").unlink()
    assert pipeline(root, "mv", "fietsonderhoud", "herfst").returncode == 0


# check: the German post of a gone post


def test_check_says_the_german_post_of_a_moved_post_moves_with_it(tmp_path: Path) -> None:
    """After `git mv`, check said of the German post only "no Dutch original" (an orphan to
    delete, to the eye), beside "it moved there: run `pipeline extract`" for its catalogs;
    deleting it loses the published German URL's post (and any hand edit) that extract
    carries."""
    root = translated_site(tmp_path)
    nl = root / "content" / "nl"
    (nl / "fietsonderhoud.md").rename(nl / "herfst.md")
    checked = pipeline(root, "check").stdout
    assert ("content/de/fietsonderhoud.md\n  -: error: no Dutch original content/nl/fietsonderhoud.md: it moved "
            "to content/nl/herfst.md (100 % of its words unchanged): run `pipeline extract` to carry this "
            "post there [post-orphan]") in checked, checked
    (nl / "herfst.md").rename(nl / "kopie een.md")
    shutil.copy(nl / "kopie een.md", nl / "kopie-twee.md")
    checked = pipeline(root, "check").stdout
    line = next(line for line in checked.splitlines() if "[post-orphan]" in line)
    assert "each look like it moved there: say which with `pipeline mv fietsonderhoud NEW`" in line
    assert pipeline(root, "extract").returncode == 0
    assert "post-orphan" in pipeline(root, "check").stdout  # nothing carried: still said
    done = run_in_shell(root, advised_command(line, "'kopie een'"))
    assert done.returncode == 0, done.stderr
    assert (root / "content" / "de" / "kopie een.md").is_file()
    assert "post-orphan" not in pipeline(root, "check").stdout


def test_a_save_during_a_joining_carry_keeps_the_join(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The old catalog saved while `pipeline mv` joins it with the new post's own: carried
    again, and joined again (not written over the new post's own translations)."""
    from pipeline import api, moves

    root = translated_site(tmp_path)
    nl = root / "content" / "nl"
    (nl / "fietsonderhoud.md").unlink()
    longer = "Nog een nieuwe alinea met wat meer woorden erin dan eerst, en nog meer."
    (nl / "herfst.md").write_text(post(paragraphs=[PARAGRAPHS[0], "Een nieuwe alinea.", longer]), encoding="utf-8")
    assert pipeline(root, "extract").returncode == 0
    new = po_path(root, "herfst")
    new.write_text(new.read_text(encoding="utf-8").replace(
        'msgid "Een nieuwe alinea."\nmsgstr ""', 'msgid "Een nieuwe alinea."\nmsgstr "Ein neuer Absatz."'),
        encoding="utf-8")
    old = po_path(root, "fietsonderhoud")
    real = moves.read_file
    looks: list[int] = []

    def reading(path: Path):  # type: ignore[no-untyped-def]
        found = real(path)
        if path == old and looks.append(1) is None and len(looks) == 3:  # the look before the removal
            _save_marker(old, "#late#", PARAGRAPHS[2])
        return found

    monkeypatch.setattr(moves, "read_file", reading)
    report = api.mv(root, "fietsonderhoud", "herfst")
    assert not report.errors, report.errors
    assert len(looks) >= 3 and not old.exists()
    text = new.read_text(encoding="utf-8")
    assert 'msgstr "Ein neuer Absatz."' in text  # the new post's own
    assert "#late#Übersetzt: " + PARAGRAPHS[2] in text  # and the save, carried


def test_pipeline_mv_blocked_by_a_german_post_names_itself_to_run_again(tmp_path: Path) -> None:
    """The new post has a German post of its own (merged) when `pipeline mv OLD NEW` gives it
    the gone post's files: refused with "run `pipeline extract` again", which does nothing
    here (extract sees no move: the new post has its template). Now it names itself, and
    that works once one of the two German posts is gone."""
    root = translated_site(tmp_path)
    nl = root / "content" / "nl"
    (nl / "fietsonderhoud.md").unlink()
    longer = "Nog een nieuwe alinea met wat meer woorden erin dan eerst, en nog meer."
    (nl / "herfst.md").write_text(post(paragraphs=[PARAGRAPHS[0], "Een nieuwe alinea.", longer]), encoding="utf-8")
    assert pipeline(root, "extract").returncode == 0
    new = po_path(root, "herfst")
    from pipeline.po import format_catalog, parse_catalog

    catalog = parse_catalog("herfst.po", new.read_bytes())
    for message in catalog.messages:  # the translator finishes the new post
        if not message.msgstr:
            message.msgstr = "herbst" if message.msgctxt == "slug" else f"Vertaald: {message.msgid}"
    new.write_bytes(format_catalog(catalog).encode())
    merged = pipeline(root, "merge")
    assert (root / "content" / "de" / "herfst.md").is_file(), merged.stdout + merged.stderr
    done = pipeline(root, "mv", "fietsonderhoud", "herfst")
    assert done.returncode == 2
    assert ("content/de/herfst.md: is there already, and content/de/fietsonderhoud.md would replace it: "
            "nothing moved; keep the one you want, delete the other, and run `pipeline mv fietsonderhoud "
            "herfst` again") in done.stderr, done.stderr
    (root / "content" / "de" / "fietsonderhoud.md").unlink()
    command = re.search(r"run `(pipeline mv [^`]*)` again", done.stderr).group(1)
    again = run_in_shell(root, command)
    assert again.returncode == 0, again.stderr
    assert not po_path(root, "fietsonderhoud").exists()


# pipeline mv: page bundles


def _bundled_site(tmp_path: Path) -> Path:
    root = translated_site(tmp_path, {
        "a.md": post(),
        "x/index.md": post(title="X", paragraphs=["Een bundel met een foto: ![foto](foto.png)", *WALKING]),
        "s/b.md": post(title="B", paragraphs=["Een post in een gewone map, met wat woorden erbij."]),
    }, merge=False)
    (root / "content" / "nl" / "x" / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "hugo.toml").write_text(HUGO, encoding="utf-8")
    return root


@pytest.mark.parametrize(("args", "said"), [
    # into a leaf bundle: Hugo makes the post a resource of x, its page (and the alias) gone
    (("a", "x"), "content/nl/x/ is a page bundle (it has an index.md): Hugo makes no page of a post inside it"),
    (("s", "x/s"), "content/nl/x/ is a page bundle (it has an index.md)"),
    # made a bundle's index.md beside a post: s/b.md a page no more
    (("a", "s/index"), ("content/nl/s/index.md would make content/nl/s/ a page bundle, and content/nl/s/b.md "
                        "would be a page no more")),
    # a bundle's page without its folder: the photo stays behind
    (("x/index", "y"), ("content/nl/x/index.md is the page of the bundle content/nl/x/, whose foto.png would "
                        "stay behind: move the folder: `pipeline mv x y`")),
    (("x/index", "x/los"), "move the folder: `pipeline mv x NEW`"),
])
def test_pipeline_mv_refuses_what_page_bundles_undo(tmp_path: Path, args: tuple[str, str], said: str) -> None:
    root = _bundled_site(tmp_path)
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    done = pipeline(root, "mv", *args)
    assert done.returncode == 2, done.stdout
    assert said in done.stderr and "nothing changed" in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == before


def test_the_bundle_folder_move_advised_works_and_a_lone_index_may_move(tmp_path: Path) -> None:
    root = _bundled_site(tmp_path)
    done = pipeline(root, "mv", "x/index", "y")
    advised = re.search(r"`(pipeline mv [^`]*)`", done.stderr).group(1)
    moved = run_in_shell(root, advised)
    assert moved.returncode == 0, moved.stderr
    assert (root / "content" / "nl" / "y" / "foto.png").is_file()
    assert translated(po_path(root, "y")) == 5  # slug, title, three paragraphs
    (root / "content" / "nl" / "y" / "foto.png").unlink()  # a bundle of its page alone
    assert pipeline(root, "mv", "y/index", "z").returncode == 0
    assert (root / "content" / "nl" / "z.md").is_file() and translated(po_path(root, "z")) == 5


class _Killed(BaseException):
    """A run killed at a chosen point of a carry."""


def test_a_carry_killed_after_any_file_is_finished_by_the_next_extract(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Killed between the removal of the old template and that of the old catalog, a carry
    left the catalog behind for good: the new post had its template, so no later extract saw
    the move, and check called the catalog one to keep. Now the template is carried last:
    killed after any write or removal, the next extract finishes the carry."""
    from pipeline import api, moves

    pristine = translated_site(tmp_path)  # merged: a German post to carry too
    (pristine / "content" / "nl" / "fietsonderhoud.md").rename(pristine / "content" / "nl" / "herfst.md")
    points = 0
    while True:
        root = tmp_path / f"kill{points}"
        shutil.copytree(pristine, root)
        done: list[int] = []

        def killing(function, done=done, points=points):  # type: ignore[no-untyped-def]
            def killed(*args, **kwargs):  # type: ignore[no-untyped-def]
                result = function(*args, **kwargs)
                done.append(1)
                if len(done) == points + 1:
                    raise _Killed
                return result
            return killed

        monkeypatch.setattr(moves, "write_atomic", killing(moves.write_atomic))
        monkeypatch.setattr(moves, "remove_unchanged", killing(moves.remove_unchanged))
        try:
            api.extract(root)
            finished = True
        except _Killed:
            finished = False
        monkeypatch.undo()
        held = [translated(p) for p in (po_path(root, "fietsonderhoud"), po_path(root, "herfst")) if p.exists()]
        assert held and max(held) == 7, (points, held)
        again = pipeline(root, "extract")
        assert again.returncode == 0, again.stderr
        assert translated(po_path(root, "herfst")) == 7 and not po_path(root, "fietsonderhoud").exists(), points
        assert (root / "content" / "de" / "herfst.md").is_file(), (points, again.stdout, again.stderr)
        assert not (root / "content" / "de" / "fietsonderhoud.md").exists(), points
        checked = pipeline(root, "check").stdout
        assert "LC_MESSAGES/fietsonderhoud.po" not in checked and "keep it" not in checked, (points, checked)
        if finished:
            break
        points += 1
    assert points == 6  # three files written, three removed


def test_pipeline_mv_into_a_new_folder_given_with_a_slash(tmp_path: Path) -> None:
    """``pipeline mv a 2024/`` (a folder not there yet) made the post content/nl/2024.md."""
    root = translated_site(tmp_path, {"a.md": post()})
    done = pipeline(root, "mv", "a", "2024/")
    assert done.returncode == 0, done.stderr
    assert "moved content/nl/a.md -> content/nl/2024/a.md" in done.stdout
    assert (root / "content" / "nl" / "2024" / "a.md").is_file() and translated(po_path(root, "2024/a")) == 7
    done = pipeline(root, "mv", "content/nl/2024/a.md", "content/nl/2025/")
    assert done.returncode == 0, done.stderr
    assert (root / "content" / "nl" / "2025" / "a.md").is_file()


def test_pipeline_mv_moves_a_folder_into_an_existing_folder(tmp_path: Path) -> None:
    """``pipeline mv 2023 archief`` with archief/ there: refused ("exists: give a new folder
    name"), where mv moves it into archief/, as for a post."""
    root = translated_site(tmp_path, {"2023/a.md": post(), "archief/b.md": post(title="B", paragraphs=WALKING)})
    done = pipeline(root, "mv", "2023", "archief")
    assert done.returncode == 0, done.stderr
    assert "moved content/nl/2023 -> content/nl/archief/2023" in done.stdout
    assert translated(po_path(root, "archief/2023/a")) == 7 and translated(po_path(root, "archief/b")) == 4
    again = pipeline(root, "mv", "archief/2023", "archief")
    assert again.returncode == 2 and "NEW is OLD: nothing to move" in again.stderr, again.stderr


# a catalog that cannot be read


def test_a_utf16_catalog_of_a_moved_post_is_carried_once_converted_never_advised_deleted(tmp_path: Path) -> None:
    """A translator's editor saved the catalog in UTF-16; the post was then renamed. The
    catalog read as holding nothing: it was no gone post's, the new post started empty, and
    check advised "delete the catalog" (its seven translations). Now extract stops at it with
    the command that converts it, which works as written, and then carries it."""
    root = translated_site(tmp_path, {"fietsonderhoud.md": post(), "weg.md": post(title="Weg", paragraphs=WALKING)},
                           merge=False)
    for name in ("fietsonderhoud", "weg"):
        catalog = po_path(root, name)
        catalog.write_bytes(catalog.read_text(encoding="utf-8").encode("utf-16"))
    nl = root / "content" / "nl"
    (nl / "fietsonderhoud.md").rename(nl / "herfst.md")
    (nl / "weg.md").unlink()  # gone for good: its catalog is one to keep
    checked = pipeline(root, "check").stdout
    weg = next(line for line in checked.splitlines() if "no post content/nl/weg.md" in line and "[catalog-orphan]" in line
               and "cannot be read" in line)
    assert "delete" not in weg and "UTF-16, not UTF-8" in weg, weg
    done = pipeline(root, "extract")
    assert done.returncode == 1
    assert "error: locale/de/LC_MESSAGES/fietsonderhoud.po:1: UTF-16, not UTF-8: convert it with `iconv" in done.stderr
    assert not po_path(root, "herfst").exists()  # not started empty
    command = re.search(r"`(iconv [^`]*)`", done.stderr).group(1)
    converted = subprocess.run(["sh", "-c", command], cwd=root, capture_output=True, text=True, check=False)
    assert converted.returncode == 0, converted.stderr
    done = pipeline(root, "extract")
    assert done.returncode == 0, done.stderr
    assert "moved fietsonderhoud -> herfst" in done.stdout
    assert translated(po_path(root, "herfst")) == 7


def test_pipeline_mv_gives_a_post_without_front_matter_its_alias(tmp_path: Path) -> None:
    """A post with no front matter: mv said "added /a/ to the aliases" and then that it could
    not (exit 1): its old URL unreachable. Now it gets a front matter holding the alias."""
    root = translated_site(tmp_path, {"a.md": "Alleen tekst, geen front matter.\r\n\r\nNog een alinea.\r\n"},
                           merge=False)
    done = pipeline(root, "mv", "a", "b")
    assert done.returncode == 0, done.stderr
    assert "added /a/ to the aliases of content/nl/b.md" in done.stdout
    assert (root / "content" / "nl" / "b.md").read_bytes() == (
        b"---\r\naliases: [/a/]\r\n---\r\nAlleen tekst, geen front matter.\r\n\r\nNog een alinea.\r\n")
    extracted = pipeline(root, "extract")
    assert extracted.returncode == 0 and " 0 fuzzy" in extracted.stdout, extracted.stdout
    assert translated(po_path(root, "b")) == 3  # the slug and both paragraphs
