"""Every number that ranks clauses, figures or cells is a named field of ScoringWeights with its reason."""

from __future__ import annotations

import ast
import json
import re
from dataclasses import fields
from pathlib import Path

from retriever.answer.weights import WEIGHTS_FILE, ScoringWeights

ROOT = Path(__file__).resolve().parent.parent
ANSWER = ROOT / "retriever" / "answer"
SCORING_MODULES = ("scoring.py", "extract.py", "answerer.py")
# not weights: no score at all, the floor of an empty max(), and the float noise two equal scores differ by
NOT_WEIGHTS = {0.0, -1.0, 1e-9}


def float_literals(source: str) -> list[tuple[int, float]]:
    """(line, value) of every float written in the code, its sign included (-1.0 is one literal)."""
    found, tree = [], ast.parse(source)
    negated = {id(n.operand) for n in ast.walk(tree) if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, float):
            found.append((node.lineno, -node.value if id(node) in negated else node.value))
    return sorted(found)


def test_the_scoring_modules_hold_no_unnamed_weight():
    unnamed = {}
    for name in SCORING_MODULES:
        found = [(line, value) for line, value in float_literals((ANSWER / name).read_text(encoding="utf-8"))
                 if value not in NOT_WEIGHTS]
        if found:
            unnamed[name] = found
    assert not unnamed, f"name these in ScoringWeights (retriever/answer/weights.py): {unnamed}"


def test_the_check_reads_signs_and_sees_a_bare_weight():
    assert float_literals("x = -1.0\ny = score - 0.3 * 2.0\n") == [(1, -1.0), (2, 0.3), (2, 2.0)]


def test_every_weight_has_its_reason_written_above_it():
    source = (ANSWER / "weights.py").read_text(encoding="utf-8").split("class ScoringWeights:", 1)[1]
    reason, missing = False, []
    for line in source.splitlines():
        stripped = line.strip()
        if not stripped:
            reason = False  # a reason covers the fields right below it, up to the next blank line
        elif stripped.startswith("#"):
            reason = True
        elif re.match(r"^[a-z_]+: (?:float|int) = ", stripped) and not reason:
            missing.append(stripped.split(":")[0])
        elif stripped.startswith("@"):
            break
    assert not missing, f"weights without a reason: {missing}"


def test_every_weight_is_read_by_the_scoring():
    code = "\n".join((ANSWER / name).read_text(encoding="utf-8") for name in SCORING_MODULES)
    inert = [f.name for f in fields(ScoringWeights) if not re.search(rf"\.{f.name}\b", code)]
    assert not inert, f"weights no code reads (delete them): {inert}"


def test_the_fitted_file_sets_only_fitted_weights_and_the_warning_threshold():
    data = json.loads((ANSWER / WEIGHTS_FILE).read_text(encoding="utf-8"))
    assert set(ScoringWeights.FITTED) <= {f.name for f in fields(ScoringWeights)}
    assert set(data["weights"]) <= set(ScoringWeights.FITTED) | {"unsure_below"}
    loaded = ScoringWeights.load(data["embedding"])
    assert all(getattr(loaded, name) == value for name, value in data["weights"].items())
