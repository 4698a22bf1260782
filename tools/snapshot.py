"""Write every user-visible output of two indexes to a folder, so that a refactoring can show it
changed nothing: diff the folder written before with the one written after.

    python -m tools.snapshot OUT --corpus-data-dir DIR --wild-data-dir DIR2
    diff -r OUT_BEFORE OUT_AFTER

It writes the eval JSON of the four question sets (timings left out: they differ run to run),
``targets --json``, ``audit --json`` and ``documents --json`` of both indexes, ``compare`` for a few
indicators, ``obligations --json`` for a few enterprises, and ``rules draft`` of every document of
the corpus index. Everything goes through the command line, as a user would run it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION_SETS = {
    "dev": (ROOT.parent / "shared" / "eval" / "dev_qa.jsonl", "corpus"),
    "extra": (ROOT / "tests" / "data" / "extra_qa.jsonl", "corpus"),
    "wild_tune": (ROOT / "tests" / "data" / "wild_tune_qa.jsonl", "wild"),
    "wild_heldout": (ROOT / "tests" / "data" / "wild_heldout_qa.jsonl", "wild"),
}
INDICATORS = ("绿色工厂", "新增光伏装机", "清洁生产审核")
ENTERPRISES = (
    ("--region", "嘉定区", "--energy", "6000吨标准煤", "--sector", "工业", "--report", "diagnosis_plans=1"),
    ("--region", "金山区", "--energy", "20000吨标准煤", "--sector", "工业"),
    ("--region", "浦东新区", "--sector", "数据中心", "--pue", "1.5"),
    ("--name", "上海凯波电缆特材股份有限公司", "--energy", "3000吨标准煤"),
)
AS_OF = "2024-01-01"  # a fixed day: "overdue" depends on it
CHANGING_KEYS = ("added_at",)  # set when a document is indexed, not by what it says


def policyqa(*args: str) -> str:
    # the installed command, not ``python -m``: that would put this checkout first on the path, and
    # PYTHONPATH=<another checkout> could not choose the code that runs (the "before" of a diff)
    command = Path(sys.executable).parent / "policyqa"
    proc = subprocess.run([str(command), *args], capture_output=True, text=True, cwd=ROOT)
    return proc.stdout + (f"\n[exit {proc.returncode}] {proc.stderr}" if proc.returncode else "")


def without_timings(text: str) -> str:
    data = json.loads(text)
    for result in data.get("results", []):
        for key in [k for k in result if "latency" in k or k.endswith("_ms") or k == "seconds"]:
            result.pop(key)
    for key in [k for k in data.get("summary", {}) if "latency" in k or "ms" in k or "time" in k]:
        data["summary"].pop(key)
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def without_changing_keys(text: str) -> str:
    rows = json.loads(text)
    for row in rows:
        for key in CHANGING_KEYS:
            row.pop(key, None)
    return json.dumps(rows, ensure_ascii=False, indent=1)


def snapshot(out: Path, data_dirs: dict[str, Path]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []

    def write(name: str, text: str) -> None:
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)

    for name, (questions, index) in QUESTION_SETS.items():
        write(f"eval_{name}.json", without_timings(policyqa("eval", str(questions), "--json", "--data-dir",
                                                            str(data_dirs[index]))))
    for index, data_dir in data_dirs.items():
        dd = ("--data-dir", str(data_dir))
        write(f"targets_{index}.json", policyqa("targets", "--json", *dd))
        write(f"audit_{index}.json", policyqa("audit", "--json", *dd))
        write(f"documents_{index}.json", without_changing_keys(policyqa("documents", "--json", *dd)))
        for i, indicator in enumerate(INDICATORS):
            write(f"compare_{index}_{i}.json", policyqa("compare", "--indicator", indicator, "--json", *dd))
    corpus = ("--data-dir", str(data_dirs["corpus"]))
    for i, enterprise in enumerate(ENTERPRISES):
        write(f"obligations_{i}.json", policyqa("obligations", *enterprise, "--as-of", AS_OF, "--json", *corpus))
        write(f"obligations_{i}.txt", policyqa("obligations", *enterprise, "--as-of", AS_OF, *corpus))
    for row in json.loads(policyqa("documents", "--json", *corpus)):
        write(f"draft_{row['doc_id']}.yaml", policyqa("rules", "draft", row["doc_id"], *corpus))
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus-data-dir", type=Path, required=True, help="an index of corpus/")
    parser.add_argument("--wild-data-dir", type=Path, required=True, help="an index of corpus/ and the wild PDFs")
    args = parser.parse_args(argv)
    written = snapshot(args.out, {"corpus": args.corpus_data_dir.resolve(), "wild": args.wild_data_dir.resolve()})
    print(f"{len(written)} files in {args.out}")


if __name__ == "__main__":
    main()
