"""The versions of an index directory, and what makes one readable.

    data/index -> index-<stamp>/      a symlink, swapped atomically on every update

Every update writes a complete new ``index-<stamp>`` next to the current one, finishes it by
writing its manifest last, and repoints the symlink in one rename. A reader therefore never sees a
half-written version; a version without a manifest is what a killed writer left, and is removed at
the next start. One writer at a time holds the index lock; readers never wait.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from ingest.pipeline import PIPELINE_VERSION
from retriever.index.vector_store import VectorStoreError, drop_vectors

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FAISS_FILE = "faiss.index"
CLAUSE_FILE = "clauses.index"
STORE_FILE = "store.sqlite"


class IndexUnusable(Exception):
    """No index this policyqa can read; the message says what to run."""


class IndexNotFound(IndexUnusable):
    pass


class IndexMismatch(IndexUnusable):
    """An index this policyqa must not read as it is: another format or pipeline, or damaged files."""


REBUILD_HINT = "run `policyqa ingest --rebuild <your files>`"
CHECKED_FILES = (FAISS_FILE, CLAUSE_FILE, STORE_FILE)


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_version(index_dir: Path, manifest: dict) -> None:
    """Refuse an index whose layout or meaning this code does not know; an older pipeline is readable."""
    found = (manifest.get("format"), manifest.get("pipeline_version", 0))
    if found[0] != FORMAT_VERSION or not isinstance(found[1], int) or found[1] > PIPELINE_VERSION:
        raise IndexMismatch(
            f"index at {index_dir} was written by policyqa {manifest.get('policyqa_version', 'unknown')} "
            f"(format {found[0]}, pipeline {found[1]}); this policyqa reads format {FORMAT_VERSION}, "
            f"pipeline {PIPELINE_VERSION} or older: {REBUILD_HINT}")


def checked_files(manifest: dict) -> tuple[str, ...]:
    """The files of a version that must be there: the store and, with FAISS, the vector files."""
    entries = manifest.get("vectors")
    if entries is None:  # an index from before the vector store was chosen
        return CHECKED_FILES
    return (STORE_FILE, *(e["file"] for e in entries.values() if e.get("store") == "faiss"))


def check_files(index_dir: Path, path: Path, manifest: dict, known: tuple[str, ...] = ()) -> None:
    """Every file of the version is there and is the file written (checksums from the manifest;
    indexes written before checksums were kept are only checked for presence). ``known`` files were
    read already, from a version with the same checksum."""
    expected = manifest.get("checksums", {})
    for name in checked_files(manifest):
        if name in known:
            continue
        if name == CLAUSE_FILE and name not in expected and not (path / name).exists():
            continue  # an index from before clause vectors
        if not (path / name).is_file():
            raise IndexMismatch(f"index at {index_dir} is damaged: {name} is missing: {REBUILD_HINT}")
        if name in expected and file_checksum(path / name) != expected[name]:
            raise IndexMismatch(f"index at {index_dir} is damaged: {name} is not the file that was written "
                                f"(truncated or changed; checksum differs): {REBUILD_HINT}")


@contextmanager
def index_lock(index_dir: Path, wait: bool = True):
    """One writer at a time; readers never wait (they read a finished version). With ``wait=False``
    it yields whether the lock was free, instead of waiting for it."""
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(index_dir.parent / f".{index_dir.name}.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def new_version(index_dir: Path) -> Path:
    version = index_dir.parent / f"{index_dir.name}-{time.time_ns()}"
    version.mkdir(parents=True)
    return version


def finish_version(version: Path, manifest: dict) -> None:
    # the manifest marks a version complete, so it is written last and appears in one rename
    (version / f"{MANIFEST}.tmp").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(version / f"{MANIFEST}.tmp", version / MANIFEST)


def remove_partial_versions(index_dir: Path) -> list[Path]:
    """Delete ``index-<stamp>`` directories a killed writer left without a manifest; the caller holds
    the index lock, so no writer is filling one of them now."""
    index_dir = Path(index_dir)
    target = index_dir.resolve() if index_dir.is_symlink() else None
    removed = []
    for version in index_dir.parent.glob(f"{index_dir.name}-*"):
        if version.is_dir() and version.resolve() != target and not (version / MANIFEST).exists():
            shutil.rmtree(version, ignore_errors=True)
            removed.append(version)
    return removed


def clean_up_after_kill(index_dir: Path) -> list[Path]:
    """At start: remove partial versions unless a writer is running (then it is its business)."""
    index_dir = Path(index_dir)
    if not index_dir.parent.is_dir():
        return []
    with index_lock(index_dir, wait=False) as free:
        return remove_partial_versions(index_dir) if free else []


def package_version() -> str:
    """The installed policyqa's version, read from its metadata (the index must not import the app)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("policyqa")
    except PackageNotFoundError:
        return "unknown"


def swap(index_dir: Path, version: Path) -> None:
    """Point ``index_dir`` at ``version`` in one rename.

    The version it pointed at before is kept until the next update, so a reader that resolved the
    old link a moment ago can still finish loading; older versions are deleted.
    """
    old_target = index_dir.resolve() if index_dir.is_symlink() else None
    if index_dir.exists() and not index_dir.is_symlink():
        # an index directory from before symlinks were used: move it aside first
        legacy = index_dir.parent / f"{index_dir.name}-legacy-{time.time_ns()}"
        index_dir.rename(legacy)
        old_target = legacy
    link = index_dir.parent / f".{index_dir.name}.link-{time.time_ns()}"
    os.symlink(version.name, link)
    os.replace(link, index_dir)
    keep = {version.resolve(), old_target}
    for stale in index_dir.parent.glob(f"{index_dir.name}-*"):
        if stale.is_dir() and stale.resolve() not in keep:
            drop_shared_vectors(stale)
            shutil.rmtree(stale, ignore_errors=True)


def drop_shared_vectors(version: Path) -> None:
    """A stale version's collections on a shared Milvus go with it; a server that cannot be reached
    now only leaves them behind (named after the version), it does not fail the update."""
    try:
        entries = json.loads((version / MANIFEST).read_text(encoding="utf-8")).get("vectors") or {}
        for entry in entries.values():
            drop_vectors(entry)
    except (OSError, ValueError, VectorStoreError):
        pass
