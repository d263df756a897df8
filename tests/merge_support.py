"""Helpers for the merge tests: catalogs filled in place, in-memory merges, pseudo-translation.

Everything here reads the fixtures under ``tests/fixtures`` (never ``/work/shared``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterator, Mapping
from functools import lru_cache
from pathlib import Path

import pytest
from support import ARTICLES, FIXTURES, SEED, SEED_ID, make_root, po_path, run_extract

from pipeline.config import load_config
from pipeline.merge import MergeResult, merge
from pipeline.po import format_catalog, parse_catalog
from pipeline.post import load_post
from pipeline.markdown import markdown_parser
from pipeline.segment import _NON_TEXT_RE

#: A memory file system where there is one: property tests make and remove a content
#: root per example, the corpus tests write some 3,000 files, and removing folders is slow on some disks
_SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


SPEC = FIXTURES / "commonmark" / "spec.json"
#: A front matter that every CommonMark example gets, so that an example that starts with
#: ``---`` (a thematic break, a setext underline) is not read as front matter. The title has
#: the example's number: posts with one German title would have one URL, and merge refuses that.
SPEC_FRONT_MATTER = "---\ntitle: Voorbeeld {number}\n---\n"

Translate = Callable[[str | None, str], str | None]
"""(msgctxt, msgid) -> msgstr; None or "" leaves the entry untranslated."""


@lru_cache(maxsize=1)
def spec_examples() -> list[dict[str, object]]:
    examples = json.loads(SPEC.read_text(encoding="utf-8"))
    assert len(examples) == 652, "tests/fixtures/commonmark/spec.json should hold 652 examples"
    return examples


def spec_post(example: Mapping[str, object]) -> str:
    return SPEC_FRONT_MATTER.format(number=example["example"]) + str(example["markdown"])


def spec_id(example: Mapping[str, object]) -> str:
    return f"example-{int(example['example']):03d}"  # type: ignore[call-overload]


def fill_catalog(path: Path, translate: Translate, fuzzy: bool = False) -> None:
    """Set the msgstr of every active entry of a PO file to ``translate(msgctxt, msgid)``.
    An entry the translation memory offered fuzzy (``close match from …``) is confirmed, as
    a translator does in a PO editor (the tests were written before the memory offered it)."""
    catalog = parse_catalog(str(path), path.read_bytes())
    for message in catalog.messages:
        if message.obsolete:
            continue
        if message.fuzzy and any(c.startswith("close match from ") for c in message.user_comments):
            message.flags = [flag for flag in message.flags if flag != "fuzzy"]
            message.previous_msgctxt = message.previous_msgid = None
        message.msgstr = translate(message.msgctxt, message.msgid) or ""
        if fuzzy and message.msgstr and "fuzzy" not in message.flags:
            message.flags.insert(0, "fuzzy")
    path.write_bytes(format_catalog(catalog).encode("utf-8"))


def fill_all(root: Path, translate: Translate, language: str = "de") -> None:
    for path in sorted((root / "locale" / language / "LC_MESSAGES").rglob("*.po")):
        fill_catalog(path, translate)


def fill(root: Path, post_id: str, translations: Mapping[object, str] | Translate) -> None:
    """Fill one post's catalog from a mapping keyed by msgid or (msgctxt, msgid)."""
    fill_catalog(po_path(root, post_id), translator(translations))


def identity(context: str | None, msgid: str) -> str:
    return msgid


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter with its fences, body) of a post's text, on the first closing line."""
    post = load_post("post.md", text.encode("utf-8"))
    assert post.has_front_matter, text[:200]
    head = "".join(line + end for line, end in zip(post.lines[: post.body_start], post.endings))
    body = "".join(
        line + end
        for line, end in zip(post.lines[post.body_start :], post.endings[post.body_start :])
    )
    return head, body


def front_matter(text: str) -> dict[str, object]:
    return load_post("post.md", text.encode("utf-8")).meta


# ---------------------------------------------------------------------------------------
# The corpus: every CommonMark example, every real article and the seed, extracted once

_CORPUS: dict[str, Path] = {}


def corpus_posts() -> dict[str, str | bytes]:
    posts: dict[str, str | bytes] = {f"{spec_id(ex)}.md": spec_post(ex) for ex in spec_examples()}
    assert len(ARTICLES) == 12, "tests/fixtures/opensource-guide/nl/ should hold 12 articles"
    for article in ARTICLES:
        posts[article.name] = article.read_bytes()
    posts[f"{SEED_ID}.md"] = SEED.read_bytes()
    return posts


@pytest.fixture(scope="session")
def extracted_corpus() -> Iterator[Path]:
    """A content root with the corpus extracted; copy it before changing anything in it.

    Modules that import this fixture get their own fixture definition; the root is built
    once per session all the same. It lives in a memory file system where there is one.
    """
    if "root" in _CORPUS:
        yield _CORPUS["root"]
        return
    with tempfile.TemporaryDirectory(prefix="merge-corpus-", dir=_SCRATCH) as tmp:
        root = make_root(Path(tmp) / "root", corpus_posts())
        errors = [error for result in run_extract(root) for error in result.errors]
        assert not errors, errors
        _CORPUS["root"] = root
        try:
            yield root
        finally:
            del _CORPUS["root"]


def merged_corpus(
    extracted: Path, translate: Translate, refused: Collection[str] = ()
) -> dict[str, tuple[str, str]]:
    """A copy of the extracted corpus, its catalogs filled by ``translate``, merged:
    post id -> (Dutch text, German text). ``refused``: the posts merge must refuse (a
    translation that changes the page; they are left out), exactly these."""
    with tempfile.TemporaryDirectory(prefix="merge-corpus-", dir=_SCRATCH) as tmp:
        root = Path(tmp) / "root"
        shutil.copytree(extracted, root)
        fill_all(root, translate)
        results = merge(load_config(root))
        not_written = {r.post_id: r.message for r in results if r.action != "written"}
        assert set(not_written) == set(refused), not_written
        assert all(r.action == "error" for r in results if r.post_id in not_written)
        assert len(results) == 652 + 12 + 1
        out = {}
        for result in results:
            if result.post_id in not_written:
                continue
            dutch = (root / "content" / "nl" / f"{result.post_id}.md").read_bytes().decode("utf-8")
            german = (root / result.path).read_bytes().decode("utf-8")
            out[result.post_id] = (dutch, german)
    return out


# ---------------------------------------------------------------------------------------
# One post merged in a throwaway content root (for property tests: no tmp_path per example)


def translator(translations: Mapping[object, str] | Translate) -> Translate:
    """A Translate from a mapping keyed by msgid or by (msgctxt, msgid), or a Translate."""
    if callable(translations):
        return translations

    def translate(context: str | None, msgid: str) -> str | None:
        if (context, msgid) in translations:
            return translations[(context, msgid)]
        return translations.get(msgid) if context != "slug" else None

    return translate


def merge_in(
    root: Path,
    posts: Mapping[str, tuple[str | bytes, Mapping[object, str] | Translate]],
    pyproject: str | None = None,
    min_translated: float = 0.0,
) -> dict[str, MergeResult]:
    """Write the posts (id -> (text, translations)) under ``root``, extract, fill, merge."""
    make_root(root, {f"{pid}.md": text for pid, (text, _) in posts.items()})
    if pyproject is not None:
        (root / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    errors = [e for r in run_extract(root) for e in r.errors]
    assert not errors, errors
    for pid, (_, translations) in posts.items():
        fill_catalog(po_path(root, pid), translator(translations))
    results = merge(load_config(root), min_translated=min_translated)
    return {r.post_id: r for r in results}


def merged(
    text: str | bytes,
    translations: Mapping[object, str] | Translate,
    others: Mapping[str, tuple[str | bytes, Mapping[object, str] | Translate]] = {},
    pyproject: str | None = None,
) -> tuple[str, list[str]]:
    """The German text of one post (id ``post``) and merge's warnings for it."""
    with tempfile.TemporaryDirectory(prefix="merge-test-", dir=_SCRATCH) as tmp:
        root = Path(tmp)
        results = merge_in(root, {"post": (text, translations), **others}, pyproject)
        result = results["post"]
        assert result.action == "written", result
        data = (root / result.path).read_bytes()
    return data.decode("utf-8"), result.warnings


# ---------------------------------------------------------------------------------------
# Pseudo-translation and block structure

_WORD_RE = re.compile(r"[A-Za-z]+")
# Also keep the start of a tag that is not closed on its line (``<div id="foo"``): a
# translator keeps markup, and its name decides what kind of HTML block it opens
# A translator also keeps what makes a link: the label of a shortcut or collapsed reference
# link (``[foo]``, ``[foo][]``: its text is its label), a bare ``www.`` or e-mail address
# (Hugo's linkify makes them links)
_MARKUP_RE = re.compile(
    rf"{_NON_TEXT_RE.pattern}|</?[A-Za-z][A-Za-z0-9-]*"
    r"|!?\[[^\[\]]{0,1000}\](?:\[\])?(?![(\[])"
    r"|\bwww\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.DOTALL,
)


def _change_words(text: str) -> str:
    return _WORD_RE.sub(lambda m: m.group().swapcase() + "x", text)


def pseudo(text: str) -> str:
    """A markup-preserving pseudo-translation: outside code, tags, URLs, link destinations,
    entities and shortcodes, every ASCII word gets its case swapped and an ``x`` appended."""
    out: list[str] = []
    pos = 0
    for match in _MARKUP_RE.finditer(text):
        out.append(_change_words(text[pos : match.start()]))
        out.append(match.group())
        pos = match.end()
    out.append(_change_words(text[pos:]))
    return "".join(out)


def pseudo_translate(context: str | None, msgid: str) -> str | None:
    if context == "slug":
        return None
    return pseudo(msgid)


def block_structure(markdown: str) -> list[tuple[str, str, int, int, bool]]:
    """(type, tag, nesting, level, hidden) of every block token markdown-it-py makes."""
    return [
        (t.type, t.tag, t.nesting, t.level, t.hidden) for t in markdown_parser().parse(markdown)
    ]


def render_html(markdown: str) -> str:
    return markdown_parser().render(markdown)


def body(text: str) -> str:
    """The body as markdown-it-py sees it (after the front matter, ``\\n`` line endings)."""
    return load_post("post.md", text.encode("utf-8")).body
