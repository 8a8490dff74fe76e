"""The target-change scorer (bench/evaluate_target_changes.py) and its tiny gold (issue 11)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "target_changes"

_spec = importlib.util.spec_from_file_location("evaluate_target_changes", ROOT / "bench" / "evaluate_target_changes.py")
ev = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = ev  # dataclasses look their module up while the class is made
_spec.loader.exec_module(ev)


def test_quotes_are_found_whatever_the_whitespace_and_width():
    text = "主要预期目标是：国内生产总值增长6.5%-7%，城镇新增就业\n1000万人以上。"
    start = text.index("国内")
    assert ev.locate("国内生产总值增长6.5%－7%", text) == [(start, start + len("国内生产总值增长6.5%-7%"))]
    s, e = ev.locate("城镇新增就业1000万人 以上", text)[0]
    assert text[s:e] == "城镇新增就业\n1000万人以上"
    assert ev.locate("粮食产量", text) == []
    assert ev.sentence_span(text, start, start + 5) == (0, text.index("\n") + 1)  # a line break ends it


def side(start: int, end: int, sentence=(0, 100)):
    return ev.Side((start, end), sentence)


def test_rows_match_by_the_sentence_holding_the_quote_and_the_nearest_target():
    # two targets in one sentence: each gold row takes the prediction whose target starts at its quote
    gold = [ev.Gold("居民消费价格涨幅", "unchanged", 0.0, ((10, 21),), ((10, 21),)),
            ev.Gold("城镇新增就业", "raised", 100.0, ((22, 35),), ((22, 35),))]
    pred = [ev.Predicted("urban_new_jobs", "raised", 100.0, side(22, 35), side(22, 35)),
            ev.Predicted("cpi", "unchanged", 0.0, side(10, 21), side(10, 21))]
    s = ev.score_pair("p", gold, pred)
    assert (s.matched, s.label_agree, s.label_total, s.delta_agree, s.delta_total) == (2, 2, 2, 2, 2)


def test_disagreements_and_unmatched_predictions_count_against():
    gold = [ev.Gold("国内生产总值", "lowered", -0.5, ((0, 12),), ((0, 10),)),
            ev.Gold("粮食产量", "added", None, (), ((50, 60),))]
    pred = [ev.Predicted("gdp_growth", "lowered", -0.25, side(0, 12), side(0, 10)),  # right label, wrong delta
            ev.Predicted("grain_output", "unchanged", 0.0, side(50, 60), side(50, 60)),  # wrong label
            ev.Predicted("cpi", "unchanged", 0.0, side(200, 210, (200, 220)), side(200, 210, (200, 220)))]
    s = ev.score_pair("p", gold, pred)
    assert (s.matched, s.label_agree, s.label_total) == (2, 1, 3)  # the cpi prediction is no gold row
    assert (s.delta_agree, s.delta_total) == (0, 1)  # the grain row: gold gives no delta
    assert any("not in the gold" in m for m in s.misses)
    assert any(m.startswith("delta: gold -0.5, predicted -0.25") for m in s.misses)
    # a quote nowhere: a miss of its own
    s = ev.score_pair("p", [ev.Gold("x", "removed", None, (), ())], [])
    assert s.label_agree == 0 and s.label_total == 1 and s.misses[0].startswith("quote not found")


def test_national_2016_to_2017_agrees_with_the_hand_labels(corpus):
    scores = ev.evaluate(GOLD, corpus, echo=False)
    assert [s.name for s in scores] == ["national-2016-gov-work-report.txt → national-2017-gov-work-report.txt"]
    s = scores[0]
    assert (s.gold, s.matched, s.label_agree, s.label_total) == (9, 9, 9, 9), s.misses
    assert (s.delta_agree, s.delta_total) == (5, 5), s.misses


def _labels_at_least(corpus, folder: str, pairs: int, agree: int, total: int) -> list:
    """The scores of gold folder ``folder`` (``pairs`` files), asserting at least ``agree`` labels agree
    of at most ``total`` (unmatched predictions count in the total)."""
    scores = ev.evaluate(GOLD / folder, corpus, echo=False)
    assert len(scores) == pairs
    got = sum(s.label_agree for s in scores)
    counted = sum(s.label_total for s in scores)
    assert got >= agree and counted <= total, [m for s in scores for m in s.misses]
    return scores


def test_sixteen_pairs_labelled_blind_agree_at_least_as_well_as_measured(corpus):
    """tests/gold/target_changes/heldout (README): 163 of 163 labels agreed when last measured, every delta.
    A floor against regressions, not a target: the issue asks for 0.95 on reports we don't have."""
    scores = _labels_at_least(corpus, "heldout", pairs=16, agree=163, total=163)
    assert sum(s.delta_agree for s in scores) == sum(s.delta_total for s in scores) == 23


def test_old_national_pairs_labelled_blind_agree_at_least_as_well_as_measured(corpus):
    """tests/gold/target_changes/old (README): 8 national pairs 1956-1995, 35 of 138 labels blind;
    53 of 92 when last measured (39 at the start of round 5).  A floor against regressions: most rows left are soft (worded money,
    credit and deficit goals the prose plans never state as figures)."""
    scores = _labels_at_least(corpus, "old", pairs=8, agree=53, total=92)
    assert sum(s.delta_agree for s in scores) >= 9


def test_nine_pairs_kept_blind_for_a_round_agree_at_least_as_well_as_measured(corpus):
    """tests/gold/target_changes/blind2 (README): 9 national and Shanghai pairs, labelled blind and kept
    outside the repository for a whole round; 95 of 105 labels at that round's start, 100 of 105 at its
    end (the first reading of its misses).  A floor against regressions."""
    scores = _labels_at_least(corpus, "blind2", pairs=9, agree=100, total=105)
    assert sum(s.delta_agree for s in scores) == sum(s.delta_total for s in scores) == 24


def test_round_5_blind_pairs_agree_at_least_as_well_as_measured(corpus):
    """tests/gold/target_changes/blind3 (README): six old national pairs (1955-1988) and three Hong Kong
    goal pairs (``"scope": "goal"``), labelled blind and kept outside the repository for round 5; 6 of 131
    labels at its start, 9 of 135 at its end (unmatched predictions count against); 13 of 135 once 1959's
    四项指标 list is read (branch t6, which read this gold: no longer blind); 18 of 135 once Hong Kong's
    forecast figures are goals (h7).  A floor against
    regressions: its labeller took five-year plan figures and worded goals as the main targets of years
    whose reports set no yearly figures (1982-1988), which this code reads as multi-year or no targets."""
    scores = _labels_at_least(corpus, "blind3", pairs=9, agree=18, total=135)
    assert sum(s.delta_agree for s in scores) >= 11
