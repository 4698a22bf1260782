"""The hybrid searcher as a LangChain ``BaseRetriever``.

Kept apart from retriever/search/hybrid.py because importing LangChain's retriever machinery takes over a
second, which `policyqa ask` should not pay for.
"""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever

from retriever.search.hybrid import HybridSearcher


class PolicyRetriever(BaseRetriever):
    """LangChain retriever over a ``HybridSearcher``; metadata carries the citation fields."""

    searcher: HybridSearcher
    k: int = 8
    regions: list[str] | None = None
    doc_ids: list[str] | None = None

    model_config = {"arbitrary_types_allowed": True}

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        return [
            LCDocument(
                page_content=hit.chunk.text,
                metadata={
                    "chunk_id": hit.chunk.chunk_id,
                    "doc_id": hit.chunk.doc_id,
                    "title": hit.meta.title,
                    "doc_number": hit.meta.doc_number,
                    "region": hit.meta.region,
                    "section": hit.chunk.section,
                    "start": hit.chunk.start,
                    "end": hit.chunk.end,
                    "score": hit.score,
                },
            )
            for hit in self.searcher.search(query, self.k, self.regions, self.doc_ids)
        ]
