"""``pipeline new "Titel"``: a Dutch post started with front matter every command reads.

The title quoted for YAML, the date in RFC 3339 in the source language's zone
(``time-zones``), ``lang``, the slug the title gives (:func:`pipeline.links.slugify`); the file
named as the site names its posts (a date before the slug where its Hugo configuration takes
dates from file names, ``[frontmatter] date = [":filename", …]``), in a section's folder or
as a leaf bundle. Refused, with nothing written: a file there already, a slug or URL another
page has, a title without a slug.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from pipeline.config import Config
from pipeline.dates import date_text, read_date
from pipeline.errors import PipelineError
from pipeline.hugo import alias_path
from pipeline.links import effective_slug, slug_blockers, slugify, untransliterable
from pipeline.post import load_post, post_name_error
from pipeline.site import (
    Site,
    aliases_of,
    bundle_holding,
    bundle_twin,
    find_posts,
    other_pairs,
    page_of,
    pages_of_other_directions,
    url_matter,
)
from pipeline.update import shown_language
from pipeline.yamlout import double_quoted

_SPELLED = str.maketrans({
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i",
})
"""Letters with no accent to strip (NFKD leaves them whole), as ASCII spells them: the slug
keeps them (``Straße``: ``strasse``, not ``strae``; ``Ærø``: ``aero``, not ``r``)."""


NAME_MAX = 255
"""The longest file name (in bytes) the common file systems take (ext4, APFS, NTFS)."""


class NewRefused(PipelineError):
    """What ``pipeline new`` refuses, having written nothing (a usage error)."""


@dataclass(frozen=True)
class NewPost:
    """The post made (or that would be made)."""

    path: Path
    """Its file."""
    shown: str
    """Its file relative to the content root (``content/nl/2024-05-01-fietsen.md``)."""
    post_id: str
    slug: str
    url: str | None
    """Its Dutch URL as the site's Hugo builds it (None: no page, not known)."""
    text: str
    """What the file holds."""
    notes: tuple[str, ...] = ()
    """What the editor should know (a date in the future: Hugo builds it from then on)."""


def new_post(
    config: Config,
    title: str,
    *,
    date: str | None = None,
    section: str = "",
    bundle: bool = False,
    draft: bool = False,
    now: dt.datetime | None = None,
) -> NewPost:
    """Write a new Dutch post titled ``title`` and return it; raise :class:`NewRefused` for
    what is refused. ``date``: its date as written by a person (any form the pipeline reads,
    :func:`pipeline.dates.read_date`; a zone's offset taken as that moment), else ``now``
    (else the clock); ``section``: a folder under the Dutch posts; ``bundle``: a leaf bundle
    ``<name>/index.md``; ``draft``: ``draft: true``."""
    language = config.source_language
    zone = ZoneInfo(config.time_zone(language))
    title = title.strip()
    if not title:
        raise NewRefused("TITLE", None, "the title is empty: give the post's title")
    if any(ch in title for ch in "\n\r\u2028\u2029\x85"):
        raise NewRefused("TITLE", None, "the title has a line break: give it on one line")
    slug = slugify(title.translate(_SPELLED), language)
    if not slug:
        raise NewRefused("TITLE", None, f"{title!r} gives no slug (no letter or digit with an ASCII "
                         "form): give a title with one")
    moment = _moment(date, now, zone)
    site = _site(config)
    folder = _folder(config, section)
    dated = site.hugo is not None and ":filename" in site.hugo.date_handlers.get("date", ())
    name = f"{moment.date().isoformat()}-{slug}" if dated else slug
    if len(f"{name}.md".encode()) > NAME_MAX:
        raise NewRefused("TITLE", None, f"its file name would be {len(name) + 3} characters ({name[:30]}…), "
                         f"more than the {NAME_MAX} a file system takes: give a shorter title")
    path = folder / name / "index.md" if bundle else folder / f"{name}.md"
    shown = config.relative(path)
    try:  # a symlinked folder on the way that leads out of the content root
        config.confine(path)
    except PipelineError as exc:
        raise NewRefused(exc.path, exc.line, exc.message) from None
    _refuse_taken(config, path, bundle)
    post_id = config.post_id(path)
    url = _refuse_clashes(config, site, post_id, slug, {"title": title, "date": moment.isoformat()}, shown)
    lines = ["---", f"title: {double_quoted(title)}", f"date: {date_text(moment)}", f"lang: {language}"]
    if draft:
        lines.append("draft: true")
    text = "\n".join(lines) + "\n---\n\n"
    notes = []
    dropped = untransliterable(title.translate(_SPELLED), language)
    if dropped:
        notes.append(f"{shown}: its slug {slug!r} leaves out {', '.join(map(repr, dropped))} (no ASCII "
                     "form): rename the file for another one")
    if moment > (now or dt.datetime.now(zone)) and not (site.hugo is not None and site.hugo.build_future):
        notes.append(f"{shown}: dated in the future: Hugo builds its page from then on "
                     "(or with `hugo --buildFuture`)")
    made = [folder for folder in (path.parent, *path.parent.parents) if not os.path.lexists(folder)]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as file:  # never over a file
            file.write(text)
    except OSError as exc:
        for folder in made:  # the folders made for it, innermost first: nothing left behind
            try:
                folder.rmdir()
            except OSError:
                break
        if isinstance(exc, FileExistsError):
            raise NewRefused(shown, None, "exists: give another title (nothing written)") from None
        raise NewRefused(shown, None, f"cannot write: {exc.strerror or exc} (nothing written)") from None
    return NewPost(path, shown, post_id, slug, url, text, tuple(notes))


def _moment(date: str | None, now: dt.datetime | None, zone: ZoneInfo) -> dt.datetime:
    """The post's date: ``date`` as read in ``zone``, else ``now``, in ``zone``, to the second."""
    if date is None:
        moment = now if now is not None else dt.datetime.now(zone)
        return moment.astimezone(zone).replace(microsecond=0)
    reading = read_date(date.strip(), str(zone))
    if reading.moment is None:
        raise NewRefused("--date", None, f"{date!r} {reading.problem}")
    moment = reading.moment
    if not isinstance(moment, dt.datetime):  # a day: its midnight in the zone
        moment = dt.datetime(moment.year, moment.month, moment.day, tzinfo=zone)
    try:
        moment = moment.astimezone(zone).replace(microsecond=0)
    except (OverflowError, ValueError):
        raise NewRefused("--date", None, f"{date!r} is out of range in {zone}: give a date "
                         "between the years 1 and 9999 there") from None
    offset = moment.utcoffset() or dt.timedelta(0)
    if offset.seconds % 60 or moment.year < 1000:  # a local mean time (+00:19:32), no RFC 3339 offset
        raise NewRefused("--date", None, f"{date!r}: {zone} had no offset RFC 3339 can write then "
                         f"({moment.isoformat()}, local mean time): give a later date")
    return moment


def _site(config: Config) -> Site:
    try:
        return Site.load(config)
    except PipelineError as exc:
        raise NewRefused(exc.path, exc.line, exc.message) from None


def _folder(config: Config, section: str) -> Path:
    """The folder of the new post: ``section`` under the Dutch posts (``content/nl/`` given
    before it or not)."""
    source = config.source_dir
    given = section.strip().replace("\\", "/").strip("/")
    prefix = config.relative(source).rstrip("/") + "/"
    given = given.removeprefix(prefix) if given + "/" != prefix else ""
    parts = [part for part in given.split("/") if part]
    refused = post_name_error(given)
    if refused is not None or section.startswith("/") or any(part in (".", "..") for part in parts):
        raise NewRefused("--section", None, f"{section!r}: give a folder under {config.relative(source)}/ "
                         "(blog, 2024/reizen)")
    long = next((part for part in parts if len(part.encode()) > NAME_MAX), None)
    if long is not None:
        raise NewRefused("--section", None, f"its folder name {long[:30]}… has {len(long.encode())} bytes, more "
                         f"than the {NAME_MAX} a file system takes: give a shorter one")
    folder = source.joinpath(*parts)
    if os.path.lexists(folder) and not folder.is_dir():
        raise NewRefused(config.relative(folder), None, "is not a folder: give another --section")
    holding = bundle_holding(config, folder / "x.md")
    if holding is not None:
        raise NewRefused(config.relative(folder), None, f"is inside the page bundle "
                         f"{config.relative(holding)} (Hugo publishes no page below it): give another --section")
    return folder


def _refuse_taken(config: Config, path: Path, bundle: bool) -> None:
    """A file there, or the same post in the other form (``x.md`` and ``x/index.md``)."""
    shown = config.relative(path)
    if os.path.lexists(path):
        raise NewRefused(shown, None, "exists: give another title (nothing written)")
    if bundle:
        folder = path.parent
        twin = folder.with_name(f"{folder.name}.md")
        if os.path.lexists(twin):
            raise NewRefused(config.relative(twin), None, "is that post already: give another title")
        if folder.is_dir() and any(found.suffix == ".md" for found in folder.rglob("*.md")):
            raise NewRefused(config.relative(folder), None, "holds Markdown files, which a bundle would "
                             "make its resources: give another title")
    else:
        twin_error = bundle_twin(config, path)
        if twin_error is not None:
            raise NewRefused(twin_error.path, None, f"the page bundle {config.relative(path.with_suffix(''))}/"
                             "index.md is that post already: give another title")
        if path.with_suffix("").is_dir():
            raise NewRefused(config.relative(path.with_suffix("")), None,
                             "is a folder of that name: give another title")


def _refuse_clashes(
    config: Config, site: Site, post_id: str, slug: str, matter: dict[str, str], shown: str
) -> str | None:
    """The new post's Dutch URL; :class:`NewRefused` where another page has its slug (the
    same page path, :func:`pipeline.links.slug_blockers`, the list pages Hugo makes
    included) or its URL (a post's, a folder's list page, an alias): a Dutch source's, or
    the Dutch page of a source written in another language (merge's, or the one it writes)."""
    language = config.source_language
    slugs: dict[str, str] = {}
    pages: dict[str, tuple[str, dict[str, str]]] = {}
    aliases: dict[str, str] = {}
    theirs: dict[str, str] = {}  # another direction's pages, as a refusal names them
    made = pages_of_other_directions(config)
    theirs.update((config.post_id(path), page_of(config, language, config.post_id(path))) for path in made)
    for path in [*find_posts(config), *made]:
        other = config.post_id(path)
        try:
            meta = load_post(config.relative(path), path.read_bytes()).meta
        except (OSError, PipelineError):
            meta = {}
        meta = meta if isinstance(meta, dict) else {}
        slugs[other] = effective_slug(other, meta)
        pages[other] = (slugs[other], url_matter(meta))
        for alias in aliases_of(meta):
            aliases.setdefault(alias_path(alias).strip("/").lower(), other)
    for pair in (pair for target in config.target_languages for pair in other_pairs(config, target)):
        if pair.post_id not in slugs:  # a Dutch page merge writes of a source in another language
            slugs[pair.post_id] = pair.source_slug
            pages[pair.post_id] = (pair.source_slug, pair.address)
            for alias in pair.aliases:
                aliases.setdefault(alias_path(alias).strip("/").lower(), pair.post_id)
            theirs[pair.post_id] = (f"{config.relative(config.post_file(pair.post_id))} (the "
                                    f"{shown_language(language)} page merge writes of a source in another language)")
    blockers = slug_blockers(slugs, {post_id: slug}).get(post_id)
    if blockers:
        raise NewRefused(shown, None, f"its slug {slug!r} is also the slug of "
                         f"{_named(config, blockers[0], theirs)} (one URL): give another title")
    urls = site.page_urls(language, {**pages, post_id: (slug, matter)})
    url = urls.get(post_id)
    if url is None:
        return None
    lists = site.made_list_pages(language, pages.keys())
    for other, other_url in [*urls.items(), *lists.items()]:
        if other != post_id and other_url is not None and other_url.lower() == url.lower():
            raise NewRefused(shown, None, f"its URL {url} is also the URL of {_named(config, other, theirs)}: "
                             "give another title")
    if url.strip("/").lower() in aliases:
        other = aliases[url.strip("/").lower()]
        raise NewRefused(shown, None, f"its URL {url} is an alias of {_named(config, other, theirs)}: "
                         "give another title")
    return url


def _named(config: Config, post_id: str, theirs: dict[str, str] | None = None) -> str:
    """A page as a refusal names it: its file, or the folder whose list page it is; one merge
    is to write of a source in another language as ``theirs`` names it."""
    if theirs and post_id in theirs:
        return theirs[post_id]
    if post_id.rpartition("/")[2] == "_index" and not os.path.lexists(config.post_file(post_id)):
        return f"{config.relative(config.source_dir / post_id.rpartition('/')[0])}/ (the list page Hugo makes)"
    return config.relative(config.post_file(post_id))
