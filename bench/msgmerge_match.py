"""Fuzzy matching against GNU ``msgmerge --previous``: which translations each offers, on the same edits.

    .venv/bin/python bench/msgmerge_match.py [--sequences 400] [--steps 16] [--blocks 12] [--seed 14]

Random edit sequences on the real articles (``tests/fixtures/opensource-guide/nl``, the seed
post; ``--blocks`` consecutive blocks of each, 0 for the whole post), after each edit the
pipeline's update and ``msgmerge --previous --no-wrap`` on the same old catalog and new
template (``tests/msgmerge_differential.py`` says how). Prints the figures as a Markdown
table, then the entries msgmerge offers a translation for and the pipeline does not (there
should be none: ``tests/test_msgmerge_match.py`` asserts it on a smaller run). Exit 1 if there
is one.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from msgmerge_differential import compare, make_cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sequences", type=int, default=400)
    parser.add_argument("--steps", type=int, default=16, help="edits per sequence")
    parser.add_argument("--blocks", type=int, default=12, help="blocks of each article (0: all)")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    start = time.perf_counter()
    cases = make_cases(args.sequences, args.steps, args.seed, args.blocks)
    figures = compare(cases)
    print(figures.table())
    print(f"\n{args.sequences} sequences of {args.steps} edits (seed {args.seed}, {args.blocks or 'all'} blocks), "
          f"{time.perf_counter() - start:.1f} s")
    for kind, key in figures.only_msgmerge[:20]:
        print(f"msgmerge only, after {kind}: {key!r}"[:300])
    return 1 if figures.only_msgmerge else 0


if __name__ == "__main__":
    sys.exit(main())
