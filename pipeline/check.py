"""``pipeline check``: posts, slugs, catalogs and translations validated; completeness gated.

Writes nothing unless ``fix`` is set, and then only the date and tag values it can fix
mechanically (through :mod:`pipeline.frontedit`), in posts merge did not generate. Returns a
report; printing and exit codes are the CLI's.
"""

from __future__ import annotations

import copy
import errno
import functools
import hashlib
import os
import shlex
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote

from pipeline.update import shown_language, typed_translations, written_in
from pipeline.checkers import (
    FIX_ADVICE,
    Problem,
    Schema,
    TranslationProblem,
    check_body,
    check_front_matter,
    check_slug,
    check_slug_translation,
    check_translation,
)
from pipeline.cache import Memo, Store
from pipeline.languages import MinTranslated, min_translated_of
from pipeline.config import Config
from pipeline.errors import PipelineError, unreadable
from pipeline.extract import creation_date, extract_post
from pipeline.record import hand_edited, read_record, record_matches
from pipeline.hugo import date_without_key, is_served_path
from pipeline.render import PostLink, post_links, published_url, url_moved, verified_body
from pipeline.runner import (
    Runner, check_cache, check_fingerprint, check_posts_cache, current_digests, direction_name, extract_cache,
    extract_fingerprint,
)
from pipeline.linkmap import LinkMap, LinkTarget
from pipeline.site import (
    Site, Summary, alias_clash, alias_clashes, aliases_of, bundle_twin, collect_summaries, find_posts,
    german_aliases, german_resource, linked_pages, made_elsewhere, made_page_name, other_pairs, other_sources,
    own_language_sources, page_of, pages_of_other_directions, refused_urls, second_sources, shared_keys, slug_clash, strings_clash, summary_made, url_clash,
    third_language_pairs, written_languages,
)
from pipeline.translated import (
    Digests, SourceRead, TranslatedPost, checked_translations, percent_of, read_translated_post, used_translation,
)
from pipeline.units import PackedUnits, UnitsLookup
from pipeline.files import (
    MISSING, FileChanged, Snapshot, WriteFailed, lf_endings, named_below, read_file, redo_on_change, write_atomic,
)
from pipeline.links import (
    effective_slug, file_name, is_section, made_sections, page_path, settle_slugs, slug_line,
)
from pipeline.dates import date_replacements, date_text
from pipeline.moves import BUNDLE_ID_REASON, MoveSearch, find_moves, looks_like, mv_command, translations_in
from pipeline.moves import unreadable as catalog_unreadable  # errors.unreadable is another
from pipeline.frontedit import FrontMatterEditError, edit_front_matter, source_post_error
from pipeline.po import Catalog
from pipeline.post import Post, load_post
from pipeline.segment import body_units, split_list_value
from pipeline.yamlout import flow_list


@dataclass
class Completeness:
    post_id: str
    language: str
    units: int
    units_translated: int
    words: int
    words_translated: int

    @property
    def percent_units(self) -> float:
        return percent_of(self.units_translated, self.units)

    @property
    def percent_words(self) -> float:
        return percent_of(self.words_translated, self.words)


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    completeness: list[Completeness] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)
    posts: dict[str, str] = field(default_factory=dict)
    """Each post's files, as shown, to its Dutch post's (:func:`pipeline.selection.post_files`;
    filled by :func:`pipeline.api.check` for JUnit and ``check PATH...``)."""
    site_wide_named: bool = True
    """Whether the report is of the site-wide checks too (string tables, terms, glossary,
    catalogs without a post): false for ``check PATH...`` naming no site-wide catalog."""

    def count(self, severity: str) -> int:
        return sum(1 for p in self.problems if p.severity == severity)


def _load(config: Config, path: Path, report: CheckReport) -> tuple[Post | None, bytes, Snapshot]:
    """A post, its bytes and what the file was when read (for ``--fix``'s write)."""
    shown = config.relative(path)
    refused = strings_clash(config, path)  # the rest of refused_name: load_post's, check_posts'
    if refused is not None:
        report.problems.append(Problem(refused.path, refused.line, "error", "post-unreadable", refused.message))
        return None, b"", MISSING
    try:
        config.confine(path)
        data, snapshot = read_file(path)
        if data is None:
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT))
        return load_post(shown, data, config.max_post_bytes), data, snapshot
    except PipelineError as exc:
        report.problems.append(Problem(exc.path, exc.line, "error", "post-unreadable", exc.message))
    except OSError as exc:
        report.problems.append(Problem(shown, None, "error", "post-unreadable", unreadable(shown, exc).message))
    return None, b"", MISSING


def _fix_post(
    config: Config, path: Path, post: Post, data: bytes, snapshot: Snapshot, zone: str, schema: Schema,
    report: CheckReport,
) -> tuple[Post | None, bytes]:
    """:func:`_fix` a post; saved by someone else meanwhile, it is read and fixed again
    (``ATTEMPTS`` times), then left as it is and reported. The post and bytes to check."""

    def attempt() -> tuple[Post | None, bytes]:
        assert post is not None
        fixed, done = _fix(config, path, post, zone, schema, snapshot)
        if done:
            report.fixed.extend(done)
            return fixed, path.read_bytes()
        return fixed, data

    def read_again() -> tuple[Post | None, bytes] | None:
        nonlocal post, data, snapshot
        post, data, snapshot = _load(config, path, report)
        return (None, data) if post is None else None

    try:
        done = redo_on_change(attempt, read_again)
    except WriteFailed as exc:
        report.problems.append(Problem(exc.path, None, "error", "write-failed", exc.message))
        return post, data
    except FrontMatterEditError as exc:  # nothing written
        report.problems.append(Problem(exc.path, exc.line, "error", "fix-refused", exc.message))
        return post, data
    if isinstance(done, FileChanged):
        report.problems.append(
            Problem(done.path, None, "error", "post-changed", f"{done.message}; run `pipeline check --fix` again")
        )
        return post, data
    return done


def _fix(
    config: Config, path: Path, post: Post, zone: str, schema: Schema, expected: Snapshot | None = None
) -> tuple[Post, list[str]]:
    """Rewrite the fixable values (dates Hugo cannot read, tags strings) in place, through the
    one front matter edit path; raises FrontMatterEditError (nothing written) where it cannot.
    ``expected``: what the file was when ``post`` was read (:func:`pipeline.files.write_atomic`)."""
    changes: dict[str, Any] = {}
    done: list[str] = []
    for key, moment in date_replacements(post, schema.dates, zone).items():  # as merge writes them
        node = post.meta_nodes.get(key)
        changes[key] = moment
        written = getattr(node, "value", post.meta[key])  # as the file has it
        line = post.node_line(node) if node is not None else 1
        done.append(f"{post.path}:{line}: {key} {written!r} -> {date_text(moment)}")
    for key in schema.lists:
        value = post.meta.get(key)
        node = post.meta_nodes.get(key)
        if isinstance(value, str) and node is not None:
            changes[key] = split_list_value(value)
            done.append(f"{post.path}:{post.node_line(node)}: {key} {value!r} -> {flow_list(changes[key])}")
    if not changes:
        return post, []
    data = (("\ufeff" if post.bom else "") + edit_front_matter(post, changes)).encode("utf-8")
    write_atomic(path, data, expected, post.path)
    return load_post(post.path, data, config.max_post_bytes), done


def _tree_state(store: Store, config: Config, static_dir: str) -> dict[str, str | None]:
    """Every file check reads, by content hash, and the names in the static folder, as one
    digest (a site of 10,000 posts has 40,000 files: a map of them all would cost more memory
    than the check itself). Paths as text, each file stat'ed once (:meth:`Store.tree_digest`),
    and confined by its folder (:func:`_confined`): this runs twice in every check that
    finds a file changed."""
    state = hashlib.blake2b(digest_size=16)
    for folder in (config.root / config.content_dir, config.root / config.locale_dir):
        if folder.is_dir():
            confined = _confined(config)
            for text, link in _entries_below(folder):
                if not confined(text, link):
                    if not os.path.isfile(text):
                        continue
                    found: str | None = "outside"  # never read
                else:
                    is_file, found = store.tree_digest(text)
                    if not is_file:
                        continue
                state.update(f"{config.relative(text)}\0{found}\n".encode("utf-8", "surrogateescape"))
    static = config.root / static_dir
    if static.is_dir():
        names = sorted(config.relative(p) for p in _files_below(static))
        state.update(("static/\0" + "\n".join(names)).encode("utf-8", "surrogateescape"))
    return {"tree": state.hexdigest()}


def _confined(config: Config) -> Callable[[str], bool]:
    """Whether a file found below content/ or locale/ stays inside them (:meth:`Config.confine`),
    asked once per folder: a file that is no symlink resolves where its folder does, and
    :meth:`Config.confine`'s answer for it depends on its folder alone."""
    folders: dict[str, bool] = {}

    def confined(text: str, link: bool | None = None) -> bool:
        """``link``: whether ``text`` is a symlink, where the caller knows (else looked up)."""
        if link is None:
            link = os.path.islink(text)
        folder = "" if link else os.path.dirname(text)
        if not link:
            known = folders.get(folder)
            if known is not None:
                return known
        try:
            config.confine(Path(text))
            answer = True
        except PipelineError:
            answer = False
        if not link:
            folders[folder] = answer
        return answer

    return confined


def _entries_below(folder: Path) -> list[tuple[str, bool]]:
    """:func:`_file_texts_below`, each name with whether it is a symlink, as ``os.walk``
    finds them (``os.scandir``, whose entries know it without a call)."""
    found: list[tuple[str, bool]] = []
    tops = [str(folder)]
    while tops:
        try:
            entries = os.scandir(tops.pop())
        except OSError:
            continue  # as os.walk: a folder that cannot be listed is passed over
        with entries:
            for entry in entries:
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                try:
                    link = entry.is_symlink()
                except OSError:
                    link = False
                if not is_dir:
                    found.append((entry.path, link))
                elif not link:  # symlinked folders not entered
                    tops.append(entry.path)
    found.sort(key=lambda item: item[0].split(os.sep))
    return found


def _file_texts_below(folder: Path) -> list[str]:
    """The names below ``folder`` that may be files (as text; symlinks to files too, symlinked
    folders not entered), in the order ``sorted(p for p in folder.rglob("*") if p.is_file())``
    gives them (by their parts): whether each is a file is left to the caller, which stats it
    anyway."""
    found = [os.path.join(top, name) for top, _, names in os.walk(folder) for name in names]
    found.sort(key=lambda text: text.split(os.sep))
    return found


def _files_below(folder: Path) -> list[Path]:
    """The files below ``folder`` (symlinks to files too; symlinked folders not entered), in
    the order ``sorted(p for p in folder.rglob("*") if p.is_file())`` gives them (by their
    parts), found by ``os.walk`` and text: rglob's Paths cost 0.2 s per 1,000 posts, twice
    in every check that finds a file changed."""
    return [Path(text) for text in _file_texts_below(folder) if os.path.isfile(text)]


class CatalogNotes(Protocol):
    """What another check wants of each template and catalog the stale-catalog pass reads
    (:class:`pipeline.terms.CatalogNotes`): made in that pass's stage, of the file as read
    and parsed, and kept in the main process (in that check's caches)."""

    def __call__(self, path: Path, data: bytes, catalog: Catalog, language: str | None, /) -> list[Any]: ...

    def keeper(self, store: Store) -> Callable[[list[Any]], None]: ...


def check(
    config: Config,
    schema: Schema | None = None,
    min_translated: float | MinTranslated = 100.0,
    fix: bool = False,
    static_dir: str = "static",
    use_cache: bool = True,
    jobs: int = 1,
    notes: Callable[[Config], CatalogNotes] | None = None,
) -> CheckReport:
    """Check everything; with nothing changed since the last run (every file under content/
    and locale/ the same bytes, same settings), the last report is given back at once.
    ``notes``: made once the posts are checked, what the other checks of the run (the
    terms') want of the templates and catalogs the stale-catalog pass reads, so that they
    need not read them again."""
    schema = schema or Schema.of(config.schema)  # as merge reads it
    site = Site.load(config)
    with Store(config.root, use_cache, run=config._run) as store:
        if fix or not store.enabled:
            return _check_directions(store, site, schema, min_translated, fix, static_dir, jobs, notes)
        cache = check_cache(store, config, site.hugo, schema, min_translated, static_dir)
        state = _tree_state(store, config, static_dir)
        entry = cache.get("report", state)
        if entry is not None:
            return CheckReport(
                [Problem(**p) for p in entry["problems"]],
                [Completeness(**c) for c in entry["completeness"]],
            )
        report = _check_directions(store, site, schema, min_translated, fix, static_dir, jobs, notes)
        if _tree_state(store, config, static_dir) == state:  # nothing moved while we looked
            cache.put(
                "report",
                state,
                problems=[p.as_dict() for p in report.problems],
                completeness=[asdict(c) for c in report.completeness],
            )
        return report


def _check_directions(
    store: Store,
    site: Site,
    schema: Schema,
    min_translated: float | MinTranslated,
    fix: bool,
    static_dir: str,
    jobs: int,
    notes: Callable[[Config], CatalogNotes] | None = None,
) -> CheckReport:
    """:func:`_check` in every direction of the site (:meth:`Config.direction`): the site's
    own, then each language that has sources or posts merge made of them; and the posts that
    claim to be a source where another language's source has their pair or id
    (:func:`pipeline.site.second_sources`)."""
    config = site.config
    report = _check(store, site, schema, min_translated, fix, static_dir, jobs, notes)
    for language in written_languages(config):
        other = _check(store, replace(site, config=config.direction(language)), schema, min_translated, fix,
                       static_dir, jobs)
        report.problems.extend(other.problems)
        report.completeness.extend(other.completeness)
    for claim in second_sources(config):
        language = next(lang for lang in config.languages
                        if claim.path.is_relative_to(config.direction(lang).source_dir))
        direction = config.direction(language)
        post_id = direction.post_id(claim.path, language)
        if claim.same_pair:
            report.problems.append(Problem(
                config.relative(claim.path), 1, "error", "post-two-sources",
                f"the pair of {config.relative(claim.source)} (same id or translationKey) has two sources: this "
                f"post has no generation record, so it claims to be written by hand too: keep one source (delete "
                f"this post and run `pipeline merge`, or give it its own id and translationKey)"))
        else:
            report.problems.append(Problem(
                config.relative(claim.path), 1, "error", "post-id-clash",
                f"its id {post_id!r} is the id of {config.relative(claim.source)}, the source of another pair "
                f"(another translationKey): one template, {config.relative(config.template_path(post_id))}, "
                "cannot hold both: rename one of the two"))
    for shared in shared_keys(config):
        other = config.relative(shared.other)
        if shared.other.parent == shared.path.parent:
            why = (f"two posts in {config.relative(shared.path.parent)}/ have the translationKey {shared.key!r} "
                   f"(this one and {other}): Hugo pairs them with each other's pages: give one its own "
                   "translationKey")
        else:
            why = (f"its translationKey {shared.key!r} is that of the pair of {other}, whose source that is: this "
                   "post is a source of its own (its own template and pages), which Hugo pairs with that post's "
                   "pages: remove its translationKey or change it")
        report.problems.append(Problem(config.relative(shared.path), _translation_key_line(config, shared.path),
                                       "error", "translation-key-clash", why))
    report.problems.sort(key=lambda p: (p.file, p.line or 0, p.code))
    return report


def _translation_key_line(config: Config, path: Path) -> int:
    """The line of a post's ``translationKey`` (1 where it cannot be read)."""
    try:
        post = load_post(config.relative(path), path.read_bytes(), config.max_post_bytes)
    except (OSError, PipelineError):
        return 1
    node = next((node for key, node in post.meta_nodes.items() if str(key).lower() == "translationkey"), None)
    return post.node_line(node) if node is not None else 1


def _check(
    store: Store,
    site: Site,
    schema: Schema,
    min_translated: float | MinTranslated,
    fix: bool,
    static_dir: str,
    jobs: int,
    notes: Callable[[Config], CatalogNotes] | None = None,
) -> CheckReport:
    config = site.config
    report = CheckReport()
    nl = config.source_language
    sources = find_posts(config)
    source_posts: dict[str, tuple[Path, bool, dict[str, str] | None]] = {}
    page_slugs: dict[str, dict[str, str]] = defaultdict(dict)
    """Per language, the slug of each post on disk, by post id."""
    page_aliases: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    """Per language, the ``aliases`` of each post on disk that has some, by post id."""
    # what earlier checks reported of each post, where what it depends on is unchanged (not
    # with --fix, which writes the posts it checks)
    fingerprint = check_fingerprint(config, site.hugo, schema, min_translated, static_dir)
    reuse = store.enabled and not fix
    # the names of the files under content/ and the static folders, each folder walked once:
    # what a post's images and links are checked against besides the posts
    names = _folder_names(config, (config.content_dir, config.static_dir, static_dir)) if reuse else {}
    static_names = names.get(static_dir)

    def check_post(language: str, path: Path, zone: str) -> PostFacts | None:
        """A post's own checks (its problems added to the report) and what the site-wide
        checks want of it (None: it cannot be read, or is no source)."""
        post, data, snapshot = _load(config, path, report)
        if post is None:
            return None
        refused = source_post_error(post) if language == nl else None
        if refused is not None:  # a German post copied here: not a source (extract and merge refuse it)
            report.problems.append(Problem(refused.path, refused.line, "error", "generation-record",
                                           refused.message))
            return None
        edited = language != nl and hand_edited(data)
        # a generated post is fixed by generating it again, never by hand or by --fix
        generated = language != nl and not edited
        if fix and not generated:
            post, data = _fix_post(config, path, post, data, snapshot, zone, schema, report)
            if post is None:
                return None
            edited = language != nl and hand_edited(data)  # as --fix left it
        post_id = config.post_id(path, None if language == nl else language)
        # keep little per post (a run may see thousands): for a translation, whether it
        # was edited by hand and its generation record; for the source, nothing
        record = None
        if language != nl:
            found = read_record(data.decode("utf-8", "replace").lstrip("\ufeff"))
            record = found[0] if found else None
        front_problems = check_front_matter(post, language, zone, schema, _date_elsewhere(site, post_id))
        if generated:
            front_problems = [
                Problem(p.file, p.line, p.severity, p.code,
                        p.message.replace(FIX_ADVICE, "(generated by merge: "
                                          "run `pipeline merge`, which writes it so; --fix edits no generated post)"))
                if p.fixable else p
                for p in front_problems
            ]
        report.problems.extend(front_problems)
        if language == nl and not is_section(post_id):  # a section page may be empty
            report.problems.extend(check_body(post))
        slug, line = effective_slug(post_id, post.meta), slug_line(post)
        if not is_section(post_id):  # a section's list page: Hugo ignores its slug
            report.problems.extend(check_slug(post.path, line, slug, language))
        report.problems.extend(_check_images(config, post, schema, static_dir))
        return edited and language != nl, record, post.path, line, slug, list(aliases_of(post.meta))

    def check_posts(language: str, paths: list[Path],
                    beside: list[Path]) -> dict[str, tuple[Path, bool, dict[str, str] | None]]:
        """Each post of ``paths`` checked, and the slugs they share, with one another and with
        the pages ``beside`` them in the folder that are another direction's (said at the
        pages of ``paths`` only: the other direction's check says them at its own)."""
        loaded: dict[str, tuple[Path, bool, dict[str, str] | None]] = {}
        slugs: dict[str, list[tuple[str, int, str, str]]] = defaultdict(list)  # by page path
        theirs: set[str] = set()  # the pages beside, as shown
        for path in beside:
            found = _page_beside(config, language, path)
            if found is not None:
                page, aliases = found
                slugs[page_path(page[2], page[3])].append(page)
                theirs.add(page[0])
                other_slugs[language][page[2]] = page[3]
                if aliases:  # URLs a page merge writes must not take either (as merge's german_slugs reads them)
                    page_aliases[language][page[2]] = aliases
        zone = config.time_zone(language)
        base = config.target_dir(language)
        posts_cache = check_posts_cache(store, fingerprint, direction_name(config, f"posts-{language}")) if reuse else None
        confined = _confined(config)
        for path in paths:
            twin = bundle_twin(config, path)
            if twin is not None:
                report.problems.append(Problem(twin.path, twin.line, "error", "post-clash", twin.message))
                continue
            post_id = config.post_id(path, None if language == nl else language)
            start = len(report.problems)
            key = entry = None
            if posts_cache is not None and _is_digest(found := _file_key(store, config, path, confined)):
                key = {"post": found, "static": static_names}
                entry = posts_cache.get(post_id, key)
            if entry is not None:
                report.problems.extend(Problem(**p) for p in entry["problems"])
                made = entry["made"]
            else:
                made = check_post(language, path, zone)
                if key is not None and key == {"post": _file_key(store, config, path), "static": static_names}:
                    posts_cache.put(post_id, key, problems=[p.as_dict() for p in report.problems[start:]], made=made)
            if made is None:
                continue
            edited, record, shown, line, slug, aliases = made
            loaded[post_id] = (path, edited, _record_kept(record))
            slugs[page_path(post_id, slug)].append((shown, line, post_id, slug))
            page_slugs[language][post_id] = slug
            if aliases:
                page_aliases[language][post_id] = tuple(aliases)
        for section in made_sections(page_slugs[language].keys()):  # a list page Hugo makes
            folder = config.relative(base / section.rpartition("/")[0])
            for path_shown, line, post_id, slug in slugs.get(page_path(section, ""), ()):
                advice = _another_slug(config, post_id, language)
                report.problems.append(Problem(
                    path_shown, line, "error", "slug-clash",
                    f"slug {slug!r} is the URL of {folder}/, the list page Hugo makes for that "
                    f"folder, which Hugo publishes instead: {advice}"))
        for places in slugs.values():
            if len(places) > 1:
                # a section page keeps its folder's URL (Hugo ignores its slug; it publishes
                # the section page or the post there, one or the other from build to build):
                # the others give way, it is not said
                section = next((place[0] for place in places if is_section(place[2])), None)
                for path_shown, line, post_id, slug in places:
                    if path_shown in theirs:  # another direction's page: said by its check
                        continue
                    if section is not None:
                        if not is_section(post_id):
                            advice = _another_slug(config, post_id, language)
                            report.problems.append(Problem(
                                path_shown, line, "error", "slug-clash",
                                f"slug {slug!r} is the URL of {section}, the list page of its folder (Hugo "
                                f"publishes one of the two there, which one from build to build): {advice}"))
                        continue
                    others = ", ".join(page_of(config, language, place[2]) if place[0] in theirs else place[0]
                                       for place in places if place[0] != path_shown)
                    advice = "make it unique"
                    if language != nl:  # a generated post: the slug comes from its catalog
                        catalog = config.relative(config.catalog_path(post_id, language))
                        others = "; ".join(
                            page_of(config, language, place[2]) if place[0] in theirs
                            else f"{place[0]}, the page of {_dutch_post_shown(config, place[2])}"
                            if os.path.lexists(config.post_file(place[2])) else place[0]
                            for place in places if place[0] != path_shown)
                        advice = (f'give one of them its own slug (the msgctxt "slug" entry of {catalog} '
                                  f"for {_dutch_post_shown(config, post_id)}), then run `pipeline merge`")
                    report.problems.append(Problem(path_shown, line, "error", "slug-clash",
                                                   f"slug {slug!r} is also the slug of {others}: {advice}"))
        return loaded

    other_slugs: dict[str, dict[str, str]] = defaultdict(dict)
    """Per language, the slug of each page of another direction in its folder, by post id."""
    source_posts = check_posts(nl, sources, pages_of_other_directions(config))
    sources = [path for path in sources if bundle_twin(config, path) is None]  # said by check_posts
    runner = Runner(store, config, jobs)
    # every Dutch post, read or not: a catalog of a post with a syntax error is no orphan
    known_ids = {config.post_id(path) for path in sources}
    extracted = extract_cache(store, config) if store.enabled else None
    stale_cache = check_posts_cache(store, fingerprint + extract_fingerprint(config), direction_name(config, "stale")) if reuse else None
    stale_keys: dict[Path, dict[str, str | None]] = {}

    def unchanged(path: Path) -> _StaleOutcome | None:
        """No problem where the post and its catalogs are byte for byte what extract last left;
        what an earlier check said where they are what it saw."""
        post_id = config.post_id(path)
        if extracted is None:
            return None
        digests = current_digests(store, config, path, post_id)
        if extracted.get(post_id, digests):
            return [], None, [], {}
        if stale_cache is not None:
            entry = stale_cache.get(post_id, digests)
            if entry is not None:
                return [Problem(**p) for p in entry["problems"]], None, [], {}
            stale_keys[path] = digests
        return None

    readable = [path for path in sources if config.post_id(path) in source_posts]

    others = notes(config) if notes is not None and store.enabled else None
    keep_notes = None if others is None else others.keeper(store)

    # the summaries the stale-catalog pass made of the catalogs it parsed, per language, until
    # the summary pass takes them
    summaries_made: dict[str, dict[Path, tuple[Summary, Digests]]] = defaultdict(dict)

    def keep_stale(path: Path, made: _StaleOutcome) -> None:
        runner.keep_units(config.post_id(path), made[1])  # segmented once: the next passes unpack it
        if keep_notes is not None:
            keep_notes(made[2])
        for language, summary in made[3].items():
            summaries_made[language][path] = summary
        post_id = config.post_id(path)
        # kept under the digests of the files as they were before and after the stage read them
        if stale_cache is not None and stale_keys.pop(path, None) == (digests := current_digests(store, config, path, post_id)):
            stale_cache.put(post_id, digests, problems=[p.as_dict() for p in made[0]])

    for problems, _, _, _ in runner.run(_StaleCatalogs(config, creation_date(), others), readable,
                                        cached=unchanged, keep=keep_stale):
        report.problems.extend(problems)
    # the sources written in the other languages (and their files): another direction's; and
    # the posts that claim to be a source of a pair or id another's has (said by _check_directions)
    elsewhere = other_sources(config)
    claimants = {claim.path for claim in second_sources(config)}
    # the strings' and terms' are no post's; every direction's catalogs are checked in the site's own
    moves = _check_orphan_catalogs(config, known_ids | elsewhere | config.site_wide_ids, report) \
        if not config.site_languages else None
    if not config.site_languages:
        _check_own_language_catalogs(config, report)
    site_files = _joined(names.values()) if reuse else None

    thresholds = min_translated
    for language in config.target_languages:
        min_translated = min_translated_of(thresholds, language)  # the language's own (issue 16)
        target_dir = config.target_dir(language)
        bundles: dict[Path, bool] = {}  # each folder asked once
        targets = sorted(p for p in target_dir.rglob("*.md") if not german_resource(config, p, language, bundles)) \
            if target_dir.is_dir() else []
        # not a post of another direction: a source written in that language, or a post merge made of one
        beside = [path for path in targets if config.post_id(path, language) in elsewhere
                  or made_elsewhere(config, path) is not None
                  or (path in claimants and config.post_id(path, language) not in known_ids)]
        if beside:
            others_there = set(beside)
            targets = [path for path in targets if path not in others_there]
        target_posts = check_posts(language, targets, beside)
        # only the posts that could be read (read_translated_post lets OSError through: a folder x.md);
        # one post in memory at a time: summaries (small, cached) for the links between them
        summaries = collect_summaries(store, config, readable, language, given=summaries_made.pop(language, None))
        # the slugs merge would give the posts it would write, against the pages there are
        held = {**other_slugs[language], **page_slugs[language]}  # another direction's pages are there too
        wanted = {s.post_id: s.slug for s in summaries if s.error is None and s.percent >= min_translated}
        by_id = {s.post_id: s for s in summaries}
        blocked = settle_slugs(held, wanted)
        for post_id, others in blocked.items():
            if post_id in held and page_path(post_id, held[post_id]) == page_path(post_id, wanted[post_id]):
                continue  # its page has that slug now: the clash of the pages is reported above
            clash = slug_clash(config, language, by_id[post_id], others, held)
            report.problems.append(Problem(clash.path, clash.line, "error", "slug-clash", clash.message))
        # and the URLs merge would give them, under the site's permalinks
        for post_id, (url, others) in refused_urls(site, language, summaries, held, wanted).items():
            blocked[post_id] = others
            clash = url_clash(config, language, by_id[post_id], url, others)
            report.problems.append(Problem(clash.path, clash.line, "error", "url-clash", clash.message))
        # and the aliases of the pages (their old URLs): of every page, as merge would leave it
        after = {**held, **wanted}
        # (the URL merge published each page at: a page there already is not the one to move)
        published = {post_id: values["url"] for post_id, (_, _, values) in target_posts.items()
                     if values is not None and is_served_path(values.get("url"))}
        for post_id, (url, others) in alias_clashes(site, language, summaries, held, after,
                                                    page_aliases[language], published).items():
            blocked.setdefault(post_id, others)
            clash = alias_clash(config, language, by_id[post_id], url, others)
            report.problems.append(Problem(clash.path, clash.line, "error", "url-clash", clash.message))
        # links as merge writes them: to a post it refuses, its page as it stays; and, as
        # merge does, without a post it means to write but refuses for its translations and
        # that has no page (its checks are made again in that case)

        links_cache = check_posts_cache(store, fingerprint, direction_name(config, f"links-{language}")) if reuse else None
        check_dutch = language == config.target_languages[0]

        unwritten: set[str] = set()
        dutch_urls: dict[str, str | None] | None = None  # the same in every round
        # the German pages' aliases as merge leaves them (a link to one leads to its page)
        redirects = german_aliases(page_aliases[language], published)
        # the German posts edited by hand (merge leaves them as they are): the same in every round
        staying = [post_id for post_id, (_, edited, _) in target_posts.items() if edited]
        pair_checks = TranslationChecks(language)  # the same in every round
        others = other_pairs(config, language, store)  # the pairs written in another language, linked to as they are
        third = third_language_pairs(config, language, store)  # and their pages in the site's other languages
        while True:
            link_summaries, available = linked_pages(config, language, summaries, min_translated, blocked, held,
                                                     staying, others)
            available -= unwritten
            links = LinkMap(site, language, link_summaries, available, dutch_urls, redirects, third)
            dutch_urls = links.dutch_urls
            check_one = _CheckTranslation(site, language, links, min_translated, target_posts,
                                          check_dutch=check_dutch, pair_checks=pair_checks)
            cached, keep = _links_pass_cache(store, config, language, links_cache, runner, {
                "links": links.digest() if links_cache is not None else None, "files": site_files,
                "dutch": str(check_dutch)})
            outcomes = list(runner.run(check_one, readable, cached=cached, keep=keep))
            refused = set()
            for path, (_, problems, _) in zip(readable, outcomes):
                post_id = config.post_id(path)
                catalog = config.relative(config.catalog_path(post_id, language))
                if (post_id in available and not os.path.lexists(config.post_file(post_id, language))
                        and any(p.severity == "error" and p.file == catalog for p in problems)):
                    refused.add(post_id)
            if not refused:
                break
            unwritten |= refused
        for completeness, problems, _ in outcomes:
            if completeness is not None:
                report.completeness.append(completeness)
            report.problems.extend(problems)
        # an alias whose redirect would be at another page's URL (or another page's alias):
        # of this direction's pages (another direction's are said by its own check)
        pages_aliases = [(language, post_id, target_posts[post_id][0], aliases)
                         for post_id, aliases in sorted(page_aliases[language].items()) if post_id in target_posts]
        if language == config.target_languages[0]:
            pages_aliases += [(nl, s.post_id, source_posts[s.post_id][0], tuple(s.aliases))
                              for s in summaries if s.aliases and s.post_id in source_posts]
        for lang, post_id, path, aliases in pages_aliases:
            # merge drops from a German post it wrote an alias where a page is
            by_merge = lang != nl and post_id in target_posts and target_posts[post_id][2] is not None \
                and not target_posts[post_id][1]
            for alias in aliases:
                taken = links.alias_taken(post_id, lang, alias)
                if taken is not None:
                    dropped = by_merge and links.alias_taken(post_id, lang, alias, aliases=False) is not None
                    report.problems.append(_alias_taken(config, lang, path, alias, *taken, dropped))
        for post_id, (path, _, _) in target_posts.items():
            if post_id not in known_ids:
                report.problems.append(Problem(config.relative(path), None, "error", "post-orphan",
                                               f"no {shown_language(nl)} original "
                                               f"{config.relative(config.post_file(post_id))}"
                                               + _moved_post_advice(config, post_id, moves)))
    report.problems.sort(key=lambda p: (p.file, p.line or 0, p.code))
    return report


def _page_beside(config: Config, language: str,
                 path: Path) -> tuple[tuple[str, int, str, str], tuple[str, ...]] | None:
    """A page of another direction in ``language``'s folder, as a clash of slugs names it: as
    shown, its slug's line, its post id, its slug; and its ``aliases`` (None: not read; its own
    check says why)."""
    post_id = config.post_id(path, None if language == config.source_language else language)
    try:
        post = load_post(config.relative(path), path.read_bytes(), config.max_post_bytes)
    except (OSError, PipelineError):
        return None
    return (post.path, slug_line(post), post_id, effective_slug(post_id, post.meta)), aliases_of(post.meta)


def _folder_names(config: Config, folders: tuple[str, ...]) -> dict[str, str]:
    """The names of every file under each of ``folders`` (of the root), as one digest per
    folder (a folder that is not there, another: the images are checked only where it is),
    each folder walked once."""
    names: dict[str, str] = {}
    for folder in dict.fromkeys(folders):
        top = config.root / folder
        listed = ("/\0" + "\n".join(sorted(config.relative(p) for p in top.rglob("*") if p.is_file()))
                  if top.is_dir() else "\0none")
        names[folder] = hashlib.blake2b((folder + listed).encode("utf-8", "surrogateescape"),
                                        digest_size=16).hexdigest()
    return names


def _joined(digests: Iterable[str]) -> str:
    """One digest of several, in order."""
    return hashlib.blake2b("\0".join(digests).encode("ascii"), digest_size=16).hexdigest()


def _file_key(store: Store, config: Config, path: Path,
              confined: Callable[[str], bool] | None = None) -> str | None:
    """A file as a post's checks read it: its content digest; ``outside`` where it leads out
    of the root, ``folder`` where a folder has its name; None where there is none.
    ``confined``: :func:`_confined`, the run's answers by folder."""
    try:
        if confined is None:
            config.confine(path)
        elif not confined(str(path)):
            return "outside"
        found = store.file_digest(path)
    except PipelineError:
        return "outside"
    except OSError:
        return "unreadable"
    if found is None and path.is_dir():
        return "folder"
    return found


def _is_digest(key: str | None) -> bool:
    """Whether :func:`_file_key` found a file it could read (the others are read again)."""
    return key not in (None, "outside", "unreadable", "folder")


def _links_pass_cache(
    store: Store, config: Config, language: str, cache: Any, runner: Runner, site_keys: dict[str, str | None],
) -> tuple[Callable[[Path], Any] | None, Callable[[Path, Any], None]]:
    """``cached`` and ``keep`` for :class:`_CheckTranslation`'s pass (:meth:`Runner.run`): a
    post's completeness and problems as an earlier check made them where its Dutch post,
    catalog and German post are the same bytes, under the same link map, site files and
    settings (``site_keys``; ``cache``: None for none); kept under the digests of the files
    as they were before and after the stage read them."""
    asked: dict[Path, dict[str, str | None]] = {}
    confined = _confined(config)

    def digests(path: Path) -> dict[str, str | None]:
        post_id = config.post_id(path)
        return {"post": _file_key(store, config, path, confined),
                "po": _file_key(store, config, config.catalog_path(post_id, language), confined),
                "target": _file_key(store, config, config.post_file(post_id, language), confined), **site_keys}

    def cached(path: Path) -> tuple[Completeness | None, list[Problem], None] | None:
        asked[path] = digests(path)
        if not _is_digest(asked[path]["post"]):
            return None
        entry = cache.get(config.post_id(path), asked[path])
        if entry is None:
            return None
        found = entry["completeness"]
        return (Completeness(**found) if found else None), [Problem(**p) for p in entry["problems"]], None

    def keep(path: Path, made: tuple[Completeness | None, list[Problem], PackedUnits | None]) -> None:
        runner.keep_units(config.post_id(path), made[2])
        if cache is not None and asked.pop(path, None) == (now := digests(path)):
            cache.put(config.post_id(path), now, completeness=asdict(made[0]) if made[0] else None,
                      problems=[p.as_dict() for p in made[1]])

    return (cached if cache is not None else None), keep


def _date_elsewhere(site: Site, post_id: str) -> bool:
    """Whether Hugo gives a page a date without a front matter key: a section's list page
    needs none; a file named ``2023-05-01-x.md`` has one under a ``:filename`` date handler
    (:func:`pipeline.hugo.date_without_key`)."""
    return is_section(post_id) or date_without_key(site.hugo, file_name(post_id)) is not None


_StaleOutcome = tuple[list[Problem], "PackedUnits | None", list[Any], "dict[str, tuple[Summary, Digests]]"]
"""What :class:`_StaleCatalogs` gives of a post: its problems, the units it cut, the notes
made of its template and catalogs, and its summary in each target language."""


class _StaleCatalogs:
    """A stage of check: a picklable ``path -> (problems, new segmentation, notes, summaries)``,
    whether extract would change the post's catalogs; the units it cut, for the next passes;
    what ``notes`` made of the template and catalogs it read (:class:`CatalogNotes`); the
    post's summary in each target language, made of the catalogs as it parsed them (the
    summary pass takes them: :func:`pipeline.site.collect_summaries`' ``given``)."""

    def __init__(self, config: Config, now: str, notes: CatalogNotes | None = None) -> None:
        self.config, self.now, self.notes = config, now, notes

    def __call__(self, path: Path, kept: UnitsLookup | None) -> _StaleOutcome:
        config = self.config
        made: list[Any] = []
        catalogs: dict[str, tuple[bytes, Catalog]] = {}
        source: list[SourceRead] = []  # the post as extract read and cut it (each attempt's)
        typed = False  # translations typed into the template (told of first), which extract carries

        def seen(read: Path, data: bytes, catalog: Catalog, language: str | None) -> None:
            nonlocal typed
            if self.notes is not None:
                made.extend(self.notes(read, data, catalog, language))
            if language is None:
                typed = bool(typed_translations(catalog))
            else:  # as read: extract carries the typed translations into it afterwards
                catalogs[language] = (data, _copied(catalog) if typed else catalog)

        result = extract_post(config, path, self.now, dry_run=True, kept=kept, pack=True, seen=seen,
                              seen_post=source.append)
        # catalog errors and warnings name their kind (catalog-duplicate, template-translations)
        problems = [
            Problem(error.path, error.line, "error", getattr(error, "code", "catalog-unreadable"),
                    error.message)
            for error in result.errors
        ]
        problems += [
            Problem(warning.path, warning.line, "warning", getattr(warning, "code", "catalog"),
                    warning.message)
            for warning in result.warnings
        ]
        for written in result.written:
            missing = not (config.root / written.path).exists()
            problems.append(Problem(
                written.path, None, "error", "catalog-missing" if missing else "catalog-stale",
                ("missing" if missing else "stale") + f" for {config.relative(path)}: run `pipeline extract`",
            ))
        # the post as extract read and cut it (else the units just cut, or those kept), for
        # the summaries
        parsed_units = result.parsed_units
        units = kept if parsed_units is None else _KeptUnits(config.post_id(path), *parsed_units)
        summaries: dict[str, tuple[Summary, Digests]] = {}
        for language in config.target_languages:
            summary, read, cut = summary_made(config, path, language, units, catalogs.get(language),
                                              source[-1] if source and not result.errors else None)
            summaries[language] = summary, read
            parsed_units = parsed_units or cut
        return problems, parsed_units, made, summaries


class _KeptUnits:
    """A :data:`UnitsLookup` of one segmentation just made (picklable)."""

    def __init__(self, post_id: str, post_digest: str, packed: bytes) -> None:
        self.post_id, self.post_digest, self.packed = post_id, post_digest, packed

    def __call__(self, post_id: str, post_digest: str) -> bytes | None:
        return self.packed if (post_id, post_digest) == (self.post_id, self.post_digest) else None


def _copied(catalog: Catalog) -> Catalog:
    """A catalog whose entries and their flags are its own (extract carries translations
    typed into a template into the catalog it read: :func:`pipeline.update.carry_typed_translations`,
    the one change it makes to what it read)."""
    messages = []
    for message in catalog.messages:
        message = copy.copy(message)
        message.flags = list(message.flags)
        messages.append(message)
    return Catalog(catalog.header_fields, messages, catalog.header_comment, catalog.header_fuzzy)


RECORD_KEYS = ("url", "post_sha256", "catalog_sha256")
"""What check asks of a German post's generation record (the URL merge published it at, the
digests of what it was made from): all it keeps of it, for thousands of posts."""


def _record_kept(record: dict[str, str] | None) -> dict[str, str] | None:
    """The values of :data:`RECORD_KEYS` a generation record has (None: no record)."""
    return None if record is None else {key: record[key] for key in RECORD_KEYS if key in record}


PostFacts = tuple[bool, "dict[str, str] | None", str, int, str, list[str]]
"""What the site-wide checks want of a post on disk (:func:`_check`'s ``check_post``): whether
edited by hand, its merge record, its path as shown, its slug's line, its slug, its aliases."""

TargetInfo = tuple[Path, bool, "dict[str, str] | None"]
"""A translated post as check read it: its path, whether edited by hand, its merge record."""


class _CheckTranslation:
    """A stage of check: a picklable ``path -> (completeness, problems, new segmentation)``
    of one post's catalog and translated post."""

    def __init__(
        self, site: Site, language: str, links: LinkMap, min_translated: float,
        target_posts: dict[str, TargetInfo], check_dutch: bool = False,
        pair_checks: TranslationChecks | None = None,
    ) -> None:
        """``check_dutch``: check the Dutch post's links too (in one language's round);
        ``pair_checks``: the translation checks' findings this run made (none: its own)."""
        self.site, self.config, self.language, self.links = site, site.config, language, links
        self.min_translated, self.target_posts = min_translated, target_posts
        self.check_dutch = check_dutch
        self.pair_checks = TranslationChecks(language) if pair_checks is None else pair_checks

    def __call__(self, path: Path, kept: UnitsLookup | None) -> tuple[Completeness | None, list[Problem], PackedUnits | None]:
        translated = read_translated_post(self.config, path, self.language, kept)
        completeness, problems = self._check(translated)
        return completeness, problems, translated.parsed_units

    def _check(self, translated: TranslatedPost) -> tuple[Completeness | None, list[Problem]]:
        config, language, min_translated = self.config, self.language, self.min_translated
        dutch_links: list[Problem] = []
        if self.check_dutch and translated.error is None and translated.post is not None:
            dutch_links = self._links_as_written(translated, config.source_language, "fix the link")
        if translated.error is not None or translated.catalog is None:
            return None, dutch_links
        problems: list[Problem] = []
        po_path = config.catalog_path(translated.post_id, language)
        units = [u for u in translated.units if u.context != "slug"]
        done = [u for u in units if translated.translation(u) is not None]
        entry = Completeness(translated.post_id, language, len(units), len(done), translated.words, translated.words_translated)
        po_shown = config.relative(po_path)
        if entry.percent_words < min_translated:
            problems.append(Problem(
                po_shown, None, "error", "incomplete",
                f"{_percent(entry.percent_words, min_translated)} translated by words "
                f"({entry.units_translated} of {entry.units} units), below {min_translated:g}%",
            ))
        entries = _catalog_entry_problems(config, translated, po_shown, language, self.links, self.pair_checks)
        problems += entries
        # the German post merge would write, parsed and compared with the Dutch (once per
        # entry: where an entry check already calls it an error, that is said)
        wrong = {p.line for p in entries if p.severity == "error"}
        german_links: list[PostLink] = []
        refusals, body = verified_body(translated, config, self.links, german_links)
        problems += [
            Problem(refusal.catalog, refusal.line, "error", refusal.code, refusal.message)
            for refusal in refusals if refusal.line not in wrong
        ]
        target = self.target_posts.get(translated.post_id)
        edited = target is not None and target[1]
        writes = (entry.percent_words >= min_translated and not edited
                  and not any(p.severity == "error" and p.file == po_shown for p in problems))
        # the German post on disk read once for both questions (where either asks)
        links_current = functools.cache(lambda: self._links_current(translated, body))
        # apart from the post's own problems (a post-stale is said of a post without errors)
        link_problems = dutch_links + (self._written_link_problems(translated, german_links) if writes else [])
        if target is not None and (not writes or not links_current()):
            link_problems += self._german_link_problems(translated, writes, edited, po_shown)
        return entry, self._post_problems(translated, entry, problems, target, links_current, po_shown) + link_problems

    def _post_problems(
        self, translated: TranslatedPost, entry: Completeness, problems: list[Problem],
        target: TargetInfo | None, links_current: Callable[[], bool], po_shown: str,
    ) -> list[Problem]:
        """``problems`` and those of the translated post: missing, edited by hand, stale
        (``links_current``: :meth:`_links_current` of the body merge writes now)."""
        config, language, min_translated = self.config, self.language, self.min_translated
        target_shown = config.relative(translated.target_path)
        if target is None:
            if entry.percent_words >= min_translated and not translated.target_path.exists():
                problems.append(Problem(target_shown, None, "error", "post-missing",
                                        f"{shown_language(language)} post missing: "
                                        "run `pipeline merge`"))
            return problems
        _, edited, values = target
        if edited:
            catalog = config.relative(config.catalog_path(translated.post_id, language))
            problems.append(Problem(target_shown, 1, "error", "post-edited",
                                    "changed by hand since merge wrote it (or not written by merge): move the "
                                    f"change into {catalog}, or run `pipeline merge --force "
                                    f"{shlex.quote(config.relative(translated.source_path))}` to overwrite it"))
        elif values is not None:
            # the URL merge published (its record keeps it) and the one merge gives it now
            old_url = values.get("url")
            old_url = old_url if is_served_path(old_url) else None  # one merge cannot have written
            url = published_url(self.site, self.links, language, translated.post_id)
            moved = ""
            if url_moved(old_url, url):
                moved = (f"; its URL {old_url} becomes {url} (merge keeps {old_url} in its aliases, "
                         "a redirect)")
            if not record_matches(values.get("post_sha256"), translated.source_bytes):
                problems.append(Problem(target_shown, 1, "error", "post-stale",
                                        f"stale since {config.relative(translated.source_path)} changed{moved}: "
                                        "run `pipeline extract`, translate, then `pipeline merge`"))
            elif not record_matches(values.get("catalog_sha256"), translated.catalog_bytes or b""):
                problems.append(Problem(target_shown, 1, "error", "post-stale",
                                        f"stale since {po_shown} changed{moved}: run `pipeline merge`"))
            elif not any(p.severity == "error" for p in problems) and not links_current():
                # (a post merge would refuse is not compared: merge would not write it)
                problems.append(Problem(target_shown, 1, "error", "post-stale",
                                        "stale since pages it links to moved (the site's Hugo "
                                        f"configuration, another post's slug or headings){moved}: run "
                                        "`pipeline merge`"))
            elif moved and not any(p.severity == "error" for p in problems):
                # a move, or the site's permalinks: the post's own URL changed
                problems.append(Problem(target_shown, 1, "error", "post-stale",
                                        f"stale: its URL {old_url} becomes {url} (its folder or the "
                                        "site's Hugo configuration changed): run `pipeline merge`, "
                                        f"which keeps {old_url} in its aliases (a redirect)"))
        return problems

    def _target(self, post_id: str, language: str, link: PostLink, german: bool) -> LinkTarget:
        """The page a link of a post's page in ``language`` points at."""
        if link.form == "ref":
            path, lang = (link.german, link.german_lang) if german else (link.dutch, link.dutch_lang)
            return self.links.resolve_ref(post_id, language, path, lang)
        return self.links.resolve(post_id, language, link.german if german else link.dutch)

    def _written_link_problems(self, translated: TranslatedPost, links: list[PostLink]) -> list[Problem]:
        """The links of the German post merge writes that lead to no page after this merge
        while the Dutch link leads to one (a broken Dutch link is said once, of the Dutch
        post), at the Dutch link's line."""
        nl = self.config.source_language
        shown = self.config.relative(translated.source_path)
        problems = []
        for link in links:
            target = self._target(translated.post_id, self.language, link, german=True)
            problem = _link_problem(
                self.links, target, link, link.german, shown, link.line,
                f"in the {shown_language(self.language)} post merge writes: map the page in "
                f"[tool.pipeline.links], or fix the {shown_language(nl)} link",
            )
            if problem is None:
                continue
            dutch = self._target(translated.post_id, nl, link, german=False)
            if _link_problem(self.links, dutch, link, link.dutch, shown, link.line, "") is None:
                problems.append(problem)
        return problems

    def _german_link_problems(
        self, translated: TranslatedPost, writes: bool, edited: bool, po_shown: str
    ) -> list[Problem]:
        """The links of the German post on disk, where merge leaves it as it is (or writes
        it anew: the advice says so), that lead to no page after this merge."""
        config = self.config
        path = translated.target_path
        shown = config.relative(path)
        try:
            german = TranslatedPost(translated.post_id, path, path)
            german.post = load_post(shown, path.read_bytes(), config.max_post_bytes)
            definitions: list[tuple[int, int]] = []
            german.units = body_units(
                german.post, definitions, None, config.shortcodes, config.code_shortcodes, config.dialect
            )
            german.definitions = definitions
        except (PipelineError, OSError):
            return []  # reported where it was read
        if writes:
            advice = "run `pipeline merge`, which writes the link anew"
        elif edited:
            advice = "fix the link in the post (edited by hand: merge leaves it as it is)"
        else:
            advice = (f"merge leaves this post as it is (its translation is below the threshold or "
                      f"refused): fix {po_shown} and run `pipeline merge`, or fix the link in the post")
        return self._links_as_written(german, self.language, advice, through_aliases=True)

    def _links_as_written(
        self, post: TranslatedPost, language: str, advice: str, through_aliases: bool = False
    ) -> list[Problem]:
        """The problem of each link of ``post`` as it is on disk (a page of ``language``), at
        its line in it, that leads to no page (or file) after this merge, or to an anchor
        its page has not; with ``through_aliases``, of each that leads to its page through
        an alias (:func:`_alias_link_problem`)."""
        shown = self.config.relative(post.source_path)
        problems = []
        for link in post_links(post, self.config):
            target = self._target(post.post_id, language, link, german=False)
            problem = _link_problem(self.links, target, link, link.dutch, shown, link.line, advice)
            if problem is None and through_aliases and target.alias:
                problem = _alias_link_problem(self.links, target, link, shown, advice)
            if problem is not None:
                problems.append(problem)
        return problems

    def _links_current(self, translated: TranslatedPost, body: str) -> bool:
        """Whether the translated post ends in ``body``, the body merge writes now: its Dutch
        post and catalog are those it was made of (its record says so), but the URLs and
        anchors of the pages it links to may have moved since."""
        try:
            # in any line endings, as merge compares (a CRLF checkout is not stale)
            text = lf_endings(translated.target_path.read_bytes()).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return True  # reported as unreadable where it was read
        return text.endswith(body.replace("\r\n", "\n"))


def _link_problem(
    links: LinkMap, target: LinkTarget, link: PostLink, url: str, shown: str, line: int, advice: str
) -> Problem | None:
    """The problem of a link (``url`` as written, of form ``link.form``) at ``shown:line``
    whose ``target`` is no page or file after this merge (``link-broken``), or no heading
    of its page (``link-anchor``, a warning); None for one that leads where it should."""
    said = _link_said(link, url)
    tail = f": {advice}" if advice else ""
    if target.kind == "unknown":
        what = "names no post of the site" if link.form == "ref" else "leads to no page or file of the site"
        return Problem(shown, line, "error", "link-broken", f"{said} {what}{tail}")
    if target.kind == "page" and target.post_id in links.unbuilt:
        return Problem(
            shown, line, "error", "link-broken",
            f"{said} leads to no page: Hugo does not build {_dutch_post_shown(links.config, target.post_id)}, "
            f"{links.unbuilt[target.post_id]}: fix the link, or publish that post",
        )
    if not links.exists(target):
        assert target.post_id is not None and target.language is not None
        return Problem(
            shown, line, "error", "link-broken",
            f"{said} leads to the {shown_language(target.language)} page of {target.post_id}, "
            f"which will not be there (its translation is not written){tail}",
        )
    if target.anchor:
        anchors = links.anchor_ids(target)
        if anchors is not None and unquote(target.anchor) not in anchors and target.anchor not in anchors:
            return Problem(
                shown, line, "warning", "link-anchor",
                f"{said}: its page has no heading #{target.anchor}"
                + (f" (it has #{', #'.join(anchors[:5])})" if anchors else "") + f"{tail}",
            )
    return None


def _link_said(link: PostLink, url: str) -> str:
    """How a problem names a link (``url`` as written): ``ref x.md``, ``link to /x/``."""
    return f"ref {url}" if link.form == "ref" else f"link to {url}"


def _another_slug(config: Config, post_id: str, language: str) -> str:
    """The advice for a post whose slug gives another page's URL: a Dutch post gets another
    slug; a German one its own slug entry in its catalog, then a merge."""
    if language == config.source_language:
        return "give it another slug"
    catalog = config.relative(config.catalog_path(post_id, language))
    return (f"give {_dutch_post_shown(config, post_id)} its own slug "
            f'(the msgctxt "slug" entry of {catalog}), then run `pipeline merge`')


def _dutch_post_shown(config: Config, post_id: str) -> str:
    """The Dutch post of a page, as its path is shown."""
    return config.relative(config.post_file(post_id))


def _alias_link_problem(links: LinkMap, target: LinkTarget, link: PostLink, shown: str, advice: str) -> Problem:
    """A link of a German post on disk that leads to its page through an alias of it (an old
    URL, which Hugo publishes as a redirect): it works, but it is not the link merge writes
    (``link-alias``, a warning; the post is stale, and said so, when merge writes it anew)."""
    assert target.post_id is not None and target.language is not None
    said = _link_said(link, link.dutch)
    return Problem(
        shown, link.line, "warning", "link-alias",
        f"{said} leads to the {shown_language(target.language)} page of {target.post_id} through an old URL "
        f"of it (an alias, a redirect); its URL is {links.page_url(target.post_id, target.language)}: {advice}",
    )


def _alias_taken(config: Config, language: str, path: Path, alias: str, url: str, other_language: str,
                 other: str, dropped: bool = False) -> Problem:
    """The ``url-clash`` of an alias of the post at ``path`` whose redirect would be at
    ``url``, where the page of ``other`` in ``other_language`` (or an alias of it) is, at the
    alias's line in the front matter (``dropped``: a German post merge wrote, which it writes
    again without that alias)."""
    shown = config.relative(path)
    try:
        lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    except OSError:
        lines = []
    line = next((number for number, text in enumerate(lines[1:], 2) if alias in text), 1)
    if other_language == config.source_language:
        page = _dutch_post_shown(config, other)
    else:
        page = config.relative(config.post_file(other, other_language))
    advice = "remove it from the post's aliases"
    if dropped:
        advice = "run `pipeline merge`, which drops it from the post's aliases"
    elif language != config.source_language:
        advice += f" (merge keeps those a {shown_language(language)} post has)"
    there = f"the {shown_language(other_language)} page {page} (or an alias of it)"
    if other.startswith("//"):
        there = made_page_name(other)
    return Problem(
        shown, line, "error", "url-clash",
        f"alias {alias} of this page is at {url}, where {there} is: Hugo publishes one of them there: {advice}",
    )


def _percent(value: float, limit: float) -> str:
    """``48.4%``; with more decimals when one would round up to the limit it is below."""
    for decimals in range(1, 6):
        text = f"{value:.{decimals}f}"
        if float(text) < limit:
            break
    return f"{text}%"


def _check_images(config: Config, post: Post, schema: Schema, static_dir: str) -> list[Problem]:
    folder = config.root / static_dir
    if not folder.is_dir():
        return []
    problems = []
    for key in schema.images:
        value = post.meta.get(key)
        values = value if isinstance(value, list) else [value]
        node = post.meta_nodes.get(key)
        line = post.node_line(node) if node is not None else 1
        items = node.value if isinstance(value, list) and isinstance(getattr(node, "value", None), list) else []
        lines = [post.node_line(n) for n in items] if len(items) == len(values) else [line] * len(values)
        for item, line in zip(values, lines):
            if not isinstance(item, str) or not item or "://" in item:
                continue
            target = (folder / item.lstrip("/")).resolve()
            if not target.is_relative_to(folder.resolve()):
                problems.append(Problem(post.path, line, "error", "image-path",
                                        f"{key} {item!r} points outside {static_dir}/"))
            elif not target.is_file():
                problems.append(Problem(post.path, line, "error", "image-missing",
                                        f"{key} {item!r} not found in {static_dir}/"))
    return problems


def _twin_catalog_advice(config: Config, composed_path: Path, post_id: str) -> str:
    """What to do with a catalog whose name is a post's in the other Unicode form (NFC, NFD):
    posts are named in the composed form (see :func:`pipeline.post.post_name_error`)."""
    if unicodedata.is_normalized("NFC", post_id):  # the post's name is the decomposed one
        return ("the catalog of the post of this name in decomposed Unicode: keep it, and "
                "rename the post")
    if composed_path.exists():
        return (f"this name in decomposed Unicode is {config.relative(composed_path)}'s: copy the "
                "translations it holds into that one, then delete it")
    return "its post's name in decomposed Unicode: rename it to the composed (NFC) form"


def _moved_post_advice(config: Config, post_id: str, search: MoveSearch | None, carried: str = "this post") -> str:
    """What to do with a file of a Dutch post that is gone (a German post, ``carried``: the
    catalogs), when that post moved (its catalogs are carried, and the German post with
    them) or looks like several posts: not to delete it (it holds the published German URL,
    and any hand edit, or translations), said after ``no post …``; the empty text else."""
    # (the last move of the post, as a dict by old id kept it)
    move = next((m for m in reversed(search.moves) if m.old_id == post_id), None) if search is not None else None
    if move is not None:
        how = f"`{mv_command(post_id, move.new_id)}`" if move.extracted else "`pipeline extract`"
        return f": it moved to {config.relative(config.post_file(move.new_id))} ({move.reason}): run {how} to carry {carried} there"
    if search is not None and post_id in search.ambiguous:
        candidates = search.ambiguous[post_id]
        return (f", and {looks_like(config, candidates)}: say which with `{mv_command(post_id, 'NEW')}` "
                f"(NEW one of {', '.join(map(shlex.quote, candidates))})")
    return ""


def _bundle_renamed(search: MoveSearch | None, post_id: str) -> str | None:
    """The id of the leaf bundle whose catalog ``post_id`` is, by its old name (``x/index``)."""
    return next((m.new_id for m in search.moves if m.old_id == post_id and m.reason == BUNDLE_ID_REASON),
                None) if search is not None else None


def _check_orphan_catalogs(config: Config, known: set[str], report: CheckReport) -> MoveSearch | None:
    """A template or catalog without its post. One that holds translations is never to be
    deleted: check names the post it moved to (as extract finds it: :func:`find_moves`),
    else says to keep it, naming the post in the language it was written in
    (:func:`pipeline.update.written_in`). The moves found in the site's own direction (None: no
    orphan of it, none looked for)."""
    locale = config.root / config.locale_dir
    templates = locale / "templates"
    groups = [(templates, ".pot")] + [  # (the source language's: those of the posts written in the others)
        (locale / language / "LC_MESSAGES", ".po") for language in (*config.target_languages, config.source_language)
    ]
    by_composed_name = {unicodedata.normalize("NFC", post_id): post_id for post_id in known}
    translated_elsewhere: dict[str, str | None] = {}  # the gone source its generated post names, by id
    searches: dict[str, MoveSearch] = {}  # per direction, looked for at its first orphan
    for folder, suffix in groups:
        if not folder.is_dir():
            continue
        for text in named_below(folder, suffix):
            post_id = text[len(str(folder)) + 1 : -len(suffix)].replace(os.sep, "/")
            if post_id not in known:
                path = Path(text)
                severity = "error"
                # the post gone is in the language its template names (a post written in German)
                direction = config.direction(written_in(config, post_id))
                gone = config.relative(direction.post_file(post_id))  # a bundle's x/index.md
                if post_id not in translated_elsewhere:  # the source its generated post names, if any
                    made = config.post_file(post_id)
                    translated_elsewhere[post_id] = made_elsewhere(config, made)
                gone = translated_elsewhere[post_id] or gone
                advice = f"no post {gone}: delete the catalog, or restore the post"
                composed = unicodedata.normalize("NFC", post_id)
                if direction.source_language not in searches:
                    searches[direction.source_language] = find_moves(direction, thorough=True)
                search = searches[direction.source_language]
                moved = _moved_post_advice(direction, post_id, search, "the catalogs")
                held = translations_in(config, path) if suffix == ".po" else 0
                broken = catalog_unreadable(config, path) if suffix == ".po" and not held else None
                if composed in by_composed_name:  # the same name to the eye: deleting loses work
                    advice = _twin_catalog_advice(config, folder / f"{composed}{suffix}", post_id)
                elif (renamed := _bundle_renamed(search, post_id)) is not None:
                    new = (config.template_path(renamed) if suffix == ".pot"
                           else config.catalog_path(renamed, folder.parent.name))
                    advice = (f"{config.relative(direction.post_file(renamed))}'s, by its old name "
                              f"({BUNDLE_ID_REASON} now, {config.relative(new)}): run `pipeline extract` "
                              "to carry it there")
                elif moved:  # it moved, or looks like several posts
                    advice = f"no post {gone}{moved}"
                elif suffix == ".pot" and any(
                    translations_in(config, config.catalog_path(post_id, language))
                    for language in (*config.target_languages, config.source_language)
                ):
                    advice = (f"no post {gone}: delete the template, or restore the "
                              "post (keep its catalogs: they hold translations)")
                elif broken is not None:  # it may hold translations: never "delete" it unread
                    advice = (f"no post {gone}, and it cannot be read "
                              f"({broken.message}): make it readable, then see what it holds")
                elif held:
                    severity = "warning"
                    advice = (f"no post {gone}: keep it: it holds "
                              f"{held} translation{'s' if held != 1 else ''} (restore the post, or give "
                              f"them to the post that took its place: `{mv_command(post_id, 'NEW')}`)")
                report.problems.append(
                    Problem(config.relative(path), None, severity, "catalog-orphan", advice)
                )
    return searches.get(config.source_language)


def _check_own_language_catalogs(config: Config, report: CheckReport) -> None:
    """A catalog of a post in the language the post is written in (``locale/nl/`` of a post in
    content/nl/): no catalog of its, read by nothing; left when the post's author changed its
    language (moved it by hand from content/de/ to content/nl/, or the other way). One that
    holds translations is never to be deleted: they are the post's text in the language it
    was written in before, each with its text now, for its catalog in that language."""
    for language, post_ids in sorted(own_language_sources(config).items()):
        direction = config.direction(language)
        for post_id in sorted(post_ids - set(config.site_wide_ids)):
            path = direction.catalog_path(post_id, language)
            if not path.is_file():
                continue
            post = config.relative(direction.post_file(post_id))
            said = f"a catalog in the language of its post {post} ({shown_language(language)}), read by nothing"
            held = translations_in(config, path)
            broken = catalog_unreadable(config, path) if not held else None
            severity = "error"
            if broken is not None:  # it may hold translations: never "delete" it unread
                advice = f"{said}, and it cannot be read ({broken.message}): make it readable, then see what it holds"
            elif held:
                severity = "warning"
                others = [config.relative(direction.catalog_path(post_id, other)) for other in direction.target_languages]
                advice = (f"{said}: keep it: it holds {held} translation{'s' if held != 1 else ''}, the post's text "
                          "in the language it was written in before, each with its text now (give them, msgid and "
                          f"msgstr swapped, to its catalog in that language: {' or '.join(others)}, and keep it till they are there)")
            else:
                advice = f"{said}: delete it"
            report.problems.append(Problem(config.relative(path), None, severity, "catalog-orphan", advice))


class TranslationChecks:
    """:func:`check_translation` of one language, its findings of a (msgid, msgstr) pair
    remembered for the rest of the run (a :class:`~pipeline.cache.Memo`) where they are the
    pair's in any post: where the checks mapped none of its links (``map_url``, the one thing
    of the post they ask). A pair repeated (a tag, a heading, a sentence shared by posts) is
    checked once."""

    def __init__(self, language: str, found: Memo[tuple[TranslationProblem, ...]] | None = None) -> None:
        self.language = language
        self.found: Memo[tuple[TranslationProblem, ...]] = Memo() if found is None else found

    def __call__(self, msgid: str, msgstr: str, map_url: Callable[[str], str]) -> tuple[TranslationProblem, ...]:
        key = Memo.key(f"{len(msgid)}:{msgid}{msgstr}")
        found = self.found.get(key)
        if found is not None:
            return found
        mapped = False

        def mapping(url: str) -> str:
            nonlocal mapped
            mapped = True
            return map_url(url)

        found = tuple(check_translation(msgid, msgstr, self.language, mapping))
        if not mapped:
            self.found.keep(key, found)
        return found


def _catalog_entry_problems(config: Config, translated: TranslatedPost, shown: str, language: str, links: LinkMap,
                            checks: TranslationChecks | None = None) -> list[Problem]:
    """Each translation of the catalog that merge would publish
    (:func:`pipeline.translated.checked_translations`) checked against its source (see
    :func:`check_translation`; ``checks``: the findings this run made, none: each
    checked anew), in the catalog's order; the slug's by its own check."""
    problems: list[Problem] = []
    catalog = translated.catalog
    if catalog is None:
        return problems
    map_url = links.url_mapper(translated.post_id)
    checked = checked_translations(translated)
    slug_keys = {(unit.context, unit.text) for unit in translated.units if unit.context == "slug"}
    for message in catalog.messages:
        german = used_translation(message)
        if german is None:  # merge does not use it
            continue
        where = f" ({message.locations[0][0]}:{message.locations[0][1]})" if message.locations else ""
        if message.msgctxt == "slug":
            if message.key not in slug_keys:  # not the post's slug
                continue
            if is_section(translated.post_id) and german == message.msgid:
                continue  # a section's `_index` copied: Hugo ignores a section's slug, merge keeps it
            for severity, code, text in check_slug_translation(german, language):
                problems.append(Problem(shown, message.lineno, severity, code, text + where))
            continue
        if checked.get(message.key, (None, None))[1] != german:  # not a unit of the post
            continue
        found = (check_translation(message.msgid, message.msgstr, language, map_url) if checks is None
                 else checks(message.msgid, message.msgstr, map_url))
        for severity, code, text in found:
            problems.append(Problem(shown, message.lineno, severity, code, text + where))
    return problems
