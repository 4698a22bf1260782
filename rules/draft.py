"""Draft obligations and entitlements from one parsed document, for a person to review.

Every sentence (and table row) is read once: one that promises money to those who qualify
(给予/奖励/补贴… with an amount) drafts an entitlement; one that tells enterprises or other units
what they must, should or are encouraged to do drafts an obligation. Fields are read from the
sentence and its numbered item: energy thresholds with their inclusiveness, sectors, deadline or
recurrence, strength, lead department, the amount rule (fixed sum, share of a basis, rate per
unit) and its cap. Nothing is guessed: a field the text does not give is left out, and every
drafted rule carries ``reviewed: false`` and its verbatim quote. The same document gives the same
draft, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ingest.chunking import split_sentences
from ingest.departments import DEPARTMENT_NOTE_RE, DEPARTMENT_PROSE_RE, DEPARTMENT_RE, issuing_department
from ingest.lexicon import comparators, convert, sectors_named, units, units_of_kind
from ingest.mentions import Mention, find_dates, find_quantities, number_value
from ingest.models import Block, Document
from ingest.tables import split_cells
from rules.duties import (NOT_AN_ACTION_RE, PROFILE_KINDS, clause_body, duty_time, emissions_range,
                          first_subject_kind, is_action, modal_of, subject_kind, subject_of)
from rules.model import AMOUNT_UNIT

SAVED_BEFORE_RE = re.compile(r"(?:节能量|节约|节省|节能)[^,，;；。\d]{0,4}$")
SUPPORT_RE = re.compile(r"给予|奖励|补贴|补助|资助|扶持|奖补|贴息|支持资金|予以支持|一次性支持")
CAP_BEFORE_RE = re.compile(r"(?:最高|最多|上限|封顶|累计|单个项目|每家企业|每个项目)?[^,，;；。]{0,12}?(?:不超过|不高于|最高|上限为?|封顶)$")
SHARE_RE = re.compile(r"(\d+(?:\.\d+)?)\s*%|1\s*[:：]\s*(\d+(?:\.\d+)?)")
SHARE_BASIS = (("节能量", "energy_saved_tce"), ("投资", "investment_wan_yuan"), ("支付", "payment_wan_yuan"),
               ("费用", "cost_wan_yuan"), ("售价", "price_wan_yuan"), ("市级", "municipal_subsidy_wan_yuan"),
               ("贷款", "loan_wan_yuan"), ("利息", "interest_wan_yuan"))
# the report field (rules/fields.py) a support rate multiplies, by the lexicon's normalised price unit
RATE_BASIS = {"元/千瓦时": "output_kwh", "元/千瓦": "capacity_kw", "元/吨标准煤": "energy_saved_tce", "元/吨": "tonnes",
              "元/平方米": "floor_area_m2", "元/台": "units"}
# "每千瓦时补贴0.2元", "0.2元/千瓦时": the lexicon's 元/X price units with a basis, by the X they divide by
RATE_PRICES = {u.name.split("/", 1)[1]: u for u in units().values()
               if u.kind == "price" and u.name.startswith("元/") and u.normalized in RATE_BASIS}
RATE_WORDS = "|".join(sorted(map(re.escape, RATE_PRICES), key=len, reverse=True))
RATE_RE = re.compile(rf"每({RATE_WORDS})[^,，;；。\d]{{0,6}}?(\d+(?:\.\d+)?)\s*(万元|元)|"
                     rf"(\d+(?:\.\d+)?)\s*元\s*/\s*({RATE_WORDS})")
# who an obligation is addressed to: enterprises and other units, not the government bodies that
# set the policy
ADDRESSEE_RE = re.compile(r"产能|装置|生产线|对象|企业|单位|用能|数据中心|项目|公共机构|工厂|园区|申报主体|申请人|业主|服务机构|法人|厂商|用户|主体")
STRENGTH_WORDS = (
    ("strive", re.compile(r"力争|争取")),
    ("encouraged", re.compile(r"鼓励|引导|倡导|提倡|推广|支持(?!资金)")),
    ("mandatory", re.compile(r"必须|须|应当|应|不得|严禁|禁止|要求|务必|一律|按照要求|按时|负责|实行")),
)
# what governments do about enterprises (keep a ledger of them, plan, fund, review, inspect) is their
# task, not the enterprises' duty
GOVERNMENT_TASK_RE = re.compile(r"台帐|台账|清单管理|动态清单|统筹|(?:完善|建立健全)[^,，。;；]{0,12}(?:政策|机制|体系|路径|制度)|加大[^,，。;；]{0,12}支持|"
                                r"倾斜支持|要素保障|示范工程|(?:制定|编制|出台|印发|研究)[^,，。;；]{0,10}(?:实施方案|工作方案)|以设区市为单位|以区县为单位|择优|评审|拨付|"
                                r"追回|公示|优先支持|予以支持|查处|执法|宣传推介|追究|责令|罚款|处罚|惩戒|曝光|金融机构|绿色金融|债券|争取中央|税收优惠|"
                                r"^(?:加强对|加大|遴选|评选|征集|充分发挥|发挥)|"
                                # "对未按时提交…的管控单位进行限期催告": what a body does to the units
                                r"对[^,，。;；]{0,40}(?:单位|企业)[^,，。;；]{0,4}(?:进行|予以|实施|依法)|"
                                # putting units under monitoring, approving projects, clearing up: a body's acts
                                r"将[^,，。;；]{0,40}(?:纳入|列入)[^,，。;；]{0,12}(?:监测|监管|平台|名单|范围)|核准|审批|排查整治")
# a sentence whose subject is a government body ("各项目主管部门…负责", "由主管部门负责收回") sets that
# body's task, not an enterprise's duty
GOVERNMENT_SUBJECT_RE = re.compile(r"^(?:[一二三四五六七八九十\d]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十百零]+条)?"
                                   r"(?:各|由)?(?:(?!应|须|需|要|接受|向|对|按|经|配合)[\u4e00-\u9fff、]){0,20}?"
                                   r"(?:委员会|管委会|人民政府|政府|部门|局|委|厅|办公室|领导小组|部(?=和|、|及|应|负责|会同)|"
                                   r"交易机构|登记机构)"
                                   r"|由[^,，。;；]{0,14}?(?:部门|局|委|厅|政府|领导小组)(?:负责|牵头|会同)")
# where a threshold ends: its unit and the word saying which side of it binds
THRESHOLD_END_RE = re.compile(r"\d+(?:\.\d+)?\s*(?:万)?\s*吨(?:标准煤|标煤|二氧化碳(?:当量)?)(?:\s*[(（][^()（）]{0,30}[)）])?(?:及以上|以上|以下|及以下)?")
ENERGY_RANGE_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:万)?\s*[-—~至到]\s*(\d+(?:\.\d+)?)\s*(万)?吨(?:标准煤|标煤)")
ABOVE_SCALE_RE = re.compile(r"规上|规模以上")
# conditions and descriptions of support, and a document's statement of purpose, are no duties
APPLICATION_RE = re.compile(r"申报条件|下列条件|以下条件|不列入|不予支持|扶持方向|支持方向|支持范围|扶持对象为|"
                            r"为指导|为规范|为进一步|为贯彻|为深入|为加快|依据《|根据《")
# a sentence that only caps what the one before gives
CAP_OF_PREVIOUS_RE = re.compile(r"^(?:以上|上述|前述|该项|此项|(?:每个|单个|每家|单家)[\u4e00-\u9fff]{0,6}?(?:项目|企业|单位))")
TERMINAL_RE = re.compile(r"[。；;！!？?]$")
WINDOW_RE = re.compile(r"(?:申报|受理|申请)(?:时间|期限|截止)")
ITEM_MARK = r"(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．])"
ITEM_LEAD_RE = re.compile(rf"^(?:{ITEM_MARK}|第[一二三四五六七八九十百]+条)\s*")
# sections that list what an applicant must meet or hand in: conditions of support, not duties
CONDITION_SECTION_RE = re.compile(r"(?:申报|申请|支持|扶持|资助|奖励|基本)条件|(?:申报|申请|提交|报送|所需)材料|材料要求|"
                                  r"不予支持|不予受理|支持范围|扶持对象|支持对象|适用范围")
# "(五)引导低效产能有序退出。": the title of a numbered item, not a clause of its own
ITEM_HEADING_RE = re.compile(rf"^{ITEM_MARK}[^,，;；:：]{{1,16}}[。.]?$")
AGGREGATE_RE = re.compile(r"总量|增量|浓度|优良率|比例|比重|占比")
CATEGORY_ITEM_RE = re.compile(r"^(?:\d+[、.]|[(（]\d+[)）])[^,，。]{2,30}类项目[,，]")
NOTE_RE = re.compile(r"^[(（]?注[:：]")
ENCOURAGED_RE = re.compile(r"鼓励|引导|倡导")
PURPOSES = ("绿色工厂", "绿色供应链", "绿色设计", "绿色园区", "绿色建筑", "超低能耗", "近零能耗", "节能改造", "技术改造",
            "技改", "能效", "光伏", "储能", "充电", "氢", "新能源汽车", "新能源", "能源审计", "节能诊断", "清洁生产",
            "碳排放核查", "碳核查", "碳中和", "能源管理", "合同能源管理", "循环经济", "资源综合利用", "领跑者",
            "示范", "节水", "环保", "低氮", "地源热泵", "热泵", "余热", "绿电", "碳普惠")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    block: Block
    # "第六条项目申报单位按照要求进行项目申报;按照要求开展绩效自评;…" — a clause after ； keeps the
    # subject of the clause that opened the sentence; an item under "…应履行下列义务:" keeps its lead-in
    opener: str = ""
    lead_in: str = ""


# "。(牵头部门:区发展改革委)" closes the sentence before it; the splitter leaves it at the next one's start
LEADING_NOTE_RE = re.compile(r"^\s*[(（][^()（）]{1,40}[)）]")


def _leading_note(text: str) -> int:
    """Length of a department note the sentence starts with, 0 when it starts with its own words."""
    note = LEADING_NOTE_RE.match(text)
    if note and (DEPARTMENT_RE.search(note.group()) or DEPARTMENT_NOTE_RE.fullmatch(note.group().strip())):
        return note.end()
    return 0


# "各设区市发展改革委,各有关企业:": whom a notice is sent to, not the lead-in of a list
SALUTATION_RE = re.compile(r"^各[^。;；:：]{1,80}[:：]$")


def sentences_of(doc: Document) -> list[Sentence]:
    """Every sentence of the document's paragraphs and every table row, in order, each with the
    clause that opened it and the lead-in of the list it is an item of."""
    out = []
    lead_ins: list[tuple[str, str]] = []  # (section label, sentence ending in ：) still in force
    for block in doc.blocks:
        label = block.section.label
        lead_ins = [(section, text) for section, text in lead_ins if label.startswith(section)]
        lead_in = lead_ins[-1][1] if lead_ins else ""
        if block.kind == "text":
            opener = ""
            for start, end in split_sentences(doc.text[block.start:block.end], block.start):
                start += _leading_note(doc.text[start:end])
                text = doc.text[start:end].strip()
                if not text:
                    continue
                start += doc.text[start:end].index(text)
                out.append(Sentence(start, end, text, block, opener, lead_in))
                if text[-1] in ";；":
                    opener = opener or text
                else:
                    opener = ""
                if text[-1] in ":：" and not SALUTATION_RE.match(text):
                    lead_ins.append((label, text))
                    lead_in = text
        else:
            out.append(Sentence(block.start, block.end, doc.text[block.start:block.end], block))
    return out


def meaning(mention: Mention) -> str:
    """at-least, at-most, more-than, about, strive or "" for the comparator word beside a figure."""
    entry = comparators().get(mention.comparator)
    return entry[1] if entry else ""


def _money(mention: Mention) -> float | None:
    """The mention's amount in 万元, by the lexicon's money units; None for any other unit."""
    unit = units().get(mention.unit)
    if unit is None or unit.kind != "money":
        return None
    value = number_value(mention.number)
    return round(value * unit.factor, 6) if value is not None else None


def read_amount(text: str) -> dict | None:
    """The amount rule of a support sentence: a rate per unit, a share of a basis or a fixed sum,
    with the cap ("最高不超过300万元") when one is stated."""
    sums, caps = [], []
    rate = RATE_RE.search(text)
    for mention in find_quantities(text):
        value = _money(mention)
        if value is None or (rate and rate.start() <= mention.start < rate.end()):
            continue  # not money, or the rate's own figure ("每平方米不超过10元")
        before = text[max(0, mention.start - 16):mention.start]
        is_cap = meaning(mention) == "at-most" or bool(CAP_BEFORE_RE.search(before))
        (caps if is_cap else sums).append(value)
    if rate:
        unit_word = rate.group(1) or rate.group(5)
        number = rate.group(2) or rate.group(4)
        price = RATE_PRICES[unit_word]  # 元/瓦 is 1000 元/千瓦
        value = convert(float(number), rate.group(3) or "元", "元") * price.factor
        unit = price.normalized
        amount = {"kind": "rate", "value": _number(value), "unit": unit, "basis": RATE_BASIS[unit]}
    else:
        share = next((m for m in SHARE_RE.finditer(text) if _share_value(m) <= 100), None)
        if share is not None and re.search(r"给予|按|补|奖|资助|扶持", text):
            before = text[:share.start()]
            basis = next((name for word, name in SHARE_BASIS if word in before[-40:]), "investment_wan_yuan")
            if share.group(2):  # "1:0.5" matches funds granted above, not an investment
                basis = "municipal_subsidy_wan_yuan"
            amount = {"kind": "share", "value": _number(_share_value(share)), "unit": "%", "basis": basis}
        elif sums:
            amount = {"kind": "fixed", "value": _number(sums[0]), "unit": AMOUNT_UNIT}
        elif caps:  # "奖励金额不超过50万元": at most that much, the cap is the amount a person reads
            amount = {"kind": "fixed", "value": _number(caps[0]), "unit": AMOUNT_UNIT, "cap_only": True}
            caps = []
        else:
            return None
    if caps and amount["kind"] != "fixed":
        amount["cap_wan_yuan"] = _number(max(caps))
    return amount


def _share_value(match: re.Match) -> float:
    if match.group(1):
        return float(match.group(1))
    return float(match.group(2)) * 100  # "1:0.5" matching: half of the basis


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 6)


def energy_range(text: str) -> dict | None:
    """The energy threshold a sentence sets, with explicit inclusiveness ("及以上"/"以上" include it)."""
    span = ENERGY_RANGE_RE.search(text)
    if span:
        factor = 10000 if span.group(3) else 1
        return {"min": _number(float(span.group(1)) * factor), "min_inclusive": True,
                "max": _number(float(span.group(2)) * factor), "max_inclusive": False}
    for mention in find_quantities(text):
        if mention.unit not in units_of_kind("energy") or SAVED_BEFORE_RE.search(text[:mention.start]):
            continue  # not energy, or energy saved ("年节能量30万吨标煤"), not the size of who is bound
        after = text[mention.end:mention.end + 4]
        if "/" in after[:1]:
            continue  # an intensity (吨标准煤/万元), not a size
        number = number_value(mention.number)
        if number is None:
            continue
        value = number * units()[mention.unit].factor  # in tce ("一万吨标准煤" is 10000)
        if meaning(mention) in ("at-least", "more-than"):
            return {"min": _number(value), "min_inclusive": meaning(mention) == "at-least"}
        if meaning(mention) == "at-most":
            return {"max": _number(value), "max_inclusive": mention.comparator != "以内"}
        if re.match(r"及?以上", after):
            return {"min": _number(value), "min_inclusive": True}
        if re.match(r"以下|及以下", after):
            return {"max": _number(value), "max_inclusive": True}
        if re.match(r"不足|以内", after):
            return {"max": _number(value), "max_inclusive": False}
    return None


# "报市生态环境主管部门审定", "向省生态环境厅报告": the body a duty is done for, who checks it
RECIPIENT_RE = re.compile(r"(?:向|报送?至?|提交至?|交至?|经)((?:国家|省|市|区|县)[\u4e00-\u9fff]{1,12}?(?:主管部门|委员会|局|委|厅))")


# "市生态环境主管部门将提请政府给予…帮助": the body that grants or acts
GRANTOR_RE = re.compile(r"((?:国家|省|市|区|县)[\u4e00-\u9fff]{1,12}?(?:主管部门|委员会|局|委|厅))(?:将|会同|负责|给予|予以)")


def department_of(doc: Document, sentence: Sentence) -> str | None:
    """The department that leads: the first one the sentence or its numbered item names (a list of
    责任单位 names the lead first), else the department that issued the document, else the one the
    duty is reported to."""
    found = _departments(doc, sentence)
    if found:
        return re.split(r"[、,，]", found)[0].strip() or None
    issuer = issuing_department(doc.meta.issuer, doc.meta.region)
    if issuer:
        return issuer
    named = RECIPIENT_RE.search(sentence.text) or GRANTOR_RE.search(sentence.text)
    return named.group(1) if named else None


def _departments(doc: Document, sentence: Sentence) -> str | None:
    for pattern in (DEPARTMENT_RE, DEPARTMENT_PROSE_RE):
        match = pattern.search(sentence.text)
        if match:
            return next(g for g in match.groups() if g).strip("、 ")
    section_text = doc.text[sentence.end:sentence.block.section.end]
    match = DEPARTMENT_RE.search(section_text[:400])
    if match:
        return match.group(1).strip()
    line_end = doc.text.find("\n", sentence.start)
    note = DEPARTMENT_NOTE_RE.search(doc.text, sentence.start, len(doc.text) if line_end < 0 else line_end)
    return note.group(1).strip("、") if note else None


# a plan's own voice ("推进年综合能耗5000吨标准煤及以上…单位启动能源审计") binds when it names who and by when
DIRECTED_RE = re.compile(r"(督促|要求|组织|推动|推进|指导)(?:各级|各类|全市|全省|全区|辖区|相关|有关|重点|本市|区内|市内)?"
                         r"(?:企业|用能单位|重点用能单位|公共机构|单位|数据中心|园区|工厂|项目单位)")
LIMIT_RE = re.compile(r"(?:不超过|不高于|不低于|控制在)\s*\d+(?:\.\d+)?(?![\d.]|\s*(?:万元|元|亿元|万))")
PLAN_VOICE_RE = re.compile(r"推进|推动|督促|组织|实施|开展|完成|落实|纳入|实现")


def strength_of(text: str) -> str | None:
    for strength, pattern in STRENGTH_WORDS:
        if pattern.search(text):
            return strength
    if PLAN_VOICE_RE.search(text) and (energy_range(text) or duty_time(text, None).deadline):
        return "mandatory"
    directed = DIRECTED_RE.search(text)
    if directed:  # "推动公共机构实施…改造", "督促重点用能单位…": the plan sets named units a task
        return "encouraged" if directed.group(1) == "指导" else "mandatory"
    if LIMIT_RE.search(text):  # "新建大型数据中心PUE值不超过1.3": a limit the addressee must keep
        return "mandatory"
    return None


BANS = ("严禁", "禁止", "不得")
# "纳管企业可使用…CCER进行配额清缴": a permission, not a duty
PERMISSION_RE = re.compile(r"(?<![不许认宁])可(?:以)?(?!再生|持续|靠|信|行|视化|控|比|追溯|操作|核查|预期|能)")


def duty_of(sentence: Sentence, previous_kind: str = "", document_kind: str = "") -> tuple[str, str] | None:
    """(strength, subject kind) of the duty a sentence sets an enterprise or other unit; None when it
    sets none: its subject is a government body or an agency, it states what something is rather
    than what to do, it grants a permission, it is a condition of support, an offence or a heading.

    A clause that names a unit before its modal word ("管控单位应按时提交…") is that unit's duty
    whatever else it mentions. A modal clause without a subject of its own ("配额不足的,应…") takes
    that of the clause that opened its sentence, of the sentence before it in its paragraph
    (``previous_kind``), of its list's lead-in, and last of the document (``document_kind``: the
    subject most of its modal clauses name). Other clauses keep the older reading: a sentence that
    addresses units (ADDRESSEE_RE) in a plan's voice."""
    text = sentence.text
    # a short numbered line is an item's title, unless it is an item of a list its lead-in opened
    heading = ITEM_HEADING_RE.match(text) and not sentence.lead_in
    if (len(text) < 30 and not TERMINAL_RE.search(text)) or heading or not is_action(text):
        return None
    if sentence.block.kind == "row":
        return _row_duty(text)
    modal = modal_of(text)
    kind = subject_of(text).kind
    if not kind and modal is None:  # "重点排放单位按期更新…": a unit named first acts
        kind = first_subject_kind(clause_body(text)[:8])
    # the clause itself names the unit that must act, before its modal word or first with a time of its own
    named = kind in PROFILE_KINDS and (modal is not None or _concrete(text, True))
    if not kind and modal is None and sentence.lead_in and modal_of(sentence.lead_in) is not None:
        # "(三)保存原始记录和台账不少于五年;" under "重点排放单位应当履行下列义务:"
        lead = subject_of(sentence.lead_in).kind
        if lead in PROFILE_KINDS:
            kind, named = lead, True
    context = [c for c in (sentence.opener, sentence.lead_in) if c]
    if any(APPLICATION_RE.search(c) or GOVERNMENT_SUBJECT_RE.search(c) or NOT_AN_ACTION_RE.search(c)
           or OFFENCE_LEAD_RE.search(c) for c in context):
        return None  # an item of a list of conditions, of a body's tasks or of offences
    if APPLICATION_RE.search(text) or SANCTION_RE.search(text):
        return None  # a condition of an application, or what befalls a unit that breaks a duty
    if not named and (GOVERNMENT_SUBJECT_RE.search(text) or GOVERNMENT_TASK_RE.search(text)):
        return None
    # a conditions section lists what a project or an enterprise must be; what it tells an applicant
    # or a key emitter to do ("项目申报单位须严格按照…进行申报") is still a duty
    if (not named or kind == "enterprise") and (CONDITION_SECTION_RE.search(sentence.block.section.label)
                                                or NOTE_RE.match(text)):
        return None
    if not named and ((AGGREGATE_RE.search(text) and not ADDRESSEE_RE.search(text)) or CATEGORY_ITEM_RE.match(text)):
        return None  # a region's total ("全市能源消费增量控制在450万吨"), or a kind of project a fund supports
    if not kind and modal is None and VERB_FIRST_RE.match(clause_body(text)) and previous_kind in PROFILE_KINDS:
        kind = previous_kind  # "(…起,)通过…机构对煤炭元素碳含量进行检测": the paragraph's unit goes on
    if not kind and modal is not None and modal.group() in BANS and not clause_body(text)[:modal.start()].strip(" ,，"):
        # "严禁钢铁行业新增产能", "禁止建设…项目": a ban binds whoever would do what it names
        if ADDRESSEE_RE.search(text[modal.end():]) or re.search(r"行业|产能", text):
            kind = "enterprise"
    if not kind and modal is not None and _conditional_subject(text, modal):
        # "配额不足的,应…购买补足": the clause is about whoever its paragraph or document speaks to
        kinds = [subject_of(sentence.opener).kind if sentence.opener else "", previous_kind,
                 subject_of(sentence.lead_in).kind if sentence.lead_in else "", heading_kind(sentence), document_kind]
        kind = next((k for k in kinds if k), "")
    if kind and kind not in PROFILE_KINDS:
        return None
    if not kind and not ADDRESSEE_RE.search(text) and not any(ADDRESSEE_RE.search(c) for c in context):
        return None
    permission = PERMISSION_RE.search(clause_body(text))
    if permission and (modal is None or permission.start() < modal.start()):
        return None
    strength = (strength_of(text) or ("mandatory" if named or modal is not None else None)
                or next((s for s in map(strength_of, context) if s), None))
    if strength == "mandatory" and modal is None and not named and not _concrete(text, bool(kind)):
        strength = "promoted"  # "推动公共机构带头减少使用一次性塑料制品": the plan pushes it, no one is bound
    return (strength, kind) if strength else None


def _row_duty(text: str) -> tuple[str, str] | None:
    """A row of a schedule ("1 | 提交2022年度排放报告 | 2023年3月31日前 | 重点排放单位"): a duty when a cell
    names, alone, a kind of unit a profile can be and the row gives its time; a row whose cell names a
    government body or an agency is that body's task."""
    cells = [cell for cell in split_cells(text) if 0 < len(cell.strip()) <= 20 and not re.search(r"\d", cell)]
    kinds = [kind for kind in map(subject_kind, cells) if kind]
    time = duty_time(text, None)
    if not kinds or kinds[-1] not in PROFILE_KINDS or not (time.deadline or time.recurrence or time.text):
        return None
    return "mandatory", kinds[-1]


# a sentence that opens with the year a plan aims at
AIM_OPENING_RE = re.compile(r"^(?:[一二三四五六七八九十\d]+[、.]|[(（][一二三四五六七八九十\d]+[)）])?(?:到|至|展望)\d{4}年")
# a clause that opens with what is done, its subject left to the sentence before
VERB_FIRST_RE = re.compile(r"(?:通过|按照|依据|完成|开展|提交|报送|上传|做好|组织|委托|核算|编制|更新|配合)")
# what makes a sentence without a modal word bind: a word that commands, or a unit named first with a
# time of its own ("重点排放单位按期更新数据质量控制计划")
CONCRETE_RE = re.compile(r"一律|严格(?:执行|实施|落实)|停工|必须|严禁|禁止|不得|按期|按时|按照[^,，。]{0,10}规定")


def _concrete(text: str, named: bool) -> bool:
    """A measure with its own time or threshold ("2022年8月底前,推进年综合能耗5000吨标准煤及以上…单位启动
    能源审计"), or a limit to keep ("新建大型数据中心PUE值不超过1.3"); for a unit the clause names first,
    also a commanding word or a relative time ("新建项目企业在竣工验收前购足有偿配额")."""
    time = duty_time(text, None)
    if named and (CONCRETE_RE.search(text) or time.text):
        return True
    limit = LIMIT_RE.search(text) and not AIM_OPENING_RE.match(text)  # "到2025年,…比例不低于30%": an aim
    return bool(time.deadline or time.recurrence or energy_range(text) or emissions_range(text)
                or limit or re.search(r"一律|严禁|禁止|不得|必须", text))


def heading_kind(sentence: Sentence) -> str:
    """The subject the clause's own item heading opens with ("(二)企业因生产经营…发生重大变化的" above
    "…,应及时向省生态环境厅报告")."""
    path = sentence.block.section.path
    return first_subject_kind(ITEM_LEAD_RE.sub("", path[-1])[:8]) if path else ""


# the lead-in of a list of offences and what follows them ("…予以曝光:", "有下列行为之一的,…处…罚款:")
OFFENCE_LEAD_RE = re.compile(r"惩戒|曝光|罚款|处罚|责令|追究|违法行为|违规行为")
# a penalty article: "重点排放单位未按照规定报送排放报告的,由市生态环境主管部门责令限期改正,处…罚款"; "违反本条例…"
SANCTION_RE = re.compile(r"的[,，]\s*(?:由[^,，。；;]{2,24}?)?(?:责令|处以?[^,，。；;]{0,20}罚款|依法(?:予以)?处罚|没收|吊销|"
                         r"(?:予以|给予)[^,，。；;]{0,8}(?:处分|处罚|通报)|记入[^,，。；;]{0,10}信用)|^(?:第[一二三四五六七八九十百]+条)?违反本")
# what may stand before a modal word when the clause names no unit: nothing, a condition ("配额不足的,"),
# or a time or manner ("2022年6月10日前,")
CONDITIONAL_SUBJECT_RE = re.compile(r"[^,，;；]*的[,，]?|[^,，;；]*(?:前|后|时|内|起)[,，]|")


def _conditional_subject(text: str, modal: re.Match) -> bool:
    before = clause_body(text)[:modal.start()].strip()
    return bool(CONDITIONAL_SUBJECT_RE.fullmatch(before)) or modal.group() == "请"


# support granted, not a policy's wish to support: a reward verb and whom it goes to
GRANT_RE = re.compile(r"给予|奖励|补贴|补助|资助|奖补|贴息|予以支持|一次性支持|优先(?:支持|推荐|安排|纳入|给予|列入)|予以倾斜|"
                      r"倾斜支持|享受|减免|豁免|免于|资金支持|加计扣除|优先保障")
BENEFICIARY_RE = re.compile(r"对(?:于)?[^。;；]{0,60}?(?:企业|单位|项目|申报主体|个人|数据中心)[,，]|"
                            r"(?:企业|单位|项目)[^。;；]{0,6}(?:可|将)?(?:获得|享受)|"
                            r"(?:企业|单位|项目)[^。;；]{0,20}?(?:并|均)?(?:给予|优先)|"
                            # "支持…符合条件的项目争取…资金支持", "对符合条件的研发投入落实…加计扣除": who qualifies
                            r"符合(?:条件|要求)的[^。;；]{0,16}?(?:企业|单位|项目|研发投入)")
# "落实环境保护、节能节水…税收优惠": relief any enterprise that qualifies may claim
TAX_RELIEF_RE = re.compile(r"(?:落实|享受|执行)[^。;；]{0,40}?税收(?:优惠|减免)|减免税|研发费用加计扣除")


def unpriced_support(sentence: Sentence) -> bool:
    """A sentence that grants those who qualify some support without printing an amount: a reward
    verb, a beneficiary, and no government task or condition around it."""
    text = sentence.text
    if not (GRANT_RE.search(text) and BENEFICIARY_RE.search(text)) and not TAX_RELIEF_RE.search(text):
        return False
    if APPLICATION_RE.search(text) or CONDITION_SECTION_RE.search(sentence.block.section.label):
        return False
    return not re.search(r"不予|不得|取消|追回|收回|暂停", text)  # withdrawn support is a sanction


def document_subject(sentences: list[Sentence]) -> str:
    """The kind of subject most of a document's modal clauses name ("" on a tie or none): the
    addressee its subject-less clauses speak to."""
    counts: dict[str, int] = {}
    for sentence in sentences:
        if modal_of(sentence.text) is not None:
            kind = subject_of(sentence.text).kind
            if kind:
                counts[kind] = counts.get(kind, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return ""
    return ranked[0][0]


def purpose_of(text: str, section: str) -> str:
    """What the support is for: a purpose word of the sentence, else of the nearest heading that has one,
    else the heading of the item the sentence belongs to."""
    path = [p for p in section.split(" > ") if p] if section else []
    for source in (text, *reversed(path)):
        word = next((p for p in PURPOSES if p in source), None)
        if word:
            return word
    heading = next((p for p in reversed(path) if p not in text), path[-1] if path else "")
    return ITEM_LEAD_RE.sub("", heading)[:20]


TOTAL_CAP_RE = re.compile(r"(?:累计|合计|总额|总计)[^,，;；。]{0,8}?(?:不超过|不高于|最高|上限为?)\s*(\d+(?:\.\d+)?)\s*万元")
# "国家级奖励金额不超过50万元,省级奖励金额不超过30万元": one award per level
LEVEL_AMOUNT_RE = re.compile(r"(国家|省|市|区|县)级[^,，;；。]{0,10}?(\d+(?:\.\d+)?)\s*万元")


def level_amounts(text: str) -> list[tuple[str, float]]:
    found = [(m.group(1) + "级", float(m.group(2))) for m in LEVEL_AMOUNT_RE.finditer(text)]
    return found if len(found) > 1 else []


def _binds(doc: Document, text: str, kind: str = "") -> dict:
    binds: dict = {"regions": [doc.meta.region] if doc.meta.region else []}
    found = list(sectors_named(text))
    if found:
        binds["sectors"] = found
    energy = energy_range(text)
    if energy:
        binds["energy_tce"] = energy
    emissions = emissions_range(text)
    if emissions:
        binds["emissions_tco2e"] = emissions
    if ABOVE_SCALE_RE.search(text):
        binds["above_scale"] = True
    if kind in ("key_emitter", "applicant"):
        binds[kind] = True
    return binds


ACTION_CHARS = 120  # an action longer than this is cut at a clause boundary, never inside a figure


def _action(text: str) -> str:
    """The action as printed, without its item mark (a table row: its cells but the number, joined);
    a long one ends at the last clause boundary before ACTION_CHARS, and never before the end of a
    threshold it states ("5000吨标准煤及以上")."""
    if "\t" in text:
        text = "，".join(cell.strip() for cell in split_cells(text) if cell.strip() and not cell.strip().isdigit())
    action = ITEM_LEAD_RE.sub("", text).strip()
    if len(action) <= ACTION_CHARS:
        return action
    keep = max((m.end() for m in THRESHOLD_END_RE.finditer(action)), default=0)
    cuts = [m.start() for m in re.finditer(r"[,，;；]", action) if keep <= m.start() <= ACTION_CHARS]
    return action[:cuts[-1]] + "…" if cuts else action


def _with_source(entry: dict, doc: Document, sentence: Sentence) -> dict:
    """The drafted rule closed with its lead department, its verbatim source and reviewed: false."""
    department = department_of(doc, sentence)
    if department:
        entry["lead_department"] = department
    entry["source"] = {"section": sentence.block.section.label, "quote": sentence.text}
    entry["reviewed"] = False
    return entry


# "纳入范围为…年综合能源消费总量达5000吨标准煤以上的企业", "年度排放达到2.6万吨二氧化碳当量及以上的企业为重点排放单位"
SCHEME_RE = re.compile(r"纳入[^,，。;；]{0,12}(?:配额管理|管理范围|范围|名单)|(?:纳入|报告|覆盖|管控)范围|为重点(?:碳)?排放单位|"
                       r"列入[^,，。;；]{0,12}重点(?:碳)?排放单位|"
                       # "本条例所称重点排放单位,是指年度温室气体排放量达到2.6万吨二氧化碳当量及以上的企业事业单位"
                       r"(?:重点(?:碳)?排放单位|控排企业|纳管企业|重点用能单位)[,，]?(?:是指|系指|指)")


def scheme_scope(sentences: list[Sentence]) -> dict | None:
    """Who the document's scheme covers, by the first sentence that says so with a threshold: the
    units its duties of 重点排放单位/纳管企业 bind, decided for a profile by its energy or emissions."""
    for sentence in sentences:
        if not SCHEME_RE.search(sentence.text):
            continue
        energy, emissions = energy_range(sentence.text), emissions_range(sentence.text)
        if energy or emissions:
            scope = {"lists": [], "quote": sentence.text}
            if energy:
                scope["energy_tce"] = energy
            if emissions:
                scope["emissions_tco2e"] = emissions
            return scope
    return None


def document_year(doc: Document) -> int | None:
    """The year a date printed without one ("3月9日前") falls in: the year of issue, else the one
    year a yearly notice's title names ("2022年度…申报通知")."""
    if doc.meta.date[:4].isdigit():
        return int(doc.meta.date[:4])
    if doc.meta.period_start and doc.meta.period_start == doc.meta.period_end:
        return doc.meta.period_start
    return None


def draft_rules(doc: Document) -> dict:
    """The drafted rule file of one document, ready for YAML (keys in a fixed order)."""
    obligations, entitlements = [], []
    sentences = sentences_of(doc)
    window = next((s.text for s in sentences if WINDOW_RE.search(s.text)), None)
    year = document_year(doc)
    addressee = document_subject(sentences)
    # the subject kind of the last sentence that named one, by paragraph: what a subject-less clause
    # of the same paragraph speaks of (kept as the sentences go, not searched for each one)
    paragraph_kind: dict[int, str] = {}
    for sentence in sentences:
        before_kind = paragraph_kind.get(id(sentence.block), "")
        own = subject_of(sentence.text).kind
        if own:
            paragraph_kind[id(sentence.block)] = own
        text = sentence.text
        offers = bool(SUPPORT_RE.search(text))
        amount = read_amount(text) if offers or CAP_OF_PREVIOUS_RE.match(text) else None
        cap_only = amount is not None and amount.pop("cap_only", False)
        previous = entitlements[-1] if entitlements else None
        if (cap_only and previous is not None and CAP_OF_PREVIOUS_RE.match(text)
                and previous["source"]["section"] == sentence.block.section.label
                and previous["amount"]["kind"] != "fixed" and "cap_wan_yuan" not in previous["amount"]):
            previous["amount"]["cap_wan_yuan"] = amount["value"]  # "以上扶持最高不超过200万元" caps the rule before
            continue
        if not offers:
            amount = None  # a cap with no rule before it to cap
        if amount is not None:
            purpose = purpose_of(text, sentence.block.section.label)
            levels = level_amounts(text) if amount["kind"] == "fixed" else []
            total = TOTAL_CAP_RE.search(text)
            if total and amount["kind"] == "fixed" and "cap_wan_yuan" not in amount:
                # "单个企业单年度累计不超过100万元": the most one enterprise gets from the awards together
                amount = {**amount, "cap_wan_yuan": _number(float(total.group(1)))}
            for level, value in levels or [("", None)]:
                entry = {"id": f"{doc.meta.doc_id}-e{len(entitlements) + 1}",
                         "purpose": f"{purpose}（{level}）" if level else purpose, "binds": _binds(doc, text),
                         "amount": {**amount, "value": _number(value)} if value is not None else amount}
                if window:
                    entry["window"] = window[:120]
                entitlements.append(_with_source(entry, doc, sentence))
            if not ENCOURAGED_RE.search(text) or not ADDRESSEE_RE.search(text):
                continue  # "鼓励重点用能单位创建…,给予…奖励" also encourages the work it rewards
        elif unpriced_support(sentence):
            # "对于积极参与交易…的企业,…给予一定的配额履约帮助": support whose amount this text does not print
            entry = {"id": f"{doc.meta.doc_id}-e{len(entitlements) + 1}",
                     "purpose": purpose_of(text, sentence.block.section.label), "binds": _binds(doc, text)}
            if window:
                entry["window"] = window[:120]
            entitlements.append(_with_source(entry, doc, sentence))
            continue
        duty = ("encouraged", "") if amount is not None else duty_of(sentence, before_kind, addressee)
        if duty is None:
            continue
        strength, kind = duty
        entry = {"id": f"{doc.meta.doc_id}-o{len(obligations) + 1}", "action": _action(text),
                 "binds": _binds(doc, text, kind)}
        time = duty_time(text, year)
        if time.deadline:
            entry["deadline"] = time.deadline
        elif time.recurrence:
            entry["recurrence"] = time.recurrence
        if time.text and not time.deadline:
            entry["deadline_text"] = time.text
        entry["strength"] = strength
        obligations.append(_with_source(entry, doc, sentence))
    head = {"doc_id": doc.meta.doc_id, "doc_number": doc.meta.doc_number, "title": doc.meta.title}
    scheme = scheme_scope(sentences)
    if scheme:
        head["key_enterprises"] = scheme
    return {
        "document": head,
        "obligations": obligations,
        "entitlements": entitlements,
    }


def draft_yaml(draft: dict, reviewed: bool = False) -> str:
    """The draft (or the reviewed file made from it) as YAML: keys in the order written, Chinese
    unescaped, so the bytes never vary."""
    import yaml

    header = (f"# Drafted by `policyqa rules draft {draft['document']['doc_id']}` from 《{draft['document']['title']}》.\n"
              + ("# Rules a person accepted (reviewed: true); they apply without --include-drafts.\n" if reviewed else
                 "# Every rule is reviewed: false until a person has checked it against its quote.\n"))
    return header + yaml.safe_dump(draft, allow_unicode=True, sort_keys=False, width=1000)
