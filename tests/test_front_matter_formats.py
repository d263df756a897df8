"""Front matter in TOML (``+++``) and JSON (``{ }``), as Hugo 0.111 reads it: read with each
value's line (pipeline.frontformats, pipeline.post), edited byte-keeping and proven
(pipeline.frontedit), the German post in the Dutch post's format with its generation record
(pipeline.render, pipeline.record), through extract, merge, check and a real Hugo build.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from merge_support import fill_all, identity, merged, pseudo, pseudo_translate
from support import LANGUAGES_TOML, invoke, make_root

from pipeline.errors import PostError
from pipeline.frontedit import DELETE, FrontMatterEditError, edit_front_matter
from pipeline.post import load_post
from pipeline.record import hand_edited, read_record

needs_hugo = pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo')")

#: Hugo's default archetype, as ``hugo new`` writes it
ARCHETYPE = "+++\ntitle = 'Mijn eerste post'\ndate = 2023-05-01T10:00:00+02:00\ndraft = false\n+++\n"

HOSTILE_TOML = (
    "\n"  # Hugo skips blank lines before the +++
    "+++  \n"
    "# a comment\n"
    "title = 'Een \"letterlijke\" titel'   # after the value\n"
    'description = """\n'
    "Over\n"
    'twee regels met ""quotes"" en +++"""\n'
    "summary = '''geen \\escapes'''\n"
    "tags = [\n"
    "  'appel',  # een comment\n"
    '  "peer",\n'
    "]\n"
    "cover.caption = \"Een bijschrift\"\n"
    "\"sleutel met spatie\" = 1\n"
    "params = { x = 1, inner = { text = \"Binnen\" } }\n"
    "date = 2023-05-01 10:00:00Z\n"
    "[extra]\n"
    "note = \"Een notitie\"\n"
    "[[resources]]\n"
    "src = \"a.jpg\"\n"
    "title = \"Eerste\"\n"
    "[[resources]]\n"
    "src = \"b.jpg\"\n"
    "title = \"Tweede\"\n"
    "+++\n"
    "Tekst.\n"
)


def _post(text: str, name: str = "content/nl/x.md") -> object:
    return load_post(name, text.encode("utf-8"))


# ---------------------------------------------------------------------------------------
# Reading


def test_a_hostile_toml_front_matter_is_read_as_tomllib_reads_it_with_every_line() -> None:
    post = _post(HOSTILE_TOML)
    assert post.front_matter_format == "toml" and post.front_matter_offset == 2
    toml_text = HOSTILE_TOML.split("+++  \n", 1)[1].split("+++\n", 1)[0]
    assert post.meta == tomllib.loads(toml_text)
    nodes = post.meta_nodes
    lines = {key: post.node_line(node) for key, node in nodes.items()}
    assert lines == {"title": 4, "description": 5, "summary": 8, "tags": 9, "cover": 13,
                     "sleutel met spatie": 14, "params": 15, "date": 16, "extra": 17, "resources": 19}
    assert [post.node_line(item) for item in nodes["tags"].value] == [10, 11]
    caption = {k.value: v for k, v in nodes["cover"].value}["caption"]
    assert post.node_line(caption) == 13 and caption.value == "Een bijschrift"
    inner = {k.value: v for k, v in nodes["params"].value}["inner"]
    assert [k.value for k, _ in inner.value] == ["text"] and post.node_line(inner) == 15
    titles = [{k.value: v for k, v in table.value}["title"] for table in nodes["resources"].value]
    assert [(t.value, post.node_line(t)) for t in titles] == [("Eerste", 21), ("Tweede", 24)]
    assert nodes["date"].value == "2023-05-01 10:00:00Z"  # as written, for the date rules
    assert nodes["title"].value == 'Een "letterlijke" titel' and nodes["title"].style == "'"
    assert post.body_start == 25 and post.body == "Tekst.\n"


def test_a_json_front_matter_is_read_with_every_line_and_a_repeated_key_is_told(tmp_path: Path) -> None:
    text = ('  {\n  "title": "Titel",\n  "tags": ["a",\n    "b"],\n  "cover": {"caption": "C",\n'
            '    "alt": "A"},\n  "title": "Tweede"\n}\nTekst.\n')
    post = _post(text)
    assert post.front_matter_format == "json" and post.front_matter_offset == 0
    assert post.meta == {"title": "Tweede", "tags": ["a", "b"], "cover": {"caption": "C", "alt": "A"}}
    assert post.duplicate_keys == [("title", 7, 2)]  # Hugo keeps the last, as json does
    root = make_root(tmp_path, {"x.md": text})
    checked = invoke("-C", str(root), "check")
    assert ("7: error: title is given twice (first on line 2); JSON and Hugo keep the last silently"
            in checked.output), checked.output
    assert [post.node_line(i) for i in post.meta_nodes["tags"].value] == [3, 4]
    alt = {k.value: v for k, v in post.meta_nodes["cover"].value}["alt"]
    assert post.node_line(alt) == 6
    assert post.body_start == 8


def test_a_yaml_front_matter_after_blank_space_is_read_and_merged_as_hugo_reads_it() -> None:
    text = "\n\n---\ntitle: Kop\ntags: [appel]\n---\nTekst.\n"
    post = _post(text)
    assert post.front_matter_format == "yaml" and post.meta == {"title": "Kop", "tags": ["appel"]}
    assert post.node_line(post.meta_nodes["tags"]) == 5 and post.body == "Tekst.\n"
    with pytest.raises(PostError, match=r"x.md:3: front matter opened here is never closed"):
        _post("\n\n---\ntitle: Kop\n")
    with pytest.raises(PostError, match=r"x.md:5: front matter is not valid YAML"):
        _post("\n\n---\ntitle: [Kop\n---\n")
    german, warnings = merged(text, pseudo_translate)
    assert not warnings and german.startswith("\n\n---\ntitle: kOPx\ntags: [APPELx]\nlang: de\n")
    assert not hand_edited(german.encode()) and hand_edited(german[1:].encode())


def test_a_crlf_toml_front_matter_with_a_bom_keeps_its_lines() -> None:
    post = load_post("x.md", b"\xef\xbb\xbf+++\r\ntitle = \"T\"\r\ntags = [\"a\"]\r\n+++\r\nTekst.\r\n")
    assert post.bom and post.meta == {"title": "T", "tags": ["a"]}
    assert post.node_line(post.meta_nodes["tags"]) == 3 and post.body_start == 4


REFUSED = {
    # id: (text, line, what the message says)
    "unclosed": ("+++\ntitle = 'x'\n\nTekst.\n", 1, "never closed: add a line '+++' after it"),
    "four-pluses": ("++++\ntitle = 'x'\n++++\n", 1, "write '+++' alone on the line"),
    "text-after-close": ("+++\ntitle = 'x'\n+++ Tekst\n", 3, "put it on the next line"),
    "close-in-multiline-string": ('+++\ntitle = """a\n+++\nb"""\n+++\n', 2, "not valid TOML"),
    "toml-duplicate": ("+++\ntitle = 'x'\ntitle = 'y'\n+++\n", 3, "written twice: keep one"),
    "toml-table-twice": ("+++\n[a]\nx = 1\n[a]\ny = 2\n+++\n", 4, "not valid TOML"),
    "toml-bad-value": ("+++\ntitle = x\n+++\n", 2, "not valid TOML"),
    "json-bad": ('{\n"title": "x",\n}\nTekst.\n', 3, "not valid JSON"),
    "json-unclosed": ('{\n"title": "x"\nTekst.\n', 3, "not valid JSON"),
    "json-nan": ('{"a": NaN}\n', 1, "NaN is not a JSON value"),
    "json-body-on-close-line": ('{\n"title": "x"\n} Tekst.\n', 3, "start the body on the next line"),
    "json-comment": ('{\n"title": "x" // c\n}\n', 2, "not valid JSON"),
    "toml-deep": ("+++\na = " + "[" * 5000 + "]" * 5000 + "\n+++\n", 2, "nests deeper than 100 levels"),
    "json-deep": ('{"a": ' + "[" * 5000 + "]" * 5000 + "}\n", 1, "nests deeper than 100 levels"),
    "toml-many": ("+++\na = [" + "1," * 20_000 + "]\n+++\n", 2, "more than 10,000 values"),
    "json-many": ('{"a": [' + ",".join(["1"] * 20_000) + "]}\n", 1, "more than 10,000 values"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_what_hugo_cannot_read_or_reads_otherwise_is_refused_on_one_line(case: str) -> None:
    text, line, phrase = REFUSED[case]
    with pytest.raises(PostError) as raised:
        load_post("content/nl/x.md", text.encode())
    message = str(raised.value)
    assert message.startswith(f"content/nl/x.md:{line}: ") and phrase in message, message
    assert "\n" not in message and len(message) < 300


@needs_hugo
@pytest.mark.parametrize("case", ["unclosed", "four-pluses", "close-in-multiline-string", "toml-duplicate",
                                  "toml-bad-value", "json-bad", "json-nan", "json-comment"])
def test_hugo_cannot_build_what_is_refused(tmp_path: Path, case: str) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "hugo.toml").write_text('baseURL = "/"\n', encoding="utf-8")
    (tmp_path / "content" / "x.md").write_text(REFUSED[case][0], encoding="utf-8")
    done = subprocess.run(["hugo", "--source", str(tmp_path), "--quiet"], capture_output=True, text=True, check=False)
    assert done.returncode != 0 or case == "unclosed" and "EOF looking for end TOML" in done.stderr, done.stderr


@needs_hugo
def test_hugo_reads_the_front_matters_the_pipeline_reads_as_it_does(tmp_path: Path) -> None:
    """Every accepted form (leading blank lines, blanks after +++, a BOM, CRLF, an indented
    or one-line JSON object, ``}`` ending a value's line): the title the pipeline reads is
    the page's title Hugo builds."""
    forms = {
        "a": HOSTILE_TOML,
        "b": "\ufeff+++\r\ntitle = \"B\"\r\n+++\r\nTekst.\r\n",
        "c": "  {\n\"title\": \"C\"}\nTekst.\n",
        "d": '{"title": "D", "x": "}"}\nTekst.\n',
        "e": "\n\n{\n  \"title\": \"E\"\n}\n\nTekst.\n",
        "f": "\t+++\ntitle = 'F'\n+++\n",
        "g": "\n\n---\ntitle: G\n---\nTekst.\n",  # YAML after blank space too
        "h": "  ---\ntitle: H\n---\nTekst.\n",
    }
    (tmp_path / "content").mkdir()
    (tmp_path / "layouts" / "_default").mkdir(parents=True)
    (tmp_path / "layouts" / "_default" / "single.html").write_text("<h1>{{ .Title }}</h1>", encoding="utf-8")
    (tmp_path / "hugo.toml").write_text('baseURL = "/"\ndisableKinds = ["taxonomy", "term"]\n', encoding="utf-8")
    for name, text in forms.items():
        (tmp_path / "content" / f"{name}.md").write_text(text, encoding="utf-8", newline="")
    subprocess.run(["hugo", "--source", str(tmp_path), "--quiet"], check=True, capture_output=True)
    for name, text in forms.items():
        title = _post(text).meta["title"]
        page = (tmp_path / "public" / name / "index.html").read_text(encoding="utf-8")
        assert page == f"<h1>{title}</h1>".replace('"', "&#34;"), (name, page)


# ---------------------------------------------------------------------------------------
# Writing: only the changed values' bytes


def _edited(text: str, changes: dict[str, object]) -> str:
    return edit_front_matter(_post(text), changes)


def test_toml_values_are_replaced_in_their_own_quoting_and_nothing_else_changes() -> None:
    new = _edited(HOSTILE_TOML, {
        "title": "Ein Titel",  # literal quotes hold it
        "description": 'Über "zwei"\nZeilen',  # a multi-line basic string, escaped
        "summary": "Es'''s",  # a multi-line literal string cannot hold ''': a basic one
        "tags": ["Apfel", "peer"],  # the first item only, in its own quotes
        "cover": {"caption": "Eine Bildunterschrift"},  # a dotted key's leaf
        "params": {"x": 1, "inner": {"text": "Innen"}},  # an inline table's leaf
        "extra": {"note": "Eine Notiz"},  # a [table]'s leaf
        "resources": [{"src": "a.jpg", "title": "Erste"}, {"src": "b.jpg", "title": "Tweede"}],
    })
    assert new == (
        HOSTILE_TOML
        .replace("'Een \"letterlijke\" titel'", "'Ein Titel'")
        .replace('"""\nOver\ntwee regels met ""quotes"" en +++"""', '"""Über \\"zwei\\"\\nZeilen"""')
        .replace("'''geen \\escapes'''", '"Es\'\'\'s"')
        .replace("'appel'", "'Apfel'")
        .replace('"Een bijschrift"', '"Eine Bildunterschrift"')
        .replace('"Binnen"', '"Innen"')
        .replace('"Een notitie"', '"Eine Notiz"')
        .replace('"Eerste"', '"Erste"')
    )


def test_toml_keys_are_appended_to_the_root_table_and_removed_with_their_lines() -> None:
    text = "+++\ntitle = 'T'\nurl = '/x/'  # weg\naliases = [\n  '/a/',\n]\n[params]\nx = 1\n+++\nTekst.\n"
    new = _edited(text, {"url": DELETE, "aliases": DELETE, "lang": "de", "slug": "t-de", "n": 2})
    assert new == "+++\ntitle = 'T'\nlang = \"de\"\nslug = \"t-de\"\nn = 2\n[params]\nx = 1\n+++\nTekst.\n"
    empty = _edited("+++\n+++\nTekst.\n", {"lang": "de"})
    assert empty == "+++\nlang = \"de\"\n+++\nTekst.\n"


def test_toml_edits_keep_crlf_and_write_dates_as_toml_dates() -> None:
    import datetime as dt
    text = "+++\r\ntitle = \"T\"\r\ndate = \"2023-05-01 10:00\"\r\n+++\r\nTekst.\r\n"
    moment = dt.datetime(2023, 5, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    new = _edited(text, {"date": moment, "lang": "de"})
    assert new == "+++\r\ntitle = \"T\"\r\ndate = 2023-05-01T10:00:00+02:00\r\nlang = \"de\"\r\n+++\r\nTekst.\r\n"


def test_json_members_are_replaced_appended_and_removed_keeping_the_layout() -> None:
    text = ('{\n  "title": "Titel",\n  "url": "/x/",\n  "tags": ["a", "b"],\n  "cover": {"caption": "C", "n": 1},\n'
            '  "aliases": ["/y/"]\n}\nTekst.\n')
    new = _edited(text, {"title": "Ti\"tel\u2028", "url": DELETE, "tags": ["a", "B"],
                         "cover": {"caption": "Kap", "n": 1}, "aliases": DELETE, "lang": "de"})
    assert new == ('{\n  "title": "Ti\\"tel\u2028",\n  "tags": ["a", "B"],\n  "cover": {"caption": "Kap", "n": 1},\n'
                   '  "lang": "de"\n}\nTekst.\n')
    assert _edited('{"title": "T", "url": "/x/"}\nTekst.\n', {"url": DELETE, "lang": "de"}) == (
        '{"title": "T", "lang": "de"}\nTekst.\n')
    assert _edited("{}\nTekst.\n", {"lang": "de", "slug": "s"}) == '{"lang": "de", "slug": "s"}\nTekst.\n'
    assert _edited('{"url": "/x/"}\nTekst.\n', {"url": DELETE, "lang": "de"}) == '{"lang": "de"}\nTekst.\n'


def test_a_value_the_format_cannot_hold_is_refused_and_nothing_is_written() -> None:
    with pytest.raises(FrontMatterEditError) as raised:
        _edited("+++\ntitle = 'T'\n+++\n", {"title": None})
    assert str(raised.value) == ("content/nl/x.md:2: cannot edit title (TOML cannot hold it: TOML has no "
                                 "value like None): edit it by hand")
    with pytest.raises(FrontMatterEditError, match=r"x.md:2: cannot edit extra \(it is a table"):
        _edited("+++\n[extra]\nnote = 'x'\n+++\n", {"extra": "plat"})


# ---------------------------------------------------------------------------------------
# The generation record, in every format: hand edits told exactly


@pytest.mark.parametrize("text", [
    ARCHETYPE + "Tekst van de post.\n",
    '{\n  "title": "Mijn eerste post",\n  "tags": ["appel"]\n}\nTekst van de post.\n',
    '{"title": "Mijn eerste post"}\nTekst van de post.\n',
    "---\n{title: Mijn eerste post, date: 2023-05-01}\n---\nTekst van de post.\n",
], ids=["toml", "json", "json-one-line", "yaml-flow"])
def test_every_byte_edited_outside_the_record_is_a_hand_edit_and_merges_output_is_not(text: str) -> None:
    german, warnings = merged(text, pseudo_translate)
    assert not warnings and not hand_edited(german.encode())
    values, without = read_record(german)
    assert set(values) == {"post", "post_sha256", "catalog_sha256", "url", "sha256"}
    start = next(i for i, (a, b) in enumerate(zip(german, without)) if a != b)
    end = start + len(german) - len(without)
    for i in [*range(start + 1), *range(end, len(german) + 1)]:
        assert hand_edited((german[:i] + " " + german[i:]).encode()), i
        if i < len(german):
            assert hand_edited((german[:i] + german[i + 1 :]).encode()), i
    sha = values["sha256"]
    assert hand_edited(german.replace(sha, sha[::-1]).encode())


# ---------------------------------------------------------------------------------------
# extract -> catalog -> merge -> check, through the command line


def _dutch_and_german(root: Path, post_id: str) -> tuple[str, str]:
    return ((root / "content" / "nl" / f"{post_id}.md").read_text(encoding="utf-8"),
            (root / "content" / "de" / f"{post_id}.md").read_text(encoding="utf-8"))


JSON_POST = ('{\n  "title": "Mijn tweede post",\n  "description": "Over appels",\n  "date": "2023-05-01T10:00:00+02:00",\n'
             '  "tags": ["appel", "peer"]\n}\n\nDit is de tekst van de post.\n')
TOML_POST = ARCHETYPE + "\nDit is de tekst van de post.\n"


@pytest.mark.parametrize("translate", [identity, pseudo_translate], ids=["identity", "pseudo"])
def test_toml_and_json_posts_go_through_extract_merge_and_check_without_a_warning(
    tmp_path: Path, translate: object
) -> None:
    root = make_root(tmp_path, {"toml.md": TOML_POST, "json.md": JSON_POST})
    extracted = invoke("-C", str(root), "extract")
    assert extracted.exit_code == 0 and "warning" not in extracted.output, extracted.output
    template = (root / "locale" / "templates" / "toml.pot").read_text(encoding="utf-8")
    assert '#: content/nl/toml.md:2\nmsgctxt "title"\nmsgid "Mijn eerste post"' in template
    assert "+++" not in template and "draft" not in template
    json_template = (root / "locale" / "templates" / "json.pot").read_text(encoding="utf-8")
    assert '#: content/nl/json.md:5\nmsgctxt "tags"\nmsgid "peer"' in json_template
    fill_all(root, translate)  # type: ignore[arg-type]
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 0 and "warning" not in result.output, result.output
    checked = invoke("-C", str(root), "check")
    # Hugo's archetype has no lang, and needs none (Hugo takes it from the folder)
    warnings = [line.strip() for line in checked.output.splitlines() if "warning" in line and "check:" not in line]
    assert checked.exit_code == 0, checked.output
    assert all("[untranslated]" in line for line in warnings) and (translate is identity or not warnings)

    dutch, german = _dutch_and_german(root, "toml")
    values, without = read_record(german)
    if translate is identity:
        assert without == dutch.replace("draft = false\n", 'draft = false\nlang = "de"\nslug = "toml"\n'
                                        'translationKey = "toml"\n')
    else:
        assert without == dutch.replace("draft = false\n", 'draft = false\nlang = "de"\nslug = "mijnx-eerstex-postx"\n'
                                        'translationKey = "toml"\n').replace(
            "'Mijn eerste post'", f"'{pseudo('Mijn eerste post')}'").replace(
            "Dit is de tekst van de post.", pseudo("Dit is de tekst van de post."))
    assert german.endswith(f'[generated_from]\npost = "content/nl/toml.md"\npost_sha256 = "{values["post_sha256"]}"\n'
                           f'catalog_sha256 = "{values["catalog_sha256"]}"\nurl = "{values["url"]}"\n'
                           f'sha256 = "{values["sha256"]}"\n+++\n' + without.split("+++\n")[-1])

    dutch, german = _dutch_and_german(root, "json")
    values, without = read_record(german)
    slug = "json" if translate is identity else "mijnx-tweedex-postx"
    expected = dutch.replace('["appel", "peer"]', f'["appel", "peer"],\n  "lang": "de",\n  "slug": "{slug}",\n'
                             '  "translationKey": "json"')
    if translate is not identity:
        for text in ("Mijn tweede post", "Over appels", "appel", "peer", "Dit is de tekst van de post."):
            expected = expected.replace(f'"{text}"', f'"{pseudo(text)}"').replace(f"\n{text}\n", f"\n{pseudo(text)}\n")
    assert without == expected
    assert json.loads(german.split("\n}\n")[0] + "\n}")["generated_from"] == values

    again = invoke("-C", str(root), "merge")
    assert again.exit_code == 0 and "2 unchanged" in again.output, again.output


def test_check_fix_rewrites_a_json_and_a_toml_date_hugo_cannot_read(tmp_path: Path) -> None:
    root = make_root(tmp_path, {
        "toml.md": "+++\ntitle = 'T'\ndate = '2023-05-01 10:00'\n+++\nTekst.\n",
        "json.md": '{\n  "title": "J",\n  "date": "2023-05-01 10:00"\n}\nTekst.\n',
    })
    fixed = invoke("-C", str(root), "check", "--fix")
    assert "Traceback" not in fixed.output, fixed.output
    nl = root / "content" / "nl"
    assert (nl / "toml.md").read_text() == "+++\ntitle = 'T'\ndate = 2023-05-01T10:00:00+02:00\n+++\nTekst.\n"
    assert (nl / "json.md").read_text() == '{\n  "title": "J",\n  "date": "2023-05-01T10:00:00+02:00"\n}\nTekst.\n'


def test_an_unquoted_toml_date_in_any_form_toml_has_is_one_hugo_reads(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"x.md": "+++\ntitle = 'T'\ndate = 2023-05-01t10:00:00z\nlastmod = 2023-05-02\n+++\nTekst.\n"})
    checked = invoke("-C", str(root), "check")
    assert "date" not in checked.output.replace("up to date", ""), checked.output


# ---------------------------------------------------------------------------------------
# A real Hugo builds the German pages


@needs_hugo
def test_hugo_builds_the_german_toml_and_json_pages_with_german_titles(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"toml.md": TOML_POST, "json.md": JSON_POST})
    (root / "hugo.toml").write_text('baseURL = "/"\ndefaultContentLanguage = "nl"\n'
                                    'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' + LANGUAGES_TOML,
                                    encoding="utf-8")
    single = root / "layouts" / "_default" / "single.html"
    single.parent.mkdir(parents=True)
    single.write_text('<h1>{{ .Title }}</h1><p id="lang">{{ .Lang }}</p><p id="date">{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}</p>'
                      '<p id="gen">{{ .Params.generated_from.post }}</p>{{ .Content }}', encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    fill_all(root, pseudo_translate)
    assert invoke("-C", str(root), "merge").exit_code == 0
    subprocess.run(["hugo", "--source", str(root), "--quiet"], check=True, capture_output=True)
    pages = sorted((root / "public" / "de").glob("*/index.html"))
    titles = sorted(p.read_text(encoding="utf-8").split("</h1>")[0].removeprefix("<h1>") for p in pages)
    assert titles == [pseudo("Mijn eerste post"), pseudo("Mijn tweede post")]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<p id="lang">de</p>' in html and "2023-05-01T10:00:00+02:00" in html.replace("&#43;", "+")
        assert pseudo("Dit is de tekst van de post.") in html
        assert "content/nl/" in html  # the record is a param Hugo reads, like YAML's


# ---------------------------------------------------------------------------------------
# Any TOML or JSON: the nodes are where the values are, and every text can be edited


_TEXT = st.text(st.sampled_from(list("ab Z#'\"\\\n\t+{}[],=.ü€") + ["\u2028", "\x7f"]), max_size=12)
_KEY = st.one_of(st.from_regex(r"[a-z][a-z0-9_-]{0,5}", fullmatch=True), st.text(st.sampled_from(list("a b.'\"#=")), min_size=1, max_size=6))
_SCALAR = st.one_of(_TEXT, st.integers(-10**6, 10**6), st.booleans())
_DOCS = st.dictionaries(_KEY, st.one_of(
    _SCALAR,
    st.lists(_SCALAR.filter(lambda v: isinstance(v, str)), max_size=3),
    st.dictionaries(_KEY, st.one_of(_SCALAR, st.dictionaries(_KEY, _SCALAR, max_size=2)), max_size=3),
    st.lists(st.dictionaries(_KEY, _SCALAR, min_size=1, max_size=2), min_size=1, max_size=2),
), max_size=5)


def _toml_text(value: str, draw: st.DrawFn) -> str:
    styles = ['"']
    if not re.search(r"['\x00-\x08\x0a-\x1f\x7f]", value):
        styles.append("'")
    if not re.search(r"(^|\n)\+\+\+", value):  # a line +++ would close the front matter
        styles.append('"""')
        if "'''" not in value and not value.endswith("'") and not re.search(r"[\x00-\x08\x0b-\x1f\x7f\r]", value):
            styles.append("'''")
    style = draw(st.sampled_from(styles))
    if style == "'":
        return f"'{value}'"
    if style == "'''":
        return f"'''\n{value}'''" if value.startswith("\n") else f"'''{value}'''"
    escaped = "".join({"\\": "\\\\", '"': '\\"', "\n": "\n" if style == '"""' else "\\n", "\t": "\\t"}.get(c, c)
                      if c not in "\x7f\u2028" else f"\\u{ord(c):04X}" for c in value)
    first = "\n" if style == '"""' and value.startswith("\n") else ""  # TOML trims a first line break
    return f"{style}{first}{escaped}{style}"


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def _toml_value(value: object, draw: st.DrawFn) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _toml_text(value, draw)
    if isinstance(value, list):
        gap = draw(st.sampled_from([" ", "\n  ", "\n  # c\n  "]))
        end = draw(st.sampled_from(["", ",\n"])) if value else ""
        return "[" + gap + ("," + gap).join(_toml_value(v, draw) for v in value) + end + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v, draw)}" for k, v in value.items()) + "}"


@st.composite
def _toml_post(draw: st.DrawFn) -> tuple[dict[str, object], str]:
    doc = draw(_DOCS)
    root, tables = [], []
    for key, value in doc.items():
        written = _toml_key(key)
        if isinstance(value, dict) and value and draw(st.booleans()):
            body = "".join(f"{_toml_key(k)} = {_toml_value(v, draw)}\n" for k, v in value.items())
            tables.append(f"[{written}]\n{body}")
        elif isinstance(value, dict) and value and all(not isinstance(v, dict) for v in value.values()) and draw(st.booleans()):
            root += [f"{written}.{_toml_key(k)} = {_toml_value(v, draw)}\n" for k, v in value.items()]
        elif isinstance(value, list) and value and isinstance(value[0], dict) and draw(st.booleans()):
            tables += [f"[[{written}]]\n" + "".join(f"{_toml_key(k)} = {_toml_value(v, draw)}\n" for k, v in table.items())
                       for table in value]
        else:
            root.append(f"{written} = {_toml_value(value, draw)}{draw(st.sampled_from(['', '  # c']))}\n")
    blank = draw(st.sampled_from(["", "\n", "# top\n"]))
    return doc, "+++\n" + blank + "".join(root) + "".join(tables) + "+++\nTekst.\n"


@st.composite
def _json_post(draw: st.DrawFn) -> tuple[dict[str, object], str]:
    doc = draw(_DOCS)
    text = json.dumps(doc, indent=draw(st.sampled_from([None, 2, "\t"])), ensure_ascii=draw(st.booleans()))
    return doc, draw(st.sampled_from(["", "\n", "  "])) + text + "\nTekst.\n"


def _agree(post: object, node: yaml.Node, value: object) -> None:
    """The node is where the value is written."""
    if isinstance(value, dict):
        assert isinstance(node, yaml.MappingNode)
        children = {k.value: v for k, v in node.value}
        assert set(children) == set(value)
        for key, item in value.items():
            _agree(post, children[key], item)
    elif isinstance(value, list):
        assert isinstance(node, yaml.SequenceNode) and len(node.value) == len(value)
        for item_node, item in zip(node.value, value):
            _agree(post, item_node, item)
    else:
        assert isinstance(node, yaml.ScalarNode)
        offset = post.front_matter_offset
        lines = post.lines[offset + node.start_mark.line : offset + node.end_mark.line + 1]
        written = "\n".join(lines)[node.start_mark.column : len("\n".join(lines)) - len(lines[-1]) + node.end_mark.column]
        loaded = (tomllib.loads(f"v = {written}")["v"] if post.front_matter_format == "toml" else json.loads(written))
        assert loaded == value and (not isinstance(value, str) or node.value == value)


def _changed(value: object) -> object:
    if isinstance(value, str):
        return "Ü'\"\\" + value[::-1] + "\n+++"
    if isinstance(value, list):
        return [_changed(v) for v in value]
    if isinstance(value, dict):
        return {k: _changed(v) for k, v in value.items()}
    return value


@settings(max_examples=150, deadline=None)
@given(st.one_of(_toml_post(), _json_post()))
def test_any_toml_or_json_front_matter_has_its_nodes_where_its_values_are_and_every_text_can_change(
    case: tuple[dict[str, object], str]
) -> None:
    doc, text = case
    post = _post(text)
    assert post.meta == doc
    for key, value in doc.items():
        _agree(post, post.meta_nodes[key], value)
    changes = {key: _changed(value) for key, value in doc.items()}
    new = edit_front_matter(post, {**changes, "lang": "de"})  # proven: it loads back as meant
    again = _post(new)
    assert again.meta == {**changes, "lang": "de"} and again.body == "Tekst.\n"
    if post.front_matter_format == "toml":  # the lines of values of other kinds kept as they were
        kept = [line for line in text.splitlines()
                if re.fullmatch(r'(?:"[^"\\]*"|[A-Za-z0-9_-]+) = (?:true|false|-?[0-9]+)(?:  # c)?', line)]
        assert all(line in new.splitlines() for line in kept)
