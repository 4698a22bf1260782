"""How much work one file may cost before it is refused: checked before the work, named in the refusal.

A server reads files that anyone with the page may upload. A 1 KB PDF can declare a page of 8000×8000 pt
(2.6 GB to render), a 400 KB .docx can unpack to gigabytes, a thousand blank pages each go to OCR. Each
limit below is checked on what the file declares (page count and size, the zip's directory, XML nesting)
before rendering, unpacking or parsing, so that a refusal costs milliseconds, not the work it prevents.

The defaults leave a wide margin above every real document seen here (the 115 real PDFs of ``../shared``:
at most 107 pages, 62,000 characters and 283 chunks a file, 5.8 MB of inflated PDF content, the largest
page 0.48 m², about A1); each is
a ``POLICYQA_*`` setting (policyqa/settings.py builds these from the environment).
"""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_POINT = 25.4 / 72


@dataclass(frozen=True)
class ReadLimits:
    # PDF pages read at all: opening is cheap, reading every page's text and tables is not (a dense page
    # takes up to half a second)
    max_pdf_pages: int = 500
    # pages without a text layer sent to OCR, about 3 s each on two cores: 300 is a quarter of an hour
    max_ocr_pages: int = 300
    # one page rendered for OCR, in square metres: A0 is 1 m², twice that is a large plan drawing; at
    # 150 dpi it is 70 million pixels, the most a page may cost in memory
    max_page_area_m2: float = 2.0
    # a .docx or .xlsx unpacked: its parts' declared sizes summed (zip bombs declare theirs honestly, or
    # fail their CRC when read)
    max_unpacked_mb: int = 250
    # a PDF's drawing instructions, inflated (page contents, forms, fonts; images are not counted): the
    # reader interprets every operator, and a 150 KB file can inflate to 100 MB of them (2.5 minutes,
    # 2.5 GB); real files hold at most 6 MB
    max_pdf_content_mb: int = 32
    # nesting of one XML part: real Word and Excel parts stay below 30; a deep one costs the parser
    # time and stack
    max_xml_depth: int = 100
    # characters of text read from one file, before normalisation (a 500-page plan has about 400,000)
    max_text_chars: int = 2_000_000
    # retrieval chunks one file may become: each is embedded (about 30 a second on two cores)
    max_chunks: int = 3000


def page_area_m2(width_pt: float, height_pt: float) -> float:
    return (width_pt * MM_PER_POINT / 1000) * (height_pt * MM_PER_POINT / 1000)
