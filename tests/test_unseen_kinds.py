"""A figure of the wrong kind is never stated (issue 39): asked an award in 万元, a count of projects does
not answer; asked a day, a bare year does not; asked 核电's capacity, 水电's does not; asked how many,
"一批" does not. The plan below is written to tempt each wrong answer beside right ones."""

from __future__ import annotations

import pytest

from retriever.answer.contrast import about_another, asked_things, named_members
from retriever.answer.kinds import agrees, date_precision
from ingest.lexicon import contrasts
from tests.pdfs import (green_list_notice_pdf, long_sector_plan_pdf, national_and_provincial_plans_pdf, national_plan_pdf,
                        province_regulation_pdf, regionless_notice_pdf, tempting_figures_pdf,
                        worded_apart_plan_pdf, year_report_pdf, yearly_work_plan_pdf)


def test_a_figure_of_another_kind_does_not_agree_with_the_kind_asked():
    assert agrees("money", "money") and agrees("money", "price") and agrees("percent", "percentage-point")
    assert not agrees("money", "count") and not agrees("power", "percent") and not agrees("money", "duration")
    assert agrees("count", None) and not agrees("money", None)  # a bare number counts, it is no amount
    assert not agrees("count", "vague") and not agrees(None, "vague")  # "一批" is no number
    assert date_precision("2023年") == "year" and date_precision("2023年5月") == "month"
    assert date_precision("3月10日") == "day"
    assert not agrees("day", "year") and agrees("day", "day") and agrees("month", "day")


def test_a_thing_inside_a_longer_name_is_not_named_by_it():
    energy = contrasts()["energy-source"].members
    named = {energy[i][0] for i in named_members("海上风电装机达到100万千瓦", energy)}
    assert named == {"海上风电"}
    asked = asked_things("核电装机要达到多少千瓦？", "")
    assert about_another(asked, "水电装机达到") and not about_another(asked, "核电装机达到")
    assert not about_another(asked, "到2030年,装机达到")  # words that name nothing decide nothing
    # a short form names its thing too: "新能源车" asks about the 新能源汽车 a clause names
    assert not about_another(asked_things("新增车辆里新能源车比例多少？", ""), "新增车辆中新能源汽车比例不低于")
    # a thing the question names only in naming the document is not what it asks about
    assert asked_things("《清洁能源发展规划》提出光伏装机多少？", "清洁能源发展规划") == asked_things("光伏装机多少？", "")
    # but a thing the title holds too is asked when the question names it on its own
    title = "青海打造国家清洁能源产业高地行动方案"
    assert "energy-source" in asked_things("青海省到2025年清洁能源总装机要达到多少万千瓦？", title)


@pytest.fixture(scope="module")
def tempted_answerer(answerer_with):
    return answerer_with("kinds", tempting_figures_pdf)


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "乌海市对节能技术改造项目每个奖励多少万元？",  # a count of projects is there, no award
    "乌海市申报系统具体哪天开放？",  # the template leaves the month and day blank
    "乌海市到2030年风电装机要达到多少万千瓦？",  # 水电 and 核电 only
    "乌海市新增高效节能锅炉占比达到多少？",  # 电机's share is there
    "乌海市要开发多少个林业碳汇项目？",  # "一批"
    "乌海市到2030年光伏装机要达到多少万千瓦？",  # a percentage about prices is there
    "乌海市到2025年单位地区生产总值二氧化碳排放比2020年下降多少？",  # 能源消耗's cut is there
    "乌海市到2025年化学需氧量重点工程减排量比2020年下降多少？",  # a tonnage is there, no share
    "乌海市到2025年地热能装机要达到多少万千瓦？",  # only 2030's is there
    "乌海市要建设多少个农药减量增效示范县？",  # 化肥's are counted
    "乌海市到2025年装配式建筑占新建建筑面积的比例是多少？",  # 绿色建筑's share is there
])
def test_a_figure_of_the_wrong_kind_or_thing_is_refused(tempted_answerer, question):
    answer = tempted_answerer.ask(question)
    assert not answer.found, answer.answer


@pytest.mark.slow
@pytest.mark.parametrize("question, figure", [
    ("乌海市到2030年核电装机要达到多少万千瓦？", "150万千瓦"),
    ("乌海市到2030年水电装机要达到多少万千瓦？", "320万千瓦"),
    ("乌海市每年组织实施多少个节能技术改造项目？", "30个"),
    ("乌海市新增高效节能电机占比要达到多少？", "70%"),
    ("乌海市主管部门要在多少个工作日内完成审核？", "15个工作日"),
    ("乌海市化学需氧量重点工程减排量累计要达到多少万吨？", "1.2万吨"),
    # the sentence names 新型储能 once, for its 2025 and its 2030 figure
    ("乌海市到2030年新型储能装机力争达到多少万千瓦？", "60万千瓦"),
    # the table prints bare numbers; its 单位 column says they are 万千瓦
    ("乌海市到2025年光热发电装机要达到多少万千瓦？", "120万千瓦"),
    ("乌海市到2030年再生资源循环利用量要达到多少万吨？", "60万吨"),  # not 2025's, named first
    ("乌海市要建设多少个化肥减量增效示范县？", "30个"),
    ("乌海市到2025年城镇新建建筑中绿色建筑面积占比达到多少？", "80%"),
    ("乌海市全年工业技改的投资额要突破多少亿元？", "50亿元"),  # the owner asked is named: no refusal
    # the row under the merged 燃煤 cell that prints the 60 asked
    ("乌海市燃煤超临界60万千瓦发电机组的供电碳排放基准是多少？", "8.254"),
])
def test_the_figure_of_the_kind_and_thing_asked_is_stated(tempted_answerer, question, figure):
    answer = tempted_answerer.ask(question)
    assert answer.found and figure in answer.answer.split("\n")[0], answer.answer


@pytest.mark.slow
def test_a_segment_without_a_subject_goes_on_with_the_one_before(tempted_answerer):
    # "…能源消耗比2020年下降14%,力争下降14.5%": 14.5% is the energy cut too, stated for it
    answer = tempted_answerer.ask("乌海市到2025年单位地区生产总值能源消耗比2020年力争下降多少？")
    assert answer.found and "14.5%" in answer.citations[0].quote


@pytest.mark.slow
def test_a_figure_of_a_respective_list_is_stated_with_the_whole_list(tempted_answerer):
    # "化学需氧量、氨氮…减排量分别累计达到1.2万吨、0.3万吨": cut at the figure, 1.2万吨 would read as 氨氮's
    line = tempted_answerer.ask("乌海市化学需氧量重点工程减排量累计要达到多少万吨？").answer.split("\n")[0]
    assert "化学需氧量、氨氮" in line and "1.2万吨、0.3万吨" in line, line


@pytest.mark.parametrize(("clause", "figure", "group"), [
    ("将年综合能源消费量1万吨标准煤以上的重点用能单位纳入能耗在线监测平台。", "1万吨标准煤", True),
    ("推进年综合能耗5000吨标准煤及以上的工业企业开展能源审计。", "5000吨标准煤", True),
    ("到2025年,全省能源消费总量控制在3.5亿吨标准煤以内。", "3.5亿吨标准煤", False),
    ("创建绿色工厂100家以上。", "100家以上", False),
])
def test_a_figure_that_says_which_units_is_told_from_a_value(clause, figure, group):
    from retriever.answer.kinds import names_a_group

    assert names_a_group(clause, figure) is group


@pytest.mark.parametrize(("question", "asks_the_size"), [
    ("年综合能耗多少吨标准煤以上的单位要开展能源审计？", True),
    ("纳入在线监测平台的门槛是多少？", True),
    ("年综合能耗多少吨标准煤的企业要接入在线监测平台？", True),
    ("2025年全省能源消费总量控制目标是多少万吨标准煤？", False),
])
def test_a_question_for_the_size_of_a_group_is_told_from_one_for_a_total(question, asks_the_size):
    from retriever.answer.kinds import THRESHOLD_ASKED_RE

    assert bool(THRESHOLD_ASKED_RE.search(question)) is asks_the_size


@pytest.fixture(scope="module")
def regionless_answerer(answerer_with):
    return answerer_with("regionless", regionless_notice_pdf, yearly_work_plan_pdf)


@pytest.mark.slow
def test_a_document_naming_no_region_answers_for_a_region_of_its_kind_with_a_caveat(regionless_answerer):
    # the library holds nothing of 宁夏; the notice calls itself "自治区…厅", and 宁夏 is an 自治区
    answer = regionless_answerer.ask("宁夏回族自治区生态环境厅碳达峰工作专班的组长是谁？")
    assert answer.found and "林秋实" in answer.answer.split("\n")[0], answer.answer
    assert "未写明适用地区" in answer.answer
    # a province is not an 自治区, and a figure the notice does not hold is still refused
    for question in ("江苏省生态环境厅碳达峰工作专班的组长是谁？", "宁夏2025年光伏装机要达到多少万千瓦？"):
        refused = regionless_answerer.ask(question)
        assert not refused.found and "文件库中没有关于" in refused.answer, refused.answer


@pytest.mark.slow
def test_a_years_report_handled_in_another_years_plan_is_answered_from_it(regionless_answerer):
    # "2022年度" beside the plan's own 2023 is the year of the reports the plan handles
    answer = regionless_answerer.ask("鄂州市生态环境局2023年工作计划要组织多少家重点排放单位开展2022年度温室气体排放报告？")
    assert answer.found and "120家" in answer.answer.split("\n")[0], answer.answer
    # asked only about 2022年度, the 2023 plan is not that year's document
    refused = regionless_answerer.ask("鄂州市2022年度新建了多少个低碳社区？")
    assert not refused.found, refused.answer


def test_a_word_ending_in_a_bodys_suffix_or_a_cited_decider_is_no_department():
    from ingest.departments import NAMED_BODY_RE

    assert [m.group(0) for m in NAMED_BODY_RE.finditer("优化上海市绿色金融区域布局,引导市金融局开展试点")] == ["市金融局"]
    assert not NAMED_BODY_RE.search("认真落实中央和省委省政府关于做好碳达峰碳中和工作部署")


@pytest.mark.slow
def test_a_post_held_by_whoever_holds_another_post_names_nobody(regionless_answerer):
    named = regionless_answerer.ask("宁夏回族自治区生态环境厅碳达峰工作专班办公室主任叫什么名字？")
    assert not named.found, named.answer  # "由…处处长兼任": a post, no name
    held = regionless_answerer.ask("宁夏回族自治区生态环境厅碳达峰工作专班办公室主任由谁兼任？")
    assert held.found and "应对气候变化处处长" in held.answer.split("\n")[0], held.answer


def test_a_count_of_another_thing_does_not_answer_how_many():
    from retriever.answer.contrast import counts_another_thing

    assert counts_another_thing("创建多少个零碳园区？", "到2025年,创建绿色工厂77家,完成节能诊断40项。", "77家")
    assert not counts_another_thing("累计要创建多少家绿色工厂？", "到2025年,累计创建绿色工厂77家。", "77家")
    assert not counts_another_thing("纳入了多少家控排企业？", "年排放2万吨及以上的企业,共178家(附件1)。", "178家")
    # a count of a joint list ("…钢铁…等行业") is no count of one of its members; a list of counts is
    assert counts_another_thing("钢铁行业重点排放单位有多少家？", "组织开展500余家石化、化工、钢铁、有色等行业重点排放单位核查",
                                "500余家")
    assert not counts_another_thing("绿色设计示范企业有多少家？", "获得绿色产品26个、绿色设计示范企业3家。", "3家")
    assert counts_another_thing("其他行业报告单位中水泥行业有几家？", "纳入全国碳市场的其他行业8家报告单位。", "8家")


def test_a_thing_named_only_with_another_qualifier_is_a_sibling_of_the_one_asked():
    from retriever.answer.contrast import swaps_a_qualifier
    from retriever.index.tokenize import default_tokenizer

    tagged = default_tokenizer().tagged

    def swaps(question: str, clause: str, context: str = "") -> bool:
        return swaps_a_qualifier(tagged(question), tagged(clause), f"{clause} {context}")

    assert swaps("燃油锅炉的单位综合供热量碳排放基准是多少", "纯供热 燃煤锅炉 0.1046", "锅炉/机组类型")
    assert swaps("要求建设多少个农药减量增效示范县", "建设50个化肥减量增效示范县。")
    assert not swaps("燃煤锅炉的碳排放基准是多少", "纯供热 燃煤锅炉 0.1046")
    # a verb before the thing names no kind of it, nor does a question word; a synonym is no sibling
    assert not swaps("建成能源在线监测平台按总投资多大比例补助", "完成能源在线监测平台建设的,按总投资的20%给予补助")
    assert not swaps("单位GDP能耗下降多少", "单位地区生产总值能耗比2020年下降14%")
    # the question's qualifier near the clause (its heading, its header) keeps it
    assert not swaps("燃油锅炉的碳排放基准是多少", "纯供热 燃煤锅炉 0.1046", "燃油锅炉 0.0800")


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "鄂州市钢铁行业重点排放单位有多少家？",  # 120家 counts 电力、钢铁、水泥 together
    "鄂州市重点排放单位最早从哪天开始上传温室气体排放报告？",  # only the day it ends is printed
    "宁夏回族自治区生态环境厅碳达峰工作专班下设的能耗双控专项工作组组长是谁？",  # no such group
    "宁夏回族自治区的区碳交办设在哪个部门？",  # its short form is printed, not where it sits
    "宁夏回族自治区生态环境厅关于成立碳达峰工作专班的通知有效期到什么时候？",  # no validity is printed
    "鄂州市重点排放单位每月几号前要上传温室气体排放报告？",  # one day of 2023 is no day of every month
    "鄂州市重点排放单位要在什么时候前完成配额清缴？",  # the day printed is the reports', not the quotas'
])
def test_what_the_documents_do_not_say_of_the_thing_asked_is_refused(regionless_answerer, question):
    answer = regionless_answerer.ask(question)
    assert not answer.found, answer.answer


@pytest.mark.slow
@pytest.mark.parametrize("question, expected", [
    ("鄂州市重点排放单位有多少家？", "120家"),
    ("鄂州市重点排放单位要在什么时候前上传温室气体排放报告？", "2023年3月31日"),
    ("按照鄂州市生态环境局2023年应对气候变化工作计划，2023年全市要完成清洁生产审核的企业有多少家？", "40家"),
    ("宁夏回族自治区生态环境厅碳达峰工作专班办公室设在哪个处室？", "应对气候变化处"),
])
def test_the_thing_asked_is_answered_beside_its_siblings(regionless_answerer, question, expected):
    answer = regionless_answerer.ask(question)
    assert answer.found and expected in answer.answer.split("\n")[0], answer.answer


def test_a_year_that_names_the_document_is_not_a_year_asked():
    from ingest.regions import Gazetteer
    from retriever.answer.question import parse_question, years_besides_title

    title = "广东省2021年度碳排放配额分配实施方案"
    asked = parse_question("按照广东省2021年度碳排放配额分配实施方案，2022年度配额总量是多少？", Gazetteer.load())
    assert asked.years == (2021, 2022) and years_besides_title(asked, title) == (2022,)
    only_title = parse_question("广东省2021年度碳排放配额分配实施方案的配额总量是多少？", Gazetteer.load())
    assert years_besides_title(only_title, title) == (2021,)


def test_words_that_only_look_like_places_name_none():
    from ingest.regions import Gazetteer, zone_in

    gazetteer = Gazetteer.load()
    assert gazetteer.find("建设50个化肥减量增效示范县") == []  # 范县 inside 示范县
    assert gazetteer.find("河南省濮阳市范县") == ["河南省", "濮阳市", "范县"]
    assert gazetteer.find("连云港市近岸海域水质优良比例") == ["连云港市"]  # the table's 海域 row is no division
    assert zone_in("浙江绿色低碳工业园区建设通知", gazetteer) is None  # a kind of zone, not a zone's name
    assert zone_in("北京经济技术开发区2021年度绿色发展资金", gazetteer) == ("北京经济技术开发区", "北京市")


@pytest.fixture(scope="module")
def long_plan_answerer(answerer_with):
    return answerer_with("long-plan", long_sector_plan_pdf)


@pytest.mark.slow
@pytest.mark.parametrize("question, expected", [
    # the period is the title's: the contact line needs not name it
    ("辛州市重点领域企业节能降碳工作方案(2022-2025年)的联系人是谁？", "李明"),
    # the note after a task is its own; the one before it closes the task before
    ("辛州市到2025年新增城市物流配送车辆新能源比例超过多少？这项由哪个部门负责？", "市邮政管理局"),
    # "多大容量及以上": a size asked; 65蒸吨/小时 sizes the boilers named after it
    ("辛州市要求多大容量及以上的燃煤锅炉到2025年底全面实现超低排放？", "65蒸吨/小时"),
])
def test_what_a_long_plan_prints_once_is_found(long_plan_answerer, question, expected):
    answer = long_plan_answerer.ask(question)
    assert answer.found and expected in answer.answer, answer.answer


def test_a_title_goes_on_over_its_period_and_a_cited_documents_number_is_read_from_the_text():
    from ingest.metadata import find_title
    from ingest.regions import Gazetteer
    from retriever.answer.question import document_facts_asked, parse_question

    head = ["关于印发四川省重点领域企业节能降碳工作方案", "(2022-2025年)的通知", "各市(州)经济和信息化主管部门:"]
    assert find_title(head, {}) == ("四川省重点领域企业节能降碳工作方案(2022-2025年)",
                                    "关于印发四川省重点领域企业节能降碳工作方案(2022-2025年)的通知")
    cited = "北京市这份通知依据的是生态环境部办公厅哪份文件（文号）？"
    assert parse_question(cited, Gazetteer.load()).ask == "text" and "doc_number" not in document_facts_asked(cited)
    assert parse_question("这份通知的文号是什么？", Gazetteer.load()).ask == "doc_number"


def test_a_rate_asked_is_a_share():
    from ingest.regions import Gazetteer
    from retriever.answer.kinds import asked_kind
    from retriever.answer.question import parse_question

    rate = parse_question("到2025年园区工业固体废物综合利用率要达到多少？", Gazetteer.load())
    assert rate.ask == "percent" and asked_kind(rate) == "percent"
    assert parse_question("各成员单位每月几号前报送工作进展？", Gazetteer.load()).ask == "deadline"


def test_a_figure_of_another_owner_does_not_answer():
    from retriever.answer.contrast import owner_missing

    asked = "全年新建高标准农田的投资额是多少亿元？"
    assert owner_missing(asked, "开展工业技改提级行动,工业技改投资突破5000亿元。")
    assert not owner_missing(asked, "全年新建高标准农田665万亩,投资120亿元。")
    assert not owner_missing("全市的目标是多少？", "到2025年,全市达到30%。")  # 全市 only says where
    # a word any clause shares (企业) does not name the owner; the document's own subject is no other owner
    assert owner_missing("电力行业企业的控排系数取多少？", "考虑疫情对企业生产的影响,控排系数为0.98。")
    assert not owner_missing("工业碳达峰扶持项目的专家评审要达到多少分？", "专家评审得分70分以上方可通过。",
                             naming="支持绿色发展促进工业碳达峰扶持计划操作规程")


def test_a_row_under_a_merged_first_cell_belongs_to_its_group():
    from ingest.models import Chunk
    from retriever.index.clauses import clauses_of_chunk

    text = "燃气\t\tF\t3.863\n燃煤\t超超临界\t100\t7.838\n\t超临界\t60\t8.254\n1\t合计\t9\t9"
    chunk = Chunk("c1", "d", "三、电力", 0, len(text), text, "table", ("类型", "等级", "容量", "基准"))
    groups = {c.text.split("\t")[1] or c.text.split("\t")[0]: c.group for c in clauses_of_chunk(chunk)}
    assert groups == {"燃气": "", "超超临界": "", "超临界": "燃煤", "合计": ""}


def test_a_member_inside_a_word_of_its_own_is_not_named():
    from retriever.answer.contrast import asked_things

    assert "equipment" not in asked_things("60万千瓦发电机组的碳排放基准是多少？", "")  # 电机 inside 发电机
    assert "equipment" in asked_things("新增高效节能电机占比要达到多少？", "")


def test_a_day_of_a_date_is_no_quantity():
    from retriever.answer.scoring import quantities_outside_dates

    assert [m.text for m in quantities_outside_dates("印发日期:2022年3月7日")] == []
    assert [m.text for m in quantities_outside_dates("审核时限为7日,奖励50万元")] == ["7日", "50万元"]


@pytest.fixture(scope="module")
def worded_apart_answerer(answerer_with):
    return answerer_with("worded-apart", worded_apart_plan_pdf)


@pytest.mark.slow
@pytest.mark.parametrize("question, figures", [
    ("衢州市2024年单位GDP能耗要下降多少？", ["3.1%"]),  # GDP is 地区生产总值
    ("衢州市各县的节能降碳实施方案要在什么时候之前出台？", ["2024年6月底前"]),  # 出台 is 制定
    ("衢州市对既有公共建筑节能改造每平方米补多少？", ["40元"]),
    ("衢州市公共充电桩要建到多少个？", ["3000个"]),  # "建到" is no thing counted
    ("衢州市年综合能源消费量达到多少算重点用能单位？", ["5000吨标准煤"]),  # a threshold that defines
    ("衢州市“十四五”时期光伏发电装机容量要达到多少万千瓦？", ["150万千瓦"]),
    # the second part narrows the first's count: it is asked of the same green factories
    ("衢州市今年新创建多少家省级以上绿色工厂？国家级的至少要几家？", ["15家", "4家"]),
    # the note in 〔〕 names the lead; "(市能源局)" is the 发展改革委's other name
    ("衢州市城镇建筑可再生能源替代常规能源比例达到8%这项任务由哪个部门牵头？", ["市住房城乡建设局"]),
])
def test_a_clause_worded_apart_from_the_question_answers_it(worded_apart_answerer, question, figures):
    answer = worded_apart_answerer.ask(question)
    assert answer.found, answer.answer
    lines = answer.answer.split("\n")
    for line, figure in zip(lines, figures):
        assert figure in line, answer.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "衢州市既有公共建筑节能改造补助，单个项目最多能拿多少万元？",  # only a price per 平方米
    "衢州市2020年光伏发电装机容量基数是多少万千瓦？",  # the heading makes 150 a 十四五 target
    "衢州市到2030年风电装机容量要达到多少万千瓦？",  # and 60 too: no 2030 figure
    "衢州市对新获评的省级绿色工业园区奖励多少钱？",  # 绿色工厂's award only
    "衢州市能源利用状况报告从哪天开始可以报送？",  # the day is when the late are reminded
])
def test_a_clause_worded_near_the_question_but_about_another_thing_is_refused(worded_apart_answerer, question):
    answer = worded_apart_answerer.ask(question)
    assert not answer.found, answer.answer


@pytest.fixture(scope="module")
def report_answerer(answerer_with):
    return answerer_with("year-report", year_report_pdf, green_list_notice_pdf)


@pytest.mark.slow
@pytest.mark.parametrize("question, figure", [
    ("德州市2023年节能技改项目完成了多少投资？", "28.6亿元"),  # money asked in words; 技改 is 技术改造
    ("德州市非化石能源消费比重2024年目标是多少？", "14.9"),
    ("德州市新建项目年综合能耗达到多大规模就得报省发改委节能审查？", "5万吨标准煤"),
    ("德州市节能工作计划征求意见到哪天截止？", "1月29日"),  # 截止 names no event of its own
    # the province names itself in the list's sentence: 山东省 is no sibling of 省级
    ("2024年山东省级绿色制造名单里，绿色工业园区拟列入几个？", "5个"),
])
def test_a_figure_found_by_its_heading_column_or_wording_is_stated(report_answerer, question, figure):
    answer = report_answerer.ask(question)
    assert answer.found and figure in answer.answer.split("\n")[0], answer.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "德州市2024年计划新创建多少家国家级绿色工厂？",  # 11 is 2023's: its part's heading says so
    "德州市单位GDP能耗下降目标2022年是多少？",  # the table's columns are 2023 and 2024
    "德州市节能技改补助资金一共安排了多少万元？",  # 500万元 caps one enterprise, it is no total
    "德州市节能监察发现问题的企业要停产整治多少天？",  # a day of the calendar is no length of time
    "德州市节能监察发现问题的那个项目总投资是多少亿元？",  # a fine is no investment
])
def test_a_figure_of_another_year_or_of_each_one_is_refused(report_answerer, question):
    answer = report_answerer.ask(question)
    assert not answer.found, answer.answer


@pytest.fixture(scope="module")
def province_answerer(answerer_with):
    return answerer_with("province", province_regulation_pdf, national_and_provincial_plans_pdf, national_plan_pdf)


@pytest.mark.slow
def test_an_enterprise_of_a_city_is_answered_from_its_provinces_regulation(province_answerer):
    # no document of 海东市: the province's 条例 binds its enterprises, and the answer says whose it is
    answer = province_answerer.ask("我们是海东的一家有色冶炼企业，已经列为重点用能单位，每年的能源利用状况报告最晚啥时候要交？")
    assert answer.found and "每年3月31日前" in answer.answer.split("\n")[0], answer.answer
    assert answer.answer.startswith("青海省（海东市所在地区）") and answer.question.endswith("啥时候要交？")
    # an official asking for the city's own figures still gets no province's
    assert not province_answerer.ask("海东市重点用能单位的能源利用状况报告每年几号前报送？").found


@pytest.mark.slow
def test_a_title_with_its_province_short_is_the_provinces_not_the_nations(province_answerer):
    answer = province_answerer.ask("青海那份工业领域碳达峰实施方案是哪几个厅委联合印发的？")
    assert answer.found and "青海省生态环境厅" in answer.answer.split("\n")[0], answer.answer
