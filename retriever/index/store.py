"""One version of the index: FAISS vectors, chunks and documents in SQLite, and a manifest.

Layout of a version (no pickles; versions.py keeps the versions and the symlink)::

    data/index -> index-<stamp>/
        manifest.json                 format, policyqa version, embedding model, chunker, documents
        faiss.index                   faiss.write_index; row i is chunk i in store.sqlite
        clauses.index                 faiss.write_index; row i is clause i (sentence or table row)
        store.sqlite                  documents (metadata, normalised text), chunks (text, offsets, tokens),
                                      clauses (doc_id, start offset)

An update writes a complete new version next to the old one and then repoints the symlink, so a
reader never sees a half-written index and a failed update leaves the old one untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import faiss
import numpy as np

from ingest.chunking import chunk_document
from ingest.models import Chunk, Document, DocumentMeta
from ingest.pipeline import PIPELINE_VERSION
from ingest.structure import split_sections
from retriever.index.clauses import ClauseVectors, clauses_to_embed
from retriever.index.embedding_cache import CACHE_FILE, EmbeddingCache, embed_with_cache, text_key
from retriever.index.tokenize import Tokenizer, default_tokenizer
from retriever.index.vector_store import VectorStore, VectorStoreError, open_vectors, write_vectors
from retriever.index.versions import (
    CLAUSE_FILE,
    FAISS_FILE,
    FORMAT_VERSION,
    MANIFEST,
    REBUILD_HINT,
    STORE_FILE,
    IndexMismatch,
    IndexNotFound,
    check_files,
    check_version,
    checked_files,
    file_checksum,
    finish_version,
    index_lock,
    new_version,
    package_version,
    remove_partial_versions,
    swap,
)


@dataclass
class PolicyIndex:
    path: Path
    manifest: dict
    documents: dict[str, DocumentMeta]
    texts: dict[str, str]
    added_at: dict[str, str]
    chunks: list[Chunk]
    tokens: list[list[str]]
    vectors: VectorStore  # rows are chunk rows; a row without a vector is still waiting for the embedder
    clause_vectors: ClauseVectors | None = None  # None for an index built before clauses were embedded
    _parsed: dict = field(default_factory=dict, repr=False)
    _rows_by_doc: dict = field(default_factory=dict, repr=False)
    _has_vector: np.ndarray | None = field(default=None, repr=False)

    @property
    def pending(self) -> int:
        """Chunks and clauses still without a vector: searched by BM25 only until the embedder is done."""
        clauses = self.clause_vectors.pending if self.clause_vectors is not None else 0
        return len(self.chunks) - len(self.vectors) + clauses

    @classmethod
    def load(cls, index_dir: Path, previous: "PolicyIndex | None" = None) -> "PolicyIndex":
        """The index at ``index_dir``. Given the ``previous`` version of it, a version that differs from
        that one only in its vectors (the embedder's publishes) shares its chunks, texts and tokens,
        and only the vectors are read."""
        index_dir = Path(index_dir)
        manifest_path = index_dir / MANIFEST
        if not manifest_path.exists():
            raise IndexNotFound(f"no index at {index_dir}: run `policyqa ingest` first")
        path = index_dir.resolve()
        try:
            manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise IndexMismatch(f"index at {index_dir} is damaged: {MANIFEST} is not JSON ({exc}): {REBUILD_HINT}") from None
        if not isinstance(manifest, dict):
            raise IndexMismatch(f"index at {index_dir} is damaged: {MANIFEST} is not an object: {REBUILD_HINT}")
        check_version(index_dir, manifest)
        store_sum = manifest.get("checksums", {}).get(STORE_FILE)
        same_store = (previous is not None and previous.clause_vectors is not None and "vectors" in manifest
                      and store_sum is not None and store_sum == previous.manifest.get("checksums", {}).get(STORE_FILE))
        check_files(index_dir, path, manifest, known=(STORE_FILE,) if same_store else ())
        try:
            if same_store:
                return previous._with_vectors_of(path, manifest)
            return cls._read(index_dir, path, manifest)
        except VectorStoreError as exc:
            raise IndexMismatch(f"index at {index_dir}: {exc}") from None
        except (sqlite3.Error, RuntimeError, ValueError, KeyError, TypeError) as exc:
            # faiss raises RuntimeError for a file it cannot parse; the rest come from damaged rows
            raise IndexMismatch(f"index at {index_dir} is damaged ({type(exc).__name__}: {exc}): {REBUILD_HINT}") from None

    def _with_vectors_of(self, path: Path, manifest: dict) -> "PolicyIndex":
        """This index's library with the vectors of version ``path`` (whose store is this one's)."""
        dim = int(manifest.get("dimension", 384))
        vectors = open_vectors(manifest["vectors"]["chunks"], path, dim)
        clause_vectors = ClauseVectors(self.clause_vectors.rows, open_vectors(manifest["vectors"]["clauses"], path, dim))
        return PolicyIndex(path, manifest, self.documents, self.texts, self.added_at, self.chunks, self.tokens, vectors,
                           clause_vectors, self._parsed, self._rows_by_doc)

    @classmethod
    def _read(cls, index_dir: Path, path: Path, manifest: dict) -> "PolicyIndex":
        with sqlite3.connect(f"file:{path / STORE_FILE}?mode=ro", uri=True) as db:
            docs, texts, added = {}, {}, {}
            for doc_id, meta, text, added_at in db.execute("SELECT doc_id, meta, text, added_at FROM documents ORDER BY doc_id"):
                docs[doc_id] = DocumentMeta.from_dict(json.loads(meta))
                texts[doc_id] = text
                added[doc_id] = added_at
            chunks, tokens = [], []
            for row in db.execute("SELECT data, tokens FROM chunks ORDER BY row"):
                chunks.append(Chunk.from_dict(json.loads(row[0])))
                tokens.append(json.loads(row[1]))
            has_clauses = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'clauses'").fetchone()
            clause_keys = [(d, s) for d, s in db.execute("SELECT doc_id, start FROM clauses ORDER BY row")] if has_clauses else []
        entries = manifest.get("vectors") or {"chunks": {"store": "faiss", "file": FAISS_FILE},
                                               "clauses": {"store": "faiss", "file": CLAUSE_FILE}}
        dim = int(manifest.get("dimension", 384))
        vectors = open_vectors(entries["chunks"], path, dim)
        if len(vectors) > len(chunks) or (len(vectors) and vectors.rows()[-1] >= len(chunks)):
            raise IndexMismatch(f"index at {index_dir} is inconsistent: {len(vectors)} vectors, {len(chunks)} chunks")
        clause_vectors = None
        if has_clauses and ("vectors" in manifest or (path / CLAUSE_FILE).exists()):
            store = open_vectors(entries["clauses"], path, dim)
            if len(store) > len(clause_keys):
                raise IndexMismatch(f"index at {index_dir} is inconsistent: {len(store)} clause vectors, {len(clause_keys)} clauses")
            clause_vectors = ClauseVectors({key: i for i, key in enumerate(clause_keys)}, store)
        return cls(path, manifest, docs, texts, added, chunks, tokens, vectors, clause_vectors)

    def document(self, doc_id: str) -> Document:
        """The parsed document (sections and blocks recomputed from the stored normalised text)."""
        if doc_id not in self._parsed:
            text = self.texts[doc_id]
            sections, blocks = split_sections(text)
            self._parsed[doc_id] = Document(self.documents[doc_id], text, sections, blocks)
        return self._parsed[doc_id]

    def parsed_documents(self) -> "ParsedDocuments":
        """Every document, in doc_id order, each parsed when first read."""
        return ParsedDocuments(self)

    def rows_of(self, doc_id: str) -> list[int]:
        """The rows of the document's chunks, in order (one pass over the chunks for all documents)."""
        if not self._rows_by_doc and self.chunks:
            for row, chunk in enumerate(self.chunks):
                self._rows_by_doc.setdefault(chunk.doc_id, []).append(row)
        return self._rows_by_doc.get(doc_id, [])

    @property
    def has_vector(self) -> np.ndarray:
        """For every chunk row, whether its vector is in the store yet."""
        if self._has_vector is None:
            self._has_vector = self.vectors.presence(len(self.chunks))
        return self._has_vector

    def vectors_of(self, doc_id: str) -> dict[int, np.ndarray]:
        """The vectors the document's chunks have, by their position among its chunks."""
        rows = self.rows_of(doc_id)
        present = [(j, row) for j, row in enumerate(rows) if self.has_vector[row]]
        vectors = self.vectors.vectors(np.array([row for _, row in present], dtype=np.int64))
        return {j: vector for (j, _), vector in zip(present, vectors)}


class ParsedDocuments(Sequence):
    """The parsed documents of an index, parsed on first read: a question answered from the chunks
    never needs them, and parsing all of them at load grows with the library."""

    def __init__(self, index: PolicyIndex):
        self.index, self.doc_ids = index, sorted(index.documents)

    def __len__(self) -> int:
        return len(self.doc_ids)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.index.document(doc_id) for doc_id in self.doc_ids[i]]
        return self.index.document(self.doc_ids[i])


@dataclass(frozen=True)
class StoredDocument:
    """One document of the version being written: its metadata and normalised text, and the parsed
    document when it must be chunked anew (None when its chunks are taken from the current version)."""

    parsed: Document | None
    meta: DocumentMeta
    text: str
    added_at: str


@dataclass
class UpdateReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    chunks: int = 0
    pending: int = 0  # chunks and clauses left for the background embedder
    notes: list[str] = field(default_factory=list)


def load_if_compatible(index_dir: Path, embedding_name: str, chunk_chars: int,
                       notes: list[str] | None = None) -> tuple[PolicyIndex | None, bool]:
    """The current index and whether its vectors and chunks can be reused as they are.

    An index that cannot be read raises IndexMismatch, unless ``notes`` is given (a rebuild): then
    the problem is noted and the rebuild starts empty. Updating it quietly would drop every
    document it holds."""
    try:
        current = PolicyIndex.load(index_dir)
    except IndexNotFound:
        return None, False
    except IndexMismatch as exc:
        if notes is None:
            raise
        notes.append(f"{exc}; rebuilt from the given files only, documents that were in it must be ingested again")
        return None, False
    same = (
        current.manifest.get("embedding") == embedding_name
        and current.manifest.get("chunk_chars") == chunk_chars
        and current.manifest.get("pipeline_version") == PIPELINE_VERSION
    )
    return current, same


def update_index(
    index_dir: Path,
    new_documents: list[Document],
    embeddings,
    chunk_chars: int,
    *,
    remove: tuple[str, ...] = (),
    rebuild: bool = False,
    progress=None,
    tokenizer: Tokenizer | None = None,
    embedding_spec: str = "e5",
    corrections=None,
    embed: bool = True,
    vector_store: str = "faiss",
    milvus_uri: str | None = None,
) -> UpdateReport:
    """Add or replace ``new_documents`` and drop ``remove``; unchanged documents are not re-embedded.

    ``corrections`` (ingest.corrections.Corrections) are applied to every document's metadata, so a
    person's corrections survive re-ingest and rebuilds. With ``embed=False`` nothing goes through
    the model: the version is written at once with the vectors already known, searchable by BM25,
    and ``retriever.index.embedder`` fills in the rest."""
    tokenizer = tokenizer or default_tokenizer()
    index_dir = Path(index_dir)
    report = UpdateReport()
    with index_lock(index_dir):
        cache = EmbeddingCache(index_dir.parent / CACHE_FILE, embeddings.name)
        remove_partial_versions(index_dir)
        current, reusable = load_if_compatible(index_dir, embeddings.name, chunk_chars,
                                               report.notes if rebuild else None)
        reusable = reusable and not rebuild
        incoming = {d.meta.doc_id: d for d in new_documents}
        entries = _documents_of_version(current, incoming, remove, reusable, corrections, report)
        all_chunks, all_tokens, texts, known = _chunks_of_version(entries, current, reusable, tokenizer, chunk_chars)
        dim = getattr(embeddings, "dim", None) or (current.vectors.dim if current is not None else 384)
        chunk_rows, matrix = vectors_for(texts, known, embeddings, cache, embed, progress, dim)
        clauses = clauses_to_embed(all_chunks)
        clause_rows, clause_matrix = vectors_for([text for _, text in clauses], {}, embeddings, cache, embed,
                                                 progress, dim)
        cache.close()
        report.chunks = len(all_chunks)
        report.pending = len(all_chunks) - len(chunk_rows) + len(clauses) - len(clause_rows)
        _write_version(index_dir, entries, all_chunks, all_tokens, (chunk_rows, matrix), embeddings.name, chunk_chars,
                       embedding_spec, [(c.doc_id, c.start) for c, _ in clauses], (clause_rows, clause_matrix), dim,
                       vector_store, milvus_uri)
    return report


def _documents_of_version(current: PolicyIndex | None, incoming: dict[str, Document], remove: tuple[str, ...],
                          reusable: bool, corrections, report: UpdateReport) -> dict[str, StoredDocument]:
    """Every document the new version holds: the current ones kept (less ``remove``), the incoming ones
    added, replaced or found unchanged (noted in ``report``), each with the person's corrections."""
    entries: dict[str, StoredDocument] = {}
    if current is not None:
        for doc_id, meta in current.documents.items():
            if doc_id in remove:
                report.removed.append(doc_id)
            elif doc_id not in incoming:
                entries[doc_id] = StoredDocument(None, meta, current.texts[doc_id], current.added_at[doc_id])
    if corrections is not None:
        from ingest.metadata import extract_metadata
        from ingest.regions import Gazetteer

        gazetteer = Gazetteer.load()
        for doc_id, entry in list(entries.items()):
            # read the metadata again from the stored text, so that a cleared correction gives
            # the extracted value back rather than the corrected one stored before
            extracted = extract_metadata(doc_id, entry.text, gazetteer, source=entry.meta.source, sha256=entry.meta.sha256)
            extracted = replace(extracted, ocr_pages=entry.meta.ocr_pages, ocr_spans=entry.meta.ocr_spans,
                                page_seams=entry.meta.page_seams)  # not in the text
            entries[doc_id] = replace(entry, meta=corrections.apply(extracted, gazetteer))
        for doc in incoming.values():
            doc.meta = corrections.apply(doc.meta, gazetteer)
    now = time.strftime("%Y-%m-%dT%H:%M:%S")
    for doc_id, doc in incoming.items():
        old = current.documents.get(doc_id) if current else None
        if old is not None and old.sha256 == doc.meta.sha256 and reusable:
            report.unchanged.append(doc_id)
            entries[doc_id] = StoredDocument(None, doc.meta, current.texts[doc_id], current.added_at[doc_id])
        else:
            (report.updated if old is not None else report.added).append(doc_id)
            entries[doc_id] = StoredDocument(doc, doc.meta, doc.text, now)
    return entries


def _chunks_of_version(entries: dict[str, StoredDocument], current: PolicyIndex | None, reusable: bool,
                       tokenizer: Tokenizer, chunk_chars: int):
    """(chunks, their BM25 tokens, the texts their vectors are made from, the vectors kept from the
    current version by new row): a kept document's chunks and vectors are reused, others chunked anew."""
    all_chunks: list[Chunk] = []
    all_tokens: list[list[str]] = []
    texts: list[str] = []
    known: dict[int, np.ndarray] = {}
    for doc_id in sorted(entries):
        doc, meta, text = entries[doc_id].parsed, entries[doc_id].meta, entries[doc_id].text
        if doc is None and reusable and current is not None:
            rows = current.rows_of(doc_id)
            kept = current.vectors_of(doc_id)
            known.update((len(all_chunks) + j, vector) for j, vector in kept.items())
            all_chunks.extend(current.chunks[i] for i in rows)
            texts.extend(current.chunks[i].retrieval_text(current.documents[doc_id].title) for i in rows)
            if current.documents[doc_id].title == meta.title:
                all_tokens.extend(current.tokens[i] for i in rows)
            else:  # a corrected title: BM25 sees the new one (dense vectors keep the old until --rebuild)
                all_tokens.extend(tokenizer.words(current.chunks[i].retrieval_text(meta.title)) for i in rows)
            continue
        if doc is None:  # settings changed: re-chunk the stored text
            sections, blocks = split_sections(text)
            doc = Document(meta, text, sections, blocks)
        chunks = chunk_document(doc, chunk_chars)
        retrieval = [c.retrieval_text(meta.title) for c in chunks]
        all_chunks.extend(chunks)
        texts.extend(retrieval)
        all_tokens.extend(tokenizer.words(t) for t in retrieval)
    return all_chunks, all_tokens, texts, known


def vectors_for(texts: list[str], known: dict[int, np.ndarray], embeddings, cache: EmbeddingCache, embed: bool,
                progress, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """The rows of ``texts`` that get a vector in this version, and those vectors: ``known`` ones,
    then the cache's, then (with ``embed``) the model's. Without ``embed`` the rest wait for the
    background embedder and the version is searchable by BM25 alone for them."""
    missing = [i for i in range(len(texts)) if i not in known]
    if embed:
        found = dict(zip(missing, embed_with_cache(embeddings, [texts[i] for i in missing], cache, progress)))
    else:
        cached = cache.get_many([texts[i] for i in missing])
        found = {i: cached[text_key(texts[i])] for i in missing if text_key(texts[i]) in cached}
    vectors = {**known, **found}
    rows = np.array(sorted(vectors), dtype=np.int64)
    matrix = np.vstack([vectors[int(r)] for r in rows]).astype(np.float32) if len(rows) else np.zeros((0, dim), np.float32)
    return rows, matrix


def _write_version(index_dir: Path, entries: dict[str, StoredDocument], chunks, tokens, chunk_vectors, embedding_name, chunk_chars, embedding_spec,
                   clause_keys, clause_vectors, dim: int, vector_store: str = "faiss", milvus_uri: str | None = None) -> None:
    version = new_version(index_dir)
    try:
        stores = {name: write_vectors(vector_store, version, name, rows, matrix, dim, milvus_uri)
                  for name, (rows, matrix) in (("chunks", chunk_vectors), ("clauses", clause_vectors))}
        with sqlite3.connect(version / STORE_FILE) as db:
            db.execute("CREATE TABLE documents (doc_id TEXT PRIMARY KEY, meta TEXT NOT NULL, text TEXT NOT NULL, added_at TEXT NOT NULL)")
            db.execute("CREATE TABLE chunks (row INTEGER PRIMARY KEY, chunk_id TEXT UNIQUE, doc_id TEXT, data TEXT NOT NULL, tokens TEXT NOT NULL)")
            db.executemany(
                "INSERT INTO documents VALUES (?, ?, ?, ?)",
                [(doc_id, json.dumps(entry.meta.to_dict(), ensure_ascii=False), entry.text, entry.added_at)
                 for doc_id, entry in sorted(entries.items())],
            )
            db.executemany(
                "INSERT INTO chunks VALUES (?, ?, ?, ?, ?)",
                [(i, c.chunk_id, c.doc_id, json.dumps(c.to_dict(), ensure_ascii=False), json.dumps(t, ensure_ascii=False))
                 for i, (c, t) in enumerate(zip(chunks, tokens))],
            )
            db.execute("CREATE TABLE clauses (row INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, start INTEGER NOT NULL)")
            db.executemany("INSERT INTO clauses VALUES (?, ?, ?)", [(i, d, s) for i, (d, s) in enumerate(clause_keys)])
        manifest = {
            "format": FORMAT_VERSION,
            "policyqa_version": package_version(),
            "embedding": embedding_name,
            "embedding_spec": embedding_spec,
            "dimension": int(dim),
            "chunk_chars": chunk_chars,
            "pipeline_version": PIPELINE_VERSION,
            "faiss_version": faiss.__version__,
            "vectors": stores,
            "documents": {doc_id: entry.meta.sha256 for doc_id, entry in sorted(entries.items())},
            "chunks": len(chunks),
            "clauses": len(clause_keys),
            "embedded": {"chunks": len(chunk_vectors[0]), "clauses": len(clause_vectors[0])},
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        manifest["checksums"] = {name: file_checksum(version / name) for name in checked_files(manifest)}
        finish_version(version, manifest)
    except BaseException:
        shutil.rmtree(version, ignore_errors=True)
        raise
    swap(index_dir, version)


@dataclass
class GrowingVectors:
    """Every vector of one index version's rows, held in memory while the embedder fills in the rows
    that had none, so that publishing them writes the vector files and nothing else."""

    base: Path  # the version they belong to: the one loaded, then the last one published from them
    matrices: dict[str, np.ndarray]  # "chunks" | "clauses" -> one row per chunk or clause row
    present: dict[str, np.ndarray]  # which of those rows hold a vector

    @classmethod
    def of(cls, index: PolicyIndex) -> "GrowingVectors | None":
        """None for an index from before clause vectors: it is only ever published in full."""
        if index.clause_vectors is None:
            return None
        grown = cls(index.path, {}, {})
        for kind, store, size in (("chunks", index.vectors, len(index.chunks)),
                                  ("clauses", index.clause_vectors.store, len(index.clause_vectors.rows))):
            grown.matrices[kind] = np.zeros((size, store.dim), dtype=np.float32)
            grown.present[kind] = np.zeros(size, dtype=bool)
            grown.put(kind, *store.all_vectors())
        return grown

    def put(self, kind: str, rows, vectors) -> None:
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows):
            self.matrices[kind][rows] = vectors
            self.present[kind][rows] = True

    def written(self, kind: str) -> tuple[np.ndarray, np.ndarray]:
        rows = np.flatnonzero(self.present[kind])
        return rows, self.matrices[kind][rows]


def publish_vectors(index_dir: Path, grown: GrowingVectors, vector_store: str = "faiss",
                    milvus_uri: str | None = None) -> bool:
    """A new version of ``grown.base`` with its vectors as they are now. Only the vectors are new:
    the store is linked, not rewritten, so a publish costs the vectors' size, not the library's.
    False, with nothing written, when the index is no longer ``grown.base`` (an update came between);
    then the caller publishes in full with ``update_index``."""
    index_dir = Path(index_dir)
    with index_lock(index_dir):
        if not index_dir.is_symlink() or index_dir.resolve() != grown.base:
            return False
        manifest = json.loads((grown.base / MANIFEST).read_text(encoding="utf-8"))
        version = new_version(index_dir)
        try:
            os.link(grown.base / STORE_FILE, version / STORE_FILE)
            dim = int(manifest.get("dimension", 384))
            stores = {kind: write_vectors(vector_store, version, kind, *grown.written(kind), dim, milvus_uri)
                      for kind in ("chunks", "clauses")}
            manifest.update(vectors=stores, built_at=time.strftime("%Y-%m-%dT%H:%M:%S"),
                            embedded={kind: int(grown.present[kind].sum()) for kind in stores})
            kept = manifest.get("checksums", {})
            manifest["checksums"] = {name: kept[name] if name == STORE_FILE and name in kept
                                     else file_checksum(version / name) for name in checked_files(manifest)}
            finish_version(version, manifest)
        except BaseException:
            shutil.rmtree(version, ignore_errors=True)
            raise
        swap(index_dir, version)
        grown.base = version.resolve()
    return True


