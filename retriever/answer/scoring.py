"""How well a clause answers a question: the ClauseScorer.

Candidates are the sentences and table rows of the retrieved chunks. A clause is scored on how
much of the question's wording it carries (IDF-weighted bigrams), whether it holds the kind of
answer asked for (a quantity in the asked unit, a date, a department) and whether its period
fits the question's. Every weight is a field of ScoringWeights (weights.py).
"""

from __future__ import annotations

import re

from ingest.departments import (DEPARTMENT_NOTE_RE, DEPARTMENT_PROSE_RE, DEPARTMENT_RE, NAMED_BODY_RE, PARTNERS_ASKED_RE,
                                 PARTNERS_RE)
from ingest.lexicon import units_of_kind
from ingest.periods import plan_span, plans_named
from ingest.mentions import Mention, figure_window, find_dates, find_quantities, years_in
from ingest.periods import ended_before
from ingest.phase import clause_phase
from ingest.tables import SKIP_COLUMNS_RE, cell_at, read_row
from retriever.answer.contrast import about_another, asked_things, lacks_asked_thing, subject_words
from retriever.answer.kinds import agrees, asked_kind, date_precision, kind_in_clause, mention_kind, unit_kind
from retriever.answer.matching import BigramWeights, bigrams, canonical, longest_common_run
from retriever.answer.question import PERIODS, POSTS, Question, defined_term
from retriever.answer.weights import ScoringWeights
from retriever.index.clauses import Clause

LEAD_IN_CHARS = 150
OWN_DATE_KINDS = ("issued", "passed", "approved")  # DocumentMeta.dates that date the document itself
# how a notice prints a way to reach it, by the words a question asks it with
CONTACT_PATTERNS = (
    ("网址|网站|链接", re.compile(r"(?:https?://|www\.)[\w./-]+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:cn|com|org|net)\b")),
    ("电话|联系方式", re.compile(r"\d{3,4}-\d{7,8}|(?<!\d)1[3-9]\d{9}(?!\d)|\d{7,8}")),
    ("邮箱|电子邮件|联系方式", re.compile(r"[\w.-]+@[\w-]+(?:\.[\w-]+)+")),
    ("地址|地点", re.compile(r"地址|地点|[路街]\d+号|\d+室")),
)
# "从哪天开始施行" asks for the date a rule starts: "自2021年2月1日起施行"
START_ASKED_RE = re.compile(r"施行|生效|开始执行|起执行|实施日期|(?:什么时候|何时|哪年|哪一年|几月)(?:开始|起)")
START_WORDS = ("起", "开始")  # "自2023年1月1日起施行", "2022年4月开始,推进…"
SEGMENT_END_RE = re.compile(r"[,，;；。\t]")
# a clause that goes on from the one before without naming what it is about: "到2030年,力争达到700万千瓦"
SUBJECTLESS_RE = re.compile(r"\s*(?:(?:到|至|在)?(?:19|20)\d{2}\s*年(?:底|末)?(?:前)?[,，]\s*)?(?:力争|分别|均|累计|要|将)?"
                            r"(?:达到|达|提高到|提升到|降低到|下降|下降到|增加到|增长到|控制在|突破|超过|不低于|不少于|不超过)")
BASELINE_RE = re.compile(r"(?:比|较|与|相比|同比)\s*(?:19|20)\d{2}\s*年(?:度|底|末)?")
TIME_SEGMENT_RE = re.compile(r"\s*(?:到|至|在|于)?((?:19|20)\d{2})\s*年(?:底|末)?(?:前)?\s*")
NAME_ASKED_RE = re.compile(r"名字|姓名|叫什么")
CLAUSE_YEAR_RE = re.compile(r"\s*(?:到|至|在|于)?((?:19|20)\d{2})\s*年(?:底|末)?(?:前)?\s*[,，]")
QUESTION_FILLER_RE = re.compile(
    r"(?:多少|几)(?:个百分点|[家个项根台座所次亩吨人户辆栋幢批种条块套]|%)?|哪个|哪些|哪[几两三四五六七八九十]?[种类项条份方面]+|哪[几两三四五六七八九十]个|什么时候|什么|何时|是否|请问|分别|"
    r"从哪天|哪一天|哪天|几号|开始|多久|多长时间|多大|多高|"
    r"是|要求|要|应该|应|需要|需|达到|吗|呢|的|[？?。!！，,、\s]|"
    # spoken pointers and hedges that name nothing: "湖北碳交易这块", "那个通知", "不用的话"
    r"这块|这一块|那个|那份|这个|这份|这次|的话|"
    r"牵头部门|责任部门|负责部门|主管部门|哪个部门|牵头单位|由谁|谁牵头"
)
ASK_WORD_RE = re.compile(r"(?:是|要|为|有|达到|应为)?(?:多少|几)(?:个百分点|[家个项根台座所次亩吨人户辆栋幢批种条块套]|%)?")
# "依据哪份文件" is answered by a clause that names a document: 《…》 or a 文号
# a table of contents' line: dot leaders, then a page number ("…发展............(8)", "……13")
CONTENTS_LINE_RE = re.compile(r"(?:\.{4,}|…{2,}|·{4,})\s*[·\s]*(?:\.{2,}|…+)?\s*[(（]?\d{0,3}[)）]?\s*$")
DOCUMENT_ASKED_RE = re.compile(r"哪(?:份|个|一份|部)[\u4e00-\u9fff]{0,2}?(?:文件|政策|规定|办法|方案|条例|法规)|什么(?:文件|政策文件)|依据什么|根据什么")
SIZED_AFTER_RE = re.compile(r"\s*(?:及以上|以上|及以下|以下)(?:的)?")
DOCUMENT_NAMED_RE = re.compile(r"《[^》]{4,}》|〔\d{4}〕\d+号")
CITED_TITLE_RE = re.compile(r"《[^》]*》")
# "最多/最高/上限…多少" asks for a cap, which the clause states as one
CAP_ASKED_RE = re.compile(r"(?:最多|最高|上限|封顶|顶格)[^，,。？?]{0,8}(?:多少|几)|(?:多少|几)[^，,。？?]{0,4}(?:封顶|为上限)")
CAP_BEFORE_RE = re.compile(r"最高|最多|不超过|不高于|上限|封顶")
CAP_REACH = 8  # characters before a figure that may state it as a cap
MIN_BODY_CHARS = 10  # text under a heading that makes it a heading, not a one-line item
# the number an enumerated item opens with: (1) （2） 3. 4、 ①
ITEM_MARK_RE = re.compile(r"^(?:([(（])\d{1,2}[)）]|\d{1,2}([.、])(?!\d)|([①-⑳]))")
# how often: "每年发布一次" answers "多长时间发布一次"
FREQUENCY_RE = re.compile(r"每(?:年|半年|季度|月|周|[两三五]年)(?:[\u4e00-\u9fff]{0,4}?一次)?")
RESPECTIVE_ASKED_RE = re.compile(r"分别|各(?:是|为|要)|各自")  # a question for every figure of a list
LIST_SHARED_CHARS = 3
SUBJECTLESS_CHARS = 3
LIST_JOINS = "、和及与或"
SEGMENT_MARKS = ",，。;；:：\t"  # "力争下降", "按": words before a figure this short say no subject of their own  # words a 分别 list's items share, repeated by a question that asks what it states
ITEM_CORE_CHARS = 4


def focus_term(question: Question) -> str:
    """The words right next to 多少/几: what is being counted ("人均能耗是多少" -> 人均能耗)."""
    topic = question.topic
    match = ASK_WORD_RE.search(topic)
    if not match:
        return ""
    before = re.split(r"[\s,，、]", topic[: match.start()])[-1]
    after = QUESTION_FILLER_RE.sub(" ", topic[match.end():]).strip().split(" ")[0]
    before = QUESTION_FILLER_RE.sub(" ", before).strip().split(" ")[-1] if before else ""
    return after if len(after) >= 2 else before


def item_mark(text: str) -> str:
    """The style of the item number ``text`` opens with ("(" for (1), "." for 1., "①"), "" for none."""
    match = ITEM_MARK_RE.match(text)
    return next((g for g in match.groups() if g), "") if match else ""


def topic_fragments(question: Question) -> str:
    """The question's content words, with question words and the asked unit removed."""
    return QUESTION_FILLER_RE.sub(" ", question.topic).strip()


class ClauseScorer:
    def __init__(self, question: Question, weights: BigramWeights, index, gazetteer,
                 scoring: ScoringWeights | None = None, words: tuple[str, ...] = ()):
        self.q = question
        self.weights = weights
        self.scoring = scoring or ScoringWeights()
        self.index = index
        self.gazetteer = gazetteer
        self.doc_text = index.texts
        self.metas = index.documents
        self._scores: dict[tuple, tuple[float, float]] = {}
        self.topic = topic_fragments(question)
        self.focus = focus_term(question)
        self.grams = bigrams(self.topic)
        # what the refusal weighs: the share of the question a clause holds, less the seams between
        # the asker's own words that no document could hold (ranking keeps every bigram: for it they
        # are the same constant in every clause)
        self.asked_grams = weights.meaningful(self.grams, words)
        self.wants_cap = question.ask in ("number", "percent") and bool(CAP_ASKED_RE.search(question.text))
        self.asks_cap = self.wants_cap and question.ask == "number"  # the cap is the figure asked
        self.asks_partners = question.ask == "department" and bool(PARTNERS_ASKED_RE.search(question.text))
        self.asked_kind = asked_kind(question)  # a figure of another kind never answers (kinds.py)

    # --- clause level -------------------------------------------------------------------------
    def phase(self, clause: Clause) -> str:
        """"achieved" for reported results, "target" for plans, "" when the clause does not say."""
        return clause_phase(clause.text, clause.section, self.metas[clause.doc_id])

    def period_fit(self, clause: Clause) -> float:
        q = self.q
        phase = self.phase(clause)
        meta = self.metas[clause.doc_id]
        # a plan period or year the document's own period (or, without one, its issue) came after
        since = meta.period_start or (int(meta.date[:4]) if meta.date else None)
        wants_past = q.wants_achieved or (q.period and ended_before(q.period, since)) or (
            q.years and meta.period_start and max(q.years) < meta.period_start)
        w = self.scoring
        score = 0.0
        if wants_past:
            score += {"achieved": w.past_achieved, "target": w.past_target}.get(phase, 0.0)
        elif q.period or q.years:
            score += {"achieved": w.plan_achieved, "target": w.plan_target}.get(phase, 0.0)
        clause_years = set(years_in(CITED_TITLE_RE.sub("", clause.text)))  # 《…2035年远景目标纲要》 sets no year
        if q.baseline_years and clause_years & set(q.baseline_years):
            score += w.same_baseline_year
            clause_years -= set(q.baseline_years)
        target_years = set(q.target_years)
        if target_years and clause_years & target_years:
            score += w.same_target_year
        elif q.years and clause_years:
            score += w.other_year
        if q.period:
            lo, hi = PERIODS[q.period]
            if any(y for y in clause_years if y < lo - 1 or y > hi):
                score += w.outside_period
        return score

    def answer_fit(self, clause: Clause) -> float:
        """Does the clause hold the kind of answer asked for?"""
        ask, w = self.q.ask, self.scoring
        if ask == "deadline":
            dates = self.dates(clause.text)
            if START_ASKED_RE.search(self.q.text):  # a start date: "自…起施行"
                return w.date_sets_term if any(clause.text.startswith(START_WORDS, d.end) for d in dates) else (
                    0.0 if dates else w.kind_missing)
            return w.date_sets_term if any(sets_a_term(clause.text, d) for d in dates) else (
                w.date_other if dates else w.kind_missing)
        if ask == "department":
            if self.asks_partners:
                return w.kind_found if PARTNERS_RE.search(clause.text) else w.kind_missing
            return w.kind_found if self.department_span(clause) else w.kind_missing
        term = defined_term(self.q.text) if ask == "text" else ""
        if term:  # "“碳排放权”是指什么" is answered where the document defines it ("碳排放权:是指…", "所称…")
            t = re.escape(term)
            # "X:是指…", "本办法所称X", "…(以下简称“X”)", "广东省碳普惠核证减碳量(PHCER)"
            defines = (rf"{t}[\s:：,，]*(?:是指|系指|指|即|是)|所称[\u4e00-\u9fff]{{0,6}}{t}|简称[“\"]?{t}"
                       rf"|[\u4e00-\u9fff]{{4,}}[(（][“\"]?{t}[”\"]?[)）]")
            return w.kind_found if re.search(defines, clause.text) else w.kind_missing
        if ask == "text" and DOCUMENT_ASKED_RE.search(self.q.text):
            return w.kind_found if DOCUMENT_NAMED_RE.search(clause.text) else w.no_document_named
        if ask in ("person", "alias", "contact"):
            return w.kind_found if self.prints_what_is_asked(clause.text) else w.kind_missing
        if ask == "list":  # "有哪些" is answered by an enumeration: "炼油、乙烯、合成氨…"
            return w.kind_found if clause.text.count("、") >= 2 else 0.0
        if ask == "duration":
            return w.kind_found if self.duration_mentions(clause) else w.kind_missing
        if ask in ("number", "percent"):
            mentions = self.candidate_mentions(clause)
            if not mentions:
                return w.no_figure
            units = read_row(clause.text, clause.columns, clause.section.split(" > ")[-1]).units() if clause.kind == "row" else set()
            if self.asks_cap and clause.kind == "sentence" and not any(self.capped(clause.text, m) for m in mentions):
                return 0.0  # "最多扶持多少" is answered by a stated cap, not by the rate before it
            if self.q.unit and (any(self.unit_fits(m) for m in mentions) or any(self.unit_matches(u) for u in units)):
                return w.kind_found
            return 0.0 if not self.q.unit else w.unit_missing
        return 0.0

    def prints_what_is_asked(self, text: str) -> bool:
        """For "组长是谁", "简称什么", "网址是什么": does ``text`` print a post's holder, a short name or
        a full one, an address?"""
        asked = self.q.text
        if self.q.ask == "person":
            # "组长:林秋实", "部长黄润秋2020年12月31日" (a signature), "王君兰同志兼任办公室主任"
            posts = re.findall(POSTS, asked)
            # asked a name, "办公室主任由科技教育处处长兼任" names a post, not who holds it
            by = r"由(?![^，,。；;]{0,16}(?:长|主任|书记|负责人)(?:兼任|担任))" if NAME_ASKED_RE.search(asked) else "由"
            return any(re.search(rf"(?<!副){post}\s*(?:[:：为]|{by})"
                                 rf"|(?<!副){post}[\u4e00-\u9fff]{{2,3}}(?=\s*(?:\d|$|[,，。;；]))"
                                 rf"|(?:同志|以|由)[^，,。；;]{{0,12}}?(?:兼任|担任|任)[^，,。；;]{{0,12}}?(?<!副){post}", text)
                       for post in posts)
        if self.q.ask == "alias":
            quoted = re.findall(r"[“\"]([^”\"]{2,20})[”\"]", asked)
            if "全称" in asked and quoted:  # "“省碳交办”全称": the clause that shortens to it
                return any(re.search(rf"简称[“\"]?{re.escape(q)}", text) for q in quoted)
            return bool(re.search(r"简称[“\"「]", text))
        return any(pattern.search(text) for word, pattern in CONTACT_PATTERNS if re.search(word, asked))

    def score(self, clause: Clause) -> tuple[float, float]:
        """(total, coverage), computed once per clause: reranking and extraction both ask."""
        key = (clause.doc_id, clause.start, clause.hit_rank)
        if key not in self._scores:
            self._scores[key] = self._score(clause)
        return self._scores[key]

    def _score(self, clause: Clause) -> tuple[float, float]:
        if clause.kind == "sentence":
            context = clause.text
        else:  # a row means nothing without its header and the table's caption
            context = " ".join([clause.group, clause.text, *clause.columns, clause.section.split(" > ")[-1]])
        meta = self.metas[clause.doc_id]
        # words of the question that name the document ("深圳…扶持计划操作规程中…", "生态环境部的…") are
        # found in its title or issuer, not in the clause: they count as found, so a long question is
        # not refused for them
        lead_in = self.lead_in(clause)
        surroundings = " ".join([context, lead_in, clause.section, meta.title, meta.notice_title, meta.issuer])
        coverage = self.weights.coverage(self.grams, surroundings)
        own_cov = self.weights.coverage(self.grams, context)
        section_cov = self.weights.coverage(self.grams, clause.section)
        phrase = longest_common_run(context, self.topic) / max(len(canonical(self.topic).replace(" ", "")), 4)
        w = self.scoring
        total = (w.coverage * coverage + w.own_words * own_cov + w.section * section_cov + w.phrase * phrase
                 + w.answer_kind * self.answer_fit(clause) + w.period * self.period_fit(clause)
                 + w.rank / clause.hit_rank)
        if self.q.ask == "department":
            # the department belongs to the whole numbered item: prefer the item about the topic
            total += w.item_density * self.topic_density(self.section_text(clause))
        return total, self.weights.coverage(self.asked_grams, surroundings)

    def restates_title(self, clause: Clause) -> bool:
        """A heading line that only names the document ("关于印发…的通知") answers nothing but who
        issued it and when, which are asked of the metadata; it shares every word of a question that
        names the document. Nor does a line of its table of contents ("二、以新发展理念…......(8)")."""
        if CONTENTS_LINE_RE.search(clause.text):
            return True
        meta = self.metas[clause.doc_id]
        if any(d.kind in ("printed", "posted") and d.text and d.text in clause.text
               and len(clause.text.strip(" 。")) <= len(d.text) + 4 for d in meta.dates):
            return True  # the 版记's "X办公厅 2021年7月13日印发", a web page's "发布日期:…": the document's own

        text = canonical(re.sub(r"^关于印发|^关于|的通知$", "", clause.text.strip(" 。")))
        return len(text) >= 6 and any(text in canonical(t) for t in (meta.title, meta.notice_title) if t)

    def only_heading(self, clause: Clause) -> bool:
        """A sentence that is its own section's heading ("11.有序推动个人减排场景接入与开发。"): it
        names the topic a what-question repeats, and the text under it says the rest. An item with
        nothing under it ("(一)申报单位为深圳市(含深汕特别合作区)内…的企业;") is its own content."""
        heading = clause.section.split(" > ")[-1]
        if clause.kind != "sentence" or not heading or \
                canonical(clause.text).strip(" 。") != canonical(heading).strip(" 。"):
            return False
        below = self.section_text(clause).replace(clause.text, "", 1)
        return len(re.sub(r"\s", "", below)) >= MIN_BODY_CHARS

    def lead_in(self, clause: Clause, chars: int = LEAD_IN_CHARS) -> str:
        """The words just before a clause in its own section: "完成时限:2022年6月" means nothing
        without the task it closes, nor "2021年10月8日至…" without "申报时间"."""
        start, _ = self.section_span(clause)
        return self.doc_text[clause.doc_id][max(start, clause.start - chars):clause.start]

    def sentence_before(self, clause: Clause) -> str:
        """The clauses of the same sentence before this one: "到2025年,光伏装机容量力争达到400万千瓦;到2030年,
        力争达到700万千瓦" names 光伏 once for both of its figures."""
        if clause.kind != "sentence":
            return ""
        start, _ = self.section_span(clause)
        before = self.doc_text[clause.doc_id][max(start, clause.start - LEAD_IN_CHARS):clause.start]
        return re.split(r"[。\n]", before)[-1]

    def section_span(self, clause: Clause) -> tuple[int, int]:
        for section in self.index.document(clause.doc_id).sections:
            if section.start <= clause.start < section.end:
                return section.start, section.end
        return clause.start, clause.end

    def section_text(self, clause: Clause) -> str:
        start, end = self.section_span(clause)
        return self.doc_text[clause.doc_id][start:end]

    def topic_density(self, text: str, cap: int = 5) -> float:
        """How often the question's words recur in ``text`` (each bigram counted up to ``cap``)."""
        if not self.grams:
            return 0.0
        canon = canonical(text)
        total = sum(self.weights.weight(g) for g in self.grams) * cap
        return sum(self.weights.weight(g) * min(canon.count(g), cap) for g in self.grams) / total

    # --- mentions -----------------------------------------------------------------------------
    def dates(self, text: str) -> list[Mention]:
        """The dates of ``text`` as precise as the question asks ("哪天" is not answered by a year)."""
        return [d for d in find_dates(text) if agrees(self.asked_kind, date_precision(d.text))]

    def dates_the_document(self, clause: Clause, date: Mention) -> bool:
        """Is ``date`` the day the document was issued, passed or approved (its 落款, its head)? That is
        when the document was made, never a day it sets for something to be done."""
        at = clause.start + date.start
        return any(d.start == at and d.kind in OWN_DATE_KINDS for d in self.metas[clause.doc_id].dates)

    @staticmethod
    def capped(text: str, mention: Mention) -> bool:
        """Is the figure stated as a cap ("最高不超过100万元", "上限为…")?"""
        return bool(CAP_BEFORE_RE.search(text[max(0, mention.start - CAP_REACH):mention.start]))

    def unit_fits(self, mention: Mention) -> bool:
        return not self.q.unit or self.unit_matches(mention.unit)

    def unit_matches(self, unit: str) -> bool:
        asked = self.q.unit
        if not asked or not unit:
            return False
        if asked == "%":
            return unit in (*units_of_kind("percent", "percentage-point"), "比")  # "比" is a ratio (1:0.5)
        if asked == "元":
            return "元" in unit
        return unit == asked or unit.endswith(asked)

    def duration_mentions(self, clause: Clause) -> list[Mention]:
        """Periods ("5年", "七个工作日") and the dates a validity or start runs to ("至2025年2月28日")."""
        spans = [m for m in find_quantities(clause.text) if m.unit in units_of_kind("duration")]
        spans += [Mention(m.start(), m.end(), m.group(0), m.group(0), "频次", "") for m in FREQUENCY_RE.finditer(clause.text)]
        return spans + [d for d in find_dates(clause.text) if d.text.endswith("日") or d.comparator]

    def candidate_mentions(self, clause: Clause) -> list[Mention]:
        marker = ITEM_MARK_RE.match(clause.text)
        mentions = [m for m in quantities_outside_dates(clause.text) if m.number not in self.q.numbers
                    and not (marker and m.start < marker.end())]  # "(3)利用…" is item 3, no quantity
        if clause.kind == "row":
            mentions = [m for m in mentions if not self._in_skipped_column(clause, m)]
        if self.q.ask == "percent" and not self.q.unit:
            pct = [m for m in mentions if m.unit in units_of_kind("percent", "percentage-point")]
            mentions = pct or mentions
        listed = [m for m in mentions if self._respective(clause.text, m, mentions)]
        if listed and not RESPECTIVE_ASKED_RE.search(self.q.text):
            names, shared = self.list_names(clause.text)
            question = canonical(self.q.text)
            if not any(n and n in question for n in names):
                # "化学需氧量、氨氮…重点工程减排量分别…" asked for 二氧化硫's (it repeats the shared
                # words): nothing here is it; asked for another thing: only the listed figures are not
                if shared:
                    return []
                mentions = [m for m in mentions if m not in listed]
        if self.q.ask in ("number", "percent"):
            # never a figure of another kind (kinds.py) or said of another thing (contrast.py)
            asked = self.asked_things(clause)
            if lacks_asked_thing(asked, " ".join([clause.group, clause.text, self.sentence_before(clause),
                                                  clause.section, *clause.columns])):
                return []
            mentions = [m for m in mentions if agrees(self.asked_kind, self.figure_kind(clause, m))
                        and not about_another(asked, self.figure_words(clause, m, mentions))]
        return mentions

    def figure_kind(self, clause: Clause, mention: Mention) -> str | None:
        """The kind of a figure; a bare number in a table takes its row's 单位 cell or its column's unit
        ("光伏 | 万千瓦 | 4200": power)."""
        if mention.unit or clause.kind != "row":
            return kind_in_clause(clause.text, mention)
        row = read_row(clause.text, clause.columns, clause.section.split(" > ")[-1])
        index = cell_at(clause.text, mention.start)
        unit = (row.column_unit(index) if index < len(row.columns) else "") or row.unit
        return unit_kind(unit) if unit else None

    def asked_things(self, clause: Clause) -> dict[str, set[int]]:
        meta = self.metas[clause.doc_id]
        return asked_things(self.q.text, f"{meta.title} {meta.notice_title}")


    def figure_words(self, clause: Clause, mention: Mention, mentions: list[Mention]) -> str:
        """The words that say what a figure is: its own segment of the sentence; in a table, its row's
        label and its column's name."""
        if clause.kind == "row":
            index = cell_at(clause.text, mention.start)
            column = clause.columns[index] if index < len(clause.columns) else ""
            return f"{clause.group} {clause.text.split(chr(9))[0] if index else ''} {column}"
        text = clause.text
        left, right = figure_window(text, mention, mentions)
        # "风电、太阳能发电总装机容量达到12亿千瓦": the figure is said of every item of the list before it
        while left > 0 and text[left - 1] in LIST_JOINS:
            item = max(text.rfind(c, 0, left - 1) for c in SEGMENT_MARKS + LIST_JOINS) + 1
            if any(item <= m.start < left for m in mentions):
                break  # "水电装机达到320万千瓦、核电装机…": the item before has a figure of its own
            left = item
        # the figure itself ("二星级" asked "几星级") is the answer, not what it is said of
        before, after = clause.text[left:mention.start], clause.text[mention.end:right]
        # "全省65蒸吨/小时及以上燃煤锅炉": a size names what it sizes after it
        sized = SIZED_AFTER_RE.match(after)
        own = before + (after[sized.end():] if sized else "")
        if len(re.sub(r"[\W\d]", "", subject_words(own))) <= SUBJECTLESS_CHARS:
            # "…能耗比2020年下降14%,力争下降14.5%", "…省级节能示范项目的,按1:0.5比例": a segment whose
            # own words before the figure name nothing goes on with the sentence before it
            before = clause.text[:mention.start]
        return f"{before} {after}"

    def list_names(self, text: str) -> tuple[list[str], str]:
        """The names of a "A、B、C…分别" list's items, and the words they share that the question
        repeats ("挥发性有机物重点工程减排量" -> 重点工程减排量; "" when it repeats none)."""
        at = text.find("分别")
        parts = [p for p in re.split(r"[、和及与]", re.split(r"[，,。；;：:]", text[:at].rstrip("，,：: "))[-1]) if p]
        if len(parts) < 2:
            return [], ""
        last = canonical(parts[-1])
        if last in canonical(self.q.text):
            return [last], ""  # the last item named whole ("人均用水量")
        shared = next((last[i:] for i in range(1, len(last) - 1) if last[i:] in canonical(self.q.text)), "")
        shared = shared if len(shared) >= LIST_SHARED_CHARS else ""
        names = [parts[0][-ITEM_CORE_CHARS:], *parts[1:-1], last[:len(last) - len(shared)][:ITEM_CORE_CHARS]]
        return [canonical(n) for n in names], shared

    def _respective(self, text: str, mention: Mention, mentions: list[Mention]):
        """(items, figures) of a "A、B、C分别…x、y、z" statement that lists ``mention``, else None."""
        at = text.find("分别")
        if at < 0 or mention.start < at:
            return None
        figures = enumerated_figures(text, [m for m in mentions if m.start > at])
        items = enumerated_items(text[:at])
        if len(items) != len(figures) or len(items) < 2 or mention not in figures:
            return None
        return items, figures

    def _in_skipped_column(self, clause: Clause, mention: Mention) -> bool:
        index = cell_at(clause.text, mention.start)
        return index < len(clause.columns) and bool(SKIP_COLUMNS_RE.match(clause.columns[index]))

    def mention_score(self, clause: Clause, mention: Mention, mentions: list[Mention]) -> tuple[float, str]:
        text = clause.text
        left, right = figure_window(text, mention, mentions)
        # the figures of a "A、B分别x、y" list share the words before the first: the list tells them apart
        listed = self._respective(text, mention, mentions)
        lead = text[figure_window(text, listed[1][0], mentions)[0]:listed[1][0].start] if listed else text[left:mention.start]
        if SUBJECTLESS_RE.match(text):
            # "…光伏装机容量力争达到400万千瓦;到2030年,力争达到700万千瓦": the clause before names what it reaches
            before = CLAUSE_YEAR_RE.sub("", self.sentence_before(clause), count=1)
            lead = re.split(r"\d", before, maxsplit=1)[0] + lead  # its words up to its own figure
        left_match = longest_common_run(lead, self.topic)
        right_match = longest_common_run(text[mention.end:right], self.topic)
        w = self.scoring
        score = (left_match + w.right_words * right_match) / max(len(canonical(self.topic)), 4)
        if self.focus:
            focus_match = max(longest_common_run(lead, self.focus),
                              longest_common_run(text[mention.end:right], self.focus))
            score += w.focus_words * focus_match / max(len(self.focus), 2)
        if self.q.unit and self.unit_matches(mention.unit):
            score += w.figure_unit
        if self.asks_cap and self.capped(text, mention):
            score += w.figure_unit
        score += self.segment_year_fit(text, mention)
        score += self.respective_fit(text, mention, mentions)
        words = text[left:right]
        if listed:
            items, figures = listed
            own = items[figures.index(mention)]
            if any(item != own and item in words for item in items):
                # "氨氮…分别累计达到1.2万吨" would give 化学需氧量's figure to 氨氮: the list is stated whole
                items_start = max(text.rfind(c, 0, text.find("分别")) for c in SEGMENT_MARKS) + 1
                return score, text[min(left, items_start):max(right, figures[-1].end)].strip()
        return score, words.strip()

    def respective_fit(self, text: str, mention: Mention, mentions: list[Mention]) -> float:
        """"金叶级、银叶级绿色饭店分别给予20万元、10万元": the n-th figure goes with the n-th item."""
        listed = self._respective(text, mention, mentions)
        if listed is None:
            return 0.0
        items, figures = listed
        matches = [longest_common_run(item, self.topic) for item in items]
        best = max(matches)
        if best < 2 or matches.count(best) > 1:
            return 0.0
        return self.scoring.respective_item if matches[figures.index(mention)] == best else self.scoring.respective_other

    def segment_year_fit(self, text: str, mention: Mention) -> float:
        """"2023年、2024年均…不少于30%": the years of a mention's own segment must fit the question's."""
        if not self.q.years:
            return 0.0
        years = figure_years(text, mention.start)
        if not years:
            return 0.0
        if not years & set(self.q.years):
            return self.scoring.segment_other_year
        # a list of years picks out this mention only when it sets the asked year apart from others
        return self.scoring.segment_listed_year if len(years) > 1 else 0.0

    # --- deadlines and departments ------------------------------------------------------------
    def department_span(self, clause: Clause) -> tuple[int, int, str] | None:
        """The department a clause names, in its own words or in its numbered item's 牵头单位 note:
        (start, end, department) in document offsets."""
        text = self.doc_text[clause.doc_id]
        partners = PARTNERS_RE.search(clause.text) if self.asks_partners else None
        if partners:
            return clause.start + partners.start(1), clause.start + partners.end(1), partners.group(1).strip("、和及与")
        prose = DEPARTMENT_PROSE_RE.search(clause.text)
        label = DEPARTMENT_RE.search(clause.text)
        if label and not clause.text[:label.start()].strip(" (（"):
            # "…下降12%左右。(责任单位:省生态环境厅)提高…比例超过50%。(责任单位:省邮政管理局)": a note that opens
            # a sentence closes the one before; this sentence's own note follows it
            own = DEPARTMENT_RE.match(text, clause.end) or DEPARTMENT_RE.match(text, clause.end + 1)
            if own:
                return own.start(), own.end(), own.group(1).strip()
        if label:
            return clause.start + label.start(), clause.start + label.end(), label.group(1).strip()
        if prose:
            name = next(g for g in prose.groups() if g)
            return clause.start + prose.start(), clause.start + prose.end(), name.strip("、")
        start, end = self.section_span(clause)
        match = DEPARTMENT_RE.search(text, clause.end, end)
        if match:
            return match.start(), match.end(), match.group(1).strip()
        line_end = text.find("\n", clause.start)
        line_end = len(text) if line_end < 0 else line_end
        note = DEPARTMENT_NOTE_RE.search(text, clause.start, line_end)
        if note:
            return note.start(), note.end(), note.group(1).strip("、")
        named = next((m for m in NAMED_BODY_RE.finditer(clause.text) if m.group(0) not in self.q.text), None)
        if named:
            return clause.start + named.start(), clause.start + named.end(), named.group(0)
        return None


def quantities_outside_dates(text: str) -> list[Mention]:
    """The quantities of ``text`` but those inside a date: "2022年3月7日" holds no quantity "7日"."""
    days = [d for d in find_dates(text) if "月" in d.text]
    return [m for m in find_quantities(text) if not any(d.start <= m.start < d.end for d in days)]


def figure_years(text: str, at: int) -> set[int]:
    """The years a figure at ``at`` is stated for: those of its own segment ("2023年、2024年均…"), else the
    year opening its clause ("到2025年,新型储能装机达到20万千瓦"); a baseline ("比2020年") is none."""
    start = at
    while start > 0 and not SEGMENT_END_RE.match(text[start - 1]):
        start -= 1
    years = set(years_in(BASELINE_RE.sub("", text[start:at])))
    if not years:
        # "…,到2030年,生物质发电装机容量达到84万千瓦": a time phrase of its own just before the segment
        before = re.split(r"[,，;；。\t]", text[:max(start - 1, 0)])[-1] if start > 0 else ""
        opening = CLAUSE_YEAR_RE.match(text) or TIME_SEGMENT_RE.fullmatch(before)
        if opening and (opening.re is TIME_SEGMENT_RE or opening.end() <= at):
            years = {int(opening.group(1))}
    return years


def heading_years(heading: str) -> set[int]:
    """The years a heading gives every figure under it: its own ("到2025年主要目标"), else the whole
    five-year plan it names ("(二)“十四五”时期目标": 2021 to 2025); a baseline ("比2020年") is none."""
    if re.search(r"[,，;；。]", heading):
        return set()  # an item's own first sentence ("1、…于2017年3月31日之前建成的…"), not a title
    years = set(years_in(BASELINE_RE.sub("", heading)))
    named = plans_named(heading)
    if not years and named:
        first, last = plan_span(named[-1])
        years = set(range(first, last + 1))
    return years


def stated_years(clause: Clause, figure: str) -> set[int]:
    """The years a chosen figure is stated for: in a table, its column's ("2020年" under 2020年); in a
    sentence, its own words' (figure_years), else the nearest heading above that names some
    ("一、2023年节能工作开展情况 > … > 1.工业节能": 2023)."""
    at = max(clause.text.find(figure), 0)
    if clause.kind == "row":
        # a bare cell is stated with its column's unit ("58.6" as "58.6%"): find the cell by its number
        number = re.match(r"[\d.]+", figure)
        at = max(clause.text.find(number.group()), 0) if number and figure not in clause.text else at
        index = cell_at(clause.text, at)
        column = clause.columns[index] if index < len(clause.columns) else ""
        return set(years_in(BASELINE_RE.sub("", column)))
    own = figure_years(clause.text, at)
    if own:
        return own
    for heading in reversed(clause.section.split(" > ")):
        years = heading_years(heading)
        if years:
            return years
    return set()


def enumerated_items(before: str) -> list[str]:
    """The listed items a "分别" refers back to, each cut to the words next to its separator.

    In "创建金叶级、银叶级绿色饭店的" the shared words sit on the outer items ("创建…", "…绿色饭店"),
    so each item is judged by the few characters beside its 、: "金叶级" against "银叶级".
    """
    text = before.rstrip("，,：: ")
    start = max(text.rfind(c) for c in "，,。；;：:") + 1
    parts = [p for p in re.split(r"[、和及与]", text[start:]) if p]
    if len(parts) < 2:
        return parts
    cores = [parts[0][-ITEM_CORE_CHARS:]] + parts[1:-1] + [parts[-1][:ITEM_CORE_CHARS]]
    return cores


def sets_a_term(text: str, date: Mention) -> bool:
    """A date the clause sets as a term: "…前", "…底", or one to be reached, "到2025年"."""
    return bool(date.comparator) or "底" in date.text or date.text[:1] in ("到", "至") or \
        text[max(date.start - 1, 0):date.start] in ("到", "至")


def enumerated_figures(text: str, after: list[Mention]) -> list[Mention]:
    """The run of figures listed together after "分别": "3%、3.6%和4.2%" (a figure after a comma or more
    words belongs to the next statement)."""
    run = after[:1]
    for mention in after[1:]:
        if not re.fullmatch(r"\s*[、和及与]\s*", text[run[-1].end:mention.start]):
            break
        run.append(mention)
    return run
