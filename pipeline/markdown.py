"""The Markdown the pipeline reads: every markdown-it-py parser it uses, configured here.

One dialect: CommonMark with raw HTML, GFM tables and strikethrough, and footnotes
(mdit-py-plugins), as Hugo's Goldmark reads a post with the site's default settings, near
enough (the differences are listed in the README). Each parser below is that dialect, or a
part of it that is faster for one purpose and finds the same things for that purpose.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """CommonMark with raw HTML, GFM tables and strikethrough, and footnotes."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).use(
        footnote_plugin
    )


@lru_cache(maxsize=1)
def block_parser() -> MarkdownIt:
    """The same parser, block level only: units are cut from the source, so the inline
    pass (about half of markdown-it-py's time) would be wasted work."""
    # inline_definitions: a "definition" token (with its lines) for each link reference
    # definition, which markdown-it-py otherwise keeps only in env
    parser = MarkdownIt("commonmark", {"html": True, "inline_definitions": True})
    parser.enable(["table", "strikethrough"])
    # footnote_tail moves footnote blocks to the end and drops those never referenced
    # (which it can only know from the inline pass): keep them where they stand instead
    return parser.use(footnote_plugin).disable(["inline", "footnote_tail"])


@lru_cache(maxsize=1)
def inline_parser() -> MarkdownIt:
    """The inline rules of the dialect (raw HTML, strikethrough), without the footnote plugin:
    a translation's links, code, emphasis and tags, as the translation checks compare them."""
    return MarkdownIt("commonmark", {"html": True}).enable(["strikethrough"])


@lru_cache(maxsize=1)
def link_parser() -> MarkdownIt:
    """The inline rules (CommonMark, raw HTML, footnotes) but emphasis and strikethrough,
    which never decide a link (brackets take precedence, CommonMark 6.3): the same links,
    found in less time."""
    parser = MarkdownIt("commonmark", {"html": True}).use(footnote_plugin).disable(["emphasis"])
    # destinations as written (unescaped), as merge rewrites them: percent-encoding each one
    # cost more than the rest of the comparison
    parser.normalizeLink = lambda url: url  # type: ignore[method-assign]
    return parser

