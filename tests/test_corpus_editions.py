"""Two reports of one issuer in one calendar year (Hong Kong's January and October 2005 policy
addresses, again in 2017): both kept, ordered and paired by delivery; only copies are duplicates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import html

from annotate.corpus import Corpus
from annotate.model import Meta, Report

HK = "香港特别行政区行政长官"


def report(year: int, title: str, text: str, date: str | None = None, delivered: str | None = None,
           kind: str = "policy-address") -> Report:
    """An invented, unannotated report: the corpus layer only reads its meta and text."""
    return Report(meta=Meta(title=title, issuer=HK, year=year, kind=kind, date=date, delivered=delivered),
                  text=text)


JAN_2005 = report(2005, "二零零五年施政报告", "一月的施政报告：扶贫。", delivered="2005")
OCT_2005 = report(2005, "二零零五至零六年施政报告", "十月的施政报告：强政勵治。", delivered="2005")
Y2004 = report(2004, "二零零四年施政报告", "二零零四年的施政报告。")
Y2006 = report(2006, "二零零六至零七年施政报告", "二零零六年的施政报告。")


def years_and_titles(entries) -> list[tuple[int, str]]:
    return [(e.year, e.report.meta.title) for e in entries]


def test_two_addresses_of_one_year_are_kept_and_paired_in_delivery_order():
    # read in an order unlike delivery's: October first
    c = Corpus.from_reports([("oct.txt", OCT_2005), ("2006.txt", Y2006), ("jan.txt", JAN_2005), ("2004.txt", Y2004)])
    assert c.duplicates() == []
    assert [Path(e.file).name for e in c.issuers()[HK]] == ["2004.txt", "jan.txt", "oct.txt", "2006.txt"]
    assert [(Path(a.file).name, Path(b.file).name) for a, b in c.pairs()] == [
        ("2004.txt", "jan.txt"), ("jan.txt", "oct.txt"), ("oct.txt", "2006.txt")]


def test_delivery_dates_order_a_year_before_titles_do():
    """With both dates known the dates decide, whatever the titles (the 2017 addresses share one)."""
    oct_ = report(2017, "二零一七年施政报告", "十月。", date="2017-10-11")
    jan = report(2017, "二零一七年施政报告", "一月。", date="2017-01-18")
    c = Corpus.from_reports([("oct.txt", oct_), ("jan.txt", jan)])
    assert c.duplicates() == []
    assert [(Path(a.file).name, Path(b.file).name) for a, b in c.pairs()] == [("jan.txt", "oct.txt")]


def test_the_same_document_twice_is_a_duplicate_whatever_its_meta():
    copy = report(2005, "二零零五年施政报告（重印）", JAN_2005.text, date="2005-01-12")
    c = Corpus.from_reports([("jan.txt", JAN_2005), ("oct.txt", OCT_2005), ("jan-copy.txt", copy)])
    assert [Path(e.file).name for e in c.duplicates()] == ["jan-copy.txt"]
    assert [(Path(a.file).name, Path(b.file).name) for a, b in c.pairs()] == [("jan.txt", "oct.txt")]


def test_nothing_to_tell_two_files_apart_keeps_the_first_read():
    """Same issuer, year and kind, the same title (in either script, spaced or with its year in
    digits) and no delivery date: a second file of one report, not a second report."""
    variants = [report(2005, "二零零五年 施政報告", "另一份抄本。"), report(2005, "2005年施政报告", "第三份抄本。"),
                report(2005, None, "无标题的抄本。")]  # type: ignore[arg-type]
    c = Corpus.from_reports([("jan.txt", JAN_2005)] + [(f"copy{i}.txt", r) for i, r in enumerate(variants)])
    assert [Path(e.file).name for e in c.issuers()[HK]] == ["jan.txt"]
    assert [Path(e.file).name for e in c.duplicates()] == ["copy0.txt", "copy1.txt", "copy2.txt"]
    assert c.pairs() == []


def test_one_date_known_and_the_same_title_is_still_a_duplicate():
    dated = report(2005, "二零零五年施政报告", "有日期的抄本。", date="2005-01-12")
    c = Corpus.from_reports([("jan.txt", JAN_2005), ("dated.txt", dated)])
    assert [Path(e.file).name for e in c.duplicates()] == ["dated.txt"]


def test_reports_of_different_kinds_in_one_year_are_both_kept():
    budget = report(2005, "二零零五年施政报告", "财政预算案。", kind="budget-report")
    c = Corpus.from_reports([("jan.txt", JAN_2005), ("budget.txt", budget)])
    assert c.duplicates() == [] and len(c.pairs()) == 1


# ---------------------------------------------------------------------------- the site


@pytest.fixture(scope="module")
def hk_site(tmp_path_factory, corpus):
    """One real address read as two of 2019 (January and October by their sidecars, the October one
    with a paragraph added) and a byte copy of the January one, read last (files are read in name order)."""
    from annotate.render.site.build import build_site

    src = tmp_path_factory.mktemp("hk-in")
    text = (corpus / "hongkong-2019-policy-address-simp.txt").read_text(encoding="utf-8")
    (src / "hk-2019-jan.txt").write_text(text, encoding="utf-8")
    (src / "hk-2019-oct.txt").write_text(text + "\n\n我们将于明年推出新的房屋政策，增加公营房屋供应。\n", encoding="utf-8")
    shutil.copy2(src / "hk-2019-jan.txt", src / "hk-2019-z-copy.txt")
    for stem, day in (("hk-2019-jan", "2019-01-16"), ("hk-2019-oct", "2019-10-16"), ("hk-2019-z-copy", "2019-01-16")):
        (src / f"{stem}.meta.json").write_text(json.dumps({"year": 2019, "delivered": day}), encoding="utf-8")
    out = tmp_path_factory.mktemp("hk-out") / "site"
    build_site([str(src)], str(out), jobs=1)
    return out


def test_the_grid_shows_both_reports_of_the_year_and_their_pair(hk_site):
    doc = html.fromstring((hk_site / "index.html").read_bytes())
    (row,) = doc.xpath("//table[@class='grid']/tbody/tr")
    links = [(a.text, a.get("href")) for a in row.iter("a")]
    assert links == [("2019", "reports/hk-2019-jan.html"), ("2019 (2)", "reports/hk-2019-oct.html"),
                     ("↔", "pairs/hk-2019-jan__hk-2019-oct.html")]
    for _text, href in links:
        assert (hk_site / href).is_file(), href
    # the copy is listed as left out, linking its own page
    assert doc.xpath("//li/a[@href='reports/hk-2019-z-copy.html']")


def test_reports_without_text_are_told_apart_by_year_not_taken_for_copies():
    """batch's index builds entries from summaries with no text: an empty text is no evidence that
    two reports are one, so its years still pair (2004 → 2005 → 2006)."""
    bare = [report(y, None, "") for y in (2004, 2005, 2006)]  # type: ignore[arg-type]
    c = Corpus.from_reports([(f"{r.meta.year}.txt", r) for r in bare])
    assert c.duplicates() == []
    assert [(a.year, b.year) for a, b in c.pairs()] == [(2004, 2005), (2005, 2006)]


def test_a_title_naming_a_span_comes_after_the_title_of_the_year_alone():
    """No dates: 2005-06年度 (October, the financial year from then) follows 2005年 (January),
    though its title sorts first by code point."""
    oct_ = report(2005, "2005-06年度施政报告", "十月。")
    c = Corpus.from_reports([("oct.txt", oct_), ("jan.txt", JAN_2005)])
    assert [(Path(a.file).name, Path(b.file).name) for a, b in c.pairs()] == [("jan.txt", "oct.txt")]


def test_a_title_naming_its_issuer_is_the_same_title():
    """The corpus .txt titles the address 香港特别行政区行政长官2019年施政报告, a PDF 二零一九年施政報告:
    one report from two sources, not two addresses of 2019."""
    txt = Report(meta=Meta(title="香港特别行政区行政长官2019年施政报告", issuer=HK, region="香港特别行政区",
                           year=2019, kind="policy-address"), text="文本。")
    pdf = Report(meta=Meta(title="行政長官二零一九年施政報告", issuer="香港特別行政區行政長官",
                           region="香港特別行政區", year=2019, kind="policy-address"), text="PDF。")
    c = Corpus.from_reports([("a.txt", txt), ("a.pdf", pdf)])
    assert [Path(e.file).name for e in c.duplicates()] == ["a.pdf"] and c.pairs() == []


def test_the_grid_names_each_report_of_a_doubled_year_in_its_tooltip():
    from annotate.render.corpus_labels import labels
    from annotate.render.site.pages import index_page

    grid = {HK: {2004: [("reports/a.html", None, "二零零四年施政报告")],
                 2005: [("reports/b.html", "pairs/a__b.html", "二零零五年施政报告"),
                        ("reports/c.html", "pairs/b__c.html", "二零零五至零六年施政报告")]}}
    doc = html.fromstring(index_page(grid, [], [], labels("zh"), "zh").encode("utf-8"))
    cell = [(a.text, a.get("title")) for a in doc.xpath("//table[@class='grid']//td//a")]
    assert ("2005", f"{HK} 2005 二零零五年施政报告") in cell
    assert ("2005 (2)", f"{HK} 2005 二零零五至零六年施政报告") in cell
    tips = doc.xpath("//a[@class='pair']/@title")
    assert any(t.endswith("2004 → 2005") for t in tips) and any(t.endswith("2005 → 2005") for t in tips)
    assert ("2004", f"{HK} 2004") in cell  # a year's single report keeps its short tooltip


# ---------------------------------------------------------------------------- dates of differing precision


def test_a_date_and_the_same_date_written_less_precisely_are_one_edition():
    """A sidecar's 2005-01 and a dateline's 2005-01-12 name one delivery: the second file is a copy
    of the first, not a second address of the year."""
    day = report(2005, "二零零五年施政报告", "有日期的一份。", date="2005-01-12")
    month = report(2005, "二零零五年施政报告（网页版）", "只有月份的一份。", delivered="2005-01")
    c = Corpus.from_reports([("day.txt", day), ("month.txt", month)])
    assert [Path(e.file).name for e in c.duplicates()] == ["month.txt"]
    assert c.pairs() == []


def test_dates_differing_in_a_stated_component_are_two_editions():
    jan = report(2005, "二零零五年施政报告", "一月。", delivered="2005-01")
    oct_ = report(2005, "二零零五年施政报告", "十月。", date="2005-10-12")
    c = Corpus.from_reports([("oct.txt", oct_), ("jan.txt", jan)])
    assert c.duplicates() == []
    assert [(Path(a.file).name, Path(b.file).name) for a, b in c.pairs()] == [("jan.txt", "oct.txt")]


@pytest.mark.parametrize("a, b, same", [
    ("2005-01", "2005-01-12", True), ("2005-01-12", "2005-01", True), ("2005-01-12", "2005-01-12", True),
    ("2005-01", "2005-10", False), ("2005-01-12", "2005-01-13", False), ("2005-01", "2005-10-01", False),
    ("2005-1", "2005-10", False)])
def test_same_date_compares_the_components_both_state(a, b, same):
    from annotate.corpus.editions import same_date

    assert same_date(a, b) is same


def test_issuers_is_computed_once_and_callers_cannot_change_it():
    c = Corpus.from_reports([("jan.txt", JAN_2005), ("oct.txt", OCT_2005), ("2004.txt", Y2004)])
    first = c.issuers()
    first[HK].clear()  # a caller's list is its own
    assert [Path(e.file).name for e in c.issuers()[HK]] == ["2004.txt", "jan.txt", "oct.txt"]
    assert c._editions is c._editions  # one grouping per corpus, not one per call
