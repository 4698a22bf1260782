"""Wiring: settings -> index -> searcher -> answerer. The one place that builds the pieces."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.chunking import chunk_document
from ingest.corrections import Corrections
from ingest.pipeline import assign_doc_ids, collect_files, parse_file
from ingest.readers import IngestError
from ingest.regions import Gazetteer
from policyqa.settings import Settings
from retriever.answer.answerer import Answerer
from retriever.index import PolicyIndex, UpdateReport, clean_up_after_kill, update_index
from retriever.index.embeddings import load_embeddings
from retriever.search.hybrid import HybridSearcher


@dataclass
class IngestResult:
    report: UpdateReport
    errors: list[IngestError]
    skipped_duplicates: list[str]
    warnings: list[str]


def ingest_paths(paths: list[Path], settings: Settings, rebuild: bool = False, progress=None,
                 embeddings=None, embed: bool = True, on_page=None) -> IngestResult:
    """Parse every file (each failure is recorded, never fatal) and update the index once. With
    ``embed=False`` the new version is written before anything is embedded: searchable by BM25 at
    once, its vectors left to ``retriever.index.embedder``. ``on_page(file name, page, pages)`` is
    told as each page without a text layer goes to OCR."""
    gazetteer = Gazetteer.load()
    files, errors = collect_files(paths)
    named, warnings = assign_doc_ids(files)
    documents, seen_hashes, duplicates = [], {}, []
    for path, doc_id in named:
        try:
            doc = parse_file(path, gazetteer, doc_id=doc_id, notes=warnings, limits=settings.limits,
                             on_page=None if on_page is None else lambda done, total, name=path.name: on_page(name, done, total))
            check_chunk_count(path, doc, settings)
        except IngestError as exc:
            errors.append(exc)
            continue
        if doc.meta.sha256 in seen_hashes:
            duplicates.append(f"{path.name} (same content as {seen_hashes[doc.meta.sha256]})")
            continue
        seen_hashes[doc.meta.sha256] = path.name
        documents.append(doc)
    corrections = Corrections.load(settings.data_dir)
    embeddings = embeddings or load_embeddings(settings.embedding)
    report = update_index(settings.index_dir, documents, embeddings, settings.chunk_chars,
                          rebuild=rebuild, progress=progress, embedding_spec=settings.embedding,
                          corrections=corrections, embed=embed, **settings.store_options())
    return IngestResult(report, errors, duplicates, warnings + report.notes)


def check_chunk_count(path: Path, doc, settings: Settings) -> None:
    """Refuse a document that would become more chunks than one file may (each is embedded), before it
    reaches the index."""
    count = len(chunk_document(doc, settings.chunk_chars))
    if count > settings.limits.max_chunks:
        raise IngestError(path, f"{count:,} text chunks, over the limit of {settings.limits.max_chunks:,} a file "
                                "(POLICYQA_MAX_CHUNKS)")


def correct_document(settings: Settings, doc_id: str, embeddings=None, **fields: str | None) -> dict[str, str]:
    """Record a person's correction of a document's title, region, 文号 or date and apply it to the
    index now (no re-embedding); it is applied again on every later ingest."""
    index = PolicyIndex.load(settings.index_dir)
    if doc_id not in index.documents:
        raise KeyError(f"not in the index: {doc_id}")
    corrections = Corrections.load(settings.data_dir)
    entry = corrections.set(doc_id, Gazetteer.load(), **fields)
    corrections.save()
    spec = index.manifest.get("embedding_spec", settings.embedding)
    update_index(settings.index_dir, [], embeddings or load_embeddings(spec), index.manifest["chunk_chars"],
                 embedding_spec=spec, corrections=corrections, embed=False, **settings.store_options())
    return entry


def load_documents(settings: Settings):
    """The parsed documents of the index (sections and tables rebuilt from the stored text)."""
    return PolicyIndex.load(settings.index_dir).parsed_documents()


def load_target_service(settings: Settings):
    from targets.service import TargetService

    return TargetService(load_documents(settings), Gazetteer.load())


def load_task_tracker(settings: Settings):
    from rules.task_tracker import TaskTracker

    return TaskTracker(load_documents(settings))


def load_obligation_service(settings: Settings, include_drafts: bool = False):
    """The rules module over the indexed documents (no embedding model needed): the package's rules,
    the data directory's reviewed rules and, when asked, its unreviewed drafts."""
    from rules.service import ObligationService

    return ObligationService.for_data_dir(load_documents(settings), Gazetteer.load(), settings.data_dir, include_drafts)


def load_assistant(settings: Settings, previous=None):
    """The chat's entry point: the answerer plus the rules module over the same documents. With the
    ``previous`` assistant, an index that gained only vectors reuses what it holds."""
    from policyqa.assistant import Assistant

    answerer = load_answerer(settings, previous.answerer if previous is not None else None)
    return Assistant(answerer, documents=answerer.index.parsed_documents(), max_question_chars=settings.max_question_chars,
                     data_dir=settings.data_dir, max_history_messages=settings.max_history_messages)


def gazetteer_for(index: PolicyIndex) -> Gazetteer:
    """The gazetteer plus the zones (开发区, 新区) that indexed documents are about."""
    base = Gazetteer.load()
    named = [(m.region, m.parent_region) for m in index.documents.values()]
    named += [(e.region, e.parent) for m in index.documents.values() for e in m.scope]
    return base.with_zones(list(dict.fromkeys((r, p) for r, p in named if r and r not in base.regions)))


def load_answerer(settings: Settings, previous: Answerer | None = None) -> Answerer:
    """The answerer over the index; given the ``previous`` one, a version with the same chunks and
    more vectors (the embedder's publish) is read and answered from without rebuilding the rest."""
    clean_up_after_kill(settings.index_dir)
    index = PolicyIndex.load(settings.index_dir, previous.index if previous is not None else None)
    if previous is not None and index.chunks is previous.index.chunks:
        return previous.with_index(index)
    embeddings = load_embeddings(index.manifest.get("embedding_spec", settings.embedding))
    searcher = HybridSearcher(index, embeddings, rrf_k=settings.rrf_k)
    return Answerer(index, searcher, gazetteer_for(index), top_k=settings.top_k)
