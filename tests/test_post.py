"""pipeline.post: a post's bytes read into lines, its front matter split off and loaded.

Also the front matter formats Hugo reads besides YAML (TOML, JSON), which every command
refuses on one line until the pipeline reads and writes them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import invoke, make_root, po_path, pot_path, snapshot

from pipeline.errors import PostError
from pipeline.po import format_catalog, parse_catalog
from pipeline.post import front_matter_format, load_post

# ---------------------------------------------------------------------------------------
# Front matter formats other than YAML

TOML_POST = '+++\ntitle = "Goede titel"\ntags = ["een"]\n+++\n\nTekst van x.\n'
JSON_POST = '{\n  "title": "Goede titel",\n  "tags": ["een"]\n}\n\nTekst van x.\n'

OTHER_FORMATS = {
    # id: (text, format, line)
    "toml": (TOML_POST, "TOML", 1),
    "toml-crlf": (TOML_POST.replace("\n", "\r\n"), "TOML", 1),
    "toml-cr": (TOML_POST.replace("\n", "\r"), "TOML", 1),
    "toml-after-blank-lines": ("\n\n" + TOML_POST, "TOML", 3),  # Hugo skips them
    "toml-fence-with-spaces": (TOML_POST.replace("+++\n", "+++  \n", 1), "TOML", 1),
    "json": (JSON_POST, "JSON", 1),
    "json-on-one-line": ('{"title": "Goede titel"}\n\nTekst van x.\n', "JSON", 1),
    "json-indented": ("  " + JSON_POST, "JSON", 1),
    "json-after-a-blank-line": ("\n" + JSON_POST, "JSON", 2),
}

NOT_OTHER_FORMATS = {
    "yaml": "---\ntitle: Goede titel\n---\n\nTekst.\n",
    "no-front-matter": "Tekst.\n",
    "empty": "",
    "shortcode-first": "{{< figure src=\"x.png\" >}}\n\nTekst.\n",
    "closing-brace-first": "}\n\nTekst.\n",
    "plus-list-item": "+ een\n+ twee\n",
    "plus-in-text": "+++ is geen TOML hier\n",
    "toml-fence-later": "Tekst.\n\n+++\nx = 1\n+++\n",
}


@pytest.mark.parametrize("case", list(OTHER_FORMATS))
def test_toml_and_json_front_matter_are_told_apart(case: str) -> None:
    text, name, line = OTHER_FORMATS[case]
    assert front_matter_format(text) == (name, "+++" if name == "TOML" else "{ }", line)


@pytest.mark.parametrize("case", list(NOT_OTHER_FORMATS))
def test_what_is_no_toml_or_json_front_matter_is_not_taken_for_one(case: str) -> None:
    assert front_matter_format(NOT_OTHER_FORMATS[case]) is None
    load_post("content/nl/x.md", NOT_OTHER_FORMATS[case].encode())


@pytest.mark.parametrize("case", list(OTHER_FORMATS))
def test_a_post_with_toml_or_json_front_matter_is_refused_on_one_line(case: str) -> None:
    text, name, line = OTHER_FORMATS[case]
    for bom in (b"", b"\xef\xbb\xbf"):
        with pytest.raises(PostError) as raised:
            load_post("content/nl/x.md", bom + text.encode())
        written = "+++" if name == "TOML" else "{ }"
        assert str(raised.value) == (
            f"content/nl/x.md:{line}: {name} front matter ({written}) is not supported yet: "
            "convert it to YAML between '---' lines"
        )


GOOD = "---\ntitle: Andere post\n---\n\nEerste versie.\n"


@pytest.mark.parametrize("case", ["toml", "json", "json-on-one-line"])
def test_extract_merge_and_check_refuse_toml_and_json_front_matter(
    tmp_path: Path, case: str
) -> None:
    text, name, line = OTHER_FORMATS[case]
    root = make_root(tmp_path, {"x.md": text, "other.md": GOOD})
    message = f"content/nl/x.md:{line}: {name} front matter"

    extracted = invoke("-C", str(root), "extract")
    assert extracted.exit_code == 1
    assert "Traceback" not in extracted.output
    [error] = [e for e in extracted.stderr.splitlines() if e.startswith("error:")]
    assert error.startswith(f"error: {message}"), error
    assert "is not supported yet: convert it to YAML" in error
    assert not pot_path(root, "x").exists() and not po_path(root, "x").exists()
    assert pot_path(root, "other").exists()  # the other post went on
    other_po = po_path(root, "other")
    catalog = parse_catalog(str(other_po), other_po.read_bytes())
    for entry in catalog.messages:
        entry.msgstr = "DE " + entry.msgid
    other_po.write_text(format_catalog(catalog), encoding="utf-8")

    merged = invoke("-C", str(root), "merge")
    assert merged.exit_code == 1
    assert "Traceback" not in merged.output
    assert message in merged.stderr, merged.output
    assert not (root / "content" / "de" / "x.md").exists()
    assert (root / "content" / "de" / "other.md").exists()

    before = snapshot(root)
    checked = invoke("-C", str(root), "check")
    assert checked.exit_code == 1
    assert "Traceback" not in checked.output
    assert f"{name} front matter" in checked.stdout and "[post-unreadable]" in checked.stdout
    assert snapshot(root) == before
