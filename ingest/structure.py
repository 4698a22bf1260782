"""Split a normalised document along its own headings into sections, paragraphs and table rows."""

from __future__ import annotations

import re

from ingest.models import Block, Section
from ingest.tables import is_row, split_cells

# (level, pattern). Level 1: 一、, 第一章 and 附件; level 2: (一); level 3: 1. / 1、. Regulations
# number their articles (第一条) inside chapters, and an article's items are (一), (二): so an
# article sits between a chapter and its items.
HEADINGS = [
    (1, re.compile(r"^[一二三四五六七八九十]+、")),
    (1, re.compile(r"^第[一二三四五六七八九十百零〇]+章")),
    (1, re.compile(r"^附件\s*\d*\s*:?\s*$")),
    (1.5, re.compile(r"^第[一二三四五六七八九十百零〇]+条")),
    (2, re.compile(r"^\([一二三四五六七八九十]+\)")),
    (3, re.compile(r"^\d{1,2}[.、](?!\d)")),
]
TABLE_CAPTION_RE = re.compile(r"^表\s*\d+")
FRONT_MATTER = "文件头"
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
    return not any(NUMERIC_RE.match(c) for c in cells if c)


def combine_header_rows(rows: list[list[str]]) -> tuple[str, ...]:
    """Column names from one or two header rows; a merged cell in the first row spans empties after it."""
    if not rows:
        return ()
    width = max(len(r) for r in rows)
    top = rows[0] + [""] * (width - len(rows[0]))
    filled, last = [], ""
    for i, cell in enumerate(top):
        last = cell or (last if i > 0 else "")
        filled.append(last)
    if len(rows) == 1:
        return tuple(filled)
    sub = rows[1] + [""] * (width - len(rows[1]))
    return tuple(f"{a}{b}" if a and b else (a or b) for a, b in zip(filled, sub))


def split_sections(text: str) -> tuple[list[Section], list[Block]]:
    """Sections along the document's headings, and the paragraphs/rows (blocks) inside them."""
    sections: list[Section] = []
    blocks: list[Block] = []
    path: list[tuple[float, str]] = []  # (level, title)
    table_caption: str | None = None  # caption of the table being read, if any
    section_start = 0
    header_rows: list[list[str]] = []
    columns: tuple[str, ...] = ()
    in_table = False
    pending: list[tuple[str, int, int, tuple[str, ...]]] = []

    def current_path() -> tuple[str, ...]:
        names = tuple(title for _, title in path) or (FRONT_MATTER,)
        return names + ((table_caption,) if table_caption else ())

    def close(end: int):
        nonlocal pending
        if pending:
            section = Section(current_path(), section_start, end)
            sections.append(section)
            blocks.extend(Block(kind, s, e, section, cols) for kind, s, e, cols in pending)
        pending = []

    offset = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        if is_row(line):
            cells = split_cells(line)
            if not in_table:
                in_table, header_rows, columns = True, [], ()
                if table_caption is None:
                    # the short line just before a table names it
                    prev = pending[-1] if pending else None
                    if prev and prev[0] == "text" and (prev[2] - prev[1]) <= 40:
                        caption = text[prev[1]:prev[2]]
                        pending.pop()
                        close(prev[1])
                        section_start = prev[1]
                        table_caption = caption
                        pending.append(("caption", prev[1], prev[2], ()))
            if not columns and _is_header_row(cells) and len(header_rows) < 2:
                header_rows.append(cells)
                pending.append(("header", start, end, ()))
                continue
            if not columns:
                columns = combine_header_rows(header_rows)
            pending.append(("row", start, end, columns))
            continue
        if in_table:
            in_table = False
            close(start)
            section_start = start
            table_caption = None
        level = heading_level(line)
        if TABLE_CAPTION_RE.match(line):
            close(start)
            section_start = start
            table_caption = line
            pending.append(("caption", start, end, ()))
            continue
        if level is not None:
            close(start)
            section_start = start
            table_caption = None
            while path and path[-1][0] >= level:
                path.pop()
            path.append((level, heading_title(line)))
        pending.append(("text", start, end, ()))
    close(len(text))
    return sections, blocks
