"""Clauses of the main-targets passage that list items sharing one predicate (issue 11).

The rule of the language: a clause that declares a list (a closer such as ``等指标``, ``等任务``,
``约束性指标``, ``目标``, or a distributive ``均``/``都``) sets one target per item, whether or not
the indicator lexicon knows the item, so that two years pair item by item.  Invented sentences of
the shapes the corpus holds.
"""

from __future__ import annotations

from annotate.annotators import run_all
from annotate.annotators.targets import _declared_list
from annotate.comparing.compare import target_changes
from annotate.model import Meta, Report


def headline(text: str, year: int = 2025):
    r = run_all(Report(meta=Meta(year=year), text=text))
    return r, [(t.indicator, t.metric) for t in r.targets if t.scope == "headline"]


def block(clause: str) -> str:
    return f"主要预期目标是：地区生产总值增长5%左右；{clause}。\n"


def test_items_before_a_closer_are_one_target_each():
    _, got = headline(block("生态环境质量、森林资源、土地资源等指标达到国家要求"))
    assert got[1:] == [("eco_environment", "生态环境质量"), (None, "森林资源"), (None, "土地资源")]
    _, got = headline(block("完成国家下达的节能减排和水土保持等任务"))
    assert got[1:] == [("energy_conservation", "节能减排"), (None, "水土保持")]


def test_items_before_a_distributive_predicate_are_one_target_each():
    _, got = headline(block("空气质量优良天数比率和近岸海域水质优良率均完成国家下达任务"))
    assert got[1:] == [("air_quality", "空气质量优良天数比率"), (None, "近岸海域水质优良率")]


def test_a_closer_after_the_shared_predicate_declares_the_list_too():
    _, got = headline(block("全面完成节能减排降碳和土壤质量改善约束性指标"))
    assert got[1:] == [("energy_conservation", "节能减排降碳"), (None, "土壤质量")]


def test_one_metric_s_components_are_no_list():
    # 城镇和农村 qualify one metric; a bare 和 between two growths compares them
    assert _declared_list("城镇和农村居民收入", "均稳步增长") is None
    assert _declared_list("居民收入增长和经济增长", "同步") is None
    assert _declared_list("生态环境质量", "持续改善") is None
    assert _declared_list("能源、水资源等指标", "达到国家要求") == ["能源", "水资源"]


def test_two_years_listing_items_compare_item_by_item():
    old, _ = headline(block("生态环境质量、森林资源、土地资源等指标达到国家要求"), 2025)
    new, _ = headline(block("森林资源、土地资源、湿地资源等指标达到国家要求"), 2026)
    got = {(c.metric_old or c.metric_new): c.change for c in target_changes(old, new) if c.indicator != "gdp_growth"}
    assert got == {"生态环境质量": "removed", "森林资源": "unchanged", "土地资源": "unchanged", "湿地资源": "added"}


def test_a_goal_stated_verb_first_inside_a_targets_sentence_is_a_target():
    _, got = headline("主要预期目标是：国内生产总值增长5%左右；主要污染物排放量继续下降，严格控制煤炭消费，生态环境质量稳定改善。\n")
    assert got == [("gdp_growth", "国内生产总值"), ("pollutant_emissions", "主要污染物排放量"), (None, "煤炭消费"),
                   ("eco_environment", "生态环境质量稳定")]
    # alone, a steering clause opens no block (it is a measure's wording, not a targets passage)
    _, got = headline("主要预期目标是：重点控制煤炭消费。\n")
    assert got == []


def test_a_dropped_verb_first_goal_is_removed():
    old, _ = headline("主要预期目标是：国内生产总值增长5%左右，重点控制煤炭消费。\n", 2025)
    new, _ = headline("主要预期目标是：国内生产总值增长5%左右。\n", 2026)
    assert [(c.metric_old, c.change) for c in target_changes(old, new)] == [("国内生产总值", "unchanged"), ("煤炭消费", "removed")]
