"""The corpus layer (annotate.corpus): discovery, grouping, pairs, target-change rows, the cache,
and the ``changes`` command over real national reports (2018 → 2019 → 2020)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from annotate.cli import main
from annotate.corpus import COLUMNS, Corpus, filter_rows, pair_rows
from annotate.corpus.changes import compute_delta
from annotate.corpus.files import discover
from annotate.corpus.search import bigrams, build_index, documents

NATIONAL = ("national-2018-gov-work-report.txt", "national-2019-gov-work-report.txt",
            "national-2020-gov-work-report.txt")


@pytest.fixture(scope="module")
def folder(tmp_path_factory, corpus):
    """2018 in a subfolder (folders are read recursively), a .tsv that is no report."""
    d = tmp_path_factory.mktemp("reports")
    (d / "older").mkdir()
    shutil.copy2(corpus / NATIONAL[0], d / "older" / NATIONAL[0])
    for name in NATIONAL[1:]:
        shutil.copy2(corpus / name, d / name)
    (d / "SOURCES.tsv").write_text("file\tissuer\n", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def national(folder, cache_dir):
    return Corpus.from_paths(str(folder), jobs=2, cache_dir=cache_dir)


def test_discover_recursive_lists_what_it_does_not_read(folder):
    files, ignored = discover([str(folder)])
    assert sorted(p.name for p in files) == sorted(NATIONAL)
    assert [p.name for p in ignored] == ["SOURCES.tsv"]


def test_groups_by_issuer_and_pairs_consecutive_years(national):
    assert len(national.reports) == 3 and national.failed == ()
    assert [Path(f).name for f in national.ignored] == ["SOURCES.tsv"]
    groups = national.issuers()
    assert list(groups) == ["国务院"]
    assert [e.year for e in groups["国务院"]] == [2018, 2019, 2020]
    assert [(a.year, b.year) for a, b in national.pairs()] == [(2018, 2019), (2019, 2020)]
    assert national.unidentified() == [] and national.duplicates() == []


def test_gdp_growth_lowered_then_removed(national):
    rows = national.changes(indicator=["gdp_growth"])
    assert [(r.old_year, r.new_year, r.change) for r in rows] == [(2018, 2019, "lowered"), (2019, 2020, "removed")]
    lowered, removed = rows
    assert (lowered.issuer, lowered.region, lowered.metric) == ("国务院", "全国", "国内生产总值")
    assert (lowered.old_value, lowered.old_qualifier, lowered.old_text) == (6.5, "about", "国内生产总值增长6.5%左右")
    assert (lowered.new_low, lowered.new_high, lowered.new_qualifier) == (6, 6.5, "range")
    assert (lowered.delta, lowered.delta_unit) == (-0.25, "个百分点")  # 6.5 → midpoint 6.25
    assert removed.new_text is None and removed.delta is None and removed.old_text == "国内生产总值增长6%-6.5%"


def test_filters(national):
    every = national.changes()
    assert {r.change for r in national.changes(change=["lowered"])} == {"lowered"}
    assert national.changes(issuer="国务") == every and national.changes(issuer="全国") == every
    assert national.changes(issuer="湖南") == []
    assert filter_rows(every, indicator="cpi", change="unchanged") == [
        r for r in every if r.indicator == "cpi" and r.change == "unchanged"]


def test_timeline_of_the_corpus(national):
    pts = national.timeline("gdp_growth")
    assert [(p.year, p.status) for p in pts] == [(2018, "set"), (2019, "set"), (2020, "absent")]


def test_cache_reuses_reports_and_redoes_a_changed_one(folder, cache_dir, national, tmp_path):
    again = Corpus.from_paths(str(folder), jobs=1, cache_dir=cache_dir)
    assert again.fresh == frozenset()
    assert [e.report.text for e in again.entries] == [e.report.text for e in national.entries]
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    cache_copy = tmp_path / "cache"
    shutil.copytree(cache_dir, cache_copy)
    changed = copy / NATIONAL[2]
    changed.write_bytes(changed.read_bytes() + "\n各位代表！\n".encode("utf-8"))
    third = Corpus.from_paths(str(copy), jobs=1, cache_dir=cache_copy)
    # the paths differ from the first run, so every key is new; a second run reuses them all,
    # and after one file changes only that one is annotated again
    assert len(third.fresh) == 3
    changed.write_bytes(changed.read_bytes() + "\n".encode("utf-8"))
    fourth = Corpus.from_paths(str(copy), jobs=1, cache_dir=cache_copy)
    assert [e.key for e in fourth.entries if e.key in fourth.fresh] == [
        e.key for e in fourth.entries if Path(e.file).name == NATIONAL[2]]


def test_unknown_year_is_listed_not_paired(national):
    e = next(x for x in national.entries if x.year == 2018)
    lost = replace(e.report, meta=replace(e.report.meta, year=None), targets=())
    c = Corpus.from_reports([(e.file, lost)] + [(x.file, x.report) for x in national.entries if x is not e])
    assert [(Path(x.file).name, why) for x, why in c.unidentified()] == [(NATIONAL[0], "year not found")]
    assert [(a.year, b.year) for a, b in c.pairs()] == [(2019, 2020)]
    assert Corpus.from_reports([x.report for x in national.entries]).pairs() != []


def side(value=None, low=None, high=None, unit=None, qualifier=None):
    return SimpleNamespace(value=value, low=low, high=high, unit=unit, qualifier=qualifier, text="")


def test_delta_by_midpoint_and_units():
    assert compute_delta(side(6.5, unit="%"), side(None, 6, 6.5, "%", "range")) == (-0.25, "个百分点")
    assert compute_delta(side(1100, unit="万人"), side(1200, unit="万人")) == (100, "万人")
    assert compute_delta(side(1.3, unit="万亿斤"), side(13500, unit="亿斤")) == (500, "亿斤")
    assert compute_delta(side(None), side(5, unit="%")) == (None, None)
    assert compute_delta(side(5, unit="%"), side(3, unit="万人")) == (None, None)


def test_a_delta_given_by_the_comparison_and_unknown_labels_pass_through(national):
    a, b = national.pairs()[0]
    tc = SimpleNamespace(indicator="gdp_growth", metric_old="x", metric_new=None, old=side(5, unit="%"),
                         new=side(6, unit="%"), change="quantified_somehow", delta={"value": 1.0, "unit": "%"})
    (row,) = pair_rows(a, b, [tc])
    assert (row.change, row.delta, row.delta_unit, row.metric) == ("quantified_somehow", 1.0, "%", "x")


def test_changes_command_csv_json_html(folder, cache_dir, tmp_path):
    r = CliRunner().invoke(main, ["changes", str(folder), "--indicator", "gdp_growth", "--cache", str(cache_dir)])
    assert r.exit_code == 0, r.output
    table = list(csv.DictReader(io.StringIO(r.stdout)))
    assert tuple(table[0])[: len(COLUMNS)] == COLUMNS
    assert [(t["old_year"], t["new_year"], t["change"], t["delta"]) for t in table] == [
        ("2018", "2019", "lowered", "-0.25"), ("2019", "2020", "removed", "")]
    assert "SOURCES.tsv" in r.stderr and "not read" in r.stderr
    r = CliRunner().invoke(main, ["changes", str(folder), "--change", "lowered", "--format", "json",
                                  "--cache", str(cache_dir)])
    assert {row["change"] for row in json.loads(r.stdout)} == {"lowered"}
    out = tmp_path / "changes.html"
    r = CliRunner().invoke(main, ["changes", str(folder), "--format", "html", "-o", str(out), "--lang", "en",
                                  "--cache", str(cache_dir)])
    page = out.read_text(encoding="utf-8")
    assert r.exit_code == 0 and "Content-Security-Policy" in page and 'class="sortable changes"' in page
    assert 'data-v="lowered"' in page and ">lowered<" in page


def test_bigram_search_index_finds_phrases_inside_words(national):
    docs = documents(national.entries[1].report)
    assert docs and all(text for _id, text in docs)
    phrase = "高质量发展"
    index = build_index([{k for _i, t in documents(x.report) for k in bigrams(t)} for x in national.entries])
    holders = set.intersection(*(set(index[k]) for k in bigrams(phrase)))
    assert holders == {n for n, x in enumerate(national.entries) if any(phrase in t for _i, t in documents(x.report))}
    assert bigrams("GDP 增长") == {"gd", "dp", "增长"}


def test_timeline_takes_bare_reports_and_scorecard_names_match_json(national):
    from annotate.corpus.scorecard import scorecard
    from annotate.corpus.series import timeline

    reports = [e.report for e in national.entries]
    assert [(p.year, p.status) for p in timeline(reports, "gdp_growth")] == [(2018, "set"), (2019, "set"), (2020, "absent")]
    a, b = national.pairs()[0]
    card = scorecard(a.report, b.report)
    data = card.to_json()
    assert [ln.indicator for ln in card.targets] == [t["indicator"] for t in data["targets"]]
    assert card.summary == data["summary"]


def test_traditional_passages_carry_a_simplified_copy_for_search():
    from annotate.corpus.search import passages, report_keys
    from annotate.model import Block, Meta, Report

    r = Report(meta=Meta(script="traditional"), text="推動經濟發展\n香港",
               blocks=(Block("p1", "p", None, 0, 6), Block("p2", "p", None, 7, 9)))
    assert passages(r) == [["p1", "推動經濟發展", "推动经济发展"], ["p2", "香港"]]
    assert {"经济", "經濟", "香港"} <= report_keys(r)
    simple = replace(r, meta=Meta(script="simplified"))
    assert passages(simple) == [["p1", "推動經濟發展"], ["p2", "香港"]]


def test_one_issuer_spelt_in_two_scripts_is_one_group(national):
    """Hong Kong bodies keep their report's script: 行政長官 and 行政长官 are one issuer."""
    a, b = sorted((e for e in national.entries if e.year in (2018, 2019)), key=lambda e: e.year)
    simp = replace(a.report, meta=replace(a.report.meta, issuer="香港特别行政区行政长官"))
    trad = replace(b.report, meta=replace(b.report.meta, issuer="香港特別行政區行政長官"))
    c = Corpus.from_reports([(a.file, simp), (b.file, trad)])
    assert list(c.issuers()) in (["香港特别行政区行政长官"], ["香港特別行政區行政長官"])
    assert [(x.year, y.year) for x, y in c.pairs()] == [(2018, 2019)]
    assert {r.issuer for r in c.changes()} == set(c.issuers())


def test_changes_on_a_dask_cluster_equal_local(tmp_path):
    distributed = pytest.importorskip("distributed")
    examples = Path(__file__).resolve().parent.parent / "examples"
    src = tmp_path / "in"
    src.mkdir()
    for name in ("national-2023-gov-work-report.txt", "national-2024-gov-work-report.txt"):
        shutil.copy2(examples / name, src / name)
    local = CliRunner().invoke(main, ["changes", str(src), "--jobs", "1"])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        remote = CliRunner().invoke(main, ["changes", str(src), "--scheduler", cluster.scheduler_address])
    assert local.exit_code == remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout and "urban_new_jobs" in local.stdout


def test_a_report_setting_next_years_plan_keeps_its_own_year_and_its_pair(corpus):
    """National 1981 (delivered in December) sets the 1982 plan; national 1982 sets none.  Both are
    reports of their own year: neither is a duplicate, and the pairs run 1980 → 1981 → 1982 → 1983,
    while the timeline still places the 1981 report's targets in 1982, the year they are for."""
    names = [f"national-{y}-gov-work-report.txt" for y in (1980, 1981, 1982, 1983)]
    c = Corpus.from_paths([str(corpus / n) for n in names], jobs=1)
    assert c.duplicates() == []
    assert [(a.year, b.year) for a, b in c.pairs()] == [(1980, 1981), (1981, 1982), (1982, 1983)]
    growth = [p for p in c.timeline("gross_output_growth") if p.file.endswith(names[1])]
    assert [p.year for p in growth if p.status == "set"] == [1982]


def test_changes_says_when_consecutive_reports_are_years_apart(corpus):
    """national 1995 → 2015 is one pair of the corpus, twenty years apart: said on stderr, not hidden."""
    res = CliRunner().invoke(main, ["changes", str(corpus / "national-1995-gov-work-report.txt"),
                                    str(corpus / "national-2015-gov-work-report.txt"), "--jobs", "1"])
    assert res.exit_code == 0
    assert "1995 → 2015 are consecutive reports here, 20 years apart" in res.stderr
