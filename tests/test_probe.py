"""Every case of `make probe` against real servers on loopback: `policyqa serve` in its own process over a
copy of the corpus index (default settings, with POLICYQA_AUTH, and with its data directory on a full
disk), real Gradio routes, real multipart bodies, real bombs, a real Chromium page on another localhost
port. Each case must have held, and each server must still answer with its index intact."""

from __future__ import annotations

import os

import pytest

from bench.probe import CASES, SERVER_CHECKS, run_probe

pytestmark = pytest.mark.slow
# mounting the small tmpfs that plays the full disk needs root (as `make test` has in CI)
SERVERS = ("open", "login", "full") if os.geteuid() == 0 else ("open", "login")


@pytest.fixture(scope="module")
def outcomes(corpus_settings, tmp_path_factory):
    return run_probe(corpus_settings.data_dir, tmp_path_factory.mktemp("probe"), SERVERS, log=lambda line: None)


@pytest.mark.parametrize("name", [c.run.__name__ for c in CASES if c.server in SERVERS]
                         + [k for k in SERVER_CHECKS if k.split("_")[1] in SERVERS])
def test_the_server_held(outcomes, name):
    outcome = outcomes[name]
    assert outcome.held, outcome.got
