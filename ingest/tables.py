"""One reader of a table row: its cells under their column names, its label and its unit.

A row in the normalised text is a line of tab-separated cells under the table's header (see
ingest/structure.py). Everything that reads a row (the structure parser, the clauses, the answerer,
the targets table, the audit, the key-enterprise lists) reads it through this module, so all agree
on where a cell starts, what a row's label is and which unit its figures are in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.lexicon import units

CELL_SEPARATOR = "\t"  # ingest/normalize.py writes a table row as its cells joined by tabs
NUMBER_CELL_RE = re.compile(r"[\d.\-]+")
SKIP_COLUMNS_RE = re.compile(r"^(序号|编号)$")  # row numbers, never a figure or a label
UNIT_COLUMN = "单位"
UNIT_IN_NAME_RE = re.compile(r"\(([^)]+)\)\s*$")  # "绿色工厂(家)"


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]
    columns: tuple[str, ...]  # as many as cells (missing names are "")
    label_index: int | None  # the first cell that names the row; None for a row of numbers only
    caption: str = ""  # the table's caption, e.g. "表1 各市新增光伏装机目标(万千瓦)"

    @property
    def label(self) -> str:
        return self.cells[self.label_index] if self.label_index is not None else self.cells[0]

    @property
    def unit(self) -> str:
        """The row's own unit: its 单位 cell, else "(家)" at the end of its label, else a unit that the
        table's caption gives for all its cells ("…目标(万千瓦)")."""
        unit_cell = next((c for c, col in zip(self.cells, self.columns) if _unit_cell(c, col)), "")
        label_unit = UNIT_IN_NAME_RE.search(self.label)
        if label_unit and not looks_like_unit(label_unit.group(1)):
            label_unit = None  # "半岛变(原黄麓变)": a name's remark, no unit
        return unit_cell or (label_unit.group(1) if label_unit else "") or caption_unit(self.caption)

    def column_unit(self, index: int) -> str:
        """The unit in brackets at the end of a column's name ("装机(万千瓦)"); "(现状)" is no unit."""
        match = UNIT_IN_NAME_RE.search(self.columns[index])
        return match.group(1) if match and looks_like_unit(match.group(1)) else ""

    def units(self) -> set[str]:
        """Every unit the row's label, 单位 cell or column names state."""
        return {u for u in (self.unit, *(self.column_unit(i) for i in range(len(self.columns)))) if u}

    def value_cells(self) -> list[tuple[int, str, str]]:
        """(index, cell, column) of the cells that may hold the row's figures."""
        return [(i, cell, column) for i, (cell, column) in enumerate(zip(self.cells, self.columns))
                if i != self.label_index and cell and not SKIP_COLUMNS_RE.match(column) and not _unit_cell(cell, column)]


def is_row(line: str) -> bool:
    return CELL_SEPARATOR in line


def split_cells(line: str) -> list[str]:
    """The cells of one line of a table, in order."""
    return line.split(CELL_SEPARATOR)


def join_cells(cells) -> str:
    return CELL_SEPARATOR.join(cells)


def cell_at(row_text: str, offset: int) -> int:
    """The index of the cell that holds character ``offset`` of a row."""
    return row_text[:offset].count(CELL_SEPARATOR)


def cell_start(cells, index: int) -> int:
    """Where cell ``index`` starts in its row's text."""
    return len(join_cells(cells[:index])) + (1 if index else 0)


UNIT_MARK_RE = re.compile(r"[%‰a-zA-Z²³元吨瓦伏安米亩家个项座辆台套户人次标煤度时分秒天年月]")


CAPTION_UNIT_RE = re.compile(r"单位\s*[:：]\s*([^)）\s，,；;]{1,12})")


def caption_unit(caption: str) -> str:
    """The unit a table's caption gives all its cells: "…目标(万千瓦)", or a 单位 line read with it
    ("…目标(单位:万千瓦)"); "(试行)" is no unit."""
    named = CAPTION_UNIT_RE.search(caption)
    if named:
        return named.group(1)
    bracket = UNIT_IN_NAME_RE.search(caption.replace("（", "(").replace("）", ")"))
    return bracket.group(1) if bracket and bracket.group(1) in units() else ""


def looks_like_unit(text: str) -> bool:
    """A unit the lexicon knows, or a name that holds a measure's sign (km², 万m3, 个/万人): not a phase
    word ("现状", "目标", "基准数") that a header puts in brackets."""
    return text in units() or (bool(UNIT_MARK_RE.search(text)) and len(text) <= 10
                               and not re.search(r"现状|目标|基准|实际|预期|约束|规划", text))


def _unit_cell(cell: str, column: str) -> bool:
    """A cell of a 单位 column that holds a unit ("万千瓦"); in a list of 单位 (organisations, places) the
    column holds the rows' labels."""
    return column == UNIT_COLUMN and cell in units()


YEAR_LABEL_RE = re.compile(r"^(?:19|20)\d{2}\s*年?(?:度|底|末)?$")


def read_row(text: str, columns: tuple[str, ...] | list[str], caption: str = "") -> TableRow:
    cells = tuple(split_cells(text))
    names = tuple(columns[: len(cells)]) + ("",) * (len(cells) - len(columns))
    if cells and YEAR_LABEL_RE.match(cells[0].strip()) and not SKIP_COLUMNS_RE.match(names[0]):
        return TableRow(cells, names, 0, caption)  # a table of years: each row is a year ("2022 | 80% | 85%")
    label_index = next((i for i, (c, col) in enumerate(zip(cells, names)) if c and not NUMBER_CELL_RE.fullmatch(c)
                        and not SKIP_COLUMNS_RE.match(col) and not _unit_cell(c, col)), None)
    return TableRow(cells, names, label_index, caption)
