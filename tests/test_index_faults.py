"""An index damaged on disk, written by another version or left half-written by a kill is never misread."""

import json
import subprocess
import sys

import pytest

from policyqa.app import ingest_paths, load_answerer
from retriever.index import IndexMismatch, PolicyIndex

# every test here damages a copy of the corpus index, which takes over 2 minutes to build
pytestmark = pytest.mark.slow


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "policyqa", *args], capture_output=True, text=True, timeout=600)


def damage(path, how):
    data = path.read_bytes()
    if how == "truncate":
        path.write_bytes(data[: len(data) // 2])
    else:  # one byte changed in the middle: the file still parses, its content is wrong
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:])


@pytest.mark.parametrize("name, how", [("store.sqlite", "truncate"), ("faiss.index", "flip"),
                                       ("clauses.index", "truncate"), ("store.sqlite", "flip")])
def test_a_damaged_index_file_is_detected_at_load_with_the_rebuild_command(index_copy, name, how):
    damage(index_copy.index_dir.resolve() / name, how)
    with pytest.raises(IndexMismatch, match=f"damaged: {name}"):
        PolicyIndex.load(index_copy.index_dir)
    proc = run_cli("ask", "嘉定区节能诊断方案每年不少于多少项？", "--json", "--data-dir", str(index_copy.data_dir))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"damaged: {name} is not the file that was written" in proc.stderr
    assert "policyqa ingest --rebuild" in proc.stderr


@pytest.mark.parametrize("field, value", [("format", 2), ("pipeline_version", 99)])
def test_an_index_written_by_an_incompatible_version_is_refused(index_copy, field, value):
    manifest_path = index_copy.index_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest[field] = value
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    proc = run_cli("documents", "--json", "--data-dir", str(index_copy.data_dir))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "was written by policyqa" in proc.stderr and "--rebuild" in proc.stderr


def test_ingest_into_a_damaged_index_is_refused_and_a_rebuild_starts_over(index_copy, e5):
    damage(index_copy.index_dir.resolve() / "store.sqlite", "truncate")
    proc = run_cli("ingest", str(index_copy.corpus_dir / "000_3537c126d58e65da.txt"), "--data-dir", str(index_copy.data_dir))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "damaged: store.sqlite" in proc.stderr
    result = ingest_paths([index_copy.corpus_dir], index_copy, rebuild=True, embeddings=e5)
    assert any("rebuilt from the given files only" in w for w in result.warnings)
    assert len(PolicyIndex.load(index_copy.index_dir).documents) == 5


def test_partial_versions_left_by_a_kill_are_removed_at_the_next_start(index_copy):
    partial = index_copy.data_dir / "index-123"
    partial.mkdir()
    (partial / "faiss.index").write_bytes(b"half")
    current = index_copy.index_dir.resolve()
    load_answerer(index_copy)
    assert not partial.exists() and current.is_dir() and (current / "manifest.json").exists()
