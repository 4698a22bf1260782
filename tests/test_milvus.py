"""The same index with its vectors in Milvus (milvus-lite: a local file, no server) answers alike."""

import dataclasses
import shutil
import sqlite3

import numpy as np
import pytest

from policyqa.app import ingest_paths, load_answerer
from retriever.evaluate import evaluate, load_questions
from retriever.index import IndexMismatch, PolicyIndex
from retriever.index.embedding_cache import CACHE_FILE
from retriever.index.vector_store import FaissVectors, MilvusVectors
from tests.conftest import CORPUS, ROOT, SHARED_EVAL

pytest.importorskip("milvus_lite")

# every test here indexes into milvus-lite, most of them beside the corpus index
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def milvus_settings(corpus_settings, tmp_path_factory, e5):
    """The corpus index again, its vectors in a milvus-lite file (vectors from the FAISS build's cache)."""
    data = tmp_path_factory.mktemp("milvus-data")
    shutil.copy(corpus_settings.data_dir / CACHE_FILE, data / CACHE_FILE)
    settings = dataclasses.replace(corpus_settings, data_dir=data, vector_store="milvus")
    result = ingest_paths([CORPUS], settings, embeddings=e5)
    assert not result.errors and result.report.pending == 0
    return settings


def test_milvus_and_faiss_hold_the_same_vectors_and_find_the_same_neighbours(corpus_settings, milvus_settings, e5):
    faiss_index, milvus_index = PolicyIndex.load(corpus_settings.index_dir), PolicyIndex.load(milvus_settings.index_dir)
    assert isinstance(faiss_index.vectors, FaissVectors) and isinstance(milvus_index.vectors, MilvusVectors)
    assert milvus_index.manifest["vectors"]["chunks"]["store"] == "milvus"
    assert np.array_equal(faiss_index.vectors.rows(), milvus_index.vectors.rows())
    rows = faiss_index.vectors.rows()[::7]
    assert np.allclose(faiss_index.vectors.vectors(rows), milvus_index.vectors.vectors(rows), atol=1e-6)
    query = e5.embed_query_array("年综合能耗5000吨标准煤以上的单位什么时候前要启动能源审计")
    assert [r for r, _ in faiss_index.vectors.search(query, 20)] == [r for r, _ in milvus_index.vectors.search(query, 20)]


def test_dev_and_extra_questions_score_the_same_on_both_stores(answerer, milvus_settings):
    on_milvus = load_answerer(milvus_settings)
    for path in (SHARED_EVAL, ROOT / "tests" / "data" / "extra_qa.jsonl"):
        questions = load_questions(path)
        faiss_report, milvus_report = evaluate(answerer, questions, [CORPUS]), evaluate(on_milvus, questions, [CORPUS])
        assert milvus_report.summary() == faiss_report.summary()
        assert [(r.answer, r.rank) for r in milvus_report.results] == [(r.answer, r.rank) for r in faiss_report.results]


def test_a_missing_milvus_collection_is_a_clear_message_not_a_traceback(milvus_settings, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(milvus_settings.data_dir, copy, symlinks=True)
    shutil.rmtree(copy / "index" / "milvus.db")  # milvus-lite keeps a directory
    with pytest.raises(IndexMismatch, match="index at .*(collection|Milvus)"):
        PolicyIndex.load(copy / "index")


def test_the_wild_question_sets_score_the_same_on_both_stores(wild_settings, tmp_path, e5):
    """Documents nobody here tuned for, 2,000 chunks: the store changes nothing in any answer."""
    from tests.conftest import WILD

    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(wild_settings.data_dir / CACHE_FILE, data / CACHE_FILE)
    settings = dataclasses.replace(wild_settings, data_dir=data, vector_store="milvus")
    assert ingest_paths([CORPUS, WILD], settings, embeddings=e5).report.pending == 0
    on_faiss, on_milvus = load_answerer(wild_settings), load_answerer(settings)
    for name in ("wild_tune_qa.jsonl", "wild_heldout_qa.jsonl"):
        questions = load_questions(ROOT / "tests" / "data" / name)
        faiss_report = evaluate(on_faiss, questions, [CORPUS, WILD])
        milvus_report = evaluate(on_milvus, questions, [CORPUS, WILD])
        assert milvus_report.summary() == faiss_report.summary()
        assert [(r.answer, r.rank) for r in milvus_report.results] == [(r.answer, r.rank) for r in faiss_report.results]


def test_the_embedder_publishes_into_milvus_as_well(corpus_settings, tmp_path, e5):
    from retriever.index.embedder import embed_pending

    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(corpus_settings.data_dir / CACHE_FILE, data / CACHE_FILE)  # vectors from the FAISS build,
    with sqlite3.connect(data / CACHE_FILE) as db:  # all but one in twenty: those the embedder computes
        db.execute("DELETE FROM vectors WHERE rowid % 20 = 0")
    settings = dataclasses.replace(corpus_settings, data_dir=data, vector_store="milvus")
    jiading = CORPUS / "000_3537c126d58e65da.txt"
    assert ingest_paths([jiading], settings, embeddings=e5, embed=False).report.pending > 0
    report = embed_pending(settings.index_dir, e5, publish_every=0.0, batch=4, store_options=settings.store_options())
    assert report.embedded > 0 and report.published >= 2
    index = PolicyIndex.load(settings.index_dir)
    assert index.pending == 0 and isinstance(index.vectors, MilvusVectors)
    on_faiss = PolicyIndex.load(corpus_settings.index_dir)
    rows = index.rows_of(jiading.stem)
    assert np.allclose(index.vectors.vectors(np.array(rows)), on_faiss.vectors.vectors(np.array(on_faiss.rows_of(jiading.stem))),
                       atol=1e-4)
