"""A PO editor's save, and the next extract: Weblate saves through translate-toolkit's
``pypo`` with the component's "Long lines wrapping" (``po_line_wrap``: the store's
``wrapper.width``, 77, 65535 or -1; ``weblate/trans/file_format_params.py``) and its header
fields. With "Only wrap lines at newlines (like 'xgettext --no-wrap')", 65535, a changed
msgstr changes only that entry's lines (and the header's), in the form GNU ``msgcat
--no-wrap`` writes, and the next extract keeps the file byte for byte; with "No line
wrapping", -1, the strings Weblate writes are one line each (``\\n`` inside), which the next
extract writes back: the file churns at every save.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import ARTICLES, make_root, msgcat, needs_gettext, po_path

from pipeline import api

pypo = pytest.importorskip("translate.storage.pypo", reason="needs translate-toolkit (the test extra)")

pytestmark = needs_gettext

#: A post whose units hold what the PO form escapes: hard line breaks (``\n`` in the msgid,
#: one line each in GNU's form), quotes, backslashes, a line longer than 77 columns
POST = """---
title: "Regels: \\"aanhalingstekens\\" en \\\\ backslash"
date: 2024-05-01T10:00:00+02:00
---

Eerste regel met een harde breuk  
tweede regel met "aanhalingstekens" en een \\\\ backslash\\
derde regel.

Een lange alinea die veel langer is dan zevenenzeventig tekens, zodat een editor die op 77 kolommen afbreekt haar anders schrijft dan GNU met --no-wrap.
"""

#: What the translator types in Weblate, by a piece of the msgid
TRANSLATIONS = {
    "harde breuk": 'Erste Zeile mit hartem Umbruch  \nzweite Zeile mit "Anführungszeichen" und einem '
                   "\\\\ Backslash\\\ndritte Zeile.",
    "Een lange alinea": "Ein langer Absatz, der viel länger ist als siebenundsiebzig Zeichen, sodass ein "
                        "Editor, der bei 77 Spalten umbricht, ihn anders schreibt als GNU mit --no-wrap.",
}
#: The header fields Weblate writes at a save (``BasePoFormat.update_header``, and the
#: translation's author and date)
HEADER = {
    "po_revision_date": "2024-05-02 10:00+0200",
    "last_translator": "Anna <anna@example.org>",
    "language_team": "German <https://hosted.weblate.org/projects/site/regels/de/>",
    "x_generator": "Weblate 5.9",
}
#: Weblate's three choices (value: label)
WRAPS = {
    77: "Wrap lines at 77 characters and at newlines (xgettext default)",
    65535: "Only wrap lines at newlines (like 'xgettext --no-wrap')",
    -1: "No line wrapping",
}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A content root with two real articles and the post above, extracted."""
    root = make_root(tmp_path_factory.mktemp("editors"), {
        "regels.md": POST, **{path.name: path.read_bytes() for path in ARTICLES[:2]},
    })
    report = api.extract(root, now=0)
    assert report.ok
    return root


def weblate_save(path: Path, width: int, translations: dict[str, str]) -> bytes:
    """What Weblate writes when a translator saves ``translations`` in the catalog at
    ``path`` with the component's "Long lines wrapping" ``width``; the bytes it read."""
    data = path.read_bytes()
    store = pypo.pofile(data)
    store.wrapper.width = width  # GettextPoLineWrap.setup_store
    for unit in store.units:
        for piece, target in translations.items():
            if piece in unit.source:
                unit.target = target
                unit.markfuzzy(False)
    store.updateheader(add=True, **HEADER)
    path.write_bytes(bytes(store))
    return data


def expected_save(old: bytes, entries: dict[str, str]) -> bytes:
    """``old`` with Weblate's header fields, and each entry's empty msgstr after the msgid
    line(s) ending in a key of ``entries`` replaced by its lines: what a save may change."""
    text = old.decode()
    for field, was in (("PO-Revision-Date", "1970-01-01 00:00+0000"), ("Last-Translator", ""),
                       ("Language-Team", "German")):
        name = field.lower().replace("-", "_")
        text = text.replace(f'"{field}: {was}\\n"\n', f'"{field}: {HEADER[name]}\\n"\n', 1)
    plural = '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    text = text.replace(plural, plural + f'"X-Generator: {HEADER["x_generator"]}\\n"\n', 1)
    for msgid_end, msgstr in entries.items():
        assert text.count(f'{msgid_end}\nmsgstr ""\n') == 1, msgid_end
        text = text.replace(f'{msgid_end}\nmsgstr ""\n', f"{msgid_end}\n{msgstr}\n")
    return text.encode()


@pytest.fixture
def root(extracted: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "root"
    shutil.copytree(extracted, copy)
    return copy


def test_only_wrap_at_newlines_changes_only_that_entry_and_extract_keeps_it(root: Path) -> None:
    catalog = po_path(root, "regels")
    old = weblate_save(catalog, 65535, TRANSLATIONS)
    saved = catalog.read_bytes()
    # the header's fields Weblate sets, and the two msgstr: nothing else, byte for byte
    assert saved == expected_save(old, {
        '"derde regel."': 'msgstr ""\n'  # a multi-line string: "" first, a line after each \n
                          '"Erste Zeile mit hartem Umbruch  \\n"\n'
                          '"zweite Zeile mit \\"Anführungszeichen\\" und einem \\\\\\\\ Backslash\\\\\\n"\n'
                          '"dritte Zeile."',
        "GNU met --no-wrap.\"": f'msgstr "{TRANSLATIONS["Een lange alinea"]}"',  # one line however long
    })
    assert msgcat(catalog) == saved  # GNU's --no-wrap form
    report = api.extract(root, now=0)
    assert report.ok and report.written == []
    assert catalog.read_bytes() == saved  # kept byte for byte, X-Generator and all


def test_an_article_entry_saved_alone(root: Path) -> None:
    """A real article's catalog: one entry translated, the rest of the file as it was."""
    post_id = ARTICLES[0].stem
    catalog = po_path(root, post_id)
    text = catalog.read_text(encoding="utf-8")
    whole = text.split('\nmsgid "', 3)[3].split('"\n', 1)[0]  # the third entry's msgid, one line
    piece = whole[:30]
    old = weblate_save(catalog, 65535, {piece: "Übersetzt: \"zitiert\" \\ und\nzwei Zeilen"})
    assert catalog.read_bytes() == expected_save(old, {
        f'msgid "{whole}"': 'msgstr ""\n"Übersetzt: \\"zitiert\\" \\\\ und\\n"\n"zwei Zeilen"'})
    saved = catalog.read_bytes()
    assert api.extract(root, now=0).written == []
    assert catalog.read_bytes() == saved


@pytest.mark.parametrize("width", [-1, 77])
def test_other_wrappings_churn(root: Path, width: int) -> None:
    """"No line wrapping" writes each string it sets (and the header) on one line, with the
    \\n inside; the 77 columns default wraps a long one. Extract writes either back in GNU's
    form, so every Weblate save and every extract change the file again."""
    catalog = po_path(root, "regels")
    weblate_save(catalog, width, TRANSLATIONS)
    saved = catalog.read_bytes().decode()
    if width == -1:
        assert 'msgstr "Erste Zeile mit hartem Umbruch  \\nzweite Zeile' in saved
        assert 'msgstr "Project-Id-Version: regels\\nReport-Msgid-Bugs-To:' in saved
    else:
        assert 'msgstr ""\n"Ein langer Absatz, der viel länger ist als siebenundsiebzig Zeichen, ' in saved
    assert msgcat(catalog).decode() != saved
    report = api.extract(root, now=0)
    assert [written.path for written in report.written] == ["locale/de/LC_MESSAGES/regels.po"]
    assert catalog.read_bytes() == msgcat(catalog)  # GNU's form again: a diff at every round
    assert catalog.read_bytes().decode() != saved


def test_the_labels_are_weblates() -> None:
    """The README names the setting by Weblate's own label (file_format_params.py)."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert WRAPS[65535] in readme
