"""Questions about a document itself: its 文号, who issued it (several departments over several
heading lines), and the dates it gives about itself (issued, passed and by whom, approved, in force
from, valid until, an application window); answered from the metadata read at ingest, quoted from
the lines that print it. Built on documents written for these tests (tests/pdfs.py)."""

from __future__ import annotations

import re

import pytest

from ingest.readers import read_text
from policyqa.app import ingest_paths, load_answerer
from policyqa.settings import Settings
from tests.conftest import CORPUS
from tests.pdfs import (MINISTRIES, application_notice_pdf, joint_notice_pdf, ministries_notice_pdf, ministry_order_pdf,
                        printed_notice_pdf, regulation_pdf)


def _plain(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture(scope="module")
def asked(tmp_path_factory, e5):
    folder = tmp_path_factory.mktemp("document-asks")
    sources = {"order": ministry_order_pdf(folder / "order.pdf"), "joint": joint_notice_pdf(folder / "joint.pdf"),
               "regulation": regulation_pdf(folder / "regulation.pdf"),
               "application": application_notice_pdf(folder / "application.pdf"),
               "printed": printed_notice_pdf(folder / "printed.pdf"),
               "ministries": ministries_notice_pdf(folder / "ministries.pdf")}
    settings = Settings.from_env(data_dir=tmp_path_factory.mktemp("document-asks-data"), corpus_dir=CORPUS,
                                 embedding="e5")
    result = ingest_paths([folder], settings, embeddings=e5)
    assert not result.errors, result.errors
    return load_answerer(settings), {doc_id: _plain(read_text(path)) for doc_id, path in sources.items()}


def _quoted(answer, sources) -> str:
    assert all(_plain(c.quote) in sources[c.doc_id] for c in answer.citations)
    return "".join(_plain(c.quote) for c in answer.citations)


@pytest.mark.parametrize("question", [
    "《重点用能单位节能监察办法(试行)》的文号是什么？",
    "重点用能单位节能监察办法是以生态环境部第几号令公布的？",
])
def test_a_document_number_printed_over_two_lines_is_answered_and_quoted(asked, question):
    answerer, sources = asked
    answer = answerer.ask(question)
    assert answer.found and "第7号" in answer.answer.split("\n")[0]
    assert "第7号" in _quoted(answer, sources)


def test_a_document_without_a_number_says_so(asked):
    answerer, _ = asked
    answer = answerer.ask("江西省关于做好2023年重点用能单位节能工作的通知的文号是什么？")
    assert not answer.found and "没有印出文号" in answer.answer


def test_joint_issuers_over_two_heading_lines_are_all_named_and_quoted(asked):
    answerer, sources = asked
    answer = answerer.ask("江西这份重点用能单位节能工作的通知，除了发展改革委和工业和信息化厅，还有哪些部门联合印发？")
    assert answer.found
    for department in ("江西省生态环境厅", "江西省能源局"):
        assert department in answer.answer.split("\n")[0] and department in _quoted(answer, sources)


def test_nine_ministries_signing_one_a_line_are_all_issuers(asked):
    answerer, sources = asked
    assert answerer.index.documents["ministries"].issuer.split("、") == MINISTRIES
    answer = answerer.ask("发改环资〔2023〕951号是哪几个部门联合发的？")
    assert answer.found
    for ministry in MINISTRIES:
        assert ministry in answer.answer.split("\n")[0] and ministry in _quoted(answer, sources)


def test_one_province_in_a_question_is_no_place(asked):
    answerer, sources = asked
    answer = answerer.ask("城镇供热节能改造试点，一个省最多能推荐几个？")
    assert answer.found and "不超过3个" in answer.answer.split("\n")[0] and "不超过3个" in _quoted(answer, sources)


def test_a_question_for_issuer_and_date_gets_both(asked):
    answerer, sources = asked
    answer = answerer.ask("江西省关于做好2023年重点用能单位节能工作的通知是以哪些单位名义、在哪天印发的？")
    lines = answer.answer.split("\n")
    assert answer.found and "江西省能源局" in lines[0] and "2023年2月20日" in lines[1]
    assert "2023年2月20日" in _quoted(answer, sources)


def test_the_dates_a_document_gives_about_itself_are_read_with_their_words(asked):
    answerer, _ = asked
    dates = {d.kind: d for d in answerer.index.documents["regulation"].dates}
    assert dates["passed"].date == "2022-08-26" and dates["passed"].by.startswith("辛州市第九届人民代表大会常务委员会")
    assert dates["approved"].date == "2022-09-28" and "某省" in dates["approved"].by
    assert dates["effective"].date == "2023-01-01" and dates["issued"].date == "2022-10-10"
    assert "valid_until" not in dates  # "2015年6月1日施行的《…》同时废止" is another regulation's
    notice = {d.kind: d for d in answerer.index.documents["application"].dates}
    # the web page's 发布日期 is when it was put online; the notice's own 落款 is its date
    assert notice["issued"].date == "2023-03-03" and answerer.index.documents["application"].issuer == \
        "辛州市发展和改革委员会、辛州市工业和信息化局"
    assert (notice["window"].date, notice["window"].until) == ("2023-03-10", "2023-04-10")
    assert notice["effective"].date == "2023-03-03" and notice["valid_until"].date == "2026-03-02"
    assert notice["posted"].date == "2023-03-06"  # the page's own field, a date of its own


def test_the_day_a_notice_was_printed_is_a_date_of_its_own(asked):
    printed = {d.kind: d for d in asked[0].index.documents["printed"].dates}
    assert printed["issued"].date == "2023-04-08"
    assert printed["printed"].date == "2023-04-12" and printed["printed"].by == "辛州市人民政府办公室"


@pytest.mark.parametrize("question, said", [
    ("辛州市节约能源条例是哪天由哪次会议通过的？", "2022年8月26日"),
    # the words of the date asked ("市人大常委会表决通过") name no document: the title still picks it
    ("辛州那个条例是哪天在市人大常委会全体会议上表决通过的？", "2022年8月26日"),
    ("辛州市节约能源条例经哪个机构批准？", "某省第十三届人民代表大会常务委员会"),
    ("辛州市节约能源条例从哪天起施行？", "2023年1月1日"),
    ("辛州市2023年度节能专项资金项目申报时间是什么时候？", "2023年3月10日至4月10日"),
    ("辛州市节能专项资金申报通知的有效期是多久？", "有效期3年"),
    # the day it was signed, printed (版记) or posted (a web page's own field) is the one the question asks
    ("辛州市人民政府关于印发公共机构节能降碳行动方案的通知是哪天印发的？", "2023年4月8日"),
    ("辛州市公共机构节能降碳行动方案的通知，市政府办公室是哪天印发的？", "2023年4月12日"),
    ("辛州市公共机构节能降碳行动方案的通知是哪天印发的（不是落款日期）？", "2023年4月12日"),
    ("辛州市2023年度节能专项资金项目的通知是哪天印发的？", "2023年3月3日"),
    ("辛州市节能专项资金申报通知，网上标的发布日期是哪天？（不是落款那个日子）", "2023-03-06"),
])
def test_a_date_the_document_gives_about_itself_is_answered_in_its_words(asked, question, said):
    answerer, sources = asked
    answer = answerer.ask(question)
    assert answer.found and said in answer.answer.split("\n")[0], answer.answer
    assert _plain(said) in _quoted(answer, sources)


def test_a_notice_asked_its_number_and_day_gets_both_or_says_what_is_not_printed(asked):
    answerer, sources = asked
    answer = answerer.ask("辛州市关于组织申报2023年度节能专项资金项目的通知是哪天发出的，文号是什么？")
    lines = answer.answer.split("\n")
    assert answer.found and "2023年3月3日" in lines[0] and "没有印出文号" in lines[1]
    assert "2023年3月3日" in _quoted(answer, sources)


def test_how_many_issued_a_document_is_answered_from_its_issuers_without_a_count_it_does_not_print(asked):
    answerer, sources = asked
    answer = answerer.ask("江西省关于做好2023年重点用能单位节能工作的通知是由几个部门联合印发的？")
    line = answer.answer.split("\n")[0]
    assert answer.found and "没有写明" in line and "江西省能源局" in line, answer.answer
    assert not re.search(r"\d", line.replace("2023", "")), line  # a count it would have made up
    assert "江西省能源局" in _quoted(answer, sources)


def test_a_notice_asked_its_own_date_that_it_does_not_print_says_so(tmp_path, e5):
    from tests.pdfs import undated_notice_pdf

    undated_notice_pdf(tmp_path / "undated.pdf")
    settings = Settings.from_env(data_dir=tmp_path / "data", corpus_dir=CORPUS, embedding="e5")
    assert not ingest_paths([tmp_path / "undated.pdf"], settings, embeddings=e5, embed=False).errors
    answer = load_answerer(settings).ask("辛州市科学技术局这份碳达峰碳中和科技专项申报通知是哪天印发的？")
    assert not answer.found and "没有印出印发日期" in answer.answer and "3月9日" not in answer.answer


def test_an_order_asked_when_it_was_promulgated_and_who_signed_it(asked):
    # 公布 asks the order's own date (its signature's, not the meeting's); the second question asks
    # about the document the first names ("…这部部令"), and 部长张三 is a post and its holder
    answerer, sources = asked
    answer = answerer.ask("重点用能单位节能监察办法(试行)这部部令是哪天公布的？签署的部长是谁？")
    lines = answer.answer.split("\n")
    assert answer.found and "2023年3月10日" in lines[0] and "张三" in lines[1], answer.answer
    assert "张三" in _quoted(answer, sources)


def test_a_window_whose_days_carry_their_hours_is_read_to_its_end():
    from ingest.document_dates import read_document_dates

    text = "二、申报时间\n网上申报时间为2024年4月15日9:00至2024年5月31日17:00,逾期系统自动关闭,不再受理。\n"
    window = next(d for d in read_document_dates(text) if d.kind == "window")
    assert (window.date, window.until) == ("2024-04-15", "2024-05-31") and window.text.endswith("5月31日17:00")


def test_the_term_a_document_gives_itself_is_told_from_a_quotas():
    from ingest.document_dates import read_document_dates

    text = ("(二)节余处理。结转量不超过节余量的50%,结转量有效期为1年。\n"
            "(二)本办法由省发展改革委负责解释,自2023年7月1日起施行,有效期2年。\n")
    until = next(d for d in read_document_dates(text, issued="2023-06-02") if d.kind == "valid_until")
    assert (until.date, until.text) == ("2025-06-30", "有效期2年")
