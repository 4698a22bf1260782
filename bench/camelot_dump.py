"""Camelot's stream-mode tables of the table gold's documents, written as JSON for bench/table_readers.py.

Camelot is not a dependency of policyqa (it brings OpenCV): run this in a virtual environment of its own,
    python -m venv /tmp/camvenv && /tmp/camvenv/bin/pip install camelot-py pdfplumber
    /tmp/camvenv/bin/python bench/camelot_dump.py t147,t179,... /tmp/camelot_tables.json
then `python -m bench.table_readers --camelot-json /tmp/camelot_tables.json`.
"""

import json, sys
from pathlib import Path
import camelot, pdfplumber
docs = sys.argv[1].split(",")
out = {}
for doc in docs:
    folder = {"t": "tables", "v": "wild2", "w": "wild"}[doc[0]]
    path = f"/work/shared/{folder}/pdf/{doc}.pdf"
    with pdfplumber.open(path) as pdf:
        heights = [p.height for p in pdf.pages]
    pages = {}
    for n in range(1, len(heights) + 1):
        try:
            found = camelot.read_pdf(path, pages=str(n), flavor="stream")
        except Exception as e:
            continue
        pages[n] = [{"top": heights[n-1] - t._bbox[3], "bottom": heights[n-1] - t._bbox[1], "rows": t.df.astype(str).values.tolist()} for t in found]
    out[doc] = pages
    print(doc, file=sys.stderr)
json.dump(out, open(sys.argv[2], "w"), ensure_ascii=False)
