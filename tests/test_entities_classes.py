"""Entities by class (issue 18): campaigns, lines and routes, places heading longer names, lists before 等,
companies, short and foreign place names, titles, and the things that are no names."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotate.annotators.entities import find_entities
from annotate.model import Block, Meta, Report


def found(text: str) -> dict[str, tuple[str, object]]:
    report = Report(meta=Meta(script="simplified"), text=text,
                    blocks=(Block(id="p1", kind="p", parent=None, start=0, end=len(text)),))
    return {e.text: (e.type, e.canonical) for e in find_entities(report)}


def types(text: str) -> dict[str, str]:
    return {name: typ for name, (typ, _) in found(text).items()}


# --------------------------------------------------------------------------- campaigns


def test_campaign_runs_from_the_first_word_after_the_verb():
    f = types("实施制造业数字化赋能行动，开展城市更新提质工程。")
    assert f == {"制造业数字化赋能行动": "programme", "城市更新提质工程": "programme"}


def test_campaign_after_two_launching_verbs_and_a_count():
    assert types("启动实施全球科技伙伴计划。") == {"全球科技伙伴计划": "programme"}
    assert types("实施新一批小微项目惠民生工程。") == {"小微项目惠民生工程": "programme"}
    # a coordinated name (和) is one campaign when the suffix closes it only once
    assert types("开展跨国公司地区总部和外资研发中心提升计划。") == {"跨国公司地区总部和外资研发中心提升计划": "programme"}


def test_no_campaign_without_a_name():
    assert types("实施四大行动，实施老旧小区改造工程，实施“十四五”重大工程，实施年度投资计划。") == {}
    # a ladder verb opens no campaign's name; 有计划 is an adverb
    assert "拓展“三争”行动" not in found("深化拓展“三争”行动。")
    assert found("国营农场和人民公社有计划地发展。") == {}


# --------------------------------------------------------------------------- lines and routes


def test_lines_named_by_city_abbreviations():
    f = types("加快宁杭高铁、沪渝蓉高铁建设。")
    assert f == {"宁杭高铁": "project", "沪渝蓉高铁": "project"}


def test_lines_listed_before_a_shared_head_are_one_project_each():
    f = types("推进宁杭、沪渝蓉高铁建设。")
    assert f == {"宁杭": "project", "沪渝蓉高铁": "project"}
    f = types("加快北沿江、通苏嘉甬高铁和宁淮城际铁路建设。")
    assert f["北沿江"] == "project" and f["通苏嘉甬高铁"] == "project" and f["宁淮城际铁路"] == "project"
    # generic kinds of roads are no list of lines
    assert types("完善普通公路、农村公路、城际铁路网络。") == {}


def test_routes_between_two_named_ends():
    f = types("推进成都至重庆铁路、合肥至武汉段前期工作，加快广州东至新塘五六线建设。")
    assert f == {"成都至重庆铁路": "project", "合肥至武汉段": "project", "广州东至新塘五六线": "project"}
    assert types("推进上海港-洛杉矶港、上海港-汉堡港等绿色航运走廊建设。") == {
        "上海港-洛杉矶港": "project", "上海港-汉堡港": "project"}


def test_places_joined_by_a_dash_stay_places():
    f = types("支持襄阳、宜昌、黄冈-鄂州-黄石建设全国性综合交通枢纽。")
    assert f == {"襄阳": "place", "宜昌": "place", "黄冈": "place", "鄂州": "place", "黄石": "place"}


def test_a_listed_route_whose_first_end_the_segmenter_misreads():
    # README (project): a route between two places is one project, as an item of a list of routes or lines
    assert found("推进久治至马尔康、郎木寺至汶川等高速公路项目建设。")["久治至马尔康"][0] == "project"
    f = found("开工董家口至五莲、胶新铁路扩能改造项目。")
    assert f["董家口至五莲"][0] == "project" and "五莲" not in f
    assert set(found("将线路延伸至长沙、株洲等城市。")) == {"长沙", "株洲"}  # places listed, no route


def test_a_count_of_roads_is_no_route():
    assert "龙川至寻乌2条高速公路" not in found("建成龙川至寻乌2条高速公路。")


def test_section_and_bracket_belong_to_the_line():
    assert types("建成京沪高速公路扬州至南京段。") == {"京沪高速公路扬州至南京段": "project"}
    assert types("启动建设罗泾港区改造二期。") == {"罗泾港区改造二期": "project"}


# --------------------------------------------------------------------------- places heading a longer name


def test_place_heading_a_facility_is_not_a_second_entity():
    f = types("建设武汉光谷科技园区，打造郑州国家物流枢纽，推动昆山综合保税区发展。")
    assert f == {"武汉光谷科技园区": "facility", "郑州国家物流枢纽": "facility", "昆山综合保税区": "facility"}


def test_regions_along_a_line_and_planned_regions():
    f = types("大力提升G60科创走廊、沿沪宁产业创新带等平台能级，深化环太湖科创圈建设。")
    assert f == {"G60科创走廊": "place", "沿沪宁产业创新带": "place", "环太湖科创圈": "place"}
    assert types("高质量建设长三角生态绿色一体化发展示范区。") == {"长三角生态绿色一体化发展示范区": "facility"}


def test_a_place_before_a_verb_does_not_open_a_facility():
    f = found("推动香港发展成国际医疗创新枢纽。")
    assert not any(name.startswith("香港发展") for name in f)


# --------------------------------------------------------------------------- lists before 等 + a category


def test_items_before_a_category_take_its_type():
    assert types("加强三峡、葛洲坝等水利枢纽管理。") == {"三峡": "facility", "葛洲坝": "facility"}
    f = types("加快长江航道整治、武汉枢纽直通线、高速公路提质扩容、川气东送二线湖北段等重大项目建设。")
    assert f == {"长江航道整治": "project", "武汉枢纽直通线": "project", "川气东送二线湖北段": "project"}


def test_items_of_a_weak_category_need_a_proper_noun():
    # 项目 also lists kinds of things
    assert found("加快双千兆网络、量子通信等项目建设。") == {}
    # 等战略 opens a longer word here: no list of strategies
    assert "紫金山" not in found("建设紫金山、太湖实验室等战略科技力量。")


def test_an_item_named_by_its_own_suffix_keeps_its_type():
    f = types("加快三亚邮轮港、马村港三期等项目建设。")
    assert f == {"三亚邮轮港": "facility", "马村港三期": "facility"}


@given(st.lists(st.text(alphabet="璟琮珩瑄玥琨璋瑾珂", min_size=2, max_size=4), min_size=2, max_size=4, unique=True))
def test_every_listed_item_is_a_facility_of_the_category(items):
    text = "加强" + "、".join(items) + "等水利枢纽管理。"
    assert types(text) == {item: "facility" for item in items}


# --------------------------------------------------------------------------- companies


def test_major_enterprises_from_the_gazetteer():
    f = found("支持宁德时代、比亚迪、华为、中芯国际加大投资。")
    assert f["宁德时代"] == ("org", "宁德时代新能源科技股份有限公司")
    assert f["比亚迪"][0] == f["华为"][0] == f["中芯国际"][0] == "org"
    assert "宁德" not in f  # the place inside a company's name is not a place


def test_company_suffixes_and_no_place_inside():
    f = types("推动上海电气集团、江苏银行股份有限公司发展。")
    assert f == {"上海电气集团": "org", "江苏银行股份有限公司": "org"}


def test_a_short_company_name_must_be_a_whole_word():
    assert "华为" not in found("把理论升华为实践。")


# --------------------------------------------------------------------------- short and foreign place names


def test_short_regional_and_foreign_place_names():
    f = types("深化皖北振兴，共建粤港澳大湾区和长三角，促进东中部产业转移，拓展中东欧、东盟、日韩、东南亚市场。")
    for name in ("皖北", "粤港澳大湾区", "长三角", "东中部", "中东欧", "东盟", "日韩", "东南亚"):
        assert f[name] == "place", name


def test_groups_of_city_abbreviations_are_places():
    f = types("推动苏锡常、宁镇扬、锡常泰等融合发展。")
    assert f == {"苏锡常": "place", "宁镇扬": "place", "锡常泰": "place"}


def test_pairs_of_abbreviations_are_places_but_not_chains_or_trips():
    # README (place): 闽港 as in 深化闽港闽澳合作 — a pair names the two places even where it qualifies a noun
    assert types("深化闽港闽澳合作，提升川渝产业协作，唱好杭甬“双城记”。") == {"闽港": "place", "闽澳": "place",
                                                                     "川渝": "place", "杭甬": "place"}
    assert "豫皖" not in found("推动豫皖苏浙商品流通。")  # four provinces: the pair is part of a longer group
    assert "济青" not in found("构建济青1.5小时通勤圈。")  # the two ends of a trip


def test_a_pair_listed_beside_pairs_of_the_same_big_city_is_a_place():
    # README (place): 郑开 (郑州-开封) tagged a verb, 郑许 with a city character that is a common word alone
    assert types("支持郑开、郑新、郑焦等重点产业带建设。")["郑开"] == "place"
    assert types("深化郑洛、郑许协同发展。") == {"郑洛": "place", "郑许": "place"}
    assert "开通" not in found("推进郑州开通、运行等工作。")  # no sibling pair of one big city: a word


def test_works_named_by_owner_and_phase_stand_as_an_item():
    # README (project, facility): a phase belongs to the name; an enterprise's phase is its works, a zone's a site
    f = found("惠州埃克森美孚一期竣工、中海壳牌三期全面开工。")
    assert f["惠州埃克森美孚一期"][0] == "project" and f["中海壳牌三期"][0] == "project"
    assert "惠州" not in f  # the place inside the name is no second entity
    assert found("开工湛海高铁、八所港高排港区一期等项目。")["八所港高排港区一期"][0] == "facility"
    assert set(found("推进上海一期、郑州建设二期等。")) == {"上海", "郑州"}  # a place and a phase name no works
    assert found("加快富芯集成电路一期等项目建设进度。")["富芯集成电路一期"][0] == "project"
    assert found("完成城北水网一期、两河水网综合治理等工程。")["城北水网一期"][0] == "project"


# --------------------------------------------------------------------------- titles and quotes


def test_a_title_is_one_policy_with_its_brackets():
    f = found("贯彻《中华人民共和国民营经济促进法》。")
    assert f == {"《中华人民共和国民营经济促进法》": ("policy", "中华人民共和国民营经济促进法")}


def test_quoted_programmes_keep_their_quotes():
    f = types("实施“两通工程”2.0版，加快推进“五个中心”建设。")
    assert f == {"“两通工程”": "programme", "“五个中心”": "programme"}
    # quoted generic words and slogans are no programmes
    assert found("不搞“形象工程”，统筹“两个大局”，整治“内卷式”竞争。") == {}


# --------------------------------------------------------------------------- not names


def test_counted_labels_and_generic_nouns_are_not_names():
    assert found("实施四大行动，建设六大产业基地，推进普通国道项目，建设商业步行街。") == {}


def test_a_verb_is_never_swallowed_into_a_name():
    f = found("大力发展临港产业和海洋产业。")
    assert f == {}


# --------------------------------------------------------------------------- districts, works with phases, agreements


def test_planned_districts_are_one_place_with_the_city_that_opens_them():
    f = types("高水平建设武汉新城、宜昌东部产业新区，支持滨海新区发展。")
    assert f == {"武汉新城": "place", "宜昌东部产业新区": "place", "滨海新区": "place"}
    assert found("建设马桥人工智能创新区。") == {}  # 创新区 is no 新区


def test_an_action_word_never_opens_a_line_and_a_phase_stays_inside_works():
    assert types("推动加密中欧中亚班列。") == {"中欧中亚班列": "project"}
    assert types("推动福州机场综合保税区（一期）项目封关验收。") == {"福州机场综合保税区（一期）项目": "project"}
    assert types("完成苏南运河全线二级航道建设。") == {"苏南运河": "place"}


def test_counted_regions_and_trade_agreements():
    assert found("着力提升三大都市圈能级。") == {}
    assert found("积极对接RCEP等区域合作。")["RCEP"] == ("policy", "区域全面经济伙伴关系协定")


def test_lines_named_by_two_places_first_characters():
    f = types("加快杭衢高铁建设，建成清花高速等项目，完善城际高铁，建设智慧高速。")
    assert f == {"杭衢高铁": "project", "清花高速": "project"}


def test_line_extensions_routes_in_lists_and_routes_listed_as_projects():
    f = types("开工建设13号线东延伸，推进北横通道东段建设。")
    assert f == {"13号线东延伸": "project", "北横通道东段": "project"}
    f = types("推动莱临、德商、日照至五莲、聊邯长铁路纳规。")
    assert f == {"莱临": "project", "德商": "project", "日照至五莲": "project", "聊邯长铁路": "project"}
    f = types("新开工晏城至表白寺等2个项目，建成通车济南至宁津等5个项目。")
    assert f == {"晏城至表白寺": "project", "济南至宁津": "project"}
    # a numeral word makes no line's name: a flood is no item of a list of lines
    assert "北江百年一遇特大洪水" not in found("全力应对北江百年一遇特大洪水、梅大高速塌方灾害。")


# --------------------------------------------------------------------------- issue 18, tuning set 2 (invented examples)


def test_phase_works_are_one_project():
    f = types("启动建设杭州萧山国际机场五期工程。")
    assert f.get("杭州萧山国际机场五期工程") == "project"
    assert "杭州萧山国际机场五期" not in f


def test_list_category_may_carry_a_measured_count():
    f = types("加快建设松江线、机场快线等85公里轨道交通线。")
    assert f.get("松江线") == "project" and f.get("机场快线") == "project"


def test_road_named_by_its_code():
    f = types("开工建设S7公路扩建等工程，加快建设G1503公路。")
    assert f.get("S7公路扩建") == "project" and f.get("G1503公路") == "project"
    assert types("完善公路网络，建设农村公路。") == {}


def test_strategy_titles_and_quoted_strategies_are_policies():
    f = types("我们今日公布《南部水域发展策略》，推行「新型工业化」策略。")
    assert f.get("《南部水域发展策略》") == "policy"
    assert f.get("“新型工业化”策略") == "policy" or f.get("「新型工业化」策略") == "policy"


def test_plan_title_holds_what_it_builds():
    f = types("全面落实苏州国际开放枢纽建设总体方案。")
    assert f.get("苏州国际开放枢纽建设总体方案") == "policy"
    assert "苏州国际开放枢纽" not in f


def test_existing_is_no_part_of_a_name():
    assert "现有罗湖站" not in types("在现有罗湖站及上水站之间增设新站。")


def test_reservoirs_are_named_whatever_the_segmenter_reads():
    f = types("加快建设官路水库、双堠水库，完成老岚水库扩建。")
    assert f.get("官路水库") == "project" and f.get("双堠水库") == "project"
    assert any(name.startswith("老岚水库") for name in f)
    # kinds of reservoirs are no names
    assert types("整治病险水库，新建一批小型水库，建设骨干水库和中小水库。") == {}


def test_works_linking_two_named_waters_hold_the_and():
    assert types("开工建设京杭运河与小清河航道连通工程。").get("京杭运河与小清河航道连通工程") == "project"
    assert types("加强东平湖与小清河联通工程建设。").get("东平湖与小清河联通工程") == "project"
    # no name on either side: no name
    assert "城市与乡村道路连通工程" not in types("推进城市与乡村道路连通工程。")


def test_place_opening_a_product_brand_is_no_place():
    f = types("打响潜江龙虾、福鼎白茶品牌，推进潜江至荆门高速，支持潜江发展。")
    assert f == {"潜江至荆门高速": "project", "潜江": "place"}
    assert list(found("支持潜江发展，打响潜江龙虾品牌。")) == ["潜江"]


def test_plan_title_takes_building_only_right_before_the_title_word():
    assert "苏州发展枢纽内原有用地规划" not in types("加上苏州发展枢纽内原有用地规划。")
    assert types("印发厦漳泉都市圈发展规划。").get("厦漳泉都市圈发展规划") == "policy"


def test_a_section_cut_off_its_line_is_no_list_item():
    f = types("开工建设8号线二期西段、苏州示范区线北延伸等轨道交通线。")
    assert "西段" not in f and f.get("苏州示范区线北延伸") == "project"


def test_compounded_verb_inside_a_name_of_works():
    assert types("推进闽东水资源优化配置工程建设。").get("闽东水资源优化配置工程") == "project"
    assert types("加快优化营商环境工程。") == {}


def test_what_works_include_is_no_alias():
    f = types("推进粤西水资源配置工程（含揭阳龙颈水库扩建）建设。")
    assert "粤西水资源配置工程" in f and not any(name.endswith("）") for name in f)


def test_special_comprehensive_bonded_zone():
    assert types("推动洋山特殊综合保税区发展新业态。") == {"洋山特殊综合保税区": "facility"}


def test_counted_label_right_before_the_suffix_is_no_name():
    f = types("深入实施京津冀协同发展、长江经济带发展三大战略。")
    assert not any(name.endswith("三大战略") for name in f)


def test_titles_named_by_their_horizon_are_policies():
    assert types("全面实施《中国制造2025》。") == {"《中国制造2025》": "policy"}


def test_national_strategy_is_one_but_a_kind_of_strategy_is_none():
    assert types("制定和实施国家海洋战略。") == {"国家海洋战略": "policy"}
    assert types("服务国家区域战略，落实国家战略。") == {}


def test_negative_lists_are_named_by_what_they_cover():
    f = types("缩减外资准入负面清单，制定跨境服务贸易负面清单，全国统一的市场准入负面清单，由审批制转向负面清单，出台负面清单。")
    assert f == {"外资准入负面清单": "policy", "跨境服务贸易负面清单": "policy", "市场准入负面清单": "policy"}


def test_period_plan_of_a_named_policy_is_one_title():
    f = types("制定实施西部大开发“十三五”规划。")
    assert f == {"西部大开发“十三五”规划": "policy"}


def test_kind_words_tagged_proper_make_no_site_name():
    assert types("基本建成国际集装箱枢纽港，建设知识产权交易中心和技能培训基地。") == {}
    assert types("建设国家数据流通交易中心。") == {"国家数据流通交易中心": "facility"}
    assert types("推进日照港建设。").get("日照港") == "facility"


def test_the_results_of_a_campaign_are_no_mention_of_it():
    assert "脱贫攻坚" not in types("巩固拓展脱贫攻坚成果。")
    assert "“一带一路”" in types("共建“一带一路”成果丰硕。")


def test_three_character_lines_the_segmenter_splits():
    f = types("加快建设崇明线、嘉闵线等轨道交通线，兴建北环线支线。")
    assert f.get("嘉闵线") == "project" and f.get("北环线") == "project"
    assert types("交易系统在沪上线运行。") == {}


# --------------------------------------------------------------------------- round 4 (issue 18): classes from the pooled misses


def test_major_works_named_by_their_subject_are_programmes():
    # a national programme: a subject of four characters or more, then 重大工程 (works words inside do not make it works)
    assert types("实施中医药振兴发展重大工程。") == {"中医药振兴发展重大工程": "programme"}
    assert types("统筹推进重要生态系统保护和修复重大工程，加快构建。") == {"重要生态系统保护和修复重大工程": "programme"}
    # a period's or a count's major works are a kind, no name
    assert types("实施“十四五”重大工程。实施一批重大工程。") == {}


def test_campaign_suffix_split_by_the_segmenter_runs_to_the_word_end():
    # 三年|行动计划: the name ends where the word 行动计划 ends, not inside it
    assert types("制定实施第三轮三年行动计划，推动科技创新。") == {"第三轮三年行动计划": "programme"}
    assert types("制定实施长三角一体化发展新一轮三年行动计划。") == {"长三角一体化发展新一轮三年行动计划": "programme"}
    # 行动方案 is a plan's title running on: no campaign ends at 行动
    assert "新城规划建设实施意见和行动" not in types("制定加快推进新城规划建设实施意见和行动方案。")


def test_region_strategies_are_policies_and_construction_leaves_the_place():
    f = types("推进京津冀协同发展、长江经济带发展、粤港澳大湾区建设、长三角一体化发展。将长三角区域一体化发展上升为国家战略。")
    assert f == {"京津冀协同发展": "policy", "长江经济带发展": "policy", "粤港澳大湾区": "place",
                 "长三角一体化发展": "policy", "长三角区域一体化发展": "policy"}
    assert found("将长三角区域一体化发展上升为国家战略。")["长三角区域一体化发展"] == ("policy", "长三角一体化发展")


def test_abbreviation_pairs_before_a_shared_park_head_are_parks():
    f = types("加快推进湘琼、粤琼、浙琼、琼港、深儋合作产业园建设。")
    assert f == {"湘琼": "facility", "粤琼": "facility", "浙琼": "facility", "琼港": "facility",
                 "深儋合作产业园": "facility"}


def test_items_of_a_strong_list_take_its_type_over_the_gazetteers_place():
    f = types("建强济南、青岛、临沂等综合交通枢纽，提速构建国际物流大通道。")
    assert f == {"济南": "facility", "青岛": "facility", "临沂": "facility"}


def test_list_category_with_a_free_qualifier():
    # 等 + a qualifier no fixed list holds (核电, 大型清洁高效煤电, 储能) + a weak category: items holding a proper noun
    f = types("争取获批海阳三期、莱阳一期等核电项目。建成投产大唐郓城、华能四期等大型清洁高效煤电项目。"
              "抓好中能建泰安压缩空气、滨州北海电化学等储能项目。")
    assert {k: f.get(k) for k in ("海阳三期", "莱阳一期", "大唐郓城", "中能建泰安压缩空气", "滨州北海电化学")} == dict.fromkeys(
        ("海阳三期", "莱阳一期", "大唐郓城", "中能建泰安压缩空气", "滨州北海电化学"), "project")
    # a qualifier with an action verb is no head; an item holding 等 ends a list of its own; a kind of area is no list
    assert types("推进广州、深圳等地区加快推进重点项目。") == {"广州": "place", "深圳": "place"}
    f = types("加快中国邮政国际航空枢纽、洛阳等10个国家物流枢纽、商丘等5个国家骨干冷链物流基地建设。")
    assert "洛阳等10个国家物流枢纽" not in f and f["商丘"] == "place"
    assert types("加快航空枢纽港、国际陆港等功能片区开发建设。") == {}


def test_a_list_whose_first_item_was_cut_inside_a_name_drops_the_tail():
    f = types("加快实施京东方第8.6代柔性显示生产线、四川时代动力电池基地、万华化学产业园二期等在建产业项目。")
    assert "生产线" not in f and f["四川时代动力电池基地"] == "facility"


def test_a_names_first_character_split_off_by_the_segmenter_joins_it():
    # one character tagged adjective or position, or a pair read as a time, right after the verb
    assert types("加快白龟山水库除险加固。") == {"白龟山水库除险加固": "project"}
    assert types("推进上白石水利枢纽工程建设。") == {"上白石水利枢纽工程": "project"}
    assert types("建成汉魏故城遗址博物馆。") == {"汉魏故城遗址博物馆": "facility"}
    # a verb that swallowed the first of an abbreviation pair gives it back (共|建成|渝 → 共建|成渝)
    assert types("共建成渝综合性科学中心。") == {"成渝综合性科学中心": "facility"}
    # a complement of the verb and a word of the sentence never join
    assert types("建好厦门生物医药港等专业化园区。") == {"厦门生物医药港": "facility"}
    assert types("在上海建设国际金融中心。") == {"上海": "place"}


def test_action_plan_titles_are_policies_not_campaigns():
    f = types("制定实施基础研究十年行动方案，提升企业。制定实施绿色低碳转型行动方案，启动实施。")
    assert f == {"基础研究十年行动方案": "policy", "绿色低碳转型行动方案": "policy"}
    # two titles sharing one head are neither
    assert types("制定加快推进新城规划建设实施意见和行动方案。") == {}


def test_free_qualifier_lists_need_a_place_and_no_verb_in_each_item():
    assert types("布局电子信息和民用航空、空间信息、船舶海工等高端装备重大项目。") == {}
    assert types("超级计算、探月工程、卫星应用等重大科研项目取得新突破。") == {}
    f = types("抓好中能建泰安压缩空气、滨州北海电化学、理塘索绒光伏发电等储能项目。")
    assert f == {"中能建泰安压缩空气": "project", "滨州北海电化学": "project", "理塘索绒光伏发电": "project"}


def test_bilateral_agreements_and_the_pairs_sharing_their_head_are_policies():
    f = types("尽早签署中韩、中澳自贸协定。推进中美、中欧投资协定谈判。共同落实中美第一阶段经贸协议。")
    assert f == {"中韩": "policy", "中澳自贸协定": "policy", "中美": "policy", "中欧投资协定": "policy",
                 "中美第一阶段经贸协议": "policy"}
    assert types("集中美化环境。") == {}


def test_lines_listed_beside_lines_are_lines_whatever_their_tags():
    f = types("加快建设S3公路、沿江通道、北横通道。穗莞城际、广州东至新塘五六线、狮子洋通道、佛肇云高速。"
              "做好深珠通道、莲花山通道前期工作。开工建设绵遂资内铁路（遂内段）、南三高速、攀西特高压。")
    for name in ("沿江通道", "北横通道", "狮子洋通道", "深珠通道", "莲花山通道", "南三高速"):
        assert f.get(name) == "project", name
    assert types("铁路，加快建设京沪二通道、雄商等6条高铁。")["京沪二通道"] == "project"
    # kinds of roads listed together are no names
    assert types("推进农村公路、普通国道、高速公路建设。") == {}


def test_plan_titles_after_the_verb_that_issues_them_are_policies():
    f = types("制定未来产业发展规划，开辟量子技术。制定主体功能区优化实施规划，完善配套政策。出台促进中部地区崛起新十年规划。"
              "高质量落实上海（长三角）国际科技创新中心建设方案，深化合作。制定并实施深化财税体制改革总体方案。")
    assert f == {"未来产业发展规划": "policy", "主体功能区优化实施规划": "policy", "促进中部地区崛起新十年规划": "policy",
                 "上海（长三角）国际科技创新中心建设方案": "policy", "深化财税体制改革总体方案": "policy"}
    # kinds of plans every government writes, and two titles sharing a head, are none
    assert types("编制完成国土空间总体规划。制定产业发展规划。制定实施方案。制定有关实施方案。") == {}
    assert "美丽广东建设实施意见和规划纲要" not in types("出台美丽广东建设实施意见和规划纲要。")


def test_pumped_storage_stations_and_gateway_exchanges_are_sites():
    assert types("开工济源逢石河抽水蓄能电站。") == {"济源逢石河抽水蓄能电站": "facility"}
    assert types("建设青岛国际通信业务出入口局。") == {"青岛国际通信业务出入口局": "facility"}
    # with no place the kind is no name (通信 is no proper noun, whatever its tag)
    assert types("推动国际海缆、国际通信业务出入口局建设。建设抽水蓄能电站。") == {}


def test_city_groups_with_prefecture_abbreviations():
    assert types("建设郑汴许一体化。推动通武廊协同发展。") == {"郑汴许": "place", "通武廊": "place"}
    assert types("许多城市协同。") == {}


def test_lines_named_by_two_city_abbreviations_whatever_their_tag():
    assert types("推进长深高速改扩建。") == {"长深高速改扩建": "project"}
    assert types("推进成雅高速公路扩容。") == {"成雅高速公路扩容": "project"}
    # 高速 as an adverb is no head
    assert types("推动长深高速发展。") == {}


# --------------------------------------------------------------------------- reaches of rivers and mountains


def test_a_river_or_mountain_with_its_reach_ending_the_item_is_one_place():
    f = types("聚焦大凉山、金沙江中上游、大巴山南麓和嘉陵江流域等重点区域。")
    assert f == {"大凉山": "place", "金沙江中上游": "place", "大巴山南麓": "place", "嘉陵江流域": "place"}
    assert types("加强秦岭北麓和大别山南麓等地生态保护。") == {"秦岭北麓": "place", "大别山南麓": "place"}


def test_a_basin_that_only_qualifies_the_noun_after_it_leaves_the_river_alone():
    # 流域 qualifies 河道 (and is shared with 北运河): the river is the name
    assert types("北运河、潮白河流域河道水质持续提升。").get("潮白河") == "place"
    assert "潮白河流域" not in types("北运河、潮白河流域河道水质持续提升。")


# --------------------------------------------------------------------------- numbered units of a plant


def test_a_plants_numbered_units_are_one_facility_with_the_plant():
    f = types("推进石岛湾核电2号机组、台山核电3、4号机组和漳州核电2—4号机组建设。")
    assert f == {"石岛湾核电2号机组": "facility", "台山核电3、4号机组": "facility", "漳州核电2—4号机组": "facility"}
    assert types("推进昌江核电二期三号机组建设。") == {"昌江核电二期三号机组": "facility"}
    assert types("新增煤电机组，建设核电站。") == {}  # a kind of unit, no name


# --------------------------------------------------------------------------- routes listed before a line category


def test_routes_listed_before_a_line_category_and_its_role_are_one_project_each():
    f = types("开工建设湛江至南宁、化州至北流等高速公路出省通道。")
    assert f == {"湛江至南宁": "project", "化州至北流": "project"}


def test_a_city_pair_opening_a_list_of_lines_is_no_verbal_noun():
    # the segmenter tags 广惠 a verbal noun; as the whole first item it is the line's name
    assert types("推进广惠、广深、广韶北等高速公路繁忙路段扩容。") == {"广惠": "project", "广深": "project", "广韶北": "project"}


def test_a_campaign_opened_by_a_quoted_number_keeps_it():
    assert types("实施“61020”科技创新行动。") == {"“61020”科技创新行动": "programme"}
    assert types("实施“双百”科技创新行动。") == {"“双百”科技创新行动": "programme"}


# --------------------------------------------------------------------------- national parks


def test_a_national_park_is_named_by_its_subject():
    assert types("高标准打造大熊猫国家公园、若尔盖国家公园。") == {"大熊猫国家公园": "facility", "若尔盖国家公园": "facility"}
    # the designation alone is a kind
    assert types("建立以国家公园为主体的自然保护地体系。") == {}


# --------------------------------------------------------------------------- sites listed before 等遗址, 等一批


def test_items_listed_before_a_kind_of_heritage_site_are_sites():
    assert types("加强仰韶村、双槐树、贾湖等遗址保护传承。") == {"仰韶村": "facility", "双槐树": "facility", "贾湖": "facility"}


def test_a_batch_count_before_the_category_still_heads_the_list():
    assert types("推进良渚、二里头等一批重要遗址考古研究。") == {"良渚": "facility", "二里头": "facility"}
    assert types("建成城市公园、口袋公园等公园。") == {}  # kinds of parks, no names


def test_a_strategy_and_a_campaign_launched_by_one_verb_are_two_names():
    assert types("实施自贸试验区提升战略和综保区提质升级行动。") == {"自贸试验区提升战略": "policy", "综保区提质升级行动": "programme"}
    assert types("实施乡村振兴战略和乡村建设行动。") == {"乡村振兴战略": "policy", "乡村建设行动": "programme"}


def test_a_campaign_with_its_span_of_years_may_open_with_an_action_verb():
    assert types("实施促进科技成果转化五年行动，加强概念验证。") == {"促进科技成果转化五年行动": "programme"}
    assert types("推进提升服务质量三年行动。") == {"提升服务质量三年行动": "programme"}


def test_a_region_with_a_bracketed_place_opens_a_sites_name():
    assert types("增强西部（成都）科学城高端创新资源集聚。") == {"西部（成都）科学城": "facility"}
    assert types("支持西部地区发展，建设科学城。") == {"西部地区": "place"}


def test_hong_kong_area_named_without_a_suffix_is_a_place():
    # 北区 stays out of the gazetteer (an ordinary word elsewhere); 沙岭 is the area's own name
    assert types("今年内启动北区沙岭的改划程序。") == {"沙岭": "place"}


def test_a_metro_line_written_after_the_systems_name_takes_it_in():
    assert types("加快轨道交通平谷线、22号线建设。") == {"轨道交通平谷线": "project", "22号线": "project"}
    assert types("完善城市轨道交通线网。") == {}


def test_a_companys_phase_is_a_project_an_institutions_a_facility():
    f = types("长江存储三期开工，华能四期建成，海南警察学院二期建成。")
    assert f == {"长江存储三期": "project", "华能四期": "project", "海南警察学院二期": "facility"}


def test_hainans_counties_are_places():
    f = types("支持文昌、琼海、澄迈、万宁、陵水打造重要节点城市。")
    assert f == {"文昌": "place", "琼海": "place", "澄迈": "place", "万宁": "place", "陵水": "place"}


def test_an_open_letter_of_state_is_a_title():
    assert types("在《告台湾同胞书》发表40周年纪念会上。播出《两岸家书》。") == {"《告台湾同胞书》": "policy"}


def test_a_science_and_innovation_grand_corridor_is_a_planned_region():
    assert types("推进成渝中线科创大走廊建设。推动杭州城西科创大走廊提能升级。") == {
        "成渝中线科创大走廊": "place", "杭州城西科创大走廊": "place"}


def test_a_known_place_tagged_an_adjective_stays_in_the_name():
    # the segmenter tags 雄安 an adjective; the gazetteer knows it as a place, so the dash-joined corridor is one region
    assert types("建设北京—雄安人才科创走廊。") == {"北京—雄安人才科创走廊": "place"}
    assert types("全力支持雄安新区建设。") == {"雄安新区": "place"}


def test_new_before_a_known_place_opens_a_sites_name():
    assert types("正在重建的新皇岗口岸和沙头角口岸会实施。") == {"新皇岗口岸": "facility", "沙头角口岸": "facility"}
    assert types("与深圳合作推进深圳新皇岗口岸建设。")["深圳新皇岗口岸"] == "facility"


def test_works_around_a_named_sea_keep_the_ring():
    assert types("加快环北部湾广东水资源配置工程一期建设。") == {"环北部湾广东水资源配置工程一期": "project"}


def test_a_demonym_and_a_disease_named_for_a_place_are_no_mention_of_it():
    assert types("近14亿中国人的饭碗，必须牢牢端在自己手中。") == {}
    assert types("做好非洲猪瘟等疫病防控。") == {}
    assert types("加强与非洲合作，支持香港人才发展。") == {"非洲": "place", "香港": "place"}
