"""Numbers as Chinese writes them (issue 15): one test per class of expression, asserting the value,
unit and qualifier a user reads; the invented expression sets in tests/gold/numbers are scored as a
whole; negative values flow into the model, the XML and the scorecard."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from annotate.annotators import run_all
from annotate.annotators.quantities import find_quantities
from annotate.model import Meta, Report
from annotate.reading.numerals import approximate_bounds, parse_number, split_multiplier
from annotate.corpus.scorecard import scorecard

ROOT = Path(__file__).resolve().parent.parent


def found(text: str) -> list[tuple]:
    """(value or (low, high), unit, qualifier) of every quantity in ``text``."""
    return [((q.low, q.high) if q.qualifier == "range" else q.value, q.unit, q.qualifier) for q in find_quantities(text)]


# ---------------------------------------------------------------- signs


@pytest.mark.parametrize("text, expected", [
    ("利润增长-12.5%", [(-12.5, "%", "exact")]),
    ("出口增速为负2.7%", [(-2.7, "%", "exact")]),
    ("同比增长－4.6%", [(-4.6, "%", "exact")]),
    ("同比为−1.8%", [(-1.8, "%", "exact")]),
    ("净利润为负三十二亿", [(-32, "亿", "exact")]),
    ("增长率为负百分之三", [(-3, "%", "exact")]),
    ("收入增长约-2%", [(-2, "%", "about")]),
    ("价格变动-3%至2%", [((-3, 2), "%", "range")]),
])
def test_a_sign_makes_the_value_negative(text, expected):
    assert found(text) == expected


def test_negative_normalized_and_change():
    q = find_quantities("净出口为-1,200亿元")[0]
    assert (q.value, q.normalized, q.base_unit) == (-1200, -120_000_000_000, "元")
    assert find_quantities("同比增长-1.5%")[0].change == "growth"


@pytest.mark.parametrize("text", ["电话：010-12345678", "400-800-1234", "不负千万海南人民的厚望"])
def test_a_dash_between_numbers_or_a_word_ending_in_fu_is_no_sign(text):
    assert all(v is None or not isinstance(v, (int, float)) or v >= 0 for v, _u, _q in found(text))


def test_jianfu_keeps_the_amount_positive():
    assert found("为经营主体减负2500亿元以上") == [(2500, "亿元", "at_least")]


# ---------------------------------------------------------------- thousands separators


@pytest.mark.parametrize("text, expected", [
    ("全年销售２，５００万元", [(2500, "万元", "exact")]),
    ("共计222, 222人", [(222222, "人", "exact")]),
    ("数量为1，234，567件", [(1234567, "件", "exact")]),
    ("共有1 234 567人", [(1234567, "人", "exact")]),
    ("营业额12,345.67万元", [(12345.67, "万元", "exact")]),
])
def test_thousands_separators(text, expected):
    assert found(text) == expected


def test_no_break_and_thin_spaces_group_thousands():
    assert found("約2\u202f600公頃") == [(2600, "公顷", "about")]
    assert found("共1\u00a0234\u00a0567人") == [(1234567, "人", "exact")]


@pytest.mark.parametrize("text, expected", [
    ("完成3、5项", [(3, "项", "exact"), (5, "项", "exact")]),
    ("实施项目12，其中新开工5个", [(5, "个", "exact")]),
    ("分为3，4，5三档", []),
    ("新建1，改建2所", [(2, "所", "exact")]),
])
def test_a_comma_between_independent_numbers_is_no_separator(text, expected):
    assert found(text) == expected


# ---------------------------------------------------------------- mixed, financial, approximate numerals


@pytest.mark.parametrize("text, expected", [
    ("2万3000人", [(23000, "人", "exact")]),
    ("4万2千8百", [(42800, "", "exact")]),
    ("7百人", [(700, "人", "exact")]),
    ("三百零五万", [(305, "万", "exact")]),
    ("三十六亿七千零二万", [(3670020000, "", "exact")]),
    ("1亿2000万元", [(120000000, "元", "exact")]),
    ("1亿3千多万", [(130000000, "", "above")]),
    ("壹贰叁", [(123, "", "exact")]),
    ("人民币壹佰贰拾叁元", [(123, "元", "exact")]),
    ("贰仟万元", [(2000, "万元", "exact")]),
    ("三十几万人", [((31, 39), "万人", "range")]),
    ("十几亿元", [((11, 19), "亿元", "range")]),
])
def test_mixed_financial_and_approximate_numerals(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("三四个", [((3, 4), "个", "range")]),
    ("两三年", [((2, 3), "年", "range")]),
    ("十五六岁", [((15, 16), "岁", "range")]),
    ("三四百万人", [((300, 400), "万人", "range")]),
    ("几十万", [((20, 90), "万", "range")]),
    ("数百公顷", [((200, 900), "公顷", "range")]),
    ("数万名志愿者", [((2, 9), "万名", "range")]),
    ("几万万人", [((200_000_000, 900_000_000), "人", "range")]),
    ("三千五元", [(3500, "元", "exact")]),
    ("两万五千人", [(25000, "人", "exact")]),
])
def test_approximate_and_colloquial_numerals(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", ["大陆", "队伍建设", "气象万千", "七万万两以上", "一两百年"])
def test_words_made_of_numeral_characters_are_no_numbers(text):
    assert found(text) == []


def test_numerals_module():
    assert parse_number("2万3000") == 23000
    assert parse_number("负三十二") == -32
    assert parse_number("２，５００") == 2500
    assert split_multiplier("7百") == ("7百", "")
    assert split_multiplier("5千万") == ("5", "千万")
    assert approximate_bounds("三十几") == (31, 39)
    assert approximate_bounds("三十") is None
    assert approximate_bounds("二〇二四") is None  # a digit string, no neighbours
    assert parse_number("两万五") == 25000 and parse_number("一千零五") == 1005
    assert parse_number("零下5") == -5


# ---------------------------------------------------------------- 一 and 半


@pytest.mark.parametrize("text, expected", [
    ("约一吨", [(1, "吨", "about")]),
    ("兑换一港元", [(1, "港元", "exact")]),
    ("增加一倍", [(1, "倍", "exact")]),
    ("一万人", [(1, "万人", "exact")]),
    ("降低一个百分点", [(1, "个百分点", "exact")]),
    ("一批企业", []),
    ("一个中心", []),
    ("一系列措施", []),
    ("党的一元化领导", []),
])
def test_yi_is_an_amount_only_before_a_measure(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("五斤半", [(5.5, "斤", "exact")]),
    ("三米半", [(3.5, "米", "exact")]),
    ("两吨半", [(2.5, "吨", "exact")]),
    ("一个半小时", [(1.5, "小时", "exact")]),
    ("两个半月", [(2.5, "个月", "exact")]),
])
def test_and_a_half(text, expected):
    assert found(text) == expected


# ---------------------------------------------------------------- fractions and shares


@pytest.mark.parametrize("text, expected", [
    ("千分之四", [(4, "‰", "exact")]),
    ("万分之三", [(3, "‱", "exact")]),
    ("百万分之八", [(8, "ppm", "exact")]),
    ("百分之六十", [(60, "%", "exact")]),
    ("六成", [(6, "成", "exact")]),
    ("六成五", [(6.5, "成", "exact")]),
    ("九折", [(9, "折", "exact")]),
    ("八五折", [(8.5, "折", "exact")]),
    ("百折不挠", []),
])
def test_fractions_and_shares(text, expected):
    assert found(text) == expected


# ---------------------------------------------------------------- qualifiers


@pytest.mark.parametrize("text, expected", [
    ("至少有12个", [(12, "个", "at_least")]),
    ("不少于二十项", [(20, "项", "at_least")]),
    ("超过了百分之零点八", [(0.8, "%", "above")]),
    ("最多不超过5000人", [(5000, "人", "at_most")]),
    ("30%以上（含）", [(30, "%", "at_least")]),
    ("至多10个", [(10, "个", "at_most")]),
    ("至少需要300名", [(300, "名", "at_least")]),
    ("最多可达20万人", [(20, "万人", "at_most")]),
    ("不得超过50%", [(50, "%", "at_most")]),
])
def test_qualifiers_that_do_not_touch_the_number(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("城乡居民收入分别增长6%和7.5%左右", [(6, "%", "about"), (7.5, "%", "about")]),
    ("失业率分别控制在5.5%和3%以内", [(5.5, "%", "at_most"), (3, "%", "at_most")]),
    ("分别下降3%、4%和5%左右", [(3, "%", "about"), (4, "%", "about"), (5, "%", "about")]),
    # without 分别, or with a qualifier of its own, a value keeps what it says
    ("增长6%和7.5%左右", [(6, "%", "exact"), (7.5, "%", "about")]),
    ("分别增长5%左右和8%", [(5, "%", "about"), (8, "%", "exact")]),
])
def test_fenbie_list_shares_the_last_qualifier(text, expected):
    assert found(text) == expected


def test_compound_unit_keeps_its_qualifier():
    q = find_quantities("全员劳动生产率18.5万元/人左右")[0]
    assert (q.value, q.unit, q.qualifier, q.base_unit, q.normalized) == (18.5, "万元/人", "about", "元/人", 185000)


# ---------------------------------------------------------------- units and currencies


@pytest.mark.parametrize("text, expected", [
    ("300澳门元", [(300, "澳门元", "exact")]),
    ("1000日元", [(1000, "日元", "exact")]),
    ("20英镑", [(20, "英镑", "exact")]),
    ("3000新台币", [(3000, "新台币", "exact")]),
    ("500台币", [(500, "台币", "exact")]),
    ("进口设备500台", [(500, "台", "exact")]),
    ("身高180公分", [(180, "公分", "exact")]),
    ("全长30km", [(30, "km", "exact")]),
    ("三两", [(3, "两", "exact")]),
    ("2000万TEU", [(2000, "万TEU", "exact")]),
    ("120万千瓦", [(120, "万千瓦", "exact")]),
    ("1.5万吨标准煤", [(1.5, "万吨标准煤", "exact")]),
    ("$1.5亿", [(1.5, "亿美元", "exact")]),
    ("￥300", [(300, "元", "exact")]),
    ("HK$200", [(200, "港元", "exact")]),
])
def test_units_and_currencies(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("零下5度", [(-5, "度", "exact")]),
    ("零下十五摄氏度", [(-15, "摄氏度", "exact")]),
    ("最低-3℃", [(-3, "℃", "exact")]),
    ("峰值为6.2公吨", [(6.2, "公吨", "exact")]),
    ("5个小时", [(5, "个小时", "exact")]),
    ("120㎡", [(120, "㎡", "exact")]),
    ("5km²", [(5, "km²", "exact")]),
    ("€50", [(50, "欧元", "exact")]),
    ("约合2.3亿美元", [(2.3, "亿美元", "about")]),
])
def test_temperatures_and_more_units(text, expected):
    assert found(text) == expected


def test_a_rate_per_a_large_unit_keeps_its_small_normalized_value():
    q = find_quantities("死亡率控制在0.6人/百亿元以下")[0]
    assert (q.unit, q.qualifier, q.base_unit) == ("人/百亿元", "at_most", "人/元")
    assert q.normalized == pytest.approx(6e-11)


def test_currency_sign_normalizes_like_its_unit():
    q = find_quantities("$1.5亿")[0]
    assert (q.text, q.normalized, q.base_unit) == ("$1.5亿", 150_000_000, "美元")


@pytest.mark.parametrize("text, expected", [
    ("从业人数接近260 000。", [(260000, "", "below")]),
    ("收入大约有300左右。", [(300, "", "about")]),
    ("差额为-5，", [(-5, "", "exact")]),
    ("满意度从84.7提升至89.6。", [(84.7, "", "exact"), (89.6, "", "exact")]),
    ("容积率为4至6.5，", [((4, 6.5), "", "range")]),
    ("十二点五", [(12.5, "", "exact")]),
    ("1、加强管理", []),
    ("蓝图2.0版", []),
    ("数字政府2.0建设", []),
    ("以PM\n2.5浓度", []),
    ("城乡收入比收窄至2：1以内", []),
    ("占全国1/3以上", []),
])
def test_a_bare_number_is_kept_when_plainly_measured(text, expected):
    """With no unit, a number stands on its own only when a sign, a qualifier or a separator says it
    is measured; list numbers, versions, ratios and fractions stay out."""
    assert found(text) == expected


def test_unknown_unit_is_left_off():
    assert found("3000与5000间") == [((3000, 5000), "", "range")]
    assert found("在10到20之间") == [((10, 20), "", "range")]


# ---------------------------------------------------------------- not quantities


@pytest.mark.parametrize("text", [
    "https://example.com/a%3A%2F2021%", "链接为%3A%2F2021%20", "1、加强管理", "（3）推进改革",
    "咨询电话12345678", "第十二条", "2021年", "1998年以来", "5G网络",
])
def test_not_quantities(text):
    assert found(text) == []


# ---------------------------------------------------------------- invariants


@settings(max_examples=60, derandomize=True)
@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["-", "负", "－"]))
def test_any_signed_grouped_number_reads_back(n, sign):
    """A signed number with thousands commas reads back as itself, whatever its size."""
    assert found(f"差额为{sign}{n:,}万元") == [(-n, "万元", "exact")]


@settings(max_examples=60, derandomize=True)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_any_chinese_numeral_reads_back(n):
    """Every integer written the Chinese way (三千零五万零二十) parses back to itself."""
    digits = "零一二三四五六七八九"

    def group(v: int) -> str:  # 0 < v < 10000
        out, zero = "", False
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d = v // size % 10
            if d:
                out += ("零" if zero and out else "") + digits[d] + unit
                zero = False
            else:
                zero = True
        return out

    hi, lo = divmod(n, 10_000)
    text = (group(hi) + "万" + (("零" if lo < 1000 else "") + group(lo) if lo else "")) if hi else group(lo)
    assert parse_number(text) == n


# ---------------------------------------------------------------- the expression sets and the scorecard


@pytest.mark.parametrize("name", ["expressions.tsv", "blind.tsv", "blind2.tsv"])
def test_expression_sets_meet_the_targets(name):
    spec = importlib.util.spec_from_file_location("evaluate_numbers", ROOT / "bench" / "evaluate_numbers.py")
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    overall = ev.evaluate(ROOT / "tests" / "gold" / "numbers" / name)["overall"]
    assert overall["lines"] >= 80
    assert overall["right"] / overall["lines"] >= 0.95
    assert overall["correct"] / overall["predicted"] >= 0.98


def _report(text, year, review_year=None):
    return run_all(Report(meta=Meta(year=year, review_year=review_year, issuer="某市人民政府"), text=text))


def test_negative_growth_is_missed_in_the_scorecard():
    plan = _report("今年主要预期目标是：地区生产总值增长6%左右；城镇新增就业30万人以上。\n", 2030)
    result = _report("过去一年，地区生产总值增长-1.5%，城镇新增就业31.2万人。\n"
                     "今年主要预期目标是：地区生产总值增长5%左右。\n", 2031, 2030)
    line = {ln.indicator: ln for ln in scorecard(plan, result).lines}["gdp_growth"]
    assert (line.verdict, line.actual.value) == ("missed", -1.5)


def test_negative_values_survive_the_xml_round_trip():
    from annotate.xml.reader import read_xml
    from annotate.xml.validate import validate_bytes
    from annotate.xml.writer import write_xml

    report = _report("过去一年，出口增长-3.4%，净利润为负三十二亿元，价格变动-3%至2%。\n", 2031, 2030)
    data = write_xml(report)
    validate_bytes(data, "t.xml")
    back = read_xml(data, "t.xml")
    assert [(q.value, q.normalized, q.low, q.high) for q in back.quantities] == [
        (-3.4, -3.4, None, None), (-32, -3_200_000_000, None, None), (None, None, -3, 2)]
    assert back.quantities == report.quantities
