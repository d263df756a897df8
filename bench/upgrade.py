"""Catalogs made before issue 13: does the next ``pipeline extract`` keep their translations?

    python bench/upgrade.py [--old REV] [--show-diffs]

Issue 13 changed what some units' msgids hold: a heading's attribute list (``## Kop {#kop}``)
and a task's checkbox (``- [ ] Taak``) are structure, no longer text; a ``{{% note %}}`` line
at either end of a paragraph is no longer in its msgid; a shortcode call over several lines is
no paragraph; text attributes and shortcode parameters are units of their own. This script
makes a site of the real Dutch articles of ``tests/fixtures`` (opensource-guide, the seed post,
the Goldmark and attribute fixtures) and a post with every such form, and then:

1. extracts it with the OLD code (``REV``, default c884a5d: main before issue 13, taken out
   with ``git archive`` and run with ``PYTHONPATH``), pseudo-translates every catalog
   (``bench/pseudo.py``, with the old code's PO writer) and merges (the German posts it wrote
   are kept);
2. extracts the same site with THIS code and counts, for every translation the old catalogs
   held, whether the new catalog keeps it (msgid unchanged; msgid changed and the translation
   kept, not fuzzy), offers it as fuzzy, or has it only as an obsolete entry (lost);
3. merges with this code and compares each German post with the one the old code wrote.

It prints a table; exit 1 if a translation was lost or offered as fuzzy. ``upgrade_counts``
is what ``tests/test_upgrade.py`` asserts on.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FIXTURES = REPO / "tests" / "fixtures"
OLD_REVISION = "c884a5d"  # main before issue 13

#: A post with each form whose msgid issue 13 changed, as a Hugo site writes them
FORMS_POST = """\
---
title: Een bericht met vormen
date: 2023-05-01T10:00:00+02:00
---
## Inleiding {#inleiding}

Zie [de stappen](#stappen) en [de inleiding](#inleiding).

## De stappen {#stappen .belangrijk}

Setext met een id {#setext}
---------------------------

- [ ] Boodschappen doen
- [x] Afwassen na het eten
- Een gewoon punt
  - [ ] Een genest punt

1. [ ] Een genummerde taak

{{% note %}}
Een notitie over twee regels,
met een [link](/nl/elders/).
{{% /note %}}

{{% note %}}
Een notitie die doorloopt.

Het einde van de notitie.
{{% /note %}}

{{< figure
  src="kat.jpg"
  alt="Een slapende kat"
  caption="Over meerdere regels"
>}}

Een alinea met {{< figure src="x.jpg" caption="Binnen een alinea" >}} erin.

Een afbeelding <img src="y.png" alt="Een hond in het gras"> en een <abbr title="Hypertext">HTML</abbr>-woord.

## 1. Stap een

- [ ] Taak met een [link](/nl/taken/) erin
"""


def build_site(root: Path) -> list[str]:
    """The Dutch posts under ``root/content/nl``; their paths there."""
    source = root / "content" / "nl"
    source.mkdir(parents=True)
    copied = []
    pairs = [(FIXTURES / "opensource-guide" / "nl", "gids"), (FIXTURES / "seed", "seed")]
    for found, folder in pairs:
        for path in sorted(found.glob("*.md")):
            if path.name.lower() != "readme.md":
                copied.append((path, f"{folder}/{path.name}"))
    for path in sorted((FIXTURES / "goldmark").glob("*/nl.md")):
        if path.parent.name != "blockattrs":  # block attributes: a site setting Hugo has off
            copied.append((path, f"goldmark/{path.parent.name}.md"))
    for path in sorted((FIXTURES / "attributes").glob("*.md")):
        if not path.name.endswith(".de.md"):
            copied.append((path, f"attributes/{path.name}"))
    for path, name in copied:
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    (source / "vormen.md").write_text(FORMS_POST, encoding="utf-8")
    return sorted(p.relative_to(source).as_posix() for p in source.rglob("*.md"))


def old_code(revision: str, into: Path) -> Path:
    """The ``pipeline`` package of ``revision``, written under ``into`` (a PYTHONPATH entry)."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision, "pipeline"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


@dataclass
class Counts:
    translations: int = 0
    """Translated entries (not fuzzy) in the old catalogs."""
    kept_same: int = 0
    """Kept, msgid unchanged."""
    kept_changed: int = 0
    """Kept, not fuzzy, under a msgid that changed (structure taken out)."""
    fuzzy: int = 0
    """Offered as fuzzy under a msgid that is the old one less its ends."""
    lost: int = 0
    """Only in an obsolete entry, while a new unit without translation is the old msgid less
    its ends."""
    split: int = 0
    """Fuzzy or obsolete, the old msgid's text now in several units (a definition list's
    term and description, a shortcode call's parameters): not kept, by design."""
    gone: int = 0
    """Obsolete, no new unit holding its text (code in a shortcode): nothing to keep."""
    new_units: int = 0
    """Entries of the new catalogs with no translation (new units: attributes, parameters)."""
    posts: int = 0
    same_posts: int = 0
    """German posts the new merge wrote identical to the old code's."""
    same_but_record: int = 0
    """German posts identical but for the generation record (the catalog's checksum)."""
    changed_posts: list[str] = field(default_factory=list)
    missing_posts: list[str] = field(default_factory=list)
    """German posts the old code wrote and the new did not."""
    lost_entries: list[tuple[str, str]] = field(default_factory=list)
    fuzzy_entries: list[tuple[str, str]] = field(default_factory=list)
    diffs: dict[str, str] = field(default_factory=dict)


#: The pseudo-translation of ``bench/pseudo.py``, with a heading's attribute list kept as a
#: translator keeps markup (``Inleiding {#inleiding}`` -> ``Inleidüng {#inleiding}``),
#: run with the old code's PO reader and writer
PSEUDO = f"""
import re, sys
from pathlib import Path
sys.path.insert(0, {str(HERE)!r})
import pseudo
pseudo._KEEP_RE = re.compile(r"\\{{[#.][^{{}}\\n]*\\}}|" + pseudo._KEEP_RE.pattern)
pseudo.translate_ours(sorted(Path("locale").rglob("*.po")))
"""


def _run(code: Path | None, root: Path, *argv: str) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    command = [sys.executable, *argv] if argv[0] == "-c" else [sys.executable, "-m", "pipeline", *argv]
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} ({code or 'this code'}): exit {done.returncode}\n{done.stderr}")


def _catalogs(root: Path) -> dict[str, object]:
    from pipeline.po import parse_catalog

    return {
        path.relative_to(root).as_posix(): parse_catalog(str(path), path.read_bytes())
        for path in sorted((root / "locale").rglob("*.po"))
    }


def _german(root: Path) -> dict[str, str]:
    folder = root / "content" / "de"
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))}


#: The generation record's checksum of the catalog, which changes with any entry (a new
#: untranslated one too)
_RECORD_SUM_RE = re.compile(r"^  catalog_sha256: [0-9a-f]+$", re.MULTILINE)


def upgrade_counts(work: Path, revision: str = OLD_REVISION, new_revision: str | None = None) -> Counts:
    """Run the old code, then this one (or ``new_revision``'s), on the site in ``work/site``;
    what was kept."""
    root = work / "site"
    build_site(root)
    old = old_code(revision, work / "old")
    _run(old, root, "extract", "-j", "1")
    _run(old, root, "-c", PSEUDO)
    _run(old, root, "merge", "-j", "1")
    before_catalogs = _catalogs(root)
    before_german = _german(root)

    new = old_code(new_revision, work / "new") if new_revision else None
    _run(new, root, "extract", "-j", "1")
    after_catalogs = _catalogs(root)
    _run(new, root, "merge", "-j", "1", "--min-translated", "0")
    after_german = _german(root)

    counts = Counts()
    for name, before in before_catalogs.items():
        after = after_catalogs[name]
        active = {m.key: m for m in after.messages if not m.obsolete}  # type: ignore[attr-defined]
        obsolete = {m.key for m in after.messages if m.obsolete}  # type: ignore[attr-defined]
        fuzzy_from = {m.previous_msgid for m in active.values() if m.fuzzy}
        untranslated = [m.msgid for m in active.values() if m.fuzzy or not m.msgstr.strip()]
        for message in before.messages:  # type: ignore[attr-defined]
            if message.obsolete or message.fuzzy or not message.msgstr.strip():
                continue
            counts.translations += 1
            now = active.get(message.key)
            inside = [msgid for msgid in untranslated if msgid in message.msgid]
            if now is not None and not now.fuzzy and now.msgstr == message.msgstr:
                counts.kept_same += 1
            elif message.key not in obsolete and message.msgid not in fuzzy_from:
                counts.kept_changed += 1
            elif len(inside) > 1:
                counts.split += 1
            elif message.key in obsolete and not inside:
                counts.gone += 1
            elif message.key in obsolete:
                counts.lost += 1
                counts.lost_entries.append((name, message.msgid))
            else:
                counts.fuzzy += 1
                counts.fuzzy_entries.append((name, message.msgid))
        counts.new_units += sum(1 for m in active.values() if not m.msgstr.strip())
    for name, text in before_german.items():
        counts.posts += 1
        if name not in after_german:
            counts.missing_posts.append(name)
        elif after_german[name] == text:
            counts.same_posts += 1
        elif _RECORD_SUM_RE.sub("", after_german[name]) == _RECORD_SUM_RE.sub("", text):
            counts.same_but_record += 1
        else:
            counts.changed_posts.append(name)
            counts.diffs[name] = "".join(difflib.unified_diff(
                text.splitlines(keepends=True), after_german[name].splitlines(keepends=True),
                f"old/{name}", f"new/{name}", n=0))
    return counts


def table(counts: Counts) -> str:
    rows = [
        ("translations in the old catalogs", counts.translations),
        ("kept, msgid unchanged", counts.kept_same),
        ("kept, structure taken out of msgid and msgstr", counts.kept_changed),
        ("fuzzy, msgid less its ends", counts.fuzzy),
        ("lost (obsolete), msgid less its ends", counts.lost),
        ("split into several units (by design)", counts.split),
        ("no longer text (code in a shortcode)", counts.gone),
        ("new entries, untranslated", counts.new_units),
        ("German posts the old code wrote", counts.posts),
        ("  written identical by the new merge", counts.same_posts),
        ("  identical but for the record's catalog_sha256", counts.same_but_record),
        ("  written differently", len(counts.changed_posts)),
        ("  not written", len(counts.missing_posts)),
    ]
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"| {label:<{width}} | {value:>5} |" for label, value in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old", default=OLD_REVISION, help="the revision catalogs were made with")
    parser.add_argument("--new", help="the revision to upgrade to (default: this work tree's code)")
    parser.add_argument("--show-diffs", action="store_true", help="print how each changed German post differs")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory() as folder:
        counts = upgrade_counts(Path(folder), args.old, args.new)
    print(table(counts))
    for name, msgid in counts.lost_entries:
        print(f"lost: {name}: {msgid!r:.100}")
    for name, msgid in counts.fuzzy_entries:
        print(f"fuzzy: {name}: {msgid!r:.100}")
    for name in counts.missing_posts:
        print(f"not written: {name}")
    for name in counts.changed_posts:
        print(f"differs: {name}")
        if args.show_diffs:
            print(counts.diffs[name])
    sys.exit(1 if counts.lost or counts.fuzzy else 0)


if __name__ == "__main__":
    main()
