"""Post dates: which forms Hugo reads, and ``YYYY-MM-DD HH:MM ZONE`` turned into RFC 3339."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

RFC3339_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?"
)
ZONED_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s+([A-Za-z]{2,5})"
)


def hugo_reads(value: object) -> bool:
    """Whether Hugo understands a front matter date as written."""
    if isinstance(value, (dt.date, dt.datetime)):
        return True
    return isinstance(value, str) and RFC3339_RE.fullmatch(value.strip()) is not None


def parse_zoned(value: str, zone: str) -> tuple[dt.datetime, str, str] | None:
    """``2017-02-22 08:00 CEST`` → (aware datetime at that wall-clock time in ``zone``,
    the abbreviation written, the abbreviation in force); None if not of that form."""
    match = ZONED_RE.fullmatch(value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, abbr = match.groups()
    tz: dt.tzinfo = ZoneInfo(zone)
    if abbr.upper() not in _abbreviations(tz, int(year)) and abbr.upper() in FIXED_ZONES:
        # another zone's time (``UTC``, ``EST``): keeping the wall clock in ``zone`` would
        # move the moment by hours
        tz = dt.timezone(dt.timedelta(minutes=FIXED_ZONES[abbr.upper()]), abbr.upper())
    try:
        local = dt.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
            tzinfo=tz,
        )
    except ValueError:
        return None
    return local, abbr, local.tzname() or ""


#: Unambiguous zone abbreviations and their UTC offsets in minutes. An abbreviation that the
#: configured zone itself uses (CET/CEST for Europe/Amsterdam) means that zone's wall-clock
#: time whatever the season, as writers of ``08:00 CEST`` in February mean it; an unknown
#: one is taken as the configured zone too.
FIXED_ZONES = {
    "UTC": 0, "UT": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60,
    "CET": 60, "MET": 60, "CEST": 120, "MEST": 120, "EET": 120, "EEST": 180, "MSK": 180,
    "EST": -300, "EDT": -240, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
}


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


def rfc3339(moment: dt.datetime) -> str:
    text = moment.isoformat(timespec="seconds")
    return text


def hugo_date(value: object, zone: str) -> str | None:
    """An RFC 3339 form of a date Hugo cannot read, keeping the wall-clock time; else None."""
    if hugo_reads(value) or not isinstance(value, str):
        return None
    parsed = parse_zoned(value, zone)
    return rfc3339(parsed[0]) if parsed else None
