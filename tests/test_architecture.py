"""The house plan of Stafett, checked on the source. Read this before the code.

Two Django apps:

- ``coordination/`` is the *who* and the *may*: youths, teams, stafettholder, handovers, consent and who
  may see what. It is also the project package (settings, urls, celery, wsgi), holds sign-in in
  ``coordination/accounts/`` and the helpers every view uses in ``coordination/web/``.
- ``pathways/`` is the *what, over time*: plan, log, levels, meetings, transitions, reminders, dashboards.

Each app has the same layers, one folder each, split by topic with the same file names
(``models/``, ``services/``, ``selectors/``, ``forms/``, ``views/``). The rules:

1. pathways builds on coordination, never the other way round. coordination reaches into pathways at
   two seams only: ``coordination/services/stafettlogg.py``, where coordination writes the youth's log,
   and the root URLconf ``coordination/urls.py``. (Strings such as "pathways" in INSTALLED_APPS or
   ``include("pathways.urls")`` are not imports.)
2. An import of the other app stands at module level, where a reader sees it, never inside a function.
3. Project modules import each other without cycles.
4. Layers, from the bottom: models, rules, selectors, services, forms, views. A module imports its own
   layer or one below: a view may use forms, services, selectors, rules and models; a service may read
   through selectors (a write often needs a read), a selector never writes; a model uses none of
   them. "Rules" decide, without side effects, what a user may do or what applies:
   ``coordination/access/`` (the permission vocabulary, ``YouthAccess.may``, and what a youth or
   relative sees) and ``coordination/consent_rules.py``; all layers above ask them. Modules in no
   layer folder (the sweep, tasks, signals, middleware) are held by rules 1–3 and 5.
5. No module is longer than 400 lines: past that, split it by topic.
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("coordination", "pathways")

# Rule 1: the only coordination modules that import pathways.
SEAMS = {"coordination/services/stafettlogg.py", "coordination/urls.py"}
# The demo data builders and the page benchmark seed both apps' data (goals, actions, log entries),
# as a test fixture does; they are tools outside the domain, not a second seam.
SEEDING_TOOLS = (
    "coordination/demo/",
    "coordination/benchmarking/",
    "coordination/management/commands/benchmark.py",
)

# Rule 4: the layers, from the bottom. A module imports only its own layer or one below.
LAYERS = ("models", "rules", "selectors", "services", "forms", "views")
RULE_MODULES = {"coordination/consent_rules.py"}
RULE_PACKAGES = ("coordination/access/",)

# Rule 5.
MAX_LINES = 400
DATA_TABLES = {"coordination/demo/names.py"}  # word lists for the demo generator, not logic
# Known offenders, each to be split; an entry that is no longer over the limit fails the test, so the
# list only shrinks.
PENDING_SPLIT: set[str] = set()


@dataclass(frozen=True)
class Import:
    importer: str  # path relative to the repository, e.g. "coordination/views/team.py"
    target: str  # dotted module name, e.g. "coordination.models"
    line: int
    in_function: str | None  # the enclosing function's name; None at module level


def _source_files() -> Iterator[Path]:
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                yield path


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _module_name(path: str) -> str:
    parts = path.removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(_relative(path)): _relative(path) for path in _source_files()}


def _resolve(importer: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = _module_name(importer).split(".")
    if not importer.endswith("__init__.py"):
        package = package[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")


def _imports(path: str, tree: ast.Module) -> Iterator[Import]:
    """Every import of the module, with the function it stands in. `from package import module`
    counts as importing the package and the module."""

    def visit(node: ast.AST, function: str | None) -> Iterator[Import]:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name
        if _is_type_checking(node):
            return  # only for the type checker, never run
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(path, alias.name, node.lineno, function)
        elif isinstance(node, ast.ImportFrom):
            module = _resolve(path, node)
            yield Import(path, module, node.lineno, function)
            for alias in node.names:
                if f"{module}.{alias.name}" in MODULES:
                    yield Import(path, f"{module}.{alias.name}", node.lineno, function)
        for child in ast.iter_child_nodes(node):
            yield from visit(child, function)

    yield from visit(tree, None)


def _all_imports() -> list[Import]:
    found = []
    for path in _source_files():
        relative = _relative(path)
        found += _imports(relative, ast.parse(path.read_text(), filename=relative))
    return found


IMPORTS = _all_imports()


def _app(module_or_path: str) -> str:
    return module_or_path.replace("/", ".").split(".")[0]


def _layer(path: str) -> str | None:
    if path in RULE_MODULES or path.startswith(RULE_PACKAGES):
        return "rules"
    folders = path.removesuffix(".py").split("/")
    return next((part for part in folders if part in LAYERS), None)


def _project_imports() -> Iterator[Import]:
    for found in IMPORTS:
        if found.target in MODULES:
            yield found


# 1. One direction between the apps


def test_coordination_imports_pathways_only_at_its_two_seams():
    offenders = sorted(
        f"{found.importer}:{found.line} imports {found.target}"
        for found in IMPORTS
        if _app(found.importer) == "coordination"
        and _app(found.target) == "pathways"
        and found.importer not in SEAMS
        and not found.importer.startswith(SEEDING_TOOLS)
    )
    assert not offenders, "coordination reaches pathways only through services/stafettlogg.py:\n" + "\n".join(
        offenders
    )


def test_the_seams_exist():
    # A renamed seam would otherwise leave rule 1 guarding nothing.
    for seam in SEAMS:
        assert (ROOT / seam).exists(), seam
    assert any(
        found.importer == "coordination/services/stafettlogg.py" and _app(found.target) == "pathways"
        for found in IMPORTS
    )


# 2. Imports across the apps at module level


def _is_app_ready(found: Import) -> bool:
    # Django loads apps.py before the models exist, so AppConfig.ready() is where models are imported.
    return found.importer.endswith("/apps.py") and found.in_function == "ready"


def test_no_import_of_the_other_app_hides_inside_a_function():
    offenders = sorted(
        f"{found.importer}:{found.line} imports {found.target} inside {found.in_function}()"
        for found in IMPORTS
        if found.in_function is not None
        and _app(found.target) in APPS
        and _app(found.target) != _app(found.importer)
        and not _is_app_ready(found)
    )
    assert not offenders, "move these imports to the top of the module:\n" + "\n".join(offenders)


# 3. No cycles


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {module: set() for module in MODULES}
    for found in _project_imports():
        if found.in_function is None:
            importer = _module_name(found.importer)
            if found.target != importer:
                graph[importer].add(found.target)
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (a → b → … → a) through each group of modules that import each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def strongly_connect(module: str) -> None:  # Tarjan
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(graph[module]):
            if target not in index:
                strongly_connect(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(group)

    for module in sorted(graph):
        if module not in index:
            strongly_connect(module)
    return [_cycle_in(group, graph) for group in groups]


def _cycle_in(group: set[str], graph: dict[str, set[str]]) -> list[str]:
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:  # breadth first: the shortest way back to the start
        module = queue.pop(0)
        for target in sorted(graph[module] & group):
            if target == start:
                return [*paths[module], start]
            if target not in paths:
                paths[target] = [*paths[module], target]
                queue.append(target)
    raise AssertionError(f"no cycle in {group}")


def test_project_modules_import_each_other_without_cycles():
    cycles = [" → ".join(cycle) for cycle in find_cycles(_graph())]
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_the_cycle_finder_reports_the_modules_of_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycles(graph) == [["a", "b", "c", "a"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


# 4. Layers point one way


def test_layers_import_only_their_own_layer_or_one_below():
    offenders = []
    for found in _project_imports():
        importer, target = _layer(found.importer), _layer(MODULES[found.target])
        if importer and target and LAYERS.index(target) > LAYERS.index(importer):
            offenders.append(f"{found.importer}:{found.line} ({importer}) imports {found.target} ({target})")
    assert not offenders, "imports against the layers:\n" + "\n".join(sorted(offenders))


def test_every_app_has_the_same_layer_folders():
    for app in APPS:
        folders = {path.name for path in (ROOT / app).iterdir() if (path / "__init__.py").exists()}
        assert {"models", "services", "selectors", "forms", "views"} <= folders, app


def test_the_layer_of_a_module_comes_from_its_folder():
    assert _layer("pathways/models/plan.py") == "models"
    assert _layer("coordination/access/staff.py") == "rules"
    assert _layer("coordination/services/team.py") == "services"
    assert _layer("coordination/web/views.py") == "views"
    assert _layer("coordination/accounts/forms.py") == "forms"
    assert _layer("pathways/sweep.py") is None  # plumbing: held by the cycle rule only


# 5. Short modules


def _length(path: str) -> int:
    return len((ROOT / path).read_text().splitlines())


def test_no_module_is_longer_than_400_lines():
    too_long = {
        _relative(path): _length(_relative(path))
        for path in _source_files()
        if _relative(path) not in DATA_TABLES | PENDING_SPLIT and _length(_relative(path)) > MAX_LINES
    }
    assert too_long == {}, "split these by topic"


def test_modules_pending_a_split_are_still_too_long():
    # Once split, an entry is removed from PENDING_SPLIT so the limit holds for its pieces.
    done = sorted(path for path in PENDING_SPLIT if not (ROOT / path).exists() or _length(path) <= MAX_LINES)
    assert done == [], "remove these from PENDING_SPLIT"
