"""The table readers measured before ours was written: each rebuilds the same pages' tables, and
bench/table_score.py scores what the whole pipeline then makes of them against the hand-read gold.

    python -m bench.table_readers   # prints one row per reader: tune and held-out recall and value accuracy

Readers: pdfplumber's ruling lines alone (what policyqa used before issue 38), pdfplumber's text
alignment strategy (vertical and horizontal "text"), camelot's stream mode (run in a venv of its own by
bench/camelot_dump.py: it is not a dependency of policyqa) and ingest/pdf_tables.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from unittest import mock

from bench.table_score import SPLITS, load_gold, parse_documents, score
from ingest import pdf_tables


def _pdfplumber(settings: dict | None):
    def page_tables(page):
        out = []
        for table in page.find_tables(settings or {}):
            rows = [[cell or "" for cell in row] for row in table.extract()]
            if rows:
                out.append(pdf_tables.PageTable(table.bbox[1], table.bbox[3], rows))
        return out
    return page_tables


def _camelot(dump: Path | None):
    """Camelot's stream tables, read from the JSON bench/camelot_dump.py wrote in camelot's own venv."""
    if dump is None or not dump.is_file():
        raise ImportError("no camelot dump")
    tables = json.loads(dump.read_text(encoding="utf-8"))

    def page_tables(page):
        found = tables.get(Path(page.pdf.stream.name).stem, {}).get(str(page.page_number), [])
        return [pdf_tables.PageTable(t["top"], t["bottom"], t["rows"]) for t in found]
    return page_tables


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--camelot-json", type=Path, help="camelot's tables, from bench/camelot_dump.py")
    args = parser.parse_args(argv)
    readers = {
        "pdfplumber, ruling lines (before)": lambda: _pdfplumber(None),
        "pdfplumber, text alignment": lambda: _pdfplumber({"vertical_strategy": "text", "horizontal_strategy": "text"}),
        "camelot, stream": lambda: _camelot(args.camelot_json),
        "ingest/pdf_tables.py": lambda: pdf_tables.page_tables,
    }
    print("| reader | tune recall | tune value | held-out recall | held-out value |")
    print("|---|---|---|---|---|")
    for name, make in readers.items():
        try:
            reader = make()
        except ImportError:
            print(f"| {name} | not installed | | | |")
            continue
        figures = []
        with mock.patch.object(pdf_tables, "page_tables", reader):
            for split in SPLITS:
                result = score(split, parse_documents({g["doc"] for g in load_gold(split)}))
                figures += [f"{result.share(result.found):.3f}", f"{result.of_found(result.value_right):.3f}"]
        print(f"| {name} | " + " | ".join(figures) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
