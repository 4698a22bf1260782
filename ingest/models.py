"""Plain dataclasses passed between ingest, the index and the retriever."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class ScopeEntry:
    """One region a document is about, where that was read, and how sure it is (sure/likely/unsure)."""

    region: str
    parent: str
    evidence: str
    certainty: str = "sure"


# the dates a document gives about itself (ingest/document_dates.py), in the order they are listed
DATE_KINDS = ("issued", "printed", "posted", "passed", "approved", "effective", "valid_until", "window")


@dataclass(frozen=True)
class DocumentDate:
    kind: str  # one of DATE_KINDS
    date: str  # ISO; for a window, its first day
    text: str  # the words it was read from, as printed
    start: int = 0  # where ``text`` is in the normalised text
    by: str = ""  # for passed/approved: the meeting, as printed; for printed: the office that printed it
    until: str = ""  # for a window: its last day


@dataclass(frozen=True)
class DocumentMeta:
    doc_id: str
    title: str
    issuer: str
    doc_number: str  # 文号, e.g. 嘉经〔2022〕14号
    date: str  # ISO date of issue, "" when the document gives none
    region: str  # the district or city the document governs
    parent_region: str  # "" for a top-level region
    period_start: int | None = None
    period_end: int | None = None
    source: str = ""  # file name as given to ingest
    sha256: str = ""
    notice_title: str = ""  # the notice that 印发 the plan, when the document is one
    evidence: dict = field(default_factory=dict, compare=False, hash=False)  # field -> where it was read
    scope: tuple[ScopeEntry, ...] = ()  # every region the document is about (ingest/scope.py)
    ocr_pages: tuple[int, ...] = ()  # pages without a text layer that OCR read (1-based)
    ocr_spans: tuple[tuple[int, int], ...] = ()  # where their text lies in the normalised text
    page_seams: tuple[int, ...] = ()  # where the text runs on across a dropped page number (ingest/normalize.py)
    dates: tuple[DocumentDate, ...] = ()  # issued, passed, effective, valid until, windows (ingest/document_dates.py)

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def regions(self) -> tuple[str, ...]:
        """The regions a question may name to be answered from this document as its own."""
        named = tuple(e.region for e in self.scope if e.certainty != "unsure")
        return named or ((self.region,) if self.region and not self.scope else ())

    @property
    def scope_unsure(self) -> bool:
        """No region read with confidence: the document is searched for any region asked."""
        return not self.regions

    def ocr_read(self, start: int, end: int) -> bool:
        """Whether any of text[start:end] comes from a page OCR read, and so may hold its misreadings."""
        return any(s < end and start < e for s, e in self.ocr_spans)

    def printed_pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """text[start:end] cut at its page seams: each piece is printed in one run in the source."""
        cuts = [start, *(s for s in self.page_seams if start < s < end), end]
        return list(zip(cuts, cuts[1:]))

    @property
    def is_report(self) -> bool:
        """A report on a past period (issued after the period ended), not a plan."""
        return bool(self.period_end and self.date and int(self.date[:4]) > self.period_end)

    @classmethod
    def from_dict(cls, data: dict) -> "DocumentMeta":
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        values["scope"] = tuple(ScopeEntry(**e) for e in values.get("scope", ()))
        values["ocr_pages"] = tuple(values.get("ocr_pages", ()))
        values["ocr_spans"] = tuple(tuple(span) for span in values.get("ocr_spans", ()))
        values["page_seams"] = tuple(values.get("page_seams", ()))
        values["dates"] = tuple(DocumentDate(**d) for d in values.get("dates", ()))
        return cls(**values)


@dataclass(frozen=True)
class Section:
    """A span of the normalised text under one heading path."""

    path: tuple[str, ...]
    start: int
    end: int

    @property
    def label(self) -> str:
        return " > ".join(self.path)


@dataclass(frozen=True)
class Block:
    """A paragraph or a table row inside a section; the unit chunks are built from."""

    kind: str  # "text" | "row"
    start: int
    end: int
    section: Section
    columns: tuple[str, ...] = ()  # table header, for rows


@dataclass
class Document:
    meta: DocumentMeta
    text: str  # normalised text; every offset in this package points into it
    sections: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """The clause a rule, a target or a finding comes from, as cited to the user."""

    doc_id: str
    doc_number: str
    section: str
    quote: str


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc_id: str
    section: str
    start: int
    end: int
    text: str  # verbatim slice of the normalised document text
    kind: str = "text"  # "text" | "table"
    columns: tuple[str, ...] = ()

    def retrieval_text(self, title: str) -> str:
        """What is embedded and BM25-indexed: the text under its title and section path."""
        return f"{title}｜{self.section}\n{self.text}"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["columns"] = list(self.columns)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Chunk":
        data = dict(data)
        data["columns"] = tuple(data.get("columns", ()))
        return cls(**data)
