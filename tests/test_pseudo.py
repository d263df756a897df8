"""`pipeline pseudo`: the pseudo text (markup kept, at least 30 % longer), the pseudo slug,
the command, and a real Hugo 0.111 build of the realistic site (``sectioned_site.py``) in
which every Dutch page has its pseudo page, every link of a pseudo page resolves to a pseudo
page, and the pseudo posts have the Dutch posts' block structure; the plain build stays
byte for byte what it was, and the German catalogs and posts are untouched."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from merge_support import block_structure, body, fill_catalog, spec_examples, spec_id, spec_post
from reliability_support import examples
from sectioned_site import DUTCH_PAGES, copy_site, hugo, translate
from site_crawl import Crawl
from support import ARTICLES, SEED, SEED_ID, make_root, po_path, run_cli

from pipeline import api
from pipeline.markdown import markdown_parser
from pipeline.po import parse_catalog
from pipeline.pseudo import GROWTH, pseudo_language, pseudo_slug, pseudo_text

LANGUAGE = "de-x-pseudo"


def _msgids() -> list[str]:
    """Every msgid of the real articles and the seed (front matter and body)."""
    found: list[str] = []
    for path in [*ARTICLES, SEED]:
        template = api.template_of(path.read_text(encoding="utf-8"))
        found += [m.msgid for m in parse_catalog("t.pot", template).messages if m.msgctxt != "slug"]
    return found


MSGIDS = _msgids()


def _inline_markup(text: str) -> list[tuple[str, ...]]:
    """What of a unit is markup, as markdown-it-py (the site's dialect) reads it: every inline
    token's type and nesting, with the bytes of code spans, inline HTML, link and image
    destinations and titles; the text of text tokens left out."""
    tokens = markdown_parser().parseInline(text)[0].children or []
    markup = []
    for token in tokens:
        kept = token.content if token.type in ("code_inline", "html_inline") else ""
        attrs = tuple(f"{k}={v}" for k, v in sorted((token.attrs or {}).items()) if k != "alt")
        markup.append((token.type, str(token.nesting), token.markup, kept, *attrs))
    return markup


_SHORTCODE_RE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.DOTALL)
_ENTITY_RE = re.compile(r"&#?\w+;")
_URL_RE = re.compile(r"https?://[^\s\"'<>()]+")


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from(MSGIDS), min_size=1, max_size=3))
def test_pseudo_text_of_real_units_keeps_markup_and_is_30_percent_longer(units: list[str]) -> None:
    text = " ".join(units)
    pseudo = pseudo_text(text)
    assert len(pseudo) >= (1 + GROWTH) * len(text)
    assert pseudo.endswith("⟧")
    assert _inline_markup(pseudo)[: len(_inline_markup(text))] == _inline_markup(text)
    for pattern in (_SHORTCODE_RE, _ENTITY_RE, _URL_RE):
        assert pattern.findall(pseudo) == pattern.findall(text)
    assert pseudo_text(text) == pseudo  # deterministic


def test_the_real_units_are_many_and_mostly_changed() -> None:
    assert len(MSGIDS) > 500
    changed = [m for m in MSGIDS if pseudo_text(m).rpartition(" ⟦")[0] != m]
    assert len(changed) > 0.95 * len(MSGIDS)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Lees [de gids](/over-ons/#kop \"Titel\") nu", ["](/over-ons/#kop \"", "\")"]),
        ("Een ![foto van ons](/img/team.png) hier", ["](/img/team.png)"]),
        ("Zie [de gids][gids] en [gids] of [^1]", ["][gids]", "[gids]", "[^1]"]),
        ("Typ `pipeline pseudo --clean` nu", ["`pipeline pseudo --clean`"]),
        ('Een <a href="/over/" title="over ons">link</a> hier', ['<a href="/over/" title="over ons">', "</a>"]),
        ('Zie {{< ref "blog/beginnen" >}} en {{% note %}}tekst{{% /note %}}',
         ['{{< ref "blog/beginnen" >}}', "{{% note %}}", "{{% /note %}}"]),
        ("Mail ons op info@voorbeeld.nl of zie https://voorbeeld.nl/pagina?a=b", ["info@voorbeeld.nl",
                                                                                   "https://voorbeeld.nl/pagina?a=b"]),
        ("Tom &amp; Jerry &#8212; samen <!-- opmerking -->", ["&amp;", "&#8212;", "<!-- opmerking -->"]),
    ],
)
def test_pseudo_text_keeps_each_kind_of_markup_byte_for_byte(text: str, kept: list[str]) -> None:
    pseudo = pseudo_text(text)
    for part in kept:
        assert part in pseudo, (part, pseudo)
    assert "ä" in pseudo or "ö" in pseudo or "é" in pseudo


def test_pseudo_text_is_german_like() -> None:
    assert pseudo_text('Wij lassen "samen" aan de boot').startswith("Wíj läßén „sämén“ ään dé bööt ⟦")


@settings(max_examples=examples(100), deadline=None)
@given(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True),
       st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True))
def test_pseudo_slugs_are_ascii_url_segments_one_for_each_slug(one: str, other: str) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", pseudo_slug(one))
    assert (pseudo_slug(one) == pseudo_slug(other)) == (one == other)
    assert (pseudo_slug(one) == one) == (not set("aou") & set(one))


def test_pseudo_language_takes_its_rules_from_its_base_language() -> None:
    assert pseudo_language("de-x-pseudo").base == "de"
    assert pseudo_language("pt-br-x-lang").base == "pt_BR"
    assert pseudo_language("sr-latn-x-lang").base == "sr_Latn"  # a script as Babel writes it
    for bad in ("de", "DE-x-pseudo", "de-x-", "de-x-pseudo/..", "de_x_pseudo"):
        with pytest.raises(ValueError, match="'<language>-x-<tag>'"):
            pseudo_language(bad)
    with pytest.raises(ValueError, match="not a language code Babel knows"):
        pseudo_language("qq-x-pseudo")


#: CommonMark examples whose pseudo post merge refuses, and why (test_merge_pseudo's
#: PSEUDO_REFUSED has them too): segmentation quirks and labels no rule can tell
PSEUDO_REFUSED = {
    491: "test_merge_identity's FORCED_CHANGES quirk: lines joined, '<foo\\nbar>' becomes a link destination",
    494: "a link destination in unclosed brackets, 'b)c', is text the rule changes (link-target)",
    568: "[foo][bar][baz]: '[foo]' is a shortcut link followed by '[', its label changed (the link is lost)",
    616: "test_merge_identity's FORCED_CHANGES quirk: an inline tag over two lines joined starts an HTML block",
}
#: CommonMark examples the rule broke before it kept them: tag names of a tag left open
#: (156-158), code spans with backticks inside (329-349), collapsed references ``[foo][]``
#: and ``![foo][]`` (553-586)
KEPT_NOW = [156, 157, 158, 329, 339, 340, 349, 553, 554, 555, 566, 576, 584, 585, 586]


def test_merge_writes_the_pseudo_post_of_every_real_article_and_of_hard_commonmark_examples(tmp_path: Path) -> None:
    examples_by_number = {int(spec_id(ex).split("-")[1]): ex for ex in spec_examples()}
    posts: dict[str, str | bytes] = {path.name: path.read_bytes() for path in [*ARTICLES, SEED]}
    posts |= {f"example-{n}.md": spec_post(examples_by_number[n]) for n in [*KEPT_NOW, *PSEUDO_REFUSED]}
    root = make_root(tmp_path, posts)
    shutil.copy(HUGO_TOML, root / "hugo.toml")
    report = api.pseudo(root, use_cache=False)
    assert not report.catalogs.errors
    refused = {result.post_id: result.message for result in report.merged.results if result.action != "written"}
    assert sorted(refused) == sorted(f"example-{n}" for n in PSEUDO_REFUSED), refused
    for path in [*ARTICLES, SEED]:
        dutch = path.read_text(encoding="utf-8")
        pseudo = (root / "content" / LANGUAGE / path.name).read_text(encoding="utf-8")
        assert block_structure(body(pseudo)) == block_structure(body(dutch)), path.name


# ---------------------------------------------------------------------------------------
# The command


HUGO_TOML = Path(__file__).resolve().parent.parent / "hugo.toml"


def _site(tmp_path: Path) -> Path:
    root = make_root(tmp_path, {f"{SEED_ID}.md": SEED.read_bytes()})
    shutil.copy(HUGO_TOML, root / "hugo.toml")
    return root


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".pipeline-cache" not in p.parts and "public" not in p.parts
    }


def test_the_command_fills_the_pseudo_locale_once_and_clean_removes_it(tmp_path: Path) -> None:
    root = _site(tmp_path)
    before = _tree(root)
    done = run_cli(root, "pseudo")
    assert done.returncode == 0, done.stderr
    assert f"wrote locale/{LANGUAGE}/LC_MESSAGES/{SEED_ID}.po" in done.stdout
    assert f"wrote content/{LANGUAGE}/{SEED_ID}.md" in done.stdout
    assert "pseudo: 1 catalog written, 0 unchanged; merge: 1 written" in done.stdout
    post = (root / "content" / LANGUAGE / f"{SEED_ID}.md").read_text(encoding="utf-8")
    assert f"lang: {LANGUAGE}\n" in post and "slug: woerkshoep-e-leaerning-toeekoemst\n" in post
    assert block_structure(body(post)) == block_structure(body(SEED.read_text(encoding="utf-8")))
    assert not (root / "locale" / "de").exists() and not (root / "content" / "de").exists()
    filled = _tree(root)
    again = run_cli(root, "pseudo")
    assert again.returncode == 0, again.stderr
    assert "pseudo: 0 catalogs written, 1 unchanged; merge: 1 unchanged" in again.stdout
    assert _tree(root) == filled
    cleaned = run_cli(root, "pseudo", "--clean")
    assert cleaned.returncode == 0 and "pseudo: de-x-pseudo removed" in cleaned.stdout
    assert _tree(root) == before and not (root / "config").exists()


def test_the_pseudo_files_of_a_post_that_is_gone_are_removed(tmp_path: Path) -> None:
    root = _site(tmp_path)
    (root / "content" / "nl" / "2023" / "reis").mkdir(parents=True)
    (root / "content" / "nl" / "2023" / "reis" / "index.md").write_text("---\ntitle: Reis\n---\n\nTekst.\n")
    assert run_cli(root, "pseudo").returncode == 0
    assert (root / "content" / LANGUAGE / "2023" / "reis" / "index.md").is_file()
    shutil.rmtree(root / "content" / "nl" / "2023")
    done = run_cli(root, "pseudo")
    assert done.returncode == 0, done.stderr
    assert f"removed locale/{LANGUAGE}/LC_MESSAGES/2023/reis.po (its post is gone)" in done.stdout
    assert f"removed content/{LANGUAGE}/2023/reis/index.md (its post is gone)" in done.stdout
    assert not (root / "content" / LANGUAGE / "2023").exists()
    assert not (root / "locale" / LANGUAGE / "LC_MESSAGES" / "2023").exists()
    assert (root / "content" / LANGUAGE / f"{SEED_ID}.md").is_file()


def test_the_pseudo_catalogs_are_valid_for_msgfmt(tmp_path: Path) -> None:
    root = _site(tmp_path)
    assert run_cli(root, "pseudo").returncode == 0
    catalog = root / "locale" / LANGUAGE / "LC_MESSAGES" / f"{SEED_ID}.po"
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(catalog)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0 and not done.stderr, done.stderr


def test_a_language_that_is_no_pseudo_language_is_a_usage_error(tmp_path: Path) -> None:
    root = make_root(tmp_path, {f"{SEED_ID}.md": SEED.read_bytes()})
    done = run_cli(root, "pseudo", "--language", "de")
    assert done.returncode == 2
    assert "'de' is not a pseudo language code" in done.stderr
    assert _tree(root) == {f"content/nl/{SEED_ID}.md": SEED.read_bytes()}


def test_a_site_without_hugo_configuration_is_refused_with_what_to_do(tmp_path: Path) -> None:
    root = make_root(tmp_path, {f"{SEED_ID}.md": SEED.read_bytes()})
    done = run_cli(root, "pseudo")
    assert done.returncode == 2
    assert "hugo.toml: not found: `pipeline pseudo` adds its language" in done.stderr
    assert _tree(root) == {f"content/nl/{SEED_ID}.md": SEED.read_bytes()}
    assert run_cli(root, "merge").returncode == 0  # the other commands see the site as before


# ---------------------------------------------------------------------------------------
# The realistic site, built by Hugo 0.111

needs_hugo = pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")


def _public(root: Path, *args: str) -> dict[str, bytes]:
    shutil.rmtree(root / "public", ignore_errors=True)
    done = subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public"), *args],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr + done.stdout
    public = root / "public"
    return {p.relative_to(public).as_posix(): p.read_bytes() for p in sorted(public.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The site translated into German and built; then `pipeline pseudo`, twice; the builds."""
    root = copy_site(tmp_path_factory.mktemp("pseudo") / "site")
    assert run_cli(root, "extract").returncode == 0
    for post_id in DUTCH_PAGES:
        fill_catalog(po_path(root, post_id), translate)
    assert run_cli(root, "merge").returncode == 0
    assert hugo(root).returncode == 0
    plain_before = _public(root)
    before = _tree(root)
    first = run_cli(root, "pseudo")
    filled = _tree(root)
    second = run_cli(root, "pseudo")
    return {
        "root": root, "before": before, "filled": filled, "after": _tree(root), "first": first,
        "second": second, "plain_before": plain_before, "plain_after": _public(root),
        "pseudo": _public(root, "--environment", "pseudo"),
    }


@needs_hugo
def test_pseudo_leaves_the_german_files_and_the_plain_build_as_they_were(site) -> None:
    assert site["first"].returncode == 0, site["first"].stderr
    german = {name: data for name, data in site["before"].items() if not name.startswith(("content/nl/",))}
    assert {name: site["filled"][name] for name in german} == german
    assert site["plain_after"] == site["plain_before"]
    assert not any(name.startswith(f"{LANGUAGE}/") for name in site["plain_after"])


@needs_hugo
def test_pseudo_run_twice_changes_nothing(site) -> None:
    assert site["second"].returncode == 0, site["second"].stderr
    assert "0 catalogs written" in site["second"].stdout and "written" not in site["second"].stdout.split("merge:")[1]
    assert site["after"] == site["filled"]


@needs_hugo
def test_every_dutch_page_has_its_pseudo_page_whose_links_all_lead_to_pseudo_pages(site) -> None:
    root: Path = site["root"]  # type: ignore[assignment]
    assert site["pseudo"]  # the build above left public/ as the pseudo environment's
    crawl = Crawl.of(root / "public", "https://example.org/kennis/")
    pseudo_pages = [page for page in crawl.pages.values() if page.language == LANGUAGE]
    for post_id, dutch in DUTCH_PAGES.items():
        page = crawl.pages[dutch]
        assert LANGUAGE in page.alternates, post_id
        target = crawl.page_at(page.alternates[LANGUAGE])
        assert target is not None and target.language == LANGUAGE, post_id
        assert target.path.startswith(f"/{LANGUAGE}/")
        html = (root / "public" / target.path.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert re.search(r"<h1>[^<]*⟧</h1>", html), post_id
    assert len(pseudo_pages) >= len(DUTCH_PAGES)
    for page in pseudo_pages:
        for link in page.links:
            if not link.in_content or link.target is None:
                continue
            assert crawl.broken(link) is None, (page.path, link)
            landing = crawl.landing(link)
            assert landing is None or landing.language == LANGUAGE, (page.path, link)  # None: a file


@needs_hugo
def test_pseudo_posts_have_the_dutch_posts_block_structure(site) -> None:
    root: Path = site["root"]  # type: ignore[assignment]
    for dutch in sorted((root / "content" / "nl").rglob("*.md")):
        relative = dutch.relative_to(root / "content" / "nl")
        pseudo = root / "content" / LANGUAGE / relative
        assert pseudo.is_file(), relative
        assert block_structure(body(pseudo.read_text(encoding="utf-8"))) == block_structure(
            body(dutch.read_text(encoding="utf-8"))), relative


def test_merge_keeps_a_reference_definition_to_a_german_heading_with_umlauts(tmp_path: Path) -> None:
    """Found by the pseudo site: merge refused a link through a reference definition to a
    heading whose German anchor is not ASCII (``#über-uns``), comparing the definition's
    percent-encoded destination with its rewrite as written."""
    root = make_root(tmp_path, {
        "a.md": "---\ntitle: A\n---\n\n## Over ons\n\nTekst.\n",
        "b.md": "---\ntitle: B\n---\n\nLees [over ons][x].\n\n[x]: /a/#over-ons\n",
    })
    shutil.copy(HUGO_TOML, root / "hugo.toml")
    assert run_cli(root, "extract").returncode == 0
    german = {"Over ons": "Über uns", "Lees [over ons][x].": "Lies [über uns][x].", "Tekst.": "Text."}
    for post_id in ("a", "b"):
        fill_catalog(po_path(root, post_id), lambda context, msgid: german.get(msgid, msgid))
    done = run_cli(root, "merge")
    assert done.returncode == 0, done.stderr
    assert "[x]: /de/a/#über-uns\n" in (root / "content" / "de" / "b.md").read_text(encoding="utf-8")


def test_the_string_tables_and_menus_not_pseudo_translated_are_named(tmp_path: Path) -> None:
    """Hugo's string tables and the menus are not pseudo-translated (the pseudo pages show
    Hugo's fallback for them): the run says so, naming what it left, rather than a tester
    taking their Dutch strings for strings no translation reaches."""
    root = _site(tmp_path)
    plain = run_cli(root, "pseudo")
    assert plain.returncode == 0 and "not pseudo-translated" not in plain.stderr
    (root / "i18n").mkdir()
    (root / "i18n" / "nl.toml").write_text('[lees_meer]\nother = "Lees meer"\n', encoding="utf-8")
    with open(root / "hugo.toml", "a", encoding="utf-8") as file:
        file.write('\n[[languages.nl.menus.main]]\nname = "Over ons"\nurl = "/over/"\n')
    done = run_cli(root, "pseudo")
    assert done.returncode == 0, done.stderr
    (note,) = [line for line in done.stderr.splitlines() if "not pseudo-translated" in line]
    assert note.startswith("note: ") and "i18n/nl.toml" in note and "menus" in note
    assert not (root / "i18n" / f"{LANGUAGE}.toml").exists()


@pytest.mark.parametrize(("text", "pseudo"), [
    ('Lees [de gids](/over-ons/ "Over ons") nu', 'Léés [dé gíds](/over-ons/ "Övér öns") nü'),
    ("Een ![foto](/img/a.png 'de boot') hier", "Één ![fötö](/img/a.png 'dé bööt') híér"),
    ('Zie ![kaart](<kaart van ons.png> "Onze kaart")', 'Zíé ![käärt](<kaart van ons.png> "Önzé käärt")'),
    ("Zie [de gids](/over-ons/) nu", "Zíé [dé gíds](/over-ons/) nü"),
])
def test_a_link_or_image_title_is_pseudo_text_its_destination_kept(text: str, pseudo: str) -> None:
    """A link's or image's title is text a translator translates (a tooltip; many themes'
    image caption): pseudo-translated as the rest, its quotes and destination kept."""
    assert pseudo_text(text).startswith(pseudo + " ⟦"), pseudo_text(text)


def test_a_post_with_titled_links_and_images_passes_merge(tmp_path: Path) -> None:
    post = ("---\ntitle: Titels\n---\n\nLees [de gids](/over-ons/ \"Over ons\") en zie "
            "![de boot](/img/boot.png \"Onze boot\").\n")
    root = make_root(tmp_path, {"titels.md": post})
    shutil.copy(HUGO_TOML, root / "hugo.toml")
    report = api.pseudo(root, use_cache=False)
    assert report.ok, [r.message for r in report.merged.results]
    written = (root / "content" / LANGUAGE / "titels.md").read_text(encoding="utf-8")
    assert '](/over-ons/ "Övér öns")' in written and '](/img/boot.png "Önzé bööt")' in written


@pytest.mark.parametrize("link", ["content/de-x-pseudo", "locale/de-x-pseudo"])
def test_clean_refuses_a_pseudo_folder_that_is_a_link_and_removes_nothing(tmp_path: Path, link: str) -> None:
    """A pseudo folder that is a symbolic link (to the Dutch posts, say) is not the command's:
    --clean says so in one line and removes nothing (it was an OSError's traceback), and a run
    writes nothing through it (its removal of gone posts' files would reach the link's folder)."""
    root = _site(tmp_path)
    assert run_cli(root, "pseudo").returncode == 0
    target = root / link
    shutil.rmtree(target)
    target.symlink_to("nl" if link.startswith("content") else "de", target_is_directory=True)
    (root / "locale" / "de").mkdir(parents=True, exist_ok=True)
    before = _tree(root)
    for args in (["--clean"], []):
        result = run_cli(root, "pseudo", *args)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1 and f"{link}: is a symbolic link" in result.stderr
        assert _tree(root) == before and target.is_symlink()
