"""The peers doing the pipeline's extract and merge work: one catalog per post.

- ``mdpo-extract ROOT``: mdpo's Python API, ``mdpo.md2po.markdown_to_pofile(post,
  po_filepath=..., save=True)`` for each post → ``ROOT/peers/mdpo/po/<id>.po``.
- ``mdpo-merge ROOT``: ``mdpo.po2md.pofile_to_markdown(post, catalog, save=...)`` for each post
  → ``ROOT/peers/mdpo/de/<id>.md``.
- ``tt-extract ROOT``: Translate Toolkit's own ``md2po`` command (its ``main()`` called in this
  process, i.e. exactly ``md2po -i content/nl -o peers/tt/po --progress=none``): it walks the
  folder and writes one catalog per post.
- ``tt-merge ROOT``: ``po2md -i peers/tt/po -t content/nl -o peers/tt/de --progress=none``
  the same way.

Both tools are run in one process for all posts (no interpreter start per post), on one core
(neither has a parallel mode). A post a tool fails on is counted, the run goes on; the last
output line is ``failed: N of M`` and the first errors are printed to stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path


def _posts(root: Path) -> list[Path]:
    return sorted((root / "content" / "nl").rglob("*.md"))


def _report(failures: list[tuple[Path, str]], total: int) -> None:
    for path, message in failures[:5]:
        print(f"error: {path}: {message}", file=sys.stderr)
    print(f"failed: {len(failures)} of {total}")


def mdpo_extract(root: Path) -> None:
    from mdpo.md2po import markdown_to_pofile

    source = root / "content" / "nl"
    out = root / "peers" / "mdpo" / "po"
    failures = []
    posts = _posts(root)
    for path in posts:
        rel = path.relative_to(source).with_suffix(".po")
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            markdown_to_pofile(str(path), po_filepath=str(target), save=True)
        except Exception as exc:  # noqa: BLE001 - a peer's crash is counted, not fatal
            failures.append((path, f"{type(exc).__name__}: {exc}".splitlines()[0][:300]))
    _report(failures, len(posts))


def mdpo_merge(root: Path) -> None:
    from mdpo.po2md import pofile_to_markdown

    source = root / "content" / "nl"
    catalogs = root / "peers" / "mdpo" / "po"
    out = root / "peers" / "mdpo" / "de"
    failures = []
    posts = _posts(root)
    for path in posts:
        rel = path.relative_to(source)
        po = catalogs / rel.with_suffix(".po")
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if not po.exists():
            failures.append((path, "no catalog (extract failed on it)"))
            continue
        try:
            pofile_to_markdown(str(path), str(po), save=str(target))
        except Exception as exc:  # noqa: BLE001
            failures.append((path, f"{type(exc).__name__}: {exc}".splitlines()[0][:300]))
    _report(failures, len(posts))


def _count_outputs(folder: Path, suffix: str) -> int:
    return sum(1 for _ in folder.rglob(f"*{suffix}")) if folder.is_dir() else 0


def _run_tt(main, argv: list[str]) -> None:  # type: ignore[no-untyped-def]
    try:
        main(argv)
    except SystemExit as exc:
        if exc.code not in (0, None):
            print(f"exit status {exc.code}", file=sys.stderr)
    except Exception:  # noqa: BLE001
        traceback.print_exc()


def tt_extract(root: Path) -> None:
    from translate.convert.md2po import main

    out = root / "peers" / "tt" / "po"
    out.parent.mkdir(parents=True, exist_ok=True)
    _run_tt(main, ["-i", str(root / "content" / "nl"), "-o", str(out), "--progress=none"])
    posts = len(_posts(root))
    print(f"failed: {posts - _count_outputs(out, '.po')} of {posts}")


def tt_merge(root: Path) -> None:
    from translate.convert.po2md import main

    out = root / "peers" / "tt" / "de"
    out.parent.mkdir(parents=True, exist_ok=True)
    _run_tt(main, ["-i", str(root / "peers" / "tt" / "po"), "-t", str(root / "content" / "nl"),
                   "-o", str(out), "--progress=none"])
    posts = len(_posts(root))
    print(f"failed: {posts - _count_outputs(out, '.md')} of {posts}")


COMMANDS = {
    "mdpo-extract": mdpo_extract,
    "mdpo-merge": mdpo_merge,
    "tt-extract": tt_extract,
    "tt-merge": tt_merge,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=sorted(COMMANDS))
    parser.add_argument("root", type=Path)
    args = parser.parse_args()
    os.chdir(args.root)
    COMMANDS[args.command](args.root.resolve())


if __name__ == "__main__":
    main()
