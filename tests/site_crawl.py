"""A crawl of what Hugo wrote (``public/``): every internal link of every page, and the ones
that lead nowhere.

A link is internal when it stays on the site: a path under the ``baseURL``'s path (``/kennis/…``
for ``https://example.org/kennis/``), a URL of the ``baseURL``'s host under that path, or a
relative URL (resolved on its page as a browser does). Collected: ``<a href>``, ``<img src>``,
``<link href>``, and the target of each redirect page Hugo writes for an alias (``<meta
http-equiv="refresh">``). A link is broken when no file is there (``/x/`` is
``public/x/index.html``), when its ``#anchor`` is no element's id on the page (a redirect is
followed first), or when it is a root path outside the ``baseURL``'s path (``/x/`` on a site
served under ``/kennis/``).

A link of a page in one language to a page of another one that has a page in the first
(``<link rel="alternate" hreflang>``) is not broken, but leads to the wrong language:
:meth:`Crawl.other_language` tells it.
"""

from __future__ import annotations

import html.parser
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: The class of the element the layouts put a post's body (``.Content``) in
CONTENT_CLASS = "inhoud"
_REFRESH_RE = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*(.+?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    page: str
    """The site path of the page it is on (``/blog/x/``, without the baseURL's path)."""
    href: str
    """As the HTML has it."""
    tag: str
    """``a``, ``img``, ``link`` or ``alias`` (the target of a redirect page)."""
    in_content: bool
    """Whether it is in the post's body (``<div class="inhoud">``), not the layout's."""
    target: str | None
    """The site path it leads to (unquoted, no fragment), None for a link off the site."""
    fragment: str
    outside_base: bool = False
    """A root path outside the baseURL's path: a link off the site that should be on it."""
    hreflang: str | None = None
    """The language of a page in another language (``<a hreflang>``, ``<link rel="alternate"
    hreflang>``): a link meant to lead to the other language."""


@dataclass
class Page:
    path: str
    """Its site path: ``/blog/x/`` for ``public/blog/x/index.html``."""
    language: str
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    alternates: dict[str, str] = field(default_factory=dict)
    """hreflang -> the site path of that language's page."""
    redirect: str | None = None
    """An alias's redirect page: the site path it sends to."""


class _Parser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.language = ""
        self.ids: set[str] = set()
        self.found: list[tuple[str, str, bool, str | None]] = []  # tag, url, in content, hreflang
        self.refresh: str | None = None
        self._depth = 0  # open <div>s since the content's <div>, 0: outside

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.language = found.get("lang", "")
        if found.get("id"):
            self.ids.add(found["id"])
        if tag == "div":
            if self._depth:
                self._depth += 1
            elif CONTENT_CLASS in found.get("class", "").split():
                self._depth = 1
        inside = self._depth > 0
        if tag == "a" and "href" in found:
            self.found.append(("a", found["href"], inside, found.get("hreflang")))
        elif tag == "img" and "src" in found:
            self.found.append(("img", found["src"], inside, None))
        elif tag == "link" and "href" in found:
            hreflang = found.get("hreflang") if found.get("rel") == "alternate" else None
            self.found.append(("link", found["href"], inside, hreflang))
        elif tag == "meta" and found.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH_RE.match(found.get("content", ""))
            if match:
                self.refresh = match.group(1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "div":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._depth:
            self._depth -= 1


def base_of(base_url: str) -> tuple[str, str]:
    """(host, path) of a ``baseURL``: ``https://example.org/kennis/`` -> (``example.org``,
    ``/kennis/``); ``/`` -> ("", ``/``)."""
    parts = urlsplit(base_url)
    path = parts.path or "/"
    return parts.netloc, path if path.endswith("/") else path + "/"


@dataclass
class Crawl:
    public: Path
    base_url: str = "/"
    pages: dict[str, Page] = field(default_factory=dict)

    @classmethod
    def of(cls, public: Path, base_url: str = "/") -> Crawl:
        crawl = cls(public, base_url)
        for file in sorted(public.rglob("*.html")):
            crawl._read(file)
        return crawl

    # -- reading ------------------------------------------------------------------------

    def _read(self, file: Path) -> None:
        relative = file.relative_to(self.public).as_posix()
        path = "/" + (relative[: -len("index.html")] if relative.endswith("index.html") and
                      (relative == "index.html" or relative.endswith("/index.html")) else relative)
        parser = _Parser()
        parser.feed(file.read_text(encoding="utf-8", errors="replace"))
        page = Page(path, parser.language, parser.ids)
        for tag, url, inside, hreflang in parser.found:
            link = self.link(path, url, tag, inside, hreflang)
            page.links.append(link)
            if tag == "link" and hreflang and link.target is not None:
                page.alternates[hreflang] = link.target
        if parser.refresh is not None:
            link = self.link(path, parser.refresh, "alias", False)
            page.links.append(link)
            page.redirect = link.target
        self.pages[path] = page

    def link(self, page: str, href: str, tag: str = "a", inside: bool = True, hreflang: str | None = None) -> Link:
        """The link ``href`` of the page at site path ``page``, resolved."""
        host, base = base_of(self.base_url)
        parts = urlsplit(href)
        fragment = unquote(parts.fragment)
        if parts.scheme or parts.netloc:
            if parts.scheme not in ("http", "https", "") or parts.netloc != host or not host:
                return Link(page, href, tag, inside, None, fragment, hreflang=hreflang)
            url = parts.path or "/"
        elif not parts.path:
            url = base + page.lstrip("/")  # "#x" or "": this page
        elif parts.path.startswith("/"):
            url = parts.path
        else:
            here = base + page.lstrip("/")
            folder = here if here.endswith("/") else posixpath.dirname(here) + "/"
            url = posixpath.normpath(posixpath.join(folder, parts.path))
            if parts.path.endswith("/") and not url.endswith("/"):
                url += "/"
        url = unquote(url)
        if not (url + "/").startswith(base):
            return Link(page, href, tag, inside, None, fragment, outside_base=True, hreflang=hreflang)
        return Link(page, href, tag, inside, "/" + url[len(base):], fragment, hreflang=hreflang)

    # -- following ----------------------------------------------------------------------

    def page_at(self, target: str) -> Page | None:
        """The HTML page a site path leads to (``/x/``, ``/x``, ``/x/index.html``)."""
        for path in (target, target.rstrip("/") + "/", target.removesuffix("index.html")):
            if path in self.pages:
                return self.pages[path]
        return None

    def exists(self, target: str) -> bool:
        if self.page_at(target) is not None:
            return True
        file = self.public / target.lstrip("/")
        return file.is_file()

    def landing(self, link: Link) -> Page | None:
        """The page a link ends on, a redirect (an alias) followed."""
        if link.target is None:
            return None
        page = self.page_at(link.target)
        if page is not None and page.redirect is not None:
            page = self.page_at(page.redirect) or page
        return page

    def broken(self, link: Link) -> str | None:
        """Why a link leads nowhere, or None (external links lead somewhere)."""
        if link.outside_base:
            return f"outside the site's path {base_of(self.base_url)[1]}"
        if link.target is None:
            return None
        if not link.href.strip() and link.tag in ("a", "img"):
            return "an empty href"  # what Hugo makes of a ref it does not find, as a warning
        if not self.exists(link.target):
            return "no such page or file"
        if link.fragment:
            page = self.landing(link)
            if page is not None and link.fragment not in page.ids:
                return f"no #{link.fragment} on {page.path}"
        return None

    def other_language(self, link: Link) -> str | None:
        """The site path of the page in the link's page's language, when the link leads to a
        page of another language that has one (a German page linking to a Dutch page whose
        German page exists); None otherwise."""
        if link.hreflang:
            return None  # a language switch
        here = self.pages.get(link.page)
        there = self.landing(link)
        if here is None or there is None or not here.language or there.language == here.language:
            return None
        return there.alternates.get(here.language)

    # -- reports ------------------------------------------------------------------------

    def links(self, language: str | None = None, content_only: bool = False) -> list[Link]:
        """Every internal link of the pages of ``language`` (all pages: None)."""
        return [
            link for page in self.pages.values() if language is None or page.language == language
            for link in page.links
            if (link.target is not None or link.outside_base) and (link.in_content or not content_only)
        ]

    def broken_links(self, language: str | None = None) -> dict[str, list[str]]:
        """``{page: ["href: why", …]}`` of every broken internal link of ``language``'s pages."""
        found: dict[str, list[str]] = {}
        for link in self.links(language):
            why = self.broken(link)
            if why is not None:
                found.setdefault(link.page, []).append(f"{link.href}: {why}")
        return found

    def content_links(self, path: str) -> list[Link]:
        """The links of a page's body, in order (what its Markdown wrote, rendered)."""
        return [link for link in self.pages[path].links if link.in_content]
