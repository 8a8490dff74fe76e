"""Timelines: the national GDP growth target 2015-2025, absent years, years we have no file for,
the CLI in json/csv/html, and the chart's marks and escaping."""

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
from annotate.model import Meta, Report
from annotate.render.timeline import render_html, to_csv
from annotate.corpus.series import FIELDS, Point, timeline

# (year, value, low, high, qualifier, status) — what the eleven national reports set
NATIONAL_GDP = [
    (2015, 7, None, None, "about", "set"),
    (2016, None, 6.5, 7, "range", "set"),
    (2017, 6.5, None, None, "about", "set"),
    (2018, 6.5, None, None, "about", "set"),
    (2019, None, 6, 6.5, "range", "set"),
    (2020, None, None, None, None, "absent"),
    (2021, 6, None, None, "at_least", "set"),
    (2022, 5.5, None, None, "about", "set"),
    (2023, 5, None, None, "about", "set"),
    (2024, 5, None, None, "about", "set"),
    (2025, 5, None, None, "about", "set"),
]


@pytest.fixture(scope="module")
def national(corpus):
    files = sorted(corpus.glob("national-20*.txt"))
    assert len(files) == 11
    return [(str(f), pipeline.tag(str(f))) for f in files]


def _series(points, indicator):
    return [(p.year, p.value, p.low, p.high, p.qualifier, p.status) for p in points if p.indicator == indicator]


def test_national_gdp_growth_series(national):
    points = timeline(national, indicator="gdp_growth")
    assert _series(points, "gdp_growth") == NATIONAL_GDP
    absent = [p for p in points if p.status == "absent"]
    assert [(p.year, p.file.rsplit("/", 1)[-1]) for p in absent] == [(2020, "national-2020-gov-work-report.txt")]
    assert absent[0].value is None and absent[0].unit is None and absent[0].text is None
    assert all(p.unit == "%" for p in points if p.status == "set")
    assert points[0].text == "国内生产总值增长7%左右"


def test_all_indicators_sorted_by_indicator_then_year(national):
    points = timeline(national)
    keys = [(p.indicator, p.year) for p in points]
    assert keys == sorted(keys)
    # every indicator has one row for each of the eleven years, set or absent
    by_ind: dict[str, list[int]] = {}
    for p in points:
        by_ind.setdefault(p.indicator, []).append(p.year)
    assert all(years == list(range(2015, 2026)) for years in by_ind.values())
    jobs = {p.year: (p.value, p.qualifier) for p in points if p.indicator == "urban_new_jobs"}
    assert jobs[2023] == (1200, "about") and jobs[2020] == (900, "at_least")


# --------------------------------------------------------------------------- years we have no file for


def _report(year: int, body: str, issuer: str = "某市人民政府") -> Report:
    return run_all(Report(meta=Meta(year=year, issuer=issuer), text=body))


def test_synthetic_future_years_and_issuers_kept_apart():
    reports = [
        ("a-2031.txt", _report(2031, "今年主要预期目标是：地区生产总值增长4.5%左右；城镇新增就业30万人以上。\n")),
        ("a-2032.txt", _report(2032, "今年主要预期目标是：城镇新增就业32万人以上；居民消费价格涨幅2%左右。\n")),
        ("a-2030.txt", _report(2030, "今年主要预期目标是：地区生产总值增长4%-4.5%；城镇新增就业28万人。\n")),
        ("b-2031.txt", _report(2031, "今年主要预期目标是：地区生产总值增长6%以上。\n", issuer="另一省人民政府")),
    ]
    points = timeline(reports)
    gdp_a = [(p.year, p.value, p.low, p.high, p.qualifier, p.status)
             for p in points if p.indicator == "gdp_growth" and p.issuer != "另一省人民政府"]
    assert gdp_a == [(2030, None, 4, 4.5, "range", "set"), (2031, 4.5, None, None, "about", "set"),
                     (2032, None, None, None, None, "absent")]
    # the other issuer's single year is not "absent" in 2030/2032 of the first issuer's reports
    gdp_b = [(p.year, p.status, p.value) for p in points if p.indicator == "gdp_growth" and p.issuer == "另一省人民政府"]
    assert gdp_b == [(2031, "set", 6)]
    cpi = [(p.year, p.status) for p in points if p.indicator == "cpi" and p.issuer == "某市人民政府"]
    assert cpi == [(2030, "absent"), (2031, "absent"), (2032, "set")]


# --------------------------------------------------------------------------- CLI and renderers


def test_cli_csv_and_json(corpus):
    files = [str(f) for f in sorted(corpus.glob("national-20*.txt"))]
    runner = CliRunner()
    res = runner.invoke(main, ["timeline", *files, "--indicator", "gdp_growth", "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert list(rows[0])[: len(FIELDS)] == list(FIELDS)
    assert [(r["year"], r["value"], r["low"], r["high"], r["status"]) for r in rows][4:7] == [
        ("2019", "", "6", "6.5", "set"), ("2020", "", "", "", "absent"), ("2021", "6", "", "", "set")]
    res = runner.invoke(main, ["timeline", *files[-3:], "--indicator", "grain_output"])
    data = json.loads(res.stdout)
    assert [(d["year"], d["value"], d["unit"], d["qualifier"]) for d in data] == [
        (2023, 1.3, "万亿斤", "at_least"), (2024, 1.3, "万亿斤", "at_least"), (2025, 1.4, "万亿斤", "about")]


def test_html_chart_marks_points_bands_absent_and_table(national, tmp_path):
    out = tmp_path / "t.html"
    page = render_html(timeline(national, indicator="gdp_growth"))
    out.write_text(page, encoding="utf-8")
    doc = lhtml.fromstring(page.encode("utf-8"))
    svgs = doc.findall(".//svg")
    assert len(svgs) == 1
    svg = svgs[0]
    assert svg.get("role") == "img"
    assert svg.find("title").text.startswith("GDP growth (gdp_growth) targets")  # the reader's name and the id
    assert "2020: no target" in svg.find("desc").text
    assert len(svg.findall(".//g[@class='band']/rect")) == 2  # 2016 and 2019 ranges
    assert len(svg.findall(".//g[@class='absent']")) == 1
    assert len([g for g in svg.findall(".//g") if (g.get("class") or "").startswith("point")]) == 8
    rows = doc.findall(".//table/tbody/tr")
    assert len(rows) == 11
    assert [td.text for td in rows[5].findall("td")][:3] == ["2020", "no target", "absent"]
    assert "<script" not in page and "http://" not in page.replace("http-equiv", "")


def test_html_escapes_report_text():
    evil = '<script>alert("x")</script>&<b>'
    pts = [Point("gdp_growth", 2030, "<evil>.txt", value=5, unit="%", qualifier="about", text=evil, metric=evil),
           Point("gdp_growth", 2031, "x.txt", status="absent")]
    page = render_html(pts)
    assert "<script>" not in page and "<evil>" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page
    doc = lhtml.fromstring(page.encode("utf-8"))
    assert evil in doc.text_content()
    assert to_csv(pts).splitlines()[1].startswith("gdp_growth,2030,<evil>.txt,5,")


def test_a_report_given_twice_counts_once():
    """Overlapping globs (or a .txt and the .xml tagged from it) doubled every row of that year."""
    r30 = _report(2030, "今年主要预期目标是：地区生产总值增长4%-4.5%；城镇新增就业28万人。\n")
    r31 = _report(2031, "今年主要预期目标是：地区生产总值增长4.5%左右。\n")
    points = timeline([("a-2030.txt", r30), ("a-2031.txt", r31), ("a-2030.xml", r30), ("copy/a-2031.txt", r31)])
    gdp = [(p.year, p.file, p.status) for p in points if p.indicator == "gdp_growth"]
    assert gdp == [(2030, "a-2030.txt", "set"), (2031, "a-2031.txt", "set")]
    jobs = [(p.year, p.status) for p in points if p.indicator == "urban_new_jobs"]
    assert jobs == [(2030, "set"), (2031, "absent")]


def test_cli_says_when_no_report_sets_any_target(corpus):
    """The 2019 policy address sets no targets block and no goal with a known indicator: the empty
    timeline comes with a warning, exit 0."""
    res = CliRunner().invoke(main, ["timeline", str(corpus / "hongkong-2019-policy-address-simp.txt"),
                                    "--format", "json"])
    assert res.exit_code == 0
    assert json.loads(res.stdout) == []
    assert "none of the reports sets a target" in res.stderr


def _address(year: int, body: str) -> Report:
    return run_all(Report(meta=Meta(year=year, issuer="香港特别行政区行政长官", kind="policy-address"), text=body))


def test_goals_of_addresses_without_a_targets_block_make_their_series_with_their_period():
    a = _address(2022, "目标是在四年内（即2026-27年度）把「公屋综合轮候时间」由六年降至约四年半。\n"
                       "目标是在2025年年底前推动不少于200间家族办公室在港设立或扩展业务。\n")
    b = _address(2023, "目标是在2026-27年度把公屋轮候时间降至4.5年。\n")
    rows = [(p.indicator, p.year, p.value, p.qualifier, p.period, p.status) for p in timeline([("a", a), ("b", b)])]
    assert rows == [("family_offices", 2022, 200, "at_least", "2025年年底前", "set"),
                    ("family_offices", 2023, None, None, None, "absent"),
                    ("prh_waiting_time", 2022, 4.5, "about", "2026-27年度", "set"),
                    ("prh_waiting_time", 2023, 4.5, "exact", "2026-27年度", "set")]
    # beside a targets block a goal for several years stays out of the year's series
    mainland = _report(2025, "今年主要预期目标是：地区生产总值增长5%左右。\n目标是到2027年吸烟率降至20%以下。\n")
    assert [p.indicator for p in timeline([("m", mainland)])] == ["gdp_growth"]


def test_hong_kong_addresses_show_their_goal_series(corpus):
    files = [str(corpus / f"hongkong-{y}-policy-address-simp.txt") for y in (2021, 2022)]
    res = CliRunner().invoke(main, ["timeline", *files, "--format", "json"])
    assert res.exit_code == 0, res.stderr
    got = {(r["indicator"], r["year"]): (r["value"], r["period"], r["status"]) for r in json.loads(res.stdout)}
    assert got[("prh_waiting_time", 2022)] == (4.5, "2026-27年度", "set")
    assert got[("family_offices", 2022)] == (200, "2025年年底前", "set")
    assert got[("family_offices", 2021)] == (None, None, "absent")


def test_html_sections_follow_the_reports_order_of_indicators_and_name_them():
    """GDP growth before air quality and CPI (the order reports list them), named as readers name
    them, with the id the --indicator option takes."""
    points = [Point(indicator=ind, year=2025, file="a.txt", value=v, unit="%", issuer="甲省人民政府")
              for ind, v in (("air_quality", 90), ("cpi", 2), ("gdp_growth", 5))]
    doc = lhtml.fromstring(render_html(points).encode("utf-8"))
    headings = [h.text_content() for h in doc.findall(".//h2")]
    assert headings[0].startswith("GDP growth (gdp_growth)")
    assert [h.split(", 2025")[0] for h in headings] == [
        "GDP growth (gdp_growth)", "consumer prices (CPI) (cpi)", "share of days with good air (air_quality)"]


# The headline output growth target of every national plan the corpus holds (tests/gold/gdp_series):
# 工农业总产值 until the 1980s, 国民生产总值 / 国内生产总值 / 经济增长速度 since; plan years follow the
# plan (1980's report sets the 1981 plan, 1981's the 1982 plan).
NATIONAL_GROSS_OUTPUT_1954_1988 = [(1956, 14.1, "exact"), (1959, 40, "exact"), (1981, 5.5, "exact"), (1982, 4, "exact")]


@pytest.mark.corpus
def test_national_output_growth_series_1954_2025(corpus):
    files = sorted(corpus.glob("national-*.txt"))
    assert len(files) >= 35
    points = timeline([(str(f), pipeline.tag(str(f))) for f in files])
    gdp = [(p.year, p.value, p.low, p.high, p.qualifier) for p in points if p.indicator == "gdp_growth" and p.status == "set"]
    assert gdp == [(1992, 6, None, None, "exact"), (1993, 8, None, None, "exact"), (1994, 9, None, None, "exact"),
                   (1995, None, 8, 9, "range")] + [(y, v, lo, hi, q) for y, v, lo, hi, q, s in NATIONAL_GDP if s == "set"]
    gross = [(p.year, p.value, p.qualifier) for p in points if p.indicator == "gross_output_growth" and p.status == "set"]
    assert gross == NATIONAL_GROSS_OUTPUT_1954_1988
    # every year before 1992 that plans no output growth says so: absent, never a stray figure
    absent = {p.year for p in points if p.indicator == "gdp_growth" and p.status == "absent"}
    assert {1954, 1957, 1965, 1979, 1988, 2020} <= absent
    income = [(p.year, p.value, p.qualifier) for p in points if p.indicator == "national_income_growth" and p.status == "set"]
    assert income == [(1982, 4, "about")]


def test_two_reports_of_one_year_keep_the_order_the_corpus_pairs_them_in():
    """Two 2005 reports of one issuer (January and October): their points follow delivery, as the
    corpus pairs them, not their file names (the October file is named first here)."""
    def dated(body: str, when: str) -> Report:
        return run_all(Report(meta=Meta(year=2005, issuer="某市人民政府", kind="gov-work-report", date=when),
                              text=body))

    jan = dated("今年主要预期目标是：地区生产总值增长8%左右。\n", "2005-01-12")
    oct_ = dated("今年主要预期目标是：地区生产总值增长7%左右。\n", "2005-10-12")
    rows = [(p.file, p.value) for p in timeline([("a-oct.txt", oct_), ("b-jan.txt", jan)], "gdp_growth")]
    assert rows == [("b-jan.txt", 8), ("a-oct.txt", 7)]
    # with the dates the other way round, the order follows them
    jan2, oct2 = dated(jan.text, "2005-10-12"), dated(oct_.text, "2005-01-12")
    rows = [(p.file, p.value) for p in timeline([("a-oct.txt", oct2), ("b-jan.txt", jan2)], "gdp_growth")]
    assert rows == [("a-oct.txt", 7), ("b-jan.txt", 8)]
    # the HTML table keeps that order (it sorts by year only)
    page = lhtml.fromstring(render_html(timeline([("a-oct.txt", oct_), ("b-jan.txt", jan)], "gdp_growth")))
    assert [tr[-1].text_content() for tr in page.xpath("//table/tbody/tr")] == ["b-jan.txt", "a-oct.txt"]
