"""README.md and ARCHITECTURE.md name the code as it is: every module in README's Layout and
none gone, ARCHITECTURE.md's layer table as ``LAYERS`` (which test_architecture checks against
the imports), and every ``module.name`` the two documents give, and every
``pipeline.module.name`` of the package's docstrings, is defined in that module (not only
imported there, as a thing that moved is by the module it left)."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest
from test_architecture import LAYERS

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "pipeline"
MODULES = sorted(path.stem for path in PACKAGE.glob("*.py"))
README = (REPO / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
FILE_SUFFIXES = {"py", "md", "toml", "yaml", "json", "po", "pot", "sqlite3", "broken"}


def _layout() -> str:
    return README.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]


def test_readme_layout_names_every_module_of_the_package_and_no_other() -> None:
    package_part = _layout().split("\npipeline/", 1)[1].split("\nbench/", 1)[0]
    # the first column of each row: "  report.py, cli.py       every output format; ..."
    first_columns = re.findall(r"^  (?! )(.*?)(?: {2,}|$)", package_part, re.MULTILINE)
    named = set(re.findall(r"\b(\w+)\.py\b", " ".join(first_columns)))
    assert sorted(set(MODULES) - named) == [], "add the module to README's Layout"
    assert sorted(named - set(MODULES)) == [], "a module in README's Layout is gone"


def test_architecture_layer_table_is_layers() -> None:
    section = ARCHITECTURE.split("\n## The layers\n", 1)[1].split("\n## ", 1)[0]
    table = next(block for block in section.split("\n\n") if block.startswith("| layer |"))
    rows = re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|", table, re.MULTILINE)
    layers = {layer: tuple(re.findall(r"`(\w+)`", modules)) for layer, modules in rows[1:]}
    assert layers == LAYERS


def _dotted_names(text: str) -> set[str]:
    """`module.name` and `pipeline.module.name` in backquotes, where module is the package's."""
    found = set()
    for name in re.findall(r"`(?:pipeline\.)?([A-Za-z_]\w*(?:\.\w+)+)`", text):
        module, *rest = name.split(".")
        if module in MODULES and rest[-1] not in FILE_SUFFIXES:
            found.add(name)
    return found


@pytest.mark.parametrize("name", sorted(_dotted_names(README) | _dotted_names(ARCHITECTURE)))
def test_every_module_name_the_docs_give_exists(name: str) -> None:
    module, *attributes = name.split(".")
    value: object = importlib.import_module(f"pipeline.{module}")
    for attribute in attributes:
        assert hasattr(value, attribute), f"{name}: {attribute} is not in {value!r}: update the docs"
        value = getattr(value, attribute)
    first = getattr(importlib.import_module(f"pipeline.{module}"), attributes[0])
    home = _home(first)
    assert home in (None, f"pipeline.{module}"), f"{name}: defined in {home}: update the docs"


def _names_in_sources() -> set[str]:
    """``pipeline.module.name`` as the package's docstrings and comments give it."""
    found = set()
    for path in sorted(PACKAGE.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for module, name in re.findall(r"\bpipeline\.(\w+)\.([A-Za-z_]\w*)", text):
            if module in MODULES and name not in FILE_SUFFIXES:
                found.add(f"{module}.{name}")
    return found


@pytest.mark.parametrize("name", sorted(_names_in_sources()))
def test_every_name_the_package_docstrings_give_exists(name: str) -> None:
    module, attribute = name.split(".")
    value = getattr(importlib.import_module(f"pipeline.{module}"), attribute, None)
    assert value is not None, f"pipeline.{name} is gone: update the docstring"
    home = _home(value)
    assert home in (None, f"pipeline.{module}"), f"pipeline.{name} lives in {home}: update the docstring"


def _home(value: object) -> str | None:
    """The module a function or class is defined in (where the docs should name it), not one
    that imports it; None for other values."""
    value = inspect.unwrap(value) if callable(value) else value  # functools.cache and the like
    return value.__module__ if inspect.isfunction(value) or inspect.isclass(value) else None
