"""Hostile front matter: TOML, JSON and YAML flow mappings as editors, translators and
broken files write them, through load, merge and the generation record."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from merge_support import fill_all, identity, merged
from support import LANGUAGES_TOML, cpu_seconds, invoke, make_root

from pipeline.frontedit import edit_front_matter
from pipeline.post import load_post
from pipeline.record import hand_edited, read_record


def _post(text: str) -> object:
    return load_post("content/nl/x.md", text.encode("utf-8"))


def _upper(context: str | None, msgid: str) -> str:
    return msgid.upper()


def test_many_toml_tables_and_dotted_keys_are_read_and_edited_in_linear_time() -> None:
    """A table looked up among all of its parent's keys made 3,000 ``[kN]`` headers take
    3.6 s to read (quadratic); eight times as many keys take about eight times as long."""
    def timed(n: int, line: str) -> float:
        text = "+++\n" + "".join(line.format(i=i) for i in range(n)) + "+++\nT\n"
        started = cpu_seconds()
        post = _post(text)
        edit_front_matter(post, {"lang": "de"})
        return cpu_seconds() - started

    for line in ("[k{i}]\nx = 1\n", "k{i}.x = 1\n", "[[r{i}]]\nx = 1\n"):
        small = min(timed(400, line) for _ in range(2))
        assert timed(3200, line) < 8 * 3 * small + 0.5, line


def _front(text: str) -> dict[str, object]:
    return yaml.safe_load(text.split("---\n")[1])


def test_keys_and_the_record_go_after_a_flow_mappings_last_value_whatever_follows_it() -> None:
    """A flow mapping front matter with a comment after its brace, a trailing comma, or its
    brace on a line of its own: new keys and the record follow the last value, and the record
    is found again (a comment after the brace made every German post a hand edit; a trailing
    comma gave ``, , lang: de``, refused as if the Dutch post were not valid YAML)."""
    cases = {
        "{title: Titel, tags: [a, b]}  # een comment\n": "{title: TITEL, tags: [A, B], lang: de, slug: post, "
        "translationKey: post, generated_from: {…}}  # een comment\n",
        "{title: Titel, tags: [a, b], }\n": "{title: TITEL, tags: [A, B], lang: de, slug: post, "
        "translationKey: post, generated_from: {…}, }\n",
        "{title: Titel,\n tags: [a, b]  # c\n}\n": "{title: TITEL,\n tags: [A, B], lang: de, slug: post, "
        "translationKey: post, generated_from: {…}  # c\n}\n",
        "{ title: Titel }\n": "{ title: TITEL, lang: de, slug: post, translationKey: post, generated_from: {…} }\n",
        # the Dutch page's url goes (with its comma): the keys follow the last pair that stays
        "{title: Titel, url: /nl/x/, }\n": "{title: TITEL, lang: de, slug: post, translationKey: post, "
        "generated_from: {…}, }\n",
        "{url: /nl/x/, title: Titel, }\n": "{title: TITEL, lang: de, slug: post, translationKey: post, "
        "generated_from: {…}, }\n",
        "{url: /nl/x/}\n": "{lang: de, slug: post, translationKey: post, generated_from: {…}}\n",
    }
    for front, expected in cases.items():
        german, warnings = merged(f"---\n{front}---\nTekst.\n", _upper)
        assert not warnings
        found = read_record(german)
        assert found is not None, german
        record, without = found
        shown = german.replace(german[german.index("generated_from: {") + 16: german.index("}", german.index("generated_from: {")) + 1], "{…}")
        assert shown == f"---\n{expected}---\nTEKST.\n"
        assert not hand_edited(german.encode("utf-8"))
        assert _front(german)["generated_from"] == record and _front(german).get("title", "TITEL") == "TITEL"


def test_a_top_level_key_in_another_case_is_translated_as_hugo_reads_it() -> None:
    """Hugo reads front matter keys in any case (``Title = …`` is the page's title, checked
    with Hugo 0.111), as the keys on a path already matched: ``Title``, ``Description`` and a
    ``Tags`` string stayed Dutch while merge said 100 %. The msgctxt is the setting."""
    for text, front in [
        ('+++\nTitle = "Titel"\nTags = "appel, peer"\n+++\nTekst.\n', 'Title = "TITEL"\nTags = ["APPEL", "PEER"]\n'),
        ('---\nTitle: Titel\nDescription: Over\n---\nTekst.\n', "Title: TITEL\nDescription: OVER\n"),
    ]:
        contexts = []

        def translate(context: str | None, msgid: str) -> str:
            contexts.append(context)
            return msgid.upper()

        german, warnings = merged(text, translate)
        assert not warnings and german.split("lang")[0].endswith(front), german
        assert set(contexts) - {"slug", None} <= {"title", "tags", "description"}, contexts


def test_check_fix_splits_a_toml_and_a_json_tags_string_and_its_advice_names_no_yaml(tmp_path: Path) -> None:
    root = make_root(tmp_path, {
        "toml.md": "+++\ntitle = 'T'\ndate = 2023-05-01\ntags = 'appel, peer'  # c\n+++\nTekst.\n",
        "json.md": '{\n\t"title": "J",\n\t"date": "2023-05-01",\n\t"tags": "appel, peer"\n}\nTekst.\n',
    })
    assert invoke("-C", str(root), "extract").exit_code == 0
    checked = invoke("-C", str(root), "check")
    warnings = [line for line in checked.output.splitlines() if "[tags-string]" in line]
    assert len(warnings) == 2 and not any("YAML" in line for line in warnings), checked.output
    fixed = invoke("-C", str(root), "check", "--fix")
    assert fixed.output.count("fixed content/nl/") == 2, fixed.output
    assert (root / "content/nl/toml.md").read_text() == (
        "+++\ntitle = 'T'\ndate = 2023-05-01\ntags = [\"appel\", \"peer\"]  # c\n+++\nTekst.\n")
    assert (root / "content/nl/json.md").read_text() == (
        '{\n\t"title": "J",\n\t"date": "2023-05-01",\n\t"tags": ["appel", "peer"]\n}\nTekst.\n')
    again = invoke("-C", str(root), "check", "--fix")
    assert "fixed" not in again.output and "[tags-string]" not in again.output, again.output


def test_a_german_post_checked_out_with_crlf_is_current_for_check_as_for_merge(tmp_path: Path) -> None:
    """git's core.autocrlf gives the German posts CRLF: merge calls them unchanged (its record
    hashes the text with LF), and check called them stale, advising a merge that did nothing."""
    root = make_root(tmp_path, {
        "toml.md": "+++\ntitle = 'T'\ndate = 2023-05-01\n+++\nTekst.\n",
        "flow.md": "---\n{title: F, date: 2023-05-01}  # c\n---\nTekst.\n",
    })
    assert invoke("-C", str(root), "extract").exit_code == 0
    fill_all(root, identity)
    assert invoke("-C", str(root), "merge").exit_code == 0
    for name in ("toml", "flow"):
        german = root / "content" / "de" / f"{name}.md"
        german.write_bytes(german.read_bytes().replace(b"\n", b"\r\n"))
    merged_again = invoke("-C", str(root), "merge")
    assert "2 unchanged" in merged_again.output, merged_again.output
    checked = invoke("-C", str(root), "check")
    assert checked.exit_code == 0 and "stale" not in checked.output, checked.output


def test_a_crlf_post_ending_at_its_closing_delimiter_gets_crlf_lines_only() -> None:
    """A CRLF post that ends at its front matter's closing line (no line break after it):
    the lines merge adds before that line were given LF, the line's own (missing) ending."""
    for text in ['+++\r\ntitle = "T"\r\n+++', "---\r\ntitle: T\r\n---", '{\r\n"title": "T"\r\n}']:
        german, _ = merged(text, _upper)
        assert "\n" not in german.replace("\r\n", ""), repr(german)
        assert not hand_edited(german.encode("utf-8"))


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo')")
def test_hugo_reads_the_german_flow_mappings_with_their_title_and_record(tmp_path: Path) -> None:
    root = make_root(tmp_path, {
        "komma.md": "---\n{title: Komma, date: 2023-05-01, }\n---\nTekst.\n",
        "comment.md": "---\n{title: Comment, date: 2023-05-01}  # c\n---\nTekst.\n",
        "regels.md": "---\n{title: Regels,\n date: 2023-05-01  # c\n}\n---\nTekst.\n",
    })
    (root / "hugo.toml").write_text('baseURL = "/"\ndefaultContentLanguage = "nl"\n'
                                    'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' + LANGUAGES_TOML,
                                    encoding="utf-8")
    single = root / "layouts" / "_default" / "single.html"
    single.parent.mkdir(parents=True)
    single.write_text("{{ .Title }}|{{ .Lang }}|{{ .Params.generated_from.post }}", encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    fill_all(root, _upper)
    assert invoke("-C", str(root), "merge").exit_code == 0
    subprocess.run(["hugo", "--source", str(root), "--quiet"], check=True, capture_output=True)
    pages = {p.read_text(encoding="utf-8") for p in (root / "public" / "de").glob("*/index.html")}
    assert pages == {f"{name.upper()}|de|content/nl/{name.lower()}.md" for name in ("Komma", "Comment", "Regels")}
    again = invoke("-C", str(root), "merge")
    assert "3 unchanged" in again.output, again.output


def test_a_json_object_named_like_the_record_inside_a_param_is_not_the_record() -> None:
    """A theme's ``params.generated_from`` last in a JSON front matter was read as merge's
    record (the first match): every German post was a hand edit, and merge refused it."""
    german, _ = merged('{\n "title": "T",\n "params": {"x": 1, "generated_from": {"post": "a"}}\n}\nX\n', _upper)
    found = read_record(german)
    assert found is not None and found[0]["post"] == "content/nl/post.md"
    assert not hand_edited(german.encode("utf-8"))
    body_lookalike = german + '\n```json\n{"a": 1, "generated_from": {"post": "b"}}\n```\n'
    assert read_record(body_lookalike)[0]["post"] == "content/nl/post.md"  # type: ignore[index]
