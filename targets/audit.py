"""Check each document against itself: totals, figures stated twice, unit typos, dates out of period.

Every check that runs is reported: as a finding when it fails, as passed otherwise, so an evaluator
sees what was verified and not only what was wrong.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from ingest.lexicon import five_year_plans
from ingest.mentions import find_unit_typos, years_in
from ingest.models import Document
from ingest.regions import Gazetteer
from ingest.periods import plan_span
from ingest.table_model import BLANK_MARKS, Table, column_area, read_tables, resolve_region
from ingest.tables import is_row, join_cells, split_cells
from targets.model import AuditItem, AuditReport, TargetRow

TOTAL_AREAS = ("全市", "全区", "合计", "总计")
TOTAL_LABEL_RE = re.compile(rf"({'|'.join(five_year_plans())})?(总计|合计)")  # "十四五合计"
RATE_RE = re.compile(r"每年|年均|全年|每家|年度")
# a percentage or rate does not add up across districts
RATE_ROW_RE = re.compile(r"%|率|占比|比例|指数")
PLACE_TOTAL_RE = re.compile(r"^(?:全省|全市|全区|全县|合计|总计)")
DEADLINE_RE = re.compile(r"(?:(到|至)\s*((?:19|20)\d{2})\s*年(底|末)?)|(((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(底|末)?\s*前)")


def _num(cell: str) -> float | None:
    cell = cell.strip()
    if cell in ("-", "—", ""):
        return 0.0 if cell else None
    match = re.match(r"^-?\d+(?:\.\d+)?", cell)
    return float(match.group()) if match else None


def _fmt(value: float) -> str:
    return f"{value:g}"


class Auditor:
    def __init__(self, documents: list[Document], rows: list[TargetRow], gazetteer: Gazetteer):
        self.documents = documents
        self.rows = rows
        self.gazetteer = gazetteer
        self.findings: list[AuditItem] = []
        self.passed: list[AuditItem] = []

    def record(self, ok: bool, item: AuditItem) -> None:
        (self.passed if ok else self.findings).append(item)

    def run(self) -> AuditReport:
        for doc in self.documents:
            self.table_totals(doc)
            self.unit_typos(doc)
            self.dates(doc)
        self.figures_stated_twice()
        return AuditReport(tuple(self.findings), tuple(self.passed))

    # --- tables that should add up ------------------------------------------------------------
    def _tables(self, doc: Document):
        tables: dict[int, list] = {}
        for block in doc.blocks:
            if block.kind == "row":
                tables.setdefault(id(block.section), []).append(block)
        return tables.values()

    def table_totals(self, doc: Document) -> None:
        for rows in self._tables(doc):
            columns = rows[0].columns
            self._column_totals(doc, rows, columns)
            self._row_totals(doc, rows, columns)
        for table in read_tables(doc, self.gazetteer):
            self._region_totals(doc, table)

    def _region_totals(self, doc: Document, table: Table) -> None:
        """A 全省/全市/合计 row against the sum of the place rows under it (a 其中 row that is no place, such
        as 其中：分布式, is a part of the row above and left out), column by column, wherever every place
        row prints a figure; rates, shares and indices do not add up."""
        rows: dict[int, list] = {}
        for cell in table.cells:
            rows.setdefault(cell.row_start, []).append(cell)
        totals = [cells for cells in rows.values() if cells[0].total and not TOTAL_LABEL_RE.search(cells[0].row[2:])
                  and PLACE_TOTAL_RE.match(cells[0].row)]
        places = [cells for cells in rows.values() if not cells[0].total and cells[0].region is not None]
        if len(totals) != 1 or len(places) < 2:
            return
        for total in totals[0]:
            if total.number is None or RATE_ROW_RE.search(total.column + total.unit):
                continue
            parts = [next((c for c in cells if c.column == total.column), None) for cells in places]
            # "-" or "/" adds nothing; a cell left empty, or words, leave the sum unknown
            values = [0.0 if p is not None and p.value in BLANK_MARKS else (p.number if p is not None else None)
                      for p in parts]
            if any(v is None for v in values):
                continue
            found = round(sum(values), 6)
            self.record(math.isclose(found, total.number, rel_tol=1e-9, abs_tol=1e-6), AuditItem(
                "table_total", doc.meta.doc_id,
                f"{table.caption or '表格'}：{total.row}（{total.column}）应等于{len(parts)}个地区之和",
                _fmt(total.number), _fmt(found), doc.text[total.row_start:total.row_end]))

    def _column_totals(self, doc: Document, rows, columns) -> None:
        """A 全市/合计 column against the sum of the area columns with the same suffix (累计, 2017年)."""
        groups: dict[str, dict] = {}
        for i, column in enumerate(columns):
            area = column_area(column) or next((a for a in TOTAL_AREAS if column.startswith(a)), None)
            if not area:
                continue
            suffix = column[len(area):]
            group = groups.setdefault(suffix, {"total": None, "parts": []})
            if area in TOTAL_AREAS:
                group["total"] = i
            else:
                group["parts"].append(i)
        for suffix, group in groups.items():
            if group["total"] is None or len(group["parts"]) < 2:
                continue
            for row in rows:
                cells = split_cells(doc.text[row.start:row.end])
                if RATE_ROW_RE.search(cells[0]):
                    continue
                total = _num(cells[group["total"]]) if group["total"] < len(cells) else None
                parts = [_num(cells[i]) for i in group["parts"] if i < len(cells)]
                if total is None or any(p is None for p in parts):
                    continue
                found = round(sum(parts), 6)
                label = cells[0]
                self.record(math.isclose(found, total, abs_tol=1e-6), AuditItem(
                    "table_total", doc.meta.doc_id,
                    f"{label}：各区县（{columns[group['parts'][0]]}等{len(parts)}列）之和应等于{columns[group['total']]}",
                    _fmt(total), _fmt(found), doc.text[row.start:row.end]))

    def _row_totals(self, doc: Document, rows, columns) -> None:
        """A 总计/合计 row against the rows it sums (the years of its five-year plan, or all rows)."""
        texts = [split_cells(doc.text[r.start:r.end]) for r in rows]
        for r, cells in zip(rows, texts):
            match = TOTAL_LABEL_RE.search(cells[0])
            if not match or not cells[0].endswith(match.group(0)):
                continue
            if not match.group(1) and sum(1 for c in texts if resolve_region(c[0], doc.meta, self.gazetteer)) >= 2:
                continue  # a table of places: _region_totals adds them up, leaving 其中 rows out
            if match.group(1):
                lo, hi = plan_span(match.group(1))
                members = [c for c in texts if years_in(c[0]) and lo <= years_in(c[0])[0] <= hi and "年均" not in c[0]]
            else:
                members = [c for c in texts if c is not cells and not TOTAL_LABEL_RE.search(c[0])]
            if not members:
                continue
            for i in range(1, len(cells)):
                total = _num(cells[i]) if cells[i].strip() else None
                values = [_num(c[i]) if i < len(c) else None for c in members]
                values = [v for v in values if v is not None]
                if total is None or not values:
                    continue
                found = round(sum(values), 6)
                name = columns[i] if i < len(columns) else f"第{i + 1}列"
                self.record(math.isclose(found, total, rel_tol=1e-9, abs_tol=1e-6), AuditItem(
                    "table_total", doc.meta.doc_id, f"{cells[0]}（{name}）应等于{len(values)}行之和",
                    _fmt(total), _fmt(found), doc.text[r.start:r.end]))
            # a 年均 row beside a five-year total is that total over five years
            if match.group(1):
                average = next((c for c in texts if c[0].startswith(match.group(1)) and "年均" in c[0]), None)
                if average is not None:
                    for i in range(1, min(len(cells), len(average))):
                        total, mean = _num(cells[i]), _num(average[i])
                        if total is None or mean is None:
                            continue
                        expected = total / 5
                        self.record(abs(expected - mean) <= 0.5 + 1e-9, AuditItem(
                            "table_total", doc.meta.doc_id, f"{average[0]}（{columns[i] if i < len(columns) else i}）应为{cells[0]}的五分之一",
                            _fmt(round(expected, 2)), _fmt(mean), join_cells(average)))

    # --- a figure stated twice ----------------------------------------------------------------
    def figures_stated_twice(self) -> None:
        """A text statement against a table cell for the same indicator, region, kind and period."""
        table_rows = [r for r in self.rows if is_row(r.quote) and r.known_indicator and "年均" not in r.wording]
        # a rate ("每年…") is not a total; a figure on another statistical basis (口径) is not the same quantity
        text_rows = [r for r in self.rows if not is_row(r.quote) and r.known_indicator
                     and not RATE_RE.search(r.wording) and "口径" not in r.quote]
        for text in text_rows:
            for table in table_rows:
                if (table.doc_id, table.indicator, table.region, table.kind, table.period, table.target_year) != (
                        text.doc_id, text.indicator, text.region, text.kind, text.period, text.target_year):
                    continue
                if text.value_normalized is None or table.value_normalized is None or text.unit_normalized != table.unit_normalized:
                    continue
                # the text may round: compare at the text's own precision
                digits = len(re.sub(r"\D", "", f"{text.value:g}"))
                scale = 10 ** (math.floor(math.log10(abs(table.value_normalized))) - digits + 1) if table.value_normalized else 1
                rounded = round(table.value_normalized / scale) * scale
                ok = math.isclose(rounded, text.value_normalized, rel_tol=1e-9, abs_tol=1e-9) or math.isclose(
                    table.value_normalized, text.value_normalized, rel_tol=1e-9)
                self.record(ok, AuditItem(
                    "figure_mismatch", text.doc_id,
                    f"“{text.indicator}”在正文和表格中各出现一次（{text.region}，{text.period}，{text.target_year}年）",
                    f"{table.value:g}{table.unit}（表格：{table.quote.split(chr(9))[0]}）",
                    f"{text.value:g}{text.unit}（正文）", text.quote))

    # --- units that do not exist --------------------------------------------------------------
    def unit_typos(self, doc: Document) -> None:
        typos, units_ok = find_unit_typos(doc.text)
        for typo in typos:
            start = doc.text.rfind("\n", 0, typo.start) + 1
            end = doc.text.find("\n", typo.end)
            line = doc.text[start:end if end >= 0 else None]
            sentence = next((s for s in re.split(r"(?<=[。;；])", line) if typo.number + typo.wrong in s), line)
            self.findings.append(AuditItem(
                "unit_typo", doc.meta.doc_id,
                f"“{typo.number}{typo.wrong}”的单位“{typo.wrong}”不存在，应为“{typo.right}”",
                typo.right, typo.wrong, sentence.strip()))
        self.passed.append(AuditItem("unit_typo", doc.meta.doc_id, f"{units_ok}处数字后的单位均为已知单位", "已知单位",
                                     f"{units_ok}处", ""))

    # --- dates against the document's period --------------------------------------------------
    def dates(self, doc: Document) -> None:
        meta = doc.meta
        if not (meta.period_start and meta.period_end) or meta.is_report:
            return  # no period, or a report looking back
        issued = dt.date.fromisoformat(meta.date) if meta.date else None
        for match in DEADLINE_RE.finditer(doc.text):
            if match.group(1):
                year, month = int(match.group(2)), 12
            else:
                year, month = int(match.group(5)), int(match.group(6))
            last_day = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
            start = doc.text.rfind("。", 0, match.start()) + 1
            end = doc.text.find("。", match.end())
            quote = doc.text[start:end + 1 if end >= 0 else None].strip().split("\n")[-1]
            period = f"{meta.period_start}—{meta.period_end}"
            if not meta.period_start <= year <= meta.period_end:
                self.record(False, AuditItem("date_out_of_period", meta.doc_id,
                                             f"期限“{match.group(0)}”在文件期限{period}之外", period, str(year), quote))
            elif issued and last_day < issued:
                self.record(False, AuditItem("date_out_of_period", meta.doc_id,
                                             f"期限“{match.group(0)}”早于发文日期{meta.date}", f"不早于{meta.date}",
                                             last_day.isoformat(), quote))
            else:
                self.record(True, AuditItem("date_out_of_period", meta.doc_id,
                                            f"期限“{match.group(0)}”在文件期限{period}之内", period, str(year), quote))


def audit(documents: list[Document], rows: list[TargetRow], gazetteer: Gazetteer | None = None) -> AuditReport:
    return Auditor(documents, rows, gazetteer or Gazetteer.load()).run()
