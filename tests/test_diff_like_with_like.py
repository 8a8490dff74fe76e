"""Changes pair like with like (issue 11).

Number changes: the same metric, unit kind and span of time.  The redline boxed ``百亿企业12家`` →
``规上工业企业900家`` and a five-year count against one year's as changed values.
Modality changes: the same clause with another modal verb.  A ``力争`` that left with a rewritten
clause was reported as ``力争 → ∅``.
Sentences below are shaped on the provincial 2025 → 2026 and national 2016 → 2017 and 2023 → 2024
pairs of the corpus (``python bench/count_changes.py --list …`` lists them all).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotate.comparing.compare import compare
from annotate.comparing.diff import is_level, metric_words, same_metric
from annotate.comparing.horizon import horizon_at, passage_horizons
from annotate.reading.tokenize import tokenize

from test_diff import changes_of, make_report


def kinds(old: str, new: str) -> list[str]:
    return [k for k, _, _ in changes_of(old, new)]


def number_changes(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    c = compare(make_report(old), make_report(new))
    return [(ch.old_text, ch.new_text) for ch in c.changes if ch.kind == "number_changed"]


# --------------------------------------------------------------------------- metric words


def words_before(text: str) -> str:
    toks = tokenize(text)
    k = max(i for i, t in enumerate(toks) if t.kind == "num")
    return metric_words(toks, k)


def test_metric_words_leave_out_modal_and_change_words():
    assert words_before("规上工业增加值力争达到7%") == "规上工业增加值"
    assert words_before("增长6%以上、力争达到7%") == ""
    assert words_before("居民人均可支配收入实际增长4.4%") == "居民人均可支配收入"
    assert words_before("城镇调查失业率控制在5.5%") == "城镇调查失业率"
    assert words_before("预期全年城镇新增就业不少于26万人") == "城镇新增就业"
    assert words_before("百亿企业12家") == "百亿企业"
    # after 等 the words before are examples: what is counted follows the number
    assert words_before("提速高青至商河等34个续建项目") == "项目"  # 续建: a verb at the head


def test_same_metric_by_wording_lexicon_and_added_words():
    assert same_metric("百亿企业", "规上工业企业") is False
    assert same_metric("新能源汽车产量", "无人机产量") is False
    assert same_metric("新增城镇就业", "农村劳动力转移就业") is False
    assert same_metric("国内生产总值", "经济") is False
    assert same_metric("国内生产总值", "经济增长") is True  # one indicator (lexicon)
    assert same_metric("城镇新增就业", "新增城镇就业") is True
    assert same_metric("地方性法规草案", "地方性法规") is True
    assert same_metric("高速公路通车里程", "高速公路里程") is True
    # another subject before the same metric (huaian hongze 2023 → 2024, the shared PDFs)
    assert same_metric("全区受理政府信息公开申请", "区政府办代表区政府受理政府信息公开申请") is True
    # …but not another modifier before a shared head (national 2017 → 2018, a list in another order)
    assert same_metric("清洁能源消费比重", "煤炭消费比重") is False
    assert same_metric("", "规上工业企业") is None  # nothing to compare: no evidence


@given(st.text(alphabet="企业工业规上百亿产量新能源汽车无人机就业城镇", max_size=8),
       st.text(alphabet="企业工业规上百亿产量新能源汽车无人机就业城镇", max_size=8))
def test_same_metric_is_symmetric_and_reflexive(a, b):
    assert same_metric(a, b) == same_metric(b, a)
    assert same_metric(a, a) is (True if a else None)


# --------------------------------------------------------------------------- changes


def test_another_metric_before_the_number_is_a_rewording():
    got = changes_of("全市百亿企业12家，营业收入增长8%。", "全市规上工业企业900家，营业收入增长8%。")
    assert "number_changed" not in [k for k, _, _ in got]
    assert ("replaced", "全市百亿企业12家", "全市规上工业企业900家") in got
    # one replaced stretch: metric and number together
    assert changes_of("新能源汽车产量增长43%、占全国1/4。", "无人机产量增长39%、占全国1/4。") == [
        ("replaced", "新能源汽车产量增长43%", "无人机产量增长39%")]
    assert "number_changed" not in kinds("新增城镇就业17.2万人，城镇调查失业率控制在5%以内。",
                                         "农村劳动力转移就业53.47万人，城镇调查失业率控制在5%以内。")


def test_the_same_metric_with_modal_or_change_words_is_still_a_number_change():
    assert ("number_changed", "4.5%左右", "4.4%") in changes_of(
        "居民人均可支配收入增长4.5%左右，居民消费价格涨幅2%左右。",
        "居民人均可支配收入实际增长4.4%，居民消费价格涨幅2%左右。")
    assert ("number_changed", "5%左右", "5.5%左右") in changes_of(
        "国内生产总值增长5%左右；城镇新增就业1200万人以上。", "经济增长5.5%左右；城镇新增就业1200万人以上。")
    assert ("number_changed", "21.6%", "24.5%") in changes_of(
        "全年新登记企业增长21.6%，平均每天新增1.2万户。", "全年新登记注册企业增长24.5%，平均每天新增1.2万户。")
    assert ("number_changed", "34个", "23个") in changes_of(
        "提速高青至商河等34个续建项目。", "提速庆云至章丘等23个续建项目。")


def test_a_unit_of_another_kind_is_another_measure():
    assert "number_changed" not in kinds("食品安全工作考核连续6年获评国家A级。", "食品安全工作考核连续10次获评国家A级。")
    # counting words are one kind: 876部 → 869台 elevators is the same count
    assert ("number_changed", "876部", "869台") in changes_of("老楼加装电梯876部。", "老楼加装电梯869台。")


def test_five_years_in_the_clause_is_not_the_years_figure():
    assert changes_of("居民人均可支配收入增长4.4%，底线兜牢。", "居民人均可支配收入五年增长30.8%，底线兜牢。") == [
        ("replaced", "增长4.4%", "五年增长30.8%")]


# --------------------------------------------------------------------------- passages of five years


ONE_YEAR = ["一、2022年工作回顾", "过去一年，我们扎实做好各项工作。",
            "提请全国人大常委会审议法律议案10件，制定修订行政法规25件。", "常住人口城镇化率达到75.5%。"]
FIVE_YEARS = ["一、过去一年和五年工作回顾", "过去五年极不寻常、极不平凡。",
              "提请全国人大常委会审议法律议案50件，制定修订行政法规180件。", "常住人口城镇化率达到76.2%。"]


def test_a_five_year_total_against_one_years_count_is_no_number_change():
    got = number_changes(ONE_YEAR, FIVE_YEARS)
    assert ("10件", "50件") not in got and ("25件", "180件") not in got
    # a level reached is a level whatever the span
    assert ("75.5%", "76.2%") in got
    # two one-year passages still pair their counts
    later = ["一、2023年工作回顾", "一年来，我们扎实做好各项工作。",
             "提请全国人大常委会审议法律议案12件，制定修订行政法规25件。", "常住人口城镇化率达到76.2%。"]
    assert ("10件", "12件") in number_changes(ONE_YEAR, later)


def test_passage_horizons_follow_the_openings():
    r = make_report(["一、“十四五”时期和2025年工作回顾", "过去的五年极不寻常。城镇新增就业603.7万人。",
                     "综合实力稳步提升。", "刚刚过去的2025年很不平凡。城镇新增就业120万人。", "五年来，我们坚持改革。"])
    h = passage_horizons(r)
    at = [horizon_at(h, b.start) for b in r.blocks]
    # the heading names both spans and decides nothing; the openings do
    assert at == ["year", "multi_year", "multi_year", "year", "multi_year"]


def test_levels_are_rates_ages_runs_and_values_reached():
    def level(text: str) -> bool:
        toks = tokenize(text)
        return is_level(toks, max(i for i, t in enumerate(toks) if t.kind == "num"))

    assert level("常住人口城镇化率76.2%")
    assert level("人均预期寿命提高到78.8岁")
    assert level("地区生产总值迈上6万亿元台阶，达到62661亿元")
    assert not level("城镇新增就业603.7万人")
    assert not level("办理人大代表建议1749件")


# --------------------------------------------------------------------------- modality


def test_a_modal_verb_that_left_with_its_clause_is_part_of_the_rewording():
    """zhejiang 2025 → 2026: 力争 went with a growth target that became a share target."""
    got = changes_of("提升产业集群建设水平，力争战略性新兴产业增加值增长7.5%。",
                     "推动新兴产业集群发展，战略性新兴产业增加值占规上工业比重达到35%左右。")
    assert "modality_changed" not in [k for k, _, _ in got]
    assert ("replaced", "力争战略性新兴产业增加值增长7.5%", "战略性新兴产业增加值占规上工业比重达到35%左右") in got
    # sichuan: ∅ → 努力 in a rewritten clause
    assert changes_of("我们将直面这些问题，在今后的工作中着力解决。", "我们将加大工作力度，努力在发展中加以解决。") == [
        ("replaced", "直面这些问题", "加大工作力度"), ("replaced", "在今后的工作中着力解决", "努力在发展中加以解决")]
    # beijing: 持续提升 粮食单产 → 确保 粮食播种面积稳定: another object
    assert ("replaced", "持续提升粮食单产", "确保粮食播种面积稳定") in changes_of(
        "建设高标准农田15万亩，持续提升粮食单产，蔬菜产量稳定。", "建设高标准农田12万亩，确保粮食播种面积稳定，蔬菜产量稳定。")
    # national 2016 → 2017: 增加 服务外包示范城市 → 设立 服务贸易创新发展引导基金
    assert changes_of("推进服务贸易创新发展试点，增加服务外包示范城市，加快发展。",
                      "推进服务贸易创新发展试点，设立服务贸易创新发展引导基金，加快发展。") == [
        ("replaced", "增加服务外包示范城市", "设立服务贸易创新发展引导基金")]


def test_one_clause_with_another_modal_verb_is_a_modality_change():
    # hainan: one project, from starting work to completion
    assert ("modality_changed", "开工建设", "建成") in changes_of(
        "全面开工建设海南师范大学桂林洋校区规划项目。", "全面建成海南师范大学桂林洋校区。")
    # zhejiang: 力争 dropped before the same target
    assert ("modality_changed", "力争", "") in changes_of(
        "深化多式联运集成改革，力争宁波舟山港集装箱吞吐量突破4000万标箱。",
        "深化多式联运集成改革，宁波舟山港集装箱吞吐量达到4500万标箱。")
    assert changes_of("以实际行动坚定拥护“两个确立”、坚决做到“两个维护”。",
                      "以实际行动坚定拥护“两个确立”、做到“两个维护”。") == [("modality_changed", "坚决", "")]
    # national 2016 → 2017: a word fewer in the object keeps it the same object
    assert ("modality_changed", "鼓励", "加快") in changes_of("提高清洁能源比重。鼓励秸秆资源化综合利用。",
                                                        "提高清洁能源比重。加快秸秆综合利用。")
