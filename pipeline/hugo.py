"""How Hugo 0.111 names and addresses a site's pages: its configuration, and the URL
(``.RelPermalink``) it gives each content file.

The rules are Hugo 0.111.3's own, ported from its source (``CreateTargetPaths``,
``createTargetPathDescriptor``, ``UnicodeSanitize``, the permalink expander, the front matter
date handlers, the configuration loader) and checked against the real Hugo (Debian's
0.111.3) in ``tests/test_hugo_urls.py``, random slugs, titles, names and urls included.

What it models:

- the configuration as Hugo finds it: the first of ``hugo.toml|yaml|yml|json``,
  ``config.toml|yaml|yml|json`` in the root, with every file under ``config/_default/`` and
  then ``config/production/`` (a plain ``hugo`` build's environment) merged over it, tables
  deeply: ``hugo.*``/``config.*`` there are the root table, ``params.toml`` one key,
  ``params.de.toml``/``menus.de.toml`` the language's params or menus, ``languages.de.toml``
  (any other ``name.de.*``) the language's table. Keys without regard to case;
- the settings that make URLs: ``baseURL`` (its path), ``defaultContentLanguage``,
  ``defaultContentLanguageInSubdir``, ``languages`` (``contentDir``, ``weight``,
  ``disableLanguages``; a language's own ``baseURL`` (multihost), ``permalinks``,
  ``uglyURLs`` and the rest, which replace the site's), ``contentDir``, ``permalinks`` (a
  pattern per first-level section, ``"/"`` for pages at the top), ``uglyURLs`` (all, or per
  section), ``disablePathToLower``, ``removePathAccents``, ``canonifyURLs``, and
  ``[frontmatter]``'s date handlers (``:filename`` takes a post's date, and its slug, from
  ``2017-02-22-name.md``);
- a content file's page: a regular page, a leaf bundle (``x/index.md``: the folder names the
  page; the files beside and below it are no pages; an ``index.md`` at the top makes the
  home page one), a section's list page (``x/_index.md``), the home page; the page's
  section (the nearest folder that is one: a first-level folder, or a deeper one with an
  ``_index`` file); front matter ``slug`` (hyphens trimmed), ``url`` (kept as written:
  cleaned, not lowercased; under the language's prefix only when relative), ``title``,
  ``date``; every permalink attribute of Hugo 0.111 (``:year :month :monthname :day
  :weekday :weekdayname :yearday :section :sections :sections[1:] :sections[last] :title
  :slug :slugorfilename :filename`` and Go date layouts such as ``:2006``); the language
  prefix, the path of ``baseURL``, lowercasing, and Hugo's way of making a path URL-safe.

What it deliberately does not model: drafts, future and expired pages (their URL is given
anyway; :func:`unbuilt` says that Hugo builds no page of them); ``headless`` bundles and ``_build`` options; translation by file name
(``post.de.md``) within one content folder, and ``translationKey``; ``aliases``; output
formats other than HTML (but the URLs of taxonomy and term pages, RSS feeds, sitemaps and a
list's further pages, :func:`list_url` and :func:`sitemap_urls`, with pretty URLs); a ``url`` with a scheme, a bad ``%``
escape or a control character (Hugo refuses or panics); the ``:git`` and ``:filemodtime``
date handlers, and date forms other than those :mod:`pipeline.dates` names; the time zone
of a date (its calendar fields are taken as written, as Hugo does, but a layout's ``MST``
is always UTC); themes' and modules' configuration and mounts; environments other than
production; characters that Unicode 14 (Python 3.11) and 13 (Go 1.19) class differently.
``[permalinks.page]`` is Hugo 0.112's: Hugo 0.111 panics on it, and
:func:`load_hugo_settings` refuses it, as it refuses what else Hugo 0.111 refuses.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from pipeline.config import Dialect
from pipeline.dates import RFC3339_RE
from pipeline.errors import ConfigError, value_kind
from pipeline.frontformats import toml_error
from pipeline.yamlout import FastSafeLoader

#: Root configuration files, in the order Hugo 0.111 looks for them: the first found is read
CONFIG_FILES = tuple(
    f"{name}.{ext}" for name in ("hugo", "config") for ext in ("toml", "yaml", "yml", "json")
)
#: The folders of a configuration directory that a plain ``hugo`` build merges, in order
CONFIG_DIR_ENVIRONMENTS = ("_default", "production")
_CONFIG_EXTENSIONS = ("toml", "yaml", "yml", "json")

#: File extensions Hugo 0.111 takes for content (a page); other files are resources
CONTENT_EXTENSIONS = frozenset(
    ("md", "mdown", "markdown", "html", "htm", "ad", "adoc", "asciidoc", "pandoc", "pdc",
     "org", "rst")
)

#: The front matter date fields Hugo fills, in the order it fills them, each with its
#: default handlers (``[frontmatter]`` in Hugo's docs) and the front matter keys that are
#: other names for it
_DATE_FIELDS = ("date", "lastmod", "publishdate", "expirydate")
_BASE_DATE_HANDLERS = {
    "date": ("date", "publishdate", "lastmod"),
    "lastmod": (":git", "lastmod", "date", "publishdate"),
    "publishdate": ("publishdate", "date"),
    "expirydate": ("expirydate",),
}
_DATE_ALIASES = {"lastmod": ("modified",), "publishdate": ("pubdate", "published"),
                 "expirydate": ("unpublishdate",)}
_DEFAULT_DATE_HANDLERS = {
    key: tuple(dict.fromkeys(h for handler in handlers for h in (handler, *_DATE_ALIASES.get(handler, ()))))
    for key, handlers in _BASE_DATE_HANDLERS.items()
}


@dataclass(frozen=True)
class Language:
    """One language of the site: its ``[languages.<code>]`` table over the site's settings
    (Hugo reads a key of a language's table in place of the site's, whole tables too)."""

    code: str
    """Its key under ``languages``, lowercased (Hugo reads keys without regard to case)."""
    content_dir: str
    """Its content folder, relative to the root with ``/`` (``content/de``), or absolute."""
    weight: int = 0
    """Its ``weight`` (0 when not set: after those with one)."""
    base_path: str = "/"
    """The path of its ``baseURL`` as written (``https://x.nl/blog/`` -> ``/blog/``,
    ``https://x.nl/blog`` -> ``/blog``; ``/`` for none)."""
    own_base_url: bool = False
    """Whether its table sets a ``baseURL`` (a multihost site)."""
    base_host: str = ""
    """The scheme and host of its ``baseURL``, lowercased (``https://x.nl``; "" for none):
    a link written with them is a link into the site."""
    permalinks: Mapping[str, str] = field(default_factory=dict)
    """Permalink patterns by first-level section ("" for pages at the top): its own
    ``permalinks`` if it has any (they replace the site's, not add to them)."""
    ugly_urls: bool = False
    """``uglyURLs = true``: every page is ``name.html``."""
    ugly_sections: Mapping[str, bool] = field(default_factory=dict)
    """``[uglyURLs]`` as a table: by first-level section (its keys lowercased, as Hugo
    reads them: a section ``Blog`` never matches)."""
    disable_path_to_lower: bool = False
    """``disablePathToLower``."""
    remove_path_accents: bool = False
    """``removePathAccents``."""
    canonify_urls: bool = False
    """``canonifyURLs``: relative permalinks then lack the path of ``baseURL``."""
    taxonomies: tuple[str, ...] = ("tags", "categories")
    """The plural names of its taxonomies (``[taxonomies]``' values, lowercased): the front
    matter keys whose terms have pages, and the first folder of their URLs."""
    paginate: int = 10
    """``paginate``: the pages of a list a paginator page holds."""
    paginate_path: str = "page"
    """``paginatePath``: ``/page/2/``."""


@dataclass(frozen=True)
class HugoSettings:
    """What of a site's Hugo configuration decides its pages' URLs."""

    default_language: str = "en"
    """``defaultContentLanguage``, lowercased."""
    default_language_in_subdir: bool = False
    """``defaultContentLanguageInSubdir`` (always true in a multihost site)."""
    content_dir: str = "content"
    """The top-level ``contentDir``."""
    languages: tuple[Language, ...] = (Language("en", "content"),)
    """The site's languages in Hugo's order (by weight, those without one last, then by
    code); the default language alone, in ``content_dir``, when ``languages`` names none."""
    date_handlers: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(_DEFAULT_DATE_HANDLERS)
    )
    """``[frontmatter]``: for each date field (``date``, ``lastmod``, ``publishdate``,
    ``expirydate``), where Hugo takes it from, in order: a front matter key, or
    ``:filename``, ``:git``, ``:filemodtime`` (``:default`` expanded, aliases added)."""
    files: tuple[str, ...] = ()
    """The configuration files read, relative to the root, in the order merged."""
    disabled_languages: tuple[str, ...] = ()
    """``disableLanguages``, lowercased: languages left out of :attr:`languages`."""
    disabled_kinds: frozenset[str] = frozenset()
    """``disableKinds``, lowercased (``taxonomy``, ``term``, ``rss``, ``sitemap`` …; the
    old names ``taxonomyterm`` and ``taxonomy`` read as Hugo 0.111 reads them)."""
    paginator: str = ""
    """How the site's layouts paginate a list page: ``paginator`` (``.Paginator``, its own
    pages), ``paginate`` (``.Paginate`` of a list of their choosing), "" (not at all: Hugo
    makes no ``/page/2/``)."""
    build_drafts: bool = False
    build_future: bool = False
    build_expired: bool = False
    """``buildDrafts``, ``buildFuture``, ``buildExpired``: whether Hugo builds the pages of
    drafts, of posts dated in the future and of expired ones (:func:`unbuilt`)."""

    def language(self, code: str) -> Language:
        """The language ``code`` (:class:`KeyError` if the site has no such language)."""
        for language in self.languages:
            if language.code == code.lower():
                return language
        raise KeyError(code)

    @property
    def multilingual(self) -> bool:
        """Whether the site has more than one language (only then do URLs get a prefix)."""
        return len(self.languages) > 1

    @property
    def multihost(self) -> bool:
        """Whether each language has a ``baseURL`` of its own (then no URL has a prefix)."""
        return self.multilingual and all(language.own_base_url for language in self.languages)


# ---------------------------------------------------------------------------------------
# Reading the configuration


def load_hugo_settings(root: Path, environment: str = "production") -> HugoSettings:
    """The Hugo settings of the site at ``root``, read as Hugo 0.111 reads them: the first
    of :data:`CONFIG_FILES` there is, then every configuration file under
    ``config/_default/`` and ``config/production/`` (and their subfolders) merged over it,
    tables deeply, keys without regard to case. No configuration at all gives the defaults.
    ``environment``: the folder read after ``config/_default/`` (``hugo --environment``;
    ``pseudo`` for :mod:`pipeline.pseudo`'s language).

    A file that cannot be read, or a setting Hugo would refuse or misread, raises
    :class:`ConfigError` naming ``file:line`` and what to do.
    """
    texts: dict[str, str] = {}  # each file read, for the line of a bad setting
    origin: dict[str, str] = {}  # each top-level key: the last file that set it
    merged = _merged_configuration(root, texts, origin, environment=environment)
    _dialect(merged, _Reporter(texts, origin))  # its markup settings checked too
    return replace(_settings(merged, _Reporter(texts, origin)), paginator=_paginator(root))


def merged_configuration(root: Path, skip: Iterable[str] = ()) -> dict[str, Any]:
    """The site's configuration as :func:`load_hugo_settings` merges it (keys lowercased),
    without the files ``skip`` names (paths relative to ``root``, such as a file the pipeline
    writes itself): the raw tables, for what the settings do not model (menus)."""
    return _merged_configuration(root, {}, {}, frozenset(skip))


def _merged_configuration(
    root: Path, texts: dict[str, str], origin: dict[str, str], skip: frozenset[str] = frozenset(),
    environment: str = "production",
) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for name in CONFIG_FILES:
        if (root / name).exists():  # a folder too: Hugo stops on it
            _merge_into(merged, _read_config_file(root, name, texts), origin, name)
            break
    for folder_name in (CONFIG_DIR_ENVIRONMENTS[0], environment):
        folder = root / "config" / folder_name
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix[1:].lower() not in _CONFIG_EXTENSIONS:
                continue
            shown = path.relative_to(root).as_posix()
            if shown in skip:
                continue
            data = _read_config_file(root, shown, texts)
            # hugo.toml, config.toml: the root table; params.toml: one key; menus.de.toml,
            # params.de.toml: the language's menus or params; languages.de.toml: the language
            name, _, language = path.stem.lower().rpartition(".") if "." in path.stem else (
                path.stem.lower(), "", "")
            if name in ("hugo", "config") and not language:
                pass
            elif not language:
                data = {name: data}
            elif name in ("menu", "menus", "params"):
                data = {"languages": {language: {name: data}}}
            else:
                data = {"languages": {language: data}}
            _merge_into(merged, data, origin, shown)
    return merged


#: ``markup.goldmark.extensions`` keys (lowercased) and the :class:`Dialect` field of each
_EXTENSIONS = {
    "table": "table", "strikethrough": "strikethrough", "footnote": "footnote",
    "definitionlist": "definition_list", "tasklist": "task_list", "linkify": "linkify",
    "typographer": "typographer",
}


def markup_dialect(root: Path) -> Dialect:
    """The Markdown the site's Hugo reads (:class:`pipeline.config.Dialect`), from its
    ``markup.goldmark`` settings: ``extensions`` (``definitionList``, ``taskList``,
    ``typographer`` …) and ``parser.attribute`` (``title``: heading attributes, ``block``:
    block attributes); Hugo 0.111's defaults where a setting is not given (or there is no
    configuration). A value of the wrong kind raises :class:`ConfigError` at its line, as
    does a configuration file that cannot be read."""
    texts: dict[str, str] = {}
    origin: dict[str, str] = {}
    merged = _merged_configuration(root, texts, origin)
    return _dialect(merged, _Reporter(texts, origin))


def _dialect(merged: Mapping[str, Any], report: _Reporter) -> Dialect:
    """:func:`markup_dialect` of the merged configuration."""
    values: dict[str, bool] = {}

    def table(keys: tuple[str, ...]) -> Mapping[str, Any]:
        found: Any = merged
        for depth, key in enumerate(keys, 1):
            found = found.get(key, {})
            if not isinstance(found, dict):
                raise report.error(keys[:depth], f"must be a table, not {value_kind(found)}")
        return found

    def flag(keys: tuple[str, ...], value: Any) -> bool:
        if isinstance(value, dict) and keys[-1] == "typographer":  # Hugo 0.112's table
            value = not value.get("disable", False)
        if not isinstance(value, bool):
            raise report.error(keys, f"must be true or false, not {value_kind(value)}")
        return value

    extensions = ("markup", "goldmark", "extensions")
    for key, value in table(extensions).items():
        if key in _EXTENSIONS:
            values[_EXTENSIONS[key]] = flag((*extensions, key), value)
    attribute = ("markup", "goldmark", "parser", "attribute")
    for key, name in (("title", "heading_attributes"), ("block", "block_attributes")):
        if key in table(attribute):
            values[name] = flag((*attribute, key), table(attribute)[key])
    return Dialect(**values)


def _read_config_file(root: Path, shown: str, texts: dict[str, str]) -> dict[str, Any]:
    """One configuration file's table, keys lowercased."""
    path = root / shown
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(shown, None, f"is not UTF-8 ({exc.reason}): save it as UTF-8") from None
    except OSError as exc:
        raise ConfigError(shown, None, f"cannot be read: {exc.strerror or exc}") from None
    texts[shown] = text
    kind = shown.rpartition(".")[2].lower()
    what = {"toml": "TOML", "yaml": "YAML", "yml": "YAML", "json": "JSON"}[kind]
    try:
        if kind == "toml":
            data: object = tomllib.loads(text)
        elif kind == "json":
            data = json.loads(text) if text.strip() else {}
        else:
            data = yaml.load(text, Loader=FastSafeLoader)  # noqa: S506 (a safe loader)
    except tomllib.TOMLDecodeError as exc:
        line, message = toml_error(exc)
        raise ConfigError(shown, line, f"is not valid {what} ({message}): fix it") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(shown, exc.lineno, f"is not valid {what} ({exc.msg}): fix it") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = mark.line + 1 if mark is not None else None
        raise ConfigError(shown, line, f"is not valid {what} ({problem}): fix it") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(shown, 1, f"must hold a table of settings, not {value_kind(data)}")
    return _lowered(data)


def _lowered(value: Any) -> Any:
    """``value`` with every table's keys lowercased, as Hugo reads its configuration."""
    if isinstance(value, dict):
        return {str(key).lower(): _lowered(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_lowered(item) for item in value]
    return value


def _merge_into(target: dict[str, Any], data: Mapping[str, Any], origin: dict[str, str],
                shown: str) -> None:
    """Merge ``data`` into ``target`` as Hugo's ``Params.Set`` does: tables deeply, any
    other value replaced."""
    for key in data:
        origin[key] = shown
    _merge_tables(target, data)


def _merge_tables(target: dict[str, Any], data: Mapping[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge_tables(target[key], value)
        else:
            target[key] = value


class _Reporter:
    """Makes the one-line error for a setting: the file that set it, and its line there
    (a best effort: the first line that names its last key)."""

    def __init__(self, texts: Mapping[str, str], origin: Mapping[str, str]) -> None:
        self.texts = texts
        self.origin = origin

    def error(self, keys: tuple[str, ...], message: str) -> ConfigError:
        shown = self.origin.get(keys[0]) or next(iter(self.texts), "hugo.toml")
        text = self.texts.get(shown, "")
        line = None
        rows = [(n, row) for n, row in enumerate(text.splitlines(), 1)
                if not row.lstrip().startswith("#")]
        for wanted in dict.fromkeys((keys[-1], keys[0])):
            # the key where it is set: followed by = or : (TOML, YAML, JSON), or ] or . (a
            # TOML table's header)
            pattern = re.compile(
                rf"""(^|[\s"'.\[{{,]){re.escape(wanted)}["']?\s*[=:\].]""", re.IGNORECASE
            )
            line = next((n for n, row in rows if pattern.search(row)), None)
            if line is not None:
                break
        return ConfigError(shown, line, f"{_setting_name(keys)} {message}")


#: Settings as Hugo's documentation spells them, for messages (keys are read lowercased)
_SPELLING = {
    "baseurl": "baseURL", "contentdir": "contentDir", "defaultcontentlanguage":
    "defaultContentLanguage", "defaultcontentlanguageinsubdir": "defaultContentLanguageInSubdir",
    "uglyurls": "uglyURLs", "disablepathtolower": "disablePathToLower",
    "removepathaccents": "removePathAccents", "canonifyurls": "canonifyURLs",
    "disablelanguages": "disableLanguages", "publishdate": "publishDate",
    "expirydate": "expiryDate", "definitionlist": "definitionList", "tasklist": "taskList",
}


def _setting_name(keys: tuple[str, ...]) -> str:
    return ".".join(_SPELLING.get(key, key) for key in keys)


def _settings(data: Mapping[str, Any], report: _Reporter) -> HugoSettings:
    """The settings of the merged configuration ``data``, each checked."""

    def get(keys: tuple[str, ...], table: Mapping[str, Any], kind: type, default: Any) -> Any:
        value = table.get(keys[-1], default)
        if kind is str and isinstance(value, str) or kind is bool and isinstance(value, bool):
            return value
        if kind is dict and isinstance(value, dict):
            return value
        if kind is list and isinstance(value, list):
            return value
        if kind is int and isinstance(value, int) and not isinstance(value, bool):
            return value
        if kind is int and isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
            return int(value)  # Hugo's cast.ToInt reads "2"
        words = {str: "a string", bool: "true or false", dict: "a table", list: "a list",
                 int: "a whole number"}
        raise report.error(keys, f"must be {words[kind]}, not {value_kind(value)}")

    default_language = get(("defaultcontentlanguage",), data, str, "").lower() or "en"
    content_dir = _folder(get(("contentdir",), data, str, "content"))
    disabled = {str(code).lower() for code in get(("disablelanguages",), data, list, [])}
    if default_language in disabled:
        raise report.error(
            ("disablelanguages",),
            f"names the default language '{default_language}', which Hugo cannot disable: "
            "remove it, or change defaultContentLanguage",
        )

    def language(code: str, table: Mapping[str, Any], keys: tuple[str, ...]) -> Language:
        """A language from its table over the site's settings (``keys``: where its table is)."""

        def local(key: str) -> tuple[tuple[str, ...], Mapping[str, Any]]:
            return ((*keys, key), table) if key in table else ((key,), data)

        ugly = table.get("uglyurls", data.get("uglyurls", False))
        ugly_sections: dict[str, bool] = {}
        if isinstance(ugly, dict):
            ugly_keys = local("uglyurls")[0]
            for section, value in ugly.items():
                if not isinstance(value, bool):
                    raise report.error((*ugly_keys, section), f"must be true or false, not {value_kind(value)}")
                ugly_sections[section] = value
            ugly = False
        elif not isinstance(ugly, bool):
            raise report.error(local("uglyurls")[0], f"must be true or false, or a table, not {value_kind(ugly)}")
        permalink_keys, permalink_table = local("permalinks")
        patterns = _permalinks(permalink_keys, get(permalink_keys, permalink_table, dict, {}), report)
        base_keys, base_table = local("baseurl")
        taxonomy_keys, taxonomy_table = local("taxonomies")
        taxonomies = get(taxonomy_keys, taxonomy_table, dict, {"tag": "tags", "category": "categories"})
        paginate = get(*local("paginate"), int, 10)
        return Language(
            code=code,
            content_dir=_folder(get(*local("contentdir"), str, content_dir)),
            weight=get((*keys, "weight"), table, int, 0),
            base_path=_url_path(get(base_keys, base_table, str, "")),
            base_host=_url_host(get(base_keys, base_table, str, "")),
            own_base_url="baseurl" in table and bool(keys),
            permalinks=patterns,
            ugly_urls=ugly,
            ugly_sections=ugly_sections,
            disable_path_to_lower=get(*local("disablepathtolower"), bool, False),
            remove_path_accents=get(*local("removepathaccents"), bool, False),
            canonify_urls=get(*local("canonifyurls"), bool, False),
            taxonomies=tuple(dict.fromkeys(str(plural).lower() for plural in taxonomies.values()
                                           if isinstance(plural, str) and plural)),
            paginate=paginate if paginate > 0 else 10,
            paginate_path=get(*local("paginatepath"), str, "page").strip("/") or "page",
        )

    languages: list[Language] = []
    for code, table in get(("languages",), data, dict, {}).items():
        if not isinstance(table, dict):
            raise report.error(("languages", code), f"must be a table, not {value_kind(table)}")
        if code not in disabled:
            languages.append(language(code, table, ("languages", code)))
    if not languages:
        languages.append(language(default_language, {}, ()))
    elif default_language not in {language.code for language in languages}:
        raise report.error(
            ("defaultcontentlanguage",),
            f"is '{default_language}', which is not one of the languages "
            f"({', '.join(language.code for language in languages)}): name one of them",
        )
    written = get(("defaultcontentlanguage",), data, str, "")
    if len(languages) > 1 and written != written.lower():
        # Hugo 0.111 finds the language without regard to case, then compares the code with
        # it as written to leave the default language's prefix out: /nl/ stays
        raise report.error(
            ("defaultcontentlanguage",),
            f"is {written!r}: Hugo would still put /{default_language}/ before that language's "
            f'pages: write it in lowercase, defaultContentLanguage = "{default_language}"',
        )
    # Hugo's order: by weight, those without one last, then by code
    languages.sort(key=lambda language: (language.weight == 0, language.weight, language.code))
    with_base = [language.code for language in languages if language.own_base_url]
    if len(languages) > 1 and with_base and len(with_base) != len(languages):
        raise report.error(
            ("languages",),
            f"gives a baseURL to {', '.join(with_base)} but not to every language: Hugo "
            "wants one for each language (a multihost site) or for none",
        )

    handlers = dict(_DEFAULT_DATE_HANDLERS)
    for key, value in get(("frontmatter",), data, dict, {}).items():
        if key not in _DATE_FIELDS:
            continue
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise report.error(("frontmatter", key), f"must be a list of strings, not {value_kind(value)}")
        expanded: list[str] = []
        for item in (item.lower() for item in value):
            for handler in _BASE_DATE_HANDLERS[key] if item == ":default" else (item,):
                expanded.extend((handler, *_DATE_ALIASES.get(handler, ())))
        handlers[key] = tuple(dict.fromkeys(expanded))

    return HugoSettings(
        default_language=default_language,
        default_language_in_subdir=get(("defaultcontentlanguageinsubdir",), data, bool, False)
        or (len(languages) > 1 and bool(with_base)),
        content_dir=content_dir,
        languages=tuple(languages),
        date_handlers=handlers,
        files=tuple(report.texts),
        disabled_languages=tuple(sorted(disabled)),
        disabled_kinds=_disabled_kinds(get(("disablekinds",), data, list, [])),
        build_drafts=get(("builddrafts",), data, bool, False),
        build_future=get(("buildfuture",), data, bool, False),
        build_expired=get(("buildexpired",), data, bool, False),
    )


def _disabled_kinds(kinds: list[Any]) -> frozenset[str]:
    """``disableKinds`` as Hugo 0.111 reads it: lowercased; where the old ``taxonomyTerm``
    is named, ``taxonomy`` means a term page and ``taxonomyTerm`` the taxonomy's."""
    named = {str(kind).lower() for kind in kinds}
    if "taxonomyterm" in named:
        named = {"term" if kind == "taxonomy" else "taxonomy" if kind == "taxonomyterm" else kind
                 for kind in named}
    return frozenset(named)


def _paginator(root: Path) -> str:
    """How the layouts of the site (and of its themes) paginate (:attr:`HugoSettings.paginator`)."""
    found = ""
    for folder in (root / "layouts", *sorted((root / "themes").glob("*/layouts"))):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in (".html", ".htm", ".xml", ".json", ".txt"):
                continue  # a template's file (not an image a theme keeps there)
            try:
                text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
            except OSError:
                continue
            if ".Paginate " in text or ".Paginate(" in text or "(.Paginate" in text:
                return "paginate"
            if ".Paginator" in text:
                found = "paginator"
    return found


def _permalinks(keys: tuple[str, ...], table: Mapping[str, Any], report: _Reporter) -> dict[str, str]:
    """``permalinks``: a pattern by section, each as Hugo 0.111 checks it (its keys trimmed of
    spaces and slashes: ``"/"`` is the pages at the top)."""
    patterns: dict[str, str] = {}
    for section, pattern in table.items():
        if isinstance(pattern, dict):
            raise report.error(
                (*keys, section),
                "is a table: Hugo 0.111 reads one pattern per section (such as "
                f'{section} = "/:year/:slug/"); the [permalinks.page] form needs Hugo 0.112',
            )
        if not isinstance(pattern, str):
            raise report.error((*keys, section), f"must be a string, not {value_kind(pattern)}")
        problem = _pattern_problem(pattern)
        if problem:
            raise report.error((*keys, section), problem)
        patterns[section.strip(" /")] = pattern
    return patterns


def _url_path(url: str) -> str:
    """The path of ``baseURL`` as Go's ``url.Parse`` finds it (unescaped): ``/blog/`` of
    ``https://x.nl/blog/``, ``/`` of ``/`` and of ""."""
    rest = url.partition("#")[0]
    scheme = re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", rest)
    if scheme:
        rest = rest[scheme.end() :]
    rest = rest.partition("?")[0]
    if rest.startswith("//"):
        slash = rest.find("/", 2)
        rest = rest[slash:] if slash >= 0 else ""
    raw = _go_unescape(rest)
    path = rest if raw is None else raw.decode("utf-8", "surrogateescape")
    return path or "/"  # none at all is as good as "/": Hugo prepends nothing then


def _url_host(url: str) -> str:
    """The scheme and host of ``baseURL``, lowercased: ``https://x.nl`` of
    ``https://X.nl/blog/``; "" without a host."""
    found = re.match(r"([A-Za-z][A-Za-z0-9+.-]*:)?//([^/?#]+)", url)
    return "" if found is None else ((found.group(1) or "") + "//" + found.group(2)).lower()


def _folder(path: str) -> str:
    """A folder setting as Hugo's ``filepath.Clean`` makes it (with ``/``; "" for ``.``)."""
    cleaned = _go_clean(path.replace("\\", "/")) if path else ""
    return "" if cleaned == "." else cleaned


def language_content_dirs(settings: HugoSettings) -> dict[str, str]:
    """Each language's content folder, relative to the root with ``/`` (absolute if the
    configuration says so), in the site's order of languages: ``{"nl": "content/nl",
    "de": "content/de"}``. Languages without a ``contentDir`` of their own share the
    top-level one (Hugo then tells their files apart by name: ``post.de.md``, which this
    module does not model)."""
    return {language.code: language.content_dir for language in settings.languages}


# ---------------------------------------------------------------------------------------
# Sections and bundles


def section_of(relpath: str) -> str:
    """The first-level section of a content file (its path in its language's content
    folder): ``posts`` for ``posts/2021/a.md``, "" for ``a.md`` and for a leaf bundle at the
    top (``a/index.md``), whose page has no section. Permalinks go by this name."""
    parts = relpath.split("/")
    if len(parts) == 1 or (len(parts) == 2 and _is_leaf_index(parts[1])):
        return ""
    return parts[0]


def _stem_ext(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    return (stem, ext.lower()) if dot and stem else (name, "")


def _is_leaf_index(name: str) -> bool:
    stem, ext = _stem_ext(name)
    return stem == "index" and ext in CONTENT_EXTENSIONS


def _is_branch_index(name: str) -> bool:
    stem, ext = _stem_ext(name)
    return stem == "_index" and ext in CONTENT_EXTENSIONS


@dataclass(frozen=True)
class ContentTree:
    """What of a language's content folder decides its pages' kinds and sections: which
    folders are leaf bundles (hold an ``index`` file) and which nested folders are sections
    (hold an ``_index`` file)."""

    leaf_bundles: frozenset[str] = frozenset()
    """Folders (relative to the content folder) with an ``index.md`` or the like ("" for
    the content folder itself)."""
    branches: frozenset[str] = frozenset()
    """Folders with an ``_index.md`` or the like."""

    @classmethod
    def of(cls, relpaths: Iterable[str]) -> ContentTree:
        """The tree of a language's content files, given by their paths in its content folder."""
        leaves, branches = set(), set()
        for relpath in relpaths:
            folder, _, name = relpath.rpartition("/")
            if _is_leaf_index(name):
                leaves.add(folder)  # "": an index.md at the top makes the home page a bundle
            elif _is_branch_index(name):
                branches.add(folder)
        # a folder with an _index.md is a branch whatever else it holds
        return cls(frozenset(leaves - branches), frozenset(branches))

    def in_leaf_bundle(self, relpath: str) -> bool:
        """Whether ``relpath`` is a file of a leaf bundle other than its index (a resource,
        not a page): every file beside or below an ``index.md``, at the top too."""
        folder, _, name = relpath.rpartition("/")
        if _is_leaf_index(name):
            if not folder:
                return False
            folder = folder.rpartition("/")[0]
        elif folder in self.leaf_bundles:
            return True
        while folder:
            if folder in self.leaf_bundles:
                return True
            folder = folder.rpartition("/")[0]
        return "" in self.leaf_bundles

    def section_path(self, folder: str) -> str:
        """The section of a page in ``folder`` (the folder its file or bundle is in): the
        nearest folder that is a section, "" at the top."""
        parts = folder.split("/") if folder else []
        while len(parts) > 1 and "/".join(parts) not in self.branches:
            parts.pop()
        return "/".join(parts)


# ---------------------------------------------------------------------------------------
# URLs: Hugo 0.111.3's createTargetPathDescriptor and CreateTargetPaths (HTML output), then
# RelPermalink's PrependBasePath


def language_prefix(settings: HugoSettings, language: str) -> str:
    """What Hugo puts before a language's paths (``getLanguagePermalinkLang``): ``de``, or
    "" for the default language (unless ``defaultContentLanguageInSubdir``), in a site of
    one language, and in a multihost site."""
    if not settings.multilingual or settings.multihost:
        return ""
    code = language.lower()
    if code == settings.default_language and not settings.default_language_in_subdir:
        return ""
    return code


def page_url(
    settings: HugoSettings,
    language: str,
    relpath: str,
    front_matter: Mapping[str, Any],
    tree: ContentTree | None = None,
) -> str | None:
    """The URL path Hugo 0.111 gives a content file, as its ``.RelPermalink``: with slashes
    at both ends (``/de/mein-beitrag/``), or ending in ``.html`` (ugly URLs, a ``url`` with
    a dot), escaped as Hugo escapes it (``/caf%C3%A9/``). None when the file is no page: not
    a content file, or a file of a leaf bundle beside its ``index.md``.

    ``relpath`` is the file's path in the language's content folder, with ``/``;
    ``front_matter`` its front matter (dates as strings, or as the date objects YAML or TOML
    made of them); ``tree`` the language's :class:`ContentTree` (which folders are bundles
    and sections). Without it only what ``relpath`` shows is known: no folder is then a
    bundle, and no nested folder a section.

    A section without an ``_index`` file has the list page Hugo makes for it at the URL
    this gives ``<folder>/_index.md`` with no front matter.
    """
    if tree is None:
        tree = ContentTree.of([relpath])
    folder, _, name = relpath.rpartition("/")
    stem, ext = _stem_ext(name)
    if ext not in CONTENT_EXTENSIONS or tree.in_leaf_bundle(relpath):
        return None
    lang = settings.language(language)
    matter = {str(key).lower(): value for key, value in front_matter.items()}
    url = _text(matter.get("url"))
    prefix = language_prefix(settings, lang.code)
    section = section_of(relpath)
    if _is_branch_index(name) or (_is_leaf_index(name) and not folder):
        link = _target_link(
            lang, "section" if folder else "home", folder.split("/") if folder else [],
            "", "", url, "", prefix, _ugly(lang, section),
        )
        return _relative_permalink(lang, link)
    if _is_leaf_index(name) and folder:  # a leaf bundle: its folder names it
        folder, _, stem = folder.rpartition("/")
    date, filename_slug = _page_date(settings, matter, stem)
    # Hugo trims hyphens off a slug from front matter (not spaces: " -x- " stays)
    slug = _text(matter.get("slug")).strip("-") if "slug" in matter else filename_slug
    expanded = ""
    pattern = lang.permalinks.get(section)
    if pattern is not None:
        page = _Page(lang, stem, slug, _text(matter.get("title")), date,
                     tree.section_path(folder))
        # what cannot be unescaped (a % in a folder name) leaves the page its plain path
        expanded = _query_unescape(_expand(pattern, page)) or ""
    link = _target_link(
        lang, "page", [], folder + "/" if folder else "", slug or stem, url, expanded, prefix,
        _ugly(lang, section),
    )
    return _relative_permalink(lang, link)


def page_urls(
    settings: HugoSettings, language: str, pages: Mapping[str, Mapping[str, Any]]
) -> dict[str, str | None]:
    """:func:`page_url` of each of a language's content files (``pages``: path in its
    content folder -> front matter), the :class:`ContentTree` made of them all."""
    tree = ContentTree.of(pages)
    return {relpath: page_url(settings, language, relpath, matter, tree)
            for relpath, matter in pages.items()}


def list_url(settings: HugoSettings, language: str, sections: Iterable[str]) -> str:
    """The URL of a list page Hugo makes of ``sections`` (the folders of its path: none for
    the home page, ``["tags"]`` for a taxonomy's page, ``["tags", "Fiets Route"]`` for a
    term's, each made path-safe as Hugo makes it: ``/tags/fiets-route/``)."""
    lang = settings.language(language)
    parts = list(sections)
    link = _target_link(lang, "section" if parts else "home", parts, "", "", "", "",
                        language_prefix(settings, lang.code), _ugly(lang, parts[0] if parts else ""))
    return _relative_permalink(lang, link)


def urlize(settings: HugoSettings, language: str, text: str) -> str:
    """Hugo's ``urlize`` of ``text`` in ``language``: a term's part of its page's URL."""
    return _urlize(settings.language(language), text)


def sitemap_urls(settings: HugoSettings, language: str) -> tuple[str, str | None]:
    """The URL of a language's sitemap, and of the sitemap index of a multilingual site
    (shared by its languages; None for a site of one language or a multihost one)."""
    lang = settings.language(language)
    if not settings.multilingual or settings.multihost:
        return _relative_permalink(lang, "/sitemap.xml"), None
    # Hugo 0.111 puts each language's under its code, the default language's too
    return _relative_permalink(lang, f"/{lang.code}/sitemap.xml"), _relative_permalink(lang, "/sitemap.xml")


def _ugly(lang: Language, section: str) -> bool:
    if lang.ugly_sections:
        return lang.ugly_sections.get(section, False)
    return lang.ugly_urls


def _target_link(
    lang: Language, kind: str, sections: list[str], folder: str, base_name: str, url: str,
    expanded: str, prefix: str, ugly: bool,
) -> str:
    """``CreateTargetPaths``' ``Link`` of a page of ``kind`` (home, section, page)."""
    page_path = "/"
    needs_base = True
    same_as_type = base_name == "index"  # a page whose name is the output's base name
    if not expanded and same_as_type:
        ugly = True
    if kind != "page" and not url and sections:
        page_path = _pjoin(page_path, expanded) if expanded else _pjoin(*sections)
        needs_base = False
    if kind != "home" and url:
        page_path = _pjoin(page_path, url)
        link = page_path
        has_slash = url.endswith("/")
        if has_slash or "." not in url:
            page_path = _pjoin(page_path, "index.html")
        if not page_path.endswith("/index.html"):
            link = page_path
        elif not has_slash:
            link += "/"
        if not url.startswith("/") and prefix:  # a relative url: the language's own
            link = _pjoin(prefix, link)
    elif kind == "page":
        if expanded:
            page_path = _pjoin(page_path, expanded)
        else:
            if folder:
                page_path = _pjoin(page_path, folder)
            if base_name:
                page_path = _pjoin(page_path, base_name)
        link = page_path
        if same_as_type:
            link = link.removesuffix(base_name)
        link += "/"
        if ugly:
            page_path = page_path.strip("/") + ".html"
        else:
            page_path = _pjoin(page_path, "index.html")
        if not page_path.endswith("/index.html"):
            link = page_path
        if prefix:
            link = _pjoin(prefix, link)
    else:
        base = "index" if needs_base or not ugly else ""
        link = page_path
        if base:
            page_path = _go_path_join(page_path, base + ".html")
        else:
            page_path = page_path.strip("/") + ".html"
        if not page_path.endswith("/index.html"):
            link = page_path
        else:
            link += "/"
        if prefix:
            link = _pjoin(prefix, link)
    had_slash = link.endswith("/")
    link = link.strip("/") + ("/" if had_slash else "")
    if not link.startswith("/"):
        link = "/" + link
    if kind != "page" or not url:  # a page's url is kept as written
        link = _make_path_sanitized(lang, link)
    return _url_escape(link) or "/"


def _relative_permalink(lang: Language, link: str) -> str:
    """``PrependBasePath``: the link under the path of ``baseURL`` (none with
    ``canonifyURLs``, where Hugo prepends the whole baseURL later)."""
    base = "" if lang.canonify_urls else lang.base_path
    if base in ("", "/"):  # Hugo has no base path then, and does not clean the link
        return link
    joined = _go_path_join(base, link)
    return joined + "/" if link.endswith("/") and not joined.endswith("/") else joined


def served_path(settings: HugoSettings | None, language: str, url: str) -> str:
    """Where a page's URL (its ``.RelPermalink``, as :func:`page_url` gives it) is under
    ``public/``: without the path of ``baseURL``, which the site is served under (escaped as
    the URL is). A page keeps its place when only ``baseURL`` changes."""
    base = ""
    if settings is not None:
        lang = settings.language(language)
        base = "" if lang.canonify_urls else lang.base_path.rstrip("/")
    if base and (url == base or url.startswith(base + "/")):
        url = url[len(base):] or "/"
    return url


def alias_path(path: str) -> str:
    """The ``aliases`` value that makes Hugo 0.111 publish its redirect page at ``path`` (a
    :func:`served_path`): absolute, since Hugo writes an alias with a leading slash where it
    says under ``public/`` (no language prefix added: ``/de/alt/`` stays); unescaped, since
    Hugo writes an alias's path as it is (``caf%C3%A9`` would be a folder of that name)."""
    raw = _go_unescape(path)
    if raw is not None:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return path


def redirect_place(path: str) -> str:
    """The file under ``public/`` at which Hugo 0.111 writes the redirect of the ``aliases``
    value ``path`` (its ``targetPathAlias``): the path unescaped and cleaned, with
    ``index.html`` unless it ends in ``.html``. Two values with one place are one URL
    (``/de/x``, ``/de/x/``, ``/de/x/index.html``), and a page's URL is its alias's place."""
    cleaned = _go_clean(alias_path(path)).lstrip("/")
    return cleaned if cleaned.endswith(".html") else f"{cleaned}/index.html".lstrip("/")


def is_served_path(value: object) -> bool:
    """Whether ``value`` is a page's path under ``public/`` as :func:`served_path` gives it
    (the ``url`` a generation record keeps): absolute, clean (no ``//``, ``.`` or ``..``: a
    trailing slash aside), without spaces or control characters. Anything else was not
    written by merge and is not trusted."""
    if not isinstance(value, str) or not value.startswith("/") or re.search(r"[\s\x00-\x1f\x7f]", value):
        return False
    cleaned = _go_clean(value)
    return value in (cleaned, cleaned.rstrip("/") + "/")


def _go_path_join(*parts: str) -> str:
    """Go's ``path.Join``: the non-empty parts joined by ``/``, cleaned; "" if all are empty."""
    joined = "/".join(part for part in parts if part)
    return _go_clean(joined) if joined else ""


def _pjoin(*parts: str) -> str:
    """Hugo's ``pjoin``: ``path.Join``, keeping the last part's trailing slash."""
    joined = _go_path_join(*parts)
    if parts[-1].endswith("/") and not joined.endswith("/"):
        return joined + "/"
    return joined


def _go_clean(path: str) -> str:
    """Go's ``path.Clean``: no ``//``, ``.`` or ``..`` (none above the root), no trailing
    slash; ``.`` for an empty result."""
    rooted = path.startswith("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append(part)
            continue
        parts.append(part)
    cleaned = ("/" if rooted else "") + "/".join(parts)
    return cleaned or "."


def _text(value: object) -> str:
    """A front matter value as Hugo's ``cast.ToString`` makes it a string."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- Hugo's UnicodeSanitize, MakePathSanitized and URLize


#: What Go's ``unicode.IsSpace`` takes for white space
_GO_SPACE = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | frozenset(
    chr(code) for code in range(0x2000, 0x200B)
)
_HEX = frozenset("0123456789abcdefABCDEF")


def _make_path_sanitized(lang: Language, text: str) -> str:
    """``MakePathSanitized``: :func:`_unicode_sanitize`, then lowercased unless
    ``disablePathToLower``."""
    text = _unicode_sanitize(lang, text)
    return text if lang.disable_path_to_lower else _go_lower(text)


def _unicode_sanitize(lang: Language, text: str) -> str:
    """Hugo 0.111's ``UnicodeSanitize``: accents removed if ``removePathAccents``; letters,
    digits, marks, ``./\\_#+~-@`` and ``%XX`` kept; white space between kept characters
    made one ``-`` (none after a ``-``); everything else dropped."""
    if lang.remove_path_accents:
        text = unicodedata.normalize(
            "NFC",
            "".join(ch for ch in unicodedata.normalize("NFD", text)
                    if unicodedata.category(ch) != "Mn"),
        )
    out: list[str] = []
    hyphen = was_hyphen = False
    for i, ch in enumerate(text):
        allowed = ch in "./\\_#+~-@" or unicodedata.category(ch)[0] in "LM" or (
            unicodedata.category(ch) == "Nd"
        ) or (ch == "%" and i + 2 < len(text) and text[i + 1] in _HEX and text[i + 2] in _HEX)
        if allowed:
            was_hyphen = ch == "-"
            if hyphen:
                if not was_hyphen:
                    out.append("-")
                hyphen = False
            out.append(ch)
        elif out and not was_hyphen and ch in _GO_SPACE:
            hyphen = True
    return "".join(out)


def _go_lower(text: str) -> str:
    """Go's ``strings.ToLower``: each character's simple lowercase mapping (Python's
    ``str.lower`` maps ``İ`` to two characters and a final ``Σ`` to ``ς``)."""
    out = []
    for ch in text:
        lower = ch.lower()
        out.append(lower if len(lower) == 1 else ("i" if ch == "\u0130" else ch))
    return "".join(out)


def _urlize(lang: Language, text: str) -> str:
    """``URLize``: made path-safe, then escaped."""
    return _url_escape(_make_path_sanitized(lang, text))


# --- Go's net/url: url.Parse(s).String() (Hugo's URLEscape), url.QueryUnescape


def _go_should_escape(byte: int, fragment: bool) -> bool:
    ch = chr(byte)
    if byte < 0x80 and (ch.isalnum() or ch in "-_.~"):
        return False
    if ch in "$&+,/:;=?@":
        return ch == "?" and not fragment
    if fragment and ch in "!()*":
        return False
    return True


def _go_escape(raw: bytes, fragment: bool) -> str:
    return "".join(
        f"%{byte:02X}" if _go_should_escape(byte, fragment) else chr(byte) for byte in raw
    )


def _go_valid_encoded(text: str, fragment: bool) -> bool:
    for byte in text.encode("utf-8", "surrogateescape"):
        if chr(byte) in "!$&'()*+,;=:@[]%":
            continue
        if _go_should_escape(byte, fragment):
            return False
    return True


def _go_unescape(text: str, plus_is_space: bool = False) -> bytes | None:
    """``%XX`` decoded (and ``+`` as a space for a query); None for a ``%`` without two hex
    digits, as Go refuses it."""
    raw = text.encode("utf-8", "surrogateescape")
    out = bytearray()
    i = 0
    while i < len(raw):
        if raw[i] == 0x25:
            pair = raw[i + 1 : i + 3]
            if len(pair) != 2 or not all(chr(b) in _HEX for b in pair):
                return None
            out.append(int(pair, 16))
            i += 3
            continue
        out.append(0x20 if plus_is_space and raw[i] == 0x2B else raw[i])
        i += 1
    return bytes(out)


def _query_unescape(text: str) -> str | None:
    raw = _go_unescape(text, plus_is_space=True)
    return None if raw is None else raw.decode("utf-8", "surrogateescape")


def _go_escaped(text: str, fragment: bool) -> str:
    """``EscapedPath``/``EscapedFragment``: as written if validly escaped, else escaped anew."""
    if _go_valid_encoded(text, fragment):
        return text
    raw = _go_unescape(text)
    return text if raw is None else _go_escape(raw, fragment)


def _url_escape(url: str) -> str:
    """Go's ``url.Parse(url).String()`` of a path (which may hold ``?`` and ``#``): path,
    query and fragment each kept where validly escaped, else escaped. (Go refuses a bad
    ``%`` escape, on which Hugo panics: it is kept as written.)"""
    rest, _, fragment = url.partition("#")
    if rest.endswith("?") and rest.count("?") == 1:
        path, query, mark = rest[:-1], "", "?"
    else:
        path, mark, query = rest.partition("?")
        mark = mark if query else ""
    out = _go_escaped(path, fragment=False) + mark + query
    decoded = _go_unescape(fragment)
    if decoded:  # Go writes a fragment only when it is not empty
        out += "#" + _go_escaped(fragment, fragment=True)
    return out


# --- permalink patterns (resources/page/permalinks.go)

#: Go's ``:\w+(\[.+?\])?`` (its ``\w`` is ASCII)
_ATTRIBUTE_RE = re.compile(r":\w+(?:\[.+?\])?", re.ASCII)
_KNOWN = frozenset(("year", "month", "monthname", "day", "weekday", "weekdayname", "yearday",
                    "section", "sections", "title", "slug", "slugorfilename", "filename"))


def _pattern_problem(pattern: str) -> str | None:
    """Why Hugo 0.111 refuses a permalink pattern (its ``validate``), None if it does not."""
    if not pattern:
        return "is empty: give a pattern such as '/:year/:slug/'"
    fragments = pattern[1:].split("/")
    for i, fragment in enumerate(fragments):
        if not fragment and i < len(fragments) - 1:
            return f"= {pattern!r} has an empty path segment (//): remove it"
        for token in _ATTRIBUTE_RE.findall(fragment):
            if not _known_attribute(token[1:]):
                return (
                    f"= {pattern!r} has {token}, which Hugo 0.111 does not know: use :year, "
                    ":month, :day, :section, :sections, :title, :slug, :filename or a Go date "
                    "layout such as :2006"
                )
    return None


def _known_attribute(name: str) -> bool:
    if name in _KNOWN or name.startswith("sections["):
        return True
    return _go_format(_REFERENCE_TIME, name) != name


@dataclass(frozen=True)
class _Page:
    """What a permalink pattern can say of a page."""

    lang: Language
    filename: str
    slug: str
    title: str
    date: dt.datetime
    section_path: str


def _expand(pattern: str, page: _Page) -> str:
    """The pattern with each attribute replaced, as Hugo's expander replaces them: in turn,
    each the first time its text is in what the ones before made."""

    def value(name: str) -> str:
        date = page.date
        if name == "year":
            return str(date.year)  # not zero-padded: a page without a date is in year 1
        if name == "month":
            return f"{date.month:02d}"
        if name == "monthname":
            return _MONTHS[date.month - 1]
        if name == "day":
            return f"{date.day:02d}"
        if name == "weekday":
            return str(_go_weekday(date))
        if name == "weekdayname":
            return _WEEKDAYS[_go_weekday(date)]
        if name == "yearday":
            return str(date.timetuple().tm_yday)
        if name == "section":
            return page.section_path.split("/")[0]
        if name == "sections":
            return page.section_path
        if name == "title":
            return _urlize(page.lang, page.title)
        if name == "slug":
            return _urlize(page.lang, page.slug or page.title)
        if name == "slugorfilename":
            return _urlize(page.lang, page.slug or page.filename)
        if name == "filename":
            return _urlize(page.lang, page.filename)
        if name.startswith("sections["):
            sections = page.section_path.split("/") if page.section_path else []
            return _go_path_join(*_sections_slice(name[len("sections"):], sections))
        return _go_format(date, name)

    expanded = pattern
    for token in _ATTRIBUTE_RE.findall(pattern):
        expanded = expanded.replace(token, value(token[1:]), 1)
    return expanded


def _sections_slice(cut: str, sections: list[str]) -> list[str]:
    """Hugo's ``toSliceFunc``: ``[1:]``, ``[:last]``, ``[last]``, ``[0]`` of the sections."""
    cut = cut.strip().lower()
    if not cut:
        return sections
    if len(cut) < 3 or cut[0] != "[" or cut[-1] != "]":
        return []

    def index(text: str, low: bool) -> int:
        if text == "":
            return 0 if low else len(sections)
        if text == "last":
            return len(sections) - 1
        try:
            n = max(int(text), 0)
        except ValueError:
            n = 0
        return min(n, len(sections))

    inner = cut[1:-1]
    if not sections:
        return []
    if ":" not in inner:
        i = index(inner, True)
        return [sections[i]] if 0 <= i < len(sections) and sections[i] else []
    low, high = inner.split(":")[:2]
    return sections[index(low, True) : index(high, False)]


# --- dates


_ZERO = dt.datetime(1, 1, 1)
_REFERENCE_TIME = dt.datetime(2019, 11, 9, 23, 1, 42)  # Hugo's, to tell a date layout
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
def _go_weekday(date: dt.datetime) -> int:
    return date.isoweekday() % 7  # Sunday is 0


def _as_datetime(value: object) -> dt.datetime | None:
    """A front matter date as Hugo reads it, its calendar fields as written (Hugo keeps a
    date's own offset); None when it is none (Hugo then tries the next source)."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str) and RFC3339_RE.fullmatch(text := value.strip()):
        fields = (text[0:4], text[5:7], text[8:10], text[11:13], text[14:16], text[17:19])
        try:
            return dt.datetime(*(int(number or 0) for number in fields))
        except ValueError:  # no such day or time
            return None
    return None


def _page_date(settings: HugoSettings, matter: Mapping[str, Any], name: str) -> tuple[dt.datetime, str]:
    """The page's date, and the slug its file name gives ("" if none), as Hugo's date
    handlers find them: each date field takes the first of its sources that has a date, and a
    ``:filename`` that gives one gives the slug too (``name``: the file's name without its
    extension, or the bundle's folder's)."""
    slug = ""
    date: dt.datetime | None = None
    for field_name in _DATE_FIELDS:
        found, rest = _field_date(settings, matter, field_name, name)
        if rest is not None:
            slug = rest
        if field_name == "date":
            date = found
    return date or _ZERO, slug


def _field_date(
    settings: HugoSettings, matter: Mapping[str, Any], field_name: str, name: str
) -> tuple[dt.datetime | None, str | None]:
    """A date field's value as Hugo's date handlers find it: the first of its sources that
    has a date (None: none), and the slug the file name gives where that source is
    ``:filename`` (else None)."""
    for handler in settings.date_handlers.get(field_name, ()):
        if handler == ":filename":
            found, rest = _filename_date(name)
            if found is not None:
                return found, rest
        elif not handler.startswith(":"):  # :git, :filemodtime: not modelled (they set no slug)
            found = _as_datetime(matter.get(handler)) if handler in matter else None
            if found is not None:
                return found, None
    return None, None


def date_without_key(settings: HugoSettings | None, name: str) -> str | None:
    """Where Hugo takes a page's date from when its front matter gives none: the first of the
    ``date`` field's handlers (``[frontmatter]``) that reads no front matter key and has a
    date for this file, ``:filename`` (``name``, the file's name without its extension or the
    bundle's folder's, starts with one) or ``:filemodtime``; None: nowhere (``:git`` is left
    out: it has a date only with ``enableGitInfo`` and a commit)."""
    if settings is None:
        return None
    for handler in settings.date_handlers.get("date", ()):
        if handler == ":filename" and _filename_date(name)[0] is not None:
            return handler
        if handler == ":filemodtime":
            return handler
    return None


def unbuilt(settings: HugoSettings, matter: Mapping[str, Any], hidden: str, name: str, now: dt.datetime) -> str | None:
    """Why Hugo builds no page of a content file (``matter``: its front matter's dates, keys
    lowercased; ``hidden``: ``draft``, ``headless``, ``_build`` or "", the key that hides it;
    ``name``: the file's name without its extension, or the bundle's folder's), as a phrase:
    a draft, a headless bundle, ``_build`` that says so, a ``publishDate`` after ``now``, an
    ``expiryDate`` before it (each found as Hugo's date handlers find it), unless
    ``buildDrafts`` … say otherwise. None: it builds it."""
    if hidden == "draft" and not settings.build_drafts:
        return "a draft (draft: true)"
    if hidden == "headless":
        return "a headless bundle (headless: true)"
    if hidden == "_build":
        return "its _build says render: never"
    for field_name, key, built, late in (("publishdate", "publishDate", settings.build_future, True),
                                         ("expirydate", "expiryDate", settings.build_expired, False)):
        found = None if built else _field_date(settings, matter, field_name, name)[0]
        if found is None:
            continue
        if late and found > now:
            return f"dated in the future ({key} {found.date().isoformat()})"
        if not late and found < now:
            return f"expired ({key} {found.date().isoformat()})"
    return None


def _filename_date(name: str) -> tuple[dt.datetime | None, str]:
    """Hugo's ``dateAndSlugFromBaseFilename``: ``2017-02-22-name`` -> its date and ``name``."""
    if len(name) < 10 or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", name[:10]):
        return None, ""
    found = _as_datetime(name[:10])
    if found is None:
        return None, ""
    return found, name[10:].strip(" -_")


def _next_chunk(layout: str) -> tuple[int, int, str] | None:
    """Go 1.19's ``nextStdChunk`` for the characters a permalink attribute can hold (letters,
    digits, ``_``): where the first layout element starts and ends, and which it is."""
    for i, ch in enumerate(layout):
        rest = layout[i:]
        if rest.startswith("Jan"):
            if rest.startswith("January"):
                return i, i + 7, "January"
            if not rest[3:4].islower():
                return i, i + 3, "Jan"
        if rest.startswith("Mon"):
            if rest.startswith("Monday"):
                return i, i + 6, "Monday"
            if not rest[3:4].islower():
                return i, i + 3, "Mon"
        if rest.startswith("MST"):
            return i, i + 3, "MST"
        if ch == "0" and len(rest) >= 2 and "1" <= rest[1] <= "6":
            return i, i + 2, rest[:2]
        if ch == "1":
            return (i, i + 2, "15") if rest.startswith("15") else (i, i + 1, "1")
        if ch == "2":
            return (i, i + 4, "2006") if rest.startswith("2006") else (i, i + 1, "2")
        if ch == "_" and rest.startswith("_2"):
            if rest.startswith("_2006"):
                return i + 1, i + 5, "2006"  # a literal _, then the year
            return i, i + 2, "_2"
        if ch in "345":
            return i, i + 1, ch
        if rest.startswith("PM"):
            return i, i + 2, "PM"
        if rest.startswith("pm"):
            return i, i + 2, "pm"
        for zone in ("Z070000", "Z0700", "Z07"):
            if rest.startswith(zone):
                return i, i + len(zone), zone
    return None


def _go_format(date: dt.datetime, layout: str) -> str:
    """Go's ``time.Format`` (of a time in UTC) for the layout elements of :func:`_next_chunk`."""
    hour12 = date.hour % 12 or 12
    values = {
        "January": _MONTHS[date.month - 1], "Jan": _MONTHS[date.month - 1][:3],
        "Monday": _WEEKDAYS[_go_weekday(date)], "Mon": _WEEKDAYS[_go_weekday(date)][:3],
        "MST": "UTC", "01": f"{date.month:02d}", "02": f"{date.day:02d}",
        "03": f"{hour12:02d}", "04": f"{date.minute:02d}", "05": f"{date.second:02d}",
        "06": f"{date.year % 100:02d}", "15": f"{date.hour:02d}", "1": str(date.month),
        "2006": f"{date.year:04d}", "2": str(date.day), "_2": f"{date.day:2d}",
        "3": str(hour12), "4": str(date.minute), "5": str(date.second),
        "PM": "PM" if date.hour >= 12 else "AM", "pm": "pm" if date.hour >= 12 else "am",
        "Z070000": "Z", "Z0700": "Z", "Z07": "Z",
    }
    out: list[str] = []
    while layout:
        chunk = _next_chunk(layout)
        if chunk is None:
            out.append(layout)
            break
        start, end, element = chunk
        out.append(layout[:start] + values[element])
        layout = layout[end:]
    return "".join(out)


__all__ = [
    "CONFIG_FILES",
    "ContentTree",
    "HugoSettings",
    "Language",
    "language_content_dirs",
    "language_prefix",
    "load_hugo_settings",
    "page_url",
    "page_urls",
    "section_of",
]
