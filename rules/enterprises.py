"""Key energy-using enterprise lists, read from the tables of the parsed documents.

A list is a table with an enterprise-name column (企业名称) and a size column (规模) whose merged cells
the PDF printed once per page: an empty size cell belongs to the size printed above it.
"""

from __future__ import annotations

import re
import unicodedata

from ingest.lexicon import sectors_named
from ingest.models import Document
from ingest.tables import split_cells
from rules.model import ListedEnterprise, Range

TIER_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:吨)?\s*(?:[-—~至]\s*(\d+(?:\.\d+)?))?\s*吨?\s*标准?煤\s*(及?以上)?")


def parse_tier(text: str) -> Range | None:
    """"年综合能耗2000-5000吨标准煤" -> [2000, 5000); "年综合能耗5000吨标准煤以上" -> [5000, ∞)."""
    match = TIER_RE.search(text.replace(" ", ""))
    if not match:
        return None
    low = float(match.group(1))
    if match.group(2):
        return Range(min=low, max=float(match.group(2)), min_inclusive=True, max_inclusive=False)
    return Range(min=low, min_inclusive=True)


def name_key(name: str) -> str:
    """Names compare without width, bracket style or spacing differences."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def scope_sectors(*texts: str) -> tuple[str, ...]:
    """The sectors the first text that names any names ("工业和通信业" -> 工业, 通信): a list's heading
    path first, then its document's title."""
    return next((named for named in map(sectors_named, texts) if named), ())


def listed_enterprises(documents: list[Document]) -> list[ListedEnterprise]:
    found: list[ListedEnterprise] = []
    for doc in documents:
        for section in doc.sections:
            rows = [b for b in doc.blocks if b.section is section and b.kind == "row"]
            if not rows or "企业名称" not in rows[0].columns or "规模" not in rows[0].columns:
                continue
            scope = scope_sectors(" ".join(section.path), doc.meta.title)
            name_at = rows[0].columns.index("企业名称")
            tier_at = rows[0].columns.index("规模")
            tier = ""
            for row in rows:
                cells = split_cells(doc.text[row.start:row.end])
                if tier_at < len(cells) and cells[tier_at].strip():
                    tier = cells[tier_at].strip()
                if name_at >= len(cells) or not cells[name_at].strip():
                    continue
                tier_range = parse_tier(tier)
                if tier_range is None:
                    continue
                found.append(ListedEnterprise(cells[name_at].strip(), doc.meta.region, tier, tier_range,
                                              doc.meta.doc_id, section.path[-1], scope))
    return found


def resolve_name(name: str, listed: list[ListedEnterprise]) -> tuple[ListedEnterprise | None, list[str]]:
    """The listed enterprise for ``name``: exact match, else a unique partial match; else candidates."""
    key = name_key(name)
    exact = [e for e in listed if name_key(e.name) == key]
    if exact:
        return exact[0], []
    partial = [e for e in listed if key and key in name_key(e.name)]
    if len(partial) == 1:
        return partial[0], []
    return None, sorted(e.name for e in partial)[:10]
