"""Coverage-guided fuzzing with atheris (libFuzzer) of the pipeline's parsers, in memory.

Not part of the pytest suite (atheris is not a dependency): ``make fuzz-atheris`` installs it
into .venv and runs this script. Each input's first byte picks a target:

- a post: ``load_post`` and ``segment_post``; only ``PostError`` may escape, units are in
  order and never overlap;
- a catalog: ``parse_catalog``; only ``CatalogError`` may escape, and what is read is written
  and read again byte for byte;
- a translation: ``check_translation`` of two halves of the input (must not raise), and
  ``scalar`` (the YAML a msgstr is written as) loads back to exactly the text.

Usage: python tests/fuzz/atheris_pipeline.py [-atheris_runs=N] [-max_len=4096] [corpus dir]
"""

from __future__ import annotations

import itertools
import sys

import atheris

with atheris.instrument_imports():
    import yaml

    from pipeline.checkers import check_translation
    from pipeline.config import DEFAULT_KEYS, DEFAULT_LIST_KEYS
    from pipeline.errors import CatalogError, PostError
    from pipeline.po import format_catalog, parse_catalog
    from pipeline.post import load_post
    from pipeline.segment import segment_post
    from pipeline.yamlout import scalar

RUNS = {"post": 0, "catalog": 0, "translation": 0}


def _post(data: bytes) -> None:
    try:
        post = load_post("content/nl/x.md", data, 1024 * 1024)
    except PostError as error:
        assert "\n" not in str(error), str(error)
        return
    units = segment_post(post, "x", DEFAULT_KEYS, DEFAULT_LIST_KEYS)
    spans = [(u.start, u.end) for u in units if u.start is not None and u.end is not None]
    assert spans == sorted(spans)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start, spans


def _catalog(data: bytes) -> None:
    try:
        catalog = parse_catalog("x.po", data)
    except CatalogError as error:
        assert "\n" not in str(error), str(error)
        return
    text = format_catalog(catalog)
    assert format_catalog(parse_catalog("x.po", text.encode("utf-8"))) == text


def _translation(data: bytes) -> None:
    text = data.decode("utf-8", "replace").replace("\0", "")
    half = len(text) // 2
    check_translation(text[:half], text[half:], "de")
    written = scalar(text)
    assert yaml.safe_load(f"k: {written}\n") == {"k": text}, (text, written)


TARGETS = [("post", _post), ("catalog", _catalog), ("translation", _translation)]


def test_one_input(data: bytes) -> None:
    if not data:
        return
    name, target = TARGETS[data[0] % len(TARGETS)]
    RUNS[name] += 1
    target(data[1:])


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    try:
        atheris.Fuzz()
    finally:
        print(f"atheris inputs run: {sum(RUNS.values())} ({RUNS})", file=sys.stderr)


if __name__ == "__main__":
    main()
