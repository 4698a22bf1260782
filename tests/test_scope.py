"""A document's region scope, read from its heading or, when the heading is silent, from its body;
and answers that keep to it: one unread heading must not silence a document, and a higher level's
figure quoted in a local plan is not the local target. Built on documents written for these tests
(tests/pdfs.py), one per failure class seen on real uploads."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from ingest.corrections import Corrections
from ingest.pipeline import parse_file, parse_text
from ingest.scope import LIKELY, SURE, speaks_for_higher_level
from policyqa.app import ingest_paths, load_answerer
from policyqa.settings import Settings
from tests.conftest import CORPUS
from tests.pdfs import department_heading_pdf, mixed_period_table_pdf, national_quote_pdf, shared_government_pdf

# a department's annual notice that names no place at all: its scope stays unknown
PLACELESS = """市发展改革委
2023年节能宣传周活动安排
一、活动主题
节能降碳，绿色发展。
二、活动内容
（一）开展节能诊断进企业活动，全市组织节能诊断服务不少于80家企业。
（二）各单位要在6月底前报送活动总结。
"""


@pytest.fixture(scope="module")
def scope_pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scope-docs")
    made = {}
    for name, make in (("dept", department_heading_pdf), ("zones", shared_government_pdf),
                       ("quote", national_quote_pdf), ("table", mixed_period_table_pdf)):
        made[name] = make(folder / f"{name}.pdf")
    (folder / "placeless.txt").write_text(PLACELESS, encoding="utf-8")
    made["placeless"] = folder / "placeless.txt"
    return folder, made


def test_a_department_only_heading_takes_its_region_from_the_body(gazetteer, scope_pdfs):
    meta = parse_file(scope_pdfs[1]["dept"], gazetteer).meta
    assert meta.region == "河南省"
    assert [(e.region, e.certainty) for e in meta.scope] == [("河南省", LIKELY)]
    assert "正文" in meta.scope[0].evidence and "省工业和信息化厅" in meta.scope[0].evidence


def test_one_government_with_several_names_has_them_all_in_its_scope(gazetteer, scope_pdfs):
    meta = parse_file(scope_pdfs[1]["zones"], gazetteer).meta
    assert meta.region == "姜堰区" and meta.parent_region == "泰州市"
    assert [(e.region, e.certainty) for e in meta.scope] == [
        ("姜堰区", SURE), ("姜堰经济开发区", SURE), ("姜堰高新区", SURE)]
    assert set(meta.regions) == {"姜堰区", "姜堰经济开发区", "姜堰高新区"}


def test_a_city_before_its_district_is_where_the_district_lies_not_a_second_scope(gazetteer):
    meta = parse_text("x", "上海市徐汇区节能减排降碳专项资金管理办法\n第一条 为推进节能减排，制定本办法。", gazetteer).meta
    assert meta.regions == ("徐汇区",)


@pytest.mark.parametrize("text, region", [
    # a municipality's districts sit right under it: its 全市 is the province-level city
    ("市发展改革委\n2022年节能降碳工作要点\n一、全市单位地区生产总值能耗下降3%。\n"
     "二、滨海新区、武清区、静海区加快推进重点项目，全市新增光伏装机50万千瓦。", "天津市"),
    ("省发展改革委\n2022年节能工作要点\n一、全省推进节能审查，南京、苏州、无锡率先完成。\n二、全省新增光伏装机300万千瓦。", "江苏省"),
])
def test_the_body_names_the_region_by_its_level_and_its_places(gazetteer, text, region):
    meta = parse_text("x", text, gazetteer).meta
    assert meta.region == region and meta.scope[0].certainty == LIKELY


def test_a_text_that_names_no_place_has_an_empty_scope(gazetteer):
    meta = parse_text("x", PLACELESS, gazetteer).meta
    assert meta.region == "" and meta.scope == () and meta.scope_unsure
    assert meta.evidence["scope"] == "正文没有写明任何地区"


def test_a_correction_replaces_the_scope_it_was_read_with(gazetteer, tmp_path, scope_pdfs):
    meta = parse_file(scope_pdfs[1]["dept"], gazetteer).meta
    corrections = Corrections.load(tmp_path)
    corrections.set(meta.doc_id, gazetteer, region="河北省")
    corrected = corrections.apply(meta, gazetteer)
    assert corrected.regions == ("河北省",) and corrected.scope[0].evidence == "人工更正"


@pytest.mark.parametrize("text, level, own, expected", [
    ("我国承诺到2030年风电、太阳能发电总装机容量达到12亿千瓦以上。", 1, ("湖南省", "湖南"), True),
    ("到2025年，全省风电装机容量达到1200万千瓦。", 1, ("湖南省", "湖南"), False),
    ("确保完成国家下达我省的能耗强度降低13.5%目标。", 1, ("湖南省", "湖南"), False),
    ("创建国家级绿色工厂20家，全国领先。", 1, ("湖南省", "湖南"), False),
    ("全省单位地区生产总值能耗下降14%。", 2, ("宜宾市", "宜宾"), True),
    ("我国承诺到2030年非化石能源占比达到25%左右。", 0, (), False),  # the nation's own plan
])
def test_a_higher_levels_voice_is_told_from_the_documents_own(text, level, own, expected):
    assert speaks_for_higher_level(text, level, own) is expected


@pytest.fixture(scope="module")
def scope_settings(tmp_path_factory, e5, scope_pdfs) -> Settings:
    data = tmp_path_factory.mktemp("scope-data")
    settings = Settings.from_env(data_dir=data, corpus_dir=CORPUS, embedding="e5")
    result = ingest_paths([scope_pdfs[0]], settings, embeddings=e5)
    assert not result.errors, result.errors
    return settings


@pytest.fixture(scope="module")
def scope_answerer(scope_settings):
    return load_answerer(scope_settings)


def _cited(answer, doc_id):
    return answer.found and any(c.doc_id == doc_id for c in answer.citations)


@pytest.mark.slow
@pytest.mark.parametrize("question, figure, doc_id", [
    ("河南省2023年要完成多少家重点用能企业节能监察？", "320家", "dept"),
    ("河南为中小企业提供免费节能诊断服务不少于多少家？", "150家", "dept"),
    ("姜堰区对新获评国家级绿色工厂的企业奖励多少万元？", "60万元", "zones"),
    ("姜堰高新区节能技术改造项目单个最高补助多少万元？", "200万元", "zones"),
    ("姜堰经济开发区获评省级绿色工厂奖励多少？", "20万元", "zones"),
    ("湖南省到2025年风电装机容量要达到多少？", "1200万千瓦", "quote"),
])
def test_a_region_is_answered_from_every_document_whose_scope_holds_it(scope_answerer, question, figure, doc_id):
    answer = scope_answerer.ask(question)
    assert _cited(answer, doc_id), answer.answer
    assert figure in answer.answer.split("\n")[0]


@pytest.mark.slow
def test_a_national_target_quoted_in_a_provincial_plan_is_not_the_provinces(scope_answerer):
    answer = scope_answerer.ask("湖南省2030年风电装机目标是多少？")
    assert not answer.found and not answer.citations
    assert "国家" in answer.answer and "12亿" not in answer.answer


@pytest.mark.slow
def test_a_plan_period_column_is_told_from_the_years_beside_it(scope_answerer):
    target = scope_answerer.ask("宜宾市“十三五”规模以上工业单位增加值能耗目标是多少？")
    achieved = scope_answerer.ask("宜宾市2020年规模以上工业单位增加值能耗实际是多少？")
    assert "0.86" in target.answer.split("\n")[0] and "0.79" not in target.answer.split("\n")[0]
    assert "0.79" in achieved.answer.split("\n")[0]


@pytest.mark.slow
@pytest.mark.parametrize("question, department", [
    ("宜宾市节能降碳工作领导小组办公室设在哪个部门？", "市经济和信息化局"),
    ("宜宾市节能降碳领导小组办公室挂在哪个部门？", "市经济和信息化局"),
    ("宜宾市重点用能单位节能监察由哪个部门牵头负责？", "市节能监察中心"),
])
def test_the_office_a_group_sits_in_and_who_leads_name_the_department(scope_answerer, question, department):
    answer = scope_answerer.ask(question)
    first = answer.answer.split("\n")[0]
    assert _cited(answer, "table") and department in first, answer.answer
    assert "由" not in first.split("：", 1)[1]


@pytest.mark.slow
def test_a_document_of_unknown_scope_is_searched_and_says_so(scope_answerer):
    # only a document that names no place holds the figure: the region's documents do not say it, and
    # the figure is shown, quoted, as that document's, never stated as 宜宾's
    answer = scope_answerer.ask("宜宾市节能宣传周组织节能诊断服务不少于多少家企业？")
    first = answer.answer.split("\n")[0]
    assert not answer.found and any(c.doc_id == "placeless" for c in answer.citations)
    assert first.startswith("文件中没有找到宜宾市") and "未写明适用地区" in first and "80家" in first, answer.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["河北省2023年要完成多少家重点用能企业节能监察？", "某县节能诊断服务不少于多少家？"])
def test_a_region_no_document_covers_or_names_is_still_refused(scope_answerer, question):
    answer = scope_answerer.ask(question)
    assert not answer.found and not re.search(r"\d+家", answer.answer.split("现有文件覆盖")[0])


@pytest.mark.slow
def test_documents_json_shows_the_scope_and_its_evidence(scope_settings):
    out = subprocess.run([sys.executable, "-m", "policyqa", "documents", "--json", "--data-dir", str(scope_settings.data_dir)],
                         capture_output=True, text=True, check=True).stdout
    rows = {r["doc_id"]: r for r in json.loads(out)}
    assert [e["region"] for e in rows["zones"]["scope"]] == ["姜堰区", "姜堰经济开发区", "姜堰高新区"]
    assert rows["dept"]["scope"][0]["certainty"] == "likely" and rows["dept"]["scope"][0]["evidence"]
    assert rows["placeless"]["scope"] == [] and rows["placeless"]["evidence"]["scope"]
