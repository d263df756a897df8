"""The site: the content root's posts in every language, their ids, slugs and URLs as Hugo
builds them, and the links between them.

Merge and check both work from it: which posts there are (:func:`find_posts`), the site's
Hugo configuration and every page's URL (:class:`Site`, :mod:`pipeline.hugo`), each post's
:class:`Summary` (its German slug, heading anchors, completeness), the German pages there are
(:func:`german_slugs`), and how a Dutch link maps to a German one (:class:`LinkMap`). Hugo's
URL rules themselves are :mod:`pipeline.hugo`'s; nothing here writes a post or a catalog.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote

from pipeline.cache import RunCache, Store, digest
from pipeline.config import Config
from pipeline.errors import ConfigError, PipelineError
from pipeline.frontedit import RECORD_KEY
from pipeline.hugo import (
    CONFIG_FILES, HugoSettings, alias_path, is_served_path, list_url, load_hugo_settings, page_url, redirect_place,
    served_path, sitemap_urls, unbuilt, urlize,
)
from pipeline.hugo import page_urls as hugo_page_urls
from pipeline.links import (
    effective_slug, german_slug, heading_anchor, is_section, made_sections, page_path, post_url, rewrite_links,
)
from pipeline.po import Catalog, parse_catalog
from pipeline.post import load_post, post_name_error, printable_path, spellings
from pipeline.runner import Runner, extract_cache, summaries_cache
from pipeline.translated import (
    Digests, TranslatedPost, address_error, count_words, percent_of, read_translated_post,
    source_digests, used_translation,
)
from pipeline.units import PackedUnits, UnitsLookup
from pipeline.update import shown_language


def find_posts(config: Config, paths: Sequence[Path] = ()) -> list[Path]:
    """The Dutch posts to work on: all of ``content/nl/**/*.md``, or those under ``paths``."""
    source = config.source_dir
    if not paths:
        return _walk_posts(config, source) if source.is_dir() else []
    found: set[Path] = set()
    for given in paths:
        # relative to the content root, as git -C and make -C read paths after the option
        path = given if given.is_absolute() else config.root / given
        path = Path(os.path.abspath(path))
        if not path.is_relative_to(source):
            shown = printable_path(str(given))
            raise PipelineError(shown, None, f"not a post under {config.relative(source)}/")
        if path.is_dir():
            found.update(_walk_posts(config, path))
        elif path.suffix == ".md" and path.exists():
            found.add(path)
        else:
            shown = printable_path(str(given))
            raise PipelineError(shown, None, "no such post (a .md file or a folder of them)")
    return sorted(found, key=_path_order)


def refused_name(config: Config, path: Path) -> PipelineError | None:
    """Why a post found cannot be worked on for its name (see :func:`post_name_error`):
    the commands report it in its place, and pass its name to nothing else."""
    return post_name_error(config.relative(path))


def _walk_posts(config: Config, folder: Path) -> list[Path]:
    """``sorted(folder.rglob("*.md"))``, plus each symlinked folder that leads out of the
    root's content/ and locale/: rglob passes over those without a word, and listed as a
    post each is refused by :meth:`Config.confine` with a message (its files are never read).
    A name with a control character (or bytes that are not UTF-8) is listed too, and refused
    on one line (:func:`refused_name`; :func:`pipeline.post.load_post` refuses it too).
    """
    found: list[Path] = []
    allowed = config.allowed_folders()
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        found.extend(here / name for name in filenames if name.endswith(".md"))
        for name in dirnames:
            path = here / name
            if name.endswith(".md"):
                found.append(path)  # as rglob: a folder named x.md is "cannot read"
            elif path.is_symlink():
                resolved = path.resolve()
                if not any(resolved.is_relative_to(a) for a in allowed):
                    found.append(path)
    return sorted(found, key=_path_order)


def _path_order(path: Path) -> tuple[str, ...]:
    """The order of ``sorted()`` on paths (part by part), at a fraction of its cost."""
    return path.parts


@dataclass
class Summary:
    """What the other posts (and the report) need to know of a post: its URLs, its heading
    anchors, how complete its translation is. Small, so that a run never holds whole posts."""

    post_id: str
    source_slug: str = ""
    slug: str = ""
    anchors: dict[str, str] = field(default_factory=dict)
    units: int = 0
    units_translated: int = 0
    percent: float = 100.0
    """Translated, by words."""
    error: str | None = None
    slug_line: int | None = None
    """The line of the catalog's slug entry (where a clash of slugs is reported)."""
    address: dict[str, str] = field(default_factory=dict)
    """The Dutch front matter values a page's URL may depend on (:data:`URL_KEYS`), as text."""
    title: str | None = None
    """The translated title (None: not translated), which a ``:title`` permalink uses."""
    dutch_anchors: list[str] = field(default_factory=list)
    """The Dutch page's heading ids, in order (check's link check; :attr:`anchors` maps
    those that differ in German)."""
    terms: list[list[str]] = field(default_factory=list)
    """``[key, Dutch term, German term]`` of each item of a front matter list (``tags``,
    ``categories``: the terms of the site's taxonomies, whose pages Hugo makes), the key
    lowercased; the German term as merge writes it (the Dutch one where not translated)."""
    aliases: list[str] = field(default_factory=list)
    """The Dutch page's ``aliases`` (:func:`aliases_of`): URLs Hugo publishes a redirect to it at."""
    linked_headings: list[str] = field(default_factory=list)
    """The German text of each heading, in order, as translated (links as written), where a
    heading holds a link: Hugo's id of it is made of the link's URL too, which merge rewrites
    (:class:`LinkMap` makes :attr:`anchors` of them again); empty where none does."""
    hidden: str = ""
    """Why Hugo renders no page of it whatever the date (:func:`hidden_by`): ``draft``,
    ``headless``, ``_build``; "" for none (:func:`pipeline.hugo.unbuilt`)."""


#: The front matter keys Hugo makes a page's URL of (read in any case): the slug, an ``url``
#: of its own, the title and the dates (``:title``, ``:year`` … in ``permalinks``)
URL_KEYS = ("slug", "url", "title", "date", "lastmod", "modified", "publishdate", "pubdate",
            "published", "expirydate", "unpublishdate")


def url_matter(meta: dict[str, object]) -> dict[str, str]:
    """The values of a post's front matter that its URL may depend on, as text (the first of
    each key in any case, as Hugo reads them; dates in ISO form, their fields as written)."""
    found: dict[str, str] = {}
    for key, value in meta.items():
        name = str(key).lower()
        if name not in URL_KEYS or name in found or value is None or isinstance(value, (list, dict)):
            continue
        if isinstance(value, (dt.date, dt.datetime)):
            found[name] = value.isoformat()
        elif isinstance(value, bool):
            found[name] = str(value).lower()
        else:
            found[name] = str(value)
    return found


def hidden_by(post_id: str, meta: dict[str, object]) -> str:
    """The front matter key for which Hugo 0.111 renders no page of a post whatever its
    dates (keys in any case, values as Hugo's ``cast.ToBool`` reads them): ``draft`` (true),
    ``headless`` (true, of a leaf bundle's ``index.md``), ``_build`` (``render: never`` or
    false); "" for none."""
    def value(key: str, table: dict[str, object] = meta) -> object:
        return next((table[found] for found in spellings(table, key)), None)

    def true(found: object) -> bool:
        return found is True or (isinstance(found, str) and found.strip().lower() == "true")

    if true(value("draft")):
        return "draft"
    if post_id.rpartition("/")[2] == "index" and true(value("headless")):
        return "headless"
    build = value("_build")
    if isinstance(build, dict):
        render = value("render", build)
        if render is False or (isinstance(render, str) and render.strip().lower() in ("never", "false")):
            return "_build"
    return ""


def aliases_of(meta: dict[str, object]) -> tuple[str, ...]:
    """A page's ``aliases`` (in any case, as Hugo reads its front matter keys): the URLs Hugo
    publishes a redirect to it at, each once, as written."""
    found: list[str] = []
    for key in spellings(meta, "aliases"):
        value = meta[key]
        found += [item for item in (value if isinstance(value, list) else [value]) if isinstance(item, str) and item]
    return tuple(dict.fromkeys(found))


UnitOfSummary = tuple[int, str, bool, "str | None"]
"""What a summary needs of each unit of a post but its slug: its line, its Dutch text, whether
it is a heading, and its German text (None: not translated)."""


def _summary(
    summary: Summary, units: Iterable[UnitOfSummary], given_slug: str | None, german_title: str | None,
    language: str,
) -> Summary:
    """``summary`` (its post id, Dutch slug and the line of its slug entry set) completed from
    the post's units, whichever way they were found (:func:`summarize`,
    :func:`summarize_from_catalog`): counts, heading anchors, percent, German slug and title."""
    headings: list[tuple[int, str, str]] = []
    counted: list[tuple[str, bool]] = []
    for line, dutch, heading, german in units:
        summary.units += 1
        summary.units_translated += german is not None
        counted.append((dutch, german is not None))
        if heading:
            headings.append((line, dutch, german or dutch))
    headings.sort(key=lambda h: h[0])  # in the post's order (a catalog lists an entry once)
    summary.anchors = heading_anchors([(dutch, german) for _, dutch, german in headings])
    summary.dutch_anchors = heading_ids([dutch for _, dutch, _ in headings])
    if any("](" in dutch for _, dutch, _ in headings):
        summary.linked_headings = [german for _, _, german in headings]
    if summary.units_translated < summary.units:  # else 100 %, without counting words
        words = translated = 0
        for dutch, done in counted:
            count = count_words(dutch)
            words += count
            translated += count if done else 0
        summary.percent = percent_of(translated, words)
    summary.slug = german_slug(given_slug, german_title, summary.source_slug, language)
    summary.title = german_title
    return summary


def summarize(translated: TranslatedPost) -> Summary:
    """The summary of a post read and parsed (:func:`pipeline.translated.read_translated_post`)."""
    summary = Summary(translated.post_id, translated.source_slug)
    if translated.error is not None or translated.post is None or translated.address_error is not None:
        summary.slug = translated.slug
        summary.error = str(translated.error or translated.address_error or "not read")
        return summary
    summary.address = url_matter(translated.post.meta)
    summary.hidden = hidden_by(translated.post_id, translated.post.meta)
    summary.aliases = list(aliases_of(translated.post.meta))
    if translated.catalog is not None:
        summary.slug_line = next(
            (m.lineno for m in translated.catalog.messages if m.msgctxt == "slug" and not m.obsolete), None
        )
    given = german_title = None
    units: list[UnitOfSummary] = []
    for unit in translated.units:
        german = translated.translation(unit)
        if unit.context == "slug":
            given = german
            continue
        if unit.context == "title":
            german_title = german
        units.append((unit.line, unit.text, unit.kind.startswith("heading"), german))
    items = {(unit.key, unit.index): translated.translation(unit) for unit in translated.units
             if unit.key and unit.index is not None}
    summary.terms = front_matter_terms(translated.post.meta, lambda key, index, term: items.get((key, index)))
    return _summary(summary, units, given, german_title, translated.language)


def front_matter_terms(
    meta: dict[str, object], german_of: Callable[[str, int, str], str | None]
) -> list[list[str]]:
    """:attr:`Summary.terms` of a post's front matter (``german_of(key, index, term)``: the
    translation of the list's item, None for none; ``key`` as written)."""
    terms = []
    for key, value in meta.items():
        if not isinstance(value, list):
            continue
        for index, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                german = german_of(str(key), index, item.strip())
                terms.append([str(key).lower(), item, item if german is None else german])
    return terms


def _german_matter(summary: Summary) -> dict[str, str]:
    """The front matter merge gives a post's German page, as far as its URL goes: the German
    slug and title, the dates, no ``url`` (:data:`pipeline.render.PAGE_ADDRESS_KEYS`)."""
    matter = {key: value for key, value in summary.address.items() if key not in ("url", "slug")}
    matter["slug"] = summary.slug
    if summary.title is not None:
        matter["title"] = summary.title
    return matter


_HEADING_ID_RE = re.compile(r"\{[^{}]*?#([^\s{}#.]+)[^{}]*\}[ \t]*$")


def heading_ids(texts: Iterable[str]) -> list[str]:
    """The ids Hugo gives a page's headings, in order: a repeated id with ``-1``, ``-2`` …;
    a heading's own (``## Kop {#mijn-id}``, Goldmark's heading attributes) as it gives it."""
    seen: set[str] = set()
    found = []
    for text in texts:
        given = _HEADING_ID_RE.search(text)
        first = anchor = given.group(1) if given else heading_anchor(text)
        number = 0
        while anchor in seen:
            number += 1
            anchor = f"{first}-{number}"
        seen.add(anchor)
        found.append(anchor)
    return found


def heading_anchors(headings: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Dutch heading id → German heading id, of each (Dutch, German) heading of a post in
    order, where they differ: as Hugo gives them, a repeated id with ``-1``, ``-2`` … (two
    ``## Voorbeeld`` are ``#voorbeeld`` and ``#voorbeeld-1``, and so are two headings whose
    German texts are the same)."""
    pairs = zip(heading_ids(dutch for dutch, _ in headings), heading_ids(german for _, german in headings))
    return {dutch: german for dutch, german in pairs if dutch != german}


# A path to a file (an image, a PDF), not a page: both languages share it
@dataclass(frozen=True)
class Site:
    """The content root as Hugo builds it: the pipeline's settings, and the site's Hugo
    configuration (:mod:`pipeline.hugo`; None when the root has none: the pages' URLs are
    then ``url-patterns``' defaults, ``/{slug}/`` and ``/de/{slug}/``)."""

    config: Config
    hugo: HugoSettings | None = None

    @classmethod
    def load(cls, config: Config) -> Site:
        """The site of a content root: its Hugo configuration read (raises
        :class:`pipeline.errors.ConfigError` for one Hugo cannot build, or one that does not
        publish the pipeline's languages from the folders the pipeline writes)."""
        root = config.root
        # as Hugo looks for them: a configuration file that is a folder is one it cannot read
        found = any((root / name).exists() for name in CONFIG_FILES)
        if not found and not (root / "config").is_dir():
            return cls(config)
        hugo = load_hugo_settings(root)
        shown = hugo.files[0] if hugo.files else "the Hugo configuration"
        languages = (config.source_language, *config.target_languages)

        def folder(language: str) -> str:
            return f"{config.content_dir}/{language}"

        codes = {lang.code for lang in hugo.languages}
        missing = [language for language in languages if language.lower() not in codes]
        if missing and not hugo.multilingual:
            # a site of one language (a [languages] table of its own, or none: the default
            # language in the top contentDir): the tables to add are those of every language
            # not yet read from its folder
            missing = [
                language for language in languages
                if language.lower() not in codes
                or hugo.language(language).content_dir.strip("/") != folder(language)
            ]
        disabled = [language for language in missing if language.lower() in hugo.disabled_languages]
        if disabled:
            raise ConfigError(
                shown, None,
                f"Hugo publishes no language {', '.join(repr(language) for language in disabled)}: "
                "disableLanguages names it: remove it from there",
            )
        if missing:
            # every language at once, and the default language with them when the site has
            # none of the pipeline's (Hugo wants defaultContentLanguage among the languages)
            tables = ", ".join(
                f'[languages.{code}] with contentDir = "{folder(code)}"' for code in missing
            )
            default = ""
            if not hugo.multilingual and hugo.default_language not in languages:
                default = (f', and defaultContentLanguage = "{config.source_language}" '
                           "before the tables")
            raise ConfigError(
                shown, None,
                f"Hugo publishes no language {', '.join(repr(language) for language in missing)}: "
                f"add {tables}{default}",
            )
        for language in languages:
            content_dir = hugo.language(language).content_dir
            wanted = folder(language)
            read_from = (root / content_dir).resolve() if content_dir.startswith("/") else None
            if content_dir.strip("/") == wanted or read_from == (root / wanted).resolve():
                continue
            # a contentDir shared by the languages (Hugo then tells them apart by file name,
            # post.de.md) or another folder: Hugo would not publish the posts where the
            # pipeline reads and writes them
            other = ""
            parent, _, last = content_dir.strip("/").rpartition("/")
            if last == language and parent and not content_dir.startswith("/"):
                other = f', or content-dir = "{parent}" in [tool.pipeline]'
            raise ConfigError(
                shown, None,
                f"Hugo reads language {language!r} from {content_dir}/, but the pipeline's "
                f'posts in it are in {wanted}/: set contentDir = "{wanted}" in '
                f"[languages.{language}]{other}",
            )
        return cls(config, hugo)

    def reads_front_matter(self, language: str) -> bool:
        """Whether a page's URL in ``language`` is made of its front matter (Hugo's rules), not
        of its slug alone (``url-patterns``, or the defaults without a Hugo configuration)."""
        return self.hugo is not None and language not in self.config.url_patterns

    def page_urls(self, language: str, pages: dict[str, tuple[str, dict[str, str]]]) -> dict[str, str | None]:
        """Each page's URL path in ``language`` as Hugo builds it (``pages``: post id -> its
        slug and the front matter its URL is made of, :func:`url_matter`); None for a file
        that is no page (a file of a leaf bundle). ``url-patterns``, where set, wins."""
        pattern = self.config.url_patterns.get(language)
        if pattern is None and self.hugo is None:
            pattern = "/{slug}/" if language == self.config.source_language else f"/{language}/{{slug}}/"
        if pattern is not None:
            return {post_id: post_url(pattern, slug) for post_id, (slug, _) in pages.items()}
        assert self.hugo is not None
        files = {f"{post_id}.md": matter for post_id, (_, matter) in pages.items()}
        urls = hugo_page_urls(self.hugo, language, files)
        return {post_id: urls[f"{post_id}.md"] for post_id in pages}

    def home_url(self, language: str) -> str | None:
        """The URL of a language's home page, which Hugo makes with or without an
        ``_index.md`` (None: not known under ``url-patterns``)."""
        if self.hugo is None and language not in self.config.url_patterns:
            return "/" if language == self.config.source_language else f"/{language}/"
        if not self.reads_front_matter(language):
            return None
        assert self.hugo is not None
        return page_url(self.hugo, language, "_index.md", {})

    def made_list_pages(self, language: str, post_ids: Iterable[str]) -> dict[str, str]:
        """The URL of each list page Hugo makes for a top-level folder of ``post_ids`` (a
        language's posts) that has no ``_index.md``, by the post id that file would have
        (``blog/_index``: :func:`pipeline.links.made_sections`). None known under
        ``url-patterns`` or without a Hugo configuration."""
        if not self.reads_front_matter(language):
            return {}
        assert self.hugo is not None
        found: dict[str, str] = {}
        for section in made_sections(post_ids):
            url = page_url(self.hugo, language, f"{section}.md", {})
            if url is not None:
                found[section] = url
        return found


def made_pages(site: Site, language: str, summaries: Sequence[Summary], lists: dict[str, str]) -> dict[str, str]:
    """The pages Hugo 0.111 makes in ``language`` that no post is, by a key that names the
    same page in every language (keys start with ``//``, which no post id does): each
    taxonomy's page (``//tags``) and each term's (``//tags/<the Dutch term, path-safe>``:
    its German page is the German term's, as merge writes it, of the posts ``summaries``
    holds, those whose page there is); the RSS feed of each list page (``index.xml``:
    the home page, sections, taxonomies, terms; ``//rss:<key>``); the sitemap
    (``//sitemap``); and each further page of a list a paginator makes (``/page/2/``;
    ``//page/2:<key>``), as many as its pages fill (with ``.Paginate`` of a list of the
    layouts' choosing: as many as all pages of the language fill). ``lists``: the list
    pages of sections (written or made) and the home page, by post id. None known under
    ``url-patterns`` or without a Hugo configuration."""
    if not site.reads_front_matter(language):
        return {}
    hugo = site.hugo
    assert hugo is not None
    lang = hugo.language(language)
    disabled = hugo.disabled_kinds
    nl = site.config.source_language
    made: dict[str, str] = {}
    members: dict[str, int] = {}  # how many pages a list page's paginator goes through
    regular = [s for s in summaries if not is_section(s.post_id)]
    members["_index"] = len(regular)  # the home page's: every regular page
    sections = {key for key in lists if key != "_index"} | {s.post_id for s in summaries if is_section(s.post_id)}
    for summary in summaries:
        # in the nearest section above it (a top-level folder, or a folder with an _index.md)
        folder = posixpath.dirname(summary.post_id.removesuffix("/_index").removesuffix("/index"))
        while folder and f"{folder}/_index" not in sections and "/" in folder:
            folder = posixpath.dirname(folder)
        if folder:
            members[f"{folder}/_index"] = members.get(f"{folder}/_index", 0) + 1
    for plural in lang.taxonomies:
        taxonomy = f"//{plural}"
        if "taxonomy" not in disabled:
            made[taxonomy] = list_url(hugo, language, [plural])
        terms: dict[str, int] = {}
        keys: dict[str, str] = {}
        if "term" in disabled:
            continue
        for summary in summaries:
            seen = set()
            for key, dutch, german in summary.terms:
                if key != plural:
                    continue
                written = dutch if language == nl else german
                if dutch not in keys:  # each term's URL made once, not once per post
                    keys[dutch] = f"{taxonomy}/{urlize(hugo, nl, dutch)}"
                term = keys[dutch]
                if term in seen:
                    continue
                seen.add(term)
                if term not in made:
                    made[term] = list_url(hugo, language, [plural, written])
                terms[term] = terms.get(term, 0) + 1
        members.update(terms)
        members[taxonomy] = len({made[term] for term in terms})
    if "sitemap" not in disabled:
        made["//sitemap"] = sitemap_urls(hugo, language)[0]
    listed = {**lists, **{key: url for key, url in made.items() if key != "//sitemap"}}
    for key, url in listed.items():
        if not url.endswith("/"):
            continue  # ugly URLs: not modelled
        if "rss" not in disabled:
            made[f"//rss:{key}"] = f"{url}index.xml"
        if not hugo.paginator:
            continue
        count = members.get(key, 0)
        if hugo.paginator == "paginate":
            count = max(count, len(summaries))
        for number in range(1, max(1, -(-count // lang.paginate)) + 1):
            made[f"//page/{number}:{key}"] = f"{url}{lang.paginate_path}/{number}/"
    return made


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
    ) -> None:
        """``dutch_urls``: the Dutch pages' URLs an earlier map of the same summaries made
        (:attr:`dutch_urls`): they do not change between the rounds of one run.
        ``german_aliases``: the ``aliases`` of each German page as merge leaves it, by post id
        (:func:`german_aliases`); the Dutch pages' are their summaries'."""
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
                        if (why := unbuilt(settings, s.address, s.hidden, _file_name(s.post_id), now)) is not None}
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
        self.external = dict(config.links)
        self._mapped = {*self.external, *self.external.values()}
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
        # a heading with a link: its German id is made of the link as merge writes it
        for summary in read:
            if summary.linked_headings:
                texts = [rewrite_links(text, self.url_mapper(summary.post_id), lambda path, lang: (path, lang))
                         for text in summary.linked_headings]
                self.anchors[summary.post_id] = {
                    dutch: german for dutch, german in zip(summary.dutch_anchors, heading_ids(texts)) if dutch != german}

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
        return target.post_id in self.available or target.post_id in self.made_lists[self.language]

    def anchor_ids(self, target: LinkTarget) -> list[str] | None:
        """The heading ids of the page a link names (None: not known, a list page)."""
        if target.kind != "page" or target.post_id not in self.dutch_anchors:
            return None
        dutch = self.dutch_anchors[target.post_id]
        if target.language == self.config.source_language:
            return dutch
        mapped = self.anchors.get(target.post_id, {})
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
        ``x/index.md`` and ``x/_index.md``."""
        folder = posixpath.dirname(post_id)
        starts = [path.lstrip("/")] if path.startswith("/") else [posixpath.join(folder, path), path]
        for start in starts:
            name = posixpath.normpath(start).lstrip("/")
            if name.startswith(".."):
                continue
            for candidate in (name, f"{name}/index", f"{name}/_index"):
                if candidate in self.ids or candidate in self.made_lists[self.config.source_language]:
                    return candidate
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
        page bundle (beside its ``index.md``; Hugo 0.111 publishes a Dutch bundle's files
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
        for lang in dict.fromkeys((language, config.source_language, self.language)):
            page = self._page_at(folder + "/", lang)
            if page is None or not page.endswith("index"):
                continue
            here = posixpath.dirname(page)
            for source in dict.fromkeys((lang, config.source_language)):
                if (config.root / config.content_dir / source / here / unquote(name)).is_file():
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
                and not (target.kind == "page" and target.language == self.language)  # a German page already
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


def _file_name(post_id: str) -> str:
    """The name of a post's file without ``.md`` (a bundle's ``index``: its folder's), as
    Hugo's ``:filename`` date handler reads it."""
    parts = post_id.rsplit("/", 2)
    return parts[-2] if parts[-1] in ("index", "_index") and len(parts) > 1 else parts[-1]


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


def summarize_from_catalog(config: Config, path: Path, language: str) -> tuple[Summary | None, str | None]:
    """The summary read off the catalog alone, without parsing the post's Markdown, and the
    digest of the catalog bytes it was made from.

    Only valid while the catalog's msgids are the post's units, that is while the post and
    its template are what the last extract saw (the caller checks that): each reference is
    one unit, so words are counted once per reference. (None, None) when anything is off.
    """
    post_id = config.post_id(path)
    po_path = config.catalog_path(post_id, language)
    try:
        config.confine(path)
        config.confine(po_path)
        data = po_path.read_bytes()
        catalog = parse_catalog(config.relative(po_path), data)
        # the front matter alone (no Markdown parsed): what the page's URL is made of
        post = load_post(config.relative(path), path.read_bytes(), config.max_post_bytes)
    except (PipelineError, OSError):
        return None, None
    summary = _summary_of_catalog(post_id, catalog, config.relative(po_path), language)
    if summary is not None:
        summary.address = url_matter(post.meta)
        summary.hidden = hidden_by(post_id, post.meta)
        summary.aliases = list(aliases_of(post.meta))
        if summary.error is None:
            german = {(m.msgctxt, m.msgid): used_translation(m) for m in catalog.messages if not m.obsolete}
            summary.terms = front_matter_terms(post.meta, lambda key, index, term: german.get((key, term)))
    return summary, digest(data)


def _summary_of_catalog(post_id: str, catalog: Catalog, shown: str, language: str) -> Summary | None:
    """:func:`summarize_from_catalog` of a catalog read (``shown``: its path, for errors): each
    reference of an entry is one unit of the post."""
    summary = Summary(post_id)
    refused = address_error(catalog, shown, language)
    if refused is not None:
        summary.error = str(refused)
        return summary
    given = german_title = None
    units: list[UnitOfSummary] = []
    line = 0
    for message in catalog.messages:
        if message.obsolete:
            continue
        german = used_translation(message)
        if message.msgctxt == "slug":
            summary.source_slug = message.msgid  # extract always writes the post's slug
            summary.slug_line = message.lineno
            given = german
            continue
        if message.msgctxt == "title":
            german_title = german
        heading = any(c.startswith("heading") for c in message.auto_comments)
        for _, line in message.locations or [("", line)]:  # without references: after the last
            units.append((line, message.msgid, heading, german))
    if not summary.source_slug:
        return None
    return _summary(summary, units, given, german_title, language)


class _Summarize:
    """The stage of the summary pass: a picklable ``(path, from_catalog) -> (Summary, new
    segmentation, digests of what it read)``; made off the catalog alone, the digests have
    no ``post``."""

    def __init__(self, config: Config, language: str) -> None:
        self.config, self.language = config, language

    def __call__(self, item: tuple[Path, bool], kept: UnitsLookup | None) -> tuple[Summary, PackedUnits | None, Digests]:
        path, from_catalog = item
        if from_catalog:
            summary, catalog_digest = summarize_from_catalog(self.config, path, self.language)
            if summary is not None:
                return summary, None, {"po": catalog_digest}
        translated = read_translated_post(self.config, path, self.language, kept)
        return summarize(translated), translated.parsed_units, source_digests(translated)


def collect_summaries(
    store: Store,
    config: Config,
    paths: Sequence[Path],
    language: str,
    jobs: int = 1,
    keys: dict[Path, dict[str, str | None]] | None = None,
    parsed: set[Path] | None = None,
) -> list[Summary]:
    """A summary of each post, from the cache where the post and catalog are unchanged.
    ``keys``, when given, receives the digests of each post and catalog as they were when
    this pass began; ``parsed``, the posts this pass cut into units. A summary is cached
    under the digests of the bytes it was made from."""
    runner = Runner(store, config, jobs)
    cache = summaries_cache(store, config, language) if store.enabled else None
    extracted = extract_cache(store, config) if store.enabled else None
    keys = {} if keys is None else keys

    def cached(path: Path) -> tuple[Summary, PackedUnits | None, Digests] | None:
        post_id = config.post_id(path)
        keys[path] = {"post": store.file_digest(path), "po": store.file_digest(config.catalog_path(post_id, language))}
        entry = cache.get(post_id, keys[path]) if cache else None
        return None if entry is None else (Summary(**entry["summary"]), None, {})

    def task(path: Path) -> tuple[Path, bool]:
        """The post, and whether the catalog alone will do: the post and its template are as
        extract left them."""
        post_id = config.post_id(path)
        seen = (extracted.record(post_id) or {}).get("digests", {}) if extracted else {}
        from_catalog = (
            bool(seen)
            and seen.get("post") == keys[path]["post"]
            and seen.get("pot") == store.file_digest(config.template_path(post_id))
        )
        return path, from_catalog

    def keep(path: Path, made: tuple[Summary, PackedUnits | None, Digests]) -> None:
        summary, parsed_units, read = made
        runner.keep_units(summary.post_id, parsed_units)
        if parsed is not None and parsed_units is not None:
            parsed.add(path)
        if cache is not None and summary.error is None:
            cache.put(summary.post_id, {**keys[path], **read}, summary=asdict(summary))

    summaries = [
        summary for summary, _, _ in runner.run(
            _Summarize(config, language), paths, cached=cached, task=task, keep=keep,
            post_of=lambda item: None if item[1] else item[0],  # off the catalog: no units
        )
    ]
    store.commit()  # what this pass kept, the next pass's workers read
    return summaries


def german_slugs(
    store: Store, config: Config, language: str, cache: RunCache | None,
    aliases: dict[str, tuple[str, ...]] | None = None, published: dict[str, str] | None = None,
) -> dict[str, str]:
    """The slug of every post in a target language's folder as it is now, by post id: the
    pages whose URLs a post about to be written must not take. Read from ``cache`` while a
    post's bytes are what it saw; a post that cannot be read has none. Symlinks that lead out
    of the root are not followed (check reports them). ``aliases``, when given, receives the
    ``aliases`` of each post that has some (URLs a post must not take either); ``published``,
    the URL merge published each post at (its generation record's ``url``), where it keeps one."""
    folder = str(config.target_dir(language))
    slugs: dict[str, str] = {}
    found_posts: list[tuple[str, str]] = []
    # os.walk and strings, not rglob, Paths and a confine() per file: this runs on every
    # merge, over every post of the site
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        for name in filenames:
            if name.endswith(".md"):
                path_text = os.path.join(dirpath, name)
                found_posts.append((config.post_id(path_text, language), path_text))
    for post_id, name in sorted(found_posts):
        path = Path(name)
        if os.path.islink(name):
            try:
                config.confine(path)
            except PipelineError:
                continue
        found = store.file_digest(path)
        if found is None:
            continue  # a folder named x.md, or gone
        entry = cache.get(post_id, {"post": found}) if cache else None
        if entry is not None and "url" in entry:
            slug, redirects, url = entry["slug"], tuple(entry["aliases"]), entry["url"]
        else:
            try:
                post = load_post(config.relative(path), path.read_bytes(), config.max_post_bytes)
                slug, redirects = effective_slug(post_id, post.meta), aliases_of(post.meta)
                record = post.meta.get(RECORD_KEY)
                url = record.get("url") if isinstance(record, dict) else None
                url = url if is_served_path(url) else None
            except (PipelineError, OSError):
                slug, redirects, url = None, (), None
            if cache is not None:
                cache.put(post_id, {"post": found}, slug=slug, aliases=list(redirects), url=url)
        if slug:
            slugs[post_id] = slug
        if redirects and aliases is not None:
            aliases[post_id] = redirects
        if url and published is not None:
            published[post_id] = url
    return slugs


def german_aliases(aliases: dict[str, tuple[str, ...]], published: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """The ``aliases`` of each German page as merge leaves it (:class:`LinkMap`'s
    ``german_aliases``): those its post has (``aliases``, by post id), and the URL merge
    published it at (``published``: its record's), which merge adds to them when the page
    moves (:func:`pipeline.render.kept_aliases`; at the page's own URL it is no alias)."""
    found = {post_id: tuple(redirects) for post_id, redirects in aliases.items()}
    for post_id, url in published.items():
        found[post_id] = tuple(dict.fromkeys((*found.get(post_id, ()), alias_path(url))))
    return found


def slug_clash(
    config: Config, language: str, summary: Summary, others: Sequence[str], held: dict[str, str]
) -> PipelineError:
    """The error of a post whose slug is another page's (:func:`pipeline.links.slug_blockers`),
    at its catalog's slug entry."""
    name = shown_language(language)
    named = []
    wanted = page_path(summary.post_id, summary.slug)
    for other in others[:3]:  # a site where hundreds share a title: one line all the same
        page = config.relative(config.target_dir(language) / f"{other}.md")
        if is_section(other):
            if os.path.lexists(config.target_dir(language) / f"{other}.md"):
                named.append(f"{page} (the list page of its folder)")
            else:
                folder = config.relative(config.target_dir(language) / other.rpartition("/")[0])
                named.append(f"{folder}/ (the list page Hugo makes for that folder)")
        elif other in held and page_path(other, held[other]) == wanted:
            source = config.source_dir / f"{other}.md"
            if os.path.lexists(source):
                named.append(f"{page}, the page of {config.relative(source)}")
            else:  # left by a Dutch post renamed or deleted: its URL is free once it is gone
                named.append(f"{page} (no Dutch original {config.relative(source)}: "
                             f"if that post was renamed, delete {page})")
        else:
            catalog = config.relative(config.catalog_path(other, language))
            named.append(f"{page}, of {_dutch_post(config, other)} (not written yet: {catalog} gives it "
                         "the same slug)")
    return _clash(config, language, summary, f"{name} slug {summary.slug!r} of "
                  f"{_dutch_post(config, summary.post_id)} is also the slug of", named, others)


def _dutch_post(config: Config, post_id: str) -> str:
    """The Dutch post of a post id, as a clash names it."""
    return config.relative(config.source_dir / f"{post_id}.md")


def _page_of(config: Config, language: str, post_id: str) -> str:
    """A page on disk as a clash names it: with its Dutch post, where there is one."""
    page = config.relative(config.target_dir(language) / f"{post_id}.md")
    if os.path.lexists(config.source_dir / f"{post_id}.md"):
        return f"{page}, the page of {_dutch_post(config, post_id)}"
    return page


def _clash(
    config: Config, language: str, summary: Summary, said: str, named: list[str], others: Sequence[str]
) -> PipelineError:
    """A clash's one line at the post's catalog's slug entry: ``said`` and the first three
    others ``named``, with how many more there are, and what to do."""
    if len(others) > 3:
        named.append(f"{len(others) - 3} more")
    return PipelineError(
        config.relative(config.catalog_path(summary.post_id, language)),
        summary.slug_line,
        f"{said} {'; '.join(named)}: give {_dutch_post(config, summary.post_id)} its own "
        f"{shown_language(language)} slug (translate the msgctxt \"slug\" entry), then run `pipeline merge`",
    )


def url_clashes(
    site: Site, language: str, summaries: Sequence[Summary], sources: Sequence[Summary] | None = None
) -> dict[str, tuple[str, list[str]]]:
    """The posts whose page in ``language`` would have another post's URL although their
    folders or slugs differ: ``permalinks`` that leave them out (two sections at
    ``/:slug/``, ``/:title/``, ``/:year/``). Hugo would publish one of them. By post id: the
    URL and the other posts. (The same folder and slug is :func:`pipeline.links.slug_blockers`'
    case; without a Hugo configuration, or under ``url-patterns``, URLs are not known well
    enough to tell.)"""
    if not site.reads_front_matter(language):
        return {}
    read = [summary for summary in summaries if summary.error is None]
    urls = site.page_urls(language, {s.post_id: (s.slug, _german_matter(s)) for s in read})
    groups: dict[str, list[Summary]] = {}
    for summary in read:
        url = urls[summary.post_id]
        if url is not None:
            groups.setdefault(url.lower(), []).append(summary)
    # the list page Hugo makes for a folder without an _index.md is a page too, and so are the
    # other pages it makes: a taxonomy's (/de/tags/), a term's (made_pages: keys from //)
    lists = site.made_list_pages(language, (s.post_id for s in read))
    made = {**lists, **made_pages(site, language, read, lists)}
    nl = site.config.source_language
    if language != nl and site.hugo is not None and not site.hugo.multihost:  # one site: the Dutch pages too
        every = [s for s in (summaries if sources is None else sources) if s.error is None]
        dutch = site.page_urls(nl, {s.post_id: (s.source_slug, s.address) for s in every})
        made.update({f"{SOURCE_PAGE}{post_id}": url for post_id, url in dutch.items() if url is not None})
    for section, url in made.items():
        if url.lower() in groups:
            groups[url.lower()].append(Summary(section))
    clashes: dict[str, tuple[str, list[str]]] = {}
    for group in groups.values():
        if len({page_path(s.post_id, s.slug) for s in group}) < 2:
            continue
        for summary in group:
            if summary.post_id not in urls:  # a list page Hugo makes: no post to refuse
                continue
            mine = page_path(summary.post_id, summary.slug)
            others = [s.post_id for s in group if page_path(s.post_id, s.slug) != mine]
            clashes[summary.post_id] = (urls[summary.post_id] or "", others)
    return clashes


def linked_pages(
    config: Config, language: str, summaries: Sequence[Summary], min_translated: float,
    blocked: dict[str, list[str]], held: dict[str, str], staying: Iterable[str] = (),
) -> tuple[list[Summary], set[str]]:
    """What merge links to in ``language``, and check with it: the summaries, a post merge
    refuses for its slug or URL (``blocked``), leaves below ``min_translated`` or does not
    overwrite (``staying``: its page was edited by hand) at its page as it stays (``held``:
    its slug now), and the posts that have a page after merge (their translated post is
    there, or merge writes it; not one it refuses and that has none)."""
    stays = set(staying)
    available = {
        s.post_id
        for s in summaries
        if s.error is None
        and (s.percent >= min_translated or (config.target_dir(language) / f"{s.post_id}.md").exists())
        and (s.post_id not in blocked or s.post_id in held)
    }
    linked = [
        replace(s, slug=held[s.post_id])
        if (s.post_id in blocked or s.percent < min_translated or s.post_id in stays) and s.post_id in held else s
        for s in summaries
    ]
    return linked, available


def refused_urls(
    site: Site, language: str, summaries: Sequence[Summary], held: dict[str, str], wanted: dict[str, str]
) -> dict[str, tuple[str, list[str]]]:
    """The posts of ``wanted`` (post id -> the slug merge would give it) that merge refuses
    for their URL (:func:`url_clashes`, against the pages there are, ``held``: post id -> its
    slug now): each but the one that alone has that page already. By post id: the URL and
    the other posts."""
    pages = [
        summary if summary.post_id in wanted else replace(summary, slug=held[summary.post_id])
        for summary in summaries
        if summary.error is None and (summary.post_id in wanted or summary.post_id in held)
    ]
    clashes = url_clashes(site, language, pages, summaries)

    def holds(post: str) -> bool:  # its German page has the URL now
        if (is_section(post) or post.startswith("//")) and post not in held and post not in wanted:
            return True  # a list page Hugo makes (a folder's, a taxonomy's): it is always there
        return post in held and (post not in wanted or held[post] == wanted[post])

    refused: dict[str, tuple[str, list[str]]] = {}
    for post_id in wanted:
        if post_id in clashes:
            url, others = clashes[post_id]
            if [post for post in (post_id, *others) if holds(post)] != [post_id]:
                refused[post_id] = (url, others)
    return refused


#: The key :func:`url_clashes` gives a source-language page among the pages of another
#: language (a Dutch post's ``url: /de/x/``, a folder ``content/nl/de/``): always there
SOURCE_PAGE = "//source:"


def made_page_name(key: str) -> str:
    """How a message names a page Hugo makes that no post is (a key of :func:`made_pages`)."""
    plural, _, term = key[2:].partition("/")
    if ":" in key or key == "//sitemap":
        return "a page Hugo makes (a feed, a sitemap, a further page of a list)"
    if term:
        return f"the page Hugo makes for the term {term!r} of {plural}"
    return f"the list page Hugo makes for the taxonomy {plural}"


def page_name(config: Config, language: str, key: str) -> str:
    """How a message names the page of ``key`` in ``language`` (a post id, a section's, or a
    page Hugo makes: :func:`made_page_name`)."""
    if key.startswith("//"):
        return made_page_name(key)
    folder = config.source_dir if language == config.source_language else config.target_dir(language)
    if is_section(key) and not os.path.lexists(folder / f"{key}.md"):
        return f"the list page Hugo makes for {config.relative(folder / key.rpartition('/')[0])}/"
    return f"the {shown_language(language)} page {config.relative(folder / f'{key}.md')}"


def url_clash(config: Config, language: str, summary: Summary, url: str, others: Sequence[str]) -> PipelineError:
    """The error of a post whose URL is another post's (:func:`url_clashes`), at its
    catalog's slug entry."""
    named = []
    for other in others[:3]:
        page = config.target_dir(language) / f"{other}.md"
        if other.startswith(SOURCE_PAGE):
            dutch = config.relative(config.source_dir / f"{other.removeprefix(SOURCE_PAGE)}.md")
            named.append(f"the {shown_language(config.source_language)} page {dutch}")
        elif other.startswith("//"):  # a page Hugo makes (made_pages)
            named.append(made_page_name(other))
        elif os.path.lexists(page):
            named.append(_page_of(config, language, other))
        elif is_section(other) and not os.path.lexists(config.catalog_path(other, language)):
            folder = config.relative(config.target_dir(language) / other.rpartition("/")[0])
            named.append(f"{folder}/ (the list page Hugo makes for that folder)")
        else:
            named.append(f"{config.relative(page)}, of {_dutch_post(config, other)} (not written yet: "
                         f"{config.relative(config.catalog_path(other, language))} gives it that URL)")
    said = (f"{shown_language(language)} URL {url} of {_dutch_post(config, summary.post_id)} (after the "
            "site's permalinks) is also the URL of")
    return _clash(config, language, summary, said, named, others)


def alias_clashes(
    site: Site, language: str, summaries: Sequence[Summary], held: dict[str, str], wanted: dict[str, str],
    aliases: dict[str, tuple[str, ...]], published: dict[str, str] | None = None,
) -> dict[str, tuple[str, list[str]]]:
    """The posts whose page in ``language`` would be at a URL that is an alias of another page
    (``aliases``: post id -> the ``aliases`` of its page as it is): Hugo publishes one of
    them, the page or the other's redirect. Of the posts of ``wanted`` (post id -> the slug
    merge would give it; the others at their slug now, ``held``), by post id: the URL and the
    pages whose alias it is. Not a post whose page merge published at that URL already
    (``published``: the URL its record keeps): the alias came later (an edit), and is said
    of itself (:meth:`LinkMap.alias_taken`)."""
    if not any(aliases.values()):
        return {}
    owners: dict[str, list[str]] = {}
    for owner, redirects in aliases.items():
        for alias in redirects:
            owners.setdefault(alias.lower(), []).append(owner)
    pages = [
        replace(summary, slug=wanted[summary.post_id] if summary.post_id in wanted else held[summary.post_id])
        for summary in summaries
        if summary.error is None and (summary.post_id in wanted or summary.post_id in held)
    ]
    urls = site.page_urls(language, {s.post_id: (s.slug, _german_matter(s)) for s in pages})
    clashes: dict[str, tuple[str, list[str]]] = {}
    for post_id in wanted:
        url = urls.get(post_id)
        if url is None:
            continue
        served = alias_path(served_path(site.hugo, language, url))
        others = [o for o in owners.get(served.lower(), ()) if o != post_id]
        if others and published is not None and post_id in published \
                and redirect_place(published[post_id]) == redirect_place(served):
            continue  # its page is there already
        if others:
            clashes[post_id] = (url, sorted(others))
    return clashes


def alias_clash(config: Config, language: str, summary: Summary, url: str, others: Sequence[str]) -> PipelineError:
    """The error of a post whose URL is another page's alias (:func:`alias_clashes`), at its
    catalog's slug entry."""
    named = [f"{_page_of(config, language, other)} (an old URL of that page, which redirects to it)"
             for other in others[:3]]
    said = f"{shown_language(language)} URL {url} of {_dutch_post(config, summary.post_id)} is an alias of"
    return _clash(config, language, summary, said, named, others)
