"""Find the clause or table row that answers a question, and the figure in it.

Candidates are the sentences and table rows of the retrieved chunks. A clause is scored on how
much of the question's wording it carries (IDF-weighted bigrams), whether it holds the kind of
answer asked for (a quantity in the asked unit, a date, a department) and whether its period
fits the question's. Inside the chosen clause, the figure is the mention whose nearby words
repeat the question's longest phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.departments import DEPARTMENT_NOTE_RE, DEPARTMENT_PROSE_RE, DEPARTMENT_RE, NAMED_BODY_RE
from ingest.models import DocumentMeta
from ingest.phase import clause_phase, column_phase, header_phases
from ingest.tables import SKIP_COLUMNS_RE, read_row
from retriever.clauses import Clause
from retriever.matching import BigramWeights, bigrams, canonical, longest_common_run
from ingest.mentions import Mention, figure_window, find_dates, find_quantities, years_in
from retriever.question import PERIODS, Question
from retriever.weights import ScoringWeights

LEAD_IN_CHARS = 150
# asks answered by the clause's own words, not by a figure in it (什么原则, 有哪些)
WORDED_ASKS = ("text", "list")
# "截止到哪天" asks for the end of a period "2021年10月8日至2021年11月19日"
RANGE_END_ASKED_RE = re.compile(r"截止|截至|结束|到哪天|到什么时候|到期|最晚")
RANGE_JOIN_RE = re.compile(r"\s*(?:至|到|—|-|~)\s*")
# "从哪天开始施行" asks for the date a rule starts: "自2021年2月1日起施行"
START_ASKED_RE = re.compile(r"施行|生效|开始执行|起执行|实施日期")
SEGMENT_END_RE = re.compile(r"[,，;；。\t]")
PROSE_CELL_CHARS = 15
QUESTION_FILLER_RE = re.compile(
    r"(?:多少|几)(?:个百分点|[家个项根台座所次亩吨人户辆栋幢批种条块套]|%)?|哪个|哪些|哪[几两三四五六七八九十]?[种类项条份方面]+|哪[几两三四五六七八九十]个|什么时候|什么|何时|是否|请问|分别|"
    r"从哪天|哪一天|哪天|几号|开始|多久|多长时间|多大|多高|"
    r"是|要求|要|应该|应|需要|需|达到|吗|呢|的|[？?。!！，,、\s]|"
    r"牵头部门|责任部门|负责部门|主管部门|哪个部门|牵头单位|由谁|谁牵头"
)
ASK_WORD_RE = re.compile(r"(?:是|要|为|有|达到|应为)?(?:多少|几)(?:个百分点|[家个项根台座所次亩吨人户辆栋幢批种条块套]|%)?")
DURATION_UNITS = ("年", "个月", "个工作日", "工作日", "天", "日", "周年")
# "依据哪份文件" is answered by a clause that names a document: 《…》 or a 文号
DOCUMENT_ASKED_RE = re.compile(r"哪(?:份|个|一份|部)(?:文件|政策|规定|办法|方案)|什么(?:文件|政策文件)|依据什么|根据什么")
DOCUMENT_NAMED_RE = re.compile(r"《[^》]{4,}》|〔\d{4}〕\d+号")
# how often: "每年发布一次" answers "多长时间发布一次"
FREQUENCY_RE = re.compile(r"每(?:年|半年|季度|月|周|[两三五]年)(?:[\u4e00-\u9fff]{0,4}?一次)?")


@dataclass(frozen=True)
class Extraction:
    clause: Clause
    meta: DocumentMeta
    score: float
    coverage: float
    figure: str  # the figure as stated, with its unit
    phrase: str  # a short statement of the answer, built from the clause's own words
    quote_start: int
    quote_end: int
    extra_quote: tuple[int, int] | None = None  # e.g. the 牵头部门 note at the end of a section
    list_items: tuple[tuple[int, int], ...] = ()  # for "有哪些": further items, each cited


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


def topic_fragments(question: Question) -> str:
    """The question's content words, with question words and the asked unit removed."""
    return QUESTION_FILLER_RE.sub(" ", question.topic).strip()


class ClauseScorer:
    def __init__(self, question: Question, weights: BigramWeights, index, gazetteer,
                 scoring: ScoringWeights | None = None, key_terms: tuple[str, ...] = (),
                 words: tuple[str, ...] = ()):
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
        # the question's rarest words (jieba words the library uses, rarest first): a clause holding
        # none of them is about something else
        self.key_terms = tuple(key_terms[:self.scoring.key_words])

    # --- clause level -------------------------------------------------------------------------
    def phase(self, clause: Clause) -> str:
        """"achieved" for reported results, "target" for plans, "" when the clause does not say."""
        return clause_phase(clause.text, clause.section, self.metas[clause.doc_id])

    def period_fit(self, clause: Clause) -> float:
        q = self.q
        phase = self.phase(clause)
        wants_past = q.wants_achieved or q.period == "十三五" or (q.years and max(q.years) <= 2020 and
                                                                self.metas[clause.doc_id].period_start and
                                                                max(q.years) < self.metas[clause.doc_id].period_start)
        score = 0.0
        if wants_past:
            score += {"achieved": 0.15, "target": -0.15}.get(phase, 0.0)
        elif q.period or q.years:
            score += {"achieved": -0.25, "target": 0.1}.get(phase, 0.0)
        clause_years = set(years_in(clause.text))
        if q.baseline_years and clause_years & set(q.baseline_years):
            score += 0.1  # compared against the same year
            clause_years -= set(q.baseline_years)
        target_years = set(q.target_years)
        if target_years and clause_years & target_years:
            score += 0.1
        elif q.years and clause_years:
            score -= 0.1  # a clause about another year
        if q.period:
            lo, hi = PERIODS[q.period]
            if any(y for y in clause_years if y < lo - 1 or y > hi):
                score -= 0.1
        return score

    def answer_fit(self, clause: Clause) -> float:
        """Does the clause hold the kind of answer asked for?"""
        ask = self.q.ask
        if ask == "deadline":
            dates = find_dates(clause.text)
            if START_ASKED_RE.search(self.q.text):  # a start date: "自…起施行"
                return 0.25 if any(clause.text.startswith("起", d.end) for d in dates) else (0.0 if dates else -0.3)
            return 0.25 if any(sets_a_term(clause.text, d) for d in dates) else (0.1 if dates else -0.3)
        if ask == "department":
            return 0.2 if self.department_span(clause) else -0.3
        if ask == "text" and DOCUMENT_ASKED_RE.search(self.q.text):
            return 0.2 if DOCUMENT_NAMED_RE.search(clause.text) else -0.2
        if ask == "list":  # "有哪些" is answered by an enumeration: "炼油、乙烯、合成氨…"
            return 0.2 if clause.text.count("、") >= 2 else 0.0
        if ask == "duration":
            return 0.2 if self.duration_mentions(clause) else -0.3
        if ask in ("number", "percent"):
            mentions = self.candidate_mentions(clause)
            if not mentions:
                return -0.5
            units = read_row(clause.text, clause.columns, clause.section.split(" > ")[-1]).units() if clause.kind == "row" else set()
            if self.q.unit and (any(self.unit_fits(m) for m in mentions) or any(self.unit_matches(u) for u in units)):
                return 0.2
            return 0.0 if not self.q.unit else -0.4
        return 0.0

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
            context = " ".join([clause.text, *clause.columns, clause.section.split(" > ")[-1]])
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
                 + w.rank / clause.hit_rank + w.semantic * clause.semantic)
        if self.q.ask == "department":
            # the department belongs to the whole numbered item: prefer the item about the topic
            total += w.item_density * self.topic_density(self.section_text(clause))
        return total, self.weights.coverage(self.asked_grams, surroundings)

    def restates_title(self, clause: Clause) -> bool:
        """A heading line that only names the document ("关于印发…的通知") answers nothing but who
        issued it and when, which are asked of the metadata; it shares every word of a question that
        names the document."""
        meta = self.metas[clause.doc_id]
        text = canonical(re.sub(r"^关于印发|^关于|的通知$", "", clause.text.strip(" 。")))
        return len(text) >= 6 and any(text in canonical(t) for t in (meta.title, meta.notice_title) if t)

    def only_heading(self, clause: Clause) -> bool:
        """A sentence that is its own section's heading ("11.有序推动个人减排场景接入与开发。"): it
        names the topic a what-question repeats, and says nothing about it."""
        heading = clause.section.split(" > ")[-1]
        return clause.kind == "sentence" and bool(heading) and \
            canonical(clause.text).strip(" 。") == canonical(heading).strip(" 。")

    def holds_key_words(self, clause: Clause) -> bool:
        """Does the clause, with its lead-in, section and title, hold one of the question's rarest
        bigrams? "海上风电装机目标" is not answered by a clause about 光伏装机."""
        if not self.key_terms:
            return True
        meta = self.metas[clause.doc_id]
        context = canonical(" ".join([clause.text, *clause.columns, self.lead_in(clause), clause.section, meta.title]))
        return any(canonical(term) in context for term in self.key_terms)

    def lead_in(self, clause: Clause, chars: int = LEAD_IN_CHARS) -> str:
        """The words just before a clause in its own section: "完成时限:2022年6月" means nothing
        without the task it closes, nor "2021年10月8日至…" without "申报时间"."""
        start, _ = self.section_span(clause)
        return self.doc_text[clause.doc_id][max(start, clause.start - chars):clause.start]

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
    def unit_fits(self, mention: Mention) -> bool:
        return not self.q.unit or self.unit_matches(mention.unit)

    def unit_matches(self, unit: str) -> bool:
        asked = self.q.unit
        if not asked or not unit:
            return False
        if asked == "%":
            return unit in ("%", "个百分点", "比")
        if asked == "元":
            return "元" in unit
        return unit == asked or unit.endswith(asked)

    def duration_mentions(self, clause: Clause) -> list[Mention]:
        """Periods ("5年", "七个工作日") and the dates a validity or start runs to ("至2025年2月28日")."""
        spans = [m for m in find_quantities(clause.text) if m.unit in DURATION_UNITS]
        spans += [Mention(m.start(), m.end(), m.group(0), m.group(0), "频次", "") for m in FREQUENCY_RE.finditer(clause.text)]
        return spans + [d for d in find_dates(clause.text) if d.text.endswith("日") or d.comparator]

    def candidate_mentions(self, clause: Clause) -> list[Mention]:
        mentions = [m for m in find_quantities(clause.text) if m.number not in self.q.numbers]
        if clause.kind == "row":
            mentions = [m for m in mentions if not self._in_skipped_column(clause, m)]
        if self.q.ask == "percent" and not self.q.unit:
            pct = [m for m in mentions if m.unit in ("%", "个百分点")]
            mentions = pct or mentions
        return mentions

    def _in_skipped_column(self, clause: Clause, mention: Mention) -> bool:
        index = clause.text[: mention.start].count("\t")
        return index < len(clause.columns) and bool(SKIP_COLUMNS_RE.match(clause.columns[index]))

    def mention_score(self, clause: Clause, mention: Mention, mentions: list[Mention]) -> tuple[float, str]:
        text = clause.text
        left, right = figure_window(text, mention, mentions)
        left_match = longest_common_run(text[left:mention.start], self.topic)
        right_match = longest_common_run(text[mention.end:right], self.topic)
        score = (left_match + 0.9 * right_match) / max(len(canonical(self.topic)), 4)
        if self.focus:
            focus_match = max(longest_common_run(text[left:mention.start], self.focus),
                              longest_common_run(text[mention.end:right], self.focus))
            score += 0.5 * focus_match / max(len(self.focus), 2)
        if self.q.unit and self.unit_matches(mention.unit):
            score += 0.5
        score += self.segment_year_fit(text, mention)
        score += self.respective_fit(text, mention, mentions)
        return score, text[left:right].strip()

    def respective_fit(self, text: str, mention: Mention, mentions: list[Mention]) -> float:
        """"金叶级、银叶级绿色饭店分别给予20万元、10万元": the n-th figure goes with the n-th item."""
        at = text.find("分别")
        if at < 0 or mention.start < at:
            return 0.0
        figures = enumerated_figures(text, [m for m in mentions if m.start > at])
        items = enumerated_items(text[:at])
        if len(items) != len(figures) or len(items) < 2 or mention not in figures:
            return 0.0
        matches = [longest_common_run(item, self.topic) for item in items]
        best = max(matches)
        if best < 2 or matches.count(best) > 1:
            return 0.0
        return 0.8 if matches[figures.index(mention)] == best else -0.4

    def segment_year_fit(self, text: str, mention: Mention) -> float:
        """"2023年、2024年均…不少于30%": the years of a mention's own segment must fit the question's."""
        if not self.q.years:
            return 0.0
        start = mention.start
        while start > 0 and not SEGMENT_END_RE.match(text[start - 1]):
            start -= 1
        years = set(years_in(text[start:mention.start]))
        if not years:
            return 0.0
        if not years & set(self.q.years):
            return -0.2
        # a list of years picks out this mention only when it sets the asked year apart from others
        return 0.3 if len(years) > 1 else 0.0

    # --- deadlines and departments ------------------------------------------------------------
    def department_span(self, clause: Clause) -> tuple[int, int, str] | None:
        """The department a clause names, in its own words or in its numbered item's 牵头单位 note:
        (start, end, department) in document offsets."""
        text = self.doc_text[clause.doc_id]
        prose = DEPARTMENT_PROSE_RE.search(clause.text)
        label = DEPARTMENT_RE.search(clause.text)
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


def extract(question: Question, clauses: list[Clause], scorer: ClauseScorer) -> Extraction | None:
    """The best-supported answer among ``clauses``, or None when none holds the kind asked for."""
    best: Extraction | None = None
    for clause in clauses:
        if scorer.restates_title(clause) or (question.ask in WORDED_ASKS and scorer.only_heading(clause)):
            continue
        total, coverage = scorer.score(clause)
        found = _figure(question, clause, scorer)
        if found is None:
            continue
        figure, phrase, local, quote, extra = found
        value = total + scorer.scoring.figure * local
        if best is None or value > best.score + 1e-9:
            best = Extraction(clause, scorer.metas[clause.doc_id], value, coverage, figure, phrase,
                              quote[0], quote[1], extra)
    return best


def _figure(question: Question, clause: Clause, scorer: ClauseScorer):
    """(figure, phrase, local score, quote span, extra span) for one clause, or None."""
    quote = (clause.start, clause.end)
    if question.ask == "department":
        span = scorer.department_span(clause)
        if span is None:
            return None
        start, end, department = span
        return department, clause.text.strip(), 0.0, quote, (start, end)
    if question.ask == "duration":
        spans = scorer.duration_mentions(clause)
        if not spans:
            return None
        scored = [(scorer.mention_score(clause, m, spans), m) for m in spans]
        (local, phrase), best = max(scored, key=lambda pair: (pair[0][0], -pair[1].start))
        return best.text.lstrip("到至于截止截至 "), phrase, local, quote, None
    if question.ask == "deadline":
        dates = find_dates(clause.text)
        if not dates:
            return None
        # a deadline ("…前", "…底") first; among several, the one whose neighbouring words repeat the question's
        asks_end = bool(RANGE_END_ASKED_RE.search(question.text))
        asks_start = bool(START_ASKED_RE.search(question.text))
        scored = [(0.5 * (sets_a_term(clause.text, d) or clause.text.startswith("起", d.end))
                   + 0.5 * (asks_start and clause.text.startswith("起", d.end))
                   + 0.6 * (asks_end and i > 0 and _ends_a_range(clause.text, dates[i - 1], d))
                   + scorer.mention_score(clause, d, dates)[0], -d.start, d) for i, d in enumerate(dates)]
        local, _, best = max(scored, key=lambda t: (t[0], t[1]))
        return best.text.lstrip("到至于截止截至 "), clause.text.strip(), local, quote, None
    if clause.kind == "row":
        found = _row_figure(question, clause, scorer)
        if found is not None:
            return found
    mentions = scorer.candidate_mentions(clause)
    if not mentions:
        return None if question.ask in ("number", "percent") else (
            "", clause.text.strip(), 0.0, quote, None)
    scored = [(scorer.mention_score(clause, m, mentions), m) for m in mentions]
    (local, phrase), mention = max(scored, key=lambda pair: (pair[0][0], -pair[1].start))
    if question.ask == "text":  # "什么"/"哪套" asks for what the clause says, not for one of its figures
        return "", clause.text.strip(), local, quote, None
    phrase = _complete_phrase(question, clause.text, phrase, mention, scored)
    date = next((d for d in find_dates(clause.text) if d.end <= clause.text.find(phrase) and d.text not in phrase), None)
    if date is not None and date.text.startswith(("到", "至")):
        phrase = f"{date.text}，{phrase}"
    return mention.text.strip(), phrase, local, quote, None


ITEM_CORE_CHARS = 4


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


def _ends_a_range(text: str, previous: Mention, date: Mention) -> bool:
    between = text[previous.end:date.start]
    return bool(RANGE_JOIN_RE.fullmatch(between)) or (not between.strip() and date.text.startswith(("至", "到")))


def enumerated_figures(text: str, after: list[Mention]) -> list[Mention]:
    """The run of figures listed together after "分别": "3%、3.6%和4.2%" (a figure after a comma or more
    words belongs to the next statement)."""
    run = after[:1]
    for mention in after[1:]:
        if not re.fullmatch(r"\s*[、和及与]\s*", text[run[-1].end:mention.start]):
            break
        run.append(mention)
    return run


CAP_RE = re.compile(r"最高|不超过|不高于|上限|封顶|最多")
ASK_WORDS_RE = re.compile(r"多少|几|多大|多高|多久|什么")


def _complete_phrase(question: Question, text: str, phrase: str, mention: Mention, scored) -> str:
    """Widen the figure's words to what the question also asks: the cap that follows a subsidy
    ("…30%的补助,最高不超过30万元"), or the second figure of a two-part question."""
    start = text.find(phrase)
    if start < 0:
        return phrase
    end = start + len(phrase)
    following = re.match(r"[,，]([^,，。；;]*)", text[end:])
    if following and CAP_RE.search(following.group(1)) and find_quantities(following.group(1)):
        end += following.end()
    if len(ASK_WORDS_RE.findall(question.text)) >= 2 and len(scored) >= 2:
        ranked = sorted(scored, key=lambda pair: -pair[0][0])
        second = next((m for (_, _), m in ranked if m is not mention), None)
        if second is not None:
            window = second.start, second.end
            start, end = min(start, window[0]), max(end, window[1])
            segment_start = max(text.rfind(c, 0, start) for c in "，,。；;") + 1
            start = min(start, segment_start)
    return text[start:end].strip("，,")


def _row_figure(question: Question, clause: Clause, scorer: ClauseScorer):
    row = read_row(clause.text, clause.columns, clause.section.split(" > ")[-1])
    label, unit = row.label, row.unit
    label_years = set(years_in(label))
    region = question.regions[0] if question.regions else ""
    meta = scorer.metas[clause.doc_id]
    best = None
    phases = header_phases(row.columns)
    for i, cell, column in row.value_cells():
        quantities = find_quantities(cell)
        if not quantities or cell == label:
            continue
        if len(cell) > PROSE_CELL_CHARS:
            continue  # a sentence in a cell: read like any other sentence
        mention = quantities[0]
        if mention.number in question.numbers:
            continue
        score = 0.0
        named = scorer.gazetteer.find(column, aliases=False)
        if region and region in named:
            score += 1.0
        elif named:
            score -= 1.5
        elif re.search(r"全市|全区|合计|总计", column) and meta.region == region:
            score += 0.4
        unit_here = unit or row.column_unit(i)
        column_years = set(years_in(column)) or label_years
        if column_years & set(question.years):
            score += 0.5
        elif column_years:
            score -= 0.3
        if "累计" in column and not (column_years & set(question.years)):
            score += 0.2
        phase = phases[i][0] if i in phases else column_phase(column)
        if question.wants_achieved:
            score += {"achieved": 0.5, "target": -0.3}.get(phase, 0)
        else:
            score += {"target": 0.3, "achieved": -0.3, "baseline": -0.3}.get(phase, 0)
        score += 0.1 * longest_common_run(column, question.topic)
        shown_unit = mention.unit or unit_here
        if question.unit and shown_unit and not (shown_unit == question.unit or shown_unit.endswith(question.unit)
                                                 or (question.unit == "%" and "%" in shown_unit)):
            score -= 0.4
        if best is None or score > best[0]:
            figure = cell if mention.unit else f"{cell}{'' if unit_here == '%' and cell.endswith('%') else unit_here}"
            best = (score, column, figure)
    if best is None:
        return None
    score, column, figure = best
    phrase = f"{label}{'（' + column + '）' if column else ''}为{figure}"
    if question.unit and question.unit not in figure and not (question.unit == "%" and "%" in figure):
        score -= 0.3
    # on the scale of a sentence's figure: how much of the question the row's own words repeat
    wording = longest_common_run(f"{label} {figure}", scorer.topic) / max(len(canonical(scorer.topic).replace(" ", "")), 4)
    return figure, phrase, max(score, -1.0) * 0.5 + wording, (clause.start, clause.end), None

