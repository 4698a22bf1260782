"""Searchable first, embedded after: keyword answers at once, vectors filled in resumably."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policyqa.app import ingest_paths, load_answerer
from policyqa.settings import Settings
from retriever.answer.answerer import PARTIAL_RANKING_NOTE
from retriever.index import PolicyIndex
from retriever.index.embedder import embed_pending
from retriever.index.embedding_cache import CACHE_FILE
from tests.conftest import CORPUS, ROOT

JIADING = CORPUS / "000_3537c126d58e65da.txt"
QUESTION = "嘉定区年综合能耗5000吨标准煤以上的单位什么时候前要启动能源审计？"


def cached_vectors(data_dir: Path) -> int:
    path = data_dir / CACHE_FILE
    if not path.exists():
        return 0
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM vectors").fetchone()[0]


def test_an_index_written_before_embedding_answers_by_keywords_and_says_so(tmp_path, e5):
    settings = Settings.from_env(data_dir=tmp_path / "data", corpus_dir=CORPUS, embedding="e5")
    result = ingest_paths([JIADING], settings, embeddings=e5, embed=False)
    assert not result.errors and result.report.pending > 0
    index = PolicyIndex.load(settings.index_dir)
    assert len(index.vectors) == 0 and index.pending == result.report.pending
    early = load_answerer(settings).ask(QUESTION)
    assert early.found and "2022年8月底" in early.answer and PARTIAL_RANKING_NOTE in early.answer
    published = []
    report = embed_pending(settings.index_dir, e5, publish_every=0.0, on_publish=lambda: published.append(1))
    # rows whose texts are the same (a repeated heading) are embedded once
    assert report.embedded == report.pending > result.report.pending - 10 and report.from_cache == 0
    assert report.published == len(published) >= 2  # versions appeared while it worked, not only at the end
    later = load_answerer(settings).ask(QUESTION)
    assert PolicyIndex.load(settings.index_dir).pending == 0
    assert later.found and "2022年8月底" in later.answer and PARTIAL_RANKING_NOTE not in later.answer
    assert embed_pending(settings.index_dir, e5).pending == 0  # nothing left: nothing done


@pytest.mark.slow
def test_embedding_killed_midway_resumes_without_redoing_finished_work(tmp_path, e5):
    data = tmp_path / "data"
    settings = Settings.from_env(data_dir=data, corpus_dir=CORPUS, embedding="e5")
    ingest_paths([JIADING], settings, embeddings=e5, embed=False)
    from retriever.index.embedder import pending_texts

    pending = len(set(pending_texts(PolicyIndex.load(settings.index_dir))))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    worker = subprocess.Popen([sys.executable, "-m", "policyqa", "embed", "--data-dir", str(data)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while cached_vectors(data) < 64 and worker.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(worker.pid, signal.SIGKILL)  # no chance to clean up, as after a power cut
    worker.wait()
    done_before = cached_vectors(data)
    assert 64 <= done_before < pending, "the worker was killed in the middle"
    assert len(set(pending_texts(PolicyIndex.load(settings.index_dir)))) == pending  # the kill left a usable index
    report = embed_pending(settings.index_dir, e5, publish_every=3600)
    assert report.from_cache >= done_before - 32 and report.embedded == pending - report.from_cache
    assert PolicyIndex.load(settings.index_dir).pending == 0


@pytest.mark.slow
def test_an_upload_is_answerable_at_once_and_ranked_semantically_once_embedded(index_copy, tmp_path):
    from policyqa.library import LiveAssistant

    live = LiveAssistant(index_copy)
    live.start_embedder()
    try:
        source = tmp_path / "upload.txt"
        shutil.copy(CORPUS / "004_d5e1c319a3f67a30.txt", source)
        text = source.read_text(encoding="utf-8").replace("嘉兴", "湖州")
        source.write_text(text, encoding="utf-8")
        started = time.monotonic()
        [added] = live.add([(str(source), "湖州计划.txt")])
        assert added.status == "已索引" and time.monotonic() - started < 30
        first = live.current.ask("湖州市绿色制造三年行动计划的时间范围是哪几年？")
        assert first.found and "湖州" in first.answer
        deadline = time.monotonic() + 600
        while live.current.answerer.index.pending and time.monotonic() < deadline:
            time.sleep(1)
        assert live.current.answerer.index.pending == 0 and live.embedder.error is None
        assert PARTIAL_RANKING_NOTE not in live.current.ask("湖州市绿色制造三年行动计划的时间范围是哪几年？").answer
    finally:
        live.stop_embedder()


@pytest.mark.slow
def test_publishing_vectors_rewrites_only_them_and_ends_as_a_full_ingest_would(tmp_path, e5, monkeypatch):
    import numpy as np

    monkeypatch.chdir(tmp_path)  # a relative data directory, as the command line's default data/ is
    settings = Settings.from_env(data_dir=Path("data"), corpus_dir=CORPUS, embedding="e5")
    ingest_paths([JIADING], settings, embeddings=e5, embed=False)
    store_inode = (settings.index_dir.resolve() / "store.sqlite").stat().st_ino
    embedded = embed_pending(settings.index_dir, e5, publish_every=0.0)
    assert embedded.published >= 2
    # every version the embedder published shares the keyword-first version's store file
    assert (settings.index_dir.resolve() / "store.sqlite").stat().st_ino == store_inode
    whole = Settings.from_env(data_dir=tmp_path / "whole", corpus_dir=CORPUS, embedding="e5")
    ingest_paths([JIADING], whole, embeddings=e5, embed=True)
    grown, built = PolicyIndex.load(settings.index_dir), PolicyIndex.load(whole.index_dir)
    assert grown.pending == built.pending == 0 and grown.manifest["embedded"] == built.manifest["embedded"]
    for mine, theirs in ((grown.vectors, built.vectors), (grown.clause_vectors.store, built.clause_vectors.store)):
        rows, vectors = mine.all_vectors()
        assert np.array_equal(rows, theirs.rows()) and np.allclose(vectors, theirs.vectors(rows), atol=1e-5)


@pytest.mark.slow
def test_an_update_while_embedding_is_published_in_full_and_embedded_next(tmp_path, e5):
    settings = Settings.from_env(data_dir=tmp_path / "data", corpus_dir=CORPUS, embedding="e5")
    ingest_paths([JIADING], settings, embeddings=e5, embed=False)
    other = CORPUS / "004_d5e1c319a3f67a30.txt"

    def upload_once():  # a document arrives between two publishes
        if not PolicyIndex.load(settings.index_dir).documents.keys() - {JIADING.stem}:
            ingest_paths([other], settings, embeddings=e5, embed=False)

    embed_pending(settings.index_dir, e5, publish_every=0.0, on_publish=upload_once)
    index = PolicyIndex.load(settings.index_dir)
    assert set(index.documents) == {JIADING.stem, other.stem}
    assert all(index.has_vector[row] for row in index.rows_of(JIADING.stem))  # the first one's work was kept
    assert not all(index.has_vector[row] for row in index.rows_of(other.stem))
    assert embed_pending(settings.index_dir, e5).embedded > 0
    assert PolicyIndex.load(settings.index_dir).pending == 0


@pytest.mark.slow
def test_a_version_with_only_new_vectors_is_read_without_reading_the_library_again(tmp_path, e5):
    from retriever.evaluate import load_questions
    from tests.conftest import SHARED_EVAL

    settings = Settings.from_env(data_dir=tmp_path / "data", corpus_dir=CORPUS, embedding="e5")
    ingest_paths([JIADING], settings, embeddings=e5, embed=False)
    keyword_only = load_answerer(settings)
    embed_pending(settings.index_dir, e5)
    embedded = load_answerer(settings, previous=keyword_only)
    assert embedded.index.chunks is keyword_only.index.chunks and embedded.searcher.bm25 is keyword_only.searcher.bm25
    assert embedded.index.pending == 0 < keyword_only.index.pending
    fresh = load_answerer(settings)
    for item in load_questions(SHARED_EVAL):
        assert embedded.ask(item["question"]).to_dict() == fresh.ask(item["question"]).to_dict()
    ingest_paths([CORPUS / "004_d5e1c319a3f67a30.txt"], settings, embeddings=e5, embed=False)
    updated = load_answerer(settings, previous=embedded)  # new chunks: read in full
    assert updated.index.chunks is not embedded.index.chunks and len(updated.index.documents) == 2
