"""The pipeline's catalog update against GNU ``msgmerge --previous``, on random edits of real posts.

A sequence starts from a real article (``tests/fixtures/opensource-guide/nl``, the seed post),
extracts it, translates every entry (a deterministic stand-in German), then applies ordinary
edits one after the other: words changed, inserted or deleted; paragraphs moved, duplicated,
deleted, split, joined, swapped, made a heading or a list item; front matter values changed; a
front matter key renamed (its msgctxt changes). After each edit the new template is merged into
the old catalog twice, by :func:`pipeline.update.update_catalog` in this process and by
``msgmerge --previous --no-wrap``, and the two are compared entry by entry. The pipeline's
result is the next step's old catalog (then some of its fuzzy and new entries translated, as a
translator would catch up).

msgmerge runs once per batch: the cases of a batch are written into one catalog and one
template, each case its own ``domain``; msgmerge merges each domain on its own (its exact and
fuzzy searches look in the domain's definitions only: ``match_domain`` in ``msgmerge.c``),
and the output is cut back at its ``domain`` lines (``split_domains``).
"""

from __future__ import annotations

import random
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import DEFAULT_KEYS, DEFAULT_LIST_KEYS
from pipeline.errors import PipelineError
from pipeline.po import Catalog, format_catalog, parse_catalog
from pipeline.post import load_post
from pipeline.segment import segment_post
from pipeline.update import build_template, update_catalog

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = sorted((FIXTURES / "opensource-guide" / "nl").glob("*.md")) + [
    FIXTURES / "seed" / "2017-02-22-workshop-e-learning-toekomst.md"
]
DATE = "2026-01-01 00:00+0000"
_WORDS = ["project", "gemeenschap", "bijdrage", "licentie", "beheerder", "gebruikers", "snel",
          "documentatie", "veiligheid", "vrijwilliger", "kwaliteit", "afspraak", "overleg", "niet"]


def german(msgid: str) -> str:
    """A stand-in translation, different from the msgid, its ends kept."""
    return "DE " + msgid.upper() if not msgid.startswith("\n") else "\nDE " + msgid[1:].upper()


# ---------------------------------------------------------------------------------------
# Edits of a post's text


def _split(text: str) -> tuple[list[str], list[str]]:
    """The front matter's lines (with the fences) and the body's blocks (blank-line separated)."""
    lines = text.split("\n")
    end = lines.index("---", 1) + 1
    body = "\n".join(lines[end:]).strip("\n")
    return lines[:end], [block for block in re.split(r"\n\s*\n", body) if block.strip()]


def _join(front: list[str], blocks: list[str]) -> str:
    return "\n".join(front) + "\n\n" + "\n\n".join(blocks) + "\n"


def _prose(blocks: list[str]) -> list[int]:
    """The blocks that are plain paragraphs (no code, no HTML, no table, no shortcode)."""
    return [
        i for i, b in enumerate(blocks)
        if not b.lstrip().startswith(("```", "<", "|", "{{", "    ", ">", "---"))
        and "```" not in b
    ]


def edit(text: str, rng: random.Random) -> tuple[str, str]:
    """One random ordinary edit of a post: (its name, the new text)."""
    front, blocks = _split(text)
    prose = _prose(blocks)
    kinds = ["word", "word", "insert-word", "delete-word", "move", "duplicate", "delete",
             "split", "join", "heading", "list-item", "front-value", "front-key", "swap"]
    kind = rng.choice(kinds)
    if kind in ("word", "insert-word", "delete-word") and prose:
        i = rng.choice(prose)
        words = blocks[i].split(" ")
        at = rng.randrange(len(words))
        if kind == "word":
            words[at] = rng.choice(_WORDS)
        elif kind == "insert-word":
            words.insert(at, rng.choice(_WORDS))
        elif len(words) > 1:
            del words[at]
        blocks[i] = " ".join(words)
    elif kind == "move" and len(blocks) > 1:
        block = blocks.pop(rng.randrange(len(blocks)))
        blocks.insert(rng.randrange(len(blocks) + 1), block)
    elif kind == "duplicate" and prose:
        i = rng.choice(prose)
        blocks.insert(rng.randrange(len(blocks) + 1), blocks[i])
    elif kind == "delete" and len(blocks) > 1:
        del blocks[rng.randrange(len(blocks))]
    elif kind == "split" and prose:
        i = rng.choice(prose)
        cuts = [m.end() for m in re.finditer(r"[.?!] ", blocks[i])]
        if cuts:
            at = rng.choice(cuts)
            blocks[i : i + 1] = [blocks[i][:at].rstrip(), blocks[i][at:].lstrip()]
    elif kind == "join" and len(prose) > 1:
        i = rng.choice(prose[:-1])
        if i + 1 in prose:
            blocks[i : i + 2] = [blocks[i].rstrip() + " " + blocks[i + 1].lstrip()]
    elif kind == "heading" and prose:
        i = rng.choice(prose)
        blocks[i] = "## " + re.sub(r"^(#+|[-*]|\d+\.) ", "", blocks[i].split("\n")[0])
    elif kind == "list-item" and prose:
        i = rng.choice(prose)
        blocks[i] = "- " + re.sub(r"^(#+|[-*]|\d+\.) ", "", blocks[i]).replace("\n", "\n  ")
    elif kind == "swap" and len(blocks) > 1:
        i = rng.randrange(len(blocks) - 1)
        blocks[i], blocks[i + 1] = blocks[i + 1], blocks[i]
    elif kind in ("front-value", "front-key"):
        keyed = [i for i, line in enumerate(front) if re.match(r"(title|description|summary): ", line)]
        if keyed:
            i = rng.choice(keyed)
            key, value = front[i].split(": ", 1)
            if kind == "front-value":
                words = value.split(" ")
                words[rng.randrange(len(words))] = rng.choice(_WORDS)
                front[i] = f"{key}: {' '.join(words)}"
            else:
                free = [k for k in ("title", "description", "summary")
                        if not any(line.startswith(k + ":") for line in front)]
                if free:
                    front[i] = f"{rng.choice(free)}: {value}"
    return kind, _join(front, blocks)


def template_of(text: str, name: str) -> Catalog | None:
    """The template of a post's text; None where the post is refused (an edit that broke it)."""
    try:
        post = load_post(f"content/nl/{name}.md", text.encode("utf-8"))
        units = segment_post(post, name, DEFAULT_KEYS, DEFAULT_LIST_KEYS)
    except PipelineError:
        return None
    return build_template(name, f"content/nl/{name}.md", units, DATE)


# ---------------------------------------------------------------------------------------
# Cases, and msgmerge over a batch of them


@dataclass
class Case:
    old: Catalog
    template: Catalog
    kind: str


def sequences(
    count: int, steps: int, seed: int, blocks: int = 0
) -> Iterator[Iterator[tuple[str, Catalog]]]:
    """``count`` sequences of ``steps`` edits, each on a random article (``blocks`` of it, see
    :func:`excerpt`): each an iterator of (edit kind, new template)."""
    rng = random.Random(seed)
    for _ in range(count):
        path = rng.choice(ARTICLES)
        text = excerpt(path.read_text(encoding="utf-8"), rng, blocks)
        yield _one_sequence(text, path.stem, steps, random.Random(rng.random()))


def excerpt(text: str, rng: random.Random, blocks: int) -> str:
    """The post's front matter and ``blocks`` consecutive blocks of its body from a random
    place (all of it when ``blocks`` is 0): small catalogs keep msgmerge quick."""
    front, body = _split(text)
    if blocks and len(body) > blocks:
        start = rng.randrange(len(body) - blocks + 1)
        body = body[start : start + blocks]
    return _join(front, body)


def _one_sequence(text: str, name: str, steps: int, rng: random.Random) -> Iterator[tuple[str, Catalog]]:
    done = 0
    tries = 0
    while done < steps and tries < steps * 5:
        tries += 1
        kind, changed = edit(text, rng)
        template = template_of(changed, name)
        if template is None or changed == text:
            continue
        text = changed
        done += 1
        yield kind, template


def translated(catalog: Catalog, rng: random.Random, share: float) -> Catalog:
    """``catalog`` (a new copy, read back from its text) with about ``share`` of its new and
    fuzzy entries translated, as a translator catching up."""
    copy = parse_catalog("old.po", format_catalog(catalog))
    for message in copy.messages:
        if message.obsolete or message.msgid_plural is not None:
            continue
        if (not message.msgstr or message.fuzzy) and rng.random() < share:
            message.msgstr = german(message.msgid)
            message.flags = [f for f in message.flags if f != "fuzzy"]
            message.previous_msgctxt = message.previous_msgid = None
    return copy


def make_cases(count: int, steps: int, seed: int, blocks: int = 0) -> list[Case]:
    """The (old catalog, new template) pairs of ``count`` sequences of ``steps`` edits; the
    old catalog of each step is the pipeline's update of the step before, partly translated."""
    rng = random.Random(seed + 1)
    cases: list[Case] = []
    for sequence in sequences(count, steps, seed, blocks):
        catalog: Catalog | None = None
        for kind, template in sequence:
            if catalog is None:  # the first edit's old catalog: the original, all translated
                first, _ = update_catalog(None, template, "de", "x.po")
                catalog = translated(first, rng, 1.0)
                continue
            cases.append(Case(catalog, template, kind))
            merged, _ = update_catalog(catalog, template, "de", "x.po")
            catalog = translated(merged, rng, 0.5)
    return cases


_DOMAIN_RE = re.compile(r'^domain "(c\d+)"\n', re.MULTILINE)


def _with_domain(text: str, name: str) -> str:
    return f'domain "{name}"\n\n{text}'


def msgmerge_batch(cases: list[Case], folder: Path) -> list[Catalog]:
    """msgmerge's result for each case, from one msgmerge run (one domain per case)."""
    return _finish_msgmerge(_start_msgmerge(cases, folder), folder, len(cases))


def _start_msgmerge(cases: list[Case], folder: Path) -> subprocess.Popen:
    """msgmerge started on a batch (one domain per case) in ``folder``; not waited for."""
    old = "\n".join(_with_domain(format_catalog(c.old), f"c{i}") for i, c in enumerate(cases))
    pot = "\n".join(_with_domain(format_catalog(c.template), f"c{i}") for i, c in enumerate(cases))
    (folder / "old.po").write_text(old, encoding="utf-8")
    (folder / "new.pot").write_text(pot, encoding="utf-8")
    return subprocess.Popen(
        ["msgmerge", "--quiet", "--previous", "--no-wrap", "-o", str(folder / "out.po"),
         str(folder / "old.po"), str(folder / "new.pot")],
    )


def _finish_msgmerge(process: subprocess.Popen, folder: Path, count: int) -> list[Catalog]:
    try:
        status = process.wait(timeout=600)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if status:
        raise subprocess.CalledProcessError(status, process.args)
    return split_domains((folder / "out.po").read_text(encoding="utf-8"), count)


def split_domains(text: str, count: int) -> list[Catalog]:
    """msgmerge's output cut at its ``domain`` lines, each part read as a catalog."""
    parts = _DOMAIN_RE.split(text)
    found = {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}
    return [parse_catalog(f"c{i}", found.get(f"c{i}", "")) for i in range(count)]


def msgmerge_one(case: Case, folder: Path) -> Catalog:
    """msgmerge's result for one case on its own (to show the batch is sound)."""
    (folder / "old.po").write_text(format_catalog(case.old), encoding="utf-8")
    (folder / "new.pot").write_text(format_catalog(case.template), encoding="utf-8")
    subprocess.run(
        ["msgmerge", "--quiet", "--previous", "--no-wrap", "-o", str(folder / "out.po"),
         str(folder / "old.po"), str(folder / "new.pot")],
        check=True, timeout=60,
    )
    return parse_catalog("out.po", (folder / "out.po").read_bytes())


# ---------------------------------------------------------------------------------------
# The comparison


@dataclass
class Figures:
    cases: int = 0
    entries: int = 0
    msgmerge_exact: int = 0
    msgmerge_fuzzy: int = 0
    pipeline_exact: int = 0
    """Translated, not fuzzy (exact matches, and the pipeline's kept translations)."""
    pipeline_fuzzy: int = 0
    both: int = 0
    """Entries both give a translation (exact or fuzzy)."""
    same_fuzzy_source: int = 0
    """Entries both make fuzzy from the same old entry (same previous msgid and msgstr)."""
    only_msgmerge: list[tuple[str, tuple[str | None, str]]] = field(default_factory=list)
    only_pipeline: int = 0
    """The pipeline gives a translation, msgmerge none."""
    pipeline_exact_msgmerge_fuzzy: int = 0
    """msgmerge offers a fuzzy one, the pipeline a translation it kept (not fuzzy)."""

    def add(self, kind: str, ours: Catalog, theirs: Catalog) -> None:
        self.cases += 1
        mine = {m.key: m for m in ours.messages if not m.obsolete}
        for message in theirs.messages:
            if message.obsolete or message.msgid == "":
                continue
            self.entries += 1
            own = mine[message.key]
            gnu = bool(message.msgstr or any(message.msgstr_plural.values()))
            ok = bool(own.msgstr or any(own.msgstr_plural.values()))
            if gnu:
                if message.fuzzy:
                    self.msgmerge_fuzzy += 1
                else:
                    self.msgmerge_exact += 1
            if ok:
                if own.fuzzy:
                    self.pipeline_fuzzy += 1
                else:
                    self.pipeline_exact += 1
            if gnu and ok:
                self.both += 1
                if message.fuzzy and own.fuzzy and (message.previous_msgid, message.msgstr) == (
                    own.previous_msgid, own.msgstr
                ):
                    self.same_fuzzy_source += 1
                if message.fuzzy and not own.fuzzy:
                    self.pipeline_exact_msgmerge_fuzzy += 1
            elif gnu:
                self.only_msgmerge.append((kind, message.key))
            elif ok:
                self.only_pipeline += 1

    def table(self) -> str:
        rows = [
            ("cases (edit, compare)", self.cases),
            ("template entries compared", self.entries),
            ("translations offered by msgmerge (exact + fuzzy)",
             f"{self.msgmerge_exact + self.msgmerge_fuzzy} ({self.msgmerge_exact} + {self.msgmerge_fuzzy})"),
            ("translations offered by the pipeline (translated + fuzzy)",
             f"{self.pipeline_exact + self.pipeline_fuzzy} ({self.pipeline_exact} + {self.pipeline_fuzzy})"),
            ("offered by both", self.both),
            ("  of which fuzzy from the same old entry in both", self.same_fuzzy_source),
            ("  of which msgmerge fuzzy, the pipeline translated (kept)", self.pipeline_exact_msgmerge_fuzzy),
            ("offered by msgmerge only", len(self.only_msgmerge)),
            ("offered by the pipeline only", self.only_pipeline),
        ]
        return "\n".join(f"| {label} | {value} |" for label, value in [("figure", "count"), ("---", "---:"), *rows])


def compare(cases: list[Case], batch: int = 400) -> Figures:
    """Both updates of every case, compared. The msgmerge runs (one per batch) go on while this
    process makes the pipeline's updates: on two cores the test waits for the slower of the two,
    not for their sum."""
    figures = Figures()
    with tempfile.TemporaryDirectory() as folder:
        chunks = [cases[start : start + batch] for start in range(0, len(cases), batch)]
        running = []
        try:
            for number, chunk in enumerate(chunks):
                place = Path(folder) / str(number)
                place.mkdir()
                running.append((_start_msgmerge(chunk, place), place))
            ours = [update_catalog(case.old, case.template, "de", "x.po")[0] for case in cases]
            done = 0
            for chunk, (process, place) in zip(chunks, running):
                for case, mine, theirs in zip(chunk, ours[done:], _finish_msgmerge(process, place, len(chunk))):
                    figures.add(case.kind, mine, theirs)
                done += len(chunk)
        finally:
            for process, _ in running:
                if process.poll() is None:
                    process.kill()
                    process.wait()
    return figures
