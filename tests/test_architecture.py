"""The shape ARCHITECTURE.md draws holds: each module imports only from its own layer or the
layers below, the imports within a layer have no cycle, the commands do not lean on one
another, and nothing below the shell prints, exits or imports Click."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

#: ARCHITECTURE.md's layers, lowest first (keep the two the same)
LAYERS: dict[str, tuple[str, ...]] = {
    "base": ("errors", "interrupt", "files", "parallel", "conflicts", "yamlout"),
    "settings and storage": ("config", "cache", "lock", "languages"),
    "formats and rules": ("markdown", "frontformats", "post", "segment", "po", "dates", "links",
                          "hugo", "edits", "frontedit", "checkers", "verify", "shortcodes",
                          "attributes"),
    "one post": ("units", "translated", "record", "update", "fuzzy", "memory"),
    "runner": ("runner",),
    "site": ("site", "linkmap", "moves", "selection"),
    "stages": ("render",),
    "commands": ("extract", "merge", "check", "relocate", "strings", "newpost", "pseudo", "xliff",
                 "status", "terms"),
    "api": ("api",),
    "shell": ("report", "cli", "__main__", "github"),
}
LAYER_OF = {module: index for index, modules in enumerate(LAYERS.values()) for module in modules}
#: The one command that uses another's stage: check runs extract's (a dry run) to tell a
#: stale catalog
COMMAND_IMPORTS = {("check", "extract")}
#: The string tables' extract and merge give their results as extract's and merge's
COMMAND_IMPORTS |= {("strings", "extract"), ("strings", "merge")}
#: The terms' extract gives its result as extract's
COMMAND_IMPORTS |= {("terms", "extract")}


def _imports(module: str) -> set[str]:
    """The package's modules ``module`` imports, at any depth of its code, but for imports
    made only for type annotations (``if TYPE_CHECKING:``)."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", "")) == "TYPE_CHECKING":
            skipped.update(id(inner) for inner in ast.walk(node))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "pipeline":
            parts = node.module.split(".")
            if len(parts) > 1:
                found.add(parts[1])
            else:
                found.update(a.name for a in node.names if (PACKAGE / f"{a.name}.py").exists())
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("pipeline."))
    return found - {module}


MODULES = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")


def test_every_module_has_a_layer() -> None:
    assert sorted(set(MODULES) - set(LAYER_OF)) == [], "add the new module to LAYERS and ARCHITECTURE.md"
    assert sorted(set(LAYER_OF) - set(MODULES)) == [], "a module in LAYERS is gone: update LAYERS and ARCHITECTURE.md"


@pytest.mark.parametrize("module", MODULES)
def test_a_module_imports_only_its_layer_and_those_below(module: str) -> None:
    above = {
        other for other in _imports(module)
        if other in LAYER_OF and LAYER_OF[other] > LAYER_OF[module]
    }
    assert not above, f"{module} ({list(LAYERS)[LAYER_OF[module]]}) imports from layers above it: {sorted(above)}"


def test_no_cycle_within_a_layer() -> None:
    graph = {module: {o for o in _imports(module) if LAYER_OF.get(o) == LAYER_OF[module]} for module in MODULES}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        assert module not in path, "import cycle: " + " -> ".join([*path[path.index(module):], module])
        if module in done:
            return
        for other in sorted(graph[module]):
            visit(other, [*path, module])
        done.add(module)

    for module in MODULES:
        visit(module, [])


def test_commands_do_not_import_one_another() -> None:
    commands = LAYERS["commands"]
    found = {(a, b) for a in commands for b in _imports(a) if b in commands}
    assert found <= COMMAND_IMPORTS, sorted(found - COMMAND_IMPORTS)


@pytest.mark.parametrize("module", [m for m in MODULES if LAYER_OF[m] < LAYER_OF["report"]])
def test_below_the_shell_nothing_prints_exits_or_knows_click(module: str) -> None:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"imports {n}" for n in names if n.split(".")[0] == "click"]
        elif isinstance(node, ast.Call):
            name = ast.unparse(node.func)
            if name in ("print", "sys.exit", "exit", "quit", "os._exit"):
                found.append(f"line {node.lineno}: {name}()")
        elif isinstance(node, ast.Raise) and node.exc is not None and "SystemExit" in ast.unparse(node.exc):
            found.append(f"line {node.lineno}: raise SystemExit")
    assert not found, f"{module}: {found}"
