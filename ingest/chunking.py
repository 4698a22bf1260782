"""Cut a parsed document into retrieval chunks along sentence boundaries, never across sections."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.models import Block, Chunk, Document

SENTENCE_END_RE = re.compile(r"[^。！？；;!?\n]*[。！？；;!?\n]?")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(60)
    return jieba


def split_sentences(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a paragraph beginning at ``start``."""
    spans = []
    for match in SENTENCE_END_RE.finditer(text):
        if match.group().strip():
            end = match.end() - (1 if match.group().endswith("\n") else 0)
            spans.append((start + match.start(), start + end))
    return spans


def _split_long(text: str, start: int, limit: int) -> list[tuple[int, int]]:
    """Split an over-long sentence at jieba word boundaries so no word is cut in two."""
    spans, pos, piece_start = [], 0, 0
    for word in _jieba().cut(text, HMM=False):
        if pos - piece_start + len(word) > limit and pos > piece_start:
            spans.append((start + piece_start, start + pos))
            piece_start = pos
        pos += len(word)
    spans.append((start + piece_start, start + pos))
    return spans


def _units(doc: Document, block: Block, limit: int) -> list[tuple[int, int]]:
    if block.kind != "text":
        return [(block.start, block.end)]  # rows, headers and captions stay whole
    units = []
    for s, e in split_sentences(doc.text[block.start:block.end], block.start):
        units.extend(_split_long(doc.text[s:e], s, limit) if e - s > limit else [(s, e)])
    return units


def chunk_document(doc: Document, max_chars: int = 320) -> list[Chunk]:
    chunks: list[Chunk] = []
    groups: list[list[Block]] = []
    for block in doc.blocks:
        if groups and groups[-1][0].section is block.section and (groups[-1][0].kind == "text") == (block.kind == "text"):
            groups[-1].append(block)
        else:
            groups.append([block])
    for group in groups:
        section = group[0].section
        kind = "text" if group[0].kind == "text" else "table"
        columns = next((b.columns for b in group if b.columns), ())
        units = [u for block in group for u in _units(doc, block, max_chars)]
        current: list[tuple[int, int]] = []
        for unit in units:
            if current and unit[1] - current[0][0] > max_chars:
                chunks.append(_make_chunk(doc, section.label, current, kind, columns))
                current = []
            current.append(unit)
        if current:
            chunks.append(_make_chunk(doc, section.label, current, kind, columns))
    return chunks


def _make_chunk(doc: Document, section: str, units: list[tuple[int, int]], kind: str, columns) -> Chunk:
    start, end = units[0][0], units[-1][1]
    return Chunk(
        chunk_id=f"{doc.meta.doc_id}#{start}-{end}",
        doc_id=doc.meta.doc_id,
        section=section,
        start=start,
        end=end,
        text=doc.text[start:end],
        kind=kind,
        columns=tuple(columns),
    )
