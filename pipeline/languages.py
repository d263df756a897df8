"""Each language's rules, in one place: its plural forms and name (from Babel's CLDR data),
the quotation marks its text uses (CLDR's ``delimiters``), and how its slugs are written in
ASCII (a table of the letters its spelling writes out, then Unicode decomposition).

A language is named by its code as the settings and folders name it (``de``, ``en``,
``pt_BR``), as Babel parses it (a region after ``_``: Babel refuses ``de-AT``). What CLDR does not hold comes
from the settings (a language's time zone: ``time-zones``; its URLs: the site's Hugo
configuration or ``url-patterns``), through :class:`pipeline.config.Config`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from collections.abc import Sequence
from functools import lru_cache

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale


class UnknownLanguage(ValueError):
    """A language code Babel does not know."""


@lru_cache(maxsize=None)
def locale_of(language: str) -> Locale:
    """Babel's locale of a language code (``de``, ``pt_BR``); raises
    :class:`UnknownLanguage` where Babel knows none (naming the code with ``_`` where it
    has a ``-``: Babel reads a region after ``_`` only)."""
    from babel import Locale, UnknownLocaleError  # here: Babel takes a while to import

    try:
        locale = Locale.parse(language)
    except (ValueError, UnknownLocaleError, TypeError):
        pass
    else:
        return _as_written(language, locale)
    base, *rest = language.split("-")
    underscored = "_".join([base, *(part.upper() if len(part) == 2 else part for part in rest)])
    if underscored != language:
        try:
            Locale.parse(underscored)
            hint = f"write it '{underscored}'"
        except (ValueError, UnknownLocaleError, TypeError):
            hint = "such as 'de', 'fr', 'pt_BR'"
    else:
        hint = "such as 'de', 'fr', 'pt_BR'"
    raise UnknownLanguage(f"'{language}' is not a language code Babel knows ({hint})")


def _as_written(language: str, locale: Locale) -> Locale:
    """``locale`` where ``language`` is the code as Babel writes it (``en``, ``pt_BR``,
    ``sr_Latn``): the code names the catalogs' folder, their ``Language`` header and the Hugo
    language, so ``EN``, ``en_gb``, ``en.UTF-8`` or an alias Babel reads as another code
    (``iw``: ``he_IL``; ``und``: ``en_US``) would be a second spelling of one language."""
    written = "_".join(part for part in (locale.language, locale.script, locale.territory) if part)
    if written == language and locale.english_name and re.fullmatch(r"[A-Za-z0-9_]+", language):
        return locale
    if base_language(language) in ("und", "root") or not locale.english_name:
        raise UnknownLanguage(f"'{language}' names no language (such as 'de', 'fr', 'pt_BR')")
    if written.casefold() == language.casefold() or base_language(language) == locale.language:
        raise UnknownLanguage(f"'{language}' is not a language code as Babel writes it (write it '{written}')")
    raise UnknownLanguage(f"'{language}' is an old code Babel reads as '{written}' "
                          f"({locale.english_name}): write it '{written}'")


def base_language(language: str) -> str:
    """A code's language without its region or script, lowercased (``de-AT`` → ``de``)."""
    return re.split(r"[-_@.]", language, maxsplit=1)[0].lower()


@lru_cache(maxsize=None)
def plural_forms(language: str) -> str:
    """A catalog's ``Plural-Forms`` header for the language (Babel's CLDR plural rules)."""
    from babel.messages.plurals import get_plural

    plural = get_plural(language)
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


@lru_cache(maxsize=None)
def language_name(language: str) -> str:
    """The language's English name (``German``, ``Portuguese (Brazil)``)."""
    return locale_of(language).english_name or language


def shown_language(language: str) -> str:
    """A language's English name for a message (``German``: "the German post"); its code
    where Babel does not know it."""
    from babel.core import UnknownLocaleError

    try:
        return language_name(language)
    except (UnknownLocaleError, ValueError):
        return language


def shown_languages(languages: Sequence[str]) -> str:
    """Languages named in a message, in their order: ``German``, ``German and English``,
    ``German, English and French``."""
    names = [shown_language(language) for language in languages]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# --- quotation marks -------------------------------------------------------------------


@dataclass(frozen=True)
class QuotationMarks:
    """A language's quotation marks: CLDR's ``quotationStart``/``quotationEnd`` and
    ``alternateQuotationStart``/``alternateQuotationEnd``, and how a message shows them."""

    start: str
    end: str
    alternate_start: str
    alternate_end: str
    shown: str

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        return ((self.start, self.end), (self.alternate_start, self.alternate_end))


def _marks(start: str, end: str, alternate_start: str, alternate_end: str, spaced: bool = False) -> QuotationMarks:
    return QuotationMarks(start, end, alternate_start, alternate_end,
                          f"{start} … {end}" if spaced else f"{start}…{end}")


#: CLDR 44's ``delimiters`` (common/main/<language>.xml), which Babel 2.x does not carry:
#: by the code, else by its language (``de_AT`` is ``de``'s). French text puts a (narrow)
#: no-break space inside its guillemets, and its message shows one.
_QUOTATION_MARKS: dict[str, QuotationMarks] = {
    "cs": _marks("„", "“", "‚", "‘"),
    "da": _marks("“", "”", "‘", "’"),
    "de": _marks("„", "“", "‚", "‘"),
    "de_CH": _marks("«", "»", "‹", "›"),
    "en": _marks("“", "”", "‘", "’"),
    "es": _marks("«", "»", "“", "”"),
    "fi": _marks("”", "”", "’", "’"),
    "fr": _marks("«", "»", "«", "»", spaced=True),
    "it": _marks("«", "»", "“", "”"),
    "nb": _marks("«", "»", "‘", "’"),
    "nl": _marks("‘", "’", "“", "”"),
    "nn": _marks("«", "»", "‘", "’"),
    "no": _marks("«", "»", "‘", "’"),
    "pl": _marks("„", "”", "«", "»"),
    "pt": _marks("“", "”", "‘", "’"),
    "pt_PT": _marks("«", "»", "“", "”"),
    "ru": _marks("«", "»", "„", "“"),
    "sv": _marks("”", "”", "’", "’"),
    "uk": _marks("«", "»", "„", "“"),
}


@lru_cache(maxsize=None)
def quotation_marks(language: str) -> QuotationMarks | None:
    """The language's quotation marks; None where the table has none for it (its quotes
    are then not checked)."""
    code = language.replace("-", "_")
    region = code.split("_")
    regional = f"{region[0].lower()}_{region[1].upper()}" if len(region) > 1 else None
    return _QUOTATION_MARKS.get(regional or "") or _QUOTATION_MARKS.get(base_language(language))


#: The double quotation marks the quote check looks at: those that Dutch, English and the
#: languages of the table mix up. Guillemets are not among them (German writes »…« too).
_CHECKED_DOUBLES = "“”„"


def foreign_quotes(prose: str, marks: QuotationMarks) -> bool:
    """Whether ``prose`` (text outside code, URLs and HTML) quotes with marks that are not
    the language's ``marks``: a double mark not its own; its closing mark without its opening
    one (English “…” in German text, whose closing mark is “); straight ``"…"`` where Hugo's
    typographer, which makes them “…”, does not give one of its pairs; its opening mark
    closed by a straight ``"`` (which the typographer makes a ”)."""
    own = {mark for pair in marks.pairs for mark in pair}
    if any(mark in prose for mark in _CHECKED_DOUBLES if mark not in own):
        return True
    start, end = marks.start, marks.end
    if end in _CHECKED_DOUBLES and start != end and end in prose and start not in prose:
        return True
    if ("“", "”") not in marks.pairs and re.search(r'(?:^|[\s(])"[^"\n]+"', prose):
        return True
    return start != "“" and re.search(f'{re.escape(start)}[^"{re.escape(end)}\\n]*"', prose) is not None


def quotes_message(language: str, marks: QuotationMarks) -> str:
    """The quote check's warning for text in ``language``."""
    whose = "other languages'" if ("“", "”") in marks.pairs else "Dutch or English"
    return f"{whose} quotation marks in {language_name(language)} text: use {marks.shown}"


# --- slugs ------------------------------------------------------------------------------

#: The letters a language's spelling writes out in ASCII, where it is not by dropping an
#: accent: the locale tables of WordPress's ``remove_accents()`` (de_DE, de_CH, de_AT,
#: da_DK), Norwegian as Danish, and Swedish and Finnish by their accents dropped (``å`` is
#: ``a``, as ``ä`` and ``ö``: what Unicode decomposition gives, written out to be seen).
_WRITTEN_OUT: dict[str, dict[str, str]] = {
    "de": {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"},
    "da": {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"},
    "sv": {"å": "a", "ä": "a", "ö": "o", "Å": "A", "Ä": "A", "Ö": "O"},
}
_WRITTEN_OUT |= {"nb": _WRITTEN_OUT["da"], "nn": _WRITTEN_OUT["da"], "no": _WRITTEN_OUT["da"],
                 "fi": _WRITTEN_OUT["sv"]}
#: Latin letters Unicode does not decompose, as Unidecode (python-slugify's transliteration)
#: writes them: for every language but German, whose table stays the one its published
#: slugs were made with
_UNDECOMPOSED = {
    "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "ß": "ss", "ẞ": "SS",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "ng", "Ŋ": "NG",
}


@lru_cache(maxsize=None)
def transliteration(language: str) -> dict[int, str]:
    """The ``str.translate`` table written out before a slug's accents are dropped."""
    base = base_language(language)
    if base == "de":
        return str.maketrans(_WRITTEN_OUT["de"])
    return str.maketrans({**_UNDECOMPOSED, **_WRITTEN_OUT.get(base, {})})


def ascii_letters(text: str, language: str) -> str:
    """``text`` in lowercase ASCII as the language writes its slugs: its letters written
    out (:data:`_WRITTEN_OUT`), then every accent dropped (NFKD), what is left beyond ASCII
    dropped."""
    text = unicodedata.normalize("NFKD", text.translate(transliteration(language)))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.encode("ascii", "ignore").decode("ascii").lower()


# --- thresholds per language ------------------------------------------------------------


@dataclass(frozen=True)
class MinTranslated:
    """``--min-translated`` per language (``de=100 en=80``): the percent of a language named,
    ``default`` for the others. Where no language is named the threshold is a plain number
    (as it always was: the same cache keys, the same messages)."""

    default: float = 100.0
    languages: tuple[tuple[str, float], ...] = ()

    def of(self, language: str) -> float:
        return dict(self.languages).get(language, self.default)

    @property
    def lowered(self) -> bool:
        """Whether a language's threshold is below 100 (a plain merge would skip its posts)."""
        return self.default < 100 or any(percent < 100 for _, percent in self.languages)

    def options(self) -> list[str]:
        """The options that give these thresholds (``--min-translated en=80``): the default's
        where it is not 100, then each language's, in the order given."""
        given = [] if self.default == 100 else [f"--min-translated {self.default:g}"]
        return given + [f"--min-translated {language}={percent:g}" for language, percent in self.languages]

    def __str__(self) -> str:
        shown = [f"{language} {percent:g}%" for language, percent in self.languages]
        return ", ".join(shown + ([f"others {self.default:g}%"] if self.languages else []))


def min_translated_of(min_translated: float | MinTranslated, language: str) -> float:
    """The threshold of ``language``: a plain number is every language's."""
    return min_translated.of(language) if isinstance(min_translated, MinTranslated) else min_translated


def unknown_threshold_languages(min_translated: float | MinTranslated, targets: tuple[str, ...]) -> list[str]:
    """The languages ``min_translated`` names that are not among ``targets``."""
    if not isinstance(min_translated, MinTranslated):
        return []
    return [language for language, _ in min_translated.languages if language not in targets]
