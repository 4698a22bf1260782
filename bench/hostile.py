"""Files made to cost a reader more than they are worth: the bombs `make probe` and the tests upload.

Each is small on disk and large to read: a page of 8000×8000 pt, a thousand blank pages for OCR, a PDF
whose one page inflates to 100 MB of drawing operators, a .docx that unpacks to a gigabyte, one whose
XML nests a hundred thousand levels, a spreadsheet of many thousand long rows, a web page with one text
run of 11 MB.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/'
                 'word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                 'document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def huge_page_pdf(path: Path, side_pt: float = 8000) -> Path:
    """One blank page of ``side_pt`` × ``side_pt`` points (8000 pt is 2.8 m a side): 1 KB on disk,
    gigabytes of pixels when rendered for OCR."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(side_pt, side_pt))
    pdf.showPage()
    pdf.save()
    return path


def blank_pages_pdf(path: Path, pages: int = 1000) -> Path:
    """``pages`` A4 pages with no text layer: each one would go to OCR."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    for _ in range(pages):
        pdf.showPage()
    pdf.save()
    return path


def inflating_pdf(path: Path, megabytes: int = 100) -> Path:
    """A one-page PDF whose content stream inflates to ``megabytes`` MB of path operators ("0 0 m"),
    about 150 KB on disk; written object by object, as a PDF writer would."""
    inflater = zlib.compressobj(9)
    block = b"0 0 m\n" * (1024 * 1024 // 6)
    stream = b"".join(inflater.compress(block) for _ in range(megabytes)) + inflater.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _docx(path: Path, write_body) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", RELS)
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            write_body(part)
    return path


def zip_bomb_docx(path: Path, unpacked_mb: int = 1024) -> Path:
    """A well-formed .docx whose one paragraph list unpacks to ``unpacked_mb`` MB (about 1 MB on disk)."""
    def body(part):
        part.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WORD_NS}"><w:body>'.encode())
        block = b"<w:p/>" * (1024 * 1024 // 6)
        for _ in range(unpacked_mb):
            part.write(block)
        part.write(b"</w:body></w:document>")

    return _docx(path, body)


def deep_xml_docx(path: Path, depth: int = 100_000) -> Path:
    """A .docx whose document part nests ``depth`` elements inside each other."""
    def body(part):
        part.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WORD_NS}"><w:body>'.encode())
        part.write(b"<w:p>" * depth + b"</w:p>" * depth)
        part.write(b"</w:body></w:document>")

    return _docx(path, body)


def many_rows_xlsx(path: Path, rows: int = 7000) -> Path:
    """A workbook of ``rows`` rows repeating one 200-character cell: about 100 KB (Excel stores a
    repeated string once), one retrieval chunk a row once read."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("表1")
    cell = "推进重点用能单位节能改造" * 17
    for n in range(rows):
        sheet.append([n, cell])
    book.save(path)
    return path


def huge_text_html(path: Path, megabytes: int = 11) -> Path:
    """A web page whose article is one text run of ``megabytes`` MB, then a closing paragraph."""
    run = "节能降碳" * (megabytes * 1024 * 1024 // 12)
    path.write_text(f"<html><head><title>某县节能方案</title></head><body><div>{run}</div>"
                    "<p>本方案自印发之日起施行。</p></body></html>", encoding="utf-8")
    return path
