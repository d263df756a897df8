"""Renames and moves on the 12 real Dutch articles (tests/fixtures/opensource-guide/nl/):
how many of their translations each kind of move keeps. The figures of issue 12's closing
note.

    .venv/bin/python bench/renames.py

A git work tree is made in a temporary folder with the articles under content/nl/, extracted
with the real command line, every catalog pseudo-translated (bench/pseudo.py) and merged, and
committed. Then, in one working copy:

- ``git mv`` of one article to a new name;
- ``git mv`` of one into a subfolder;
- ``git mv`` of one to a new name with its first paragraph edited;
- ``pipeline mv`` of one into a subfolder (its old Dutch URL kept in its aliases, the links
  to it updated);
- one article split in two: its second half moved to a new post.

Then ``pipeline extract`` and ``pipeline merge``. For each moved post: its translations
before (translated, not fuzzy), and after, in its catalog at the new place: kept (the same
msgid with the same msgstr), fuzzy, untranslated.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from pseudo import translate_ours  # noqa: E402

from pipeline.po import parse_catalog, translation_of  # noqa: E402

ARTICLES = REPO / "tests" / "fixtures" / "opensource-guide" / "nl"
PYPROJECT = '[tool.pipeline]\nsource-language = "nl"\ntarget-languages = ["de"]\n'


def run(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=root, capture_output=True, text=True, check=False,
                          env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})
    if check and done.returncode != 0:
        raise SystemExit(f"{' '.join(args)}: exit {done.returncode}\n{done.stdout}{done.stderr}")
    return done


def pipeline(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return run(root, sys.executable, "-m", "pipeline", *args, check=check)


def entries(path: Path) -> dict[tuple[str | None, str], tuple[str, bool]]:
    """Each entry's key: its msgstr and whether fuzzy (obsolete ones left out)."""
    catalog = parse_catalog(str(path), path.read_bytes())
    return {m.key: (m.msgstr, m.fuzzy) for m in catalog.messages if not m.obsolete}


def translated(found: dict[tuple[str | None, str], tuple[str, bool]]) -> dict[tuple[str | None, str], str]:
    return {key: msgstr for key, (msgstr, fuzzy) in found.items() if msgstr.strip() and not fuzzy}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="renames-") as tmp:
        root = Path(tmp)
        (root / "content" / "nl").mkdir(parents=True)
        for article in sorted(ARTICLES.glob("*.md")):
            shutil.copy(article, root / "content" / "nl" / article.name)
        (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
        pipeline(root, "extract")
        translate_ours(sorted((root / "locale" / "de").rglob("*.po")))
        pipeline(root, "extract")  # the catalogs as extract writes them
        pipeline(root, "merge")
        run(root, "git", "init", "-q")
        run(root, "git", "add", "-A")
        run(root, "git", "commit", "-qm", "translated")

        def po(post_id: str) -> Path:
            return root / "locale" / "de" / "LC_MESSAGES" / f"{post_id}.po"

        moves = {  # old id -> (new id, how)
            "legal": ("juridisch", "git mv, renamed"),
            "metrics": ("2024/metrics", "git mv, into a subfolder"),
            "getting-paid": ("betaald-worden", "git mv, renamed, first paragraph edited"),
            "best-practices": ("archief/best-practices", "pipeline mv, into a subfolder"),
        }
        before = {old: translated(entries(po(old))) for old in moves}
        source = root / "content" / "nl"
        for old, (new, how) in moves.items():
            if how.startswith("pipeline mv"):
                pipeline(root, "mv", f"content/nl/{old}.md", f"content/nl/{new}.md")
                continue
            (source / new).parent.mkdir(parents=True, exist_ok=True)
            run(root, "git", "mv", f"content/nl/{old}.md", f"content/nl/{new}.md")
            if "edited" in how:
                path = source / f"{new}.md"
                text = path.read_text(encoding="utf-8")
                body = text.index("\n---\n", 4) + 5
                start = text.index("\n\n", body) + 2  # the first paragraph after the front matter's gap
                end = text.index("\n\n", start)
                path.write_text(text[:start] + "Een nieuwe eerste alinea, door de redactie geschreven."
                                + text[end:], encoding="utf-8")
        # a split: the second half of an article becomes a post of its own
        split_old = "building-community"
        before[split_old] = translated(entries(po(split_old)))
        path = source / f"{split_old}.md"
        text = path.read_text(encoding="utf-8")
        body = text.index("\n---\n", 4) + 5
        cut = text.index("\n## ", body + (len(text) - body) // 2)
        path.write_text(text[:cut + 1], encoding="utf-8")
        (source / "gemeenschap-deel-2.md").write_text(
            "---\nlang: nl\ntitle: Een gemeenschap bouwen, deel 2\n---\n" + text[cut + 1:], encoding="utf-8")

        extracted = pipeline(root, "extract")
        merged = pipeline(root, "merge", check=False)
        print("extract:", " | ".join(line for line in extracted.stdout.splitlines()
                                      if line.startswith(("moved", "extract")) or "other catalogs" in line))
        print("merge:", " | ".join(line for line in merged.stdout.splitlines() + merged.stderr.splitlines()
                                    if not line.startswith(("wrote", "unchanged"))))
        print()
        print(f"{'post':<45} {'how':<42} {'before':>6} {'kept':>5} {'fuzzy':>5} {'lost':>5}")
        total_before = total_kept = 0
        rows = [(old, new, how) for old, (new, how) in moves.items()]
        rows.append((split_old, f"{split_old} + gemeenschap-deel-2", "split in two (second half a new post)"))
        for old, new, how in rows:
            after: dict[tuple[str | None, str], tuple[str, bool]] = {}
            for post_id in reversed(new.split(" + ")):  # the post's own catalog last: its slug
                after.update(entries(po(post_id)))
            # the slug entry by its context: a renamed post's Dutch slug is its new name
            first = entries(po(new.split(" + ")[0]))
            slugs = {key[0]: key for key in first if key[0] == "slug"}
            kept = sum(1 for key, msgstr in before[old].items()
                       if after.get(slugs.get("slug", key) if key[0] == "slug" else key) == (msgstr, False))
            fuzzy = sum(1 for key in before[old] if key in after and after[key][1])
            # a translation of a unit the post still has, no longer there translated
            lost = sum(1 for key in before[old] if key in after and not after[key][0].strip())
            missing = [key for key, msgstr in before[old].items()
                       if after.get(slugs.get("slug", key) if key[0] == "slug" else key) != (msgstr, False)]
            old_gone = not po(old).exists() or old == split_old
            name = f"{old} -> {new}"
            print(f"{name:<45} {how:<42} {len(before[old]):>6} {kept:>5} {fuzzy:>5} {lost:>5}"
                  + ("" if old_gone else "  (old catalog still there)"))
            for key in missing:
                print(f"    not kept: {key[1][:70]!r}… ({'changed by the edit' if key not in after else 'see the catalog'})")
            total_before += len(before[old])
            total_kept += kept
        print(f"{'all':<45} {'':<42} {total_before:>6} {total_kept:>5}")
        print("(before: translated entries of the old catalog; kept: the same entry translated the same "
              "in the catalog(s) at the new place; the rest are units the edit removed or changed)")


if __name__ == "__main__":
    main()
