"""Hugo's string tables and the site's menus through the PO workflow: ``i18n/nl.toml`` (and
the theme's) and the Dutch menus of the site's configuration become one template,
``locale/templates/_i18n.pot``, and one catalog per target language; merge writes
``i18n/de.toml`` (in the Dutch table's format) and ``config/_default/menus.de.toml`` from it.

What Hugo 0.111 reads, checked with its builds (``tests/test_strings.py``):

- a language's table is ``i18n/<lang>.toml|yaml|yml|json`` (not files under ``i18n/<lang>/``),
  the site's over its theme's (``themes/<theme>/i18n/``), key by key;
- a string is a key whose value is a string, or a table holding one of go-i18n's reserved
  keys (``other``, ``one``, ``description``, …); any other table nests, its keys joined with
  ``.`` (``[a.b]`` with ``other`` is the string ``a.b``, as a key ``"a.b"`` is);
- once a language has a table of its own, a key it lacks is shown as nothing (not the default
  language's string): so merge writes the Dutch text for an untranslated string, unless the
  theme's table of the language has it (the theme's translation shows then);
- ``config/_default/menus.de.toml`` is merged over the root's ``hugo.toml`` as the German
  language's menus.

The catalog: one entry per string, its key as msgctxt; a string with ``one`` and ``other`` a
plural entry (msgid ``one``, msgid_plural ``other``). A menu entry's ``name`` and ``title``
have the msgctxt ``menus.<menu>.<entry>.name`` (``.title``), the entry named by its
``identifier``, else its ``pageRef``, ``url`` or ``name``.

The files merge writes carry a record line (``pipeline-sha256: <hash of the rest>``), by which
a hand edit is told from merge's output (merge then refuses to overwrite it without
``--force``).
"""

from __future__ import annotations

import gettext
import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.languages import MinTranslated, min_translated_of, shown_language
from pipeline.checkers import Problem, check_translation
from pipeline.config import STRINGS_ID, Config
from pipeline.errors import ConfigError, PipelineError, unreadable, value_kind
from pipeline.extract import PostResult, Written, read_catalog, write_or_compare
from pipeline.files import (
    FileChanged, WriteFailed, in_line_endings_of, read_file, redo_on_change, write_if_changed,
)
from pipeline.frontformats import toml_error, toml_key, toml_string
from pipeline.hugo import CONFIG_FILES, merged_configuration
from pipeline.merge import MergeResult
from pipeline.po import Catalog, Message, format_catalog, parse_catalog
from pipeline.record import text_sha256
from pipeline.translated import count_words, percent_of, used_translation
from pipeline.update import build_template, dated_template, plural_forms, update_catalog
from pipeline.yamlout import FastSafeLoader

#: The suffixes of a table, in the order one is looked for
TABLE_SUFFIXES = (".toml", ".yaml", ".yml", ".json")

#: go-i18n's plural forms (CLDR categories), in its order
FORMS = ("zero", "one", "two", "few", "many", "other")

#: A table holding one of these with a string value is a string (go-i18n's ``isMessage``)
_RESERVED = ("id", "description", "hash", "leftdelim", "rightdelim", *FORMS)

#: The German menus' file, relative to the root
MENUS_FILE = "config/_default/menus.{language}.toml"

_RECORD_RE = re.compile(r"[^\n]*pipeline-sha256: ([0-9a-f]{64})[^\n]*\n")
_ACTION_RE = re.compile(r"\{\{.*?\}\}", re.DOTALL)


@dataclass(frozen=True)
class String:
    """One translatable string: a table's key, or a menu entry's name or title."""

    context: str
    """Its msgctxt: the table's key, or ``menus.<menu>.<entry>.name``."""
    forms: tuple[tuple[str, str], ...]
    """Its texts by plural form, as the Dutch table has them (a menu's: ``other``)."""
    shown: str
    line: int
    comment: str
    menu: bool = False
    """A menu entry's text (written to the menus file, not the table)."""

    @property
    def plural(self) -> bool:
        names = [name for name, _ in self.forms]
        return "one" in names and "other" in names

    @property
    def shown_form(self) -> str:
        """The form a string that is not a plural stands by: ``other``, the one Hugo shows
        without a count and for every count of a language without the others (Dutch has no
        ``few`` or ``zero``), else its only form."""
        names = [name for name, _ in self.forms]
        return "other" if "other" in names else names[0]

    @property
    def msgid(self) -> str:
        return self.form("one") if self.plural else self.form(self.shown_form)

    @property
    def msgid_plural(self) -> str | None:
        return self.form("other") if self.plural else None

    def form(self, name: str) -> str:
        return dict(self.forms)[name]


@dataclass(frozen=True)
class MenuEntry:
    menu: str
    fields: tuple[tuple[str, Any], ...]
    """The entry's settings as the configuration has them (keys lowercased, as Hugo reads them)."""
    key: str


@dataclass
class Strings:
    """What the site has to translate: its strings (tables first, then menus), the tables'
    format, the theme's tables' keys per language, and the Dutch menus."""

    strings: list[String] = field(default_factory=list)
    suffix: str = ".toml"
    theme_keys: dict[str, set[str]] = field(default_factory=dict)
    menus: list[MenuEntry] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    """The files read (tables, configuration) as shown."""


# ---------------------------------------------------------------------------------------
# Reading the tables and menus


def table_path(folder: Path, language: str, shown: str) -> Path | None:
    """A language's table in ``folder`` (None: none); two (``nl.toml`` and ``nl.yaml``) are
    refused: Hugo reads both, and which of a key's two strings it shows is not for us to guess."""
    found = [folder / f"{language}{suffix}" for suffix in TABLE_SUFFIXES if (folder / f"{language}{suffix}").is_file()]
    if len(found) > 1:
        names = " and ".join(f"{shown}/{p.name}" for p in found)
        raise PipelineError(f"{shown}/{found[1].name}", None, f"{names} both hold {language}'s strings: keep one")
    return found[0] if found else None


def read_table(path: Path, shown: str) -> list[String]:
    """The strings of one table (a ``file:line`` error for one Hugo cannot read or we cannot
    put in a catalog)."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")  # as read_text
    except UnicodeDecodeError as exc:
        raise PipelineError(shown, None, f"is not UTF-8 ({exc.reason}): save it as UTF-8") from None
    except OSError as exc:
        raise unreadable(shown, exc) from None
    suffix = path.suffix.lower()
    if suffix in (".toml", ".json") and raw.startswith(b"\xef\xbb\xbf"):
        raise PipelineError(shown, 1, f"starts with a byte order mark, which Hugo cannot read in a "
                            f"{suffix[1:].upper()} table (its build fails): save it as UTF-8 without one")
    lines: dict[str, int] = {}
    try:
        if suffix == ".toml":
            data: object = tomllib.loads(text)
        elif suffix == ".json":
            data = json.loads(text) if text.strip() else {}
        else:
            node = yaml.compose(text, Loader=FastSafeLoader)
            _yaml_lines(node, "", lines)
            data = yaml.load(text, Loader=FastSafeLoader)
    except tomllib.TOMLDecodeError as exc:
        line, message = toml_error(exc)  # no line: at the end of the table
        raise PipelineError(shown, line or len(text.splitlines()) or 1, f"is not valid TOML ({message}): fix it") from None
    except json.JSONDecodeError as exc:
        raise PipelineError(shown, exc.lineno, f"is not valid JSON ({exc.msg}): fix it") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PipelineError(shown, mark.line + 1 if mark else None, f"is not valid YAML ({problem}): fix it") from None
    if data is None:
        return []
    if not isinstance(data, dict):
        raise PipelineError(shown, 1, f"must hold a table of strings, not {value_kind(data)}")
    found: list[String] = []
    finder = _LineFinder(text)
    _collect(data, "", shown, found, lambda key: lines.get(key) or finder.line(key))
    return found


def _yaml_lines(node: object, prefix: str, lines: dict[str, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = f"{prefix}.{key.value}" if prefix else str(key.value)
            lines.setdefault(name, key.start_mark.line + 1)
            _yaml_lines(value, name, lines)


class _LineFinder:
    """The line of a key in a TOML or JSON text, near enough: the first line after the last
    one found that names the key's last part followed by ``=``, ``:``, ``]`` or ``.``."""

    def __init__(self, text: str) -> None:
        self.rows = text.splitlines()
        self.last = 0

    def line(self, key: str) -> int:
        part = key.rpartition(".")[2]
        pattern = re.compile(r"(?:^|[\s\[.{,])[\"']?" + re.escape(part) + r"[\"']?\s*[=:\].]")
        for start in (self.last, 0):
            for number in range(start, len(self.rows)):
                if pattern.search(self.rows[number]):
                    self.last = number
                    return number + 1
        return 1


def _is_string(value: Mapping[str, object]) -> bool:
    return any(isinstance(value.get(key), str) for key in _RESERVED)


def _collect(data: Mapping[str, object], prefix: str, shown: str, found: list[String], line_of) -> None:  # type: ignore[no-untyped-def]
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, str):
            if value:
                found.append(String(name, (("other", value),), shown, line_of(name), "string"))
        elif isinstance(value, dict) and _is_string(value):
            for form in FORMS:
                if form in value and not isinstance(value[form], str):
                    raise PipelineError(shown, line_of(name), f"the string {name!r} has {value_kind(value[form])} "
                                        f"as its {form!r} form: make it a string")
            forms = tuple((form, value[form]) for form in FORMS if value.get(form))
            if forms:
                description = value.get("description")
                comment = f"string: {description}" if isinstance(description, str) and description else "string"
                if "one" in dict(forms) and "other" in dict(forms):
                    comment += " (one, other)"
                found.append(String(name, forms, shown, line_of(name), comment))
        elif isinstance(value, dict):
            _collect(value, name, shown, found, line_of)
        else:
            raise PipelineError(shown, line_of(name), f"the string {name!r} is {value_kind(value)}, not a string "
                                "or a table of plural forms (one, other): make it a string")


def read_strings(config: Config) -> Strings:
    """The site's strings: its table of the source language and its theme's (the site's
    string wins for a key both have), then the Dutch menus' names and titles."""
    root = config.root
    source = config.source_language
    merged = merged_configuration(root, [MENUS_FILE.format(language=lang) for lang in config.target_languages])
    result = Strings()
    by_key: dict[str, String] = {}
    tables = [(root / "i18n", "i18n")]
    themes = merged.get("theme")
    for theme in [themes] if isinstance(themes, str) else (themes if isinstance(themes, list) else []):
        if isinstance(theme, str) and theme:
            tables.append((root / "themes" / theme / "i18n", f"themes/{theme}/i18n"))
    for index, (folder, shown) in enumerate(tables):
        path = table_path(folder, source, shown)
        if index == 0 and path is not None:
            result.suffix = path.suffix.lower()
        if index > 0:
            for language in config.target_languages:
                other = table_path(folder, language, shown)
                if other is not None:
                    keys = {s.context for s in read_table(other, f"{shown}/{other.name}")}
                    result.theme_keys.setdefault(language, set()).update(keys)
        if path is None:
            continue
        result.sources.append(f"{shown}/{path.name}")
        seen: set[str] = set()
        for string in read_table(path, f"{shown}/{path.name}"):
            if string.context in seen:
                raise PipelineError(string.shown, string.line, f"the string {string.context!r} is defined twice: keep one")
            seen.add(string.context)
            by_key.setdefault(string.context, string)
    result.strings = list(by_key.values())
    written = [MENUS_FILE.format(language=lang) for lang in config.target_languages]
    result.menus, menu_strings = _menu_strings(root, merged, source, written)
    for string in menu_strings:
        if string.context in by_key:
            clash = by_key[string.context]
            raise PipelineError(clash.shown, clash.line,
                                f"the string {string.context!r} has the name of a menu entry's text: rename it")
        result.strings.append(string)
    return result


def _menu_strings(root: Path, merged: Mapping[str, Any], language: str,
                  written: Sequence[str] = ()) -> tuple[list[MenuEntry], list[String]]:
    """The Dutch menus' entries, and the strings of their names and titles: the language's
    menus, else the site's (``[[menus.main]]`` at the top: every language's, but for one
    with menus of its own, as Hugo builds them)."""
    languages = merged.get("languages")
    table = languages.get(language) if isinstance(languages, dict) else None
    menus = (table.get("menus") or table.get("menu")) if isinstance(table, dict) else None
    if not menus:
        menus = merged.get("menus") or merged.get("menu")
    if not isinstance(menus, dict):
        return [], []
    entries_found: list[MenuEntry] = []
    found: list[String] = []
    keys: set[str] = set()
    where = _ConfigLines(root, written)
    for menu, entries in menus.items():
        if isinstance(entries, dict):
            entries = [entries]
        if not isinstance(entries, list):
            continue
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            base = next((str(entry[k]) for k in ("identifier", "pageref", "url", "name") if entry.get(k)), "")
            key, number = f"{menu}.{base}", 1
            while key in keys:
                number += 1
                key = f"{menu}.{base}#{number}"
            keys.add(key)
            entries_found.append(MenuEntry(menu, tuple(entry.items()), key))
            for name in ("name", "title"):
                text = entry.get(name)
                if isinstance(text, str) and text:
                    shown, line = where.find(text)
                    found.append(String(f"menus.{key}.{name}", (("other", text),), shown, line,
                                        f"menu {menu}: {name}", menu=True))
    return entries_found, found


class _ConfigLines:
    """Where a menu entry's text is in the site's configuration files, near enough: the
    first line of them that holds it quoted and was not given for an entry before (two
    entries named alike name their own lines). Not in the files merge writes (``menus.de.toml``:
    an untranslated entry's Dutch text is there too)."""

    def __init__(self, root: Path, written: Sequence[str] = ()) -> None:
        names = [name for name in CONFIG_FILES if (root / name).is_file()][:1]
        folder = root / "config" / "_default"
        if folder.is_dir():
            names += sorted(p.relative_to(root).as_posix() for p in folder.rglob("*")
                            if p.is_file() and p.relative_to(root).as_posix() not in written)
        self.given: set[tuple[str, int]] = set()
        self.texts: list[tuple[str, list[str]]] = []
        for name in names:
            try:
                self.texts.append((name, (root / name).read_text(encoding="utf-8-sig").splitlines()))
            except (OSError, UnicodeDecodeError):
                continue

    def find(self, text: str) -> tuple[str, int]:
        quoted = (json.dumps(text, ensure_ascii=False), f"'{text}'", f": {text}")
        first = None
        for name, rows in self.texts:
            for number, row in enumerate(rows, 1):
                if any(q in row for q in quoted):
                    first = first or (name, number)
                    if (name, number) not in self.given:
                        self.given.add((name, number))
                        return name, number
        return first or ((self.texts[0][0] if self.texts else "hugo.toml"), 0)


# ---------------------------------------------------------------------------------------
# extract


def strings_template(strings: Strings, creation_date: str) -> Catalog:
    """The template of the site's strings (header as a post's: :func:`pipeline.update.build_template`)."""
    template = build_template(STRINGS_ID, "", [], creation_date)
    template.header_comment = [
        "Translatable strings of the site's string tables (i18n/) and menus.",
        "Generated by `pipeline extract`: edit the tables and menus, not this file.",
    ]
    template.messages = [
        Message(
            msgid=string.msgid,
            msgid_plural=string.msgid_plural,
            msgctxt=string.context,
            locations=[(string.shown, string.line)],
            auto_comments=[string.comment],
            msgstr_plural={0: "", 1: ""} if string.plural else {},  # as xgettext writes a plural
        )
        for string in strings.strings
    ]
    return template


def _plural_count(language: str) -> int:
    return int(re.search(r"nplurals=(\d+)", plural_forms(language)).group(1))  # type: ignore[union-attr]


def shape_plurals(catalog: Catalog, template: Catalog, language: str) -> None:
    """Give each active entry of an updated catalog its template entry's plural (or none):
    an untranslated plural entry has its empty ``msgstr[N]``, as ``msgmerge`` writes it; a
    translation whose entry became plural, or singular, is fuzzy."""
    wanted = {message.key: message for message in template.messages}
    count = _plural_count(language)
    for message in catalog.messages:
        if message.obsolete or message.key not in wanted:
            continue
        plural = wanted[message.key].msgid_plural
        if plural == message.msgid_plural:
            if plural is not None and not message.msgstr_plural:
                message.msgstr_plural = {n: "" for n in range(count)}
            continue
        had = bool(message.msgstr) or any(message.msgstr_plural.values())
        if plural is None:
            message.msgstr = message.msgstr_plural.get(0, "")
            message.msgstr_plural = {}
        else:
            message.msgstr_plural = {n: (message.msgstr if n == 0 else "") for n in range(count)}
            message.msgstr = ""
        message.msgid_plural = plural
        if had and not message.fuzzy:
            message.flags.insert(0, "fuzzy")


def extract_strings(config: Config, now: str, dry_run: bool = False) -> PostResult | None:
    """Write the strings' template and update their catalogs (None: the site has no string
    tables or menus, and no template of them). With ``dry_run`` nothing is written: ``written``
    lists what would change. A catalog saved by someone else meanwhile is read again, as a
    post's is (:func:`pipeline.files.redo_on_change`)."""
    try:
        done = redo_on_change(lambda: _extract_strings(config, now, dry_run))
    except WriteFailed as exc:  # a full disk: the files not written are as they were
        return PostResult(STRINGS_ID, errors=[exc])
    if isinstance(done, FileChanged):
        return PostResult(STRINGS_ID, errors=[PipelineError(done.path, None, f"{done.message}; run `pipeline extract` again")])
    return done


def _extract_strings(config: Config, now: str, dry_run: bool) -> PostResult | None:
    result = PostResult(STRINGS_ID)
    pot_path = config.template_path(STRINGS_ID)
    pot_shown = config.relative(pot_path)
    try:
        strings = read_strings(config)
        if not strings.strings and not pot_path.exists():
            return None
        old_pot_data, pot_snapshot = read_file(pot_path)
    except ConfigError as exc:  # the Hugo configuration, read for the menus and the theme
        if not pot_path.exists() and not (config.root / "i18n").is_dir():
            return None  # a site without strings as far as can be told: merge and check report it
        result.errors.append(exc)
        return result
    except PipelineError as exc:
        result.errors.append(exc)
        return result
    except OSError as exc:
        result.errors.append(unreadable(pot_shown, exc))
        return result
    result.units = len(strings.strings)
    template, data = dated_template(lambda date: strings_template(strings, date), now, old_pot_data, pot_shown)

    if write_or_compare(pot_path, data, old_pot_data, pot_snapshot, pot_shown, dry_run):
        result.written.append(Written(pot_shown, "updated" if old_pot_data else "created"))
    for language in config.target_languages:
        po_path = config.catalog_path(STRINGS_ID, language)
        po_shown = config.relative(po_path)
        try:
            old, old_data, snapshot = read_catalog(po_path, po_shown)
        except PipelineError as exc:
            result.errors.append(exc)
            continue
        if old is not None:
            result.warnings += old.warnings
        catalog, stats = update_catalog(old, template, language, "the site's string tables and menus")
        shape_plurals(catalog, template, language)
        result.stats.new += stats.new
        result.stats.fuzzy += stats.fuzzy
        result.stats.obsolete += stats.obsolete
        po_data = in_line_endings_of(old_data, format_catalog(catalog).encode())
        if write_or_compare(po_path, po_data, old_data, snapshot, po_shown, dry_run):
            result.written.append(Written(po_shown, "updated" if old_data else "created", stats))
    return result


# ---------------------------------------------------------------------------------------
# merge


def template_actions_differ(msgid: str, msgstr: str) -> bool:
    """Whether a translation lacks or adds a Go template action (``{{ .Count }}``) of its
    source: Hugo's build fails on a broken one, and a lost one loses the number."""
    return sorted(map(_action_key, _ACTION_RE.findall(msgid))) != sorted(map(_action_key, _ACTION_RE.findall(msgstr)))


def _action_key(action: str) -> tuple[bool, str, bool]:
    """An action as Go's template parser tells it from another: its trim markers (``{{-``,
    ``-}}``, which change the text around it) and its words; not the spaces in it
    (``{{.Count}}`` is ``{{ .Count }}``)."""
    inner = action[2:-2]
    left = inner.startswith(("- ", "-\t", "-\n", "-\r"))
    right = inner.endswith((" -", "\t-", "\n-", "\r-"))
    inner = inner[2 if left else 0: -2 if right else None]
    return left, " ".join(inner.split()), right


def translated_forms(string: String, message: Message | None, language: str) -> dict[str, str] | None:
    """A string's German forms from its catalog entry, if the entry is translated (not
    fuzzy, no blank form) and keeps every template action of its source; None if not."""
    if message is None or message.msgid_plural != string.msgid_plural:
        return None
    if string.msgid_plural is None:
        text = used_translation(message)
        if text is None or template_actions_differ(string.msgid, text):
            return None
        return {string.shown_form: text}
    if (not message.translated or not all(text.strip() for text in message.msgstr_plural.values())
            or set(message.msgstr_plural) != set(range(_plural_count(language)))):
        return None
    categories = plural_categories(language)
    forms: dict[str, str] = {}
    for index, text in sorted(message.msgstr_plural.items()):
        source = string.msgid if index == 0 else string.msgid_plural
        if template_actions_differ(source, text):
            return None
        for category in categories.get(index, ()):
            forms.setdefault(category, text)
    return {form: forms[form] for form in FORMS if form in forms}


def plural_categories(language: str) -> dict[int, list[str]]:
    """Which CLDR plural forms (go-i18n's) each gettext plural index of ``language`` stands
    for: found by counting, the gettext rule (Babel's ``Plural-Forms``) against Babel's CLDR
    rule, for the numbers 0 to 1000."""
    from babel import Locale

    locale = Locale.parse(language)
    rule = gettext.c2py(plural_forms(language).partition("plural=")[2].rstrip(";"))
    found: dict[int, list[str]] = {}
    for number in range(1001):
        category = locale.plural_form(number)
        names = found.setdefault(rule(number), [])
        if category not in names:
            names.append(category)
    return found


def catalog_messages(config: Config, language: str) -> tuple[dict[tuple[str | None, str], Message], Catalog | None]:
    path = config.catalog_path(STRINGS_ID, language)
    data, _ = read_file(path)
    if data is None:
        return {}, None
    catalog = parse_catalog(config.relative(path), data)
    return {m.key: m for m in catalog.messages if not m.obsolete}, catalog


def german_table(strings: Strings, messages: Mapping[tuple[str | None, str], Message], language: str,
                 source_shown: str) -> tuple[str, int, int]:
    """The text of a target language's table, with the number of strings and of those
    translated: every string of the tables, translated where the catalog translates it; the
    Dutch text where not (Hugo would show nothing), but for a string the theme's table of
    the language has (its translation shows)."""
    entries: list[tuple[str, dict[str, str]]] = []
    total = translated = 0
    theme = strings.theme_keys.get(language, set())
    for string in strings.strings:
        if string.menu:
            continue
        total += 1
        forms = translated_forms(string, messages.get((string.context, string.msgid)), language)
        if forms is not None:
            translated += 1
        elif string.context in theme:
            continue
        else:
            forms = dict(string.forms)
        entries.append((string.context, forms))
    return _format_table(strings.suffix, entries, source_shown), total, translated


def _record_line(suffix: str, body: str) -> str:
    digest = text_sha256(body.encode("utf-8"))
    if suffix == ".json":
        return f'  "_pipeline-sha256": "pipeline-sha256: {digest}",\n'
    return f"# pipeline-sha256: {digest}\n"


def _format_table(suffix: str, entries: list[tuple[str, dict[str, str]]], source_shown: str) -> str:
    note = f"Generated by `pipeline merge` from {source_shown}: edit the catalog, not this file."
    if suffix == ".json":
        items = []
        for key, forms in entries:
            value = forms["other"] if list(forms) == ["other"] else forms
            items.append(f"  {_json(key)}: {json.dumps(value, ensure_ascii=False, indent=None)}")
        body = "{\n" + ",\n".join([f'  "_pipeline": {_json(note)}', *items]) + "\n}\n"
        head, rest = body.split("\n", 1)
        return head + "\n" + _record_line(suffix, body) + rest
    if suffix == ".toml":
        plain = [f"{toml_key(k)} = {toml_string(f['other'])}" for k, f in entries if list(f) == ["other"]]
        tables = [
            f"\n[{toml_key(k)}]\n" + "".join(f"{form} = {toml_string(text)}\n" for form, text in f.items())
            for k, f in entries if list(f) != ["other"]
        ]
        body = "".join(line + "\n" for line in plain) + "".join(tables)
    else:
        plain = [f"{_json(k)}: {_json(f['other'])}" for k, f in entries if list(f) == ["other"]]
        tables = [f"{_json(k)}:\n" + "".join(f"  {form}: {_json(text)}\n" for form, text in f.items())
                  for k, f in entries if list(f) != ["other"]]
        body = "".join(line + "\n" for line in plain) + "".join(tables)
    body = f"# {note}\n" + body
    return _record_line(suffix, body) + body


def _json(text: str) -> str:
    """A JSON string, which is a YAML double-quoted scalar too (the characters YAML takes
    for line breaks or a BOM escaped)."""
    out = json.dumps(text, ensure_ascii=False)
    for char in ("\u0085", "\u2028", "\u2029", "\ufeff"):
        out = out.replace(char, f"\\u{ord(char):04x}")
    return out


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(str(k))} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return toml_string(str(value))


def german_menus(strings: Strings, messages: Mapping[tuple[str | None, str], Message], language: str,
                 source_shown: str) -> tuple[str, int, int]:
    """The text of a target language's menus file: the Dutch entries, their names and titles
    translated where the catalog translates them (else Dutch), with how many there are and
    how many are translated."""
    by_context = {s.context: s for s in strings.strings}
    total = translated = 0
    body = f"# Generated by `pipeline merge` from {source_shown}: edit the catalog, not this file.\n"
    for entry in strings.menus:
        body += f"\n[[{toml_key(entry.menu)}]]\n"
        for name, value in entry.fields:
            string = by_context.get(f"menus.{entry.key}.{name}") if name in ("name", "title") else None
            if string is not None:
                total += 1
                forms = translated_forms(string, messages.get((string.context, string.msgid)), language)
                translated += forms is not None
                value = forms["other"] if forms is not None else value
            body += f"{toml_key(name)} = {_toml_value(value)}\n"
    return _record_line(".toml", body) + body, total, translated


def hand_edited(data: bytes) -> bool:
    """Whether a file merge writes (a table, a menus file) was changed since merge wrote it,
    or was never written by merge."""
    try:
        text = data.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return True
    match = _RECORD_RE.search(text)
    if match is None:
        return True
    return text_sha256((text[: match.start()] + text[match.end():]).encode("utf-8")) != match.group(1)


def strings_outputs(config: Config, strings: Strings, language: str) -> list[tuple[Path, str, int, int]]:
    """What merge writes for a language: (path, text, strings, translated), the table then
    the menus file; none without a catalog."""
    messages, catalog = catalog_messages(config, language)
    if catalog is None:
        return []
    po_shown = config.relative(config.catalog_path(STRINGS_ID, language))
    outputs = []
    if strings.sources:
        text, total, done = german_table(strings, messages, language, po_shown)
        outputs.append((config.root / "i18n" / f"{language}{strings.suffix}", text, total, done))
    if strings.menus and not _own_menus(config, language):
        text, total, done = german_menus(strings, messages, language, po_shown)
        outputs.append((config.root / MENUS_FILE.format(language=language), text, total, done))
    return outputs


def _own_menus(config: Config, language: str) -> bool:
    """Whether the site's configuration gives ``language`` menus of its own (not merge's file)."""
    path = config.root / MENUS_FILE.format(language=language)
    if path.exists():
        return False
    merged = merged_configuration(config.root)
    table = merged.get("languages", {}).get(language)
    return isinstance(table, dict) and bool(table.get("menus") or table.get("menu"))


def merge_strings(config: Config, language: str, force: bool = False) -> list[MergeResult]:
    """Write a target language's table and menus file from the strings' catalog; one result
    for each (none: no strings, or no catalog of them)."""
    results: list[MergeResult] = []
    try:
        strings = read_strings(config)
        if not strings.strings:
            return results
        outputs = strings_outputs(config, strings, language)
    except PipelineError as exc:
        return [MergeResult(STRINGS_ID, exc.path, "error", message=str(exc))]
    po_shown = config.relative(config.catalog_path(STRINGS_ID, language))
    for path, text, total, done in outputs:
        shown = config.relative(path)
        percent = percent_of(done, total)
        try:
            if not path.resolve().is_relative_to(config.root.resolve()):
                raise PipelineError(shown, None, "leads outside the site's root: refused; delete the link")
            other = next((p for p in (path.with_suffix(suffix) for suffix in TABLE_SUFFIXES)
                          if path.parent == config.root / "i18n" and p != path and p.is_file()), None)
            if other is not None:  # Hugo would read both
                raise PipelineError(config.relative(other), None, f"holds {language}'s strings, and merge "
                                    f"writes them to {shown}: move them into {po_shown}, then delete it")
            old, snapshot = read_file(path)
            data = in_line_endings_of(old, text.encode("utf-8"))
            if old is not None and old == data:
                results.append(MergeResult(STRINGS_ID, shown, "unchanged", percent))
                continue
            if old is not None and hand_edited(old) and not force:
                message = (f"{shown}: changed by hand (or not written by merge): move the change into "
                           f"{po_shown}, or run `pipeline merge --force` to overwrite it")
                results.append(MergeResult(STRINGS_ID, shown, "edited", percent, message))
                continue
            write_if_changed(path, data, old, snapshot, shown)
        except PipelineError as exc:
            results.append(MergeResult(STRINGS_ID, shown, "error", percent, str(exc)))
            continue
        except OSError as exc:
            results.append(MergeResult(STRINGS_ID, shown, "error", percent, str(unreadable(shown, exc))))
            continue
        results.append(MergeResult(STRINGS_ID, shown, "written", percent))
    return results


# ---------------------------------------------------------------------------------------
# check


@dataclass
class StringsCheck:
    problems: list[Problem] = field(default_factory=list)
    completeness: list[tuple[str, int, int, int, int]] = field(default_factory=list)
    """Per target language: (language, strings, translated, words, words translated)."""


def check_strings(config: Config, now: str, min_translated: float | MinTranslated = 100.0) -> StringsCheck:
    """The strings' catalogs checked as a post's: stale or missing (extract would change
    them), each translation by the checks of a post's (and its template actions), their
    completeness; a German table or menus file changed by hand, or that merge would change."""
    report = StringsCheck()
    try:
        strings = read_strings(config)
    except PipelineError as exc:
        report.problems.append(Problem(exc.path, exc.line, "error", "strings-unreadable", exc.message))
        return report
    if not strings.strings:
        return report
    extracted = extract_strings(config, now, dry_run=True)
    if extracted is not None:
        for error in extracted.errors:
            report.problems.append(Problem(error.path, error.line, "error", "strings-unreadable", error.message))
        for written in extracted.written:
            missing = written.action == "created"
            report.problems.append(Problem(
                written.path, None, "error" if missing else "warning", "catalog-missing" if missing else "catalog-stale",
                ("missing" if missing else "out of date with the string tables and menus") + ": run `pipeline extract`",
            ))
    for language in config.target_languages:
        try:
            messages, catalog = catalog_messages(config, language)
        except PipelineError as exc:
            report.problems.append(Problem(exc.path, exc.line, "error", "catalog-unreadable", exc.message))
            continue
        po_shown = config.relative(config.catalog_path(STRINGS_ID, language))
        words = words_done = done = 0
        for string in strings.strings:
            message = messages.get((string.context, string.msgid))
            forms = translated_forms(string, message, language)
            count = count_words(string.msgid)
            words += count
            if forms is not None:
                done += 1
                words_done += count
            if message is None or not message.translated:
                continue
            texts = [(string.msgid, message.msgstr)] if string.msgid_plural is None else [
                (string.msgid if n == 0 else string.msgid_plural or "", text)
                for n, text in sorted(message.msgstr_plural.items())
            ]
            for source, text in texts:
                if template_actions_differ(source, text):
                    report.problems.append(Problem(
                        po_shown, message.lineno, "error", "strings-template",
                        f"the translation of {string.context!r} changes its template actions "
                        f"({' '.join(_ACTION_RE.findall(source)) or 'none'}): keep them as they are; "
                        f"merge leaves the string {shown_language(config.source_language)}",
                    ))
                for severity, code, text_ in check_translation(source, text, language):
                    report.problems.append(Problem(po_shown, message.lineno, severity, code,
                                                   f"{text_} ({string.shown}:{string.line})"))
        report.completeness.append((language, len(strings.strings), done, words, words_done))
        percent, threshold = percent_of(words_done, words), min_translated_of(min_translated, language)
        if catalog is not None and percent < threshold:
            report.problems.append(Problem(
                po_shown, None, "error", "incomplete",
                f"{percent:.1f}% translated by words ({done} of {len(strings.strings)} strings), "
                f"below {threshold:g}%",
            ))
        if catalog is None:
            continue
        for path, text, _, _ in strings_outputs(config, strings, language):
            shown = config.relative(path)
            old, _ = read_file(path)
            if old is not None and old.replace(b"\r\n", b"\n") == text.encode("utf-8"):
                continue
            if old is not None and hand_edited(old):
                report.problems.append(Problem(shown, None, "warning", "strings-edited",
                                               f"changed by hand (or not written by merge): move the change "
                                               f"into {po_shown}, then run `pipeline merge --force`"))
            else:
                report.problems.append(Problem(shown, None, "warning", "strings-stale",
                                               "out of date with its catalog: run `pipeline merge`"))
    return report


