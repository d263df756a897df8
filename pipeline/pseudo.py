"""`pipeline pseudo`: a pseudo locale, to test templates and layouts before any translator
starts.

The pseudo language (``de-x-pseudo`` by default: a BCP 47 private-use tag on a base
language) is a Hugo language of its own that only ``hugo --environment pseudo`` builds:

- its catalogs go to ``locale/<pseudo>/LC_MESSAGES/<id>.po``, every unit of every post
  "translated" by :func:`pseudo_text` (the slug by :func:`pseudo_slug`), made from the posts
  themselves (not from the templates, which may be stale); the German catalogs and posts are
  never read or written;
- merge writes its posts from them to ``content/<pseudo>/`` (links rewritten to the pseudo
  pages, through the same checks as every translation);
- its Hugo language is ``config/pseudo/languages.<pseudo>.toml``, which a plain ``hugo``
  build (environment ``production``) never reads: the pseudo pages are not published by
  accident. ``--clean`` removes all three.

What needs a language (plural forms, the catalog header's language name, date zones, the
slug's transliteration) is the base language's: ``de`` for ``de-x-pseudo``. Babel knows no
``de-x-pseudo``, and the pseudo language is not a ``target-languages`` setting.

``bench/pseudo.py`` keeps the benchmark's own pseudo-translation (no padding, no ``ß``): its
outputs, and the figures measured with them, stay what they were.
"""

from __future__ import annotations

import math
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from pipeline.config import Config, check_language
from pipeline.errors import ConfigError, PipelineError, unreadable
from pipeline.files import write_if_changed
from pipeline.frontedit import load_source_post
from pipeline.hugo import CONFIG_DIR_ENVIRONMENTS, CONFIG_FILES
from pipeline.languages import quotation_marks
from pipeline.links import code_span_ranges, slugify
from pipeline.po import Catalog, format_catalog, parse_catalog
from pipeline.site import refused_name
from pipeline.units import post_units
from pipeline.update import language_name, plural_forms, template_messages

#: The pseudo language when none is named
PSEUDO_LANGUAGE = "de-x-pseudo"
#: The Hugo environment (``hugo --environment pseudo``) whose configuration folder holds the
#: pseudo language
HUGO_ENVIRONMENT = "pseudo"
#: ``<base>-x-<tag>``, lowercase as Hugo keeps language keys: ``de-x-pseudo``, ``pt-br-x-long``
_LANGUAGE_RE = re.compile(r"([a-z]{2,3}(?:-[a-z]{2,4})?)-x-[a-z0-9]{1,8}")
#: The share a pseudo text is longer than its source, at least
GROWTH = 0.3

# Spans that must not change (code spans are found first, by ``links.code_span_ranges``):
# link destinations (not a title after one: ``_TITLED_RE``) and reference labels, a collapsed
# reference ``[label][]`` whole (its text is its label), footnote references, shortcut
# reference links ``[label]`` (not followed by ``(``, ``[`` or ``:``), HTML comments, tags and the name of a tag left open
# (``<div id="x"`` over two lines still starts an HTML block), shortcodes and Liquid tags,
# entities, bare URLs and e-mail addresses (Hugo's linkify makes links of them), Translate
# Toolkit's placeholders. Each alternative is bounded by a closing character it cannot run
# past (no backtracking blow-up).
_KEEP_RE = re.compile(
    r"\[[^\]]*\]\[\]"
    r"|\]\([^)]*\)"
    r"|\]\[[^\]]*\]"
    r"|\[\^[^\]]*\]"
    r"|\[[^\]]*\](?![(\[:])"
    r"|<!--.*?-->"
    r"|<[^>]*>"
    r"|</?[A-Za-z][A-Za-z0-9-]*"
    r"|\{\{.*?\}\}|\{%.*?%\}"
    r"|&#?\w+;"
    r"|https?://\S+|www\.\S+"
    r"|[-a-zA-Z0-9.+_]+@[-a-zA-Z0-9_]+(?:\.[-a-zA-Z0-9_]+)+"
    r"|\{\d+\}",
    re.DOTALL,
)
_LETTERS = str.maketrans({
    "a": "ä", "o": "ö", "u": "ü", "e": "é", "i": "í",
    "A": "Ä", "O": "Ö", "U": "Ü", "E": "É", "I": "Í",
})
#: ``s`` between two lowercase ASCII letters, and ``ss``: ``ß``
_ESZETT_RE = re.compile(r"(?<=[a-z])ss?(?=[a-z])")
_ASCII_QUOTES_RE = re.compile(r'(^|[\s(])"([^"\n]+)"')
#: The padding's filler, repeated: letters with accents and spaces, so that it wraps as text
_FILLER = "ßüöä "


def pseudo_text(text: str, base: str = "de") -> str:
    """``text`` pseudo-translated: its prose letters German-like (``a`` → ``ä``, ``ss`` →
    ``ß``), its quotation marks the ``base`` language's (German ``"…"`` → ``„…“``), markup byte for byte (see ``_KEEP_RE``), and padding
    ``⟦ßüöä…⟧`` appended so that it is at least 30 % longer (a truncated text shows: its
    ``⟧`` is missing). Deterministic; the same text gives the same pseudo text."""
    out: list[str] = []
    pos = 0
    for start, end in code_span_ranges(text):
        out += [_outside_code(text[pos:start], base), text[start:end]]
        pos = end
    out.append(_outside_code(text[pos:], base))
    changed = "".join(out)
    # " ⟦" and "⟧" count: the filler makes up the rest
    missing = max(math.ceil(len(text) * (1 + GROWTH)) - len(changed) - 3, 1)
    filler = (_FILLER * (missing // len(_FILLER) + 1))[: missing - 1] + _FILLER[0]
    return f"{changed} ⟦{filler}⟧"


#: A link's or image's destination with a title (``](/over/ "Over ons")``): the title is text
_TITLED_RE = re.compile(r"""(\]\((?:<[^>\n]*>|[^\s)]*)\s+)(["'])(.*)\2(\s*\))\Z""", re.DOTALL)


def _outside_code(text: str, base: str) -> str:
    out: list[str] = []
    pos = 0
    for match in _KEEP_RE.finditer(text):
        kept = match.group()
        titled = _TITLED_RE.match(kept) if kept.startswith("](") else None
        if titled is not None:  # the title's letters, not its quotes (they delimit it)
            lead, quote, title, tail = titled.groups()
            kept = f"{lead}{quote}{_letters(title, base)}{quote}{tail}"
        out += [_prose(text[pos : match.start()], base), kept]
        pos = match.end()
    out.append(_prose(text[pos:], base))
    return "".join(out)


def _letters(text: str, base: str) -> str:
    """``text`` with pseudo letters: accents, and ``ß`` for ``ss``; curly quotation marks
    the base language's."""
    return _ESZETT_RE.sub("ß", text).translate(_letters_and_quotes(base))


@lru_cache(maxsize=None)
def _letters_and_quotes(base: str) -> dict[int, str]:
    """:data:`_LETTERS` with “…” made the base language's marks (where they are known)."""
    marks = quotation_marks(base)
    return _LETTERS if marks is None else {**_LETTERS, ord("“"): marks.start, ord("”"): marks.end}


def _prose(text: str, base: str) -> str:
    text = _letters(text, base)
    marks = quotation_marks(base)
    if marks is None:
        return text
    return _ASCII_QUOTES_RE.sub(lambda m: f"{m.group(1)}{marks.start}{m.group(2)}{marks.end}", text)


def pseudo_slug(slug: str, base: str = "de") -> str:
    """A slug's pseudo slug: its letters with the accents of :func:`pseudo_text`, written in
    ASCII as the base language's slugs are (``over-ons`` → ``oever-oens``; ``reis`` stays):
    different from the source slug wherever it has an ``a``, ``o`` or ``u`` (one pseudo slug
    for one slug: ``ae`` is only ever ``a``'s), and a valid URL path segment."""
    return slugify(slug.translate(_LETTERS), base) or slug


@dataclass(frozen=True)
class PseudoLanguage:
    """A pseudo language: its code (Hugo's language key, its folders' name) and its base."""

    code: str
    base: str


def pseudo_language(code: str) -> PseudoLanguage:
    """``code`` checked: ``<base>-x-<tag>`` with a base language Babel knows. Raises
    ValueError with what to name instead."""
    match = _LANGUAGE_RE.fullmatch(code)
    if match is None:
        raise ValueError(
            f"{code!r} is not a pseudo language code: name one as '<language>-x-<tag>' in "
            f"lowercase, such as '{PSEUDO_LANGUAGE}'"
        )
    base = match.group(1)
    parts = base.split("-")
    # as Babel writes it: a region in capitals (de_AT), a script capitalised (sr_Latn)
    babel_base = parts[0] if len(parts) == 1 else f"{parts[0]}_{parts[1].title() if len(parts[1]) == 4 else parts[1].upper()}"
    check_language("language", babel_base, lambda key, message: ValueError(f"{code!r}: {message}"))
    return PseudoLanguage(code, babel_base)


def pseudo_config(config: Config, language: PseudoLanguage) -> Config:
    """The settings merge runs the pseudo language with: it the only target language, dated
    in its base language's zone, the Hugo configuration read with ``config/pseudo/``."""
    return replace(
        config,
        target_languages=(language.code,),
        time_zones={**config.time_zones, language.code: config.time_zone(language.base)},
        hugo_environment=HUGO_ENVIRONMENT,
    )


def hugo_language_path(config: Config, language: PseudoLanguage) -> Path:
    return config.root / "config" / HUGO_ENVIRONMENT / f"languages.{language.code}.toml"


def hugo_language_file(config: Config, language: PseudoLanguage) -> str:
    """The pseudo language's table for Hugo (``config/pseudo/languages.<code>.toml``)."""
    return (
        f"# Generated by `pipeline pseudo`: the pseudo language, built only by\n"
        f"# `hugo --environment {HUGO_ENVIRONMENT}`. `pipeline pseudo --clean` removes it.\n"
        f'contentDir = "{config.content_dir}/{language.code}"\n'
        f'languageCode = "{language.code}"\n'
        f'languageName = "Pseudo ({language_name(language.base)})"\n'
        "weight = 1000\n"
    )


@dataclass
class PseudoResult:
    """What :func:`fill_catalogs` did: the catalogs written (as shown), those already so,
    the errors of posts it could not read."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    errors: list[PipelineError] = field(default_factory=list)
    hugo_file: str = ""
    hugo_file_written: bool = False
    removed: list[str] = field(default_factory=list)
    """The pseudo catalogs and posts of posts that are gone (deleted, moved, renamed)."""
    not_pseudo: list[str] = field(default_factory=list)
    """The site's string tables and menus (``i18n/nl.toml``, ``menus``): not pseudo-translated."""


def fill_catalogs(config: Config, language: PseudoLanguage, result: PseudoResult,
                  directions: Sequence[tuple[Config, list[Path]]]) -> list[tuple[Config, list[Path]]]:
    """Write the pseudo catalog of every source post (only where its bytes change) and the
    pseudo language's Hugo file; return, per direction (its settings and its source posts:
    :meth:`pipeline.config.Config.direction`; a post written in German is pseudo-translated
    from German), the posts whose catalogs are there."""
    root = config.root
    if not any((root / name).exists() for name in CONFIG_FILES) and not any(
        (root / "config" / folder).is_dir() for folder in CONFIG_DIR_ENVIRONMENTS
    ):  # config/pseudo/ alone would be the site's whole configuration for the other commands
        raise ConfigError(
            CONFIG_FILES[0], None,
            "not found: `pipeline pseudo` adds its language to the site's Hugo configuration; "
            "write the site's hugo.toml first",
        )
    _own_folders(config, language)
    path = hugo_language_path(config, language)
    result.hugo_file = config.relative(path)
    try:  # a file the run cannot write stops it: merge could not read the language
        result.hugo_file_written = write_if_changed(
            path, hugo_language_file(config, language).encode("utf-8"), shown=result.hugo_file
        )
    except OSError as exc:
        raise unreadable(result.hugo_file, exc) from None
    result.removed = _remove_gone(config, language, {direction.post_id(source) for direction, sources in directions
                                                     for source in sources})
    made: list[tuple[Config, list[Path]]] = []
    for direction, sources in directions:
        done: list[Path] = []
        for source in sources:
            refused = refused_name(direction, source)
            if refused is not None:
                result.errors.append(refused)
                continue
            error = _fill_catalog(direction, language, source, result)
            if error is not None:
                result.errors.append(error)
            else:
                done.append(source)
        made.append((direction, done))
    return made


def _remove_gone(config: Config, language: PseudoLanguage, ids: set[str]) -> list[str]:
    """Remove the pseudo catalogs and posts whose post is not among ``ids``: the pseudo locale
    is made of the posts there are (every file in its folders is the command's)."""
    catalogs = config.catalog_path("x", language.code).parent
    posts = config.target_dir(language.code)
    gone = [path for path in (sorted(catalogs.rglob("*.po")) if catalogs.is_dir() else [])
            if path.relative_to(catalogs).with_suffix("").as_posix() not in ids]
    gone += [path for path in (sorted(posts.rglob("*.md")) if posts.is_dir() else [])
             if config.post_id(path, language.code) not in ids]
    for path in gone:
        config.confine(path)
        path.unlink()
        for folder in path.parents:  # the folders it leaves empty, up to the language's
            if folder in (catalogs, posts) or any(folder.iterdir()):
                break
            folder.rmdir()
    return [config.relative(path) for path in gone]


def _fill_catalog(
    config: Config, language: PseudoLanguage, source: Path, result: PseudoResult
) -> PipelineError | None:
    shown = config.relative(source)
    post_id = config.post_id(source)
    target = config.catalog_path(post_id, language.code)
    try:
        config.confine(source)
        config.confine(target)
        data = source.read_bytes()
        post = load_source_post(shown, data, config.max_post_bytes)
        old = target.read_bytes() if target.is_file() else None
    except PipelineError as exc:
        return exc
    except OSError as exc:
        return unreadable(shown, exc)
    units = post_units(config, post, post_id, "", None, pack=False)[0]
    messages = template_messages(units, shown)
    for message in messages:
        if message.msgctxt == "slug":
            message.msgstr = pseudo_slug(message.msgid, language.base)
        else:
            message.msgstr = pseudo_text(message.msgid, language.base)
    catalog = Catalog(_header(language, post_id, _old_date(old, config.relative(target))), messages,
                      [f"Pseudo-translation ({language.code}) of {shown}.",
                       "Generated by `pipeline pseudo`: not for translators; rewritten on each run."])
    if write_if_changed(target, format_catalog(catalog).encode("utf-8"), old):
        result.written.append(config.relative(target))
    else:
        result.unchanged += 1
    return None


#: A new pseudo catalog's date (the next run keeps the one written: a run twice changes nothing)
_FIRST_DATE = "1970-01-01 00:00+0000"


def _old_date(old: bytes | None, shown: str) -> str:
    if old is None:
        return _FIRST_DATE
    try:
        return parse_catalog(shown, old).header("PO-Revision-Date") or _FIRST_DATE
    except PipelineError:
        return _FIRST_DATE


def _header(language: PseudoLanguage, post_id: str, date: str) -> list[tuple[str, str]]:
    return [
        ("Project-Id-Version", post_id),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", date),
        ("PO-Revision-Date", date),
        ("Last-Translator", "pipeline pseudo"),
        ("Language-Team", f"Pseudo ({language_name(language.base)})"),
        ("Language", language.code),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms(language.base)),
    ]


def _own_folders(config: Config, language: PseudoLanguage) -> tuple[Path, Path]:
    """The pseudo language's posts and catalogs folders, checked before anything in them is
    written or removed: a symbolic link there (to the Dutch or German posts, say) is refused."""
    folders = (config.target_dir(language.code), config.catalog_path("x", language.code).parent.parent)
    for folder in folders:
        if folder.is_symlink():
            raise PipelineError(config.relative(folder), None, "is a symbolic link, not a folder `pipeline "
                                "pseudo` made: remove the link yourself (nothing was written or removed)")
        config.confine(folder)
    return folders


def clean(config: Config, language: PseudoLanguage) -> list[str]:
    """Remove the pseudo language's posts, catalogs and Hugo file; return what was there."""
    removed = []
    folders = _own_folders(config, language)
    for folder in folders:
        if folder.exists():
            shutil.rmtree(folder)
            removed.append(config.relative(folder) + "/")
    path = hugo_language_path(config, language)
    if path.is_file():
        path.unlink()
        removed.append(config.relative(path))
        for folder in (path.parent, path.parent.parent):  # config/pseudo/, config/ if left empty
            if not any(folder.iterdir()):
                folder.rmdir()
    return removed
