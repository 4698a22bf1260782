"""The page served by a real Gradio server on loopback, driven with gradio_client (no browser)."""

from pathlib import Path

import pytest

from policyqa.library import LiveAssistant
from retriever.answer.answerer import Answer, Citation
from tests.servers import free_port
from ui.web import chat_reply, render_answer, serve


def test_rendered_answer_escapes_document_text():
    answer = Answer("q", "<script>alert(1)</script> [链接](http://x)", True,
                    [Citation("d", "<b>t</b>", "号", "一、", "<script>x</script>", 0, 18)])
    html = render_answer(answer, {"d": "<script>x</script> tail"})
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html


def test_a_quote_ocr_read_is_marked_and_a_typed_one_is_not():
    quotes = [Citation("d", "通知", "号", "三、配额发放", "多退少补", 0, 4, ocr=True),
              Citation("d", "通知", "号", "一、配额总量", "0.75亿吨", 5, 11)]
    answer = Answer("q", "答", True, quotes)
    html = render_answer(answer, {"d": "多退少补 0.75亿吨"})
    assert html.count("（OCR识别）") == 1 and "三、配额发放（OCR识别）</summary>" in html
    lines = answer.as_text().split("\n")
    assert lines[1].endswith("三、配额发放（OCR识别）") and lines[3].endswith("一、配额总量")


@pytest.fixture
def live(index_copy, assistant):
    return LiveAssistant(index_copy)


@pytest.mark.slow
def test_follow_ups_are_resolved_against_the_conversation(live):
    history = [{"role": "user", "content": "嘉定区到2025年要创建多少家绿色工厂？"},
               {"role": "assistant", "content": "<p>嘉定区：到2025年底，创建50家绿色工厂。</p>"}]
    reply = chat_reply(live, "那嘉兴市呢？", history)
    assert "理解为：嘉兴市要创建多少家绿色工厂？" in reply and "50家" in reply and "嘉工业强市办〔2017〕4号" in reply
    source = chat_reply(live, "出处是哪一段？", history)
    assert "<details class='citation' open>" in source and "<mark>到2025年底,创建50家绿色工厂" in source


@pytest.mark.slow
def test_filters_limit_the_answer_to_a_region_or_document(live):
    reply = chat_reply(live, "绿色工厂目标是多少家？", [], region="嘉兴市")
    assert "嘉兴市" in reply and "嘉定区" not in reply.split("</p>")[0]
    reply = chat_reply(live, "绿色工厂目标是多少家？", [], doc_id="000_3537c126d58e65da")
    assert "嘉经〔2022〕14号" in reply


@pytest.mark.slow
def test_page_flows_over_http(live, tmp_path):
    from gradio_client import Client, handle_file
    from openpyxl import load_workbook

    from tests.pdfs import policy_pdf

    port = free_port()
    page = serve(live, port=port, block=False)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        text = client.predict("嘉定区节能诊断方案每年不少于多少项？", "", "", api_name="/chat")
        assert "150项" in text and "嘉经〔2022〕14号" in text and "<mark>" in text
        summary, table, csv_file, xlsx_file = client.predict(
            "上海凯波电缆特材股份有限公司", "", 3000, "吨标准煤", "工业", None, 1, None, "未知", "2022-07-01", None, "", "未知",
            "未知", False,
            api_name="/obligations",
        )
        assert "年综合能耗5000吨标准煤以上" in summary and "不符合" in summary
        refused, *_ = client.predict("", "嘉定区", None, "吨标准煤", "水泥", None, None, None, "未知", "2022-07-01", None,
                                     "很多", "是", "未知", False, api_name="/obligations")
        assert refused.startswith("**无法判定：**") and "annual emissions" in refused  # the form's new fields are read
        rows = table["data"] if isinstance(table, dict) else table
        assert any(row[0] == "适用" and "能源审计" in row[2] for row in rows)
        assert "嘉经〔2022〕14号" in open(csv_file, encoding="utf-8-sig").read()
        sheet = load_workbook(xlsx_file)["义务"]
        assert [[c or "" for c in r] for r in sheet.iter_rows(min_row=2, values_only=True)] == rows
        chart, notes, compared_table, compare_csv, compare_xlsx = client.predict("绿色工厂", ["嘉定区", "嘉兴市"], api_name="/compare")
        bars = chart["data"] if isinstance(chart, dict) else chart
        table_rows = compared_table["data"] if isinstance(compared_table, dict) else compared_table
        assert any(bar[0].startswith("嘉定区 2025年目标 50家") and bar[1] == 50 for bar in bars)
        assert "期限不同" in notes
        assert "嘉工业强市办〔2017〕4号" in open(compare_csv, encoding="utf-8-sig").read()
        compared = load_workbook(compare_xlsx).worksheets[0]
        assert [r[-1] for r in compared.iter_rows(min_row=2, values_only=True)] == [row[-1] for row in table_rows]
        pdf = policy_pdf(tmp_path / "松江 方案.pdf", figure="173")
        results, library, *_ = client.predict([handle_file(str(pdf))], "", api_name="/upload")
        assert results["data"] == [["松江 方案.pdf", "已索引", "松江_方案"]]
        assert "松江_方案" in [row[-1] for row in library["data"]]
        answer = client.predict("松江区到2025年底要完成多少项节能技术改造项目？", "", "", api_name="/chat")
        assert "173项" in answer
        message, library, *_ = client.predict("松江_方案", "", "", "", "2023-03-16", api_name="/correct")
        assert message.startswith("已更正 松江_方案")
        assert next(row for row in library["data"] if row[-1] == "松江_方案")[3] == "2023-03-16"
        message, *_ = client.predict("松江_方案", "", "", "", "3月16日", api_name="/correct")
        assert message.startswith("未更正") and "YYYY-MM-DD" in message
        listed = load_workbook(client.predict(api_name="/documents_xlsx")).active
        assert "松江_方案" in [row[0] for row in listed.iter_rows(min_row=2, values_only=True)]
        message, library, *_ = client.predict("松江_方案", api_name="/remove")
        assert message == "已删除 松江_方案" and "松江_方案" not in [row[-1] for row in library["data"]]
    finally:
        page.close()


@pytest.mark.slow
def test_uploads_are_held_to_the_per_file_limit_and_leave_no_temporary_copies(index_copy, assistant, tmp_path):
    """One oversized file gets its own result row instead of sinking the batch (Gradio's limit is the
    batch's); Gradio's copies of uploaded files are gone afterwards; the new document can be chosen."""
    from dataclasses import replace

    from gradio.utils import get_upload_folder
    from gradio_client import Client, handle_file

    from tests.pdfs import policy_pdf

    live = LiveAssistant(replace(index_copy, max_upload_mb=1, max_batch_mb=8))
    big = tmp_path / "大文件.txt"
    big.write_bytes("节能".encode() * 600_000)  # 3.6 MB: over the file limit, under the batch limit
    pdf = policy_pdf(tmp_path / "金山 方案.pdf", figure="167")
    port = free_port()
    page = serve(live, port=port, block=False)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        results, library, *_ = client.predict([handle_file(str(big)), handle_file(str(pdf))], "", api_name="/upload")
        assert results["data"] == [["大文件.txt", "拒绝", "超过1 MB上限"], ["金山 方案.pdf", "已索引", "金山_方案"]]
        left = [p.name for p in Path(get_upload_folder()).rglob("*") if p.name in ("大文件.txt", "金山 方案.pdf")]
        assert left == []
        answer = client.predict("松江区到2025年底要完成多少项节能技术改造项目？", "", "金山_方案", api_name="/chat")
        assert "167项" in answer
        message, *_ = client.predict("金山_方案", api_name="/remove")
        assert message == "已删除 金山_方案"
    finally:
        page.close()


@pytest.mark.slow
def test_rules_are_drafted_reviewed_and_claimed_on_the_page(index_copy, assistant, tmp_path):
    from gradio_client import Client

    from tests.test_drafting import SUBSIDY_RULE

    live = LiveAssistant(index_copy)
    source = tmp_path / "xuhui.txt"
    source.write_text(SUBSIDY_RULE.replace("庚区", "徐汇区"), encoding="utf-8")
    [added] = live.add([(str(source), "xuhui.txt")])
    assert added.status == "已索引"
    port = free_port()
    page = serve(live, port=port, block=False)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        message, table = client.predict("xuhui", api_name="/draft_rules")
        assert message.startswith("已起草 xuhui：义务 2 条，可申请的支持 3 条")
        rows = {row[0]: row for row in table["data"]}
        assert rows["xuhui-e1"][1:4] == ["支持", "待定", "技术改造"] and rows["xuhui-e1"][7:9] == ["20%", "300"]
        form = ["", "徐汇区", None, "吨标准煤", "", None, None, None, "未知", "2023-01-01", 2000, "", "未知", "未知"]
        summary, *_ = client.predict(*form, False, api_name="/obligations")
        assert "可申请" not in summary
        summary, obligations, *_ = client.predict(*form, True, api_name="/obligations")
        assert "【未审核】可申请：技术改造 — 300万元" in summary and "超过上限" in summary
        assert any(row[0].endswith("（未审核）") for row in obligations["data"])
        rows["xuhui-e1"][2], rows["xuhui-e1"][8] = "接受", "250"  # the reviewer corrects the cap
        rows["xuhui-e2"][2] = "拒绝"
        rows["xuhui-o1"][4] = "力争"
        message, left = client.predict("xuhui", {"headers": table["headers"], "data": list(rows.values())},
                                       api_name="/review_rules")
        assert message == "已接受 1 条，拒绝 1 条，还有 3 条待审核"
        assert [row[0] for row in left["data"]] == ["xuhui-o1", "xuhui-o2", "xuhui-e3"]
        assert left["data"][0][4] == "力争"  # an edit to a rule still pending is kept in the draft
        summary, *_ = client.predict(*form, False, api_name="/obligations")
        assert "💰 可申请：技术改造 — 250万元" in summary and "未审核" not in summary
        bad = [row[:] for row in left["data"]]
        bad[0][2], bad[0][6] = "接受", "五千吨"
        message, _ = client.predict("xuhui", {"headers": table["headers"], "data": bad}, api_name="/review_rules")
        assert message.startswith("未保存：xuhui-o1: 能耗门槛") and "五千吨" in message
    finally:
        page.close()
