"""Okapi BM25 over jieba tokens, computed by bm25s (sparse matrices, no pickles).

bm25s scores with Lucene's variant, which leaves out Robertson & Zaragoza's constant (k1 + 1)
factor: the ranking is the same. It replaced a pure-Python index whose question scoring grew with
the library (332 ms for a question over 318,000 chunks, against bm25s's 6 ms; docs/benchmarks.md).
"""

from __future__ import annotations

import math

import numpy as np


class BM25:
    def __init__(self, documents: list[list[str]], k1: float = 1.5, b: float = 0.75):
        import bm25s

        self.size = len(documents)
        self.idf: dict[str, float] = {}
        self._engine = None
        if not any(documents):
            return
        self._engine = bm25s.BM25(k1=k1, b=b, method="lucene")
        self._engine.index(documents, show_progress=False)
        # a term's document frequency is its column's length in bm25s's term-by-document matrix
        frequency = np.diff(self._engine.scores["indptr"])
        # (bm25s adds an empty term for empty documents, with no column)
        self.idf = {term: math.log(1 + (self.size - frequency[i] + 0.5) / (frequency[i] + 0.5))
                    for term, i in self._engine.vocab_dict.items() if term and i < len(frequency)}

    @property
    def nbytes(self) -> int:
        """Memory held by the term-by-document matrix (the vocabulary dictionary aside)."""
        if self._engine is None:
            return 0
        return sum(getattr(part, "nbytes", 0) for part in self._engine.scores.values())

    def scores(self, query: list[str]) -> np.ndarray:
        """Every document's score for the query's distinct known terms (0 where none occurs)."""
        known = [term for term in dict.fromkeys(query) if term in self.idf]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._engine.get_scores(known), dtype=np.float32)
