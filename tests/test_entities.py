"""Entities: gazetteer, suffix rules, canonical names, traditional script, user lexicon extension."""

from __future__ import annotations

from annotate.annotators.entities import annotate_entities, find_entities, load_lexicon
from annotate.model import Block, Meta, Report


def make_report(text: str, script: str = "simplified") -> Report:
    return Report(meta=Meta(script=script), text=text,
                  blocks=(Block(id="p1", kind="p", parent=None, start=0, end=len(text)),))


def by_text(report: Report) -> dict[str, tuple[str, object]]:
    return {e.text: (e.type, e.canonical) for e in report.entities}


def test_gazetteer_canonical_for_abbreviated_ministry():
    r = annotate_entities(make_report("经国务院批准，国家发展改革委会同区人民政府和市政协开展调研。"))
    found = by_text(r)
    assert found["国家发展改革委"] == ("org", "国家发展和改革委员会")
    assert found["国务院"] == ("org", "国务院")
    assert found["区人民政府"] == ("org", None)  # which district depends on the report
    assert found["市政协"][0] == "org"
    e = next(e for e in r.entities if e.text == "国家发展改革委")
    assert r.text[e.start:e.end] == "国家发展改革委" and e.block == "p1" and e.id.startswith("e")


def test_places_regions_and_ocr_damaged_town_kept_as_written():
    r = annotate_entities(make_report("推进京津冀、粤港澳大湾区和长三角协同；灏县镇军屯村入选北京市通州区名录。"))
    found = by_text(r)
    for name in ("京津冀", "粤港澳大湾区", "长三角", "北京市", "通州区", "军屯村"):
        assert found[name][0] == "place", name
    assert found["灏县镇"] == ("place", None)  # OCR error for 漷县镇: kept, not "fixed"


def test_projects_facilities_with_spaces_and_bracketed_alias():
    text = "实现京唐城际铁路建成通车，加快地铁 22 号线（平谷线）建设，实现张家湾车辆段综合利用项目开工，推进潮白河国家森林公园前期工作。"
    r = annotate_entities(make_report(text))
    found = by_text(r)
    assert found["京唐城际铁路"][0] == "project"
    assert found["地铁 22 号线（平谷线）"] == ("project", "地铁22号线")  # span shows the text as written
    assert found["张家湾车辆段综合利用项目"][0] == "project"
    assert found["潮白河国家森林公园"][0] == "facility"


def test_generic_phrases_are_not_entities():
    r = annotate_entities(make_report("一批重大项目有序实施，全年完工老旧小区改造工程13个，16个项目落地。"))
    assert r.entities == ()


def test_policies_and_programmes():
    r = annotate_entities(make_report("落实“十四五”规划，实施乡村振兴战略，共建“一带一路”，深化“两区”建设，开展“疏整促”专项行动。"))
    found = by_text(r)
    assert found["“十四五”规划"] == ("policy", "十四五规划")
    assert found["乡村振兴战略"][0] == "policy"
    assert found["“一带一路”"] == ("programme", "一带一路")
    assert found["“两区”建设"] == ("programme", "两区建设")
    assert found["“疏整促”专项行动"][0] == "programme"


def test_traditional_text_matches_through_simplified_view_and_keeps_written_form():
    text = "國家發展改革委支持粵港澳大灣區和長三角，落實「十四五」規劃。"
    r = annotate_entities(make_report(text, script="traditional"))
    found = by_text(r)
    assert found["國家發展改革委"] == ("org", "国家发展和改革委员会")
    assert found["粵港澳大灣區"] == ("place", "粤港澳大湾区")
    assert found["「十四五」規劃"] == ("policy", "十四五规划")
    for e in r.entities:
        assert text[e.start:e.end] == e.text


def test_user_gazetteer_extends_via_argument_and_env(tmp_path, monkeypatch):
    extra = tmp_path / "my_names.tsv"
    extra.write_text("# name\ttype\tcanonical\n灵犀湖未来谷\tfacility\t灵犀湖国际未来谷\n", encoding="utf-8")
    report = make_report("加快灵犀湖未来谷建设。")
    assert all(e.text != "灵犀湖未来谷" for e in find_entities(report))
    found = {e.text: e for e in find_entities(report, extra)}
    assert found["灵犀湖未来谷"].type == "facility"
    assert found["灵犀湖未来谷"].canonical == "灵犀湖国际未来谷"
    # a folder named by ANNOTATE_LEXICON may hold extra suffix rules too
    (tmp_path / "entity_suffixes.tsv").write_text("科创走廊\tfacility\n", encoding="utf-8")
    monkeypatch.setenv("ANNOTATE_LEXICON", str(tmp_path))
    lex = load_lexicon()
    assert lex.suffixes["科创走廊"] == "facility"
    found = {e.text: e for e in find_entities(make_report("打造中关村科创走廊。"))}
    assert found["中关村科创走廊"].type == "facility"


def test_seed_entities(seed_path):
    from annotate.pipeline import read_report

    r = annotate_entities(read_report(str(seed_path)))
    texts = [e.text.replace(" ", "") for e in r.entities]
    for name in ("京唐城际铁路", "地铁22号线（平谷线）", "运河商务区", "张家湾设计小镇", "灏县镇", "“两区”建设", "区人民政府"):
        assert name in texts, name
    # no two entities overlap, ids run in text order
    spans = sorted((e.start, e.end) for e in r.entities)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert [e.id for e in r.entities] == [f"e{i + 1}" for i in range(len(r.entities))]


def test_titles_quoted_names_and_road_lists():
    text = ("发布《河套深港科技创新合作区香港园区发展纲要》，建设“香港国际机场东莞空港中心”，"
            "坚持“港人治港”。宋梁路北延、日新街、云景西路等工程实现竣工，开工建设东关北街、东关中路等道路。")
    found = by_text(annotate_entities(make_report(text)))
    assert found["《河套深港科技创新合作区香港园区发展纲要》"] == ("policy", "河套深港科技创新合作区香港园区发展纲要")
    # a name wholly quoted keeps its quotes (README, Spans); canonical is the name without them
    assert found["“香港国际机场东莞空港中心”"] == ("facility", "香港国际机场东莞空港中心")
    assert "港人治港" not in found  # a slogan, not a port
    for road in ("宋梁路北延", "日新街", "云景西路", "东关北街", "东关中路"):
        assert found[road][0] == "project", road
    assert not any(t.endswith("道路") for t in found)


def test_facility_names_hold_verbs_but_do_not_open_with_one():
    found = by_text(annotate_entities(make_report(
        "联合创建鲁豫国家区域科技创新中心，打造京鲁科技成果转化基地，建设长江经济带多式联运中心。")))
    assert found["鲁豫国家区域科技创新中心"][0] == "facility"
    assert found["京鲁科技成果转化基地"][0] == "facility"
    assert found["长江经济带多式联运中心"][0] == "facility"
    assert not any(t.startswith(("联合", "创建", "打造", "建设")) for t in found)


def test_a_governing_verb_or_an_operator_ends_a_facility_name():
    found = by_text(annotate_entities(make_report("支持香港成为国际创新科技中心。力争信通院国家ICT技术产业创新基地实现落地。")))
    assert not any("成为" in t for t in found)
    assert found["信通院"][0] == "org"
    assert found["国家ICT技术产业创新基地"][0] == "facility"


def test_name_split_by_a_quote_and_company_in_apposition():
    found = by_text(annotate_entities(make_report(
        "加快观音寺调蓄工程、沙颍河“通港达园”项目建设。全国首家外商独资货币经纪公司上田八木正式开业。")))
    assert found["沙颍河“通港达园”项目"][0] == "project"
    assert "沙颍河" not in found
    assert found["上田八木"][0] == "org"


def test_place_opening_an_event_name_is_not_a_place_mention():
    found = by_text(annotate_entities(make_report("提升北京国际电影节影响力。支持北京发展。")))
    assert found["北京"][0] == "place"  # the second sentence: the place itself
    r = annotate_entities(make_report("提升北京国际电影节影响力，办好北京马拉松。"))
    assert [e.text for e in r.entities if e.type == "place"] == []


def test_pos_noise_words_do_not_make_names_proper():
    # rjieba tags 美丽 and 城市 as place names; they name no place
    found = by_text(annotate_entities(make_report("美丽乡村建设工程全部完成，城市更新项目有序推进。")))
    assert "美丽乡村建设工程" not in found and "城市更新项目" not in found


def test_suffix_starting_a_longer_common_word_is_no_name_end():
    found = by_text(annotate_entities(make_report("加快郑州国家中心城市建设。推动潍坊建设副中心城市，建设国家中心城市。")))
    assert "郑州国家中心" not in found
    assert found["郑州国家中心城市"][0] == "place"  # whole, so a commitment's object matches it
    assert found["潍坊"][0] == "place"
    assert not any(t.endswith("中心城市") and t != "郑州国家中心城市" for t in found)


def test_campaigns_launched_by_name_are_programmes():
    found = by_text(annotate_entities(make_report(
        "深入实施乡村建设行动，开展提振消费专项行动，实施提升行动。出台推动西海岸新区创新发展先行先试行动计划。")))
    assert found["乡村建设行动"][0] == "programme"
    assert found["提振消费专项行动"][0] == "programme"
    assert "提升行动" not in found  # a bare verb names nothing
    assert found["西海岸新区创新发展先行先试行动计划"][0] == "programme"


def test_place_inside_a_quoted_brand_is_not_annotated_alone():
    found = by_text(annotate_entities(make_report("擦亮“大戏看北京”“北京大视听”等文化名片，上线“开放通州”网站，推进“京津冀”协同。")))
    assert "北京" not in found and "通州" not in found
    assert found["“京津冀”"] == ("place", "京津冀")  # the whole quote is the place, quotes kept (README, Spans)


def test_generic_words_ending_like_names_are_not_entities():
    found = by_text(annotate_entities(make_report("落实惠企政策，支持上市公司发展，资助非政府机构，代表上海市人民政府。")))
    assert set(found) == {"上海市人民政府"}


def test_fixed_political_phrases_and_city_short_forms():
    found = by_text(annotate_entities(make_report("坚持中国特色社会主义，推进中国式现代化，讲好中国故事。巩固提升三明医改经验。")))
    assert found["中国"] == ("place", "中国")  # 中国故事 only
    assert [e.text for e in annotate_entities(make_report("坚持中国特色社会主义。")).entities] == []
    assert found["三明"] == ("place", "三明市")
