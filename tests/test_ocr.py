"""Scanned PDFs: pages without a text layer are read by OCR (RapidOCR, models from its wheel), marked as
such in the metadata and in citations, and a page OCR reads poorly is reported, not indexed.

Every scan here is made from a real PDF (a wild one, or one reportlab writes) by rendering its pages to
images (bench/scans.py), so the original's text layer is the truth."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata

import pytest

from bench.scans import partly_scanned_copy, scanned_copy
from ingest.ocr import MIN_PAGE_SCORE, OcrLine, page_text
from ingest.pipeline import parse_file
from ingest.readers import read_document
from policyqa.app import ingest_paths, load_answerer
from policyqa.settings import Settings
from retriever.evaluate import evaluate, load_questions
from tests.conftest import CORPUS, ROOT, WILD


def box(text: str, left: float, top: float, width: float, height: float = 30, score: float = 0.99) -> OcrLine:
    return OcrLine(text, score, left, top, left + width, top + height)


def test_boxes_on_one_line_are_joined_left_to_right_and_wide_gaps_become_cells():
    lines = [box("2024年", 400, 102, 90), box("到2025年，创建绿色", 100, 20, 300), box("工厂12家。", 402, 24, 150),
             box("年度", 100, 100, 60), box("40", 700, 98, 30)]
    assert page_text(lines) == "到2025年，创建绿色工厂12家。\n年度\t2024年\t40"


def test_latin_words_split_into_two_boxes_keep_their_space():
    assert page_text([box("PM2.5", 100, 20, 80), box("浓度", 190, 20, 60), box("GDP", 260, 20, 50),
                      box("growth", 320, 20, 90)]) == "PM2.5浓度GDP growth"


def tianjin_with_scanned_last_page(tmp_path, change=None):
    """w218 (a 3-page Tianjin notice) with its last page scanned into it, and that page's text layer."""
    import pypdfium2

    source = WILD / "w218.pdf"
    pdf = pypdfium2.PdfDocument(str(source))
    last = pdf[2].get_textpage().get_text_range()
    pdf.close()
    return partly_scanned_copy(source, tmp_path / "notice.pdf", [2], change), last


def blurred_to_poor(image):
    """A copy read at a fax's resolution through heavy noise: OCR gets every few characters wrong."""
    import numpy as np
    from PIL import Image

    small = image.resize((int(image.width * 0.3), int(image.height * 0.3)))
    noisy = np.asarray(small, dtype=np.float32) + np.random.default_rng(3).normal(0, 45, (small.height, small.width))
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).resize(image.size)


def spaced(text: str) -> str:
    """The text as normalisation compares it: NFKC (full-width punctuation to ASCII), no spaces."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


@pytest.mark.slow
def test_only_the_page_without_a_text_layer_is_read_by_ocr_and_its_text_is_marked(tmp_path, gazetteer):
    path, last = tianjin_with_scanned_last_page(tmp_path)
    pages = []
    doc = parse_file(path, gazetteer, on_page=lambda done, total: pages.append((done, total)))
    assert doc.meta.ocr_pages == (3,) and pages == [(1, 1)]
    assert doc.meta.title == "市生态环境局关于天津市2021年度碳排放配额安排的通知"  # the typed head is read as before
    start, end = doc.meta.ocr_spans[0]
    scanned_line = spaced(last.split("\n")[5])  # a line from the middle of the scanned page
    assert scanned_line in spaced(doc.text[start:end])
    typed = doc.text.find("确定我市2021年度碳排放配额总量为0.75亿吨")
    assert typed >= 0 and not doc.meta.ocr_read(typed, typed + 20) and doc.meta.ocr_read(start, start + 1)


@pytest.mark.slow
def test_a_page_ocr_reads_poorly_is_reported_and_not_indexed(tmp_path):
    path, last = tianjin_with_scanned_last_page(tmp_path, change=blurred_to_poor)
    notes = []
    raw = read_document(path, notes)
    assert raw.ocr_pages == () and "确定我市" in spaced(raw.text)
    assert spaced(last.split("\n")[5]) not in spaced(raw.text)
    assert len(notes) == 1 and notes[0].startswith("notice.pdf: page 3 has no usable text layer and OCR read it poorly")
    assert float(notes[0].split("confidence ")[1].split(")")[0]) < MIN_PAGE_SCORE


@pytest.mark.slow
def test_a_page_scanned_upside_down_is_read(tmp_path):
    path, last = tianjin_with_scanned_last_page(tmp_path, change=lambda image: image.rotate(180))
    raw = read_document(path)
    assert [p.number for p in raw.ocr_pages] == [3]
    assert spaced(last.split("\n")[5]) in spaced(raw.text)


def ask_all(settings: Settings, doc_ids: set[str]) -> tuple[float, float, list]:
    questions = [q for name in ("wild_tune_qa.jsonl", "wild_heldout_qa.jsonl")
                 for q in load_questions(ROOT / "tests" / "data" / name) if set(q["docs"]) & doc_ids]
    summary = evaluate(load_answerer(settings), questions, [WILD, CORPUS]).summary()
    return summary["answer_accuracy"], summary["citation_accuracy"], questions


@pytest.mark.slow
def test_a_scanned_copy_of_real_documents_answers_their_questions_as_the_text_copy_does(corpus_settings, tmp_path):
    """Two wild PDFs (a Tianjin notice of the tune half, a Jiangsu notice of the held-out half) indexed beside
    corpus/ as they are and as degraded scans; the scans must answer at >= 0.9 of the text copies' accuracy."""
    chosen = {"w218", "w091"}
    copies = {}
    for label in ("text", "scan"):
        data = tmp_path / f"data-{label}"
        shutil.copytree(corpus_settings.data_dir, data, symlinks=True)
        folder = tmp_path / label
        folder.mkdir()
        for doc_id in sorted(chosen):
            if label == "text":
                shutil.copyfile(WILD / f"{doc_id}.pdf", folder / f"{doc_id}.pdf")
            else:
                scanned_copy(WILD / f"{doc_id}.pdf", folder / f"{doc_id}.pdf", degraded=True)
        settings = Settings.from_env(data_dir=data, corpus_dir=CORPUS, embedding="e5")
        result = ingest_paths([folder], settings)
        assert not result.errors
        copies[label] = settings
    index = load_answerer(copies["scan"]).index
    assert all(index.documents[d].ocr_pages for d in chosen)
    text_answers, _, questions = ask_all(copies["text"], chosen)
    scan_answers, scan_citations, _ = ask_all(copies["scan"], chosen)
    assert len(questions) >= 15 and text_answers >= 0.8
    assert scan_answers >= 0.9 * text_answers
    assert scan_citations >= 0.8  # quotes checked against the original's text layer


@pytest.mark.slow
def test_ocr_citations_are_marked_and_the_cli_shows_progress_and_ocr_pages(tmp_path):
    path, _ = tianjin_with_scanned_last_page(tmp_path)
    data = tmp_path / "data"
    ingest = subprocess.run([sys.executable, "-m", "policyqa", "ingest", str(path), "--data-dir", str(data), "--no-embed"],
                            capture_output=True, text=True, timeout=600)
    assert ingest.returncode == 0, ingest.stderr
    assert "OCR        notice.pdf: scanned page 1 of 1" in ingest.stderr
    listed = json.loads(subprocess.run([sys.executable, "-m", "policyqa", "documents", "--json", "--data-dir", str(data)],
                                       capture_output=True, text=True, timeout=120).stdout)
    assert listed[0]["ocr_pages"] == [3] and listed[0]["ocr_spans"]
    questions = ["天津市2021年度引入的CCER至少有多少比例要来自京津冀地区的项目？",  # on the scanned page
                 "天津市2021年度碳排放配额总量是多少？"]  # on the first, typed page
    run = subprocess.run([sys.executable, "-m", "policyqa", "ask", "-", "--json", "--data-dir", str(data)],
                         input="\n".join(questions), capture_output=True, text=True, timeout=300)
    scanned, typed = [json.loads(line) for line in run.stdout.splitlines()]
    assert "50%" in scanned["answer"] and scanned["citations"][0]["ocr"] is True
    assert "0.75亿吨" in typed["answer"] and typed["citations"][0]["ocr"] is False
    text = subprocess.run([sys.executable, "-m", "policyqa", "ask", questions[0], "--data-dir", str(data)],
                          capture_output=True, text=True, timeout=300).stdout
    assert "（OCR识别）" in text.split("\n[1]")[1].split("\n")[0]
