"""Issue 16: a source per pair, either side. A post written in German (under content/de/, no
generation record, no Dutch post of its pair) is a source: extracted to a template and a
Dutch catalog, merged into content/nl/, checked, built by Hugo paired with its German page;
the same tests as the Dutch posts (identity byte-exact, pseudo keeps structure, links
between the directions, hand edits, renames, deletes, re-runs that change nothing).

The site: a copy of this repository's (its Dutch post and German translation) with two
German sources: a short German blog post on e-learning (tests/fixtures/german-source/) and a
German Open Source Guides article (tests/fixtures/opensource-guide/de/code-of-conduct.md)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from german_site import cli, copy_repo_site, files, fresh_copy, keep_or_identity
from merge_support import block_structure, body, fill_catalog, pseudo_translate
from site_crawl import Crawl
from support import needs_gettext

from pipeline.api import content_root
from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.site import find_posts, second_sources

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DUTCH_ID = "2017-02-22-workshop-e-learning-toekomst"
BLOG_ID = "2024-03-05-e-learning-im-mittelstand"
GUIDE_ID = "verhaltenskodex"
DUTCH_LINK = "\nLees ook [onze ervaringen met e-learning](/e-learning-im-mittelstand/).\n"

pytestmark = [
    pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo')"),
    needs_gettext,
]


def make_site(root: Path) -> Path:
    copy_repo_site(root)
    shutil.copy(FIXTURES / "german-source" / f"{BLOG_ID}.md", root / "content" / "de" / f"{BLOG_ID}.md")
    guide = (FIXTURES / "opensource-guide" / "de" / "code-of-conduct.md").read_text(encoding="utf-8")
    # (a date, which the article has in its site's data, not its front matter: check wants one)
    (root / "content" / "de" / f"{GUIDE_ID}.md").write_text(
        guide.replace("---\nlang: de\n", "---\nlang: de\ndate: 2024-04-01T10:00:00+02:00\n", 1), encoding="utf-8")
    with open(root / "content" / "nl" / f"{DUTCH_ID}.md", "a", encoding="utf-8") as dutch:
        dutch.write(DUTCH_LINK)  # a Dutch source's link to the Dutch page of a German source
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = make_site(tmp_path_factory.mktemp("german-source") / "site")
    first = cli(root, "extract")
    extracted = files(root)
    again = cli(root, "extract")
    extracted_again = files(root)
    for path in (root / "locale" / "nl" / "LC_MESSAGES").glob("*.po"):
        fill_catalog(path, lambda context, msgid: msgid)
    keep_or_identity(root / "locale" / "de" / "LC_MESSAGES" / f"{DUTCH_ID}.po")
    # the German terms catalog translated too (_terms-de.po): extract records what it gave the posts
    cli(root, "extract")
    merged = cli(root, "merge")
    after_merge = files(root)
    rerun = cli(root, "extract") + cli(root, "merge")
    subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                   check=True, capture_output=True, timeout=120)
    return {"root": root, "first": first, "extracted": extracted, "again": again,
            "extracted_again": extracted_again, "merged": merged, "after_merge": after_merge,
            "rerun": rerun, "after_rerun": files(root)}


def test_extract_writes_a_german_source_s_template_and_dutch_catalog(built: dict[str, object]) -> None:
    root = built["root"]
    assert isinstance(root, Path)
    template = (root / "locale" / "templates" / f"{BLOG_ID}.pot").read_text(encoding="utf-8")
    # the template names its source post, and so its language
    assert template.startswith(f"# Translatable text of content/de/{BLOG_ID}.md.\n"), template[:200]
    assert f"#: content/de/{BLOG_ID}.md:9\n" in template
    assert '"Content-Transfer-Encoding: 8bit\\n"\n"X-Source-Language: de\\n"\n' in template, template[:600]
    assert "X-Source-Language" not in (root / "locale" / "templates" / f"{DUTCH_ID}.pot").read_text(encoding="utf-8")
    catalog = (root / "locale" / "nl" / "LC_MESSAGES" / f"{BLOG_ID}.po").read_text(encoding="utf-8")
    assert catalog.startswith(f"# Dutch translation of content/de/{BLOG_ID}.md.\n"), catalog[:200]
    assert '"Language: nl\\n"' in catalog and '"Language-Team: Dutch\\n"' in catalog
    assert 'msgid "Was gut funktioniert hat"' in catalog
    # no German catalog of a German post; the Dutch post's catalogs as they were
    assert not (root / "locale" / "de" / "LC_MESSAGES" / f"{BLOG_ID}.po").exists()
    assert not (root / "locale" / "de" / "LC_MESSAGES" / f"{GUIDE_ID}.po").exists()
    assert f"created locale/nl/LC_MESSAGES/{GUIDE_ID}.po" in str(built["first"])


def test_extract_twice_is_byte_identical_and_says_so(built: dict[str, object]) -> None:
    assert built["extracted_again"] == built["extracted"]
    assert str(built["again"]) == "extract: 3 posts, 89 units (0 new, 0 fuzzy, 0 obsolete); 0 files written\n"


def test_identity_translation_is_byte_exact_but_for_the_rewritten_link(built: dict[str, object]) -> None:
    root = built["root"]
    assert isinstance(root, Path)
    source = (root / "content" / "de" / f"{BLOG_ID}.md").read_text(encoding="utf-8")
    dutch = (root / "content" / "nl" / f"{BLOG_ID}.md").read_text(encoding="utf-8")
    # the link to the German page of a post written in Dutch: to that post's Dutch page
    assert body(dutch) == body(source).replace("(/de/workshop-e-learning-zukunft/)", "(/workshop-e-learning-toekomst/)")
    assert "(/workshop-e-learning-toekomst/)" in body(dutch)
    front, _, _ = dutch.partition("generated_from:\n")
    assert front == (
        '---\ntitle: "E-Learning im Mittelstand: Erfahrungen aus unserem ersten Jahr"\n'
        "date: 2024-03-05T09:00:00+01:00\ntags: [E-Learning, Weiterbildung]\nauthor: Jonas\nlang: nl\n"
        f"slug: e-learning-im-mittelstand\ntranslationKey: {BLOG_ID}\n")
    assert f'  post: "content/de/{BLOG_ID}.md"\n' in dutch
    # the Open Source Guides article (asides, lists, quotes, links off the site): byte for byte
    guide = (root / "content" / "de" / f"{GUIDE_ID}.md").read_text(encoding="utf-8")
    assert body((root / "content" / "nl" / f"{GUIDE_ID}.md").read_text(encoding="utf-8")) == body(guide)


def test_a_dutch_source_s_link_to_a_german_source_s_dutch_page_leads_to_its_german_page(
        built: dict[str, object]) -> None:
    root = built["root"]
    assert isinstance(root, Path)
    german = (root / "content" / "de" / f"{DUTCH_ID}.md").read_text(encoding="utf-8")
    assert german.endswith("\nLees ook [onze ervaringen met e-learning](/de/e-learning-im-mittelstand/).\n"), german[-200:]


def test_a_generated_dutch_post_is_never_a_source(built: dict[str, object]) -> None:
    root = built["root"]
    assert isinstance(root, Path)
    config = content_root(root)
    assert [path.name for path in find_posts(config)] == [f"{DUTCH_ID}.md"]
    assert [path.name for path in find_posts(config.direction("de"))] == [f"{BLOG_ID}.md", f"{GUIDE_ID}.md"]
    for template in (root / "locale" / "templates").glob("*.pot"):
        assert f"content/nl/{BLOG_ID}.md" not in template.read_text(encoding="utf-8")
    said = cli(root, "extract", f"content/nl/{BLOG_ID}.md", code=2)
    assert f"content/nl/{BLOG_ID}.md: merge made this post of content/de/{BLOG_ID}.md: it is no source" in said


def test_re_runs_change_nothing(built: dict[str, object]) -> None:
    assert built["after_rerun"] == built["after_merge"]
    assert "written" not in str(built["rerun"]).replace("0 files written", ""), built["rerun"]
    assert "merge: 3 unchanged" in str(built["rerun"]), built["rerun"]


def test_check_checks_german_sources_and_calls_none_an_orphan(built: dict[str, object]) -> None:
    root = built["root"]
    assert isinstance(root, Path)
    result = CliRunner().invoke(main, ["-C", str(root), "check"])
    assert result.exit_code == 0, result.output
    assert "post-orphan" not in result.output and "catalog-orphan" not in result.output, result.output
    # the Dutch catalogs of the German sources are checked (identity: "the same as the source")
    assert f"locale/nl/LC_MESSAGES/{BLOG_ID}.po" in result.output


def test_hugo_pairs_both_directions_by_translation_key_and_every_link_is_alive(built: dict[str, object]) -> None:
    root = built["root"]
    assert isinstance(root, Path)
    crawl = Crawl.of(root / "public")
    pairs = [("/workshop-e-learning-toekomst/", "/de/workshop-e-learning-zukunft/"),
             ("/e-learning-im-mittelstand/", "/de/e-learning-im-mittelstand/"),
             (f"/{GUIDE_ID}/", f"/de/{GUIDE_ID}/")]
    for dutch, german in pairs:
        assert crawl.pages[dutch].language == "nl" and crawl.pages[german].language == "de"
        assert crawl.pages[dutch].alternates == {"de": german}, (dutch, crawl.pages[dutch].alternates)
        assert crawl.pages[german].alternates == {"nl": dutch}, (german, crawl.pages[german].alternates)
    for page in ("/e-learning-im-mittelstand/", "/de/e-learning-im-mittelstand/"):
        targets = [link.target for link in crawl.pages[page].links]
        assert "/workshop-e-learning-toekomst/" in targets or "/de/workshop-e-learning-zukunft/" in targets
        dead = [(link.href, crawl.broken(link)) for link in crawl.pages[page].links
                if link.target is not None and crawl.broken(link) is not None]
        assert dead == [], (page, dead)
    german_dutch = [link.target for link in crawl.pages["/de/workshop-e-learning-zukunft/"].links]
    assert "/de/e-learning-im-mittelstand/" in german_dutch


# ---------------------------------------------------------------------------------------
# Scenarios on a copy of the built site


@pytest.fixture()
def site(built: dict[str, object], tmp_path: Path) -> Path:
    root = built["root"]
    assert isinstance(root, Path)
    copy = fresh_copy(root, tmp_path)
    return copy


def test_pseudo_translation_keeps_the_german_source_s_structure(site: Path) -> None:
    for post_id in (BLOG_ID, GUIDE_ID):
        fill_catalog(site / "locale" / "nl" / "LC_MESSAGES" / f"{post_id}.po", pseudo_translate)
    cli(site, "merge")
    for post_id in (BLOG_ID, GUIDE_ID):
        german = body((site / "content" / "de" / f"{post_id}.md").read_text(encoding="utf-8"))
        dutch = body((site / "content" / "nl" / f"{post_id}.md").read_text(encoding="utf-8"))
        assert dutch != german
        assert block_structure(dutch) == block_structure(german), post_id


def test_a_generated_dutch_post_edited_by_hand_is_refused_without_force(site: Path) -> None:
    path = site / "content" / "nl" / f"{BLOG_ID}.md"
    edited = path.read_text(encoding="utf-8").replace("Vor einem Jahr", "Een jaar geleden")
    path.write_text(edited, encoding="utf-8")
    (site / "locale" / "nl" / "LC_MESSAGES" / f"{BLOG_ID}.po").write_text(
        (site / "locale" / "nl" / "LC_MESSAGES" / f"{BLOG_ID}.po").read_text(encoding="utf-8").replace(
            'msgstr "Was wir ändern werden"', 'msgstr "Wat we gaan veranderen"'), encoding="utf-8")
    said = cli(site, "merge", code=1)
    assert (f"content/nl/{BLOG_ID}.md: changed by hand since merge wrote it: move the change into "
            f"locale/nl/LC_MESSAGES/{BLOG_ID}.po") in said, said
    assert path.read_text(encoding="utf-8") == edited
    cli(site, "extract")  # never taken for a source
    assert not any(f"content/nl/{BLOG_ID}.md" in p.read_text(encoding="utf-8")
                   for p in (site / "locale").rglob("*.po*"))
    cli(site, "merge", "--force")
    assert "## Wat we gaan veranderen\n" in path.read_text(encoding="utf-8")
    assert "Een jaar geleden" not in path.read_text(encoding="utf-8")


def test_check_of_any_file_of_a_german_source_s_pair_reports_its_dutch_post_s_hand_edit(site: Path) -> None:
    """`check PATH` (the pre-commit hook) of the Dutch post merge made of a German source, of
    its Dutch catalog, or of the Dutch folder: each names the pair, and its hand edit."""
    path = site / "content" / "nl" / f"{BLOG_ID}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Vor einem Jahr", "Een jaar geleden"), encoding="utf-8")
    for named in (f"content/nl/{BLOG_ID}.md", f"locale/nl/LC_MESSAGES/{BLOG_ID}.po", "content/nl"):
        said = cli(site, "check", named, code=1)
        assert f"content/nl/{BLOG_ID}.md\n  1: error: changed by hand since merge wrote it" in said, (named, said)


def test_a_dutch_source_at_a_german_source_s_pages_is_a_clash_said_at_both_never_to_be_deleted(site: Path) -> None:
    """A Dutch source written at the Dutch page's URL of a German source: check says the clash
    at the Dutch source and at the Dutch page (each direction at its own), and the German
    slug it wants at its catalog, as merge refuses it; every message names a source as one."""
    mine = "2024-06-01-e-learning-im-mittelstand"
    (site / "content" / "nl" / f"{mine}.md").write_text(
        '---\ntitle: "Eigen"\ndate: 2024-06-01T10:00:00+02:00\n---\n\nEen eigen post.\n', encoding="utf-8")
    cli(site, "extract")
    keep_or_identity(site / "locale" / "de" / "LC_MESSAGES" / f"{mine}.po")
    merged = cli(site, "merge", code=1)
    assert "delete" not in merged, merged
    assert (f"German slug 'e-learning-im-mittelstand' of content/nl/{mine}.md is also the slug of "
            f"content/de/{BLOG_ID}.md (a source written in German)") in merged, merged
    assert (f"Dutch slug 'e-learning-im-mittelstand' of content/de/{BLOG_ID}.md is also the slug of "
            f"content/nl/{mine}.md (a source written in Dutch)") in merged, merged
    said = cli(site, "check", code=1)
    assert (f"content/nl/{mine}.md\n  1: error: slug 'e-learning-im-mittelstand' is also the slug of "
            f"content/nl/{BLOG_ID}.md, the page of content/de/{BLOG_ID}.md: make it unique [slug-clash]") in said, said
    assert (f"error: slug 'e-learning-im-mittelstand' is also the slug of content/nl/{mine}.md (a source written "
            f"in Dutch): give one of them its own slug") in said.partition(f"content/nl/{BLOG_ID}.md\n")[2], said
    assert (f"locale/de/LC_MESSAGES/{mine}.po\n  16: error: German slug 'e-learning-im-mittelstand' of "
            f"content/nl/{mine}.md is also the slug of content/de/{BLOG_ID}.md (a source written in German)") in said, said
    assert "delete" not in said, said


def test_new_refuses_a_dutch_post_at_a_german_source_s_dutch_page_made_or_to_be_made(site: Path) -> None:
    shown = f"content/nl/{BLOG_ID}.md"
    said = cli(site, "new", "E-Learning im Mittelstand", "--date", "2024-06-01", code=2)
    assert (f"its slug 'e-learning-im-mittelstand' is also the slug of {shown}, the page of "
            f"content/de/{BLOG_ID}.md (one URL)") in said, said
    (site / shown).unlink()  # merge writes it again (its catalog is translated): its URL is taken all the same
    said = cli(site, "new", "E-Learning im Mittelstand", "--date", "2024-06-01", code=2)
    assert (f"is also the slug of {shown} (the Dutch page merge writes of a source in another language)"
            in said), said
    assert not (site / "content" / "nl" / "2024-06-01-e-learning-im-mittelstand.md").exists()


def test_a_german_source_renamed_carries_its_catalog_and_dutch_post(site: Path) -> None:
    new_id = "2024-03-05-e-learning-erfahrungen"
    (site / "content" / "de" / f"{BLOG_ID}.md").rename(site / "content" / "de" / f"{new_id}.md")
    said = cli(site, "extract")
    assert f"{BLOG_ID}" in said and new_id in said, said
    catalog = site / "locale" / "nl" / "LC_MESSAGES" / f"{new_id}.po"
    assert 'msgstr "Was gut funktioniert hat"' in catalog.read_text(encoding="utf-8")
    assert not (site / "locale" / "nl" / "LC_MESSAGES" / f"{BLOG_ID}.po").exists()
    assert not (site / "locale" / "templates" / f"{BLOG_ID}.pot").exists()
    cli(site, "merge")
    dutch = site / "content" / "nl" / f"{new_id}.md"
    assert f'  post: "content/de/{new_id}.md"\n' in dutch.read_text(encoding="utf-8")
    assert not (site / "content" / "nl" / f"{BLOG_ID}.md").exists()
    result = CliRunner().invoke(main, ["-C", str(site), "check"])
    assert result.exit_code == 0, result.output


def test_a_german_source_deleted_leaves_its_dutch_post_an_orphan(site: Path) -> None:
    (site / "content" / "de" / f"{GUIDE_ID}.md").unlink()
    result = CliRunner().invoke(main, ["-C", str(site), "check"])
    assert result.exit_code == 1, result.output
    assert (f"content/nl/{GUIDE_ID}.md\n  -: error: no German original content/de/{GUIDE_ID}.md [post-orphan]"
            in result.output), result.output
    # its catalog and template: orphans too, of the German post
    assert (f"locale/nl/LC_MESSAGES/{GUIDE_ID}.po\n  -: warning: no post content/de/{GUIDE_ID}.md: keep it: it holds "
            "56 translations") in result.output, result.output
    assert (f"locale/templates/{GUIDE_ID}.pot\n  -: error: no post content/de/{GUIDE_ID}.md: delete the template, or "
            "restore the post (keep its catalogs: they hold translations) [catalog-orphan]") in result.output


def test_a_pair_with_two_sources_is_an_error_of_check(site: Path) -> None:
    twin = site / "content" / "de" / "workshop-bericht.md"
    twin.write_text(f'---\ntitle: "Workshop-Bericht"\ndate: 2024-05-01T10:00:00+02:00\ntranslationKey: {DUTCH_ID}\n'
                    '---\n\nEin eigener Bericht.\n',
                    encoding="utf-8")
    config = content_root(site)
    claims = second_sources(config)
    assert [(c.path, c.source, c.same_pair) for c in claims] == [
        (twin, config.post_file(DUTCH_ID), True)]
    before = files(site)
    said = CliRunner().invoke(main, ["-C", str(site), "extract"])  # it is no source: nothing extracted of it
    assert said.exit_code == 0, said.output
    assert files(site) == before
    assert (f"warning: content/de/workshop-bericht.md:1: not extracted: it has the translationKey of "
            f"content/nl/{DUTCH_ID}.md (`pipeline -C {site} check` says what to do)") in said.output, said.output
    result = CliRunner().invoke(main, ["-C", str(site), "check"])
    assert result.exit_code == 1, result.output
    assert (f"content/de/workshop-bericht.md\n  1: error: the pair of content/nl/{DUTCH_ID}.md (same id or "
            "translationKey) has two sources") in result.output, result.output
    said = cli(site, "extract", "content/de/workshop-bericht.md", code=2)
    assert f"its pair's source is content/nl/{DUTCH_ID}.md: name that" in said, said


def test_the_template_tells_which_of_a_pair_without_records_is_the_source(site: Path) -> None:
    """A Dutch post merge made of a German source, its generation record removed: the German
    post stays the source, as the id's template says (X-Source-Language: de), and the Dutch
    post is a second source, in either the site's own direction or the German one; with no
    template to tell, the languages' order decides (the Dutch post)."""
    import re

    from pipeline.site import source_posts

    dutch = site / "content" / "nl" / f"{BLOG_ID}.md"
    german = site / "content" / "de" / f"{BLOG_ID}.md"
    dutch.write_text(re.sub(r"generated_from:\n(?:  .*\n)+", "", dutch.read_text(encoding="utf-8")), encoding="utf-8")
    assert "generated_from" not in dutch.read_text(encoding="utf-8")
    config = content_root(site)
    assert [(c.path, c.source, c.same_pair) for c in second_sources(config)] == [(dutch, german, True)]
    assert dutch not in find_posts(config) and source_posts(config, [dutch]) == []
    assert german in find_posts(config.direction("de"))
    said = cli(site, "extract", f"content/nl/{BLOG_ID}.md", code=2)
    assert (f"content/nl/{BLOG_ID}.md: no source: merge made it of content/de/{BLOG_ID}.md, the source of its "
            "template (its generation record was removed): name that") in said, said
    (site / "locale" / "templates" / f"{BLOG_ID}.pot").unlink()
    config = content_root(site)
    assert [(c.path, c.source, c.same_pair) for c in second_sources(config)] == [(german, dutch, True)]
    assert dutch in find_posts(config)


def test_a_german_source_with_a_dutch_post_s_id_is_refused_naming_both(site: Path) -> None:
    (site / "content" / "nl" / "agenda.md").write_text("---\ntitle: Agenda\ndate: 2024-05-01\ntranslationKey: agenda-nl\n---\n\nTekst.\n",
                                                        encoding="utf-8")
    (site / "content" / "de" / "agenda.md").write_text("---\ntitle: Termine\ndate: 2024-05-01\ntranslationKey: termine\n---\n\nText.\n",
                                                        encoding="utf-8")
    said = CliRunner().invoke(main, ["-C", str(site), "extract"]).output
    assert ("warning: content/de/agenda.md:1: not extracted: it has the id of another pair's source, "
            "content/nl/agenda.md") in said, said
    said = cli(site, "extract", "content/de/agenda.md", code=2)
    assert ("content/de/agenda.md: not a post under content/nl/, nor a source: its id is the id of content/nl/agenda.md, "
            "the source of another pair: rename one of the two") in said, said
    result = CliRunner().invoke(main, ["-C", str(site), "check"])
    assert result.exit_code == 1, result.output
    assert ("\n  1: error: its id 'agenda' is the id of content/nl/agenda.md, the source of "
            "another pair (another translationKey): one template, locale/templates/agenda.pot, cannot hold both: "
            "rename one of the two [post-id-clash]") in result.output.partition("content/de/agenda.md\n")[2], result.output


# ---------------------------------------------------------------------------------------
# The quick reading of a post's translationKey, held to the slow one


@pytest.mark.parametrize(("text", "key"), [
    ("---\ntitle: A\n---\n\nText.\n", None),
    ("---\ntitle: A\ntranslationKey: k\n---\n\nText.\n", "k"),
    ("---\nTRANSLATIONKEY: k\n---\n\nText.\n", "k"),
    ("---\n\"translation\\x4bey\": k\n---\n\nText.\n", "k"),
    ("+++\n\"translation\\u004Bey\" = \"k\"\n+++\n\nText.\n", "k"),
    ('{"translation\\u004bey": "k"}\n\nText.\n', "k"),
    ("---\ntitle: A\n---\n\nEin \\*Stern\\*.\n", None),
    ("---\ntitle: [unclosed\n---\n", None),
])
def test_the_translation_key_read_at_once_is_the_one_the_front_matter_gives(
        tmp_path: Path, text: str, key: str | None) -> None:
    from pipeline.post import load_post
    from pipeline.site import _translation_key_in, translation_key_of

    root = make_root_with(tmp_path, text)
    path = root / "content" / "nl" / "a.md"
    try:
        slow = translation_key_of(load_post("a.md", path.read_bytes()).meta)
    except PipelineError:
        slow = None
    assert slow == key
    assert _translation_key_in(content_root(root), path) == slow


def make_root_with(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "root"
    (root / "content" / "nl").mkdir(parents=True)
    (root / "content" / "nl" / "a.md").write_text(text, encoding="utf-8")
    return root


def test_a_german_source_goes_to_every_other_language_of_the_site(site: Path) -> None:
    settings = (site / "pyproject.toml").read_text(encoding="utf-8")
    (site / "pyproject.toml").write_text(settings.replace('target-languages = ["de"]\n',
                                                          'target-languages = ["de", "en"]\n'), encoding="utf-8")
    with open(site / "hugo.toml", "a", encoding="utf-8") as hugo:
        hugo.write('\n[languages.en]\ncontentDir = "content/en"\nlanguageName = "English"\nweight = 3\n')
    cli(site, "extract")
    english = site / "locale" / "en" / "LC_MESSAGES" / f"{BLOG_ID}.po"
    assert english.read_text(encoding="utf-8").startswith(f"# English translation of content/de/{BLOG_ID}.md.\n")
    # the Dutch catalog as it was (translated), the template the one template of the post
    assert 'msgstr "Was gut funktioniert hat"' in (site / "locale" / "nl" / "LC_MESSAGES" / f"{BLOG_ID}.po").read_text(
        encoding="utf-8")
    for path in (site / "locale" / "en" / "LC_MESSAGES").glob("*.po"):
        fill_catalog(path, lambda context, msgid: msgid)
    said = cli(site, "merge")
    assert f"wrote content/en/{BLOG_ID}.md" in said, said
    made = (site / "content" / "en" / f"{BLOG_ID}.md").read_text(encoding="utf-8")
    assert "lang: en\n" in made and f'  post: "content/de/{BLOG_ID}.md"\n' in made
    # the link to the German page of the Dutch post: to its English page
    assert "(/en/workshop-e-learning-toekomst/)" in made, made
    result = CliRunner().invoke(main, ["-C", str(site), "check"])
    assert "post-orphan" not in result.output and "catalog-orphan" not in result.output, result.output


def test_a_link_to_a_page_of_a_third_language_leads_to_it(site: Path) -> None:
    """An English source's link to the German page of a German source: in its Dutch page a
    link to a page of the site (a third language's), kept as written, its heading checked."""
    settings = (site / "pyproject.toml").read_text(encoding="utf-8")
    (site / "pyproject.toml").write_text(settings.replace('target-languages = ["de"]\n',
                                                          'target-languages = ["de", "en"]\n'), encoding="utf-8")
    with open(site / "hugo.toml", "a", encoding="utf-8") as hugo:
        hugo.write('\n[languages.en]\ncontentDir = "content/en"\nlanguageName = "English"\nweight = 3\n')
    (site / "content" / "en").mkdir()
    (site / "content" / "en" / "hello.md").write_text(
        '---\ntitle: "Hello"\ndate: 2024-06-01T10:00:00+01:00\n---\n\nSee [it](/de/e-learning-im-mittelstand/), '
        "[its part](/de/e-learning-im-mittelstand/#was-gut-funktioniert-hat), [no part](/de/e-learning-im-mittelstand/#nope) "
        "and [nothing](/de/keine-seite/).\n", encoding="utf-8")
    cli(site, "extract")
    for path in sorted((site / "locale").rglob("*.po")):
        keep_or_identity(path)
    said = cli(site, "merge")
    assert "link to /de/e-learning-im-mittelstand/ stays as it is" not in said, said
    assert "link to /de/keine-seite/ stays as it is: no nl page for it" in said, said
    made = (site / "content" / "nl" / "hello.md").read_text(encoding="utf-8")
    assert "[its part](/de/e-learning-im-mittelstand/#was-gut-funktioniert-hat)" in made, made
    result = CliRunner().invoke(main, ["-C", str(site), "check"])
    assert "link to /de/e-learning-im-mittelstand/ leads to no page" not in result.output, result.output
    assert "link to /de/e-learning-im-mittelstand/#was-gut-funktioniert-hat" not in result.output, result.output
    assert "link to /de/e-learning-im-mittelstand/#nope: its page has no heading #nope" in result.output, result.output
    assert "link to /de/keine-seite/ leads to no page or file of the site" in result.output, result.output


def test_the_sources_found_once_per_run_are_those_each_direction_finds_alone(site: Path) -> None:
    """The sources of every language are found once per run and shared by the directions'
    settings (Config.direction): each direction's answers from a run that found them for
    another direction are those a fresh run gives it."""
    from pipeline.site import other_sources, source_posts

    (site / "content" / "de" / "workshop-bericht.md").write_text(
        f"---\ntitle: Bericht\ntranslationKey: {DUTCH_ID}\n---\n\nText.\n", encoding="utf-8")
    warm = content_root(site)
    second_sources(warm)  # found here, for the site's own direction
    for language in warm.languages:
        fresh = content_root(site).direction(language)
        direction = warm.direction(language)
        assert direction._run is warm._run
        folder = sorted(direction.source_dir.rglob("*.md"))
        assert source_posts(direction, folder) == source_posts(fresh, folder), language
        assert find_posts(direction) == find_posts(fresh), language
        assert other_sources(direction) == other_sources(content_root(site).direction(language)), language
        assert second_sources(direction) == second_sources(content_root(site).direction(language)), language
    assert [p.name for p in find_posts(warm.direction("de"))] == [f"{BLOG_ID}.md", f"{GUIDE_ID}.md"]
    assert other_sources(warm) == {BLOG_ID, GUIDE_ID} and other_sources(warm.direction("de")) == {DUTCH_ID}


def test_the_pairs_of_other_directions_made_once_per_run_are_those_of_every_catalog_read_again(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages of the pairs written in another language (site.other_pairs), their catalogs
    read once per run and shared by the directions, are those of a run that reads each catalog
    every time it is asked; their heading anchors lead from the one page's heading to the same
    heading of the other."""
    from pipeline import site as site_module
    from pipeline.site import other_pairs, summarize_from_catalog

    path = site / "locale" / "nl" / "LC_MESSAGES" / f"{BLOG_ID}.po"
    fill_catalog(path, lambda context, msgid: "Wat we gaan veranderen" if msgid == "Was wir ändern werden" else msgid)
    (site / "content" / "nl" / f"{BLOG_ID}.md").unlink()  # the Dutch page as merge writes it this run
    from pipeline.cache import Store

    warm = content_root(site)
    asked = [(language, target) for language in warm.languages for target in warm.direction(language).target_languages]
    for language, target in asked:
        other_pairs(warm.direction(language), target)
    kept = {(language, target): other_pairs(warm.direction(language), target) for language, target in asked}
    cached = content_root(site)  # the summaries of the catalogs from the cache, as merge and check take them
    with Store(site) as store:
        for _ in range(2):  # the cache empty, then full
            from_cache = {(language, target): other_pairs(cached.direction(language), target, store)
                          for language, target in asked}
            cached = content_root(site)
    monkeypatch.setattr(site_module, "_catalog_summary",
                        lambda direction, path, language, store=None: summarize_from_catalog(direction, path, language)[0])
    for language, target in asked:
        slow = other_pairs(content_root(site).direction(language), target)
        assert kept[language, target] == slow and from_cache[language, target] == slow, (language, target)
    monkeypatch.undo()
    blog = next(pair for pair in other_pairs(warm, "de") if pair.post_id == BLOG_ID)
    assert "wat-we-gaan-veranderen" in blog.dutch_anchors
    assert blog.anchors["wat-we-gaan-veranderen"] == "was-wir-ändern-werden"
    dutch = next(pair for pair in other_pairs(warm.direction("de"), "nl") if pair.post_id == DUTCH_ID)
    assert dutch.anchors and all(dutch.anchors[german] != german for german in dutch.anchors)


def test_the_directions_keep_each_other_s_cache(site: Path) -> None:
    """An extract and a merge with nothing new parse and render nothing, in either direction: each direction's cache
    (named apart: runner.direction_name) outlives the other direction's run."""
    from pipeline import api
    from pipeline.cache import Store
    from pipeline.runner import current_digests, extract_cache

    api.extract(site)
    api.merge(site)
    for _ in range(2):
        extracted = api.extract(site)
        assert extracted.posts == 3 and extracted.parsed == 0 and not extracted.written, extracted
        # what the next extract finds in each direction's cache: every post, as it is
        config = content_root(site)
        with Store(site) as store:
            for direction, post_id in ((config, DUTCH_ID), (config.direction("de"), BLOG_ID),
                                       (config.direction("de"), GUIDE_ID)):
                path = direction.post_file(post_id)
                assert extract_cache(store, direction).get(post_id, current_digests(store, direction, path, post_id)), post_id
        report = api.merge(site)
        assert [r.action for r in report.results] == ["unchanged"] * 3, report.results
        assert report.rendered == 0 and report.parsed == 0, [(r.post_id, r.rendered, r.parsed) for r in report.results]


def test_a_site_without_posts_written_in_another_language_finds_the_sources_the_full_reading_finds(
        site: Path) -> None:
    """Where no target language's folder has a post without a generation record, the sources
    are found without reading any translationKey (nothing to pair): the Dutch sources those of
    the full reading, which a German source (of another pair) changes nothing of."""
    from pipeline.site import _sources_by_language

    for post_id in (BLOG_ID, GUIDE_ID):  # no German source left: the shortcut
        (site / "content" / "de" / f"{post_id}.md").unlink()
    (site / "content" / "nl" / "agenda.md").write_text(
        "---\ntitle: Agenda\ntranslationKey: termine\n---\n\nTekst.\n", encoding="utf-8")
    short = content_root(site)
    found = _sources_by_language(short)
    assert short._run["sources"][0]["nl"][0][2] is None  # no key read
    (site / "content" / "de" / "eigen.md").write_text("---\ntitle: Eigen\n---\n\nText.\n", encoding="utf-8")
    full = content_root(site)
    found_full = _sources_by_language(full)
    assert {key for _, _, key in full._run["sources"][0]["nl"]} == {None, "termine"}  # the keys read
    assert found["nl"] == found_full["nl"] == [site / "content" / "nl" / f"{DUTCH_ID}.md",
                                               site / "content" / "nl" / "agenda.md"]
    assert found["de"] == [] and found_full["de"] == [site / "content" / "de" / "eigen.md"]
    assert second_sources(short) == second_sources(full) == []
    assert [p.name for p in find_posts(short)] == [p.name for p in find_posts(full)]


def test_a_url_clash_under_permalinks_across_directions_is_said_and_refused(site: Path) -> None:
    """Two pages of one language in other folders, one URL (``[permalinks] blog = "/:slug/"``):
    a Dutch source in content/nl/blog/ at the URL of a German source's Dutch page, and so its
    German page at the German source's URL. Hugo 0.111 publishes one page of each pair there
    without a word; check says each clash at the catalog whose slug merge refuses, naming the
    source as one (never advising to delete it), and merge writes neither page there."""
    with open(site / "hugo.toml", "a", encoding="utf-8") as hugo:
        hugo.write('\n[permalinks]\nblog = "/:slug/"\n')
    mine = "blog/e-learning-im-mittelstand"
    (site / "content" / "nl" / "blog").mkdir()
    # (a slug of its own: Hugo's :slug is the title where the front matter has none)
    text = ('---\ntitle: "Eigen blog"\nslug: e-learning-im-mittelstand\ndate: 2024-06-01T10:00:00+02:00\n---\n\n'
            "Een eigen post.\n")
    (site / "content" / "nl" / f"{mine}.md").write_text(text, encoding="utf-8")
    cli(site, "extract")
    keep_or_identity(site / "locale" / "de" / "LC_MESSAGES" / f"{mine}.po")
    # as the pages are, and as merge would write the German page of the Dutch source: Hugo loses one of each pair
    german_page = site / "content" / "de" / f"{mine}.md"
    german_page.parent.mkdir()
    german_page.write_text(text, encoding="utf-8")
    subprocess.run(["hugo", "--source", str(site), "--destination", str(site / "public")],
                   check=True, capture_output=True, timeout=120)
    for url, titles in (("e-learning-im-mittelstand", ("Eigen blog", "E-Learning")),
                        ("de/e-learning-im-mittelstand", ("Eigen blog", "E-Learning"))):
        page = (site / "public" / url / "index.html").read_text(encoding="utf-8")
        assert sum(f"<title>{title}" in page for title in titles) == 1, page[:300]
    published = "\n".join(p.read_text(encoding="utf-8") for p in (site / "public").rglob("*.html"))
    assert published.count("<title>Eigen blog") + published.count("<title>E-Learning im Mittelstand") == 2, \
        "four pages, two published: one of each pair lost"
    german_page.unlink()
    shutil.rmtree(site / "public")

    said = cli(site, "check", code=1)
    assert (f"locale/de/LC_MESSAGES/{mine}.po\n  22: error: German URL /de/e-learning-im-mittelstand/ of "
            f"content/nl/{mine}.md (after the site's permalinks) is also the URL of content/de/{BLOG_ID}.md "
            "(a source written in German): give") in said, said
    assert (f"error: Dutch URL /e-learning-im-mittelstand/ of content/de/{BLOG_ID}.md (after the site's "
            f"permalinks) is also the URL of content/nl/{mine}.md (a source written in Dutch): give "
            f"content/de/{BLOG_ID}.md its own Dutch slug") in said, said
    assert said.count("[url-clash]") == 2, said
    assert "delete" not in said, said

    dutch_page = site / "content" / "nl" / f"{BLOG_ID}.md"
    dutch_page.unlink()  # merge would write it again, at the Dutch source's URL
    merged = cli(site, "merge", code=1)
    assert not german_page.exists() and not dutch_page.exists(), merged
    assert f"is also the URL of content/de/{BLOG_ID}.md (a source written in German)" in merged, merged
    assert f"is also the URL of content/nl/{mine}.md (a source written in Dutch)" in merged, merged
    assert "delete" not in merged, merged


def test_a_page_at_another_direction_s_alias_is_said_by_check_as_merge_refuses_it(site: Path) -> None:
    """A German source's alias (a redirect Hugo publishes) at the URL a Dutch source's German
    page would get: merge refuses to write the page there, and check says so at its catalog."""
    source = site / "content" / "de" / f"{BLOG_ID}.md"
    aliased = source.read_text(encoding="utf-8").replace("\nlang: de\n", '\nlang: de\naliases: ["/de/eigen/"]\n', 1)
    source.write_text(aliased, encoding="utf-8")
    assert 'aliases: ["/de/eigen/"]' in source.read_text(encoding="utf-8")
    (site / "content" / "nl" / "eigen.md").write_text(
        '---\ntitle: "Eigen"\ndate: 2024-06-01T10:00:00+02:00\n---\n\nEen eigen post.\n', encoding="utf-8")
    cli(site, "extract")
    keep_or_identity(site / "locale" / "de" / "LC_MESSAGES" / "eigen.po")
    said = (f"German URL /de/eigen/ of content/nl/eigen.md is an alias of content/de/{BLOG_ID}.md (a source "
            "written in German) (an old URL of that page, which redirects to it)")
    merged = cli(site, "merge", code=1)
    assert said in merged, merged
    assert not (site / "content" / "de" / "eigen.md").exists()
    checked = cli(site, "check", code=1)
    assert f"locale/de/LC_MESSAGES/eigen.po\n  16: error: {said}" in checked, checked
    assert "delete" not in merged + checked


def test_a_url_clash_with_a_page_made_of_a_third_language_s_source_is_refused(site: Path) -> None:
    """A Dutch source's German page at the URL of the German page merge made of an English
    source, and its English page at that source's URL (``[permalinks] blog = "/:slug/"``):
    merge writes neither, naming each page as what it is."""
    settings = (site / "pyproject.toml").read_text(encoding="utf-8")
    (site / "pyproject.toml").write_text(settings.replace('target-languages = ["de"]\n',
                                                          'target-languages = ["de", "en"]\n'), encoding="utf-8")
    with open(site / "hugo.toml", "a", encoding="utf-8") as hugo:
        hugo.write('\n[permalinks]\nblog = "/:slug/"\n'
                   '\n[languages.en]\ncontentDir = "content/en"\nlanguageName = "English"\nweight = 3\n')
    (site / "content" / "en").mkdir()
    (site / "content" / "en" / "hello.md").write_text(
        '---\ntitle: "Hello"\ndate: 2024-06-01T10:00:00+01:00\n---\n\nHello.\n', encoding="utf-8")
    cli(site, "extract")
    for path in sorted((site / "locale").rglob("*.po")):
        keep_or_identity(path)
    cli(site, "merge")
    assert (site / "content" / "de" / "hello.md").exists()
    (site / "content" / "nl" / "blog").mkdir()
    (site / "content" / "nl" / "blog" / "hallo.md").write_text(
        '---\ntitle: "Hallo"\nslug: hello\ndate: 2024-06-02T10:00:00+01:00\n---\n\nHallo.\n', encoding="utf-8")
    cli(site, "extract")
    for path in sorted((site / "locale").rglob("*.po")):
        keep_or_identity(path)
    merged = cli(site, "merge", code=1)
    assert ("German URL /de/hello/ of content/nl/blog/hallo.md (after the site's permalinks) is also the URL of "
            "content/de/hello.md, the page of content/en/hello.md") in merged, merged
    assert ("English URL /en/hello/ of content/nl/blog/hallo.md (after the site's permalinks) is also the URL of "
            "content/en/hello.md (a source written in English)") in merged, merged
    assert not (site / "content" / "de" / "blog" / "hallo.md").exists()
    assert not (site / "content" / "en" / "blog" / "hallo.md").exists()
    assert "delete" not in merged, merged
