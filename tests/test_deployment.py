"""Many users from one library (issue 41): `policyqa api --workers 2` and `policyqa serve` over one data
directory on loopback, each following what the other publishes; and the same two behind the real nginx
of deploy/nginx/, with TLS, on one port."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.servers import free_port

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy" / "nginx"
# a county no document of corpus/ is about: refused before the upload and after the deletion
QUESTION = {"question": "宁乡市要完成多少项节能技术改造项目？"}
DOCUMENT = ("关于印发《宁乡市工业节能工作方案》的通知\n宁经〔2026〕3号\n一、工作目标\n"
            "到2025年底,宁乡市完成节能技术改造项目417项,创建绿色工厂23家。\n")
FOLLOW_WITHIN = 1.0  # seconds: a version one process publishes is answered from by the others (issue 41)


def _start(args: list[str], data_dir: Path, log: Path) -> subprocess.Popen:
    env = {**os.environ, "POLICYQA_DATA_DIR": str(data_dir)}
    return subprocess.Popen([sys.executable, "-m", "policyqa", *args], cwd=ROOT, env=env,
                            stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)


def _wait_ready(base: str, proc: subprocess.Popen, log: Path, verify=True) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(encoding="utf-8")
        try:
            if httpx.get(f"{base}/v1/documents", timeout=5, verify=verify).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{base} did not start: {log.read_text(encoding='utf-8')}")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, 15)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait(10)


@contextmanager
def page_and_workers(data_dir: Path, logs: Path):
    """`policyqa serve` and `policyqa api --workers 2` over ``data_dir``: (page URL, API URL)."""
    page_port, api_port = free_port(), free_port()
    page = _start(["serve", "--port", str(page_port)], data_dir, logs / "page.log")
    api = _start(["api", "--workers", "2", "--port", str(api_port)], data_dir, logs / "api.log")
    try:
        page_url, api_url = f"http://127.0.0.1:{page_port}", f"http://127.0.0.1:{api_port}"
        _wait_ready(page_url, page, logs / "page.log")
        _wait_ready(api_url, api, logs / "api.log")
        yield page_url, api_url, page_port, api_port
    finally:
        _stop(api)
        _stop(page)


def _upload(base: str, path: Path, **kwargs) -> str:
    with path.open("rb") as handle:
        response = httpx.post(f"{base}/v1/documents", files=[("files", (path.name, handle, "text/plain"))],
                              timeout=300, **kwargs)
    assert response.status_code == 200, response.text
    result = response.json()["results"][0]
    assert result["status"] == "已索引", result
    return result["detail"]


def _seconds_until(base: str, answered: bool, tries_for: float = 30.0, **kwargs) -> float:
    """How long until ``base`` answers QUESTION with the new document's figure (or, with ``answered``
    False, no longer does); every API worker behind ``base`` is asked, by asking several times."""
    start = time.monotonic()
    while time.monotonic() - start < tries_for:
        replies = [httpx.post(f"{base}/v1/ask", json=QUESTION, timeout=60, **kwargs).json() for _ in range(4)]
        if all((r["found"] and "417" in r["answer"]) == answered for r in replies):  # gone: no 417 stated
            return time.monotonic() - start
        time.sleep(0.05)
    raise AssertionError(f"{base} did not follow within {tries_for} s: {replies[-1]}")


@pytest.mark.slow
def test_workers_and_the_page_follow_each_other_s_uploads_and_deletions(index_copy, tmp_path):
    source = tmp_path / "ningxiang.txt"
    source.write_text(DOCUMENT, encoding="utf-8")
    with page_and_workers(index_copy.data_dir, tmp_path) as (page, api, _, _):
        assert not httpx.post(f"{page}/v1/ask", json=QUESTION, timeout=60).json()["found"]
        doc_id = _upload(api, source)  # through a worker
        assert _seconds_until(page, True) <= FOLLOW_WITHIN  # answered by the page's process
        assert _seconds_until(api, True) <= FOLLOW_WITHIN  # and by every worker
        deleted = httpx.delete(f"{page}/v1/documents/{doc_id}", timeout=120)  # through the page's process
        assert deleted.status_code == 200, deleted.text
        assert _seconds_until(api, False) <= FOLLOW_WITHIN
        refusal = httpx.post(f"{api}/v1/ask", json=QUESTION, timeout=60).json()
        assert not refusal["found"] and not refusal["citations"], refusal


def _nginx_config(folder: Path, page_port: int, api_port: int) -> tuple[Path, int]:
    """deploy/nginx/ as shipped, with the test's ports, a self-signed certificate and a private prefix."""
    https_port, http_port = free_port(), free_port()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
                   check=True, capture_output=True)
    upstreams = (DEPLOY / "policyqa-upstreams.conf").read_text(encoding="utf-8")
    upstreams = upstreams.replace("127.0.0.1:7860", f"127.0.0.1:{page_port}").replace("127.0.0.1:8000",
                                                                                      f"127.0.0.1:{api_port}")
    site = (DEPLOY / "policyqa-site.conf").read_text(encoding="utf-8")
    for shipped, here in (("listen 80;", f"listen 127.0.0.1:{http_port};"), ("listen [::]:80;", ""),
                          ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
                          ("listen [::]:443 ssl http2;", ""),
                          ("/etc/ssl/certs/policyqa.pem", str(folder / "cert.pem")),
                          ("/etc/ssl/private/policyqa.key", str(folder / "key.pem")),
                          ("/etc/nginx/snippets/policyqa-locations.conf", str(DEPLOY / "policyqa-locations.conf"))):
        assert shipped in site or not shipped, shipped
        site = site.replace(shipped, here)
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / name).mkdir()
    main = folder / "nginx.conf"
    main.write_text(f"""pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy; fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi; scgi_temp_path {folder}/scgi;
    {upstreams}
    {site}
}}
""", encoding="utf-8")
    return main, https_port


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("nginx") is None or shutil.which("openssl") is None,
                    reason="Debian's nginx and openssl are needed")
def test_one_port_behind_the_real_nginx_with_tls(index_copy, tmp_path):
    source = tmp_path / "ningxiang.txt"
    source.write_text(DOCUMENT, encoding="utf-8")
    with page_and_workers(index_copy.data_dir, tmp_path) as (_, _, page_port, api_port):
        config, port = _nginx_config(tmp_path, page_port, api_port)
        nginx = subprocess.Popen(["nginx", "-c", str(config), "-p", str(tmp_path), "-g", "daemon off;"],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            base = f"https://127.0.0.1:{port}"
            _wait_ready(base, nginx, tmp_path / "error.log", verify=False)
            page = httpx.get(f"{base}/", timeout=30, verify=False)
            assert page.status_code == 200 and "gradio" in page.text.lower()  # "/" is the page
            # a change from the page's own origin, as the browser sends it through the proxy, is accepted
            origin = {"Origin": base, "Sec-Fetch-Site": "same-origin"}
            doc_id = _upload(base, source, verify=False, headers=origin)  # "/v1" is the workers
            assert _seconds_until(base, True, verify=False) <= FOLLOW_WITHIN + 1  # one hop more
            # and one from another site is refused by the server behind the proxy
            foreign = httpx.delete(f"{base}/v1/documents/{doc_id}", timeout=60, verify=False,
                                   headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"})
            assert foreign.status_code == 403, foreign.text
            plain = httpx.get(f"http://127.0.0.1:{port}/", timeout=30)
            assert plain.status_code == 400  # the TLS port speaks TLS only
        finally:
            _stop(nginx)


@pytest.mark.slow
def test_the_workers_ask_for_the_same_login_and_serve_no_page(index_copy, tmp_path):
    port = free_port()
    env_log = tmp_path / "api.log"
    proc = subprocess.Popen([sys.executable, "-m", "policyqa", "api", "--workers", "1", "--port", str(port)], cwd=ROOT,
                            env={**os.environ, "POLICYQA_DATA_DIR": str(index_copy.data_dir),
                                 "POLICYQA_AUTH": "alice:secret123"},
                            stdout=env_log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert proc.poll() is None, env_log.read_text(encoding="utf-8")
            try:
                if httpx.get(f"{base}/v1/models", timeout=5).status_code == 401:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        assert httpx.post(f"{base}/v1/ask", json=QUESTION, timeout=30).status_code == 401
        assert httpx.get(f"{base}/v1/documents", auth=("alice", "secret123"), timeout=30).status_code == 200
        bearer = {"Authorization": "Bearer alice:secret123"}
        assert httpx.get(f"{base}/v1/models", headers=bearer, timeout=30).status_code == 200
        assert httpx.get(f"{base}/", auth=("alice", "secret123"), timeout=30).status_code == 404  # no page here
    finally:
        _stop(proc)
