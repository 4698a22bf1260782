"""The row of the targets table and the result of an audit."""

from __future__ import annotations

from dataclasses import asdict, dataclass


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
