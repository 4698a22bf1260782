"""The tasks a plan assigns to departments: what, who leads, who supports, and by when.

Plans assign their work in a few ways, all read here from the parsed document:
- a note closing an item: "（责任单位：市发改委、市经信局）", "〔牵头单位：A；配合单位：B〕",
  "（责任单位：省发展改革委；完成时限：2022年4月）", "（牵头部门：区经委）";
- a note of the national plans' kind: "（工业和信息化部、国家发展改革委等按职责分工负责）";
- running text: "由A牵头，B配合", "A牵头负责…", "A作为牵头单位，负责…";
- a table whose columns name the task and its lead unit or its time (重点任务 | 牵头单位 | 配合单位 |
  完成时限, or a work list 工作名称 | 主要内容 | 进度安排).

A note's task is the item it closes: the innermost numbered section holding it, from the end of the
note before it. Where the document ranks its units (牵头 and 配合, or "逗号前为牵头单位"), lead and
support follow that ranking; a plain list of 责任单位 does not rank, and every unit named leads.
A task without a date of its own is due when its plan ends (marked as a default).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ingest.deadlines import Deadline, read_deadline, read_time_field
from ingest.departments import department_name
from ingest.models import Document, Section, Source
from ingest.periods import SINGLE_YEAR_RE, title_period
from ingest.tables import read_row

# an item's number at the start of its heading: "(一)", "1.", "（三）", "一、", "第二条"
NUMBERING_RE = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]|[一二三四五六七八九十]+、|第[一二三四五六七八九十百]+条)\s*")
LEAD_LABEL = r"牵头单位|牵头部门|牵头处室|主责单位|主责部门|牵头"
SUPPORT_LABEL = r"配合单位|配合部门|协同单位|协办单位|参与单位|参与部门|协助单位"
ANY_LABEL = r"责任单位|责任部门|责任处室|责任主体|负责单位|负责部门|实施单位|承办单位"
TIME_LABEL = r"完成时限|完成时间|完成期限|时间节点|进度安排|时限|时间"
# a short remark inside a note, one level deep: "各市(含定州、辛集市,下同)", "各县(市)区"
INNER = r"(?:[(（〈<][^()（）〈〉<>]{0,60}[)）〉>])"
NOTE_BODY = rf"(?:[^()（）〔〕\[\]【】〈〉]|{INNER})"
# "（责任单位：A、B；完成时限：2022年4月）": a bracket that opens with a label
LABELLED_NOTE_RE = re.compile(rf"[(（〔\[【]\s*(?:{ANY_LABEL}|{LEAD_LABEL}|{SUPPORT_LABEL})\s*[:：]{NOTE_BODY}{{1,400}}?[)）〕\]】]")
# "（工业和信息化部、国家发展改革委等按职责分工负责，…）"
# "…按照职责分工指导推动", "…按职责分工抓好落实": what the units do by their duties varies
DUTY_WORDS = r"按(?:照)?(?:各自)?(?:职责)?分工[\u4e00-\u9fff]{0,4}?(?:负责|推动|落实|实施|推进)|按(?:照)?职责负责"
DUTY_NOTE_RE = re.compile(rf"[(（〔]({NOTE_BODY}{{2,300}}?)(?:{DUTY_WORDS})({NOTE_BODY}{{0,200}}?)[)）〕]")
# "…按职责分工负责，地方各级人民政府负责落实", "…，各区人民政府组织实施": who carries it out where, leading too
CARRIES_OUT_RE = re.compile(r"^[,，]\s*([^,，。;；]{2,40}?)(?:负责落实|组织实施|负责实施|抓好落实|具体实施|落实)")
# "国家发展改革委牵头，国家统计局、国家能源局等按职责分工负责": who leads, then who supports
LED_LIST_RE = re.compile(r"^(.+?)牵头[,，、;；]\s*(.+)$")
# how a unit's name ends; in running text only a body's own ends ("相关部门负责" names no one to track)
UNIT_SUFFIX = r"(?:委员会|管委会|人民政府|政府|局|委|厅|部|办|中心|署|院|行|集团|公司|部门)"
BODY_SUFFIX = r"(?:委员会|管委会|人民政府|政府|局|委|厅|部|办|中心|署|院)"
# "。(省发展改革委、省经信厅、省能源局)": a bracket of unit names only, closing a sentence
BARE_NOTE_RE = re.compile(rf"(?:(?<=[。；;])|(?<=[。；;]\n))[(（]((?:[^()（）\n]|{INNER}){{2,300}}?)[)）]")
# "责任单位：市发改委；完成时限：2021年底" as a line of its own, no bracket, and the field lines right
# under it ("完成时限：2022年2月底前" on the next line belongs to the same task)
FIELD_LINE_RE = re.compile(rf"^[ \t]*(?:{ANY_LABEL}|{LEAD_LABEL})\s*[:：][^\n]{{1,200}}"
                           rf"(?:\n[ \t]*(?:{ANY_LABEL}|{LEAD_LABEL}|{SUPPORT_LABEL}|{TIME_LABEL})\s*[:：][^\n]{{1,200}})*$", re.M)
# a note the PDF's text layer cut: its start lost ("委、市财政局、公共机构节能主管部门)" on a line of its
# own after the task), or its end ("(国家发展改革委、生态环境部牵头,住房城乡建设部等" and the line ends)
CUT_START_NOTE_RE = re.compile(r"(?<=。\n)([^\n()（）。:：]{1,200}?)[)）](?=\n|$)")
CUT_END_NOTE_RE = re.compile(r"(?:(?<=。)|(?<=。\n))[(（]([^\n()（）。:：]{2,300})(?=\n)")
UNIT_END_RE = re.compile(rf"{UNIT_SUFFIX}$")
FIELD_RE = re.compile(rf"({ANY_LABEL}|{SUPPORT_LABEL}|{LEAD_LABEL}|{TIME_LABEL})\s*[:：]\s*")
# "A牵头，B配合" inside a note or a sentence
LEAD_SUPPORT_RE = re.compile(r"^(.+?)(?:牵头负责|牵头)[,，、;；]?\s*(.+?)(?:配合|参与|协同|协助)(?:负责|实施)?$")
# running text, at the start of a clause: "由市发展改革委牵头", "省发展改革委、省经信厅根据分工分别牵头制定",
# "开发区城市运行局负责…", "市生态环境局作为牵头单位"; "…负责解释" is the usual last article, not a task
UNITS = rf"(?:(?!由)[\u4e00-\u9fff、()（）]){{1,60}}?{BODY_SUFFIX}"
PROSE_LEAD_RE = re.compile(rf"(?:(?:(?<=[，,；;。\n])|^|由)\s*({UNITS})(?:根据分工|按照分工|按职责)?(?:分别)?"
                           rf"(?:牵头|负责(?!解释|人|制(?!定|订))|作为牵头(?:单位|部门)|为牵头(?:单位|部门))|办公室设在({UNITS}))"
                           rf"(?:[^，,；;。]*?[，,]\s*({UNITS})(?:配合|参与|协同|协助))?")
# "逗号前为牵头单位", "排在第一位的为牵头单位": the document's own rule for ranking a list of units
COMMA_RANK_RE = re.compile(r"(?:逗号|分号)前(?:的)?(?:单位|部门)?(?:为|是)牵头")
FIRST_RANK_RE = re.compile(r"(?:排(?:在|名)?第一(?:位)?|列第一位|第一个|首位)的?(?:单位|部门)?(?:为|是)牵头")
UNIT_SPLIT_RE = re.compile(r"[、,，;；\s]+")
LEVEL_ONLY_RE = re.compile(r"^(?:国家|省|市|区|县|州)$")
TASK_COLUMN_RE = re.compile(r"重点任务|工作任务|主要任务|具体任务|任务名称|工作名称|任务内容|工作内容|工作事项|任务|事项")
LEAD_COLUMN_RE = re.compile(rf"{LEAD_LABEL}|{ANY_LABEL}")
SUPPORT_COLUMN_RE = re.compile(SUPPORT_LABEL)
TIME_COLUMN_RE = re.compile(rf"{TIME_LABEL}|期限")
NAME_CHARS = 30
DATE_ONLY_RE = re.compile(r"(?:到|至|于|在)?[\d年月日底前之以上下半季度第一二三四]+")
QUOTE_CHARS = 400
DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class Task:
    """One task as the document assigns it, with its units in one form of their names."""

    id: str
    doc_id: str
    title: str  # the document's
    task: str  # as printed, short: the item's heading or the row's task cell
    lead: tuple[str, ...]  # department_name of each lead unit
    support: tuple[str, ...]
    lead_printed: tuple[str, ...]
    support_printed: tuple[str, ...]
    deadline: str | None  # ISO date, "ongoing" or None
    deadline_text: str  # as printed; "" for a default or no deadline
    deadline_default: bool  # the plan's period end, the task naming no date of its own
    source: Source
    region: str = ""
    span: tuple[int, int] = (0, 0)  # the task's text in the normalised document

    def status(self, as_of: dt.date) -> str:
        if self.deadline == "ongoing":
            return "ongoing"
        if self.deadline is None:
            return "open"
        due = dt.date.fromisoformat(self.deadline)
        if due < as_of:
            return "overdue"
        return "due_soon" if (due - as_of).days <= DUE_SOON_DAYS else "open"

    def names(self, department: str) -> str | None:
        """"lead" or "support" when ``department`` (any form of its name) takes part, else None."""
        wanted = department_name(department, self.region)
        if any(wanted == unit or wanted in unit for unit in self.lead):
            return "lead"
        if any(wanted == unit or wanted in unit for unit in self.support):
            return "support"
        return None

    def to_dict(self, as_of: dt.date) -> dict:
        return {"id": self.id, "doc_id": self.doc_id, "task": self.task, "lead": list(self.lead),
                "support": list(self.support), "lead_printed": list(self.lead_printed),
                "support_printed": list(self.support_printed), "deadline": self.deadline,
                "deadline_text": self.deadline_text, "deadline_default": self.deadline_default,
                "status": self.status(as_of), "region": self.region,
                "source": {"doc_id": self.source.doc_id, "title": self.title, "doc_number": self.source.doc_number,
                           "section": self.source.section, "quote": self.source.quote}}


@dataclass
class _Found:
    """A task as read, before its units are named in one form."""

    start: int  # of the task's text
    end: int
    name: str
    lead: list[str]
    support: list[str]
    deadline: Deadline | None
    section: Section | None


def split_units(text: str) -> list[str]:
    """The units a list names, as printed: "市发改委、市经信局,各区人民政府〈含开发区…〉" ->
    [市发改委, 市经信局, 各区人民政府]; "市、区机管局" stays one unit (a level alone joins the next)."""
    text = re.sub(r"[〈<][^〈〉<>]*[〉>]", "", text.replace("\n", ""))
    text = re.sub(r"[(（](?:含|包括|以下|下同)[^()（）]*[)）]", "", text)
    # a remark on the list itself: "（排在第一为牵头单位，下同）"
    text = re.sub(r"[(（][^()（）]*(?:牵头|下同)[^()（）]*[)）]", "", text)
    units: list[str] = []
    pending = ""
    for piece in UNIT_SPLIT_RE.split(text):
        piece = re.sub(r"(?:等(?:部门|单位)?|按职责分工负责|负责落实|分别负责|负责)$", "", piece.strip(" 。.:："))
        piece = NUMBERING_RE.sub("", piece)
        if not piece:
            continue
        if LEVEL_ONLY_RE.match(piece):
            pending += piece + "、"
            continue
        units.append(pending + piece)
        pending = ""
    return [u for u in units if 2 <= len(u) <= NAME_CHARS]


def _unit_list(text: str, strict: bool) -> tuple[list[str], list[str], str] | None:
    """(lead, support, printed time) of a note that only lists units, perhaps with a time ("A、B牵头，
    C、D等按职责分工负责", "市发展改革委，2021年第三季度"); with ``strict``, None unless every piece is a
    unit's name or a time and one at least is a unit (the PDF may have cut its name: "委")."""
    units_text, times = _without_times(text.replace("\n", ""))
    if strict:
        names = [p for p in UNIT_SPLIT_RE.split(re.sub(r"牵头(?:负责)?|负责|等$|等(?:部门|单位)$", "", units_text)) if p]
        if not names or not all(UNIT_END_RE.search(p.rstrip("等")) for p in names):
            return None
    led = LED_LIST_RE.match(units_text)
    lead, support = (split_units(led.group(1)), split_units(led.group(2))) if led else (split_units(units_text), [])
    return lead, support, times


def _without_times(text: str) -> tuple[str, str]:
    """(the units, the printed time) of a list that ends with its time: "市发改委；2021年第三季度"."""
    pieces = [p.strip() for p in re.split(r"[,，;；]", text) if p.strip()]
    times = [p for p in pieces if not UNIT_END_RE.search(p) and read_time_field(p) is not None]
    if not times:
        return text, ""
    return "，".join(p for p in pieces if p not in times), "；".join(times)


def _ranked(units_text: str, rank: str) -> tuple[list[str], list[str]]:
    """(lead, support) of a list the document ranks by its own rule; every unit leads when it does not."""
    if rank == "comma" and re.search(r"[,，]", units_text):
        head, rest = re.split(r"[,，]", units_text, maxsplit=1)
        return split_units(head), split_units(rest)
    units = split_units(units_text)
    if rank == "first" and units:
        return units[:1], units[1:]
    return units, []


def _read_note(note: str, rank: str) -> tuple[list[str], list[str], str]:
    """(lead, support, printed time) of a labelled note, without its brackets."""
    body = note.replace("\n", "")
    lead: list[str] = []
    support: list[str] = []
    time = ""
    marks = list(FIELD_RE.finditer(body))
    for i, mark in enumerate(marks):
        value = body[mark.end(): marks[i + 1].start() if i + 1 < len(marks) else len(body)].strip(" ;；,，。")
        label = mark.group(1)
        if re.fullmatch(TIME_LABEL, label):
            time = value
        elif re.fullmatch(SUPPORT_LABEL, label):
            support += split_units(value)
        elif re.fullmatch(LEAD_LABEL, label):
            lead += split_units(value)
        else:
            value, printed_time = _without_times(value)
            time = time or printed_time
            paired = LEAD_SUPPORT_RE.match(value)
            if paired:
                lead += split_units(paired.group(1))
                support += split_units(paired.group(2))
            else:
                ranked_lead, ranked_support = _ranked(value, rank)
                lead += ranked_lead
                support += ranked_support
    return lead, support, time


def _rank_rule(text: str) -> str:
    if COMMA_RANK_RE.search(text):
        return "comma"
    return "first" if FIRST_RANK_RE.search(text) else ""


def _innermost(doc: Document, offset: int) -> Section | None:
    holding = [s for s in doc.sections if s.start <= offset < s.end]
    return max(holding, key=lambda s: (len(s.path), s.start)) if holding else None


def _heading_name(section: Section | None) -> str:
    if section is None or not section.path:
        return ""
    return NUMBERING_RE.sub("", section.path[-1]).strip(" 。.")[:NAME_CHARS]


def _first_clause(text: str) -> str:
    """A task's name where it has no heading: its first clause that is more than a date ("2022年3月前,")."""
    clauses = [c for c in re.split(r"[。；;，,:：\n]", NUMBERING_RE.sub("", text.strip())) if c.strip()]
    named = [c for c in clauses if not DATE_ONLY_RE.fullmatch(c.strip())] or clauses or [""]
    return re.sub(r"^(?:其中)?由", "", named[0].strip())[:NAME_CHARS]


def _year_of(doc: Document, section: Section | None) -> int | None:
    """The year a date without its own year belongs to: the section's or caption's ("2017年…工作清单"),
    else a one-year plan's, else the year the document was issued."""
    for label in reversed(section.path if section else ()):
        match = SINGLE_YEAR_RE.search(label)
        if match:
            return int(match.group(1))
    first, last = title_period(doc.meta.title)
    if first is not None and first == last:
        return first
    return int(doc.meta.date[:4]) if doc.meta.date[:4].isdigit() else None


def _note_tasks(doc: Document, rank: str) -> list[_Found]:
    notes = [(m, "label") for m in LABELLED_NOTE_RE.finditer(doc.text)]
    for pattern, kind in ((FIELD_LINE_RE, "line"), (DUTY_NOTE_RE, "duty"), (BARE_NOTE_RE, "bare"), (CUT_START_NOTE_RE, "bare"),
                          (CUT_END_NOTE_RE, "bare")):
        notes += [(m, kind) for m in pattern.finditer(doc.text)
                  if not any(n.start() <= m.start() < n.end() for n, _ in notes)]
    found: list[_Found] = []
    previous_end = 0
    for match, kind in sorted(notes, key=lambda n: n[0].start()):
        section = _innermost(doc, match.start())
        start = max(section.start if section else 0, previous_end)
        previous_end = match.end()
        if kind in ("label", "line"):
            lead, support, time = _read_note(match.group(0)[1:-1] if kind == "label" else match.group(0), rank)
        else:
            listed = _unit_list(match.group(1), strict=kind == "bare")
            if listed is None:
                continue  # "(以下简称…)" or a remark, not a list of units
            lead, support, time = listed
            carries_out = CARRIES_OUT_RE.match(match.group(2) or "") if kind == "duty" else None
            if carries_out:
                lead = lead + split_units(carries_out.group(1))
        if not lead and not support and kind != "bare":
            continue  # a bare note whose only unit the PDF cut ("委)") still ends a task
        body = doc.text[start:match.start()]
        if not body.strip():
            continue  # a note with no task before it ("（责任单位：…）" under a heading of its own)
        year = _year_of(doc, section)
        deadline = read_time_field(time, year) if time else None
        if deadline is None:
            in_body = read_deadline(body, year)
            deadline = Deadline(in_body.text, in_body.date, start=start + in_body.start) if in_body else None
        # the task is its section's when it starts there; a later task of the section is named by its words
        name = _heading_name(section) if section is not None and start == section.start else _first_clause(body)
        found.append(_Found(start, match.end(), name or _first_clause(body), lead, support, deadline, section))
    return found


def _prose_tasks(doc: Document, covered: list[tuple[int, int]]) -> list[_Found]:
    """Tasks named in running text: each marked clause to the next one or its sentence's end."""
    found = []
    headed: set[Section] = set()  # a numbered section's first task takes its heading as its name
    for block in doc.blocks:
        if block.kind != "text" or any(a <= block.start < b for a, b in covered):
            continue
        text = doc.text[block.start:block.end]
        for sentence in re.finditer(r"[^。；;]+[。；;]?", text):
            matches = list(PROSE_LEAD_RE.finditer(sentence.group(0)))
            for i, match in enumerate(matches):
                named = match.group(1) or match.group(2)
                # "区发展改革委会同财政局负责…": the first leads, the one it works with supports
                named, _, along = named.partition("会同")
                lead = split_units(named)
                if not lead:
                    continue
                end = matches[i + 1].start() if i + 1 < len(matches) else len(sentence.group(0))
                words = sentence.group(0)[0 if i == 0 else match.start():end]
                start = block.start + sentence.start() + (0 if i == 0 else match.start())
                year = _year_of(doc, block.section)
                deadline = read_deadline(words, year)
                if deadline is not None:
                    deadline = Deadline(deadline.text, deadline.date, start=start + deadline.start)
                numbered = block.section.path and NUMBERING_RE.match(block.section.path[-1])
                name = _heading_name(block.section) if numbered and block.section not in headed else _first_clause(words)
                headed.add(block.section)
                found.append(_Found(start, start + len(words), name, lead,
                                    split_units(along) + split_units(match.group(3) or ""), deadline, block.section))
    return found


def _table_tasks(doc: Document, rank: str) -> list[_Found]:
    found = []
    for block in doc.blocks:
        if block.kind != "row" or not block.columns:
            continue
        columns = block.columns
        task_col = next((i for i, c in enumerate(columns) if TASK_COLUMN_RE.search(c)), None)
        lead_col = next((i for i, c in enumerate(columns) if LEAD_COLUMN_RE.search(c)), None)
        support_col = next((i for i, c in enumerate(columns) if SUPPORT_COLUMN_RE.search(c)), None)
        time_col = next((i for i, c in enumerate(columns) if TIME_COLUMN_RE.search(c)), None)
        if task_col is None or (lead_col is None and time_col is None):
            continue
        row = read_row(doc.text[block.start:block.end], columns, block.section.path[-1])
        cells = row.cells
        if task_col >= len(cells) or not cells[task_col] or cells[task_col] == columns[task_col]:
            continue  # a short row, or the header repeated on a new page
        lead, support = ([], [])
        if lead_col is not None and lead_col < len(cells):
            lead, support = _ranked(cells[lead_col], rank)
        if support_col is not None and support_col < len(cells):
            support += split_units(cells[support_col])
        year = _year_of(doc, block.section)
        deadline = read_time_field(cells[time_col], year) if time_col is not None and time_col < len(cells) else None
        if deadline is not None:
            offset = doc.text.find(deadline.text, block.start, block.end)
            deadline = Deadline(deadline.text, deadline.date, deadline.ongoing, max(offset, block.start))
        found.append(_Found(block.start, block.end, cells[task_col][:NAME_CHARS], lead, support, deadline,
                            block.section))
    return found


def _quote(doc: Document, task: _Found) -> str:
    """The task's own words, whole when they fit in QUOTE_CHARS; a longer task from its deadline's
    sentence (or its last sentences) to the end of its note, so that what is due and who leads are in it."""
    start = task.start
    if task.end - start <= QUOTE_CHARS:
        return doc.text[start:task.end].strip()
    if task.deadline is not None and not task.deadline.ongoing and task.start <= task.deadline.start < task.end:
        sentence = max(doc.text.rfind(p, task.start, task.deadline.start) for p in "。；;\n")
        start = sentence + 1 if sentence >= task.start else task.start
    if task.end - start > QUOTE_CHARS:
        cut = start + (task.end - start - QUOTE_CHARS)
        later = [i for i in (doc.text.find(p, cut, task.end) for p in "。；;\n") if i >= 0]
        start = min(later) + 1 if later else cut
    return doc.text[start:task.end].strip()


def extract_tasks(doc: Document) -> list[Task]:
    """Every task ``doc`` assigns to a unit, in the order the document gives them."""
    rank = _rank_rule(doc.text)
    found = _note_tasks(doc, rank)
    found += _table_tasks(doc, rank)
    found += _prose_tasks(doc, [(f.start, f.end) for f in found])
    period_end = doc.meta.period_end or title_period(doc.meta.title)[1]
    tasks = []
    for n, item in enumerate(sorted(found, key=lambda f: f.start), 1):
        region = doc.meta.region
        if item.deadline is not None:
            deadline, deadline_text, default = item.deadline.value, item.deadline.text, False
        elif period_end is not None:
            deadline, deadline_text, default = f"{period_end}-12-31", "", True
        else:
            deadline, deadline_text, default = None, "", False
        section = item.section.label if item.section else ""
        tasks.append(Task(
            id=f"{doc.meta.doc_id}-t{n:03d}", doc_id=doc.meta.doc_id, title=doc.meta.title, task=item.name,
            lead=tuple(dict.fromkeys(department_name(u, region) for u in item.lead)),
            support=tuple(dict.fromkeys(department_name(u, region) for u in item.support)),
            lead_printed=tuple(item.lead), support_printed=tuple(item.support), deadline=deadline,
            deadline_text=deadline_text, deadline_default=default,
            source=Source(doc.meta.doc_id, doc.meta.doc_number, section, _quote(doc, item)), region=region,
            span=(item.start, item.end)))
    return tasks
