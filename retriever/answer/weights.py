"""Every weight that ranks clauses or decides to refuse, in one place, each with its reason.

The values in ``retriever/answer/data/weights.json`` are fitted (``python -m tools.fit_weights``) by
coordinate search on the tune half of the wild question set and the development set: the held-out
half is never used. The defaults below are the starting point of that search.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from importlib import resources

WEIGHTS_FILE = "data/weights.json"


@dataclass(frozen=True)
class ScoringWeights:
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
    # cosine similarity of question and clause from the same e5 model: meaning beside wording
    semantic: float = 0.0
    # how well the chosen figure's own neighbouring words repeat the question's phrase
    figure: float = 0.35
    # below this share of the question's wording in the best clause, the documents do not say
    refuse_below: float = 0.42
    # ... unless the clause means what the question asks this closely (cosine): a paraphrase
    # ("由谁追回" for "牵头负责追回") shares meaning, not words
    semantic_keep: float = 1.0
    # the answer's context must hold one of the question's this-many rarest words the library uses:
    # "海上风电装机" is not answered by a clause about 光伏装机
    key_words: int = 4
    # below this share the answer is given with a "please check the source" note
    unsure_below: float = 0.6

    @classmethod
    def load(cls, embedding: str | None = None) -> "ScoringWeights":
        """The fitted weights. Cosines of one model are not on the scale of another's: for an index
        embedded with another model than the fit's, the similarity signals are switched off."""
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
            weights = replace(weights, semantic=0.0, semantic_keep=1.0)
        return weights

    def with_value(self, name: str, value: float) -> "ScoringWeights":
        return replace(self, **{name: value})

    def to_dict(self) -> dict:
        return asdict(self)
