"""pipeline.dates: which date forms Hugo reads, and what any other form means.

One rule for merge, check and ``check --fix``; the commands' use of it is tested in
``test_front_matter_safety.py``, ``test_merge_front_matter.py`` and ``test_check_checks.py``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.dates import (
    date_text,
    post_date_keys,
    read_date,
    read_post_date,
    written_date,
)
from pipeline.post import load_post

AMSTERDAM = "Europe/Amsterdam"


def hugo_date(value: object, zone: str) -> str | None:
    """What merge and ``check --fix`` write for ``value``: the RFC 3339 form of a date Hugo
    cannot read, keeping the wall-clock time; None where Hugo reads it or it is no date."""
    moment = read_date(value, zone).replacement
    return None if moment is None else date_text(moment)
WINTER = dt.timezone(dt.timedelta(hours=1))

# ---------------------------------------------------------------------------------------
# Dates written as YYYY-MM-DD HH:MM ZONE


@pytest.mark.parametrize(
    "value, zone, fixed",
    [
        ("2017-02-22 08:00 CEST", "Europe/Amsterdam", "2017-02-22T08:00:00+01:00"),  # the seed post
        ("2017-02-22 08:00 CET", "Europe/Amsterdam", "2017-02-22T08:00:00+01:00"),
        ("2017-07-01 10:00 CET", "Europe/Berlin", "2017-07-01T10:00:00+02:00"),
        ("2017-02-22 8:00 cest", "Europe/Amsterdam", "2017-02-22T08:00:00+01:00"),
        ("2017-02-22 08:00 UTC", "Europe/Amsterdam", "2017-02-22T08:00:00+00:00"),
        ("2017-10-29 02:30 CEST", "Europe/Amsterdam", "2017-10-29T02:30:00+02:00"),  # the hour
        ("2017-10-29 02:30 CET", "Europe/Amsterdam", "2017-10-29T02:30:00+01:00"),  # twice
        ("2017-03-26 02:30 CET", "Europe/Amsterdam", None),  # never: clocks went forward
        ("2017-02-22 25:00 CET", "Europe/Amsterdam", None),
        ("2017-02-30 08:00 CET", "Europe/Amsterdam", None),
        ("gisteren", "Europe/Amsterdam", None),
        ("2017-02-22T08:00:00+01:00", "Europe/Amsterdam", None),  # already RFC 3339
    ],
)
def test_fixed_date(value: str, zone: str, fixed: str | None) -> None:
    assert hugo_date(value, zone) == fixed


# ---------------------------------------------------------------------------------------
# hugo_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-02-22 08:00 CEST", "2017-02-22T08:00:00+01:00"),  # the seed: wall clock kept
        ("2017-07-22 08:00 CEST", "2017-07-22T08:00:00+02:00"),
        ("2017-02-22 8:05 CET", "2017-02-22T08:05:00+01:00"),
        ("2020-01-01 10:00 UTC", "2020-01-01T10:00:00+00:00"),  # another zone: not moved
        ("2020-01-01 10:00 EST", "2020-01-01T10:00:00-05:00"),
        ("2017-02-22T08:00:00+01:00", None),  # Hugo reads it: left alone
        ("2017-02-22", None),
        ("2017-02-30 08:00 CET", None),  # no such day
        ("volgende week", None),
    ],
)
def test_hugo_date(value: str, expected: str | None) -> None:
    assert hugo_date(value, "Europe/Amsterdam") == expected


# ---------------------------------------------------------------------------------------
# A time that happens twice


@pytest.mark.parametrize(("value", "zone", "expected"), [
    ("2017-10-29 02:30", "Europe/Amsterdam", "2017-10-29T02:30:00+01:00"),  # the second 02:30
    ("2017-11-05 01:30", "America/New_York", "2017-11-05T01:30:00-04:00"),  # the first 01:30
])
def test_a_time_that_happens_twice_without_a_zone_is_the_one_hugo_takes(value: str, zone: str, expected: str) -> None:
    # Hugo (Go's time.Date) took these for 2017-10-29T02:30:00 and 2017-11-05T01:30:00
    # (tried with Hugo 0.111, timeZone Europe/Amsterdam and America/New_York)
    assert read_date(value, zone).moment == dt.datetime.fromisoformat(expected)


# ---------------------------------------------------------------------------------------
# read_date, read_post_date, written_date, post_date_keys, date_text


@pytest.mark.parametrize(
    ("value", "moment", "hugo_reads"),
    [
        ("2017-02-22", dt.date(2017, 2, 22), True),
        ("2017-02-22T08:00:00+01:00", dt.datetime(2017, 2, 22, 8, tzinfo=WINTER), True),
        ("2017-02-22T07:00:00Z", dt.datetime(2017, 2, 22, 7, tzinfo=dt.UTC), True),
        ("2017-2-22", dt.date(2017, 2, 22), False),
        ("2017-02-22 08:00 +0530", dt.datetime(
            2017, 2, 22, 8, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))), False),
        ("2017-02-22 08:00", dt.datetime(2017, 2, 22, 8, tzinfo=WINTER), False),  # the zone's
        (dt.date(2017, 2, 22), dt.date(2017, 2, 22), True),  # YAML made a date of it
    ],
)
def test_read_date_reads_what_hugo_and_the_pipeline_read(
    value: object, moment: dt.date, hugo_reads: bool
) -> None:
    reading = read_date(value, AMSTERDAM)
    assert (reading.moment, reading.hugo_reads, reading.problem) == (moment, hugo_reads, None)
    assert reading.replacement == (None if hugo_reads else moment)


@pytest.mark.parametrize(
    ("value", "kind", "phrase"),
    [
        (12, "unreadable", "is not a date"),
        (None, "unreadable", "is not a date"),
        ("morgen", "unreadable", "write RFC 3339"),
        ("2017-02-30", "invalid", "is not a real date"),
        ("2017-02-30T08:00:00Z", "invalid", "is not a real date"),
        ("2017-02-22 08:00 +2500", "invalid", "has no such offset"),
        ("2017-03-26 02:30", "invalid", "did not exist in Europe/Amsterdam"),
    ],
)
def test_read_date_says_why_a_value_is_no_date(value: object, kind: str, phrase: str) -> None:
    reading = read_date(value, AMSTERDAM)
    assert reading.moment is None and reading.replacement is None
    assert reading.kind == kind and phrase in (reading.problem or "")


DATES_POST = (
    b"---\nDate: 2017-3-26 02:30:00\nlastMod: 2017-02-22 08:00 CEST\npublished: false\n"
    b"pubdate: 2020-01-01\ntitle: T\nexpiryDate: x\n---\n"
)


def test_a_yaml_date_is_read_again_from_its_text() -> None:
    """YAML made a moment of 2017-3-26 02:30:00, which Hugo does not read, and which never
    existed in Amsterdam: the text as written decides."""
    post = load_post("x.md", DATES_POST)
    assert post.meta["Date"] == dt.datetime(2017, 3, 26, 2, 30)
    assert written_date(post, "Date") == "2017-3-26 02:30:00"
    assert written_date(post, "lastMod") == "2017-02-22 08:00 CEST"
    assert written_date(post, "pubdate") == "2020-01-01"
    reading = read_post_date(post, "Date", AMSTERDAM)
    assert reading.kind == "invalid" and "did not exist" in (reading.problem or "")
    assert read_date(post.meta["Date"], AMSTERDAM).hugo_reads  # without the text: a moment


def test_post_date_keys_are_the_schemas_in_any_case_and_hugos_that_hold_a_date() -> None:
    post = load_post("x.md", DATES_POST)
    # published: false is no date, and Hugo ignores it; pubdate is one of Hugo's date keys
    assert post_date_keys(post, ("date", "lastmod", "expirydate"), AMSTERDAM) == [
        "Date", "lastMod", "pubdate", "expiryDate"
    ]
    assert post_date_keys(post, [], AMSTERDAM) == ["pubdate"]


def test_date_text_is_rfc_3339_with_seconds() -> None:
    assert date_text(dt.date(2017, 2, 22)) == "2017-02-22"
    assert date_text(dt.datetime(2017, 2, 22, 8, tzinfo=WINTER)) == "2017-02-22T08:00:00+01:00"
    assert date_text(dt.datetime(2017, 2, 22, 8, 0, 0, 123456, tzinfo=dt.UTC)) == (
        "2017-02-22T08:00:00+00:00"
    )
