"""Text in HTML attributes and shortcode parameters (pipeline/attributes.py, shortcodes.py).

Fixture pairs in tests/fixtures/attributes/: ``NAME.md`` (the Dutch post, with
``NAME.pyproject.toml`` as the root's settings where there is one) is extracted and the
template must equal ``NAME.pot``; its catalog filled from ``NAME.de.po`` (msgid -> msgstr)
and merged, the German post's body must equal ``NAME.de.md``. The expected files were
written by hand and checked against Hugo's rules (tests/test_attributes_hugo.py builds them).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from merge_support import fill_catalog, merged, split_front_matter
from support import FIXTURES, cpu_seconds, invoke, make_root, po_path, pot_path, run_extract

from pipeline.attributes import html_value, html_values
from pipeline.config import load_config
from pipeline.errors import ConfigError
from pipeline.merge import merge
from pipeline.po import parse_catalog
from pipeline.post import load_post
from pipeline.segment import segment_post
from pipeline.shortcodes import find_calls, quoted_value

CASES = FIXTURES / "attributes"
NAMES = sorted(p.stem for p in CASES.glob("*.md") if not p.stem.endswith(".de"))


def _merged_fixture(name: str, root: Path) -> tuple[str, str]:
    post = CASES / f"{name}.md"
    make_root(root, {post.name: post.read_bytes()})
    settings = CASES / f"{name}.pyproject.toml"
    if settings.is_file():
        shutil.copy(settings, root / "pyproject.toml")
    errors = [e for r in run_extract(root) for e in r.errors]
    assert not errors, errors
    catalog = parse_catalog(f"{name}.de.po", (CASES / f"{name}.de.po").read_bytes())
    translations = {m.msgid: m.msgstr for m in catalog.messages}
    fill_catalog(po_path(root, name), lambda context, msgid: translations.get(msgid) if context != "slug" else None)
    results = merge(load_config(root))
    assert [r.action for r in results] == ["written"], [(r.action, r.message) for r in results]
    german = (root / "content" / "de" / f"{name}.md").read_text(encoding="utf-8")
    return pot_path(root, name).read_text(encoding="utf-8"), german


@pytest.mark.parametrize("name", NAMES)
def test_fixture_pair(name: str, tmp_path: Path) -> None:
    template, german = _merged_fixture(name, tmp_path)
    assert template == (CASES / f"{name}.pot").read_text(encoding="utf-8")
    assert split_front_matter(german)[1] == (CASES / f"{name}.de.md").read_text(encoding="utf-8")


def _units(text: str, **settings: object) -> list[tuple[str, str]]:
    post = load_post("post.md", text.encode("utf-8"))
    return [(u.kind, u.text) for u in segment_post(post, "post", (), (), **settings) if u.context is None]  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------
# HTML attributes


def test_each_text_attribute_of_a_tag_is_a_unit_and_the_others_are_not() -> None:
    units = _units('<div aria-label="Hoofdmenu" class="menu" data-x="nee">\n'
                   '<input placeholder="Zoeken" value="niet" title="Zoekveld">\n</div>\n')
    assert units == [("<div> aria-label", "Hoofdmenu"), ("<input> placeholder", "Zoeken"), ("<input> title", "Zoekveld")]


def test_a_value_without_words_and_a_tag_in_a_comment_are_no_units() -> None:
    assert _units('<img alt="123" src="x.png">\n\n<!-- <img alt="weg"> -->\n') == []


def test_a_value_over_several_lines_is_one_line_of_text_without_its_containers_prefixes() -> None:
    """An editor that wraps at 80 columns wraps a long alt: it stayed Dutch without a word."""
    assert _units('<img alt="twee\nregels">\n\n> Zie <img alt="een   \n> citaat  \n>   over \n>   regels">\n') == [
        ("<img> alt", "twee regels"), ("paragraph", 'Zie <img alt="een   \ncitaat  \nover regels">'),
        ("<img> alt", "een citaat over regels")]


def test_html_values_in_linear_time_on_unclosed_tags_and_comments() -> None:
    text = '<img alt="x" ' * 20_000 + "<!--" * 20_000
    started = cpu_seconds()
    assert list(html_values(text)) == []
    assert cpu_seconds() - started < 2


def test_html_value_escapes_for_its_quote() -> None:
    assert html_value('Een "kat" & \'hond\'', '"') == '"Een &quot;kat&quot; &amp; \'hond\'"'
    assert html_value("Een 'kat'", "'") == "'Een &#39;kat&#39;'"
    assert html_value("twee woorden", "") == '"twee woorden"'
    assert html_value("regel\r\nregel\nregel", '"') == '"regel regel regel"'
    # a pipe would end a table's cell (GFM splits a row before it reads HTML)
    assert html_value("Katze | Hund", '"') == '"Katze &#124; Hund"'


def test_a_translated_paragraph_keeps_its_tag_and_gets_the_attribute_translation() -> None:
    text = "---\ntitle: T\n---\nZie <img src=\"a.png\" alt=\"Een kat\"> hier.\n"
    german, _ = merged(text, {"Zie <img src=\"a.png\" alt=\"Een kat\"> hier.": "Siehe <img src=\"a.png\" alt=\"Een kat\"> hier.",
                              "Een kat": 'Eine "Katze" > 3'})
    assert german.endswith('Siehe <img src="a.png" alt="Eine &quot;Katze&quot; > 3"> hier.\n')


def test_an_untranslated_paragraph_keeps_its_bytes_but_the_attribute() -> None:
    text = "---\ntitle: T\n---\nZie <img src='a.png'\n  alt=Kat> hier,\nen daar.\n"
    german, _ = merged(text, {"Kat": "Katze"})
    assert german.endswith("Zie <img src='a.png'\n  alt=\"Katze\"> hier,\nen daar.\n")


def test_a_paragraph_translated_with_the_attribute_in_it_is_taken_as_it_is() -> None:
    text = "---\ntitle: T\n---\nZie <img alt=\"Een kat\"> hier.\n"
    german, _ = merged(text, {"Zie <img alt=\"Een kat\"> hier.": "Siehe <img alt=\"Eine Mieze\"> hier.",
                              "Een kat": "Eine Katze"})
    assert german.endswith('Siehe <img alt="Eine Mieze"> hier.\n')


# ---------------------------------------------------------------------------------------
# Shortcodes


def test_calls_as_hugo_lexes_them() -> None:
    text = ('{{< figure src="a.jpg" caption="Een \\"mooie\\" kat" title=`rauw \\"` >}} '
            '{{% quote "een" twee `drie` %}} {{</* figure caption="geen" */>}} {{< /figure >}} {{< x />}}')
    calls = find_calls(text)
    assert [(c.name, c.delimiter, c.closing, c.self_closing) for c in calls] == [
        ("figure", "<", False, False), ("quote", "%", False, False), ("figure", "<", True, False),
        ("x", "<", False, True)]
    assert [(p.name, p.value, p.quote) for p in calls[0].params] == [
        ("src", "a.jpg", '"'), ("caption", 'Een "mooie" kat', '"'), ("title", 'rauw \\"', "`")]
    assert [(p.position, p.value) for p in calls[1].params] == [(0, "een"), (1, "twee"), (2, "drie")]


def test_what_hugo_refuses_is_no_call() -> None:
    assert find_calls('{{< figure caption="nooit gesloten >}}') == []
    assert find_calls('{{< figure caption="twee\nregels" >}}') == []
    assert find_calls("{{< figure caption=x, y >}}") == []
    assert find_calls("{{< figure src=\"x\"") == []


def test_quoted_value_reads_back_as_hugo_reads_it() -> None:
    assert quoted_value('Een "kat"', '"') == '"Een \\"kat\\""'
    assert quoted_value('Een "kat"', "`") == '`Een "kat"`'
    assert quoted_value("met `tik`", "`") == '"met `tik`"'
    assert quoted_value("twee\nregels", '"') == '"twee regels"'
    assert quoted_value("eindigt op \\", '"') == "`eindigt op \\`"
    assert quoted_value("woord", "") == "woord"
    assert quoted_value("twee woorden", "") == '"twee woorden"'


def test_named_and_positional_parameters_by_the_settings() -> None:
    text = '{{< quote "Een citaat" "Iemand" >}}\n\n{{< kaart titel="Een kaart" >}}\n'
    assert _units(text) == []
    units = _units(text, shortcodes={"quote": (0,), "kaart": ("titel",)})
    assert units == [("{{< quote >}} parameter 0", "Een citaat"), ("{{< kaart >}} titel", "Een kaart")]


def test_a_call_over_several_lines_is_no_paragraph_and_its_parameters_are_units() -> None:
    text = '{{< figure\n  src="a.jpg"\n  caption="Een onderschrift"\n>}}\n'
    assert _units(text) == [("{{< figure >}} caption", "Een onderschrift")]


def test_nested_shortcodes_and_unclosed_ones() -> None:
    text = ('{{% details %}}\n{{< figure caption="Binnen" >}}\n{{% /details %}}\n\n'
            '{{< figure caption="Nooit gesloten"\n\nTekst.\n')
    assert _units(text) == [("{{< figure >}} caption", "Binnen"), ("paragraph", '{{< figure caption="Nooit gesloten"'),
                            ("paragraph", "Tekst.")]


def test_code_like_shortcodes_hold_no_units() -> None:
    text = "{{< highlight go >}}\n// Een opmerking\n{{< /highlight >}}\n\n{{< code >}}\nTekst\n\nMeer [x](/y/)\n{{< /code >}}\n\nNa.\n"
    assert _units(text) == [("paragraph", "Na.")]
    text = "{{< mermaid >}}\ngraph: Begin\n{{< /mermaid >}}\n"
    assert _units(text) == [("paragraph", "graph: Begin")]
    assert _units(text, code_shortcodes=("mermaid",)) == []


def test_inner_markdown_of_a_percent_shortcode_is_segmented_like_the_body() -> None:
    text = "{{% notice info %}}\n\nEen alinea.\n\n- een\n- twee\n\n{{% /notice %}}\n"
    assert _units(text) == [("paragraph", "Een alinea."), ("paragraph", "een"), ("paragraph", "twee")]


@pytest.mark.parametrize(("text", "units"), [
    ("{{% notice info %}}\nTekst in een shortcode.\n{{% /notice %}}\n", ["Tekst in een shortcode."]),
    ("{{% note %}}\n- een\n- twee\n{{% /note %}}\n", ["een", "twee"]),
    ("> {{% note %}}\n> Tekst  \n> {{% /note %}}\n", ["Tekst"]),
    ("{{% a %}}\n{{% b %}}\nTekst\nmeer\n{{% /b %}}\n{{% /a %}}\n", ["Tekst meer"]),
    ("Tekst {{% a %}}\nmeer\n{{% /a %}}\n", ["Tekst {{% a %}} meer"]),  # not alone on its line
    ("{{% a %}}\n{{% /a %}}\n", []),
    ("{{% a %}}  \nTekst\\\n{{% /a %}}\n", ["Tekst\\"]),  # hard breaks after the call and before it
    ("- {{% a %}}\n  Tekst\n  {{% /a %}}\n", ["Tekst"]),
])
def test_calls_alone_on_a_paragraphs_first_and_last_lines_are_no_part_of_it(text: str, units: list[str]) -> None:
    assert [t for _, t in _units(text)] == units


def test_the_text_inside_a_percent_shortcode_is_translated_and_the_calls_kept() -> None:
    text = "---\ntitle: T\n---\n{{% notice info %}}\nEen zin\nover twee regels.\n{{% /notice %}}\n"
    german, _ = merged(text, {"Een zin over twee regels.": "Ein Satz."})
    assert german.endswith("{{% notice info %}}\nEin Satz.\n{{% /notice %}}\n")


def test_a_thousand_shortcodes_in_linear_time() -> None:
    """1,000 calls, each with a paragraph after it; eight times as many take about eight times
    as long (a unit looked for among all calls took 85 s for 16,000: quadratic)."""
    def post(n: int) -> str:
        return "".join(f'{{{{< figure src="{i}.jpg" caption="Onderschrift {i}" >}}}}\nTekst {i}\n\n' for i in range(n))

    def timed(n: int) -> float:
        started = cpu_seconds()
        units = _units(post(n))
        assert len(units) == 2 * n
        return cpu_seconds() - started

    small = min(timed(1000) for _ in range(2))
    assert timed(8000) < 8 * 3 * small + 1
    unclosed = '{{< figure caption="x" ' * 20_000 + "{{< `" * 20_000
    started = cpu_seconds()
    find_calls(unclosed)
    assert cpu_seconds() - started < 3


def test_a_translation_with_the_closing_delimiter_and_quotes_stays_one_parameter() -> None:
    text = '---\ntitle: T\n---\n{{< figure src="a.jpg" caption="Een kat" >}}\n'
    german, _ = merged(text, {"Een kat": 'Eine "Katze" >}} %}}'})
    assert german.endswith('{{< figure src="a.jpg" caption="Eine \\"Katze\\" >}} %}}" >}}\n')
    (call,) = find_calls(german)
    assert call.params[1].value == 'Eine "Katze" >}} %}}'


def test_the_translation_checks_run_on_the_new_units(tmp_path: Path) -> None:
    from merge_support import merge_in

    text = '---\ntitle: T\n---\n<img src="a.png" alt="Een kat">\n\n{{< figure caption="Een hond" >}}\n'
    results = merge_in(tmp_path, {"post": (text, {"Een kat": "Eine <b>Katze</b>", "Een hond": "Ein {{< x >}} Hund"})})
    assert results["post"].action == "error"
    assert "[html-added]" in results["post"].message and "[shortcode]" in results["post"].message
    assert not (tmp_path / "content" / "de" / "post.md").exists()


# ---------------------------------------------------------------------------------------
# Settings


@pytest.mark.parametrize(("table", "message"), [
    ('[tool.pipeline.shortcodes]\nfigure = "caption"\n', "pyproject.toml:2: [tool.pipeline.shortcodes] figure must be a list"),
    ('[tool.pipeline.shortcodes]\nfigure = [true]\n', "pyproject.toml:2: [tool.pipeline.shortcodes] figure must list parameter names"),
    ('[tool.pipeline.shortcodes]\nfigure = [-1]\n', "pyproject.toml:2: [tool.pipeline.shortcodes] figure: a position counts from 0"),
    ('[tool.pipeline.shortcodes]\nfigure = ["a b"]\n', "pyproject.toml:2: [tool.pipeline.shortcodes] figure: 'a b' is no parameter name"),
    ('[tool.pipeline.shortcodes]\nfigure = ["alt", "alt"]\n', "pyproject.toml:2: [tool.pipeline.shortcodes] figure names a parameter twice"),
    ('[tool.pipeline.shortcodes]\n"a b" = ["alt"]\n', "pyproject.toml:2: [tool.pipeline.shortcodes] a b: no shortcode name"),
    ('[tool.pipeline]\ncode-shortcodes = ["a b"]\n', "pyproject.toml:2: [tool.pipeline] code-shortcodes holds 'a b'"),
    ('[tool.pipeline]\ncode-shortcodes = "mermaid"\n', "pyproject.toml:2: [tool.pipeline] code-shortcodes must be a list"),
])
def test_bad_shortcode_settings_are_one_line_errors(tmp_path: Path, table: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(table, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_the_settings_table_adds_to_the_default(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline.shortcodes]\nquote = [0, "cite"]\n', encoding="utf-8")
    config = load_config(tmp_path)
    assert config.shortcodes == {"figure": ("alt", "caption", "title"), "quote": (0, "cite")}
    (tmp_path / "pyproject.toml").write_text("[tool.pipeline]\n", encoding="utf-8")
    assert load_config(tmp_path).shortcodes == {"figure": ("alt", "caption", "title")}


def test_pipeline_mv_rewrites_a_link_in_a_paragraph_that_holds_a_text_attribute(tmp_path: Path) -> None:
    """The attribute's value lies inside its paragraph's span: rewritten with it, once (two
    edits of one line, the one inside the other, cut the line apart)."""
    from support import invoke

    make_root(tmp_path, {"a.md": "---\ntitle: A\n---\nTekst.\n",
                         "c.md": '---\ntitle: C\n---\nZie <img alt="Naar [a](a.md)" src="x.png"> en [a](a.md).\n'})
    done = invoke("-C", str(tmp_path), "mv", "a", "nieuw")
    assert done.exit_code == 0, done.output
    c = (tmp_path / "content" / "nl" / "c.md").read_text(encoding="utf-8")
    assert c.endswith('Zie <img alt="Naar [a](nieuw.md)" src="x.png"> en [a](nieuw.md).\n')


@pytest.mark.parametrize("name", NAMES)
def test_identity_and_pseudo_translation_round_trips_of_the_fixtures(name: str, tmp_path: Path) -> None:
    """Every msgstr its msgid: the German body is the Dutch byte for byte. Every msgstr a
    pseudo-translation (words changed, markup kept): written, with the Dutch block structure,
    each text value changed where it stands."""
    from merge_support import block_structure, body, identity, pseudo_translate

    text = (CASES / f"{name}.md").read_text(encoding="utf-8")
    settings = CASES / f"{name}.pyproject.toml"
    pyproject = settings.read_text(encoding="utf-8") if settings.is_file() else None
    german, _ = merged(text, lambda context, msgid: None if context == "slug" else identity(context, msgid),
                       pyproject=pyproject)
    assert split_front_matter(german)[1] == split_front_matter(text)[1]
    german, _ = merged(text, pseudo_translate, pyproject=pyproject)
    assert block_structure(body(german)) == block_structure(body(text))
    post = load_post("post.md", text.encode("utf-8"))
    values = [u.text for u in segment_post(post, "post", (), ()) if u.kind.startswith(("<", "{{"))]
    assert bool(values) == (name != "inner-markdown")
    assert not [value for value in values if value in split_front_matter(german)[1]]


def test_a_paragraph_translation_that_drops_a_tag_with_a_text_attribute_is_refused_and_check_says(tmp_path: Path) -> None:
    """The alt's own entry is translated, but the paragraph's translation lost the <img>: the
    German page would lose the image and the translation of its alt, with merge at 100 %."""
    text = '---\ntitle: T\ndate: 2017-02-22\n---\nEen <img src="/kat.png" alt="Een kat"> slaapt hier.\n'
    root = make_root(tmp_path, {"post.md": text})
    assert invoke("-C", str(root), "extract").exit_code == 0
    fill_catalog(po_path(root, "post"), lambda context, msgid: {
        "T": "T", "Een kat": "Eine Katze", 'Een <img src="/kat.png" alt="Een kat"> slaapt hier.': "Eine Katze schläft hier.",
    }.get(msgid) if context != "slug" else None)
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 1
    assert "[html-dropped]" in result.output and "<img> alt" in result.output
    assert not (root / "content" / "de" / "post.md").exists()
    checked = invoke("-C", str(root), "check")
    assert checked.exit_code == 1
    assert "post.po\n" in checked.output and "[html-dropped]" in checked.output


def test_a_pipe_in_a_shortcode_parameter_in_a_table_cell_is_not_escaped(tmp_path: Path) -> None:
    """Hugo takes its calls out before Goldmark splits a row: ``title="Nur \\| Katze"`` showed
    its backslash on the German page (figure's title is no Markdown); a pipe outside the call
    is still escaped."""
    text = ('---\ntitle: T\n---\n| Kolom | Twee |\n|-------|------|\n'
            '| Tekst {{< figure src="/d.png" title="Alleen kat" >}} hier | b |\n')
    german, _ = merged(text, {"Alleen kat": "Nur | Katze", "Kolom": "Spalte", "Twee": "Zwei", "b": "b",
                              'Tekst {{< figure src="/d.png" title="Alleen kat" >}} hier':
                              'Text | {{< figure src="/d.png" title="Alleen kat" >}} hier'})
    assert split_front_matter(german)[1].splitlines()[-1] == \
        '| Text \\| {{< figure src="/d.png" title="Nur | Katze" >}} hier | b |'
