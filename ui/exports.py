"""Excel (.xlsx) and calendar (.ics) files of what the commands and the page show: tasks, targets,
comparisons, obligations and entitlements, audit findings and documents.

Each sheet has Chinese headers, its header row frozen, filters on, and the quote in its own (last)
column, wrapped, so that WPS or Excel opens it ready to sort and filter. Files are written here, at
the edge; the services below hand over plain dataclasses.
"""

from __future__ import annotations

import datetime as dt
import io

from rules.task_tracker import STATUS_LABELS

TASK_COLUMNS = ("编号", "任务", "牵头单位", "配合单位", "期限", "期限原文", "期限为默认", "状态", "地区", "文件", "文号", "章节", "原文")
TARGET_COLUMNS = ("指标", "地区", "数值", "单位", "统一单位数值", "统一单位", "比较词", "类型", "期限", "目标年", "基期年",
                  "文件编号", "文号", "章节", "原文")
COMPARISON_COLUMNS = ("地区", "数值", "单位", "期限", "类型", "比较词", "目标年", "原文数值", "文号", "章节", "原文")
OBLIGATION_COLUMNS = ("状态", "编号", "义务", "期限", "逾期", "强度", "牵头部门", "判定理由", "文号", "章节", "原文")
ENTITLEMENT_COLUMNS = ("状态", "编号", "支持事项", "可得金额（万元）", "计算", "申报时间", "牵头部门", "判定理由", "文号", "章节", "原文")
AUDIT_COLUMNS = ("结果", "类型", "文件编号", "说明", "应为", "实为", "原文")
DOCUMENT_COLUMNS = ("编号", "标题", "发文机关", "文号", "日期", "地区", "片段数", "加入时间", "文件名")
WIDE, NARROW = 60, 14


def workbook(sheets: list[tuple[str, tuple[str, ...], list[list]]]) -> bytes:
    """An .xlsx file of (title, headers, rows) sheets."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append(list(headers))
        for row in rows:
            sheet.append(["" if value is None else value for value in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for i, header in enumerate(headers, 1):
            sheet.column_dimensions[get_column_letter(i)].width = WIDE if header == "原文" else NARROW
        if headers[-1] == "原文":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=len(headers), max_col=len(headers)):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def task_rows(tasks, as_of: dt.date) -> list[list]:
    return [[t.id, t.task, "、".join(t.lead), "、".join(t.support), t.deadline or "", t.deadline_text,
             "是" if t.deadline_default else "否", STATUS_LABELS[t.status(as_of)], t.region, t.title,
             t.source.doc_number, t.source.section, t.source.quote] for t in tasks]


def tasks_xlsx(tasks, as_of: dt.date) -> bytes:
    return workbook([("任务分工", TASK_COLUMNS, task_rows(tasks, as_of))])


def tasks_ics(tasks, made_at: dt.datetime | None = None) -> bytes:
    """One all-day event per dated task, on its deadline, the quote in the description."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//policyqa//任务分工//ZH")
    calendar.add("version", "2.0")
    stamp = made_at or dt.datetime.now(dt.timezone.utc)
    for task in tasks:
        if task.deadline in (None, "ongoing"):
            continue
        event = Event()
        event.add("uid", f"{task.id}@policyqa")
        event.add("summary", f"{task.task}（牵头：{'、'.join(task.lead) or '未写明'}）")
        event.add("dtstart", dt.date.fromisoformat(task.deadline))
        event.add("dtstamp", stamp)
        default = "（文件未写期限，按规划期末）" if task.deadline_default else ""
        event.add("description", f"{task.title} {task.source.doc_number} {task.source.section}\n"
                                 f"期限：{task.deadline_text or task.deadline}{default}\n原文：{task.source.quote}")
        calendar.add_component(event)
    return calendar.to_ical()


def targets_xlsx(rows) -> bytes:
    return workbook([("指标", TARGET_COLUMNS, [
        [r.indicator, r.region, r.value, r.unit, r.value_normalized, r.unit_normalized, r.comparator, r.kind, r.period,
         r.target_year, r.baseline_year, r.doc_id, r.doc_number, r.section, r.quote] for r in rows])])


def comparison_xlsx(result) -> bytes:
    rows = [[r.region, r.value, r.unit, r.period, r.kind, r.comparator, r.target_year, r.original,
             r.source.doc_number, r.source.section, r.source.quote] for r in result.rows]
    notes = [[note] for note in result.notes]
    return workbook([(f"{result.indicator}"[:31] or "对比", COMPARISON_COLUMNS, rows), ("说明", ("说明",), notes)])


def obligations_xlsx(result) -> bytes:
    from rules.render import obligation_row

    sheets = [("义务", OBLIGATION_COLUMNS, [obligation_row(r) for r in result.obligations])]
    if result.entitlements is not None:
        sheets.append(("可申请的支持", ENTITLEMENT_COLUMNS, [
            [e.status, e.id, e.purpose, e.amount_wan_yuan, e.calculation, e.window, e.lead_department, e.reason,
             e.source.doc_number, e.source.section, e.source.quote] for e in result.entitlements]))
    return workbook(sheets)


def audit_xlsx(report) -> bytes:
    rows = [["问题", f.kind, f.doc_id, f.detail, f.expected, f.found, f.quote] for f in report.findings]
    rows += [["通过", p.kind, p.doc_id, p.detail, p.expected, p.found, p.quote] for p in report.passed]
    return workbook([("自查", AUDIT_COLUMNS, rows)])


def document_rows(index) -> list[dict]:
    """What ``policyqa documents --json`` and GET /v1/documents give: each document's metadata, its
    number of chunks and when it was added."""
    return [{**meta.to_dict(), "chunks": len(index.rows_of(doc_id)), "added_at": index.added_at[doc_id]}
            for doc_id, meta in sorted(index.documents.items())]


def documents_xlsx(rows: list[dict]) -> bytes:
    keys = ("doc_id", "title", "issuer", "doc_number", "date", "region", "chunks", "added_at", "source")
    return workbook([("文件库", DOCUMENT_COLUMNS, [[row[k] for k in keys] for row in rows])])
