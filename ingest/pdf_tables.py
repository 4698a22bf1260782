"""Tables on a PDF page, rebuilt from where their words are printed.

Two kinds of table reach us. A ruled table: pdfplumber finds its grid from the ruling lines; its text
is then placed in the grid here, each character by the top of its glyph rather than its middle (some
producers print a row's figures low, across the row's lower line, and by its middle each figure lands
in the row below), and words printed on the table's rows but left of its first ruling line (a label
column drawn without an outer line) become its first column. A table drawn without lines: its rows
are the page's printed lines that hold several figures set apart by wide gaps, its columns the gaps
every row leaves open; a caption (表N, 附表, 专栏) or a line of prose above ends its header, and a row
number, a label or a figure printed on a line of its own is joined to the row it belongs to.

Each table comes back as rows of cells (header rows first), which readers.py writes as tab-separated
lines in place of the flattened words; ingest/structure.py and ingest/table_model.py read them on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

FIGURE_WORD_RE = re.compile(r"^[\[【(（]?[<>≥≤~约±+-]?\d[\d,.%]*(?:[\]】)）*]{1,2}|%|‰|以上|以下|左右)?$|^[—－/-]{1,2}$")
CAPTION_RE = re.compile(r"^(?:附?表\s*\d|专栏\s*\d|附件\s*\d)")
PROSE_RE = re.compile(r"[，。；;]|[^\d\s.%]{36,}")
ROW_NUMBER_RE = re.compile(r"^[(（]?\d{1,3}[)）.、]?$")
UNIT_LINE_RE = re.compile(r"^[(（]?单位\s*[:：]")
# columns are told apart by a gap at least this many times the text's height; letter-spaced words
# inside a cell are closer than that in some row of the same column
COLUMN_GAP_HEIGHTS = 1.0
# a row's lines (a label above its figures, a label's second half below them) are this close
ROW_LINE_GAP_HEIGHTS = 1.6


@dataclass
class Line:
    words: list[dict]
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return max(1.0, self.bottom - self.top)

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


@dataclass
class PageTable:
    top: float
    bottom: float
    rows: list[list[str]] = field(default_factory=list)  # header rows first


def visual_lines(words: list[dict]) -> list[Line]:
    """Words grouped into printed lines: a word belongs to a line its vertical middle falls inside."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        line = next((l for l in reversed(lines[-3:]) if l.top - 1 <= middle <= l.bottom + 1), None)
        if line is None:
            lines.append(Line([word], word["top"], word["bottom"]))
        else:
            line.words.append(word)
            line.top, line.bottom = min(line.top, word["top"]), max(line.bottom, word["bottom"])
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def _join(texts: list[str]) -> str:
    out = ""
    for text in texts:
        if out and out[-1].isascii() and out[-1].isalnum() and text[:1].isascii() and text[:1].isalnum():
            out += " "
        out += text
    return out


# -- ruled tables ----------------------------------------------------------------------------------------

def ruled_table_rows(page, table, words: list[dict]) -> list[list[str]]:
    """The rows of a table pdfplumber found by its ruling lines, each character placed in the cell
    that holds the top of its glyph; words on the table's rows left of its grid become a first column."""
    rows = [row.cells for row in table.rows]
    if not rows:
        return []
    x0, top, x1, bottom = table.bbox
    grid: list[list[list[tuple[float, float, str]]]] = [[[] for _ in cells] for cells in rows]
    # a row's own height: a cell merged down over the next rows reaches below it
    bands = [(min(c[1] for c in cells if c), min(c[3] for c in cells if c)) for cells in rows]
    leading: list[list[dict]] = [[] for _ in rows]
    trailing: list[list[dict]] = [[] for _ in rows]
    for char in page.chars:
        x, y = (char["x0"] + char["x1"]) / 2, char["top"] + min(2.0, (char["bottom"] - char["top"]) / 4)
        if not (x0 <= x <= x1 and top - 1 <= y <= bottom + 1) or not char["text"].strip():
            continue
        r = next((i for i, (a, b) in enumerate(bands) if a - 1 <= y < b + 1), None)
        # in its row, or in a cell merged down from a row above (a header cell two rows high)
        for row in range(r, -1, -1) if r is not None else ():
            c = next((c for c, cell in enumerate(rows[row]) if cell and cell[0] <= x < cell[2]
                      and cell[1] - 1 <= y < cell[3] + 1), None)
            if c is not None:
                grid[row][c].append((char["top"], char["x0"], char["text"]))
                break
    for word in words:  # a first or last column printed without its outer ruling line
        middle = (word["top"] + word["bottom"]) / 2
        outside = leading if word["x1"] <= x0 + 1 else trailing if word["x0"] >= x1 - 1 else None
        if outside is not None and top - 1 <= middle <= bottom + 1:
            r = next((i for i, (a, b) in enumerate(bands) if a - 1 <= middle < b + 1), None)
            if r is not None:
                outside[r].append(word)
    out = []
    for r, cells in enumerate(grid):
        texts = [_cell_text(chars) for chars in cells]
        if any(leading):
            texts.insert(0, _join([w["text"] for w in sorted(leading[r], key=lambda w: (w["top"], w["x0"]))]))
        if any(trailing):
            texts.append(_join([w["text"] for w in sorted(trailing[r], key=lambda w: (w["top"], w["x0"]))]))
        out.append(texts)
    return out


def _cell_text(chars: list[tuple[float, float, str]]) -> str:
    """A cell's characters in reading order: line by line, left to right."""
    if not chars:
        return ""
    chars = sorted(chars)
    lines: list[list[tuple[float, float, str]]] = [[chars[0]]]
    for char in chars[1:]:
        if char[0] - lines[-1][0][0] > 3:
            lines.append([char])
        else:
            lines[-1].append(char)
    return "\n".join("".join(c[2] for c in sorted(line, key=lambda c: c[1])) for line in lines)


# -- tables without lines ------------------------------------------------------------------------------

def _figure_cells(line: Line, gap: float) -> int:
    """How many figures the line prints apart from the words on both sides of them, as table cells are
    (a subscript "2" or a figure run into a sentence is not)."""
    words = line.words
    count = 0
    for i, word in enumerate(words):
        before = i == 0 or word["x0"] - words[i - 1]["x1"] >= gap
        after = i == len(words) - 1 or words[i + 1]["x0"] - word["x1"] >= gap
        if before and after and FIGURE_WORD_RE.match(word["text"]):
            count += 1
    return count


def _has_label(line: Line) -> bool:
    return any(not FIGURE_WORD_RE.match(w["text"]) and re.search(r"[\u4e00-\u9fffA-Za-z]", w["text"]) for w in line.words)


def _is_prose(line: Line, gap: float) -> bool:
    """A sentence, not a row: sentence punctuation or a long run of words, and fewer than two figures."""
    return bool(PROSE_RE.search(line.text.replace(" ", ""))) and not CAPTION_RE.match(line.text) \
        and _figure_cells(line, gap) < 2


def unruled_tables(lines: list[Line], taken: list[tuple[float, float]]) -> list[PageTable]:
    """Tables drawn without lines among the page's printed ``lines`` (none inside ``taken`` spans)."""
    free = [l for l in lines if not any(a - 1 <= l.top <= b + 1 for a, b in taken)]
    if not free:
        return []
    height = median(l.height for l in free)
    gap = COLUMN_GAP_HEIGHTS * height
    tables, i = [], 0
    while i < len(free):
        if _figure_cells(free[i], gap) < 2 or _is_prose(free[i], gap):
            i += 1
            continue
        start = end = i
        while end + 1 < len(free) and free[end + 1].top - free[end].bottom < 2.5 * height and not _is_prose(free[end + 1], gap) \
                and not CAPTION_RE.match(free[end + 1].text):
            end += 1
        while end > start and _figure_cells(free[end], gap) == 0 and len(free[end].words) > 2:
            end -= 1
        body = free[start:end + 1]
        # rows: each a label and figures (a date printed digit by digit has figures and no label)
        if sum(1 for l in body if _figure_cells(l, gap) >= 2 and _has_label(l)) >= 2:
            head = start
            while head > 0 and free[head - 1].bottom > free[head].top - 2.5 * height and not _is_prose(free[head - 1], gap) \
                    and not CAPTION_RE.match(free[head - 1].text) and not UNIT_LINE_RE.match(free[head - 1].text) \
                    and _figure_cells(free[head - 1], gap) == 0 and start - head < 3:
                head -= 1
            table = _table_from_lines(free[head:start], body, gap)
            if table is not None:
                tables.append(table)
        i = end + 1
    return tables


def _bands(lines: list[Line], gap: float) -> list[tuple[float, float]]:
    """Column bands: the x-ranges the rows' words cover, split where every row leaves a wide gap."""
    spans = sorted((w["x0"], w["x1"]) for line in lines for w in line.words)
    bands: list[list[float]] = []
    for a, b in spans:
        if bands and a - bands[-1][1] < gap:
            bands[-1][1] = max(bands[-1][1], b)
        else:
            bands.append([a, b])
    return [(a, b) for a, b in bands]


def _band_of(word: dict, bands: list[tuple[float, float]]) -> int:
    middle = (word["x0"] + word["x1"]) / 2
    return min(range(len(bands)), key=lambda i: 0 if bands[i][0] <= middle <= bands[i][1]
               else min(abs(middle - bands[i][0]), abs(middle - bands[i][1])))


def _cells_of(line: Line, bands: list[tuple[float, float]]) -> list[str]:
    cells: list[list[str]] = [[] for _ in bands]
    for word in line.words:
        cells[_band_of(word, bands)].append(word["text"])
    return [_join(c) for c in cells]


def _table_from_lines(header: list[Line], body: list[Line], gap: float) -> PageTable | None:
    bands = _bands(body, gap)
    if len(bands) < 3:
        return None
    rows = [_RowLine(_cells_of(line, bands), line.top, line.bottom) for line in body]
    return PageTable(header[0].top if header else body[0].top, body[-1].bottom,
                     [_cells_of(line, bands) for line in header] + _merge_row_lines(rows))


@dataclass
class _RowLine:
    cells: list[str]
    top: float
    bottom: float

    @property
    def filled(self) -> list[int]:
        return [i for i, c in enumerate(self.cells) if c]

    @property
    def has_figures(self) -> bool:
        """Figures beyond the first column (which may hold row numbers)."""
        return any(FIGURE_WORD_RE.match(c) for c in self.cells[1:] if c)

    @property
    def number_only(self) -> bool:
        return self.filled == [0] and bool(ROW_NUMBER_RE.match(self.cells[0]))

    def close_to(self, other: "_RowLine") -> bool:
        height = max(self.bottom - self.top, other.bottom - other.top, 1.0)
        return min(abs(other.top - self.bottom), abs(self.top - other.bottom)) < ROW_LINE_GAP_HEIGHTS * height

    def fits(self, other: "_RowLine") -> bool:
        """The two lines print into different cells: parts of one row."""
        return not set(self.filled) & set(other.filled)

    def joined(self, other: "_RowLine") -> "_RowLine":
        return _RowLine([a + b for a, b in zip(self.cells, other.cells)], min(self.top, other.top),
                        max(self.bottom, other.bottom))


def _merge_row_lines(lines: list[_RowLine]) -> list[list[str]]:
    """One row per table row: a row number printed alone joins the line after it; a label printed on
    a line of its own joins the figures below it when they have no label, else it is the second half
    of the label above."""
    numbered: list[_RowLine] = []
    for line in lines:
        if numbered and numbered[-1].number_only and numbered[-1].fits(line) and numbered[-1].close_to(line):
            numbered[-1] = numbered[-1].joined(line)
        else:
            numbered.append(line)
    out: list[_RowLine] = []
    i = 0
    while i < len(numbered):
        line = numbered[i]
        following = numbered[i + 1] if i + 1 < len(numbered) else None
        if not line.has_figures and following is not None and following.has_figures and line.fits(following) \
                and line.close_to(following):
            out.append(line.joined(following))
            i += 2
            continue
        if not line.has_figures and out and out[-1].has_figures and line.close_to(out[-1]) and _continues(out[-1], line):
            out[-1] = _RowLine([p + c for p, c in zip(out[-1].cells, line.cells)], out[-1].top, line.bottom)
        else:
            out.append(line)
        i += 1
    return [line.cells for line in out]


def _continues(previous: _RowLine, line: _RowLine) -> bool:
    """A line of labels only that is the rest of the row above: it fills only cells that row has text in."""
    return bool(line.filled) and all(previous.cells[i] and not FIGURE_WORD_RE.match(previous.cells[i])
                                     for i in line.filled) and not ROW_NUMBER_RE.match(line.cells[line.filled[0]])


# -- a page ------------------------------------------------------------------------------------------------

def page_tables(page) -> list[PageTable]:
    """The tables of a page, top to bottom: ruled ones by their grid, the rest by their words."""
    words = page.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False, use_text_flow=False)
    tables = []
    for found in page.find_tables():
        rows = ruled_table_rows(page, found, words)
        # a frame drawn around prose (its rows hold one cell of text each) is no table: its lines are text
        if rows and sum(1 for row in rows if sum(1 for c in row if c.strip()) >= 2) * 2 >= len(rows):
            tables.append(PageTable(found.bbox[1], found.bbox[3], rows))
    taken = [(t.top, t.bottom) for t in tables]
    tables += unruled_tables(visual_lines(words), taken)
    return sorted(tables, key=lambda t: t.top)
