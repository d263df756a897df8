"""Output does not depend on --jobs: every command, on enough posts that workers really run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from merge_support import fill_all, pseudo_translate
from support import ARTICLES, SEED, invoke, make_root

from pipeline import api
from pipeline.parallel import MIN_ITEMS_PER_JOB

COPIES = 3


def _posts() -> dict[str, bytes]:
    """The seed and the articles, each three times over (in three year folders)."""
    posts: dict[str, bytes] = {}
    for copy in range(COPIES):
        for path in [SEED, *ARTICLES]:
            posts[f"{2015 + copy}/{path.name}"] = path.read_bytes()
    return posts


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in (root / "content", root / "locale")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _run(root: Path, *args: str) -> tuple[int, str]:
    result = invoke("-C", str(root), *args)
    return result.exit_code, result.output


@pytest.mark.parametrize("cache", [[], ["--no-cache"]], ids=["cache", "no-cache"])
def test_every_command_gives_the_same_output_with_any_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: list[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    posts = _posts()
    assert len(posts) >= 2 * MIN_ITEMS_PER_JOB  # else ordered_map would not start workers
    seen = []
    for jobs in ("1", "2"):
        root = make_root(tmp_path / jobs, posts)
        outputs = [_run(root, "extract", "-j", jobs, *cache)]
        fill_all(root, pseudo_translate)
        # a translation that breaks a link: merge refuses it and check says so
        po = root / "locale" / "de" / "LC_MESSAGES" / "2016" / f"{SEED.stem}.po"
        text = po.read_text(encoding="utf-8")
        at = text.index("](", text.index('\nmsgstr "', text.index("](")))  # in a msgstr
        po.write_text(text[:at] + "] (" + text[at + 2 :], encoding="utf-8")
        outputs.append(_run(root, "merge", "-j", jobs, *cache))
        outputs.append(_run(root, "check", "-j", jobs, "--format", "json", *cache))
        seen.append((outputs, _files(root)))
    assert seen[0] == seen[1]
    outputs, files = seen[0]
    # merge refuses the post with the broken link (the check's error), writes the others
    assert outputs[0][0] == 0 and outputs[1][0] == 1
    assert "[link-target]" in outputs[1][1]
    assert sum(name.startswith("content/de/") for name in files) == len(posts) - 1, outputs[1][1][-3000:]
    code, text = outputs[2]
    report = json.loads(text)
    assert code == 1 and len(report["completeness"]) == len(posts)
    assert any(p["code"] == "link-target" for p in report["problems"])


def test_workers_read_the_segmentations_extract_kept(tmp_path: Path) -> None:
    """Merge's workers find every post's units in the cache: no post is parsed."""
    posts = _posts()
    root = make_root(tmp_path / "cached", posts)
    assert api.extract(root, jobs=2).parsed == len(posts)
    fill_all(root, pseudo_translate)
    merged = api.merge(root, jobs=2)
    assert merged.counts()["written"] == len(posts)
    assert merged.parsed == 0, "a worker parsed a post whose segmentation extract kept"
    # the same run without the cache: the workers parse every post (the count is real)
    plain = make_root(tmp_path / "plain", posts)
    api.extract(plain, jobs=2, use_cache=False)
    fill_all(plain, pseudo_translate)
    assert api.merge(plain, jobs=2, use_cache=False).parsed == len(posts)
