"""A misspelt front matter key gets "did you mean": a key one slip away from a Hugo front
matter field or a schema key the post lacks is a ``key-misspelt`` warning naming both; a
missing required key (the title) says which key was probably meant for it. A site's own keys
(Hugo takes any key) give nothing."""

from __future__ import annotations

import pytest

from pipeline.checkers import HUGO_FRONT_MATTER_FIELDS, Schema, check_front_matter
from pipeline.post import load_post
from support import make_root, run_cli

GOOD = "title: Titel\ndate: 2020-05-01T10:00:00+02:00\nlang: nl\ntags: [a, b]\ndraft: false\n"


def problems(front_matter: str, schema: Schema | None = None) -> list[tuple[int | None, str, str, str]]:
    post = load_post("content/nl/x.md", f"---\n{front_matter}---\n\nTekst.\n".encode())
    return [(p.line, p.severity, p.code, p.message)
            for p in check_front_matter(post, "nl", "Europe/Amsterdam", schema or Schema())]


@pytest.mark.parametrize(("wrong", "meant"), [
    ("tgas: [a]", "tags"), ("drfat: true", "draft"), ("sulg: fiets", "slug"),
    ("aliasses: [/oud/]", "aliases"), ("Descriptoin: Over fietsen", "description"),
    ("wieght: 3", "weight"), ("translationkey2: a", "translationkey"),
])
def test_a_misspelt_key_is_one_warning_naming_both(wrong: str, meant: str) -> None:
    kept = [line for line in GOOD.splitlines() if not line.startswith(f"{meant}:")]  # the key it lacks
    front_matter = "\n".join([*kept, wrong]) + "\n"
    found = [p for p in problems(front_matter) if p[2] == "key-misspelt"]
    key = wrong.split(":")[0]
    assert len(found) == 1, found
    assert found[0][:3] == (len(kept) + 2, "warning", "key-misspelt")  # (line 1 is the ---)
    assert f"{key} is no front matter key" in found[0][3] and f"did you mean {meant}?" in found[0][3]
    assert [p for p in problems(front_matter + f"{meant}: x\n") if p[2] == "key-misspelt"] == []  # has it


def test_dat_for_date_is_the_date_error_and_a_warning_naming_date() -> None:
    found = problems("title: Titel\ndat: 2020-05-01T10:00:00+02:00\n")
    assert ("date-missing" in [p[2] for p in found])
    [warning] = [p for p in found if p[2] == "key-misspelt"]
    assert warning[0] == 3 and "dat is no front matter key" in warning[3] and "did you mean date?" in warning[3]


def test_titel_for_title_the_missing_title_error_says_which_key() -> None:
    found = problems("date: 2020-05-01T10:00:00+02:00\ntitel: Fietsen\n")
    [missing] = [p for p in found if p[2] == "title-missing"]
    assert missing[:3] == (3, "error", "title-missing")
    assert missing[3] == "no title; did you mean title? (titel on line 3)"
    assert "key-misspelt" not in [p[2] for p in found]  # said once, by the error


CUSTOM = ["author", "authors", "cover", "image", "images", "toc", "series", "summary", "params",
          "description", "keywords", "categories", "featured", "featured_image", "subtitle",
          "thumbnail", "comments", "math", "hero", "banner", "icon", "color", "canonical",
          "showToc", "ShowReadingTime", "hidemeta", "editPost", "disqus", "readingTime", "audio",
          "video", "location", "event", "sponsor", "excerpt", "teaser", "id", "name", "note",
          "status", "version", "layout", "menu", "data", "tag", "dates", "lead", "intro", "rating"]


def test_a_sites_own_keys_give_nothing() -> None:
    # every key on its own beside a full front matter; one that is a word away from a key
    # the post has (data/date, tag/tags) gives nothing either: that key is there
    for key in CUSTOM:
        found = [p for p in problems(GOOD + f"{key}: x\n") if p[2] == "key-misspelt"]
        assert found == [], key


def test_the_known_keys_are_hugos_fields_and_the_schemas() -> None:
    assert {"title", "date", "draft", "slug", "aliases", "tags", "weight", "expirydate", "linktitle",
            "translationkey", "params"} <= HUGO_FRONT_MATTER_FIELDS
    schema = Schema(strings=("title", "subtitel"))  # the schema's own key is known, even misspelt
    assert [p for p in problems(GOOD + "subtitel: x\n", schema) if p[2] == "key-misspelt"] == []
    [said] = [p[3] for p in problems(GOOD + "subtitle: x\n", schema) if p[2] == "key-misspelt"]
    assert "did you mean subtitel?" in said  # a schema key is one a post may misspell too


def test_check_reports_it_at_the_keys_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = make_root(tmp_path, {"a.md": "---\ntitel: Fietsen\ndate: 2020-05-01T10:00:00+02:00\ntgas: [a]\n---\n\nTekst.\n"})
    done = run_cli(root, "check")
    assert "  2: error: no title; did you mean title? (titel on line 2) [title-missing]" in done.stdout
    assert "  4: warning: tgas is no front matter key Hugo or the schema knows: did you mean tags?" in done.stdout


def test_hugos_own_keys_are_known_whatever_the_schema() -> None:
    """``_build`` is Hugo's build options key (``build`` only from Hugo 0.123; the Hugo this
    project tests with, 0.111, reads ``_build``); ``images``, ``videos``, ``audio`` and
    ``series`` are read by Hugo's internal templates (Open Graph, Twitter cards, schema.org):
    no "did you mean build?", nor "did you mean image?" where the site's schema names ``image``."""
    schema = Schema(images=("image",), strings=("title", "video"))
    for key in ("_build: {list: never}", "images: [a.jpg]", "videos: [a.mp4]", "audio: [a.mp3]", "series: [a]"):
        found = [p for p in problems(GOOD + key + "\n", schema) if p[2] == "key-misspelt"]
        assert found == [], (key, found)


@pytest.mark.parametrize("front_matter", ["?\n", "1: een\ntitle: Titel\n", "null: x\ntitel: T\n", "2020-01-01: x\n"])
def test_a_key_that_is_no_string_is_no_traceback(front_matter: str) -> None:
    """A key YAML reads as no string (``?`` alone: null; a number; a date) is passed over by
    the misspelling check, as by the others: the problems, not an AttributeError."""
    found = problems(front_matter)
    assert all(code != "key-misspelt" or "did you mean" in message for _, _, code, message in found)
    assert found, "the missing title at least"
