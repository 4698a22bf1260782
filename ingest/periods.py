"""The years a plan covers, read one way for the metadata, the answerer, the targets and the rules.

A title names its period as a range ("(2022-2025年)"), a five-year plan ("“十四五”…规划"), a horizon
("2030年前碳达峰实施方案": it runs until 2030, from a start it does not name) or one year
("2021年节能工作要点"). The five-year plans are the lexicon's (ingest/data/lexicon/periods.txt):
a document of the next plan needs a line there, not code.
"""

from __future__ import annotations

import re

from ingest.lexicon import five_year_plans

RANGE_RE = re.compile(r"((?:19|20)\d{2})\s*[-—–~至到]\s*((?:19|20)\d{2})")
HORIZON_RE = re.compile(r"((?:19|20)\d{2})\s*年(?:前|以前)")
# "2021年度", "2021年…工作要点"; "2025年底" is a date inside the title, not the plan's year
SINGLE_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?(?!前|底|末|以前)")


def plans_named(text: str) -> list[str]:
    """The five-year plans ``text`` names, earliest first ("“十三五”以来…“十四五”时期" -> 十三五, 十四五)."""
    return [name for name, _ in sorted(five_year_plans().items(), key=lambda item: item[1]) if name in text]


def plan_span(name: str) -> tuple[int, int]:
    """十四五 -> (2021, 2025)."""
    return five_year_plans()[name]


def span_label(span: tuple[int, int]) -> str:
    return f"{span[0]}-{span[1]}"


def named_span(text: str) -> str:
    """"2016-2020" for a text naming 十三五 (the earliest plan when it names several), else ""."""
    named = plans_named(text)
    return span_label(plan_span(named[0])) if named else ""


def title_period(title: str) -> tuple[int | None, int | None]:
    """(first year, last year) of the period a title names; (None, 2030) for a horizon; (None, None)
    for a title that names no period (rules, notices and measures last until they are repealed)."""
    match = RANGE_RE.search(title)
    if match:
        return int(match.group(1)), int(match.group(2))
    named = plans_named(title)
    if named:
        return plan_span(named[0])
    horizon = HORIZON_RE.search(title)
    if horizon:
        return None, int(horizon.group(1))
    year = SINGLE_YEAR_RE.search(title)
    if year:
        return int(year.group(1)), int(year.group(1))
    return None, None


def ended_before(name: str, year: int | None) -> bool:
    """Did the plan ``name`` end before ``year`` (a document's first year or the year it was issued)?
    Named in a 十四五 plan, 十三五 is the period already achieved."""
    return bool(year) and plan_span(name)[1] < year


def years_before(first_year: int) -> tuple[int, int]:
    """The five years before a plan's period: what its 发展基础 reports on."""
    return first_year - 5, first_year - 1
