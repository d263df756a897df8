"""The site's terms (the tags and categories of every post) translated once, in one catalog,
and the glossary of required terms checked.

Which keys are terms: the ``list-keys`` that are ``translatable-keys`` and taxonomies of the
site's Hugo configuration (``[taxonomies]``; Hugo's default ``tags`` and ``categories``)
(:func:`term_keys`).

Extract (:func:`extract_terms`, after the posts, with every post only) makes the terms'
template ``locale/templates/_terms.pot`` from the posts' templates: one entry per Dutch term
of each taxonomy (its msgctxt), its references the posts that use it; and one catalog per
target language, ``locale/<lang>/LC_MESSAGES/_terms.po``, where translators translate each
term once. Each direction (:meth:`Config.direction`) has its own, the same way: the posts
written in German theirs, ``_terms-de`` (:attr:`Config.terms_id`: its template
``locale/templates/_terms-de.pot``, its catalog ``locale/nl/LC_MESSAGES/_terms-de.po``), so
that a German term too is translated once, for every German post. Then:

- a term the terms catalog leaves untranslated (or fuzzy) takes the translation the posts'
  catalogs give it (their entries of that term, typed before there was a terms catalog): the
  one most of them give, the first in code point order of those that tie; the others are said
  (``term-inconsistent``) and stay where they are;
- every post catalog's entry of a term takes the terms catalog's translation; the terms
  catalog's entry says which one the posts were given (a translator comment
  ``given to the posts: <translation>``), so that when a translator changes it there, the
  posts still holding the old one take the new. A post's entry whose translation differs
  from the terms catalog's and is not the one that comment names was typed in the post's
  catalog by hand: it is kept, and said (``term-inconsistent``), never overwritten. A post
  whose translation is already the terms catalog's is not written at all.

So the post catalogs keep their term entries (merge, the completeness and every cache read
them as before): a term the terms catalog leaves untranslated keeps each post using it below
100 %.

The glossary (:func:`read_glossary`): the terms catalog's translations, and the file the
``glossary`` setting names (CSV with a header naming the source and target languages'
columns, or TBX); a translated entry whose msgid holds a glossary term (a whole word, any
case, as Weblate's glossary check matches) and whose msgstr lacks its translation (any case)
is a ``glossary`` warning of check.
"""

from __future__ import annotations

import csv
import io
import re
from xml.etree import ElementTree
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.checkers import Problem
from pipeline.cache import Memo, RunCache, Store, digest
from pipeline.config import SITE_WIDE_CATALOGS, TERMS_ID, Config, names_language
from pipeline.errors import CatalogWarning, ConfigError, PipelineError, unreadable
from pipeline.extract import PostResult, Written, read_catalog, write_or_compare
from pipeline.files import FileChanged, WriteFailed, in_line_endings_of, read_file, redo_on_change
from pipeline.hugo import HugoSettings, Language, load_hugo_settings, urlize
from pipeline.po import Catalog, Message, format_catalog, parse_catalog
from pipeline.post import load_post
from pipeline.record import hand_edited, read_record
from pipeline.runner import direction_name, extract_fingerprint
from pipeline.segment import split_list_value, top_level_setting
from pipeline.site import refused_name
from pipeline.update import build_template, dated_template, term_entries, update_catalog

#: The translator comment of a terms catalog's entry: the translation the posts were given
_GIVEN = "given to the posts: {}"
_GIVEN_RE = re.compile(r"given to the posts: (.*)\Z")
_TERMS_SOURCE = "the site's terms (tags and categories)"


def _terms_source(config: Config) -> str:
    """What a direction's terms template names as its file: the site's terms, or those of the
    posts written in another language (``the terms of the posts written in de``)."""
    if config.terms_id == TERMS_ID:
        return _TERMS_SOURCE
    return f"the terms of the posts written in {config.source_language} (tags and categories)"


def site_taxonomies(config: Config) -> tuple[str, ...]:
    """The plural names of the source language's taxonomies in the site's Hugo configuration
    (Hugo's defaults where it has none, or one that cannot be read: merge and check say so)."""
    try:
        settings = load_hugo_settings(config.root)
        return settings.language(config.source_language).taxonomies
    except (ConfigError, KeyError, PipelineError, OSError):
        return ("tags", "categories")


def term_keys(config: Config, taxonomies: Sequence[str] | None = None) -> tuple[str, ...]:
    """The front matter keys whose values are terms: the ``list-keys`` that are translatable
    and taxonomies of the site (``taxonomies``: :func:`site_taxonomies` when not given)."""
    taxonomies = site_taxonomies(config) if taxonomies is None else taxonomies
    lowered = {name.lower() for name in taxonomies}
    return tuple(key for key in config.list_keys
                 if key in config.translatable_keys and "." not in key and key.lower() in lowered)


@dataclass
class _PostCatalog:
    """A post's catalog as read for its terms."""

    path: Path
    shown: str
    data: bytes
    snapshot: object
    catalog: Catalog


@dataclass
class TermsOutcome:
    """What :func:`_terms_pass` made: the result as extract's, and the terms' translations."""

    result: PostResult
    translations: dict[str, dict[tuple[str, str], str]] = field(default_factory=dict)
    """Per target language, the terms catalog's translations by (taxonomy, Dutch term)."""
    marks_only: set[str] = field(default_factory=set)
    """The terms catalogs that change only in what they say the posts were given (a term just
    translated there, which the posts already have): not stale for check."""


def extract_terms(config: Config, posts: Sequence[Path], now: str, dry_run: bool = False,
                  untouched: Collection[str] = (), use_cache: bool = True) -> PostResult | None:
    """Write the terms' template, update the terms catalogs, carry the posts' translations
    of terms into them and theirs into the posts' catalogs (see the module). None: the site
    has no terms and no terms template. With ``dry_run`` nothing is written. ``untouched``:
    the posts whose catalogs are left as they are (their extract failed in this run).
    ``use_cache``: the term entries of a template or catalog whose bytes are what the last run
    saw are taken from the cache (:func:`_term_entries`), not read again."""
    try:
        with Store(config.root, enabled=use_cache, run=config._run) as store:
            done = redo_on_change(lambda: _terms_pass(config, posts, now, dry_run, untouched, store))
    except WriteFailed as exc:
        return PostResult(config.terms_id, errors=[exc])
    if isinstance(done, FileChanged):
        return PostResult(config.terms_id, errors=[PipelineError(done.path, None, f"{done.message}; run `pipeline extract` again")])
    return None if done is None else done.result


def _terms_pass(config: Config, posts: Sequence[Path], now: str, dry_run: bool,
                untouched: Collection[str] = (), store: Store | None = None) -> TermsOutcome | None:
    result = PostResult(config.terms_id)
    outcome = TermsOutcome(result)
    keys = term_keys(config)
    cache = terms_cache(store, config, keys) if store is not None and store.enabled else None
    pot_path = config.template_path(config.terms_id)
    pot_shown = config.relative(pot_path)
    # the terms of every post, from its template (extract has just written it)
    found: dict[tuple[str, str], list[tuple[str, int]]] = {}
    with_terms: dict[str, None] = {}  # the posts that have terms, in order: only their catalogs are read
    post_ids = [config.post_id(path) for path in posts if refused_name(config, path) is None]
    for post_id in post_ids:
        path = config.template_path(post_id)
        for msgctxt, msgid, _, _, locations in _term_entries(cache, path, config.relative(path), keys) or ():
            found.setdefault((msgctxt, msgid), []).extend((file, line) for file, line in locations)
            with_terms[post_id] = None
    try:
        old_pot_data, pot_snapshot = read_file(pot_path)
    except OSError as exc:
        result.errors.append(unreadable(pot_shown, exc))
        return outcome
    if not found and old_pot_data is None:
        return None
    order = {key: index for index, key in enumerate(keys)}
    messages = [
        Message(msgid=term, msgctxt=key, locations=sorted(set(found[key, term])),
                auto_comments=[f"term of {key}"])
        for key, term in sorted(found, key=lambda k: (order[k[0]], k[1].casefold(), k[1]))
    ]
    # result.units stays 0: the terms are the posts' units, counted with them

    def template_at(date: str) -> Catalog:
        made = build_template(config.terms_id, _terms_source(config), [], date,
                              config.source_language if config.site_languages else None)
        made.header_comment = [f"The terms of {', '.join(keys) or 'the site'}: each translated once, for "
                               "every post.", "Generated by `pipeline extract`: edit the posts, not this file."]
        made.messages = messages
        return made

    template, data = dated_template(template_at, now, old_pot_data, pot_shown)
    if write_or_compare(pot_path, data, old_pot_data, pot_snapshot, pot_shown, dry_run):
        result.written.append(Written(pot_shown, "updated" if old_pot_data else "created"))

    for language in config.target_languages:
        po_path = config.catalog_path(config.terms_id, language)
        po_shown = config.relative(po_path)
        try:
            old, old_data, snapshot = read_catalog(po_path, po_shown)
        except PipelineError as exc:
            result.errors.append(exc)
            continue
        if old is not None:
            result.warnings += old.warnings
        catalog, stats = update_catalog(old, template, language, _terms_source(config))
        given = {m.key: _marked(m) for m in catalog.messages if m.msgctxt in keys and not m.obsolete}
        post_catalogs = _post_catalogs(config, [i for i in with_terms if i not in untouched], language, keys,
                                       result, cache, translations_of(catalog, keys))
        carried = _carry_into_terms(catalog, post_catalogs, keys, po_shown, given, result)
        # its new, fuzzy and obsolete entries are said with the file, not added to the
        # posts' (the terms are the posts' units); the translations carried into it are
        result.stats.known += carried
        translations = translations_of(catalog, keys)
        outcome.translations[language] = translations
        lines = {} if old is None else {m.key: m.lineno for m in old.messages if not m.obsolete}
        result.warnings += one_page_two_pages(config, language, catalog, translations, po_shown, lines)
        # the posts first, the terms catalog's record of what they were given last: a run
        # stopped between leaves it saying the old, which the next run still knows as its own
        for post in post_catalogs:
            if _fill_post(post, translations, given, keys, po_shown, result):
                new_data = in_line_endings_of(post.data, format_catalog(post.catalog).encode())
                if write_or_compare(post.path, new_data, post.data, post.snapshot, post.shown, dry_run):  # type: ignore[arg-type]
                    result.written.append(Written(post.shown, "updated"))
                    if cache is not None and not dry_run:  # the next run need not read it again
                        cache.put(post.shown, {"file": digest(new_data)}, terms=_entries_of(post.catalog, keys))
        unmarked = in_line_endings_of(old_data, format_catalog(catalog).encode())
        for message in catalog.messages:
            if not message.obsolete and (message.msgctxt, message.msgid) in translations:
                _mark(message, message.msgstr)
        po_data = in_line_endings_of(old_data, format_catalog(catalog).encode())
        if unmarked == old_data and po_data != old_data:
            outcome.marks_only.add(po_shown)
        if write_or_compare(po_path, po_data, old_data, snapshot, po_shown, dry_run):
            result.written.append(Written(po_shown, "updated" if old_data else "created", stats))
    return outcome


def one_page_two_pages(config: Config, language: str, catalog: Catalog,
                       translations: dict[tuple[str, str], str], shown: str,
                       lines: dict[tuple[str | None, str], int]) -> list[CatalogWarning]:
    """Dutch terms Hugo files under one page (``E-learning``, ``e-learning``: one URL once
    urlized) whose translations it would file under several German pages
    (``term-inconsistent``, at the first of them, ``lines`` giving its line in the catalog as
    read): the German site would split the page."""
    try:
        settings: HugoSettings | None = load_hugo_settings(config.root)
    except (ConfigError, PipelineError, OSError):
        settings = None  # merge and check say it

    def page(lang: str, text: str) -> str:
        try:
            return urlize(settings, lang, text)  # type: ignore[arg-type]
        except (AttributeError, KeyError):  # no settings, or no such language: Hugo's defaults
            return urlize(HugoSettings(languages=(Language(code=lang.lower(), content_dir=""),)), lang, text)

    source = config.source_language
    pages: dict[tuple[str, str], list[Message]] = {}
    for message in catalog.messages:
        if not message.obsolete and message.msgctxt is not None and (message.msgctxt, message.msgid) in translations:
            pages.setdefault((message.msgctxt, page(source, message.msgid)), []).append(message)
    warnings: list[CatalogWarning] = []
    for (key, url), messages in pages.items():
        german = {page(language, m.msgstr) for m in messages}
        if len(messages) > 1 and len(german) > 1:
            warnings.append(CatalogWarning(
                shown, lines.get(messages[0].key) or None,
                f"the {key} terms {' and '.join(repr(m.msgid) for m in messages)} are one page of the "
                f"site (/{key}/{url}/) but translated {' and '.join(repr(m.msgstr) for m in messages)}, "
                f"{len(german)} pages: translate them alike",
                "term-inconsistent",
            ))
    return warnings


def translations_of(catalog: Catalog, keys: Iterable[str]) -> dict[tuple[str, str], str]:
    """The terms a terms catalog translates (not fuzzy, obsolete or blank)."""
    keys = set(keys)
    return {(m.msgctxt, m.msgid): m.msgstr for m in catalog.messages
            if m.msgctxt in keys and m.translated and m.msgid_plural is None and m.msgstr.strip()}  # type: ignore[misc]


def terms_cache(store: Store, config: Config, keys: Sequence[str]) -> RunCache:
    """Per template or catalog (by its path), under the digest of its bytes, its term entries
    (:func:`_term_entries`)."""
    return RunCache(store, direction_name(config, "terms"), extract_fingerprint(config) + f":term entries of {keys!r}")


def _term_entries(cache: RunCache | None, path: Path, shown: str,
                  keys: Sequence[str]) -> list[tuple[str, str, str, bool, list[tuple[str, int]]]] | None:
    """A template's or catalog's term entries (not obsolete): msgctxt, msgid, msgstr, whether
    translated, references. None: no such file, or one that cannot be read (its post's own
    result says it). From ``cache`` while the file's bytes are what the last run saw."""
    known = None if cache is None else cache.store.file_digest(path)
    if known is not None:
        kept = cache.get(shown, {"file": known})  # type: ignore[union-attr]
        if kept is not None and isinstance(kept.get("terms"), list):
            return [(ctx, msgid, msgstr, done, [(file, line) for file, line in locations])
                    for ctx, msgid, msgstr, done, locations in kept["terms"]]
    try:
        data, _ = read_file(path)
        if data is None:
            return None
        catalog = parse_catalog(shown, data)
    except (PipelineError, OSError):
        return None
    entries = _entries_of(catalog, keys)
    if cache is not None:
        cache.put(shown, {"file": digest(data)}, terms=entries)
    return entries


def _entries_of(catalog: Catalog, keys: Sequence[str]) -> list[tuple[str, str, str, bool, list[tuple[str, int]]]]:
    return term_entries(catalog, keys)  # extract keeps them too, of each file it writes


def _post_catalogs(config: Config, post_ids: Sequence[str], language: str, keys: Sequence[str],
                   result: PostResult, cache: RunCache | None,
                   translations: dict[tuple[str, str], str]) -> list[_PostCatalog]:
    """The posts' catalogs of ``language`` whose term entries the terms pass may change, carry
    or say: one whose every term entry the terms catalog translates (``translations``) as it
    does is not read (its term entries from ``cache``: :func:`_term_entries`)."""
    found: list[_PostCatalog] = []
    post_ids = [post_id for post_id in post_ids if post_id not in config.site_wide_ids]
    entries = {post_id: _term_entries(cache, path, config.relative(path), keys)
               for post_id in post_ids for path in [config.catalog_path(post_id, language)]}
    # the terms the terms catalog does not translate but a post does: every post using one
    # is read (it may be carried into the terms catalog, then given to the others)
    open_terms = {(ctx, msgid) for found_entries in entries.values() for ctx, msgid, msgstr, done, _ in found_entries or ()
                  if (ctx, msgid) not in translations and done and msgstr.strip()}

    def settled(ctx: str, msgid: str, msgstr: str, done: bool) -> bool:
        """Whether a post's term entry is as the terms catalog has it, with nothing to carry."""
        if (ctx, msgid) in translations:
            return done and translations[ctx, msgid] == msgstr
        return (ctx, msgid) not in open_terms

    for post_id in post_ids:
        path = config.catalog_path(post_id, language)
        shown = config.relative(path)
        if entries[post_id] is None or all(settled(ctx, msgid, msgstr, done)
                                           for ctx, msgid, msgstr, done, _ in entries[post_id]):
            continue  # nothing to give it, take from it or say
        try:
            data, snapshot = read_file(path)
            if data is None:
                continue
            catalog = parse_catalog(shown, data)
        except (PipelineError, OSError):
            continue  # the post's own result says it
        if any(m.msgctxt in keys and not m.obsolete for m in catalog.messages):
            found.append(_PostCatalog(path, shown, data, snapshot, catalog))
    return found


def _marked(message: Message) -> str | None:
    """The translation a terms catalog's entry last gave the posts (its ``given to the
    posts`` comment), if any."""
    for comment in message.user_comments:
        match = _GIVEN_RE.match(comment)
        if match:
            return match.group(1)
    return None


def _mark(message: Message, german: str) -> None:
    """Say in a terms catalog's entry which translation the posts were given."""
    mark = _GIVEN.format(german)
    if "\n" not in german and mark not in message.user_comments:
        message.user_comments = [c for c in message.user_comments if not _GIVEN_RE.match(c)] + [mark]


def _typed(message: Message, given: dict[tuple[str | None, str], str | None]) -> str | None:
    """A post's term entry's translation typed in the post's catalog (not the one the terms
    catalog gave it)."""
    if not message.translated or not message.msgstr.strip() or message.msgid_plural is not None:
        return None
    return None if given.get(message.key) == message.msgstr else message.msgstr


def _carry_into_terms(catalog: Catalog, posts: Sequence[_PostCatalog], keys: Sequence[str], shown: str,
                      given: dict[tuple[str | None, str], str | None], result: PostResult) -> int:
    """Fill the terms catalog's untranslated terms from the posts' catalogs (the one most give,
    the first in code point order of a tie); how many. A term they translate in several ways
    is said (``term-inconsistent``)."""
    typed: dict[tuple[str | None, str], list[tuple[str, _PostCatalog, Message]]] = {}
    for post in posts:
        for message in post.catalog.messages:
            german = _typed(message, given) if message.msgctxt in keys and not message.obsolete else None
            if german is not None:
                typed.setdefault(message.key, []).append((german, post, message))
    carried = 0
    for message in catalog.messages:
        if message.obsolete or message.msgctxt not in keys or message.key not in typed:
            continue
        if message.translated and message.msgstr.strip():
            continue  # the terms catalog's wins; a post's differing one is said by _fill_post
        counts = Counter(german for german, _, _ in typed[message.key])
        chosen = min(counts, key=lambda german: (-counts[german], german))
        message.msgstr = chosen
        message.flags = [flag for flag in message.flags if flag != "fuzzy"]
        message.previous_msgctxt = message.previous_msgid = None
        carried += 1
        if len(counts) > 1:
            where = ", ".join(f"{post.shown}:{m.lineno} ({german!r})" for german, post, m in typed[message.key]
                              if german != chosen)
            result.warnings.append(CatalogWarning(
                shown, None,
                f"the {message.msgctxt} term {message.msgid!r} is translated in {len(counts)} ways; "
                f"{chosen!r} taken, as most posts' catalogs have it; kept in {where}: make them one",
                "term-inconsistent",
            ))
    return carried


def _fill_post(post: _PostCatalog, translations: dict[tuple[str, str], str],
               given: dict[tuple[str | None, str], str | None], keys: Sequence[str], terms_shown: str,
               result: PostResult) -> bool:
    """Give a post's term entries the terms catalog's translations; whether any changed. One
    typed by hand that differs is kept and said."""
    changed = False
    for message in post.catalog.messages:
        if message.obsolete or message.msgctxt not in keys or message.msgid_plural is not None:
            continue
        german = translations.get((message.msgctxt, message.msgid))  # type: ignore[arg-type]
        if german is None or (message.translated and message.msgstr == german):
            continue
        if _typed(message, given) is not None:
            result.warnings.append(CatalogWarning(
                post.shown, message.lineno,
                f"the {message.msgctxt} term {message.msgid!r} is {message.msgstr!r} here but "
                f"{german!r} in {terms_shown}: keep one (delete this msgstr to take the terms "
                "catalog's)",
                "term-inconsistent",
            ))
            continue
        message.msgstr = german
        message.flags = [flag for flag in message.flags if flag != "fuzzy"]
        message.previous_msgctxt = message.previous_msgid = None
        changed = True
    return changed


def check_terms(config: Config, posts: Sequence[Path], now: str, use_cache: bool = True) -> list[Problem]:
    """The terms checked: the terms template and catalogs, and the posts' term entries, as
    extract would leave them (``catalog-stale``, ``catalog-missing``: run extract); a term
    translated two ways (``term-inconsistent``); the glossary (``glossary``) over the posts',
    the string tables' and the terms' catalogs. ``use_cache``: what the cache knows of a
    catalog whose bytes are what the last run saw is not read again."""
    with Store(config.root, enabled=use_cache, run=config._run) as store:
        return _check_terms(config, posts, now, store)


def _check_terms(config: Config, posts: Sequence[Path], now: str, store: Store) -> list[Problem]:
    problems: list[Problem] = []
    outcome = _terms_pass(config, posts, now, dry_run=True, store=store)  # writes nothing: no save to redo on
    extracted = None if outcome is None else outcome.result
    if extracted is not None:
        for error in extracted.errors:
            problems.append(Problem(error.path, error.line, "error", "catalog-unreadable", error.message))
        for warning in extracted.warnings:
            problems.append(Problem(warning.path, warning.line, "warning",
                                    getattr(warning, "code", "catalog-warning"), warning.message))
        for written in extracted.written:
            if outcome is not None and written.path in outcome.marks_only:
                continue
            # warnings: the posts' catalogs hold their terms' translations, and merge writes
            # from them, with or without the terms catalog (a site from before it had one)
            missing = written.action == "created"
            problems.append(Problem(
                written.path, None, "warning",
                "catalog-missing" if missing else "catalog-stale",
                ("missing" if missing else "out of date with the site's terms") + ": run `pipeline extract`",
            ))
    keys = term_keys(config)
    post_ids = [config.post_id(path) for path in posts if refused_name(config, path) is None]
    if outcome is not None:
        for language, translations in outcome.translations.items():
            problems += _hand_written_terms(config, post_ids, language, keys, translations, store)
    for language in config.target_languages:
        try:
            glossary = read_glossary(config, language, keys)
        except PipelineError as exc:
            problems.append(Problem(exc.path, exc.line, "error", "glossary-unreadable", exc.message))
            continue
        if not glossary:
            continue
        compiled = _compile(glossary)
        skip = _not_glossed(keys)
        # a catalog's warnings kept under the digests of its bytes and of the glossary
        cache = glossary_cache(store, config, language) if store.enabled else None
        terms_digest = _glossary_digest(glossary, keys)
        # (the string tables are the site's own direction's; another's has its terms catalog only)
        for post_id in [*post_ids, *(SITE_WIDE_CATALOGS if config.terms_id == TERMS_ID else [config.terms_id])]:
            path = config.catalog_path(post_id, language)
            shown = config.relative(path)
            known = None if cache is None else store.file_digest(path)
            if known is not None:
                kept = cache.get(shown, {"file": known, "glossary": terms_digest})  # type: ignore[union-attr]
                if kept is not None and isinstance(kept.get("said"), list):
                    problems += [Problem(shown, line, "warning", "glossary", message) for line, message in kept["said"]]
                    continue
            try:
                data, _ = read_file(path)
                if data is None:
                    continue
                catalog = parse_catalog(shown, data)
            except (PipelineError, OSError):
                continue  # said by the post's own checks
            said = glossary_problems(catalog, shown, compiled, skip=skip)
            problems += said
            if cache is not None:
                cache.put(shown, {"file": digest(data), "glossary": terms_digest},
                          said=[(problem.line, problem.message) for problem in said])
    return problems


def _not_glossed(keys: Sequence[str]) -> tuple[str, ...]:
    """The msgctxts the glossary check passes over: the terms' own, and the slug."""
    return (*keys, "slug")


def _glossary_digest(glossary: object, keys: Sequence[str]) -> str:
    """What a catalog's kept ``glossary`` warnings depend on besides its bytes: the glossary
    and the msgctxts passed over (:func:`check_terms` and :class:`CatalogNotes` alike)."""
    return digest(repr((glossary, _not_glossed(keys))).encode())


def glossary_cache(store: Store, config: Config, language: str) -> RunCache:
    """Per catalog of a language (by its path), under the digests of its bytes and of the
    glossary, the ``glossary`` warnings of its entries (read a row at a time: 14 MB at 10,000 posts)."""
    return RunCache(store, direction_name(config, f"glossary-{language}"), extract_fingerprint(config), by_row=True)


TermsNote = tuple[str, "str | None", str, str, object]
"""What :class:`CatalogNotes` made of a template or catalog: the cache (``terms``,
``glossary``), the language, the file as shown, the digest of its bytes, what is kept."""


class CatalogNotes:
    """What :func:`check_terms` wants of a post's template or catalog (its term entries, its
    ``glossary`` warnings), made where check's stale-catalog pass has it read and parsed
    already: a picklable ``(path, bytes, catalog, language) -> notes``, kept in the terms
    check's caches by :meth:`keep` in the main process, where :func:`check_terms` then finds
    them. So a check from scratch parses each catalog once for both; the notes are those
    :func:`_term_entries` and the glossary pass make of the same bytes."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.keys = term_keys(config)
        self.glossaries: dict[str, tuple[_Compiled, str]] = {}
        for language in config.target_languages:
            try:
                glossary = read_glossary(config, language, self.keys)
            except PipelineError:
                continue  # said by check_terms
            if glossary:
                self.glossaries[language] = (_compile(glossary), _glossary_digest(glossary, self.keys))

    def __call__(self, path: Path, data: bytes, catalog: Catalog, language: str | None) -> list[TermsNote]:
        shown, data_digest = self.config.relative(path), digest(data)
        notes: list[TermsNote] = [("terms", None, shown, data_digest, _entries_of(catalog, self.keys))]
        if language in self.glossaries:
            compiled, glossary_digest = self.glossaries[language]
            said = glossary_problems(catalog, shown, compiled, skip=_not_glossed(self.keys))
            notes.append(("glossary", language, shown, data_digest,
                          (glossary_digest, [(problem.line, problem.message) for problem in said])))
        return notes

    def keeper(self, store: Store) -> Callable[[Iterable[TermsNote]], None]:
        """What puts notes in the terms check's caches (nothing without the cache): each cache
        opened once for the run (opening one anew drops what was put since its last commit)."""
        caches: dict[str | None, RunCache] = {}
        if store.enabled:
            caches[None] = terms_cache(store, self.config, self.keys)
            for language in self.glossaries:
                caches[language] = glossary_cache(store, self.config, language)

        def keep(notes: Iterable[TermsNote]) -> None:
            for kind, language, shown, file_digest, kept in notes:
                if kind == "terms" and None in caches:
                    caches[None].put(shown, {"file": file_digest}, terms=kept)
                elif kind == "glossary" and language in caches:
                    glossary_digest, said = kept  # type: ignore[misc]
                    caches[language].put(shown, {"file": file_digest, "glossary": glossary_digest}, said=said)

        return keep


def _list_value(value: object) -> list[str] | None:
    if isinstance(value, str):
        return split_list_value(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value]
    return None


def merge_written_cache(store: Store, language: str) -> RunCache:
    """Per German post (by its post id), under the digest of its bytes, that merge wrote it
    and no hand changed it since (:func:`pipeline.record.hand_edited`): a fact of those bytes
    alone, so that the terms check reads again only the German posts that changed."""
    return RunCache(store, f"merge-written-{language}", "German post bytes")


def _hand_written_terms(config: Config, post_ids: Sequence[str], language: str, keys: Sequence[str],
                        translations: dict[tuple[str, str], str], store: Store | None = None) -> list[Problem]:
    """A German post merge did not write (written or changed by hand) whose terms differ from
    the terms catalog's translations of its Dutch post's terms (``term-inconsistent``).
    With ``store`` (enabled), a German post the cache knows as merge's own, by the digest of
    its bytes (:meth:`Store.file_digest`: read again once its size, times or inode change), is
    not read."""
    problems: list[Problem] = []
    terms_shown = config.relative(config.catalog_path(config.terms_id, language))
    cache = merge_written_cache(store, language) if store is not None and store.enabled else None
    for post_id in post_ids:
        german_path = config.post_file(post_id, language)
        known = None if cache is None else store.file_digest(german_path)  # type: ignore[union-attr]
        if known is not None and cache.get(post_id, {"german": known}) is not None:  # type: ignore[union-attr]
            continue  # merge's own output, as the last check saw it
        try:
            german_data = german_path.read_bytes()
            if not hand_edited(german_data) and read_record(german_data.decode("utf-8", "replace")) is not None:
                if cache is not None and known is not None and digest(german_data) == known:
                    cache.put(post_id, {"german": known})
                continue  # merge's own output: its terms are the catalog's
            german = load_post(config.relative(german_path), german_data, config.max_post_bytes)
            dutch_path = config.post_file(post_id)
            dutch = load_post(config.relative(dutch_path), dutch_path.read_bytes(), config.max_post_bytes)
        except (PipelineError, OSError):
            continue  # check's other passes say it
        for key in keys:
            dutch_key = top_level_setting_key(dutch.meta, key)
            german_key = top_level_setting_key(german.meta, key)
            if dutch_key is None or german_key is None:
                continue
            dutch_terms = _list_value(dutch.meta[dutch_key])
            german_terms = _list_value(german.meta[german_key])
            if dutch_terms is None or german_terms is None or len(dutch_terms) != len(german_terms):
                continue
            for term, given in zip(dutch_terms, german_terms):
                wanted = translations.get((key, term))
                if wanted is not None and given != wanted:
                    problems.append(Problem(
                        config.relative(german_path), german.node_line(german.meta_nodes[german_key]),
                        "warning", "term-inconsistent",
                        f"the {key} term {term!r} is {given!r} here but {wanted!r} in {terms_shown}: "
                        "keep one",
                    ))
    return problems


def top_level_setting_key(meta: dict[str, object], setting: str) -> str | None:
    """The front matter key ``setting`` names, as written (any case, as Hugo reads keys)."""
    return next((key for key in meta if isinstance(key, str) and top_level_setting(key, (setting,))), None)


# ---------------------------------------------------------------------------------------
# the glossary


@dataclass(frozen=True)
class GlossaryTerm:
    source: str
    target: str
    origin: str
    """Where it is defined (``file:line``)."""


def read_glossary(config: Config, language: str, keys: Sequence[str]) -> list[GlossaryTerm]:
    """The required terms of ``language``: the terms catalog's translations, then the
    ``glossary`` setting's file (:class:`PipelineError` at ``file:line`` for one that cannot
    be read)."""
    terms: list[GlossaryTerm] = []
    po_path = config.catalog_path(config.terms_id, language)
    po_shown = config.relative(po_path)
    try:
        data, _ = read_file(po_path)
        messages = [] if data is None else parse_catalog(po_shown, data).messages
    except (PipelineError, OSError):
        messages = []  # said by the terms' own check (catalog-unreadable)
    for message in messages:
        if message.msgctxt in keys and message.translated and message.msgstr.strip():
            terms.append(GlossaryTerm(message.msgid, message.msgstr, f"{po_shown}:{message.lineno}"))
    if config.glossary:
        path = config.root / config.glossary
        shown = config.relative(path)
        try:
            if not path.resolve().is_relative_to(config.root.resolve()):
                raise PipelineError(shown, None, "leads outside the root: set glossary in [tool.pipeline] "
                                    "to a file of the root")
            if path.is_dir():
                raise PipelineError(shown, None, "is a folder, not a glossary: set glossary in "
                                    "[tool.pipeline] to a CSV or TBX file of the root")
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise PipelineError(shown, None, "is not UTF-8: save the glossary as UTF-8") from None
        except FileNotFoundError:
            raise PipelineError(shown, None, "no such glossary: set glossary in [tool.pipeline] to a "
                                "CSV or TBX file of the root") from None
        except OSError as exc:
            raise unreadable(shown, exc) from None
        if path.suffix.lower() == ".tbx" or text.lstrip().startswith("<"):
            terms += read_tbx(text, shown, config.source_language, language)
        else:
            terms += read_csv(text, shown, config.source_language, language)
    return terms


def read_csv(text: str, shown: str, source: str, target: str) -> list[GlossaryTerm]:
    """A CSV glossary: a header row naming the languages' columns (``nl,de``), then a term
    per row; a target language without a column has no terms. Its fields are separated by
    commas, or by semicolons or tabs where the header row has more of them (as Excel saves
    CSV in a Dutch or German locale, or a tab-separated export)."""
    header_line = re.sub(r'"[^"]*"', "", text.split("\n", 1)[0])
    delimiter = max(",;\t", key=lambda candidate: (header_line.count(candidate), candidate == ","))
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(rows, None)
        if header is None:
            raise PipelineError(shown, 1, f"is empty: write a header row ({source},{target}), then a term a row")
        names = [name.strip().lower() for name in header]
        if source.lower() not in names:
            raise PipelineError(shown, 1, f"the header names no column {source!r}: write a header row "
                                f"({source},{target}), then a term a row")
        if target.lower() not in names:
            return []
        first, second = names.index(source.lower()), names.index(target.lower())
        terms: list[GlossaryTerm] = []
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise PipelineError(shown, line, f"has {len(row)} fields where the header has {len(header)}: "
                                    "quote a term that holds a comma")
            dutch, german = row[first].strip(), row[second].strip()
            if not dutch or not german:
                raise PipelineError(shown, line, f"a term without its {source if not dutch else target} "
                                    "form: fill it in or delete the row")
            terms.append(GlossaryTerm(dutch, german, f"{shown}:{line}"))
        return terms
    except csv.Error as exc:
        raise PipelineError(shown, rows.line_num or None, f"{exc}: write it as CSV (RFC 4180)") from None


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read_tbx(text: str, shown: str, source: str, target: str) -> list[GlossaryTerm]:
    """A TBX glossary (ISO 30042, TBX 2 ``termEntry``/``langSet``/``tig`` or TBX 3
    ``conceptEntry``/``langSec``/``termSec``): per entry, its first term in each language."""
    if "<!DOCTYPE" in text or "<!ENTITY" in text:  # entities are not read (no expansion bombs)
        line = text[: text.find("<!")].count("\n") + 1
        raise PipelineError(shown, line, "has a DOCTYPE: remove it (TBX needs none)")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise PipelineError(shown, line, f"is not well-formed XML ({exc.msg if hasattr(exc, 'msg') else exc}): "
                            "fix the file") from None

    def local(tag: object) -> str:
        return str(tag).rsplit("}", 1)[-1]

    terms: list[GlossaryTerm] = []
    for entry in root.iter():
        if local(entry.tag) not in ("termEntry", "conceptEntry"):
            continue
        forms: dict[str, str] = {}
        for lang_set in entry:
            if local(lang_set.tag) not in ("langSet", "langSec"):
                continue
            code = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").lower()
            term = next((t for t in lang_set.iter() if local(t.tag) == "term"), None)
            if term is not None and code and code not in forms:
                forms[code] = "".join(term.itertext()).strip()
        dutch = _language_form(forms, source)
        german = _language_form(forms, target)
        if dutch and german:
            terms.append(GlossaryTerm(dutch, german, shown))
    return terms


def _language_form(forms: dict[str, str], language: str) -> str | None:
    """A term's form in ``language`` (``de`` also found as ``de-DE``)."""
    if language.lower() in forms:
        return forms[language.lower()]
    return next((form for code, form in forms.items() if names_language(code, language)), None)


_WORD_RE = re.compile(r"\w+")


@dataclass
class _Compiled:
    """A glossary made ready to look up: each term's pattern, compiled once, and the terms by
    their first word (casefolded), so that an entry is tried only against the terms whose first
    word it holds, not against every term: 1,000 terms over 10,000 entries take a second,
    not minutes."""

    by_word: dict[str, list[tuple[int, GlossaryTerm, re.Pattern[str]]]]
    wordless: list[tuple[int, GlossaryTerm, re.Pattern[str]]]
    """The terms without a letter or digit (``++``): tried on every entry. (Each term with
    its place in the glossary: problems are said in its order.)"""
    found: Memo[tuple[GlossaryTerm, ...]] = field(default_factory=Memo)
    """The terms found in a msgid, in the glossary's order: a msgid repeated (a tag, a
    heading, a sentence shared by posts) is looked up once in a run."""

    def terms_in(self, msgid: str) -> tuple[GlossaryTerm, ...]:
        """The terms ``msgid`` holds as whole words (any case), in the glossary's order."""
        key = Memo.key(msgid)
        terms = self.found.get(key)
        if terms is None:
            # a term found as a whole word starts a word of the msgid with its own first word
            candidates: list[tuple[int, GlossaryTerm, re.Pattern[str]]] = []
            for word in dict.fromkeys(_WORD_RE.findall(msgid.casefold())):
                candidates += self.by_word.get(word, ())
            candidates += self.wordless
            terms = tuple(term for _, term, pattern in sorted(candidates, key=lambda candidate: candidate[0])
                          if pattern.search(msgid))
            self.found.keep(key, terms)
        return terms


def _compile(glossary: Sequence[GlossaryTerm]) -> _Compiled:
    compiled = _Compiled({}, [])
    for index, term in enumerate(glossary):
        pattern = re.compile(rf"(?<!\w){re.escape(term.source)}(?!\w)", re.IGNORECASE)
        words = _WORD_RE.findall(term.source.casefold())
        if words:
            compiled.by_word.setdefault(words[0], []).append((index, term, pattern))
        else:
            compiled.wordless.append((index, term, pattern))
    return compiled


def glossary_problems(catalog: Catalog, shown: str, glossary: Sequence[GlossaryTerm] | _Compiled,
                      skip: Iterable[str] = ()) -> list[Problem]:
    """A ``glossary`` warning for each translated entry whose msgid holds a glossary term (a
    whole word, any case) and whose msgstr lacks its translation (any case). ``skip``: the
    msgctxts not looked at (the terms themselves, the slug). The glossary as read, or as
    :func:`_compile` made it (once, for many catalogs)."""
    skip = set(skip)
    compiled = glossary if isinstance(glossary, _Compiled) else _compile(glossary)
    problems: list[Problem] = []
    for message in catalog.messages:
        if (message.obsolete or not message.translated or not message.msgstr.strip()
                or message.msgctxt in skip or message.msgid_plural is not None):
            continue
        terms = compiled.terms_in(message.msgid)
        if not terms:
            continue
        german = message.msgstr.casefold()
        said: set[tuple[str, str]] = set()
        for term in terms:
            if (term.source.casefold(), term.target.casefold()) in said:
                continue
            if term.target.casefold() not in german:
                said.add((term.source.casefold(), term.target.casefold()))
                problems.append(Problem(
                    shown, message.lineno, "warning", "glossary",
                    f"{message.msgid!r} holds the glossary term {term.source!r}, but its translation "
                    f"lacks {term.target!r} ({term.origin}): use it, or change the glossary",
                ))
    return problems
