"""The row of the targets table, a comparison of regions and the result of an audit: plain dataclasses;
``to_dict`` is their JSON (docs/commands.md), written only at the command line and the web edge."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ingest.models import Source


@dataclass(frozen=True)
class TargetRow:
    indicator: str  # canonical indicator, or the document's own wording when none fits
    region: str
    value: float
    unit: str
    value_normalized: float | None
    unit_normalized: str
    comparator: str  # "=", 以上, 不低于, 不少于, 左右, 以内, 不超过, 力争 ...
    kind: str  # target | achieved | baseline | task
    period: str  # e.g. 2022-2025
    target_year: int | None
    baseline_year: int | None
    doc_id: str
    doc_number: str
    section: str
    quote: str
    wording: str = ""  # the words next to the figure
    known_indicator: bool = True
    start: int = 0  # offset of the quote in the normalised text

    def to_dict(self) -> dict:
        data = asdict(self)
        source = {k: data.pop(k) for k in ("doc_id", "doc_number", "section", "quote")}
        for k in ("wording", "known_indicator", "start"):
            data.pop(k)
        data["source"] = source
        return data


@dataclass(frozen=True)
class AuditItem:
    kind: str  # table_total | figure_mismatch | unit_typo | date_out_of_period
    doc_id: str
    detail: str
    expected: str
    found: str
    quote: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ComparedRow:
    """One statement of the indicator, in the comparison's unit where it converts."""

    region: str
    value: float
    unit: str
    period: str
    kind: str
    comparator: str
    target_year: int | None
    original: str  # the figure as the document states it, e.g. "0.5万千瓦"
    source: Source
    label: str = ""  # for a figure from a table: its row and column ("其中：分布式 > 2025年")


@dataclass(frozen=True)
class Comparison:
    indicator: str
    unit: str  # the unit most rows share
    rows: tuple[ComparedRow, ...]
    notes: tuple[str, ...]  # what is not comparable: periods, scopes, units, 力争 figures

    def to_dict(self) -> dict:
        return {"indicator": self.indicator, "unit": self.unit, "rows": [asdict(r) for r in self.rows],
                "notes": list(self.notes)}


@dataclass(frozen=True)
class AuditReport:
    findings: tuple[AuditItem, ...]
    passed: tuple[AuditItem, ...]  # the checks that held, so that an evaluator sees what was verified

    def of_kind(self, kind: str) -> list[AuditItem]:
        return [f for f in self.findings if f.kind == kind]

    def to_dict(self) -> dict:
        return {"findings": [f.to_dict() for f in self.findings], "passed": [p.to_dict() for p in self.passed]}
