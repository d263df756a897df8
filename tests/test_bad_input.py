"""Bad input through the command line: one line naming file:line, exit 1, nothing else harmed.

Each case first extracts a good version of ``content/nl/x.md`` (and translates it), then
breaks it; the next run must report it on one line, leave its catalogs byte for byte as
they were, and still update the other post.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from support import (
    cpu_seconds,
    invoke,
    make_root,
    msgcat,
    msgfmt_check,
    msgmerge,
    needs_gettext,
    po_path,
    pot_path,
    snapshot,
)

from pipeline.po import format_catalog, parse_catalog

GOOD_X = "---\ntitle: Goede titel\ntags: [een, twee]\n---\n\n# Kop\n\nTekst van x.\n"
#: x's files, and the terms catalog of its tags (pipeline.terms)
X_FILES = ["locale/de/LC_MESSAGES/_terms.po", "locale/de/LC_MESSAGES/x.po", "locale/templates/_terms.pot",
           "locale/templates/x.pot"]
OTHER_V1 = "---\ntitle: Andere post\n---\n\nEerste versie.\n"
OTHER_V2 = "---\ntitle: Andere post\n---\n\nEerste versie.\n\nEen nieuwe alinea.\n"

LAUGHS = "".join(
    f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9 if prev else ['"lol"'] * 9) + "]\n"
    for prev, name in zip([None, "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi")
)

BAD_POSTS = {
    # id: (bytes, line, phrase)
    "unclosed": (b"---\ntitle: Open\n\nTekst.\n", 1, "never closed"),
    "unclosed-after-bom": (b"\xef\xbb\xbf---\r\ntitle: Open\r\n\r\nTekst.\r\n", 1, "never closed"),
    "invalid-yaml": (
        b"---\ntitle: Goed\nauthor: Jan: de Vries\n---\n\nTekst.\n",
        3,
        "not valid YAML",
    ),
    "tab-in-yaml": (b"---\ntitle: Goed\n\tauthor: Jan\n---\n\nTekst.\n", 3, "not valid YAML"),
    "undefined-alias": (b"---\ntitle: Goed\nauthor: *jan\n---\n", 3, "not valid YAML"),
    "list-not-mapping": (b"---\n- title\n- tags\n---\n\nTekst.\n", 2, "not a mapping"),
    "scalar-not-mapping": (b"---\nalleen tekst\n---\n\nTekst.\n", 2, "not a mapping"),
    "latin-1-front-matter": ("---\ntitle: Café\n---\n\nTekst.\n".encode("latin-1"), 2, "not UTF-8"),
    "latin-1-body": ("---\ntitle: Cafe\n---\n\nEen café.\n".encode("latin-1"), 5, "not UTF-8"),
    "python-tag": (
        b'---\ntitle: Goed\nx: !!python/object/apply:os.system ["touch pwned"]\n---\n',
        3,
        "tag that is not allowed",
    ),
    "billion-laughs": (
        ("---\n" + LAUGHS + "title: lol\n---\n\nTekst.\n").encode(),
        2,
        "YAML nodes",
    ),
    "recursive-alias": (b"---\na: &a [*a]\ntitle: x\n---\n", 2, "YAML nodes"),
    "nul-byte": (b"---\ntitle: Goed\n---\n\nTekst\x00.\n", 5, "NUL byte"),
    "impossible-date": (b"---\ntitle: Goed\ndate: 2017-02-30\n---\n", 3, "day is out of range"),
    "git-conflict": (
        b"---\ntitle: Goed\n---\n\n<<<<<<< HEAD\nDe tekst van mij.\n=======\nDe tekst van jou.\n"
        b">>>>>>> feature\n",
        5,
        "git conflict markers: resolve the merge first",
    ),
    "git-conflict-in-front-matter": (
        b"---\n<<<<<<< HEAD\ntitle: Mijn titel\n=======\ntitle: Jouw titel\n>>>>>>> a1b2c3d\n---\n\nTekst.\n",
        2,
        "git conflict markers: resolve the merge first",
    ),
    "git-conflict-across-a-fence": (  # one side opens a code block: still a conflict
        b"---\ntitle: Goed\n---\n\n<<<<<<< HEAD\n```python\n=======\n```js\n>>>>>>> b\ncode\n```\n",
        5,
        "git conflict markers: resolve the merge first",
    ),
    # both sides changed the code of a list item: the markers (not indented) end the item and
    # its code block, and were published as a heading and seven nested quotes
    "git-conflict-in-a-list-item-s-code": (
        b"---\ntitle: Goed\n---\n\n- Stap een:\n\n  ```sh\n<<<<<<< HEAD\n  git merge main\n=======\n"
        b"  git rebase main\n>>>>>>> b\n  ```\n",
        8,
        "git conflict markers: resolve the merge first",
    ),
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """x.md and other.md extracted and translated: the state a bad edit arrives in."""
    root = make_root(tmp_path, {"x.md": GOOD_X, "other.md": OTHER_V1})
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 0, result.output
    for post_id in ("x", "other"):
        path = po_path(root, post_id)
        catalog = parse_catalog(str(path), path.read_bytes())
        for message in catalog.messages:
            message.msgstr = "DE " + message.msgid
        path.write_text(format_catalog(catalog), encoding="utf-8")
    return root


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("error:")]


@pytest.mark.parametrize("case", list(BAD_POSTS))
def test_bad_post_is_reported_and_its_catalogs_untouched(root: Path, case: str) -> None:
    data, line, phrase = BAD_POSTS[case]
    x_before = {p: p.read_bytes() for p in (pot_path(root, "x"), po_path(root, "x"))}
    make_root(root, {"x.md": data, "other.md": OTHER_V2})
    started = cpu_seconds()
    result = invoke("-C", str(root), "extract")
    assert cpu_seconds() - started < 5
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    [error] = error_lines(result.stderr)
    assert re.fullmatch(rf"error: content/nl/x\.md:{line}: .+", error), error
    assert phrase in error
    assert error in result.stderr and error not in result.stdout
    # the bad post's catalogs are byte for byte as they were
    assert {p: p.read_bytes() for p in x_before} == x_before
    # the other post went on
    assert "updated locale/de/LC_MESSAGES/other.po (1 new, 0 fuzzy, 0 obsolete)" in result.stdout
    assert "Een nieuwe alinea." in po_path(root, "other").read_text(encoding="utf-8")
    assert result.stdout.splitlines()[-1].endswith("; 1 error in 1 post")
    assert not (root / "pwned").exists()


@pytest.mark.parametrize("case", ["unclosed", "python-tag", "nul-byte"])
def test_bad_new_post_gets_no_catalog(tmp_path: Path, case: str) -> None:
    data, line, _ = BAD_POSTS[case]
    root = make_root(tmp_path, {"x.md": data, "other.md": OTHER_V1})
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1
    [error] = error_lines(result.stderr)
    assert error.startswith(f"error: content/nl/x.md:{line}: ")
    assert sorted(snapshot(root)) == [
        "locale/de/LC_MESSAGES/other.po",
        "locale/templates/other.pot",
    ]


def test_every_bad_post_is_reported_in_one_run(tmp_path: Path) -> None:
    posts: dict[str, str | bytes] = {f"{case}.md": data for case, (data, _, _) in BAD_POSTS.items()}
    posts["good.md"] = GOOD_X
    root = make_root(tmp_path, posts)
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1
    errors = error_lines(result.stderr)
    assert errors == sorted(errors)
    assert [e.split(":")[1].strip() for e in errors] == sorted(
        f"content/nl/{c}.md" for c in BAD_POSTS
    )
    for case, (_, line, _) in BAD_POSTS.items():
        assert any(e.startswith(f"error: content/nl/{case}.md:{line}: ") for e in errors), case
    assert f"; {len(BAD_POSTS)} errors in {len(BAD_POSTS)} posts" in result.stdout
    # the good post's files, and the terms catalog of its tags (pipeline.terms)
    assert sorted(snapshot(root)) == ["locale/de/LC_MESSAGES/_terms.po", "locale/de/LC_MESSAGES/good.po",
                                      "locale/templates/_terms.pot", "locale/templates/good.pot"]


def test_alias_bomb_is_refused_fast() -> None:
    from pipeline.errors import PostError
    from pipeline.post import load_post

    # 9 ** 9 (387 million) strings if anything expanded it
    data = ("---\n" + LAUGHS + "---\n").encode()
    started = cpu_seconds()
    with pytest.raises(PostError, match="YAML nodes"):
        load_post("content/nl/x.md", data)
    assert cpu_seconds() - started < 1


# ---------------------------------------------------------------------------------------
# Catalogs that cannot be read

BAD_CATALOGS = {
    # id: (edit of the good PO text, line, phrase)
    "unterminated-string": (
        lambda t: t.replace('msgstr "DE Kop"', 'msgstr "DE Kop'),
        "expected a string",
    ),
    "unknown-keyword": (
        lambda t: t.replace('msgstr "DE Kop"', 'msgstring "DE Kop"'),
        "unknown keyword",
    ),
    "conflict-markers": (
        lambda t: t.replace(
            'msgstr "DE Kop"',
            '<<<<<<< HEAD\nmsgstr "Kopf"\n=======\nmsgstr "Titel"\n>>>>>>> theirs',
        ),
        "conflict",
    ),
    "latin-1": (lambda t: t.replace('msgstr "DE Kop"', 'msgstr "\udce9berschrift"'), "not UTF-8"),
}


def kop_line(text: str) -> int:
    return text.splitlines().index('msgid "Kop"') + 2


@pytest.mark.parametrize("case", list(BAD_CATALOGS))
def test_bad_catalog_is_reported_at_its_line_and_left_alone(root: Path, case: str) -> None:
    edit, phrase = BAD_CATALOGS[case]
    path = po_path(root, "x")
    text = path.read_text(encoding="utf-8")
    line = kop_line(text)
    broken = edit(text).encode("utf-8", "surrogateescape")
    path.write_bytes(broken)
    make_root(root, {"x.md": GOOD_X + "\nNog een alinea.\n", "other.md": OTHER_V2})
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    [error] = error_lines(result.stderr)
    assert error.startswith(f"error: locale/de/LC_MESSAGES/x.po:{line}: "), error
    assert phrase in error
    assert path.read_bytes() == broken
    assert "updated locale/de/LC_MESSAGES/other.po" in result.stdout
    # the template is the pipeline's own: it follows the post
    assert "Nog een alinea." in pot_path(root, "x").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------
# BOM and line endings


@pytest.mark.parametrize("ending", ["\r\n", "\r", "\n"], ids=["crlf", "cr", "lf"])
@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
def test_bom_and_line_endings_are_read(tmp_path: Path, bom: bool, ending: str) -> None:
    text = ending.join(
        [
            "---",
            "title: Titel",
            "tags: a, b",
            "---",
            "",
            "# Kop",
            "",
            "Regel een",
            "regel twee.",
            "",
        ]
    )
    data = ("\ufeff" if bom else "").encode() + text.encode()
    root = make_root(tmp_path, {"x.md": data})
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 0, result.output
    pot = parse_catalog("x.pot", pot_path(root, "x").read_bytes())
    found = [(m.msgctxt, m.msgid, m.locations[0][1]) for m in pot.messages]
    assert found == [
        ("slug", "x", 1),
        ("title", "Titel", 2),
        ("tags", "a", 3),
        ("tags", "b", 3),
        (None, "Kop", 6),
        (None, "Regel een regel twee.", 8),
    ]


# ---------------------------------------------------------------------------------------
# Translations typed into a template (the .pot is the pipeline's: extract writes it again)


def _type_into_template(root: Path, typed: dict[tuple[str | None, str], str], language: str | None = None) -> bytes:
    """x's template with ``typed`` msgstrs (and a Language header, as a PO editor saves it)."""
    path = pot_path(root, "x")
    template = parse_catalog(str(path), path.read_bytes())
    for message in template.messages:
        message.msgstr = typed.get(message.key, "")
    if language is not None:
        template.set_header("Language", language)
    data = format_catalog(template).encode("utf-8")
    path.write_bytes(data)
    return data


def _emptied_catalog(root: Path, language: str = "de") -> None:
    path = po_path(root, "x", language)
    catalog = parse_catalog(str(path), path.read_bytes())
    for message in catalog.messages:
        message.msgstr = ""
    path.write_text(format_catalog(catalog), encoding="utf-8")


TYPED = {("title", "Goede titel"): "Guter Titel", (None, "Tekst van x."): "Text von x."}


def test_translations_typed_into_a_template_are_carried_into_the_catalog(root: Path) -> None:
    """Into the empty entries, as they are (not fuzzy), one warning for the template; the
    template is then written clean. They used to be wiped by the next extract."""
    _emptied_catalog(root)
    _type_into_template(root, TYPED)
    # the post changes too: a typed translation whose unit is gone is kept (obsolete)
    make_root(root, {"x.md": GOOD_X.replace("Tekst van x.", "Nieuwe tekst van x.")})
    checked = invoke("-C", str(root), "check")
    # check writes nothing: it used to say they were carried
    assert ("warning: 2 translations typed into the template to be carried as they are into "
            "locale/de/LC_MESSAGES/x.po by `pipeline extract`: review there") in checked.stdout
    assert "[template-translations]" in checked.stdout
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: locale/templates/x.pot: 2 translations typed into the template carried as they "
        "are into locale/de/LC_MESSAGES/x.po: review there (the template is the pipeline's, and "
        "written again without them)"
    ]
    catalog = parse_catalog("x.po", po_path(root, "x").read_bytes())
    found = {m.key: (m.msgstr, m.fuzzy, m.obsolete) for m in catalog.messages if m.msgstr}
    assert found[("title", "Goede titel")] == ("Guter Titel", False, False)
    assert ("Text von x.", True, False) == found[(None, "Nieuwe tekst van x.")]  # the closest, fuzzy
    template = parse_catalog("x.pot", pot_path(root, "x").read_bytes())
    assert not any(m.msgstr for m in template.messages)
    again = invoke("-C", str(root), "extract")
    assert again.exit_code == 0 and not again.stderr and "0 files written" in again.stdout


@needs_gettext
def test_a_translation_typed_without_a_space_is_read_as_gnu_reads_it(root: Path) -> None:
    """``msgstr"Guter Titel"``, typed by hand: GNU reads it; the reader called it an unknown
    keyword, in a catalog and in a template (which was then left as it is)."""
    _emptied_catalog(root)
    data = _type_into_template(root, {})
    typed = data.replace(b'msgid "Goede titel"\nmsgstr ""', b'msgid "Goede titel"\nmsgstr"Guter Titel"')
    assert typed != data
    pot_path(root, "x").write_bytes(typed)
    assert msgfmt_check(pot_path(root, "x")).returncode == 0  # GNU reads it
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 0, result.output
    catalog = parse_catalog("x.po", po_path(root, "x").read_bytes())
    assert [m.msgstr for m in catalog.messages if m.msgctxt == "title"] == ["Guter Titel"]
    path = po_path(root, "x")
    path.write_bytes(path.read_bytes().replace(b'msgstr "Guter Titel"', b'msgstr"Guter Titel"'))
    assert invoke("-C", str(root), "extract").exit_code == 0
    assert b'msgstr "Guter Titel"' in path.read_bytes()


def test_a_template_saved_as_a_translation_goes_to_its_language(root: Path) -> None:
    (root / "pyproject.toml").write_text('[tool.pipeline]\ntarget-languages = ["de", "fr"]\n', encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    _emptied_catalog(root)
    fr_before = po_path(root, "x", "fr").read_bytes()
    _type_into_template(root, TYPED, language="de")
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 0, result.output
    assert "carried as they are into locale/de/LC_MESSAGES/x.po" in result.stderr
    assert 'msgstr "Guter Titel"' in po_path(root, "x").read_text(encoding="utf-8")
    assert po_path(root, "x", "fr").read_bytes() == fr_before

    # no Language and two target languages: whose are they? The template stays as it is
    data = _type_into_template(root, TYPED)
    before = snapshot(root)
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        "error: locale/templates/x.pot: translations typed into the template, and it names no "
        "Language: copy them into the catalog of their language, then delete the template "
        "(extract writes it again)"
    ]
    assert pot_path(root, "x").read_bytes() == data and snapshot(root) == before


def test_a_broken_template_with_typed_translations_is_left_as_it_is(root: Path) -> None:
    """A broken template is written again, unless someone typed translations into it: then
    it is reported at its line and left as it is (with them)."""
    path = pot_path(root, "x")
    clean = path.read_bytes()
    path.write_bytes(clean.replace(b'msgstr ""', b"msgstr", 2))  # no translations: written again
    assert invoke("-C", str(root), "extract").exit_code == 0
    assert path.read_bytes() == clean
    text = _type_into_template(root, TYPED).decode()
    data = text.replace('msgstr "Guter Titel"', 'msgstr "Der "gute" Titel"').encode()
    path.write_bytes(data)
    line = data.decode().split("\n").index('msgstr "Der "gute" Titel"') + 1
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"error: locale/templates/x.pot:{line}: expected a string in double quotes; the template "
        "holds translations typed into it, so it is left as it is: fix this line (extract then "
        "carries them into the catalog)"
    ]
    assert path.read_bytes() == data


@needs_gettext
def test_a_template_with_typed_translations_saved_as_utf16_is_left_as_it_is(root: Path) -> None:
    """Typed into the template in Notepad and saved as "Unicode": the translations were not
    seen in the bytes, and the template was written again without them."""
    _emptied_catalog(root)
    path = pot_path(root, "x")
    data = _type_into_template(root, TYPED).decode().encode("utf-16")
    path.write_bytes(data)
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1
    [error] = error_lines(result.stderr)
    assert error.startswith("error: locale/templates/x.pot:1: UTF-16, not UTF-8: convert it with `iconv")
    assert error.endswith("the template holds translations typed into it, so it is left as it is: "
                          "fix this line (extract then carries them into the catalog)"), error
    assert path.read_bytes() == data
    _follow(root, path, error)
    again = invoke("-C", str(root), "extract")
    assert again.exit_code == 0, again.output
    catalog = parse_catalog("x.po", po_path(root, "x").read_bytes())
    assert {m.msgstr for m in catalog.messages} >= set(TYPED.values())


def test_a_typed_translation_that_differs_from_the_catalog_is_refused(root: Path) -> None:
    """The catalog holds "DE Goede titel"; the template another: neither is dropped."""
    data = _type_into_template(root, {("title", "Goede titel"): "Ein anderer Titel"})
    catalog = po_path(root, "x").read_bytes()
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1
    [error] = error_lines(result.stderr)
    pot_line = data.decode().split("\n").index('msgctxt "title"') - 1
    po_line = catalog.decode().split("\n").index('msgctxt "title"') - 1
    assert error == (
        f"error: locale/templates/x.pot:{pot_line}: a translation typed into the template "
        "(msgctxt 'title', msgid 'Goede titel') differs from the one in "
        f"locale/de/LC_MESSAGES/x.po:{po_line}: keep the one you want in the catalog, then "
        "delete the template (extract writes it again)"
    )
    assert pot_path(root, "x").read_bytes() == data
    assert po_path(root, "x").read_bytes() == catalog
    checked = invoke("-C", str(root), "check")
    assert checked.exit_code == 1 and "error: a translation typed into the template" in checked.stdout
    assert "[template-translations]" in checked.stdout


# ---------------------------------------------------------------------------------------
# Charsets: the advice fits what the bytes are, and following it gives the right text


def _charset(name: str):  # type: ignore[no-untyped-def]
    return lambda po: po.replace("charset=UTF-8", f"charset={name}")


def _no_charset(po: str) -> str:
    return po.replace('"Content-Type: text/plain; charset=UTF-8\\n"\n', "")


def _no_header(po: str) -> str:
    return po[po.index("\n\n") + 2 :]


CHARSETS = {
    # id: (the header's edit, the encoding of the bytes, what the advice says)
    "utf-8 bytes, latin-1 header": (
        _charset("ISO-8859-1"), "utf-8", "but the file is UTF-8: change the header to charset=UTF-8"
    ),
    "latin-1 bytes, latin-1 header": (
        _charset("ISO-8859-1"), "latin-1", "the header says charset=ISO-8859-1: convert"
    ),
    "cp1252 bytes, utf-8 header": (
        _charset("UTF-8"), "cp1252", "change the header to charset=CP1252, then convert"
    ),
    "latin-1 bytes, utf-8 header": (
        _charset("UTF-8"), "latin-1", "change the header to charset=ISO-8859-1, then convert"
    ),
    "latin-1 bytes, no charset": (_no_charset, "latin-1", "add the line"),
    "latin-1 bytes, no header": (_no_header, "latin-1", "start the file with a header"),
    # Notepad's "Unicode": was "NUL byte: this is not a PO file"
    "utf-16 bytes": (_charset("UTF-8"), "utf-16", "UTF-16, not UTF-8: convert it with `iconv"),
}


def _follow(root: Path, path: Path, advice: str) -> None:
    """Do what an error line says, as a translator would: edit the header, run the command."""
    data = path.read_bytes()
    header = re.search(r"change the header to charset=([\w-]+)", advice)
    if header:
        data = re.sub(rb"charset=[\w-]+", f"charset={header.group(1)}".encode(), data, count=1)
    added = re.search(r'add the line ("[^"]+") to the header', advice)
    if added:
        data = data.replace(b'msgstr ""\n', b'msgstr ""\n' + added.group(1).encode() + b"\n", 1)
    start = re.search(r'start the file with a header: msgid "", msgstr "", ("[^"]+");', advice)
    if start:
        data = b'msgid ""\nmsgstr ""\n' + start.group(1).encode() + b"\n\n" + data
    path.write_bytes(data)
    command = re.search(r"`((?:msgconv|iconv) [^`]+)`", advice)
    if command:  # as written, in a shell
        subprocess.run(command.group(1), shell=True, cwd=root, check=True, capture_output=True, timeout=60)


@needs_gettext
@pytest.mark.parametrize("case", list(CHARSETS))
def test_charset_advice_fits_the_bytes_and_works(root: Path, case: str) -> None:
    """The header used to be answered with `msgconv -t UTF-8` whatever the bytes were: on a
    UTF-8 file under an ISO-8859-1 header it turns "ä" into "Ã¤"; under a UTF-8 header or
    none it fails."""
    edit, encoding, phrase = CHARSETS[case]
    text = "Grüße ä" if encoding == "latin-1" else "Grüße “ä”"  # Latin-1 has no curly quotes
    path = po_path(root, "x")
    po = edit(path.read_text(encoding="utf-8"))
    data = po.replace('msgstr "DE Kop"', f'msgstr "{text}"').encode(encoding)
    path.write_bytes(data)
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1
    [error] = error_lines(result.stderr)
    assert error.startswith("error: locale/de/LC_MESSAGES/x.po:") and phrase in error, error
    assert path.read_bytes() == data
    _follow(root, path, error)
    again = invoke("-C", str(root), "extract")
    assert again.exit_code == 0 and not again.stderr, again.output
    assert f'msgstr "{text}"' in path.read_text(encoding="utf-8")


@needs_gettext
@pytest.mark.parametrize("case", ["latin-1 bytes, latin-1 header", "utf-16 bytes"])
def test_charset_advice_works_for_a_name_with_a_space(tmp_path: Path, case: str) -> None:
    """The command in the advice, run as written in a shell, for a post named "met spatie.md"
    (the path was not quoted: msgconv got four file names)."""
    root = make_root(tmp_path, {"met spatie.md": GOOD_X})
    assert invoke("-C", str(root), "extract").exit_code == 0
    edit, encoding, phrase = CHARSETS[case]
    path = po_path(root, "met spatie")
    po = edit(path.read_text(encoding="utf-8"))
    path.write_bytes(po.replace('msgstr ""\n\n#. heading', 'msgstr "Grüße"\n\n#. heading', 1).encode(encoding))
    result = invoke("-C", str(root), "extract")
    [error] = error_lines(result.stderr)
    assert phrase in error and "'locale/de/LC_MESSAGES/met spatie.po'" in error, error
    _follow(root, path, error)
    again = invoke("-C", str(root), "extract")
    assert again.exit_code == 0 and not again.stderr, again.output
    assert 'msgstr "Grüße"' in path.read_text(encoding="utf-8")


@needs_gettext
@pytest.mark.parametrize("header", ["UTF-8", "ISO-8859-1"])
def test_a_catalog_of_utf8_and_latin1_text_is_told_to_retype_the_line(root: Path, header: str) -> None:
    """A Latin-1 paste into a UTF-8 catalog: converting the file, the advice it got, turned
    its UTF-8 text into "Ã¼"."""
    path = po_path(root, "x")
    text = path.read_text(encoding="utf-8").replace("charset=UTF-8", f"charset={header}")
    data = (text.replace('msgstr "DE Kop"', 'msgstr "Über’s Kopf"').encode()
            .replace(b'msgstr "DE Goede titel"', 'msgstr "Schöner Titel"'.encode("latin-1")))
    path.write_bytes(data)
    line = data.split(b"\n").index('msgstr "Schöner Titel"'.encode("latin-1")) + 1
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1 and path.read_bytes() == data
    assert error_lines(result.stderr) == [
        f"error: locale/de/LC_MESSAGES/x.po:{line}: not UTF-8 here, though other text in the file "
        "is: retype this line's text in a UTF-8 editor (converting the whole file would garble the rest)"
    ]
    path.write_bytes(data.replace('Schöner'.encode("latin-1"), "Schöner".encode()))  # retyped
    if header != "UTF-8":  # then the header is told to say what the file now is
        [error] = error_lines(invoke("-C", str(root), "extract").stderr)
        assert error.endswith("but the file is UTF-8: change the header to charset=UTF-8"), error
        _follow(root, path, error)
    again = invoke("-C", str(root), "extract")
    assert again.exit_code == 0 and not again.stderr, again.output
    catalog_text = path.read_bytes().decode("utf-8")
    assert "Über’s Kopf" in catalog_text and "Schöner Titel" in catalog_text


@needs_gettext
def test_a_byte_order_mark_under_a_latin1_header_is_told_to_fix_the_header(root: Path) -> None:
    """A catalog saved "UTF-8 with BOM" (Notepad) under an old ISO-8859-1 header, all its
    text ASCII, was told to run msgconv, which fails on the byte order mark."""
    path = po_path(root, "x")
    data = b"\xef\xbb\xbf" + path.read_bytes().replace(b"charset=UTF-8", b"charset=ISO-8859-1")
    assert data[3:].isascii()
    path.write_bytes(data)
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1 and path.read_bytes() == data
    [error] = error_lines(result.stderr)
    assert error.endswith("but the file is UTF-8: change the header to charset=UTF-8"), error
    _follow(root, path, error)
    again = invoke("-C", str(root), "extract")
    assert again.exit_code == 0 and not again.stderr, again.output


@needs_gettext
def test_what_msgconv_makes_of_utf8_under_a_latin1_header_is_not_accepted_silently(root: Path) -> None:
    """The old advice followed: the text is double-encoded, and extract and check name the line."""
    path = po_path(root, "x")
    po = path.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=ISO-8859-1")
    path.write_text(po.replace('msgstr "DE Kop"', 'msgstr "Grüße ä’"'), encoding="utf-8")
    subprocess.run(["msgconv", "-t", "UTF-8", "-o", str(path), str(path)], check=True, timeout=60)
    text = path.read_text(encoding="utf-8")
    assert "GrÃ¼Ã\u009fe Ã¤â\u0080\u0099" in text  # what msgconv made of it
    line = text.split("\n").index('msgid "Kop"') - 1  # 1-based, with its #. and #: lines
    expected = (f"locale/de/LC_MESSAGES/x.po:{line}: 'Ã¼' in the translation looks double-encoded "
                "(UTF-8 read as Latin-1): should it read 'ü'? Retype it in a UTF-8 editor")
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"warning: {expected}"]
    checked = invoke("-C", str(root), "check")
    assert f"{line}: warning: 'Ã¼' in the translation looks double-encoded" in checked.stdout
    assert "[catalog-double-encoded]" in checked.stdout


# ---------------------------------------------------------------------------------------
# Git conflict markers in a post (one of BAD_POSTS); what looks like them and is a real post


LOOKALIKES = {
    "setext heading": "---\ntitle: Goed\n---\n\nEen kop\n=======\n\nTekst.\n",
    "a post about git": (
        "---\ntitle: Over git\n---\n\nZo ziet een conflict eruit:\n\n```\n<<<<<<< HEAD\nvan mij\n"
        "=======\nvan jou\n>>>>>>> feature\n```\n"
    ),
    "markers not at line starts": (
        "---\ntitle: Goed\n---\n\nTekst <<<<<<< HEAD\n\n    =======\n\n> >>>>>>> theirs\n"
    ),
    "only some markers": "---\ntitle: Goed\n---\n\n<<<<<<< HEAD is hoe git begint.\n\nTekst.\n",
    "an example in a <pre> block": (
        "---\ntitle: Over git\n---\n\nZo:\n\n<pre>\n<<<<<<< HEAD\nvan mij\n=======\nvan jou\n"
        ">>>>>>> feature\n</pre>\n"
    ),
    "an example in a list item's code": (
        "---\ntitle: Over git\n---\n\n- Zo:\n\n  ```\n  <<<<<<< HEAD\n  van mij\n  =======\n"
        "  van jou\n  >>>>>>> feature\n  ```\n"
    ),
}


@pytest.mark.parametrize("case", list(LOOKALIKES))
def test_what_only_looks_like_conflict_markers_is_extracted(tmp_path: Path, case: str) -> None:
    root = make_root(tmp_path, {"x.md": LOOKALIKES[case]})
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 0, result.output


def test_a_post_with_conflict_markers_is_refused_by_merge_and_check(root: Path) -> None:
    data, line, phrase = BAD_POSTS["git-conflict"]
    german = root / "content" / "de" / "x.md"
    assert invoke("-C", str(root), "merge").exit_code == 0
    written = german.read_bytes()
    make_root(root, {"x.md": data})
    merged = invoke("-C", str(root), "merge")
    assert merged.exit_code == 1
    assert f"content/nl/x.md:{line}: {phrase}" in merged.stderr, merged.output
    assert german.read_bytes() == written
    checked = invoke("-C", str(root), "check")
    assert checked.exit_code == 1
    assert f"{line}: error: {phrase} [post-unreadable]" in checked.stdout, checked.stdout


# ---------------------------------------------------------------------------------------
# Control characters in a post's file name


BAD_NAMES = {
    # name: as the error shows it
    "nieuw\nbericht.md": "nieuw\\nbericht.md: a control character",
    "tab\there.md": "tab\\there.md: a control character",
    "kleur\x1b[31m.md": "kleur\\x1b[31m.md: a control character",
    "scheiding\u2028.md": "scheiding\\u2028.md: a control character",
    "del\x7f.md": "del\\x7f.md: a control character",
    "caf\udce9.md": "caf\\xe9.md: a byte that is not UTF-8",  # Latin-1 "café.md" on Linux
}


@needs_gettext
def test_a_catalog_for_a_name_with_a_newline_is_one_gnu_refuses(tmp_path: Path) -> None:
    """Why such names are refused: the template extract would write for one is broken."""
    from pipeline.update import build_template
    from pipeline.post import load_post
    from pipeline.segment import segment_post

    post = load_post("content/nl/x.md", GOOD_X.encode())
    units = segment_post(post, "nieuw\nbericht", ("title",), ("tags",), [])
    path = tmp_path / "x.pot"
    path.write_text(format_catalog(build_template("nieuw\nbericht", "content/nl/nieuw\nbericht.md", units, "2026-01-01 00:00+0000")))
    done = msgfmt_check(path)
    assert done.returncode != 0 and "x.pot:" in done.stderr


def test_a_post_whose_name_holds_a_control_character_is_refused_on_one_line(tmp_path: Path) -> None:
    """Refused before the name goes anywhere (a non-UTF-8 name made every command end in a
    traceback: the cache cannot hold it)."""
    root = make_root(tmp_path, {**{name: GOOD_X for name in BAD_NAMES}, "x.md": GOOD_X})
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1 and not isinstance(result.exception, UnicodeError), result.output
    assert sorted(error_lines(result.stderr)) == sorted(
        f"error: content/nl/{shown} in the file name, which catalogs cannot hold: rename the file"
        for shown in BAD_NAMES.values()
    ), result.stderr
    assert sorted(snapshot(root)) == X_FILES
    for name in BAD_NAMES:
        assert not (root / "content" / "de" / name).exists()
    for command in ("merge", "check"):
        done = invoke("-C", str(root), "--no-wait", command, "--min-translated", "0")
        assert done.exit_code == 1 and not isinstance(done.exception, UnicodeError), done.output
        out = done.stderr if command == "merge" else done.stdout
        assert out.count("in the file name, which catalogs cannot hold") == len(BAD_NAMES), out
    assert sorted(snapshot(root)) == X_FILES


@needs_gettext
@pytest.mark.parametrize("name", ["met spatie.md", "een map met spaties/nog een naam.md", "met\u00a0nbsp.md"])
def test_catalogs_of_a_name_with_spaces_are_ones_gnu_leaves_as_they_are(tmp_path: Path, name: str) -> None:
    """GNU splits references at spaces and drops a word it has seen in the entry: a unit
    that is twice in "met spatie.md" got references msgcat and msgmerge rewrote. The reader
    split them too, and merge counted each unit once per word of the name."""
    post = "---\ntitle: Goed\nslug: goed\n---\n\nTwee keer.\n\nEen keer.\n\nTwee keer.\n"
    root = make_root(tmp_path, {name: post})
    assert invoke("-C", str(root), "extract").exit_code == 0
    post_id = name[:-3]
    for path in (pot_path(root, post_id), po_path(root, post_id)):
        assert msgcat(path) == path.read_bytes(), path.read_text(encoding="utf-8")
    catalog_path = po_path(root, post_id)
    assert msgmerge(catalog_path, pot_path(root, post_id)) == catalog_path.read_bytes()
    catalog = parse_catalog("x.po", po_path(root, post_id).read_bytes())
    counts = {m.msgid: len(m.locations) for m in catalog.messages}
    assert counts == {"goed": 1, "Goed": 1, "Twee keer.": 2, "Een keer.": 1}, counts
    [title] = [m for m in catalog.messages if m.msgctxt == "title"]
    assert title.locations == [(f"content/nl/{name}", 2)]


INVISIBLE_NAMES = {
    # name: as the error shows it
    "factuur\u202edm.exe.md": "factuur\\u202edm.exe.md",  # shows as "factuurexe.md.md"
    "nieuws\u200b.md": "nieuws\\u200b.md",  # looks like nieuws.md
    "\ufeffover.md": "\\ufeffover.md",
    "zacht\u00adje.md": "zacht\\xadje.md",
}


def test_a_post_whose_name_holds_an_invisible_character_is_refused(tmp_path: Path) -> None:
    """A bidirectional control or a zero-width space makes a name look like another (in
    the catalogs, in every line the pipeline prints); they were taken as they were."""
    root = make_root(tmp_path, {**{name: GOOD_X for name in INVISIBLE_NAMES}, "x.md": GOOD_X})
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1
    assert sorted(error_lines(result.stderr)) == sorted(
        f"error: content/nl/{shown}: an invisible character in the file name (it hides, or "
        "turns around, what the name shows): rename the file"
        for shown in INVISIBLE_NAMES.values()
    ), result.stderr
    assert sorted(snapshot(root)) == X_FILES


CAFE_NFC, CAFE_NFD = "caf\u00e9", "cafe\u0301"  # they look the same


def test_a_post_name_in_decomposed_unicode_is_refused(tmp_path: Path) -> None:
    """"café.md" as "cafe" and a combining accent (a macOS file system, git without
    precomposeunicode) is another name than the composed one: its catalogs were others, and
    a checkout that composed it found them orphaned, and was told to delete them."""
    root = make_root(tmp_path, {f"{CAFE_NFD}.md": GOOD_X, "x.md": GOOD_X})
    expected = ("error: content/nl/cafe\\u0301.md: a name in decomposed Unicode (an accent as a "
                "character of its own): rename the file to its composed (NFC) form")
    result = invoke("-C", str(root), "extract")
    assert result.exit_code == 1 and error_lines(result.stderr) == [expected], result.output
    assert sorted(snapshot(root)) == X_FILES
    checked = invoke("-C", str(root), "check", "--min-translated", "0")
    assert checked.exit_code == 1 and expected[len("error: content/nl/cafe\\u0301.md: "):] in checked.stdout


def test_a_catalog_named_in_the_other_unicode_form_is_not_to_be_deleted(tmp_path: Path) -> None:
    """Its name and its post's look the same: "no post café.md: delete the catalog" lost
    the translations. Check says what to do, and doing it keeps them."""
    root = make_root(tmp_path, {f"{CAFE_NFC}.md": GOOD_X.replace("---\n\n", "slug: cafe\n---\n\n")})
    assert invoke("-C", str(root), "extract").exit_code == 0
    path = po_path(root, CAFE_NFC)
    path.write_text(path.read_text(encoding="utf-8").replace(
        'msgid "Tekst van x."\nmsgstr ""', 'msgid "Tekst van x."\nmsgstr "Text von x."'), encoding="utf-8")
    twin = po_path(root, CAFE_NFD)
    path.rename(twin)  # as an older pipeline wrote it, for the decomposed name
    checked = invoke("-C", str(root), "check", "--min-translated", "0")
    assert "delete the catalog" not in checked.stdout
    assert ("its post's name in decomposed Unicode: rename it to the composed (NFC) form "
            "[catalog-orphan]") in checked.stdout, checked.stdout
    assert invoke("-C", str(root), "extract").exit_code == 0  # the post's own catalog, empty
    checked = invoke("-C", str(root), "check", "--min-translated", "0")
    assert ("this name in decomposed Unicode is locale/de/LC_MESSAGES/caf\u00e9.po's: copy the "
            "translations it holds into that one, then delete it") in checked.stdout, checked.stdout
    twin.replace(path)  # the translations are in the twin only: it replaces the empty one
    checked = invoke("-C", str(root), "check", "--min-translated", "0")
    assert "catalog-orphan" not in checked.stdout, checked.stdout
    assert 'msgstr "Text von x."' in path.read_text(encoding="utf-8")

