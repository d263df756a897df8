"""No translation is ever lost: a property test over random sequences of Dutch edits.

A post is edited step by step (a word changed, a paragraph inserted, deleted, moved or
reflowed over other lines, a heading renamed, ``description`` and ``tags`` added, changed
and dropped), and ``extract`` (the core, with a fixed date) runs after each step. After each
extract a simulated translator fills some untranslated entries with unique msgstrs
(``T<n>``), confirms some fuzzy ones and rewrites others. Every msgstr the translator wrote
(and did not replace later) must still be in the catalog: active, fuzzy or obsolete; and a
unit whose text did not change keeps its translation, not fuzzy.

``FUZZ_EXAMPLES`` sets the number of sequences (default 100; ``make fuzz`` runs thousands).
The counts of sequences, steps and msgstrs are in the figures printed at the end.
"""

from __future__ import annotations

import random
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from reliability_support import examples, figure
from support import NOW

from pipeline.config import load_config
from pipeline.extract import extract
from pipeline.po import Catalog, format_catalog, parse_catalog

WORDS = [
    "open", "bron", "project", "gemeenschap", "bijdrage", "licentie", "code", "beheerder",
    "gebruikers", "documentatie", "veiligheid", "financiering", "vrijwilliger", "bestuur",
    "statistiek", "taak", "werk", "tijd", "kwaliteit", "vraag", "antwoord", "regel", "afspraak",
    "overleg", "nieuwe", "oude", "goede", "snelle", "lange", "korte", "samen", "eerst",
    "daarna", "altijd", "soms", "nooit",
]
MARKUP = ["[de gids](/gids/)", "*nadruk*", "__sterk__", "`code`", "{{< ref x >}}", "&amp;", "50%"]
TAGS = ["techniek", "beleid", "onderwijs", "open source", "nieuws", "gids"]

word = st.sampled_from(WORDS)
token = st.one_of(word, word, word, st.sampled_from(MARKUP))


@st.composite
def paragraph(draw: st.DrawFn) -> list[str]:
    words = draw(st.lists(token, min_size=3, max_size=14))
    words[0] = words[0].capitalize() if words[0][0].isalpha() else words[0]
    return words


@dataclass
class Block:
    kind: str  # "p" or "h2"
    words: list[str]
    width: int = 1000  # words per line (a reflow changes it)


@dataclass
class Post:
    title: list[str]
    blocks: list[Block]
    description: list[str] | None = None
    tags: list[str] | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def render(self) -> str:
        lines = ["---", "title: " + " ".join(self.title)]
        if self.description is not None:
            lines.append("description: " + " ".join(self.description))
        if self.tags is not None:
            lines.append("tags: [" + ", ".join(self.tags) + "]")
        lines.append("---")
        for block in self.blocks:
            lines.append("")
            if block.kind == "h2":
                lines.append("## " + " ".join(block.words))
            else:
                text = block.words[:]
                text[-1] = text[-1] + "."
                for start in range(0, len(text), block.width):
                    lines.append(" ".join(text[start : start + block.width]))
        return "\n".join(lines) + "\n"


# What an editor does; indices are taken modulo the number of blocks when applied
EDITS = st.one_of(
    st.tuples(st.just("change word"), st.integers(0, 99), st.integers(0, 99), word),
    st.tuples(st.just("insert paragraph"), st.integers(0, 99), paragraph()),
    st.tuples(st.just("insert heading"), st.integers(0, 99), st.lists(word, min_size=1, max_size=4)),
    st.tuples(st.just("delete"), st.integers(0, 99)),
    st.tuples(st.just("move"), st.integers(0, 99), st.integers(0, 99)),
    st.tuples(st.just("reflow"), st.integers(0, 99), st.integers(1, 8)),
    st.tuples(st.just("rename heading"), st.integers(0, 99), st.lists(word, min_size=1, max_size=4)),
    st.tuples(st.just("change title"), st.integers(0, 99), word),
    st.tuples(st.just("set description"), st.one_of(st.none(), st.lists(word, min_size=2, max_size=8))),
    st.tuples(st.just("set tags"), st.one_of(st.none(), st.lists(st.sampled_from(TAGS), max_size=4, unique=True))),
)


def apply_edit(post: Post, edit: tuple) -> None:  # type: ignore[type-arg]
    kind = edit[0]
    blocks = post.blocks
    if kind == "change word" and blocks:
        block = blocks[edit[1] % len(blocks)]
        block.words[edit[2] % len(block.words)] = edit[3]
    elif kind == "insert paragraph":
        blocks.insert(edit[1] % (len(blocks) + 1), Block("p", list(edit[2])))
    elif kind == "insert heading":
        blocks.insert(edit[1] % (len(blocks) + 1), Block("h2", list(edit[2])))
    elif kind == "delete" and len(blocks) > 1:
        del blocks[edit[1] % len(blocks)]
    elif kind == "move" and blocks:
        block = blocks.pop(edit[1] % len(blocks))
        blocks.insert(edit[2] % (len(blocks) + 1), block)
    elif kind == "reflow" and blocks:
        blocks[edit[1] % len(blocks)].width = edit[2]
    elif kind == "rename heading":
        headings = [b for b in blocks if b.kind == "h2"]
        if headings:
            headings[edit[1] % len(headings)].words = list(edit[2])
    elif kind == "change title":
        post.title[edit[1] % len(post.title)] = edit[2]
    elif kind == "set description":
        post.description = None if edit[1] is None else list(edit[1])
    elif kind == "set tags":
        post.tags = None if edit[1] is None else list(edit[1])


STATS: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_figures() -> Iterator[None]:
    """The counts of this module's runs, into the figures printed at the end."""
    yield
    for name, value in STATS.items():
        figure(f"property test: {name}", value)


class Translator:
    """Fills some entries after each extract, and remembers every msgstr it wrote."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.counter = 0
        self.written: set[str] = set()
        self.replaced: set[str] = set()

    def new(self) -> str:
        self.counter += 1
        text = f"T{self.counter}"
        self.written.add(text)
        STATS["msgstrs written"] += 1
        return text

    def work(self, catalog: Catalog) -> None:
        for message in catalog.messages:
            if message.obsolete:
                continue
            if message.fuzzy:
                choice = self.rng.random()
                if choice < 0.3:  # confirm the old translation
                    message.flags.remove("fuzzy")
                    message.previous_msgid = message.previous_msgctxt = None
                    STATS["fuzzy confirmed"] += 1
                elif choice < 0.5:  # rewrite it: the old msgstr is the translator's to drop
                    self.replaced.add(message.msgstr)
                    message.msgstr = self.new()
                    message.flags.remove("fuzzy")
                    message.previous_msgid = message.previous_msgctxt = None
                    STATS["fuzzy rewritten"] += 1
            elif not message.msgstr and self.rng.random() < 0.6:
                message.msgstr = self.new()


def _check_nothing_lost(translator: Translator, catalog: Catalog, before: Catalog | None) -> None:
    present = {m.msgstr for m in catalog.messages if m.msgstr}
    missing = translator.written - translator.replaced - present
    assert not missing, f"translations lost: {sorted(missing)}"
    STATS["obsolete entries seen"] += sum(m.obsolete for m in catalog.messages)
    STATS["fuzzy entries seen"] += sum(m.fuzzy and not m.obsolete for m in catalog.messages)
    if before is None:
        return
    # a unit whose text did not change keeps its translation as it was, not fuzzy
    now = {m.key: m for m in catalog.messages if not m.obsolete}
    for old in before.messages:
        if old.obsolete or old.fuzzy or not old.msgstr or old.key not in now:
            continue
        new = now[old.key]
        assert new.msgstr == old.msgstr and not new.fuzzy, (old.key, old.msgstr, new.msgstr)


@settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    title=st.lists(word, min_size=1, max_size=5),
    blocks=st.lists(st.one_of(paragraph().map(lambda w: Block("p", w)),
                              st.lists(word, min_size=1, max_size=4).map(lambda w: Block("h2", w))),
                    min_size=1, max_size=8),
    edits=st.lists(EDITS, min_size=1, max_size=12),
    seed=st.integers(0, 2**32 - 1),
)
def test_every_translation_survives_any_sequence_of_edits(
    title: list[str], blocks: list[Block], edits: list[tuple], seed: int  # type: ignore[type-arg]
) -> None:
    post = Post(list(title), [Block(b.kind, list(b.words)) for b in blocks])
    translator = Translator(seed)
    STATS["sequences"] += 1
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "content" / "nl" / "post.md"
        source.parent.mkdir(parents=True)
        po = root / "locale" / "de" / "LC_MESSAGES" / "post.po"
        config = load_config(root)
        before: Catalog | None = None
        for step, edit in enumerate([None, *edits]):
            if edit is not None:
                apply_edit(post, edit)
            text = post.render()
            note(f"step {step}: {edit!r}\n{text}")
            source.write_text(text, encoding="utf-8")
            results = list(extract(config, now=NOW, use_cache=False))
            assert [str(e) for r in results for e in r.errors] == []
            STATS["steps (extract runs)"] += 1
            catalog = parse_catalog(str(po), po.read_bytes())
            _check_nothing_lost(translator, catalog, before)
            translator.work(catalog)
            po.write_text(format_catalog(catalog), encoding="utf-8")
            before = catalog
