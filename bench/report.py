"""The benchmark's report: the table (stdout and bench/RESULTS.md) and bench/scaling.png.

``bench/.venv/bin/python bench/report.py`` rewrites both from ``bench/results.json``.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ALL = "all"
PEERS = {"mdpo": "mdpo", "tt": "Translate Toolkit"}
MEMORY_TARGET_MB = 100  # issue 15 (issue 6 had 150)


# --------------------------------------------------------------------------------------
# Lookups


def _find(rows: list[dict], **want: object) -> dict | None:
    for row in rows:
        if all(row.get(k) == v for k, v in want.items()):
            return row
    return None


def _ok(row: dict | None) -> bool:
    return bool(row) and row.get("wall") is not None and not row.get("timed_out")


def peer_time(results: dict, tool: str, command: str, size: int) -> tuple[float | None, str]:
    """A peer's wall time at ``size``: measured, else extrapolated linearly from its largest run.

    Returns (seconds, how): how is ``measured``, ``extrapolated from N``, ``did not finish in
    N s``, ``not run``, or ``failed``.
    """
    rows = [r for r in results["rows"] if r.get("tool") == tool and r.get("command") == command]
    here = _find(rows, size=size)
    if here is not None:
        if here.get("not_run"):
            return None, f"not run: {here['not_run']}"
        if here.get("timed_out"):
            return None, f"did not finish in {here['timeout']:.0f} s"
        return here["wall"], "measured"
    done = [r for r in rows if _ok(r)]
    if not done:
        return None, "not run"
    # from the peers' runs in the same run of the benchmark as this size, if it ran any
    ours = _find(results["rows"], size=size, tool="ours")
    same = [r for r in done if ours is not None and r.get("run") == ours.get("run")]
    base = max(same or done, key=lambda r: r["size"])
    how = f"extrapolated from {base['size']:,} posts" + ("" if same or ours is None or "run" not in ours
                                                         else ", an earlier run")
    return base["wall"] * size / base["size"], how


def fastest_peer(results: dict, command: str, size: int) -> tuple[str | None, float | None, str]:
    best: tuple[str | None, float | None, str] = (None, None, "")
    for tool in PEERS:
        seconds, how = peer_time(results, tool, command, size)
        if seconds is not None and (best[1] is None or seconds < best[1]):
            best = (tool, seconds, how)
    return best


# --------------------------------------------------------------------------------------
# Formatting


def _s(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 10:
        return f"{seconds:.2f}"
    return f"{seconds:.1f}"


def _x(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def _mark(ok: bool) -> str:
    return "pass" if ok else "**FAIL**"


def _jobs(jobs: str) -> str:
    return "all cores" if jobs == ALL else "1"


STEP_NAMES = {"scratch": "from scratch", "unchanged": "nothing changed", "one changed": "one post changed",
              "one post changed": "one post changed (extract, merge run)",
              "one catalog changed": "one catalog changed (merge run)",
              "warm ci": "warm CI (previous commit's cache restored; one post, one catalog changed; every file new)",
              "every catalog changed": "every catalog changed (translators deliver)"}


def _what(row: dict) -> str:
    if row["tool"] == "floor":
        return "floor (read, frontmatter, markdown-it-py parse)"
    if row["tool"] == "ours":
        step = STEP_NAMES[row["step"]]
        if row["command"] == "merge" and row["step"] == "one changed":
            step = "one catalog changed"
        if row["command"] == "check" and row["step"] == "scratch":
            step = ("from scratch (cold: no `.pipeline-cache/`)" if row.get("cold")
                    else "from scratch (not cold: extract's cache kept)")
        return f"`pipeline {row['command']}` {step}"
    return f"{PEERS[row['tool']]} {row['command']}"


# --------------------------------------------------------------------------------------
# Issue 15's targets: the headline


def _ours(results: dict, size: int, command: str, step: str, jobs: str) -> dict | None:
    return _find(results["rows"], tool="ours", size=size, command=command, step=step, jobs=jobs)


def _floor(results: dict, size: int, jobs: str) -> dict | None:
    return _find(results["rows"], tool="floor", size=size, jobs=jobs)


def _against_floor(results: dict, size: int, command: str, step: str, jobs: str, limit: float) -> tuple[str, str]:
    """(figure, mark) of one command's time against the floor with the same number of processes."""
    row, floor = _ours(results, size, command, step, jobs), _floor(results, size, jobs)
    if row is None or floor is None:
        return "not measured", "–"
    if not _ok(row):
        return f"did not finish in {row['timeout']:.0f} s", _mark(False)
    if not _ok(floor):
        return f"{_s(row['wall'])} s; the floor did not finish", "–"
    ratio = row["wall"] / floor["wall"]
    figure = f"{ratio:.2f}× ({_s(row['wall'])} s; floor {_s(floor['wall'])} s)"
    if row.get("status") not in (0, None):
        figure += f"; exit status {row['status']}"
    return figure, _mark(ratio <= limit)


def _share_of_scratch(results: dict, size: int, command: str, step: str, jobs: str,
                      limit: float | None) -> tuple[str, str]:
    row, base = _ours(results, size, command, step, jobs), _ours(results, size, command, "scratch", jobs)
    if row is None or base is None:
        return "not measured", "–"
    if not (_ok(row) and _ok(base)):
        return "did not finish", _mark(False) if limit is not None else "–"
    share = 100 * row["wall"] / base["wall"]
    figure = f"{share:.1f} % ({_s(row['wall'])} s of {_s(base['wall'])} s)"
    if row.get("status") not in (0, None):
        figure += f"; exit status {row['status']}"
    return figure, _mark(share <= limit) if limit is not None else "–"


def _cores(jobs: str) -> str:
    return "all cores" if jobs == ALL else "1 core"


def targets_table(results: dict, size: int) -> list[str]:
    """Issue 15's targets at one size, each with its figure, marked pass or FAIL."""
    lines = ["| measure | target | measured | |", "|---|---|---|---|"]

    def add(measure: str, target: str, figure_mark: tuple[str, str]) -> None:
        lines.append(f"| {measure} | {target} | {figure_mark[0]} | {figure_mark[1]} |")

    cold = _against_floor(results, size, "check", "scratch", "1", 1.5)
    if (_ours(results, size, "check", "scratch", "1") or {"cold": True}).get("cold") is None:
        cold = (cold[0] + "; not cold (a run before issue 15 kept extract's cache)", cold[1])
    add("`check` from scratch (cold, as in CI: no `.pipeline-cache/`), `--jobs 1`", "≤ 1.5× floor", cold)
    add("`extract` from scratch, `--jobs 1`", "≤ 1.0× floor",
        _against_floor(results, size, "extract", "scratch", "1", 1.0))
    add("`merge` from scratch, `--jobs 1`", "≤ 0.7× floor",
        _against_floor(results, size, "merge", "scratch", "1", 0.7))
    for jobs in ("1", ALL):
        for command, step, what in (("extract", "one changed", "one post changed"),
                                    ("merge", "one changed", "one catalog changed"),
                                    ("check", "one post changed", "one post changed"),
                                    ("check", "one catalog changed", "one catalog changed")):
            add(f"`{command}`, {what}, {_cores(jobs)}", "≤ 1 % of its from-scratch time",
                _share_of_scratch(results, size, command, step, jobs, 1.0))
    for jobs in ("1", ALL):
        for command in ("extract", "merge"):
            add(f"every catalog changed (translators deliver): `{command}`, {_cores(jobs)}", "≤ 1.0× floor",
                _against_floor(results, size, command, "every catalog changed", jobs, 1.0))
    ours = [r for r in results["rows"] if r.get("tool") == "ours" and r.get("size") == size and _ok(r)]
    if ours:
        top = max(ours, key=lambda r: r["maxrss_mb"])
        summed = max(ours, key=lambda r: r["tree_rss_mb"])
        figure = (f"{top['maxrss_mb']:.0f} MB (largest process: {_what(top)}, {_cores(top['jobs'])}); "
                  f"sum over processes up to {summed['tree_rss_mb']:.0f} MB ({_what(summed)}, "
                  f"{_cores(summed['jobs'])})")
        add("peak memory, every command", f"≤ {MEMORY_TARGET_MB} MB", (figure, _mark(top["maxrss_mb"] <= MEMORY_TARGET_MB)))
    else:
        add("peak memory, every command", f"≤ {MEMORY_TARGET_MB} MB", ("not measured", "–"))
    for command in ("extract", "merge"):
        row = _ours(results, size, command, "scratch", ALL)
        tool, peer_s, how = fastest_peer(results, command, size)
        if row is None or not _ok(row) or peer_s is None:
            add(f"vs the fastest peer, `{command}`, all cores", "≥ 5×", ("not measured" if row is None or
                                                                       peer_s is None else "did not finish", "–"))
            continue
        speed = peer_s / row["wall"]
        figure = f"{speed:.2f}× ({PEERS[tool]} {_s(peer_s)} s" + ("" if how == "measured" else f", {how}") \
            + f"; ours {_s(row['wall'])} s)"
        add(f"vs the fastest peer, `{command}`, all cores", "≥ 5×", (figure, _mark(speed >= 5)))
    for jobs in ("1", ALL):
        row, cold = _ours(results, size, "check", "warm ci", jobs), _ours(results, size, "check", "scratch", jobs)
        floor = _floor(results, size, jobs)
        if row is None or not _ok(row):
            figure = "not measured" if row is None else "did not finish"
        else:
            figure = f"{_s(row['wall'])} s"
            if cold and _ok(cold):
                figure += f" ({100 * row['wall'] / cold['wall']:.1f} % of the cold check"
                figure += f", {row['wall'] / floor['wall']:.2f}× floor)" if floor and _ok(floor) else ")"
            if row.get("status") not in (0, None):
                figure += f"; exit status {row['status']}"
        add(f"warm CI `check`, {_cores(jobs)}: `.pipeline-cache/` of the previous commit's check restored, "
            "one post and one catalog changed, every file new", "no target (the README's CI example)",
            (figure, "–"))
    return lines


def size_table(results: dict, size: int) -> list[str]:
    """The table for one corpus size (full runs only)."""
    rows = [r for r in results["rows"] if r["size"] == size]
    notes = results["notes"].get(str(size), {})
    floors = {r["jobs"]: r for r in rows if r["tool"] == "floor"}
    lines = [
        "| what | jobs | wall s | CPU s | × floor | fastest peer ÷ this | peak RSS MB (largest process) "
        "| RSS MB (sum of processes) | load | notes |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    busy_at = results["machine"]["cores"] - 0.5

    def scratch_of(row: dict) -> dict | None:
        return _find(rows, tool="ours", command=row["command"], step="scratch", jobs=row["jobs"])

    ours = [r for r in rows if r["tool"] == "ours"]
    for row in [floors.get("1"), floors.get(ALL)] + ours:
        if row is None:
            continue
        floor = floors.get(row["jobs"]) or floors.get("1")
        wall = row["wall"] if _ok(row) else None
        ratio = wall / floor["wall"] if wall and floor and _ok(floor) and row["tool"] != "floor" else None
        speed = None
        targets: list[str] = []
        if row["tool"] == "ours":
            command, step = row["command"], row["step"]
            tool, peer_s, how = fastest_peer(results, command, size) if command in ("extract", "merge") else (None, None, "")
            if step == "scratch" and peer_s and wall:
                speed = peer_s / wall
            if step == "scratch" and command == "extract" and row["jobs"] == ALL and "jobs_identical" in notes:
                targets.append("output identical to -j1: " + ("yes" if notes["jobs_identical"] else "**no**"))
            elif step not in ("scratch", "every catalog changed"):
                base = scratch_of(row)
                if base and _ok(base) and wall:
                    targets.append(f"{100 * wall / base['wall']:.1f} % of from scratch")
            if row.get("status") not in (0, None) and not row.get("timed_out"):
                targets.append(f"exit status {row['status']}")
        shown_wall = f"did not finish in {row['timeout']:.0f} s" if row.get("timed_out") else _s(wall)
        busy = " †" if row["load"] >= busy_at else ""
        lines.append(
            f"| {_what(row)} | {_jobs(row['jobs'])} | {shown_wall} | {_s(row.get('cpu'))} | {_x(ratio)} | {_x(speed)} "
            f"| {row['maxrss_mb']:.0f} | {row['tree_rss_mb']:.0f} | {row['load']:.2f}{busy} | {'; '.join(targets)} |"
        )
    floor1 = floors.get("1")
    for tool in PEERS:
        for command in ("extract", "merge"):
            seconds, how = peer_time(results, tool, command, size)
            row = _find(rows, tool=tool, command=command)
            ratio = seconds / floor1["wall"] if seconds and floor1 and _ok(floor1) else None
            if how == "measured" and row:
                failed = row.get("failed")
                note = f"failed on {failed} of {size} posts" if failed else "no post failed"
                if row.get("status") not in (0, None):
                    note += f"; exit status {row['status']}"
                busy = " †" if row["load"] >= busy_at else ""
                lines.append(
                    f"| {PEERS[tool]} {command} (one catalog per post) | 1 | {_s(seconds)} | {_s(row.get('cpu'))} "
                    f"| {_x(ratio)} | | {row['maxrss_mb']:.0f} | {row['tree_rss_mb']:.0f} | {row['load']:.2f}{busy} "
                    f"| {note} |"
                )
            else:
                shown = f"≈ {_s(seconds)} ({how})" if seconds is not None else how
                lines.append(f"| {PEERS[tool]} {command} (one catalog per post) | 1 | {shown} | | {_x(ratio)} "
                             f"| | – | – | – | |")
    lines += [
        "",
        f"† The 1-minute load average was {busy_at:g} or more on {results['machine']['cores']} cores when the "
        "command started: something else (part of it the previous command) was running, so the figure is "
        "probably slower than on an idle machine; all-cores figures suffer most (*CPU s* near *wall s* "
        "means the second core did not help).",
    ]
    return lines


def scaling_lines(results: dict) -> list[str]:
    """Time per 1,000 posts at each size, the growth exponent, and peak memory against size."""
    sizes = sorted({r["size"] for r in results["rows"]})
    if len(sizes) < 2:
        return []
    series = [("floor", "floor", None, "1"), ("floor", "floor", None, ALL), ("ours", "extract", "scratch", "1"),
              ("ours", "extract", "scratch", ALL), ("ours", "merge", "scratch", "1"), ("ours", "merge", "scratch", ALL),
              ("ours", "check", "scratch", "1"), ("ours", "check", "scratch", ALL),
              ("ours", "extract", "every catalog changed", "1"), ("ours", "merge", "every catalog changed", "1"),
              ("ours", "check", "warm ci", "1"), ("mdpo", "extract", "scratch", "1"),
              ("mdpo", "merge", "scratch", "1"), ("tt", "extract", "scratch", "1"), ("tt", "merge", "scratch", "1")]
    head = " / ".join(f"{s:,}" for s in sizes)
    lines = [f"| what | s per 1,000 posts at {head} | exponent (time ∝ posts^k) | peak RSS MB at {head} |",
             "|---|---|---:|---|"]
    for tool, command, step, jobs in series:
        points = []
        for size in sizes:
            want = {"tool": tool, "size": size, "jobs": jobs}
            if tool != "floor":
                want.update(command=command, step=step)
            row = _find(results["rows"], **want)
            if _ok(row):
                points.append((size, row["wall"], row["maxrss_mb"]))
        if len(points) < 1:
            continue
        per = " / ".join(f"{w / s * 1000:.2f}" for s, w, _ in points)
        mem = " / ".join(f"{m:.0f}" for _, _, m in points)
        if len(points) >= 2:
            (s1, w1, _), (s2, w2, _) = points[0], points[-1]
            k = f"{math.log(w2 / w1) / math.log(s2 / s1):.2f} ({s1:,}→{s2:,})"
        else:
            k = "–"
        name = "floor" if tool == "floor" else (f"`pipeline {command}`" if tool == "ours" else f"{PEERS[tool]} {command}")
        if tool == "ours" and step != "scratch":
            name += f" {STEP_NAMES[step].split(' (')[0]}"
        elif tool == "ours" and command == "check":
            name += " from scratch (cold)"
        sized = ", ".join(f"{s:,}" for s, _, _ in points)
        lines.append(f"| {name} ({'all cores' if jobs == ALL else '1 core'}) | {per} (at {sized}) | {k} | {mem} |")
    return lines


def big_lines(results: dict) -> list[str]:
    big = results.get("big") or []
    if not big:
        return []
    sizes = sorted({r["post_bytes"] for r in big})
    lines = ["| what | " + " | ".join(f"{b / 1e6:.2f} MB post: s (s/MB)" for b in sizes)
             + " | corpus: s/MB | peak RSS MB |", "|---|" + "---:|" * len(sizes) + "---:|---:|"]
    largest = max((r["size"] for r in results["rows"] if r.get("full")), default=None)
    corpus_mb = results["corpora"].get(str(largest), {}).get("bytes", 0) / 1e6 if largest else 0
    for tool, command in (("floor", None), ("ours", "extract"), ("ours", "merge"), ("ours", "check"),
                          ("mdpo", "extract"), ("mdpo", "merge"), ("tt", "extract"), ("tt", "merge")):
        cells = []
        mems = []
        for b in sizes:
            want = {"tool": tool, "post_bytes": b}
            if command:
                want["command"] = command
            row = _find(big, **want)
            if row is None:
                cells.append("–")
            elif row.get("not_run"):
                cells.append(row["not_run"])
            elif row.get("timed_out"):
                cells.append(f"did not finish in {row['timeout']:.0f} s")
            else:
                extra = "; failed" if row.get("failed") else ""
                cells.append(f"{_s(row['wall'])} ({row['wall'] / (b / 1e6):.2f}{extra})")
                mems.append(f"{row['maxrss_mb']:.0f}")
        base_want = {"tool": tool, "size": largest, "jobs": "1"}
        if command:
            base_want.update(command=command, step="scratch")
        base = _find(results["rows"], **base_want) if largest else None
        if base is None and tool in PEERS and largest:
            seconds, how = peer_time(results, tool, command, largest)
            per_mb = f"{seconds / corpus_mb:.2f} ({how})" if seconds and corpus_mb else "–"
        else:
            per_mb = f"{base['wall'] / corpus_mb:.2f}" if _ok(base) and corpus_mb else "–"
        name = "floor" if tool == "floor" else (f"`pipeline {command}`" if tool == "ours" else f"{PEERS[tool]} {command}")
        if all(c == "–" for c in cells):
            continue
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {per_mb} | {' / '.join(mems) or '–'} |")
    return lines


def figures_repeat(results: dict) -> str:
    runs = {len(row.get("runs", [1])) for size in results["fuzzy"]["sizes"].values() for row in size["rows"].values()}
    return "/".join(str(n) for n in sorted(runs))


def fuzzy_lines(results: dict) -> list[str]:
    """The table of ``bench/fuzzy.py``: this run, and the older version's if it was given."""
    figures = results.get("fuzzy")
    if not figures:
        return []

    def cell(row: dict | None) -> str:
        if row is None:
            return "–"
        if row.get("timed_out"):
            return f"did not finish in {row['timeout']:.0f} s"
        return f"{_s(row['wall'])} ({_s(row['cpu'])})" if row.get("cpu") else _s(row["wall"])

    lines = [
        "| code | paragraphs (post) | extract from scratch: wall (CPU) s | check, stale | extract after the "
        "change | after / scratch: wall (CPU) | msgmerge --previous | msgmerge, nothing changed | extract / "
        "msgmerge | fuzzy: ours, msgmerge's, same previous msgid |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    runs = [("before" if name == "before" else "this", data) for name, data in
            (("before", figures.get("before")), ("this", figures)) if data]
    for name, data in runs:
        label = f"before: {data.get('commit', '?')}" if name == "before" else f"{data.get('commit', '?')}"
        for count, size in sorted(data["sizes"].items(), key=lambda item: int(item[0])):
            rows = size["rows"]
            scratch, changed, peer = rows["scratch"], rows["changed"], rows["msgmerge"]
            done = not changed.get("timed_out") and not scratch.get("timed_out")
            ratio = f"{changed['wall'] / scratch['wall']:.1f}x" if done else "–"
            if done and changed.get("cpu") and scratch.get("cpu"):
                ratio += f" ({changed['cpu'] / scratch['cpu']:.1f}x)"
            versus = f"{changed['wall'] / peer['wall']:.1f}x" if done and not peer.get("timed_out") else "–"
            lines.append(
                f"| {label} | {int(count):,} ({size['post_bytes'] / 1e3:.0f} KB, median ratio "
                f"{size['median_ratio']:.2f}) | {cell(scratch)} | {cell(rows.get('check'))} | {cell(changed)} "
                f"| {ratio} | {cell(peer)} | {cell(rows.get('msgmerge_same'))} | {versus} "
                f"| {size['fuzzy_ours']}, {size['fuzzy_msgmerge']}, {size['same_previous']} |")
    return lines


# --------------------------------------------------------------------------------------


def markdown(results: dict) -> str:
    m = results["machine"]
    v = m["versions"]
    load_end = m.get("load_end") or m["load_start"]
    opts = results.get("options", {})
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`bench/.venv/bin/python bench/run.py"
        + (f" --sizes {opts.get('sizes')}" if opts.get("sizes") and opts.get("sizes") != "1000,10000" else "")
        + "`); the raw figures are in `bench/results.json`, the logs of every command in `bench/work/logs/`. "
        "The targets are issue #15's (they are set at 10,000 posts and marked at every size); the tables "
        "of all figures per size follow, without issue #6's older targets.",
        "",
        "## Issue 15's targets",
        "",
        "Every figure of a size's table comes from one run of `make bench` (see *Measured* below); *× floor* "
        "divides by the floor with the same number of processes, measured in the same run.",
        "",
    ]
    for size in sorted(results["sizes"], reverse=True):
        lines += [f"### {size:,} posts", ""] + targets_table(results, size) + [""]
    lines += [
        "## Machine",
        "",
        f"- CPU: {m['cpu']}, {m['cores']} cores; RAM {m['ram']}; Linux {m['kernel']}",
        f"- Python {m['python']}; pipeline {v.get('pipeline')} (work tree at {m.get('commit')}; installed "
        f"sources {m.get('pipeline_digest', '?')}, "
        + ("the same as the work tree's `pipeline/` at the start" if m.get("pipeline_same_as_worktree")
           else "**not** the same as the work tree's `pipeline/` (install it again: `make bench` does)"
           if "pipeline_same_as_worktree" in m else "an editable install: edits during the run were measured")
        + f"), markdown-it-py "
        f"{v.get('markdown-it-py')}, mdit-py-plugins {v.get('mdit-py-plugins')}, python-frontmatter "
        f"{v.get('python-frontmatter')}, PyYAML {v.get('PyYAML')}",
        f"- Peers: mdpo {v.get('mdpo')} (pymd4c {v.get('pymd4c')}), translate-toolkit {v.get('translate-toolkit')} "
        f"(mistletoe {v.get('mistletoe')}); matplotlib {v.get('matplotlib')}",
        f"- Date: {m['date']} (the latest run); that run took {results.get('elapsed', 0) / 60:.1f} min",
        f"- Load average (1, 5, 15 min) at the start: {', '.join(f'{x:.2f}' for x in m['load_start'])}; "
        f"at the end: {', '.join(f'{x:.2f}' for x in load_end)}. The 1-minute load at the start of each "
        "command is in the tables (the machine was not otherwise idle: other sessions' processes may run).",
        "",
        "## Corpora",
        "",
    ]
    for size, c in sorted(results["corpora"].items(), key=lambda kv: int(kv[0])):
        line = f"- {int(size):,} posts, {c['bytes'] / 1e6:.1f} MB ({c['bytes'] / int(size) / 1e3:.1f} kB a post)"
        if c.get("disk"):
            line += "; on disk after the run: " + ", ".join(f"{name} {b / 1e6:,.0f} MB" for name, b in c["disk"].items())
        lines.append(line)
    measured = results.get("measured") or {}
    if measured:
        lines += ["", "Measured (each size's figures come from one run; runs are merged into `bench/results.json` "
                  "by size):", ""]
        for size, run in sorted(measured.items(), key=lambda kv: int(kv[0])):
            how = f" ({run['minutes']:.0f} min, `run.py {run['options']}`)" if run.get("minutes") is not None else ""
            lines.append(f"- {int(size):,} posts: {run.get('date')}, work tree at {run.get('commit')}, pipeline "
                         f"sources {run.get('pipeline_digest')}{how}")
    lines += [
        "",
        "Every post is one of the 12 Dutch Open Source Guides articles in `tests/fixtures/opensource-guide/nl/` "
        "(real size and Markdown), with a numbered title, description and headings, a date and tags, an "
        "introductory sentence naming it, its `##` sections shuffled and the sentences of its plain paragraphs "
        "shuffled by a per-post seed (`bench/corpus.py`): no two posts are equal.",
        "",
        "## How each figure is measured",
        "",
        "- Each figure is one run of one subprocess, files in the page cache (just written; `sync` and half a "
        "second of rest before each command, so that the kernel's flushing of what the previous step wrote or "
        "removed is not counted against the next), started by a "
        "small launcher (`bench/launch.py`, so that the benchmark's own memory is not inherited). *Wall* is "
        "fork to exit, interpreter start included. *Peak RSS (largest process)* is `ru_maxrss` from `wait4()` "
        "(the largest of the process and its waited-for workers; about 8 MB is the launcher's floor); *RSS "
        "(sum of processes)* is the largest sum of RSS over the process tree, sampled every 0.1 s (what "
        "`--jobs N` costs in all; pages shared after fork are counted once per process).",
        "- *Floor*: `bench/floor.py`: read each file, `frontmatter.loads`, `MarkdownIt(\"commonmark\", "
        "{\"html\": True}).enable([\"table\", \"strikethrough\"]).parse(body)`; nothing written. "
        "On all cores it uses a fork pool like the pipeline's. *× floor* divides by the floor with the same "
        "number of processes.",
        "- *From scratch*: no `locale/`, no `content/de/`, no `.pipeline-cache/` (merge: no `content/de/` and no "
        "merge rows in the cache, after extract, whose segmentations it keeps; check: cold, as in CI on a fresh "
        "clone, no `.pipeline-cache/` at all). *Nothing changed*: the same command again. *One post "
        "changed*: one post's first sentence rewritten, then extract. *One catalog changed*: one msgstr edited, "
        "then merge. For check, after its cold and unchanged runs its cache is copied aside (what actions/cache "
        "saves), then one post is changed (extract and merge run, not timed) and check timed, then one catalog "
        "(merge, not timed) and check timed; the *warm CI* check restores the copied cache into that tree, every "
        "other file touched (a fresh clone's files are all new). *Every catalog changed*: every msgstr replaced by a "
        "second pseudo-translation (`bench/pseudo.py --variant 2`, not timed), then extract and merge. Before merge every msgstr is filled with a pseudo-translation (`bench/pseudo.py`, not "
        "timed: letters changed, markup kept, `de-<slug>` for slugs) so merge writes every post; check then "
        "runs on a complete, current site. `SOURCE_DATE_EPOCH` is set, so `-j1` and all-cores output can be "
        "compared byte for byte.",
        "- *Peers*, one catalog per post, one process for all posts, one core (neither has a parallel mode): "
        "mdpo through its Python API (`markdown_to_pofile(post, po_filepath=…, save=True)`, then "
        "`pofile_to_markdown(post, catalog, save=…)`); Translate Toolkit through its command-line entry points "
        "`translate.convert.md2po.main` / `po2md.main` called in-process (`md2po -i content/nl -o po` and "
        "`po2md -i po -t content/nl -o de`: it walks the folder itself). Their catalogs get the same "
        "pseudo-translation (through polib) before merge. *Fastest peer ÷ this* compares our run with the "
        "fastest peer's one-core run of the same work at the same size.",
        "- The issue sets its targets at 10,000 posts; they are marked at every size.",
        "",
    ]
    for size in results["sizes"]:
        lines += [f"## {size:,} posts", ""] + size_table(results, size) + [""]
    extrapolated = [s for s in results["sizes"] if s not in results.get("peer_sizes", [])]
    if extrapolated and results.get("peer_sizes"):
        lines += [
            f"Peers at {', '.join(f'{s:,}' for s in extrapolated)} posts were not run (too slow for the time "
            f"budget); their times are extrapolated linearly from their runs at "
            f"{max(results['peer_sizes']):,} posts and marked as such; the ratios that use them are estimates.",
            "",
        ]
    scale = scaling_lines(results)
    if scale:
        lines += ["## Scaling with the number of posts", "",
                  "Linear cost means a constant time per 1,000 posts and an exponent near 1; flat memory means the "
                  "same peak RSS at every size.", ""] + scale + [""]
    big = big_lines(results)
    if big:
        lines += ["## Scaling with the size of one post", "",
                  "One post built by concatenating the articles' bodies (each copy varied), in a root whose "
                  "`pyproject.toml` raises `[tool.pipeline] max-post-bytes`. Linear cost means the same seconds "
                  "per MB for every post size and for the corpus of many ordinary posts.", ""] + big + [""]
    fuzzy = fuzzy_lines(results)
    if fuzzy:
        lines += ["## Fuzzy matching: one post, every paragraph changed", "",
                  "`bench/fuzzy.py` (issue #10): one post of N real paragraphs extracted, its catalog filled, then "
                  "one word in twelve of every paragraph replaced; `check` (which re-extracts to find the stale "
                  "catalog) and `extract` find each paragraph's old translation as fuzzy. The peer is GNU "
                  "`msgmerge --previous --no-wrap` on the same old catalog and new template. Target: extract "
                  "after the change under 10x extract from scratch. Each figure is the fastest of "
                  f"{figures_repeat(results)} runs" + ("" if "before" not in results["fuzzy"] else
                                                        " (the older version's: one run each)")
                  + "; CPU is user + system time.", ""] + fuzzy + [""]
    peers_odd = _peer_notes(results)
    if peers_odd:
        lines += ["## Peers: failures", ""] + peers_odd + [""]
    profiles = results.get("profiles")
    if profiles:
        lines += ["## Profiles", "",
                  f"cProfile of each command on {results['options'].get('profile')} posts, one process "
                  "(`bench/work/profile-*.txt`): the functions with the most own time, then the "
                  "pipeline's functions by cumulative time. cProfile slows Python code about twofold; "
                  "read the shares, not the seconds.", ""]
        for command, text in profiles.items():
            text = re.sub(r"\S*/site-packages/", "", text)
            lines += [f"### `pipeline {command}`", "", "```", text, "```", ""]
    lines += ["![time against number of posts](scaling.png)", ""]
    return "\n".join(lines)


def _peer_notes(results: dict) -> list[str]:
    out = []
    for row in results["rows"] + (results.get("big") or []):
        if row.get("tool") in PEERS:
            where = f"{row['size']:,} posts" if "size" in row else f"the {row['post_bytes'] / 1e6:.1f} MB post"
            if row.get("failed"):
                out.append(f"- {PEERS[row['tool']]} {row['command']}, {where}: failed on {row['failed']} posts "
                           f"(see `bench/work/logs/`)")
            if row.get("timed_out"):
                out.append(f"- {PEERS[row['tool']]} {row['command']}, {where}: did not finish in "
                           f"{row['timeout']:.0f} s")
            if row.get("status") not in (0, None) and not row.get("timed_out"):
                out.append(f"- {PEERS[row['tool']]} {row['command']}, {where}: exit status {row['status']}")
    return out


# --------------------------------------------------------------------------------------


def _log_axes(ax, ticks: list[float], labels: list[str], xlabel: str, title: str) -> None:  # type: ignore[no-untyped-def]
    """Both axes logarithmic, x ticked at ``ticks``, y at 1-2-5 steps; labels, grid, legend."""
    from matplotlib.ticker import FuncFormatter, LogLocator

    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(ticks)
    ax.set_xticklabels(labels)
    ax.minorticks_off()
    ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: f"{y:g}"))
    ax.set_xlabel(xlabel)
    ax.set_ylabel("wall time, s (log)")
    ax.set_title(title)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    has_big = bool(results.get("big"))
    fig, axes = plt.subplots(1, 2 if has_big else 1, figsize=(13 if has_big else 8, 5.5), squeeze=False)
    ax = axes[0][0]
    sizes = sorted({r["size"] for r in results["rows"]})
    styles = [
        ("floor", None, "1", "floor (1 core)", dict(color="black", linestyle="-", marker="o")),
        ("ours", "extract", "1", "pipeline extract (1 core)", dict(color="tab:blue", marker="s")),
        ("ours", "extract", ALL, "pipeline extract (all cores)", dict(color="tab:blue", marker="s", linestyle="--")),
        ("ours", "merge", "1", "pipeline merge (1 core)", dict(color="tab:green", marker="D")),
        ("ours", "merge", ALL, "pipeline merge (all cores)", dict(color="tab:green", marker="D", linestyle="--")),
        ("ours", "check", "1", "pipeline check (1 core)", dict(color="tab:olive", marker="v")),
        ("ours", "check", ALL, "pipeline check (all cores)", dict(color="tab:olive", marker="v", linestyle="--")),
        ("mdpo", "extract", "1", "mdpo md2po", dict(color="tab:orange", marker="^")),
        ("mdpo", "merge", "1", "mdpo po2md", dict(color="tab:orange", marker="^", linestyle=":")),
        ("tt", "extract", "1", "Translate Toolkit md2po", dict(color="tab:red", marker="x")),
        ("tt", "merge", "1", "Translate Toolkit po2md", dict(color="tab:red", marker="x", linestyle=":")),
    ]
    for tool, command, jobs, label, style in styles:
        xs, ys, ex_x, ex_y = [], [], [], []
        for size in sizes:
            if tool in PEERS:
                seconds, how = peer_time(results, tool, command, size)
                if seconds is None:
                    continue
                if how == "measured":
                    xs.append(size)
                    ys.append(seconds)
                else:
                    ex_x.append(size)
                    ex_y.append(seconds)
                continue
            want = {"tool": tool, "size": size, "jobs": jobs}
            if command:
                want.update(command=command, step="scratch")
            row = _find(results["rows"], **want)
            if _ok(row):
                xs.append(size)
                ys.append(row["wall"])
        if not xs and not ex_x:
            continue
        line = ax.plot(xs, ys, label=label, **style)[0]
        if ex_x:
            ax.plot(xs[-1:] + ex_x, ys[-1:] + ex_y, color=line.get_color(), linestyle=":", marker=style.get("marker"),
                    markerfacecolor="none", alpha=0.7)
    if any(peer_time(results, t, c, s)[1].startswith("extrapolated") for t in PEERS for c in ("extract", "merge")
           for s in sizes):
        ax.plot([], [], color="grey", linestyle=":", marker="o", markerfacecolor="none",
                label="peer, extrapolated (not run)")
    _log_axes(ax, sizes, [f"{s:,}" for s in sizes], "posts (log)",
              "From scratch: time against number of posts")
    if has_big:
        ax2 = axes[0][1]
        big = results["big"]
        for tool, command, label, style in (
            ("floor", None, "floor", dict(color="black", marker="o")),
            ("ours", "extract", "pipeline extract", dict(color="tab:blue", marker="s")),
            ("ours", "merge", "pipeline merge", dict(color="tab:green", marker="D")),
            ("ours", "check", "pipeline check", dict(color="tab:olive", marker="v")),
            ("mdpo", "extract", "mdpo md2po", dict(color="tab:orange", marker="^", linestyle="none")),
            ("mdpo", "merge", "mdpo po2md", dict(color="tab:orange", marker="v", linestyle="none")),
            ("tt", "extract", "Translate Toolkit md2po", dict(color="tab:red", marker="x", linestyle="none")),
            ("tt", "merge", "Translate Toolkit po2md", dict(color="tab:red", marker="+", linestyle="none")),
        ):
            pts = sorted((r["post_bytes"] / 1e6, r["wall"]) for r in big
                         if r.get("tool") == tool and (command is None or r.get("command") == command) and _ok(r))
            if pts:
                ax2.plot([p[0] for p in pts], [p[1] for p in pts], label=label, **style)
        ticks = sorted({r["post_bytes"] / 1e6 for r in big})
        _log_axes(ax2, ticks, [f"{t:.1f}" for t in ticks], "size of the one post, MB (log)",
                  "One big post: time against post size (1 core; slope 1 = linear)")
    m = results["machine"]
    fig.suptitle(f"pipeline benchmark — {m['cpu']}, {m['cores']} cores, Python {m['python']}, {m['date']}",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_all(results: dict, folder: Path) -> None:
    text = markdown(results)
    (folder / "RESULTS.md").write_text(text + "\n", encoding="utf-8")
    plot(results, folder / "scaling.png")
    for size in results["sizes"]:
        print(f"\n{size:,} posts")
        for line in size_table(results, size):
            print(line)
    for block in (scaling_lines(results), big_lines(results)):
        if block:
            print()
            print("\n".join(block))
    for size in sorted(results["sizes"]):  # the headline last, the largest size at the bottom
        print(f"\nIssue 15's targets at {size:,} posts")
        for line in targets_table(results, size):
            print(line)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "results.json"
    write_all(json.loads(path.read_text()), HERE)


if __name__ == "__main__":
    main()
