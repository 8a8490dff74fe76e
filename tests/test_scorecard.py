"""Scorecard: national 2023 → 2024 verdicts and actual values, the rule for each qualifier, unit
conversion, growth that turned negative, multi-year figures passed over, commitments, the CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from lxml import html as lhtml

from annotate import pipeline
from annotate.annotators import run_all
from annotate.cli import main
from annotate.errors import AnnotateError
from annotate.model import Meta, Report, Target
from annotate.corpus.scorecard import Actual, find_actual, scorecard, verdict


@pytest.fixture(scope="module")
def tagged(corpus):
    cache: dict[str, Report] = {}

    def get(name: str) -> Report:
        if name not in cache:
            cache[name] = pipeline.tag(str(corpus / f"{name}-gov-work-report.txt"))
        return cache[name]

    return get


def _by_indicator(card):
    return {ln.indicator: ln for ln in card.lines}


def test_national_2023_targets_against_2024_review(tagged):
    card = scorecard(tagged("national-2023"), tagged("national-2024"))
    lines = _by_indicator(card)
    got = {k: (ln.verdict, ln.actual.value if ln.actual else None, ln.actual.unit if ln.actual else None)
           for k, ln in lines.items()}
    assert got["gdp_growth"] == ("met", 5.2, "%")
    assert got["urban_new_jobs"] == ("met", 1244, "万人")
    assert got["grain_output"] == ("met", 1.39, "万亿斤")
    assert got["cpi"] == ("met", 0.2, "%")  # a ceiling: 0.2% is within 3%左右
    assert got["surveyed_unemployment"] == ("met", 5.2, "%")
    # targets with no number cannot be scored
    assert got["balance_of_payments"] == ("unknown", None, None)
    assert got["income_growth"][0] == "unknown"
    assert lines["gdp_growth"].target.text == "国内生产总值增长5%左右"
    assert "5.2%" in lines["gdp_growth"].actual.text
    assert lines["grain_output"].rule.startswith("at least")
    assert card.plan.year == 2023 and card.result.review_year == 2023


def test_missed_target_and_negative_growth(tagged):
    card = scorecard(tagged("national-2022"), tagged("national-2023"))
    gdp = _by_indicator(card)["gdp_growth"]
    assert (gdp.verdict, gdp.actual.value) == ("missed", 3)  # 5.5%左右 against 3%
    card = scorecard(tagged("fujian-2025"), tagged("fujian-2026"))
    inv = _by_indicator(card)["fixed_investment_growth"]
    assert (inv.verdict, inv.actual.value) == ("missed", -3.3)  # 固定资产投资下降3.3%


def test_five_year_figures_are_not_the_years_result(tagged):
    # henan 2026 reviews 十四五 (城镇新增就业603.7万人 over five years) and then 2025 (121.7万人)
    card = scorecard(tagged("henan-2025"), tagged("henan-2026"))
    jobs = _by_indicator(card)["urban_new_jobs"]
    assert (jobs.verdict, jobs.actual.value) == ("met", 121.7)


def test_reduction_target(tagged):
    card = scorecard(tagged("national-2015"), tagged("national-2016"))
    energy = _by_indicator(card)["energy_intensity"]
    assert energy.direction == "reduction"
    assert (energy.verdict, energy.actual.value) == ("met", 5.6)  # 下降3.1%以上 against 下降5.6%


def test_wrong_year_pair_is_refused(tagged):
    with pytest.raises(AnnotateError, match="reviews 2024"):
        scorecard(tagged("national-2023"), tagged("national-2025"), "a", "national-2025")


# --------------------------------------------------------------------------- the rules


def _t(qualifier, value=None, low=None, high=None, unit="%", indicator="gdp_growth", text="增长"):
    base = None if unit is None else "斤" if unit.endswith("斤") else ("人" if unit.endswith("人") else unit)
    return Target(id="t1", block="", start=0, end=0, text=text, indicator=indicator, metric="", value=value,
                  low=low, high=high, unit=unit, qualifier=qualifier, base_unit=base)


def _v(t, value, unit="%", direction="higher", base=None):
    return verdict(t, Actual.of(value, unit, base), direction)[0]


@pytest.mark.parametrize("actual,expected", [(5.2, "met"), (4.5, "met"), (4.4, "missed"), (8.0, "met")])
def test_about_higher_is_better(actual, expected):
    assert _v(_t("about", 5), actual) == expected


@pytest.mark.parametrize("actual,expected", [(0.2, "met"), (3.5, "met"), (3.6, "missed")])
def test_about_ceiling(actual, expected):
    assert _v(_t("about", 3, indicator="cpi"), actual, direction="ceiling") == expected


def test_about_without_direction_is_a_band():
    t = _t("about", 35, indicator=None)
    assert (_v(t, 35.4, direction=None), _v(t, 36, direction=None), _v(t, 34, direction=None)) == ("met", "missed", "missed")


def test_about_level_uses_relative_tolerance():
    t = _t("about", 1200, unit="万人", indicator="urban_new_jobs")
    assert _v(t, 1176, "万人", base="人") == "met"  # 2% below
    assert _v(t, 1170, "万人", base="人") == "missed"


def test_at_least_at_most_above_below():
    assert _v(_t("at_least", 6), 6) == "met" and _v(_t("at_least", 6), 5.9) == "missed"
    assert _v(_t("at_most", 5.5), 5.5, direction="ceiling") == "met"
    assert _v(_t("at_most", 5.5), 5.6, direction="ceiling") == "missed"
    assert _v(_t("above", 60), 60) == "missed" and _v(_t("above", 60), 60.1) == "met"
    assert _v(_t("below", 30), 29) == "met" and _v(_t("below", 30), 30) == "missed"


def test_range_by_direction():
    r = _t("range", low=6, high=6.5)
    assert (_v(r, 6.1), _v(r, 7.0), _v(r, 5.9)) == ("met", "met", "missed")
    assert (_v(r, 6.6, direction="ceiling"), _v(r, 6.4, direction="ceiling")) == ("missed", "met")
    assert (_v(r, 6.6, direction=None), _v(r, 6.2, direction=None)) == ("missed", "met")


def test_exact_within_rounding():
    t = _t("exact", 35, indicator=None)
    assert _v(t, 35.4, direction=None) == "met" and _v(t, 35.6, direction=None) == "missed"
    # to be reached (a direction): judged at the more precise number, 3.46 and 1.5 fall short
    assert _v(_t("exact", 3.5), 3.5) == "met" and _v(_t("exact", 3.5), 3.46) == "missed"
    assert _v(_t("exact", 2), 1.5) == "missed" and _v(_t("exact", 2), 2.0) == "met"
    assert _v(_t("exact", 50, unit="万人"), 54.58, "万人", base="人") == "met"  # reaching it is enough


def test_units_are_converted():
    t = _t("at_least", 1.3, unit="万亿斤", indicator="grain_output")
    assert _v(t, 69541, "万吨", base="吨") == "met"  # 6.95亿吨 = 1.39万亿斤
    assert _v(t, 62000, "万吨", base="吨") == "missed"
    assert _v(t, 13900, "亿斤", base="斤") == "met"
    assert verdict(t, Actual.of(5, "%"), "higher")[0] == "unknown"  # not comparable


def test_no_number_or_no_actual_is_unknown():
    assert verdict(_t(None, text="国际收支基本平衡", unit=None), None, None)[0] == "unknown"
    assert verdict(_t("about", 5), None, "higher")[0] == "unknown"


# --------------------------------------------------------------------------- synthetic reports


def _report(text, year, review_year=None):
    return run_all(Report(meta=Meta(year=year, review_year=review_year, issuer="某市人民政府"), text=text))


def test_synthetic_pair_actual_from_review_only():
    plan = _report("今年主要预期目标是：地区生产总值增长6%左右；城镇新增就业30万人以上。\n"
                   "加快建设滨江大道快速路，建成云杉公园，新建3所标准化公办幼儿园。\n", 2030)
    result = _report("过去一年，地区生产总值增长5.8%，城镇新增就业31.2万人。滨江大道快速路建成通车。"
                     "云杉公园完成主体工程招标。\n"
                     "今年主要预期目标是：地区生产总值增长6.5%左右；城镇新增就业32万人以上。\n", 2031, 2030)
    card = scorecard(plan, result)
    lines = _by_indicator(card)
    assert (lines["gdp_growth"].verdict, lines["gdp_growth"].actual.value) == ("met", 5.8)
    assert (lines["urban_new_jobs"].verdict, lines["urban_new_jobs"].actual.value) == ("met", 31.2)
    # the 6.5% of RESULT's own targets is never taken as the actual
    assert find_actual(plan.targets[0], result).value == 5.8


def test_commitment_follow_through_corpus(tagged):
    card = scorecard(tagged("shanghai-2020"), tagged("shanghai-2021"))
    status = {f.object: f.status for f in card.commitments}
    assert status.get("10号线二期") == "done"  # 建成10号线二期、15号线…
    # named only in 2021's plan half (推进浦东综合交通枢纽、浦东国际机场四期等工程): carried over
    # (the entity is the phase's works, 浦东国际机场四期工程; 2021 names the phase without 工程)
    assert status.get("浦东国际机场四期工程") == "not_mentioned"
    assert set(status.values()) <= {"done", "in_progress", "not_mentioned", "dropped"}
    done = next(f for f in card.commitments if f.object == "10号线二期")
    assert "10号线二期" in done.evidence and done.where == "review"
    card = scorecard(tagged("national-2016"), tagged("national-2017"))
    fibre = next(f for f in card.commitments if f.object == "行政村通光纤")
    # promised again in 2017's plan half, silent in its review: carried over, not reported done
    assert (fibre.kind, fibre.status, fibre.where) == ("quantity", "not_mentioned", "plan")


# --------------------------------------------------------------------------- CLI


def test_cli_json_csv_html(corpus, tmp_path):
    plan, result = str(corpus / "national-2023-gov-work-report.txt"), str(corpus / "national-2024-gov-work-report.txt")
    runner = CliRunner()
    res = runner.invoke(main, ["scorecard", plan, result])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    gdp = next(d for d in data["targets"] if d["indicator"] == "gdp_growth")
    assert gdp["verdict"] == "met" and gdp["actual"]["value"] == 5.2 and gdp["target"]["qualifier"] == "about"
    assert set(gdp) >= {"indicator", "metric", "target", "actual", "verdict"}
    assert set(gdp["target"]) >= {"value", "low", "high", "unit", "qualifier", "text"}
    assert "commitments" in data and data["summary"]["targets"]["met"] == 5
    res = runner.invoke(main, ["scorecard", plan, result, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    grain = next(r for r in rows if r["indicator"] == "grain_output")
    assert (grain["actual_value"], grain["actual_unit"], grain["verdict"]) == ("1.39", "万亿斤", "met")
    out = tmp_path / "card.html"
    res = runner.invoke(main, ["scorecard", plan, result, "--format", "html", "-o", str(out)])
    assert res.exit_code == 0
    doc = lhtml.fromstring(out.read_bytes())
    cells = [[td.text_content() for td in tr.findall("td")] for tr in doc.findall(".//table")[0].findall(".//tbody/tr")]
    assert any(c[0].startswith("GDP growth") and "met" in c[5] and c[3] == "5.2%" for c in cells)
    res = runner.invoke(main, ["scorecard", plan, result, "--format", "html", "--lang", "zh", "-o", str(out)])
    assert res.exit_code == 0
    doc = lhtml.fromstring(out.read_bytes())
    assert doc.findtext(".//h1") == "目标完成情况：国务院 2023年目标 → 2024年报告"
    cells = [[td.text_content() for td in tr.findall("td")] for tr in doc.findall(".//table")[0].findall(".//tbody/tr")]
    assert any(c[0].startswith("生产总值（GDP）增长") and c[5] == "✓ 达成" and c[3] == "5.2%" for c in cells)
    res = runner.invoke(main, ["scorecard", plan, str(corpus / "national-2025-gov-work-report.txt")])
    assert res.exit_code == 1 and "reviews 2024" in res.stderr and "Traceback" not in res.stderr


def test_level_target_is_met_by_a_level_not_an_increment(tagged):
    """national 2025's review: 粮食产量首次跃上1.4万亿斤新台阶、亩产提升10.1斤 — the indicators layer
    binds 亩产提升10.1斤 to 粮食产量 as a growth; the level target 1.3万亿斤以上 was judged missed."""
    lines = _by_indicator(scorecard(tagged("national-2024"), tagged("national-2025")))
    grain = lines["grain_output"]
    assert (grain.actual.value, grain.actual.unit) == (1.4, "万亿斤")
    assert grain.verdict == "met"


def test_a_part_of_the_whole_is_not_the_actual(tagged):
    """fujian 2026 gives exports only to some markets (对非洲、拉美市场出口分别增长20%、7.6%)."""
    lines = _by_indicator(scorecard(tagged("fujian-2025"), tagged("fujian-2026")))
    assert lines["export_growth"].actual is None and lines["export_growth"].verdict == "unknown"
    assert lines["urban_new_jobs"].actual.value == 54.58  # a whole-province figure is still found


def test_every_commitment_is_followed_with_four_statuses():
    """Object-words follow-ups: reworded in the review (in progress), finished there (done), named
    again only in the new plan (not mentioned) or nowhere in RESULT (dropped)."""
    plan = _report("今年主要预期目标是：地区生产总值增长6%左右。\n"
                   "要推进全民健身公共服务体系建设，研究建立碳足迹管理体系，完善首都规划实施机制，"
                   "深化财税体制改革，提振消费。\n", 2030)
    result = _report("过去一年，地区生产总值增长5.8%。全民健身公共服务体系更加完善，碳足迹管理体系建成。\n"
                     "今年主要预期目标是：地区生产总值增长6.5%左右。\n"
                     "要完善首都规划实施机制。\n", 2031, 2030)
    card = scorecard(plan, result)
    got = {f.object: (f.kind, f.status, f.where) for f in card.commitments}
    assert got["全民健身公共服务体系"] == ("object", "in_progress", "review")  # trailing 建设 off, reworded
    assert got["碳足迹管理体系"] == ("object", "done", "review")  # leading 建立 off; 建成 in the clause
    assert got["首都规划实施机制"] == ("object", "not_mentioned", "plan")
    assert got["财税体制改革"] == ("object", "dropped", None)
    assert got["提振消费"][0:2] == ("object", "dropped")  # too short alone: the verb is kept
    assert not any(f.object.startswith("地区生产总值") for f in card.commitments)  # a target, scored above
    by = {f.object: f for f in card.commitments}
    assert by["碳足迹管理体系"].evidence == "碳足迹管理体系建成" and by["财税体制改革"].evidence is None
    assert by["碳足迹管理体系"].sentence == "全民健身公共服务体系更加完善，碳足迹管理体系建成。"
    assert card.to_json()["summary"]["commitments"] == {"done": 1, "in_progress": 1, "not_mentioned": 1, "dropped": 2}
    from annotate.render.scorecard import render_html

    doc = lhtml.fromstring(render_html(card).encode())
    groups = [d.get("id") for d in doc.findall(".//details") if (d.get("id") or "").startswith("commitments-")]
    assert groups == ["commitments-done", "commitments-in_progress", "commitments-not_mentioned", "commitments-dropped"]
    dropped = doc.get_element_by_id("commitments-dropped")
    assert {tr.findall("td")[1].text_content() for tr in dropped.findall(".//tbody/tr")} == {"财税体制改革", "提振消费"}


def test_html_in_chinese_words_verdicts_statuses_and_columns():
    """``render_html(card, "zh")``: every interface word from the string table; the English page
    keeps its words; report text stays as written."""
    import re

    from annotate.render.scorecard import render_html

    plan = _report("今年主要预期目标是：地区生产总值增长6%左右。\n要深化财税体制改革，研究建立碳足迹管理体系。\n", 2030)
    result = _report("过去一年，地区生产总值增长4.5%。碳足迹管理体系建成。\n今年主要预期目标是：地区生产总值增长6.5%左右。\n",
                     2031, 2030)
    card = scorecard(plan, result)
    zh = lhtml.fromstring(render_html(card, "zh").encode())
    assert zh.findtext(".//h1").startswith("目标完成情况：") and "2030年目标 → 2031年报告" in zh.findtext(".//h1")
    verdicts = [s.text_content() for s in zh.xpath("//span[@class='verdict']")]
    assert verdicts == ["✗ 未达成"]  # 4.5% against about 6%
    summaries = [s.text_content() for s in zh.xpath("//details[starts-with(@id,'commitments-')]/summary")]
    assert summaries == ["✓ 已完成 (1)", "✗ 结果中未见 (1)"]
    ui = " ".join(zh.xpath("//h1//text() | //h2//text() | //th//text() | //caption//text() | //summary//text() | //body/p//text()"))
    assert not re.search(r"\b(met|missed|unknown|done|dropped|Targets|Commitments|indicator|verdict)\b", ui)
    # the rule column in the page's language, the JSON keeps its English rule
    assert [td.text_content() for td in zh.xpath("//td[@class='small']")] == ["左右，越高越好：实际 ≥ 目标 − 0.5个百分点 即达成"]
    assert card.to_json()["targets"][0]["rule"] == "about, higher: met when actual ≥ target − 0.5 point"
    en = lhtml.fromstring(render_html(card).encode())
    assert [s.text_content() for s in en.xpath("//span[@class='verdict']")] == ["✗ missed"]
    assert [td.text_content() for td in en.xpath("//td[@class='small']")] == [card.lines[0].rule]


def test_a_shortcoming_is_no_evidence_of_progress():
    """一些地方推动高质量发展能力亟待提高 mentions 高质量发展 but reports no progress on it."""
    from annotate.corpus.scorecard import follow_through

    plan = _report("我们要扎实推动高质量发展，持续优化营商环境。", 2025)
    review = "一些地方推动高质量发展能力亟待提高。营商环境持续优化。"
    result = _report(review + "继续推进各项工作。", 2026, 2025)
    status = {f.object: f.status for f in follow_through(plan, result, review_until=len(review))}
    assert status["营商环境"] == "in_progress"
    assert status["高质量发展"] == "dropped"


def test_followed_objects_are_whole_words_and_presenting_or_framing_is_no_evidence():
    """The object looked for is cut at word boundaries (科学普及 keeps 及; 应用场景 and 执行力和公信力
    keep a first word that reads like a verb); the sentence presenting the report (向大会报告政府工作，
    请予审议) and a frame (按照党中央决策部署，…) are no evidence of work done."""
    plan = _report("今年主要预期目标是：地区生产总值增长6%左右。\n"
                   "广泛开展科学普及，拓展应用场景，不断提高执行力和公信力。做好政府工作。"
                   "只要我们贯彻落实好党中央决策部署，建立碳足迹管理体系。\n", 2030)
    result = _report("现在，我代表市人民政府，向大会报告政府工作，请予审议。\n"
                     "过去一年，地区生产总值增长5.8%。按照党中央决策部署，主要做了以下工作。加强科学普及工作。\n"
                     "今年主要预期目标是：地区生产总值增长6.5%左右。\n", 2031, 2030)
    got = {f.object: (f.status, f.evidence) for f in scorecard(plan, result).commitments}
    assert got["科学普及"] == ("in_progress", "加强科学普及工作")
    assert got["应用场景"] == ("dropped", None) and got["执行力和公信力"] == ("dropped", None)
    assert got["政府工作"] == ("dropped", None)
    assert got["党中央决策部署"] == ("dropped", None)
    assert got["碳足迹管理体系"] == ("dropped", None)  # the leading verb 建立 still goes


def test_a_batch_is_not_looked_for_and_a_shortcoming_word_of_the_object_is_no_shortcoming():
    """部署实施一批重大科技项目 is followed as 重大科技项目; 补齐…公共服务短板 mentions the object whose
    own word is 短板, while 一些地方公共服务短板仍然突出 is no evidence."""
    plan = _report("今年主要预期目标是：地区生产总值增长6%左右。\n部署实施一批重大科技项目，补齐基础设施和公共服务短板。\n", 2030)
    result = _report("过去一年，地区生产总值增长5.8%。承担重大科技项目。补齐基础设施和公共服务短板。\n"
                     "今年主要预期目标是：地区生产总值增长6.5%左右。\n", 2031, 2030)
    got = {f.object: (f.status, f.evidence) for f in scorecard(plan, result).commitments}
    assert got == {"重大科技项目": ("in_progress", "承担重大科技项目"),
                   "基础设施和公共服务短板": ("in_progress", "补齐基础设施和公共服务短板")}
    result = _report("过去一年，地区生产总值增长5.8%。一些地方基础设施和公共服务短板仍然突出，亟待补齐。\n"
                     "今年主要预期目标是：地区生产总值增长6.5%左右。\n", 2031, 2030)
    got = {f.object: f.status for f in scorecard(plan, result).commitments}
    assert got["基础设施和公共服务短板"] == "dropped"


def test_an_actual_under_a_qualifier_of_the_plan_sentence():
    """PLAN 推进重大工程建设，全年完成投资2400亿元 (metric 投资) is answered by RESULT's
    重大工程投资完成2510.1亿元, not by 全社会固定资产投资 (a qualifier PLAN's sentence lacks); an amount
    PLAN promises to complete is met by more."""
    plan = _report("今年主要预期目标是：地区生产总值增长6%左右。\n推进重大工程建设，全年完成投资2400亿元。\n", 2030)
    review = "过去一年，地区生产总值增长5.8%，全社会固定资产投资完成9000亿元，重大工程投资完成2510.1亿元、增长5.3%。\n"
    card = scorecard(plan, _report(review + "今年主要预期目标是：地区生产总值增长6.5%左右。\n", 2031, 2030))
    line = next(ln for ln in card.lines if ln.metric == "投资")
    assert (line.actual.value, line.verdict, line.direction) == (2510.1, "met", "higher")
    assert line.actual.text == "重大工程投资完成2510.1亿元、增长5.3%"
    other = _report("过去一年，全社会固定资产投资完成9000亿元。\n今年主要预期目标是：地区生产总值增长6.5%左右。\n", 2031, 2030)
    line = next(ln for ln in scorecard(plan, other).lines if ln.metric == "投资")
    assert (line.actual, line.verdict) == (None, "unknown")


# --------------------------------------------------------------------------- goals of policy addresses (issue 11)


def _address(year: int, body: str) -> Report:
    return run_all(Report(meta=Meta(year=year, issuer="香港特别行政区行政长官", kind="policy-address"), text=body))


HK_PLAN = ("房屋供应\n64. 以现水平计算，目标是在四年内（即2026-27年度）把「公屋综合轮候时间」由六年降至约四年半。\n"
           "65. 目标是在2025年年底前推动不少于200间家族办公室在港设立或扩展业务。\n")


def test_a_goal_not_yet_due_shows_its_progress_and_is_not_missed():
    result = _address(2023, "房屋供应\n10. 公屋综合轮候时间已由高峰的6.1年回落至5.3年。\n"
                            "11. 至今已有150间家族办公室在港设立或扩展业务。\n")
    lines = {ln.indicator: ln for ln in scorecard(_address(2022, HK_PLAN), result).lines}
    wait, offices = lines["prh_waiting_time"], lines["family_offices"]
    assert (wait.actual.value, wait.verdict) == (5.3, "unknown")  # where the move went, not where it began
    assert "2026-27年度" in wait.rule and "not yet due" in wait.rule
    assert (offices.actual.value, offices.verdict) == (150, "unknown")  # a count before what it counts


def test_a_goal_met_early_is_met_and_one_due_is_judged():
    early = _address(2023, "11. 至今已有210间家族办公室在港设立或扩展业务。\n")
    assert {ln.indicator: ln.verdict for ln in scorecard(_address(2022, HK_PLAN), early).lines}["family_offices"] == "met"
    due = _address(2026, "11. 至今已有150间家族办公室在港设立或扩展业务。\n")
    plan = _address(2025, "65. 目标是在2025年年底前推动不少于200间家族办公室在港设立或扩展业务。\n")
    assert [ln.verdict for ln in scorecard(plan, due).lines] == ["missed"]


@pytest.mark.parametrize("period, plan_year, due", [
    ("2026-27年度", 2022, 2027), ("2025年年底前", 2022, 2025), ("2024/25学年前", 2022, 2025),
    ("五年内", 2022, 2027), ("未来15年内", 2024, 2039), ("本届政府任期内", 2022, None)])
def test_the_year_a_goal_is_due_is_read_from_its_period(period, plan_year, due):
    from annotate.corpus.scorecard import due_year

    t = Target(id="t1", block="", start=0, end=0, text="", horizon="multi_year", period=period)
    assert due_year(t, plan_year) == due


def test_hong_kong_goals_are_never_missed_before_they_are_due(corpus):
    plan = pipeline.tag(str(corpus / "hongkong-2021-policy-address-simp.txt"))
    result = pipeline.tag(str(corpus / "hongkong-2022-policy-address-simp.txt"))
    lines = scorecard(plan, result).lines
    assert len(lines) == 4 and all(ln.verdict == "unknown" for ln in lines)
