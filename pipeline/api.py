"""The public API: each command as a function of a content root, returning its result.

    from pipeline import api

    api.extract("site")           # locale/templates/*.pot and locale/de/LC_MESSAGES/*.po
    api.merge("site")             # content/de/*.md from the translated catalogs
    api.check("site").problems    # what `pipeline check` reports

The functions load the root's settings (``[tool.pipeline]`` in its ``pyproject.toml``), take
the root's run lock where the command does (extract, merge, ``check(fix=True)``), print
nothing and raise :class:`~pipeline.errors.PipelineError` and its kinds for what stops a
run before it starts (:class:`~pipeline.errors.ConfigError`,
:class:`~pipeline.errors.NotAContentRoot`, :class:`~pipeline.errors.UnknownPaths`,
:class:`~pipeline.errors.RunRefused`). Problems with single posts or catalogs do not stop a
run: they are in the result. What a person running the command would be told on the way
(waiting for the lock, a cache that cannot be used) goes to ``on_note``, a line at a time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shlex
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import Config, check_language, load_config
from pipeline.errors import (
    ConfigError,
    NotAContentRoot,
    PipelineError,
    RunRefused,
    TranslationRefused,
    UnknownPaths,
)
from pipeline.languages import MinTranslated, min_translated_of, unknown_threshold_languages

if TYPE_CHECKING:  # the commands' modules are imported when a command runs
    from pipeline.check import CheckReport
    from pipeline.extract import PostResult, Written
    from pipeline.memory import Entry
    from pipeline.merge import MergeResult
    from pipeline.moves import Carried
    from pipeline.newpost import NewPost
    from pipeline.pseudo import PseudoResult
    from pipeline.relocate import MoveReport
    from pipeline.selection import Selection
    from pipeline.xliff import ExportResult, ImportResult
    from pipeline.status import StatusReport

Note = Callable[[str], None]
"""Where a line for the person running the command goes (the CLI: stderr)."""

__all__ = [
    "ExtractReport",
    "MergeReport",
    "check",
    "content_root",
    "export_xliff",
    "extract",
    "import_xliff",
    "merge",
    "mv",
    "new",
    "status",
    "template_of",
    "translate",
]


@dataclass
class ExtractReport:
    """The totals of an extract run (one post's full result at a time goes to ``on_post``)."""

    posts: int = 0
    units: int = 0
    new: int = 0
    fuzzy: int = 0
    obsolete: int = 0
    known: int = 0
    """New units translated from other catalogs of the site (exact matches)."""
    close: int = 0
    """Units made fuzzy from a close match in other catalogs of the site (:mod:`pipeline.memory`)."""
    known_compendium: int = 0
    """Units translated from a compendium (``compendium`` of :func:`extract`)."""
    close_compendium: int = 0
    """Units made fuzzy from a close match in a compendium."""
    written: list[Written] = field(default_factory=list)
    """Every template and catalog created or updated, in post order."""
    errors: list[PipelineError] = field(default_factory=list)
    warnings: list[PipelineError] = field(default_factory=list)
    failed_posts: int = 0
    """Posts with at least one error (their other files are as they were)."""
    parsed: int = 0
    """Posts cut into units in this run. The others were unchanged since the last run (the
    cache showed their post, template and catalogs as it left them), or their units were
    those an earlier run kept of the very same bytes."""
    moved: list[Carried] = field(default_factory=list)
    """The posts found moved or renamed, whose template, catalogs and German posts were
    carried to their new id before the posts were extracted (:mod:`pipeline.moves`)."""

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, result: PostResult, post: bool = True) -> None:
        """Count one post's result (not ``post``: the string tables', :mod:`pipeline.strings`)."""
        self.posts += post
        self.units += result.units
        self.new += result.stats.new
        self.fuzzy += result.stats.fuzzy
        self.obsolete += result.stats.obsolete
        self.known += result.stats.known
        self.close += result.stats.close
        self.known_compendium += result.stats.known_compendium
        self.close_compendium += result.stats.close_compendium
        self.written.extend(result.written)
        self.failed_posts += bool(result.errors) and post
        self.parsed += result.parsed_units is not None
        self.errors.extend(result.errors)
        self.warnings.extend(result.warnings)


MERGE_ACTIONS = ("written", "unchanged", "below", "stale", "edited", "error")


@dataclass
class MergeReport:
    """One :class:`~pipeline.merge.MergeResult` per post and target language."""

    results: list[MergeResult]
    min_translated: float | MinTranslated
    languages: list[str] = field(default_factory=list)
    """Each result's language (the same length as ``results``)."""

    @property
    def parsed(self) -> int:
        """Results (a post in a target language) for which the Dutch post was cut into units
        in this run; for the others the units came from the cache, or were not needed (a
        summary made from the catalog alone, a German post known unchanged)."""
        return sum(1 for r in self.results if r.parsed)

    @property
    def rendered(self) -> int:
        """German posts made in this run (written, found the same, or refused); the others
        the cache showed unchanged, or were never made (below the minimum, in error first)."""
        return sum(1 for r in self.results if r.rendered)

    def counts(self) -> dict[str, int]:
        """How many posts had each action, in :data:`MERGE_ACTIONS` order, none left out."""
        return {action: sum(1 for r in self.results if r.action == action) for action in MERGE_ACTIONS}

    @property
    def failed(self) -> int:
        """Posts refused (changed by hand) or in error."""
        return sum(1 for r in self.results if r.action in ("edited", "error"))

    @property
    def ok(self) -> bool:
        return not self.failed


def content_root(root: Path | str) -> Config:
    """The settings of the content root ``root``; :class:`~pipeline.errors.NotAContentRoot` if
    it has no folder of source posts (``content/nl/``, after its settings)."""
    from pipeline.post import printable_path

    config = load_config(Path(root))
    source = config.source_dir
    if not source.is_dir():
        shown = printable_path(str(root) if str(root) not in ("", ".") else os.getcwd())
        folder = f"{config.relative(source)}/"
        above = _content_root_above(Path(root))
        advice = "run it from the site's root, or pass -C"
        if above is not None:  # a folder inside a site: name its root, and the -C that works
            given = os.path.relpath(above)
            advice = (f"run it from the site's root, {printable_path(str(above))}, or pass -C "
                      f"{printable_path(shlex.quote(given))}")
        raise NotAContentRoot(shown, None, f"no {folder} under {shown}: {advice}")
    try:  # content/nl a symlink out of the root: one line, not one per post
        config.confine(source)
    except PipelineError as exc:
        raise NotAContentRoot(exc.path, exc.line, str(exc)) from None
    # the Markdown the site's Hugo reads (its markup.goldmark settings), for every parse; a
    # configuration Hugo cannot read builds no page (merge and check refuse it, Site.load):
    # extract then reads Hugo's defaults
    from pipeline.hugo import markup_dialect  # not at import: Markdown and YAML cost `--help` 50 ms

    try:
        return dataclasses.replace(config, dialect=markup_dialect(config.root))
    except ConfigError:
        return config


def _content_root_above(folder: Path) -> Path | None:
    """The nearest folder above ``folder`` that is a content root (after its own settings),
    if there is one."""
    for parent in Path(os.path.abspath(folder)).parents:
        try:
            if load_config(parent).source_dir.is_dir():
                return parent
        except (PipelineError, OSError):
            continue
    return None


def extract(
    root: Path | str,
    paths: Sequence[Path | str] = (),
    *,
    jobs: int = 1,
    use_cache: bool = True,
    now: float | None = None,
    wait: bool = True,
    on_note: Note | None = None,
    on_post: Callable[[PostResult, int], None] | None = None,
    on_moved: Callable[[Carried], None] | None = None,
    compendium: Sequence[Path | str] = (),
) -> ExtractReport:
    """Write each post's template and update its catalogs (all posts, or those under
    ``paths``, relative to ``root``). ``jobs``: processes, 0 for one per core. ``now``: the
    templates' creation date, in seconds since the epoch (default: ``SOURCE_DATE_EPOCH``, or
    the time). ``on_post(result, number of posts)`` is called for each post as it is done,
    in path order. A post that moved or was renamed first gets the files of its old id
    (:func:`pipeline.moves.carry_moves`), each such move given to ``on_moved``.
    ``compendium``: PO files (as ``msgmerge -C`` takes them, e.g. made by ``msgcat``) whose
    translations the translation memory offers too; each is read once, before anything is
    written, and one that cannot be used raises :class:`pipeline.errors.CompendiumError`."""
    from pipeline.extract import creation_date, extract as extract_posts
    from pipeline.moves import carry_moves
    from pipeline.strings import extract_strings
    from pipeline.terms import extract_terms, term_keys, terms_cache

    config = content_root(root)
    given = _paths(paths)
    directions = _directions(config, given)
    posts = directions[0][2]
    memory = _compendiums(config, compendium)
    report = ExtractReport()
    with _locked(config, wait, on_note):
        _note_cache_problem(config, use_cache, on_note)
        date = creation_date(now)
        failed: set[str] = set()  # their catalogs are left as they are by the terms' pass too
        sources: dict[str, list[Path]] = {}  # per direction, the posts extracted (the terms pass's)
        # per direction, the terms pass's keys, which reads what extract keeps
        keys = {direction.source_language: term_keys(direction) if not given else () for direction, _, _ in directions}
        total = sum(len(found) for _, _, found in directions)
        for warning in [] if given else _second_sources(config):  # not extracted: said here, as check says it
            report.warnings.append(warning)
            if on_note is not None:
                on_note(f"warning: {warning}")
        for direction, named, found in directions:  # the site's own direction first
            if given and not named:
                continue
            moved, warnings = carry_moves(direction, found if named else None, every=None if named else found)
            report.warnings.extend(warnings)
            for warning in warnings:
                if on_note is not None:
                    on_note(f"warning: {warning}")
            for carried in moved:
                report.moved.append(carried)
                report.errors.extend(carried.errors)
                if on_moved is not None:
                    on_moved(carried)
            # a post whose carry failed is left without catalogs: the next run carries it
            stuck = {direction.post_file(c.move.new_id) for c in moved if c.errors}
            found = [path for path in found if path not in stuck]
            if direction is config:
                posts = found
            sources[direction.source_language] = found
            own_keys = keys[direction.source_language]
            for result in extract_posts(
                direction, named, now=date, jobs=_jobs(jobs), use_cache=use_cache, posts=found,
                compendium=memory if direction is config else {}, term_keys=own_keys,
                terms_cache=lambda store, direction=direction, own_keys=own_keys: terms_cache(store, direction, own_keys),
            ):
                if result.errors:
                    failed.add(result.post_id)
                report.add(result)
                if on_post is not None:
                    on_post(result, total)
        strings = extract_strings(config, date) if not given else None  # with every post only
        if strings is not None:
            report.add(strings, post=False)
            if on_post is not None:
                on_post(strings, len(posts))
        for direction, _, _ in [] if given else directions:  # with every post only: each direction's terms
            terms = extract_terms(direction, sources[direction.source_language], date, untouched=failed,
                                  use_cache=use_cache)
            if terms is not None:
                report.add(terms, post=False)
                if on_post is not None:
                    on_post(terms, len(posts))
    return report


def _compendiums(config: Config, paths: Sequence[Path | str]) -> dict[str, list[Entry]]:
    """The translations of the compendiums given, per target language, in the order given."""
    from pipeline.memory import read_compendium

    entries: dict[str, list[Entry]] = {}
    for path in paths:
        for language, found in read_compendium(Path(path), str(path), config.target_languages).items():
            entries.setdefault(language, []).extend(found)
    return entries


def merge(
    root: Path | str,
    paths: Sequence[Path | str] = (),
    *,
    language: str | None = None,
    min_translated: float | MinTranslated | Mapping[str, float] = 100.0,
    force: bool = False,
    jobs: int = 1,
    use_cache: bool = True,
    wait: bool = True,
    on_note: Note | None = None,
) -> MergeReport:
    """Write the translated posts of every target language (or of ``language``) whose
    catalogs are at least ``min_translated`` percent translated (a number for every language,
    or per language: ``{"de": 100, "en": 80}``, 100 for a language not named); ``force``
    overwrites translated posts changed by hand."""
    from pipeline.merge import merge as merge_posts
    from pipeline.strings import merge_strings

    config = content_root(root)
    if language is not None and language not in config.target_languages:
        raise ValueError(f"{language!r} is not a target language ({', '.join(config.target_languages)})")
    languages = config.target_languages if language is None else (language,)
    min_translated = _thresholds(config, min_translated)
    given = _paths(paths)
    directions = _directions(config, given)
    _site(config)  # a Hugo configuration that cannot publish the posts stops it before the lock
    with _locked(config, wait, on_note):
        _note_cache_problem(config, use_cache, on_note)
        results, of = [], []
        for direction, named, posts in directions:  # the site's own direction first
            if given and not named:
                continue
            # a post written in another language goes to every other language of the site
            # (the site's source language first); ``language`` names one of them
            for target in languages if direction is config else (
                    direction.target_languages if language is None
                    else tuple(lang for lang in direction.target_languages if lang == language)):
                results += merge_posts(direction, named, target, min_translated_of(min_translated, target), force,
                                       _jobs(jobs), use_cache, posts)
                of += [target] * (len(results) - len(of))
        if not given:  # the string tables and menus (pipeline.strings), with every post only
            for target in languages:
                results += merge_strings(config, target, force)
                of += [target] * (len(results) - len(of))
    return MergeReport(results, min_translated, of)


class UnknownThresholdLanguage(ValueError):
    """A per-language ``min_translated`` naming a language no post is translated into."""


def _thresholds(config: Config, min_translated: float | MinTranslated | Mapping[str, float]) -> float | MinTranslated:
    """``min_translated`` as the core takes it: a number, or a :class:`MinTranslated` naming
    only languages of the site (raises :class:`UnknownThresholdLanguage` for another, ValueError
    for a percent out of 0 to 100)."""
    if isinstance(min_translated, Mapping):
        min_translated = MinTranslated(100.0, tuple((str(k), float(v)) for k, v in min_translated.items()))
    percents = min_translated.languages if isinstance(min_translated, MinTranslated) else [("", min_translated)]
    for _, percent in percents:
        if not 0 <= percent <= 100:  # nan too
            raise ValueError(f"min_translated: {percent!r} is not a percent from 0 to 100")
    # every language posts are translated into: the target languages, and the source language,
    # into which the posts written in a target language go (:meth:`Config.direction`)
    unknown = unknown_threshold_languages(min_translated, config.languages)
    if unknown:
        raise UnknownThresholdLanguage(
            f"{', '.join(map(repr, unknown))} is not a target language ({', '.join(config.target_languages)}) "
            f"nor {config.source_language} (the posts written in those go to it): "
            "name one of those, or add it to target-languages in pyproject.toml")
    return min_translated


def check(
    root: Path | str,
    *,
    min_translated: float | MinTranslated | Mapping[str, float] = 100.0,
    fix: bool = False,
    jobs: int = 1,
    use_cache: bool = True,
    wait: bool = True,
    on_note: Note | None = None,
    paths: Sequence[Path | str] | Path | str = (),
    with_posts: bool = False,
) -> CheckReport:
    """Check the posts, slugs, catalogs and translations; ``fix`` rewrites what is safe to fix
    mechanically (and takes the run lock; it always uses the cache). ``paths``: report only
    what concerns those posts, templates, catalogs or folders (:mod:`pipeline.selection`).
    ``with_posts`` (or ``paths``): ``report.posts`` says which post each file is of (JUnit's
    cases); else it is empty (a walk of the posts spared)."""
    from pipeline.check import check as check_site
    from pipeline.terms import CatalogNotes
    from pipeline.checkers import Schema

    config = content_root(root)
    min_translated = _thresholds(config, min_translated)
    selection = _check_selection(config, _paths(paths)) if paths else None
    schema = Schema.of(config.schema)
    use_cache = use_cache or fix
    with ExitStack() as stack:
        if fix:
            _site(config)  # as merge: a Hugo configuration that cannot publish the posts, before the lock
            stack.enter_context(_locked(config, wait, on_note))
        _note_cache_problem(config, use_cache, on_note)
        report = check_site(config, schema, min_translated, fix, config.static_dir, use_cache, _jobs(jobs),
                            notes=CatalogNotes)  # the terms' check below reads no catalog again
    _check_strings(config, report, min_translated)
    posts = _find_posts(config, [])  # once, for the terms' check and the selection
    _check_terms(config, report, posts, use_cache)
    if with_posts or selection is not None:
        _select_check(config, report, selection, posts)
    return report


def _check_selection(config: Config, paths: list[Path]) -> Selection:
    from pipeline.selection import select

    try:
        return select(config, paths)
    except PipelineError as exc:
        raise UnknownPaths(exc.path, exc.line, exc.message) from None


def _select_check(config: Config, report: CheckReport, selection: Selection | None, posts: list[Path]) -> None:
    """Which of ``posts`` each file belongs to, in ``report.posts``; with a ``selection``, only
    the problems and completeness that concern it kept."""
    from pipeline.selection import post_files, select_problems, selected_owners

    report.posts = post_files(config, posts)
    if selection is not None:
        report.site_wide_named = bool(selection.site_wide)
        report.problems[:] = select_problems(config, selection, report.problems, report.posts)
        report.posts = selected_owners(config, selection, report.problems, report.posts)
        report.completeness[:] = [c for c in report.completeness
                                  if c.post_id in selection.post_ids or c.post_id in selection.site_wide]


def _check_terms(config: Config, report: CheckReport, posts: list[Path], use_cache: bool = True) -> None:
    """The terms catalogs of ``posts`` checked (:func:`pipeline.terms.check_terms`): stale, a
    term translated two ways, the glossary; and those of the posts written in the other
    languages, in their directions (each its own terms catalog: :attr:`Config.terms_id`);
    added to ``report``."""
    from pipeline.extract import creation_date
    from pipeline.terms import check_terms

    report.problems.extend(check_terms(config, posts, creation_date(), use_cache))
    for direction, _, found in _directions(config, [])[1:]:  # the posts written in the other languages
        report.problems.extend(check_terms(direction, found, creation_date(), use_cache))


def _check_strings(config: Config, report: CheckReport, min_translated: float | MinTranslated) -> None:
    """The string tables' and menus' catalogs checked (:func:`pipeline.strings.check_strings`),
    added to ``report``: not in check's cache, whose state knows only content/ and locale/."""
    from pipeline.check import Completeness
    from pipeline.extract import creation_date
    from pipeline.strings import STRINGS_ID, check_strings

    strings = check_strings(config, creation_date(), min_translated)
    report.problems.extend(strings.problems)
    report.completeness.extend(Completeness(STRINGS_ID, *row) for row in strings.completeness)


def mv(
    root: Path | str,
    old: str,
    new: str,
    *,
    alias: bool = True,
    dry_run: bool = False,
    wait: bool = True,
    on_note: Note | None = None,
) -> MoveReport:
    """Move the source post (or folder of posts) ``old`` to ``new`` (paths relative to
    ``root``, or post ids; a post written in German too, in its direction: :func:`_move_direction`),
    with its template, catalogs and translated posts, its old URL
    added to its aliases (unless not ``alias``), and the links to it in the other posts and
    catalogs updated (:mod:`pipeline.relocate`). Raises
    :class:`~pipeline.relocate.MoveRefused` for what it refuses, having changed nothing."""
    from pipeline.relocate import move

    config = content_root(root)
    if dry_run:
        return move(_move_direction(config, old), old, new, alias, dry_run=True)
    with _locked(config, wait, on_note):
        return move(_move_direction(config, old), old, new, alias)


def _move_direction(config: Config, old: str) -> Config:
    """The direction (:func:`_directions`) of the post or folder ``old`` that `pipeline mv` is
    given: a path's, the language folder it is under; a post id's, the direction whose sources
    have it (or posts under it: a folder), else the one its template names (a post moved by
    hand, or gone: :func:`pipeline.update.written_in`). Anything else is the site's own, whose
    move says what is wrong with it."""
    from pipeline.update import written_in

    text = old.strip().rstrip("/")
    path = Path(text)
    absolute = Path(os.path.abspath(path if path.is_absolute() else config.root / path))
    for language in config.target_languages:
        if absolute.is_relative_to(config.target_dir(language)):
            return config.direction(language)
    if (not text or path.is_absolute() or text.startswith(("..", "./")) or absolute.exists()
            or absolute.is_relative_to(config.root / config.content_dir)):
        return config  # a path, under content/nl/ or nowhere a post is
    for direction, _, posts in _directions(config, []):
        ids = {direction.post_id(post) for post in posts}
        if text.removesuffix(".md") in ids or any(post_id.startswith(f"{text}/") for post_id in ids):
            return direction
    return config.direction(written_in(config, text.removesuffix(".md")))


def new(
    root: Path | str,
    title: str,
    *,
    date: str | None = None,
    section: str = "",
    bundle: bool = False,
    draft: bool = False,
    now: dt.datetime | None = None,
    wait: bool = True,
    on_note: Note | None = None,
) -> NewPost:
    """Start a Dutch post titled ``title`` (:mod:`pipeline.newpost`): its front matter (the
    title, ``date`` or ``now`` in RFC 3339 in the source language's zone, ``lang``; ``draft``),
    in ``section`` (a folder under the Dutch posts), as a leaf bundle where ``bundle``. Returns
    the :class:`~pipeline.newpost.NewPost` written; raises
    :class:`~pipeline.newpost.NewRefused` for what it refuses, having written nothing."""
    from pipeline.newpost import new_post

    config = content_root(root)
    with _locked(config, wait, on_note):
        return new_post(config, title, date=date, section=section, bundle=bundle, draft=draft, now=now)


def export_xliff(root: Path | str, directory: Path | str, *, everything: bool = False) -> ExportResult:
    """Write XLIFF 1.2 of what is left to translate (``everything``: every entry), one file
    per catalog: ``directory/<language>/<post id>.xlf`` (:mod:`pipeline.xliff`). Reads the
    catalogs only: takes no lock."""
    from pipeline.xliff import export

    return export(content_root(root), Path(directory), everything)


def import_xliff(
    root: Path | str,
    files: Sequence[Path | str],
    *,
    force: bool = False,
    wait: bool = True,
    on_note: Note | None = None,
) -> ImportResult:
    """Bring the translations of XLIFF files back into the catalogs they were exported from;
    an entry whose translation changed since the export is a conflict, left as it is
    (``force``: the file's taken). Raises :class:`~pipeline.xliff.XliffError` for a file that
    cannot be read, before any catalog is written."""
    from pipeline.xliff import import_files

    config = content_root(root)
    with _locked(config, wait, on_note):
        return import_files(config, [Path(f) for f in files], force)


def template_of(text: str, post_id: str = "post", *, now: float | None = None) -> str:
    """The template (``.pot`` text) extract writes for a post whose file holds ``text``, under
    the default settings, as ``content/nl/<post_id>.md``. Raises
    :class:`~pipeline.errors.PipelineError` for a post that cannot be read."""
    from pipeline.cache import digest
    from pipeline.update import build_template
    from pipeline.extract import creation_date
    from pipeline.units import post_units
    from pipeline.po import format_catalog
    from pipeline.frontedit import load_source_post

    config = Config(Path("."))
    shown = f"{config.content_dir}/{config.source_language}/{_checked_post_id(post_id)}.md"
    data = _text_bytes(text, shown)
    post = load_source_post(shown, data, config.max_post_bytes)
    post_id = config.post_id(shown)  # a leaf bundle's ``x/index``: the post ``x``, as extract names it
    units = post_units(config, post, post_id, str(digest(data)), None, pack=False)[0]
    return format_catalog(build_template(post_id, shown, units, creation_date(now)))


def translate(text: str, catalog_text: str, language: str = "de", post_id: str = "post") -> str:
    """The translated post merge writes for a post whose file holds ``text`` and whose catalog
    for ``language`` holds ``catalog_text``, under the default settings, whatever share of it
    is translated (untranslated and fuzzy units keep the source text). Raises
    :class:`~pipeline.errors.PipelineError` for a post or catalog that cannot be read, or a
    translation merge refuses (the message names ``content/nl/<post_id>.md`` and the
    catalog's line)."""
    import tempfile

    if not isinstance(language, str) or not re.fullmatch(r"[A-Za-z_-]{1,20}", language):
        raise ValueError(f"{language!r} is not a language code (such as 'de', 'fr', 'pt_BR')")
    if language == Config(Path(".")).source_language:
        raise ValueError(f"{language!r} is the source language: name a language to translate into")
    # checked here, not in the settings this function writes: their error would name a
    # pyproject.toml the caller never saw
    check_language("language", language, lambda key, message: ValueError(message))
    _checked_post_id(post_id)
    with tempfile.TemporaryDirectory(prefix="pipeline-") as folder:
        root = Path(folder)
        if language not in Config(Path(".")).target_languages:  # the default settings' need none
            (root / "pyproject.toml").write_text(
                f'[tool.pipeline]\ntarget-languages = ["{language}"]\n', encoding="utf-8"
            )
        config = load_config(root)
        source = config.source_dir / f"{post_id}.md"
        catalog = config.catalog_path(config.post_id(source), language)
        for path, data in ((source, text), (catalog, catalog_text)):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_text_bytes(data, config.relative(path)))
        result = merge(root, [source], language=language, min_translated=0.0, use_cache=False).results[0]
        if result.action != "written":
            raise TranslationRefused(config.relative(source), None, result.message)
        return config.post_file(config.post_id(source), language).read_text(encoding="utf-8")


def status(
    root: Path | str,
    paths: Sequence[Path | str] | Path | str = (),
    *,
    html: Path | str | None = None,
    jobs: int = 1,
    use_cache: bool = True,
) -> StatusReport:
    """What is left to translate: per post (``paths``: those under them; none: every post, the
    catalogs of posts that are gone and the site-wide ones) and language it goes to (the posts
    written in another language than the site's, :func:`_directions`, in theirs), read off the
    catalogs (:func:`pipeline.status.status`). ``html``: also write the report there as a
    static page (:func:`pipeline.status.status_page`; links to the catalogs relative to it; a
    relative path is from the content root, as ``paths`` are).
    Takes no run lock; writes nothing but ``html`` (and the cache's file digests)."""
    from pipeline.files import write_if_changed
    from pipeline.status import page_refusal, status_page
    from pipeline.status import status as site_status

    config = content_root(root)
    given = _paths(paths)
    page = config.root / html if html is not None else None  # (an absolute path stays itself)
    refused = page_refusal(config, page) if page is not None else None
    if refused is not None:
        raise PipelineError(str(html), None, refused)
    directions = [(direction, posts) for direction, named, posts in _directions(config, given)]
    report = site_status(config, directions, not given, use_cache, _jobs(jobs))
    if page is not None:
        try:
            write_if_changed(page, status_page(report, config, page).encode("utf-8"), shown=str(html))
        except OSError as exc:
            raise PipelineError(str(html), None, f"cannot be written ({exc.strerror or exc}): "
                                "give --html the path of a file that may be written") from None
    return report


def _paths(paths: Sequence[Path | str] | Path | str) -> list[Path]:
    """The paths a command was given: one path alone too (a ``str`` is not a list of one-letter
    paths)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return [Path(p) for p in paths]


def _text_bytes(text: str, shown: str) -> bytes:
    """``text`` as the bytes of its file. A lone surrogate (text decoded with
    ``surrogateescape`` from bytes that are not UTF-8) stays bytes that are not UTF-8, which
    the reader refuses at its line, as it refuses such a file."""
    if not isinstance(text, str):
        raise TypeError(f"{shown}: the text must be a str, not {type(text).__name__} (decode it first)")
    return text.encode("utf-8", "surrogatepass")


_POST_ID_RE = re.compile(r"[^/\\\x00]+(?:/[^/\\\x00]+)*")


def _checked_post_id(post_id: str) -> str:
    """A post id as the commands make them (``2017/foo``: the path under content/nl/ without
    ``.md``): a relative path of names, none of them ``.`` or ``..``."""
    if (
        not isinstance(post_id, str)
        or not _POST_ID_RE.fullmatch(post_id)
        or any(part in (".", "..") for part in post_id.split("/"))
    ):
        raise ValueError(
            f"{post_id!r} is not a post id (a path under content/nl/ without .md, such as '2017/foo')"
        )
    return post_id


def _site(config: Config) -> None:
    """Read the site's Hugo configuration, to refuse one that cannot publish the posts
    (:class:`~pipeline.errors.ConfigError`) before anything is written."""
    from pipeline.site import Site

    Site.load(config)


def _directions(config: Config, paths: list[Path]) -> list[tuple[Config, list[Path], list[Path]]]:
    """The site's directions a run works in (:meth:`Config.direction`), the site's own first,
    each with the paths given that are under its source language's folder and its source
    posts (:func:`pipeline.site.find_posts`): every direction that has a source, or those
    the paths name (a path under no language's folder is refused as before)."""
    from pipeline.site import find_posts

    if not paths:
        found = [(config, [], _find_posts(config, []))]
        for language in config.target_languages:
            direction = config.direction(language)
            posts = find_posts(direction) if direction.source_dir.is_dir() else []
            if posts:
                found.append((direction, [], posts))
        return found
    named: dict[str, list[Path]] = {}
    for path in paths:
        absolute = Path(os.path.abspath(path if path.is_absolute() else config.root / path))
        language = next((language for language in config.target_languages
                         if absolute.is_relative_to(config.target_dir(language))), config.source_language)
        named.setdefault(language, []).append(path)
    found = [(config, named.get(config.source_language, []), [])]
    if config.source_language in named:
        found[0] = (config, named[config.source_language], _find_posts(config, named[config.source_language]))
    for language in config.target_languages:
        if language in named:
            direction = config.direction(language)
            found.append((direction, named[language], _find_posts(direction, named[language])))
    return found


def _second_sources(config: Config) -> list[PipelineError]:
    """The posts extract passes over as no source though they have no generation record, where
    their id differs from the source they clash with (one of the same id is the translation of
    its pair, as it was before posts were written in other languages; check says both)."""
    from pipeline.site import second_sources

    said = []
    for claim in second_sources(config):
        if claim.path.name == claim.source.name and claim.same_pair:
            continue
        why = ("has the translationKey of" if claim.same_pair
               else "has the id of another pair's source,")
        said.append(PipelineError(config.relative(claim.path), 1, (
            f"not extracted: it {why} {config.relative(claim.source)} (`pipeline check` says what to do)")))
    return said


def _find_posts(config: Config, paths: list[Path]) -> list[Path]:
    from pipeline.site import find_posts

    try:
        return find_posts(config, paths)
    except PipelineError as exc:
        raise UnknownPaths(exc.path, exc.line, exc.message) from None


def _jobs(jobs: int) -> int:
    from pipeline.parallel import default_jobs

    return jobs or default_jobs()


def _note_cache_problem(config: Config, use_cache: bool, on_note: Note | None) -> None:
    """Say why a run goes without the cache, if it must (the cache itself never stops a run)."""
    from pipeline.cache import cache_problem

    problem = cache_problem(config.root) if use_cache else None
    if problem and on_note is not None:
        on_note(f"note: {problem}; this run goes without the cache")


@contextmanager
def _locked(config: Config, wait: bool, on_note: Note | None) -> Iterator[None]:
    """The content root's run lock, held for the block, with the lines a person needs."""
    from pipeline.cache import cache_folder_is_inside
    from pipeline.config import CACHE_DIR
    from pipeline.lock import LockBusy, LockUnusable, run_lock

    note = on_note or (lambda line: None)
    folder = config.root / CACHE_DIR
    if not cache_folder_is_inside(config.root):
        raise RunRefused(
            str(folder), None, "leads outside the content root: refused; "
            "delete the link (the folder only holds a cache and the run lock)",
        )
    with ExitStack() as stack:
        try:
            stack.enter_context(run_lock(
                folder,
                wait=wait,
                # where runs write, from the settings read (the lock would read them again)
                clean=[config.root / config.content_dir, config.root / config.locale_dir, folder],
                on_wait=lambda holder: note(
                    f"waiting for another pipeline run ({holder}) on {config.root} to finish "
                    "(--no-wait to fail instead)"
                ),
                on_stale=lambda holder: note(f"note: took over the lock of a run that was killed ({holder})"),
                on_kept=lambda temp, original: note(
                    f"warning: {temp}: left by a run killed while it replaced {original.name}, "
                    "and may hold a save of it: compare the two, keep what you want, then delete "
                    f"{temp.name}"
                ),
            ))
        except LockBusy as exc:
            raise RunRefused(
                str(exc.path), None,
                f"another pipeline run ({exc.holder}) is working on this content root: "
                "try again when it is done",
            ) from None
        except LockUnusable as exc:
            raise RunRefused("", None, str(exc)) from None
        except OSError as exc:  # a full disk, or a file or folder in the lock's place
            where = exc.filename or folder
            raise RunRefused(str(where), None, f"cannot write: {exc.strerror or exc}") from None
        yield


@dataclass
class PseudoReport:
    """What :func:`pseudo` did: the pseudo language, its catalogs and Hugo file
    (:class:`~pipeline.pseudo.PseudoResult`), its posts (merge's results), or what ``clean``
    removed."""

    language: str
    catalogs: PseudoResult | None = None
    merged: MergeReport | None = None
    removed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (self.catalogs is None or not self.catalogs.errors) and (self.merged is None or self.merged.ok)


def _strings_sources(config: Config) -> list[str]:
    """The site's string tables and its menus, as shown (``i18n/nl.toml``, ``menus``); none
    where they cannot be read (extract says why)."""
    from pipeline.strings import read_strings

    try:
        strings = read_strings(config)
    except (PipelineError, OSError):
        return []
    tables = [shown for shown in strings.sources if "/i18n/" in f"/{shown}"]
    return tables + (["menus"] if strings.menus else [])


def pseudo(
    root: Path | str,
    *,
    language: str = "de-x-pseudo",
    clean: bool = False,
    jobs: int = 1,
    use_cache: bool = True,
    wait: bool = True,
    on_note: Note | None = None,
) -> PseudoReport:
    """Fill the pseudo locale ``language`` (:mod:`pipeline.pseudo`): a pseudo catalog of
    every source post, in whichever language it is written (:func:`_directions`), its posts under ``content/<language>/``, and its Hugo language in
    ``config/pseudo/`` (built by ``hugo --environment pseudo`` only); with ``clean``, remove
    them all. Raises ValueError for a code that is no ``<language>-x-<tag>``."""
    from pipeline.merge import merge as merge_posts
    from pipeline.pseudo import PseudoResult, fill_catalogs, pseudo_config, pseudo_language
    from pipeline.pseudo import clean as clean_pseudo

    config = content_root(root)
    checked = pseudo_language(language)
    with _locked(config, wait, on_note):
        if clean:
            return PseudoReport(language, removed=clean_pseudo(config, checked))
        _site(config)  # the site's own configuration first: its errors are the site's
        result = PseudoResult()
        made = fill_catalogs(config, checked, result,
                             [(direction, posts) for direction, _, posts in _directions(config, [])])
        result.not_pseudo = _strings_sources(config)
        _note_cache_problem(config, use_cache, on_note)
        merged = []
        for direction, posts in made:  # every source's pseudo page (a post written in German: of it)
            merged += merge_posts(pseudo_config(direction, checked), [], checked.code, 100.0, True, _jobs(jobs),
                                  use_cache, posts)
    return PseudoReport(language, result, MergeReport(merged, 100.0, [checked.code] * len(merged)))
