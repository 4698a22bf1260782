"""From a file on disk to a parsed Document: read, normalise, read metadata, split sections."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from ingest.limits import ReadLimits
from ingest.metadata import extract_metadata
from ingest.models import Document
from ingest.normalize import normalize_document, normalize_text
from ingest.readers import SUPPORTED, IngestError, PageProgress, read_document
from ingest.regions import Gazetteer
from ingest.structure import split_sections

MIN_TEXT_CHARS = 20
# Bump when normalisation, structure or chunking changes what an index holds: indexes built by
# another version are rebuilt from source on the next ingest.
PIPELINE_VERSION = 29  # 29: the term a document gives itself is the one said with 本办法 or its coming into force, not a quota's ("结转量有效期为1年"); 28: an application window's days may carry their hours ("2024年4月15日9:00至2024年5月31日17:00"); 27: a title line ending in 办法 or 方案 goes on with a line "的通知"; 26: 通报 ends a title, and a title may end in (节选), (草案), (送审稿), (摘要); 25: a 落款 of up to 20 bodies one a line (a joint notice of nine ministries) is read whole, not its last six; 24: an article line ("第二十一条…核证自愿减排") runs on like any sentence: an article's number never stands alone as a heading; 23: a web page's "发布日期:…" field is a date of its own (posted); 22: the 版记's "X办公厅 2021年7月13日印发" is a date of its own (printed); 21: a line that ends in a number joins the next when that starts with a unit ("二万" / "吨以上"); 20: a title's bracketed period on the next line with the notice's end ("(2022-2025年)的通知") joins it; 19: a kind of zone ("绿色低碳工业园区") is no zone's own name; 18: a two-character county name inside a word ("范县" in "示范县") and the division table's 99… rows (海域) are no regions; 17: "全国碳市场" in a title is no region; a headless plan whose notes hand tasks to ministries is national; 16: a symbol font's characters and a private-use decimal point read back; 15: a row of sentences under a table's header is its first body row, never a second header level; 14: a sentence spaced around its figures is no row; 13: "一、二星级" at a line start is no heading; 12: characters on one baseline on one line, GB2312 punctuation read as Yi repaired, 清单 titles


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def parse_text(doc_id: str, raw: str, gazetteer: Gazetteer, source: str = "", sha256: str = "") -> Document:
    normalised = normalize_document(raw)
    text = normalised.text
    meta = replace(extract_metadata(doc_id, text, gazetteer, source=source, sha256=sha256),
                   page_seams=normalised.page_seams)
    sections, blocks = split_sections(text)
    return Document(meta=meta, text=text, sections=sections, blocks=blocks)


def parse_file(path: Path, gazetteer: Gazetteer, doc_id: str | None = None, notes: list[str] | None = None,
               on_page: PageProgress | None = None, limits: ReadLimits = ReadLimits()) -> Document:
    """The parsed file; ``on_page`` is told as each page without a text layer goes to OCR."""
    path = Path(path)
    raw = read_document(path, notes, on_page, limits)
    doc = parse_text(doc_id or path.stem, raw.text, gazetteer, source=path.name, sha256=file_sha256(path))
    if len(doc.text.strip()) < MIN_TEXT_CHARS:
        raise IngestError(path, "no usable text after normalisation")
    if raw.ocr_pages:
        spans = ocr_spans(doc.text, [page.text for page in raw.ocr_pages])
        doc.meta = replace(doc.meta, ocr_pages=tuple(page.number for page in raw.ocr_pages), ocr_spans=spans)
    return doc


def ocr_spans(text: str, page_texts: list[str], anchor: int = 12) -> tuple[tuple[int, int], ...]:
    """Where each OCR'd page's text lies in the normalised ``text``.

    Normalisation works on the whole document (a paragraph runs on across pages), so a page is found
    by its first and last ``anchor`` characters as normalised on their own; a page whose edges are not
    found is taken to run from the end of the page before it to the start of the next found one."""
    spans, position = [], 0
    for page in page_texts:
        lines = [line for line in normalize_text(page).split("\n") if line.strip()]
        if not lines:
            continue
        start = text.find(lines[0][:anchor], position)
        start = position if start < 0 else start
        tail = lines[-1][-anchor:]
        end = text.find(tail, start)
        end = len(text) if end < 0 else end + len(tail)
        spans.append((start, end))
        position = end
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def assign_doc_ids(files: list[Path]) -> tuple[list[tuple[Path, str]], list[str]]:
    """Each file with its document id, the file name's stem; and a note for every renamed file.

    Two files of one batch with the same stem and different content (x/notice.txt, y/notice.txt) must
    not become one document: the later one gets the first 8 hex digits of its SHA-256 as a suffix.
    Same stem and same content keeps the stem; it is skipped later as a duplicate.
    """
    first_of_stem: dict[str, tuple[Path, str]] = {}
    assigned, notes = [], []
    for path in files:
        stem = Path(path).stem
        if stem not in first_of_stem:
            first_of_stem[stem] = (path, "")
            assigned.append((path, stem))
            continue
        first_path, first_digest = first_of_stem[stem]
        first_digest = first_digest or _digest_or_empty(first_path)
        first_of_stem[stem] = (first_path, first_digest)
        digest = _digest_or_empty(path)
        if not digest or digest == first_digest:  # unreadable: reading it again reports the problem
            assigned.append((path, stem))
            continue
        doc_id = f"{stem}-{digest[:8]}"
        assigned.append((path, doc_id))
        notes.append(f"{path} has the same name as {first_path} but other content: indexed as {doc_id}")
    return assigned, notes


def _digest_or_empty(path: Path) -> str:
    try:
        return file_sha256(path)
    except OSError:
        return ""


def collect_files(paths: list[Path]) -> tuple[list[Path], list[IngestError]]:
    """Files to ingest under ``paths`` (directories are walked), and errors for paths that cannot be."""
    files: list[Path] = []
    errors: list[IngestError] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in SUPPORTED and not p.name.startswith(".")
                and p.name.lower() != "readme.md"
            )
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED:
                files.append(path)
            else:
                errors.append(IngestError(path, f"unsupported file type {path.suffix or '(none)'}; use .txt, .pdf or .docx"))
        else:
            errors.append(IngestError(path, "no such file or directory"))
    return files, errors
