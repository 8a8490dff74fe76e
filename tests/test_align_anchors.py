"""Anchor-first candidate search (issue 17): bigram numbering, patience anchors, windows, and
what the alignment finds when the reports are far longer than a window."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.comparing import align
from annotate.model import Block, Meta, Report
from annotate.reading.tokenize import tokenize


def report(paragraphs: list[str]) -> Report:
    text = "\n".join(paragraphs)
    blocks, pos = [], 0
    for k, p in enumerate(paragraphs):
        blocks.append(Block(f"p{k + 1}", "p", None, pos, pos + len(p)))
        pos += len(p) + 1
    return Report(meta=Meta(), text=text, blocks=tuple(blocks))


def segs(r: Report):
    return align.segments(r, tokenize(r.text))


def test_gram_tables_give_each_distinct_bigram_one_number_on_both_sides():
    old, new = segs(report(["经济增长。", "发展。"])), segs(report(["经济发展。", "稳。"]))
    og, ng = align._gram_tables(old, new)
    # 经济增长 → 经济 济增 增长; 经济发展 → 经济 济发 发展: one shared number (经济)
    assert len(og[0]) == 3 and len(ng[0]) == 3
    assert len(set(og[0]) & set(ng[0])) == 1
    assert set(og[1]) <= set(ng[0])  # 发展 is the bigram both hold
    assert len(ng[1]) == 1  # a one-character content is its own gram
    assert align._dice(og[0], ng[0]) == pytest.approx(2 * 1 / 6)


def test_gram_tables_repeat_a_bigram_once_per_segment():
    og, _ = align._gram_tables(segs(report(["哈哈哈哈。"])), [])
    assert len(og[0]) == 1


def test_anchors_are_bigrams_unique_on_both_sides_chained_in_order():
    # bigram -> old segments holding it (ascending), and the new segments' bigrams
    rare = {1: [0], 2: [5], 3: [2], 4: [1], 5: [3, 4], 6: [7]}
    ng = [(1,), (3, 9), (2, 4), (5,), (6,), (6,)]
    # 1: (0,0)  3: (2,1)  2: (5,2)  4: (1,2) crosses (2,1) and loses to the chain of (0,0),(2,1),(5,2);
    # 5 is in two old segments and 6 in two new ones: neither anchors.
    assert [(i, j) for i, j, _ in align._anchors(rare, ng)] == [(0, 0), (2, 1), (5, 2)]


def test_windows_reach_window_segments_beyond_the_anchors_around_a_segment(monkeypatch):
    monkeypatch.setattr(align, "WINDOW", 2)
    rare = {1: [10], 2: [20]}
    ng = [() for _ in range(30)]
    ng[10], ng[20] = (1,), (2,)
    w = align._windows(rare, ng, 30)
    assert w[5] == (0, 13)  # no anchor before: from the start to the anchor at 10, plus 2
    assert w[10] == (0, 13)  # an anchor's own segment looks up to that anchor
    assert w[15] == (8, 23)
    assert w[25] == (18, 30)  # no anchor after: to the end


def test_windows_cover_everything_without_anchors():
    assert align._windows({}, [(1,), (2,)], 7) == [(0, 7), (0, 7)]


_POOL = "经济社会发展稳定增长改革开放创新科技产业就业民生教育医疗文化生态环境安全农业农村城市交通能源金融财政" \
        "税收消费投资外贸制造服务数字网络人才法治政府企业市场区域协调绿色低碳质量效益"


def _sentences(n: int, seed: int) -> list[str]:
    """``n`` distinct sentences of pool characters (each has bigrams no other sentence has)."""
    rng = random.Random(seed)
    return ["".join(rng.choice(_POOL) for _ in range(14)) + "。" for _ in range(n)]


@pytest.mark.parametrize("window", [3, 10**6])
def test_far_move_in_reports_much_longer_than_a_window_is_still_found(monkeypatch, window):
    """Sixty paragraphs against windows of three segments: rare bigrams still find a paragraph
    that moved from the start to the end with one word changed (so no exact match finds it), and a
    sentence reworded in place is still paired; the alignment is the one a window spanning
    everything gives."""
    monkeypatch.setattr(align, "WINDOW", window)
    paras = _sentences(60, seed=7)
    reworded = paras[30][:10] + "深化改革" + "。"
    edited = paras[0][:12] + "稳" + paras[0][13:]
    assert edited != paras[0]
    new_paras = paras[1:30] + [reworded] + paras[31:] + [edited]
    old, new = segs(report(paras)), segs(report(new_paras))
    pairs = align.align(old, new)
    moved = [p for p in pairs if p.relation == "moved"]
    assert [(p.old, p.new) for p in moved] == [((0, 1), (59, 60))]
    at = {p.new: p for p in pairs}
    assert at[(29, 30)].relation == "match" and at[(29, 30)].old == (30, 31)
    assert sum(p.relation == "match" for p in pairs) == 59
    assert not [p for p in pairs if p.relation in ("inserted", "deleted")]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="经济社会发展稳定增长改革开放。", min_size=1, max_size=20), min_size=1, max_size=12),
       st.randoms(use_true_random=False))
def test_every_anchor_lies_inside_its_own_window(paragraphs, rnd):
    shuffled = paragraphs[:]
    rnd.shuffle(shuffled)
    old, new = segs(report(paragraphs)), segs(report(shuffled))
    og, ng = align._gram_tables(old, new)
    rare: dict[int, list[int]] = {}
    for i, g in enumerate(og):
        for x in g:
            rare.setdefault(x, []).append(i)
    windows = align._windows(rare, ng, len(old))
    for i, j, _ in align._anchors(rare, ng):
        lo, hi = windows[j]
        assert lo <= i < hi
