"""Front matter that broke German pages or sources (issue 10): aliases, keys that address a
page, a generation record in a Dutch post, dates merge and check read differently, --fix on
a generated post. Hugo checks run the real Hugo."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from merge_support import fill_catalog, merged
from support import invoke, make_root, po_path

from pipeline.record import hand_edited, read_record

REPO = Path(__file__).resolve().parent.parent
WINTER = dt.timezone(dt.timedelta(hours=1))
SUMMER = dt.timezone(dt.timedelta(hours=2))


def meta_of(text: str) -> dict[str, object]:
    match = re.match(r"\ufeff?---\r?\n(.*?\r?\n)---\r?\n", text, re.DOTALL)
    assert match, text
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict)
    return data


def german(context: str | None, msgid: str) -> str | None:
    return None if context == "slug" else f"{msgid} DE"


def translate_all(root: Path, post_id: str = "post") -> None:
    fill_catalog(po_path(root, post_id), german)


# ---------------------------------------------------------------------------------------
# Anchors and aliases: each key gets its own translation


def test_an_anchored_title_and_its_alias_both_get_their_translation() -> None:
    text = "---\ntitle: &t Mooie dag\ndescription: *t\ntags: &l [zon, zee]\ncategories: *l\n---\nTekst.\n"
    out, _ = merged(text, {("title", "Mooie dag"): "Schöner Tag", ("description", "Mooie dag"): "Ein Tag am Meer",
                           ("tags", "zon"): "Sonne", ("categories", "zee"): "Meer"})
    meta = meta_of(out)
    assert meta["title"] == "Schöner Tag"
    assert meta["description"] == "Ein Tag am Meer"
    assert meta["tags"] == ["Sonne", "zee"]
    assert meta["categories"] == ["zon", "Meer"]


def test_an_alias_of_a_translated_value_that_is_not_translated_keeps_the_dutch_value() -> None:
    out, _ = merged("---\ntitle: &t Mooie dag\nog_title: *t\n---\nTekst.\n", {"Mooie dag": "Schöner Tag"})
    assert meta_of(out)["title"] == "Schöner Tag" and meta_of(out)["og_title"] == "Mooie dag"


# ---------------------------------------------------------------------------------------
# Keys that address a page are not copied


def test_url_and_aliases_are_not_copied() -> None:
    text = "---\ntitle: Over ons\nurl: /over-ons/\naliases:\n  - /oud/\n  - /ouder/\nweight: 2\n---\nTekst.\n"
    out, _ = merged(text, {"Over ons": "Über uns"})
    meta = meta_of(out)
    assert "url" not in meta and "aliases" not in meta
    assert meta["slug"] == "ueber-uns" and meta["weight"] == 2 and meta["translationKey"] == "post"


def test_a_translated_url_is_not_used_and_merge_says_so() -> None:
    pyproject = '[tool.pipeline]\ntranslatable-keys = ["title", "url"]\n'
    out, warnings = merged("---\ntitle: Over ons\nurl: /over-ons/\n---\nTekst.\n",
                           {"Over ons": "Über uns", "/over-ons/": "/ueber-uns/"}, pyproject=pyproject)
    assert "url" not in meta_of(out)
    assert warnings == ["content/nl/post.md:3: the translation of url is not used: the German page's "
                        'address comes from its slug (translate msgctxt "slug" instead)']


# ---------------------------------------------------------------------------------------
# A generation record in a Dutch post


RECORDED = (
    "---\ntitle: Kop\ngenerated_from:\n  post: \"content/nl/x.md\"\n  sha256: abc\n---\nTekst.\n"
)


def test_a_dutch_post_with_a_generation_record_is_refused_by_every_command(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"post.md": RECORDED, "ander.md": "---\ntitle: Ander\n---\nTekst.\n"})
    line = "content/nl/post.md:3: generated_from: this post carries merge's generation record"
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1 and line in result.output and "Traceback" not in result.output
    assert not po_path(root, "post").exists() and po_path(root, "ander").exists()
    translate_all(root, "ander")
    result = invoke("-C", str(root), "merge", "--min-translated", "0")
    assert result.exit_code == 1 and line in result.output
    assert not (root / "content" / "de" / "post.md").exists()
    assert (root / "content" / "de" / "ander.md").exists()
    result = invoke("-C", str(root), "check", "--min-translated", "0")
    assert result.exit_code == 1
    assert "3: error: generated_from: this post carries merge's generation record" in result.output
    assert "[generation-record]" in result.output


def test_merge_never_writes_a_key_twice(tmp_path: Path) -> None:
    text = "---\ntitle: Kop\nlang: nl\nslug: kop\nlang: nl\n---\nTekst.\n"
    root = make_root(tmp_path, {"post.md": text})
    assert invoke("-C", str(root), "extract").exit_code == 0
    translate_all(root)
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "content/nl/post.md:5: cannot edit lang (it would be written twice): edit it by hand" in result.output
    assert not (root / "content" / "de" / "post.md").exists()


# ---------------------------------------------------------------------------------------
# Dates: one reading for merge, check and --fix


def _fixed(tmp_path: Path, front: str) -> tuple[dict[str, object], str]:
    root = make_root(tmp_path, {"post.md": f"---\ntitle: Kop\n{front}lang: nl\n---\nTekst.\n"})
    result = invoke("-C", str(root), "check", "--fix", "--min-translated", "0")
    return meta_of((root / "content" / "nl" / "post.md").read_text(encoding="utf-8")), result.output


def test_merge_and_fix_read_the_repeated_hour_alike(tmp_path: Path) -> None:
    out, _ = merged("---\ntitle: Kop\ndate: 2017-10-29 02:30 CET\n---\nTekst.\n", {"Kop": "Kopf"})
    assert "\ndate: 2017-10-29T02:30:00+01:00\n" in out  # CET names +01:00: the second 02:30
    fixed, _ = _fixed(tmp_path, "date: 2017-10-29 02:30 CET\n")
    assert fixed["date"] == dt.datetime(2017, 10, 29, 2, 30, tzinfo=WINTER)
    out, _ = merged("---\ntitle: Kop\ndate: 2017-10-29 02:30 CEST\n---\nTekst.\n", {"Kop": "Kopf"})
    assert "\ndate: 2017-10-29T02:30:00+02:00\n" in out


@pytest.mark.parametrize("value", ["2017-03-26 02:30", "2017-03-26 02:30 CET", "2017-03-26 02:30 CEST"])
def test_a_time_that_never_existed_is_refused_by_merge_as_by_check(value: str, tmp_path: Path) -> None:
    root = make_root(tmp_path, {"post.md": f"---\ntitle: Kop\nlastmod: {value}\n---\nTekst.\n"})
    assert invoke("-C", str(root), "extract").exit_code == 0
    translate_all(root)
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"content/nl/post.md:3: lastmod '{value}' did not exist in Europe/Amsterdam" in result.output
    assert not (root / "content" / "de" / "post.md").exists()
    result = invoke("-C", str(root), "check")
    assert result.exit_code == 1 and "3: error: lastmod" in result.output and "[lastmod-invalid]" in result.output


def test_a_date_without_seconds_or_zone_is_a_warning_and_fix_writes_it_in_the_configured_zone(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"post.md": "---\ntitle: Kop\ndate: 2023-05-04 10:00\nlang: nl\n---\nTekst.\n"})
    result = invoke("-C", str(root), "check", "--min-translated", "0")
    assert "3: warning: Hugo cannot read date '2023-05-04 10:00'" in result.output
    assert "[date-form]" in result.output
    fixed, output = _fixed(tmp_path / "fix", "date: 2023-05-04 10:00\n")
    assert fixed["date"] == dt.datetime(2023, 5, 4, 10, tzinfo=SUMMER)
    assert "date '2023-05-04 10:00' -> 2023-05-04T10:00:00+02:00" in output


def test_merge_writes_every_date_key_in_a_form_hugo_reads() -> None:
    text = (
        "---\ntitle: Kop\ndate: 2017-02-22\nlastmod: 2023-05-04 10:00\npublishDate: 2017-02-22 08:00 CEST\n"
        "expiryDate: '2030-01-01 00:00 UTC'\n---\nTekst.\n"
    )
    meta = meta_of(merged(text, {"Kop": "Kopf"})[0])
    assert meta["date"] == dt.date(2017, 2, 22)
    assert meta["lastmod"] == dt.datetime(2023, 5, 4, 10, tzinfo=SUMMER)
    assert meta["publishDate"] == dt.datetime(2017, 2, 22, 8, tzinfo=WINTER)
    assert meta["expiryDate"] == dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)


# ---------------------------------------------------------------------------------------
# --fix and generated posts


def _generated_with(root: Path, old: str, new: str) -> Path:
    """The German post merge wrote, with ``old`` replaced by ``new`` as if an older merge had
    written it so (its record still valid)."""
    path = root / "content" / "de" / "post.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    values, without = read_record(text.replace(old, new))
    digest = hashlib.sha256(without.encode("utf-8")).hexdigest()
    path.write_text(text.replace(old, new).replace(values["sha256"], digest), encoding="utf-8")
    return path


def test_fix_does_not_edit_a_generated_post_and_says_to_run_merge(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"post.md": "---\ntitle: Kop\ndate: 2017-02-22\nlastmod: 2017-02-22 08:00 CEST\nlang: nl\n---\nTekst.\n"})
    assert invoke("-C", str(root), "extract").exit_code == 0
    translate_all(root)
    assert invoke("-C", str(root), "merge").exit_code == 0
    path = _generated_with(root, "lastmod: 2017-02-22T08:00:00+01:00", "lastmod: 2017-02-22 08:00 CEST")
    before = path.read_bytes()
    result = invoke("-C", str(root), "check", "--fix")
    assert path.read_bytes() == before  # not edited: it would look hand-edited
    assert "run `pipeline merge`" in result.output and "post-edited" not in result.output
    assert "fixed content/de" not in result.output
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 0
    assert "\nlastmod: 2017-02-22T08:00:00+01:00\n" in path.read_text(encoding="utf-8")
    result = invoke("-C", str(root), "check")
    assert result.exit_code == 0, result.output
    assert "lastmod" not in result.output


# ---------------------------------------------------------------------------------------
# With a real Hugo

needs_hugo = pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo')")

DATES_LAYOUT = (
    '{{ define "main" }}<p id="dates">date={{ .Date.Format "2006-01-02T15:04:05Z07:00" }} '
    'lastmod={{ .Lastmod.Format "2006-01-02T15:04:05Z07:00" }} '
    'publish={{ .PublishDate.Format "2006-01-02T15:04:05Z07:00" }}</p><p id="lang">{{ .Lang }}</p>{{ end }}\n'
)


def _site(tmp_path: Path, posts: dict[str, str]) -> Path:
    root = make_root(tmp_path, posts)
    shutil.copy(REPO / "hugo.toml", root / "hugo.toml")
    shutil.copytree(REPO / "layouts", root / "layouts")
    (root / "layouts" / "_default" / "single.html").write_text(DATES_LAYOUT, encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    for post_id in (name[:-3] for name in posts):
        translate_all(root, post_id)
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 0, result.output
    subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                   check=True, capture_output=True)
    return root / "public"


def _page(public: Path, url: str) -> str:
    return (public / url.strip("/") / "index.html").read_text(encoding="utf-8")


@needs_hugo
def test_hugo_serves_both_languages_at_their_own_urls_and_the_alias_at_the_dutch_page(tmp_path: Path) -> None:
    public = _site(tmp_path, {"over.md": (
        "---\ntitle: Over ons\nurl: /over-ons/\naliases: [/oud-adres/]\ndate: 2017-02-22T08:00:00+01:00\n"
        "lang: nl\n---\nTekst.\n"
    )})
    assert '<p id="lang">nl</p>' in _page(public, "/over-ons/")
    assert '<p id="lang">de</p>' in _page(public, "/de/over-ons-de/")
    redirect = _page(public, "/oud-adres/")
    assert 'content="0; url=/over-ons/"' in redirect
    assert not (public / "de" / "oud-adres").exists()


@needs_hugo
def test_hugo_reads_every_date_merge_writes(tmp_path: Path) -> None:
    public = _site(tmp_path, {"post.md": (
        "---\ntitle: Kop\ndate: 2023-05-04 10:00\nlastmod: 2017-10-29 02:30 CET\npublishDate: 2017-02-22 08:00 CEST\n"
        "lang: nl\n---\nTekst.\n"
    )})
    # the Dutch page as written: Hugo cannot read these (why check warns)
    assert "date=0001-01-01T00:00:00Z" in _page(public, "/post/")
    assert (
        "date=2023-05-04T10:00:00+02:00 lastmod=2017-10-29T02:30:00+01:00 publish=2017-02-22T08:00:00+01:00"
        in _page(public, "/de/kop-de/").replace("&#43;", "+")
    )


@pytest.mark.parametrize("value", ["!!bool vandaag", "!!timestamp gisteren"])
def test_a_value_that_does_not_fit_its_tag_is_one_line(value: str, tmp_path: Path) -> None:
    root = make_root(tmp_path, {"post.md": f"---\ntitle: Kop\ndraft: {value}\n---\nTekst.\n"})
    for command in ("extract", "check"):
        result = invoke("-C", str(root), command)
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert "content/nl/post.md" in result.output and "does not fit its YAML tag" in result.output


def test_keys_hugo_reads_in_any_case_are_not_copied_in_another_spelling() -> None:
    # Hugo lowercases front matter keys: URL: serves the German page at the Dutch address,
    # Aliases: takes the Dutch redirect, Slug: wins over the slug merge writes
    text = ("---\ntitle: Over ons\nURL: /over-ons/\nAliases: [/oud/]\nSlug: over\nLANG: nl\n"
            "translationkey: over-ons\n---\nTekst.\n")
    meta = meta_of(merged(text, {"Over ons": "Über uns"})[0])
    assert {key.lower() for key in meta} == {"title", "lang", "slug", "translationkey", "generated_from"}
    assert meta["slug"] == "ueber-uns" and meta["lang"] == "de" and meta["translationKey"] == "over-ons"


#: Forms YAML makes a date of and Hugo 0.111 does not read (the page is dated 0001-01-01),
#: and what they mean in Europe/Amsterdam
YAML_DATES_HUGO_CANNOT_READ = {
    "2023-5-4 10:00:00": "2023-05-04T10:00:00+02:00",
    "2023-05-04T10:00:00 +02:00": "2023-05-04T10:00:00+02:00",
    "2023-05-04T10:00:00+2": "2023-05-04T10:00:00+02:00",
    "2023-05-04 10:00:00 Z": "2023-05-04T10:00:00+00:00",
}


@pytest.mark.parametrize("value", list(YAML_DATES_HUGO_CANNOT_READ))
def test_a_date_yaml_reads_and_hugo_does_not_is_a_warning_fixed_and_merged_in_a_form_hugo_reads(
    value: str, tmp_path: Path
) -> None:
    expected = YAML_DATES_HUGO_CANNOT_READ[value]
    root = make_root(tmp_path, {"post.md": f"---\ntitle: Kop\ndate: {value}\nlang: nl\n---\nTekst.\n"})
    result = invoke("-C", str(root), "check", "--min-translated", "0")
    assert f"3: warning: Hugo cannot read date {value!r}" in result.output and "[date-form]" in result.output
    meta = meta_of(merged(f"---\ntitle: Kop\nlastmod: {value}\n---\nTekst.\n", {"Kop": "Kopf"})[0])
    assert meta["lastmod"] == dt.datetime.fromisoformat(expected)
    fixed, output = _fixed(tmp_path / "fix", f"date: {value}\n")
    assert f"date {value!r} -> {expected}" in output
    assert fixed["date"] == dt.datetime.fromisoformat(expected)


@needs_hugo
def test_hugo_cannot_read_the_dates_yaml_reads_that_check_warns_about(tmp_path: Path) -> None:
    posts = {f"p{i}.md": f"---\ntitle: Kop {i}\ndate: {value}\nlang: nl\n---\nTekst.\n"
             for i, value in enumerate(YAML_DATES_HUGO_CANNOT_READ)}
    public = _site(tmp_path, posts)
    for i, expected in enumerate(YAML_DATES_HUGO_CANNOT_READ.values()):
        assert "date=0001-01-01T00:00:00Z" in _page(public, f"/p{i}/")
        german = _page(public, f"/de/kop-{i}-de/").replace("&#43;", "+")
        assert f"date={expected.replace('+00:00', 'Z')}" in german


def test_a_front_matter_closed_with_dots_is_refused_at_that_line(tmp_path: Path) -> None:
    # YAML's document end marker; Hugo 0.111 fails the whole site on it ("EOF looking for end
    # YAML front matter delimiter"), so merge must not copy it into a German post either
    root = make_root(tmp_path, {"post.md": "---\ntitle: Kop\nlang: nl\n...\nTekst.\n"})
    line = "content/nl/post.md:4: front matter closed with '...', which Hugo does not read"
    for command in ("extract", "check"):
        result = invoke("-C", str(root), command, *(["--min-translated", "0"] if command == "check" else []))
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert (line if command == "extract" else "4: error: front matter closed with '...'") in result.output
    (root / "content" / "nl" / "post.md").write_text("---\ntitle: Kop\nlang: nl\n---\nTekst.\n", encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0


@needs_hugo
def test_hugo_does_not_build_a_front_matter_closed_with_dots(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "hugo.toml").write_text('baseURL = "/"\n', encoding="utf-8")
    (tmp_path / "content" / "post.md").write_text("---\ntitle: Kop\n...\nTekst.\n", encoding="utf-8")
    built = subprocess.run(["hugo", "--source", str(tmp_path)], capture_output=True, text=True)
    assert built.returncode != 0 and "front matter delimiter" in built.stderr


MERGE_KEY_POST = (
    "---\nbasis: &basis\n  title: Kop\n  description: Iets\n<<: *basis\ndescription: Eigen\n"
    "date: 2017-02-22T08:00:00+01:00\nlang: nl\n---\nTekst.\n"
)


def test_keys_a_merge_key_brings_are_translated_and_a_key_beside_it_is_no_repeat(tmp_path: Path) -> None:
    meta = meta_of(merged(MERGE_KEY_POST, {"Kop": "Kopf", "Eigen": "Eigenes"})[0])
    assert meta["title"] == "Kopf" and meta["description"] == "Eigenes"
    assert meta["basis"] == {"title": "Kop", "description": "Iets"}
    root = make_root(tmp_path, {"post.md": MERGE_KEY_POST})
    assert invoke("-C", str(root), "extract").exit_code == 0
    result = invoke("-C", str(root), "check", "--min-translated", "0")
    assert "[front-matter-duplicate]" not in result.output and "Traceback" not in result.output


@needs_hugo
def test_hugo_reads_merge_keys_and_the_key_beside_them(tmp_path: Path) -> None:
    public = _site(tmp_path, {"post.md": MERGE_KEY_POST.replace("date:", "slug: kop\ndate:")})
    (tmp_path / "layouts" / "_default" / "single.html").write_text(
        '{{ define "main" }}<p id="meta">{{ .Title }}|{{ .Description }}</p>{{ end }}\n', encoding="utf-8")
    subprocess.run(["hugo", "--source", str(tmp_path), "--destination", str(public)], check=True, capture_output=True)
    assert '<p id="meta">Kop|Eigen</p>' in _page(public, "/kop/")
    assert '<p id="meta">Kop DE|Eigen DE</p>' in _page(public, "/de/kop-de/")


@needs_hugo
def test_hugo_keeps_the_last_of_a_key_given_twice_as_check_says(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "layouts" / "_default").mkdir(parents=True)
    (tmp_path / "hugo.toml").write_text('baseURL = "/"\ndisableKinds = ["taxonomy", "term"]\n', encoding="utf-8")
    (tmp_path / "layouts" / "_default" / "single.html").write_text("<p>{{ .Title }}</p>\n", encoding="utf-8")
    (tmp_path / "content" / "post.md").write_text("---\ntitle: Eerste\ntitle: Laatste\n---\nTekst.\n", encoding="utf-8")
    subprocess.run(["hugo", "--source", str(tmp_path)], check=True, capture_output=True)
    assert "<p>Laatste</p>" in (tmp_path / "public" / "post" / "index.html").read_text(encoding="utf-8")
    root = make_root(tmp_path / "root", {"post.md": "---\ntitle: Eerste\ntitle: Laatste\n---\nTekst.\n"})
    result = invoke("-C", str(root), "check", "--min-translated", "0")
    assert "3: error: title is given twice (first on line 2); YAML and Hugo keep the last silently" in result.output


#: Hugo reads front matter keys in any case, and these besides date, lastmod, publishDate and
#: expiryDate (tried with Hugo 0.111)
HUGO_DATE_KEYS_POST = (
    "---\ntitle: Kop\nDate: 2023-05-04 10:00\nmodified: 2023-06-04 10:00\npubdate: 2023-05-04 10:00\n"
    "unpublishdate: 2030-01-01 00:00 UTC\npublished: false\nlang: nl\n---\nTekst.\n"
)


def test_every_key_hugo_reads_as_a_date_is_checked_fixed_and_merged_in_a_form_hugo_reads(tmp_path: Path) -> None:
    meta = meta_of(merged(HUGO_DATE_KEYS_POST, {"Kop": "Kopf"})[0])
    assert meta["Date"] == meta["pubdate"] == dt.datetime(2023, 5, 4, 10, tzinfo=SUMMER)
    assert meta["modified"] == dt.datetime(2023, 6, 4, 10, tzinfo=SUMMER)
    assert meta["unpublishdate"] == dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)
    assert meta["published"] is False and "date" not in meta
    root = make_root(tmp_path, {"post.md": HUGO_DATE_KEYS_POST})
    result = invoke("-C", str(root), "check", "--min-translated", "0")
    assert "[date-missing]" not in result.output and "published" not in result.output
    for line, key in ((3, "Date"), (4, "modified"), (5, "pubdate")):
        assert f"{line}: warning: Hugo cannot read {key} '20" in result.output
    make_root(tmp_path / "empty", {"post.md": "---\ntitle: Kop\nDate:\nlang: nl\n---\nTekst.\n"})
    result = invoke("-C", str(tmp_path / "empty"), "check", "--min-translated", "0")
    assert "3: error: no Date: add 'Date: 2017-02-22T08:00:00+01:00' [Date-missing]" in result.output
    fixed, output = _fixed(tmp_path / "fix", HUGO_DATE_KEYS_POST.split("title: Kop\n")[1].split("lang:")[0])
    assert fixed["Date"] == dt.datetime(2023, 5, 4, 10, tzinfo=SUMMER) and fixed["published"] is False
    assert "unpublishdate '2030-01-01 00:00 UTC' -> 2030-01-01T00:00:00+00:00" in output


@needs_hugo
def test_hugo_reads_the_dates_of_every_date_key_merge_writes(tmp_path: Path) -> None:
    public = _site(tmp_path, {"post.md": HUGO_DATE_KEYS_POST.replace("published: false\n", "")})
    assert "date=0001-01-01T00:00:00Z" in _page(public, "/post/")
    german = _page(public, "/de/kop-de/").replace("&#43;", "+")
    assert "date=2023-05-04T10:00:00+02:00 lastmod=2023-06-04T10:00:00+02:00 publish=2023-05-04T10:00:00+02:00" in german


@pytest.mark.parametrize("front", ["  title: Kop\n  description: Iets\n", "? title\n: Kop\ndescription: Iets\n"])
def test_an_indented_or_explicit_key_front_matter_is_merged_and_its_record_read_back(front: str, tmp_path: Path) -> None:
    root = make_root(tmp_path, {"post.md": f"---\n{front}---\nTekst.\n"})
    assert invoke("-C", str(root), "extract").exit_code == 0
    translate_all(root)
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 0, result.output
    text = (root / "content" / "de" / "post.md").read_text(encoding="utf-8")
    assert meta_of(text)["title"] == "Kop DE" and meta_of(text)["generated_from"]["post"] == "content/nl/post.md"
    again = invoke("-C", str(root), "merge")
    assert again.exit_code == 0 and "1 unchanged" in again.output, again.output  # not "changed by hand"


def test_a_front_matter_written_as_one_flow_mapping_gets_its_record_inside_the_mapping(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"post.md": "---\n{title: Kop, description: Iets}\n---\nTekst.\n"})
    assert invoke("-C", str(root), "extract").exit_code == 0
    translate_all(root)
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    german = root / "content" / "de" / "post.md"
    text = german.read_text(encoding="utf-8")
    head, record = text.split(", generated_from: ")
    assert head == "---\n{title: Kop DE, description: Iets DE, lang: de, slug: kop-de, translationKey: post"
    assert record.endswith("}}\n---\nTekst. DE\n")
    assert meta_of(text)["generated_from"]["post"] == "content/nl/post.md"
    assert read_record(text) is not None and not hand_edited(text.encode())
    again = invoke("-C", str(root), "merge")
    assert again.exit_code == 0 and "1 unchanged" in again.output, again.output  # not "changed by hand"
    german.write_text(text.replace("Kop DE", "Kop  DE"), encoding="utf-8")
    refused = invoke("-C", str(root), "merge")
    assert "changed by hand" in refused.output, refused.output


@needs_hugo
def test_merge_dates_a_time_that_happens_twice_as_hugo_dates_it_with_seconds(tmp_path: Path) -> None:
    public = _site(tmp_path, {"post.md": (
        "---\ntitle: Kop\ndate: 2017-10-29T02:30:00\nlastmod: 2017-10-29 02:30\nlang: nl\n---\nTekst.\n"
    )})
    assert "date=2017-10-29T02:30:00+01:00" in _page(public, "/post/").replace("&#43;", "+")
    assert ("date=2017-10-29T02:30:00+01:00 lastmod=2017-10-29T02:30:00+01:00"
            in _page(public, "/de/kop-de/").replace("&#43;", "+"))
