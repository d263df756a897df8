"""Settings: defaults that need no configuration, overridable in ``[tool.pipeline]``."""

from __future__ import annotations

import os

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from pipeline.errors import ConfigError, PipelineError

DEFAULT_KEYS = ("title", "description", "summary", "image_alt", "tags", "categories")
DEFAULT_LIST_KEYS = ("tags", "categories")


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
    links: dict[str, str] = field(default_factory=dict)
    url_patterns: dict[str, str] = field(
        default_factory=lambda: {"nl": "/{slug}/", "de": "/de/{slug}/"}
    )
    time_zones: dict[str, str] = field(
        default_factory=lambda: {"nl": "Europe/Amsterdam", "de": "Europe/Berlin"}
    )
    static_dir: str = "static"
    schema: dict[str, list[str]] = field(default_factory=dict)
    _joined: dict[tuple[str, ...], Path] = field(default_factory=dict, init=False, repr=False, compare=False)
    _resolved: dict[Path, Path] = field(default_factory=dict, init=False, repr=False, compare=False)
    """Folders already joined (by their parts) and resolved (by their path): a run asks about
    thousands of files in a few folders, and ``Path.resolve()`` stats every component of every
    path. Kept for one command's run."""

    @property
    def source_dir(self) -> Path:
        return self._folder(self.content_dir, self.source_language)

    def target_dir(self, language: str) -> Path:
        return self._folder(self.content_dir, language)

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
        resolved = self._resolve(path)
        if not any(resolved.is_relative_to(folder) for folder in self.allowed_folders()):
            what = "folder" if path.is_dir() else "file"
            raise PipelineError(
                self.relative(path),
                None,
                f"leads outside {self.content_dir}/ and {self.locale_dir}/ of the content root "
                f"(to {resolved}): refused; replace the symlink by the {what} itself",
            )

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

    def _resolve(self, path: Path) -> Path:
        """``path.resolve()``, its folder's resolution remembered (the file itself may be a
        symlink, and is then resolved in full)."""
        if path.name in ("", ".", "..") or os.path.islink(path):
            return path.resolve()
        return self._resolve_folder(path.parent) / path.name

    def relative(self, path: Path) -> str:
        """A path as shown to users and written in references: relative to the root, with ``/``."""
        text, root = str(path), str(self.root)
        if os.sep == "/" and text.startswith(root) and text[len(root) : len(root) + 1] == "/":
            return text[len(root) + 1 :]  # what relative_to gives, without pathlib's cost
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
}


def load_config(root: Path) -> Config:
    """Read ``[tool.pipeline]`` from ``root/pyproject.toml``, if there is one."""
    root = root.resolve()
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return Config(root=root)
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("pyproject.toml", None, f"cannot read it: {exc}") from None
    table = data.get("tool", {}).get("pipeline", {})
    if not isinstance(table, dict):
        raise ConfigError("pyproject.toml", None, "[tool.pipeline] must be a table")
    values: dict[str, object] = {}
    known = {f.name for f in fields(Config) if f.init} - {"root"}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in known:
            raise ConfigError(
                "pyproject.toml",
                None,
                f"unknown setting '{key}' in [tool.pipeline]; known: "
                + ", ".join(sorted(k.replace("_", "-") for k in known)),
            )
        expected = _TYPES[name]
        if not isinstance(value, expected) or isinstance(value, bool) and expected is int:
            raise ConfigError(
                "pyproject.toml", None, f"[tool.pipeline] {key} must be a {expected.__name__}"
            )
        if expected is list:
            if not all(isinstance(item, str) for item in value):  # type: ignore[union-attr]
                raise ConfigError("pyproject.toml", None, f"[tool.pipeline] {key} must list strings")
            value = tuple(value)  # type: ignore[arg-type]
        values[name] = value
    schema = values.get("schema")
    if isinstance(schema, dict):
        allowed = {"required", "strings", "booleans", "lists", "dates", "images"}
        for key, value in schema.items():
            if key not in allowed or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(
                    "pyproject.toml",
                    None,
                    f"[tool.pipeline.schema] {key}: expected one of {', '.join(sorted(allowed))} "
                    "with a list of keys",
                )
    for name in ("content_dir", "locale_dir", "static_dir"):
        folder = values.get(name)
        if isinstance(folder, str) and (Path(folder).is_absolute() or ".." in Path(folder).parts):
            raise ConfigError(
                "pyproject.toml", None, f"[tool.pipeline] {name.replace('_', '-')} must be inside the root"
            )
    return Config(root=root, **values)  # type: ignore[arg-type]

