"""The package's folders follow the data, which flows one way (README "Layout").

Reading (bytes → text → structure) comes before annotating, annotating before comparing, and so on
to rendering and the command line.  A module imports only from its own layer or layers before it,
and no two modules import each other, even lazily: these tests read every import statement
(including those inside functions), so a new shortcut fails here rather than in a user's traceback.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "annotate"

# Each top-level name of the package, by the layer it belongs to (lower imports nothing higher).
LAYER_OF = {
    "model": 0, "errors": 0, "lexicon": 0, "outputs": 0, "report_json": 0, "lazyre": 0,
    "reading": 1,
    "annotators": 2,
    "comparing": 3,
    "xml": 4,
    "pipeline": 5,
    "corpus": 6,
    "render": 7,
    "cli": 8, "__main__": 8,
}

# The one upward import, lazy and for data only: Report.simplified asks reading/script.py for the
# simplified view of its own text (a cached property every annotator and comparison shares).
ALLOWED_UPWARD = {("annotate.model", "annotate.reading.script")}


def _modules() -> dict[str, Path]:
    mods = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = path
    return mods


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The package modules ``name`` imports (resolved to module names; a name imported from a
    package that is itself a submodule counts as that submodule)."""
    out = set()
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in MODULES)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] + ([node.module] if node.module else [])
                base_name = ".".join(base)
            else:
                base_name = node.module or ""
            subs = {f"{base_name}.{a.name}" for a in node.names} & MODULES.keys()
            if subs:
                out.update(subs)
            elif base_name in MODULES:
                out.add(base_name)
    out.discard(name)
    return {m for m in out if not name.startswith(m + ".")}  # a package's own __init__ is not an edge


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else module
    assert top in LAYER_OF, f"{module}: put its top-level name in LAYER_OF (and in README's Layout)"
    return LAYER_OF[top]


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != "annotate"))
def test_a_module_imports_only_its_own_layer_or_lower(module):
    upward = sorted(t for t in GRAPH[module]
                    if t != "annotate" and _layer(t) > _layer(module) and (module, t) not in ALLOWED_UPWARD)
    assert not upward, f"{module} (layer {_layer(module)}) imports a later layer: {upward}"


def test_no_import_cycles():
    """Tarjan's strongly connected components over the module graph: every component is one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    assert not cycles, f"modules that import each other: {cycles}"


def test_only_renderers_and_the_command_line_import_a_renderer():
    offenders = sorted((m, t) for m, targets in GRAPH.items() for t in targets
                       if t.startswith("annotate.render") and not m.startswith(("annotate.render", "annotate.cli")))
    assert not offenders, offenders
