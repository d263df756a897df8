"""pipeline.hugo against the real Hugo (0.111): small sites built in a temporary folder, each
content file's modelled URL compared with the one Hugo gave it; and the reading of Hugo's
configuration, with its one-line errors."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import ConfigError
from pipeline.hugo import (
    ContentTree,
    HugoSettings,
    language_content_dirs,
    language_prefix,
    load_hugo_settings,
    page_url,
    page_urls,
    section_of,
)

from hugo_sites import differences

REPO = Path(__file__).resolve().parent.parent
needs_hugo = pytest.mark.skipif(
    shutil.which("hugo") is None,
    reason="hugo is not installed (Debian package 'hugo'; .ci/run installs it)",
)
QUIET = 'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n'


def _both(languages: tuple[str, ...], pages: dict[str, dict[str, object]]) -> dict:
    return {(language, path): matter for language in languages for path, matter in pages.items()}


# --- the site of this repository: Dutch posts at the top, German ones under /de/

REPO_LIKE = {
    "hugo.toml": f'baseURL = "/"\ndefaultContentLanguage = "nl"\n{QUIET}'
    '[frontmatter]\ndate = [":filename", ":default"]\n'
    '[languages.nl]\ncontentDir = "content/nl"\nweight = 1\n'
    '[languages.de]\ncontentDir = "content/de"\nweight = 2\n',
}
REPO_PAGES = {
    "2017-02-22-Mijn-Post.md": {"title": "Hallo Wereld"},
    "2017-02-23-given.md": {"title": "X", "slug": "Given Slug Ä ß é"},
    "2017-02-24-.md": {"title": "X"},
    "2017-02-25_under_.md": {"title": "X"},
    "2017-13-25-no-such-day.md": {"title": "X"},
    "2017-02-26-empty-slug.md": {"title": "X", "slug": ""},
    "plain.md": {"title": "X", "slug": "-hyphens trimmed-"},
    "spaces.md": {"title": "X", "slug": "  -kept inside spaces-  "},
    "Caps File.md": {"title": "X"},
    "index-slug.md": {"title": "X", "slug": "index"},
    "posts/_index.md": {"title": "Posts", "slug": "a section ignores its slug"},
    "posts/a.md": {"title": "A"},
    "posts/Sub Dir/b.md": {"title": "B", "slug": "bee"},
    "posts/nested/_index.md": {"title": "N"},
    "posts/nested/c.md": {"title": "C"},
    "posts/bundle/index.md": {"title": "Bu"},
    "posts/bundle/not-a-page.md": {"title": "R"},
    "posts/bundle/deeper/also-not.md": {"title": "R"},
    "posts/bundle2/index.md": {"title": "Bu", "slug": "Bundle Slug"},
    "2018-01-01-dated-bundle/index.md": {"title": "Bu"},
    "topbundle/index.md": {"title": "Bu"},
    "_index.md": {"title": "Home", "url": "/a-home-ignores-its-url/"},
    "s/_index.md": {"title": "S", "url": "/Section URL/"},
    "u/rel.md": {"title": "U", "url": "rel/Path"},
    "u/abs.md": {"title": "U", "url": "/Abs/Path"},
    "u/dot.md": {"title": "U", "url": "/file.html"},
    "u/reldot.md": {"title": "U", "url": "x/file.html"},
    "u/withlang.md": {"title": "U", "url": "/de/with/"},
    "u/withlang-rel.md": {"title": "U", "url": "de/twice/"},
    "u/space.md": {"title": "U", "url": "/ä ö/x y"},
    "u/dots.md": {"title": "U", "url": "/a/../b/./c//d/"},
    "u/query.md": {"title": "U", "url": "/q?x=1"},
    "u/empty.md": {"title": "U", "url": ""},
    "html.html": {"title": "H"},
    "x.markdown": {"title": "H"},
    "picture.jpg.md": {"title": "H"},
}


@needs_hugo
def test_a_site_like_this_repository(tmp_path: Path) -> None:
    assert differences(tmp_path, REPO_LIKE, _both(("nl", "de"), REPO_PAGES)) == []


def test_this_repository_s_own_configuration() -> None:
    settings = load_hugo_settings(REPO)
    assert language_content_dirs(settings) == {"nl": "content/nl", "de": "content/de"}
    assert settings.files == ("hugo.toml",)
    seed = "2017-02-22-workshop-e-learning-toekomst.md"
    assert page_url(settings, "nl", seed, {"title": "x"}) == "/workshop-e-learning-toekomst/"
    assert page_url(settings, "de", seed, {"slug": "workshop-e-learning-zukunft"}) == (
        "/de/workshop-e-learning-zukunft/"
    )


# --- permalinks, a baseURL with a path, the default language in a subfolder

PERMALINKS = {
    "hugo.toml": f'baseURL = "https://x.nl/blog"\ndefaultContentLanguage = "nl"\n'
    f"defaultContentLanguageInSubdir = true\n{QUIET}"
    "[permalinks]\n"
    'posts = "/:year/:month/:slug/"\n'
    'docs = "/:sections/:title/"\n'
    'notes = "/:section/:filename/:yearday/:monthname/:day/:weekday/:weekdayname/:2006_01/:Jan/"\n'
    'Caps = "/kaps/:slug/"\n'
    'mixed = "/mx/:slugorfilename/"\n'
    'deep = "/:sections[1:]/:sections[last]/:sections[:last]/:sections[0]/:slug/"\n'
    '"/" = "/top/:filename/"\n'
    "[languages.nl]\ncontentDir = 'content/nl'\nweight = 1\n"
    "[languages.de]\ncontentDir = 'content/de'\nweight = 2\n"
    "[languages.de.permalinks]\nposts = '/beitraege/:slug/'\n",
}
PERMALINK_PAGES = {
    "posts/a.md": {"title": "Hallo Wereld", "date": "2021-03-04"},
    "posts/b.md": {"title": "Hallo", "date": "2021-12-31T23:30:00-05:00", "slug": "Bee Ä"},
    "posts/no-date.md": {"title": "Hallo Wereld"},
    "posts/unreadable-date.md": {"title": "Hallo", "date": "2021-03-04 10:00"},
    "posts/published.md": {"title": "Pub", "publishDate": "2020-05-06"},
    "posts/_index.md": {"title": "P"},
    "posts/bun/index.md": {"title": "Bun dle", "date": "2020-02-29"},
    "posts/sub/x.md": {"title": "Sub X", "date": "2020-02-29"},
    "posts/sub/_index.md": {"title": "Sub"},
    "posts/u.md": {"title": "Sub X", "date": "2020-02-29", "url": "/over/"},
    "posts/ur.md": {"title": "Sub X", "date": "2020-02-29", "url": "over-rel/"},
    "posts/plus.md": {"title": "a + b", "date": "2020-02-29"},
    "posts/escaped.md": {"title": "a%2Bb c++", "date": "2020-02-29"},
    "posts/nothing.md": {"title": "?!", "date": "2020-02-29"},
    "docs/x/y/c.md": {"title": "Über Straße", "date": "2019-07-01"},
    "docs/x/_index.md": {"title": "dx"},
    "docs/x/y/_index.md": {"title": "dxy"},
    "docs/Q/r/z.md": {"title": "Zz"},
    "docs/top.md": {"title": "Top Doc"},
    "notes/N One.md": {"title": "n", "date": "2023-01-01"},
    "notes/Bund/index.md": {"title": "n", "date": "2024-02-29T13:04:05Z"},
    "Caps/one.md": {"title": "One", "slug": "S"},
    "mixed/one.md": {"title": "One"},
    "mixed/two.md": {"title": "Two", "slug": "Zwei"},
    "MIXED/three.md": {"title": "Three"},
    "deep/a/b/_index.md": {"title": "ab"},
    "deep/a/_index.md": {"title": "a"},
    "deep/a/b/p.md": {"title": "Deep P"},
    "deep/q.md": {"title": "Deep Q"},
    "deep/Mix Ed/_index.md": {"title": "me"},
    "deep/Mix Ed/r.md": {"title": "Deep R"},
    "deep/nox/y/_index.md": {"title": "ny"},
    "deep/nox/y/s.md": {"title": "Deep S"},
    "deep/100%/t.md": {"title": "Deep T"},
    "_index.md": {"title": "Home"},
    "Top Page.md": {"title": "Top"},
}


@needs_hugo
def test_permalinks_base_path_and_default_language_in_a_subfolder(tmp_path: Path) -> None:
    assert differences(tmp_path, PERMALINKS, _both(("nl", "de"), PERMALINK_PAGES)) == []


# --- other ways to configure: config/_default/, YAML, JSON, a multihost site

PAGES = {
    "posts/A Post.md": {"title": "Hallo Wereld", "date": "2021-03-04"},
    "posts/b.md": {"title": "Hallo", "slug": "Bee ÄÖ Ü é"},
    "posts/_index.md": {"title": "P"},
    "posts/Bun/index.md": {"title": "Bun"},
    "ugly/x.md": {"title": "X"},
    "ugly/Bun/index.md": {"title": "X"},
    "ugly/_index.md": {"title": "X"},
    "ugly/Sub/_index.md": {"title": "X"},
    "ugly/u.md": {"title": "X", "url": "/Ugly-Url/"},
    "ugly/u2.md": {"title": "X", "url": "ugly-rel"},
    "Ugly/y.md": {"title": "Y"},
    "top.md": {"title": "Top"},
    "TopBun/index.md": {"title": "Top"},
    "_index.md": {"title": "Home"},
    "Ünï/Çà.md": {"title": "Top"},
}
SPLIT = {
    "hugo.toml": 'baseURL = "/overridden/"\ntitle = "x"\n',
    "config/_default/hugo.toml": f'baseURL = "https://h.example/Sub/"\n{QUIET}'
    'DefaultContentLanguage = "de"\ndisablePathToLower = true\n[uglyurls]\nugly = true\n',
    "config/_default/languages.toml": "[nl]\ncontentDir = 'content/nl'\nweight = 2\n"
    "[de]\ncontentDir = 'content/de'\nweight = 1\n",
    "config/_default/permalinks.toml": 'posts = "/p/:slug/"\n',
    "config/_default/params.toml": "x = 1\n",
    "config/_default/menus.toml": '[[main]]\nname = "x"\nurl = "/"\n',
    "config/_default/menus.nl.toml": '[[main]]\nname = "y"\nurl = "/"\n',
    "config/_default/more/languages.nl.yaml": "removePathAccents: true\n",
    "config/production/hugo.toml": "defaultContentLanguageInSubdir = true\n",
}
YAML = {
    "hugo.yaml": "baseURL: /\nuglyURLs: true\nremovePathAccents: true\n"
    "defaultContentLanguageInSubdir: true\n"
    "disableKinds: [taxonomy, term, RSS, sitemap, robotsTXT]\n"
    "permalinks:\n  posts: /:year/:slug/\n",
}
JSON_MULTIHOST = {
    "config.json": '{"disableKinds": ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"],'
    ' "baseURL": "https://a.example/", "defaultContentLanguage": "nl", "languages": {'
    '"nl": {"contentDir": "content/nl", "baseURL": "https://nl.example/x/"},'
    ' "de": {"contentDir": "content/de", "baseURL": "https://de.example/", "uglyURLs": true}}}',
}
CANONIFY = {
    "hugo.toml": f'baseURL = "https://c.example/base/"\ncanonifyURLs = true\n{QUIET}'
    '[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\ncontentDir = "contenu"\n',
}


@needs_hugo
@pytest.mark.parametrize(
    ("config", "languages"),
    [(SPLIT, ("nl", "de")), (YAML, ("en",)), (JSON_MULTIHOST, ("nl", "de")),
     (CANONIFY, ("en", "fr"))],
    ids=["config-dir", "yaml-one-language-ugly", "json-multihost", "canonify"],
)
def test_other_configurations(tmp_path: Path, config: dict, languages: tuple[str, ...]) -> None:
    assert differences(tmp_path, config, _both(languages, PAGES)) == []


# --- bundles and sections in odd places, attributes inside what attributes give

EDGES = {
    "hugo.toml": f'baseURL = "/"\n{QUIET}[permalinks]\nt = "/t/:title/"\n'
    '"a:title" = "/:section/:title/"\n',
}
EDGE_PAGES = {
    "t/no-title.md": {},
    "t/numbers.md": {"title": 2021, "slug": 7},
    "a:title/x.md": {"title": "XX"},  # the section's :title is replaced in turn
    "t/b/_index.md": {"title": "b"},
    "t/b/c/index.md": {"title": "c"},
    "t/b/c/_index.md": {"title": "both an index and an _index: a branch"},
    "t/b/c/other.md": {"title": "o"},
    "z/index.md": {"title": "z"},
    "z/_index.md": {"title": "z2"},
    "z/other.md": {"title": "o"},
    "y/index.md": {"title": "y"},
    "y/sub/_index.md": {"title": "in a leaf bundle: no page"},
    "y/sub/p.md": {"title": "in a leaf bundle: no page"},
}
ROOT_BUNDLE = {"hugo.toml": f'baseURL = "/"\n{QUIET}'}
ROOT_BUNDLE_PAGES = {
    "index.md": {"title": "the home page, a leaf bundle"},
    "a.md": {"title": "a resource of the home page"},
    "posts/_index.md": {"title": "no section"},
    "posts/b.md": {"title": "no page"},
}


@needs_hugo
@pytest.mark.parametrize(("config", "pages"), [(EDGES, EDGE_PAGES), (ROOT_BUNDLE, ROOT_BUNDLE_PAGES)],
                         ids=["edges", "home-leaf-bundle"])
def test_bundles_and_sections_in_odd_places(tmp_path: Path, config: dict, pages: dict) -> None:
    assert differences(tmp_path, config, _both(("en",), pages)) == []


# --- any text in a slug, a title, a file or folder name, a url

#: Characters Hugo treats each its own way: kept, dropped, made a hyphen, escaped; letters
#: whose lowercase Python and Go make differently; marks, digits of other scripts, spaces
CHARACTERS = list("aZ09 -_.~+#%&?/\\@!$'()*,;=:[]{}<>|^`\"\t") + list(
    "äÄßéÑİıΣσς日本ŉﬁ\u00a0\u2003\u0301\u200b\u00ad①²٣"
)
texts = st.text(st.sampled_from(CHARACTERS), min_size=1, max_size=12)
names = texts.map(lambda t: t.replace("/", "").replace("\\", "")).filter(
    lambda t: t.strip() and t[0] not in "._~#" and "\t" not in t
)
# Hugo panics on a url with a bad %-escape or a control character: not a URL to model; a
# dot segment ("/u/." is cleaned to the file public/u) beside "/u/" (the folder public/u/)
# makes a site Hugo cannot build ("public/u: is a directory"): not a site to model either
urls = texts.map(lambda t: "/u" + t.replace("%", "").replace("\t", "").replace("#", "")).filter(
    lambda url: not re.search(r"/\.{1,2}(?:/|$)", url)
)


@needs_hugo
@settings(max_examples=4, deadline=None)
@given(
    slugs=st.lists(texts, min_size=20, max_size=20),
    titles=st.lists(texts, min_size=20, max_size=20),
    files=st.lists(names, min_size=15, max_size=15, unique_by=str.lower),
    address=st.lists(urls, min_size=10, max_size=10),
)
def test_any_text_is_made_a_path_as_hugo_makes_it(
    slugs: list[str], titles: list[str], files: list[str], address: list[str]
) -> None:
    config = {
        "hugo.toml": f'baseURL = "/"\ndefaultContentLanguage = "nl"\n{QUIET}'
        '[permalinks]\nt = "/t/:title/"\nf = "/f/:filename/"\ns = "/s/:slug/"\n'
        "[languages.nl]\ncontentDir = 'content/nl'\n[languages.de]\ncontentDir = 'content/de'\n",
    }
    pages: dict[tuple[str, str], dict[str, object]] = {}
    for i, (slug, title) in enumerate(zip(slugs, titles)):
        pages[("nl", f"p/{i}.md")] = {"title": "x", "slug": slug}
        pages[("nl", f"t/{i}.md")] = {"title": title}
        pages[("de", f"s/{i}.md")] = {"title": title, "slug": slug}
    for i, url in enumerate(address):
        pages[("de", f"u/{i}.md")] = {"title": "x", "url": url}
    for i, name in enumerate(files):
        pages[("nl", f"f/{i}{name}.md")] = {"title": "x"}
        pages[("de", f"{name}{i}/x.md")] = {"title": "x"}
    with tempfile.TemporaryDirectory() as root:
        assert differences(Path(root), config, pages) == []


# --- the model without Hugo: sections, prefixes, dates


def test_section_of() -> None:
    assert section_of("a.md") == ""
    assert section_of("posts/a.md") == "posts"
    assert section_of("posts/2021/a.md") == "posts"
    assert section_of("posts/_index.md") == "posts"
    assert section_of("bundle/index.md") == ""  # a leaf bundle at the top has no section
    assert section_of("posts/bundle/index.md") == "posts"


def test_content_tree_knows_bundles_and_sections() -> None:
    tree = ContentTree.of(["a/_index.md", "a/b/c/_index.md", "a/b/c/d.md", "a/leaf/index.md",
                           "a/leaf/x.md", "a/leaf/sub/y.md"])
    assert tree.section_path("a/b/c") == "a/b/c"
    assert tree.section_path("a/b") == "a"  # a folder without an _index is no section
    assert tree.in_leaf_bundle("a/leaf/x.md") and tree.in_leaf_bundle("a/leaf/sub/y.md")
    assert not tree.in_leaf_bundle("a/leaf/index.md")
    settings = HugoSettings()
    assert page_url(settings, "en", "a/leaf/x.md", {}, tree) is None
    assert page_url(settings, "en", "a/leaf/index.md", {}, tree) == "/a/leaf/"
    assert page_url(settings, "en", "a/photo.jpg", {}, tree) is None


def test_page_urls_knows_the_whole_tree() -> None:
    pages = {"a/_index.md": {}, "a/b/_index.md": {}, "a/b/c.md": {}, "a/b/c/index.md": {},
             "a/b/c/d.md": {}}
    settings = load_settings({"hugo.toml": "[permalinks]\na = '/:sections/:filename/'\n"})
    assert page_urls(settings, "en", pages) == {
        "a/_index.md": "/a/", "a/b/_index.md": "/a/b/", "a/b/c.md": "/a/b/c/",
        "a/b/c/index.md": "/a/b/c/", "a/b/c/d.md": None,
    }
    # one file alone: its folders are not known to be sections or bundles
    assert page_url(settings, "en", "a/b/c/d.md", {}) == "/a/d/"


def test_language_prefix() -> None:
    settings = load_settings({"hugo.toml": 'defaultContentLanguage = "nl"\n'
                              "[languages.nl]\n[languages.de]\n"})
    assert (language_prefix(settings, "nl"), language_prefix(settings, "de")) == ("", "de")
    alone = load_settings({"hugo.toml": "defaultContentLanguageInSubdir = true\n"})
    assert language_prefix(alone, "en") == ""  # one language: never a prefix


def test_the_filename_date_handler_gives_the_slug_only_when_it_gives_a_date() -> None:
    first = load_settings({"hugo.toml": '[frontmatter]\ndate = [":filename", ":default"]\n'})
    last = load_settings({"hugo.toml": '[frontmatter]\ndate = [":default", ":filename"]\n'})
    name = "2017-02-22-name.md"
    assert page_url(first, "en", name, {"date": "2020-01-01"}) == "/name/"
    assert page_url(last, "en", name, {"date": "2020-01-01"}) == "/2017-02-22-name/"
    assert page_url(last, "en", name, {}) == "/name/"
    assert page_url(HugoSettings(), "en", name, {}) == "/2017-02-22-name/"


def test_front_matter_dates_from_yaml_are_read_as_written() -> None:
    import datetime as dt

    settings = load_settings({"hugo.toml": '[permalinks]\nposts = "/:year/:month/:day/:slug/"\n'})
    for date in ("2021-12-31T23:30:00-05:00", dt.datetime(2021, 12, 31, 23, 30,
                 tzinfo=dt.timezone(dt.timedelta(hours=-5))), dt.date(2021, 12, 31)):
        assert page_url(settings, "en", "posts/a.md", {"title": "A", "date": date}) == (
            "/2021/12/31/a/"
        )


# --- reading the configuration


def load_settings(files: dict[str, str]) -> HugoSettings:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        return load_hugo_settings(root)


def test_no_configuration_is_the_defaults(tmp_path: Path) -> None:
    settings = load_hugo_settings(tmp_path)
    assert settings == HugoSettings()
    assert language_content_dirs(settings) == {"en": "content"}
    assert page_url(settings, "en", "posts/Hello World.md", {}) == "/posts/hello-world/"


def test_hugo_toml_is_read_before_config_toml() -> None:
    settings = load_settings({"hugo.toml": 'baseURL = "/a/"\n', "config.toml": 'baseURL = "/b/"\n',
                              "hugo.yaml": "baseURL: /c/\n"})
    assert settings.files == ("hugo.toml",)
    assert settings.languages[0].base_path == "/a/"


def test_keys_are_read_without_regard_to_case() -> None:
    settings = load_settings({"hugo.toml": 'DEFAULTcontentLANGUAGE = "NL"\nbaseurl = "https://x.nl/blog"\n'
                              "[Languages.NL]\nContentDir = 'content/nl/'\nWeight = 3\n"})
    assert settings.default_language == "nl"
    (language,) = settings.languages
    assert (language.code, language.content_dir, language.weight, language.base_path) == (
        "nl", "content/nl", 3, "/blog"
    )


def test_languages_in_hugo_s_order() -> None:
    settings = load_settings({"hugo.toml": "defaultContentLanguage = 'b'\n[languages.a]\n"
                              "[languages.b]\nweight = 2\n[languages.c]\nweight = 1\n[languages.d]\n"})
    assert [language.code for language in settings.languages] == ["c", "b", "a", "d"]


def test_disabled_languages_are_left_out() -> None:
    settings = load_settings({"hugo.toml": "disableLanguages = ['de']\n[languages.en]\n[languages.de]\n"})
    assert [language.code for language in settings.languages] == ["en"]


def test_a_language_s_own_settings_replace_the_site_s() -> None:
    settings = load_settings({"hugo.toml": "[permalinks]\nposts = '/:slug/'\ndocs = '/d/:slug/'\n"
                              "[languages.en]\n[languages.de]\nuglyURLs = true\n"
                              "[languages.de.permalinks]\nposts = '/b/:slug/'\n"})
    en, de = settings.language("en"), settings.language("de")
    assert en.permalinks == {"posts": "/:slug/", "docs": "/d/:slug/"} and not en.ugly_urls
    assert de.permalinks == {"posts": "/b/:slug/"} and de.ugly_urls


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"hugo.toml": 'baseURL = "/"\ntitle = "x\n'}, "hugo.toml:2: is not valid TOML"),
        ({"hugo.yaml": "baseURL: /\nlanguages:\n  de: [\n"}, "hugo.yaml:4: is not valid YAML"),
        ({"config.json": '{"baseURL": "/",\n"x": }'}, "config.json:2: is not valid JSON"),
        ({"hugo.toml": "x = 1\n", "config/_default/languages.toml": "[de\n"},
         "config/_default/languages.toml:1: is not valid TOML"),
        ({"hugo.yaml": "- a\n- b\n"}, "hugo.yaml:1: must hold a table of settings, not a list"),
        ({"hugo.toml": "title = 'x'\nuglyURLs = 'yes'\n"},
         "hugo.toml:2: uglyURLs must be true or false, or a table, not the string 'yes'"),
        ({"hugo.toml": "[languages.de]\nweight = 'heavy'\n"},
         "hugo.toml:2: languages.de.weight must be a whole number, not the string 'heavy'"),
        ({"hugo.toml": "[languages]\nde = 'x'\n"},
         "hugo.toml:2: languages.de must be a table, not the string 'x'"),
        ({"hugo.toml": "x = 1\n", "config/_default/permalinks.toml": "# posts\nposts = 2\n"},
         "config/_default/permalinks.toml:2: permalinks.posts must be a string, not the number 2"),
    ],
)
def test_a_bad_configuration_is_one_line_naming_file_and_line(files: dict, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(files)
    assert str(caught.value).startswith(expected), str(caught.value)
    assert "\n" not in str(caught.value)


#: Configurations Hugo 0.111 itself refuses (or panics on), and the start of our message
REFUSED = [
    ("[permalinks.page]\nposts = '/:slug/'\n",
     "hugo.toml:1: permalinks.page is a table: Hugo 0.111 reads one pattern per section"),
    ("[permalinks]\nposts = '/:year/:nosuch/'\n",
     "hugo.toml:2: permalinks.posts = '/:year/:nosuch/' has :nosuch, which Hugo 0.111 does not know"),
    ("[permalinks]\nposts = '/a//:slug/'\n",
     "hugo.toml:2: permalinks.posts = '/a//:slug/' has an empty path segment (//)"),
    ("defaultContentLanguage = 'fr'\n[languages.en]\n[languages.de]\n",
     "hugo.toml:1: defaultContentLanguage is 'fr', which is not one of the languages (en, de)"),
    ("[languages.en]\nbaseURL = 'https://en.example/'\n[languages.de]\n",
     "hugo.toml:1: languages gives a baseURL to en but not to every language"),
    ("disableLanguages = ['en']\n[languages.en]\n[languages.de]\n",
     "hugo.toml:1: disableLanguages names the default language 'en'"),
]


@pytest.mark.parametrize(("config", "expected"), REFUSED, ids=[e.split(":")[2] for _, e in REFUSED])
def test_what_hugo_refuses_is_refused(tmp_path: Path, config: str, expected: str) -> None:
    (tmp_path / "hugo.toml").write_text(config, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_hugo_settings(tmp_path)
    assert str(caught.value).startswith(expected), str(caught.value)
    assert "\n" not in str(caught.value)
    if shutil.which("hugo"):
        built = subprocess.run(["hugo", "--source", str(tmp_path), "--quiet"],
                               capture_output=True, text=True)
        assert built.returncode != 0, "Hugo builds this configuration"


def test_a_default_language_in_capitals_is_refused_where_hugo_misreads_it(tmp_path: Path) -> None:
    # Hugo 0.111 takes "NL" for the language nl, and still publishes its pages under /nl/
    config = ('defaultContentLanguage = "NL"\n[languages.nl]\ncontentDir = "content/nl"\n'
              '[languages.de]\ncontentDir = "content/de"\n')
    (tmp_path / "hugo.toml").write_text(config, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_hugo_settings(tmp_path)
    assert str(caught.value) == (
        "hugo.toml:1: defaultContentLanguage is 'NL': Hugo would still put /nl/ before that "
        'language\'s pages: write it in lowercase, defaultContentLanguage = "nl"'
    )
    if shutil.which("hugo"):
        (tmp_path / "content" / "nl").mkdir(parents=True)
        (tmp_path / "content" / "nl" / "a.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
        (tmp_path / "layouts" / "_default").mkdir(parents=True)
        (tmp_path / "layouts" / "_default" / "single.html").write_text("{{ .Title }}", encoding="utf-8")
        built = subprocess.run(["hugo", "--source", str(tmp_path), "--quiet"],
                               check=False, capture_output=True, text=True)
        assert built.returncode == 0, built.stderr
        assert (tmp_path / "public" / "nl" / "a" / "index.html").is_file()
        assert not (tmp_path / "public" / "a").exists()
        (tmp_path / "hugo.toml").write_text(config.replace('"NL"', '"nl"'), encoding="utf-8")
        assert load_hugo_settings(tmp_path).default_language == "nl"
