"""Renames and moves keep the work: extract carries a moved post's catalogs and German
posts to its new id; check never advises deleting a catalog that holds translations.

The real command line (in this process; a real process where one is killed) and real git."""

from __future__ import annotations

import random
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from reliability_support import env, pipeline_command
from support import make_root, po_path, pot_path, run_cli

from pipeline.po import parse_catalog, translation_of

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PARAGRAPHS = [
    "De fietsenmaker op de hoek repareert elke fiets binnen een dag, ook op zaterdag.",
    "Een goede ketting gaat jaren mee als je hem elke maand schoonmaakt en smeert.",
    "Controleer de bandenspanning voor elke lange tocht door het polderlandschap.",
    "Remblokken slijten sneller in de regen dan de meeste fietsers denken.",
    "Wie zelf sleutelt, koopt het beste eerst een degelijke set inbussleutels.",
]


def post(title: str = "Fietsonderhoud in de herfst", paragraphs: list[str] = PARAGRAPHS, extra: str = "") -> str:
    body = "\n\n".join(paragraphs)
    return f"---\ntitle: {title}\ndate: 2023-10-01\n{extra}---\n\n{body}\n"


def translate_all(path: Path) -> int:
    """Give every entry of a catalog a German text; how many it then holds."""
    catalog = parse_catalog(path.name, path.read_bytes())
    for message in catalog.messages:
        if message.msgctxt == "slug":
            message.msgstr = "fahrradpflege-im-herbst"
        else:
            message.msgstr = f"Übersetzt: {message.msgid}"
    from pipeline.po import format_catalog

    path.write_bytes(format_catalog(catalog).encode())
    return translated(path)


def translated(path: Path) -> int:
    catalog = parse_catalog(path.name, path.read_bytes())
    return sum(1 for m in catalog.messages if not m.obsolete and not m.fuzzy and translation_of(m) is not None)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={**env(), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def pipeline(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command line in this process (the killed extract is a real process)."""
    return run_cli(root, *args)


def translated_site(tmp_path: Path, posts: dict[str, str] | None = None, merge: bool = True) -> Path:
    """A site with its posts extracted, every catalog translated, the German posts merged."""
    root = make_root(tmp_path / "site", posts or {"fietsonderhoud.md": post()})
    assert pipeline(root, "extract").returncode == 0
    for catalog in sorted((root / "locale" / "de" / "LC_MESSAGES").rglob("*.po")):
        translate_all(catalog)
    if merge:
        done = pipeline(root, "merge")
        assert done.returncode == 0, done.stdout + done.stderr
    return root


@needs_git
def test_git_mv_then_extract_keeps_every_translation(tmp_path: Path) -> None:
    root = translated_site(tmp_path)
    before = translated(po_path(root, "fietsonderhoud"))
    assert before == 7  # slug, title and five paragraphs
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "site")
    git(root, "mv", "content/nl/fietsonderhoud.md", "content/nl/herfstonderhoud.md")

    done = pipeline(root, "extract")
    assert done.returncode == 0, done.stderr
    assert ("moved fietsonderhoud -> herfstonderhoud (100 % of its words unchanged): "
            "locale/templates/fietsonderhoud.pot -> locale/templates/herfstonderhoud.pot, "
            "locale/de/LC_MESSAGES/fietsonderhoud.po -> locale/de/LC_MESSAGES/herfstonderhoud.po, "
            "content/de/fietsonderhoud.md -> content/de/herfstonderhoud.md") in done.stdout
    # item 4: the old Dutch URL, with the YAML to keep it
    assert ('content/nl/herfstonderhoud.md: its Dutch URL was /fietsonderhoud/: keep it reachable '
            'by adding to its front matter `aliases: ["/fietsonderhoud/"]`') in done.stdout
    assert translated(po_path(root, "herfstonderhoud")) == before  # 100 % kept, the slug's too
    assert not po_path(root, "fietsonderhoud").exists() and not pot_path(root, "fietsonderhoud").exists()
    catalog = po_path(root, "herfstonderhoud").read_text(encoding="utf-8")
    assert "content/nl/fietsonderhoud.md" not in catalog  # references and header follow the post
    assert "# German translation of content/nl/herfstonderhoud.md." in catalog
    assert not (root / "content" / "de" / "fietsonderhoud.md").exists()
    german = (root / "content" / "de" / "herfstonderhoud.md").read_text(encoding="utf-8")
    assert "slug: fahrradpflege-im-herbst" in german  # moved as it was: merge renders it again
    merged = pipeline(root, "merge")
    assert merged.returncode == 0, merged.stderr
    assert "fahrradpflege-im-herbst" in (root / "content" / "de" / "herfstonderhoud.md").read_text(encoding="utf-8")
    checked = pipeline(root, "check")
    assert "catalog-orphan" not in checked.stdout and "post-orphan" not in checked.stdout, checked.stdout
    again = pipeline(root, "extract")  # nothing left to do
    assert "moved" not in again.stdout and "0 files written" in again.stdout


def test_a_move_into_a_subfolder_is_carried(tmp_path: Path) -> None:
    root = translated_site(tmp_path)
    before = translated(po_path(root, "fietsonderhoud"))
    (root / "content" / "nl" / "2023").mkdir()
    (root / "content" / "nl" / "fietsonderhoud.md").rename(root / "content" / "nl" / "2023" / "fietsonderhoud.md")
    done = pipeline(root, "extract")
    assert done.returncode == 0, done.stderr
    assert "moved fietsonderhoud -> 2023/fietsonderhoud" in done.stdout
    assert translated(po_path(root, "2023/fietsonderhoud")) == before
    assert (root / "content" / "de" / "2023" / "fietsonderhoud.md").is_file()


def test_a_rename_with_a_paragraph_edited_is_carried(tmp_path: Path) -> None:
    root = translated_site(tmp_path)
    source = root / "content" / "nl" / "fietsonderhoud.md"
    edited = [*PARAGRAPHS[:2], "Een heel nieuwe alinea over spaken en velgen.", *PARAGRAPHS[3:]]
    source.unlink()
    (root / "content" / "nl" / "herfst.md").write_text(post(paragraphs=edited), encoding="utf-8")
    done = pipeline(root, "extract")
    assert done.returncode == 0, done.stderr
    assert "moved fietsonderhoud -> herfst (" in done.stdout and "% of its words unchanged" in done.stdout
    catalog = parse_catalog("x", po_path(root, "herfst").read_bytes())
    kept = [m for m in catalog.messages if not m.obsolete and not m.fuzzy and translation_of(m)]
    assert len(kept) == 6  # every unit but the edited one
    assert any(m.obsolete and m.msgid == PARAGRAPHS[2] and m.msgstr for m in catalog.messages) or any(
        m.fuzzy and m.previous_msgid == PARAGRAPHS[2] for m in catalog.messages)


def test_two_candidates_carry_nothing_and_say_so(tmp_path: Path) -> None:
    root = translated_site(tmp_path)
    source = root / "content" / "nl" / "fietsonderhoud.md"
    for name in ("kopie-een.md", "kopie-twee.md"):
        shutil.copy(source, root / "content" / "nl" / name)
    source.unlink()
    done = pipeline(root, "extract")
    assert done.returncode == 0, done.stderr
    assert "moved" not in done.stdout
    assert ("warning: locale/de/LC_MESSAGES/fietsonderhoud.po: its post content/nl/fietsonderhoud.md is "
            "gone, and content/nl/kopie-een.md and content/nl/kopie-twee.md each look like it moved "
            "there: nothing carried; say which with `pipeline mv fietsonderhoud NEW`") in done.stderr
    assert translated(po_path(root, "fietsonderhoud")) == 7  # left as it was
    checked = pipeline(root, "check")
    assert "delete the catalog" not in checked.stdout.split("fietsonderhoud.po", 1)[1].split("\n", 1)[0]
    assert "each look like it moved there: say which with `pipeline mv fietsonderhoud NEW`" in checked.stdout


def test_a_translation_key_match_carries_though_all_text_changed(tmp_path: Path) -> None:
    root = translated_site(tmp_path, {"fietsonderhoud.md": post(extra="translationKey: onderhoud\n")})
    (root / "content" / "nl" / "fietsonderhoud.md").unlink()
    new = post(title="Iets heel anders", paragraphs=["Alles is herschreven."], extra="translationKey: onderhoud\n")
    (root / "content" / "nl" / "anders.md").write_text(new, encoding="utf-8")
    (root / "content" / "nl" / "los.md").write_text(post(title="Los", paragraphs=["Niets gemeen."]), encoding="utf-8")
    done = pipeline(root, "extract")
    assert done.returncode == 0, done.stderr
    assert "moved fietsonderhoud -> anders (same translationKey 'onderhoud')" in done.stdout
    catalog = parse_catalog("x", po_path(root, "anders").read_bytes())
    # nothing matches now, but nothing is lost: the old translations are in the catalog
    assert sum(1 for m in catalog.messages if translation_of(m) is not None) == 7
    assert not po_path(root, "fietsonderhoud").exists()


def test_a_new_post_that_merely_quotes_one_paragraph_is_no_move(tmp_path: Path) -> None:
    root = translated_site(tmp_path)
    (root / "content" / "nl" / "fietsonderhoud.md").unlink()
    (root / "content" / "nl" / "anders.md").write_text(
        post(title="Anders", paragraphs=[PARAGRAPHS[0], "Een.", "Twee andere zinnen hier en daar.",
                                         "Nog een hele andere alinea over iets anders dan fietsen."]),
        encoding="utf-8")
    done = pipeline(root, "extract")
    assert "moved" not in done.stdout
    checked = pipeline(root, "check")
    assert ("locale/de/LC_MESSAGES/fietsonderhoud.po\n  -: warning: no post content/nl/fietsonderhoud.md: "
            "keep it: it holds 7 translations (restore the post, or give them to the post that took "
            "its place: `pipeline mv fietsonderhoud NEW`) [catalog-orphan]") in checked.stdout, checked.stdout
    assert ("locale/templates/fietsonderhoud.pot\n  -: error: no post content/nl/fietsonderhoud.md: "
            "delete the template, or restore the post (keep its catalogs: they hold translations)"
            ) in checked.stdout, checked.stdout


def test_check_names_the_post_it_moved_to_before_extract_runs(tmp_path: Path) -> None:
    root = translated_site(tmp_path)
    (root / "content" / "nl" / "fietsonderhoud.md").rename(root / "content" / "nl" / "herfst.md")
    checked = pipeline(root, "check")
    assert checked.returncode == 1
    assert ("no post content/nl/fietsonderhoud.md: it moved to content/nl/herfst.md (100 % of its "
            "words unchanged): run `pipeline extract` to carry the catalogs there") in checked.stdout
    assert "delete the catalog" not in checked.stdout
    assert translated(po_path(root, "fietsonderhoud")) == 7  # check writes nothing


def test_a_carry_cut_short_is_finished_by_the_next_run(tmp_path: Path) -> None:
    """A kill after the new catalog was written and before the old one was removed: both are
    there, the new template is not; the next extract finds the move again and finishes it."""
    root = translated_site(tmp_path, merge=False)
    (root / "content" / "nl" / "fietsonderhoud.md").rename(root / "content" / "nl" / "herfst.md")
    reference = tmp_path / "reference"
    shutil.copytree(root, reference)
    assert pipeline(reference, "extract").returncode == 0
    carried = po_path(reference, "herfst")
    # the state a kill leaves between the writes and the removals: the catalog as carried
    # (before extract updated it), the old one still there
    from pipeline.config import load_config
    from pipeline.moves import Move, carry

    config = load_config(root)
    planned = carry(config, Move("fietsonderhoud", "herfst", "test"), dry_run=True)
    assert planned.files and not planned.errors
    from pipeline.moves import _carried_catalog

    old = po_path(root, "fietsonderhoud")
    data = _carried_catalog(config, old, old.read_bytes(), Move("fietsonderhoud", "herfst", "t"),
                            "content/nl/fietsonderhoud.md", "content/nl/herfst.md", "herfst")
    po_path(root, "herfst").write_bytes(data)
    done = pipeline(root, "extract")
    assert done.returncode == 0, done.stderr
    assert "moved fietsonderhoud -> herfst" in done.stdout
    assert po_path(root, "herfst").read_bytes() == carried.read_bytes()
    assert not old.exists()


def test_extract_killed_during_a_carry_never_loses_the_catalog(tmp_path: Path) -> None:
    root = translated_site(tmp_path, merge=False)
    (root / "content" / "nl" / "fietsonderhoud.md").rename(root / "content" / "nl" / "herfst.md")
    pristine = tmp_path / "pristine"
    shutil.copytree(root, pristine)
    started = time.monotonic()
    assert pipeline(root, "extract").returncode == 0
    duration = time.monotonic() - started
    rng = random.Random(12)
    for k in range(8):
        shutil.rmtree(root)
        shutil.copytree(pristine, root)
        process = subprocess.Popen(pipeline_command(root, "extract"), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, env=env())
        try:
            process.wait(timeout=duration * (k + rng.random()) / 8)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        held = [translated(p) for p in (po_path(root, "fietsonderhoud"), po_path(root, "herfst")) if p.exists()]
        assert held and max(held) == 7, f"kill {k}: {held}"
        done = pipeline(root, "extract")
        assert done.returncode == 0, done.stderr
        assert translated(po_path(root, "herfst")) == 7 and not po_path(root, "fietsonderhoud").exists()


# pipeline mv

HUGO = (Path(__file__).resolve().parent.parent / "hugo.toml").read_text(encoding="utf-8")
LINKING = (
    "---\ntitle: Post A\ndate: 2023-10-01\n---\n\n"
    "Lees [het onderhoud](2023/fietsonderhoud.md) en [de pagina](/2023/fietsonderhoud/).\n\n"
    "Of [relatief](../2023/fietsonderhoud/#kop) hier.\n\n"
    "```\n[code](2023/fietsonderhoud.md)\n```\n\n"
    "    [ingesprongen code](2023/fietsonderhoud.md)\n\n"
    "> Geciteerd: [de post][def] en\n> [nog eens](2023/fietsonderhoud.md).\n\n"
    "[def]: 2023/fietsonderhoud.md\n"
)
LINKED = (
    "---\ntitle: Fietsonderhoud\ndate: 2023-10-01\n---\n\n## Kop\n\n"
    "Terug naar [a](../a.md) en [de site](/a/).\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.parts and ".pipeline-cache" not in p.parts}


def linked_site(tmp_path: Path) -> Path:
    root = translated_site(tmp_path, {"a.md": LINKING, "2023/fietsonderhoud.md": LINKED})
    (root / "hugo.toml").write_text(HUGO, encoding="utf-8")
    assert pipeline(root, "merge").returncode == 0
    return root


def all_translated(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): translated(p) for p in sorted((root / "locale" / "de").rglob("*.po"))}


def fuzzy_entries(root: Path) -> int:
    return sum(1 for p in (root / "locale" / "de").rglob("*.po")
               for m in parse_catalog(p.name, p.read_bytes()).messages if m.fuzzy)


@needs_git
def test_pipeline_mv_moves_everything_and_updates_links_in_both_languages(tmp_path: Path) -> None:
    root = linked_site(tmp_path)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "site")
    before = sum(all_translated(root).values())

    done = pipeline(root, "mv", "content/nl/2023/fietsonderhoud.md", "content/nl/2024/herfst/onderhoud.md")
    assert done.returncode == 0, done.stderr
    assert "moved content/nl/2023/fietsonderhoud.md -> content/nl/2024/herfst/onderhoud.md (git mv)" in done.stdout
    assert "moved locale/de/LC_MESSAGES/2023/fietsonderhoud.po -> locale/de/LC_MESSAGES/2024/herfst/onderhoud.po" in done.stdout
    assert "added /2023/fietsonderhoud/ to the aliases of content/nl/2024/herfst/onderhoud.md" in done.stdout
    assert "updated 5 links in content/nl/a.md" in done.stdout
    assert "next: run `pipeline extract`, then `pipeline merge`" in done.stdout
    status = subprocess.run(["git", "-C", str(root), "status", "--porcelain"], capture_output=True, text=True,
                            check=True).stdout
    assert "RM content/nl/2023/fietsonderhoud.md -> content/nl/2024/herfst/onderhoud.md" in status  # renamed, then its aliases

    a = (root / "content" / "nl" / "a.md").read_text(encoding="utf-8")
    assert "[het onderhoud](2024/herfst/onderhoud.md)" in a and "[de pagina](/2024/herfst/onderhoud/)" in a
    assert "[relatief](../2024/herfst/onderhoud/#kop)" in a
    assert "[code](2023/fietsonderhoud.md)" in a  # a code block is not a link
    assert "    [ingesprongen code](2023/fietsonderhoud.md)" in a
    assert "> [nog eens](2024/herfst/onderhoud.md)." in a and "[def]: 2024/herfst/onderhoud.md" in a
    moved = (root / "content" / "nl" / "2024" / "herfst" / "onderhoud.md").read_text(encoding="utf-8")
    assert "aliases: [/2023/fietsonderhoud/]" in moved
    assert "[a](../../a.md)" in moved and "[de site](/a/)" in moved  # still leads to a
    catalog = po_path(root, "a").read_text(encoding="utf-8")
    assert ('msgstr "Übersetzt: Lees [het onderhoud](2024/herfst/onderhoud.md) en [de pagina]'
            '(/2024/herfst/onderhoud/).') in catalog

    extracted = pipeline(root, "extract")
    assert extracted.returncode == 0, extracted.stderr
    assert " 0 fuzzy" in extracted.stdout.splitlines()[-1] and fuzzy_entries(root) == 0
    assert sum(all_translated(root).values()) == before  # nothing lost, nothing fuzzy
    merged = pipeline(root, "merge")
    assert merged.returncode == 0, merged.stderr
    german = (root / "content" / "de" / "a.md").read_text(encoding="utf-8")
    assert "(/de/2024/herfst/fahrradpflege-im-herbst/)" in german and "(/de/2023/" not in german
    assert not (root / "content" / "de" / "2023").exists()
    checked = pipeline(root, "check")
    assert "orphan" not in checked.stdout and "stale" not in checked.stdout, checked.stdout


def test_pipeline_mv_dry_run_changes_nothing(tmp_path: Path) -> None:
    root = linked_site(tmp_path)
    before = tree(root)
    done = pipeline(root, "mv", "--dry-run", "2023/fietsonderhoud", "herfst")
    assert done.returncode == 0, done.stderr
    assert "would move content/nl/2023/fietsonderhoud.md -> content/nl/herfst.md" in done.stdout
    assert "would add /2023/fietsonderhoud/ to the aliases of content/nl/herfst.md" in done.stdout
    assert "would update 5 links in content/nl/a.md" in done.stdout
    assert "would update 3 entries of locale/de/LC_MESSAGES/a.po (msgid and msgstr alike)" in done.stdout
    assert tree(root) == before


@pytest.mark.parametrize(("args", "phrase"), [
    (("2023/fietsonderhoud", "a"), "content/nl/a.md exists"),
    (("nergens", "ergens"), "no post content/nl/nergens.md"),
    (("../buiten.md", "x"), "OLD is outside content/nl/"),
    (("a", "content/de/a.md"), "NEW is outside content/nl/"),
    (("a", "a.md"), "NEW is OLD"),
    (("2023", "2023/binnen"), "NEW is inside OLD"),
    (("2023", "content/nl"), "NEW is outside content/nl/"),
])
def test_pipeline_mv_refuses_and_changes_nothing(tmp_path: Path, args: tuple[str, str], phrase: str) -> None:
    root = linked_site(tmp_path)
    before = tree(root)
    done = pipeline(root, "mv", *args)
    assert done.returncode == 2
    assert phrase in done.stderr and "nothing changed" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert tree(root) == before


def test_pipeline_mv_no_alias(tmp_path: Path) -> None:
    root = linked_site(tmp_path)
    done = pipeline(root, "mv", "--no-alias", "2023/fietsonderhoud", "herfst")
    assert done.returncode == 0, done.stderr
    assert "aliases" not in (root / "content" / "nl" / "herfst.md").read_text(encoding="utf-8")
    assert "aliases" not in done.stdout


def test_pipeline_mv_gives_a_hand_moved_post_its_catalogs(tmp_path: Path) -> None:
    """Two posts looked like the gone one: extract carried nothing and said so; `pipeline mv`
    as it advised gives the catalogs to the one named (their empty catalogs replaced)."""
    root = translated_site(tmp_path)
    source = root / "content" / "nl" / "fietsonderhoud.md"
    for name in ("kopie-een.md", "kopie-twee.md"):
        shutil.copy(source, root / "content" / "nl" / name)
    source.unlink()
    assert "say which with `pipeline mv fietsonderhoud NEW`" in pipeline(root, "extract").stderr
    done = pipeline(root, "mv", "fietsonderhoud", "kopie-twee")
    assert done.returncode == 0, done.stderr
    assert "moved locale/de/LC_MESSAGES/fietsonderhoud.po -> locale/de/LC_MESSAGES/kopie-twee.po" in done.stdout
    assert pipeline(root, "extract").returncode == 0
    assert translated(po_path(root, "kopie-twee")) == 7
    assert not po_path(root, "fietsonderhoud").exists()


def test_a_carry_blocked_by_a_file_in_the_way_is_reported_and_done_once_it_is_gone(tmp_path: Path) -> None:
    root = translated_site(tmp_path)
    (root / "content" / "nl" / "fietsonderhoud.md").rename(root / "content" / "nl" / "herfst.md")
    blocking = root / "content" / "de" / "herfst.md"
    blocking.write_text("---\ntitle: Iets anders\n---\n\nHandwerk.\n", encoding="utf-8")
    done = pipeline(root, "extract")
    assert done.returncode == 1
    assert ("error: content/de/herfst.md: is there already, and content/de/fietsonderhoud.md would "
            "replace it: nothing moved") in done.stderr
    assert not po_path(root, "herfst").exists()  # left for the carry, not started empty
    assert translated(po_path(root, "fietsonderhoud")) == 7
    blocking.unlink()
    done = pipeline(root, "extract")
    assert done.returncode == 0, done.stderr
    assert translated(po_path(root, "herfst")) == 7


def test_pipeline_mv_moves_a_folder_of_posts(tmp_path: Path) -> None:
    root = linked_site(tmp_path)
    before = sum(all_translated(root).values())
    done = pipeline(root, "mv", "content/nl/2023", "content/nl/archief/2023")
    assert done.returncode == 0, done.stderr
    assert "moved content/nl/2023 -> content/nl/archief/2023" in done.stdout
    assert (root / "content" / "nl" / "archief" / "2023" / "fietsonderhoud.md").is_file()
    assert not (root / "content" / "nl" / "2023").exists()
    assert "[het onderhoud](archief/2023/fietsonderhoud.md)" in (root / "content" / "nl" / "a.md").read_text(encoding="utf-8")
    assert pipeline(root, "extract").returncode == 0
    assert fuzzy_entries(root) == 0 and sum(all_translated(root).values()) == before


def test_check_advises_pipeline_mv_once_extract_has_run_and_the_advice_works(tmp_path: Path) -> None:
    """Two candidates at first: extract carried nothing and gave both their own catalogs
    (with the gone post's translations, taken from its catalog); one of them deleted, check
    names the other, and the command it gives works."""
    root = translated_site(tmp_path)
    source = root / "content" / "nl" / "fietsonderhoud.md"
    for name in ("kopie-een.md", "kopie-twee.md"):
        shutil.copy(source, root / "content" / "nl" / name)
    source.unlink()
    assert pipeline(root, "extract").returncode == 0
    (root / "content" / "nl" / "kopie-een.md").unlink()
    checked = pipeline(root, "check")
    # extract gave both copies the gone post's translations (exact matches from the other
    # catalogs), so kopie-een's catalog is a gone post's too, with the same claim on kopie-twee
    advice = ("no post content/nl/fietsonderhoud.md, and content/nl/kopie-twee.md looks like it moved "
              "there, but so does another post that is gone: say which with `pipeline mv fietsonderhoud "
              "NEW` (NEW one of kopie-twee)")
    assert advice in checked.stdout, checked.stdout
    assert "delete the catalog" not in checked.stdout
    assert pipeline(root, "mv", "fietsonderhoud", "kopie-twee").returncode == 0
    assert pipeline(root, "extract").returncode == 0
    assert translated(po_path(root, "kopie-twee")) == 7


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo')")
def test_hugo_serves_the_old_dutch_url_after_pipeline_mv(tmp_path: Path) -> None:
    root = linked_site(tmp_path)
    shutil.copytree(Path(__file__).resolve().parent.parent / "layouts", root / "layouts")
    assert pipeline(root, "mv", "2023/fietsonderhoud", "2024/herfst/onderhoud").returncode == 0
    assert pipeline(root, "extract").returncode == 0
    assert pipeline(root, "merge").returncode == 0
    built = subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                           capture_output=True, text=True, check=False, timeout=120)
    assert built.returncode == 0, built.stderr
    public = root / "public"
    assert (public / "2024" / "herfst" / "onderhoud" / "index.html").is_file()
    redirect = (public / "2023" / "fietsonderhoud" / "index.html").read_text(encoding="utf-8")
    assert "/2024/herfst/onderhoud/" in redirect  # Hugo's alias page: the old URL still leads there
    page = (public / "a" / "index.html").read_text(encoding="utf-8")
    assert 'href="/2024/herfst/onderhoud/"' in page and 'href="/2023/fietsonderhoud/"' not in page


def test_pipeline_mv_says_which_catalog_it_could_not_update(tmp_path: Path) -> None:
    root = linked_site(tmp_path)
    broken = po_path(root, "a")
    broken.write_bytes(broken.read_bytes() + b"\nmsgid \"open\n")
    done = pipeline(root, "mv", "2023/fietsonderhoud", "herfst")
    assert done.returncode == 1
    assert "error: locale/de/LC_MESSAGES/a.po: cannot read it: its links were not updated" in done.stderr
    assert "Traceback" not in done.stderr


#: a link to the moved post in each form merge rewrites, beyond those of LINKING
EVERY_FORM = (
    "---\ntitle: Post B\ndate: 2023-10-01\n---\n\n"
    'Inline <a href="/2023/fietsonderhoud/">html</a> en [host](https://example.org/2023/fietsonderhoud/#kop).\n\n'
    '<div class="kader">\n<a href="/2023/fietsonderhoud/"><span>Blok</span></a>\n</div>\n\n'
    'Met [ref]({{< ref "2023/fietsonderhoud.md" >}}) en [relref]({{< relref path="/2023/fietsonderhoud.md#kop" >}}).\n\n'
    'Met [lang]({{< relref path="2023/fietsonderhoud" lang="nl" >}}) en [root](/2023/fietsonderhoud.md).\n'
)
LINKED_REF = '\nTerug met [ref]({{< relref "../a.md" >}}) en <a href="../../a/">html</a>.\n'
EVERY_FORM_MOVED = (
    'Inline <a href="/2024/herfst/onderhoud/">html</a> en [host](https://example.org/2024/herfst/onderhoud/#kop).',
    '<div class="kader">\n<a href="/2024/herfst/onderhoud/"><span>Blok</span></a>\n</div>',
    'Met [ref]({{< ref "2024/herfst/onderhoud.md" >}}) en [relref]({{< relref path="/2024/herfst/onderhoud.md#kop" >}}).',
    'Met [lang]({{< relref path="2024/herfst/onderhoud" lang="nl" >}}) en [root](/2024/herfst/onderhoud.md).',
)


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")
def test_pipeline_mv_updates_every_link_form_merge_rewrites(tmp_path: Path) -> None:
    root = translated_site(tmp_path, {"a.md": LINKING, "blog/b.md": EVERY_FORM,
                                          "2023/fietsonderhoud.md": LINKED + LINKED_REF})
    (root / "hugo.toml").write_text(HUGO.replace('baseURL = "/"', 'baseURL = "https://example.org/"')
                                    + "\n[markup.goldmark.renderer]\nunsafe = true\n", encoding="utf-8")
    shutil.copytree(Path(__file__).resolve().parent.parent / "layouts", root / "layouts")
    assert pipeline(root, "merge").returncode == 0
    assert "link-" not in pipeline(root, "check").stdout  # every form leads to a page
    before = sum(all_translated(root).values())

    done = pipeline(root, "mv", "2023/fietsonderhoud", "2024/herfst/onderhoud")
    assert done.returncode == 0, done.stderr
    assert "updated 7 links in content/nl/blog/b.md" in done.stdout, done.stdout
    b = (root / "content" / "nl" / "blog" / "b.md").read_text(encoding="utf-8")
    assert [text for text in EVERY_FORM_MOVED if text not in b] == [], b
    assert "fietsonderhoud" not in b
    # the moved post's relative links lead where they led
    moved = (root / "content" / "nl" / "2024" / "herfst" / "onderhoud.md").read_text(encoding="utf-8")
    assert 'Terug met [ref]({{< relref "../../a.md" >}}) en <a href="../../../a/">html</a>.' in moved, moved
    # the catalog's msgids and msgstrs alike (the HTML block's tag is in no msgid)
    catalog = po_path(root, "blog/b").read_text(encoding="utf-8")
    assert "fietsonderhoud" not in catalog
    assert 'msgstr "Übersetzt: Met [ref]({{< ref \\"2024/herfst/onderhoud.md\\" >}})' in catalog

    extracted = pipeline(root, "extract")
    assert extracted.returncode == 0, extracted.stderr
    assert fuzzy_entries(root) == 0 and sum(all_translated(root).values()) == before
    merged = pipeline(root, "merge")
    assert merged.returncode == 0, merged.stderr
    assert "stays as it is" not in merged.stdout and "points at" not in merged.stdout, merged.stdout
    checked = pipeline(root, "check")
    assert "link-" not in checked.stdout, checked.stdout
    built = subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                           capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    german = (root / "public" / "de" / "blog" / "fahrradpflege-im-herbst" / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]*)"', german)
    new = "/de/2024/herfst/fahrradpflege-im-herbst/"
    assert len([h for h in hrefs if new in h]) == 7, hrefs  # every form, to the German page
    assert [h for h in hrefs if "2023" in h or "onderhoud" in h] == [], hrefs
