"""The YAML test cases kept beside the rules (rules/cases/*.yaml), each run through the engine."""

import datetime as dt
from pathlib import Path

import pytest
import yaml

from rules.service import ObligationService

CASES = Path(__file__).resolve().parent.parent / "rules" / "cases"
PROFILE_KEYS = {"name", "region", "energy", "sector", "pue", "reports", "as_of"}


def load_cases():
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield pytest.param(case, id=f"{path.stem}: {case['name']}")


@pytest.fixture(scope="module")
def service(corpus_docs, gazetteer):
    return ObligationService(list(corpus_docs.values()), gazetteer)


@pytest.mark.parametrize("case", list(load_cases()))
def test_rule_case(service, case):
    profile = dict(case["profile"])
    assert set(profile) <= PROFILE_KEYS, set(profile) - PROFILE_KEYS
    as_of = profile.pop("as_of")
    as_of = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(as_of)
    result = service.evaluate(**profile, as_of=as_of)
    statuses = {r.id: r.status for r in result.obligations}
    known = {o.id for o in service.obligations}
    for rule_id, expected in (case.get("statuses") or {}).items():
        assert rule_id in known, f"no rule {rule_id}"
        assert statuses[rule_id] == expected, (rule_id, next(r.reason for r in result.obligations if r.id == rule_id))
    checks = {f"{c.obligation_id}.{c.field}": c.result for c in result.checks}
    for key, expected in (case.get("checks") or {}).items():
        assert checks.get(key) == expected, (key, checks)
