from ingest.normalize import normalize_chars, normalize_text, repair_doc_number_brackets, row_cells
from tests.conftest import CORPUS


def read(stem_prefix: str) -> str:
    path = next(CORPUS.glob(f"{stem_prefix}_*.txt"))
    return normalize_text(path.read_text(encoding="utf-8"))


def test_traditional_characters_in_001_become_simplified():
    raw = next(CORPUS.glob("001_*.txt")).read_text(encoding="utf-8")
    assert "中小學生系列實踐活動" in raw
    text = read("001")
    assert "中小学生系列实践活动" in text
    assert "實踐" not in text and "綠化" not in text


def test_lines_broken_mid_sentence_are_rejoined():
    text = read("002")
    # the PDF broke this sentence after "金" and after "累计比"
    assert "“十三五”末,金山区综合能源消费量200.60万吨标准煤" in text
    assert "公共建筑单位面积能耗累计比2020年下降5%" in text
    # but a heading on its own line stays on its own line
    assert "\n(一)发展基础\n" in text


def test_page_numbers_and_rules_are_dropped():
    assert "- 23 -" in next(CORPUS.glob("002_*.txt")).read_text(encoding="utf-8")
    for prefix in ("002", "003"):
        text = read(prefix)
        lines = text.split("\n")
        assert not any(line.strip("-— ").isdigit() for line in lines)
        assert "━" not in text


def test_quote_marks_in_doc_number_are_repaired():
    assert "沪经信节„2021‟1229" in next(CORPUS.glob("003_*.txt")).read_text(encoding="utf-8")
    assert "沪经信节〔2021〕1229号" in read("003")
    assert repair_doc_number_brackets("青府发[2022]55 号") == "青府发〔2022〕55号"


def test_pdf_spacing_between_chinese_and_digits_is_removed():
    text = read("000")
    assert "到2025年底,创建零碳工厂3家" in text


def test_flattened_space_table_becomes_tab_separated_rows():
    text = read("002")
    assert "公共充电桩建设规模\t根\t1300\t1385\t预期性\t已完成" in text
    assert "2016年\t257\t1972\t122600" in text
    # the header wrapped over several lines is rebuilt as one row of six cells
    assert "指标\t单位\t“十三五”目标值\t“十三五”实际值\t指标类型\t完成情况" in text


def test_prose_is_not_mistaken_for_a_table_row():
    assert row_cells("定市级绿色工厂 100 家、绿色供应链管理企业 11 家、绿色园") is None
    assert row_cells("2022 年 5 月 12 日") is None
    assert row_cells("十三五总计 809 6653 210348") == ["十三五总计", "809", "6653", "210348"]
    # a sentence the PDF spaced around its figures, with no punctuation on its line
    assert row_cells("用车和商用车新车二氧化碳排放强度分别比 2020 年下降 25%") is None
    assert row_cells("单位地区生产总值能耗 2020 0.52 0.47") == ["单位地区生产总值能耗", "2020", "0.52", "0.47"]


def test_normalisation_only_removes_whitespace_from_prose(corpus_docs):
    """Quotes must stay findable in the source: normalised text is the source minus whitespace and noise."""
    import re

    from ingest.normalize import is_noise_line, normalize_chars

    for doc in corpus_docs.values():
        raw = next(CORPUS.glob(f"{doc.meta.doc_id}.txt")).read_text(encoding="utf-8")
        kept = [line for line in normalize_chars(raw).split("\n") if not is_noise_line(line)]
        source = re.sub(r"\s+", "", "".join(kept))
        for line in doc.text.split("\n"):
            squeezed = re.sub(r"\s+", "", line)
            if len(squeezed) >= 8 and not line.startswith("年度\t"):
                assert squeezed in source or "〔" in squeezed, line


def test_characters_a_font_kept_in_the_private_use_area_are_read_back():
    # a symbol font's "=", "×", "∑" at U+F000 + their code; a decimal point in a private plane
    assert normalize_chars("企业配额=i\uf03d1(周转量\uf0b4基准值)") == "企业配额=i=1(周转量×基准值)"
    assert normalize_chars("\uf0e5n") == "∑n"
    assert normalize_chars("光伏\t4200\t21\U001001b06") == "光伏\t4200\t21.6"
    assert normalize_chars("\uf0b2市南区") == "\uf0b2市南区"  # a bullet of another font: left as printed
    # the GB2312 punctuation read as Yi syllables is still repaired
    assert normalize_chars("期间\ua3ac开工建设") == "期间,开工建设"


def test_a_number_parted_from_its_unit_by_a_wrap_is_one_line():
    text = normalize_text("(一)年度碳排放量相差10%或者二万\n吨以上;\n(二)其他情形。\n附件1\n2022年度名单")
    assert "(一)年度碳排放量相差10%或者二万吨以上;" in text.split("\n")  # the unit runs on from the number
    assert "附件1" in text.split("\n")  # a year opens a line of its own


def test_an_article_broken_after_its_first_line_runs_on():
    # a 办法's article wrapped with no punctuation on its first printed line: its number starts its
    # text and is no heading, while the chapter heading after it still stands alone
    raw = ("第二十条纳入配额管理的单位应当在规定的时限内,\n足额清缴上一年度的碳排放配额。\n"
           "第二十一条纳入配额管理的单位可以将符合本市交易规则的核证自愿减排\n"
           "量用于抵销经确认的碳排放量,抵销比例不得超过应清缴碳排放配额的5%。\n"
           "第五章监督管理与激励\n第二十二条本办法自2021年9月1日起施行。\n")
    lines = normalize_text(raw).split("\n")
    assert "第二十一条纳入配额管理的单位可以将符合本市交易规则的核证自愿减排量用于抵销经确认的碳排放量," \
           "抵销比例不得超过应清缴碳排放配额的5%。" in lines
    assert "第五章监督管理与激励" in lines
