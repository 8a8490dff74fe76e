"""Structure: numbering-driven hierarchy, paragraphs, sentences, list items, title/meta.

Unit tests build from small normalized strings (one paragraph per line, as normalize promises);
the seed tests run the real pipeline (``read_report``) on the Tongzhou plan report.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.reading import numbering as nb
from annotate.reading.ingest import Decoded
from annotate.model import Repair, SourceInfo
from annotate.reading.normalize import Normalized
from annotate.pipeline import read_report
from annotate.reading.structure import build, problems


def _build(text: str, repairs: tuple[Repair, ...] = (), source: str | None = None):
    src = text if source is None else source
    return build(Decoded(src, SourceInfo("t.txt", "", "utf-8")), Normalized(text, repairs))


def _kids(report, parent_id, kind=None):
    return [b for b in report.blocks if b.parent == parent_id and (kind is None or b.kind == kind)]


def _t(report, block):
    return report.text[block.start : block.end]


NATIONAL = """政府工作报告
——2024年3月5日在第十四届全国人民代表大会第二次会议上
国务院总理 李强
各位代表：
现在，我代表国务院，向大会报告政府工作，请予审议。
一、2023年工作回顾
过去一年，是全面贯彻党的二十大精神的开局之年。我们做了很多。
——经济总体回升向好。国内生产总值超过126万亿元。
——现代化产业体系建设取得重要进展。传统产业加快转型。
二、2024年经济社会发展总体要求和政策取向
今年发展主要预期目标是：
国内生产总值增长5%左右；
城镇新增就业1200万人以上；
居民消费价格涨幅3%左右。
三、2024年政府工作任务
（一）大力推进现代化产业体系建设，加快发展新质生产力。把实体经济作为根基。一是推动产业链供应链优化升级。
（二）深入实施科教兴国战略。强化基础。
各位代表！让我们奋斗！"""


# --------------------------------------------------------------------------- numbering


def test_numbering_labels_and_values():
    assert nb.match_label("一、2021年") == nb.Label("cn_dun", 1, "一、", 2)
    assert nb.match_label("（十二）聚焦").value == 12
    assert nb.match_label("(一) 前言").style == "cn_paren"
    assert nb.match_label("12. 我今天").style == "arabic_dot"
    assert nb.match_label("1．发展").text == "1．"
    assert nb.match_label("（3）做好").style == "arabic_paren"
    assert nb.match_label("①加快").value == 1
    assert nb.match_label("［12］两新").style == "note"
    assert nb.match_label("一是质量效益").text == "一是"
    assert nb.match_label("第三章　加快").value == 3
    assert nb.match_label("——经济").style == "dash"
    assert nb.match_label("十一、推进").value == 11
    # not labels: decimals, years, numeral compounds
    for text in ("1.5万人", "2024年", "三大攻坚战", "一二线城市"):
        assert nb.match_label(text) is None, text
    assert nb.cn_to_int("二十一") == 21 and nb.cn_to_int("十") == 10 and nb.cn_to_int("一百零五") == 105


# --------------------------------------------------------------------------- hierarchy


def test_national_style_report_hierarchy_and_meta():
    r = _build(NATIONAL)
    assert problems(r) == []
    m = r.meta
    assert (m.title, m.issuer, m.speaker, m.kind) == ("政府工作报告", "国务院", "国务院总理 李强", "gov-work-report")
    assert (m.year, m.review_year, m.date) == (2024, 2023, "2024-03-05")
    assert m.meeting == "第十四届全国人民代表大会第二次会议"
    parts = _kids(r, None, "part")
    assert [p.num for p in parts] == ["一、", "二、", "三、"]
    assert _t(r, _kids(r, "part1", "heading")[0]) == "一、2023年工作回顾"
    # dash-led run: list items carrying their label
    items = _kids(r, "part1", "item")
    assert [i.num for i in items] == ["——", "——"]
    # targets list after "…目标是："
    assert [_t(r, i) for i in _kids(r, "part2", "item")] == [
        "国内生产总值增长5%左右；", "城镇新增就业1200万人以上；", "居民消费价格涨幅3%左右。"]
    # run-in section headings: the lead sentence is the heading, the rest a paragraph
    secs = _kids(r, "part3", "section")
    assert [s.num for s in secs] == ["（一）", "（二）"]
    assert _t(r, _kids(r, secs[0].id, "heading")[0]) == "（一）大力推进现代化产业体系建设，加快发展新质生产力。"
    first_p = _kids(r, secs[0].id, "p")[0]
    assert _t(r, first_p) == "把实体经济作为根基。一是推动产业链供应链优化升级。"
    assert [_t(r, s) for s in _kids(r, first_p.id, "s")] == ["把实体经济作为根基。", "一是推动产业链供应链优化升级。"]
    # the preface holds the salutation and the opening paragraph
    assert [_t(r, p) for p in _kids(r, "preface")] == ["各位代表：", "现在，我代表国务院，向大会报告政府工作，请予审议。"]


def test_numbering_not_markup_and_sequence_checks():
    text = "\n".join([
        "一、回顾",
        "（一）第一节",
        "正文。",
        "一、这不是新的一部分，因为它不接着上一个编号",
        "（二）第二节",
        "正文。",
        "二、计划",
        "（一）重新编号的第一节",
        "正文。",
    ])
    r = _build(text)
    assert problems(r) == []
    assert [b.num for b in r.blocks if b.kind == "part"] == ["一、", "二、"]
    assert [b.num for b in _kids(r, "part1", "section")] == ["（一）", "（二）"]
    stray = [b for b in r.blocks if b.kind == "p" and _t(r, b).startswith("一、这不是")]
    assert stray and stray[0].num == "一、" and stray[0].parent == "sec1.1"
    assert [b.num for b in _kids(r, "part2", "section")] == ["（一）"]


def test_run_in_labels_on_paragraphs():
    r = _build("一、工作\n一是质量效益显著提升。1-11月，收入增长。\n二是产业结构不断优化。")
    ps = _kids(r, "part1", "p")
    assert [(p.num, r.text[p.num_start : p.num_end]) for p in ps] == [("一是", "一是"), ("二是", "二是")]


def test_unnumbered_part_headings_and_glossary():
    # sichuan-2025: part headings without numerals; glossary at the end is a part of its own
    text = "\n".join([
        "各位代表：",
        "现在，我代表省人民政府，向大会报告工作。",
        "2024年工作回顾",
        "过去一年，较好完成全年主要目标任务。",
        "（一）巩固增强经济回升向好态势。面对下行压力。",
        "2025年工作安排建议",
        "（一）全方位扩大内需，稳住经济大盘。依托我省。",
        "（二）以科技创新引领新质生产力发展。强化。",
        "名词解释",
        "1.六大优势产业：省委提出实施优势产业提质倍增行动。",
        "2.“两重”：是指国家重大战略实施和重点领域安全能力建设。",
    ])
    r = _build(text)
    assert problems(r) == []
    parts = [b for b in r.blocks if b.kind == "part"]
    heads = [_t(r, _kids(r, p.id, "heading")[0]) for p in parts]
    assert heads == ["2024年工作回顾", "2025年工作安排建议", "名词解释"]
    assert len(_kids(r, "part2", "section")) == 2
    glossary = _kids(r, "part3", "item")
    assert [i.num for i in glossary] == ["1.", "2."]
    assert r.meta.year == 2025 and r.meta.review_year == 2024


def test_annex_with_restarted_numbering_and_two_line_glossary_entries():
    text = "\n".join([
        "一、回顾",
        "正文。",
        "二、安排",
        "正文。",
        "附件1",
        "2026年省十件民生实事",
        "一、提高低保标准。农村低保标准提高。",
        "二、加快建立长期护理保险制度。加快。",
        "附件2",
        "名词解释",
        "1.“四上”企业：",
        "现阶段统计工作实践中对达到一定规模的企业的统称。",
        "2.“双高计划”：",
        "是中国特色高水平高职学校建设计划。",
    ])
    r = _build(text)
    assert problems(r) == []
    parts = [b for b in r.blocks if b.kind == "part"]
    assert len(parts) == 4
    assert _t(r, _kids(r, "part3", "heading")[0]) == "附件1\n2026年省十件民生实事"
    assert [s.num for s in _kids(r, "part3", "section")] == ["一、", "二、"]
    entries = _kids(r, "part4", "item")
    assert [_t(r, e) for e in entries] == [
        "1.“四上”企业：\n现阶段统计工作实践中对达到一定规模的企业的统称。",
        "2.“双高计划”：\n是中国特色高水平高职学校建设计划。"]


def test_hong_kong_chapters_numbered_paragraphs_and_subheadings():
    text = "\n".join([
        "香港特别行政区行政长官2023年施政报告",
        "立法会主席、各位议员、各位市民：",
        "(一) 前言",
        "1. 今天是我第二份《施政报告》。我们会继续努力。",
        "2. 香港正处于由治及兴的关键期，我们要把握机遇。",
        "(二) 挑战和机遇",
        "3. 环球经济面对挑战。",
        "一、 发展经济",
        "4. 政府会推动经济发展。",
        "推动AI产业发展",
        "5. 我们会成立人工智能研究院。",
    ])
    r = _build(text)
    assert problems(r) == []
    m = r.meta
    assert (m.kind, m.year, m.issuer) == ("policy-address", 2023, "香港特别行政区行政长官")
    parts = [b for b in r.blocks if b.kind == "part"]
    assert [p.num for p in parts] == ["(一)", "(二)"]
    assert [p.num for p in _kids(r, "part1", "p")] == ["1.", "2."]  # numbered paragraphs, not headings
    sec = _kids(r, "part2", "section")[0]
    assert sec.num == "一、"
    sub = _kids(r, sec.id, "subsection")[0]
    assert _t(r, _kids(r, sub.id, "heading")[0]) == "推动AI产业发展"


def test_meta_from_provincial_front_matter():
    r = _build("2025年四川省政府工作报告\n2025年1月20日在四川省第十四届人民代表大会第四次会议上\n"
               "四川省人民政府省长 施小琳\n各位代表：\n现在，我代表省人民政府，向大会报告工作。\n一、2024年工作回顾\n正文。")
    m = r.meta
    assert (m.issuer, m.speaker, m.year, m.review_year, m.date) == (
        "四川省人民政府", "四川省人民政府省长 施小琳", 2025, 2024, "2025-01-20")
    r = _build("各位代表：\n现在，我代表江苏省人民政府向大会报告工作。\n一、2023年工作回顾\n正文。\n二、2024年重点工作\n正文。")
    assert (r.meta.issuer, r.meta.year, r.meta.title) == ("江苏省人民政府", 2024, None)
    r = _build("2026年江苏省政府工作报告\n——2026年2月3日在江苏省第十四届人民代表大会第四次会议上\n省长 刘小涛\n"
               "各位代表：\n现在，我代表江苏省人民政府向大会报告工作。\n一、回顾\n正文。")
    assert (r.meta.issuer, r.meta.speaker) == ("江苏省人民政府", "省长 刘小涛")
    r = _build("2025年上海市政府工作报告\n----2025年1月15日龚正市长在上海市第十六届人民代表大会第三次会议上\n各位代表：\n正文。")
    assert r.meta.speaker == "上海市市长 龚正" and r.meta.issuer == "上海市人民政府"


def test_source_lines_follow_the_repair_log():
    # normalized "甲乙。\n丙丁。" came from "甲\n乙。\n\n丙丁。": a line join and a blank line removed
    source = "甲\n乙。\n\n丙丁。"
    repairs = (Repair("line-join", 1, 1, 1, "\n"), Repair("blank", 4, 4, 4, "\n"))
    r = _build("甲乙。\n丙丁。", repairs, source)
    ps = [b for b in r.blocks if b.kind == "p"]
    assert [(p.line_start, p.line_end) for p in ps] == [(1, 2), (4, 4)]


# --------------------------------------------------------------------------- invariants on generated text

_LINES = st.sampled_from([
    "一、回顾", "二、计划", "三、措施", "（一）第一节", "（二）第二节。正文在此。", "（三）第三节",
    "1.小节", "2.小节", "一是质量提升。二是结构优化。", "——经济向好。", "——结构优化。",
    "正文一句。第二句！第三句？", "目标如下：", "增长5%左右；", "控制在5%以内。", "名词解释",
    "附件1", "1.“四上”企业：", "指规模以上企业。", "各位代表：", "重点工作安排", "（1）细目。",
    "①事项。", "  　缩进的正文。", "没有句号的片段",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=30))
def test_generated_reports_keep_invariants(lines):
    text = "\n".join(lines)
    r = _build(text)
    assert problems(r) == []


# --------------------------------------------------------------------------- the seed (Done-when)


def test_seed_parts_sections_items(seed_path):
    r = read_report(str(seed_path))
    assert problems(r) == []
    parts = [b for b in r.blocks if b.kind == "part"]
    assert [p.num for p in parts] == ["一、", "二、", "三、"]
    cn = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）"]
    assert [s.num for s in _kids(r, parts[0].id, "section")] == cn[:6]
    assert [s.num for s in _kids(r, parts[2].id, "section")] == cn
    items = _kids(r, parts[1].id, "item")
    assert len(items) == 7
    assert _t(r, items[0]).startswith("地区生产总值比上年增长") and "6.5%左右" in _t(r, items[0])
    assert _t(r, items[-1]).startswith("能耗强度")
    # every block's source lines: part two's heading is on line 108 of the markdown
    h2 = _kids(r, parts[1].id, "heading")[0]
    assert (h2.line_start, h2.line_end) == (108, 108)
    assert (items[0].line_start, items[-1].line_end) == (118, 125)


def test_seed_meta(seed_path):
    m = read_report(str(seed_path)).meta
    assert m.title == "关于北京市通州区2021年国民经济和社会发展计划执行情况与2022年国民经济和社会发展计划草案的报告"
    assert m.subtitle == "——2021年12月15日在北京市通州区第七届人民代表大会第一次会议上"
    assert (m.year, m.review_year, m.date) == (2022, 2021, "2021-12-15")
    assert m.issuer == "北京市通州区发展和改革委员会"
    assert m.kind == "plan-report"
    assert m.source.file.endswith("tongzhou-2021-plan-report.md")


def test_seed_run_in_and_dash_paragraphs(seed_path):
    r = read_report(str(seed_path))
    nums = [b.num for b in r.blocks if b.kind == "p" and b.num]
    assert nums[:6] == ["——", "一是", "二是", "三是", "——", "——"] or nums.count("一是") >= 1
    sents = [b for b in r.blocks if b.kind == "s"]
    assert all(r.text[s.start : s.end][-1] in "。！？；：”）" or s.end == r.block_by_id[s.parent].end
               for s in sents)


_CHARS = st.sampled_from(list("一二三十、（）()1２.．：:；。！？“”—-　 \n年月日是各位代表报告附件名词解释注释第章施政市长国务院总理香港①［］"))


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHARS, max_size=120).map("".join))
def test_arbitrary_text_keeps_invariants(text):
    assert problems(_build(text)) == []


def test_empty_and_blank_text_have_no_blocks():
    for text in ("", " \n\n\u3000\n"):
        r = _build(text)
        assert r.blocks == () and r.meta.year is None


def test_parenthesized_and_circled_entries_form_lists():
    r = _build("一、任务\n重点抓好三件事。\n（1）稳增长。\n（2）促改革。\n（3）惠民生。\n①扩大内需；\n②稳定外贸。\n（4）单独一段不是列表。")
    items = _kids(r, "part1", "item")
    assert [i.num for i in items] == ["（1）", "（2）", "（3）", "①", "②"]
    lone = _kids(r, "part1", "p")[-1]
    assert lone.num == "（4）" and _t(r, lone).startswith("（4）单独")


def test_label_alone_on_its_line_takes_the_next_line_as_heading():
    r = _build("一、\n2023年工作回顾\n正文。\n二、2024年工作安排\n正文。")
    assert problems(r) == []
    heads = [_t(r, _kids(r, p.id, "heading")[0]) for p in r.blocks if p.kind == "part"]
    assert heads == ["一、\n2023年工作回顾", "二、2024年工作安排"]


def test_hong_kong_unnumbered_subheadings_with_enumeration_short_words_years_and_names():
    """Headings between numbered paragraphs: ``抢人才、留人才`` (、 inside), ``医疗`` (two
    characters), ``迈向2050年前碳中和`` (a year), ``促进5G发展`` (a name), ``建立「……」`` (ends in a
    quote) are headings, not paragraphs;
    a line with a count (``城镇新增就业1352万``) is not."""
    text = "\n".join([
        "香港特别行政区行政长官2023年施政报告",
        "立法会主席、各位议员、各位市民：",
        "(一) 前言",
        "1. 今天是我第二份《施政报告》。我们会继续努力。",
        "(二) 发展经济",
        "2. 政府会推动经济发展。",
        "抢人才、留人才",
        "3. 我们会推出人才清单。",
        "医疗",
        "4. 我们会增加病床。",
        "迈向2050年前碳中和",
        "5. 我们会减少排放。",
        "促进5G发展",
        "6. 我们会建设基站。",
        "建立「部门首长责任制」",
        "7. 我会建立问责机制。",
        "纪念抗日战争胜利80周年",
        "8. 我们会举办纪念活动。",
    ])
    r = _build(text)
    assert problems(r) == []
    heads = [_t(r, b) for b in r.blocks if b.kind == "heading" and b.parent not in ("title", None)
             and r.block_by_id[b.parent].kind in ("section", "subsection")]
    assert heads == ["抢人才、留人才", "医疗", "迈向2050年前碳中和", "促进5G发展", "建立「部门首长责任制」",
                     "纪念抗日战争胜利80周年"]
    assert [b.num for b in r.blocks if b.kind == "p" and b.num] == ["1.", "2.", "3.", "4.", "5.", "6.", "7.", "8."]


def test_enumeration_line_ending_in_dunhao_is_not_a_heading():
    text = "\n".join(["政府工作报告", "各位代表：", "一、工作回顾", "我们做了很多工作。",
                      "主要包括交通、", "能源等领域的投资。", "二、今年安排", "继续努力。"])
    r = _build(text)
    assert not any(b.kind == "section" for b in r.blocks)


def test_hong_kong_numbered_paragraph_owns_its_long_bullets():
    text = "\n".join([
        "香港特别行政区行政长官2019年施政报告",
        "立法会主席、各位议员、各位市民：",
        "(一) 房屋",
        "16. 我现在提出以下短、中期的支援措施：",
        "大幅增加过渡性房屋项目，在未来三年合共提供10000个单位，以纾缓居住环境恶劣家庭的困境。"
        "我们会预留20亿元资助非政府机构推展项目，并检讨有关规划和建筑规定，加快项目的推展。",
        "透过现金津贴，为非公屋、非综援的低收入住户提供支援。",
        "17. 我在咨询会中留意到有意见希望我们重新推出租者置其屋计划。",
        "我会考虑这些意见。",
    ])
    r = _build(text)
    assert problems(r) == []
    items = [_t(r, b) for b in r.blocks if b.kind == "item"]
    assert [i[:8] for i in items] == ["大幅增加过渡性房", "透过现金津贴，为"]
    # after a paragraph that introduces nothing, an unnumbered paragraph stays a paragraph
    assert any(b.kind == "p" and _t(r, b) == "我会考虑这些意见。" for b in r.blocks)


# --------------------------------------------------------------------------- closing and footnotes


def test_closing_exhortation_sits_after_the_last_part_at_the_top_level():
    r = _build(NATIONAL)
    top = [b for b in r.blocks if b.parent is None]
    assert [b.kind for b in top] == ["title", "preface", "part", "part", "part", "p"]
    assert _t(r, top[-1]) == "各位代表！让我们奋斗！"
    assert _t(r, _kids(r, "sec3.2", "p")[-1]) == "强化基础。"
    assert problems(r) == []


def test_closing_salutation_line_takes_the_paragraph_after_it_and_precedes_the_glossary():
    text = ("政府工作报告\n各位代表：\n现在报告。\n一、2024年工作回顾\n各位代表，一年来，我们很努力。\n一年很难。\n"
            "二、2025年工作任务\n（一）做好工作。\n各位代表！要加强自身建设。\n各位代表！\n"
            "奋斗创造未来。让我们团结奋斗！\n名词解释\n1.新质生产力：一种生产力。\n2.两新：设备更新。")
    r = _build(text)
    assert problems(r) == []
    top = [(b.kind, _t(r, b)[:8]) for b in r.blocks if b.parent is None]
    assert top[2:] == [("part", "一、2024年工"), ("part", "二、2025年工"), ("p", "各位代表！"),
                       ("p", "奋斗创造未来。让"), ("part", "名词解释\n1.新")]
    # a salutation inside the review, and one before the last paragraphs, stay where they are
    assert _t(r, _kids(r, "part1", "p")[0]) == "各位代表，一年来，我们很努力。"
    assert [_t(r, p) for p in _kids(r, "sec2.1", "p")] == ["各位代表！要加强自身建设。"]
    assert len(_kids(r, "part3", "item")) == 2


def test_no_closing_when_numbered_content_follows_the_salutation():
    text = "政府工作报告\n一、工作回顾\n各位代表！让我们看看。\n（一）经济增长。\n经济增长5%。"
    r = _build(text)
    assert [b.kind for b in r.blocks if b.parent is None] == ["title", "part"]


def test_footnote_lines_are_paragraphs_numbered_by_their_label():
    assert nb.match_label("註12: 即直接資助") == nb.Label("note", 12, "註12", 3)
    assert nb.match_label("注3：指…").value == 3
    assert nb.match_label("注重实效。") is None and nb.match_label("注1个") is None
    text = ("施政報告\n第一章 前言\n1. 我們推出措施(註1)：\n分區委員會會改革。\n註1: 分區委員會、地區撲滅罪行委員會\n"
            "2. 第二段。\n註2: 不包括河套。\n註3: 第十五屆全國運動會")
    r = _build(text)
    assert problems(r) == []
    notes = [b for b in r.blocks if b.kind == "p" and b.num and b.num.startswith("註")]
    assert [(n.num, _t(r, n)) for n in notes] == [("註1", "註1: 分區委員會、地區撲滅罪行委員會"),
                                                  ("註2", "註2: 不包括河套。"), ("註3", "註3: 第十五屆全國運動會")]


# --------------------------------------------------------------------------- bold lead sentences


def _build_md(source: str):
    from annotate.reading.normalize import normalize

    decoded = Decoded(source, SourceInfo("t.md", "", "utf-8"))
    return build(decoded, normalize(decoded))


BOLD = """# 2022年计划的报告

各位代表：

现将计划报告如下。

## 一、2021年计划执行情况

全年经济稳中有进，呈现三大特点：

**一是质量效益显著提升。**1-11月，一般公共预算收入完成90.15亿元。

**二是产业结构不断优化。**第三产业占比62.8%。

### **（一）聚焦重点工程，副中心建设再掀热潮**

**保障工程建设的一系列措施有力有效。**围绕“抓开工”，完善工作机制。

新开工项目40个。

**构建城市框架的一批节点工程进展显著。**坚持“一年一个节点”。

**全文加粗的一句话。**

**加粗但没有句号**后面还有文字。
"""


def test_bold_lead_sentence_is_a_run_in_heading():
    r = _build_md(BOLD)
    assert problems(r) == []
    # labeled bold leads stay paragraphs numbered by their run-in label, as unbolded ones do
    assert [(p.num, _t(r, p)[:11]) for p in _kids(r, "part1", "p")][-2:] == [
        ("一是", "一是质量效益显著提升。"), ("二是", "二是产业结构不断优化。")]
    assert [s.num for s in _kids(r, "part1", "section")] == ["（一）"]
    # unlabeled bold leads: a subsection whose heading is the bold sentence, the rest a paragraph
    subs = _kids(r, "sec1.1", "subsection")
    assert [_t(r, _kids(r, s.id, "heading")[0]) for s in subs] == [
        "保障工程建设的一系列措施有力有效。", "构建城市框架的一批节点工程进展显著。"]
    assert [_t(r, p) for p in _kids(r, subs[0].id, "p")] == ["围绕“抓开工”，完善工作机制。", "新开工项目40个。"]
    # a wholly bold line and a bold phrase that is not a sentence are not run-in headings
    assert [_t(r, p) for p in _kids(r, subs[1].id, "p")] == [
        "坚持“一年一个节点”。", "全文加粗的一句话。", "加粗但没有句号后面还有文字。"]
    assert subs[0].num is None and (subs[0].line_start, subs[0].line_end) == (17, 19)


def test_seed_bold_leads_are_subsections_and_closing_is_top_level(seed_path):
    r = read_report(str(seed_path))
    subs = _kids(r, "sec3.1", "subsection")
    assert [_t(r, _kids(r, s.id, "heading")[0]) for s in subs] == [
        "全力推动地标性项目展现新形象。", "全力推动功能性区域展露新风貌。", "全力推动基础性工程取得新进展。"]
    # the section's opening paragraph, before the first bold lead, stays in the section
    assert _t(r, _kids(r, "sec3.1", "p")[0]).startswith("重点工程是落实副中心控规")
    assert sum(b.kind == "subsection" for b in r.blocks) == 37
    last = r.blocks[-1] if r.blocks[-1].kind != "s" else r.block_by_id[r.blocks[-1].parent]
    assert last.parent is None and _t(r, last).startswith("各位代表，志不求易者成")


def test_a_salutation_followed_by_a_section_is_not_lifted_out_as_the_closing():
    """Found by hypothesis: 各位代表： ending an unnumbered section, with （一） after it, stays in the part."""
    r = _build("\n".join(["一、回顾", "一、回顾", "没有句号的片段", "各位代表：", "（一）第一节"]))
    assert problems(r) == []
    salutation = next(b for b in r.blocks if b.kind == "p" and r.text[b.start:b.end] == "各位代表：")
    assert salutation.parent is not None


# --------------------------------------------------------------------------- 壹、貳、參、 and 甲、乙、丙、


def test_formal_numerals_and_stems_are_numbering_labels():
    assert nb.match_label("壹、前言") == nb.Label("cn_fin", 1, "壹、", 2)
    assert nb.match_label("貳、施政重點").value == 2 and nb.match_label("贰、施政重点").value == 2
    assert nb.match_label("參、結語").value == 3 and nb.match_label("叁、结语").value == 3
    assert nb.match_label("拾壹、附錄").value == 11
    assert nb.match_label("甲、国内形势") == nb.Label("stem", 1, "甲、", 2)
    assert nb.match_label("丙、对外关系").value == 3 and nb.match_label("癸、其他").value == 10
    # stems listed, not counted; a formal numeral in an amount; words that start with a stem
    for text in ("甲、乙类传染病防控", "甲、乙双方签订协议", "壹佰贰拾叁元", "甲级医院", "丁香园", "参加会议"):
        assert nb.match_label(text) is None, text


TAIWAN_STYLE = """施政方針報告
壹、前言
本年度施政以民生為先，推動各項建設。
貳、施政重點
一、經濟發展
推動產業升級，經濟成長率達到3%左右。
一是加快基礎建設。二是擴大內需。
二是推動數位轉型。
二、社會福利
照顧弱勢族群。
參、結語
讓我們共同努力。"""


def test_formal_numeral_parts_hold_the_cn_dun_sections():
    r = _build(TAIWAN_STYLE)
    parts = [b for b in r.blocks if b.kind == "part"]
    assert [(p.num, _t(r, _kids(r, p.id, "heading")[0])) for p in parts] == [
        ("壹、", "壹、前言"), ("貳、", "貳、施政重點"), ("參、", "參、結語")]
    sections = _kids(r, parts[1].id, "section")
    assert [s.num for s in sections] == ["一、", "二、"]
    # 一是/二是 lead paragraphs; they never open a heading
    ps = _kids(r, sections[0].id, "p")
    assert [p.num for p in ps] == [None, "一是", "二是"]
    assert not [b for b in r.blocks if b.kind in ("part", "section", "subsection") and b.num and b.num.endswith("是")]


def test_stem_parts_in_order_and_a_listed_stem_stays_text():
    r = _build("甲、国内形势\n经济稳定增长，就业形势总体稳定。\n甲、乙类传染病防控\n"
               "乙、国际形势\n世界经济复苏乏力。\n丙、今后的任务\n加快发展。")
    parts = [b for b in r.blocks if b.kind == "part"]
    assert [p.num for p in parts] == ["甲、", "乙、", "丙、"]
    assert "甲、乙类传染病防控" in _t(r, parts[0])
    # an out-of-order stem (乙 again after 丙) is a paragraph, as a restarted 二、 would be
    r = _build("甲、国内\n文字一。\n乙、国际\n文字二。\n乙、重复\n文字三。")
    assert [p.num for p in r.blocks if p.kind == "part"] == ["甲、", "乙、"]
