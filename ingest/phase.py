"""Is a figure a plan's target or a result already achieved (or a task handed down, or a baseline)?

One module decides, for the clause scorer (retriever/answer/scoring.py) and the targets table
(targets/extract.py) alike, with the words of ingest/data/lexicon/phases.txt.
"""

from __future__ import annotations

import re

from ingest.lexicon import five_year_plans, phase_re
from ingest.models import DocumentMeta
from ingest.periods import ended_before, plans_named

TARGET_YEAR_RE = re.compile(r"(?:到|至|于)\s*((?:19|20)\d{2})\s*年|((?:19|20)\d{2})\s*年(?:底|末)")
# "比2020年", "与2020年相比": the year a figure is measured against, not the year it is for
BASELINE_YEAR_RE = re.compile(rf"(?:{phase_re('baseline', 'year').pattern})\s*((?:19|20)\d{{2}})\s*年")
YEAR_COLUMN_RE = re.compile(r"((?:19|20)\d{2})年?(?:实际|完成|现状|基数|基期)?(?:值|情况)?")


def context_phase(text: str, section: str, meta: DocumentMeta) -> str:
    """"achieved" when the place of a text says so: a report, a 发展基础 section, the previous plan."""
    if any(ended_before(plan, meta.period_start) for plan in plans_named(text)):
        return "achieved"
    if meta.is_report or phase_re("achieved", "section").search(section):
        return "achieved"
    return ""


def clause_phase(text: str, section: str, meta: DocumentMeta) -> str:
    """"achieved", "target", or "" when neither the clause nor its section says."""
    found = context_phase(text, section, meta)
    if found:
        return found
    for part in (text, section):
        target = bool(TARGET_YEAR_RE.search(part) or phase_re("target", "clause").search(part))
        achieved = bool(phase_re("achieved", "clause").search(part))
        if target and not achieved:
            return "target"
        if achieved:
            return "achieved"
    return ""


def figure_phase(window: str, sentence: str, section: str, meta: DocumentMeta, plan_years: list[int]) -> str:
    """The kind of one figure: task, baseline, achieved or target.

    ``window`` holds the words next to the figure, ``plan_years`` the years of the sentence that fall
    inside the document's own period (a sentence about them is a plan, whatever its verbs).
    """
    if phase_re("task", "clause").search(window):
        return "task"
    if phase_re("baseline", "clause").search(window):
        return "baseline"
    if context_phase(sentence, section, meta):
        return "achieved"
    if phase_re("achieved", "clause").search(window) and not TARGET_YEAR_RE.search(sentence) and not plan_years:
        return "achieved"
    return "target"


def column_phase(column: str) -> str:
    """A table column's phase: 实际/完成/自评 columns report results, 目标/分值 columns set goals."""
    if phase_re("achieved", "column").search(column):
        return "achieved"
    if phase_re("target", "column").search(column):
        return "target"
    return ""


def header_phases(columns: tuple[str, ...] | list[str]) -> dict[int, tuple[str, str]]:
    """(phase, period "2016-2020") of the columns of a header that mixes bare years with a five-year
    plan's column ("2015年 | “十三五”目标 | 2020年"): the plan's column is its target, a year before the
    plan starts its baseline, and the plan's last year beside it the result. Empty for other headers."""
    plans = {i: (name, span) for i, column in enumerate(columns)
             for name, span in five_year_plans().items() if name in column}
    if len(plans) != 1:
        return {}
    (plan_at, (_, (start, end))), = plans.items()
    period = f"{start}-{end}"
    phases = {plan_at: ("target", period)}
    for i, column in enumerate(columns):
        years = YEAR_COLUMN_RE.fullmatch(column.strip())
        if i == plan_at or not years:
            continue
        year = int(years.group(1))
        if year < start:
            phases[i] = ("baseline", period)
        elif year == end and not phase_re("target", "column").search(column):
            phases[i] = ("achieved", period)
    return phases if len(phases) > 1 else {}
