"""What an obligation is: a duty of a subject an enterprise profile can be, an action, and its time.

A sentence sets an enterprise a duty only when three things hold:

- **who**: the subject that must act is one a profile can match: an enterprise or energy-using unit,
  a key emitter, an applicant, a reporting unit (``ingest/data/lexicon/duty_subjects.txt``). The
  subject is what stands before the modal word (应/须/必须/不得/请…); a sentence whose subject is a
  government body, a verification agency or a bank sets that body's task. A sentence that names no
  subject ("配额不足的,应…购买补足") keeps the subject of the sentence before it in its paragraph, of
  the clause that opened it, or of its list's lead-in.
- **what**: an action, not a statement of what something is: definitions (…是指…), formulas
  (=, ×), notes (注:, 说明:), the scope of a scheme (覆盖范围:, 纳入范围为), properties (应是, 应为),
  permissions (可使用…) and legal effects.
- **when**: its own time: a date printed at the action (a date without a year takes the year of
  the document's issue), a recurrence (每年, 每季度, 每月), or a relative time (15日内, 竣工验收前)
  kept as printed. A duty without one says so; it never borrows the document's own date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.lexicon import comparator_meaning, comparator_words, read_table

SUBJECT_KINDS = ("enterprise", "key_emitter", "applicant", "reporter", "government", "agency")
# the kinds an enterprise profile can be
PROFILE_KINDS = frozenset(SUBJECT_KINDS[:4])

# a modal word: what stands before it is the subject. 应 in 相应/供应/应用 and 要 in 重要/要求 are not
MODAL_RE = re.compile(r"应当|必须|务必|(?<![必无])须(?!知)|(?<![相对供适响反效回顺])应(?!用|急|对(?:气候|突发|极端|风险|挑战|疫情|危机|措施|能力|工作)|[\u4e00-\u9fff]尽)|"
                      r"(?<![只所对必无])需(?!求|要求)|不得(?!分)|严禁|禁止|^请|(?<=[,，;；:：])请|"
                      r"(?<![重主需只必紧摘纲提简概纪首])要(?![求点素是件闻])")
# a modal followed by being, not doing: "CCER所属的项目应是非水电类项目" states a property
PROPERTY_RE = re.compile(r"^(?:是|为|属于|具有|具备|拥有|已)(?!准|主)|^(?:同时)?(?:符合|满足)(?:下列|以下)|"
                         # "申报单位须在…依法注册登记、具有独立法人资格": a status an applicant has, no act
                         r"^在[^,，;；。]{1,16}依法(?:注册|登记|设立)|^依法(?:注册|登记|设立)")
# a sentence that says what something is, how it is computed, or what a scheme covers
NOT_AN_ACTION_RE = re.compile(r"^(?:[(（]?注\d?[:：)）]|说明[:：]|备注[:：])|(?:覆盖范围|纳入范围|适用范围|核算边界)(?:[:：]|为)|"
                              r"[^,，;；。]{0,20}(?:是指|系指|[:：]指)|[=＝∑×]|"
                              r"承继|视为|认定为|认定其|有下列(?:行为|情形)之一|"
                              # a cover letter's "现将《…》印发给你们,请遵照执行": it hands the document on
                              r"现将[^。;；]{0,120}(?:印发|公布|转发|下达)给?(?:你们|各)|现将[^。;；]{0,60}如下|予以公布|"
                              r"现(?:予)?印发给你们|"
                              r"请[^。;；]{0,6}(?:密切)?关注")
LEADING_MARK_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d)|"
                             r"第[一二三四五六七八九十百零]+条)\s*")
# "2022年3月31日前,", "自2022年4月起," — a time a clause opens with is no part of its subject
LEADING_TIME_RE = re.compile(r"^(?:自|从|于|在)?(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?[^,，;；]{0,10}?"
                             r"(?:前|之前|起|以来|后|底|末|内)[,，]")
RECURRENCES = (("monthly", re.compile(r"每月|每个月|月度")), ("quarterly", re.compile(r"每季度|每个季度|季度")),
               ("annual", re.compile(r"每年|每一年|逐年|上一?年度|年度(?:报告|核查|清缴|履约)")))
RELATIVE_TIME_RE = re.compile(r"(?:\d+|[一二三四五六七八九十]+)个?(?:工作日|日|天|个月|月)内|[\u4e00-\u9fff]{2,6}(?:前|之前)(?=[,，;；]|$)|"
                              r"(?:竣工验收|竣工|验收|投产|开工|建成|并网|立项|签订)[\u4e00-\u9fff]{0,2}(?:前|之前)|"
                              r"按期|按时|及时|限期")
FULL_DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?|(\d{4})年(?=底|末|前)")
# "到2025年底", "截至2022年6月30日", "截止日期为2021年11月20日", "于2022年6月30日上传"
UNTIL_RE = re.compile(r"(?:到|至|截至|截止到?|(?:截止|截至)(?:日期|时间)?为|(?<![,，]自)于)$")
EVERY_RE = re.compile(r"每(?:一)?年度?$|每个?月$")
YEARLESS_DATE_RE = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
BEFORE_RE = re.compile(r"^[^,，;；。]{0,12}?(?:底|末)?(?:前|之前|止|以前)|^[^,，;；。]{0,4}(?:截止|完成)|^\s*(?:\d{1,2}[:：]\d{2})?\s*前")


# what may follow the head of a subject: a condition ("分立的", "配额不足的") or a filler (均, 都, 也)
SUBJECT_TAIL_RE = re.compile(r"[^,，;；]{0,10}的|(?:均|都|也|亦|还|则|一律|原则上|共\d+家)")


# what may stand before a subject that opens a clause ("各重点排放单位", "新、改、扩建项目"); anything
# else ("将按重点排放单位…", "配合核查机构…") makes the unit an object, not the one who acts
SUBJECT_PREFIX_RE = re.compile(r"(?:各|全体|所有|凡|全市|本市|全省|本省|全区|本区|辖区内?|相关|有关|新、改、扩建|新改扩建|"
                               r"改扩建|改建|扩建|省级|市级|区级|县级|[省市区县])*")


# bodies listed with a bare 单位 as one subject ("各有关部门和单位", "各部门、各单位"), not a body inside a
# modifier ("经市生态环境局审定的单位")
GOVERNMENT_AND_UNITS_RE = re.compile(r"(?:部门|各地|地市|政府|[局委厅])[、和及与]{1,2}(?:各|有关|相关|参与)*单位$")


@dataclass(frozen=True)
class Subject:
    text: str  # the words before the modal, as printed ("" when the clause names none)
    kind: str  # one of SUBJECT_KINDS, or "" when no word of the lexicon heads it


@dataclass(frozen=True)
class DutyTime:
    deadline: str | None = None  # ISO date of the action's own time
    recurrence: str | None = None  # annual | quarterly | monthly
    text: str | None = None  # the time as printed, when it is relative ("分立后15日内", "竣工验收前")


@lru_cache(maxsize=1)
def subject_words() -> dict[str, str]:
    """word -> kind, from duty_subjects.txt."""
    words = {}
    for number, (word, kind) in read_table("duty_subjects.txt", 2):
        if kind not in SUBJECT_KINDS:
            raise ValueError(f"ingest/data/lexicon/duty_subjects.txt:{number}: unknown kind {kind!r}")
        words[word] = kind
    return words


def subject_kind(words: str) -> str:
    """The kind of the word that heads ``words``: the one that ends last (the longest where two end
    together), and only when what follows it is a filler or a condition ("…单位分立的,"), not
    another noun ("环保设施消耗的电量" is headed by 电量)."""
    best = (-1, 0, "")
    for word, kind in subject_words().items():
        at = words.rfind(word)
        if at >= 0:
            best = max(best, (at + len(word), len(word), kind))
    end, length, kind = best
    if not kind:
        return ""
    rest = words[end:].strip(" ,，")
    if not (len(rest) <= 3 or SUBJECT_TAIL_RE.fullmatch(rest)):
        return ""
    if kind == "enterprise" and GOVERNMENT_AND_UNITS_RE.search(words[:end]):
        return "government"  # "各有关部门和单位要…", "各地、各部门、各单位": a notice's addressees, led by bodies
    return kind


def clause_body(text: str) -> str:
    """The clause without its item mark and the time it opens with."""
    text = LEADING_MARK_RE.sub("", text)
    return LEADING_TIME_RE.sub("", text, count=1).lstrip(",，")


GENERIC_UNITS_RE = re.compile(r"(?:省|市|区|县)?(?:各)?(?:有关|相关|其他)?(?:单位|部门)")
COPULA_SUBJECT_RE = re.compile(r"([^,，;；是]{2,30})是[^,，;；]{2,40}(?:主体|责任人|第一责任人)[,，]?$")


def modal_of(text: str) -> re.Match | None:
    return MODAL_RE.search(clause_body(text))


def subject_of(text: str) -> Subject:
    """Who the clause tells to act: the words before its first modal word, or (with none) the words
    before its first comma, classed by the word that heads them."""
    body = clause_body(text)
    modal = MODAL_RE.search(body)
    if modal is not None:
        words = body[:modal.start()]
        if modal.group() == "请":  # "请各重点排放单位于…前完成": whom the notice asks, named first
            words = re.split(r"[于在按,，]", body[modal.end():], maxsplit=1)[0]
            return Subject(words.strip(), first_subject_kind(words))
    else:  # no modal: only a body named first is sure to be the subject ("市生态环境局将委托…")
        words = re.split(r"[,，;；]", body, maxsplit=1)[0]
        kind = first_subject_kind(words[:10])
        return Subject(words.strip(), kind if kind in ("government", "agency") else "")
    # "各市、省有关单位要…": a government with the units around it ("有关单位", not "企业") is no enterprise
    members = re.split(r"[、和及]", words.strip(), maxsplit=1)
    if (len(members) > 1 and first_subject_kind(members[0]) == "government"
            and all(GENERIC_UNITS_RE.fullmatch(m.strip()) or first_subject_kind(m) == "government"
                    for m in re.split(r"[、和及]", members[1]))):
        return Subject(words.strip(), "government")
    # "各区人民政府是…的责任主体,要…": what stands before 是 is the subject the copula names
    copula = COPULA_SUBJECT_RE.match(words)
    if copula and subject_kind(copula.group(1)):
        return Subject(copula.group(1).strip(), subject_kind(copula.group(1)))
    # "在配额分配方案制定过程中,市生态环境主管部门应当…": the subject follows the last comma before the modal
    last_part = re.split(r"[,，]", words)[-1]
    if modal.group() != "请" and subject_kind(last_part):
        words = last_part
    return Subject(words.strip(), subject_kind(words))


def first_subject_kind(words: str) -> str:
    """The kind of the word that starts first in ``words`` (the longest one where two start together),
    when only a determiner stands before it ("将按重点排放单位…核发": the unit is an object)."""
    best = (len(words) + 1, 0, "")
    for word, kind in subject_words().items():
        at = words.find(word)
        if at >= 0:
            best = min(best, (at, -len(word), kind))
    at, _, kind = best
    return kind if kind and SUBJECT_PREFIX_RE.fullmatch(words[:at]) else ""


def is_action(text: str) -> bool:
    """False for a sentence that states what something is rather than what someone must do."""
    body = clause_body(text)
    if NOT_AN_ACTION_RE.search(body):
        return False
    modal = MODAL_RE.search(body)
    if modal is not None and PROPERTY_RE.match(body[modal.end():]):
        return False
    return True


def duty_time(text: str, year: int | None) -> DutyTime:
    """The action's own time: the last date the sentence sets as a time limit (a date without a
    year in the year ``year``), else how often, else a relative time as printed.

    Stricter than the task tracker's reader (ingest/deadlines.py), which also takes a plan's bare
    years ("到2025年,…") as a task's time: here a date must be marked as a limit (…前, …止, 到…,
    于…, 截止日期为…). Read with the tracker's reader, more of a plan's aims became duties (wild2 tune
    precision 0.78 -> 0.66), so the two stay apart."""
    deadline = None
    for match in FULL_DATE_RE.finditer(text):
        if not (BEFORE_RE.search(text[match.end():match.end() + 16]) or UNTIL_RE.search(text[:match.start()])):
            continue
        y = int(match.group(1) or match.group(4))
        deadline = _last_day(y, int(match.group(2)) if match.group(2) else 12, match.group(3)) or deadline
    if deadline is None and year:
        for match in YEARLESS_DATE_RE.finditer(text):
            if EVERY_RE.search(text[max(0, match.start() - 3):match.start()]):
                continue  # "每年4月30日前" falls due every year, not once
            if BEFORE_RE.search(text[match.end():match.end() + 16]):
                deadline = _last_day(year, int(match.group(1)), match.group(2)) or deadline
    if deadline:
        return DutyTime(deadline=deadline)
    recurrence = next((name for name, pattern in RECURRENCES if pattern.search(text)), None)
    relative = RELATIVE_TIME_RE.search(text)
    return DutyTime(recurrence=recurrence, text=relative.group() if relative else None)


def _last_day(year: int, month: int, day: str | None) -> str | None:
    if not 1 <= month <= 12:
        return None
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, int(day) if day and 1 <= int(day) <= last else last).isoformat()


EMISSIONS_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(万)?\s*吨\s*(?:二氧化碳(?:当量)?|CO2e?|CO₂e?|碳)")


def emissions_range(text: str) -> dict | None:
    """The emissions threshold a sentence sets, in t CO2e ("年排放2.6万吨二氧化碳当量及以上" is at least 26000),
    by the lexicon's comparator words before or after the figure ("达到" alone reads as at least)."""
    before_words = sorted(comparator_words("before"), key=len, reverse=True)
    after_words = sorted(comparator_words("after"), key=len, reverse=True)
    for match in EMISSIONS_RE.finditer(text):
        value = float(match.group(1)) * (10000 if match.group(2) else 1)
        value = int(value) if value.is_integer() else value
        before = text[max(0, match.start() - 4):match.start()]
        # "2万吨二氧化碳(或年综合能源消费量1万吨标准煤)及以上": the bound may follow an alternative in brackets
        after = re.sub(r"^(?:当量)?\s*(?:[(（][^()（）]{0,30}[)）])?\s*(?:及|或)?", "", text[match.end():match.end() + 40])
        word = next((w for w in after_words if after.startswith(w)), "") or next(
            (w for w in before_words if before.endswith(w)), "")
        meaning = comparator_meaning(word) if word else ("at-least" if before.endswith("达到") else "")
        if meaning in ("at-least", "more-than"):
            return {"min": value, "min_inclusive": meaning == "at-least"}
        if meaning == "at-most":
            return {"max": value, "max_inclusive": True}  # 以下 and 以内 include the figure (民法典 第一千二百五十九条)
    return None
