"""Tables as data: every figure of a table with what it is the figure of.

The normalised text holds a table as a caption line, header rows and body rows of tab-separated cells
(ingest/normalize.py, ingest/structure.py). This module reads them back once for every consumer (the
targets table, compare, the audit, the answerer): each cell knows its row's label (and the region it
names, resolved under the document's own region: 鄂州 in a 湖北 plan is 鄂州市), its column's meaning
(the year it is for, a plan period, and its kind: baseline, target, increment or achieved, read from
the header), its unit (the cell, its column, a unit column, the caption or a 单位 line) and the row as
the source prints it, which is what a quote from the table cites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.lexicon import five_year_plans, phase_re, units
from ingest.models import Block, Document
from ingest.phase import header_phases
from ingest.regions import Gazetteer
from ingest.structure import header_levels
from ingest.tables import SKIP_COLUMNS_RE, UNIT_IN_NAME_RE, caption_unit, looks_like_unit, read_row, split_cells

HEADER_LEVELS = " > "  # column names of a multi-row header: "2025年 > 累计值"
YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年?")
UNIT_LINE_RE = re.compile(r"^[(（]?\s*单位\s*[:：]\s*(?P<unit>[^)）\s]{1,12})\s*[)）]?$")
TOTAL_RE = re.compile(r"^(?:全省|全市|全区|全县|全国|合计|总计|总量|小计|全省总计|全市合计)")
SUB_ROW_RE = re.compile(r"^(?:其中|含)[:：]?")
ROW_NUMBER_RE = re.compile(r"^[(（]?\d{1,3}[)）.、]?$")
FIGURE_RE = re.compile(r"^[\[【(（]?[<>≥≤~约±+-]?\s*\d[\d,.]*")
INCREMENT_RE = re.compile(r"新增|增加|增量|增长量|累计新增")
BASELINE_RE = re.compile(r"基准|基期|现状|基数|起点")
ACHIEVED_RE = re.compile(r"完成|实际|实绩|已建|现有")
TARGET_RE = re.compile(r"目标|规划|预期|计划|任务|约束|需求")


@dataclass(frozen=True)
class TableCell:
    row: str  # the row's label as printed ("承德市", "其中：儋州市", "2025年" in a table of years)
    labels: tuple[str, ...]  # every cell of the row that is text, not a figure (a project and its place)
    group: str | None  # the group row above ("500千伏变电站（新建）（5项）"): one cell across the table
    region: str | None  # the region the row (or, in a table of years, the column) stands for
    total: bool  # a 全省/全市/合计 row or column
    parent: str | None  # the row a 其中 row belongs to
    column: str  # the column's name, header levels joined by " > "
    year: int | None  # the year the figure is for
    period: str | None  # the plan period the column names ("十四五", "2021-2025")
    kind: str  # target | baseline | increment | achieved | other
    value: str  # as printed
    number: float | None
    unit: str
    row_start: int  # the row in the normalised text: what a quote cites
    row_end: int


@dataclass
class Table:
    caption: str
    unit: str  # the unit the caption or a 单位 line gives every cell ("" when none)
    columns: tuple[str, ...]
    header_start: int  # the header rows in the normalised text (shown apart from a quote)
    header_end: int
    cells: list[TableCell] = field(default_factory=list)
    levels: list[tuple[str, ...]] = field(default_factory=list)  # each column's header names, top down

    def column_name(self, index: int, fallback: str) -> str:
        """A column's header names joined top down ("具体目标 > 全市")."""
        return HEADER_LEVELS.join(self.levels[index]) if index < len(self.levels) and self.levels[index] else fallback

    def names(self, index: int, fallback: str) -> tuple[str, ...]:
        """A column's header names, top down (the joined name when the levels are not known)."""
        return self.levels[index] if index < len(self.levels) and self.levels[index] else (fallback,)

    @property
    def phases(self) -> dict[int, tuple[str, str]]:
        """"2015年 | “十三五”目标 | 2020年": a plan's own column beside bare years; not when the plan's
        column is what it adds ("“十四五”新增")."""
        if any(INCREMENT_RE.search(c) and any(p in c for p in five_year_plans()) for c in self.columns):
            return {}
        return header_phases(self.columns)

    @property
    def year_columns(self) -> list[int]:
        return [int(y) for column in self.columns for y in YEAR_RE.findall(column)[-1:]]


BLANK_MARKS = ("-", "—", "/", "——", "－", "／")  # a cell printed as nothing: none, or not applicable


def number_of(value: str) -> float | None:
    match = re.search(r"\d[\d,]*(?:\.\d+)?", value)
    return float(match.group().replace(",", "")) if match else None


def is_figure(cell: str) -> bool:
    return bool(FIGURE_RE.match(cell.strip()))


def table_unit(caption: str, lines_before_header: list[str]) -> str:
    """The unit of a whole table: a 单位 line under the caption, or the caption's own (ingest/tables.py)."""
    for line in lines_before_header:
        match = UNIT_LINE_RE.match(line.strip())
        if match:
            return match.group("unit")
    return caption_unit(caption)


def column_meaning(column: str, meta) -> tuple[int | None, str | None, str]:
    """(year, plan period, kind) of a column from its header words and the document's own period.

    A plan's column ("“十四五”目标") is a target for the plan's last year; 新增 is an increment; a bare
    year is the baseline when it is the year before the document's period, a target inside or after
    it, an achieved figure before it."""
    years = [int(y) for y in YEAR_RE.findall(column)]
    plan = next(((name, span) for name, span in five_year_plans().items() if name in column), None)
    period = plan[0] if plan else None
    year = years[-1] if years else (plan[1][1] if plan else None)
    if INCREMENT_RE.search(column):
        kind = "increment"
    elif BASELINE_RE.search(column):
        kind = "baseline"
    elif phase_re("achieved", "column").search(column) or ACHIEVED_RE.search(column):
        kind = "achieved"
    elif plan or TARGET_RE.search(column) or phase_re("target", "column").search(column):
        kind = "target"
    elif year is not None:
        start, end = meta.period_start, meta.period_end
        if start and year == start - 1:
            kind = "baseline"
        elif start and year < start:
            kind = "achieved"
        else:
            kind = "target"
    else:
        kind = "other"
    return year, period, kind


def table_meaning(column: str, caption: str, section: str, meta, year_columns: list[int]) -> tuple[int | None, str | None, str]:
    """A column's meaning completed from its table: a column without a year (合计, 造林) takes the year
    its caption or section names, or the one year a yearly document covers, and is a target when the
    caption or the document sets tasks; of a plan's year columns (2020 | 2025 | 2030) the earliest is
    its baseline when the document's own period could not be read; in a table of what the last plan
    achieved (its caption or section says so) a column that does not say 目标 is achieved."""
    year, period, kind = column_meaning(column, meta)
    says_target = TARGET_RE.search(column) or phase_re("target", "column").search(column)
    if kind in ("other", "target") and not says_target and (phase_re("achieved", "section").search(caption)
                                                           or phase_re("achieved", "section").search(section)):
        kind = "achieved"
    if year is None and kind == "other":
        named = [int(y) for y in YEAR_RE.findall(caption + " " + section)]
        single = meta.period_start if meta.period_start and meta.period_start == meta.period_end else None
        year = named[-1] if named else single
        if year is not None and TARGET_RE.search(caption + section + (meta.title or "")):
            kind = "target"
    elif year is not None and kind == "target" and not meta.period_start and len(set(year_columns)) > 1 \
            and year == min(year_columns):
        kind = "baseline"
    return year, period, kind


AREA_COLUMN_RE = re.compile(r"^(.{2,12}?(?:区|县|市))(?:累计|(?:19|20)\d{2}年|合计)?$")
OWN_AREAS = ("全市", "全区", "全县", "全省", "本市", "本区")


def column_area(column: str) -> str | None:
    """The area a column header names ("嘉兴港区累计", "南湖区2017年"), known to the gazetteer or not."""
    match = AREA_COLUMN_RE.match(column)
    return match.group(1) if match else None


def column_place(names: tuple[str, ...], meta, gazetteer: Gazetteer) -> tuple[str | None, bool]:
    """(the region, whether it is the whole) a column stands for in a table whose columns are places,
    read from any of its header names ("南湖区 > 2017年", "具体目标 > 全市"): a known region, an area
    such as 嘉兴港区, or the document's own region for 全市 and the like; (None, False) for other columns."""
    for name in reversed(names):
        named = resolve_region(name, meta, gazetteer)
        if named:
            return named, False
    for name in reversed(names):
        area = column_area(name)
        if area in OWN_AREAS or TOTAL_RE.match(name):
            return meta.region or None, True
        if area:
            return area, False
    return None, False


def resolve_region(label: str, meta, gazetteer: Gazetteer) -> str | None:
    """The region a row label names, read under the document's own region: a short form or a homonym
    is the one inside the document's region when there is one."""
    text = SUB_ROW_RE.sub("", re.sub(r"\s", "", label))
    # the label is the place's name, whole ("黄石" is 黄石市), not words that contain one ("甬江口" holds
    # 江口, a county in Guizhou)
    found = [n for n in gazetteer.find(text) if text == n or text in gazetteer.short_forms(n)]
    if not found:
        return None
    own = meta.region
    return next((n for n in found if own and own in gazetteer.ancestors(n, own)[1:]), found[0])


def _sections_tables(doc: Document) -> list[list[Block]]:
    """The blocks of each table: a header (its rows), then its body rows; a caption opens it."""
    tables: list[list[Block]] = []
    current: list[Block] = []
    for block in doc.blocks:
        if block.kind in ("header", "row"):
            if current and (block.section is not current[-1].section or block.kind == "header" and current[-1].kind == "row"):
                tables.append(current)
                current = []
            current.append(block)
        elif current and block.kind != "caption":
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def read_tables(doc: Document, gazetteer: Gazetteer) -> list[Table]:
    """Every table of the document with its cells."""
    tables = []
    headers_of: dict[str, list[Block]] = {}  # a caption: the header rows of its table so far
    cut: dict[str, list[Block]] = {}  # a caption: header rows alone at a page's foot, their table goes on
    for blocks in _sections_tables(doc):
        rows = [b for b in blocks if b.kind == "row"]
        section = blocks[0].section
        caption = section.path[-1] if section.path else ""
        own = [b for b in blocks if b.kind == "header"]
        if not rows:  # the rows (and maybe the header's last rows) come after the page break
            cut[caption] = own
            continue
        headers = cut.pop(caption, []) + own or headers_of.get(caption, [])
        before = doc.text[section.start:(own or rows)[0].start].split("\n")
        unit = table_unit(caption, before)
        columns = rows[0].columns
        table = Table(caption, unit, columns, headers[0].start if headers else rows[0].start,
                      headers[-1].end if headers else rows[0].start,
                      levels=header_levels([split_cells(doc.text[b.start:b.end]) for b in headers])
                      or [(c,) for c in columns])
        group = None
        for block in rows:
            cells = [c for c in doc.text[block.start:block.end].split("\t") if c.strip()]
            if len(cells) == 1:  # one cell across the table names the group of the rows below it
                group = cells[0].strip()
                continue
            table.cells.extend(_row_cells(doc, block, table, gazetteer, group))
        _mark_sub_rows(table)
        if headers:
            headers_of[caption] = headers
        previous = tables[-1] if tables else None
        if previous is not None and (previous.caption, previous.columns) == (table.caption, table.columns):
            previous.cells.extend(table.cells)  # the same table on the next page, its header printed again
            _mark_sub_rows(previous)
        else:
            tables.append(table)
    return tables


def _row_cells(doc: Document, block: Block, table: Table, gazetteer: Gazetteer, group: str | None) -> list[TableCell]:
    text = doc.text[block.start:block.end]
    row = read_row(text, block.columns, table.caption)
    if row.label_index is None:
        return []
    label = row.label
    meta = doc.meta
    labels = tuple(c for i, c in enumerate(row.cells) if c.strip() and not is_figure(c) and not SKIP_COLUMNS_RE.match(row.columns[i]))
    label_years = [int(y) for y in YEAR_RE.findall(label)] if re.fullmatch(r"(?:19|20)\d{2}\s*年?\S{0,3}", label) else []
    region = None if label_years else next((r for r in (resolve_region(c, meta, gazetteer) for c in labels) if r), None)
    out = []
    for i, cell, joined in row.value_cells():
        cell = cell.strip()
        if not cell or cell in labels[:1]:
            continue
        column, names = table.column_name(i, joined), table.names(i, joined)
        if label_years:  # a table of years: the columns are the places
            year, period, kind = column_meaning(label, meta)
            cell_region, total = column_place(names, meta, gazetteer)
        elif i in table.phases:  # "2015年 | “十三五”目标 | 2020年": baseline, the plan's target, its result
            kind, period = table.phases[i]
            year = int(period.split("-")[1]) if kind != "baseline" else (int(YEAR_RE.findall(column)[-1]) if YEAR_RE.findall(column) else None)
            cell_region, total = region, bool(TOTAL_RE.match(re.sub(r"\s", "", label)))
        else:
            year, period, kind = table_meaning(column, table.caption, block.section.label, meta, table.year_columns)
            cell_region, total = region, bool(TOTAL_RE.match(re.sub(r"\s", "", label)))
            if cell_region is None and not total:  # a table whose columns are the places
                cell_region, total = column_place(names, meta, gazetteer)
        if total and cell_region is None:
            cell_region = meta.region or None
        unit = _cell_unit(cell, row, i, names, table.unit)
        out.append(TableCell(label, labels, group, cell_region, total, None, column, year, period, kind, cell,
                             number_of(cell) if is_figure(cell) and cell not in BLANK_MARKS else None, unit,
                             block.start, block.end))
    return out


def _cell_unit(cell: str, row, index: int, names: tuple[str, ...], table_unit_text: str) -> str:
    """The cell's own unit ("4.30%"), its column's at any header level ("装机(万千瓦)", "装机/万千瓦"),
    its row's (a 单位 cell, "绿色工厂(家)"), or the table's (caption or 单位 line)."""
    suffix = re.sub(r"^[\[【(（]?[<>≥≤~约±+-]?\s*\d[\d,.]*", "", cell).strip(" ]】)）*")
    if suffix and (suffix in units() or suffix in ("%", "‰")):
        return suffix
    for name in reversed(names):
        bracket = UNIT_IN_NAME_RE.search(name.replace("（", "(").replace("）", ")"))
        after_slash = name.rsplit("/", 1)[-1] if "/" in name else ""
        for found in (bracket.group(1) if bracket else "", after_slash):
            if found and looks_like_unit(found):
                return found
    return row.column_unit(index) or row.unit or table_unit_text


def _mark_sub_rows(table: Table) -> None:
    """A 其中 row belongs to the row above it that is not itself a 其中 row."""
    parent = None
    for i, cell in enumerate(table.cells):
        if SUB_ROW_RE.match(cell.row):
            if parent is not None:
                table.cells[i] = _replace(cell, parent=parent)
        elif i == 0 or table.cells[i - 1].row_start != cell.row_start:
            parent = cell.row


def _replace(cell: TableCell, **changes) -> TableCell:
    from dataclasses import replace

    return replace(cell, **changes)


def row_header(doc: Document, offset: int) -> str:
    """The header rows of the table holding the row at ``offset``, as printed (cells by spaces, rows by
    " / "); a table that runs on to another page keeps the header printed at its start. "" for text."""
    last: dict[str, list[Block]] = {}  # a table's caption: its header rows
    for blocks in _sections_tables(doc):
        section = blocks[0].section
        caption = section.path[-1] if section.path else ""
        headers = [b for b in blocks if b.kind == "header"]
        if headers:
            last[caption] = headers
        if any(b.kind == "row" and b.start <= offset < max(b.end, b.start + 1) for b in blocks):
            return " / ".join(" ".join(c.strip() for c in doc.text[b.start:b.end].split("\t") if c.strip())
                              for b in headers or last.get(caption, []))
    return ""
