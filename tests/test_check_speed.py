"""The shortcuts a cold ``check`` takes for speed (ISSUE 15: check from scratch, as in CI),
each against the slow way it replaces: a wrong shortcut fails here."""

from __future__ import annotations

import pickle
import re
import shutil
from dataclasses import asdict, fields
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import invoke, make_root, po_path, pot_path

from pipeline.checkers import Problem, Schema, _known_keys, _misspelling_of, check_translation
from pipeline import api
from pipeline.cache import Memo, Store, digest
from pipeline.check import RECORD_KEYS, TranslationChecks, _record_kept, _StaleCatalogs, _files_below
from pipeline.config import load_config
from pipeline.extract import creation_date
from pipeline.po import Catalog, Message, format_catalog, parse_catalog
from pipeline.terms import CatalogNotes, GlossaryTerm, _compile, glossary_problems
from pipeline.site import collect_summaries, summary_made
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


def _site_for_summaries(tmp_path: Path) -> Path:
    """Two target languages, each catalog translated in part and differently; one template
    with a translation typed into it (extract's dry run carries it into the catalog it
    parsed), one post whose French catalog is missing, one whose German catalog is broken,
    a title in other case (``Title``) and tags."""
    posts = {
        f"post-{n}.md": (f"---\n{'Title' if n == 1 else 'title'}: Fiets {n}\ntags: [fiets, onderhoud]\n---\n\n"
                         f"# Kop {n}\n\nDe fiets van post {n}.\n\nNog een alinea over de fiets.\n")
        for n in range(4)
    }
    root = make_root(tmp_path / "site", posts)
    (root / "pyproject.toml").write_text('[tool.pipeline]\ntarget-languages = ["de", "fr"]\n', encoding="utf-8")
    assert invoke("-C", str(root), "extract").exit_code == 0
    for language, word in (("de", "Das"), ("fr", "Le")):
        for n in range(4):
            path = po_path(root, f"post-{n}", language)
            catalog = parse_catalog(str(path), path.read_bytes())
            for i, message in enumerate(catalog.messages):
                if i % (2 if language == "de" else 3) == 0:
                    message.msgstr = f"{word} {message.msgid}"
            path.write_bytes(format_catalog(catalog).encode("utf-8"))
    pot = pot_path(root, "post-0")
    text = pot.read_text(encoding="utf-8")
    untranslated = next(m for m in parse_catalog("de", po_path(root, "post-0").read_bytes()).messages
                        if not m.msgstr and m.msgctxt != "slug")
    typed = text.replace(f'msgid "{untranslated.msgid}"\nmsgstr ""', f'msgid "{untranslated.msgid}"\nmsgstr "Getippt"')
    assert typed != text
    typed = typed.replace('"Language: \\n"', '"Language: de\\n"')  # as a PO editor saves it
    assert '"Language: de\\n"' in typed
    pot.write_text(typed, encoding="utf-8")
    po_path(root, "post-1", "fr").unlink()
    po_path(root, "post-2", "de").write_text('msgid "a"\nmsgstr "b"\nmsgid "a"\n', encoding="utf-8")
    return root


def test_the_summaries_the_stale_catalog_pass_makes_are_the_summary_passs(tmp_path: Path) -> None:
    """The stale-catalog pass makes each post's summary in each language of the catalog it
    parsed (as read: not as extract's update leaves it), for the summary pass to take: the
    same summaries as that pass makes reading the files again, and the same report."""
    root = _site_for_summaries(tmp_path)
    config = api.content_root(root)
    paths = sorted((root / "content" / "nl").glob("*.md"))
    stage = _StaleCatalogs(config, creation_date())
    made = [stage(path, None)[3] for path in paths]
    with Store(root, False) as store:
        for language in ("de", "fr"):
            slow = collect_summaries(store, config, paths, language)
            assert [m[language][0] for m in made] == slow
            assert [m[language][1] for m in made] == [
                {"post": digest(path.read_bytes()),
                 "po": digest(p.read_bytes()) if (p := po_path(root, path.stem, language)).exists() else digest(None)}
                for path in paths]
            # taken by the summary pass as it makes them
            given = {path: m[language] for path, m in zip(paths, made)}
            assert collect_summaries(store, config, paths, language, given=given) == slow
            assert given == {}
    shutil.rmtree(root / ".pipeline-cache", ignore_errors=True)
    cold = api.check(root)
    assert cold == api.check(root, use_cache=False)


def test_a_problem_as_the_caches_keep_it_is_asdicts() -> None:
    """``Problem.as_dict`` is ``asdict`` without the deep copy: every field is there, by
    value, and none holds anything a copy would have to take apart."""
    problem = Problem("content/nl/a.md", 3, "warning", "key-misspelt", "titel: did you mean title?", True)
    assert problem.as_dict() == asdict(problem)
    assert list(problem.as_dict()) == [f.name for f in fields(Problem)]
    assert all(f.type in ("str", "int | None", "bool") for f in fields(Problem)), "as_dict copies no container"
    assert Problem(**problem.as_dict()) == problem


def test_the_files_a_check_digests_are_rglobs_in_its_order(tmp_path: Path) -> None:
    """The files below a folder whose digests make the state of the tree (the key of the
    report kept): those ``rglob`` finds, in the order sorted Paths have (by their parts: ``a/``
    before ``a-b/``, which text puts after), symlinked folders not entered, symlinked files
    taken, broken links and folders not."""
    top = tmp_path / "content"
    for name in ("a/x.md", "a-b/x.md", "a.b/y.md", "A/z.md", ".hidden/h.md", "a/b/c/d.md", "é/ü.md", "a0.md", "a-.md"):
        (top / name).parent.mkdir(parents=True, exist_ok=True)
        (top / name).write_text("x", encoding="utf-8")
    (top / "linked").symlink_to(top / "a", target_is_directory=True)
    (top / "file-link.md").symlink_to(top / "a" / "x.md")
    (top / "broken.md").symlink_to(top / "nowhere.md")
    assert _files_below(top) == sorted(p for p in top.rglob("*") if p.is_file())
    assert [p.relative_to(top).as_posix() for p in _files_below(top)][:4] == [".hidden/h.md", "A/z.md", "a/b/c/d.md", "a/x.md"]


def test_check_keeps_every_value_of_a_generation_record_it_reads() -> None:
    """Check keeps of each German post's generation record only :data:`RECORD_KEYS` (for
    thousands of posts): every value it reads of one (``values.get("url")``,
    ``values["url"]``) is among them."""
    import pipeline.check

    source = Path(pipeline.check.__file__).read_text(encoding="utf-8")
    read = set(re.findall(r'values(?:\.get\(|\[)"([a-z_0-9]+)"', source))
    assert read and read <= set(RECORD_KEYS)
    assert _record_kept({"url": "/de/x/", "post_sha256": "a", "catalog_sha256": "b", "generator": "x"}) == {
        "url": "/de/x/", "post_sha256": "a", "catalog_sha256": "b"}
    assert _record_kept({}) == {} and _record_kept(None) is None  # a record without them is still one


def _guide_pairs() -> list[tuple[str, str]]:
    """(Dutch, German) paragraph pairs of the Open Source Guides articles, by position."""
    guide = Path(__file__).parent / "fixtures" / "opensource-guide"
    pairs = []
    for dutch in sorted((guide / "nl").glob("*.md")):
        german = guide / "de" / dutch.name
        if german.exists():
            pairs += zip(dutch.read_text(encoding="utf-8").split("\n\n"),
                         german.read_text(encoding="utf-8").split("\n\n"))
    return pairs


def test_a_memo_keeps_at_most_its_limit_and_nothing_when_off() -> None:
    """The one memo of a run's repeated work (:class:`~pipeline.cache.Memo`): what it keeps is
    given back; it never holds more than its limit (then it starts afresh); a limit of 0
    keeps nothing; a process of --jobs is sent it empty."""
    for limit in (1, 3, 10):
        memo: Memo[int] = Memo(limit)
        for n in range(50):
            key = Memo.key(f"text {n}")
            memo.keep(key, n)
            assert memo.get(key) == n and 1 <= len(memo) <= limit
        assert len(memo) == 50 % limit or len(memo) == limit
    off: Memo[int] = Memo(0)
    off.keep(Memo.key("a"), 1)
    assert off.get(Memo.key("a")) is None and len(off) == 0
    assert Memo().limit == Memo.LIMIT == 20_000
    assert Memo.key("a\udc80") != Memo.key("a") and len(Memo.key("x")) == 16  # lone surrogates too
    full: Memo[int] = Memo(10)
    full.keep(Memo.key("a"), 1)
    copied = pickle.loads(pickle.dumps(full))
    assert len(copied) == 0 and copied.limit == 10 and len(full) == 1


def _memos() -> list[Memo]:
    """The memo as a run has it, one that starts afresh every few keys, and one off."""
    return [Memo(), Memo(10), Memo(0)]


def test_translation_checks_remembered_by_pair_are_check_translations() -> None:
    """:class:`TranslationChecks` gives each pair what :func:`check_translation` gives it,
    asked again and again, with its memo on, small or off; where a post's links map otherwise
    (the checks asked ``map_url``) each post's own; pairs of the same texts cut elsewhere are
    not one; and it keeps at most its memo's limit."""
    pairs = _guide_pairs()
    assert len(pairs) > 100
    slow = [check_translation(msgid, msgstr, "de") for msgid, msgstr in pairs]
    assert sum(map(bool, slow)) > 5  # findings to remember
    for memo in _memos():
        checks = TranslationChecks("de", memo)
        for _ in range(2):
            assert [list(checks(msgid, msgstr, lambda u: u)) for msgid, msgstr in pairs] == slow
            assert len(memo) <= min(memo.limit, len(pairs))
        assert (len(memo) > 0) == (memo.limit > 0)  # used, where on
        # a link mapped per post: the same pair, right in one post and wrong in another
        msgid, msgstr = "Zie [de gids](/gids/).", "Siehe [den Leitfaden](/de/leitfaden/)."
        right = {"/gids/": "/de/leitfaden/"}.get
        wrong = {"/gids/": "/de/anders/"}.get
        for map_url in (right, wrong, right, wrong):
            assert list(checks(msgid, msgstr, map_url)) == check_translation(msgid, msgstr, "de", map_url)
        assert checks(msgid, msgstr, right) == () and checks(msgid, msgstr, wrong) != ()
        # the same characters split otherwise between msgid and msgstr
        split = TranslationChecks("de", Memo(memo.limit))
        for msgid, msgstr in (("Eén. Twee.", ""), ("Eén.", " Twee."), ("", "Eén. Twee.")):
            assert list(split(msgid, msgstr, lambda u: u)) == check_translation(msgid, msgstr, "de")
    # another language's checks are its own
    assert list(TranslationChecks("fr")(*pairs[0], lambda u: u)) == check_translation(*pairs[0], "fr")


def _glossary_problems_slowly(catalog: Catalog, glossary: list[GlossaryTerm]) -> list[tuple[int, str]]:
    """The glossary warnings the plain way: every term, in order, tried on every entry."""
    said = []
    for message in catalog.messages:
        if message.obsolete or not message.translated or not message.msgstr.strip():
            continue
        seen: set[tuple[str, str]] = set()
        for term in glossary:
            pair = (term.source.casefold(), term.target.casefold())
            if (pair not in seen
                    and re.search(rf"(?<!\w){re.escape(term.source)}(?!\w)", message.msgid, re.IGNORECASE)
                    and pair[1] not in message.msgstr.casefold()):
                seen.add(pair)
                said.append((message.lineno, term.source))
    return said


def test_glossary_terms_remembered_by_msgid_are_those_each_entry_holds() -> None:
    """The glossary's terms found in a msgid are remembered for the run (a repeated msgid is
    looked up once, at most the limit kept): each catalog's warnings are still the terms its
    own entries hold and their own translations lack, in the glossary's order, whatever
    catalog the msgid was seen in first."""
    pairs = _guide_pairs()
    glossary = [GlossaryTerm(source, target, f"g.csv:{n}") for n, (source, target) in enumerate([
        ("open source", "Open Source"), ("project", "Projekt"), ("Project", "Vorhaben"), ("bijdragers", "Beitragende"),
        ("GitHub", "GitHub"), ("licentie", "Lizenz"), ("++", "++"), ("code", "Code"), ("open", "offen"),
    ], 1)]
    compiled = _compile(glossary)
    for memo in _memos():
        compiled.found = memo
        for start in (0, 7, 0):  # the same msgids again, with other translations
            messages = [Message(msgid=msgid, msgstr=pairs[(n + start) % len(pairs)][1], lineno=n + 1)
                        for n, (msgid, _) in enumerate(pairs)]
            messages.append(Message(msgid="C++ en open source", msgstr="C und offen", lineno=len(pairs) + 1))
            catalog = Catalog([], messages)
            fast = [(p.line, re.search(r"term '([^']*)'", p.message).group(1))
                    for p in glossary_problems(catalog, "x.po", compiled)]
            slow = _glossary_problems_slowly(catalog, glossary)
            assert fast == slow and len(slow) > 20
            assert len(memo) <= memo.limit
        assert len(memo) == min(memo.limit, len({msgid for msgid, _ in pairs} | {"C++ en open source"})) or memo.limit == 10


def test_a_check_with_its_memos_off_says_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole check from scratch, its translation checks and glossary look-ups remembered
    or not (:attr:`Memo.LIMIT` 0): the same report, findings of repeated pairs included."""
    root = _site_for_summaries(tmp_path)
    (root / "glossary.csv").write_text("nl,de,fr\nfiets,Fahrrad,vélo\nalinea,Absatz,alinéa\n", encoding="utf-8")
    with (root / "pyproject.toml").open("a", encoding="utf-8") as file:
        file.write('glossary = "glossary.csv"\n')
    on = api.check(root, use_cache=False)
    assert any(p.code == "glossary" for p in on.problems)
    monkeypatch.setattr(Memo, "LIMIT", 0)
    assert api.check(root, use_cache=False) == on


def test_an_unchanged_template_is_noted_as_the_template_built_as_parsed_it_would_be(tmp_path: Path) -> None:
    """Check's stale-catalog pass does not parse a template whose bytes are those extract
    writes: the notes it makes of it (term entries, typed translations) are those the
    parsed file gives; one that differs (translations typed into it, or another date's
    layout) is parsed as before."""
    root = _site_for_summaries(tmp_path)
    config = api.content_root(root)
    notes = CatalogNotes(config)
    stage = _StaleCatalogs(config, creation_date(), notes)
    paths = sorted((root / "content" / "nl").glob("*.md"))
    for path in paths:
        pot = pot_path(root, path.stem)
        data = pot.read_bytes()
        told = [note for note in stage(path, None)[2] if note[2] == config.relative(pot)]
        assert told == notes(pot, data, parse_catalog(config.relative(pot), data), None)
        assert told[0][4], "term entries (the tags)"
    assert "Getippt" in pot_path(root, "post-0").read_text(encoding="utf-8")  # parsed: told of its translation
    before = api.check(root, use_cache=False)
    shutil.rmtree(root / ".pipeline-cache", ignore_errors=True)
    assert api.check(root) == before  # cold
    assert api.check(root) == before  # warm, from the notes kept


BAD_CASES = Path(__file__).parent / "fixtures" / "bad"


def _guide_site(tmp_path: Path) -> Path:
    """The Open Source Guides' Dutch articles, extracted, every other entry translated."""
    guide = Path(__file__).parent / "fixtures" / "opensource-guide" / "nl"
    root = make_root(tmp_path / "guide", {p.name: p.read_bytes() for p in sorted(guide.glob("*.md"))})
    assert invoke("-C", str(root), "extract").exit_code == 0
    for path in sorted((root / "locale" / "de" / "LC_MESSAGES").glob("*.po")):
        catalog = parse_catalog(str(path), path.read_bytes())
        for i, message in enumerate(catalog.messages):
            if i % 2 == 0 and message.msgctxt != "slug":
                message.msgstr = f"Das {message.msgid}"
        path.write_bytes(format_catalog(catalog).encode("utf-8"))
    return root


@pytest.mark.parametrize("case", ["guide", *sorted(p.name for p in BAD_CASES.iterdir() if p.is_dir())])
def test_the_post_extract_read_makes_the_summary_reading_it_again_makes(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The stale-catalog pass hands the post extract's dry run read, loaded and cut to the
    summary (:func:`pipeline.site.summary_made`'s ``source_read``), which neither reads nor
    parses it again: the same summary, and digests, as reading the post again gives, on the
    real articles and on every bad input of tests/fixtures/bad/."""
    import pipeline.translated

    if case == "guide":
        root = _guide_site(tmp_path)
    else:
        root = tmp_path / case
        shutil.copytree(BAD_CASES / case, root, symlinks=True)
    config = api.content_root(root)
    paths = sorted(p for p in (root / "content" / "nl").rglob("*.md") if p.is_file())
    loads_again: list[str] = []
    load = pipeline.translated.load_source_post

    def counted(shown: str, data: bytes, max_bytes: int):  # type: ignore[no-untyped-def]
        loads_again.append(shown)
        return load(shown, data, max_bytes)

    monkeypatch.setattr(pipeline.translated, "load_source_post", counted)
    stage = _StaleCatalogs(config, creation_date())
    made = [stage(path, None)[3] for path in paths]
    handed = len(paths) - len(loads_again)
    monkeypatch.setattr(pipeline.translated, "load_source_post", load)
    for language in config.target_languages:
        for path, summaries in zip(paths, made):
            assert summaries[language][:2] == summary_made(config, path, language, None, None)[:2], path
    if case == "guide":
        assert handed == len(paths) == 12, "the summaries took the post as extract read it"
