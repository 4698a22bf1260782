"""Plain-text and CSV renderings of an Assessment (shared by the CLI, the chat and the page)."""

from __future__ import annotations

import csv
import io

from rules.assessment import Assessment, Check, ObligationResult
from rules.model import RECURRENCE_LABELS, STRENGTH_LABELS

STATUS_LABEL = {"applies": "适用", "needs_info": "需补充信息", "not_applicable": "不适用"}
CSV_COLUMNS = ["status", "id", "action", "deadline", "overdue", "strength", "lead_department", "reason",
               "doc_number", "section", "quote"]


def when(row: ObligationResult) -> str:
    """The duty's own time: its date, how often, the relative time the document prints, or a plain
    statement that the document sets none (never the document's own date)."""
    if row.deadline:
        return RECURRENCE_LABELS.get(row.deadline, row.deadline) + (f"，{row.deadline_text}" if row.deadline_text else "")
    return row.deadline_text or "文件未写明期限"


def obligations_text(result: Assessment, include_not_applicable: bool = False) -> str:
    e = result.enterprise
    head = "、".join(str(x) for x in (e.name, e.region, e.sector) if x)
    energy = f"，年综合能耗{e.annual_energy_tce:g}吨标准煤" if e.annual_energy_tce is not None else ""
    emissions = f"，年排放{e.emissions_tco2e:g}吨二氧化碳当量" if e.emissions_tco2e is not None else ""
    status = "".join(f"，{label}" for flag, label in ((e.key_emitter, "重点排放单位"), (e.applicant, "申报单位")) if flag)
    lines = [f"企业：{head or '（未提供）'}{energy}{emissions}{status}{'，名单档位：' + e.tier if e.tier else ''}"]
    for status in ("applies", "needs_info", "not_applicable"):
        rows = [r for r in result.obligations if r.status == status]
        if not rows or (status == "not_applicable" and not include_not_applicable):
            continue
        lines.append(f"\n{STATUS_LABEL[status]}（{len(rows)}项）")
        for r in rows:
            overdue = "，已逾期" if r.overdue else ""
            lead = f"，牵头部门：{r.lead_department}" if r.lead_department else ""
            unreviewed = "【未审核】" if not r.reviewed else ""
            lines.append(f"- {unreviewed}[{STRENGTH_LABELS[r.strength]}] {r.action}（期限：{when(r)}{overdue}{lead}）")
            lines.append(f"  依据：{r.source.doc_number} {r.source.section}：“{r.source.quote}”")
            if status != "applies":
                lines.append(f"  说明：{r.reason}")
    claimable = [r for r in result.entitlements or () if r.status != "not_applicable"]
    if claimable:
        lines.append(f"\n可申请的支持（{len(claimable)}项）")
    for r in claimable:
        unreviewed = "【未审核】" if not r.reviewed else ""
        amount = f"{r.amount_wan_yuan:g}万元（{r.calculation}）" if r.amount_wan_yuan is not None else r.calculation
        lead = f"，部门：{r.lead_department}" if r.lead_department else ""
        lines.append(f"- {unreviewed}{r.purpose}：{amount}{lead}")
        lines.append(f"  依据：{r.source.doc_number} {r.source.section}：“{r.source.quote}”")
        if r.status != "applies":
            lines.append(f"  说明：{r.reason}")
    for c in result.checks:
        lines.append("\n" + check_sentence(c))
    for note in result.notes:
        lines.append(f"\n注意：{note}")
    return "\n".join(lines)


def check_sentence(check: Check) -> str:
    verdict = "符合" if check.passed else "不符合"
    return (f"核对 {check.obligation_id}：{check.field} 报告值 {check.reported:g}，"
            f"要求 {check.required} → {verdict}")


def obligation_row(r: ObligationResult) -> list[str]:
    """One obligation as a table row, in CSV_COLUMNS order (the page and the CSV export share it)."""
    status = STATUS_LABEL[r.status] + ("（未审核）" if not r.reviewed else "")
    return [status, r.id, r.action, when(r), "是" if r.overdue else "",
            STRENGTH_LABELS[r.strength], r.lead_department or "", r.reason,
            r.source.doc_number, r.source.section, r.source.quote]


def obligations_csv(result: Assessment) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(obligation_row(r) for r in result.obligations)
    return out.getvalue()
