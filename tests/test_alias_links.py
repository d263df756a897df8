"""A page's ``aliases`` are pages too: Hugo publishes a redirect to the page at each (an
absolute alias as written, a relative one against the folder of the page's URL). A link to
one resolves to the aliased page (``LinkTarget.alias``), merge writes it as the German page's
URL, and check's link check calls it working; a German post on disk that still links
through an alias (a partial merge after a page moved) is named at the link's line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from site_crawl import Crawl
from support import invoke
from test_link_check import link_problems, retranslate
from test_link_forms import REPO, SITE_GERMAN, _hugo, _site, needs_hugo

from support import LANGUAGES_TOML
from pipeline.config import load_config
from pipeline.linkmap import LinkMap
from pipeline.site import Site, Summary, german_aliases

HUGO_TOML = """\
baseURL = "https://example.org/blog/"
defaultContentLanguage = "nl"
""" + LANGUAGES_TOML


def alias_map(root: Path, german: dict[str, tuple[str, ...]] | None = None) -> LinkMap:
    """Three posts: kaart with a Dutch absolute and a relative alias, 2023/api with a
    relative one (its URL's folder is /blog/2023/), leeg (no German page)."""
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    (root / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    summaries = [
        Summary("2023/api", "api", "api-de", address={}, anchors={"hoe-het-werkt": "wie-es-geht"},
                dutch_anchors=["hoe-het-werkt"], aliases=["oud/"]),
        Summary("kaart", "kaart", "karte", address={}, aliases=["/oude-kaart/", "plattegrond"]),
        Summary("leeg", "leeg", "leer", address={}, aliases=["/leeg-oud/"]),
    ]
    site = Site.load(load_config(root))
    return LinkMap(site, "de", summaries, {"2023/api", "kaart"}, german_aliases=german)


def test_a_link_to_a_dutch_alias_resolves_to_its_page(tmp_path: Path) -> None:
    links = alias_map(tmp_path)
    for url, post_id in [
        ("/oude-kaart/", "kaart"), ("/blog/oude-kaart/", "kaart"), ("https://example.org/blog/oude-kaart/", "kaart"),
        ("/oude-kaart", "kaart"), ("/plattegrond/", "kaart"),  # relative: against the folder of /blog/kaart/
        ("/2023/oud/", "2023/api"), ("../oud/#hoe-het-werkt", "2023/api"),  # relative to /blog/2023/api/
    ]:
        found = links.resolve("2023/api", "nl", url)
        assert (found.kind, found.post_id, found.language, found.alias) == ("page", post_id, "nl", True), url
        assert links.exists(found)
    # the page's own URL is no alias; a relative alias is not at the top
    assert links.resolve("2023/api", "nl", "/kaart/").alias is False
    assert links.resolve("2023/api", "nl", "/oud/").kind == "unknown"


def test_a_dutch_link_to_an_alias_is_written_as_the_german_page_s_url(tmp_path: Path) -> None:
    links = alias_map(tmp_path)
    warnings: list[str] = []
    assert links.rewrite("2023/api", "/oude-kaart/", warnings, "x") == "/blog/de/karte/"
    assert links.rewrite("2023/api", "https://example.org/blog/oude-kaart/", warnings, "x") == (
        "https://example.org/blog/de/karte/")
    assert links.rewrite("kaart", "/2023/oud/#hoe-het-werkt", warnings, "x") == "/blog/de/2023/api-de/#wie-es-geht"
    assert warnings == []
    # no German page: it stays (its redirect leads to the Dutch page), and merge says so
    assert links.rewrite("kaart", "/leeg-oud/", warnings, "x") == "/leeg-oud/"
    assert len(warnings) == 1 and "no de page" in warnings[0]


def test_a_german_page_s_aliases_and_the_url_merge_published_it_at_lead_to_it(tmp_path: Path) -> None:
    # on disk: kaart's German page has the alias kurz/ (relative: /de/kurz/) and its record
    # keeps /de/alte-karte/, where merge published it (merge now adds that to its aliases)
    links = alias_map(tmp_path, german_aliases({"kaart": ("kurz/",)}, {"kaart": "/de/alte-karte/"}))
    for url in ("/blog/de/alte-karte/", "/de/alte-karte/", "/blog/de/kurz/"):
        found = links.resolve("kaart", "de", url)
        assert (found.kind, found.post_id, found.language, found.alias) == ("page", "kaart", "de", True), url
    # a link to it in a translation is written as the page's URL, its anchor left as written
    assert links.rewrite("2023/api", "/de/alte-karte/#oben", [], "x") == "/blog/de/karte/#oben"
    # at the page's own URL, the published URL is no alias
    (tmp_path / "same").mkdir()
    same = alias_map(tmp_path / "same", german_aliases({}, {"kaart": "/de/karte/"}))
    assert same.resolve("kaart", "de", "/de/karte/").alias is False


ALIASED = {
    "kaart.md": "---\ntitle: Kaart\naliases: [/oude-kaart/, plattegrond/]\n---\n\nEen kaart.\n",
    "2023/api.md": "---\ntitle: De API\naliases: [oud/]\n---\n\n## Hoe het werkt\n\nTekst.\n",
}


@needs_hugo
def test_links_to_dutch_aliases_lead_to_the_german_pages_as_hugo_builds_them(tmp_path: Path) -> None:
    root = _site(tmp_path)
    for name, text in ALIASED.items():
        (root / "content" / "nl" / name).write_text(text, encoding="utf-8")
    gids = root / "content" / "nl" / "gids" / "index.md"
    gids.write_text(gids.read_text(encoding="utf-8") + "\nOud: [a](/oude-kaart/), [b](../plattegrond/), "
                    "[c](https://example.org/2023/oud/#hoe-het-werkt).\n", encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    for post_id in ("kaart", "2023/api", "gids"):
        retranslate(root, post_id, lambda ctx, msgid: "" if ctx == "slug" else {
            "De API": "Die API", "Hoe het werkt": "Wie es geht", "De gids": "Der Leitfaden", "Kaart": "Karte",
        }.get(msgid, msgid))
    # check: a Dutch link to an alias works (Hugo's redirect); nothing to say of it
    assert link_problems(root) == []
    merged = invoke("-C", str(root), "merge")
    assert merged.exit_code == 0 and "oude-kaart" not in merged.output, merged.output
    german = (root / "content" / "de" / "gids" / "index.md").read_text(encoding="utf-8")
    assert ("Oud: [a](/de/karte/), [b](/de/karte/), [c](https://example.org/de/2023/die-api/#wie-es-geht)."
            in german), german
    assert link_problems(root) == []
    done = _hugo(root)
    assert done.returncode == 0, done.stderr
    crawl = Crawl.of(root / "public", "https://example.org/")
    # the Dutch aliases are Hugo's redirects, at the URLs the resolver gives them
    assert {path: crawl.pages[path].redirect for path in ("/oude-kaart/", "/plattegrond/", "/2023/oud/")} == {
        "/oude-kaart/": "/kaart/", "/plattegrond/": "/kaart/", "/2023/oud/": "/2023/api/"}
    assert crawl.broken_links("de") == {}
    dutch = {link.href: crawl.landing(link).path for link in crawl.pages["/gids/"].links
             if link.href.startswith(("/oude", "../platte", "https://example.org/2023/oud"))}
    assert dutch == {"/oude-kaart/": "/kaart/", "../plattegrond/": "/kaart/",
                     "https://example.org/2023/oud/#hoe-het-werkt": "/2023/api/"}
    # the German links lead to the German pages themselves, through no redirect
    landed = {link.href: crawl.page_at(link.target).path for link in crawl.pages["/de/der-leitfaden/"].links
              if link.target is not None and crawl.page_at(link.target) is not None}
    assert landed["/de/karte/"] == "/de/karte/" and crawl.pages["/de/karte/"].redirect is None


@needs_hugo
def test_a_link_in_a_translation_to_a_german_page_s_old_url_is_written_as_its_url(tmp_path: Path) -> None:
    root = _site(tmp_path)
    assert invoke("-C", str(root), "merge").exit_code == 0
    # kaart's German page moves to /de/landkarte/ (merge keeps /de/karte/ as its alias); the
    # translator of gids writes the German URL they know
    retranslate(root, "kaart", lambda ctx, msgid: "landkarte" if ctx == "slug" else {"Kaart": "Karte"}.get(msgid, msgid))
    assert invoke("-C", str(root), "merge").exit_code == 0
    def gids(ctx: str | None, msgid: str) -> str:
        if ctx == "slug":
            return ""
        return SITE_GERMAN.get(msgid, msgid).replace("(../../kaart/)", "(/de/karte/)")

    retranslate(root, "gids", gids)
    catalog = (root / "locale" / "de" / "LC_MESSAGES" / "gids.po").read_text(encoding="utf-8")
    assert "[de kaart](/de/karte/)" in catalog
    merged = invoke("-C", str(root), "merge")
    assert merged.exit_code == 0, merged.output
    german = (root / "content" / "de" / "gids" / "index.md").read_text(encoding="utf-8")
    assert "(/de/karte/)" not in german and "[de kaart](/de/landkarte/)" in german, german
    assert link_problems(root) == []


@needs_hugo
def test_check_reports_an_alias_at_another_page_s_url_in_either_language(tmp_path: Path) -> None:
    root = _site(tmp_path)
    assert invoke("-C", str(root), "merge").exit_code == 0
    # a Dutch alias at the German page of 2023/api; a German alias (edited in) at the Dutch page of gids
    kaart = root / "content" / "nl" / "kaart.md"
    kaart.write_text("---\ntitle: Kaart\naliases:\n  - /oud/\n  - /de/2023/die-api/\n---\n\nEen kaart.\n",
                     encoding="utf-8")
    german = root / "content" / "de" / "leeg.md"
    german.write_text("---\ntitle: Leer\naliases: [/gids/]\n---\n\nLeer.\n", encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    result = invoke("-C", str(root), "check", "--format", "json")
    clashes = [(p["file"], p["line"], p["message"]) for p in json.loads(result.output)["problems"]
               if p["code"] == "url-clash"]
    assert clashes == [
        ("content/de/leeg.md", 3, ("alias /gids/ of this page is at /gids/, where the Dutch page "
                                   "content/nl/gids/index.md (or an alias of it) is: Hugo publishes one of them "
                                   "there: remove it from the post's aliases (merge keeps those a German post has)")),
        ("content/nl/kaart.md", 5, ("alias /de/2023/die-api/ of this page is at /de/2023/die-api/, where the German "
                                    "page content/de/2023/api.md (or an alias of it) is: Hugo publishes one of them "
                                    "there: remove it from the post's aliases")),
    ], clashes
    # Hugo 0.111 publishes one of the two at each URL, silently: at /gids/ the German
    # redirect (the Dutch page is gone), at /de/2023/die-api/ the page (the Dutch alias is lost)
    done = _hugo(root)
    assert done.returncode == 0, done.stderr
    crawl = Crawl.of(root / "public", "https://example.org/")
    assert {path: crawl.pages[path].redirect for path in ("/gids/", "/de/2023/die-api/")} == {
        "/gids/": "/de/leeg/", "/de/2023/die-api/": None}
    # the advice works
    kaart.write_text(kaart.read_text(encoding="utf-8").replace("  - /de/2023/die-api/\n", ""), encoding="utf-8")
    german.write_text(german.read_text(encoding="utf-8").replace("aliases: [/gids/]\n", ""), encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    result = invoke("-C", str(root), "check", "--format", "json")
    assert [p for p in json.loads(result.output)["problems"] if p["code"] == "url-clash"] == []


def test_a_german_post_edited_by_hand_that_links_through_an_alias_is_named_with_its_own_advice(tmp_path: Path) -> None:
    root = _site(tmp_path)
    assert invoke("-C", str(root), "merge").exit_code == 0
    retranslate(root, "kaart", lambda ctx, msgid: "landkarte" if ctx == "slug" else {"Kaart": "Karte"}.get(msgid, msgid))
    assert invoke("-C", str(root), "merge").exit_code == 0
    assert link_problems(root) == []
    german = root / "content" / "de" / "gids" / "index.md"
    german.write_text(german.read_text(encoding="utf-8").replace("(/de/landkarte/)", "(/de/karte/)"),
                      encoding="utf-8")
    found = link_problems(root)
    assert [(f, sev, code) for f, _, sev, code, _ in found] == [("content/de/gids/index.md", "warning", "link-alias")]
    assert found[0][4].endswith("its URL is /de/landkarte/: fix the link in the post (edited by hand: merge "
                                "leaves it as it is)"), found[0][4]
