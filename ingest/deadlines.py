"""When a task is due, as the text prints it and as a calendar date.

A plan writes its deadlines in many ways: "2022年2月底前", "到2025年", "2022年底之前", "2021年第三季度",
"上半年", "年底前" (the plan's own year), "长期" / "持续推进" (no end). Each is read to the last day it
allows: "2022年2月底前" is 2022-02-28, "2021年第三季度" 2021-09-30, "到2025年" 2025-12-31.

Read by the task tracker (rules/tasks.py). A date that only refers to the past ("比2015年下降",
"2020年以来", "自2022年6月1日起施行") is not a deadline.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from ingest.periods import RANGE_RE, plan_span, plans_named

CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                  "十一": 11, "十二": 12}
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
# the part of a year a deadline names, after its year or alone ("年底前" in an annual plan)
PART = (rf"(?P<month>{MONTH})\s*月(?:份)?(?:(?P<day>[0-3]?\d)\s*日)?(?:底|末|中旬|下旬|上旬)?"
        r"|(?P<half>上半年|下半年|年中|年内|全年|年底|年末|底|末)"
        r"|第?(?P<quarter>[一二三四1-4])季度")
DATE_RE = re.compile(rf"(?:(?P<year>(?:19|20)\d{{2}})\s*年度?)?(?:{PART})?")
# words around a date that make it a time something must be done by
BEFORE_MARK_RE = re.compile(r"(?:到|至|于|在|截至|截止|截止到|力争|争取|确保|完成时限[:：]?|时限[:：]?|时间[:：]?)\s*$")
AFTER_MARK_RE = re.compile(r"^\s*(?:前|之前|以前|底前|完成|止|全面|基本|实现|建成|达到|,|，|内)")
# a date that looks back or starts something: not a deadline
PAST_RE = re.compile(r"(?:比|较|与|自|从|相比|同比|对比)\s*$")
PAST_AFTER_RE = re.compile(r"^\s*(?:以来|起|开始|基础上|的基础|相比|水平|版|度?(?!底?前)[^\s]{0,3}(?:印发|发布|施行))")
ONGOING_RE = re.compile(r"^(?:长期坚持|长期推进|持续推进|持续开展|常态化推进|长期|持续|常态化)")
RECURS_BEFORE_RE = re.compile(r"(?:每年|每年度|每季度|每半年|逐年)(?:的)?\s*$")
# a field that repeats: "每年12月底前", "每季度" (the task recurs, it is never done)
RECURRING_RE = re.compile(r"^(?:每年|每季度|每半年|每月|逐年|年度)")
# a field that spans years ("2021-2023", "2022—2025年", "“十四五”期间"): due by the last year's end
FIELD_SPAN_RE = re.compile(r"^[“\"]?(?:十[一二三四五六七八九]五)[”\"]?(?:期间|时期|内|末)?$")
QUARTER_END = {1: 3, 2: 6, 3: 9, 4: 12}
# months of one year as a span ("2022年1-3月", "2023年1月—12月", "2022年6至12月"): due at the last month's end
MONTH_SPAN_RE = re.compile(rf"(?P<year>(?:19|20)\d{{2}})\s*年\s*{MONTH}\s*月?\s*[-—–~～至到]\s*(?P<month>{MONTH})\s*月(?:底|末)?(?:前)?")


@dataclass(frozen=True)
class Deadline:
    text: str  # as printed: "2022年2月底前"
    date: str | None  # ISO; None when ongoing
    ongoing: bool = False
    start: int = 0  # where ``text`` starts in the text read

    @property
    def value(self) -> str | None:
        """What the task tracker's JSON says: the ISO date, or "ongoing"."""
        return "ongoing" if self.ongoing else self.date


def _number(word: str) -> int:
    return int(word) if word.isdigit() else CHINESE_DIGITS[word]


def _last_day(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _date_of(match: re.Match, default_year: int | None) -> str | None:
    year = int(match["year"]) if match["year"] else default_year
    if year is None:
        return None
    if match["month"]:
        month = _number(match["month"])
        if not 1 <= month <= 12:
            return None
        day = int(match["day"]) if match["day"] else 0
        if 1 <= day <= calendar.monthrange(year, month)[1]:
            return f"{year:04d}-{month:02d}-{day:02d}"
        return _last_day(year, month)
    if match["quarter"]:
        return _last_day(year, QUARTER_END[_number(match["quarter"])])
    if match["half"] in ("上半年", "年中"):
        return _last_day(year, 6)
    return _last_day(year, 12)


def find_deadlines(text: str, default_year: int | None = None) -> list[Deadline]:
    """Every deadline ``text`` sets, in order. A date without its year ("年底前", "三季度") takes
    ``default_year`` (the plan's own year), or is left out when there is none."""
    found = [Deadline(span.group(0), _last_day(int(span["year"]), _number(span["month"])), start=span.start())
             for span in MONTH_SPAN_RE.finditer(text) if 1 <= _number(span["month"]) <= 12]
    spans = [(d.start, d.start + len(d.text)) for d in found]
    for match in DATE_RE.finditer(text):
        if not match.group(0) or not (match["year"] or match["month"] or match["quarter"] or match["half"]):
            continue
        if any(a <= match.start() < b for a, b in spans):
            continue
        if not match["year"] and match["half"] in ("底", "末"):
            continue  # "底" alone is only a date after a year or a month
        before, after = text[max(0, match.start() - 6):match.start()], text[match.end():match.end() + 8]
        if PAST_RE.search(before) or PAST_AFTER_RE.match(after):
            continue
        if not match["year"] and RECURS_BEFORE_RE.search(before):
            continue  # "每年10月底前报送": a date that comes back every year is no one deadline
        if text.rfind("《", 0, match.start()) > text.rfind("》", 0, match.start()):
            continue  # inside a title: "《…(2021年版)》" names a document, not a deadline
        specific = bool(match["month"] or match["quarter"] or match["half"])
        at_clause_start = match.start() == 0 or text[match.start() - 1] in "\n，,。；;：:(（"
        if not (specific or BEFORE_MARK_RE.search(before) or AFTER_MARK_RE.match(after) or at_clause_start):
            continue  # a bare year named in passing ("2020年的水平")
        date = _date_of(match, default_year)
        if date is None:
            continue
        end = match.end() + len(re.match(r"(?:底前|之前|以前|前)?", after).group(0))
        start = match.start()
        mark = BEFORE_MARK_RE.search(before)
        if mark and mark.group(0).strip()[:1] in "到至于在截":
            start -= len(mark.group(0))
        found.append(Deadline(text[start:end].strip(), date, start=start))
    return found


def read_deadline(text: str, default_year: int | None = None) -> Deadline | None:
    """The time a task is due by: the latest deadline ``text`` sets (a task with milestones is done
    when its last one is)."""
    found = find_deadlines(text, default_year)
    return max(found, key=lambda d: d.date) if found else None


# running text that sets a task's time as recurring: "于每年5月底前修订…", "每年组织开展…"
RECURRING_IN_TEXT_RE = re.compile(r"每(?:年|年度|季度|半年|月)(?:\d{1,2}月(?:底|末|\d{1,2}日)?(?:之前|以前|前)?)?")


def read_recurrence(text: str) -> Deadline | None:
    """A task in running text without a date that says when it comes back ("每年5月底前修订…"): it
    recurs, it is never done ("ongoing")."""
    match = RECURRING_IN_TEXT_RE.search(text)
    return Deadline(match.group(0), None, ongoing=True, start=match.start()) if match else None


YEAR_FIELD_RE = re.compile(r"((?:19|20)\d{2})\s*年?(?:底前|底|前|内|完成|建成)?")


def read_time_field(text: str, default_year: int | None = None) -> Deadline | None:
    """A printed time field (a 完成时限 note, a table's 时间 column): a deadline, or "ongoing" when it
    says the task has no end ("长期", "持续推进") or recurs ("每年3月底前"). Only a field may say so: in
    running text "持续推进…" is how a task starts, not when it ends, and "2021-2025年" is a plan's period,
    where in a field it is when the task is done."""
    stripped = text.strip()
    ongoing = ONGOING_RE.match(stripped) or RECURRING_RE.match(stripped)
    if ongoing:
        return Deadline(stripped if RECURRING_RE.match(stripped) else ongoing.group(0), None, ongoing=True)
    years = RANGE_RE.match(stripped)
    if years:
        return Deadline(stripped, f"{years.group(2)}-12-31", start=text.find(stripped))
    year = YEAR_FIELD_RE.fullmatch(stripped)
    if year:  # "建设年限 | 2022": a year alone in a time field is done by its end
        return Deadline(stripped, f"{year.group(1)}-12-31", start=text.find(stripped))
    if FIELD_SPAN_RE.match(stripped) and plans_named(stripped):
        return Deadline(stripped, f"{plan_span(plans_named(stripped)[-1])[1]}-12-31", start=text.find(stripped))
    return read_deadline(text, default_year)
