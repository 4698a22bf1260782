"""How well the task tracker reads tasks a person listed: recall of tasks, lead-unit accuracy and
deadline accuracy, for the tune and the held-out half of each gold file (tests/data/*tasks_gold.jsonl).

A gold task is found when an extracted task of its document holds its ``key`` (a verbatim phrase of
the task's body). Its lead is right when the extracted lead units are the gold's, compared in one
form of their names (ingest/departments.department_name). Its deadline is right when the dates are
equal; a gold task without a date of its own is right when the tracker gave it none either (or only
the plan's period end, marked as a default).

    python -m bench.task_score [--data-dir DIR] [--gold FILE ...] [--out docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ingest.departments import department_name
from rules.tasks import Task, extract_tasks

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "tasks_gold.jsonl"
GOLD_FILES = [GOLD, ROOT / "tests" / "data" / "wild2_tasks_gold.jsonl", ROOT / "tests" / "data" / "blind_tasks_gold.jsonl"]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SPLITS = ("tune", "heldout")


@dataclass
class TaskScore:
    gold: int = 0
    found: int = 0
    lead_right: int = 0
    deadline_right: int = 0
    extracted: int = 0  # tasks the tracker read in the gold documents
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def lead_accuracy(self) -> float:
        return self.lead_right / self.found if self.found else 0.0

    @property
    def deadline_accuracy(self) -> float:
        return self.deadline_right / self.found if self.found else 0.0

    def summary(self) -> dict:
        return {"gold": self.gold, "extracted": self.extracted, "recall": round(self.recall, 4),
                "lead_accuracy": round(self.lead_accuracy, 4), "deadline_accuracy": round(self.deadline_accuracy, 4)}


def load_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _units(names, region: str) -> set[str]:
    return {department_name(n, region) for n in names}


def _deadline_right(gold: dict, task: Task) -> bool:
    if gold["deadline"] is None:
        return task.deadline is None or task.deadline_default
    return task.deadline == gold["deadline"] and not task.deadline_default


def score(gold: list[dict], documents) -> dict[str, TaskScore]:
    by_id = {d.meta.doc_id: d for d in documents}
    scores = {split: TaskScore() for split in SPLITS}
    docs_of = {split: sorted({g["doc"] for g in gold if g["split"] == split}) for split in SPLITS}
    for split, doc_ids in docs_of.items():
        result = scores[split]
        for doc_id in doc_ids:
            doc = by_id.get(doc_id)
            tasks = extract_tasks(doc) if doc is not None else []
            result.extracted += len(tasks)
            for item in (g for g in gold if g["doc"] == doc_id):
                result.gold += 1
                match = next((t for t in tasks if doc and item["key"] in doc.text[t.span[0]:t.span[1]]), None)
                if match is None:
                    result.misses.append(f"{doc_id} {item['task']}: not found")
                    continue
                result.found += 1
                region = doc.meta.region
                if _units(match.lead, region) == _units(item["lead"], region):
                    result.lead_right += 1
                else:
                    result.misses.append(f"{doc_id} {item['task']}: lead {list(match.lead)} != {item['lead']}")
                if _deadline_right(item, match):
                    result.deadline_right += 1
                else:
                    result.misses.append(f"{doc_id} {item['task']}: deadline {match.deadline} != {item['deadline']}")
    return scores


def table(scores_by_gold: dict[str, dict[str, TaskScore]]) -> str:
    lines = ["| gold | half | documents' gold tasks | tasks read | recall | lead accuracy | deadline accuracy |",
             "|---|---|---|---|---|---|---|"]
    for name, scores in scores_by_gold.items():
        for split in SPLITS:
            s = scores[split]
            lines.append(f"| {name} | {split} | {s.gold} | {s.extracted} | {s.recall:.3f} | {s.lead_accuracy:.3f} | "
                         f"{s.deadline_accuracy:.3f} |")
    return "\n".join(lines)


def source_of(doc_id: str) -> Path:
    """Where a gold document's file is: corpus/ for the samples, ../shared/{wild,wild2,tables}/pdf else."""
    folders = {"v": SHARED / "wild2" / "pdf", "w": SHARED / "wild" / "pdf", "t": SHARED / "tables" / "pdf"}
    if doc_id[:1] in folders and doc_id[1:].isdigit():
        return folders[doc_id[0]] / f"{doc_id}.pdf"
    return next(CORPUS.glob(f"{doc_id}*"), CORPUS / doc_id)


def parse_gold_documents(gold: list[dict]) -> list:
    """The gold's documents parsed as `policyqa ingest` parses them, without an index."""
    from ingest.pipeline import parse_file
    from ingest.regions import Gazetteer

    gazetteer = Gazetteer.load()
    return [parse_file(source_of(doc_id), gazetteer, doc_id=doc_id) for doc_id in sorted({g["doc"] for g in gold})]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="read the documents from this index (default: parse each gold document's file)")
    parser.add_argument("--out", type=Path, default=None, help="write the table into this markdown file")
    parser.add_argument("--misses", action="store_true", help="list the tune half's misses")
    parser.add_argument("--gold", type=Path, nargs="+", default=GOLD_FILES, help="gold task files (default: %(default)s)")
    args = parser.parse_args(argv)
    indexed = None
    if args.data_dir is not None:
        from retriever.index.store import PolicyIndex

        indexed = PolicyIndex.load(args.data_dir / "index").parsed_documents()
    scores_by_gold = {}
    for path in args.gold:
        gold = load_gold(path)
        scores = score(gold, indexed if indexed is not None else parse_gold_documents(gold))
        scores_by_gold[path.name] = scores
        if args.misses:
            print("\n".join(scores["tune"].misses))
    print(table(scores_by_gold))
    if args.out:
        from bench.reports import write_section

        write_section(args.out, "tasks", "## Task tracker: tasks read against a person's list\n\n"
                      "`python -m bench.task_score`: tasks a person listed in real documents, each gold file split by "
                      "document into a tune and a held-out half (the reader was changed only against tune misses). "
                      "tasks_gold.jsonl: corpus/ 000 and 004 and 11 wild PDFs (notes, 按职责分工负责 notes, running text, a "
                      "work-list table); wild2_tasks_gold.jsonl: 17 wild2 PDFs; blind_tasks_gold.jsonl: 6 PDFs read "
                      "blind to the reader (a project table, 按职能分工 notes, running text, a 管理办法). Recall: gold "
                      "tasks found; lead and deadline accuracy: of those found.\n\n" + table(scores_by_gold))
    return 0


if __name__ == "__main__":
    sys.exit(main())
