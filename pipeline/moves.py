"""Posts that moved or were renamed: their translations go with them.

A post is known to the catalogs by its id (its path under ``content/nl/``). After ``git mv``
of a post its template and catalogs are left under the old id, and the post under the new id
has none. :func:`find_moves` pairs the two: a template or catalog whose post is gone (the old
id) with a post that has no template yet (the new id) when

- the new post's ``translationKey`` is the old post's (the one its German post carries, as
  merge writes it, else the old id: merge's default), or else
- most of its text is unchanged: the units the new post shares with the old template (same
  msgctxt and msgid) hold at least :data:`MATCH_SHARE` of the words of each, the old
  template's and the new post's (the slug left out: a rename changes it). A rename, a move into a folder, a rename with a paragraph
  edited all pass; a new post that quotes a paragraph does not.

A leaf bundle's template and catalogs at ``x/index`` (its id before a bundle was named by its
folder) are the bundle ``x``'s: carried to ``x`` whatever they hold (:data:`BUNDLE_ID_REASON`).

Only a pair that is the one match of each side is carried: two posts that both look like a
gone one (a post split in two, a copy; the translationKey naming one, the text the other's) carry nothing, and the warning names them (the way
out: ``pipeline mv OLD NEW``). :func:`carry` moves the files: the template, each language's
catalog (their references and header naming the new post) and the German post as it is
(merge renders it again under the new id). Every new file is written before any old one is
removed, each through :func:`pipeline.files.write_atomic`: a run killed in the middle leaves
the old files, and the next run carries again (a new catalog already carried is found equal).
"""

from __future__ import annotations

import functools
import os
import shlex
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import Config
from pipeline.errors import CatalogWarning, PipelineError
from pipeline.files import (
    ATTEMPTS,
    MISSING,
    FileChanged,
    Snapshot,
    WriteFailed,
    in_line_endings_of,
    named_below,
    read_file,
    remove_unchanged,
    write_atomic,
)
from pipeline.frontedit import load_source_post
from pipeline.links import effective_slug
from pipeline.po import Catalog, format_catalog, holds_translations, parse_catalog, translation_of
from pipeline.post import load_post
from pipeline.site import (
    Site,
    find_posts,
    other_sources,
    refused_name,
    translation_key_of,
    url_matter,
)
from pipeline.translated import count_words
from pipeline.units import post_units

#: A post whose units shared with a gone post's template hold at least this share of the
#: words of each (the template's and the post's) is that post moved
MATCH_SHARE = 0.5
#: Why a leaf bundle's catalogs at its ``index`` id are carried to its folder's
BUNDLE_ID_REASON = "a page bundle's catalogs are named by its folder"


@dataclass(frozen=True)
class Move:
    """A post that moved: its old id (its files are still there), its new id and why."""

    old_id: str
    new_id: str
    reason: str
    """``same translationKey 'x'``, or ``87 % of its words unchanged``."""
    extracted: bool = False
    """The new post has a template already (extract ran since the move, and could not tell
    the move then): ``pipeline mv`` carries it, extract does not."""


@dataclass
class MoveSearch:
    moves: list[Move] = field(default_factory=list)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    """A gone post's id -> the posts that each look like it (no carry: say which)."""
    warnings: list[PipelineError] = field(default_factory=list)


@dataclass
class Carried:
    """What :func:`carry` did (or, in a dry run, would do)."""

    move: Move
    files: list[tuple[str, str]] = field(default_factory=list)
    """(old, new) of each file moved, as shown."""
    post: str = ""
    """The source post at its new place, as shown."""
    alias: str | None = None
    """The source post's old URL, when the post's URL changed and its ``aliases`` lack it."""
    language: str = ""
    """The language of the source post (its direction's source language), whose URL ``alias`` is."""
    errors: list[PipelineError] = field(default_factory=list)
    joined: list[str] = field(default_factory=list)
    """The catalogs (new places, as shown) that held translations of their own: the carried
    translations were joined with theirs (:func:`_joined_catalog`)."""


def catalog_files(config: Config, post_id: str) -> list[Path]:
    """A post's template and catalogs, those there are (the template first)."""
    paths = [config.template_path(post_id)] + [
        config.catalog_path(post_id, language) for language in config.target_languages
    ]
    return [path for path in paths if os.path.lexists(path)]


def carried_paths(config: Config, old_id: str, new_id: str) -> list[tuple[Path, Path, bool]]:
    """The files :func:`carry` moves from ``old_id`` to ``new_id``, as (old, new, whether it
    is a template or catalog): the template, each language's catalog, each German post."""
    pairs = [(config.template_path(old_id), config.template_path(new_id), True)]
    pairs += [(config.catalog_path(old_id, lang), config.catalog_path(new_id, lang), True)
              for lang in config.target_languages]
    pairs += [(config.post_file(old_id, lang), _german_file(config, old_id, new_id, lang), False)
              for lang in config.target_languages]
    # a bundle's old id (x/index) carried to its folder's (x): its German post stays where it is
    return [(old, new, is_catalog) for old, new, is_catalog in pairs if old != new]


def _german_file(config: Config, old_id: str, new_id: str, language: str) -> Path:
    """Where a German post goes: the form of the Dutch post at ``new_id``; before that post is
    there (``pipeline mv`` planning its lines), the form the German post has (a bundle's folder
    renamed stays a bundle)."""
    if os.path.lexists(config.post_file(new_id)) or old_id.endswith("/index"):
        return config.post_file(new_id, language)
    if config.post_file_name(old_id, language).endswith("/index.md"):
        return config.target_dir(language) / f"{new_id}/index.md"
    return config.post_file(new_id, language)


def catalog_ids(config: Config) -> set[str]:
    """The ids of every template and catalog there is."""
    locale = config.root / config.locale_dir
    found: set[str] = set()
    groups = [(locale / "templates", ".pot")] + [
        (locale / language / "LC_MESSAGES", ".po") for language in config.target_languages
    ]
    for folder, suffix in groups:  # (as text, not a Path per file: 20,000 of them at 10,000 posts)
        start, end = len(str(folder)) + 1, -len(suffix)
        found.update(text[start:end] for text in named_below(folder, suffix, ordered=False))
    return found - config.site_wide_ids  # the string tables' (pipeline.strings), every direction's terms' (pipeline.terms): no post's


def translations_in(config: Config, path: Path) -> int:
    """How many translations a catalog holds (fuzzy and obsolete ones too; 0: unreadable)."""
    catalog = _catalog(config, path)
    return 0 if catalog is None else sum(1 for m in catalog.messages if translation_of(m) is not None)


def unreadable(config: Config, path: Path) -> PipelineError | None:
    """Why a catalog cannot be read (None: it can, or it is not there)."""
    try:
        parse_catalog(config.relative(path), path.read_bytes())
    except FileNotFoundError:
        return None
    except OSError as exc:
        return PipelineError(config.relative(path), None, f"cannot read it: {exc.strerror or exc}")
    except PipelineError as exc:
        return exc
    return None


def _catalog(config: Config, path: Path) -> Catalog | None:
    try:
        data = path.read_bytes()
        return parse_catalog(config.relative(path), data)
    except (OSError, PipelineError):
        return None


def find_moves(
    config: Config, posts: Sequence[Path] | None = None, thorough: bool = False,
    every: Sequence[Path] | None = None,
) -> MoveSearch:
    """The posts of the site that moved (see the module's text). ``posts``: the new posts to
    look at (default: every post); the gone ones are always all of them. A new post is one
    without a template; ``thorough``: or one whose catalogs hold no translation (check, and
    ``pipeline mv``: extract may have written its template while the move was not clear).
    Reads only what it must: nothing is parsed while no template or catalog has lost its post.
    ``every``: all the posts, when the caller has listed them already."""
    search = MoveSearch()
    if every is None:
        every = find_posts(config)
    by_id = {config.post_id(p): p for p in every if refused_name(config, p) is None}
    looked_at = every if posts is None else posts
    ids = catalog_ids(config)
    # a leaf bundle's template and catalogs from before it was named by its folder (x/index
    # -> x): its own, carried (joined with any extracted since) whatever they hold
    for path in looked_at:
        new = config.post_id(path)
        if path.name == "index.md" and f"{new}/index" in ids and by_id.get(new) == path:
            search.moves.append(Move(f"{new}/index", new, BUNDLE_ID_REASON))
    bundles = {move.old_id for move in search.moves}
    ids -= bundles
    # a gone post whose files hold no translation has nothing to carry (and no claim on a post)
    gone = sorted(i for i in ids if i not in by_id and any(_holds_file(p) for p in catalog_files(config, i)))
    if gone:  # the posts written in another language have their own templates and catalogs
        gone = [i for i in gone if i not in other_sources(config)]
    if not gone:
        return search
    extracted: set[str] = set()
    fresh: list[str] = []
    # each language's read once, when first asked for: check weighs every post against them
    gone_translations = functools.cache(lambda language: _gone_translations(config, gone, language))
    for path in looked_at:
        new = config.post_id(path)
        if refused_name(config, path) is not None or new not in by_id or f"{new}/index" in bundles:
            continue
        if not os.path.lexists(config.template_path(new)):
            fresh.append(new)
        elif thorough and not _holds_own_translations(config, new, gone_translations):
            fresh.append(new)
            extracted.add(new)
    if not fresh:
        return search
    old_keys = {old: _old_translation_key(config, old) for old in gone}
    old_words = {old: _template_words(config, old) for old in gone}
    new_keys: dict[str, str | None] = {}
    new_words: dict[str, dict[tuple[str | None, str], int]] = {}
    for new in fresh:
        profile = _post_profile(config, by_id[new], new)
        if profile is not None:
            new_keys[new], new_words[new] = profile

    by_key = {(old, new) for old in gone for new, key in new_keys.items() if key is not None
              and key == old_keys[old]}
    shares: dict[tuple[str, str], float] = {}
    for old in gone:
        for new, words in new_words.items():
            share = _shared_share(old_words[old], words)
            if share >= MATCH_SHARE:
                shares[old, new] = share
    # the translationKey names one post, the text is another's: both are candidates
    torn = {old for old, new in by_key if (old, new) not in shares and any(o == old for o, _ in shares)}
    by_key |= {(old, new) for old, new in shares if old in torn}
    taken: set[str] = set()
    for pairs, reason in ((by_key, None), (set(shares), "share")):
        pairs = {(o, n) for o, n in pairs if o not in taken and n not in taken}
        for old in gone:
            if old in taken or (reason is not None and old in torn):
                continue
            mine = sorted(n for o, n in pairs if o == old)
            if not mine:
                continue
            rivals = sorted(o for o, n in pairs if n in mine)
            if len(mine) == 1 and rivals == [old]:
                why = (f"same translationKey {old_keys[old]!r}" if reason is None
                       else f"{round(100 * shares[old, mine[0]])} % of its words unchanged")
                search.moves.append(Move(old, mine[0], why, mine[0] in extracted))
                taken.update((old, mine[0]))
            else:
                search.ambiguous.setdefault(old, sorted(set(mine) | set(search.ambiguous.get(old, []))))
    for old, candidates in search.ambiguous.items():
        if old in taken:
            continue
        files = catalog_files(config, old)
        source = f"{config.content_dir}/{config.source_language}"
        search.warnings.append(CatalogWarning(
            config.relative(files[-1]), None,
            f"its post {source}/{old}.md is gone, and {looks_like(config, candidates)}: "
            f"nothing carried; say which with `{mv_command(old, 'NEW')}` (NEW one of "
            f"{', '.join(map(shlex.quote, candidates))})",
            "move-ambiguous",
        ))
    search.ambiguous = {old: c for old, c in search.ambiguous.items() if old not in taken}
    return search


def mv_command(old: str, new: str) -> str:
    """The ``pipeline mv`` command of an advice, as it works when typed: each post id quoted
    for the shell (a name with a space), ``--`` before them when one starts with ``-``
    (else taken for an option); ``NEW`` as it is (the reader's part)."""
    names = [shlex.quote(old), new if new == "NEW" else shlex.quote(new)]
    dashes = "-- " if any(name.startswith("-") for name in names) else ""
    return f"pipeline mv {dashes}{' '.join(names)}"


def looks_like(config: Config, candidates: Sequence[str]) -> str:
    """How the posts a gone post may have moved to are named in a message."""
    shown = [config.relative(config.post_file(new)) for new in candidates]
    if len(shown) == 1:
        return f"{shown[0]} looks like it moved there, but so does another post that is gone"
    return " and ".join(shown) + " each look like it moved there"


def _old_translation_key(config: Config, old: str) -> str:
    """A gone post's translationKey: the one its German post carries (merge writes the Dutch
    one, or the post id), else its id."""
    for language in config.target_languages:
        path = config.post_file(old, language)
        try:
            meta = load_post(config.relative(path), path.read_bytes()).meta
        except (OSError, PipelineError):
            continue
        key = _translation_key(meta)
        if key is not None:
            return key
    return old


def _translation_key(meta: dict[str, object]) -> str | None:
    return translation_key_of(meta)


def _template_words(config: Config, old: str) -> dict[tuple[str | None, str], int]:
    """A gone post's units (their keys) and words: of its template, else of a catalog."""
    for path in catalog_files(config, old):
        catalog = _catalog(config, path)
        if catalog is not None:
            return {m.key: max(1, count_words(m.msgid)) for m in catalog.messages
                    if not m.obsolete and m.msgid and m.msgctxt != "slug"}
    return {}


def _post_profile(config: Config, path: Path, post_id: str) -> tuple[str | None, dict[tuple[str | None, str], int]] | None:
    try:
        data = path.read_bytes()
        post = load_source_post(config.relative(path), data, config.max_post_bytes)
        units = post_units(config, post, post_id, "", None, pack=False)[0]
    except (OSError, PipelineError):
        return None  # extract reports it
    words: dict[tuple[str | None, str], int] = {}
    for unit in units:
        if unit.context != "slug":  # the file's name, which a rename changes
            words[unit.context, unit.text] = max(1, count_words(unit.text))
    key = _translation_key(post.meta) if isinstance(post.meta, dict) else None
    return key, words


def _shared_share(old: dict[tuple[str | None, str], int], new: dict[tuple[str | None, str], int]) -> float:
    """The words of the units both have, as a share of the larger of the two posts."""
    if not old or not new:
        return 0.0
    shared = sum(words for key, words in new.items() if key in old)
    return shared / max(sum(old.values()), sum(new.values()))


def carry(
    config: Config, move: Move, dry_run: bool = False, site: Site | None = None,
    again: str = "pipeline extract",
) -> Carried:
    """Move the template, the catalogs and the German posts of ``move.old_id`` to
    ``move.new_id``: each new file written first (a catalog with its references and header
    naming the new post), then the old ones removed. A new file that is there already is
    replaced when it holds no translation, or is what this carry writes (a run killed in the
    middle); a catalog that holds translations of its own gets the carried ones joined with
    its own (:func:`_joined_catalog`); else (a German post, a template with translations)
    nothing is moved and the error says so, and to run ``again`` once it is settled.
    ``site``: to tell the old Dutch URL (:attr:`Carried.alias`)."""
    source = f"{config.content_dir}/{config.source_language}"
    old_shown, new_shown = f"{source}/{move.old_id}.md", config.relative(config.post_file(move.new_id))
    done = Carried(move, post=new_shown, language=config.source_language)
    # old, new, data, old's snapshot, new's, the new place's own catalog joined with (or None)
    plan: list[tuple[Path, Path, bytes, Snapshot, Snapshot, tuple[bytes, Snapshot] | None]] = []
    pairs = carried_paths(config, move.old_id, move.new_id)
    new_slug = _new_slug(config, move.new_id)
    for old_path, new_path, is_catalog in pairs:
        try:
            config.confine(old_path)
            config.confine(new_path)
            data, old_snapshot = read_file(old_path)
            if data is None:
                continue
            if is_catalog:
                data = _carried_catalog(config, old_path, data, move, old_shown, new_shown, new_slug)
            there, new_snapshot = read_file(new_path)
        except PipelineError as exc:
            done.errors.append(exc)
            continue
        except OSError as exc:
            if exc.filename is not None and Path(exc.filename) == new_path:  # a file where a folder is due
                done.errors.append(PipelineError(
                    config.relative(new_path), None, f"cannot be written ({exc.strerror or exc}): "
                    f"{config.relative(old_path)} not carried there, nothing moved"))
            else:
                done.errors.append(PipelineError(config.relative(old_path), None, f"cannot read it: {exc.strerror or exc}"))
            continue
        base = None
        if (there is not None and there != data and new_path.suffix == ".po"
                and _holds_beyond(there, data)):  # the translator's own work there: joined
            base = (there, new_snapshot)
            try:
                data = _joined_catalog(config, new_path, there, data, _newer(old_snapshot, new_snapshot))
            except PipelineError as exc:
                done.errors.append(exc)
                continue
            done.joined.append(config.relative(new_path))
        elif there is not None and there != data and (not is_catalog or _holds_beyond(there, data)):
            done.errors.append(PipelineError(
                config.relative(new_path), None,
                f"is there already, and {config.relative(old_path)} would replace it: nothing moved; "
                f"keep the one you want, delete the other, and run `{again}` again",
            ))
            continue
        plan.append((old_path, new_path, data, old_snapshot, new_snapshot if there is not None else MISSING, base))
    if done.errors:
        return done
    done.files = [(config.relative(o), config.relative(n)) for o, n, _, _, _, _ in plan]
    done.alias = _old_dutch_url(config, move, site)
    if dry_run:
        return done
    # The template last, the old catalogs removed last before it: while an old catalog is
    # left the new post has no template, and the next run (after a kill) finds the move
    # again and finishes it; once they are gone, what is left to carry holds no translation.
    template = config.template_path(move.new_id)
    rest = [step for step in plan if step[1] != template]
    removals = sorted(rest, key=lambda step: step[0].suffix == ".po")  # German posts, then catalogs
    phases = [(rest, removals), ([step for step in plan if step[1] == template],) * 2]
    try:
        for writes, removes in phases:
            for _, new_path, data, _, expected, _ in writes:  # every new file first: a kill loses nothing
                if read_file(new_path)[0] != data:
                    write_atomic(new_path, data, expected, config.relative(new_path))
            for old_path, new_path, data, snapshot, _, base in removes:
                error = _remove_carried(config, move, old_path, new_path, snapshot, old_shown, new_shown,
                                        new_slug, base, data)
                if error is not None:
                    done.errors.append(error)
            if done.errors:  # an old file left: no template yet, so that the next run carries again
                break
    except (PipelineError, OSError) as exc:
        done.errors.append(exc if isinstance(exc, PipelineError) else WriteFailed(
            str(exc.filename or ""), None, f"cannot write: {exc.strerror or exc}"))
    return done


def _remove_carried(
    config: Config, move: Move, old_path: Path, new_path: Path, snapshot: Snapshot,
    old_shown: str, new_shown: str, new_slug: str | None, base: tuple[bytes, Snapshot] | None,
    wrote: bytes,
) -> PipelineError | None:
    """Remove a carried file from its old place, once its new one is written (``wrote``).
    Saved there meanwhile (a translator's editor): the saved file is carried again (joined
    with ``base``, the new place's own catalog, as the first time), over the one this run
    wrote, so that the save is in the new file. Saved each time: an error, and the new file
    put back as it was (none, or ``base``), so that the next run carries the old one afresh."""
    is_catalog = old_path.suffix in (".po", ".pot")
    for _ in range(ATTEMPTS):
        now, now_snapshot = read_file(old_path)
        if now is None:
            return None
        if now_snapshot == snapshot and remove_unchanged(old_path, snapshot):
            prune_empty_folders(config, old_path.parent)
            return None
        if now_snapshot == snapshot:
            continue  # saved in the last moment: read it again
        try:
            data = (_carried_catalog(config, old_path, now, move, old_shown, new_shown, new_slug)
                    if is_catalog else now)
            if base is not None:
                data = _joined_catalog(config, new_path, base[0], data, _newer(now_snapshot, base[1]))
        except PipelineError:
            continue  # half saved (an editor writing in place): read it again
        written, written_snapshot = read_file(new_path)
        if written != data:
            write_atomic(new_path, data, written_snapshot, config.relative(new_path))
        wrote, snapshot = data, now_snapshot
    written, written_snapshot = read_file(new_path)
    if written == wrote:  # not saved by anyone since: back as it was
        if base is None:
            remove_unchanged(new_path, written_snapshot)
        else:
            write_atomic(new_path, base[0], written_snapshot, config.relative(new_path))
    return FileChanged(
        config.relative(old_path), None,
        f"saved again and again while it was carried to {config.relative(new_path)}: left as it "
        "is, the carry unfinished; once it is closed, run `pipeline extract` again (its last "
        "save is carried then)",
    )


def prune_empty_folders(config: Config, folder: Path) -> None:
    """Remove ``folder`` and the folders above it while they are empty (as ``git mv`` leaves
    none), up to a language's or the templates' folder."""
    stops = {config.source_dir, config.template_path("x").parent} | {
        stop for language in config.target_languages
        for stop in (config.target_dir(language), config.catalog_path("x", language).parent)
    }
    while folder not in stops and folder != config.root and any(folder.is_relative_to(s) for s in stops):
        try:
            folder.rmdir()
        except OSError:  # not empty, or gone
            return
        folder = folder.parent


def _translations(data: bytes) -> set[tuple[object, ...]] | None:
    """Each translation of a catalog's bytes with its key (None: unreadable)."""
    try:
        catalog = parse_catalog("", data)
    except PipelineError:
        return None
    return {(m.key, found) for m in catalog.messages if (found := translation_of(m)) is not None}


def _holds_beyond(there: bytes, carried: bytes) -> bool:
    """Whether the catalog ``there`` holds a translation the ``carried`` one has not: extract
    may have given a new post's catalog the translations of the gone post's (exact matches
    from the other catalogs of the site); replacing those loses nothing."""
    if not _holds(there):
        return False
    own, known = _translations(there), _translations(carried)
    return own is None or known is None or not own <= known


def _holds_own_translations(
    config: Config, post_id: str, gone_translations: Callable[[str], set[tuple[object, ...]]]
) -> bool:
    """Whether a post's catalogs hold a translation none of the gone posts' catalogs of that
    language hold (``gone_translations``, by language: one extract took from them is not the
    post's own)."""
    for language in config.target_languages:
        path = config.catalog_path(post_id, language)
        if not os.path.lexists(path) or not _holds_file(path):
            continue
        try:
            own = _translations(path.read_bytes())
        except OSError:
            return True
        if own is None or not own <= gone_translations(language):
            return True
    return False


def _gone_translations(config: Config, gone: Iterable[str], language: str) -> set[tuple[object, ...]]:
    """Every translation the catalogs of the ``gone`` posts hold in ``language`` (see
    :func:`_translations`)."""
    known: set[tuple[object, ...]] = set()
    for old in gone:
        try:
            found = _translations(config.catalog_path(old, language).read_bytes())
        except OSError:
            continue
        known |= found or set()
    return known


def _holds_file(path: Path) -> bool:
    try:
        return _holds(path.read_bytes())
    except OSError:
        return True  # not known to be empty


def _holds(data: bytes) -> bool:
    """Whether a catalog's bytes hold a translation; True when they are not UTF-8 (UTF-16, a
    Latin-1 catalog: not known to be empty, and never to be replaced or left unread)."""
    try:
        return holds_translations(data.decode("utf-8"))
    except UnicodeDecodeError:
        return True


def _new_slug(config: Config, new_id: str) -> str | None:
    path = config.post_file(new_id)
    try:
        return effective_slug(new_id, load_post(config.relative(path), path.read_bytes()).meta)
    except (OSError, PipelineError):
        return None


def _carried_catalog(
    config: Config, path: Path, data: bytes, move: Move, old_shown: str, new_shown: str,
    new_slug: str | None,
) -> bytes:
    """A template or catalog as it is once carried: its references and its header naming the
    new post (extract then sets the references' lines, as for any edit of the post), and its
    slug entry the new post's Dutch slug (a renamed file has a new one): the German slug a
    translator gave stays, and with it the German URL."""
    catalog = parse_catalog(config.relative(path), data)
    slugs = [m for m in catalog.messages if m.msgctxt == "slug" and not m.obsolete]
    taken = {m.key for m in catalog.messages}
    if new_slug is not None and len(slugs) == 1 and ("slug", new_slug) not in taken:
        slugs[0].msgid = new_slug
    catalog.header_comment = [line.replace(old_shown, new_shown) for line in catalog.header_comment]
    if catalog.header("Project-Id-Version") == move.old_id:
        catalog.set_header("Project-Id-Version", move.new_id)
    for message in catalog.messages:
        message.locations = [(new_shown if where == old_shown else where, line) for where, line in message.locations]
    return in_line_endings_of(data, format_catalog(catalog).encode())


def _newer(old: Snapshot, new: Snapshot) -> bool:
    """Whether the old file was saved after the new one (a translator's last save)."""
    return (old.mtime_ns or 0) > (new.mtime_ns or 0)


def _joined_catalog(config: Config, path: Path, there: bytes, carried: bytes, carried_newer: bool = False) -> bytes:
    """The catalog at the new place (``there``, which holds translations of its own: a
    translator began on the post before its old catalog was given to it) with the carried
    catalog's translations joined in: an entry without a translation takes the carried one's
    (as it is, a fuzzy one fuzzy); a carried entry the catalog lacks is added obsolete (extract
    brings it back where the post has its msgid). Where both translate an entry, the one of
    the catalog saved last stays (``carried_newer``: the old one, saved after an earlier carry
    was cut short). Nothing held by either is lost but that one."""
    joined = parse_catalog(config.relative(path), there)
    old = parse_catalog(config.relative(path), carried)
    active = {m.key: m for m in joined.messages if not m.obsolete}
    keys = {m.key for m in joined.messages}
    for message in old.messages:
        if translation_of(message) is None:
            continue
        mine = active.get(message.key)
        if mine is not None and (translation_of(mine) is None or carried_newer) and not message.obsolete:
            mine.msgstr, mine.msgstr_plural = message.msgstr, dict(message.msgstr_plural)
            mine.flags = [f for f in mine.flags if f != "fuzzy"] + (["fuzzy"] if message.fuzzy else [])
            mine.previous_msgctxt, mine.previous_msgid = message.previous_msgctxt, message.previous_msgid
        elif message.key not in keys:
            message.obsolete = True
            message.locations = []
            joined.messages.append(message)
            keys.add(message.key)
    return in_line_endings_of(there, format_catalog(joined).encode())


def _old_dutch_url(config: Config, move: Move, site: Site | None) -> str | None:
    """The Dutch URL the post had under its old id, when it is not the new one and the post's
    ``aliases`` lack it (its front matter read as it is now)."""
    if site is None:
        return None
    path = config.post_file(move.new_id)
    try:
        meta = load_post(config.relative(path), path.read_bytes()).meta
    except (OSError, PipelineError):
        return None
    if not isinstance(meta, dict):
        return None
    matter = url_matter(meta)
    urls = site.page_urls(config.source_language, {
        move.old_id: (effective_slug(move.old_id, meta), matter),
        move.new_id: (effective_slug(move.new_id, meta), matter),
    })
    old, new = urls[move.old_id], urls[move.new_id]
    if old is None or old == new or old in aliases_of(meta):
        return None
    return old


def aliases_of(meta: dict[str, object]) -> list[str]:
    """A post's ``aliases`` (any case), as text."""
    for key, value in meta.items():
        if str(key).lower() == "aliases":
            if isinstance(value, str):
                return [value]
            if isinstance(value, list):
                return [str(v) for v in value]
    return []


def carry_moves(
    config: Config, posts: Iterable[Path] | None = None, dry_run: bool = False,
    every: Sequence[Path] | None = None,
) -> tuple[list[Carried], list[PipelineError]]:
    """Find the posts that moved (:func:`find_moves`) and carry each (:func:`carry`); the
    warnings about gone posts that look like more than one."""
    search = find_moves(config, list(posts) if posts is not None else None, every=every)
    search.moves = [move for move in search.moves if not move.extracted]
    if not search.moves:
        return [], search.warnings
    try:
        site: Site | None = Site.load(config)
    except PipelineError:
        site = None  # merge and check report it
    return [carry(config, move, dry_run, site) for move in search.moves], search.warnings
