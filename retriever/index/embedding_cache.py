"""Vectors already computed, kept beside the index so that re-ingesting never embeds a text twice.

Re-indexing after a pipeline, metadata or chunking change re-chunks every document, but most chunk
texts come out the same; embedding them again is the slowest step of ingest. The cache is keyed on
(model, SHA-1 of the exact text), stored in SQLite (no pickles) and safe to delete at any time.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np

CACHE_FILE = "embedding-cache.sqlite"


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    def __init__(self, path: Path, model: str):
        self.path = Path(path)
        self.model = model
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, key TEXT, vector BLOB, PRIMARY KEY (model, key))")

    def get_many(self, texts: list[str]) -> dict[str, np.ndarray]:
        keys = list({text_key(t) for t in texts})
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            rows = self._db.execute(
                f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({','.join('?' * len(part))})",
                [self.model, *part],
            )
            found.update((key, np.frombuffer(blob, dtype=np.float32)) for key, blob in rows)
        return found

    def put_many(self, texts: list[str], vectors: np.ndarray) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                [(self.model, text_key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors)],
            )

    def close(self) -> None:
        self._db.close()


def embed_into_cache(embeddings, texts: list[str], cache: EmbeddingCache | None, batch: int,
                     after_batch) -> bool:
    """Put ``texts`` through the model batch by batch, keeping each batch in the cache as soon as it is
    done; ``after_batch(texts, vectors)`` is called after each and returns False to stop there.
    True when every text was embedded."""
    for i in range(0, len(texts), batch):
        part = texts[i:i + batch]
        vectors = np.asarray(embeddings.embed_array(part), dtype=np.float32)
        if cache is not None:
            cache.put_many(part, vectors)
        if not after_batch(part, vectors) and i + batch < len(texts):
            return False
    return True


def embed_with_cache(embeddings, texts: list[str], cache: EmbeddingCache | None, progress=None,
                     batch: int = 16) -> np.ndarray:
    """Vectors for ``texts`` in order; only texts the cache lacks go through the model."""
    dim = getattr(embeddings, "dim", 384)
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    known = cache.get_many(texts) if cache is not None else {}
    missing = list(dict.fromkeys(t for t in texts if text_key(t) not in known))
    if progress is not None and len(texts) > len(missing):
        progress(len(texts) - len(missing))

    def keep(part: list[str], vectors: np.ndarray) -> bool:
        known.update((text_key(t), v) for t, v in zip(part, vectors))
        if progress is not None:
            progress(len(part))
        return True

    embed_into_cache(embeddings, missing, cache, batch, keep)
    return np.vstack([known[text_key(t)] for t in texts]).astype(np.float32)
