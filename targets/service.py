"""Targets, comparisons and audits over one set of parsed documents, computed once."""

from __future__ import annotations

import csv
import io

from ingest.models import Document
from ingest.regions import Gazetteer
from targets.audit import audit
from targets.compare import compare
from targets.extract import extract_targets
from targets.model import AuditReport, Comparison, TargetRow
from targets.vocabulary import Vocabulary

CSV_COLUMNS = ["indicator", "region", "value", "unit", "value_normalized", "unit_normalized", "comparator", "kind",
               "period", "target_year", "baseline_year", "doc_id", "doc_number", "section", "quote"]


class TargetService:
    def __init__(self, documents: list[Document], gazetteer: Gazetteer):
        self.documents = documents
        self.gazetteer = gazetteer
        self.vocabulary = Vocabulary.load()
        self.rows: list[TargetRow] = extract_targets(documents, gazetteer)

    def targets(self, region: str | None = None, indicator: str | None = None) -> list[TargetRow]:
        canonical = self.vocabulary.canonical(indicator) if indicator else None
        return [r for r in self.rows if (not region or r.region == region)
                and (not canonical or r.indicator == canonical or (indicator and indicator in r.indicator))]

    def compare(self, indicator: str, regions: list[str] | None = None) -> Comparison:
        return compare(self.rows, indicator, regions, self.gazetteer)

    def audit(self) -> AuditReport:
        return audit(self.documents, self.rows, self.gazetteer)

    def regions(self) -> list[str]:
        return sorted({r.region for r in self.rows})

    def indicators(self) -> list[str]:
        present = {r.indicator for r in self.rows if r.known_indicator}
        return [i for i in self.vocabulary.indicators() if i in present]

    @staticmethod
    def to_csv(rows: list[TargetRow]) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for r in rows:
            writer.writerow([getattr(r, c) if getattr(r, c) is not None else "" for c in CSV_COLUMNS])
        return out.getvalue()
