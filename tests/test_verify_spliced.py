"""The structure check's shortcuts find exactly what the full parse finds.

Where a post's edits provably keep every block, :func:`pipeline.render.structure_refusals`
does not parse the German body (:func:`pipeline.verify.spliced_outline`) and skips the inline
pass of a run that cannot hold a link (:func:`pipeline.verify.run_links`). The tests here ask:

* of the proof itself: wherever it makes an outline, that is the outline of the German body
  parsed (blocks, inline runs with their lines, reference definitions), for edits as they
  come (not shaped by merge: its escapes would hide a hole in the proof), on the real
  articles, every CommonMark example and a Dutch post of the constructs the proof is about;
* of the refusals: computed both ways (``spliced=False``: the German body always parsed),
  the same (catalog, line, code, message), for pseudo, German and hostile translations, and
  hostile translations Hypothesis makes;
* that the shortcut is taken (a proof that never holds would pass every comparison).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from merge_support import extracted_corpus, pseudo  # noqa: F401 (a fixture)
from support import ARTICLES, make_root, run_extract

from pipeline import render
from pipeline.checkers import check_translation
from pipeline.config import DEFAULT_KEYS, DEFAULT_LIST_KEYS, Config, load_config
from pipeline.edits import Edit
from pipeline.linkmap import LinkMap
from pipeline.post import load_post
from pipeline.segment import Unit, segment_post
from pipeline.site import Site
from pipeline.translated import TranslatedPost, read_translated_post
from pipeline.verify import (
    _MAYBE_LINK_RE,
    _SIMPLE_TEXT_RE,
    Outline,
    _links,
    _simple_links,
    outline,
    run_links,
)

Translate = Callable[[Unit], "str | None"]
Read = tuple[Config, LinkMap, list[TranslatedPost]]
"""A content root's settings, its link map and its posts read with their catalogs (:func:`_read`)."""

# A Dutch post of what the proof reads: paragraphs that start with a quote, a link, a
# footnote reference, emphasis or digits, lines after reference definitions, lazy and list
# continuations, task items, headings with attributes and closing hashes, setext headings,
# definition lists, tables, HTML blocks of several types, attribute values, footnotes, tabs
TRICKY = """\
---
title: Lastig
---
# Kop één {#kop-een}

## Kop met slot ##

### Vast{#vast}

Kop setext
over twee regels
================

Een alinea met [een link](https://example.nl/a) en
een tweede regel met **nadruk**.
2. geen lijst hier
"Een citaat" aan het begin.

[Een link](/b/) aan het begin van de alinea.

[^1] aan het begin, een voetnoot.

*Nadruk* aan het begin en `code` erna.

1984 was een jaar, zie www.example.nl of mail naar info@example.nl.

[site]: https://example.nl/site/
"Geen titel" maar een alinea na de definitie.

[x]: /bestemming
(Haakjes) na een definitie zonder titel.

- Een punt met een [link][site]
  en een vervolgregel
- [ ] Een taak
- [x] Klaar

1. Eerste
2. Tweede
   met vervolg

> Een citaat
> over twee regels
luie regel

> - lijst in citaat
>   vervolg

Term
: Definitie van de term

| Kolom | Andere |
|-------|--------|
| cel een | cel \\| twee |

<div class="x">
  Tekst in een blok
  over twee regels met <em>nadruk</em>
</div>

<!-- commentaar
met tekst -->

<p>
Tekst in p
</p>

<img src="/a.png" alt="Een plaatje">

{{< figure src="/b.png" caption="Een bijschrift" >}}

Tekst met <img src="/c.png" alt="inline plaatje"> erin.

Een voetnoot staat hier.[^1]

[^1]: De voetnoot zelf.
    Met een tweede regel.

Hard  
break regel.

Regel met tab\terin &amp; een entiteit.

Laatste regel
---
"""

# Pieces a hostile translator (or a careless one) puts into a translation
PIECES = [
    "Wort", "zwei Wörter", "\n", "\n\n", "\n  ", "- ", "* ", "+ ", "1. ", "2) ", "#", "# ", "## ",
    "> ", "|", "\\|", "\\", "<div>", "</div>", "<span>", "<!--", "-->", "?>", "]]>", "</p>",
    "[x]: /y", "[site]: /z", "[^1]: z", "[^1]", "[^2]", "{#id}", "{.cls}", "{", "}", "```", "~~~",
    "    ", "\t", "=== ", "===", "---", "***", "___", ":", ": ", "~ ", '"', "'", "(", ")", "[", "]",
    "`", "<", ">", "&#64;", "&amp;", "www.evil.example", "a@evil.example", "https://evil.example/",
    "[eine](https://example.nl/a)", "[anders](https://evil.example/)", "![Bild](/b.png)",
    "<https://evil.example>", "[site]", "[x][site]", "\x0c", "\u2028", "\xa0", " ", "9. Februar",
]


def _on_a_fixture(max_examples: int) -> settings:
    """Hypothesis's settings for a test drawing from a module's fixture (one content root,
    read once, for every example)."""
    return settings(max_examples=max_examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _link_map(config: Config) -> LinkMap:
    return LinkMap(Site.load(config), "de", [], set())


def _read(root: Path) -> Read:
    config = load_config(root)
    posts = [read_translated_post(config, path, "de") for path in sorted((root / "content" / "nl").rglob("*.md"))]
    assert all(post.error is None for post in posts)
    return config, _link_map(config), posts


class Spliced:
    """Counts the German outlines :func:`pipeline.verify.spliced_outline` made (not None)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.made = self.tried = 0
        real = render.spliced_outline

        def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            found = real(*args, **kwargs)
            self.tried += 1
            self.made += found is not None
            return found

        monkeypatch.setattr(render, "spliced_outline", counted)


def both_ways(translated: TranslatedPost, config: Config, links: LinkMap, translate: Translate) -> list[render.Refusal]:
    """The post's structure refusals with ``translate``'s translations, the shortcut's;
    asserted equal to the full parse's."""
    translated.translations = {}
    translated.message_lines = {}
    for unit in translated.units:
        german = translate(unit)
        if german is not None and german.strip() and (unit.context, unit.text) not in translated.translations:
            translated.translations[unit.context, unit.text] = german
            translated.message_lines[unit.context, unit.text] = len(translated.message_lines) * 3 + 5
    unit_edits, other_edits = render._translated_edits(translated, config, links, [])
    fast = render.structure_refusals(translated, config, links, unit_edits, other_edits)
    full = render.structure_refusals(translated, config, links, unit_edits, other_edits, spliced=False)
    assert fast == full, (translated.post_id, translated.translations)
    return full


def _kept_outline(translated: TranslatedPost) -> None:
    """The Dutch outline as merge and check find it in the cache (packed, unpacked)."""
    assert translated.post is not None and translated.outline is not None
    lines = translated.post.lines[translated.post.body_start :]
    translated.outline = Outline.unpack(translated.outline.pack(lines), lines)


def _pseudo(unit: Unit) -> str | None:
    return None if unit.context == "slug" else pseudo(unit.text)


def _hostile(seed: int, share: float = 0.15) -> Translate:
    """Pseudo-translations, some with hostile pieces put in at random places (the same
    pieces for the same msgid)."""

    def translate(unit: Unit) -> str | None:
        if unit.context == "slug":
            return None
        rng = random.Random(f"{seed}:{unit.text}")
        german = pseudo(unit.text)
        if rng.random() < share:
            for _ in range(rng.randint(1, 3)):
                cut = rng.choice([0, len(german), rng.randint(0, len(german))])
                german = german[:cut] + rng.choice(PIECES) + german[cut:]
        return german

    return translate


@pytest.fixture(scope="module")
def corpus(extracted_corpus: Path) -> Read:  # noqa: F811
    return _read(extracted_corpus)


def _sections() -> dict[str, str]:
    """The tricky post, and each of its parts (blank-line separated) as a post of its own:
    where one unit's text is not proven, the whole post is parsed."""
    body = TRICKY.split("---\n", 2)[2]
    parts = [part for part in body.split("\n\n") if part.strip()]
    posts = {"lastig.md": TRICKY}
    for number, part in enumerate(parts):
        posts[f"deel-{number:02d}.md"] = f"---\ntitle: Deel {number}\n---\n{part}\n"
    return posts


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Read]:
    root = make_root(tmp_path_factory.mktemp("tricky"), _sections())
    run_extract(root)
    yield _read(root)


@pytest.mark.parametrize("translate", [_pseudo, _hostile(1), _hostile(2, 0.5)], ids=["pseudo", "hostile", "very-hostile"])
def test_the_corpus_is_refused_alike_both_ways(
    corpus: Read, translate: Translate, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every CommonMark example, the real articles and the seed post."""
    config, links, posts = corpus
    spliced = Spliced(monkeypatch)
    refused = sum(bool(both_ways(translated, config, links, translate)) for translated in posts)
    assert spliced.made >= spliced.tried // 4, (spliced.made, spliced.tried)
    if translate is not _pseudo:
        assert refused >= 20  # the hostile pieces are seen


def test_the_real_articles_are_spliced_with_their_outline_from_the_cache(
    corpus: Read, monkeypatch: pytest.MonkeyPatch,
) -> None:
    config, links, posts = corpus
    articles = [post for post in posts if post.source_path.name in {a.name for a in ARTICLES}]
    assert len(articles) == 12
    spliced = Spliced(monkeypatch)
    for translated in articles:
        _kept_outline(translated)
        assert both_ways(translated, config, links, _pseudo) == []
        both_ways(translated, config, links, _hostile(3, 0.3))
    assert spliced.made >= 12


GERMAN_ARTICLES = sorted((Path(__file__).parent / "fixtures" / "opensource-guide" / "de").glob("*.md"))


def test_the_real_articles_with_german_text_are_refused_alike_both_ways(
    corpus: Read, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Real German prose in place of each Dutch unit of the same kind at the same position
    (where check's entry checks find no error), as tests/test_verify.py puts it."""
    config, links, posts = corpus
    spliced = Spliced(monkeypatch)
    for german_path in GERMAN_ARTICLES:
        translated = next(post for post in posts if post.source_path.name == german_path.name)
        german_units = segment_post(load_post("de", german_path.read_bytes()), "p", DEFAULT_KEYS, DEFAULT_LIST_KEYS)
        pairs = {
            d.text: g.text for d, g in zip(translated.units, german_units)
            if d.kind == g.kind and d.context != "slug"
            and not any(severity == "error" for severity, _, _ in check_translation(d.text, g.text, "de"))
        }
        both_ways(translated, config, links, lambda unit, pairs=pairs: pairs.get(unit.text))
    assert spliced.made >= len(GERMAN_ARTICLES) // 2


def test_the_tricky_posts_are_spliced_and_refused_alike(
    tricky: Read, monkeypatch: pytest.MonkeyPatch,
) -> None:
    config, links, posts = tricky
    spliced = Spliced(monkeypatch)
    for translated in posts:
        assert both_ways(translated, config, links, _pseudo) == []
    assert spliced.made >= 15, (spliced.made, spliced.tried)  # of 28: the others hold what it does not prove
    for seed in range(10):
        for translated in posts:
            both_ways(translated, config, links, _hostile(seed, 0.3))


UNIT_CHANGE = st.one_of(
    st.none(),  # untranslated
    st.just(""),  # the pseudo-translation as it is
    st.tuples(st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map("".join), st.floats(0, 1)),
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map(lambda pieces: ("".join(pieces), -1.0)),
)


@_on_a_fixture(max_examples=300)
@given(st.data())
def test_hostile_translations_of_the_tricky_posts_are_refused_alike(
    tricky: Read, data: st.DataObject,
) -> None:
    """Random pieces at random places of random units' pseudo-translations (or in place of
    them): the shortcut's refusals are the full parse's."""
    config, links, posts = tricky
    translated = data.draw(st.sampled_from(posts))
    units = [unit for unit in translated.units if unit.context != "slug"]
    changes = data.draw(st.lists(UNIT_CHANGE, min_size=len(units), max_size=len(units)))
    by_text: dict[str, str | None] = {}
    for unit, change in zip(units, changes):
        if change is None:
            german = None
        elif change == "":
            german = pseudo(unit.text)
        else:
            pieces, where = change
            german = pseudo(unit.text)
            cut = round(where * len(german))
            german = pieces if where < 0 else german[:cut] + pieces + german[cut:]
        by_text.setdefault(unit.text, german)
    both_ways(translated, config, links, lambda unit: by_text.get(unit.text))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab .:/@&#;\\[]()<>!^*_`w\n-x46", max_size=40))
def test_a_run_without_link_characters_has_no_links(text: str) -> None:
    """:func:`pipeline.verify.run_links` skips the inline pass only where it finds nothing."""
    env = {"references": {"A": {"href": "/a", "title": ""}}, "footnotes": {"refs": {":1": -1}}}
    assert run_links(text, env) == _links(text, env)
    if not _MAYBE_LINK_RE.search(text):
        assert _links(text, env) == []


@pytest.mark.parametrize("text", ["www&#46;ab.example", "a&#64;b.example", "www\\.ab.example", "https:\\/\\/ab.example"])
def test_a_link_spelt_with_an_entity_or_escape_is_found(text: str) -> None:
    assert not re.search(r"[\[<@]|www\.|://", text)  # what compare looks for: not enough here
    assert run_links(text, {}) == _links(text, {}) != []


# ---------------------------------------------------------------------------------------
# The proof itself: a spliced outline is the parsed outline, for edits as they come

#: Harmless pieces as often as hostile ones: most edits must be proven, for the comparison to
#: say something; and whole titles and attribute lists (a definition's title on the next line,
#: a heading's id), escapes
HARMLESS = ["Ärger", "zwei Wörter", "a", "Wort und Wort", "ßx", "9"]
HOSTILE = PIECES + ['"Titel"', "'Titel'", "(Titel)", "{#id}", "{.cls}", "\\", "\\\\", "\r", "\r\n", "\0", "\x1c", "\x85"]


def _piece(rng: random.Random) -> str:
    return rng.choice(HOSTILE if rng.random() < 0.5 else HARMLESS)


def _edit_text(rng: random.Random, unit: Unit, span: str) -> str:
    if unit.kind.startswith(("<", "{{")):
        base = span  # an attribute value as written, quotes and all
    else:
        base = rng.choice([unit.text, pseudo(unit.text)])
    roll = rng.random()
    if roll < 0.2:
        text = base
    elif roll < 0.8:
        text = base
        for _ in range(rng.randint(1, 3)):
            cut = rng.choice([0, 0, 1, len(text) - 1, len(text), len(text), rng.randint(0, len(text))])
            text = text[: max(cut, 0)] + _piece(rng) + text[max(cut, 0) :]
    else:
        text = "".join(_piece(rng) for _ in range(rng.randint(1, 4)))
    if "\n" in text and rng.random() < 0.7:
        text = text.replace("\n", "\n" + unit.prefix)  # as merge puts a unit's later lines
    return text


def spliced_is_parsed(translated: TranslatedPost, config: Config, rng: random.Random, share: float) -> bool:
    """Edit a random ``share`` of the post's body units (no two overlapping); where the
    proof makes an outline, assert it is the German body's, parsed. Whether it made one."""
    post = translated.post
    assert post is not None and translated.outline is not None
    edits: list[tuple[Unit, Edit]] = []
    for unit in translated.units:
        if unit.start is None or unit.end is None or unit.start[0] < post.body_start or rng.random() >= share:
            continue
        span = "\n".join(post.lines[unit.start[0] : unit.end[0] + 1])
        span = span[unit.start[1] : len(span) - len(post.lines[unit.end[0]]) + unit.end[1]]
        edits.append((unit, Edit(unit.start, unit.end, _edit_text(rng, unit, span))))
    edits.sort(key=lambda pair: pair[1].start)
    kept: list[tuple[Unit, Edit]] = []
    for pair in edits:
        if not kept or pair[1].start >= kept[-1][1].end:
            kept.append(pair)
    spliced = render.spliced_german_outline(translated, translated.outline, kept)
    if spliced is None:
        return False
    body = render._german_body(post, [edit for _, edit in kept])
    parsed = outline(body, config.dialect)
    where = (translated.post_id, [(unit.kind, edit) for unit, edit in kept])
    assert spliced.blocks == parsed.blocks, where
    assert spliced.inlines == parsed.inlines, where
    def targets(env: dict) -> dict:  # what links read of a definition (not its lines)
        return {label: (ref["href"], ref["title"]) for label, ref in env.get("references", {}).items()}

    assert targets(spliced.env) == targets(parsed.env), where
    # the footnotes' labels (the inline pass numbers them in the Dutch env: links read labels)
    assert set(spliced.env.get("footnotes", {}).get("refs", {})) == set(parsed.env.get("footnotes", {}).get("refs", {}))
    return True


def test_a_spliced_outline_is_the_parsed_one_in_the_tricky_posts(
    tricky: Read,
) -> None:
    config, _, posts = tricky
    rng = random.Random(15)
    made = sum(spliced_is_parsed(translated, config, rng, 0.5) for _ in range(300) for translated in posts)
    assert made >= 2000, made  # of 8,400


def test_an_edit_with_a_carriage_return_or_nul_is_not_spliced(
    tricky: Read,
) -> None:
    """The parser reads a carriage return as a line break (``Wort\\r- Punkt`` is a paragraph
    and a list) and a NUL as U+FFFD: an edit holding either is parsed, not spliced."""
    config, _, posts = tricky
    translated = next(post for post in posts if post.post_id == "lastig")
    assert translated.post is not None and translated.outline is not None
    unit = next(unit for unit in translated.units if unit.text.startswith("*Nadruk* aan het begin"))
    for text, spliced in (("Wort und Wort", True), ("Wort\r- Punkt", False), ("Wort\r\n- Punkt", False),
                          ("Wort\0 Wort", False)):
        edits = [(unit, Edit(unit.start, unit.end, text))]
        found = render.spliced_german_outline(translated, translated.outline, edits)
        assert (found is not None) == spliced, text
        parsed = outline(render._german_body(translated.post, [edit for _, edit in edits]), config.dialect)
        assert (parsed.blocks == translated.outline.blocks) == (text != "Wort\r- Punkt" and text != "Wort\r\n- Punkt")


def test_a_spliced_outline_is_the_parsed_one_in_the_corpus(
    corpus: Read,
) -> None:
    """Every CommonMark example (three times), the real articles and the seed post."""
    config, _, posts = corpus
    rng = random.Random(16)
    made = 0
    for translated in posts:
        if translated.outline is None or not translated.outline.inlines:
            continue
        small = len(translated.post.lines) < 100 if translated.post else False
        made += sum(spliced_is_parsed(translated, config, rng, 0.3 if small else 0.02) for _ in range(3))
    assert made >= 700, made


@_on_a_fixture(max_examples=400)
@given(st.data())
def test_a_spliced_outline_is_the_parsed_one_for_any_edits(
    tricky: Read, data: st.DataObject,
) -> None:
    config, _, posts = tricky
    translated = data.draw(st.sampled_from(posts))
    spliced_is_parsed(translated, config, random.Random(data.draw(st.integers(0, 2**32))), data.draw(st.floats(0.1, 1)))


SIMPLE_LINK_PIECES = st.sampled_from([
    "[", "]", "(", ")", "![", "](", "[a](b)", "[t](javascript:x)", "![i](DATA:x)", "[t](file:x)", "![x](/y.png)",
    "[t](https://a.example/p?q=1#f)", "(javascript:x)",
    "(JavaScript:x)", "(data:x)", " ", "\n", "  \n", "a", "Wort", ":", "/", "://", "www.", "www.ab.example", "@",
    "x@ab.example", "<", ">", "&", "&amp;", "\\", "`", "^", "[^1]", "*", "_", '"t"', "'", "~", "!", "#", "\t",
])


@settings(max_examples=800, deadline=None)
@given(st.lists(SIMPLE_LINK_PIECES, max_size=12).map("".join))
def test_simple_links_are_the_inline_passes(text: str) -> None:
    """:func:`pipeline.verify._simple_links` finds what the inline pass finds, or gives up."""
    env = {"references": {"A": {"href": "/a", "title": ""}}, "footnotes": {"refs": {":1": -1}}}
    found = _simple_links(text)
    assert found is None or found == _links(text, env)
    assert run_links(text, env) == _links(text, env)


#: :data:`pipeline.verify._SIMPLE_TEXT_RE` as first written: one character (or one ``@`` not
#: after an address's name) at a time
SIMPLE_TEXT_BY_CHARACTER = re.compile(r"(?:[^\[\]<>&\\`^@!]|(?<![-a-zA-Z0-9.+_])@)*")


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["@", "@@", "a", ".", "+", "_", "-", "0", " ", "\n", "x@y", " @", "[", "!",
                                 "&", "\\", "`", "^", "<", "é", "é@"]), max_size=10).map("".join),
       st.integers(0, 3))
def test_simple_text_unrolled_is_the_character_by_character_form(text: str, start: int) -> None:
    """The unrolled pattern matches a text (whole, from any start: the lookbehind sees what
    stands before) exactly where the character-by-character one does."""
    start = min(start, len(text))
    ours = _SIMPLE_TEXT_RE.fullmatch(text, start)
    theirs = SIMPLE_TEXT_BY_CHARACTER.fullmatch(text, start)
    assert (ours is None) == (theirs is None)
    for piece in (text, text[start:]):
        assert _SIMPLE_TEXT_RE.match(piece).end() == SIMPLE_TEXT_BY_CHARACTER.match(piece).end()  # type: ignore[union-attr]


def test_simple_links_are_most_runs_of_the_real_articles(
    corpus: Read,
) -> None:
    _, _, posts = corpus
    articles = [post for post in posts if post.source_path.name in {a.name for a in ARTICLES}]
    runs = [text for post in articles for _, text in post.outline.inlines if _MAYBE_LINK_RE.search(text)]
    simple = [text for text in runs if _simple_links(text) is not None]
    assert all(_simple_links(text) == _links(text, {}) for text in simple)
    assert len(simple) >= len(runs) // 2, (len(simple), len(runs))
