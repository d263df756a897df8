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
    try:
        local = dt.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
            tzinfo=ZoneInfo(zone),
        )
    except ValueError:
        return None
    return local, abbr, local.tzname() or ""


def rfc3339(moment: dt.datetime) -> str:
    text = moment.isoformat(timespec="seconds")
    return text


def hugo_date(value: object, zone: str) -> str | None:
    """An RFC 3339 form of a date Hugo cannot read, keeping the wall-clock time; else None."""
    if hugo_reads(value) or not isinstance(value, str):
        return None
    parsed = parse_zoned(value, zone)
    return rfc3339(parsed[0]) if parsed else None
