"""The zone of dates that name none, per language (``time-zones``): a target language the
setting leaves out takes the source language's zone (its posts carry the source posts' dates,
for the same readers; a language alone names no zone: ``en`` is London or New York), UTC only
where the source has none either."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import make_root

from pipeline import api
from pipeline.config import load_config


def _root(tmp_path: Path, zones: str | None, targets: str = '["de", "en"]') -> Path:
    root = make_root(tmp_path, {"x.md": "---\ntitle: X\ndate: 2024-05-01T10:00:00+02:00\n---\n\nTekst.\n"})
    settings = f"[tool.pipeline]\ntarget-languages = {targets}\n"
    if zones is not None:
        settings += f"time-zones = {zones}\n"
    (root / "pyproject.toml").write_text(settings, encoding="utf-8")
    return root


@pytest.mark.parametrize(("zones", "expected"), [
    (None, {"nl": "Europe/Amsterdam", "de": "Europe/Berlin", "en": "Europe/Amsterdam"}),  # the defaults: nl, de
    ('{ nl = "Europe/Amsterdam", en = "Europe/London" }', {"nl": "Europe/Amsterdam", "de": "Europe/Amsterdam",
                                                            "en": "Europe/London"}),
    ('{ de = "Europe/Berlin" }', {"nl": "UTC", "de": "Europe/Berlin", "en": "UTC"}),
    ("{}", {"nl": "UTC", "de": "UTC", "en": "UTC"}),
])
def test_a_language_without_a_zone_takes_the_source_language_s(tmp_path: Path, zones: str | None,
                                                                expected: dict[str, str]) -> None:
    config = load_config(_root(tmp_path, zones))
    assert {language: config.time_zone(language) for language in ("nl", "de", "en")} == expected


def test_a_date_in_an_english_post_is_read_in_the_source_language_s_zone(tmp_path: Path) -> None:
    """A hand-written English post's date in a form Hugo cannot read: check's fix writes it
    with the offset of the source language's zone (Amsterdam's summer time), not UTC's."""
    root = _root(tmp_path, '{ nl = "Europe/Amsterdam" }', '["en"]')
    (root / "content" / "en").mkdir()
    (root / "content" / "en" / "x.md").write_text("---\ntitle: X\ndate: 2024-05-01 10:00\n---\n\nText.\n",
                                                  encoding="utf-8")
    said = [p.message for p in api.check(root).problems if p.code == "date-form" and "content/en/" in p.file]
    assert len(said) == 1 and "write 2024-05-01T10:00:00+02:00" in said[0], said
