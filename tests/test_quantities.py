"""Quantities: every edge convention of DOMAIN.md section 3, on plain strings."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from annotate.annotators.quantities import find_quantities


def q1(text: str):
    """The only quantity in ``text``."""
    found = find_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def texts(text: str) -> list[str]:
    return [q.text for q in find_quantities(text)]


def test_value_unit_normalized_for_yi_yuan():
    q = q1("一般公共预算收入完成90.15亿元")
    assert (q.text, q.value, q.unit, q.normalized, q.base_unit, q.qualifier) == (
        "90.15亿元", 90.15, "亿元", 9015000000, "元", "exact")
    assert isinstance(q.normalized, int)


def test_space_between_digits_and_unit_is_accepted():
    q = q1("一般公共预算收入达到 92 亿元，")
    assert (q.text, q.value, q.unit, q.normalized) == ("92 亿元", 92, "亿元", 9200000000)


def test_wan_ren():
    q = q1("实现城乡劳动力就业1.5万人")
    assert (q.value, q.unit, q.normalized, q.base_unit) == (1.5, "万人", 15000, "人")


def test_chinese_qian_yi_yuan_is_1000_yi():
    q = q1("全社会固定资产投资超千亿元；")
    assert (q.text, q.value, q.unit, q.normalized, q.base_unit, q.qualifier) == (
        "超千亿元", 1000, "亿元", 100000000000, "元", "above")


def test_fullwidth_percent():
    q = q1("同比增长８％")
    assert (q.value, q.unit, q.base_unit, q.normalized) == (8, "％", "%", 8)


def test_percentage_points():
    q = q1("占比较上年末提高1.2个百分点")
    assert (q.value, q.unit, q.base_unit, q.change) == (1.2, "个百分点", "个百分点", "growth")


@pytest.mark.parametrize(
    "text, span, qualifier",
    [
        ("同比增长8%左右；", "8%左右", "about"),
        ("提高约0.5个百分点", "约0.5个百分点", "about"),
        ("城镇新增就业1200万人以上", "1200万人以上", "at_least"),
        ("居住区覆盖率不低于90%", "不低于90%", "at_least"),
        ("登记失业率控制在3%以内", "3%以内", "at_most"),
        ("超1亿", "超1亿", "above"),
        ("各类金融企业达到3000余个", "3000余个", "above"),
        ("规模突破5000亿元", "突破5000亿元", "above"),
        ("逾15%", "逾15%", "above"),
        ("7500多亿元", "7500多亿元", "above"),
        ("累计注册企业近1.5万家", "近1.5万家", "below"),
        ("不到10%", "不到10%", "below"),
        ("地区生产总值迈上5万亿台阶", "迈上5万亿", "at_least"),
    ],
)
def test_qualifier_words_are_inside_the_span(text, span, qualifier):
    if not span:
        return
    q = q1(text)
    assert (q.text, q.qualifier) == (span, qualifier)


def test_yixia_is_at_most():
    q = q1("细颗粒物浓度降至30微克/立方米以下")
    assert (q.text, q.unit, q.qualifier) == ("30微克/立方米以下", "微克/立方米", "at_most")


def test_bare_multiplier_has_empty_base_unit():
    q = q1("超1亿")
    assert (q.value, q.unit, q.normalized, q.base_unit) == (1, "亿", 100000000, "")
    q = q1("保持千亿以上投资规模")
    assert (q.text, q.value, q.unit, q.normalized, q.base_unit, q.qualifier) == (
        "千亿以上", 1000, "亿", 100000000000, "", "at_least")


@pytest.mark.parametrize(
    "text, span, low, high",
    [
        ("增长6%-6.5%", "6%-6.5%", 6, 6.5),
        ("增长6.5%－7%", "6.5%－7%", 6.5, 7),
        ("增长６.５％－７％", "６.５％－７％", 6.5, 7),
        ("增长6-6.5%", "6-6.5%", 6, 6.5),
        ("3-11岁儿童", "3-11岁", 3, 11),
        ("提早5至8个月落成", "5至8个月", 5, 8),
    ],
)
def test_ranges(text, span, low, high):
    q = q1(text)
    assert (q.text, q.qualifier, q.low, q.high) == (span, "range", low, high)
    assert q.value is None


def test_false_range_is_two_quantities():
    found = find_quantities("资助上限增加一倍至1,600万元")
    assert [(q.text, q.value, q.unit) for q in found] == [("一倍", 1, "倍"), ("1,600万元", 1600, "万元")]


@pytest.mark.parametrize(
    "text, value, unit, normalized, base",
    [
        ("一千二百万", 1200, "万", 12000000, ""),
        ("1.2万亿", 1.2, "万亿", 1200000000000, ""),
        ("百分之五", 5, "%", 5, "%"),
        ("两年平均增速", 2, "年", 2, "年"),
        ("1000万千瓦", 1000, "万千瓦", 10000000, "千瓦"),
        ("500千伏线路", 500, "千伏", 500, "千伏"),
        ("赤字规模4.06万亿元", 4.06, "万亿元", 4060000000000, "元"),
        ("约3 000辆电动的士", 3000, "辆", 3000, "辆"),
        ("3,000万元", 3000, "万元", 30000000, "元"),
        ("新增造林面积2.3万亩", 2.3, "万亩", 23000, "亩"),
        ("细颗粒物月均浓度36微克/立方米", 36, "微克/立方米", 36, "微克/立方米"),
        ("缩减3.2个工作日", 3.2, "个工作日", 3.2, "个工作日"),
        ("新设企业19860户", 19860, "户", 19860, "户"),
        ("增长20倍", 20, "倍", 20, "倍"),
        ("上亿人出棚进楼", 1, "亿人", 100000000, "人"),
    ],
)
def test_numerals_and_units(text, value, unit, normalized, base):
    q = q1(text)
    assert (q.value, q.unit, q.normalized, q.base_unit) == (value, unit, normalized, base)


@pytest.mark.parametrize(
    "text",
    [
        "累计建成5G基站",
        "17号线南段预计年底开通",
        "加快推进M101线工程建设",
        "水质达到IV类",
        "2021年是“十四五”开局之年",
        "形成“1+1+N”创新政策体系",
        "形成“4+4”调度工作机制",
        "坚决打好三大攻坚战",
        "聚焦5大领域",
        "百亿级产业集群",
        "创建国家5A级旅游景区",
        "二级以上公立医院",
        "建立省市县三级巡回医疗工作制度",
        "第四次全国经济普查",
        "第14届全运会",
        "上榜世界500强企业",
        "U19国家队",
        "这五年",
        "近五年",
        "实现翻番",
        "2021年12月15日",
        "2022年",
        "1-11月",
        "区六届人大七次会议",
        "千家万户",
        "抓好两个“关键小事”",
        "新增仙桃等4个千亿县",
    ],
)
def test_not_quantities(text):
    assert [q.text for q in find_quantities(text) if q.text not in ("4个",)] == []


def test_continuous_years_is_a_duration():
    q = q1("连续9年居全国首位")
    assert (q.text, q.value, q.unit, q.base_unit) == ("9年", 9, "年", "年")


def test_fenbie_distributes_values():
    text = "金融机构存贷款余额分别达到 5895 亿元和 1997.9 亿元，同比分别增长 10.8%和 29.5%，分别高于全市平均水平 4.2 和 20.7 个百分点"
    found = find_quantities(text)
    got = [(q.text, q.value, q.unit, q.change) for q in found]
    assert got[:4] == [
        ("5895 亿元", 5895, "亿元", None),
        ("1997.9 亿元", 1997.9, "亿元", None),
        ("10.8%", 10.8, "%", "growth"),
        ("29.5%", 29.5, "%", "growth"),
    ]
    # a bare number joined by 和 shares the unit of the next one
    assert got[4:] == [("4.2", 4.2, "个百分点", None), ("20.7 个百分点", 20.7, "个百分点", None)]


def test_shared_multiplier_unit():
    found = find_quantities("单日最高客运量分别达1409万、1305万人次")
    assert [(q.text, q.unit, q.normalized, q.base_unit) for q in found] == [
        ("1409万", "万人次", 14090000, "人次"), ("1305万人次", "万人次", 13050000, "人次")]


def test_change_direction():
    found = find_quantities("单位国内生产总值能耗降低2.5%左右，居民收入增长6.1%，常住人口城镇化率提高到66.2%")
    assert [(q.text, q.change) for q in found] == [("2.5%左右", "decline"), ("6.1%", "growth"), ("66.2%", None)]


def test_ids_offsets_and_text_agree():
    text = "新设企业19860户，同比增长18.4%"
    found = find_quantities(text)
    assert [q.id for q in found] == ["q1", "q2"]
    for q in found:
        assert text[q.start : q.end] == q.text
        assert q.block == ""


def test_annotator_registered_and_fills_report():
    import dataclasses

    from annotate.annotators import REGISTRY, ordered
    from annotate.annotators.quantities import annotate_quantities
    from annotate.model import Block, Meta, Report

    ordered()
    assert any(a.adds == "quantities" and a.run is annotate_quantities for a in REGISTRY)
    text = "标题\n新设企业19860户，同比增长18.4%。"
    report = Report(Meta(), text, blocks=(Block("b1", "title", None, 0, 2), Block("p1", "p", None, 3, len(text))))
    out = annotate_quantities(report)
    assert [(q.id, q.block, q.text) for q in out.quantities] == [("q1", "p1", "19860户"), ("q2", "p1", "18.4%")]
    assert dataclasses.replace(out, quantities=()) == report


@pytest.mark.parametrize(
    "text, span, value, unit, qualifier",
    [
        ("较去年同期增长超过两成半", "超过两成半", 2.5, "成", "above"),
        ("降至约四年半", "约四年半", 4.5, "年", "about"),
        ("分两期投放政策性金融工具", "两期", 2, "期", "exact"),
        ("目标是五年内为所有发展区", "五年内", 5, "年", "at_most"),
        ("公交与轨道50米内换乘", "50米内", 50, "米", "at_most"),
        ("上海遭遇疫情，将核酸检测能力提升至938万管以上", "938万管以上", 938, "万管", "at_least"),
        ("惠及上千万家庭", "上千万", 1000, "万", "above"),
        ("新增荆州等3个过三千亿元城市", None, None, None, None),
    ],
)
def test_more_qualifiers_and_units(text, span, value, unit, qualifier):
    found = find_quantities(text)
    if span is None:  # 过三千亿元 beside a 3个 count
        assert [(q.text, q.qualifier) for q in found] == [("3个", "exact"), ("过三千亿元", "above")]
        return
    q = q1(text)
    assert (q.text, q.value, q.unit, q.qualifier) == (span, value, unit, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "每千人企业数量增加到",  # a rate's denominator
        "本届政府上任时的五年期",  # a term, not a duration
        "第二个五年期公屋供应量",
        "行政办公区二期加快建设",
        "设怡乐园二区社区级家园中心",
        "一二三次产业协调融合",
        "省委十一届六次、七次全会",
        "附件2 名词解释",
        "零部件",
        "九年义务教育巩固率",
        "通过3年努力",
        "线上3场",
    ],
)
def test_more_non_quantities(text):
    if text in ("通过3年努力", "线上3场"):  # the qualifier must not attach, the count stays
        assert [q.qualifier for q in find_quantities(text)] == ["exact"]
        return
    assert find_quantities(text) == []


def test_traditional_text_is_matched_through_its_simplified_view():
    text = "新股集資額至八月底累計逾1,300億元，按年多近六倍"
    found = find_quantities(text)
    assert [(q.text, q.value, q.unit, q.normalized, q.qualifier) for q in found] == [
        ("逾1,300億元", 1300, "亿元", 130000000000, "above"),
        ("近六倍", 6, "倍", 6, "below"),
    ]
    for q in found:
        assert text[q.start : q.end] == q.text


def test_unit_scale_for_range_consumers():
    from annotate.annotators.quantities import unit_scale

    assert unit_scale("亿元") == ("元", 1e8)
    assert unit_scale("万亿斤") == ("斤", 1e12)
    assert unit_scale("%") == ("%", 1.0)
    assert unit_scale("万") == ("", 1e4)
    assert unit_scale("千伏") == ("千伏", 1.0)
    assert unit_scale("furlong") == ("", 1.0)


@pytest.mark.parametrize("text, first, second", [
    ("服務券的總數增加4000張至16000張。", ("4000張", 4000, "growth"), ("16000張", 16000, None)),
    ("名额增加5万人至20万人。", ("5万人", 5, "growth"), ("20万人", 20, None)),
])
def test_change_then_level_is_not_a_range(text, first, second):
    """A change verb, its amount, 至 the level reached: two quantities (Hong Kong 2025)."""
    qs = find_quantities(text)
    assert [(q.text, q.value, q.change) for q in qs] == [first, second]
    assert all(q.qualifier == "exact" and q.low is None for q in qs)


@pytest.mark.parametrize("text, low, high", [("经济增长6%至6.5%。", 6, 6.5), ("比2015年减少三至四成。", 3, 4),
                                            ("名额增加10至15个。", 10, 15)])
def test_range_of_a_change_stays_a_range(text, low, high):
    """A percentage band, or a first number without its own unit: one range."""
    (q,) = find_quantities(text)
    assert (q.qualifier, q.low, q.high) == ("range", low, high)
    assert q.change in ("growth", "decline")


@pytest.mark.parametrize("text, value, unit", [
    ("粮食产量首次跃上1.4万亿斤新台阶", 1.4, "万亿斤"),
    ("经济总量跨上3万亿元台阶", 3, "万亿元"),
    ("地区生产总值登上2万亿元新台阶", 2, "万亿元"),
    ("外贸规模站上4万亿元", 4, "万亿元"),
    ("迈上5万亿台阶", 5, "万亿"),
])
def test_stepping_onto_a_level_is_at_least(text, value, unit):
    """跃上/跨上/登上/站上 an amount, like 迈上…台阶 (DOMAIN.md 3), reached or passed it: at_least."""
    q = q1(text)
    assert (q.value, q.unit, q.qualifier) == (value, unit, "at_least")
    assert q.text.startswith(text[text.index(q.text[:2])])


@pytest.mark.parametrize("text, want", [
    # a common fraction is a share: value the share, no unit; its qualifier as for any number
    ("至少四分之三公帑资助学校", ("至少四分之三", 0.75, "", "at_least")),
    ("绿地率达到三分之一以上", ("三分之一以上", 0.333333, "", "at_least")),
    ("由两成攀升至近三分之一", ("近三分之一", 0.333333, "", "below")),
    ("缩短约三分之一的时间", ("约三分之一", 0.333333, "", "about")),
    ("服务业增加值占比达到三分之二", ("三分之二", 0.666667, "", "exact")),
])
def test_common_fractions_are_shares(text, want):
    got = [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities(text) if "分之" in q.text]
    assert got == [want]


def test_percent_words_and_improper_fractions_are_not_common_fractions():
    assert [(q.value, q.unit) for q in find_quantities("增长百分之六十")] == [(60, "%")]
    assert [(q.value, q.unit) for q in find_quantities("下降千分之四")] == [(4, "‰")]
    assert [q.text for q in find_quantities("五分之七") if "分之" in q.text] == []


def test_a_fraction_target_in_a_targets_block():
    from annotate.annotators import run_all
    from annotate.model import Meta, Report

    r = run_all(Report(meta=Meta(year=2025), text="各位代表：\n主要预期目标是：地区生产总值增长5%左右；城市建成区绿地率达到三分之一以上。\n"))
    assert [(t.metric, t.value, t.unit, t.qualifier) for t in r.targets] == [
        ("地区生产总值", 5, "%", "about"), ("城市建成区绿地率", 0.333333, "", "at_least")]


@given(st.text(alphabet="增长5%亿元“”0123", max_size=40),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6))
def test_blanking_spans_equals_blanking_each_character(text, raw):
    """The masked copy the quantity pattern scans: every character of every span (overlapping or
    not) blanked, the rest kept, the length unchanged."""
    from annotate.annotators.quantities import blanked

    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in raw]
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = "\u2063"
    assert blanked(text, spans) == "".join(chars)


def test_huo_counts_flats_in_a_hong_kong_address():
    # 伙 is Hong Kong's measure word for flats (公营房屋供应量将达189 000伙); 一伙人 (a gang) names no amount
    q = q1("总体公营房屋供应量将达189 000伙，较上任时增加")
    assert (q.text, q.value, q.unit) == ("189 000伙", 189000, "伙")
    assert texts("揭露了一伙隐藏得很深的坏人") == []
    assert [t for t in texts("与150伙伴签约") if "伙" in t] == []  # 伙伴: partners, no flats


def test_one_and_a_half_is_an_amount_but_not_half_of_or_a_year_or_so():
    # 一年半 is 1.5 years, as 四年半 is 4.5 (轮候时间可在2026-27年度共减少一年半，降至四年半)
    assert [(q.text, q.value, q.unit) for q in find_quantities("共减少一年半，降至四年半")] == [
        ("一年半", 1.5, "年"), ("四年半", 4.5, "年")]
    assert texts("一年半载就能完成") == []  # a year or so
    assert texts("这一年半数以上的企业扭亏") == []  # 半数: half of the firms
    assert texts("三年半数企业") == ["三年"]
