"""Okapi BM25 over jieba tokens (Robertson & Zaragoza 2009). Small, exact, no pickles."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np


class BM25:
    def __init__(self, documents: list[list[str]], k1: float = 1.5, b: float = 0.75):
        self.k1, self.b = k1, b
        self.doc_freqs = [Counter(doc) for doc in documents]
        self.lengths = np.array([len(doc) for doc in documents], dtype=np.float32)
        self.avg_length = float(self.lengths.mean()) if len(documents) else 0.0
        df = Counter(term for counts in self.doc_freqs for term in counts)
        n = len(documents)
        self.idf = {term: math.log(1 + (n - f + 0.5) / (f + 0.5)) for term, f in df.items()}
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for i, counts in enumerate(self.doc_freqs):
            for term, tf in counts.items():
                self.postings.setdefault(term, []).append((i, tf))

    def scores(self, query: list[str]) -> np.ndarray:
        out = np.zeros(len(self.doc_freqs), dtype=np.float32)
        if not len(self.doc_freqs):
            return out
        norm = self.k1 * (1 - self.b + self.b * self.lengths / max(self.avg_length, 1e-9))
        for term in set(query):
            for i, tf in self.postings.get(term, ()):
                out[i] += self.idf[term] * tf * (self.k1 + 1) / (tf + norm[i])
        return out
