"""What a question asks: which regions and period, what kind of answer, and its topic words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.metadata import FIVE_YEAR_PLANS
from ingest.regions import Gazetteer
from retriever.mentions import UNITS, years_in

ASK_PATTERNS = [
    ("department", re.compile(r"牵头部门|哪个部门|哪些部门|什么部门|责任部门|负责部门|主管部门|谁牵头|由谁|哪个单位负责|牵头单位")),
    ("deadline", re.compile(r"什么时候|何时|哪一年|哪年|几月|截止|期限|时间节点|什么时间|多久")),
    ("percent", re.compile(r"比例|占比|比重|百分之|多少%|率[^多少]{0,6}多少|下降多少|提高多少|降低多少|增长多少")),
    ("number", re.compile(r"多少|几[家个项根台座所次亩吨]|几|数量|规模")),
    ("list", re.compile(r"哪些|包括什么|有什么")),
]
QUESTION_WORDS_RE = re.compile(
    r"多少|几|哪个|哪些|什么时候|什么|何时|是否|吗|呢|请问|分别|是|要求?|达到|应该?|需要|需|对|的|在|年底|前|以上|"
    r"[？?。!！，,、\s“”\"']"
)
PERIODS = FIVE_YEAR_PLANS  # 十三五 -> (2016, 2020)
BASELINE_YEAR_RE = re.compile(r"(?:比|相比|较|相较)\s*((?:19|20)\d{2})\s*年")
ACHIEVED_WORDS_RE = re.compile(r"完成了|实施了|实现了|达到了|建成了|已经|已|累计|实际|落实了|共有|多少个项目|情况")


@dataclass(frozen=True)
class Question:
    text: str
    regions: tuple[str, ...]
    unknown_places: tuple[str, ...]
    years: tuple[int, ...]
    period: str | None
    ask: str  # department | deadline | percent | number | list | text
    unit: str | None
    topic: str
    numbers: tuple[str, ...] = field(default=())
    wants_achieved: bool = False
    baseline_years: tuple[int, ...] = ()  # "比2015年下降多少": the year compared against, not the target

    @property
    def target_years(self) -> tuple[int, ...]:
        if self.years:
            return self.years
        if self.period:
            return (PERIODS[self.period][1],)
        return ()


def _unit_asked(text: str) -> str | None:
    for unit in UNITS:
        if re.search(rf"(?:多少|几)\s*{re.escape(unit)}", text):
            return unit
    if "%" in text or re.search(r"比例|占比|比重|百分", text):
        return "%"
    return None


def parse_question(text: str, gazetteer: Gazetteer) -> Question:
    clean = text.strip()
    regions = tuple(gazetteer.find(clean))
    unknown = tuple(gazetteer.unknown_places(clean))
    period = next((p for p in PERIODS if p in clean), None)
    baseline_years = tuple(int(y) for y in BASELINE_YEAR_RE.findall(clean))
    years = tuple(y for y in years_in(clean) if y not in baseline_years)
    ask = next((name for name, pattern in ASK_PATTERNS if pattern.search(clean)), "text")
    unit = _unit_asked(clean)
    if ask == "number" and unit == "%":
        ask = "percent"
    numbers = tuple(n for n in re.findall(r"\d+(?:\.\d+)?", clean) if not re.fullmatch(r"(19|20)\d{2}", n))
    topic = clean
    for name in sorted(set(regions) | set(unknown), key=len, reverse=True):
        topic = topic.replace(name, " ")
    for alias_region in regions:
        for alias in gazetteer.regions[alias_region].aliases:
            topic = topic.replace(alias, " ")
    topic = re.sub(r"(?:到|至|在)?(?:19|20)\d{2}\s*年?(?:底|末)?", " ", topic)
    topic = re.sub("|".join(PERIODS), " ", topic)
    topic = re.sub(r"[“”\"']", "", topic)
    return Question(
        text=clean,
        regions=regions,
        unknown_places=unknown,
        years=years,
        period=period,
        ask=ask,
        unit=unit,
        topic=topic.strip(),
        numbers=numbers,
        wants_achieved=bool(ACHIEVED_WORDS_RE.search(clean)),
        baseline_years=baseline_years,
    )
