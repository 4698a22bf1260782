"""Targets table, comparisons and document audits, on the corpus and on synthetic documents."""

import json
import subprocess
import sys

import pytest

from ingest.pipeline import parse_text
from targets.audit import audit
from targets.extract import extract_targets
from targets.service import TargetService
from targets.vocabulary import Vocabulary, normalize_unit
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def service(corpus_docs, gazetteer):
    return TargetService(list(corpus_docs.values()), gazetteer)


def rows_for(service, **where):
    return [r for r in service.rows if all(getattr(r, k) == v for k, v in where.items())]


@pytest.mark.parametrize("value, unit, expected", [
    (30, "万千瓦", (300, "MW")), (500, "兆瓦", (500, "MW")), (16.5, "万千瓦", (165, "MW")), (2000, "千瓦", (2, "MW")),
    (8.35, "万吨标准煤", (83500, "tce")), (6000, "吨标煤", (6000, "tce")), (2, "亿元", (20000, "万元")),
    (6050, "亩", (403.33, "公顷")), (50, "家", (50, "家")), (25, "%", (25, "%")),
])
def test_unit_conversions(value, unit, expected):
    normalized, target = normalize_unit(value, unit)
    assert target == expected[1] and normalized == pytest.approx(expected[0], rel=1e-4)


def test_an_unknown_unit_is_kept_not_converted():
    assert normalize_unit(30, "万千万") == (None, "万千万")


def test_vocabulary_maps_wording_to_canonical_indicators():
    vocabulary = Vocabulary.load()
    assert vocabulary.canonical("绿色制造工厂") == "绿色工厂"
    assert vocabulary.canonical("光伏") == "新增光伏装机"
    assert vocabulary.classify("全市新增光伏发电装机容量") == "新增光伏装机"
    assert vocabulary.classify("某种从未见过的指标") is None


def test_every_row_quotes_its_document(service, corpus_docs):
    assert len(service.rows) > 300
    for row in service.rows:
        assert row.quote in corpus_docs[row.doc_id].text


def test_unknown_indicators_stay_under_their_own_wording(service):
    unknown = [r for r in service.rows if not r.known_indicator]
    assert unknown and all(r.indicator for r in unknown)
    assert any(r.indicator == "四年共节能" and r.value == 8.35 for r in unknown)


@pytest.mark.parametrize("region, column, value", [
    ("海宁市", 2019, 9), ("南湖区", 2019, 5), ("桐乡市", 2017, 3), ("嘉兴港区", 2019, 1), ("嘉兴市", 2019, 50),
    ("经济技术开发区", 2017, 1),
])
def test_jiaxing_decomposition_rows_land_on_the_right_district_and_column(service, region, column, value):
    rows = [r for r in rows_for(service, indicator="绿色工厂", region=region, target_year=column)
            if r.doc_id.startswith("004") and "\t" in r.quote]
    assert [r.value for r in rows if r.quote.startswith("绿色制造工厂")] == [value]


def test_a_dash_cell_is_no_target(service):
    rows = [r for r in rows_for(service, indicator="绿色工厂", region="嘉兴港区", target_year=2017)]
    assert rows == []


def test_jinshan_thirteenth_plan_table_has_target_and_actual(service):
    rows = rows_for(service, indicator="公共充电桩", region="金山区", period="2016-2020")
    table = {(r.kind, r.value) for r in rows if "\t" in r.quote}
    assert table == {("target", 1300.0), ("achieved", 1385.0)}


def test_qingpu_scoring_table_total(service):
    rows = [r for r in rows_for(service, region="青浦区", indicator="节能工作自评分") if r.quote.startswith("合计")]
    assert [(r.value, r.unit, r.kind) for r in rows] == [(102.9, "分", "achieved")]


def test_statements_carry_period_kind_and_years(service):
    pv = [r for r in rows_for(service, indicator="新增光伏装机", region="金山区") if r.unit == "万千瓦"]
    target = next(r for r in pv if r.kind == "target")
    assert (target.value_normalized, target.unit_normalized, target.comparator, target.target_year) == (300, "MW", "力争", 2025)
    achieved = next(r for r in pv if r.kind == "achieved")
    assert (achieved.value_normalized, achieved.period) == (165, "2016-2020")
    baseline = next(r for r in rows_for(service, region="金山区") if r.value == 14 and r.unit == "%")
    assert baseline.baseline_year == 2020 and baseline.kind == "target"
    forest = next(r for r in rows_for(service, region="青浦区") if r.value == 5000 and r.unit == "亩")
    assert forest.kind == "task"


@pytest.mark.parametrize("indicator, regions, expected", [
    ("绿色工厂", ["嘉定区", "嘉兴市"], {("嘉定区", 50.0), ("嘉兴市", 50.0)}),
    ("新增光伏装机", ["金山区", "嘉兴市"], {("金山区", 300.0), ("嘉兴市", 500.0)}),
    ("清洁生产审核", ["嘉定区", "上海市", "嘉兴市"], {("嘉定区", 100.0), ("上海市", 1000.0), ("嘉兴市", 300.0)}),
    ("公共充电桩", ["金山区"], {("金山区", 1300.0)}),
])
def test_comparison_in_one_unit(service, indicator, regions, expected):
    result = service.compare(indicator, regions)
    targets = {(r.region, r.value) for r in result.rows if r.kind == "target"}
    assert expected <= targets
    assert set(result.to_dict()) == {"indicator", "unit", "rows", "notes"}
    assert all({"region", "value", "unit", "period", "kind", "source"} <= set(r) for r in result.to_dict()["rows"])


def test_comparison_notes_say_what_is_not_comparable(service):
    pv = service.compare("新增光伏装机", ["金山区", "嘉兴市", "南湖区"])
    text = " ".join(pv.notes)
    assert "期限不同" in text and "力争" in text and "口径不同" in text
    assert any("没有" in n for n in service.compare("绿色工厂", ["嘉定区", "青浦区"]).notes)


# --- audits -----------------------------------------------------------------------------------

def findings(result, kind):
    return result.of_kind(kind)


def test_audit_of_the_corpus(service):
    result = service.audit()
    typo = findings(result, "unit_typo")
    assert [f.found for f in typo] == ["万千万"] and typo[0].expected == "万千瓦"
    mismatch = findings(result, "figure_mismatch")
    assert any("6640" in f.found and "6653" in f.expected for f in mismatch)
    dates = findings(result, "date_out_of_period")
    assert [f.found for f in dates] == ["2022-06-30"] and dates[0].doc_id.startswith("000")
    # the Jiaxing decomposition and Qingpu's scores add up: checked and passed
    totals = [p for p in result.passed if p.kind == "table_total"]
    assert any(p.doc_id.startswith("004") for p in totals) and any(p.doc_id.startswith("001") for p in totals)
    assert not findings(result, "table_total")


SYNTHETIC = """测试市经济委员会文件
测〔2023〕1号
关于印发《测试市节能工作方案(2023-2025)》的通知
测试市经济委员会
2023年3月1日
一、工作目标
到2025年,创建绿色工厂12家。新增光伏发电装机容量20万千万,力争25万千瓦。
到2027年底,完成全部企业能源审计。
表1 目标分解
指标	全市累计	南湖区累计	秀洲区累计
绿色制造工厂(家)	10	4	5
"""


def test_every_audit_kind_on_a_synthetic_document(gazetteer):
    doc = parse_text("synthetic", SYNTHETIC, gazetteer)
    result = audit([doc], extract_targets([doc], gazetteer))
    total = findings(result, "table_total")
    assert total and total[0].expected == "10" and total[0].found == "9"
    assert [f.found for f in findings(result, "unit_typo")] == ["万千万"]
    mismatch = findings(result, "figure_mismatch")
    assert mismatch and "12" in mismatch[0].found and "10" in mismatch[0].expected
    assert [f.found for f in findings(result, "date_out_of_period")] == ["2027"]


@pytest.mark.slow
def test_cli_targets_compare_audit(corpus_settings, tmp_path):
    def run(*args):
        proc = subprocess.run([sys.executable, "-m", "policyqa", *args, "--data-dir", str(corpus_settings.data_dir)],
                              capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    csv_path = tmp_path / "t.csv"
    rows = json.loads(run("targets", "--region", "嘉定区", "--indicator", "绿色工厂", "--csv", str(csv_path), "--json"))
    assert rows and set(rows[0]) == {"indicator", "region", "value", "unit", "value_normalized", "unit_normalized",
                                     "comparator", "kind", "period", "target_year", "baseline_year", "source"}
    assert "绿色工厂" in csv_path.read_text(encoding="utf-8-sig")
    comparison = json.loads(run("compare", "--indicator", "绿色工厂", "--regions", "嘉定区,嘉兴市", "--json"))
    assert comparison["unit"] == "家" and comparison["notes"]
    result = json.loads(run("audit", "--json"))
    assert set(result) == {"findings", "passed"} and result["findings"]
    assert set(result["findings"][0]) == {"kind", "doc_id", "detail", "expected", "found", "quote"}


@pytest.mark.slow
def test_the_chat_compares_from_the_same_table(assistant):
    answer = assistant.ask("比较嘉定区和嘉兴市的绿色工厂目标")
    assert answer.found and "嘉定区：50家" in answer.answer and "嘉兴市：50家" in answer.answer
    assert {c.doc_id for c in answer.citations} >= {"000_3537c126d58e65da", "004_d5e1c319a3f67a30"}
    normal = assistant.ask("上海市规模以上工业单位增加值能耗相比2020年要下降多少？")
    assert "13.5%" in normal.answer.split("\n")[0]
