"""Settings: defaults that need no configuration, overridable in ``[tool.pipeline]``, and the
layout of a content root (post ids, template and catalog paths, the folders a run may touch).
Not the site's Hugo configuration: that is :mod:`pipeline.hugo`'s."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pipeline.errors import ConfigError, PipelineError, value_kind
from pipeline.languages import UnknownLanguage, locale_of

#: The cache's folder in the content root (:mod:`pipeline.cache`)
CACHE_DIR = ".pipeline-cache"
STRINGS_ID = "_i18n"
"""The id of the string tables' and menus' template and catalogs (:mod:`pipeline.strings`):
no post's, though a post's name (``content/nl/_i18n.md``) could give it; that is refused."""
TERMS_ID = "_terms"
"""The id of the terms' template and catalogs (:mod:`pipeline.terms`): no post's either. The
terms of the posts written in another language have their own, ``_terms-<language>``
(:attr:`Config.terms_id`)."""
SITE_WIDE_CATALOGS = {STRINGS_ID: "the string tables and menus", TERMS_ID: "the site's terms"}
"""The catalogs of the whole site, by id, and what they translate: the one list of the ids
that are no post's (check's orphans, ``pipeline mv``'s catalogs, the names a post may not have)."""
SITE_WIDE_IDS = frozenset(SITE_WIDE_CATALOGS)
"""The site-wide ids of the site's own direction; every direction's: :attr:`Config.site_wide_ids`."""

DEFAULT_KEYS = ("title", "description", "summary", "image_alt", "tags", "categories")
DEFAULT_LIST_KEYS = ("tags", "categories")
#: Shortcode parameters that are text (``[tool.pipeline.shortcodes]``): by name, or by
#: position (0 the first); a site's table adds shortcodes to these, or replaces one's list
DEFAULT_SHORTCODES: dict[str, tuple[str | int, ...]] = {"figure": ("alt", "caption", "title")}
#: Shortcodes whose inner text is code, never text (``code-shortcodes`` adds to these)
CODE_SHORTCODES = ("highlight", "code")

#: What stands for every item of a list in a ``translatable-keys`` path (``resources.*.title``)
EVERY_ITEM = "*"


def key_path(setting: str) -> tuple[str, ...]:
    """A ``translatable-keys`` entry as the keys it goes through: ``cover.caption`` ->
    ``("cover", "caption")``, ``resources.*.title`` -> ``("resources", "*", "title")``;
    ``title`` -> ``("title",)``. The one reading of the setting (checked by
    :func:`key_path_problem` when the settings are read)."""
    return tuple(setting.split("."))


def key_path_problem(setting: str) -> str | None:
    """Why a ``translatable-keys`` entry is no path of keys, if it is not."""
    parts = key_path(setting)
    if any(not part.strip() for part in parts):
        return "has an empty key between its dots: write keys joined by single dots ('cover.caption')"
    if parts[0] == EVERY_ITEM:
        return f"starts with '{EVERY_ITEM}': a path starts with a front matter key ('resources.*.title')"
    if any(EVERY_ITEM in part and part != EVERY_ITEM for part in parts):
        return f"has '{EVERY_ITEM}' inside a key: '{EVERY_ITEM}' stands alone between dots, for every item of a list"
    return None


@dataclass(frozen=True)
class Dialect:
    """The Markdown a site's Hugo (Goldmark) reads: which of its extensions and parser options
    are on, from the site's ``markup.goldmark`` settings (:func:`pipeline.hugo.markup_dialect`;
    the defaults are Hugo 0.111's). :mod:`pipeline.markdown` makes its parsers of it."""

    table: bool = True
    strikethrough: bool = True
    footnote: bool = True
    definition_list: bool = True
    task_list: bool = True
    linkify: bool = True
    typographer: bool = True
    heading_attributes: bool = True
    """``parser.attribute.title``: ``## Kop {#kop .cls}``."""
    block_attributes: bool = False
    """``parser.attribute.block``: ``{.cls}`` on the line after a block."""


@dataclass(frozen=True)
class Config:
    """Where things are and what to translate. Field names are the TOML keys, with ``-``."""

    root: Path
    source_language: str = "nl"
    target_languages: tuple[str, ...] = ("de",)
    content_dir: str = "content"
    locale_dir: str = "locale"
    translatable_keys: tuple[str, ...] = DEFAULT_KEYS
    list_keys: tuple[str, ...] = DEFAULT_LIST_KEYS
    max_post_bytes: int = 1024 * 1024
    links: dict[str, str | dict[str, str]] = field(default_factory=dict)
    """``[tool.pipeline.links]``: a page no post makes, and where each translated post links
    instead: one URL for every target language, or a table of them by language."""
    url_patterns: dict[str, str] = field(default_factory=dict)
    """The URL of a language's pages, where set (``/de/{slug}/``): it wins over the site's Hugo
    configuration (:class:`pipeline.site.Site`)."""
    time_zones: dict[str, str] = field(
        default_factory=lambda: {"nl": "Europe/Amsterdam", "de": "Europe/Berlin"}
    )
    static_dir: str = "static"
    schema: dict[str, list[str]] = field(default_factory=dict)
    shortcodes: dict[str, tuple[str | int, ...]] = field(default_factory=lambda: dict(DEFAULT_SHORTCODES))
    """The text parameters of each shortcode: names, or positions (0 the first)."""
    code_shortcodes: tuple[str, ...] = ()
    """Shortcodes whose inner text is code (besides :data:`CODE_SHORTCODES`)."""
    glossary: str = ""
    """A glossary of required terms (CSV or TBX), relative to the root (:mod:`pipeline.terms`)."""
    dialect: Dialect = field(default_factory=Dialect)
    """The site's Markdown (not a ``[tool.pipeline]`` setting: read from its Hugo configuration
    by :func:`pipeline.api.content_root`)."""
    hugo_environment: str = "production"
    """The Hugo environment whose ``config/<environment>/`` the site's Hugo configuration is
    read with (not a setting: ``pseudo`` for :mod:`pipeline.pseudo`'s language)."""
    site_languages: tuple[str, ...] = field(default=(), repr=False)
    """Not a setting: where these settings are one direction of the site other than its own
    (the posts written in a target language, :meth:`direction`), the site's languages as its
    settings give them (its source language first); empty for the site's own direction."""
    _run: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    """What one command's run found of the site's sources in every language (:mod:`pipeline.site`'s
    ``_sources_by_language``), shared by every direction of it (:meth:`direction`): the run
    neither writes nor removes a source."""
    _joined: dict[tuple[str, ...], Path] = field(default_factory=dict, init=False, repr=False, compare=False)
    _resolved: dict[Path, Path] = field(default_factory=dict, init=False, repr=False, compare=False)
    """Folders already joined (by their parts) and resolved (by their path): a run asks about
    thousands of files in a few folders, and ``Path.resolve()`` stats every component of every
    path. Kept for one command's run."""
    _resolved_texts: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _allowed: list[str] = field(default_factory=list, init=False, repr=False, compare=False)
    """The same as text, by the text of the folder (:meth:`confine` asks of every file), and
    content/ and locale/ resolved as text."""

    @property
    def languages(self) -> tuple[str, ...]:
        """The site's languages, its own source language first (``source-language``, then
        ``target-languages``), whichever direction these settings are."""
        return self.site_languages or (self.source_language, *self.target_languages)

    def direction(self, language: str) -> Config:
        """The settings of the posts written in ``language`` (one of :attr:`languages`): the
        site's own (``source-language``'s) as they are; another language's with it as the
        source language and every other language of the site as a target, the site's source
        language first (so a German post goes to Dutch, and to every other target language).
        Every folder and catalog path of a run follows from these: the one core, the
        direction as data."""
        languages = self.languages
        if language == languages[0] and not self.site_languages:
            self._run.setdefault(("direction", language), self)
            return self
        made = self._run.get(("direction", language))
        if made is None:
            if language == languages[0]:
                made = replace(self, source_language=language, target_languages=languages[1:], site_languages=())
            else:
                made = replace(self, source_language=language,
                               target_languages=tuple(other for other in languages if other != language),
                               site_languages=languages)
            object.__setattr__(made, "_run", self._run)  # one run: what it found is every direction's
            self._run[("direction", language)] = made
        return made

    @property
    def terms_id(self) -> str:
        """The id of this direction's terms catalogs (:mod:`pipeline.terms`): :data:`TERMS_ID`
        for the site's own, ``_terms-de`` for the posts written in German."""
        return TERMS_ID if self.source_language == self.languages[0] else f"{TERMS_ID}-{self.source_language}"

    @property
    def site_wide_catalogs(self) -> dict[str, str]:
        """:data:`SITE_WIDE_CATALOGS` and the terms catalogs of every other direction
        (:attr:`terms_id`), by id, and what they translate: the ids no post may take."""
        return {**SITE_WIDE_CATALOGS, **{f"{TERMS_ID}-{language}": f"the terms of the posts written in {language}"
                                         for language in self.languages[1:]}}

    @property
    def site_wide_ids(self) -> frozenset[str]:
        """The ids of :attr:`site_wide_catalogs`."""
        return frozenset(self.site_wide_catalogs)

    @property
    def source_dir(self) -> Path:
        return self._folder(self.content_dir, self.source_language)

    def target_dir(self, language: str) -> Path:
        return self._folder(self.content_dir, language)

    def post_id(self, path: Path | str, language: str | None = None) -> str:
        """A post's id, the same in every language: its path under its language's folder
        without ``.md`` (``content/nl/2017/foo.md`` -> ``2017/foo``), and for a leaf bundle's
        ``index.md`` its folder (``content/nl/2023/reis/index.md`` -> ``2023/reis``; an
        ``index.md`` at the top, the home page's bundle, is ``index``). The one rule: every
        command and the site model name a post by it; :meth:`post_file` is the way back."""
        folder = self.source_dir if language is None else self.target_dir(language)
        text, prefix = str(path), f"{folder}{os.sep}"
        if os.sep == "/" and text.startswith(prefix) and text.endswith(".md") and not text.endswith("/.md"):
            page = text[len(prefix) : -3]  # what the line below gives, without pathlib's cost
        else:
            page = Path(path).relative_to(folder).with_suffix("").as_posix()
        return page[: -len("/index")] if page.endswith("/index") else page

    def post_file(self, post_id: str, language: str | None = None) -> Path:
        """The file of the post ``post_id`` in ``language`` (the Dutch one by default):
        ``<id>.md``, or ``<id>/index.md`` where the post is a leaf bundle. A German post has
        the Dutch post's form; where there is no Dutch post, the form found in its own folder."""
        folder = self.source_dir if language is None else self.target_dir(language)
        return folder / self.post_file_name(post_id, language)

    def post_file_name(self, post_id: str, language: str | None = None) -> str:
        """:meth:`post_file` under its language's folder (``2023/reis/index.md``). A Dutch post
        that is gone (renamed, deleted) had the form its German posts have: merge wrote them so."""
        plain = f"{post_id}.md"
        if post_id == "index" or post_id.endswith(("/index", "/_index")) or post_id == "_index":
            return plain
        bundle = f"{post_id}/index.md"
        folders = [self.source_dir] + ([self.target_dir(lang) for lang in self.target_languages]
                                       if language in (None, self.source_language) else [self.target_dir(language)])
        for folder in folders:  # (looked up as text: every post is asked, in every run)
            if os.path.lexists(f"{folder}{os.sep}{bundle}"):  # beside an x.md too: Hugo's page is the bundle
                return bundle
            if os.path.lexists(f"{folder}{os.sep}{plain}"):
                return plain
        return plain

    def links_for(self, language: str) -> dict[str, str]:
        """``links`` for the posts in ``language``: a URL for every language, or the
        language's own (a page a language's table does not name is not mapped in it)."""
        return {key: value if isinstance(value, str) else value[language]
                for key, value in self.links.items() if isinstance(value, str) or language in value}

    def time_zone(self, language: str) -> str:
        """The zone of a language's post dates that name none: ``time-zones``'s for the
        language; for a target language it names none for, the source language's (the
        translated posts carry the source posts' dates, published for the same readers: a
        language alone names no zone, ``en`` is London or New York); else UTC."""
        zone = self.time_zones.get(language)
        if zone is None and language != self.source_language:
            zone = self.time_zones.get(self.source_language)
        return zone or "UTC"

    def template_path(self, post_id: str) -> Path:
        return self._folder(self.locale_dir, "templates") / f"{post_id}.pot"

    def catalog_path(self, post_id: str, language: str) -> Path:
        return self._folder(self.locale_dir, language, "LC_MESSAGES") / f"{post_id}.po"

    def _folder(self, *parts: str) -> Path:
        """``root / part / ...``, made once: a run asks for thousands of paths in a few folders."""
        folder = self._joined.get(parts)
        if folder is None:
            folder = self._joined[parts] = self.root.joinpath(*parts)
        return folder

    def confine(self, path: Path) -> None:
        """Refuse a path that leads out of the root's content/ and locale/ folders (symlinks
        included): raise :class:`PipelineError` naming it."""
        # (string tests, the folders resolved once: this runs for every file of the site)
        resolved = self._resolved_text(path)
        if not any(resolved == folder or resolved.startswith(f"{folder}{os.sep}")
                   for folder in self._allowed_texts()):
            link = self._first_symlink(path)
            what = "folder" if link.is_dir() else "file"
            # the symlink named where it is a folder on the way (content/nl itself, say)
            named = "" if link == path else f" {self.relative(link)}"
            raise PipelineError(
                self.relative(path),
                None,
                f"leads outside {self.content_dir}/ and {self.locale_dir}/ of the content root "
                f"(to {resolved}): refused; replace the symlink{named} by the {what} itself",
            )
        source = self._resolve_folder(self.source_dir)
        if resolved.startswith(f"{source}{os.sep}") and not str(path).startswith(
            f"{self.source_dir}{os.sep}"
        ):
            # a symlinked folder in content/de or locale/ that leads among the source posts:
            # what a run writes there would land on the Dutch posts
            raise PipelineError(
                self.relative(path),
                None,
                f"leads into {self.relative(self.source_dir)}/, the source posts (to {resolved}): "
                "refused; replace the symlink on its way by a folder or file of its own",
            )

    def _allowed_texts(self) -> list[str]:
        """:meth:`allowed_folders` as text, made once."""
        texts = self._allowed
        if not texts:
            texts = self._allowed[:] = [str(folder) for folder in self.allowed_folders()]
        return texts

    def _resolved_text(self, path: Path) -> str:
        """``str(path.resolve())``, its folder's resolution remembered (the file itself may be
        a symlink, and is then resolved in full), without pathlib's cost."""
        text = str(path)
        folder, name = os.path.split(text)
        if name in ("", ".", "..") or os.path.islink(text):
            return str(path.resolve())
        resolved = self._resolved_texts.get(folder)
        if resolved is None:
            resolved = self._resolved_texts[folder] = str(self._resolve_folder(path.parent))
        return os.path.join(resolved, name)

    def _first_symlink(self, path: Path) -> Path:
        """The first symlink on the way from the root to ``path`` (``path`` if none is)."""
        absolute = path if path.is_absolute() else self.root / path
        for step in (*reversed(absolute.parents), absolute):
            if step.is_relative_to(self.root) and step != self.root and step.is_symlink():
                return step
        return path

    def allowed_folders(self) -> list[Path]:
        """content/ and locale/ of the root, as they are named, not where a symlink in their
        place leads: ``locale`` linked to a folder outside the root is refused too."""
        root = self._resolve_folder(self.root)
        return [root / self.content_dir, root / self.locale_dir]

    def _resolve_folder(self, folder: Path) -> Path:
        resolved = self._resolved.get(folder)
        if resolved is None:
            resolved = self._resolved[folder] = folder.resolve()
        return resolved

    def relative(self, path: Path | str) -> str:
        """A path as shown to users and written in references: relative to the root, with ``/``."""
        text, root = str(path), str(self.root)
        if os.sep == "/" and text.startswith(root) and text[len(root) : len(root) + 1] == "/":
            return text[len(root) + 1 :]  # what relative_to gives, without pathlib's cost
        path = Path(path)
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


_TYPES = {
    "source_language": str,
    "target_languages": list,
    "content_dir": str,
    "locale_dir": str,
    "translatable_keys": list,
    "list_keys": list,
    "max_post_bytes": int,
    "links": dict,
    "url_patterns": dict,
    "time_zones": dict,
    "static_dir": str,
    "schema": dict,
    "shortcodes": dict,
    "code_shortcodes": list,
    "glossary": str,
}
_TYPE_NAMES = {str: "string", list: "list", int: "whole number", dict: "table"}
_SCHEMA_KEYS = ("booleans", "dates", "images", "lists", "required", "strings")
#: What may not be in a link, a URL pattern or a folder name: it would end the link, or the line
_SPACE_OR_CONTROL_RE = re.compile(r"[\s\x00-\x1f\x7f]")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def load_config(root: Path) -> Config:
    """Read ``[tool.pipeline]`` from ``root/pyproject.toml``, if there is one, and check it.

    Every wrong setting raises :class:`ConfigError` (one line, naming the setting and its line
    in pyproject.toml), as does any arrangement of folders under which a run would write into
    the source posts' folder or two kinds of output into one folder (see :func:`_check_folders`).
    """
    try:
        root = root.resolve()
    except OSError as exc:  # a relative root under a working folder that was deleted
        raise ConfigError(str(root), None, f"cannot find the content root: {exc.strerror} "
                          "(was the folder you are in deleted? cd to the site again)") from None
    pyproject = root / "pyproject.toml"
    values: dict[str, object] = {}
    lines: dict[str, int] = {}
    if pyproject.is_file():
        try:
            text = pyproject.read_text(encoding="utf-8")
            data = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError("pyproject.toml", None, f"cannot read it: {exc}") from None
        except OSError as exc:
            raise ConfigError("pyproject.toml", None, f"cannot read it: {exc.strerror}") from None
        tool = data.get("tool", {})
        if isinstance(tool, dict) and "pipeline" not in tool:
            _refuse_misspelt_table(tool, text)
        table = tool.get("pipeline", {}) if isinstance(tool, dict) else None
        if not isinstance(table, dict):
            raise ConfigError("pyproject.toml", None, "[tool.pipeline] must be a table")
        lines = _setting_lines(text)
        values = _settings(table, lines)
    config = Config(root=root, **values)  # type: ignore[arg-type]
    _check_folders(config, lines)
    return config


def _refuse_misspelt_table(tool: dict[str, object], text: str) -> None:
    """A ``[tool.pipline]`` or ``[tool.Pipeline]`` (and no ``[tool.pipeline]``) is refused at
    its line: else every setting in it would be ignored without a word, and the run would go
    on with the defaults."""
    for name in tool:
        if name.lower() == "pipeline" or difflib.get_close_matches(name.lower(), ["pipeline"], n=1, cutoff=0.8):
            found = re.search(rf'^[ \t]*\[+[ \t]*tool[ \t]*\.[ \t]*"?{re.escape(name)}\b', text, re.MULTILINE)
            line = text.count("\n", 0, found.start()) + 1 if found else None
            raise ConfigError("pyproject.toml", line, f"[tool.{name}]: did you mean [tool.pipeline]? "
                              "its settings would be ignored")


def _settings(table: dict[str, object], lines: dict[str, int]) -> dict[str, object]:
    """The ``[tool.pipeline]`` table as :class:`Config` arguments, every value checked."""

    def error(key: str, message: str, entry: str | None = None) -> ConfigError:
        line = lines.get(f"{key}.{entry}") if entry is not None else None
        return ConfigError("pyproject.toml", line or lines.get(key), f"[tool.pipeline] {key} {message}")

    known = {f.name for f in fields(Config) if f.init} - {"root", "dialect", "site_languages"}
    values: dict[str, object] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in known:
            names = sorted(k.replace("_", "-") for k in known)
            close = difflib.get_close_matches(key, names, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise ConfigError(
                "pyproject.toml",
                lines.get(key),
                f"unknown setting '{key}' in [tool.pipeline]; {hint}known: " + ", ".join(names),
            )
        expected = _TYPES[name]
        if not isinstance(value, expected) or isinstance(value, bool) and expected is int:
            raise error(key, f"must be a {_TYPE_NAMES[expected]}, not {_toml_type(value)}")
        if expected is list:
            for item in value:  # type: ignore[union-attr]
                if not isinstance(item, str):
                    raise error(key, f"must list strings, not {_toml_type(item)}")
                if not item.strip():
                    raise error(key, "holds an empty string")
            _refuse_duplicates(key, value, error, fold=name == "target_languages")  # type: ignore[arg-type]
            if name == "translatable_keys":
                for item in value:  # type: ignore[union-attr]
                    problem = key_path_problem(item)
                    if problem is not None:
                        raise error(key, f"'{item}' {problem}")
                # the keys on a path match in any case (as Hugo reads them): one path, two spellings
                _refuse_duplicates(key, [item for item in value if "." in item], error, fold=True)  # type: ignore[union-attr]
            value = tuple(value)  # type: ignore[arg-type]
        values[name] = value

    source = values.get("source_language", Config.source_language)
    targets = values.get("target_languages", Config.target_languages)
    assert isinstance(source, str) and isinstance(targets, tuple)
    if "source_language" in values:
        check_language("source-language", source, error)
    for language in targets:
        if language.casefold() == source.casefold():
            raise error(
                "target-languages",
                f"holds the source language '{language}': its posts would be written over the "
                f"source posts; remove it",
            )
    if "target_languages" in values:
        if not targets:
            raise error("target-languages", "is empty: name at least one language to translate into")
        for language in targets:
            check_language("target-languages", language, error)
    languages = (source, *targets)

    for name in ("content_dir", "locale_dir", "static_dir"):
        folder = values.get(name)
        key = name.replace("_", "-")
        if isinstance(folder, str):
            parts = Path(folder).parts
            if not parts or folder.strip() != folder or _CONTROL_RE.search(folder):
                raise error(key, f"must name a folder inside the root, not {folder!r}")
            if Path(folder).is_absolute() or ".." in parts:
                raise error(key, "must be inside the root")
    glossary = values.get("glossary")
    if isinstance(glossary, str) and glossary:
        parts = Path(glossary).parts
        if not parts or Path(glossary).is_absolute() or ".." in parts or _CONTROL_RE.search(glossary):
            raise error("glossary", f"must name a file inside the root (a CSV or TBX file), not {glossary!r}")
    if isinstance(values.get("max_post_bytes"), int) and values["max_post_bytes"] < 1:  # type: ignore[operator]
        raise error("max-post-bytes", f"must be at least 1 (bytes), not {values['max_post_bytes']}")

    for key, value in values.get("links", {}).items():  # type: ignore[attr-defined]
        if isinstance(value, dict) and not value:
            raise error("links", f"'{key}' = {{}} names no language: give each target language its URL "
                        f"({{ {targets[0]} = \"/{targets[0]}/...\" }}) or remove it", key)
        if isinstance(value, dict):  # a URL per target language (issue 16)
            for language, url in value.items():
                if language not in targets:
                    raise error("links", f"'{key}' names '{language}', which is not a target language "
                                f"({', '.join(targets)})", key)
                if not isinstance(url, str):
                    raise error("links", f"'{key}' {language} must be a string (a URL), not {_toml_type(url)}", key)
                if not url or _SPACE_OR_CONTROL_RE.search(url):
                    raise error("links", f"'{key}' {language} = {url!r}: a link must be a URL without spaces", key)
            value = key
        elif not isinstance(value, str):
            raise error("links", f"'{key}' must map to a string (a URL) or a table of them by target "
                        f"language, not {_toml_type(value)}", key)
        for text in (key, value):
            if not text or _SPACE_OR_CONTROL_RE.search(text):
                raise error("links", f"'{key}' = {value!r}: a link must be a URL without spaces", key)
    for language, pattern in values.get("url_patterns", {}).items():  # type: ignore[attr-defined]
        _check_language_key("url-patterns", language, languages, error)
        if not isinstance(pattern, str):
            raise error("url-patterns", f"{language} must be a string, not {_toml_type(pattern)}", language)
        if pattern.count("{slug}") != 1 or _SPACE_OR_CONTROL_RE.search(pattern):
            raise error(
                "url-patterns",
                f"{language} = {pattern!r}: a URL pattern holds '{{slug}}' once and no spaces "
                "(such as '/de/{slug}/')",
                language,
            )
    for language, zone in values.get("time_zones", {}).items():  # type: ignore[attr-defined]
        _check_language_key("time-zones", language, languages, error)
        if not isinstance(zone, str):
            raise error("time-zones", f"{language} must be a string, not {_toml_type(zone)}", language)
        problem = _zone_problem(zone)
        if problem:
            raise error("time-zones", f"{language} = {zone!r}: {problem}", language)

    schema = values.get("schema")
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key not in _SCHEMA_KEYS or not isinstance(value, list) or not all(
                isinstance(v, str) for v in value
            ):
                raise ConfigError(
                    "pyproject.toml",
                    lines.get(f"schema.{key}") or lines.get("schema"),
                    f"[tool.pipeline.schema] {key}: expected one of {', '.join(_SCHEMA_KEYS)} "
                    "with a list of keys",
                )
    if isinstance(values.get("shortcodes"), dict):
        values["shortcodes"] = _shortcode_table(values["shortcodes"], lines)  # type: ignore[arg-type]
    for name in values.get("code_shortcodes", ()):  # type: ignore[attr-defined]
        if not _SHORTCODE_NAME_RE.fullmatch(name):
            raise error("code-shortcodes", f"holds {name!r}, which is no shortcode name (such as 'mermaid')")
    return values


#: A shortcode's name as Hugo lexes it (letters, digits, ``-``, ``_``, ``/`` for folders),
#: and a named parameter's
_SHORTCODE_NAME_RE = re.compile(r"[^\W_][\w/-]*")
_PARAMETER_NAME_RE = re.compile(r"[\w-]+")


def _shortcode_table(table: dict[str, object], lines: dict[str, int]) -> dict[str, tuple[str | int, ...]]:
    """``[tool.pipeline.shortcodes]`` checked, over :data:`DEFAULT_SHORTCODES`: each name a
    shortcode's, mapped to a list of parameter names (``"caption"``) and positions (``0``)."""
    shortcodes = dict(DEFAULT_SHORTCODES)
    for name, params in table.items():
        line = lines.get(f"shortcodes.{name}") or lines.get("shortcodes")
        where = f"[tool.pipeline.shortcodes] {name}"
        if not _SHORTCODE_NAME_RE.fullmatch(name):
            raise ConfigError("pyproject.toml", line, f"{where}: no shortcode name (letters, digits, '-', '_', '/')")
        if not isinstance(params, list):
            raise ConfigError("pyproject.toml", line, f"{where} must be a list of parameter names and "
                              f"positions (such as [\"caption\", 0]), not {_toml_type(params)}")
        for param in params:
            if isinstance(param, bool) or not isinstance(param, (str, int)):
                raise ConfigError("pyproject.toml", line, f"{where} must list parameter names (strings) "
                                  f"and positions (whole numbers), not {_toml_type(param)}")
            if isinstance(param, int) and param < 0:
                raise ConfigError("pyproject.toml", line, f"{where}: a position counts from 0, not {param}")
            if isinstance(param, str) and not _PARAMETER_NAME_RE.fullmatch(param):
                raise ConfigError("pyproject.toml", line, f"{where}: {param!r} is no parameter name "
                                  "(letters, digits, '-', '_')")
        if len(set(params)) != len(params):
            raise ConfigError("pyproject.toml", line, f"{where} names a parameter twice: name each once")
        shortcodes[name] = tuple(params)
    return shortcodes


def _toml_type(value: object) -> str:
    """What a TOML value is, in the words of the TOML spec (for messages)."""
    return value_kind(value, "an array")


def _refuse_duplicates(key: str, items: list[str], error, fold: bool) -> None:  # type: ignore[no-untyped-def]
    """``fold``: compare without regard to case (language codes name folders, and a
    case-insensitive file system takes ``content/DE`` for ``content/de``)."""
    seen: dict[str, str] = {}
    for item in items:
        folded = item.casefold() if fold else item
        if folded in seen:
            first = seen[folded]
            raise error(key, f"names '{item}' twice" + ("" if first == item else f" (as '{first}')"))
        seen[folded] = item


def names_language(tag: str, language: str) -> bool:
    """Whether a language tag as tools write it (a PO ``Language`` header, an XLIFF
    ``target-language``, a TBX ``xml:lang``: ``de``, ``DE``, ``de_DE``, ``de-AT``,
    ``de_DE.UTF-8``, ``de@euro``) names ``language`` or a regional variant of it."""
    tag = tag.strip().lower().replace("_", "-")
    language = language.lower().replace("_", "-")
    return tag == language or (tag.startswith(language) and tag[len(language)] in "-.@")


def check_language(key: str, language: str, error) -> None:  # type: ignore[no-untyped-def]
    """A language code Babel knows (its plural forms and name go into each catalog); its
    folders are named by it, so nothing but letters and ``_`` (Babel requires that too)."""
    try:
        locale_of(language)
    except UnknownLanguage as exc:
        raise error(key, str(exc)) from None


def _check_language_key(key: str, language: str, languages: tuple[str, ...], error) -> None:  # type: ignore[no-untyped-def]
    if language not in languages:
        raise error(
            key,
            f"names '{language}', which is not the source language or a target language "
            f"({', '.join(languages)})",
            language,
        )


def _zone_problem(zone: str) -> str | None:
    """Why ``zone`` is not an IANA time zone name, with the closest one; None if it is."""
    try:
        ZoneInfo(zone)
        return None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    names = sorted(available_timezones())
    close = difflib.get_close_matches(zone, names, n=1) or [
        name for name in names if name.casefold() == zone.casefold()
    ]
    hint = f"did you mean '{close[0]}'?" if close else "use an IANA name such as 'Europe/Berlin'"
    return f"unknown time zone: {hint}"


_HEADER_RE = re.compile(r"\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY_RE = re.compile(r"""\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")


def _setting_lines(text: str) -> dict[str, int]:
    """Where each setting of ``[tool.pipeline]`` is, for messages: ``{"time-zones": 12,
    "links./x/": 20, ...}`` (1-based; a sub-table by its header line). A best effort: a
    setting it does not find is reported without a line."""
    lines: dict[str, int] = {}
    table: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER_RE.match(line)
        if header:
            name = header.group(1).replace('"', "").replace(" ", "")
            table = None
            if name == "tool.pipeline":
                table = ""
            elif name.startswith("tool.pipeline."):
                table = name[len("tool.pipeline.") :]
                lines.setdefault(table, number)
            continue
        key = _KEY_RE.match(line)
        if table is not None and key:
            name = next(group for group in key.groups() if group is not None)
            lines.setdefault(f"{table}.{name}" if table else name, number)
    return lines


def _check_folders(config: Config, lines: dict[str, int]) -> None:
    """Refuse an arrangement of folders under which a run would write where it must not.

    The content and locale folders and ``.pipeline-cache`` are apart (none is or holds
    another); within them, the source posts' folder, each target language's posts and
    catalogs, and the templates are apart too, compared where they lead (symlinks
    followed) and without regard to case (a case-insensitive file system, as macOS's and
    Windows', takes ``content/NL`` for ``content/nl``).
    """

    root = config.root
    top = [
        ("content-dir", f"{config.content_dir}/", root / config.content_dir),
        ("locale-dir", f"{config.locale_dir}/", root / config.locale_dir),
        ("the cache", f"{CACHE_DIR}/", root / CACHE_DIR),
    ]
    _refuse_overlaps(config, lines, top, "must be separate folders, neither inside the other")
    locale = config.locale_dir
    inner = [("content-dir", f"{config.content_dir}/{config.source_language}/ (the source posts)",
              config.source_dir)]
    for language in config.target_languages:
        inner.append(("target-languages", f"{config.content_dir}/{language}/ ({language} posts)",
                      config.target_dir(language)))
        inner.append(("target-languages", f"{locale}/{language}/ ({language} catalogs)",
                      root / locale / language))
    inner.append(("locale-dir", f"{locale}/templates/ (the templates)", root / locale / "templates"))
    _refuse_overlaps(
        config, lines, inner, "must be separate folders: a run would write one into the other"
    )


def _refuse_overlaps(
    config: Config, lines: dict[str, int], folders: list[tuple[str, str, Path]], rule: str
) -> None:
    """Raise :class:`ConfigError` for the first two of ``folders`` (setting, as shown, path)
    that are one folder or one inside the other, where they lead."""
    for i, (key, shown, path) in enumerate(folders):
        for other_key, other_shown, other_path in folders[i + 1 :]:
            if not _overlap(path.resolve(), other_path.resolve()):
                continue
            setting = key if key == other_key else f"{key} and {other_key}"
            if _overlap(path, other_path):  # as the settings name them
                raise ConfigError(
                    "pyproject.toml",
                    lines.get(key) or lines.get(other_key),
                    f"[tool.pipeline] {setting}: {shown} and {other_shown} {rule}",
                )
            link = next(p for p in (path, other_path) if p.resolve() != p)  # a symlink on the way
            raise ConfigError(
                config.relative(link),
                None,
                f"leads to {link.resolve()}: then {shown} and {other_shown} {rule}; "
                "replace the symlink by a folder of its own",
            )


def _overlap(path: Path, other: Path) -> bool:
    """Whether two paths are one folder or one holds the other, without regard to case."""
    a, b = Path(str(path).casefold()), Path(str(other).casefold())
    return a == b or a in b.parents or b in a.parents
