"""The dates a document carries about itself, each with the words it was read from.

A document is issued (its 落款 or 发布日期: ingest/metadata.py reads that one) and printed (the 版记's
last line, "青海省人民政府办公厅 2021年7月13日印发": the office that printed it, often days later) and posted
(a web page's "发布日期:2022-03-03" field above the notice), a regulation is passed
by a body at a meeting ("(2021年9月27日天津市第十七届人民代表大会常务委员会第二十九次会议通过)") and
may be approved by a higher one (批准), a rule applies from a day ("本办法自2021年9月1日起施行", or
"自印发之日起施行": its date of issue) until another ("有效期至2025年2月28日", "有效期5年"), and a notice
may open a window ("申报时间为2022年3月1日至3月31日"). Dates inside the text about other documents
("2014年3月19日发布的《…》") are not this document's.

Read once at ingest into DocumentMeta.dates; `policyqa documents --json` shows them and the answerer
answers "什么时候起施行", "哪次会议通过" and "有效期到什么时候" from them (retriever/answer/answerer.py).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ingest.models import DATE_KINDS as KINDS, DocumentDate

DATE = r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
# "(2021年9月27日天津市第十七届人民代表大会常务委员会第二十九次会议通过)", "已经2022年2月18日第十七届政府第3次
# 常务会议审议通过", "广州市第十五届人民代表大会常务委员会第五十六次会议于2021年10月27日通过"
MEETING = r"[^()（）。;；:：\n《》]{2,60}?会议"
PASSED_RE = re.compile(rf"{DATE}\s*({MEETING})(?:审议)?(通过|批准)|({MEETING})于{DATE}(通过|批准)")
MEETING_LEAD_RE = re.compile(r"^[,，、\s]*(?:已由|业经|已经|经由|经|由)?")
# "本条例自2021年11月1日起施行", "自2023年1月1日起实施"
EFFECTIVE_RE = re.compile(rf"自\s*{DATE}\s*起(?:施行|实施|执行|生效)")
SINCE_ISSUE_RE = re.compile(r"自(?:印发|发布|公布|颁布)之日起(?:施行|实施|执行|生效)")
VALID_UNTIL_RE = re.compile(rf"有效期(?:至|到|截至){DATE}|{DATE}\s*(?:废止|失效)")
VALID_YEARS_RE = re.compile(r"有效期(?:为|是)?\s*([一二三四五六七八九十]|\d{1,2})\s*年|暂定\s*([一二三四五六七八九十]|\d{1,2})\s*年")
# "申报时间为2022年3月1日至3月31日", "征求意见截止时间:2022年5月20日"
# a day may be followed by its hour ("2024年4月15日9:00至2024年5月31日17:00")
HOUR = r"(?:\s*\d{1,2}\s*[:：]\s*\d{2})?"
WINDOW_RE = re.compile(rf"(申报|受理|报名|征求意见|公示)[^。;；\n]{{0,12}}?(?:时间|期限|日期|期)(?:为|是)?[:：]?\s*{DATE}{HOUR}"
                       rf"(?:\s*(?:至|到|—|-|~)\s*(?:((?:19|20)\d{{2}})\s*年)?\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日{HOUR})?")
CLOSES_RE = re.compile(rf"(申报|受理|报名|征求意见)[^。;；\n]{{0,8}}?截止(?:时间|日期)?(?:为|是)?[:：]?\s*{DATE}")
# the 版记's last line: "柳州市人民政府办公室\t2022年\t1\t月\t20\t日印发", alone on its line
PRINTED_RE = re.compile(rf"^[ \t]*([\u4e00-\u9fff()（）]{{2,40}}?)?[ \t]*{DATE}\s*印发[ \t]*$", re.M)
# a web page's own field above the notice: "发布日期:2022-03-03", "印发时间:2022-03-24浏览次数:2460"
POSTED_RE = re.compile(r"^[ \t]*(?:发布日期|发布时间|印发时间|发文时间|公开日期)[:：]\s*((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})"
                       r"\s*[-月/.]\s*(\d{1,2})\s*日?", re.M)
CHINESE_NUMBERS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}
KIND_WORDS = {"issued": "印发", "printed": "版记印发", "posted": "网页发布", "passed": "通过", "approved": "批准", "effective": "施行", "valid_until": "有效期至",
              "window": "申报/受理时间"}


def _iso(year: str, month: str, day: str) -> str | None:
    y, m, d = int(year), int(month), int(day)
    if not 1 <= m <= 12 or not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _years_later(iso: str, years: int) -> str:
    """The last day of a term of ``years`` starting on ``iso`` ("2022-05-06" + 5 -> 2027-05-05)."""
    start = dt.date.fromisoformat(iso)
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28)
    return (end - dt.timedelta(days=1)).isoformat()


def _number(word: str) -> int:
    return int(word) if word.isdigit() else CHINESE_NUMBERS[word]


# the words that make a term the document's own: "本办法…自2023年7月1日起施行,有效期2年"
OWN_TERM_RE = re.compile(r"本(?:办法|方案|通知|条例|规定|细则|意见|政策|措施|规程|指南|计划)|施行|实施|执行")


def _own_term(text: str) -> re.Match | None:
    """The validity in years the document gives itself: the one whose sentence speaks of the document or
    of its coming into force ("结转量有效期为1年" is a quota's), else the first."""
    terms = list(VALID_YEARS_RE.finditer(text))
    own = [m for m in terms if OWN_TERM_RE.search(text[max(text.rfind(c, 0, m.start()) for c in "。\n") + 1:m.start()])]
    return own[0] if own else (terms[0] if terms else None)


def _cited(text: str, start: int, title: str) -> bool:
    """Is ``start`` inside a 《title》 or right before one naming another document ("2014年3月19日发布的
    《…》")? A 公告 naming the document itself ("…会议于2021年10月27日通过的《广州市生态环境保护条例》") is
    about it."""
    if text.rfind("《", 0, start) > text.rfind("》", 0, start):
        return True
    named = re.match(r"[^。;；\n]{0,80}?(?:发布|印发|通过|批准)的《([^》]*)》", text[start:])
    return bool(named) and not (title and (named.group(1) in title or title in named.group(1)))


def read_document_dates(text: str, issued: str = "", issued_line: str = "", title: str = "") -> list[DocumentDate]:
    """Every date ``text`` gives about the document itself, in the order of KINDS; ``issued`` (ISO) and
    the line it was read from are the date of issue read by ingest/metadata.py, ``title`` its title."""
    found: list[DocumentDate] = []
    if issued:
        at = text.find(issued_line) if issued_line else -1
        found.append(DocumentDate("issued", issued, issued_line, max(at, 0)))
    printed = next((m for m in PRINTED_RE.finditer(text) if _iso(*m.group(2, 3, 4))), None)
    if printed:
        found.append(DocumentDate("printed", _iso(*printed.group(2, 3, 4)), printed.group(0).strip(), printed.start()
                                  + len(printed.group(0)) - len(printed.group(0).lstrip()), by=printed.group(1) or ""))
    posted = next((m for m in POSTED_RE.finditer(text) if _iso(*m.group(1, 2, 3))), None)
    if posted:
        found.append(DocumentDate("posted", _iso(*posted.group(1, 2, 3)), posted.group(0).strip(),
                                  posted.start() + len(posted.group(0)) - len(posted.group(0).lstrip())))
    for match in PASSED_RE.finditer(text):
        if _cited(text, match.start(), title):
            continue
        if match.group(1):
            date, meeting, verb = _iso(*match.group(1, 2, 3)), match.group(4), match.group(5)
        else:
            date, meeting, verb = _iso(*match.group(7, 8, 9)), match.group(6), match.group(10)
        kind = "passed" if verb == "通过" else "approved"
        if date and not any(d.kind == kind for d in found):
            printed = match.group(0).lstrip(",，、 ")
            found.append(DocumentDate(kind, date, printed, match.end() - len(printed),
                                      by=MEETING_LEAD_RE.sub("", meeting).strip(" ,，、于")))
    effective = next((m for m in EFFECTIVE_RE.finditer(text) if not _cited(text, m.start(), title)), None)
    since_issue = SINCE_ISSUE_RE.search(text)
    if effective and _iso(*effective.group(1, 2, 3)):
        found.append(DocumentDate("effective", _iso(*effective.group(1, 2, 3)), effective.group(0), effective.start()))
    elif since_issue and issued:
        found.append(DocumentDate("effective", issued, since_issue.group(0), since_issue.start()))
    start_of_term = next((d.date for d in found if d.kind == "effective"), issued)
    until = next((m for m in VALID_UNTIL_RE.finditer(text) if not _cited(text, m.start(), title)), None)
    years = _own_term(text)
    if until:
        parts = until.group(1, 2, 3) if until.group(1) else until.group(4, 5, 6)
        if _iso(*parts):
            found.append(DocumentDate("valid_until", _iso(*parts), until.group(0), until.start()))
    elif years and start_of_term:
        term = _number(years.group(1) or years.group(2))
        found.append(DocumentDate("valid_until", _years_later(start_of_term, term), years.group(0), years.start()))
    for match in WINDOW_RE.finditer(text):
        first = _iso(*match.group(2, 3, 4))
        if not first:
            continue
        last = _iso(match.group(5) or match.group(2), match.group(6), match.group(7)) if match.group(6) else ""
        found.append(DocumentDate("window", first, match.group(0), match.start(), by=match.group(1), until=last or ""))
    for match in CLOSES_RE.finditer(text):
        last = _iso(*match.group(2, 3, 4))
        if last and not any(d.kind == "window" and d.start <= match.start() < d.start + len(d.text) for d in found):
            found.append(DocumentDate("window", "", match.group(0), match.start(), by=match.group(1), until=last))
    return sorted(found, key=lambda d: (KINDS.index(d.kind), d.start))
