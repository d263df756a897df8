"""``translatable-keys`` as paths (``cover.caption``, ``resources.*.title``): the setting
checked, a unit per string found at each path (msgctxt: the path as set), the German post's
nested values edited leaf by leaf in any YAML style, the translations checked like other
front matter ones, and Hugo's page showing them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from merge_support import fill_catalog, front_matter, merge_in, merged, split_front_matter
from support import invoke, make_root, po_path, pot_path, run_extract

from pipeline.check import check
from pipeline.config import load_config
from pipeline.errors import ConfigError
from pipeline.frontedit import edit_front_matter, with_leaves
from pipeline.merge import merge
from pipeline.po import parse_catalog
from pipeline.post import load_post
from pipeline.segment import front_matter_units, pack_segmentation, unpack_segmentation

REPO = Path(__file__).resolve().parent.parent

PATHS = ["title", "tags", "cover.caption", "cover.alt", "resources.*.title", "params.description"]
PYPROJECT = "[tool.pipeline]\ntranslatable-keys = [" + ", ".join(f'"{p}"' for p in PATHS) + "]\n"

needs_hugo = pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (Debian package 'hugo')")


def units_of(front: str, keys: list[str] = PATHS) -> list[tuple[str | None, str, int, str | None, object]]:
    post = load_post("post.md", f"---\n{front}---\nTekst.\n".encode())
    return [
        (u.context, u.text, u.line, u.key, u.path)
        for u in front_matter_units(post, "post", keys, ("tags",)) if u.context != "slug"
    ]


def german(context: str | None, msgid: str) -> str | None:
    return None if context == "slug" else f"DE {msgid}"


# ---------------------------------------------------------------------------------------
# The setting


@pytest.mark.parametrize(
    ("setting", "why"),
    [
        ("a..b", "empty key between its dots"),
        (".a", "empty key between its dots"),
        ("a.", "empty key between its dots"),
        ("a. .b", "empty key between its dots"),
        ("*.title", "starts with '*'"),
        ("resources.*x.title", "'*' inside a key"),
        ("res*.title", "'*' inside a key"),
        ("Cover.Caption", "names 'Cover.Caption' twice (as 'cover.caption')"),
    ],
)
def test_a_path_that_names_no_keys_is_one_line_naming_the_setting(setting: str, why: str, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.pipeline]\nsource-language = "nl"\ntranslatable-keys = ["title", "cover.caption", "{setting}"]\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    message = str(caught.value)
    assert message.startswith("pyproject.toml:3: [tool.pipeline] translatable-keys ")
    assert f"'{setting}'" in message and why in message and "\n" not in message
    make_root(tmp_path, {"post.md": "---\ntitle: Kop\n---\nTekst.\n"})
    result = invoke("-C", str(tmp_path), "extract")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "translatable-keys" in result.output


def test_paths_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    assert load_config(tmp_path).translatable_keys == tuple(PATHS)


# ---------------------------------------------------------------------------------------
# Extract


def test_a_unit_per_string_at_each_path_with_the_path_as_msgctxt() -> None:
    front = (
        "title: Hallo\n"
        "cover:\n"
        "  image: a.jpg\n"
        "  alt: Een hond\n"
        "  caption: Een hond in het park\n"
        "resources:\n"
        "  - src: a.jpg\n"
        "    title: Eerste foto\n"
        "  - src: b.jpg\n"
        "  - {src: c.jpg, title: Derde foto}\n"
        "params:\n"
        "  description: Over honden\n"
    )
    assert units_of(front) == [
        ("title", "Hallo", 2, "title", None),
        ("cover.alt", "Een hond", 5, "cover", ("alt",)),
        ("cover.caption", "Een hond in het park", 6, "cover", ("caption",)),
        ("resources.*.title", "Eerste foto", 9, "resources", (0, "title")),
        ("resources.*.title", "Derde foto", 11, "resources", (2, "title")),
        ("params.description", "Over honden", 13, "params", ("description",)),
    ]


def test_the_template_names_the_path_in_msgctxt_and_comment(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"post.md": (
        "---\ntitle: Hallo\ncover: {alt: Een hond, caption: Een hond in het park}\n---\nTekst.\n"
    )})
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    assert not [e for r in run_extract(root) for e in r.errors]
    template = pot_path(root, "post").read_text(encoding="utf-8")
    assert (
        '#. front matter: cover.alt\n#: content/nl/post.md:3\nmsgctxt "cover.alt"\nmsgid "Een hond"\nmsgstr ""\n\n'
        '#. front matter: cover.caption\n#: content/nl/post.md:3\nmsgctxt "cover.caption"\n'
        'msgid "Een hond in het park"\nmsgstr ""\n'
    ) in template


def test_keys_without_a_dot_give_the_same_catalogs_as_before(tmp_path: Path) -> None:
    """The paths added to the setting change nothing for a post that has none of them."""
    text = "---\ntitle: Hallo\ntags: [een, twee]\ncategories: a, b\ndescription: Over\n---\nTekst.\n"
    plain = make_root(tmp_path / "plain", {"post.md": text})
    run_extract(plain)
    with_paths = make_root(tmp_path / "paths", {"post.md": text})
    (with_paths / "pyproject.toml").write_text(
        '[tool.pipeline]\ntranslatable-keys = ["title", "description", "summary", "image_alt", "tags", '
        '"categories", "cover.caption", "resources.*.title"]\n', encoding="utf-8"
    )
    run_extract(with_paths)
    assert pot_path(with_paths, "post").read_bytes() == pot_path(plain, "post").read_bytes()
    assert po_path(with_paths, "post").read_bytes() == po_path(plain, "post").read_bytes()


@pytest.mark.parametrize(
    "front",
    [
        "cover:\n  caption: 12\n",  # a number
        "cover:\n  caption: 2023-05-01\n",  # a date
        "cover:\n  caption: true\n",
        "cover:\n  caption:\n",  # null
        "cover:\n  caption: '   '\n",  # blank
        "cover:\n  caption: {nl: Tekst}\n",  # a mapping where the text was expected
        "cover: [Tekst, Meer tekst]\n",  # a list where a mapping was expected
        "cover: hond.jpg\n",  # a string where a mapping was expected
        "image: hond.jpg\n",  # no cover at all
        "cover:\n  image: hond.jpg\n",  # no caption
        "resources: {src: a.jpg, title: Foto}\n",  # '*' on a mapping, not a list
        "resources: Foto\n",
        "resources:\n  - Foto\n  - [Foto]\n",  # items that are no mappings
        "cover:\n  1: Tekst\n",  # a key that is not a string
        "cover:\n  !!str 1: Tekst\n",
    ],
)
def test_a_path_that_finds_no_text_gives_no_unit(front: str) -> None:
    assert units_of("title: Hallo\n" + front) == [("title", "Hallo", 2, "title", None)]


def test_keys_at_a_path_match_in_any_case_as_hugo_reads_them() -> None:
    # Hugo 0.111 shows Cover: {Caption: …} as .Params.cover.caption (test_hugo_shows below)
    assert units_of("Cover: {Caption: Een hond, ALT: Hond}\n") == [
        ("cover.caption", "Een hond", 2, "Cover", ("Caption",)),
        ("cover.alt", "Hond", 2, "Cover", ("ALT",)),
    ]


def test_a_top_level_key_with_a_dot_and_the_nested_path_are_both_units() -> None:
    """``a.b`` named a key with a dot before paths were read: it still does (as before), and
    the path ``a`` -> ``b`` too."""
    assert units_of('"a.b": Letterlijk\na:\n  b: Genest\n', ["a.b"]) == [
        ("a.b", "Letterlijk", 2, "a.b", None),
        ("a.b", "Genest", 4, "a", ("b",)),
    ]


def test_anchors_aliases_and_merge_keys_in_nested_values() -> None:
    front = (
        "cover:\n"
        "  alt: &hond Een hond\n"
        "  caption: *hond\n"
        "base: &base {caption: Basis}\n"
        "params: {<<: *base, description: Eigen}\n"
    )
    assert units_of(front, ["cover.alt", "cover.caption", "params.caption", "params.description"]) == [
        ("cover.alt", "Een hond", 3, "cover", ("alt",)),
        ("cover.caption", "Een hond", 3, "cover", ("caption",)),  # the alias: its anchor's line
        ("params.caption", "Basis", 5, "params", ("caption",)),
        ("params.description", "Eigen", 6, "params", ("description",)),
    ]


def test_a_list_at_the_end_of_a_path_gives_its_strings() -> None:
    assert units_of("params:\n  keywords: [hond, 3, kat]\n", ["params.keywords"]) == [
        ("params.keywords", "hond", 3, "params", ("keywords", 0)),
        ("params.keywords", "kat", 3, "params", ("keywords", 2)),
    ]


def test_a_kept_segmentation_keeps_the_paths() -> None:
    post = load_post("post.md", b"---\ncover: {caption: Hond}\nresources: [{title: Foto}]\n---\nTekst.\n")
    units = front_matter_units(post, "post", PATHS, ())
    kept = unpack_segmentation(pack_segmentation(units, [], post.lines), post.lines)
    assert kept is not None and kept[0] == units
    assert [u.path for u in kept[0]] == [None, ("caption",), (0, "title")]


# ---------------------------------------------------------------------------------------
# Merge: the nested values edited in place


BLOCK_POST = (
    "---\n"
    "title: Hallo\n"
    "cover:\n"
    "  image: hond.jpg   # de foto\n"
    "  alt: 'Een hond'\n"
    "  caption: >\n"
    "    Een hond in\n"
    "    het park\n"
    "  relative: true\n"
    "resources:\n"
    "  - src: a.jpg\n"
    "    title: \"Eerste foto\"\n"
    "  - src: b.jpg\n"
    "    name: tweede\n"
    "  - {src: c.jpg, title: Derde foto, params: {credits: Jan}}\n"
    "params:\n"
    "  description: Over honden\n"
    "  author: Jan\n"
    "---\n"
    "Tekst.\n"
)


def test_merge_edits_only_the_translated_leaves_in_block_and_flow_style() -> None:
    text, warnings = merged(BLOCK_POST, german, pyproject=PYPROJECT)
    head, _ = split_front_matter(text)
    assert head.startswith(
        "---\n"
        "title: DE Hallo\n"
        "cover:\n"
        "  image: hond.jpg   # de foto\n"
        "  alt: DE Een hond\n"
        "  caption: DE Een hond in het park\n"
        "  relative: true\n"
        "resources:\n"
        "  - src: a.jpg\n"
        "    title: DE Eerste foto\n"
        "  - src: b.jpg\n"
        "    name: tweede\n"
        "  - {src: c.jpg, title: DE Derde foto, params: {credits: Jan}}\n"
        "params:\n"
        "  description: DE Over honden\n"
        "  author: Jan\n"
        "lang: de\n"
    ), head
    assert warnings == []


def test_an_untranslated_path_leaves_its_value_as_it_is() -> None:
    text, _ = merged(BLOCK_POST, {"Een hond": "Ein Hund"}, pyproject=PYPROJECT)
    head, _ = split_front_matter(text)
    assert "  alt: Ein Hund\n  caption: >\n    Een hond in\n    het park\n" in head
    assert '    title: "Eerste foto"\n' in head


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        # flow style: a translation with a comma is quoted there
        ("cover: {alt: Hond, caption: Een hond}\n", 'cover: {alt: "Hund, braun", caption: "Ein Hund: braun"}\n'),
        # block style: the comma needs no quotes, the colon and space does
        ("cover:\n  alt: Hond\n  caption: Een hond\n", 'cover:\n  alt: Hund, braun\n  caption: "Ein Hund: braun"\n'),
        # keys in another case keep their spelling
        ("Cover: {ALT: Hond, Caption: Een hond}\n", 'Cover: {ALT: "Hund, braun", Caption: "Ein Hund: braun"}\n'),
    ],
)
def test_translations_are_written_as_the_style_around_them_needs(front: str, expected: str) -> None:
    text, _ = merged(f"---\n{front}---\nTekst.\n",
                     {"Hond": "Hund, braun", "Een hond": "Ein Hund: braun", "Tekst.": "Text."},
                     pyproject=PYPROJECT)
    assert text.startswith(f"---\n{expected}lang: de\n"), text
    value = front_matter(text)[front.split(":")[0]]
    assert isinstance(value, dict) and sorted(value.values()) == ["Ein Hund: braun", "Hund, braun"]


def test_an_alias_of_a_translated_anchor_keeps_its_value_and_a_translated_alias_gets_its_own() -> None:
    post = (
        "---\n"
        "cover:\n"
        "  alt: &hond Een hond\n"
        "  caption: *hond\n"
        "  credit: *hond\n"  # not translatable: keeps the Dutch text
        "resources:\n"
        "  - &foto {src: a.jpg, title: Foto}\n"
        "  - *foto\n"
        "---\nTekst.\n"
    )
    text, _ = merged(post, {("cover.alt", "Een hond"): "Ein Hund", ("cover.caption", "Een hond"): "Ein Hund im Park",
                            ("resources.*.title", "Foto"): "Bild"}, pyproject=PYPROJECT)
    head, _ = split_front_matter(text)
    assert head.startswith(
        "---\n"
        "cover:\n"
        "  alt: &hond Ein Hund\n"
        "  caption: Ein Hund im Park\n"
        "  credit: Een hond\n"
        "resources:\n"
        "  - &foto {src: a.jpg, title: Bild}\n"
        "  - {src: a.jpg, title: Bild}\n"
    ), head


def test_a_value_made_by_a_merge_key_is_written_anew_and_proven() -> None:
    post = "---\nbase: &base {caption: Basis, image: a.jpg}\ncover:\n  <<: *base\n  alt: Eigen\n---\nTekst.\n"
    text, _ = merged(post, {"Basis": "Grund", "Eigen": "Eigenes"}, pyproject=PYPROJECT)
    assert text.startswith(
        "---\nbase: &base {caption: Basis, image: a.jpg}\ncover: {caption: Grund, image: a.jpg, alt: Eigenes}\n"
        "lang: de\n"
    ), text


def test_a_top_level_key_with_a_dot_and_the_path_are_both_translated() -> None:
    post = '---\n"a.b": Letterlijk\na:\n  b: Genest\n  c: 1\n---\nTekst.\n'
    text, _ = merged(post, german, pyproject='[tool.pipeline]\ntranslatable-keys = ["a.b"]\n')
    assert text.startswith('---\n"a.b": DE Letterlijk\na:\n  b: DE Genest\n  c: 1\nlang: de\n'), text


def test_resources_reordered_keep_their_translations(tmp_path: Path) -> None:
    """msgctxt is the path with '*', not the item's place: moving a resource keeps its entry."""
    first = "---\nresources:\n  - {src: a.jpg, title: Hond}\n  - {src: b.jpg, title: Kat}\n---\nTekst.\n"
    results = merge_in(tmp_path, {"post": (first, german)}, PYPROJECT)
    assert results["post"].action == "written"
    (tmp_path / "content" / "nl" / "post.md").write_text(
        "---\nresources:\n  - {src: b.jpg, title: Kat}\n  - {src: a.jpg, title: Hond}\n---\nTekst.\n", encoding="utf-8"
    )
    assert not [e for r in run_extract(tmp_path) for e in r.errors]
    catalog = parse_catalog("post.po", po_path(tmp_path, "post").read_bytes())
    entries = {(m.msgctxt, m.msgid): (m.msgstr, m.flags) for m in catalog.messages if not m.obsolete}
    assert entries[("resources.*.title", "Kat")] == ("DE Kat", [])
    result = invoke("-C", str(tmp_path), "merge")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "content" / "de" / "post.md").read_text(encoding="utf-8")
    assert "resources:\n  - {src: b.jpg, title: DE Kat}\n  - {src: a.jpg, title: DE Hond}\n" in text


def test_with_leaves_copies_without_sharing() -> None:
    shared = {"title": "Foto"}
    value = {"a": shared, "b": shared, "n": [1, 2]}
    new = with_leaves(value, [(("a", "title"), "Bild"), (("b", "title"), None)])
    assert new == {"a": {"title": "Bild"}, "b": {"title": "Foto"}, "n": [1, 2]}
    assert value == {"a": {"title": "Foto"}, "b": {"title": "Foto"}, "n": [1, 2]}


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("cover:\n  caption: Hond\n  other: [a, {b: c}]\n", 'cover:\n  caption: "{}"\n  other: [a, {{b: c}}]\n'),
        ("cover: {caption: Hond, more: {deep: [x, y]}}\n", 'cover: {{caption: "{}", more: {{deep: [x, y]}}}}\n'),
        # the anchored mapping changes: its alias keeps the old value, written out
        ("cover: &c\n  caption: Hond\nthumb: *c\n", 'cover: &c\n  caption: "{}"\nthumb: {{caption: Hond}}\n'),
        ("cover:\n  caption: |\n    Hond\n    en kat\n  # a comment\n  alt: x\n",
         'cover:\n  caption: "{}"\n  # a comment\n  alt: x\n'),
        ("cover:\n  - caption: Hond\n  - caption: Kat\n", 'cover:\n  - caption: "{}"\n  - caption: "{}"\n'),
        ("cover:\n  caption: !!str Hond\n", 'cover:\n  caption: !!str "{}"\n'),
        ("cover:\n  caption: &a Hond\n  list: [*a, *a]\n", 'cover:\n  caption: &a "{}"\n  list: [Hond, Hond]\n'),
        # the whole value an alias of another key's: written out in its place, the anchor's kept
        ("thumb: &t {caption: Hond}\ncover: *t\n", 'thumb: &t {{caption: Hond}}\ncover: {{caption: "{}"}}\n'),
        # a plain scalar over two lines, a comment after a value, a flow mapping over lines
        ("cover:\n  caption: Een hond\n    in het park\n  alt: x  # kort\n",
         'cover:\n  caption: "{}"\n  alt: x  # kort\n'),
        ("cover: {\n  alt: x,\n  caption: Hond\n}\n", 'cover: {{\n  alt: x,\n  caption: "{}"\n}}\n'),
    ],
)
def test_frontedit_edits_nested_leaves_and_proves_them(front: str, expected: str) -> None:
    post = load_post("post.md", f"---\n{front}---\nTekst.\n".encode())
    old = post.meta["cover"]
    steps = [("caption",)] if isinstance(old, dict) else [(0, "caption"), (1, "caption")]
    translation = "Hund, «braun»: # 1"
    new = with_leaves(old, [(s, translation) for s in steps])
    assert edit_front_matter(post, {"cover": new}) == f"---\n{expected.format(translation, translation)}---\nTekst.\n"


def test_frontedit_refuses_a_nested_edit_it_cannot_prove() -> None:
    """A value whose keys change is written anew; one that would not load back is refused."""
    post = load_post("post.md", b"---\ncover:\n  caption: Hond\n---\nTekst.\n")
    text = edit_front_matter(post, {"cover": {"caption": "Hund", "alt": "Ein Hund"}})
    assert text == "---\ncover: {caption: Hund, alt: Ein Hund}\n---\nTekst.\n"


# ---------------------------------------------------------------------------------------
# Check and merge check the translations at paths like any other


def test_a_caption_whose_translation_drops_its_link_is_refused_and_reported(tmp_path: Path) -> None:
    post = "---\ntitle: Hallo\ncover:\n  caption: Foto van [Jan](https://example.org/jan/)\n---\nTekst.\n"
    results = merge_in(tmp_path, {"post": (post, {"Hallo": "Hallo", "Tekst.": "Text.",
                                                  "Foto van [Jan](https://example.org/jan/)": "Foto von Jan"})},
                       PYPROJECT)
    assert results["post"].action == "error"
    assert "link" in results["post"].message
    report = check(load_config(tmp_path))
    problems = [p for p in report.problems if p.file.endswith("post.po")]
    assert problems and problems[0].severity == "error" and "link" in problems[0].code
    line = po_path(tmp_path, "post").read_text(encoding="utf-8").split("\n").index('msgctxt "cover.caption"') + 1
    assert problems[0].line in (line, line - 1, line - 2)


def test_a_caption_with_a_shortcode_changed_is_reported_by_check(tmp_path: Path) -> None:
    post = "---\ntitle: Hallo\nresources:\n  - title: 'Foto {{< param author >}}'\n---\nTekst.\n"
    make_root(tmp_path, {"post.md": post})
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    run_extract(tmp_path)
    fill_catalog(po_path(tmp_path, "post"), lambda c, m: "Bild {{< param autor >}}" if c == "resources.*.title" else None)
    report = check(load_config(tmp_path))
    assert [p.code for p in report.problems if p.file.endswith("post.po") and p.code != "incomplete"] == ["shortcode"]


# ---------------------------------------------------------------------------------------
# Hugo shows the German page's nested values in German

LAYOUT = (
    '{{ define "main" }}<p id="caption">{{ .Params.cover.caption }}</p><p id="alt">{{ .Params.cover.alt }}</p>'
    '<ul>{{ range .Params.resources }}<li>{{ .title }}</li>{{ end }}</ul>'
    '<p id="description">{{ .Params.params.description }}</p>{{ end }}\n'
)


@needs_hugo
def test_hugo_shows_the_translated_nested_values_on_the_german_page(tmp_path: Path) -> None:
    root = make_root(tmp_path, {"post.md": (
        "---\ntitle: Hond\ndate: 2023-05-01T10:00:00+02:00\nlang: nl\nCover:\n  Image: hond.jpg\n  Caption: Een hond in het park\n  alt: Een hond\n"
        "resources:\n  - {src: a.jpg, title: Eerste foto}\n  - src: b.jpg\n    title: Tweede foto\n"
        "params: {description: Over honden}\n---\nTekst.\n"
    )})
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    shutil.copy(REPO / "hugo.toml", root / "hugo.toml")
    shutil.copytree(REPO / "layouts", root / "layouts")
    (root / "layouts" / "_default" / "single.html").write_text(LAYOUT, encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    fill_catalog(po_path(root, "post"), lambda c, m: {
        "Hond": "Hund", "Tekst.": "Text.", "Een hond in het park": "Ein Hund im Park", "Een hond": "Ein Hund",
        "Eerste foto": "Erstes Bild", "Tweede foto": "Zweites Bild", "Over honden": "Über Hunde",
    }.get(m) if c != "slug" else None)
    result = invoke("-C", str(root), "merge")
    assert result.exit_code == 0 and "100% translated" in result.output, result.output
    assert invoke("-C", str(root), "check").exit_code == 0
    subprocess.run(["hugo", "--source", str(root), "--destination", str(root / "public")],
                   check=True, capture_output=True)
    dutch = (root / "public" / "post" / "index.html").read_text(encoding="utf-8")
    german_page = (root / "public" / "de" / "hund" / "index.html").read_text(encoding="utf-8")
    assert '<p id="caption">Een hond in het park</p><p id="alt">Een hond</p>' in dutch
    assert '<p id="caption">Ein Hund im Park</p><p id="alt">Ein Hund</p>' in german_page
    assert "<ul><li>Erstes Bild</li><li>Zweites Bild</li></ul>" in german_page
    assert '<p id="description">Über Hunde</p>' in german_page


def test_a_path_into_a_page_address_key_is_not_copied_and_merge_says_so() -> None:
    text, warnings = merged("---\ntitle: Kop\nAliases:\n  - /oud/\n---\nTekst.\n", german,
                            pyproject='[tool.pipeline]\ntranslatable-keys = ["title", "aliases.*"]\n')
    assert "/oud/" not in text and "Aliases" not in text
    assert warnings == ["content/nl/post.md:4: the translation of aliases.* is not used: the German page's "
                        "address comes from its slug (translate msgctxt \"slug\" instead)"]


def test_a_second_merge_changes_nothing_and_check_finds_the_german_post_current(tmp_path: Path) -> None:
    results = merge_in(tmp_path, {"post": (BLOCK_POST, german)}, PYPROJECT)
    assert results["post"].action == "written"
    target = tmp_path / results["post"].path
    before = target.read_bytes()
    again = {r.post_id: r for r in merge(load_config(tmp_path))}
    assert again["post"].action == "unchanged" and target.read_bytes() == before
    report = check(load_config(tmp_path))
    assert not [p for p in report.problems if p.severity == "error" and "post.md" in p.file and "date" not in p.code]
