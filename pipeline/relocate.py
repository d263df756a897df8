"""``pipeline mv OLD NEW``: a source post (or a folder of them) moved, and its work with it,
in its direction (:meth:`pipeline.config.Config.direction`: a Dutch post, or a post written
in German, whose catalogs and Dutch post are carried alike; the words below are the Dutch
direction's).

The Dutch post is moved (``git mv`` where the root is in a git work tree and the file is
tracked), its template, catalogs and German posts carried to the new id
(:func:`pipeline.moves.carry`), its old Dutch URL added to its ``aliases`` (the published
page stays reachable), and the links to it in the other posts updated: every form merge
rewrites (:func:`pipeline.links.rewrite_links`, found by the site's resolver
:class:`pipeline.linkmap.LinkMap`), in the Dutch posts' Markdown (each in the form it was
written) and in every catalog's msgids and msgstrs alike, so that no entry goes fuzzy. Links in the moved posts that are
relative (``../x.md``, ``../x/``) are updated so that they lead where they led. The German
posts are rendered again by ``pipeline merge``.

Everything is worked out before anything is written: a refusal (:class:`MoveRefused`)
changes nothing. The order of the writes loses nothing if the run is killed: the post is
moved first (one rename; a kill after it leaves what ``git mv`` leaves, which extract
carries), then the catalogs are carried (new files first), then the links are updated.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from pipeline.attributes import is_attribute_kind
from pipeline.config import Config
from pipeline.errors import PipelineError
from pipeline.files import in_line_endings_of, read_file, write_atomic
from pipeline.frontedit import DELETE, FrontMatterEditError, edit_front_matter
from pipeline.languages import shown_language, shown_languages
from pipeline.linkmap import LinkMap
from pipeline.links import HTML_URL_RE, REF_DEF_RE, effective_slug, rewrite_links
from pipeline.moves import (
    Move, aliases_of, carried_paths, carry, catalog_files, mv_command, prune_empty_folders,
)
from pipeline.po import format_catalog, parse_catalog
from pipeline.post import load_post
from pipeline.site import Site, Summary, find_posts, url_matter
from pipeline.units import post_units
from pipeline.yamlout import flow_list


class MoveRefused(PipelineError):
    """``pipeline mv`` cannot do what it was asked: nothing was changed."""


@dataclass
class MoveReport:
    """What ``pipeline mv`` did (or, with ``dry_run``, would do): a line per change."""

    lines: list[str] = field(default_factory=list)
    moves: list[tuple[str, str]] = field(default_factory=list)
    """(old id, new id) of each post moved."""
    errors: list[PipelineError] = field(default_factory=list)


def _source_id(config: Config, given: str, what: str) -> tuple[str, bool]:
    """A post id, or a folder under content/nl (True), from a path or an id as given."""
    source = config.source_dir
    text = given.strip().rstrip("/")
    path = Path(text)
    shown = f"{config.content_dir}/{config.source_language}"
    if not text or text in (".", ".."):
        raise MoveRefused(given, None, f"{what} names no post: give a post under {shown}/")
    absolute = Path(os.path.abspath(path if path.is_absolute() else config.root / path))
    as_path = (path.is_absolute() or text.startswith(("..", "./")) or absolute.exists()
               or absolute.is_relative_to(config.root / config.content_dir))
    if not as_path:
        absolute = Path(os.path.abspath(source / path))  # a post id (``2023/x``), not a path
    if not absolute.is_relative_to(source) or absolute == source:
        raise MoveRefused(given, None, f"{what} is outside {shown}/: give a "
                          f"{shown_language(config.source_language)} post or a folder under it")
    relative = absolute.relative_to(source).as_posix()
    inner = f"/{shown}/"
    if not as_path and inner in f"/{relative}/":  # a path from elsewhere than the root
        meant = f"{shown}/{f'/{relative}/'.rsplit(inner, 1)[1].strip('/')}"
        raise MoveRefused(given, None, f"{what} would be {shown}/{relative}: paths are read from the "
                          f"site's root, {config.root}: give {meant}")
    if relative.endswith(".md"):
        return relative[:-3], False
    if absolute.is_dir():
        return relative, True
    return relative, False


def move(config: Config, old: str, new: str, alias: bool = True, dry_run: bool = False) -> MoveReport:
    """Move the Dutch post (or folder) ``old`` to ``new`` with all that belongs to it (see
    the module's text). Raises :class:`MoveRefused` for what it refuses, before writing."""
    report = MoveReport()
    source = config.source_dir
    shown_source = f"{config.content_dir}/{config.source_language}"
    old_id, old_is_folder = _source_id(config, old, "OLD")
    new_id, _ = _source_id(config, new, "NEW")
    posts = find_posts(config)
    ids = {config.post_id(p) for p in posts}
    carry_only = False
    if old_is_folder:
        if (source / new_id).is_dir() and new_id != old_id and not new_id.startswith(old_id + "/"):
            new_id = f"{new_id}/{posixpath.basename(old_id)}"  # into an existing folder, as mv does
        if new_id == old_id:
            raise MoveRefused(new, None, "NEW is OLD: nothing to move")
        if new_id.startswith(old_id + "/"):
            raise MoveRefused(new, None, f"NEW is inside OLD ({shown_source}/{old_id}/): give a folder outside it")
        if (source / new_id).exists():
            raise MoveRefused(new, None, f"{shown_source}/{new_id} exists: give a new folder name")
        pairs = [(i, new_id + i[len(old_id):]) for i in sorted(ids) if i == old_id or i.startswith(old_id + "/")]
        if not pairs:
            raise MoveRefused(old, None, f"{shown_source}/{old_id}/ holds no post")
    else:
        into = new.strip().endswith("/")  # a folder, made if need be (not the post 2023.md)
        if into or ((source / f"{new_id}").is_dir() and not (source / f"{new_id}.md").exists()):
            new_id = f"{new_id}/{posixpath.basename(old_id)}"  # into a folder, as mv does
        if old_id == new_id:
            raise MoveRefused(new, None, "NEW is OLD: nothing to move")
        old_post, new_post = _post_id(config, old_id), _post_id(config, new_id)
        old_there = old_post in ids and config.post_file(old_post) == source / f"{old_id}.md"
        new_there = os.path.lexists(source / f"{new_id}.md")
        if not old_there:
            # the post was moved by hand (git mv): its catalogs are given to NEW
            if new_there and catalog_files(config, old_post) and new_post in ids:
                carry_only = True
            else:
                raise MoveRefused(old, None, f"no post {shown_source}/{old_id}.md (nor its catalogs "
                                  "with a moved post to give them to)")
        elif new_there:
            raise MoveRefused(new, None, f"{shown_source}/{new_id}.md exists: give a new name, or "
                              "move that post first")
        pairs = [(old_post, new_post)]
    new_ids = {n for _, n in pairs}
    clash = sorted(n for n in new_ids if n in ids and not carry_only)
    if clash:
        raise MoveRefused(new, None, f"{shown_source}/{clash[0]}.md exists: nothing moved")
    if not carry_only:
        _refuse_bundle_breaks(config, old, new, old_id, new_id, old_is_folder, ids)

    # every post's Dutch URL, now and after the move
    try:
        site = Site.load(config)
    except PipelineError as exc:
        raise MoveRefused(exc.path, exc.line, exc.message) from None
    metas: dict[str, dict[str, object]] = {}
    for path in posts:
        post_id = config.post_id(path)
        try:
            meta = load_post(config.relative(path), path.read_bytes()).meta
        except (OSError, PipelineError):
            meta = {}
        metas[post_id] = meta if isinstance(meta, dict) else {}
    renamed = dict(pairs)
    bundles = {i for i in ids if i != "index" and config.post_file_name(i).endswith("/index.md")}

    def page(post_id: str, moved_to: str | None = None) -> str:
        """The file of ``post_id`` without ``.md`` (a leaf bundle's ``x/index``: its links are
        relative to its folder), or of its new place ``moved_to``: the one post moved by
        itself has the form NEW gives it (``x.md`` made ``y/index.md``, or the other way)."""
        if moved_to is None:
            return f"{post_id}/index" if post_id in bundles else post_id
        if carry_only:  # moved by hand: where it is
            return config.post_file_name(moved_to).removesuffix(".md")
        if not old_is_folder and post_id == pairs[0][0]:
            return new_id
        return f"{moved_to}/index" if post_id in bundles else moved_to

    def file_pages(post_id: str, target_id: str, here: str, there: str) -> tuple[str, str, str, str]:
        """The four posts of :func:`_content_path` as paths of their files without ``.md``."""
        return page(post_id), page(target_id), page(post_id, here), page(target_id, there)

    def moved_file(relative: str) -> str:
        """Where the file at ``relative`` (under content/nl/) is after the move."""
        if carry_only:
            return relative
        if old_is_folder:
            return new_id + relative[len(old_id):] if relative.startswith(old_id + "/") else relative
        return f"{new_id}.md" if relative == f"{old_id}.md" else relative

    after = {new_post: old_post for old_post, new_post in pairs}

    def shown_after(post_id: str) -> str:
        """A post (its id after the move) as a line names it: its file after the move."""
        old_post = after.get(post_id, post_id)
        return f"{shown_source}/{page(old_post, post_id)}.md"

    if carry_only:  # the post is at its new place already: its old URL, as it was
        metas[pairs[0][0]] = metas.get(pairs[0][1], {})
    before_pages = {
        i: (effective_slug(i, metas.get(i, {})), url_matter(metas.get(i, {}))) for i in ids | set(renamed)
    }
    before_urls = site.page_urls(config.source_language, before_pages)
    after_urls = site.page_urls(config.source_language, {
        renamed.get(i, i): (effective_slug(renamed.get(i, i), metas.get(i, {})), url_matter(metas.get(i, {})))
        for i in ids | set(renamed) if not (carry_only and i == pairs[0][1])
    })
    links = LinkTargets(site, before_pages, before_urls)
    for new_post in sorted(new_ids):  # two pages at one URL: Hugo would publish one of them
        url = after_urls.get(new_post)
        holders = sorted(i for i, u in after_urls.items() if u == url and i not in new_ids)
        if url is not None and holders:
            raise MoveRefused(new, None, f"{shown_after(new_post)} would have the URL {url}, which is "
                              f"{shown_after(holders[0])}'s: give another name")

    # the carries, tried first: a catalog in the way refuses the move
    carries = []
    for old_post, new_post in pairs:
        planned = carry(config, Move(old_post, new_post, "pipeline mv"), dry_run=True,
                        again=mv_command(old, new))
        if planned.errors:
            raise MoveRefused(planned.errors[0].path, planned.errors[0].line, planned.errors[0].message)
        carries.append(planned)
    git = None if carry_only else _git_tracked(config, source / (old_id if old_is_folder else f"{old_id}.md"))
    verb = "would move" if dry_run else "moved"
    if not carry_only:
        target = f"{shown_source}/{new_id}" + ("" if old_is_folder else ".md")
        where = f"{shown_source}/{old_id}" + ("" if old_is_folder else ".md")
        report.lines.append(f"{verb} {where} -> {target}" + (" (git mv)" if git else ""))
    for planned in carries:
        for old_file, new_file in planned.files:
            joined = " (its translations joined with those it held)" if new_file in planned.joined else ""
            report.lines.append(f"{verb} {old_file} -> {new_file}{joined}")

    # the aliases: the old Dutch URL of each post moved
    alias_edits: dict[str, tuple[list[str], list[str]]] = {}  # post (its new id): added, removed
    pages = {url for url in after_urls.values() if url is not None}
    for old_post, new_post in pairs:
        old_url, new_url = before_urls.get(old_post), after_urls.get(new_post)
        meta = metas.get(old_post, {})
        if (not alias or old_url is None or old_url == new_url or old_url in aliases_of(meta)
                or old_url in pages):  # another page's URL now: an alias would hide it
            continue
        alias_edits.setdefault(new_post, ([], []))[0].append(old_url)
        would = "would add" if dry_run else "added"
        report.lines.append(f"{would} {old_url} to the aliases of {shown_after(new_post)} "
                            f"(its old {shown_language(config.source_language)} URL)")
    # a post moved to a URL another post keeps as an alias (a swap of two names): the page
    # is there now, the alias goes
    for old_post, new_post in pairs:
        new_url = after_urls.get(new_post)
        if new_url is None or new_url == before_urls.get(old_post):
            continue
        for other in sorted(ids - {old_post} if not carry_only else ids - {old_post, new_post}):
            if new_url in aliases_of(metas.get(other, {})):
                holder = renamed.get(other, other)
                alias_edits.setdefault(holder, ([], []))[1].append(new_url)
                would = "would remove" if dry_run else "removed"
                report.lines.append(f"{would} {new_url} from the aliases of {shown_after(holder)} "
                                    f"({shown_after(new_post)} is at that URL now)")

    def new_destination(post_id: str, url: str) -> str:
        """``url`` in the post ``post_id`` (its id before the move) as it is to be written."""
        found = links.target(post_id, url)
        if found is None:
            return url
        target_id, form, rest = found
        here, there = renamed.get(post_id, post_id), renamed.get(target_id, target_id)
        if here == post_id and there == target_id:
            return url
        path = url[: len(url) - len(rest)]
        if form in ("md", "md-root"):
            return _content_path(path, *file_pages(post_id, target_id, here, there)) + rest
        target_url = after_urls.get(there)
        if target_url is None:
            return url
        if form in ("absolute", "host"):
            local = links.map.local_path(path) if form == "host" else path
            host = path[: len(path) - len(local or "")]
            before = before_urls.get(target_id) or ""
            local = local or ""
            if local not in (before, unquote(before)) and before.endswith(local.rstrip("/") + "/"):
                # written without the baseURL's path: so it stays
                base = before[: len(before) - len(local.rstrip("/") + "/")]
                if base and target_url.startswith(base + "/"):
                    target_url = target_url[len(base):]
            return host + target_url + rest
        page = after_urls.get(here)
        if page is None:
            return url
        folder = page if page.endswith("/") else posixpath.dirname(page) + "/"
        relative = posixpath.relpath(target_url, folder)
        if target_url.endswith("/") and not relative.endswith("/"):
            relative += "/"
        return relative + rest

    def new_ref(post_id: str, argument: str, lang: str | None) -> tuple[str, str | None]:
        """A ``ref``/``relref`` of the post ``post_id`` as it is to be written."""
        path, hash_, anchor = argument.partition("#")
        target_id = links.ref_target(post_id, argument, lang) if path else None
        if target_id is None:
            return argument, lang
        here, there = renamed.get(post_id, post_id), renamed.get(target_id, target_id)
        if here == post_id and there == target_id:
            return argument, lang
        return _content_path(path, *file_pages(post_id, target_id, here, there)) + hash_ + anchor, lang

    # the links in the Dutch posts, and in the catalogs of every post
    post_edits: list[tuple[Path, bytes, bytes]] = []  # where it is written, its bytes read, new
    for path in posts:
        post_id = config.post_id(path)
        if carry_only and post_id == pairs[0][1]:
            continue
        data = path.read_bytes()
        changed, count = _rewrite_post(config, path, data, lambda url, p=post_id: new_destination(p, url),
                                       lambda ref, lang, p=post_id: new_ref(p, ref, lang))
        if count:
            moved_to = source / moved_file(path.relative_to(source).as_posix())
            post_edits.append((moved_to, data, changed))
            report.lines.append(f"{'would update' if dry_run else 'updated'} {count} link"
                                f"{'s' if count != 1 else ''} in {config.relative(moved_to)}")
    # each catalog with its post's rewrites: (post id, path, rewrite, rewrite_ref, carried along)
    catalog_edits: list[tuple[str, Path, Callable[[str], str], RefRewrite, bool]] = []
    for post_id in sorted(ids | set(renamed)):
        if carry_only and post_id == pairs[0][1]:
            continue
        for path in catalog_files(config, post_id):
            catalog_edits.append((post_id, path, lambda url, p=post_id: new_destination(p, url),
                                  lambda ref, lang, p=post_id: new_ref(p, ref, lang), True))
    # the sources written in the other languages, and their catalogs: a content path (``ref``,
    # a ``.md`` link) of theirs names a moved post's page in their language by its file, which
    # the carry moves (a URL leads there still: merge keeps a translated page's old URL)
    for language in config.languages:
        if language == config.source_language:
            continue
        for post_id, path, rewrite, rewrite_ref, data, changed, count in _other_direction_links(
                config.direction(language), ids | set(renamed), page, renamed):
            if data is None:
                catalog_edits.append((post_id, path, rewrite, rewrite_ref, False))
                continue
            post_edits.append((path, data, changed))
            report.lines.append(f"{'would update' if dry_run else 'updated'} {count} link"
                                f"{'s' if count != 1 else ''} in {config.relative(path)}")
    if dry_run:
        for post_id, path, rewrite, rewrite_ref, _ in catalog_edits:
            _, count = _rewrite_catalog(config, path, read_file(path)[0], rewrite, rewrite_ref)
            if count < 0:
                report.errors.append(PipelineError(config.relative(path), None, "cannot read it: its "
                                                   "links would not be updated"))
            elif count:
                report.lines.append(f"would update {count} entr{'ies' if count != 1 else 'y'} of "
                                    f"{config.relative(path)} (msgid and msgstr alike)")
        report.moves = list(pairs)
        report.lines.append("dry run: nothing changed")
        return report

    # the writes: the post first (one rename), then its catalogs, then the links
    if not carry_only:
        _move_post(config, source / (old_id if old_is_folder else f"{old_id}.md"),
                   source / (new_id if old_is_folder else f"{new_id}.md"), git)
    for planned in carries:
        done = carry(config, planned.move, again=mv_command(old, new))
        report.errors.extend(done.errors)
    for path, read, data in post_edits:
        now, snapshot = read_file(path)
        if now != read:  # saved by an editor meanwhile: theirs stays
            report.errors.append(PipelineError(config.relative(path), None, "changed while `pipeline mv` "
                                               "worked: its links were not updated; run it on them again"))
            continue
        write_atomic(path, data, snapshot, config.relative(path))
    # edits already rewritten in the bytes above: the aliases go in after them
    for post_id, (added, removed) in alias_edits.items():
        error = _edit_aliases(config, config.post_file(post_id), added, removed)
        if error is not None:  # not done: not said to be
            report.errors.append(error)
            post_shown = shown_after(post_id)
            report.lines = [line for line in report.lines if not (
                line.startswith(("added ", "removed ")) and f" the aliases of {post_shown} " in line)]
    for post_id, path, rewrite, rewrite_ref, own in catalog_edits:
        moves_to = renamed.get(post_id, post_id)
        carried = {before: after for before, after, _ in carried_paths(config, post_id, moves_to)} if own else {}
        moved_path = carried.get(path, path)
        try:
            count = _write_catalog(config, moved_path, rewrite, rewrite_ref)
        except PipelineError as exc:
            report.errors.append(exc)
            continue
        if count:
            report.lines.append(f"updated {count} entr{'ies' if count != 1 else 'y'} of "
                                f"{config.relative(moved_path)} (msgid and msgstr alike)")
    report.moves = list(pairs)
    report.lines.append(f"next: run `pipeline extract`, then `pipeline merge` (the {shown_languages(config.target_languages)} posts are "
                        "rendered again, with the links and URLs updated)")
    return report


def _other_direction_links(
    other: Config, moved_ids: set[str], page: Callable[..., str], renamed: dict[str, str],
) -> list[tuple[str, Path, Callable[[str], str], RefRewrite, bytes | None, bytes, int]]:
    """The sources of the direction ``other`` (written in another language than the posts
    moved) whose content paths name a moved post's page in their language (``ref``/``relref``,
    ``.md`` links, found by the site's one resolver over their ids and the moved direction's
    ``moved_ids``), as rewrites: for each post whose bytes change, (id, path, rewrite,
    rewrite_ref, bytes read, new bytes, links changed); for each of their catalogs, (id, path,
    rewrite, rewrite_ref, None, b"", 0). ``page(id, moved_to=None)``: a moved direction's post
    as a file path without ``.md`` (before, or after the move)."""
    posts = find_posts(other) if other.source_dir.is_dir() else []
    if not posts:
        return []
    try:
        site = Site.load(other)
    except PipelineError:
        return []  # (the move's own Site.load said it already, or it reads here as there)
    own = {other.post_id(path): path for path in posts}
    pages = {post_id: (effective_slug(post_id, {}), {}) for post_id in set(own) | moved_ids}
    links = LinkTargets(site, pages, dict.fromkeys(pages))
    bundles = {i for i, path in own.items() if path.name == "index.md" and i != "index"}

    def file_page(post_id: str) -> str:
        return f"{post_id}/index" if post_id in bundles else post_id

    def destination(post_id: str, url: str) -> str:
        found = links.target(post_id, url)
        if found is None or found[0] not in renamed or found[1] not in ("md", "md-root"):
            return url
        target_id, _, rest = found
        path = url[: len(url) - len(rest)]
        return _content_path(path, file_page(post_id), page(target_id), file_page(post_id),
                             page(target_id, renamed[target_id])) + rest

    def ref(post_id: str, argument: str, lang: str | None) -> tuple[str, str | None]:
        path, hash_, anchor = argument.partition("#")
        target_id = links.ref_target(post_id, argument, lang) if path else None
        if target_id not in renamed:
            return argument, lang
        return _content_path(path, file_page(post_id), page(target_id), file_page(post_id),
                             page(target_id, renamed[target_id])) + hash_ + anchor, lang

    found: list[tuple[str, Path, Callable[[str], str], RefRewrite, bytes | None, bytes, int]] = []
    for post_id, path in own.items():
        def rewrite(url: str, p: str = post_id) -> str:
            return destination(p, url)

        def rewrite_ref(argument: str, lang: str | None, p: str = post_id) -> tuple[str, str | None]:
            return ref(p, argument, lang)

        data = path.read_bytes()
        changed, count = _rewrite_post(other, path, data, rewrite, rewrite_ref)
        if count:
            found.append((post_id, path, rewrite, rewrite_ref, data, changed, count))
        for catalog in catalog_files(other, post_id):
            found.append((post_id, catalog, rewrite, rewrite_ref, None, b"", 0))
    return found


def _refuse_bundle_breaks(
    config: Config, old: str, new: str, old_id: str, new_id: str, old_is_folder: bool, ids: set[str],
) -> None:
    """Refuse a move that Hugo's page bundles undo: a post (or folder) moved into a leaf
    bundle (a folder with an ``index.md``: Hugo makes no page of what else it holds); a post
    made a bundle's ``index.md`` beside other posts (they would stop being pages); a bundle's
    ``index.md`` moved without its folder, which holds its images and files."""
    source = config.source_dir
    shown = f"{config.content_dir}/{config.source_language}"
    folder = posixpath.dirname(new_id) if not old_is_folder else new_id
    parts = folder.split("/") if folder else []
    for depth in range(1, len(parts) + 1):
        bundle = "/".join(parts[:depth])
        if os.path.lexists(source / bundle / "index.md") and f"{bundle}/index" != old_id and (
                old_is_folder or new_id != f"{bundle}/index"):
            raise MoveRefused(new, None, f"{shown}/{bundle}/ is a page bundle (it has an index.md): Hugo "
                              "makes no page of a post inside it; give a folder that is not a bundle")
    if not old_is_folder and posixpath.basename(new_id) == "index":
        home = posixpath.dirname(new_id)
        others = sorted(i for i in ids if i != old_id and i.startswith(home + "/")
                        and posixpath.basename(i) != "_index")
        if home and others:
            raise MoveRefused(new, None, f"{shown}/{new_id}.md would make {shown}/{home}/ a page bundle, and "
                              f"{shown}/{others[0]}.md would be a page no more: give another name")
    if not old_is_folder and posixpath.basename(old_id) == "index" and posixpath.dirname(old_id):
        home = source / posixpath.dirname(old_id)
        files = sorted(p.relative_to(home).as_posix() for p in home.rglob("*")
                       if p.is_file() and p != home / "index.md")
        if files:
            bundle = posixpath.dirname(old_id)
            target = posixpath.dirname(new_id) if posixpath.basename(new_id) == "index" else new_id
            if target == bundle or target.startswith(bundle + "/"):
                target = "NEW"
            raise MoveRefused(old, None, f"{shown}/{old_id}.md is the page of the bundle {shown}/"
                              f"{bundle}/, whose {files[0]} would stay behind: move "
                              f"the folder: `{mv_command(bundle, target)}`")


class LinkTargets:
    """Which post a Dutch link or ``ref`` leads to, by the site's one resolver
    (:meth:`pipeline.linkmap.LinkMap.resolve`, :meth:`pipeline.linkmap.LinkMap.resolve_ref`):
    every form merge rewrites, and the form it was written in, to write it anew in that form."""

    def __init__(self, site: Site, pages: dict[str, tuple[str, dict[str, str]]],
                 dutch_urls: dict[str, str | None]) -> None:
        """``pages``: each post's Dutch slug and the front matter its URL is made of, by id;
        ``dutch_urls``: its Dutch URL."""
        config = site.config
        self.ids = set(pages)
        self.nl = config.source_language
        summaries = [Summary(post_id, source_slug=slug, address=matter)
                     for post_id, (slug, matter) in sorted(pages.items())]
        language = config.target_languages[0] if config.target_languages else self.nl
        self.map = LinkMap(site, language, summaries, set(), dutch_urls)

    def target(self, post_id: str, url: str) -> tuple[str, str, str] | None:
        """(target id, form: ``md`` or ``md-root`` (a ``.md`` path relative to the post or
        from the content root), ``absolute``, ``host`` (with the site's scheme and host) or
        ``relative``, the query and anchor after the path) of a link of ``post_id``; None:
        not a link to a post."""
        found = self.map.resolve(post_id, self.nl, url)
        if found.kind != "page" or found.language != self.nl or found.post_id not in self.ids:
            return None
        assert found.post_id is not None
        cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
        path, rest = url[:cut], url[cut:]
        if not path:
            return None  # the page itself
        if path.endswith(".md"):
            form = "md-root" if path.startswith("/") else "md"
        elif re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//", path):
            form = "host"
        else:
            form = "absolute" if path.startswith("/") else "relative"
        return found.post_id, form, rest

    def ref_target(self, post_id: str, path: str, lang: str | None) -> str | None:
        """The post a ``ref``/``relref`` of ``post_id`` names in its Dutch page (``lang``
        none or the Dutch language); None: another language's, or no post."""
        if lang is not None and lang != self.nl:
            return None
        found = self.map.resolve_ref(post_id, self.nl, path, self.nl)
        if found.kind != "page" or found.post_id not in self.ids:
            return None
        return found.post_id


def _post_id(config: Config, page: str) -> str:
    """The post id of the file ``content/nl/<page>.md``."""
    return config.post_id(config.source_dir / f"{page}.md")


def _content_path(written: str, post_id: str, target_id: str, here: str, there: str) -> str:
    """A content path (``.md`` link or ref, without its anchor) ``written`` in ``post_id`` that
    names ``target_id``, written anew for the post at ``here`` naming ``there``: from the
    content root or relative to the post's folder, as it was; with ``.md`` or without; a
    bundle by its folder where it was named so."""
    ext = ".md" if written.endswith(".md") else ""
    stem = written[: len(written) - len(ext)] if ext else written
    name = there
    for suffix in ("/_index", "/index"):
        if target_id.endswith(suffix) and not stem.rstrip("/").endswith(suffix) and there.endswith(suffix):
            name = there[: -len(suffix)]
    if written.startswith("/"):
        return f"/{name}{ext}"
    relative_to_folder = posixpath.normpath(posixpath.join(posixpath.dirname(post_id), stem))
    if relative_to_folder in (target_id, f"{target_id}".removesuffix("/index"),
                              target_id.removesuffix("/_index")):
        return posixpath.relpath(name, posixpath.dirname(here) or ".") + ext
    return f"{name}{ext}"  # from the content root, as Hugo's ref finds it after the folder


RefRewrite = Callable[[str, "str | None"], "tuple[str, str | None]"]


def _rewrite_post(
    config: Config, path: Path, data: bytes, rewrite: Callable[[str], str], rewrite_ref: RefRewrite
) -> tuple[bytes, int]:
    """A post's bytes with its links rewritten (:func:`pipeline.links.rewrite_links`: inline
    destinations, raw HTML ``href``/``src``, ``ref``/``relref``), and how many changed: in the
    spans of its body's units (what its catalogs' msgids hold: not code, not the front
    matter), its link reference definitions and its HTML blocks' tags (as merge rewrites
    them). A post that cannot be read is left as it is."""
    try:
        post = load_post(config.relative(path), data)
        post_id = config.post_id(path)
        units, definitions, _, _ = post_units(config, post, post_id, "", None, pack=False)
    except PipelineError:
        return data, 0
    bom = "\ufeff" if post.bom else ""
    text = data.decode("utf-8", "surrogateescape")[len(bom):]
    lines = text.split("\n")
    counted = [0]

    def counting(url: str) -> str:
        new = rewrite(url)
        counted[0] += new != url
        return new

    def counting_ref(ref: str, lang: str | None) -> tuple[str, str | None]:
        new = rewrite_ref(ref, lang)
        counted[0] += new != (ref, lang)
        return new

    edits: dict[int, list[tuple[int, int, str]]] = {}  # by line: (begin, end, new text)
    for unit in units:
        if unit.context is not None or unit.start is None or unit.end is None or is_attribute_kind(unit.kind):
            continue  # (an attribute's value is inside the unit that holds its tag, or no link)
        for number in range(unit.start[0], unit.end[0] + 1):
            line = lines[number]
            content_end = len(line) - line.endswith("\r")
            begin = unit.start[1] if number == unit.start[0] else 0
            end = unit.end[1] if number == unit.end[0] else content_end
            new = rewrite_links(line[begin:end], counting, counting_ref)
            edits.setdefault(number, []).append((begin, end, new))
    for first, last in definitions:
        for number in range(first, last):
            line = lines[number]
            definition = REF_DEF_RE.match(line)
            if definition:
                dest = definition.group(2)
                bracketed = dest.startswith("<") and dest.endswith(">")
                url = dest[1:-1] if bracketed else dest
                new = counting(url)
                if new != url:
                    edits.setdefault(number, []).append(
                        (definition.start(2), definition.end(2), f"<{new}>" if bracketed else new))
                continue
            in_units = edits.get(number, [])
            for match in HTML_URL_RE.finditer(line):  # an HTML block's tag
                value = match.group(2)
                quote = 1 if value[0] in "\"'" else 0
                begin, url = match.start(2) + quote, value[quote: len(value) - quote]
                if not url or url.startswith("{{") or any(b <= begin < e for b, e, _ in in_units):
                    continue  # in a unit's text: rewritten with it
                new = counting(url)
                if new != url:
                    edits.setdefault(number, []).append((begin, begin + len(url), new))
    for number, changes in edits.items():
        line = lines[number]
        for begin, end, new in sorted(changes, reverse=True):
            line = line[:begin] + new + line[end:]
        lines[number] = line
    return (bom + "\n".join(lines)).encode("utf-8", "surrogateescape"), counted[0]


def _rewrite_catalog(
    config: Config, path: Path, data: bytes | None, rewrite: Callable[[str], str], rewrite_ref: RefRewrite
) -> tuple[bytes | None, int]:
    """A catalog's bytes (``data``, as read from ``path``; None: not there) with the link
    destinations of every msgid and msgstr rewritten, and how many entries changed (None:
    nothing to change, or unreadable)."""
    if data is None:
        return None, 0
    try:
        catalog = parse_catalog(config.relative(path), data)
    except PipelineError:
        return None, -1
    count = 0
    for message in catalog.messages:
        if message.msgctxt is not None:  # a front matter value: its links are not edited
            continue
        msgid = rewrite_links(message.msgid, rewrite, rewrite_ref)
        if msgid == message.msgid:
            continue
        message.msgid = msgid
        message.msgstr = rewrite_links(message.msgstr, rewrite, rewrite_ref)
        if message.previous_msgid is not None:
            message.previous_msgid = rewrite_links(message.previous_msgid, rewrite, rewrite_ref)
        count += 1
    if not count:
        return None, 0
    return in_line_endings_of(data, format_catalog(catalog).encode()), count


def _write_catalog(config: Config, path: Path, rewrite: Callable[[str], str], rewrite_ref: RefRewrite) -> int:
    data, snapshot = read_file(path)
    new, count = _rewrite_catalog(config, path, data, rewrite, rewrite_ref)
    if count < 0:
        raise PipelineError(config.relative(path), None, "cannot read it: its links were not "
                            "updated (fix it, then update them by hand)")
    if new is not None:
        write_atomic(path, new, snapshot, config.relative(path))
    return count


def _edit_aliases(config: Config, path: Path, added: list[str], removed: list[str]) -> PipelineError | None:
    """Add the URLs ``added`` to a Dutch post's ``aliases`` (the key made where there is
    none), and take ``removed`` out of them (the key removed when none is left)."""
    data, snapshot = read_file(path)
    if data is None:
        return None
    try:
        post = load_post(config.relative(path), data)
        key = next((k for k in post.meta if str(k).lower() == "aliases"), "aliases")
        kept = [url for url in aliases_of(post.meta) if url not in removed]
        urls = kept + [url for url in added if url not in kept]
        if not post.has_front_matter:  # a front matter of its own, to hold them
            newline = "\r\n" if b"\r\n" in data else "\n"
            body = data.decode("utf-8")[len("\ufeff") if post.bom else 0:]
            text = f"---{newline}aliases: {flow_list(urls)}{newline}---{newline}{body}"
        else:
            text = edit_front_matter(post, {key: urls if urls else DELETE})
    except (FrontMatterEditError, PipelineError) as exc:
        what = " and ".join(part for part in (
            f"add {', '.join(added)} to" if added else "", f"remove {', '.join(removed)} from" if removed else "",
        ) if part)
        return PipelineError(config.relative(path), None,
                             f"cannot {what} its aliases ({exc.message}): do it by hand")
    write_atomic(path, (("\ufeff" if post.bom else "") + text).encode("utf-8"), snapshot, config.relative(path))
    return None


def _git_tracked(config: Config, path: Path) -> bool:
    """Whether ``path`` is tracked in the git work tree the root is in (``git mv`` moves it)."""
    if shutil.which("git") is None:
        return False
    done = subprocess.run(
        ["git", "-C", str(config.root), "ls-files", "--error-unmatch", "--", str(path)],
        capture_output=True, check=False,
    )
    return done.returncode == 0


def _move_post(config: Config, old: Path, new: Path, git: bool) -> None:
    new.parent.mkdir(parents=True, exist_ok=True)
    if git:
        done = subprocess.run(["git", "-C", str(config.root), "mv", "--", str(old), str(new)],
                              capture_output=True, text=True, check=False)
        if done.returncode == 0:
            return
        said = next((line.strip() for line in done.stderr.splitlines() if line.strip()), f"exit {done.returncode}")
        raise PipelineError(config.relative(old), None, f"git mv failed ({said.rstrip('.')}): nothing changed")
    try:
        os.rename(old, new)
    except OSError as exc:
        raise PipelineError(config.relative(old), None, f"cannot move it: {exc.strerror or exc}; "
                            "nothing changed") from None
    prune_empty_folders(config, old.parent)
