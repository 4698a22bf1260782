"""Turn text extracted from a PDF into clean, simplified-Chinese lines.

The output keeps one logical line per paragraph and one line per table row (cells separated by
tabs). Nothing is reordered or reworded: apart from NFKC, traditional-to-simplified conversion and
the 〔〕 repair, only whitespace, page numbers and running headers are removed, so a quote cut from
the normalised text can still be found in the source once whitespace is ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ingest.lexicon import closing_qualifiers, document_kind_words, unit_names
from ingest.tables import join_cells

TERMINAL = "。！？；;!?"
HEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+、(?![一二三四五六七八九十]+(?:星|级|类|档|等|、|和|至|到))|第[一二三四五六七八九十百零〇]+[章节条]|\([一二三四五六七八九十]+\)|\d{1,2}[.、](?!\d)|——|附件|表\s*\d|图\s*\d)"
)
ARTICLE_RE = re.compile(r"^第[一二三四五六七八九十百零〇]+条")
PAGE_NUMBER_RE = re.compile(r"^[-—–~\s]*\d{1,3}[-—–~\s]*$")
DECORATION_RE = re.compile(r"^[━─=_\-—–·•\s]{4,}$")
DATE_LINE_RE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
ORG_SUFFIX_RE = re.compile(r"(委员会|人民政府|办公室|局|小组|文件|单位)[:：]?$")
NUMERIC_CELL_RE = re.compile(r"^[-+]?\d[\d.,]*%?$|^[-/—]$")
ROW_NUMBER_RE = re.compile(r"^\d{1,3}$")
ROW_NUMBER_HEADER_RE = re.compile(r"^(序号|编号)$")
UNIT_LINE_RE = re.compile(r"^[(（]?单位\s*[:：]")
QUALIFIED_NUMBER_RE = re.compile(rf"^\d[\d.]*(?:{'|'.join(closing_qualifiers())})$")  # "50以上"
CAPTION_RE = re.compile(r"^表\s*\d+")
DOC_NUMBER_END_RE = re.compile(r"〔\d{4}〕\d+号$")
TITLE_END_RE = re.compile(rf"^[^，。,;；]{{8,80}}(?:{'|'.join(map(re.escape, document_kind_words('heading')))})$")
ADDRESSEE_RE = re.compile(r"^[^，。,]{2,40}[:：]$")
# „2021‟, [2021], (2021) and similar stand-ins for 〔2021〕 inside a 文号
DOC_NUMBER_BRACKETS_RE = re.compile(
    r"([\u4e00-\u9fff]{1,12})\s*[„\[［【〔(（\"“]\s*((?:19|20)\d{2})\s*[‟\]］】〕)）\"”]\s*(\d{1,4})\s*号"
)
SPACE_RE = re.compile(r"(?<![A-Za-z0-9.%])[ \u3000\xa0]+|[ \u3000\xa0]+(?![A-Za-z0-9])")
CJK_GAP_RE = re.compile(r"(?<=[\u4e00-\u9fff(（])\s+(?=[\u4e00-\u9fff)）])")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


# Some typesetting fonts map their full-width punctuation to its GB2312 code read as a Unicode code
# point: "，" (GB A3AC) comes out as the Yi syllable U+A3AC "ꎬ". Row A3 of GB2312 is full-width ASCII,
# so U+A3A1–U+A3FE is read back to U+FF01–U+FF5E; its "．" ends these fonts' sentences: it is "。".
GB_ROW3_RE = re.compile("[\ua3a1-\ua3fe]")


def _gb_row3(match: re.Match) -> str:
    code = ord(match.group(0))
    return "。" if code == 0xA3AE else chr(0xFF01 + code - 0xA3A1)


# A symbol font's characters come out in the private-use area at U+F000 + their code: "=" as U+F03D,
# "×" as U+F0B4, "∑" as U+F0E5 (formulas of allocation plans). Only the codes that mean the same in
# the Symbol font as their name here are read back; its Greek letters and the rest stay as printed.
SYMBOL_FONT = {0xF020 + i: ch for i, ch in enumerate(" !")} | {
    0xF000 + ord(ch): ch for ch in "#%&()+,-./0123456789:;<=>?[]_{|}"} | {
    0xF0B4: "×", 0xF0B8: "÷", 0xF0B1: "±", 0xF0A3: "≤", 0xF0B3: "≥", 0xF0B0: "°", 0xF0E5: "∑", 0xF0D7: "·"}
# another font family keeps its decimal point in a private-use plane: "8\U001001b06" is 8.6
PRIVATE_DECIMAL_RE = re.compile(r"(?<=\d)[\ue000-\uf8ff\U000f0000-\U0010ffff](?=\d)")


def normalize_chars(text: str) -> str:
    """GB codes read as Yi syllables repaired, a symbol font's and a private decimal point read back,
    NFKC, traditional to simplified, 〔〕 in 文号 repaired."""
    text = PRIVATE_DECIMAL_RE.sub(".", text.translate(SYMBOL_FONT))
    text = unicodedata.normalize("NFKC", GB_ROW3_RE.sub(_gb_row3, text))
    text = _t2s().convert(text)
    return repair_doc_number_brackets(text)


def repair_doc_number_brackets(text: str) -> str:
    return DOC_NUMBER_BRACKETS_RE.sub(lambda m: f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号", text)


# a year whose digits the PDF spaced apart ("20 2 1年7月7日"): one number
SENTENCE_LABEL_CHARS = 8  # a row's label is shorter than the words a spaced sentence runs before its figure
SPACED_YEAR_RE = re.compile(r"(?<![\d.])([12]\s*[09]\s*\d\s*\d)(?=\s*年)")


def clean_spaces(text: str) -> str:
    """Drop PDF spacing around Chinese text; keep a space only between two Latin words or numbers."""
    text = SPACED_YEAR_RE.sub(lambda m: re.sub(r"\s", "", m.group(1)), text.strip())
    return SPACE_RE.sub("", text)


def is_noise_line(line: str) -> bool:
    return bool(PAGE_NUMBER_RE.match(line) or DECORATION_RE.match(line))


def row_cells(line: str) -> list[str] | None:
    """Cells of a table row as the PDF or DOCX reader gave it, or None when the line is prose (a
    normalised row is read by ingest/tables.py).

    Tab-separated lines are rows. Space-separated lines count as rows when they carry at least two
    numeric cells after a text label and no sentence punctuation (tables flattened by the PDF tool).
    """
    if "\t" in line:
        return [_clean_cell(c) for c in line.split("\t")]
    stripped = line.strip()
    if any(p in stripped for p in "，。；：、,;") or DATE_LINE_RE.match(stripped):
        return None
    tokens = _merge_tokens(stripped.split())
    if _spaced_sentence(tokens):
        return None
    numeric = sum(1 for t in tokens if NUMERIC_CELL_RE.match(t) or QUALIFIED_NUMBER_RE.match(t))
    # a row number may come first ("2 甲市 120 250 130"), then the row's label
    numbered = len(tokens) >= 4 and ROW_NUMBER_RE.match(tokens[0]) and not NUMERIC_CELL_RE.match(tokens[1])
    if len(tokens) >= 3 and numeric - bool(numbered) >= 2 and (numbered or not NUMERIC_CELL_RE.match(tokens[0])):
        return tokens
    return None


def _spaced_sentence(tokens: list[str]) -> bool:
    """"…排放强度分别比 2020 年下降 25%": a sentence the PDF spaced around its figures, not a row: a long
    first token, and a year whose 年 opens the next token with more words after it."""
    if len(tokens) < 3 or len(tokens[0]) < SENTENCE_LABEL_CHARS:
        return False
    return any(re.fullmatch(r"(?:19|20)\d{2}", a) and re.match(r"年[\u4e00-\u9fff]{2,}", b)
               for a, b in zip(tokens, tokens[1:]))


def align_to_header(cells: list[str], header: list[str]) -> list[str]:
    """A flattened row with fewer cells than its header: the label under the header's label column
    (after 序号) and the figures under the last columns, as a row that leaves its first cells empty
    (合计 has no row number) or a cell blank prints."""
    missing = len(header) - len(cells)
    if missing <= 0:
        return cells
    label_at = 1 if header and ROW_NUMBER_HEADER_RE.match(header[0]) and not ROW_NUMBER_RE.match(cells[0]) else 0
    first_figure = next((i for i, c in enumerate(cells) if NUMERIC_CELL_RE.match(c) and i > 0), len(cells))
    if ROW_NUMBER_RE.match(cells[0]) and first_figure == 0:
        first_figure = next((i for i, c in enumerate(cells[1:], 1) if NUMERIC_CELL_RE.match(c)), len(cells))
    leading = [""] * label_at + cells[:first_figure]
    return leading + [""] * (len(header) - len(leading) - len(cells[first_figure:])) + cells[first_figure:]


def _clean_cell(cell: str) -> str:
    return CJK_GAP_RE.sub("", clean_spaces(cell))


def _merge_tokens(tokens: list[str]) -> list[str]:
    """Undo PDF letter-spacing ("年 度" -> "年度") and re-attach "以上"/"以内" to their number."""
    merged: list[str] = []
    for tok in tokens:
        if merged and tok in closing_qualifiers():
            merged[-1] += tok
        elif merged and len(tok) == 1 and _is_cjk(tok) and (
            (len(merged[-1]) == 1 and _is_cjk(merged[-1])) or re.match(r"^\d{4}$", merged[-1])
        ):
            merged[-1] += tok  # "年 度" -> "年度", "2016 年" -> "2016年"
        else:
            merged.append(tok)
    return merged


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line.strip())


def wrap_width(lines: list[str]) -> int | None:
    """The page width of a hard-wrapped document, or None when paragraphs are single lines.

    Some PDF extractions break every printed line; most of their lines then share one width.
    """
    widths = sorted(display_width(line) for line in lines if "\t" not in line)
    if len(widths) < 20:
        return None
    typical = widths[int(len(widths) * 0.75)]
    near = sum(1 for w in widths if 0.85 * typical <= w <= 1.1 * typical)
    return typical if near / len(widths) >= 0.5 else None


NUMBER_END_RE = re.compile(r"[\d一二三四五六七八九十百千万亿两]$")


@lru_cache(maxsize=1)
def _units() -> tuple[str, ...]:
    return tuple(unit_names())


def _should_join(paragraph: str, line: str, last_width: int, width: int | None) -> bool:
    """Is ``line`` the continuation of ``paragraph`` (a line broken mid-sentence)?"""
    if not paragraph or paragraph[-1] in TERMINAL or paragraph[-1] in ":：":
        return False
    if HEADING_RE.match(line) or DATE_LINE_RE.match(line):
        return False
    if line[0] in "，。、；：,.;:)）%”’》" or line.startswith(("的,", "的，")):
        return True  # no paragraph starts with punctuation or with "的,": the line runs on
    if NUMBER_END_RE.search(paragraph) and line.startswith(_units()):
        return True  # "…相差10%或者二万" / "吨以上;": a number is never parted from its unit but by a wrap
    if (HEADING_RE.match(paragraph) and not ARTICLE_RE.match(paragraph) and len(paragraph) <= 40
            and not re.search(r"[。，,；;]", paragraph)):
        return False  # a heading on its own line; an article's number starts its text, never stands alone
    if DOC_NUMBER_END_RE.search(paragraph) or TITLE_END_RE.search(paragraph) or ADDRESSEE_RE.match(line):
        return False
    if width is not None:
        return last_width >= 0.8 * width  # only a full printed line can run on
    if len(paragraph) < 12:
        return False  # short lines are titles, issuers, signatures
    if ORG_SUFFIX_RE.search(paragraph) and len(paragraph) <= 30:
        return False
    return True


@dataclass(frozen=True)
class NormalisedText:
    """The normalised document and its page seams: offsets where a paragraph or a table runs on
    across a page number, running header or rule line that normalisation dropped. The source prints
    that line in between, so a quote crossing a seam is not a substring of the source's own text."""

    text: str
    page_seams: tuple[int, ...] = ()


def normalize_text(raw: str) -> str:
    """The normalised document: one line per paragraph, table rows as tab-separated cells."""
    return normalize_document(raw).text


def normalize_document(raw: str) -> NormalisedText:
    """normalize_text, with the page seams of the result."""
    # trailing tabs stay: they are a table row's empty cells (a group row spanning the table is one
    # label and empty cells, and must stay a row of its table)
    lines = [normalize_chars(line).rstrip(" ") for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    printed = [line for line in lines if line.strip() and not is_noise_line(line)]
    repeated = _running_headers(printed)
    width = wrap_width(printed)
    last_width = 0
    out: list[str] = []
    length = 0  # of "\n".join(out)
    seams: list[int] = []
    paragraph = ""
    paragraph_seams: list[int] = []  # offsets inside ``paragraph``
    dropped = False  # a printed line was left out since the last line kept
    table_header: list[str] | None = None
    pending_header: list[str] = []  # fragments of a flattened table header after a caption

    def emit(line: str, line_seams=()):
        nonlocal length
        start = length + 1 if out else 0
        out.append(line)
        seams.extend(start + s for s in line_seams)
        length = start + len(line)

    def flush():
        nonlocal paragraph, paragraph_seams
        if paragraph:
            emit(paragraph, paragraph_seams)
        paragraph, paragraph_seams = "", []

    for line in lines:
        if not line.strip():
            continue
        if is_noise_line(line) or line.strip() in repeated:
            dropped = True
            continue
        broken, dropped = dropped, False
        cells = row_cells(line)
        if cells is not None:
            flush()
            if pending_header:
                table_header = build_header(pending_header, len(cells))
                emit(join_cells(table_header))
                pending_header = []
            if table_header and "\t" not in line:
                cells = align_to_header(cells, table_header)
            emit(join_cells(cells), (0,) if broken else ())
            continue
        text = clean_spaces(line)
        if table_header is not None and [_clean_cell(t) for t in _merge_tokens(line.split())] == table_header:
            dropped = True  # header repeated on a new page
            continue
        table_header = None
        if CAPTION_RE.match(text):
            flush()
            emit(text, (0,) if broken else ())
            pending_header = [""]
            continue
        if pending_header and UNIT_LINE_RE.match(text):
            emit(text)  # the table's unit, between its caption and its header
            continue
        if pending_header:
            pending_header.append(line.strip())
            continue
        if _should_join(paragraph, text, last_width, width):
            if broken:
                paragraph_seams.append(len(paragraph))
            paragraph += text
        else:
            flush()
            paragraph, paragraph_seams = text, [0] if broken else []
        last_width = display_width(line)
    flush()
    if pending_header and len(pending_header) > 1:
        for fragment in pending_header:
            if fragment:
                emit(fragment)
    joined = "\n".join(out)
    # removing a space can bring a combining mark next to a letter ("C ̧"): compose once more so
    # that normalising the result again changes nothing
    text = unicodedata.normalize("NFC", joined)
    if len(text) != len(joined):
        seams = [len(unicodedata.normalize("NFC", joined[:s])) for s in seams]
    return NormalisedText(text, tuple(seams))


def build_header(fragments: list[str], n_columns: int) -> list[str]:
    """Rebuild a flattened header whose cells the PDF broke over several lines.

    The first fragment line holds whole cells separated by spaces; the remaining fragments are
    split evenly over the columns still missing, which is how a header of wrapped cells reads.
    """
    fragments = [f for f in fragments if f]
    if not fragments:
        return []
    first = [_clean_cell(c) for c in _merge_tokens(fragments[0].split())]
    rest = [_clean_cell(f) for f in fragments[1:]]
    missing = n_columns - len(first)
    if missing > 0 and rest and len(rest) % missing == 0:
        size = len(rest) // missing
        return first + ["".join(rest[i * size:(i + 1) * size]) for i in range(missing)]
    return first + rest


def _running_headers(lines: list[str]) -> set[str]:
    """Short prose lines repeated on three or more pages: running headers and footers."""
    counts = Counter(line.strip() for line in lines if "\t" not in line and len(line.strip()) <= 30)
    return {line for line, n in counts.items() if n >= 3 and row_cells(line) is None}
