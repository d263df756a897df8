"""What ``pipeline check PATH...`` checks: the posts and site-wide catalogs the paths name, and
which problems of the site's check concern them; and which post each file of the site belongs
to (the posts' files: the Dutch post, its German posts, its template and catalogs).

Check runs its passes over the whole site (a link, a slug or URL clash involves other posts;
its cache makes that cheap) and :func:`select_problems` keeps what concerns the selection:
the one rule, README ``pipeline check``, "Checking some files".
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import Config
from pipeline.errors import PipelineError, UnknownPaths
from pipeline.post import printable_path
from pipeline.site import find_posts, made_elsewhere, second_sources

if TYPE_CHECKING:
    from pipeline.checkers import Problem

#: A selected post changed since its catalogs and German posts were made: its slug, URL or
#: headings may have moved, and the links to it elsewhere with them
_CHANGED = frozenset({"catalog-stale", "catalog-missing", "post-stale", "post-changed"})
#: What such a change breaks in other posts, where the problem cannot name the page it was:
#: a link to no page or to no heading, a German post whose linked pages moved (which change
#: broke them check cannot tell: they are reported with any changed post, never missed)
_MOVED_UNDER = {
    "link-broken": ("leads to no page or file of the site", "names no post of the site"),
    "link-anchor": ("its page has no heading",),
    "post-stale": ("stale since pages it links to moved",),
}


@dataclass
class Selection:
    """The posts (by id) and the site-wide catalogs (``_i18n``, ``_terms``) the paths name."""

    post_ids: set[str] = field(default_factory=set)
    site_wide: set[str] = field(default_factory=set)


def post_files(config: Config, posts: list[Path]) -> dict[str, str]:
    """Every file of each post in ``posts`` (Dutch post paths), as shown, to its Dutch post's
    path as shown: the post itself, its German posts (as a page or a bundle), its template and
    catalogs. String operations only: no file is looked at."""
    owners: dict[str, str] = {}
    for path in posts:
        shown = config.relative(path)
        post_id = config.post_id(path)
        owners[shown] = shown
        owners[config.relative(config.template_path(post_id))] = shown
        for language in config.target_languages:
            folder = config.relative(config.target_dir(language))
            owners[f"{folder}/{post_id}.md"] = shown
            owners[f"{folder}/{post_id}/index.md"] = shown
            owners[config.relative(config.catalog_path(post_id, language))] = shown
    return owners


def _files_of(config: Config, post_ids: set[str]) -> set[str]:
    """The files of the posts ``post_ids``, as shown, whether they are there or not (a German
    post or a catalog whose Dutch post is gone is its post's still)."""
    files: set[str] = set()
    for post_id in post_ids:
        files.add(config.relative(config.template_path(post_id)))
        for folder in [config.source_dir] + [config.target_dir(lang) for lang in config.target_languages]:
            files.update((config.relative(folder / f"{post_id}.md"), config.relative(folder / post_id / "index.md")))
        # every language's catalogs: a post written in another language has some in the site's source language
        files.update(config.relative(config.catalog_path(post_id, lang)) for lang in config.languages)
    return files


def select(config: Config, paths: list[Path], cwd: Path | None = None) -> Selection:
    """The posts and site-wide catalogs ``paths`` name: Dutch or German posts, templates,
    catalogs, or folders of them (the content root, content/, locale/ too: everything).
    A path is relative to the content root, or else (where it is there) to ``cwd``, as
    pre-commit gives them from the git top. A path that is not there: :class:`UnknownPaths`.
    Other files are passed over (a README, an image) unless no path names anything of the
    site and one of them is outside content/ and locale/: then that one is refused."""
    cwd = cwd or Path.cwd()
    selection = Selection()
    refused: str | None = None
    named = False
    content, locale = config.root / config.content_dir, config.root / config.locale_dir
    for given in paths:
        path = _located(config, given, cwd)
        before = (len(selection.post_ids), len(selection.site_wide))
        _add(config, path, selection)
        if (len(selection.post_ids), len(selection.site_wide)) != before or _names_site(config, path):
            named = True
        elif refused is None and not (path.is_relative_to(content) or path.is_relative_to(locale)):
            refused = printable_path(str(given))
    if not named and refused is not None:
        raise UnknownPaths(refused, None, (
            f"not a post, template or catalog of the site under {config.content_dir}/ or "
            f"{config.locale_dir}/ (nor a folder of them)"))
    return selection


def _located(config: Config, given: Path, cwd: Path) -> Path:
    if given.is_absolute():
        path = given
    elif os.path.lexists(config.root / given) or not os.path.lexists(cwd / given):
        path = config.root / given
    else:
        path = cwd / given
    if not os.path.lexists(path):
        raise UnknownPaths(printable_path(str(given)), None, "no such file or folder")
    return Path(os.path.abspath(path))


def _names_site(config: Config, path: Path) -> bool:
    """Whether ``path`` is a folder of the site's posts or catalogs that holds none yet."""
    content, locale = config.root / config.content_dir, config.root / config.locale_dir
    return path.is_dir() and (path.is_relative_to(content) or path.is_relative_to(locale))


def _add(config: Config, path: Path, selection: Selection) -> None:
    root = Path(os.path.abspath(config.root))
    content, locale = root / config.content_dir, root / config.locale_dir
    source = Path(os.path.abspath(config.source_dir))
    if path.is_dir() and (path in (root, content, locale)):
        selection.post_ids.update(config.post_id(p) for p in find_posts(config))
        selection.site_wide.update(config.site_wide_ids)
        return
    if path.is_relative_to(source):
        try:
            selection.post_ids.update(config.post_id(p) for p in find_posts(config, [path]))
        except PipelineError:  # a bundle's resource, a file that is no post: no post of its own
            if path.suffix == ".md" and _made_of_another(config, path):
                selection.post_ids.add(config.post_id(path))
        if path.is_dir():
            selection.post_ids.update(config.post_id(file) for file in sorted(path.rglob("*.md"))
                                      if _made_of_another(config, file))
        return
    for language in config.target_languages:
        folder = Path(os.path.abspath(config.target_dir(language)))
        if path.is_relative_to(folder):
            files = sorted(path.rglob("*.md")) if path.is_dir() else [path] if path.suffix == ".md" else []
            for file in files:
                selection.post_ids.add(config.post_id(file, language))
            twin = source / path.relative_to(folder)  # the Dutch folder of a German one
            if path.is_dir() and twin.is_dir():
                selection.post_ids.update(config.post_id(p) for p in find_posts(config, [twin]))
            return
    folders = [(locale / "templates", ".pot")] + [
        (locale / language / "LC_MESSAGES", ".po") for language in config.languages]
    for folder, suffix in folders:
        if path == folder.parent or path.is_relative_to(folder):
            files = sorted(path.rglob(f"*{suffix}")) if path.is_dir() else [path] if path.suffix == suffix else []
            for file in files:
                post_id = file.relative_to(folder).as_posix()[: -len(suffix)]
                (selection.site_wide if post_id in config.site_wide_ids else selection.post_ids).add(post_id)


def _made_of_another(config: Config, path: Path) -> bool:
    """Whether the post at ``path`` (in the site's source language) is no source but merge's
    post of one written in another language: its generation record names that post, or was
    removed (:func:`pipeline.site.second_sources`). Its post id names its pair all the same."""
    return made_elsewhere(config, path) is not None or any(
        claim.path == path for claim in second_sources(config))


def select_problems(config: Config, selection: Selection, problems: list[Problem],
                    owners: dict[str, str]) -> list[Problem]:
    """The problems that concern the selection: at a file of a selected post; elsewhere, naming one of its files (a slug, URL or alias clash names
    both posts) or leading to its page; what a moved page breaks elsewhere
    (:data:`_MOVED_UNDER`), where a selected post changed since its catalogs or German posts
    were made, or in a file with a problem of the kinds before; with a site-wide catalog
    selected, every problem at no post's file (not in ``owners``, :func:`post_files`: the
    string tables, the terms and glossary, catalogs without a post)."""
    files = _files_of(config, selection.post_ids)
    if selection.site_wide == set(config.site_wide_ids) and set(owners.values()) <= files:
        return list(problems)  # everything is named
    pages = re.compile("page of (?:" + "|".join(re.escape(post_id) for post_id in sorted(selection.post_ids))
                       + r")(?![\w/.-])") if selection.post_ids else None

    changed = any(p.file in files and p.code in _CHANGED for p in problems)

    def named(problem: Problem) -> bool:
        if problem.file in files or (problem.file not in owners and selection.site_wide):
            return True
        return any(file in problem.message for file in files) or (
            pages is not None and problem.code.startswith("link-") and pages.search(problem.message) is not None)

    kept = [named(problem) for problem in problems]
    naming = {problem.file for problem, keep in zip(problems, kept) if keep}

    def moved_under(problem: Problem) -> bool:
        return (changed or problem.file in naming) and any(
            words in problem.message for words in _MOVED_UNDER.get(problem.code, ()))

    return [problem for problem, keep in zip(problems, kept) if keep or moved_under(problem)]


def selected_owners(config: Config, selection: Selection, problems: list[Problem],
                    owners: dict[str, str]) -> dict[str, str]:
    """``owners`` (:func:`post_files`) of the posts selected and of those the ``problems`` kept
    are at: the posts a report of the selection shows."""
    files = _files_of(config, selection.post_ids)
    shown = {owner for file, owner in owners.items() if file in files}
    shown.update(owners[p.file] for p in problems if p.file in owners)
    return {file: owner for file, owner in owners.items() if owner in shown}
