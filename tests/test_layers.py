"""Imports run one way: ingest <- retriever, targets, rules <- ui <- policyqa, and inside retriever
index <- search <- answer. A module that imports a package above its own (ingest reading retriever,
rules reading policyqa, the index reading the answerer) fails here, as does any installed package
importing the development scripts in bench/ and tools/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# each package with the packages it may import besides itself
MAY_IMPORT = {
    "ingest": set(),
    "retriever": {"ingest"},
    "targets": {"ingest"},
    "rules": {"ingest"},
    "ui": {"ingest", "retriever", "targets", "rules"},
    "policyqa": {"ingest", "retriever", "targets", "rules", "ui"},
}
OURS = set(MAY_IMPORT) | {"bench", "tools"}
# the stages of retriever/, each with the stages it may import besides itself
STAGE_MAY_IMPORT = {
    "index": set(),
    "search": {"index"},
    "answer": {"index", "search"},
}


def imported_modules(path: Path) -> set[str]:
    """The dotted names of the modules a module imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def imported_packages(path: Path) -> set[str]:
    """The top-level packages of ours that a module imports."""
    return {name.split(".")[0] for name in imported_modules(path)} & OURS


def imported_stages(path: Path) -> set[str]:
    """The stages of retriever/ (index, search, answer) that a module imports."""
    return {name.split(".")[1] for name in imported_modules(path)
            if name.startswith("retriever.") and name.split(".")[1] in STAGE_MAY_IMPORT}


@pytest.mark.parametrize("package", sorted(MAY_IMPORT))
def test_a_package_imports_only_the_layers_below_it(package):
    wrong = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        above = imported_packages(path) - MAY_IMPORT[package] - {package}
        if above:
            wrong[str(path.relative_to(ROOT))] = sorted(above)
    assert not wrong, f"imports against the layering: {wrong}"


@pytest.mark.parametrize("stage", sorted(STAGE_MAY_IMPORT))
def test_a_retriever_stage_imports_only_the_stages_before_it(stage):
    wrong = {}
    for path in sorted((ROOT / "retriever" / stage).rglob("*.py")):
        later = imported_stages(path) - STAGE_MAY_IMPORT[stage] - {stage}
        if later:
            wrong[str(path.relative_to(ROOT))] = sorted(later)
    assert not wrong, f"imports against the order of the stages: {wrong}"


def test_every_retriever_module_belongs_to_a_stage():
    loose = [p.name for p in (ROOT / "retriever").glob("*.py") if p.name not in ("__init__.py", "evaluate.py")]
    assert not loose, f"modules outside index/, search/ and answer/: {loose}"


def test_the_stage_check_sees_a_later_stage(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from retriever.answer.question import Question\nimport retriever.search.hybrid\n", encoding="utf-8")
    assert imported_stages(module) == {"answer", "search"}


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from policyqa.app import load_answerer\n    import bench.reports\n", encoding="utf-8")
    assert imported_packages(module) == {"policyqa", "bench"}
