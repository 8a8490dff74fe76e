"""Two annotated reports → a :class:`Comparison`: alignment, token operations, changes, targets.

Contract (DESIGN.md part A ``diff --format json``; renderers consume this object, never raw diff
strings):

- ``pairs``: aligned segment pairs in the new report's reading order (a deleted run sits where it
  was), each with its relation (match / moved / inserted / deleted), a similarity score and the
  token-level :class:`Op` s that turn its old text into its new text.  Offsets are half-open
  code points into each report's ``text``, so each side is shown as written (a traditional
  report stays traditional even though comparison looks at its simplified view).
  Concatenating, pair by pair, ``old.text[op]`` for ``equal`` ops and ``op.new_text`` for the
  others yields the new text (:func:`apply_ops`), exactly when no equivalence option made two
  different writings equal (script, width, punctuation).  Where one side of a pair or op is
  empty (an insertion), its offset is an anchor: where the text would sit on that side.
  For a redline: walk ``pairs`` in order; print ``equal`` ops from the new side, ``delete``
  struck from the old side, ``insert`` from the new side, ``replace`` as both; ``op.change``
  names the change kind an op was reported as; ``pair.move_id`` links a moved run to its
  ``moved`` change.  For side by side, each pair is one row (old stretch | new stretch).
- ``changes``: every edit once, by its most specific kind (number_changed, modality_changed,
  moved, inserted, deleted, replaced); layout-only edits (whitespace) are not changes, nor is
  the series' years rolling forward (``2024年工作回顾`` → ``2025年工作回顾`` between the 2025 and
  2026 reports: :func:`annotate.comparing.diff.is_year_roll`), which ``stats`` counts as
  ``years_rolled``.
- ``target_changes``: targets compared by indicator (raised/lowered/qualifier_changed/
  reworded/unchanged/added/removed).
- ``commitment_changes``: the same object promised with another strength (研究 → 推进 → 确保;
  :mod:`annotate.comparing.commitment_changes`).
- ``stats``: counts by kind, similarity, timings, leaf diffs that fell back after a timeout.

Tokens (:mod:`annotate.reading.tokenize`): numbers with their units as one atom, annotated quantities
and dates as atoms, rjieba words, punctuation; alignment (:mod:`annotate.comparing.align`) pairs
sentence-sized segments coarse to fine; each pair's leaf diff (:mod:`annotate.comparing.diff`) runs on
placeholder characters through diff-match-patch.

Comparison is symmetric: compare(b, a) reports inserted↔deleted, raised↔lowered, added↔removed.
"""

from __future__ import annotations

import gc
import math
import re
import time
import unicodedata
from bisect import bisect_left
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional, Sequence

from . import align as _align
from .diff import (Encoder, PlaceholderOverflow, TokenOp, YearRoll, classify, is_level, is_year_roll, leaf_diff,
                   number_span, year_roll)
from .goal_pairing import is_goal_key, pair_goals
from .horizon import horizon_at, passage_horizons
from .packed import PackedTokens
from .target_pairs import Key, metric_key, pair_keys, pick, reported_key
from ..model import Report, Target
from ..lexicon import DIR as LEXICON_DIR, two_columns
from ..reading.tokenize import Token, merge_atoms, tokenize

LEXICON = LEXICON_DIR


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Op:
    """One token-level operation with offsets on both sides.

    ``change`` is the change kind the op was reported as (``number_changed`` …), or None for
    ``equal`` ops, layout-only edits (whitespace; punctuation when it is ignored) and years
    rolled forward (``2024年工作回顾`` → ``2025年工作回顾``), so a
    renderer can style a changed number apart from a rewritten phrase.
    """

    kind: str  # equal | insert | delete | replace
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old_text: str
    new_text: str
    change: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Pair:
    """Aligned stretches of the two reports (a sentence or a few; see :mod:`annotate.comparing.align`)."""

    relation: str  # match | moved | inserted | deleted
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old_block: Optional[str]
    new_block: Optional[str]
    score: float
    ops: tuple[Op, ...]
    move_id: Optional[int] = None
    old_segments: tuple[int, int] = (0, 0)
    new_segments: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # inserted | deleted | replaced | moved | number_changed | modality_changed
    old_text: str
    new_text: str
    old_block: Optional[str]
    new_block: Optional[str]
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    move_id: Optional[int] = None
    pair: int = -1  # index into Comparison.pairs


@dataclass(frozen=True)
class TargetSide:
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    unit: Optional[str]
    qualifier: Optional[str]
    text: str
    stretch: Optional[float] = None
    block: Optional[str] = None


@dataclass(frozen=True)
class Delta:
    """How far a target moved: ``-0.5`` ``个百分点`` for a rate, ``+10`` ``万人`` for an amount."""

    value: float
    unit: str


@dataclass(frozen=True)
class TargetChange:
    indicator: Optional[str]
    metric_old: Optional[str]
    metric_new: Optional[str]
    old: Optional[TargetSide]
    new: Optional[TargetSide]
    # raised | lowered | qualifier_changed | quantified | unquantified | reworded | unchanged | added | removed
    change: str
    delta: Optional[Delta] = None
    scope: str = "headline"  # headline targets are compared with headline targets, measures with measures
    component: Optional[str] = None  # 一产 / 二产 / 三产 of a 分别 list
    # a target the other year sets in the other list (headline ↔ measure): where it went (removed)
    # or came from (added)
    moved_to: Optional[TargetSide] = None


@dataclass(frozen=True)
class BlockPair:
    """Container-level alignment: an old block and the new block that took most of its content."""

    old_block: str
    new_block: Optional[str]
    score: float


@dataclass(frozen=True)
class Options:
    ignore_punctuation: bool = False
    ignore_width: bool = True
    granularity: str = "word"
    timeout: float = 1.0


@dataclass(frozen=True)
class Comparison:
    old: Report
    new: Report
    pairs: tuple[Pair, ...]
    changes: tuple[Change, ...]
    target_changes: tuple[TargetChange, ...]
    block_pairs: tuple[BlockPair, ...]
    stats: tuple[tuple[str, Any], ...]  # frozen mapping; see :meth:`stats_dict`
    options: Options = field(default_factory=Options)
    commitment_changes: tuple = ()  # of commitment_changes.CommitmentChange

    def stats_dict(self) -> dict[str, Any]:
        return dict(self.stats)


# --------------------------------------------------------------------------- script view


def _view(report: Report) -> tuple[str, Optional[Sequence[int]]]:
    """The simplified view of the report and its map back to ``text`` (None: identity map).

    ``Report.simplified`` (annotate/reading/script.py) is the one truth; until it is there, OpenCC
    ``t2s`` line by line, falling back to character by character on the rare line whose
    phrase conversion changed its length, so the map stays exact.
    """
    try:
        v = report.simplified
    except (ImportError, AttributeError):
        return _t2s_view(report.text)
    if v is None or v.view == report.text:
        return report.text, None
    return v.view, v.to_text


def _folded(report: Report) -> tuple[str, Optional[Sequence[int]]]:
    """The report's text with script variants folded (:func:`script.folded_view`), and its map."""
    from ..reading.script import folded_view

    v = folded_view(report.text)
    return (report.text, None) if v.view == report.text else (v.view, v.to_text)


def _t2s_view(text: str) -> tuple[str, Optional[Sequence[int]]]:
    conv = _converter()
    if conv is None:
        return text, None
    out = []
    for line in text.split("\n"):
        c = conv.convert(line) if line else line
        if len(c) != len(line):
            c = "".join(x if len(x) == 1 else ch for ch, x in ((ch, conv.convert(ch)) for ch in line))
        out.append(c)
    view = "\n".join(out)
    return (text, None) if view == text else (view, None)


def _tokens(report: Report, view: str, to_text: Optional[Sequence[int]], granularity: str,
            ignore_width: bool) -> list[Token]:
    """Diff tokens of a report: numbering labels and annotated quantities/dates merged."""
    toks = tokenize(view, to_text, report.text, granularity=granularity, ignore_width=ignore_width)
    toks = merge_atoms(toks, _label_spans(report), kind="label")
    return merge_atoms(toks, _atom_spans(report))


def _tokens_and_segments(report: Report, view, granularity: str,
                         ignore_width: bool) -> tuple[PackedTokens, list[_align.Segment]]:
    """A report's diff tokens, packed (:mod:`.packed`), and its segments (:func:`align.segments`).

    One side at a time, so that only one side's tokens are ever objects: the token list and the
    script view it was read from are dropped as soon as the segments are cut."""
    toks = _tokens(report, *view(report), granularity, ignore_width)
    return PackedTokens.pack(toks), _align.segments(report, toks)


def _label_spans(report: Report) -> list[tuple[int, int]]:
    """Numbering labels (一、 （三） 5.): renumbered paragraphs are structure, not edits."""
    return [(b.num_start, b.num_end) for b in report.blocks
            if b.num_start is not None and b.num_end is not None and b.num_end > b.num_start]


def _atom_spans(report: Report) -> list[tuple[int, int]]:
    """Inline annotations that diff as one token: quantities and dates (when annotated)."""
    return [(a.start, a.end) for layer in (report.quantities, report.dates) for a in layer if a.end > a.start]


# --------------------------------------------------------------------------- the comparison


#: the longest report text a comparison reads (characters); real reports hold under 100,000.
#: Time and memory grow faster than the text (a 10 MB pair took minutes and 2 GB), so beyond this
#: a comparison is refused with one clear message; ``annotate --max-compare-chars`` raises it.
MAX_COMPARE_CHARS = 1_000_000


def check_comparable(report: Report) -> None:
    """AnnotateError when ``report`` is longer than :data:`MAX_COMPARE_CHARS`."""
    if len(report.text) > MAX_COMPARE_CHARS:
        from ..errors import AnnotateError

        raise AnnotateError(report.meta.source.file or "report",
                            f"holds {len(report.text):,} characters, more than a comparison reads "
                            f"({MAX_COMPARE_CHARS:,}; real reports hold under 100,000)",
                            "check the file; annotate --max-compare-chars N raises the limit")


def compare(old: Report, new: Report, *, ignore_punctuation: bool = False, ignore_width: bool = True,
            granularity: str = "word", timeout: float = 1.0) -> Comparison:
    """Compare two (annotated) reports; see the module docstring.  Reports longer than
    :data:`MAX_COMPARE_CHARS` raise AnnotateError (see :func:`check_comparable`)."""
    check_comparable(old)
    check_comparable(new)
    with _no_cycle_collection():
        return _compare(old, new, ignore_punctuation=ignore_punctuation, ignore_width=ignore_width,
                        granularity=granularity, timeout=timeout)


@contextmanager
def _no_cycle_collection():
    """Pause Python's cycle collector for the duration (restoring it as it was).

    A comparison makes hundreds of thousands of small acyclic objects (tokens, segments,
    operations), which refcounting frees; each burst of allocations would start a generational
    collection, and the older ones walk every live object, the two tagged reports included: ~12%
    of a comparison of sixteen reports end to end, a share that grows with the input.  Nothing a
    comparison makes is cyclic, so pausing loses nothing; a collection runs afterwards as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _compare(old: Report, new: Report, *, ignore_punctuation: bool, ignore_width: bool, granularity: str,
             timeout: float) -> Comparison:
    """The comparison itself (:func:`compare` checks the sizes and pauses cycle collection)."""
    opts = Options(ignore_punctuation, ignore_width, granularity, timeout)
    t0 = time.perf_counter()
    # across scripts, both sides folded alike: hk2s alone leaves variants apart (谘/咨, 藉/借)
    view = _folded if old.meta.script != new.meta.script else _view
    # Sentence-sized leaves whatever the options: with --ignore-punctuation a sentence end that
    # moved is paired back by alignment (split/merge, crossing boundaries), while paragraph-sized
    # leaves turned rewritten paragraphs into long replaced runs that swallowed changed numbers
    # (shanghai 2024 → 2025: 47 number changes became 36, and more changes in all).
    otoks, osegs = _tokens_and_segments(old, view, granularity, ignore_width)
    ntoks, nsegs = _tokens_and_segments(new, view, granularity, ignore_width)
    t1 = time.perf_counter()
    seg_pairs = _align.align(osegs, nsegs)
    t2 = time.perf_counter()

    o_hor, n_hor = passage_horizons(old), passage_horizons(new)
    roll = year_roll(old.meta, new.meta)
    o_prom, n_prom = _promising(old), _promising(new)
    years_rolled = 0
    clauses_moved = 0
    enc = Encoder()
    pairs: list[Pair] = []
    changes: list[Change] = []
    timed_out = 0
    same = 0  # content characters inside equal operations, both sides
    last_old = 0
    last_new = 0
    for sp in seg_pairs:
        o_tok = (osegs[sp.old[0]].tok_start, osegs[sp.old[1] - 1].tok_end) if sp.old[1] > sp.old[0] else None
        n_tok = (nsegs[sp.new[0]].tok_start, nsegs[sp.new[1] - 1].tok_end) if sp.new[1] > sp.new[0] else None
        o_list = otoks.tokens(*o_tok) if o_tok else []
        n_list = ntoks.tokens(*n_tok) if n_tok else []
        o_pos = o_list[0].start if o_list else last_old
        n_pos = n_list[0].start if n_list else last_new
        o_end = o_list[-1].end if o_list else o_pos
        n_end = n_list[-1].end if n_list else n_pos
        if sp.relation in ("match", "deleted"):
            last_old = o_end
        if sp.relation in ("match", "inserted"):
            last_new = n_end
        if o_list and n_list:
            try:
                ld = leaf_diff(o_list, n_list, enc, timeout=timeout)
            except PlaceholderOverflow:
                # Codes only need to be unique within one leaf: start a fresh table.
                enc = Encoder()
                ld = leaf_diff(o_list, n_list, enc, timeout=timeout)
            timed_out += ld.timed_out
            tops = list(ld.ops)
        elif o_list:
            tops = [TokenOp("delete", 0, len(o_list), 0, 0)]
        elif n_list:
            tops = [TokenOp("insert", 0, 0, 0, len(n_list))]
        else:
            tops = []
        kinds = [_horizon_checked(classify(o_list, n_list, t, ignore_punctuation=ignore_punctuation), t,
                                  o_list, n_list, o_hor, n_hor) for t in tops]
        for k, t in enumerate(tops):
            if kinds[k] == "number_changed" and _rolled(t, o_list, n_list, roll):
                kinds[k] = None  # the series' years moving on: expected, counted, not a change
                years_rolled += 1
            elif kinds[k] == "modality_changed" and not (_promises(o_prom, _span(o_list, t.i1, t.i2, o_pos))
                                                         and _promises(n_prom, _span(n_list, t.j1, t.j2, n_pos))):
                kinds[k] = "replaced"  # 建成 → 新建 in a review reports other past work, promises nothing
        # clauses reordered inside a sentence: counted (the moved stretches of the side with more,
        # so compare(b, a) counts alike), drawn as the new text reads
        clauses_moved += max(sum(t.moved and t.kind == "delete" for t in tops),
                             sum(t.moved and t.kind == "insert" for t in tops))
        ops = tuple(_op(t, o_list, n_list, o_pos, n_pos, old.text, new.text, k) for t, k in zip(tops, kinds))
        for t in tops:
            if t.kind == "equal":
                same += otoks.content_chars(o_tok[0] + t.i1, o_tok[0] + t.i2)
                same += ntoks.content_chars(n_tok[0] + t.j1, n_tok[0] + t.j2)
        o_block = osegs[sp.old[0]].block if o_list else None
        n_block = nsegs[sp.new[0]].block if n_list else None
        pair = Pair(sp.relation, o_pos, o_end, n_pos, n_end, o_block, n_block, sp.score, ops, sp.move_id,
                    sp.old, sp.new)
        idx = len(pairs)
        pairs.append(pair)
        changes.extend(_pair_changes(pair, idx, tops, kinds, o_list, n_list, old, new))
    changes.extend(_move_changes(pairs, old, new))
    changes.sort(key=lambda c: (c.new_start, c.old_start, c.kind != "moved"))
    t3 = time.perf_counter()

    bps = tuple(BlockPair(a, b, s) for a, b, s in _align.block_pairs(old, new, osegs, nsegs, seg_pairs))
    t4 = time.perf_counter()
    tchanges = target_changes(old, new)
    t5 = time.perf_counter()

    counts: dict[str, int] = {k: 0 for k in ("inserted", "deleted", "replaced", "moved", "number_changed", "modality_changed")}
    for c in changes:
        counts[c.kind] += 1
    stats: dict[str, Any] = dict(counts)
    stats["changes"] = len(changes)
    stats["similarity"] = _similarity(same, osegs, nsegs)
    stats["segments_old"] = len(osegs)
    stats["segments_new"] = len(nsegs)
    stats["pairs"] = sum(1 for p in pairs if p.relation in ("match", "moved"))
    stats["leaf_timeouts"] = timed_out
    stats["years_rolled"] = years_rolled
    stats["clauses_moved"] = clauses_moved
    tc_counts: dict[str, int] = {}
    for tc in tchanges:
        tc_counts[tc.change] = tc_counts.get(tc.change, 0) + 1
    stats["target_changes"] = tc_counts
    stats["timings"] = {"tokenize": round(t1 - t0, 4), "align": round(t2 - t1, 4),
                        "diff": round(t3 - t2, 4), "blocks": round(t4 - t3, 4), "targets": round(t5 - t4, 4),
                        "total": round(t5 - t0, 4)}
    from .commitment_changes import commitment_changes

    return Comparison(old, new, tuple(pairs), tuple(changes), tchanges, bps, tuple(stats.items()), opts,
                      commitment_changes(old, new))


def _horizon_checked(kind: Optional[str], t: TokenOp, o: Sequence[Token], n: Sequence[Token],
                     o_hor: tuple[Sequence[int], Sequence[str]], n_hor: tuple[Sequence[int], Sequence[str]]) -> Optional[str]:
    """``kind``, except that a number changed between passages of another span of time is a
    rewording: a five-year total (``五年来，…审议法律议案50件``) against one year's count (``10件``)
    is not one value changed (see :mod:`annotate.comparing.horizon`)."""
    if kind != "number_changed" or t.i2 == t.i1 or t.j2 == t.j1:
        return kind
    oi = next((k for k in range(t.i1, t.i2) if o[k].kind == "num"), None)
    nj = next((k for k in range(t.j1, t.j2) if n[k].kind == "num"), None)
    if oi is None or nj is None:
        return kind  # a qualifier beside an unchanged number
    if is_level(o, oi) or is_level(n, nj):
        return kind  # a rate, an age, a value reached: the same level whatever the span
    if horizon_at(o_hor, o[oi].start) != horizon_at(n_hor, n[nj].start):
        return "replaced"
    return kind


def _promising(report: Report) -> tuple[list[int], list[int]]:
    """The stretches of ``report`` that promise: its commitments (clauses of the plan half that
    promise action; a review reports the past and holds none).  A report without a commitments
    layer (read from an XML written without it) promises everywhere outside its review half.
    Returned as their starts, sorted, and the furthest end reached by each prefix, for
    :func:`_promises`."""
    if report.commitments:
        spans = sorted((c.start, c.end) for c in report.commitments)
    else:
        from ..annotators.commitments import review_ranges

        cuts = [0] + [x for r in sorted(review_ranges(report)) for x in r] + [len(report.text)]
        spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
    ends, far = [], -1
    for _, b in spans:
        far = max(far, b)
        ends.append(far)
    return [a for a, _ in spans], ends


def _span(tokens: Sequence[Token], i1: int, i2: int, anchor: int) -> tuple[int, int]:
    """Text offsets of ``tokens[i1:i2]``; an empty range is the point where it would sit."""
    if i2 > i1:
        return tokens[i1].start, tokens[i2 - 1].end
    pos = tokens[i1].start if i1 < len(tokens) else (tokens[-1].end if tokens else anchor)
    return pos, pos


def _promises(promising: tuple[list[int], list[int]], span: tuple[int, int]) -> bool:
    """Does ``span`` (a verb, or the point where one was added or dropped) overlap a promising
    stretch (:func:`_promising`)?  Those starting before its end are a prefix; one of them
    reaches past its start exactly when the prefix's furthest end does."""
    starts, ends = promising
    s, e = span
    k = bisect_left(starts, max(e, s + 1))
    return k > 0 and ends[k - 1] > s


def _rolled(t: TokenOp, o: Sequence[Token], n: Sequence[Token], roll: Optional[YearRoll]) -> bool:
    """Is op ``t`` one year atom rolled forward by the pair's step (:func:`diff.is_year_roll`):
    ``2024年工作回顾`` → ``2025年工作回顾`` between the 2025 and 2026 reports?"""
    olds = [x for x in o[t.i1 : t.i2] if x.kind != "space"]
    news = [x for x in n[t.j1 : t.j2] if x.kind != "space"]
    return (len(olds) == 1 and len(news) == 1 and olds[0].kind == news[0].kind == "num"
            and is_year_roll(roll, olds[0].key, news[0].key))


def _op(t: TokenOp, o: Sequence[Token], n: Sequence[Token], o_pos: int, n_pos: int, otext: str, ntext: str,
        change: Optional[str] = None) -> Op:
    os_ = o[t.i1].start if t.i1 < len(o) else (o[-1].end if o else o_pos)
    oe = o[t.i2 - 1].end if t.i2 > t.i1 else os_
    ns = n[t.j1].start if t.j1 < len(n) else (n[-1].end if n else n_pos)
    ne = n[t.j2 - 1].end if t.j2 > t.j1 else ns
    return Op(t.kind, os_, oe, ns, ne, otext[os_:oe], ntext[ns:ne], change)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _block(report: Report, offset: int, fallback: Optional[str]) -> Optional[str]:
    """The block a change names: the paragraph (or heading) holding it, as every layer does."""
    return report.block_id_at(offset) or fallback


def _pair_changes(pair: Pair, idx: int, tops: Sequence[TokenOp], kinds: Sequence[Optional[str]],
                  o: Sequence[Token], n: Sequence[Token], old: Report, new: Report) -> list[Change]:
    out: list[Change] = []
    for t, kind in zip(tops, kinds):
        if kind is None:
            continue
        i1, i2, j1, j2 = t.i1, t.i2, t.j1, t.j2
        if kind == "number_changed":  # show the whole quantity: 1200万人左右 → 1200万人以上
            i1, i2 = number_span(o, i1, i2)
            j1, j2 = number_span(n, j1, j2)
        op = _op(TokenOp(t.kind, i1, i2, j1, j2), o, n, pair.old_start, pair.new_start, old.text, new.text)
        os_, oe = _trim(old.text, op.old_start, op.old_end)
        ns, ne = _trim(new.text, op.new_start, op.new_end)
        out.append(Change(kind, old.text[os_:oe], new.text[ns:ne],
                          _block(old, os_, pair.old_block) if pair.old_block else None,
                          _block(new, ns, pair.new_block) if pair.new_block else None,
                          os_, oe, ns, ne, pair.move_id, idx))
    return out


def _move_changes(pairs: Sequence[Pair], old: Report, new: Report) -> list[Change]:
    """One ``moved`` change per run of moved pairs, named by the smallest block holding it."""
    o_tree, n_tree = _children(old), _children(new)
    runs: dict[int, list[int]] = {}
    for k, p in enumerate(pairs):
        if p.relation == "moved" and p.move_id is not None:
            runs.setdefault(p.move_id, []).append(k)
    out = []
    for mid, ks in runs.items():
        os_ = min(pairs[k].old_start for k in ks)
        oe = max(pairs[k].old_end for k in ks)
        ns = min(pairs[k].new_start for k in ks)
        ne = max(pairs[k].new_end for k in ks)
        os_, oe = _trim(old.text, os_, oe)
        ns, ne = _trim(new.text, ns, ne)
        out.append(Change("moved", old.text[os_:oe], new.text[ns:ne],
                          _container(old, o_tree, os_, oe, pairs[ks[0]].old_block),
                          _container(new, n_tree, ns, ne, pairs[ks[0]].new_block), os_, oe, ns, ne, mid, ks[0]))
    return out


def _children(report: Report) -> tuple[dict[Optional[str], list[int]], dict[str, int]]:
    """Block indices by parent id, in report order, and each block's index (for :func:`_container`)."""
    kids: dict[Optional[str], list[int]] = {}
    for k, b in enumerate(report.blocks):
        kids.setdefault(b.parent, []).append(k)
    return kids, {b.id: k for k, b in enumerate(report.blocks)}


def _container(report: Report, tree: tuple[dict[Optional[str], list[int]], dict[str, int]], s: int, e: int,
               fallback: Optional[str]) -> Optional[str]:
    """The smallest block that holds [s, e) (a moved section is named by its section); among
    blocks of one size the first in report order.  Sentences ``s`` are skipped: changes name
    paragraphs and bigger, as every other change does.

    Blocks nest, so every block holding ``s`` lies on one path of the block tree through the
    block that owns ``s``: the walk visits that path instead of every block of the report.
    """
    blocks, by_id = report.blocks, report.block_by_id
    kids, index = tree
    path: list[int] = []
    owner = by_id.get(report.block_id_at(s))
    cur = owner
    while cur is not None:  # the owner and its ancestors
        path.append(index[cur.id])
        cur = by_id.get(cur.parent) if cur.parent else None
    frontier = kids.get(owner.id, []) if owner is not None else []
    while frontier:  # descendants of the owner that still hold s
        inside = [k for k in frontier if blocks[k].start <= s < blocks[k].end or blocks[k].start == s]
        path.extend(inside)
        frontier = [c for k in inside for c in kids.get(blocks[k].id, [])]
    best = None
    for k in sorted(set(path)):
        b = blocks[k]
        if b.kind == "s":
            continue
        if b.start <= s and e <= b.end and (best is None or b.end - b.start < best.end - best.start):
            best = b
    return best.id if best is not None else fallback


def _similarity(same: int, osegs: Sequence[_align.Segment], nsegs: Sequence[_align.Segment]) -> float:
    """Share of content kept: 2·equal / (old + new), counted in characters of words and numbers
    (a segment's ``content`` is exactly its words and numbers, and segments cover the tokens)."""
    total = sum(len(s.content) for s in osegs) + sum(len(s.content) for s in nsegs)
    return 1.0 if total == 0 else round(min(1.0, same / total), 4)


def apply_ops(c: Comparison) -> str:
    """Rebuild the new text from the old one and the operations (the diff's defining property)."""
    out = []
    for p in sorted((p for p in c.pairs if p.relation != "deleted"), key=lambda p: p.new_start):
        for op in p.ops:
            if op.kind == "equal":
                out.append(c.old.text[op.old_start : op.old_end])
            else:
                out.append(op.new_text)
    return "".join(out)


# --------------------------------------------------------------------------- targets


@lru_cache(maxsize=1)
def _conversions() -> dict[str, tuple[str, float]]:
    table: dict[str, tuple[str, float]] = {}
    path = LEXICON / "unit_conversions.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        base, common, factor = line.split("\t")[:3]
        table[base.strip()] = (common.strip(), float(factor))
    return table


_MULTIPLIERS = (("万亿", 1e12), ("千亿", 1e11), ("百亿", 1e10), ("十亿", 1e9), ("千万", 1e7), ("百万", 1e6),
                ("十万", 1e5), ("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2))


def _split_unit(unit: str) -> tuple[float, str]:
    """``万亿斤`` → (1e12, ``斤``); units that merely start with 千/百 (千瓦, 千米) are kept whole."""
    unit = unicodedata.normalize("NFKC", unit or "").strip()
    conv = _conversions()
    if unit in conv:
        return 1.0, unit
    for prefix, mult in _MULTIPLIERS:
        if unit.startswith(prefix):
            rest = unit[len(prefix) :]
            f, base = _split_unit(rest) if rest else (1.0, "")
            return mult * f, base
    return 1.0, unit


def _magnitude(t: Any) -> Optional[tuple[float, str]]:
    """A target's value (a range by its midpoint) in a common unit, for raised/lowered.  ``t``
    is a Target or a change's TargetSide (no ``base_unit``): anything with value/low/high/unit."""
    if t.low is not None and t.high is not None:
        v = (float(t.low) + float(t.high)) / 2
    elif t.value is not None:
        v = float(t.value)
    elif t.low is not None or t.high is not None:
        v = float(t.low if t.low is not None else t.high)  # type: ignore[arg-type]
    else:
        return None
    scale, common = _unit_scale(t)
    return v * scale, common


def _unit_scale(t: Any) -> tuple[float, str]:
    """(what one of ``t``'s unit is in the common unit, that common unit): 万亿斤 → (1e12·…, 斤)."""
    mult, base = _split_unit(t.unit or "")
    base_unit = getattr(t, "base_unit", None)
    if base_unit and not base:
        base = base_unit
    common, factor = _conversions().get(base, (base, 1.0))
    return mult * factor, common


def _side(t: Target) -> TargetSide:
    return TargetSide(t.value, t.low, t.high, t.unit, t.qualifier, t.text, t.stretch, t.block)


RATE_UNITS = ("%", "％", "‰")


def target_delta(o: Any, n: Any) -> Optional[Delta]:
    """New minus old, in the new target's unit (the old one's when the new is the bare base unit and
    the old has a multiplier, or both have one and the old's is finer: 万担 over 亿担; percentage
    points for rates); None when either
    states no number or the units do not compare.  The one delta of the project: the comparison,
    the redline and the corpus table all use it.  ``o``/``n``: Targets or TargetSides."""
    mo, mn = _magnitude(o), _magnitude(n)
    if mo is None or mn is None or mo[1] != mn[1]:
        return None
    unit = unicodedata.normalize("NFKC", n.unit or "")
    if unit in RATE_UNITS or unit.endswith("%"):
        mid_o = _midpoint(o)
        mid_n = _midpoint(n)
        return Delta(_round(mid_n - mid_o), "个百分点")  # type: ignore[operator]
    scale, unit = _unit_scale(n)[0] or 1.0, n.unit or ""
    old_scale, old_multiplied = _unit_scale(o)[0] or 1.0, _split_unit(o.unit or "")[0] != 1.0
    if _split_unit(unit)[0] == 1.0 and old_scale > scale:
        # a compound numeral is written in its base unit (一百四十五亿七千七百万元 is 元): say the delta
        # in the old target's 亿元, as a reader would (+34.77亿元, not +3477000000元)
        scale, unit = old_scale, o.unit or ""
    elif old_multiplied and old_scale < scale:
        # two multiplied units (三千五百万担 → 一亿担): the finer one, as a reader would (+6500万担, not +0.65亿担)
        scale, unit = old_scale, o.unit or ""
    return Delta(_round((mn[0] - mo[0]) / scale), unit)


def _midpoint(t: Any) -> Optional[float]:
    if t.low is not None and t.high is not None:
        return (float(t.low) + float(t.high)) / 2
    return float(t.value) if t.value is not None else None


def _round(x: float) -> float:
    """Drop float noise (5.5 - 6 is -0.5, not -0.5000000001)."""
    r = round(x, 6)
    return 0.0 if r == 0 else r


@lru_cache(maxsize=1)
def _converter():
    try:
        import opencc

        return opencc.OpenCC("t2s")
    except Exception:  # pragma: no cover - opencc is a declared dependency
        return None


def _simplify(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    conv = _converter()
    if conv is not None:
        s = conv.convert(s)
    return re.sub(r"[\s\W_]+", "", s)


@lru_cache(maxsize=1)
def _wording_equivalents() -> dict[str, str]:
    """``lexicon/target_wording.tsv``: word → how it reads when comparing wordings."""
    return two_columns("target_wording.tsv")


def _own_wording(t: Target) -> str:
    """What a target's clause says about its own metric: a target split from a list of metrics
    sharing one predicate (``单位生产总值能耗、单位生产总值二氧化碳排放量进一步下降``) is its metric and
    that predicate (``单位生产总值二氧化碳排放量进一步下降``), whatever else the list held."""
    text, metric = t.text, t.metric or ""
    if "、" not in text or not metric or metric not in text:
        return text
    last = text.split("、")[-1]
    from ..annotators.indicators import metric_span

    # the last member of the list is cut off the same way whether or not it is this target's metric
    # (水资源等指标达到国家要求 says 达到国家要求 of 能源 and of 水资源 alike)
    span = metric_span(last, 0, len(last))
    if span is None and metric in last:
        return metric + last.split(metric, 1)[1]
    return metric + (last[span[1] :] if span else last)


def _wording(t: Target) -> str:
    """A wordless target's wording as compared: what its own clause (:func:`_own_wording`) says
    after the metric (the indicator already says the metric is the same: 居民人均可支配收入增长与经济增长
    同步 and 居民收入增长与经济增长同步 say one thing), script, width and punctuation folded, and words that
    say nothing different read alike or not at all (``与``/``同`` → ``和``, ``保持``:
    ``lexicon/target_wording.tsv``)."""
    table = _wording_equivalents()
    own = _own_wording(t)
    metric = t.metric or ""
    said = own.split(metric, 1)[1] if metric and metric in own and own.split(metric, 1)[1] else own
    words = [table.get(tok.key, tok.key) for tok in tokenize(_simplify(said))]
    return "".join(words)


def _year_targets(r: Report) -> list[Target]:
    """Targets for the report's own year (a report also restates last year's targets in review),
    in report order; when none is dated the report's year (national 1981 sets the plan of 1982),
    every target.  Goals (``Target.goal``) stand apart: they are dated by their own period, so they
    neither decide which year the plan is for nor are left out by it."""
    year = r.meta.year
    plain = [t for t in r.targets if not t.goal]
    own = [t for t in plain if t.year is None or year is None or t.year == year]
    keep = {id(t) for t in (own or plain)}
    return [t for t in r.targets if t.goal or id(t) in keep]


def target_change(o: Optional[Target], n: Optional[Target]) -> str:
    """The label for one indicator (DESIGN.md part A)."""
    if o is None and n is None:
        raise ValueError("need at least one target")
    if o is None:
        return "added"
    if n is None:
        return "removed"
    mo, mn = _magnitude(o), _magnitude(n)
    if mo is not None and mn is not None:
        if mo[1] != mn[1]:
            return "reworded"  # incomparable units: the target was restated in other terms
        a, b = mo[0], mn[0]
        if not math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12):
            return "raised" if b > a else "lowered"
        qo = o.qualifier or "exact"
        qn = n.qualifier or "exact"
        if qo != qn or (qo == "range" and (o.low, o.high) != (n.low, n.high)):
            return "qualifier_changed"
        if o.stretch != n.stretch:
            # the same floor with a stretch goal added, raised, lowered or dropped (增长6%以上、力争7%)
            so = float(o.stretch) if o.stretch is not None else b
            sn = float(n.stretch) if n.stretch is not None else b
            return "raised" if sn > so else "lowered" if sn < so else "qualifier_changed"
        return "unchanged"
    if mo is None and mn is not None:
        return "quantified"  # 能耗继续下降 → 降低2.5%左右
    if mo is not None and mn is None:
        return "unquantified"  # 增长4.5% → 实现正增长
    if o.indicator is None and metric_key(o.metric or "") != metric_key(n.metric or ""):
        return "reworded"  # a goal outside the lexicon restated around its head noun (各类风险 → 金融财政风险)
    return "unchanged" if _wording(o) == _wording(n) else "reworded"


def target_changes(old: Report, new: Report) -> tuple[TargetChange, ...]:
    """Targets compared like with like (:mod:`.target_pairs`: by scope, indicator and component; a
    headline goal outside the lexicon by its metric; a component against a parent only the other
    year sets; a target stated as a goal with the other year's alike goal, :mod:`.goal_pairing`),
    in the order of the new report (removed last).  A headline target that the other year sets only
    in a measure is ``removed`` (or ``added``) from the headline list, with ``moved_to`` pointing at
    the measure; the measure's own ``added`` (or ``removed``) row points back at the headline target."""
    po, pn = pair_goals(pick(_year_targets(old), _magnitude), pick(_year_targets(new), _magnitude), old.text, new.text)
    out: list[TargetChange] = []
    for ko, kn in pair_keys(po, pn):
        o, n = po.get(ko), pn.get(kn)
        key = reported_key(ko, kn)
        change = target_change(o, n)
        other = _other_scope(key)
        moved = None
        # a target that left one list for the other (headline ↔ measure): both rows say where
        if change == "removed" and other in pn:
            moved = _side(pn[other])
        elif change == "added" and other in po:
            moved = _side(po[other])
        delta = target_delta(o, n) if o is not None and n is not None else None
        # a goal pairs by its metric (goal_pairing.py): the id the lexicon gives it is still said
        indicator = key[1] if not is_goal_key(key) else (n or o).indicator
        out.append(TargetChange(indicator, o.metric if o else None, n.metric if n else None,
                                _side(o) if o else None, _side(n) if n else None, change, delta,
                                key[0], key[2], moved))
    return tuple(out)


def _other_scope(key: Key) -> Key:
    """The same key in the other scope (headline ↔ measure)."""
    return ("measure" if key[0] == "headline" else "headline",) + tuple(key[1:])

