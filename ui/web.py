"""The web page (Gradio): 「政策问答」 chat and 「企业义务」 form. All document text is HTML-escaped."""

from __future__ import annotations

import datetime as dt
import html
import tempfile
from pathlib import Path

from retriever.answer import Answer
from rules.render import STATUS_LABEL, obligation_row, obligations_csv

EXAMPLES = [
    "嘉定区节能诊断方案每年不少于多少项？",
    "嘉定区年综合能耗5000吨标准煤以上的单位什么时候前要启动能源审计？",
    "上海市“十四五”要创建多少家绿色设计示范企业？",
    "我们是嘉定区年能耗6000吨标准煤的工业企业，需要做什么？",
]
CONTEXT_CHARS = 160
ENERGY_UNITS = ["吨标准煤", "万吨标准煤", "tce"]
SECTORS = ["", "工业", "通信", "数据中心", "建筑", "商业", "公共机构", "交通"]
TABLE_HEADERS = ["状态", "编号", "义务", "期限", "逾期", "强度", "牵头部门", "判定理由", "文号", "章节", "原文"]


def render_answer(answer: Answer, texts: dict[str, str]) -> str:
    """The answer as HTML: the figure first, then numbered citations that open onto their clause."""
    lines = [f"<p>{html.escape(line)}</p>" for line in answer.answer.split("\n") if line]
    for number, c in enumerate(answer.citations, 1):
        text = texts.get(c.doc_id, "")
        before = text[max(0, c.start - CONTEXT_CHARS):c.start]
        after = text[c.end:c.end + CONTEXT_CHARS]
        lines.append(
            "<details class='citation'>"
            f"<summary>[{number}] 《{html.escape(c.title)}》 {html.escape(c.doc_number)} · {html.escape(c.section)}</summary>"
            f"<blockquote>…{html.escape(before)}<mark>{html.escape(c.quote)}</mark>{html.escape(after)}…</blockquote>"
            "</details>"
        )
    return "\n".join(lines)


def evaluate_form(service, name, region, energy_value, energy_unit, sector, pue, diagnosis_plans, retrofit_share,
                  above_scale, as_of):
    """The 「企业义务」 tab: (summary markdown, table rows, CSV file path)."""
    reports = {}
    if diagnosis_plans not in (None, ""):
        reports["diagnosis_plans"] = float(diagnosis_plans)
    if retrofit_share not in (None, ""):
        reports["retrofit_share_pct"] = float(retrofit_share)
    if above_scale in ("是", "否"):
        reports["above_scale"] = above_scale == "是"
    try:
        date = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
        energy = f"{energy_value}{energy_unit}" if energy_value not in (None, "") else None
        result = service.evaluate(name=name or None, region=region or None, energy=energy, sector=sector or None,
                                  pue=float(pue) if pue not in (None, "") else None, reports=reports, as_of=date)
    except ValueError as exc:
        return f"**无法判定：** {html.escape(str(exc))}", [], None
    counts = {s: sum(1 for r in result["obligations"] if r["status"] == s) for s in STATUS_LABEL}
    e = result["enterprise"]
    summary = [f"**{html.escape(e['name'] or '（未填名称）')}** · {html.escape(e['region'] or '区域未填')} · "
               f"适用 {counts['applies']} 项，需补充信息 {counts['needs_info']} 项，不适用 {counts['not_applicable']} 项"]
    if e["tier"]:
        summary.append(f"名单档位：{html.escape(e['tier'])}")
    for c in result["checks"]:
        verdict = "✅ 符合" if c["result"] == "pass" else "❌ 不符合"
        summary.append(f"核对 `{c['obligation_id']}`：{c['field']} 报告 {c['reported']:g}，要求 {html.escape(str(c['required']))} → {verdict}")
    for note in result.get("notes", []):
        summary.append(f"注意：{html.escape(note)}")
    path = Path(tempfile.mkdtemp(prefix="policyqa-")) / "obligations.csv"
    path.write_text(obligations_csv(result), encoding="utf-8-sig")
    return "\n\n".join(summary), [obligation_row(r) for r in result["obligations"]], str(path)


COMPARE_HEADERS = ["区域", "数值", "单位", "期限", "目标年", "类型", "原文数值", "文号", "章节", "原文"]


def comparison_view(service, indicator: str, regions: list[str]):
    """The 「区域对比」 tab: (chart data, notes markdown, table rows, CSV file path)."""
    import pandas as pd

    from targets.render import KIND_LABEL

    result = service.compare(indicator, list(regions) or None)
    rows = result["rows"]
    # one bar per statement (never stacked: two figures of one region are not a sum)
    chart = pd.DataFrame(
        [{"条目": f"{r['region']} {r['target_year']}年{KIND_LABEL.get(r['kind'], r['kind'])} {r['original']}（{r['period']}）",
          "数值": r["value"], "类型": KIND_LABEL.get(r["kind"], r["kind"])}
         for r in rows if r["unit"] == result["unit"]],
        columns=["条目", "数值", "类型"],
    )
    notes = "\n".join(f"- {html.escape(n)}" for n in result["notes"]) or "- 各行口径一致。"
    table = [[r["region"], r["value"], r["unit"], r["period"], r["target_year"], KIND_LABEL.get(r["kind"], r["kind"]),
              r["original"], r["source"]["doc_number"], r["source"]["section"], r["source"]["quote"]] for r in rows]
    path = Path(tempfile.mkdtemp(prefix="policyqa-")) / "comparison.csv"
    pd.DataFrame(table, columns=COMPARE_HEADERS).to_csv(path, index=False, encoding="utf-8-sig")
    summary = f"**{html.escape(result['indicator'])}**（统一单位：{html.escape(result['unit'] or '—')}）\n\n{notes}"
    return chart, summary, table, str(path)


def build_page(assistant):
    import gradio as gr

    answerer = assistant.answerer
    service = assistant.obligations
    targets = assistant.targets

    def respond(message, history):
        return render_answer(assistant.ask(message), answerer.index.texts)

    with gr.Blocks(title="policyqa 政策问答") as page:
        gr.Markdown("## policyqa 政策问答\n回答先给出数字或期限，再给出出处（文件、文号、章节和原文）。")
        with gr.Tabs():
            with gr.Tab("政策问答"):
                gr.ChatInterface(fn=respond, examples=EXAMPLES, api_name="chat",
                                 chatbot=gr.Chatbot(height=480, sanitize_html=True))
            if service is not None:
                with gr.Tab("企业义务"):
                    with gr.Row():
                        name = gr.Dropdown(choices=service.enterprise_names(), allow_custom_value=True,
                                           label="企业名称（可从重点用能企业名单选择）", value=None)
                        region = gr.Textbox(label="所在区域", placeholder="如 嘉定区")
                        sector = gr.Dropdown(choices=SECTORS, label="行业", value="")
                    with gr.Row():
                        energy_value = gr.Number(label="年综合能耗", value=None)
                        energy_unit = gr.Dropdown(choices=ENERGY_UNITS, value="吨标准煤", label="单位")
                        pue = gr.Number(label="PUE（数据中心）", value=None)
                    with gr.Row():
                        diagnosis_plans = gr.Number(label="已提出诊断方案数（项）", value=None)
                        retrofit_share = gr.Number(label="当年改造完成比例（%）", value=None)
                        above_scale = gr.Radio(choices=["未知", "是", "否"], value="未知", label="规上企业")
                        as_of = gr.Textbox(label="判定日期", value=dt.date.today().isoformat())
                    run = gr.Button("判定义务", variant="primary")
                    summary = gr.Markdown()
                    table = gr.Dataframe(headers=TABLE_HEADERS, wrap=True, interactive=False)
                    download = gr.File(label="导出 CSV")
                    run.click(
                        lambda *args: evaluate_form(service, *args),
                        inputs=[name, region, energy_value, energy_unit, sector, pue, diagnosis_plans, retrofit_share,
                                above_scale, as_of],
                        outputs=[summary, table, download],
                        api_name="obligations",
                    )
            if targets is not None:
                with gr.Tab("区域对比"):
                    with gr.Row():
                        indicator = gr.Dropdown(choices=targets.indicators(), value="绿色工厂", label="指标")
                        regions = gr.Dropdown(choices=targets.regions(), value=["嘉定区", "嘉兴市", "上海市"],
                                              multiselect=True, label="区域")
                        go = gr.Button("对比", variant="primary")
                    chart = gr.BarPlot(x="条目", y="数值", color="类型", title="同一指标、统一单位（每条一柱，标明年份与期限）",
                                       height=380, sort=None, x_label_angle=-20)
                    notes = gr.Markdown()
                    compare_table = gr.Dataframe(headers=COMPARE_HEADERS, wrap=True, interactive=False)
                    compare_csv = gr.File(label="导出 CSV")
                    go.click(lambda i, r: comparison_view(targets, i, r), inputs=[indicator, regions],
                             outputs=[chart, notes, compare_table, compare_csv], api_name="compare")
    return page


def serve(assistant, host: str = "127.0.0.1", port: int = 7860):
    page = build_page(assistant)
    page.launch(server_name=host, server_port=port, show_error=True)
