"""Excel attachments (.xlsx, .xls) read as tables: each sheet its name as a caption line, then its rows,
cells by tabs, so that a 任务分工表 gives tasks and a 目标分解表 targets like a table in a PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value).replace("\r", "").replace("\n", "").strip()


def _sheet_lines(name: str, rows) -> list[str]:
    lines = []
    for row in rows:
        cells = [_cell_text(v) for v in row]
        while cells and not cells[-1]:
            cells.pop()
        if not any(cells):
            continue
        lines.append("\t".join(cells) if len([c for c in cells if c]) > 1 else next(c for c in cells if c))
    return [name, *lines] if lines else []


def xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return "\n".join(line for sheet in book.worksheets for line in _sheet_lines(sheet.title, sheet.iter_rows(values_only=True)))
    finally:
        book.close()


def xls_text(path: Path) -> str:
    import xlrd

    book = xlrd.open_workbook(str(path))
    lines = []
    for sheet in book.sheets():
        rows = ([cell.value for cell in sheet.row(i)] for i in range(sheet.nrows))
        lines += _sheet_lines(sheet.name, rows)
    return "\n".join(lines)
