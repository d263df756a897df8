"""Issue 12's proof with Hugo: a realistic bilingual site (``tests/fixtures/sites/sectioned/``)
goes through the real command line (extract, every catalog pseudo-translated, merge), is
built by the real Hugo, and ``public/`` is crawled (``site_crawl.py``): no internal link of a
German or a Dutch page may lead nowhere (a missing page or file, a missing #anchor), and no
link of a German page may lead to a Dutch page whose German page exists.

Every link of the site's posts has a form (``sectioned_site.FORMS``): the form-by-form tests
say which forms lead where they should. A form the code does not handle goes into
``WRONG_NOW`` (a strict xfail); on 16d37ef, where this module began, eight forms were there and
the partial merge's Hugo build failed; now none is.

Three builds, each shared by the tests of this module: the site served under a path
(``https://example.org/kennis/``), at the root of its host, and under a path with one post
below the threshold (its German page not written).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from merge_support import fill_catalog
from sectioned_site import (
    ALL_FORMS, BASE_URL, DUTCH_PAGES, DUTCH_SHAPES, FORMS, PARTIAL, ROOT_BASE_URL, SITE, Built, build, form_links, hugo,
    lenient_crawl, run_cli, translate, wrong,
)
from site_crawl import Crawl, Link
from support import po_path

pytestmark = pytest.mark.skipif(
    shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo'; .ci/run installs it)"
)

NEEDS_L = "needs issue 12's link resolution (L)"

#: The forms whose German links lead nowhere, or to the Dutch page though a German one
#: exists (``python bench/site_links.py`` shows each link). On 16d37ef they were also
#: absolute-host, html-a, html-block-a, md-root-anchor, ref-anchor, relref-anchor, alias (a
#: link to a Dutch alias) and ref-lang (lang="nl" in a Dutch post).
WRONG_NOW: set[str] = set()
#: With one post below the threshold (on 16d37ef Hugo stopped: a ref/relref to it found no
#: German page; REF_NOT_FOUND is an error by default); also relref, relative-down,
#: html-block-a and the anchors then, and ref-lang until lang="nl" became the German page's
#: own language
WRONG_NOW_PARTIAL: set[str] = set()
#: The forms of the posts that have a German page in the partial variant
PARTIAL_FORMS = sorted({form for post_id, forms in FORMS.items() if post_id != PARTIAL for form in forms} - {"external"})


VARIANTS = {"path": {}, "root": {"base_url": ROOT_BASE_URL}, "partial": {"partial": PARTIAL}}


class Sites(dict):  # type: ignore[type-arg]
    """The builds by variant, each made when a test first asks for it."""

    def __init__(self, top: Path) -> None:
        super().__init__()
        self.top = top

    def __missing__(self, name: str) -> Built:
        self[name] = build(self.top / name, **VARIANTS[name])  # type: ignore[arg-type]
        return self[name]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    return Sites(tmp_path_factory.mktemp("sectioned"))


# ---------------------------------------------------------------------------------------
# The fixture is what it says


@pytest.mark.parametrize("variant", ["path", "root"])
def test_the_site_is_merged_and_built_and_every_post_has_its_german_page(sites, variant: str) -> None:
    site = sites[variant]
    assert site.merged.returncode == 0, site.merged.stdout + site.merged.stderr
    assert site.merged.stdout.endswith("merge: 7 written\n"), site.merged.stdout
    assert site.ok, site.built.stderr
    crawl = site.crawl
    # the German slugs the translators gave, in the folders Hugo keeps
    for path in ("/de/blog/nutzer-finden/", "/de/blog/anfangen/", "/de/2023/gemeinschaft-aufbauen/", "/de/blog/",
                 "/de/2023/", "/de/nieuws/"):
        assert crawl.page_at(path) is not None, f"Hugo built no {path}"
    # FORMS names every link of every post's body (form_links stops the test where not)
    found = form_links(crawl)
    assert sorted({link.form for link in found}) == ALL_FORMS
    assert all(link.german is not None for link in found)


def test_hugo_pairs_every_dutch_page_with_its_german_page(sites) -> None:
    crawl = sites["path"].crawl
    unpaired = [path for path in DUTCH_PAGES.values() if "de" not in crawl.pages[path].alternates]
    assert unpaired == []


def test_the_forms_table_names_each_link_of_the_dutch_pages(sites) -> None:
    assert sorted(DUTCH_SHAPES) == ALL_FORMS
    misnamed = [
        (link.post_id, link.form, link.dutch.tag, link.dutch.href) for link in form_links(sites["path"].crawl)
        if link.dutch.tag != DUTCH_SHAPES[link.form][0] or not re.match(DUTCH_SHAPES[link.form][1], link.dutch.href)
    ]
    assert misnamed == []


def test_the_crawl_knows_the_base_path(sites) -> None:
    crawl = sites["path"].crawl
    links = {link.href: link for link in crawl.links("nl", content_only=True)}
    assert links["/kennis/over/"].target == "/over/"
    assert links["https://example.org/kennis/blog/gebruikers-vinden/"].target == "/blog/gebruikers-vinden/"
    assert links["../../nieuws/2023/lancering/"].target == "/nieuws/2023/lancering/"
    page = crawl.pages["/blog/gebruikers-vinden/"]
    # a root path outside /kennis/ is off the site's path: broken, though a page /over/ exists
    stray = crawl.link(page.path, "/over/")
    assert stray.outside_base and crawl.broken(stray) == "outside the site's path /kennis/"
    assert crawl.broken(crawl.link(page.path, "#nergens")) == "no #nergens on /blog/gebruikers-vinden/"
    assert crawl.broken(crawl.link(page.path, "")) == "an empty href"
    # an alias's redirect page is followed, and its target checked
    assert crawl.pages["/oud/gebruikers/"].redirect == "/blog/gebruikers-vinden/"
    assert crawl.broken(crawl.link(page.path, "/kennis/oud/gebruikers/#het-woord-verspreiden")) is None


# ---------------------------------------------------------------------------------------
# No broken link, in either language


@pytest.mark.parametrize("variant", ["path", "root", "partial"])
def test_no_dutch_page_has_a_broken_link(sites, variant: str) -> None:
    crawl = lenient_crawl(sites[variant])
    assert crawl.broken_links("nl") == {}
    assert len(crawl.links("nl")) > 50


@pytest.mark.parametrize("variant", ["path", "root"])
def test_no_german_page_has_a_broken_link_or_a_link_to_a_dutch_page_with_a_german_one(sites, variant: str) -> None:
    crawl = sites[variant].crawl
    assert crawl.broken_links("de") == {}
    assert [link.href for link in crawl.links("de") if crawl.other_language(link)] == []


def test_after_a_partial_merge_hugo_builds_and_no_german_page_has_a_broken_link(sites) -> None:
    site = sites["partial"]
    assert "merge: 6 written, 1 below" in site.merged.stdout
    assert site.ok, site.built.stderr
    crawl = site.crawl
    assert crawl.broken_links("de") == {}
    assert [link.href for link in crawl.links("de") if crawl.other_language(link)] == []
    # the links to the post without a German page lead to its Dutch page
    def lands_on(link: Link) -> str | None:
        page = crawl.landing(link)
        return page.path if page is not None else None

    to_it = [link.german for link in form_links(crawl)
             if link.german is not None and lands_on(link.dutch) == "/blog/gebruikers-vinden/"]
    assert len(to_it) == 5
    assert [link.href for link in to_it if lands_on(link) != "/blog/gebruikers-vinden/"] == []


def _form_param(form: str, failing: set[str]) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=NEEDS_L)] if form in failing else []
    return pytest.param(form, marks=marks, id=form)


@pytest.mark.parametrize("form", [_form_param(form, WRONG_NOW) for form in ALL_FORMS])
def test_german_links_of_each_form_lead_to_the_german_page(sites, form: str) -> None:
    crawl = sites["path"].crawl
    found = [link for link in form_links(crawl) if link.form == form]
    assert found
    assert [f"{link.post_id}: {link.german.href}: {wrong(crawl, link.german)}" for link in found
            if wrong(crawl, link.german)] == []


@pytest.mark.parametrize("form", [_form_param(form, WRONG_NOW_PARTIAL) for form in PARTIAL_FORMS])
def test_after_a_partial_merge_german_links_of_each_form_lead_to_a_page_that_exists(sites, form: str) -> None:
    crawl = lenient_crawl(sites["partial"])
    found = [link for link in form_links(crawl) if link.form == form and link.german is not None]
    assert found
    assert [f"{link.post_id}: {link.german.href}: {wrong(crawl, link.german)}" for link in found
            if wrong(crawl, link.german)] == []


# ---------------------------------------------------------------------------------------
# check sees a broken link before Hugo does


def _merged_copy(sites, tmp_path: Path) -> Path:
    """A copy of the merged site (path variant), its public/ left out, check clean."""
    root = tmp_path / "site"
    shutil.copytree(sites["path"].root, root, ignore=shutil.ignore_patterns("public", ".pipeline-cache"))
    checked = run_cli(root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    return root


def _line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                if text in line)


def _names(output: str, file: str, line: int) -> bool:
    """Whether check's text output names ``file`` and, under it, ``line``."""
    if f"{file}:{line}" in output:
        return True
    block = re.search(rf"^{re.escape(file)}\n((?:  .*\n)*)", output, re.MULTILINE)
    return block is not None and re.search(rf"^  {line}: ", block.group(1), re.MULTILINE) is not None


def test_check_fails_on_a_dutch_link_to_a_page_that_does_not_exist(sites, tmp_path: Path) -> None:
    root = _merged_copy(sites, tmp_path)
    post = root / "content" / "nl" / "2023" / "voorjaar" / "onderhouders.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nZie ook [het archief](/kennis/archief/).\n", encoding="utf-8")
    line = _line_of(post, "[het archief]")
    # extracted, translated and merged: nothing is stale, only the link is wrong
    assert run_cli(root, "extract").returncode == 0
    fill_catalog(po_path(root, "2023/voorjaar/onderhouders"), translate)
    merged = run_cli(root, "merge")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    # Hugo agrees that the link leads nowhere, in both languages
    assert hugo(root).returncode == 0
    crawl = Crawl.of(root / "public", BASE_URL)
    assert "/kennis/archief/: no such page or file" in str(crawl.broken_links("nl"))
    assert "/kennis/archief/: no such page or file" in str(crawl.broken_links("de"))
    checked = run_cli(root, "check")
    assert checked.returncode != 0, checked.stdout
    assert _names(checked.stdout, "content/nl/2023/voorjaar/onderhouders.md", line), checked.stdout


def _slug_changed_for_one_post(sites, tmp_path: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The translator renames the bundle's German page and merge is run for that post alone:
    the German section page still links to the old URL (Hugo shows it broken); check's output."""
    root = _merged_copy(sites, tmp_path)
    fill_catalog(po_path(root, "blog/beginnen"),
                 lambda context, msgid: "loslegen" if context == "slug" else translate(context, msgid))
    merged = run_cli(root, "merge", "content/nl/blog/beginnen/index.md")
    assert merged.returncode == 0 and "wrote content/de/blog/beginnen/index.md" in merged.stdout, merged.stdout
    assert hugo(root).returncode == 0
    crawl = Crawl.of(root / "public", BASE_URL)
    assert crawl.page_at("/de/blog/loslegen/") is not None
    # the German section page still links to the old URL: a page that is gone (or, where
    # merge keeps the old URL as an alias, a redirect: still not the link merge would write)
    stale = [link for link in crawl.content_links("/de/blog/") if link.target == "/de/blog/anfangen/"]
    assert len(stale) == 1
    old = crawl.page_at("/de/blog/anfangen/")
    assert old is None or old.redirect == "/de/blog/loslegen/"
    return root, run_cli(root, "check")


def test_check_fails_on_german_posts_whose_links_a_slug_change_of_another_post_made_stale(sites, tmp_path: Path) -> None:
    root, checked = _slug_changed_for_one_post(sites, tmp_path)
    assert checked.returncode == 1, checked.stdout
    # today as a stale German post ([post-stale], at its line 1)
    assert "content/de/blog/_index.md\n" in checked.stdout, checked.stdout


def test_check_names_the_line_of_the_link_a_slug_change_of_another_post_broke(sites, tmp_path: Path) -> None:
    root, checked = _slug_changed_for_one_post(sites, tmp_path)
    assert checked.returncode == 1, checked.stdout
    section = root / "content" / "de" / "blog" / "_index.md"
    said = [("content/de/blog/_index.md", _line_of(section, "anfangen")),
            ("content/nl/blog/_index.md", _line_of(root / "content" / "nl" / "blog" / "_index.md", "(beginnen/)"))]
    assert any(_names(checked.stdout, file, line) for file, line in said), checked.stdout


# ---------------------------------------------------------------------------------------
# What Hugo 0.111 does, that the pipeline's links, aliases and translation keys rely on

HUGO_TOML = """baseURL = "https://example.org/kennis/"
defaultContentLanguage = "nl"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
{extra}
[languages.nl]
contentDir = "content/nl"
[languages.de]
contentDir = "content/de"
"""


def _hugo_site(root: Path, files: dict[str, str | bytes], extra: str = "") -> tuple[subprocess.CompletedProcess[str], Crawl]:
    """A small site with the fixture's layouts, built; Hugo's result and the crawl of it."""
    shutil.copytree(SITE / "layouts", root / "layouts")
    (root / "hugo.toml").write_text(HUGO_TOML.format(extra=extra), encoding="utf-8")
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    done = hugo(root)
    crawl = Crawl.of(root / "public", "https://example.org/kennis/") if done.returncode == 0 else Crawl(root)
    return done, crawl


def test_hugo_gives_a_german_bundle_without_its_own_image_the_dutch_bundle_s(tmp_path: Path) -> None:
    image = (SITE / "content" / "nl" / "blog" / "beginnen" / "schema.png").read_bytes()
    done, crawl = _hugo_site(tmp_path, {
        "content/nl/blog/beginnen/index.md": "---\ntitle: Beginnen\n---\n\n![Schema](schema.png)\n",
        "content/nl/blog/beginnen/schema.png": image,
        # the German bundle (same folder, another slug) has no schema.png of its own
        "content/de/blog/beginnen/index.md": "---\ntitle: Anfangen\nslug: anfangen\n---\n\n![Schema](schema.png)\n",
    })
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "public" / "de" / "blog" / "anfangen" / "schema.png").read_bytes() == image
    assert crawl.broken_links() == {}


def test_hugo_stops_on_a_ref_to_a_page_its_language_does_not_have_unless_told_to_warn(tmp_path: Path) -> None:
    files = {
        "content/nl/a.md": "---\ntitle: A\n---\n\nTekst.\n",
        "content/nl/b.md": '---\ntitle: B\n---\n\n[a]({{< ref "a.md" >}})\n',
        "content/de/b.md": '---\ntitle: B\n---\n\n[a]({{< ref "a.md" >}}), [nl]({{< relref path="a.md" lang="nl" >}})\n',
    }
    done, _ = _hugo_site(tmp_path / "error", files)
    assert done.returncode != 0
    assert '[de] REF_NOT_FOUND: Ref "a.md"' in done.stdout + done.stderr
    done, crawl = _hugo_site(tmp_path / "warning", files, 'refLinksErrorLevel = "WARNING"')
    assert done.returncode == 0, done.stderr
    assert [link.href for link in crawl.content_links("/de/b/")] == ["", "/kennis/a/"]
    assert crawl.broken_links("de") == {"/de/b/": [": an empty href"]}


def test_hugo_publishes_a_german_page_s_alias_with_a_leading_slash_without_the_de_prefix(tmp_path: Path) -> None:
    done, crawl = _hugo_site(tmp_path, {
        "content/nl/blog/x.md": "---\ntitle: X\n---\n\nTekst.\n",
        "content/de/blog/x.md": "---\ntitle: X\nslug: ypsilon\naliases: [/alt/, /de/blog/alt/, kurz/, ../oben/]\n---\n\nText.\n",
    })
    assert done.returncode == 0, done.stderr
    redirects = {path: page.redirect for path, page in crawl.pages.items() if path != "/nl/" and page.redirect}
    assert redirects == {
        "/alt/": "/de/blog/ypsilon/",  # not /de/alt/: a Dutch URL taken by a German page
        "/de/blog/alt/": "/de/blog/ypsilon/",
        "/de/blog/kurz/": "/de/blog/ypsilon/",  # relative: to the page's folder in its language
        "/de/oben/": "/de/blog/ypsilon/",
    }


@pytest.mark.parametrize(("key", "paired"), [(None, True), ("blog", True), ("blog/_index", False)])
def test_hugo_pairs_a_section_page_by_the_translation_key_of_its_folder(tmp_path: Path, key: str | None,
                                                                         paired: bool) -> None:
    german = "---\ntitle: Blog\n" + (f"translationKey: {key}\n" if key else "") + "---\n\nText.\n"
    done, crawl = _hugo_site(tmp_path, {
        "content/nl/blog/_index.md": "---\ntitle: Blog\n---\n\nTekst.\n",
        "content/nl/blog/x.md": "---\ntitle: X\n---\n\nTekst.\n",
        "content/de/blog/_index.md": german,
        "content/de/blog/x.md": "---\ntitle: X\ntranslationKey: blog/x\n---\n\nText.\n",
    })
    assert done.returncode == 0, done.stderr
    assert crawl.pages["/blog/x/"].alternates == {"de": "/de/blog/x/"}  # a page's key is its id
    assert ("de" in crawl.pages["/blog/"].alternates) is paired
