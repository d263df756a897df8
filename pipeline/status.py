"""`pipeline status`: what is left to translate, per post and language, read off the catalogs.

A row per catalog id (a post's, or a site-wide catalog's under ``locale/templates``: ``_i18n``,
``_terms``, another direction's terms ``_terms-de``: :attr:`pipeline.config.Config.site_wide_catalogs`) and language it is translated into
(a target language; the source language for a post written in another: its direction's): its entries translated (as merge uses them:
:func:`pipeline.translated.used_translation`), fuzzy (a suggestion waiting for review) and
untranslated (and its template's entries it lacks), in units and in words (counted by
:func:`pipeline.translated.count_words`, translate-toolkit's ``pocount`` rules). The posts are
not parsed: a row whose post changed since extract
(extract's cache says so: the post or template is not what it saw) is marked stale, one with no
catalog yet is marked not extracted; neither shows as a percent. :func:`status_page` is the
static HTML page of a report.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from pipeline.cache import Store
from pipeline.config import SITE_WIDE_IDS, Config
from pipeline.errors import PipelineError
from pipeline.parallel import ordered_map
from pipeline.po import Catalog, Message, parse_catalog
from pipeline.runner import extract_cache, status_cache
from pipeline.translated import count_words, percent_of, used_translation

# --------------------------------------------------------------------------------------
# The report

OK, STALE, NOT_EXTRACTED, POST_GONE, SITE_WIDE = "ok", "stale", "not extracted", "post gone", "site-wide"
"""A row's state. ``ok``: the catalog is what extract made of the post as it is now (by extract's
cache); ``stale``: the post or its template changed since (or extract's cache does not know the
post: ``pipeline extract`` tells); ``not extracted``: there is no catalog yet; ``post gone``: a
catalog whose post is not there (renamed, deleted: ``pipeline check`` says where it went);
``site-wide``: a catalog of the whole site (``_i18n``, ``_terms``), which no post is."""

ADVICE = {
    STALE: "run `pipeline extract`",
    NOT_EXTRACTED: "run `pipeline extract`",
    POST_GONE: "run `pipeline check`",
}


@dataclass(kw_only=True)
class Counts:
    """Entries and their words by state: translated, fuzzy (a suggestion waiting for review)
    and untranslated; a catalog's (:class:`StatusRow`) or a language's (:class:`StatusTotals`)."""

    units_translated: int = 0
    units_fuzzy: int = 0
    units_untranslated: int = 0
    words_translated: int = 0
    words_fuzzy: int = 0
    words_untranslated: int = 0

    @property
    def units(self) -> int:
        return self.units_translated + self.units_fuzzy + self.units_untranslated

    @property
    def words(self) -> int:
        return self.words_translated + self.words_fuzzy + self.words_untranslated

    @property
    def words_left(self) -> int:
        """Words still to translate or review: the fuzzy and untranslated ones."""
        return self.words_fuzzy + self.words_untranslated


@dataclass
class StatusRow(Counts):
    """One catalog (a post's, in one target language): its entries and their words by state."""

    post_id: str
    language: str
    catalog: str
    """The catalog's path, relative to the content root (``locale/de/LC_MESSAGES/x.po``)."""
    state: str
    error: str | None = None
    """Why the catalog could not be read (``file:line: message``); its counts are then 0."""

    @property
    def percent(self) -> float | None:
        """Translated, by words; None where there is no catalog to count, or it cannot be read."""
        if self.state == NOT_EXTRACTED or self.error is not None:
            return None
        return percent_of(self.words_translated, self.words)


@dataclass
class StatusTotals(Counts):
    """A language's rows added up."""

    language: str
    catalogs: int = 0
    not_extracted: int = 0
    stale: int = 0

    @property
    def percent(self) -> float:
        return percent_of(self.words_translated, self.words)


@dataclass
class StatusReport:
    """The rows, most words left first (then by id and language), and the totals per language."""

    rows: list[StatusRow] = field(default_factory=list)
    totals: list[StatusTotals] = field(default_factory=list)


def count_catalog(row: StatusRow, catalog: Catalog) -> None:
    """Add a catalog's entries to ``row`` as pocount sorts them: the header and obsolete entries
    aside; translated as merge uses a translation; fuzzy with a msgstr; the rest untranslated.
    A plural entry's words are its msgid's and msgid_plural's."""
    for message in catalog.messages:
        if message.obsolete or not message.msgid:
            continue
        words = _words(message)
        if message.msgid_plural is None and used_translation(message) is not None or (
            message.msgid_plural is not None and message.translated
        ):
            row.units_translated += 1
            row.words_translated += words
        elif message.fuzzy and (message.msgstr or any(message.msgstr_plural.values())):
            row.units_fuzzy += 1
            row.words_fuzzy += words
        else:
            row.units_untranslated += 1
            row.words_untranslated += words


COUNTS = ("units_translated", "units_fuzzy", "units_untranslated",
          "words_translated", "words_fuzzy", "words_untranslated")
"""A row's counts, by name (as cached and added up)."""


def _count(config: Config, row: StatusRow) -> StatusRow:
    """``row`` with its catalog read and counted (or the error that stops it)."""
    path = config.root / row.catalog
    try:
        config.confine(path)
        catalog = parse_catalog(row.catalog, path.read_bytes())
    except PipelineError as exc:
        row.error = str(exc)
        return row
    except OSError as exc:
        row.error = f"{row.catalog}: cannot be read ({exc.strerror or exc})"
        return row
    count_catalog(row, catalog)
    count_missing(row, catalog, _template(config, row.post_id))
    return row


def _template(config: Config, catalog_id: str) -> Catalog | None:
    """The catalog's template, if there is one that reads (a broken one is extract's to say)."""
    path = config.template_path(catalog_id)
    try:
        config.confine(path)
        return parse_catalog(config.relative(path), path.read_bytes())
    except (PipelineError, OSError):
        return None


def count_missing(row: StatusRow, catalog: Catalog, template: Catalog | None) -> None:
    """Add to ``row`` as untranslated the entries of ``template`` that ``catalog`` lacks (an
    emptied catalog, one cut to its header, entries a tool dropped): their words are not
    translated, and merge has no translation for them."""
    if template is None:
        return
    have = {(m.msgctxt, m.msgid) for m in catalog.messages if not m.obsolete}
    for message in template.messages:
        if message.obsolete or not message.msgid or (message.msgctxt, message.msgid) in have:
            continue
        row.units_untranslated += 1
        row.words_untranslated += _words(message)


def _words(message: Message) -> int:
    """An entry's words: its msgid's, and its plural msgid's."""
    words = count_words(message.msgid)
    if message.msgid_plural is not None:
        words += count_words(message.msgid_plural)
    return words


class _Count:
    """The counting of a row, picklable for the workers."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, row: StatusRow) -> StatusRow:
        return _count(self.config, row)


def _catalog_ids(config: Config) -> set[str]:
    """The ids of the templates and catalogs under locale/ (every language's of the site: the
    source language's catalogs are those of posts written in another language)."""
    ids: set[str] = set()
    folders = [(config.template_path("x").parent, ".pot")] + [
        (config.catalog_path("x", language).parent, ".po") for language in config.languages
    ]
    for folder, suffix in folders:
        top = str(folder)
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            for name in filenames:
                if name.endswith(suffix):
                    relative = os.path.relpath(os.path.join(dirpath, name), top)
                    ids.add(Path(relative).as_posix()[: -len(suffix)])
    return ids


def status(
    config: Config, directions: Sequence[tuple[Config, list[Path]]], everything: bool, use_cache: bool = True,
    jobs: int = 1,
) -> StatusReport:
    """The status of the posts of each direction (:meth:`pipeline.config.Config.direction`: its
    settings and its source post files) in each of its target languages: the site's own
    target languages first, then any other language a direction's posts go to (Dutch, for the
    posts written in German); ``everything``: the catalogs of posts that are gone (in any
    language they are in) and the site-wide ones too (no paths were given). A catalog's counts
    are kept in the cache under the digest of its bytes; the others are counted in ``jobs``
    processes."""
    with Store(config.root, use_cache, run=config._run) as store:  # (it keeps the files' digests it read)
        states: dict[str, dict[str, str]] = {language: {} for language in config.target_languages}
        for direction, posts in directions:
            seen = extract_cache(store, direction) if store.enabled else None
            for path in posts:
                post_id = direction.post_id(path)
                digests = (seen.record(post_id) or {}).get("digests", {}) if seen else {}
                fresh = (
                    bool(digests)
                    and digests.get("post") == store.file_digest(path)
                    and digests.get("pot") == store.file_digest(direction.template_path(post_id))
                )
                for language in direction.target_languages:
                    states.setdefault(language, {})[post_id] = OK if fresh else STALE
        if everything:
            posts = {post_id for found in states.values() for post_id in found}
            for catalog_id in sorted(_catalog_ids(config) - posts):
                if catalog_id in config.site_wide_ids:  # another direction's terms: in its target languages
                    own = catalog_id in SITE_WIDE_IDS
                    for language in config.target_languages if own else config.languages:
                        if own or os.path.lexists(config.catalog_path(catalog_id, language)):
                            states.setdefault(language, {})[catalog_id] = SITE_WIDE
                    continue
                for language in config.languages:  # (a gone post's catalog in a language it is not in: no row)
                    if language in states or os.path.lexists(config.catalog_path(catalog_id, language)):
                        states.setdefault(language, {})[catalog_id] = POST_GONE
        report = StatusReport()
        for language in [*config.target_languages, *(lang for lang in config.languages if lang in states
                                                      and lang not in config.target_languages)]:
            cache = status_cache(store, config, language) if store.enabled else None
            rows, uncounted, keys = [], [], {}
            for post_id, state in states[language].items():
                path = config.catalog_path(post_id, language)
                if not os.path.lexists(path):
                    if state != POST_GONE:
                        rows.append(StatusRow(post_id, language, config.relative(path), NOT_EXTRACTED))
                    continue
                row = StatusRow(post_id, language, config.relative(path), state)
                rows.append(row)
                keys[post_id] = {"po": store.file_digest(path),
                                 "pot": store.file_digest(config.template_path(post_id))}
                entry = cache.get(post_id, keys[post_id]) if cache else None
                if entry is None or any(not isinstance(entry.get(name), int) for name in COUNTS):
                    uncounted.append(row)
                else:
                    for name in COUNTS:
                        setattr(row, name, entry[name])
            counted = {(row.post_id, row.language): row for row in ordered_map(_Count(config), uncounted, jobs)}
            rows = [counted.get((row.post_id, row.language), row) for row in rows]
            for row in counted.values():
                if cache is not None and row.error is None and keys[row.post_id]["po"] is not None:
                    cache.put(row.post_id, keys[row.post_id], **{name: getattr(row, name) for name in COUNTS})
            report.rows += rows
            report.totals.append(_totals(language, rows))
    report.rows.sort(key=lambda r: (-r.words_left, r.state != NOT_EXTRACTED, r.post_id, r.language))
    return report


def _totals(language: str, rows: list[StatusRow]) -> StatusTotals:
    totals = StatusTotals(language)
    for row in rows:
        totals.catalogs += row.state != NOT_EXTRACTED
        totals.not_extracted += row.state == NOT_EXTRACTED
        totals.stale += row.state == STALE
        for name in COUNTS:
            setattr(totals, name, getattr(totals, name) + getattr(row, name))
    return totals


# --------------------------------------------------------------------------------------
# The HTML page

COLOURS = {"translated": "#2e7d32", "fuzzy": "#f9a825", "untranslated": "#c62828"}
"""The bar's colours (the tests look for these pixels in a screenshot)."""

_STYLE = """\
body{font:14px/1.4 sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:20px;margin:0 0 12px}
table{border-collapse:collapse}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #ddd;vertical-align:middle;white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:flex;width:240px;height:14px;background:#eee}
.bar span{display:block;height:100%}
.translated{background:#2e7d32}.fuzzy{background:#f9a825}.untranslated{background:#c62828}
.note{color:#666;font-style:italic}
.key span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}
@media (max-width:600px){
body{margin:12px}
table,tbody,tr,td{display:block}
thead{display:none}
tr{padding:6px 0;border-bottom:1px solid #ddd}
td{border:0;padding:1px 0;white-space:normal;overflow-wrap:anywhere}
td.n{text-align:left}
td:empty{display:none}
.bar{width:100%}
td[data-label]::before{content:attr(data-label) ": ";color:#666}
}
"""
"""The page's style; under 600 px (a phone) each row a block of its cells, named, the bar as
wide as the window: nothing overflows, every bar is on screen."""


def _width(part: int, whole: int) -> str:
    return f"{100 * part / whole:.4f}%" if whole else "0%"


def _bar(row: StatusRow | StatusTotals) -> str:
    whole = row.words
    spans = "".join(
        f'<span class="{kind}" style="width:{_width(words, whole)}" title="{words} words {kind}"></span>'
        for kind, words in (("translated", row.words_translated), ("fuzzy", row.words_fuzzy),
                            ("untranslated", row.words_untranslated))
    )
    return f'<div class="bar" data-translated="{row.words_translated}" data-fuzzy="{row.words_fuzzy}" ' \
           f'data-untranslated="{row.words_untranslated}">{spans}</div>'


_PAGE_MARK = b"<title>Translation status</title>"
"""What the head of a page :func:`status_page` wrote holds (it may be written over)."""


def page_refusal(config: Config, page: Path) -> str | None:
    """Why the status page may not be written at ``page`` (None: it may): inside the posts' or
    the catalogs' folder (a post or catalog lost, or a page Hugo would take for the site's), or
    over a file that is no status page (the site's configuration, a file of someone's)."""
    where = Path(os.path.realpath(page))
    for folder in (config.content_dir, config.locale_dir):
        top = Path(os.path.realpath(config.root / folder))
        if where == top or top in where.parents:
            return (f"is inside {folder}/, the site's own files: give --html a file outside "
                    f"{config.content_dir}/ and {config.locale_dir}/ (public/status.html)")
    if where.is_file():
        try:
            with open(where, "rb") as file:
                head = file.read(1024)
        except OSError:
            return None  # (the write says why)
        if _PAGE_MARK not in head:
            return "exists and is no status page: give --html another file (nothing was written)"
    return None


def status_page(report: StatusReport, config: Config, page: Path) -> str:
    """The report as one HTML page (nothing external: its style inline), to be written at
    ``page``: the links to the catalogs are relative to its folder. The same report gives the
    same bytes."""
    here = Path(os.path.abspath(page)).parent
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Translation status</title>",
        f"<style>\n{_STYLE}</style>",
        "</head>",
        "<body>",
        "<h1>Translation status</h1>",
        ('<p class="key">words:<span class="translated"></span>translated'
        '<span class="fuzzy"></span>fuzzy<span class="untranslated"></span>untranslated</p>'),
        "<table>",
        ("<thead><tr><th>language</th><th>catalogs</th><th>translated</th><th></th><th>words left</th>"
        "<th>not extracted</th><th>stale</th></tr></thead>"),
        '<tbody id="totals">',
    ]
    for totals in report.totals:
        lines.append(
            f'<tr><td>{html.escape(totals.language)}</td><td class="n" data-label="catalogs">{totals.catalogs}</td>'
            f'<td class="n" data-label="translated">{totals.percent:.1f} %</td><td>{_bar(totals)}</td>'
            f'<td class="n" data-label="words left">{totals.words_left}</td>'
            f'<td class="n" data-label="not extracted">{totals.not_extracted}</td>'
            f'<td class="n" data-label="stale">{totals.stale}</td></tr>'
        )
    lines += [
        "</tbody>",
        "</table>",
        "<h2>Catalogs, most words left first</h2>",
        "<table>",
        ("<thead><tr><th>post</th><th>language</th><th>translated</th><th></th><th>words left</th>"
        '<th title="translated / fuzzy / untranslated">units</th><th></th><th>catalog</th></tr></thead>'),
        '<tbody id="rows">',
    ]
    for row in report.rows:
        link = quote(Path(os.path.relpath(config.root / row.catalog, here)).as_posix())
        cells = [(f'<tr data-post="{html.escape(row.post_id)}" data-language="{html.escape(row.language)}" '
                 f'data-state="{row.state}"><td>{html.escape(row.post_id)}</td><td>{html.escape(row.language)}</td>')]
        if row.percent is None:  # not extracted, or not readable: nothing counted, no 0 %
            cells.append('<td class="n" data-label="translated">-</td><td></td><td></td><td></td>')
        else:
            cells.append(
                f'<td class="n" data-label="translated">{row.percent:.1f} %</td><td>{_bar(row)}</td>'
                f'<td class="n" data-label="words left">{row.words_left}</td>'
                f'<td class="n" data-label="units" title="translated / fuzzy / untranslated">'
                f'{row.units_translated} / {row.units_fuzzy} / {row.units_untranslated}</td>'
            )
        note = row.error or (f"{row.state}: {ADVICE[row.state].replace('`', '')}" if row.state in ADVICE else
                             "site-wide" if row.state == SITE_WIDE else "")
        cells.append(f'<td class="note">{html.escape(note)}</td>')
        if row.state == NOT_EXTRACTED:
            cells.append("<td></td></tr>")
        else:
            cells.append(f'<td><a href="{html.escape(link)}">{html.escape(row.catalog)}</a></td></tr>')
        lines.append("".join(cells))
    lines += ["</tbody>", "</table>", "</body>", "</html>", ""]
    return "\n".join(lines)
