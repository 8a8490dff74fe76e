"""Entities: names whose middle words rjieba tags as common nouns, campuses and phases, 工程 typed by what
it builds, weak suffixes, and the generic phrases that must stay unannotated (small strings, no corpus)."""

from __future__ import annotations

from annotate.annotators.entities import find_entities
from annotate.model import Block, Meta, Report


def found(text: str) -> dict[str, tuple[str, object]]:
    report = Report(meta=Meta(script="simplified"), text=text,
                    blocks=(Block(id="p1", kind="p", parent=None, start=0, end=len(text)),))
    return {e.text: (e.type, e.canonical) for e in find_entities(report)}


def test_place_plus_common_nouns_plus_facility_suffix_is_one_name():
    f = found("加快建设海口永兴教育城、海南大学崖州校区，建设松江大学城、瑞金医院金山院区。")
    assert f == {"海口永兴教育城": ("facility", None), "海南大学崖州校区": ("facility", None),
                 "松江大学城": ("facility", None), "瑞金医院金山院区": ("facility", None)}


def test_campus_is_not_cut_at_its_university():
    f = found("全面建成海南师范大学桂林洋校区。")
    assert f == {"海南师范大学桂林洋校区": ("facility", None)}  # no 海南师范大学 org, no 桂林 place


def test_a_phase_makes_a_facility_and_attaches_to_an_organization():
    f = found("行政办公区二期加快建设，加快海南警察学院二期建设。")
    assert f == {"行政办公区二期": ("facility", None), "海南警察学院二期": ("facility", None)}


def test_gongcheng_of_no_place_and_no_works_is_a_programme():
    f = found("实施新时代立德树人工程、五育并举提升工程和基础教育扩优提质行动。实施县域高中振兴工程和薄弱学校提升工程。")
    assert f == {name: ("programme", None) for name in
                 ("新时代立德树人工程", "五育并举提升工程", "基础教育扩优提质行动", "县域高中振兴工程", "薄弱学校提升工程")}


def test_gongcheng_with_a_place_a_code_or_works_is_a_project():
    f = found("完成琼西北供水工程建设，实施G98环岛高速提档扩容工程。开工建设川渝1000千伏特高压交流工程和吴淞江工程。")
    assert f == {name: ("project", None) for name in
                 ("琼西北供水工程", "G98环岛高速提档扩容工程", "川渝1000千伏特高压交流工程", "吴淞江工程")}


def test_generic_works_and_counted_labels_stay_unannotated():
    assert found("全年完工老旧小区改造工程13个，实施老旧小区改造工程，实施三大工程，一批重大项目。") == {}
    assert found("新增国家重点实验室3个，推动新材料项目。") == {}


def test_irrigation_district_is_a_facility_its_bare_listed_names_places():
    f = found("加快牛路岭灌区建设，实施赵口、陆浑、渠村等灌区现代化改造。")
    assert f == {"牛路岭灌区": ("facility", None), "赵口": ("place", None), "陆浑": ("place", None), "渠村": ("place", None)}


def test_words_rjieba_tags_as_adjectives_inside_names():
    assert found("加快三亚新机场前期工作。") == {"三亚新机场": ("facility", None)}
    assert found("规划建设渤海湾未来科技动力产业城。") == {"渤海湾未来科技动力产业城": ("facility", None)}


def test_weak_one_character_suffix_needs_a_descriptive_noun():
    assert found("建设历史文化名城，打造宝藏小城，推进港产城融合，深化同城化发展。") == {}


def test_section_named_by_a_place_and_a_national_designation_make_names_particular():
    assert found("建成雄商高铁河南段。") == {"雄商高铁河南段": ("project", None)}
    assert found("加快建设国家数据要素综合试验区。") == {"国家数据要素综合试验区": ("facility", None)}


def test_quoted_programme_keeps_its_quotes_and_may_carry_a_level():
    f = found("实施基础教育扩优提质等“九大行动”。大力实施“3个100”市重点工程。")
    assert f["“九大行动”"] == ("programme", "九大行动")
    assert f["“3个100”市重点工程"] == ("programme", "3个100市重点工程")
    assert "“十四五”重大工程" not in found("实施“十四五”重大工程。")  # no level: a kind of works


def test_suffix_swallowed_by_the_next_token_and_campaign_saying_how():
    # rjieba reads 城有 and 工程建设 as words; the name still ends at its suffix
    assert found("52.新田科技城有约210公顷创科用地。") == {"新田科技城": ("facility", None)}
    assert found("实施县域经济高质量发展行动。") == {"县域经济高质量发展行动": ("programme", None)}
