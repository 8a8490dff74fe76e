"""Measure targets (scope measure) and multi-year goals (issue 11).

A value set inside the measures for a metric written before it, ending in a measure noun, is a
measure target (``区级覆盖率达80%以上``, ``中央预算内投资拟安排7000亿元``); a count of things built
(``建设高标准农田12万亩``), a forecast and a review are not.  Five-year goals stay multi-year, never
this year's targets.  Sentences are from beijing 2026, national 2024 and the 2026 provincial reports;
the gold of both reports' measures is in tests/gold/targets (``measures``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotate import pipeline
from annotate.annotators.targets import main_targets

from test_targets import tag_text

ROOT = Path(__file__).resolve().parent.parent

BLOCK = "主要预期目标是：地区生产总值增长5%左右；城镇调查失业率5.5%左右。\n上述目标综合考虑了各方面因素。\n二、今年重点工作\n"


def measures(body: str, year: int = 2026) -> list[tuple]:
    r = tag_text(BLOCK + body, year=year)
    return [(t.metric, t.value, t.unit, t.qualifier, t.horizon) for t in r.targets if t.scope == "measure"]


def test_a_metric_ending_in_a_measure_noun_sets_a_measure_target():
    assert measures("新建5个以上紧密型城市医疗集团、区级覆盖率达80%以上。普惠托位占比提高到68%。") == [
        ("区级覆盖率", 80, "%", "at_least", "year"), ("普惠托位占比", 68, "%", "exact", "year")]
    assert measures("确保粮食播种面积稳定在100万亩以上、蔬菜产量稳定在200万吨左右。") == [
        ("粮食播种面积", 100, "万亩", "at_least", "year"), ("蔬菜产量", 200, "万吨", "about", "year")]
    # fiscal figures of a national report: the metric after 拟安排, the value after 拟按
    assert measures("赤字率拟按3%安排，赤字规模4.06万亿元。今年中央预算内投资拟安排7000亿元。") == [
        ("赤字率", 3, "%", "exact", "year"), ("赤字规模", 4.06, "万亿元", "exact", "year"),
        ("中央预算内投资", 7000, "亿元", "exact", "year")]


def test_a_distributed_list_in_the_measures_gives_one_target_per_value():
    """jiangsu 2026 (read after the measure gold was made, and missed then: recall 0/3)."""
    assert measures("力争全年交通、水利、能源领域投资额分别达2400亿元、450亿元、1700亿元。") == [
        ("交通领域投资额", 2400, "亿元", "exact", "year"), ("水利领域投资额", 450, "亿元", "exact", "year"),
        ("能源领域投资额", 1700, "亿元", "exact", "year")]
    assert [m[:2] for m in measures("水果、蔬菜、茶叶产量分别达2050万吨、4200万吨、19万吨以上。")] == [
        ("水果产量", 2050), ("蔬菜产量", 4200), ("茶叶产量", 19)]


def test_counts_of_things_done_forecasts_and_reviews_are_no_measure_targets():
    assert measures("建设高标准农田12万亩。新增中学学位1万个。打通50条断头路。") == []
    assert measures("预计今年高校毕业生超过1170万人。") == []  # a forecast
    assert measures("去年森林覆盖率达到44.9%。") == []  # the past
    assert measures("形成10个营业收入超千亿元的产业集群。") == []  # a set of ten, each with its figure
    # an increment after a level restates it (比上年增加), a forecast only covers its own clause
    assert measures("预计今年财政收入继续恢复增长，一般公共预算支出规模28.5万亿元、比上年增加1.1万亿元。") == [
        ("一般公共预算支出规模", 28.5, "万亿元", "exact", "year")]


def test_words_that_open_a_clause_are_not_the_metric():
    assert [m[0] for m in measures("其中县道提档升级建设里程超600公里。推动城市生活污水集中收集率达80%。")] == [
        "县道提档升级建设里程", "城市生活污水集中收集率"]


def test_five_year_goals_in_the_measures_are_multi_year():
    got = measures("到2030年，常住人口城镇化率达到70%。实现“十四五”末总量达到60万套。全社会研发经费投入年均增长10%以上。")
    assert [(m[0], m[4]) for m in got] == [("常住人口城镇化率", "multi_year"), ("“十四五”末总量", "multi_year"),
                                          ("研发经费投入", "multi_year")]  # the lexicon wording
    # a programme named for its span closing this year sets this year's figure
    assert measures("打好农村人居环境整治五年行动收官战，村内主干道和公共场所路灯安装率达50%。", year=2025) == [
        ("村内主干道和公共场所路灯安装率", 50, "%", "exact", "year")]


def test_prose_plans_get_no_named_measures(corpus):
    """National reports before 1996 state their plan in prose among budgets and comparisons: only
    lexicon metrics are read there (1956: 小于1952年所占的比例13.2% is no target)."""
    r = pipeline.tag(str(corpus / "national-1956-gov-work-report.txt"))
    assert all(t.indicator for t in r.targets if t.scope == "measure")


FIVE_YEAR_GOALS = {  # goals of the five-year plan stated in a plan-year report: not this year's targets
    "henan-2026-gov-work-report.txt": ["经济年均增长5%左右", "常住人口城镇化率达到65%左右", "粮食综合生产能力达到1400亿斤"],
    "national-2016-gov-work-report.txt": ["“十三五”时期经济年均增长保持在6.5%以上"],
}


@pytest.mark.parametrize("name", sorted(FIVE_YEAR_GOALS))
def test_five_year_plan_goals_of_a_plan_year_are_not_the_years_targets(corpus, name):
    r = pipeline.tag(str(corpus / name))
    for goal in FIVE_YEAR_GOALS[name]:
        at = r.text.find(goal)
        assert at >= 0, goal
        inside = [t for t in r.targets if t.start < at + len(goal) and at < t.end]
        assert all(t.horizon == "multi_year" for t in inside), (goal, inside)
    assert all(t.horizon == "year" for t in main_targets(r))


def test_measure_gold(corpus):
    """tests/gold/targets ``measures`` (national 2024, beijing 2026): every measure target found, none
    more, each with the gold's horizon."""
    for path in sorted((ROOT / "tests" / "gold" / "targets").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if "measures" not in doc:
            continue
        r = pipeline.tag(str(corpus / (path.stem + ".txt")))
        got = sorted((t.value, t.unit, t.qualifier, t.horizon) for t in r.targets if t.scope == "measure")
        want = sorted((g["value"], g["unit"], g["qualifier"], g["horizon"]) for g in doc["measures"])
        assert got == want, path.stem
