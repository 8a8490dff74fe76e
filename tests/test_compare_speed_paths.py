"""The comparison's fast paths give exactly what the plain ones give (issue 17).

Each shortcut taken for speed or memory has a reference it must equal: diff-match-patch's C++ port
against the pure-Python library, packed tokens against the token list, the clause shortcut against
the clause LCS, the classifier's early refusals against joining and matching.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotate.comparing import diff as D
from annotate.comparing.align import CONTENT_KINDS, segments
from annotate.comparing.packed import PackedTokens
from annotate.reading.tokenize import QUALIFIERS, tokenize

# Words, numbers, qualifiers, modal verbs, separators and line breaks: what report sentences are made of.
PIECES = ["确保", "力争", "增长", "6.5%", "5%", "左右", "以上", "1200万人", "，", "。", "；", "、", "稳定", "就业",
          "城镇调查失业率", "粮食产量", "\n", " ", "推进", "乡村振兴", "2024年", "约", "１２％"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def placeholders(old: str, new: str) -> tuple[str, str]:
    enc = D.Encoder()
    return enc.encode(tokenize(old)), enc.encode(tokenize(new))


@pytest.mark.skipif(D._c_diff() is None, reason="fast-diff-match-patch is not installed")
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(texts, texts, st.booleans())
def test_the_cpp_port_gives_the_python_runs(old, new, cleanup):
    a, b = placeholders(old, new)
    assert D._c_dmp_runs(D._c_diff(), a, b, 1.0, cleanup) == D._python_dmp_runs(a, b, 1.0, cleanup)


@pytest.mark.skipif(D._c_diff() is None, reason="fast-diff-match-patch is not installed")
def test_the_cpp_port_on_a_rewritten_target_sentence():
    # a number, a modal verb and a clause changed at once: semantic cleanup merges them, the raw
    # diff keeps them apart; both ports must agree on both
    old = "我们要确保粮食产量保持在1.3万亿斤以上，加快建设农业强国，推进乡村全面振兴。"
    new = "我们要力争粮食产量稳定在1.4万亿斤左右，加快建设农业强国，扎实推进乡村振兴。"
    a, b = placeholders(old, new)
    for cleanup in (True, False):
        runs = D._c_dmp_runs(D._c_diff(), a, b, 1.0, cleanup)
        assert runs == D._python_dmp_runs(a, b, 1.0, cleanup)
        assert sum(n for op, n, _ in runs if op <= 0) == len(a)
        assert sum(m for op, _, m in runs if op >= 0) == len(b)


def test_the_cpp_port_times_out_as_the_python_one_does():
    old = "我们要确保粮食产量保持在1.3万亿斤以上，加快建设农业强国，推进乡村全面振兴。" * 3
    new = "我们要力争粮食产量稳定在1.4万亿斤左右，加快建设农业强国，扎实推进乡村振兴。" * 3
    a, b = placeholders(old, new)
    assert D._dmp_runs(a, b, 1e-9, True) is None


@settings(max_examples=200)
@given(texts, st.data())
def test_packed_tokens_give_back_the_tokens(text, data):
    toks = tokenize(text)
    packed = PackedTokens.pack(toks)
    a = data.draw(st.integers(0, len(toks)))
    b = data.draw(st.integers(a, len(toks)))
    got = packed.tokens(a, b)
    assert got == toks[a:b]
    assert all(type(t) is type(toks[0]) for t in got)
    assert packed.content_chars(a, b) == sum(len(t.key) for t in toks[a:b] if t.kind in CONTENT_KINDS)


def test_packed_content_counts_words_and_numbers_only():
    toks = tokenize("城镇新增就业1200万人以上，\n调查失业率5.5%左右。")
    packed = PackedTokens.pack(toks)
    # 城镇新增就业 1200万人 以上 调查失业率 5.5% 左右: punctuation and the line break do not count
    assert packed.content_chars(0, len(toks)) == len("城镇新增就业1200万人以上调查失业率5.5%左右")


def test_segments_keep_their_content_from_packed_tokens():
    from test_align import report  # the small paragraph-built reports of the alignment tests

    r = report(["各位代表：", "国内生产总值增长5%左右。城镇新增就业1200万人以上；", "推进乡村振兴。"])
    toks = tokenize(r.text)
    packed = PackedTokens.pack(toks)
    segs = segments(r, toks)
    assert len(segs) >= 4
    for seg in segs:
        assert packed.content_chars(seg.tok_start, seg.tok_end) == len(seg.content)


CLAUSES = ["城镇新增就业1200万人以上", "城镇调查失业率5.5%左右", "粮食产量稳定", "推进乡村振兴", "就业", "等"]
sentences = st.lists(st.sampled_from(CLAUSES), min_size=2, max_size=8).map("，".join).map(lambda s: s + "。")


@settings(max_examples=300)
@given(sentences, sentences)
def test_moved_clauses_shortcut_agrees_with_the_clause_lcs(old, new):
    o, n = tokenize(old), tokenize(new)
    olds, news = D._clauses(o), D._clauses(n)
    if D._shared_in_order(olds, news):
        keep_o, keep_n = D._kept_in_order(olds, news)
        shared_o = {i for i, c in enumerate(olds) if any(c.key == d.key for d in news)}
        shared_n = {j for j, c in enumerate(news) if any(c.key == d.key for d in olds)}
        assert (keep_o, keep_n) == (shared_o, shared_n)  # every shared clause kept: none moved


def test_a_swapped_pair_of_clauses_still_moves():
    old = "城镇新增就业1200万人以上，城镇调查失业率5.5%左右。"
    new = "城镇调查失业率5.5%左右，城镇新增就业1200万人以上。"
    o, n = tokenize(old), tokenize(new)
    assert not D._shared_in_order(D._clauses(o), D._clauses(n))
    moved_old, moved_new = D.moved_clauses(o, n)
    assert moved_old and moved_new


@settings(max_examples=300)
@given(st.lists(st.sampled_from(sorted(QUALIFIERS) + ["5%", "确保", "力争", "左", "右", "就业", "，"]), max_size=6),
       st.booleans())
def test_only_refuses_exactly_when_joining_would(words, numbers):
    toks = tokenize("".join(words))
    for pattern in (D._qualifier_re(), D._modal_re()):
        rest = "".join(t.key for t in toks if t.kind != "num")
        plain = (numbers or not any(t.kind == "num" for t in toks)) and re.fullmatch(pattern, rest) is not None
        assert D._only(toks, pattern, numbers=numbers) == plain


@settings(max_examples=300)
@given(st.lists(st.integers(0, 40), max_size=80), st.integers(1, 10))
def test_top_candidates_are_the_most_hit_ties_by_index(hit_list, k):
    from collections import Counter

    from annotate.comparing.align import _top

    hits = Counter(hit_list)
    assert _top(hits, k) == sorted(hits, key=lambda i: (-hits[i], i))[:k]
