"""What a question asks: which regions and period, what kind of answer, and its topic words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.lexicon import five_year_plans
from ingest.mentions import UNITS, years_in
from ingest.phase import BASELINE_YEAR_RE
from ingest.regions import NATIONAL, Gazetteer, zone_in

# the date of the document itself, not of a task in it: "通知是哪天印发的", "落款日期", "印发…方案的日期是哪天"
ISSUE_DATE_ASKED_RE = re.compile(r"(?:落款|印发|发布|公布|发文|成文|签发)(?:的)?(?:日期|时间)|"
                                 r"(?:哪天|哪一天|何时|什么时候|几月几[日号])(?:正式)?(?:印发|发布|公布|发文|签发|出台|发出|发的)|"
                                 r"(?:印发|发布|公布|出台)(?:于|是在)?(?:哪天|哪一天|何时|什么时候)|"
                                 r"(?:印发|发布|公布|签发)[^，,。？?]{0,40}的(?:日期|时间)是?(?:哪天|哪一天|何时|什么时候)")
POSTS = (r"(?:常务副组长|副组长|组长|副主任|主任|秘书长|负责人|联系人|召集人|签发人|副部长|部长|厅长|局长|主席|"
         r"副处长|处长|副科长|科长|党组书记|书记|院长|所长|站长|省长|市长|区长|县长)")
PERSON_ASKED_RE = re.compile(rf"{POSTS}(?:和{POSTS})?(?:分别)?(?:是|为|由)?谁|谁(?:担任|任)"
                             rf"|{POSTS}(?:的)?(?:叫什么(?:名字)?|(?:的)?(?:名字|姓名)(?:是|叫)?什么)"
                             # "组长是什么职务的领导", "副组长由哪位领导担任": the post is held by a post
                             rf"|{POSTS}(?:是|为|由)?(?:什么|哪个|哪一)(?:职务|职位|级别)|{POSTS}(?:是|由)?哪(?:位|几位)(?:领导|同志)")
ALIAS_ASKED_RE = re.compile(r"简称(?:是|为|叫)?(?:什么|啥)|全称(?:是|为|叫)?(?:什么|啥)|(?:什么|哪个)的简称")
CONTACT_ASKED_RE = re.compile(r"(?:网址|网站|链接|电话|联系方式|邮箱|电子邮件|地址|地点)(?:是|为|在)?(?:什么|哪|多少)")
WHEN = r"(?:哪天|哪一天|何时|什么时候|什么时间|哪年|哪一年|几月几[日号]|日期|时间)"
# what a document says of itself (DocumentMeta.dates): asked of the document, answered from its own words
DOCUMENT_DATE_ASKS = (
    ("passed", re.compile(rf"{WHEN}[^，,。？?]{{0,20}}通过|(?:哪|什么)[^，,。？?]{{0,12}}会议[^，,。？?]{{0,6}}通过|"
                          r"通过(?:的)?(?:日期|时间|会议)|(?:由|经)(?:哪|什么)[^，,。？?]{0,12}通过")),
    ("approved", re.compile(rf"{WHEN}[^，,。？?]{{0,20}}批准|(?:由|经)(?:哪|什么)[^，,。？?]{{0,12}}批准|批准(?:的)?(?:日期|时间)")),
    ("effective", re.compile(rf"(?:{WHEN}|从哪天|自哪天)[^，,。？?]{{0,8}}(?:施行|生效|起实施|开始实施|开始执行)|"
                             r"(?:施行|生效|实施)(?:日期|时间)")),
    ("valid_until", re.compile(r"有效期|暂定(?:执行|实施|施行)?(?:多长|多久|几年)|(?:执行|实施|施行)(?:期限?|时间)?(?:多长|多久|几年)")),
    ("window", re.compile(r"(?:申报|受理|报名|征求意见)[^，,。？?]{0,10}(?:时间|截止|期限|日期|哪天|什么时候|何时|几号)")),
)
ASK_PATTERNS = [
    # the document's own number: "发文字号", "文号是什么", "第几号令"
    ("doc_number", re.compile(r"文号|发文字号|文件字号|第几号令|令第几号")),
    ("issuer", re.compile(r"(?:哪个|哪些|哪两个|哪几个|什么)(?:部门|单位|机关|机构|厅委|部委|厅局|委办局)(?:在(?:哪天|哪一天|何时|什么时候))?"
                          r"(?:联合|一起|共同)?(?:印发|发布|制定|出台|代章|发出|下发|发文|发的)|"
                          r"(?:印发|发布|制定|出台)(?:部门|单位|机关)|以[^，,。？?]{0,14}名义")),
    ("issue_date", ISSUE_DATE_ASKED_RE),
    # who holds a post, what a body is called short or in full, where to apply: answered by the clause
    # that prints it ("组长:马坚…", "(简称“双碳双控”工作领导小组)", "网址:kjjh.jspc.org.cn")
    ("person", PERSON_ASKED_RE),
    ("alias", ALIAS_ASKED_RE),
    ("contact", CONTACT_ASKED_RE),
    ("department", re.compile(r"牵头部门|哪(?:个|些|几个)[\u4e00-\u9fff]{0,3}?部门|什么部门|责任部门|负责部门|主管部门|谁牵头|由谁|哪个单位|牵头单位|"
                              r"责任单位|责任处室|主责部门|哪家单位|设在哪|谁负责|谁来|"
                              # "这项归哪个厅负责", "由哪个局牵头", "哪个处室承担"
                              r"哪(?:个|些|家|一个)(?:厅|局|委|办|处室?|科室?|部委)(?:负责|牵头|主管|承担|来)")),
    ("deadline", re.compile(r"什么时候|何时|哪一年|哪年|几月|几号|几日(?:前|之前)|截止|(?:什么|哪个)期限|期限(?:是|为)?(?:什么|哪)|时间节点|什么时间|哪天|哪一天|何日|施行|生效|起算|开始执行|到期")),
    ("list", re.compile(r"哪几|具体指哪些|包括哪些")),  # before "几", which asks a number
    ("percent", re.compile(r"比例|占比|比重|百分之|多少%|率[^多少]{0,6}多少|下降多少|提高多少|降低多少|增长多少")),
    ("number", re.compile(r"多少|几[家个项根台座所次亩吨年]|几|数量|规模|多久|多长|多大|多高|上限|最高|最多")),
    ("list", re.compile(r"哪些|包括什么|有什么")),
]
QUESTION_WORDS_RE = re.compile(
    r"多少|几|哪个|哪些|什么时候|什么|何时|是否|吗|呢|请问|分别|是|要求?|达到|应该?|需要|需|对|的|在|年底|前|以上|"
    r"[？?。!！，,、\s“”\"']"
)
PERIODS = five_year_plans()  # 十三五 -> (2016, 2020)
# a question about the national level names no region: "国家层面…", "全国…"
NATIONAL_RE = re.compile(r"全国|国家层面|国务院|国家的")
# "2020年节能减排…": a year and the words it qualifies, to tell one edition of a yearly document from another
DATED_PHRASE_RE = re.compile(r"((?:19|20)\d{2})\s*年度?([\u4e00-\u9fff]{2})")
ACHIEVED_WORDS_RE = re.compile(r"完成了|实施了|实现了|达到了|建成了|已经|已|累计|实际|落实了|共有|多少个项目|情况")


@dataclass(frozen=True)
class Question:
    text: str
    regions: tuple[str, ...]
    unknown_places: tuple[str, ...]
    years: tuple[int, ...]
    period: str | None
    ask: str  # doc_number | issuer | issue_date | person | alias | contact | department | deadline | duration |
    # percent | number | list | text
    unit: str | None
    topic: str
    numbers: tuple[str, ...] = field(default=())
    fiscal_years: tuple[int, ...] = ()  # "2022年度…": the year the subject belongs to, not a date in it
    wants_achieved: bool = False
    baseline_years: tuple[int, ...] = ()  # "比2015年下降多少": the year compared against, not the target
    dated_phrases: tuple[tuple[int, str], ...] = ()  # "2020年节能减排" -> (2020, "节能")

    @property
    def target_years(self) -> tuple[int, ...]:
        if self.years:
            return self.years
        if self.period:
            return (PERIODS[self.period][1],)
        return ()


MONEY_ASKED_RE = re.compile(r"多少钱|多少资金|(?:补贴|补助|奖励|资助|扶持|奖补|支持|配套|罚款|处罚|罚)[^，,。？?]{0,6}(?:多少|多高|上限|最高|最多)|"
                           r"(?:最高|最多|上限)[^，,。？?]{0,6}(?:补贴|补助|奖励|资助|扶持|奖补|罚款)|能拿多少|拿多少")
THING_ASKED_RE = re.compile(r"哪种|哪类|哪项|哪一?[级档个]|什么(?!时候|时间)")
THINGS_ASKED_RE = re.compile(r"哪些|哪几(?![年个月天]|次)")
NUMBER_ASKED_RE = re.compile(r"多少|几|多大|多高|多长|多久|上限|最高|最多|比例是|占比是|比重是")
WHO_ASKED_RE = re.compile(r"哪|谁|什么(?:部门|单位|机构)")
WHEN_ASKED_RE = re.compile(r"何时|什么时候|什么时间")
DURATION_ASKED_RE = re.compile(r"有效期|多久|多长时间|几年|多少年|几个月|多少个工作日|几个工作日|多少天|几天")


def _unit_asked(text: str) -> str | None:
    for unit in UNITS:
        if re.search(rf"(?:多少|几)\s*(?:万|亿)?\s*{re.escape(unit)}", text):  # "多少亿吨"
            return unit
    if "%" in text or re.search(r"比例|占比|比重|百分", text):
        return "%"
    if MONEY_ASKED_RE.search(text):
        return "元"
    return None


def _distinct_regions(named: list[str], gazetteer: Gazetteer) -> tuple[str, ...]:
    """The regions a question is about: "上海市徐汇区" is 徐汇区, "全国" beside a region is not a region."""
    kept = [r for r in named if not any(r in gazetteer.ancestors(other)[1:] for other in named if other != r)]
    if len(kept) > 1 and NATIONAL in kept:
        kept.remove(NATIONAL)
    return tuple(kept)


# an enterprise or unit speaking of itself: "我们是白银的一家…企业", "我司在酒泉…"
SELF = r"(?:我们|我司|我公司|我单位|我厂|本企业|本公司|本单位)"
SELF_DESCRIBED_RE = re.compile(SELF)
# its self-description opening the question, up to the first comma: context, not what is asked
SELF_DESCRIPTION_RE = re.compile(rf"^{SELF}(?:是|在)[^，,。？?]*[，,]")
MIN_TOPIC_CHARS = 8  # what is left after the self-description must still ask something


def parse_question(text: str, gazetteer: Gazetteer) -> Question:
    clean = text.strip()
    regions = _distinct_regions(gazetteer.find(clean), gazetteer)
    unknown = tuple(gazetteer.unknown_places(clean))
    zone = zone_in(clean, gazetteer)
    if zone and zone[0] not in gazetteer.regions:
        # a zone no indexed document is about: never answer it with its city's figures
        unknown += (zone[0],)
        regions = tuple(r for r in regions if r != zone[1])
    if not regions and not unknown and NATIONAL in gazetteer.regions and NATIONAL_RE.search(clean):
        regions = (NATIONAL,)
    period = next((p for p in PERIODS if p in clean), None)
    baseline_years = tuple(int(y) for y in BASELINE_YEAR_RE.findall(clean))
    years = tuple(y for y in years_in(clean) if y not in baseline_years)
    ask = next((name for name, pattern in ASK_PATTERNS if pattern.search(clean)), "text")
    if ask == "department" and (NUMBER_ASKED_RE.search(clean) or WHEN_ASKED_RE.search(clean)) \
            and not WHO_ASKED_RE.search(clean):
        # "主管部门要在多少个工作日内完成审核", "各地主管部门何时前报送": the department is who acts;
        # the number or the day is asked
        ask = next((name for name, pattern in ASK_PATTERNS if name != "department" and pattern.search(clean)), "text")
    if ask == "doc_number" and CITED_DOCUMENT_ASKED_RE.search(clean):
        ask = "text"  # "依据的是…哪份文件（文号）": the number of the document cited, read from the clause citing it
    unit = _unit_asked(clean)
    if ask in ("number", "deadline") and DURATION_ASKED_RE.search(clean):
        ask, unit = "duration", None
    if ask in ("percent", "number") and not NUMBER_ASKED_RE.search(clean):
        # "提高哪种炼钢方式的产量占比", "哪些可燃废弃物高比例替代燃煤", "规模以上企业…哪一级":
        # 占比/比例/规模 belong to the subject, 哪种/哪些 say what is asked
        if THINGS_ASKED_RE.search(clean):
            ask = "list"
        elif THING_ASKED_RE.search(clean):
            ask = "text"
    if ask in ("list", "text", "person", "alias", "contact"):
        unit = None  # "哪几个领域" asks for the fields, not a count of them
    if ask == "number" and unit == "%":
        ask = "percent"
    numbers = tuple(n for n in re.findall(r"\d+(?:\.\d+)?", clean) if not re.fullmatch(r"(19|20)\d{2}", n))
    # "我们是白银的一家有色冶炼企业，…": who asks is context, what is asked follows
    described = SELF_DESCRIPTION_RE.match(clean)
    topic = clean[described.end():] if described and described.end() < len(clean) - MIN_TOPIC_CHARS else clean
    named = set(gazetteer.find(clean)) | set(regions) | set(unknown)
    for name in sorted(named | {a for r in named for a in gazetteer.short_forms(r)}, key=len, reverse=True):
        topic = topic.replace(name, " ")
    topic = re.sub(r"(?:到|至|在)?(?:19|20)\d{2}\s*年?度?(?:底|末)?", " ", topic)
    topic = re.sub(f"(?:{'|'.join(PERIODS)})(?:期间|时期)?", " ", topic)
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
        fiscal_years=tuple(int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年度", clean)),
        dated_phrases=tuple((int(y), words) for y, words in DATED_PHRASE_RE.findall(clean)),
    )


def years_besides_title(question: Question, title: str) -> tuple[int, ...]:
    """The years a question asks about, less those it names only in naming the document: "按照广东省2021年度
    碳排放配额分配实施方案，2022年度配额总量是多少" asks 2022. A question whose every year is in the title
    asks that year."""
    text = question.text
    for run in common_runs(text, title, TITLE_RUN_CHARS):
        if YEAR_RE.search(run):
            text = text.replace(run, " ")
    outside = tuple(y for y in years_in(text) if y in question.years)
    return outside or question.years


TITLE_RUN_CHARS = 6  # a run this long shared with the title names the document
YEAR_RE = re.compile(r"(?:19|20)\d{2}")


def common_runs(text: str, other: str, shortest: int) -> list[str]:
    """The longest runs of ``text`` that ``other`` holds too, each at least ``shortest`` characters."""
    runs, i = [], 0
    while i < len(text):
        length = 0
        while i + length < len(text) and text[i:i + length + 1] in other:
            length += 1
        if length >= shortest:
            runs.append(text[i:i + length])
            i += length
        else:
            i += 1
    return runs


def asked_phrase(question: Question) -> str:
    """The words of the question that say what kind of answer it wants ("哪个部门联合印发")."""
    return next((m.group(0) for name, pattern in ASK_PATTERNS if name == question.ask and (m := pattern.search(question.text))), "")


def names_another_edition(question: Question, title: str) -> bool:
    """Does ``title`` name the same yearly subject as the question for another year ("上海市2021年节能减排…"
    against a question about "2020年节能减排…")? Then the question asks about an edition not indexed."""
    for year, words in question.dated_phrases:
        years = {int(y) for y, w in DATED_PHRASE_RE.findall(title) if w == words}
        if years and year not in years:
            return True
    return False


# "由几个部门联合印发", "共几个部门", "由多少个部门共同制定": how many issued the document
# ("哪几个部门联合发的" asks which, not how many)
ISSUER_COUNT_ASKED_RE = re.compile(r"(?<!哪)(?:几|多少)个?(?:部门|单位|机关)(?:联合|共同|一起)?(?:印发|发布|制定|发文|出台)|"
                                   r"(?<!哪)(?:几|多少)个?(?:部门|单位|机关)(?:联合|共同)|共(?:有)?(?:几|多少)个?(?:部门|单位)")


# "依据的是生态环境部办公厅哪份文件", "根据哪个文件": another document, the one this one cites
# "依据的国家发改委等5部门若干意见文号是多少": the 文号 of a document named as the one cited
CITED_DOCUMENT_ASKED_RE = re.compile(r"(?:依据|根据|按照|按|落实|贯彻|转发)[^，,。？?]{0,14}哪(?:份|个|一份|部|项)|"
                                     r"(?:依据|根据|按照|落实|贯彻|转发)的[^。？?]{2,60}?(?:意见|通知|方案|办法|规定|决定|文件|指南)》?"
                                     r"[，,]?[^，,。？?]{0,3}文号")


def document_facts_asked(text: str) -> list[str]:
    """The facts about a document itself a question asks, in its own order: "文号是什么，哪天发的" asks
    doc_number and issue_date; "哪次会议通过、从哪天起施行" passed and effective; "由几个部门联合印发"
    issuer_count."""
    asks = [("doc_number", ASK_PATTERNS[0][1]), ("issuer_count", ISSUER_COUNT_ASKED_RE), ("issuer", ASK_PATTERNS[1][1]),
            ("issue_date", ISSUE_DATE_ASKED_RE), *DOCUMENT_DATE_ASKS]
    found = [(m.start(), name) for name, pattern in asks if (m := pattern.search(text))
             and not (name == "doc_number" and CITED_DOCUMENT_ASKED_RE.search(text))]
    names = [name for _, name in sorted(found)]
    return [n for n in names if not (n == "issuer" and "issuer_count" in names)]


# "“碳排放权”是指什么", "绿色建筑是怎么定义的", "X指的是什么": the term a question asks the meaning of
DEFINITION_ASKED_RE = re.compile(r"(?:[“\"「]([^”\"」]{2,20})[”\"」]|([\u4e00-\u9fff]{2,12}?|[A-Z]{2,10}))\s*(?:项目|是|具体|到底)?"
                                 r"(?:是指什么|指的是什么|指什么|是什么意思|什么意思|怎么定义|如何定义|怎样定义|的定义|的含义|是什么含义|"
                                 r"(?<=[A-Z])是什么|(?<=[A-Z])是啥|的全称)")


def defined_term(text: str) -> str:
    """The term whose meaning ``text`` asks, or ""."""
    match = DEFINITION_ASKED_RE.search(text)
    if not match:
        return ""
    if match.group(1):
        return match.group(1)
    # unquoted, the run may hold the words before the term: "办法里说的碳排放权" -> 碳排放权
    tail = re.split(r"[的里中说讲]", match.group(2))[-1]
    return tail if len(tail) >= 2 else match.group(2)
