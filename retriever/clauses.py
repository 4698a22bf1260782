"""The answerable units of a chunk (its sentences, or its table's data rows) and their vectors.

Each clause is embedded once at ingest with the same model as the chunks, so that at question
time the similarity of question and clause is one dot product: meaning beside wording, for the
question that says "由谁追回" where the clause says "牵头负责追回".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from ingest.chunking import split_sentences


@dataclass(frozen=True)
class Clause:
    doc_id: str
    section: str
    start: int
    end: int
    text: str
    kind: str  # "sentence" | "row"
    columns: tuple[str, ...]
    hit_rank: int
    semantic: float = 0.0  # cosine of the question and this clause (e5)


def clauses_of_chunk(chunk, hit_rank: int = 0) -> list[Clause]:
    out = []
    if chunk.kind == "table":
        offset = chunk.start
        for line in chunk.text.split("\n"):
            cells = line.split("\t")
            is_data = "\t" in line and any(re.search(r"\d", c) for c in cells[1:] + cells[:1])
            if is_data and tuple(cells) != tuple(chunk.columns):
                out.append(Clause(chunk.doc_id, chunk.section, offset, offset + len(line), line, "row", chunk.columns,
                                  hit_rank))
            offset += len(line) + 1
        return out
    for start, end in split_sentences(chunk.text, chunk.start):
        text = chunk.text[start - chunk.start:end - chunk.start]
        out.append(Clause(chunk.doc_id, chunk.section, start, end, text, "sentence", (), hit_rank))
    return out


def embedding_text(clause: Clause) -> str:
    """What is embedded: a sentence with its heading, a row with its header and caption (a row of
    numbers alone means nothing)."""
    heading = clause.section.split(" > ")[-1]
    if clause.kind == "row":
        return " ".join([heading, *clause.columns, clause.text.replace("\t", " ")])
    return f"{heading} {clause.text}" if heading else clause.text


class ClauseVectors:
    """Clause vectors of an index, looked up by (doc_id, start)."""

    def __init__(self, keys: list[tuple[str, int]], matrix: np.ndarray):
        self.rows = {key: i for i, key in enumerate(keys)}
        self.matrix = matrix

    def with_similarity(self, clauses: list[Clause], query_vector: np.ndarray) -> list[Clause]:
        rows = [self.rows.get((c.doc_id, c.start)) for c in clauses]
        known = [r for r in rows if r is not None]
        sims = dict(zip(known, (self.matrix[known] @ query_vector.reshape(-1)).tolist())) if known else {}
        return [replace(c, semantic=sims[r]) if r is not None else c for c, r in zip(clauses, rows)]
