"""Load on the API workers: answers/s and latency for 1, 2 and 4 worker processes at 1, 4 and 16
concurrent clients, all measured in one run on one machine (issue 41).

Run with ``make load`` (or ``python -m bench.workers_load --data-dir data --out docs/benchmarks.md``).
For each worker count, ``policyqa api --workers N`` serves a private copy of the data directory on
loopback; each client asks the next question as soon as it has an answer (no think time: this is the
ceiling, not a day at the office), for a fixed time per row after a warm-up. Figures are answers,
errors, answers/s with its ratio to one worker at the same number of clients, and latency p50/p95 as
the client sees it. The ceiling of the ratio is the machine's core count: on 2 cores, about 2x.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.loadtest import free_port, load_questions
from bench.reports import write_section

WORKERS = (1, 2, 4)
CLIENTS = (1, 4, 16)


@dataclass
class Row:
    workers: int
    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * (len(ordered) - 1) + 0.5))] * 1000 if ordered else 0.0


class ApiWorkers:
    """``policyqa api --workers N`` over a private copy of a data directory."""

    def __init__(self, data_dir: Path, workers: int, work_dir: Path):
        self.data_dir = work_dir / f"data-{workers}"
        shutil.copytree(data_dir, self.data_dir, symlinks=True, ignore=shutil.ignore_patterns("uploads", "index-*.tmp"))
        self.port = free_port()
        self.log = work_dir / f"api-{workers}.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "policyqa", "api", "--workers", str(workers), "--port", str(self.port),
                 "--data-dir", str(self.data_dir)], stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, workers: int, timeout: float = 300) -> None:
        """Until the socket answers and every worker has loaded (each answers a question once)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the API exited: {self.log.read_text(encoding='utf-8')[-2000:]}")
            try:
                if httpx.get(f"{self.url}/v1/documents", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        with httpx.Client(timeout=120) as client:  # warm every worker: several requests at once
            threads = [threading.Thread(target=client.post, args=(f"{self.url}/v1/ask",),
                                        kwargs={"json": {"question": "嘉定区节能诊断方案每年不少于多少项？"}})
                       for _ in range(workers * 3)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

    def stop(self) -> None:
        os.killpg(self.process.pid, 15)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, 9)
        shutil.rmtree(self.data_dir, ignore_errors=True)


def drive(url: str, workers: int, clients: int, seconds: float, questions: list[str]) -> Row:
    row = Row(workers, clients, seconds)
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(number: int) -> None:
        with httpx.Client(timeout=120) as http:
            i = number
            while time.monotonic() < stop_at:
                question = questions[i % len(questions)]
                i += clients
                start = time.monotonic()
                try:
                    ok = http.post(f"{url}/v1/ask", json={"question": question}).status_code == 200
                except httpx.HTTPError:
                    ok = False
                with lock:
                    if ok:
                        row.latencies.append(time.monotonic() - start)
                    else:
                        row.errors += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    row.seconds = time.monotonic() - started  # the last answers finish after the stop time
    return row


def report(rows: list[Row], seconds: float) -> str:
    base = {r.clients: r.rate for r in rows if r.workers == 1}
    lines = ["## API workers under load (`make load`, `python -m bench.workers_load`)", "",
             f"Measured on {time.strftime('%Y-%m-%d')} on this machine ({os.cpu_count()} cores), in one run: "
             f"`policyqa api --workers N` over a copy of the index, each client asking the next question as soon "
             f"as it has the answer, {seconds:.0f} s a row after every worker has answered once. Answers/s is "
             "the ceiling, not a day at the office; the ratio is to one worker at the same clients.", "",
             "| workers | clients | answers | errors | answers/s | ratio to 1 worker | p50 ms | p95 ms |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        ratio = r.rate / base[r.clients] if base.get(r.clients) else 0.0
        lines.append(f"| {r.workers} | {r.clients} | {len(r.latencies)} | {r.errors} | {r.rate:.1f} | {ratio:.2f}x | "
                     f"{r.percentile(0.5):.0f} | {r.percentile(0.95):.0f} |")
    lines += ["", f"On {os.cpu_count()} cores the ceiling of the ratio is about {os.cpu_count()}x: a worker answers on "
              "one core at a time, and more workers than cores only queue for them (their p95 grows). The clients "
              "run on the same cores, which keeps the ratio below the ceiling. With one client, more workers "
              "cannot help: one question is answered by one worker. The page's own figures (one process, "
              "`policyqa serve`) are in the section above, measured by the same `make load`.", ""]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seconds", type=float, default=20.0, help="measured time of each row")
    parser.add_argument("--workers", default=",".join(map(str, WORKERS)))
    parser.add_argument("--clients", default=",".join(map(str, CLIENTS)))
    args = parser.parse_args(argv)
    questions = load_questions()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="policyqa-workers-") as tmp:
        for workers in [int(w) for w in args.workers.split(",")]:
            server = ApiWorkers(args.data_dir, workers, Path(tmp))
            try:
                server.wait_ready(workers)
                for clients in [int(c) for c in args.clients.split(",")]:
                    rows.append(drive(server.url, workers, clients, args.seconds, questions))
                    print(f"workers {workers} clients {clients}: {rows[-1].rate:.1f} answers/s", file=sys.stderr)
            finally:
                server.stop()
    text = report(rows, args.seconds)
    if args.out:
        write_section(args.out, "workers", text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
