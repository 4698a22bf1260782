"""Larger libraries made from the real documents, with answers that stay checkable.

``python -m bench.scale --factor 100 --out build/scale-100`` writes ``factor`` variants of every
source document (corpus/ and ../shared/wild/pdf by default) and the question files rewritten to
match. A variant moves the document to another region of the same level (its parent regions and
short forms follow: 嘉定区/嘉定/上海市 become 某区/某/某市 of one real city), shifts every year by
the same number of years, multiplies every quantity with a unit by the same factor (a percentage
stays at or below 100), and puts its top-level sections in another order. A question about the
source is rewritten with the same changes and points at the variant, so its gold figure can be
checked exactly as for the real documents. The same seed gives the same library, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.mentions import find_quantities
from ingest.models import Document
from ingest.regions import Gazetteer
from ingest.structure import split_sections

TIME_UNITS = ("年", "月", "日", "号", "时", "分")
YEAR_RE = re.compile(r"(?<!\d)(19[89]\d|20[0-6]\d)(?!\d)")


@dataclass(frozen=True)
class Variant:
    """How one copy of a document differs from its source."""

    suffix: str  # added to the document id
    places: tuple[tuple[str, str], ...]  # (name in the source, name in the copy), longest first
    year_shift: int
    figure_factor: float


def _scaled(number: str, factor: float, unit: str) -> str:
    value = float(number) * factor
    if unit == "%" and value > 100:
        return number  # a share over 100 % would not be a figure a document states
    decimals = len(number.split(".")[1]) if "." in number else 0
    text = f"{value:.{decimals}f}"
    return text if text != number else number


def figures(text: str):
    """The quantities a variant scales: a number with a unit that is not a date."""
    for mention in find_quantities(text):
        if (not mention.is_date and mention.unit and mention.unit not in TIME_UNITS
                and re.fullmatch(r"\d+(?:\.\d+)?", mention.number)):
            yield mention  # "7月22日" is a date, not a figure to scale


def apply_variant(text: str, variant: Variant) -> str:
    """The text with the variant's places, years and figures (quantities first: their offsets are
    the source's)."""
    pieces, last = [], 0
    for mention in figures(text):
        at = text.find(mention.number, mention.start, mention.end)
        if at < 0:
            continue
        pieces += [text[last:at], _scaled(mention.number, variant.figure_factor, mention.unit)]
        last = at + len(mention.number)
    text = "".join(pieces) + text[last:]
    text = YEAR_RE.sub(lambda m: str(int(m.group(1)) + variant.year_shift), text)
    for old, new in variant.places:
        text = text.replace(old, new)
    return text


def shuffle_sections(text: str, rng: random.Random) -> str:
    """The text with its top-level sections (after the first: title, 文号, preamble) reordered."""
    sections, _ = split_sections(text)
    # a top-level section runs until the next one starts (its subsections are sections of their own)
    starts = [s.start for s in sections if len(s.path) == 1]
    if len(starts) < 3:
        return text
    bounds = starts[1:] + [len(text)]
    body = [text[a:b] for a, b in zip(bounds, bounds[1:])]
    rng.shuffle(body)
    return text[:starts[1]] + "".join(part if part.endswith("\n") else part + "\n" for part in body)


def place_pairs(source: list[str], target: list[str], gazetteer: Gazetteer) -> tuple[tuple[str, str], ...]:
    """Source chain of regions (nearest first) mapped onto the target chain, with short forms."""
    pairs = {}
    for old, new in zip(source, target):
        pairs[old] = new
        new_short = (gazetteer.short_forms(new) or (new,))[0]
        for short in gazetteer.short_forms(old):
            if len(short) >= 2:
                pairs.setdefault(short, new_short)
    return tuple(sorted(pairs.items(), key=lambda item: -len(item[0])))


def variants_of(doc: Document, factor: int, gazetteer: Gazetteer, rng: random.Random) -> list[Variant]:
    """``factor`` variants of one document, each in a region of its own (so a question's region
    still picks one document)."""
    chain = gazetteer.ancestors(doc.meta.region) if doc.meta.region else []
    level = gazetteer.level(chain[0]) if chain else 0
    candidates = sorted(r.name for r in gazetteer.regions.values()
                        if r.level == level and len(gazetteer.ancestors(r.name)) == len(chain) and r.name not in chain)
    targets = rng.sample(candidates, min(factor, len(candidates))) if chain else []
    out = []
    for k in range(factor):
        places = place_pairs(chain, gazetteer.ancestors(targets[k]), gazetteer) if k < len(targets) else ()
        out.append(Variant(f"x{k:04d}", places, rng.randint(1, 8), round(rng.uniform(1.1, 1.9), 1)))
    return out


def derive_question(item: dict, variant: Variant, doc_map: dict[str, str], scaled: set[str]) -> dict:
    """The question rewritten for the variant; ``scaled`` holds the numbers the source document
    states with a unit, so that a gold figure written bare ("1000", a table cell) changes with it."""
    def answer(text: str) -> str:
        if re.fullmatch(r"\d+(?:\.\d+)?", text) and text in scaled:
            return _scaled(text, variant.figure_factor, "")
        return apply_variant(text, variant)

    return {**item, "id": f"{item['id']}-{variant.suffix}", "question": apply_variant(item["question"], variant),
            "expect": [[answer(a) for a in group] for group in item.get("expect", [])],
            "docs": [doc_map.get(d, d) for d in item.get("docs", [])]}


def generate(documents: list[Document], factor: int, out: Path, questions: dict[str, list[dict]] | None = None,
             seed: int = 13, gazetteer: Gazetteer | None = None) -> dict:
    """Write the variants as ``out/docs/<doc_id>-x<k>.txt`` and each question file as
    ``out/<name>.jsonl``; returns counts."""
    gazetteer = gazetteer or Gazetteer.load()
    rng = random.Random(seed)
    docs_dir = Path(out) / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    variants: dict[str, list[Variant]] = {}
    scaled: dict[str, set[str]] = {}
    chars = 0
    for doc in sorted(documents, key=lambda d: d.meta.doc_id):
        variants[doc.meta.doc_id] = variants_of(doc, factor, gazetteer, rng)
        scaled[doc.meta.doc_id] = {m.number for m in figures(doc.text)}
        for variant in variants[doc.meta.doc_id]:
            text = shuffle_sections(apply_variant(doc.text, variant), rng)
            (docs_dir / f"{doc.meta.doc_id}-{variant.suffix}.txt").write_text(text, encoding="utf-8")
            chars += len(text)
    written = {}
    for name, items in (questions or {}).items():
        derived = []
        for item in items:
            sources = [d for d in item.get("docs", []) if d in variants]
            if item.get("docs") and not sources:
                continue  # about a document that was not scaled
            # one copy per question: enough to check answers without multiplying the question set
            for variant in (variants[sources[0]][:1] if sources else []):
                derived.append(derive_question(item, variant, {d: f"{d}-{variant.suffix}" for d in sources},
                                               set().union(*(scaled[d] for d in sources))))
        (Path(out) / f"{name}.jsonl").write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in derived),
                                                  encoding="utf-8")
        written[name] = len(derived)
    return {"documents": len(documents) * factor, "chars": chars, "questions": written}


def main(argv=None) -> int:
    from ingest.pipeline import collect_files, parse_file
    from retriever.evaluate import load_questions

    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factor", type=int, required=True, help="copies of every source document")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--source", type=Path, action="append", help="folders of source documents (repeatable)")
    parser.add_argument("--questions", type=Path, action="append", help="question files to rewrite (repeatable)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    gazetteer = Gazetteer.load()
    files, errors = collect_files(args.source or [root / "corpus"])
    documents = [parse_file(path, gazetteer) for path in files]
    questions = {p.stem: load_questions(p) for p in (args.questions or [])}
    print(json.dumps(generate(documents, args.factor, args.out, questions, args.seed, gazetteer), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
