"""Questions that ask several things at once (two years, two indicators, two questions in one line),
and questions answered by what a clause prints rather than by a figure in it: who holds a post, a
body's short or full name, where to apply. Built on a document written for these tests (tests/pdfs.py)."""

from __future__ import annotations

import re

import pytest

from ingest.readers import read_text
from policyqa.app import ingest_paths, load_answerer
from policyqa.settings import Settings
from retriever.answer.split import lead_in_of, split_question
from tests.conftest import CORPUS
from tests.pdfs import group_notice_pdf, leading_group_pdf


@pytest.mark.parametrize("text, parts", [
    ("光伏装机容量2025年和2030年分别力争达到多少？",
     ["光伏装机容量2025年力争达到多少？", "光伏装机容量2030年力争达到多少？"]),
    ("到2025年单位地区生产总值能耗和单位工业增加值能耗分别下降多少？",
     ["到2025年单位地区生产总值能耗下降多少？", "到2025年单位工业增加值能耗下降多少？"]),
    ("领导小组组长是谁？办公室主任是谁？", ["领导小组组长是谁？", "办公室主任是谁？"]),
    ("重点用能单位新增和剔除分别由谁确定？", ["重点用能单位新增和剔除分别由谁确定？"]),  # items too short to stand alone
    # what follows the last 的 is shared: the short items stand with it
    ("履约通知中，新增和剔除的管控企业分别有多少家？",
     ["履约通知中，新增的管控企业有多少家？", "履约通知中，剔除的管控企业有多少家？"]),
    ("办法中，申请复核和作出复核决定的期限分别是多少？",
     ["办法中，申请复核的期限是多少？", "办法中，作出复核决定的期限是多少？"]),
    ("嘉定区年综合能耗5000吨标准煤以上的单位什么时候前要启动能源审计？",
     ["嘉定区年综合能耗5000吨标准煤以上的单位什么时候前要启动能源审计？"]),
    # a 各 before what is asked of each is a 分别; "各市", "各有关部门" are no pair
    ("秸秆综合利用重点县和化肥减量增效示范县各要建几个？",
     ["秸秆综合利用重点县要建几个？", "化肥减量增效示范县要建几个？"]),
    ("风电到2025年、2030年各规划装多少万千瓦？", ["风电到2025年规划装多少万千瓦？", "风电到2030年规划装多少万千瓦？"]),
    ("各有关部门和各市要在什么时候前报送？", ["各有关部门和各市要在什么时候前报送？"]),
    # nothing named after the last 的: the items are too short to stand alone
    ("重点排放单位里，原有的和新纳入的各多少家？", ["重点排放单位里，原有的和新纳入的各多少家？"]),
    # "怎么要求" asks too: the department part is a question of its own
    ("公共机构新增车辆里新能源车比例怎么要求？这事哪个部门牵头？",
     ["公共机构新增车辆里新能源车比例怎么要求？", "这事哪个部门牵头？"]),
])
def test_a_question_is_cut_into_the_questions_it_asks(text, parts):
    assert split_question(text) == parts


def test_a_later_part_is_asked_with_the_first_parts_subject():
    assert lead_in_of("上海公共机构绿色数据中心试点创建，到2023年要推进几个？") == "上海公共机构绿色数据中心试点创建，"
    assert lead_in_of("辛州市碳达峰碳中和工作领导小组的组长是谁？") == "辛州市碳达峰碳中和工作领导小组的"
    assert lead_in_of("重点用能单位节能监察办法这部部令是哪天公布的？") == "重点用能单位节能监察办法"
    # no comma and no 的: the subject before what is asked ("…比例超过多少？" then "这项由哪个部门负责？")
    assert lead_in_of("到2025年新增城市物流配送车辆新能源比例超过多少？") == "到2025年新增城市物流配送车辆新能源比例，"
    # what is counted follows the ask: "国家级的至少要几家？" is asked of the 绿色工厂
    assert lead_in_of("衢州今年新创建多少家省级以上绿色工厂？") == "衢州今年新创建省级以上绿色工厂，"


def _plain(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture(scope="module")
def asked(tmp_path_factory, e5):
    folder = tmp_path_factory.mktemp("several-asks")
    source = leading_group_pdf(folder / "group.pdf")
    group_notice_pdf(folder / "transport.pdf")
    settings = Settings.from_env(data_dir=tmp_path_factory.mktemp("several-asks-data"), corpus_dir=CORPUS,
                                 embedding="e5")
    result = ingest_paths([folder], settings, embeddings=e5)
    assert not result.errors, result.errors
    return load_answerer(settings), _plain(read_text(source))


def _first_line_and_quotes(answer, source) -> tuple[str, str]:
    assert all(_plain(c.quote) in source for c in answer.citations)
    return answer.answer.split("\n")[0], "".join(_plain(c.quote) for c in answer.citations)


@pytest.mark.parametrize("question, said", [
    ("辛州市碳达峰碳中和工作领导小组的组长是谁？", "马远"),
    ("辛州市碳达峰碳中和工作领导小组的组长是什么职务的领导？", "马远"),  # a post asked by its holder's post
    ("辛州市碳达峰碳中和工作领导小组简称是什么？", "“双碳”领导小组"),
    ("辛州市节能降碳项目申报的网址是什么？", "jnfw.xinzhou.gov.cn"),
    ("辛州市节能降碳项目申报的联系电话是多少？", "0571-87654321"),
])
def test_a_post_a_short_name_or_an_address_is_answered_by_the_clause_that_prints_it(asked, question, said):
    answerer, source = asked
    answer = answerer.ask(question)
    assert answer.found, answer.answer
    line, quotes = _first_line_and_quotes(answer, source)
    assert said in line and _plain(said) in quotes


@pytest.mark.parametrize("question, first, second", [
    ("辛州市光伏装机容量2025年和2030年分别要达到多少？", "200万千瓦", "450万千瓦"),  # two years
    ("辛州市到2025年单位地区生产总值能源消耗和单位工业增加值能源消耗分别下降多少？", "14%", "16%"),  # two indicators
    ("辛州市碳达峰碳中和工作领导小组的组长是谁？办公室主任是谁？", "马远", "周清"),  # the second of the first's document
])
def test_each_thing_asked_at_once_gets_its_own_answer(asked, question, first, second):
    answerer, source = asked
    answer = answerer.ask(question)
    lines = answer.answer.split("\n")
    assert answer.found and first in lines[0] and second in lines[1], answer.answer
    _first_line_and_quotes(answer, source)


def test_the_day_a_document_was_issued_is_no_day_it_sets(asked):
    # the notice's only date is its 落款: it sets no year for anything to peak
    answerer, _ = asked
    answer = answerer.ask("安澜市交通运输局领导小组通知提出交通运输领域碳排放在哪一年达峰？")
    assert not answer.found, answer.answer


@pytest.fixture(scope="module")
def one_city_two_groups(tmp_path_factory, e5):
    from tests.pdfs import city_department_group_pdf

    folder = tmp_path_factory.mktemp("two-groups")
    leading_group_pdf(folder / "city.pdf")
    city_department_group_pdf(folder / "department.pdf")
    settings = Settings.from_env(data_dir=tmp_path_factory.mktemp("two-groups-data"), corpus_dir=CORPUS,
                                 embedding="e5")
    assert not ingest_paths([folder], settings, embeddings=e5).errors
    return load_answerer(settings)


@pytest.mark.parametrize("question, holder, other", [
    ("辛州市碳达峰碳中和工作领导小组的组长是谁？", "马远", "宋远山"),
    ("辛州市交通运输局碳达峰碳中和工作领导小组的组长是谁？", "宋远山", "马远"),
])
def test_a_question_that_repeats_a_title_is_answered_from_that_document(one_city_two_groups, question, holder, other):
    answer = one_city_two_groups.ask(question)
    first = answer.answer.split("\n")[0]
    assert answer.found and holder in first and other not in first, answer.answer


def test_a_pair_of_places_is_left_to_the_answerers_split_by_region(gazetteer):
    # cut as a pair it would lose its topic ("嘉定区的要求是多少？"); each region is asked on its own instead
    text = "嘉定区和上海市对重点用能企业绿色创建占比的要求分别是多少？"
    assert split_question(text, lambda item: bool(gazetteer.find(item))) == [text]


def test_a_post_asked_is_cut_from_a_run_on_list_of_posts():
    # a PDF's membership line often runs every post together: the one asked is answered, not the list
    from retriever.answer.extract import _post_segment

    line = "召集人:崔某市委常委、常务副市长副召集人:王某副市长汤某副市长成员:韦某市重点办主任"
    assert _post_segment("专班的召集人是谁？", line) == "召集人:崔某市委常委、常务副市长"
    assert _post_segment("两位副召集人是谁？", line) == "副召集人:王某副市长汤某副市长"
    assert _post_segment("联系人是谁？", line) == line  # not printed with a colon there: the whole line
