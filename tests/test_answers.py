"""Answers from the real corpus index: figure first, verbatim quotes, honest refusals."""

import re

import pytest

from retriever.evaluate import evaluate, load_questions, normalise_for_scoring
from tests.conftest import CORPUS, ROOT, SHARED_EVAL


def first_sentence(answer) -> str:
    return answer.answer.split("\n")[0]


def assert_numbers_are_quoted(answer):
    """Every number the answer states appears in one of its quotes."""
    quotes = "".join(c.quote for c in answer.citations)
    for number in re.findall(r"\d+(?:\.\d+)?", first_sentence(answer)):
        assert number in quotes, (number, answer.answer)


@pytest.mark.slow
def test_the_readme_example(answerer):
    answer = answerer.ask("嘉定区节能诊断方案每年不少于多少项？")
    assert answer.found and "150项" in first_sentence(answer)
    citation = answer.citations[0]
    assert citation.doc_number == "嘉经〔2022〕14号" and "节能诊断" in citation.section
    assert citation.quote in answerer.index.texts[citation.doc_id]
    assert_numbers_are_quoted(answer)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question, figure",
    [
        ("嘉定区年综合能耗5000吨标准煤以上的单位什么时候前要启动能源审计？", "2022年8月底前"),
        ("嘉定区推动信息基础设施低碳改造的牵头部门是哪个？", "区科委"),
        ("青浦区2021年实际完成多少个公共充电桩？", "1000"),
        ("金山区“十三五”公共充电桩建设规模实际达到多少根？", "1385"),
        ("海宁市绿色制造工厂累计目标是多少家？", "9家"),
    ],
)
def test_deadlines_departments_achievements_and_table_cells(answerer, question, figure):
    answer = answerer.ask(question)
    assert answer.found and figure in first_sentence(answer), answer.answer
    assert_numbers_are_quoted(answer)


@pytest.mark.slow
def test_a_region_outside_the_corpus_is_refused_with_what_the_corpus_covers(answerer):
    answer = answerer.ask("苏州市要创建多少家绿色工厂？")
    assert not answer.found and not answer.citations
    assert "苏州市" in answer.answer and "嘉定区" in answer.answer
    assert not re.search(r"\d+家", answer.answer)


@pytest.mark.slow
def test_a_year_the_documents_do_not_cover_is_refused(answerer):
    answer = answerer.ask("嘉兴市2025年要创建多少家绿色工厂？")
    assert not answer.found and "2017—2019" in answer.answer


@pytest.mark.slow
def test_a_topic_the_region_does_not_address_is_refused(answerer):
    answer = answerer.ask("嘉定区新能源公交占比目标是多少？")
    assert not answer.found


@pytest.mark.slow
def test_a_district_figure_is_not_taken_from_a_neighbour(answerer):
    # 松江区 has no document; 上海市's plan names no 松江区 figure
    answer = answerer.ask("松江区要创建多少家绿色工厂？")
    assert not answer.found


@pytest.mark.slow
def test_two_regions_each_get_their_own_answer_and_citation(answerer):
    answer = answerer.ask("嘉定区和嘉兴市分别要创建多少家绿色工厂？")
    assert answer.found
    first = first_sentence(answer)
    assert "嘉定区" in first and "50家" in first and "嘉兴市" in first
    assert {c.doc_id for c in answer.citations} == {"000_3537c126d58e65da", "004_d5e1c319a3f67a30"}


@pytest.mark.slow
def test_a_thirteenth_plan_result_is_not_a_fourteenth_plan_target(answerer):
    target = answerer.ask("上海市“十四五”要创建多少家绿色设计示范企业？")
    past = answerer.ask("上海市“十三五”获得工信部授予的绿色设计示范企业有多少家？")
    assert "10家" in first_sentence(target)
    assert "3家" in first_sentence(past)


@pytest.mark.slow
@pytest.mark.parametrize("path", [SHARED_EVAL, ROOT / "tests" / "data" / "extra_qa.jsonl"], ids=["dev", "extra"])
def test_question_sets_meet_the_targets(answerer, path):
    if not path.exists():
        pytest.skip(f"{path} not present")
    summary = evaluate(answerer, load_questions(path), CORPUS).summary()
    assert summary["answer_accuracy"] >= 0.95, summary
    assert summary["first_sentence_accuracy"] >= 0.95, summary
    assert summary["citation_accuracy"] >= 0.95, summary
    assert summary["refusal_accuracy"] == 1.0, summary
    assert summary["recall_at_5"] >= 0.95, summary


def test_scoring_normalisation_matches_the_eval_readme():
    assert normalise_for_scoring("綠色 工廠\n５０家") == "绿色工厂50家"


@pytest.fixture(scope="module")
def province_answerer(tmp_path_factory, corpus_settings, e5):
    """The corpus index plus a generated provincial PDF whose targets are table cells."""
    import shutil

    from policyqa.app import ingest_paths, load_answerer
    from policyqa.settings import Settings
    from tests.pdfs import province_table_pdf

    root = tmp_path_factory.mktemp("province")
    shutil.copytree(corpus_settings.data_dir, root / "data", symlinks=True)
    settings = Settings.from_env(data_dir=root / "data", corpus_dir=CORPUS, embedding="e5")
    result = ingest_paths([province_table_pdf(root / "jiangsu.pdf")], settings, embeddings=e5)
    assert not result.errors and result.report.added == ["jiangsu"]
    return load_answerer(settings)


@pytest.mark.slow
@pytest.mark.parametrize("question, figure, row", [
    ("苏州市2024年新增工业光伏装机目标是多少？", "42", "苏州市"),
    ("南京市新增工业光伏装机累计目标是多少？", "75", "南京市"),
    ("江苏省2025年新增工业光伏装机合计多少万千瓦？", "104", "合计"),
    ("江苏省2023年第三季度全省并网容量是多少？", "21", "全省并网容量"),
])
def test_a_table_cell_is_read_by_its_row_label_and_column(province_answerer, question, figure, row):
    answer = province_answerer.ask(question)
    assert answer.found, answer.answer
    first = first_sentence(answer)
    assert figure in first and "万千瓦" in first
    assert row in answer.citations[0].quote and figure in answer.citations[0].quote


@pytest.mark.slow
def test_a_city_without_its_own_document_is_answered_from_its_row_in_the_province_plan(province_answerer):
    answer = province_answerer.ask("无锡市2025年新增工业光伏装机目标是多少？")
    assert answer.found and "26" in first_sentence(answer)
    assert answer.citations[0].doc_id == "jiangsu" and "无锡市" in answer.citations[0].quote


@pytest.mark.slow
def test_markup_in_a_document_is_text_never_a_figure(index_copy, tmp_path, e5):
    from policyqa.app import ingest_paths, load_answerer

    doc = tmp_path / "markup.txt"
    doc.write_text("关于印发庚县绿色工厂培育方案的通知\n一、工作目标\n到2025年，<script>alert(1)</script>累计创建绿色工厂77家。\n",
                   encoding="utf-8")
    assert not ingest_paths([doc], index_copy, embeddings=e5).errors
    answer = load_answerer(index_copy).ask("庚县到2025年累计要创建多少家绿色工厂？")
    first = first_sentence(answer)
    assert answer.found and "77家" in first and "<" not in first and "1。" not in first
    assert "<script>alert(1)</script>" in answer.citations[0].quote  # quoted as printed


@pytest.mark.slow
def test_a_figure_glued_to_markup_is_stated_without_it(index_copy, tmp_path, e5):
    from policyqa.app import ingest_paths, load_answerer

    doc = tmp_path / "glued.txt"
    doc.write_text("关于印发辛县节能降碳方案的通知\n一、工作目标\n到2025年底,创建绿色工厂66家<script>alert('x')</script>,"
                   "新增光伏装机<b>12</b>万千瓦。\n二、重点任务\n全年完成节能诊断<span>30</span>项<br/>以上。\n", encoding="utf-8")
    assert not ingest_paths([doc], index_copy, embeddings=e5).errors
    answerer = load_answerer(index_copy)
    for question, figure in (("辛县到2025年底要创建多少家绿色工厂？", "66家"), ("辛县新增光伏装机多少万千瓦？", "12万千瓦"),
                             ("辛县全年完成节能诊断多少项？", "30项")):
        first = first_sentence(answerer.ask(question))
        assert figure in first and not re.search(r"alert|script|<|>|span", first), first


@pytest.mark.slow
def test_a_document_without_region_or_date_is_named_by_its_title(index_copy, tmp_path, e5):
    from policyqa.app import ingest_paths, load_answerer

    doc = tmp_path / "gengxian.txt"
    doc.write_text("庚县节能方案\n一、工作目标\n到2025年,创建绿色工厂77家,完成节能诊断40项。\n二、保障措施\n加强组织领导。\n",
                   encoding="utf-8")
    assert not ingest_paths([doc], index_copy, embeddings=e5).errors
    answerer = load_answerer(index_copy)
    assert answerer.index.documents["gengxian"].region == ""
    answer = answerer.ask("到2025年要创建多少家绿色工厂？", doc_ids=["gengxian"])
    assert answer.found and answer.answer.startswith("《庚县节能方案》：") and "77家" in first_sentence(answer)
    refusal = answerer.ask("庚县节能方案要求创建多少个零碳园区？")
    assert not refusal.found and not refusal.answer.startswith(("：", "文件中没有找到现有文件"))
    assert "（《庚县节能方案》，日期未知）" in refusal.answer and "，）" not in refusal.answer and "（）" not in refusal.answer
