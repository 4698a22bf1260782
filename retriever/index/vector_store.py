"""Where an index version keeps its dense vectors: FAISS files beside the store, or Milvus.

Both hold the vectors of one version's rows (row i is chunk i, or clause i) under the row number as
id. A row may have no vector yet: an index is searchable by BM25 as soon as it is written, and its
vectors arrive as the background embedder computes them (see ``retriever.index.embedder``).

- ``FaissVectors`` (the default): ``faiss.write_index`` of an ``IndexIDMap2`` over an exact
  inner-product index, a file in the version's directory, loaded into memory.
- ``MilvusVectors``: a Milvus collection per version and kind. ``POLICYQA_MILVUS_URI`` is either a
  local file (milvus-lite: one process at a time, tests and single-user set-ups) or a server
  (``http://host:19530``) that many processes share. The index directory then records the URI and
  the collection names in its manifest; the collections of versions that are swapped out are dropped.

The store is chosen when an index version is written (``POLICYQA_VECTOR_STORE=faiss|milvus``) and
read back from the manifest, so a reader needs no settings to open it.
"""

from __future__ import annotations

import errno
import os
from abc import ABC, abstractmethod
from pathlib import Path

import faiss
import numpy as np

STORES = ("faiss", "milvus")
MILVUS_BATCH = 2000
# The most rows a search asks for: enough that region and document filters applied afterwards
# still leave a full ranking (Milvus caps a search at 16,384).
SEARCH_DEPTH = 4096


class VectorStoreError(ValueError):
    """The vectors could not be read or written (a damaged file, an unreachable server, no pymilvus)."""


class VectorStore(ABC):
    dim: int

    @abstractmethod
    def rows(self) -> np.ndarray:
        """The row numbers that have a vector, ascending."""

    @abstractmethod
    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(row, inner product) of the ``k`` rows nearest to ``query``, best first."""

    @abstractmethod
    def vectors(self, rows: np.ndarray) -> np.ndarray:
        """The vectors of ``rows`` (which must all have one), in that order."""

    def presence(self, size: int) -> np.ndarray:
        """For each of rows 0 … size-1, whether it has a vector (one array, so that a question's rows
        are checked by indexing rather than by searching every stored row)."""
        present = np.zeros(size, dtype=bool)
        present[self.rows()] = True
        return present

    def all_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """Every row that has a vector and those vectors, in one read."""
        rows = self.rows()
        return rows, self.vectors(rows)

    def __len__(self) -> int:
        return len(self.rows())

    def close(self) -> None:
        pass


class FaissVectors(VectorStore):
    def __init__(self, index: faiss.Index):
        self.index = index
        self.dim = index.d
        if isinstance(index, faiss.IndexIDMap2):
            self._rows = faiss.vector_to_array(index.id_map).astype(np.int64)
        else:  # an index written before rows could be missing: row i is vector i
            self._rows = np.arange(index.ntotal, dtype=np.int64)
        order = np.argsort(self._rows)
        self._sorted_rows = self._rows[order]

    @classmethod
    def write(cls, path: Path, rows: np.ndarray, matrix: np.ndarray, dim: int) -> dict:
        index = faiss.IndexIDMap2(faiss.IndexFlatIP(int(dim)))
        if len(rows):
            index.add_with_ids(np.ascontiguousarray(matrix, dtype=np.float32), np.asarray(rows, dtype=np.int64))
        try:
            faiss.write_index(index, str(path))
        except RuntimeError as exc:  # faiss reports a failed write as text; a full disk must stay an OSError
            for code in (errno.ENOSPC, errno.EDQUOT):
                if os.strerror(code) in str(exc):
                    raise OSError(code, os.strerror(code), str(path)) from exc
            raise
        return {"store": "faiss", "file": Path(path).name}

    @classmethod
    def read(cls, path: Path) -> "FaissVectors":
        return cls(faiss.read_index(str(path)))

    def rows(self) -> np.ndarray:
        return self._sorted_rows

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        if not self.index.ntotal or k <= 0:
            return []
        scores, ids = self.index.search(np.asarray(query, dtype=np.float32).reshape(1, -1), min(k, self.index.ntotal))
        return [(int(i), float(s)) for s, i in zip(scores[0], ids[0]) if i >= 0]

    def all_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        if not self.index.ntotal:
            return self._rows, np.zeros((0, self.dim), dtype=np.float32)
        flat = faiss.downcast_index(self.index.index) if isinstance(self.index, faiss.IndexIDMap2) else self.index
        return self._rows, flat.reconstruct_n(0, flat.ntotal).astype(np.float32)

    def vectors(self, rows: np.ndarray) -> np.ndarray:
        rows = np.asarray(rows, dtype=np.int64)
        if not len(rows):
            return np.zeros((0, self.dim), dtype=np.float32)
        if isinstance(self.index, faiss.IndexIDMap2):
            return np.vstack([self.index.reconstruct(int(r)) for r in rows]).astype(np.float32)
        return self.index.reconstruct_batch(rows).astype(np.float32)


class MilvusVectors(VectorStore):
    """One Milvus collection: primary key ``row``, field ``vector`` (FLAT index, inner product: the
    vectors are normalised, so it is their cosine similarity, as in FAISS)."""

    def __init__(self, client, collection: str, dim: int):
        self.client, self.collection, self.dim = client, collection, int(dim)
        self.client.load_collection(collection)
        self._rows = np.array(sorted(self._all_rows()), dtype=np.int64)

    @staticmethod
    def connect(uri: str):
        try:
            from pymilvus import MilvusClient
        except ImportError:
            raise VectorStoreError("Milvus support is not installed: pip install 'policyqa[milvus]'") from None
        try:
            return MilvusClient(uri=str(uri))
        except Exception as exc:  # pymilvus raises its own MilvusException, or OSError for a bad file
            raise VectorStoreError(f"cannot open Milvus at {uri}: {exc}") from None

    @classmethod
    def write(cls, uri: str, collection: str, rows: np.ndarray, matrix: np.ndarray, dim: int) -> dict:
        from pymilvus import DataType

        client = cls.connect(uri)
        try:
            if client.has_collection(collection):
                client.drop_collection(collection)
            schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
            schema.add_field("row", DataType.INT64, is_primary=True)
            schema.add_field("vector", DataType.FLOAT_VECTOR, dim=int(dim))
            index = client.prepare_index_params()
            index.add_index(field_name="vector", index_type="FLAT", metric_type="IP")
            client.create_collection(collection, schema=schema, index_params=index)
            for start in range(0, len(rows), MILVUS_BATCH):
                part = range(start, min(start + MILVUS_BATCH, len(rows)))
                client.insert(collection, [{"row": int(rows[i]), "vector": matrix[i].astype(np.float32).tolist()}
                                           for i in part])
            client.flush(collection)
        finally:
            client.close()
        return {"store": "milvus", "uri": str(uri), "collection": collection}

    @classmethod
    def read(cls, uri: str, collection: str, dim: int) -> "MilvusVectors":
        client = cls.connect(uri)
        if not client.has_collection(collection):
            client.close()
            raise VectorStoreError(f"Milvus at {uri} has no collection {collection}")
        return cls(client, collection, dim)

    def _all_rows(self) -> list[int]:
        rows, iterator = [], self.client.query_iterator(self.collection, batch_size=MILVUS_BATCH, filter="",
                                                         output_fields=["row"])
        while True:
            batch = iterator.next()
            if not batch:
                iterator.close()
                return rows
            rows.extend(int(r["row"]) for r in batch)

    def rows(self) -> np.ndarray:
        return self._rows

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        if not len(self._rows) or k <= 0:
            return []
        found = self.client.search(self.collection, data=[np.asarray(query, dtype=np.float32).reshape(-1).tolist()],
                                   limit=min(k, len(self._rows), 16384), output_fields=["row"],
                                   search_params={"metric_type": "IP"})
        return [(int(hit.id), float(hit.distance)) for hit in found[0]]

    def vectors(self, rows: np.ndarray) -> np.ndarray:
        rows = [int(r) for r in rows]
        if not rows:
            return np.zeros((0, self.dim), dtype=np.float32)
        got = {}
        for start in range(0, len(rows), MILVUS_BATCH):
            for entity in self.client.get(self.collection, ids=rows[start:start + MILVUS_BATCH],
                                          output_fields=["vector"]):
                got[int(entity["row"])] = entity["vector"]
        return np.asarray([got[r] for r in rows], dtype=np.float32).reshape(len(rows), self.dim)

    def close(self) -> None:
        self.client.close()


def write_vectors(store: str, version: Path, name: str, rows: np.ndarray, matrix: np.ndarray, dim: int,
                  milvus_uri: str | None = None) -> dict:
    """Write one kind of vectors (``name`` is "chunks" or "clauses") of the version being built;
    returns what the manifest records to open them again."""
    if store == "faiss":
        return FaissVectors.write(version / f"{'faiss' if name == 'chunks' else name}.index", rows, matrix, dim)
    if store == "milvus":
        # without a shared URI each version keeps a milvus-lite file of its own, deleted with it
        uri = milvus_uri or str(version / "milvus.db")
        entry = MilvusVectors.write(uri, f"policyqa_{version.name.replace('-', '_')}_{name}", rows, matrix, dim)
        return {**entry, "uri": "milvus.db", "own_file": True} if not milvus_uri else entry
    raise VectorStoreError(f"unknown vector store {store!r} (use one of {', '.join(STORES)})")


def open_vectors(entry: dict, version: Path, dim: int) -> VectorStore:
    if entry.get("store") == "faiss":
        return FaissVectors.read(version / entry["file"])
    if entry.get("store") == "milvus":
        uri = str(version / entry["uri"]) if entry.get("own_file") else entry["uri"]
        return MilvusVectors.read(uri, entry["collection"], dim)
    raise VectorStoreError(f"unknown vector store in the manifest: {entry!r}")


def drop_vectors(entry: dict) -> None:
    """Drop a swapped-out version's Milvus collection (FAISS files go with their directory)."""
    if entry.get("store") != "milvus" or entry.get("own_file"):
        return  # a version's own milvus-lite file is deleted with its directory
    client = MilvusVectors.connect(entry["uri"])
    try:
        if client.has_collection(entry["collection"]):
            client.drop_collection(entry["collection"])
    finally:
        client.close()
