"""Report.block_id_at: the one rule every layer uses for an annotation's ``block``."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.model import Block, Meta, Report
from annotate.pipeline import annotate, read_report
from annotate.xml.reader import read_xml
from annotate.xml.writer import write_xml

# 0         1         2
# 0123456789012345678901234567
# 标题2022年\n一、总体要求\n增长6%。再增长5%。
TEXT = "标题2022年\n一、总体要求\n增长6%。再增长5%。"
BLOCKS = (
    Block("title", "title", None, 0, 7),
    Block("title.h", "heading", "title", 0, 7),
    Block("part1", "part", None, 8, 28),
    Block("part1.h", "heading", "part1", 8, 14),
    Block("p1", "p", "part1", 15, 28),
    Block("s1", "s", "p1", 15, 20),
    Block("s2", "s", "p1", 20, 28),
)


def _report() -> Report:
    return Report(meta=Meta(), text=TEXT, blocks=BLOCKS)


def test_paragraph_wins_over_sentence():
    r = _report()
    assert r.block_id_at(15) == "p1"
    assert r.block_id_at(22) == "p1"  # inside s2: the sentence is never the owner
    assert r.block_id_at(27) == "p1"


def test_heading_and_title_spans_get_the_heading():
    r = _report()
    assert r.block_id_at(2) == "title.h"  # 2022年 in the title line
    assert r.block_id_at(10) == "part1.h"


def test_gaps_and_outside_are_empty_or_the_container():
    r = _report()
    assert r.block_id_at(7) == ""  # the newline between title and part1: no block holds it
    assert r.block_id_at(14) == "part1"  # newline inside part1, between heading and paragraph
    assert r.block_id_at(28) == ""
    assert r.block_id_at(-1) == ""
    assert Report(meta=Meta(), text="abc").block_id_at(1) == ""


def test_run_in_heading_inside_paragraph_keeps_the_paragraph():
    r = Report(meta=Meta(), text="一是稳增长。增长5%。", blocks=(
        Block("p1", "p", None, 0, 12), Block("p1.h", "heading", "p1", 0, 6)))
    assert r.block_id_at(2) == "p1"


def test_layers_agree_on_heading_blocks():
    """A quantity and a date in a heading carry the heading id, in JSON and through XML."""
    filler = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。" * 8
    text = f"关于2022年计划的报告\n一、2021年增长8%\n全年增长6%左右。{filler}\n"
    r = annotate(read_report("t.txt", text.encode()))
    heading = next(b for b in r.blocks if b.kind == "heading" and "增长8%" in r.block_text(b))
    q = next(q for q in r.quantities if q.text == "8%")
    d = next(d for d in r.dates if d.text == "2021年")
    assert q.block == d.block == heading.id
    q2 = next(q for q in r.quantities if q.text == "6%左右")
    assert r.block_by_id[q2.block].kind == "p"
    xml = write_xml(r)
    body = xml.split(b"<body")[1].split(b"</body>")[0].decode()
    assert re.search(r"<(quantity|date)\b[^>]*\bblock=", body) is None  # implied by the tree
    assert read_xml(xml, "t.xml") == r


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["p", "item", "heading", "section"]), st.integers(1, 6),
                          st.integers(0, 3)), min_size=1, max_size=8))
def test_matches_brute_force(spec):
    """Generated nested structures: block_id_at equals the definition, offset by offset."""
    blocks, pos = [], 0
    for n, (kind, length, gap) in enumerate(spec):
        outer = Block(f"b{n}", "section" if kind in ("p", "item") else kind, None, pos, pos + length + 4)
        inner = Block(f"b{n}.k", kind, outer.id, pos + 1, pos + 1 + length)
        sent = Block(f"b{n}.s", "s", inner.id, pos + 1, pos + 2)
        blocks += [outer, inner, sent]
        pos = outer.end + gap
    r = Report(meta=Meta(), text="字" * (pos + 2), blocks=tuple(blocks))

    def brute(o: int) -> str:
        holding = [b for b in blocks if b.start <= o < b.end and b.kind != "s"]
        paras = [b for b in holding if b.kind in ("p", "item")]
        pool = paras or holding
        return min(pool, key=lambda b: b.end - b.start).id if pool else ""

    for o in range(-1, pos + 3):
        assert r.block_id_at(o) == brute(o)


def test_ids_are_unique_across_blocks_and_layers(seed_path):
    """Stand-off relations point at ids (an indicator's ``period``, a target's ``quantity``), so no
    block and no annotation of any layer may share an id."""
    from annotate.model import LAYERS
    from annotate.pipeline import tag

    r = tag(str(seed_path))
    ids = [b.id for b in r.blocks] + [a.id for name in LAYERS for a in getattr(r, name)]
    assert r.periods and r.targets and r.indicators and any(b.kind == "item" for b in r.blocks)
    assert len(ids) == len(set(ids))
