"""Extractive, cited answers: the figure first, then where it comes from; or a plain "not found"."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, replace

from ingest.mentions import correct_unit_typos, strip_markup
from ingest.phase import BASELINE_YEAR_RE
from ingest.regions import NATIONAL, Gazetteer
from ingest.scope import speaks_for_higher_level
from ingest.table_model import row_header
from retriever.answer.contrast import counts_another_thing, owner_missing, swaps_a_qualifier
from retriever.answer.extract import Extraction, extract
from retriever.answer.kinds import (PER_UNIT_RE, THRESHOLD_ASKED_RE, TOTAL_ASKED_RE, agrees, names_a_group,
                                    per_unit_figure, stated_kind)
from retriever.answer.matching import BigramWeights, bigrams, canonical
from retriever.answer.question import (DOCUMENT_DATE_ASKS, SELF_DESCRIBED_RE, Question, asked_phrase,
                                      document_facts_asked, names_another_edition, parse_question,
                                      years_besides_title)
from retriever.answer.superlative import asks_extreme, extreme_row
from retriever.answer.split import lead_in_of, split_question
from retriever.answer.scoring import CITED_TITLE_RE, ClauseScorer, item_mark, stated_years
from retriever.answer.weights import ScoringWeights
from retriever.index import PolicyIndex
from retriever.index.clauses import clauses_of_chunk
from retriever.search.hybrid import Hit, HybridSearcher

MAX_LIST_ITEMS = 4
# the question asks when the document itself was issued: "这份…通知是哪天印发的", "该办法何时发布"
DOCUMENT_ITSELF_RE = re.compile(r"(?:这份|这个|这部|这项|该|本|此)[^，,。？?]{0,40}(?:通知|方案|办法|意见|规划|计划|决定|条例|细则|要点|公告|函)"
                                r"|(?:通知|公告|决定|函|令)(?:是|于)?(?:哪天|哪一天|何时|什么时候|几月几日)")
# a refusal names at most this many regions the library covers: past it a list is a wall nobody reads
MAX_COVERAGE_REGIONS = 8
DEPARTMENT_ROLES = (("牵头", "牵头部门"), ("责任", "责任单位"), ("主管", "主管部门"), ("负责", "负责部门"))
TITLE_QUOTE_RE = re.compile(r"《([^》]{4,80})》")
DATE_RE = re.compile(r"(?:19|20)\d{2}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?")


@dataclass(frozen=True)
class Citation:
    doc_id: str
    title: str
    doc_number: str
    section: str
    quote: str
    start: int = 0
    end: int = 0
    ocr: bool = False  # the quote comes from a page read by OCR: it may hold misread characters
    # for a table row: the header it sits under, as printed (shown apart: the quote is the row alone)
    header: str = ""

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("doc_id", "title", "doc_number", "section", "quote", "ocr", "header")}

    @property
    def mark(self) -> str:
        """What the reader is shown beside the source of an OCR'd quote."""
        return OCR_MARK if self.ocr else ""


OCR_MARK = "（OCR识别）"
HIGHER_LEVEL = "higher"
HIGHER_LEVEL_NOTE = "文件中与此相关的数字是国家（或上级）层面的目标，由该文件在背景中引用，不是本地区自己的目标。"
# a document that calls itself only by its region's kind: "自治区发展改革委…", "省生态环境厅…"
GENERIC_HOME_RE = re.compile(r"^(?:关于)?(自治区|自治州|省|市|区|县)(?=[\u4e00-\u9fff]{1,12}(?:委|厅|局|办|政府|党组))")
UNSURE_REGION_NOTE = "（提示：出处文件未写明适用地区，无法确认它是否是{region}的规定，请核对原文。）"
# a question about the nation itself may be answered from the national figure a local plan quotes
NATIONAL_ASKED_RE = re.compile(r"全国|国家|我国|中国")
# "长沙市住房和城乡建设局等12部门关于印发…", "等十五部门": the count of issuers a head prints
ISSUER_COUNT_RE = re.compile(r"等(?:\d{1,2}|[二三四五六七八九十]{1,3})(?:个)?(?:部门|单位|部委)")
HEAD_CHARS = 400  # where a document's head (title, 文号, issuers) ends at the latest
EVIDENCE_LINES_RE = re.compile(r"第(\d+)(?:[–-](\d+))?行")  # where ingest read a field: "第2–3行：…"
FIGURE_ASKS = ("number", "percent")
# "最早从哪天开始上传", "何时开始受理": the first day of something, which a day ending it ("5月30日前") is not
START_ASKED_RE = re.compile(r"(?:从|自)(?:哪天|哪一天|何时|什么时候|几月几[日号])|最早|(?:哪天|哪一天|何时|什么时候|什么时间)开始|开始(?:日期|时间)|起始")
ENDS_BY_RE = re.compile(r"\s*(?:之前|以前|前|截止|止|为止|截至)")
ENDS_BY_TAIL_RE = re.compile(r"(?:之前|以前|前|截止|为止)$")
CLOSES_BEFORE_RE = re.compile(r"(?:截止|截至|结束|最迟|最晚)(?:时间|日期|日)?(?:为|是|:|：)?\s*$")
# a body a question names by its kind: "…领导小组", "…专项工作组", "…工作专班", "…委员会"
BODY_NAMED_RE = re.compile(r"([\u4e00-\u9fff]{2,12}?(专项工作组|工作组|领导小组|小组|工作专班|专班|委员会|领导组))(?=组长|副组长|成员|办公室|的|由|下设|设在|[,，。？?]|主任|负责人)")
SEAT_ASKED_RE = re.compile(r"设在(?:哪|什么)")
VALIDITY_ASKED_RE = re.compile(r"有效期")
RECURRING_ASKED_RE = re.compile(r"每(?:月|季度?|半年|年)[^，,。？?]{0,12}(?:几号|几日|哪天|哪一天|什么时候|何时)")
YEAR_IN_RE = re.compile(r"(?:19|20)\d{2}年")
# the words after which a "when" question names the event it asks the time of: "在哪天前|完成配额清缴履约"
EVENT_ASKED_SPLIT = r"(?:哪天|哪一天|何时|什么时候|什么时间|哪一年|哪年|几月几[日号]|几号)(?:之前|以前|前)?"
# words that only say something is done or ends ("公示到哪天截止" asks the end of the 公示)
EVENT_WORDS_RE = re.compile(r"[？?。，,]|要|需要|需|应当|应|必须|完成|实现|开展|进行|做好|全面|基本|截止|结束|到期")
GENERIC_EVENT_GRAMS = {"工作", "相关", "有关"}
VALIDITY_RE = re.compile(r"有效|失效|期满|届满|废止|终止")
# a 文号 as a question prints it: "国发〔2021〕23号", "苏政办发[2021]105号", "沪环气(2021)235号"
DOC_NUMBER_ASKED_RE = re.compile(r"([\u4e00-\u9fff]{1,12})\s*[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*0*(\d{1,5})\s*号")
# a question that asks the 版记's date, not the 落款's: "（不是落款日期）", "版记上…"
PRINTED_ASKED_RE = re.compile(r"版记|不是落款|非落款|而非落款")
# "网上挂的印发时间", "网站上标的发布日期": the day the web page prints above the notice
POSTED_ASKED_RE = re.compile(r"网上|网站|网页|挂网|页面|上网")
OFFICE_RE = re.compile(r"(?:办公厅|办公室|秘书处|综合处)$")
SEAT_RE = re.compile(r"设在|设于|挂靠|依托")
# how an answer names each date a document gives about itself
DATE_KIND_WORDS = {"printed": "版记印发日期", "posted": "网页所标发布日期", "passed": "通过日期", "approved": "批准日期", "effective": "施行日期", "valid_until": "有效期",
                   "window": "申报（受理）时间"}  # answered by a figure: without one there is no answer
# said with every answer while the background embedder has not finished: the dense half of the
# ranking does not see every text yet
PARTIAL_RANKING_NOTE = "（提示：部分文本的语义向量仍在后台计算，本次检索主要依据关键词，排序尚非最终结果。）"


@dataclass
class Answer:
    question: str
    answer: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)  # what retrieval returned, for evaluation
    confidence: float = 0.0

    def as_text(self) -> str:
        """The answer and its citations as plain text: `policyqa ask` prints it, the chat API replies with it."""
        cited = [f"[{i}] 《{c.title}》 {c.doc_number} {c.section}{c.mark}\n    “{c.quote}”"
                 + (f"\n    表头：{c.header}" if c.header else "") for i, c in enumerate(self.citations, 1)]
        return "\n".join([self.answer, *cited])

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "found": self.found,
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass
class SearchScope:
    """The documents one question is searched in, and how each may answer it."""

    doc_ids: list[str]
    naming: set[str]  # documents of other regions that name the asked one: only clauses naming it answer
    unsure: set[str]  # documents whose region is unread: they answer only when the region's own do not
    reach: dict[str, str]  # doc_id -> Answerer.year_reach: "text" when only a clause naming the year may answer


def _printed_lines(text: str, value: str, evidence: str) -> tuple[int, int] | None:
    """The span of the line printing ``value``; for a value read across lines ("…部令" over "(第19号)"),
    the lines its evidence names ("第2–3行：…")."""
    start = text.find(value)
    if start >= 0:
        end = text.find("\n", start)
        return text.rfind("\n", 0, start) + 1, len(text) if end < 0 else end
    lines = EVIDENCE_LINES_RE.match(evidence)
    if not lines:
        return None
    first, last = int(lines.group(1)), int(lines.group(2) or lines.group(1))
    offsets = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"] + [len(text) + 1]
    if last >= len(offsets):
        return None
    return offsets[first - 1], offsets[last] - 1


def _plain(title: str) -> str:
    return re.sub(r"[\s“”\"'()（）《》、,，:：—\-]", "", title)


# a title's own words, without the notice around it ("关于成立…的通知", "关于印发《…》的通知")
TITLE_WRAPPER_RE = re.compile(r"^关于(?:成立|印发|调整|做好|开展|公布|组织|进一步)?|的(?:通知|决定|公告|函|意见)$")
TITLE_CORE_CHARS = 10  # a repeated title this long names a document; a shorter one is a topic ("碳达峰实施方案")


def _title_core(title: str) -> str:
    return TITLE_WRAPPER_RE.sub("", _plain(title))


def _repeats(asked: str, core: str, placed=lambda before: False) -> bool:
    """Whether the plain question repeats a title's core as a title of its own: "宁波市2030年前碳达峰行动
    方案" does not repeat the national "2030年前碳达峰行动方案" (a place stands before it), nor does
    "河北工业领域碳达峰实施方案" (``placed`` tells a place's short form ending the words before)."""
    at = asked.find(core) if len(core) >= TITLE_CORE_CHARS else -1
    return at == 0 or (at > 0 and asked[at - 1] not in "市省区县州旗盟" and not placed(asked[:at]))


# a day or month of the calendar, not a length of time: "2023年12月31日", "12月底"
CALENDAR_DATE_RE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d|\d{1,2}\s*月\s*(?:\d{1,2}\s*日|底|末|中旬|上旬|下旬)")
# an act a clause says was not done ("未按时提交", "未足额清缴")
NOT_DONE_RE = re.compile(r"未(?:按时|按期|如期|按规定|足额)?[\u4e00-\u9fff]{2}")

class Answerer:
    def __init__(self, index: PolicyIndex, searcher: HybridSearcher, gazetteer: Gazetteer, top_k: int = 8,
                 scoring: ScoringWeights | None = None):
        self.scoring = scoring or ScoringWeights.load(index.manifest.get("embedding"))
        self.index = index
        self.searcher = searcher
        self.gazetteer = gazetteer
        self.top_k = top_k
        self.weights = BigramWeights([c.text for c in index.chunks])
        self._scopes: dict[str, tuple[list[str], list[str]]] = {}  # region -> scope(region); the index never changes
        self._unsure = [d for d, m in index.documents.items() if m.scope_unsure]  # read once, as the scopes are

    def with_index(self, index: PolicyIndex) -> "Answerer":
        """This answerer over another version of its index with the same chunks (more vectors): what
        it computed over the library (bigram weights, scopes) is kept."""
        answerer = copy.copy(self)
        answerer.index, answerer.searcher = index, self.searcher.with_index(index)
        return answerer

    # --- scope ----------------------------------------------------------------------------------
    def coverage_note(self, regions: list[str] | None = None, near: str | None = None) -> str:
        """What the library covers: each region with its documents (titles when few, else a count). Past
        MAX_COVERAGE_REGIONS regions only the nearest to ``near`` are named (those of its province, then
        of its country), and the rest counted: a refusal over a large library is not a wall of names."""
        metas = [m for m in self.index.documents.values() if not regions or m.region in regions]
        by_region: dict[str, list] = {}
        for m in sorted(metas, key=lambda m: (m.region, m.date, m.title)):
            by_region.setdefault(m.region or "地区未知", []).append(m)
        named = list(by_region)
        if len(named) > MAX_COVERAGE_REGIONS:
            around = self.gazetteer.ancestors(near) if near else []
            shared = {r: len(set(around) & set(self.gazetteer.ancestors(r))) for r in named}
            named = sorted(named, key=lambda r: (-shared[r], r == "地区未知", named.index(r)))[:MAX_COVERAGE_REGIONS]
        parts = []
        for region in named:
            docs = by_region[region]
            if len(docs) <= 2:
                listed = "；".join(f"《{m.title or m.doc_id}》，{self._period_label(m)}" for m in docs)
                parts.append(f"{region}（{listed}）")
            else:
                parts.append(f"{region}（{len(docs)}份文件）")
        if len(named) < len(by_region):
            parts.append(f"等{len(by_region)}个地区的{len(metas)}份文件（全部见「文件库」或 policyqa documents）")
        return "；".join(parts) if parts else "（文件库为空）"

    @staticmethod
    def _period_label(meta) -> str:
        if meta.period_start:
            return f"{meta.period_start}—{meta.period_end}年"
        return meta.date[:4] + "年" if meta.date else "日期未知"

    def region_forms(self, region: str) -> tuple[str, ...]:
        """The ways a text names ``region``: its name and its short forms (舟山市, 舟山)."""
        return (region, *self.gazetteer.short_forms(region))

    def scope(self, region: str) -> tuple[list[str], list[str]]:
        """(the region's own documents, other documents that name it).

        A region with no document of its own may still be named in another: a table of per-city
        targets in its province's plan, a clause of a national plan. Those documents are searched
        too, but only their clauses that name the region can answer for it.
        """
        if region not in self._scopes:  # reading every text per question grows with the library
            own = [d for d, m in self.index.documents.items() if region in m.regions]
            forms = self.region_forms(region)
            naming = [d for d, text in self.index.texts.items()
                      if d not in own and any(form in text for form in forms)]
            self._scopes[region] = (own, naming)
        own, naming = self._scopes[region]
        return list(own), list(naming)

    def unsure_scope(self) -> list[str]:
        """Documents whose region could not be read with confidence: searched for any region asked
        that the library covers, so that one unread heading does not silence a whole document."""
        return list(self._unsure)

    def calls_itself_like(self, doc_id: str, region: str) -> bool:
        """Whether a document that names no region of its own calls itself by the kind ``region`` is
        ("自治区发展改革委…", "省生态环境厅…", "市科技局…" at the head of its title or issuer)."""
        meta = self.index.documents[doc_id]
        heads = (meta.title, meta.notice_title, meta.issuer)
        kind = next((m.group(1) for m in (GENERIC_HOME_RE.match(h) for h in heads if h) if m), None)
        return bool(kind) and region.endswith(kind)

    def year_reach(self, doc_id: str, years: tuple[int, ...], fiscal: tuple[int, ...] = ()) -> str:
        """How a document reaches every year asked: "period" when they fall in its own period or title, "text"
        when it names them other than as a baseline ("比2020年") or in a cited title, "" when it does not reach one. A year
        asked as "2022年度" must be the document's own period."""
        m = self.index.documents[doc_id]
        text = None
        reach = "period"
        own = [y for y in years if self._own_year(m, y)]
        for year in years:
            in_period = [y for y in (year, *fiscal) if m.period_start and m.period_start <= y <= (m.period_end or m.period_start)]
            if year in own:
                continue  # its own period, or its title's year ("2030年前碳达峰行动方案")
            if fiscal and not in_period and not own:
                # "2022年度" asks about a year this document is not about; beside the document's own year
                # ("2022年工作计划…2021年度排放报告") it is a year of something the document handles
                return ""
            text = text if text is not None else CITED_TITLE_RE.sub("", BASELINE_YEAR_RE.sub("", self.index.texts[doc_id]))
            if f"{year}年" not in text:
                return ""
            reach = "text"
        return reach

    def _of_the_year(self, doc_id: str, years: tuple[int, ...]) -> bool:
        meta = self.index.documents[doc_id]
        one_year = bool(meta.period_start) and (meta.period_end or meta.period_start) == meta.period_start
        return one_year and meta.period_start in years

    @staticmethod
    def _own_year(meta, year: int) -> bool:
        in_period = bool(meta.period_start) and meta.period_start <= year <= (meta.period_end or meta.period_start)
        return in_period or any(f"{year}年" in t for t in (meta.title, meta.notice_title) if t)

    def other_edition(self, question: Question, doc_id: str) -> bool:
        meta = self.index.documents[doc_id]
        return any(names_another_edition(question, t) for t in (meta.title, meta.notice_title) if t)

    # --- answering ------------------------------------------------------------------------------
    def ask(self, text: str, regions: list[str] | None = None, doc_ids: list[str] | None = None) -> Answer:
        asked = text
        text = text.replace("啥", "什么")  # "最晚啥时候要交": spoken 啥 is 什么 to every pattern that reads a question
        # "哪个市最多？有多少？": the row ranked answers both, with its cell
        parts = [text] if asks_extreme(text) is not None else split_question(text, lambda item: bool(self.gazetteer.find(item)))
        answer = self._ask_parts(text, parts, regions, doc_ids) if len(parts) > 1 else self._ask_whole(text, regions, doc_ids)
        answer.question = asked
        return answer

    def _ask_parts(self, text: str, parts: list[str], regions: list[str] | None, doc_ids: list[str] | None) -> Answer:
        """Each part of a question that asks several things, answered on its own and joined in order. A
        later part that names neither a region nor a document ("…组长是谁？办公室主任是谁？") asks about
        the document the first part is answered from."""
        answers = [self._ask_whole(parts[0], regions, doc_ids)]
        first_docs = list(dict.fromkeys(c.doc_id for c in answers[0].citations))
        for part in parts[1:]:
            names_its_own = bool(parse_question(part, self.gazetteer).regions) or bool(TITLE_QUOTE_RE.search(part))
            if names_its_own or part.startswith(parts[0][:8]):
                answers.append(self._ask_whole(part, regions, doc_ids))
            elif first_docs:
                answers.append(self._ask_whole(lead_in_of(parts[0]) + part, regions, first_docs))
            else:
                answers.append(Answer(part, "", False))
        found = [a for a in answers if a.found]
        lines = [a.answer.split("\n")[0] if a.found else f"（{part.rstrip('？?')}）文件中没有找到。" for a, part in zip(answers, parts)]
        details = list(dict.fromkeys(line for a in found for line in a.answer.split("\n")[1:]))
        return Answer(text, "\n".join(lines + details), bool(found), [c for a in found for c in a.citations],
                      [h for a in answers for h in a.hits], min((a.confidence for a in found), default=0.0))

    def _ask_whole(self, text: str, regions: list[str] | None, doc_ids: list[str] | None) -> Answer:
        named, rest = self.documents_named(text)
        if named and not doc_ids:
            # "《徐汇区…管理办法》的有效期": the title picks the document; its words are not the topic
            answer = self._ask(rest, regions, named)
            answer.question = text
        else:
            answer = self._ask(text, regions, doc_ids)
        if answer.hits and self.index.pending:
            answer.answer += "\n" + PARTIAL_RANKING_NOTE
        return answer

    def documents_named(self, text: str) -> tuple[list[str], str]:
        """Documents whose title a question quotes in 《》, and the question without the quote (the
        quote's region kept, so that the region still scopes the answer)."""
        numbered = self._documents_numbered(text)
        if numbered:
            return numbered
        for match in TITLE_QUOTE_RE.finditer(text):
            quoted = _plain(match.group(1))
            found = [d for d, m in self.index.documents.items()
                     if any(t and (quoted in _plain(t) or _plain(t) in quoted) for t in (m.title, m.notice_title))]
            if found and len(quoted) >= 6:
                regions = "".join(self.gazetteer.find(match.group(1)))
                return found, text[:match.start()] + regions + text[match.end():]
        return self._documents_repeated(text), text

    def _documents_numbered(self, text: str) -> tuple[list[str], str] | None:
        """Documents a question names by their 文号 ("国发〔2021〕23号说到…", "按苏政办发[2021]105号"), and
        the question without it (its year is the number's, not a year asked); None when it names none
        of the index. The words before the brackets may run into the question's own ("按照国发"): the
        document's prefix need only end them."""
        for match in DOC_NUMBER_ASKED_RE.finditer(text):
            words, year, number = match.groups()
            found = []
            for doc_id, meta in self.index.documents.items():
                own = DOC_NUMBER_ASKED_RE.fullmatch(re.sub(r"\s", "", meta.doc_number or ""))
                if own and own.group(2, 3) == (year, number.lstrip("0")) and words.endswith(own.group(1)):
                    found.append(doc_id)
            if found:
                return found, text[:match.start()] + text[match.end():]
        return None

    def _documents_repeated(self, text: str) -> list[str]:
        """Documents whose title a question repeats word for word without 《》 (the title's core, without
        "关于印发…的通知"): "辛州市碳达峰碳中和工作领导小组的组长" picks 《关于成立辛州市碳达峰碳中和工作
        领导小组的通知》 over the 交通运输局's own group. The longest core repeated wins; a short core
        (under TITLE_CORE_CHARS) is a topic, not a title."""
        asked = _plain(text)
        cores = {d: max((_title_core(t) for t in (m.title, m.notice_title) if t), key=len, default="")
                 for d, m in self.index.documents.items()}
        repeated = {d: core for d, core in cores.items() if _repeats(asked, core, self._ends_in_a_place)}
        longest = max(map(len, repeated.values()), default=0)
        return sorted(d for d, core in repeated.items() if len(core) == longest)

    def _ends_in_a_place(self, words: str) -> bool:
        """Do ``words`` end in the name or short form of a region ("…河北", "河北那份")?"""
        words = re.sub(r"(?:那份|这份|那个|这个|的)+$", "", words)
        return any(words.endswith(form) for name in self.gazetteer.find(words[-12:])
                   for form in (name, *self.gazetteer.short_forms(name)))

    def _ask(self, text: str, regions: list[str] | None, doc_ids: list[str] | None) -> Answer:
        question = parse_question(text, self.gazetteer)
        if not question.text:
            return Answer(text, "请输入问题。", False)
        unknown = [p for p in question.unknown_places if p not in self.gazetteer.regions]
        if unknown and not question.regions:
            # a place the gazetteer does not know: only documents whose own title names it may answer
            titled = [d for d, m in self.index.documents.items() if unknown[0] in f"{m.title}{m.notice_title}{m.issuer}"
                      and (not doc_ids or d in doc_ids)]
            if not titled:
                return Answer(text, f"文件库中没有关于{unknown[0]}的文件，无法回答。"
                                    f"现有文件覆盖：{self.coverage_note(near=unknown[0])}。", False)
            return self._ask_one(question, None, titled)
        asked = list(question.regions) or list(regions or [])
        if len(asked) > 1:
            return self._ask_each(question, asked, doc_ids)
        return self._ask_one(question, asked[0] if asked else None, doc_ids)

    def _ask_each(self, question: Question, regions: list[str], doc_ids) -> Answer:
        parts = []
        for region in regions:
            others = [r for r in regions if r != region]
            text = question.text
            for other in others:
                text = text.replace(other, "")
            text = re.sub(r"^[和与及、]+|[和与及、]{2,}", "", text)
            sub = parse_question(text if region in text else region + text, self.gazetteer)
            parts.append(self._ask_one(sub, region, doc_ids))
        found = [p for p in parts if p.found]
        sentences = []
        for region, part in zip(regions, parts):
            sentences.append(part.answer.split("\n")[0].rstrip("。") if part.found else f"{region}：文件中没有找到")
        answer = "；".join(sentences) + "。"
        details = "\n".join(p.answer.split("\n", 1)[1] for p in found if "\n" in p.answer)
        return Answer(
            question.text,
            answer + ("\n" + details if details else ""),
            bool(found),
            [c for p in parts for c in p.citations],
            [h for p in parts for h in p.hits],
            min((p.confidence for p in found), default=0.0),
        )

    def _ask_one(self, question: Question, region: str | None, doc_ids: list[str] | None) -> Answer:
        scope = self._scope_of(question, region, doc_ids)
        if isinstance(scope, Answer):
            return scope
        scorer = self.scorer(question)
        hits, clauses_by_chunk = self._retrieve(question, region, scope, scorer)
        about_document = self._document_facts(question, region, hits, scorer, doc_ids)
        if about_document is not None:
            return about_document
        if question.ask == "issue_date":
            # not a document's own date: a date inside one ("方案什么时候印发" as a task)
            question = replace(question, ask="deadline")
            scorer = self.scorer(question)
        clauses = [c for hit in hits for c in clauses_by_chunk[hit.chunk.chunk_id]]
        highest = asks_extreme(question.text)
        ranked = self._extreme_answer(question, region, clauses, scorer, highest, hits) if highest is not None else None
        if ranked is not None:
            return ranked
        best, caveat = self._choose(question, clauses, scorer, region, scope.unsure, scope.naming)
        if best is not None and question.ask == "list":
            best = self._with_list_items(best, clauses, scorer)
        if not self._answers(question, best, scorer):
            return self._refusal(question, region, best, caveat, hits)
        answer = self._compose(question, region, best, hits)
        if caveat == UNSURE_REGION_NOTE and region and not self._names_document(hits, scorer, doc_ids, best):
            return self._not_the_regions(answer, region, best)
        if caveat:
            answer.answer += "\n" + caveat.format(region=region)
        return answer

    def _names_document(self, hits: list[Hit], scorer, doc_ids: list[str] | None, best: Extraction) -> bool:
        doc_id, _, named = self._document_asked(hits, scorer, doc_ids)
        return named and doc_id == best.clause.doc_id

    @staticmethod
    def _not_the_regions(answer: Answer, region: str, best: Extraction) -> Answer:
        """A figure only a document of unread region gives, for a question about a region that does not
        name that document ("成都市…PUE上限" answered by a plan that names no place): the documents do not
        say it for the region; the figure is shown as that document's, with its quote, and not stated."""
        lines = answer.answer.split("\n")
        said = lines[0].removeprefix(f"{region}：")
        lines[0] = (f"文件中没有找到{region}的明确规定。未写明适用地区的《{best.meta.title}》写有：{said}"
                    f"（无法确认它适用于{region}，请核对原文。）")
        answer.answer, answer.found = "\n".join(lines), False
        return answer

    def _extreme_answer(self, question: Question, region: str | None, clauses, scorer: ClauseScorer, highest: bool,
                        hits: list[Hit]) -> Answer | None:
        """"哪个市…最多": the row of the best retrieved row's table that is highest (or lowest) in the column
        the question names, with its cell; None when no row is retrieved well enough or the table
        cannot rank it (superlative.py)."""
        # a row of numbers shares few words with "哪个市…最多": a looser bar than for a figure stated from it
        bar = self.scoring.extreme_row_fit * self.scoring.refuse_below
        rows = [c for c in clauses if c.kind == "row" and scorer.score(c)[1] >= bar]
        if not rows:
            return None
        best = max(rows, key=lambda c: scorer.score(c)[0])
        doc = self.index.document(best.doc_id)
        seed = next((b for b in doc.blocks if b.kind == "row" and b.start <= best.start < b.end), None)
        found = extreme_row(doc, seed, question.text, highest) if seed is not None else None
        if found is None:
            return None
        meta = self.index.documents[best.doc_id]
        unit = "" if found.value.endswith("%") else found.row.column_unit(found.column) or found.row.unit
        who = region or meta.region or f"《{meta.title}》"
        row_text = doc.text[found.block.start:found.block.end].strip()
        first = (f"{who}：{found.name}（{found.row.columns[found.column]}）{'最高' if highest else '最低'}，"
                 f"为{found.value}{unit}。")
        section = self._section_at(best.doc_id, found.block.start)
        citations = self._citations(meta, section, doc.text, found.block.start, found.block.end)
        said = f"原文：“{row_text}”（表头：{' '.join(c for c in found.row.columns if c)}）"
        source = f"依据《{meta.title}》（{meta.doc_number or '无文号'}）{section}。"
        return Answer(question.text, "\n".join([first, said, source]), True, citations, hits, scorer.score(best)[1])

    def _scope_of(self, question: Question, region: str | None, doc_ids: list[str] | None) -> SearchScope | Answer:
        """The documents that may answer for ``region`` (all, without one), or the refusal when none can."""
        naming: set[str] = set()
        unsure: set[str] = set()
        covered = True  # the region asked has documents of its own or naming it
        if region is not None:
            own, others = self.scope(region)
            if SELF_DESCRIBED_RE.search(question.text):
                # "我们是白银的一家冶炼企业…": an enterprise is bound by every level above its place too
                # (the province's 条例, the city's 方案); their figures stay theirs (_compose says whose)
                own += [d for above in self.gazetteer.ancestors(region)[1:] for d in self.scope(above)[0] if d not in own]
            if doc_ids:
                own, others = [d for d in own if d in doc_ids], [d for d in others if d in doc_ids]
            unread = [d for d in self.unsure_scope() if d not in own and d not in others
                      and (not doc_ids or d in doc_ids) and not self.other_edition(question, d)]
            covered = bool(own or others)
            if not covered:
                # no document of the region: one that never names its own may still be the region's
                # ("自治区发展改革委…" for 宁夏回族自治区), when it calls itself by the region's kind
                unread = [d for d in unread if self.calls_itself_like(d, region)]
                if not unread:
                    return self._no_documents(question, region)
            own = [d for d in own if not self.other_edition(question, d)]
            docs, naming, unsure = own + others + unread, set(others), set(unread)
        else:
            docs = [d for d in doc_ids or self.index.documents if not self.other_edition(question, d)]
        # a year asked: only documents that reach it answer, and in a document that only names the
        # year somewhere (not its own period), only a clause that names it
        reach = {d: self.year_reach(d, question.years, question.fiscal_years) for d in docs}
        docs = [d for d in docs if reach[d]]
        if not docs and not covered:
            return self._no_documents(question, region)
        if not docs:
            where = region or ""
            years = "、".join(f"{y}年" for y in question.years)
            return Answer(question.text, f"现有文件没有{where}{years}的相关内容。现有{where}文件：{self.coverage_note([region] if region else None)}。",
                          False)
        return SearchScope(docs, naming, unsure, reach)

    def _no_documents(self, question: Question, region: str) -> Answer:
        return Answer(question.text, f"文件库中没有关于{region}的文件，无法回答。"
                                     f"现有文件覆盖：{self.coverage_note(near=region)}。", False)

    def _retrieve(self, question: Question, region: str | None, scope: SearchScope,
                  scorer: ClauseScorer) -> tuple[list[Hit], dict]:
        """The hits in ``scope``, reranked by their best clause, and each hit's clauses that may answer."""
        hits = self.searcher.search(question.text, self.top_k * 2, doc_ids=scope.doc_ids)
        # a plan of exactly the year asked ("2022年…重点工作安排") is searched on its own as well: among a
        # region's longer plans its one long paragraph of the year's work is easily outranked
        yearly = [d for d in scope.doc_ids if question.years and self._of_the_year(d, question.years)]
        if yearly and len(yearly) < len(scope.doc_ids):
            seen = {h.chunk.chunk_id for h in hits}
            hits += [h for h in self.searcher.search(question.text, self.top_k, doc_ids=yearly) if h.chunk.chunk_id not in seen]
        clauses_by_chunk = {hit.chunk.chunk_id: clauses_of_chunk(hit.chunk, hit.rank) for hit in hits}
        if self.index.clause_vectors is not None and hits:
            # one lookup for all retrieved clauses: with Milvus each lookup is a round trip
            scored = iter(self.index.clause_vectors.with_similarity(
                [c for cs in clauses_by_chunk.values() for c in cs], self.searcher.query_vector(question.text)))
            clauses_by_chunk = {cid: [next(scored) for _ in cs] for cid, cs in clauses_by_chunk.items()}
        forms = self.region_forms(region) if region else ()
        year_forms = [f"{y}年" for y in question.years]

        def may_answer(c) -> bool:
            # the region must be named by the clause itself (a row's own label, not the row above);
            # the year may be set by the words leading in ("到2025年,…。…达到…")
            context = " ".join([c.text, c.section, *c.columns])
            dated = CITED_TITLE_RE.sub("", context + scorer.lead_in(c))  # 《…2035年远景目标纲要》 names no year
            return ((c.doc_id not in scope.naming or any(f in context for f in forms))
                    and (scope.reach[c.doc_id] != "text" or any(y in dated for y in year_forms)))

        clauses_by_chunk = {cid: [c for c in cs if may_answer(c)] for cid, cs in clauses_by_chunk.items()}
        return self.rerank(hits, clauses_by_chunk, scorer), clauses_by_chunk

    def _refusal(self, question: Question, region: str | None, best: Extraction | None, caveat: str,
                 hits: list[Hit]) -> Answer:
        where = f"文件中没有找到{region}" if region else "现有文件中没有找到"
        topic = question.topic.strip('？? ').lstrip('的')
        if caveat == HIGHER_LEVEL:
            return Answer(question.text, f"{where}自己关于“{topic}”的目标。{HIGHER_LEVEL_NOTE}"
                                         f"现有文件覆盖：{self.coverage_note(near=region)}。", False, [], hits, 0.0)
        return Answer(question.text, f"{where}关于“{topic}”的明确规定。现有文件覆盖：{self.coverage_note(near=region)}。",
                      False, [], hits, best.coverage if best else 0.0)

    def _answers(self, question: Question, best: Extraction | None, scorer: ClauseScorer) -> bool:
        """Does ``best`` answer well enough to be stated (else the answer is a refusal)?"""
        if best is None:
            return False
        worded_apart = best.coverage < self.scoring.refuse_below and best.clause.semantic < self.scoring.semantic_keep
        if question.ask in (*FIGURE_ASKS, "deadline") and not agrees(scorer.asked_kind, stated_kind(best.clause.text, best.figure, question.ask)):
            return False  # a figure of another kind than the one asked is never stated (kinds.py)
        if (question.ask in FIGURE_ASKS and names_a_group(best.clause.text, best.figure)
                and not THRESHOLD_ASKED_RE.search(question.text)):
            return False  # the size of the units a clause is about answers only a question for that size
        if question.ask in FIGURE_ASKS and best.clause.kind == "sentence" and best.figure and counts_another_thing(
                question.text, best.clause.text, best.figure):
            return False  # asked how many 零碳园区, "创建绿色工厂77家" counts something else
        if question.ask in (*FIGURE_ASKS, "deadline", "duration") and best.figure and self._of_a_sibling(question, best, scorer):
            return False  # asked about 燃油锅炉, the row is 燃煤锅炉's
        if (question.ask in FIGURE_ASKS and best.figure and scorer.asked_kind in ("sum", "money", "count")
                and TOTAL_ASKED_RE.search(question.text) and not PER_UNIT_RE.search(question.text)
                and per_unit_figure(best.clause.text, best.figure)):
            return False  # asked the whole sum, the clause caps what each project gets
        if question.ask in FIGURE_ASKS and best.figure and self._of_another_owner(question, best, scorer):
            return False  # asked the 投资额 of 高标准农田, the clause's is 工业技改's
        if question.ask == "person" and not scorer.prints_what_is_asked(best.clause.text):
            return False  # "联系人是谁" where the clause names the post but nobody holding it
        if question.ask in FIGURE_ASKS and question.years and best.figure:
            stated_for = stated_years(best.clause, best.figure)
            asked = years_besides_title(question, f"{best.meta.title} {best.meta.notice_title}")
            if stated_for and not stated_for & set(asked):
                return False  # asked 2025's target, the clause gives 2030's: another year's figure is not stated
        if question.ask == "deadline" and START_ASKED_RE.search(question.text) and self._ends_by(best):
            return False  # asked from when, the clause gives a day by which something ends
        if question.ask == "deadline" and RECURRING_ASKED_RE.search(question.text) and YEAR_IN_RE.search(best.figure):
            return False  # "每月几号前报送": a day of one year is no day of every month
        if question.ask == "deadline" and not self._names_the_event(question, best, scorer):
            return False  # "哪一年实现碳达峰" answered by the day staff report for work
        if question.ask == "duration" and best.figure and CALENDAR_DATE_RE.search(best.figure):
            return False  # "停产整治多少天" is no day of the calendar ("2023年12月31日前完成…")
        if VALIDITY_ASKED_RE.search(question.text) and not VALIDITY_RE.search(best.clause.text):
            return False  # "有效期到什么时候" is answered by the clause that sets a validity, not by any date
        if question.ask in ("person", "department") and not self._body_exists(question, best):
            return False  # "能耗双控专项工作组组长" where the document sets up no such group
        if question.ask == "department" and SEAT_ASKED_RE.search(question.text) and not SEAT_RE.search(best.clause.text):
            return False  # "设在哪个部门" is answered by a clause that says where it sits

        return not worded_apart and not (question.ask in FIGURE_ASKS and not best.figure)

    @staticmethod
    def _names_the_event(question: Question, best: Extraction, scorer: ClauseScorer) -> bool:
        """Does the clause (with its heading and lead-in) share a word, or half the characters, with the
        event a "when" question asks the time of ("…在哪天前完成配额清缴履约" -> 配额清缴履约)? Words that only
        say something is done (完成, 实现) do not count."""
        asked = re.split(EVENT_ASKED_SPLIT, question.text)
        # in one wording ("出台" and "制定" a plan; matching.py's synonyms)
        event = EVENT_WORDS_RE.sub("", canonical(asked[-1]) if len(asked) > 1 else "")
        grams = {event[i:i + 2] for i in range(len(event) - 1)} - GENERIC_EVENT_GRAMS
        grams = {g for g in grams if re.fullmatch(r"[\u4e00-\u9fff]{2}", g)}
        # words the event shares with the subject before the ask ("纳入配额管理的企业…完成配额清缴")
        # name the subject, not the event
        grams = {g for g in grams if g not in canonical(asked[0])} or grams
        if not grams:
            return True
        clause = best.clause
        lead_in = scorer.lead_in(clause)
        # the clause's own line, and the line before it ("…制定实施方案。" over "完成时限:2022年6月底前")
        lines = lead_in.split("\n")
        # the clause's own heading, not the chapter's ("第五章排放核查与配额清缴" names every article's topic)
        context = canonical(" ".join([clause.text, clause.section.split(" > ")[-1], *lines[-2:]]))
        # "自7月1日起,对未按时提交…的单位进行催告": what was not done is no event the day is for
        context = NOT_DONE_RE.sub("", context)
        # a paraphrase ("改完" for 改造完成) keeps the characters, if not the words
        chars = {c for g in grams for c in g}
        return any(g in context for g in grams) or 2 * sum(c in context for c in chars) >= len(chars)

    @staticmethod
    def _ends_by(best: Extraction) -> bool:
        """Is the date chosen a day by which something ends ("2022年5月30日前", "…截止")?"""
        text, figure = best.clause.text, best.figure
        at = text.find(figure)
        # "…截止时间为2022年6月30日": the words before the day say it ends there
        closing = at >= 0 and CLOSES_BEFORE_RE.search(text[max(0, at - 12):at])
        return bool(ENDS_BY_TAIL_RE.search(figure) or (at >= 0 and ENDS_BY_RE.match(text, at + len(figure))) or closing)

    def _body_exists(self, question: Question, best: Extraction) -> bool:
        """Does the document hold the body a question names ("…下设的能耗双控专项工作组")? Its last
        words (专项工作组, not just 工作组) must be printed in the document; "工作" is left out on both
        sides ("碳达峰碳中和领导小组" is the document's "碳达峰碳中和工作领导小组")."""
        named = BODY_NAMED_RE.findall(question.text)
        if not named:
            return True  # most questions name no body: the document's text is not copied for them
        text = self.index.texts.get(best.clause.doc_id, "").replace("工作", "")
        return all(body.replace("工作", "")[-len(suffix.replace("工作", "")) - 2:] in text for body, suffix in named)

    def _naming(self, doc_id: str) -> str:
        """The words that name a document (its titles and issuers): in a question they qualify nothing."""
        meta = self.index.documents[doc_id]
        return f"{meta.title} {meta.notice_title} {meta.issuer}"

    def _of_another_owner(self, question: Question, best: Extraction, scorer: ClauseScorer) -> bool:
        clause = best.clause
        # the sentence and its heading: the section's other sentences are about other things
        context = " ".join([scorer.sentence_before(clause), clause.text, *clause.columns, clause.section])
        return owner_missing(question.topic, context, self._naming(clause.doc_id))

    def _of_a_sibling(self, question: Question, best: Extraction, scorer: ClauseScorer) -> bool:
        """Is the clause about a sibling of the thing asked ("燃煤锅炉" for 燃油锅炉; contrast.swaps_a_qualifier)?"""
        clause = best.clause
        # a row's figure is about its label and its column ("灵丘县（植被覆盖指数）为79.88"), a sentence's
        # about the words of its sentence
        own = scorer.sentence_before(clause) + clause.text if clause.kind == "sentence" else f"{best.phrase} {clause.text}"
        context = " ".join([own, clause.text, *clause.columns, clause.section, scorer.lead_in(clause)])
        tagged = self.searcher.tokenizer.tagged
        return swaps_a_qualifier(tagged(question.topic), tagged(own), context, self._naming(clause.doc_id))

    def _choose(self, question: Question, clauses, scorer: ClauseScorer, region: str | None,
                unsure: set[str], naming: set[str] = frozenset()) -> tuple[Extraction | None, str]:
        """The best answer from the clauses that speak for the asked region, and a caveat.

        The region's own documents answer first; another region's document that names it, when they
        do not. Clauses of documents whose region is unread answer only when no document of the
        region does (with UNSURE_REGION_NOTE); a figure a lower-level document quotes from a higher
        level (我国承诺…) is never stated as the region's own: when nothing else answers, the caveat
        is HIGHER_LEVEL."""
        quoted = {(c.doc_id, c.start) for c in clauses if self.speaks_for_higher_level(c, question, region)}
        own_level = [c for c in clauses if (c.doc_id, c.start) not in quoted]
        if naming:
            own = extract(question, [c for c in own_level if c.doc_id not in unsure | naming], scorer)
            if self._answers(question, own, scorer):
                return own, ""
        best = extract(question, [c for c in own_level if c.doc_id not in unsure], scorer)
        if self._answers(question, best, scorer) or not (unsure or quoted):
            return best, ""
        if unsure:
            fallback = extract(question, own_level, scorer)
            if self._answers(question, fallback, scorer):
                return fallback, UNSURE_REGION_NOTE if region else ""
        nearest = extract(question, clauses, scorer) if quoted else None
        if nearest is not None and (nearest.clause.doc_id, nearest.clause.start) in quoted:
            return None, HIGHER_LEVEL  # a refusal either way: it says what the nearest figure is
        return best, ""

    def speaks_for_higher_level(self, clause, question: Question, region: str | None) -> bool:
        """A clause of a provincial or local document that states a higher level's figure, asked
        about other than that higher level."""
        if (question.ask not in FIGURE_ASKS or any(r == NATIONAL for r in question.regions)
                or NATIONAL_ASKED_RE.search(question.text)):
            return False
        meta = self.index.documents[clause.doc_id]
        home = region if region and region in meta.regions else (meta.regions or ("",))[0]
        level = self.gazetteer.level(home) if home else 0
        return speaks_for_higher_level(clause.text, level, self.region_forms(home) if home else ())

    def scorer(self, question: Question) -> ClauseScorer:
        words = tuple(self.searcher.tokenizer.words(question.topic))  # to tell a word from two words' seam
        return ClauseScorer(question, self.weights, self.index, self.gazetteer, self.scoring, words)

    def _document_asked(self, hits: list[Hit], scorer, doc_ids: list[str] | None) -> tuple[str | None, float, bool]:
        """For a question about a document itself (who issued it, when): the retrieved document whose
        title and issuers the question's words cover best, and whether the question names it well
        enough. The words that say what is asked ("哪个部门联合印发") name no document."""
        candidates = list(dict.fromkeys(h.chunk.doc_id for h in hits))
        if not candidates:
            return None, 0.0, False
        # a remark in brackets ("（不是落款那个日子）") says what is asked, it names no document
        remarks = "".join(re.findall(r"[（(][^（）()]*[）)]", scorer.q.text))
        # "哪天省人大常委会表决通过的", "从哪天开始生效": the words of a date asked name no document either
        dated = "".join(m.group(0) for _, pattern in DOCUMENT_DATE_ASKS for m in pattern.finditer(scorer.q.text))
        naming = scorer.asked_grams - bigrams(asked_phrase(scorer.q)) - bigrams(remarks) - bigrams(dated)

        def title_fit(doc_id: str) -> float:
            meta = self.index.documents[doc_id]
            return self.weights.coverage(naming, f"{meta.title} {meta.notice_title} {meta.issuer}")

        doc_id = max(candidates, key=lambda d: (title_fit(d), -candidates.index(d)))
        chosen = bool(doc_ids) and len(doc_ids) == 1  # the asker chose the document (《title》 or 只看文件)
        fit = title_fit(doc_id)
        return doc_id, fit, chosen or fit >= self.scoring.refuse_below

    def _document_facts(self, question: Question, region: str | None, hits: list[Hit], scorer,
                        doc_ids: list[str] | None) -> Answer | None:
        """The facts a question asks about a document itself (文号, issuers, the dates it gives: issued,
        passed, effective, valid until, windows), each answered from the words that print it and joined
        in the question's order; None when it asks none, or only dates the document does not print
        (they may be a task's: "方案什么时候印发")."""
        facts = document_facts_asked(question.text)
        if not facts:
            return None
        parts: list[Answer] = []
        for fact in facts:
            if fact == "doc_number":
                parts.append(self._doc_number_answer(question, region, hits, scorer, doc_ids))
            elif fact == "issuer":
                parts.append(self._issuer_answer(question, region, hits, scorer, doc_ids))
            elif fact == "issuer_count":
                parts.append(self._issuer_count_answer(question, region, hits, scorer, doc_ids))
            elif fact == "issue_date":
                parts.append(self._issue_date_answer(question, region, hits, scorer, doc_ids)
                             or self._no_issue_date(question, hits, scorer, doc_ids))
            else:
                parts.append(self._dated_answer(question, fact, region, hits, scorer, doc_ids))
        found = [p for p in parts if p.found]
        if not found:
            # a 文号 or an issuer asked and not printed is the answer, and so is the date of a notice asked
            # of itself; another date not printed may be a task's ("方案什么时候印发")
            return next((p for p in parts if p.answer and facts[parts.index(p)] in
                         ("doc_number", "issuer", "issuer_count", "issue_date")), None)
        if len(parts) == 1:
            return found[0]
        return self._joined(question, [p for p in parts if p.answer])

    def _dated_answer(self, question: Question, kind: str, region: str | None, hits: list[Hit], scorer,
                      doc_ids: list[str] | None) -> Answer:
        """A date the document gives about itself (DocumentMeta.dates), stated in the words that print it."""
        doc_id, fit, named = self._document_asked(hits, scorer, doc_ids)
        meta = self.index.documents[doc_id] if doc_id is not None and named else None
        dated = next((d for d in meta.dates if d.kind == kind), None) if meta is not None else None
        if dated is None or not dated.text:
            return Answer(question.text, "", False, [], hits)
        text = self.index.texts[doc_id]
        start = dated.start if text.startswith(dated.text, dated.start) else text.find(dated.text)
        if start < 0:
            return Answer(question.text, "", False, [], hits)
        who = region or meta.region or f"《{meta.title}》"
        said = {"passed": f"{dated.by}通过" if dated.by else "通过", "approved": f"{dated.by}批准" if dated.by else "批准"}
        # a 版记 line prints its date spread over tab stops ("2022年\t1\t月\t20\t日印发")
        printed = re.sub(r"\s+", "", dated.text) if kind == "printed" else dated.text
        first = f"{who}：《{meta.title}》{DATE_KIND_WORDS[kind]}：{printed}" + (
            f"（{said[kind]}）" if kind in said and dated.by and dated.by not in dated.text else "") + "。"
        citations = self._citations(meta, self._section_at(doc_id, start), text, start, start + len(dated.text))
        issued = next((d for d in meta.dates if d.kind == "issued"), None)
        if kind in ("effective", "valid_until") and not DATE_RE.search(dated.text) and issued and issued.text:
            # "自印发之日起施行", "有效期5年": the day it counts from is the date of issue, quoted too
            at = text.find(issued.text)
            if at >= 0:
                first += f"印发日期为{issued.text}。"
                citations += self._citations(meta, "落款", text, at, at + len(issued.text))
        source = f"依据《{meta.title}》（{meta.doc_number or '无文号'}）。"
        return Answer(question.text, first + "\n" + source, True, citations, hits, fit)

    def _section_at(self, doc_id: str, offset: int) -> str:
        return next((s.label for s in reversed(self.index.document(doc_id).sections) if s.start <= offset < s.end), "文件头")

    def _issue_date_answer(self, question: Question, region: str | None, hits: list[Hit], scorer,
                           doc_ids: list[str] | None = None) -> Answer | None:
        """When a document was issued: its date as read at ingest, quoted from the 落款 or 发布日期 line;
        None when the question names no indexed document or its date is not printed."""
        doc_id, fit, named = self._document_asked(hits, scorer, doc_ids)
        if doc_id is None or not named:
            return None
        meta = self.index.documents[doc_id]
        posted = next((d for d in meta.dates if d.kind == "posted"), None)
        if posted is not None and POSTED_ASKED_RE.search(question.text) and posted.date != meta.date:
            return self._dated_answer(question, "posted", region, hits, scorer, doc_ids)
        printed = next((d for d in meta.dates if d.kind == "printed"), None)
        if printed is not None and (not meta.date or self._asks_printed(question.text, meta, printed)):
            return self._dated_answer(question, "printed", region, hits, scorer, doc_ids)
        line = meta.evidence.get("date", "").split("：", 1)[-1]
        text = self.index.texts[doc_id]
        start = text.find(line) if meta.date and line else -1
        if start < 0:
            return None
        end = start + len(line)
        printed = DATE_RE.search(line)
        who = region or meta.region or f"《{meta.title}》"
        first = f"{who}：《{meta.title}》的印发日期为{printed.group(0) if printed else meta.date}。"
        source = f"依据《{meta.title}》（{meta.doc_number or '无文号'}）落款。"
        citations = self._citations(meta, "落款", text, start, end)
        return Answer(question.text, first + "\n" + source, True, citations, hits, fit)

    @staticmethod
    def _asks_printed(text: str, meta, printed) -> bool:
        """Does a question ask the day the 版记 prints, not the 落款's? It says so, or it names the office
        that printed the document ("省政府办公厅是哪天印发的") where the document's issuer is another body."""
        office = OFFICE_RE.search(printed.by)
        return bool(PRINTED_ASKED_RE.search(text)) or bool(
            office and office.group(0) in text and office.group(0) not in meta.issuer)

    def _no_issue_date(self, question: Question, hits: list[Hit], scorer, doc_ids: list[str] | None) -> Answer:
        """A notice asked when it itself was issued, whose date is printed nowhere: the documents do not say.
        Not so for a plan ("方案什么时候印发" may ask the day a document sets for writing one)."""
        doc_id, _, named = self._document_asked(hits, scorer, doc_ids)
        if doc_id is None or not named or not DOCUMENT_ITSELF_RE.search(question.text):
            return Answer(question.text, "", False)
        title = self.index.documents[doc_id].title
        return Answer(question.text, f"《{title}》没有印出印发日期（落款和发布日期都没有），文件中找不到它是哪天印发的。",
                      False, [], hits)

    def _issuer_answer(self, question: Question, region: str | None, hits: list[Hit], scorer,
                       doc_ids: list[str] | None = None) -> Answer:
        """Who issued a document: its issuer as read at ingest, quoted from the heading or 落款 line."""
        doc_id, fit, named = self._document_asked(hits, scorer, doc_ids)
        if doc_id is None:
            return Answer(question.text, f"文件中没有找到{region or '现有文件'}的相关文件。", False, [], hits)
        meta = self.index.documents[doc_id]
        text = self.index.texts[doc_id]
        issuers = [i for i in meta.issuer.split("、") if i]
        span = _printed_lines(text, issuers[0], "") if issuers else None
        if span is None or not named:
            return Answer(question.text, f"文件中没有找到《{meta.title}》的发文机关。", False, [], hits)
        line_start, line_end = span
        # joint issuers printed over several lines: quote every line that names one of them
        while line_end < len(text):
            following = text.find("\n", line_end + 1)
            following = len(text) if following < 0 else following
            if not any(i in text[line_end:following] and i not in text[line_start:line_end] for i in issuers):
                break
            line_end = following
        # the 落款 may close with "(上海市发展和改革委员会代章)" below the issuers' lines
        stamp = re.search(r"\n[(（]([^()（）\n]{2,30})代章[)）]", text[line_end:line_end + 120])
        if stamp:
            line_end += stamp.end()
        who = region or meta.region or f"《{meta.title}》"
        first = f"{who}：《{meta.title}》的发文机关为{meta.issuer}" + (f"（{stamp.group(1)}代章）" if stamp else "") + "。"
        source = f"依据《{meta.title}》（{meta.doc_number or '无文号'}）。"
        citations = self._citations(meta, "文件头", text, line_start, line_end)
        return Answer(question.text, first + "\n" + source, True, citations, hits, fit)

    def _issuer_count_answer(self, question: Question, region: str | None, hits: list[Hit], scorer,
                             doc_ids: list[str] | None = None) -> Answer:
        """How many issued a document: the count its own head prints ("…等12部门关于印发…"), quoted;
        else the issuers its heading or 落款 names, with no count (none is printed to quote)."""
        named = self._issuer_answer(question, region, hits, scorer, doc_ids)
        doc_id, _, is_named = self._document_asked(hits, scorer, doc_ids)
        if doc_id is None or not is_named:
            return named
        meta = self.index.documents[doc_id]
        text = self.index.texts[doc_id]
        head = text[:HEAD_CHARS]
        printed = ISSUER_COUNT_RE.search(head)
        who = region or meta.region or f"《{meta.title}》"
        source = f"依据《{meta.title}》（{meta.doc_number or '无文号'}）。"
        if printed:
            line_start = head.rfind("\n", 0, printed.start()) + 1
            line_end = head.find("\n", printed.end())
            line_end = len(head) if line_end < 0 else line_end
            listed = f"（文件列出：{meta.issuer}等）" if meta.issuer else ""
            first = f"{who}：《{meta.title}》的发文单位为{printed.group(0).lstrip('等')}{listed}。"
            return Answer(question.text, first + "\n" + source, True,
                          self._citations(meta, "文件头", text, line_start, line_end), hits, named.confidence)
        if not named.found:
            return named
        first = f"{who}：《{meta.title}》没有写明由几个部门印发；文件列出的发文机关为{meta.issuer}。"
        return Answer(question.text, first + "\n" + source, True, named.citations, hits, named.confidence)

    def _doc_number_answer(self, question: Question, region: str | None, hits: list[Hit], scorer,
                           doc_ids: list[str] | None = None) -> Answer:
        """A document's 文号 as read at ingest, quoted from the line that prints it."""
        doc_id, fit, named = self._document_asked(hits, scorer, doc_ids)
        meta = self.index.documents[doc_id] if doc_id is not None and named else None
        if meta is None:
            return Answer(question.text, f"文件中没有找到{region or '现有文件'}的相关文件。", False, [], hits)
        text = self.index.texts[doc_id]
        span = _printed_lines(text, meta.doc_number, meta.evidence.get("doc_number", "")) if meta.doc_number else None
        if span is None:
            return Answer(question.text, f"《{meta.title}》没有印出文号。", False, [], hits)
        line_start, line_end = span
        who = region or meta.region or f"《{meta.title}》"
        first = f"{who}：《{meta.title}》的文号为{meta.doc_number}。"
        citations = self._citations(meta, "文件头", text, line_start, line_end)
        return Answer(question.text, first + "\n" + f"依据《{meta.title}》。", True, citations, hits, fit)

    @staticmethod
    def _joined(question: Question, parts: list[Answer]) -> Answer:
        """Answers to the parts of one question about the same document, one line each, sources last."""
        lines = [p.answer.split("\n")[0] for p in parts]
        sources = list(dict.fromkeys(line for p in parts for line in p.answer.split("\n")[1:]))
        return Answer(question.text, "\n".join(lines + sources), True, [c for p in parts for c in p.citations],
                      parts[0].hits, min(p.confidence for p in parts))

    @staticmethod
    def rerank(hits: list[Hit], clauses_by_chunk: dict, scorer: ClauseScorer) -> list[Hit]:
        """Order the fused hits by their best clause's score: the lexical check of the fused ranking."""
        def best_clause(hit: Hit) -> float:
            return max((scorer.score(c)[0] for c in clauses_by_chunk[hit.chunk.chunk_id]), default=-1.0)

        scored = sorted(hits, key=lambda h: (-best_clause(h), h.rank))
        return [Hit(h.chunk, h.meta, h.score, rank) for rank, h in enumerate(scored, 1)]

    def _with_list_items(self, best: Extraction, clauses, scorer) -> Extraction:
        """For "有哪些": the best clause plus the items beside it in its section that score nearly as
        well, each to be cited on its own."""
        section = best.clause.section
        total = scorer.score(best.clause)[0]
        items = sorted({(c.start, c.end) for c in clauses
                        if c.doc_id == best.clause.doc_id and c.section == section and c.start != best.clause.start
                        and scorer.score(c)[0] >= total - self.scoring.list_item_margin}, key=lambda span: span[0])
        if best.clause.kind == "sentence" and (item_mark(best.clause.text) or best.clause.text.rstrip().endswith((":", "："))):
            # one of a numbered run ("(1)…;(2)…;(3)…") or the words leading into one: the run is the list
            run = self._numbered_run(best.clause, scorer)
            items = [span for span in run if span[0] != best.clause.start] or items
        return replace(best, list_items=tuple(items[:MAX_LIST_ITEMS]))

    @staticmethod
    def _numbered_run(clause, scorer) -> list[tuple[int, int]]:
        """The lines of the clause's section that open with an item number of the clause's own style
        (for a lead-in, of the first numbered line after it)."""
        text = scorer.doc_text[clause.doc_id]
        start, end = scorer.section_span(clause)
        lines, position = [], start
        for line in text[start:end].split("\n"):
            lines.append((position, line))
            position += len(line) + 1
        style = item_mark(clause.text) or next((item_mark(line) for at, line in lines
                                                if at >= clause.end and item_mark(line)), "")
        return [(at, at + len(line)) for at, line in lines if style and item_mark(line) == style]

    def _compose(self, question: Question, region: str | None, best: Extraction, hits: list[Hit]) -> Answer:
        meta = best.meta
        who = region or meta.region or f"《{meta.title or meta.doc_id}》"
        if (region and SELF_DESCRIBED_RE.search(question.text) and region not in meta.regions
                and meta.region in self.gazetteer.ancestors(region)[1:]):
            who = f"{meta.region}（{region}所在地区）"  # a higher level's document answers an enterprise of the region
        if question.ask == "department":
            # named as the question names it: 牵头 for 牵头, 责任 for 责任单位; a plain "哪个部门" gets the name
            role = next((label for word, label in DEPARTMENT_ROLES if word in question.text), "")
            first = f"{who}：{role}为{best.figure}。" if role else f"{who}：{best.figure}。"
        elif question.ask == "deadline":
            first = f"{who}：{best.figure}。"
        else:
            first = f"{who}：{best.phrase}。" if best.figure else f"{who}：{best.phrase}"
        # a unit the audit knows is misspelt ("30万千万") is stated corrected, the original beside it
        stop = "。" if first.endswith("。") else ""  # markup cut open at the end takes the rest with it
        first = correct_unit_typos(strip_markup(first.replace("\t", " ").removesuffix(stop))) + stop  # the quote keeps the markup
        source = f"依据《{meta.title}》（{meta.doc_number or '无文号'}）{best.clause.section}。"
        if best.coverage < self.scoring.unsure_below:
            source += "（与问题的措辞匹配度不高，请核对原文。）"
        text = self.index.texts[meta.doc_id]
        start = best.quote_start
        citations = self._citations(meta, best.clause.section, text, start, best.quote_end)
        if best.clause.kind == "row":  # the row as printed; the header it sits under beside it, not in it
            header = row_header(self.index.document(meta.doc_id), start)
            citations = [replace(c, header=header) for c in citations]
        if best.extra_quote and not (best.quote_start <= best.extra_quote[0] and best.extra_quote[1] <= best.quote_end):
            citations += self._citations(meta, best.clause.section, text, *best.extra_quote)
        # the clause itself, as printed: the reader checks the figure against its words without
        # opening the source, and a figure the phrase left out is still in front of them
        quote = text[start:best.quote_end].strip().replace("\t", " ")
        items = "" if _plain(quote) in _plain(first) else f"\n原文：“{quote}”"
        if citations and citations[0].header:
            items += f"（表头：{citations[0].header}）"
        for start, end in best.list_items:
            citations += self._citations(meta, best.clause.section, text, start, end)
            items += f"\n另：{text[start:end].strip()}"
        return Answer(question.text, first + items + "\n" + source, True, citations, hits, best.coverage)

    @staticmethod
    def _citations(meta, section: str, text: str, start: int, end: int) -> list[Citation]:
        """text[start:end] as quotes, one per piece the source prints in one run: a quote that ran
        across a page number would not be found in the source's own text."""
        return [Citation(meta.doc_id, meta.title, meta.doc_number, section, text[a:b].strip(), a, b, meta.ocr_read(a, b))
                for a, b in meta.printed_pieces(start, end) if text[a:b].strip()]
