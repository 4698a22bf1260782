"""The rules module: rule data checked against the documents, thresholds, cross-checks, determinism."""

import datetime as dt
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.assessment import Check
from rules.engine import ProfileError
from rules.loader import RuleError, load_rule_file, load_rules
from rules.service import ObligationService
from rules.units import UnitError, parse_energy
from tests.conftest import ROOT

AS_OF = dt.date(2022, 7, 1)
RULES = load_rules()


@pytest.fixture(scope="module")
def service(corpus_docs, gazetteer):
    return ObligationService(list(corpus_docs.values()), gazetteer)


def status(result, obligation_id):
    return next(r for r in result.obligations if r.id == obligation_id).status


@pytest.mark.parametrize("obligation", RULES, ids=[o.id for o in RULES])
def test_every_rule_quotes_its_document_verbatim(corpus_docs, obligation):
    doc = corpus_docs[obligation.source.doc_id]
    assert obligation.source.quote in doc.text
    assert obligation.source.section in [s.label for s in doc.sections]
    assert obligation.source.doc_number == doc.meta.doc_number


def test_rules_cover_every_document():
    assert {o.source.doc_id for o in RULES} == {p.stem for p in (ROOT / "corpus").glob("*.txt")}


@pytest.mark.parametrize(
    "text, problem",
    [
        ("document: {doc_id: d, doc_number: n}\nobligations:\n  - {id: a, action: x, binds: {regions: [嘉定区]}, strength: mandatory, source: {section: s, quote: q}, colour: red}\n", "unknown key(s) colour"),
        ("document: {doc_id: d, doc_number: n}\ndocument: {doc_id: e, doc_number: n}\nobligations: []\n", "duplicate key 'document'"),
        ("document: {doc_id: d, doc_number: n}\nobligations:\n  - {id: a, action: x, binds: {regions: [嘉定区]}, strength: mandatory, deadline: 2022-13-45, source: {section: s, quote: q}}\n", "malformed date"),
        ("document: {doc_id: d, doc_number: n}\nobligations:\n  - {id: a, action: x, binds: {regions: [嘉定区]}, strength: maybe, source: {section: s, quote: q}}\n", "strength"),
    ],
)
def test_the_loader_is_strict_and_names_the_file(tmp_path, text, problem):
    path = tmp_path / "bad_rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rule_file(path)
    assert "bad_rules.yaml" in str(info.value) and problem in str(info.value)


@pytest.mark.parametrize("text, tce", [("6000吨标准煤", 6000), ("0.5万吨标准煤", 5000), ("0.6万吨标煤", 6000),
                                        ("6000 tce", 6000), ("6000吨标煤", 6000), ("6000", 6000)])
def test_energy_units(text, tce):
    assert parse_energy(text) == tce


@pytest.mark.parametrize("text", ["abc吨", "-5吨标准煤", "5千瓦"])
def test_bad_energy_is_refused(text):
    with pytest.raises(UnitError):
        parse_energy(text)


@pytest.mark.parametrize("energy, audit, diagnosis", [
    ("4999吨标准煤", "not_applicable", "applies"),
    ("5000吨标准煤", "applies", "not_applicable"),
    ("0.5万吨标准煤", "applies", "not_applicable"),
    ("5001吨标准煤", "applies", "not_applicable"),
    ("1999吨标准煤", "not_applicable", "not_applicable"),
    ("2000吨标准煤", "not_applicable", "applies"),
])
def test_energy_thresholds_on_both_sides(service, energy, audit, diagnosis):
    result = service.evaluate(region="嘉定区", energy=energy, sector="工业", reports={"above_scale": True}, as_of=AS_OF)
    assert status(result, "jd-energy-audit") == audit
    assert status(result, "jd-energy-diagnosis") == diagnosis


@pytest.mark.parametrize("pue, applies, check", [(1.69, "not_applicable", None), (1.7, "applies", "fail"),
                                                 (1.71, "applies", "fail"), (1.8, "applies", "fail")])
def test_pue_line(service, pue, applies, check):
    result = service.evaluate(region="浦东新区", sector="数据中心", pue=pue, as_of=AS_OF)
    assert status(result, "sh-data-centre-pue") == applies
    checks = [c for c in result.checks if c.obligation_id == "sh-data-centre-pue"]
    assert [c.result for c in checks] == ([check] if check else [])


def test_a_district_inherits_its_city_and_never_another_district(service):
    result = service.evaluate(region="金山区", energy="6000吨标准煤", sector="工业", as_of=AS_OF)
    assert result.enterprise.regions == ("金山区", "上海市")
    assert status(result, "js-energy-management-system") == "applies"
    assert status(result, "sh-clean-production") == "applies"
    assert status(result, "jd-energy-audit") == "not_applicable"
    assert status(result, "jx-distributed-pv") == "not_applicable"
    haining = service.evaluate(region="海宁市", energy="6000吨标准煤", sector="工业", as_of=AS_OF)
    assert status(haining, "jx-distributed-pv") == "applies" and status(haining, "sh-clean-production") == "not_applicable"


def test_missing_facts_give_needs_info(service):
    result = service.evaluate(region="嘉定区", as_of=AS_OF)
    assert status(result, "jd-energy-audit") == "needs_info"
    assert "年综合能耗" in next(r for r in result.obligations if r.id == "jd-energy-audit").reason
    assert status(service.evaluate(energy="6000吨标准煤", sector="工业", as_of=AS_OF), "jd-energy-audit") == "needs_info"


def test_cross_check_diagnosis_plans(service):
    result = service.evaluate(region="嘉定区", energy="3000吨标准煤", reports={"diagnosis_plans": 1}, as_of=AS_OF)
    assert Check("jd-diagnosis-plans", "diagnosis_plans", 1, ">=2项", "fail") in result.checks
    passing = service.evaluate(region="嘉定区", energy="3000吨标准煤", reports={"diagnosis_plans": 2}, as_of=AS_OF)
    assert [c.result for c in passing.checks if c.field == "diagnosis_plans"] == ["pass"]


def test_cross_check_against_the_key_enterprise_list(service):
    result = service.evaluate(name="上海凯波电缆特材股份有限公司", energy="3000吨标准煤", as_of=AS_OF)
    assert result.enterprise.region == "嘉定区" and result.enterprise.tier == "年综合能耗5000吨标准煤以上"
    check = next(c for c in result.checks if c.obligation_id == "key-enterprise-list")
    assert check.result == "fail" and check.reported == 3000


def test_a_listed_name_alone_gives_region_and_tier(service):
    result = service.evaluate(name="上海暖丰保温材料有限公司", sector="工业", reports={"above_scale": True}, as_of=AS_OF)
    assert result.enterprise.region == "嘉定区"
    assert status(result, "jd-energy-diagnosis") == "applies"
    assert status(result, "jd-energy-audit") == "not_applicable"
    assert len(service.listed) == 149


def test_a_listed_company_is_not_asked_the_sector_its_list_already_gives(service):
    """嘉定区's list is of 工业和通信业 enterprises: the audit duty of 工业和通信业 units applies unasked;
    a duty of one of the two sectors only still needs the sector."""
    result = service.evaluate(name="上海凯波电缆特材股份有限公司", as_of=AS_OF)
    audit = next(r for r in result.obligations if r.id == "jd-energy-audit")
    assert audit.status == "applies" and "名单范围（工业、通信）" in audit.reason
    assert all("需提供行业（适用：工业、通信）" not in r.reason for r in result.obligations)
    assert service.listed[0].sectors == ("工业", "通信")


def test_an_unknown_name_is_fine(service):
    result = service.evaluate(name="某某新材料有限公司", region="嘉定区", energy="6000吨标准煤", sector="工业", as_of=AS_OF)
    assert result.enterprise.tier is None and status(result, "jd-energy-audit") == "applies"


def test_unknown_region_is_an_error(service):
    with pytest.raises(ProfileError, match="unknown region"):
        service.evaluate(region="火星区", as_of=AS_OF)


def test_deadlines_and_overdue(service):
    early = service.evaluate(region="嘉定区", energy="6000吨标准煤", sector="工业", as_of=dt.date(2022, 8, 1))
    late = service.evaluate(region="嘉定区", energy="6000吨标准煤", sector="工业", as_of=dt.date(2022, 9, 1))
    audit = lambda r: next(o for o in r.obligations if o.id == "jd-energy-audit")  # noqa: E731
    assert audit(early).deadline == "2022-08-31" and not audit(early).overdue and audit(late).overdue


@settings(max_examples=60, deadline=None)
@given(low=st.floats(min_value=0, max_value=50000), extra=st.floats(min_value=0, max_value=50000),
       region=st.sampled_from(["嘉定区", "青浦区", "金山区", "浦东新区", "南湖区", "嘉兴市"]),
       sector=st.sampled_from(["工业", "通信", "数据中心", "商业"]))
def test_raising_energy_never_removes_a_threshold_obligation(service, low, extra, region, sector):
    before = service.evaluate(region=region, energy=low, sector=sector, as_of=AS_OF)
    after = service.evaluate(region=region, energy=low + extra, sector=sector, as_of=AS_OF)
    threshold_ids = {o.id for o in service.obligations if o.binds.energy_tce and o.binds.energy_tce.max is None}
    for oid in threshold_ids:
        if status(before, oid) == "applies":
            assert status(after, oid) == "applies", oid


@pytest.mark.slow
def test_same_input_same_bytes(corpus_settings):
    args = [sys.executable, "-m", "policyqa", "obligations", "--name", "上海凯波电缆特材股份有限公司", "--energy", "3000吨标准煤",
            "--report", "diagnosis_plans=1", "--as-of", "2022-07-01", "--json", "--data-dir", str(corpus_settings.data_dir)]
    first = subprocess.run(args, capture_output=True, timeout=120, cwd=ROOT)
    second = subprocess.run(args, capture_output=True, timeout=120, cwd=ROOT)
    assert first.returncode == 0, first.stderr.decode()
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert set(data) >= {"enterprise", "obligations", "checks"}
    assert set(data["enterprise"]) == {"name", "region", "regions", "annual_energy_tce", "tier", "sector",
                                       "emissions_tco2e", "key_emitter", "applicant"}
    assert set(data["obligations"][0]) == {"id", "action", "deadline", "deadline_text", "status", "reason", "strength",
                                           "lead_department", "overdue", "reviewed", "source"}
    assert set(data["obligations"][0]["source"]) == {"doc_id", "doc_number", "section", "quote"}


@pytest.mark.slow
@pytest.mark.parametrize("args, message", [
    (["--region", "火星区"], "unknown region"),
    (["--energy", "abc吨"], "cannot read annual energy"),
    (["--energy", "-5吨标准煤"], "cannot be negative"),
    (["--region", "嘉定区", "--report", "diagnosis_plans=-1"], "cannot be negative"),
    (["--region", "嘉定区", "--report", "colour=red"], "unknown field"),
    # nan passes every comparison and is not JSON; inf is no measurement
    (["--region", "浦东新区", "--sector", "数据中心", "--pue", "nan"], "PUE nan is impossible"),
    (["--region", "浦东新区", "--sector", "数据中心", "--pue", "inf"], "PUE inf is impossible"),
    (["--region", "嘉定区", "--report", "diagnosis_plans=nan"], "expected a finite number"),
])
def test_bad_input_exits_2_with_a_clear_message(corpus_settings, args, message):
    proc = subprocess.run([sys.executable, "-m", "policyqa", "obligations", *args, "--json",
                           "--data-dir", str(corpus_settings.data_dir)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_fields_lists_the_report_fields(corpus_settings):
    proc = subprocess.run([sys.executable, "-m", "policyqa", "obligations", "--fields"], capture_output=True, text=True)
    assert proc.returncode == 0 and "diagnosis_plans" in proc.stdout and "pue" in proc.stdout


@pytest.mark.slow
def test_the_chat_answers_an_enterprise_with_the_rules(assistant):
    answer = assistant.ask("我们是嘉定区年能耗6000吨标准煤的工业企业，需要做什么？", as_of=AS_OF)
    assert answer.found and "规则模块" in answer.answer
    applies_part = answer.answer.split("需补充信息（")[0]
    assert "启动能源审计" in applies_part
    assert "规上企业启动节能诊断" not in applies_part  # 6000 tce is above the 2000-5000 diagnosis band
    ids = {c.quote for c in answer.citations}
    audit = next(o for o in RULES if o.id == "jd-energy-audit")
    assert audit.source.quote in ids
    for citation in answer.citations:
        assert citation.quote in assistant.answerer.index.texts[citation.doc_id]


def test_the_key_enterprise_threshold_comes_from_the_document_that_sets_it(service, corpus_docs):
    """嘉定区's plan sets 2000吨标煤以上 and uses 嘉定区's list; 嘉兴市's plan sets no threshold, so
    energy alone does not make an enterprise one of its key enterprises."""
    jd = next(o for o in service.obligations if o.id == "jd-plan-submission")
    assert jd.key_enterprises.energy_tce.min == 2000 and jd.key_enterprises.lists == ("嘉定区",)
    for rule in service.obligations:  # every threshold is quoted from the document that sets it
        if rule.key_enterprises is not None:
            assert rule.key_enterprises.quote in corpus_docs[rule.source.doc_id].text, rule.id
    small = service.evaluate(region="嘉定区", energy="1500吨标准煤", as_of=AS_OF)
    plan = next(r for r in small.obligations if r.id == "jd-plan-submission")
    assert plan.status == "not_applicable" and "不符合重点用能企业≥2000吨标准煤" in plan.reason
    jx = next(o for o in service.obligations if o.binds.listed and "嘉兴市" in o.binds.regions)
    big = service.evaluate(region="嘉兴市", energy="9000吨标准煤", as_of=AS_OF)
    row = next(r for r in big.obligations if r.id == jx.id)
    assert row.status == "needs_info" and "需提供企业名称（文件所在地区重点用能企业名单）" in row.reason
