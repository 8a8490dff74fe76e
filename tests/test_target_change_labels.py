"""Labels of wordless target changes (issue 11): what a reader would quote as changed.

Found by reading the headline target changes of the national 2015-2025 and provincial
2025 → 2026 pairs: a conjunction swapped (与 → 和) was labelled ``reworded``, and a target split
from a list of metrics was compared with the whole list's wording.
"""

from __future__ import annotations

from annotate.comparing.compare import target_change
from annotate.model import Target


def wordless(text: str, metric: str, indicator: str) -> Target:
    return Target("t1", "p1", 0, len(text), text, indicator=indicator, metric=metric)


def test_words_that_say_nothing_different_leave_a_target_unchanged():
    pairs = [("居民收入增长与经济增长同步", "居民收入增长和经济增长同步"),  # hubei, shandong, beijing 2025 → 2026
             ("居民收入增长和经济增长基本同步", "居民收入增长与经济增长基本同步"),  # national 2018 → 2019
             ("居民收入增长与经济增长同步", "居民收入增长同经济增长同步")]
    for old, new in pairs:
        assert target_change(wordless(old, old[:4], "x"), wordless(new, new[:4], "x")) == "unchanged", (old, new)


def test_a_changed_wording_is_still_reworded():
    pairs = [("居民收入增长与经济增长基本同步", "居民收入增长和经济增长同步"),  # 基本 dropped: a firmer promise
             ("居民人均可支配收入增长与经济增长保持同步", "居民人均可支配收入增长与经济增长保持基本同步"),
             ("进出口稳中提质", "进出口稳量提质"), ("生态环境质量稳定改善", "生态环境质量持续改善"),
             ("居民收入增长和经济增长基本同步", "居民收入和经济增长基本同步")]
    for old, new in pairs:
        assert target_change(wordless(old, old[:4], "x"), wordless(new, new[:4], "x")) == "reworded", (old, new)


def test_wording_that_says_the_same_is_unchanged():
    """保持 adds nothing, and the metric's own words are the indicator's business (hand labels of 16 year pairs):
    居民人均可支配收入增长与经济增长同步 → 居民收入增长与经济增长同步 is the same promise."""
    pairs = [("国际收支基本平衡", "国际收支保持基本平衡", "国际收支"),
             ("居民收入增长与经济增长保持同步", "居民收入增长与经济增长同步", "居民收入"),
             ("宏观杠杆率保持基本稳定", "宏观杠杆率基本稳定", "宏观杠杆率")]
    for old, new, metric in pairs:
        assert target_change(wordless(old, metric, "x"), wordless(new, metric, "x")) == "unchanged", (old, new)
    assert target_change(wordless("居民人均可支配收入增长与经济增长同步", "居民人均可支配收入", "income_growth"),
                         wordless("居民收入增长与经济增长同步", "居民收入", "income_growth")) == "unchanged"


def test_a_target_split_from_a_list_is_compared_by_its_own_wording():
    """shanghai 2025 → 2026: the carbon target of 单位生产总值能耗、单位生产总值二氧化碳排放量进一步下降 is
    the one of 单位生产总值二氧化碳排放量进一步下降."""
    old = wordless("单位生产总值能耗、单位生产总值二氧化碳排放量进一步下降", "单位生产总值二氧化碳排放量", "carbon_intensity")
    new = wordless("单位生产总值二氧化碳排放量进一步下降", "单位生产总值二氧化碳排放量", "carbon_intensity")
    assert target_change(old, new) == "unchanged"
    # the first metric of the list takes the shared predicate too
    energy = wordless("单位生产总值能耗、单位生产总值二氧化碳排放量进一步下降", "单位生产总值能耗", "energy_intensity")
    assert target_change(energy, wordless("单位生产总值能耗进一步下降", "单位生产总值能耗", "energy_intensity")) == "unchanged"
    assert target_change(energy, wordless("单位生产总值能耗持续下降", "单位生产总值能耗", "energy_intensity")) == "reworded"
