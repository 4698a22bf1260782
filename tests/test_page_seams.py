"""A paragraph that runs on across a printed page number is one paragraph in the normalised text,
but the source prints the page number inside it: its quotes are cut at that seam, so that every
quote can still be found in the source's own text."""

from __future__ import annotations

import re

import pytest

from ingest.models import DocumentMeta
from ingest.normalize import normalize_document, normalize_text
from ingest.readers import read_text
from policyqa.app import ingest_paths, load_answerer
from policyqa.settings import Settings
from tests.conftest import CORPUS
from tests.pdfs import page_break_pdf

RAW = """一、工作目标
到2025年,全市新增分布式光伏装机容量
— 3 —
50万千瓦,建成零碳园区2个。
上海市经济和信息化委员会
二、重点任务
各区完成节能诊断不少于100家。
上海市经济和信息化委员会
(一)推进能源审计
上海市经济和信息化委员会
"""


def _plain(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_a_dropped_page_number_or_running_header_leaves_a_seam():
    normalised = normalize_document(RAW)
    text = normalised.text
    assert text == normalize_text(RAW)
    assert "装机容量50万千瓦" in text and "上海市经济和信息化委员会" not in text  # a running header
    assert [text[s - 4:s] + "|" + text[s:s + 4] for s in normalised.page_seams] == [
        "装机容量|50万千", "2个。\n|二、重点", "0家。\n|(一)推"]


def test_a_document_without_dropped_lines_has_no_seams():
    assert normalize_document("一、目标\n到2025年,建成零碳园区2个。\n").page_seams == ()


def test_pieces_are_cut_only_at_seams_inside_the_span():
    meta = DocumentMeta("d", "", "", "", "", "", "", page_seams=(10, 30, 50))
    assert meta.printed_pieces(5, 40) == [(5, 10), (10, 30), (30, 40)]
    assert meta.printed_pieces(10, 30) == [(10, 30)]
    assert DocumentMeta.from_dict(meta.to_dict()).page_seams == (10, 30, 50)


@pytest.fixture(scope="module")
def seam_answerer(tmp_path_factory, e5):
    folder = tmp_path_factory.mktemp("seam-docs")
    pdf = page_break_pdf(folder / "zhenjiang.pdf")
    settings = Settings.from_env(data_dir=tmp_path_factory.mktemp("seam-data"), corpus_dir=CORPUS, embedding="e5")
    result = ingest_paths([folder], settings, embeddings=e5)
    assert not result.errors, result.errors
    return load_answerer(settings), _plain(read_text(pdf))


def test_a_clause_across_a_page_number_is_quoted_in_pieces_the_source_prints(seam_answerer):
    answerer, source = seam_answerer
    answer = answerer.ask("镇江市到2025年重点行业能效标杆水平以上产能比例要达到多少？")
    assert answer.found and "35%" in answer.answer.split("\n")[0]
    quotes = [_plain(c.quote) for c in answer.citations]
    assert all(q in source for q in quotes), quotes
    assert any("35%" in q for q in quotes) and any("标杆水平" in q for q in quotes)
    # the reader still sees the clause whole
    assert "重点行业能效标杆水平以上产能比例达到35%" in answer.answer
