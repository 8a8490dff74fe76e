"""Report identity: issuer, region, level, year, delivered, kind, with evidence; overrides and sidecars.

Synthetic reports in the shapes real ones take (examples invented; the corpus is checked in
test_corpus_identity.py).
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotate.cli import main
from annotate.errors import AnnotateError
from annotate.reading.identity import Hints, npc_year
from annotate.pipeline import read_report

BODY = ("过去一年，全省上下坚持稳中求进工作总基调，经济运行总体平稳、稳中有进，高质量发展取得新成效。"
        "地区生产总值增长5.5%，一般公共预算收入增长4.1%，城乡居民收入稳步提高，社会大局保持稳定。") * 3
PLAN = "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业60万人以上。"


def _report(tmp_path, lines: list[str], name: str = "report.txt"):
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def _parts(review: int, plan: int) -> list[str]:
    return [f"一、{review}年工作回顾", BODY, f"二、{plan}年主要任务", PLAN, BODY]


def _meta(tmp_path, lines, name="report.txt", hints=None):
    return read_report(str(_report(tmp_path, lines, name)), hints=hints).meta


def _sources(meta, field):
    return [e.source for e in meta.identity_evidence if e.field == field]


def test_province_whose_title_does_not_name_it(tmp_path):
    m = _meta(tmp_path, ["政府工作报告", "各位代表：", "现在，我代表省人民政府，向大会报告工作，请予审议。",
                         "在中共湖南省委的坚强领导下，全省人民团结奋斗。湖南经济稳中向好，湖南人民安居乐业，湖南发展后劲增强。",
                         *_parts(2025, 2026)])
    assert (m.issuer, m.region, m.level, m.year, m.review_year) == ("湖南省人民政府", "湖南省", "province", 2026, 2025)
    assert "body" in _sources(m, "region")


def test_short_forms_become_the_canonical_name(tmp_path):
    m = _meta(tmp_path, ["2026年江西省政府工作报告", "——2026年1月20日在江西省第十四届人民代表大会第五次会议上",
                         "各位代表：", *_parts(2025, 2026)])
    assert (m.issuer, m.region, m.year, m.delivered) == ("江西省人民政府", "江西省", 2026, "2026-01-20")


@pytest.mark.parametrize("title, issuer, region", [
    ("2025年广西壮族自治区政府工作报告", "广西壮族自治区人民政府", "广西壮族自治区"),
    ("2025年内蒙古自治区政府工作报告", "内蒙古自治区人民政府", "内蒙古自治区"),
    ("2025年宁夏回族自治区政府工作报告", "宁夏回族自治区人民政府", "宁夏回族自治区"),
])
def test_autonomous_regions_are_kept_apart(tmp_path, title, issuer, region):
    m = _meta(tmp_path, [title, "各位代表：", "现在，我代表自治区人民政府，向大会报告工作。", *_parts(2024, 2025)])
    assert (m.issuer, m.region, m.level) == (issuer, region, "province")


def test_city_and_district_levels(tmp_path):
    m = _meta(tmp_path, ["2025年淮安市政府工作报告", "各位代表：", *_parts(2024, 2025)])
    assert (m.issuer, m.region, m.level) == ("淮安市人民政府", "淮安市", "city")
    m = _meta(tmp_path, ["关于北京市通州区2021年国民经济和社会发展计划执行情况与2022年国民经济和社会发展计划草案的报告",
                         "——2021年12月15日在北京市通州区第七届人民代表大会第一次会议上", "北京市通州区发展和改革委员会",
                         "各位代表：", *_parts(2021, 2022)])
    assert (m.issuer, m.region, m.level, m.kind) == ("北京市通州区发展和改革委员会", "北京市通州区", "district", "plan-report")
    assert (m.year, m.delivered, m.review_year) == (2022, "2021-12-15", 2021)


@pytest.mark.parametrize("meeting, year", [
    ("第一届全国人民代表大会第二次会议", 1955), ("第五届全国人民代表大会", 1978), ("第五届全国人民代表大会第四次会议", 1981),
    ("第八届全国人民代表大会第二次会议", 1994), ("第十四届全国人民代表大会第三次会议", 2025), ("第一届全國人民代表大會第一次會議", 1954),
])
def test_npc_sessions_date_national_reports(meeting, year):
    assert npc_year(meeting) == year


def test_national_report_without_title_or_dateline(tmp_path):
    m = _meta(tmp_path, ["各位代表：", "现在，我代表国务院向第八届全国人民代表大会第二次会议作政府工作报告，请予审议。",
                         "一、1993年国内工作的回顾和1994年工作的基本方针", BODY.replace("全省", "全国"), "二、加快改革", PLAN])
    assert (m.issuer, m.region, m.level, m.year, m.delivered) == ("国务院", "全国", "national", 1994, "1994")
    assert _sources(m, "delivered") == ["meeting"]


def test_central_peoples_government_is_the_state_council(tmp_path):
    m = _meta(tmp_path, ["各位代表：", "现在，我代表中央人民政府作工作报告。", "一、1953年工作回顾", BODY, "二、今后的任务", PLAN])
    assert (m.issuer, m.region, m.year) == ("国务院", "全国", 1954)


def test_traditional_copies(tmp_path):
    hk = _meta(tmp_path, ["行政長官2025年施政報告", "第一章　前言", "1. 香港特區政府致力推動經濟發展，改善民生。" * 12,
                          "第二章　經濟", "2. 政府將推動創新科技產業，發展金融中心，鞏固國際航運中心地位。" * 10])
    assert (hk.issuer, hk.region, hk.level, hk.kind, hk.year) == ("香港特別行政區行政長官", "香港特别行政区", "sar",
                                                                 "policy-address", 2025)
    old = _meta(tmp_path, ["各位代表：", "我們第一届全國人民代表大會第一次會議已經光榮地完成了工作。現在，我代表中央人民政府作工作報告。",
                           "一", "我國偉大的人民革命的根本目的，是解放我國的生産力，使國民經濟有計劃地迅速發展。" * 6,
                           "二", "全國人民團結一致，為建設社會主義而奮鬥，努力完成國家的各項任務。" * 6])
    assert (old.issuer, old.year) == ("国务院", 1954)  # a mainland body keeps its simplified name


def test_conflicting_years_warn_and_name_both(tmp_path):
    m = _meta(tmp_path, ["2025年河北省政府工作报告", "——2024年1月20日在河北省第十四届人民代表大会第二次会议上",
                         "各位代表：", *_parts(2024, 2025)])
    assert m.year == 2025
    assert any("2025" in w and "2024" in w for w in m.identity_warnings)


def test_unknown_identity_is_said_not_guessed(tmp_path):
    m = _meta(tmp_path, ["各位代表：", BODY.replace("全省", "大家"), BODY], name="notes.txt")
    assert m.issuer is None and m.year is None
    assert any("issuer not found" in w for w in m.identity_warnings)
    assert any("year not found" in w for w in m.identity_warnings)


def test_file_name_is_the_last_resort(tmp_path):
    m = _meta(tmp_path, ["各位代表：", "现在，我代表国务院向大会作政府工作报告。", BODY, BODY],
              name="national-1960-gov-work-report.txt")
    assert m.year == 1960 and _sources(m, "year") == ["file name"]


def test_sidecar_and_override(tmp_path):
    lines = ["各位代表：", "现在，我代表省人民政府向大会报告工作。", BODY, BODY]
    path = _report(tmp_path, lines, "hn.txt")
    (tmp_path / "hn.meta.json").write_text(json.dumps({"issuer": "湖南省人民政府", "year": 2026}), encoding="utf-8")
    m = read_report(str(path)).meta
    assert (m.issuer, m.region, m.year, m.review_year) == ("湖南省人民政府", "湖南省", 2026, 2025)
    assert set(_sources(m, "issuer")) == {"sidecar"} and _sources(m, "year") == ["sidecar"]
    # the command line wins over the sidecar
    m = read_report(str(path), hints=Hints(year=2027)).meta
    assert (m.year, m.issuer) == (2027, "湖南省人民政府")
    (tmp_path / "hn.meta.json").write_text('{"issuer": "湖南省人民政府", "yaer": 2026}', encoding="utf-8")
    with pytest.raises(AnnotateError, match="hn.meta.json"):
        read_report(str(path))


def test_cli_overrides_and_their_errors(tmp_path):
    path = _report(tmp_path, ["2025年浙江省政府工作报告", "各位代表：", *_parts(2024, 2025)])
    res = CliRunner().invoke(main, ["tag", str(path), "--format", "json", "--issuer", "浙江省人民政府", "--year", "2026"])
    assert res.exit_code == 0, res.output
    meta = json.loads(res.stdout)["meta"]
    assert (meta["issuer"], meta["year"], meta["region"], meta["level"]) == ("浙江省人民政府", 2026, "浙江省", "province")
    assert {"field": "year", "value": "2026", "source": "override", "text": "year=2026"} in meta["identity_evidence"]
    # the XML written by tag reads back with the same identity, and an override applies to it too
    xml = tmp_path / "r.xml"
    assert CliRunner().invoke(main, ["tag", str(path), "-o", str(xml)]).exit_code == 0
    res = CliRunner().invoke(main, ["tag", str(xml), "--format", "json", "--year", "2030"])
    assert json.loads(res.stdout)["meta"]["year"] == 2030
    res = CliRunner().invoke(main, ["diff", str(path), str(path), "--year", "2025"])
    assert res.exit_code == 2 and "meta.json" in res.output


def test_targets_rows_carry_identity(tmp_path):
    path = _report(tmp_path, ["2025年浙江省政府工作报告", "各位代表：", *_parts(2024, 2025)])
    res = CliRunner().invoke(main, ["targets", str(path), "--format", "csv"])
    header, first = res.stdout.splitlines()[:2]
    assert header.startswith("file,issuer,region,year,")
    assert ",浙江省人民政府,浙江省,2025," in first


def test_timeline_lists_reports_it_cannot_place(tmp_path):
    good = _report(tmp_path, ["2025年浙江省政府工作报告", "各位代表：", *_parts(2024, 2025)], "a.txt")
    lost = _report(tmp_path, ["各位代表：", BODY.replace("全省", "大家"), PLAN], "b.txt")
    res = CliRunner().invoke(main, ["timeline", str(good), str(lost), "--format", "json"])
    assert res.exit_code == 0
    rows = json.loads(res.stdout)
    assert [r["status"] for r in rows if r["file"] == str(lost)] == ["unidentified"]
    assert "b.txt" in res.stderr and "year not found" in res.stderr


def test_ambiguous_district_is_placed_by_the_province_the_report_names(tmp_path):
    body = "在北京市委的坚强领导下，全区上下服务北京城市副中心建设，北京发展大局稳定，北京人民满意。" * 2
    m = _meta(tmp_path, ["2025年通州区政府工作报告", "各位代表：", "现在，我代表区人民政府向大会报告工作。", body,
                         *_parts(2024, 2025)])
    assert (m.issuer, m.region, m.level) == ("北京市通州区人民政府", "北京市通州区", "district")


def test_macao_policy_address_whose_title_names_no_place(tmp_path):
    m = _meta(tmp_path, ["二〇二五年財政年度施政報告", "一、施政回顧",
                         "過去一年，澳門特區政府推動經濟適度多元發展，澳門經濟持續復甦，澳門居民生活改善。" * 6,
                         "二、施政方針", "澳門將推進橫琴粵澳深度合作區建設，促進澳門經濟發展。" * 6])
    assert (m.issuer, m.region, m.level, m.kind, m.year) == ("澳門特別行政區行政長官", "澳门特别行政区", "sar",
                                                            "policy-address", 2025)


def test_executive_yuan_reports_and_their_calendar(tmp_path):
    m = _meta(tmp_path, ["行政院施政報告", "一、前言",
                         "本院依憲法規定向立法院提出施政報告。中華民國114年，政府推動經濟發展，照顧人民生活。" * 6,
                         "二、施政重點", "政府將持續推動產業創新，強化社會安全網，完善長期照顧體系。" * 6])
    assert (m.issuer, m.kind, m.year) == ("行政院", "policy-address", 2025)
    assert m.region == "台湾"  # as the report names its jurisdiction, not the gazetteer's 台湾省


@pytest.mark.parametrize("title, issuer, kind, year", [
    ("湖南省2026年政府工作报告", "湖南省人民政府", "gov-work-report", 2026),
    ("关于湖南省2025年国民经济和社会发展计划执行情况与2026年计划草案的报告", "湖南省发展和改革委员会", "plan-report", 2026),
    ("关于安徽省2025年预算执行情况和2026年预算草案的报告", "安徽省财政厅", "budget-report", 2026),
    ("2026年南京市政府工作报告", "南京市人民政府", "gov-work-report", 2026),
    ("2026年浦东新区政府工作报告", "上海市浦东新区人民政府", "gov-work-report", 2026),
])
def test_title_shapes(tmp_path, title, issuer, kind, year):
    m = _meta(tmp_path, [title, "各位代表：", *_parts(year - 1, year)])
    assert (m.issuer, m.kind, m.year) == (issuer, kind, year)


@pytest.mark.parametrize("lines, issuer, region, level, kind, year", [
    (["上海市普陀区财政局2024年度部门决算", "第一部分上海市普陀区财政局概况", "一、主要职能"],
     "上海市普陀区财政局", "上海市普陀区", "district", "final-accounts-report", 2024),
    (["上海市2025年市级单位预算", "预算单位：上海市财政局（单位）主要职能", "一、主要职能"],
     "上海市财政局", "上海市", "province", "budget-report", 2025),
    (["洪泽区人民政府", "2023年政府信息公开工作年度报告", "一、总体情况"],
     "淮安市洪泽区人民政府", "淮安市洪泽区", "district", "info-disclosure-report", 2023),
])
def test_reports_whose_first_lines_stand_for_title_and_issuer(tmp_path, lines, issuer, region, level, kind, year):
    body = "本单位认真贯彻落实各项决策部署，依法履行职责，加强预算管理，提高资金使用效益，推动各项工作取得新进展。" * 4
    m = _meta(tmp_path, [*lines, body, "二、工作情况", body], name="doc.txt")
    assert (m.issuer, m.region, m.level, m.kind, m.year) == (issuer, region, level, kind, year)


def test_executive_yuan_cover_spaced_out(tmp_path):
    body = "本院持續推動各項施政，照顧人民生活，強化國家發展動能，落實憲政體制與權力分立原則。" * 6
    m = _meta(tmp_path, ["行\t政\t院", "113年度中央政府總預算", "追加預算案", "中華民國113年11月19日",
                         "各位委員，大家好：", body, "一、編製情形", body], name="doc.txt")
    assert (m.issuer, m.kind, m.year) == ("行政院", "budget-report", 2024)


@pytest.mark.parametrize("title, year", [
    ("二零零六至零七年施政报告", 2006),  # the Hong Kong addresses of 2005-2012 are named by their financial year
    ("二〇一一至一二年施政报告", 2011),
    ("2026-27年度施政报告", 2026),
])
def test_a_policy_address_named_by_a_span_of_years_is_of_its_first(tmp_path, title, year):
    body = "香港特别行政区政府将继续推动经济发展，改善民生，加强与内地合作，巩固香港国际金融中心地位。" * 6
    m = _meta(tmp_path, [title, "一、引言", body, "二、经济发展", body], name="pa.txt")
    assert (m.region, m.kind, m.year) == ("香港特别行政区", "policy-address", year)


def test_identity_of_the_shared_pdfs():
    """Every text-layer PDF in ../shared/pdf: issuer (as SOURCES.tsv writes it in Chinese; Hong Kong
    rows are written in English there, so their region is checked) and year of delivery."""
    import csv
    import re
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent.parent / "shared" / "pdf"
    if not (folder / "SOURCES.tsv").is_file():
        pytest.skip("../shared/pdf is absent")
    pytest.importorskip("pypdfium2")
    wrong = []
    with open(folder / "SOURCES.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for row in rows:
        if "IMAGEONLY" in row["file"]:
            continue
        m = read_report(str(folder / row["file"])).meta
        named = re.match(r"[\u4e00-\u9fff]+", row["issuer"])
        got_who = m.issuer if named else m.region
        want_who = named.group(0) if named else "香港特别行政区"
        if (got_who, m.year) != (want_who, int(row["year"][:4])):
            wrong.append((row["file"], m.issuer, m.region, m.year))
    assert wrong == []


def test_the_national_issuer_quotes_the_words_that_made_the_report_national():
    """国务院 comes from the dateline naming the National People's Congress: its evidence quotes that
    dateline (as the region's does), not the kind id ``gov-work-report``."""
    from pathlib import Path

    m = read_report(str(Path(__file__).resolve().parent.parent / "examples/national-2024-gov-work-report.txt")).meta
    ev = {e.field: e for e in m.identity_evidence}
    assert (ev["issuer"].value, ev["issuer"].source) == ("国务院", "dateline")
    assert ev["issuer"].text == ev["region"].text == "——2024年3月5日在第十四届全国人民代表大会第二次会议上"
