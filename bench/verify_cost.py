"""What merge's verification costs: merge from scratch against the floor, for one or more
versions of the pipeline's code (run by hand; not part of the test suite or ``make bench``).

    .venv/bin/python bench/verify_cost.py                       # this work tree, 96 posts
    .venv/bin/python bench/verify_cost.py --code /work/wt/old --code .   # two versions

For each ``--code`` folder (a checkout of this repository; its ``pipeline/`` package is put
first on ``PYTHONPATH``, the dependencies are this interpreter's): a content root of N posts
built by ``corpus.py`` from the real articles, ``extract -j1`` (its segmentations are kept in
the cache), every msgstr pseudo-translated (``pseudo.py``), then ``merge -j1`` from scratch:
the German posts deleted and merge's rows of the cache forgotten, extract's kept, as
``run.py`` measures it (extract from scratch is timed too, and the size of the cache it leaves). The floor is ``floor.py -j1`` (read and parse every post). Each figure
is the least CPU time (user + system, of the process and its children) of ``--repeat`` runs.
The digest of the German posts shows whether two versions write the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402

ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_COLOR="1")


def cpu(argv: list[str], cwd: Path, env: dict) -> float:
    """CPU seconds (user + system) of one command and its children; it must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode:
        raise SystemExit(f"{' '.join(argv)} exited {out.returncode}:\n{out.stdout}{out.stderr}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:12]


_COMMON_WORD_RE = re.compile(r"(?<= )(de|het|een|en|van|is|in|op|te)(?= )")


def make_unique(root: Path) -> None:
    """Give every post its own words: corpus.py builds posts from 12 articles, so most
    paragraphs recur in many posts, and whatever is kept by text (an analysed msgid) is
    found again; a real site's paragraphs seldom recur. Common Dutch words in the body get a
    suffix of letters that names the post (``de`` → ``debq``)."""
    for number, path in enumerate(sorted((root / "content" / "nl").rglob("*.md"))):
        name = ""
        number += 1
        while number:
            number, letter = divmod(number - 1, 26)
            name = "abcdefghijklmnopqrstuvwxyz"[letter] + name
        text = path.read_text(encoding="utf-8")
        close = text.index("\n---\n", 4) + 5
        body = _COMMON_WORD_RE.sub(lambda m: m.group() + name, text[close:])
        path.write_text(text[:close] + body, encoding="utf-8")


def forget_merge(root: Path) -> None:
    database = root / ".pipeline-cache" / "cache.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("DELETE FROM posts WHERE name LIKE 'merge%'")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, action="append", help="a checkout to measure (default: this one)")
    parser.add_argument("--posts", type=int, default=96)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--unique", action="store_true", help="give every post its own words (see make_unique)")
    parser.add_argument("--work", type=Path, default=HERE / "work" / "verify-cost")
    args = parser.parse_args()
    codes = [path.resolve() for path in args.code or [HERE.parent]]
    root = args.work.resolve()
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    size = corpus.build(root, args.posts)
    if args.unique:
        make_unique(root)
    py = sys.executable
    floor = min(cpu([py, str(HERE / "floor.py"), str(root), "-j", "1"], root, ENV) for _ in range(args.repeat))
    print(f"{args.posts} posts ({size / 1e6:.1f} MB{', every post its own words' if args.unique else ''}); "
          f"least CPU time of {args.repeat} runs")
    print(f"floor (read + parse every post): {floor:.3f} s")
    for code in codes:
        env = dict(ENV, PYTHONPATH=str(code))
        pipeline = [py, "-m", "pipeline", "-C", str(root)]
        extract = []
        for _ in range(args.repeat):
            for name in ("locale", "content/de", ".pipeline-cache"):
                shutil.rmtree(root / name, ignore_errors=True)
            extract.append(cpu([*pipeline, "extract", "-j", "1"], root, env))
        cache = sum(path.stat().st_size for path in (root / ".pipeline-cache").iterdir() if path.is_file())
        cpu([py, str(HERE / "pseudo.py"), "ours", str(root / "locale" / "de")], root, env)
        times = []
        for _ in range(args.repeat):
            shutil.rmtree(root / "content" / "de", ignore_errors=True)
            forget_merge(root)
            times.append(cpu([*pipeline, "merge", "-j", "1"], root, env))
        best = min(times)
        commit = subprocess.run(["git", "-C", str(code), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=False).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(code), "status", "--porcelain", "pipeline"],
                               capture_output=True, text=True, check=False).stdout.strip()
        print(f"{code} ({commit}{' + changes' if dirty else ''}):\n"
              f"  merge from scratch {best:.3f} s = {best / floor:.2f}x floor; German posts {digest(root / 'content' / 'de')}\n"
              f"  extract from scratch {min(extract):.3f} s = {min(extract) / floor:.2f}x floor; cache {cache / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
