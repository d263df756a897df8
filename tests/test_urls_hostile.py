"""Hostile cases of "Published German URLs are stable" and "Slugs across languages": a German
page that stays where it is while its post would move, and what links to it, built with
the real Hugo 0.111 and read in ``public/``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from merge_support import fill
from support import invoke, make_root
from support import LANGUAGES_TOML

REPO = Path(__file__).resolve().parent.parent

needs_hugo = pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo')")

HUGO = """baseURL = "https://example.org/blog/"
defaultContentLanguage = "nl"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]

""" + LANGUAGES_TOML

A = "---\ntitle: Nieuws\ndate: 2024-01-01T10:00:00+01:00\nlang: nl\n---\n\nHet eerste bericht over het weer.\n"
A_DE = {"Nieuws": "Neuigkeiten", "Het eerste bericht over het weer.": "Die erste Nachricht über das Wetter."}
B = "---\ntitle: Zon\ndate: 2024-01-02T10:00:00+01:00\nlang: nl\n---\n\nZie [het nieuws](/a/) vandaag.\n"
B_DE = {"Zon": "Sonne", "Zie [het nieuws](/a/) vandaag.": "Siehe [die Nachrichten](/a/) heute."}


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return invoke("-C", str(root), *args)


def site(root: Path, posts: dict[str, str]) -> Path:
    (root / "hugo.toml").write_text(HUGO, encoding="utf-8")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(REPO / "layouts", root / "layouts")
    make_root(root, posts)
    assert run(root, "extract").exit_code == 0
    return root


def build(root: Path) -> Path:
    shutil.rmtree(root / "public", ignore_errors=True)
    subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                   check=True, capture_output=True, timeout=120)
    return root / "public"


def german(root: Path, post_id: str) -> str:
    return (root / "content" / "de" / f"{post_id}.md").read_text(encoding="utf-8")


@needs_hugo
@pytest.mark.parametrize("threshold", [[], ["--min-translated", "50"]], ids=["100", "50"])
def test_a_link_to_a_page_left_below_the_threshold_leads_to_it_where_it_stays(
        tmp_path: Path, threshold: list[str]) -> None:
    """a's German slug changes while its catalog falls below the threshold: merge leaves its
    German page where it is, so b's link must lead there, not to the URL a would get."""
    root = site(tmp_path, {"a.md": A, "b.md": B})
    fill(root, "a", A_DE)
    fill(root, "b", B_DE)
    assert run(root, "merge").exit_code == 0
    fill(root, "a", {("slug", "a"): "wetter", "Nieuws": "Neuigkeiten"})  # the body untranslated
    result = run(root, "merge", *threshold)
    assert result.exit_code == 0, result.output
    assert "stale content/de/a.md" in result.output
    assert "[die Nachrichten](/blog/de/neuigkeiten/)" in german(root, "b")
    public = build(root)
    assert (public / "de" / "neuigkeiten" / "index.html").is_file()
    assert not (public / "de" / "wetter").exists()
    checked = run(root, "check", *threshold)
    assert "link" not in checked.output and "content/de/b.md" not in checked.output, checked.output


def _with_record_url(root: Path, post_id: str, url: str) -> None:
    """The record's ``url`` changed by hand (the record's hash does not cover the record)."""
    path = root / "content" / "de" / f"{post_id}.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("  url: "))
    lines[index] = f"  url: {url}"
    path.write_text("\n".join(lines), encoding="utf-8")


@needs_hugo
@pytest.mark.parametrize("url", ['"/de/neuigkeiten"', '"/de/neuigkeiten/index.html"', '"/de//neuigkeiten/"',
                                 '"/de/./neuigkeiten/"', '"/de/x/../neuigkeiten/"'])
def test_a_record_url_that_is_the_pages_own_place_spelt_otherwise_is_no_move(tmp_path: Path, url: str) -> None:
    """Hugo publishes an alias at its path cleaned, with ``index.html`` unless it ends in
    ``.html``: each of these is the page's own place, where a redirect would take its page's
    place (or loop to itself)."""
    root = site(tmp_path, {"a.md": A})
    fill(root, "a", A_DE)
    assert run(root, "merge").exit_code == 0
    written = (root / "content" / "de" / "a.md").read_bytes()
    _with_record_url(root, "a", url)
    checked = run(root, "check")
    assert "becomes" not in checked.output, checked.output
    result = run(root, "merge")
    assert result.exit_code == 0 and "moved" not in result.output, result.output
    assert (root / "content" / "de" / "a.md").read_bytes() == written  # the record's URL set right
    public = build(root)
    assert "Die erste Nachricht" in (public / "de" / "neuigkeiten" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("url", ['"not a url"', '"de/neuigkeiten/"', '"/de/../x/"', '""', "[1, 2]", '"/de/a b/"',
                                 '"https://example.org/blog/de/alt/"'])
def test_a_record_url_that_is_no_page_path_is_not_made_an_alias(tmp_path: Path, url: str) -> None:
    """A record URL merge cannot have written is not trusted: the old URL comes from the file,
    as for a post written before records kept it; no alias, no move, and check says none."""
    root = site(tmp_path, {"a.md": A})
    fill(root, "a", A_DE)
    assert run(root, "merge").exit_code == 0
    written = (root / "content" / "de" / "a.md").read_bytes()
    _with_record_url(root, "a", url)
    checked = run(root, "check")
    assert "becomes" not in checked.output, checked.output
    result = run(root, "merge")
    assert result.exit_code == 0 and "moved" not in result.output, result.output
    assert (root / "content" / "de" / "a.md").read_bytes() == written


@needs_hugo
@pytest.mark.parametrize("aliases", ["[null]", "[{a: b}]", '[""]', "[/]", "[/./]", "\n  - /oud/\n  -"],
                         ids=["null", "mapping", "empty", "root", "root-dot", "block-empty-item"])
def test_a_dutch_alias_that_stops_hugos_build_is_an_error_of_check(tmp_path: Path, aliases: str) -> None:
    root = site(tmp_path, {"a.md": A.replace("lang: nl\n", f"lang: nl\naliases: {aliases}\n")})
    result = subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "alias" in result.stderr  # Hugo refuses it
    checked = run(root, "check")
    assert checked.exit_code == 1
    line = 6 if aliases.startswith("\n") else 5  # the key's line, or its block list's first
    assert f"content/nl/a.md\n  {line}: error: " in checked.output and "[aliases-type]" in checked.output, checked.output
    fixed = A.replace("lang: nl\n", "lang: nl\naliases: [/oud/]\n")  # removed, as the advice says
    (root / "content" / "nl" / "a.md").write_text(fixed, encoding="utf-8")
    assert "aliases-type" not in run(root, "check").output
    build(root)


@pytest.mark.parametrize("aliases", ["[1]", "5", "{a: b}", "[/oud/, true]"])
def test_a_dutch_alias_that_is_not_text_is_an_error_of_check(tmp_path: Path, aliases: str) -> None:
    """Hugo makes text of it (``/1/``), which no link or clash check sees."""
    root = site(tmp_path, {"a.md": A.replace("lang: nl\n", f"lang: nl\naliases: {aliases}\n")})
    checked = run(root, "check")
    assert checked.exit_code == 1
    assert "  5: error: aliases must be a list of URL paths ('/oud-adres/'), not " in checked.output, checked.output


@pytest.mark.parametrize("aliases", ["/oud/", "[/oud/, /ouder/]", "\n  - /oud/\n  - /ouder/", "[]", ""])
def test_dutch_aliases_hugo_reads_are_no_error(tmp_path: Path, aliases: str) -> None:
    root = site(tmp_path, {"a.md": A.replace("lang: nl\n", f"lang: nl\naliases: {aliases}\n")})
    assert "aliases" not in run(root, "check").output


WITH_TAXONOMIES = HUGO.replace('disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]',
                               'disableKinds = ["RSS", "sitemap", "robotsTXT"]')
TAGGED_B = B.replace("lang: nl\n", "lang: nl\ntags: [zon]\n")


def everything(translations: dict[object, str]):  # type: ignore[no-untyped-def]
    return lambda context, msgid: translations.get((context, msgid), translations.get(msgid, msgid))


@needs_hugo
def test_a_german_slug_that_is_a_taxonomys_page_is_refused_and_reported(tmp_path: Path) -> None:
    root = site(tmp_path, {"a.md": A, "b.md": TAGGED_B})
    (root / "hugo.toml").write_text(WITH_TAXONOMIES, encoding="utf-8")
    fill(root, "a", A_DE)
    fill(root, "b", everything({**B_DE, ("slug", "b"): "tags"}))  # /de/tags/: Hugo's list of the tags
    said = ("German URL /blog/de/tags/ of content/nl/b.md (after the site's permalinks) is also the URL of "
            "the list page Hugo makes for the taxonomy tags: give content/nl/b.md its own German slug "
            "(translate the msgctxt \"slug\" entry), then run `pipeline merge`")
    checked = run(root, "check")
    assert checked.exit_code == 1 and said + " [url-clash]" in checked.output, checked.output
    refused = run(root, "merge")
    assert refused.exit_code == 1 and said in refused.output
    assert not (root / "content" / "de" / "b.md").exists()
    fill(root, "b", everything({**B_DE, ("slug", "b"): "sonne"}))  # as the advice says
    assert run(root, "merge").exit_code == 0
    assert run(root, "check").exit_code == 0
    public = build(root)
    assert "Siehe" in (public / "de" / "sonne" / "index.html").read_text(encoding="utf-8")
    assert "<title>Tags</title>" in (public / "de" / "tags" / "index.html").read_text(encoding="utf-8")


@needs_hugo
def test_a_published_page_at_a_taxonomys_url_once_taxonomies_are_on_is_reported(tmp_path: Path) -> None:
    root = site(tmp_path, {"a.md": A, "b.md": TAGGED_B})
    fill(root, "a", A_DE)
    fill(root, "b", everything({**B_DE, ("slug", "b"): "tags"}))
    assert run(root, "merge").exit_code == 0  # no taxonomy pages: /de/tags/ is b's
    (root / "hugo.toml").write_text(WITH_TAXONOMIES, encoding="utf-8")
    page = (build(root) / "de" / "tags" / "index.html").read_text(encoding="utf-8")
    # Hugo renders both to this one file, in parallel: which one it keeps varies from build to
    # build (b's page in one CI run, the list in others), and the other is lost either way
    assert ("Siehe" in page) != ("<title>Tags</title>" in page), page
    checked = run(root, "check")
    assert checked.exit_code == 1
    assert "is also the URL of the list page Hugo makes for the taxonomy tags" in checked.output, checked.output


@needs_hugo
def test_an_old_url_where_hugo_now_makes_a_taxonomys_page_is_no_alias(tmp_path: Path) -> None:
    """b's old URL /de/tags/ is the taxonomy's list page: merge does not say it redirects (Hugo
    would publish the list page there), and an alias kept there is dropped, as check says."""
    root = site(tmp_path, {"a.md": A, "b.md": TAGGED_B})
    fill(root, "a", A_DE)
    fill(root, "b", everything({**B_DE, ("slug", "b"): "tags"}))
    assert run(root, "merge").exit_code == 0
    (root / "hugo.toml").write_text(WITH_TAXONOMIES, encoding="utf-8")
    fill(root, "b", everything({**B_DE, ("slug", "b"): "sonne"}))
    result = run(root, "merge")
    assert result.exit_code == 0, result.output
    assert ("moved content/de/b.md: its URL /de/tags/ is now /de/sonne/; the old URL is now the list page "
            "Hugo makes for the taxonomy tags") in result.output
    assert "aliases" not in german(root, "b")
    assert run(root, "check").exit_code == 0

    # the alias was written while Hugo made no page there
    (root / "hugo.toml").write_text(HUGO, encoding="utf-8")
    fill(root, "b", everything({**B_DE, ("slug", "b"): "tags"}))
    assert run(root, "merge").exit_code == 0
    fill(root, "b", everything({**B_DE, ("slug", "b"): "sonne"}))
    assert "the old URL is kept in its aliases" in run(root, "merge").output
    (root / "hugo.toml").write_text(WITH_TAXONOMIES, encoding="utf-8")
    checked = run(root, "check")
    assert checked.exit_code == 1
    assert ("content/de/b.md\n  8: error: alias /de/tags/ of this page is at /blog/de/tags/, where the list page "
            "Hugo makes for the taxonomy tags is: Hugo publishes one of them there: run `pipeline merge`, which "
            "drops it from the post's aliases [url-clash]") in checked.output, checked.output
    assert run(root, "merge").exit_code == 0  # as the advice says
    assert "aliases" not in german(root, "b")
    assert run(root, "check").exit_code == 0
    public = build(root)
    assert "<title>Tags</title>" in (public / "de" / "tags" / "index.html").read_text(encoding="utf-8")


SUNNY_B = B.replace("Zie [het nieuws](/a/) vandaag.", "Het tweede bericht over de zon.")
SUNNY_B_DE = {"Zon": "Sonne", "Het tweede bericht over de zon.": "Die zweite Nachricht über die Sonne."}


@needs_hugo
def test_an_alias_edited_in_at_a_published_pages_url_is_the_aliases_fault_not_the_pages(tmp_path: Path) -> None:
    """b is published at /de/sonne/; an alias /de/sonne/ edited into a's German post is what
    clashes: b is not refused (nor told to take another slug), a's alias is named, and merge
    --force (a was edited by hand) writes a without it."""
    root = site(tmp_path, {"a.md": A, "b.md": SUNNY_B})
    fill(root, "a", A_DE)
    fill(root, "b", SUNNY_B_DE)
    assert run(root, "merge").exit_code == 0
    b_written = (root / "content" / "de" / "b.md").read_bytes()
    path = root / "content" / "de" / "a.md"
    path.write_text(german(root, "a").replace("translationKey: a\n", "translationKey: a\naliases: [/de/sonne/]\n"),
                    encoding="utf-8")
    checked = run(root, "check")
    assert checked.exit_code == 1
    assert "b.po" not in checked.output, checked.output
    assert ("content/de/a.md\n  1: error: changed by hand since merge wrote it (or not written by merge): "
            "move the change into locale/de/LC_MESSAGES/a.po, or run `pipeline merge --force content/nl/a.md` to "
            "overwrite it [post-edited]\n  7: error: alias /de/sonne/ of this page is at "
            "/blog/de/sonne/, where the German page content/de/b.md (or an alias of it) is") in checked.output
    result = run(root, "merge")
    assert result.exit_code == 1 and "b.po" not in result.output, result.output
    assert (root / "content" / "de" / "b.md").read_bytes() == b_written
    assert run(root, "merge", "--force").exit_code == 0
    assert "aliases" not in german(root, "a")
    assert run(root, "check").exit_code == 0
    public = build(root)
    assert "Die zweite Nachricht" in (public / "de" / "sonne" / "index.html").read_text(encoding="utf-8")


@needs_hugo
@pytest.mark.parametrize("dutch", [{"b.md": SUNNY_B.replace("lang: nl\n", "lang: nl\nurl: /de/neuigkeiten/\n")},
                                   {"de/neuigkeiten.md": SUNNY_B}], ids=["url", "folder-de"])
def test_a_german_url_that_is_a_dutch_pages_is_refused_and_reported(tmp_path: Path, dutch: dict[str, str]) -> None:
    """Hugo publishes one of the two at /de/neuigkeiten/ (there: the German page; the Dutch
    one is lost)."""
    root = site(tmp_path, {"a.md": A, **dutch})
    dutch_post = "content/nl/" + next(iter(dutch))
    fill(root, "a", A_DE)
    said = ("German URL /blog/de/neuigkeiten/ of content/nl/a.md (after the site's permalinks) is also the URL of "
            f"the Dutch page {dutch_post}: give content/nl/a.md its own German slug (translate the msgctxt "
            "\"slug\" entry), then run `pipeline merge`")
    checked = run(root, "check")
    assert checked.exit_code == 1 and said + " [url-clash]" in checked.output, checked.output
    refused = run(root, "merge")
    assert refused.exit_code == 1 and said in refused.output
    assert not (root / "content" / "de" / "a.md").exists()
    fill(root, "a", {**A_DE, ("slug", "a"): "wetter"})  # as the advice says
    assert run(root, "merge").exit_code == 0
    assert "url-clash" not in run(root, "check").output
    public = build(root)
    assert "Het tweede bericht" in (public / "de" / "neuigkeiten" / "index.html").read_text(encoding="utf-8")
    assert "Die erste Nachricht" in (public / "de" / "wetter" / "index.html").read_text(encoding="utf-8")


@needs_hugo
def test_a_link_to_a_page_edited_by_hand_leads_to_it_where_it_stays(tmp_path: Path) -> None:
    """a's German slug changes, but its German post was edited by hand: merge leaves it at its
    URL (without --force), so b's link must lead there; with --force a moves, and b follows."""
    root = site(tmp_path, {"a.md": A, "b.md": B})
    fill(root, "a", A_DE)
    fill(root, "b", B_DE)
    assert run(root, "merge").exit_code == 0
    path = root / "content" / "de" / "a.md"
    path.write_text(german(root, "a").replace("Die erste", "Die allererste"), encoding="utf-8")
    fill(root, "a", {**A_DE, ("slug", "a"): "wetter"})
    result = run(root, "merge")
    assert result.exit_code == 1 and "content/de/a.md: changed by hand" in result.output
    assert "[die Nachrichten](/blog/de/neuigkeiten/)" in german(root, "b")
    assert "content/de/b.md" not in run(root, "check").output
    public = build(root)
    assert (public / "de" / "neuigkeiten" / "index.html").is_file()
    assert not (public / "de" / "wetter").exists()
    forced = run(root, "merge", "--force")
    assert forced.exit_code == 0, forced.output
    assert "moved content/de/a.md: its URL /de/neuigkeiten/ is now /de/wetter/" in forced.output
    assert "[die Nachrichten](/blog/de/wetter/)" in german(root, "b")
    assert run(root, "check").exit_code == 0
