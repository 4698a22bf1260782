"""Questions worded as officials type them, not as the clause is printed: colloquial words that no
document uses, a numbered heading that repeats the question's topic above the clause that answers
it, "哪两种" asking for the two things named, "哪份文件" asking for the document a clause names, a
numbered item that is its own content, a list numbered (1) (2) (3), a start date, partners 会同, a cap stated in the sentence after the rate it caps; and a year
named only in a cited plan's title, which sets none, or a thing a 分别 list does not name."""

from __future__ import annotations

import pytest

from policyqa.app import ingest_paths, load_answerer
from policyqa.settings import Settings
from retriever.answer.matching import BigramWeights, bigrams
from tests.pdfs import plain_wording_pdf


def test_bigrams_straddling_two_words_that_no_passage_uses_do_not_count():
    weights = BigramWeights(["本办法条款若与其他政策有重复交叉的,按照从高不重复原则予以支持。", "氢能产业"])
    words = ("政策", "和", "市里", "重复", "氢能")
    grams = weights.meaningful(bigrams("政策和市里重复氢能"), words)
    assert "策和" not in grams and "和市" not in grams  # across two words, in no passage
    assert {"政策", "重复", "市里", "氢能"} <= grams  # words themselves stay, known to the library or not
    assert weights.meaningful({"策和"}, ()) == {"策和"}  # without the words nothing is dropped


@pytest.fixture(scope="module")
def wording_answerer(corpus_settings, tmp_path_factory, e5):
    import shutil

    data = tmp_path_factory.mktemp("wording-data")
    shutil.copytree(corpus_settings.data_dir, data, dirs_exist_ok=True, symlinks=True)
    settings = Settings.from_env(data_dir=data, corpus_dir=corpus_settings.corpus_dir, embedding="e5")
    pdf = plain_wording_pdf(tmp_path_factory.mktemp("wording-docs") / "jiashan.pdf")
    result = ingest_paths([pdf], settings, embeddings=e5)
    assert not result.errors, result.errors
    return load_answerer(settings)


@pytest.mark.slow
@pytest.mark.parametrize("question, said", [
    # the heading "1.有序推动居民低碳场景接入与开发。" repeats the topic; the principle is below it
    ("嘉善县推动居民低碳场景接入与开发时遵循什么原则？", "先易后难"),
    # 省里、市里、给钱: words of the asker, in no document
    ("嘉善县节能降碳资金和省里、市里其他政策有重复时，按什么原则给钱？", "从高不重复"),
    ("嘉善县企业配额分配用了哪两种方法？", "历史强度法和历史排放法"),
    # "哪份文件" is answered by the clause that names one, not by the one that repeats the task
    ("嘉善县区域低碳场景联建是依据哪份文件推进的？", "《长三角区域低碳场景联动建设工作备忘录》"),
    # a numbered item with nothing under it is its own content, not a heading above it
    ("姚庄镇的企业能不能申报嘉善县节能降碳专项资金？", "含姚庄镇"),
    # "最多" asks for the cap, stated after the rate it caps
    ("嘉善县企业用合同能源管理模式搞节能改造，最多能奖多少？", "80万元"),
    # "哪部地方条例": a clause naming one answers, however the question words the kind of document
    ("嘉善县燃煤锅炉清洁能源替代要严格落实哪部地方条例？", "《嘉兴市大气污染防治条例》"),
    ("嘉善县氨氮重点工程减排量目标是多少？", "0.01万吨"),
    # "从什么时候开始" asks for the date something starts ("2023年7月开始,推进…")
    ("嘉善县第二批节能降碳项目申报从什么时候开始推进？", "2023年7月"),
    # "会同哪些部门" asks for the partners, not the department that leads
    ("嘉善县资金拨付前，县发展和改革局要会同哪些部门审核？", "县财政局、县经济和信息化局"),
])
def test_a_question_worded_unlike_its_clause_is_answered_by_it(wording_answerer, question, said):
    answer = wording_answerer.ask(question)
    assert answer.found, answer.answer
    assert said in answer.answer.split("\n")[0]
    assert said in answer.citations[0].quote


@pytest.mark.slow
def test_a_numbered_list_is_answered_whole_and_its_item_numbers_are_no_figures(wording_answerer):
    answer = wording_answerer.ask("嘉善县节能降碳专项资金对哪些项目不予支持？")
    assert answer.found
    for item in ("已享受市级同类资金支持", "未通过竣工验收", "近三年发生较大安全生产事故"):
        assert item in answer.answer
        assert any(item in c.quote for c in answer.citations)
    assert not answer.answer.split("\n")[0].endswith(("：1。", "：2。", "：3。"))


@pytest.mark.slow
def test_a_two_part_question_gets_the_cap_from_the_next_sentence(wording_answerer):
    answer = wording_answerer.ask("嘉善县的省级节能示范项目按什么比例配套、单个项目最高给多少？")
    first = answer.answer.split("\n")[0]
    assert answer.found and "1:0.5" in first and "200万元" in first
    assert "200万元" in answer.citations[0].quote


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "嘉善县氢能汽车加氢站建设每座补贴多少万元？",
    # 2035 is named only inside the title of the plan the rules cite: no target for that year
    "嘉善县2035年单位地区生产总值能耗要比2020年下降多少？",
    # the list states 重点工程减排量 of other pollutants: none of its figures is 二氧化硫's
    "嘉善县二氧化硫重点工程减排量目标是多少？",
])
def test_a_topic_the_documents_do_not_hold_is_still_refused(wording_answerer, question):
    answer = wording_answerer.ask(question)
    assert not answer.found and not answer.citations
