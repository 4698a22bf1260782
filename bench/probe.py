"""`make probe`: what an attacker or a careless user can do to `policyqa serve`, replayed on loopback.

Each case sends real requests (real Gradio routes, real multipart bodies, real bombs made by
bench/hostile.py) to `policyqa serve` running in its own process over a copy of an index, and says
whether the server held: the request refused or answered correctly. The cases come in the classes of
issue 37: reading files the user was not given, writing across sites, what the login page and a
missing login let through, bombs, wrong statuses, leftovers. After every class the server must still
answer and the index must hold the documents it held, each file matching its checksum.

Run with ``make probe`` (or ``python -m bench.probe --data-dir build/probe-data --out docs/benchmarks.md``);
the table is printed and, with ``--out``, written into that file's ``probe`` section. tests/test_probe.py
runs the same cases and fails on any that did not hold.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import httpx

from bench import hostile
from bench.loadtest import PageServer, resident_mib
from bench.reports import write_section

USERS = {"official": "s3cret-pass", "clerk": "hunter2-pass"}
SECRET_FILES = ("/etc/passwd",)  # besides the index's own store, added per server


@dataclass
class Outcome:
    held: bool
    got: str  # what the server did, in a few words
    seconds: float = 0.0


@dataclass(frozen=True)
class Case:
    group: str
    name: str
    expected: str
    server: str  # "open" (default settings), "login" (POLICYQA_AUTH set), "full" (a data directory on a full disk)
    run: Callable


CASES: list[Case] = []


def case(group: str, name: str, expected: str, server: str = "open"):
    def register(function):
        CASES.append(Case(group, name, expected, server, function))
        return function
    return register


@dataclass
class Target:
    """One server under probe, and what is needed to judge it."""

    server: PageServer
    work: Path
    login: tuple[str, str] | None = None
    documents_before: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.server.url

    def client(self, **kwargs) -> httpx.Client:
        auth = kwargs.pop("auth", self.login)
        return httpx.Client(base_url=self.url, auth=auth, timeout=kwargs.pop("timeout", 120), **kwargs)

    def documents(self) -> list[str]:
        with self.client() as client:
            return sorted(d["doc_id"] for d in client.get("/v1/documents").json())

    def secrets(self) -> list[str]:
        return [*SECRET_FILES, str((self.server.data_dir / "index" / "store.sqlite").resolve())]

    def upload(self, files: list[tuple[str, bytes]], **headers) -> httpx.Response:
        with self.client() as client:
            return client.post("/v1/documents", files=[("files", (name, data)) for name, data in files], headers=headers,
                               timeout=600)


def _timed(function, *args) -> tuple[object, float]:
    start = time.monotonic()
    result = function(*args)
    return result, time.monotonic() - start


def _result_rows(response: httpx.Response) -> list[dict]:
    try:
        return response.json().get("results", [])
    except ValueError:
        return []


def _file_data(path: str, name: str = "x.txt") -> dict:
    return {"path": path, "orig_name": name, "meta": {"_type": "gradio.FileData"}}


# -- reading files the user was not given ---------------------------------------------------------------

@case("files", "a chat-history message of type file naming a server file, sent to every page event and input",
      "refused: no page event copies a server file into Gradio's cache")
def history_file_message(target: Target) -> Outcome:
    with target.client() as client:
        config = client.get("/config").json()
        tried = copied = 0
        refused: set[int] = set()
        for secret in target.secrets():
            message = [{"role": "user", "content": [{"type": "file", "file": _file_data(secret, Path(secret).name)}]}]
            for dependency in config["dependencies"]:
                for slot in range(len(dependency["inputs"])):
                    data = [None] * len(dependency["inputs"])
                    data[slot] = message
                    reply = client.post("/gradio_api/run/predict", json={"fn_index": dependency["id"], "data": data,
                                                                         "session_hash": "probe"})
                    tried += 1
                    refused.add(reply.status_code)
                    copied += "gradio_api/file=" in reply.text and Path(secret).name in reply.text
    return Outcome(copied == 0, f"{tried} requests, {copied} copied a file; statuses {sorted(refused)}")


@case("files", "the page's file route asked for a server file directly (absolute, relative, the index's store)",
      "refused (403/404), nothing served")
def file_route(target: Target) -> Outcome:
    paths = [*target.secrets(), "../../../../etc/passwd", "data/index/store.sqlite"]
    with target.client() as client:
        replies = [client.get(f"/gradio_api/file={path}") for path in paths]
    served = [r for r in replies if r.status_code == 200]
    return Outcome(not served, f"statuses {sorted({r.status_code for r in replies})}")


@case("files", "the page's upload event given a server file by path (/etc/passwd, the index's store, a URL)",
      "refused before indexing; the library unchanged")
def upload_by_path(target: Target) -> Outcome:
    statuses = []
    with target.client() as client:
        for path in [*target.secrets(), "http://127.0.0.1:9/x.txt"]:
            reply = client.post("/gradio_api/call/upload", json={"data": [[_file_data(path, "notes.txt")], ""]})
            statuses.append(reply.status_code)
            if reply.status_code == 200:  # accepted for processing: read what the event did
                event = reply.json()["event_id"]
                statuses.append(client.get(f"/gradio_api/call/upload/{event}").text[:80])
    unchanged = target.documents() == target.documents_before
    return Outcome(unchanged and all(s == 403 for s in statuses), f"{statuses}; library unchanged: {unchanged}")


# -- writing across sites ----------------------------------------------------------------------------------

@case("cross-site", "a multipart upload from another site (Origin: http://evil.example)", "403, nothing indexed")
def cross_site_upload(target: Target) -> Outcome:
    reply = target.upload([("invented.txt", "关于印发《某区方案》的通知\n到2025年底,创建绿色工厂999家。".encode())],
                          Origin="http://evil.example")
    unchanged = target.documents() == target.documents_before
    return Outcome(reply.status_code == 403 and unchanged, f"{reply.status_code}; library unchanged: {unchanged}")


@case("cross-site", "a deletion from a page on another localhost port (Origin and Sec-Fetch-Site: same-site)",
      "403, the document stays")
def cross_port_delete(target: Target) -> Outcome:
    doc_id = target.documents_before[0]
    with target.client() as client:
        reply = client.delete(f"/v1/documents/{doc_id}", headers={"Origin": "http://localhost:9999",
                                                                   "Sec-Fetch-Site": "same-site"})
    kept = doc_id in target.documents()
    return Outcome(reply.status_code == 403 and kept, f"{reply.status_code}; document kept: {kept}")


@case("cross-site", "a page event and a login form posted from another site", "403 each")
def cross_site_page_event(target: Target) -> Outcome:
    with target.client() as client:
        join = client.post("/gradio_api/queue/join", json={"fn_index": 0, "data": [], "session_hash": "x"},
                           headers={"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"})
        call = client.post("/gradio_api/call/remove", json={"data": ["x"]}, headers={"Origin": "null"})
    return Outcome(join.status_code == 403 and call.status_code == 403, f"{join.status_code}, {call.status_code}")


@case("cross-site", "reading the library from another origin (CORS: a simple GET and a preflight)",
      "no Access-Control-Allow-Origin for another origin")
def cross_origin_read(target: Target) -> Outcome:
    origin = "http://localhost:9999"
    with target.client() as client:
        simple = client.get("/v1/documents", headers={"Origin": origin})
        preflight = client.options("/v1/documents", headers={"Origin": origin, "Access-Control-Request-Method": "DELETE"})
    allowed = [r.headers.get("access-control-allow-origin") for r in (simple, preflight)]
    return Outcome(not any(allowed), f"Access-Control-Allow-Origin: {allowed}")


@case("cross-site", "a real browser page on another localhost port posting an upload and a deletion",
      "both refused by the server; the library unchanged")
def browser_cross_origin(target: Target) -> Outcome:
    from bench.attacker_page import run_attacker_page

    statuses = run_attacker_page(target.url, target.documents_before[0], target.work)
    unchanged = target.documents() == target.documents_before
    return Outcome(unchanged and statuses.get("server_refused", False), f"{statuses}; library unchanged: {unchanged}")


@case("cross-site", "the same upload from the page's own origin", "accepted and indexed (the check blocks only other sites)")
def same_origin_upload(target: Target) -> Outcome:
    text = "上海市奉贤区经济委员会\n关于印发《奉贤区节能方案》的通知\n一、工作目标\n到2025年底,创建绿色工厂12家。\n".encode()
    reply = target.upload([("奉贤方案.txt", text)], Origin=target.url, **{"Sec-Fetch-Site": "same-origin"})
    rows = _result_rows(reply)
    added = rows[0]["detail"].split()[0] if rows and rows[0]["status"] == "已索引" else None
    if added:  # leave the library as it was
        with target.client() as client:
            client.delete(f"/v1/documents/{added}", headers={"Origin": target.url})
    return Outcome(reply.status_code == 200 and added is not None, f"{reply.status_code} {[r['status'] for r in rows]}")


# -- the login ----------------------------------------------------------------------------------------------

def _library_words(target: Target) -> list[str]:
    """What the page shows a logged-in user that would show the library: document ids, every choice of its
    lists (regions, the key-enterprise list's company names, departments), its events and the API's routes."""
    with target.client() as client:
        config = client.get("/config").json()
    choices = {str(c[0] if isinstance(c, list) else c) for component in config["components"]
               for c in component.get("props", {}).get("choices") or []}
    events = {d.get("api_name") for d in config["dependencies"] if d.get("api_name") not in (None, "chat")}
    return sorted({*target.documents_before, *(w for w in choices if len(w) >= 3), *events, "/v1/documents"} - {None})


@case("login", "the login page and every page route without a login (/, /?all_endpoints=true, /config, /login)",
      "a login form, no document, company, department or route name", server="login")
def login_page_leak(target: Target) -> Outcome:
    words = _library_words(target)
    leaked = []
    with httpx.Client(base_url=target.url, timeout=30) as anonymous:
        for path in ("/", "/?all_endpoints=true", "/config", "/login", "/gradio_api/info"):
            reply = anonymous.get(path, headers={"Accept": "text/html"}, follow_redirects=True)
            leaked += [f"{path}: {w}" for w in words if w in reply.text]
    return Outcome(not leaked, f"leaked {leaked[:4]}" if leaked else "nothing of the library shown")


@case("login", "the API's description and every /v1 route without a login (/docs, /openapi.json, /redoc, /v1/...)",
      "401 each", server="login")
def routes_need_login(target: Target) -> Outcome:
    with httpx.Client(base_url=target.url, timeout=30) as anonymous:
        replies = {path: anonymous.get(path).status_code for path in
                   ("/docs", "/openapi.json", "/redoc", "/v1/documents", "/v1/models", "/gradio_api/file=/etc/passwd",
                    "/config")}
        replies["POST /gradio_api/upload"] = anonymous.post("/gradio_api/upload", files={"files": ("a.txt", b"x")}).status_code
    return Outcome(set(replies.values()) == {401}, str(replies))


@case("login", "half a login: Basic with a password and no user, Bearer with a password alone, Bearer with "
      "another user's password", "401 each; user:password as Basic and as Bearer accepted", server="login")
def one_pair_per_login(target: Target) -> Outcome:
    import base64

    password = USERS["official"]
    tries = {
        "basic, no user": "Basic " + base64.b64encode(f":{password}".encode()).decode(),
        "basic, password only": "Basic " + base64.b64encode(password.encode()).decode(),
        "bearer, password only": f"Bearer {password}",
        "bearer, other user's password": f"Bearer clerk:{password}",
        "basic, right pair": "Basic " + base64.b64encode(f"official:{password}".encode()).decode(),
        "bearer, right pair": f"Bearer official:{password}",
    }
    with httpx.Client(base_url=target.url, timeout=30) as anonymous:
        got = {name: anonymous.get("/v1/models", headers={"Authorization": value}).status_code
               for name, value in tries.items()}
    wrong = [got[name] for name in tries if "right" not in name]
    return Outcome(set(wrong) == {401} and got["basic, right pair"] == got["bearer, right pair"] == 200, str(got))


@case("login", "guessing passwords as fast as possible for 10 s", "after 5 failures each try waits longer (429 with "
      "Retry-After): a handful of guesses, not hundreds", server="login")
def guessing_slows_down(target: Target) -> Outcome:
    checked = throttled = 0
    deadline = time.monotonic() + 10
    with httpx.Client(base_url=target.url, timeout=30) as anonymous:
        n = 0
        while time.monotonic() < deadline:
            n += 1
            reply = anonymous.get("/v1/models", auth=("official", f"guess{n}"))
            if reply.status_code == 429:
                throttled += 1
            else:
                checked += 1
    return Outcome(checked <= 10 and throttled > 0, f"{checked} guesses checked, {throttled} refused with 429 in 10 s")


# -- bombs --------------------------------------------------------------------------------------------------

def _bomb(target: Target, name: str, data: bytes, limit_words: tuple[str, ...], seconds: float = 20) -> Outcome:
    before = resident_mib(target.server.process.pid)
    reply, took = _timed(target.upload, [(name, data), ("奉贤说明.txt", _small_document())])
    grew = resident_mib(target.server.process.pid) - before
    rows = _result_rows(reply)
    refused = rows and rows[0]["status"] == "拒绝" and any(w in rows[0]["detail"] for w in limit_words)
    rest = len(rows) > 1 and rows[1]["status"] == "已索引"
    _remove_added(target, rows)
    detail = rows[0]["detail"][:110] if rows else reply.text[:110]
    return Outcome(bool(refused and rest and took < seconds), f"{reply.status_code} {detail!r}; the other file "
                   f"{'indexed' if rest else 'NOT indexed'}; {took:.1f} s, RSS +{max(grew, 0):.0f} MiB", took)


def _small_document() -> bytes:
    return ("上海市奉贤区经济委员会\n关于印发《奉贤区节能说明》的通知\n一、工作目标\n"
            f"到2025年底,完成节能改造项目{int(time.time()) % 900 + 100}项。\n").encode()


def _remove_added(target: Target, rows: list[dict]) -> None:
    with target.client() as client:
        for row in rows:
            if row.get("status") == "已索引":
                client.delete(f"/v1/documents/{row['detail'].split()[0]}")


@case("bombs", "a 1.3 KB PDF with one 8000×8000 pt blank page (2.6 GB to render for OCR)",
      "that file refused naming the page-size limit, the rest of the batch indexed, no memory spike")
def huge_page(target: Target) -> Outcome:
    return _bomb(target, "huge.pdf", hostile.huge_page_pdf(target.work / "huge.pdf").read_bytes(), ("page-size limit",))


@case("bombs", "a 400 KB PDF of 1000 blank pages, and one of 400 (each page would go to OCR)",
      "refused naming the page limit, and the OCR page limit")
def thousand_blank_pages(target: Target) -> Outcome:
    pages = _bomb(target, "blank.pdf", hostile.blank_pages_pdf(target.work / "blank.pdf").read_bytes(),
                  ("POLICYQA_MAX_PDF_PAGES",))
    ocr = _bomb(target, "blank400.pdf", hostile.blank_pages_pdf(target.work / "blank400.pdf", 400).read_bytes(),
                ("POLICYQA_MAX_OCR_PAGES",))
    return Outcome(pages.held and ocr.held, f"{pages.got} | {ocr.got}", pages.seconds + ocr.seconds)


@case("bombs", "a 150 KB PDF whose one page inflates to 100 MB of drawing operators", "refused naming the "
      "PDF content limit, before the PDF reader decodes it")
def inflating_pdf(target: Target) -> Outcome:
    return _bomb(target, "flate.pdf", hostile.inflating_pdf(target.work / "flate.pdf").read_bytes(), ("inflate",))


@case("bombs", "a 1.5 MB .docx that unpacks to 1 GB (zip bomb)", "refused naming the unpacked-size limit")
def zip_bomb(target: Target) -> Outcome:
    return _bomb(target, "bomb.docx", hostile.zip_bomb_docx(target.work / "bomb.docx").read_bytes(), ("unpacks",))


@case("bombs", "a .docx whose XML nests 100,000 levels", "refused naming the XML depth limit")
def deep_xml(target: Target) -> Outcome:
    return _bomb(target, "deep.docx", hostile.deep_xml_docx(target.work / "deep.docx").read_bytes(), ("nests XML",))


@case("bombs", "a 100 KB .xlsx of 7,000 rows repeating one long cell (7,000 chunks to embed)", "refused naming the chunk limit")
def many_chunks(target: Target) -> Outcome:
    return _bomb(target, "rows.xlsx", hostile.many_rows_xlsx(target.work / "rows.xlsx").read_bytes(), ("chunks",))


@case("bombs", "a web page with one 11 MB text run (the parser drops the rest of the page)",
      "refused naming the parser's limit, not 已索引 with half a page")
def huge_text_node(target: Target) -> Outcome:
    return _bomb(target, "big.html", hostile.huge_text_html(target.work / "big.html").read_bytes(), ("10 MB",))


@case("bombs", "an upload declaring 1.5 GB in Content-Length, its body never sent", "413 at once, before any "
      "byte of the body is read or written")
def declared_too_large(target: Target) -> Outcome:
    import socket

    host, port = target.url.split("//")[1].split(":")
    head = (f"POST /v1/documents HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            f"Content-Length: {1536 * 1024 * 1024}\r\n\r\n").encode()
    start = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(head + b"--b\r\n")
        reply = b""
        while b"}}" not in reply:  # the JSON error's end
            piece = connection.recv(4096)
            if not piece:
                break
            reply += piece
    took = time.monotonic() - start
    text = reply.decode("utf-8", "replace")
    status = text.split(" ", 2)[1] if text.startswith("HTTP/") else text[:40]
    left = [p.name for p in (target.server.data_dir / "uploads").glob(".*")]
    return Outcome(status == "413" and took < 5 and not left,
                   f"{status} in {took:.2f} s ({text.split(chr(10))[-1][:80]!r}); staged: {left}", took)


@case("bombs", "an upload streamed in chunks (no Content-Length) past the 500 MB request limit",
      "413 once the stream passes the limit; nothing staged is left")
def streamed_too_large(target: Target) -> Outcome:
    limit = 500 * 1024 * 1024
    boundary = "probe-boundary"

    def body():
        yield f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.txt\"\r\n\r\n".encode()
        block = "节能".encode() * (1024 * 1024 // 6)
        for _ in range(limit // len(block) + 8):
            yield block
        yield f"\r\n--{boundary}--\r\n".encode()

    with target.client() as client:
        try:
            reply, took = _timed(lambda: client.post("/v1/documents", content=body(), timeout=300,
                                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}))
            status = reply.status_code
        except httpx.HTTPError as exc:
            status, took = f"closed ({type(exc).__name__})", 0.0
    left = [p.name for p in (target.server.data_dir / "uploads").glob(".*")]
    return Outcome(status == 413 and not left, f"{status}; staged folders left: {left}", took)


@case("bombs", "a 15 MB chat request (one long earlier message)", "413 at once, naming the request limit")
def huge_chat(target: Target) -> Outcome:
    messages = [{"role": "user", "content": "节能" * 2_500_000}, {"role": "user", "content": "嘉定区节能诊断方案每年不少于多少项？"}]
    with target.client() as client:
        reply, took = _timed(lambda: client.post("/v1/chat/completions", json={"model": "policyqa", "messages": messages}))
    return Outcome(reply.status_code == 413 and took < 5, f"{reply.status_code} {reply.text[:80]!r} in {took:.2f} s", took)


@case("bombs", "a chat with 400 earlier messages of 500 characters (within the request limit)",
      "answered in seconds: only the last 20 earlier messages are read")
def long_history(target: Target) -> Outcome:
    filler = ("我们想了解一下节能政策" * 50)[:500]
    messages = [{"role": "user", "content": filler} for _ in range(400)]
    messages.append({"role": "user", "content": "嘉定区节能诊断方案每年不少于多少项？"})
    with target.client() as client:
        reply, took = _timed(lambda: client.post("/v1/chat/completions", json={"model": "policyqa", "messages": messages}))
    answered = reply.status_code == 200 and "150项" in reply.text
    return Outcome(answered and took < 15, f"{reply.status_code}, {'answered' if answered else reply.text[:80]} in {took:.1f} s", took)


@case("bombs", "a JSON body nested 100,000 levels deep", "400 naming the depth, not a crash")
def deep_json(target: Target) -> Outcome:
    body = b'{"question": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with target.client() as client:
        replies = [client.post(path, content=body, headers={"Content-Type": "application/json"})
                   for path in ("/v1/ask", "/gradio_api/queue/join")]
    return Outcome(all(r.status_code == 400 for r in replies), str([(r.status_code, r.text[:60]) for r in replies]))


# -- wrong statuses -----------------------------------------------------------------------------------------

@case("statuses", "one upload of a batch named with a NUL byte, another with a 300-character suffix",
      "200; every valid file of the batch indexed")
def odd_file_names(target: Target) -> Outcome:
    odd = [("bad\x00name.txt", _small_document()), ("notice." + "x" * 300, _small_document() + "另一份。".encode())]
    reply = target.upload(odd)
    rows = _result_rows(reply)
    _remove_added(target, rows)
    return Outcome(reply.status_code == 200 and [r["status"] for r in rows] == ["已索引", "已索引"],
                   f"{reply.status_code} {[r['status'] for r in rows]}")


@case("statuses", "a question holding a lone surrogate (\\ud800), by /v1/ask and by the chat API",
      "400 naming the character")
def lone_surrogate(target: Target) -> Outcome:
    with target.client() as client:
        replies = [client.post("/v1/ask", content=b'{"question": "\\ud800\xe8\x8a\x82\xe8\x83\xbd"}',
                               headers={"Content-Type": "application/json"}),
                   client.post("/v1/chat/completions", content=b'{"messages": [{"role": "user", "content": "\\ud800"}]}',
                               headers={"Content-Type": "application/json"})]
    return Outcome(all(r.status_code == 400 and "surrogate" in r.text for r in replies),
                   str([(r.status_code, r.text[:70]) for r in replies]))


@case("statuses", "an enterprise reporting NaN, Infinity, 1e999 and a NaN PUE", "400 each, never a NaN in the answer")
def not_a_number(target: Target) -> Outcome:
    bodies = [b'{"region": "\xe5\x98\x89\xe5\xae\x9a\xe5\x8c\xba", "reports": {"diagnosis_plans": NaN}}',
              b'{"reports": {"diagnosis_plans": Infinity}}', b'{"pue": NaN}', b'{"pue": 1e999}']
    with target.client() as client:
        replies = [client.post("/v1/obligations", content=b, headers={"Content-Type": "application/json"}) for b in bodies]
    return Outcome(all(r.status_code == 400 for r in replies), str([r.status_code for r in replies]))


@case("statuses", "chat content nested 5 and 30 levels deep (lists in lists)", "400 each, not a crash")
def nested_content(target: Target) -> Outcome:
    replies = []
    with target.client() as client:
        for depth in (5, 30):
            content: object = "嘉定区节能诊断方案每年不少于多少项？"
            for _ in range(depth):
                content = [content]
            replies.append(client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": content}]}))
    return Outcome(all(r.status_code == 400 for r in replies), str([(r.status_code, r.text[12:70]) for r in replies]))


@case("statuses", "page events that do not exist, or with the wrong number or kind of values (queue, run, call)",
      "a 4xx JSON error each, never a 500")
def bad_page_events(target: Target) -> Outcome:
    tries = [("/gradio_api/queue/join", {"fn_index": 9999, "data": [], "session_hash": "p"}),
             ("/gradio_api/run/predict", {"fn_index": 9999, "data": [], "session_hash": "p"}),
             ("/gradio_api/run/predict", {"data": []}),
             ("/gradio_api/call/nowhere", {"data": []}),
             ("/gradio_api/run/compare", {"data": ["绿色工厂"]}),
             ("/gradio_api/run/compare", {"data": [["a"], 7]}),
             ("/gradio_api/run/predict", {"fn_index": 0, "data": "x"}),
             ("/gradio_api/queue/join", [1, 2])]
    with target.client() as client:
        got = [client.post(path, json=body) for path, body in tries]
    bad = [(path, r.status_code) for (path, _), r in zip(tries, got)
           if not 400 <= r.status_code < 500 or not r.headers.get("content-type", "").startswith("application/json")]
    return Outcome(not bad, f"statuses {[r.status_code for r in got]}" + (f"; not a 4xx JSON: {bad}" if bad else ""))


@case("statuses", "the next request on the same keep-alive connection after each refusal",
      "answered: no refusal drops the connection")
def keep_alive(target: Target) -> Outcome:
    answered = 0
    with target.client(limits=httpx.Limits(max_connections=1)) as client:
        for bad in (lambda: client.post("/v1/ask", json={"q": 1}), lambda: client.get("/nowhere"),
                    lambda: client.post("/v1/obligations", content=b'{"pue": NaN}', headers={"Content-Type": "application/json"}),
                    lambda: client.post("/v1/ask", headers={"Origin": "http://evil.example"}, json={"question": "x"})):
            bad()
            answered += client.get("/v1/models").status_code == 200
    return Outcome(answered == 4, f"{answered} of 4 follow-up requests answered on the same connection")


@case("statuses", "an upload when the disk holding the data directory is full", "507 saying the disk is full; "
      "the index as it was", server="full")
def disk_full(target: Target) -> Outcome:
    reply = target.upload([("奉贤说明.txt", _small_document() * 20)])
    intact = target.documents() == target.documents_before
    return Outcome(reply.status_code == 507 and "disk is full" in reply.text and intact,
                   f"{reply.status_code} {reply.text[:80]!r}; index intact: {intact}")


# -- leftovers ----------------------------------------------------------------------------------------------

@case("leftovers", "staging a killed server left: an upload killed after its version was published, another "
      "before; a killed server's export, page and receiving folders", "the indexed upload kept under uploads/, "
      "everything else removed at start")
def killed_leftovers(target: Target) -> Outcome:
    uploads = target.server.data_dir / "uploads"
    kept = (uploads / "宝山方案.txt").is_file()
    stale = [p.name for p in uploads.glob(".*")]
    stale += [p.name for p in Path(tempfile.gettempdir()).glob(f"policyqa-*-{_dead_pid()}-*")]
    return Outcome(kept and not stale, f"published upload kept: {kept}; left: {stale}")


@case("leftovers", "after every case above, and three Excel exports from the page", "no staging folder left; "
      "exports only inside the server's own export folder (removed when it stops: checked below)")
def nothing_left(target: Target) -> Outcome:
    from bench.loadtest import call

    with target.client() as client:
        exported = [call(client, "documents_xlsx", [], 60)[0] for _ in range(3)]
    uploads = target.server.data_dir / "uploads"
    staged = [p.name for p in uploads.glob(".*")]
    owned = f"policyqa-exports-{target.server.process.pid}-"
    exports = [p for p in Path(tempfile.gettempdir()).glob("policyqa-exports-*/*")]
    elsewhere = [p.parent.name for p in exports if not p.parent.name.startswith(owned)]
    return Outcome(not staged and not elsewhere and len(exported) == 3,
                   f"staging folders {staged}; {len(exports)} export folders, outside the server's own: {elsewhere}")


_DEAD: list[int] = []


def _dead_pid() -> int:
    """The pid of a process that ran and ended (what a killed server's folders are named after)."""
    if not _DEAD:
        process = subprocess.Popen(["true"])
        process.wait()
        _DEAD.append(process.pid)
    return _DEAD[0]


def seed_leftovers(data_dir: Path) -> None:
    """What `kill -9` leaves: an upload whose version was published but whose file was still in staging,
    one that never reached the index, and a dead server's temporary folders."""
    pid = _dead_pid()
    uploads = data_dir / "uploads"
    published = uploads / f".incoming-{pid}-abc"
    published.mkdir(parents=True)
    text = "上海市宝山区经济委员会\n关于印发《宝山区节能方案》的通知\n一、工作目标\n到2025年底,创建绿色工厂7家。\n"
    (published / "宝山方案.txt").write_text(text, encoding="utf-8")
    (published / "never-indexed.txt").write_text("未索引的文件。", encoding="utf-8")
    (uploads / f".receiving-{pid}-def").mkdir()
    for prefix in ("policyqa-exports-", "policyqa-page-"):
        (Path(tempfile.gettempdir()) / f"{prefix}{pid}-ghi").mkdir(exist_ok=True)
    from policyqa.app import ingest_paths
    from policyqa.settings import Settings

    # the version the kill came after: it holds the document, the file is still in staging
    staged_copy = uploads.parent / "宝山方案.txt"
    staged_copy.write_text(text, encoding="utf-8")
    ingest_paths([staged_copy], Settings.from_env(data_dir=data_dir), embed=False)
    staged_copy.unlink()


# -- running ------------------------------------------------------------------------------------------------

def _prepared_copy(data_dir: Path, kind: str, work: Path) -> Path | None:
    """The data directory a server of ``kind`` serves: a copy, seeded with a killed server's leftovers for
    "open", on a tmpfs just larger than it for "full" (None where mounting is not allowed)."""
    parent = work
    if kind == "full":
        parent = work / "full-disk"
        parent.mkdir()
        size_kb = sum(p.stat().st_size for p in data_dir.rglob("*") if p.is_file()) // 1024 + 1024
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(parent)],
                                 capture_output=True)
        if mounted.returncode != 0:
            return None
    copy = parent / f"data-{kind}"
    shutil.copytree(data_dir, copy, symlinks=True, ignore=shutil.ignore_patterns("uploads"))
    if kind == "open":
        seed_leftovers(copy)
    return copy


def _judge_server(target: Target) -> Outcome:
    """The server answers and its index loads with every file matching its checksum."""
    if target.server.process.poll() is not None:
        return Outcome(False, f"the server exited: {target.server.logged()[-300:]}")
    alive = httpx.get(target.url, timeout=30).status_code < 500
    checked = subprocess.run([sys.executable, "-m", "policyqa", "documents", "--json", "--data-dir",
                              str(target.server.data_dir)], capture_output=True, text=True)
    loaded = checked.returncode == 0 and sorted(d["doc_id"] for d in json.loads(checked.stdout)) == target.documents_before
    return Outcome(alive and loaded, f"answers: {alive}; index loads, checksums match, same documents: {loaded}")


def _own_folders(pid: int) -> list[str]:
    return [p.name for p in Path(tempfile.gettempdir()).glob(f"policyqa-*-{pid}-*")]


def run_probe(data_dir: Path, work: Path, servers: tuple[str, ...] = ("open", "login", "full"),
              log: Callable[[str], None] = print) -> dict[str, Outcome]:
    """Every case, on the servers named; the outcome of each by its name, plus each server's final check."""
    outcomes: dict[str, Outcome] = {}
    for kind in servers:
        cases = [c for c in CASES if c.server == kind]
        copy = _prepared_copy(data_dir, kind, work)
        if copy is None:
            outcomes.update({c.run.__name__: Outcome(False, "not run: mounting a small tmpfs needs root") for c in cases})
            continue
        env = {"POLICYQA_AUTH": ",".join(f"{u}:{p}" for u, p in USERS.items())} if kind == "login" else {}
        server = PageServer(copy, 4, work, env, in_place=True)
        try:
            server.wait_ready()
            target = Target(server, work, ("official", USERS["official"]) if kind == "login" else None)
            target.documents_before = target.documents()
            for c in cases:
                try:
                    outcome, took = _timed(c.run, target)
                    outcome.seconds = outcome.seconds or took
                except Exception as exc:  # a case that could not run has not held
                    outcome = Outcome(False, f"the probe failed: {type(exc).__name__}: {exc}"[:200])
                outcomes[c.run.__name__] = outcome
                log(f"{'held' if outcome.held else 'FAILED':6} {c.group:10} {c.run.__name__}: {outcome.got}")
            outcomes[f"server_{kind}"] = _judge_server(target)
        finally:
            server.stop()
            if kind == "full":
                subprocess.run(["umount", "-l", str(copy.parent)], capture_output=True)
        left = _own_folders(server.process.pid)
        outcomes[f"stopped_{kind}"] = Outcome(not left, f"its folders left in the temp dir: {left}")
        for key in (f"server_{kind}", f"stopped_{kind}"):
            log(f"{'held' if outcomes[key].held else 'FAILED':6} {'server':10} {key}: {outcomes[key].got}")
    return outcomes


SERVER_CHECKS = {
    "server_open": ("the default server after its cases", "still answering, index intact"),
    "stopped_open": ("the default server stopped", "its export and page folders removed"),
    "server_login": ("the login server after its cases", "still answering, index intact"),
    "stopped_login": ("the login server stopped", "its export and page folders removed"),
    "server_full": ("the full-disk server after its case", "still answering, index intact"),
    "stopped_full": ("the full-disk server stopped", "its export and page folders removed"),
}


def table(outcomes: dict[str, Outcome]) -> str:
    lines = ["| class | case | expected | what the server did | held |", "|---|---|---|---|---|"]
    for c in CASES:
        o = outcomes.get(c.run.__name__)
        if o is not None:
            lines.append(f"| {c.group} | {c.name} | {c.expected} | {o.got.replace('|', '/')} | {'yes' if o.held else '**no**'} |")
    for key, (name, expected) in SERVER_CHECKS.items():
        if key in outcomes:
            o = outcomes[key]
            lines.append(f"| server | {name} | {expected} | {o.got} | {'yes' if o.held else '**no**'} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=Path("build/probe-data"), help="a data directory with an index")
    parser.add_argument("--out", type=Path, default=None, help="write the table into this Markdown file's probe section")
    args = parser.parse_args(argv)
    if not (args.data_dir / "index" / "manifest.json").exists():
        parser.error(f"no index in {args.data_dir}: run `policyqa ingest corpus --data-dir {args.data_dir}` first")
    with tempfile.TemporaryDirectory(prefix="policyqa-probe-") as work:
        outcomes = run_probe(args.data_dir, Path(work))
    held = sum(o.held for o in outcomes.values())
    text = "\n".join([
        "## Security probe (`make probe`)",
        "",
        f"Replayed by `make probe` on {time.strftime('%Y-%m-%d')} against `policyqa serve` in its own process on "
        "loopback, over a copy of the index of corpus/: default settings, then with POLICYQA_AUTH (two users), then "
        "with the data directory on a tmpfs just larger than it (a full disk). Every case sends real requests; "
        f"{held} of {len(outcomes)} held.",
        "",
        table(outcomes),
        "",
    ])
    if args.out:
        write_section(args.out, "probe", text)
    print(text)
    return 0 if held == len(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
