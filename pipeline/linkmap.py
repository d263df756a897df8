"""Which page of the site a link points at, and a Dutch link as the German page has it.

:class:`LinkMap` holds every page's URL in both languages (the posts' from :class:`Site`, the
list pages and the other pages Hugo makes: :func:`pipeline.site.made_pages`), the pages'
aliases, the German pages there are after this merge and each post's heading anchors.
:meth:`LinkMap.resolve` (and :meth:`LinkMap.resolve_ref`) is the one place that says which
page a link leads to; :meth:`LinkMap.rewrite` (and :meth:`LinkMap.rewrite_ref`) turns a Dutch
link into a German one. Hugo's URL rules themselves are :mod:`pipeline.hugo`'s.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from pipeline.hugo import HugoSettings, served_path, sitemap_urls, unbuilt
from pipeline.links import file_name, is_section, rewrite_links
from pipeline.site import Site, Summary, _dutch_post, _german_matter, heading_anchors, made_pages
from pipeline.update import shown_language

_STATIC_FILE_RE = re.compile(r"\.(?!html?$|md$)[A-Za-z0-9]{1,8}$")
_SCHEME_RE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//")


@dataclass(frozen=True)
class LinkTarget:
    """What a link of a post points at (:meth:`LinkMap.resolve`)."""

    kind: str
    """``page`` (a post, or a section's list page), ``file`` (a bundle's resource or a file
    under static/), ``external`` (another site, mail; or a page no post makes, named in
    ``[tool.pipeline.links]``), ``unknown`` (no page or file of the site: a broken link),
    ``unchecked`` (a relative URL on a page whose own URL is not known)."""
    post_id: str | None = None
    """A page's post id (a section's list page: ``<folder>/_index``, written or made by Hugo)."""
    language: str | None = None
    """The language of the page the link names."""
    path: str = ""
    """The URL path it leads to (a ``.md`` path or a ref: as written)."""
    anchor: str | None = None
    """The anchor, without ``#`` (None: none)."""
    query: str = ""
    """``?…`` as written, or ""."""
    alias: bool = False
    """Reached through an ``aliases`` entry of the page (an old URL, which Hugo publishes as
    a redirect to it), not at the page's own URL."""


class LinkMap:
    """Which page of the site a link points at (:meth:`resolve`: the one place for that
    rule), and a Dutch link turned into a German one (:meth:`rewrite`, :meth:`rewrite_ref`):
    every page's URL in both languages, the German pages there will be after this merge
    (``available``), each post's heading anchors."""

    def __init__(
        self, site: Site, language: str, summaries: Sequence[Summary], available: set[str],
        dutch_urls: dict[str, str | None] | None = None,
        german_aliases: dict[str, Sequence[str]] | None = None,
        third: Mapping[str, Sequence[Summary]] | None = None,
    ) -> None:
        """``dutch_urls``: the Dutch pages' URLs an earlier map of the same summaries made
        (:attr:`dutch_urls`): they do not change between the rounds of one run.
        ``german_aliases``: the ``aliases`` of each German page as merge leaves it, by post id
        (:func:`german_aliases`); the Dutch pages' are their summaries'. ``third``: by
        language, the pages in the site's other languages (neither the source language nor
        ``language``) of the pairs written in another language than the source language
        (:func:`pipeline.site.other_pairs`): a link to one leads to a page of the site, and
        stays as written."""
        config = site.config
        self.config = config
        self._hugo = site.hugo
        self.language = language
        self.by_url: dict[str, str] = {}
        self.by_id: dict[str, str] = {}
        self.anchors: dict[str, dict[str, str]] = {}
        self.dutch_anchors: dict[str, list[str]] = {}
        """Each post's Dutch heading ids (check's link check)."""
        self.ids = {summary.post_id for summary in summaries}
        """Every Dutch post, read or not: a page of the Dutch site."""
        read = [summary for summary in summaries if summary.error is None]
        if dutch_urls is None:
            dutch_urls = site.page_urls(config.source_language, {s.post_id: (s.source_slug, s.address) for s in read})
        self.dutch_urls = dutch = dutch_urls
        german = site.page_urls(language, {s.post_id: (s.slug, _german_matter(s)) for s in read})
        self.dutch_by_id: dict[str, str] = {}
        """Each Dutch page's URL, by post id: where a relative link in it starts from."""
        self.german_by_id: dict[str, str] = {}
        """Each German page's URL as merge would make it, by post id, written or not."""
        self.available = {s.post_id for s in read if s.post_id in available}
        """The posts whose German page there is after this merge."""
        now = dt.datetime.now()  # (Hugo compares a page's dates with the time of its build)
        settings = site.hugo or HugoSettings()
        self.unbuilt = {s.post_id: why for s in read
                        if (why := unbuilt(settings, s.address, s.hidden, file_name(s.post_id), now)) is not None}
        """The posts whose pages Hugo does not build (drafts, headless bundles, future,
        expired), each with why: in neither language is there a page to link to (merge copies
        the front matter that says so)."""
        for summary in read:
            self.anchors[summary.post_id] = summary.anchors
            self.dutch_anchors[summary.post_id] = summary.dutch_anchors
            german_url, dutch_url = german[summary.post_id], dutch[summary.post_id]
            if dutch_url is not None:
                self.dutch_by_id[summary.post_id] = dutch_url
            if german_url is not None:
                self.german_by_id[summary.post_id] = german_url
            if summary.post_id in available and german_url is not None and dutch_url is not None:
                # as an author may write it: escaped as Hugo makes it, or not (/café/)
                self.by_url[dutch_url] = german_url
                if "%" in dutch_url:
                    self.by_url[unquote(dutch_url)] = german_url
                self.by_id[summary.post_id] = german_url
        # the list page of a folder without an _index.md, which Hugo makes in each language
        # that has a page in it
        german_lists = site.made_list_pages(language, (s.post_id for s in read if s.post_id in available))
        dutch_lists = site.made_list_pages(config.source_language, (s.post_id for s in read))
        for section, dutch_url in dutch_lists.items():
            if section in german_lists:
                for written in dict.fromkeys((dutch_url, unquote(dutch_url))):
                    self.by_url.setdefault(written, german_lists[section])
        self.external = config.links_for(language)
        self._mapped = {*config.links, *self.external.values()}
        self.made_lists = {config.source_language: dict(dutch_lists), language: dict(german_lists)}
        """The list pages Hugo makes (folders without an _index.md, and the home page without
        a ``content/<lang>/_index.md``), by language and section (``_index``: the home page)."""
        for lang, lists in self.made_lists.items():
            home = site.home_url(lang)
            if "_index" not in self.ids and home is not None:
                lists["_index"] = home
        # every page's URL, by language: what resolve() looks a path up in
        self._pages: dict[str, dict[str, str]] = {config.source_language: {}, language: {}}
        every_german_list = {**site.made_list_pages(language, (s.post_id for s in read)),
                             **self.made_lists[language]}
        for lang, urls, lists in ((config.source_language, self.dutch_by_id, self.made_lists[config.source_language]),
                                  (language, self.german_by_id, every_german_list)):
            pages = self._pages[lang]
            for post_id, url in [*urls.items(), *((section, url) for section, url in lists.items())]:
                for written in dict.fromkeys((url, unquote(url))):
                    pages.setdefault(written, post_id)
        def list_pages(lang: str, urls: dict[str, str], ids: Iterable[str]) -> dict[str, str]:
            written = {post_id: urls[post_id] for post_id in ids if is_section(post_id) and post_id in urls}
            return {**written, **self.made_lists[lang]}

        self.made_pages = {
            config.source_language: made_pages(
                site, config.source_language, read,
                list_pages(config.source_language, self.dutch_by_id, self.dutch_by_id)),
            language: made_pages(
                site, language, [s for s in read if s.post_id in self.available],
                list_pages(language, self.german_by_id, self.available)),
        }
        """The other pages Hugo makes (taxonomies' and terms' pages, RSS feeds, sitemaps,
        a list's further pages), by language and key (:func:`made_pages`)."""
        for lang, made in self.made_pages.items():
            self.made_lists[lang].update(made)
            for key, url in made.items():
                for written in dict.fromkeys((url, unquote(url))):
                    self._pages[lang].setdefault(written, key)
        self._sitemap_index = None
        if site.hugo is not None and site.reads_front_matter(language) and "sitemap" not in site.hugo.disabled_kinds:
            self._sitemap_index = sitemap_urls(site.hugo, language)[1]
        self._hosts: dict[str, tuple[str, str]] = {}
        if site.hugo is not None:
            for lang in (config.source_language, language):
                settings = site.hugo.language(lang)
                self._hosts[lang] = (settings.base_host, settings.base_path)
        # every page's aliases, by language: the redirect pages Hugo publishes (a page's own
        # URL wins over an alias, in resolve())
        self._aliases: dict[str, dict[str, str]] = {config.source_language: {}, language: {}}
        for lang, urls, redirects in (
            (config.source_language, self.dutch_by_id, {s.post_id: s.aliases for s in read if s.aliases}),
            (language, self.german_by_id, german_aliases or {}),
        ):
            for post_id in sorted(redirects):
                if post_id not in urls:
                    continue
                for alias in redirects[post_id]:
                    url = self._alias_url(lang, urls[post_id], alias)
                    for written in dict.fromkeys((url, unquote(url))):
                        if self._pages[lang].get(written) != post_id:  # a page's own URL is no alias
                            self._aliases[lang].setdefault(written, post_id)
        # the pages in a third language (a German source's, linked to from an English source's
        # Dutch page): their URLs and heading ids
        self._third: dict[str, dict[str, str]] = {}
        self._third_ids: dict[str, dict[str, list[str]]] = {}
        for lang, pairs in sorted((third or {}).items()):
            made = [pair for pair in pairs if pair.error is None]
            urls = site.page_urls(lang, {pair.post_id: (pair.slug, _german_matter(pair)) for pair in made})
            self._third[lang] = {}
            for pair in made:
                if urls[pair.post_id] is not None:
                    for written in dict.fromkeys((urls[pair.post_id], unquote(urls[pair.post_id]))):
                        self._third[lang].setdefault(written, pair.post_id)
            self._third_ids[lang] = {pair.post_id: [pair.anchors.get(mine, mine) for mine in pair.dutch_anchors]
                                     for pair in made}
            if site.hugo is not None:
                settings = site.hugo.language(lang)
                self._hosts.setdefault(lang, (settings.base_host, settings.base_path))
        # a heading with a link: its German id is made of the link as merge writes it
        for summary in read:
            if summary.linked_headings:
                texts = [rewrite_links(text, self.url_mapper(summary.post_id), lambda path, lang: (path, lang))
                         for text in summary.linked_headings]
                self.anchors[summary.post_id] = heading_anchors(summary.dutch_anchors, texts)

    def digest(self) -> str:
        """What every rendered post may depend on: a change here re-renders them all."""
        # hashed a piece at a time: the whole state of a large site as one JSON document
        # would cost more memory than everything else merge holds
        hashed = hashlib.blake2b(digest_size=16)

        def add(value: object) -> None:
            hashed.update(json.dumps(value, ensure_ascii=False).encode("utf-8") + b"\n")

        add(self.language)
        add(sorted(self.by_url.items()))
        add(sorted(self.by_id.items()))
        add(sorted(self.dutch_by_id.items()))
        for post_id in sorted(self.anchors):
            # ids and anchors hold no NUL (a path, a heading's id): joined, no two states meet
            pairs = sorted(self.anchors[post_id].items())
            hashed.update("\0".join([post_id, *(f"{a}\0{b}" for a, b in pairs)]).encode("utf-8") + b"\n")
        add(sorted(self.external.items()))
        add(sorted(self.german_by_id.items()))
        add(sorted(self.ids))
        add(sorted((lang, sorted(made.items())) for lang, made in self.made_pages.items()))
        add(sorted((lang, sorted(found.items())) for lang, found in self._aliases.items()))
        add(sorted(self.unbuilt.items()))
        if self._third:  # (a site with no third language's pages: the digest it had)
            add(sorted((lang, sorted(pages.items())) for lang, pages in self._third.items()))
            add(sorted((lang, sorted(ids.items())) for lang, ids in self._third_ids.items()))
        return hashed.hexdigest()

    def _alias_url(self, language: str, page: str, alias: str) -> str:
        """The URL path at which Hugo 0.111 publishes the redirect of an ``aliases`` entry of
        the page at ``page`` in ``language``: an absolute one as written (no language prefix
        added), a relative one against the folder of the page's URL; under the ``baseURL``'s
        path, as a page's URL is."""
        served = served_path(self._hugo, language, page)
        if not alias.startswith("/"):
            alias = posixpath.join(posixpath.dirname(served.rstrip("/")) or "/", alias)
        path = posixpath.normpath(alias)
        if not re.search(r"\.html?$", path):
            path = path.rstrip("/") + "/"
        base = self._hosts.get(language, ("", "/"))[1].rstrip("/")
        if self._hugo is not None and self._hugo.language(language).canonify_urls:
            base = ""
        return base + path

    def alias_taken(
        self, post_id: str, language: str, alias: str, aliases: bool = True
    ) -> tuple[str, str, str] | None:
        """Where an ``aliases`` entry of a post's page in ``language`` meets another page: the
        URL of its redirect, and the language and post id of the page (or of the other alias,
        unless ``aliases`` is false) already there (a Dutch alias at a German URL, a German one
        at a Dutch page's URL, a page Hugo makes, two pages' aliases at one URL): Hugo
        publishes one of them there. None: its own URL."""
        page = self.page_url(post_id, language)
        if page is None:
            return None
        url = self._alias_url(language, page, alias)
        for table in (self._pages, self._aliases) if aliases else (self._pages,):
            for lang in dict.fromkeys((language, self.config.source_language, self.language)):
                owner = self._page_at(url, lang, table)
                # (a page merge will not write is no page: a post it refuses for that URL is
                # said of itself, :func:`alias_clashes`)
                if (owner is not None and (owner, lang) != (post_id, language)
                        and self.exists(LinkTarget("page", owner, lang))):
                    return url, lang, owner
        return None

    def url_mapper(self, post_id: str) -> Callable[[str], str]:
        """A link destination of a post as merge writes it (:meth:`rewrite`, its warnings
        dropped): how the translation checks compare the German links with the Dutch."""
        ignored: list[str] = []

        def map_url(url: str) -> str:
            return self.rewrite(post_id, url, ignored, "")

        return map_url

    # ---------------------------------------------------------------------------------
    # Which page a link points at

    def page_url(self, post_id: str, language: str) -> str | None:
        """The URL of a post's page (or a section's list page) in ``language``."""
        if language == self.config.source_language:
            return self.dutch_by_id.get(post_id) or self.made_lists[language].get(post_id)
        return self.german_by_id.get(post_id) or self.made_lists[language].get(post_id)

    def exists(self, target: LinkTarget) -> bool:
        """Whether the page a link names is there after this merge (a file: always, as
        :meth:`resolve` found it)."""
        if target.kind != "page":
            return target.kind != "unknown"
        assert target.post_id is not None
        if target.post_id in self.unbuilt:
            return False
        if target.language == self.config.source_language:
            return target.post_id in self.ids or target.post_id in self.made_lists[target.language]
        if target.language in self._third:  # a page in a third language: as :meth:`resolve` found it
            return target.post_id in self._third_ids[target.language]
        return target.post_id in self.available or target.post_id in self.made_lists[self.language]

    def anchor_ids(self, target: LinkTarget) -> list[str] | None:
        """The heading ids of the page a link names (None: not known, a list page)."""
        if target.kind == "page" and target.language in self._third:
            return self._third_ids[target.language].get(target.post_id or "")
        if target.kind != "page" or target.post_id not in self.dutch_anchors:
            return None
        dutch = self.dutch_anchors[target.post_id]
        if target.language == self.config.source_language:
            return dutch
        mapped = dict(self.anchors.get(target.post_id, {}).items())  # (an Anchors looks a key up by a scan)
        return [mapped.get(anchor, anchor) for anchor in dutch]

    def resolve(self, post_id: str, language: str, url: str) -> LinkTarget:
        """The page (or file) a link destination ``url`` of the post ``post_id``'s page in
        ``language`` points at: an absolute path with or without the ``baseURL``'s scheme,
        host and path, a relative URL (``../x/``, ``x``), a ``.md`` path (relative to the
        post's folder, or from the content root), a bundle's resource or a file under
        static/, an anchor of the page itself."""
        path, hash_, anchor_text = url.partition("#")
        anchor = anchor_text if hash_ else None
        path, mark, query = path.partition("?")
        query = mark + query
        if _SCHEME_RE.match(path):
            local = self.local_path(path)
            if local is None:
                return LinkTarget("external", path=url)
            path = local
        if not path:
            return LinkTarget("page", post_id, language, self.page_url(post_id, language) or "", anchor, query)
        if path.endswith(".md"):
            found = self._post_at(post_id, path[:-3])
            if found is None:
                return LinkTarget("unknown", path=path, anchor=anchor, query=query)
            return LinkTarget("page", found, language, path, anchor, query)
        if not path.startswith("/"):
            here = self.page_url(post_id, language)
            if here is None:  # the page's own URL is not known (its catalog unreadable)
                return LinkTarget("unchecked", path=path, anchor=anchor, query=query)
            path = _resolved(here, path)
        for lang in dict.fromkeys((language, self.config.source_language, self.language)):
            found = self._page_at(path, lang)
            if found is not None:
                return LinkTarget("page", found, lang, path, anchor, query)
        for lang in self._third:
            found = self._page_at(path, lang, self._third)
            if found is not None:
                return LinkTarget("page", found, lang, path, anchor, query)
        for lang in dict.fromkeys((language, self.config.source_language, self.language)):
            found = self._page_at(path, lang, self._aliases)
            if found is not None:
                return LinkTarget("page", found, lang, path, anchor, query, alias=True)
        if self._file_at(path, language):
            return LinkTarget("file", path=path, anchor=anchor, query=query)
        if any(written in self._mapped for written in (path, path.rstrip("/") + "/")):
            # a page of the site no post makes, named in [tool.pipeline.links]
            return LinkTarget("external", path=path, anchor=anchor, query=query)
        return LinkTarget("unknown", path=path, anchor=anchor, query=query)

    def resolve_ref(self, post_id: str, language: str, argument: str, lang: str | None = None) -> LinkTarget:
        """The page a ``{{< ref >}}`` / ``{{< relref >}}`` of the post's page in ``language``
        names, as Hugo finds it: the path relative to the post's folder first, then from the
        content root (with or without ``.md``; a folder names its ``index.md`` or
        ``_index.md``), in the language ``lang`` (the page's own by default)."""
        path, hash_, anchor_text = argument.partition("#")
        anchor = anchor_text if hash_ else None
        lang = (lang or language).lower()
        if not path:
            return LinkTarget("page", post_id, lang, "", anchor)
        found = self._post_at(post_id, path[:-3] if path.endswith(".md") else path)
        if found is None:
            return LinkTarget("unknown", path=path, anchor=anchor)
        return LinkTarget("page", found, lang, path, anchor)

    def _post_at(self, post_id: str, path: str) -> str | None:
        """The post a content path without ``.md`` names, relative to ``post_id``'s folder
        first, then from the content root (as Hugo's ref looks); ``x`` also names
        ``x/index.md`` (the post ``x``, a leaf bundle) and ``x/_index.md``."""
        folder = posixpath.dirname(self.config.post_file_name(post_id))  # a bundle's: its own
        starts = [path.lstrip("/")] if path.startswith("/") else [posixpath.join(folder, path), path]
        for start in starts:
            name = posixpath.normpath(start).lstrip("/")
            if name.startswith(".."):
                continue
            bundle = name.removesuffix("/index") if name.endswith("/index") else None
            for candidate in (name, f"{name}/_index"):
                if candidate in self.ids or candidate in self.made_lists[self.config.source_language]:
                    return candidate
            if bundle is not None and bundle in self.ids and self.config.post_file_name(bundle).endswith("/index.md"):
                return bundle
        return None

    def local_path(self, url: str) -> str | None:
        """The path of a URL written with the site's scheme and host (``https://x.nl/a/``
        is ``/a/``); None for another site's, or mail's."""
        lowered = url.lower()
        for host, _ in self._hosts.values():
            if host and lowered.startswith(host) and url[len(host):len(host) + 1] in ("", "/"):
                return url[len(host):] or "/"
            bare = host.partition(":")[2]
            if bare and lowered.startswith(bare) and url[len(bare):len(bare) + 1] in ("", "/"):
                return url[len(bare):] or "/"  # //x.nl/a/, the scheme left out
        return None

    def _page_at(self, path: str, language: str, table: dict[str, dict[str, str]] | None = None) -> str | None:
        """The post (or section) whose page in ``language`` is at ``path``: as written,
        escaped or not, without its trailing slash, and without the ``baseURL``'s path
        (``table``: the pages' URLs by language, or another table of them, their aliases)."""
        pages = (self._pages if table is None else table).get(language, {})
        base = self._hosts.get(language, ("", "/"))[1]
        tried = [path]
        if base not in ("", "/") and not path.startswith(base.rstrip("/") + "/"):
            tried.append(base.rstrip("/") + path)
        if path.endswith("/index.html"):  # the file Hugo writes a pretty URL's page to
            tried += [written[: -len("index.html")] for written in tried]
        for written in tried:
            for candidate in (written, unquote(written)):
                found = pages.get(candidate)
                if found is None and not candidate.endswith("/") and not _STATIC_FILE_RE.search(candidate):
                    found = pages.get(candidate + "/")
                if found is not None:
                    return found
        return None

    def _file_at(self, path: str, language: str) -> bool:
        """Whether ``path`` is a file Hugo publishes: under static/, or a resource of a
        page bundle (:meth:`_bundle_file_at`; Hugo 0.111 publishes a Dutch bundle's files
        with its German page too when that has no copy of its own)."""
        config = self.config
        plain = unquote(path)
        base = self._hosts.get(language, ("", "/"))[1].rstrip("/")
        if base and plain.startswith(base + "/"):
            plain = plain[len(base):]
        static = config.root / config.static_dir / plain.lstrip("/")
        if plain.strip("/") and static.is_file():
            return True
        if self._sitemap_index is not None and path in (self._sitemap_index, unquote(self._sitemap_index)):
            return True  # the sitemap index of a multilingual site, which Hugo makes
        folder, _, name = path.rpartition("/")
        if not name:
            return False
        below = [name]  # the file's path below the page's folder tried, from the page's URL down
        while True:
            if self._bundle_file_at(folder, "/".join(below), language):
                return True
            if not folder:
                return False
            folder, _, step = folder.rpartition("/")
            below.insert(0, step)

    def _bundle_file_at(self, folder: str, below: str, language: str) -> bool:
        """Whether ``below`` (a path) is a resource of the bundle whose page is at ``folder``:
        a file beside a branch bundle's ``_index.md``, or anywhere below a leaf bundle's
        folder (Hugo 0.111 publishes every file there, subfolders too, with the page)."""
        config = self.config
        for lang in dict.fromkeys((language, config.source_language, self.language)):
            page = self._page_at(folder + "/", lang)
            if page is None:
                continue
            if page.endswith("_index") and "/" not in below:  # a branch bundle: its folder
                here = posixpath.dirname(page)
            elif page == "index" or config.post_file_name(page).endswith("/index.md"):  # a leaf bundle
                here = "" if page == "index" else page
            else:
                continue
            for source in dict.fromkeys((lang, config.source_language)):
                if (config.root / config.content_dir / source / here / unquote(below)).is_file():
                    return True
        return False

    # ---------------------------------------------------------------------------------
    # A Dutch link as the German page has it

    def rewrite(self, post_id: str, url: str, warnings: list[str], where: str) -> str:
        """A link destination of the Dutch post ``post_id`` as its German page has it: the
        German page's URL (anchor translated) where that page is there after this merge;
        else the Dutch page's, and a line in ``warnings`` (``where``: the link's file:line)."""
        nl = self.config.source_language
        path, hash_, anchor = url.partition("#")
        if _SCHEME_RE.match(path) and self.local_path(path) is None:
            return url  # another site, mail, etc.
        if not path:
            if not hash_:
                return url  # an empty destination (``[x](<>)``) links to this page as it is
            new_anchor = self.anchors.get(post_id, {}).get(anchor, anchor)
            return f"#{new_anchor}"
        target = self.resolve(post_id, nl, url)
        written = path.partition("?")[0]
        host = ""
        if _SCHEME_RE.match(written):
            local = self.local_path(written) or ""
            host = written[: len(written) - len(local)]
        here = self.by_id.get(post_id)
        new_path: str | None = None
        # a Dutch page (at its URL or an alias), or a German page's alias (its old URL)
        target_id = (target.post_id if target.kind == "page"
                     and (target.language == nl or (target.alias and target.language == self.language)) else None)
        if target_id is not None and self.exists(LinkTarget("page", target_id, self.language)):
            new_path = self.page_url(target_id, self.language)
            if host:
                new_path = self._hosts.get(self.language, (host, ""))[0] + (new_path or "")
            elif (not written.startswith("/") and not written.endswith(".md") and here is not None
                  and new_path is not None and _resolved(here, written) == new_path):
                new_path = written  # a relative URL that leads to the German page from the German page too
        elif written in self.external:
            new_path = self.external[written]
        elif written.rstrip("/") + "/" in self.external:
            new_path = self.external[written.rstrip("/") + "/"]
        if new_path is None:
            if target_id is not None and target_id in self.unbuilt:
                warnings.append(
                    f"{where}: link to {url} leads to no page: Hugo does not build "
                    f"{_dutch_post(self.config, target_id)}, {self.unbuilt[target_id]}"
                )
                return url
            source_file = written.endswith(".md")  # a render hook finds no German page for it
            if target_id is not None and target_id in self.anchors and (source_file or not written.startswith("/")):
                dutch_url = self.page_url(target_id, nl)
                if (host or dutch_url is None or here is None
                        or (not source_file and _resolved(here, written) == dutch_url)):
                    warnings.append(
                        f"{where}: link to {url} stays as it is: the {self.language} post "
                        f"{target_id} is not written yet"
                    )
                    return url
                warnings.append(
                    f"{where}: link to {url} points at the {shown_language(nl)} page {dutch_url}: "
                    f"the {self.language} post {target_id} is not written yet"
                )
                return dutch_url + url[len(written):]
            if target.kind == "file" and not written.startswith("/") and here is not None:
                if not self._file_at(_resolved(here, written), self.language):
                    return target.path + url[len(written):]  # the Dutch page's file, from the German page
                return url
            if (
                written.startswith("/")
                and not written.startswith(f"/{self.language}/")
                and not _STATIC_FILE_RE.search(written)
                and target.kind != "file"
                and not (target.kind == "page" and target.language != nl)  # a German page already, or a third language's
            ):
                warnings.append(
                    f"{where}: link to {url} stays as it is: no {self.language} page for it "
                    "(translate that post, or map it in [tool.pipeline.links])"
                )
            return url
        query = path.partition("?")[1] + path.partition("?")[2]
        if hash_:
            anchors = self.anchors.get(target_id or "", {}) if target.language == nl else {}
            anchor = anchors.get(anchor, anchor)
        return new_path + query + (hash_ + anchor if hash_ else "")

    def rewrite_ref(
        self, post_id: str, argument: str, lang: str | None, warnings: list[str], where: str
    ) -> tuple[str, str | None]:
        """A ``ref``/``relref`` of the Dutch post ``post_id`` as its German page has it: the
        path (its anchor translated) and the ``lang`` argument. Hugo resolves the path in
        the German page's language: where that post's German page is not there after this
        merge (a ref to a missing page is an error that stops Hugo's build), the ref names
        the Dutch page (``lang`` set to the Dutch language), and a line in ``warnings``.

        A ``lang`` naming the Dutch language names the Dutch post's own language: the German
        page's ref names the German page (``lang`` set to the German language) where it is
        there after this merge, else it stays as written (and a line in ``warnings``). A
        ``lang`` naming a third language stays as written."""
        nl = self.config.source_language
        own = lang == nl  # as Hugo reads it: lang="NL" names no site
        wanted = self.language if own or lang is None else lang
        target = self.resolve_ref(post_id, wanted, argument, wanted)
        if target.kind != "page" or target.post_id is None:
            return argument, lang
        path, hash_, anchor = argument.partition("#")
        if target.post_id in self.unbuilt:
            warnings.append(
                f"{where}: ref {argument} names no page: Hugo does not build "
                f"{_dutch_post(self.config, target.post_id)}, {self.unbuilt[target.post_id]}"
            )
            return argument, lang
        if target.language == self.language and not self.exists(target):
            warnings.append(
                f"{where}: ref {argument} points at the {shown_language(nl)} page: the "
                f"{self.language} post {target.post_id} is not written yet"
            )
            return argument, lang if own else nl
        if hash_ and target.language == self.language:
            anchor = self.anchors.get(target.post_id, {}).get(anchor, anchor)
        return path + (hash_ + anchor if hash_ else ""), self.language if own else lang


def _resolved(page: str, relative: str) -> str:
    """A relative URL path as the browser resolves it on ``page`` (a pretty URL ``/a/b/`` is
    a folder; an ugly one ``/a/b.html`` is a file in ``/a/``), as a page's URL is written:
    ``/x/`` when it names a folder (``../x/``, ``../x``, ``..``)."""
    folder = page if page.endswith("/") else posixpath.dirname(page) + "/"
    joined = posixpath.normpath(posixpath.join(folder, relative))
    if joined == "/":
        return "/"
    last = relative.rstrip("/").rpartition("/")[2]
    return joined + "/" if relative.endswith("/") or "." not in last or last in (".", "..") else joined
