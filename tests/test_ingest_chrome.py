"""Chrome set aside on the real corpus: found where it is, never swallowing report text."""

from __future__ import annotations

import re

import pytest

from annotate.reading.ingest import load
from annotate.reading.ingest.chrome import find_asides

WIDGETS = "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n"


def _load(corpus, name):
    path = corpus / name
    return load(str(path), path.read_bytes())


def _kept(decoded) -> str:
    parts, pos = [], 0
    for aside in decoded.asides:
        parts.append(decoded.text[pos:aside.start])
        pos = aside.end
    return "".join(parts) + decoded.text[pos:]


def _asides(decoded) -> list[tuple[str, str]]:
    return [(a.kind, decoded.text[a.start:a.end]) for a in decoded.asides]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_beijing_2026_head_and_tail(corpus):
    d = _load(corpus, "beijing-2026-gov-work-report.txt")
    assert _asides(d) == [
        ("aside:chrome", WIDGETS),
        ("aside:source", "来源：北京日报\n"),
        ("aside:chrome", "时间：2026-02-02\n"),
        ("aside:caption", "殷勇同志作政府工作报告。本报记者 戴冰摄\n"),
        ("aside:related", "相关报道："),
    ]
    kept = _lines(_kept(d))
    # title, subtitle and speaker are report text
    assert kept[:5] == ["2026年北京市政府工作报告", "——2026年1月25日在北京市第十六届人民代表大会第四次会议上",
                        "北京市市长 殷勇", "各位代表：", "现在，我代表北京市人民政府，向大会报告政府工作，请予审议，"
                        "并请市政协委员提出意见。"]
    assert kept[-1].startswith("各位代表！蓝图已经绘就，实干创造未来。")


def test_docx_header_of_2025_reports(corpus):
    # the repo author's title + 来源 header: the title stays, the 来源 line goes
    d = _load(corpus, "guangdong-2025-gov-work-report.txt")
    assert _asides(d) == [("aside:source", "来源 : 南方日报\n")]
    assert _lines(_kept(d))[:3] == ["2025年广东省政府工作报告", "——2025年1月15日在广东省第十四届人民代表大会第三次会议上",
                                    "广东省省长 王伟中"]


def test_jiangsu_2026_caption_without_name_repeat(corpus):
    d = _load(corpus, "jiangsu-2026-gov-work-report.txt")
    assert ("aside:caption", "省长刘小涛代表省人民政府向大会作政府工作报告。本报记者 朱江 摄\n") in _asides(d)
    assert "省长 刘小涛" in _lines(_kept(d))


def test_national_licence_tail(corpus):
    d = _load(corpus, "national-2024-gov-work-report.txt")
    [(kind, text)] = _asides(d)
    assert kind == "aside:licence"
    assert text.startswith("本作品是中华人民共和国的\n法律")
    assert text.rstrip().endswith("Public domain\nPublic domain\nfalse\nfalse")
    assert "注：中文维基文库社群认为" in text
    assert _lines(_kept(d))[-1].startswith("各位代表！")  or "奋斗" in _lines(_kept(d))[-1]


def test_henan_2026_related_reports(corpus):
    d = _load(corpus, "henan-2026-gov-work-report.txt")
    assert _asides(d)[-1] == ("aside:related", "相关报道：")
    assert _lines(_kept(d))[-1].startswith("雄关漫道真如铁，而今迈步从头越。")


def test_shanghai_2024_trailing_source(corpus):
    d = _load(corpus, "shanghai-2024-gov-work-report.txt")
    assert _asides(d) == [("aside:source", "（来源：解放日报）")]
    assert _kept(d).rstrip().endswith("努力为中国式现代化建设作出新贡献！")


def test_sichuan_2026_page_chrome(corpus):
    d = _load(corpus, "sichuan-2026-gov-work-report.txt")
    asides = _asides(d)
    assert asides[:3] == [
        ("aside:chrome", "2026年02月10日 07时41分\n"),
        ("aside:source", "来源:\n四川日报\n"),  # the value on its own line
        ("aside:chrome", "【字体：\n大\n中\n小\n】\n分享：\n"),
    ]
    tail = "".join(text for _, text in asides[3:])
    assert tail.startswith("责任编辑：\n李莎莎\n扫一扫在手机打开当前页\n相关附件>>\n相关链接>>\n")
    assert tail.endswith("打印本页\n关闭窗口\n2026年四川省人民政府工作报告\n"
                         "各位代表：现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。")
    kept = _lines(_kept(d))
    assert kept[:4] == ["2026年四川省人民政府工作报告", "2026年2月3日在四川省第十四届人民代表大会第五次会议上",
                        "四川省人民政府省长 施小琳", "各位代表："]
    assert kept[-1].startswith("20.“一件事”全链条专项整治")  # the glossary is the report's


@pytest.mark.parametrize("year,chrome", [
    (2019, "行政长官2019年施政报告 "),
    (2021, "行政长官2021年施政报告 - 施政报告 施政报告 "),
    (2022, "施政报告 | 行政长官2022年施政报告 施政报告 "),
    (2024, "施政报告 | 行政长官2024年施政报告 "),
])
def test_hongkong_repeated_page_titles(corpus, year, chrome):
    d = _load(corpus, f"hongkong-{year}-policy-address-simp.txt")
    assert _asides(d) == [("aside:chrome", chrome)]
    kept = _kept(d)
    assert kept.startswith(f"香港特别行政区行政长官{year}年施政报告\n\n立法会主席、各位议员、各位市民：")


def test_hongkong_2025_site_title(corpus):
    d = _load(corpus, "hongkong-2025-policy-address-trad.txt")
    assert _asides(d) == [("aside:chrome", "施政報告 | "), ("aside:chrome", "施政報告\n")]
    assert _kept(d).startswith("行政長官2025年施政報告\n第一章")


def test_every_corpus_file_keeps_its_report(corpus):
    for path in sorted(corpus.glob("*.txt")) + sorted(corpus.glob("*.md")):
        d = load(str(path), path.read_bytes())
        kept = _kept(d)
        flat = re.sub(r"\s+", "", kept)
        previous_end = 0
        for aside in d.asides:
            assert previous_end <= aside.start < aside.end <= len(d.text), path.name
            previous_end = aside.end
            text = d.text[aside.start:aside.end]
            # chrome lives around the report, never in the middle of it
            assert aside.end <= 400 or aside.start >= len(d.text) - 1000, (path.name, text)
            # nothing the report says only once is set aside (sichuan repeats its opening line)
            for line in _lines(text):
                if "各位代表" in line:
                    assert re.sub(r"\s+", "", line) in flat, (path.name, line)
        # the report itself is kept: chrome is a small part of any file
        cjk = lambda t: sum(1 for c in t if "\u4e00" <= c <= "\u9fff")  # noqa: E731
        assert cjk(kept) >= 0.97 * cjk(d.text) or cjk(d.text) - cjk(kept) <= 400, path.name


def test_widget_line_in_one_line_and_anywhere_patterns():
    body = "各位代表：\n" + "现在，我代表市人民政府向大会报告工作。\n" * 3
    text = ("2026年某市政府工作报告\n下载 打印 全屏 收藏 【字号：加大 还原 减小】\n"
            "发布时间：2026-01-05 来源：某市日报\n" + body + "- 12 -\n" + body + "第3页 共8页\n" + body)
    found = [(a.kind, text[a.start:a.end]) for a in find_asides(text)]
    assert found == [
        ("aside:chrome", "下载 打印 全屏 收藏 【字号：加大 还原 减小】\n发布时间：2026-01-05 来源：某市日报\n"),
        ("aside:page", "- 12 -\n"),
        ("aside:page", "第3页 共8页\n"),
    ]


def test_table_of_contents_is_set_aside():
    text = ("政府工作报告\n目录\n一、过去一年工作回顾……1\n二、今年工作安排……5\n三、政府自身建设……9\n"
            "各位代表：\n现在，我代表市人民政府向大会报告工作。\n一、过去一年工作回顾\n过去一年，我们做了很多工作。\n")
    [toc] = find_asides(text)
    assert toc.kind == "aside:toc"
    assert text[toc.start:toc.end] == "目录\n一、过去一年工作回顾……1\n二、今年工作安排……5\n三、政府自身建设……9\n"


def test_a_printed_contents_page_is_set_aside_with_its_fragments():
    """A contents page as a PDF reads: the column heading (段落), references broken off onto
    their own lines (``-3``, ``5`` / ``-10``), an entry in vertical type (one character a line),
    entries that repeat under another part (``理念``), a next page's column heading run on."""
    contents = ("目录\n段落\n甲\n、\t引言\t1\n-\n3\n乙、\t提升管治能力\t4\n-26\n强政理念\n5\n-10\n"
                "理念\t11\n医\n疗\n卫\n生\t66\n-67\n扩大\n「个人游\n」\t82\n丙、\t创建和谐社会\t27-70\n理念\t28\n"
                "戊、\t结语\t99-103 段落\n")
    text = ("二零零五至零六年施政报告\n" + contents + "主席女士︰\n甲、引言\n"
            "1. 自从上一份施政报告发表以来，香港的形势经历了重大变化。\n")
    [toc] = find_asides(text)
    assert (toc.kind, text[toc.start:toc.end]) == ("aside:toc", contents)


def test_contents_end_where_a_heading_repeats_an_entry_without_a_reference():
    contents = "目录\n段落\n甲、引言\t1-3\n乙、提升管治能力\t4-26\n"
    text = "施政报告\n" + contents + "甲、引言\n香港的形势经历了重大变化，我们要提升管治能力。\n"
    [toc] = find_asides(text)
    assert text[toc.start:toc.end] == contents


def test_report_words_are_not_chrome():
    # 大/中/小 alone, a 来源 inside a sentence, 相关报道 inside a sentence: report text
    text = ("政府工作报告\n大\n各位代表：\n相关报道总点击量超610亿次。\n资金来源：财政拨款为主，社会资本为辅，"
            "确保项目建设资金足额到位并按期完成全部建设任务，切实发挥投资效益。\n")
    assert find_asides(text) == ()


PARAGRAPH = "过去一年，我们坚持稳中求进工作总基调，经济运行总体平稳，发展质量稳步提升，民生福祉持续增进。" * 3


def test_page_numbers_counting_up_are_set_aside():
    pages = [f"{PARAGRAPH}\n{PARAGRAPH}\n{n}\n" for n in (1, 2, 3)]
    pages.insert(2, f"{PARAGRAPH}\n{PARAGRAPH}\n广义货币M\n2\n预期增长12%左右。\n")  # a wiki-split M2
    text = "各位代表：\n" + "".join(pages) + f"{PARAGRAPH}\n{PARAGRAPH}\n4\n" + PARAGRAPH + "\n"
    found = [(a.kind, text[a.start:a.end]) for a in find_asides(text)]
    assert found == [("aside:page", f"{n}\n") for n in (1, 2, 3, 4)]  # not the 2 of M2


def test_tail_chrome_variants_and_a_signature_that_stays():
    text = ("政府工作报告\n各位代表：\n" + PARAGRAPH + "\n让我们团结一心，奋力谱写新篇章！\n"
            "北京市通州区发展和改革委员会\n2021年12月15日\n"
            "（责任编辑：张三）\n【打印本页】【关闭窗口】\n（图片来源：新华社）\n")
    found = [(a.kind, text[a.start:a.end]) for a in find_asides(text)]
    assert found == [("aside:chrome", "（责任编辑：张三）\n【打印本页】【关闭窗口】\n（图片来源：新华社）\n")]


def test_dates_a_report_is_signed_with_stay():
    text = ("关于2021年国民经济和社会发展计划执行情况的报告\n北京市通州区发展和改革委员会\n2021年12月15日\n"
            "2021-12-16 09:30\n2021/12/16\n各位代表：\n" + PARAGRAPH + "\n")
    found = [(a.kind, text[a.start:a.end]) for a in find_asides(text)]
    assert found == [("aside:chrome", "2021-12-16 09:30\n2021/12/16\n")]


@pytest.mark.parametrize("name", ["beijing-2026-gov-work-report.txt", "sichuan-2026-gov-work-report.txt",
                                  "national-2024-gov-work-report.txt"])
def test_same_asides_with_windows_newlines(corpus, name):
    text = (corpus / name).read_text(encoding="utf-8")
    unix, windows = load(name, text.encode()), load(name, text.replace("\n", "\r\n").encode("gb18030"))
    assert windows.text == text.replace("\n", "\r\n")  # kept as decoded
    assert [(a.kind, unix.text[a.start:a.end]) for a in unix.asides] == \
        [(a.kind, windows.text[a.start:a.end].replace("\r\n", "\n")) for a in windows.asides]
