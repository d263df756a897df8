"""`pipeline status`: what is left to translate, per post and language, read off the catalogs;
its words counted as translate-toolkit's ``pocount`` counts them (compared with the real
``pocount`` on the real articles' catalogs), its text, JSON and HTML page (rendered in real
headless Chromium: the DOM and the screenshot's pixels)."""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from support import ARTICLES, SEED, SEED_ID, make_root, po_path, pot_path, run_cli, run_extract

from pipeline import api
from pipeline.po import format_catalog, parse_catalog
from pipeline.status import COLOURS
from pipeline.translated import count_words

pocount = pytest.importorskip(
    "translate.tools.pocount", reason="translate-toolkit is not installed: pip install -e '.[test]'"
)
needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None, reason="chromium is not installed (Debian package 'chromium')"
)


def _articles_root(tmp_path: Path, articles: list[Path] = ARTICLES, cache: bool = False) -> Path:
    root = make_root(tmp_path / "site", {a.name: a.read_bytes() for a in articles})
    run_extract(root, use_cache=cache)
    return root


def _half_translate(root: Path, seed: int = 1) -> None:
    """Every catalog of the root: about a third of its entries translated, a third fuzzy (with a
    msgstr), the rest left; one fuzzy entry without a msgstr (untranslated, to pocount too)."""
    rng = random.Random(seed)
    for path in sorted((root / "locale" / "de" / "LC_MESSAGES").glob("*.po")):
        catalog = parse_catalog(str(path), path.read_bytes())
        for index, message in enumerate(catalog.messages):
            choice = rng.randrange(3)
            if choice == 0:
                message.msgstr = f"DE {message.msgid}"
            elif choice == 1:
                message.msgstr = f"DE? {message.msgid}"
                message.flags = ["fuzzy", *message.flags]
            elif index % 7 == 0:
                message.flags = ["fuzzy", *message.flags]
        path.write_text(format_catalog(catalog), encoding="utf-8")


# --------------------------------------------------------------------------------------
# Words as pocount counts them


def test_words_are_pocounts_on_every_string_of_the_real_articles(tmp_path: Path) -> None:
    root = _articles_root(tmp_path)
    texts = []
    for path in sorted((root / "locale" / "templates").glob("*.pot")):
        texts += [m.msgid for m in parse_catalog(str(path), path.read_bytes()).messages]
    assert len(texts) > 1000
    differ = [(t, count_words(t), pocount.wordcount(t)) for t in texts if count_words(t) != pocount.wordcount(t)]
    assert differ == []


@pytest.mark.parametrize("text", [
    "open-source", "e-mail", "dat's", "l’avenir", "a:b", "1.000,50", "3.5", "e.g. dit", "www.example.nl",
    "snake_case", "_nadruk_", "**vet** en *schuin*", '<a href="https://x.nl/a-b">link</a>', "regel<br/>twee",
    "<b attr=bare>x</b>", "[link](https://x.nl/over-ons) `code`", '{{< ref "post" >}}', "naïve", "n\u0301a",
    "zacht\u00adkoppel\u00adteken", "中文 tekst", "😀 emoji", "tab\tnl\nsp", "", "   ", "x.", "-", "_", "a_ _b",
    "10:30", "U.S.A.", "’t Is", "Ünïcödé’s", "Straße", "3,4 5;6 7.8.9", "#kop {#anker}",
])
def test_words_are_pocounts_on_hostile_strings(text: str) -> None:
    assert count_words(text) == pocount.wordcount(text)


def test_words_are_pocounts_on_random_strings() -> None:
    pieces = list("aZé9 _-.,;:'’‘\"<>/=!?ß0ñ\u0301\u00ad\u200d\t\n()[]{}#*`|&") + [
        "<br>", "<b>", "</b>", '<a href="x">', "e.g.", "1.5", "x:y", "3,4", "中文", "😀",
    ]
    rng = random.Random(14)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(20000)]
    assert [t for t in texts if count_words(t) != pocount.wordcount(t)] == []


def _pocount_csv(paths: list[Path]) -> dict[str, dict[str, int]]:
    found = subprocess.run(
        [sys.executable, "-m", "translate.tools.pocount", "--csv", *map(str, paths)],
        capture_output=True, text=True, check=True,
    ).stdout
    return {
        Path(row["Filename"]).stem: {key: int(value) for key, value in row.items() if key != "Filename"}
        for row in csv.DictReader(io.StringIO(found)) if row["Filename"].endswith(".po")
    }


def test_status_totals_are_pocounts_on_the_real_articles_half_translated(tmp_path: Path) -> None:
    root = _articles_root(tmp_path)
    _half_translate(root)
    counted = _pocount_csv(sorted((root / "locale" / "de" / "LC_MESSAGES").glob("*.po")))
    report = api.status(root)
    assert len(report.rows) == len(counted) == 12
    for row in report.rows:
        real = counted[row.post_id]
        assert (row.units_translated, row.units_fuzzy, row.units_untranslated) == (
            real["Translated Messages"], real["Fuzzy Messages"], real["Untranslated Messages"]), row.post_id
        assert (row.words_translated, row.words_fuzzy, row.words_untranslated) == (
            real["Translated Source Words"], real["Fuzzy Source Words"], real["Untranslated Source Words"]), row.post_id
    (totals,) = report.totals
    assert totals.words == sum(real["Total Source Words"] for real in counted.values())
    assert totals.words_left == sum(real["Fuzzy Source Words"] + real["Untranslated Source Words"]
                                    for real in counted.values())
    assert 0 < totals.words_translated < totals.words and totals.words_fuzzy > 0


# --------------------------------------------------------------------------------------
# Rows and their states


def _states_root(tmp_path: Path) -> Path:
    """Three articles extracted (through the cache: extract's record), one of them edited since,
    one post never extracted, a catalog whose post is gone, and two site-wide catalogs."""
    root = _articles_root(tmp_path, ARTICLES[:3], cache=True)
    source = root / "content" / "nl"
    _half_translate(root)
    edited = source / ARTICLES[1].name
    edited.write_text(edited.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")
    shutil.copy(SEED, source / f"{SEED_ID}.md")
    for catalog_id in ("oud/weg", "_i18n", "_terms"):
        for path, text in ((pot_path(root, catalog_id), ""), (po_path(root, catalog_id), "Hallo")):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                f'msgid "Hallo wereld"\nmsgstr "{text}"\n', encoding="utf-8")
    return root


def test_status_rows_states_and_order(tmp_path: Path) -> None:
    root = _states_root(tmp_path)
    report = api.status(root)
    states = {row.post_id: row.state for row in report.rows}
    assert states == {
        ARTICLES[0].stem: "ok", ARTICLES[1].stem: "stale", ARTICLES[2].stem: "ok",
        SEED_ID: "not extracted", "oud/weg": "post gone", "_i18n": "site-wide", "_terms": "site-wide",
    }
    seed = next(row for row in report.rows if row.post_id == SEED_ID)
    assert seed.percent is None and seed.words == 0
    gone = next(row for row in report.rows if row.post_id == "oud/weg")
    assert (gone.units_translated, gone.words_translated, gone.percent) == (1, 2, 100.0)
    (totals,) = report.totals
    assert (totals.not_extracted, totals.stale, totals.catalogs) == (1, 1, 6)
    # paths given: those posts only, no site-wide rows
    only = api.status(root, [root / "content" / "nl" / ARTICLES[0].name])
    assert [row.post_id for row in only.rows] == [ARTICLES[0].stem]


def test_status_order_is_words_left_then_id(tmp_path: Path) -> None:
    report = api.status(_states_root(tmp_path))
    keys = [(-row.words_left, row.state != "not extracted", row.post_id) for row in report.rows]
    assert keys == sorted(keys)
    assert report.rows[0].words_left > report.rows[1].words_left > 0


def test_status_stale_without_extracts_record_and_fresh_after_extract(tmp_path: Path) -> None:
    root = _articles_root(tmp_path, ARTICLES[:2], cache=False)  # extract's cache never saw them
    assert {row.state for row in api.status(root).rows} == {"stale"}
    assert "run `pipeline extract`" in run_cli(root, "status").stdout
    assert run_cli(root, "extract").returncode == 0
    assert {row.state for row in api.status(root).rows} == {"ok"}
    assert {row.state for row in api.status(root, use_cache=False).rows} == {"stale"}


def test_status_counts_are_kept_while_a_catalog_is_unchanged_and_counted_again_when_saved(tmp_path: Path) -> None:
    root = _articles_root(tmp_path, ARTICLES[:2], cache=True)
    first = {row.post_id: row.words_translated for row in api.status(root).rows}
    assert set(first.values()) == {0}
    _half_translate(root)  # (as an editor saves: the same size would do too, the digest tells)
    again = {row.post_id: (row.words_translated, row.words_fuzzy) for row in api.status(root).rows}
    fresh = {row.post_id: (row.words_translated, row.words_fuzzy) for row in api.status(root, use_cache=False).rows}
    assert again == fresh and all(t and f for t, f in again.values())
    assert api.status(root, jobs=2, use_cache=False).rows == api.status(root, use_cache=False).rows


def test_status_cli_text_and_json(tmp_path: Path) -> None:
    root = _states_root(tmp_path)
    text = run_cli(root, "status")
    assert text.returncode == 0 and text.stderr == ""
    lines = text.stdout.splitlines()
    assert lines[-1].startswith("status de: ") and "1 post not extracted" in lines[-1] and "1 post stale" in lines[-1]
    seed_line = next(line for line in lines if line.endswith(f"{SEED_ID}  (not extracted: run `pipeline extract`)"))
    assert "%" not in seed_line  # not 0 %: not counted at all
    assert any(line.endswith(f"{ARTICLES[1].stem}  (stale: run `pipeline extract`)") for line in lines)
    document = json.loads(run_cli(root, "status", "--format", "json").stdout)
    assert document["version"] == 1
    rows = {row["post"]: row for row in document["rows"]}
    assert rows[SEED_ID]["percent_words"] is None and rows[SEED_ID]["state"] == "not extracted"
    first = document["rows"][0]
    assert set(first) == {"post", "language", "catalog", "state", "percent_words", "error", "units", "words",
                          "words_left"}
    assert first["words_left"] == first["words"]["fuzzy"] + first["words"]["untranslated"]
    assert (root / first["catalog"]).is_file()
    (totals,) = document["totals"]
    assert totals["words_left"] == sum(row["words_left"] for row in document["rows"])


def test_status_unreadable_catalog_is_a_row_with_its_error(tmp_path: Path) -> None:
    root = _articles_root(tmp_path, ARTICLES[:2])
    broken = po_path(root, ARTICLES[0].stem)
    broken.write_bytes(broken.read_bytes() + b'\nmsgid "x"\nmsgstr "y\n')
    result = run_cli(root, "status")
    assert result.returncode == 0
    line = next(line for line in result.stdout.splitlines() if ARTICLES[0].stem in line)
    assert f"locale/de/LC_MESSAGES/{ARTICLES[0].stem}.po:" in line
    assert json.loads(run_cli(root, "status", "--format", "json").stdout)["rows"][-1]["error"]


def test_status_html_to_a_folder_is_one_line_and_a_new_folder_is_made(tmp_path: Path) -> None:
    root = _articles_root(tmp_path, ARTICLES[:1])
    (tmp_path / "status.html").mkdir()
    result = run_cli(root, "status", "--html", str(tmp_path / "status.html"))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "status.html" in result.stderr and "Traceback" not in result.stderr
    assert run_cli(root, "status", "--html", str(tmp_path / "new" / "status.html")).returncode == 0
    assert (tmp_path / "new" / "status.html").is_file()
    # a relative path is from the content root, as the posts' paths are
    assert run_cli(root, "status", "--html", "status.html").returncode == 0
    assert b"locale/de/LC_MESSAGES/" in (root / "status.html").read_bytes()


def test_status_reads_no_post_and_writes_nothing_but_its_page(tmp_path: Path) -> None:
    root = _states_root(tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".pipeline-cache" not in p.parts}
    page = tmp_path / "out" / "status.html"
    page.parent.mkdir()
    api.status(root, html=page)
    first = page.read_bytes()
    api.status(root, html=page)
    assert page.read_bytes() == first  # the same input, the same bytes
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".pipeline-cache" not in p.parts}
    assert after == before
    assert b"http" not in first.replace(b"https://", b"").split(b"<body>")[0]  # no external resource
    assert b"<link" not in first and b"<script" not in first and b"src=" not in first


# --------------------------------------------------------------------------------------
# The HTML page in real headless Chromium


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args],
        capture_output=True, text=True, timeout=60, check=False,
    )


def _png_pixels(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """A PNG's width, height and RGB pixels (8-bit RGB or RGBA, not interlaced), decoded with
    zlib and the five filters of the PNG standard."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, idat = 8, b""
    width = height = channels = 0
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    pixels: list[tuple[int, int, int]] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        pixels += [tuple(line[x:x + 3]) for x in range(0, stride, channels)]  # type: ignore[misc]
        previous = line
    return width, height, pixels


@needs_chromium
def test_status_page_in_chromium_dom_and_screenshot(tmp_path: Path) -> None:
    root = _states_root(tmp_path)
    page = tmp_path / "report" / "status.html"
    page.parent.mkdir()
    report = api.status(root, html=page)
    url = page.as_uri()
    dom = _chromium("--dump-dom", url)
    assert dom.returncode == 0, dom.stderr
    from html.parser import HTMLParser

    class Rows(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[dict[str, str]] = []
            self.bars: list[tuple[dict[str, str], list[dict[str, str]]]] = []
            self.links: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = {k: v or "" for k, v in attrs}
            if tag == "tr" and "data-post" in found:
                self.rows.append(found)
            elif tag == "div" and found.get("class") == "bar":
                self.bars.append((found, []))
            elif tag == "span" and self.bars and found.get("class") in COLOURS and "style" in found:
                self.bars[-1][1].append(found)
            elif tag == "a" and self.rows:
                self.links.append(found["href"])

    parsed = Rows()
    parsed.feed(dom.stdout)
    # one row per post and language, in the report's order
    assert [(r["data-post"], r["data-language"]) for r in parsed.rows] == [
        (row.post_id, row.language) for row in report.rows]
    assert {r["data-post"]: r["data-state"] for r in parsed.rows}[SEED_ID] == "not extracted"
    # each bar's segments as wide as their words
    assert len(parsed.bars) == len(report.totals) + sum(row.state != "not extracted" for row in report.rows)
    for bar, spans in parsed.bars:
        counts = [int(bar[f"data-{kind}"]) for kind in COLOURS]
        widths = [float(s["style"].removeprefix("width:").removesuffix("%")) for s in spans]
        assert [s["class"] for s in spans] == list(COLOURS)
        for count, width in zip(counts, widths):
            assert width == pytest.approx(100 * count / sum(counts) if sum(counts) else 0, abs=0.001)
    # the links to the catalogs lead to them, from the page's folder
    assert len(parsed.links) == sum(row.state != "not extracted" for row in report.rows)
    for link in parsed.links:
        assert not link.startswith(("/", "file:", "http"))
        assert (page.parent / link).resolve().is_file(), link

    shot = tmp_path / "shot.png"
    done = _chromium(f"--screenshot={shot}", "--window-size=1100,900", url)
    assert done.returncode == 0 and shot.is_file(), done.stderr
    width, height, pixels = _png_pixels(shot.read_bytes())
    assert (width, height) == (1100, 900)
    colours = {kind: tuple(bytes.fromhex(value[1:])) for kind, value in COLOURS.items()}
    counted = {kind: sum(1 for p in pixels if p == colour) for kind, colour in colours.items()}
    assert len(set(pixels)) > 10  # not blank
    # every bar is the same width: the colours' areas are the bars' shares, added up (the key's
    # three squares aside: 12 x 12 pixels each)
    shares = {kind: 0.0 for kind in COLOURS}
    for bar, _ in parsed.bars:
        counts = {kind: int(bar[f"data-{kind}"]) for kind in COLOURS}
        for kind in COLOURS:
            shares[kind] += counts[kind] / sum(counts.values()) if sum(counts.values()) else 0
    bar_pixels = {kind: counted[kind] - 144 for kind in COLOURS}
    assert min(bar_pixels.values()) > 0, counted
    total_pixels, total_shares = sum(bar_pixels.values()), sum(shares.values())
    for kind in COLOURS:
        assert bar_pixels[kind] / total_pixels == pytest.approx(shares[kind] / total_shares, abs=0.02), counted


def test_where_status_differs_from_pocount_as_the_readme_says(tmp_path: Path) -> None:
    """A msgstr of only blanks, and a plural with an empty form: untranslated to status (merge
    uses neither; GNU msgfmt counts the plural untranslated too), translated to pocount."""
    from pipeline.status import StatusRow, count_catalog

    catalog = tmp_path / "t.po"
    catalog.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "een twee"\nmsgstr "   "\n\n'
        'msgid "peer"\nmsgid_plural "peren"\nmsgstr[0] "Birne"\nmsgstr[1] ""\n\n'
        'msgid "appel"\nmsgid_plural "appels"\nmsgstr[0] "Apfel"\nmsgstr[1] "Äpfel"\n\n'
        '#~ msgid "oud woord"\n#~ msgstr "altes Wort"\n', encoding="utf-8")
    row = StatusRow("t", "de", "t.po", "ok")
    count_catalog(row, parse_catalog("t.po", catalog.read_bytes()))
    real = _pocount_csv([catalog])["t"]
    assert (row.units_translated, row.words_translated) == (1, 2)
    assert (real["Translated Messages"], real["Translated Source Words"]) == (3, 6)
    assert row.words == real["Total Source Words"] == 6  # the obsolete entry aside, in both


@pytest.mark.parametrize("kept", ["", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', "half"])
def test_status_entries_of_the_template_missing_from_the_catalog_are_untranslated(tmp_path: Path, kept: str) -> None:
    """A catalog emptied, cut to its header, or with entries lost (a tool that saved only what it
    showed) is not 100 % translated: its template's entries missing from it are untranslated."""
    root = _articles_root(tmp_path, ARTICLES[:1], cache=True)
    _half_translate(root)
    path = po_path(root, ARTICLES[0].stem)
    whole = api.status(root).rows[0]
    if kept == "half":
        catalog = parse_catalog(str(path), path.read_bytes())
        catalog.messages = [m for m in catalog.messages if m.msgstr and "fuzzy" not in m.flags]
        path.write_text(format_catalog(catalog), encoding="utf-8")
    else:
        path.write_text(kept, encoding="utf-8")
    for use_cache in (True, False):
        (row,) = api.status(root, use_cache=use_cache).rows
        assert row.units == whole.units and row.words == whole.words
        assert row.words_translated == (whole.words_translated if kept == "half" else 0)
        assert row.words_untranslated == (whole.words_left if kept == "half" else whole.words)
        assert row.words_fuzzy == 0 and row.percent < 100


@needs_chromium
def test_status_page_in_a_phones_window_overflows_nothing_and_shows_every_bar(tmp_path: Path) -> None:
    """At 375 px (a phone) the page fits its window (no sideways scrolling) and every bar is
    on screen, each colour's area its share; the wide page's rows stay rows (pixels above)."""
    root = _states_root(tmp_path)
    long_id = "een-heel-lange-naam-van-een-bericht-over-fietsen-door-utrecht-en-gent"
    shutil.copy(ARTICLES[0], root / "content" / "nl" / f"{long_id}.md")
    run_extract(root)
    page = tmp_path / "status.html"
    report = api.status(root, html=page)
    assert b'<meta name="viewport" content="width=device-width, initial-scale=1">' in page.read_bytes()
    probe = tmp_path / "probe.html"  # the page, with a script that marks its top: blue where it fits
    probe.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", "<script>function mark() { var fits = document.documentElement.scrollWidth <= "
        "window.innerWidth && window.innerWidth == 375; document.documentElement.style.borderTop = "
        "'4px solid ' + (fits ? 'rgb(0,0,255)' : 'rgb(255,0,255)') } mark(); "
        "window.addEventListener('resize', mark)</script></body>"), encoding="utf-8")
    shot = tmp_path / "shot.png"
    done = _chromium(f"--screenshot={shot}", "--window-size=375,3000", "--virtual-time-budget=2000", probe.as_uri())
    assert done.returncode == 0, done.stderr
    width, _, pixels = _png_pixels(shot.read_bytes())
    assert width == 375 and pixels[width + 187] == (0, 0, 255)  # the page fits its window
    colours = {kind: tuple(bytes.fromhex(value[1:])) for kind, value in COLOURS.items()}
    counted = {kind: sum(1 for p in pixels if p == colour) - 144 for kind, colour in colours.items()}
    bars = [row for row in [*report.totals, *report.rows] if getattr(row, "state", "") != "not extracted"]
    shares = {kind: sum(getattr(row, f"words_{kind}") / row.words for row in bars if row.words) for kind in COLOURS}
    for kind in COLOURS:
        assert counted[kind] / sum(counted.values()) == pytest.approx(shares[kind] / sum(shares.values()), abs=0.02)


@pytest.mark.parametrize("target", [
    "content/nl/{post}.md",  # a typo, or a shell's completion: the Dutch post overwritten with HTML
    "locale/de/LC_MESSAGES/{post}.po",
    "content/status.html",  # Hugo would take it for a page of the site
    "hugo.toml",
    "pyproject.toml",
    "notes.txt",  # a file of the editor's own
])
def test_status_html_over_a_file_it_did_not_write_is_refused_and_the_file_kept(tmp_path: Path, target: str) -> None:
    root = _articles_root(tmp_path, ARTICLES[:1])
    shutil.copy(HUGO_TOML_FILE, root / "hugo.toml")
    (root / "notes.txt").write_text("mijn notities\n", encoding="utf-8")
    (root / "pyproject.toml").write_text('[project]\nname = "site"\n', encoding="utf-8")
    path = root / target.format(post=ARTICLES[0].stem)
    before = path.read_bytes() if path.exists() else None
    result = run_cli(root, "status", "--html", target.format(post=ARTICLES[0].stem))
    assert result.returncode == 1 and result.stdout == "", result.stdout
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "give --html" in result.stderr
    assert (path.read_bytes() if path.exists() else None) == before
    # its own page again, and a page beside the site's files: written
    assert run_cli(root, "status", "--html", "status.html").returncode == 0
    assert run_cli(root, "status", "--html", "status.html").returncode == 0
    assert run_cli(root, "status", "--html", "public/status.html").returncode == 0


HUGO_TOML_FILE = Path(__file__).resolve().parent.parent / "hugo.toml"


def test_status_leaves_out_the_pseudo_locale(tmp_path: Path) -> None:
    """`pipeline pseudo`'s catalogs (locale/de-x-pseudo/) are no target language's and no
    post's that is gone: no row, no total (the README says so)."""
    root = _articles_root(tmp_path, ARTICLES[:1])
    shutil.copy(HUGO_TOML_FILE, root / "hugo.toml")
    before = api.status(root, use_cache=False)
    assert api.pseudo(root, use_cache=False).ok
    after = api.status(root, use_cache=False)
    assert after == before and {row.language for row in after.rows} == {"de"}
