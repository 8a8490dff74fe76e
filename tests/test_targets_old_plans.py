"""Old national plans in prose (issue 11, blind change gold of 1956-1995 pairs): invented passages
of the shapes those reports hold."""

from __future__ import annotations

import pytest

from annotate.annotators import run_all
from annotate.comparing.compare import target_changes
from annotate.model import Meta, Report


def tag(text: str, year: int):
    return run_all(Report(meta=Meta(year=year), text=text))


def figures(r):
    return [(t.indicator, t.value, t.unit) for t in r.targets if t.scope == "headline"]


def test_a_figure_the_plan_year_will_reach_opens_the_plan_passage():
    r = tag("各位代表：\n这次提交审议的计划草案的各种数字表明，建设是稳步前进的。1963年的工业总产值比1962年将增长百分之六，"
            "达到九百亿元。农业总产值比1962年将增长百分之五。\n", 1963)
    assert figures(r) == [("industrial_output_growth", 6, "%"), ("industrial_output", 900, "亿元"),
                          ("agri_output_growth", 5, "%")]


def test_a_later_year_s_figure_is_a_multi_year_goal_not_the_plan():
    r = tag("各位代表：\n到了一九六七年，全国社会商品零售总额将达到六百亿元左右。\n", 1965)
    assert figures(r) == []


def test_a_figure_with_no_plan_year_named_does_not_open_the_passage_by_will_alone():
    r = tag("各位代表：\n工业总产值将增长百分之六。\n", 1963)
    assert figures(r) == []


def test_a_programme_named_with_plan_in_quotes_plans_nothing():
    # 计划 after a closing quote is a programme's name, not the word "plan": its figure is no main target
    r = tag("各位代表：\n我们会向「研究人才库」计划下的科研机构把工业总产值增加约10%资助。\n", 2022)
    assert figures(r) == []
    r = tag("各位代表：\n今年计划工业总产值增长约10%。\n", 2022)
    assert figures(r) == [("industrial_output_growth", 10, "%")]


def test_level_and_growth_of_one_indicator_are_one_row():
    old = tag("各位代表：\n1963年的工业总产值比1962年将增长百分之六，达到九百亿元。\n", 1963)
    new = tag("各位代表：\n1964年的工业总产值，拟定为一千亿元，比1963年增长百分之八。\n", 1964)
    rows = [(c.indicator, c.change) for c in target_changes(old, new)]
    assert rows == [("industrial_output_growth", "raised")]
    # a year that gives the level only is compared level with level
    level_only = tag("各位代表：\n1964年的工业总产值，拟定为一千亿元。\n", 1964)
    assert [(c.indicator, c.change) for c in target_changes(old, level_only)] == [("industrial_output", "raised")]
    # and a year that sets it no more drops it once
    none = tag("各位代表：\n1964年的粮食产量，拟定为四千亿斤。\n", 1964)
    assert [c.change for c in target_changes(old, none) if c.indicator != "grain_output"] == ["removed"]


def test_a_main_indicator_s_figure_after_a_prose_plan_passage_is_a_main_target():
    r = tag("各位代表：\n今年计划国内生产总值增长百分之九。\n\n物价改革要稳步推进。要努力把全年零售物价上涨幅度控制在百分之十以内。"
            "到2000年森林覆盖率达到百分之十五。\n", 1994)
    assert [(t.indicator, t.value, t.scope, t.horizon) for t in r.targets] == [
        ("gdp_growth", 9, "headline", "year"), ("retail_price", 10, "headline", "year"),
        ("forest_coverage", 15, "measure", "multi_year")]


def test_a_clause_that_only_steers_a_value_goes_on_with_the_metric_before_it():
    r = tag("各位代表：\n今年计划国内生产总值增长百分之八。\n\n要确保零售物价上涨幅度比去年有明显回落，力争控制在百分之十二左右。\n", 1996)
    assert [(t.indicator, t.value, t.qualifier, t.scope) for t in r.targets] == [
        ("gdp_growth", 8, "exact", "headline"), ("retail_price", 12, "about", "headline")]
    assert r.targets[1].text == "零售物价上涨幅度比去年有明显回落，力争控制在百分之十二左右"
    # a clause whose own words hold a value names no metric for the next one
    r = tag("主要预期目标是：地区生产总值增长5%左右。\n要抓好物价工作，零售物价上涨幅度回落百分之二，力争控制在百分之十二左右。\n", 1996)
    assert [t.indicator for t in r.targets] == ["gdp_growth"]


def test_a_planned_figure_after_the_plan_passage_is_a_main_target():
    """A prose plan has no measures half: a sentence that says a figure for the plan year is planned
    (拟定为, 安排为) or will be reached (naming the plan year) sets a main target wherever it stands."""
    r = tag("各位代表：\n一九六三年的工业总产值，拟定为九百亿元，比一九六二年增长百分之六。\n\n交通运输也将有新的发展。\n\n"
            "在原材料方面，钢产量拟定为八百万吨，将比一九六二年增长百分之十。\n\n"
            "一九六三年的计划实现以后，我国工农业总产值将比上年增长百分之七。\n", 1963)
    assert figures(r) == [("industrial_output", 900, "亿元"), ("industrial_output_growth", 6, "%"),
                          ("steel_output", 800, "万吨"), ("gross_output_growth", 7, "%")]
    assert {t.year for t in r.targets} == {1963}


def test_a_later_sentence_about_another_plan_or_the_past_sets_nothing():
    r = tag("各位代表：\n一九六三年的工业总产值，拟定为九百亿元。\n\n我们不曾料到。\n\n"
            "到一九六七年，钢产量将达到一千二百万吨。一九六二年钢产量已经达到六百万吨。"
            "一九六三年社会商品零售总额预计将达到六百亿元。\n", 1963)
    assert figures(r) == [("industrial_output", 900, "亿元")]


def test_a_targets_list_that_names_its_plan_year_sets_that_year():
    """A report delivered late in the year plans the next: ``1981年国民经济计划主要指标安排如下`` in the
    report of 1980 sets the 1981 plan; a year before the report's is no plan year."""
    r = tag("各位代表：\n根据上述要求，1981年国民经济计划主要指标安排如下。\n工农业总产值，比1980年预计增长5.5%。\n", 1980)
    assert [(t.indicator, t.value, t.year) for t in r.targets] == [("gross_output_growth", 5.5, 1981)]
    r = tag("各位代表：\n今年经济社会发展主要预期目标是：地区生产总值增长5%左右。\n", 2025)
    assert [(t.indicator, t.year) for t in r.targets] == [("gdp_growth", 2025)]
    r = tag("各位代表：\n在2023年的基础上，主要预期目标是：地区生产总值增长5%左右。\n", 2025)
    assert [(t.indicator, t.year) for t in r.targets] == [("gdp_growth", 2025)]


def test_the_opening_paragraph_s_figures_for_the_plan_year_before_the_opener_belong_to_the_plan():
    """The paragraph that opens the plan presents its figures: the state budget's revenue and spending
    set before the first output figure are the plan's; a cut in percent (减少百分之四) is a rate, not an
    increment; a sentence about the year before, or reporting, in the same paragraph is not."""
    r = tag("各位代表：\n1962年的国家预算收入增长了百分之五。这次提交的计划草案的各种数字表明，建设是稳步前进的。"
            "1963年的国家预算收入比1962年增长近百分之二；国家预算支出比1962年减少百分之四。"
            "1963年的工业总产值比1962年将增长百分之六，比1962年增加五十亿元。\n", 1963)
    assert [(t.indicator, t.value, t.qualifier) for t in r.targets] == [
        ("budget_revenue_growth", 2, "below"), ("budget_spending_growth", 4, "exact"),
        ("industrial_output_growth", 6, "exact")]


def test_a_total_with_no_owner_belongs_to_the_run_in_label_before_it():
    r = tag("各位代表：\n1981年国民经济计划主要指标安排如下。\n工农业总产值，比1980年预计增长5.5%。\n"
            "轻工业，总产值比1980年预计增长8%，继续高于重工业的增长速度。\n", 1980)
    assert [(t.indicator, t.metric, t.value) for t in r.targets] == [
        ("gross_output_growth", "工农业总产值", 5.5), ("light_industry_output_growth", "轻工业总产值", 8)]


REVIEW_THEN = "各位代表：\n一、过去一年的工作\n去年国内生产总值增长7.8%。\n二、今年的工作\n"


@pytest.mark.parametrize("sentence, want", [
    # the growth target as the plans of the 1990s and 2000s word it: 为 / 定为 / 预期 / 调控目标 / 计划 / 安排 / 要
    ("今年经济增长速度预期为8%左右。", (8, None, None, "about")),
    ("经济增长预期目标为7%左右，城镇登记失业率控制在4.5%左右。", (7, None, None, "about")),
    ("今年经济增长的预期目标定为7%左右。", (7, None, None, "about")),
    ("经济增长速度的宏观调控目标定为8%至9%。", (None, 8, 9, "range")),
    ("经济增长速度的调控目标定为百分之八。", (8, None, None, "exact")),
    ("今年国内生产总值计划增长8%。", (8, None, None, "exact")),
    ("国民经济增长速度定为8%左右。", (8, None, None, "about")),
    ("今年国内生产总值预期增长8%左右。", (8, None, None, "about")),
    ("今年经济增长要达到8%左右。", (8, None, None, "about")),
    ("今年经济增长速度安排为7%左右。", (7, None, None, "about")),
    ("国民生产总值计划比去年增长百分之六。", (6, None, None, "exact")),
    ("今年经济增长的目标为7%左右。", (7, None, None, "about")),
    ("今年经济增长率定在8%左右。", (8, None, None, "about")),
    ("今年要努力实现经济增长8%左右的目标。", (8, None, None, "about")),
    ("今年经济增长预期7%左右。", (7, None, None, "about")),
])
def test_older_phrasings_of_the_growth_target(sentence, want):
    r = tag(REVIEW_THEN + sentence + "\n", 2001)
    gdp = [(t.value, t.low, t.high, t.qualifier) for t in r.targets if t.indicator == "gdp_growth"]
    assert gdp == [want]
    assert all(t.year == 2001 and t.scope == "headline" for t in r.targets)


@pytest.mark.parametrize("sentence, want", [
    # before GDP was planned: the output aggregates of the plans
    ("今年工农业总产值计划增长百分之五。", ("gross_output_growth", 5, "exact")),
    ("今年社会总产值计划增长百分之七。", ("social_output_growth", 7, "exact")),
    ("今年国民收入计划增长百分之四左右。", ("national_income_growth", 4, "about")),
])
def test_output_aggregates_of_the_old_plans(sentence, want):
    r = tag(REVIEW_THEN + sentence + "\n", 1985)
    assert [(t.indicator, t.value, t.qualifier) for t in r.targets] == [want]


def test_a_review_that_met_expectations_plans_nothing():
    r = tag("各位代表：\n去年国内生产总值增长7.8%，好于预期。经济增长超过预期目标。\n", 2001)
    assert r.targets == ()


def test_a_total_with_no_owner_belongs_to_its_paragraph_s_run_in_label_across_clauses():
    r = tag("各位代表：\n1981年国民经济计划主要指标安排如下。\n工农业总产值，比1980年预计增长5.5%。\n"
            "基本建设，国家预算内直接安排的投资，加上部门和地方的自筹投资等，总的投资额控制在550亿元左右。\n", 1980)
    assert [(t.indicator, t.value, t.qualifier) for t in r.targets] == [
        ("gross_output_growth", 5.5, "exact"), ("capital_investment", 550, "about")]
    # a total in a paragraph with no label is nobody's
    r = tag("各位代表：\n1981年国民经济计划主要指标安排如下。\n工农业总产值，比1980年预计增长5.5%。\n总产值比1980年预计增长8%。\n", 1980)
    assert [t.indicator for t in r.targets if t.value == 8] in ([None], [])


def test_the_uses_of_national_income_and_a_name_inside_a_total_s_clause():
    r = tag("各位代表：\n1982年的计划，要求工农业总产值增长4%。在国民收入的分配上，要求消费部分增长5.7%，"
            "社会商品零售总额增长8%；积累部分增长3.2%，国家预算内直接安排的投资增长5.7%。\n", 1982)
    assert [(t.indicator, t.value) for t in r.targets] == [
        ("gross_output_growth", 4), ("consumption_fund_growth", 5.7), ("retail_sales_growth", 8),
        ("accumulation_fund_growth", 3.2), ("central_budget_investment", 5.7)]
    # a lexicon name inside the clause a total's label owns is part of that total, no target of its own
    r = tag("各位代表：\n1981年国民经济计划主要指标安排如下。\n工农业总产值，比1980年预计增长5.5%。\n"
            "基本建设，国家预算内直接安排的投资，加上自筹投资，总的投资额控制在550亿元左右。\n", 1980)
    assert [t.indicator for t in r.targets] == ["gross_output_growth", "capital_investment"]


@pytest.mark.parametrize("stage", ["今年是“十五”时期的开局之年。", "今年是实施“九五”计划的第二年，", "今年是“九五”期间承上启下的一年，"])
def test_the_plan_year_placed_in_a_five_year_plan_still_plans_the_year(stage):
    r = tag(REVIEW_THEN + stage + "经济增长的预期目标为8%左右，全国商品零售价格涨幅控制在4%以内。\n", 2001)
    assert [(t.indicator, t.value, t.qualifier) for t in r.targets] == [
        ("gdp_growth", 8, "about"), ("retail_price", 4, "at_most")]


def test_a_five_year_plan_s_figures_stay_multi_year_beside_a_stage_clause():
    r = tag(REVIEW_THEN + "今年是“十五”计划的第一年。“十五”期间国内生产总值平均每年增长7%左右，"
            "到2005年国内生产总值达到12.5万亿元。\n", 2001)
    assert [t for t in r.targets if t.scope == "headline"] == []


def test_a_prose_plan_for_next_year_in_a_report_delivered_late_plans_the_next_year():
    text = "各位代表：\n一、今年的情况\n今年国内生产总值预计增长7.5%。\n二、明年的计划\n明年国内生产总值计划增长8%。\n"
    late = run_all(Report(meta=Meta(year=1996, delivered="1996-11-30"), text=text))
    assert [(t.indicator, t.value, t.year) for t in late.targets] == [("gdp_growth", 8, 1997)]
    # a report whose year is already the plan year (delivered the year before) is not moved again
    planned = run_all(Report(meta=Meta(year=1997, delivered="1996-11-30"), text=text))
    assert [t.year for t in planned.targets] == [1997]


def test_a_list_of_figures_closed_by_n_indicators_is_the_plan_each_item_with_its_metric():
    # …提出了钢产量…、煤产量…的四项指标 names the figures the plan's indicators (1959); 各项指标 counts none
    r = tag("各位代表：\n去年十一月的全会讨论了一九六四年的主要任务，提出了钢产量一千万吨、煤产量二亿吨、"
            "粮食产量四千亿斤的三项指标。\n", 1964)
    assert figures(r) == [("steel_output", 1000, "万吨"), ("coal_output", 2, "亿吨"),
                          ("grain_output", 4000, "亿斤")]
    none = tag("各位代表：\n我们保证了钢产量一千万吨等各项指标有可能比较顺利地完成。\n", 1964)
    assert figures(none) == []


def test_a_listed_level_compares_with_last_year_s_planned_level():
    old = tag("各位代表：\n一九六三年的钢产量拟定为八百万吨。棉花的指标为三千五百万担。\n", 1963)
    new = tag("各位代表：\n全会提出了钢产量一千万吨、棉花产量一亿担的两项指标。\n", 1964)
    rows = {c.indicator: (c.change, c.delta.value if c.delta else None, c.delta.unit if c.delta else None)
            for c in target_changes(old, new)}
    assert rows["steel_output"] == ("raised", 200, "万吨")
    assert rows["cotton_output"] == ("raised", 6500, "万担")  # the finer written unit, not +0.65亿担
