"""Questions about a document itself: its 文号, who issued it (several departments over several
heading lines), and when; answered from the metadata read at ingest, quoted from the lines that
print it. Built on documents written for these tests (tests/pdfs.py)."""

from __future__ import annotations

import re

import pytest

from ingest.readers import read_text
from policyqa.app import ingest_paths, load_answerer
from policyqa.settings import Settings
from tests.conftest import CORPUS
from tests.pdfs import joint_notice_pdf, ministry_order_pdf


def _plain(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture(scope="module")
def asked(tmp_path_factory, e5):
    folder = tmp_path_factory.mktemp("document-asks")
    sources = {"order": ministry_order_pdf(folder / "order.pdf"), "joint": joint_notice_pdf(folder / "joint.pdf")}
    settings = Settings.from_env(data_dir=tmp_path_factory.mktemp("document-asks-data"), corpus_dir=CORPUS,
                                 embedding="e5")
    result = ingest_paths([folder], settings, embeddings=e5)
    assert not result.errors, result.errors
    return load_answerer(settings), {doc_id: _plain(read_text(path)) for doc_id, path in sources.items()}


def _quoted(answer, sources) -> str:
    assert all(_plain(c.quote) in sources[c.doc_id] for c in answer.citations)
    return "".join(_plain(c.quote) for c in answer.citations)


@pytest.mark.parametrize("question", [
    "《重点用能单位节能监察办法(试行)》的文号是什么？",
    "重点用能单位节能监察办法是以生态环境部第几号令公布的？",
])
def test_a_document_number_printed_over_two_lines_is_answered_and_quoted(asked, question):
    answerer, sources = asked
    answer = answerer.ask(question)
    assert answer.found and "第7号" in answer.answer.split("\n")[0]
    assert "第7号" in _quoted(answer, sources)


def test_a_document_without_a_number_says_so(asked):
    answerer, _ = asked
    answer = answerer.ask("江西省关于做好2023年重点用能单位节能工作的通知的文号是什么？")
    assert not answer.found and "没有印出文号" in answer.answer


def test_joint_issuers_over_two_heading_lines_are_all_named_and_quoted(asked):
    answerer, sources = asked
    answer = answerer.ask("江西这份重点用能单位节能工作的通知，除了发展改革委和工业和信息化厅，还有哪些部门联合印发？")
    assert answer.found
    for department in ("江西省生态环境厅", "江西省能源局"):
        assert department in answer.answer.split("\n")[0] and department in _quoted(answer, sources)


def test_a_question_for_issuer_and_date_gets_both(asked):
    answerer, sources = asked
    answer = answerer.ask("江西省关于做好2023年重点用能单位节能工作的通知是以哪些单位名义、在哪天印发的？")
    lines = answer.answer.split("\n")
    assert answer.found and "江西省能源局" in lines[0] and "2023年2月20日" in lines[1]
    assert "2023年2月20日" in _quoted(answer, sources)
