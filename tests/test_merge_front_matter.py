"""pipeline merge, the German post's front matter: translated values, lang, slug,
translationKey, a date Hugo reads, the generation record, and YAML that loads back exactly."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from merge_support import _SCRATCH, fill, fill_catalog, merge_in, merged, pseudo_translate, split_front_matter
from support import SEED, SEED_ID, invoke, make_root, po_path

from pipeline.checkers import check_translation
from pipeline.record import hand_edited, read_record

GERMAN_TITLE = "Workshop: Wie Sie mit E-Learning Ihre Zukunft gestalten können"


def yaml_of(text: str) -> dict[str, object]:
    """The front matter as PyYAML's safe loader reads it (not through the pipeline)."""
    head, _ = split_front_matter(text)
    inner = head.split("\n", 1)[1].rsplit("---", 1)[0]
    data = yaml.safe_load(inner)
    assert isinstance(data, dict)
    return data


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------------------------------
# The seed, through the command line


@pytest.fixture
def seed_root(tmp_path: Path) -> Path:
    root = make_root(tmp_path, {f"{SEED_ID}.md": SEED.read_bytes()})
    assert invoke("-C", str(root), "extract").exit_code == 0
    return root


def test_seed_front_matter(seed_root: Path) -> None:
    """Title and tags translated, every body unit pseudo-translated, the slug left empty."""
    catalog = po_path(seed_root, SEED_ID)
    tags = {"workshop": "Workshop", "e-learning": "E-Learning"}
    fill_catalog(
        catalog,
        lambda ctx, msgid: (
            GERMAN_TITLE
            if ctx == "title"
            else tags[msgid]
            if ctx == "tags"
            else pseudo_translate(ctx, msgid)
        ),
    )
    result = invoke("-C", str(seed_root), "merge")
    assert result.exit_code == 0, result.output
    assert f"wrote content/de/{SEED_ID}.md (100% translated)" in result.output
    german = (seed_root / "content" / "de" / f"{SEED_ID}.md").read_bytes()
    text = german.decode("utf-8")
    head, _ = split_front_matter(text)
    found = read_record(text)
    assert found is not None
    content_hash = sha256(found[1].encode("utf-8"))
    assert head == (
        "---\n"
        f'title: "{GERMAN_TITLE}"\n'
        "date: 2017-02-22T08:00:00+01:00\n"
        "tags: [Workshop, E-Learning]\n"
        "author: Martina\n"
        "lang: de\n"
        "image: images/blog/social/workshop-e-learning-toekomst-1200x630.png\n"
        "featured_image: images/blog/featured/20170221-e-learning-toekomst.jpg\n"
        "slug: workshop-wie-sie-mit-e-learning-ihre-zukunft-gestalten-koennen\n"
        f"translationKey: {SEED_ID}\n"
        "generated_from:\n"
        f'  post: "content/nl/{SEED_ID}.md"\n'
        f"  post_sha256: {sha256(SEED.read_bytes())}\n"
        f"  catalog_sha256: {sha256(catalog.read_bytes())}\n"
        '  url: "/de/workshop-wie-sie-mit-e-learning-ihre-zukunft-gestalten-koennen/"\n'
        f"  sha256: {content_hash}\n"
        "---\n"
    )
    meta = yaml_of(text)
    assert meta["date"] == dt.datetime(2017, 2, 22, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert not hand_edited(german)


def test_seed_slug_from_the_slug_msgstr(seed_root: Path) -> None:
    fill(
        seed_root,
        SEED_ID,
        {
            ("slug", "workshop-e-learning-toekomst"): "Workshop: E-Learning & Zukunft für Ärzte",
            ("title", "Workshop: Hoe je met e-learning je toekomst vorm kunt geven"): GERMAN_TITLE,
        },
    )
    result = invoke("-C", str(seed_root), "merge", "--min-translated", "0")
    assert result.exit_code == 0, result.output
    meta = yaml_of((seed_root / "content" / "de" / f"{SEED_ID}.md").read_text(encoding="utf-8"))
    assert meta["slug"] == "workshop-e-learning-zukunft-fuer-aerzte"
    assert meta["title"] == GERMAN_TITLE


# ---------------------------------------------------------------------------------------
# Keys, in memory (one post, files in a scratch root)


def test_keys_keep_their_order_and_missing_ones_are_added() -> None:
    text = "---\nz_first: 1\ntitle: Kop\nextra: [a, b]\nlang: nl\nweight: 3\n---\nTekst.\n"
    german, _ = merged(text, {"Kop": "Überschrift", "Tekst.": "Text."})
    assert list(yaml_of(german)) == [
        "z_first",
        "title",
        "extra",
        "lang",
        "weight",
        "slug",
        "translationKey",
        "generated_from",
    ]
    meta = yaml_of(german)
    assert meta["extra"] == ["a", "b"] and meta["weight"] == 3 and meta["z_first"] == 1
    assert meta["lang"] == "de"
    assert meta["slug"] == "ueberschrift"
    assert meta["translationKey"] == "post"


@pytest.mark.parametrize(
    ("dutch", "expected"),
    [
        pytest.param("title: Kop # opmerking", 'title: "Kopf: neu" # opmerking', id="comment kept"),
        pytest.param(
            "title: &t Kop\ndescription: *t",
            'title: &t "Kopf: neu"\ndescription: "Kopf: neu"',
            id="anchor kept, alias written out",
        ),
        pytest.param("title: !!str Kop", 'title: !!str "Kopf: neu"', id="tag kept"),
        pytest.param(
            "title: >-\n  Kop\n  twee\nz: 1", 'title: "Kopf: zwei"\nz: 1', id="block scalar"
        ),
        pytest.param("title:\n  Kop", 'title:\n  "Kopf: neu"', id="value on the next line"),
        pytest.param(
            "title: 'Kop'\nlang:\nslug:",
            'title: "Kopf: neu"\nlang: de\nslug: kopf-neu',
            id="empty values",
        ),
        pytest.param(
            "title: Kop\nslug: ~\nlang: nl # taal",
            'title: "Kopf: neu"\nslug: kopf-neu\nlang: de # taal',
            id="null",
        ),
    ],
)
def test_values_replaced_in_place(dutch: str, expected: str) -> None:
    german, _ = merged(
        f"---\n{dutch}\n---\nTekst.\n", {"Kop": "Kopf: neu", "Kop twee": "Kopf: zwei"}
    )
    assert split_front_matter(german)[0].startswith(f"---\n{expected}\n")
    assert yaml_of(german)["title"] in ("Kopf: neu", "Kopf: zwei")


def test_translation_key_is_the_dutch_one_when_it_has_one() -> None:
    german, _ = merged("---\ntitle: Kop\ntranslationKey: wk-2017\n---\nTekst.\n", {"Kop": "Kopf"})
    assert yaml_of(german)["translationKey"] == "wk-2017"


def test_dutch_slug_is_kept_when_nothing_translates_it() -> None:
    german, _ = merged("---\ntitle: Kop\nslug: mijn-kop\n---\nTekst.\n", {"Tekst.": "Text."})
    assert yaml_of(german)["slug"] == "mijn-kop"


def test_slug_falls_back_to_the_dutch_one_when_the_german_title_has_no_latin_letters() -> None:
    german, _ = merged("---\ntitle: Kop\n---\nTekst.\n", {"Kop": "— „…“ —"})
    assert yaml_of(german)["slug"] == "post"  # not "" (an empty slug gives the URL /de//)


def test_post_without_front_matter_gets_one() -> None:
    german, _ = merged("Tekst.\n", {"Tekst.": "Text."})
    _, rest = split_front_matter(german)
    assert rest == "Text.\n"
    assert yaml_of(german)["lang"] == "de"
    assert yaml_of(german)["translationKey"] == "post"


# ---------------------------------------------------------------------------------------
# Dates


def test_date_rewritten_in_place_and_readable_dates_kept_as_written() -> None:
    german, _ = merged(
        "---\ntitle: Kop\ndate: 2017-02-22 08:00 CEST\n---\nTekst.\n", {"Kop": "Kopf"}
    )
    assert "\ndate: 2017-02-22T08:00:00+01:00\n" in german
    for date in ("2017-02-22", "2017-02-22T08:00:00+01:00", "'2017-02-22 08:00:00'"):
        german, _ = merged(f"---\ntitle: Kop\ndate: {date}\n---\nTekst.\n", {"Kop": "Kopf"})
        assert f"\ndate: {date}\n" in german


# ---------------------------------------------------------------------------------------
# YAML that loads back exactly

NASTY = [
    "Workshop: e-learning",
    "Zitat \"doppelt\" und 'einfach'",
    "'ganz in einfachen'",
    '"ganz in doppelten"',
    "Nummer #1 # kein Kommentar",
    "#hashtag",
    "- kein Listenpunkt",
    "* kein Alias",
    "&anker",
    "!tag",
    "%Direktive",
    "@at",
    "`backtick`",
    "{geschweift}",
    "[eckig]",
    "zwei\nZeilen",
    "---",
    "...",
    "--- mit Text",
    "Tab\there",
    "\tTab vorne",
    "Backslash \\ und \\n",
    "Zeilen\u2028trenner\u2029Absatz",
    "NEL\x85",
    "Steuer\x01\x07\x1b\x7f",
    "RTL \u202eüberschrieben\u202c",
    "BOM\ufeffmitten",
    "null",
    "yes",
    "~",
    "1.5",
    "0x1F",
    "2017-02-22",
    " führende und folgende Leerzeichen ",
    "Ende mit Doppelpunkt:",
    "? Frage",
    "| Pipe",
    "> größer",
    "a, b",
    "Emoji 🎉 und 中文",
]


def _merged_unless_check_rejects(text: str, translations: dict[object, str], msgstr: str) -> str | None:
    """The German post, or None when merge refuses it because check's translation checks
    call ``msgstr`` an error (a code span, control characters, outer blanks: merge publishes
    nothing check rejects; :func:`test_yamlout.test_yaml_scalars_load_back` covers the YAML of any text)."""
    if any(severity == "error" for severity, _, _ in check_translation("Kop", msgstr, "de")):
        with tempfile.TemporaryDirectory(prefix="merge-test-", dir=_SCRATCH) as tmp:
            result = merge_in(Path(tmp), {"post": (text, translations)})["post"]
        assert result.action == "error" and "LC_MESSAGES/post.po:" in result.message, result
        return None
    return merged(text, translations)[0]


@pytest.mark.parametrize("title", NASTY, ids=range(len(NASTY)))
def test_nasty_titles_load_back_exactly(title: str) -> None:
    text = "---\ntitle: Kop\ndescription: Omschrijving\ntags: [een, twee]\ncategories:\n  - drie\n---\nTekst.\n"
    german = _merged_unless_check_rejects(
        text,
        {
            ("title", "Kop"): title,
            ("description", "Omschrijving"): title,
            ("tags", "een"): title,
            ("categories", "drie"): title,
        },
        title,
    )
    if german is None:
        return
    meta = yaml_of(german)
    assert meta["title"] == title
    assert meta["description"] == title
    assert meta["tags"] == [title, "twee"]
    assert meta["categories"] == [title]


@settings(max_examples=120, deadline=None)
@given(
    st.text(
        st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), min_size=1, max_size=40
    ).filter(str.strip)  # a msgstr of blanks only is no translation (see test_merge.py)
)
@example("a, b")
@example("a]b")
@example("x: y")
def test_any_translation_loads_back_exactly(msgstr: str) -> None:
    text = (
        "---\ntitle: Kop\ndescription: >\n  lange\n  omschrijving\ntags: een, twee\n"
        "categories: [drie, vier]\nsummary:\n---\nTekst.\n"
    )
    german = _merged_unless_check_rejects(
        text,
        {
            ("title", "Kop"): msgstr,
            ("description", "lange omschrijving"): msgstr,
            ("tags", "een"): msgstr,
            ("categories", "vier"): msgstr,
        },
        msgstr,
    )
    if german is None:
        return
    meta = yaml_of(german)
    assert meta["title"] == msgstr
    assert meta["description"] == msgstr
    assert meta["tags"] == [msgstr, "twee"]
    assert meta["categories"] == ["drie", msgstr]
    assert meta["summary"] is None


def test_record_hash_covers_everything_but_itself() -> None:
    german, _ = merged("---\ntitle: Kop\n---\nTekst.\n", {"Kop": "Kopf"})
    found = read_record(german)
    assert found is not None
    values, without = found
    assert values["sha256"] == sha256(without.encode())
    assert values["post"] == "content/nl/post.md"
    assert re.fullmatch(r"[0-9a-f]{64}", values["post_sha256"])
    assert not hand_edited(german.encode())
    assert hand_edited(german.replace("Kopf", "Kopf!").encode())
    assert hand_edited(b"---\ntitle: Kopf\n---\nText.\n")  # never written by merge


