"""XLIFF 1.2 for translation agencies: what is left to translate exported per post and
language (``pipeline export --xliff DIR``), and the translations brought back into the
catalogs (``pipeline import FILE…``).

The XLIFF keeps what a PO entry says beyond its text: the msgctxt as the unit's ``resname``
(XLIFF 1.2's name of a resource, which tools show as the unit's context) and as an
``x-po-msgctxt`` context (translate-toolkit's ``x-po-*`` context types, which it uses for
the comments but not for the msgctxt, lost by its ``po2xliff``), the ``#.`` and ``#`` comments
as notes from the developer and the translator, the ``#:`` references as ``location`` context
groups (``sourcefile``, ``linenumber``), a fuzzy entry's ``#|`` previous msgid as an
``alt-trans`` of origin ``previous`` (as translate-toolkit writes it). The unit's id is the
digest of its msgctxt and msgid (stable across exports, unique in a catalog), and an
information context keeps the digest of the translation exported (``x-pipeline-exported``),
so that an import can tell a catalog changed since. The context groups have no ``name``:
XLIFF 1.2's schema wants a name unique in the ``<file>`` (translate-toolkit's ``po-entry`` on
every unit does not validate). Written and read with the standard library
only; output bytes are deterministic.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from pipeline.checkers import check_translation
from pipeline.config import TERMS_ID, Config, names_language
from pipeline.errors import PipelineError, unreadable
from pipeline.languages import shown_language
from pipeline.files import (
    FileChanged,
    WriteFailed,
    in_line_endings_of,
    read_file,
    write_atomic,
    write_if_changed,
)
from pipeline.fuzzy import similarity
from pipeline.update import FUZZY_THRESHOLD, written_in
from pipeline.po import Catalog, Message, describe_key, format_catalog, parse_catalog

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
_XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
_EXPORTED = "x-pipeline-exported"
_MSGCTXT = "x-po-msgctxt"

#: XLIFF 1.2's target states, as the catalog records them: None leaves the entry as it is
#: (nothing translated yet), "fuzzy" a translation to review, "translated" a translation.
#: GNU PO has no "reviewed": final and signed-off are translated (see README, "XLIFF for
#: agencies").
STATES: dict[str, str | None] = {
    "new": None,
    "needs-translation": None,
    "needs-adaptation": "fuzzy",
    "needs-l10n": "fuzzy",
    "needs-review-adaptation": "fuzzy",
    "needs-review-l10n": "fuzzy",
    "needs-review-translation": "fuzzy",
    "translated": "translated",
    "final": "translated",
    "signed-off": "translated",
}

# XML 1.0 cannot hold these characters, not even as character references
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class XliffError(PipelineError):
    """An XLIFF file that cannot be imported: ``file:line: what and what to do``."""


def unit_id(msgctxt: str | None, msgid: str) -> str:
    """A trans-unit's id: the digest of the entry's key, as gettext's MO files join it."""
    key = msgid if msgctxt is None else f"{msgctxt}\x04{msgid}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def translation_digest(message: Message) -> str:
    """The digest of an entry's translation and whether it is fuzzy: what the catalog said
    at the export, to tell at the import whether it changed since."""
    text = ("fuzzy\x00" if message.fuzzy else "\x00") + message.msgstr
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


# --------------------------------------------------------------------------------------
# Export


@dataclass
class ExportedFile:
    path: Path
    catalog: str
    units: int
    written: bool
    """False: the file was there with these bytes already."""


@dataclass
class ExportResult:
    files: list[ExportedFile] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Entries not exported, each with why (a plural, characters XML 1.0 cannot hold)."""
    errors: list[PipelineError] = field(default_factory=list)


def _text(value: str) -> str:
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _attribute(value: str) -> str:
    return (_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


def _left(message: Message, everything: bool) -> bool:
    if message.obsolete or message.msgid == "":
        return False
    return everything or not message.translated


def _unit_lines(message: Message) -> list[str]:
    state = "needs-review-translation" if message.fuzzy else "translated"
    resname = "" if message.msgctxt is None else f' resname="{_attribute(message.msgctxt)}"'
    lines = [
        f'      <trans-unit id="{unit_id(message.msgctxt, message.msgid)}"{resname} xml:space="preserve">',
        f"        <source>{_text(message.msgid)}</source>",
    ]
    if message.msgstr:
        lines.append(f'        <target state="{state}">{_text(message.msgstr)}</target>')
    if message.fuzzy and message.previous_msgid is not None:
        lines.append(f'        <alt-trans origin="previous"><source>{_text(message.previous_msgid)}</source>'
                     f"<target>{_text(message.msgstr)}</target></alt-trans>")
    if message.auto_comments:
        lines.append(f'        <note from="developer">{_text(chr(10).join(message.auto_comments))}</note>')
    if message.user_comments:
        lines.append(f'        <note from="translator">{_text(chr(10).join(message.user_comments))}</note>')
    lines.append('        <context-group purpose="information">')
    if message.msgctxt is not None:
        lines.append(f'          <context context-type="{_MSGCTXT}">{_text(message.msgctxt)}</context>')
    lines.append(f'          <context context-type="{_EXPORTED}">{translation_digest(message)}</context>')
    lines.append("        </context-group>")
    for source, line in message.locations:
        lines += [
            '        <context-group purpose="location">',
            f'          <context context-type="sourcefile">{_text(source)}</context>',
            *([f'          <context context-type="linenumber">{line}</context>'] if line else []),
            "        </context-group>",
        ]
    lines.append("      </trans-unit>")
    return lines


def xliff_of(catalog: Catalog, original: str, source_language: str, target_language: str,
             everything: bool = False, elsewhere: frozenset[tuple[str | None, str]] = frozenset(),
             ) -> tuple[str | None, int, list[str]]:
    """A catalog's entries left to translate (``everything``: all of them) as an XLIFF 1.2
    document: its text (None: no entry left), how many units, and the entries skipped with
    why (``original``: the catalog's path, relative to the content root). The entries whose
    keys are in ``elsewhere`` (the terms catalog's, exported in its own file) are left out."""
    body: list[str] = []
    skipped: list[str] = []
    count = 0
    for message in catalog.messages:
        if not _left(message, everything) or message.key in elsewhere:
            continue
        if message.msgid_plural is not None:
            skipped.append(f"{original}:{message.lineno}: {describe_key(message)}: a plural entry; "
                           "translate it in the catalog")
            continue
        texts = [message.msgid, message.msgstr, message.msgctxt or "", *message.auto_comments,
                 *message.user_comments, message.previous_msgid or ""]
        if any(_NOT_XML_RE.search(text) for text in texts):
            skipped.append(f"{original}:{message.lineno}: {describe_key(message)}: holds control "
                           "characters XML 1.0 cannot hold; translate it in the catalog")
            continue
        body += _unit_lines(message)
        count += 1
    if not count:
        return None, 0, skipped
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xliff version="1.2" xmlns="{NAMESPACE}">',
        (f'  <file original="{_attribute(original)}" source-language="{_attribute(source_language)}" '
         f'target-language="{_attribute(target_language)}" datatype="po">'),
        "    <header>",
        '      <tool tool-id="pipeline" tool-name="pipeline"/>',
        "    </header>",
        "    <body>",
    ]
    tail = ["    </body>", "  </file>", "</xliff>", ""]
    return "\n".join(head + body + tail), count, skipped


def catalogs_of(config: Config, language: str) -> list[tuple[str, Path]]:
    """The post ids and paths of a language's catalogs, sorted by id."""
    folder = config.catalog_path("x", language).parent
    if not folder.is_dir():
        return []
    found = [(p.relative_to(folder).as_posix()[: -len(".po")], p) for p in folder.rglob("*.po")]
    return sorted((id_, p) for id_, p in found if p.is_file())


def _term_keys(config: Config, language: str, terms_id: str = TERMS_ID) -> frozenset[tuple[str | None, str]]:
    """The keys of the entries of a direction's terms catalog (:mod:`pipeline.terms`; ``terms_id``:
    :attr:`Config.terms_id`): a tag is translated there once, and extract carries it into the
    posts' catalogs, so a post's file leaves it out (the agency would translate it once per
    post). Empty if it cannot be read (the posts' files keep their terms)."""
    try:
        catalog = parse_catalog("", config.catalog_path(terms_id, language).read_bytes())
    except (OSError, PipelineError):
        return frozenset()
    return frozenset(m.key for m in catalog.messages if m.msgid and not m.obsolete and m.msgctxt is not None)


def _published_folder(config: Config, directory: Path) -> str | None:
    """The folder of the root Hugo publishes (the content, static files, its public/, which
    it does not clean) that ``directory`` is in, if any: files there go out with the site."""
    resolved = directory.resolve()
    for name in (config.content_dir, config.static_dir, "public"):
        folder = (config.root / name).resolve()
        if resolved.is_relative_to(folder):
            return name
    return None


def export(config: Config, directory: Path, everything: bool = False) -> ExportResult:
    """Write ``directory/<language>/<post id>.xlf`` for every catalog with entries left
    (``everything``: every entry), only where its bytes change: in every language catalogs are
    in (a post written in German: its Dutch catalog), the source language the one its post is
    written in (:func:`pipeline.update.written_in`). A relative ``directory`` is
    relative to the content root, as the commands' paths are."""
    shown = str(directory)
    directory = directory if directory.is_absolute() else config.root / directory
    result = ExportResult()
    published = _published_folder(config, directory)
    if published is not None:
        result.errors.append(PipelineError(shown, None, f"inside {published}/, which Hugo publishes: export "
                                           "to a folder outside it (`pipeline export --xliff xliff`)"))
        return result
    for language in config.languages:  # (the source language's: the catalogs of posts written in another)
        terms: dict[str, frozenset[tuple[str | None, str]]] = {}  # per direction's terms id
        for post_id, path in catalogs_of(config, language):
            original = config.relative(path)
            try:
                catalog = parse_catalog(original, path.read_bytes())
            except PipelineError as exc:
                result.errors.append(exc)
                continue
            except OSError as exc:
                result.errors.append(unreadable(original, exc))
                continue
            source = written_in(config, post_id)
            terms_id = config.direction(source).terms_id
            if terms_id not in terms:
                terms[terms_id] = _term_keys(config, language, terms_id)
            text, count, skipped = xliff_of(catalog, original, source, language, everything,
                                            frozenset() if post_id == terms_id else terms[terms_id])
            result.skipped += skipped
            if text is None:
                continue
            target = directory / language / f"{post_id}.xlf"
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                written = write_if_changed(target, text.encode("utf-8"))
            except OSError as exc:
                result.errors.append(PipelineError(str(target), None, f"cannot write: {exc.strerror or exc}"))
                continue
            except WriteFailed as exc:
                result.errors.append(exc)
                continue
            result.files.append(ExportedFile(target, original, count, written))
    return result


# --------------------------------------------------------------------------------------
# Reading XLIFF


@dataclass
class _Element:
    tag: str
    attributes: dict[str, str]
    line: int
    children: list[_Element | str] = field(default_factory=list)

    def elements(self, name: str) -> list[_Element]:
        return [c for c in self.children if isinstance(c, _Element) and c.tag == name]


def _read_tree(shown: str, data: bytes) -> _Element:
    """The XML document as elements with their lines (namespaced names as ``{uri}name``).
    Entity declarations (a DOCTYPE's) are refused: no XLIFF tool writes them."""
    parser = expat.ParserCreate(namespace_separator="}")
    stack: list[_Element] = []
    root: list[_Element] = []

    def name(raw: str) -> str:
        return "{" + raw if "}" in raw else raw

    def start(tag: str, attributes: dict[str, str]) -> None:
        element = _Element(name(tag), {name(k): v for k, v in attributes.items()}, parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(element)
        else:
            root.append(element)
        stack.append(element)

    def end(tag: str) -> None:
        stack.pop()

    def text(data: str) -> None:
        if stack:
            children = stack[-1].children
            if children and isinstance(children[-1], str):
                children[-1] += data
            else:
                children.append(data)

    def entity(*args: object) -> None:
        raise XliffError(shown, parser.CurrentLineNumber, "an entity declaration: refused (XLIFF "
                         "needs none); export the file again from the translation tool")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    def skipped(name: str, is_parameter: bool) -> None:  # a DOCTYPE's external DTD is never read
        raise XliffError(shown, parser.CurrentLineNumber, f"the entity &{name}; is not declared "
                         "(XLIFF needs none): write the character itself, or export the file again")

    parser.EntityDeclHandler = entity
    parser.SkippedEntityHandler = skipped
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise XliffError(shown, exc.lineno, f"not well-formed XML ({expat.ErrorString(exc.code)}, "
                         f"column {exc.offset + 1}): fix the file or export it again") from None
    return root[0]


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


_CODE_ELEMENTS = {_q(n) for n in ("ph", "bpt", "ept", "it")}
"""Inline elements holding the original code as their text (a tool's placeholder of it)."""
_WRAPPING_ELEMENTS = {_q(n) for n in ("g", "mrk")}
_EMPTY_CODES = {_q(n) for n in ("x", "bx", "ex")}


def _flat_text(shown: str, element: _Element) -> str:
    """An element's text, inline markup a tool left (``<g>``, ``<mrk>``; ``<ph>``, ``<bpt>``,
    ``<ept>``, ``<it>`` holding the original code) read back as text; ``<x/>``, ``<bx/>``,
    ``<ex/>`` (no code in them) refused."""
    parts: list[str] = []
    for child in element.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag in _WRAPPING_ELEMENTS:
            parts.append(_flat_text(shown, child))
        elif child.tag in _CODE_ELEMENTS:
            parts.append("".join(c for c in child.children if isinstance(c, str)))
        elif child.tag in _EMPTY_CODES:
            local = child.tag.split("}")[-1]
            raise XliffError(shown, child.line, f"<{local}/>: a placeholder that does not hold the "
                             "original code; have the tool export the text as it was given (its "
                             "tags as text), or type the code in")
        else:
            local = child.tag.split("}")[-1]
            raise XliffError(shown, child.line, f"<{local}> inside <{element.tag.split('}')[-1]}>: "
                             "not XLIFF 1.2 inline markup; export the file again from the tool")
    return "".join(parts)


@dataclass
class ImportedUnit:
    line: int
    unit_id: str
    msgctxt: str | None
    """None: the file does not say (a tool dropped the context group)."""
    msgid: str
    target: str
    state: str | None
    """What the catalog records (:data:`STATES`): None, "fuzzy" or "translated"."""
    exported: str | None
    """The digest of the translation exported (None: the file does not say)."""


@dataclass
class ImportedFile:
    path: str
    original: str
    language: str
    line: int
    """The ``<file>`` element's line."""
    units: list[ImportedUnit]


def _unit_state(shown: str, unit: _Element, target: _Element | None, text: str) -> str | None:
    if target is None or not text:
        return None
    state = target.attributes.get("state")
    if state is None or unit.attributes.get("approved") == "yes":  # approved: final (XLIFF 1.2)
        return "translated"
    if state.startswith("x-"):  # a tool's own state (XLIFF 1.2 allows "x-…"): to review
        return "fuzzy"
    if state not in STATES:
        known = ", ".join(STATES)
        raise XliffError(shown, target.line, f'state="{state}": not one of XLIFF 1.2\'s ({known}, '
                         "x-…); set one of them in the tool")
    return STATES[state]


def _read_unit(shown: str, unit: _Element) -> ImportedUnit:
    sources = unit.elements(_q("source"))
    if len(sources) != 1:
        raise XliffError(shown, unit.line, "a trans-unit without one <source>: export the file again")
    targets = unit.elements(_q("target"))
    target = targets[0] if targets else None
    text = "" if target is None else _flat_text(shown, target)
    msgctxt: str | None = None
    exported: str | None = None
    for group in unit.elements(_q("context-group")):
        for context in group.elements(_q("context")):
            kind = context.attributes.get("context-type")
            if kind == _MSGCTXT:
                msgctxt = _flat_text(shown, context)
            elif kind == _EXPORTED:
                exported = _flat_text(shown, context).strip()
    return ImportedUnit(
        line=unit.line,
        unit_id=unit.attributes.get("id", ""),
        msgctxt=msgctxt if msgctxt is not None else unit.attributes.get("resname"),
        msgid=_flat_text(shown, sources[0]),
        target=text,
        state=_unit_state(shown, unit, target, text),
        exported=exported,
    )


def _trans_units(element: _Element) -> list[_Element]:
    found: list[_Element] = []
    for child in element.children:
        if isinstance(child, _Element):
            if child.tag == _q("trans-unit"):
                found.append(child)
            elif child.tag == _q("group"):
                found += _trans_units(child)
    return found


def read_xliff(shown: str, data: bytes) -> list[ImportedFile]:
    """An XLIFF 1.2 document's ``<file>``s and their units. Raises :class:`XliffError`."""
    root = _read_tree(shown, data)
    if root.tag != _q("xliff"):
        raise XliffError(shown, root.line, f"not XLIFF 1.2 (the root element is <{root.tag}>, not "
                         f"<xliff> in {NAMESPACE}): export XLIFF 1.2 from the tool")
    files: list[ImportedFile] = []
    for element in root.elements(_q("file")):
        original = element.attributes.get("original", "")
        language = element.attributes.get("target-language", "")
        if not original or not language:
            raise XliffError(shown, element.line, "a <file> without original or target-language: "
                             "import the files `pipeline export --xliff` wrote")
        units: list[ImportedUnit] = []
        for body in element.elements(_q("body")):
            units += [_read_unit(shown, unit) for unit in _trans_units(body)]
        files.append(ImportedFile(shown, original, language, element.line, units))
    return files


# --------------------------------------------------------------------------------------
# Import


@dataclass
class ImportResult:
    imported: int = 0
    unchanged: int = 0
    left: int = 0
    """Units with no translation in the file (new, needs-translation, an empty target)."""
    conflicts: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    changed_source: list[str] = field(default_factory=list)
    """Units whose Dutch text changed since the export, imported as fuzzy into the entry of
    the new text (as msgmerge carries a translation)."""
    moved: list[str] = field(default_factory=list)
    """Files whose catalog is gone, imported into the catalog the post moved to."""
    refused: list[str] = field(default_factory=list)
    """Translations imported that merge will refuse (an error of its translation checks)."""
    written: list[str] = field(default_factory=list)
    """The catalogs written, relative to the content root."""
    errors: list[PipelineError] = field(default_factory=list)


def _catalog_of(config: Config, item: ImportedFile) -> tuple[str, str]:
    """The language and post id of the catalog a ``<file original=…>`` names; refused if it
    is not one of the root's catalogs of a language of the site (the source language's: of the
    posts written in another), or its ``target-language`` is
    another language (a region a tool added, ``de-DE`` for ``de``, is the same)."""
    original = item.original.replace("\\", "/")
    for language in config.languages:
        folder = config.relative(config.catalog_path("x", language).parent) + "/"
        post_id = original[len(folder): -len(".po")]
        if (original.startswith(folder) and original.endswith(".po") and post_id
                and not any(part in ("", ".", "..") for part in post_id.split("/"))):
            break
    else:
        raise XliffError(item.path, item.line, f'original="{item.original}": not a catalog of this '
                         f"site ({config.locale_dir}/<language>/LC_MESSAGES/<post id>.po, a language of "
                         f"{', '.join(config.languages)}); import it in the site it was exported from")
    if not names_language(item.language, language):
        raise XliffError(item.path, item.line, f'target-language="{item.language}" for a catalog of '
                         f"{language} ({item.original}): set the file's target language back to {language}")
    return language, post_id


def _apply(message: Message, unit: ImportedUnit) -> None:
    message.msgstr = unit.target
    if unit.state == "fuzzy":
        if not message.fuzzy:
            message.flags.insert(0, "fuzzy")
    else:
        message.flags = [flag for flag in message.flags if flag != "fuzzy"]
        message.previous_msgid = message.previous_msgctxt = None


def _merge_refusals(message: Message, where: str, shown: str, language: str) -> list[str]:
    """The errors merge's translation checks find in an entry just imported (said at the
    import, not first at the merge): none for a fuzzy entry or the source as it is, which
    merge does not check. A link to the German URL of a Dutch link's page is an error here
    (merge maps it: `pipeline check` says for sure)."""
    if message.fuzzy or message.msgstr in ("", message.msgid):
        return []
    return [f"{where}: {shown}:{message.lineno}: {describe_key(message)}: {text} [{code}]; correct it in "
            "the tool and import again (--force), or in the catalog"
            for _, code, text in check_translation(message.msgid, message.msgstr, language, errors_only=True)]


def _closest_untranslated(catalog: Catalog, unit: ImportedUnit, taken: set[int]) -> Message | None:
    """The untranslated entry of the unit's msgctxt whose msgid is the closest to the unit's
    source, by msgmerge's similarity and above its threshold (:mod:`pipeline.fuzzy`): the
    entry of the Dutch text the unit's became since the export. None if there is none."""
    best: tuple[float, Message] | None = None
    for message in catalog.messages:
        if (message.obsolete or not message.msgid or message.msgstr or message.msgid_plural is not None
                or id(message) in taken or (unit.msgctxt is not None and message.msgctxt != unit.msgctxt)):
            continue
        score = similarity(unit.msgid, message.msgid)
        if score > FUZZY_THRESHOLD and (best is None or score > best[0]):
            best = (score, message)
    return None if best is None else best[1]


def _import_units(catalog: Catalog, shown: str, units: list[tuple[str, ImportedUnit]], force: bool,
                  result: ImportResult, language: str, source_language: str) -> bool:
    """The units' translations put in the catalog's entries; whether any changed
    (``source_language``: the language of the units' sources)."""
    by_id = {unit_id(m.msgctxt, m.msgid): m for m in catalog.messages if not m.obsolete and m.msgid}
    by_key = {m.key: m for m in by_id.values()}
    changed = False
    taken: set[int] = set()  # entries given a unit whose Dutch text changed
    for path, unit in units:
        where = f"{path}:{unit.line}"
        message = by_id.get(unit.unit_id)
        if message is None or message.msgid != unit.msgid or unit.msgctxt not in (None, message.msgctxt):
            message = by_key.get((unit.msgctxt, unit.msgid))
        closest = _closest_untranslated(catalog, unit, taken) if message is None and unit.state else None
        if closest is not None:
            taken.add(id(closest))
            closest.msgstr = unit.target
            if not closest.fuzzy:
                closest.flags.insert(0, "fuzzy")
            closest.previous_msgctxt, closest.previous_msgid = None, unit.msgid
            result.changed_source.append(
                f"{where}: the {shown_language(source_language)} text changed since the export: imported as fuzzy into "
                f"{shown}:{closest.lineno} ({describe_key(closest)}), to review"
            )
            result.imported += 1
            changed = True
            continue
        if message is None:
            result.not_found.append(f"{where}: no entry with this source in {shown} (the "
                                    f"{shown_language(source_language)} text changed since the export?): "
                                    "not imported; export again")
            continue
        if unit.state is None:
            result.left += 1
            continue
        fuzzy = unit.state == "fuzzy"
        if message.msgstr == unit.target and message.fuzzy == fuzzy:
            result.unchanged += 1
            continue
        current = translation_digest(message)
        newer = current != unit.exported if unit.exported is not None else bool(message.msgstr)
        if newer and not force:
            result.conflicts.append(
                f"{where}: {describe_key(message)}: the translation in {shown}:{message.lineno} "
                "changed since the export: left as it is (import --force to take the file's)"
            )
            continue
        _apply(message, unit)
        result.refused += _merge_refusals(message, where, shown, language)
        result.imported += 1
        changed = True
    return changed


def _moved_catalog(config: Config, language: str, units: list[tuple[str, ImportedUnit]]) -> Path | None:
    """The catalog a gone catalog's units moved to (`pipeline mv`, or a move extract
    carried): the one catalog of the language holding the most of them, more than half;
    None if there is no such catalog, or two hold as many."""
    wanted = [(unit.msgctxt, unit.msgid) for _, unit in units]
    best: list[tuple[int, Path]] = []
    for _, path in catalogs_of(config, language):
        try:
            catalog = parse_catalog(config.relative(path), path.read_bytes())
        except (PipelineError, OSError):
            continue
        keys = {m.key for m in catalog.messages if m.msgid and not m.obsolete}
        texts = {m.msgid for m in catalog.messages if m.msgid and not m.obsolete}
        held = sum(1 for msgctxt, msgid in wanted if ((msgctxt, msgid) in keys if msgctxt is not None else msgid in texts))
        if held * 2 > len(wanted):
            best.append((held, path))
    best.sort(key=lambda item: -item[0])
    if not best or (len(best) > 1 and best[0][0] == best[1][0]):
        return None
    return best[0][1]


def import_files(config: Config, paths: list[Path], force: bool = False) -> ImportResult:
    """Bring the translations of XLIFF files into the catalogs. Every file is read first: a
    bad one raises :class:`XliffError` before any catalog is written. A catalog entry whose
    translation changed since the export is a conflict, left as it is (``force``: the
    file's taken). Relative paths are relative to the content root."""
    grouped: dict[tuple[str, str], list[tuple[str, ImportedUnit]]] = {}
    file_line: dict[tuple[str, str], str] = {}  # the first <file> naming each catalog
    seen: dict[tuple[str, str, str | None, str], str] = {}
    for path in paths:
        shown = str(path)
        try:  # relative to the content root, as the commands' paths are
            data = (path if path.is_absolute() else config.root / path).read_bytes()
        except OSError as exc:
            raise XliffError(shown, None, f"cannot read: {exc.strerror or exc}") from None
        for item in read_xliff(shown, data):
            language, post_id = _catalog_of(config, item)
            group = grouped.setdefault((language, post_id), [])
            file_line.setdefault((language, post_id), f"{shown}:{item.line}")
            for unit in item.units:
                key = (language, post_id, unit.msgctxt, unit.msgid)
                if key in seen and unit.state is not None:
                    raise XliffError(shown, unit.line, f"this unit is also in {seen[key]}: import one "
                                     "of the two files")
                if unit.state is not None:
                    seen[key] = f"{shown}:{unit.line}"
                group.append((shown, unit))
    result = ImportResult()
    for (language, post_id), units in sorted(grouped.items()):
        path = config.catalog_path(post_id, language)
        shown = config.relative(path)
        try:
            old, snapshot = read_file(path)
        except OSError as exc:
            result.errors.append(unreadable(shown, exc))
            continue
        moved_to = _moved_catalog(config, language, units) if old is None else None
        if moved_to is not None:
            gone, path, shown = shown, moved_to, config.relative(moved_to)
            try:
                old, snapshot = read_file(path)
            except OSError as exc:
                result.errors.append(unreadable(shown, exc))
                continue
            result.moved.append(f"{file_line[(language, post_id)]}: {gone} is not there: imported into {shown}, "
                                "the one catalog with its units (the post moved)")
        if old is None:
            result.not_found += [f"{p}:{u.line}: {shown} is not there (the post moved or is gone?): "
                                 "not imported" for p, u in units]
            continue
        try:
            catalog = parse_catalog(shown, old)
        except PipelineError as exc:
            result.errors.append(exc)
            continue
        counts = ImportResult()
        if _import_units(catalog, shown, units, force, counts, language, config.source_language):
            data = in_line_endings_of(old, format_catalog(catalog).encode("utf-8"))
            try:
                write_atomic(path, data, snapshot, shown)
            except (FileChanged, WriteFailed) as exc:
                result.errors.append(exc)  # nothing of this catalog counts as imported
                continue
            result.written.append(shown)
        result.imported += counts.imported
        result.unchanged += counts.unchanged
        result.left += counts.left
        result.conflicts += counts.conflicts
        result.not_found += counts.not_found
        result.refused += counts.refused
        result.changed_source += counts.changed_source
    return result
