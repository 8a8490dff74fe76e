"""Entities by class, third round of issue 18 (the misses of the blind held-out set 3, as invented sentences of the
same shape): quoted names, Hong Kong's areas, line extensions, river works, city groups before a line head,
company sites, list categories and list cohesion, abbreviation pairs, designations that are no names."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from test_entities_classes import found, types

# --------------------------------------------------------------------------- quotes


def test_a_name_wholly_quoted_keeps_its_quotes_a_body_does_not():
    f = found("加快“临江科技城”建设，推动「北部都会区」发展，成立「北都发展委员会」。")
    assert f["“临江科技城”"] == ("facility", "临江科技城")
    assert f["「北部都会区」"] == ("place", "北部都会区")  # corner quotes as written, canonical without
    assert f["北都发展委员会"][0] == "org"


# --------------------------------------------------------------------------- Hong Kong


def test_hong_kong_areas_lines_and_bodies_come_from_the_gazetteer():
    f = found("推进古洞北、粉岭北和流浮山发展，延伸东铁线，机管局加快建设三跑道系统。")
    assert {k: v[0] for k, v in f.items()} == {"古洞北": "place", "粉岭北": "place", "流浮山": "place",
                                               "东铁线": "project", "机管局": "org", "三跑道系统": "project"}
    assert f["机管局"][1] == "香港机场管理局"


def test_two_areas_joined_by_a_slash_are_one_name_also_inside_a_facility():
    assert types("规划洪水桥╱厦村。") == {"洪水桥╱厦村": "place"}
    assert types("建设新田╱落马洲枢纽。") == {"新田╱落马洲枢纽": "facility"}


# --------------------------------------------------------------------------- lines and works


def test_metro_line_extensions_sections_after_a_phase_and_capacity_works():
    assert types("启动建设15号线南延伸、27号线一期北段，实施6号线增能改造。") == {
        "15号线南延伸": "project", "27号线一期北段": "project", "6号线增能改造": "project"}


def test_a_river_with_the_works_done_on_it_is_one_project():
    f = types("推进湘江等级提升、赣江畅通，保护湘江生态。")
    assert f == {"湘江等级提升": "project", "赣江畅通": "project", "湘江": "place"}
    # the action must end the item: 湘江治理体系 is no works
    assert types("完善湘江治理体系。") == {"湘江": "place"}


def test_a_city_group_before_a_line_head_is_the_line():
    assert types("加快建设达万宜铁路、宿淮盐高铁。") == {"达万宜铁路": "project", "宿淮盐高铁": "project"}
    assert types("推动苏锡常一体化。") == {"苏锡常": "place"}


def test_works_with_their_phase_before_opening_verbs():
    assert types("推动罗店港区改造二期投运，推进大洋山南作业区建设。") == {
        "罗店港区改造二期": "project", "大洋山南作业区": "facility"}


# --------------------------------------------------------------------------- companies and lists


def test_a_company_names_its_own_site():
    assert types("建设比亚迪长沙研发中心。") == {"比亚迪长沙研发中心": "facility"}


def test_place_categories_of_lists_and_what_is_done_to_the_items():
    f = types("促进滨江、南翔、吴泾、大场等重点区域转型发展。")
    assert f == {"滨江": "place", "南翔": "place", "吴泾": "place", "大场": "place"}
    # the category qualifies the noun after it: no list of areas
    assert types("加强资源枯竭、生态退化等地区治理能力。") == {}


def test_a_list_mostly_of_names_makes_its_short_bare_items_names():
    # 高桥 alone reads as a common noun; in a list of areas it is one
    assert "高桥" in types("促进桃浦、南翔、吴泾、高桥等重点区域转型发展。")
    # a list mostly of common words takes none of them in
    assert "高桥" not in types("优化道路、高桥、隧道等设施。")


# --------------------------------------------------------------------------- not names


def test_an_international_air_designation_is_no_name():
    assert types("打造国际航空货运基地和门户复合型国际航空枢纽，落实区域重大战略。") == {}


@given(st.sampled_from(["川渝", "杭甬", "闽港", "沪苏", "沪嘉"]), st.sampled_from(["两地协作", "产业协作", "合作"]))
def test_a_pair_of_abbreviations_is_a_place_whatever_follows(pair, rest):
    assert types(f"推动{pair}{rest}。").get(pair) == "place"


# --------------------------------------------------------------------------- held-out set 5's classes


def test_places_listed_before_a_site_share_its_head():
    assert types("推进南昌、九江、赣州机场建设。") == {"南昌": "facility", "九江": "facility", "赣州机场": "facility"}
    # a company listed before works stays a company
    assert types("推动比亚迪、赣州机场建设。").get("比亚迪") == "org"


def test_routes_through_three_places_or_more():
    assert types("谋划赣州至吉安至南昌、抚州（南城）至鹰潭至上饶等项目。") == {
        "赣州至吉安至南昌": "project", "抚州（南城）至鹰潭至上饶": "project"}


def test_works_named_with_their_action_and_their_own_project_word():
    f = types("加快南昌机场迁建、赣州机场新建，开工建设徐大堡核电二期、漳州核电三期项目，推动昌景高铁北延。")
    assert f == {"南昌机场迁建": "project", "赣州机场新建": "project", "徐大堡核电二期": "project",
                 "漳州核电三期项目": "project", "昌景高铁北延": "project"}
    assert types("推进黄龙山水库除险加固。") == {"黄龙山水库除险加固": "project"}  # 黄|龙山|水库


def test_hong_kong_sites_and_parts_of_places():
    assert types("推进屯门西部发展，建设香港口岸人工岛。") == {"屯门西部": "place", "香港口岸人工岛": "facility"}


def test_a_plans_major_projects_are_a_kind_and_打好_opens_no_name():
    assert types("加快实施“十五五”规划重大工程项目，组织打好“两山”工程攻坚战。") == {
        "“十五五”规划": "policy", "“两山”工程": "programme"}
    assert types("加快实施“十三五”规划重大项目。") == {"“十三五”规划": "policy"}


def test_counted_things_before_their_kind_are_no_name():
    assert "港航项目" not in types("推动樟树、新干、峡江等13个港航项目建设。")


def test_a_count_before_the_category_vouches_for_a_list_without_等():
    assert types("享有罗湖、文锦渡及香园围三个口岸的地利。") == {"罗湖": "facility", "文锦渡": "facility",
                                                        "香园围": "facility"}
    # the count must be the number of items
    assert types("享有罗湖、文锦渡及香园围两个口岸的地利。") == {"罗湖": "place", "文锦渡": "place", "香园围": "place"}


def test_facility_names_hold_开发_and_a_direction_after_their_place():
    assert types("加快建设攀西战略资源创新开发试验区，建设济宁北方内河航运中心。") == {
        "攀西战略资源创新开发试验区": "facility", "济宁北方内河航运中心": "facility"}


def test_plans_issued_with_their_horizon_are_policies():
    f = types("实施量子科技十年规划，出台对外开放2.0方案，编制洛阳新区新十年发展规划，制定并有序实施三大行动三年方案，"
              "制定实施方案。")
    assert f == {"量子科技十年规划": "policy", "对外开放2.0方案": "policy", "洛阳新区新十年发展规划": "policy"}


def test_a_preposition_glued_to_a_known_name_is_cut_off():
    # the segmenter reads 由古洞 as one word
    assert types("北环线由古洞站伸延至落马洲。") == {"北环线": "project", "古洞站": "facility", "落马洲": "place"}


def test_促进_inside_a_sites_name_but_not_after_an_adverb():
    assert types("推进外高桥进口贸易促进创新示范区建设。") == {"外高桥进口贸易促进创新示范区": "facility"}
    assert types("大力促进长江示范区建设。") == {"长江示范区": "facility"}


def test_a_free_trade_zones_new_district_holds_the_zone():
    assert types("加快推进自贸试验区临港新片区建设，设立上海自贸试验区新片区。") == {
        "自贸试验区临港新片区": "place", "上海自贸试验区新片区": "place"}


def test_free_trade_areas_between_states_are_policies_zones_are_facilities():
    assert types("加快中日韩自贸区谈判，推动中国－东盟自贸区升级，建设海南自贸区。") == {
        "中日韩自贸区": "policy", "中国－东盟自贸区": "policy", "海南自贸区": "facility"}


def test_quoted_items_before_a_lists_category_keep_their_quotes():
    assert found("实施“江南寻古”“运河考古”等项目。") == {"“江南寻古”": ("project", "江南寻古"),
                                                      "“运河考古”": ("project", "运河考古")}


def test_no_name_from_a_route_cut_by_a_verb_a_quoted_count_or_a_common_island_word():
    # 久治 reads as a verb: its route is missed, but its far end is no item of the list after it
    assert "马尔康" not in types("推进久治至马尔康、郎木寺至汶川等高速公路项目建设。")
    assert types("设立“二线口岸”，建设“两专科一中心”。") == {}
    assert types("深入推进山区海岛县中崛起。") == {}


def test_a_laboratory_named_by_a_place_is_a_body_a_kind_is_not():
    assert types("支持之江实验室建设，布局国家实验室和全国重点实验室，健全在沪实验室体系。") == {"之江实验室": "org"}


def test_campaigns_after_抓好_an_adverb_a_count_and_as_a_works_word():
    f = types("启动一批产业基础再造工程项目，持续抓好便捷出行行动，深入推进乡村建设行动和城市更新提质工程。")
    assert f == {"产业基础再造工程": "programme", "便捷出行行动": "programme", "乡村建设行动": "programme",
                 "城市更新提质工程": "programme"}


def test_an_airport_hub_is_named_by_its_airport():
    assert types("建设济南机场枢纽快速通道，建设中国邮政国际航空枢纽。") == {
        "济南机场": "facility", "中国邮政国际航空枢纽": "facility"}


def test_a_known_place_tagged_as_a_verb_still_opens_a_sites_name():
    # the segmenter tags 开封 as a verb (to unseal)
    assert types("建设开封悬河文化展示馆。") == {"开封悬河文化展示馆": "facility"}


def test_china_freight_trains_and_trains_sharing_one_head():
    assert types("提升中欧、中老班列等运行质效，加密中欧中亚班列。") == {
        "中欧": "project", "中老班列": "project", "中欧中亚班列": "project"}


def test_a_route_opens_at_a_known_place_whatever_its_tag():
    # the segmenter tags 攀枝花 as an idiom
    assert types("加快攀枝花至盐源高速公路等项目前期工作。") == {"攀枝花至盐源高速公路": "project"}
