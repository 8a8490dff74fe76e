"""Dates, periods and ranks (DOMAIN.md 3) and the numeral parser they share with quantities."""

from __future__ import annotations

import pytest

from annotate.annotators.dates import annotate_dates, find_dates, find_periods, find_ranks
from annotate.reading.numerals import parse_number, split_multiplier


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("——2021年12月15日在北京市通州区", "2021年12月15日", "2021-12-15"),
        ("——2021 年 12 月 15 日在", "2021 年 12 月 15 日", "2021-12-15"),
        ("2022年国民经济", "2022年", "2022"),
        ("2022年3月", "2022年3月", "2022-03"),
        ("二〇二一年", "二〇二一年", "2021"),
        ("今年6月内地与特区", "6月", "--06"),
    ],
)
def test_dates(text, span, value):
    d = find_dates(text)
    assert [(x.text, x.value) for x in d] == [(span, value)]


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("1-11月，一般公共预算收入", "1-11月", "--01/--11"),
        ("1-11 月，", "1-11 月", "--01/--11"),
        ("1-3季度地区生产总值", "1-3季度", "Q1/Q3"),
        ("前三季度", "前三季度", "Q1/Q3"),
        ("预计全年地区生产总值", "全年", "year"),
        ("上半年", "上半年", "H1"),
        ("17号线南段预计年底开通", "年底", "year-end"),
        ("将于年内完工", "年内", "within-year"),
        ("“十四五”时期", "“十四五”时期", "2021/2025"),
        ("“十五五”时期", "“十五五”时期", "2026/2030"),
        ("这五年", "这五年", "P5Y"),
        ("近五年", "近五年", "P5Y"),
        ("2024-25学年", "2024-25学年", "2024/2025"),
        ("2021—2025年", "2021—2025年", "2021/2025"),
        ("到2025年底", "2025年底", "2025:year-end"),
    ],
)
def test_periods(text, span, value):
    p = find_periods(text)
    assert [(x.text, x.value) for x in p] == [(span, value)]
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text, span, scope, position",
    [
        ("同比增长21.5%，增速居全市第一", "居全市第一", "全市", 1),
        ("两年平均增速居全市第五", "居全市第五", "全市", 5),
        ("在全市营商环境评价中位列第三", "位列第三", None, 3),
        ("总量全国第一", "全国第一", "全国", 1),
        ("居各行业第二位", "居各行业第二位", "各行业", 2),
        ("补贴项目总量居全市首位", "居全市首位", "全市", 1),
    ],
)
def test_ranks(text, span, scope, position):
    r = find_ranks(text)
    assert [(x.text, x.scope, x.position) for x in r] == [(span, scope, position)]


@pytest.mark.parametrize("text", ["第四次全国经济普查", "第14届全运会", "第三产业占比62.8%"])
def test_ordinals_are_not_ranks(text):
    assert find_ranks(text) == []


def test_annotator_fills_three_layers_with_blocks():
    from annotate.model import Block, Meta, Report

    text = "1-11月，收入增长21.5%，增速居全市第一。2022年目标"
    report = Report(Meta(), text, blocks=(Block("p1", "p", None, 0, len(text)),))
    out = annotate_dates(report)
    assert [(d.id, d.block, d.text, d.value) for d in out.dates] == [("d1", "p1", "2022年", "2022")]
    assert [(p.id, p.text) for p in out.periods] == [("pd1", "1-11月")]  # not t1: targets are t…
    assert [(r.id, r.text, r.position) for r in out.ranks] == [("r1", "居全市第一", 1)]
    for layer in (out.dates, out.periods, out.ranks):
        for span in layer:
            assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "s, value",
    [("90.15", 90.15), ("1,234", 1234), ("８", 8), ("一千二百", 1200), ("两", 2), ("十二", 12),
     ("三点五", 3.5), ("一千二百万", 12000000), ("1.2万", 12000), ("二〇二一", 2021), ("一亿二千万", 120000000),
     ("十四五", None), ("abc", None)],
)
def test_parse_number(s, value):
    assert parse_number(s) == value


def test_split_multiplier():
    assert split_multiplier("千亿") == ("千", "亿")
    assert split_multiplier("一千二百万") == ("一千二百", "万")
    assert split_multiplier("1.2万亿") == ("1.2", "万亿")
    assert split_multiplier("万") == ("万", "")


def test_iso_dates_and_first_months():
    assert [(d.text, d.value) for d in find_dates("时间：2026-02-02\n")] == [("2026-02-02", "2026-02-02")]
    assert [(p.text, p.value) for p in find_periods("投资推广署今年首九个月已协助")] == [("首九个月", "--01/--09")]
    assert find_periods("目标是五年内为所有发展区") == []  # within five years: a quantity


def test_tier_is_not_a_rank():
    assert find_ranks("零售规模稳居全国第一梯队") == []


def test_traditional_periods_and_ranks():
    assert [(p.text, p.value) for p in find_periods("政府過去兩年積極開拓")] == [("過去兩年", "P2Y")]
    assert [(r.text, r.scope, r.position) for r in find_ranks("新股集資額位列全球第一。")] == [("位列全球第一", "全球", 1)]


def test_registry_orders_readers_of_periods_and_ranks_after_them():
    from annotate.annotators import ordered

    names = [a.adds for a in ordered()]
    for layer in ("periods", "ranks"):
        assert layer in names
        for a in ordered():
            if layer in a.requires:
                assert names.index(layer) < names.index(a.adds)


@pytest.mark.parametrize("text, span, value", [
    ("明年內提出建議", "明年內", "next:within-year"),  # Hong Kong 2025: next year, not this one
    ("今年内完工", "今年内", "within-year"),
    ("占比较上年末提高1.2个百分点", "上年末", "last:year-end"),
    ("去年底完成", "去年底", "last:year-end"),
    ("年底前完成", "年底", "year-end"),
])
def test_period_relative_to_the_speech_year(text, span, value):
    (p,) = find_periods(text)
    assert (p.text, p.value) == (span, value)


def test_jin_nian_zhong_is_not_mid_year():
    assert find_periods("今年中央财政安排资金") == []


def test_rank_list_shares_the_scope():
    ranks = find_ranks("汽车换新数量分别居全国第2位、第7位；第三次会议")
    assert [(r.text, r.scope, r.position) for r in ranks] == [("居全国第2位", "全国", 2), ("第7位", "全国", 7)]
    assert find_ranks("召开第四次会议、第5届论坛") == []
