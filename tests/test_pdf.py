"""PDF input: generated PDFs, one class of oddity per test (furniture, paragraphs, tables, spacing,
pages per block, bad files, scanned pages).  Real published PDFs: tests/test_pdf_shared.py."""

from __future__ import annotations

import re
import unicodedata

import pytest
from click.testing import CliRunner

from annotate import pipeline
from annotate.cli import main
from annotate.errors import AnnotateError
from annotate.reading.ingest import chrome, pdf
from annotate.model import restore_source
from pdfmaker import LEFT, PITCH, TOP, Picture, Text, cjk_font, make_pdf, rasterise, typeset

needs_font = pytest.mark.skipif(cjk_font() is None, reason="no CJK font (Debian package fonts-wqy-zenhei)")
needs_tesseract = pytest.mark.skipif(not pdf.tesseract_languages(),
                                     reason=f"tesseract with Chinese is not installed ({pdf.APT_PACKAGES})")

PARAGRAPHS = [
    "各位代表：",
    "现在，我代表区人民政府，向大会报告工作，请予审议，并请区政协委员和其他列席人员提出意见。",
    "一、2024年工作回顾",
    "过去一年，我们坚持稳中求进工作总基调，全区经济运行稳中有进，地区生产总值增长5.2%，一般公共预算收入完成92亿元，"
    "同比增长8.1%，城镇新增就业1.2万人，居民人均可支配收入增长6%，各项事业取得新进展，人民群众获得感不断增强。",
    "二、2025年主要目标和重点工作",
    "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右；一般公共预算收入增长5%；城镇新增就业1.1万人以上；"
    "城镇调查失业率5.5%左右；居民人均可支配收入增长与经济增长同步；粮食产量稳定在30万吨以上。",
    "（一）扩大有效需求。实施重大项目200个，完成投资300亿元以上，建成区域医疗中心2个。",
    "（二）推进改革开放。持续优化营商环境，新增市场主体1万户以上。",
]
TITLE = "某某区2025年政府工作报告"


def _report_pdf(tmp_path, paragraphs=PARAGRAPHS, lines_per_page=6, **kw):
    pages = typeset([TITLE] + paragraphs, header=TITLE if kw.pop("header", True) else None,
                    lines_per_page=lines_per_page, **kw)
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(pages))
    return path


def _report_txt(tmp_path, paragraphs=PARAGRAPHS):
    path = tmp_path / "report.txt"
    path.write_text("\n".join([TITLE] + paragraphs) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- as the text says


@needs_font
def test_a_pdf_reads_like_the_same_report_as_text(tmp_path):
    """Wrapped lines, page breaks mid-paragraph, a running header and page numbers: the PDF
    gives the text file's normalized text, structure and targets."""
    from_pdf = pipeline.tag(str(_report_pdf(tmp_path)))
    from_txt = pipeline.tag(str(_report_txt(tmp_path)))
    assert from_pdf.text == from_txt.text
    assert [(b.kind, b.start, b.end) for b in from_pdf.blocks] == [(b.kind, b.start, b.end) for b in from_txt.blocks]
    targets = [(t.indicator, t.value, t.unit, t.qualifier) for t in from_pdf.targets]
    assert targets == [(t.indicator, t.value, t.unit, t.qualifier) for t in from_txt.targets]
    assert ("gdp_growth", 5.0, "%", "about") in targets
    assert from_pdf.meta.source.format == "pdf" and from_pdf.meta.source.pages >= 3


@needs_font
def test_page_furniture_is_set_aside_and_restorable(tmp_path):
    path = _report_pdf(tmp_path)
    report = pipeline.read_report(str(path))
    pages = report.meta.source.pages
    asides = [(r.kind, r.original.strip()) for r in report.repairs if r.kind.startswith("aside:")]
    assert [a for a in asides if a[0] == "aside:page"] == [("aside:page", f"- {n} -") for n in range(1, pages + 1)]
    # the title on page 1 is report text; the copies at the top of every page are furniture
    assert asides.count(("aside:running", TITLE)) == pages
    assert report.text.count(TITLE) == 1
    assert not re.search(r"^- \d+ -$", report.text, re.M)
    from annotate.reading import ingest

    assert restore_source(report.text, report.repairs) == ingest.load(str(path)).text


@needs_font
def test_every_block_says_its_page(tmp_path):
    report = pipeline.read_report(str(_report_pdf(tmp_path)))
    pages = {b.kind: [] for b in report.blocks}
    for b in report.blocks:
        assert b.page_start is not None and 1 <= b.page_start <= b.page_end <= report.meta.source.pages
        pages[b.kind].append(b.page_start)
    target_para = next(b for b in report.blocks if b.kind == "p" and "主要预期目标" in report.text[b.start:b.end])
    para = report.text[target_para.start:target_para.end]
    printed = typeset([TITLE] + PARAGRAPHS, header=TITLE, lines_per_page=6)
    on = [n for n, runs in enumerate(printed, start=1) for r in runs if r.text and r.text in para]
    assert (target_para.page_start, target_para.page_end) == (min(on), max(on))
    assert max(on) > min(on)  # the paragraph runs on to the next page


@needs_font
def test_pages_survive_the_xml_round_trip(tmp_path):
    from annotate.xml.reader import read_xml
    from annotate.xml.validate import validate_bytes
    from annotate.xml.writer import write_xml

    report = pipeline.tag(str(_report_pdf(tmp_path)))
    data = write_xml(report)
    assert b'page_start="3"' in data and b'pages="' in data
    validate_bytes(data, "x.xml")  # raises when invalid
    back = read_xml(data, "x.xml")
    assert [(b.id, b.page_start, b.page_end) for b in back.blocks] == \
        [(b.id, b.page_start, b.page_end) for b in report.blocks]
    assert back.meta.source == report.meta.source
    from annotate.report_json import report_to_json

    blocks = report_to_json(report)["blocks"]
    assert all(b["page_start"] >= 1 for b in blocks)  # JSON too (text input leaves the keys out)


@needs_font
def test_the_redline_of_a_pdf_says_the_page_of_each_paragraph(tmp_path, chromium):
    """Text → PDF of the same report: the inline paragraph of the target sentence, which runs on
    to the next page, reads ``第3–4页`` as printed; the old (text) side has no page."""
    from annotate.comparing.compare import compare
    from annotate.render.html import render_redline
    from conftest import as_shown

    new = pipeline.tag(str(_report_pdf(tmp_path)))
    old = pipeline.tag(str(_report_txt(tmp_path)))
    doc = as_shown(chromium, render_redline(compare(old, new), "zh"))  # with the side-by-side view built
    target = next(b for b in new.blocks if b.kind == "p" and "主要预期目标" in new.text[b.start:b.end])
    para = doc.xpath(f"//div[@id='view-inline']/*[@id='n-{target.id}']")[0]
    assert target.page_end > target.page_start
    assert (para.get("data-page"), para.get("title")) == \
        (f"{target.page_start}-{target.page_end}", f"第{target.page_start}–{target.page_end}页")
    assert doc.xpath("//td[@class='old']/@data-page") == [] and doc.xpath("//td[@class='new']/@data-page")


@needs_font
def test_table_rows_are_tab_joined_rows(tmp_path):
    rows = [("信息内容", "本年制发件数", "现行有效件数"), ("规章", "0", "3"), ("行政规范性文件", "5", "12")]
    body = [Text("二、主动公开政府信息情况", LEFT, TOP)]
    for k, row in enumerate(rows, start=1):
        body += [Text(cell, x, TOP - k * PITCH) for cell, x in zip(row, (LEFT, 260.0, 420.0))]
    prose = typeset([TITLE] + PARAGRAPHS, lines_per_page=40, page_numbers=False)[0]
    path = tmp_path / "table.pdf"
    path.write_bytes(make_pdf([prose, body]))
    text = pipeline.read_report(str(path)).text
    assert "\n信息内容\t本年制发件数\t现行有效件数\n规章\t0\t3\n行政规范性文件\t5\t12" in text


# a paragraph of exactly two full lines (36 characters each, no indent) ending a sentence
FULL_PARA = ("我们会积极与业界商讨，为推行制造中成药必须依循生产质量管理规范订定时间表，"
             "并在年底前分阶段实施有关中成药的法律条文，加强中西药物的监管制度体系。")
assert len(FULL_PARA) == 72


def _flush_pdf(tmp_path, before, after=(), new_page=False):
    """Hong Kong style: no first-line indent, unnumbered headings flush left; ``after`` set on
    the same page as ``before`` or opening the next one."""
    def pages(paragraphs):
        return typeset(paragraphs, first_indent=0, lines_per_page=100, page_numbers=False)

    head = [TITLE] + PARAGRAPHS + list(before)
    laid = pages(head) + pages(list(after)) if new_page else pages(head + list(after))
    path = tmp_path / "flush.pdf"
    path.write_bytes(make_pdf(laid))
    return path


@needs_font
@pytest.mark.parametrize("new_page", [False, True], ids=["same page", "heading opens the next page"])
def test_an_unnumbered_heading_under_a_full_line_is_its_own_paragraph(tmp_path, new_page):
    """``……订定时间表。`` filling the line, then ``弱势社群`` / ``康复服务``: the short lines with
    no closing punctuation are headings, not the tail of the paragraph above (nor one heading)."""
    path = _flush_pdf(tmp_path, [FULL_PARA], ["弱势社群", "康复服务", "81. 因应康复服务需求不断上升，政府会增加学前服务名额。"],
                      new_page=new_page)
    paragraphs = pipeline.read_report(str(path)).text.split("\n")
    assert FULL_PARA in paragraphs and "弱势社群" in paragraphs and "康复服务" in paragraphs


@needs_font
def test_a_short_last_line_that_ends_the_sentence_stays_in_its_paragraph(tmp_path):
    """The counter-case: a full line ending a sentence, then the paragraph's short last line,
    which ends with its punctuation: one paragraph."""
    tail = "继续推进各项工作。"
    path = _flush_pdf(tmp_path, [FULL_PARA + tail, "弱势社群"])
    assert FULL_PARA + tail in pipeline.read_report(str(path)).text.split("\n")


def _hanging_list(items, label_em=2.0):
    """List items set with a hanging indent (Taiwan's Executive Yuan, Hong Kong's ``(2)`` lists):
    the label at the margin, every further line under the label's text.  Lines of
    :data:`CHARS_PER_LINE` characters; returns ``(text, x)`` per printed line."""
    from pdfmaker import CHARS_PER_LINE, SIZE

    lines = []
    for label, body in items:
        first = int(CHARS_PER_LINE - label_em)
        lines.append((label + body[:first], LEFT))  # (the label's half-width characters: half an em)
        rest = body[first:]
        width = int(CHARS_PER_LINE - label_em)
        for k in range(0, len(rest), width):
            lines.append((rest[k:k + width], LEFT + label_em * SIZE))
    return lines


HANGING = [("１、", "臺高檢署統合司法警察單位，持續強力打擊詐欺犯罪，加強掃蕩不法，定期、不定期實施打詐查緝專案，"
                    "查緝境內、外電信詐團，並溯源斷根追查中高階核心成員及金主，查扣不法犯罪所得。"),
           ("２、", "為強化被害人保護、填補被害人損害，臺高檢署推動檢察機關電信網路詐欺案件罪贓返還作業計畫，"
                    "透過偵查、審判中移付調和解，由被告賠償被害人所受損害，並做為求處量刑之依據。")]


# Hong Kong's lists: a label of half-width brackets and a space, ``(一) 将现有……``
HANGING_HK = [("(一) ", "将现有资助合约安老院舍内护养院宿位的比率由百分之五十大幅提高至百分之九十，并增加资助宿位；"),
              ("(二) ", "首度向自负盈亏的护养院及护理安老院购买空置宿位，以增加资助护养宿位的供应，缩短轮候时间。")]


@needs_font
@pytest.mark.parametrize("break_after", [None, 1, 2], ids=["one page", "after the label line", "mid item"])
@pytest.mark.parametrize("items,label_em", [(HANGING, 2.0), (HANGING_HK, 2.5)], ids=["１、", "(一) "])
def test_list_items_with_a_hanging_indent_are_whole_paragraphs(tmp_path, break_after, items, label_em):
    """The lines under a label's text continue its item (on the same page or the next): each
    item is one paragraph, not its first line and then the rest."""
    body = typeset([TITLE] + PARAGRAPHS, lines_per_page=100, page_numbers=False)[0]
    y0 = body[-1].y - 2 * PITCH
    lines = _hanging_list(items, label_em)
    pages = [body + [Text(t, x, y0 - k * PITCH) for k, (t, x) in enumerate(lines[:break_after])]]
    if break_after is not None:
        pages.append([Text(t, x, TOP - k * PITCH) for k, (t, x) in enumerate(lines[break_after:])])
    path = tmp_path / "hanging.pdf"
    path.write_bytes(make_pdf(pages))
    paragraphs = pipeline.read_report(str(path)).text.split("\n")
    for label, item in items:  # the normalizer reads １、 as 1、 and drops the space after (一)
        assert unicodedata.normalize("NFKC", label).strip() + item in paragraphs


@pytest.mark.parametrize("label_line,next_line,hangs", [
    # Hong Kong 2009: the half-width brackets make the label line's box 13.3 high, the next 16.1;
    # the text starts after the label and its space, 36 points right of the margin
    (("(一) 将现有资助合约安老院舍内护养院宿位的比率由", 92.7, 13.3), ("九十；", 128.7, 16.1), True),
    (("５、臺高檢署統合司法警察單位，持續強力打擊詐欺犯罪", 103.1, 12.0), ("期、不定期實施打詐查緝專案", 127.1, 12.0), True),
    # an indented line under a label line that is not where the label's text starts: a new paragraph
    (("５、臺高檢署統合司法警察單位，持續強力打擊詐欺犯罪", 103.1, 12.0), ("另一段落開始於此", 160.0, 12.0), False),
    # no label: an indent is a new paragraph
    (("臺高檢署統合司法警察單位，持續強力打擊詐欺犯罪", 103.1, 12.0), ("期、不定期實施打詐查緝專案", 127.1, 12.0), False),
    # the next line has a label of its own: the next item
    (("(一) 将现有资助合约安老院舍内护养院宿位的比率由", 92.7, 13.3), ("(二) 首度向自负盈亏", 128.7, 13.3), False),
])
def test_a_hanging_indent_is_told_by_where_the_labels_text_starts(label_line, next_line, hangs):
    def line(text, left, em):
        return pdf._Line(text, left=left, bottom=0.0, right=538.7, top=em, em=em)

    assert pdf._hangs(line(*label_line), line(*next_line)) is hangs


def _centred(text, y, size):
    from pdfmaker import PAGE_W

    width = sum(0.5 if c.isascii() else 1.0 for c in text) * size
    return Text(text, (PAGE_W - width) / 2, y, size)


@needs_font
def test_a_title_wrapped_on_a_cover_is_one_line_and_its_subtitle_another(tmp_path):
    """A cover sets the title large and centred on two lines (``某某区2025年国民经济和社会`` /
    ``发展计划执行情况报告``): one title; the dash-led subtitle under it stays a line of its own."""
    cover = [_centred("某某区2025年国民经济和社会", 600, 26), _centred("发展计划执行情况报告", 566, 26),
             _centred("——2025年1月10日在区人民代表大会上", 520, 16)]
    body = typeset(PARAGRAPHS, lines_per_page=40, page_numbers=False)
    path = tmp_path / "cover.pdf"
    path.write_bytes(make_pdf([cover] + body))
    report = pipeline.read_report(str(path))
    lines = report.text.split("\n")
    assert lines[:2] == ["某某区2025年国民经济和社会发展计划执行情况报告", "——2025年1月10日在区人民代表大会上"]
    assert report.meta.title == "某某区2025年国民经济和社会发展计划执行情况报告"


@needs_font
def test_letter_spaced_cjk_loses_its_spaces_and_records_them(tmp_path):
    """Justified or letter-spaced lines: characters set one by one with gaps under a character
    width come out of PDFium with spaces between them; normalization removes and records them."""
    spaced = "为改善现时市民须向个别部门申请不同福利计划的情况"
    runs = [Text(c, LEFT + i * 17.5, TOP - 10 * PITCH) for i, c in enumerate(spaced)]
    page = typeset([TITLE] + PARAGRAPHS, lines_per_page=40, page_numbers=False)[0] + runs
    path = tmp_path / "spaced.pdf"
    path.write_bytes(make_pdf([page]))
    report = pipeline.read_report(str(path))
    assert spaced in report.text
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", report.text)
    assert any(r.kind == "cjk_space" for r in report.repairs)


@needs_font
def test_a_character_drawn_as_a_picture_is_marked_where_it_stands(tmp_path):
    y = TOP - 30 * PITCH  # below the typeset paragraphs
    page = typeset([TITLE] + PARAGRAPHS, lines_per_page=40, page_numbers=False)[0]
    page += [Text("接", LEFT, y), Picture(LEFT + 12, y - 1), Text("我会总结先前的经验。", LEFT + 24, y)]
    path = tmp_path / "glyph.pdf"
    path.write_bytes(make_pdf([page]))
    report = pipeline.read_report(str(path))
    assert "接\ufffd我会总结先前的经验。" in report.text
    assert [r.original for r in report.repairs if r.kind == "unreadable"] == ["\ufffd"]


# --------------------------------------------------------------------------- furniture by position


def _page(lines: list[tuple[str, float]]) -> list[tuple[str, float, float]]:
    return [(t, y, y + 10) for t, y in lines]


def test_furniture_needs_position_and_repetition():
    body = [("正文第一行说明情况。", 700.0), ("正文第二行说明情况。", 680.0)]
    pages = [_page([("行政院施政報告", 800.0), *body, (f"{n}", 40.0)]) for n in range(1, 5)]
    found = chrome.page_furniture(pages, [842.0] * 4)
    assert {k for k, v in found.items() if v == "aside:page"} == {(p, 3) for p in range(4)}
    assert {k for k, v in found.items() if v == "aside:running"} == {(p, 0) for p in range(4)}


def test_a_repeated_line_in_mid_page_is_not_furniture():
    pages = [_page([("标题", 800.0), ("行政院施政報告", 400.0), ("正文", 380.0), ("正文二", 360.0),
                    ("正文三", 340.0), ("正文四", 320.0), ("结尾", 100.0)]) for _ in range(4)]
    assert (0, 1) not in chrome.page_furniture(pages, [842.0] * 4)


def test_a_subheading_opening_pages_far_apart_is_not_a_running_head():
    pages = [_page([("正文内容%s。" % chr(0x4E00 + n), 800.0), ("更多正文%s。" % chr(0x4E80 + n), 780.0)])
             for n in range(12)]
    for p in (1, 6, 11):  # 理念 opens three pages, far apart
        pages[p][0] = ("理念", 800.0, 810.0)
    assert not any(v == "aside:running" for v in chrome.page_furniture(pages, [842.0] * 12).values())


def test_a_table_row_of_figures_shared_by_two_tables_is_not_furniture():
    row = "208 08\t01 死亡抚恤\t1,200,000\t1,200,000"
    pages = [_page([(row, 800.0), ("其他行", 700.0)]) for _ in range(3)]
    assert chrome.page_furniture(pages, [842.0] * 3) == {}


@pytest.mark.parametrize("line", ["- 12 -", "—12—", "第 3 页", "第3页 共8页", "3/12", "12", "1 0"])
def test_page_number_shapes(line):
    pages = [_page([("正文。", 700.0), (line.replace("12", str(n)).replace("3", str(n)), 30.0)]) for n in range(2, 5)]
    assert set(chrome.page_furniture(pages, [842.0] * 3).values()) == {"aside:page"}


# --------------------------------------------------------------------------- bad files


def _cli(args):
    return CliRunner().invoke(main, args, catch_exceptions=False)


def _one_line_error(result, name, words):
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert result.stderr.count("\n") == 1 and name in result.stderr and words in result.stderr, result.stderr


def _minimal_pdf(objects: list[bytes], trailer: bytes) -> bytes:
    """A PDF from its object bodies, with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


ZERO_PAGES = _minimal_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"],
                          b"<< /Size 3 /Root 1 0 R >>")
ENCRYPTED = _minimal_pdf(
    [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>",
     b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <" + b"41" * 32 + b"> /U <" + b"42" * 32 + b"> >>"],
    b"<< /Size 4 /Root 1 0 R /Encrypt 3 0 R /ID [<" + b"00" * 16 + b"> <" + b"00" * 16 + b">] >>")


@pytest.mark.parametrize("name,data,words", [
    ("notapdf.pdf", "这不是PDF文件".encode() * 50, "is not a PDF"),
    ("zero.pdf", ZERO_PAGES, "no pages"),
    ("locked.pdf", ENCRYPTED, "encrypted"),
    ("garbage.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4, "damaged or truncated"),
])
def test_bad_pdfs_fail_with_one_clear_line(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    _one_line_error(_cli(["tag", str(path), "-o", str(tmp_path / "out.xml")]), str(path), words)
    assert not (tmp_path / "out.xml").exists()


@needs_font
def test_a_truncated_pdf_fails_cleanly(tmp_path):
    data = make_pdf(typeset([TITLE] + PARAGRAPHS, lines_per_page=6))
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    result = _cli(["tag", str(path)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and str(path) in result.stderr


@needs_font
def test_page_and_size_limits_have_flags_to_raise_them(tmp_path, monkeypatch):
    path = _report_pdf(tmp_path)
    pages = pipeline.read_report(str(path)).meta.source.pages
    _one_line_error(_cli(["tag", str(path), "--max-pages", str(pages - 1)]), str(path), f"{pages} pages")
    assert _cli(["tag", str(path), "--max-pages", str(pages)]).exit_code == 0
    # the embedded font makes the file several MB
    import annotate.reading.ingest as ingest

    # the group option sets the limit for the process (and its workers): restored after the test
    monkeypatch.setattr(ingest, "MAX_BYTES", ingest.MAX_BYTES)
    monkeypatch.setenv("ANNOTATE_MAX_MB", "0")
    _one_line_error(_cli(["--max-mb", "1", "tag", str(path)]), str(path), "limit is 1 MB")


def _bomb(inflated_mb: int, layers: int = 1) -> bytes:
    """A one-page PDF whose content stream is ``inflated_mb`` MB of spaces before a line of text,
    compressed by ``layers`` FlateDecode filters: a few kB on disk."""
    import zlib

    c = zlib.compressobj(9)
    body = b"".join(c.compress(b" " * 2**20) for _ in range(inflated_mb))
    body += c.compress(b"BT /F1 12 Tf 72 700 Td (Annual report 2024) Tj ET") + c.flush()
    for _ in range(layers - 1):
        body = zlib.compress(body, 9)
    filters = b"[" + b" ".join([b"/FlateDecode"] * layers) + b"]"
    return _minimal_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(body), filters) + body + b"\nendstream",
    ], b"<< /Size 5 /Root 1 0 R >>")


@pytest.mark.parametrize("layers", [1, 2])
def test_a_stream_that_inflates_past_the_limit_is_refused_and_the_flag_raises_it(tmp_path, layers):
    """A PDF bomb: a small file whose content stream inflates far beyond its size (here 3 MB,
    against a limit set to 2 MB; the default is 256 MB).  One line names the file and the flag,
    exit 1, nothing written; with the limit raised the stream is read."""
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_bomb(3, layers))
    assert path.stat().st_size < 20_000
    out = tmp_path / "out.xml"
    result = _cli(["tag", str(path), "--max-stream-mb", "2", "-o", str(out)])
    _one_line_error(result, str(path), "inflates to over 2 MB")
    assert "--max-stream-mb" in result.stderr and not out.exists()
    with pytest.raises(AnnotateError, match="PDF bomb"):
        pdf.read_pdf(path.read_bytes(), "bomb.pdf", pdf.PdfOptions(max_stream_bytes=2 * 2**20))
    text = pdf.read_pdf(path.read_bytes(), "bomb.pdf", pdf.PdfOptions(max_stream_bytes=4 * 2**20)).text
    assert text.strip() == "Annual report 2024"


def test_the_stream_limit_reaches_batch_workers_through_the_environment(monkeypatch):
    monkeypatch.setenv(pdf.ENV_MAX_STREAM_MB, "3")
    assert pdf.PdfOptions.from_env().max_stream_bytes == 3 * 2**20
    monkeypatch.delenv(pdf.ENV_MAX_STREAM_MB)
    assert pdf.PdfOptions.from_env().max_stream_bytes == pdf.DEFAULT_MAX_STREAM_MB * 2**20


# --------------------------------------------------------------------------- scanned pages


@needs_font
def test_scanned_pages_without_tesseract_name_the_pages_and_the_package(tmp_path, monkeypatch):
    path = tmp_path / "scan.pdf"
    path.write_bytes(rasterise(make_pdf(typeset([TITLE] + PARAGRAPHS, lines_per_page=10)), dpi=50))
    monkeypatch.setattr(pdf.shutil, "which", lambda _name: None)
    result = _cli(["tag", str(path)])
    _one_line_error(result, str(path), "pages 1-")
    assert "tesseract-ocr-chi-sim" in result.stderr
    _one_line_error(_cli(["tag", str(path), "--ocr", "never"]), str(path), "scanned")


@needs_font
def test_batch_reads_pdfs_and_passes_pdf_options_to_its_workers(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "report.pdf").write_bytes(make_pdf(typeset([TITLE] + PARAGRAPHS, lines_per_page=40)))
    (src / "scan.pdf").write_bytes(rasterise(make_pdf(typeset([TITLE] + PARAGRAPHS, lines_per_page=40)), dpi=50))
    result = _cli(["batch", str(src), "-o", str(tmp_path / "out"), "--jobs", "2", "--ocr", "never"])
    assert result.exit_code == 1  # the scanned file fails: --ocr never reached the worker process
    assert (tmp_path / "out" / "report.xml").is_file() and not (tmp_path / "out" / "scan.xml").exists()
    assert "scan.pdf" in result.stderr and "--ocr never" in result.stderr


@needs_font
def test_a_pdf_on_stdin_reads_by_its_content(tmp_path):
    data = make_pdf(typeset([TITLE] + PARAGRAPHS, lines_per_page=40))
    result = CliRunner().invoke(main, ["tag", "-", "--format", "json"], input=data, catch_exceptions=False)
    assert result.exit_code == 0 and '"format": "pdf"' in result.stdout


@needs_font
def test_blank_pages_are_not_sent_to_ocr(tmp_path, monkeypatch):
    pages = typeset([TITLE] + PARAGRAPHS, lines_per_page=40) + [[]]
    path = tmp_path / "blank-last.pdf"
    path.write_bytes(make_pdf(pages))
    monkeypatch.setattr(pdf.shutil, "which", lambda _name: None)  # OCR would fail: it is not tried
    assert pipeline.read_report(str(path)).meta.source.ocr_pages is None


@needs_font
@needs_tesseract
@pytest.mark.ocr
def test_a_scanned_page_is_read_by_ocr_and_marked(tmp_path):
    """One page, rasterised at 200 dpi: the OCR text shares at least 90% of its characters with
    the text layer, and meta and the repair log say a machine read it."""
    from collections import Counter

    text_pdf = make_pdf(typeset([TITLE] + PARAGRAPHS, lines_per_page=40, header=None))
    (tmp_path / "text.pdf").write_bytes(text_pdf)
    (tmp_path / "scan.pdf").write_bytes(rasterise(text_pdf))
    layer = pipeline.read_report(str(tmp_path / "text.pdf"))
    scanned = pipeline.read_report(str(tmp_path / "scan.pdf"))
    assert scanned.meta.source.ocr_pages == "1" and scanned.meta.source.ocr_engine.startswith("tesseract")
    assert [r.start for r in scanned.repairs if r.kind == "ocr"] == [0]
    a, b = Counter(layer.text.replace("\n", "")), Counter(scanned.text.replace("\n", ""))
    assert sum((a & b).values()) / sum(a.values()) >= 0.9


@needs_font
@needs_tesseract
def test_an_ocr_language_tesseract_lacks_is_named_with_those_it_has(tmp_path):
    from annotate.errors import AnnotateError
    from annotate.reading.ingest.pdf_options import ENV_OCR_LANG

    text_pdf = make_pdf(typeset([TITLE] + PARAGRAPHS, lines_per_page=40, header=None))
    (tmp_path / "scan.pdf").write_bytes(rasterise(text_pdf))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(ENV_OCR_LANG, "chi_sim+xyz")
        with pytest.raises(AnnotateError) as err:
            pipeline.read_report(str(tmp_path / "scan.pdf"))
    assert "--ocr-lang chi_sim+xyz: tesseract has no language xyz" in err.value.message
    assert "chi_sim" in err.value.message.split("choose from")[1]


# --------------------------------------------------------------------------- OCR helpers


def test_ocr_punctuation_next_to_chinese_is_full_width():
    assert pdf._fullwidth_punctuation("根据《条例》(国令第711号),要求:一是") == "根据《条例》（国令第711号），要求：一是"
    assert pdf._fullwidth_punctuation("GDP (2024): 5.2, ok") == "GDP (2024): 5.2, ok"


def test_ocr_rows_of_a_ruled_page_are_paragraphs_and_prose_breaks_by_layout():
    from annotate.reading.ingest.ocr_image import Row

    rows = [Row("(一)政府信息管理情况。加强区政府门户网站及政务新媒", 150, 100, 2000, 150),
            Row("体日常管理,运用第三方检测平台。", 100, 170, 1200, 220),
            Row("信息内容\t本年处理决定数量", 100, 240, 1900, 290),
            Row("行政处罚\t2776", 100, 310, 1500, 360)]
    lines = pdf._row_lines(rows)
    assert [ln.text for ln in lines] == ["（一）政府信息管理情况。加强区政府门户网站及政务新媒",
                                         "体日常管理，运用第三方检测平台。", "信息内容\t本年处理决定数量",
                                         "行政处罚\t2776"]
    assert [ln.ends_paragraph for ln in lines] == [False, True, True, True]


def test_ocr_paragraphs_follow_tesseracts_empty_lines():
    lines = pdf._ocr_lines(["第一段第一行", "第一段第二行", "", "第二段"])
    assert [(ln.text, ln.ends_paragraph) for ln in lines] == [("第一段第一行", False), ("第一段第二行", True),
                                                               ("第二段", False)]


def test_page_lists_are_short():
    assert pdf._page_list([1, 2, 3, 7]) == "pages 1-3, 7"
    assert pdf._page_list([4]) == "page 4"


def test_options_come_from_the_environment(monkeypatch):
    monkeypatch.setenv(pdf.ENV_OCR, "never")
    monkeypatch.setenv(pdf.ENV_MAX_PAGES, "7")
    monkeypatch.delenv(pdf.ENV_MAX_MB, raising=False)
    assert pdf.PdfOptions.from_env() == pdf.PdfOptions(ocr="never", max_pages=7)
    monkeypatch.setenv(pdf.ENV_MAX_MB, "3")  # annotate --max-mb 3
    assert pdf.PdfOptions.from_env().max_bytes == 3 * 2**20
    monkeypatch.setenv(pdf.ENV_OCR, "sometimes")  # not a mode: the default
    assert pdf.PdfOptions.from_env().ocr == "auto"


def test_the_cli_does_not_leak_pdf_options_into_the_process(tmp_path, monkeypatch):
    import os

    monkeypatch.delenv(pdf.ENV_OCR, raising=False)
    txt = _report_txt(tmp_path)
    assert _cli(["tag", str(txt), "--ocr", "never"]).exit_code == 0
    assert pdf.ENV_OCR not in os.environ
