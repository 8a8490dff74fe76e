"""Commitments under the full rule (DOMAIN.md 5, issue 19): every verb of promised action, its class on
the ladder, clause boundaries that do not hang on part-of-speech tags, the object, its entity, and the
deadline as text and as a date or period."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate.annotators.commitments import annotate_commitments, deadline_value, load_verbs, strength_rank
from annotate.model import Block, Entity, Meta, Report


def make_report(text: str, year=None, entities=()) -> Report:
    blocks = (Block(id="p1", kind="p", parent=None, start=0, end=len(text)),)
    return Report(meta=Meta(script="simplified", year=year), text=text, blocks=blocks, entities=tuple(entities))


def commitments(text: str, year=None, entities=()):
    return annotate_commitments(make_report(text, year, entities)).commitments


def triples(text: str) -> list[tuple[str, str, str]]:
    return [(c.verb, c.strength, c.text) for c in commitments(text)]


# --------------------------------------------------------------------------- the ladder


@pytest.mark.parametrize("sentence, verb, strength", [
    ("实施提振消费专项行动。", "实施", "advance"),
    ("支持襄阳建设全国碳达峰试点城市。", "支持", "encourage"),
    ("鼓励社会资本参与养老服务。", "鼓励", "encourage"),
    ("加强工程造价管控。", "加强", "advance"),
    ("完善免税店政策。", "完善", "advance"),
    ("建设全国碳市场中心。", "建设", "advance"),
    ("培育壮大首发经济。", "培育", "advance"),
    ("优化投资审批流程。", "优化", "advance"),
    ("建立碳足迹管理体系。", "建立", "advance"),
    ("布局建设一批未来产业先导区。", "布局", "advance"),
    ("扩大生活性服务消费。", "扩大", "advance"),
    ("提升项目成熟度。", "提升", "advance"),
    ("强化资源要素保障。", "强化", "advance"),
    ("落实和优化休假制度。", "落实", "advance"),
    ("健全县域商业体系。", "健全", "advance"),
    ("制定提升消费能力专项措施。", "制定", "achieve"),
    ("出台民营经济促进条例。", "出台", "achieve"),
    ("新建新能源汽车公共充电桩2万个以上。", "新建", "start"),
    ("谋划好重大战略任务。", "谋划", "explore"),
    ("坚决打好污染防治攻坚战。", "坚决", "guarantee"),
])
def test_every_common_verb_of_promised_action_is_on_the_ladder(sentence, verb, strength):
    assert [(c.verb, c.strength) for c in commitments(sentence)] == [(verb, strength)]


def test_the_ladder_runs_guarantee_to_explore_with_encourage_between_start_and_explore():
    order = ("guarantee", "strive", "achieve", "advance", "start", "encourage", "explore")
    ranks = [strength_rank(s) for s in order]
    assert ranks == sorted(ranks, reverse=True) and len(set(ranks)) == len(order)


def test_words_that_only_contain_a_verb_are_not_it():
    assert triples("实现可持续发展。") == [("实现", "achieve", "实现可持续发展")]
    assert triples("西北工业大学北京研究院落户。") == []
    assert triples("帮助发展中国家提升能力。") == [("帮助", "encourage", "帮助发展中国家提升能力")]


def test_compound_verbs_first_governs_and_manner_verbs_do_not_hide_the_governing_one():
    assert triples("加快推进城市更新。持续深化国资国企改革。") == [
        ("加快", "advance", "加快推进城市更新"), ("持续", "advance", "持续深化国资国企改革")]
    assert triples("协调推进区域发展，联动推进长三角一体化，统筹推进兴边富民行动。") == [
        ("推进", "advance", "协调推进区域发展"), ("推进", "advance", "联动推进长三角一体化"),
        ("推进", "advance", "统筹推进兴边富民行动")]
    # 统筹 of its own object (and 统筹 coordinating two nouns) governs
    assert triples("统筹城市低效用地再开发。更好统筹发展和安全。") == [
        ("统筹", "advance", "统筹城市低效用地再开发"), ("统筹", "advance", "更好统筹发展和安全")]


def test_manner_words_and_time_phrases_before_a_head_only_verb():
    # 分析, 确定 promise only as heads; 要, 深入, 科学, 今年将 stand before them
    assert triples("要深入分析新的阶段性特征，科学确定发展目标。") == [
        ("分析", "advance", "要深入分析新的阶段性特征"), ("确定", "achieve", "科学确定发展目标")]
    # …and a head-only verb inside a description makes nothing
    assert triples("经济下行压力持续加大。") == []


def test_a_frame_or_a_purpose_is_not_a_commitment_but_what_follows_it_is():
    assert triples("从放宽准入、优化监管等方面入手，扩大服务供给。") == [("扩大", "advance", "扩大服务供给")]
    assert triples("着眼促进农民增收，壮大乡村富民产业。") == [("壮大", "advance", "壮大乡村富民产业")]


# --------------------------------------------------------------------------- clause boundaries


def test_clause_boundaries_do_not_depend_on_part_of_speech_tags():
    # rjieba tags 健全 and 筑牢 as adjectives and 调度 as a noun: each still opens its own clause
    assert [c.verb for c in commitments("深化国际消费中心城市建设，健全县域商业体系。")] == ["深化", "健全"]
    assert [c.verb for c in commitments("严格落实分级保障责任，筑牢基层“三保”底线。")] == ["落实", "筑牢"]
    assert [c.text for c in commitments("加强电力保供，调度各类电源稳发满发。")] == ["加强电力保供", "调度各类电源稳发满发"]


def test_a_dash_parts_a_run_in_topic_from_its_measures_and_an_announcement_promises_nothing():
    assert triples("强化离岸人民币业务——全力推动将人民币柜台纳入港股通。") == [
        ("强化", "advance", "强化离岸人民币业务"), ("推动", "advance", "全力推动将人民币柜台纳入港股通")]
    assert triples("今年发展主要预期目标是：城镇新增就业1200万人左右。") == []
    assert triples("应用科学大学会与业界紧密合作。") == []  # a name holding 应用


def test_a_segment_without_a_verb_continues_the_clause_before_it():
    assert triples("新建新能源汽车公共充电桩2万个以上，其中农村1万个以上。") == [
        ("新建", "start", "新建新能源汽车公共充电桩2万个以上，其中农村1万个以上")]


def test_reports_of_the_past_hold_no_commitments_whatever_their_verb():
    text = "过去一年，我们完善了县域商业体系，加强了消费者权益保护。今年要健全县域商业体系。"
    assert triples(text) == [("健全", "advance", "今年要健全县域商业体系")]


# --------------------------------------------------------------------------- object and entity


def test_the_object_is_never_cut_inside_a_word():
    objects = [c.object for c in commitments(
        "推动要素向先进生产力集聚。实施提振消费专项行动。加强重点领域安全能力建设。发挥好货币政策工具的双重功能。")]
    assert objects == ["要素向先进生产力集聚", "提振消费专项行动", "重点领域安全能力建设", "货币政策工具的双重功能"]


def test_the_object_carries_the_id_of_an_entity_tagged_inside_it():
    text = "加快通苏嘉甬铁路建设。推进重大工程建设。"
    i = text.index("通苏嘉甬铁路")
    e = Entity("e7", "p1", i, i + 6, "通苏嘉甬铁路", "facility")
    a, b = commitments(text, entities=[e])
    assert (a.object, a.object_entity) == ("通苏嘉甬铁路建设", "e7")
    assert b.object_entity is None


# --------------------------------------------------------------------------- deadlines


def test_deadline_as_text_and_as_a_date_or_period():
    got = [(c.deadline, c.deadline_value) for c in commitments(
        "年内建成2号线西延伸。到2027年基本建成现代化产业体系。上半年完成供地。"
        "“十五五”期间实现全域覆盖。全年完成投资2400亿元。6月底前出台实施方案。", year=2025)]
    assert got == [("年内", "2025"), ("到2027年", "2027"), ("上半年", "2025-01/2025-06"),
                   ("“十五五”期间", "2026/2030"), ("全年", "2025"), ("6月底前", "2025-06")]


def test_a_period_that_modifies_the_object_is_no_deadline():
    (c,) = commitments("深入分析“十五五”时期新的阶段性特征。", year=2025)
    assert c.deadline is None and c.deadline_value is None


def test_the_plan_year_words_need_the_plan_year():
    assert deadline_value("年内", None) is None
    assert deadline_value("年底前", 2026) == "2026-12" and deadline_value("明年", 2026) == "2027"
    assert deadline_value("本届政府任期内", 2025) is None


@given(st.integers(min_value=1950, max_value=2099), st.integers(min_value=2000, max_value=2099))
def test_a_written_year_wins_over_the_plan_year(y, plan):
    assert deadline_value(f"到{y}年", plan) == str(y)
    assert deadline_value(f"{y}年底前", plan) == f"{y}-12"
    assert deadline_value(f"{y}年上半年", plan) == f"{y}-01/{y}-06"


@given(st.integers(min_value=11, max_value=19))
def test_five_year_plans_are_five_years(n):
    digits = "零一二三四五六七八九"
    value = deadline_value(f"“十{digits[n - 10]}五”期间", None)
    first, last = map(int, value.split("/"))
    assert last - first == 4 and first == 2021 + 5 * (n - 14)


# --------------------------------------------------------------------------- the lexicon


def test_lexicon_rows_are_checked(tmp_path):
    bad = tmp_path / "commitment_verbs.tsv"
    bad.write_text("攻坚\tadvance\t3\t\tsometimes\n", encoding="utf-8")
    with pytest.raises(ValueError, match="head\\|manner"):
        load_verbs(bad)
    good = tmp_path / "more" / "commitment_verbs.tsv"
    good.parent.mkdir()
    good.write_text("攻坚\tadvance\t3\t\thead\n", encoding="utf-8")
    v = load_verbs(good)
    assert v.verbs["攻坚"] == "advance" and "攻坚" in v.head_only and v.ranks["encourage"] == 1.5


_SENTENCES = ["实施提振消费专项行动。", "支持襄阳建设试点城市，", "年内建成2号线西延伸；", "可持续发展能力增强。",
              "过去一年，我们完善了体系。", "统筹推进兴边富民行动，", "其中农村1万个以上。", "坚决打好攻坚战。"]


@given(st.lists(st.sampled_from(_SENTENCES), max_size=8))
def test_every_commitment_is_a_slice_holding_its_verb_and_a_ladder_strength(parts):
    text = "".join(parts)
    verbs = load_verbs()
    for c in commitments(text, year=2025):
        assert text[c.start:c.end] == c.text and c.verb in c.text
        assert verbs.verbs[c.verb] == c.strength
        assert (c.deadline is None) <= (c.deadline_value is None)
        if c.object:
            assert c.object in c.text


@pytest.mark.parametrize("text, want", [
    # an agent and a modal before the verb (older and national reports)
    ("调整农业生产结构，国家准备重点扶持500个商品粮大县。",
     [("调整", "调整农业生产结构"), ("扶持", "国家准备重点扶持500个商品粮大县")]),
    ("各级政府要认真贯彻落实会议精神。", [("贯彻", "各级政府要认真贯彻落实会议精神")]),
    # 基本 (degree) before a head-only verb; verbs of older reports on the ladder
    ("帮助他们脱贫致富，基本解决8000万人的温饱问题。",
     [("帮助", "帮助他们脱贫致富"), ("解决", "基本解决8000万人的温饱问题")]),
    ("增加中央和地方对农业的投入，保持粮食市场的稳定，积极防治病虫害。",
     [("增加", "增加中央和地方对农业的投入"), ("保持", "保持粮食市场的稳定"), ("防治", "积极防治病虫害")]),
    ("新（改）建高标准农田300万亩以上，充分调动农民种粮积极性。",
     [("新（改）建", "新（改）建高标准农田300万亩以上"), ("调动", "充分调动农民种粮积极性")]),
    # a verb modifying the noun of a 对 phrase does not govern; 并 opens, the clause keeps it
    ("继续落实减轻农民负担的措施，并对突出问题进行专项治理。",
     [("落实", "继续落实减轻农民负担的措施"), ("进行", "并对突出问题进行专项治理")]),
    # a verb phrase that 是 describes is a statement
    ("发展乡镇企业是农村奔小康的必由之路，要继续支持乡镇企业的发展。", [("支持", "要继续支持乡镇企业的发展")]),
    # an added verb is still not a target's metric: 工业增加值, 投入增加 describe
    ("规模以上工业增加值增长6%，农业投入增加较多。", []),
])
def test_clauses_of_unseen_reports(text, want):
    assert [(c.verb, c.text) for c in commitments(text)] == want
