"""Targets stated as goals (issue 11, annotate/annotators/goal_targets.py).

Hong Kong policy addresses set no targets block; they state goals (目标是…, 以…为目标, …的目标,
目标在…内…), and mainland task sections use the same shapes (力争到2027年…).  Sentences are invented
in the shapes of the addresses; the hand-labelled gold of four addresses is in tests/gold/targets_hk.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from annotate import pipeline
from annotate.annotators import run_all
from annotate.comparing.compare import target_changes
from annotate.comparing.goal_pairing import alike, fold_metric
from annotate.model import Meta, Report

from test_targets import tag_text

ROOT = Path(__file__).resolve().parent.parent


def _report(year: int, text: str, script: str = "simplified") -> Report:
    """Annotate a snippet as a report body of ``year`` in ``script``."""
    return run_all(Report(meta=Meta(year=year, script=script), text=text))


def goals(text: str, year: int = 2023, script: str = "simplified") -> list[tuple]:
    r = _report(year, text, script)
    return [(t.metric, t.value, t.unit, t.qualifier, t.horizon, t.period, t.direction)
            for t in r.targets if t.goal]


# --------------------------------------------------------------------------- each shape


def test_goal_is_sets_a_multi_year_measure_with_its_metric_value_and_period():
    assert goals("政府会扩建公共泳池，目标是在2028年底前将全港泳池的总数提升至约60个。") == [
        ("全港泳池的总数", 60, "个", "about", "multi_year", "2028年底前", "up")]


def test_goal_after_its_metric_goes_on_with_the_clause_before():
    # …的目标: the goal clause names no metric; the clause before (past its review figure) does
    assert goals("平均轮候时间已由5年缩短至4.2年，进一步迈向2028-29年度下降至3.5年的目标。") == [
        ("平均轮候时间", 3.5, "年", "exact", "multi_year", "2028-29年度", "down")]
    assert goals("轮候时间成功回落，由高峰约6年，回落至5年；正逐步向2029年降至4年的目标迈进。") == [
        ("轮候时间", 4, "年", "exact", "multi_year", "2029年", "down")]


def test_goal_for_reads_between_yi_and_wei_mubiao():
    # 超越 is above, like 突破; 以三年 is the period, not a value
    assert goals("发展本地渔业产量，以三年超越5 000吨为目标。") == [
        ("本地渔业产量", 5000, "吨", "above", "multi_year", "三年", "up")]


def test_goal_within_years_and_a_multiple():
    assert goals("目标在10年内将本地蔬菜产量增加五倍。") == [
        ("本地蔬菜产量", 5, "倍", "exact", "multi_year", "10年内", "up")]
    # a multiple followed by its result: the result is the target; the starting level is not
    assert goals("目标是将自动化生产线由目前约20条在五年间增加三倍至超过80条。") == [
        ("自动化生产线", 80, "条", "above", "multi_year", "五年间", "up")]


def test_counts_name_what_they_count_after_the_value():
    assert goals("亦会提供支持，实现在2030年底前投入约500辆氢能巴士和约2 000辆电动货车的目标。") == [
        ("氢能巴士", 500, "辆", "about", "multi_year", "2030年底前", None),
        ("电动货车", 2000, "辆", "about", "multi_year", "2030年底前", None)]


def test_mainland_strive_goal():
    assert goals("力争到2028年，全市森林覆盖率达到45%以上。", year=2026) == [
        ("全市森林覆盖率", 45, "%", "at_least", "multi_year", "到2028年", None)]


def test_traditional_script_keeps_its_wording():
    got = goals("平均輪候時間已縮短至4.2年，進一步邁向2028-29年度下降至3.5年的目標。", script="traditional")
    assert got == [("平均輪候時間", 3.5, "年", "exact", "multi_year", "2028-29年度", "down")]


def test_goal_with_no_year_is_the_reports_year():
    assert goals("目标是约九成申请可于首次呈交时获批。") == [("申请", 9, "成", "about", "year", "2023", None)]


def test_a_goal_listed_as_follows_gives_one_target_per_item_line():
    text = ("推出设施发展蓝图，目标如下：\n第一阶段（2024 - 2028）开展12个工程项目；\n"
            "第二阶段（2028 - 2033）开展9个工程项目。\n5. 其他措施。\n")
    assert [(m, v, p) for m, v, _u, _q, _h, p, _d in goals(text)] == [
        ("工程项目", 12, "2024 - 2028"), ("工程项目", 9, "2028 - 2033")]


# --------------------------------------------------------------------------- what is no goal target


@pytest.mark.parametrize("text", [
    "目标是2034年或之前同步开通。",                         # a deadline alone: the commitment layer's
    "目标是成为国际创新科技中心。",                          # an aspiration without a measure
    "预计惠及约1 300个目标住户，每年为约20万人次提供服务。",     # 目标 inside a noun phrase
    "加快实现在全港18区均设立康健中心的目标。",                # every one of a known set
    "约章涵盖四个促进健康的要素及目标。",                      # 目标 listed among nouns
    "我们争取于2026年分阶段完成这两个项目。",                  # which projects, not how many
    "去年已实现粮食产量600万吨的目标。",                       # a goal the review reports as met
    "目标是在两个学年后推行小班教学。",                        # a count of periods is when
    "广义货币M2增长11.3%，低于13%左右的预期目标。",             # the targets block, restated
])
def test_no_goal_target(text):
    assert goals(text) == []


def test_the_targets_block_is_left_to_the_targets_annotator():
    r = tag_text("今年主要预期目标是：地区生产总值增长5%左右；城镇调查失业率5.5%左右。\n"
                 "力争到2030年，常住人口城镇化率达到70%。\n", year=2026)
    assert [(t.indicator, t.value, t.scope, t.goal) for t in r.targets][:2] == [
        ("gdp_growth", 5, "headline", None), ("surveyed_unemployment", 5.5, "headline", None)]
    assert [t.id for t in r.targets] == [f"t{i}" for i in range(1, len(r.targets) + 1)]
    assert sum(1 for t in r.targets if t.quantity and t.quantity in {u.quantity for u in r.targets if u is not t}) == 0


@given(st.sampled_from(["目标是", "我们的目标是", "目标在"]), st.integers(min_value=2, max_value=9000),
       st.sampled_from(["个", "间", "辆", "条"]), st.sampled_from(["", "约", "不少于"]))
def test_a_goal_value_is_read_back_whatever_its_size(lead, n, unit, qual):
    """Invariant: the value after a goal phrase is the target's value, its qualifier the quantity's."""
    got = goals(f"{lead}在2029年底前建成{qual}{n}{unit}社区设施。")
    assert [(v, u) for _m, v, u, *_ in got] == [(n, unit)]
    assert got[0][3] == {"": "exact", "约": "about", "不少于": "at_least"}[qual]
    assert got[0][4:6] == ("multi_year", "2029年底前")


# --------------------------------------------------------------------------- pairing across years


def test_goals_of_two_addresses_pair_by_metric_so_the_change_shows():
    old = _report(2022, "目标是在四年内（即2026-27年度）把「公屋综合轮候时间」由六年降至约四年半。\n"
                        "目标是五年内提供额外约3 000个青年宿位。\n")
    new = _report(2023, "轮候公屋时间成功回落，由高峰约6年，回落至5.3年；正逐步向2026-27年度降至4.5年的目标迈进。\n"
                        "目标是五年内提供额外约4 000个青年宿位。\n")
    got = {(c.metric_old, c.metric_new): (c.change, c.delta.value if c.delta else None)
           for c in target_changes(old, new)}
    assert got == {("公屋综合轮候时间", "轮候公屋时间"): ("qualifier_changed", 0.0),
                   ("青年宿位", "青年宿位"): ("raised", 1000.0)}


def test_goals_pair_across_scripts_and_never_with_a_years_target():
    old = _report(2024, "目标在15年内将本地海鱼养殖产量增加五倍。\n")
    new = _report(2025, "目標在15年內將本地海魚養殖產量增加十倍。\n", "traditional")
    (c,) = target_changes(old, new)
    assert (c.change, c.indicator, c.old.value, c.new.value) == ("raised", None, 5, 10)
    block = _report(2025, "今年主要预期目标是：粮食产量1.3万亿斤以上。\n")
    assert {c.change for c in target_changes(old, block)} == {"added", "removed"}


def test_metric_folding_and_likeness():
    assert fold_metric("「公屋輪候時間」") == "公屋轮候时间"
    assert alike("公屋综合轮候时间", "轮候公屋时间") >= 0.5
    assert alike("宿位", "青年宿位") == 1.0
    assert alike("吸烟率", "电动巴士") == 0.0


# --------------------------------------------------------------------------- gold


def _bench():
    spec = importlib.util.spec_from_file_location("evaluate_goal_targets", ROOT / "bench" / "evaluate_goal_targets.py")
    ev = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = ev  # its dataclasses look their module up there
    spec.loader.exec_module(ev)
    return ev


@pytest.mark.parametrize("year, precision, recall", [(2022, 1.0, 0.87), (2023, 1.0, 1.0), (2025, 1.0, 1.0)])
def test_gold_goal_targets_of_hong_kong_addresses(corpus, year, precision, recall):
    ev = _bench()
    (gf,) = (ROOT / "tests" / "gold" / "targets_hk").glob(f"hongkong-{year}.tsv")
    (src,) = corpus.glob(f"hongkong-{year}-policy-address-*")
    s = ev.score(pipeline.tag(str(src)), ev.read_gold(gf))
    assert s.found / s.pred >= precision and s.found / s.gold >= recall
    assert s.value == s.found  # every found goal has the gold's value and qualifier
    assert s.period >= s.found - 1


@pytest.mark.parametrize("text, period", [
    ("目标是在2025年年底前推动不少于200间家族办公室在港设立业务。", "2025年年底前"),  # a date and a period that touch
    ("目标是在2025/26学年或之前为约50%的本科生提供境外学习经历。", "2025/26学年或之前"),
    ("目标是到2027年将充电停车位增至约20万个。", "到2027年"),
    ("目标是未来五年内吸引不少于100间创科企业。", "未来五年内"),
    ("目标在15年内将本地海鱼养殖产量增加五倍。", "15年内"),  # a length: only the goal rule reads it
    ("推出十年发展蓝图，目标如下：\n第一阶段（2022 - 2027）开展16个工程项目\n", "2022 - 2027"),
    ("目标是相比2005年减少65%的碳强度。", "2023"),  # a year compared with is no period
])
def test_goal_periods_come_from_the_dates_layer_or_the_shapes_it_does_not_read(text, period):
    (got,) = goals(text)
    assert got[5] == period


# --------------------------------------------------------------------------- forecasts (branch h7)

HK = "香港特别行政区"


def _hk(year: int, text: str, region: str = HK) -> Report:
    return run_all(Report(meta=Meta(year=year, region=region), text=text))


def forecasts(text: str, year: int = 2024, region: str = HK) -> list[tuple]:
    return [(t.goal, t.indicator, t.value, t.unit, t.horizon, t.period)
            for t in _hk(year, text, region).targets if t.goal]


def test_a_future_figure_of_a_listed_hong_kong_indicator_is_a_goal_target():
    got = forecasts("未来五年（2026-27至2030-31年度）总体公营房屋供应量将达150 000伙，较之前增加约一成。\n")
    assert got == [("将达", "public_housing_supply", 150000, "伙", "multi_year", "2026-27至2030-31年度")]


def test_a_level_after_a_comma_closes_a_forecast_that_opens_with_ke():
    got = forecasts("公屋综合轮候时间可在2027-28年度共减少一年，降至五年。\n")
    assert got == [("降至", "prh_waiting_time", 5, "年", "multi_year", "2027-28年度")]


def test_the_subject_of_the_clause_before_names_a_forecast_that_names_none():
    got = forecasts("首五年（即2026-27至2030-31年度），公营房屋供应总量，将达160 000个单位。\n")
    assert [(g[0], g[1], g[2]) for g in got] == [("将达", "public_housing_supply", 160000)]


def test_no_forecast_from_the_review_an_unlisted_metric_a_long_range_projection_or_another_region():
    assert forecasts("过去五年公营房屋供应量已达90 000个单位。\n") == []
    assert forecasts("未来五年私营房屋供应量将达90 000个单位。\n") == []
    assert forecasts("至2050年的30年期内土地供应预计将有达6 000多公顷。\n") == []
    assert forecasts("未来五年公营房屋供应量将达90 000个单位。\n", region="上海市") == []


def test_forecasts_of_one_indicator_pair_across_years_in_any_count_unit():
    old = _hk(2023, "未来五年公营房屋供应总量将达170 000个单位。\n")
    new = _hk(2024, "未来五年总体公营房屋建屋量将达190 000伙。\n")
    changes = [c for c in target_changes(old, new) if c.change != "unchanged"]
    assert [c.change for c in changes] == ["raised"]
