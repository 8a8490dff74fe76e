"""normalize: one paragraph per line, every change a repair that restores the source exactly."""

from __future__ import annotations

from collections import Counter


from annotate.reading.ingest import Aside, Decoded
from annotate.model import Repair, SourceInfo, restore_source
from annotate.reading.normalize import normalize


def decoded(text: str, asides: tuple[Aside, ...] = ()) -> Decoded:
    return Decoded(text=text, info=SourceInfo(file="t.txt", sha256="", encoding="utf-8"), asides=asides)


def check_contract(source: str, text: str, repairs: tuple[Repair, ...]) -> None:
    """The normalize contract: lossless, sorted, non-overlapping, one clean paragraph per line."""
    assert restore_source(text, repairs) == source
    end = 0
    for r in repairs:
        assert r.start >= end, f"repair {r} overlaps or is out of order"
        assert text[r.start : r.end] == r.replacement
        assert source[r.source_start : r.source_end] == r.original
        end = r.end
    if text:
        for line in text.split("\n"):
            assert line, "empty line"
            assert line == line.strip(), f"whitespace around {line[:30]!r}"


def run(source: str, asides: tuple[Aside, ...] = ()):
    n = normalize(decoded(source, asides))
    check_contract(source, n.text, n.repairs)
    return n


def kinds(n) -> Counter:
    return Counter(r.kind for r in n.repairs)


FILLER = ["各位代表：", "现在，我代表政府报告工作。", "请予审议。", "一、工作回顾"]


def blank_doc(*paras: str) -> str:
    """A markdown-like document (blank lines separate paragraphs), padded so the mode is clear."""
    return "\n\n".join(FILLER + list(paras)) + "\n"


def lines_of(n) -> list[str]:
    return n.text.split("\n")


# --------------------------------------------------------------------------- joins


def test_line_join_markdown_hard_breaks():
    n = run(blank_doc("2021年是开局之年，面对错综复杂的宏观形  \n势，在区委的坚强领导下，  \n全区上下取得新成效。"))
    assert lines_of(n)[-1] == "2021年是开局之年，面对错综复杂的宏观形势，在区委的坚强领导下，全区上下取得新成效。"
    assert kinds(n)["line_join"] == 2
    joins = [r for r in n.repairs if r.kind == "line_join"]
    assert [r.original for r in joins] == ["  \n", "  \n"] and all(r.replacement == "" for r in joins)


def test_line_join_latin_words_keep_a_space():
    n = run(blank_doc("本作品采用Creative\nCommons许可。"))
    assert lines_of(n)[-1] == "本作品采用Creative Commons许可。"


def test_wiki_link_fragments_rejoin():
    src = blank_doc("——\n改革开放\n深入推进。对外开放推出新举措，“\n一带一路\n”建设进展快速。", "广义货币M\n2\n增长11.3%。")
    n = run(src)
    assert lines_of(n)[-2:] == ["——改革开放深入推进。对外开放推出新举措，“一带一路”建设进展快速。", "广义货币M2增长11.3%。"]


def test_page_break_join():
    src = blank_doc("预计全年地区生产总值同比增长 8%左右；一", "般公共预算收入达到 92 亿元。具体呈现三大特点：", "**一是质量效益显著提升。**正文。")
    n = run(src)
    assert lines_of(n)[-2:] == ["预计全年地区生产总值同比增长8%左右；一般公共预算收入达到92亿元。具体呈现三大特点：", "一是质量效益显著提升。正文。"]
    pb = [r for r in n.repairs if r.kind == "page_break_join"]
    assert len(pb) == 1 and pb[0].original == "\n\n" and pb[0].replacement == ""


def test_no_page_break_join_after_heading_title_or_before_heading():
    src = blank_doc(
        "（一）聚焦重点工程，副中心建设再掀热潮",
        "保障工程建设的措施有力有效，围绕",
        "二、2022年主要目标",
        "北京市通州区发展和改革委员会",
        "各位代表：",
    )
    n = run(src)
    assert lines_of(n)[-5:] == [
        "（一）聚焦重点工程，副中心建设再掀热潮",
        "保障工程建设的措施有力有效，围绕",
        "二、2022年主要目标",
        "北京市通州区发展和改革委员会",
        "各位代表：",
    ]
    assert kinds(n)["page_break_join"] == 0


def test_sentence_fragments_join_in_one_line_per_segment_text():
    # TMX-style: one segment per line, no blank lines; fragments end with a comma
    n = run("政府工作报告\n各位代表：\n广大医务人员英勇奋战，\n人民解放军指战员勇挑重担，\n科技工作者协同攻关。\n一、工作回顾\n")
    assert lines_of(n) == ["政府工作报告", "各位代表：", "广大医务人员英勇奋战，人民解放军指战员勇挑重担，科技工作者协同攻关。", "一、工作回顾"]
    assert kinds(n)["line_join"] == 2


def test_inline_markup_split_lines_rejoin_in_one_line_per_paragraph_text():
    # HTML-derived text: <sub>2.5</sub> and links landed on lines of their own
    src = "各位代表：\n污染防治成效明显，PM\n2.5\n年平均浓度保持在20微克/立方米左右。\n由需求方带资金、带场景\n揭榜\n；“成果找市场”为重点。\n"
    n = run(src)
    assert lines_of(n) == ["各位代表：", "污染防治成效明显，PM2.5年平均浓度保持在20微克/立方米左右。",
                           "由需求方带资金、带场景揭榜；“成果找市场”为重点。"]


def test_subtitle_on_two_lines_rejoins():
    n = run("政府工作报告\n——2026年1月26日在广东省第十四届\n人民代表大会第五次会议上\n广东省省长孟凡利\n各位代表：\n")
    assert lines_of(n) == ["政府工作报告", "——2026年1月26日在广东省第十四届人民代表大会第五次会议上", "广东省省长孟凡利", "各位代表："]


def test_footnote_mark_and_note_lines_stay_apart():
    n = run("各位代表：\n支援本地中小型企业进行专利评估。25\n註25: 食物业牌照包括暂准牌照\n（一）房屋\n")
    assert lines_of(n) == ["各位代表：", "支援本地中小型企业进行专利评估。25", "註25:食物业牌照包括暂准牌照", "（一）房屋"]


def test_heading_broken_across_lines_rejoins():
    n = run("各位代表：\n（\n三）加强生态建设\n正文内容。\n")
    assert lines_of(n) == ["各位代表：", "（三）加强生态建设", "正文内容。"]


def test_heading_broken_across_a_blank_line_rejoins():
    n = run(blank_doc("（", "三）加强生态建设", "正文内容。"))
    assert lines_of(n)[-2:] == ["（三）加强生态建设", "正文内容。"]


def test_doubled_word_across_a_line_break():
    n = run(blank_doc("现将2021年国民经济和社会  \n社会发展计划执行情况提请审议。"))
    assert lines_of(n)[-1] == "现将2021年国民经济和社会发展计划执行情况提请审议。"
    (r,) = [r for r in n.repairs if r.kind == "doubled_word"]
    assert r.original == "  \n社会" and r.replacement == ""


def test_doubled_word_in_a_title_line():
    n = run("# 关于北京市通州区 2021 年国民经济和社会 社会发展计划执行情况与 2022 年国民经济 和社会发展计划草案的报告\n\n正文。\n")
    assert lines_of(n)[0] == "关于北京市通州区2021年国民经济和社会发展计划执行情况与2022年国民经济和社会发展计划草案的报告"
    assert kinds(n)["doubled_word"] == 1


# --------------------------------------------------------------------------- characters and spacing


def test_cjk_space_removed_latin_space_kept():
    n = run("2021 年增长 8%左右，建成 5G 基站，M101 线开工，Public domain 文本。\n")
    assert n.text == "2021年增长8%左右，建成5G基站，M101线开工，Public domain文本。"
    assert set(kinds(n)) == {"cjk_space", "blank_line"}  # blank_line: the final newline


def test_digit_group_space():
    n = run("导致超过1 100人受伤，及超过 2 200人被捕，约3\u202f300名导师。\n")
    assert n.text == "导致超过1100人受伤，及超过2200人被捕，约3300名导师。"
    assert kinds(n)["digit_group"] == 3


def test_fullwidth_digits_and_signs_only():
    n = run("增长８．５％，目标６．５％－７％，（一）ＧＤＰ增长；互联网＋政务。\n")
    assert n.text == "增长8.5%，目标6.5%-7%，（一）GDP增长；互联网＋政务。"
    fw = [r for r in n.repairs if r.kind == "fullwidth"]
    assert "".join(r.original for r in fw) == "８．５％６．５％－７％ＧＤＰ"


def test_markdown_marks_removed():
    src = blank_doc("## **（一）聚焦重点工程**", "**一是质量效益显著提升。**1-11 月，收入增长。", "> 引用的一段话。")
    n = run(src)
    assert lines_of(n)[-3:] == ["（一）聚焦重点工程", "一是质量效益显著提升。1-11月，收入增长。", "引用的一段话。"]
    assert {r.original for r in n.repairs if r.kind == "markdown"} == {"## ", "**", "> "}


def test_list_markers_recorded_and_items_stay_lines():
    src = blank_doc("建议主要指标安排如下：", "- 地区生产总值比上年增长 6.5%左右；\n- 一般公共预算收入比上年增长 6%；\n- 全社会固定资产投资超千亿元；")
    n = run(src)
    assert lines_of(n)[-3:] == ["地区生产总值比上年增长6.5%左右；", "一般公共预算收入比上年增长6%；", "全社会固定资产投资超千亿元；"]
    markers = [r for r in n.repairs if r.kind == "list_marker"]
    assert len(markers) == 3 and all(r.original == "- " for r in markers)
    starts = {len("\n".join(lines_of(n)[:-k])) + 1 for k in (1, 2, 3)}
    assert {r.start for r in markers} == starts


def test_indent_and_blank_lines():
    n = run("\n\n\u3000\u3000现在，我代表政府报告工作。  \n\n\n\u3000\u3000一、工作回顾\n\n")
    assert n.text == "现在，我代表政府报告工作。\n一、工作回顾"
    assert set(kinds(n)) <= {"indent", "blank_line"}


def test_tabs_inside_table_rows_kept():
    n = run("指标\t2021年\t2022年\n地区生产总值\t8%\t6.5%\n")
    assert n.text == "指标\t2021年\t2022年\n地区生产总值\t8%\t6.5%"


def test_newlines_normalized():
    n = run("第一段。\r\n第二段。\r第三段。\r\n")
    assert n.text == "第一段。\n第二段。\n第三段。"
    assert kinds(n)["newline"] == 2


def test_controls_removed_private_use_flagged():
    n = run("正文\x00内容\x07。\ufffe私\ue000用\u200b字。\n")
    assert n.text == "正文内容。私\ue000用字。"
    c = kinds(n)
    assert c["control"] == 3 and c["invisible"] == 1
    (pu,) = [r for r in n.repairs if r.kind == "private_use"]
    assert pu.original == pu.replacement == "\ue000" and n.text[pu.start] == "\ue000"


def test_ocr_errors_kept():
    n = run("于家务、灏县等地开工建设。")
    assert n.text == "于家务、灏县等地开工建设。"
    assert n.repairs == ()


# --------------------------------------------------------------------------- flattened reports


def test_paragraph_split_shanghai_style():
    src = (
        "上海市市长\u3000应勇 各位代表： \u3000\u3000现在，我代表市政府报告工作。 \u3000\u3000一、2019年工作回顾 "
        "\u3000\u3000过去一年，经济增长6%。 \u3000\u3000（一）全力实施“三大任务”，实现新作为 \u3000\u3000新片区正式设立。"
    )
    n = run(src)
    assert lines_of(n) == [
        "上海市市长应勇",
        "各位代表：",
        "现在，我代表市政府报告工作。",
        "一、2019年工作回顾",
        "过去一年，经济增长6%。",
        "（一）全力实施“三大任务”，实现新作为",
        "新片区正式设立。",
    ]
    assert kinds(n)["paragraph_split"] == 6


def test_paragraph_split_hong_kong_numbering():
    src = (
        "立法会主席、各位议员、各位市民： (一) 前言 1. 我今天发表施政报告。 2. 人口增至1.5万人，"
        "约4. 5年可完成 3. 第三段内容。 (二) 房屋 4. 房屋是问题。"
    )
    n = run(src)
    assert lines_of(n) == [
        "立法会主席、各位议员、各位市民：",
        "(一)前言",
        "1.我今天发表施政报告。",
        "2.人口增至1.5万人，约4. 5年可完成",  # 4. 5 is not paragraph 4 (3 is expected)
        "3.第三段内容。",
        "(二)房屋",
        "4.房屋是问题。",
    ]


def test_asides_removed_and_recorded():
    src = "下载 打印 全屏\n\n各位代表：\n现在，我代表政府报告工作。\n相关报道：某某新闻\n"
    chrome_end = src.index("\n")
    rel = src.index("相关报道")
    asides = (Aside("aside_chrome", 0, chrome_end), Aside("aside_related", rel, len(src) - 1))
    n = run(src, asides)
    assert n.text == "各位代表：\n现在，我代表政府报告工作。"
    got = {r.kind: r for r in n.repairs if r.kind.startswith("aside")}
    assert got["aside_chrome"].original == "下载 打印 全屏" and got["aside_chrome"].source_start == 0
    assert got["aside_related"].original == "相关报道：某某新闻" and got["aside_related"].source_start == rel
    assert all(r.replacement == "" and r.start == r.end for r in got.values())


def test_aside_inside_a_join_keeps_its_own_repair():
    src = blank_doc("城市更新持续推进，全年完工老", "第 3 页", "旧小区改造工程13个。")
    page = src.index("第 3 页")
    n = run(src, (Aside("aside_page_number", page, page + len("第 3 页")),))
    assert lines_of(n)[-1] == "城市更新持续推进，全年完工老旧小区改造工程13个。"
    assert [r.original for r in n.repairs if r.kind == "aside_page_number"] == ["第 3 页"]


def test_empty_and_whitespace_only():
    assert run("").text == ""
    assert run(" \n\u3000\n").text == ""


def test_glossary_link_split_rejoins_in_one_line_per_paragraph_text():
    # gd.gov.cn links glossary terms: the link text sits on its own line between the halves of
    # the sentence.  A line ending in the particle 的 and a line opening with ``是：`` are fragments.
    src = "上年工作完成。\n“十五五”时期经济社会发展的\n主要目标\n是：地区生产总值年均增长5%左右。\n一是聚焦经济建设。"
    n = run(src)
    assert n.text.split("\n") == [
        "上年工作完成。",
        "“十五五”时期经济社会发展的主要目标是：地区生产总值年均增长5%左右。",
        "一是聚焦经济建设。",
    ]


def test_word_ending_in_de_is_not_a_fragment():
    # 目的 is a word (a Hong Kong heading), not a dangling particle; 注： opens a note paragraph
    n = run("目的\n32. 建立责任制有以下主要目的：\n加强问责。\n注：本文为讲话全文。")
    assert n.text.split("\n") == ["目的", "32.建立责任制有以下主要目的：", "加强问责。", "注：本文为讲话全文。"]


def test_paragraph_number_stays_with_a_salutation():
    # ``165. 立法会主席、各位议员……`` closes the address: the number belongs to the salutation line
    src = "(十) 结语 164. 我们会努力。 165. 立法会主席、各位议员、各位市民，谢谢大家。 166. 再见。"
    n = run(src)
    assert lines_of(n)[-2:] == ["165.立法会主席、各位议员、各位市民，谢谢大家。", "166.再见。"]


def test_wrapped_text_with_indented_paragraph_starts_rejoins():
    # copied from a PDF: a paragraph opens with an indent, its wrapped lines have none — even
    # after ；, inside a number (523 / 0亿元, 5 / .5%); the title lines before the body stay apart,
    # and a short unpunctuated line after a full stop is a heading, not a continuation
    src = "\n".join([
        "某某市政府工作报告",
        "市长 张三",
        "　　各位代表：",
        "　　过去一年，地区生产总值达到523",
        "0亿元，同比增长5.6%；一般公共预算收入增长6.1%；",
        "城镇新增就业8.2万人。",
        "2025年主要任务",
        "　　主要预期目标是：地区生产总值增长5.5%左右，失业率控制在5",
        ".5%以内。",
        "　　（一）扩大内需。全年实施重点项目500个。",
    ])
    n = run(src)
    assert lines_of(n) == [
        "某某市政府工作报告",
        "市长张三",
        "各位代表：",
        "过去一年，地区生产总值达到5230亿元，同比增长5.6%；一般公共预算收入增长6.1%；城镇新增就业8.2万人。",
        "2025年主要任务",
        "主要预期目标是：地区生产总值增长5.5%左右，失业率控制在5.5%以内。",
        "（一）扩大内需。全年实施重点项目500个。",
    ]


def test_one_paragraph_per_indented_line_is_not_wrapped_text():
    # docx exports indent every body line: an unindented line there is a heading, not a wrap
    src = "\n".join(["　　各位代表：", "　　现在，我代表省人民政府报告工作。", "　　一、工作回顾",
                     "　　过去一年成绩显著。", "附件1", "　　十件民生实事完成。"])
    assert lines_of(run(src)) == ["各位代表：", "现在，我代表省人民政府报告工作。", "一、工作回顾",
                                  "过去一年成绩显著。", "附件1", "十件民生实事完成。"]


def test_char_edit_prefilter_admits_every_first_character():
    """The lookahead that speeds up the character scan (``_EDIT_FIRST``) must admit every character
    a character edit can begin with: checked for every BMP code point and the astral ranges the
    branches name, in contexts that satisfy the branches' lookarounds."""
    import re

    from annotate.reading.normalize import _CHAR_EDITS, _EDIT_FIRST

    prefix = f"(?=[{_EDIT_FIRST}])"
    assert _CHAR_EDITS.pattern.startswith(prefix)
    branches = re.compile(_CHAR_EDITS.pattern[len(prefix):])
    first = re.compile(f"[{_EDIT_FIRST}]")
    astral = [*range(0x2F800, 0x2FA20), 0xF0000, 0x10FFFD, 0x10000, 0x1F600]
    missed = [hex(cp) for cp in [*range(0x10000), *astral]
              if not first.match(chr(cp))
              and any(branches.match(ctx, 1) for ctx in ("1" + chr(cp) + "1", " " + chr(cp) + "1", "%" + chr(cp) + "1", "1" + chr(cp) * 2))]
    assert missed == []


def test_a_line_cut_before_a_word_that_is_also_a_formal_numeral_or_stem_joins():
    """陆 is a formal numeral (陆、 heads a sixth part) and 己 a stem, but 海、陆、空 and 自己、 are words:
    across a page break after a line that stops mid-clause, such a line continues the paragraph
    (the structure reads 壹、/甲、 headings on lines of their own, where their sequence runs)."""
    def after_break(line: str) -> list[str]:
        return lines_of(run("政府工作报告\n\n各位代表：\n\n现在，我代表政府报告工作。\n\n"
                            "科技工作者协同攻关，政府将在海\n\n" + line + "\n\n正文内容。\n"))[3:]

    assert after_break("陆、空交通方面全力推动新能源。") == [
        "科技工作者协同攻关，政府将在海陆、空交通方面全力推动新能源。", "正文内容。"]
    assert after_break("己、他人的事一样办好。")[0] == "科技工作者协同攻关，政府将在海己、他人的事一样办好。"
    # a heading of the usual numbering still starts its own paragraph
    assert after_break("一、工作回顾") == ["科技工作者协同攻关，政府将在海", "一、工作回顾", "正文内容。"]
