"""Is the output of two versions of the pipeline the same, byte for byte?

    python bench/same_output.py manifest --code DIR --out FILE [--posts N]
    python bench/same_output.py compare FILE FILE

``manifest`` runs the pipeline found in ``DIR`` (a checkout: ``DIR/pipeline/``) on a site made
of every Dutch post of ``tests/fixtures/`` (the real articles, the seed post, the extract and
check fixtures, the CommonMark examples as one post each) and ``N`` posts of the benchmark
corpus (``bench/corpus.py``), through a whole round: extract, a pseudo-translation of every
catalog (with polib: independent of the code measured), merge, check (text and JSON), one
Dutch post edited, extract, merge and check again, and a run with nothing to do. It writes
the SHA-256 of every file under ``content/`` and ``locale/`` after each step, and every
command's exit code, stdout and stderr. ``compare`` prints what differs (exit 1) or says the
two are identical.

The site and the commands are the same for both versions; ``SOURCE_DATE_EPOCH`` fixes the
catalogs' creation date.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FIXTURES = REPO / "tests" / "fixtures"
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import pseudo  # noqa: E402


def build_site(root: Path, posts: int) -> None:
    corpus.build(root, posts)
    source = root / "content" / "nl"
    # the fixtures' Dutch posts, under their own folders (no name meets the corpus's)
    for folder in ("seed", "extract", "opensource-guide/nl"):
        found = FIXTURES / folder
        if not found.is_dir():
            continue
        for path in sorted(found.rglob("*.md")):
            if path.name.lower() == "readme.md":
                continue
            target = source / "fixtures" / folder.replace("/", "-") / path.relative_to(found)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    examples = json.loads((FIXTURES / "commonmark" / "spec.json").read_text(encoding="utf-8"))
    for example in examples:
        target = source / "commonmark" / f"example-{example['example']:03d}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\ntitle: Voorbeeld {example['example']}\n---\n\n{example['markdown']}",
                          encoding="utf-8")


def tree(root: Path) -> dict[str, str]:
    found = {}
    for folder in ("content", "locale"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def manifest(code: Path, posts: int) -> dict:
    steps: list[dict] = []
    env = {**os.environ, "PYTHONPATH": str(code), "SOURCE_DATE_EPOCH": "1700000000",
           "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("GITHUB_ACTIONS", None)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build_site(root, posts)

        def run(*argv: str) -> None:
            done = subprocess.run([sys.executable, "-m", "pipeline", *argv], cwd=root, env=env,
                                  capture_output=True, text=True, stdin=subprocess.DEVNULL)
            steps.append({"command": " ".join(argv), "rc": done.returncode, "stdout": done.stdout,
                          "stderr": done.stderr, "tree": tree(root)})

        run("extract", "-j", "1")
        pseudo.translate_polib(sorted((root / "locale").rglob("*.po")))
        run("merge", "-j", "0")
        run("check", "-j", "1")
        run("check", "--format", "json", "--no-cache")
        run("check", "--format", "github")
        edited = sorted((root / "content" / "nl").rglob("*.md"))[0]
        edited.write_text(edited.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")
        run("extract")
        run("merge", "--min-translated", "50")
        run("check", "--min-translated", "50")
        run("merge")  # nothing to do
    return {"code": str(code), "posts": posts, "steps": steps}


def compare(first: dict, second: dict) -> list[str]:
    said = []
    if len(first["steps"]) != len(second["steps"]):
        said.append(f"{len(first['steps'])} steps against {len(second['steps'])}")
    for a, b in zip(first["steps"], second["steps"]):
        for name in ("rc", "stdout", "stderr"):
            if a[name] != b[name]:
                said.append(f"{a['command']}: {name} differs:\n  {a[name]!r:.400}\n  {b[name]!r:.400}")
        for path in sorted(set(a["tree"]) | set(b["tree"])):
            if a["tree"].get(path) != b["tree"].get(path):
                said.append(f"{a['command']}: {path} differs")
    return said


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="action", required=True)
    make = sub.add_parser("manifest")
    make.add_argument("--code", type=Path, default=REPO)
    make.add_argument("--out", type=Path, required=True)
    make.add_argument("--posts", type=int, default=300)
    both = sub.add_parser("compare")
    both.add_argument("files", type=Path, nargs=2)
    args = parser.parse_args()
    if args.action == "manifest":
        found = manifest(args.code.resolve(), args.posts)
        args.out.write_text(json.dumps(found, indent=1, ensure_ascii=False), encoding="utf-8")
        files = len(found["steps"][-1]["tree"])
        print(f"{args.out}: {len(found['steps'])} steps, {files} files after the last")
    else:
        first, second = (json.loads(p.read_text(encoding="utf-8")) for p in args.files)
        differences = compare(first, second)
        for line in differences[:50]:
            print(line)
        if differences:
            print(f"{len(differences)} differences")
            sys.exit(1)
        steps = len(first["steps"])
        files = sum(len(s["tree"]) for s in first["steps"])
        print(f"identical: {steps} commands (exit codes, stdout, stderr) and {files} file states")


if __name__ == "__main__":
    main()
