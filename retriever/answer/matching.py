"""How well a passage matches a question's words: synonym-aware, IDF-weighted character bigrams."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

NON_TEXT_RE = re.compile(r"[^\u4e00-\u9fffA-Za-z]+")


@lru_cache(maxsize=1)
def synonym_table() -> tuple[tuple[str, str], ...]:
    """(variant, canonical) pairs from ingest/data/synonyms.txt, longest variant first."""
    text = resources.files("ingest").joinpath("data/synonyms.txt").read_text(encoding="utf-8-sig")
    pairs = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        words = line.split()
        pairs.extend((w, words[0]) for w in words[1:])
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def canonical(text: str) -> str:
    for variant, canon in synonym_table():
        if variant in text:
            text = text.replace(variant, canon)
    return text


def bigrams(text: str) -> set[str]:
    """Character bigrams of the Chinese/Latin runs of ``text`` (digits and punctuation split runs)."""
    grams = set()
    for run in NON_TEXT_RE.split(canonical(text)):
        grams.update(run[i:i + 2] for i in range(len(run) - 1))
        if len(run) == 1:
            grams.add(run)
    return grams


def longest_common_run(a: str, b: str) -> int:
    """Length of the longest common substring of two texts' Chinese/Latin runs."""
    a, b = canonical(a), canonical(b)
    best = 0
    runs_b = [r for r in NON_TEXT_RE.split(b) if r]
    for run in NON_TEXT_RE.split(a):
        for i in range(len(run)):
            for j in range(i + best + 1, len(run) + 1):
                piece = run[i:j]
                if any(piece in rb for rb in runs_b):
                    best = j - i
                else:
                    break
    return best


class BigramWeights:
    """Inverse document frequency of bigrams over a set of passages; rare wording counts more."""

    def __init__(self, passages: list[str]):
        self.n = max(len(passages), 1)
        self.df = Counter(g for p in passages for g in bigrams(p))

    def weight(self, gram: str) -> float:
        return max(math.log((self.n + 1) / (self.df.get(gram, 0) + 0.5)), 0.1)

    def meaningful(self, query_grams: set[str], words: tuple[str, ...]) -> set[str]:
        """The query's bigrams less those that straddle two of its words and that no passage uses:
        "政策和市里" gives 策和 and 和市, which no clause can hold; weighted as the rarest wording, they
        made a colloquial question look unanswered. A word the library lacks (氢能) is kept."""
        if not words:
            return query_grams
        inside = {g for w in words for g in bigrams(w)}
        return {g for g in query_grams if g in inside or g in self.df}

    def coverage(self, query_grams: set[str], passage: str) -> float:
        """Weighted share of the query's bigrams found in the passage, 0..1."""
        if not query_grams:
            return 0.0
        have = bigrams(passage)
        total = sum(self.weight(g) for g in query_grams)
        return sum(self.weight(g) for g in query_grams if g in have) / total
