"""Real Chinese PDFs for tests, made with reportlab's STSong-Light CID font."""

from __future__ import annotations

from pathlib import Path

FONT = "STSong-Light"


def _styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    body = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=16, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=22)
    return body, title


def policy_pdf(path: Path, *, region: str = "松江区", number: str = "松经〔2023〕7号", figure: str = "120",
               encrypt: str | None = None) -> Path:
    """A small policy notice: header, 文号, headings, a target sentence and a target table."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body, title = _styles()
    story = [
        Paragraph(f"上海市{region}经济委员会文件", title),
        Paragraph(number, body),
        Paragraph(f"关于印发《{region}工业节能降碳工作方案(2023-2025)》的通知", title),
        Paragraph("各街镇、相关单位:", body),
        Paragraph("现将方案印发给你们,请遵照执行。", body),
        Paragraph(f"上海市{region}经济委员会", body),
        Paragraph("2023年3月15日", body),
        Spacer(1, 12),
        Paragraph("一、工作目标", body),
        Paragraph(f"到2025年底,全区完成节能技术改造项目{figure}项,新增屋顶光伏装机容量8万千瓦。", body),
        Paragraph("二、重点任务", body),
        Paragraph("(一)推进能源审计", body),
        Paragraph("2023年9月底前,年综合能耗3000吨标准煤及以上的重点用能单位完成能源审计。(牵头部门:区经委)", body),
        Spacer(1, 12),
        Paragraph("表1 分年度目标", body),
    ]
    table = Table(
        [["年度", "节能改造项目(项)", "光伏装机(万千瓦)"], ["2023年", "30", "2"], ["2024年", "40", "3"], ["2025年", "50", "3"]],
        style=TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]),
    )
    story.append(table)
    doc = SimpleDocTemplate(str(path), pagesize=A4, encrypt=encrypt)
    doc.build(story)
    return path


def partly_scanned_pdf(path: Path) -> Path:
    """One page of text followed by one page with only a drawing."""
    from reportlab.pdfgen import canvas

    _styles()
    c = canvas.Canvas(str(path))
    c.setFont(FONT, 12)
    c.drawString(72, 720, "到2025年,创建绿色工厂12家。")
    c.showPage()
    c.rect(100, 100, 300, 400, fill=1)
    c.showPage()
    c.save()
    return path


def page_break_pdf(path: Path) -> Path:
    """A target sentence that runs from one page on to the next, a page number printed between."""
    from reportlab.pdfgen import canvas

    _styles()
    pages = [
        ["镇江市工业节能降碳工作方案", "一、工作目标",
         "到2025年,全市规模以上工业单位增加值能耗比2020年下降16%,重点行业能效标杆水平"],
        ["以上产能比例达到35%,绿色工厂累计达到120家。", "二、重点任务",
         "(一)开展节能诊断。每年为不少于200家企业提供免费节能诊断服务。"],
    ]
    c = canvas.Canvas(str(path))
    for number, lines in enumerate(pages, 1):
        c.setFont(FONT, 12)
        for i, line in enumerate(lines):
            c.drawString(60, 760 - 24 * i, line)
        c.drawString(280, 40, f"— {number} —")
        c.showPage()
    c.save()
    return path


def scanned_pdf(path: Path) -> Path:
    """A page with only a drawing and no text layer, as a scanner would produce."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 400, fill=1)
    c.showPage()
    c.save()
    return path


def province_table_pdf(path: Path) -> Path:
    """A provincial plan whose targets sit in a table of cities by year, with a 合计 row and quarters."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body, title = _styles()
    grid = TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    story = [
        Paragraph("江苏省工业和信息化厅文件", title),
        Paragraph("苏工信节能〔2023〕12号", body),
        Paragraph("关于印发《江苏省工业领域光伏应用推进方案(2023-2025)》的通知", title),
        Paragraph("各设区市工业和信息化局:", body),
        Paragraph("现将方案印发给你们,请认真贯彻落实。", body),
        Paragraph("江苏省工业和信息化厅", body),
        Paragraph("2023年2月20日", body),
        Spacer(1, 12),
        Paragraph("一、分解目标", body),
        Paragraph("表1 各设区市新增工业光伏装机目标(万千瓦)", body),
        Table([["设区市", "2023年", "2024年", "2025年", "累计"], ["南京市", "20", "25", "30", "75"],
               ["苏州市", "35", "42", "48", "125"], ["无锡市", "18", "22", "26", "66"],
               ["合计", "73", "89", "104", "266"]], style=grid),
        Spacer(1, 12),
        Paragraph("表2 2023年分季度并网容量(万千瓦)", body),
        Table([["指标", "第一季度", "第二季度", "第三季度", "第四季度"], ["全省并网容量", "12", "17", "21", "23"]],
              style=grid),
    ]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def glyph_code_pdf(path: Path, glyphs: int = 400) -> Path:
    """A PDF whose font has no ToUnicode map (Identity-H glyph ids only), as many real PDFs have:
    every character extracts as ``(cid:N)``. Written by hand, reportlab always adds the map."""
    codes = "".join(f"{1000 + i * 7:04X}" for i in range(glyphs))
    lines = "\n".join(f"BT /F1 10 Tf 40 {800 - 14 * row} Td <{codes[row * 160:(row + 1) * 160]}> Tj ET"
                      for row in range(len(codes) // 160 + 1))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(lines)} >>\nstream\n{lines}\nendstream",
        "<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity)"
        " /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 >>",
        "<< /Type /FontDescriptor /FontName /NoMap /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 880"
        " /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    Path(path).write_bytes(bytes(out))
    return Path(path)


def _paragraphs_pdf(path: Path, heading: list[str], body_lines: list[str], tables: dict[int, list[list[str]]] = None) -> Path:
    """Title lines, then body lines; ``tables`` puts a grid after the body line of that index."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body, title = _styles()
    grid = TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    story = [Paragraph(line, title) for line in heading] + [Spacer(1, 12)]
    for i, line in enumerate(body_lines):
        story.append(Paragraph(line, body))
        if tables and i in tables:
            story.append(Table(tables[i], style=grid))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


# Documents asked about themselves: their 文号, issuers and date of issue. Body text long enough
# to wrap over many printed lines, as a real file's does, so that the heading lines stay apart.
ARTICLES = [
    f"第{n}条节能监察机构应当按照年度监察计划,对重点用能单位执行节能法律法规和强制性节能标准的情况、能源计量和统计"
    f"情况、能源利用状况报告和节能目标责任落实情况等开展监察,并将监察结果书面告知被监察单位和有关主管部门。"
    f"被监察单位对监察结果有异议的,可以自收到监察结果之日起十五个工作日内向节能监察机构提出书面意见并说明理由。"
    for n in "三四五六七八九十"
]
def ministry_order_pdf(path: Path) -> Path:
    """A ministry's order: its number is printed on a line of its own under "…部令"."""
    return _paragraphs_pdf(path, ["重点用能单位节能监察办法(试行)", "中华人民共和国生态环境部令", "(第7号)"], [
        "《重点用能单位节能监察办法(试行)》已于2023年3月1日由生态环境部部务会议审议通过,现予公布,自2023年5月1日起施行。",
        "部长张三", "2023年3月10日", "重点用能单位节能监察办法(试行)", "第一章总则",
        "第一条为规范重点用能单位节能监察工作,根据有关法律法规,制定本办法。",
        "第二条年综合能耗1万吨标准煤以上的重点用能单位,每年接受一次节能监察。",
        *ARTICLES,
    ])


def joint_notice_pdf(path: Path) -> Path:
    """A notice of four provincial departments whose names fill two heading lines."""
    return _paragraphs_pdf(path, ["江西省发展和改革委员会江西省工业和信息化厅", "江西省生态环境厅江西省能源局",
                                  "关于做好2023年重点用能单位节能工作的通知"], [
        "各设区市发展改革委、工业和信息化局、生态环境局、能源局:",
        "一、工作目标", "2023年,全省重点用能单位完成节能诊断300家以上。",
        "二、工作要求", "请各设区市于2023年6月30日前报送工作进展。",
        *ARTICLES,
        "江西省发展和改革委员会江西省工业和信息化厅", "江西省生态环境厅江西省能源局", "2023年2月20日",
    ])


MINISTRIES = ["国家发展改革委", "工业和信息化部", "财政部", "自然资源部", "生态环境部", "住房城乡建设部", "交通运输部",
              "商务部", "国家能源局"]


def ministries_notice_pdf(path: Path) -> Path:
    """A notice of nine ministries whose title names none of them; they sign one a line above the date."""
    return _paragraphs_pdf(path, ["关于开展城镇供热节能改造试点工作的通知", "发改环资〔2023〕951号"], [
        "各省、自治区、直辖市及计划单列市、新疆生产建设兵团有关部门:",
        "一、试点目标", "到2025年,在全国遴选40个左右城镇开展供热节能改造试点。",
        "二、推荐要求", "每个省(区、市)推荐数量不超过3个,请于2023年9月30日前报送推荐材料。",
        *ARTICLES, *MINISTRIES, "2023年7月12日",
    ])


def printed_notice_pdf(path: Path) -> Path:
    """A city government's notice, signed by the government on one day and printed by its office four
    days later: the 版记's last line ("辛州市人民政府办公室  2023年4月12日印发") is a date of its own."""
    return _paragraphs_pdf(path, ["辛州市人民政府", "关于印发辛州市公共机构节能降碳行动方案的通知"], [
        "各区人民政府,市政府各委、办、局:",
        "现将《辛州市公共机构节能降碳行动方案》印发给你们,请认真贯彻执行。",
        "辛州市人民政府", "2023年4月8日",
        "辛州市公共机构节能降碳行动方案",
        "一、主要目标", "到2025年,全市公共机构单位建筑面积能耗比2020年下降5%。",
        *ARTICLES,
        "抄送:市委各部门,市人大常委会办公厅,市政协办公厅。",
        "辛州市人民政府办公室&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;2023年4月12日印发",
    ])


# Documents whose heads are unusual, each of one failure class of region scope (written for the
# tests: a department-only heading, one government with several names, a national target quoted in
# a provincial plan, a table mixing years and plan periods beside a 办公室设在 clause).
def department_heading_pdf(path: Path) -> Path:
    """A provincial department's annual plan: its heading names only 省…厅, no 文号, no cover notice."""
    return _paragraphs_pdf(path, ["省工业和信息化厅", "2023年工业节能监察工作计划"], [
        "各市工业和信息化主管部门:",
        "为贯彻落实《河南省“十四五”节能减排综合工作方案》,做好全省工业节能监察工作,制定本计划。",
        "一、工作目标",
        "2023年,全省完成重点用能企业节能监察320家以上,其中郑州市、洛阳市各完成40家以上。",
        "二、重点任务",
        "(一)开展专项监察。全省对钢铁、电解铝、水泥行业开展能效专项监察,9月底前完成现场监察。",
        "(二)推进节能诊断。全省为中小企业提供免费节能诊断服务不少于150家,新乡市、许昌市率先开展。",
        "三、保障措施",
        "各地要加强组织领导,省工业和信息化厅将对全省进展情况进行通报。",
        "省工业和信息化厅",
        "2023年2月16日",
    ])


def shared_government_pdf(path: Path) -> Path:
    """A district and the development zones it runs, all named in the title (一套班子、几块牌子)."""
    return _paragraphs_pdf(path, ["泰州市姜堰区 姜堰经济开发区 姜堰高新区", "绿色低碳发展扶持办法"], [
        "第一条 为推进全区绿色低碳发展,结合实际,制定本办法。",
        "第二条 对新获评国家级绿色工厂的企业,给予一次性奖励60万元;获评省级绿色工厂的,给予一次性奖励20万元。",
        "第三条 对实施节能技术改造且年节能量达到500吨标准煤以上的项目,按设备投资额的10%给予补助,单个项目最高不超过200万元。",
        "第四条 本办法由区工业和信息化局负责解释,自2023年5月1日起施行。",
    ])


def national_quote_pdf(path: Path) -> Path:
    """A provincial renewable-energy plan whose background quotes the national 2030 target."""
    return _paragraphs_pdf(path, ["湖南省可再生能源发展“十四五”规划"], [
        "一、发展背景",
        "我国承诺到2030年风电、太阳能发电总装机容量达到12亿千瓦以上,非化石能源占一次能源消费比重达到25%左右。",
        "“十三五”期间,全省可再生能源装机快速增长,发展基础不断夯实。",
        "二、发展目标",
        "到2025年,全省风电装机容量达到1200万千瓦,光伏发电装机容量达到1300万千瓦。",
        "三、重点任务",
        "(一)有序推进风电开发。重点在湘南、湘西地区建设集中式风电项目,推进分散式风电就近接入。",
    ])


def mixed_period_table_pdf(path: Path) -> Path:
    """A city's report whose table header mixes years and a plan period, and whose leading group's
    office sits in a department ("办公室设在…")."""
    return _paragraphs_pdf(path, ["宜宾市人民政府办公室", "宜宾市节能降碳工作情况报告"], [
        "一、组织领导",
        "市政府成立节能降碳工作领导小组,领导小组办公室设在市经济和信息化局,负责日常工作。重点用能单位节能监察由市节能监察中心牵头负责。",
        "二、主要指标完成情况",
        "表1 主要节能指标",
        "三、下一步工作",
        "全市将继续推进重点领域节能降碳改造。",
        "宜宾市人民政府办公室",
        "2021年3月8日",
    ], tables={3: [["指标", "2015年", "“十三五”目标", "2020年"],
                   ["规模以上工业单位增加值能耗(吨标准煤/万元)", "1.12", "0.86", "0.79"],
                   ["单位地区生产总值能耗下降(%)", "-", "16", "18.3"]]})


def plain_wording_pdf(path: Path) -> Path:
    """A county's fund rules whose answers are worded unlike the questions officials type: a
    numbered heading restating the topic above the clause that answers it, a principle in quotes,
    two methods joined by 和, the document a task follows named beside a clause that repeats the task,
    a condition that is a numbered item of its own, a year named only in the title of a cited plan,
    caps stated in the sentence after the rate they cap, a list numbered (1) (2) (3), figures listed
    with 分别, a start date, the departments one 会同."""
    return _paragraphs_pdf(path, ["嘉善县发展和改革局", "嘉善县节能降碳专项资金管理办法"], [
        "第一条 为推进全县节能降碳,规范专项资金管理,制定本办法。",
        "第二条 支持方向",
        "1.有序推动居民低碳场景接入与开发。",
        "按照“先易后难、逐步扩大”的原则,将居民衣、食、住、行中的低碳行为逐步开发为标准化的减排场景。",
        "2.推进企业碳排放配额管理。",
        "2023年度纳入企业配额分配采用历史强度法和历史排放法。",
        "3.引领区域低碳场景联建。",
        "以重点城市为载体推动区域低碳场景联建工作先行先试,以点带面逐步扩大联建范围,推动规则共建、标准互认。",
        "根据《长三角区域低碳场景联动建设工作备忘录》,加强与周边地区在低碳场景联建中的合作。",
        "第三条 本办法条款若与国家、省、市制定的其他政策有重复交叉的,按照“从高不重复”原则予以支持。",
        "第四条 申报单位须同时符合下列条件:",
        "(一)申报单位为嘉善县(含姚庄镇等各镇,下同)内依法登记注册的企业;",
        "(二)申报项目已建成投产并稳定运行。",
        "第五条 支持标准",
        "1.企业采用合同能源管理模式实施节能改造的,按项目年节能量给予每吨标准煤800元的奖励。以上奖励最高不超过80万元。",
        "2.项目被列入省级节能示范项目的,按1:0.5比例给予县级资金配套。单个项目最高不超过200万元。",
        "3.支持燃煤锅炉清洁能源替代。严格落实《嘉兴市大气污染防治条例》,对完成替代的企业给予一次性补助。",
        "4.到2025年,全县化学需氧量、氨氮重点工程减排量分别达到0.12万吨、0.01万吨。",
        "5.2023年7月开始,推进第二批节能降碳项目申报工作。",
        "6.资金拨付前,县发展和改革局会同县财政局、县经济和信息化局联合审核。",
        "第六条 有下列情形之一的项目不予支持:",
        "(1)已享受市级同类资金支持的项目;",
        "(2)未通过竣工验收的项目;",
        "(3)申报企业近三年发生较大安全生产事故的项目。",
        "第七条 本办法依据《嘉善县国民经济和社会发展第十四个五年规划和2035年远景目标纲要》制定,"
        "由县发展和改革局负责解释,自2023年6月1日起施行。",
    ])


def task_table_pdf(path: Path) -> Path:
    """A city's plan whose tasks are assigned in a 重点任务分工表: lead, supporting units, time limit."""
    rows = [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
            ["1", "编制重点用能单位节能监察计划", "市发改委", "市统计局", "2023年3月底前"],
            ["2", "开展数据中心能效专项检查", "市工信局", "市发展和改革委员会、市大数据局", "2023年第三季度"],
            ["3", "推广合同能源管理服务", "市发展改革委", "市财政局", "长期坚持"]]
    return _paragraphs_pdf(path, ["芜湖市2023年节能降碳重点工作安排"], [
        "为完成省下达的年度节能目标,制定本工作安排。",
        "一、重点任务分工",
        "附表:重点任务分工表",
        "二、保障措施",
        "各责任单位要按照分工抓好落实,市发展改革委负责汇总工作进展。",
    ], tables={2: rows})


def merged_task_table_pdf(path: Path) -> Path:
    """A 任务分工表 whose 重点任务 cell spans the rows of its 具体措施, as a merged cell prints: only
    the first row of a group names the task; each row is a measure with its own units and time."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body, title = _styles()
    rows = [["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时间"],
            ["1", "严格能耗双控管理", "将年度能耗强度降低目标分解下达至各县(市、区)。", "市发展改革委", "市统计局", "2023年3月底前"],
            ["", "", "严格落实固定资产投资项目节能审查制度。", "市发展改革委", "市生态环境局", "持续推进"],
            ["", "", "做好新增可再生能源消费量核算工作。", "市统计局、市发展改革委", "", "2023年12月底前"],
            ["2", "推进工业领域节能", "创建省级以上绿色工厂10家。", "市经济和信息化局", "各园区管委会", "2023年11月"]]
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 8),
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                        ("SPAN", (0, 1), (0, 3)), ("SPAN", (1, 1), (1, 3))])
    story = [Paragraph("绵州市2023年节能降碳重点工作任务分工表", title), Spacer(1, 12),
             Paragraph("为完成2023年度能耗强度降低目标,制定本分工表。", body), Spacer(1, 12),
             Table(rows, style=style)]
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)
    return path


def project_table_pdf(path: Path) -> Path:
    """A county's plan whose projects are listed in a table of text: no row numbers, long 建设内容
    sentences wrapped inside their cells, a span of years, a lead column beside a 责任单位 column."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body, title = _styles()
    rows = [["项目名称", "建设内容", "建设年限", "牵头单位", "责任单位"],
            ["县城集中供热管网改造工程", "改造县城老旧供热管网12公里,新建换热站6座,实现城区集中供热全覆盖。", "2022-2024年",
             "县住建局", "县发改局、县财政局"],
            ["整县屋顶分布式光伏开发", "在党政机关、学校、医院和工业厂房屋顶建设分布式光伏,总装机容量50兆瓦。", "2022—2025年",
             "县发改局", "各乡镇人民政府"],
            ["工业园区循环化改造", "推进园区企业废水、余热和固体废物循环利用,建成园区能源管理中心。", "2023年底前",
             "县工信局", "县生态环境分局"]]
    widths = [90, 200, 70, 60, 80]
    cells = [[Paragraph(cell, body) for cell in row] for row in rows]
    grid = TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                       ("VALIGN", (0, 0), (-1, -1), "TOP")])
    story = [Paragraph("凤台县节能降碳重点项目实施方案", title), Spacer(1, 12),
             Paragraph("为推进全县节能降碳,确定以下重点项目。", body),
             Paragraph("附表:节能降碳重点项目表", body), Table(cells, colWidths=widths, style=grid),
             Paragraph("各责任单位要按照项目表抓好落实。", body)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def regionless_notice_pdf(path: Path) -> Path:
    """A department's notice that never names its region: it calls itself only "自治区…厅". It sets up
    one body (a 专班 and its office), names a short form without saying where that office sits, and
    prints no validity."""
    return _paragraphs_pdf(path, ["自治区生态环境厅关于成立碳达峰工作专班的通知"], [
        "厅机关各处室,厅属各单位:",
        "为加强碳达峰工作的组织领导,经厅党组研究,决定成立自治区生态环境厅碳达峰工作专班。",
        "一、专班组成",
        "组长:林秋实厅党组书记、厅长。副组长:高远厅党组成员、副厅长。",
        "二、专班职责",
        "专班日常工作由应对气候变化处承担,负责统筹推进全区生态环境系统碳达峰工作。",
        "专班办公室主任由应对气候变化处处长兼任。",
        "专班办公室设在应对气候变化处。",
        "自治区碳排放交易工作协调小组办公室(简称“区碳交办”)负责碳排放权交易的日常协调。",
        "本通知自2023年3月1日起施行。",
    ])


def yearly_work_plan_pdf(path: Path) -> Path:
    """A bureau's plan for one year that handles another year's reports: "2023年…工作计划" organising
    the 2022年度 emission reports, of several sectors counted together, by a day they end; and a
    figure for the plan's own year."""
    return _paragraphs_pdf(path, ["鄂州市生态环境局2023年应对气候变化工作计划"], [
        "一、重点工作",
        "(一)组织全市120家电力、钢铁、水泥等行业重点排放单位开展2022年度温室气体排放报告与核查工作,加强数据审核。",
        "(二)开展低碳社区试点,年内新建低碳社区5个。",
        "(三)各重点排放单位应于2023年3月31日前上传2022年度温室气体排放报告。",
        "(四)2023年全市完成清洁生产审核企业40家。",
    ])


def worded_apart_plan_pdf(path: Path) -> Path:
    """A city's plan whose clauses say things in other words than people ask them: GDP as 地区生产总值, 出台
    as 制定, a price per 平方米 beside no sum, a 十四五 target whose year only its heading gives, a term
    defined by its threshold, green factories beside no green park, a count a second question
    narrows ("其中国家级…"), and a lead department in 〔〕 beside another body's other name in ()."""
    return _paragraphs_pdf(path, ["衢州市2024年节能降碳工作要点"], [
        "一、主要目标",
        "(一)年度目标",
        "2024年,全市单位地区生产总值能耗下降3.1%,能源消费总量控制在1650万吨标准煤以内。",
        "新创建省级以上绿色工厂15家、绿色供应链管理企业3家。",
        "新创建省级以上绿色工厂15家,其中国家级绿色工厂不少于4家;",
        "(二)“十四五”时期目标",
        "光伏发电装机容量达到150万千瓦,风电装机容量达到60万千瓦;",
        "二、重点任务",
        "(一)到2025年,全市建成公共充电桩3000个、换电站12座。",
        "(二)对既有公共建筑实施节能改造的,按照改造面积每平方米40元给予补助。",
        "(三)对新获评的省级绿色工厂给予一次性奖励30万元。",
        "(四)本方案所称重点用能单位,是指年综合能源消费量5000吨标准煤及以上的用能单位。",
        "(五)各县(市、区)要于2024年6月底前制定本地区节能降碳实施方案。",
        "(六)自2024年7月1日起,对未按时提交能源利用状况报告的重点用能单位进行催告。",
        "(七)到2025年,城镇建筑可再生能源替代常规能源比例达到8%。〔市住房城乡建设局牵头,市发展改革委(市能源局)、"
        "市自然资源局、市生态环境局等按职责分工负责〕",
    ])


def year_report_pdf(path: Path) -> Path:
    """A bureau's report on last year's work and this year's plan: the year of a figure is only in the
    part's heading or the table's column; money asked in words; a cap per enterprise beside no total."""
    return _paragraphs_pdf(path, ["德州市发展和改革委员会关于2023年节能工作总结和2024年工作计划的报告"], [
        "市政府:", "现将我委2023年节能工作总结和2024年工作计划报告如下。",
        "一、2023年节能工作开展情况", "(一)工业节能",
        "组织实施节能技术改造项目63个,完成投资28.6亿元,形成年节能能力41.2万吨标准煤。",
        "新创建国家级绿色工厂11家、省级绿色工厂24家。",
        "对节能技改项目按设备投资额的10%给予补助,同一企业本年度累计获得的补助金额不超过500万元。",
        "二、2024年工作计划",
        "2024年计划实施节能技术改造项目70个,计划完成投资32亿元。",
        "对年综合能耗5万吨标准煤以上的新建项目,须报省发展改革委组织节能审查。",
        "本计划征求意见期为2024年1月20日至1月29日。",
        "节能监察发现问题的企业,须于2024年12月31日前完成整改,对其中违法建设的项目并处罚款64万元。",
        "表1主要指标",
    ], tables={12: [["指标", "2023年完成情况", "2024年目标"], ["单位GDP能耗下降(%)", "3.5", "3.2"],
                    ["非化石能源消费比重(%)", "13.8", "14.9"]]})


def green_list_notice_pdf(path: Path) -> Path:
    """A province's public notice of its green manufacturing list, the province named in its own sentence."""
    return _paragraphs_pdf(path, ["山东省工业和信息化厅关于2024年度山东省绿色制造名单的公示"], [
        "一、遴选工作情况",
        "经各地推荐、专家评审和现场核查,共有30家单位拟列入2024年度山东省绿色制造名单,其中绿色工厂22家、"
        "绿色工业园区5个、绿色供应链管理企业3家。",
    ])


def province_regulation_pdf(path: Path) -> Path:
    """A province's regulation that binds every enterprise in it, though it names none of its cities."""
    return _paragraphs_pdf(path, ["青海省节约能源条例"], [
        "(2023年9月27日青海省第十四届人民代表大会常务委员会第五次会议通过)",
        "第一章总则", "第一条为了推动全社会节约能源,提高能源利用效率,制定本条例。",
        "第二章节能管理",
        "第十八条重点用能单位应当于每年3月31日前,向管理节能工作的部门报送上一年度的能源利用状况报告。",
        "第十九条违反本条例规定的,由管理节能工作的部门责令改正,处一万元以上五万元以下罚款。",
        "第二十条本条例自2024年1月1日起施行。",
    ])


def national_and_provincial_plans_pdf(path: Path) -> Path:
    """A province's plan whose title is the national plan's with the province before it, signed by three bodies."""
    return _paragraphs_pdf(path, ["青海省工业领域碳达峰实施方案"], [
        "一、总体要求", "到2025年,规模以上工业单位增加值能耗较2020年下降13.5%。",
        *ARTICLES,
        "青海省工业和信息化厅", "青海省发展和改革委员会", "青海省生态环境厅", "2023年7月28日",
    ])


def national_plan_pdf(path: Path) -> Path:
    return _paragraphs_pdf(path, ["工业领域碳达峰实施方案", "工信部联节〔2022〕88号"], [
        "一、总体要求", "到2025年,规模以上工业单位增加值能耗较2020年下降13.5%。",
        *ARTICLES, "工业和信息化部", "国家发展改革委", "生态环境部", "2022年7月7日",
    ])


def long_sector_plan_pdf(path: Path) -> Path:
    """A department's notice whose title breaks before its period ("…工作方案" / "(2022-2025年)的通知"),
    publishing a plan long enough that every chunk repeats the plan's name, with a contact line at the
    end; tasks each closed by their own 责任单位 note, the next task starting right after it; and a
    threshold stated before the thing it sizes ("65蒸吨/小时及以上燃煤锅炉")."""
    tasks = [f"({n})推进重点领域企业节能降碳第{n}批改造。组织重点领域企业实施节能降碳技术改造,完善重点领域企业"
             f"节能降碳工作台账,加强重点领域企业节能降碳项目调度和监测分析。" for n in range(1, 25)]
    return _paragraphs_pdf(path, ["关于印发辛州市重点领域企业节能降碳工作方案", "(2022-2025年)的通知"], [
        "各区县工业和信息化主管部门:",
        "现将《辛州市重点领域企业节能降碳工作方案(2022-2025年)》印发你们,请认真贯彻实施。",
        "辛州市经济和信息化局", "2022年3月2日",
        "一、重点任务",
        *tasks,
        "二、交通物流",
        "到2025年,新增城市公交新能源车辆比例超过80%。(责任单位:市交通运输局,配合单位:市发展改革委)"
        "提高城市寄递物流车辆使用新能源车比例,到2025年,新增城市物流配送车辆新能源比例超过50%。(责任单位:市邮政管理局)",
        "三、锅炉改造",
        "推进钢铁、水泥、焦化行业及燃煤锅炉超低排放改造,到2025年底,全市65蒸吨/小时及以上燃煤锅炉全面实现超低排放。",
        "联系人:环境和资源综合利用处李明",
    ])


def tempting_figures_pdf(path: Path) -> Path:
    """A city's plan whose figures tempt a wrong answer: a count of projects where an award is asked,
    working days, an application template whose month and day are left blank, a price percentage, one
    energy source's capacity beside another's, two equipment kinds, "一批" where a number is asked, a
    tonnage cut where a cut 比2020年 (a share) is asked,
    a target carried over from the segment before ("…下降14%,力争下降14.5%"), a table whose unit is
    its 单位 column, and things named only with another qualifier (化肥 of 农药减量增效示范县, 绿色 of
    装配式建筑)."""
    return _paragraphs_pdf(path, ["乌海市发展和改革委员会", "乌海市能源绿色低碳发展实施方案"], [
        "一、主要目标",
        "到2025年,全市单位地区生产总值能源消耗比2020年下降14%,力争下降14.5%。",
        "到2030年,水电装机达到320万千瓦,核电装机达到150万千瓦。",
        "到2030年,分时电价峰谷价差比例扩大到40%。",
        "到2025年,新型储能装机达到20万千瓦;到2030年,力争达到60万千瓦。",
        "到2025年,全市化学需氧量、氨氮重点工程减排量分别累计达到1.2万吨、0.3万吨。",
        "到2030年,光热发电装机力争达到200万千瓦。",
        "结合城区供热改造,到2030年,地热能装机达到30万千瓦。",
        "到2025年,全市再生资源循环利用量达到45万吨,到2030年达到60万吨。",
        "专栏1主要指标",
        "二、重点任务",
        "(一)推进节能技术改造。全市每年组织实施节能技术改造项目30个,新增高效节能电机占比达到70%以上。",
        "(二)加快绿色制造。积极组织开发一批林业碳汇和工业节能降碳项目。",
        "(三)审核时限。主管部门应当在收到申报材料后15个工作日内完成审核。",
        "(四)推进农业绿色发展。到2025年,建设30个化肥减量增效示范县。",
        "(五)推动建筑绿色发展。到2025年,城镇新建建筑中绿色建筑面积占比达到80%。",
        "(六)推动技术改造。全年工业技改投资突破50亿元。",
        "表2发电机组供电碳排放基准",
        "三、申报安排",
        "申报系统开放时间为2023年 月 日。",
    ], tables={9: [["指标", "单位", "2020年", "2025年"], ["光热发电装机", "万千瓦", "15", "120"],
                   ["充电桩", "个", "800", "3000"]],
               # a merged first cell: 燃煤 heads the two rows below it
               17: [["类型", "等级", "装机容量(万千瓦)", "供电碳排放基准(吨二氧化碳/万千瓦时)"], ["燃气", "F", "40", "3.863"],
                    ["燃煤", "超超临界", "100", "7.838"], ["", "超临界", "60", "8.254"], ["", "亚临界", "60", "8.478"]]})


def regulation_pdf(path: Path) -> Path:
    """A city's regulation passed by its people's congress standing committee and approved by the
    province's, announced by a 公告, in force from a day set in its last article; it cites another
    regulation's dates, which are not its own."""
    return _paragraphs_pdf(path, ["辛州市节约能源条例", "辛州市人民代表大会常务委员会公告", "(第十二号)"], [
        "辛州市第九届人民代表大会常务委员会第十八次会议于2022年8月26日通过的《辛州市节约能源条例》,"
        "业经某省第十三届人民代表大会常务委员会第三十四次会议于2022年9月28日批准,现予公布,自2023年1月1日起施行。",
        "辛州市人民代表大会常务委员会", "2022年10月10日", "辛州市节约能源条例",
        "第一条为了推动全社会节约能源,根据《中华人民共和国节约能源法》,结合本市实际,制定本条例。",
        "第二条年综合能源消费量五千吨标准煤以上的用能单位为重点用能单位。",
        *ARTICLES,
        "第三十条2015年6月1日施行的《辛州市节能监察办法》同时废止。",
        "第三十一条本条例自2023年1月1日起施行。",
    ])


def application_notice_pdf(path: Path) -> Path:
    """A department's notice for subsidy applications as a web page prints it: the page's 发布日期 above
    the notice, whose own 落款 names two departments and a day; an application window; rules that apply
    from the day of issue for three years."""
    return _paragraphs_pdf(path, ["关于组织申报2023年度辛州市节能专项资金项目的通知", "发布日期:2023-03-06"], [
        "各区发展改革局、工业和信息化局:",
        "为做好2023年度节能专项资金项目申报工作,现将有关事项通知如下。",
        "辛州市发展和改革委员会辛州市工业和信息化局",
        "2023年3月3日",
        "一、申报时间",
        "申报时间为2023年3月10日至4月10日,逾期不予受理。",
        "二、支持标准",
        "对年节能量500吨标准煤以上的项目,按每吨标准煤500元给予奖励,单个项目最高不超过100万元。",
        *ARTICLES,
        "三、其他",
        "本通知自印发之日起施行,有效期3年。",
    ])


def leading_group_pdf(path: Path) -> Path:
    """A city's notice that sets up a leading group (its short name, its posts and their holders), gives
    two years' targets for one thing and one year's for two indicators, and prints where to apply."""
    return _paragraphs_pdf(path, ["辛州市人民政府办公室", "关于成立辛州市碳达峰碳中和工作领导小组的通知"], [
        "为加强对全市碳达峰碳中和工作的组织领导,市政府决定成立辛州市碳达峰碳中和工作领导小组"
        "(简称“双碳”领导小组),组成人员如下:",
        "组长:马远(市长)",
        "常务副组长:林川(常务副市长)",
        "领导小组办公室设在市发展改革委,办公室主任:周清(市发展改革委主任)。",
        "一、工作目标",
        "到2025年,全市光伏装机容量达到200万千瓦;到2030年,全市光伏装机容量达到450万千瓦。",
        "到2025年,单位地区生产总值能源消耗比2020年下降14%,单位工业增加值能源消耗比2020年下降16%。",
        "二、项目申报",
        "节能降碳项目通过辛州市节能服务平台申报,网址:jnfw.xinzhou.gov.cn,联系电话:0571-87654321。",
        *ARTICLES[:3],
    ])


def ranked_units_pdf(path: Path) -> Path:
    """The commonest 分工 layout of annual 工作要点: a numbered task, then a 责任单位 line whose list runs
    over two printed lines and ends with the remark that the first unit leads, then a 完成时限 line."""
    units = "市发展改革委、市能源局、市工业和信息化局、市生态环境局、市住房城乡建设局、市交通运输局、市机关事务管理局"
    return _paragraphs_pdf(path, ["辛州市发展和改革委员会", "辛州市2022年碳达峰碳中和工作要点"], [
        "一、推进能源结构调整",
        "1.制定全市能源领域碳达峰实施方案。",
        f"责任单位:{units}(排在第一为牵头单位,下同)",
        "完成时限:2022年6月底前",
        "2.开展年综合能耗5000吨标准煤以上重点用能单位节能诊断。",
        "责任单位:市工业和信息化局、市发展改革委",
        "完成时限:2022年12月底前",
        "二、推进城乡建设绿色转型",
        "3.编制公共建筑能耗限额标准。",
        "责任单位:市住房城乡建设局、市机关事务管理局",
        "完成时限:2022年9月",
    ])


def group_notice_pdf(path: Path) -> Path:
    """A department's notice that sets up a group: members and duties, no target of any year; its only
    date is its 落款."""
    return _paragraphs_pdf(path, ["安澜市交通运输局关于成立交通运输碳达峰碳中和工作领导小组的通知"], [
        "局属各单位、机关各处室:",
        "为统筹推进全市交通运输领域碳达峰碳中和工作,经局党组研究,决定成立安澜市交通运输局碳达峰碳中和工作领导小组。",
        "一、领导小组组成",
        "组长:韩立(局长)",
        "成员:局办公室、综合规划处、运输服务处、科技处主要负责同志。",
        "二、主要职责",
        "负责研究部署交通运输领域碳达峰碳中和工作,审议重大政策和重点任务,协调解决重大问题。",
        "安澜市交通运输局",
        "2021年7月25日",
    ])


def quota_allocation_pdf(path: Path) -> Path:
    """A province's yearly energy-quota allocation notice, written for issue 40: the one duty to surrender
    last year's quota is in the cover letter; the scheme after it sets who is covered (with its whole
    threshold) and a yearly report, then formula notes, a coefficient table, the government's aims and
    the departments' own tasks, none of which is an enterprise's duty."""
    return _paragraphs_pdf(path, ["湖南省发展和改革委员会", "关于印发《湖南省2023年度用能权配额分配方案》的通知"], [
        "各设区市发展改革委,各有关企业:",
        "现将《湖南省2023年度用能权配额分配方案》印发给你们,请遵照执行。",
        "请各纳入配额管理的企业于2023年6月30日前,通过用能权注册登记系统完成2022年度配额清缴。",
        "湖南省发展和改革委员会", "2023年1月10日",
        "湖南省2023年度用能权配额分配方案",
        "一、纳入范围",
        "全省年综合能源消费量5000吨标准煤及以上的工业企业纳入配额管理。",
        "纳入配额管理的企业应于每年3月31日前,向省发展改革委报送上年度能源消费报告。",
        "二、配额计算",
        "企业配额=基准值×产量×调整系数。",
        "注1:基准值采用2019—2021年三年单位产品综合能耗的加权平均值。",
        "调整系数按下表要求选取计算。",
        "其中,E为企业年综合能耗,单位为吨标准煤。",
        "三、工作目标",
        "到2025年,全省单位地区生产总值能耗比2020年下降13.5%。",
        "四、职责分工",
        "各设区市发展改革委应于2023年3月31日前完成本地区企业配额核定。",
        "省发展改革委将会同省统计局对企业报告进行核查,核查机构应当对核查结论负责。",
    ], tables={11: [["行业", "调整系数"], ["水泥", "0.98"], ["钢铁", "0.97"]]})


def emission_report_notice_pdf(path: Path) -> Path:
    """A city's notice on key emitters' reports, written for issue 40: the scheme's scope in t CO2e, the
    key emitters' report by a date, a monthly duty of the power sector only, a duty of airlines only,
    a duty without a date, and the authorities' and verifiers' own tasks."""
    return _paragraphs_pdf(path, ["株洲市生态环境局关于做好2022年度重点排放单位温室气体排放报告工作的通知"], [
        "各区生态环境局,各有关单位:",
        "一、报告范围",
        "本市发电、石化、化工、建材、钢铁、有色、造纸、民航等行业年度温室气体排放量达到2.6万吨二氧化碳当量及以上的企业为重点排放单位。",
        "二、工作要求",
        "重点排放单位应于2023年3月31日前,通过管理平台提交2022年度温室气体排放报告。",
        "发电行业重点排放单位还应在每月结束后的40日内,上传燃煤元素碳含量检测报告。",
        "民航企业应于2023年4月30日前报送航空器排放数据。",
        "重点排放单位应当配合核查,如实提供有关资料。",
        "三、核查安排",
        "各区生态环境局应在2023年6月30日前,完成辖区重点排放单位排放报告的核查。",
        "我局将组织第三方核查机构开展核查,核查机构应当对核查结论负责。",
        "株洲市生态环境局", "2023年2月10日",
    ])


def schedule_notice_pdf(path: Path) -> Path:
    """A city's yearly carbon-market notice, written for issue 40, whose duties stand in a schedule
    table: a row is a key emitter's duty when its 责任主体 cell names them and it gives a time; the rows
    of the district bureaus and of the verifiers are their own tasks."""
    return _paragraphs_pdf(path, ["株洲市生态环境局关于做好2023年碳排放权交易重点工作的通知"], [
        "各区生态环境局,各重点排放单位:",
        "现将2023年碳排放权交易重点工作安排如下,请认真落实。",
        "一、工作安排",
        "附表:2023年重点工作时间安排",
        "株洲市生态环境局", "2023年2月1日",
    ], tables={3: [["序号", "工作内容", "完成时限", "责任主体"],
                   ["1", "提交2022年度温室气体排放报告", "2023年3月31日前", "重点排放单位"],
                   ["2", "完成排放报告核查", "2023年6月30日前", "各区生态环境局"],
                   ["3", "完成2022年度配额清缴", "2023年12月31日前", "重点排放单位"],
                   ["4", "出具核查报告", "2023年5月31日前", "技术服务机构"]]})


def city_department_group_pdf(path: Path) -> Path:
    """A department of 辛州市 sets up its own 碳达峰碳中和工作领导小组, beside the city's (leading_group_pdf):
    the two titles share most of their words."""
    return _paragraphs_pdf(path, ["辛州市交通运输局关于成立辛州市交通运输局碳达峰碳中和工作领导小组的通知"], [
        "局属各单位、机关各处室:",
        "为统筹推进全市交通运输领域碳达峰碳中和工作,经局党组研究,决定成立辛州市交通运输局碳达峰碳中和工作领导小组。",
        "一、领导小组组成",
        "组长:宋远山(局长)",
        "成员:局办公室、综合规划处、运输服务处、科技处主要负责同志。",
        "二、主要职责",
        "负责研究部署交通运输领域碳达峰碳中和工作,审议重大政策和重点任务,协调解决重大问题。",
        "辛州市交通运输局",
        "2021年7月25日",
    ])


def undated_notice_pdf(path: Path) -> Path:
    """A notice whose 落款 prints no date (a web page's copy), with a deadline of its own in the body."""
    return _paragraphs_pdf(path, ["辛州市科学技术局关于组织申报2023年度碳达峰碳中和科技专项项目的通知"], [
        "各区科技局,各有关单位:",
        "为推进碳达峰碳中和科技创新,现将2023年度专项项目申报工作通知如下。",
        "一、申报要求",
        "3月9日(周三)17:00前,项目申报单位须完成网上申报,逾期不予受理。",
        *ARTICLES[:2],
        "辛州市科学技术局",
    ])


def numbered_plan_pdf(path: Path, *, number: str = "辛发改环资〔2023〕12号", issuer: str = "辛州市发展和改革委员会",
                      kind: str = "建筑节能降碳工作方案", share: str = "60%") -> Path:
    """A city's building-energy plan with its 文号; it cites the national opinion it follows by its 文号,
    defines a term, and closes a measure with the note naming its lead department. Two of them (two
    issuers, two 文号, two figures, one year) tempt a question that names one by its 文号."""
    return _paragraphs_pdf(path, [issuer, f"关于印发辛州市2023年{kind}的通知", number], [
        "各区有关单位:",
        "为推动建筑领域节能降碳,根据国家发展改革委等5部门《关于严格能效约束推动重点领域节能降碳的若干意见》"
        "(发改产业〔2021〕1464号),结合本市实际,制定本方案。",
        "一、名词解释",
        "近零碳建筑:是指通过被动式设计、主动式高效能源系统和可再生能源利用,使建筑运行碳排放接近于零的建筑。",
        "二、重点任务",
        f"(一)推广屋顶光伏。新建公共建筑屋顶光伏覆盖率达到{share}。(市住房城乡建设局牵头,市发展改革委配合)",
        "(二)推进既有建筑节能改造。完成既有公共建筑节能改造50万平方米。(市机关事务管理局负责)",
        "(三)做好碳排放报告。纳入配额管理的单位应当于每年4月30日前报送上一年度碳排放报告。",
        "(四)报送统计数据。建筑能耗统计数据报送截止时间为2023年6月30日。",
        "(五)严控项目。以高耗能、高排放、低水平项目(以下简称“两高一低”项目)为重点,严格节能审查。",
        "(六)推广碳普惠。辛州市碳普惠核证减碳量(XZCER)可用于抵消建筑运行碳排放。",
        # the short forms again, where nothing spells them out: the words a plain ranking prefers
        "(七)坚决遏制“两高一低”项目盲目发展,对“两高一低”项目实行清单管理、分类处置。",
        "(八)2023年度可用于抵消的XZCER总量、XZCER抵消比例另行公布。",
        *ARTICLES[:3],
        "三、附则", "本方案由市住房城乡建设主管部门负责解释。",
        issuer, "2023年2月10日",
    ])


def other_numbered_plan_pdf(path: Path) -> Path:
    return numbered_plan_pdf(path, number="辛机管〔2023〕9号", issuer="辛州市机关事务管理局",
                             kind="公共机构节能降碳工作要点", share="40%")


def forest_task_table_pdf(path: Path) -> Path:
    """A city's yearly task table by county: a total row first, then counties; the column names share
    words (造林…), one county leads one column and trails another."""
    rows = [["单位", "合计", "人工造林", "封山育林", "森林抚育"],
            ["全市", "600", "105", "110", "300"],
            ["东川县", "71.5", "12.5", "10.0", "38.0"],
            ["西川县", "139.2", "21.0", "11.0", "79.2"],
            ["南川县", "106.0", "15.0", "26.0", "50.0"],
            ["北川县", "0.7", "0.2", "0.1", "0.4"]]
    return _paragraphs_pdf(path, ["辛州市林业局", "关于下达辛州市2022年营造林任务的通知"], [
        "各县林业局:",
        "为完成2022年全市营造林任务,现将任务分解下达各县。",
        "表1 辛州市2022年营造林任务安排表(万亩)",
        "各县要按照任务安排抓好落实。",
        "辛州市林业局", "2022年3月1日",
    ], tables={2: rows})
