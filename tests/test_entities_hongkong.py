"""Hong Kong names (annotate/annotators/entities_hongkong.py): invented sentences in the shape of the policy addresses,
one class of name per test, in simplified and (through OpenCC) traditional script; the rules run only for a report
whose region is Hong Kong."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.annotators.entities import find_entities
from annotate.model import Block, Meta, Report

HONG_KONG = "香港特别行政区"


def _report(body: str, tmp_path=None, name: str = "", region: str = HONG_KONG, script: str = "simplified"):
    """An invented paragraph of a report of ``region`` (a policy address by default)."""
    return Report(meta=Meta(script=script, region=region), text=body,
                  blocks=(Block(id="p1", kind="p", parent=None, start=0, end=len(body)),))


def _names(body: str, tmp_path) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in find_entities(_report(body, tmp_path))}


def _to_traditional(s: str) -> str:
    import opencc

    return opencc.OpenCC("s2hk").convert(s)


@pytest.mark.parametrize("body, want", [
    ("1. 政府会加快兴建屯门公路和吐露港公路的改善工程。", {("屯门公路", "project"), ("吐露港公路", "project")}),
    ("2. 我们会研究将军澳–蓝田隧道的交通安排。", {("将军澳–蓝田隧道", "project")}),
    ("3. 青衣至大屿山连接路会于明年展开勘查。", {("青衣至大屿山连接路", "project")}),
    ("4. 北环线支线和北环线主线会同步规划。", {("北环线支线", "project"), ("北环线主线", "project")}),
    ("5. 十一号干线将纾缓交通。", {("十一号干线", "project")}),
])
def test_lines_and_roads_opened_by_a_place(body, want, tmp_path):
    assert want <= _names(body, tmp_path)


@pytest.mark.parametrize("body, want", [
    ("1. 我们会在新界北现代服务业中心引入企业。", ("新界北现代服务业中心", "facility")),
    ("2. 新田科技城会提供创科用地。", ("新田科技城", "facility")),
    ("3. 政府会规划重建沙头角口岸。", ("沙头角口岸", "facility")),
    ("4. 新田╱落马洲发展枢纽会提供住宅。", ("新田╱落马洲发展枢纽", "facility")),
])
def test_facilities_opened_by_a_place(body, want, tmp_path):
    names = _names(body, tmp_path)
    assert want in names
    assert not any(t.startswith(("发展", "规划")) and ty == "facility" for t, ty in names)  # no verb swallowed


@pytest.mark.parametrize("body, want", [
    ("1. 古洞北╱粉岭北新发展区会陆续落成。", ("古洞北╱粉岭北新发展区", "place")),
    ("2. 将军澳第137区会用作房屋发展。", ("将军澳第137区", "place")),
    ("3. 港铁会连接东涌市中心。", ("东涌市中心", "place")),
    ("4. 两地会合作发展深圳罗湖一带。", ("深圳罗湖", "place")),
])
def test_areas_and_districts(body, want, tmp_path):
    assert want in _names(body, tmp_path)


def test_a_country_and_its_city_stay_two_places(tmp_path):
    names = _names("1. 我们会在泰国曼谷设立经贸办。", tmp_path)
    assert ("泰国曼谷", "place") not in names


@pytest.mark.parametrize("body, want", [
    ("1. 发展局会公布土地共享先导计划。", ("发展局", "org")),
    ("2. 根据投资推广署和政府统计处的调查。", ("政府统计处", "org")),
    ("3. 医院管理局（医管局）会增聘人手。", ("医院管理局（医管局）", "org")),
])
def test_government_bodies(body, want, tmp_path):
    assert want in _names(body, tmp_path)


def test_the_government_speaking_of_itself_is_no_name(tmp_path):
    assert not any(t == "特区政府" for t, _ in _names("1. 特区政府会全力支持创科发展。", tmp_path))


@pytest.mark.parametrize("body, want", [
    ("1. 我们会向「电影发展基金」注资10亿元。", ("「电影发展基金」", "programme")),
    ("2. 政府会推展「明日大屿愿景」。", ("「明日大屿愿景」", "programme")),
    ("3. 我们会兴建「北都公路」。", ("「北都公路」", "project")),
    ("4. 市建局会推出「首置」项目。", ("「首置」", "programme")),
])
def test_quoted_names_with_a_head(body, want, tmp_path):
    assert want in _names(body, tmp_path)


def test_a_quoted_name_repeated_without_quotes(tmp_path):
    names = [(e.text, e.type) for e in find_entities(_report(
        "1. 我们会优化「关爱基金」的医疗援助。2. 关爱基金亦会资助病人。", tmp_path))]
    assert names.count(("关爱基金", "programme")) == 1 and ("「关爱基金」", "programme") in names


@pytest.mark.parametrize("body, kept", [
    ("1. 我们会资助五所世界百强大学来港办学。", set()),
    ("2. 香港会打造全球三大艺术品交易中心。", set()),
    ("3. 我们坚持爱国爱港，吸引优质学生来港。", set()),
    ("4. 政府会委托香港铁路有限公司（港铁公司）兴建新线。", {("香港铁路有限公司（港铁公司）", "org")}),
])
def test_counts_verbs_and_coming_to_hong_kong_are_no_names(body, kept, tmp_path):
    names = {(t, ty) for t, ty in _names(body, tmp_path) if ty != "place"}
    assert names == kept, names


@pytest.mark.parametrize("body", [
    "1. 我们坚持「先规划、后收地」的原则。",
    "2. 我们会推广「一程多站」旅游。",
    "3. 政府会推动私募基金来港。",
])
def test_slogans_and_kinds_are_no_names(body, tmp_path):
    names = _names(body, tmp_path)
    assert not any(ty == "programme" for _, ty in names), names


def test_titles_are_policies(tmp_path):
    assert ("《北部都会区行动纲领》", "policy") in _names("1. 政府已公布《北部都会区行动纲领》。", tmp_path)


def test_mainland_reports_are_left_alone():
    r = _report("发展局会推进屯门公路。", region="安徽省")
    assert ("发展局", "org") not in {(e.text, e.type) for e in find_entities(r)}
    assert ("发展局", "org") in {(e.text, e.type) for e in find_entities(_report("发展局会推进屯门公路。"))}


SENTENCES = [
    "1. 政府会加快兴建屯门公路，并研究将军澳–蓝田隧道的交通安排。",
    "2. 发展局和投资推广署会在新界北现代服务业中心引入企业，医院管理局（医管局）亦会参与。",
    "3. 我们会向「电影发展基金」注资，并推展「明日大屿愿景」及「北都公路」。",
    "4. 古洞北╱粉岭北新发展区和将军澳第137区会用作房屋发展，政府已公布《北部都会区行动纲领》。",
    "5. 北环线支线会连接新田科技城，政府亦会规划重建沙头角口岸。",
]


@pytest.mark.parametrize("body", SENTENCES)
def test_traditional_gives_the_same_entities(body, tmp_path):
    """The traditional address gives the entities its simplified text would: same spans, same types, the simplified
    spelling as canonical."""
    simp = find_entities(_report(body, tmp_path, "s.txt"))
    trad_report = _report(_to_traditional(body), script="traditional")
    trad = find_entities(trad_report)
    assert [(e.start, e.end, e.type) for e in trad] == [(e.start, e.end, e.type) for e in simp]
    assert [e.canonical or e.text for e in trad] == [e.canonical or e.text for e in simp]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3))
def test_spans_never_overlap_and_lie_in_the_text(bodies):
    r = _report("".join(bodies))
    ents = find_entities(r)
    for a, b in zip(ents, ents[1:]):
        assert a.end <= b.start
    for e in ents:
        assert r.text[e.start : e.end] == e.text


def test_rules_are_data():
    from annotate.annotators.entities_hongkong import _rules

    rules = _rules()
    assert rules.heads["公路"] == "project" and rules.bodies.fullmatch("发展局") and "经" in rules.verbs
    assert rules.quoted_heads["基金"] == "programme" and rules.quoted_heads["城"] == "facility"
