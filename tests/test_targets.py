"""Targets: the year's targets block in every corpus phrasing, the CLI, JSON/CSV output, gold."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from annotate import pipeline
from annotate.annotators import run_all
from annotate.cli import main
from annotate.model import Meta, Report
from annotate.annotators.targets import main_targets, target_blocks
from annotate.render.targets import COLUMNS

ROOT = Path(__file__).resolve().parent.parent


def tag_text(text: str, year: int | None = 2024):
    """Annotate a snippet (too short for the reader's is-this-a-report check) as a report body."""
    return run_all(Report(meta=Meta(year=year), text=text))


def summary(targets):
    return [(t.indicator, t.value, t.qualifier, t.unit) for t in targets]


# --------------------------------------------------------------------------- synthetic reports


def test_block_sets_numeric_and_wordless_targets_and_stops_at_commentary():
    r = tag_text(
        "2024年政府工作报告\n"
        "今年发展主要预期目标是：国内生产总值增长5%左右；城镇调查失业率5.5%左右；"
        "居民收入增长和经济增长同步；国际收支保持基本平衡；粮食产量1.3万亿斤以上。\n"
        "上述预期目标，综合考虑了国内外形势，经济增长潜力6%左右。\n"
    )
    assert summary(r.targets) == [
        ("gdp_growth", 5, "about", "%"),
        ("surveyed_unemployment", 5.5, "about", "%"),
        ("income_growth", None, None, None),
        ("balance_of_payments", None, None, None),
        ("grain_output", 1.3, "at_least", "万亿斤"),
    ]
    assert r.targets[0].text == "国内生产总值增长5%左右"
    assert [t.id for t in r.targets] == ["t1", "t2", "t3", "t4", "t5"]


def test_commentary_clause_inside_the_block_is_not_a_target():
    r = tag_text("主要预期目标是：地区生产总值增长5%左右，在实际工作中努力争取更好结果；一般公共预算收入增长2%。\n")
    assert summary(r.targets) == [("gdp_growth", 5, "about", "%"), ("budget_revenue_growth", 2, "exact", "%")]


def test_five_year_goals_are_not_the_years_targets():
    r = tag_text(
        "“十五五”时期经济社会发展的主要目标是：地区生产总值年均增长5%左右，居民收入增长与经济增长同步。\n"
        "今年经济社会发展主要预期目标是：地区生产总值增长4.5%左右；城镇新增就业50万人以上。\n"
    )
    assert summary(r.targets) == [("gdp_growth", 4.5, "about", "%"), ("urban_new_jobs", 50, "at_least", "万人")]


def test_report_without_targets_block_has_no_targets():
    """Scattered numbers set no target; a goal (issue 11, goal_targets.py) sets one multi-year measure."""
    r = tag_text("施政报告\n1. 我们的目标是在2027年或之前把公共充电车位提升至约20万个。地区生产总值增长3.2%。\n")
    assert [(t.indicator, t.metric, t.value, t.unit, t.qualifier, t.scope, t.horizon, t.period, t.goal)
            for t in r.targets] == [
        (None, "公共充电车位", 20, "万个", "about", "measure", "multi_year", "2027年或之前", "目标是")]


def test_range_and_distributed_targets():
    r = tag_text(
        "主要预期目标是：全省生产总值增长5%-5.5%；城镇和农村常住居民人均可支配收入分别增长6.5%左右、7.5%左右；"
        "城镇调查失业率、城镇登记失业率分别为4.8%左右和4.3%左右。\n"
    )
    got = [(t.indicator, t.metric, t.value, t.low, t.high, t.qualifier) for t in r.targets]
    assert got[0] == ("gdp_growth", "全省生产总值", None, 5, 5.5, "range")
    assert got[1:] == [
        ("urban_income_growth", "城镇常住居民人均可支配收入", 6.5, None, None, "about"),
        ("rural_income_growth", "农村常住居民人均可支配收入", 7.5, None, None, "about"),
        ("surveyed_unemployment", "城镇调查失业率", 4.8, None, None, "about"),
        ("registered_unemployment", "城镇登记失业率", 4.3, None, None, "about"),
    ]


def test_gdp_growth_stated_only_in_commentary_is_a_target():
    r = tag_text("今年的主要预期目标是：城镇新增就业1000万人以上。经济增长预期为7%左右，考虑了需要和可能。\n")
    assert ("gdp_growth", 7, "about", "%") in summary(r.targets)


# --------------------------------------------------------------------------- corpus


NATIONAL_GDP = {
    2015: (7, None, None, "about"),
    2016: (None, 6.5, 7, "range"),
    2017: (6.5, None, None, "about"),
    2018: (6.5, None, None, "about"),
    2019: (None, 6, 6.5, "range"),
    2021: (6, None, None, "at_least"),
    2022: (5.5, None, None, "about"),
    2023: (5, None, None, "about"),
    2024: (5, None, None, "about"),
    2025: (5, None, None, "about"),
}


def test_national_gdp_growth_series_via_cli(corpus):
    files = sorted(str(p) for p in corpus.glob("national-20*.txt"))
    result = CliRunner().invoke(main, ["targets", *files, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    gdp = {}
    for row in rows:
        if row["indicator"] == "gdp_growth":
            assert row["year"] not in gdp, f"two GDP targets for {row['year']}"
            gdp[row["year"]] = (row["value"], row["low"], row["high"], row["qualifier"])
    assert gdp == NATIONAL_GDP  # 2020 set no GDP growth target
    years = {row["year"] for row in rows}
    assert 2020 in years  # ... but it did set others
    assert all(row["unit"] == "%" for row in rows if row["indicator"] == "gdp_growth")


def test_seed_targets(seed_path):
    r = pipeline.tag(str(seed_path))
    main_ = main_targets(r)
    assert all(t.year == 2022 for t in r.targets)
    assert [(t.indicator, t.metric, t.value, t.unit, t.qualifier) for t in main_] == [
        ("gdp_growth", "地区生产总值", 6.5, "%", "about"),
        ("budget_revenue_growth", "一般公共预算收入", 6, "%", "exact"),
        ("fixed_investment", "全社会固定资产投资", 1000, "亿元", "above"),
        ("retail_sales_growth", "社会消费品零售总额", 5, "%", "about"),
        ("income_growth", "居民人均可支配收入", None, None, None),
        ("registered_unemployment", "登记失业率", 5, "%", "at_most"),
        # 能耗强度、大气污染物和水污染物排放完成市下达任务: a declared list, one target per item
        ("energy_intensity", "能耗强度", None, None, None),
        (None, "大气污染物", None, None, None),
        (None, "水污染物排放", None, None, None),
    ]
    assert main_[2].normalized == 1e11 and main_[2].base_unit == "元"
    assert main_[6].text == "能耗强度、大气污染物和水污染物排放完成市下达任务"
    # numeric targets inside the measures (plan half), not the achieved figures of the review half
    measures = [(t.indicator, t.value, t.unit) for t in r.targets if t not in main_]
    assert ("forest_coverage", 35, "%") in measures
    assert ("afforestation", 2.3, "万亩") in measures
    assert ("forest_coverage", 34.45, "%") not in measures
    assert all(t.start > target_blocks(r)[0].start for t in r.targets)


def test_national_2024_full_list(corpus):
    r = pipeline.tag(str(corpus / "national-2024-gov-work-report.txt"))
    assert [(t.indicator, t.value, t.unit, t.qualifier) for t in main_targets(r)] == [
        ("gdp_growth", 5, "%", "about"),
        ("urban_new_jobs", 1200, "万人", "at_least"),
        ("surveyed_unemployment", 5.5, "%", "about"),
        ("cpi", 3, "%", "about"),
        ("income_growth", None, None, None),
        ("balance_of_payments", None, None, None),
        ("grain_output", 1.3, "万亿斤", "at_least"),
        ("energy_intensity", 2.5, "%", "about"),
        ("eco_environment", None, None, None),
    ]
    assert {t.year for t in r.targets} == {2024}
    assert r.targets[4].text == "居民收入增长和经济增长同步"


def test_national_2020_list_after_adjusted_targets(corpus):
    r = pipeline.tag(str(corpus / "national-2020-gov-work-report.txt"))
    got = summary(main_targets(r))
    assert not any(t.indicator == "gdp_growth" for t in r.targets)
    assert got[:4] == [
        ("urban_new_jobs", 900, "at_least", "万人"),
        ("surveyed_unemployment", 6, "about", "%"),
        ("registered_unemployment", 5.5, "about", "%"),
        ("cpi", 3.5, "about", "%"),
    ]


# the macro indicators of DOMAIN.md section 4
MACRO_IDS = {"gdp_growth", "budget_revenue_growth", "industry_growth", "fixed_investment_growth", "retail_sales_growth",
             "income_growth", "cpi", "urban_new_jobs", "surveyed_unemployment", "registered_unemployment",
             "grain_output", "energy_intensity", "trade_growth", "rd_intensity", "forest_coverage", "pm25"}


def test_hong_kong_addresses_set_no_macro_targets(corpus):
    """No targets block, no macro indicator: every target of an address is a goal it states (issue 11);
    a goal's indicator, where the lexicon names its metric, is one of the addresses' own (公屋轮候时间)."""
    goals = {}
    for p in sorted(corpus.glob("hongkong-*")):
        targets = pipeline.tag(str(p)).targets
        assert all(t.goal and t.indicator not in MACRO_IDS and t.scope == "measure" for t in targets), p.name
        goals[p.name[:13]] = len(targets)
    assert goals["hongkong-2023"] == 7 and goals["hongkong-2025"] == 4  # tests/gold/targets_hk (with its forecasts, branch h7)


def test_gold_recall_and_precision(corpus):
    spec = importlib.util.spec_from_file_location("evaluate_targets", ROOT / "bench" / "evaluate_targets.py")
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    gold_files = sorted((ROOT / "tests" / "gold" / "targets").glob("*.json"))
    assert len(gold_files) == len([p for p in corpus.iterdir() if p.suffix in {".txt", ".md"}])
    g_total = p_total = hits = 0
    for gf in gold_files:
        gold = json.loads(gf.read_text(encoding="utf-8"))["targets"]
        src = next(corpus.glob(gf.stem + ".*"))
        pred = [dict(indicator=t.indicator, metric=t.metric, text=t.text, value=t.value, low=t.low, high=t.high,
                     qualifier=t.qualifier) for t in main_targets(pipeline.tag(str(src)))]
        h, _, _ = ev.match(gold, pred)
        g_total, p_total, hits = g_total + len(gold), p_total + len(pred), hits + h
    assert hits / g_total >= 0.99  # issue 11: numeric and wordless main targets, P and R ≥ 0.99
    assert hits / p_total >= 0.99


# --------------------------------------------------------------------------- CLI output


def test_csv_output_columns(seed_path, tmp_path):
    out = tmp_path / "targets.csv"
    result = CliRunner().invoke(main, ["targets", str(seed_path), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")  # plain UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert tuple(rows[0]) == COLUMNS == (
        "file", "issuer", "region", "year", "indicator", "component", "metric", "text", "value", "low", "high",
        "unit", "qualifier", "stretch", "scope", "horizon", "period", "start", "end", "block")
    first = dict(zip(rows[0], rows[1]))
    assert first["file"] == str(seed_path)
    assert (first["year"], first["indicator"], first["value"], first["unit"], first["qualifier"]) == (
        "2022", "gdp_growth", "6.5", "%", "about")
    assert first["low"] == first["high"] == ""
    assert (first["scope"], first["horizon"], first["period"]) == ("headline", "year", "2022")
    assert (first["issuer"], first["region"]) == ("北京市通州区发展和改革委员会", "北京市通州区")
    wordless = [d for d in (dict(zip(rows[0], r)) for r in rows[1:]) if d["indicator"] == "income_growth"][0]
    assert wordless["value"] == wordless["unit"] == wordless["qualifier"] == ""


def test_json_output_shape_and_xml_input(seed_path, tmp_path):
    xml = tmp_path / "seed.xml"
    assert CliRunner().invoke(main, ["tag", str(seed_path), "-o", str(xml)]).exit_code == 0
    res_txt = CliRunner().invoke(main, ["targets", str(seed_path)])
    res_xml = CliRunner().invoke(main, ["targets", str(xml)])
    assert res_txt.exit_code == 0 and res_xml.exit_code == 0, res_xml.output
    rows_txt, rows_xml = json.loads(res_txt.output), json.loads(res_xml.output)
    assert all(tuple(r) == COLUMNS for r in rows_txt)
    strip = lambda rows: [{k: v for k, v in r.items() if k != "file"} for r in rows]  # noqa: E731
    assert strip(rows_txt) == strip(rows_xml)
    assert rows_xml[0]["file"] == str(xml)


def test_missing_input_is_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["targets", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt" in result.output and "Traceback" not in result.output


def test_other_phrasings_seen_outside_the_corpus():
    # ASCII punctuation, an abbreviation after the metric; growth compared with growth sets no
    # value and is no target (issue 11: 收入增长快于经济增长 is not a target)
    r = tag_text("主要预期目标是:地区生产总值(GDP)增长6.0%—6.5%,城镇登记失业率控制在4.5%以内,城乡居民收入增长高于经济增长\n")
    assert [(t.indicator, t.low, t.high, t.value, t.qualifier) for t in r.targets] == [
        ("gdp_growth", 6, 6.5, None, "range"),
        ("registered_unemployment", None, None, 4.5, "at_most"),
    ]
    # a comma after the trigger; a growth clause that continues the previous metric
    r = tag_text("今年经济发展的主要预期目标是，国内生产总值实现360亿元，增长14.5％；城镇新增就业1100万人以上。\n")
    assert summary(r.targets) == [
        ("gdp", 360, "exact", "亿元"),
        ("gdp_growth", 14.5, "exact", "％"),
        ("urban_new_jobs", 1100, "at_least", "万人"),
    ]


def test_plan_period_goals_after_a_trigger_are_skipped():
    r = tag_text("主要预期目标是：到2015年，全市生产总值2240亿元，年均增长13%以上。\n"
                 "今年工作安排如下。主要预期目标是：地区生产总值增长14%，居民消费价格涨幅控制在4%以内。\n")
    assert summary(r.targets) == [("gdp_growth", 14, "exact", "%"), ("cpi", 4, "at_most", "%")]


def test_traditional_report_is_matched_in_simplified_but_shown_as_written():
    text = "今年經濟社會發展的主要預期目標是：地區生產總值增長5%左右，居民消費價格漲幅2%左右，國際收支基本平衡。\n"
    r = run_all(Report(meta=Meta(year=2026, script="traditional"), text=text))
    assert [(t.indicator, t.metric, t.value, t.qualifier, t.text) for t in r.targets] == [
        ("gdp_growth", "地區生產總值", 5, "about", "地區生產總值增長5%左右"),
        ("cpi", "居民消費價格漲幅", 2, "about", "居民消費價格漲幅2%左右"),
        ("balance_of_payments", "國際收支", None, None, "國際收支基本平衡"),
    ]


def test_trigger_variants():
    for trigger in ("今年经济社会发展的主要预期目标建议为：", "全市经济社会发展主要预期目标安排如下：",
                    "建议主要指标建议安排如下：", "今年全区经济社会发展的主要目标是："):
        r = tag_text(f"{trigger}地区生产总值增长6%左右，居民消费价格涨幅3%左右。\n")
        assert summary(r.targets) == [("gdp_growth", 6, "about", "%"), ("cpi", 3, "about", "%")], trigger
    r = tag_text("2023年主要指标完成情况如下：地区生产总值增长5.2%，居民消费价格上涨0.2%。\n")
    assert r.targets == ()  # achieved figures, not targets


def test_more_wordings_and_aspirations_that_name_a_metric():
    r = tag_text("主要预期目标是：GDP增长6%左右，力争地区生产总值增长7%，单位GDP能耗下降3%，"
                 "常住人口城镇化率达到70%，在实际工作中努力争取更好结果。\n")
    assert [(t.indicator, t.metric, t.value) for t in r.targets] == [
        ("gdp_growth", "GDP", 6),
        ("gdp_growth", "地区生产总值", 7),
        ("energy_intensity", "单位GDP能耗", 3),
        ("urbanization_rate", "常住人口城镇化率", 70),
    ]


# --------------------------------------------------------------------------- QA follow-ups (issue 4)


def test_metrics_listed_with_dun_are_one_target_each():
    """单位生产总值能耗、单位生产总值二氧化碳排放量进一步下降 sets two targets, so a year listing both
    and a year listing one compare metric by metric (Shanghai 2025 → 2026)."""
    r = tag_text(
        "主要预期目标是：全市生产总值增长5%左右，"
        "单位生产总值能耗、单位生产总值二氧化碳排放量进一步下降，城镇新增就业60万人以上。\n"
    )
    assert [(t.indicator, t.metric) for t in r.targets] == [
        ("gdp_growth", "全市生产总值"),
        ("energy_intensity", "单位生产总值能耗"),
        ("carbon_intensity", "单位生产总值二氧化碳排放量"),
        ("urban_new_jobs", "城镇新增就业"),
    ]
    # a listed pair sharing one value: each metric gets it
    r = tag_text("主要预期目标是：单位地区生产总值能耗、单位地区生产总值二氧化碳排放分别下降，"
                 "单位国内生产总值能耗、单位国内生产总值二氧化碳排放下降3%左右。\n")
    assert summary(r.targets)[-2:] == [("energy_intensity", 3, "about", "%"), ("carbon_intensity", 3, "about", "%")]


def test_two_indicators_joined_by_he_are_one_target_each():
    """单位国内生产总值能耗和主要污染物排放量继续下降 sets two targets (national 2023), so the next year's
    quantified energy target and a dropped emissions target are told apart; a comparison of two growths
    (居民收入增长和经济增长同步) and one metric's components (城镇和农村居民收入) stay one target."""
    r = tag_text("主要预期目标是：国内生产总值增长5%左右，单位国内生产总值能耗和主要污染物排放量继续下降，"
                 "居民收入增长和经济增长同步，节能减排和碳排放强度下降完成国家下达任务。\n")
    assert [(t.indicator, t.metric) for t in r.targets] == [
        ("gdp_growth", "国内生产总值"),
        ("energy_intensity", "单位国内生产总值能耗"),
        ("pollutant_emissions", "主要污染物排放量"),
        ("income_growth", "居民收入"),
        ("energy_conservation", "节能减排"),
        ("carbon_intensity", "碳排放强度"),
    ]


def test_a_list_needs_a_lexicon_metric_in_every_member():
    r = tag_text("主要预期目标是：国内生产总值增长5%左右，居民收入增长和经济增长同步。\n")
    assert summary(r.targets) == [("gdp_growth", 5, "about", "%"), ("income_growth", None, None, None)]


def test_rd_spending_growth_is_not_rd_intensity():
    """The predicate decides: 增长 X% is spending growth; 强度/占比 X% is intensity."""
    r = tag_text("主要预期目标是：地区生产总值增长5%左右，全社会研发投入增长8%以上。\n")
    assert summary(r.targets)[1] == ("rd_spending_growth", 8, "at_least", "%")
    r = tag_text("主要预期目标是：地区生产总值增长5%左右，研发经费投入增长10%左右。\n")
    assert summary(r.targets)[1] == ("rd_spending_growth", 10, "about", "%")
    r = tag_text("主要预期目标是：地区生产总值增长5%左右，全社会研发投入强度达到3.35%左右。\n")
    assert summary(r.targets)[1] == ("rd_intensity", 3.35, "about", "%")
    r = tag_text("主要预期目标是：地区生产总值增长5%左右，全社会研发投入占比6%以上。\n")
    assert summary(r.targets)[1] == ("rd_intensity", 6, "at_least", "%")


def test_value_before_the_metric_in_the_measures():
    """National 2016 sets its poverty target in the measures, value first."""
    r = tag_text("主要预期目标是：国内生产总值增长6.5%左右。\n"
                 "实施脱贫攻坚工程。今年要完成1000万以上农村贫困人口脱贫任务，其中易地搬迁脱贫200万人以上。\n")
    t = r.targets[-1]
    assert (t.indicator, t.value, t.unit, t.qualifier) == ("poverty_reduction", 1000, "万", "at_least")
    assert t.text == "完成1000万以上农村贫困人口"
    # a review statement is not a target
    r = tag_text("主要预期目标是：国内生产总值增长6.5%左右。\n去年完成1442万农村贫困人口脱贫任务。\n")
    assert [t.indicator for t in r.targets] == ["gdp_growth"]


def _targets_of(corpus, stem):
    return pipeline.tag(str(corpus / f"{stem}.txt")).targets


def test_year_pairs_name_the_same_targets_alike(corpus):
    """QA's year pairs: a target set in both years carries the same indicator in both."""
    for year in (2025, 2026):
        ids = [t.indicator for t in _targets_of(corpus, f"shanghai-{year}-gov-work-report")]
        assert "carbon_intensity" in ids, year  # 2025 lists it after 单位生产总值能耗、; 2026 alone
        assert ("energy_intensity" in ids) == (year == 2025)
        rd = [(t.indicator, t.value) for t in _targets_of(corpus, f"fujian-{year}-gov-work-report")
              if t.indicator and t.indicator.startswith("rd_")]
        assert rd == [("rd_spending_growth", {2025: 8, 2026: 10}[year])], year
    for year in (2015, 2016, 2017, 2018, 2019):
        poverty = [(t.value, t.qualifier) for t in _targets_of(corpus, f"national-{year}-gov-work-report")
                   if t.indicator == "poverty_reduction"]
        assert poverty == [(1000, "at_least")], year


# --------------------------------------------------------------------------- issue 11: classes of phrasing


def rows(targets):
    return [(t.indicator, t.component, t.value, t.qualifier, t.stretch) for t in targets]


def test_values_joined_by_dun_in_one_clause_are_a_target_each():
    r = tag_text("主要预期目标是：城镇新增就业60万人左右、城镇调查失业率5.5%左右；"
                 "城镇居民人均可支配收入增长6%左右、农村居民人均可支配收入增长7.5%左右。\n")
    assert rows(r.targets) == [
        ("urban_new_jobs", None, 60, "about", None),
        ("surveyed_unemployment", None, 5.5, "about", None),
        ("urban_income_growth", None, 6, "about", None),
        ("rural_income_growth", None, 7.5, "about", None),
    ]
    assert [t.text for t in r.targets[:2]] == ["城镇新增就业60万人左右", "城镇调查失业率5.5%左右"]


@pytest.mark.parametrize("sep", ["、", "，"])
def test_a_stretch_goal_is_one_target_with_its_stretch(sep):
    r = tag_text(f"主要预期目标是：地区生产总值增长6%以上{sep}力争达到7%；粮食产量1.3万亿斤。\n")
    assert rows(r.targets) == [("gdp_growth", None, 6, "at_least", 7), ("grain_output", None, 1.3, "exact", None)]
    assert r.targets[0].text == f"地区生产总值增长6%以上{sep}力争达到7%"


@pytest.mark.parametrize("head", ["一、二、三产增加值", "一二三产业增加值"])
def test_ordinal_industry_lists_give_one_target_per_industry(head):
    r = tag_text(f"主要预期目标是：{head}分别增长3%以上、6.5%左右、5.5%以上；粮食产量1.3万亿斤。\n")
    assert rows(r.targets)[:3] == [
        ("primary_industry_growth", "一产", 3, "at_least", None),
        ("secondary_industry_growth", "二产", 6.5, "about", None),
        ("tertiary_industry_growth", "三产", 5.5, "at_least", None),
    ]
    assert [t.metric for t in r.targets[:3]] == ["第一产业增加值", "第二产业增加值", "第三产业增加值"]


def test_comparisons_and_talk_about_indicators_are_not_targets():
    r = tag_text("主要预期目标是：地区生产总值增长5%左右；居民收入增长快于经济增长。\n")
    assert rows(r.targets) == [("gdp_growth", None, 5, "about", None)]
    r = tag_text("各位代表！下面就经济增长和物价两个指标作些说明。今年要使居民收入增长快于经济增长。\n")
    assert r.targets == ()


@pytest.mark.parametrize("sentence, value", [
    ("经济增长预期目标为7%左右，物价涨幅控制在3%左右。", (7, "about")),
    ("经济增长的预期目标为8%。", (8, "exact")),
    ("综合分析各方面的条件，今年经济增长速度的宏观调控目标，定为8%。", (8, "exact")),
    ("今年国内生产总值计划增长8%，是留有余地的。", (8, "exact")),
    ("今年计划要求，国民生产总值增长6%，全社会固定资产投资增长8%。", (6, "exact")),
])
def test_older_phrasings_of_the_growth_target(sentence, value):
    r = tag_text("一、今年的工作\n今年的经济工作要稳中求进。" + sentence + "\n")
    gdp = [t for t in r.targets if t.indicator == "gdp_growth"]
    assert [(t.value, t.qualifier) for t in gdp] == [value]
    assert (gdp[0].scope, gdp[0].horizon, gdp[0].period) == ("headline", "year", "2024")


def test_prose_plan_passage_levels_and_growth_but_not_bases_increments_or_restatements():
    r = tag_text(
        "一九五八年的工业总产值，拟定为六百四十三亿七千万元，比一九五七年预计数增加八十一亿九千万元，增长百分之十四点六。"
        "这个速度比一九五七年要高得多。\n"
        "一九五八年的社会商品零售总额将达到五百亿元，比一九五七年的四百六十亿元增长百分之八点七。\n"
        "如果仍然按照一九五二年的不变价格计算，一九五八年的工业总产值则为七百一十九亿六千万元。\n",
        year=None)
    assert [(t.indicator, t.value, t.unit) for t in r.targets] == [
        ("industrial_output", 64370000000, "元"),
        ("industrial_output_growth", 14.6, "%"),
        ("retail_sales", 500, "亿元"),
        ("retail_sales_growth", 8.7, "%"),
    ]
    assert {t.year for t in r.targets} == {1958}  # the opening sentence names the plan year


def test_prose_plans_skip_multi_year_goals_and_reports_of_the_past():
    r = tag_text(
        "第六个五年计划期间，我国工农业总产值计划增长百分之二十一点七，平均每年递增百分之四。\n"
        "一九八一年计划为百分之三点七，实际达到百分之四点六。\n"
        "以1957年的计划数字同1952年的实际数字作比较，我国的工业总产值增长一点二倍。\n",
        year=None)
    assert r.targets == ()


def test_an_announced_list_reads_run_in_labelled_paragraphs():
    r = tag_text(
        "1981年国民经济计划主要指标安排如下。\n"
        "工农业总产值，比1980年预计增长5.5%，其中，农业总产值增长4%，工业总产值增长6%。\n"
        "农业，粮食产量34，250万吨，比1980年预计增加1，000万吨。其他经济作物的产量，也将有一个新的增长。\n"
        "科学技术，列入全国科技计划的项目还要增加。\n"
        "原材料工业，钢产量3，500万吨，纸520万吨。\n"
        "劳动就业，在城镇安排600万人。\n"
        "在1981年计划安排中，要注意解决以下问题。\n", year=1981)
    assert [(t.indicator, t.metric, t.value, t.unit) for t in r.targets] == [
        ("gross_output_growth", "工农业总产值", 5.5, "%"),
        ("agri_output_growth", "农业总产值", 4, "%"),
        ("industrial_output_growth", "工业总产值", 6, "%"),
        ("grain_output", "粮食产量", 34250, "万吨"),
        (None, "其他经济作物的产量", None, None),
        ("steel_output", "钢产量", 3500, "万吨"),  # a main product: an indicator of its own
        (None, "纸", 520, "万吨"),
        (None, "劳动就业", 600, "万人"),
    ]


def test_scope_horizon_and_period():
    r = tag_text(
        "主要预期目标是：地区生产总值增长5%左右；粮食产量1.3万亿斤。\n"
        "上述目标综合考虑了各方面因素。\n"
        "二、今年重点工作\n"
        "加强生态建设，森林覆盖率达到35%。到2030年，常住人口城镇化率达到70%。\n", year=2026)
    got = [(t.indicator, t.scope, t.horizon, t.period) for t in r.targets]
    assert got == [
        ("gdp_growth", "headline", "year", "2026"),
        ("grain_output", "headline", "year", "2026"),
        ("forest_coverage", "measure", "year", "2026"),
        ("urbanization_rate", "measure", "multi_year", "到2030年"),
    ]
    assert [t.indicator for t in main_targets(r)] == ["gdp_growth", "grain_output"]


# --------------------------------------------------------------------------- issue 11: target changes


def _changes(old_text: str, new_text: str, old_year: int = 2024, new_year: int = 2025):
    from annotate.comparing.compare import target_changes

    return {(c.scope, c.indicator, c.component): c
            for c in target_changes(tag_text(old_text, old_year), tag_text(new_text, new_year))}


def test_target_changes_carry_a_delta_and_quantified_labels():
    ch = _changes("主要预期目标是：地区生产总值增长6%左右；城镇新增就业1100万人以上；单位国内生产总值能耗继续下降；进出口增长4.5%。\n",
                  "主要预期目标是：地区生产总值增长5.5%左右；城镇新增就业1110万人以上；单位国内生产总值能耗降低2.5%左右；进出口实现正增长。\n")
    gdp = ch[("headline", "gdp_growth", None)]
    assert (gdp.change, gdp.delta.value, gdp.delta.unit) == ("lowered", -0.5, "个百分点")
    jobs = ch[("headline", "urban_new_jobs", None)]
    assert (jobs.change, jobs.delta.value, jobs.delta.unit) == ("raised", 10, "万人")
    assert ch[("headline", "energy_intensity", None)].change == "quantified"
    assert ch[("headline", "energy_intensity", None)].delta is None
    assert ch[("headline", "trade_growth", None)].change == "unquantified"


def test_a_dropped_stretch_goal_is_a_change():
    ch = _changes("主要预期目标是：地区生产总值增长6%以上、力争达到7%；粮食产量1.3万亿斤。\n",
                  "主要预期目标是：地区生产总值增长6%以上；粮食产量1.3万亿斤。\n")
    assert ch[("headline", "gdp_growth", None)].change == "lowered"
    assert ch[("headline", "grain_output", None)].change == "unchanged"


def test_changes_compare_headline_with_headline_and_point_at_a_target_moved_to_the_measures():
    old = "主要预期目标是：地区生产总值增长5%左右；森林覆盖率达到35%。\n上述目标综合考虑了各方面因素。\n"
    new = ("主要预期目标是：地区生产总值增长5%左右；粮食产量1.3万亿斤。\n上述目标综合考虑了各方面因素。\n"
           "二、今年重点工作\n加强生态建设，森林覆盖率达到36%。\n")
    ch = _changes(old, new)
    removed = ch[("headline", "forest_coverage", None)]
    assert removed.change == "removed" and removed.new is None
    assert removed.moved_to is not None and removed.moved_to.value == 36
    added = ch[("measure", "forest_coverage", None)]
    assert added.change == "added" and added.moved_to is not None and added.moved_to.value == 35  # where it came from


def test_changes_pair_industries_by_component():
    ch = _changes("主要预期目标是：一二三产业增加值分别增长3%、6%、5%左右；粮食产量1.3万亿斤。\n",
                  "主要预期目标是：一二三产业增加值分别增长3%、6.5%、5%左右；粮食产量1.3万亿斤。\n")
    assert ch[("headline", "secondary_industry_growth", "二产")].change == "raised"
    assert ch[("headline", "primary_industry_growth", "一产")].change == "unchanged"


def test_diff_json_text_and_html_show_the_delta():
    from annotate.comparing.compare import compare
    from annotate.render.comparison_json import comparison_to_json
    from annotate.render.text import render_text

    old = tag_text("主要预期目标是：地区生产总值增长6%左右；粮食产量1.3万亿斤。\n", 2024)
    new = tag_text("主要预期目标是：地区生产总值增长5.5%左右；粮食产量1.3万亿斤。\n", 2025)
    c = compare(old, new)
    tc = comparison_to_json(c)["target_changes"][0]
    assert (tc["indicator"], tc["change"], tc["delta"], tc["scope"]) == (
        "gdp_growth", "lowered", {"value": -0.5, "unit": "个百分点"}, "headline")
    assert "−0.5个百分点" in render_text(c)


def test_scorecard_reads_an_indicator_introduced_by_qizhong_in_the_review():
    """地区生产总值…增长5.1%，其中规模工业增加值增长6.4% states the industry actual plainly."""
    from annotate.corpus.scorecard import scorecard

    plan = tag_text("主要预期目标是：地区生产总值增长5%左右；规模工业增加值增长6%；粮食产量600亿斤以上。\n", 2024)
    result = tag_text("一、2024年工作回顾\n过去一年，全省地区生产总值达到5.3万亿元、增长5.1%，其中规模工业增加值增长6.4%；"
                      "粮食产量突破600亿斤。\n二、2025年主要目标\n主要预期目标是：地区生产总值增长5%左右。\n", 2025)
    lines = {ln["indicator"]: ln for ln in scorecard(plan, result).to_json()["targets"]}
    assert [(k, v["verdict"], v["actual"]["value"]) for k, v in lines.items()] == [
        ("gdp_growth", "met", 5.1), ("industry_growth", "met", 6.4), ("grain_output", "met", 600)]


@pytest.mark.corpus
def test_national_gdp_growth_target_of_every_corpus_year(corpus):
    """The national GDP growth target (国民生产总值 1992-1993, 国内生产总值, 经济增长速度) of every year
    the gold holds one for, 1992-2025; 2020 set none."""
    for gf in sorted((ROOT / "tests" / "gold" / "targets").glob("national-*.json")):
        gold = [t for t in json.loads(gf.read_text(encoding="utf-8"))["targets"] if t["indicator"] == "gdp_growth"]
        pred = [t for t in main_targets(pipeline.tag(str(next(corpus.glob(gf.stem + ".*")))))
                if t.indicator == "gdp_growth"]
        assert [(t["value"], t["low"], t["high"], t["qualifier"]) for t in gold] == [
            (t.value, t.low, t.high, t.qualifier) for t in pred], gf.stem


def test_a_chinese_range_with_its_unit_left_out_is_one_range():
    r = tag_text("一、今年的工作\n今年的经济工作要稳中求进。今年经济增长速度的宏观调控目标，定为百分之八至九。\n")
    assert [(t.indicator, t.low, t.high, t.qualifier) for t in r.targets] == [("gdp_growth", 8, 9, "range")]


def test_a_figure_for_a_list_that_follows_it_and_a_count_of_kinds_in_a_name():
    r = tag_text("一九五九年的计划草案规定，在主要的农业产品中，产量将增长百分之四十以上的有粮食、棉花、黄麻。\n", year=None)
    assert [(t.indicator, t.value, t.qualifier) for t in r.targets] == [
        ("grain_output", 40, "at_least"), ("cotton_output", 40, "at_least")]
    r = tag_text("主要指标安排如下：\n原材料工业，钢产量3，500万吨，十种有色金属108万吨。\n", year=1981)
    assert [(t.metric, t.value, t.unit) for t in r.targets] == [("钢产量", 3500, "万吨"), ("十种有色金属", 108, "万吨")]


def test_comparison_xml_with_delta_component_and_moved_to_is_valid():
    from lxml import etree

    from annotate.comparing.compare import compare
    from annotate.xml.comparison import comparison_to_xml
    from annotate.xml.validate import validate_root

    old = tag_text("主要预期目标是：一二三产业增加值分别增长3%、6%、5%左右；森林覆盖率达到35%。\n上述目标综合考虑了各方面因素。\n", 2024)
    new = tag_text("主要预期目标是：一二三产业增加值分别增长3%、6.5%、5%左右。\n上述目标综合考虑了各方面因素。\n"
                   "二、今年重点工作\n加强生态建设，森林覆盖率达到36%。\n", 2025)
    root = comparison_to_xml(compare(old, new))
    validate_root(root, "c.xml")
    second = root.find(".//target-change[@component='二产']")
    assert (second.get("change"), second.get("delta"), second.get("delta-unit")) == ("raised", "0.5", "个百分点")
    moved = root.find(".//target-change[@indicator='forest_coverage'][@scope='headline']")
    assert moved.get("change") == "removed" and moved.find("moved-to").get("value") == "36"
    assert etree.tostring(root, encoding="unicode").count("<target-change ") == 5


@settings(max_examples=60, deadline=None, derandomize=True)
@given(a=st.integers(0, 200), b=st.integers(0, 200), unit=st.sampled_from(["%", "万人", "亿元"]))
def test_target_change_and_delta_mirror(a, b, unit):
    """B → A is A → B mirrored: raised ↔ lowered, and the delta changes sign."""
    from annotate.comparing.compare import target_change, target_delta
    from annotate.model import Target

    def tgt(v):
        return Target("t1", "p1", 0, 4, "城镇新增", indicator="x", metric="x", value=v / 10, unit=unit, qualifier="about")

    flip = {"raised": "lowered", "lowered": "raised"}
    o, n = tgt(a), tgt(b)
    assert target_change(n, o) == flip.get(target_change(o, n), target_change(o, n))
    d1, d2 = target_delta(o, n), target_delta(n, o)
    assert d1.unit == d2.unit == ("个百分点" if unit == "%" else unit)
    assert abs(d1.value + d2.value) < 1e-9 and (d1.value > 0) == (target_change(o, n) == "raised")


def test_the_text_summary_shows_where_two_wordings_of_a_target_differ():
    """A reworded target too long for its column is clipped around the words that changed
    (保持同步 → 保持基本同步), not at its shared opening."""
    from annotate.render.text import _worded_pair

    old, new = _worded_pair("居民人均可支配收入增长与经济增长保持同步", "居民人均可支配收入增长与经济增长保持基本同步")
    assert (old, new) == ("…增长保持同步", "…增长保持基本同步")
    assert _worded_pair("粮食产量稳定", "粮食产量稳中有增") == ("粮食产量稳定", "粮食产量稳中有增")  # short: whole


def test_change_rows_say_which_list_and_where_a_moved_target_went():
    """``annotate changes``: a target moved from the headline list into a measure is one row
    ``removed`` (headline) and one ``added`` (measure), each quoting the other, not two rows that
    contradict each other."""
    from types import SimpleNamespace

    from annotate.corpus.changes import pair_rows

    old = tag_text("主要预期目标是：地区生产总值增长5%左右；森林覆盖率达到35%。\n上述目标综合考虑了各方面因素。\n", 2024)
    new = tag_text("主要预期目标是：地区生产总值增长5%左右。\n上述目标综合考虑了各方面因素。\n"
                   "二、今年重点工作\n加强生态建设，森林覆盖率达到36%。\n", 2025)
    rows = pair_rows(SimpleNamespace(file="a.txt", report=old, year=2024), SimpleNamespace(file="b.txt", report=new, year=2025))
    forest = {(r.scope, r.change): r.moved_text for r in rows if r.indicator == "forest_coverage"}
    assert forest == {("headline", "removed"): "森林覆盖率达到36%", ("measure", "added"): "森林覆盖率达到35%"}
    assert {r.scope for r in rows if r.indicator == "gdp_growth"} == {"headline"}


def test_measure_figures_with_a_lexicon_wording_are_compared_year_on_year():
    """赤字率拟按3%安排 → 赤字率拟按4%左右安排: the fiscal figures of a plan's measures are the year's
    main fiscal signal; they pair by indicator like any measure target."""
    head = "主要预期目标是：地区生产总值增长5%左右。\n上述目标综合考虑了各方面因素。\n二、今年重点工作\n"
    ch = _changes(head + "积极的财政政策要加力提效。赤字率拟按3%安排，中央预算内投资拟安排7000亿元。\n",
                  head + "更加积极的财政政策要持续用力。赤字率拟按4%左右安排，中央预算内投资拟安排7350亿元。\n")
    ratio = ch[("measure", "deficit_ratio", None)]
    assert (ratio.change, ratio.delta.value, ratio.delta.unit) == ("raised", 1, "个百分点")
    invest = ch[("measure", "central_budget_investment", None)]
    assert (invest.change, invest.delta.value, invest.delta.unit) == ("raised", 350, "亿元")


def test_a_bare_head_listed_after_an_item_shares_its_subject():
    """粮食播种面积3320万亩、产量1285万吨以上: 产量 is the grain's (grain_output), 总产量 too."""
    head = "主要预期目标是：地区生产总值增长5%左右。\n上述目标综合考虑了各方面因素。\n二、今年重点工作\n"
    for clause, metric in (("稳定粮食播种面积3320万亩、产量1285万吨以上。", "粮食产量"),
                           ("粮食播种面积1530万亩、总产量125亿斤。", "粮食总产量")):
        r = tag_text(head + "抓好粮食生产，" + clause + "\n", 2026)
        grain = [t for t in r.targets if t.indicator == "grain_output"]
        assert [(t.metric, t.scope) for t in grain] == [(metric, "measure")], clause
