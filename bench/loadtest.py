"""Load on the chat page: simulated users asking mixed questions over HTTP, with an upload midway.

Run with ``make load`` (or ``python -m bench.loadtest --data-dir data --out docs/benchmarks.md``).
The page is served by ``policyqa serve`` in its own process on loopback, over a copy of the data
directory (the upload must not change the index it was given). Each user asks a question, reads
the answer for a while (think time) and asks the next, the way a person at the page does; users
start a little apart. The run is bounded in time and in requests. Figures are requests, errors,
latency p50/p95/max of the chat call as the client sees it, and the server's memory at start and
end; one row per concurrency limit tried, plus one user alone, the baseline the others are held to.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.reports import write_section

QUESTION_FILES = (Path("tests/data/extra_qa.jsonl"), Path("../shared/eval/dev_qa.jsonl"))
FALLBACK_QUESTIONS = ["嘉定区节能诊断方案每年不少于多少项？", "嘉兴市到2019年要创建多少家绿色工厂？",
                      "上海市“十四五”要创建多少家绿色设计示范企业？", "浦东新区数据中心PUE要求是多少？"]
UPLOAD_TEXT = ("关于印发《辛县工业节能工作方案》的通知\n辛经〔2026〕3号\n一、工作目标\n"
               "到2025年底,全县完成节能技术改造项目{n}项,创建绿色工厂{m}家。\n"
               "二、重点任务\n2025年9月底前,年综合能耗5000吨标准煤以上的企业完成能源审计。\n")


@dataclass
class RunFigures:
    users: int
    concurrency: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    upload_seconds: float | None = None
    upload_result: str = ""
    memory_start_mib: float = 0.0
    memory_end_mib: float = 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * (len(ordered) - 1) + 0.5))] * 1000 if ordered else 0.0

    def row(self) -> str:
        done = len(self.latencies)
        upload = f"{self.upload_seconds:.1f} s ({self.upload_result})" if self.upload_seconds is not None else "—"
        return (f"| {self.users} | {self.concurrency} | {done + len(self.errors)} | {len(self.errors)} | "
                f"{done / self.seconds:.1f} | {self.percentile(0.5):.0f} | {self.percentile(0.95):.0f} | "
                f"{max(self.latencies, default=0) * 1000:.0f} | {upload} | "
                f"{self.memory_start_mib:.0f} → {self.memory_end_mib:.0f} |")


def load_questions() -> list[str]:
    questions = []
    for path in QUESTION_FILES:
        if path.is_file():
            questions += [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return questions or FALLBACK_QUESTIONS


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def resident_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class PageServer:
    """``policyqa serve`` in its own process over a private copy of a data directory, or over
    ``data_dir`` itself when ``in_place`` (a copy the caller made), with ``extra_env`` settings."""

    def __init__(self, data_dir: Path, concurrency: int, work_dir: Path, extra_env: dict | None = None,
                 in_place: bool = False):
        self.data_dir = data_dir if in_place else work_dir / f"data-{concurrency}-{time.time_ns()}"
        if not in_place:
            shutil.copytree(data_dir, self.data_dir, symlinks=True,
                            ignore=shutil.ignore_patterns("uploads", "index-*.tmp"))
        self.port = free_port()
        env = {**os.environ, "POLICYQA_CONCURRENCY": str(concurrency), "GRADIO_ANALYTICS_ENABLED": "False",
               **(extra_env or {})}
        # a file, not a pipe: a server that logs more than a pipe holds would block on a pipe nobody reads
        self.log = work_dir / f"server-{self.port}.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "policyqa", "serve", "--port", str(self.port), "--data-dir", str(self.data_dir)],
                env=env, stdout=subprocess.DEVNULL, stderr=log)
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the page server exited: {self.logged()[-2000:]}")
            try:
                if httpx.get(self.url, timeout=2).status_code < 500:  # 303 to the login page counts
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"the page server did not answer within {timeout:.0f} s")

    def logged(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.data_dir, ignore_errors=True)


def call(client: httpx.Client, api: str, data: list, timeout: float) -> list:
    """One call of a page endpoint through Gradio's HTTP API: submit, then read its event stream."""
    submitted = client.post(f"/gradio_api/call/{api}", json={"data": data}, timeout=timeout)
    submitted.raise_for_status()
    event_id = submitted.json()["event_id"]
    event = ""
    with client.stream("GET", f"/gradio_api/call/{api}/{event_id}", timeout=timeout) as stream:
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                payload = line.split(":", 1)[1].strip()
                if event == "error":
                    raise RuntimeError(f"{api}: server error {payload[:200]}")
                return json.loads(payload)
    raise RuntimeError(f"{api}: the event stream ended without a result")


def upload(client: httpx.Client, text: str, timeout: float) -> str:
    files = {"files": ("辛县 方案.txt", text.encode("utf-8"), "text/plain")}
    response = client.post("/gradio_api/upload", files=files, timeout=timeout)
    response.raise_for_status()
    [path] = response.json()
    file_data = {"path": path, "orig_name": "辛县 方案.txt", "meta": {"_type": "gradio.FileData"}}
    results = call(client, "upload", [[file_data], ""], timeout)[0]
    return results["data"][0][1] if results.get("data") else "no result"


def run(data_dir: Path, users: int, seconds: float, concurrency: int, max_requests: int, think: tuple[float, float],
        upload_midway: bool, work_dir: Path, seed: int = 7) -> RunFigures:
    questions = load_questions()
    server = PageServer(data_dir, concurrency, work_dir)
    figures = RunFigures(users, concurrency, seconds)
    lock = threading.Lock()
    try:
        server.wait_ready()
        with httpx.Client(base_url=server.url) as warm:  # the first call builds caches; not part of the run
            call(warm, "chat", [questions[0], "", ""], 60)
        figures.memory_start_mib = resident_mib(server.process.pid)
        start = time.monotonic()
        stop_at = start + seconds

        def user(number: int):
            rng = random.Random(seed + number)
            time.sleep(rng.uniform(0, min(think[1], seconds / 4)))  # people do not all arrive at once
            with httpx.Client(base_url=server.url) as client:
                while time.monotonic() < stop_at:
                    with lock:
                        if len(figures.latencies) + len(figures.errors) >= max_requests:
                            return
                    question = rng.choice(questions)
                    t = time.monotonic()
                    try:
                        reply = call(client, "chat", [question, "", ""], timeout=60)
                        if not reply or not isinstance(reply[0], str) or not reply[0]:
                            raise RuntimeError("empty reply")
                        with lock:
                            figures.latencies.append(time.monotonic() - t)
                    except Exception as exc:  # every failure is a figure of the run
                        with lock:
                            figures.errors.append(f"{type(exc).__name__}: {exc}"[:200])
                    time.sleep(rng.uniform(*think))

        def uploader():
            time.sleep(seconds / 2)
            text = UPLOAD_TEXT.format(n=random.Random(seed).randint(100, 999), m=random.Random(seed + 1).randint(10, 99))
            t = time.monotonic()
            try:
                with httpx.Client(base_url=server.url) as client:
                    figures.upload_result = upload(client, text, timeout=600)
            except Exception as exc:
                figures.upload_result = f"failed: {exc}"[:200]
            figures.upload_seconds = time.monotonic() - t

        threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
        if upload_midway:
            threads.append(threading.Thread(target=uploader))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        figures.seconds = max(seconds, time.monotonic() - start) if figures.latencies else seconds
        figures.memory_end_mib = resident_mib(server.process.pid)
    finally:
        server.stop()
    return figures


HEADER = [
    "| users | concurrency | requests | errors | answers/s | p50 ms | p95 ms | max ms | upload midway | server RSS MiB start → end |",
    "|---|---|---|---|---|---|---|---|---|---|",
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=Path("data"), help="a data directory with an index")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=5000, help="stop a run after this many requests")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2, 4, 8],
                        help="the page's concurrency limits to try (POLICYQA_CONCURRENCY)")
    parser.add_argument("--think", type=float, nargs=2, default=[1.0, 3.0], metavar=("MIN", "MAX"),
                        help="seconds a user reads an answer before the next question")
    parser.add_argument("--saturation-seconds", type=float, default=30,
                        help="also run every limit with no think time for this long, to find the capacity (0: skip)")
    parser.add_argument("--short", action="store_true", help="a quick check for make test: 3 users, 6 s, one limit")
    parser.add_argument("--out", type=Path, default=None, help="write the figures into this Markdown file's load section")
    args = parser.parse_args(argv)
    if args.short:
        args.users, args.seconds, args.concurrency, args.think = 3, 6.0, [args.concurrency[0]], [0.2, 0.5]
        args.saturation_seconds = 0
    if not (args.data_dir / "index" / "manifest.json").exists():
        parser.error(f"no index in {args.data_dir}: run `policyqa ingest` (or `make index`) first")
    runs = []
    with tempfile.TemporaryDirectory(prefix="policyqa-load-") as work:
        baseline = run(args.data_dir, 1, args.seconds, args.concurrency[0], args.max_requests, tuple(args.think),
                       False, Path(work))
        runs.append(baseline)
        for limit in args.concurrency:
            runs.append(run(args.data_dir, args.users, args.seconds, limit, args.max_requests, tuple(args.think),
                            True, Path(work)))
        saturated = [run(args.data_dir, args.users, args.saturation_seconds, limit, args.max_requests, (0.0, 0.0),
                         False, Path(work)) for limit in args.concurrency if args.saturation_seconds > 0]
    loaded = [r for r in runs[1:] if not r.errors] or runs[1:]
    best = min(loaded, key=lambda r: r.percentile(0.95))
    lines = [
        "## Load: the chat page under simultaneous users",
        "",
        f"Measured by `make load` on {time.strftime('%Y-%m-%d')}: {os.cpu_count()} CPU cores, index of "
        f"`{args.data_dir}`, {args.seconds:.0f} s per run, users think {args.think[0]:g}–{args.think[1]:g} s between "
        f"questions, one upload (a new policy text) at half time in every run with {args.users} users. Latency is the "
        "chat call as the client sees it (submit to result, Gradio's queue included).",
        "",
        *HEADER,
        *(r.row() for r in runs),
        "",
        f"Lowest p95 with {args.users} users: concurrency {best.concurrency}, p95 {best.percentile(0.95):.0f} ms = "
        f"{best.percentile(0.95) / max(baseline.percentile(0.95), 1e-9):.1f}× one user's {baseline.percentile(0.95):.0f} ms "
        "(aim ≤ 3×).",
        "",
    ]
    if saturated:
        top = max(saturated, key=lambda r: len(r.latencies) / r.seconds)
        lines += [
            f"Capacity: the same {args.users} users with no think time (each asks again the moment an answer "
            f"arrives), {args.saturation_seconds:.0f} s per limit. The most answers per second: concurrency "
            f"{top.concurrency}, {len(top.latencies) / top.seconds:.1f}/s. Across limits it moves only between "
            f"{min(len(r.latencies) / r.seconds for r in saturated):.1f} and {len(top.latencies) / top.seconds:.1f}/s: "
            "the answer's own work in one Python process (search, scoring, rendering, Gradio's event handling) is what "
            "limits, not the queue; a higher limit adds memory, not answers. More answers per second take more "
            "server processes.",
            "",
            *HEADER,
            *(r.row() for r in saturated),
            "",
        ]
    for r in runs + saturated:
        for error in sorted(set(r.errors))[:5]:
            lines.append(f"- error with {r.users} users, concurrency {r.concurrency}: {error}")
    text = "\n".join(lines)
    if args.out:
        write_section(args.out, "load", text)
    print(text)
    return 1 if any(r.errors for r in runs + saturated) else 0


if __name__ == "__main__":
    sys.exit(main())
