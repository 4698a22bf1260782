"""The plain recipes this project is measured against, on the same documents and questions.

- **A**: the common Chinese RAG recipe as LangChain-Chatchat 0.3 builds it: LangChain's recursive
  splitter on 。！？；， (chunk 750, overlap 150), the same e5 model, FAISS dense top-3 (A-dense),
  and LangChain's 0.5/0.5 ensemble of that and jieba BM25 (A-ensemble: weighted reciprocal rank,
  c = 60, as ``EnsembleRetriever`` computes it).
- **B**: jieba BM25 alone over the same chunks.

A recipe returns chunks for an LLM to read, not an answer, so its figure is the **ceiling**: the
share of answerable questions whose gold figure (every group of the gold answer) is inside the
top-3 chunks. This project's figure is its exact answer accuracy. Recall@5 and MRR are computed
the same way for all: the rank of the first chunk of a gold document that holds the gold figure.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import faiss
import numpy as np

from retriever.evaluate import normalise_for_scoring, p50_p95
from retriever.index.embedding_cache import EmbeddingCache, embed_with_cache
from retriever.index.tokenize import default_tokenizer
from retriever.search.bm25 import BM25

CHUNK_SIZE, CHUNK_OVERLAP, TOP_K, RRF_C = 750, 150, 3, 60
SEPARATORS = ["\n\n", "\n", "。", "！", "？", "；", "，", ""]


@dataclass
class RecipeChunk:
    doc_id: str
    text: str


@dataclass
class Recipe:
    """One baseline's index over a set of documents."""

    chunks: list[RecipeChunk]
    bm25: BM25
    vectors: faiss.Index | None
    embeddings: object | None
    ingest_seconds: float
    index_bytes: int
    tokenizer: object = field(default_factory=default_tokenizer)

    def dense(self, question: str, k: int) -> list[int]:
        query = np.asarray(self.embeddings.embed_query_array(question), dtype=np.float32).reshape(1, -1)
        _, rows = self.vectors.search(query, k)
        return [int(r) for r in rows[0] if r >= 0]

    def sparse(self, question: str, k: int) -> list[int]:
        scores = self.bm25.scores(self.tokenizer.words(question))
        return [int(r) for r in np.argsort(-scores, kind="stable")[:k] if scores[r] > 0]

    def ensemble(self, question: str, k: int) -> list[int]:
        fused: dict[int, float] = {}
        for ranking in (self.dense(question, k), self.sparse(question, k)):
            for rank, row in enumerate(ranking, 1):
                fused[row] = fused.get(row, 0.0) + 0.5 / (rank + RRF_C)
        return sorted(fused, key=lambda row: -fused[row])[:k]


def split(text: str) -> list[str]:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(separators=SEPARATORS, chunk_size=CHUNK_SIZE,
                                              chunk_overlap=CHUNK_OVERLAP, keep_separator="end")
    return splitter.split_text(text)


def build(texts: dict[str, str], embeddings=None, cache: EmbeddingCache | None = None) -> Recipe:
    """Split every document and index the chunks: BM25 always, FAISS when ``embeddings`` is given
    (chunks whose vectors ``cache`` holds from an earlier build are not embedded again)."""
    start = time.perf_counter()
    chunks = [RecipeChunk(doc_id, piece) for doc_id, text in sorted(texts.items()) for piece in split(text)]
    tokenizer = default_tokenizer()
    bm25 = BM25([tokenizer.words(c.text) for c in chunks])
    vectors, size = None, sum(len(c.text.encode("utf-8")) for c in chunks)
    if embeddings is not None:
        matrix = embed_with_cache(embeddings, [c.text for c in chunks], cache, batch=32)
        vectors = faiss.IndexFlatIP(matrix.shape[1])
        vectors.add(matrix)
        size += matrix.nbytes
    return Recipe(chunks, bm25, vectors, embeddings, time.perf_counter() - start, size, tokenizer)


def gold_rank(item: dict, chunk_docs: list[str], chunk_texts: list[str]) -> int | None:
    groups = [[normalise_for_scoring(a) for a in group] for group in item["expect"]]
    for rank, (doc_id, text) in enumerate(zip(chunk_docs, chunk_texts), 1):
        text = normalise_for_scoring(text)
        if doc_id in item["docs"] and all(any(a in text for a in group) for group in groups):
            return rank
    return None


def score(recipe: Recipe, retrieve: str, questions: list[dict]) -> dict:
    """Ceiling (gold figure inside the top 3), Recall@5, MRR and latency of one way of retrieving."""
    method = getattr(recipe, retrieve)
    method(questions[0]["question"], 10)  # warm up (the model's first call allocates its buffers)
    ceiling, ranks, times = [], [], []
    for item in questions:
        if not item["answerable"]:
            continue
        start = time.perf_counter()
        rows = method(item["question"], 10)
        times.append((time.perf_counter() - start) * 1000)
        top3 = normalise_for_scoring("".join(recipe.chunks[r].text for r in rows[:TOP_K]))
        groups = [[normalise_for_scoring(a) for a in group] for group in item["expect"]]
        ceiling.append(all(any(a in top3 for a in group) for group in groups))
        ranks.append(gold_rank(item, [recipe.chunks[r].doc_id for r in rows], [recipe.chunks[r].text for r in rows]))
    n = len(ranks)
    p50, p95 = p50_p95(times)
    return {"ceiling": round(sum(ceiling) / n, 4), "recall_at_5": round(sum(1 for r in ranks if r and r <= 5) / n, 4),
            "mrr": round(sum(1 / r for r in ranks if r) / n, 4), "p50_ms": p50, "p95_ms": p95, "questions": n}
