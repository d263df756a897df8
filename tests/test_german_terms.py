"""Issue 16: the terms of the posts written in German, translated once into Dutch in their
direction's own terms catalog (``_terms-de``: :attr:`pipeline.config.Config.terms_id`), as the
Dutch posts' terms are in ``_terms`` (:mod:`pipeline.terms`): carried into every German post's
Dutch catalog and so into the Dutch pages, one Dutch term page for the one German term; a term
typed otherwise by hand in a post's catalog kept and said; GNU-exact; the Dutch direction's
files as they were.

The site: a copy of this repository's, with two German sources sharing the tag
``Weiterbildung``, extracted once."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from german_site import cli, copy_repo_site, files, fresh_copy
from merge_support import fill_catalog
from support import needs_gettext

from pipeline import api
from pipeline.po import parse_catalog
from pipeline.site import strings_clash

REPO = Path(__file__).resolve().parent.parent
TERMS_POT = Path("locale/templates/_terms-de.pot")
TERMS_PO = Path("locale/nl/LC_MESSAGES/_terms-de.po")
GERMAN = '---\ntitle: "Beitrag {name}"\ndate: 2024-05-0{day}T10:00:00+02:00\ntags: [Weiterbildung, {name}]\n---\n\nText {name}.\n'

pytestmark = [needs_gettext]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("german-terms") / "site"
    copy_repo_site(root)
    for day, name in ((1, "eins"), (2, "zwei")):
        (root / "content" / "de" / f"{name}.md").write_text(GERMAN.format(name=name, day=day), encoding="utf-8")
    cli(root, "extract")
    return root


@pytest.fixture()
def site(built: Path, tmp_path: Path) -> Path:
    return fresh_copy(built, tmp_path)


def entry(path: Path, msgctxt: str, msgid: str) -> tuple[str, list[str]]:
    """An entry's msgstr and flags."""
    catalog = parse_catalog(str(path), path.read_bytes())
    found = next(m for m in catalog.messages if not m.obsolete and m.key == (msgctxt, msgid))
    return found.msgstr, found.flags


def translate_posts(root: Path) -> None:
    """Every German post's Dutch entry translated as itself, but its terms left to the terms catalog."""
    for name in ("eins", "zwei"):
        fill_catalog(root / "locale" / "nl" / "LC_MESSAGES" / f"{name}.po",
                     lambda context, msgid: None if context == "tags" else msgid)


def translate_terms(root: Path) -> None:
    fill_catalog(root / TERMS_PO, lambda context, msgid: {"Weiterbildung": "Bijscholing"}.get(msgid, msgid))


def test_extract_writes_the_german_terms_template_and_dutch_catalog_and_leaves_the_dutch_direction_s(built: Path) -> None:
    pot = (built / TERMS_POT).read_text(encoding="utf-8")
    assert "X-Source-Language: de\\n" in pot
    assert ('#. term of tags\n#: content/de/eins.md:4 content/de/zwei.md:4\nmsgctxt "tags"\n'
            'msgid "Weiterbildung"\nmsgstr ""\n') in pot, pot
    assert (built / TERMS_PO).is_file()
    assert not (built / "locale" / "de" / "LC_MESSAGES" / "_terms-de.po").exists()
    # the site's own direction's terms: the repository's own files, byte for byte
    for path in ("locale/templates/_terms.pot", "locale/de/LC_MESSAGES/_terms.po"):
        assert (built / path).read_bytes() == (REPO / path).read_bytes(), path
    assert not (built / "locale" / "nl" / "LC_MESSAGES" / "_terms.po").exists()


def test_a_german_term_translated_once_reaches_both_posts_and_one_dutch_term_page(site: Path) -> None:
    translate_posts(site)
    translate_terms(site)
    said = cli(site, "extract")
    assert "locale/nl/LC_MESSAGES/eins.po" in said and "locale/nl/LC_MESSAGES/zwei.po" in said, said
    for name in ("eins", "zwei"):
        assert entry(site / "locale" / "nl" / "LC_MESSAGES" / f"{name}.po", "tags", "Weiterbildung") == ("Bijscholing", [])
    assert "# given to the posts: Bijscholing\n" in (site / TERMS_PO).read_text(encoding="utf-8")
    cli(site, "merge")
    for name in ("eins", "zwei"):
        assert "tags: [Bijscholing, " in (site / "content" / "nl" / f"{name}.md").read_text(encoding="utf-8")
    # re-runs change nothing; check has nothing to say of the terms
    before = files(site)
    cli(site, "extract")
    cli(site, "merge")
    assert files(site) == before
    problems = api.check(site, use_cache=False).problems
    assert [p for p in problems if p.code in ("term-inconsistent", "catalog-stale", "catalog-missing")] == []
    # GNU-exact: msgcat leaves the terms template and catalog as they are
    for path in (TERMS_POT, TERMS_PO):
        out = subprocess.run(["msgcat", str(site / path), "-o", "-"], capture_output=True, check=True).stdout
        assert out == (site / path).read_bytes(), path
    # Hugo: one Dutch term page for the one German term, listing both posts
    hugo = (site / "hugo.toml").read_text(encoding="utf-8")
    (site / "hugo.toml").write_text(hugo.replace('disableKinds = ["taxonomy", "term", ', 'disableKinds = ['),
                                    encoding="utf-8")
    subprocess.run(["hugo", "--source", str(site), "--destination", str(site / "public")],
                   check=True, capture_output=True, timeout=120)
    pages = sorted(p.parent.name for p in (site / "public" / "tags").glob("*/index.html"))
    assert "bijscholing" in pages and not any(page.startswith("weiterbildung") for page in pages), pages
    page = (site / "public" / "tags" / "bijscholing" / "index.html").read_text(encoding="utf-8")
    assert "Beitrag eins" in page and "Beitrag zwei" in page, page


def test_a_german_term_typed_otherwise_in_a_post_is_kept_and_said(site: Path) -> None:
    translate_posts(site)
    zwei = site / "locale" / "nl" / "LC_MESSAGES" / "zwei.po"
    fill_catalog(zwei, lambda context, msgid: "Opleiding" if msgid == "Weiterbildung" else None if context == "tags" else msgid)
    translate_terms(site)
    said = cli(site, "extract")
    assert entry(zwei, "tags", "Weiterbildung") == ("Opleiding", [])
    assert entry(site / "locale" / "nl" / "LC_MESSAGES" / "eins.po", "tags", "Weiterbildung") == ("Bijscholing", [])
    assert ("the tags term 'Weiterbildung' is 'Opleiding' here but 'Bijscholing' in "
            "locale/nl/LC_MESSAGES/_terms-de.po") in said, said
    found = [(p.file, p.code) for p in api.check(site, use_cache=False).problems if p.code == "term-inconsistent"]
    assert found == [("locale/nl/LC_MESSAGES/zwei.po", "term-inconsistent")], found
    before = files(site)
    cli(site, "extract")
    assert files(site) == before


def test_the_german_terms_take_the_translation_the_posts_give_before_there_is_one(site: Path) -> None:
    """Typed in the posts' catalogs before the terms catalog translated it: carried into it."""
    for name in ("eins", "zwei"):
        fill_catalog(site / "locale" / "nl" / "LC_MESSAGES" / f"{name}.po",
                     lambda context, msgid: "Bijscholing" if msgid == "Weiterbildung" else msgid)
    cli(site, "extract")
    assert entry(site / TERMS_PO, "tags", "Weiterbildung") == ("Bijscholing", [])


def test_no_post_may_take_the_german_terms_id(built: Path) -> None:
    config = api.content_root(built)
    direction = config.direction("de")
    assert (config.terms_id, direction.terms_id) == ("_terms", "_terms-de")
    for post in (direction.source_dir / "_terms-de.md", config.source_dir / "_terms-de.md"):
        clash = strings_clash(config if post.is_relative_to(config.source_dir) else direction, post)
        assert clash is not None and "rename the post" in clash.message


def test_status_and_check_take_the_german_terms_catalog_for_no_gone_post(site: Path) -> None:
    rows = {(row.post_id, row.language): row.state for row in api.status(site, use_cache=False).rows}
    assert rows[("_terms-de", "nl")] == "site-wide"
    assert ("_terms-de", "de") not in rows
    assert not [p for p in api.check(site, use_cache=False).problems if "_terms-de" in p.file and "orphan" in p.code]


def test_xliff_exports_a_german_term_once_in_the_german_terms_file(site: Path, tmp_path: Path) -> None:
    api.export_xliff(site, tmp_path / "xliff")
    terms = (tmp_path / "xliff" / "nl" / "_terms-de.xlf").read_text(encoding="utf-8")
    assert 'source-language="de" target-language="nl"' in terms and "<source>Weiterbildung</source>" in terms
    for name in ("eins", "zwei"):
        post = (tmp_path / "xliff" / "nl" / f"{name}.xlf").read_text(encoding="utf-8")
        assert f"<source>Beitrag {name}</source>" in post and "<source>Weiterbildung</source>" not in post, post


def test_the_german_terms_catalog_is_a_glossary_of_the_german_posts_dutch_catalogs(site: Path) -> None:
    (site / "content" / "de" / "drei.md").write_text(
        '---\ntitle: "Beitrag drei"\ndate: 2024-05-03T10:00:00+02:00\n---\n\nWeiterbildung lohnt sich.\n',
        encoding="utf-8")
    cli(site, "extract")
    translate_terms(site)
    fill_catalog(site / "locale" / "nl" / "LC_MESSAGES" / "drei.po", lambda context, msgid: msgid)
    said = [(p.file, p.message) for p in api.check(site, use_cache=False).problems if p.code == "glossary"]
    assert [file for file, _ in said] == ["locale/nl/LC_MESSAGES/drei.po"], said
    assert "'Weiterbildung lohnt sich.' holds the glossary term 'Weiterbildung'" in said[0][1], said


def test_the_german_terms_pass_with_the_cache_is_the_pass_without(site: Path, tmp_path: Path) -> None:
    """Extract keeps the German posts' term entries in the terms pass's cache, which then does
    not read those files again: the same files and problems as reading them all."""
    api.extract(site)  # the cache filled
    api.check(site)
    translate_posts(site)
    translate_terms(site)
    fill_catalog(site / "locale" / "nl" / "LC_MESSAGES" / "zwei.po",
                 lambda context, msgid: "Opleiding" if msgid == "Weiterbildung" else None if context == "tags" else msgid)
    slow = tmp_path / "slow"
    shutil.copytree(site, slow)
    cached, uncached = api.extract(site), api.extract(slow, use_cache=False)
    assert files(site) == files(slow)
    assert [str(w) for w in cached.warnings] == [str(w) for w in uncached.warnings]
    assert ([(p.file, p.line, p.message) for p in api.check(site).problems]
            == [(p.file, p.line, p.message) for p in api.check(slow, use_cache=False).problems])
