"""The kind of quantity a question asks for, and the kind of a figure: the last gate before an answer.

Asked for an award in 万元, a clause that only counts projects does not answer, however well its words
fit; asked the day a system opens, a bare year does not. The kind asked is read from the question's
unit ("多少万千瓦" -> power, units.txt gives every unit its kind) or its wording ("补贴多少" -> money,
"哪天" -> a day); a figure's kind from its own unit. A figure whose kind is known and differs is never
stated: the scorer does not offer it (ClauseScorer.candidate_mentions) and the answerer refuses when
nothing else is left (Answerer._answers).
"""

from __future__ import annotations

import re

from ingest.lexicon import units
from ingest.mentions import Mention, find_dates, find_quantities

# kinds a figure may have and still answer the kind asked: a subsidy "每吨30元" (a price) answers
# "补贴多少元"; "下降2个百分点" answers "下降多少%"; "1:0.5" answers "按什么比例"
AGREEING_KINDS = {
    "money": {"money", "price"},
    "price": {"price", "money"},
    "percent": {"percent", "percentage-point", "ratio"},
    "percentage-point": {"percent", "percentage-point"},
    # "单个项目最多能拿多少万元" asks a sum: "每平方米30元" is a price and no sum
    "sum": {"money"},
}
# a question that asks a price: "每平方米补多少", "按什么标准补", "单价"
PRICE_ASKED_RE = re.compile(r"每[^，,。；;？?]{0,6}(?:多少|几)|标准|单价|/")
# the words before a money figure that make it a price: "按照改造面积每平方米30元", "每吨标准煤300元"
PER_UNIT_BEFORE_RE = re.compile(r"每[\u4e00-\u9fffA-Za-z²³]{1,5}(?:不超过|不高于|最高|最多|按)?$")
# a question for money by its words, without a unit: "完成了多少投资", "奖多少钱", "补助资金有多少"
MONEY_ASKED_RE = re.compile(r"多少(?:钱|资金|投资|经费|奖金)|(?:投资|资金|经费|奖金|罚款)(?:额|总额)?(?:是|为|有|达到|共)?多少(?![个家项次%倍])")
# how precisely a date question asks: "哪天" wants a day, "几月" a month, "哪一年" a year
DAY_ASKED_RE = re.compile(r"哪天|哪一天|哪日|几月几[日号]|几号|具体日期|(?:什么|哪个)日期|日期是")
MONTH_ASKED_RE = re.compile(r"几月|哪个月|哪一个月|什么月份")
PRECISION = {"year": 1, "month": 2, "day": 3}
# "比2020年下降多少" with no unit asks a relative change: a share (or points), never a tonnage
CHANGE_ASKED_RE = re.compile(r"比[^，,。；;？?]{0,24}?(?:下降|降低|减少|提高|提升|增长|增加|上升|压减|削减)了?(?:多少|几)"
                             r"(?:[？?，,。]|$)")
# what the refusal calls a kind of figure
KIND_LABELS = {"money": "金额", "sum": "金额", "price": "单价", "percent": "比例", "percentage-point": "百分点", "ratio": "比例",
               "count": "数量", "duration": "时长", "power": "装机或功率", "energy": "能源消费量",
               "electricity": "电量", "mass": "重量", "floor-area": "面积", "land": "面积", "volume": "体积",
               "intensity": "强度", "concentration": "浓度", "multiple": "倍数", "score": "分值",
               "year": "年份", "month": "月份", "day": "日期"}


def unit_kind(unit: str) -> str | None:
    """The kind of a unit as a figure carries it ("亿千瓦" -> power), None when it is not one the lexicon knows."""
    if unit == "比":
        return "ratio"
    known = units()
    if unit in known:
        return known[unit].kind
    if unit[:1] in ("万", "亿") and unit[1:] in known:
        return known[unit[1:]].kind
    return None


def asked_kind(question) -> str | None:
    """The kind of quantity ``question`` (a parsed Question) asks for, None when its words do not say."""
    if question.ask == "deadline":
        if DAY_ASKED_RE.search(question.text):
            return "day"
        if MONTH_ASKED_RE.search(question.text):
            return "month"
        return None
    if question.ask in ("number", "percent") and not question.unit and CHANGE_ASKED_RE.search(question.text):
        return "percent"
    if question.ask == "percent" and not question.unit:
        return "percent"  # "综合利用率要达到多少": a share, never a count
    if question.ask == "number" and not question.unit and MONEY_ASKED_RE.search(question.text):
        return "money"  # "完成了多少投资", "奖励多少钱": an amount of money, never a share of it
    if question.ask not in ("number", "percent") or not question.unit:
        return None
    if question.unit == "%":
        return "percent"
    if question.unit == "元":
        return "money"
    if unit_kind(question.unit) == "money" and len(question.unit) > 1 and not PRICE_ASKED_RE.search(question.text):
        return "sum"  # a money unit with its magnitude (万元, 亿元): a sum, never a price
    return unit_kind(question.unit)


# "一批", "一系列": a quantity in words that counts nothing
VAGUE_UNITS = ("批", "系列", "些")


def mention_kind(mention: Mention) -> str | None:
    if mention.number == "一" and mention.unit in VAGUE_UNITS:
        return "vague"
    return unit_kind(mention.unit) if mention.unit else None


def date_precision(text: str) -> str | None:
    """"2022年" -> year, "2022年3月" -> month, "3月10日" -> day; None when ``text`` holds no date."""
    dates = find_dates(text)
    if not dates:
        return None
    date = max(dates, key=lambda d: len(d.text)).text
    if re.search(r"\d\s*日", date):
        return "day"
    if re.search(r"\d\s*月", date):
        return "month"
    return "year"


def agrees(asked: str | None, kind: str | None) -> bool:
    """May a figure of ``kind`` answer a question asking ``asked``? A figure without a unit answers a
    count (the clause names what it counts) and nothing more precise."""
    if kind == "vague":
        return False  # "一批" answers no question about a number
    if asked is None:
        return True
    if asked in PRECISION:
        return kind in PRECISION and PRECISION[kind] >= PRECISION[asked]
    if kind is None:
        return asked == "count"
    return kind in AGREEING_KINDS.get(asked, {asked})


def _priced(kind: str | None, text: str, at: int) -> str | None:
    """Money stated per unit where it stands in ``text`` ("每平方米30元") is a price."""
    if kind == "money" and at >= 0 and PER_UNIT_BEFORE_RE.search(text[max(0, at - 10):at]):
        return "price"
    return kind


def kind_in_clause(text: str, mention: Mention) -> str | None:
    """The kind of a mention where a clause states it."""
    return _priced(mention_kind(mention), text, mention.start)


def stated_kind(clause_text: str, figure: str, ask: str) -> str | None:
    """figure_kind, where the clause states the figure."""
    return _priced(figure_kind(figure, ask), clause_text, clause_text.find(figure))


def figure_kind(figure: str, ask: str) -> str | None:
    """The kind of a stated figure: a date's precision for a date question, else its unit's kind."""
    if ask == "deadline":
        return date_precision(figure)
    quantities = find_quantities(figure)
    return mention_kind(quantities[0]) if quantities else None


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind or "", "数字")


# "将年综合能源消费量1万吨标准煤以上的重点用能单位…纳入": the figure says which units, it is no target
GROUP_AFTER_RE = re.compile(r"^\s*(?:(?:及|或)?(?:以上|以下))?(?:\s*[(（][^()（）]{0,6}[)）])?的[^，,。；;]{0,16}?"
                            r"(?:单位|企业|项目|用户|园区|数据中心|公共机构|建筑|工厂)")
# a question for the figure that names a group: "年综合能耗多少吨以上的单位", "纳入的门槛是多少"
THRESHOLD_ASKED_RE = re.compile(r"(?:多少|多大|多高)[^，,。；;？?]{0,10}(?:以上|以下)|门槛|起点|起报|纳入(?:的)?(?:标准|条件|范围)|"
                                r"(?:以上|以下)的[^，,。？?]{0,10}(?:单位|企业|项目)|"
                                # "年综合能耗多少吨标准煤的企业要…": the units asked about by their size
                                r"(?:多少|多大|几)[^，,。；;？?]{0,12}的[^，,。？?]{0,10}(?:单位|企业|项目|用户|数据中心)|"
                                # "达到多少算重点用能单位", "按多大面积来界定": the size that defines a group
                                r"(?:多少|多大|多高)[^，,。；;？?]{0,8}(?:算|算是|属于|界定|认定|划定)|"
                                # "年综合能耗达到多大规模就得报…审查": the size from which a rule applies
                                r"(?:多少|多大|多高)[^，,。；;？?]{0,6}(?:就|才)")


def names_a_group(clause_text: str, figure: str) -> bool:
    """Whether the figure, where the clause states it, is the threshold of a group of units ("1万吨标准煤
    以上的重点用能单位") rather than a value of its own."""
    at = clause_text.find(figure) if figure else -1
    if at < 0:
        return False
    bound = re.search(r"(?:以上|以下)$", figure) or re.match(r"\s*(?:及|或)?(?:以上|以下)", clause_text[at + len(figure):])
    return bool(bound) and bool(GROUP_AFTER_RE.match(clause_text[at + len(figure):]))


# a question for a whole sum: "一共安排了多少钱", "资金总额是多少"
TOTAL_ASKED_RE = re.compile(r"一共|总共|共计|总额|总计|合计|总量|总规模")
# the words before a figure that make it each one's: "同一企业本年度累计获得的补助金额不超过800万元",
# "单个项目支持金额不超过1亿元"
PER_UNIT_RE = re.compile(r"单个|单家|单项|每个|每家|每项|每户|同一(?:企业|项目|单位|主体)")


def per_unit_figure(clause_text: str, figure: str) -> bool:
    """Is the figure stated for each one of something (a cap per project), not for all of them?"""
    at = clause_text.find(figure)
    if at < 0:
        return False
    start = max(clause_text.rfind(c, 0, at) for c in ",，;；。:：") + 1
    return bool(PER_UNIT_RE.search(clause_text[start:at]))
