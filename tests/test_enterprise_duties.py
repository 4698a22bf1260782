"""Enterprises on documents nobody described (issue 40): the obligations a compliance officer can act
on, drafted from two notices written for these tests (tests/pdfs.py), not copies of real ones. Each
profile gets its own duties with their own deadlines, and nothing else: no formula note, no
coefficient rule, no aim of the government, no task of a department or a verifier, no duty of
another sector, and never the notice's own date as a deadline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policyqa.app import ingest_paths
from policyqa.settings import Settings
from rules.duties import duty_time, subject_of
from tests.conftest import CORPUS
from tests.pdfs import emission_report_notice_pdf, quota_allocation_pdf, schedule_notice_pdf


@pytest.fixture(scope="module")
def notices(tmp_path_factory, e5):
    folder = tmp_path_factory.mktemp("enterprise-duties")
    quota_allocation_pdf(folder / "quota.pdf")
    emission_report_notice_pdf(folder / "report.pdf")
    schedule_notice_pdf(folder / "schedule.pdf")
    settings = Settings.from_env(data_dir=tmp_path_factory.mktemp("enterprise-duties-data"), corpus_dir=CORPUS,
                                 embedding="e5")
    result = ingest_paths([folder], settings, embeddings=e5, embed=False)
    assert not result.errors, result.errors
    return settings


def obligations(settings, *args) -> dict:
    run = subprocess.run([sys.executable, "-m", "policyqa", "obligations", "--include-drafts", "--json",
                          "--data-dir", str(settings.data_dir), *args], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def quotes(result: dict, status: str, doc_id: str) -> dict[str, dict]:
    return {row["source"]["quote"]: row for row in result["obligations"]
            if row["status"] == status and row["source"]["doc_id"] == doc_id}


def test_a_plant_above_the_threshold_gets_the_surrender_in_the_cover_letter_and_the_yearly_report(notices):
    result = obligations(notices, "--region", "湖南省", "--energy", "8000吨标准煤", "--sector", "水泥",
                         "--as-of", "2023-02-01")
    applies = quotes(result, "applies", "quota")
    scope = "全省年综合能源消费量5000吨标准煤及以上的工业企业纳入配额管理。"
    assert set(applies) == {
        "请各纳入配额管理的企业于2023年6月30日前,通过用能权注册登记系统完成2022年度配额清缴。",
        "纳入配额管理的企业应于每年3月31日前,向省发展改革委报送上年度能源消费报告。",
        scope,
    }, applies
    assert "5000吨标准煤及以上" in applies[scope]["action"] and applies[scope]["deadline"] is None
    surrender = applies["请各纳入配额管理的企业于2023年6月30日前,通过用能权注册登记系统完成2022年度配额清缴。"]
    assert surrender["deadline"] == "2023-06-30" and not surrender["overdue"]
    report = applies["纳入配额管理的企业应于每年3月31日前,向省发展改革委报送上年度能源消费报告。"]
    assert report["deadline"] == "annual" and report["lead_department"] == "省发展改革委"
    assert all("2023-01-10" != row["deadline"] for row in result["obligations"])
    assert not quotes(result, "needs_info", "quota")


def test_a_plant_below_the_threshold_is_not_covered_by_the_scheme(notices):
    result = obligations(notices, "--region", "湖南省", "--energy", "3000吨标准煤", "--sector", "水泥",
                         "--as-of", "2023-02-01")
    assert not quotes(result, "applies", "quota")
    reasons = [row["reason"] for row in result["obligations"] if row["source"]["doc_id"] == "quota"]
    assert reasons and all("5000" in reason for reason in reasons), reasons


def test_a_power_plant_gets_its_report_its_monthly_testing_and_a_duty_without_a_date(notices):
    result = obligations(notices, "--region", "株洲市", "--sector", "发电", "--emissions", "3万吨二氧化碳",
                         "--as-of", "2023-03-01")
    applies = quotes(result, "applies", "report")
    assert set(applies) == {
        "重点排放单位应于2023年3月31日前,通过管理平台提交2022年度温室气体排放报告。",
        "发电行业重点排放单位还应在每月结束后的40日内,上传燃煤元素碳含量检测报告。",
        "重点排放单位应当配合核查,如实提供有关资料。",
    }, applies
    assert applies["重点排放单位应于2023年3月31日前,通过管理平台提交2022年度温室气体排放报告。"]["deadline"] == "2023-03-31"
    monthly = applies["发电行业重点排放单位还应在每月结束后的40日内,上传燃煤元素碳含量检测报告。"]
    assert monthly["deadline"] == "monthly" and monthly["deadline_text"] == "40日内"
    assert applies["重点排放单位应当配合核查,如实提供有关资料。"]["deadline"] is None  # not the notice's date
    airlines = quotes(result, "not_applicable", "report")
    assert list(airlines) == ["民航企业应于2023年4月30日前报送航空器排放数据。"]
    everything = {row["source"]["quote"] for row in result["obligations"]}
    assert not any("生态环境局应" in q or "核查机构应当" in q for q in everything)


def test_the_plain_text_says_when_a_duty_has_no_date(notices):
    run = subprocess.run([sys.executable, "-m", "policyqa", "obligations", "--include-drafts", "--region", "株洲市",
                          "--sector", "发电", "--emissions", "30000", "--as-of", "2023-03-01",
                          "--data-dir", str(notices.data_dir)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    line = next(l for l in run.stdout.splitlines() if "配合核查" in l and l.startswith("-"))
    assert "文件未写明期限" in line and "【未审核】" in line


def test_a_small_emitter_is_outside_the_scheme_and_an_unknown_one_is_asked(notices):
    small = obligations(notices, "--region", "株洲市", "--sector", "发电", "--emissions", "1万吨二氧化碳",
                        "--as-of", "2023-03-01")
    assert not quotes(small, "applies", "report")
    unknown = obligations(notices, "--region", "株洲市", "--sector", "发电", "--as-of", "2023-03-01")
    assert not quotes(unknown, "applies", "report")
    assert any("年排放量" in row["reason"] for row in quotes(unknown, "needs_info", "report").values())


def test_a_sector_nobody_knows_is_refused_with_the_ones_that_exist(notices):
    run = subprocess.run([sys.executable, "-m", "policyqa", "obligations", "--sector", "炼丹", "--data-dir",
                          str(notices.data_dir)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 2 and "炼丹" in run.stderr and "发电" in run.stderr and "水泥" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(("clause", "kind"), [
    ("纳入配额管理的单位分立的,应当于分立后15日内报市生态环境主管部门审定。", "key_emitter"),
    ("在配额分配方案制定过程中,市生态环境主管部门应当听取企业意见。", "government"),
    ("第三方核查机构及其工作人员应当独立、公正地开展核查。", "agency"),
    ("3月9日(周三)17:00前,项目申报单位须完成网上申报。", "applicant"),
    ("经市生态环境局审定的企业应当按时清缴配额。", "enterprise"),
    ("配额不足的,应通过交易平台购买补足。", ""),
    ("各地市、各有关部门和单位要围绕宣传重点开展活动。", "government"),
    ("将按重点排放单位2020年度核发配额的70%预分配配额。", ""),
    ("建筑物的所有权人或者使用人应当实施建筑能耗分项计量。", "enterprise"),
    ("申报单位应对申报材料的真实性负责。", "applicant"),
])
def test_the_subject_before_the_modal_word_says_whose_duty_it_is(clause, kind):
    assert subject_of(clause).kind == kind


@pytest.mark.parametrize(("clause", "deadline", "recurrence", "text"), [
    ("3月9日(周三)17:00前,项目申报单位须完成网上申报。", "2022-03-09", None, None),
    ("履约清缴截止日期为2021年11月20日。", "2021-11-20", None, None),
    ("于2022年6月30日上传核查报告。", "2022-06-30", None, None),
    ("纳入配额管理的单位分立的,应当于分立后15日内报送。", None, None, "15日内"),
    ("企业应于每年4月30日前报送上年度排放报告。", None, "annual", None),
    ("重点排放单位应当配合核查。", None, None, None),
])
def test_a_duty_keeps_its_own_time(clause, deadline, recurrence, text):
    time = duty_time(clause, 2022)
    assert (time.deadline, time.recurrence, time.text) == (deadline, recurrence, text)


def test_the_review_table_shows_a_duty_s_own_time_and_reads_it_back():
    from rules.review_table import COLUMNS, read_rows, rows_of

    source = {"section": "二", "quote": "q"}
    draft = {"obligations": [
        {"id": "d-o1", "action": "按月上传检测报告", "binds": {"regions": ["株洲市"]}, "recurrence": "monthly",
         "deadline_text": "40日内", "strength": "mandatory", "source": source},
        {"id": "d-o2", "action": "分立后报告", "binds": {"regions": ["株洲市"]}, "deadline_text": "分立后15日内",
         "strength": "mandatory", "source": source},
        {"id": "d-o3", "action": "配合核查", "binds": {"regions": ["株洲市"]}, "strength": "mandatory", "source": source}],
        "entitlements": []}
    table = rows_of(draft)
    at = COLUMNS.index("截止日期")
    assert [row[at] for row in table] == ["每月", "分立后15日内", ""]
    table[2][at] = "每年"
    _, _, edited = read_rows(draft, table)
    assert edited["d-o1"]["recurrence"] == "monthly" and "deadline" not in edited["d-o1"]
    assert edited["d-o2"]["deadline_text"] == "分立后15日内" and "deadline" not in edited["d-o2"]
    assert edited["d-o3"]["recurrence"] == "annual"


def test_the_chat_answers_a_plant_describing_itself_from_marked_drafts(notices):
    import datetime as dt

    from policyqa.app import load_assistant

    assistant = load_assistant(notices)
    answer = assistant.ask("我们是湖南省的水泥厂，年耗能8000吨标煤，有哪些义务、什么时候到期？", as_of=dt.date(2023, 2, 1))
    assert answer.found and "未经人审核" in answer.answer
    duties = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert any("配额清缴" in line and "2023-06-30" in line and "【未审核】" in line for line in duties), duties
    assert not any("基准值" in line or "调整系数" in line or "13.5%" in line for line in duties), duties
    texts = {doc_id: assistant.answerer.index.texts[doc_id] for doc_id in ("quota", "report")}
    assert answer.citations and all(c.quote in texts[c.doc_id] for c in answer.citations)


def test_a_firm_named_in_a_district_list_is_placed_in_that_district_not_in_the_city_its_name_holds(
        gazetteer, corpus_docs):
    from rules.engine import build_profile, decide
    from rules.enterprises import listed_enterprises
    from rules.intake import profile_from_text
    from rules.loader import load_rules

    said = profile_from_text("我们是上海暖丰保温材料有限公司，规上企业，需要做什么？", gazetteer)
    assert said["name"] == "上海暖丰保温材料有限公司" and "region" not in said
    assert "name" not in profile_from_text("我们是湖南省的水泥厂，有哪些义务？", gazetteer)
    listed = listed_enterprises(list(corpus_docs.values()))
    profile = build_profile(gazetteer, listed, name="上海暖丰保温材料有限公司", region="上海市",
                            reports={"above_scale": True})
    assert profile.region == "嘉定区" and profile.tier == "年综合能耗2000-5000吨标准煤"
    diagnosis = next(r for r in load_rules() if r.id == "jd-energy-diagnosis")  # the plan's duty for that band
    assert decide(diagnosis, profile).status == "applies"
    audit = next(r for r in load_rules() if r.id == "jd-energy-audit")  # 5000 and above: the band is below it
    assert decide(audit, profile).status == "not_applicable"


def test_a_long_action_is_cut_at_a_clause_never_inside_its_threshold():
    from rules.draft import ACTION_CHARS, _action

    text = ("第三条纳入范围为电力、钢铁、化工、石化、有色、民航、建材、造纸、陶瓷等9大行业中,2013年至2020年中任意一年的"
            "年综合能源消费总量达5000吨标准煤以上(含)的企业法人单位或独立核算单位,以及经省生态环境厅认定需要纳入"
            "管理的其他单位,其名单由省生态环境厅另行公布并动态调整。")
    action = _action(text)
    assert "5000吨标准煤以上(含)" in action and action.endswith("…") and not action.startswith("第三条")
    assert len(_action(text[:ACTION_CHARS])) <= ACTION_CHARS


def test_a_schedule_table_gives_the_key_emitters_their_rows_and_no_one_else_s(notices):
    result = obligations(notices, "--region", "株洲市", "--key-emitter", "--as-of", "2023-02-15")
    rows = {row["action"]: row["deadline"] for row in result["obligations"]
            if row["source"]["doc_id"] == "schedule" and row["status"] == "applies"}
    assert rows == {"提交2022年度温室气体排放报告，2023年3月31日前，重点排放单位": "2023-03-31",
                    "完成2022年度配额清缴，2023年12月31日前，重点排放单位": "2023-12-31"}, rows


def test_the_items_of_a_list_of_duties_are_the_duties_of_the_unit_its_lead_in_names(gazetteer):
    from ingest.pipeline import parse_text
    from rules.draft import draft_rules

    text = ("株洲市重点排放单位碳排放报告管理办法\n第一章 总则\n第一条 为规范碳排放报告管理,制定本办法。\n第二章 报告义务\n"
            "第五条 重点排放单位应当履行下列义务:\n(一)建立碳排放数据质量控制制度,明确专人负责;\n"
            "(二)每年3月31日前报送上一年度碳排放报告;\n(三)保存原始记录和台账不少于五年;\n(四)配合核查机构开展核查。\n"
            "第六条 市生态环境局应当履行下列职责:\n(一)组织开展报告核查;\n(二)公开重点排放单位名单。\n"
            "第八条 有下列情形之一的,由市生态环境局责令限期改正:\n(一)重点排放单位未按时报送排放报告的;\n"
            "(二)重点排放单位虚报、瞒报排放数据的。\n")
    drafted = draft_rules(parse_text("duties", text, gazetteer))["obligations"]
    assert [o["action"] for o in drafted] == ["建立碳排放数据质量控制制度,明确专人负责;", "每年3月31日前报送上一年度碳排放报告;",
                                              "保存原始记录和台账不少于五年;", "配合核查机构开展核查。"]
    assert all(o["binds"].get("key_emitter") and o["strength"] == "mandatory" for o in drafted)
    assert drafted[1]["recurrence"] == "annual" and "deadline" not in drafted[0]


WILD2 = Path(__file__).resolve().parent.parent.parent / "shared" / "wild2" / "pdf"
WILD2_GOLD = Path(__file__).resolve().parent / "data" / "rules_gold" / "wild2"
# Floors a little below the figures measured when they were set (docs/benchmarks.md, issue 40). The
# held-out half was written by a helper from the documents alone and is only ever scored as a whole.
# The tune floor for recall fell from 0.82 when seven plans joined the tune half (0.724 measured with them).
WILD2_FLOORS = {"tune": {"recall": 0.68, "precision": 0.72}, "heldout": {"recall": 0.5, "precision": 0.58}}


@pytest.fixture(scope="module")
def wild2_gold_index(tmp_path_factory, e5):
    import yaml

    if not WILD2.is_dir():
        pytest.skip("../shared/wild2/pdf is not present")
    doc_ids = sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["document"]["doc_id"]
                     for p in WILD2_GOLD.glob("*/*.yaml"))
    settings = Settings.from_env(data_dir=tmp_path_factory.mktemp("wild2-gold"), corpus_dir=CORPUS, embedding="e5")
    result = ingest_paths([WILD2 / f"{doc_id}.pdf" for doc_id in doc_ids], settings, embeddings=e5, embed=False)
    assert not result.errors, result.errors
    from retriever.index import PolicyIndex

    return PolicyIndex.load(settings.index_dir)


@pytest.mark.slow
@pytest.mark.parametrize("split", sorted(WILD2_FLOORS))
def test_drafts_against_the_wild2_gold_of_duties(wild2_gold_index, split):
    """Every gold quote is in its document's normalised text, and the drafts of each half stay at
    least as good as when the floors were set (duties only, as the wild2 guide counts them)."""
    import yaml

    from bench.draft_score import find_quote, score_gold_folder

    for path in sorted((WILD2_GOLD / split).glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = wild2_gold_index.document(gold["document"]["doc_id"]).text
        for kind in ("obligations", "entitlements"):
            for rule in gold.get(kind) or []:
                assert find_quote(text, rule["source"]["quote"]), (path.name, rule["id"])
    summary = score_gold_folder(WILD2_GOLD / split, wild2_gold_index.document, strengths=("mandatory",)).summary()
    for metric, floor in WILD2_FLOORS[split].items():
        assert summary[metric] >= floor, (split, summary)
