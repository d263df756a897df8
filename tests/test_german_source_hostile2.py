"""Issue 16, attacked a second time: German-authored posts as sources, tried as a German
partner (a post whose language changes, a translationKey copied or set by hand, drafts,
headless and nested bundles), a translator (an XLIFF agency, a PO editor that edits the
template's X-Source-Language), an editor (the German source and its Dutch page both
edited), a misconfigured CI (--jobs, --no-cache, --format github/junit) and a killed run,
against the guarantees the Dutch -> German direction has. Real CLI, real Hugo 0.111, real
GNU gettext.

The site: the first hostile tester's (tests/test_german_source_hostile.py: this repository's
site with German sources in YAML, TOML, JSON, a leaf bundle and a section page), extracted,
its Dutch catalogs translated as identity, merged.

The tests under "Attacks that broke a guarantee" were the hostile tester's reproducers, each
failing when written; each docstring says what happened and what should happen instead, and
each passes since the fix."""

from __future__ import annotations

import random
import re
import shlex
import shutil
import signal
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from merge_support import body, fill_catalog
from reliability_support import env, pipeline_command
from site_crawl import Crawl
from support import needs_gettext
from test_german_source_hostile import body_links, cli, files, make_site, repo_site, translate_dutch

from pipeline.cli import main
from pipeline.files import TEMP_NAME_RE
from pipeline.po import parse_catalog

pytestmark = [
    pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo')"),
    needs_gettext,
]

NL = Path("locale") / "nl" / "LC_MESSAGES"
DUTCH_ID = "2017-02-22-workshop-e-learning-toekomst"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("german-hostile2") / "site")
    cli(root, "extract")
    translate_dutch(root)
    cli(root, "merge")
    return root


@pytest.fixture()
def site(base: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(base, copy, ignore=shutil.ignore_patterns("public", "resources"))
    return copy


def translate_all(root: Path, catalogs: str) -> None:
    """Identity translations for every catalog under locale/ whose name matches ``catalogs``."""
    for path in sorted((root / "locale").rglob(catalogs)):
        if path.suffix == ".po":
            fill_catalog(path, lambda context, msgid: msgid)


def hugo(root: Path, public: Path) -> Crawl:
    subprocess.run(["hugo", "--source", str(root), "--destination", str(public)],
                   check=True, capture_output=True, timeout=120)
    return Crawl.of(public)


def msgstrs(path: Path) -> dict[tuple[str | None, str], str]:
    catalog = parse_catalog(str(path), path.read_bytes())
    return {(m.msgctxt, m.msgid): m.msgstr for m in catalog.messages if m.msgstr and not m.obsolete}


# ---------------------------------------------------------------------------------------
# Attacks that hold (guarantees kept): these pass


def test_the_template_s_source_language_edited_by_hand_or_removed_is_stale_and_extract_restores_it(
        site: Path) -> None:
    """A PO tool (or a hand) removes X-Source-Language from a German source's template, or
    names another language: check calls the template and its catalog stale; extract writes the
    header back, no translation lost; merge and check are clean again."""
    template = site / "locale" / "templates" / "toml-beitrag.pot"
    original = template.read_bytes()
    kept = msgstrs(site / NL / "toml-beitrag.po")
    for edited in (original.replace(b'"X-Source-Language: de\\n"\n', b""),
                   original.replace(b"X-Source-Language: de", b"X-Source-Language: nl")):
        assert edited != original
        template.write_bytes(edited)
        said = cli(site, "check", code=1)
        assert ("locale/templates/toml-beitrag.pot\n  -: error: stale for content/de/toml-beitrag.md: "
                "run `pipeline ") in said, said
        cli(site, "extract")
        assert b'"X-Source-Language: de\\n"' in template.read_bytes()
        assert template.read_bytes().split(b"POT-Creation-Date")[0] == original.split(b"POT-Creation-Date")[0]
        assert msgstrs(site / NL / "toml-beitrag.po") == kept
        cli(site, "merge")
        cli(site, "check")


def test_a_german_source_and_its_dutch_page_both_edited_keeps_both_and_the_advice_works(site: Path) -> None:
    source = site / "content" / "de" / "toml-beitrag.md"
    page = site / "content" / "nl" / "toml-beitrag.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Ein Absatz in TOML.", "Ein neuer Absatz."),
                      encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8").replace("Ein Absatz in TOML.", "Met de hand."),
                    encoding="utf-8")
    cli(site, "extract")
    catalog = site / NL / "toml-beitrag.po"
    subprocess.run(["msgattrib", "--no-wrap", "--clear-fuzzy", "--clear-previous", str(catalog), "-o", str(catalog)],
                   check=True)
    edited = page.read_bytes()
    result = CliRunner().invoke(main, ["-C", str(site), "merge"])
    assert result.exit_code == 1, result.output
    advice = ("error: content/nl/toml-beitrag.md: changed by hand since merge wrote it: move the change into "
              "locale/nl/LC_MESSAGES/toml-beitrag.po, or run `pipeline ")
    assert advice in result.output, result.output
    command = shlex.split(result.output.split(advice)[1].split("`")[0])
    assert command[-3:] == ["merge", "--force", "content/de/toml-beitrag.md"], command
    assert page.read_bytes() == edited  # the hand edit kept
    result = CliRunner().invoke(main, command)  # the advice's command works, as given
    assert result.exit_code == 0, result.output
    # the catalog's translation (the fuzzy suggestion accepted: the old paragraph) replaces the hand edit
    assert body(page.read_text(encoding="utf-8")) == body(source.read_text(encoding="utf-8")).replace(
        "Ein neuer Absatz.", "Ein Absatz in TOML.")


def test_an_xliff_of_a_german_source_s_dutch_catalog_comes_back_and_merges(site: Path, tmp_path: Path) -> None:
    cli(site, "export", "--all", "--xliff", str(tmp_path / "x"))
    exported = tmp_path / "x" / "nl" / "toml-beitrag.xlf"
    tree = ET.parse(exported)
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    file = tree.getroot().find("x:file", ns)
    assert file is not None and (file.get("source-language"), file.get("target-language")) == ("de", "nl")
    for unit in tree.getroot().iter("{urn:oasis:names:tc:xliff:document:1.2}trans-unit"):
        source = unit.find("x:source", ns)
        target = unit.find("x:target", ns)
        if source is not None and target is not None and source.text == "Ein Absatz in TOML.":
            target.text = "Een alinea in TOML."
    tree.write(exported, encoding="UTF-8", xml_declaration=True)
    said = cli(site, "import", str(exported))
    assert "1 imported" in said, said
    before = files(site)
    assert "0 imported" in cli(site, "import", str(exported))  # imported twice: nothing changes
    assert files(site) == before
    cli(site, "merge")
    assert "\nEen alinea in TOML.\n" in (site / "content" / "nl" / "toml-beitrag.md").read_text(encoding="utf-8")
    cli(site, "check")


def test_links_to_draft_expired_future_and_headless_german_sources_are_broken_in_both_languages(
        site: Path) -> None:
    german = site / "content" / "de"
    (german / "entwurf.md").write_text(
        '---\ntitle: "Entwurf"\ndate: 2024-05-01T10:00:00+02:00\ndraft: true\n---\n\nText.\n', encoding="utf-8")
    (german / "alt.md").write_text(
        '---\ntitle: "Alt"\ndate: 2024-05-01T10:00:00+02:00\nexpiryDate: 2024-06-01T10:00:00+02:00\n---\n\nText.\n',
        encoding="utf-8")
    (german / "kopf").mkdir()
    (german / "kopf" / "index.md").write_text(
        '---\ntitle: "Kopf"\ndate: 2024-05-01T10:00:00+02:00\nheadless: true\n---\n\nText.\n', encoding="utf-8")
    (site / "content" / "nl" / "wijzer.md").write_text(
        '---\ntitle: "Wijzer"\ndate: 2024-05-01T10:00:00+02:00\nlang: nl\n---\n\n'
        "Zie [a](/entwurf/), [b](/alt/) en [c](/kopf/).\n", encoding="utf-8")
    cli(site, "extract")
    translate_all(site, "*")
    cli(site, "merge")
    assert "draft: true" in (site / "content" / "nl" / "entwurf.md").read_text(encoding="utf-8")
    assert "headless: true" in (site / "content" / "nl" / "kopf" / "index.md").read_text(encoding="utf-8")
    said = cli(site, "check", code=1)
    for target, why in (("/entwurf/", "a draft (draft: true)"), ("/alt/", "expired (expiryDate 2024-06-01)"),
                        ("/kopf/", "a headless bundle (headless: true)")):
        assert f"  7: error: link to {target} leads to no page: Hugo does not build content/nl/" in said, said
        assert why in said, said


def test_a_german_source_in_a_nested_section_bundle_with_resources_is_paired_with_its_files(
        site: Path, tmp_path: Path) -> None:
    bundle = site / "content" / "de" / "blog" / "2024" / "reise2"
    bundle.mkdir(parents=True)
    (site / "content" / "de" / "blog" / "_index.md").write_text('---\ntitle: "Blog"\n---\n\nDer Blog.\n',
                                                                encoding="utf-8")
    (bundle / "index.md").write_text(
        '---\ntitle: "Reise zwei"\ndate: 2024-05-01T10:00:00+02:00\nresources:\n  - src: anhang.pdf\n'
        '    title: "Der Anhang"\n---\n\nDer [Anhang](anhang.pdf).\n', encoding="utf-8")
    (bundle / "anhang.pdf").write_bytes(b"%PDF-1.4\n")
    cli(site, "extract")
    assert (site / NL / "blog" / "2024" / "reise2.po").is_file()
    translate_all(site, "*.po")
    cli(site, "merge")
    made = site / "content" / "nl" / "blog" / "2024" / "reise2" / "index.md"
    assert '  - src: anhang.pdf\n    title: "Der Anhang"\n' in made.read_text(encoding="utf-8")
    assert 'post: "content/de/blog/2024/reise2/index.md"' in made.read_text(encoding="utf-8")
    said = cli(site, "check", code=None)
    assert "reise2" not in said, said
    crawl = hugo(site, tmp_path / "public")
    assert crawl.pages["/blog/2024/reise2/"].alternates == {"de": "/de/blog/2024/reise2/"}
    assert crawl.pages["/de/blog/2024/reise2/"].alternates == {"nl": "/blog/2024/reise2/"}
    assert crawl.pages["/blog/"].language == "nl" and crawl.pages["/de/blog/"].language == "de"
    assert (tmp_path / "public" / "blog" / "2024" / "reise2" / "anhang.pdf").is_file()
    for page in ("/blog/2024/reise2/", "/de/blog/2024/reise2/"):
        assert [(link.href, crawl.broken(link)) for link in body_links(crawl, page)] == [("anhang.pdf", None)]


def test_jobs_and_the_cache_give_the_same_bytes_and_words_with_german_sources(tmp_path: Path) -> None:
    runs = {}
    for name, options in (("one", ["--jobs", "1"]), ("two", ["--jobs", "2"]), ("nocache", ["--no-cache"])):
        root = make_site(tmp_path / name / "site")
        said = cli(root, "extract", *options)
        translate_dutch(root)
        said += cli(root, "merge", *options) + cli(root, "extract", *options) + cli(root, "merge", *options)
        said += cli(root, "check", *options)
        runs[name] = (said.replace(str(root), "ROOT"), files(root))
    assert runs["two"] == runs["one"]
    assert runs["nocache"] == runs["one"]


def test_check_s_github_and_junit_formats_name_a_german_source_s_files(site: Path) -> None:
    with open(site / "content" / "de" / "toml-beitrag.md", "a", encoding="utf-8") as post:
        post.write("\nEin neuer Absatz.\n")
    github = cli(site, "check", "--format", "github", code=1)
    assert ("::error file=locale/nl/LC_MESSAGES/toml-beitrag.po,title=catalog-stale::stale for "
            "content/de/toml-beitrag.md: run `pipeline ") in github, github
    assert "::error file=content/nl/toml-beitrag.md,line=1,title=post-stale::stale since content/de/toml-beitrag.md" \
        in github, github
    junit = cli(site, "check", "--format", "junit", code=1)
    cases = [case for case in ET.fromstring(junit).iter("testcase") if case.get("name") == "catalog-stale"]
    assert {case.get("file") for case in cases} == {"locale/nl/LC_MESSAGES/toml-beitrag.po",
                                                    "locale/templates/toml-beitrag.pot"}, junit


def test_a_killed_merge_of_german_sources_leaves_every_file_old_or_new(tmp_path: Path) -> None:
    root = repo_site(tmp_path / "base")
    for i in range(40):
        paragraphs = "\n\n".join(f"Absatz {j} von Beitrag {i}, siehe [weiter](/de/beitrag-{(i + 1) % 40}/)."
                                 for j in range(20))
        (root / "content" / "de" / f"beitrag-{i}.md").write_text(
            f'---\ntitle: "Beitrag {i}"\ndate: 2024-05-01T10:00:00+02:00\n---\n\n{paragraphs}\n', encoding="utf-8")
    cli(root, "extract")
    translate_dutch(root, lambda context, msgid: msgid.replace("Absatz", "Alinea"))
    before = files(root)
    done = tmp_path / "done"
    shutil.copytree(root, done)
    started = time.monotonic()
    subprocess.run(pipeline_command(done, "merge", "--jobs", "1"), check=True, capture_output=True, env=env())
    duration = time.monotonic() - started
    after = files(done)
    assert sum(1 for name in after if after[name] != before.get(name)) == 40
    delays = random.Random(16).sample(range(20, 95), 3)
    for number, delay in enumerate(delays):
        run = tmp_path / f"killed-{number}"
        shutil.copytree(root, run)
        process = subprocess.Popen(pipeline_command(run, "merge", "--jobs", "1"), env=env(),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * delay / 100)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = {name: data for name, data in files(run).items() if not TEMP_NAME_RE.search(Path(name).name)}
        assert set(before) <= set(now) <= set(after)
        assert [name for name in now if now[name] not in (before.get(name), after.get(name))] == []
        cli(run, "merge")
        assert files(run) == after  # the run after completes it, no temporary file left


def test_the_repository_s_own_site_is_unchanged_by_extract_and_merge(tmp_path: Path) -> None:
    root = repo_site(tmp_path / "site")
    before = files(root)
    said = cli(root, "extract") + cli(root, "merge")
    assert "0 files written" in said and "merge: 1 unchanged" in said, said
    assert files(root) == before


# ---------------------------------------------------------------------------------------
# Attacks that broke a guarantee: each failed when written, and passes since the fix


def test_a_post_whose_author_changed_its_language_leaves_no_catalog_unreported(site: Path) -> None:
    """The German partner's post becomes a Dutch one: its generated Dutch page is deleted and
    the post moved from content/de/ to content/nl/ (`pipeline mv` refuses to move it across
    languages: "NEW is outside content/de/"). What happened: extract rewrites the template
    (Dutch now) and starts an empty German catalog; merge leaves the German page out (0 %),
    so /de/json-beitrag/, the original's page, is gone; and the old Dutch catalog,
    locale/nl/LC_MESSAGES/json-beitrag.po (every unit of the German text with its Dutch
    translation), is read by nothing and named by nothing: check and status say not a word
    of it. Should: check names that catalog (a catalog in its post's own language: its
    translations are the German text of the post, e.g. to be given to the new German catalog,
    then deleted), as it names every catalog no post reads."""
    (site / "content" / "nl" / "json-beitrag.md").unlink()
    (site / "content" / "de" / "json-beitrag.md").rename(site / "content" / "nl" / "json-beitrag.md")
    stray = site / NL / "json-beitrag.po"
    held = msgstrs(stray)
    assert len(held) == 3
    cli(site, "extract")
    cli(site, "merge")
    assert not (site / "content" / "de" / "json-beitrag.md").exists()
    assert msgstrs(stray) == held  # still there, read by nothing
    said = cli(site, "check", code=None)
    assert "locale/nl/LC_MESSAGES/json-beitrag.po\n" in said, said
    advice = said.split("locale/nl/LC_MESSAGES/json-beitrag.po\n", 1)[1].splitlines()[0]
    assert "warning: a catalog in the language of its post content/nl/json-beitrag.md (Dutch), read by nothing: " \
        "keep it: it holds 3 translations" in advice, advice
    assert "locale/de/LC_MESSAGES/json-beitrag.po" in advice and "delete" not in advice, advice


def test_a_dutch_post_made_german_leaves_its_german_translator_s_catalog_reported(site: Path) -> None:
    """The same the other way, with a human translator's work at stake: the Dutch workshop
    post becomes a German-authored one (the Dutch post deleted, its German post's generation
    record removed: the German text is now the original). What happened: extract makes the
    German post a source (a new Dutch catalog, 1 of 18 units from other catalogs), merge
    leaves its Dutch page out, so /workshop-e-learning-toekomst/ is gone; the German
    translator's catalog, locale/de/LC_MESSAGES/<id>.po (19 translations: each German unit
    with the Dutch text it translates, the Dutch catalog's translations the other way round),
    is read by nothing and named by nothing. Should: check names that catalog (as above)."""
    (site / "content" / "nl" / f"{DUTCH_ID}.md").unlink()
    german = site / "content" / "de" / f"{DUTCH_ID}.md"
    text = german.read_text(encoding="utf-8")
    german.write_text(re.sub(r"generated_from:\n(?:  .*\n)+", "", text), encoding="utf-8")
    catalog = site / "locale" / "de" / "LC_MESSAGES" / f"{DUTCH_ID}.po"
    held = msgstrs(catalog)
    assert len(held) == 19
    cli(site, "extract")
    cli(site, "merge")
    assert not (site / "content" / "nl" / f"{DUTCH_ID}.md").exists()
    assert msgstrs(catalog) == held  # still there, read by nothing
    said = cli(site, "check", code=None)
    assert f"locale/de/LC_MESSAGES/{DUTCH_ID}.po\n" in said, said
    advice = said.split(f"locale/de/LC_MESSAGES/{DUTCH_ID}.po\n", 1)[1].splitlines()[0]
    assert f"warning: a catalog in the language of its post content/de/{DUTCH_ID}.md (German), read by nothing: " \
        "keep it: it holds 19 translations" in advice, advice
    assert f"locale/nl/LC_MESSAGES/{DUTCH_ID}.po" in advice and "delete" not in advice, advice


def test_a_translation_key_set_by_hand_on_a_german_source_does_not_orphan_its_own_page(site: Path) -> None:
    """A German partner gives an extracted German source (with its template, Dutch catalog
    and Dutch page) the translationKey of the Dutch workshop post, believing the two belong
    together. What happened (fixed: translation-key-clash): check reports the pair's two sources at content/de/toml-beitrag.md:1
    (the translationKey is on line 4) and advises "delete this post", the German original;
    it calls the post's own Dutch page an orphan, "no German original
    content/de/toml-beitrag.md", and its template "no post content/de/toml-beitrag.md: delete
    the template", though that post is there. Should: one error at content/de/toml-beitrag.md:4
    saying its translationKey is content/nl/<workshop>.md's (remove it: its pages and catalogs
    are its own); never advise deleting a source that has its own template and Dutch page; no
    false "no post" / "no German original" for a file that exists."""
    source = site / "content" / "de" / "toml-beitrag.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "date = 2024-05-01T10:00:00+02:00\n", f'date = 2024-05-01T10:00:00+02:00\ntranslationKey = "{DUTCH_ID}"\n'),
        encoding="utf-8")
    assert source.read_text(encoding="utf-8").splitlines()[3] == f'translationKey = "{DUTCH_ID}"'
    said = cli(site, "check", code=1)
    assert "no German original content/de/toml-beitrag.md" not in said, said
    assert "no post content/de/toml-beitrag.md" not in said, said
    assert "delete this post" not in said, said
    assert "content/de/toml-beitrag.md\n  4: error:" in said, said


def test_two_sources_of_one_language_with_one_translation_key_are_reported(site: Path, tmp_path: Path) -> None:
    """A German partner copies a post's front matter, translationKey included, into a new
    post. What happened (fixed: translation-key-clash): both are extracted and merged, each Dutch page gets the shared
    translationKey, check says nothing, and Hugo pairs the pages wrongly: /de/kopie-eins/'s
    Dutch page (hreflang, the language switch) is /kopie-zwei/, another post. (Two Dutch
    sources with one translationKey are not reported either.) Should: check reports the
    second source's translationKey at its file:line (`two posts in content/de/ have the
    translationKey 'gemeinsam': Hugo pairs them with each other's pages`)."""
    for name, text in (("kopie-eins", "Eins."), ("kopie-zwei", "Zwei.")):
        (site / "content" / "de" / f"{name}.md").write_text(
            f'---\ntitle: "{name}"\ndate: 2024-05-01T10:00:00+02:00\ntranslationKey: gemeinsam\n---\n\n{text}\n',
            encoding="utf-8")
    cli(site, "extract")
    translate_all(site, "kopie-*.po")
    cli(site, "merge")
    crawl = hugo(site, tmp_path / "public")
    pairs = {page: crawl.pages[page].alternates.get("nl") for page in ("/de/kopie-eins/", "/de/kopie-zwei/")}
    assert pairs != {"/de/kopie-eins/": "/kopie-eins/", "/de/kopie-zwei/": "/kopie-zwei/"}, pairs  # Hugo mispairs
    said = cli(site, "check", code=None)
    assert "content/de/kopie-zwei.md\n  4: error:" in said or "content/de/kopie-eins.md\n  4: error:" in said, said


def test_two_dutch_sources_with_one_translation_key_are_reported(site: Path) -> None:
    """The same in the site's source language: two Dutch posts with one translationKey (on
    line 4 of each), the later one reported at its key's line; both stay sources (each its own
    template and German page), and neither is called a second source of the other's pair."""
    for name in ("kopie-eins", "kopie-zwei"):
        (site / "content" / "nl" / f"{name}.md").write_text(
            f'---\ntitle: "{name}"\ndate: 2024-05-01T10:00:00+02:00\ntranslationKey: gemeinsam\n---\n\nTekst.\n',
            encoding="utf-8")
    cli(site, "extract")
    assert (site / "locale" / "templates" / "kopie-eins.pot").exists()
    assert (site / "locale" / "templates" / "kopie-zwei.pot").exists()
    said = cli(site, "check", code=1)
    assert ("content/nl/kopie-zwei.md\n  4: error: two posts in content/nl/ have the translationKey 'gemeinsam' "
            "(this one and content/nl/kopie-eins.md)") in said, said
    assert "content/nl/kopie-eins.md\n  4: error" not in said, said
    assert "post-two-sources" not in said, said


def test_a_link_to_a_bundle_resource_in_a_subfolder_is_no_broken_link(site: Path, tmp_path: Path) -> None:
    """A German leaf bundle whose image is in a subfolder (bilder/eins.png), linked
    relatively. What happened: check reports `link to bilder/eins.png leads to no page or file
    of the site [link-broken]` (an error: CI fails) at the German source, though Hugo
    publishes the file with both pages (a Dutch bundle's subfolder image is reported the
    same). Should: every file below a leaf bundle's folder is its resource (README, Page
    bundles), so a link to it is alive: no problem."""
    bundle = site / "content" / "de" / "reise3"
    (bundle / "bilder").mkdir(parents=True)
    (bundle / "bilder" / "eins.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (bundle / "index.md").write_text(
        '---\ntitle: "Reise drei"\ndate: 2024-05-01T10:00:00+02:00\n---\n\n![Bild](bilder/eins.png)\n',
        encoding="utf-8")
    cli(site, "extract")
    translate_all(site, "reise3.po")
    cli(site, "merge")
    crawl = hugo(site, tmp_path / "public")
    for page in ("/de/reise3/", "/reise3/"):
        images = [link for link in crawl.pages[page].links if link.tag == "img"]
        assert [(link.href, crawl.broken(link)) for link in images] == [("bilder/eins.png", None)]
    said = cli(site, "check", code=None)
    assert "bilder/eins.png" not in said, said


def test_a_link_to_a_missing_file_in_a_bundle_s_subfolder_is_still_broken(site: Path) -> None:
    """The other side of the rule above, in both directions: a file below a leaf bundle's
    folder is its resource, so a link to one that is there is alive, and a link to one that
    is not there (beside one that is) is still `link-broken`."""
    for folder, text in ((site / "content" / "de" / "reise4", "![Bild](bilder/eins.png) ![Fehlt](bilder/fehlt.png)"),
                         (site / "content" / "nl" / "reis5", "![Beeld](beelden/een.png) ![Weg](beelden/weg.png)")):
        (folder / text[text.index("(") + 1:text.index("/")]).mkdir(parents=True)
        (folder / text[text.index("(") + 1:text.index(")")]).write_bytes(b"\x89PNG\r\n\x1a\n")
        (folder / "index.md").write_text(
            f'---\ntitle: "{folder.name}"\ndate: 2024-05-01T10:00:00+02:00\n---\n\n{text}\n', encoding="utf-8")
    cli(site, "extract")
    said = cli(site, "check", code=1)
    assert "bilder/eins.png" not in said and "beelden/een.png" not in said, said
    assert "content/de/reise4/index.md\n" in said and "content/nl/reis5/index.md\n" in said, said
    assert "link to bilder/fehlt.png leads to no page or file of the site: fix the link [link-broken]" in said, said
    assert "link to beelden/weg.png leads to no page or file of the site: fix the link [link-broken]" in said, said


def test_a_catalog_in_its_post_s_own_language_without_translations_is_to_be_deleted(site: Path) -> None:
    """A catalog in its post's own language that holds no translation loses nothing when it
    goes (check says: delete it, an error); one that cannot be read may hold some (never
    "delete" it unread)."""
    template = site / "locale" / "templates" / f"{DUTCH_ID}.pot"
    (site / NL / f"{DUTCH_ID}.po").write_bytes(template.read_bytes())
    (site / "locale" / "de" / "LC_MESSAGES" / "toml-beitrag.po").write_bytes(b'msgid "x"\nmsgstr "\n')
    said = cli(site, "check", code=1)
    lines = said.splitlines()
    empty = lines[lines.index(f"locale/nl/LC_MESSAGES/{DUTCH_ID}.po") + 1]
    assert empty == (f"  -: error: a catalog in the language of its post content/nl/{DUTCH_ID}.md (Dutch), "
                     "read by nothing: delete it [catalog-orphan]"), said
    broken = lines[lines.index("locale/de/LC_MESSAGES/toml-beitrag.po") + 1]
    assert "read by nothing, and it cannot be read (" in broken and "make it readable" in broken, said
    assert "delete" not in broken, said
