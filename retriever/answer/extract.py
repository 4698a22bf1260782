"""Find the clause or table row that answers a question, and the figure in it.

The clauses are ranked by the ClauseScorer (scoring.py). Inside the chosen clause, the figure is
the mention whose nearby words repeat the question's longest phrase; in a table row, the cell whose
column fits the question's region, year and phase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.mentions import Mention, find_dates, find_quantities, years_in
from ingest.models import DocumentMeta
from ingest.phase import column_phase, header_phases
from ingest.tables import read_row, split_cells
from retriever.answer.contrast import about_another, lacks_asked_thing
from retriever.answer.kinds import agrees, unit_kind
from retriever.answer.matching import canonical, longest_common_run
from retriever.answer.question import POSTS, Question
from retriever.answer.scoring import START_ASKED_RE, START_WORDS, ClauseScorer, figure_years, sets_a_term
from retriever.index.clauses import Clause

# asks answered by the clause's own words, not by a figure in it (什么原则, 有哪些)
WORDED_ASKS = ("text", "list", "person", "alias", "contact")
# "截止到哪天" asks for the end of a period "2021年10月8日至2021年11月19日"
RANGE_END_ASKED_RE = re.compile(r"截止|截至|结束|到哪天|到什么时候|到期|最晚")
RANGE_JOIN_RE = re.compile(r"\s*(?:至|到|—|-|~)\s*")
PROSE_CELL_CHARS = 15


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
        dates = [d for d in scorer.dates(clause.text) if not scorer.dates_the_document(clause, d)]
        if not dates:
            return None
        # a deadline ("…前", "…底") first; among several, the one whose neighbouring words repeat the question's
        asks_end = bool(RANGE_END_ASKED_RE.search(question.text))
        asks_start = bool(START_ASKED_RE.search(question.text))
        w = scorer.scoring
        scored = [(w.term_date * (sets_a_term(clause.text, d) or clause.text.startswith("起", d.end))
                   + w.start_date * (asks_start and clause.text.startswith(START_WORDS, d.end))
                   + w.range_end * (asks_end and i > 0 and _ends_a_range(clause.text, dates[i - 1], d))
                   + scorer.mention_score(clause, d, dates)[0], -d.start, d) for i, d in enumerate(dates)]
        local, _, best = max(scored, key=lambda t: (t[0], t[1]))
        return best.text.lstrip("到至于截止截至 "), clause.text.strip(), local, quote, None
    if question.ask == "person":
        return "", _post_segment(question.text, clause.text.strip()), 0.0, quote, None
    if question.ask in ("alias", "contact"):
        return "", clause.text.strip(), 0.0, quote, None
    if clause.kind == "row":
        found = _row_figure(question, clause, scorer)
        if found is not None:
            return found
    mentions = scorer.candidate_mentions(clause)
    if question.years:
        # "到2025年…达到4.5亿吨,到2030年达到5.1亿吨" asked for 2030: a figure stated for another year is none
        asked = set(question.years)
        mentions = [m for m in mentions if not (years := figure_years(clause.text, m.start)) or years & asked] or mentions
    if not mentions:
        return None if question.ask in ("number", "percent") else (
            "", clause.text.strip(), 0.0, quote, None)
    scored = [(scorer.mention_score(clause, m, mentions), m) for m in mentions]
    (local, phrase), mention = max(scored, key=lambda pair: (pair[0][0], -pair[1].start))
    if question.ask in WORDED_ASKS:  # "什么"/"哪套" asks for what the clause says, not for one of its figures
        return "", clause.text.strip(), local, quote, None
    phrase = _complete_phrase(question, clause.text, phrase, mention, scored)
    date = next((d for d in find_dates(clause.text) if d.end <= clause.text.find(phrase) and d.text not in phrase), None)
    if date is not None and date.text.startswith(("到", "至")):
        phrase = f"{date.text}，{phrase}"
    cap = _cap_that_follows(question, clause, scorer, mention, scored)
    if cap is not None:
        phrase, quote = f"{phrase}；{cap[2]}", (clause.start, cap[1])
    return mention.text.strip(), phrase, local, quote, None


def _cap_that_follows(question: Question, clause: Clause, scorer: ClauseScorer, mention: Mention, scored):
    """The sentence right after the clause, in its section, when it caps what the clause grants and
    the question asks for a cap the clause does not state ("按1:0.5比例配套…。单个项目最高不超过300万元。"
    asked "按什么比例、最高多少"): (start, end, text), else None."""
    asks_second = len(ASK_WORDS_RE.findall(question.text)) >= 2 and len(scored) < 2
    uncapped = scorer.wants_cap and not any(scorer.capped(clause.text, m) for _, m in scored)
    if clause.kind != "sentence" or not (uncapped or asks_second):
        return None
    text = scorer.doc_text[clause.doc_id]
    _, section_end = scorer.section_span(clause)
    following = re.match(r"\s*([^。；;\n]*[。；;]?)", text[clause.end:section_end])
    sentence = following.group(1).strip() if following else ""
    quantities = find_quantities(sentence)
    if not quantities or not any(scorer.capped(sentence, m) for m in quantities):
        return None
    start = clause.end + following.start(1)
    return start, start + len(following.group(1).rstrip()), sentence.rstrip("。；;")


def _ends_a_range(text: str, previous: Mention, date: Mention) -> bool:
    between = text[previous.end:date.start]
    return bool(RANGE_JOIN_RE.fullmatch(between)) or (not between.strip() and date.text.startswith(("至", "到")))


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


def _post_segment(question: str, text: str) -> str:
    """The part of a list of posts that holds the one asked: "组长是谁" against "组长:王某某委党委书记、主任
    副组长:刘某某…成员:…" is "组长:王某某委党委书记、主任"; the whole text when the post is not printed
    with a colon there."""
    for post in (m.group(0) for m in re.finditer(rf"副?{POSTS}", question)):
        # "组长" is not the "组长" of "副组长", nor "召集人" that of "副召集人"
        at = next((m for m in re.finditer(rf"{post}\s*[:：]", text)
                   if post.startswith("副") or not text[max(0, m.start() - 1):m.start()] == "副"), None)
        if at is None:
            continue
        after = re.search(rf"副?(?:{POSTS}|成员|组员)\s*[:：]|[。；;]", text[at.end():])
        return text[at.start():at.end() + (after.start() if after else len(text))].strip(" ,，、")
    return text


def _row_figure(question: Question, clause: Clause, scorer: ClauseScorer):
    row = read_row(clause.text, clause.columns, clause.section.split(" > ")[-1])
    label, unit = " ".join(p for p in (clause.group, row.label) if p), row.unit
    label_years = set(years_in(label))
    region = question.regions[0] if question.regions else ""
    meta, w = scorer.metas[clause.doc_id], scorer.scoring
    asked = scorer.asked_things(clause)
    if lacks_asked_thing(asked, " ".join([clause.group, clause.text, clause.section, *clause.columns])):
        return None  # a row about other things (contrast.py)
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
            score += w.column_region
        elif named:
            score += w.column_other_region
        elif re.search(r"全市|全区|合计|总计", column) and meta.region == region:
            score += w.column_total
        unit_here = unit or row.column_unit(i)
        column_years = set(years_in(column)) or label_years
        if column_years & set(question.years):
            score += w.column_year
        elif column_years:
            score += w.column_other_year
        if "累计" in column and not (column_years & set(question.years)):
            score += w.column_cumulative
        phase = phases[i][0] if i in phases else column_phase(column)
        if question.wants_achieved:
            score += {"achieved": w.column_achieved_asked, "target": w.column_target_when_achieved_asked}.get(phase, 0)
        else:
            score += {"target": w.column_target, "achieved": w.column_not_target, "baseline": w.column_not_target}.get(phase, 0)
        score += w.column_words * longest_common_run(column, question.topic)
        shown_unit = mention.unit or unit_here
        if not agrees(scorer.asked_kind, unit_kind(shown_unit) if shown_unit else None):
            continue  # a count where money is asked: never the answer (kinds.py)
        if about_another(asked, f"{label} {column}"):
            continue  # 水电's row where 核电 is asked (contrast.py)
        if question.unit and shown_unit and not (shown_unit == question.unit or shown_unit.endswith(question.unit)
                                                 or (question.unit == "%" and "%" in shown_unit)):
            score += w.cell_unit_missing
        if best is None or score > best[0]:
            figure = cell if mention.unit else f"{cell}{'' if unit_here == '%' and cell.endswith('%') else unit_here}"
            best = (score, column, figure)
    if best is None:
        return None
    score, column, figure = best
    if set(question.numbers) & {cell.strip() for cell in split_cells(clause.text)}:
        score += w.row_number_named
    phrase = f"{label}{'（' + column + '）' if column else ''}为{figure}"
    if question.unit and question.unit not in figure and not (question.unit == "%" and "%" in figure):
        score += w.figure_unit_missing
    # on the scale of a sentence's figure: how much of the question the row's own words repeat
    wording = longest_common_run(f"{label} {figure}", scorer.topic) / max(len(canonical(scorer.topic).replace(" ", "")), 4)
    return figure, phrase, max(score, w.row_floor) * w.row_share + wording, (clause.start, clause.end), None

