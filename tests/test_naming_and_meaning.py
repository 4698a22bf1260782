"""Questions that name a document by its 文号, ask the 文号 of the document it cites, ask what a term
means, or ask which department a measure belongs to (issue 39: kinds nobody described). Two plans of one
city and year, issued by two bodies, tempt the wrong document; both are written for these tests (tests/pdfs.py)."""

from __future__ import annotations

import re

import pytest

from retriever.answer.question import defined_term, parse_question
from tests.pdfs import other_numbered_plan_pdf, numbered_plan_pdf


@pytest.fixture(scope="module")
def answerer(answerer_with):
    return answerer_with("numbered", numbered_plan_pdf, other_numbered_plan_pdf)


def _plain(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.mark.parametrize("question, said, not_said", [
    ("辛发改环资〔2023〕12号里新建公共建筑屋顶光伏覆盖率要达到多少？", "60%", "40%"),
    ("按照辛机管[2023]9号，新建公共建筑屋顶光伏覆盖率要达到多少？", "40%", "60%"),
])
def test_a_document_named_by_its_number_answers_and_the_numbers_year_is_not_asked(answerer, question, said, not_said):
    answer = answerer.ask(question)
    first = answer.answer.split("\n")[0]
    assert answer.found and said in first and not_said not in first, answer.answer
    assert said in "".join(_plain(c.quote) for c in answer.citations)


def test_the_number_of_the_document_a_plan_follows_is_read_from_the_clause_citing_it(answerer):
    answer = answerer.ask("辛州市2023年建筑节能降碳工作方案依据的国家发展改革委等5部门若干意见文号是多少？")
    assert answer.found and "发改产业〔2021〕1464号" in answer.answer, answer.answer
    assert "发改产业〔2021〕1464号" in "".join(_plain(c.quote) for c in answer.citations)


def test_a_term_asked_is_answered_where_the_document_defines_it(answerer):
    assert defined_term("办法里说的碳排放权是指什么？") == "碳排放权"
    assert defined_term("“近零碳建筑”是怎么定义的？") == "近零碳建筑"
    answer = answerer.ask("辛州市2023年建筑节能降碳工作方案里“近零碳建筑”是指什么？")
    assert answer.found and "接近于零" in answer.answer.split("\n")[0], answer.answer


@pytest.mark.parametrize("question, said", [
    ("辛发改环资〔2023〕12号里老提的“两高一低”项目指什么？", "高耗能、高排放、低水平"),
    ("辛发改环资〔2023〕12号里说的XZCER是什么？", "碳普惠核证减碳量"),
])
def test_a_short_form_is_answered_where_the_document_spells_it_out(answerer, question, said):
    answer = answerer.ask(question)
    assert answer.found and said in answer.answer.split("\n")[0], answer.answer


def test_the_body_that_interprets_a_document_is_a_department(answerer):
    answer = answerer.ask("辛发改环资〔2023〕12号由哪个部门负责解释？")
    assert answer.found and "市住房城乡建设主管部门" in answer.answer.split("\n")[0], answer.answer


def test_which_office_a_measure_belongs_to_is_a_department_question(answerer):
    assert parse_question("这项归哪个厅负责？", answerer.gazetteer).ask == "department"
    assert parse_question("由哪个局牵头？", answerer.gazetteer).ask == "department"
    answer = answerer.ask("辛发改环资〔2023〕12号里新建公共建筑屋顶光伏覆盖率要达到多少？这项归哪个局负责？")
    lines = answer.answer.split("\n")
    assert answer.found and "60%" in lines[0] and "市住房城乡建设局" in lines[1], answer.answer


@pytest.mark.parametrize("question, said", [
    ("辛发改环资〔2023〕12号里，纳入配额管理的单位每年几月几号前要报送碳排放报告？", "4月30日"),
    ("辛发改环资〔2023〕12号里，建筑能耗统计数据最晚哪天报送？", "2023年6月30日"),
    # the event's words it shares with the subject (配额) do not make 报送报告 the 清缴 asked
    ("辛发改环资〔2023〕12号里，纳入配额管理的单位每年几月几号前要完成配额清缴？", None),
    # a closing day ("截止时间为…") does not answer from when
    ("辛发改环资〔2023〕12号里，建筑能耗统计数据从哪天开始可以报送？", None),
])
def test_a_day_answers_only_the_event_and_the_end_it_names(answerer, question, said):
    answer = answerer.ask(question)
    first = answer.answer.split("\n")[0]
    if said is None:
        assert not answer.found and not re.search(r"\d+月\d+日", first), answer.answer
    else:
        assert answer.found and said in first, answer.answer


def test_a_contents_line_and_the_printed_line_answer_nothing(answerer):
    from retriever.index.clauses import Clause

    scorer = answerer.scorer(parse_question("重点任务有几项？", answerer.gazetteer))
    doc_id = next(d for d, m in answerer.index.documents.items() if m.doc_number == "辛发改环资〔2023〕12号")

    def clause(text):
        return Clause(doc_id=doc_id, section="", start=0, end=len(text), text=text, kind="sentence", columns=(), hit_rank=0)

    assert scorer.restates_title(clause("二、重点任务............................(8)"))
    assert scorer.restates_title(clause("三、保障措施……………………13"))
    assert not scorer.restates_title(clause("(二)推进既有建筑节能改造。完成既有公共建筑节能改造50万平方米。"))
    assert parse_question("《繁昌区节能降碳若干支持措施》暂定执行多长时间？", answerer.gazetteer).text  # parses
    from retriever.answer.question import document_facts_asked
    assert document_facts_asked("这份办法暂定执行多长时间？") == ["valid_until"]
