"""Rules merge, check and extract share, each in one place: the translations checked (merge
refuses exactly what check calls an error in a translation merge would publish:
:func:`pipeline.translated.checked_translations`), the usable msgstr, dates, the slug key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import make_root, po_path, run_extract

from pipeline.check import check
from pipeline.config import load_config
from pipeline.merge import merge
from pipeline.po import format_catalog, parse_catalog

POST = """---
title: Het weer
date: 2017-02-22T08:00:00+01:00
lang: nl
---

# Het weer

Een zin met `code` erin.

Nog een zin met `meer code` erin.

Een derde zin met `code` erin.

Een vierde zin met `code` erin.
"""

#: (msgctxt, msgid) -> (msgstr, flag): each with a translation error but the good ones
ENTRIES = {
    ("title", "Het weer"): ("Das Wetter", None),  # the same msgid in two contexts: one good,
    (None, "Het weer"): ("Das `Wetter`", None),  # the other with a code span the msgid lacks
    (None, "Een zin met `code` erin."): ("Ein Satz mit `kode` darin.", None),  # used: refused
    (None, "Nog een zin met `meer code` erin."): ("Noch ein Satz mit `anderem` darin.", "fuzzy"),
    (None, "Een derde zin met `code` erin."): ("   ", None),  # blanks: not used
    (None, "Een vierde zin met `code` erin."): ("Ein vierter Satz mit `code` darin.", None),
}
UNUSED = '''
msgid "Een zin die de post niet meer heeft."
msgstr "Ein Satz mit `Code`, den der Post nicht mehr hat."

#~ msgid "Een oude zin met `code`."
#~ msgstr "Ein alter Satz mit `Kode`."
'''


def _catalog(root: Path) -> Path:
    make_root(root, {"post.md": POST})
    run_extract(root)
    path = po_path(root, "post")
    catalog = parse_catalog(str(path), path.read_bytes())
    for message in catalog.messages:
        msgstr, flag = ENTRIES.get(message.key, ("", None))
        message.msgstr = msgstr
        if flag:
            message.flags.insert(0, flag)
    path.write_bytes(format_catalog(catalog).encode("utf-8") + UNUSED.encode("utf-8"))
    return path


def test_merge_refuses_what_check_calls_an_error_in_a_translation_it_would_publish(tmp_path: Path) -> None:
    path = _catalog(tmp_path)
    shown = "locale/de/LC_MESSAGES/post.po"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")

    def line_of(msgstr: str) -> int:
        """The entry's first line (after the blank line before it)."""
        at = next(i for i, line in enumerate(lines) if line == f'msgstr "{msgstr}"')
        return max(i for i in range(at) if not lines[i]) + 2

    report = check(load_config(tmp_path), min_translated=0, use_cache=False)
    errors = sorted(
        (p.line, p.code) for p in report.problems
        if p.file == shown and p.severity == "error" and p.line is not None
    )
    [result] = merge(load_config(tmp_path), min_translated=0)
    assert result.action == "error", result
    refused = sorted(
        (int(m.group(1)), m.group(2))
        for m in re.finditer(rf"^{re.escape(shown)}:(\d+): .*\[([a-z-]+)\]$", result.message, re.MULTILINE)
    )
    # the used translations with an error, each once: not the fuzzy, blank, unused or obsolete ones
    assert refused == errors == sorted([
        (line_of("Das `Wetter`"), "code-span"),
        (line_of("Ein Satz mit `kode` darin."), "code-span"),
    ])


def test_a_title_or_slug_of_blanks_is_not_used_so_neither_refused_nor_an_error(tmp_path: Path) -> None:
    """A msgstr that str.strip() empties is no translation (merge keeps the Dutch title and
    slug), though it may hold a control character (U+001C is a blank to Python): merge
    refused the post for it while check, which checks the translations merge uses, did not
    call it an error."""
    make_root(tmp_path, {"post.md": POST})
    run_extract(tmp_path)
    path = po_path(tmp_path, "post")
    catalog = parse_catalog(str(path), path.read_bytes())
    for message in catalog.messages:
        if message.msgctxt in ("title", "slug"):
            message.msgstr = "\x1c "
        else:
            message.msgstr = message.msgid.replace("zin", "Satz").replace("Het weer", "Das Wetter")
    path.write_bytes(format_catalog(catalog).encode("utf-8"))
    [result] = merge(load_config(tmp_path), min_translated=0)
    assert result.action == "written", result.message
    german = (tmp_path / "content" / "de" / "post.md").read_text(encoding="utf-8")
    assert "title: Het weer" in german and "slug: post" in german
    report = check(load_config(tmp_path), min_translated=0, use_cache=False)
    assert [p for p in report.problems if p.severity == "error"] == []


DATES = [
    "2017-02-22 08:00", "2017-2-22", "2017-02-22 08:00 CEST", "2017-10-29 02:30 CEST",
    "2017-10-29 02:30 CET", "2017-02-22 08:00:00 Z", "2017-02-22t08:00:00z", "2017-02-22 08:00 +0100",
    "2017-02-22T08:00:00+01:00", "2017-02-22",
]


def test_merge_writes_each_date_as_check_fix_does(tmp_path: Path) -> None:
    """One conversion (:func:`pipeline.dates.date_replacements`): the date merge writes in the
    German post is the one ``check --fix`` writes in the Dutch post, for every form."""
    import yaml

    posts = {
        f"p{i}.md": f"---\ntitle: Het weer\ndate: {value}\nlastmod: {value}\nlang: nl\n---\n\nTekst.\n"
        for i, value in enumerate(DATES)
    }
    make_root(tmp_path, posts)
    run_extract(tmp_path)
    results = merge(load_config(tmp_path), min_translated=0)
    assert {r.action for r in results} == {"written"}, results
    check(load_config(tmp_path), min_translated=0, fix=True, use_cache=False)

    def dates(path: Path) -> tuple[str, str]:
        lines = path.read_text(encoding="utf-8").split("\n")
        found = dict(line.split(": ", 1) for line in lines[1: lines.index("---", 1)] if ": " in line)
        return found["date"], found["lastmod"]

    for name, text in posts.items():
        german, dutch = dates(tmp_path / "content" / "de" / name), dates(tmp_path / "content" / "nl" / name)
        assert german == dutch, (name, text)
        assert yaml.safe_load(f"d: {german[0]}")["d"] is not None


def test_a_slug_key_in_another_case_is_the_post_s_slug(tmp_path: Path) -> None:
    """Hugo reads ``Slug:`` as the slug (tried with Hugo 0.111: the page is at /mijn-weg/), and
    merge dropped that spelling from the German post as Hugo's slug key; but the slug extract
    offered, the German slug's fallback and the Dutch URL links map from were the file name's."""
    make_root(tmp_path, {
        "het-weer.md": "---\ntitle: Het weer\nSlug: mijn-weg\nlang: nl\n---\n\nTekst over het weer.\n",
        "ander.md": "---\ntitle: Ander\nlang: nl\n---\n\nZie [het weer](/mijn-weg/) hier.\n",
    })
    run_extract(tmp_path)
    catalog = parse_catalog("post.po", po_path(tmp_path, "het-weer").read_bytes())
    assert [m.msgid for m in catalog.messages if m.msgctxt == "slug"] == ["mijn-weg"]
    results = merge(load_config(tmp_path), min_translated=0)
    assert {r.action for r in results} == {"written"}, results
    weather = (tmp_path / "content" / "de" / "het-weer.md").read_text(encoding="utf-8")
    assert "slug: mijn-weg" in weather and "Slug:" not in weather
    other = (tmp_path / "content" / "de" / "ander.md").read_text(encoding="utf-8")
    assert "(/de/mijn-weg/)" in other, other


def test_check_reads_the_schema_of_the_settings_as_merge_does(tmp_path: Path) -> None:
    """``check(config)`` without a schema took the built-in one, while merge reads
    ``[tool.pipeline.schema]``: a date key of the settings was converted by merge and never
    named by check (the command line passed the settings' schema; the API did not)."""
    make_root(tmp_path, {"post.md": "---\ntitle: Het weer\nerschienen: 2017-02-22 08:00\nlang: nl\n---\n\nTekst.\n"})
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pipeline.schema]\ndates = ["date", "erschienen"]\nrequired = ["title"]\n', encoding="utf-8"
    )
    run_extract(tmp_path)
    [result] = merge(load_config(tmp_path), min_translated=0)
    assert result.action == "written", result
    assert "erschienen: 2017-02-22T08:00:00+01:00" in (tmp_path / "content" / "de" / "post.md").read_text(encoding="utf-8")
    report = check(load_config(tmp_path), min_translated=0, use_cache=False)
    assert [(p.code, p.fixable) for p in report.problems if p.file == "content/nl/post.md"] == [("erschienen-form", True)]


def test_a_page_whose_name_starts_with_an_underscore_is_no_section(tmp_path: Path) -> None:
    """Only ``_index.md`` is a section's list page (:func:`pipeline.links.is_section`); Hugo
    publishes ``_notities.md`` as a page (tried with Hugo 0.111), and check said nothing of
    its empty body, taking every name starting with ``_`` for a section."""
    make_root(tmp_path, {
        "_notities.md": "---\ntitle: Notities\ndate: 2017-02-22\nlang: nl\n---\n",
        "blog/_index.md": "---\ntitle: Blog\ndate: 2017-02-22\nlang: nl\n---\n",
    })
    run_extract(tmp_path)
    report = check(load_config(tmp_path), min_translated=0, use_cache=False)
    assert [(p.file, p.code) for p in report.problems if p.code == "body-empty"] == [
        ("content/nl/_notities.md", "body-empty"),
    ]


_MSGSTRS = [
    "", "   ", "\x1c", "Ein Satz mit `code` darin.", "Ein Satz mit `kode` darin.", "Ein *Satz mit `code` darin.",
    "Siehe [hier](/anders/) `code`.", "Een zin met `code` erin.", " Ein Satz mit `code` darin.",
    "Ein Satz mit `code` darin <b>fett</b>.", "Ein Satz [x](javascript:alert(1)) mit `code`.",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(st.sampled_from(_MSGSTRS), st.booleans()), min_size=6, max_size=6),
    st.sampled_from(_MSGSTRS),
)
def test_merge_refuses_exactly_what_check_calls_an_error_for_any_catalog(
    tmp_path_factory: pytest.TempPathFactory, entries: list[tuple[str, bool]], unused: str
) -> None:
    """Any mix of translations, fuzzy flags, blanks, unused entries: the (line, code) of the
    errors check names in the catalog are merge's refusals."""
    root = tmp_path_factory.mktemp("agree")
    make_root(root, {"post.md": POST})
    run_extract(root)
    path = po_path(root, "post")
    catalog = parse_catalog(str(path), path.read_bytes())
    active = [m for m in catalog.messages if m.msgctxt != "slug"]
    for message, (msgstr, fuzzy) in zip(active, entries):
        message.msgstr = msgstr
        if fuzzy and msgstr:
            message.flags.insert(0, "fuzzy")
    extra = f'\nmsgid "Een zin die de post niet meer heeft met `code`."\nmsgstr "{unused}"\n'
    path.write_bytes(format_catalog(catalog).encode("utf-8") + extra.encode("utf-8"))
    shown = "locale/de/LC_MESSAGES/post.po"
    report = check(load_config(root), min_translated=0, use_cache=False)
    errors = sorted({
        (p.line, p.code) for p in report.problems
        if p.file == shown and p.severity == "error" and p.line is not None
    })
    [result] = merge(load_config(root), min_translated=0)
    refused = sorted({
        (int(m.group(1)), m.group(2))
        for m in re.finditer(rf"^{re.escape(shown)}:(\d+): .*\[([a-z-]+)\]$", result.message, re.MULTILINE)
    })
    assert refused == errors, result.message
    assert (result.action == "written") == (not errors), result


def test_a_title_entry_of_another_title_is_not_used_so_not_refused(tmp_path: Path) -> None:
    """The post's title changed since extract: the catalog's title entry is another msgid,
    which merge does not use (the German title stays Dutch), and merge refused the post for
    an invisible character in it, which check (the translations merge uses) does not name."""
    make_root(tmp_path, {"post.md": POST})
    run_extract(tmp_path)
    path = po_path(tmp_path, "post")
    catalog = parse_catalog(str(path), path.read_bytes())
    for message in catalog.messages:
        if message.msgctxt == "title":
            message.msgstr = "Das\u200bWetter"
        elif message.msgctxt == "slug":
            message.msgstr = "das-\u200bwetter"
    path.write_bytes(format_catalog(catalog).encode("utf-8"))
    post = tmp_path / "content" / "nl" / "post.md"
    post.write_text(POST.replace("title: Het weer", "title: Het nieuwe weer").replace(
        "lang: nl", "lang: nl\nslug: het-weer"), encoding="utf-8")
    [result] = merge(load_config(tmp_path), min_translated=0)
    assert result.action == "written", result.message
    report = check(load_config(tmp_path), min_translated=0, use_cache=False)
    assert [p.code for p in report.problems if p.severity == "error"] == ["catalog-stale", "catalog-stale"]
