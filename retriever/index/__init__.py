"""Writing and reading the index: parsed documents, chunks and clauses in SQLite, their vectors in
FAISS (or Milvus), each update a complete new version swapped in at once (versions.py), vectors
filled in by a background embedder (embedder.py)."""

from retriever.index.store import GrowingVectors, PolicyIndex, UpdateReport, publish_vectors, update_index
from retriever.index.versions import IndexMismatch, IndexNotFound, IndexUnusable, clean_up_after_kill

__all__ = ["GrowingVectors", "IndexMismatch", "IndexNotFound", "IndexUnusable", "PolicyIndex", "UpdateReport",
           "clean_up_after_kill", "publish_vectors", "update_index"]
