"""The real ``policyqa`` command, run as a user would run it."""

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

CONTRACT = {"question", "answer", "found", "citations"}
CITATION = {"doc_id", "title", "doc_number", "section", "quote", "ocr", "header"}


def run(*args, data_dir, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "policyqa", *args, "--data-dir", str(data_dir)],
        input=stdin, capture_output=True, text=True, timeout=300, cwd=ROOT,
    )


@pytest.mark.slow
def test_ask_json_prints_one_contract_object(corpus_settings):
    proc = run("ask", "嘉定区到2025年底要创建多少家绿色工厂？", "--json", data_dir=corpus_settings.data_dir)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().split("\n")
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert set(data) == CONTRACT and data["found"] is True and "50家" in data["answer"]
    assert set(data["citations"][0]) == CITATION


@pytest.mark.slow
def test_ask_stdin_prints_one_object_per_line(corpus_settings):
    questions = "嘉定区到2025年底要创建多少家绿色工厂？\n\n苏州市要创建多少家绿色工厂？\n"
    proc = run("ask", "-", "--json", data_dir=corpus_settings.data_dir, stdin=questions)
    assert proc.returncode == 0, proc.stderr
    objects = [json.loads(line) for line in proc.stdout.strip().split("\n")]
    assert [o["found"] for o in objects] == [True, False]
    assert [o["question"] for o in objects] == ["嘉定区到2025年底要创建多少家绿色工厂？", "苏州市要创建多少家绿色工厂？"]


@pytest.mark.slow
def test_a_stdin_line_that_is_not_utf8_loses_nothing_after_it(corpus_settings):
    questions = b"\xff\xfe" + "嘉定区节能诊断方案每年不少于多少项？\n嘉兴市到2019年要创建多少家绿色工厂？\n".encode("utf-8")
    proc = subprocess.run([sys.executable, "-m", "policyqa", "ask", "-", "--json", "--data-dir", str(corpus_settings.data_dir)],
                          input=questions, capture_output=True, timeout=300, cwd=ROOT)
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode == 0 and "Traceback" not in stderr
    assert "stdin line 1: not UTF-8" in stderr
    objects = [json.loads(line) for line in proc.stdout.decode("utf-8").strip().split("\n")]
    assert len(objects) == 2
    assert objects[0]["question"].startswith("\ufffd") and "150项" in objects[0]["answer"]
    assert objects[1]["found"] and "50家" in objects[1]["answer"]


@pytest.mark.slow
def test_an_empty_question_is_asked_for_again_and_exits_2(corpus_settings):
    proc = run("ask", "", data_dir=corpus_settings.data_dir)
    assert proc.returncode == 2 and proc.stdout.strip() == "请输入问题。"
    proc = run("ask", "   ", "--json", data_dir=corpus_settings.data_dir)
    assert proc.returncode == 2
    assert json.loads(proc.stdout) == {"question": "   ", "answer": "请输入问题。", "found": False, "citations": []}


@pytest.mark.slow
def test_an_overlong_question_is_refused_with_its_length_before_any_search(corpus_settings, assistant):
    long_question = "嘉定区绿色工厂" * 3000  # 21,000 characters
    proc = run("ask", long_question, "--json", data_dir=corpus_settings.data_dir)
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert not data["found"] and "21000字" in data["answer"] and "500字以内" in data["answer"]
    # the page asks through the same assistant: refused there too, without touching the embedder
    answer = assistant.ask(long_question)
    assert not answer.found and "21000字" in answer.answer and not answer.hits


@pytest.mark.slow
def test_ask_without_json_is_readable_text(corpus_settings):
    proc = run("ask", "嘉兴市到2019年要创建多少家绿色工厂？", data_dir=corpus_settings.data_dir)
    assert proc.returncode == 0
    assert "嘉兴市" in proc.stdout and "[1] 《" in proc.stdout and "嘉工业强市办〔2017〕4号" in proc.stdout


def test_ask_without_an_index_says_what_to_do(tmp_path):
    proc = run("ask", "问题", data_dir=tmp_path / "nothing")
    assert proc.returncode == 1 and "policyqa ingest" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_eval_prints_the_five_figures(corpus_settings, tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps({"id": "t1", "question": "嘉兴市到2019年要创建多少家绿色工厂？", "expect": [["50家"]],
                    "docs": ["004_d5e1c319a3f67a30"], "answerable": True}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "t2", "question": "苏州市的节能目标是多少？", "expect": [], "docs": [],
                      "answerable": False}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    proc = run("eval", str(questions), "--json", data_dir=corpus_settings.data_dir)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    summary = report["summary"]
    assert summary["answer_accuracy"] == 1.0 and summary["citation_accuracy"] == 1.0
    assert summary["refusal_accuracy"] == 1.0 and summary["recall_at_5"] == 1.0 and summary["mrr"] > 0
    assert all(0 < r["seconds"] < 60 for r in report["results"])  # each answer timed
    text = run("eval", str(questions), data_dir=corpus_settings.data_dir).stdout
    assert re.search(r"answer time p50 / p95 +\d+ / \d+ ms", text)


@pytest.mark.slow
def test_eval_reports_a_malformed_question_file(corpus_settings, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"\n', encoding="utf-8")
    proc = run("eval", str(bad), data_dir=corpus_settings.data_dir)
    assert proc.returncode == 1 and "bad.jsonl:1" in proc.stderr and "Traceback" not in proc.stderr


def test_every_command_is_documented_in_the_readme_and_has_help():
    from policyqa.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"policyqa {name}" in readme, name
        assert command.help and "Example:" in command.help, name
    assert re.search(r"make run", readme) and re.search(r"make test", readme)


def test_every_setting_is_documented_with_its_default():
    from dataclasses import fields

    from ingest.limits import ReadLimits

    table = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    read = re.findall(r'_env\("([A-Z_]+)", "([^"]*)"', (ROOT / "policyqa" / "settings.py").read_text(encoding="utf-8"))
    for name, default in read:
        row = next((line for line in table.splitlines()
                    if line.startswith("| ") and f"`POLICYQA_{name}`" in line.split(" | ")[0]), "")
        assert row and (not default or f"`{default}`" in row or f", `{default}`" in row), name
    for limit in fields(ReadLimits):
        assert f"| `POLICYQA_{limit.name.upper()}` | `{limit.default}` |" in table, limit.name
