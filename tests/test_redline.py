"""The redline HTML as a document (no browser): escaping, counts, views, script-as-written."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from annotate import pipeline
from annotate.compare import compare
from annotate.render.html import render_redline

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> &amp;'


@pytest.fixture(scope="module")
def national_pair():
    old = pipeline.tag(str(EXAMPLES / "national-2023-gov-work-report.txt"))
    new = pipeline.tag(str(EXAMPLES / "national-2024-gov-work-report.txt"))
    return compare(old, new)


def test_counts_targets_and_both_views(national_pair):
    doc = lxml_html.fromstring(render_redline(national_pair))
    shown = {li.get("data-kind"): int(li.find_class("n")[0].text) for li in doc.xpath("//ul[@class='summary']/li")}
    assert shown["all"] == len(national_pair.changes)
    for kind in ("inserted", "deleted", "replaced", "moved", "number_changed", "modality_changed"):
        assert shown[kind] == sum(1 for c in national_pair.changes if c.kind == kind)
    rows = {tr.get("data-change"): tr.text_content() for tr in doc.xpath("//table[@class='targets']/tbody/tr")}
    assert "qualifier changed" in rows["qualifier_changed"] and "urban_new_jobs" in rows["qualifier_changed"]
    # one navigation stop per change and view
    for view in ("view-inline", "view-sbs"):
        stops = [e.get("data-chg") for e in doc.get_element_by_id(view).iter() if e.get("data-chg")]
        assert len(stops) == len(set(stops))
    assert len(doc.xpath("//div[@id='view-sbs']//tbody/tr")) == len(national_pair.pairs)
    # the page is self-contained: no external resource of any kind
    assert not doc.xpath("//@src | //link[@href]")


def test_inline_view_reads_as_the_new_report(national_pair):
    """Dropping the deletions from the inline view leaves the new report's text."""
    doc = lxml_html.fromstring(render_redline(national_pair))
    view = doc.get_element_by_id("view-inline")
    for el in view.xpath(".//del | .//*[@class='sr'] | .//a[contains(@class,'move-mark')] | .//p[@class='moved-from']"):
        el.drop_tree()
    shown = "".join(view.itertext())
    new_text = national_pair.new.text
    squash = lambda s: "".join(s.split())  # noqa: E731 - layout whitespace is not content
    assert squash(shown) == squash(new_text)


def test_hostile_text_is_escaped(tmp_path):
    base = (EXAMPLES / "national-2024-gov-work-report.txt").read_text(encoding="utf-8")
    old = pipeline.read_report("old.txt", base.encode("utf-8"))
    evil = base.replace("各位代表：", "各位代表：" + HOSTILE, 1)
    new = pipeline.read_report("new.txt", evil.encode("utf-8"))
    page = render_redline(compare(pipeline.annotate(old), pipeline.annotate(new)))
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&amp;amp;" in page
    doc = lxml_html.fromstring(page)
    assert len(doc.xpath("//script")) == 1 and not doc.xpath("//img")
    assert HOSTILE in doc.get_element_by_id("view-inline").text_content()


@pytest.mark.corpus
def test_traditional_side_stays_traditional(corpus):
    old = pipeline.tag(str(corpus / "hongkong-2024-policy-address-simp.txt"))
    new = pipeline.tag(str(corpus / "hongkong-2025-policy-address-trad.txt"))
    doc = lxml_html.fromstring(render_redline(compare(old, new)))
    new_cells = "".join(td.text_content() for td in doc.xpath("//div[@id='view-sbs']//td[@class='new']"))
    old_cells = "".join(td.text_content() for td in doc.xpath("//div[@id='view-sbs']//td[@class='old']"))
    assert "行政長官" in new_cells and "行政長官" not in old_cells
    assert "行政长官" in old_cells


def _report(name: str, body: str):
    return pipeline.annotate(pipeline.read_report(name, body.encode("utf-8")))


def test_side_by_side_columns_keep_renumbered_labels():
    """A renumbered paragraph (1. → 2.) is no change; the old column used to drop its old label
    (Hong Kong 2024 → 2025 lost ``12.``, ``143.``, ``(一)`` …): every row reads as its pair."""
    filler = "".join(f"{k + 3}. 政府将继续推进第{k + 1}项民生工程建设，提升市民生活质量和城市管理水平，完善公共服务体系。\n"
                     for k in range(30))
    head = "施政报告\n第一章 发展经济\n"
    old = _report("old.txt", head + "1. 我们要大力发展创新科技产业，推动经济增长。\n2. 政府将加快建设北部都会区。\n" + filler)
    new = _report("new.txt", head + "1. 今年是规划开局之年。\n2. 我们要大力发展创新科技产业，推动经济增长。\n"
                  "3. 政府将加快建设北部都会区。\n" + filler)
    c = compare(old, new)
    doc = lxml_html.fromstring(render_redline(c))
    squash = lambda s: "".join(s.split())  # noqa: E731
    checked = 0
    for tr in doc.xpath("//div[@id='view-sbs']//tbody/tr"):
        pair = c.pairs[int(tr.get("data-pair"))]
        old_td, new_td = tr.xpath("./td")
        for td, drop in ((old_td, ".//ins"), (new_td, ".//del")):
            for el in td.xpath(drop + " | .//*[@class='sr'] | .//*[contains(@class,'move-mark')]"):
                el.drop_tree()
        want_old = c.old.text[pair.old_start : pair.old_end] if pair.relation != "inserted" else ""
        want_new = c.new.text[pair.new_start : pair.new_end] if pair.relation != "deleted" else ""
        assert squash(old_td.text_content()) == squash(want_old)
        assert squash(new_td.text_content()) == squash(want_new)
        checked += any(op.kind == "replace" and op.change is None for op in pair.ops)
    assert checked >= 2  # the rows whose label changed were among them


def test_outline_nests_sections_under_their_part(national_pair):
    """Sections listed flat beside parts made the numbered outline count 1, 2, 3, 7, 14 …"""
    doc = lxml_html.fromstring(render_redline(national_pair))
    top = doc.xpath("//nav[@class='outline']/ol")[0]
    parts = [li.text_content() for li in top.xpath("./li[@class='o-h2']")]
    assert any("政府工作任务" in p for p in parts)
    assert not top.xpath("./li[@class='o-h3']")  # every section sits in its part's own list
    sections = top.xpath("./li[@class='o-h2']/ol/li[@class='o-h3']")
    assert len(sections) >= 10 and sections[0].text_content().startswith("（一）")
