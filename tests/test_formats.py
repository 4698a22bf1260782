"""Saved web pages and Excel attachments read like the PDFs: the article without the site's chrome,
tables as tables, a 分工表 sheet giving tasks; each broken file a clear message naming it."""

from __future__ import annotations

import pytest

from ingest.pipeline import parse_file
from ingest.readers import OLE2_MAGIC, IngestError, read_text, sniff_type
from rules.tasks import extract_tasks

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>关于印发芜湖市工业节能降碳实施方案的通知_通知公告_芜湖市人民政府</title></head>
<body><div class="header"><a href="/">芜湖市人民政府</a><div class="search">搜索</div></div>
<div id="nav"><ul><li><a>首页</a></li><li><a>政务公开</a></li><li><a>嘉定区</a></li><li><a>杭州市</a></li></ul></div>
<div class="position">当前位置：首页 &gt; 通知公告</div>
<div class="main"><div class="content">
<h1>关于印发芜湖市工业节能降碳实施方案的通知</h1>
<p>芜政办〔2023〕12号</p>
<p>各县市区人民政府，市政府各部门：</p>
<p>现将《芜湖市工业节能降碳实施方案》印发给你们，请认真贯彻执行。</p>
<p>一、主要目标</p>
<p>到2025年，全市创建绿色工厂30家，规模以上工业单位增加值能耗下降15%。</p>
<p>二、重点任务分工</p>
<table><tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>完成时限</th></tr>
<tr><td>1</td><td>开展重点企业节能诊断</td><td>市经信局</td><td>2023年底前</td></tr>
<tr><td>2</td><td>推广屋顶分布式光伏</td><td>市发改委</td><td>2024年6月底前</td></tr></table>
<p>芜湖市人民政府办公室</p><p>2023年3月1日</p>
</div>
<div class="bdshare">分享到：微信 微博</div>
<div class="related-links"><h3>相关链接</h3><a>上海市人民政府</a><a>江苏省人民政府</a><a>浙江省人民政府</a></div></div>
<div class="footer">版权所有：芜湖市人民政府办公室 地址：芜湖市政务中心</div></body></html>
"""


def test_a_saved_web_page_is_its_article(tmp_path, gazetteer):
    path = tmp_path / "notice.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = parse_file(path, gazetteer)
    for chrome in ("分享到", "相关链接", "版权所有", "当前位置", "嘉定区", "杭州市", "江苏省"):
        assert chrome not in doc.text, chrome
    assert "开展重点企业节能诊断\t市经信局\t2023年底前" in doc.text  # the table kept as rows
    assert doc.meta.doc_number == "芜政办〔2023〕12号" and doc.meta.region == "芜湖市"
    assert [e.region for e in doc.meta.scope] == ["芜湖市"]
    tasks = extract_tasks(doc)
    assert [(t.task, t.lead, t.deadline) for t in tasks] == [
        ("开展重点企业节能诊断", ("市经信局",), "2023-12-31"), ("推广屋顶分布式光伏", ("市发展改革委",), "2024-06-30")]


def _division_sheet(path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "蚌埠市2023年节能重点任务分工表"
    sheet.append(["序号", "重点任务", "牵头单位", "配合单位", "完成时限"])
    sheet.append([1, "完成重点用能单位能源审计", "市发展和改革委员会", "市统计局", "2023年9月底前"])
    sheet.append([2, "开展工业企业节能监察", "市经信局", "市市场监管局、市生态环境局", "2023年第四季度"])
    sheet.append([None, None, None, None, None])
    sheet.append([3, "推进公共机构节能改造", "市机关事务管理局", "", "长期坚持"])
    targets = book.create_sheet("目标分解表")
    targets.append(["县区", "绿色工厂(家)", "节能诊断(家)"])
    targets.append(["龙子湖区", 5, 20])
    targets.append(["禹会区", 3, 12])
    book.save(path)
    return path


def test_an_excel_division_of_tasks_gives_tasks(tmp_path, gazetteer):
    doc = parse_file(_division_sheet(tmp_path / "附件1 任务分工表.xlsx"), gazetteer)
    assert "完成重点用能单位能源审计\t市发展和改革委员会\t市统计局\t2023年9月底前" in doc.text
    tasks = extract_tasks(doc)
    assert [(t.task, t.lead, t.support, t.deadline) for t in tasks] == [
        ("完成重点用能单位能源审计", ("市发展改革委",), ("市统计局",), "2023-09-30"),
        ("开展工业企业节能监察", ("市经信局",), ("市市场监管局", "市生态环境局"), "2023-12-31"),
        ("推进公共机构节能改造", ("市机管局",), (), "ongoing"),
    ]
    assert "龙子湖区\t5\t20" in doc.text  # the second sheet, a table under its own caption


@pytest.mark.parametrize("name, content, problem", [
    ("broken.xlsx", b"PK\x03\x04" + b"xl/worksheets" + b"\x00" * 200, "broken.xlsx: the XLSX file cannot be opened"),
    ("empty.html", b"<!DOCTYPE html><html><body><div class='nav'><a>\xe9\xa6\x96\xe9\xa1\xb5</a></div></body></html>",
     "empty.html: the web page holds no article text"),
    ("plan.xlsx", "关于印发方案的通知".encode(), "plan.xlsx: named .xlsx but its content is TXT"),
])
def test_a_broken_file_is_named_with_its_problem(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError) as error:
        read_text(path)
    assert str(error.value).startswith(problem)


def test_types_by_content():
    assert sniff_type(b"\xef\xbb\xbf<!doctype html><html>") == ".html"
    assert sniff_type("<p>不是网页的开头</p>".encode()) == ".txt"


def _word_doc(folder):
    """A real .doc: a python-docx file saved as Word 97-2003 by LibreOffice, as offices' old templates are."""
    import subprocess

    from docx import Document

    from ingest.word_doc import soffice_command

    soffice = soffice_command()
    if soffice is None:
        pytest.fail("LibreOffice is missing: `make test` installs it (apt-get install libreoffice-writer-nogui)")
    document = Document()
    for line in ("关于印发蚌埠市2023年节能工作要点的通知", "蚌政办〔2023〕7号", "一、工作目标",
                 "全市单位地区生产总值能耗下降3.2%，完成省下达的能耗双控任务。", "二、重点任务"):
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells,
                          ("重点任务", "牵头单位", "完成时限", "开展重点用能单位节能监察", "市发展改革委", "2023年10月底前")):
        cell.text = text
    document.add_paragraph("蚌埠市人民政府办公室")  # LibreOffice's .doc export drops a table that ends the file
    document.save(folder / "source.docx")
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(folder), str(folder / "source.docx")],
                   check=True, capture_output=True, timeout=180)
    return folder / "source.doc"


def test_a_legacy_word_file_is_read_through_libreoffice(tmp_path, gazetteer):
    path = _word_doc(tmp_path)
    assert path.read_bytes()[:8] == OLE2_MAGIC and sniff_type(path.read_bytes()) == ".doc"
    doc = parse_file(path, gazetteer)
    assert "全市单位地区生产总值能耗下降3.2%" in doc.text
    assert "二、重点任务\n重点任务\t牵头单位\t完成时限\n开展重点用能单位节能监察\t市发展改革委\t2023年10月底前\n" in doc.text
    assert doc.meta.doc_number == "蚌政办〔2023〕7号" and doc.meta.region == "蚌埠市"


def test_a_legacy_word_file_without_libreoffice_says_what_to_install(tmp_path, monkeypatch):
    path = tmp_path / "source.doc"
    path.write_bytes(OLE2_MAGIC + "WordDocument".encode("utf-16-le") + b"\x00" * 600)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    with pytest.raises(IngestError) as error:
        read_text(path)
    assert str(error.value).startswith("source.doc: a .doc file needs LibreOffice")


def test_a_damaged_legacy_word_file_is_named(tmp_path):
    path = tmp_path / "damaged.doc"
    path.write_bytes(OLE2_MAGIC + "WordDocument".encode("utf-16-le") + b"\x00" * 600)
    with pytest.raises(IngestError) as error:
        read_text(path)
    assert str(error.value).startswith("damaged.doc: LibreOffice could not convert it")
