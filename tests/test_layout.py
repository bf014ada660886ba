"""The package's shape, as README draws it: folders that are the stages, in the order data flows.

A stage imports only the stages before it; only renderer/ knows the renderer (MkDocs, Material,
Zensical); no module imports itself back through others.  The checks read the source (ast), so a
violation is named by file and line before any of it runs.
"""

from __future__ import annotations

import ast
import re
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


# The renderer's Markdown dialect (issue 19): only renderer/ writes it; the stages before it ask core.dialect.Dialect.
DIALECT_WRITING = {
    "an attribute list": re.compile(r"\{:(\s|[.#])"),  # {: .lede }, {: #p-3 }
    "an admonition": re.compile(r"!!! "),  # !!! note "title"
    "a heading's attribute list": re.compile(r"\{ ?(data-[\w-]+|[.#][\w-]+)[^}]*\}\s*$"),  # ## 文章 { data-no-search }
}
HTML_ADDRESS = re.compile(r"\.html(#|$)")  # topics/x.html, glossary.html#slug, ".html"
READS_THE_RENDERED_SITE = {"renderer", "search", "publish", "dev"}  # may name .html files: they come after it


def string_constants(path: Path) -> list[tuple[str, int]]:
    """(text, line) of every string literal, the literal parts of f-strings included (`{{` reads as `{`).

    Docstrings are left out: a reader of input syntax may describe what it reads (kramdown's `{: .lead}`).
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.value, node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_renderer_folder_writes_its_markdown_dialect(path):
    stage = stage_of(module_name(path))
    if stage == "renderer":
        return
    for text, line in string_constants(path):
        for what, pattern in DIALECT_WRITING.items():
            assert not pattern.search(text), f"{path}:{line}: writes {what} outside renderer/: {text!r}"
        if stage not in READS_THE_RENDERED_SITE:
            assert not HTML_ADDRESS.search(text), f"{path}:{line}: builds a .html address before renderer/: {text!r}"


def test_the_dialect_check_sees_what_the_pages_used_to_write(tmp_path):
    """The patterns catch the forms editions/ wrote before the dialect moved behind the renderer door."""
    source = tmp_path / "old.py"
    source.write_text(
        "def f(a, s):\n"
        '    x = f"\\n{{: {a} }}" + "{: .pager }" + "\\n> {: #p }"\n'
        "    y = f'!!! note \"{a}\"'\n"
        "    z = f'## {a} {{ data-no-search }}'\n"
        '    return f"topics/{s}.html", f"glossary.html#{s}", ".html"\n',
        encoding="utf-8",
    )
    texts = [text for text, _ in string_constants(source)]
    assert sum(1 for t in texts if DIALECT_WRITING["an attribute list"].search(t)) == 3
    assert sum(1 for t in texts if DIALECT_WRITING["an admonition"].search(t)) == 1
    assert sum(1 for t in texts if DIALECT_WRITING["a heading's attribute list"].search(t)) == 1
    assert sum(1 for t in texts if HTML_ADDRESS.search(t)) == 3
    assert not any(HTML_ADDRESS.search(t) for t in ["打开 site/index.html 即可", "e.g. `x.html`."])


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
