"""Reports in shapes the corpus does not have, built in tmp_path: a county report saved as a web
page (nav bar, breadcrumb, footer), a plan report as .docx with a table, a GBK text file with CRLF
line ends, markdown whose ``#`` levels contradict the numbering, and ``第一部分`` part numbering.
Each must parse into the hierarchy its numbering says, with the page furniture set aside."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from click.testing import CliRunner

from annotate.cli import main
from annotate.pipeline import tag

BODY = [
    "各位代表：",
    "现在，我代表县人民政府，向大会报告工作，请予审议，并请政协委员提出意见。",
    "一、2024年工作回顾",
    "过去一年，全县地区生产总值完成286.5亿元，同比增长6.2%；一般公共预算收入完成15.3亿元，增长8.1%；"
    "规模以上工业增加值增长9.5%，增速居全市第二。",
    "（一）产业发展提质增效。新引进亿元以上项目32个，总投资超过120亿元。新增规模以上工业企业18家。",
    "（二）城乡面貌持续改善。完成老旧小区改造46个，新建农村公路85公里，农村生活污水治理率达到72%。",
    "二、2025年主要目标和重点工作",
    "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%以上；"
    "城镇调查失业率控制在5.5%以内；居民人均可支配收入增长与经济增长同步。",
    "（一）着力扩大有效投资。全年实施重点项目150个，完成投资200亿元以上。",
    "1.加快交通基础设施建设。确保年底前建成县城环线，力争明年内开工高铁站前广场。",
    "2.推进产业园区扩容。新增标准厂房30万平方米。",
    "（二）着力保障改善民生。新增城镇就业6000人，新建幼儿园5所。",
    "各位代表，让我们团结一心，奋力开创全县高质量发展新局面！",
]


def _outline(report) -> list[tuple[str, str | None, str]]:
    """(kind, num, heading text) of every part/section/subsection, in order."""
    out = []
    for b in report.blocks:
        if b.kind in ("part", "section", "subsection"):
            head = next((h for h in report.blocks if h.parent == b.id and h.kind == "heading"), None)
            out.append((b.kind, b.num, report.block_text(head) if head else ""))
    return out


def _check_county(report) -> None:
    assert report.meta.title.endswith("政府工作报告")
    assert report.meta.date == "2025-01-08"
    assert _outline(report) == [
        ("part", "一、", "一、2024年工作回顾"),
        ("section", "（一）", "（一）产业发展提质增效。"),
        ("section", "（二）", "（二）城乡面貌持续改善。"),
        ("part", "二、", "二、2025年主要目标和重点工作"),
        ("section", "（一）", "（一）着力扩大有效投资。"),
        ("section", "（二）", "（二）着力保障改善民生。"),
    ]
    gdp = next(q for q in report.quantities if q.text == "286.5亿元")
    assert (gdp.normalized, gdp.base_unit) == (28650000000, "元")
    assert next(p for p in report.periods if p.text == "明年内").value == "next:within-year"
    for b in report.blocks:
        assert report.text[b.start:b.end] == report.block_text(b)


def test_county_report_as_a_web_page_with_nav_and_footer(tmp_path):
    nav = '<div class="nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a>互动交流</a></div>'
    foot = ('<div class="footer">主办：某某县人民政府办公室　地址：某某县人民路1号　ICP备案号：京ICP备12345678号'
            '<br>技术支持：某某网络科技有限公司</div>')
    paras = "\n".join(f"<p>　　{escape(p)}</p>" for p in BODY)
    page = f"""<!DOCTYPE html><html><head><meta charset="gb2312"><title>2025年某某县政府工作报告_某某县人民政府</title>
<script>var a="<p>不是正文</p>";</script></head><body>{nav}
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府工作报告</div>
<h1>2025年某某县政府工作报告</h1><div class="info">发布时间：2025-01-10 09:30　来源：县政府办　浏览次数：1234</div>
<p style="text-align:center">——2025年1月8日在某某县第十八届人民代表大会第五次会议上</p>
<p style="text-align:center">县长　张三</p>
{paras}
<div class="share">分享到：微信 微博</div><div>【打印本页】【关闭窗口】</div>{foot}</body></html>"""
    path = tmp_path / "county.html"
    path.write_bytes(page.encode("gb18030"))
    report = tag(str(path))
    assert report.meta.source.encoding == "gb18030"
    _check_county(report)
    for furniture in ("首页", "当前位置", "浏览次数", "分享到", "关闭窗口", "ICP", "技术支持", "不是正文"):
        assert furniture not in report.text
    set_aside = "".join(r.original for r in report.repairs if r.kind.startswith("aside"))
    for furniture in ("政务公开", "当前位置", "分享到", "技术支持"):
        assert furniture in set_aside  # kept in meta, not lost
    assert report.text.endswith("奋力开创全县高质量发展新局面！")


def test_gbk_text_with_crlf_line_ends(tmp_path):
    text = ("某某县2025年政府工作报告\r\n——2025年1月8日在某某县第十八届人民代表大会第五次会议上\r\n县长  张三\r\n\r\n"
            + "\r\n".join(BODY) + "\r\n")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(text.encode("gbk"))
    utf8 = tmp_path / "utf8.txt"
    utf8.write_bytes(text.replace("\r\n", "\n").encode("utf-8"))
    a, b = tag(str(gbk)), tag(str(utf8))
    assert a.meta.source.encoding in ("gb18030", "gbk")
    assert "\r" not in a.text
    _check_county(a)
    assert a.text == b.text and a.blocks == b.blocks[: len(a.blocks)] and len(a.blocks) == len(b.blocks)


def _docx(paragraphs: list[str], table: list[list[str]], table_at: int) -> bytes:
    def p(t: str) -> str:
        return f'<w:p><w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r></w:p>'

    rows = "".join("<w:tr>" + "".join(f"<w:tc>{p(c)}</w:tc>" for c in row) + "</w:tr>" for row in table)
    body = "".join(p(x) for x in paragraphs[:table_at]) + f"<w:tbl>{rows}</w:tbl>" + "".join(
        p(x) for x in paragraphs[table_at:])
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    doc = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("word/document.xml", doc)
    return buf.getvalue()


def test_plan_report_as_docx_with_a_table(tmp_path):
    paras = [
        "关于某某区2024年国民经济和社会发展计划执行情况与2025年国民经济和社会发展计划草案的报告",
        "——2025年1月6日在某某区第五届人民代表大会第六次会议上", "某某区发展和改革委员会", "各位代表：",
        "受区人民政府委托，现将计划执行情况与计划草案提请区五届人大六次会议审议，请予审议。",
        "一、2024年国民经济和社会发展计划执行情况",
        "2024年，全区经济稳中向好，地区生产总值增长5.3%，主要指标完成情况见下表。",
        "表1　2024年主要指标完成情况",
        "二、2025年主要目标",
        "建议主要指标安排如下：地区生产总值增长5%左右；一般公共预算收入增长4%以上。",
        "三、主要措施",
        "（一）扩大有效投资。全年完成固定资产投资300亿元。",
        "全区上下要坚定信心，真抓实干，凝心聚力，确保完成全年目标任务，以优异成绩迎接新的一年。" * 2,
    ]
    table = [["指标", "单位", "2024年目标", "完成情况"], ["地区生产总值增速", "%", "5左右", "5.3"],
             ["一般公共预算收入", "亿元", "85", "88.6"]]
    path = tmp_path / "plan.docx"
    path.write_bytes(_docx(paras, table, 8))
    report = tag(str(path))
    m = report.meta
    assert (m.kind, m.year, m.review_year, m.date) == ("plan-report", 2025, 2024, "2025-01-06")
    assert m.issuer == "某某区发展和改革委员会"
    assert _outline(report) == [
        ("part", "一、", "一、2024年国民经济和社会发展计划执行情况"),
        ("part", "二、", "二、2025年主要目标"),
        ("part", "三、", "三、主要措施"),
        ("section", "（一）", "（一）扩大有效投资。"),
    ]
    # the table: one paragraph per row inside part one, its header row no heading
    rows = [report.block_text(b) for b in report.blocks if b.kind == "p" and "\t" in report.block_text(b)]
    assert rows == ["指标\t单位\t2024年目标\t完成情况", "地区生产总值增速\t%\t5左右\t5.3", "一般公共预算收入\t亿元\t85\t88.6"]
    assert all(report.block_by_id[b.parent].id == "part1"
               for b in report.blocks if b.kind == "p" and "\t" in report.block_text(b))


def test_markdown_heading_levels_are_only_a_hint(tmp_path):
    md = """# 关于某某区2024年国民经济和社会发展计划执行情况与2025年国民经济和社会发展计划草案的报告

——2025年1月6日在某某区第五届人民代表大会第六次会议上

某某区发展和改革委员会

各位代表：

受区人民政府委托，现将2024年国民经济和社会发展计划执行情况与2025年国民经济和社会发展计划草案提请区五届人大六次会议审议，并请区政协委员提出意见。

### 一、2024年国民经济和社会发展计划执行情况

2024年，全区地区生产总值预计完成1050亿元，同比增长5.3%。

# （一）重点项目加快推进

全年实施市区重点项目120项，完成投资310亿元。

##### （二）民生保障有力有效

新增城镇就业2.1万人，城镇登记失业率控制在3%以内。

## 二、2025年国民经济和社会发展主要目标

建议主要指标安排如下：

1. 地区生产总值增长5%左右；
2. 一般公共预算收入增长4%；
3. 全社会固定资产投资增长6%以上。

#### 三、主要措施

#### （一）扩大有效需求

**一是扩大消费。**全年举办促消费活动100场以上。**二是扩大投资。**实施重点项目130项。

# （二）深化改革开放

持续优化营商环境，新增经营主体1.5万户。
"""
    path = tmp_path / "levels.md"
    path.write_text(md, encoding="utf-8")
    report = tag(str(path))
    assert [(k, n) for k, n, _ in _outline(report)] == [
        ("part", "一、"), ("section", "（一）"), ("section", "（二）"),
        ("part", "二、"), ("part", "三、"), ("section", "（一）"), ("section", "（二）")]
    items = [report.block_text(b) for b in report.blocks if b.kind == "item"]
    assert items == ["1.地区生产总值增长5%左右；", "2.一般公共预算收入增长4%；", "3.全社会固定资产投资增长6%以上。"]
    assert "#" not in report.text and "**" not in report.text


def test_part_numbering_di_yi_bu_fen(tmp_path):
    text = """某某省2025年国民经济和社会发展计划执行情况与2026年计划草案的报告
——2026年1月20日在某某省第十四届人民代表大会第四次会议上
某某省发展和改革委员会
各位代表：
受省人民政府委托，现将2025年国民经济和社会发展计划执行情况与2026年计划草案的有关情况报告如下，请予审议。
第一部分　2025年国民经济和社会发展计划执行情况
2025年，全省经济运行稳中有进，地区生产总值增长5.5%，高质量发展取得新成效。
一、经济运行总体平稳
全省规模以上工业增加值增长6.8%，社会消费品零售总额增长4.9%，进出口总额增长3.2%。
二、创新动能持续增强
研发经费投入强度达到2.6%，高新技术企业突破1.5万家，技术合同成交额增长12%。
第二部分　2026年经济社会发展的总体要求和主要目标
2026年主要预期目标是：地区生产总值增长5%左右，城镇调查失业率5.5%左右。
第三部分　2026年重点任务
一、扩大内需
（一）提振消费。全年开展促消费活动200场以上。
（二）扩大投资。省重点项目完成投资8000亿元以上。
二、发展新质生产力
加快建设现代化产业体系，新培育专精特新企业500家。
"""
    path = tmp_path / "parts.txt"
    path.write_text(text, encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "parts.xml"
    res = runner.invoke(main, ["tag", str(path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert runner.invoke(main, ["validate", str(out)]).exit_code == 0
    report = tag(str(path))
    assert [(k, n) for k, n, _ in _outline(report)] == [
        ("part", "第一部分"), ("section", "一、"), ("section", "二、"),
        ("part", "第二部分"),
        ("part", "第三部分"), ("section", "一、"), ("subsection", "（一）"), ("subsection", "（二）"),
        ("section", "二、")]
    assert (report.meta.year, report.meta.review_year) == (2026, 2025)
