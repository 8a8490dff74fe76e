"""``annotate site``: a static site over a handful of reports (the whole corpus is bench/bench_site.py).

Static checks run everywhere; the browser checks (playwright + Debian chromium) skip when the
browser is absent: pages load without errors, links resolve, search finds a phrase, charts
render, hostile report text stays text, the changes table sorts and filters.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from lxml import html

from annotate.cli import main
from annotate.render.corpus_labels import labels
from conftest import open_page as conftest_open_page

NATIONAL = ("national-2018-gov-work-report.txt", "national-2019-gov-work-report.txt",
            "national-2020-gov-work-report.txt")
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(2)>&amp;注入测试段落高质量发展'
HOSTILE_FILE = "hostile-2019.txt"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, corpus):
    d = tmp_path_factory.mktemp("site-in")
    for name in NATIONAL:
        shutil.copy2(corpus / name, d / name)
    text = (corpus / NATIONAL[1]).read_text(encoding="utf-8")
    text = text.replace("各位代表：", "各位代表：\n" + HOSTILE + "\n", 1)
    (d / HOSTILE_FILE).write_text(text, encoding="utf-8")
    (d / "hostile-2019.meta.json").write_text(json.dumps({"issuer": "测试市人民政府", "year": 2019}), encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def site(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("site-out") / "site"
    r = CliRunner().invoke(main, ["site", str(inputs), "-o", str(out), "--jobs", "2"])
    assert r.exit_code == 0, r.output
    return out


def local_links(page: Path) -> list[str]:
    doc = html.fromstring(page.read_bytes())
    refs = [a.get("href") for a in doc.iter("a") if a.get("href")] + [s.get("src") for s in doc.iter("script") if s.get("src")]
    return [r for r in refs if not re.match(r"^[a-z]+:", r)]


def test_pages_of_a_small_corpus(site):
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and ".annotate-site" not in p.parts}
    for n in ("index.html", "changes.html", "search.html", "assets/search-index.js", "assets/search.js",
              "indicators/gdp_growth.html", "reports/hostile-2019.html",
              "pairs/national-2018-gov-work-report__national-2019-gov-work-report.html",
              "pairs/national-2018-gov-work-report__national-2019-gov-work-report.scorecard.html",
              "pairs/national-2019-gov-work-report__national-2020-gov-work-report.html"):
        assert n in names, n
    assert len([n for n in names if n.startswith("reports/")]) == 4
    assert len([n for n in names if n.startswith("assets/text/")]) == 4


def test_every_link_resolves(site):
    for page in site.rglob("*.html"):
        for ref in local_links(page):
            path, frag = urlsplit(ref).path, urlsplit(ref).fragment
            target = (page.parent / unquote(path)).resolve() if path else page
            assert target.is_file(), f"{page.relative_to(site)} → {ref}"
            if frag and target.suffix == ".html":
                ids = set(html.fromstring(target.read_bytes()).xpath("//@id"))
                assert unquote(frag) in ids, f"{page.relative_to(site)} → {ref}"


def test_index_grid_and_lists(site):
    doc = html.fromstring((site / "index.html").read_bytes())
    rows = {tr.findtext("th"): [a.text for a in tr.iter("a") if a.text and a.text.isdigit()]
            for tr in doc.xpath("//table[@class='grid']/tbody/tr")}
    assert rows == {"国务院": ["2020", "2019", "2018"], "测试市人民政府": ["2019"]}  # newest first
    # indicators are listed by the name a reader uses, linking the id's page
    assert doc.xpath("//ul/li/a[@href='indicators/gdp_growth.html']/text()") == ["生产总值（GDP）增长"]
    # the count says what it counts: both issuers (国务院 and the test city) set a GDP target
    item = doc.xpath("//ul/li[a[@href='indicators/gdp_growth.html']]")[0]
    assert item.text_content() == "生产总值（GDP）增长 (2个发布机关设定)"
    assert doc.xpath("//a[@class='pair'][contains(@title, '2018 → 2019')]")


def test_indicator_page_says_who_lowered_and_dropped(site):
    doc = html.fromstring((site / "indicators/gdp_growth.html").read_bytes())
    L = labels("zh")

    def year_rows(year):
        table = doc.xpath(f"//h3[@id='y{year}']/following-sibling::table[1]")[0]
        return {tr[0].text_content(): (tr[1].text_content(), tr[3].text_content()) for tr in table.xpath("tbody/tr")}

    assert year_rows(2019)["国务院"] == ("6%–6.5%", L["lowered"])
    assert year_rows(2020)["国务院"] == (L["no_target"], L["removed"])
    assert year_rows(2018)["国务院"] == ("6.5%左右", "")
    assert len(doc.xpath("//svg[@class='chart']//g[@class='target']")) >= 3


def test_hostile_text_is_escaped_everywhere(site):
    page = (site / "reports/hostile-2019.html").read_text(encoding="utf-8")
    assert '<script>alert("x")' not in page and "<img src=x" not in page
    doc = html.fromstring(page)
    assert HOSTILE in doc.text_content()
    assert all(s.get("nonce") for s in doc.iter("script"))
    shard = (site / "assets/text/hostile-2019.js").read_text(encoding="utf-8")
    assert json.dumps(HOSTILE, ensure_ascii=False)[1:-1] in shard  # a JSON string, not markup


def test_rebuild_redoes_only_what_depends_on_the_changed_report(inputs, site):
    again = CliRunner().invoke(main, ["site", str(inputs), "-o", str(site), "--jobs", "1"])
    assert again.exit_code == 0 and "0 pages written" in again.stderr
    f = inputs / NATIONAL[2]
    f.write_bytes(f.read_bytes() + "\n".encode("utf-8"))
    res = CliRunner().invoke(main, ["site", str(inputs), "-o", str(site), "--jobs", "1"])
    assert res.exit_code == 0 and "1 annotated" in res.stderr
    from annotate.render.site.build import CACHE

    written = set(json.loads((site / CACHE / "pages.json").read_text(encoding="utf-8"))["pages"])
    assert "reports/national-2020-gov-work-report.html" in written
    stamp = {p: (site / p).stat().st_mtime_ns for p in ("reports/national-2018-gov-work-report.html",
             "pairs/national-2018-gov-work-report__national-2019-gov-work-report.html")}
    f.write_bytes(f.read_bytes() + "\n".encode("utf-8"))
    CliRunner().invoke(main, ["site", str(inputs), "-o", str(site), "--jobs", "1"])
    for p, t in stamp.items():
        assert (site / p).stat().st_mtime_ns == t, f"{p} was rebuilt though nothing it shows changed"


def test_english_interface(site):
    from annotate.render.site.pages import index_page

    page = index_page({"国务院": {2019: [("reports/a.html", None, None)]}}, [("gdp_growth", 1)], [], labels("en"), "en")
    assert "Target changes" in page and "Search" in page and 'lang="en"' in page


def test_pair_pages_speak_the_site_language(site):
    """A zh site (the default) gives its pair pages the Chinese redline (heading, outline, labels)
    and the Chinese scorecard."""
    page = site / "pairs/national-2018-gov-work-report__national-2019-gov-work-report.html"
    doc = html.fromstring(page.read_bytes())
    assert doc.xpath("string(//header[@class='top']/h1)") == "修订对照：国务院 2018 → 2019"
    assert doc.xpath("//body/@data-ui") == ["zh"]
    assert "目标变化" in doc.xpath("//nav[@class='outline']//a[@href='#targets']/text()")
    assert "Target changes" not in page.read_text(encoding="utf-8")
    card = html.fromstring((site / "pairs/national-2018-gov-work-report__national-2019-gov-work-report.scorecard.html")
                           .read_bytes())
    assert card.xpath("string(//h1)") == "目标完成情况：国务院 2018年目标 → 2019年报告"
    assert card.xpath("(//table)[1]/thead//th/text()") == ["指标", "目标", "原文", "实际", "报告原文", "判定", "规则"]


# --------------------------------------------------------------------------- in a browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    if CHROMIUM is None:
        pytest.skip("Debian chromium is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield b
        b.close()


def open_page(browser, url: str):
    return conftest_open_page(browser, url, width=1200)


@pytest.mark.browser
def test_browser_every_page_loads_and_links_work(browser, site):
    for p in sorted(site.rglob("*.html")):
        page, problems, dialogs = open_page(browser, p.as_uri())
        assert problems == [] and dialogs == [], (p, problems, dialogs)
        page.close()
    page, problems, _ = open_page(browser, (site / "index.html").as_uri())
    page.click("table.grid a.pair[title*='2018 → 2019']")
    page.wait_for_load_state()
    assert page.url.endswith("national-2018-gov-work-report__national-2019-gov-work-report.html")
    assert "国务院 2018 → 2019" in page.title()
    page.click("nav.sitenav a >> nth=0")
    page.wait_for_load_state()
    assert page.url.endswith("index.html") and problems == []


@pytest.mark.browser
def test_browser_search_finds_a_phrase_inside_words(browser, site):
    page, problems, _ = open_page(browser, (site / "search.html").as_uri())
    page.fill("#q", "注入测试")
    page.wait_for_selector("#results li")
    hits = page.eval_on_selector_all("#results li a", "els => els.map(a => a.getAttribute('href'))")
    assert hits and all(h.startswith("reports/hostile-2019.html#") for h in hits)
    page.fill("#q", "质量发")  # inside 高质量发展: a substring, not a word
    page.locator("#results li").nth(3).wait_for()
    page.fill("#q", "质")  # one character: the index holds pairs, the page asks for more
    page.locator("#results li").first.wait_for(state="detached")
    assert page.inner_text("#status") == labels("zh")["search_short"]
    page.fill("#q", "注入测试")
    page.wait_for_selector("#results li a")
    page.click("#results li a")
    page.wait_for_load_state()
    anchor = unquote(urlsplit(page.url).fragment)
    assert "注入测试" in page.inner_text(f"[id='{anchor}']")
    assert problems == []


@pytest.mark.browser
def test_browser_chart_renders(browser, site):
    page, problems, _ = open_page(browser, (site / "indicators/gdp_growth.html").as_uri())
    box = page.eval_on_selector("svg.chart", "e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; }")
    assert box[0] > 300 and box[1] > 100
    marks = page.eval_on_selector_all("svg.chart g.target", "els => els.map(e => e.getBoundingClientRect().width)")
    assert len(marks) >= 3 and all(w > 0 for w in marks)
    assert page.eval_on_selector_all("svg.chart g.absent title", "els => els.map(e => e.textContent)") == ["国务院 2020: 未设目标"]
    assert problems == []


@pytest.mark.browser
def test_browser_hostile_text_stays_text(browser, site):
    page, problems, dialogs = open_page(browser, (site / "reports/hostile-2019.html").as_uri())
    assert HOSTILE in page.inner_text("main")
    assert page.eval_on_selector_all("main img", "els => els.length") == 0
    assert dialogs == [] and problems == []


@pytest.mark.browser
def test_browser_changes_table_sorts_and_filters(browser, site):
    page, problems, _ = open_page(browser, (site / "changes.html").as_uri())
    total = page.eval_on_selector_all("table.changes tbody tr", "els => els.length")
    page.select_option("form.filters select", "lowered")
    shown = page.eval_on_selector_all("table.changes tbody tr:not([hidden])", "els => els.map(r => r.cells[5].dataset.v)")
    assert shown and set(shown) == {"lowered"} and len(shown) < total
    page.select_option("form.filters select", "")
    page.click("table.changes th:nth-child(7) button")
    deltas = page.eval_on_selector_all("table.changes tbody tr", "els => els.map(r => r.cells[6].dataset.v)")
    nums = [float(d) for d in deltas if d]
    assert nums == sorted(nums)
    assert problems == []


def test_a_pair_with_a_gap_has_a_redline_and_no_scorecard_link():
    """1960 → 1964: the newer report reviews 1963, so no verdicts, and the redline links no scorecard."""
    from dataclasses import replace

    from annotate import pipeline
    from annotate.render.site.build import pair_pages

    examples = Path(__file__).resolve().parent.parent / "examples"
    old = pipeline.tag(str(examples / "national-2023-gov-work-report.txt"))
    new = pipeline.tag(str(examples / "national-2024-gov-work-report.txt"))
    old = replace(old, meta=replace(old.meta, year=2021))
    nav = {"redline": [("a", "../reports/a.html"), ("card", "x.scorecard.html")],
           "scorecard": [("redline", "x.html")], "scorecard_href": "x.scorecard.html"}
    redline, card, actuals = pair_pages(old, new, "a", "b", nav, "zh")
    assert card is None and actuals == []
    links = html.fromstring(redline.encode("utf-8")).xpath("//nav[@class='sitenav']/a/@href")
    assert links == ["../index.html", "../reports/a.html"]


def test_chart_lines_join_consecutive_years_only_and_year_ticks_do_not_collide():
    """1993 → 1994 → 1995, then 2015 → 2016: two lines, not a trend drawn across twenty years with no
    report; the last year's tick is never printed on top of the one before it."""
    from annotate.corpus.series import Point
    from annotate.render.site.chart import indicator_chart

    pts = [Point("gdp_growth", y, f"{y}.txt", value=v, unit="%", qualifier="about", issuer="国务院")
           for y, v in ((1993, 8), (1994, 9), (1995, 8.5), (2015, 7), (2016, 6.75), (2017, 6.5), (2026, 5))]
    svg, _legend = indicator_chart(pts, {}, "c", "地区生产总值增长", labels("zh"))
    lines = [p.get("points").split() for p in svg.iter("polyline")]
    assert sorted(len(p) for p in lines) == [3, 3]  # 1993-95 and 2015-17; 2026 stands alone
    years = [t for t in svg.iter("text") if t.text and t.text.isdigit() and int(t.text) > 1000]  # not the value axis
    ticks = [int(t.text) for t in years]
    xs = {int(t.text): float(t.get("x")) for t in years}
    assert 2026 in ticks and all(b - a >= 2 for a, b in zip(ticks, ticks[1:]))
    assert all(xs[b] - xs[a] > 30 for a, b in zip(ticks, ticks[1:]))  # room for four digits


def test_indicator_page_shows_the_change_of_the_target_it_shows():
    """One issuer, one year, two change rows under one indicator (its GDP target requalified,
    a share of GDP dropped): the row beside the target that is set is the requalification, never
    the other metric's removal; a year with no target shows the removal."""
    from annotate.corpus.changes import ChangeRow
    from annotate.corpus.series import Point
    from annotate.render.site.pages import indicator_page

    L = labels("zh")
    pts = [Point("gdp_growth", 2026, "h26.txt", value=6, unit="%", qualifier="about", text="地区生产总值增长6%左右",
                 metric="地区生产总值", issuer="海南省人民政府"),
           Point("gdp_growth", 2026, "n26.txt", status="absent", issuer="国务院")]
    rows = [ChangeRow("海南省人民政府", "海南省", 2025, 2026, "gdp_growth", "地区生产总值", "qualifier_changed", 0,
                      new_text="地区生产总值增长6%左右", old_text="地区生产总值增长6%以上"),
            ChangeRow("海南省人民政府", "海南省", 2025, 2026, "gdp_growth", "海洋生产总值占地区生产总值比重", "removed",
                      old_text="海洋生产总值占地区生产总值比重达37%"),
            ChangeRow("国务院", "全国", 2025, 2026, "gdp_growth", "国内生产总值", "removed", old_text="国内生产总值增长5%左右")]
    for order in (rows, rows[::-1]):  # whichever row comes last
        doc = html.fromstring(indicator_page("gdp_growth", pts, order, {}, {}, L, "zh").encode("utf-8"))
        table = doc.xpath("//h3[@id='y2026']/following-sibling::table[1]")[0]
        got = {tr[0].text_content(): tr[3].text_content() for tr in table.xpath("tbody/tr")}
        assert got == {"海南省人民政府": L["qualifier_changed"], "国务院": L["removed"]}


def test_report_page_names_level_and_kind_in_the_interface_language(site):
    """``national`` and ``gov-work-report`` are ids: a reader of the Chinese site sees 国家级 and
    政府工作报告; every kind and level the identity reader can give has words in both languages."""
    from annotate.reading.identity import KINDS
    from annotate.reading.regions import gazetteer

    doc = html.fromstring((site / "reports/national-2019-gov-work-report.html").read_bytes())
    meta = {tr[0].text_content(): tr[1].text_content() for tr in doc.xpath("//table[@class='meta']//tr")}
    L = labels("zh")
    assert meta[L["level"]] == "国家级" and meta[L["kind"]] == "政府工作报告"
    levels = {r.level for r in gazetteer().by_code.values()}
    for lang in ("zh", "en"):
        words = labels(lang)
        for key in [f"level.{v}" for v in levels] + [f"kind.{k}" for k in KINDS]:
            assert key in words, (lang, key)


def test_published_pages_never_show_the_build_machine_s_folders(inputs, site):
    # a static site is published: it names each report's file, never where it lay when the site was built
    pages = [p for p in site.rglob("*.html") if ".annotate-site" not in p.parts]
    assert pages
    for page in pages:
        assert str(inputs) not in page.read_text(encoding="utf-8"), page.name
    report = (site / "reports" / "hostile-2019.html").read_text(encoding="utf-8")
    assert HOSTILE_FILE in report


def test_raised_and_lowered_targets_share_one_neutral_colour(site):
    # a raised unemployment ceiling is no gain: the colour says a number moved, the word says which way
    css = (site / "changes.html").read_text(encoding="utf-8")
    rule = re.search(r"td\.ch-raised,td\.ch-lowered\{color:(#[0-9a-f]{6})\}", css)
    assert rule is not None and rule.group(1) not in ("#0b6b2f", "#b3261e")


def test_report_page_gives_a_multi_year_goal_its_period_not_the_report_s_year():
    # a goal for 2026-27年度 in the 2024 address is not a 2024 target: the table says when it is for
    from annotate.annotators import run_all
    from annotate.model import Meta, Report
    from annotate.render.site.pages import report_page

    text = "各位代表：\n目标是在2026-27年度把公屋综合轮候时间降至四年半。\n今年地区生产总值增长5%左右。\n"
    r = run_all(Report(meta=Meta(year=2024, region="香港特别行政区"), text=text))
    goal = next(t for t in r.targets if t.horizon == "multi_year")
    doc = html.fromstring(report_page(r, "hk.txt", labels("zh"), "zh", []))
    rows = [[td.text_content() for td in tr.findall("td")] for tr in doc.xpath("//table[@class='targets']/tbody/tr")]
    assert any(goal.period in row and "2024" not in row for row in rows), rows


def test_indicator_page_links_each_report_of_a_year_to_its_own_page():
    """Two addresses of one issuer in one year: each row links the report it came from, not both
    the one report the year's last file happened to be."""
    from annotate.corpus.series import Point
    from annotate.render.site.pages import indicator_page

    HK = "香港特别行政区行政长官"
    pts = [Point("gdp_growth", 2005, "in/jan.txt", value=4, unit="%", text="本地生产总值增长4%", issuer=HK),
           Point("gdp_growth", 2005, "in/oct.txt", value=5, unit="%", text="本地生产总值增长5%", issuer=HK)]
    hrefs = {"in/jan.txt": "../reports/jan.html", "in/oct.txt": "../reports/oct.html"}
    doc = html.fromstring(indicator_page("gdp_growth", pts, [], {}, hrefs, labels("zh"), "zh").encode("utf-8"))
    table = doc.xpath("//h3[@id='y2005']/following-sibling::table[1]")[0]
    assert [(tr[0].xpath("string(a/@href)"), tr[2].text_content()) for tr in table.xpath("tbody/tr")] == [
        ("../reports/jan.html", "本地生产总值增长4%"), ("../reports/oct.html", "本地生产总值增长5%")]


@pytest.mark.parametrize("path, name", [("/home/me/corpus/a.txt", "a.txt"), ("a.txt", "a.txt"),
                                        ("sub/二零零五年.md", "二零零五年.md")])
def test_published_name_keeps_the_file_name_only(path, name):
    from annotate.render.site.pages import published_name

    assert published_name(path) == name


def test_the_index_counts_issuers_in_words_a_reader_expects():
    """English: "set by one issuer", "set by 2 issuers" — not "(set by 1 issuer(s))"."""
    from annotate.render.site.pages import index_page

    grid = {"国务院": {2019: [("reports/a.html", None, None)]}}
    for lang, expected in (("en", ["GDP growth (set by 2 issuers)", "new urban jobs (set by one issuer)"]),
                           ("zh", ["生产总值（GDP）增长 (2个发布机关设定)", "城镇新增就业 (1个发布机关设定)"])):
        doc = html.fromstring(index_page(grid, [("gdp_growth", 2), ("urban_new_jobs", 1)], [], labels(lang),
                                         lang).encode("utf-8"))
        items = [li.text_content() for li in doc.xpath("//h2[@id='indicators']/following-sibling::ul[1]/li")]
        assert sorted(items) == sorted(expected)


def test_the_changes_table_punctuates_in_its_language_and_keeps_a_delta_on_one_line():
    from annotate.corpus.changes import ChangeRow
    from annotate.render.changes import CHANGE_CSS, render_html

    rows = [ChangeRow("国务院", "全国", 2020, 2021, "urban_new_jobs", "城镇新增就业", "raised", 200,
                      delta_unit="万人", old_text="城镇新增就业900万人以上", new_text="城镇新增就业1100万人以上")]
    for lang, colon in (("en", ": "), ("zh", "：")):
        doc = html.fromstring(render_html(rows, lang).encode("utf-8"))
        form = doc.xpath("//form[@class='filters']")[0]
        assert form.xpath("string(strong)").endswith(colon)
        assert ("：" in form.text_content()) is (lang == "zh")
        (delta,) = doc.xpath("//td[@class='delta']")
        assert delta.text_content() == "+200 万人"
    assert "td.delta{white-space:nowrap}" in CHANGE_CSS
