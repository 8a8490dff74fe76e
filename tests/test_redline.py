"""The redline HTML as a document (no browser): escaping, counts, views, script-as-written."""

from __future__ import annotations

import re

from pathlib import Path

import pytest
from lxml import html as lxml_html

from annotate import pipeline
from annotate.comparing.compare import compare
from annotate.render.html import render_redline
from conftest import as_shown

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
    assert "qualifier changed" in rows["qualifier_changed"] and "new urban jobs" in rows["qualifier_changed"]
    # one navigation stop per change
    stops = [e.get("data-chg") for e in doc.get_element_by_id("view-inline").iter() if e.get("data-chg")]
    assert len(stops) == len(set(stops))
    # the page is self-contained: no external resource of any kind
    assert not doc.xpath("//@src | //link[@href]")


def test_side_by_side_view_has_a_row_per_pair_and_a_stop_per_change(national_pair, chromium):
    """The script builds the side-by-side view from the inline one: a row per aligned pair, in
    order, and one navigation stop per change, the same changes as inline."""
    doc = as_shown(chromium, render_redline(national_pair))
    rows = doc.xpath("//div[@id='view-sbs']//tbody/tr")
    assert [int(tr.get("data-pair")) for tr in rows] == list(range(len(national_pair.pairs)))
    assert [tr.get("class") for tr in rows] == [f"r-{p.relation}" for p in national_pair.pairs]
    stops = {}
    for view in ("view-inline", "view-sbs"):
        stops[view] = [e.get("data-chg") for e in doc.get_element_by_id(view).iter() if e.get("data-chg")]
        assert len(stops[view]) == len(set(stops[view]))
    assert sorted(stops["view-inline"]) == sorted(stops["view-sbs"])  # the same changes; the old column comes first
    # nothing cloned from the inline view brought its id along; ids are unique on the page
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))


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
def test_traditional_side_stays_traditional(corpus, chromium):
    old = pipeline.tag(str(corpus / "hongkong-2024-policy-address-simp.txt"))
    new = pipeline.tag(str(corpus / "hongkong-2025-policy-address-trad.txt"))
    c = compare(old, new)
    page = render_redline(c)
    assert "data-oq=" in page  # unchanged words whose quantities the old report reads otherwise
    doc = as_shown(chromium, page)
    new_cells = "".join(td.text_content() for td in doc.xpath("//div[@id='view-sbs']//td[@class='new']"))
    old_cells = "".join(td.text_content() for td in doc.xpath("//div[@id='view-sbs']//td[@class='old']"))
    assert "行政長官" in new_cells and "行政長官" not in old_cells
    assert "行政长官" in old_cells
    # each column reads as its report, its quantities with that report's tips (the inline view
    # shows the new report's; the old readings ride along for the script)
    assert _columns_read_as_their_pairs(doc, c) == len(c.pairs)
    assert _column_quantities_are_their_reports(doc, c) > 100


def _column_quantities_are_their_reports(doc, c) -> int:
    """Every side-by-side cell's quantities (text, tip) are those its own report's spans give
    for the text the cell shows (a stretch that is no change shows plain text); returns how
    many quantities were checked."""
    from annotate.render.html import _Redline, _segments

    r = _Redline(c)
    checked = 0
    for tr in doc.xpath("//div[@id='view-sbs']//tbody/tr"):
        k = int(tr.get("data-pair"))
        pair = c.pairs[k]
        for side, report, spans in (("old", c.old, r.old_spans), ("new", c.new, r.new_spans)):
            if pair.relation == ("inserted" if side == "old" else "deleted"):
                continue
            want = []
            for op in pair.ops:
                if op.kind != "equal" and r._change_for(k, op) is None:
                    continue
                start, end = (op.old_start, op.old_end) if side == "old" else (op.new_start, op.new_end)
                want += [(seg[1], seg[2]) for seg in _segments(report.text, start, end, spans) if seg[0] == "q"]
            got = [(q.text_content(), q.get("data-tip")) for q in tr.xpath(f"./td[@class='{side}']//span[@class='qty']")]
            assert got == want, (side, k)
            checked += len(got)
    return checked


def _report(name: str, body: str):
    return pipeline.annotate(pipeline.read_report(name, body.encode("utf-8")))


def test_side_by_side_columns_keep_renumbered_labels(chromium):
    """A renumbered paragraph (1. → 2.) is no change; the old column used to drop its old label
    (Hong Kong 2024 → 2025 lost ``12.``, ``143.``, ``(一)`` …): every row reads as its pair."""
    filler = "".join(f"{k + 3}. 政府将继续推进第{k + 1}项民生工程建设，提升市民生活质量和城市管理水平，完善公共服务体系。\n"
                     for k in range(30))
    head = "施政报告\n第一章 发展经济\n"
    old = _report("old.txt", head + "1. 我们要大力发展创新科技产业，推动经济增长。\n2. 政府将加快建设北部都会区。\n" + filler)
    new = _report("new.txt", head + "1. 今年是规划开局之年。\n2. 我们要大力发展创新科技产业，推动经济增长。\n"
                  "3. 政府将加快建设北部都会区。\n" + filler)
    c = compare(old, new)
    doc = as_shown(chromium, render_redline(c))
    assert _columns_read_as_their_pairs(doc, c) == len(c.pairs)
    checked = sum(any(op.kind == "replace" and op.change is None for op in pair.ops) for pair in c.pairs)
    assert checked >= 2  # the rows whose label changed were among them


def test_side_by_side_columns_read_as_the_two_reports(national_pair, chromium):
    doc = as_shown(chromium, render_redline(national_pair))
    assert _columns_read_as_their_pairs(doc, national_pair) == len(national_pair.pairs)
    assert _column_quantities_are_their_reports(doc, national_pair) > 100


def _columns_read_as_their_pairs(doc, c) -> int:
    """Each side-by-side row, without the other side's marks, reads as its pair's old and new
    text (layout whitespace aside); returns the number of rows."""
    squash = lambda s: "".join(s.split())  # noqa: E731
    rows = doc.xpath("//div[@id='view-sbs']//tbody/tr")
    for tr in rows:
        pair = c.pairs[int(tr.get("data-pair"))]
        old_td, new_td = tr.xpath("./td")
        for td, drop in ((old_td, ".//ins"), (new_td, ".//del")):
            for el in td.xpath(drop + " | .//*[@class='sr'] | .//*[contains(@class,'move-mark')]"):
                el.drop_tree()
        want_old = c.old.text[pair.old_start : pair.old_end] if pair.relation != "inserted" else ""
        want_new = c.new.text[pair.new_start : pair.new_end] if pair.relation != "deleted" else ""
        assert squash(old_td.text_content()) == squash(want_old)
        assert squash(new_td.text_content()) == squash(want_new)
    return len(rows)


def test_outline_nests_sections_under_their_part(national_pair):
    """Sections listed flat beside parts made the numbered outline count 1, 2, 3, 7, 14 …"""
    doc = lxml_html.fromstring(render_redline(national_pair))
    top = doc.xpath("//nav[@class='outline']/ol")[0]
    parts = [li.text_content() for li in top.xpath("./li[@class='o-h2']")]
    assert any("政府工作任务" in p for p in parts)
    assert not top.xpath("./li[@class='o-h3']")  # every section sits in its part's own list
    sections = top.xpath("./li[@class='o-h2']/ol/li[@class='o-h3']")
    assert len(sections) >= 10 and sections[0].text_content().startswith("（一）")


# --------------------------------------------------------------------------- issue 14


def test_header_names_both_reports_by_issuer_and_year(national_pair):
    doc = lxml_html.fromstring(render_redline(national_pair))
    assert doc.xpath("//h1")[0].text_content() == "Redline: 国务院 2023 → 2024"
    assert doc.xpath("//title")[0].text_content() == "Redline: 国务院 2023 → 2024"
    heads = [th.text_content() for th in doc.xpath("//div[@id='view-sbs']//thead//th")]
    assert heads == ["old: 国务院 2023", "new: 国务院 2024"]


def _link_targets(doc) -> list[str]:
    """The ids the outline entries and the target-table links point at (not the two tables)."""
    sections = ("#targets", "#commitment-changes")
    return [a.get("href")[1:] for a in doc.xpath("//nav[@class='outline']//a | //table[@class='targets']//a")
            if a.get("href") not in sections]


def test_every_link_has_a_twin_in_the_side_by_side_view(national_pair, chromium):
    doc = as_shown(chromium, render_redline(national_pair))
    ids = set(doc.xpath("//@id"))
    anchors = _link_targets(doc)
    assert len(anchors) >= 13 + 2 * 5
    for anchor in anchors:
        assert anchor in ids and f"sbs-{anchor}" in ids, anchor


def test_every_link_lands_in_both_views(national_pair):
    """Outline entries and target-table links point at an inline anchor (which has an ``sbs-`` twin)."""
    doc = lxml_html.fromstring(render_redline(national_pair))
    ids = set(doc.xpath("//@id"))
    sections = ("#targets", "#commitment-changes")  # the two tables above the text
    outline = [a.get("href")[1:] for a in doc.xpath("//nav[@class='outline']//a") if a.get("href") not in sections]
    assert all(h[1:] in ids for h in sections)
    targets = [a.get("href")[1:] for a in doc.xpath("//table[@class='targets']//a")]
    assert len(outline) == 13 and len(targets) >= 2 * 5
    for anchor in outline + targets:
        assert anchor in ids, anchor  # its sbs- twin: test_every_link_has_a_twin_in_the_side_by_side_view
    # the jobs row links the new sentence on the new side and the old one on the old side
    row = doc.xpath("//table[@class='targets']//tr[@data-change='qualifier_changed']")[0]
    new_k = int(row.xpath(".//a[contains(@class,'to-new')]/@href")[0].split("-")[1])
    old_k = int(row.xpath(".//a[contains(@class,'to-old')]/@href")[0].split("-")[1])
    pair_new, pair_old = national_pair.pairs[new_k], national_pair.pairs[old_k]
    assert "城镇新增就业1200万人以上" in national_pair.new.text[pair_new.new_start : pair_new.new_end]
    assert "城镇新增就业1200万人左右" in national_pair.old.text[pair_old.old_start : pair_old.old_end]


def test_counts_are_buttons_and_halves_are_marked(national_pair):
    doc = lxml_html.fromstring(render_redline(national_pair))
    buttons = {b.get("data-only"): b.get("aria-pressed") for b in doc.xpath("//ul[@class='summary']//button")}
    assert buttons["all"] == "true" and buttons["number_changed"] == "false" and "target_changes" in buttons
    view = doc.get_element_by_id("view-inline")
    assert all(el.get("data-half") in ("plan", "review") for el in view)
    half_of = {"".join(el.xpath(".//text()[not(ancestor::del)]")).strip(): el.get("data-half")
               for el in view.xpath("./h2")}
    assert half_of["一、2023年工作回顾"] == "review"
    assert half_of["三、2024年政府工作任务"] == "plan" and half_of["政府工作报告"] == "plan"
    halves = doc.xpath("//button[@data-half]")
    n_plan = int(halves[1].text_content().split("(")[1].rstrip(")"))
    n_review = int(halves[2].text_content().split("(")[1].rstrip(")"))
    assert n_plan + n_review == len(national_pair.changes) and n_review > 100


def test_title_leads_and_folds_are_whole_insertions_or_deletions(national_pair):
    doc = lxml_html.fromstring(render_redline(national_pair))
    view = doc.get_element_by_id("view-inline")
    assert view.xpath("./*[contains(@class,'doc-title')]")[0].text_content().strip() == "政府工作报告"
    datelines = view.xpath("./p[contains(@class,'dateline')]")
    assert datelines and "第十四届全国人民代表大会" in datelines[0].text_content()
    folds = view.xpath("./p[contains(@class,'fold')]")
    assert len(folds) >= 5
    for p in folds:
        cls = p.get("class").split()
        assert ("inserted-block" in cls) != ("deleted-block" in cls)


def test_folded_paragraphs_open_by_a_button_named_in_the_page_language(national_pair, chromium):
    """The script puts a text-free button in front of each folded paragraph, its name saying
    what opens (the paragraph's text stays the report's)."""
    for lang, ins, dele in (("en", "open the inserted paragraph", "open the deleted paragraph"),
                            ("zh", "展开新增段落", "展开删除段落")):
        page = render_redline(national_pair, lang)
        static = lxml_html.fromstring(page).get_element_by_id("view-inline")
        doc = as_shown(chromium, page)
        folds = doc.get_element_by_id("view-inline").xpath("./p[contains(@class,'fold')]")
        assert len(folds) == len(static.xpath("./p[contains(@class,'fold')]")) >= 5
        for p in folds:
            assert p[0].tag == "button" and p[0].get("aria-expanded") == "false" and not p[0].text
            want = ins if "inserted-block" in p.get("class").split() else dele
            assert p[0].get("aria-label") == want and p[0].get("title")


def test_outline_entries_are_cut_at_punctuation_never_mid_word():
    from annotate.render.html import _short

    assert _short("（一）大力推进现代化产业体系建设") == "（一）大力推进现代化产业体系建设"
    long = "（四）坚定不移深化改革，增强发展内生动力，推动高水平社会主义市场经济体制加快完善，更好发挥市场作用。"
    assert _short(long) == "（四）坚定不移深化改革，增强发展内生动力…"
    no_comma = "第一章" + "推进" * 30 + "。后文"
    assert _short(no_comma) == "第一章" + "推进" * 30 + "。"


def test_delta_column_and_unknown_change_labels_render_as_text(national_pair):
    from dataclasses import replace

    from annotate.comparing.compare import TargetChange, TargetSide

    raised = TargetChange("gdp_growth", "国内生产总值", "国内生产总值", TargetSide(5.0, None, None, "%", "about", "增长5%左右"),
                          TargetSide(5.5, None, None, "%", "about", "增长5.5%左右"), "raised")
    odd = TargetChange("cpi", "居民消费价格", "居民消费价格", None, None, "some_new_label")
    c = replace(national_pair, target_changes=(raised, odd))
    doc = lxml_html.fromstring(render_redline(c))
    rows = doc.xpath("//table[@class='targets']/tbody/tr")
    assert rows[0].xpath("./td[@class='delta']")[0].text_content() == "+0.5个百分点"
    assert "some new label" in rows[1].text_content()
    zh = lxml_html.fromstring(render_redline(c, "zh"))
    assert "提高" in zh.xpath("//table[@class='targets']/tbody/tr")[0].text_content()


def test_lang_zh_words_every_label(national_pair):
    page = render_redline(national_pair, "zh")
    doc = lxml_html.fromstring(page)
    assert doc.xpath("//h1")[0].text_content() == "修订对照：国务院 2023 → 2024"
    summary = doc.xpath("//ul[@class='summary']")[0].text_content()
    assert "数字改动" in summary and "全部改动" in summary and "number changed" not in summary
    assert "限定词改变" in doc.xpath("//table[@class='targets']")[0].text_content()
    assert [th.text_content() for th in doc.xpath("//table[@class='targets']//th")] == ["指标", "旧目标", "新目标", "变化", "差值"]
    # no interface text is left in English or shown as a raw table key
    import re

    ui_text = " ".join(doc.xpath("//header//text() | //nav//h2//text() | //div[@class='toolbar']//text() | "
                                 "//main/h2//text() | //@aria-label | //@title | //@data-label"))
    assert not re.search(r"\b(kind|legend|part|nav|col|meta|filter|move|fold|tip|sbs|view|link)\.[a-z_]+", ui_text)
    assert not re.search(r"\b(changes|view|previous|next|inline|deleted|inserted|reworded)\b", ui_text)


def test_interface_table_has_both_languages_for_every_key():
    from annotate.lexicon.ui import _table
    from annotate.render.i18n import interface

    table = _table()
    assert set(table["en"]) == set(table["zh"]) and len(table["en"]) > 60
    assert all(v.strip() for lang in table.values() for v in lang.values())
    with pytest.raises(ValueError):
        interface("fr")


def _with_pages(report, first: int = 1, per_page: int = 4):
    """``report`` as if read from PDF: block k printed on page ``first + k // per_page``; every
    fifth paragraph runs on to the next page."""
    from dataclasses import replace

    blocks = tuple(replace(b, page_start=first + k // per_page, page_end=first + k // per_page + (k % 5 == 4))
                   for k, b in enumerate(report.blocks))
    return replace(report, blocks=blocks)


def test_pages_show_on_every_paragraph_of_a_report_read_from_pdf():
    """Pages ride on the paragraph (inline) and the cell (side by side) as data-page + title, from
    the side whose text is shown; a report without pages (text input) gets no page marks."""
    body = "".join(f"{k + 1}. 政府将继续推进第{k + 1}项民生工程建设，提升市民生活质量和城市管理水平。\n" for k in range(12))
    old = _report("old.txt", "施政报告\n第一章 发展经济\n" + body)
    new = _report("new.txt", "施政报告\n第一章 发展经济\n" + body.replace("第3项", "第三项")
                  + "13. 新增一段关于科技创新的内容，推动产业升级和高质量发展。\n")
    plain = lxml_html.fromstring(render_redline(compare(old, new)))
    assert plain.xpath("//*[@data-page]") == []
    new = _with_pages(new, first=3)
    c = compare(old, new)
    for lang, one, many in (("en", "p. {}", "pp. {}–{}"), ("zh", "第{}页", "第{}–{}页")):
        doc = lxml_html.fromstring(render_redline(c, lang))
        paras = doc.xpath("//div[@id='view-inline']/*[@id]")
        assert paras and all(p.get("data-page") for p in paras)
        for p in paras:
            b = new.block_by_id[p.get("id")[2:]]
            want = (str(b.page_start), one.format(b.page_start)) if b.page_end == b.page_start else \
                (f"{b.page_start}-{b.page_end}", many.format(b.page_start, b.page_end))
            assert (p.get("data-page"), p.get("title")) == want
    # the side whose text is shown gives the page: a deleted paragraph reads as the old report's
    c = compare(_with_pages(new, first=3), _with_pages(old, first=10))
    deleted = lxml_html.fromstring(render_redline(c)).xpath("//div[@id='view-inline']/p[contains(@class,'deleted-block')]")
    assert deleted and all(p.get("title", "").startswith("old report, p") for p in deleted)


def _page_mark(block, one: str, many: str) -> tuple[str, str]:
    if block.page_end == block.page_start:
        return str(block.page_start), one.format(block.page_start)
    return f"{block.page_start}-{block.page_end}", many.format(block.page_start, block.page_end)


def test_side_by_side_cells_show_the_pages_of_their_blocks(chromium):
    """Each side-by-side cell carries the pages of the block it shows (data-page + title), in
    the page's language; a side read from text has none."""
    body = "".join(f"{k + 1}. 政府将继续推进第{k + 1}项民生工程建设，提升市民生活质量和城市管理水平。\n" for k in range(12))
    old = _report("old.txt", "施政报告\n第一章 发展经济\n" + body)
    new = _with_pages(_report("new.txt", "施政报告\n第一章 发展经济\n" + body.replace("第3项", "第三项")
                              + "13. 新增一段关于科技创新的内容，推动产业升级和高质量发展。\n"), first=3)
    for c, paged in ((compare(old, new), ("new",)), (compare(new, _with_pages(old, first=10)), ("old", "new"))):
        for lang, one, many in (("en", "p. {}", "pp. {}–{}"), ("zh", "第{}页", "第{}–{}页")):
            rows = as_shown(chromium, render_redline(c, lang)).xpath("//div[@id='view-sbs']//tbody/tr")
            assert len(rows) == len(c.pairs)
            for tr in rows:
                pair = c.pairs[int(tr.get("data-pair"))]
                for side, report, block in (("old", c.old, pair.old_block), ("new", c.new, pair.new_block)):
                    td = tr.xpath(f"./td[@class='{side}']")[0]
                    shown = pair.relation != ("inserted" if side == "old" else "deleted")
                    want = _page_mark(report.block_by_id[block], one, many) if shown and side in paged else (None, None)
                    assert (td.get("data-page"), td.get("title")) == want


def test_commitment_strength_changes_are_shown_with_links(corpus, tmp_path):
    from annotate.comparing.compare import compare
    from annotate.pipeline import tag
    from annotate.render.html import render_redline

    c = compare(tag(str(corpus / "beijing-2025-gov-work-report.txt")), tag(str(corpus / "beijing-2026-gov-work-report.txt")))
    assert c.commitment_changes
    page = render_redline(c)
    section = page[page.index('id="commitment-changes"'):page.index("</section>", page.index('id="commitment-changes"'))]
    for cc in c.commitment_changes:
        assert cc.object in section and cc.old.verb in section and cc.new.verb in section
    assert section.count('class="to-text to-old"') >= 1 and section.count('class="to-text to-new"') >= 1
    ids = set(re.findall(r'id="([^"]+)"', page))
    assert all(h in ids for h in re.findall(r'href="#([^"]+)"', section))  # every link lands
    assert "strengthened" in section and "weakened" in section
    zh = render_redline(c, "zh")
    assert "承诺力度变化" in zh
    assert not re.search(r"<strong>(\w+)（\1）</strong>", zh)  # a ladder verb is not glossed by itself


def test_a_report_read_by_ocr_is_said_so_in_the_redline_and_the_text_summary():
    """Users must know which characters a machine guessed (issue 13): the pages OCR read are named."""
    from dataclasses import replace

    from annotate.render.text import render_text

    old = pipeline.tag(str(EXAMPLES / "national-2023-gov-work-report.txt"))
    new = pipeline.tag(str(EXAMPLES / "national-2024-gov-work-report.txt"))
    scanned = replace(new, meta=replace(new.meta, source=replace(new.meta.source, file="scan.pdf", ocr_pages="1-5")))
    c = compare(old, scanned)
    doc = lxml_html.fromstring(render_redline(c))
    notes = [p.text_content() for p in doc.find_class("ocr-note")]
    assert notes == ["New report (scan.pdf): pages 1-5 were read by OCR from page images; "
                     "differences there may be misread characters."]
    zh = lxml_html.fromstring(render_redline(c, "zh")).find_class("ocr-note")[0].text_content()
    assert zh.startswith("新报告（scan.pdf）：第1-5页由OCR")
    assert "note: scan.pdf: pages 1-5 were read by OCR" in render_text(c)
    assert not lxml_html.fromstring(render_redline(compare(old, new))).find_class("ocr-note")


def test_the_title_names_one_issuer_once_whatever_script_each_report_spells_it_in():
    from annotate.model import Meta
    from annotate.render.html import _pair_label

    hk = _pair_label(Meta(issuer="香港特别行政区行政长官", year=2024), Meta(issuer="香港特別行政區行政長官", year=2025))
    assert hk == "香港特别行政区行政长官 2024 → 2025"
    two = _pair_label(Meta(issuer="上海市人民政府", year=2025), Meta(issuer="北京市人民政府", year=2025))
    assert "上海市人民政府" in two and "北京市人民政府" in two
