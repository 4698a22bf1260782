# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 7860

.PHONY: run test test-fast venv index bench bench-scale bench-ocr load probe clean

venv: $(STAMP)

# torch first, pinned: pip takes the CPU build from local disk; an unpinned torch
# (pulled in by sentence-transformers) would download a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

index: $(STAMP)
	$(BIN)/policyqa ingest corpus --no-embed

run: index
	$(BIN)/policyqa serve --host $(HOST) --port $(PORT)

# The browser tests drive Debian's chromium (no browser download) and the .doc tests LibreOffice;
# install them when missing.
test: $(STAMP)
	command -v chromium >/dev/null 2>&1 && command -v soffice >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk libreoffice-writer-nogui)
	$(BIN)/python -m pytest

# the tests not marked slow, for the edit-test loop: no index of corpus/ or the wild PDFs, no server (about 2 minutes)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow" -q

# within 15 minutes; BENCH_OPTIONS="--backends --ablations" adds two tables (about 6 minutes more)
BENCH_OPTIONS ?=
bench: index
	$(BIN)/python -m bench.benchmark --out docs/benchmarks.md --keep-index build/bench-data $(BENCH_OPTIONS)
	$(BIN)/python -m bench.draft_score --data-dir build/bench-data --out docs/benchmarks.md
	$(BIN)/python -m bench.task_score --out docs/benchmarks.md
	$(BIN)/python -m bench.scalebench --factors 1,10 --out docs/benchmarks.md

# the scale figures at 100x and 1000x corpus/ as well, and answers at 1000x with every vector
# present (1000x: 5,000 documents; about 13 minutes, 7 GB of memory)
bench-scale: $(STAMP)
	$(BIN)/python -m bench.scalebench --factors 1,10,100,1000 --every-vector --out docs/benchmarks.md

# OCR: engines, rendering resolution, scanned copies of the wild PDFs answering their questions, a 30-page
# scan; figures into docs/benchmarks.md (about an hour on 2 cores: every wild PDF is scanned and indexed)
bench-ocr: $(STAMP)
	$(BIN)/python -m bench.ocr_bench --out docs/benchmarks.md

# 20 simulated users on the page, an upload midway; figures into docs/benchmarks.md (about 7 minutes)
load: index
	$(BIN)/python -m bench.loadtest --data-dir data --out docs/benchmarks.md
	$(BIN)/python -m bench.workers_load --data-dir data --out docs/benchmarks.md

# the security cases replayed against `policyqa serve` on loopback (default settings, a login, a full disk:
# mounting that tmpfs needs root); the table into docs/benchmarks.md (about a minute)
probe: $(STAMP)
	command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk)
	$(BIN)/policyqa ingest corpus --data-dir build/probe-data
	$(BIN)/python -m bench.probe --data-dir build/probe-data --out docs/benchmarks.md

clean:
	rm -rf $(VENV) data build *.egg-info
