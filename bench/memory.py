"""The translation memory measured (issue 14): its hits on the real articles, and what it
costs extract on a generated site.

``hits``: the 12 real Dutch articles (``tests/fixtures/opensource-guide/nl``) in one site;
the first half (by name) is translated (every msgstr a pseudo-translation), then the other
half is extracted: how many of their units the memory fills, exact and close (fuzzy), and how
many are left. The same with the 12 German articles' text as Dutch posts is not done: the
German articles are real translations, not Dutch text.

``speed``: ``N`` generated posts (``bench/corpus.py``), extracted and pseudo-translated (not
timed), then timed, each with a cold start of the command line (``python -m pipeline``):
a run with nothing to do; one post added whose paragraphs are new text that no catalog
translates (each of its units queries the memory for a close match); the same post removed
again; both once more (the first time, the cache knows nothing of the catalogs: it is
dropped whenever the pipeline's code changes). ``--pipeline DIR`` runs another checkout's code (an older commit: the same runs
without the memory).

    python bench/memory.py hits
    python bench/memory.py speed --posts 1000 [--pipeline /tmp/old-checkout]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import corpus

ARTICLES = sorted((REPO / "tests" / "fixtures" / "opensource-guide" / "nl").glob("*.md"))
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_COLOR="1")


def _translate(folder: Path) -> None:
    subprocess.run([sys.executable, str(HERE / "pseudo.py"), "ours", str(folder)], check=True, env=ENV)


def hits() -> None:
    from pipeline.config import load_config
    from pipeline.extract import extract
    from pipeline.po import parse_catalog

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = root / "content" / "nl"
        source.mkdir(parents=True)
        half = len(ARTICLES) // 2
        for path in ARTICLES[:half]:
            shutil.copy(path, source / path.name)
        list(extract(load_config(root), use_cache=False))
        _translate(root / "locale" / "de" / "LC_MESSAGES")
        for path in ARTICLES[half:]:
            shutil.copy(path, source / path.name)
        results = list(extract(load_config(root), use_cache=False))
        units = exact = close = left = 0
        for path in ARTICLES[half:]:
            po = root / "locale" / "de" / "LC_MESSAGES" / f"{path.stem}.po"
            for message in parse_catalog(str(po), po.read_bytes()).messages:
                if message.obsolete:
                    continue
                units += 1
                if not message.msgstr:
                    left += 1
                elif message.fuzzy:
                    close += 1
                else:
                    exact += 1
        known = sum(r.stats.known for r in results)
        fuzzy = sum(r.stats.close for r in results)
        assert (known, fuzzy) == (exact, close), (known, fuzzy, exact, close)
        print(f"translated: {', '.join(p.stem for p in ARTICLES[:half])}")
        print(f"extracted:  {', '.join(p.stem for p in ARTICLES[half:])}")
        print(f"units of the untranslated half: {units}; from the memory: {exact} exact, "
              f"{close} close (fuzzy); {left} left untranslated")
    split()


def _counts(root: Path, post_ids: list[str]) -> tuple[int, int, int, int]:
    """Units, exact, close (fuzzy) and untranslated entries of some posts' catalogs."""
    from pipeline.po import parse_catalog

    units = exact = close = left = 0
    for post_id in post_ids:
        po = root / "locale" / "de" / "LC_MESSAGES" / f"{post_id}.po"
        for message in parse_catalog(str(po), po.read_bytes()).messages:
            if message.obsolete:
                continue
            units += 1
            if not message.msgstr:
                left += 1
            elif message.fuzzy:
                close += 1
            else:
                exact += 1
    return units, exact, close, left


def split() -> None:
    """Every article translated, then split in two at its middle ``##`` heading, one plain
    paragraph in ten of each second half edited (a word changed): what the second halves get."""
    from pipeline.config import load_config
    from pipeline.extract import extract

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = root / "content" / "nl"
        source.mkdir(parents=True)
        for path in ARTICLES:
            shutil.copy(path, source / path.name)
        list(extract(load_config(root), use_cache=False))
        _translate(root / "locale" / "de" / "LC_MESSAGES")
        edited = 0
        for path in ARTICLES:
            text = path.read_text(encoding="utf-8")
            front, body = text.split("\n---\n", 1)
            title = next(line for line in front.splitlines() if line.startswith("title:"))
            lines = body.split("\n")
            headings = [i for i, line in enumerate(lines) if line.startswith("## ")]
            middle = headings[len(headings) // 2]
            second = lines[middle:]
            for n, i in enumerate(i for i, line in enumerate(second)
                                  if len(line) > 80 and line[0].isalpha() and "[" not in line):
                if n % 10 == 0:
                    words = second[i].split(" ")
                    words[len(words) // 2] += "je"
                    second[i] = " ".join(words)
                    edited += 1
            (source / path.name).write_text(front + "\n---\n" + "\n".join(lines[:middle]) + "\n", encoding="utf-8")
            (source / f"{path.stem}-2.md").write_text(
                f"---\n{title} (deel 2)\n---\n\n" + "\n".join(second), encoding="utf-8"
            )
        list(extract(load_config(root), use_cache=False))
        units, exact, close, left = _counts(root, [f"{path.stem}-2" for path in ARTICLES])
        print(f"each article split in two, {edited} paragraphs of the second halves edited: of "
              f"their {units} units the memory fills {exact} exact, {close} close (fuzzy); "
              f"{left} left untranslated (their slugs: {len(ARTICLES)})")


def _timed(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed, done.stdout.strip().splitlines()[-1]


NEW_POST = """---
title: Een post die niemand ooit eerder schreef
---

{paragraphs}
"""


def speed(posts: int, pipeline: Path, work: Path) -> None:
    env = dict(ENV, PYTHONPATH=str(pipeline))
    root = work / str(posts)
    if not (root / ".built").is_file():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        corpus.build(root, posts)
        _timed([sys.executable, "-m", "pipeline", "extract"], root, env)
        _translate(root / "locale" / "de" / "LC_MESSAGES")
        _timed([sys.executable, "-m", "pipeline", "extract"], root, env)
        (root / ".built").write_text("")
    command = [sys.executable, "-m", "pipeline", "extract"]
    rows = []
    elapsed, line = _timed(command, root, env)
    rows.append(("nothing to do", elapsed, line))
    new = root / "content" / "nl" / "zz-new-post.md"
    text = NEW_POST.format(paragraphs="\n\n".join(
        f"Alinea {i}: kwartels zwemmen zelden langs de xylofoon, want quinoa {i * 7} juichte."
        for i in range(20)
    ))
    try:
        for time_ in ("first", "second"):
            new.write_text(text, encoding="utf-8")
            elapsed, line = _timed(command, root, env)
            rows.append((f"a post of 21 new units added, the {time_} time (memory queried)", elapsed, line))
            new.unlink()
            elapsed, line = _timed(command, root, env)
            rows.append(("the post removed again", elapsed, line))
            for gone in (root / "locale").rglob("zz-new-post.*"):  # its catalog, an orphan
                gone.unlink()
    finally:
        if new.exists():
            new.unlink()
        _timed(command, root, env)
        for gone in (root / "locale").rglob("zz-new-post.*"):
            gone.unlink()
    print(f"{posts} posts, code of {pipeline}:")
    for label, seconds, line in rows:
        print(f"  {label}: {seconds:.2f} s  ({line})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    sub.add_parser("hits")
    timing = sub.add_parser("speed")
    timing.add_argument("--posts", type=int, default=1000)
    timing.add_argument("--pipeline", type=Path, default=REPO)
    timing.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "memory-bench")
    args = parser.parse_args()
    if args.what == "hits":
        hits()
    else:
        speed(args.posts, args.pipeline.resolve(), args.work / args.pipeline.resolve().name)


if __name__ == "__main__":
    main()
