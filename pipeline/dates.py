"""Post dates: which forms Hugo reads, and what any other form means. One rule for all.

:func:`read_date` decides, for merge (which writes every date key in a form Hugo reads),
for check (which warns or errs) and for ``check --fix`` (which rewrites): they cannot
disagree on a date. A value YAML made a date of is read again from its text: YAML takes
``2023-5-4 10:00:00`` or ``2023-05-04 10:00:00 Z`` for a moment, Hugo does not. A TOML date
(``date = 2023-05-01T10:00:00+02:00``, unquoted, as ``hugo new`` writes it) is one Hugo reads
in every form TOML has (a local date or time, ``t`` and ``z`` in lower case: Hugo 0.111 tried).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import yaml

from pipeline.post import Post

#: What Hugo 0.111 reads (its YAML timestamps and time formats, tried with a real Hugo): a
#: date, or a date and a time WITH seconds, then nothing, ``Z`` or a numeric offset.
#: ``2023-05-04 10:00`` (no seconds) and lower-case ``t``/``z`` give the page 0001-01-01.
RFC3339_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})?)?"
)
#: What this pipeline reads besides: a date, a time with or without seconds, then a zone
#: abbreviation (``CEST``), a numeric offset, ``Z``, or nothing (the configured zone)
_LOOSE_RE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?"
    r"(?:\s*([Zz]|[+-]\d{2}:?\d{2})|\s+([A-Za-z]{2,5}))?)?"
)

#: Unambiguous zone abbreviations and their UTC offsets in minutes. An abbreviation that the
#: configured zone itself uses (CET/CEST for Europe/Amsterdam) means that zone's wall-clock
#: time whatever the season, as writers of ``08:00 CEST`` in February mean it; in the hour
#: that repeats when clocks go back it says which of the two is meant. An unknown one is
#: taken as the configured zone too.
FIXED_ZONES = {
    "UTC": 0, "UT": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60,
    "CET": 60, "MET": 60, "CEST": 120, "MEST": 120, "EET": 120, "EEST": 180, "MSK": 180,
    "EST": -300, "EDT": -240, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
}


@dataclass(frozen=True)
class DateReading:
    """What a front matter date value means."""

    moment: dt.date | None
    """The day or moment meant (a ``datetime`` when a time is given); None: see ``problem``."""
    hugo_reads: bool
    """Whether Hugo reads the value as written."""
    problem: str | None = None
    """Why the value cannot be used (``unreadable``: no date form; ``invalid``: no such day
    or time); None when it can."""
    kind: str = ""
    """``unreadable`` or ``invalid`` when there is a problem."""
    written: str = ""
    """The zone abbreviation written (``CEST``), "" when none."""
    in_force: str = ""
    """The abbreviation in force in the configured zone at that moment, "" when none."""

    @property
    def replacement(self) -> dt.date | None:
        """The value to write instead, when Hugo cannot read this one and it means a date."""
        return None if self.hugo_reads or self.problem else self.moment


#: Keys Hugo 0.111 reads as a page's dates besides date, lastmod, publishDate and expiryDate
#: (its front matter defaults; tried with a real Hugo). Hugo reads every key in any case.
HUGO_DATE_ALIASES = ("modified", "pubdate", "published", "unpublishdate")


def post_date_keys(post: Post, keys: tuple[str, ...] | list[str], zone: str) -> list[str]:
    """The post's keys Hugo reads as dates, as written (``Date:``, ``lastMod:``): the schema's
    date ``keys`` in any case, and Hugo's other date keys where they hold a date (Hugo
    ignores ``published: false``)."""
    names = {key.lower() for key in keys}
    found = []
    for key in post.meta:
        name = key.lower() if isinstance(key, str) else ""
        if name in names or (
            name in HUGO_DATE_ALIASES and read_post_date(post, key, zone).kind != "unreadable"
        ):
            found.append(key)
    return found


def date_replacements(post: Post, keys: tuple[str, ...] | list[str], zone: str) -> dict[str, dt.date]:
    """The post's date keys (:func:`post_date_keys`) whose value Hugo cannot read and that
    mean a moment, with what to write instead: what merge writes in the German post and
    ``check --fix`` in the Dutch one (check warns of each, fixable)."""
    found: dict[str, dt.date] = {}
    for key in post_date_keys(post, keys, zone):
        moment = read_post_date(post, key, zone).replacement
        if moment is not None:
            found[key] = moment
    return found


def written_date(post: Post, key: str) -> str:
    """A date key's value as the file has it, for a message (YAML may have made a date of it:
    ``2017-3-26 02:30:00``)."""
    value = post.meta.get(key)
    if isinstance(value, str):
        return value.strip()
    return getattr(post.meta_nodes.get(key), "value", str(value))


def read_post_date(post: Post, key: str, zone: str) -> DateReading:
    """:func:`read_date` of a post's key, with the value as written in the file."""
    node = post.meta_nodes.get(key)
    written = node.value if isinstance(node, yaml.ScalarNode) else None
    if post.front_matter_format == "toml":  # Hugo reads every date TOML reads (``t``, ``z``)
        written = None
    return read_date(post.meta.get(key), zone, written)


def read_date(value: object, zone: str, written: str | None = None) -> DateReading:
    """What a front matter date means, in the configured ``zone`` where it names none.
    ``written``: the value as the file has it, when YAML made a date of it."""
    if isinstance(value, (dt.date, dt.datetime)):  # YAML made it one
        if written is None or RFC3339_RE.fullmatch(written.strip()):
            return DateReading(value, True)
        # a form YAML reads and Hugo does not (2023-5-4 10:00:00, a blank before Z or the
        # offset, +2): what the text says, else the moment YAML made of it
        reading = read_date(written, zone)
        if reading.moment is not None or reading.kind == "invalid":
            return reading
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            return _in_zone(value, zone, None)
        return DateReading(value, False)
    if not isinstance(value, str):
        return DateReading(None, False, "is not a date", "unreadable")
    text = value.strip()
    if RFC3339_RE.fullmatch(text):
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return DateReading(None, False, "is not a real date", "invalid")
        return DateReading(moment.date() if len(text) == 10 else moment, True)
    match = _LOOSE_RE.fullmatch(text)
    if match is None:
        return DateReading(
            None, False, "is not a date Hugo or this pipeline reads: write RFC 3339, "
            "e.g. 2017-02-22T08:00:00+01:00", "unreadable",
        )
    year, month, day, hour, minute, second, offset, abbr = match.groups()
    try:
        if hour is None:
            return DateReading(dt.date(int(year), int(month), int(day)), False)
        wall = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return DateReading(None, False, "is not a real date or time", "invalid")
    if offset is not None:
        sign, digits = (1, "0000") if offset in "Zz" else (-1 if offset[0] == "-" else 1, offset[1:].replace(":", ""))
        minutes = sign * (int(digits[:2]) * 60 + int(digits[2:]))
        if abs(minutes) >= 24 * 60:
            return DateReading(None, False, "has no such offset", "invalid")
        return DateReading(wall.replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes))), False)
    return _in_zone(wall, zone, abbr)


def _in_zone(wall: dt.datetime, zone: str, abbr: str | None) -> DateReading:
    """A wall-clock time in ``zone`` (or in the zone the abbreviation ``abbr`` names)."""
    tz: dt.tzinfo = ZoneInfo(zone)
    written = (abbr or "").upper()
    if written and written not in _abbreviations(tz, wall.year) and written in FIXED_ZONES:
        # another zone's time (``UTC``, ``EST``): the wall clock in ``zone`` would be hours off
        fixed = dt.timezone(dt.timedelta(minutes=FIXED_ZONES[written]), written)
        return DateReading(wall.replace(tzinfo=fixed), False, written=abbr or "", in_force=written)
    local = wall.replace(tzinfo=tz)
    if local.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None) != wall:
        return DateReading(
            None, False,
            f"did not exist in {zone}: clocks were put forward that night; write the time meant",
            "invalid",
        )
    other = local.replace(fold=1)
    if other.utcoffset() != local.utcoffset():  # the hour that repeats when clocks go back
        if written and (other.tzname() or "").upper() == written:
            local = other  # the abbreviation says which
        elif (local.tzname() or "").upper() != written:
            local = _as_hugo_reads(wall, tz)  # nothing says: the one Hugo takes
    # a fixed offset: what is written, and no fold left (an ambiguous time compares unequal)
    fixed = local.astimezone(dt.timezone(local.utcoffset() or dt.timedelta(0)))
    return DateReading(fixed, False, written=abbr or "", in_force=local.tzname() or "")


def _as_hugo_reads(wall: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """Of a wall-clock time that happens twice, the one Hugo takes for it (written with seconds
    and no zone): Go's ``time.Date``, which looks the offset up at the wall-clock time read as
    UTC (Europe/Amsterdam: the second 02:30, +01:00; America/New_York: the first, -04:00)."""
    as_utc = wall.replace(tzinfo=dt.UTC)
    offset = as_utc.astimezone(tz).utcoffset() or dt.timedelta(0)
    utc = as_utc - offset
    if utc.astimezone(tz).utcoffset() != offset:  # not in that offset's period: the other one
        offset = utc.astimezone(tz).utcoffset() or dt.timedelta(0)
    return (as_utc - offset).astimezone(tz)


def _abbreviations(tz: dt.tzinfo, year: int) -> set[str]:
    """The abbreviations a zone uses in a year (winter and summer)."""
    names = set()
    for month in (1, 7):
        try:
            name = dt.datetime(year, month, 1, 12, tzinfo=tz).tzname()
        except (ValueError, OverflowError):
            continue
        if name:
            names.add(name.upper())
    return names


def date_text(moment: dt.date) -> str:
    """The RFC 3339 form Hugo and YAML read as ``moment`` (seconds, a ``T``, the offset)."""
    if isinstance(moment, dt.datetime):
        return moment.isoformat(timespec="seconds")
    return moment.isoformat()

