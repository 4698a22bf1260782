"""A hostile web page on another localhost port, opened in a real browser (Debian's chromium through
Playwright): it tries to upload a document with invented figures and to delete one on a policyqa server,
the way a page an official visits could. What the server answered each request is read from the network."""

from __future__ import annotations

import http.server
import shutil
import threading
from functools import partial
from pathlib import Path

BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>attacker</title></head><body>
<form id="f" method="post" enctype="multipart/form-data" action="{server}/v1/documents" target="sink">
<input type="file" name="files" id="file"></form><iframe name="sink"></iframe>
<script>
async function attack() {{
  const form = new FormData();
  form.append("files", new Blob(["关于印发《某区节能方案》的通知\\n到2025年底,创建绿色工厂999家。"], {{type: "text/plain"}}), "invented.txt");
  try {{ await fetch("{server}/v1/documents", {{method: "POST", body: form, mode: "no-cors", credentials: "include"}}); }} catch (e) {{}}
  try {{ await fetch("{server}/v1/documents/{doc_id}", {{method: "DELETE", credentials: "include"}}); }} catch (e) {{}}
  document.title = "done";
}}
attack();
</script></body></html>"""


def chromium_path() -> str | None:
    return shutil.which("chromium") or (str(Path("/usr/bin/chromium")) if Path("/usr/bin/chromium").exists() else None)


def run_attacker_page(server_url: str, doc_id: str, work: Path) -> dict:
    """Open the hostile page on a port of its own (same host, so same-site but another origin) and
    return what the server answered its upload and its deletion ("blocked" when the browser, told by
    the server's CORS policy, never sent the request)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise RuntimeError("Debian chromium is missing (apt-get install chromium)")
    folder = work / "attacker"
    folder.mkdir(exist_ok=True)
    (folder / "index.html").write_text(PAGE.format(server=server_url.rstrip("/"), doc_id=doc_id), encoding="utf-8")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    answered: dict[str, object] = {"POST": "not sent", "DELETE": "blocked by the browser"}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
            page = browser.new_page()
            page.on("response", lambda r: answered.__setitem__(r.request.method, r.status)
                    if r.url.startswith(server_url.rstrip("/") + "/v1/documents") else None)
            page.goto(f"http://127.0.0.1:{site.server_port}/index.html")
            page.wait_for_function("document.title === 'done'", timeout=30000)
            browser.close()
    finally:
        site.shutdown()
    answered["server_refused"] = answered["POST"] == 403 and answered["DELETE"] in (403, "blocked by the browser")
    return answered
