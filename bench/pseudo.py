"""Fill every msgstr of a set of catalogs with a pseudo-translation (not timed).

The pseudo-translation is the msgid with its prose letters changed (a→ä, o→ö, u→ü and
capitals, Dutch/English quotes to German ones), markup kept: inline code, link and image
destinations, reference labels, footnote references, HTML tags, shortcodes and Liquid tags,
entities, bare URLs and e-mail addresses (Hugo's linkify makes links of them) stay byte
for byte. A ``slug`` entry gets ``de-<slug>``.

``ours``: catalogs read and written with the pipeline's own ``pipeline.po`` (GNU no-wrap form,
so the next extract finds them current); ``--variant 2`` writes a second pseudo-translation
(a→á, e→é, i→í, o→ó, u→ú and capitals; the same quotes and kept markup) as translators
delivering new work would: every msgstr with a prose letter in it changes, slugs stay, and
merge writes every post again. ``polib``: the peers' catalogs, read and written
with polib (mdpo and Translate Toolkit each read their own output back).
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

# spans that must not change: code, link destinations and labels, footnotes, HTML, shortcodes,
# Liquid, entities, URLs, shortcut reference links ``[label]`` not followed by ``(``
_KEEP_RE = re.compile(
    r"`+[^`]*`+"
    r"|\]\([^)]*\)"
    r"|\]\[[^\]]*\]"
    r"|\[\^[^\]]*\]"
    r"|\[[^\]]*\](?![(\[:])"
    r"|<[^>]*>"
    r"|\{\{.*?\}\}|\{%.*?%\}"
    r"|&#?\w+;"
    r"|https?://\S+|www\.\S+"
    r"|[-a-zA-Z0-9.+_]+@[-a-zA-Z0-9_]+(?:\.[-a-zA-Z0-9_]+)+"  # e-mail addresses: links in Hugo
    r"|\{\d+\}"  # Translate Toolkit's placeholders
)
_LETTERS = str.maketrans({"a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü",
                          "“": "„", "”": "“"})
_LETTERS_2 = str.maketrans({"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "A": "Á", "E": "É", "I": "Í",
                            "O": "Ó", "U": "Ú", "“": "„", "”": "“"})
_ASCII_QUOTES_RE = re.compile(r'(^|[\s(])"([^"\n]+)"')


def pseudo(text: str, variant: int = 1) -> str:
    letters = _LETTERS_2 if variant == 2 else _LETTERS
    out = []
    pos = 0
    for match in _KEEP_RE.finditer(text):
        out.append(_prose(text[pos : match.start()], letters))
        out.append(match.group())
        pos = match.end()
    out.append(_prose(text[pos:], letters))
    return "".join(out)


def _prose(text: str, letters: dict = _LETTERS) -> str:
    text = _ASCII_QUOTES_RE.sub(lambda m: f"{m.group(1)}„{m.group(2)}“", text)
    return text.translate(letters)


def translate_ours(paths: list[Path], variant: int = 1) -> int:
    from pipeline.po import format_catalog, parse_catalog  # the installed copy, as measured

    count = 0
    for path in paths:
        catalog = parse_catalog(str(path), path.read_bytes())
        for message in catalog.messages:
            if message.obsolete or message.msgid_plural is not None:
                continue
            if message.msgctxt == "slug":
                message.msgstr = f"de-{message.msgid}"
            else:
                message.msgstr = pseudo(message.msgid, variant)
            message.flags = [f for f in message.flags if f != "fuzzy"]
            count += 1
        path.write_bytes(format_catalog(catalog).encode("utf-8"))
    return count


def translate_polib(paths: list[Path]) -> int:
    import polib

    count = 0
    for path in paths:
        catalog = polib.pofile(str(path), wrapwidth=0)
        for entry in catalog:
            if entry.obsolete or entry.msgid_plural:
                continue
            entry.msgstr = pseudo(entry.msgid)
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            count += 1
        catalog.save(str(path))
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kind", choices=["ours", "polib"])
    parser.add_argument("folder", type=Path, help="every *.po below it is translated")
    parser.add_argument("--variant", type=int, choices=[1, 2], default=1,
                        help="ours: 2 for the second pseudo-translation (every catalog changed; default 1)")
    args = parser.parse_args()
    paths = sorted(args.folder.rglob("*.po"))
    if args.kind == "ours" and len(paths) > 200 and len(os.sched_getaffinity(0)) > 1:
        # one catalog at a time, each written whole: the same bytes in any order, one process per core
        import functools
        import multiprocessing

        chunks = [paths[i : i + 100] for i in range(0, len(paths), 100)]
        with multiprocessing.get_context("fork").Pool(len(os.sched_getaffinity(0))) as pool:
            count = sum(pool.map(functools.partial(translate_ours, variant=args.variant), chunks, chunksize=1))
    else:
        count = translate_ours(paths, args.variant) if args.kind == "ours" else translate_polib(paths)
    print(f"pseudo-translated {count} entries in {len(paths)} catalogs")


if __name__ == "__main__":
    main()
