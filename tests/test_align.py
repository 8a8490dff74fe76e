"""Segment cutting and alignment: coverage, moves, splits/merges, insertions, container pairs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.comparing import align
from annotate.comparing.compare import compare
from annotate.model import Block, Meta, Report
from annotate.reading.tokenize import tokenize


def report(paragraphs: list[str], sections: list[int] | None = None) -> Report:
    """Paragraphs as ``p`` blocks; ``sections`` lists how many paragraphs each section holds."""
    text = "\n".join(paragraphs)
    blocks, pos, spans = [], 0, []
    for p in paragraphs:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 1
    if sections:
        k = 0
        for s, n in enumerate(sections):
            sid = f"sec{s + 1}"
            blocks.append(Block(sid, "section", None, spans[k][0], spans[k + n - 1][1]))
            for i in range(k, k + n):
                blocks.append(Block(f"p{i + 1}", "p", sid, *spans[i]))
            k += n
    else:
        blocks = [Block(f"p{i + 1}", "p", None, *sp) for i, sp in enumerate(spans)]
    return Report(meta=Meta(), text=text, blocks=tuple(blocks))


def segs(r: Report):
    return align.segments(r, tokenize(r.text))


def test_segments_are_sentences_inside_paragraphs_and_cover_the_text():
    r = report(["各位代表：", "今年是关键之年。我们要坚定信心！“要实干。”同时，推进改革；扩大开放", "最后一段。"])
    s = segs(r)
    assert [r.text[x.start : x.end].strip() for x in s] == [
        "各位代表：", "今年是关键之年。", "我们要坚定信心！", "“要实干。”", "同时，推进改革；", "扩大开放", "最后一段。"]
    assert s[0].start == 0 and s[-1].end == len(r.text)
    assert all(a.end == b.start for a, b in zip(s, s[1:]))
    assert [x.block for x in s] == ["p1", "p2", "p2", "p2", "p2", "p2", "p3"]


def test_long_flattened_paragraph_is_cut_even_when_sentences_are_off():
    r = report(["我们要坚定信心。" * 300])
    assert len(align.segments(r, tokenize(r.text), sentences=False, long_paragraph=500)) > 3
    assert len(align.segments(r, tokenize(r.text), sentences=False, long_paragraph=10**6)) == 1


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(alphabet="我们要坚定信心。！；，\n 12%万人", min_size=1, max_size=40), min_size=1, max_size=6))
def test_segments_always_tile_the_tokens(paragraphs):
    r = report(paragraphs)
    toks = tokenize(r.text)
    s = align.segments(r, toks)
    assert s[0].tok_start == 0 and s[-1].tok_end == len(toks)
    assert all(a.tok_end == b.tok_start for a, b in zip(s, s[1:]))


A = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。"
B = "加快建设现代化产业体系，推动高质量发展取得新成效。"
C = "持续推进长江经济带高质量发展，推动黄河流域生态保护。"
D = "城镇新增就业1200万人左右，城镇调查失业率5.5%左右。"
E = "深入实施区域协调发展战略，推进以人为核心的新型城镇化。"


def relations(old: Report, new: Report):
    o, n = segs(old), segs(new)
    return [(p.relation, p.old, p.new) for p in align.align(o, n)]


def test_identical_reports_align_one_to_one():
    r = report([A + B, C, D + E])
    rel = relations(r, r)
    assert all(k == "match" for k, _, _ in rel)
    assert [o for _, o, _ in rel] == [(i, i + 1) for i in range(5)]


def test_move_of_a_paragraph_is_one_run():
    old = report([A, B + C, D, E])
    new = report([A, D, E, B + C])
    rel = relations(old, new)
    moved = [r for r in rel if r[0] == "moved"]
    assert [(o, n) for _, o, n in moved] == [((1, 2), (3, 4)), ((2, 3), (4, 5))]
    pairs = align.align(segs(old), segs(new))
    assert len({p.move_id for p in pairs if p.relation == "moved"}) == 1


def test_split_sentence_pairs_with_both_halves():
    old = report([A + "我们要加快建设现代化产业体系，推动高质量发展取得新成效，深入实施区域协调发展战略。"])
    new = report([A + "我们要加快建设现代化产业体系，推动高质量发展取得新成效。深入实施区域协调发展战略。"])
    rel = relations(old, new)
    assert ("match", (1, 2), (1, 3)) in rel
    c = compare(old, new)
    assert [(ch.kind, ch.old_text, ch.new_text) for ch in c.changes] == [("replaced", "，", "。")]


def test_merge_is_the_mirror_of_split():
    old = report([A + "我们要加快建设现代化产业体系，推动高质量发展取得新成效。深入实施区域协调发展战略。"])
    new = report([A + "我们要加快建设现代化产业体系，推动高质量发展取得新成效，深入实施区域协调发展战略。"])
    assert ("match", (1, 3), (1, 2)) in relations(old, new)


def test_inserted_and_deleted_runs_are_grouped_per_paragraph():
    old = report([A, B + C, D])
    new = report([A, D, E + "各位代表，我们要全面建设社会主义现代化国家。"])
    rel = relations(old, new)
    assert ("deleted", (1, 3), (0, 0)) in rel
    assert ("inserted", (0, 0), (2, 4)) in rel


def test_rewritten_sentence_in_place_is_replaced_not_deleted_and_inserted():
    old = report([A, "推动黄河流域生态保护和高质量发展，加强生态文明建设。", D])
    new = report([A, "推动黄河流域生态保护，全面加强生态文明建设和环境治理。", D])
    kinds = [r[0] for r in relations(old, new)]
    assert kinds == ["match", "match", "match"]


def test_reading_order_puts_deletions_where_they_were():
    old = report([A, B, C, D])
    new = report([A, C, D])
    rel = relations(old, new)
    assert [k for k, _, _ in rel] == ["match", "deleted", "match", "match"]


def test_block_pairs_follow_content_across_renamed_sections():
    old = report(["一、回顾", A, B, "二、任务", C, D], sections=[3, 3])
    new = report(["一、任务", C, D, "二、回顾", A, B], sections=[3, 3])
    c = compare(old, new)
    bp = {b.old_block: (b.new_block, b.score) for b in c.block_pairs}
    assert bp["sec1"][0] == "sec2" and bp["sec2"][0] == "sec1"
    assert bp["p2"][0] == "p5" and bp["p2"][1] == pytest.approx(1.0)
    moved = [ch for ch in c.changes if ch.kind == "moved"]
    assert len(moved) == 1
    assert moved[0].old_block in ("sec1", "sec2")  # named by the section that moved


_DIGEST = """
import hashlib, sys
from annotate import pipeline
from annotate.comparing.compare import compare
c = compare(pipeline.tag(sys.argv[1]), pipeline.tag(sys.argv[2]))
rows = [(p.relation, p.old_start, p.old_end, p.new_start, p.new_end) for p in c.pairs]
rows += [(ch.kind, ch.old_start, ch.old_end, ch.new_start, ch.new_end) for ch in c.changes]
print(len(c.changes), hashlib.sha256(repr(rows).encode()).hexdigest())
"""


def test_alignment_does_not_depend_on_the_hash_seed(corpus):
    """Candidate ties were broken by the walk order of a set of bigrams, so the same two reports
    gave 470 changes under one PYTHONHASHSEED and 471 under another (seeds 14 and 19)."""
    import os
    import subprocess
    import sys

    old, new = corpus / "national-2023-gov-work-report.txt", corpus / "national-2024-gov-work-report.txt"
    outs = set()
    for seed in ("1", "14"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        run = subprocess.run([sys.executable, "-c", _DIGEST, str(old), str(new)], env=env,
                             capture_output=True, text=True, check=True)
        outs.add(run.stdout.strip())
    assert len(outs) == 1, outs
