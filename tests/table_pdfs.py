"""Real PDFs with per-region tables, drawn the way real plans print them (reportlab, STSong-Light): cells
placed by position with no ruling lines, a caption, a unit line, a two-row header, a row number on its
own line, a label broken over two lines, 合计 and 其中 rows, blank and "/" cells, a table that runs on
to the next page with its header printed again; and a ruled table whose text sits off its row lines."""

from __future__ import annotations

from pathlib import Path

from tests.pdfs import FONT, _styles

PAGE_W, PAGE_H = 595, 842
LEFT = 60


def _canvas(path: Path):
    from reportlab.pdfgen import canvas

    _styles()
    return canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))


def _cells(c, y: float, columns: list[float], cells: list[str], size: float = 10.5) -> None:
    """Cells drawn centred on their column's x, as a word processor centres table cells."""
    c.setFont(FONT, size)
    for x, text in zip(columns, cells):
        if text:
            c.drawCentredString(x, y, text)


# 序号 | 地区 | 2020年装机 | 2025年目标 | "十四五"新增
PROVINCE_COLUMNS = [78, 150, 260, 370, 480]
PROVINCE_ROWS = [
    ("1", "武汉市", "120", "250", "130"), ("2", "黄石", "86.5", "200", "113.5"), ("3", "十堰", "43", "/", "—"),
    ("4", "宜昌", "310", "520", "210"), ("5", "鄂州", "", "60", "60"), ("6", "荆门", "75", "180", "105"),
    ("7", "孝感", "52", "130", "78"), ("8", "神农架林区", "12", "45", "33"),
]


def unruled_province_pdf(path: Path) -> Path:
    """A province's plan (湖北省, its cities named short as the table prints them: 黄石, 鄂州): prose, then
    表2 of its cities' solar targets with no ruling lines, running on to page 2 (header printed again),
    a row number on its own line, a label over two lines, a 合计 and a 其中 row, prose after."""
    c = _canvas(path)
    c.setFont(FONT, 16)
    c.drawCentredString(PAGE_W / 2, 780, "湖北省“十四五”可再生能源发展规划")
    c.setFont(FONT, 11)
    c.drawString(LEFT, 750, "湖北省发展和改革委员会 湖北省能源局")
    c.drawString(LEFT, 730, "三、发展目标")
    c.drawString(LEFT, 712, "到2025年，全省光伏发电装机容量达到1480万千瓦，各市目标见表2。")
    c.drawCentredString(PAGE_W / 2, 690, "表2 各市州“十四五”光伏发电发展目标")
    c.drawRightString(PAGE_W - LEFT, 672, "单位：万千瓦")
    header = [("序号", "地区", "2020年", "2025年", "“十四五”"), ("", "", "装机", "目标", "新增")]

    def draw_header(top: float) -> float:
        _cells(c, top, PROVINCE_COLUMNS, list(header[0]))
        _cells(c, top - 14, PROVINCE_COLUMNS, list(header[1]))
        return top - 34

    y = draw_header(650)
    for number, region, *values in PROVINCE_ROWS[:6]:
        if region == "十堰":  # the row number printed on its own line, the row below it
            _cells(c, y, PROVINCE_COLUMNS, [number])
            y -= 14
            _cells(c, y, PROVINCE_COLUMNS, ["", region, *values])
        else:
            _cells(c, y, PROVINCE_COLUMNS, [number, region, *values])
        y -= 22
    c.setFont(FONT, 9)
    c.drawCentredString(PAGE_W / 2, 40, "— 8 —")
    c.showPage()
    y = draw_header(780)
    for number, region, *values in PROVINCE_ROWS[6:]:
        _cells(c, y, PROVINCE_COLUMNS, [number, region, *values])
        y -= 22
    # a label too long for its column, broken over two lines around its figures' line
    _cells(c, y + 6, PROVINCE_COLUMNS, ["9", "恩施土家族"])
    _cells(c, y - 6, PROVINCE_COLUMNS, ["", "", "60", "95", "35"])
    _cells(c, y - 18, PROVINCE_COLUMNS, ["", "苗族自治州"])
    y -= 40
    _cells(c, y, PROVINCE_COLUMNS, ["", "合计", "758.5", "1480", "764.5"])
    y -= 22
    _cells(c, y, PROVINCE_COLUMNS, ["", "其中：分布式", "240", "560", "320"])
    c.setFont(FONT, 11)
    c.drawString(LEFT, y - 40, "四、重点任务")
    c.drawString(LEFT, y - 60, "各市州要按照目标分解，加快推进光伏发电项目建设。")
    c.setFont(FONT, 9)
    c.drawCentredString(PAGE_W / 2, 40, "— 9 —")
    c.showPage()
    c.save()
    return path


CITY_COLUMNS = [90, 190, 300, 410, 500]


def ruled_offset_pdf(path: Path) -> Path:
    """A city's per-district investment table with ruling lines and a two-level header whose top cell
    spans three columns, its text printed a little below each row's middle (as some producers do), a
    全市 row and a 其中 row."""
    c = _canvas(path)
    c.setFont(FONT, 16)
    c.drawCentredString(PAGE_W / 2, 780, "宜昌市节能降碳专项行动方案（2023—2025年）")
    c.setFont(FONT, 11)
    c.drawString(LEFT, 740, "二、投资安排")
    c.drawCentredString(PAGE_W / 2, 712, "表1 各区节能降碳投资计划（亿元）")
    edges_x = [LEFT, 140, 245, 355, 465, 535]
    top, row_h = 700, 24
    rows = [("区县", "计划投资", "", "", "备注"), ("", "2023年", "2024年", "2025年", ""),
            ("全市", "30.5", "36", "40.2", ""), ("其中：西陵区", "12", "14.5", "15", "含新区"),
            ("伍家岗区", "8.5", "10", "11.2", ""), ("点军区", "10", "11.5", "14", "")]
    bottom = top - row_h * len(rows)
    c.setLineWidth(0.5)
    for x in edges_x:
        if x in (245, 355):  # inside the merged 计划投资 cell the vertical lines start one row down
            c.line(x, bottom, x, top - row_h)
        else:
            c.line(x, bottom, x, top)
    for i in range(len(rows) + 1):
        y = top - row_h * i
        c.line(edges_x[0] if i != 1 else 140, y, edges_x[-1] if i != 1 else 465, y)
    for i, cells in enumerate(rows):
        y = top - row_h * i - row_h / 2 - 9  # 9 pt low: the glyphs cross the row's lower line
        centres = [100, 192, 300, 410, 500]
        if i == 0:
            _cells(c, y, [100, 300, 0, 0, 500], [cells[0], cells[1], "", "", cells[4]])
        else:
            _cells(c, y, centres, list(cells))
    c.drawString(LEFT, bottom - 30, "三、保障措施")
    c.drawString(LEFT, bottom - 50, "到2025年，全市光伏发电装机容量达到540万千瓦。")
    c.showPage()
    c.save()
    return path


SPLIT_ROWS = [(f"{i + 1}", name, f"{10 + i * 3}", f"{20 + i * 5}") for i, name in enumerate(
    ["东湖区", "西湖区", "青云谱区", "湾里区", "青山湖区", "新建区", "红谷滩区", "南昌县", "安义县", "进贤县",
     "经开区", "高新区"])]


def split_ruled_pdf(path: Path) -> Path:
    """A ruled per-district table that the page cuts in two: its caption and header at the foot of page 1
    with three rows, the other rows on page 2 under a running header, no header printed again."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body, title = _styles()
    grid = TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    story = [Paragraph("南昌市“十四五”节能降碳规划", title)]
    story += [Paragraph("南昌市坚持节约优先，推进重点领域节能降碳，各区县要压实责任，确保完成目标任务。" * 3, body)
              for _ in range(9)]
    story += [Spacer(1, 8), Paragraph("表3 各区县“十四五”节能量目标（万吨标准煤）", body),
              Table([["序号", "区县", "2021—2023年", "2024—2025年"], *SPLIT_ROWS], style=grid, repeatRows=0),
              Spacer(1, 8), Paragraph("四、保障措施", body)]

    def running_header(canvas, doc):
        canvas.setFont(FONT, 9)
        canvas.drawString(60, 810, "南昌市“十四五”节能降碳规划")

    SimpleDocTemplate(str(path), pagesize=(PAGE_W, PAGE_H)).build(story, onLaterPages=running_header)
    return path


def transposed_pdf(path: Path) -> Path:
    """Years down the side, the city and its districts across the top, in narrow ruled cells that break
    each figure over two lines ("10" / "0%")."""
    c = _canvas(path)
    c.setFont(FONT, 14)
    c.drawCentredString(PAGE_W / 2, 780, "珠海市绿色建筑创建行动方案（2022—2025年）")
    c.setFont(FONT, 11)
    c.drawString(LEFT, 750, "二、创建目标")
    c.drawString(LEFT, 732, "城镇新建民用建筑中绿色建筑占比目标如下表。")
    edges = [LEFT, 120, 165, 215, 265, 315]
    places = ["年份", "全市", "香洲区", "斗门区", "金湾区"]
    years = [("2022", ["80%", "85%", "75%", "70%"]), ("2023", ["90%", "95%", "85%", "80%"]),
             ("2025", ["100%", "100%", "100%", "95%"])]
    top, row_h = 715, 30
    bottom = top - row_h * (len(years) + 1)
    c.setLineWidth(0.5)
    for x in edges:
        c.line(x, bottom, x, top)
    for i in range(len(years) + 2):
        c.line(edges[0], top - row_h * i, edges[-1], top - row_h * i)
    c.setFont(FONT, 10)
    for x0, x1, text in zip(edges, edges[1:], places):
        c.drawCentredString((x0 + x1) / 2, top - 19, text)
    for i, (year, values) in enumerate(years, 1):
        y = top - row_h * i
        c.drawCentredString((edges[0] + edges[1]) / 2, y - 19, year)
        for x0, x1, value in zip(edges[1:], edges[2:], values):
            head, tail = value[:2], value[2:]  # too narrow: the figure wraps
            c.drawCentredString((x0 + x1) / 2, y - 13, head)
            c.drawCentredString((x0 + x1) / 2, y - 24, tail)
    c.drawString(LEFT, bottom - 30, "三、重点任务")
    c.showPage()
    c.save()
    return path


def flattened_province_pdf(path: Path) -> Path:
    """The same kind of per-city table printed as plain text runs, one string a row with single spaces
    between its cells (as some converters write a table): only the text says where cells are."""
    c = _canvas(path)
    c.setFont(FONT, 14)
    c.drawCentredString(PAGE_W / 2, 780, "辽宁省“十四五”新能源发展规划")
    lines = ["三、发展目标", "到2025年，全省风电装机容量达到900万千瓦。", "表4 各市“十四五”风电发展目标", "单位：万千瓦",
             "序号 地区 2020年 2025年 “十四五”新增", "1 沈阳 100 220 120", "2 大连 80.5 150 69.5", "3 阜新 / 60 60",
             "合计 180.5 430 249.5", "四、重点任务", "各市要加快推进风电项目建设。"]
    c.setFont(FONT, 11)
    for i, line in enumerate(lines):
        c.drawString(LEFT, 740 - 20 * i, line)
    c.showPage()
    c.save()
    return path


def _ruled_rows(c, top: float, edges: list[float], rows: list[list[str]], row_h: float = 22) -> float:
    """Rows of a ruled table drawn from ``top`` down, each cell centred; the bottom returned."""
    bottom = top - row_h * len(rows)
    c.setLineWidth(0.5)
    for x in edges:
        c.line(x, bottom, x, top)
    for i in range(len(rows) + 1):
        c.line(edges[0], top - row_h * i, edges[-1], top - row_h * i)
    c.setFont(FONT, 10)
    for i, cells in enumerate(rows):
        for x0, x1, text in zip(edges, edges[1:], cells):
            c.drawCentredString((x0 + x1) / 2, top - row_h * i - 15, text)
    return bottom


def header_alone_pdf(path: Path) -> Path:
    """A ruled table whose caption and three-row header are the last things on page 1; all its rows
    are on page 2, under a running header."""
    c = _canvas(path)
    c.setFont(FONT, 14)
    c.drawCentredString(PAGE_W / 2, 780, "浙江省“十四五”海洋生态环境保护规划")
    c.setFont(FONT, 11)
    for i in range(24):
        c.drawString(LEFT, 740 - 24 * i, "坚持陆海统筹，强化入海河流治理，持续改善近岸海域水质。" * 2)
    c.drawCentredString(PAGE_W / 2, 150, "表2 入海河流断面水质目标")
    edges = [LEFT, 200, 300, 400, 535]
    _ruled_rows(c, 135, edges, [["断面名称", "水质目标", "", "责任城市"], ["", "2020年", "2025年", ""],
                                ["", "(现状)", "(目标)", ""]])
    c.showPage()
    c.setFont(FONT, 9)
    c.drawString(LEFT, 810, "浙江省海洋生态环境保护规划")
    _ruled_rows(c, 790, edges, [["钱塘江口", "68", "75", "杭州市"], ["甬江口", "70.5", "80", "宁波市"],
                                ["瓯江口", "72", "/", "温州市"]])
    c.setFont(FONT, 11)
    c.drawString(LEFT, 700, "三、重点任务")
    c.showPage()
    c.save()
    return path


def header_across_pages_pdf(path: Path) -> Path:
    """A ruled table of years by district whose three-row header begins at the foot of page 1 (two rows)
    and ends at the top of page 2 (its third row, the districts), the rows following."""
    c = _canvas(path)
    c.setFont(FONT, 14)
    c.drawCentredString(PAGE_W / 2, 780, "中山市绿色建筑发展行动方案（2023—2025年）")
    c.setFont(FONT, 11)
    for i in range(26):
        c.drawString(LEFT, 740 - 24 * i, "推动城镇新建建筑全面执行绿色建筑标准，逐步提高星级绿色建筑占比。")
    c.drawCentredString(PAGE_W / 2, 104, "表1 创建目标")
    edges = [LEFT, 130, 230, 330, 430, 535]
    _ruled_rows(c, 92, edges, [["年份", "具体目标", "", "", ""], ["", "绿色建筑占比（%）", "", "", ""]])
    c.showPage()
    c.setFont(FONT, 9)
    c.drawString(LEFT, 810, "中山市绿色建筑发展行动方案")
    _ruled_rows(c, 790, edges, [["", "全市", "石岐街道", "东区街道", "火炬开发区"],
                                ["2023年", "85", "90", "88", "80"], ["2025年", "100", "100", "100", "95"]])
    c.setFont(FONT, 11)
    c.drawString(LEFT, 700, "二、重点任务")
    c.showPage()
    c.save()
    return path
