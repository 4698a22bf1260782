"""End to end in a real browser: Debian's chromium driven by Playwright against `policyqa serve`.

Screenshots go to tests/artifacts/ (ignored by git).
"""

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.pdfs import policy_pdf
from tests.servers import free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BOT = "[data-testid='bot']"
pytestmark = pytest.mark.slow


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:  # answering, with a login required
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


@pytest.fixture
def server(index_copy):
    port = free_port()
    env = dict(os.environ, POLICYQA_DATA_DIR=str(index_copy.data_dir))
    proc = subprocess.Popen([sys.executable, "-m", "policyqa", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: `make test` installs it (apt-get install chromium)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.dialogs = dialogs
        yield page
        browser.close()


def ask(page, question: str, expect: str):
    before = page.locator(BOT).count()
    box = page.locator("#chat-input textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(f"document.querySelectorAll(\"{BOT}\").length > {before}", timeout=90000)
    page.locator(BOT).last.get_by_text(expect, exact=False).first.wait_for(timeout=90000)


def test_an_official_asks_follows_up_checks_the_source_and_adds_a_file(server, browser_page, tmp_path):
    page = browser_page
    page.goto(server, wait_until="domcontentloaded")
    page.locator("#chat-input textarea").wait_for(timeout=90000)

    ask(page, "嘉定区节能诊断方案每年不少于多少项？", "150项")
    citation = page.get_by_text("[1] 《嘉定区推进工业和通信业节能降碳", exact=False).last
    citation.click()
    clause = page.locator("details[open] mark").last
    clause.wait_for(timeout=10000)
    assert "年度不低于150项节能诊断方案" in clause.inner_text()
    page.screenshot(path=str(ARTIFACTS / "1-answer-with-clause.png"), full_page=True)

    ask(page, "嘉定区到2025年要创建多少家绿色工厂？", "50家")
    ask(page, "那嘉兴市呢？", "嘉工业强市办")
    last = page.locator(BOT).last.inner_text()
    assert "嘉兴市" in last and "50家" in last
    page.screenshot(path=str(ARTIFACTS / "2-follow-up.png"), full_page=True)

    pdf = policy_pdf(tmp_path / "闵行区方案.pdf", region="闵行区", number="闵经〔2023〕9号", figure="164")
    page.get_by_role("tab", name="文件库").click()
    page.locator("#upload-files input[type=file]").set_input_files(str(pdf))
    page.get_by_role("button", name="上传并索引").click()
    page.locator("#upload-results").get_by_text("已索引", exact=True).first.wait_for(state="attached", timeout=180000)
    page.screenshot(path=str(ARTIFACTS / "3-library.png"), full_page=True)

    page.get_by_role("tab", name="政策问答").click()
    ask(page, "闵行区到2025年底要完成多少项节能技术改造项目？", "164项")
    page.screenshot(path=str(ARTIFACTS / "4-uploaded-answer.png"), full_page=True)
    assert not page.dialogs


def test_document_text_is_shown_escaped(server, browser_page, tmp_path):
    page = browser_page
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("上海市宝山区经济委员会\n宝经〔2023〕3号\n关于印发《宝山区节能工作方案(2023-2025)》的通知\n"
                       "一、工作目标\n到2025年底,创建绿色工厂7家<script>alert('x')</script>[点我](http://example.invalid)<img src=x onerror=alert(2)>。\n",
                       encoding="utf-8")
    page.goto(server, wait_until="domcontentloaded")
    page.get_by_role("tab", name="文件库").click()
    page.locator("#upload-files input[type=file]").set_input_files(str(hostile))
    page.get_by_role("button", name="上传并索引").click()
    page.locator("#upload-results").get_by_text("已索引", exact=True).first.wait_for(state="attached", timeout=180000)
    page.get_by_role("tab", name="政策问答").click()
    ask(page, "宝山区到2025年底要创建多少家绿色工厂？", "7家")
    page.get_by_text("[1] 《宝山区节能工作方案", exact=False).last.click()
    page.wait_for_timeout(1000)
    bot = page.locator(BOT).last
    assert "<script>alert('x')</script>" in bot.inner_text()
    assert bot.locator("a[href*='example.invalid']").count() == 0
    assert bot.locator("script, img[onerror]").count() == 0
    assert not page.dialogs


def test_login_is_required_when_serving_beyond_loopback(index_copy, browser_page):
    """With POLICYQA_AUTH the page asks for a login that shows nothing of the library; a person logs in on
    the form and asks; a program logs in as gradio_client does."""
    from gradio_client import Client

    port = free_port()
    env = dict(os.environ, POLICYQA_DATA_DIR=str(index_copy.data_dir), POLICYQA_AUTH="ann:s3cret")
    proc = subprocess.Popen([sys.executable, "-m", "policyqa", "serve", "--host", "0.0.0.0", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url)
        with pytest.raises(Exception):
            Client(url, verbose=False).predict("嘉定区节能诊断方案每年不少于多少项？", "", "", api_name="/chat")
        client = Client(url, auth=("ann", "s3cret"), verbose=False)
        assert "150项" in client.predict("嘉定区节能诊断方案每年不少于多少项？", "", "", api_name="/chat")

        page = browser_page
        page.goto(url, wait_until="domcontentloaded")
        assert page.url.endswith("/login")
        shown = page.content()
        assert "用户名" in shown and not any(doc_id in shown for doc_id in ("000_3537c126d58e65da", "嘉定区", "/v1"))
        page.fill("#username", "ann")
        page.fill("#password", "wrong")
        page.click("button[type=submit]")
        page.get_by_text("用户名或密码不对").wait_for(timeout=10000)
        page.fill("#username", "ann")
        page.fill("#password", "s3cret")
        page.click("button[type=submit]")
        page.locator("#chat-input textarea").wait_for(timeout=90000)
        ask(page, "嘉定区节能诊断方案每年不少于多少项？", "150项")
        page.screenshot(path=str(ARTIFACTS / "6-after-login.png"), full_page=True)
        assert not page.dialogs
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_department_sees_its_tasks_and_exports_them(server, browser_page, index_copy):
    """「任务分工」: pick a unit from the documents' own list, see its tasks soonest first with the overdue
    ones marked, download the Excel file (the same tasks as `policyqa tasks --json`), and ask the chat."""
    import json
    from io import BytesIO

    from openpyxl import load_workbook

    page = browser_page
    page.goto(server, wait_until="domcontentloaded")
    page.get_by_role("tab", name="任务分工").click()
    box = page.locator("#task-department input")
    box.fill("区经委")
    box.press("Enter")
    page.locator("#task-as-of textarea, #task-as-of input").first.fill("2026-01-01")
    page.locator("#task-go").click()
    page.locator("#task-summary").get_by_text("区经委", exact=False).wait_for(timeout=60000)
    table = page.locator("#task-table")
    table.get_by_text("推进企业能源审计", exact=False).first.wait_for(timeout=30000)
    assert table.get_by_text("⚠ 已逾期", exact=False).count() > 0
    page.screenshot(path=str(ARTIFACTS / "5-tasks.png"), full_page=True)

    link = page.locator("#task-xlsx a").first
    link.wait_for(timeout=30000)
    href = link.get_attribute("href")
    with urllib.request.urlopen(href if href.startswith("http") else server.rstrip("/") + href) as response:
        sheet = load_workbook(BytesIO(response.read())).active
    listed = subprocess.run([sys.executable, "-m", "policyqa", "tasks", "--department", "区经委", "--as-of", "2026-01-01",
                             "--json", "--data-dir", str(index_copy.data_dir)], capture_output=True, text=True, cwd=ROOT)
    tasks = json.loads(listed.stdout)["tasks"]
    assert tasks and [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [t["id"] for t in tasks]
    deadlines = [t["deadline"] for t in tasks if t["deadline"] not in (None, "ongoing")]
    assert deadlines == sorted(deadlines)

    page.get_by_role("tab", name="政策问答").click()
    ask(page, "区经委在这些文件里牵头哪些任务？", "推进企业能源审计")
    assert not page.dialogs
