"""Ingest: encodings, formats (text, markdown, HTML, DOCX, stdin) and what each reader yields."""

from __future__ import annotations

import hashlib
import io
import zipfile
from html import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.errors import AnnotateError
from annotate.reading.ingest import MIN_CJK, load
from annotate.reading.ingest.encoding import _common_chars, decode_bytes

# A real report's opening (Beijing 2026), long enough to pass the "is it a report" check.
EXCERPT = (
    "2026年北京市政府工作报告\n"
    "——2026年1月25日在北京市第十六届人民代表大会第四次会议上\n"
    "北京市市长 殷勇\n"
    "各位代表：\n"
    "现在，我代表北京市人民政府，向大会报告政府工作，请予审议，并请市政协委员提出意见。\n"
    "一、2025年工作回顾\n"
    "2025年是“十四五”规划收官之年。习近平总书记高度重视首都工作，在听取中国人民抗日战争暨世界反法西斯战争"
    "胜利80周年纪念活动总结报告时发表重要讲话，充分肯定纪念活动服务保障工作；向2025年中国国际服务贸易交易会"
    "致贺信，为北京进一步推动服务业扩大开放指明了方向；参加首都义务植树活动，对美丽北京建设作出重要指示。\n"
    "全市地区生产总值5.2万亿元、增长5.4%、高于全国0.4个百分点，一般公共预算收入增长4.8%，城镇调查失业率4.1%，"
    "居民人均可支配收入实际增长4.4%，居民消费价格总体平稳。\n"
    "一年来，主要做了以下工作。\n"
    "一是首都功能持续优化提升。建立高效协同指挥体系，精心组织多次综合演练和专项演练，纪念活动高效顺畅，"
    "城市运行平稳有序。\n"
)

# Traditional characters (Hong Kong 2025), for Big5 and GB18030.
TRAD = (
    "1. 今年是國家「十四五」規劃的收官之年，亦是「十五五」規劃的謀篇布局之年。這份《施政報告》既是香港全力"
    "「拼經濟謀發展惠民生」、加快邁向「由治及興」的進程表，亦是香港主動對接國家發展戰略、實現突破新局面的策略部署。\n"
    "2. 改善民生是我施政的最終目標，讓市民有更好住房、打工仔有更多收入、長者有更好照顧、青年有更好發展。"
    "民生與經濟息息相關，經濟增長是改善民生的基礎，能創造就業和財富，為公共服務提供更多資源，讓政府提供更多服務；"
    "民生改善則帶動社會需求，激發市場活力，促進經濟發展。經濟與民生，兩者相輔相成。\n"
)


# (codec used to write the file, encoding name ingest must record)
ENCODINGS = [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),  # GBK bytes are GB18030 bytes: one name for both
    ("utf-16", "utf-16"),  # with BOM
    ("utf-16-le", "utf-16-le"),  # without BOM
    ("utf-16-be", "utf-16-be"),
    ("utf-32", "utf-32"),
]


@pytest.mark.parametrize("codec,recorded", ENCODINGS)
def test_encoding_round_trip(tmp_path, codec, recorded):
    data = EXCERPT.encode(codec)
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    decoded = load(str(path), data)
    assert decoded.text == EXCERPT
    assert decoded.info.encoding == recorded
    assert data.decode(decoded.info.encoding) == decoded.text  # the recorded name re-decodes the bytes
    assert decoded.info.format == "text"


@pytest.mark.parametrize("codec,recorded", [("big5hkscs", "big5hkscs"), ("gb18030", "gb18030"), ("utf-16-le", "utf-16-le")])
def test_traditional_text_encodings(codec, recorded):
    text, encoding = decode_bytes(TRAD.encode(codec), "hk.txt")
    assert (text, encoding) == (TRAD, recorded)


@pytest.mark.parametrize("snippet", ["政府工作报告", "各位代表：", "一、2024年工作回顾\n", "现在，我代表省人民政府，向大会报告工作"])
@pytest.mark.parametrize("codec", ["gb18030", "utf-16-le", "utf-16-be"])
def test_short_chinese_text_is_not_mislabelled(snippet, codec):
    # charset-normalizer calls short GB18030 text Big5 or a Cyrillic code page; ingest must not
    text, _ = decode_bytes(snippet.encode(codec), "short.txt")
    assert text == snippet


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(sorted(_common_chars())[:3000] + list("，。、；：“”（）0123456789%.\n ")),
                min_size=30, max_size=300).map("".join),
       st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"]))
def test_any_chinese_text_round_trips(text, codec):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:  # a Big5-only character in GB18030 cannot happen; be safe
        return
    assert decode_bytes(data, "generated.txt")[0] == text


def test_gb18030_and_utf8_give_identical_decoded_text(corpus):
    for name in ("tongzhou-2021-plan-report.md", "beijing-2026-gov-work-report.txt",
                 "hongkong-2025-policy-address-trad.txt"):
        path = corpus / name
        utf8 = path.read_bytes()
        gb = utf8.decode("utf-8").encode("gb18030")
        a, b = load(str(path), utf8), load(str(path), gb)
        assert (a.info.encoding, b.info.encoding) == ("utf-8", "gb18030")
        assert a.text == b.text
        assert a.asides == b.asides
        assert a.info.format == b.info.format and a.info.lines == b.info.lines


def test_source_info(seed_path):
    data = seed_path.read_bytes()
    decoded = load(str(seed_path), data)
    assert decoded.info.file == str(seed_path)
    assert decoded.info.sha256 == hashlib.sha256(data).hexdigest()
    assert decoded.info.format == "markdown"
    assert decoded.info.lines == 219
    assert decoded.text == data.decode("utf-8")  # text formats: exactly as decoded
    assert decoded.asides == ()  # the seed has no chrome


def test_newlines_are_kept_as_decoded():
    text = EXCERPT.replace("\n", "\r\n")
    decoded = load("crlf.txt", text.encode("gb18030"))
    assert decoded.text == text
    assert decoded.info.lines == EXCERPT.count("\n")


def test_stdin_format_by_content(seed_path):
    assert load("-", seed_path.read_bytes()).info.format == "markdown"
    assert load("-", EXCERPT.encode("utf-16")).info.format == "text"
    assert load("-", _page(EXCERPT).encode("utf-8")).info.format == "html"
    assert load("-", _docx(EXCERPT.splitlines())).info.format == "docx"


def test_utf8_with_a_stray_nul_is_still_utf8():
    # a real report with one NUL stays UTF-8 (normalization deals with the NUL), not UTF-16
    text = EXCERPT[:100] + "\x00" + EXCERPT[100:]
    assert decode_bytes(text.encode("utf-8"), "nul.txt") == (text, "utf-8")


def _kept(decoded) -> str:
    """The decoded text without its asides: what normalization will keep."""
    parts, pos = [], 0
    for aside in decoded.asides:
        parts.append(decoded.text[pos:aside.start])
        pos = aside.end
    return "".join(parts) + decoded.text[pos:]


# --------------------------------------------------------------------------- HTML

def _page(body_text: str, charset: str = "utf-8") -> str:
    paragraphs = "\n".join(f"<p>{escape(line)}</p>" for line in body_text.splitlines())
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>2026年北京市政府工作报告_首都之窗_北京市人民政府门户网站</title>
<script>var share = "各位代表 script";</script><style>p {{ text-indent: 2em }}</style></head>
<body><header><div class="logo">北京市人民政府</div></header>
<nav><ul><li>首页</li><li>政务公开</li><li>办事服务</li></ul></nav>
<div class="article">
<div class="info"><span>来源：北京日报</span></div>
<div class="time">时间：2026-02-02</div>
<div class="tools">【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】 <a href="#">打印</a></div>
<figure><img src="a.jpg"><figcaption>殷勇同志作政府工作报告。</figcaption></figure>
{paragraphs}
<p>主要指标：<br>地区生产总值增长5%左右</p>
<table><tr><th>指标</th><th>2026年目标</th></tr>
<tr><td>地区生产总值</td><td>增长<b>5%</b>左右</td></tr></table>
<div style="display: none">隐藏的统计代码文字</div>
<div class="related">相关报道：<ul><li><a href="#">热议政府工作报告</a></li></ul></div>
</div>
<footer>主办：北京市人民政府办公厅 版权所有</footer>
</body></html>"""


def test_html_extraction_and_chrome():
    data = _page(EXCERPT, "gb2312").encode("gb18030")
    decoded = load("report.html", data)
    assert decoded.info.format == "html"
    assert decoded.info.encoding == "gb18030"  # the page says gb2312; read as its superset
    lines = decoded.text.split("\n")
    # header and nav are kept as lines, set aside whole (in the repair log, not in the body)
    assert lines[:7] == ["北京市人民政府", "首页", "政务公开", "办事服务", "来源：北京日报", "时间：2026-02-02",
                         "【字号：大 中 小】 打印"]
    for line in EXCERPT.splitlines():
        assert line in lines  # one line per <p>
    assert "主要指标：" in lines and "地区生产总值增长5%左右" in lines  # <br> ends a line
    assert "地区生产总值\t增长5%左右" in lines  # a table row: cells tab-joined
    for dropped in ("script", "隐藏的统计代码文字", "首都之窗"):
        assert dropped not in decoded.text  # script, hidden, <title>: not shown as page text
    kept = _kept(decoded)
    for chrome in ("首页", "北京市人民政府办公厅", "北京市人民政府\n"):
        assert chrome not in kept  # nav, footer, header
    kinds = {(a.kind, decoded.text[a.start:a.end].strip()) for a in decoded.asides}
    assert ("aside:chrome", "北京市人民政府") in kinds  # <header>
    assert ("aside:chrome", "首页\n政务公开\n办事服务") in kinds  # <nav>
    assert ("aside:source", "来源：北京日报") in kinds
    assert ("aside:chrome", "时间：2026-02-02\n【字号：大 中 小】 打印") in kinds
    assert ("aside:caption", "殷勇同志作政府工作报告。") in kinds  # a <figcaption>
    # the related-links tail runs to the end of the page and takes the <footer> with it
    assert ("aside:related", "相关报道：\n热议政府工作报告\n主办：北京市人民政府办公厅 版权所有") in kinds
    assert kept.startswith("2026年北京市政府工作报告\n——2026年1月25日")


def test_html_with_a_lying_charset_is_detected():
    data = _page(EXCERPT, "gb2312").encode("utf-8")  # says GB2312, is UTF-8
    decoded = load("page.htm", data)
    assert decoded.info.encoding == "utf-8"
    assert "各位代表：" in decoded.text.split("\n")


def test_html_without_charset_in_utf16():
    page = _page(EXCERPT).replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "")
    decoded = load("page.html", page.encode("utf-16"))
    assert decoded.info.encoding == "utf-16"
    assert "各位代表：" in decoded.text.split("\n")


# --------------------------------------------------------------------------- DOCX

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(paragraphs: list[str], table: list[list[str]] | None = None, extra_xml: str = "") -> bytes:
    """A minimal .docx (what Word needs to open it), built without python-docx."""
    body = "".join(f"<w:p><w:pPr><w:ind w:firstLine='480'/></w:pPr><w:r><w:t xml:space='preserve'>"
                   f"{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    if table:
        rows = "".join("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{escape(c)}</w:t></w:r></w:p></w:tc>" for c in row)
                       + "</w:tr>" for row in table)
        body += f"<w:tbl><w:tblPr/>{rows}</w:tbl>"
    document = (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
                f"<w:document xmlns:w='{_W}'><w:body>{body}{extra_xml}<w:sectPr/></w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml",
                         "<?xml version='1.0' encoding='UTF-8'?><Types xmlns='http://schemas.openxmlformats.org/"
                         "package/2006/content-types'><Override PartName='/word/document.xml' ContentType="
                         "'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'/></Types>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def test_docx_extraction():
    lines = EXCERPT.splitlines()
    revisions = ("<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除的字</w:delText></w:r></w:del>"
                 "<w:ins><w:r><w:t>插入的字</w:t></w:r></w:ins><w:r><w:tab/><w:t>制表</w:t></w:r>"
                 "<w:r><w:instrText> PAGE </w:instrText></w:r></w:p>")
    data = _docx(lines, table=[["指标", "目标"], ["地区生产总值", "增长5%左右"]], extra_xml=revisions)
    decoded = load("report.docx", data)
    assert decoded.info.format == "docx"
    assert decoded.text.split("\n") == lines + ["指标\t目标", "地区生产总值\t增长5%左右", "保留插入的字\t制表"]


def test_docx_found_by_content_whatever_the_name(tmp_path):
    data = _docx(EXCERPT.splitlines())
    assert load("report.bin", data).info.format == "docx"
    assert load("report.txt", data).text == EXCERPT.rstrip("\n")


def test_min_cjk_constant_is_what_the_error_says():
    with pytest.raises(AnnotateError, match=r"only 6 Chinese characters"):
        load("short.txt", "政府工作报告\n".encode())
    assert MIN_CJK == 200


def test_div_soup_page_chrome_and_layout_table():
    # an older government page: chrome marked by class/id, the article set in a layout table
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in EXCERPT.splitlines())
    page = f"""<html><head><meta charset="utf-8"></head><body>
<div id="header"><a>首页</a><a>English</a></div><div class="nav">政务公开 办事服务</div>
<table width="100%"><tr><td class="left">左侧栏目导航</td><td>
<div class="position">当前位置：首页 &gt; 政务公开 &gt; 政府工作报告</div>
<div class="fontsize">【大 中 小】</div>{paragraphs}</td></tr></table>
<div class="share">分享到：微信 微博</div><div id="footer">网站标识码1100000088</div></body></html>"""
    decoded = load("old.htm", page.encode("utf-8"))
    lines = decoded.text.split("\n")
    assert lines[2] == "左侧栏目导航"  # a layout row's cells are blocks, not one tab-joined line
    assert lines[5:5 + len(EXCERPT.splitlines())] == EXCERPT.splitlines()
    kept = _kept(decoded)
    for dropped in ("English", "政务公开 办事服务", "分享到", "网站标识码", "当前位置"):
        assert dropped in decoded.text and dropped not in kept  # set aside, not lost
    asides = [(a.kind, decoded.text[a.start:a.end]) for a in decoded.asides]
    assert asides[:2] == [("aside:chrome", "首页English\n"), ("aside:chrome", "政务公开 办事服务\n")]
    assert ("aside:chrome", "当前位置：首页 > 政务公开 > 政府工作报告\n【大 中 小】\n") in asides
    assert asides[-1] == ("aside:chrome", "分享到：微信 微博\n网站标识码1100000088")


def test_gb18030_and_utf8_give_identical_output_through_the_pipeline(corpus):
    # the whole pipeline, not just ingest: only meta.source (hash, encoding) may differ
    from annotate import pipeline
    from annotate.report_json import report_to_json

    path = corpus / "beijing-2026-gov-work-report.txt"
    utf8 = path.read_bytes()
    outputs = []
    for data in (utf8, utf8.decode("utf-8").encode("gb18030"), utf8.decode("utf-8").encode("utf-16")):
        out = report_to_json(pipeline.tag(str(path), data))
        source = out["meta"].pop("source")
        outputs.append(out)
        assert source["encoding"] in {"utf-8", "gb18030", "utf-16"}
    assert outputs[0] == outputs[1] == outputs[2]


@pytest.mark.parametrize("label", ["big5", "koi8-r", "windows-1251", "euc-kr"])
def test_html_whose_charset_label_lies(label):
    # GBK bytes decode without error as KOI8-R (into Cyrillic): the label is checked, not trusted
    data = _page(EXCERPT, label).encode("gb18030")
    decoded = load("page.html", data)
    assert decoded.info.encoding == "gb18030"
    assert "各位代表：" in decoded.text.split("\n")


def test_article_header_is_report_text_page_header_is_chrome():
    # HTML5: the page's <header> is chrome; an <article>'s <header> holds the report's title
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in EXCERPT.splitlines()[1:])
    page = f"""<html><head><meta charset="utf-8"></head><body><header>某某省人民政府门户网站</header>
<article><header><h1>{escape(EXCERPT.splitlines()[0])}</h1></header>{paragraphs}
<footer>责任编辑：王五</footer></article><footer>网站标识码1100000088</footer></body></html>"""
    decoded = load("a.html", page.encode("utf-8"))
    kept = _kept(decoded)
    assert kept.startswith(EXCERPT.splitlines()[0] + "\n")
    assert "门户网站" not in kept and "网站标识码" not in kept
