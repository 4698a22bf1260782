"""Shared fixtures: the real index of corpus/ is built once per session and shared read-only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.pipeline import parse_file
from ingest.regions import Gazetteer
from policyqa.app import ingest_paths, load_answerer, load_assistant
from policyqa.settings import Settings
from retriever.index.embeddings import load_embeddings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED_EVAL = ROOT.parent / "shared" / "eval" / "dev_qa.jsonl"
WILD = ROOT.parent / "shared" / "wild" / "pdf"
DOC_IDS = sorted(p.stem for p in CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="session")
def corpus_docs(gazetteer):
    return {p.stem: parse_file(p, gazetteer) for p in sorted(CORPUS.glob("*.txt"))}


@pytest.fixture(scope="session")
def e5():
    return load_embeddings("e5")


# Tests that use it (or answerer, assistant, obligations, index_copy) are marked slow, so that
# make test-fast never waits for the build.
@pytest.fixture(scope="session")
def answerer_with(corpus_settings, tmp_path_factory, e5):
    """A factory: ``answerer_with(name, make, ...)`` is an answerer over a copy of corpus/'s index with the
    PDFs that each ``make(path)`` writes added (each in a file named after the function)."""

    def build(name: str, *makers):
        data = tmp_path_factory.mktemp(f"{name}-data")
        shutil.copytree(corpus_settings.data_dir, data, dirs_exist_ok=True, symlinks=True)
        settings = Settings.from_env(data_dir=data, corpus_dir=corpus_settings.corpus_dir, embedding="e5")
        folder = tmp_path_factory.mktemp(f"{name}-docs")
        result = ingest_paths([make(folder / f"{make.__name__}.pdf") for make in makers], settings, embeddings=e5)
        assert not result.errors, result.errors
        return load_answerer(settings)

    return build


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory, e5) -> Settings:
    """Settings whose data directory holds a real index of corpus/ (built once, about 2½ minutes on two cores)."""
    data = tmp_path_factory.mktemp("corpus-data")
    settings = Settings.from_env(data_dir=data, corpus_dir=CORPUS, embedding="e5")
    result = ingest_paths([CORPUS], settings, embeddings=e5)
    assert not result.errors
    return settings


@pytest.fixture(scope="session")
def answerer(corpus_settings):
    return load_answerer(corpus_settings)


@pytest.fixture(scope="session")
def assistant(corpus_settings):
    return load_assistant(corpus_settings)


@pytest.fixture(scope="session")
def obligations(assistant):
    return assistant.obligations


@pytest.fixture
def index_copy(corpus_settings, tmp_path) -> Settings:
    """A private copy of the corpus index, for tests that change it."""
    target = tmp_path / "data"
    shutil.copytree(corpus_settings.data_dir, target, symlinks=True)
    return Settings.from_env(data_dir=target, corpus_dir=CORPUS, embedding="e5")


@pytest.fixture(scope="session")
def wild_settings(tmp_path_factory, e5) -> Settings:
    """A real index of corpus/ plus the 43 wild PDFs (built once, a few minutes)."""
    if not WILD.is_dir():
        pytest.skip("../shared/wild/pdf is not present")
    data = tmp_path_factory.mktemp("wild-data")
    settings = Settings.from_env(data_dir=data, corpus_dir=CORPUS, embedding="e5")
    result = ingest_paths([CORPUS, WILD], settings, embeddings=e5)
    assert not result.errors, result.errors
    return settings
