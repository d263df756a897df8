"""The site: the content root's posts in every language, their ids, slugs and URLs as Hugo
builds them, and the links between them.

Merge and check both work from it: which posts there are (:func:`find_posts`), the site's
Hugo configuration and every page's URL (:class:`Site`, :mod:`pipeline.hugo`), each post's
:class:`Summary` (its German slug, heading anchors, completeness), the German pages there are
(:func:`german_slugs`); how a Dutch link maps to a German one is :mod:`pipeline.linkmap`'s. Hugo's
URL rules themselves are :mod:`pipeline.hugo`'s; nothing here writes a post or a catalog.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.cache import RunCache, Store, digest
from pipeline.config import SITE_WIDE_CATALOGS, Config
from pipeline.errors import ConfigError, PipelineError
from pipeline.frontedit import RECORD_KEY
from pipeline.hugo import (
    CONFIG_FILES, HugoSettings, alias_path, is_served_path, list_url, load_hugo_settings, page_url, redirect_place,
    served_path, sitemap_urls, urlize,
)
from pipeline.hugo import page_urls as hugo_page_urls
from pipeline.links import (
    effective_slug, german_slug, heading_anchor, is_section, made_sections, page_path, post_url,
)
from pipeline.markdown import heading_attributes, heading_id
from pipeline.po import Catalog, parse_catalog
from pipeline.post import load_post, post_name_error, printable_path, spellings
from pipeline.record import read_record
from pipeline.runner import Runner, extract_cache, summaries_cache
from pipeline.segment import heading_attributes_of
from pipeline.translated import (
    Digests, TranslatedPost, address_error, count_words, percent_of, read_translated_post,
    SourceRead, source_digests, used_translation,
)
from pipeline.units import PackedUnits, UnitsLookup
from pipeline.update import extracted_language, shown_language


def find_posts(config: Config, paths: Sequence[Path] = ()) -> list[Path]:
    """The source posts to work on in the direction of ``config`` (:meth:`Config.direction`):
    all of ``content/<source language>/**/*.md`` that are sources (:func:`source_posts`), or
    those under ``paths``. A post named that merge made is refused (it is no source)."""
    source = config.source_dir
    if not paths:
        return source_posts(config, _walk_posts(config, source)) if source.is_dir() else []
    found: set[Path] = set()
    for given in paths:
        # relative to the content root, as git -C and make -C read paths after the option
        path = given if given.is_absolute() else config.root / given
        path = Path(os.path.abspath(path))
        if not path.is_relative_to(source):
            shown = printable_path(str(given))
            raise PipelineError(shown, None, f"not a post under {config.relative(source)}/")
        bundle = bundle_holding(config, path)
        if bundle is not None:
            raise PipelineError(printable_path(str(given)), None, (
                f"inside the page bundle {config.relative(bundle)}, whose resource it is (Hugo publishes "
                f"no page for it): name the bundle's folder, {config.relative(bundle.parent)}"))
        if path.is_dir():
            found.update(_walk_posts(config, path))
        elif path.suffix == ".md" and path.exists():
            made_of = made_elsewhere(config, path)
            if made_of is not None:
                raise PipelineError(printable_path(str(given)), None, (
                    f"merge made this post of {made_of}: it is no source: name {made_of}, "
                    "or edit its catalog"))
            if not source_posts(config, [path]):
                claim = next((claim for claim in second_sources(config) if claim.path == path), None)
                home = config.direction(config.languages[0]).source_dir
                why = f"not a post under {config.relative(home)}/, nor a source"
                if claim is not None and claim.same_pair and path.is_relative_to(home):  # (its template's source)
                    why = (f"no source: merge made it of {config.relative(claim.source)}, the source of its "
                           "template (its generation record was removed): name that")
                elif claim is not None and claim.same_pair:
                    why += f": its pair's source is {config.relative(claim.source)}: name that"
                elif claim is not None:
                    why += (f": its id is the id of {config.relative(claim.source)}, the source of another pair: "
                            "rename one of the two")
                raise PipelineError(printable_path(str(given)), None, why)
            found.add(path)
        else:
            shown = printable_path(str(given))
            if config.site_languages:  # under a target language's folder: no source there
                home = config.direction(config.languages[0]).source_dir
                raise PipelineError(shown, None, f"not a post under {config.relative(home)}/, nor a source "
                                    f"under {config.relative(source)}/ (no such file)")
            raise PipelineError(shown, None, "no such post (a .md file or a folder of them)")
    return source_posts(config, sorted(found, key=_path_order))


# ---------------------------------------------------------------------------------------
# Sources: which post of a pair is written by hand, in whichever language


def generated_from(path: Path) -> str | None:
    """The post merge made the post at ``path`` of (its generation record's ``post``, or the
    record's key where it names none), None where it has no record: written by hand, or not
    read. A post merge made is never a source, in any language."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return None
    if RECORD_KEY.encode() not in data:  # (most posts: no decoding, no search)
        return None
    found = read_record(data.decode("utf-8", "replace").removeprefix("\ufeff"))
    if found is None:
        return None
    made_of = found[0].get("post")
    return made_of if isinstance(made_of, str) and made_of else RECORD_KEY


def _generated_from_once(config: Config, path: Path) -> str | None:
    """:func:`generated_from`, each post read once per run (every direction's settings share
    the memo: :meth:`Config.direction`): the run writes no source, and a check reads every post
    of every language for :func:`made_elsewhere` and :func:`written_languages` both."""
    records = config._run.setdefault("records", {})
    text = str(path)
    return records[text] if text in records else records.setdefault(text, generated_from(path))


def made_elsewhere(config: Config, path: Path) -> str | None:
    """The post in another language that merge made the post at ``path`` (of the source
    language of ``config``) of, as its generation record names it; None where it has no record
    or where the record names a post of its own language (a generated post copied into this
    folder: a source that carries a record, which extract and check refuse)."""
    made_of = _generated_from_once(config, path)
    own = f"{config.content_dir}/{config.source_language}/"
    return None if made_of is None or made_of.startswith(own) or made_of == RECORD_KEY else made_of


def translation_key_of(meta: dict[str, object]) -> str | None:
    """A post's ``translationKey`` (Hugo reads keys in any case), None where it sets none."""
    for key, value in meta.items():
        if str(key).lower() == "translationkey" and isinstance(value, (str, int)) and not isinstance(value, bool):
            return str(value)
    return None


def _translation_key_in(config: Config, path: Path) -> str | None:
    """The ``translationKey`` a post's front matter sets (None: none, or not read)."""
    try:
        data = path.read_bytes()
        # (most posts: nothing parsed) a key spelt with escapes (JSON's "translation\u004bey", YAML's
        # and TOML's double quotes) has a backslash; else the key is there as it is read, in any case
        if b"translationkey" not in data.lower() and b"\\" not in data:
            return None
        return translation_key_of(load_post(config.relative(path), data, config.max_post_bytes).meta)
    except (OSError, PipelineError):
        return None


@dataclass(frozen=True)
class SecondSource:
    """A post written by hand in one language of a pair whose source is in another (the
    site's source language first, then the target languages in their order): not a source
    (:func:`source_posts`), and an error of check's (``post-two-sources``, ``post-id-clash``)."""

    path: Path
    source: Path
    """The source it pairs with (the same pair), or whose id it has (an id clash)."""
    same_pair: bool
    """Whether it is of the same pair (same id, or the same ``translationKey``): both claim
    to be the source; else one id names two pairs (two ``translationKey``s), one template."""


@dataclass(frozen=True)
class SharedKey:
    """A source (it stays one) whose ``translationKey`` another source has: Hugo pairs the
    pages of the two with each other's. An error of check's (``translation-key-clash``)."""

    path: Path
    key: str
    other: Path
    """The source that has it too: in the same language (two posts of one folder with one
    key), or in another, whose pair's key it is (this post has its own id and template)."""


def shared_keys(config: Config) -> list[SharedKey]:
    """Every source of the site whose ``translationKey`` an earlier source has (one of the
    same language before it, or one of another language's pair: :class:`SharedKey`), in the
    languages' order. Read where a language besides the first has sources (else no key is)."""
    _sources_by_language(config)  # found once per run
    return list(config._run["shared keys"])


def second_sources(config: Config) -> list[SecondSource]:
    """Every post of the site, in any language, that claims to be a source where another
    language's source has its pair or its id (:class:`SecondSource`), in the languages' order."""
    claims: list[SecondSource] = []
    _sources_by_language(config, claims)
    return claims


def _sources_by_language(config: Config, claims: list[SecondSource] | None = None) -> dict[str, list[Path]]:
    """The sources of each language of the site (:meth:`Config.languages`): its posts without a
    generation record, but those of a pair or an id an earlier language's source has (given to
    ``claims``). Found once per run (every direction's settings share what their run found:
    :meth:`Config.direction`)."""
    made = config._run.get("sources")
    if made is None:
        shared: list[SharedKey] = []
        made = config._run["sources"] = _find_sources(config, shared)
        config._run["shared keys"] = shared
    found, found_claims = made
    if claims is not None:
        claims.extend(found_claims)
    return {language: [path for path, _, _ in paths] for language, paths in found.items()}


def _earlier_pairs(config: Config) -> tuple[set[str], set[str]]:
    """The ids and pair keys (``translationKey``, else the id) of the sources of the languages
    before the source language of ``config``."""
    _sources_by_language(config)  # found once per run
    found, _ = config._run["sources"]
    languages = config.languages
    ids: set[str] = set()
    keys: set[str] = set()
    for language in languages[: languages.index(config.source_language)]:
        for _, post_id, key in found[language]:
            ids.add(post_id)
            keys.add(key if key is not None else post_id)
    return ids, keys


def _find_sources(config: Config, shared: list[SharedKey],
                  ) -> tuple[dict[str, list[tuple[Path, str, str | None]]], list[SecondSource]]:
    """:func:`_sources_by_language` of every language, read from the folders: each source with
    its id and ``translationKey``; the sources whose key another has, to ``shared``
    (:func:`shared_keys`)."""
    claims: list[SecondSource] = []
    found: dict[str, list[tuple[Path, str, str | None]]] = {}
    ids: dict[str, Path] = {}
    keys: dict[str, Path] = {}
    id_keys: dict[str, str | None] = {}
    languages = config.languages
    written: dict[str, list[Path]] = {}  # each language's posts without a record made of another's
    for language in languages:
        direction = config.direction(language)
        folder = direction.source_dir
        posts = _walk_posts(direction, folder) if folder.is_dir() else []
        written[language] = [
            path for path in posts
            if not (language != languages[0] and refused_name(direction, path) is not None)
            and made_elsewhere(direction, path) is None
        ]
    if not any(written[language] for language in languages[1:]):  # (most sites: no pair to tell apart,
        home = config.direction(languages[0])                      # no translationKey read)
        return {language: [(path, home.post_id(path), None) for path in written[language]]
                for language in languages}, claims
    by_id: dict[str, dict[str, Path]] = {}  # each id's posts without a record, by language
    for language in languages:
        direction = config.direction(language)
        for path in written[language]:
            by_id.setdefault(direction.post_id(path, language), {}).setdefault(language, path)
    extracted_from = _extracted_from(config, by_id)
    for language in languages:
        direction = config.direction(language)
        kept: list[tuple[Path, str, str | None]] = []
        own_keys: dict[str, Path] = {}  # the translationKeys of this language's sources, each its first's
        for path in written[language]:
            post_id = direction.post_id(path, language)
            key = _translation_key_in(direction, path)
            source_language = extracted_from.get(post_id, language)
            if source_language != language:
                source = by_id[post_id][source_language]
                source_key = _translation_key_in(config.direction(source_language), source)
                if key is None or source_key is None or key == source_key:  # merge's post, its record removed
                    claims.append(SecondSource(path, source, True))
                    continue
            other = ids.get(post_id)
            if other is not None:
                same = key is None or id_keys[post_id] is None or key == id_keys[post_id]
                claims.append(SecondSource(path, other, same))
                continue
            other = keys.get(key if key is not None else post_id)
            if other is not None and key is not None and _own_template(direction, post_id, language):
                shared.append(SharedKey(path, key, other))  # a source of its own (its id, its template)
            elif other is not None:
                claims.append(SecondSource(path, other, True))
                continue
            elif key is not None and key in own_keys:
                shared.append(SharedKey(path, key, own_keys[key]))
            if key is not None:
                own_keys.setdefault(key, path)
            kept.append((path, post_id, key))
        for path, post_id, key in kept:
            ids[post_id], id_keys[post_id] = path, key
            keys.setdefault(key if key is not None else post_id, path)
        found[language] = kept
    return found, claims


def _own_template(config: Config, post_id: str, language: str) -> bool:
    """Whether the template of ``post_id`` was extracted from a post in ``language``."""
    return extracted_language(config, post_id) == language


def _extracted_from(config: Config, by_id: dict[str, dict[str, Path]]) -> dict[str, str]:
    """Of the ids that posts without a generation record have in two languages or more
    (``by_id``: each id's such posts, by language), the language of the post the id's
    template was extracted from (its header, :func:`pipeline.update.extracted_language`),
    where that language has one of them: that post is the source; another of its pair (no
    other ``translationKey``) is the post merge made of it whose record was removed (edited
    by hand), never a new source. A template is read only for such an id (most sites: none)."""
    extracted: dict[str, str] = {}
    for post_id, posts in by_id.items():
        if len(posts) < 2:
            continue
        language = extracted_language(config, post_id)  # None, no template yet: the languages' order decides
        if language is not None and language in posts:
            extracted[post_id] = language
    return extracted


def written_languages(config: Config) -> list[str]:
    """The site's languages, but its source language, in which posts are written by hand
    (:func:`source_posts`) or of which merge made posts (their generation records name a post
    in that language's folder: a source since deleted too): the directions a check looks at."""
    found = {language for language, paths in _sources_by_language(config).items() if paths}
    folders = {f"{config.content_dir}/{language}/": language for language in config.languages}
    for language in config.languages:
        direction = config.direction(language)
        if not direction.source_dir.is_dir():
            continue
        for path in _walk_posts(direction, direction.source_dir):
            made_of = _generated_from_once(config, path)
            if made_of is not None:
                found.update(other for folder, other in folders.items() if made_of.startswith(folder))
    return [language for language in config.languages[1:] if language in found]


def other_sources(config: Config) -> set[str]:
    """The ids of the sources written in the site's other languages than the source language
    of ``config`` (their templates and catalogs are theirs, not a gone post's of this one)."""
    return {config.direction(language).post_id(path, language)
            for language, paths in _sources_by_language(config).items() if language != config.source_language
            for path in paths}


def own_language_sources(config: Config) -> dict[str, set[str]]:
    """By language of the site, the ids of the sources written in it and in no other (an id
    a source of another language has too is that one's as well): a catalog of one in its own
    language (``locale/<language>/``) is no catalog of its, read by nothing (check's
    :func:`pipeline.check._check_own_language_catalogs`)."""
    ids = {language: {config.direction(language).post_id(path, language) for path in paths}
           for language, paths in _sources_by_language(config).items()}
    return {language: mine.difference(*(theirs for other, theirs in ids.items() if other != language))
            for language, mine in ids.items()}


def other_pairs(config: Config, language: str, store: Store | None = None) -> list[Summary]:
    """The pairs whose source is written in another language than the source language of
    ``config`` (in ``language``, or a third), as summaries of their pages in the two: so that a
    link to the page of such a pair in the source language leads to its page in ``language``,
    whichever language its source is in. A page merge made is taken as it is; one it has not
    made yet, as this run makes it (its slug from its catalog, fully translated: the default
    threshold); a pair without a page in one of the two is left out (a link to it is checked as
    one to no page). Their heading anchors are those merge writes (:func:`_pair_headings`): a
    link's ``#anchor`` on the page in the one language leads to that heading in the other.
    ``store``: the cache, whose summaries of the catalogs are taken (:func:`_catalog_summary`)."""
    pairs: list[Summary] = []
    for other, paths in _sources_by_language(config).items():
        if other == config.source_language:
            continue
        direction = config.direction(other)
        for path in paths:
            post_id = direction.post_id(path, other)
            try:
                meta = load_post(config.relative(path), path.read_bytes(), config.max_post_bytes).meta
            except (OSError, PipelineError):
                continue
            here = _pair_page(direction, path, post_id, meta, config.source_language, store)
            there = (effective_slug(post_id, meta), url_matter(meta), meta) if language == other else \
                _pair_page(direction, path, post_id, meta, language, store)
            if here is None or there is None:
                continue
            headings = _pair_headings(direction, path, other, (config.source_language, language), store)
            here_ids, there_ids = (headings[config.source_language], headings[language]) if headings else ([], [])
            summary = Summary(post_id, here[0], there[0], address=here[1], page_address=there[1],
                              aliases=list(aliases_of(here[2])), hidden=hidden_by(path, here[2]),
                              dutch_anchors=here_ids,
                              anchors={mine: theirs for mine, theirs in zip(here_ids, there_ids) if mine != theirs})
            summary.__post_init__()
            pairs.append(summary)
    return pairs


def third_language_pairs(config: Config, language: str, store: Store | None = None) -> dict[str, list[Summary]]:
    """For the links of the direction of ``config`` into ``language``: by each other language
    of the site (neither its source language nor ``language``), the pages there of the pairs
    written in another language than its source language (:func:`other_pairs`)."""
    return {other: other_pairs(config, other, store) for other in config.languages
            if other not in (config.source_language, language)}


def _pair_headings(direction: Config, path: Path, written_in: str, languages: Sequence[str],
                   store: Store | None = None) -> dict[str, list[str]] | None:
    """The heading ids of the pages in each of ``languages`` of the source at ``path``
    (written in ``written_in``, of the direction ``direction``), in the order of its headings:
    its own, and as merge writes each other page from its catalog (None: a catalog not read)."""
    ids: dict[str, list[str]] = {}
    for language in languages:
        if language == written_in:
            continue
        summary = _catalog_summary(direction, path, language, store)
        if summary is None or summary.error is not None:
            return None
        ids[written_in] = list(summary.dutch_anchors)
        ids[language] = [summary.anchors.get(mine, mine) for mine in summary.dutch_anchors]
    return ids or None


def _catalog_summary(direction: Config, path: Path, language: str, store: Store | None = None) -> Summary | None:
    """The summary in ``language`` of the source at ``path`` written in another language (of
    the direction ``direction``), made once per run (no run writes a catalog while it links the
    pages of the other directions): with a ``store``, those of every source of the direction
    at once, from the cache where the post and catalog are what it saw (:func:`collect_summaries`,
    as the direction's own merge makes them); else :func:`summarize_from_catalog`."""
    made = direction._run.setdefault("pair summaries", {})
    key = (str(path), language)
    if key not in made and store is not None and store.enabled:
        paths = _sources_by_language(direction).get(direction.source_language, [])
        for source, summary in zip(paths, collect_summaries(store, direction, paths, language)):
            made[(str(source), language)] = summary
    if key not in made:
        made[key] = summarize_from_catalog(direction, path, language)[0]
    return made[key]


def _pair_page(direction: Config, path: Path, post_id: str, meta: dict[str, object], language: str,
               store: Store | None = None) -> tuple[str, dict[str, str], dict[str, object]] | None:
    """The slug, the front matter its URL is made of (:func:`url_matter`) and the front matter
    (its aliases, what hides it) of the page in ``language`` of the source at ``path`` (in the
    direction ``direction``, front matter ``meta``): as merge wrote it, else as merge writes it
    from a fully translated catalog, its slug and title translated (None: neither)."""
    made = direction.post_file(post_id, language)
    try:
        made_meta = load_post(direction.relative(made), made.read_bytes(), direction.max_post_bytes).meta
        return effective_slug(post_id, made_meta), url_matter(made_meta), made_meta
    except (OSError, PipelineError):
        pass
    summary = _catalog_summary(direction, path, language, store)
    if summary is None or summary.error is not None or summary.percent < 100:
        return None
    return summary.slug, _german_matter(summary), meta


def source_posts(config: Config, posts: Sequence[Path]) -> list[Path]:
    """Those of ``posts`` (of the source language of ``config``) that are sources: no
    generation record (merge made none of them, of a post in another language), none that
    claims to be a source where another language's has its pair or id (:func:`second_sources`:
    a post merge made whose record was removed, as its id's template tells), and, in a
    language other than the site's source language, no pair (same id or ``translationKey``)
    or id that an earlier language's source has (but a post of its own id and template that has
    another's ``translationKey``: :func:`shared_keys`)."""
    made = [path for path in posts if made_elsewhere(config, path) is None]
    if not made:
        return made
    claimed = {claim.path for claim in second_sources(config)}  # (a post merge made, its record removed)
    if claimed:
        made = [path for path in made if path not in claimed]
    if not config.site_languages:
        return made
    ids, keys = _earlier_pairs(config)
    own = {shared.path for shared in shared_keys(config)}  # another's key, but their own id and template
    kept = []
    for path in made:
        post_id = config.post_id(path)
        key = _translation_key_in(config, path)
        if post_id not in ids and ((key if key is not None else post_id) not in keys or path in own):
            kept.append(path)
    return kept


def _leaf_bundle(names: Sequence[str]) -> bool:
    """Whether a folder of the content with these files is a leaf bundle: it has ``index.md``
    and no ``_index.md`` (with both, Hugo 0.111 makes it a section, its other posts pages)."""
    return "index.md" in names and "_index.md" not in names


def bundle_holding(config: Config, path: Path) -> Path | None:
    """The ``index.md`` of the leaf bundle ``path`` (a file or folder under the Dutch posts)
    is inside, other than its own: Hugo 0.111 makes every file below a leaf bundle's folder,
    Markdown too, a resource of the bundle, and publishes no page for it. None if not inside one."""
    source = config.source_dir
    folder = path.parent  # a bundle's own folder, or its index.md: is it inside another?
    while folder != source and folder.is_relative_to(source):
        if folder / "index.md" != path and (folder / "index.md").is_file() and not (folder / "_index.md").exists():
            return folder / "index.md"
        folder = folder.parent
    return None


def german_bundle(config: Config, folder: Path, language: str, names: Sequence[str]) -> bool:
    """Whether a folder of a target language's posts (holding the files ``names``) is a leaf
    bundle: by its own ``index.md``, or as the Dutch folder it mirrors is one (a German resource
    put there before merge wrote the bundle's page). What is below it are its resources."""
    if _leaf_bundle(names):
        return True
    dutch = config.source_dir / folder.relative_to(config.target_dir(language))
    return "_index.md" not in names and (dutch / "index.md").is_file() and not (dutch / "_index.md").exists()


def german_resource(config: Config, path: Path, language: str, bundles: dict[Path, bool] | None = None) -> bool:
    """Whether a file of a target language's posts is inside a leaf bundle (:func:`german_bundle`),
    a resource of it, not a post. ``bundles``: which folders are bundles, filled as they are
    found, for the next files asked of (the posts of one folder share its answer)."""
    top = config.target_dir(language)
    folder = path.parent
    while folder != top and folder.is_relative_to(top):
        bundle = None if bundles is None else bundles.get(folder)
        if bundle is None:
            names = [n for n in ("index.md", "_index.md") if (folder / n).exists()]
            bundle = german_bundle(config, folder, language, names)
            if bundles is not None:
                bundles[folder] = bundle
        if bundle and folder / "index.md" != path:
            return True
        folder = folder.parent
    return False


def refused_name(config: Config, path: Path) -> PipelineError | None:
    """Why a post found cannot be worked on for its name (see :func:`post_name_error`, and
    :func:`bundle_twin`): the commands report it in its place, and pass its name to nothing else."""
    return strings_clash(config, path) or post_name_error(config.relative(path)) or bundle_twin(config, path)


def strings_clash(config: Config, path: Path) -> PipelineError | None:
    """A post whose id is a site-wide catalog's (``_i18n.md``, ``_terms/index.md``,
    ``_terms-de.md``: :attr:`pipeline.config.Config.site_wide_catalogs`)."""
    name = path.name
    if name != "index.md" and not name.startswith(tuple(SITE_WIDE_CATALOGS)):
        return None  # every post is asked: its name rules out the paths made below
    for catalog_id, what in config.site_wide_catalogs.items():
        if path in (config.source_dir / f"{catalog_id}.md", config.source_dir / catalog_id / "index.md"):
            return PipelineError(config.relative(path), None, f"{catalog_id} names the catalogs of {what} "
                                 f"({config.relative(config.template_path(catalog_id))}): rename the post")
    return None


def bundle_twin(config: Config, path: Path) -> PipelineError | None:
    """A post ``x.md`` beside a leaf bundle ``x/index.md``, in any language: both are the post
    ``x`` (:meth:`Config.post_id`), and Hugo 0.111 publishes the bundle at that URL and drops
    the file without a word. The file is refused; the bundle is the post."""
    name = path.name
    if not name.endswith(".md") or name in ("index.md", "_index.md"):
        return None
    if not os.path.lexists(f"{str(path)[: -len('.md')]}{os.sep}index.md"):  # (text: every post is asked)
        return None
    bundle = path.with_name(name[: -len(".md")]) / "index.md"
    advice = "move what this file holds into the bundle, or rename it"
    if not path.is_relative_to(config.source_dir):  # a German post left from before the Dutch one became a bundle
        language = next((language for language in config.target_languages
                         if path.is_relative_to(config.target_dir(language))), None)
        advice = (f"merge writes the {'translated' if language is None else shown_language(language)} post into "
                  "the bundle now: delete this file (a hand edit of it copied there first)")
    return PipelineError(
        config.relative(path), None,
        f"the page bundle {config.relative(bundle)} is the same page (Hugo publishes the bundle at "
        f"its URL, and not this file): {advice}",
    )


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
        if here != config.source_dir and _leaf_bundle(filenames):
            # the rest of a leaf bundle's folder is its resources (:func:`bundle_holding`)
            found.append(here / "index.md")
            dirnames[:] = []
            continue
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


class HeadingIds(Sequence[str]):
    """A post's heading ids in order, held as one string (a summary of every post is held
    through a merge and a check: one string costs a fraction of a list of them). Equal to a
    list or tuple of the same ids."""

    __slots__ = ("_joined",)

    def __init__(self, ids: Iterable[str] = ()) -> None:
        items = tuple(ids)
        # each id after a NUL, which no heading id holds (:func:`heading_ids`); one that did
        # is kept as it is
        self._joined: str | tuple[str, ...] = items if any("\0" in i for i in items) else "".join(
            "\0" + i for i in items)

    def _items(self) -> Sequence[str]:
        joined = self._joined
        return joined if isinstance(joined, tuple) else joined.split("\0")[1:]

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        return self._items()[index]

    def __len__(self) -> int:
        joined = self._joined
        return len(joined) if isinstance(joined, tuple) else joined.count("\0")

    def __iter__(self) -> Iterator[str]:
        return iter(self._items())

    def __contains__(self, value: object) -> bool:
        return value in self._items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (HeadingIds, list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(list(self))


class Anchors(Mapping[str, str]):
    """Dutch heading id → German heading id, where they differ (:func:`heading_anchors`): a
    fraction of a dict's memory. Made of a post's Dutch ids (:class:`HeadingIds`, the very
    object its summary holds) and its German ids in the same order (:meth:`aligned`), or of a
    dict's pairs. Equal to a dict of the same pairs."""

    __slots__ = ("_dutch", "_german")

    def __init__(self, pairs: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        items = [(dutch, german) for dutch, german in (pairs.items() if isinstance(pairs, Mapping) else pairs)
                 if dutch != german]
        self._dutch = HeadingIds(dutch for dutch, _ in items)
        self._german: HeadingIds | None = HeadingIds(german for _, german in items)

    @classmethod
    def aligned(cls, dutch: HeadingIds, german: Sequence[str]) -> Anchors:
        """The anchors of a post whose headings' Dutch ids are ``dutch`` and German ids
        ``german``, in the same order (the same where a heading's id is)."""
        anchors = cls()
        anchors._dutch = dutch
        anchors._german = None if list(dutch) == list(german) else HeadingIds(german)
        return anchors

    def _pairs(self) -> list[tuple[str, str]]:
        if self._german is None:
            return []
        return [(dutch, german) for dutch, german in zip(self._dutch, self._german) if dutch != german]

    def __getitem__(self, key: str) -> str:
        if self._german is not None:
            dutch = list(self._dutch)
            if key in dutch:
                german = self._german[dutch.index(key)]
                if german != key:
                    return german
        raise KeyError(key)

    def __len__(self) -> int:
        return len(self._pairs())

    def __iter__(self) -> Iterator[str]:
        return iter([dutch for dutch, _ in self._pairs()])

    def items(self):  # type: ignore[no-untyped-def, override]
        return self._pairs()

    def __repr__(self) -> str:
        return repr(dict(self._pairs()))


def _held_once(text: str) -> str:
    """``text`` as the one copy every summary shares (a front matter key, a tag, a post id:
    the same in many summaries, each read from the cache as a string of its own)."""
    return sys.intern(text)


@dataclass(slots=True)
class Summary:
    """What the other posts (and the report) need to know of a post: its URLs, its heading
    anchors, how complete its translation is. Small, so that a run never holds whole posts."""

    post_id: str
    source_slug: str = ""
    slug: str = ""
    anchors: Mapping[str, str] = field(default_factory=Anchors)
    """Dutch heading id → German heading id, where they differ (an :class:`Anchors`)."""
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
    dutch_anchors: Sequence[str] = field(default_factory=HeadingIds)
    """The Dutch page's heading ids, in order (check's link check; :attr:`anchors` maps
    those that differ in German), a :class:`HeadingIds`."""
    terms: Sequence[Sequence[str]] = field(default_factory=list)
    """``[key, Dutch term, German term]`` of each item of a front matter list (``tags``,
    ``categories``: the terms of the site's taxonomies, whose pages Hugo makes), the key
    lowercased; the German term as merge writes it (the Dutch one where not translated)."""
    aliases: Sequence[str] = ()
    """The Dutch page's ``aliases`` (:func:`aliases_of`): URLs Hugo publishes a redirect to it at."""
    linked_headings: Sequence[str] = ()
    """The German text of each heading, in order, as translated (links as written), where a
    heading holds a link: Hugo's id of it is made of the link's URL too, which merge rewrites
    (:class:`pipeline.linkmap.LinkMap` makes :attr:`anchors` of them again); empty where none does."""
    hidden: str = ""
    """Why Hugo renders no page of it whatever the date (:func:`hidden_by`): ``draft``,
    ``headless``, ``_build``; "" for none (:func:`pipeline.hugo.unbuilt`)."""
    page_address: dict[str, str] | None = None
    """The front matter values its page in the target language has, as far as its URL goes,
    where merge does not write that page of this summary (a pair written in another language,
    :func:`other_pairs`: a source's own ``url`` kept); None: merge's (:func:`_german_matter`)."""

    def __post_init__(self) -> None:
        """Held compactly, whatever it was made of (the cache's JSON, a test's dict): the
        anchors and ids as :class:`Anchors` and :class:`HeadingIds`, the post id, the front
        matter keys and the terms shared with every other summary (:func:`_held_once`)."""
        self.post_id = _held_once(self.post_id)
        if not isinstance(self.dutch_anchors, HeadingIds):
            self.dutch_anchors = HeadingIds(self.dutch_anchors)
        if not isinstance(self.anchors, Anchors):
            given = dict(self.anchors)
            dutch = list(self.dutch_anchors)
            if set(given) <= set(dutch) and all(key != value for key, value in given.items()):
                self.anchors = Anchors.aligned(self.dutch_anchors, [given.get(key, key) for key in dutch])
            else:
                self.anchors = Anchors(given)
        # nothing held for an empty list: the one empty tuple
        self.aliases = self.aliases or ()
        self.linked_headings = self.linked_headings or ()
        if self.address:
            self.address = {_held_once(key): value for key, value in self.address.items()}
        self.terms = tuple(tuple(_held_once(text) for text in term) for term in self.terms)

    def cached(self) -> dict[str, object]:
        """The summary as the summaries cache keeps it (:meth:`Summary(**cached) <Summary>` is
        it again): JSON's types."""
        # each field by name (its list and dict values copied where they are mutable): what
        # asdict gives, without its deep copy of every string (tests/test_summary_memory.py)
        found = {name: getattr(self, name) for name in self.__slots__}
        found["address"] = dict(self.address)
        found["anchors"] = dict(self.anchors.items())
        found["dutch_anchors"] = list(self.dutch_anchors)
        found["terms"] = [list(term) for term in self.terms]
        found["aliases"], found["linked_headings"] = list(self.aliases), list(self.linked_headings)
        if found["page_address"] is None:  # (merge's own: the cache's JSON as it was)
            del found["page_address"]
        return found


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


def hidden_by(path: Path, meta: dict[str, object]) -> str:
    """The front matter key for which Hugo 0.111 renders no page of a post whatever its
    dates (keys in any case, values as Hugo's ``cast.ToBool`` reads them): ``draft`` (true),
    ``headless`` (true, of a leaf bundle's ``index.md``: ``path``, the post's file), ``_build`` (``render: never`` or
    false); "" for none."""
    def value(key: str, table: dict[str, object] = meta) -> object:
        return next((table[found] for found in spellings(table, key)), None)

    def true(found: object) -> bool:
        return found is True or (isinstance(found, str) and found.strip().lower() == "true")

    if true(value("draft")):
        return "draft"
    if path.name == "index.md" and true(value("headless")):
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


UnitOfSummary = tuple[int, str, "str | None", "str | None"]
"""What a summary needs of each unit of a post but its slug: its line, its Dutch text, for a
heading its attribute list (``{#kop}``, "" for none; None: no heading, see
:func:`pipeline.segment.heading_attributes_of`), and its German text (None: not translated)."""


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
        if heading is not None:  # its attributes put back: Hugo's id is their #id
            suffix = f" {heading}" if heading else ""
            headings.append((line, dutch + suffix, (german or dutch) + suffix))
    headings.sort(key=lambda h: h[0])  # in the post's order (a catalog lists an entry once)
    dutch_ids = heading_ids([dutch for _, dutch, _ in headings])
    summary.dutch_anchors = HeadingIds(dutch_ids)
    summary.anchors = Anchors.aligned(summary.dutch_anchors, heading_ids([german for _, _, german in headings]))
    if any("](" in dutch for _, dutch, _ in headings):
        summary.linked_headings = [german for _, _, german in headings]
    if summary.units_translated < summary.units:  # else 100 %, without counting words
        words = translated = 0
        for dutch, done in counted:
            count = count_words(dutch)
            words += count
            translated += count if done else 0
        summary.percent = percent_of(translated, words)
    summary.slug = german_slug(given_slug, german_title, summary.source_slug, language,
                                is_section(summary.post_id))
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
    summary.hidden = hidden_by(translated.source_path, translated.post.meta)
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
        units.append((unit.line, unit.text, heading_attributes_of(unit.kind), german))
    items = {(unit.key, unit.index): translated.translation(unit) for unit in translated.units
             if unit.key and unit.index is not None}
    summary.terms = front_matter_terms(translated.post.meta, lambda key, index, term: items.get((key, index)))
    summary.__post_init__()  # the terms and front matter keys held once
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
    slug and title, the dates, no ``url`` (:data:`pipeline.render.PAGE_ADDRESS_KEYS`); a page
    merge does not write of it, its own (:attr:`Summary.page_address`)."""
    if summary.page_address is not None:
        return summary.page_address
    matter = {key: value for key, value in summary.address.items() if key not in ("url", "slug")}
    matter["slug"] = summary.slug
    if summary.title is not None:
        matter["title"] = summary.title
    return matter


def heading_ids(texts: Iterable[str]) -> list[str]:
    """The ids Hugo gives a page's headings, in order: a repeated id with ``-1``, ``-2`` …;
    a heading's own (``## Kop {#mijn-id}``, Goldmark's heading attributes) as it gives it,
    else one made of its text without its attribute list."""
    seen: set[str] = set()
    found = []
    for text in texts:
        start = heading_attributes(text) if "{" in text else None
        given = heading_id(text[start:]) if start is not None else None
        first = anchor = given or heading_anchor(text if start is None else text[:start])
        number = 0
        while anchor in seen:
            number += 1
            anchor = f"{first}-{number}"
        seen.add(anchor)
        found.append(anchor)
    return found


def heading_anchors(dutch_ids: Sequence[str], german: Iterable[str]) -> dict[str, str]:
    """Dutch heading id → German heading id, of each heading of a post in order (its Dutch
    :func:`heading_ids`, its German texts), where they differ: as Hugo gives them, a
    repeated id with ``-1``, ``-2`` … (two ``## Voorbeeld`` are ``#voorbeeld`` and
    ``#voorbeeld-1``, and so are two headings whose German texts are the same). The keys are
    ``dutch_ids``' own strings: a summary holds them once (every summary is held through a
    merge)."""
    return {dutch: german for dutch, german in zip(dutch_ids, heading_ids(german)) if dutch != german}


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
        hugo = load_hugo_settings(root, config.hugo_environment)
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
        names = {post_id: self.config.post_file_name(post_id, language) for post_id in pages}
        urls = hugo_page_urls(self.hugo, language, {names[post_id]: matter for post_id, (_, matter) in pages.items()})
        return {post_id: urls[names[post_id]] for post_id in pages}

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
        # a summary says nothing of the reader's warnings: no double-encoded text looked for
        catalog = parse_catalog(config.relative(po_path), data, warn_double_encoded=False)
        # the front matter alone (no Markdown parsed): what the page's URL is made of
        post = load_post(config.relative(path), path.read_bytes(), config.max_post_bytes)
    except (PipelineError, OSError):
        return None, None
    summary = _summary_of_catalog(post_id, catalog, config.relative(po_path), language)
    if summary is not None:
        summary.address = url_matter(post.meta)
        summary.hidden = hidden_by(path, post.meta)
        summary.aliases = list(aliases_of(post.meta))
        if summary.error is None:
            german = {(m.msgctxt, m.msgid): used_translation(m) for m in catalog.messages if not m.obsolete}
            summary.terms = front_matter_terms(post.meta, lambda key, index, term: german.get((key, term)))
        summary.__post_init__()  # the terms and front matter keys held once
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
        heading = next((found for c in message.auto_comments if (found := heading_attributes_of(c)) is not None), None)
        for _, line in message.locations or [("", line)]:  # without references: after the last
            units.append((line, message.msgid, heading, german))
    if not summary.source_slug:
        return None
    return _summary(summary, units, given, german_title, language)


def summary_made(
    config: Config, path: Path, language: str, kept: UnitsLookup | None, catalog_read: tuple[bytes, Catalog] | None,
    source_read: SourceRead | None = None,
) -> tuple[Summary, Digests, PackedUnits | None]:
    """A post's summary as the summary pass makes it of a post read and parsed, where the
    catalog was read already (``catalog_read``: its bytes and parse, None: read here), and
    the post (``source_read``, None: read here), with the digests of what it was made from
    and the units it cut (None: ``kept``'s, or the caller's)."""
    translated = read_translated_post(config, path, language, kept, catalog_read, source_read)
    return summarize(translated), source_digests(translated), translated.parsed_units


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
        summary, read, parsed_units = summary_made(self.config, path, self.language, kept, None)
        return summary, parsed_units, read


def collect_summaries(
    store: Store,
    config: Config,
    paths: Sequence[Path],
    language: str,
    jobs: int = 1,
    keys: dict[Path, dict[str, str | None]] | None = None,
    parsed: set[Path] | None = None,
    given: dict[Path, tuple[Summary, Digests]] | None = None,
) -> list[Summary]:
    """A summary of each post, from the cache where the post and catalog are unchanged.
    ``keys``, when given, receives the digests of each post and catalog as they were when
    this pass began; ``parsed``, the posts this pass cut into units. A summary is cached
    under the digests of the bytes it was made from. ``given``: summaries an earlier pass
    made (check's stale-catalog pass, :func:`summary_made`) with the digests of what they
    were made from, taken (and cached) as this pass would make them."""
    runner = Runner(store, config, jobs)
    cache = summaries_cache(store, config, language) if store.enabled else None
    extracted = extract_cache(store, config) if store.enabled else None
    keys = {} if keys is None else keys

    def cached(path: Path) -> tuple[Summary, PackedUnits | None, Digests] | None:
        post_id = config.post_id(path)
        keys[path] = {"post": store.file_digest(path), "po": store.file_digest(config.catalog_path(post_id, language))}
        if given is not None and path in given:
            summary, read = given.pop(path)
            keep(path, (summary, None, read))
            return summary, None, {}
        entry = cache.get(post_id, keys[path]) if cache else None
        summary = None if entry is None else _cached_summary(entry)
        return None if summary is None else (summary, None, {})

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
            cache.put(summary.post_id, {**keys[path], **read}, summary=summary.cached())

    summaries = [
        _held_compactly(summary) for summary, _, _ in runner.run(
            _Summarize(config, language), paths, cached=cached, task=task, keep=keep,
            post_of=lambda item: None if item[1] else item[0],  # off the catalog: no units
        )
    ]
    store.commit()  # what this pass kept, the next pass's workers read
    return summaries


def _cached_summary(entry: Mapping[str, object]) -> Summary | None:
    """The summary a summaries cache's entry keeps (:meth:`Summary.cached`), or None where the
    entry is not one (a damaged or foreign cache): the post is summarized again."""
    try:
        return Summary(**entry["summary"])  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _held_compactly(summary: Summary) -> Summary:
    """A summary as :meth:`Summary.__post_init__` holds it: one a worker made comes unpickled,
    its strings copies of their own."""
    summary.__post_init__()
    return summary


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
        if dirpath != folder and german_bundle(config, Path(dirpath), language, filenames):
            filenames = ["index.md"] if "index.md" in filenames else []  # the rest: its resources
            dirnames[:] = []
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
    """The ``aliases`` of each German page as merge leaves it (:class:`pipeline.linkmap.LinkMap`'s
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
        path = config.post_file(other, language)
        page = config.relative(path)
        if is_section(other):
            if os.path.lexists(path):
                named.append(f"{page} (the list page of its folder)")
            else:
                folder = config.relative(config.target_dir(language) / other.rpartition("/")[0])
                named.append(f"{folder}/ (the list page Hugo makes for that folder)")
        elif other in held and page_path(other, held[other]) == wanted:
            named.append(page_of(config, language, other, gone=True))
        else:
            catalog = config.relative(config.catalog_path(other, language))
            named.append(f"{page}, of {_dutch_post(config, other)} (not written yet: {catalog} gives it "
                         "the same slug)")
    return _clash(config, language, summary, f"{name} slug {summary.slug!r} of "
                  f"{_dutch_post(config, summary.post_id)} is also the slug of", named, others)


def _dutch_post(config: Config, post_id: str) -> str:
    """The Dutch post of a post id, as a clash names it."""
    return config.relative(config.post_file(post_id))


def page_of(config: Config, language: str, post_id: str, gone: bool = False) -> str:
    """A page on disk as a clash names it: with its source post, where there is one (a source
    written in ``language`` itself, or one in a third language merge made it of: another
    direction's page, never to be deleted); ``gone``: a page whose source is gone named as
    such, with what to do."""
    path = config.post_file(post_id, language)
    page = config.relative(path)
    if post_id in _written_in(config, language):
        return f"{page} (a source written in {shown_language(language)})"
    made_of = made_elsewhere(config.direction(language), path)
    if made_of is not None and not made_of.startswith(f"{config.content_dir}/{config.source_language}/"):
        return f"{page}, the page of {made_of}"
    if os.path.lexists(config.post_file(post_id)):
        return f"{page}, the page of {_dutch_post(config, post_id)}"
    if gone:  # left by a source renamed or deleted: its URL is free once it is gone
        return (f"{page} (no {shown_language(config.source_language)} original {_dutch_post(config, post_id)}: "
                f"if that post was renamed, delete {page})")
    return page


def _written_in(config: Config, language: str) -> set[str]:
    """The ids of the sources written in ``language`` (:func:`source_posts`)."""
    direction = config.direction(language)
    return {direction.post_id(path, language) for path in _sources_by_language(config).get(language, ())}


def pages_of_other_directions(config: Config) -> list[Path]:
    """The posts in the folder of the source language of ``config`` that are no sources of its
    direction: those merge made of a post in another language, and those that claim to be a
    source where another language's source has their pair or id (:func:`second_sources`).
    They are another direction's pages, which a page of this direction must not clash with."""
    source = config.source_dir
    if not source.is_dir():
        return []
    claimed = {claim.path for claim in second_sources(config)}
    return [path for path in _walk_posts(config, source)
            if made_elsewhere(config, path) is not None or path in claimed]


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
    others: Sequence[Summary] = (),
) -> tuple[list[Summary], set[str]]:
    """What merge links to in ``language``, and check with it: the summaries, a post merge
    refuses for its slug or URL (``blocked``), leaves below ``min_translated`` or does not
    overwrite (``staying``: its page was edited by hand) at its page as it stays (``held``:
    its slug now), and the posts that have a page after merge (their translated post is
    there, or merge writes it; not one it refuses and that has none). ``others``: the pairs
    whose source is in another language (:func:`other_pairs`), linked to as they are."""
    if others:
        linked, available = linked_pages(config, language, summaries, min_translated, blocked, held, staying)
        return [*linked, *others], available | {s.post_id for s in others}
    stays = set(staying)
    available = {
        s.post_id
        for s in summaries
        if s.error is None
        and (s.percent >= min_translated or config.post_file(s.post_id, language).exists())
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
    # and another direction's pages there (a source written in the language, a page made of a
    # third language's source): there as they are, never refused here
    ours = {summary.post_id for summary in summaries}
    beside = [page for page in pages_beside(site, language) if page.post_id not in ours]
    clashes = url_clashes(site, language, [*pages, *beside], summaries)
    theirs = {page.post_id for page in beside}

    def holds(post: str) -> bool:  # its German page has the URL now
        if (is_section(post) or post.startswith("//")) and post not in held and post not in wanted:
            return True  # a list page Hugo makes (a folder's, a taxonomy's): it is always there
        if post in theirs:
            return True
        return post in held and (post not in wanted or held[post] == wanted[post])

    refused: dict[str, tuple[str, list[str]]] = {}
    for post_id in wanted:
        if post_id in clashes:
            url, others = clashes[post_id]
            if [post for post in (post_id, *others) if holds(post)] != [post_id]:
                refused[post_id] = (url, others)
    return refused


def pages_beside(site: Site, language: str) -> list[Summary]:
    """The pages in ``language``'s folder that are another direction's than that of the site's
    settings (``site.config``): the sources written in ``language``, and the pages merge made of
    a source in a third language; each as a summary of its page as it is (its post id, slug and
    the front matter its URL is made of: :attr:`Summary.page_address`), for the URL clashes of
    the pages this direction writes there (:func:`refused_urls`). None hidden (a draft: no
    page); none where URLs are not made of the front matter (:meth:`Site.reads_front_matter`)."""
    config = site.config
    if language == config.source_language or not site.reads_front_matter(language):
        return []
    there = config.direction(language)
    if not there.source_dir.is_dir():
        return []
    own = f"{config.content_dir}/{config.source_language}/"
    written = set(_sources_by_language(config).get(language, ()))
    found: list[Summary] = []
    for path in _walk_posts(there, there.source_dir):
        if path not in written:
            made_of = made_elsewhere(there, path)
            if made_of is None or made_of.startswith(own):
                continue
        post_id = there.post_id(path, language)
        try:
            meta = load_post(config.relative(path), path.read_bytes(), config.max_post_bytes).meta
        except (OSError, PipelineError):
            continue  # its own check says why
        if hidden_by(path, meta):
            continue
        found.append(Summary(post_id, slug=effective_slug(post_id, meta), page_address=url_matter(meta)))
    return found


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
    page = config.post_file(key, language)
    if is_section(key) and not os.path.lexists(page):
        return f"the list page Hugo makes for {config.relative(folder / key.rpartition('/')[0])}/"
    return f"the {shown_language(language)} page {config.relative(page)}"


def url_clash(config: Config, language: str, summary: Summary, url: str, others: Sequence[str]) -> PipelineError:
    """The error of a post whose URL is another post's (:func:`url_clashes`), at its
    catalog's slug entry."""
    named = []
    for other in others[:3]:
        page = config.post_file(other, language)
        if other.startswith(SOURCE_PAGE):
            dutch = config.relative(config.post_file(other.removeprefix(SOURCE_PAGE)))
            named.append(f"the {shown_language(config.source_language)} page {dutch}")
        elif other.startswith("//"):  # a page Hugo makes (made_pages)
            named.append(made_page_name(other))
        elif os.path.lexists(page):
            named.append(page_of(config, language, other))
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
    of itself (:meth:`pipeline.linkmap.LinkMap.alias_taken`)."""
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
    named = [f"{page_of(config, language, other)} (an old URL of that page, which redirects to it)"
             for other in others[:3]]
    said = f"{shown_language(language)} URL {url} of {_dutch_post(config, summary.post_id)} is an alias of"
    return _clash(config, language, summary, said, named, others)
