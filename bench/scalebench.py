"""How the index behaves as the library grows: figures against size for docs/benchmarks.md.

``python -m bench.scalebench --factors 1,10 --out docs/benchmarks.md`` (``make bench`` runs 1 and
10; ``make bench-scale`` adds 100 and 1000). At each size the library is made by
``bench.scale`` from corpus/ (``factor`` variants of each document) and measured in fresh
processes, so that every peak memory figure is that step's own:

- ingest to a keyword-searchable index (``ingest --no-embed``): seconds, characters per second,
  peak RSS, index size; time to the first answer (that ingest plus a cold ``policyqa ask``);
- warm questions over it (the rewritten dev and extra questions): p50/p95, answer accuracy, RSS;
- BM25 alone: build time and query p95 (the in-process index every answer starts from);
- dense vector indexes at that many chunks (flat, HNSW, IVF): build time, query latency, recall@10
  against the exact search, bytes. Their vectors are the real corpus/ chunk vectors, repeated with
  small noise up to the size (embedding a 1000× library for real takes a day on this machine);
- embedding: the model's own peak throughput, and the background embedder's over a time box;
- warm answers once every chunk and clause has a vector (the slow steps: the last size only).

Figures are kept in ``docs/scale.json`` by size, so that ``make bench`` (1×, 10×) leaves the
100× and 1000× rows of ``make bench-scale`` in the report.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.memory import peak_rss_mib

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [ROOT.parent / "shared" / "eval" / "dev_qa.jsonl", ROOT / "tests" / "data" / "extra_qa.jsonl"]


def _child(step: str, *args: str) -> dict:
    """Run one step in a fresh process; its JSON line of figures (with its own peak RSS)."""
    out = subprocess.run([sys.executable, "-m", "bench.scalebench", "--step", step, *args], check=True,
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def step_ingest(docs: str, data: str) -> dict:
    from policyqa.app import ingest_paths
    from policyqa.settings import Settings

    settings = Settings.from_env(data_dir=Path(data))
    chars = sum(len(p.read_text(encoding="utf-8")) for p in Path(docs).glob("*.txt"))
    start = time.perf_counter()
    result = ingest_paths([Path(docs)], settings, embed=False)
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in settings.index_dir.resolve().rglob("*") if p.is_file())
    return {"seconds": seconds, "chars": chars, "chunks": result.report.chunks, "pending": result.report.pending,
            "index_mib": size / 2 ** 20, "rss_mib": peak_rss_mib()}


def step_ask(data: str, questions: str, runs: str) -> dict:
    from bench.benchmark import latency
    from policyqa.app import load_answerer
    from policyqa.settings import Settings
    from retriever.evaluate import evaluate, load_questions

    start = time.perf_counter()
    answerer = load_answerer(Settings.from_env(data_dir=Path(data)))
    load_seconds = time.perf_counter() - start
    items = [q for path in questions.split(",") for q in load_questions(Path(path))]
    docs_dir = Path(questions.split(",")[0]).parent / "docs"
    summary = evaluate(answerer, items, [docs_dir]).summary()
    p50, p95, _ = latency(answerer, items, runs=int(runs))
    bm25 = _bm25_figures(answerer, items)
    return {"load_seconds": load_seconds, "p50_ms": p50, "p95_ms": p95,
            "answer_accuracy": summary["answer_accuracy"], "recall_at_5": summary["recall_at_5"],
            "questions": summary["questions"], "rss_mib": peak_rss_mib(), **bm25}


def step_every_vector(data: str, questions: str, base_path: str, runs: str) -> dict:
    """Warm answers once every chunk and clause has a vector: the query embedded by the model, the flat
    search over all chunks, the clause similarities. Embedding a 1000× library for real takes a day
    here, so the missing vectors are real corpus/ vectors with noise (as in the dense table): the
    figures are time and memory; the ranking they give is not the model's, so no accuracy is kept."""
    from retriever.index import GrowingVectors, PolicyIndex, publish_vectors

    index_dir = Path(data) / "index"
    base, rng = np.load(base_path), np.random.default_rng(0)
    grown = GrowingVectors.of(PolicyIndex.load(index_dir))
    for kind, present in grown.present.items():
        missing = np.flatnonzero(~present)
        for part in np.array_split(missing, max(1, len(missing) // 100_000)):
            grown.put(kind, part, _near_with_sources(base, len(part), rng)[0])
    start = time.perf_counter()
    publish_vectors(index_dir, grown)
    published = time.perf_counter() - start
    del grown
    asked = step_ask(data, questions, runs)
    return {"publish_seconds": published, **{key: asked[key] for key in ("load_seconds", "p50_ms", "p95_ms", "rss_mib")}}


def _near_with_sources(base: np.ndarray, n: int, rng) -> tuple[np.ndarray, np.ndarray]:
    """``n`` unit vectors, each one of ``base`` moved by a little noise, and which one of ``base``."""
    sources = rng.integers(0, len(base), n)
    vectors = base[sources] + rng.normal(0, 0.03, (n, base.shape[1])).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True), sources


def _bm25_figures(answerer, items) -> dict:
    from retriever.evaluate import p50_p95
    from retriever.search.bm25 import BM25

    start = time.perf_counter()
    matrix_mib = BM25(answerer.index.tokens).nbytes / 2 ** 20
    build = time.perf_counter() - start
    searcher, times = answerer.searcher, []
    for item in items:
        words = searcher.tokenizer.words(item["question"])
        t = time.perf_counter()
        searcher.bm25.scores(words)
        times.append((time.perf_counter() - t) * 1000)
    return {"bm25_build_seconds": build, "bm25_p95_ms": p50_p95(times)[1], "bm25_mib": matrix_mib}


def step_cold(data: str, question: str) -> dict:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "policyqa", "ask", question, "--json", "--data-dir", data], check=True,
                   capture_output=True)
    return {"seconds": time.perf_counter() - start}


def step_embedding(data: str, seconds: str) -> dict:
    """The model's peak throughput on the library's own texts, then the embedder's over a time box."""
    import threading

    from retriever.index import PolicyIndex
    from retriever.index.embedder import embed_pending, pending_texts
    from retriever.index.embeddings import load_embeddings

    index_dir = Path(data) / "index"
    model = load_embeddings("e5")
    texts = pending_texts(PolicyIndex.load(index_dir))
    # chunks (long) come first in the queue and clauses (short) after: a sample spread over all of
    # it, and throughput in characters, so that the model and the embedder do comparable work
    sample = texts[::max(1, len(texts) // 256)][:256]
    model.embed_array(sample[:8])  # warm up
    start = time.perf_counter()
    for i in range(0, len(sample), 32):
        model.embed_array(sample[i:i + 32])
    elapsed = time.perf_counter() - start
    # the time box starts with the first batch embedded: the start-up is reported on its own
    stop = threading.Event()
    box = threading.Timer(float(seconds), stop.set)

    def open_box(_embedded: int) -> None:
        if not box.is_alive() and not stop.is_set():
            box.start()

    report = embed_pending(index_dir, model, publish_every=float(seconds) / 2, stop=stop, progress=open_box)
    box.cancel()  # a queue emptied before the box ended must not keep this process waiting for it
    return {"peak_texts_per_s": len(sample) / elapsed, "peak_chars_per_s": sum(map(len, sample)) / elapsed,
            "embedder_texts_per_s": report.texts_per_second, "embedder_chars_per_s": report.chars_per_second,
            "startup_seconds": report.startup_seconds, "embedded": report.embedded, "published": report.published,
            "rss_mib": peak_rss_mib()}


def dense_index_figures(base: np.ndarray, queries: np.ndarray, n: int, seed: int = 0) -> list[dict]:
    """Flat, HNSW and IVF over ``n`` vectors made from ``base`` (real chunk vectors, repeated with
    noise): build seconds, query p50 ms, recall@10 against the flat search, bytes."""
    import faiss

    rng = np.random.default_rng(seed)
    vectors, sources = _near_with_sources(base, n, rng)
    dim = vectors.shape[1]
    nlist = max(1, min(int(4 * np.sqrt(n)), n // 39))  # faiss wants 39 training points per list
    kinds = {"flat": lambda: faiss.IndexFlatIP(dim),
             "hnsw32": lambda: faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT),
             "ivf": lambda: faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)}
    truth, out = None, []
    for name, make in kinds.items():
        index = make()
        start = time.perf_counter()
        if name == "ivf":
            index.train(vectors[rng.choice(n, min(n, 100 * nlist), replace=False)])
            index.nprobe = 16
        if name == "hnsw32":
            index.hnsw.efSearch = 64
        index.add(vectors)
        build = time.perf_counter() - start
        times, found = [], []
        for q in queries:
            t = time.perf_counter()
            _, ids = index.search(q.reshape(1, -1), 10)
            times.append((time.perf_counter() - t) * 1000)
            found.append(ids[0])
        if truth is None:
            truth = found
        recall = float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found, truth)]))
        # Copies of one real vector differ only by noise, so which copies come back is near chance;
        # what a reader gets is the real chunks behind them.
        by_source = float(np.mean([len(set(sources[a]) & set(sources[b])) / len(set(sources[b]))
                                   for a, b in zip(found, truth)]))
        out.append({"index": name, "n": n, "build_seconds": build, "query_p50_ms": statistics.median(times),
                    "recall_at_10": recall, "source_recall_at_10": by_source, "mib": faiss.serialize_index(index).nbytes / 2 ** 20})
    return out


def measure(factor: int, work: Path, embed_seconds: float, base_path: Path | None) -> dict:
    """One size's figures; the embedder and every-vector steps only when ``embed_seconds`` and
    ``base_path`` are given (they are the slow ones: the last size only)."""
    from bench.scale import generate
    from ingest.pipeline import collect_files, parse_file
    from ingest.regions import Gazetteer
    from retriever.evaluate import load_questions

    out = work / f"x{factor}"
    gazetteer = Gazetteer.load()
    files, _ = collect_files([ROOT / "corpus"])
    start = time.perf_counter()
    made = generate([parse_file(p, gazetteer) for p in files], factor, out,
                    {p.stem: load_questions(p) for p in QUESTIONS if p.exists()}, gazetteer=gazetteer)
    generated = time.perf_counter() - start
    data = str(out / "data")
    ingest = _child("ingest", str(out / "docs"), data)
    questions = ",".join(str(out / f"{p.stem}.jsonl") for p in QUESTIONS if p.exists())
    first = json.loads((out / f"{QUESTIONS[0].stem}.jsonl").read_text(encoding="utf-8").splitlines()[0])["question"]
    cold = _child("cold", data, first)
    ask = _child("ask", data, questions, "2")
    embedding = _child("embedding", data, str(embed_seconds)) if embed_seconds else {}
    every_vector = _child("every_vector", data, questions, str(base_path), "2") if base_path else {}
    return {"factor": factor, "documents": made["documents"], "generate_seconds": generated, "ingest": ingest,
            "cold_seconds": cold["seconds"], "first_answer_seconds": ingest["seconds"] + cold["seconds"], "ask": ask,
            "embedding": embedding, "every_vector": every_vector, "measured": time.strftime("%Y-%m-%d")}


def corpus_vectors() -> tuple[np.ndarray, np.ndarray]:
    """The real chunk vectors of corpus/ and the dev questions' query vectors (embedded here)."""
    from ingest.chunking import chunk_document
    from ingest.pipeline import collect_files, parse_file
    from ingest.regions import Gazetteer
    from retriever.evaluate import load_questions
    from retriever.index.embeddings import load_embeddings

    model, gazetteer = load_embeddings("e5"), Gazetteer.load()
    files, _ = collect_files([ROOT / "corpus"])
    texts = [c.retrieval_text(d.meta.title) for d in (parse_file(p, gazetteer) for p in files)
             for c in chunk_document(d, 320)]
    queries = [q["question"] for p in QUESTIONS if p.exists() for q in load_questions(p)]
    return model.embed_array(texts), np.vstack([model.embed_query_array(q) for q in queries])


def merge_results(path: Path, results: list[dict], dense: list[dict]) -> tuple[list[dict], list[dict]]:
    """This run's figures with those of earlier runs at the sizes it did not measure, saved to ``path``."""
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"results": [], "dense": []}
    factors, sizes = {r["factor"] for r in results}, {d["n"] for d in dense}
    results = sorted([r for r in old["results"] if r["factor"] not in factors] + results, key=lambda r: r["factor"])
    dense = sorted([d for d in old["dense"] if d["n"] not in sizes] + dense, key=lambda d: d["n"])
    path.write_text(json.dumps({"results": results, "dense": dense}, indent=1) + "\n", encoding="utf-8")
    return results, dense


def report_lines(results: list[dict], dense: list[dict]) -> list[str]:
    lines = ["## Scale: the same library at 1×, 10× … corpus/ (`python -m bench.scalebench`)", "",
             "Libraries made by `bench.scale` from corpus/ (each document moved to other regions, years shifted,",
             "figures scaled, sections shuffled; the dev and extra questions rewritten to match). Indexed keyword-first",
             "(`ingest --no-embed`): the answers below are BM25-ranked with clause scoring, before any vector exists.", "",
             "| size | documents | chunks | ingest to searchable | chars/s | ingest RSS | index | cold ask | first answer after | "
             "warm p50 / p95 | answer acc. (R@5) | BM25 build / p95 / matrix | asking RSS | measured |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        i, a = r["ingest"], r["ask"]
        lines.append(f"| {r['factor']}× | {r['documents']} | {i['chunks']:,} | {i['seconds']:.1f} s | {i['chars'] / i['seconds']:,.0f} | "
                     f"{i['rss_mib']:.0f} MiB | {i['index_mib']:.1f} MiB | {r['cold_seconds']:.2f} s | {r['first_answer_seconds']:.1f} s | "
                     f"{a['p50_ms']:.0f} / {a['p95_ms']:.0f} ms | {a['answer_accuracy']} ({a['recall_at_5']}) | "
                     f"{a['bm25_build_seconds']:.2f} s / {a['bm25_p95_ms']:.2f} ms / {a.get('bm25_mib', 0):.0f} MiB | "
                     f"{a['rss_mib']:.0f} MiB | {r.get('measured', '')} |")
    embedded = [r for r in results if r["embedding"]]
    if embedded:
        lines += ["", "Embedding, measured in characters per second (the model's work grows with a text's length; the",
                  "queue holds long chunks first, then short clauses): the model alone on a sample spread over the",
                  "queue, and the background embedder over a time box from its first batch, publishing twice; its",
                  "start-up (reading the index and the embedding cache) is paid once per run and shown apart.", "",
                  "| size | model peak (chars/s, texts/s) | background embedder (chars/s, texts/s) | share of peak | "
                  "start-up | texts left at start |",
                  "|---|---|---|---|---|---|"]
        for r in embedded:
            e = r["embedding"]
            lines.append(f"| {r['factor']}× | {e['peak_chars_per_s']:,.0f} ({e['peak_texts_per_s']:.1f}) | "
                         f"{e['embedder_chars_per_s']:,.0f} ({e['embedder_texts_per_s']:.1f}) | "
                         f"{e['embedder_chars_per_s'] / e['peak_chars_per_s']:.0%} | {e.get('startup_seconds', 0):.1f} s | "
                         f"{r['ingest']['pending']:,} |")
    full = [r for r in results if r.get("every_vector")]
    if full:
        lines += ["", "Warm answers once every chunk and clause has a vector (the query embedded by the model, the exact",
                  "flat search over all chunk vectors, the clause similarities): the missing vectors were filled with",
                  "real corpus/ vectors moved by noise, so these are time and memory figures, not accuracy.", "",
                  "| size | vectors | one publish of them all | load | warm p50 / p95 | asking RSS |",
                  "|---|---|---|---|---|---|"]
        for r in full:
            v = r["every_vector"]
            lines.append(f"| {r['factor']}× | {r['ingest']['pending']:,} | {v.get('publish_seconds', 0):.1f} s | "
                         f"{v['load_seconds']:.1f} s | "
                         f"{v['p50_ms']:.0f} / {v['p95_ms']:.0f} ms | {v['rss_mib']:.0f} MiB |")
    lines += ["", "Dense indexes at the chunk count of each size (real corpus/ chunk vectors repeated with noise; "
              "queries: the dev and extra questions; recall@10 against the exact flat search, of the rows and of the",
              "real chunks behind them: copies of one vector differ only by noise, so at large sizes the rows an",
              "approximate index returns are near chance among copies while the chunks they stand for are not):", "",
              "| chunks | index | build | query p50 | recall@10 rows / chunks | size |", "|---|---|---|---|---|---|"]
    for d in dense:
        lines.append(f"| {d['n']:,} | {d['index']} | {d['build_seconds']:.2f} s | {d['query_p50_ms']:.2f} ms | "
                     f"{d['recall_at_10']:.3f} / {d.get('source_recall_at_10', float('nan')):.3f} | {d['mib']:.1f} MiB |")
    return lines + [""]


def plot(results: list[dict], dense: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    chunks = [r["ingest"]["chunks"] for r in results]
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
    axes[0].plot(chunks, [r["ask"]["p95_ms"] for r in results], "o-", label="answer p95 (ms)")
    axes[0].plot(chunks, [r["ask"]["bm25_p95_ms"] for r in results], "s-", label="BM25 scoring p95 (ms)")
    full = [(r["ingest"]["chunks"], r["every_vector"]["p95_ms"]) for r in results if r.get("every_vector")]
    if full:
        axes[0].plot(*zip(*full), "D", label="answer p95, every vector (ms)")
    axes[1].plot(chunks, [r["ingest"]["seconds"] for r in results], "o-", label="ingest to searchable (s)")
    axes[1].plot(chunks, [r["cold_seconds"] for r in results], "s-", label="cold ask (s)")
    axes[2].plot(chunks, [r["ask"]["rss_mib"] for r in results], "o-", label="asking process RSS (MiB)")
    axes[2].plot(chunks, [r["ingest"]["rss_mib"] for r in results], "s-", label="ingest RSS (MiB)")
    for name in ("flat", "hnsw32", "ivf"):
        points = [(d["n"], d["query_p50_ms"]) for d in dense if d["index"] == name]
        axes[0].plot(*zip(*points), "--", label=f"{name} query p50 (ms)")
    for ax in axes:
        ax.set_xscale("log")
        ax.set_xlabel("chunks")
        ax.legend(fontsize=7)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factors", default="1,10", help="comma-separated sizes, in multiples of corpus/")
    parser.add_argument("--embed-seconds", type=float, default=60.0, help="time box of the embedder measurement (0: skip)")
    parser.add_argument("--every-vector", action="store_true",
                        help="at the largest size, also answer with every vector present (make bench-scale)")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--plot", type=Path, default=ROOT / "docs" / "images" / "scale.png")
    parser.add_argument("--results", type=Path, default=None,
                        help="JSON of every size measured so far (default: scale.json beside --out)")
    parser.add_argument("--step", default=None, help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args(argv)
    if args.step:
        steps = {"ingest": step_ingest, "ask": step_ask, "cold": step_cold, "embedding": step_embedding,
                 "every_vector": step_every_vector}
        print(json.dumps(steps[args.step](*rest)))
        return 0
    factors = [int(f) for f in args.factors.split(",")]
    base, queries = corpus_vectors()
    with tempfile.TemporaryDirectory() as tmp:
        np.save(Path(tmp) / "base.npy", base)
        results = [measure(f, Path(tmp), args.embed_seconds if f == factors[-1] else 0,
                           Path(tmp) / "base.npy" if f == factors[-1] and args.every_vector else None)
                   for f in factors]
    dense = [row for r in results for row in dense_index_figures(base, queries, r["ingest"]["chunks"])]
    if args.out:
        from bench.reports import write_section

        # sizes measured by an earlier run (make bench-scale's 100× and 1000×) stay in the report
        results, dense = merge_results(args.results or args.out.with_name("scale.json"), results, dense)
        plot(results, dense, args.plot)
        text = "\n".join(report_lines(results, dense))
        text += f"\n![figures against size]({os.path.relpath(args.plot, args.out.parent)})\n"
        write_section(args.out, "scale", text)
    else:
        text = "\n".join(report_lines(results, dense))
    print(text)
    print(json.dumps({"results": results, "dense": dense}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
