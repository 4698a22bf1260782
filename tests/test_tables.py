"""Tables as data on PDFs written for them (tests/table_pdfs.py): ruled and drawn without lines, a table
the page cuts in two, a header alone at a page's foot, a three-row header, a transposed table in narrow
cells, a table printed as flattened text; each cell with its region, column meaning and unit; the
targets table, compare across two documents, the audit's sums and the answer's quote read them."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from ingest.pipeline import parse_file
from ingest.table_model import read_tables, row_header
from targets.service import TargetService
from tests import table_pdfs


def cells_of(doc, gazetteer):
    return [c for t in read_tables(doc, gazetteer) for c in t.cells]


def cell(cells, row: str, column: str):
    [found] = [c for c in cells if c.row == row and c.column == column]
    return found


@pytest.fixture
def province(tmp_path, gazetteer):
    return parse_file(table_pdfs.unruled_province_pdf(tmp_path / "湖北规划.pdf"), gazetteer)


def test_a_table_without_lines_is_read_row_by_row_with_its_places(province, gazetteer):
    [table] = read_tables(province, gazetteer)  # page 2's part (header printed again) is the same table
    assert table.caption == "表2各市州“十四五”光伏发电发展目标(单位:万千瓦)" and table.unit == "万千瓦"
    assert table.columns == ("序号", "地区", "2020年装机", "2025年目标", "“十四五”新增")
    assert table.levels[2:] == [("2020年", "装机"), ("2025年", "目标"), ("“十四五”", "新增")]
    cells = table.cells
    # short names resolved under the plan's province; a row number on its own line; a label over two lines
    assert cell(cells, "鄂州", "2025年 > 目标").region == "鄂州市"
    assert cell(cells, "黄石", "2020年 > 装机").value == "86.5"
    assert cell(cells, "十堰", "2020年 > 装机").value == "43" and cell(cells, "十堰", "2025年 > 目标").number is None  # "/"
    assert cell(cells, "恩施土家族苗族自治州", "“十四五” > 新增").region == "恩施土家族苗族自治州"
    assert [c.value for c in cells if c.row == "鄂州"] == ["60", "60"]  # the blank 2020 cell stays blank
    total = cell(cells, "合计", "2025年 > 目标")
    assert total.total and total.region == "湖北省" and total.value == "1480"
    assert cell(cells, "其中:分布式", "2025年 > 目标").parent == "合计"
    meanings = {c.column: (c.year, c.kind, c.unit) for c in cells if c.row == "武汉市"}
    assert meanings == {"2020年 > 装机": (2020, "baseline", "万千瓦"), "2025年 > 目标": (2025, "target", "万千瓦"),
                        "“十四五” > 新增": (2025, "increment", "万千瓦")}


def test_a_quote_from_a_table_is_the_row_the_source_prints(province, tmp_path):
    row = cell(cells_of(province, __import__("ingest.regions").regions.Gazetteer.load()), "宜昌", "2025年 > 目标")
    quote = province.text[row.row_start:row.row_end]
    with pdfplumber.open(tmp_path / "湖北规划.pdf") as pdf:
        printed = re.sub(r"\s", "", "".join(page.extract_text() for page in pdf.pages))
    assert re.sub(r"\s", "", quote) in printed
    assert row_header(province, row.row_start) == "序号 地区 2020年 2025年 “十四五” / 装机 目标 新增"


def test_a_ruled_table_with_its_text_off_the_row_lines(tmp_path, gazetteer):
    doc = parse_file(table_pdfs.ruled_offset_pdf(tmp_path / "宜昌方案.pdf"), gazetteer)
    cells = cells_of(doc, gazetteer)
    assert [c.value for c in cells if c.row == "全市"] == ["30.5", "36", "40.2"]  # not the row below's
    assert cell(cells, "伍家岗区", "计划投资 > 2024年").value == "10"
    assert cell(cells, "全市", "计划投资 > 2025年").region == "宜昌市" and cell(cells, "全市", "计划投资 > 2025年").unit == "亿元"
    assert cell(cells, "其中:西陵区", "计划投资 > 2023年").region == "西陵区"


def test_a_table_the_page_cuts_in_two_keeps_its_header(tmp_path, gazetteer):
    doc = parse_file(table_pdfs.split_ruled_pdf(tmp_path / "南昌规划.pdf"), gazetteer)
    cells = cells_of(doc, gazetteer)
    assert len({c.row for c in cells}) == len(table_pdfs.SPLIT_ROWS)
    late = cell(cells, "高新区", "2024—2025年")  # on page 2, under a running header, no header printed again
    assert (late.value, late.year, late.unit) == ("75", 2025, "万吨标准煤")


def test_a_header_alone_at_a_page_foot_and_three_header_rows(tmp_path, gazetteer):
    doc = parse_file(table_pdfs.header_alone_pdf(tmp_path / "浙江规划.pdf"), gazetteer)
    cells = cells_of(doc, gazetteer)
    base = cell(cells, "钱塘江口", "水质目标 > 2020年 > (现状)")
    assert (base.value, base.year, base.kind, base.region) == ("68", 2020, "baseline", "杭州市")
    assert cell(cells, "甬江口", "水质目标 > 2025年 > (目标)").kind == "target"
    assert cell(cells, "甬江口", "水质目标 > 2025年 > (目标)").unit == ""  # "(目标)" is no unit


def test_a_transposed_table_in_narrow_cells(tmp_path, gazetteer):
    doc = parse_file(table_pdfs.transposed_pdf(tmp_path / "珠海方案.pdf"), gazetteer)
    cells = cells_of(doc, gazetteer)
    figure = cell(cells, "2025", "斗门区")  # "10" over "0%" in its narrow cell
    assert (figure.value, figure.region, figure.year, figure.unit) == ("100%", "斗门区", 2025, "%")


def test_a_table_printed_as_flattened_text(tmp_path, gazetteer):
    doc = parse_file(table_pdfs.flattened_province_pdf(tmp_path / "辽宁规划.pdf"), gazetteer)
    cells = cells_of(doc, gazetteer)
    assert cell(cells, "大连", "2025年").region == "大连市" and cell(cells, "大连", "2025年").kind == "target"
    assert [(c.column, c.number) for c in cells if c.row == "阜新"] == [("2020年", None), ("2025年", 60), ("“十四五”新增", 60)]
    assert cell(cells, "合计", "“十四五”新增").value == "249.5"  # 合计 has no row number: aligned right


def test_targets_compare_and_audit_read_the_tables(tmp_path, gazetteer, province):
    city = parse_file(table_pdfs.ruled_offset_pdf(tmp_path / "宜昌方案.pdf"), gazetteer)
    flat = parse_file(table_pdfs.flattened_province_pdf(tmp_path / "辽宁规划.pdf"), gazetteer)
    service = TargetService([province, city, flat], gazetteer)
    yichang = [r for r in service.rows if r.region == "宜昌市" and r.unit == "万千瓦" and r.kind == "target"]
    # the province's table and the city's own plan, each figure with its own document
    assert {(r.value, r.doc_id) for r in yichang} == {(520, province.meta.doc_id), (540, city.meta.doc_id)}
    result = service.compare(yichang[0].indicator, ["宜昌市", "鄂州市"])
    assert {(r.region, r.original) for r in result.rows if r.kind == "target"} >= {
        ("宜昌市", "520万千瓦"), ("宜昌市", "540万千瓦"), ("鄂州市", "60万千瓦")}
    assert any("期限不同" in note for note in result.notes)
    report = service.audit()
    sums = [p for p in report.passed if p.kind == "table_total" and p.doc_id == flat.meta.doc_id]
    assert {p.expected for p in sums} == {"180.5", "430", "249.5"}
    assert {p.expected for p in report.passed if p.kind == "table_total" and p.doc_id == province.meta.doc_id} == {
        "1480", "764.5"}  # 鄂州 prints no 2020 figure: that column's sum is not checked
    assert not [f for f in report.findings if f.kind == "table_total"]


def test_a_total_that_does_not_add_up_is_a_finding(tmp_path, gazetteer):
    path = tmp_path / "辽宁规划.pdf"
    table_pdfs.flattened_province_pdf(path)
    doc = parse_file(path, gazetteer)
    doc.text = doc.text.replace("合计\t180.5\t430", "合计\t180.5\t440")
    [finding] = [f for f in TargetService([doc], gazetteer).audit().findings if f.kind == "table_total"]
    assert (finding.expected, finding.found) == ("440", "430") and "2025年" in finding.detail


def test_a_header_the_page_cuts_in_two(tmp_path, gazetteer):
    """Two header rows at the foot of page 1 (the second one cell across), the third at the top of page
    2 under a running header, then the rows: one header, three levels, each column its place."""
    doc = parse_file(table_pdfs.header_across_pages_pdf(tmp_path / "中山方案.pdf"), gazetteer)
    [table] = read_tables(doc, gazetteer)
    assert table.levels[1] == ("具体目标", "绿色建筑占比(%)", "全市")
    whole = cell(table.cells, "2025年", "具体目标 > 绿色建筑占比(%) > 全市")
    assert (whole.value, whole.total, whole.year, whole.unit) == ("100", True, 2025, "%")
    assert cell(table.cells, "2023年", "具体目标 > 绿色建筑占比(%) > 火炬开发区").region == "火炬开发区"


def test_a_header_of_bare_years():
    from ingest.structure import split_sections

    text = "表1 主要指标\n指标\t2020\t2025\t2030\n光伏装机(万千瓦)\t1580\t4200\t7000\n"
    _, blocks = split_sections(text)
    assert [b.kind for b in blocks if b.kind != "text"] == ["caption", "header", "row"]
    assert [b for b in blocks if b.kind == "row"][0].columns == ("指标", "2020", "2025", "2030")


@pytest.mark.slow
def test_the_chat_answers_from_a_table_and_compares_across_documents(tmp_path, e5):
    """A city's figure from its province's per-city table, quoted as its row with the header apart;
    "比较…" puts the province's table beside the city's own plan, each figure cited."""
    from policyqa.app import ingest_paths, load_assistant
    from policyqa.settings import Settings

    folder = tmp_path / "files"
    folder.mkdir()
    table_pdfs.unruled_province_pdf(folder / "湖北规划.pdf")
    table_pdfs.ruled_offset_pdf(folder / "宜昌方案.pdf")
    settings = Settings.from_env(data_dir=tmp_path / "data", embedding="e5")
    assert not ingest_paths([folder], settings, embeddings=e5).errors
    assistant = load_assistant(settings)

    answer = assistant.ask("鄂州市“十四五”光伏发电装机目标是多少？")
    assert answer.found and "60万千瓦" in answer.answer.split("\n")[0] and "1480" not in answer.answer
    [cited] = answer.citations
    assert cited.quote == "5\t鄂州\t\t60\t60" and cited.header.startswith("序号 地区 2020年 2025年")
    assert "表头：" in answer.answer

    compared = assistant.ask("比较武汉市和宜昌市的光伏发电目标")
    assert compared.found
    for figure in ("250万千瓦", "520万千瓦", "540万千瓦"):
        assert figure in compared.answer
    quotes = [c.quote for c in compared.citations]
    assert "4\t宜昌\t310\t520\t210" in quotes and any("540万千瓦" in q for q in quotes)
