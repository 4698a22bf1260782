"""Questions over documents nobody here read: 36 policy documents invented by helpers who never saw
the code (tests/data/invented/txt, kinds the library lacks: a 条例, a 批复, a 公示 list, a 督查通报, an
allocation notice, a 碳普惠 办法 …) and 360 questions they wrote blind, split by document into a tune
and a held-out half (tests/data/invented/*_qa.jsonl; held-out failures are never read).

Each text becomes a PDF (title line, paragraphs, " | " rows as a ruled table), is added to an index
of DATA_DIR's documents, and both halves are asked; their summaries print side by side.

    python -m bench.invented --data-dir DIR [--sources DIR ...]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INVENTED = ROOT / "tests" / "data" / "invented"


def write_pdf(text_path: Path, pdf_path: Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from tests.pdfs import FONT, _styles

    body, title = _styles()
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10)
    grid = TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                       ("VALIGN", (0, 0), (-1, -1), "TOP")])
    lines = [line.rstrip() for line in text_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    story, rows = [Paragraph(lines[0], title), Spacer(1, 12)], []

    def table():
        width = max(len(r) for r in rows)
        cells = [[Paragraph(c, cell) for c in r + [""] * (width - len(r))] for r in rows]
        story.append(Table(cells, style=grid, colWidths=[460 / width] * width))
        rows.clear()

    for line in lines[1:]:
        if " | " in line:
            rows.append([c.strip() for c in line.split(" | ")])
            continue
        if rows:
            table()
        story.append(Paragraph(line.replace("&", "&amp;").replace("<", "&lt;").replace(" ", "&nbsp;"), body))
    if rows:
        table()
    SimpleDocTemplate(str(pdf_path), pagesize=A4).build(story)
    return pdf_path


def main(argv=None) -> int:
    from policyqa.app import ingest_paths, load_answerer
    from policyqa.settings import Settings
    from retriever.evaluate import DocumentTexts, evaluate, load_questions

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="an index to add the invented documents to (copied, not changed)")
    parser.add_argument("--sources", type=Path, nargs="*", default=[ROOT / "corpus"],
                        help="folders of that index's own documents (for the quotes' source text)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        data, pdfs = scratch / "data", scratch / "pdf"
        shutil.copytree(args.data_dir, data, symlinks=True)
        pdfs.mkdir()
        for text_path in sorted((INVENTED / "txt").glob("*.txt")):
            write_pdf(text_path, pdfs / f"{text_path.stem}.pdf")
        settings = Settings.from_env(data_dir=data)
        result = ingest_paths([pdfs], settings)
        if result.errors:
            print("\n".join(str(error) for error in result.errors))
            return 1
        answerer = load_answerer(settings)
        sources = [*args.sources, pdfs]
        texts = DocumentTexts(sources, answerer.index.texts)
        for half in ("tune", "heldout"):
            report = evaluate(answerer, load_questions(INVENTED / f"{half}_qa.jsonl"), sources, texts)
            print(half, json.dumps(report.summary(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
