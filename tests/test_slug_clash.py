"""Two German posts with one slug: merge refuses the newcomer before writing, check says so.

Hugo publishes one page per URL: two German posts with the same slug (identical German
titles, translator slugs that slugify alike, a slug another page already has) leave one of
them unpublished. A page keeps its URL; a post that would take another page's is refused
(exit 1) at its catalog's slug entry, and the fix is the translator's (the ``slug`` entry),
never an edit of a generated post. The end-to-end tests build the site with the real Hugo.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from merge_support import fill
from support import invoke, make_root, po_path

from pipeline.config import load_config
from pipeline.merge import merge
from pipeline.po import parse_catalog

REPO = Path(__file__).resolve().parent.parent

A = "---\ntitle: Nieuws\ndate: 2024-01-01T10:00:00+01:00\n---\n\nHet eerste bericht over het weer.\n"
B = "---\ntitle: Het nieuws\ndate: 2024-01-02T10:00:00+01:00\n---\n\nHet tweede bericht over de zon.\n"
A_DE = {"Nieuws": "Neuigkeiten", "Het eerste bericht over het weer.": "Die erste Nachricht über das Wetter."}
B_DE = {"Het nieuws": "Neuigkeiten", "Het tweede bericht over de zon.": "Die zweite Nachricht über die Sonne."}


def german(root: Path, post_id: str) -> Path:
    return root / "content" / "de" / f"{post_id}.md"


def extracted(root: Path, posts: dict[str, str]) -> Path:
    make_root(root, posts)
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 0, result.output
    return root


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return invoke("-C", str(root), *args)


def slug_line(root: Path, post_id: str) -> int:
    """The line of the catalog's slug entry (where the clash is reported)."""
    path = po_path(root, post_id)
    return next(m.lineno for m in parse_catalog(str(path), path.read_bytes()).messages if m.msgctxt == "slug")


# ---------------------------------------------------------------------------------------
# merge and check


def test_two_new_posts_with_one_german_title_are_both_refused(tmp_path: Path) -> None:
    root = extracted(tmp_path, {"a.md": A, "b.md": B})
    fill(root, "a", A_DE)
    fill(root, "b", B_DE)
    checked = run(root, "check")
    assert checked.exit_code == 1
    assert "[slug-clash]" in checked.output and "locale/de/LC_MESSAGES/b.po" in checked.output
    result = run(root, "merge")
    assert result.exit_code == 1, result.output
    assert (
        f"error: locale/de/LC_MESSAGES/b.po:{slug_line(root, 'b')}: German slug 'neuigkeiten' of "
        "content/nl/b.md is also the slug of content/de/a.md, of content/nl/a.md (not written yet: "
        "locale/de/LC_MESSAGES/a.po gives it the same slug): give content/nl/b.md its own German slug "
        "(translate the msgctxt \"slug\" entry), then run `pipeline merge`"
    ) in result.output
    assert f"locale/de/LC_MESSAGES/a.po:{slug_line(root, 'a')}: German slug 'neuigkeiten'" in result.output
    assert not german(root, "a").exists() and not german(root, "b").exists()


def test_a_published_page_keeps_its_slug(tmp_path: Path) -> None:
    root = extracted(tmp_path, {"a.md": A, "b.md": B})
    fill(root, "a", A_DE)
    assert run(root, "merge", "--min-translated", "100").exit_code == 0  # b is below: skipped
    published = german(root, "a").read_bytes()
    fill(root, "b", B_DE)
    # check says it before merge would write it, at the catalog's slug entry
    checked = run(root, "check")
    assert checked.exit_code == 1
    assert (
        f"{slug_line(root, 'b')}: error: German slug 'neuigkeiten' of content/nl/b.md is also the slug of "
        "content/de/a.md, the page of content/nl/a.md"
    ) in checked.output
    assert "content/de/a.md\n" not in checked.output.split("check:")[0].replace("  ", "")  # a is fine
    result = run(root, "merge")
    assert result.exit_code == 1
    assert ("is also the slug of content/de/a.md, the page of content/nl/a.md: give content/nl/b.md its own "
            "German slug") in result.output
    assert "merge: 1 unchanged, 1 error" in result.output
    assert german(root, "a").read_bytes() == published
    assert not german(root, "b").exists()
    again = run(root, "merge")  # the cache changes nothing about it
    assert again.exit_code == 1 and "is also the slug of content/de/a.md" in again.output


def test_posts_in_different_folders_are_different_urls(tmp_path: Path) -> None:
    """Hugo publishes content/de/2023/a.md at /de/2023/<slug>/: no clash with 2024/."""
    root = extracted(tmp_path, {"2023/a.md": A, "2024/b.md": B})
    fill(root, "2023/a", A_DE)
    fill(root, "2024/b", B_DE)
    result = run(root, "merge")
    assert result.exit_code == 0, result.output
    assert "[slug-clash]" not in run(root, "check").output


@pytest.mark.parametrize("given", ["Neuigkeiten!", "neuigkeiten", "NEUIGKEITEN", " neuigkeiten "])
def test_a_translators_slug_that_slugifies_the_same(tmp_path: Path, given: str) -> None:
    root = extracted(tmp_path, {"a.md": A, "b.md": B})
    fill(root, "a", A_DE)
    assert run(root, "merge").exit_code == 0  # b: below, not written
    fill(root, "b", B_DE | {"Het nieuws": "Etwas anderes", ("slug", "b"): given})
    result = run(root, "merge")
    assert result.exit_code == 1
    assert "German slug 'neuigkeiten' of content/nl/b.md is also the slug of content/de/a.md" in result.output
    assert not german(root, "b").exists()


def test_a_page_left_in_place_keeps_its_slug(tmp_path: Path) -> None:
    """A German post that stays (its catalog fell below the threshold; a page without a Dutch
    post) holds its URL against a post about to be written."""
    root = extracted(tmp_path, {"a.md": A, "b.md": B})
    fill(root, "a", A_DE)
    assert run(root, "merge", "content/nl/a.md").exit_code == 0
    fill(root, "a", {"Nieuws": "Neuigkeiten"})  # the body's translation is gone: a is stale
    fill(root, "b", B_DE)
    result = run(root, "merge")
    assert result.exit_code == 1
    assert "stale content/de/a.md" in result.output
    assert "German slug 'neuigkeiten' of content/nl/b.md is also the slug of content/de/a.md" in result.output
    # a hand-written German page without a Dutch original
    other = extracted(tmp_path / "orphan", {"b.md": B})
    fill(other, "b", B_DE)
    german(other, "extra").parent.mkdir(parents=True)
    german(other, "extra").write_text("---\ntitle: X\nslug: neuigkeiten\n---\nText.\n", encoding="utf-8")
    result = run(other, "merge")
    assert result.exit_code == 1
    assert "is also the slug of content/de/extra.md" in result.output


def test_merging_one_post_sees_the_whole_site(tmp_path: Path) -> None:
    root = extracted(tmp_path, {"a.md": A, "b.md": B})
    fill(root, "a", A_DE)
    fill(root, "b", B_DE | {("slug", "b"): "sonne"})
    assert run(root, "merge").exit_code == 0
    fill(root, "b", B_DE)  # b's translator drops the slug: its title's is a's
    result = run(root, "merge", "content/nl/b.md")
    assert result.exit_code == 1
    assert "is also the slug of content/de/a.md" in result.output
    assert "slug: sonne" in german(root, "b").read_text(encoding="utf-8")  # b stays where it was


def test_a_slug_freed_in_the_same_run_is_taken(tmp_path: Path) -> None:
    root = extracted(tmp_path, {"a.md": A, "b.md": B})
    fill(root, "a", A_DE)
    assert run(root, "merge").exit_code == 0  # b: below, not written
    fill(root, "a", A_DE | {("slug", "a"): "neuigkeiten-alt"})
    fill(root, "b", B_DE)
    assert "[slug-clash]" not in run(root, "check").output
    result = run(root, "merge", "-j", "2")
    assert result.exit_code == 0, result.output
    assert "slug: neuigkeiten-alt" in german(root, "a").read_text(encoding="utf-8")
    assert "slug: neuigkeiten\n" in german(root, "b").read_text(encoding="utf-8")


def test_links_to_a_refused_post_do_not_lead_to_the_other_page(tmp_path: Path) -> None:
    c = "---\ntitle: Overzicht\n---\n\nLees [het nieuws](b.md) vandaag.\n"
    root = extracted(tmp_path, {"a.md": A, "b.md": B, "c.md": c})
    fill(root, "a", A_DE)
    fill(root, "b", B_DE)
    fill(root, "c", {"Overzicht": "Übersicht", "Lees [het nieuws](b.md) vandaag.": "Lies [die Neuigkeiten](b.md) heute."})
    results = {r.post_id: r for r in merge(load_config(root))}
    assert results["b"].action == "error" and results["c"].action == "written"
    text = german(root, "c").read_text(encoding="utf-8")
    assert "/de/neuigkeiten/" not in text
    # b has no German page: the Dutch page's URL (a render hook would find no German b.md), said so
    assert "(/b/)" in text
    assert any("points at the Dutch page /b/: the de post b is not written yet" in w for w in results["c"].warnings)


def test_two_pages_that_share_a_slug_are_reported_with_the_catalog_to_fix(tmp_path: Path) -> None:
    """Pages written before merge refused clashes: check names the catalog entry to change,
    and merge moves them apart once a translator has."""
    root = extracted(tmp_path, {"a.md": A, "b.md": B})
    fill(root, "a", A_DE)
    fill(root, "b", B_DE | {("slug", "b"): "sonne"})
    assert run(root, "merge").exit_code == 0
    text = german(root, "b").read_text(encoding="utf-8").replace("slug: sonne", "slug: neuigkeiten")
    german(root, "b").write_text(text, encoding="utf-8")  # as an older merge would have left it
    fill(root, "b", B_DE)
    checked = run(root, "check")
    assert "content/de/b.md" in checked.output and "[slug-clash]" in checked.output
    assert 'msgctxt "slug"' in checked.output
    fill(root, "b", B_DE | {("slug", "b"): "sonne"})
    result = run(root, "merge", "--force")
    assert result.exit_code == 0, result.output
    assert "[slug-clash]" not in run(root, "check").output


# ---------------------------------------------------------------------------------------
# The real Hugo: both pages are published once the translator has given one its own slug


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo')")
def test_hugo_publishes_both_pages_after_the_fix(tmp_path: Path) -> None:
    for name in ("hugo.toml", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    shutil.copytree(REPO / "layouts", tmp_path / "layouts")
    root = extracted(tmp_path, {"2024-01-01-a.md": A, "2024-01-02-b.md": B})
    fill(root, "2024-01-01-a", A_DE)
    fill(root, "2024-01-02-b", B_DE)
    refused = run(root, "merge")
    assert refused.exit_code == 1, refused.output
    fill(root, "2024-01-02-b", B_DE | {("slug", "b"): "neuigkeiten-sonne"})
    result = run(root, "merge")
    assert result.exit_code == 0, result.output
    subprocess.run(
        ["hugo", "--source", str(root), "--destination", str(root / "public")],
        check=True, capture_output=True, timeout=120,
    )
    first = (root / "public" / "de" / "neuigkeiten" / "index.html").read_text(encoding="utf-8")
    second = (root / "public" / "de" / "neuigkeiten-sonne" / "index.html").read_text(encoding="utf-8")
    assert "Die erste Nachricht über das Wetter." in first
    assert "Die zweite Nachricht über die Sonne." in second


BUNDLE = "---\ntitle: {title}\ndate: 2024-01-0{day}T10:00:00+01:00\nlang: nl\n---\n\n{text}\n"


def _bundles_and_a_section(root: Path) -> Path:
    return extracted(root, {
        "blog/_index.md": BUNDLE.format(title="Blog", day=1, text="Over de blog."),
        "blog/b/index.md": BUNDLE.format(title="Tweede", day=2, text="Tekst twee."),
        "blog/c/index.md": BUNDLE.format(title="Derde", day=3, text="Tekst drie."),
        "nieuws.md": BUNDLE.format(title="Nieuws", day=4, text="Tekst vier."),
    })


def test_bundles_and_a_section_clash_as_hugo_publishes_them(tmp_path: Path) -> None:
    """Two leaf bundles of one folder whose German titles are one slug, a post whose German
    title is a section's folder name: Hugo would publish one page for each pair. Merge
    writes the section and refuses the others; check says the same, and nothing about the
    Dutch _index.md's slug (Hugo does not use it)."""
    root = _bundles_and_a_section(tmp_path)
    fill(root, "blog/_index", {"Blog": "Blog", "Over de blog.": "Über den Blog."})
    fill(root, "blog/b", {"Tweede": "Gleich", "Tekst twee.": "Text zwei."})
    fill(root, "blog/c", {"Derde": "Gleich", "Tekst drie.": "Text drei."})
    fill(root, "nieuws", {"Nieuws": "Blog", "Tekst vier.": "Text vier."})
    result = run(root, "merge")
    assert result.exit_code == 1, result.output
    assert german(root, "blog/_index").exists()
    assert not any(german(root, p).exists() for p in ("blog/b/index", "blog/c/index", "nieuws"))
    assert (
        f"error: locale/de/LC_MESSAGES/nieuws.po:{slug_line(root, 'nieuws')}: German slug 'blog' of "
        "content/nl/nieuws.md is also the slug of content/de/blog/_index.md (the list page of its folder)"
    ) in result.output
    assert "German slug 'gleich' of content/nl/blog/b/index.md is also the slug of content/de/blog/c/index.md" in result.output
    checked = run(root, "check")
    assert checked.output.count("[slug-clash]") == 3, checked.output
    assert "[slug-form]" not in checked.output


def test_a_page_left_by_a_renamed_post_says_to_delete_it(tmp_path: Path) -> None:
    """A Dutch post renamed and rewritten, so that extract cannot tell it moved: its German
    page stays (an orphan) and keeps its URL; the renamed post's German page, with the same
    slug, is refused with the way out. (A rename extract recognises takes its German page
    along: tests/test_moves.py.)"""
    root = extracted(tmp_path, {"a.md": A})
    fill(root, "a", A_DE)
    assert run(root, "merge").exit_code == 0
    (root / "content" / "nl" / "a.md").unlink()
    rewritten = A.replace("Het eerste bericht over het weer.", "Een heel ander bericht.")
    (root / "content" / "nl" / "c.md").write_text(rewritten, encoding="utf-8")
    assert run(root, "extract").exit_code == 0
    fill(root, "c", {"Nieuws": "Neuigkeiten", "Een heel ander bericht.": "Eine ganz andere Nachricht."})
    result = run(root, "merge")
    assert result.exit_code == 1
    assert (
        "is also the slug of content/de/a.md (no Dutch original content/nl/a.md: if that post was "
        "renamed, delete content/de/a.md)"
    ) in result.output
    german(root, "a").unlink()  # the advice, followed
    assert run(root, "merge").exit_code == 0


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo')")
def test_hugo_publishes_every_bundle_and_the_section(tmp_path: Path) -> None:
    for name in ("hugo.toml", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    shutil.copytree(REPO / "layouts", tmp_path / "layouts")
    root = _bundles_and_a_section(tmp_path)
    fill(root, "blog/_index", {"Blog": "Blog", "Over de blog.": "Über den Blog."})
    fill(root, "blog/b", {"Tweede": "Gleich", "Tekst twee.": "Text zwei."})
    fill(root, "blog/c", {"Derde": "Gleich", ("slug", "c"): "gleich-drei", "Tekst drie.": "Text drei."})
    fill(root, "nieuws", {"Nieuws": "Blog", ("slug", "nieuws"): "neuigkeiten", "Tekst vier.": "Text vier."})
    result = run(root, "merge")
    assert result.exit_code == 0, result.output
    built = subprocess.run(
        ["hugo", "--printPathWarnings", "--source", str(root), "--destination", str(root / "public")],
        check=True, capture_output=True, text=True, timeout=120,
    )
    assert "Duplicate target paths" not in built.stdout + built.stderr
    public = root / "public" / "de"
    assert "Text zwei." in (public / "blog" / "gleich" / "index.html").read_text(encoding="utf-8")
    assert "Text drei." in (public / "blog" / "gleich-drei" / "index.html").read_text(encoding="utf-8")
    assert "Text vier." in (public / "neuigkeiten" / "index.html").read_text(encoding="utf-8")
    assert 'href="/de/blog/gleich/"' in (public / "blog" / "index.html").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo')")
def test_a_slug_of_a_top_level_folder_is_its_list_page(tmp_path: Path) -> None:
    """Hugo makes a list page for a top-level folder with posts, _index.md or not, and
    publishes it instead of a post whose slug is that folder's name: merge refuses such a
    German post, check reports one on disk (German or Dutch) when the folder comes later."""
    for name in ("hugo.toml", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    shutil.copytree(REPO / "layouts", tmp_path / "layouts")
    root = extracted(tmp_path, {
        "blog.md": BUNDLE.format(title="Over de blog", day=1, text="Tekst een."),
        "nieuws.md": BUNDLE.format(title="Nieuws", day=2, text="Tekst vier."),
    })
    fill(root, "blog", {"Over de blog": "Über den Blog", "Tekst een.": "Text eins."})
    fill(root, "nieuws", {"Nieuws": "Blog", "Tekst vier.": "Text vier."})
    assert run(root, "merge").exit_code == 0  # no folder blog/ yet: /de/blog/ is this page
    (root / "content" / "nl" / "blog").mkdir()
    (root / "content" / "nl" / "blog" / "a.md").write_text(
        BUNDLE.format(title="Eerste", day=3, text="Tekst a."), encoding="utf-8")
    assert run(root, "extract").exit_code == 0
    fill(root, "blog/a", {"Eerste": "Erste", "Tekst a.": "Text a."})
    result = run(root, "merge")
    assert result.exit_code == 1
    assert (
        f"error: locale/de/LC_MESSAGES/nieuws.po:{slug_line(root, 'nieuws')}: German slug 'blog' of "
        "content/nl/nieuws.md is also the slug of content/de/blog/ (the list page Hugo makes for that folder)"
    ) in result.output
    checked = run(root, "check").output
    assert "slug 'blog' is the URL of content/de/blog/, the list page Hugo makes for that folder" in checked
    assert "slug 'blog' is the URL of content/nl/blog/, the list page Hugo makes for that folder" in checked
    built = subprocess.run(
        ["hugo", "--printPathWarnings", "--source", str(root), "--destination", str(root / "public")],
        check=True, capture_output=True, text=True, timeout=120,
    )
    # what check says: the post and the list page are one URL (Hugo publishes either)
    assert "Duplicate target paths: /blog/index.html (2), /de/blog/index.html (2)" in built.stdout + built.stderr


def test_two_german_pages_with_one_slug_name_both_dutch_posts_and_the_catalog(tmp_path: Path) -> None:
    """Two German pages on disk with one slug (one changed by hand): check names both pages
    with their Dutch posts, and the catalog entry that resolves it."""
    root = extracted(tmp_path, {"a.md": A, "b.md": B})
    fill(root, "a", A_DE)
    fill(root, "b", B_DE | {("slug", "b"): "sonne"})
    assert run(root, "merge").exit_code == 0
    page = german(root, "b")
    page.write_text(page.read_text(encoding="utf-8").replace("slug: sonne", "slug: neuigkeiten"), encoding="utf-8")
    checked = run(root, "check").output
    assert (
        "slug 'neuigkeiten' is also the slug of content/de/a.md, the page of content/nl/a.md: give one of them "
        "its own slug (the msgctxt \"slug\" entry of locale/de/LC_MESSAGES/b.po for content/nl/b.md), then run "
        "`pipeline merge` [slug-clash]"
    ) in checked
    assert (
        "slug 'neuigkeiten' is also the slug of content/de/b.md, the page of content/nl/b.md: give one of them "
        "its own slug (the msgctxt \"slug\" entry of locale/de/LC_MESSAGES/a.po for content/nl/a.md), then run "
        "`pipeline merge` [slug-clash]"
    ) in checked
