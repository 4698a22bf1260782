"""Drafted rules as table rows a person edits on the page, and the edits read back.

One row per drafted rule. A person sets the 审核 column to 接受, 拒绝 or 待定 and may correct the
fields a reviewer most often fixes: the action or purpose, strength, deadline, energy threshold,
amount, cap and lead department. The quote stays as drafted: it is the evidence the rule is checked
against. Values are written the way the documents write them (必须, ≥5000, 2025-12-31) and read
back strictly: a cell that cannot be read names its rule and column instead of being dropped.
"""

from __future__ import annotations

import re

from rules.loader import RuleError
from rules.model import AMOUNT_UNIT, RECURRENCE_LABELS, STRENGTH_LABELS

COLUMNS = ["编号", "类型", "审核", "内容", "强度", "截止日期", "能耗门槛（吨标准煤）", "金额", "上限（万元）", "牵头部门", "原文"]
DECISIONS = {"接受": "accept", "拒绝": "reject", "待定": None, "": None}
KIND_LABELS = {"obligations": "义务", "entitlements": "支持"}
RANGE_RE = re.compile(r"^(?:(≥|>|>=)\s*(\d+(?:\.\d+)?)|(≤|<|<=)\s*(\d+(?:\.\d+)?)|"
                      r"(\d+(?:\.\d+)?)\s*[-–~至]\s*(\d+(?:\.\d+)?))$")


def _number(text: str) -> float | int:
    value = float(text)
    return int(value) if value.is_integer() else value


def format_range(energy: dict | None) -> str:
    """``{"min": 5000, "min_inclusive": True}`` as "≥5000"; a band as "5000-10000" (lower bound
    included, upper excluded, as the documents' 及以上/以下 usually read)."""
    if not energy:
        return ""
    low, high = energy.get("min"), energy.get("max")
    if low is not None and high is not None:
        return f"{low}-{high}"
    if low is not None:
        return ("≥" if energy.get("min_inclusive", True) else ">") + str(low)
    if high is not None:
        return ("≤" if energy.get("max_inclusive", False) else "<") + str(high)
    return ""


def parse_range(cell: str) -> dict | None:
    cell = (cell or "").strip().replace("＞", ">").replace("＜", "<").replace("＝", "=")
    if not cell:
        return None
    match = RANGE_RE.match(cell)
    if not match:
        raise ValueError(f"{cell!r} is not a threshold (write ≥5000, >5000, ≤1000, <1000 or 5000-10000)")
    if match.group(1):
        return {"min": _number(match.group(2)), "min_inclusive": match.group(1) != ">"}
    if match.group(3):
        return {"max": _number(match.group(4)), "max_inclusive": match.group(3) != "<"}
    return {"min": _number(match.group(5)), "min_inclusive": True,
            "max": _number(match.group(6)), "max_inclusive": False}


def format_amount(amount: dict | None) -> str:
    if not amount:
        return ""
    unit = amount.get("unit", "")
    return f"{amount['value']}{unit}"


def parse_amount(cell: str, amount: dict | None) -> dict | None:
    """A new value for the drafted amount; its unit must stay the one drafted (the kind and basis
    go with the unit)."""
    cell = (cell or "").strip()
    if not cell:
        return None
    unit = (amount or {}).get("unit", AMOUNT_UNIT)
    number = cell[:-len(unit)] if unit and cell.endswith(unit) else cell
    try:
        value = _number(number)
    except ValueError:
        raise ValueError(f"{cell!r} is not an amount in {unit}") from None
    return {**(amount or {"kind": "fixed", "unit": AMOUNT_UNIT}), "value": value}


def _time_cell(rule: dict) -> str:
    """The duty's own time as a reviewer reads it: its date, 每年/每季度/每月, or the relative time
    printed ("分立后15日内"); empty when the document sets none."""
    if rule.get("deadline"):
        return str(rule["deadline"])
    if rule.get("recurrence"):
        return RECURRENCE_LABELS.get(rule["recurrence"], rule["recurrence"])
    return rule.get("deadline_text") or ""


def _read_time(rule: dict, cell: str) -> None:
    cell = cell.strip()
    recurrences = {label: name for name, label in RECURRENCE_LABELS.items()}
    if cell and cell == rule.get("deadline_text") and not rule.get("deadline"):
        return  # the relative time as drafted
    if cell in recurrences:
        rule.pop("deadline", None)
        rule["recurrence"] = recurrences[cell]
        return
    _set(rule, "deadline", cell)
    if rule.get("deadline"):
        rule.pop("recurrence", None)
    elif not cell:
        rule.pop("recurrence", None)


def rows_of(draft: dict) -> list[list[str]]:
    """The table the page shows for a draft file, every rule 待定."""
    rows = []
    for kind in KIND_LABELS:
        for rule in draft.get(kind) or []:
            amount = rule.get("amount") or {}
            rows.append([
                rule["id"], KIND_LABELS[kind], "待定", rule.get("action") or rule.get("purpose") or "",
                STRENGTH_LABELS.get(rule.get("strength"), ""), _time_cell(rule),
                format_range((rule.get("binds") or {}).get("energy_tce")), format_amount(amount),
                str(amount.get("cap_wan_yuan", "")), rule.get("lead_department") or "",
                rule["source"]["quote"],
            ])
    return rows


def _set(rule: dict, key: str, value) -> None:
    if value in (None, ""):
        rule.pop(key, None)
    else:
        rule[key] = value


def apply_row(rule: dict, row: dict[str, str]) -> dict:
    """The rule with the row's fields written into it; ValueError names the column it cannot read."""
    rule = {**rule, "binds": dict(rule.get("binds") or {})}
    content = (row.get("内容") or "").strip()
    if not content:
        raise ValueError("内容 is empty")
    rule["action" if "action" in rule else "purpose"] = content
    if "strength" in rule:
        labels = {label: name for name, label in STRENGTH_LABELS.items()}
        strength = (row.get("强度") or "").strip()
        if strength not in labels:
            raise ValueError(f"强度 {strength!r} is not one of {'、'.join(labels)}")
        rule["strength"] = labels[strength]
        _read_time(rule, row.get("截止日期") or "")
    try:
        energy = parse_range(row.get("能耗门槛（吨标准煤）", ""))
    except ValueError as exc:
        raise ValueError(f"能耗门槛: {exc}") from None
    _set(rule["binds"], "energy_tce", energy)
    if "amount" in rule:
        try:
            amount = parse_amount(row.get("金额", ""), rule["amount"])
        except ValueError as exc:
            raise ValueError(f"金额: {exc}") from None
        if amount is None:
            raise ValueError("金额 is empty")
        cap = (row.get("上限（万元）") or "").strip()
        try:
            _set(amount, "cap_wan_yuan", _number(cap) if cap else None)
        except ValueError:
            raise ValueError(f"上限: {cap!r} is not a number of 万元") from None
        rule["amount"] = amount
    _set(rule, "lead_department", (row.get("牵头部门") or "").strip())
    return rule


def read_rows(draft: dict, table: list[list]) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, dict]]:
    """From the edited table: the ids accepted, the ids rejected and every drafted rule as edited.
    RuleError names the rule and the cell it cannot read."""
    rules = {rule["id"]: rule for kind in KIND_LABELS for rule in draft.get(kind) or []}
    accept, reject, edited = [], [], {}
    for cells in table:
        row = dict(zip(COLUMNS, ["" if c is None else str(c) for c in cells]))
        rule_id = row.get("编号", "").strip()
        if rule_id not in rules:
            raise RuleError(f"no drafted rule {rule_id!r}")
        decision = row.get("审核", "").strip()
        if decision not in DECISIONS:
            raise RuleError(f"{rule_id}: 审核 {decision!r} is not one of 接受、拒绝、待定")
        if DECISIONS[decision] == "reject":
            reject.append(rule_id)
            continue
        try:
            edited[rule_id] = apply_row(rules[rule_id], row)
        except ValueError as exc:
            raise RuleError(f"{rule_id}: {exc}") from None
        if DECISIONS[decision] == "accept":
            accept.append(rule_id)
    return tuple(accept), tuple(reject), edited
