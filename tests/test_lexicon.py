"""The one lexicon (ingest/data/lexicon/): every file loads, and a bad entry is reported by file and line."""

import pytest

from ingest import lexicon
from ingest.mentions import UNITS, find_quantities
from ingest.phase import clause_phase, column_phase, figure_phase
from ingest.models import DocumentMeta
from rules.units import ENERGY_UNITS
from targets.vocabulary import normalize_unit


def test_every_lexicon_file_loads():
    assert lexicon.units()["万千瓦"].normalized == "MW"
    assert lexicon.comparators()["不低于"] == ("before", "at-least")
    assert lexicon.five_year_plans()["十四五"] == (2021, 2025)
    assert lexicon.sectors()["idc"] == ("数据中心", "通信")
    assert lexicon.phase_words()[("achieved", "section")]
    assert "方案" in lexicon.document_kind_words("plan") and "通知" not in lexicon.document_kind_words("plan")
    assert ("核电",) in lexicon.contrasts()["energy-source"].members


def test_every_module_reads_the_same_units():
    assert set(UNITS) == set(lexicon.units())
    assert {u for u, f in ENERGY_UNITS.items() if u != "吨"} == set(lexicon.units_of_kind("energy"))
    assert normalize_unit(16.5, "万千瓦") == (165.0, "MW")


@pytest.mark.parametrize("loader, content, message", [
    (lexicon.load_units, "万千瓦\tpower\tMW\tten\tn\n", "factor 'ten' is not a number"),
    (lexicon.load_units, "万千瓦\tpower\tMW\t10\tn\n万千瓦\tpower\tMW\t10\tn\n", "already on line 2"),
    (lexicon.load_units, "万千瓦\tpower\tMW\n", "expected 5 tab-separated fields"),
    (lexicon.load_comparators, "以上\tbeside\tat-least\n", "position must be one of"),
    (lexicon.load_phase_words, "goal\tclause\t目标\n", "expected a phase"),
    (lexicon.load_periods, "十四五\t2025\t2021\n", "first <= last"),
    (lexicon.load_sectors, "工业|制造\t-\n商业|制造\t-\n", "'制造' names two sectors"),
    (lexicon.load_document_kinds, "方案\ttitle,program\n", "roles must be among"),
    (lexicon.load_contrasts, "star\tkind\t一星级 二星级\n", "role 'kind' is not one of"),
    (lexicon.load_contrasts, "star\tthing\t一星级 一星级\n", "a form is listed twice"),
])
def test_a_bad_entry_names_its_file_and_line(tmp_path, loader, content, message):
    path = tmp_path / "bad.txt"
    path.write_text("# a comment\n" + content, encoding="utf-8")
    with pytest.raises(lexicon.LexiconError, match=message) as error:
        loader(path)
    assert "bad.txt:" in str(error.value)


def test_a_byte_order_mark_is_tolerated(tmp_path):
    path = tmp_path / "periods.txt"
    path.write_text("\ufeff十四五\t2021\t2025\n", encoding="utf-8")
    assert lexicon.load_periods(path) == {"十四五": (2021, 2025)}


def test_numbers_in_chinese_numerals_durations_ranges_and_ratios():
    found = [(m.text, m.unit) for m in find_quantities("有效期五年，七个工作日内，处一万元以上三万元以下的罚款，按1:1比例配套")]
    assert found == [("五年", "年"), ("七个工作日", "个工作日"), ("一万元以上三万元以下", "万元"), ("1:1", "比")]
    # normalised text: NFKC has turned "Ⅱ类" into "II类"
    classes = [(m.text, m.unit) for m in find_quantities("黄河干流水质达到II类,地表水达到III类")]
    assert classes == [("II类", "类"), ("III类", "类")]


PLAN = DocumentMeta("d", "某区“十四五”规划", "", "", "2021-12-31", "金山区", "上海市", 2021, 2025)


def test_one_module_decides_target_or_achieved():
    assert clause_phase("到2025年,新增光伏装机30万千瓦。", "二、主要目标", PLAN) == "target"
    assert clause_phase("“十三五”期间新增光伏装机16.5万千瓦。", "一、发展基础", PLAN) == "achieved"
    assert figure_phase("市下达的节能量", "完成市下达的节能量2万吨。", "三、任务", PLAN, []) == "task"
    assert column_phase("2020年实际") == "achieved" and column_phase("目标值") == "target"
