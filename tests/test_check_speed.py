"""The shortcuts a cold ``check`` takes for speed (ISSUE 15: check from scratch, as in CI),
each against the slow way it replaces: a wrong shortcut fails here."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import make_root

from pipeline.checkers import Schema, _known_keys, _misspelling_of
from pipeline.config import load_config
from pipeline.errors import PipelineError


def test_confine_tests_folders_not_string_prefixes(tmp_path: Path) -> None:
    """``confine`` compares resolved paths as text: a sibling folder whose name starts as
    ``content`` or ``locale`` does (``content-old/``, ``locale2/``) is outside them, as
    ``Path.is_relative_to`` says; a folder resolved once serves its files, a symlinked file
    among them resolved in full."""
    root = make_root(tmp_path / "site", {"a.md": "---\ntitle: A\n---\n"})
    config = load_config(root)
    for sibling in ("content-old", "locale2", "contentnl"):
        (root / sibling).mkdir()
        (root / sibling / "b.md").write_text("x", encoding="utf-8")
        (root / "content" / "nl" / f"{sibling}.md").symlink_to(root / sibling / "b.md")
    (root / "content" / "nl" / "inside.md").symlink_to(root / "content" / "nl" / "a.md")
    config.confine(root / "content" / "nl" / "a.md")
    config.confine(root / "content" / "nl" / "inside.md")
    config.confine(root / "content")  # the folder itself
    for sibling in ("content-old", "locale2", "contentnl"):
        with pytest.raises(PipelineError, match="leads outside"):
            config.confine(root / "content" / "nl" / f"{sibling}.md")
    # a folder of posts symlinked out, after a file of it was confined through its real name
    (root / "content" / "nl" / "sub").symlink_to(root / "content-old", target_is_directory=True)
    with pytest.raises(PipelineError, match="leads outside"):
        config.confine(root / "content" / "nl" / "sub" / "b.md")


KNOWN_KEYS = sorted(_known_keys(Schema.of({})) | {"subtitle", "summary", "series_title", "cover"})


@settings(max_examples=300, deadline=None)
@given(
    key=st.one_of(
        st.sampled_from(KNOWN_KEYS).flatmap(lambda k: st.sampled_from(_slips(k))),
        st.text("abcdeilnorstuy_", min_size=1, max_size=12),
    ),
    lacking=st.sets(st.sampled_from(KNOWN_KEYS)),
)
def test_misspelt_keys_worked_out_once_per_key_say_what_difflib_says_per_post(key: str, lacking: set[str]) -> None:
    """The closeness of a key to every known key is worked out once per run and filtered by
    the keys each post lacks: the same answer as difflib asked of those keys alone (its
    first three of them, then the edit limit)."""
    known = frozenset(KNOWN_KEYS)
    absent = [k for k in KNOWN_KEYS if k in lacking]
    assert _misspelling_of(key, absent, known) == _misspelling_of(key, absent)


def _slips(key: str) -> list[str]:
    """``key`` with a letter dropped, doubled or swapped with the next, and upper-cased."""
    slips = [key.title()]
    for i in range(len(key)):
        slips += [key[:i] + key[i + 1:], key[:i] + key[i] + key[i:], key[:i] + key[i + 1:i + 2] + key[i] + key[i + 2:]]
    return [s for s in slips if s]
