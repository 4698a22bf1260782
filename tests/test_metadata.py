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


PROVINCES = ("北京市 天津市 上海市 重庆市 河北省 山西省 辽宁省 吉林省 黑龙江省 江苏省 浙江省 安徽省 福建省 江西省 山东省 "
             "河南省 湖北省 湖南省 广东省 海南省 四川省 贵州省 云南省 陕西省 甘肃省 青海省 台湾省 内蒙古自治区 "
             "广西壮族自治区 西藏自治区 宁夏回族自治区 新疆维吾尔自治区 香港特别行政区 澳门特别行政区").split()


@pytest.mark.parametrize("province", PROVINCES)
def test_every_province_is_known_by_its_name_and_its_short_form(gazetteer, province):
    assert gazetteer.find(province) == [province]
    assert gazetteer.ancestors(province) == [province]
    short = gazetteer.short_forms(province)
    assert short and gazetteer.find(f"{short[0]}的目标") == [province]


@pytest.mark.parametrize("province, at_least", [("浙江省", 85), ("江苏省", 90), ("广东省", 115)])
def test_every_district_and_county_of_a_province_sits_under_it(gazetteer, province, at_least):
    divisions = {*gazetteer.regions.values(), *(r for rs in gazetteer.homonyms.values() for r in rs)}
    below = [r for r in divisions if r.level == 3 and province in gazetteer.ancestors(r.name, r.parent)[1:]]
    assert len(below) >= at_least
    for region in below:
        chain = gazetteer.ancestors(region.name, region.parent)
        assert chain[-1] == province and gazetteer.level(chain[1]) == 2


@pytest.mark.parametrize("text, expected", [
    ("江苏的节能目标", ["江苏省"]),
    ("黄埔的企业", ["黄埔区"]),
    ("浙江省舟山市", ["浙江省", "舟山市"]),
    ("繁昌区节能降碳", ["繁昌区"]),
    ("临平区、钱塘区经科局", ["临平区", "钱塘区"]),
    ("宁波和舟山", ["宁波市", "舟山市"]),
    ("包头林草碳汇", ["包头市"]),
    # short forms that are everyday words name no place
    ("碳达峰碳中和", []),
    ("总量和政府预留配额", []),
    ("新建跨区外送通道", []),
])
def test_short_forms_name_places_only_where_they_are_names(gazetteer, text, expected):
    assert gazetteer.find(text) == expected


def test_a_name_several_counties_share_is_resolved_by_its_parent(gazetteer):
    assert len(gazetteer.homonyms["通州区"]) == 2
    assert gazetteer.parent("通州区", "南通市") == "南通市"
    assert gazetteer.parent("通州区", "北京市") == "北京市"


def test_zones_named_by_documents_join_the_gazetteer(gazetteer):
    from ingest.regions import zone_in

    assert zone_in("北京经济技术开发区2021年度绿色发展资金支持政策", gazetteer) == ("北京经济技术开发区", "北京市")
    assert zone_in("南京江北新区碳达峰、碳中和行动计划", gazetteer) == ("南京江北新区", "南京市")
    assert zone_in("海南省支持哪个开发区建设", gazetteer) is None
    assert zone_in("浦东新区", gazetteer) is None  # a district, not a zone
    extended = gazetteer.with_zones([("北京经济技术开发区", "北京市")])
    assert extended.find("北京经开区的企业") == ["北京经济技术开发区"]
    assert extended.ancestors("北京经济技术开发区") == ["北京经济技术开发区", "北京市"]


def test_a_place_the_gazetteer_does_not_know_is_reported(gazetteer):
    assert gazetteer.unknown_places("火星区的目标") == ["火星区"]
    assert gazetteer.unknown_places("某县的绿色工厂") == ["某县"]
    assert gazetteer.unknown_places("国务院碳达峰方案对新建跨区外送通道") == []


def test_the_supplement_file_is_read_strictly(tmp_path):
    from ingest.regions import Gazetteer, GazetteerError

    bad = tmp_path / "regions.txt"
    bad.write_text("全国\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="regions.txt:1"):
        Gazetteer.load(bad)


JOINT_NOTICE = """江西省发展和改革委员会等三部门印发《江西省重点用能单位节能诊断工作方案》的通知
各设区市发展改革委、工业和信息化局、生态环境局:
现将《江西省重点用能单位节能诊断工作方案》印发给你们,请认真贯彻执行。
江西省发展和改革委员会
江西省工业和信息化厅
江西省生态环境厅
2023年4月12日
江西省重点用能单位节能诊断工作方案
一、工作目标
到2025年,全省完成重点用能单位节能诊断500家。
"""


def test_a_title_naming_one_of_several_issuers_takes_them_all_from_the_signature(gazetteer):
    from ingest.pipeline import parse_text

    meta = parse_text("jx", JOINT_NOTICE, gazetteer).meta
    assert meta.issuer == "江西省发展和改革委员会、江西省工业和信息化厅、江西省生态环境厅"
    assert meta.evidence["issuer"].startswith("落款") and "等三部门" in meta.evidence["issuer"]
    assert meta.date == "2023-04-12" and meta.region == "江西省"


CITY_NOTICE_ON_THE_NATIONAL_MARKET = """津环气候〔2023〕7号
市生态环境局关于做好我市2023年全国碳市场温室气体排放重点工作的通知
各区生态环境局,各有关单位:
现将我市2023年全国碳市场重点排放单位温室气体排放报告管理相关重点工作通知如下:
一、发电行业重点排放单位于2023年3月31日前完成排放报告。
市生态环境局
2023年3月20日
"""


def test_a_national_market_named_in_a_title_is_not_the_documents_region(gazetteer):
    # "全国碳市场" names the market a city's notice works in; its 文号 (津) says where it applies
    from ingest.pipeline import parse_text

    meta = parse_text("tj", CITY_NOTICE_ON_THE_NATIONAL_MARKET, gazetteer).meta
    assert meta.region == "天津市", meta.evidence


MINISTRIES_PLAN = """工业领域节能降碳实施方案
为深入贯彻落实党中央、国务院决策部署,制定本实施方案。
一、重点任务
1.优化产业结构。推动传统产业转型升级。(国家发展改革委、工业和信息化部等按职责分工负责)
2.遏制高耗能项目。严格项目准入。(工业和信息化部、生态环境部、国家能源局等按职责分工负责)
3.淘汰落后产能。依法依规淘汰落后产能。(工业和信息化部、市场监管总局等按职责分工负责)
"""


def test_a_plan_without_a_head_whose_tasks_go_to_ministries_is_national(gazetteer):
    from ingest.pipeline import parse_text

    meta = parse_text("mi", MINISTRIES_PLAN, gazetteer).meta
    assert meta.region == "全国" and "中央部门" in meta.evidence["region"]
    local = MINISTRIES_PLAN.replace("国家发展改革委、工业和信息化部", "市发展改革委、市工信局")
    assert parse_text("local", local, gazetteer).meta.region != "全国"  # one local note is not a ministry's plan


@pytest.mark.parametrize("head, title, notice_title", [
    # a 通报 is a document too, its title wrapped over two lines
    ("江西省生态环境厅关于2023年第三季度重点排污单位生态环境\n执法督查发现问题的通报\n赣环督〔2023〕27号\n",
     "江西省生态环境厅关于2023年第三季度重点排污单位生态环境执法督查发现问题的通报", ""),
    # a report printed in part says so in brackets
    ("政府工作报告(节选)\n——2024年1月9日在某县第十七届人民代表大会第四次会议上\n", "政府工作报告(节选)", ""),
    # the 办法 a notice publishes ends one line, "的通知" stands on the next
    ("宜府办发〔2024〕12号\n宜昌市人民政府办公室关于印发宜昌市节能目标责任考核办法\n的通知\n",
     "宜昌市节能目标责任考核办法", "宜昌市人民政府办公室关于印发宜昌市节能目标责任考核办法的通知"),
])
def test_titles_of_other_kinds_and_broken_otherwise_are_read_whole(gazetteer, head, title, notice_title):
    from ingest.pipeline import parse_text

    body = "各设区市人民政府:\n一、基本情况\n2023年,全市完成节能技术改造项目63个,完成投资28.6亿元。\n某某单位\n2024年2月26日\n"
    meta = parse_text("doc", head + body, gazetteer).meta
    assert (meta.title, meta.notice_title) == (title, notice_title)
