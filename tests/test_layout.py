"""The package's shape, as README draws it: folders that are the stages, in the order data flows.

A stage imports only the stages before it; only renderer/ knows the renderer (MkDocs, Material,
Zensical); no module imports itself back through others.  The checks read the source (ast), so a
violation is named by file and line before any of it runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

PACKAGE = Path(__file__).resolve().parent.parent / "build_tools"
# The stages in the order a build runs them; a stage may import itself and the ones before it.
STAGES = ("core", "chinese", "config", "ingest", "plan", "editions", "search", "renderer", "publish", "dev")
TOP_LEVEL = {"__init__", "__main__", "bootstrap", "pipeline"}  # the spine and the command line see every stage
RENDERER_PACKAGES = {"mkdocs", "material", "zensical"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, top_level_only: bool = False) -> list[tuple[str, int]]:
    """(module, line) for every import in the file; with top_level_only, those run when the module loads."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = []
    for node in nodes:
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
            found += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
    return found


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_the_top_level_holds_at_most_six_modules_and_every_stage_is_a_folder():
    modules = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert len(modules) <= 6, modules
    assert set(modules) <= TOP_LEVEL, f"a module outside the spine at the top: {set(modules) - TOP_LEVEL}"
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), f"stage folder {stage}/ is missing"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_renderer_folder_imports_a_renderer(path):
    if stage_of(module_name(path)) == "renderer":
        return
    for module, line in imports(path):
        assert module.split(".")[0] not in RENDERER_PACKAGES, f"{path}:{line}: imports {module} outside renderer/"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_stage_imports_only_the_stages_before_it(path):
    own = stage_of(module_name(path))
    if own not in STAGES:
        return  # the spine, the command line, the bootstrap
    allowed = set(STAGES[: STAGES.index(own) + 1]) | {""}
    for module, line in imports(path):
        if module.startswith("build_tools."):
            target = stage_of(module)
            if target in TOP_LEVEL or target == "__version__":
                # dev/ (serve, bench) runs whole builds, so it sits above the spine; no stage does
                assert target == "__version__" or own == "dev", f"{path}:{line}: a stage imports the spine ({module})"
                continue
            assert target in allowed, f"{path}:{line}: {own}/ imports {module}, a later stage"


def test_no_import_cycles():
    graph: dict[str, set[str]] = {}
    known = {module_name(p) for p in SOURCES}
    for path in SOURCES:
        names = {name for name, _ in imports(path, top_level_only=True)}
        # `from package import submodule` loads the submodule: the package itself is not an edge
        targets = {name for name in names if name in known and not any(n.startswith(name + ".") for n in names & known)}
        graph[module_name(path)] = targets - {module_name(path)}
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        trail.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycle = trail[trail.index(target) :] + [target]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if target not in state:
                visit(target)
        trail.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
