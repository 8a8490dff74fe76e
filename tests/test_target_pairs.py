"""Which target of one year meets which of the other (annotate/comparing/target_pairs.py, issue 11).

Invented passages of the shapes the hand labels of 16 year pairs hold: a headline goal outside the
lexicon kept, reworded or dropped; urban and rural income targets merged into one income target.
"""

from __future__ import annotations

from typing import Optional

from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.comparing.compare import target_changes
from annotate.comparing.target_pairs import metric_key, pair_keys, pick, target_key
from annotate.model import Meta, Report, Target


def t(text: str, metric: str, indicator: Optional[str] = None, value: Optional[float] = None,
      scope: str = "headline", horizon: str = "year") -> Target:
    return Target("t1", "p1", 0, len(text), text, year=2025, indicator=indicator, metric=metric,
                  value=value, unit="%" if value is not None else None,
                  qualifier="about" if value is not None else None, base_unit="%" if value is not None else None,
                  scope=scope, horizon=horizon)


def report(*targets: Target) -> Report:
    text = "".join(x.text for x in targets)
    return Report(text=text, meta=Meta(year=2025), targets=tuple(targets))


def changes(old: list[Target], new: list[Target]) -> list[tuple]:
    return [(c.indicator, c.metric_old, c.metric_new, c.change) for c in target_changes(report(*old), report(*new))]


def test_a_headline_goal_outside_the_lexicon_is_compared_by_its_metric():
    old = [t("产业结构调整取得明显进展", "产业结构调整"), t("国际收支基本平衡", "国际收支", "balance_of_payments")]
    new = [t("国际收支基本平衡", "国际收支", "balance_of_payments"), t("产业结构调整取得明显进展", "产业结构调整")]
    assert changes(old, new) == [("balance_of_payments", "国际收支", "国际收支", "unchanged"),
                                 (None, "产业结构调整", "产业结构调整", "unchanged")]
    assert changes(old, new[:1])[-1] == (None, "产业结构调整", None, "removed")
    assert changes(new[:1], old)[0] == (None, None, "产业结构调整", "added")


def test_a_goal_reworded_around_the_same_head_noun_is_one_rewording():
    old = [t("各类矛盾有效化解", "各类矛盾"), t("体制改革取得突破", "体制改革")]
    new = [t("重点领域矛盾有效化解", "重点领域矛盾")]
    assert changes(old, new) == [(None, "各类矛盾", "重点领域矛盾", "reworded"), (None, "体制改革", None, "removed")]


def test_a_head_noun_shared_by_several_goals_pairs_none_of_them():
    old = [t("金融矛盾有效化解", "金融矛盾"), t("社会矛盾有效化解", "社会矛盾")]
    new = [t("各类矛盾有效化解", "各类矛盾")]
    assert sorted(c[3] for c in changes(old, new)) == ["added", "removed", "removed"]


def test_components_meet_a_parent_only_the_other_year_sets():
    old = [t("城镇和农村居民人均可支配收入分别增长6%左右、7%左右", "城镇居民人均可支配收入", "urban_income_growth", 6),
           t("城镇和农村居民人均可支配收入分别增长6%左右、7%左右", "农村居民人均可支配收入", "rural_income_growth", 7)]
    new = [t("居民收入增长和经济增长同步", "居民收入", "income_growth")]
    assert changes(old, new) == [("urban_income_growth", "城镇居民人均可支配收入", "居民收入", "unquantified"),
                                 ("rural_income_growth", "农村居民人均可支配收入", "居民收入", "unquantified")]
    assert changes(new, old) == [("urban_income_growth", "居民收入", "城镇居民人均可支配收入", "quantified"),
                                 ("rural_income_growth", "居民收入", "农村居民人均可支配收入", "quantified")]
    # a year that sets both the parent and a component compares each with its own
    both = new + old[:1]
    assert [c[3] for c in changes(both, both)] == ["unchanged", "unchanged"]


def test_measures_and_multi_year_goals_outside_the_lexicon_are_not_keyed():
    assert target_key(t("新建学校达到50所", "新建学校", scope="measure")) is None
    assert target_key(t("到2030年产业结构调整完成", "产业结构调整", horizon="multi_year")) is None
    assert target_key(t("产业结构调整取得进展", "产业 结构，调整")) == ("headline", None, None, "产业结构调整")
    assert metric_key("ＰＭ２.５") == "PM25"


def test_pick_prefers_a_target_that_states_a_number():
    a, b = t("能耗继续下降", "能耗", "energy_intensity"), t("能耗降低2%左右", "能耗", "energy_intensity", 2)
    got = pick([a, b], lambda x: None if x.value is None else (x.value, "%"))
    assert list(got.values()) == [b]
    assert pair_keys(got, got) == [(k, k) for k in got]


def test_a_residual_clause_is_not_compared():
    """其他… covers whatever each year's list left out: no indicator of its own (old plans, hand labels)."""
    assert target_key(t("其他轻工业品的产量，都将有不同程度的增长", "其他轻工业品的产量")) is None
    assert target_key(t("其他经济作物的产量和造林面积，也将有一个新的增长", "造林面积", "afforestation")) is None
    assert target_key(t("造林面积有所增加", "造林面积", "afforestation")) is not None


def test_a_delta_between_a_multiplied_unit_and_a_compound_numeral_reads_in_the_multiplied_unit():
    from annotate.comparing.compare import target_delta

    old = Target("t1", "p1", 0, 1, "x", value=111, unit="亿元", base_unit="元", qualifier="exact")
    new = Target("t1", "p1", 0, 1, "x", value=14577000000, unit="元", base_unit="元", qualifier="exact")
    d = target_delta(old, new)
    assert (d.value, d.unit) == (34.77, "亿元")
    # the new target's own multiplied unit stays the delta's unit
    new_wan = Target("t1", "p1", 0, 1, "x", value=1200, unit="万人", base_unit="人", qualifier="about")
    old_wan = Target("t1", "p1", 0, 1, "x", value=1100, unit="万人", base_unit="人", qualifier="about")
    assert (target_delta(old_wan, new_wan).value, target_delta(old_wan, new_wan).unit) == (100, "万人")


POOL = [("income_growth", "居民收入", None), ("urban_income_growth", "城镇居民人均可支配收入", 6.0),
        ("rural_income_growth", "农村居民人均可支配收入", 7.0), ("industrial_output", "工业总产值", None),
        ("industrial_output_growth", "工业总产值", 5.0), ("gdp_growth", "国内生产总值", 5.0),
        (None, "各类风险", None), (None, "金融风险", None), (None, "供给侧结构性改革", None)]

FLIP = {"raised": "lowered", "lowered": "raised", "added": "removed", "removed": "added",
        "quantified": "unquantified", "unquantified": "quantified"}


def _pool_targets(picks: list[int], bump: float) -> list[Target]:
    out = []
    for i in picks:
        ind, metric, value = POOL[i]
        if ind == "industrial_output":
            out.append(Target("t1", "p1", 0, 1, metric + "达到", indicator=ind, metric=metric, value=600 + bump,
                              unit="亿元", base_unit="元", qualifier="exact"))
        else:
            out.append(t(metric + ("增长" if value is not None else "有效防控"), metric, ind,
                         None if value is None else value + bump))
    return out


@given(st.lists(st.integers(0, len(POOL) - 1), unique=True), st.lists(st.integers(0, len(POOL) - 1), unique=True),
       st.sampled_from([0.0, 0.5]))
@settings(max_examples=150, deadline=None)
def test_target_changes_mirror_and_cover_every_target(a, b, bump):
    """compare(b, a) says the opposite of compare(a, b), row by row, and every target of either year
    is on some row unless its indicator's level or growth already speaks for it."""
    old, new = report(*_pool_targets(a, 0.0)), report(*_pool_targets(b, bump))
    ab = sorted((c.metric_old or "", c.metric_new or "", FLIP.get(c.change, c.change)) for c in target_changes(old, new))
    ba = sorted((c.metric_new or "", c.metric_old or "", c.change) for c in target_changes(new, old))
    assert ab == ba
    shown = {m for row in ab for m in row[:2]}
    for x in old.targets + new.targets:
        assert x.metric in shown


def test_a_delta_between_two_multiplied_units_reads_in_the_finer():
    from annotate.comparing.compare import target_delta

    old = Target("t1", "p1", 0, 1, "x", value=3500, unit="万担", base_unit="担", qualifier="exact")
    new = Target("t1", "p1", 0, 1, "x", value=1, unit="亿担", base_unit="担", qualifier="exact")
    assert (target_delta(old, new).value, target_delta(old, new).unit) == (6500, "万担")
    assert (target_delta(new, old).value, target_delta(new, old).unit) == (-6500, "万担")  # either way round
