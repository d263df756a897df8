"""Published German URLs are stable: when a German post's URL changes (a new German slug, a
new Dutch slug its German one falls back from, a move, the site's permalinks), merge keeps
the old URL in the post's ``aliases``, which Hugo publishes as a redirect, and says so.

The question "is the old URL still reachable" is Hugo's: these tests build the site with the
real Hugo 0.111 and read ``public/``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from merge_support import fill, front_matter
from support import LANGUAGES_TOML, invoke, make_root, po_path

REPO = Path(__file__).resolve().parent.parent

needs_hugo = pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo')")

HUGO = """baseURL = "https://example.org/blog/"
defaultContentLanguage = "nl"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
{extra}
""" + LANGUAGES_TOML

POST = "---\ntitle: Nieuws\ndate: 2024-01-01T10:00:00+01:00\nlang: nl\n{extra}---\n\nHet eerste bericht over het weer.\n"
POST_DE = {"Nieuws": "Neuigkeiten", "Het eerste bericht over het weer.": "Die erste Nachricht über das Wetter."}


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return invoke("-C", str(root), *args)


def site(root: Path, posts: dict[str, str], extra: str = "") -> Path:
    (root / "hugo.toml").write_text(HUGO.format(extra=extra), encoding="utf-8")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(REPO / "layouts", root / "layouts")
    make_root(root, posts)
    assert run(root, "extract").exit_code == 0
    return root


def german(root: Path, post_id: str) -> Path:
    return root / "content" / "de" / f"{post_id}.md"


def merged(root: Path) -> str:
    result = run(root, "merge")
    assert result.exit_code == 0, result.output
    return result.output


def build(root: Path) -> Path:
    shutil.rmtree(root / "public", ignore_errors=True)
    subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                   check=True, capture_output=True, timeout=120)
    return root / "public"


def redirects_to(public: Path, path: str, url: str) -> bool:
    """Whether Hugo published its alias page at ``path`` (under public/), leading to ``url``."""
    page = public / path.strip("/") / "index.html"
    return page.is_file() and f'http-equiv="refresh" content="0; url={url}"' in page.read_text(encoding="utf-8")


def without_record_url(path: Path) -> None:
    """The German post as merge wrote it before the record kept the URL (the record's own hash
    covers the post without the record: it still matches)."""
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if not line.startswith("  url: ")]
    assert len(lines) == len(text.split("\n")) - 1
    path.write_text("\n".join(lines), encoding="utf-8")


# ---------------------------------------------------------------------------------------
# A new German slug


@needs_hugo
def test_a_new_german_slug_keeps_the_old_url_as_an_alias_hugo_redirects(tmp_path: Path) -> None:
    root = site(tmp_path, {"a.md": POST.format(extra="")})
    fill(root, "a", POST_DE)
    assert "moved" not in merged(root)
    assert "aliases" not in front_matter(german(root, "a").read_text(encoding="utf-8"))
    fill(root, "a", POST_DE | {("slug", "a"): "wetter-neuigkeiten"})
    checked = run(root, "check")
    assert checked.exit_code == 1
    assert ("content/de/a.md\n  1: error: stale since locale/de/LC_MESSAGES/a.po changed; its URL "
            "/de/neuigkeiten/ becomes /de/wetter-neuigkeiten/ (merge keeps /de/neuigkeiten/ "
            "in its aliases, a redirect): run `pipeline merge` [post-stale]") in checked.output
    output = merged(root)
    assert run(root, "check").exit_code == 0
    assert ("moved content/de/a.md: its URL /de/neuigkeiten/ is now /de/wetter-neuigkeiten/; "
            "the old URL is kept in its aliases and redirects there") in output
    meta = front_matter(german(root, "a").read_text(encoding="utf-8"))
    assert meta["aliases"] == ["/de/neuigkeiten/"]  # where Hugo writes it: under public/, no base path
    public = build(root)
    assert "Die erste Nachricht" in (public / "de" / "wetter-neuigkeiten" / "index.html").read_text(encoding="utf-8")
    assert redirects_to(public, "de/neuigkeiten", "https://example.org/blog/de/wetter-neuigkeiten/")

    # nothing to do: nothing changes
    before = german(root, "a").read_bytes()
    again = merged(root)
    assert "moved" not in again and "wrote" not in again
    assert german(root, "a").read_bytes() == before

    # aliases accumulate; the one that is the URL again is dropped
    fill(root, "a", POST_DE | {("slug", "a"): "wetter"})
    merged(root)
    assert front_matter(german(root, "a").read_text(encoding="utf-8"))["aliases"] == [
        "/de/neuigkeiten/", "/de/wetter-neuigkeiten/"]
    fill(root, "a", POST_DE)
    output = merged(root)
    assert "its URL /de/wetter/ is now /de/neuigkeiten/" in output
    assert front_matter(german(root, "a").read_text(encoding="utf-8"))["aliases"] == [
        "/de/wetter-neuigkeiten/", "/de/wetter/"]
    public = build(root)
    assert "Die erste Nachricht" in (public / "de" / "neuigkeiten" / "index.html").read_text(encoding="utf-8")
    for old in ("de/wetter-neuigkeiten", "de/wetter"):
        assert redirects_to(public, old, "https://example.org/blog/de/neuigkeiten/")


def test_the_alias_keeps_the_hand_edit_protection(tmp_path: Path) -> None:
    root = site(tmp_path, {"a.md": POST.format(extra="")})
    fill(root, "a", POST_DE)
    merged(root)
    fill(root, "a", POST_DE | {("slug", "a"): "wetter"})
    merged(root)
    path = german(root, "a")
    path.write_text(path.read_text(encoding="utf-8").replace("/de/neuigkeiten/", "/de/anders/"), encoding="utf-8")
    result = run(root, "merge")
    assert result.exit_code == 1
    assert "content/de/a.md: changed by hand since merge wrote it" in result.output


# ---------------------------------------------------------------------------------------
# A new Dutch slug: the translator's German slug goes fuzzy, the German slug falls back


@needs_hugo
def test_a_new_dutch_slug_keeps_the_german_url_reachable(tmp_path: Path) -> None:
    root = site(tmp_path, {"a.md": POST.format(extra="slug: oud\n")})
    fill(root, "a", POST_DE | {("slug", "oud"): "alt"})
    merged(root)
    (root / "content" / "nl" / "a.md").write_text(POST.format(extra="slug: nieuw\n"), encoding="utf-8")
    assert run(root, "extract").exit_code == 0
    output = merged(root)
    assert "moved content/de/a.md: its URL /de/alt/ is now /de/neuigkeiten/" in output
    public = build(root)
    assert redirects_to(public, "de/alt", "https://example.org/blog/de/neuigkeiten/")


# ---------------------------------------------------------------------------------------
# A move: the German post was moved along with its Dutch post (pipeline mv, extract)


def _moved(root: Path, record_url: bool) -> str:
    fill(root, "a", POST_DE)
    merged(root)
    if not record_url:
        without_record_url(german(root, "a"))
    for old, new in [
        (root / "content" / "nl" / "a.md", root / "content" / "nl" / "2023" / "a.md"),
        (root / "content" / "de" / "a.md", root / "content" / "de" / "2023" / "a.md"),
        (po_path(root, "a"), po_path(root, "2023/a")),
        (root / "locale" / "templates" / "a.pot", root / "locale" / "templates" / "2023" / "a.pot"),
    ]:
        new.parent.mkdir(parents=True, exist_ok=True)
        old.rename(new)
    assert run(root, "extract").exit_code == 0
    return merged(root)


@needs_hugo
@pytest.mark.parametrize("record_url", [True, False], ids=["record", "record-without-url"])
def test_a_moved_post_keeps_its_old_german_url(tmp_path: Path, record_url: bool) -> None:
    root = site(tmp_path, {"a.md": POST.format(extra="")})
    output = _moved(root, record_url)
    assert "moved content/de/2023/a.md: its URL /de/neuigkeiten/ is now /de/2023/neuigkeiten/" in output
    assert front_matter(german(root, "2023/a").read_text(encoding="utf-8"))["aliases"] == ["/de/neuigkeiten/"]
    public = build(root)
    assert redirects_to(public, "de/neuigkeiten", "https://example.org/blog/de/2023/neuigkeiten/")


def test_a_post_written_before_the_record_kept_its_url_is_not_called_moved(tmp_path: Path) -> None:
    root = site(tmp_path, {"a.md": POST.format(extra="")})
    fill(root, "a", POST_DE)
    merged(root)
    written = german(root, "a").read_bytes()
    without_record_url(german(root, "a"))
    output = merged(root)  # written once more, with the URL in its record
    assert "moved" not in output
    assert german(root, "a").read_bytes() == written
    fill(root, "a", POST_DE | {("slug", "a"): "wetter"})
    without_record_url(german(root, "a"))
    assert "its URL /de/neuigkeiten/ is now /de/wetter/" in merged(root)


# ---------------------------------------------------------------------------------------
# The site's permalinks change


@needs_hugo
def test_new_permalinks_keep_the_old_german_urls(tmp_path: Path) -> None:
    root = site(tmp_path, {"blog/a.md": POST.format(extra="")})
    fill(root, "blog/a", POST_DE)
    merged(root)
    (root / "hugo.toml").write_text(HUGO.format(extra='[permalinks]\nblog = "/:year/:slug/"\n'), encoding="utf-8")
    checked = run(root, "check")
    assert checked.exit_code == 1
    assert ("content/de/blog/a.md\n  1: error: stale: its URL /de/blog/neuigkeiten/ becomes "
            "/de/2024/neuigkeiten/ (its folder or the site's Hugo configuration changed): run "
            "`pipeline merge`, which keeps /de/blog/neuigkeiten/ in its aliases (a redirect) "
            "[post-stale]") in checked.output
    output = merged(root)
    assert run(root, "check").exit_code == 0
    assert "moved content/de/blog/a.md: its URL /de/blog/neuigkeiten/ is now /de/2024/neuigkeiten/" in output
    public = build(root)
    assert redirects_to(public, "de/blog/neuigkeiten", "https://example.org/blog/de/2024/neuigkeiten/")


# ---------------------------------------------------------------------------------------
# The Dutch post's aliases are Dutch URLs: never the German page's


@needs_hugo
def test_the_dutch_aliases_stay_the_dutch_pages(tmp_path: Path) -> None:
    root = site(tmp_path, {"a.md": POST.format(extra="aliases: [/oud-nieuws/]\n")})
    fill(root, "a", POST_DE)
    merged(root)
    fill(root, "a", POST_DE | {("slug", "a"): "wetter"})
    merged(root)
    assert front_matter(german(root, "a").read_text(encoding="utf-8"))["aliases"] == ["/de/neuigkeiten/"]
    public = build(root)
    assert redirects_to(public, "oud-nieuws", "https://example.org/blog/a/")
    assert redirects_to(public, "de/neuigkeiten", "https://example.org/blog/de/wetter/")


# ---------------------------------------------------------------------------------------
# A German URL that is another page's: an alias, a list page Hugo makes


B_POST = "---\ntitle: Het nieuws\ndate: 2024-01-02T10:00:00+01:00\nlang: nl\n---\n\nHet tweede bericht over de zon.\n"
B_DE = {"Het nieuws": "Neuigkeiten", "Het tweede bericht over de zon.": "Die zweite Nachricht über die Sonne."}


def slug_entry_line(root: Path, post_id: str) -> int:
    from pipeline.po import parse_catalog

    path = po_path(root, post_id)
    return next(m.lineno for m in parse_catalog(str(path), path.read_bytes()).messages if m.msgctxt == "slug")


@needs_hugo
def test_a_url_that_is_another_pages_alias_is_refused_and_reported(tmp_path: Path) -> None:
    root = site(tmp_path, {"a.md": POST.format(extra=""), "b.md": B_POST})
    fill(root, "a", POST_DE)
    merged(root)
    fill(root, "a", POST_DE | {("slug", "a"): "wetter"})
    merged(root)  # a's old URL /de/neuigkeiten/ redirects to /de/wetter/
    fill(root, "b", B_DE)  # b's German title makes the slug neuigkeiten
    said = (f"locale/de/LC_MESSAGES/b.po:{slug_entry_line(root, 'b')}: German URL /blog/de/neuigkeiten/ of "
            "content/nl/b.md is an alias of content/de/a.md, the page of content/nl/a.md (an old URL of that "
            "page, which redirects to it): give content/nl/b.md its own German slug (translate the msgctxt "
            "\"slug\" entry), then run `pipeline merge`")
    checked = run(root, "check")
    assert checked.exit_code == 1
    assert said.split(": ", 1)[1] + " [url-clash]" in checked.output
    refused = run(root, "merge")
    assert refused.exit_code == 1
    assert f"error: {said}" in refused.output
    assert not german(root, "b").exists()
    fill(root, "b", B_DE | {("slug", "b"): "sonne"})
    merged(root)
    assert run(root, "check").exit_code == 0
    public = build(root)
    assert redirects_to(public, "de/neuigkeiten", "https://example.org/blog/de/wetter/")
    assert "Die zweite Nachricht" in (public / "de" / "sonne" / "index.html").read_text(encoding="utf-8")


@needs_hugo
def test_a_url_another_post_takes_in_the_same_merge_gets_no_alias(tmp_path: Path) -> None:
    root = site(tmp_path, {"a.md": POST.format(extra=""), "b.md": B_POST})
    fill(root, "a", POST_DE)
    fill(root, "b", B_DE | {("slug", "b"): "sonne"})
    merged(root)
    # a gives its slug up, b takes it: one merge
    fill(root, "a", POST_DE | {("slug", "a"): "wetter"})
    fill(root, "b", B_DE)
    output = merged(root)
    assert ("moved content/de/a.md: its URL /de/neuigkeiten/ is now /de/wetter/; the old URL is "
            "now the page of content/de/b.md") in output
    assert "aliases" not in front_matter(german(root, "a").read_text(encoding="utf-8"))
    assert run(root, "check").exit_code == 0
    public = build(root)
    assert "Die zweite Nachricht" in (public / "de" / "neuigkeiten" / "index.html").read_text(encoding="utf-8")
    assert redirects_to(public, "de/sonne", "https://example.org/blog/de/neuigkeiten/")


@needs_hugo
def test_a_url_that_is_the_list_page_hugo_makes_for_a_folder_is_refused(tmp_path: Path) -> None:
    root = site(tmp_path, {"news/a.md": POST.format(extra=""), "blog/b.md": B_POST},
                extra='[permalinks]\nnews = "/:slug/"\n')
    fill(root, "blog/b", B_DE)
    fill(root, "news/a", POST_DE | {("slug", "a"): "blog"})  # /de/blog/: the list page of content/de/blog/
    said = (f"locale/de/LC_MESSAGES/news/a.po:{slug_entry_line(root, 'news/a')}: German URL /blog/de/blog/ of "
            "content/nl/news/a.md (after the site's permalinks) is also the URL of content/de/blog/ (the list "
            "page Hugo makes for that folder): give content/nl/news/a.md its own German slug (translate the "
            "msgctxt \"slug\" entry), then run `pipeline merge`")
    checked = run(root, "check")
    assert checked.exit_code == 1 and said.split(": ", 1)[1] in checked.output
    refused = run(root, "merge")
    assert refused.exit_code == 1 and f"error: {said}" in refused.output
    assert not german(root, "news/a").exists()
    fill(root, "news/a", POST_DE | {("slug", "a"): "wetter"})
    merged(root)
    public = build(root)
    assert "Die erste Nachricht" in (public / "de" / "wetter" / "index.html").read_text(encoding="utf-8")
    assert "Die zweite Nachricht" in (public / "de" / "blog" / "neuigkeiten" / "index.html").read_text(encoding="utf-8")


@needs_hugo
def test_a_published_page_whose_url_new_permalinks_make_a_list_pages_is_reported(tmp_path: Path) -> None:
    root = site(tmp_path, {"news/a.md": POST.format(extra=""), "blog/b.md": B_POST})
    fill(root, "blog/b", B_DE)
    fill(root, "news/a", POST_DE | {("slug", "a"): "blog"})
    merged(root)  # /de/news/blog/: no clash yet
    (root / "hugo.toml").write_text(HUGO.format(extra='[permalinks]\nnews = "/:slug/"\n'), encoding="utf-8")
    # Hugo publishes one of the two at /de/blog/ (which one varies from build to build)
    page = (build(root) / "de" / "blog" / "index.html").read_text(encoding="utf-8")
    shows_post = "Die erste Nachricht" in page
    shows_list = 'href="/blog/de/blog/neuigkeiten/"' in page
    assert shows_post != shows_list, page
    said = ("German URL /blog/de/blog/ of content/nl/news/a.md (after the site's permalinks) is also the URL of "
            "content/de/blog/ (the list page Hugo makes for that folder)")
    checked = run(root, "check")
    assert checked.exit_code == 1 and said in checked.output
    refused = run(root, "merge")
    assert refused.exit_code == 1 and said in refused.output


def test_a_new_base_url_path_is_no_move(tmp_path: Path) -> None:
    """The site served under another path (baseURL): the pages stay where they are under
    public/, and an alias there would be the page itself."""
    root = site(tmp_path, {"a.md": POST.format(extra="")})
    fill(root, "a", POST_DE)
    merged(root)
    hugo = root / "hugo.toml"
    hugo.write_text(hugo.read_text(encoding="utf-8").replace("example.org/blog/", "example.org/"), encoding="utf-8")
    assert "stale" not in run(root, "check").output
    output = merged(root)
    assert "moved" not in output
    text = german(root, "a").read_text(encoding="utf-8")
    assert "aliases" not in front_matter(text) and '  url: "/de/neuigkeiten/"' in text
