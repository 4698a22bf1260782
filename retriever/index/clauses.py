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
from ingest.tables import is_row, split_cells


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
    group: str = ""  # a row under a merged first cell: that cell's label ("燃煤" over "| 超临界 | 60 | 8.254")


def clauses_of_chunk(chunk, hit_rank: int = 0) -> list[Clause]:
    out = []
    if chunk.kind == "table":
        offset, group = chunk.start, ""
        for line in chunk.text.split("\n"):
            cells = split_cells(line)
            first = cells[0].strip() if cells else ""
            is_data = is_row(line) and any(re.search(r"\d", c) for c in cells[1:] + cells[:1])
            if is_data and tuple(cells) != tuple(chunk.columns):
                out.append(Clause(chunk.doc_id, chunk.section, offset, offset + len(line), line, "row", chunk.columns,
                                  hit_rank, group="" if first else group))
            if first:
                # a label in the first column heads the rows below it whose first cell is empty (merged)
                group = "" if re.search(r"\d", first) else first
            offset += len(line) + 1
        return out
    for start, end in split_sentences(chunk.text, chunk.start):
        text = chunk.text[start - chunk.start:end - chunk.start]
        out.append(Clause(chunk.doc_id, chunk.section, start, end, text, "sentence", (), hit_rank))
    return out


def clauses_to_embed(chunks) -> list[tuple[Clause, str]]:
    """Every clause of ``chunks``, in index order (clause row i), with the text its vector is made from."""
    return [(clause, embedding_text(clause)) for chunk in chunks for clause in clauses_of_chunk(chunk)]


def embedding_text(clause: Clause) -> str:
    """What is embedded: a sentence with its heading, a row with its header and caption (a row of
    numbers alone means nothing)."""
    heading = clause.section.split(" > ")[-1]
    if clause.kind == "row":
        return " ".join([heading, *clause.columns, " ".join(split_cells(clause.text))])
    return f"{heading} {clause.text}" if heading else clause.text


class ClauseVectors:
    """Clause vectors of an index, looked up by (doc_id, start) in its vector store when a question
    needs them (only the clauses of the chunks it retrieved), so they are never all in memory."""

    def __init__(self, rows: dict[tuple[str, int], int], store):
        self.rows = rows  # (doc_id, start) -> clause row; shared by the versions of one library
        self.store = store
        self.pending = len(rows) - len(store)
        self._present: np.ndarray | None = None

    @property
    def present(self) -> np.ndarray:
        """For every clause row, whether the store has its vector."""
        if self._present is None:
            self._present = self.store.presence(len(self.rows))
        return self._present

    def vectors_of(self, keys: list[tuple[str, int]]) -> dict[tuple[str, int], np.ndarray]:
        """The vectors of those clauses that have one (a clause may still wait for the embedder)."""
        wanted = {key: self.rows[key] for key in keys if key in self.rows}
        rows = np.array(sorted(set(wanted.values())), dtype=np.int64)
        rows = rows[self.present[rows]] if len(rows) else rows
        by_row = dict(zip(rows.tolist(), self.store.vectors(rows)))
        return {key: by_row[row] for key, row in wanted.items() if row in by_row}

    def with_similarity(self, clauses: list[Clause], query_vector: np.ndarray) -> list[Clause]:
        vectors = self.vectors_of([(c.doc_id, c.start) for c in clauses])
        query = query_vector.reshape(-1)
        return [replace(c, semantic=float(vectors[(c.doc_id, c.start)] @ query)) if (c.doc_id, c.start) in vectors else c
                for c in clauses]
