"""check's site-wide link check: every internal link of every post, Dutch and German (as
merge will leave it), leads to a page that is there after this merge, and to a heading of it."""

from __future__ import annotations

import json
from pathlib import Path

from merge_support import fill_catalog
from support import invoke
from test_link_forms import _hugo, _site, crawl, needs_hugo


def link_problems(root: Path) -> list[tuple[str, int | None, str, str, str]]:
    result = invoke("-C", str(root), "check", "--format", "json")
    report = json.loads(result.output)
    return [(p["file"], p["line"], p["severity"], p["code"], p["message"])
            for p in report["problems"] if p["code"].startswith("link-")]


def set_slug(root: Path, post_id: str, slug: str) -> None:
    catalog = root / "locale" / "de" / "LC_MESSAGES" / f"{post_id}.po"
    fill_catalog(catalog, lambda ctx, msgid, old=None: slug if ctx == "slug" else None)  # type: ignore[misc]


def retranslate(root: Path, post_id: str, translate) -> None:  # type: ignore[no-untyped-def]
    fill_catalog(root / "locale" / "de" / "LC_MESSAGES" / f"{post_id}.po", translate)


@needs_hugo
def test_a_partial_merge_leaves_a_link_to_the_old_german_url_and_check_names_it(tmp_path: Path) -> None:
    root = _site(tmp_path)
    assert invoke("-C", str(root), "merge").exit_code == 0
    assert link_problems(root) == []
    # kaart's German slug changes; merge of kaart alone: gids' German post still links to /de/karte/
    retranslate(root, "kaart", lambda ctx, msgid: "landkarte" if ctx == "slug" else {"Kaart": "Karte"}.get(msgid, msgid))
    assert invoke("-C", str(root), "merge", "content/nl/kaart.md").exit_code == 0
    done = _hugo(root)
    assert done.returncode == 0, done.stderr
    # merge kept the old URL as kaart's alias: Hugo's redirect there leads to its page, no link is broken
    assert crawl(root / "public", "/de/")[1] == {}
    redirect = (root / "public" / "de" / "karte" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=https://example.org/de/landkarte/"' in redirect
    # but gids' German post is not what merge writes now: check names the links through the alias
    found = link_problems(root)
    assert [(f, line, sev, code) for f, line, sev, code, _ in found] == [
        ("content/de/gids/index.md", 14, "warning", "link-alias"),
        ("content/de/gids/index.md", 21, "warning", "link-alias"),
    ], found
    assert found[0][4] == ("link to /de/karte/ leads to the German page of kaart through an old URL of it (an "
                           "alias, a redirect); its URL is /de/landkarte/: run `pipeline merge`, which writes "
                           "the link anew")
    failed = invoke("-C", str(root), "check", "--format", "github")
    assert failed.exit_code == 1
    assert "::warning file=content/de/gids/index.md,line=14,title=link-alias::" in failed.output, failed.output
    # and the post is stale (an error, at its line 1, as for any page it links to that moved)
    assert "file=content/de/gids/index.md,line=1,title=post-stale::" in failed.output, failed.output
    # the advice works: the link goes to the page's URL
    assert invoke("-C", str(root), "merge").exit_code == 0
    assert link_problems(root) == []
    assert "/de/landkarte/" in (root / "content" / "de" / "gids" / "index.md").read_text(encoding="utf-8")
    assert _hugo(root).returncode == 0
    assert crawl(root / "public", "/de/")[1] == {}


def test_a_german_link_to_a_german_page_that_will_not_be_there(tmp_path: Path) -> None:
    root = _site(tmp_path)
    assert invoke("-C", str(root), "merge").exit_code == 0
    # the German post of kaart goes (deleted, and its catalog below the threshold): gids'
    # German post, written when it was there, links to it
    (root / "content" / "de" / "kaart.md").unlink()
    retranslate(root, "kaart", lambda ctx, msgid: "Karte" if msgid == "Kaart" else None)
    found = link_problems(root)
    assert [(f, line, code) for f, line, _, code, _ in found] == [
        ("content/de/gids/index.md", 14, "link-broken"), ("content/de/gids/index.md", 21, "link-broken"),
    ], found
    assert "leads to the German page of kaart, which will not be there" in found[0][4]
    assert invoke("-C", str(root), "merge").exit_code == 0  # it links to the Dutch page now
    assert link_problems(root) == []


def test_a_dutch_link_to_no_page_in_every_form(tmp_path: Path) -> None:
    root = _site(tmp_path)
    post = root / "content" / "nl" / "kaart.md"
    post.write_text(
        "---\ntitle: Kaart\n---\n\nEen kaart.\n\n"
        "[a](/weg/) [b](../weg/) [c](weg.md) [d]({{< ref \"weg.md\" >}}) [e](/de/leer/)\n\n"
        '<a href="/2023/weg/">f</a>\n\n'
        "[g](/2023/api/#hoe-het-werkt) [h](/2023/api/#geen-kop) [i](#nergens) [j](/img/weg.png)\n\n"
        "[k]: /ook-weg/\n",
        encoding="utf-8",
    )
    assert invoke("-C", str(root), "extract").exit_code == 0
    found = [(f, line, sev, code, message.split(" leads")[0].split(":")[0])
             for f, line, sev, code, message in link_problems(root) if f == "content/nl/kaart.md"]
    assert found == [
        ("content/nl/kaart.md", 7, "error", "link-broken", "link to /weg/"),
        ("content/nl/kaart.md", 7, "error", "link-broken", "link to ../weg/"),
        ("content/nl/kaart.md", 7, "error", "link-broken", "link to weg.md"),
        ("content/nl/kaart.md", 7, "error", "link-broken", "link to /de/leer/"),  # leeg: not written
        ("content/nl/kaart.md", 7, "error", "link-broken", "ref weg.md names no post of the site"),
        ("content/nl/kaart.md", 9, "error", "link-broken", "link to /2023/weg/"),
        ("content/nl/kaart.md", 11, "warning", "link-anchor", "link to /2023/api/#geen-kop"),
        ("content/nl/kaart.md", 11, "warning", "link-anchor", "link to #nergens"),
        ("content/nl/kaart.md", 11, "error", "link-broken", "link to /img/weg.png"),
        ("content/nl/kaart.md", 13, "error", "link-broken", "link to /ook-weg/"),
    ], found


def test_a_german_link_to_a_heading_the_german_page_has_not(tmp_path: Path) -> None:
    root = _site(tmp_path)
    assert invoke("-C", str(root), "merge").exit_code == 0
    # api's heading is translated anew; gids' German post is edited by hand, so merge leaves
    # it linking to the old German heading
    retranslate(root, "2023/api", lambda ctx, msgid: "" if ctx == "slug" else
                {"De API": "Die API", "Hoe het werkt": "So geht es"}.get(msgid, msgid))
    german = root / "content" / "de" / "gids" / "index.md"
    german.write_text(german.read_text(encoding="utf-8").replace("Zie [de kaart]", "Siehe [de kaart]"),
                      encoding="utf-8")
    found = [(f, line, sev, code) for f, line, sev, code, _ in link_problems(root)]
    assert ("content/de/gids/index.md", 14, "warning", "link-anchor") in found, found
