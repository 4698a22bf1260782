"""Hybrid search: FAISS (dense) and BM25 (jieba tokens) fused by reciprocal rank, with filters."""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from ingest.models import Chunk, DocumentMeta
from retriever.index import PolicyIndex
from retriever.index.tokenize import Tokenizer, default_tokenizer
from retriever.index.vector_store import SEARCH_DEPTH
from retriever.search.bm25 import BM25
from retriever.search.fusion import reciprocal_rank_fusion


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    meta: DocumentMeta
    score: float
    rank: int


QUERY_CACHE_SIZE = 256


class HybridSearcher:
    """``search(query, k)`` over one loaded index. Build once, query many times."""

    def __init__(self, index: PolicyIndex, embeddings, rrf_k: int = 60, tokenizer: Tokenizer | None = None,
                 depth: int = 50):
        self.index = index
        self.embeddings = embeddings
        self.rrf_k = rrf_k
        self.depth = depth
        self.tokenizer = tokenizer or default_tokenizer()
        self.bm25 = BM25(index.tokens)
        self._row_of = {c.chunk_id: i for i, c in enumerate(index.chunks)}
        # each chunk's document as a number, so that a filter is one vectorised comparison per question
        self._doc_ids = sorted(index.documents)
        number = {doc_id: i for i, doc_id in enumerate(self._doc_ids)}
        self._doc_of_row = np.array([number[c.doc_id] for c in index.chunks], dtype=np.int32)
        self._query_vectors: dict[str, np.ndarray] = {}  # a follow-up or a re-asked question is embedded once

    def with_index(self, index: PolicyIndex) -> "HybridSearcher":
        """This searcher over another version of its index with the same chunks (more vectors): the
        BM25 index and the filters' arrays are kept, not rebuilt."""
        searcher = copy.copy(self)
        searcher.index = index
        return searcher

    def forget_queries(self) -> None:
        """Drop the embedded questions kept for re-asks (benchmarks time a first ask)."""
        self._query_vectors.clear()

    def query_vector(self, query: str) -> np.ndarray:
        vector = self._query_vectors.get(query)
        if vector is None:
            vector = self.embeddings.embed_query_array(query).reshape(1, -1).astype(np.float32)
            if len(self._query_vectors) >= QUERY_CACHE_SIZE:
                self._query_vectors.pop(next(iter(self._query_vectors)))
            self._query_vectors[query] = vector
        return vector

    def allowed_rows(self, regions: list[str] | None = None, doc_ids: list[str] | None = None) -> np.ndarray:
        allowed = np.ones(len(self._doc_ids), dtype=bool)
        if regions:
            wanted = set(regions)
            allowed &= np.array([bool(wanted.intersection(self.index.documents[d].regions)) for d in self._doc_ids], dtype=bool)
        if doc_ids:
            wanted_docs = set(doc_ids)
            allowed &= np.array([d in wanted_docs for d in self._doc_ids], dtype=bool)
        return allowed[self._doc_of_row] if len(self._doc_of_row) else np.zeros(0, dtype=bool)

    def dense_scores(self, query: str, mask: np.ndarray) -> dict[str, float]:
        """Cosine similarity of the query and the allowed chunks nearest to it, best first."""
        if not len(self.index.vectors):
            return {}
        found = self.index.vectors.search(self.query_vector(query), SEARCH_DEPTH)
        return {self.index.chunks[row].chunk_id: score for row, score in found if mask[row]}

    def dense_ranking(self, query: str, mask: np.ndarray) -> list[str]:
        return list(self.dense_scores(query, mask))[: self.depth]

    def sparse_ranking(self, query: str, mask: np.ndarray) -> list[str]:
        scores = self.bm25.scores(self.tokenizer.words(query))
        candidates = np.flatnonzero(mask & (scores > 0))  # ascending rows: a stable sort breaks ties by row
        ranked = candidates[np.argsort(-scores[candidates], kind="stable")][: self.depth]
        return [self.index.chunks[int(r)].chunk_id for r in ranked]

    def search(self, query: str, k: int = 8, regions: list[str] | None = None,
               doc_ids: list[str] | None = None) -> list[Hit]:
        mask = self.allowed_rows(regions, doc_ids)
        if not mask.any():
            return []
        rankings = [self.sparse_ranking(query, mask)]
        if not (mask & ~self.index.has_vector).any():
            # fused only when every allowed chunk has a vector: a chunk still waiting for the embedder
            # would rank below every embedded one, however well its words match
            rankings.insert(0, self.dense_ranking(query, mask))
        fused = reciprocal_rank_fusion(rankings, rrf_k=self.rrf_k, top_k=k)
        hits = []
        for rank, (chunk_id, score) in enumerate(fused, 1):
            chunk = self.index.chunks[self._row_of[chunk_id]]
            hits.append(Hit(chunk, self.index.documents[chunk.doc_id], score, rank))
        return hits
