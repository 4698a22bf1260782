"""OCR figures for docs/benchmarks.md: which engine reads real policy pages best, at what resolution, and
whether a scanned copy of a document answers its questions as well as the original.

Run with ``make bench-ocr`` (about an hour on 2 cores). Every scan is made here from a wild PDF's
pages (bench/scans.py): the text layer of the original is the truth the OCR is scored against.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.memory import peak_rss_mib
from bench.reports import write_section
from bench.scans import CLEAN_DPI, DEGRADED_DPI, page_images, scanned_copy
from ingest.ocr import PageReader
from policyqa.app import ingest_paths, load_answerer
from policyqa.settings import Settings
from retriever.evaluate import DocumentTexts, evaluate, load_questions
from retriever.index.embedding_cache import CACHE_FILE

ROOT = Path(__file__).resolve().parent.parent
WILD = ROOT.parent / "shared" / "wild" / "pdf"
QUESTION_SETS = [("wild tune half", ROOT / "tests" / "data" / "wild_tune_qa.jsonl"),
                 ("wild held-out half", ROOT / "tests" / "data" / "wild_heldout_qa.jsonl")]
# one body page of each of ten documents from different provinces, cities and producers
ENGINE_PAGES = [("w005", 1), ("w091", 0), ("w110", 2), ("w116", 2), ("w129", 1), ("w141", 0), ("w204", 3),
                ("w220", 5), ("w233", 1), ("w312", 4)]
LONG_SCAN = ("w220", 30)  # a 31-page plan: the first 30 pages as one scan


def text_layer(path: Path, index: int) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return pdf[index].get_textpage().get_text_range()
    finally:
        pdf.close()


def error_rate(truth: str, read: str) -> tuple[int, int]:
    """(edits, characters) between the two texts with every space and line break left out."""
    from rapidfuzz.distance import Levenshtein

    truth, read = re.sub(r"\s", "", truth), re.sub(r"\s", "", read)
    return Levenshtein.distance(truth, read), len(truth)


def engines() -> dict:
    """Each OCR engine installed here, as a function from a PIL image to text."""
    found = {}
    reader = PageReader()
    found["RapidOCR 3 (PP-OCRv6 small, onnxruntime), the default"] = lambda image: reader.read_image(image, 1).text
    try:
        import numpy as np
        from rapidocr_onnxruntime import RapidOCR

        old = RapidOCR()
        found["rapidocr-onnxruntime 1.4 (PP-OCRv4 mobile)"] = lambda image: "\n".join(
            line[1] for line in (old(np.asarray(image.convert("RGB")))[0] or []))
    except ImportError:
        pass
    if shutil.which("tesseract") and "chi_sim" in subprocess.run(["tesseract", "--list-langs"], capture_output=True,
                                                                  text=True).stdout:
        def tesseract(image) -> str:
            png = io.BytesIO()
            image.save(png, "PNG")
            return subprocess.run(["tesseract", "stdin", "stdout", "-l", "chi_sim", "--psm", "6"], input=png.getvalue(),
                                  capture_output=True).stdout.decode()
        found["tesseract 5 chi_sim (Debian)"] = tesseract
    return found


def engine_figures() -> list[str]:
    lines = ["### Engines", "",
             f"{len(ENGINE_PAGES)} body pages of ten wild PDFs, each rendered to an image as a clean scan ({CLEAN_DPI} dpi)",
             f"and as a degraded one ({DEGRADED_DPI} dpi, rotated 0.8°, grey noise σ=18); character error rate (CER)",
             "against the page's own text layer, spaces and line breaks left out; seconds per page on 2 cores.", "",
             "| engine | CER clean | CER degraded | s/page clean | s/page degraded |", "|---|---|---|---|---|"]
    pages = {(doc, i): {degraded: page_images(WILD / f"{doc}.pdf", pages=[i], degraded=degraded)[0]
                        for degraded in (False, True)} for doc, i in ENGINE_PAGES}
    truths = {key: text_layer(WILD / f"{key[0]}.pdf", key[1]) for key in pages}
    for name, read in engines().items():
        read(pages[ENGINE_PAGES[0]][False])  # loads the models: not a page's cost
        cells = []
        for degraded in (False, True):
            edits = chars = 0
            started = time.perf_counter()
            for key, images in pages.items():
                e, c = error_rate(truths[key], read(images[degraded]))
                edits, chars = edits + e, chars + c
            cells.append((edits / chars, (time.perf_counter() - started) / len(pages)))
        lines.append(f"| {name} | {cells[0][0]:.4f} | {cells[1][0]:.4f} | {cells[0][1]:.1f} | {cells[1][1]:.1f} |")
    return lines + [""]


def resolution_figures() -> list[str]:
    """The default engine reading the clean scans rendered at several resolutions."""
    lines = ["### Rendering resolution", "",
             "The same clean scans rendered for the default engine at each resolution before OCR:", "",
             "| dpi | CER | s/page |", "|---|---|---|"]
    scans = tempfile.mkdtemp(prefix="ocr-dpi-")
    try:
        import pypdfium2

        for dpi in (100, 150, 200):
            reader, edits, chars, seconds = PageReader(dpi=dpi), 0, 0, 0.0
            for doc, i in ENGINE_PAGES:
                scan = scanned_copy(WILD / f"{doc}.pdf", Path(scans) / f"{doc}-{i}.pdf", pages=[i])
                pdf = pypdfium2.PdfDocument(str(scan))
                if not seconds:
                    reader.read_page(pdf, 0)  # the models' load
                started = time.perf_counter()
                page = reader.read_page(pdf, 0)
                seconds += time.perf_counter() - started
                pdf.close()
                e, c = error_rate(text_layer(WILD / f"{doc}.pdf", i), page.text)
                edits, chars = edits + e, chars + c
            lines.append(f"| {dpi} | {edits / chars:.4f} | {seconds / len(ENGINE_PAGES):.1f} |")
    finally:
        shutil.rmtree(scans, ignore_errors=True)
    return lines + [""]


def questions_of(docs: set[str]) -> dict[str, list[dict]]:
    return {name: [q for q in load_questions(path) if set(q["docs"]) & docs] for name, path in QUESTION_SETS}


def answer_figures(work: Path, docs: list[str], degraded_docs: list[str]) -> list[str]:
    """The questions about ``docs`` asked of corpus/ plus those documents, three times: with the originals,
    as clean scans, and (``degraded_docs``) as degraded scans."""
    copies = {"text": (docs, None), "clean scan": (docs, False), "degraded scan": (degraded_docs, True)}
    sources = [WILD, ROOT / "corpus"]
    texts: dict = {}
    rows = []
    for label, (chosen, degraded) in copies.items():
        folder = work / label.replace(" ", "-")
        folder.mkdir(parents=True, exist_ok=True)
        for doc_id in chosen:
            pdf, target = WILD / f"{doc_id}.pdf", folder / f"{doc_id}.pdf"
            if degraded is None:
                shutil.copyfile(pdf, target)
            else:
                scanned_copy(pdf, target, degraded=degraded)
        settings = Settings.from_env(data_dir=work / f"data-{folder.name}")
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        if (work / CACHE_FILE).exists():  # the unchanged documents' vectors are not computed again
            shutil.copyfile(work / CACHE_FILE, settings.data_dir / CACHE_FILE)
        started = time.perf_counter()
        result = ingest_paths([ROOT / "corpus", folder], settings)
        seconds = time.perf_counter() - started
        shutil.copyfile(settings.data_dir / CACHE_FILE, work / CACHE_FILE)
        answerer = load_answerer(settings)
        ocr_pages = sum(len(m.ocr_pages) for m in answerer.index.documents.values())
        for name, questions in questions_of(set(chosen)).items():
            # quotes are checked against the originals' text layer: an OCR slip inside a quote counts against it
            report = evaluate(answerer, questions, sources, texts.setdefault(name, DocumentTexts(sources, {})))
            s = report.summary()
            rows.append(f"| {label} | {name} | {len(chosen)} | {s['questions']} | {s['answer_accuracy']} | "
                        f"{s['citation_accuracy']} | {s['recall_at_5']} | {ocr_pages} | {seconds:.0f} s |")
        if result.errors:
            rows.append(f"| {label} | refused: {'; '.join(map(str, result.errors))} |")
    return ["### A scanned copy answers its questions", "",
            "The wild question sets' questions about the documents counted asked of an index of corpus/ plus those",
            "documents, as they are (text), as clean scans and as degraded scans. Citations are checked against the",
            "original's text layer, so a misread character inside a quote counts against it.", "",
            "| copy | set | documents | questions | answer acc. | citation acc. | Recall@5 | pages OCR'd | ingest |",
            "|---|---|---|---|---|---|---|---|---|", *rows, ""]


def long_scan_figures(work: Path) -> list[str]:
    doc, pages = LONG_SCAN
    scan = scanned_copy(WILD / f"{doc}.pdf", work / f"{doc}-scan.pdf", pages=list(range(pages)))
    settings = Settings.from_env(data_dir=work / "data-long")
    started = time.perf_counter()
    result = ingest_paths([scan], settings, embed=False)
    seconds = time.perf_counter() - started
    assert not result.errors, result.errors
    return ["### A 30-page scan", "",
            f"`policyqa ingest` of a {pages}-page clean scan of {doc}.pdf (keyword index, vectors left to the embedder):",
            f"{seconds:.0f} s in all, {seconds / pages:.1f} s a page; peak memory of the process {peak_rss_mib():.0f} MiB.", ""]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--docs", default="", help="comma-separated wild ids (default: every one with questions)")
    parser.add_argument("--degraded-docs", type=int, default=12, help="how many of them get a degraded scan too")
    parser.add_argument("--skip", default="", help="comma-separated parts to leave out: engines,dpi,answers,long")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    with_questions = sorted({d for _, path in QUESTION_SETS for q in load_questions(path) for d in q["docs"]})
    docs = args.docs.split(",") if args.docs else with_questions
    lines = ["## OCR of scanned pages (issue 25)", "",
             "Written by `make bench-ocr` (bench/ocr_bench.py); scans made from the wild PDFs by bench/scans.py.", ""]
    work = Path(tempfile.mkdtemp(prefix="ocr-bench-"))
    try:
        parts = [("engines", engine_figures), ("dpi", resolution_figures),
                 ("answers", lambda: answer_figures(work, docs, docs[::max(1, len(docs) // args.degraded_docs)])),
                 ("long", lambda: long_scan_figures(work))]
        for name, part in parts:
            if name not in skip:
                started = time.perf_counter()
                lines += part()
                print(f"{name}: {time.perf_counter() - started:.0f} s", flush=True)
                print(json.dumps(lines[-12:], ensure_ascii=False), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_section(args.out, "ocr", "\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
