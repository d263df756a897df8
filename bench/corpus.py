"""Benchmark corpora: N distinct Dutch posts built from the real Open Source Guides articles.

Every post is one of the 12 Dutch articles in ``tests/fixtures/opensource-guide/nl/`` (so it
has the size and the Markdown of a real post: headings, paragraphs, lists, tables, Kramdown
``<aside markdown="1">`` blocks, links, zero-width spaces), varied deterministically by its
number ``i`` so that no two posts are equal:

- front matter: the article's keys, a title and description numbered ``(i)``, a ``date``
  (one post a day from 2015-01-01) and a ``tags`` list;
- the ``##`` sections after the introduction are shuffled (a seeded RNG per post);
- the sentences of plain paragraph lines (no inline markup) are shuffled;
- every heading gets the post number, and a first paragraph names the post and links to the
  previous one (``/<slug>/``, which merge maps to the German post's URL).

Posts go to ``<root>/content/nl/<year>/<article>-<i>.md``. The same ``i`` always gives the
same bytes, so two runs measure the same corpus.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import re
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
ARTICLES_DIR = REPO / "tests" / "fixtures" / "opensource-guide" / "nl"

_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])")
_MARKUP_RE = re.compile(r"[\[\]`*_<>{}|\\#]")
_FENCE_RE = re.compile(r"^\s*(```|~~~)")


def _articles() -> list[tuple[str, dict, list[str]]]:
    """(stem, front matter, body lines) of each Dutch article, sorted by name."""
    out = []
    for path in sorted(ARTICLES_DIR.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        assert lines[0].strip() == "---", path
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        meta = yaml.safe_load("\n".join(lines[1:close])) or {}
        body = lines[close + 1 :]
        while body and not body[0].strip():
            body.pop(0)
        out.append((path.stem, meta, body))
    return out


_CACHE: list[tuple[str, dict, list[str]]] | None = None


def articles() -> list[tuple[str, dict, list[str]]]:
    global _CACHE
    if _CACHE is None:
        _CACHE = _articles()
    return _CACHE


def _sections(body: list[str]) -> tuple[list[str], list[list[str]]]:
    """The introduction and the ``##`` sections (split only outside code fences and HTML blocks)."""
    intro: list[str] = []
    sections: list[list[str]] = []
    current = intro
    fence = False
    aside = 0
    for line in body:
        if _FENCE_RE.match(line):
            fence = not fence
        if not fence:
            aside += line.count("<aside") - line.count("</aside>")
        if not fence and aside == 0 and line.startswith("## "):
            current = [line]
            sections.append(current)
        else:
            current.append(line)
    return intro, sections


def _vary_lines(lines: list[str], rng: random.Random, number: str) -> list[str]:
    out = []
    fence = False
    for line in lines:
        if _FENCE_RE.match(line):
            fence = not fence
            out.append(line)
            continue
        if fence:
            out.append(line)
            continue
        heading = re.match(r"(#{1,6} )(.*)$", line)
        if heading:
            out.append(f"{heading.group(1)}{heading.group(2)} ({number})")
            continue
        if line[:1].isalpha() and not _MARKUP_RE.search(line):
            sentences = _SENTENCE_SPLIT_RE.split(line)
            if len(sentences) > 1:
                rng.shuffle(sentences)
                line = " ".join(sentences)
        out.append(line)
    return out


def varied_body(article: int, seed: int, number: str) -> list[str]:
    """One article's body, its sections and sentences shuffled by ``seed``, headings numbered."""
    _, _, body = articles()[article]
    rng = random.Random(seed)
    intro, sections = _sections(body)
    rng.shuffle(sections)
    lines = list(intro)
    for section in sections:
        if lines and lines[-1].strip():
            lines.append("")
        lines.extend(section)
    return _vary_lines(lines, rng, number)


def _front_matter(meta: dict, i: int, date: dt.date, size_note: str = "") -> str:
    fields: dict = {}
    fields["title"] = f"{meta.get('title', 'Bericht')} ({i}){size_note}"
    fields["date"] = date
    fields["lang"] = "nl"
    if meta.get("description"):
        fields["description"] = f"{meta['description']} Bericht {i}."
    fields["tags"] = ["open source", str(meta.get("class") or "gids"), f"reeks {i % 50}"]
    for key, value in meta.items():
        if key not in fields and key != "lang":
            fields[key] = value
    text = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1_000_000)
    return f"---\n{text}---\n\n"


def post_text(i: int) -> tuple[str, str]:
    """(relative path under content/nl, text) of post number ``i`` (0-based)."""
    items = articles()
    article = i % len(items)
    stem, meta, _ = items[article]
    date = dt.date(2015, 1, 1) + dt.timedelta(days=i)
    body = varied_body(article, seed=i, number=str(i))
    intro = f"Dit is bericht {i} in de reeks over open source, gepubliceerd op {date.isoformat()}."
    if i:  # a link to the previous post, as posts in a series have (merge maps it to the German URL)
        intro += f" Lees ook [het vorige bericht](/{items[(i - 1) % len(items)][0]}-{i - 1:05d}/)."
    text = _front_matter(meta, i, date) + intro + "\n\n" + "\n".join(body).rstrip("\n") + "\n"
    return f"{date.year}/{date.isoformat()}-{stem}-{i:05d}.md", text


def big_post_text(size: int) -> str:
    """One post of at least ``size`` bytes: the articles' bodies concatenated, each copy varied."""
    items = articles()
    _, meta, _ = items[0]
    parts = [_front_matter(meta, 0, dt.date(2020, 1, 1), f" ({size // 1_000_000} MB)"),
             "Dit bericht is een aaneenschakeling van alle gidsen, vele keren.\n\n"]
    total = sum(len(p.encode()) for p in parts)
    copy = 0
    while total < size:
        article = copy % len(items)
        chunk = "\n".join(varied_body(article, seed=10_000_000 + copy, number=f"{copy}")).rstrip("\n") + "\n\n"
        parts.append(chunk)
        total += len(chunk.encode())
        copy += 1
    return "".join(parts)


def _write_posts(source: Path, start: int, stop: int) -> tuple[int, list[bytes]]:
    """Write posts ``start`` to ``stop - 1``: (their total bytes, the digest of each)."""
    total = 0
    digests = []
    made: set[Path] = set()
    for i in range(start, stop):
        rel, text = post_text(i)
        data = text.encode("utf-8")
        digests.append(hashlib.blake2b(data, digest_size=16).digest())
        path = source / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)
        total += len(data)
    return total, digests


def _write_chunk(args: tuple[str, int, int]) -> tuple[int, list[bytes]]:
    source, start, stop = args
    return _write_posts(Path(source), start, stop)


CHUNK = 500  # posts a worker writes at a time


def build(root: Path, count: int, jobs: int = 0) -> int:
    """Write ``count`` posts under ``root/content/nl`` (the folder is made anew); total bytes.

    ``jobs``: processes that write (0: one per core). The posts are the same bytes whatever it
    is; that no two are equal is checked on digests, so memory stays flat (100,000 posts are
    2.1 GB of text).
    """
    source = root / "content" / "nl"
    if source.exists():
        shutil.rmtree(source)
    source.mkdir(parents=True)
    articles()  # read once before the workers fork
    jobs = jobs or len(os.sched_getaffinity(0))
    chunks = [(str(source), start, min(start + CHUNK, count)) for start in range(0, count, CHUNK)]
    if jobs > 1 and len(chunks) > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_write_chunk, chunks, chunksize=1)
    else:
        parts = [_write_chunk(chunk) for chunk in chunks]
    total = 0
    seen: set[bytes] = set()
    for part_total, digests in parts:
        total += part_total
        seen.update(digests)
    assert len(seen) == count, "two posts are equal"
    return total


def build_big(root: Path, size: int) -> int:
    source = root / "content" / "nl"
    if source.exists():
        shutil.rmtree(source)
    source.mkdir(parents=True)
    data = big_post_text(size).encode("utf-8")
    (source / "2020-01-01-alle-gidsen.md").write_bytes(data)
    limit = max(2 * len(data), 1024 * 1024)
    (root / "pyproject.toml").write_text(
        "# Benchmark content root: one very large post, so the size limit is raised.\n"
        f"[tool.pipeline]\nmax-post-bytes = {limit}\n",
        encoding="utf-8",
    )
    return len(data)


def change_post(path: Path, generation: int) -> None:
    """Change one post: rewrite the sentence of its first paragraph (a different one each call)."""
    text = path.read_text(encoding="utf-8")
    text, n = re.subn(r"^Dit is bericht (\d+) in de reeks[^\n]*$",
                      lambda m: f"Dit is bericht {m.group(1)} in de reeks, herzien ({generation}).",
                      text, count=1, flags=re.MULTILINE)
    if not n:
        text = text.rstrip("\n") + f"\n\nHerzien ({generation}).\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("-j", "--jobs", type=int, default=0, help="processes that write (default 0: one per core)")
    args = parser.parse_args()
    total = build(args.root, args.count, args.jobs)
    print(f"{args.count} posts, {total:,} bytes in {args.root}/content/nl")


if __name__ == "__main__":
    main()
