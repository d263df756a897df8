"""``pipeline merge``: each Dutch post and its German catalog to the German post.

Two passes over the site: every post's summary (:mod:`pipeline.site`: slugs, anchors,
completeness, what the links between posts need), then each post translated enough rendered
(:mod:`pipeline.render`) and written, in rounds where a page gives up its slug to another.
Fuzzy and untranslated units fall back to the Dutch text. A post is not written when its
translations are refused (:class:`pipeline.render.TranslationsRefused`), when its German slug
is another page's, nor over a German post changed by hand (:mod:`pipeline.record`).
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.cache import Store, digest, file_signature
from pipeline.config import Config
from pipeline.errors import PipelineError, unreadable
from pipeline.languages import shown_language
from pipeline.record import hand_edited, read_record
from pipeline.post import load_post
from pipeline.hugo import alias_path, is_served_path, served_path
from pipeline.render import (
    PageAddress, TranslationsRefused, german_page_url, kept_aliases, published_page, published_url,
    render_post, url_moved,
)
from pipeline.runner import Runner, merge_cache, slugs_cache
from pipeline.linkmap import LinkMap
from pipeline.site import (
    Site, Summary, alias_clash, alias_clashes, collect_summaries, find_posts, german_aliases, german_slugs,
    other_pairs, page_name, refused_name, slug_clash, linked_pages, refused_urls, third_language_pairs, url_clash,
)
from pipeline.translated import Digests, TranslatedPost, source_digests, read_translated_post
from pipeline.units import PackedUnits, UnitsLookup
from pipeline.files import (
    FileChanged, WriteFailed, read_file, redo_on_change, remove_unchanged, same_text, write_atomic,
)
from pipeline.links import (
    settle_slugs, slug_blockers,
)


@dataclass
class MergeResult:
    post_id: str
    path: str
    action: str
    """``written``, ``unchanged``, ``below`` (not written), ``stale`` (left in place),
    ``edited`` (refused: changed by hand), ``error``."""
    percent: float = 0.0
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    parsed: bool = False
    """The Dutch post was cut into units in this run (by the summary pass or the render), not
    taken from the cache."""
    rendered: bool = False
    """The German post was made in this run (then written, found the same, or refused), not
    known unchanged from the cache."""
    moved: tuple[str, str, str | None] | None = None
    """Written at another URL than its page had: (the old URL, the new, None) with the old
    one now an alias of the page (a redirect), or (the old, the new, what is at the old URL
    now: ``the page of <the German post that takes it in this merge>``, a page Hugo makes)."""


@dataclass
class _RenderOutcome:
    """What :class:`_Render` tells the main process of one post: its result, and what the
    cache keeps of it (the post may not have been rendered: below, refused, edited)."""

    result: MergeResult
    digest: str | None = None
    """Of the German post as it now is (None: not written, nothing to remember)."""
    stat: tuple[int, int, int, int] | None = None
    """The German post's stat right after it was written."""
    parsed_units: PackedUnits | None = None
    """The post's units, packed for the cache, when the worker had to parse the post."""
    read: Digests | None = None
    """The digests of the post and catalog bytes the German post was made from (its cache key)."""
    aliases: tuple[str, ...] = ()
    """The ``aliases`` of the German post written."""
    url: str | None = None
    """The URL its generation record keeps (the page's as published)."""


class _Render:
    """The stage of merge: a picklable ``path -> _RenderOutcome``."""

    def __init__(self, site: Site, language: str, links: LinkMap, force: bool, min_translated: float) -> None:
        self.site, self.config, self.language, self.links = site, site.config, language, links
        self.force, self.min_translated = force, min_translated
        self._pages_at: dict[str, list[str]] | None = None  # made at the first move (_pages_at_url)

    def __call__(self, path: Path, kept: UnitsLookup | None) -> _RenderOutcome:
        """Render one post; a German post saved by someone else meanwhile is never
        overwritten: the post is rendered again from the new file (``ATTEMPTS`` times),
        then left as it is and reported."""
        try:
            done = redo_on_change(lambda: self._render(path, kept))
        except WriteFailed as exc:
            return _RenderOutcome(MergeResult(self.config.post_id(path), exc.path, "error", message=str(exc)))
        if isinstance(done, FileChanged):
            message = f"{done}; run `pipeline merge` again"
            return _RenderOutcome(MergeResult(self.config.post_id(path), done.path, "error", message=message))
        return done

    def _render(self, path: Path, kept: UnitsLookup | None) -> _RenderOutcome:
        config, language = self.config, self.language
        translated = read_translated_post(config, path, language, kept)
        target = config.relative(translated.target_path)
        if translated.error is not None or translated.address_error is not None:
            message = str(translated.error or translated.address_error)
            return _RenderOutcome(MergeResult(translated.post_id, target, "error", message=message))
        percent = translated.percent
        # what the catalog's reader put right (a duplicate entry): said until extract fixes it
        read_warnings = [str(warning) for warning in translated.catalog.warnings] if translated.catalog else []
        if percent < self.min_translated:  # the summary was off: never publish below it
            action = "stale" if translated.target_path.exists() else "below"
            result = MergeResult(translated.post_id, target, action, percent, warnings=read_warnings)
            return _RenderOutcome(result, parsed_units=translated.parsed_units)
        try:
            old, snapshot = read_file(translated.target_path)
        except OSError as exc:  # a folder in its place
            result = MergeResult(translated.post_id, target, "error", message=str(unreadable(target, exc)),
                                 rendered=True)
            return _RenderOutcome(result, parsed_units=translated.parsed_units)
        try:
            data, warnings, moved, aliases, url = self._render_at_address(translated, target, old)
        # refused translations, or a front matter that cannot be written safely: the post
        # is not written; the others go on
        except (TranslationsRefused, PipelineError) as exc:
            result = MergeResult(translated.post_id, target, "error", percent, str(exc), rendered=True)
            return _RenderOutcome(result, parsed_units=translated.parsed_units)
        warnings = read_warnings + warnings
        read = source_digests(translated)
        if old is not None and same_text(old, data):  # line endings aside: see same_text
            result = MergeResult(translated.post_id, target, "unchanged", percent, warnings=warnings, rendered=True)
            # the digest read_file took of these bytes (the cache's digest: one hash)
            assert snapshot.digest is not None
            return _RenderOutcome(result, snapshot.digest.hex(), parsed_units=translated.parsed_units, read=read)
        if old is not None and hand_edited(old) and not self.force:
            message = (
                f"{target}: changed by hand since merge wrote it: move the change into "
                f"{config.relative(config.catalog_path(translated.post_id, language))}, "
                f"or run `pipeline merge --force {shlex.quote(config.relative(path))}` to overwrite it"
            )
            result = MergeResult(translated.post_id, target, "edited", percent, message, warnings, rendered=True)
            return _RenderOutcome(result, parsed_units=translated.parsed_units)
        write_atomic(translated.target_path, data, snapshot, target)
        stat = file_signature(translated.target_path)
        warnings += self._drop_left_post(translated.target_path)
        result = MergeResult(translated.post_id, target, "written", percent, warnings=warnings, rendered=True,
                             moved=moved)
        return _RenderOutcome(result, digest(data), stat, translated.parsed_units, read, aliases, url)

    def _drop_left_post(self, written: Path) -> list[str]:
        """The German ``x.md`` merge wrote before its Dutch post became the leaf bundle
        ``x/index.md`` (:func:`pipeline.site.bundle_twin`), removed once the bundle's German
        post is written: unless changed by hand since, or its Dutch post is there still. What
        was done, as a warning (nothing: [])."""
        if written.name != "index.md":
            return []
        left = written.parent.with_name(f"{written.parent.name}.md")
        try:
            data, snapshot = read_file(left)
        except OSError:
            return []
        found = read_record(data.decode("utf-8", "replace")) if data is not None else None
        source = found[0].get("post") if found is not None else None
        if (data is None or hand_edited(data) or not isinstance(source, str)
                or os.path.lexists(self.config.root / source)):
            return []
        if not remove_unchanged(left, snapshot):
            return []
        shown = self.config.relative(left)
        return [f"{shown}: removed, the {shown_language(self.language)} post of {source} before that post became the page bundle "
                f"{self.config.relative(self.config.post_file(self.config.post_id(written, self.language)))}"]

    def _render_at_address(
        self, translated: TranslatedPost, target: str, old: bytes | None
    ) -> tuple[bytes, list[str], tuple[str, str, str | None] | None, tuple[str, ...], str | None]:
        """The German post (:func:`pipeline.render.render_post`), its warnings, and its move
        when its URL is not the one the German post on disk was published at (``old``): the
        old URL is added to its aliases, with those it had, so that no published German URL
        stops working. Its URL is the one the links of the site give it; the old one is the
        one its record keeps, or for a post written before records kept it, the one its file
        gives (from its front matter, at the Dutch post its record names)."""
        site, language, post_id = self.site, self.language, translated.post_id
        url = published_url(site, self.links, language, post_id)  # as links to it are written
        before = published_page(self.config, post_id, target, old)
        # an alias where another page is now (a post's, one Hugo makes) is dropped: Hugo
        # would publish one of the two there
        had = tuple(alias for alias in before.aliases
                    if self.links.alias_taken(post_id, language, alias, aliases=False) is None) if before else ()
        aliases = kept_aliases(had, None, url)
        data, warnings = render_post(translated, self.config, language, self.links, PageAddress(url, aliases))
        if before is None:
            return data, warnings, None, aliases, url
        old_url = before.url
        if old_url is None:  # written before the record kept the URL: from the file, as the new one
            new = load_post(target, data, None)
            old_url = german_page_url(site, language, before.post_id, before.meta)
            if old_url == german_page_url(site, language, post_id, new.meta):
                old_url = url
        if not url_moved(old_url, url):
            return data, warnings, None, aliases, url
        assert old_url is not None and url is not None
        taken = next((other for other in self._pages_at_url(old_url) if other != post_id), None)
        taker = None
        if taken is not None:  # another page takes the old URL: no redirect
            taker = "the page of " + self.config.relative(self.config.post_file(taken, language))
        elif (found := self.links.alias_taken(post_id, language, alias_path(old_url), aliases=False)) is not None:
            taker = page_name(self.config, found[1], found[2])  # a page Hugo makes there, a Dutch page
        if taker is not None:
            return data, warnings, (old_url, url, taker), aliases, url
        aliases = kept_aliases(had, old_url, url)
        data, warnings = render_post(translated, self.config, language, self.links, PageAddress(url, aliases))
        return data, warnings, (old_url, url, None), aliases, url

    def _pages_at_url(self, url: str) -> list[str]:
        """The posts whose German page is at ``url`` (a :func:`pipeline.hugo.served_path`),
        in the order of ``links.by_id``: indexed once, not searched for each post that moved
        (a change of the site's permalinks moves every page)."""
        if self._pages_at is None:
            self._pages_at = {}
            for post_id, page in self.links.by_id.items():
                self._pages_at.setdefault(served_path(self.site.hugo, self.language, page), []).append(post_id)
        return self._pages_at.get(url, [])


def _edited_by_hand(path: Path) -> bool:
    """Whether the German post at ``path`` was changed since merge wrote it (unreadable: no)."""
    try:
        return hand_edited(path.read_bytes())
    except OSError:
        return False


def _no_catalog(config: Config, post_id: str, language: str) -> str:
    """Why a post below the threshold is when it has no catalog at all (never extracted), what
    to do about it; the empty text when it has one."""
    catalog = config.catalog_path(post_id, language)
    if catalog.exists():
        return ""
    return f"no catalog {config.relative(catalog)}: run `pipeline extract` first"


def merge(
    config: Config,
    paths: Sequence[Path] = (),
    language: str = "de",
    min_translated: float = 100.0,
    force: bool = False,
    jobs: int = 1,
    use_cache: bool = True,
    sources: Sequence[Path] | None = None,
) -> list[MergeResult]:
    """Write the German posts whose catalogs are translated enough; one result per post.

    Two passes: a summary of every post (slugs, anchors, completeness: what links between
    posts need), then each selected post rendered. Both run in ``jobs`` processes, and both
    skip what the cache in ``.pipeline-cache/`` shows is unchanged (keyed by content hashes).
    """
    site = Site.load(config)  # before anything is read: a configuration Hugo cannot build
    if sources is None:  # the caller may have listed them already (to check the paths given)
        sources = find_posts(config, list(paths))
    scope = sources if not paths else find_posts(config)
    # a name no catalog can hold is reported in its place and passed to nothing else
    refused = {path: error for path in scope if (error := refused_name(config, path)) is not None}
    with Store(config.root, use_cache, run=config._run) as store:
        merged = iter(_merge(
            store, site, [p for p in sources if p not in refused], [p for p in scope if p not in refused],
            language, min_translated, force, jobs,
        ))
    return [
        MergeResult(config.post_id(path), refused[path].path, "error", message=str(refused[path]))
        if path in refused else next(merged)
        for path in sources
    ]


def _merge(
    store: Store,
    site: Site,
    sources: list[Path],
    scope: list[Path],
    language: str,
    min_translated: float,
    force: bool,
    jobs: int,
) -> list[MergeResult]:
    config = site.config
    runner = Runner(store, config, jobs)
    read: dict[Path, dict[str, str | None]] = {}
    parsed: set[Path] = set()  # the posts cut into units, by either pass
    summaries = collect_summaries(store, config, scope, language, jobs, read, parsed)
    by_path = dict(zip(scope, summaries))

    def target_of(summary: Summary) -> Path:
        return config.post_file(summary.post_id, language)

    results: dict[Path, MergeResult] = {}
    candidates: list[Path] = []
    targets: dict[Path, tuple[Path, str]] = {}  # the German post's path, and as shown
    for path in sources:
        summary = by_path[path]
        target = target_of(summary)
        shown = config.relative(target)
        targets[path] = target, shown
        if summary.error is not None:
            results[path] = MergeResult(summary.post_id, shown, "error", message=summary.error)
        elif summary.percent < min_translated:
            action = "stale" if target.exists() else "below"
            results[path] = MergeResult(summary.post_id, shown, action, summary.percent,
                                        message=_no_catalog(config, summary.post_id, language))
        else:
            candidates.append(path)

    # The site's pages as they are, and the slugs the candidates would give theirs: a page
    # keeps its slug, and a post that would take another page's is refused, before anything
    # is written (Hugo would publish one of the two)
    slug_cache = slugs_cache(store, config, language) if store.enabled else None
    aliases: dict[str, tuple[str, ...]] = {}
    published: dict[str, str] = {}
    held = german_slugs(store, config, language, slug_cache, aliases, published)
    # the German pages' aliases as this merge leaves them: a link to one leads to its page
    redirects = german_aliases(aliases, published)
    wanted = {by_path[path].post_id: by_path[path].slug for path in candidates}
    blocked = settle_slugs(held, wanted)
    # one URL, one page under permalinks too: a post whose URL another page has or takes
    # waits, unless it alone has that page already
    for post_id, (url, others) in refused_urls(site, language, summaries, held, wanted).items():
        path = next(path for path in candidates if by_path[path].post_id == post_id)
        candidates.remove(path)
        blocked[post_id] = others
        clash = url_clash(config, language, by_path[path], url, others)
        results[path] = MergeResult(post_id, targets[path][1], "error", by_path[path].percent, str(clash))
    # nor one whose URL is another page's alias (Hugo publishes the page or the redirect)
    for post_id, (url, others) in alias_clashes(site, language, summaries, held, wanted, aliases, published).items():
        path = next((path for path in candidates if by_path[path].post_id == post_id), None)
        if path is None:  # refused above already
            continue
        candidates.remove(path)
        blocked[post_id] = others
        clash = alias_clash(config, language, by_path[path], url, others)
        results[path] = MergeResult(post_id, targets[path][1], "error", by_path[path].percent, str(clash))
    cache = merge_cache(store, config, language) if store.enabled else None
    # a post that merge means to write but refuses (a translation check, the structure) and
    # that has no page is not linked to: the posts without a page are rendered first, and
    # when one is refused, all again without it (a run with nothing new renders once)
    unwritten: set[str] = set()
    wrote: dict[Path, MergeResult] = {}  # the posts written in an earlier pass, as first written

    dutch_urls: dict[str, dict[str, str | None]] = {}  # made by the first round's LinkMap
    # a page edited by hand stays as it is (without --force): links lead to it there
    staying = set() if force else {
        by_path[path].post_id for path in candidates
        if by_path[path].post_id in held and held[by_path[path].post_id] != wanted[by_path[path].post_id]
        and _edited_by_hand(targets[path][0])
    }

    others = other_pairs(config, language, store)  # the pairs written in another language, linked to as they are
    third = third_language_pairs(config, language, store)  # and their pages in the site's other languages

    def render_batch(batch: list[Path]) -> tuple[list[Path], dict[str, list[str]]]:
        """Render (and write) ``batch`` in rounds; the posts left waiting for a slug."""
        in_way: dict[str, list[str]] = {}
        # links to a refused post go to its page as it stays (if it has one)
        link_summaries, available = linked_pages(config, language, summaries, min_translated, blocked, held,
                                                 staying, others)
        available -= unwritten
        links = LinkMap(site, language, link_summaries, available, dutch_urls.get("made"), redirects, third)
        dutch_urls["made"] = links.dutch_urls
        link_digest = links.digest()
        keys: dict[Path, dict[str, str | None]] = {}
        for path in batch:
            keys[path] = {  # the post and catalog as the summary pass found them
                "post": read[path]["post"],
                "po": read[path]["po"],
                "target": store.file_digest(targets[path][0]),
                "links": link_digest,
            }

        def cached(path: Path) -> _RenderOutcome | None:
            summary = by_path[path]
            # --force trusts no cache: it renders every post and compares
            entry = cache.get(summary.post_id, keys[path]) if cache is not None and not force else None
            if entry is None:
                return None
            return _RenderOutcome(MergeResult(summary.post_id, targets[path][1], "unchanged", summary.percent,
                                              warnings=entry["warnings"]))

        def keep(path: Path, done: _RenderOutcome) -> None:
            result = done.result
            runner.keep_units(result.post_id, done.parsed_units)
            if done.parsed_units is not None:
                parsed.add(path)
            if cache is not None:
                if done.digest is None:
                    cache.drop(result.post_id)
                else:
                    store.wrote(config.post_file(result.post_id, language), done.stat, done.digest)
                    # keyed by the bytes the page was made from, which a save may have changed
                    # since the summary pass read them
                    key = {**keys[path], **(done.read or {}), "target": done.digest}
                    cache.put(result.post_id, key, warnings=result.warnings)
            if slug_cache is not None and result.action == "written":
                # with the URL its record keeps, as german_slugs reads it: the next run need not read it
                slug_cache.put(result.post_id, {"post": done.digest}, slug=wanted[result.post_id],
                               aliases=list(done.aliases), url=done.url if is_served_path(done.url) else None)

        render = _Render(site, language, links, force, min_translated)
        # in rounds: a post whose slug a page gives up in this run (its post moves to another
        # slug) is written after that page has moved, and only if it did
        pending = batch
        while pending:
            in_way = slug_blockers(held, {by_path[path].post_id: by_path[path].slug for path in pending})
            ready = [path for path in pending if by_path[path].post_id not in in_way]
            if not ready:
                break
            for path, done in zip(ready, runner.run(render, ready, cached=cached, keep=keep), strict=True):
                results[path] = done.result
            for path in ready:
                post_id = by_path[path].post_id
                if results[path].action in ("written", "unchanged"):
                    held[post_id] = wanted[post_id]
            pending = [path for path in pending if by_path[path].post_id in in_way]
        return pending, in_way

    def refused_in(batch: list[Path]) -> set[str]:
        return {
            by_path[path].post_id for path in batch
            if path in results and results[path].action == "error"
            and by_path[path].post_id not in unwritten and not os.path.lexists(targets[path][0])
        }

    fresh = [path for path in candidates if not os.path.lexists(targets[path][0])]
    # the posts without a page first (when there are others): one refused, all again without it
    batch = fresh if fresh and len(fresh) < len(candidates) else candidates
    while True:
        pending, in_way = render_batch(batch)
        refused = refused_in(batch)
        if refused:
            unwritten |= refused
            for path in batch:
                if path in results and results[path].action == "written":
                    wrote.setdefault(path, results[path])
            batch = candidates
        elif batch is fresh:  # none refused: the others, and the fresh ones left waiting
            rendered = set(fresh) - set(pending)
            batch = [path for path in candidates if path not in rendered]
        else:
            break
    for path, first in wrote.items():  # written in an earlier pass, found as it should be in the last
        if results[path].action == "unchanged":
            results[path] = replace(results[path], action="written", rendered=True)
        if results[path].action == "written" and results[path].moved is None:  # said once
            results[path] = replace(results[path], moved=first.moved)
    for path in pending:
        summary = by_path[path]
        clash = slug_clash(config, language, summary, in_way[summary.post_id], held)
        results[path] = MergeResult(summary.post_id, targets[path][1], "error",
                                    summary.percent, str(clash))
    for path in parsed & results.keys():
        results[path].parsed = True
    return [results[path] for path in sources]


