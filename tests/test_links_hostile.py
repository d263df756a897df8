"""Links as real Hugo sites and editors write them, against merge and check's link check:
each case through the real command line on a copy of the sectioned test site
(``tests/fixtures/sites/sectioned/``, served under ``/kennis/``), built by the real Hugo 0.111
and crawled (``site_crawl.py``) where the question is whether the page is there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from merge_support import fill_catalog
from sectioned_site import BASE_URL, copy_site, hugo, run_cli, run_pipeline, translate
from site_crawl import Crawl
from support import cpu_seconds

needs_hugo = pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")


def _site(root: Path, posts: dict[str, str]) -> Path:
    """The sectioned site with ``posts`` added to content/nl/, extracted, every catalog
    (pseudo-)translated."""
    copy_site(root)
    for name, text in posts.items():
        path = root / "content" / "nl" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    done = run_cli(root, "extract")
    assert done.returncode == 0, done.stdout + done.stderr
    for po in sorted((root / "locale" / "de" / "LC_MESSAGES").rglob("*.po")):
        fill_catalog(po, translate)
    return root


def _post(title: str, body: str, matter: str = "") -> str:
    return f"---\ntitle: {title}\nlang: nl\ndate: 2023-02-01\n{matter}---\n\n{body}\n"


def _broken(root: Path, language: str) -> dict[str, list[str]]:
    built = hugo(root)
    assert built.returncode == 0, built.stderr
    return Crawl.of(root / "public", BASE_URL).broken_links(language)


# ---------------------------------------------------------------------------------------
# Pages Hugo does not build: drafts, future and expired posts


@needs_hugo
def test_a_link_to_a_draft_or_a_future_or_expired_post_is_broken_and_check_says_so(tmp_path: Path) -> None:
    root = _site(tmp_path / "site", {
        "wijzer.md": _post("Wijzer", "Zie [concept](/kennis/concept/), [later](/kennis/later/), "
                                     "[verlopen](/kennis/verlopen/) en [over](/kennis/over/)."),
        "concept.md": _post("Concept", "Nog niet af.", "draft: true\n"),
        "later.md": _post("Later", "Volgt.", "publishDate: 2999-01-01\n"),
        "verlopen.md": _post("Verlopen", "Weg.", "expiryDate: 2001-01-01\n"),
    })
    merged = run_cli(root, "merge")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    broken = _broken(root, "nl")
    # Hugo builds none of the three: the Dutch links lead nowhere
    assert sorted(broken["/wijzer/"]) == sorted(
        f"/kennis/{name}/: no such page or file" for name in ("concept", "later", "verlopen"))
    checked = run_cli(root, "check")
    assert checked.returncode == 1
    said = [line for line in checked.stdout.splitlines() if "[link-broken]" in line]
    for name, why in (("concept", "a draft"), ("later", "publishDate"), ("verlopen", "expiryDate")):
        assert any(f"/kennis/{name}/" in line and why in line and line.strip().startswith("7: error")
                   for line in said), (name, checked.stdout)
    assert not any("/kennis/over/" in line for line in said)
    # merge does not send the German page to a German copy Hugo does not build either
    assert "/kennis/de/concept" not in (root / "content" / "de" / "wijzer.md").read_text(encoding="utf-8")
    assert "concept" in merged.stderr and "draft" in merged.stderr


# ---------------------------------------------------------------------------------------
# Forms that lead to a page


def _wrong_german_links(root: Path) -> list[str]:
    """The links of German pages that lead nowhere, or to a Dutch page that has a German one."""
    built = hugo(root)
    assert built.returncode == 0, built.stderr
    crawl = Crawl.of(root / "public", BASE_URL)
    wrong = [f"{page}: {why}" for page, whys in crawl.broken_links("de").items() for why in whys]
    for link in crawl.links("de", content_only=True):
        other = crawl.other_language(link)
        if other is not None:
            wrong.append(f"{link.page}: {link.href} leads to the Dutch page though {other} exists")
    return wrong


@needs_hugo
def test_an_autolink_and_an_index_html_link_lead_to_the_german_page(tmp_path: Path) -> None:
    root = _site(tmp_path / "site", {
        "wijzer.md": _post("Wijzer", "Zie <https://example.org/kennis/over/> en [over](/kennis/over/index.html) "
                                     "en [blog](https://example.org/kennis/blog/index.html) en "
                                     "<https://elders.example/x/> en <mailto:a@b.nl>."),
    })
    merged = run_cli(root, "merge")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "wijzer.md" not in merged.stderr, merged.stderr
    german = (root / "content" / "de" / "wijzer.md").read_text(encoding="utf-8")
    assert "<https://example.org/kennis/over/>" not in german
    assert "<https://elders.example/x/>" in german and "<mailto:a@b.nl>" in german
    assert _wrong_german_links(root) == []
    checked = run_cli(root, "check")
    assert "wijzer.md" not in checked.stdout, checked.stdout
    assert checked.returncode == 0, checked.stdout


def test_check_sees_an_autolink_with_the_site_s_host_that_leads_nowhere(tmp_path: Path) -> None:
    root = _site(tmp_path / "site", {
        "wijzer.md": _post("Wijzer", "Zie <https://example.org/kennis/nergens/> en `<https://example.org/kennis/code/>`."),
    })
    checked = run_cli(root, "check")
    assert checked.returncode == 1
    said = [line for line in checked.stdout.splitlines() if "[link-broken]" in line]
    assert len(said) == 1 and "7: error: link to https://example.org/kennis/nergens/ leads to no page" in said[0], said


# ---------------------------------------------------------------------------------------
# Sections


@needs_hugo
def test_a_link_to_the_folder_of_a_section_with_its_own_url_is_broken(tmp_path: Path) -> None:
    """Hugo publishes a section's list page with ``url: /eigen/`` at /eigen/ alone: nothing is
    at its folder's URL (the list page Hugo makes for a folder is for one without _index.md)."""
    root = _site(tmp_path / "site", {
        "sectie/_index.md": _post("Sectie", "De sectie.", "url: /eigen/\n"),
        "sectie/ding.md": _post("Ding", "Terug naar [de sectie](../), [eigen](/kennis/eigen/) en [map](/kennis/sectie/)."),
    })
    run_cli(root, "merge")
    assert sorted(_broken(root, "nl")["/sectie/ding/"]) == ["../: no such page or file",
                                                            "/kennis/sectie/: no such page or file"]
    checked = run_cli(root, "check")
    said = [line.strip() for line in checked.stdout.splitlines() if "[link-broken]" in line]
    assert said == [
        "7: error: link to ../ leads to no page or file of the site: fix the link [link-broken]",
        "7: error: link to /kennis/sectie/ leads to no page or file of the site: fix the link [link-broken]",
    ], checked.stdout


@needs_hugo
def test_a_link_to_a_headless_bundle_or_a_page_not_rendered_is_broken(tmp_path: Path) -> None:
    root = _site(tmp_path / "site", {
        "kaart/index.md": _post("Kaart", "Kaart.", "headless: true\n"),
        "los.md": _post("Los", "Los.", "_build:\n  render: never\n"),
        "wijzer.md": _post("Wijzer", "Zie [k](/kennis/kaart/) en [l](/kennis/los/)."),
    })
    merged = run_cli(root, "merge")
    assert "/kennis/de/" not in (root / "content" / "de" / "wijzer.md").read_text(encoding="utf-8")
    assert "headless" in merged.stderr
    assert sorted(_broken(root, "nl")["/wijzer/"]) == ["/kennis/kaart/: no such page or file",
                                                        "/kennis/los/: no such page or file"]
    checked = run_cli(root, "check")
    said = [line.strip() for line in checked.stdout.splitlines() if "[link-broken]" in line]
    assert said == [
        "7: error: link to /kennis/kaart/ leads to no page: Hugo does not build content/nl/kaart/index.md, "
        "a headless bundle (headless: true): fix the link, or publish that post [link-broken]",
        "7: error: link to /kennis/los/ leads to no page: Hugo does not build content/nl/los.md, "
        "its _build says render: never: fix the link, or publish that post [link-broken]",
    ], checked.stdout


def test_a_dutch_link_to_a_german_page_under_the_base_path_is_no_warning(tmp_path: Path) -> None:
    root = _site(tmp_path / "site", {
        "wijzer.md": _post("Wijzer", "Zie [Duits](/kennis/de/) en [Duits](https://example.org/kennis/de/blog/nutzer-finden/)."),
    })
    merged = run_cli(root, "merge")
    assert merged.returncode == 0 and "wijzer.md" not in merged.stderr, merged.stderr
    german = (root / "content" / "de" / "wijzer.md").read_text(encoding="utf-8")
    assert "(/kennis/de/)" in german and "(https://example.org/kennis/de/blog/nutzer-finden/)" in german


# ---------------------------------------------------------------------------------------
# Speed: check's report cache


def test_check_s_cache_is_the_same_in_every_process_with_disable_kinds(tmp_path: Path) -> None:
    """The site's ``disableKinds`` is a set: check's fingerprint, made of the Hugo settings,
    must not follow the process's hash seed (else every check starts from nothing: 2.1 s
    instead of 0.25 s for 500 posts with nothing changed)."""
    import os
    import subprocess
    import sys

    root = _site(tmp_path / "site", {})
    (root / "hugo.toml").write_text((root / "hugo.toml").read_text(encoding="utf-8").replace(
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]',
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "section"]'), encoding="utf-8")
    code = ("from pathlib import Path; from pipeline.config import load_config; from pipeline.site import Site; "
            "from pipeline.runner import check_fingerprint; from pipeline.checkers import Schema; "
            f"config = load_config(Path({str(root)!r})); site = Site.load(config); "
            "print(check_fingerprint(config, site.hugo, Schema.of(config.schema), 100.0, 'static'))")
    printed = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(printed) == 1
    run_pipeline(root, "merge")
    first = run_pipeline(root, "check")
    cache = root / ".pipeline-cache"
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    again = run_pipeline(root, "check")
    assert again.stdout == first.stdout
    # nothing to do: the cached report, nothing written to the cache
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()} == before


# ---------------------------------------------------------------------------------------
# Anchors


@needs_hugo
def test_an_anchor_of_a_heading_with_a_link_is_the_id_hugo_gives_the_german_heading(tmp_path: Path) -> None:
    """Hugo's id of ``## Zie [over](/kennis/over/)`` is made of the link's URL too, which merge
    rewrites in the German heading: the anchors that lead to it follow."""
    root = _site(tmp_path / "site", {
        "kop.md": _post("Kop", "## Zie [over](/kennis/over/)\n\nNaar [de kop](#zie-overkennisover) en "
                               "[de andere](/kennis/kop2/#lees-overkennisover).\n\n## Tweede kop\n\nTekst."),
        "kop2.md": _post("Kop2", "## Lees [over](/kennis/over/)\n\nTekst."),
    })
    merged = run_cli(root, "merge")
    assert merged.returncode == 0, merged.stderr
    assert _wrong_german_links(root) == []
    checked = run_cli(root, "check")
    assert "kop" not in checked.stdout.replace("kop2", ""), checked.stdout


# ---------------------------------------------------------------------------------------
# What only looks like a link


@needs_hugo
def test_what_only_looks_like_a_link_is_not_checked_nor_rewritten(tmp_path: Path) -> None:
    """An inline HTML comment and an escaped ``\\[`` make no link in Hugo: check says nothing
    of them, and merge leaves them as they are; the real links beside them are checked."""
    body = ("Tekst <!-- [x](/kennis/nergens1/) <a href=\"/kennis/nergens2/\">y</a> --> en [over](/kennis/over/).\n\n"
            "Escaped \\[niet](/kennis/nergens3/) en [wel \\] ook](/kennis/nergens4/) en `[code](/kennis/nergens5/)`.")
    root = _site(tmp_path / "site", {"wijzer.md": _post("Wijzer", body)})
    merged = run_cli(root, "merge")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    german = (root / "content" / "de" / "wijzer.md").read_text(encoding="utf-8")
    for untouched in ("<!-- [x](/kennis/nergens1/) <a href=\"/kennis/nergens2/\">y</a> -->",
                      "](/kennis/nergens3/)", "`[code](/kennis/nergens5/)`"):
        assert untouched in german
    assert "(/kennis/over/)" not in german
    broken = _broken(root, "nl")["/wijzer/"]
    assert broken == ["/kennis/nergens4/: no such page or file"], broken
    checked = run_cli(root, "check")
    said = [line.strip() for line in checked.stdout.splitlines() if "[link-broken]" in line]
    assert said == ["9: error: link to /kennis/nergens4/ leads to no page or file of the site: fix the link [link-broken]"], said


def test_a_ref_to_a_draft_is_said_to_name_no_page(tmp_path: Path) -> None:
    """Hugo stops its build on a ``ref`` to a draft (no such page): merge says why, and does not
    send the German ref to the Dutch draft as to a page merely not translated; check fails."""
    root = _site(tmp_path / "site", {
        "concept.md": _post("Concept", "Nog niet af.", "draft: true\n"),
        "wijzer.md": _post("Wijzer", 'Zie [concept]({{< ref "concept.md" >}}).'),
    })
    merged = run_cli(root, "merge")
    assert ('content/nl/wijzer.md:7: ref concept.md names no page: Hugo does not build content/nl/concept.md, '
            'a draft (draft: true)') in merged.stderr, merged.stderr
    assert '{{< ref "concept.md" >}}' in (root / "content" / "de" / "wijzer.md").read_text(encoding="utf-8")
    checked = run_cli(root, "check")
    assert checked.returncode == 1
    assert ("7: error: ref concept.md leads to no page: Hugo does not build content/nl/concept.md, a draft "
            "(draft: true): fix the link, or publish that post [link-broken]") in checked.stdout, checked.stdout


@needs_hugo
def test_a_md_link_to_a_post_not_translated_leads_to_the_dutch_page(tmp_path: Path) -> None:
    """A ``.md`` link (relative, or from the content root) to a post whose German page is not
    written: the site's render hook finds no German page for it, so merge writes the Dutch
    page's URL (as for a relative URL) and says so; check has nothing to say of it."""
    root = _site(tmp_path / "site", {
        "wijzer.md": _post("Wijzer", "Zie [a](blog/gebruikers-vinden.md), [b](/blog/gebruikers-vinden.md#het-woord-verspreiden) "
                                     "en [c](../blog/gebruikers-vinden/)."),
    })
    fill_catalog(root / "locale" / "de" / "LC_MESSAGES" / "blog" / "gebruikers-vinden.po", lambda context, msgid: None)
    merged = run_cli(root, "merge")
    assert merged.returncode == 0, merged.stderr
    german = (root / "content" / "de" / "wijzer.md").read_text(encoding="utf-8")
    assert "(/kennis/blog/gebruikers-vinden/)" in german
    assert "(/kennis/blog/gebruikers-vinden/#het-woord-verspreiden)" in german
    assert ("content/nl/wijzer.md:7: link to blog/gebruikers-vinden.md points at the Dutch page "
            "/kennis/blog/gebruikers-vinden/: the de post blog/gebruikers-vinden is not written yet") in merged.stderr
    assert [why for why in _wrong_german_links(root) if "/de/wijzerx/" in why] == []
    checked = run_cli(root, "check")
    assert "[link-broken]" not in checked.stdout, checked.stdout


def test_a_long_paragraph_of_escaped_brackets_is_rewritten_in_linear_time() -> None:

    from pipeline.links import rewrite_destinations

    text = "\\\\ " + "a](/x/) " * 50_000 + "\\[b](/x/) [c](/x/)"
    started = cpu_seconds()
    out = rewrite_destinations(text, lambda url: url + "y")
    assert cpu_seconds() - started < 2
    assert out.endswith("\\[b](/x/) [c](/x/y)") and "a](/x/y)" not in out


@needs_hugo
def test_a_reference_definition_with_its_destination_on_the_next_line_is_rewritten_and_checked(tmp_path: Path) -> None:
    root = _site(tmp_path / "site", {
        "wijzer.md": _post("Wijzer", "Zie [over] en [nergens].\n\n[over]:\n  /kennis/over/\n  \"Over ons\"\n\n"
                                     "[nergens]:\n    /kennis/nergens/"),
    })
    merged = run_cli(root, "merge")
    assert merged.returncode == 0, merged.stderr
    german = (root / "content" / "de" / "wijzer.md").read_text(encoding="utf-8")
    assert "\n  /kennis/de/overx-dezex-gidsx/\n" in german
    wrong = [why for why in _wrong_german_links(root) if "nergens" not in why]
    assert wrong == []
    checked = run_cli(root, "check")
    said = [line.strip() for line in checked.stdout.splitlines() if "[link-broken]" in line]
    assert said == ["14: error: link to /kennis/nergens/ leads to no page or file of the site: fix the link [link-broken]"], said
