"""The realistic test site (``tests/fixtures/sites/sectioned/``) through the real pipeline and
the real Hugo: copied, extracted, pseudo-translated, merged, built, crawled; and the form of
every link its posts write, to count and judge the links by form.

Used by ``tests/test_site_links.py`` and ``bench/site_links.py`` (the figures of the closing
note of issue 12).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from merge_support import fill_catalog, pseudo
from site_crawl import Crawl, Link
from support import FIXTURES, po_path, run_cli

SITE = FIXTURES / "sites" / "sectioned"
BASE_URL = "https://example.org/kennis/"
ROOT_BASE_URL = "https://example.org/"

#: The Dutch page of each post (its site path, without the baseURL's path)
DUTCH_PAGES = {
    "over": "/over/",
    "blog/_index": "/blog/",
    "blog/gebruikers-vinden": "/blog/gebruikers-vinden/",
    "blog/beginnen": "/blog/beginnen/",  # a leaf bundle (blog/beginnen/index.md): its id is its folder
    "2023/gemeenschap-opbouwen": "/2023/gemeenschap-opbouwen/",
    "2023/voorjaar/onderhouders": "/2023/voorjaar/goede-gewoonten/",
    "nieuws/2023-05-01-lancering": "/nieuws/2023/lancering/",
}

#: The form of every link of each post's body, in order, as its Markdown writes it
#: (``external``: off the site, not counted)
FORMS: dict[str, list[str]] = {
    "over": [
        "section",  # [de blog](/kennis/blog/): a section with an _index.md
        "section-made",  # [alles uit 2023](/kennis/2023/): a folder without one
        "ref",  # {{< ref "blog/beginnen" >}} (Hugo writes the permalink, host included)
        "relref",  # {{< relref "/blog/gebruikers-vinden.md" >}}
        "static",  # /kennis/downloads/checklist.txt
        "external",
        "external",
    ],
    "blog/_index": [
        "relative-down",  # gebruikers-vinden/
        "relative-down",  # beginnen/ (a bundle)
    ],
    "blog/gebruikers-vinden": [
        "relative-up",  # ../beginnen/
        "relative-anchor",  # ../beginnen/#uw-checklist-vóór-de-lancering
        "refdef-anchor",  # [gemeenschap]: /kennis/2023/gemeenschap-opbouwen/#je-community-laten-groeien
        "refdef-relative",  # [lancering]: ../../nieuws/2023/lancering/
        "anchor",  # #het-woord-verspreiden
        "md-relative",  # ../2023/voorjaar/onderhouders.md
        "html-a",  # <a href="/kennis/over/"> in a paragraph
        "html-img-resource",  # <img src="/kennis/blog/beginnen/schema.png"> in a paragraph
    ],
    "blog/beginnen": [
        "image-bundle",  # ![…](schema.png): the bundle's own resource
        "ref-anchor",  # {{< ref "/blog/gebruikers-vinden.md#het-woord-verspreiden" >}}
        "html-block-a",  # <a href="/kennis/2023/voorjaar/goede-gewoonten/"> in an HTML block
        "html-block-img-resource",  # <img src="/kennis/blog/beginnen/schema.png"> in an HTML block
    ],
    "2023/gemeenschap-opbouwen": [
        "absolute-host",  # https://example.org/kennis/blog/gebruikers-vinden/
        "relative-up",  # ../voorjaar/goede-gewoonten/
        "image-resource",  # ![Schema](/kennis/blog/beginnen/schema.png)
        "ref-lang",  # {{< relref path="over.md" lang="nl" >}}
        "md-root-anchor",  # /blog/beginnen/index.md#uw-checklist-vóór-de-lancering
    ],
    "2023/voorjaar/onderhouders": [
        "md-relative",  # ../gemeenschap-opbouwen.md
        "permalinks",  # /kennis/nieuws/2023/lancering/ (the section's [permalinks])
        "image-resource",  # ![Schema](/kennis/blog/beginnen/schema.png "Het schema")
    ],
    "nieuws/2023-05-01-lancering": [
        "absolute",  # /kennis/over/
        "relref-anchor",  # {{< relref "/2023/gemeenschap-opbouwen.md#je-community-laten-groeien" >}}
        "alias",  # /kennis/oud/gebruikers/: the Dutch page's alias
    ],
}
ALL_FORMS = sorted({form for forms in FORMS.values() for form in forms} - {"external"})

#: What Hugo makes of each form in the Dutch page, the baseURL with its path (tag, how the href starts):
#: a check that :data:`FORMS` names each link right
DUTCH_SHAPES = {
    "absolute": ("a", r"/kennis/[a-z0-9]"),
    "absolute-host": ("a", r"https://example\.org/kennis/[a-z]"),
    "alias": ("a", r"/kennis/oud/"),
    "anchor": ("a", r"#[a-z]"),
    "html-a": ("a", r"/kennis/[a-z0-9]"),
    "html-block-a": ("a", r"/kennis/[a-z0-9]"),
    "html-block-img-resource": ("img", r"/kennis/.*\.png"),
    "html-img-resource": ("img", r"/kennis/.*\.png"),
    "image-bundle": ("img", r"[a-z]+\.png"),
    "image-resource": ("img", r"/kennis/.*\.png"),
    "md-relative": ("a", r"/kennis/[a-z0-9/-]+/"),  # the render hook's GetPage
    "md-root-anchor": ("a", r"/kennis/[a-z0-9/-]+/#[a-z]"),
    "permalinks": ("a", r"/kennis/nieuws/2023/[a-z]"),
    "ref": ("a", r"https://example\.org/kennis/[a-z0-9/-]+/"),  # ref: the permalink
    "ref-anchor": ("a", r"https://example\.org/kennis/[a-z0-9/-]+/#[a-z]"),
    "ref-lang": ("a", r"/kennis/[a-z0-9/-]+/"),
    "refdef-anchor": ("a", r"/kennis/[a-z0-9/-]+/#[a-z]"),
    "refdef-relative": ("a", r"\.\./"),
    "relative-anchor": ("a", r"\.\./[a-z-]+/#[a-z]"),
    "relative-down": ("a", r"[a-z-]+/"),
    "relative-up": ("a", r"\.\./[a-z/-]+/"),
    "relref": ("a", r"/kennis/[a-z0-9/-]+/"),
    "relref-anchor": ("a", r"/kennis/[a-z0-9/-]+/#[a-z]"),
    "section": ("a", r"/kennis/blog/"),
    "section-made": ("a", r"/kennis/2023/"),
    "static": ("a", r"/kennis/downloads/.*\.txt"),
}

#: The German slugs the translators gave (by the Dutch slug); the other posts get theirs
#: from their (pseudo-)translated title
GERMAN_SLUGS = {
    "gebruikers-vinden": "nutzer-finden",
    "beginnen": "anfangen",
    "gemeenschap-opbouwen": "gemeinschaft-aufbauen",
}
#: The post left below the threshold in the partial variant (only its title translated)
PARTIAL = "blog/gebruikers-vinden"


def translate(context: str | None, msgid: str) -> str | None:
    if context == "slug":
        return GERMAN_SLUGS.get(msgid)
    return pseudo(msgid)


def run_pipeline(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m pipeline -C ROOT ARGS…``, a real process."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "-C", str(root), *args],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )


def hugo(root: Path) -> subprocess.CompletedProcess[str]:
    shutil.rmtree(root / "public", ignore_errors=True)
    return subprocess.run(
        ["hugo", "--source", str(root), "--destination", str(root / "public")],
        capture_output=True, text=True, timeout=120, check=False,
    )


def copy_site(root: Path, base_url: str = BASE_URL) -> Path:
    """The fixture under ``root``; with another ``baseURL`` (one without a path) the posts'
    links written with the baseURL are written with that one."""
    shutil.copytree(SITE, root)
    if base_url != BASE_URL:
        old_host, new_host = BASE_URL.rstrip("/"), base_url.rstrip("/")
        old_path, new_path = "/kennis/", "/" + base_url.split("/", 3)[3]
        config = root / "hugo.toml"
        config.write_text(config.read_text(encoding="utf-8").replace(BASE_URL, base_url), encoding="utf-8")
        for post in sorted((root / "content" / "nl").rglob("*.md")):
            text = post.read_text(encoding="utf-8")
            text = text.replace(old_host + "/", new_host + "/").replace(f"({old_path}", f"({new_path}")
            text = text.replace(f'"{old_path}', f'"{new_path}').replace(f": {old_path}", f": {new_path}")
            post.write_text(text, encoding="utf-8")
    return root


@dataclass
class Built:
    """A copy of the site after extract, translation and merge, and Hugo's build of it."""

    root: Path
    base_url: str
    merged: subprocess.CompletedProcess[str]
    built: subprocess.CompletedProcess[str]
    crawl: Crawl | None = None
    partial: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether Hugo built the site as configured (and it was crawled)."""
        return self.built.returncode == 0 and self.crawl is not None


def build(root: Path, base_url: str = BASE_URL, partial: str | None = None,
          translate: Callable[[str | None, str], str | None] = translate) -> Built:
    """Copy, extract, translate every catalog (``partial``: that post's title only, so that
    it stays below the threshold), merge, build with Hugo and crawl."""
    copy_site(root, base_url)
    extracted = run_cli(root, "extract")
    assert extracted.returncode == 0, extracted.stdout + extracted.stderr
    for post_id in DUTCH_PAGES:
        if post_id == partial:
            fill_catalog(po_path(root, post_id), lambda context, msgid: translate(context, msgid)
                         if context == "title" else None)
        else:
            fill_catalog(po_path(root, post_id), translate)
    merged = run_cli(root, "merge")
    built = hugo(root)
    crawl = Crawl.of(root / "public", base_url) if built.returncode == 0 else None
    return Built(root, base_url, merged, built, crawl, partial)


def lenient_crawl(site: Built) -> Crawl:
    """The crawl of the build, or, where Hugo stopped on a ref it did not find, of a build
    with ``refLinksErrorLevel = "WARNING"`` (the ref's link is then an empty href, broken)."""
    if site.crawl is not None:
        return site.crawl
    config = site.root / "hugo.toml"
    text = config.read_text(encoding="utf-8")
    lenient = text.replace('title = "Kennisbank"\n', 'title = "Kennisbank"\nrefLinksErrorLevel = "WARNING"\n', 1)
    assert lenient != text
    config.write_text(lenient, encoding="utf-8")
    try:
        done = hugo(site.root)
    finally:
        config.write_text(text, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    site.crawl = Crawl.of(site.root / "public", site.base_url)
    site.notes.append('crawled a build with refLinksErrorLevel = "WARNING"')
    return site.crawl


# ---------------------------------------------------------------------------------------
# Links by form


@dataclass(frozen=True)
class FormLink:
    post_id: str
    form: str
    dutch: Link
    german: Link | None
    """None where the post has no German page (below the threshold)."""


def form_links(crawl: Crawl) -> list[FormLink]:
    """Every link of every post's body, Dutch and German side by side, with its form
    (:data:`FORMS`). A Dutch page whose body's links are not the table's stops the test:
    the table would be wrong."""
    out: list[FormLink] = []
    for post_id, path in DUTCH_PAGES.items():
        forms = FORMS[post_id]
        dutch = crawl.content_links(path)
        assert len(dutch) == len(forms), (post_id, [link.href for link in dutch], forms)
        german_path = crawl.pages[path].alternates.get("de")
        if german_path is None and post_id.endswith("/_index") and f"/de{path}" in crawl.pages:
            # a section's page in both languages, which Hugo may not pair (see the test of it)
            german_path = f"/de{path}"
        german = crawl.content_links(german_path) if german_path is not None else None
        if german is not None:
            assert len(german) == len(forms), (post_id, [link.href for link in german], forms)
        for index, form in enumerate(forms):
            if form != "external":
                out.append(FormLink(post_id, form, dutch[index], german[index] if german else None))
    return out


def wrong(crawl: Crawl, link: Link) -> str | None:
    """What is wrong with a link: broken, or to a page of the other language while its own
    language has one."""
    why = crawl.broken(link)
    if why is not None:
        return why
    other = crawl.other_language(link)
    if other is not None:
        return f"leads to the other language's page, though {other} exists"
    return None


def by_form(crawl: Crawl) -> dict[str, dict[str, list[str]]]:
    """form -> {"links": [...], "broken nl": [...], "wrong de": [...]}: the links of each
    form, and the Dutch and German ones that are wrong (``post: href: why``)."""
    table: dict[str, dict[str, list[str]]] = {
        form: {"links": [], "wrong nl": [], "wrong de": []} for form in ALL_FORMS
    }
    for found in form_links(crawl):
        row = table[found.form]
        row["links"].append(f"{found.post_id}: {found.dutch.href}")
        for side, link in (("nl", found.dutch), ("de", found.german)):
            why = wrong(crawl, link) if link is not None else None
            if why is not None:
                row[f"wrong {side}"].append(f"{found.post_id}: {link.href}: {why}")  # type: ignore[union-attr]
    return table


def report(name: str, site: Built) -> str:
    """The figures of one build, as lines of text."""
    lines = [f"== {name}: baseURL {site.base_url}" + (f", {site.partial} below the threshold" if site.partial else "")]
    lines.append(f"merge: exit {site.merged.returncode}: " + " | ".join(
        line for line in site.merged.stdout.splitlines() if not line.startswith("wrote ")))
    if not site.ok:
        said = (site.built.stdout + site.built.stderr).splitlines()
        lines.append(f"hugo: exit {site.built.returncode}: " + " | ".join(
            line.replace(str(site.root), "ROOT") for line in said if "ERROR" in line or line.startswith("Error")))
    crawl = lenient_crawl(site)
    lines.extend(site.notes)
    table = by_form(crawl)
    lines.append(f"{'form':26} {'links':>5} {'nl wrong':>8} {'de wrong':>8}")
    totals: Counter[str] = Counter()
    for form, row in table.items():
        lines.append(f"{form:26} {len(row['links']):5} {len(row['wrong nl']):8} {len(row['wrong de']):8}")
        totals.update({key: len(value) for key, value in row.items()})
    lines.append(f"{'all forms':26} {totals['links']:5} {totals['wrong nl']:8} {totals['wrong de']:8}")
    for language in ("nl", "de"):
        every = crawl.links(language)
        broken = crawl.broken_links(language)
        lines.append(f"{language} pages: {len(every)} internal links (layouts' included), "
                     f"{sum(map(len, broken.values()))} broken")
    for form, row in table.items():
        for why in row["wrong de"]:
            lines.append(f"  de {form}: {why}")
    return "\n".join(lines)
