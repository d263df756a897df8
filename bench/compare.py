"""Two runs of the benchmark side by side: each row's wall time as a ratio to the floor of its
own run (the same corpus read and parsed, measured in that run), and the change.

    python bench/compare.py BEFORE/results.json AFTER/results.json

The floor is what a run's machine could do at that moment: dividing by it takes out most of
the difference of load between two runs made one after the other. Rows of one corpus size and
number of jobs are divided by the floor of that size with the same jobs (``-j0``: all cores).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _ratios(results: dict) -> dict[str, tuple[float, float, float]]:
    """label without its size -> (wall s, ratio to the floor, peak RSS MB), per size."""
    floors = {(row["size"], row["jobs"]): row["wall"] for row in results["rows"] if row["tool"] == "floor"}
    found = {}
    for row in results["rows"]:
        if row["tool"] != "ours" or row.get("status") != 0:
            continue
        floor = floors.get((row["size"], row["jobs"])) or floors.get((row["size"], "1"))
        found[row["label"]] = (row["wall"], row["wall"] / floor if floor else float("nan"), row["maxrss_mb"])
    big_floor = {row["label"].split(" floor")[0]: row["wall"] for row in results["big"] if row["tool"] == "floor"}
    for row in results["big"]:
        if row["tool"] == "ours" and row.get("status") == 0:
            floor = big_floor.get(row["label"].split(f" {row['command']}")[0])
            found[row["label"]] = (row["wall"], row["wall"] / floor if floor else float("nan"), row["maxrss_mb"])
    return found


def main() -> None:
    before, after = (json.loads(Path(name).read_text(encoding="utf-8")) for name in sys.argv[1:3])
    old, new = _ratios(before), _ratios(after)
    print("| run | before: s (× floor) | after: s (× floor) | change of the ratio | peak RSS MB before / after |")
    print("|---|---:|---:|---:|---:|")
    for label in new:
        if label not in old:
            continue
        (s0, r0, m0), (s1, r1, m1) = old[label], new[label]
        print(f"| {label} | {s0:.2f} ({r0:.2f}×) | {s1:.2f} ({r1:.2f}×) | {100 * (r1 / r0 - 1):+.0f} % | {m0:.0f} / {m1:.0f} |")
    print(f"\nbefore: {before['machine'].get('commit')}, load {before['machine'].get('load_start')}; "
          f"after: {after['machine'].get('commit')}, load {after['machine'].get('load_start')}")


if __name__ == "__main__":
    main()
