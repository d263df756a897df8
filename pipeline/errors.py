"""Errors the pipeline reports to its users: ``path:line: message``, and the words their
messages share (a settings value, a file where a folder should be). Raised below the shell;
only :mod:`pipeline.cli` prints them."""

from __future__ import annotations


class PipelineError(Exception):
    """A problem with one input file, reported as ``path:line: message``.

    ``line`` is 1-based; ``None`` when the problem is about the whole file.
    """

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # picklable, so that results can come back from worker processes
        return (self.__class__, (self.path, self.line, self.message))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class PostError(PipelineError):
    """A post that cannot be read: encoding, front matter, YAML."""


class CatalogError(PipelineError):
    """A PO or POT file that cannot be read."""

    code = "catalog-unreadable"


class ConfigError(PipelineError):
    """A bad ``[tool.pipeline]`` table."""


class DuplicateEntryError(CatalogError):
    """Two entries of a catalog with one msgctxt and msgid and different translations."""

    code = "catalog-duplicate"


class CompendiumError(PipelineError):
    """A compendium given with ``--compendium`` that cannot be used (a usage error)."""


class CatalogWarning(PipelineError):
    """Something in a catalog that is read, but that its translator should look at: reported
    as a warning by extract, merge and check; ``code`` names it in check's report."""

    def __init__(self, path: str, line: int | None, message: str, code: str) -> None:
        self.code = code
        super().__init__(path, line, message)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (self.__class__, (self.path, self.line, self.message, self.code))


class TypedTranslationsError(CatalogError):
    """Translations typed into a template that extract cannot carry into a catalog."""

    code = "template-translations"


_WRONG_KIND = {
    "file": "is a file, not a folder",
    "folder": "is a folder, not a file",
    "symlink": "is a symlink",
}


def wrong_kind(shown: str, found: str, why: str) -> str:
    """The one line for ``shown`` where a ``found`` ("file", "folder", "symlink") stands
    in the place of another kind: ``shown: is a folder, not a file: remove it (why)``."""
    return f"{shown}: {_WRONG_KIND[found]}: remove it ({why})"


def value_kind(value: object, a_list: str = "a list") -> str:
    """What a settings value is, for a message (``a_list``: "an array" in TOML's words)."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return a_list
    return f"a {type(value).__name__}"  # dates and times


class FileUnreadable(PipelineError):
    """A file that is there and cannot be read: a folder in its place, no permission."""


def unreadable(shown: str, exc: OSError) -> FileUnreadable:
    """The one-line error for ``exc``, raised on reading the file shown as ``shown``."""
    if isinstance(exc, IsADirectoryError):
        return FileUnreadable(shown, None, f"{_WRONG_KIND['folder']}: remove or rename it")
    if isinstance(exc, NotADirectoryError):
        return FileUnreadable(
            shown, None, "a file stands where a folder on its way should be: remove or rename it"
        )
    return FileUnreadable(shown, None, f"cannot read: {exc.strerror or exc}")


class NotAContentRoot(PipelineError):
    """A run in a folder without the source posts' folder (``content/nl/``): a usage error,
    told on one line before anything is read or written."""

    def __str__(self) -> str:
        return self.message


class UnknownPaths(PipelineError):
    """A path given to a command that is not a post (nor a folder of posts) under the source
    posts' folder."""


class RunRefused(PipelineError):
    """A run that cannot start: the run lock is held by another run (and it was told not to
    wait), or cannot be made; the cache folder leads outside the content root."""

    def __str__(self) -> str:
        return self.message if not self.path else super().__str__()


class TranslationRefused(PipelineError):
    """A translated post merge does not write (a translation it refuses, a post or catalog it
    cannot read): the message, one line per problem, names the files and lines."""

    def __str__(self) -> str:
        return self.message
