"""Wherever GNU ``msgmerge --previous`` offers an old translation, the pipeline's update offers one too.

A differential test over random edit sequences on the real articles
(``msgmerge_differential.py`` says how they are made and how msgmerge runs once per batch);
the figures of a larger run come from ``bench/msgmerge_match.py``. And the classes of match
msgmerge makes that the pipeline did not before issue 14, each on its own: an old entry of
another msgctxt, an old entry another unit still uses, a similarity on the UTF-8 bytes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from msgmerge_differential import Case, compare, make_cases, msgmerge_batch, msgmerge_one
from reliability_support import examples, figure
from support import needs_gettext

from pipeline.po import Catalog, format_catalog
from pipeline.segment import Unit
from pipeline.update import build_template, update_catalog

pytestmark = needs_gettext

#: sequences x edits: about 1,100 (edit, compare) cases, some 10 s
SEQUENCES = examples(70)
STEPS = 16
BLOCKS = 8


def test_msgmerge_offers_no_translation_the_pipeline_does_not() -> None:
    cases = make_cases(SEQUENCES, STEPS, seed=14, blocks=BLOCKS)
    assert len(cases) >= (STEPS - 1) * SEQUENCES
    figures = compare(cases)
    figure("msgmerge match: (edit, compare) cases", figures.cases)
    figure("msgmerge match: fuzzy offered by msgmerge", figures.msgmerge_fuzzy)
    figure("msgmerge match: fuzzy offered by the pipeline", figures.pipeline_fuzzy)
    assert figures.only_msgmerge == []
    # the edits did make fuzzy matches, and the same ones as msgmerge's nearly always
    assert figures.msgmerge_fuzzy > 2 * SEQUENCES
    assert figures.same_fuzzy_source >= 0.95 * figures.msgmerge_fuzzy


def test_one_msgmerge_run_per_batch_gives_each_case_its_own_run(tmp_path: Path) -> None:
    """The batch (one ``domain`` per case) is sound: each case's entries as msgmerge run on
    that case alone gives them."""
    cases = make_cases(2, 6, seed=7, blocks=BLOCKS)
    together = msgmerge_batch(cases, tmp_path)
    for case, merged in zip(cases, together):
        alone = msgmerge_one(case, tmp_path)
        assert format_catalog(Catalog([], merged.messages)) == format_catalog(Catalog([], alone.messages))


def _template(units: list[tuple[str | None, str]]) -> Catalog:
    post_units = [Unit("paragraph", text, n, context) for n, (context, text) in enumerate(units, 1)]
    return build_template("post", "content/nl/post.md", post_units, "2026-01-01 00:00+0000")


def _catalog(entries: list[tuple[str | None, str, str]]) -> Catalog:
    catalog, _ = update_catalog(None, _template([(c, m) for c, m, _ in entries]), "de", "x.po")
    for message, (_, _, msgstr) in zip(catalog.messages, entries):
        message.msgstr = msgstr
    return catalog


CLASSES = {
    # a title that became a heading: msgctxt "title" to none
    "other msgctxt": (
        [("title", "Een mooie titel voor de workshop", "Ein schöner Titel für den Workshop")],
        [(None, "Een mooie titel voor de workshop!")],
    ),
    # a paragraph duplicated and one copy changed: its old entry is in use by the other copy
    "entry in use": (
        [(None, "Het project groeit snel en de gemeenschap helpt mee.", "Das Projekt wächst schnell.")],
        [(None, "Het project groeit snel en de gemeenschap helpt mee."),
         (None, "Het project groeit traag en de gemeenschap helpt mee.")],
    ),
    # umlauts changed: 0.5 by characters, 0.75 by bytes (fstrcmp compares bytes)
    "bytes": ([(None, "abbaÜäÜÄöÜ", "alt")], [(None, "abbaÖäÄÖÄÜ")]),
}


@pytest.mark.parametrize("name", list(CLASSES))
def test_each_class_of_match_msgmerge_makes(tmp_path: Path, name: str) -> None:
    old, new = CLASSES[name]
    case = Case(_catalog(old), _template(new), name)
    [theirs] = msgmerge_batch([case], tmp_path)
    ours, _ = update_catalog(case.old, case.template, "de", "x.po")
    gnu = {m.key: m for m in theirs.messages if not m.obsolete and m.msgid}
    mine = {m.key: m for m in ours.messages if not m.obsolete}
    offered = [key for key, m in gnu.items() if m.fuzzy]
    assert offered  # msgmerge offers one
    for key in offered:
        assert (mine[key].fuzzy, mine[key].msgstr, mine[key].previous_msgid) == (
            True, gnu[key].msgstr, gnu[key].previous_msgid
        )


def test_the_edits_are_deterministic() -> None:
    first = [(c.kind, format_catalog(c.template)) for c in make_cases(2, 5, seed=3, blocks=BLOCKS)]
    again = [(c.kind, format_catalog(c.template)) for c in make_cases(2, 5, seed=3, blocks=BLOCKS)]
    assert first == again
