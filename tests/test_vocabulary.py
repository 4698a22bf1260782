"""Every unit, comparator and plan-period word lives in the lexicon (ingest/data/lexicon/*.txt).

Code that decides by such a word (compares with it, or lists it) must take it from ingest/lexicon.py,
so that a new unit or a new plan period is one line of data and two modules never disagree. Words
of one character (年, 日, 家, 个, %, 元, 吨) are left out of the check: they are ordinary characters
as much as units, and dates are read by their calendar words. Printing a unit in a message is not
deciding by it, so f-strings and messages are not checked either.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ingest.lexicon import comparators, five_year_plans, units

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("ingest", "retriever", "targets", "rules", "ui", "policyqa")
# (module, word): why that module may write the word itself
ALLOWED = {
    ("rules/draft.py", "元/千瓦时"): "RATE_BASIS maps the lexicon's price units to the report fields of rules/fields.py",
    ("rules/draft.py", "元/千瓦"): "RATE_BASIS",
    ("rules/draft.py", "元/吨标准煤"): "RATE_BASIS",
    ("rules/draft.py", "元/吨"): "RATE_BASIS",
    ("rules/draft.py", "元/平方米"): "RATE_BASIS",
    ("rules/draft.py", "元/台"): "RATE_BASIS",
    ("rules/draft.py", "以内"): "an at-most bound in 以内 is read as exclusive, unlike 以下 (see the issue 22 note)",
}


def vocabulary() -> set[str]:
    words = set(units()) | set(comparators()) | set(five_year_plans())
    return {w for w in words if len(w) > 1}


def _strings(node: ast.AST):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        for element in node.elts:
            yield from _strings(element)
    elif isinstance(node, ast.Dict):
        for element in (*node.keys, *node.values):
            if element is not None:
                yield from _strings(element)


def vocabulary_literals(source: str, words: set[str]) -> list[tuple[int, str]]:
    """(line, word) of every vocabulary word the code compares with or writes into a collection."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            parts = [node.left, *node.comparators]
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
            parts = [node]
        else:
            continue
        found += [(s.lineno, s.value) for part in parts for s in _strings(part) if s.value in words]
    return sorted(set(found))


def modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.relative_to(ROOT).as_posix() != "ingest/lexicon.py":
                yield path


def test_no_module_decides_by_a_unit_or_comparator_word_of_its_own():
    words = vocabulary()
    wrong = {}
    for path in modules():
        name = path.relative_to(ROOT).as_posix()
        hits = [(line, word) for line, word in vocabulary_literals(path.read_text(encoding="utf-8"), words)
                if (name, word) not in ALLOWED]
        if hits:
            wrong[name] = hits
    assert not wrong, f"take these words from ingest/lexicon.py: {wrong}"


def test_every_allowance_is_still_needed():
    words = vocabulary()
    used = {(path.relative_to(ROOT).as_posix(), word) for path in modules()
            for _, word in vocabulary_literals(path.read_text(encoding="utf-8"), words)}
    assert set(ALLOWED) <= used, sorted(set(ALLOWED) - used)


@pytest.mark.parametrize("code, expected", [
    ('DURATION = ("年", "个月", "工作日")', [(1, "个月"), (1, "工作日")]),
    ('if c == "不超过":\n    pass', [(1, "不超过")]),
    ('ok = unit in {"万吨标准煤"}', [(1, "万吨标准煤")]),
    ('if "十四五" in title:\n    pass', [(1, "十四五")]),
    ('message = f"超过{limit}万元上限"', []),
    ('when = "年"', []),
])
def test_the_check_sees_lists_and_comparisons_but_not_messages(code, expected):
    assert vocabulary_literals(code, vocabulary()) == expected
