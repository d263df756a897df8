"""Fuzzy matching at scale: one post whose every paragraph changed a little (issue #10).

For each size N (default 600 and 1,500): one post of N real paragraphs (the unit texts of the
articles in ``tests/fixtures/opensource-guide/nl/``, then of ``de/`` when N is larger than what
the Dutch ones give), with ``max-post-bytes`` raised. Measured, each as one subprocess (as
``run.py`` measures everything), ``--repeat`` times (3), the fastest run counting (all are kept
in ``results.json``); every run of 3 and 4 starts from the old catalog and template, without
the cache (as 1 does):

1. ``pipeline extract`` from scratch;
2. the German catalog filled (``pseudo.py``, not timed), then every paragraph changed a little
   (one word in twelve replaced; the median difflib ratio old/new is printed);
3. ``pipeline check`` before extracting again (it re-extracts to find the stale catalog, so it
   does the same fuzzy search; exit 1 is expected);
4. ``pipeline extract`` after the change (each paragraph gets its old translation as fuzzy);
5. the peer, GNU ``msgmerge --previous --no-wrap`` on the same old catalog and the new
   template, and on the old template (nothing changed) for its own ratio.

Target (issue #10): step 4 under 10x step 1. Run it alone (a few minutes)::

    bench/.venv/bin/python bench/fuzzy.py                 # or any venv with the pipeline
    .venv/bin/python bench/fuzzy.py --sizes 600           # quicker

It prints the table, puts the figures into ``bench/results.json`` (key ``fuzzy``) and
rewrites ``bench/RESULTS.md`` from that file (``run.py`` runs it too, at the end of a full run).
``--no-save`` leaves both (for measuring another version of the code, e.g. with the venv of a
work tree that has the old scan); ``--before`` shows such a run's figures beside this one's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402  (the measuring helpers)

FIXTURES = run.REPO / "tests" / "fixtures" / "opensource-guide"
MSGMERGE = shutil.which("msgmerge") or "/usr/bin/msgmerge"
_STARTS_A_BLOCK_RE = re.compile(r"^(?:[^\w\"'(]|\d+[.)])")
_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ]+")
#: Dutch words put in place of one word in twelve
REPLACEMENTS = ["project", "gemeenschap", "bijdrage", "licentie", "beheerder", "gebruikers",
                "documentatie", "veiligheid", "vrijwilliger", "kwaliteit", "afspraak", "overleg"]


def paragraphs(count: int) -> list[str]:
    """``count`` distinct real unit texts (one line each, not opening another kind of block)."""
    from pipeline.config import DEFAULT_KEYS, DEFAULT_LIST_KEYS
    from pipeline.post import load_post
    from pipeline.segment import segment_post

    out: list[str] = []
    seen: set[str] = set()
    for language in ("nl", "de"):
        for path in sorted((FIXTURES / language).glob("*.md")):
            post = load_post(str(path), path.read_bytes())
            for unit in segment_post(post, path.stem, DEFAULT_KEYS, DEFAULT_LIST_KEYS):
                text = unit.text
                if (len(text) >= 25 and "\n" not in text and text not in seen
                        and not _STARTS_A_BLOCK_RE.match(text) and not text.endswith(("\\", ":"))):
                    seen.add(text)
                    out.append(text)
                    if len(out) == count:
                        return out
    raise SystemExit(f"the fixtures give only {len(out)} paragraphs, not {count}")


def change(text: str, rng: random.Random) -> str:
    """The paragraph with one word in twelve (at least one) replaced by another Dutch word."""
    words = text.split(" ")
    plain = [i for i, w in enumerate(words) if _WORD_RE.fullmatch(w)]
    if not plain:
        return text + " Herzien."
    first = rng.randrange(min(12, len(plain)))
    for i in plain[first::12]:
        words[i] = rng.choice([w for w in REPLACEMENTS if w != words[i]])
    return " ".join(words)


def _post(texts: list[str], count: int) -> str:
    return (f"---\ntitle: Alle alinea's ({count})\ndate: 2020-01-01\nlang: nl\n---\n\n"
            + "\n\n".join(texts) + "\n")


def _count_fuzzy(po: Path) -> dict[str, str]:
    """msgid -> previous msgid of each fuzzy entry."""
    from pipeline.po import parse_catalog

    catalog = parse_catalog(str(po), po.read_bytes())
    return {m.msgid: m.previous_msgid or "" for m in catalog.messages if m.fuzzy and not m.obsolete}


def _best_of(label: str, argv: list[str], root: Path, timeout: float, repeat: int,
             prepare: Callable[[], None] = lambda: None) -> dict:
    """The fastest of ``repeat`` runs (each after ``prepare``), with every run's wall time."""
    rows = []
    for i in range(repeat):
        prepare()
        rows.append(run.measure(f"{label} #{i + 1}", argv, root, timeout))
        if rows[-1]["timed_out"]:
            break
    best = min(rows, key=lambda row: (row["timed_out"], row["wall"]))
    return dict(best, runs=[row["wall"] for row in rows], cpu_runs=[row["cpu"] for row in rows])


def measure_size(count: int, timeout: float, check: bool, repeat: int) -> dict:
    import difflib
    import statistics

    root = run.WORK / f"fuzzy-{count}"
    run._rm(root)
    (root / "content" / "nl").mkdir(parents=True)
    rng = random.Random(count)
    old_texts = paragraphs(count)
    new_texts = [change(text, rng) for text in old_texts]
    post = root / "content" / "nl" / "2020-01-01-alle-alineas.md"
    post.write_text(_post(old_texts, count), encoding="utf-8")
    (root / "pyproject.toml").write_text(
        f"# Benchmark content root: one large post.\n[tool.pipeline]\nmax-post-bytes = {4 * 1024 * 1024}\n",
        encoding="utf-8")
    sample = [difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
              for a, b in zip(old_texts[:200], new_texts[:200])]
    pipeline = str(run.BIN / "pipeline")
    tag = f"fuzzy {count}"
    po = root / "locale" / "de" / "LC_MESSAGES" / "2020-01-01-alle-alineas.po"
    pot = root / "locale" / "templates" / "2020-01-01-alle-alineas.pot"
    extract = [pipeline, "-C", str(root), "extract"]
    rows = {}
    rows["scratch"] = _best_of(f"{tag} extract scratch", extract, root, timeout, repeat,
                               lambda: run._rm(root / "locale", root / ".pipeline-cache"))
    run.pseudo_translate(root, "ours", po.parent)
    shutil.copy(po, root / "old.po")
    shutil.copy(pot, root / "old.pot")
    post.write_text(_post(new_texts, count), encoding="utf-8")

    def back_to_old_catalog() -> None:
        shutil.copy(root / "old.po", po)
        shutil.copy(root / "old.pot", pot)
        run._rm(root / ".pipeline-cache")

    if check:
        rows["check"] = _best_of(f"{tag} check stale", [pipeline, "-C", str(root), "check"], root, timeout,
                                 repeat, back_to_old_catalog)
    rows["changed"] = _best_of(f"{tag} extract changed", extract, root, timeout, repeat, back_to_old_catalog)
    msgmerge = [MSGMERGE, "--previous", "--no-wrap", "-q", "-o"]
    rows["msgmerge"] = _best_of(f"{tag} msgmerge changed",
                                msgmerge + [str(root / "msgmerge.po"), str(root / "old.po"), str(pot)],
                                root, timeout, repeat)
    rows["msgmerge_same"] = _best_of(f"{tag} msgmerge unchanged",
                                     msgmerge + [str(root / "msgmerge-same.po"), str(root / "old.po"),
                                                 str(root / "old.pot")],
                                     root, timeout, repeat)
    ours = _count_fuzzy(po) if not rows["changed"]["timed_out"] else {}
    peer = _count_fuzzy(root / "msgmerge.po") if (root / "msgmerge.po").is_file() else {}
    version = subprocess.run([MSGMERGE, "--version"], check=False, capture_output=True, text=True).stdout
    return {
        "paragraphs": count,
        "post_bytes": post.stat().st_size,
        "median_ratio": statistics.median(sample),
        "rows": rows,
        "fuzzy_ours": len(ours),
        "fuzzy_msgmerge": len(peer),
        "same_previous": sum(1 for k, v in ours.items() if peer.get(k) == v),
        "msgmerge_version": version.splitlines()[0] if version else "",
    }


def run_fuzzy(sizes: list[int], timeout: float, check: bool = True, repeat: int = 3) -> dict:
    info = run.machine()
    # the code measured: the last commit of the installed package's folder when it is in a work
    # tree (an editable install), else this work tree's (``make bench`` installs it from here)
    package = info["pipeline_installed"]
    measured = subprocess.run(["git", "-C", package, "log", "-1", "--format=%h", "--", "."],
                              check=False, capture_output=True, text=True).stdout.strip()
    if measured and subprocess.run(["git", "-C", package, "diff", "--quiet", "HEAD", "--", "."],
                                   check=False).returncode:
        measured += "-dirty"
    out = {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "commit": measured or info["commit"],
           "pipeline": info["pipeline_installed"], "sizes": {}}
    for count in sizes:
        print(f"one post of {count} paragraphs, every one changed a little", flush=True)
        out["sizes"][str(count)] = measure_size(count, timeout, check, repeat)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="600,1500", help="paragraphs in the post (default: 600,1500)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per command (default 1800)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command; the fastest counts (default 3)")
    parser.add_argument("--no-check", action="store_true", help="skip step 3 (check before extracting again)")
    parser.add_argument("--no-save", action="store_true",
                        help="leave results.json and RESULTS.md (the figures still go to bench/work/fuzzy.json)")
    parser.add_argument("--before", type=Path, metavar="JSON",
                        help="the bench/work/fuzzy.json of a run of an older version, shown beside this one")
    args = parser.parse_args()
    if not (run.BIN / "pipeline").exists():
        raise SystemExit(f"no pipeline in {run.BIN}: run this with the python of a venv that has it")
    run.WORK.mkdir(exist_ok=True)
    figures = run_fuzzy(run._sizes(args.sizes), args.timeout, check=not args.no_check, repeat=args.repeat)
    if args.before:
        figures["before"] = json.loads(args.before.read_text())
    (run.WORK / "fuzzy.json").write_text(json.dumps(figures, indent=1) + "\n")
    import report

    print("\n".join(report.fuzzy_lines({"fuzzy": figures})))
    if not args.no_save:
        path = HERE / "results.json"
        results = json.loads(path.read_text()) if path.is_file() else {}
        results["fuzzy"] = figures
        run._save(results)
        if "machine" in results:
            (HERE / "RESULTS.md").write_text(report.markdown(results) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
