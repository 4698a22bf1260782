"""Which row of a table is highest or lowest in the column a question names: "人工造林任务最多的是哪个
市", "哪个单位的营造林任务合计最少". Read from the whole table the best retrieved row belongs to (a chunk
holds only some of its rows), its total rows (合计, 全省…) left out, so the answer is a row the document
prints and the figure its own cell."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.models import Block, Document
from ingest.tables import TableRow, read_row
from retriever.answer.matching import canonical, longest_common_run

# the words that ask for the top or the bottom of a column
HIGHEST_RE = re.compile(r"最多|最高|最大|最长|最强")
LOWEST_RE = re.compile(r"最少|最低|最小|最短|最弱")
ASKS_WHICH_RE = re.compile(r"哪(?:个|些|一个|家|座|条|项|类)|什么(?:地方|地区|单位|项目)")
WHICH_NOUN_RE = re.compile(r"哪(?:个|一个|家|座|条|项)([\u4e00-\u9fff]{2})")
# rows that add the others up, or speak for the whole region
TOTAL_ROW_RE = re.compile(r"合计|总计|小计|全省|全市|全区|全县|全国|总体|总量|平均")
NUMBER_CELL_RE = re.compile(r"[≥≤<>约]?\s*(\d+(?:\.\d+)?)\s*%?")
MIN_ROWS = 3  # fewer numbers than this rank nothing
MIN_RUN = 2  # a column must share this many characters with the question to be the one asked


@dataclass(frozen=True)
class Extreme:
    block: Block  # the row chosen
    row: TableRow
    column: int  # the column ranked
    value: str  # the cell as printed
    highest: bool
    name: str = ""  # what names the row in the answer


def asks_extreme(question: str) -> bool | None:
    """True when ``question`` asks which row is highest, False lowest, None when it asks neither."""
    if not ASKS_WHICH_RE.search(question):
        return None
    high, low = HIGHEST_RE.search(question), LOWEST_RE.search(question)
    if bool(high) == bool(low):
        return None
    return bool(high)


def _without(text: str, caption: str, least: int = 4) -> str:
    """``text`` without the longest run it shares with ``caption``, when that run is a name (``least``
    characters or more)."""
    best = ""
    for i in range(len(caption)):
        for j in range(i + least, len(caption) + 1):
            if caption[i:j] in text:
                best = max(best, caption[i:j], key=len)
            else:
                break
    return text.replace(best, "") if best else text


def _value(cell: str) -> float | None:
    match = NUMBER_CELL_RE.fullmatch(cell.strip())
    return float(match.group(1)) if match else None


def extreme_row(doc: Document, seed: Block, question: str, highest: bool) -> Extreme | None:
    """The row of ``seed``'s table (the rows under the same header in the same section) whose cell in the
    column the question names is highest (or lowest); None when no column is named well enough, fewer
    than MIN_ROWS rows hold a number there, or two rows tie."""
    caption = seed.section.path[-1] if seed.section.path else ""
    rows = [(b, read_row(doc.text[b.start:b.end], b.columns, caption)) for b in doc.blocks
            if b.kind == "row" and b.columns == seed.columns and b.section is seed.section]
    if not rows:
        return None
    # the words naming the table ("县域生态环境质量指数表") name no column of it
    asked = _without(canonical(question), canonical(caption))
    label_index = rows[0][1].label_index
    columns = {}
    for i, name in enumerate(seed.columns):
        valued = [(v, b, r) for b, r in rows if i != label_index and i < len(r.cells)
                  and not TOTAL_ROW_RE.search(r.label) and (v := _value(r.cells[i])) is not None]
        if name and len(valued) >= MIN_ROWS:
            columns[i] = valued
    # a column whose own name the question holds whole ("合计", the "人工造林" of "其中:造林人工造林") beats
    # one sharing only some characters
    fits = [((_own_name(seed.columns[i], seed.columns) in asked), longest_common_run(canonical(seed.columns[i]), asked), i)
            for i in columns]
    whole, run, column = max(fits, default=(False, 0, None))
    if column is None or run < MIN_RUN:
        return None
    valued = columns[column]
    valued.sort(key=lambda item: item[0], reverse=highest)
    if valued[0][0] == valued[1][0]:
        return None  # a tie: no one row is the answer
    _, block, row = valued[0]
    return Extreme(block, row, column, row.cells[column].strip(), highest, _named_by(row, question))


def _own_name(column: str, columns: tuple[str, ...]) -> str:
    """A column's own words, without the merged header it sits under: "其中:造林人工造林" beside
    "其中:造林小计" is 人工造林 (the longest start it shares with a sibling column is the header's)."""
    name = canonical(column)
    shared = max((len(_common_start(name, canonical(other))) for other in columns if other != column), default=0)
    own = name[shared:] if shared >= 2 else name
    return own if len(own) >= 2 else name


def _common_start(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _named_by(row: TableRow, question: str) -> str:
    """What names the row: the cell of the column the question's "哪个X" names ("哪个单元" -> 海湾(湾区)单元),
    else the row's label."""
    which = WHICH_NOUN_RE.search(question)
    if which:
        noun = which.group(1)
        for cell, column in zip(row.cells, row.columns):
            if noun in column and cell.strip() and _value(cell) is None:
                return cell.strip()
    return row.label
