"""The HTTP API on a real server on loopback: plain HTTP, the real `openai` client, uploads, logins,
errors, and the Excel files checked cell by cell against the JSON."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

import httpx
import pytest

from policyqa.library import LiveAssistant
from tests.pdfs import policy_pdf
from tests.servers import free_port
from ui.web import serve

pytestmark = pytest.mark.slow
QUESTION = "嘉定区节能诊断方案每年不少于多少项？"


@pytest.fixture
def api(index_copy):
    live = LiveAssistant(replace(index_copy, max_batch_mb=2))
    port = free_port()
    server = serve(live, port=port, block=False)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()


def _sheet_rows(content: bytes, sheet: int = 0) -> list[list]:
    from openpyxl import load_workbook

    book = load_workbook(BytesIO(content))
    return [["" if c is None else c for c in row] for row in book.worksheets[sheet].iter_rows(values_only=True)]


def test_an_openai_client_gets_the_answer_and_its_clause(api):
    from openai import OpenAI

    client = OpenAI(base_url=f"{api}/v1", api_key="unused")
    assert [m.id for m in client.models.list()] == ["policyqa"]
    reply = client.chat.completions.create(model="policyqa", messages=[{"role": "user", "content": QUESTION}])
    text = reply.choices[0].message.content
    assert "150项" in text.split("\n")[0] and "嘉经〔2022〕14号" in text
    citations = reply.model_extra["citations"]
    assert reply.model_extra["found"] is True and "150项" in citations[0]["quote"]
    streamed = client.chat.completions.create(model="policyqa", stream=True, messages=[
        {"role": "user", "content": "嘉定区到2025年要创建多少家绿色工厂？"},
        {"role": "assistant", "content": "嘉定区：到2025年，创建绿色工厂50家。"},
        {"role": "user", "content": "那嘉兴市呢？"}])
    follow_up = "".join(chunk.choices[0].delta.content or "" for chunk in streamed)
    assert follow_up.startswith("嘉兴市") and "50家" in follow_up


def test_routes_answer_and_fail_as_json(api, tmp_path):
    spec = httpx.get(f"{api}/openapi.json").json()
    for route in ("/v1/ask", "/v1/documents", "/v1/documents/{doc_id}", "/v1/obligations", "/v1/targets",
                  "/v1/compare", "/v1/audit", "/v1/tasks", "/v1/models", "/v1/chat/completions"):
        assert route in spec["paths"], route
    asked = httpx.post(f"{api}/v1/ask", json={"question": QUESTION}, timeout=60).json()
    assert asked["found"] and set(asked) == {"question", "answer", "found", "citations"}
    assert httpx.get(f"{api}/").status_code == 200  # the page on the same port

    bad = httpx.post(f"{api}/v1/ask", json={"q": QUESTION})
    assert bad.status_code == 400 and "question" in bad.json()["error"]["message"]
    assert httpx.delete(f"{api}/v1/documents/nope").status_code == 404
    assert httpx.post(f"{api}/v1/ask", json={"question": QUESTION, "doc_id": "nope"}).status_code == 404
    big = tmp_path / "big.txt"
    big.write_bytes("节能".encode() * 400_000)  # 2.4 MB, over the 2 MB batch limit
    too_large = httpx.post(f"{api}/v1/documents", files={"files": ("big.txt", big.read_bytes())})
    assert too_large.status_code == 413 and "MB" in too_large.json()["error"]["message"]
    assert "Traceback" not in bad.text + too_large.text

    pdf = policy_pdf(tmp_path / "奉贤区方案.pdf", region="奉贤区", number="奉经〔2023〕5号", figure="181")
    added = httpx.post(f"{api}/v1/documents", files={"files": (pdf.name, pdf.read_bytes(), "application/pdf")},
                       timeout=300).json()
    [result] = added["results"]
    assert result["status"] == "已索引"
    doc_id = result["detail"].split()[0]
    assert doc_id in [d["doc_id"] for d in httpx.get(f"{api}/v1/documents").json()]
    answer = httpx.post(f"{api}/v1/ask", json={"question": "奉贤区到2025年底要完成多少项节能技术改造项目？"}, timeout=60).json()
    assert "181项" in answer["answer"]
    assert httpx.delete(f"{api}/v1/documents/{doc_id}", timeout=120).status_code == 200
    assert doc_id not in [d["doc_id"] for d in httpx.get(f"{api}/v1/documents").json()]


def test_excel_files_hold_what_the_json_says(api):
    rows = httpx.get(f"{api}/v1/targets", params={"indicator": "绿色工厂"}).json()
    sheet = _sheet_rows(httpx.get(f"{api}/v1/targets", params={"indicator": "绿色工厂", "format": "xlsx"}).content)
    assert sheet[0][0] == "指标" and sheet[0][-1] == "原文" and len(sheet) == len(rows) + 1
    for line, row in zip(sheet[1:], rows):
        assert [line[0], line[1], line[2], line[3], line[-1]] == [row["indicator"], row["region"], row["value"],
                                                                   row["unit"], row["source"]["quote"]]
    tasks = httpx.get(f"{api}/v1/tasks", params={"department": "区经委", "as_of": "2024-01-01"}).json()["tasks"]
    sheet = _sheet_rows(httpx.get(f"{api}/v1/tasks", params={"department": "区经委", "as_of": "2024-01-01",
                                                             "format": "xlsx"}).content)
    assert [line[0] for line in sheet[1:]] == [t["id"] for t in tasks]
    assert [line[-1] for line in sheet[1:]] == [t["source"]["quote"] for t in tasks]
    audit = httpx.get(f"{api}/v1/audit").json()
    sheet = _sheet_rows(httpx.get(f"{api}/v1/audit", params={"format": "xlsx"}).content)
    assert len(sheet) - 1 == len(audit["findings"]) + len(audit["passed"])
    body = {"region": "嘉定区", "energy": "6000吨标准煤", "sector": "工业", "as_of": "2022-07-01"}
    result = httpx.post(f"{api}/v1/obligations", json=body).json()
    sheet = _sheet_rows(httpx.post(f"{api}/v1/obligations", params={"format": "xlsx"}, json=body).content)
    assert [line[1] for line in sheet[1:]] == [o["id"] for o in result["obligations"]]
    assert httpx.post(f"{api}/v1/obligations", json={"energy": "很多"}).status_code == 400


def test_a_login_is_asked_for_and_accepted_as_bearer_or_basic(index_copy):
    """One user:password pair per login, as Basic or as a Bearer token (an OpenAI client's api_key); a
    password alone is no login."""
    live = LiveAssistant(index_copy)
    port = free_port()
    server = serve(live, port=port, block=False, credentials=[("official", "s3cret")])
    base = f"http://127.0.0.1:{port}"
    try:
        refused = httpx.get(f"{base}/v1/models")
        assert refused.status_code == 401 and refused.json()["error"]["type"] == "authentication_error"
        assert httpx.get(f"{base}/v1/models", headers={"Authorization": "Bearer official:s3cret"}).status_code == 200
        assert httpx.get(f"{base}/v1/models", headers={"Authorization": "Bearer s3cret"}).status_code == 401
        assert httpx.get(f"{base}/v1/models", auth=("official", "s3cret")).status_code == 200
        assert httpx.get(f"{base}/v1/models", auth=("official", "wrong")).status_code == 401
    finally:
        server.close()
