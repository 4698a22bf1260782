"""Files that would cost more than they are worth are refused before the work, naming the file and the
limit: real bombs made for the test (bench/hostile.py), read by the real readers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bench import hostile
from ingest.limits import ReadLimits
from ingest.readers import IngestError, read_document
from policyqa.app import check_chunk_count
from policyqa.settings import Settings
from tests.pdfs import policy_pdf


def refusal(path, limits=ReadLimits()) -> str:
    with pytest.raises(IngestError) as error:
        read_document(path, limits=limits)
    return str(error.value)


def test_a_huge_page_is_not_rendered_for_ocr(tmp_path):
    message = refusal(hostile.huge_page_pdf(tmp_path / "huge.pdf"))
    assert message.startswith("huge.pdf: ") and "2822×2822 mm" in message and "POLICYQA_MAX_PAGE_AREA_M2" in message


def test_pages_without_text_beyond_the_ocr_limit_are_refused_before_any_ocr(tmp_path):
    message = refusal(hostile.blank_pages_pdf(tmp_path / "blank.pdf", pages=40), ReadLimits(max_ocr_pages=30))
    assert message == ("blank.pdf: 40 of its pages have no text layer and would go to OCR, over the limit of 30 "
                       "(POLICYQA_MAX_OCR_PAGES)")


def test_a_pdf_with_more_pages_than_allowed_is_refused(tmp_path):
    message = refusal(hostile.blank_pages_pdf(tmp_path / "long.pdf", pages=12), ReadLimits(max_pdf_pages=10))
    assert message == "long.pdf: 12 pages, over the limit of 10 (POLICYQA_MAX_PDF_PAGES)"


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path):
    path = hostile.zip_bomb_docx(tmp_path / "bomb.docx", unpacked_mb=64)
    assert path.stat().st_size < 200_000
    message = refusal(path, ReadLimits(max_unpacked_mb=32))
    assert message == "bomb.docx: it unpacks to 64 MB, over the limit of 32 MB (POLICYQA_MAX_UNPACKED_MB)"


def test_deeply_nested_xml_is_refused(tmp_path):
    message = refusal(hostile.deep_xml_docx(tmp_path / "deep.docx", depth=150))
    assert message == "deep.docx: its part word/document.xml nests XML deeper than 100 levels (POLICYQA_MAX_XML_DEPTH)"
    # past lxml's own limit (256) it is refused the same way
    assert "nests XML deeper" in refusal(hostile.deep_xml_docx(tmp_path / "deeper.docx", depth=5000))


def test_a_web_page_the_parser_would_cut_short_is_refused(tmp_path):
    message = refusal(hostile.huge_text_html(tmp_path / "big.html"))
    assert message.startswith("big.html: the web page cannot be parsed") and "10 MB" in message


def test_text_beyond_the_limit_is_refused(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("节能降碳。" * 3000, encoding="utf-8")
    assert refusal(path, ReadLimits(max_text_chars=10_000)) == (
        "long.txt: 15,000 characters of text, over the limit of 10,000 (POLICYQA_MAX_TEXT_CHARS)")


def test_limits_leave_real_documents_alone(tmp_path):
    raw = read_document(policy_pdf(tmp_path / "plan.pdf"))
    assert "节能技术改造项目120项" in raw.text


def test_a_workbook_of_many_long_rows_is_refused_by_its_chunk_count(tmp_path, gazetteer):
    from ingest.pipeline import parse_file

    path = hostile.many_rows_xlsx(tmp_path / "rows.xlsx", rows=400)
    doc = parse_file(path, gazetteer)
    settings = replace(Settings(), limits=ReadLimits(max_chunks=300))
    with pytest.raises(IngestError) as error:
        check_chunk_count(path, doc, settings)
    assert str(error.value) == "rows.xlsx: 400 text chunks, over the limit of 300 a file (POLICYQA_MAX_CHUNKS)"
    check_chunk_count(path, doc, replace(settings, limits=ReadLimits(max_chunks=400)))


def test_every_limit_is_a_setting(monkeypatch):
    monkeypatch.setenv("POLICYQA_MAX_OCR_PAGES", "7")
    monkeypatch.setenv("POLICYQA_MAX_PAGE_AREA_M2", "0.5")
    limits = Settings.from_env().limits
    assert (limits.max_ocr_pages, limits.max_page_area_m2, limits.max_chunks) == (7, 0.5, ReadLimits().max_chunks)


def test_a_pdf_that_inflates_to_100_mb_of_drawing_is_refused_before_it_is_read(tmp_path):
    path = hostile.inflating_pdf(tmp_path / "flate.pdf")
    assert path.stat().st_size < 400_000
    assert refusal(path) == "flate.pdf: its page contents inflate to over 32 MB (POLICYQA_MAX_PDF_CONTENT_MB)"
