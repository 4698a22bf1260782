"""Reading policy files, normalising their text, and cutting them into sections and chunks."""

from ingest.models import Chunk, Document, DocumentMeta, Section

__all__ = ["Chunk", "Document", "DocumentMeta", "Section"]
