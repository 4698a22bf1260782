import pytest

EXPECTED = {
    "000_3537c126d58e65da": ("嘉经〔2022〕14号", "2022-07-22", "嘉定区", "上海市", (2022, 2025), "嘉定区推进工业和通信业节能降碳"),
    "001_4c0b0aad221247b9": ("青府发〔2022〕55号", "2022-11-14", "青浦区", "上海市", (2021, 2021), "上海市青浦区人民政府关于2021年度碳达峰碳中和"),
    "002_c2c06887e32203b9": ("金府办发〔2022〕10号", "2022-05-12", "金山区", "上海市", (2021, 2025), "金山区资源节约和循环经济发展"),
    "003_2f48adaeb3115e8f": ("沪经信节〔2021〕1229号", "2021-12-31", "上海市", "", (2021, 2025), "上海市产业绿色发展“十四五”规划"),
    "004_d5e1c319a3f67a30": ("嘉工业强市办〔2017〕4号", "2017-05-19", "嘉兴市", "浙江省", (2017, 2019), "嘉兴市推进绿色制造发展三年行动计划"),
}


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_metadata_of_each_corpus_document(corpus_docs, doc_id):
    number, date, region, parent, period, title = EXPECTED[doc_id]
    meta = corpus_docs[doc_id].meta
    assert meta.doc_number == number
    assert meta.date == date
    assert meta.region == region
    assert meta.parent_region == parent
    assert (meta.period_start, meta.period_end) == period
    assert meta.title.startswith(title)
    assert meta.issuer and len(meta.sha256) == 64


def test_region_hierarchy(gazetteer):
    assert gazetteer.ancestors("嘉定区") == ["嘉定区", "上海市"]
    assert gazetteer.ancestors("南湖区") == ["南湖区", "嘉兴市", "浙江省"]
    assert gazetteer.find("嘉定区和上海市") == ["嘉定区", "上海市"]
    # "金山" inside "金山工业区" is a park, not the district
    assert gazetteer.find("金山工业区") == []
    assert gazetteer.unknown_places("某某县的绿色工厂") == ["某某县"]
