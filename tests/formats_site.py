"""The test site of issue 13 (``tests/fixtures/sites/formats/``) through the real command line
and the real Hugo: copied, extracted, every catalog filled (pseudo-translated, or msgstr =
msgid), merged, checked, built; and each built page read for its structure, to compare a
Dutch page with its German one.

Used by ``tests/test_formats_site.py``. Nothing here knows how the pipeline cuts a post into
units: catalogs are filled through the PO format (plural forms too), pages are read from
``public/``.
"""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from merge_support import pseudo
from sectioned_site import hugo, run_cli
from site_crawl import Crawl
from support import FIXTURES

from pipeline.po import format_catalog, parse_catalog

SITE = FIXTURES / "sites" / "formats"
BASE_URL = "https://example.org/"

#: The Dutch source file of each post, by the name the tests give it
POSTS = {
    "toml": "posts/toml-voorpagina.md",
    "json": "posts/json-voorpagina.md",
    "yaml-flow": "posts/yaml-flow.md",
    "nested-keys": "posts/geneste-sleutels.md",
    "deflist": "posts/begrippen.md",
    "heading-ids": "posts/koppen.md",
    "heading-link": "posts/verwijzing.md",
    "task-list": "posts/takenlijst.md",
    "attributes": "posts/attributen.md",
    "figure": "posts/figuren.md",
    "shortcodes": "posts/notitie.md",
    "bundle": "posts/bundel/index.md",
    "numbered-heading": "posts/stappen.md",
}

Translate = Callable[[str | None, str], str | None]
"""(msgctxt, msgid or msgid_plural) -> msgstr; None leaves it untranslated."""


def pseudo_german(context: str | None, msgid: str) -> str | None:
    """Every unit pseudo-translated (markup kept); the slug left to merge (from the title)."""
    return None if context == "slug" else pseudo(msgid)


def identity(context: str | None, msgid: str) -> str | None:
    return msgid


def fill_catalogs(root: Path, translate: Translate, language: str = "de") -> list[Path]:
    """Every active entry of every catalog of ``language`` (the posts', and any other the
    pipeline makes: string tables, menus) filled by ``translate``; the catalogs filled."""
    filled = []
    for path in sorted((root / "locale" / language).rglob("*.po")):
        catalog = parse_catalog(str(path), path.read_bytes())
        for message in catalog.messages:
            if message.obsolete:
                continue
            if message.msgid_plural is not None:
                forms = sorted(message.msgstr_plural) or [0, 1]
                message.msgstr_plural = {
                    n: translate(message.msgctxt, message.msgid if n == 0 else message.msgid_plural) or ""
                    for n in forms
                }
            else:
                message.msgstr = translate(message.msgctxt, message.msgid) or ""
        path.write_bytes(format_catalog(catalog).encode("utf-8"))
        filled.append(path)
    return filled


def build_leniently(root: Path) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Hugo's build of the site; where Hugo stops on a German post (a shortcode the
    translation broke), that post is removed and the site built again, so that one broken
    post does not hide the others. Returns the last build and the posts removed."""
    german = root / "content" / "de"
    removed: list[str] = []
    for _ in range(len(POSTS) + 1):
        done = hugo(root)
        if done.returncode == 0:
            break
        match = re.search(re.escape(str(german)) + r"/([^\s\":]+\.md)", done.stdout + done.stderr)
        if match is None or not (german / match.group(1)).is_file():
            break
        (german / match.group(1)).unlink()
        removed.append(match.group(1))
    return done, removed


# ---------------------------------------------------------------------------------------
# A built page's structure

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
#: The attributes whose values are text a reader sees or hears
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    texts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Its text, white space collapsed (a space between elements: ``<h4>a</h4><p>b``)."""
        return " ".join(" ".join(self.texts).split())

    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


@dataclass
class Structure:
    """What a page shows: the elements of its ``<article>`` (title, front matter fields,
    body) in order, with their text; its menu's entries; its footer's string-table words."""

    elements: list[Element] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    """The article's text nodes outside ``<pre>`` (code is not translated), stripped."""
    menu: list[str] = field(default_factory=list)
    footer: dict[str, str] = field(default_factory=dict)
    """class -> text of each ``<span>`` of the footer."""

    def all(self, tag: str, cls: str | None = None) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and (cls is None or cls in e.classes())]

    def count(self, tag: str) -> int:
        return len(self.all(tag))

    def heading_ids(self) -> list[str]:
        return [e.attrs.get("id", "") for e in self.elements if re.fullmatch(r"h[2-6]", e.tag)]

    def shape(self) -> list[tuple[str, str, str]]:
        """(tag, id, class) of every element of the article, in order: the page's structure.
        A heading's id that Hugo made from its text is not part of it (a translated heading
        has another one); an id the Markdown gives (``{#kop}``) is."""
        return [
            (e.tag, "" if e.attrs.get("id") == anchor(e.text) else e.attrs.get("id", ""), e.attrs.get("class", ""))
            for e in self.elements
        ]

    def shown_texts(self) -> list[str]:
        """The article's text nodes and text attributes' values, outside code."""
        out = list(self.texts)
        for element in self.elements:
            if element.tag not in ("pre", "code"):
                out += [element.attrs[name] for name in TEXT_ATTRIBUTES if element.attrs.get(name)]
        return out


def anchor(text: str) -> str:
    """The id Hugo's Goldmark gives a heading of this text (``autoHeadingIDType = "github"``)."""
    return re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")


class _StructureParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.structure = Structure()
        self._open: list[tuple[str, Element | None]] = []  # open elements (None: outside the article)
        self._region = ""  # "article", "nav", "footer" or ""
        self._pre = 0
        self._footer_span: str | None = None
        self._menu_item: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag in ("article", "nav", "footer") and not self._region:
            self._region = tag
        element = None
        if self._region == "article" and tag != "article":
            element = Element(tag, found)
            self.structure.elements.append(element)
        if tag == "pre":
            self._pre += 1
        if self._region == "footer" and tag == "span":
            self._footer_span = found.get("class", "")
            self.structure.footer[self._footer_span] = ""
        if self._region == "nav" and tag == "a":
            self._menu_item = []
        if tag not in _VOID:
            self._open.append((tag, element))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        while self._open:
            name, _ = self._open.pop()
            if name == "pre":
                self._pre -= 1
            if name == tag:
                break
        if tag == self._region:
            self._region = ""
        if tag == "span":
            self._footer_span = None
        if tag == "a" and self._menu_item is not None:
            self.structure.menu.append(" ".join("".join(self._menu_item).split()))
            self._menu_item = None

    def handle_data(self, data: str) -> None:
        if self._region == "article":
            for _, element in self._open:
                if element is not None:
                    element.texts.append(data)
            if not self._pre and data.strip():
                self.structure.texts.append(" ".join(data.split()))
        elif self._region == "footer" and self._footer_span is not None:
            self.structure.footer[self._footer_span] += data
        elif self._region == "nav" and self._menu_item is not None:
            self._menu_item.append(data)


def structure_of(file: Path) -> Structure:
    parser = _StructureParser()
    parser.feed(file.read_text(encoding="utf-8"))
    parser.close()
    structure = parser.structure
    structure.footer = {key: " ".join(value.split()) for key, value in structure.footer.items()}
    return structure


# ---------------------------------------------------------------------------------------
# The site, through the pipeline and Hugo


@dataclass
class Site:
    root: Path
    extracted: subprocess.CompletedProcess[str]
    merged: subprocess.CompletedProcess[str]
    checked: subprocess.CompletedProcess[str] | None = None
    built: subprocess.CompletedProcess[str] | None = None
    removed: list[str] = field(default_factory=list)
    crawl: Crawl | None = None

    def source(self, post: str) -> Path:
        return self.root / "content" / "nl" / POSTS[post]

    def german_file(self, post: str) -> Path:
        return self.root / "content" / "de" / POSTS[post]

    def dutch_path(self, post: str) -> str:
        """The Dutch page's site path: a bundle's folder, or the file's name without .md."""
        name = POSTS[post].removesuffix(".md").removesuffix("/index")
        return f"/{name}/"

    def page_file(self, path: str) -> Path:
        return self.root / "public" / path.strip("/") / "index.html"

    def dutch(self, post: str) -> Structure:
        return structure_of(self.page_file(self.dutch_path(post)))

    def german_path(self, post: str) -> str:
        assert self.built is not None and self.crawl is not None, "the site was not built"
        assert self.built.returncode == 0, self.built.stderr
        path = self.crawl.pages[self.dutch_path(post)].alternates.get("de")
        assert path is not None, (
            f"{post}: no German page (merge: {self.said(self.merged, post)}; "
            f"removed before Hugo's build: {self.removed})"
        )
        return path

    def german(self, post: str) -> Structure:
        return structure_of(self.page_file(self.german_path(post)))

    def said(self, done: subprocess.CompletedProcess[str], post: str) -> list[str]:
        """The lines of a command's output that name a post's source file."""
        name = f"content/nl/{POSTS[post]}"
        return [line for line in (done.stdout + done.stderr).splitlines() if name in line]


def run_site(root: Path, translate: Translate, build: bool = True) -> Site:
    """A copy of the fixture at ``root``: extract, every catalog filled by ``translate``,
    merge, check; with ``build``, Hugo's build (leniently) and its crawl."""
    shutil.copytree(SITE, root)
    extracted = run_cli(root, "extract")
    fill_catalogs(root, translate)
    site = Site(root, extracted, run_cli(root, "merge"))
    site.checked = run_cli(root, "check")
    if build:
        site.built, site.removed = build_leniently(root)
        if site.built.returncode == 0:
            site.crawl = Crawl.of(root / "public", BASE_URL)
    return site


def split_front_matter(data: bytes) -> tuple[bytes, bytes]:
    """(front matter, body) of a post as Hugo splits them: between ``---`` or ``+++`` lines,
    or a JSON object at the start; (b"", data) without front matter."""
    for fence in (b"---", b"+++"):
        if data.startswith((fence + b"\n", fence + b"\r\n")):
            match = re.compile(rb"^" + re.escape(fence) + rb"[ \t]*\r?\n", re.MULTILINE).search(data, len(fence) + 1)
            assert match is not None, data[:200]
            return data[: match.end()], data[match.end():]
    if data.startswith(b"{"):
        text = data.decode("utf-8")
        _, end = json.JSONDecoder().raw_decode(text)
        head = text[:end].encode("utf-8")
        rest = data[len(head):]
        newline = re.match(rb"[ \t]*\r?\n", rest)
        if newline:
            head, rest = head + newline.group(), rest[newline.end():]
        return head, rest
    return b"", data
