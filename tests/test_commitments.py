"""Commitments: clause splitting, the strength ladder, deadlines, objects, quantities, review half."""

from __future__ import annotations

from annotate.annotators.commitments import annotate_commitments, review_ranges, strength_rank
from annotate.model import Block, Meta, Quantity, Report


def make_report(text: str, blocks=None, quantities=(), script: str = "simplified") -> Report:
    if blocks is None:
        blocks = (Block(id="p1", kind="p", parent=None, start=0, end=len(text)),)
    return Report(meta=Meta(script=script), text=text, blocks=tuple(blocks), quantities=tuple(quantities))


def test_seed_sentence_holds_two_commitments():
    r = annotate_commitments(make_report("进一步完善交通一体化路网体系，实现京唐城际铁路建成通车，加快地铁 22 号线（平谷线）建设。"))
    got = [(c.verb, c.strength, c.text, c.object) for c in r.commitments]
    assert got == [
        # every verb of promised action makes a commitment (DOMAIN.md 5), 完善 too
        ("完善", "advance", "进一步完善交通一体化路网体系", "交通一体化路网体系"),
        ("实现", "achieve", "实现京唐城际铁路建成通车", "京唐城际铁路建成通车"),
        ("加快", "advance", "加快地铁 22 号线（平谷线）建设", "地铁 22 号线（平谷线）建设"),
    ]
    c = r.commitments[0]
    assert r.text[c.start:c.end] == c.text and c.block == "p1" and c.id == "c1"


def test_strive_with_deadline_and_modal_head_governs():
    r = annotate_commitments(make_report("力争年底前实现北运河北京段与河北段互连互通；确保上半年完成供地。"))
    a, b = r.commitments
    assert (a.verb, a.strength, a.deadline) == ("力争", "strive", "年底前")
    assert a.object == "北运河北京段与河北段互连互通"  # the verb chain 力争…实现 is skipped
    assert (b.verb, b.strength, b.deadline) == ("确保", "guarantee", "上半年")


def test_deadline_opening_the_sentence_and_years():
    r = annotate_commitments(make_report("到2027年，基本建成现代化产业体系，力争实现全域覆盖。研究制定2025年行动方案。"))
    c = r.commitments
    assert [(x.verb, x.deadline) for x in c] == [("建成", "到2027年"), ("力争", "到2027年"), ("研究", "2025年")]
    assert c[2].strength == "explore"


def test_ladder_order_and_strength_rank():
    ranks = [strength_rank(s) for s in ("guarantee", "strive", "achieve", "advance", "start", "explore")]
    assert ranks == sorted(ranks, reverse=True) and len(set(ranks)) == 6
    assert strength_rank(None) == 0 and strength_rank("unknown") == 0
    assert strength_rank("guarantee") > strength_rank("strive")  # 力争 -> 确保 is a strengthening


def test_quantity_inside_clause_is_linked():
    text = "确保运河商务区商务楼宇累计完工440万平方米，建成月亮河东路道路工程。"
    i = text.index("440")
    q = Quantity(id="q7", block="p1", start=i, end=i + len("440万平方米"), text="440万平方米", value=440, unit="万平方米")
    r = annotate_commitments(make_report(text, quantities=[q]))
    assert [(c.verb, c.quantity) for c in r.commitments] == [("确保", "q7"), ("建成", None)]


def test_lookalikes_and_descriptions_are_not_commitments():
    text = "推动可持续发展研究院落户启动区。经济下行压力持续加大。支持革命老区加快发展。"
    r = annotate_commitments(make_report(text))
    # 支持 governs 加快 inside its object: one commitment, of the encourage class
    assert [(c.verb, c.strength, c.text) for c in r.commitments] == [
        ("推动", "advance", "推动可持续发展研究院落户启动区"), ("支持", "encourage", "支持革命老区加快发展")]


def test_noun_continuation_stays_in_clause_new_verb_phrase_splits():
    r = annotate_commitments(make_report("确保地区生产总值增长6%，一般公共预算收入增长5%；加快厂通路建设进度，着力打通断头路。"))
    texts = [c.text for c in r.commitments]
    # a new verb phrase splits: 着力打通断头路 is a commitment of its own (打通), not more of 加快's object
    assert texts[1:] == ["加快厂通路建设进度", "着力打通断头路"]
    assert r.commitments[2].verb == "打通"


def test_review_half_holds_no_commitments():
    review = "一、2021年工作回顾\n全区加快推进城市更新，实现地区生产总值增长8%。\n"
    plan = "二、2022年主要措施\n加快推进城市更新。\n"
    text = review + plan
    blocks = (
        Block("part1", "part", None, 0, len(review)),
        Block("h1", "heading", "part1", 0, review.index("\n")),
        Block("p1", "p", "part1", review.index("\n") + 1, len(review) - 1),
        Block("part2", "part", None, len(review), len(text)),
        Block("h2", "heading", "part2", len(review), len(review) + plan.index("\n")),
        Block("p2", "p", "part2", len(review) + plan.index("\n") + 1, len(text) - 1),
    )
    r = annotate_commitments(make_report(text, blocks))
    assert review_ranges(r) == [(0, len(review))]
    assert [(c.verb, c.block, c.text) for c in r.commitments] == [("加快", "p2", "加快推进城市更新")]
    # without part blocks the numbered headings at line starts are used
    r2 = annotate_commitments(make_report(text, blocks=()))
    assert [c.text for c in r2.commitments] == ["加快推进城市更新"]


def test_traditional_text():
    text = "二、施政方向\n政府將確保年內推出新措施，並研究擴大資助範圍。\n"
    r = annotate_commitments(make_report(text, blocks=(), script="traditional"))
    got = [(c.verb, c.strength, c.deadline) for c in r.commitments]
    assert got == [("確保", "guarantee", "年內"), ("研究", "explore", None)]
    for c in r.commitments:
        assert text[c.start:c.end] == c.text


def test_user_verb_lexicon_extension(tmp_path, monkeypatch):
    (tmp_path / "commitment_verbs.tsv").write_text("着力\tadvance\t3\t\n", encoding="utf-8")
    monkeypatch.setenv("ANNOTATE_LEXICON", str(tmp_path))
    r = annotate_commitments(make_report("着力打通交界区域断头路。"))
    assert [(c.verb, c.strength) for c in r.commitments] == [("着力", "advance")]


def test_seed_commitments(seed_path):
    from annotate.pipeline import read_report

    r = annotate_commitments(read_report(str(seed_path)))
    (lo, hi), = review_ranges(r)
    assert all(not (lo <= c.start < hi) for c in r.commitments)
    pairs = {(c.verb, c.text.replace(" ", "")) for c in r.commitments}
    assert ("实现", "实现京唐城际铁路建成通车") in pairs
    assert ("加快", "加快地铁22号线（平谷线）建设") in pairs
    assert ("力争", "力争培育20家市级“专精特新”企业") in pairs


def test_review_headings_from_the_corpus():
    from annotate.annotators.commitments import is_review_heading

    for h in ("一、2023年工作回顾", "一、2021年国民经济和社会发展计划执行情况", "一、过去一年和五年工作回顾",
              "一、牢记殷殷嘱托，在接续奋斗中新福建建设取得新成效", "一、2025年主要工作和“十四五”发展成就"):
        assert is_review_heading(h), h
    for h in ("二、“十四五”时期发展成就和“十五五”时期主要目标任务", "三、2024年政府工作任务",
              "二、2022年国民经济和社会发展主要目标", "第三章加快发展北部都会区"):
        assert not is_review_heading(h), h


def test_deadline_variants():
    text = ("于2023年第一季完成公众咨询。在一年内完成检讨。今年的施政报告会进一步深化改革。"
            "争取于2023年内通过《2022年版权（修订）条例草案》。")
    got = [(c.verb, c.deadline) for c in annotate_commitments(make_report(text)).commitments]
    assert got == [("完成", "于2023年第一季"), ("完成", "一年内"), ("深化", None), ("争取", "于2023年内")]


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(c.verb, c.text) for c in annotate_commitments(make_report(text)).commitments]


def test_nouns_and_modifiers_are_not_commitments():
    # 研究 as a noun (a subject before 要; 调查研究, 基础研究), a verb inside a noun phrase
    text = ("研究储备政策要增强前瞻性、丰富工具箱。大兴调查研究之风。优化基础研究和重大科技创新组织机制。"
            "并与“十四五”规划和基本实现现代化的目标相衔接。与全面建成小康社会目标相衔接。推动高质量发展要靠改革。")
    # 优化 is the predicate (研究 inside 基础研究 is not); 研究储备政策 is the subject of 要增强
    assert _pairs(text) == [("增强", "研究储备政策要增强前瞻性、丰富工具箱"), ("优化", "优化基础研究和重大科技创新组织机制")]


def test_prepositional_frames_hold_no_commitment_but_the_verb_after_them_may():
    assert _pairs("坚持以推动高质量发展为主题。为推进治理体系和治理能力现代化提供有力支撑。") == []
    # the verb after a 在…前提下 frame leads (发展核电), the one inside it (确保) does not
    assert _pairs("在推动绿色低碳转型上加倍努力。在确保安全的前提下积极有序发展核电。") == [
        ("发展", "在确保安全的前提下积极有序发展核电")]
    assert _pairs("从放宽准入、减少限制、优化监管等方面入手，扩大多元化服务供给。") == [("扩大", "扩大多元化服务供给")]
    assert _pairs("政府会在现有服务合约完成后，把加快农业转移人口市民化摆在突出位置。") == []
    assert _pairs("以实干推动发展，以产业链为整体争取国家级项目协同布局。") == [
        ("推动", "以实干推动发展"), ("争取", "以产业链为整体争取国家级项目协同布局")]
    assert _pairs("在实际工作中努力争取更好结果。内地货物可在东莞完成安检。") == [
        ("争取", "在实际工作中努力争取更好结果"), ("完成", "内地货物可在东莞完成安检")]


def test_past_quoted_and_titled_verbs_are_not_commitments():
    text = ("对已完成整改问题进行“回头看”。锚定“两个确保”。落实《全面深化前海深港现代服务业合作区改革开放方案》。"
            "重大水利工程已开工的57个项目要加快建设。")
    # 深化 inside the title makes nothing; 落实 governs the title
    assert _pairs(text) == [("落实", "落实《全面深化前海深港现代服务业合作区改革开放方案》"),
                            ("加快", "重大水利工程已开工的57个项目要加快建设")]


def test_full_li_zhengqu_is_zhengqu_and_annual_deadline():
    r = annotate_commitments(make_report("全力争取中央预算内投资，年度完成投资1万亿元。"))
    got = [(c.verb, c.strength, c.deadline) for c in r.commitments]
    assert got == [("争取", "strive", None), ("完成", "achieve", "年度")]
    assert [c.deadline for c in annotate_commitments(make_report("完成年度目标任务。")).commitments] == [None]


def test_outcomes_in_the_targets_block_are_targets_not_commitments():
    """DOMAIN.md 4 and 5: in 主要预期目标是：… a clause with a subject before its verb states an outcome
    (生态环境质量持续改善); one that opens with its verb promises action (努力争取…, 确保…)."""
    from annotate.annotators import run_all

    text = ("今年主要预期目标是：地区生产总值增长5%左右；城镇调查失业率5.5%左右；居民收入增长和经济增长同步；"
            "单位地区生产总值能耗完成国家考核目标，生态环境质量持续改善，确保粮食产量稳定在500亿斤以上。\n"
            "要推动生态环境质量持续改善，示范村创建工作加快推进。\n")
    r = run_all(Report(meta=Meta(year=2030, issuer="某市人民政府"), text=text))
    got = [(c.verb, c.text) for c in r.commitments]
    assert ("确保", "确保粮食产量稳定在500亿斤以上") in got
    assert not any(t.startswith(("生态环境质量", "单位地区生产总值", "居民收入")) for _, t in got)
    # outside the targets block the same words under a verb, or work pushed forward, are promises
    assert ("推动", "要推动生态环境质量持续改善") in got or ("推动", "推动生态环境质量持续改善") in got
    assert any(t.endswith("示范村创建工作加快推进") for _, t in got)
    # a frame or a rider after 、 is no subject: these promise, in the block too
    text = ("今年主要预期目标是：地区生产总值增长5%左右，在实际工作中努力争取更好结果；"
            "细颗粒物浓度控制在29微克/立方米左右、争取更优水平；城镇新增就业30万人以上。\n")
    got = [(c.verb, c.text) for c in run_all(Report(meta=Meta(year=2030, issuer="某市人民政府"), text=text)).commitments]
    assert got == [("争取", "在实际工作中努力争取更好结果"), ("争取", "细颗粒物浓度控制在29微克/立方米左右、争取更优水平")]


def _full(text: str, year: int = 2025, script: str = "simplified") -> list[tuple]:
    """(verb, strength, deadline, deadline_value, text) of every commitment, all layers run."""
    from annotate.annotators import run_all

    r = run_all(Report(meta=Meta(year=year, issuer="某市人民政府", script=script), text=text + "\n"))
    return [(c.verb, c.strength, c.deadline, c.deadline_value, c.text) for c in r.commitments]


def test_an_office_name_ending_in_a_verb_is_no_commitment_verb():
    """发展局, 商务及经济发展局, 投资推广署, 新发展区: the verb closes a name; the verb after the
    name governs (发展局正全力发展…), and a verb founding an office keeps it as its object."""
    got = [(v, t) for v, _, _, _, t in _full(
        "商务及经济发展局（商经局）局长会督导出海专班工作。发展局将资助私营工程应用AI。"
        "商务及经济发展局正全力发展贸易单一窗口。投资推广署与贸发局会建立机制。"
        "按北都各指定发展区的性质和规模规划产业。我会成立北都发展委员会。推动区域协调发展。加快处理积压个案。")]
    assert got == [("发展", "商务及经济发展局正全力发展贸易单一窗口"), ("建立", "投资推广署与贸发局会建立机制"),
                   ("成立", "我会成立北都发展委员会"), ("推动", "推动区域协调发展"), ("加快", "加快处理积压个案")]
    # the same in traditional characters
    assert [v for v, *_ in _full("發展局將資助私營工程應用AI。發展局會建立統一平台。", script="traditional")] == ["建立"]
    # an office as the subject: a head-only verb after it still heads its clause; a verb phrase is no name
    assert [(v, d) for v, _, d, *_ in _full("发展局明年第一季提出具体方案。积极扶持贫困地区特别是边远地区发展经济。")] == [
        ("提出", "明年第一季"), ("扶持", None)]


def test_a_verb_used_as_a_noun_subject_is_no_commitment():
    """AI发展须以安全为舵 (a modal after the verb), 香港发展无限, 保障…需求是施政的首要任务 and
    我国发展面临的环境仍是… (the verb phrase is what 是 describes); 确保X是Y keeps its clause."""
    assert _full("AI发展须以安全为舵。作为国际城市，发展无限。保障市民基本的住屋需求是施政的首要任务。"
                 "今年我国发展面临的环境仍是战略机遇和风险挑战并存。") == []
    assert [v for v, *_ in _full("要继续支持乡镇企业尤其是中西部地区乡镇企业的发展。确保今年是见成效的一年。")] == [
        "支持", "确保"]


def test_a_done_act_is_no_promise():
    """A time phrase before the verb dating the act before the plan year (于2023年7月 in a 2025
    report, 去年), or 已 before the verb: a report of what was done."""
    assert _full("政府于2023年7月成立地区治理领导委员会。投资推广署去年举办首届低空经济论坛。"
                 "香港海运港口发展局已于今年7月成立。") == []
    # a plan: a date of the plan year or later, a base year (在去年基础上), a comparison (比去年)
    got = [(v, d, dv) for v, _, d, dv, _ in _full("政府会于2025年7月成立新的委员会。确保比去年增加10%。")]
    assert got == [("成立", "于2025年7月", "2025-07"), ("确保", None, None)]


def test_relative_years_keep_their_half_quarter_or_month():
    got = [(d, dv) for _, _, d, dv, _ in _full(
        "政府明年上半年修订法例。新条例明年3月将正式实施。并于明年第一季进行中期检讨。今年底前完成检讨。"
        "于2026年上半年成立研发中心。明年公布结果。")]
    assert got == [("明年上半年", "2026-01/2026-06"), ("明年3月", "2026-03"), ("明年第一季", "2026-01/2026-03"),
                   ("今年底前", "2025-12"), ("于2026年上半年", "2026-01/2026-06"), ("明年", "2026")]


def test_descriptions_under_way_and_notes_are_no_promises():
    """X在持续提升 (在 marks what is under way) describes; a note (注19：…, a closing 注释 section)
    defines a word of the body, which makes the promise."""
    assert _full("我国具有显著的制度优势，科技创新能力在持续提升，新动能在加快壮大，发展内生动力在不断积聚。") == []
    # 在 completing a verb (走在前列) is no aspect: the promise stands
    assert [v for v, *_ in _full("努力在建设物质文明和精神文明相协调的现代化上走在前列。")] == ["努力"]
    text = ("1. 我们会推广精神健康约章19。\n"
            "注19: 约章涵盖四个促进精神健康的要素，分别为：\n"
            "人际关系：加强同侪、师生之间的关系，提升联系感。\n"
            "2. 政府会加强社区支援。\n"
            "注释\n［1］一降三减：推动火灾起数总体下降。\n")
    assert [t for *_, t in _full(text)] == ["我们会推广精神健康约章19", "政府会加强社区支援"]


def test_kaolv_is_the_weakest_promise_and_a_done_verb_leads():
    got = [(v, s) for v, s, *_ in _full("政府亦会考虑推动银发经济进一步发展。考虑了促进就业增收等需要。"
                                       "考虑到市场变化，加快完善机制。主要考虑稳就业保民生的需要。"
                                       "考虑公众意见后，政府会推行新制度。")]
    assert got == [("考虑", "explore"), ("加快", "advance"), ("推行", "advance")]
