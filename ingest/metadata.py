"""Document metadata read from the header of a normalised policy file: title, issuer, 文号, date, region, period."""

from __future__ import annotations

import re

from ingest.models import DocumentMeta
from ingest.regions import Gazetteer

DOC_NUMBER_RE = re.compile(r"^\s*([\u4e00-\u9fff]{1,12}〔(?:19|20)\d{2}〕\d{1,4}号)")
DATE_RE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
ISSUER_RE = re.compile(r"^(.{2,30}?(?:委员会|人民政府办公室|人民政府|办公室|局|领导小组))(?:文件)?$")
INNER_TITLE_RE = re.compile(r"(?:印发|转发)[^《]{0,20}《([^》]{4,80})》")
PERIOD_RE = re.compile(r"((?:19|20)\d{2})\s*[-—–~至]\s*((?:19|20)\d{2})")
FIVE_YEAR_PLANS = {"十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}
HEAD_LINES = 15


def extract_metadata(doc_id: str, text: str, gazetteer: Gazetteer, source: str = "", sha256: str = "") -> DocumentMeta:
    lines = [line for line in text.split("\n") if line.strip()]
    head = lines[:HEAD_LINES]
    number = next((m for line in head if (m := DOC_NUMBER_RE.search(line))), None)
    issuers = [m.group(1) for line in head if (m := ISSUER_RE.match(line)) and "关于" not in line]
    issuers = list(dict.fromkeys(issuers))
    title = find_title(lines)
    region = gazetteer.most_specific(gazetteer.find("".join(issuers)) or gazetteer.find(title))
    start, end = find_period(title)
    return DocumentMeta(
        doc_id=doc_id,
        title=title,
        issuer="、".join(issuers),
        doc_number=number.group(1) if number else "",
        date=find_date(lines),
        region=region,
        parent_region=gazetteer.parent(region),
        period_start=start,
        period_end=end,
        source=source,
        sha256=sha256,
    )


def find_title(lines: list[str]) -> str:
    """The plan a notice publishes (关于印发《X》的通知 -> X), else the first line that reads as a title."""
    head = "".join(lines[:HEAD_LINES])
    inner = INNER_TITLE_RE.search(head)
    if inner:
        return inner.group(1)
    for line in lines[:HEAD_LINES]:
        if re.search(r"(报告|规划|方案|计划|通知|意见|办法)$", line) and len(line) >= 8:
            return line
    return lines[0] if lines else ""


def find_date(lines: list[str]) -> str:
    """The date of issue: the first date standing on its own line (the signature), else any date."""
    for line in lines:
        match = DATE_RE.fullmatch(line.strip())
        if match:
            return _iso(match)
    for line in lines:
        match = DATE_RE.search(line)
        if match:
            return _iso(match)
    return ""


def _iso(match: re.Match) -> str:
    year, month, day = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_period(title: str) -> tuple[int | None, int | None]:
    match = PERIOD_RE.search(title)
    if match:
        return int(match.group(1)), int(match.group(2))
    for name, (start, end) in FIVE_YEAR_PLANS.items():
        if name in title:
            return start, end
    year = re.search(r"((?:19|20)\d{2})年度", title)
    if year:
        return int(year.group(1)), int(year.group(1))
    return None, None
