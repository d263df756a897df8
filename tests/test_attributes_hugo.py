"""The fixture pairs of tests/fixtures/attributes/ built by the real Hugo (0.111): the German
page has the Dutch page's figures, images and attributes, in German."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from merge_support import fill_catalog
from support import FIXTURES, LANGUAGES_TOML, make_root, po_path, run_extract

from pipeline.config import load_config
from pipeline.merge import merge
from pipeline.po import parse_catalog

needs_hugo = pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo')")
CASES = FIXTURES / "attributes"
POSTS = ("html-attributes", "figure-shortcodes", "inner-markdown")
HUGO_TOML = 'baseURL = "https://example.org/"\ndefaultContentLanguage = "nl"\n' \
    'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "404"]\n' \
    "[markup.goldmark.renderer]\nunsafe = true\n" + LANGUAGES_TOML
LAYOUTS = {
    "_default/single.html": "<main>{{ .Content }}</main>\n",
    "_default/list.html": "{{ range .Pages }}{{ .Title }}{{ end }}\n",
    "shortcodes/quote.html": "<blockquote>{{ .Get 0 }} ({{ .Get 1 }})</blockquote>\n",
    "shortcodes/notice.html": "<div class=\"notice\">{{ .Inner }}</div>\n",
    "shortcodes/mermaid.html": "<pre class=\"mermaid\">{{ .Inner }}</pre>\n",
}


class _Texts(HTMLParser):
    """The texts a reader sees in the figures and attributes of a page: each text attribute,
    and the text of each figcaption, h4, blockquote and pre (that of an element inside one
    its own)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[list[str]] = []
        self.open: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("alt", "title", "aria-label", "placeholder") and value:
                self.found.append([f"{tag} {name}", value])
        if tag in ("figcaption", "h4", "blockquote", "pre"):
            self.open.append((tag, len(self.found)))
            self.found.append([tag, ""])

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1][0] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open:
            self.found[self.open[-1][1]][1] += data


def _texts(page: Path) -> list[tuple[str, str]]:
    parser = _Texts()
    parser.feed(page.read_text(encoding="utf-8"))
    return [(kind, " ".join(text.split())) for kind, text in parser.found]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("attributes-site")
    make_root(root, {f"{name}.md": (CASES / f"{name}.md").read_bytes() for name in POSTS})
    shutil.copy(CASES / "figure-shortcodes.pyproject.toml", root / "pyproject.toml")
    assert not [e for r in run_extract(root) for e in r.errors]
    for name in POSTS:
        translations = {m.msgid: m.msgstr for m in parse_catalog(name, (CASES / f"{name}.de.po").read_bytes()).messages}
        fill_catalog(po_path(root, name),
                     lambda context, msgid, known=translations: known.get(msgid) if context != "slug" else None)
    assert [r.action for r in merge(load_config(root))] == ["written"] * len(POSTS)
    (root / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    for name, text in LAYOUTS.items():
        (root / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "layouts" / name).write_text(text, encoding="utf-8")
    done = subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public"), "--quiet"],
                          check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return root / "public"


@needs_hugo
def test_the_german_figures_have_german_captions_alt_and_titles(built: Path) -> None:
    dutch, german = _texts(built / "figure-shortcodes" / "index.html"), _texts(built / "de" / "figuren" / "index.html")
    assert [kind for kind, _ in german] == [kind for kind, _ in dutch]
    assert german[:3] == [("img alt", "Eine Katze"), ("figcaption", "Eine “schlafende” Katze >}}"),
                          ("h4", 'Roher "Titel"')]
    assert ("img alt", "Ein Hund zwei Zeilen") in german
    assert ("figcaption", "Über mehrere Zeilen\\") in german
    assert ("figcaption", "In einem Absatz") in german and ("figcaption", "Mit Prozentzeichen") in german
    assert ("blockquote", 'Wer das liest, ist "verrückt" (Anoniem)') in german
    # the code-like shortcodes' inner text and the code block are the Dutch page's (Hugo
    # runs a shortcode in code too: there it stays Dutch, as the README says)
    assert [t for t in german if t[0] == "pre"] == [t for t in dutch if t[0] == "pre"]
    assert ("figcaption", "In een codeblok") in german


@needs_hugo
def test_the_german_html_attributes_are_german(built: Path) -> None:
    dutch, german = _texts(built / "html-attributes" / "index.html"), _texts(built / "de" / "attribute" / "index.html")
    assert [kind for kind, _ in german] == [kind for kind, _ in dutch]
    assert german == [
        ("img alt", 'Eine "schlafende" Katze'), ("img title", "Unsere 'Katze'"),
        ("img alt", "Ein bellender Hund"), ("img title", "Hund & Co"), ("figcaption", "Der Hund der Nachbarn"),
        ("button aria-label", "Menü öffnen"), ("input placeholder", "Suchen & finden"),
        ("pre", '<img src="x.jpg" alt="ook niet vertalen">'),
        ("img alt", "Katze | Hund"), ("img alt", "Hund | Katze"),
        ("blockquote", "Ein langes in einem Zitat."), ("img alt", "Eine Katze, die ein Editor über zwei Zeilen schrieb"),
        ("img alt", "Ein Hund über Zeilen"),
    ]


class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag + "".join(f" {k}={v}" for k, v in attrs if k in ("class", "id")))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.text.append(" ".join(data.split()))


@needs_hugo
def test_the_inner_markdown_of_a_shortcode_is_german_with_the_dutch_structure(built: Path) -> None:
    pages = []
    for page in (built / "inner-markdown" / "index.html", built / "de" / "innen" / "index.html"):
        parser = _Structure()
        parser.feed(page.read_text(encoding="utf-8"))
        pages.append(parser)
    dutch, german = pages
    assert [tag.split(" id=")[0] for tag in german.tags] == [tag.split(" id=")[0] for tag in dutch.tags]
    assert "h2 id=eine-überschrift-innen" in german.tags and "li" in german.tags
    assert german.text[:4] == ["Ein Absatz in einem Shortcode.", "Eine Überschrift innen", "Ein Punkt", "Noch ein Punkt"]
    assert german.text[4:] == dutch.text[4:]  # the highlighted code
