"""Entities: planned regions (经济带, 走廊, 都市圈 …), place-abbreviation pairs (成渝, 济青), clusters and
trains (机场群, 班列), numbered units (机组), airports named by their place, quote-opened names, works listed
with their action, and segmentation repairs — with the generic phrases that must stay unannotated
(small strings, no corpus)."""

from __future__ import annotations

from test_entities_names import found


def test_regions_are_places_grown_over_common_nouns():
    f = found("打造成渝主轴经济走廊，建设成都平原经济区、济青都市圈、川南经济区，共建巴蜀文旅走廊。")
    assert f == {"成渝主轴经济走廊": ("place", None), "成都平原经济区": ("place", None),
                 "济青都市圈": ("place", None), "川南经济区": ("place", None), "巴蜀文旅走廊": ("place", None)}


def test_region_between_two_places_and_river_part_set_phrase():
    f = found("打造岷江—长江上游经济带，推进长江上游航运中心建设。")
    assert f == {"岷江—长江上游经济带": ("place", None), "长江上游航运中心": ("facility", None)}


def test_a_verb_before_a_region_is_not_part_of_it():
    f = found("优化杭州都市圈，宣传大湾区港口群。")
    assert f["杭州都市圈"] == ("place", None)
    assert "优化杭州都市圈" not in f and "宣传大湾区港口群" not in f


def test_abbreviation_pair_is_a_place_and_a_verb_does_not_swallow_it():
    f = found("完善成渝间综合运输通道体系，打造成渝主轴经济走廊。")
    assert f == {"成渝": ("place", "成渝"), "成渝主轴经济走廊": ("place", None)}


def test_clusters_and_trains_are_projects_and_class_words_need_a_place():
    f = found("推动成渝世界级机场群建设，提升中欧班列运行质效。打造世界级产业集群。")
    assert f == {"成渝世界级机场群": ("project", None), "中欧班列": ("project", None)}


def test_numbered_unit_is_a_facility_a_kind_of_unit_is_not():
    f = found("推进昌江核电二期三号机组建设，完成煤电机组深度脱硝。")
    assert f == {"昌江核电二期三号机组": ("facility", None)}


def test_airport_named_by_its_place_whatever_its_tag():
    f = found("推进东方机场建设，建设智慧机场和支线机场。")
    assert f == {"东方机场": ("facility", None)}


def test_quote_opened_facility_needs_a_place_in_the_quote():
    f = found("建设“三江”流域水风光一体化清洁能源基地，实施“小而美”民生项目。")
    assert f == {"“三江”流域水风光一体化清洁能源基地": ("facility", None)}


def test_works_listed_with_their_action_and_a_two_place_section():
    f = found("实施成渝高速扩容，加快成渝铁路成隆段扩能改造前期工作。")
    assert f == {"成渝高速扩容": ("project", None), "成渝铁路成隆段扩能改造": ("project", None)}


def test_suffix_character_glued_to_the_next_word_is_split_off():
    f = found("建设河套深港科技创新合作区区位优势明显。")
    assert f == {"河套深港科技创新合作区": ("facility", None)}


def test_split_gazetteer_name_opens_the_name_whole():
    f = found("继续善用前海合作区金融改革。")
    assert f == {"前海合作区": ("facility", None)}


def test_quoted_counted_label_is_a_programme_and_size_class_is_generic():
    f = found("推动四川盆地大中型灌区等“十大工程”建设，推进“两区”建设。")
    assert f == {"四川盆地": ("place", None), "“十大工程”": ("programme", "十大工程"),
                 "“两区”建设": ("programme", "两区建设")}


def test_generic_phrases_stay_unannotated():
    f = found("推动两地园区协同发展，增加充电桩、换电站等设施，畅通进出川高速公路网络。")
    assert f == {}
