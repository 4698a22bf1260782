"""Fill in the vectors an index version is still missing, in the background, resumably.

An index is written first and embedded after (``update_index(..., embed=False)``): every chunk is
searchable by BM25 from the moment the version appears, and dense ranking covers more of it as the
embedder works. The embedder takes the texts whose vectors are missing, runs them through the model
in batches, and keeps every batch in the embedding cache as soon as it is done; at most every
``publish_every`` seconds, and at the end, it writes a new version with all the vectors known by
then (no text goes through the model twice: the new version takes them from the cache).

Killed at any moment, it loses at most the batch in hand: the next run (``policyqa embed``, the next
ingest, or the page's embedder) finds the finished batches in the cache.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retriever.clauses import clauses_of_chunk, embedding_text
from retriever.embedding_cache import CACHE_FILE, EmbeddingCache, text_key
from retriever.index_store import PolicyIndex, update_index


@dataclass
class EmbedReport:
    pending: int = 0  # texts without a vector when the run started
    embedded: int = 0  # texts this run put through the model
    chars: int = 0  # their length: the model's work grows with it, so throughput is compared in chars/s
    from_cache: int = 0  # texts a run before had already embedded
    published: int = 0  # versions written
    seconds: float = 0.0
    stopped: bool = False  # asked to stop before the end

    @property
    def texts_per_second(self) -> float:
        return self.embedded / self.seconds if self.seconds else 0.0

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0


def pending_texts(index: PolicyIndex) -> list[str]:
    """What is embedded for every chunk and clause of the index that has no vector yet, in index order."""
    texts = [chunk.retrieval_text(index.documents[chunk.doc_id].title)
             for row, chunk in enumerate(index.chunks) if not index.has_vector[row]]
    if index.clause_vectors is not None and index.clause_vectors.pending:
        have = set(index.clause_vectors.store.rows().tolist())
        rows = index.clause_vectors.rows
        texts += [embedding_text(clause) for chunk in index.chunks for clause in clauses_of_chunk(chunk)
                  if rows[(clause.doc_id, clause.start)] not in have]
    return texts


def embed_pending(index_dir: Path, embeddings, publish_every: float = 60.0, batch: int = 32,
                  stop: threading.Event | None = None, progress=None, store_options: dict | None = None,
                  on_publish=None) -> EmbedReport:
    """Embed what the index at ``index_dir`` is missing and publish it (calling ``on_publish`` after
    each version written); returns what was done."""
    started = time.monotonic()
    report = EmbedReport()
    index = PolicyIndex.load(index_dir)
    texts = list(dict.fromkeys(pending_texts(index)))
    report.pending = len(texts)
    if not texts:
        return report
    cache = EmbeddingCache(Path(index_dir).parent / CACHE_FILE, embeddings.name)
    try:
        known = cache.get_many(texts)
        missing = [t for t in texts if text_key(t) not in known]
        report.from_cache = len(texts) - len(missing)
        last_publish = time.monotonic()
        for start in range(0, len(missing), batch):
            if stop is not None and stop.is_set():
                report.stopped = True
                break
            part = missing[start:start + batch]
            cache.put_many(part, np.asarray(embeddings.embed_array(part), dtype=np.float32))
            report.embedded += len(part)
            report.chars += sum(map(len, part))
            if progress is not None:
                progress(len(part))
            if time.monotonic() - last_publish >= publish_every and start + batch < len(missing):
                _publish(index_dir, index, embeddings, store_options, on_publish)
                report.published += 1
                last_publish = time.monotonic()
    finally:
        cache.close()
    _publish(index_dir, index, embeddings, store_options, on_publish)
    report.published += 1
    report.seconds = time.monotonic() - started
    return report


def _publish(index_dir: Path, index: PolicyIndex, embeddings, store_options: dict | None, on_publish) -> None:
    """A new version of the current index (it may have changed meanwhile) with every vector the
    cache now holds; nothing is embedded here."""
    update_index(index_dir, [], embeddings, index.manifest["chunk_chars"],
                 embedding_spec=index.manifest.get("embedding_spec", "e5"), embed=False, **(store_options or {}))
    if on_publish is not None:
        on_publish()


class BackgroundEmbedder:
    """A thread that runs ``embed_pending`` whenever it is woken (at start, after an upload) and calls
    ``on_publish`` after every version it writes, so the page swaps in the better-ranked index."""

    def __init__(self, index_dir: Path, embeddings, on_publish, publish_every: float = 60.0,
                 store_options: dict | None = None):
        self.index_dir, self.embeddings, self.on_publish = Path(index_dir), embeddings, on_publish
        self.publish_every, self.store_options = publish_every, store_options
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._run, name="policyqa-embedder", daemon=True)
        self.last: EmbedReport | None = None
        self.error: str | None = None

    def start(self) -> "BackgroundEmbedder":
        self._wake.set()
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait()
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self.last = embed_pending(self.index_dir, self.embeddings, self.publish_every, stop=self._stop,
                                          store_options=self.store_options, on_publish=self.on_publish)
                self.error = None
            except Exception as exc:  # keep serving answers by BM25; the message shows in the page's status
                self.error = f"{type(exc).__name__}: {exc}"


