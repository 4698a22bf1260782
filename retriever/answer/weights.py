"""Every weight that ranks clauses or decides to refuse, in one place, each with its reason.

The values in ``retriever/answer/data/weights.json`` are fitted (``python -m tools.fit_weights``) by
coordinate search on the tune half of the wild question set and the development set: the held-out
half is never used. The defaults below are the starting point of that search.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from importlib import resources
from typing import ClassVar

WEIGHTS_FILE = "data/weights.json"


@dataclass(frozen=True)
class ScoringWeights:
    # --- fitted (tools/fit_weights.py searches these) -------------------------------------------
    # share of the question's IDF-weighted wording found in the clause, its lead-in, section and title
    coverage: float = 1.0
    # the same share in the clause's own words alone: of two sentences under one lead-in, the one
    # that says it
    own_words: float = 0.2
    # the same share in the section path alone: a clause under a heading about the topic is about it
    section: float = 0.15
    # the longest run of the question's words repeated verbatim: a quoted phrase beats scattered words
    phrase: float = 0.3
    # does the clause hold the kind of answer asked (a date for 何时, a department for 谁, the unit)?
    answer_kind: float = 1.0
    # do its years and its phase (target or achieved) fit the question's?
    period: float = 1.0
    # for 牵头部门 questions: how much of its numbered item is about the topic
    item_density: float = 0.3
    # the fused retrieval rank (1/rank): a tie-breaker, retrieval already agreed on these
    rank: float = 0.03
    # how well the chosen figure's own neighbouring words repeat the question's phrase
    figure: float = 0.35
    # below this share of the question's wording in the best clause, the documents do not say
    refuse_below: float = 0.42
    # ... unless the clause means what the question asks this closely (cosine): a paraphrase
    # ("由谁追回" for "牵头负责追回") shares meaning, not words
    semantic_keep: float = 1.0
    # below this share the answer is given with a "please check the source" note (not fitted: it
    # decides a warning's wording, never right or wrong)
    unsure_below: float = 0.6

    # --- frozen: set by hand on the tune half, each the size of a nudge between close candidates --
    # period fit (scale of ``period``), a question about a past period or year (十三五, or a year
    # before the document's own period): results reported beat plans
    past_achieved: float = 0.15
    past_target: float = -0.15
    # ... a question about a plan period or year: targets beat results, more so than the other way
    plan_achieved: float = -0.25
    plan_target: float = 0.1
    # the clause names the year the question compares against ("比2020年")
    same_baseline_year: float = 0.1
    # the clause names the year asked; or only other years; or years outside the plan period asked
    same_target_year: float = 0.1
    other_year: float = -0.1
    outside_period: float = -0.1
    # answer-kind fit (scale of ``answer_kind``): the kind asked is there, or it is not
    kind_found: float = 0.2
    kind_missing: float = -0.3
    # a deadline question: a date that sets a term ("…前", "…起施行") beats any other date
    date_sets_term: float = 0.25
    date_other: float = 0.1
    # a "which document" question and a clause naming no document (《…》, 文号)
    no_document_named: float = -0.2
    # a figure question and a clause with no figure; or only figures in another unit than the one asked
    no_figure: float = -0.5
    unit_missing: float = -0.4
    # inside a clause, which figure (on the scale of the share of the topic repeated beside it):
    # words after a figure name it a little less often than words before it ("节能量达到5万吨")
    right_words: float = 0.9
    # the word right next to 多少 ("人均能耗是多少" -> 人均能耗) found beside the figure
    focus_words: float = 0.5
    # the figure is in the unit asked
    figure_unit: float = 0.5
    # "A、B分别为20万元、10万元": the n-th figure for the n-th item, or another item's figure
    respective_item: float = 0.8
    respective_other: float = -0.4
    # the years of the figure's own segment ("2023年、2024年均不少于30%"): not the year asked; one of
    # several years that include the asked one
    segment_other_year: float = -0.2
    segment_listed_year: float = 0.3
    # deadlines inside a clause: a date that sets a term; a start date when a start is asked ("自…起");
    # the end of a range when its end is asked ("截止到哪天")
    term_date: float = 0.5
    start_date: float = 0.5
    range_end: float = 0.6
    # table rows, which cell: its column names the region asked, or another region; a 全市/合计
    # column of the asked region's own document
    column_region: float = 1.0
    column_other_region: float = -1.5
    column_total: float = 0.4
    # its column's years are the years asked, or other years; a 累计 column when no year fits
    column_year: float = 0.5
    column_other_year: float = -0.3
    column_cumulative: float = 0.2
    # the column's phase against the question's: results asked, or targets asked
    column_achieved_asked: float = 0.5
    column_target_when_achieved_asked: float = -0.3
    column_target: float = 0.3
    column_not_target: float = -0.3
    # per character of the question's wording the column name repeats
    column_words: float = 0.1
    # a row whose other cells print a number the question names ("60万千瓦…机组" and the row "超临界 | 60 |
    # 8.254"): the row of the unit asked about
    row_number_named: float = 0.5
    # the cell's unit is not the unit asked; the figure shown does not carry the unit asked
    cell_unit_missing: float = -0.4
    figure_unit_missing: float = -0.3
    # a row's cell score joins a sentence's figure score at half weight, floored so that one bad
    # column cannot sink the row
    row_floor: float = -1.0
    row_share: float = 0.5
    # "有哪些": other clauses of the best one's section scoring within this margin are items of the list
    list_item_margin: float = 0.15
    # "哪个市…最多": a row of numbers shares few words with the question; the best row need only fit this
    # share of refuse_below for its table to be ranked (superlative.py)
    extreme_row_fit: float = 0.6

    # the weights tools/fit_weights.py searches; the rest are frozen
    FITTED: ClassVar[tuple[str, ...]] = ("coverage", "own_words", "section", "phrase", "answer_kind", "period",
                                         "item_density", "rank", "figure", "refuse_below", "semantic_keep")

    @classmethod
    def load(cls, embedding: str | None = None) -> "ScoringWeights":
        """The fitted weights. Cosines of one model are not on the scale of another's: for an index
        embedded with another model than the fit's, the paraphrase keep is switched off."""
        try:
            text = resources.files("retriever.answer").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        data = json.loads(text)
        known = {f.name for f in fields(cls)}
        unknown = set(data.get("weights", {})) - known
        if unknown:
            raise ValueError(f"retriever/answer/{WEIGHTS_FILE}: unknown weight(s) {', '.join(sorted(unknown))}")
        weights = cls(**data.get("weights", {}))
        if embedding and data.get("embedding") and embedding != data["embedding"]:
            weights = replace(weights, semantic_keep=1.0)
        return weights

    def with_value(self, name: str, value: float) -> "ScoringWeights":
        return replace(self, **{name: value})

    def to_dict(self) -> dict:
        return asdict(self)
