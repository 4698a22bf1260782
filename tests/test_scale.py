"""The scale generator keeps answers checkable, and the scale benchmark runs end to end (small)."""

import json

import numpy as np
import pytest

from bench.scale import generate
from retriever.evaluate import load_questions, normalise_for_scoring
from tests.conftest import SHARED_EVAL


def test_variants_move_region_year_and_figures_and_keep_every_gold_answer_in_its_document(corpus_docs, gazetteer,
                                                                                          tmp_path):
    questions = {"dev": load_questions(SHARED_EVAL)}
    made = generate(list(corpus_docs.values()), 2, tmp_path / "a", questions, seed=5, gazetteer=gazetteer)
    again = generate(list(corpus_docs.values()), 2, tmp_path / "b", questions, seed=5, gazetteer=gazetteer)
    assert made == again and made["documents"] == 2 * len(corpus_docs)
    files = sorted((tmp_path / "a" / "docs").glob("*.txt"))
    assert [f.read_bytes() for f in files] == [(tmp_path / "b" / "docs" / f.name).read_bytes() for f in files]
    jiading = (tmp_path / "a" / "docs" / "000_3537c126d58e65da-x0000.txt").read_text(encoding="utf-8")
    assert "嘉定区" not in jiading and "2022年8月底" not in jiading  # another district, another year
    derived = [json.loads(line) for line in (tmp_path / "a" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(derived) >= 15
    for item in (q for q in derived if q["answerable"]):
        text = normalise_for_scoring("".join((tmp_path / "a" / "docs" / f"{d}.txt").read_text(encoding="utf-8")
                                             for d in item["docs"]))
        assert all(any(normalise_for_scoring(a) in text for a in group) for group in item["expect"]), item


@pytest.mark.slow
def test_the_scale_benchmark_measures_a_small_library_end_to_end(tmp_path):
    from bench.scalebench import dense_index_figures, measure, merge_results, plot, report_lines
    from retriever.index import PolicyIndex

    rng = np.random.default_rng(1)
    np.save(tmp_path / "base.npy", rng.normal(size=(50, 384)).astype(np.float32))
    result = measure(1, tmp_path, embed_seconds=5, base_path=tmp_path / "base.npy")
    assert result["ingest"]["chunks"] > 300 and result["ingest"]["pending"] > 0
    assert result["ask"]["questions"] >= 80 and result["ask"]["answer_accuracy"] > 0.8
    embedding = result["embedding"]
    assert embedding["embedded"] > 0 and embedding["peak_texts_per_s"] > 0 and embedding["startup_seconds"] > 0
    # the every-vector step left no row without a vector, and answered over them
    index = PolicyIndex.load(tmp_path / "x1" / "data" / "index")
    assert index.has_vector.all() and index.clause_vectors.present.all()
    assert result["every_vector"]["p95_ms"] > 0
    base = rng.normal(size=(50, 16)).astype(np.float32)
    dense = dense_index_figures(base, base[:10], 2000)
    assert [d["index"] for d in dense] == ["flat", "hnsw32", "ivf"] and dense[0]["recall_at_10"] == 1.0
    lines = report_lines([result], dense)
    assert any(line.startswith("| 1× | 5 |") for line in lines)
    plot([result], dense, tmp_path / "scale.png")
    assert (tmp_path / "scale.png").stat().st_size > 10_000
    # a later run at another size keeps this one's rows; one at the same size replaces them
    merge_results(tmp_path / "scale.json", [result], dense)
    other = {**result, "factor": 7}
    results, kept = merge_results(tmp_path / "scale.json", [other], dense[:1])
    assert [r["factor"] for r in results] == [1, 7] and len(kept) == 1
    results, _ = merge_results(tmp_path / "scale.json", [{**other, "documents": 0}], [])
    assert [r["documents"] for r in results] == [5, 0]


def test_a_child_process_reports_its_own_peak_memory_not_that_of_the_process_that_started_it():
    import subprocess

    from bench.memory import cli_with_peak, peak_from, peak_rss_mib

    ballast = np.ones(400 * 2 ** 20 // 8)  # 400 MiB resident in this process while the child runs
    done = subprocess.run([*cli_with_peak(), "--help"], capture_output=True, text=True, check=True)
    assert "ask" in done.stdout
    assert peak_rss_mib() > 400 and 5 < peak_from(done.stderr) < 300
    del ballast
