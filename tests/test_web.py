"""The chat page served by a real Gradio server on loopback, queried with gradio_client."""

import socket
import threading
import time

import pytest

from ui.web import build_page, render_answer


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_rendered_answer_escapes_document_text():
    from retriever.answer import Answer, Citation

    answer = Answer("q", "<script>alert(1)</script> [链接](http://x)", True,
                    [Citation("d", "<b>t</b>", "号", "一、", "<script>x</script>", 0, 10)])
    html = render_answer(answer, {"d": "<script>x</script> tail"})
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.slow
def test_chat_page_answers_over_http(assistant, tmp_path):
    from gradio_client import Client

    page = build_page(assistant)
    port = free_port()
    page.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        result = client.predict("嘉定区节能诊断方案每年不少于多少项？", api_name="/chat")
        text = result if isinstance(result, str) else str(result)
        assert "150项" in text and "嘉经〔2022〕14号" in text and "<mark>" in text
        summary, table, csv_file = client.predict(
            "上海凯波电缆特材股份有限公司", "", 3000, "吨标准煤", "工业", None, 1, None, "未知", "2022-07-01",
            api_name="/obligations",
        )
        assert "年综合能耗5000吨标准煤以上" in summary and "不符合" in summary
        rows = table["data"] if isinstance(table, dict) else table
        assert any(row[0] == "适用" and "能源审计" in row[2] for row in rows)
        assert "嘉经〔2022〕14号" in open(csv_file, encoding="utf-8-sig").read()
        chart, notes, rows, compare_csv = client.predict("绿色工厂", ["嘉定区", "嘉兴市"], api_name="/compare")
        bars = chart["data"] if isinstance(chart, dict) else chart
        assert any(bar[0].startswith("嘉定区 2025年目标 50家") and bar[1] == 50 for bar in bars)
        assert "期限不同" in notes
        assert "嘉工业强市办〔2017〕4号" in open(compare_csv, encoding="utf-8-sig").read()
    finally:
        page.close()
