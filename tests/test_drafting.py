"""Drafting rules from a document, reviewing them, and claiming the support they describe."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.draft_score import find_quote, score_gold_folder
from ingest.pipeline import parse_text
from rules.draft import draft_rules, draft_yaml
from rules.loader import RuleError, load_rule_set

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "rules_gold"

SUBSIDY_RULE = """庚区节能减排专项资金管理办法
第一条 支持内容
(一)节能技术改造
1.企业实施节能技术改造项目的,按项目投资额的20%给予扶持。以上扶持最高不超过300万元。
2.对新建并网的分布式光伏项目,按项目装机容量给予每千瓦1000元的补贴。
3.获得国家级绿色工厂称号的企业,给予一次性奖励50万元。
第二条 管理要求
年综合能耗5000吨标准煤及以上的重点用能单位应于2023年9月底前完成能源审计。(牵头部门:区发展改革委)
鼓励年综合能耗1000吨标准煤以下的企业开展节能诊断。
"""


def test_a_draft_reads_amounts_caps_thresholds_deadlines_and_departments(gazetteer):
    doc = parse_text("gengqu", SUBSIDY_RULE, gazetteer)
    draft = draft_rules(doc)
    amounts = [e["amount"] for e in draft["entitlements"]]
    assert amounts == [
        {"kind": "share", "value": 20, "unit": "%", "basis": "investment_wan_yuan", "cap_wan_yuan": 300},
        {"kind": "rate", "value": 1000, "unit": "元/千瓦", "basis": "capacity_kw"},
        {"kind": "fixed", "value": 50, "unit": "万元"},
    ]
    audit, diagnosis = draft["obligations"]
    assert audit["binds"]["energy_tce"] == {"min": 5000, "min_inclusive": True}
    assert (audit["deadline"], audit["strength"], audit["lead_department"]) == ("2023-09-30", "mandatory", "区发展改革委")
    assert diagnosis["binds"]["energy_tce"] == {"max": 1000, "max_inclusive": True} and diagnosis["strength"] == "encouraged"
    for rule in draft["obligations"] + draft["entitlements"]:
        assert rule["reviewed"] is False and rule["source"]["quote"] in doc.text
    assert draft_yaml(draft_rules(parse_text("gengqu", SUBSIDY_RULE, gazetteer))) == draft_yaml(draft)


REGULATION = """江州市碳达峰碳中和促进条例
第十三条重点排放单位应当于每年3月31日前向市生态环境主管部门报送上一年度温室气体排放报告。
第十六条年综合能源消费量一万吨标准煤以上的重点用能单位应当设立能源管理岗位,并报市节能主管部门备案。
第十七条年综合能耗五千吨标准煤及以上的企业应当每五年开展一次能源审计。
第二十二条重点排放单位未按照规定报送排放报告的,由市生态环境主管部门责令限期改正,处一万元以上三万元以下罚款。
第二十三条违反本条例第十六条规定,未设立能源管理岗位的,由市节能主管部门责令改正。
"""


def test_a_regulation_s_thresholds_in_words_bind_and_its_penalties_are_no_duties(gazetteer):
    draft = draft_rules(parse_text("jiangzhou", REGULATION, gazetteer))
    actions = [o["action"] for o in draft["obligations"]]
    assert len(actions) == 3 and not any("罚款" in a or "违反" in a for a in actions), actions
    post, audit = draft["obligations"][1:]
    assert post["binds"]["energy_tce"] == {"min": 10000, "min_inclusive": True}  # 一万吨标准煤以上
    assert audit["binds"]["energy_tce"] == {"min": 5000, "min_inclusive": True}  # 五千吨标准煤及以上


PLAN = """江州市碳达峰实施方案
一、重点任务
(一)推动钢铁行业碳达峰。严禁钢铁行业新增产能,确保粗钢产量只减不增。
(二)推动大型活动碳中和。大型活动组织方要优先通过使用绿色建筑作为活动场地等方式主动减少碳排放。
二、政策保障
(一)完善经济政策。对符合条件的研发投入落实研发费用加计扣除政策。
(二)加强资金支持。支持园区内符合条件的项目争取省级节能减碳技术改造资金支持。
三、组织实施
(一)加强统筹协调。市碳达峰碳中和工作领导小组各成员单位要按照国家和本市有关要求,各司其职,形成合力。
(二)强化责任落实。各区人民政府是落实碳达峰工作的责任主体,要建立区级部门协作机制。
(三)狠抓工作落实。各区、市有关单位要制定实施年度工作计划,确保完成目标任务。
"""


def test_a_plan_binds_enterprises_by_its_bans_and_organisers_and_never_its_governments(gazetteer):
    draft = draft_rules(parse_text("plan", PLAN, gazetteer))
    duties = [o["action"] for o in draft["obligations"] if o["strength"] == "mandatory"]
    # a ban binds whoever would do what it names; an organiser is a subject a profile can be
    assert any("严禁钢铁行业新增产能" in a for a in duties) and any("组织方" in a for a in duties), duties
    # a leading group's members, a district government (the subject of 是…责任主体) and a list that
    # opens with a government set the governments' own tasks
    assert not any(word in a for a in duties for word in ("成员单位", "各区人民政府", "年度工作计划")), duties
    # support without an amount: relief for qualifying R&D, funds a qualifying project may seek
    supports = [e["source"]["quote"] for e in draft["entitlements"]]
    assert any("加计扣除" in q for q in supports) and any("资金支持" in q for q in supports), supports


CALL = """江州市江北区发展和改革局关于组织申报2023年度节能专项资金的通知
《江北区节能专项资金管理办法》已经区政府第十二次常务会议审议通过,现印发给你们,请认真贯彻执行。
一、申报条件
(一)申报单位须在江北区内依法注册登记、具有独立法人资格。
(二)申报单位应当于2023年5月31日前通过系统提交申报材料。
二、支持政策
(一)对经认定年均PUE不高于1.25的数据中心,优先纳入电力市场化交易用户范围。
(二)对符合绿色低碳要求的新建数据中心项目,在能耗指标上予以优先保障。
"""


def test_a_call_s_cover_letter_and_an_applicant_s_status_are_no_duties_and_its_priorities_are_support(gazetteer):
    draft = draft_rules(parse_text("call", CALL, gazetteer))
    duties = [o["source"]["quote"] for o in draft["obligations"] if o["strength"] == "mandatory"]
    assert duties == ["(二)申报单位应当于2023年5月31日前通过系统提交申报材料。"], duties
    supports = [e["source"]["quote"] for e in draft["entitlements"]]
    assert any("电力市场化交易" in q for q in supports) and any("优先保障" in q for q in supports), supports


def test_a_drafted_file_loads_and_a_bad_entitlement_names_the_file(gazetteer, tmp_path):
    path = tmp_path / "gengqu.yaml"
    path.write_text(draft_yaml(draft_rules(parse_text("gengqu", SUBSIDY_RULE, gazetteer))), encoding="utf-8")
    obligations, entitlements = load_rule_set(path)
    assert len(obligations) == 2 and len(entitlements) == 3 and not entitlements[0].reviewed
    path.write_text(path.read_text(encoding="utf-8").replace("kind: share", "kind: gift"), encoding="utf-8")
    with pytest.raises(RuleError, match="gengqu.yaml: entitlements\\[0\\] \\(gengqu-e1\\).amount.kind: 'gift'"):
        load_rule_set(path)


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "policyqa", *args], capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_drafts_apply_only_when_asked_and_reviewed_rules_always(index_copy, e5, tmp_path):
    from policyqa.app import ingest_paths

    source = tmp_path / "gengqu.txt"
    source.write_text(SUBSIDY_RULE.replace("庚区", "徐汇区"), encoding="utf-8")
    assert not ingest_paths([source], index_copy, embeddings=e5).errors
    data = str(index_copy.data_dir)
    assert run_cli("rules", "draft", "gengqu", "--save", "--data-dir", data).returncode == 0
    ask = ["obligations", "--region", "徐汇区", "--report", "investment_wan_yuan=2000", "--json", "--data-dir", data]
    plain = json.loads(run_cli(*ask).stdout)
    assert "entitlements" not in plain and all(r["reviewed"] for r in plain["obligations"])
    drafted = json.loads(run_cli(*ask, "--include-drafts").stdout)
    retrofit = next(e for e in drafted["entitlements"] if e["amount"] and e["amount"]["kind"] == "share")
    assert retrofit["amount_wan_yuan"] == 300 and "超过上限" in retrofit["calculation"] and not retrofit["reviewed"]
    assert "按项目投资额的20%给予扶持" in retrofit["source"]["quote"]
    text = run_cli(*ask[:-3], "--include-drafts", "--data-dir", data).stdout
    assert "【未审核】" in text and "300万元" in text
    review = run_cli("rules", "review", "gengqu", "--accept", "gengqu-e1", "--reject", "gengqu-e2", "--data-dir", data)
    assert review.returncode == 0 and "accepted 1, rejected 1, 3 still to review" in review.stdout
    reviewed = json.loads(run_cli(*ask).stdout)
    assert [e["id"] for e in reviewed["entitlements"]] == ["gengqu-e1"] and reviewed["entitlements"][0]["reviewed"]
    source.write_text(SUBSIDY_RULE.replace("庚区", "徐汇区") + "第三条 附则\n本办法自发布之日起施行。\n", encoding="utf-8")
    assert ingest_paths([source], index_copy, embeddings=e5).report.updated == ["gengqu"]
    again = json.loads(run_cli(*ask).stdout)  # a re-ingested document keeps its reviewed rules
    assert [e["id"] for e in again["entitlements"]] == ["gengqu-e1"]
    unknown = run_cli("rules", "draft", "nosuchdoc", "--data-dir", data)
    assert unknown.returncode == 1 and "not in the index: nosuchdoc" in unknown.stderr


# Floors a little below the figures measured when they were set (docs/benchmarks.md). The held-out
# gold was written by a helper from the documents alone and only ever scored as a whole.
FLOORS = {"tune": {"recall": 0.65, "precision": 0.65}, "heldout": {"recall": 0.47, "precision": 0.47}}


@pytest.mark.slow
@pytest.mark.parametrize("split", sorted(FLOORS))
def test_drafting_against_gold_written_by_reading_real_documents(wild_settings, split):
    from retriever.index import PolicyIndex

    index = PolicyIndex.load(wild_settings.index_dir)
    summary = score_gold_folder(GOLD / split, index.document).summary()
    for metric, floor in FLOORS[split].items():
        assert summary[metric] >= floor, (split, summary)


@pytest.mark.slow
def test_every_gold_quote_is_verbatim_and_two_annotators_mostly_agree(wild_settings):
    """The gold is data a test can trust: every quote is in its document, and a second person's
    reading of four tune documents agrees with the first well above what the drafter reaches."""
    import yaml

    from retriever.index import PolicyIndex

    index = PolicyIndex.load(wild_settings.index_dir)
    for path in sorted(GOLD.glob("*/*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = index.document(gold["document"]["doc_id"]).text
        for kind in ("obligations", "entitlements"):
            for rule in gold.get(kind) or []:
                assert find_quote(text, rule["source"]["quote"]), (path.name, rule["id"])
    agreement = score_gold_folder(GOLD / "tune", index.document, against=GOLD / "agreement").summary()
    assert agreement["recall"] >= 0.75 and agreement["precision"] >= 0.85, agreement


def test_drafting_recall_of_the_hand_written_corpus_rules(corpus_docs):
    summary = score_gold_folder(ROOT / "rules" / "data", corpus_docs.__getitem__).summary()
    # 0.606 before issue 40; three of the 33 are drafted otherwise now: a 街镇's report of its enterprises'
    # audits is the 街镇's task, putting a band of enterprises on a monitoring list is the district's, and
    # the 白名单's 豁免 and 政策倾斜 are support an enterprise can claim
    assert summary["recall"] >= 0.5, summary


def test_awards_by_level_are_one_entitlement_each_named_by_what_they_reward(gazetteer):
    text = ("某市绿色制造扶持办法\n第十条 绿色工厂\n1.扶持方向:支持获得国家、省、市绿色工厂称号。\n"
            "2.扶持标准:奖励,国家级奖励金额不超过100万元,省级奖励金额不超过50万元,市级奖励金额不超过30万元。\n")
    draft = draft_rules(parse_text("levels", text, gazetteer))
    assert [(e["purpose"], e["amount"]["value"]) for e in draft["entitlements"]] == [
        ("绿色工厂（国家级）", 100), ("绿色工厂（省级）", 50), ("绿色工厂（市级）", 30)]


def test_every_corpus_document_drafts_into_a_loadable_file_of_verbatim_quotes(corpus_docs, tmp_path):
    for doc_id, doc in corpus_docs.items():
        path = tmp_path / f"{doc_id}.yaml"
        path.write_text(draft_yaml(draft_rules(doc)), encoding="utf-8")
        obligations, entitlements = load_rule_set(path)
        assert obligations, doc_id
        assert all(r.source.quote in doc.text for r in [*obligations, *entitlements])


def test_a_review_table_edits_fields_and_a_cell_it_cannot_read_saves_nothing(gazetteer, tmp_path):
    from rules.review_table import COLUMNS, parse_range, read_rows, rows_of
    from rules.store import drafts_dir, read_draft, review, reviewed_dir, save_draft

    assert parse_range("≥5000") == {"min": 5000, "min_inclusive": True}
    assert parse_range("1000-5000") == {"min": 1000, "min_inclusive": True, "max": 5000, "max_inclusive": False}
    assert parse_range("<1000") == {"max": 1000, "max_inclusive": False} and parse_range("") is None
    save_draft(tmp_path, draft_rules(parse_text("gengqu", SUBSIDY_RULE, gazetteer)))
    draft = read_draft(tmp_path, "gengqu")
    table = rows_of(draft)
    assert [row[0] for row in table] == ["gengqu-o1", "gengqu-o2", "gengqu-e1", "gengqu-e2", "gengqu-e3"]
    column = {name: i for i, name in enumerate(COLUMNS)}
    before = (drafts_dir(tmp_path) / "gengqu.yaml").read_bytes()
    for name, cell, problem in (("能耗门槛（吨标准煤）", "五千吨", "gengqu-o1: 能耗门槛"), ("强度", "应当", "gengqu-o1: 强度"),
                                ("截止日期", "2023年9月底", "deadline: malformed date")):
        bad = [row[:] for row in table]
        bad[0][column["审核"]], bad[0][column[name]] = "接受", cell
        with pytest.raises(RuleError, match=problem):
            review(tmp_path, "gengqu", *read_rows(draft, bad))
        assert (drafts_dir(tmp_path) / "gengqu.yaml").read_bytes() == before
        assert not reviewed_dir(tmp_path).exists() or not any(reviewed_dir(tmp_path).iterdir())
    table[0][column["审核"]], table[0][column["能耗门槛（吨标准煤）"]] = "接受", "≥10000"
    table[2][column["审核"]], table[2][column["上限（万元）"]] = "接受", "250"
    table[3][column["审核"]] = "拒绝"
    table[4][column["金额"]] = "60万元"
    result = review(tmp_path, "gengqu", *read_rows(draft, table))
    assert result == {"accepted": ["gengqu-e1", "gengqu-o1"], "rejected": ["gengqu-e2"], "left": ["gengqu-e3", "gengqu-o2"]}
    obligations, entitlements = load_rule_set(reviewed_dir(tmp_path) / "gengqu.yaml")
    assert obligations[0].binds.energy_tce.min == 10000 and obligations[0].reviewed
    assert entitlements[0].amount.cap_wan_yuan == 250
    assert read_draft(tmp_path, "gengqu")["entitlements"][0]["amount"]["value"] == 60  # edits kept on a pending rule
