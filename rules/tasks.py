"""The tasks a plan assigns to departments: what, who leads, who supports, and by when.

Plans assign their work in a few ways, all read here from the parsed document:
- a note closing an item: "（责任单位：市发改委、市经信局）", "〔牵头单位：A；配合单位：B〕",
  "（责任单位：省发展改革委；完成时限：2022年4月）", "（牵头部门：区经委）", "（A牵头，B、C配合）";
  a note closing an item's heading line is the task of the text below it;
- a note of the national plans' kind: "（工业和信息化部、国家发展改革委等按职责分工负责）";
- running text: "由A牵头，会同B、C…", "A牵头负责…", "A作为牵头单位，负责…", "A要会同B…",
  "A应当…", "由A按照…" (a unit named at the start of a clause and what it is to do);
- a member unit's duties under a heading that is its name ("（三）市住房城乡建设局：负责…");
- a table whose columns name the task and its lead unit or its time (重点任务 | 牵头单位 | 配合单位 |
  完成时限, a work list 工作名称 | 主要内容 | 进度安排, or a project list 项目名称 | 建设内容 | 责任单位).

A note's task is the item it closes: the innermost numbered section holding it, from the end of the
note before it. Where the document ranks its units (牵头 and 配合, "A（牵头）", or "逗号前为牵头单位"),
lead and support follow that ranking; a plain list of 责任单位 does not rank, and every unit named leads.
A task's time is its own field, else the latest date its words set, else the time its stage's heading
prints ("（一）动员部署（2022年3月至4月）"); a task with none is due when its plan ends (marked as a
default). An exhortation to every department ("各部门要加强协调") is nobody's task.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ingest.deadlines import Deadline, read_deadline, read_recurrence, read_time_field
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
DUTY_WORDS = (r"(?:按|按照|根据|依据)(?:各自)?(?:职责|职能)?分工[\u4e00-\u9fff]{0,4}?(?:负责|推动|落实|实施|推进)"
              r"|(?:按|按照|根据|依据)(?:各自)?(?:职责|职能)负责")
DUTY_NOTE_RE = re.compile(rf"[(（〔]({NOTE_BODY}{{2,300}}?)(?:{DUTY_WORDS})({NOTE_BODY}{{0,200}}?)[)）〕]")
# "…按职责分工负责，地方各级人民政府负责落实", "…，各区人民政府组织实施": who carries it out where, leading too
CARRIED_OUT_RE = re.compile(r"([^,，。;；]{2,40}?)(?:负责落实|组织实施|负责实施|抓好落实|具体实施)")
CARRIES_OUT_RE = re.compile(r"^[,，]\s*([^,，。;；]{2,40}?)(?:负责落实|组织实施|负责实施|抓好落实|具体实施|落实)")
# "国家发展改革委牵头，国家统计局、国家能源局等按职责分工负责": who leads, then who supports
LED_LIST_RE = re.compile(r"^(.+?)牵头[,，、;；]\s*(.+)$")
# how a unit's name ends; in running text only a body's own ends ("相关部门负责" names no one to track)
# a department's own divisions are units too: its 处, 科, 室, 站, 所 (a 工作要点 assigns its tasks to them)
UNIT_SUFFIX = (r"(?:委员会|管委会|人民政府|政府|局|委|厅|部|办|中心|署|院|行|集团|公司|部门|处|科|室|站|所|队|专班|小组"
               r"|海关|总会|工会|协会|商会|联合会|妇联|残联|工商联|科协|大学|供销社|镇街|街镇|街道|乡镇|办事处)")
BODY_SUFFIX = r"(?:委员会|管委会|人民政府|政府|局|委|厅|部门|部|办|中心|署|院|处|站)"
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
UNITS = rf"(?:(?!由)[\u4e00-\u9fff])(?:(?!由)[\u4e00-\u9fff、()（）]){{0,59}}?(?:{BODY_SUFFIX}|公司)"
BY_DUTY = r"(?:按|按照|根据|依据)(?:各自)?(?:职责|职能)?(?:分工)?"
PROSE_LEAD_RE = re.compile(rf"(?:(?:(?<=[，,；;。\n])|^(?:{NUMBERING_RE.pattern[1:]})?|由)\s*(?P<named>{UNITS})\s*[:：。]?\s*"
                           rf"(?:等(?:部门|单位))?(?:{BY_DUTY})?"
                           rf"(?:分别|具体|统筹|共同|主要|全面)?"
                           rf"(?:牵头|负责(?!解释|人|制(?!定|订))|作为牵头(?:单位|部门)|为牵头(?:单位|部门)"
                           rf"|(?:要|应当|应|将|须)?会同(?P<along>{UNITS})"
                           # "各有关部门要…", "区财政局和区审计局根据各自职责对…", "沿海各级人民政府是…责任主体"
                           rf"|(?:要|应当|须)(?!求)|根据各自职责|是[^，,。；;]{{0,12}}责任主体"
                           # "由区发改委按照…直接拨付": after 由, the unit is who acts
                           rf"|(?P<by>(?=按照|根据|依据|统一|组织|委托)))|办公室设在(?P<office>{UNITS}))"
                           rf"(?:[^，,；;。]*?[，,]\s*(?P<helpers>{UNITS})(?:配合|参与|协同|协助))?")
GENERIC_UNIT_RE = re.compile(r"(?:各级)?(?:各有关|各相关|各|有关|相关|其他)?(?:部门|单位|方面)")
UNIT_HEADING_RE = re.compile(rf"(?:{UNITS}[、和及]?){{1,4}}")
# "由A牵头，会同B、C…": the units a lead works with support it
JOINED_RE = re.compile(rf"^[,，]?\s*会同((?:{UNITS}[、和及]?)+)")
# "逗号前为牵头单位", "排在第一位的为牵头单位": the document's own rule for ranking a list of units
COMMA_RANK_RE = re.compile(r"(?:逗号|分号)前(?:的)?(?:单位|部门)?(?:为|是)牵头")
FIRST_RANK_RE = re.compile(r"(?:排(?:在|名)?第一(?:位)?|列第一位|第一个|首位)的?(?:单位|部门)?(?:为|是)牵头")
UNIT_SPLIT_RE = re.compile(r"[、,，;；\s]+")
LEVEL_ONLY_RE = re.compile(r"^(?:国家|省|市|区|县|州)$")
# "区财政局和区审计局", "管委会及有关职能部门": two units; "住房和城乡建设局" is one
AND_RE = re.compile(r"(?<=[会局委厅部办府心署院处室站所队行])(?:以及|及|和|与)(?=[\u4e00-\u9fff]{2})")
GLUED_UNIT_RE = re.compile(r"(?:省|市|区|县|州|旗)[\u4e00-\u9fff]{1,12}?(?:委员会|管委会|局|委|厅|办|中心)(?=[省市区县州旗]|$)")
# "市财政局（牵头）、市发改委": the unit the mark follows leads the list
LEAD_MARK_RE = re.compile(r"[(（]牵头(?:单位|部门)?[)）]")
TASK_COLUMN_RE = re.compile(r"重点任务|工作任务|主要任务|具体任务|任务名称|工作名称|任务内容|工作内容|工作事项|重点工作"
                            r"|工作措施|主要措施|具体措施|任务|事项")
# a project list names its rows instead ("项目名称 | 建设内容 | 责任单位")
NAME_COLUMN_RE = re.compile(r"项目名称|工程名称|名称|项目|建设内容|实施内容|主要内容|内容")
LEAD_COLUMN_RE = re.compile(rf"{LEAD_LABEL}|{ANY_LABEL}")
SUPPORT_COLUMN_RE = re.compile(SUPPORT_LABEL)
TIME_COLUMN_RE = re.compile(rf"{TIME_LABEL}|期限|年限")
NAME_CHARS = 30
HEADING_TIME_RE = re.compile(r"[(（]([^()（）]*\d{4}\s*年[^()（）]*)[)）]\s*$")
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
    [市发改委, 市经信局, 各区人民政府]; "市、区机管局" stays one unit (a level alone joins the next), so
    does "各县(市、区)人民政府" (a list inside brackets is part of a name); "市市场监管局市工信局" (the
    space between them lost) is two."""
    text = re.sub(r"[〈<][^〈〉<>]*[〉>]", "", text.replace("\n", ""))
    text = re.sub(r"[(（](?:含|包括|以下|下同)[^()（）]*[)）]", "", text)
    # a remark on the list itself: "（排在第一为牵头单位，下同）"
    text = re.sub(r"[(（][^()（）]*(?:牵头|下同)[^()（）]*[)）]", "", text)
    units: list[str] = []
    pending = ""
    for piece in _outside_brackets(text, UNIT_SPLIT_RE):
        piece = re.sub(r"(?:等(?:部门|单位)?|按职责分工负责|负责落实|分别负责|负责)$", "", piece.strip(" 。.:："))
        piece = NUMBERING_RE.sub("", piece)
        if not piece:
            continue
        if LEVEL_ONLY_RE.match(piece):
            pending += piece + "、"
            continue
        units.append(pending + piece)
        pending = ""
    return [unit for u in units for joined in AND_RE.split(u) for unit in _glued_units(joined)
            if 2 <= len(unit) <= NAME_CHARS]


def _outside_brackets(text: str, separator: re.Pattern) -> list[str]:
    """``text`` split at ``separator`` where it is not inside brackets."""
    pieces, depth, last = [], 0, 0
    for i, char in enumerate(text):
        depth += 1 if char in "(（" else -1 if char in ")）" and depth else 0
        if depth == 0 and separator.fullmatch(char):
            pieces.append(text[last:i])
            last = i + 1
    return pieces + [text[last:]]


def _glued_units(name: str) -> list[str]:
    """"市市场监管局市工信局" -> [市市场监管局, 市工信局]: split only where every part is a unit of a
    level (市/区/县/省 …) ending in a body's suffix, so "市委宣传部" stays whole."""
    parts = GLUED_UNIT_RE.findall(name)
    return parts if len(parts) > 1 and "".join(parts) == name else [name]


def _unit_list(text: str, strict: bool) -> tuple[list[str], list[str], str] | None:
    """(lead, support, printed time) of a note that only lists units, perhaps with a time ("A、B牵头，
    C、D等按职责分工负责", "市发展改革委，2021年第三季度"); with ``strict``, None unless every piece is a
    unit's name or a time and one at least is a unit (the PDF may have cut its name: "委")."""
    units_text, times = _without_times(text.replace("\n", ""))
    if strict:
        bare = re.sub(r"牵头(?:负责)?|(?:配合|参与|协同|协助)(?:负责|实施)?|负责|等$|等(?:部门|单位)$", "", units_text)
        names = [p for p in _outside_brackets(bare, UNIT_SPLIT_RE) if p]
        if not names or not all(UNIT_END_RE.search(p.rstrip("等")) for p in names):
            return None
    paired = LEAD_SUPPORT_RE.match(units_text)
    if paired:
        return split_units(paired.group(1)), split_units(paired.group(2)), times
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
    """(lead, support) of a list the document ranks by its own rule or marks ("市财政局（牵头）、市发改委");
    every unit leads when it does neither."""
    if LEAD_MARK_RE.search(units_text):
        pieces = _outside_brackets(units_text, UNIT_SPLIT_RE)
        marked = [p for p in pieces if LEAD_MARK_RE.search(p)]
        return (split_units("、".join(marked)),
                split_units("、".join(p for p in pieces if not LEAD_MARK_RE.search(p))))
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
    # "(牵头单位:A,责任单位:B、C)": beside a lead label, the responsible units are the ones supporting
    has_lead_label = any(re.fullmatch(LEAD_LABEL, m.group(1)) for m in marks)
    for i, mark in enumerate(marks):
        value = body[mark.end(): marks[i + 1].start() if i + 1 < len(marks) else len(body)].strip(" ;；,，。")
        label = mark.group(1)
        if re.fullmatch(TIME_LABEL, label):
            time = value
        elif re.fullmatch(SUPPORT_LABEL, label):
            value, carrying = _carried_out(value)
            support += split_units(value)
            lead += carrying
        elif re.fullmatch(LEAD_LABEL, label):
            lead += split_units(value)
        elif has_lead_label:
            support += split_units(_without_times(value)[0])
        else:
            value, carrying = _carried_out(value)
            lead += carrying
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


def _carried_out(value: str) -> tuple[str, list[str]]:
    """A field's value without its closing "…,各市人民政府负责落实" clause, and the units that clause
    names (they carry the task out: they lead); a remark after it ("以下均需…,不再列出") is dropped."""
    pieces = re.split(r"[,，。;；]", value)
    for i, piece in enumerate(pieces[1:], 1):
        carrying = CARRIED_OUT_RE.fullmatch(piece.strip())
        if carrying:
            return "，".join(pieces[:i]), split_units(carrying.group(1))
    return value, []


def _rank_rule(text: str) -> str:
    if COMMA_RANK_RE.search(text):
        return "comma"
    return "first" if FIRST_RANK_RE.search(text) else ""


def _innermost(doc: Document, offset: int) -> Section | None:
    holding = [s for s in doc.sections if s.start <= offset < s.end]
    return max(holding, key=lambda s: (len(s.path), s.start)) if holding else None


def _heading_time(doc: Document, section: Section | None) -> Deadline | None:
    """The time a stage's heading gives every task under it: "(一)建立试点(2021年10月至2021年11月)",
    "动员部署阶段（2022年3月底前）"; the nearest heading's, None when no heading prints one."""
    for label in reversed(section.path if section else ()):
        bracket = HEADING_TIME_RE.search(label)
        found = read_deadline(bracket.group(1), _year_of(doc, section)) if bracket else None
        if found is not None:
            return Deadline(found.text, found.date)
    return None


def _heading_name(section: Section | None) -> str:
    if section is None or not section.path:
        return ""
    heading = LABELLED_NOTE_RE.sub("", NUMBERING_RE.sub("", section.path[-1]))
    heading = re.sub(rf"^{UNITS}[:：]\s*(?=负责)", "", HEADING_TIME_RE.sub("", heading))  # "市发改委:负责…" names its duty
    return re.sub(r"[(（][^()（）]*$", "", heading).strip(" 。.")[:NAME_CHARS]  # a note the label cut short


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
    notes.sort(key=lambda n: n[0].start())
    for n, (match, kind) in enumerate(notes):
        section = _innermost(doc, match.start())
        start = max(section.start if section else 0, previous_end)
        end = previous_end = match.end()
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
        if (section is not None and start == section.start and not re.search(r"[\n。；;]", body.strip())
                and doc.text[end:end + 1] == "\n"):
            # a note closing its heading line ("(一)推进产业结构调整(责任单位:县发改局)"): the task is the
            # section's text below it, up to the next note
            later = notes[n + 1][0].start() if n + 1 < len(notes) else len(doc.text)
            end = previous_end = max(end, min(section.end, later))
            body = doc.text[start:end]
        year = _year_of(doc, section)
        deadline = read_time_field(time, year) if time else None
        if deadline is None:
            in_body = read_deadline(body, year)
            deadline = Deadline(in_body.text, in_body.date, start=start + in_body.start) if in_body else None
        deadline = deadline or _heading_time(doc, section)
        # the task is its section's when it starts there; a later task of the section is named by its words
        name = _heading_name(section) if section is not None and start == section.start else _first_clause(body)
        found.append(_Found(start, end, name or _first_clause(body), lead, support, deadline, section))
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
                if match.group("by") is not None and not match.group(0).lstrip().startswith("由"):
                    continue
                named = match.group("named") or match.group("office")
                # "区发展改革委会同财政局负责…": the first leads, the one it works with supports
                named, _, along = named.partition("会同")
                joined = JOINED_RE.match(sentence.group(0)[match.end():])
                along = along or match.group("along") or (joined.group(1) if joined else "")
                lead = split_units(named)
                if not lead or all(GENERIC_UNIT_RE.fullmatch(u) for u in lead):
                    continue  # "各部门要加强协调": an exhortation to everyone is nobody's task
                end = matches[i + 1].start() if i + 1 < len(matches) else len(sentence.group(0))
                words = sentence.group(0)[0 if i == 0 else match.start():end]
                start = block.start + sentence.start() + (0 if i == 0 else match.start())
                year = _year_of(doc, block.section)
                deadline = read_deadline(words, year)
                if deadline is not None:
                    deadline = Deadline(deadline.text, deadline.date, start=start + deadline.start)
                deadline = deadline or _heading_time(doc, block.section)
                if deadline is None:
                    recurs = read_recurrence(words)
                    deadline = recurs and Deadline(recurs.text, None, True, start + recurs.start)
                numbered = block.section.path and NUMBERING_RE.match(block.section.path[-1])
                first = numbered and block.section not in headed
                name = _heading_name(block.section) if first else _first_clause(words)
                headed.add(block.section)
                end = start + len(words)
                if first:
                    # the section's first named unit takes the section's task: the words before it are that task
                    start = max([block.section.start] + [b for a, b in covered if b <= start])
                found.append(_Found(start, end, name, lead,
                                    split_units(along) + split_units(match.group("helpers") or ""), deadline, block.section))
    return found


def _unit_section_tasks(doc: Document, covered: list[tuple[int, int]]) -> list[_Found]:
    """A member unit's duties under a heading that is only its name ("(三)市住房城乡建设局" or
    "(四)市交通运输局。负责…"): the section's text is that unit's task."""
    found = []
    for section in doc.sections:
        heading = NUMBERING_RE.sub("", section.path[-1]).strip(" 。.:：") if section.path else ""
        if not UNIT_HEADING_RE.fullmatch(heading) or any(a <= section.start < b for a, b in covered):
            continue
        if any(s.start > section.start and s.path[:len(section.path)] == section.path for s in doc.sections):
            continue  # a heading over headings: a chapter, not one unit's duties
        body = doc.text[section.start:section.end]
        words = re.sub(rf"^[^\n。:：]*{re.escape(heading)}[\s。:：]*", "", body.strip())
        if not words:
            continue
        found.append(_Found(section.start, section.end, _first_clause(words), split_units(heading), [],
                            _heading_time(doc, section), section))
    return found


def _column(columns: tuple[str, ...] | list[str], header: re.Pattern) -> int | None:
    return next((i for i, c in enumerate(columns) if header.search(c)), None)


def _table_tasks(doc: Document, rank: str) -> list[_Found]:
    found = []
    for block in doc.blocks:
        if block.kind != "row" or not block.columns:
            continue
        columns = block.columns
        task_col = _column(columns, TASK_COLUMN_RE)
        if task_col is None and _column(columns, LEAD_COLUMN_RE) is not None:
            task_col = _column(columns, NAME_COLUMN_RE)  # a list of projects is a list of tasks with its units
        # "牵头单位 | 责任单位": beside a lead column the responsible units are the ones supporting
        lead_col = _column(columns, re.compile(LEAD_LABEL))
        support_col = _column(columns, SUPPORT_COLUMN_RE)
        if lead_col is None:
            lead_col = _column(columns, LEAD_COLUMN_RE)
        elif support_col is None:
            support_col = _column(columns, re.compile(ANY_LABEL))
        time_col = _column(columns, TIME_COLUMN_RE)
        if task_col is None or (lead_col is None and time_col is None):
            continue
        row = read_row(doc.text[block.start:block.end], columns, block.section.path[-1])
        cells = row.cells
        if task_col < len(cells) and not cells[task_col]:
            # under a merged 重点任务 cell its later rows print only their 具体措施: each is a task too
            detail = next((i for i, c in enumerate(columns) if i != task_col and TASK_COLUMN_RE.search(c)
                           and i < len(cells) and cells[i]), None)
            if detail is not None:
                task_col = detail
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
    found += _unit_section_tasks(doc, [(f.start, f.end) for f in found])
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
