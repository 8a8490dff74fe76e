"""Indicators against the hand-built gold (tests/gold/indicators/), and one small string for each
general rule the evaluation led to (bench/evaluate_layers.py prints the numbers per report).

The gold stores paragraph text; each paragraph is annotated on its own, so this needs no corpus.
"""

from __future__ import annotations

import sys
from pathlib import Path

from annotate.annotators import run_all
from annotate.model import Meta, Report

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from evaluate_layers import evaluate_indicators  # noqa: E402


def inds(text: str) -> list[tuple]:
    """(metric, id, level, growth, points, period, rank) texts of ``text``'s indicators."""
    r = run_all(Report(meta=Meta(year=2022), text=text + "\n"))
    q = {x.id: x.text for x in r.quantities}
    p = {x.id: x.text for x in r.periods}
    k = {x.id: x.text for x in r.ranks}
    return [(i.metric, i.indicator, q.get(i.level), q.get(i.growth), q.get(i.points), p.get(i.period), k.get(i.rank))
            for i in r.indicators]


def test_a_count_that_names_its_noun_is_no_value():
    # the helper's noise: 实施新一轮 bound to 千亿斤 (千亿斤 sizes the 粮食产能 that follows it)
    assert inds("强化农业发展支持政策，实施新一轮千亿斤粮食产能提升行动，乡村振兴扎实推进。") == []
    assert inds("北京东至通州500千伏线路工程（北京段）全线架通。") == []
    assert inds("惠州博罗成为生产总值超千亿元县。") == []


def test_actions_and_listed_sets_are_not_metrics():
    assert inds("道路交通体系加快完善，建成8处公共停车场。区领导走访重点企业220家次，累计解决企业诉求197项。") == []
    assert inds("甘李药业、四环制药等6家企业登榜。") == []
    # …but a statistic opening with 新增 and a measure noun after an action are metrics
    assert [i[0] for i in inds("全年新增造林面积9000亩，运河商务区完工建筑面积412万平方米。")] == ["新增造林面积", "运河商务区完工建筑面积"]


def test_a_new_metric_after_a_value_and_dun():
    got = inds("助力企业发展壮大，全区累计上市企业7家、新三板挂牌公司21家。")
    assert [(i[0], i[2]) for i in got] == [("全区累计上市企业", "7家"), ("新三板挂牌公司", "21家")]
    # a share of the national total after a growth is not the metric's level
    assert [(i[0], i[2], i[3]) for i in inds("无人机产量增长39%、占全国9成。")] == [("无人机产量", None, "39%")]


def test_points_after_a_comparison_base_and_the_period_is_not_the_base():
    [i] = inds("1-3季度，第三产业占比62.8%，占比较上年末提高1.2个百分点。")
    assert i[0] == "第三产业占比" and i[2:6] == ("62.8%", None, "1.2个百分点", "1-3季度")


def test_a_deadline_is_not_a_period():
    [i] = inds("北京国际设计周永久会址将于年内完工，累计注册企业207家。")
    assert i[2] == "207家" and i[5] is None


def test_names_with_digits_may_be_metrics():
    assert [i[0] for i in inds("数字经济加快发展，5G用户普及率超过50%。")] == ["5G用户普及率"]
    assert [(i[0], i[2]) for i in inds("全区森林覆盖率达到34.45%，居住区公园绿地500米服务半径覆盖率达到91.46%。")] == [
        ("全区森林覆盖率", "34.45%"), ("居住区公园绿地500米服务半径覆盖率", "91.46%")]


def test_ranks_bind_to_their_metrics():
    got = inds("全省研发人员达159万人、高技能人才达843万人，均居全国首位。")
    assert [(i[0], i[6]) for i in got] == [("全省研发人员", "居全国首位"), ("高技能人才", "居全国首位")]
    assert inds("自然人光伏补贴项目总量居全市首位；") == [
        ("自然人光伏补贴项目总量", None, None, None, None, None, "居全市首位")]
    # a clause about something else in between: the rank is not the share's
    got = inds("金融业增加值占地区生产总值比重近10%，对地区生产总值增长的拉动作用仅次于工业，居各行业第二位。")
    assert [(i[0], i[6]) for i in got] == [("金融业增加值占地区生产总值比重", None)]


def test_fenbie_pairs():
    got = inds("银行机构本外币存贷款余额分别达38.7万亿元、29.9万亿元。")
    assert [(i[0], i[1], i[2]) for i in got] == [
        ("银行机构本外币存款余额", "deposits", "38.7万亿元"), ("银行机构本外币贷款余额", "loans", "29.9万亿元")]
    got = inds("广州、深圳地铁线网单日最高客运量分别达1409万、1305万人次。")
    assert [i[0] for i in got] == ["广州地铁线网单日最高客运量", "深圳地铁线网单日最高客运量"]
    got = inds("制造业贷款余额、科技贷款余额均增长11.7%。")
    assert [(i[0], i[3]) for i in got] == [("制造业贷款余额", "11.7%"), ("科技贷款余额", "11.7%")]


def test_a_part_of_the_whole_has_no_canonical_id():
    assert [(i[0], i[1]) for i in inds("脱贫地区农村居民收入增长8.4%。")] == [("脱贫地区农村居民收入", None)]
    assert [(i[0], i[1]) for i in inds("电动汽车、锂电池、光伏产品“新三样”出口增长近30%。")] == [("“新三样”出口", None)]
    assert [(i[0], i[1]) for i in inds("居民人均可支配收入增长6.1%。")] == [("居民人均可支配收入", "income_growth")]


def test_metric_named_after_its_verb_and_from_to():
    [i] = inds("运河商务区实现税收40.03亿元，同比增长12.3%。")
    assert i[0] == "运河商务区实现税收" and i[2:4] == ("40.03亿元", "12.3%")
    assert [(i[0], i[3]) for i in inds("城区平均车速提升15.6%。")] == [("城区平均车速", "15.6%")]
    assert [(i[0], i[1], i[2]) for i in inds("地区生产总值从11.37万亿元提高到14.58万亿元。")] == [
        ("地区生产总值", "gdp", "14.58万亿元")]


def test_durations_are_not_levels():
    assert inds("这是市第十五届人民代表大会第一次会议以来的五年。") == []


def test_gold_precision_recall():
    res = evaluate_indicators(tuning_only=True)
    o = res["overall"]
    assert o["gold"] >= 100 and len(res) - 1 >= 3  # ≥ 100 indicators from ≥ 3 reports
    assert o["precision"] >= 0.95 and o["recall"] >= 0.95, o
    assert o["id_accuracy"] >= 0.95 and o["period_accuracy"] >= 0.97 and o["rank_accuracy"] >= 0.97, o


def test_a_count_sizing_the_owner_of_a_measure():
    # the count sizes who did it; the measure is the metric (and 完成率 is a noun, not 完成 + 率)
    got = inds("加快推进重大项目建设，1299个重大项目完成投资1.4万亿元、投资完成率129.6%；")
    assert [(i[0], i[2]) for i in got] == [("重大项目完成投资", "1.4万亿元"), ("投资完成率", "129.6%")]
    # …but a count of things past a threshold is a count, not a metric
    assert inds("191家工业企业营业收入超百亿元；") == []
    assert [(i[0], i[2]) for i in inds("千人口托位数达4.7个。")] == [("千人口托位数", "4.7个")]


def test_action_before_a_category_and_predicate_words_in_the_tail():
    assert inds("开展“浙里来消费”“浙夜好生活”等系列活动2000余场。获国家科技奖30项。") == []
    got = inds("全社会研发投入强度预计达3.2%，区域创新能力继续保持全国第4位。")
    assert [(i[0], i[2], i[6]) for i in got] == [("全社会研发投入强度", "3.2%", None), ("区域创新能力", None, "全国第4位")]
