"""Known edits applied to real reports must be recovered exactly: each once, nothing else.

The harness takes a report from the corpus, re-reads its normalized text as a report of its own
(so both sides go through the same pipeline), applies edits at places it picks from the report's
own tokens and blocks (so it runs on any report, not on memorised positions), re-parses, compares
and checks the change list against the edits.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Optional

import pytest

from annotate import pipeline
from annotate.comparing.compare import _tokens, _view, apply_ops, compare
from annotate.comparing.diff import modal_ranks
from annotate.model import Report
from annotate.reading.tokenize import QUALIFIERS

FILES = [
    "national-2024-gov-work-report.txt",
    "national-2019-gov-work-report.txt",
    "beijing-2025-gov-work-report.txt",
    "tongzhou-2021-plan-report.md",
    "hongkong-2024-policy-address-simp.txt",
    "hongkong-2025-policy-address-trad.txt",
    "shanghai-2021-gov-work-report.txt",
]

NEW_PARAGRAPH = "我们将新建一批海洋牧场示范区，全面提升近海渔业资源养护水平，带动沿海渔民增收致富。"


def parse(text: str, name: str) -> Report:
    report = pipeline.read_report(name, text.encode("utf-8"))
    try:
        return pipeline.annotate(report)
    except Exception:  # another layer being rebuilt must not hide diff regressions
        return report


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str
    kind: str
    old_text: str
    new_text: str


def paragraphs(report: Report) -> list:
    """Paragraph-level blocks with at least two sentences' worth of text, outside the title area."""
    out = []
    for b in report.blocks:
        if b.kind not in ("p", "item"):
            continue
        t = report.text[b.start : b.end]
        if len(t) >= 60 and t.count("。") >= 2 and "\n" not in t.strip():
            out.append(b)
    return out


def plan_edits(report: Report, rng: random.Random) -> list[Edit]:
    text = report.text
    view, to_text = _view(report)  # tokens as the comparison sees them (simplified script)
    toks = _tokens(report, view, to_text, "word", True)
    paras = paragraphs(report)
    assert len(paras) >= 8, "report too small for the harness"
    rng.shuffle(paras)
    used: list = []
    edits: list[Edit] = []

    def free(b) -> bool:
        return all(b.end + 2 < u.start or u.end + 2 < b.start for u in used)

    def tokens_in(b):
        return [k for k, t in enumerate(toks) if b.start <= t.start and t.end <= b.end]

    def neighbour_ok(k: int) -> bool:
        prev = toks[k - 1] if k > 0 else None
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        return all(x is None or (x.kind in ("word", "punct") and x.key not in QUALIFIERS) for x in (prev, nxt))

    ranks = modal_ranks()
    # 1. a number (not a year, not next to a qualifier)
    for b in paras:
        if not free(b):
            continue
        ks = [k for k in tokens_in(b) if toks[k].kind == "num" and not toks[k].text.endswith("年")
              and re.fullmatch(r"[1-9]\d*(?:\.\d+)?[^\d\s\-－~～—至到]*", toks[k].text) and neighbour_ok(k)]
        if ks:
            t = toks[rng.choice(ks)]
            m = re.match(r"(\d+)(.*)", t.text)
            new = str(int(m.group(1)) + 7) + m.group(2)
            edits.append(Edit(t.start, t.end, new, "number_changed", t.text, new))
            used.append(b)
            break
    # 2. a qualifier next to a number: 左右 → 以上 (or 以上 → 左右)
    for b in paras:
        if not free(b):
            continue
        ks = [k for k in tokens_in(b) if toks[k].key in ("左右", "以上") and k > 1 and toks[k - 1].kind == "num"
              and toks[k - 2].key not in QUALIFIERS]
        if ks:
            k = rng.choice(ks)
            q = "以上" if toks[k].key == "左右" else "左右"
            n = toks[k - 1]
            edits.append(Edit(toks[k].start, toks[k].end, q, "number_changed", n.text + toks[k].text, n.text + q))
            used.append(b)
            break
    # 3. 确保 → 力争 (strength down by one class)
    for b in paras:
        if not free(b):
            continue
        ks = [k for k in tokens_in(b) if toks[k].key == "确保"]
        if ks:
            t = toks[rng.choice(ks)]
            edits.append(Edit(t.start, t.end, "力争", "modality_changed", t.text, "力争"))
            used.append(b)
            break
    # 4. one ordinary word
    for b in paras:
        if not free(b):
            continue
        ks = [k for k in tokens_in(b) if toks[k].kind == "word" and len(toks[k].text) == 2
              and toks[k].key not in ranks and toks[k].key not in QUALIFIERS and neighbour_ok(k)
              and toks[k - 1].kind == "word" and toks[k + 1].kind == "word"]
        if ks:
            t = toks[rng.choice(ks)]
            edits.append(Edit(t.start, t.end, "鹦鹉", "replaced", t.text, "鹦鹉"))
            used.append(b)
            break
    # 5. delete a paragraph (with the line break after it).  Not one after an unpunctuated
    # heading line: normalization would then join that heading to the next line, a real but
    # different edit.
    for b in paras:
        before = text[: b.start].rstrip()
        if free(b) and (not before or before[-1] in "。！？；：”）"):
            end = b.end + 1 if text[b.end : b.end + 1] == "\n" else b.end
            edits.append(Edit(b.start, end, "", "deleted", text[b.start : b.end].strip(), ""))
            used.append(b)
            break
    # 6. insert a paragraph after another one
    for b in paras:
        if free(b) and text[b.end : b.end + 1] == "\n":
            edits.append(Edit(b.end + 1, b.end + 1, NEW_PARAGRAPH + "\n", "inserted", "", NEW_PARAGRAPH))
            used.append(b)
            break
    return edits


def swap_edit(report: Report, avoid: list[Edit]) -> Optional[Edit]:
    """Swap two neighbouring sections (or paragraphs when the structure has no sections)."""
    text = report.text
    for kind in ("section", "p"):
        blocks = [b for b in report.blocks if b.kind == kind]
        for a, b in zip(blocks, blocks[1:]):
            if a.parent != b.parent or text[a.end : b.start].strip():
                continue
            if any(not (e.end < a.start or b.end < e.start) for e in avoid):
                continue
            ta, tb = text[a.start : a.end], text[b.start : b.end]
            if not (40 <= len(ta) <= 1500 and 40 <= len(tb) <= 1500) or ta.strip() == tb.strip():
                continue
            if ta.count("。") < 2 or tb.count("。") < 2:
                continue
            sep = text[a.end : b.start]
            return Edit(a.start, b.end, tb + sep + ta, "moved", "", "")
    return None


def apply(text: str, edits: list[Edit]) -> str:
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: e.start] + e.replacement + text[e.end :]
    return text


def summary(c) -> list[tuple[str, str, str]]:
    return sorted((ch.kind, ch.old_text, ch.new_text) for ch in c.changes if ch.move_id is None or ch.kind == "moved")


@pytest.mark.corpus
@pytest.mark.parametrize("name", FILES)
def test_known_edits_are_reported_once_and_nothing_else(corpus, name):
    base = pipeline.read_report(name, (corpus / name).read_bytes()).text
    old = parse(base, "old-" + name)
    rng = random.Random(name)
    edits = plan_edits(old, rng)
    swap = swap_edit(old, edits)
    kinds = {e.kind for e in edits}
    assert {"number_changed", "deleted", "inserted", "replaced"} <= kinds
    new_text = apply(base, edits + ([swap] if swap else []))
    new = parse(new_text, "new-" + name)
    c = compare(old, new)

    got = [ch for ch in c.changes]
    moved = [ch for ch in got if ch.kind == "moved"]
    rest = sorted((ch.kind, ch.old_text, ch.new_text) for ch in got if ch.kind != "moved")
    want = sorted((e.kind, e.old_text, e.new_text) for e in edits)
    assert rest == want
    if swap is not None:
        assert len(moved) == 1
        a, b = swap.replacement, base[swap.start : swap.end]
        assert moved[0].old_text in (s.strip() for s in b.split("\n") + [b]) or moved[0].old_text in b
        assert moved[0].old_text == moved[0].new_text
        assert len(moved[0].old_text) >= 40
    else:
        assert moved == []
    # the operations rebuild the edited report exactly
    assert apply_ops(c) == new.text


@pytest.mark.corpus
@pytest.mark.parametrize("name", FILES[:3])
def test_mirror_of_edits(corpus, name):
    base = pipeline.read_report(name, (corpus / name).read_bytes()).text
    old = parse(base, "old-" + name)
    edits = plan_edits(old, random.Random(name))
    new = parse(apply(base, edits), "new-" + name)
    ab = compare(old, new)
    ba = compare(new, old)
    flip = {"inserted": "deleted", "deleted": "inserted"}
    forward = sorted((flip.get(ch.kind, ch.kind), ch.new_text, ch.old_text) for ch in ab.changes)
    backward = sorted((ch.kind, ch.old_text, ch.new_text) for ch in ba.changes)
    assert forward == backward
