"""Imports run one way: ingest <- retriever, targets, rules <- ui <- policyqa. A module that imports
a package above its own (ingest reading retriever, rules reading policyqa) fails here, as does any
installed package importing the development scripts in bench/ and tools/."""

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


def imported_packages(path: Path) -> set[str]:
    """The top-level packages of ours that a module imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & OURS


@pytest.mark.parametrize("package", sorted(MAY_IMPORT))
def test_a_package_imports_only_the_layers_below_it(package):
    wrong = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        above = imported_packages(path) - MAY_IMPORT[package] - {package}
        if above:
            wrong[str(path.relative_to(ROOT))] = sorted(above)
    assert not wrong, f"imports against the layering: {wrong}"


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from policyqa.app import load_answerer\n    import bench.reports\n", encoding="utf-8")
    assert imported_packages(module) == {"policyqa", "bench"}
