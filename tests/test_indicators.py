"""Indicators: metrics bound to their values, 分别 distribution, canonical ids from the lexicon."""

from __future__ import annotations

from annotate import pipeline
from annotate.annotators import run_all
from annotate.model import Meta, Report
from annotate.annotators.indicators import canonical_id, expand_pair, load_lexicon


def tag_text(text: str):
    """Annotate a snippet (too short for the reader's is-this-a-report check) as a report body."""
    return run_all(Report(meta=Meta(year=2022), text=text))


def values(report):
    q = {x.id: x for x in report.quantities}
    p = {x.id: x for x in report.periods}
    r = {x.id: x for x in report.ranks}
    out = []
    for i in report.indicators:
        out.append((
            i.indicator, i.metric,
            q[i.level].text if i.level else None,
            q[i.growth].text if i.growth else None,
            q[i.points].text if i.points else None,
            p[i.period].text if i.period else None,
            r[i.rank].text if i.rank else None,
        ))
    return out


def test_level_growth_period_and_rank():
    r = tag_text("1-11月，一般公共预算收入完成90.15亿元，同比增长21.5%，增速居全市第一。\n")
    [ind] = values(r)
    assert ind[:4] == ("budget_revenue", "一般公共预算收入", "90.15亿元", "21.5%")
    assert ind[5] == "1-11月"
    assert ind[6] is not None and "第一" in ind[6]
    [i] = r.indicators
    assert r.text[i.start:i.end] == i.text == "一般公共预算收入"


def test_fenbie_distributes_values_over_a_contracted_pair(seed_path):
    r = pipeline.tag(str(seed_path))
    got = [v for v in values(r) if v[0] in ("deposits", "loans")]
    assert [v[:4] for v in got] == [
        ("deposits", "金融机构存款余额", "5895亿元", "10.8%"),
        ("loans", "金融机构贷款余额", "1997.9亿元", "29.5%"),
    ]
    # both point at the metric as written
    inds = [i for i in r.indicators if i.indicator in ("deposits", "loans")]
    assert {i.text for i in inds} == {"金融机构存贷款余额"}


def test_fenbie_in_synthetic_text():
    r = tag_text("全年进出口分别增长3.1%和5.2%。城镇和农村居民人均可支配收入分别达到8.2万元和3.9万元。\n")
    got = [(v[0], v[1], v[2], v[3]) for v in values(r)]
    assert got == [
        ("import_growth", "进口", None, "3.1%"),
        ("export_growth", "出口", None, "5.2%"),
        ("urban_income", "城镇居民人均可支配收入", "8.2万元", None),
        ("rural_income", "农村居民人均可支配收入", "3.9万元", None),
    ]


def test_expand_pair():
    assert expand_pair("金融机构存贷款余额", 2) == ["金融机构存款余额", "金融机构贷款余额"]
    assert expand_pair("进出口总额", 2) == ["进口总额", "出口总额"]
    assert expand_pair("城镇和农村常住居民人均可支配收入", 2) == [
        "城镇常住居民人均可支配收入", "农村常住居民人均可支配收入"]
    assert expand_pair("城镇调查失业率、城镇登记失业率", 2) == ["城镇调查失业率", "城镇登记失业率"]
    assert expand_pair("地区生产总值", 2) is None


def test_canonical_ids():
    assert canonical_id("国内生产总值") == "gdp_growth"
    assert canonical_id("全市生产总值", "%") == "gdp_growth"
    assert canonical_id("全社会固定资产投资", "亿元") == "fixed_investment"
    assert canonical_id("全社会固定资产投资", "%") == "fixed_investment_growth"
    assert canonical_id("单位地区生产总值能耗") == "energy_intensity"
    assert canonical_id("城镇调查失业率") == "surveyed_unemployment"
    assert canonical_id("规上工业增加值") == "industry_growth"
    assert canonical_id("居民消费价格涨幅") == "cpi"
    assert canonical_id("金融业增加值占地区生产总值比重") is None  # a denominator is not the metric
    assert canonical_id("新设企业") is None


def test_lexicon_is_extendable(tmp_path):
    extra = tmp_path / "indicators.tsv"
    extra.write_text("# mine\n旅游总收入\ttourism_revenue_growth\ttourism_revenue\n水电气\t@pair\t水,电,气\n",
                     encoding="utf-8")
    lex = load_lexicon(str(extra))
    assert canonical_id("全年旅游总收入", "亿元", lex) == "tourism_revenue"
    assert canonical_id("旅游总收入", "%", lex) == "tourism_revenue_growth"
    assert expand_pair("水电气价格", 3, lex) == ["水价格", "电价格", "气价格"]


def test_indicator_block_is_the_paragraph(seed_path):
    r = pipeline.tag(str(seed_path))
    kinds = {b.id: b.kind for b in r.blocks}
    assert r.indicators and all(kinds.get(i.block) in ("p", "item") for i in r.indicators)
    assert [i.id for i in r.indicators[:3]] == ["i1", "i2", "i3"]


def test_a_value_reached_is_a_level_not_a_change():
    r = tag_text("常住人口城镇化率提高到66.2%，比上年末提高0.94个百分点。\n")
    [ind] = values(r)
    assert ind[1:5] == ("常住人口城镇化率", "66.2%", None, "0.94个百分点")


def test_a_per_unit_metric_is_not_the_total():
    """亩产提升10.1斤 is a per-mu yield change, not grain output (national 2025)."""
    r = tag_text("粮食产量首次跃上1.4万亿斤新台阶、亩产提升10.1斤；高技术制造业增加值增长8.9%。\n")
    vals = values(r)
    assert ("grain_output" not in [v[0] for v in vals])
    assert vals[0][:4] == (None, "亩产", None, "10.1斤")
    r = tag_text("亩均粮食产量达到500公斤。\n")
    assert values(r)[0][:3] == (None, "亩均粮食产量", "500公斤")
    assert canonical_id("人均地区生产总值", "万元") == "gdp_per_capita"  # a wording that holds 人均 stays


def test_rd_spending_and_intensity_ids():
    assert canonical_id("全社会研发投入", "%") == "rd_spending_growth"
    assert canonical_id("全社会研发投入", "亿元") == "rd_spending"
    assert canonical_id("全社会研发投入强度", "%") == "rd_intensity"
    assert canonical_id("全社会研发投入占比", "%") == "rd_intensity"
    assert canonical_id("全社会研发经费支出相当于全市生产总值的比例", "%") == "rd_intensity"


def test_every_indicator_id_has_a_name_in_both_languages():
    """Tables, charts and pages show indicators by name (lexicon/indicator_names.tsv), never by a bare id."""
    from annotate.lexicon import DIR
    from annotate.render.labels import _indicator_names, indicator_name

    ids = set()
    for line in (DIR / "indicators.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            if cells[1] != "@pair":
                ids.update(c for c in cells[1:3] if c)
    assert ids
    names = _indicator_names()
    for ident in ids:
        assert ident in names and all(names[ident]), ident
    assert indicator_name("gdp_growth", "zh") == "生产总值（GDP）增长"
    assert indicator_name("some_new_id", "zh") == "some_new_id"  # a user's new id still shows
