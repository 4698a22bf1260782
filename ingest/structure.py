"""Split a normalised document along its own headings into sections, paragraphs and table rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.models import Block, Section
from ingest.tables import is_row, split_cells

# (level, pattern). Level 1: 一、, 第一章 and 附件; level 2: (一); level 3: 1. / 1、. Regulations
# number their articles (第一条) inside chapters, and an article's items are (一), (二): so an
# article sits between a chapter and its items.
HEADINGS = [
    # "一、二星级评价标识…" wrapped to a line's start enumerates levels: no heading
    (1, re.compile(r"^[一二三四五六七八九十]+、(?![一二三四五六七八九十]+(?:星|级|类|档|等|、|和|至|到))")),
    (1, re.compile(r"^第[一二三四五六七八九十百零〇]+章")),
    (1, re.compile(r"^附件\s*\d*\s*:?\s*$")),
    (1.5, re.compile(r"^第[一二三四五六七八九十百零〇]+条")),
    (2, re.compile(r"^\([一二三四五六七八九十]+\)")),
    (3, re.compile(r"^\d{1,2}[.、](?!\d)")),
]
TABLE_CAPTION_RE = re.compile(r"^表\s*\d+")
UNIT_LINE_RE = re.compile(r"^[(（]?单位\s*[:：]\s*\S{1,12}[)）]?$")
FRONT_MATTER = "文件头"
# a table goes on after a line this short that is no heading: a running header or footer at a page break
RUNNING_LINE_CHARS = 30
HEADER_CELL_CHARS = 12
PROSE_CELL_CHARS = 30
NUMERIC_RE = re.compile(r"^[-+]?\d[\d.,]*%?$")


def heading_level(line: str) -> float | None:
    for level, pattern in HEADINGS:
        if pattern.match(line):
            return level
    return None


def heading_title(line: str) -> str:
    """A heading line's title: the whole line when short, else its first sentence."""
    if len(line) <= 40 and "。" not in line[:-1]:
        return line.rstrip("。:：")
    cut = re.split(r"[。;；]", line, maxsplit=1)[0]
    return cut[:40]


def _is_header_row(cells: list[str]) -> bool:
    """No figures; or, for the columns' years printed bare ("指标 | 2020 | 2025 | 2030"), only years in order."""
    numbers = [c.strip() for c in cells if c and NUMERIC_RE.match(c.strip())]
    if not numbers:
        return True
    years = [int(c) for c in numbers if re.fullmatch(r"(?:19|20)\d{2}", c)]
    return len(years) == len(numbers) >= 2 and years == sorted(set(years))


def header_levels(rows: list[list[str]]) -> list[tuple[str, ...]]:
    """Each column's header names, top down. A merged cell spans the empty cells after it: in the top
    row always, in a lower row as far as the columns under the same name above it go."""
    if not rows:
        return []
    width = max(len(r) for r in rows)
    levels: list[list[str]] = [[] for _ in range(width)]
    for depth, row in enumerate(rows):
        row = row + [""] * (width - len(row))
        last, last_parent = "", None
        for i, cell in enumerate(row):
            parent = tuple(levels[i])
            if cell:
                last, last_parent = cell, parent
            elif last and (depth == 0 and i > 0 or depth > 0 and parent == last_parent and parent):
                cell = last
            else:
                last, last_parent = "", None
            if cell:
                levels[i].append(cell)
    return [tuple(level) for level in levels]


def combine_header_rows(rows: list[list[str]]) -> tuple[str, ...]:
    """Column names from the header rows: each column's names top down, joined."""
    return tuple("".join(level) for level in header_levels(rows))


def _is_prose_row(cells: list[str]) -> bool:
    """A row of sentences (a project's 实施内容, a task's text): the first body row of a table of text,
    never a header level under its header, whose names are short and never end a sentence."""
    return any(len(c) > PROSE_CELL_CHARS or re.search(r"[。；;]", c) for c in cells)


def _is_header_continuation(cells: list[str]) -> bool:
    """A third header row: a sub-level under some columns (short names, some columns left empty), not
    the first row of a table of text."""
    return any(not c for c in cells) and all(len(c) <= HEADER_CELL_CHARS for c in cells)


def split_sections(text: str) -> tuple[list[Section], list[Block]]:
    """Sections along the document's headings, and the paragraphs/rows (blocks) inside them."""
    reader = _SectionReader(text)
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if line.strip():
            reader.read_line(line, start, end)
    reader.close(len(text))
    return reader.sections, reader.blocks


@dataclass
class _Pending:
    """A block read but not yet placed: its section is known only when the section closes."""

    kind: str
    start: int
    end: int
    columns: tuple[str, ...] = ()


@dataclass
class _SectionReader:
    """Reads a document line by line. A section stays open until the next heading, caption or the
    end of a table closes it; its blocks wait in ``pending`` until then."""

    text: str
    sections: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    headings: list[tuple[float, str]] = field(default_factory=list)  # (level, title) of the open headings
    caption: str | None = None  # caption of the table being read, if any
    section_start: int = 0
    pending: list[_Pending] = field(default_factory=list)
    in_table: bool = False
    header_rows: list[list[str]] = field(default_factory=list)
    columns: tuple[str, ...] = ()
    # the table just closed by one short line (a running header at a page break): (caption, header
    # rows, columns); rows without a header of their own right after it go on under its columns
    interrupted: tuple | None = None

    def read_line(self, line: str, start: int, end: int) -> None:
        if is_row(line):
            self.read_row(split_cells(line), start, end)
            return
        if self.in_table:
            self.in_table = False
            short = len(line) <= RUNNING_LINE_CHARS and heading_level(line) is None and not TABLE_CAPTION_RE.match(line)
            columns = self.columns or combine_header_rows(self.header_rows)  # a header alone at a page's foot
            self.interrupted = (self.caption, self.header_rows, self.columns) if columns and short else None
            self.open_section(start)
        else:
            self.interrupted = None
        if TABLE_CAPTION_RE.match(line):
            self.open_section(start, caption=line)
            self.pending.append(_Pending("caption", start, end))
            return
        if self.caption is not None and UNIT_LINE_RE.match(line) and self.pending and self.pending[-1].kind == "caption":
            # "单位：万千瓦" under the caption: the table's unit, read with its caption by every row
            self.caption = f"{self.caption}({line.strip().strip('()（）')})"
            self.pending.append(_Pending("caption", start, end))
            return
        level = heading_level(line)
        if level is not None:
            self.open_section(start)
            while self.headings and self.headings[-1][0] >= level:
                self.headings.pop()
            self.headings.append((level, heading_title(line)))
        self.pending.append(_Pending("text", start, end))

    def read_row(self, cells: list[str], start: int, end: int) -> None:
        if not self.in_table and self.interrupted is not None and self._resumes(cells):
            caption, self.header_rows, self.columns = self.interrupted
            self.open_section(start, caption=caption)
            self.in_table, self.interrupted = True, None
        if not self.in_table:
            self.in_table, self.header_rows, self.columns = True, [], ()
            if self.caption is None:
                self.take_caption_from_line_before()
        if sum(1 for c in cells if c.strip()) == 1 and len(cells) > 2 and not (self.header_rows and not self.columns):
            # one cell across the table before its header or among its rows: its caption or a group of
            # the rows below (500千伏变电站（5项）), and the table goes on under the same columns; right
            # under a header row it is a header name spanning the columns below it
            self.pending.append(_Pending("row", start, end, self.columns))
            return
        if not self.columns and _is_header_row(cells) and (not self.header_rows or len(self.header_rows) == 1
                                                             and not _is_prose_row(cells)
                                                             or len(self.header_rows) == 2
                                                             and _is_header_continuation(cells)):
            self.header_rows.append(cells)
            self.pending.append(_Pending("header", start, end))
            return
        if self.columns and cells in self.header_rows:  # the header printed again after a page break
            self.pending.append(_Pending("header", start, end))
            return
        if not self.columns:
            self.columns = combine_header_rows(self.header_rows)
        self.pending.append(_Pending("row", start, end, self.columns))

    def _resumes(self, cells: list[str]) -> bool:
        """Whether a row after a running header goes on with the table it interrupted: a body row as
        wide as its columns; or, when only the header had come, the header's next row."""
        caption, header_rows, columns = self.interrupted
        width = max(len(r) for r in header_rows) if header_rows else len(columns)
        if len(cells) != (len(columns) or width):
            return False
        return not _is_header_row(cells) or not columns

    def take_caption_from_line_before(self) -> None:
        # an untitled table is named by the short paragraph just before it
        before = self.pending[-1] if self.pending else None
        if before and before.kind == "text" and before.end - before.start <= 40:
            self.pending.pop()
            self.open_section(before.start, caption=self.text[before.start:before.end])
            self.pending.append(_Pending("caption", before.start, before.end))

    def open_section(self, start: int, caption: str | None = None) -> None:
        self.close(start)
        self.section_start = start
        self.caption = caption

    def close(self, end: int) -> None:
        if self.pending:
            section = Section(self.path(), self.section_start, end)
            self.sections.append(section)
            self.blocks.extend(Block(b.kind, b.start, b.end, section, b.columns) for b in self.pending)
        self.pending = []

    def path(self) -> tuple[str, ...]:
        names = tuple(title for _, title in self.headings) or (FRONT_MATTER,)
        return names + ((self.caption,) if self.caption else ())
