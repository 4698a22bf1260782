"""The web page (Gradio): 「政策问答」 chat, 「企业义务」 form, 「区域对比」, 「任务分工」 and 「文件库」. All document
text is HTML-escaped."""

from __future__ import annotations

import datetime as dt
import html
import os
import tempfile
from pathlib import Path

from ingest.lexicon import sector_names, units_of_kind
from retriever.answer.answerer import Answer
from rules.render import STATUS_LABEL, check_sentence, obligation_row, obligations_csv
from rules.review_table import COLUMNS as REVIEW_COLUMNS
from rules.task_tracker import ROLE_LABELS
from ui.exports import comparison_xlsx, document_rows, documents_xlsx, obligations_xlsx
from ui.scratch import ExportFolder, process_folder, remove_dead_leftovers

EXAMPLES = [
    "嘉定区节能诊断方案每年不少于多少项？",
    "嘉定区年综合能耗5000吨标准煤以上的单位什么时候前要启动能源审计？",
    "上海市“十四五”要创建多少家绿色设计示范企业？",
    "我们是嘉定区年能耗6000吨标准煤的工业企业，需要做什么？",
]
CONTEXT_CHARS = 160
ENERGY_UNITS = list(units_of_kind("energy"))
SECTORS = ["", *sector_names()]
TABLE_HEADERS = ["状态", "编号", "义务", "期限", "逾期", "强度", "牵头部门", "判定理由", "文号", "章节", "原文"]


def render_answer(answer: Answer, texts: dict[str, str], documents: dict | None = None, open_first: bool = False) -> str:
    """The answer as HTML: the figure first, then numbered citations that open onto their clause.

    A citation opens to the surrounding paragraph with the quoted part highlighted, under the
    document's title, 文号, date and section. Every piece of text is escaped.
    """
    lines = [f"<p>{html.escape(line)}</p>" for line in answer.answer.split("\n") if line]
    for number, c in enumerate(answer.citations, 1):
        text = texts.get(c.doc_id, "")
        before = text[max(0, c.start - CONTEXT_CHARS):c.start]
        after = text[c.end:c.end + CONTEXT_CHARS]
        meta = (documents or {}).get(c.doc_id)
        date = f" · {html.escape(meta.date)}" if meta is not None and meta.date else ""
        opened = " open" if open_first and number == 1 else ""
        lines.append(
            f"<details class='citation'{opened}>"
            f"<summary>[{number}] 《{html.escape(c.title)}》 {html.escape(c.doc_number)}{date} · {html.escape(c.section)}{c.mark}</summary>"
            + (f"<p class='table-header'>表头：{html.escape(c.header)}</p>" if c.header else "")
            + f"<blockquote>…{html.escape(before)}<mark>{html.escape(c.quote)}</mark>{html.escape(after)}…</blockquote>"
            "</details>"
        )
    return "\n".join(lines)


def evaluate_form(service, exports: ExportFolder, name, region, energy_value, energy_unit, sector, pue, diagnosis_plans,
                  retrofit_share, above_scale, as_of, investment=None, emissions=None, key_emitter="未知", applicant="未知"):
    """The 「企业义务」 tab: (summary markdown, table rows, CSV file path, Excel file path)."""
    reports = {}
    if investment not in (None, ""):
        reports["investment_wan_yuan"] = float(investment)
    if diagnosis_plans not in (None, ""):
        reports["diagnosis_plans"] = float(diagnosis_plans)
    if retrofit_share not in (None, ""):
        reports["retrofit_share_pct"] = float(retrofit_share)
    if above_scale in ("是", "否"):
        reports["above_scale"] = above_scale == "是"
    try:
        date = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
        energy = f"{energy_value}{energy_unit}" if energy_value not in (None, "") else None
        said = {"是": True, "否": False}
        result = service.evaluate(name=name or None, region=region or None, energy=energy, sector=sector or None,
                                  pue=float(pue) if pue not in (None, "") else None, reports=reports, as_of=date,
                                  emissions=(emissions or "").strip() or None, key_emitter=said.get(key_emitter),
                                  applicant=said.get(applicant))
    except ValueError as exc:
        return f"**无法判定：** {html.escape(str(exc))}", [], None, None
    counts = {s: sum(1 for r in result.obligations if r.status == s) for s in STATUS_LABEL}
    e = result.enterprise
    summary = [f"**{html.escape(e.name or '（未填名称）')}** · {html.escape(e.region or '区域未填')} · "
               f"适用 {counts['applies']} 项，需补充信息 {counts['needs_info']} 项，不适用 {counts['not_applicable']} 项"]
    if e.tier:
        summary.append(f"名单档位：{html.escape(e.tier)}")
    for c in result.checks:
        summary.append(("✅ " if c.passed else "❌ ") + html.escape(check_sentence(c)))
    for note in result.notes:
        summary.append(f"注意：{html.escape(note)}")
    for r in result.entitlements or ():
        if r.status == "not_applicable":
            continue
        amount = f"{r.amount_wan_yuan:g}万元（{r.calculation}）" if r.amount_wan_yuan is not None else r.calculation
        mark = "【未审核】" if not r.reviewed else ""
        summary.append(f"💰 {mark}可申请：{html.escape(r.purpose)} — {html.escape(amount)} · "
                       f"{html.escape(r.source.doc_number)} {html.escape(r.source.section)}："
                       f"“{html.escape(r.source.quote)}”")
    path = exports.new() / "obligations.csv"
    path.write_text(obligations_csv(result), encoding="utf-8-sig")
    (path.parent / "obligations.xlsx").write_bytes(obligations_xlsx(result))
    return "\n\n".join(summary), [obligation_row(r) for r in result.obligations], str(path), str(path.parent / "obligations.xlsx")


COMPARE_HEADERS = ["区域", "数值", "单位", "期限", "目标年", "类型", "原文数值", "文号", "章节", "原文"]


def comparison_view(service, exports: ExportFolder, indicator: str, regions: list[str]):
    """The 「区域对比」 tab: (chart data, notes markdown, table rows, CSV file path, Excel file path)."""
    import pandas as pd

    from targets.render import KIND_LABEL

    result = service.compare(indicator, list(regions) or None)
    rows = result.rows
    # one bar per statement (never stacked: two figures of one region are not a sum)
    chart = pd.DataFrame(
        [{"条目": f"{r.region} {r.target_year}年{KIND_LABEL.get(r.kind, r.kind)} {r.original}（{r.period}）",
          "数值": r.value, "类型": KIND_LABEL.get(r.kind, r.kind)}
         for r in rows if r.unit == result.unit],
        columns=["条目", "数值", "类型"],
    )
    notes = "\n".join(f"- {html.escape(n)}" for n in result.notes) or "- 各行口径一致。"
    table = [[r.region, r.value, r.unit, r.period, r.target_year, KIND_LABEL.get(r.kind, r.kind),
              r.original, r.source.doc_number, r.source.section, r.source.quote] for r in rows]
    path = exports.new() / "comparison.csv"
    pd.DataFrame(table, columns=COMPARE_HEADERS).to_csv(path, index=False, encoding="utf-8-sig")
    (path.parent / "comparison.xlsx").write_bytes(comparison_xlsx(result))
    summary = f"**{html.escape(result.indicator)}**（统一单位：{html.escape(result.unit or '—')}）\n\n{notes}"
    return chart, summary, table, str(path), str(path.parent / "comparison.xlsx")


TASK_HEADERS = ["状态", "期限", "任务", "角色", "牵头单位", "配合单位", "期限原文", "文件", "文号", "章节", "原文"]
ROLES = {"牵头或配合": None, **{label: role for role, label in ROLE_LABELS.items()}}


def tasks_view(tracker, exports: ExportFolder, department: str, role: str, as_of: str, overdue_only: bool):
    """The 「任务分工」 tab: (summary markdown, table rows soonest due first, Excel path, calendar path)."""
    from rules.task_tracker import STATUS_LABELS, TaskFilter
    from ui.exports import tasks_ics, tasks_xlsx

    try:
        day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        return f"**日期格式不对：** {html.escape(as_of)}（应为 YYYY-MM-DD）", [], None, None
    wanted = TaskFilter(department=department or None, overdue=overdue_only, role=ROLES.get(role))
    tasks = tracker.select(wanted, day)
    rows = []
    for t in tasks:
        status = STATUS_LABELS[t.status(day)]
        rows.append([("⚠ " if status == STATUS_LABELS["overdue"] else "") + status,
                     (t.deadline or "无期限") + ("（默认）" if t.deadline_default else ""), t.task,
                     ROLE_LABELS.get(t.names(department) or "", "") if department else "",
                     "、".join(t.lead), "、".join(t.support), t.deadline_text, t.title, t.source.doc_number,
                     t.source.section, t.source.quote])
    overdue = sum(1 for t in tasks if t.status(day) == "overdue")
    who = html.escape(department) if department else "全部单位"
    summary = f"**{who}** · {len(tasks)} 项任务，其中已逾期 {overdue} 项（判定日期 {day.isoformat()}）"
    folder = exports.new()
    (folder / "tasks.xlsx").write_bytes(tasks_xlsx(tasks, day))
    (folder / "tasks.ics").write_bytes(tasks_ics(tasks))
    return summary, rows, str(folder / "tasks.xlsx"), str(folder / "tasks.ics")


def documents_file(live, exports: ExportFolder) -> str:
    """The 文件库 list as an Excel file (the same rows as `policyqa documents --json`)."""
    path = exports.new() / "documents.xlsx"
    path.write_bytes(documents_xlsx(document_rows(live.current.answerer.index)))
    return str(path)


def user_messages(history) -> list[str]:
    """The user's earlier messages from Gradio's chat history (messages or pairs format)."""
    from ui.conversation import message_text

    out = []
    for item in history or []:
        if isinstance(item, dict):
            if item.get("role") == "user":
                text = message_text(item.get("content"))
                if text:
                    out.append(text)
        elif isinstance(item, (list, tuple)) and item and isinstance(item[0], str):
            out.append(item[0])
    return out


def chat_reply(live, message: str, history, region: str | None = None, doc_id: str | None = None) -> str:
    """One chat turn: resolve a follow-up against the conversation, answer, render with sources."""
    from ui.conversation import conversation_turn

    answerer = live.current.answerer
    answer, resolution = conversation_turn(live.current, message, user_messages(history), region, doc_id)
    if resolution.kind == "source":
        if not answer.citations:
            return f"<p>{html.escape(answer.answer)}</p>"
        answer.answer += "，点击可查看原文上下文。"
        return render_answer(answer, answerer.index.texts, answerer.index.documents, open_first=True)
    html_answer = render_answer(answer, answerer.index.texts, answerer.index.documents)
    if resolution.rewritten:
        html_answer = f"<p class='rewritten'>（理解为：{html.escape(resolution.text)}）</p>\n" + html_answer
    return html_answer


def upload_results(live, files, progress, replace: str | None = None) -> list[list[str]]:
    """Index the files Gradio received into its upload folder (moved from there into the library; a
    path anywhere else is refused, whoever names it), then delete what is left of Gradio's copies."""
    from gradio.utils import get_upload_folder

    from ui.guard import disk_full, path_inside

    folder = os.path.realpath(get_upload_folder())
    uploads, outside = [], []
    for item in files or []:
        path = getattr(item, "name", None) or (item.get("path") if isinstance(item, dict) else item)
        original = getattr(item, "orig_name", None) or (item.get("orig_name") if isinstance(item, dict) else None)
        shown = original or Path(str(path)).name
        if path_inside(str(path), folder):
            uploads.append((str(path), shown))
        else:
            outside.append([shown, "拒绝", "不是通过本页上传的文件"])
    done = {"chunks": 0}

    def tick(n: int):
        done["chunks"] += n
        progress(min(0.1 + done["chunks"] / 400, 0.95), desc=f"已向量化 {done['chunks']} 个文本块")

    def page(name: str, number: int, pages: int):
        progress(0.05 + 0.05 * number / pages, desc=f"OCR识别 {name}：扫描页 {number}/{pages}")

    progress(0.05, desc="检查文件")
    try:
        results = live.add(uploads, progress=tick, replace=replace or None, on_page=page, owned=True)
    except OSError as exc:
        if not disk_full(exc):
            raise
        return [[name, "拒绝", "磁盘已满，未做任何改动（已索引的文件不受影响）"] for _, name in uploads] + outside
    finally:
        remove_temporary_copies([path for path, _ in uploads])
    progress(1.0, desc="完成")
    return [[r.name, r.status, r.detail] for r in results] + outside


def remove_temporary_copies(paths: list[str]) -> None:
    """Delete files Gradio saved for one request, and their per-file folders, inside its upload folder only."""
    from gradio.utils import get_upload_folder

    root = Path(get_upload_folder()).resolve()
    for path in map(Path, paths):
        path = path.resolve()
        if root not in path.parents:
            continue
        path.unlink(missing_ok=True)
        folder = path.parent
        while folder != root and root in folder.parents and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def filter_choices(live) -> tuple[list[str], list[tuple[str, str]]]:
    """The 只看区域 and 只看文件 choices of the documents indexed now."""
    documents = live.current.answerer.index.documents
    regions = [""] + sorted({r for m in documents.values() for r in m.regions})
    docs = [("", "")] + [(f"{m.doc_number} {m.title}".strip(), d) for d, m in sorted(documents.items())]
    return regions, docs


DOCUMENT_HEADERS = ["标题", "发文机关", "文号", "日期", "区域", "文本块", "加入时间", "文档编号"]


def correction_fields(title: str, region: str, doc_number: str, date: str) -> dict[str, str | None]:
    """Form values as corrections: an empty box leaves a field alone, "-" restores the extracted value."""
    def value(text: str) -> str | None:
        text = (text or "").strip()
        return None if not text else ("" if text == "-" else text)

    return {"title": value(title), "region": value(region), "doc_number": value(doc_number), "date": value(date)}


def build_page(live, exports: ExportFolder):
    """The page: five tabs over ``live``, which holds the current assistant (policyqa.library.LiveAssistant),
    writing its downloads into ``exports``.

    The page is built once: documents added or removed since then reach every new session on load."""
    import gradio as gr

    first = live.current
    # Gradio's copies of uploads and downloads are needed for minutes: every 10 minutes those older than
    # an hour go (a file picked and never indexed, a download never fetched), and all go at shutdown
    with gr.Blocks(title="policyqa 政策问答", delete_cache=(600, 3600)) as page:
        gr.Markdown("## policyqa 政策问答\n回答先给出数字或期限，再给出出处（文件、文号、章节和原文）；点击出处可看原文上下文。")
        with gr.Tabs():
            region, doc = _chat_tab(gr, live)
            if first.obligations is not None:
                _obligations_tab(gr, live, first.obligations, exports)
            if first.targets is not None:
                _comparison_tab(gr, live, first.targets, exports)
            if first.tasks is not None:
                _tasks_tab(gr, live, first.tasks, exports)
            lists = _library_tab(gr, live, region, doc, exports)
        page.load(lambda: _library_views(gr, live), outputs=lists, api_name=False)
    return page


def _library_views(gr, live, reset_filters: bool = False):
    """Everything that lists documents, as they are now: the table and the three choosers.

    Gradio checks a chooser's value against its choices, so a removed document must not stay chosen."""
    regions, docs = filter_choices(live)
    keep = {} if not reset_filters else {"value": ""}
    return (live.documents(), gr.update(choices=regions, **keep), gr.update(choices=docs, **keep),
            gr.update(choices=docs, value=""))


def _chat_tab(gr, live):
    """「政策问答」: the chat, with its region and document filters (returned: the library keeps them current)."""
    region_choices, doc_choices = filter_choices(live)

    def respond(message, history, region, doc_id):
        return chat_reply(live, message, history, region or None, doc_id or None)

    with gr.Tab("政策问答"):
        with gr.Row():
            region = gr.Dropdown(choices=region_choices, value="", label="只看区域", scale=1)
            doc = gr.Dropdown(choices=doc_choices, value="", label="只看文件", scale=3)
        gr.ChatInterface(fn=respond, examples=[[e, "", ""] for e in EXAMPLES], api_name="chat",
                         additional_inputs=[region, doc],
                         chatbot=gr.Chatbot(height=520, sanitize_html=True, label="对话"),
                         textbox=gr.Textbox(placeholder="输入问题，例如：嘉定区节能诊断方案每年不少于多少项？可追问“那嘉兴市呢？”“出处是哪一段？”",
                                            label="问题", elem_id="chat-input"))
    return region, doc


def _obligations_tab(gr, live, service, exports: ExportFolder):
    """「企业义务」: an enterprise's obligations and the support it can claim, with the CSV."""
    with gr.Tab("企业义务"):
        with gr.Row():
            name = gr.Dropdown(choices=service.enterprise_names(), allow_custom_value=True,
                               label="企业名称（可从重点用能企业名单选择）", value=None)
            region_in = gr.Textbox(label="所在区域", placeholder="如 嘉定区")
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
        with gr.Row():
            emissions = gr.Textbox(label="年排放（如 2.6万吨二氧化碳）", placeholder="吨二氧化碳当量")
            key_emitter = gr.Radio(choices=["未知", "是", "否"], value="未知", label="重点排放单位（纳入配额管理）")
            applicant = gr.Radio(choices=["未知", "是", "否"], value="未知", label="申报支持的单位")
        with gr.Row():
            investment = gr.Number(label="项目投资额（万元，计算可申请的支持）", value=None)
            drafts = gr.Checkbox(label="含未审核（起草的规则，标“未审核”）", value=False, elem_id="include-drafts")
        run = gr.Button("判定义务", variant="primary")
        summary = gr.Markdown()
        table = gr.Dataframe(headers=TABLE_HEADERS, wrap=True, interactive=False)
        with gr.Row():
            download = gr.File(label="导出 CSV", interactive=False)
            download_xlsx = gr.File(label="导出 Excel", interactive=False)
        run.click(
            lambda *args: evaluate_form(
                live.current.obligations_with_drafts if args[-1] else live.current.obligations, exports, *args[:-1]),
            inputs=[name, region_in, energy_value, energy_unit, sector, pue, diagnosis_plans,
                    retrofit_share, above_scale, as_of, investment, emissions, key_emitter, applicant, drafts],
            outputs=[summary, table, download, download_xlsx],
            api_name="obligations",
        )


def _comparison_tab(gr, live, targets, exports: ExportFolder):
    """「区域对比」: one indicator across regions in one unit."""
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
        with gr.Row():
            compare_csv = gr.File(label="导出 CSV", interactive=False)
            compare_xlsx = gr.File(label="导出 Excel", interactive=False)
        go.click(lambda i, r: comparison_view(live.current.targets, exports, i, r), inputs=[indicator, regions],
                 outputs=[chart, notes, compare_table, compare_csv, compare_xlsx], api_name="compare")


def _tasks_tab(gr, live, tracker, exports: ExportFolder):
    """「任务分工」: every task a department leads or supports, overdue ones marked, with Excel and calendar."""
    with gr.Tab("任务分工"):
        with gr.Row():
            department = gr.Dropdown(choices=["", *tracker.departments()], value="", allow_custom_value=True,
                                     label="单位（来自文件的任务分工）", elem_id="task-department", scale=3)
            role = gr.Radio(choices=list(ROLES), value="牵头或配合", label="角色", scale=2)
            as_of = gr.Textbox(label="判定日期", value=dt.date.today().isoformat(), scale=1, elem_id="task-as-of")
            overdue = gr.Checkbox(label="只看已逾期", value=False, scale=1)
        go = gr.Button("查看任务", variant="primary", elem_id="task-go")
        summary = gr.Markdown(elem_id="task-summary")
        table = gr.Dataframe(headers=TASK_HEADERS, wrap=True, interactive=False, elem_id="task-table")
        with gr.Row():
            xlsx = gr.File(label="导出 Excel", interactive=False, elem_id="task-xlsx")
            ics = gr.File(label="导出日历（.ics）", interactive=False, elem_id="task-ics")
        go.click(lambda d, r, a, o: tasks_view(live.current.tasks, exports, d, r, a, o), inputs=[department, role, as_of, overdue],
                 outputs=[summary, table, xlsx, ics], api_name="tasks")


def _library_tab(gr, live, region, doc, exports: ExportFolder):
    """「文件库」: upload, remove, correct metadata, draft and review rules. Returns the components that
    list documents, refreshed after every change."""
    _, doc_choices = filter_choices(live)
    with gr.Tab("文件库"):
        library = gr.Dataframe(value=live.documents(), headers=DOCUMENT_HEADERS, wrap=True, interactive=False,
                               label="已索引的文件")
        with gr.Row():
            export = gr.Button("导出文件清单（Excel）", scale=1)
            exported = gr.File(label="文件清单", interactive=False, scale=3)
        export.click(lambda: documents_file(live, exports), outputs=[exported], api_name="documents_xlsx")
        files = gr.File(file_count="multiple", file_types=[".pdf", ".txt", ".docx", ".doc", ".html", ".htm", ".xlsx", ".xls"],
                        elem_id="upload-files",
                        label=f"上传 PDF（含扫描件，自动OCR识别） / TXT / Word（DOC/DOCX） / 网页 / Excel（可多选，单个不超过 {live.settings.max_upload_mb} MB）")
        with gr.Row():
            replace = gr.Dropdown(choices=doc_choices, value="", scale=3, elem_id="upload-replace",
                                  label="更新：用上传的文件替换这个文档（只上传一个文件；不选则作为新文档加入，同名不会覆盖）")
            add = gr.Button("上传并索引", variant="primary", scale=1)
        results = gr.Dataframe(headers=["文件", "结果", "说明"], interactive=False, label="本次上传结果",
                               elem_id="upload-results")
        lists = [library, region, doc, replace]
        add.click(lambda f, r, progress=gr.Progress(): (upload_results(live, f, progress, r), *_library_views(gr, live)),
                  inputs=[files, replace], outputs=[results, *lists], api_name="upload")
        with gr.Row():
            remove_id = gr.Textbox(label="要删除的文档编号（见上表最后一列）")
            remove = gr.Button("删除文档", variant="stop")
        removed = gr.Markdown()
        remove.click(lambda d: (live.remove(d.strip()), *_library_views(gr, live, reset_filters=True)), inputs=[remove_id],
                     outputs=[removed, *lists], api_name="remove")
        gr.Markdown("**更正元数据**：自动识别的标题、地区、文号或日期有误时在此更正（留空的项不变，"
                    "填入“-”恢复自动识别的值）；更正在重新索引后仍然有效。")
        with gr.Row():
            fix_id = gr.Textbox(label="文档编号", elem_id="fix-id")
            fix_title = gr.Textbox(label="标题", elem_id="fix-title")
            fix_region = gr.Textbox(label="地区", elem_id="fix-region")
            fix_number = gr.Textbox(label="文号", elem_id="fix-number")
            fix_date = gr.Textbox(label="日期（YYYY-MM-DD）", elem_id="fix-date")
        fix = gr.Button("保存更正")
        fixed = gr.Markdown(elem_id="fix-result")
        fix.click(lambda d, t, r, n, dt: (live.correct(d.strip(), **correction_fields(t, r, n, dt)), *_library_views(gr, live)),
                  inputs=[fix_id, fix_title, fix_region, fix_number, fix_date], outputs=[fixed, *lists],
                  api_name="correct")
        gr.Markdown("**起草与审核规则**：为一个文档起草义务和可申请的支持（未审核）。在表中逐条改正字段"
                    "（强度写必须/力争/鼓励，门槛写 ≥5000、<1000 或 5000-10000），把“审核”改为接受或拒绝，"
                    "再保存审核。接受的规则此后总是适用；待定的留作草稿。")
        with gr.Row():
            rules_doc = gr.Textbox(label="文档编号", elem_id="rules-doc")
            draft_button = gr.Button("起草")
            review_button = gr.Button("保存审核")
        rules_message = gr.Markdown(elem_id="rules-result")
        rules_table = gr.Dataframe(headers=REVIEW_COLUMNS, column_count=len(REVIEW_COLUMNS), column_limits=(len(REVIEW_COLUMNS), len(REVIEW_COLUMNS)), interactive=True,
                                   wrap=True, elem_id="rules-table", label="起草的规则")

        def drafted(doc_id):
            message = live.draft_rules(doc_id.strip())
            return message, live.draft_rows(doc_id.strip())

        def reviewed(doc_id, table):
            rows = table.values.tolist() if hasattr(table, "values") else (table or [])
            message = live.review_rules(doc_id.strip(), [row for row in rows if any(row)])
            return message, live.draft_rows(doc_id.strip())

        draft_button.click(drafted, inputs=[rules_doc], outputs=[rules_message, rules_table],
                           api_name="draft_rules")
        review_button.click(reviewed, inputs=[rules_doc, rules_table], outputs=[rules_message, rules_table],
                            api_name="review_rules")
    return lists


class RunningServer:
    """The page and the API serving in a thread (tests, the load script); ``close`` stops them."""

    def __init__(self, server, thread):
        self.server, self.thread = server, thread

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


PAGE_FOLDER = "policyqa-page-"


def use_page_folder() -> Path | None:
    """Give this process a Gradio folder of its own (uploads and the cache of downloads), unless
    GRADIO_TEMP_DIR names one (then None): Gradio's shared default keeps every app's files, and a killed
    server's uploads would stay there for good. Folders of servers no longer running are removed. Called
    once, at the start of `policyqa serve`, before Gradio builds anything (it reads the variable then);
    the caller removes the folder when the server stops."""
    if os.environ.get("GRADIO_TEMP_DIR"):
        return None
    parent = Path(tempfile.gettempdir())
    remove_dead_leftovers(parent, PAGE_FOLDER)
    folder = process_folder(parent, PAGE_FOLDER)
    os.environ["GRADIO_TEMP_DIR"] = str(folder)
    return folder


def build_app(live, credentials: list[tuple[str, str]] | None = None, exports: ExportFolder | None = None,
              on_stop=None):
    """One ASGI app: the HTTP API (/v1/..., /openapi.json, /docs) and the page mounted at /, behind
    the guard (ui/guard.py) that admits every request. ``on_stop()`` runs when the app shuts down."""
    import gradio as gr
    from gradio.utils import get_upload_folder

    from ui.api import create_api
    from ui.guard import RequestGuard, allow_trusted_origins, guard_settings

    settings = live.settings
    exports = exports or ExportFolder()
    page = build_page(live, exports)
    page.queue(default_concurrency_limit=settings.concurrency)
    api = create_api(live)
    # A CORS policy of our own: with it, Gradio adds none (its own lets any localhost origin read with
    # the user's cookies, and any origin at all when the server is reached by another name than localhost)
    allow_trusted_origins(api, settings)
    upload_folder = Path(get_upload_folder())
    kept = (upload_folder, exports.root)
    blocked = [str(p) for p in (settings.data_dir.resolve(), Path.home().resolve())
               if not any(p == k or p in k.resolve().parents for k in kept)]
    # Gradio's file reads are checked against the upload folder, allowed_paths and blocked_paths only in a
    # Blocks that "has launched" (gradio/processing_utils.py, _check_allowed), which launch() sets and
    # mount_gradio_app does not: set it, so that an event's input file must be an upload and an output
    # file may never come from the data directory or the home directory.
    app = gr.mount_gradio_app(
        api, page, path="/", auth_dependency=(lambda request: getattr(request.state, "user", None)) if credentials else None,
        # Gradio's own limit answers 413 for the whole request, so it is the batch's; each file is held to
        # the lower per-file limit by the library, which gives that file its own result row
        max_file_size=f"{settings.max_batch_mb}mb", allowed_paths=[], blocked_paths=blocked, show_error=True,
        footer_links=["gradio", "settings"], run_history=False)
    page.has_launched = True
    events = page_event_inputs(page.config)
    if on_stop is not None:
        _run_at_shutdown(app, on_stop)
    # outermost: every request, to the API or the page, is admitted here first
    app.add_middleware(RequestGuard, settings=guard_settings(settings, credentials, str(upload_folder), events))
    return app


def page_event_inputs(config: dict) -> dict:
    """Each page event, by id and by its public API name, with the counts of input values a request to it
    may bring: all of its inputs, or those its API shows (Gradio's routes fill the hidden ones)."""
    hidden = {c["id"] for c in config["components"] if c.get("skip_api")}
    events = {}
    for dependency in config["dependencies"]:
        inputs = dependency["inputs"]
        counts = frozenset({len(inputs), len([i for i in inputs if i not in hidden])})
        events[dependency["id"]] = counts
        if dependency.get("api_name") and dependency.get("api_visibility") != "private":
            events[dependency["api_name"]] = counts
    return events


def _run_at_shutdown(app, on_stop) -> None:
    """Run ``on_stop`` as the app's lifespan ends: uvicorn ends it on SIGTERM and then raises the signal
    again, so code after ``server.run()`` never runs in a server that is told to stop."""
    import contextlib

    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(scope_app):
        async with inner(scope_app) as state:
            try:
                yield state
            finally:
                on_stop()

    app.router.lifespan_context = lifespan


def serve(live, host: str = "127.0.0.1", port: int = 7860, credentials: list[tuple[str, str]] | None = None,
          block: bool = True, on_stop=None):
    """Serve the page and the API on one port; with ``block=False`` return the RunningServer.
    ``on_stop()`` runs when the server shuts down, after its own folders are removed."""
    import sys
    import threading
    import time

    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1") and not credentials:
        print(f"warning: serving on {host} without a login; set POLICYQA_AUTH=user:password", file=sys.stderr)
    exports = ExportFolder()

    def stopped() -> None:
        exports.close()
        if on_stop is not None:
            on_stop()

    # a page left open keeps its event stream: stop waiting for it after a few seconds
    server = uvicorn.Server(uvicorn.Config(build_app(live, credentials, exports, stopped), host=host, port=port,
                                           log_level="warning", timeout_graceful_shutdown=5))
    if block:
        print(f"policyqa: the page on http://{host}:{port}/ , the API on http://{host}:{port}/v1 (routes: /docs)",
              file=sys.stderr)
        server.run()
        return None
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    if not server.started:
        raise RuntimeError(f"the server did not start on {host}:{port}")
    return RunningServer(server, thread)
