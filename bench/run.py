"""The benchmark: the pipeline against the floor and the peers, on corpora of real posts.

Run it with ``make bench`` (which makes ``bench/.venv`` with the pipeline, mdpo, Translate
Toolkit and matplotlib), or, once that venv exists::

    bench/.venv/bin/python bench/run.py                    # 1,000 and 10,000 posts (~20 min)
    bench/.venv/bin/python bench/run.py --sizes 200,1000   # a quick run

Everything is built and run under ``bench/work/`` (git-ignored). Each measurement is one
subprocess started through ``launch.py``: wall time from fork to exit, peak RSS of its largest
process from ``wait4()``'s ``ru_maxrss`` (workers included: the kernel keeps the largest of a
process and its waited-for children), and the sum of RSS over its process tree sampled every
0.1 s (the memory ``--jobs N`` really takes). The table goes to stdout and ``bench/RESULTS.md``,
the raw figures to ``bench/results.json``, the plot to ``bench/scaling.png``; logs of every
command are in ``bench/work/logs/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work"
LOGS = WORK / "logs"
BIN = Path(sys.executable).parent
PY = sys.executable

sys.path.insert(0, str(HERE))
import corpus

ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_COLOR="1", PYTHONUNBUFFERED="1")
ALL = "all"  # the jobs value meaning one process per core (``-j 0``)
CHANGED_POST = 7  # the post changed for "one post changed" (any one would do)


# --------------------------------------------------------------------------------------
# Measuring one command


def _tree_rss(root_pid: int) -> int:
    """Sum of RSS (bytes) of the descendants of ``root_pid`` (not itself), from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2 :].split()
        pid = int(entry)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * PAGE
    total = 0
    for pid in rss:
        p = parents.get(pid, 0)
        while p and p != root_pid:
            p = parents.get(p, 0)
        if p == root_pid:
            total += rss[pid]
    return total


PAGE = os.sysconf("SC_PAGE_SIZE")


def measure(label: str, argv: list[str], cwd: Path, timeout: float) -> dict:
    """Run ``argv`` once through ``launch.py``: wall time, peak RSS, sampled tree RSS, exit status."""
    LOGS.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^A-Za-z0-9.-]+", "_", label).strip("_")
    out_path, err_path, report = LOGS / f"{slug}.out", LOGS / f"{slug}.err", LOGS / f"{slug}.json"
    if report.exists():
        report.unlink()
    # every command starts with the writes before it on disk: the kernel's flushing of what
    # the previous step wrote (or removed) is that step's cost, not this one's
    os.sync()
    time.sleep(0.5)
    load = os.getloadavg()[0]
    peak_tree = 0
    launcher = [PY, "-I", "-S", str(HERE / "launch.py"), str(report), "--"]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(launcher + argv, cwd=cwd, stdout=out, stderr=err, env=ENV, start_new_session=True)
        done = threading.Event()

        def sample() -> None:
            nonlocal peak_tree
            while not done.wait(0.1):
                try:
                    peak_tree = max(peak_tree, _tree_rss(proc.pid))
                except OSError:
                    pass

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timed_out = False

        def kill() -> None:
            nonlocal timed_out
            timed_out = True
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        proc.wait()
        outer_wall = time.perf_counter() - start
        timer.cancel()
        done.set()
        sampler.join()
    measured = json.loads(report.read_text()) if report.is_file() else {}
    text = out_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    errors = err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    result = {
        "label": label,
        "argv": [str(a) for a in argv],
        "wall": measured.get("wall", outer_wall),
        "cpu": measured.get("utime", 0) + measured.get("stime", 0),
        "maxrss_mb": measured.get("maxrss_kb", 0) / 1024,
        "tree_rss_mb": peak_tree / 2**20,
        "status": measured.get("status", proc.returncode),
        "timed_out": timed_out,
        "timeout": timeout,
        "load": load,
        "last_line": text[-1] if text else "",
        "stderr_lines": len(errors),
    }
    shown = f"did not finish in {timeout:.0f} s" if timed_out else f"{result['wall']:8.2f} s"
    print(f"  {label:<58} {shown}  {result['maxrss_mb']:6.0f} MB  exit {result['status']}"
          f"  load {load:.2f}", flush=True)
    return result


# --------------------------------------------------------------------------------------
# Preparing content roots


def _supports(command: str, option: str) -> bool:
    out = subprocess.run([str(BIN / "pipeline"), command, "--help"],
                         check=False, capture_output=True, text=True, env=ENV)
    return option in out.stdout


def _rm(*paths: Path) -> None:
    removed = False
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
            removed = True
        elif path.exists():
            path.unlink()
            removed = True
    if removed:
        # let the file system finish the removal (ext4 with discard frees blocks lazily):
        # what a deletion costs must not land in the next command's time
        os.sync()
        time.sleep(1)


def _rm_cache(root: Path, name: str) -> None:
    """Forget what the cache keeps for one command (its rows in ``cache.sqlite3``); what
    other commands keep (extract's segmentations among them) stays, as it would."""
    import sqlite3

    database = root / ".pipeline-cache" / "cache.sqlite3"
    if database.is_file():
        with sqlite3.connect(database) as db:
            db.execute("DELETE FROM posts WHERE name LIKE ?", (f"{name}%",))
        db.close()


def _tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _stamp() -> str:
    h = hashlib.sha256(Path(corpus.__file__).read_bytes())
    for path in sorted(corpus.ARTICLES_DIR.glob("*.md")):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def prepare_corpus(size: int) -> tuple[Path, int]:
    """``bench/work/<size>/``: its posts (rebuilt only when the generator or articles changed)."""
    root = WORK / str(size)
    stamp_file = root / ".corpus-stamp"
    stamp = f"{_stamp()}:{size}"
    if stamp_file.is_file() and stamp_file.read_text().split("\n")[0] == stamp:
        total = int(stamp_file.read_text().split("\n")[1])
    else:
        _rm(root)
        root.mkdir(parents=True)
        started = time.perf_counter()
        total = corpus.build(root, size)
        stamp_file.write_text(f"{stamp}\n{total}\n")
        print(f"  built {size} posts ({total / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s", flush=True)
    return root, total


def _post_path(root: Path, index: int) -> Path:
    rel, _ = corpus.post_text(index)
    return root / "content" / "nl" / rel


def restore_post(root: Path, index: int) -> None:
    rel, text = corpus.post_text(index)
    path = root / "content" / "nl" / rel
    if path.exists() and path.read_bytes() != text.encode("utf-8"):
        path.write_bytes(text.encode("utf-8"))


def pseudo_translate(root: Path, kind: str, folder: Path, variant: int = 1) -> None:
    started = time.perf_counter()
    out = subprocess.run([PY, str(HERE / "pseudo.py"), kind, str(folder), "--variant", str(variant)],
                         check=False, capture_output=True, text=True, env=ENV)
    if out.returncode:
        raise SystemExit(f"pseudo-translation failed in {folder}:\n{out.stderr}")
    print(f"  (not timed: pseudo-translation {variant} of {folder.relative_to(root)} in "
          f"{time.perf_counter() - started:.1f} s)", flush=True)


def change_one_catalog(root: Path) -> None:
    """Change one msgstr in one catalog, as a translator would."""
    rel, _ = corpus.post_text(CHANGED_POST)
    po = root / "locale" / "de" / "LC_MESSAGES" / Path(rel).with_suffix(".po")
    text = po.read_text(encoding="utf-8")
    marker = "Herzien: "
    if marker in text:
        text = text.replace(marker, "", 1)
    else:
        text = re.sub(r'(\n#\. paragraph\n(?:#[^\n]*\n)*msgid "[^\n]*"\nmsgstr ")', r"\1" + marker, text, count=1)
    po.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------------------
# The runs


def run_floor(root: Path, tag: str, jobs_list: list[str], timeout: float) -> list[dict]:
    """The floor with each process count of ``jobs_list`` (``"1"`` and/or ``ALL``)."""
    return [dict(measure(f"{tag} floor -j{'0' if jobs == ALL else jobs}",
                         [PY, str(HERE / "floor.py"), str(root), "-j", "0" if jobs == ALL else jobs], root, timeout),
                 tool="floor", step="floor", jobs=jobs) for jobs in jobs_list]


def _run_untimed(label: str, argv: list[str], cwd: Path, timeout: float) -> None:
    """A step between measurements (the edits a commit brings): run, logged, not timed."""
    LOGS.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^A-Za-z0-9.-]+", "_", label).strip("_")
    with open(LOGS / f"{slug}.out", "wb") as out, open(LOGS / f"{slug}.err", "wb") as err:
        status = subprocess.run(argv, cwd=cwd, stdout=out, stderr=err, env=ENV, check=False,
                                timeout=timeout).returncode
    if status:
        raise SystemExit(f"{label}: exit status {status} (bench/work/logs/{slug}.err)")
    print(f"  (not timed: {label})", flush=True)


def _touch_all(root: Path) -> None:
    """Every file of the content root (not the cache) gets the time of now, as a fresh clone has."""
    now = time.time()
    for folder, dirs, files in os.walk(root):
        if ".pipeline-cache" in dirs:
            dirs.remove(".pipeline-cache")
        for name in files:
            os.utime(os.path.join(folder, name), (now, now))


def run_ours(root: Path, tag: str, jobs_list: list[str], timeout: float, full: bool,
             check: bool = True) -> tuple[list[dict], dict]:
    """Extract, merge, check: from scratch, nothing changed, one post changed; with ``full``
    also check after one post and after one catalog changed, the warm CI check (the cache of a
    check before those changes restored into a fresh tree) and every catalog changed."""
    pipeline = str(BIN / "pipeline")
    rows: list[dict] = []
    notes: dict = {}
    merge_jobs = _supports("merge", "--jobs")
    check_jobs = _supports("check", "--jobs")
    digests: dict[str, str] = {}
    saved_cache = root.parent / f"{root.name}-ci-cache"

    def argv_of(command: str, jobs: str) -> list[str]:
        argv = [pipeline, "-C", str(root), command]
        if {"extract": True, "merge": merge_jobs, "check": check_jobs}[command]:
            argv += ["-j", "0" if jobs == ALL else jobs]
        return argv

    def run(step: str, command: str, jobs: str) -> dict:
        argv = argv_of(command, jobs)
        label = f"{tag} {command} {step}" + (f" -j{'0' if jobs == ALL else jobs}" if "-j" in argv else "")
        row = dict(measure(label, argv, root, timeout), tool="ours", command=command, step=step, jobs=jobs)
        rows.append(row)
        return row

    def untimed(what: str, command: str, jobs: str) -> None:
        _run_untimed(f"{tag} {what}: {command} -j{'0' if jobs == ALL else jobs}", argv_of(command, jobs),
                     root, timeout)

    for jobs in jobs_list:
        restore_post(root, CHANGED_POST)
        _rm(root / "locale", root / "content" / "de", root / ".pipeline-cache")
        run("scratch", "extract", jobs)
        digests[jobs] = _tree_digest(root / "locale")
        if full:
            run("unchanged", "extract", jobs)
            corpus.change_post(_post_path(root, CHANGED_POST), generation=len(rows))
            run("one changed", "extract", jobs)
        if jobs == "1" or merge_jobs:
            pseudo_translate(root, "ours", root / "locale" / "de")
            # the editor's extract after a delivery (it notes in _terms.po what each term gave
            # the posts): without it, the extract after "one post changed" below would change
            # the glossary, and the checks after it would measure every catalog, not one post
            untimed("after the delivery", "extract", jobs)
            _rm(root / "content" / "de")
            _rm_cache(root, "merge")
            run("scratch", "merge", jobs)
            if full:
                run("unchanged", "merge", jobs)
                change_one_catalog(root)
                run("one changed", "merge", jobs)
        if check and (jobs == "1" or check_jobs):
            # cold, as in CI on a fresh clone: no cache at all, not even extract's
            _rm(root / ".pipeline-cache")
            run("scratch", "check", jobs)["cold"] = True
            if full:
                run("unchanged", "check", jobs)
                # the cache actions/cache would save after this commit's CI run
                _rm(saved_cache)
                shutil.copytree(root / ".pipeline-cache", saved_cache)
                # the next commit: one post edited (extract, merge), then one catalog (merge)
                corpus.change_post(_post_path(root, CHANGED_POST), generation=len(rows))
                untimed("one post changed", "extract", jobs)
                untimed("one post changed", "merge", jobs)
                run("one post changed", "check", jobs)
                change_one_catalog(root)
                untimed("one catalog changed", "merge", jobs)
                run("one catalog changed", "check", jobs)
                # CI on that commit: a fresh clone (every file new) with the saved cache restored
                _rm(root / ".pipeline-cache")
                shutil.copytree(saved_cache, root / ".pipeline-cache")
                _rm(saved_cache)
                _touch_all(root)
                run("warm ci", "check", jobs)
        if full and (jobs == "1" or merge_jobs):
            # translators deliver: every catalog's msgstrs edited, then extract and merge
            pseudo_translate(root, "ours", root / "locale" / "de", variant=2)
            run("every catalog changed", "extract", jobs)
            run("every catalog changed", "merge", jobs)
    if len(digests) > 1:
        notes["jobs_identical"] = len(set(digests.values())) == 1
    notes["merge_has_jobs"] = merge_jobs
    notes["check_has_jobs"] = check_jobs
    return rows, notes


def run_peers(root: Path, tag: str, timeout: float) -> list[dict]:
    rows: list[dict] = []
    _rm(root / "peers")
    for tool, name in (("mdpo", "mdpo"), ("tt", "Translate Toolkit")):
        extract = dict(measure(f"{tag} {name} extract", [PY, str(HERE / "peers.py"), f"{tool}-extract", str(root)],
                               root, timeout), tool=tool, command="extract", step="scratch", jobs="1")
        extract["failed"] = _failed(extract)
        rows.append(extract)
        if extract["timed_out"]:
            rows.append(dict(label=f"{tag} {name} merge", tool=tool, command="merge", step="scratch", jobs="1",
                             not_run="extract did not finish", wall=None))
            continue
        pseudo_translate(root, "polib", root / "peers" / tool / "po")
        merge = dict(measure(f"{tag} {name} merge", [PY, str(HERE / "peers.py"), f"{tool}-merge", str(root)],
                             root, timeout), tool=tool, command="merge", step="scratch", jobs="1")
        merge["failed"] = _failed(merge)
        rows.append(merge)
    return rows


def _failed(row: dict) -> int | None:
    match = re.match(r"failed: (\d+) of (\d+)", row.get("last_line", ""))
    return int(match.group(1)) if match else None


def run_profiles(size: int, timeout: float) -> dict[str, str]:
    """cProfile of extract, merge and check (one process) on a small corpus; top entries."""
    import pstats
    from io import StringIO

    root, _ = prepare_corpus(size)
    restore_post(root, CHANGED_POST)
    _rm(root / "locale", root / "content" / "de", root / ".pipeline-cache")
    out: dict[str, str] = {}
    for command in ("extract", "merge", "check"):
        if command == "merge":
            pseudo_translate(root, "ours", root / "locale" / "de")
        prof = WORK / f"profile-{command}.prof"
        argv = [PY, "-m", "cProfile", "-o", str(prof), "-m", "pipeline", "-C", str(root), command]
        if _supports(command, "--jobs"):
            argv += ["-j", "1"]  # cProfile sees one process only
        subprocess.run(argv, cwd=root, env=ENV, check=False, capture_output=True, timeout=timeout)
        text = StringIO()
        pstats.Stats(str(prof), stream=text).strip_dirs().sort_stats("tottime").print_stats(16)
        own = text.getvalue()
        text = StringIO()
        pstats.Stats(str(prof), stream=text).sort_stats("cumulative").print_stats(r"/pipeline/\w+\.py", 16)
        cumulative = text.getvalue().replace(str(REPO) + "/", "")
        (WORK / f"profile-{command}.txt").write_text(own + "\n" + cumulative)
        out[command] = _trim_profile(own) + "\n\n" + _trim_profile(cumulative)
        print(f"  profiled {command} on {size} posts: bench/work/profile-{command}.txt", flush=True)
    return out


def _trim_profile(text: str) -> str:
    keep = []
    for line in text.splitlines():
        if re.match(r"\s*(ncalls|\d)", line) or "function calls" in line or "Ordered by" in line:
            keep.append(line.rstrip())
    return "\n".join(keep)


# --------------------------------------------------------------------------------------
# Machine


def _installed_package() -> Path:
    out = subprocess.run([PY, "-c", "import pipeline, os; print(os.path.dirname(pipeline.__file__))"],
                         check=False, capture_output=True, text=True, cwd="/", env=ENV)
    return Path(out.stdout.strip())


def _package_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:12]


def machine() -> dict:
    cpu = ""
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with open("/proc/meminfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    versions = {}
    for name in ("pipeline", "markdown-it-py", "mdit-py-plugins", "python-frontmatter", "PyYAML", "polib",
                 "mdpo", "pymd4c", "translate-toolkit", "mistletoe", "matplotlib"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    commit = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"],
                            check=False, capture_output=True, text=True).stdout.strip()
    installed = _package_digest(_installed_package())
    working = _package_digest(REPO / "pipeline")
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)),
        "ram": mem,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "versions": versions,
        "commit": commit,
        "pipeline_installed": str(_installed_package()),
        "pipeline_digest": installed,
        "pipeline_same_as_worktree": installed == working,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_start": os.getloadavg(),
    }


# --------------------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    """``200,1000`` or ``1k,10k`` → sorted sizes."""
    out = set()
    for item in text.split(","):
        item = item.strip().lower()
        if item:
            out.add(int(float(item.rstrip("k")) * (1000 if item.endswith("k") else 1)))
    return sorted(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000",
                        help="corpus sizes measured in full (default: 1000,10000)")
    parser.add_argument("--peer-sizes", default=None,
                        help="sizes at which the peers run (default: the sizes up to 2000, plus 2000 when a "
                             "size is larger); at larger sizes their times are extrapolated linearly from the "
                             "largest of these, and labelled so. A peer size not in --sizes gets a scaling run "
                             "(floor, peers, our extract and merge from scratch with -j1)")
    parser.add_argument("--big-mb", default="0.5,1,2,5",
                        help="single-post roots of these sizes in MB (default: 0.5,1,2,5), to show cost against post "
                             "size; '' for none")
    parser.add_argument("--peer-timeout", type=float, default=600, help="seconds per peer command (default 600)")
    parser.add_argument("--timeout", type=float, default=None,
                        help="seconds per pipeline command (default: 1800, or 0.1 s a post above 18,000 posts)")
    parser.add_argument("--no-peers", action="store_true", help="skip mdpo and Translate Toolkit")
    parser.add_argument("--fuzzy-sizes", default="600,1500",
                        help="bench/fuzzy.py: one post of N paragraphs, every one changed (default: 600,1500; "
                             "'' for none)")
    parser.add_argument("--profile", type=int, default=200, metavar="N",
                        help="cProfile extract, merge and check on N posts after the timing (default 200; 0: no)")
    parser.add_argument("--pipeline-only", action="store_true",
                        help="only the pipeline's rows at --sizes (floor, extract, merge, check): no peers, no "
                             "single-big-post runs, no fuzzy runs, no profiles; the mode of the 100,000-post run")
    parser.add_argument("--jobs", choices=["both", "1", "all"], default="both",
                        help="the process counts measured at --sizes: both (default), 1 (--jobs 1 only) or all "
                             "(all cores only)")
    parser.add_argument("--scratch-only", action="store_true",
                        help="at --sizes, only the floor and the from-scratch rows (extract, merge, cold check): "
                             "no nothing-changed, one-changed, warm CI or every-catalog-changed rows")
    parser.add_argument("--clean", choices=["auto", "yes", "no"], default="auto",
                        help="remove each corpus (posts, catalogs, German posts, cache) once measured; auto "
                             f"(default): for sizes over {CLEAN_ABOVE:,} posts")
    parser.add_argument("--fresh", action="store_true",
                        help="start bench/results.json anew (default: the sizes measured now replace theirs "
                             "in it, the others stay, and RESULTS.md is redrawn from all)")
    args = parser.parse_args()
    if args.pipeline_only:
        args.no_peers, args.big_mb, args.fuzzy_sizes, args.profile = True, "", "", 0

    if not (BIN / "pipeline").exists():
        raise SystemExit(f"no pipeline in {BIN}: run `make bench` (it makes bench/.venv)")
    sizes = _sizes(args.sizes)
    if args.peer_sizes is not None:
        peer_sizes = _sizes(args.peer_sizes)
    else:
        peer_sizes = [s for s in sizes if s <= 2000] + ([2000] if max(sizes) > 2000 else [])
        peer_sizes = sorted(set(peer_sizes))
    if args.no_peers:
        peer_sizes = []
    bigs = [float(x) for x in args.big_mb.split(",") if x.strip()]
    WORK.mkdir(exist_ok=True)
    _rm(LOGS)
    started = time.perf_counter()
    info = machine()
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['ram']}, Python {info['python']}; "
          f"load {info['load_start'][0]:.2f}", flush=True)
    print(f"pipeline measured: {info['pipeline_installed']} (sources {info['pipeline_digest']}, "
          + ("the same as" if info["pipeline_same_as_worktree"] else "NOT the same as")
          + f" pipeline/ in the work tree at {info['commit']})", flush=True)
    results = _earlier_results(args.fresh, sorted(set(sizes) | set(peer_sizes)))
    results["machine"] = info
    results["sizes"] = sorted(set(results["sizes"]) | set(sizes))
    results["peer_sizes"] = sorted(set(results["peer_sizes"]) | set(peer_sizes))
    results["options"] = vars(args)

    for size in sorted(set(sizes) | set(peer_sizes)):
        full = size in sizes
        print(f"{size} posts" + ("" if full else " (scaling run: floor, peers, our extract and merge -j1)"),
              flush=True)
        size_started = time.perf_counter()
        timeout = args.timeout or max(1800.0, 0.1 * size)
        _check_disk(results, size)
        root, total = prepare_corpus(size)
        results["corpora"][str(size)] = {"posts": size, "bytes": total}
        tag = f"{size}"
        jobs_list = {"both": ["1", ALL], "1": ["1"], "all": [ALL]}[args.jobs] if full else ["1"]
        rows = run_floor(root, tag, jobs_list, timeout=timeout)
        ours, notes = run_ours(root, tag, jobs_list, timeout, full and not args.scratch_only, check=full)
        rows += ours
        results["notes"][str(size)] = notes
        if size in peer_sizes:
            rows += run_peers(root, tag, args.peer_timeout)
        for row in rows:
            row["size"] = size
            row["full"] = full
            row["run"] = info["date"]
        results["rows"] += rows
        results["corpora"][str(size)]["disk"] = _disk_usage(root)
        results["measured"][str(size)] = {
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "commit": info["commit"],
            "pipeline_digest": info["pipeline_digest"], "minutes": (time.perf_counter() - size_started) / 60,
            "options": " ".join(sys.argv[1:]),
        }
        if args.clean == "yes" or (args.clean == "auto" and size > CLEAN_ABOVE):
            _rm(root)
            print(f"  removed {root} ({sum(results['corpora'][str(size)]['disk'].values()) / 1e9:.1f} GB)", flush=True)
        _save(results)

    if bigs:
        results["big"] = []
    for mb in bigs:
        size = int(mb * 1_000_000)
        root = WORK / f"big-{mb:g}MB"
        _rm(root)
        root.mkdir(parents=True)
        actual = corpus.build_big(root, size)
        print(f"one post of {actual / 1e6:.2f} MB (max-post-bytes raised in its pyproject.toml)", flush=True)
        tag = f"big {mb:g}MB"
        rows = run_floor(root, tag, ["1"], timeout=args.timeout or 1800)
        ours, _ = run_ours(root, tag, ["1"], args.timeout or 1800, full=False, check=True)
        rows += ours
        if not args.no_peers and mb == max(bigs):
            rows += run_peers(root, tag, args.peer_timeout)
        for row in rows:
            row["post_bytes"] = actual
        results["big"] += rows
        _save(results)

    if args.fuzzy_sizes.strip():
        import fuzzy

        results["fuzzy"] = fuzzy.run_fuzzy(_sizes(args.fuzzy_sizes), args.timeout or 1800)
        _save(results)

    if args.profile:
        print("profiles", flush=True)
        results["profiles"] = run_profiles(args.profile, args.timeout or 1800)
    info["load_end"] = os.getloadavg()
    results["elapsed"] = time.perf_counter() - started
    _save(results)

    import report

    report.write_all(results, HERE)
    print(f"done in {results['elapsed'] / 60:.1f} min: bench/RESULTS.md, bench/scaling.png, bench/results.json")


CLEAN_ABOVE = 20_000  # corpora larger than this are removed once measured (--clean auto)


def _earlier_results(fresh: bool, sizes: list[int], path: Path = HERE / "results.json") -> dict:
    """``bench/results.json`` without the rows of ``sizes`` (they are measured now), or a new one."""
    empty: dict = {"sizes": [], "peer_sizes": [], "corpora": {}, "rows": [], "notes": {}, "big": [],
                   "measured": {}}
    if fresh or not path.is_file():
        return empty
    old = json.loads(path.read_text())
    for key, value in empty.items():
        old.setdefault(key, value)
    if not old["measured"] and old.get("machine"):  # written before results were merged: one run
        for size in old["sizes"] + old["peer_sizes"]:
            old["measured"][str(size)] = {"date": old["machine"]["date"], "commit": old["machine"].get("commit"),
                                          "pipeline_digest": old["machine"].get("pipeline_digest")}
    old["rows"] = [r for r in old["rows"] if r.get("size") not in sizes]
    old["sizes"] = [s for s in old["sizes"] if s not in sizes]
    old["peer_sizes"] = [s for s in old["peer_sizes"] if s not in sizes]
    for size in sizes:
        for key in ("corpora", "notes", "measured"):
            old[key].pop(str(size), None)
    return old


def _disk_usage(root: Path) -> dict[str, int]:
    """Bytes on disk of the posts, the catalogs, the German posts and the cache of a content root."""
    out = {}
    for name, folder in (("posts", root / "content" / "nl"), ("catalogs", root / "locale"),
                         ("German posts", root / "content" / "de"), ("cache", root / ".pipeline-cache")):
        total = 0
        for parent, _, files in os.walk(folder):
            for file in files:
                try:
                    total += os.stat(os.path.join(parent, file)).st_blocks * 512
                except OSError:
                    pass
        out[name] = total
    return out


def _check_disk(results: dict, size: int) -> None:
    """Refuse a size whose corpus and outputs would not fit, judged from the largest size measured before."""
    known = [(int(s), c["disk"]) for s, c in results["corpora"].items() if c.get("disk")]
    if not known:
        return
    base, disk = max(known)
    # the corpus and its outputs, plus the copy of the cache the warm CI check restores
    need = (sum(disk.values()) + disk.get("cache", 0)) * size / base * 1.2
    free = shutil.disk_usage(WORK).free
    print(f"  disk: about {need / 1e9:.1f} GB needed (from {base:,} posts), {free / 1e9:.0f} GB free", flush=True)
    if need > free:
        raise SystemExit(f"{size:,} posts need about {need / 1e9:.0f} GB of disk, {free / 1e9:.0f} GB are free "
                         f"under {WORK}")


def _save(results: dict) -> None:
    (HERE / "results.json").write_text(json.dumps(results, indent=1, default=str) + "\n")


if __name__ == "__main__":
    main()
