"""The floor: the least any Markdown-to-catalog tool built on these libraries must do.

For every post under ``<root>/content/nl``: read the file, load it with python-frontmatter,
parse the body with markdown-it-py (``MarkdownIt("commonmark", {"html": True})`` with tables
and strikethrough, as the pipeline configures it). Nothing else: nothing is written.
With ``--jobs N`` (N > 1) the posts are spread over N processes the way the pipeline does it.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
from pathlib import Path

import frontmatter
from markdown_it import MarkdownIt

_PARSER: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        _PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return _PARSER


def one(path: Path) -> int:
    text = path.read_bytes().decode("utf-8")
    post = frontmatter.loads(text)
    return len(_parser().parse(post.content))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("-j", "--jobs", type=int, default=1, help="processes (0: one per core)")
    args = parser.parse_args()
    posts = sorted((args.root / "content" / "nl").rglob("*.md"))
    jobs = args.jobs or len(os.sched_getaffinity(0))
    if jobs == 1:
        tokens = sum(map(one, posts))
    else:
        chunk = max(1, min(64, len(posts) // (jobs * 8)))
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            tokens = sum(pool.imap(one, posts, chunksize=chunk))
    print(f"floor: {len(posts)} posts, {tokens} block and inline tokens")


if __name__ == "__main__":
    main()
