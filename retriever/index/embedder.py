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

from retriever.index.clauses import clauses_to_embed
from retriever.index.embedding_cache import CACHE_FILE, EmbeddingCache, embed_into_cache, text_key
from retriever.index.store import GrowingVectors, PolicyIndex, publish_vectors, update_index


@dataclass
class EmbedReport:
    pending: int = 0  # texts without a vector when the run started
    embedded: int = 0  # texts this run put through the model
    chars: int = 0  # their length: the model's work grows with it, so throughput is compared in chars/s
    from_cache: int = 0  # texts a run before had already embedded
    published: int = 0  # versions written
    seconds: float = 0.0
    startup_seconds: float = 0.0  # reading the index and the cache, before the first text reaches the model
    stopped: bool = False  # asked to stop before the end

    # Rates are over the embedding phase, publishes included: the start-up is paid once per run and
    # a run over a large library lasts hours, so counting it would describe the time box, not the run.
    @property
    def embedding_seconds(self) -> float:
        return self.seconds - self.startup_seconds

    @property
    def texts_per_second(self) -> float:
        return self.embedded / self.embedding_seconds if self.embedding_seconds > 0 else 0.0

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.embedding_seconds if self.embedding_seconds > 0 else 0.0


def pending_rows(index: PolicyIndex) -> dict[str, dict[int, str]]:
    """For "chunks" and "clauses": the rows of the index that have no vector yet, and the text each
    one's vector is made from."""
    title = {doc_id: meta.title for doc_id, meta in index.documents.items()}
    pending = {"chunks": {row: chunk.retrieval_text(title[chunk.doc_id])
                          for row, chunk in enumerate(index.chunks) if not index.has_vector[row]},
               "clauses": {}}
    if index.clause_vectors is not None and index.clause_vectors.pending:
        have = index.clause_vectors.present
        pending["clauses"] = {row: text for row, (_, text) in enumerate(clauses_to_embed(index.chunks))
                              if not have[row]}
    return pending


def pending_texts(index: PolicyIndex) -> list[str]:
    """What is embedded for every chunk and clause of the index that has no vector yet, in index order."""
    return [text for rows in pending_rows(index).values() for text in rows.values()]


def embed_pending(index_dir: Path, embeddings, publish_every: float = 60.0, batch: int = 32,
                  stop: threading.Event | None = None, progress=None, store_options: dict | None = None,
                  on_publish=None) -> EmbedReport:
    """Embed what the index at ``index_dir`` is missing and publish it (calling ``on_publish`` after
    each version written); returns what was done."""
    started = time.monotonic()
    report = EmbedReport()
    index = PolicyIndex.load(index_dir)
    pending = pending_rows(index)
    waiting: dict[str, list[tuple[str, int]]] = {}  # text -> the (kind, row)s its vector fills
    for kind, rows in pending.items():
        for row, text in rows.items():
            waiting.setdefault(text, []).append((kind, row))
    report.pending = len(waiting)
    if not waiting:
        return report
    grown = GrowingVectors.of(index)
    publisher = _Publisher(index_dir, index, grown, embeddings, store_options or {}, on_publish)
    del index  # its chunks are not needed any more; at scale they are most of the memory

    def fill(vectors: dict[str, np.ndarray]) -> None:
        if grown is None or not vectors:
            return
        placed = [(kind, row, vector) for text, vector in vectors.items() for kind, row in waiting[text]]
        for kind in ("chunks", "clauses"):
            rows = [row for k, row, _ in placed if k == kind]
            if rows:
                grown.put(kind, rows, np.vstack([vector for k, _, vector in placed if k == kind]))

    def after_batch(part: list[str], vectors: np.ndarray) -> bool:
        fill(dict(zip(part, vectors)))
        report.embedded += len(part)
        report.chars += sum(map(len, part))
        if progress is not None:
            progress(len(part))
        if report.embedded < len(missing) and publisher.due(publish_every):
            publisher.publish()
            report.published += 1
        return not (stop is not None and stop.is_set())

    cache = EmbeddingCache(Path(index_dir).parent / CACHE_FILE, embeddings.name)
    try:
        texts = list(waiting)
        known = cache.get_many(texts)
        fill({text: known[text_key(text)] for text in texts if text_key(text) in known})
        missing = [text for text in texts if text_key(text) not in known]
        report.from_cache = len(texts) - len(missing)
        report.startup_seconds = time.monotonic() - started
        report.stopped = not embed_into_cache(embeddings, missing, cache, batch, after_batch)
    finally:
        cache.close()
    publisher.publish()
    report.published += 1
    report.seconds = time.monotonic() - started
    return report


class _Publisher:
    """Publishes the vectors known so far: only the vector files while the index is still the one the
    run started from (or last published), in full through ``update_index`` when it has changed."""

    def __init__(self, index_dir: Path, index: PolicyIndex, grown: GrowingVectors | None, embeddings,
                 store_options: dict, on_publish):
        self.index_dir, self.grown, self.embeddings = index_dir, grown, embeddings
        self.chunk_chars = index.manifest["chunk_chars"]
        self.embedding_spec = index.manifest.get("embedding_spec", "e5")
        self.store_options, self.on_publish = store_options, on_publish
        self.last = time.monotonic()
        self.took = 0.0  # seconds the last publish took

    def due(self, every: float) -> bool:
        # A publish writes every vector known so far: seconds at 1000× corpus/. Waiting at least ten
        # times as long as the last one took keeps publishing under a tenth of the embedder's time.
        return time.monotonic() - self.last >= max(every, 10 * self.took)

    def publish(self) -> None:
        started = time.monotonic()
        if self.grown is None or not publish_vectors(self.index_dir, self.grown, **self.store_options):
            self.grown = None  # the index changed under the run: from now on every publish is in full
            update_index(self.index_dir, [], self.embeddings, self.chunk_chars, embedding_spec=self.embedding_spec,
                         embed=False, **self.store_options)
        self.last = time.monotonic()
        self.took = self.last - started
        if self.on_publish is not None:
            self.on_publish()


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


