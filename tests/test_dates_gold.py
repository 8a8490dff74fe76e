"""Dates, periods and ranks against the hand-built gold (tests/gold/dates/), and the rules the gold
showed were missing (one small string each).

The gold stores paragraph text, so this runs without the corpus; bench/evaluate_layers.py prints the
same numbers per report.  Thresholds sit a little under today's numbers (dates R 0.989, periods 1.0,
ranks R 0.979, values all right) so that a real regression fails, not a one-span wobble.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from annotate.annotators.dates import find_dates, find_periods, find_ranks

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from evaluate_layers import evaluate_dates  # noqa: E402


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("一年来，我们坚持", "一年来", "P1Y"),
        ("过去一年，是全面贯彻", "过去一年", "P1Y"),
        ("回歸28年來始終保持開放", "28年來", "P28Y"),  # both digits, traditional script
        ("協定談判已於今年中大致完成", "今年中", "mid-year"),
        ("明年中为本地渔农产品建", "明年中", "next:mid-year"),
        ("比上年年初预算增加1800亿元", "上年年初", "last:year-start"),
        ("政府2026年第二季起将逐步", "第二季", "Q2"),  # Hong Kong's word for a quarter
        ("超额完成全年任务目标", "全年", "year"),  # 完成 before 全年 is no word with 年
    ],
)
def test_periods_the_gold_asked_for(text, span, value):
    assert [(p.text, p.value) for p in find_periods(text)] == [(span, value)]


@pytest.mark.parametrize(
    "text",
    [
        "繼續推展「民青局青年內地交流資助計劃」",  # 青年 + 內地, not 年內
        "今年中央财政安排资金",
        "另外2萬個將在未來一年半內全部落成",  # a duration (a quantity), not the coming year
        "推出第二季节目",
    ],
)
def test_not_periods(text):
    assert find_periods(text) == []


@pytest.mark.parametrize(
    "text, span, scope, position",
    [
        ("城镇化率提高到76.58%、居各省区首位", "居各省区首位", "各省区", 1),
        ("累计成交量稳居全国区域碳市场首位。", "居全国区域碳市场首位", "全国区域碳市场", 1),
        ("居民收入居全省第一", "居全省第一", "全省", 1),  # 居民 is not 居 + scope
    ],
)
def test_ranks_with_any_scope_after_ju(text, span, scope, position):
    assert [(r.text, r.scope, r.position) for r in find_ranks(text)] == [(span, scope, position)]


def test_ju_wu_is_a_housing_scheme_not_a_rank():
    assert find_ranks("由下一期「白表居屋第二市場計劃」") == []
    assert find_ranks("「綠置居」）和「白表居屋第二市場計劃」") == []


def test_dates_still_whole():
    assert [(d.text, d.value) for d in find_dates("2026年5月1日生效")] == [("2026年5月1日", "2026-05-01")]


def test_gold_precision_recall_and_values():
    res = evaluate_dates(tuning_only=True)
    sizes = {layer: res[layer]["overall"]["gold"] for layer in res}
    assert sum(sizes.values()) >= 150 and len(res["dates"]) - 1 >= 3  # ≥ 150 spans from ≥ 3 reports
    for layer, floor in (("dates", 0.97), ("periods", 0.97), ("ranks", 0.95)):
        o = res[layer]["overall"]
        assert o["precision"] >= 0.97, (layer, o)
        assert o["recall"] >= floor, (layer, o)
        assert o["value_accuracy"] >= 0.97, (layer, o)
