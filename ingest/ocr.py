"""Text of PDF pages that carry none: each page rendered with pypdfium2 and read by RapidOCR.

RapidOCR was chosen by measurement (docs/benchmarks.md, "OCR of scanned pages"): its PP-OCRv6 models come
inside the wheel, so nothing is downloaded, and on real policy pages it made a fifth of tesseract's
character errors in less time. The engine is loaded only when a page needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

# 100, 150 and 200 dpi read body text equally well (docs/benchmarks.md); 150 keeps a margin for the small
# print of table cells and footnotes, 200 adds pixels and time for nothing
OCR_DPI = 150
# Recognised lines below this score are dropped, as RapidOCR itself does by default.
MIN_LINE_SCORE = 0.5
# A page whose characters average below this was read poorly: clean and degraded scans of real pages
# score 0.97-1.00, a 70 dpi noisy copy 0.71 with every fifth character wrong; such a page is reported,
# not indexed, since a wrong figure is worse than none.
MIN_PAGE_SCORE = 0.85
# Two boxes on one line further apart than this many line heights are two table cells.
CELL_GAP_HEIGHTS = 1.5


@dataclass(frozen=True)
class OcrLine:
    text: str
    score: float
    left: float
    top: float
    right: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class OcrPage:
    """One page as OCR read it: its lines in reading order and how sure the engine was."""

    number: int  # 1-based
    text: str
    score: float  # the recognition score averaged over characters; 0.0 when nothing was read

    @property
    def readable(self) -> bool:
        return bool(self.text.strip()) and self.score >= MIN_PAGE_SCORE


def page_text(lines: list[OcrLine]) -> str:
    """The recognised lines as text: boxes on one visual line joined, left to right; a wide gap
    between two boxes becomes a tab, so a scanned table's cells stay cells for the table reader."""
    if not lines:
        return ""
    rows: list[list[OcrLine]] = []
    for line in sorted(lines, key=lambda b: (b.middle, b.left)):
        row = rows[-1] if rows else None
        if row and abs(line.middle - median(b.middle for b in row)) < median(b.height for b in row) / 2:
            row.append(line)
        else:
            rows.append([line])
    out = []
    for row in rows:
        row.sort(key=lambda b: b.left)
        height = median(b.height for b in row)
        text = row[0].text
        for before, box in zip(row, row[1:]):
            gap = box.left - before.right
            if gap > CELL_GAP_HEIGHTS * height:
                text += "\t"
            elif before.text[-1:].isascii() and box.text[:1].isascii():
                text += " "
            text += box.text
        out.append(text)
    return "\n".join(out)


class PageReader:
    """Renders PDF pages and reads them with RapidOCR; the models are loaded on the first page."""

    def __init__(self, dpi: int = OCR_DPI):
        self.dpi = dpi
        self._engine = None

    def _load(self):
        if self._engine is None:
            from rapidocr import RapidOCR

            # no line-angle classifier: on upright pages it turned whole lines ("（三）申报单位…") upside
            # down and they came out as garbage (docs/benchmarks.md); a turned page is handled in read_page
            self._engine = RapidOCR(params={"Global.log_level": "error", "Global.text_score": 0.0, "Global.use_cls": False})
        return self._engine

    def render(self, pdf, index: int):
        """Page ``index`` of an open pypdfium2 document as a greyscale PIL image at ``self.dpi``."""
        return pdf[index].render(scale=self.dpi / 72, grayscale=True).to_pil()

    def read_image(self, image, number: int) -> OcrPage:
        import numpy as np

        result = self._load()(np.asarray(image.convert("RGB")))
        found = [] if result.boxes is None else [
            OcrLine(text, float(score), float(box[:, 0].min()), float(box[:, 1].min()), float(box[:, 0].max()),
                    float(box[:, 1].max()))
            for box, text, score in zip(result.boxes, result.txts, result.scores) if text.strip()
        ]
        chars = sum(len(line.text) for line in found)
        score = sum(len(line.text) * line.score for line in found) / chars if chars else 0.0
        kept = [line for line in found if line.score >= MIN_LINE_SCORE]
        return OcrPage(number, page_text(kept), score)

    def read_page(self, pdf, index: int) -> OcrPage:
        """The page read upright, or upside down when upright it reads poorly (a sheet fed the wrong way)."""
        image = self.render(pdf, index)
        page = self.read_image(image, index + 1)
        if page.readable or not page.text.strip():
            return page
        turned = self.read_image(image.rotate(180), index + 1)
        return turned if turned.score > page.score else page
