""""哪个市…最多/最少" over a table (issue 39, evaluators' questions): the row ranked from the whole table,
the column the question names, its total row left out; the row and its cell are quoted."""

from __future__ import annotations

import re

import pytest

from retriever.answer.superlative import asks_extreme
from tests.pdfs import forest_task_table_pdf


@pytest.fixture(scope="module")
def answerer(answerer_with):
    return answerer_with("forest", forest_task_table_pdf)


def test_which_questions_ask_the_top_or_the_bottom():
    assert asks_extreme("人工造林任务最多的是哪个市？") is True
    assert asks_extreme("哪个市的合计最少？") is False
    assert asks_extreme("人工造林任务最多多少万亩？") is None  # no 哪个: a cap, not a ranking
    assert asks_extreme("最高和最低分别是哪个市？") is None


def test_a_column_under_a_merged_header_is_named_by_its_own_words():
    from retriever.answer.superlative import _own_name

    columns = ("单位", "合计", "其中:造林小计", "其中:造林人工造林", "其中:造林封山育林", "营林")
    assert [_own_name(c, columns) for c in columns] == ["单位", "合计", "小计", "人工造林", "封山育林", "营林"]


@pytest.mark.parametrize("question, city, value", [
    ("辛州市2022年营造林任务安排表里，人工造林任务最多的是哪个县？有多少万亩？", "西川县", "21.0"),
    ("辛州市2022年营造林任务安排表里，封山育林最多的是哪个县？", "南川县", "26.0"),
    # the total row (全市 600) is no county
    ("辛州市2022年营造林任务安排表里，哪个县的营造林任务合计最少？", "北川县", "0.7"),
])
def test_the_row_ranked_in_the_column_asked_is_named_with_its_cell(answerer, question, city, value):
    answer = answerer.ask(question)
    first = answer.answer.split("\n")[0]
    assert answer.found and city in first and value in first, answer.answer
    quoted = "".join(re.sub(r"\s", "", c.quote) for c in answer.citations)
    assert city in quoted and value in quoted
