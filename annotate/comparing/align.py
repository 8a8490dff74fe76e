"""Two reports' tokens → aligned segment pairs (match, moved, split/merge, inserted, deleted).

Contract:
- :func:`segments` cuts a report's token list into *segments*: sentences (ended by 。！？；!?;
  or a line break) inside the report's paragraph-level blocks (whatever ``structure`` produced: p, item, heading,
  title …; sentence blocks ``s`` are not needed).  Segments cover the text exactly, each taking
  the whitespace after it, so pairs of segments rebuild the whole report.
- :func:`align` pairs old and new segments by content, coarse to fine:
  1. candidates, anchors first: bigrams held by one old and one new segment only are anchors
     (patience diff's unique lines), chained in reading order; for each new segment, old
     segments sharing *rare* character bigrams (an inverted index; bigrams common to many
     segments say nothing) are counted — the rarest anywhere (a moved sentence), the others only
     in a window around the anchors bracketing the segment — and the 8 with most shared bigrams
     are scored by Dice similarity.  Bounded posting lists and bounded windows keep the search
     linear in the input (:func:`_candidates`);
  2. the in-order backbone: the heaviest chain of candidates increasing on both sides (a
     weighted LCS, O(P log P) with a Fenwick tree);
  3. moves: leftover pairs that are near-identical but out of order;
  4. gaps between backbone pairs: leftovers compared all-against-all (gaps are small) so a
     rewritten sentence pairs with the sentence it replaced instead of being delete + insert;
  5. splits and merges: a pair grows to take in an adjacent unpaired segment when that makes
     the two sides more alike (one sentence became two, two became one);
  6. what is left is inserted or deleted, grouped per paragraph.
  Sentence-level units make this work on reports whose paragraphs were lost (Hong Kong and
  Shanghai files are one line) as well as on well-structured ones; containers (paragraphs,
  sections, parts) are paired afterwards from their sentences (:func:`block_pairs`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from heapq import nlargest
from itertools import chain, compress
from operator import add, itemgetter
from typing import Optional, Sequence

from ..model import Block, Report
from ..reading.tokenize import Token

SENTENCE_END = frozenset("。！？；!?;")
CONTENT_KINDS = frozenset(("word", "num"))  # the token kinds a segment's content holds
_KEY, _KIND = itemgetter(3), itemgetter(4)  # Token.key, Token.kind
# Closing marks that belong to the sentence before them.
_CLOSERS = frozenset("”’」』）)】〕》\"'")

CHAIN_MIN = 0.35  # backbone candidates
MOVE_MIN = 0.6  # a move must be a near-identical segment ...
MOVE_MIN_CHARS = 8  # ... of some length (short stock phrases recur everywhere)
GAP_MIN = 0.2  # pairing leftovers inside a gap
GAP_MAX_CELLS = 900
CROSS_GAIN = 0.15  # two adjacent pairs become one when that makes them this much more alike
# A bigram is rare when at most ~2·√n old segments hold it, and never more than CAP_MAX: the
# candidate lists stay bounded, so candidate search is linear in the input (a report has at most
# ~1,200 sentences, √-rule 68; 16 reports end to end have ~7,000, which √ would let reach 166).
CAP_MAX = 80
# A bigram held by at most this many old segments proposes candidates anywhere in the report
# (moves); commoner ones only within WINDOW segments of the anchors around a new segment.
CAP_GLOBAL = 12
WINDOW = 1024
RUN_ON = 600  # characters without a sentence end before a segment is cut at any punctuation


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence-sized stretch: tokens ``[tok_start, tok_end)``, text ``[start, end)``."""

    index: int
    tok_start: int
    tok_end: int
    start: int
    end: int
    block: Optional[str]
    content: str  # token keys without spaces and punctuation: what similarity looks at


@dataclass(frozen=True, slots=True)
class SegPair:
    """Old segments ``old[0]:old[1]`` aligned with new segments ``new[0]:new[1]``.

    ``relation``: ``match`` (in order), ``moved`` (out of order; ``move_id`` groups a run of
    moved segments), ``inserted`` (old range empty), ``deleted`` (new range empty).  A match
    spanning several segments on one side is a split or a merge.
    """

    old: tuple[int, int]
    new: tuple[int, int]
    relation: str
    score: float
    move_id: Optional[int] = None


def unit_blocks(report: Report) -> list[Block]:
    """The paragraph-level blocks: leaves of the block tree, a sentence's parent standing for it."""
    parents = {b.parent for b in report.blocks if b.parent}
    by_id = report.block_by_id
    units: dict[str, Block] = {}
    for b in report.blocks:
        if b.id in parents:
            continue
        if b.kind == "s" and b.parent in by_id:
            b = by_id[b.parent]
        units[b.id] = b
    return sorted(units.values(), key=lambda b: (b.start, -b.end))


def segments(report: Report, tokens: Sequence[Token], *, sentences: bool = True,
             long_paragraph: int = 1500) -> list[Segment]:
    """Cut ``tokens`` into segments at paragraph-level block boundaries and sentence ends.

    With ``sentences=False`` a paragraph is cut at sentence ends only once it is
    ``long_paragraph`` characters long, so flattened one-line reports still give small leaves.
    (The comparison no longer uses it: with punctuation ignored, a sentence end that moved is
    paired back by :func:`align`'s split/merge and crossing-boundary steps.)
    """
    units = unit_blocks(report)
    starts = [u.start for u in units]
    boundaries = {u.start for u in units} | {u.end for u in units}

    def block_at(offset: int) -> Optional[str]:
        i = bisect_right(starts, offset) - 1
        while i >= 0:
            if units[i].start <= offset < units[i].end:
                return units[i].id
            if i > 0 and units[i - 1].end <= offset:
                break
            i -= 1
        return None

    out: list[Segment] = []
    seg_start = 0
    ended = False  # the current segment has seen its sentence end
    has_content = False

    def close(k: int) -> None:
        nonlocal seg_start
        if k <= seg_start:
            return
        toks = tokens[seg_start:k]
        # keys of the words and numbers, gathered in C (a segment is tens of tokens)
        content = "".join(compress(map(_KEY, toks), map(CONTENT_KINDS.__contains__, map(_KIND, toks))))
        first = next((t.start for t in toks if t.kind != "space"), toks[0].start)
        out.append(Segment(len(out), seg_start, k, toks[0].start, toks[-1].end, block_at(first), content))
        seg_start = k

    for k, t in enumerate(tokens):
        if k > seg_start:
            at_boundary = t.start in boundaries and t.kind != "space"
            if ended and not sentences and t.start - tokens[seg_start].start < long_paragraph:
                ended = False
            if (ended and t.kind != "space" and t.text[0] not in _CLOSERS) or (at_boundary and has_content):
                close(k)
                ended = False
                has_content = False
        if t.kind != "space":
            has_content = True
        if t.kind == "punct" and t.text[-1] in SENTENCE_END:
            ended = True
        elif t.kind == "space" and "\n" in t.text and has_content:
            # A line break ends a segment even inside one block: structure may join short
            # lines (two headings) into one paragraph on one side only.
            ended = True
        elif t.end - tokens[seg_start].start >= RUN_ON and (t.kind == "punct" or t.end - tokens[seg_start].start >= 4 * RUN_ON):
            # A run-on stretch without sentence ends (a table dumped as text): cut it at a
            # comma, or anywhere when there is none, so no leaf diff grows large.
            ended = True
    close(len(tokens))
    return out


def _gram_tables(old: Sequence[Segment], new: Sequence[Segment]) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    """Each segment's distinct character bigrams (its content itself when shorter than two), as
    small integers: one number per distinct bigram of the two reports, shared by every segment
    that holds it.

    Numbers, not the bigram strings: the table that names them is dropped once the segments are
    read, and a number takes a third of a two-character string's memory (16 reports end to end:
    ~70,000 distinct bigrams, the alignment's largest allocation after the tokens).  Tuples, not
    sets: a tuple of forty takes a sixth of a frozenset's memory; :func:`_dice` makes the one set
    an intersection needs (16 reports end to end: 22 MB of bigram sets became 4 MB).  The numbering follows set order, but nothing depends on it: bigrams
    are only counted and compared for equality.
    """
    ids: dict[str, int] = {}

    def grams(text: str) -> tuple[int, ...]:
        keys = dict.fromkeys(map(add, text, text[1:])) if len(text) >= 2 else dict.fromkeys((text,) if text else ())
        missing = set(keys).difference(ids)  # walks ``keys`` (keys() - keys() walks the whole table)
        if missing:
            ids.update(zip(missing, range(len(ids), len(ids) + len(missing))))
        return tuple(map(ids.__getitem__, keys))

    return [grams(s.content) for s in old], [grams(s.content) for s in new]


Grams = "tuple[int, ...] | frozenset[int]"


def _dice(a: Grams, b: Grams) -> float:
    """Dice similarity of two bigram collections (each without repeats: :func:`_gram_tables`, :func:`_union`)."""
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    common = (a if isinstance(a, frozenset) else frozenset(a)).intersection(b)
    return 2 * len(common) / (len(a) + len(b))


def _union(grams: Sequence[tuple[int, ...]], a: int, b: int) -> frozenset[int]:
    """The bigrams of segments ``a`` to ``b`` (exclusive) together."""
    return frozenset().union(*grams[a:b])


class _Fenwick:
    """Prefix maximum with argmax over positions 0..n-1."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.val = [0.0] * (n + 1)
        self.arg: list[int] = [-1] * (n + 1)

    def update(self, i: int, v: float, arg: int) -> None:
        i += 1
        while i <= self.n:
            if v > self.val[i]:
                self.val[i], self.arg[i] = v, arg
            i += i & -i

    def query(self, i: int) -> tuple[float, int]:
        """Max over positions < i."""
        best, arg = 0.0, -1
        while i > 0:
            if self.val[i] > best:
                best, arg = self.val[i], self.arg[i]
            i -= i & -i
        return best, arg


def _chain(cands: list[tuple[int, int, float]], n_old: int) -> list[tuple[int, int, float]]:
    """Heaviest chain of (i, j, w) strictly increasing in both i and j."""
    if not cands:
        return []
    cands = sorted(cands, key=lambda c: (c[1], c[0]))
    fw = _Fenwick(n_old)
    best = [0.0] * len(cands)
    back = [-1] * len(cands)
    k = 0
    while k < len(cands):
        j = cands[k][1]
        group = []
        while k < len(cands) and cands[k][1] == j:
            group.append(k)
            k += 1
        for g in group:  # queries before updates: no two pairs of one new segment chain
            prev, arg = fw.query(cands[g][0])
            best[g], back[g] = prev + cands[g][2], arg
        for g in group:
            fw.update(cands[g][0], best[g], g)
    g = max(range(len(cands)), key=lambda x: best[x])
    out = []
    while g != -1:
        out.append(cands[g])
        g = back[g]
    return out[::-1]


def _top(hits: Counter[int], k: int) -> list[int]:
    """The ``k`` segments with most hits, ties by segment index (never by hash order): what
    sorting every candidate gives, after cutting the candidates at the k-th largest count.
    (Sorting and filtering run in C: a window on reports end to end hits a thousand segments.)"""
    if len(hits) > k:
        floor = nlargest(k, hits.values())[-1]
        pool = list(compress(hits.keys(), map(floor.__le__, hits.values())))
    else:
        pool = list(hits)
    # by index, then (a stable sort keeps that order among equal counts, reversed or not) by count
    pool.sort()
    pool.sort(key=hits.__getitem__, reverse=True)
    return pool[:k]


def _candidates(old: Sequence[Segment], new: Sequence[Segment], og: Sequence[tuple[int, ...]],
                ng: Sequence[tuple[int, ...]]) -> dict[tuple[int, int], float]:
    """Step 1: Dice scores of candidate pairs ``(i, j)``, each at least :data:`GAP_MIN`.

    Every old segment whose content equals new segment ``j``'s scores 1.0; then the 8 old segments
    sharing most rare bigrams with ``j`` (ties by index) are scored.  A bigram held by at most
    :data:`CAP_GLOBAL` old segments counts wherever they stand (a moved sentence is found by
    its rare words); a commoner one (up to the √-rule cap) counts only inside ``j``'s window
    (:func:`_windows`), so the postings read per segment stay bounded however long the reports.
    """
    postings: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(og):
        for x in g:
            postings[x].append(i)  # each list ascending: segments are walked in order
    cap = min(max(CAP_GLOBAL, int(len(old) ** 0.5) * 2), CAP_MAX)
    for x in [x for x, p in postings.items() if len(p) > cap]:
        del postings[x]  # the common bigrams' long lists are never read (in place: no second table)
    rare = postings  # read with .get only, so no key is ever added
    exact: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(old):
        if s.content:
            exact[s.content].append(i)
    windows = _windows(rare, ng, len(old))
    score: dict[tuple[int, int], float] = {}
    for j in range(len(new)):
        g = ng[j]
        if not g:
            continue
        for i in exact.get(new[j].content, ()):
            score[(i, j)] = 1.0
        lo, hi = windows[j]
        if lo <= 0 and hi >= len(old):
            # posting lists are never empty, so filter(None) drops exactly the bigrams that are
            # not rare; map/filter/chain keep the gathering in C
            hits: Counter[int] = Counter(chain.from_iterable(filter(None, map(rare.get, g))))
        else:
            hits = Counter(chain.from_iterable(
                p if len(p) <= CAP_GLOBAL else p[bisect_left(p, lo) : bisect_left(p, hi)]
                for p in filter(None, map(rare.get, g))))
        # Ties broken by segment index, never by the (hash-seeded) order the bigram set was
        # walked in: the same two reports must always give the same alignment.
        # :func:`_dice` written out (both sides hold bigrams here): the one set the scores of this
        # segment's candidates need, made once
        common, size = frozenset(g).intersection, len(g)
        for i in _top(hits, 8):
            if (i, j) not in score:
                d = 2 * len(common(og[i])) / (size + len(og[i]))
                if d >= GAP_MIN:
                    score[(i, j)] = d
    return score


def _anchors(rare: dict[int, list[int]], ng: Sequence[tuple[int, ...]]) -> list[tuple[int, int, float]]:
    """Patience-style anchors: pairs ``(i, j)`` joined by bigrams that occur in one old and one new
    segment only, the heaviest chain of them increasing on both sides (weight: bigrams shared).

    A bigram unique to one segment on each side is as good a sign as a unique line is to patience
    diff; chaining keeps the ones in reading order, so a stray coincidence does not pull a window
    across the report."""
    seen: dict[int, int] = {}
    twice: set[int] = set()
    for j, g in enumerate(ng):
        for x in g:
            if x in seen:
                twice.add(x)
            else:
                seen[x] = j
    votes: Counter[tuple[int, int]] = Counter(
        (p[0], seen[x]) for x, p in rare.items() if len(p) == 1 and x in seen and x not in twice)
    return _chain([(i, j, float(v)) for (i, j), v in votes.items()], max((i for i, _ in votes), default=0) + 1)


def _windows(rare: dict[int, list[int]], ng: Sequence[tuple[int, ...]], n_old: int) -> list[tuple[int, int]]:
    """For each new segment, the old range ``[lo, hi)`` where its candidates are looked for: from
    :data:`WINDOW` segments before the anchor (:func:`_anchors`) preceding it to :data:`WINDOW`
    after the anchor following it (the whole report where no anchor bounds a side).  A report has a
    few hundred to ~1,200 segments, so a window covers most of one report; on reports end to end
    it stays the size of one, which keeps the candidate search linear."""
    anchors = _anchors(rare, ng)
    out: list[tuple[int, int]] = []
    k = 0  # anchors[k] is the first anchor at or after j
    for j in range(len(ng)):
        while k < len(anchors) and anchors[k][1] < j:
            k += 1
        lo = anchors[k - 1][0] - WINDOW if k > 0 else 0
        hi = anchors[k][0] + 1 + WINDOW if k < len(anchors) else n_old
        out.append((max(lo, 0), min(hi, n_old)))
    return out


def align(old: Sequence[Segment], new: Sequence[Segment]) -> list[SegPair]:
    """Pair ``old`` and ``new`` segments (see module docstring); pairs in reading order of new.

    The greedy steps (tie-breaks, move picking, growing) are not symmetric by themselves, so
    the pairing is always computed in one canonical direction (the side whose content sorts first
    is "old") and flipped when needed: compare(B, A) is then exactly the mirror of compare(A, B).
    """
    ko = "\x00".join(s.content for s in old)
    kn = "\x00".join(s.content for s in new)
    if kn < ko:
        flipped = _align(new, old)
        swap = {"inserted": "deleted", "deleted": "inserted"}
        pairs = [SegPair(p.new, p.old, swap.get(p.relation, p.relation), p.score) for p in flipped]
    else:
        pairs = _align(old, new)
    return _reading_order(_number_moves(pairs))


def _align(old: Sequence[Segment], new: Sequence[Segment]) -> list[SegPair]:
    og, ng = _gram_tables(old, new)

    # 1. candidates through an inverted index of rare bigrams, near the anchored stretch
    score = _candidates(old, new, og, ng)

    def weight(i: int, j: int, d: float) -> float:
        # Similar *and* long pairs anchor the backbone; squaring the score keeps a strong
        # short pair ahead of a weak long one.
        return d * d * (len(old[i].content) + len(new[j].content) + 2)

    # 2. backbone
    backbone = _chain([(i, j, weight(i, j, d)) for (i, j), d in score.items() if d >= CHAIN_MIN], len(old))
    pair_of_old: dict[int, int] = {i: j for i, j, _ in backbone}
    pair_of_new: dict[int, int] = {j: i for i, j, _ in backbone}

    # 3. moves: near-identical leftovers, best first
    moved: list[tuple[int, int]] = []
    for (i, j), d in sorted(score.items(), key=lambda kv: -kv[1]):
        if d < MOVE_MIN:
            break
        if i in pair_of_old or j in pair_of_new:
            continue
        if max(len(old[i].content), len(new[j].content)) < MOVE_MIN_CHARS:
            continue
        pair_of_old[i], pair_of_new[j] = j, i
        moved.append((i, j))
    # A moved run carries its short sentences along: a neighbour on both sides that is free and
    # alike joins the move even below the length floor (弘扬工匠精神。 inside a moved section).
    grown = True
    while grown:
        grown = False
        for i, j in list(moved):
            for di in (-1, 1):
                a, b = i + di, j + di
                if not (0 <= a < len(old) and 0 <= b < len(new)) or a in pair_of_old or b in pair_of_new:
                    continue
                d = score.get((a, b))
                if d is None:
                    d = _dice(og[a], ng[b])
                    score[(a, b)] = d
                if d >= MOVE_MIN:
                    pair_of_old[a], pair_of_new[b] = b, a
                    moved.append((a, b))
                    grown = True

    # 4. gaps between backbone pairs
    gap_pairs: list[tuple[int, int, float]] = []
    anchors = [(-1, -1)] + [(i, j) for i, j, _ in backbone] + [(len(old), len(new))]
    for (i0, j0), (i1, j1) in zip(anchors, anchors[1:]):
        lo = [i for i in range(i0 + 1, i1) if i not in pair_of_old and old[i].content]
        ln = [j for j in range(j0 + 1, j1) if j not in pair_of_new and new[j].content]
        if not lo or not ln or len(lo) * len(ln) > GAP_MAX_CELLS:
            continue
        cands = []
        for i in lo:
            for j in ln:
                d = score.get((i, j))
                if d is None:
                    d = _dice(og[i], ng[j])
                if d >= GAP_MIN:
                    cands.append((i, j, weight(i, j, d)))
        for i, j, _ in _chain(cands, len(old)):
            pair_of_old[i], pair_of_new[j] = j, i
            gap_pairs.append((i, j, score.get((i, j)) or _dice(og[i], ng[j])))

    # 5. grow pairs over adjacent unpaired segments (splits and merges)
    ranges: list[list] = []  # [oa, ob, na, nb, relation, score]
    for i, j, _ in backbone:
        ranges.append([i, i + 1, j, j + 1, "match", score[(i, j)]])
    for i, j, d in gap_pairs:
        ranges.append([i, i + 1, j, j + 1, "match", d])
    for i, j in moved:
        ranges.append([i, i + 1, j, j + 1, "moved", score[(i, j)]])
    taken_old = set(pair_of_old)
    taken_new = set(pair_of_new)

    for r in ranges:
        for _ in range(4):
            oa, ob, na, nb = r[0], r[1], r[2], r[3]
            cur = r[5]
            best = None
            for side, lo_hi in (("new", (na - 1, nb)), ("old", (oa - 1, ob))):
                for k in lo_hi:
                    pool, taken, segs = (ng, taken_new, new) if side == "new" else (og, taken_old, old)
                    if k < 0 or k >= len(segs) or k in taken or not segs[k].content:
                        continue
                    if side == "new":
                        a2, b2 = min(na, k), max(nb, k + 1)
                        d = _dice(_union(og, oa, ob), _union(ng, a2, b2))
                    else:
                        a2, b2 = min(oa, k), max(ob, k + 1)
                        d = _dice(_union(og, a2, b2), _union(ng, na, nb))
                    if d > cur + 0.02 and (best is None or d > best[0]):
                        best = (d, side, k, a2, b2)
            if best is None:
                break
            d, side, k, a2, b2 = best
            if side == "new":
                r[2], r[3] = a2, b2
                taken_new.add(k)
            else:
                r[0], r[1] = a2, b2
                taken_old.add(k)
            r[5] = d

    # 5b. crossing boundaries: a sentence end that moved (坚持稳中求进。完整准确… → 坚持稳中求进，
    # 完整、准确…；) leaves two adjacent pairs that each hold part of the other's sentence; as one
    # pair they are alike again, and the edit is the punctuation, not a deletion plus an insertion.
    ranges.sort(key=lambda r: (r[2], r[0]))
    merged: list[list] = []
    for r in ranges:
        p = merged[-1] if merged else None
        if (p is not None and p[4] == r[4] == "match" and p[1] == r[0] and p[3] == r[2]
                and old[p[0]].block == old[r[1] - 1].block and new[p[2]].block == new[r[3] - 1].block):
            d = _dice(_union(og, p[0], r[1]), _union(ng, p[2], r[3]))
            if d >= max(p[5], r[5]) + CROSS_GAIN:
                p[1], p[3], p[5] = r[1], r[3], d
                continue
        merged.append(r)
    ranges = merged

    # 6. slide ambiguous matches (a repeated 各位代表！ at both ends of a deleted paragraph)
    # so deletions and insertions fall on paragraph boundaries, as people make them.
    _slide(ranges, old, taken_old, side=0)
    _slide(ranges, new, taken_new, side=2)

    # 7. leftovers: inserted / deleted, one pair per run inside one paragraph
    pairs = [SegPair((r[0], r[1]), (r[2], r[3]), r[4], round(r[5], 4)) for r in ranges]
    pairs += _runs([j for j in range(len(new)) if j not in taken_new], new, "inserted")
    pairs += _runs([i for i in range(len(old)) if i not in taken_old], old, "deleted")
    return pairs


def _slide(ranges: list[list], segs: Sequence[Segment], taken: set[int], side: int) -> None:
    """Move a one-segment match across an unpaired stretch when the segment at the stretch's far
    end says the same thing and the unpaired text then splits into fewer paragraphs.

    ``side`` 0 slides on the old side (deletions), 2 on the new side (insertions).  Like a diff's
    "slider" heuristic: both alignments are equally good by content; block boundaries decide.
    """

    def groups(a: int, b: int) -> int:  # runs the stretch [a, b) would be reported as
        return sum(1 for k in range(a, b) if k == a or segs[k].block != segs[k - 1].block)

    for r in ranges:
        if r[4] != "match" or r[1] - r[0] != 1 or r[3] - r[2] != 1:
            continue
        i = r[side]
        for step in (1, -1):
            e = i + step
            while 0 <= e < len(segs) and e not in taken:
                e += step
            end = e - step  # far end of the unpaired stretch
            if end == i or segs[end].content != segs[i].content:
                continue
            lo, hi = (i + 1, end + 1) if step == 1 else (end, i)
            nlo, nhi = (i, end) if step == 1 else (end + 1, i + 1)
            if groups(nlo, nhi) < groups(lo, hi):
                taken.discard(i)
                taken.add(end)
                r[side], r[side + 1] = end, end + 1
                break


def _runs(idx: list[int], segs: Sequence[Segment], relation: str) -> list[SegPair]:
    out: list[SegPair] = []
    start = prev = None
    for k in idx + [None]:  # type: ignore[list-item]
        if k is not None and prev is not None and k == prev + 1 and segs[k].block == segs[prev].block:
            prev = k
            continue
        if start is not None:
            rng = (start, prev + 1)
            out.append(SegPair((0, 0), rng, relation, 0.0) if relation == "inserted" else SegPair(rng, (0, 0), relation, 0.0))
        start = prev = k
    return out


def _number_moves(pairs: list[SegPair]) -> list[SegPair]:
    """Give runs of moved pairs, consecutive on both sides, one ``move_id``."""
    moves = sorted((p for p in pairs if p.relation == "moved"), key=lambda p: p.new[0])
    ids: dict[int, int] = {}
    next_id = 0
    prev = None
    for p in moves:
        if prev is not None and p.new[0] == prev.new[1] and p.old[0] == prev.old[1]:
            ids[id(p)] = ids[id(prev)]
        else:
            next_id += 1
            ids[id(p)] = next_id
        prev = p
    return [SegPair(p.old, p.new, p.relation, p.score, ids[id(p)]) if p.relation == "moved" else p for p in pairs]


def _reading_order(pairs: list[SegPair]) -> list[SegPair]:
    """New document order; a deleted run sits right after the pair holding the old segment before it."""
    new_of_old: dict[int, int] = {}
    for p in pairs:
        if p.relation in ("match",):
            for i in range(p.old[0], p.old[1]):
                new_of_old[i] = p.new[0]
    keyed = []
    for p in pairs:
        if p.relation == "deleted":
            i = p.old[0] - 1
            while i >= 0 and i not in new_of_old:
                i -= 1
            anchor = new_of_old.get(i, -1)
            keyed.append(((anchor, 1, p.old[0]), p))
        else:
            keyed.append(((p.new[0], 0, 0), p))
    keyed.sort(key=lambda kp: kp[0])
    return [p for _, p in keyed]


def block_pairs(old_report: Report, new_report: Report, old: Sequence[Segment], new: Sequence[Segment],
                pairs: Sequence[SegPair]) -> list[tuple[str, Optional[str], float]]:
    """Container alignment derived from segment pairs: (old block id, new block id or None, score).

    Every old block (paragraphs, sections, parts …) is paired with the new block of the same kind
    that received most of its matched content; the score is the Dice ratio of matched content
    to the two blocks' sizes.  Blocks that kept nothing pair with None (deleted).
    """
    o_anc = _ancestors(old_report)
    n_anc = _ancestors(new_report)
    o_size: Counter[str] = Counter()
    n_size: Counter[str] = Counter()
    for s in old:
        for b in o_anc.get(s.block, ()):
            o_size[b] += len(s.content)
    for s in new:
        for b in n_anc.get(s.block, ()):
            n_size[b] += len(s.content)
    shared: dict[str, Counter[str]] = defaultdict(Counter)
    for p in pairs:
        if p.relation not in ("match", "moved"):
            continue
        mass = min(sum(len(old[i].content) for i in range(*p.old)), sum(len(new[j].content) for j in range(*p.new)))
        mass = int(mass * p.score)
        ob = {b for i in range(*p.old) for b in o_anc.get(old[i].block, ())}
        nb = {b for j in range(*p.new) for b in n_anc.get(new[j].block, ())}
        for x in ob:
            for y in nb:
                shared[x][y] += mass
    okind = {b.id: b.kind for b in old_report.blocks}
    nkind = {b.id: b.kind for b in new_report.blocks}
    out: list[tuple[str, Optional[str], float]] = []
    for b in old_report.blocks:
        if b.id not in o_size:
            continue
        best = [(m, y) for y, m in shared.get(b.id, Counter()).items() if nkind.get(y) == okind[b.id]]
        if not best:
            out.append((b.id, None, 0.0))
            continue
        m, y = max(best)
        denom = o_size[b.id] + n_size[y]
        out.append((b.id, y, round(2 * m / denom, 4) if denom else 0.0))
    return out


def _ancestors(report: Report) -> dict[Optional[str], tuple[str, ...]]:
    by_id = report.block_by_id
    out: dict[Optional[str], tuple[str, ...]] = {}
    for b in report.blocks:
        chain = []
        cur: Optional[Block] = b
        while cur is not None:
            chain.append(cur.id)
            cur = by_id.get(cur.parent) if cur.parent else None
        out[b.id] = tuple(chain)
    return out
