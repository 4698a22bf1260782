"""Read .txt, .pdf (scanned pages by OCR), .docx and .doc, saved web pages (.html) and Excel attachments
(.xlsx, .xls) into raw text; every failure becomes an IngestError naming the file."""

from __future__ import annotations

import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ingest.limits import ReadLimits, page_area_m2

SUPPORTED = (".txt", ".pdf", ".docx", ".doc", ".html", ".htm", ".xlsx", ".xls")
HTML_START_RE = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta)\b", re.IGNORECASE | re.DOTALL)
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and .doc): a Compound File
# Above this share of unreadable characters a text is glyph codes, not language: indexing it would put
# a garbage title into every answer's coverage list. Real documents carry a few icons at most.
MAX_UNUSABLE_SHARE = 0.3
CID_RE = re.compile(r"\(cid:\d+\)")
# A PDF page with fewer usable characters than this in its text layer is read by OCR: a scan may carry
# a stamped page number ("- 3 -") but no text.
MIN_LAYER_CHARS = 10

PageProgress = Callable[[int, int], None]  # (page number, pages to OCR) as each scanned page starts


@dataclass(frozen=True)
class RawText:
    """A file's raw text, and the pages of it that OCR read (empty for a file with a text layer)."""

    text: str
    ocr_pages: tuple = ()  # ingest.ocr.OcrPage, in page order, each indexed


class IngestError(Exception):
    """A file that cannot be ingested; the message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{Path(path).name}: {problem}")


def sniff_type(data: bytes) -> str | None:
    """The file type by content, not by name."""
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return ".docx"
    if data.startswith(b"PK\x03\x04") and b"xl/" in data[:65536]:
        return ".xlsx"
    if data.startswith(OLE2_MAGIC) and "Workbook".encode("utf-16-le") in data:
        return ".xls"
    if data.startswith(OLE2_MAGIC) and "WordDocument".encode("utf-16-le") in data:
        return ".doc"
    if b"\x00" in data[:4096]:
        return None
    if HTML_START_RE.match(data.lstrip(b"\xef\xbb\xbf")[:4096]):
        return ".html"
    return ".txt"


def read_text(path: Path, notes: list[str] | None = None) -> str:
    """The file's raw text. Problems that do not stop reading (a page OCR read poorly) are appended to ``notes``."""
    return read_document(path, notes).text


def read_document(path: Path, notes: list[str] | None = None, on_page: PageProgress | None = None,
                  limits: ReadLimits = ReadLimits()) -> RawText:
    """The file's raw text with the pages OCR read; ``on_page`` is told as each scanned page starts. A
    file that would cost more than ``limits`` is refused before that work, naming the limit."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise IngestError(path, "the file is empty")
    kind = sniff_type(data)
    if kind is None:
        raise IngestError(path, "not a text, PDF, Word, web page or Excel file (binary content)")
    named = ".html" if path.suffix.lower() == ".htm" else path.suffix.lower()
    if named in SUPPORTED and kind != named and not (kind == ".html" and named == ".txt"):
        raise IngestError(path, f"named {path.suffix} but its content is {kind.lstrip('.').upper()}")
    ocr_pages: tuple = ()
    if kind in (".docx", ".xlsx"):
        check_package(path, kind, limits)
    if kind == ".pdf":
        check_pdf_streams(path, limits)
    if kind == ".pdf":
        text, ocr_pages = read_pdf(path, notes, on_page, limits)
    elif kind == ".docx":
        text = read_docx(path)
    elif kind == ".doc":
        text = read_doc(path)
    elif kind == ".html":
        text = read_html(path, data)
    elif kind in (".xlsx", ".xls"):
        text = read_spreadsheet(path, kind)
    else:
        text = decode_text(path, data)
    if len(text) > limits.max_text_chars:
        raise IngestError(path, f"{len(text):,} characters of text, over the limit of {limits.max_text_chars:,} "
                                "(POLICYQA_MAX_TEXT_CHARS)")
    share = unusable_share(text)
    if share > MAX_UNUSABLE_SHARE:
        raise IngestError(path, f"no usable text layer: {share:.0%} of its text is (cid:N) glyph codes, "
                                "replacement or private-use characters")
    return RawText(text, ocr_pages)


def unusable_share(text: str) -> float:
    """The share of non-space characters that carry no text: pdfminer's (cid:N) for a glyph it cannot
    map to Unicode (no ToUnicode map, some encrypted PDFs), U+FFFD and private-use code points."""
    unusable, total = _character_counts(text)
    return unusable / total if total else 0.0


def _character_counts(text: str) -> tuple[int, int]:
    """(characters that carry no text, all non-space characters), as unusable_share counts them."""
    cid_chars = sum(len(m) for m in CID_RE.findall(text))
    rest = CID_RE.sub("", text)
    bad = sum(1 for ch in rest if ch == "\ufffd" or unicodedata.category(ch) == "Co")
    return cid_chars + bad, cid_chars + sum(1 for ch in rest if not ch.isspace())


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 first (with or without BOM), then GB18030 (a superset of GBK/GB2312), then a detector."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError(path, "text encoding not recognised (tried UTF-8, GB18030)")
    return str(best)


def read_pdf(path: Path, notes: list[str] | None = None, on_page: PageProgress | None = None,
             limits: ReadLimits = ReadLimits()) -> tuple[str, tuple]:
    """The PDF's text page by page, and the pages read by OCR: a page whose text layer is missing or
    unusable (a scan, glyph codes without a Unicode map) is rendered and OCR'd; a page OCR reads
    poorly is noted and left out, not indexed as garbage."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            if not pdf.pages:
                raise IngestError(path, "the PDF has no pages")
            if len(pdf.pages) > limits.max_pdf_pages:
                raise IngestError(path, f"{len(pdf.pages)} pages, over the limit of {limits.max_pdf_pages} "
                                        "(POLICYQA_MAX_PDF_PAGES)")
            pages_out = [_pdf_page_text(page) for page in pdf.pages]
    except IngestError:
        raise
    except Exception as exc:  # pdfminer wraps its many error types; look at the whole chain
        if _is_encryption_error(exc):
            raise IngestError(path, "the PDF is encrypted (password protected)") from None
        detail = str(exc) or type(exc).__name__
        raise IngestError(path, f"the PDF is broken or unreadable ({detail})") from None
    scanned = [i for i, text in enumerate(pages_out) if not _usable_layer(text)]
    if not scanned:
        return "\n".join(pages_out), ()
    if len(scanned) > limits.max_ocr_pages:
        raise IngestError(path, f"{len(scanned)} of its pages have no text layer and would go to OCR, over the "
                                f"limit of {limits.max_ocr_pages} (POLICYQA_MAX_OCR_PAGES)")
    try:
        read, problems = _ocr_pages(path, scanned, on_page, limits.max_page_area_m2)
    except Exception as exc:  # pdfium and onnxruntime raise their own types on a page they cannot take
        raise IngestError(path, f"its pages without a text layer could not be rendered or OCR'd ({type(exc).__name__}: {exc})") from None
    for page in read:
        pages_out[page.number - 1] = page.text
    for i in scanned:
        if pages_out[i] and not _usable_layer(pages_out[i]):
            pages_out[i] = ""  # the glyph codes of a page OCR could not read either
    if not any(text.strip() for text in pages_out):
        raise IngestError(path, "no usable text layer, and OCR could not read it: "
                                + "; ".join(f"page {number}: {problem}" for number, problem in problems))
    if notes is not None:
        notes.extend(f"{Path(path).name}: page {number} has no usable text layer and {problem}, so it was not indexed"
                     for number, problem in problems)
    return "\n".join(pages_out), tuple(read)


def _usable_layer(text: str) -> bool:
    unusable, total = _character_counts(text)
    return total - unusable >= MIN_LAYER_CHARS and unusable <= MAX_UNUSABLE_SHARE * total


def _ocr_pages(path: Path, indexes: list[int], on_page: PageProgress | None,
               max_area_m2: float) -> tuple[list, list[tuple[int, str]]]:
    """The pages OCR read well, and (page number, what went wrong) for every page it did not; a page
    larger than ``max_area_m2`` is not rendered (its pixels, not its file size, cost the memory)."""
    import pypdfium2

    from ingest.ocr import PageReader

    reader, read, problems = PageReader(), [], []
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        for done, index in enumerate(indexes, 1):
            if on_page is not None:
                on_page(done, len(indexes))
            width, height = pdf[index].get_size()
            if page_area_m2(width, height) > max_area_m2:
                problems.append((index + 1, f"is {width * 25.4 / 72:.0f}×{height * 25.4 / 72:.0f} mm, over the page-size "
                                            f"limit of {max_area_m2:g} m² for OCR (POLICYQA_MAX_PAGE_AREA_M2)"))
                continue
            page = reader.read_page(pdf, index)
            if page.readable:
                read.append(page)
            elif page.text.strip():
                problems.append((page.number, f"OCR read it poorly (confidence {page.score:.2f})"))
            else:
                problems.append((page.number, "OCR found no text on it"))
    finally:
        pdf.close()
    return read, problems


def _is_encryption_error(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 10:
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name or any("Password" in type(a).__name__ for a in exc.args):
            return True
        exc = exc.__cause__ or exc.__context__ or next((a for a in exc.args if isinstance(a, BaseException)), None)
        seen += 1
    return False


def _pdf_page_text(page) -> str:
    """Page text top to bottom, each table (ruled or not: ingest/pdf_tables.py) as tab-separated rows in
    place of its flattened words."""
    from ingest.pdf_tables import page_tables

    align_to_baselines(page.chars)
    tables = page_tables(page)
    if not tables:
        return page.extract_text() or ""
    parts, top = [], page.bbox[1]
    for table in tables:
        if table.top - 0.5 > top:
            parts.append(page.crop((page.bbox[0], top, page.bbox[2], table.top - 0.5)).extract_text() or "")
        parts.append("\n".join(table_row_line(row) for row in table.rows))
        top = max(top, table.bottom + 0.5)
    if top < page.bbox[3]:
        parts.append(page.crop((page.bbox[0], top, page.bbox[2], page.bbox[3])).extract_text() or "")
    return "\n".join(p for p in parts if p)


BASELINE_TOLERANCE = 0.5  # points: characters this close to one baseline are on one printed line


def align_to_baselines(chars: list[dict]) -> None:
    """Give the characters printed on one baseline the same box top and bottom, in place.

    pdfplumber places a character by its font's bounding box. A document that sets its digits in
    another font than its Chinese ("青政〔2021〕36号", the digits in an embedded font whose box sits
    12 points lower) has them a line apart by box, though the text matrix puts them on one baseline:
    the text reads "青政〔〕号" and then "2021 36" on a line of its own. Characters of an upright
    matrix on one baseline and of about one size are moved to the box top most of them have."""
    rows: dict[tuple[int, int], list[dict]] = {}
    for char in chars:
        matrix = char.get("matrix")
        if not matrix or matrix[1] or matrix[2] or not char.get("upright", True):
            continue
        key = (round(matrix[5] / BASELINE_TOLERANCE), round(char["size"]))
        rows.setdefault(key, []).append(char)
    for row in rows.values():
        boxes: dict[tuple[float, float], int] = {}
        for char in row:
            box = (round(char["top"], 1), round(char["bottom"], 1))
            boxes[box] = boxes.get(box, 0) + 1
        if len(boxes) < 2:
            continue
        top = max(boxes, key=boxes.get)[0]
        for char in row:
            shift = top - char["top"]
            if abs(shift) > BASELINE_TOLERANCE:
                for key in ("top", "bottom", "doctop"):
                    char[key] += shift
                for key in ("y0", "y1"):
                    char[key] -= shift


def check_package(path: Path, kind: str, limits: ReadLimits) -> None:
    """Refuse a .docx or .xlsx whose parts unpack past ``limits`` or nest their XML too deeply, from the
    zip's own directory and a streaming pass over each XML part, before any library opens it."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            unpacked = sum(member.file_size for member in members)
            if unpacked > limits.max_unpacked_mb * 1024 * 1024:
                raise IngestError(path, f"it unpacks to {unpacked / 1024 / 1024:,.0f} MB, over the limit of "
                                        f"{limits.max_unpacked_mb} MB (POLICYQA_MAX_UNPACKED_MB)")
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    with package.open(member) as part:
                        if xml_deeper_than(part, limits.max_xml_depth):
                            raise IngestError(path, f"its part {member.filename} nests XML deeper than "
                                                    f"{limits.max_xml_depth} levels (POLICYQA_MAX_XML_DEPTH)")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise IngestError(path, f"the {kind.lstrip('.').upper()} file cannot be opened (a damaged zip package: {exc})") from None


def check_pdf_streams(path: Path, limits: ReadLimits) -> None:
    """Refuse a PDF whose streams inflate past ``limits``: a page's content stream of 150 KB can inflate
    to 100 MB of drawing operators, which the PDF reader would decode whole and interpret for minutes.
    Each stream stored in the file is inflated here in pieces and only counted, stopping at the limit;
    objects inside object streams are counted with their stream; images are not counted (nothing reads
    them but OCR, which renders only pages within the page-size limit)."""
    import zlib

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFStream, resolve1

    budget = limits.max_pdf_content_mb * 1024 * 1024
    total = 0
    try:
        with open(path, "rb") as handle:
            document = PDFDocument(PDFParser(handle))
            for xref in document.xrefs:
                for objid in xref.get_objids():
                    try:
                        if xref.get_pos(objid)[0] is not None:  # inside an object stream: counted with it
                            continue
                        stream = document.getobj(objid)
                    except Exception:  # a damaged object: the reader says what is wrong with the file
                        continue
                    if not isinstance(stream, PDFStream) or getattr(resolve1(stream.get("Subtype")), "name", "") == "Image":
                        continue
                    filters = resolve1(stream.get("Filter"))
                    first = resolve1(filters[0]) if isinstance(filters, list) and filters else filters
                    if getattr(first, "name", None) != "FlateDecode":
                        total += len(stream.rawdata or b"")
                    else:
                        inflater, data = zlib.decompressobj(), stream.rawdata or b""
                        while data and total <= budget:
                            try:
                                total += len(inflater.decompress(data, 1 << 20))
                            except zlib.error:
                                break
                            data = inflater.unconsumed_tail
                    if total > budget:
                        raise IngestError(path, f"its page contents inflate to over {limits.max_pdf_content_mb} MB "
                                                "(POLICYQA_MAX_PDF_CONTENT_MB)")
    except IngestError:
        raise
    except Exception:  # pdfminer cannot even find the objects: the reader reports the damage
        return


def xml_deeper_than(stream, limit: int) -> bool:
    """Whether an XML stream nests elements deeper than ``limit``; read as a stream, stopped at the limit."""
    from lxml import etree

    depth = 0
    try:
        for event, _ in etree.iterparse(stream, events=("start", "end"), resolve_entities=False, no_network=True):
            depth += 1 if event == "start" else -1
            if depth > limit:
                return True
    except etree.XMLSyntaxError as exc:
        # lxml stops at its own depth limit (256) before handing over the events it parsed in that chunk
        return "depth" in str(exc).lower()  # otherwise not well-formed: the reader that opens it says so
    return False


def read_html(path: Path, data: bytes) -> str:
    from ingest.web_page import html_text

    try:
        text = html_text(decode_text(path, data))
    except ValueError as exc:  # lxml: a document it cannot parse at all
        raise IngestError(path, f"the web page cannot be parsed ({exc})") from None
    if not text.strip():
        raise IngestError(path, "the web page holds no article text")
    return text


def read_spreadsheet(path: Path, kind: str) -> str:
    from ingest.spreadsheet import xls_text, xlsx_text

    try:
        text = xlsx_text(path) if kind == ".xlsx" else xls_text(path)
    except Exception as exc:  # a damaged or encrypted workbook: each library raises its own errors
        raise IngestError(path, f"the {kind.lstrip('.').upper()} file cannot be opened ({type(exc).__name__})") from None
    if not text.strip():
        raise IngestError(path, "the workbook's sheets are empty")
    return text


def table_row_line(cells) -> str:
    """A table row as one line, cells tab-separated: a line break inside a cell would split the row."""
    return "\t".join((cell or "").replace("\n", "") for cell in cells)


def read_doc(path: Path) -> str:
    from ingest.word_doc import ConversionError, convert_doc_to_docx

    with tempfile.TemporaryDirectory(prefix="policyqa-doc-") as out_dir:
        try:
            converted = convert_doc_to_docx(path, Path(out_dir))
        except ConversionError as exc:
            raise IngestError(path, str(exc)) from None
        return read_docx(converted, shown_as=path)


def read_docx(path: Path, shown_as: Path | None = None) -> str:
    """``shown_as``: the file named in errors, when ``path`` is a conversion of it."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except Exception as exc:
        kind = "DOC" if shown_as else "DOCX"
        raise IngestError(shown_as or path, f"the {kind} cannot be opened ({type(exc).__name__})") from None
    # In body order: a 分工表 belongs under its own heading, not after the 落款.
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += [table_row_line(cell.text for cell in row.cells) for row in block.rows]
        else:
            lines.append(block.text)
    return "\n".join(lines)
