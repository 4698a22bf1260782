"""Metadata a person corrected: title, region, 文号 and date of a document, kept apart from the index.

Extraction gets some first pages wrong, and the person who knows the document is the authority.
Corrections live in ``<data dir>/corrections.json`` keyed by document id, and every index update
applies them, so they survive re-ingesting the file and rebuilding the index. An empty value
removes a correction (the extracted value comes back).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path

from ingest.models import DocumentMeta, ScopeEntry
from ingest.regions import Gazetteer

CORRECTIONS_FILE = "corrections.json"
FIELDS = ("title", "region", "doc_number", "date")
DATE_RE = re.compile(r"^(?:19|20)\d{2}-\d{2}-\d{2}$")
DOC_NUMBER_RE = re.compile(r"^[\u4e00-\u9fffA-Za-z]{1,20}[〔\[【(（]?(?:19|20)\d{2}[〕\]】)）]?第?\d{1,5}号$|^.{2,30}令第\d{1,4}号$")
EVIDENCE = "人工更正"


class CorrectionError(ValueError):
    pass


class Corrections:
    def __init__(self, path: Path, entries: dict[str, dict[str, str]] | None = None):
        self.path = Path(path)
        self.entries = entries or {}

    @classmethod
    def load(cls, data_dir: Path) -> "Corrections":
        path = Path(data_dir) / CORRECTIONS_FILE
        if not path.exists():
            return cls(path)
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise CorrectionError(f"{path}: cannot be read ({exc})") from None
        if not isinstance(entries, dict) or not all(isinstance(v, dict) for v in entries.values()):
            raise CorrectionError(f"{path}: expected {{doc_id: {{field: value}}}}")
        return cls(path, entries)

    def set(self, doc_id: str, gazetteer: Gazetteer, **fields: str | None) -> dict[str, str]:
        """Record the given fields for ``doc_id`` (None leaves a field alone, "" clears it)."""
        entry = dict(self.entries.get(doc_id, {}))
        for name, value in fields.items():
            if name not in FIELDS:
                raise CorrectionError(f"unknown field {name!r}: use {', '.join(FIELDS)}")
            if value is None:
                continue
            value = value.strip()
            if not value:
                entry.pop(name, None)
                continue
            if name == "region" and value not in gazetteer.regions:
                named = gazetteer.find(value)
                if len(named) == 1 and value in gazetteer.short_forms(named[0]):
                    value = named[0]  # 包头 -> 包头市
            check_value(name, value, gazetteer)
            entry[name] = value
        if entry:
            self.entries[doc_id] = entry
        else:
            self.entries.pop(doc_id, None)
        return entry

    def save(self) -> None:
        """Write to a temporary file, then rename: a crash never leaves half a file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.entries, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)

    def apply(self, meta: DocumentMeta, gazetteer: Gazetteer) -> DocumentMeta:
        entry = self.entries.get(meta.doc_id)
        if not entry:
            return meta
        changes = {k: v for k, v in entry.items() if k in FIELDS}
        if "region" in changes:
            changes["parent_region"] = gazetteer.parent(changes["region"])
            # a person's region replaces what was read; the other names of the same government stay
            kept = tuple(e for e in meta.scope if e.certainty == "sure" and e.region != changes["region"]
                         and changes["region"] in (e.region, e.parent))
            changes["scope"] = (ScopeEntry(changes["region"], changes["parent_region"], EVIDENCE),) + kept
        evidence = dict(meta.evidence)
        evidence.update({k: EVIDENCE for k in entry if k in FIELDS})
        return replace(meta, evidence=evidence, **changes)


def check_value(name: str, value: str, gazetteer: Gazetteer) -> None:
    if name == "date" and not DATE_RE.match(value):
        raise CorrectionError(f"date {value!r}: expected YYYY-MM-DD")
    if name == "doc_number" and not DOC_NUMBER_RE.match(value):
        raise CorrectionError(f"文号 {value!r}: expected the form 机关代字〔年份〕序号号, e.g. 苏政发〔2022〕31号")
    if name == "region" and value not in gazetteer.regions and not re.search(r"(?:开发区|新区|高新区|经开区|园区|实验区)$", value):
        raise CorrectionError(f"region {value!r} is not a known province, city, county or zone")
    if name == "title" and len(value) < 4:
        raise CorrectionError(f"title {value!r} is too short")
