"""GNU gettext keeps what extract writes: msgfmt --check passes, msgcat --no-wrap changes nothing.

Run on the seed post and the 12 real Dutch articles (long lines, many references, HTML
blocks, zero-width spaces), on catalogs with translations, and after an update compared with
msgmerge. The PO writer against msgcat on random catalogs is in ``test_po.py``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from support import (
    ARTICLES,
    SEED,
    SEED_ID,
    make_root,
    msgcat,
    msgfmt_check,
    needs_gettext,
    po_path,
    pot_path,
    run_extract,
)

from pipeline.po import Catalog, format_catalog, parse_catalog

pytestmark = needs_gettext

POST_IDS = [SEED_ID] + [p.stem for p in ARTICLES]


def test_all_twelve_articles_are_there() -> None:
    assert len(ARTICLES) == 12


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A content root with the seed post and the 12 Dutch articles, extracted once."""
    posts = {SEED.name: SEED.read_bytes()}
    posts.update({p.name: p.read_bytes() for p in ARTICLES})
    root = make_root(tmp_path_factory.mktemp("corpus"), posts)
    results = run_extract(root)
    assert [r.errors for r in results] == [[]] * len(posts)
    return root


@pytest.mark.parametrize("post_id", POST_IDS)
def test_template_passes_msgfmt_and_msgcat(corpus: Path, post_id: str) -> None:
    path = pot_path(corpus, post_id)
    check = msgfmt_check(path)
    assert check.returncode == 0, check.stderr
    # a template keeps the standard placeholders, which msgfmt only warns about
    assert all("initial default value" in line for line in check.stderr.splitlines()), check.stderr
    assert msgcat(path) == path.read_bytes()


@pytest.mark.parametrize("post_id", POST_IDS)
def test_catalog_passes_msgfmt_and_msgcat(corpus: Path, post_id: str) -> None:
    path = po_path(corpus, post_id)
    check = msgfmt_check(path)
    assert check.returncode == 0 and not check.stderr, check.stderr
    assert msgcat(path) == path.read_bytes()


def test_long_paths_and_many_references(tmp_path: Path) -> None:
    """msgcat wraps #: lines at 79 columns (a reference longer than that stands alone) and
    merges duplicates: the real articles have neither, so nest them deep and repeat text."""
    folder = "2017/open-source-guides-in-het-nederlands-vertaald-door-vrijwilligers/artikelen"
    posts = {f"{folder}/{p.name}": p.read_bytes() for p in ARTICLES[:3]}
    posts[f"{folder}/herhaald.md"] = ARTICLES[0].read_text(encoding="utf-8") + "\n".join(
        ["", "Een zin die vaak terugkomt."] * 7
    )
    root = make_root(tmp_path, posts)
    run_extract(root)
    written = sorted((root / "locale").rglob("*.po*"))
    assert len(written) == 8
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert max(len(line) for line in text.splitlines() if line.startswith("#:")) > 79
        assert msgcat(path) == path.read_bytes()
    path = pot_path(root, f"{folder}/herhaald")
    [entry] = [
        m
        for m in parse_catalog(str(path), path.read_bytes()).messages
        if m.msgid == "Een zin die vaak terugkomt."
    ]
    assert len(entry.locations) == 7
    lines = [f"#: content/nl/{folder}/herhaald.md:{line}" for _, line in entry.locations]
    assert "\n".join(lines) in path.read_text(encoding="utf-8")


def german(msgid: str) -> str:
    """A stand-in translation that keeps msgfmt --check happy (same leading/trailing \\n)."""
    return "DE " + msgid.upper() if not msgid.startswith("\n") else "\nDE " + msgid[1:].upper()


def test_translated_catalogs_pass_msgfmt_and_msgcat(tmp_path: Path) -> None:
    posts = {SEED.name: SEED.read_bytes()}
    posts.update({p.name: p.read_bytes() for p in ARTICLES})
    root = make_root(tmp_path, posts)
    run_extract(root)
    for post_id in POST_IDS:
        path = po_path(root, post_id)
        catalog = parse_catalog(str(path), path.read_bytes())
        for i, message in enumerate(catalog.messages):
            if i % 3:
                message.msgstr = german(message.msgid)
            if i % 5 == 0:
                message.user_comments.append(f"Anmerkung {i}: „prüfen“")
        path.write_text(format_catalog(catalog), encoding="utf-8")
    # a run over translated catalogs changes nothing
    assert all(not r.written for r in run_extract(root))
    for post_id in POST_IDS:
        path = po_path(root, post_id)
        check = msgfmt_check(path)
        assert check.returncode == 0 and not check.stderr, check.stderr
        assert msgcat(path) == path.read_bytes()


# ---------------------------------------------------------------------------------------
# The update compared with msgmerge --previous

EDITS = [
    # (old, new): a changed word, a removed paragraph, a new one
    (
        "Wat vonden de workshopdeelnemers de belangrijkste conclusies?",
        "Wat vonden de workshopdeelnemers de allerbelangrijkste conclusies?",
    ),
    (
        (
            "\nBovendien ontwikkelen collega’s zich in hun vrije tijd en dat kan bijdragen aan "
            "verbetering van processen of verbreden van kennis binnen organisaties. Het hebben "
            "van een Kwaliteitspaspoort voor medewerkers waarin zij kunnen aantonen wat hun "
            "kwalificaties en competenties zijn is daarom een zeer handig hulpmiddel.\n"
        ),
        "",
    ),
    ("## Kennismanagement\n", "## Kennismanagement\n\nZwaluwen vliegen laag boven de dijk.\n"),
]


def comparable(catalog: Catalog) -> list[tuple[object, ...]]:
    return [
        (
            m.msgctxt,
            m.msgid,
            m.msgstr,
            m.fuzzy,
            m.previous_msgctxt,
            m.previous_msgid,
            m.obsolete,
            m.locations,
            m.auto_comments,
            m.user_comments,
        )
        for m in catalog.messages
    ]


def test_update_agrees_with_msgmerge(tmp_path: Path) -> None:
    root = make_root(tmp_path, {SEED.name: SEED.read_bytes()})
    run_extract(root)
    path = po_path(root, SEED_ID)
    catalog = parse_catalog(str(path), path.read_bytes())
    for i, message in enumerate(catalog.messages):
        message.msgstr = german(message.msgid)
        if i == 6 or message.msgid.startswith("Bovendien"):  # the changed one, the removed one
            message.user_comments.append("eine Anmerkung des Übersetzers")
    path.write_text(format_catalog(catalog), encoding="utf-8")
    old = tmp_path / "old.po"
    shutil.copy(path, old)

    text = SEED.read_text(encoding="utf-8")
    for before, after in EDITS:
        assert before in text
        text = text.replace(before, after)
    make_root(root, {SEED.name: text})
    run_extract(root, "2026-02-02 00:00+0000")

    expected = tmp_path / "msgmerge.po"
    subprocess.run(
        [
            "msgmerge",
            "--quiet",
            "--no-wrap",
            "--previous",
            "-o",
            str(expected),
            str(old),
            str(pot_path(root, SEED_ID)),
        ],
        check=True,
        timeout=60,
    )
    ours = parse_catalog("ours", path.read_bytes())
    theirs = parse_catalog("msgmerge", expected.read_bytes())
    assert comparable(ours) == comparable(theirs)
    kinds = [(m.fuzzy, m.obsolete, bool(m.msgstr)) for m in ours.messages]
    assert (True, False, True) in kinds  # one fuzzy
    assert (False, True, True) in kinds  # one obsolete
    assert (False, False, False) in kinds  # one new
    # and with the headers msgmerge maintains, the same bytes
    assert ours.header("POT-Creation-Date") == theirs.header("POT-Creation-Date")
    assert path.read_bytes() == expected.read_bytes()


def test_flags_that_describe_the_msgid_come_from_the_template_as_msgmerge_takes_them(tmp_path: Path) -> None:
    """A catalog re-saved by Babel or a PO editor carries ``#, python-format`` (or
    ``no-wrap``) on entries: the next extract takes those flags from the template, as
    ``msgmerge`` does, and keeps ``fuzzy``; with the format flag kept, ``msgfmt -c`` would
    refuse a correct translation of a text with ``%`` in it."""
    post = "---\ntitle: Korting\ndate: 2020-05-01\nlang: nl\n---\n\nNu 50% de korting op alles.\n\nEen tweede alinea.\n"
    root = make_root(tmp_path, {"korting.md": post})
    run_extract(root)
    path = po_path(root, "korting")
    catalog = parse_catalog(str(path), path.read_bytes())
    for message in catalog.messages:
        message.msgstr = german(message.msgid)
        if message.msgid.startswith("Nu 50%"):  # "% d" reads as a Python format specification
            message.msgstr = "Jetzt 50 Prozent Rabatt auf alles."
            message.flags = ["python-format", "no-wrap"]
        elif message.msgid.startswith("Een tweede"):
            message.flags = ["fuzzy", "python-format"]
    path.write_text(format_catalog(catalog), encoding="utf-8")
    failed = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert failed.returncode != 0 and "format specifications" in failed.stderr  # the flag is what fails it
    old = tmp_path / "old.po"
    shutil.copy(path, old)

    run_extract(root, "2026-02-02 00:00+0000")
    expected = tmp_path / "msgmerge.po"
    subprocess.run(["msgmerge", "--quiet", "--no-wrap", "--previous", "-o", str(expected), str(old),
                    str(pot_path(root, "korting"))], check=True, timeout=60)
    assert path.read_bytes() == expected.read_bytes()
    flags = {m.msgid: m.flags for m in parse_catalog("ours", path.read_bytes()).messages}
    assert flags["Nu 50% de korting op alles."] == [] and flags["Een tweede alinea."] == ["fuzzy"]
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], check=True, timeout=60)
