"""Plain-text rendering of a comparison (the CLI and the chat share it)."""

from __future__ import annotations

from ingest.lexicon import words_meaning
from targets.model import Comparison

KIND_LABEL = {"target": "目标", "achieved": "完成值", "task": "上级下达任务", "baseline": "基数", "increment": "新增量"}


def comparison_text(result: Comparison) -> str:
    lines = [f"{result.indicator}（统一单位：{result.unit or '—'}）"]
    for r in result.rows:
        original = f"，原文{r.original}" if r.original != f"{r.value:g}{r.unit}" else ""
        strive = f"，{r.comparator}" if r.comparator in words_meaning("strive") else ""
        when = "，".join(p for p in (r.period, f"{r.target_year}年" if r.target_year else "") if p) or "期限未写明"
        table = f"，表中“{r.label}”" if r.label else ""
        lines.append(f"- {r.region or '地区未知'}：{r.value:g}{r.unit}（{KIND_LABEL.get(r.kind, r.kind)}，"
                     f"{when}{strive}{original}{table}；{r.source.doc_number or r.source.doc_id}）")
    for note in result.notes:
        lines.append(f"注：{note}")
    return "\n".join(lines)
