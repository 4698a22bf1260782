"""One reader of plan periods (ingest/periods.py) for the metadata, the phases, the targets and the rules."""

from __future__ import annotations

import pytest

from ingest.lexicon import five_year_plans
from ingest.metadata import extract_metadata
from ingest.models import DocumentMeta
from ingest.periods import ended_before, named_span, plans_named, title_period
from ingest.phase import context_phase
from ingest.regions import Gazetteer


@pytest.mark.parametrize("title, period", [
    ("某区推进节能降碳行动计划实施方案(2022-2025)", (2022, 2025)),
    ("某市节能工作方案（2023—2027年）", (2023, 2027)),
    ("某省2021到2023年清洁生产推行方案", (2021, 2023)),
    ("某市“十四五”节能减排综合工作方案", (2021, 2025)),
    ("某省“十五五”绿色制造体系建设规划", (2026, 2030)),
    ("某县2030年前碳达峰实施方案", (None, 2030)),
    ("某区2024年度节能监察工作计划", (2024, 2024)),
    ("关于2025年底前完成能效诊断的通知", (None, None)),
    ("某市公共机构节能管理办法", (None, None)),
])
def test_a_title_names_its_period(title, period):
    assert title_period(title) == period


def test_five_year_plans_come_from_the_lexicon_in_their_order():
    assert list(five_year_plans())[:4] == ["十二五", "十三五", "十四五", "十五五"]
    assert plans_named("“十四五”时期延续“十三五”以来的做法") == ["十三五", "十四五"]
    assert named_span("“十五五”期间") == "2026-2030"


def test_a_plan_is_past_for_a_document_of_a_later_plan():
    assert ended_before("十三五", 2021) and ended_before("十四五", 2026)
    assert not ended_before("十四五", 2021) and not ended_before("十三五", None)


def _meta(start, end):
    return DocumentMeta(doc_id="d", title="t", issuer="", doc_number="", date="", region="某市",
                        parent_region="", period_start=start, period_end=end)


def test_a_fifteenth_plan_document_reads_the_fourteenth_as_achieved():
    text = "“十四五”期间，全市单位地区生产总值能耗累计下降15%。"
    assert context_phase(text, "一、发展基础", _meta(2026, 2030)) == "achieved"
    assert context_phase(text, "二、主要目标", _meta(2021, 2025)) != "achieved"


def test_one_reader_finds_the_base_year_a_figure_is_measured_against():
    from ingest.phase import BASELINE_YEAR_RE

    text = "单位产值能耗比2020年下降14%，与2015年相比下降20%，相较2019年增长。到2025年完成。"
    assert BASELINE_YEAR_RE.findall(text) == ["2020", "2015", "2019"]
