"""The benchmark's own logic (``bench/``), not its figures: the corpus written in parallel is
the one written serially, the second pseudo-translation changes every msgstr it can and keeps
the markup, issue 15's table marks each target from the figures, and a run's results merge
into an earlier run's by size."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
try:
    import corpus
    import pseudo
    import report
    import run
finally:
    sys.path.remove(str(REPO / "bench"))


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_corpus_in_parallel_is_the_serial_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus, "CHUNK", 7)  # several chunks for the workers
    serial = corpus.build(tmp_path / "one", 30, jobs=1)
    parallel = corpus.build(tmp_path / "two", 30, jobs=2)
    assert serial == parallel
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert len(one) == 30 and one == two
    assert one == {f"content/nl/{rel}": text.encode() for rel, text in map(corpus.post_text, range(30))}


def test_second_pseudo_translation_changes_the_prose_and_keeps_the_markup() -> None:
    text = 'Zie `code a` en [de gids](/open-source/a.png), <b class="u">Doe</b> {{< ref "u" >}} "nu".'
    first, second = pseudo.pseudo(text), pseudo.pseudo(text, variant=2)
    assert first != second and first != text and second != text
    for kept in ("`code a`", "(/open-source/a.png)", '<b class="u">', '{{< ref "u" >}}'):
        assert kept in first and kept in second
    assert second.startswith("Zíé `code a` én [dé gíds]") and "„nú" in second
    assert pseudo.pseudo("2015", variant=2) == "2015"  # no prose letter: nothing to change


def _row(size: int, tool: str, wall: float, command: str = "", step: str = "scratch", jobs: str = "1",
         rss: float = 40, **extra: object) -> dict:
    return dict(size=size, tool=tool, command=command, step=step, jobs=jobs, wall=wall, cpu=wall,
                maxrss_mb=rss, tree_rss_mb=rss, status=0, load=0.5, timed_out=False, timeout=1800, **extra)


def test_issue_15_table_marks_each_target_with_its_figure() -> None:
    rows = [_row(10, "floor", 10.0), _row(10, "floor", 5.0, jobs="all"),
            _row(10, "ours", 14.0, "check", cold=True), _row(10, "ours", 11.0, "extract"),
            _row(10, "ours", 6.0, "merge"), _row(10, "ours", 0.1, "extract", "one changed"),
            _row(10, "ours", 0.2, "merge", "one changed", rss=120),
            _row(10, "ours", 1.0, "check", "warm ci"),
            _row(10, "ours", 2.0, "extract", "scratch", "all"),
            _row(10, "mdpo", 9.0, "extract"), _row(10, "mdpo", 12.0, "merge")]
    results = {"rows": rows, "sizes": [10], "notes": {}, "machine": {"cores": 2}}
    table = "\n".join(report.targets_table(results, 10))
    assert "| `check` from scratch (cold, as in CI: no `.pipeline-cache/`), `--jobs 1` | ≤ 1.5× floor | 1.40× " \
           "(14.0 s; floor 10.0 s) | pass |" in table
    assert "| `extract` from scratch, `--jobs 1` | ≤ 1.0× floor | 1.10× (11.0 s; floor 10.0 s) | **FAIL** |" in table
    assert "| `merge` from scratch, `--jobs 1` | ≤ 0.7× floor | 0.60× (6.00 s; floor 10.0 s) | pass |" in table
    assert "`extract`, one post changed, 1 core | ≤ 1 % of its from-scratch time | 0.9 % (0.10 s of 11.0 s) | pass |" in table
    assert "`merge`, one catalog changed, 1 core | ≤ 1 % of its from-scratch time | 3.3 % (0.20 s of 6.00 s) | **FAIL**" in table
    assert "`check`, one post changed, 1 core | ≤ 1 % of its from-scratch time | not measured | – |" in table
    assert "| peak memory, every command | ≤ 100 MB | 120 MB (largest process: `pipeline merge` one catalog " \
           "changed, 1 core)" in table and table.count("**FAIL**") == 4
    assert "vs the fastest peer, `extract`, all cores | ≥ 5× | 4.50× (mdpo 9.00 s; ours 2.00 s) | **FAIL** |" in table
    assert "warm CI `check`, 1 core:" in table and "1.00 s (7.1 % of the cold check, 0.10× floor)" in table


def test_a_run_replaces_its_sizes_and_keeps_the_others(tmp_path: Path) -> None:
    earlier = {"machine": {"date": "d", "commit": "c", "pipeline_digest": "p"}, "sizes": [1000, 10000],
               "peer_sizes": [1000, 2000], "corpora": {"1000": {}, "2000": {}, "10000": {}},
               "rows": [_row(1000, "floor", 3.0), _row(2000, "floor", 6.0), _row(10000, "floor", 30.0)],
               "notes": {"1000": {}, "10000": {}}, "big": [{"post_bytes": 1}], "fuzzy": {"sizes": {}}}
    path = tmp_path / "results.json"
    path.write_text(json.dumps(earlier))
    merged = run._earlier_results(False, [10000], path)
    assert [r["size"] for r in merged["rows"]] == [1000, 2000]
    assert merged["sizes"] == [1000] and merged["peer_sizes"] == [1000, 2000]
    assert set(merged["corpora"]) == {"1000", "2000"} and set(merged["measured"]) == {"1000", "2000"}
    assert merged["big"] == [{"post_bytes": 1}] and "fuzzy" in merged
    assert run._earlier_results(True, [10000], path)["rows"] == []


def test_a_peer_is_extrapolated_from_the_same_run_when_it_ran_there() -> None:
    rows = [_row(2000, "mdpo", 20.0, "extract", run="earlier"), _row(200, "mdpo", 4.0, "extract", run="now"),
            _row(500, "ours", 1.0, "extract", run="now"), _row(100000, "ours", 1.0, "extract", run="later")]
    results = {"rows": rows}
    assert report.peer_time(results, "mdpo", "extract", 500) == (10.0, "extrapolated from 200 posts")
    assert report.peer_time(results, "mdpo", "extract", 100000) == (
        1000.0, "extrapolated from 2,000 posts, an earlier run")
