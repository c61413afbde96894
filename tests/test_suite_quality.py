"""The suite's own rules, read from its source: a test that cannot fail is worse than none.

- Every test asserts something: an ``assert``, ``pytest.raises``/``warns``/``fail``, a query-count
  context, Playwright's ``expect(...)``, or a call of a helper of this package that does.
- A query-count check is a context manager: a bare ``django_assert_num_queries(3)`` asserts nothing.
- A skip or an expected failure says why: ``pytest.skip("…")``, ``pytest.mark.skipif(…, reason="…")``.
"""

import ast
from dataclasses import dataclass, field
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
ASSERTING_CALLS = {
    "raises",
    "warns",
    "deprecated_call",
    "fail",
    "expect",  # Playwright: expect(locator).to_have_text(…) waits and fails
}
QUERY_COUNTS = {"django_assert_num_queries", "django_assert_max_num_queries", "assertNumQueries"}
NEEDS_A_REASON = {"skip", "skipif", "xfail"}


@dataclass
class Module:
    name: str  # e.g. "tests.test_url_access"
    tree: ast.Module
    functions: dict[str, ast.FunctionDef] = field(default_factory=dict)
    # local name -> (module, function) for `from tests.x import f`; (module, None) for `from tests import x`
    imported: dict[str, tuple[str, str | None]] = field(default_factory=dict)


def _parse(name: str, source: str) -> Module:
    module = Module(name=name, tree=ast.parse(source))
    for node in module.tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            module.functions[node.name] = node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    module.functions.setdefault(item.name, item)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "tests":
            for alias in node.names:
                local = alias.asname or alias.name
                module.imported[local] = (node.module, alias.name)
    return module


def _load_suite() -> dict[str, Module]:
    modules = {}
    for path in sorted(TESTS.rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        modules[name] = _parse(name, path.read_text())
    # `from tests import factories` names a module, `from tests.x import f` a function.
    for module in modules.values():
        for local, (source, name) in list(module.imported.items()):
            if f"{source}.{name}" in modules:
                module.imported[local] = (f"{source}.{name}", None)
    return modules


def _callee(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def _resolve(modules: dict[str, Module], module: Module, call: ast.Call):
    """The function of the suite a call reaches, as (module, function node), or None."""
    func = call.func
    if isinstance(func, ast.Name):
        if func.id in module.functions:
            return module, module.functions[func.id]
        source, name = module.imported.get(func.id, (None, None))
        if source in modules and name in modules[source].functions:
            return modules[source], modules[source].functions[name]
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        if func.value.id == "self" and func.attr in module.functions:
            return module, module.functions[func.attr]
        source, name = module.imported.get(func.value.id, (None, None))
        if name is None and source in modules and func.attr in modules[source].functions:
            return modules[source], modules[source].functions[func.attr]
    return None


def _asserts(modules: dict[str, Module], module: Module, function: ast.AST, seen: set) -> bool:
    seen.add(id(function))
    for node in ast.walk(function):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.With | ast.AsyncWith) and any(
            isinstance(item.context_expr, ast.Call) and _callee(item.context_expr) in QUERY_COUNTS
            for item in node.items
        ):
            return True  # only as a context manager does a query count check anything
        if isinstance(node, ast.Call):
            if _callee(node) in ASSERTING_CALLS:
                return True
            helper = _resolve(modules, module, node)
            if helper and id(helper[1]) not in seen and _asserts(modules, *helper, seen):
                return True
    return False


def _tests(module: Module):
    if not module.name.split(".")[-1].startswith("test_"):
        return
    for node in module.tree.body:
        candidates = [node]
        if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            candidates = node.body
        for item in candidates:
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name.startswith("test"):
                yield item


def find_tests_without_assertions(modules: dict[str, Module]) -> list[str]:
    return [
        f"{module.name}::{test.name}"
        for module in modules.values()
        for test in _tests(module)
        if not _asserts(modules, module, test, set())
    ]


def bare_query_counts(modules: dict[str, Module]) -> list[str]:
    found = []
    for module in modules.values():
        managed = {
            id(item.context_expr)
            for node in ast.walk(module.tree)
            if isinstance(node, ast.With | ast.AsyncWith)
            for item in node.items
        }
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Call) and _callee(node) in QUERY_COUNTS and id(node) not in managed:
                if _callee(node) == "assertNumQueries" and len(node.args) > 1:
                    continue  # assertNumQueries(n, func, …) calls func and checks
                found.append(f"{module.name}:{node.lineno}")
    return found


def _has_reason(call: ast.Call, positional_reason: bool) -> bool:
    reasons = [keyword.value for keyword in call.keywords if keyword.arg in ("reason", "msg")]
    if positional_reason and call.args:
        reasons.append(call.args[0])
    return any(not (isinstance(value, ast.Constant) and not str(value.value).strip()) for value in reasons)


def skips_without_reason(modules: dict[str, Module]) -> list[str]:
    """`pytest.skip()`, `pytest.mark.skip`, `pytest.mark.skipif(cond)`, `pytest.xfail()`… without why."""
    found = []
    for module in modules.values():
        calls = {id(node.func) for node in ast.walk(module.tree) if isinstance(node, ast.Call)}
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Call) and _callee(node) in NEEDS_A_REASON:
                is_mark = isinstance(node.func, ast.Attribute) and ast.unparse(node.func.value).endswith(
                    "mark"
                )
                # skip("why") and xfail("why") take it first; skipif(condition, reason=…) by name
                if not _has_reason(node, positional_reason=_callee(node) != "skipif" or not is_mark):
                    found.append(f"{module.name}:{node.lineno}")
            elif (
                isinstance(node, ast.Attribute)
                and node.attr in NEEDS_A_REASON
                and ast.unparse(node.value).endswith("mark")
                and id(node) not in calls
            ):
                found.append(f"{module.name}:{node.lineno}")  # a bare @pytest.mark.skip
    return found


SUITE = _load_suite()


def test_every_test_asserts_something():
    offenders = find_tests_without_assertions(SUITE)
    assert not offenders, "these tests cannot fail:\n" + "\n".join(offenders)


def test_query_counts_are_checked_in_a_with_block():
    offenders = bare_query_counts(SUITE)
    assert not offenders, "a bare django_assert_num_queries(n) asserts nothing:\n" + "\n".join(offenders)


def test_every_skip_says_why():
    offenders = skips_without_reason(SUITE)
    assert not offenders, "give these a reason:\n" + "\n".join(offenders)


# The rules themselves, on small examples: each must see what it names.

EXAMPLES = """
import pytest
from tests import factories
from tests.helpers import check_page

def _helper(x):
    assert x

def test_asserts():
    assert 1

def test_raises():
    with pytest.raises(ValueError):
        int("x")

def test_through_a_local_helper():
    _helper(1)

def test_through_an_imported_helper():
    check_page("/")

def test_through_a_module_helper():
    factories.check()

def test_nothing():
    factories.goal()

def test_bare_count(django_assert_num_queries):
    django_assert_num_queries(3)

def test_counted(django_assert_num_queries):
    with django_assert_num_queries(2):
        pass

@pytest.mark.skip
def test_a(): assert 1

@pytest.mark.skip(reason="needs nginx")
def test_b(): assert 1

@pytest.mark.skipif(True)
def test_c(): assert 1

@pytest.mark.skipif(True, reason="")
def test_d(): assert 1

def test_e():
    pytest.skip()
    pytest.skip("no browser here")
    assert 1
"""
HELPERS = """
def check_page(url):
    assert url
"""
FACTORIES = """
def goal():
    return 1

def check():
    assert True
"""


def _examples() -> dict[str, Module]:
    modules = {
        "tests.test_example": _parse("tests.test_example", EXAMPLES),
        "tests.helpers": _parse("tests.helpers", HELPERS),
        "tests.factories": _parse("tests.factories", FACTORIES),
    }
    modules["tests.test_example"].imported["factories"] = ("tests.factories", None)
    return modules


def test_a_test_without_an_assertion_is_found_also_behind_helpers():
    assert find_tests_without_assertions(_examples()) == [
        "tests.test_example::test_nothing",
        "tests.test_example::test_bare_count",
    ]


def test_a_bare_query_count_is_found():
    line = EXAMPLES.splitlines().index("    django_assert_num_queries(3)") + 1
    assert bare_query_counts(_examples()) == [f"tests.test_example:{line}"]


def test_a_skip_without_a_reason_is_found():
    lines = EXAMPLES.splitlines()
    expected = [
        lines.index("@pytest.mark.skip") + 1,
        lines.index("@pytest.mark.skipif(True)") + 1,
        lines.index('@pytest.mark.skipif(True, reason="")') + 1,
        lines.index("    pytest.skip()") + 1,
    ]
    found = skips_without_reason(_examples())
    assert sorted(int(entry.split(":")[1]) for entry in found) == expected
