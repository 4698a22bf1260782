"""The load script in its short mode: a real page server, real HTTP users, an upload midway."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_load_script_runs_users_and_an_upload_against_a_real_server(index_copy, tmp_path):
    figures = tmp_path / "benchmarks.md"
    figures.write_text("<!-- bench:start -->\nspeed figures\n<!-- bench:end -->\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "bench.loadtest", "--data-dir", str(index_copy.data_dir), "--short",
         "--out", str(figures)],
        capture_output=True, text=True, timeout=600, cwd=ROOT,  # bench/ is not installed: run from the root
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = figures.read_text(encoding="utf-8")
    assert "speed figures" in text and "<!-- load:start -->" in text  # the other section is kept
    rows = [line.split("|") for line in text.splitlines() if line.startswith("| 1 |") or line.startswith("| 3 |")]
    assert len(rows) == 2 and all(int(row[3]) > 0 and int(row[4]) == 0 for row in rows)  # requests, no errors
    assert "(已索引)" in rows[1][9]  # the upload midway was indexed while users asked
    assert not (index_copy.data_dir / "uploads").exists()  # the server worked on a copy
