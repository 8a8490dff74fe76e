"""Aligned token sequences → token-level edit operations → classified changes.

Contract:
- :func:`leaf_diff` takes the tokens of one aligned pair (a sentence, a paragraph, a few
  sentences) and returns :class:`TokenOp` s — ``equal``/``insert``/``delete``/``replace`` over
  token index ranges — that cover both sequences in order: keeping the old tokens of ``equal``
  ops and taking the new tokens of the others rebuilds the new sequence.
- It never diffs whole documents (the aligner hands it small leaves).  Tokens are mapped to single
  placeholder characters in the supplementary private-use planes (U+F0000.., never BMP private
  use, which real reports contain) and diffed with diff-match-patch, then semantic cleanup.
- A diff that runs out of time is detected (diff-match-patch then silently answers "delete
  everything, insert everything"); the leaf is redone with :mod:`difflib`, which is slower
  in the worst case but always gives a real alignment, and the fallback is counted.
- A clause that moved within a leaf unchanged (``城镇新增就业…，城镇调查失业率…`` →
  ``城镇调查失业率…，城镇新增就业…``) is cut out as a ``moved`` delete at its old place and insert
  at its new one (:func:`moved_clauses`), the rest of the leaf diffed without it; such ops are
  reordering, never a change of words, and :func:`classify` names them None.
- :func:`classify` names each non-equal op by its most specific kind: ``number_changed`` (the
  op only touches numbers and their qualifiers, and both numbers measure one thing),
  ``modality_changed`` (only modal verbs, with a different strength, governing the same words),
  else ``inserted``/``deleted``/``replaced``; whitespace-only edits (and, when asked,
  punctuation-only ones) are layout, not changes.
- A number edit is the quantity alone: punctuation at its ends is an edit of its own
  (``4.06万亿元，`` → ``5.66万亿元、`` is a number change plus ``，`` → ``、``).  Like is paired with
  like: a number whose metric is an aggregate on one side only (``增长6.7%`` → ``年均增长7.1%``),
  whose metric words differ (``百亿企业12家`` → ``规上工业企业900家``, :func:`same_metric`) or whose
  unit measures something else (``连续6年`` → ``连续10次``) is folded into the rewording before it.
  (The span of time a passage reviews, one year or five, is the comparison's to check:
  :mod:`annotate.comparing.horizon`.)
- A modal verb whose clause goes on differently (``[力争]战略性新兴产业增加值增长7.5%`` →
  ``战略性新兴产业增加值占规上工业比重达到35%``) is folded into that clause's rewording: it left with
  its clause, its strength did not change.
"""

from __future__ import annotations

import difflib
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Optional, Sequence

from ..lexicon import DIR as LEXICON_DIR

from ..model import Meta
from ..reading.tokenize import QUALIFIERS, Token
from ..lazyre import compiled

LEXICON = LEXICON_DIR

_KEY = itemgetter(3)  # Token.key, read in C

# Supplementary private-use planes 15 and 16: 2 × 65,534 usable code points.
_PLANES = ((0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))


class PlaceholderOverflow(Exception):
    """More distinct tokens than placeholder code points (never seen on real reports)."""


class Encoder:
    """Maps each distinct token key to one placeholder character (shared by both sides)."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}
        self._plane = 0
        self._next = _PLANES[0][0]

    def char(self, key: str) -> str:
        c = self._codes.get(key)
        if c is None:
            if self._next > _PLANES[self._plane][1]:
                self._plane += 1
                if self._plane >= len(_PLANES):
                    raise PlaceholderOverflow(len(self._codes))
                self._next = _PLANES[self._plane][0]
            c = chr(self._next)
            self._next += 1
            self._codes[key] = c
        return c

    def encode(self, tokens: Sequence[Token]) -> str:
        """One placeholder per token; keys seen before are looked up in C, new ones numbered in order."""
        keys = list(map(_KEY, tokens))
        chars = list(map(self._codes.get, keys))
        if None in chars:
            chars = [c if c is not None else self.char(k) for c, k in zip(chars, keys)]
        return "".join(chars)


@dataclass(frozen=True, slots=True)
class TokenOp:
    """An edit over token index ranges ``old[i1:i2]`` → ``new[j1:j2]``."""

    kind: str  # equal | insert | delete | replace
    i1: int
    i2: int
    j1: int
    j2: int
    # a clause that moved within the leaf unchanged: its delete (old place) and insert (new place)
    moved: bool = False


@dataclass(frozen=True)
class LeafDiff:
    ops: tuple[TokenOp, ...]
    timed_out: bool = False  # diff-match-patch ran out of time; difflib did the leaf instead


def _ops_from_runs(runs: list[tuple[int, int, int]]) -> list[TokenOp]:
    """(op, n_old, n_new) runs (dmp-style -1/0/1) → TokenOps, delete+insert merged to replace."""
    ops: list[TokenOp] = []
    i = j = 0
    for op, n_old, n_new in runs:
        if op == 0:
            ops.append(TokenOp("equal", i, i + n_old, j, j + n_new))
        elif op == -1:
            ops.append(TokenOp("delete", i, i + n_old, j, j))
        else:
            ops.append(TokenOp("insert", i, i, j, j + n_new))
        i += n_old
        j += n_new
    return _merge(ops)


def _merge(ops: list[TokenOp]) -> list[TokenOp]:
    """Merge adjacent non-equal ops into one insert/delete/replace; drop empty ops."""
    out: list[TokenOp] = []
    for op in ops:
        if op.i1 == op.i2 and op.j1 == op.j2:
            continue
        if out and op.kind != "equal" and out[-1].kind != "equal":
            prev = out.pop()
            op = TokenOp("", prev.i1, op.i2, prev.j1, op.j2)
        elif out and op.kind == "equal" and out[-1].kind == "equal":
            prev = out.pop()
            op = TokenOp("equal", prev.i1, op.i2, prev.j1, op.j2)
        if op.kind != "equal":
            kind = "replace" if op.i2 > op.i1 and op.j2 > op.j1 else "delete" if op.i2 > op.i1 else "insert"
            op = TokenOp(kind, op.i1, op.i2, op.j1, op.j2)
        out.append(op)
    return out


# fast_diff_match_patch's op names → diff-match-patch's (-1 delete, 0 equal, 1 insert)
_C_OPS = {"-": -1, "=": 0, "+": 1}


@lru_cache(maxsize=1)
def _c_diff():
    """``fast_diff_match_patch.diff`` (diff-match-patch's C++ port) when it is installed and counts
    code points as Python does, else None (the pure-Python diff-match-patch does the leaves then).

    The C++ port runs the same algorithm — common ends, half-match under a deadline, bisection,
    semantic cleanup — and gave the very same runs on every leaf of every corpus year pair, both
    ways, cleaned and raw (15,878 diffs), in a fifth of the time.  The probe guards against a
    platform whose ``wchar_t`` holds 16 bits, where a supplementary-plane placeholder would count
    as two characters and every run length would be off."""
    try:
        from fast_diff_match_patch import diff
    except ImportError:  # the optional extra `fast` is not installed: the Python library does the leaves
        return None
    probe = diff("\U000F0000a", "\U000F0001a", timelimit=0, checklines=False, cleanup="No", counts_only=True)
    return diff if probe == [("-", 1), ("+", 1), ("=", 1)] else None


def _dmp_runs(a: str, b: str, timeout: float, cleanup: bool) -> Optional[list[tuple[int, int, int]]]:
    """diff-match-patch on placeholder strings (its C++ port when there, :func:`_c_diff`); None
    when it ran out of time."""
    fast = _c_diff()
    return _python_dmp_runs(a, b, timeout, cleanup) if fast is None else _c_dmp_runs(fast, a, b, timeout, cleanup)


def _c_dmp_runs(fast, a: str, b: str, timeout: float, cleanup: bool) -> Optional[list[tuple[int, int, int]]]:
    """:func:`_dmp_runs` by the C++ port ``fast`` (:func:`_c_diff`)."""
    t0 = time.perf_counter()
    counts = fast(a, b, timelimit=timeout, checklines=False, cleanup="Semantic" if cleanup else "No",
                  counts_only=True)
    # The same deadline signal as the Python one's; the C++ call includes the cleanup, which
    # takes microseconds next to a bisection that ran to the deadline.
    if timeout > 0 and time.perf_counter() - t0 >= timeout:
        return None
    return [(op, n if op <= 0 else 0, n if op >= 0 else 0) for op, n in ((_C_OPS[c], n) for c, n in counts)]


def _python_dmp_runs(a: str, b: str, timeout: float, cleanup: bool) -> Optional[list[tuple[int, int, int]]]:
    """:func:`_dmp_runs` by the pure-Python diff-match-patch (the reference the C++ port must match)."""
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = timeout
    t0 = time.perf_counter()
    diffs = dmp.diff_main(a, b, False)
    if timeout > 0 and time.perf_counter() - t0 >= timeout:
        # dmp's bisect gives up at the deadline and returns delete-all/insert-all for the
        # rest: not a diff.  Elapsed time is the only reliable signal it leaves.
        return None
    if cleanup:
        dmp.diff_cleanupSemantic(diffs)
    return [(op, len(s) if op <= 0 else 0, len(s) if op >= 0 else 0) for op, s in diffs]


def _difflib_runs(a: str, b: str) -> list[tuple[int, int, int]]:
    runs: list[tuple[int, int, int]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append((0, i2 - i1, j2 - j1))
        else:
            if i2 > i1:
                runs.append((-1, i2 - i1, 0))
            if j2 > j1:
                runs.append((1, 0, j2 - j1))
    return runs


def leaf_diff(old: Sequence[Token], new: Sequence[Token], encoder: Encoder, *, timeout: float = 1.0) -> LeafDiff:
    """Token-level edit operations turning ``old`` into ``new`` (see module docstring)."""
    a, b = encoder.encode(old), encoder.encode(new)
    if a == b:
        return LeafDiff((TokenOp("equal", 0, len(old), 0, len(new)),) if old else ())
    if "\x00".join(map(_KEY, new)) < "\x00".join(map(_KEY, old)):
        # Diff in one canonical direction and flip, so B→A is exactly the mirror of A→B
        # (diff-match-patch and its cleanup are not symmetric on their own).
        d = _leaf(new, old, b, a, timeout)
        flip = {"insert": "delete", "delete": "insert"}
        return LeafDiff(tuple(TokenOp(flip.get(o.kind, o.kind), o.j1, o.j2, o.i1, o.i2, o.moved) for o in d.ops),
                        d.timed_out)
    return _leaf(old, new, a, b, timeout)


def _leaf(old: Sequence[Token], new: Sequence[Token], a: str, b: str, timeout: float) -> LeafDiff:
    """The leaf's ops (:func:`_plain_leaf`), with clauses that moved within it unchanged cut out
    as moved ops and the rest diffed without them (:func:`_with_moves`)."""
    d = _plain_leaf(old, new, a, b, timeout)
    if all(op.kind == "equal" for op in d.ops):
        return d
    moves = moved_clauses(old, new)
    if not moves[0]:
        return d
    ops = _with_moves(old, new, a, b, moves, timeout)
    return d if ops is None else LeafDiff(tuple(ops), d.timed_out)


def _plain_leaf(old: Sequence[Token], new: Sequence[Token], a: str, b: str, timeout: float) -> LeafDiff:
    runs = _dmp_runs(a, b, timeout, cleanup=True)
    timed_out = runs is None
    if runs is None:
        runs = _difflib_runs(a, b)
    ops = _ops_from_runs(runs)
    ops = _refine(ops, old, new, a, b, timeout)
    return LeafDiff(tuple(ops), timed_out)


def _refine(ops: list[TokenOp], old: Sequence[Token], new: Sequence[Token], a: str, b: str,
            timeout: float) -> list[TokenOp]:
    """Redo a replace that hides a number or modal-verb change with a raw (uncleaned) diff.

    Semantic cleanup merges ``确保 … 6.5%`` → ``力争 … 7%`` into one big replace; the user wants
    the changed number and the changed verb named.  A raw diff of just that region separates them.
    """
    out: list[TokenOp] = []
    for op in ops:
        if op.kind == "replace" and (op.i2 - op.i1 > 1 or op.j2 - op.j1 > 1):
            olds, news = old[op.i1 : op.i2], new[op.j1 : op.j2]
            if _special(olds) and _special(news):
                runs = _dmp_runs(a[op.i1 : op.i2], b[op.j1 : op.j2], timeout, cleanup=False)
                if runs is None:
                    runs = _difflib_runs(a[op.i1 : op.i2], b[op.j1 : op.j2])
                for sub in _ops_from_runs(runs):
                    out.append(TokenOp(sub.kind, sub.i1 + op.i1, sub.i2 + op.i1, sub.j1 + op.j1, sub.j2 + op.j1))
                continue
        out.append(op)
    ops = [piece for op in _merge(out) for sub in _split_label(op, old, new) for piece in _split_number(sub, old, new)]
    ops = _join_other_averages(ops, old, new)
    ops = _join_modal_rewordings(ops, old, new)
    return [piece for op in ops for piece in _split_number_edges(op, old, new)]


# --------------------------------------------------------------------------- clauses moved in a leaf

# Separators between clauses (a sentence's ；/。 as well: a leaf may hold a few sentences), and
# those inside a sentence, which a moved clause takes along after it.
_CLAUSE_SEP = frozenset("，,；;。！？!?：:、")
_INNER_SEP = frozenset("，,、")
# A clause must say this much (characters of words and numbers) to count as moved: 等, 其中 are
# no clause a reader follows.
MIN_MOVED_CLAUSE_CHARS = 4
# Clause pairs a leaf may hold for moves to be looked for (the order is found in their product);
# a sentence holds tens of clauses, a leaf of thousands is no sentence reordered.
MAX_CLAUSE_PAIRS = 10_000


@dataclass(frozen=True)
class _Clause:
    """Tokens ``[start, end)`` of one clause (no separators or spaces at its ends), the separator
    token before and after it (None at the leaf's edge) and what it says (``key``)."""

    start: int
    end: int
    before: Optional[int]
    after: Optional[int]
    key: str
    chars: int


def _is_sep(t: Token) -> bool:
    return (t.kind == "punct" and any(ch in _CLAUSE_SEP for ch in t.key)) or (t.kind == "space" and "\n" in t.text)


def _clauses(tokens: Sequence[Token]) -> list[_Clause]:
    """The clauses of ``tokens``, split at separators (:data:`_CLAUSE_SEP`, line breaks)."""
    out: list[_Clause] = []
    prev_sep: Optional[int] = None
    k, n = 0, len(tokens)
    while k <= n:
        if k == n or _is_sep(tokens[k]):
            lo = (prev_sep + 1) if prev_sep is not None else 0
            hi = k
            while lo < hi and tokens[lo].kind == "space":
                lo += 1
            while hi > lo and tokens[hi - 1].kind == "space":
                hi -= 1
            if hi > lo:
                body = tokens[lo:hi]
                out.append(_Clause(lo, hi, prev_sep, k if k < n else None,
                                   "".join(t.key for t in body if t.kind != "space"),
                                   sum(len(t.key) for t in body if t.kind in ("word", "num"))))
            prev_sep = k
        k += 1
    return out


def _kept_in_order(olds: Sequence[_Clause], news: Sequence[_Clause]) -> tuple[set[int], set[int]]:
    """The clauses that keep their order (a longest common subsequence by key, weighted by what
    they say, so that the long clauses stay and the short ones are the moved ones)."""
    n, m = len(olds), len(news)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            same = best[i + 1][j + 1] + olds[i].chars + 1 if olds[i].key == news[j].key else -1
            best[i][j] = max(same, best[i + 1][j], best[i][j + 1])
    keep_o, keep_n = set(), set()
    i = j = 0
    while i < n and j < m:
        if olds[i].key == news[j].key and best[i][j] == best[i + 1][j + 1] + olds[i].chars + 1:
            keep_o.add(i)
            keep_n.add(j)
            i += 1
            j += 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return keep_o, keep_n


def _shared_in_order(olds: Sequence[_Clause], news: Sequence[_Clause]) -> bool:
    """Do the clauses that both sides hold (by key) occur once on each side, in the same order?

    Then :func:`_kept_in_order` keeps every one of them (each is the only match of its key and
    all fit in one increasing chain, so leaving one out would weigh less) and no clause is left
    to have moved: the answer without the quadratic table, for the common leaf whose clauses
    were edited in place."""
    count_o = Counter(c.key for c in olds)
    count_n = Counter(c.key for c in news)
    shared_o = [c.key for c in olds if c.key in count_n]
    if any(count_o[k] > 1 or count_n[k] > 1 for k in shared_o):
        return False
    return shared_o == [c.key for c in news if c.key in count_o]


def _runs(tokens: Sequence[Token], clauses: Sequence[_Clause], moved: Sequence[int]) -> list[tuple[int, int]]:
    """Token ranges of the moved clauses ``moved`` (indices into ``clauses``), neighbours joined
    into one run, each run with one separator more than it holds, so what stays reads as a
    sentence: the comma after it, else the separator before it (a clause that moved to the end of
    its sentence leaves the ； there), else the one after."""
    out: list[tuple[int, int]] = []
    k = 0
    moved = sorted(moved)
    while k < len(moved):
        last = k
        while last + 1 < len(moved) and moved[last + 1] == moved[last] + 1:
            last += 1
        first_c, last_c = clauses[moved[k]], clauses[moved[last]]
        lo, hi = first_c.start, last_c.end
        if last_c.after is not None and all(ch in _INNER_SEP for ch in tokens[last_c.after].key):
            hi = last_c.after + 1
        elif first_c.before is not None:
            lo = first_c.before
        elif last_c.after is not None and tokens[last_c.after].kind == "punct":
            hi = last_c.after + 1
        out.append((lo, hi))
        k = last + 1
    return out


def moved_clauses(old: Sequence[Token], new: Sequence[Token]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Clauses that moved within a leaf unchanged: the token ranges they leave in ``old`` and
    take in ``new`` (:func:`_runs`: neighbours joined, each with a separator).  A clause moved is
    found on both sides out of the order the others keep (``城镇新增就业1200万人以上，城镇调查失业率
    5.5%左右`` → ``城镇调查失业率5.5%左右，城镇新增就业1200万人以上``); ``([], [])`` when none did."""
    olds, news = _clauses(old), _clauses(new)
    if len(olds) < 2 or len(news) < 2 or len(olds) * len(news) > MAX_CLAUSE_PAIRS:
        return [], []
    if _shared_in_order(olds, news):
        return [], []
    keep_o, keep_n = _kept_in_order(olds, news)
    free_n: dict[str, list[int]] = {}
    for j, c in enumerate(news):
        if j not in keep_n and c.chars >= MIN_MOVED_CLAUSE_CHARS:
            free_n.setdefault(c.key, []).append(j)
    moved_o: list[int] = []
    moved_n: list[int] = []
    for i, c in enumerate(olds):
        if i not in keep_o and free_n.get(c.key):
            moved_o.append(i)
            moved_n.append(free_n[c.key].pop(0))
    return _runs(old, olds, moved_o), _runs(new, news, moved_n)


def _with_moves(old: Sequence[Token], new: Sequence[Token], a: str, b: str,
                moves: tuple[Sequence[tuple[int, int]], Sequence[tuple[int, int]]], timeout: float) -> Optional[list[TokenOp]]:
    """The leaf's ops with the ``moves`` (:func:`moved_clauses`) as moved deletes (old place) and
    inserts (new place), the rest of the leaf diffed without them.  None when an edit of the rest
    would straddle a moved clause (the plain diff is kept then)."""
    gone_o = {k for s, e in moves[0] for k in range(s, e)}
    gone_n = {k for s, e in moves[1] for k in range(s, e)}
    keep_o = [k for k in range(len(old)) if k not in gone_o]
    keep_n = [k for k in range(len(new)) if k not in gone_n]
    rest = _plain_leaf([old[k] for k in keep_o], [new[k] for k in keep_n],
                       "".join(a[k] for k in keep_o), "".join(b[k] for k in keep_n), timeout)
    pieces: list[TokenOp] = []
    for op in rest.ops:
        if op.kind != "equal":
            olds, news = keep_o[op.i1 : op.i2], keep_n[op.j1 : op.j2]
            if any(y != x + 1 for x, y in zip(olds, olds[1:])) or any(y != x + 1 for x, y in zip(news, news[1:])):
                return None
            i = olds[0] if olds else (keep_o[op.i1] if op.i1 < len(keep_o) else len(old))
            j = news[0] if news else (keep_n[op.j1] if op.j1 < len(keep_n) else len(new))
            pieces.append(TokenOp(op.kind, i, i + len(olds), j, j + len(news)))
            continue
        start = op.i1
        for k in range(op.i1, op.i2 + 1):  # cut an equal run where either side skips a moved clause
            if k == op.i2 or (k > start and (keep_o[k] != keep_o[k - 1] + 1
                                             or keep_n[op.j1 + k - op.i1] != keep_n[op.j1 + k - op.i1 - 1] + 1)):
                jj = op.j1 + start - op.i1
                pieces.append(TokenOp("equal", keep_o[start], keep_o[k - 1] + 1, keep_n[jj], keep_n[jj + k - start - 1] + 1))
                start = k
    out: list[TokenOp] = []
    ci = cj = 0
    for p in pieces + [TokenOp("equal", len(old), len(old), len(new), len(new))]:
        if p.i1 > ci:
            out.append(TokenOp("delete", ci, p.i1, cj, cj, True))
        if p.j1 > cj:
            out.append(TokenOp("insert", p.i1, p.i1, cj, p.j1, True))
        if p.i2 > p.i1 or p.j2 > p.j1:
            out.append(p)
        ci, cj = p.i2, p.j2
    return out


# Words that make a number another statistic than the same metric without them: an average over
# years (年均增长7.1%) or a period (平均为5.2%), a running total (累计), or five years at once
# (五年增长30.8%), is not the year's figure (增长6.7%, 年末…降到5.5%).  Synonyms share a class:
# 年均 and 平均 both say "on average".
AGGREGATES = {"年均": "average", "平均": "average", "累计": "cumulative", "五年": "multi_year"}


def _clause_start(tokens: Sequence[Token], k: int) -> int:
    """Index of the first token of the clause holding ``tokens[k]``: back to the previous
    punctuation or number (a number closes the measure before it: ``城镇新增就业1206万人，``)."""
    lo = k
    while lo > 0 and tokens[lo - 1].kind not in ("punct", "num", "label"):
        lo -= 1
    return lo


def _aggregates(tokens: Sequence[Token], k: int) -> tuple[frozenset[str], int]:
    """The aggregate classes named in the clause before number ``tokens[k]`` (back to the previous
    punctuation: a Chinese measure names its metric before the number), and the index of the
    earliest token naming one (``k`` when none)."""
    lo = k
    while lo > 0 and tokens[lo - 1].kind != "punct":
        lo -= 1
    found: set[str] = set()
    first = k
    for i in range(k - 1, lo - 1, -1):
        for word, cls in AGGREGATES.items():
            if word in tokens[i].key:
                found.add(cls)
                first = i
    return frozenset(found), first


@lru_cache(maxsize=1)
def _not_metric_words() -> tuple[frozenset[str], frozenset[str], int]:
    """Words that are never the metric (``lexicon/not_metric_words.txt`` and the qualifiers), the
    commitment verbs (培育, 开展: what is done, not what is counted; left out only at the head of
    the words, where a verb governs its object: 城镇新增就业 keeps its 新增), and the longest."""
    stop = set(QUALIFIERS)
    path = LEXICON / "not_metric_words.txt"
    if path.is_file():
        stop.update(w.strip() for w in path.read_text(encoding="utf-8").splitlines()
                    if w.strip() and not w.startswith("#"))
    verbs = frozenset(modal_ranks())
    return frozenset(stop), verbs, max(map(len, stop | verbs))


def _clause_words(tokens: Sequence[Token], k: int) -> list[str]:
    """The words before number ``tokens[k]`` in its clause; after ``等`` the words before name
    examples (``提速高青至商河等34个续建项目``), so those after the number, which name what is
    counted."""
    lo = _clause_start(tokens, k)
    words = [t.key for t in tokens[lo:k] if t.kind == "word"]
    if words and words[-1] in ("等", "等等"):
        hi = k + 1
        while hi < len(tokens) and tokens[hi].kind not in ("punct", "num", "label"):
            hi += 1
        words = [t.key for t in tokens[k + 1 : hi] if t.kind == "word"]
    return words


def _run(words: Sequence[str], i: int, vocabulary: frozenset[str], longest: int) -> int:
    """How many whole words from ``words[i]`` on make the longest entry of ``vocabulary`` (0: none)."""
    run, j, n = "", i, 0
    while j < len(words) and len(run) + len(words[j]) <= longest:
        run += words[j]
        j += 1
        if run in vocabulary:
            n = j - i
    return n


def metric_words(tokens: Sequence[Token], k: int) -> str:
    """What number ``tokens[k]`` measures, as written before it in its clause (Chinese names the
    metric before the value; see :func:`_clause_words`), without the words that are not the
    metric: ``力争达到`` → ``""``, ``居民人均可支配收入实际增长`` → ``居民人均可支配收入``.  Words are
    taken out only as whole runs of tokens (``控制`` + ``在``), never from inside a word."""
    words = _clause_words(tokens, k)
    stop, verbs, longest = _not_metric_words()
    out: list[str] = []
    i = 0
    while i < len(words):
        n = _run(words, i, stop, longest) or (0 if out else _run(words, i, verbs, longest))
        if n:
            i += n
        else:
            out.append(words[i])
            i += 1
    return "".join(out)


@lru_cache(maxsize=1)
def _indicator_lexicon():
    """The indicators annotator's wordings (None when it cannot load): synonyms of one metric
    (国内生产总值 / 经济增长) are the same metric."""
    try:
        from ..annotators.indicators import load_lexicon

        return load_lexicon()
    except Exception:  # diff works without it: wordings are then compared as written
        return None


def same_metric(a: str, b: str) -> Optional[bool]:
    """Do metric wordings ``a`` and ``b`` (from :func:`metric_words`) name the same thing?

    None when either is empty (``增长6%`` → ``力争达到7%``: nothing says it changed).  Two
    wordings of the indicator lexicon compare by their id (国内生产总值 = 经济增长, 城镇新增就业 =
    新增城镇就业); otherwise one must hold the other's characters in order, or both end alike
    (:func:`_shares_head`): a word added to a name, or another subject before it, keeps it
    (地方性法规草案 / 地方性法规, 高速公路通车里程 / 高速公路里程, 全区受理政府信息公开申请 /
    区政府办代表区政府受理政府信息公开申请), while 百亿企业 and 规上工业企业, 新能源汽车产量 and 无人机产量
    are other metrics.
    """
    if not a or not b:
        return None
    if _one_share(a, b):
        return False
    if _holds(a, b) or _holds(b, a) or _shares_head(a, b):
        return True
    lex = _indicator_lexicon()
    if lex is not None:
        ma, mb = lex.pattern.search(a), lex.pattern.search(b)
        if ma and mb:
            return lex.wordings[ma.group(0)][0] == lex.wordings[mb.group(0)][0]
    return False


# A share of a total (``战略性新兴产业增加值占规上工业比重``) is not the total's own metric
# (``战略性新兴产业增加值增长``), however many words they share.
SHARE_RE = compiled(r"占|比重|占比")


def _one_share(a: str, b: str) -> bool:
    """Is exactly one of ``a`` and ``b`` a share of something (:data:`SHARE_RE`)?"""
    return bool(SHARE_RE.search(a)) != bool(SHARE_RE.search(b))


# How much of its end two metric wordings must share to name one metric with other words before it
# (a Chinese noun phrase ends in its head): 受理政府信息公开申请 after 全区 or after 区政府办代表区政府
# (10 of 12 characters) is one metric; 清洁能源消费比重 / 煤炭消费比重 (4 of 6) and 新能源汽车产量 /
# 无人机产量 (2 of 5) differ in the modifier that makes the metric.
MIN_SHARED_HEAD = 4
SHARED_HEAD_SHARE = 2 / 3


def _shares_head(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` end alike over more than :data:`SHARED_HEAD_SHARE` of the shorter (and
    at least :data:`MIN_SHARED_HEAD` characters), so that only a subject or lead-in differs?"""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n >= MIN_SHARED_HEAD and n > SHARED_HEAD_SHARE * min(len(a), len(b))


def _holds(longer: str, shorter: str) -> bool:
    """Is ``shorter`` a subsequence of ``longer`` (its characters in order, gaps allowed)?"""
    it = iter(longer)
    return all(ch in it for ch in shorter)


def _other_metric(old: Sequence[Token], i: int, new: Sequence[Token], j: int) -> bool:
    """Do numbers ``old[i]`` and ``new[j]`` measure different things: other metric words before
    them, or units of another kind (:func:`_other_unit`)?  Indicator wordings are looked up in the
    words as written (经济增长 is a wording before 增长 is left out as a change word)."""
    if _other_unit(old[i].key, new[j].key):
        return True
    lex = _indicator_lexicon()
    if lex is not None:
        ma = lex.pattern.search("".join(_clause_words(old, i)))
        mb = lex.pattern.search("".join(_clause_words(new, j)))
        if ma and mb:
            return lex.wordings[ma.group(0)][0] != lex.wordings[mb.group(0)][0]
    return same_metric(metric_words(old, i), metric_words(new, j)) is False


def _join_other_averages(ops: list[TokenOp], old: Sequence[Token], new: Sequence[Token]) -> list[TokenOp]:
    """Fold a number edit into the wording edit before it when the two numbers are not the same
    measure: only one side's metric is an aggregate (``增长6.7%`` → ``年均增长7.1%`` is one replaced
    stretch, not an inserted 年均 plus a changed number: a five-year average did not replace the
    year's growth), or the metric words differ (``百亿企业12家`` → ``规上工业企业900家``), or the
    units measure other things (``连续6年`` → ``连续10次``)."""
    out: list[TokenOp] = []
    for op in ops:
        on = [k for k in range(op.i1, op.i2) if old[k].kind == "num"]
        nn = [k for k in range(op.j1, op.j2) if new[k].kind == "num"]
        if op.kind != "replace" or not on or not nn:
            out.append(op)
            continue
        ca, fa = _aggregates(old, on[0])
        cb, fb = _aggregates(new, nn[0])
        if ca != cb:
            # merge back to the op holding the earliest aggregate word (on whichever side names one)
            while out and ((ca and out[-1].i2 > fa) or (cb and out[-1].j2 > fb)):
                prev = out.pop()
                op = TokenOp("replace", prev.i1, op.i2, prev.j1, op.j2)
        elif _other_metric(old, on[0], new, nn[0]):
            # merge back over the clause that names the metrics, so the redline shows
            # 新能源汽车产量增长43% → 无人机产量增长39% as one rewording
            lo_o, lo_n = _clause_start(old, on[0]), _clause_start(new, nn[0])
            while out and out[-1].i1 >= lo_o and out[-1].j1 >= lo_n:
                prev = out.pop()
                op = TokenOp("replace", prev.i1, op.i2, prev.j1, op.j2)
        out.append(op)
    return out


def _split_number_edges(op: TokenOp, old: Sequence[Token], new: Sequence[Token]) -> list[TokenOp]:
    """Cut punctuation at the ends of a number edit into edits of their own.

    ``4.06万亿元，`` → ``5.66万亿元、``: the number change is the quantity alone (what the redline
    boxes and the change texts show); the comma → 、 beside it is a punctuation edit, reported or
    ignored by the punctuation option like any other.
    """
    if op.kind == "equal":
        return [op]

    def inner(tokens: Sequence[Token], lo: int, hi: int) -> tuple[int, int]:
        while lo < hi and tokens[lo].kind in ("punct", "space"):
            lo += 1
        while hi > lo and tokens[hi - 1].kind in ("punct", "space"):
            hi -= 1
        return lo, hi

    a1, a2 = inner(old, op.i1, op.i2)
    b1, b2 = inner(new, op.j1, op.j2)
    if (a1, a2, b1, b2) == (op.i1, op.i2, op.j1, op.j2) or a1 == a2 or b1 == b2:
        return [op]
    olds, news = old[a1:a2], new[b1:b2]
    if not any(t.kind == "num" for t in list(olds) + list(news)):
        return [op]
    if not (_only(olds, _qualifier_re()) and _only(news, _qualifier_re())):
        return [op]  # words beside the number: the punctuation is part of that rewording
    return [_sub(old, new, i1, i2, j1, j2)
            for i1, i2, j1, j2 in ((op.i1, a1, op.j1, b1), (a1, a2, b1, b2), (a2, op.i2, b2, op.j2))
            if i1 != i2 or j1 != j2]


def _sub(old: Sequence[Token], new: Sequence[Token], i1: int, i2: int, j1: int, j2: int) -> TokenOp:
    """The op over ``old[i1:i2]`` → ``new[j1:j2]``, its kind read from what the ranges hold."""
    if [t.key for t in old[i1:i2]] == [t.key for t in new[j1:j2]]:
        return TokenOp("equal", i1, i2, j1, j2)
    return TokenOp("replace" if i2 > i1 and j2 > j1 else "delete" if i2 > i1 else "insert", i1, i2, j1, j2)


def _split_label(op: TokenOp, old: Sequence[Token], new: Sequence[Token]) -> list[TokenOp]:
    """Keep a paragraph's numbering label (``14.`` → ``11.``) out of the rewording after it, so the
    change reads ``我们将`` → ``我們會`` and the label stays structure (never a change)."""
    if op.kind == "equal":
        return [op]

    def lead(tokens: Sequence[Token], lo: int, hi: int) -> int:
        k = lo
        while k < hi and tokens[k].kind == "label":
            k += 1
            while k < hi and tokens[k].kind == "space":
                k += 1
        return k

    a, b = lead(old, op.i1, op.i2), lead(new, op.j1, op.j2)
    if (a == op.i1 and b == op.j1) or (a == op.i2 and b == op.j2):
        return [op]

    def written(tokens: Sequence[Token], lo: int, hi: int) -> str:
        return "".join(t.key for t in tokens[lo:hi] if t.kind != "space")

    if (a == op.i1 and written(old, op.i1, op.i2).startswith(written(new, op.j1, b))) or (
            b == op.j1 and written(new, op.j1, op.j2).startswith(written(old, op.i1, a))):
        # a label the structure saw on one side only, written out on the other: the op is
        # the same words cut differently, which the classifier already reads as no change
        return [op]
    return [_sub(old, new, op.i1, a, op.j1, b), _sub(old, new, a, op.i2, b, op.j2)]


# A number inside a replaced stretch is paired with the one number on the other side only when
# it sits this close (in words) to the start of the stretch on both sides: right after the
# same unchanged words (城镇调查失业率[降到5.5%] → [平均为5.2%]) it is the same measure, while
# two numbers in the middle of rewritten clauses need not be.
NUMBER_EDGE_WORDS = 2
NUMBER_EDGE_CHARS = 3  # 降到 → 平均为 is a verb; 5G工厂 → 领航级智能工厂 is another thing counted
_UNIT_RE = compiled(r"^[\d.,．\s\-－~～—至到]+(?:万亿|千亿|百亿|十亿|千万|百万|十万|万|亿|千|百)?")


def _base_unit(key: str) -> str:
    """``4.06万亿元`` → ``元``; ``6%-6.5%`` → ``%``; ``1200`` → ``""``."""
    key = unicodedata.normalize("NFKC", key)
    return _UNIT_RE.sub("", key.split("-")[0])


def _split_number(op: TokenOp, old: Sequence[Token], new: Sequence[Token]) -> list[TokenOp]:
    """Cut a replace holding one number on each side into before / number / after.

    Semantic cleanup (and a raw diff with nothing equal inside) leaves ``4.06万亿元，`` →
    ``5.66万亿元、`` or ``降到5.5%，`` → ``平均为5.2%。`` as one replace, reported as reworded; the
    reader wants the number change named.  Only when both numbers measure in the same base unit
    and sit near the start of the stretch (:data:`NUMBER_EDGE_WORDS`).  Qualifiers next to a
    number go with it; a remainder that is only punctuation stays with it here and is cut off
    again by :func:`_split_number_edges` once the aggregate check has run.
    """
    if op.kind != "replace":
        return [op]
    on = [k for k in range(op.i1, op.i2) if old[k].kind == "num"]
    nn = [k for k in range(op.j1, op.j2) if new[k].kind == "num"]
    if len(on) != 1 or len(nn) != 1 or _base_unit(old[on[0]].key) != _base_unit(new[nn[0]].key):
        return [op]

    def grow(tokens: Sequence[Token], k: int, lo: int, hi: int) -> tuple[int, int]:
        a, b = k, k + 1
        while a > lo and (tokens[a - 1].key in QUALIFIERS or tokens[a - 1].kind == "space"):
            a -= 1
        while b < hi and (tokens[b].key in QUALIFIERS or tokens[b].kind == "space"):
            b += 1
        return a, b

    a1, a2 = grow(old, on[0], op.i1, op.i2)
    b1, b2 = grow(new, nn[0], op.j1, op.j2)

    def words(tokens: Sequence[Token], lo: int, hi: int) -> int:
        return sum(1 for t in tokens[lo:hi] if t.kind in ("word", "num"))

    def chars(tokens: Sequence[Token], lo: int, hi: int) -> int:
        return sum(len(t.key) for t in tokens[lo:hi] if t.kind in ("word", "num"))

    if (max(words(old, op.i1, a1), words(new, op.j1, b1)) > NUMBER_EDGE_WORDS
            or max(chars(old, op.i1, a1), chars(new, op.j1, b1)) > NUMBER_EDGE_CHARS):
        # Only the start counts: a Chinese measure names its metric before the number, so
        # unchanged words after it (，比去年增加) say nothing about what it measures.
        return [op]

    def layout(tokens: Sequence[Token], lo: int, hi: int) -> bool:
        return all(t.kind in ("punct", "space") for t in tokens[lo:hi])

    if layout(old, op.i1, a1) and layout(new, op.j1, b1):
        a1, b1 = op.i1, op.j1
    if layout(old, a2, op.i2) and layout(new, b2, op.j2):
        a2, b2 = op.i2, op.j2
    return [_sub(old, new, i1, i2, j1, j2)
            for i1, i2, j1, j2 in ((op.i1, a1, op.j1, b1), (a1, a2, b1, b2), (a2, op.i2, b2, op.j2))
            if i1 != i2 or j1 != j2]


def _special(tokens: Sequence[Token]) -> bool:
    ranks = modal_ranks()
    return any(t.kind == "num" or t.key in ranks for t in tokens)


# --------------------------------------------------------------------------- year roll-forward

# A year written as a number atom, with what follows it (``2024年``, ``2025年1月14日``).
_YEAR_ATOM = compiled(r"((?:19|20)\d{2})年(.*)")
_DATE_ATOM = compiled(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")


@dataclass(frozen=True)
class YearRoll:
    """The years that roll forward between two reports of one series: each report's own years
    (the year it plans for and the year it reviews) move by ``step`` (the reports' year apart),
    and so does its delivery date (``delivered``, ISO, as in its meta)."""

    step: int
    old_years: frozenset[int]
    new_years: frozenset[int]
    old_delivered: Optional[str] = None
    new_delivered: Optional[str] = None


def _own_years(meta: Meta) -> frozenset[int]:
    """The years a report is about: the one it plans for and the one it reviews."""
    return frozenset(y for y in (meta.year, meta.review_year) if y)


def year_roll(old_meta: Meta, new_meta: Meta) -> Optional[YearRoll]:
    """The roll-forward of a pair of reports (their ``meta``), or None when either year is
    unknown or both are the same year (nothing rolls)."""
    if not old_meta.year or not new_meta.year or old_meta.year == new_meta.year:
        return None
    return YearRoll(new_meta.year - old_meta.year, _own_years(old_meta), _own_years(new_meta),
                    old_meta.delivered, new_meta.delivered)


def _iso(key: str) -> Optional[str]:
    """``2025年1月14日`` → ``2025-01-14`` (None for anything else)."""
    m = _DATE_ATOM.fullmatch(key)
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


def is_year_roll(roll: Optional[YearRoll], old_key: str, new_key: str) -> bool:
    """Is number atom ``old_key`` → ``new_key`` the series' expected roll-forward, not a change
    a reader must review?  ``2024年工作回顾`` → ``2025年工作回顾`` and ``2025年是…`` → ``2026年是…``
    (one of the report's own years, moved by exactly the pair's step, the rest unchanged), and
    the delivery date itself (``2025年1月14日`` → ``2026年1月25日``).  A deadline that moved
    (``到2027年`` → ``到2028年`` between the 2025 and 2026 reports) is no report's own year: a change."""
    if roll is None:
        return False
    mo, mn = _YEAR_ATOM.fullmatch(old_key), _YEAR_ATOM.fullmatch(new_key)
    if not mo or not mn:
        return False
    yo, yn = int(mo.group(1)), int(mn.group(1))
    if yn - yo != roll.step:
        return False
    iso_o, iso_n = _iso(old_key), _iso(new_key)
    if iso_o and iso_n and (iso_o, iso_n) == (roll.old_delivered, roll.new_delivered):
        return True  # the datelines
    return mo.group(2) == mn.group(2) and yo in roll.old_years and yn in roll.new_years


# --------------------------------------------------------------------------- classification


@lru_cache(maxsize=1)
def modal_ranks() -> dict[str, int]:
    """Modal verb → strength rank (higher = stronger).

    The commitments annotator's ladder is the one truth when it is there (its ``strength_rank``
    or its lexicon file); ``lexicon/modality.tsv`` is the fallback so diff works on its own.
    """
    try:  # the commitments annotator's ladder (verb -> strength class -> rank)
        from ..annotators.commitments import load_verbs, strength_rank

        ranks = {verb: strength_rank(strength) for verb, strength in load_verbs().verbs.items()}
        if ranks:
            return ranks
    except Exception:  # not there, or its lexicon is broken: diff still works on its own list
        pass
    for name in ("commitment_verbs.tsv", "modality.tsv"):
        path = LEXICON / name
        if not path.is_file():
            continue
        ranks: dict[str, int] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) >= 3 and parts[2].strip().isdigit():
                ranks[parts[0].strip()] = int(parts[2])
        if ranks:
            return ranks
    return {}


STRIVE_RANK = 5  # 力争/争取 and above (guarantee) are modals of intent


def _content(tokens: Sequence[Token], ignore_punctuation: bool) -> list[Token]:
    # Numbering labels are left out: a paragraph renumbered 5. → 3. is structure, not an edit.
    return [t for t in tokens if t.kind not in ("space", "label") and not (ignore_punctuation and t.kind == "punct")]


def _is_numberish(t: Token) -> bool:
    return t.kind == "num" or t.key in QUALIFIERS


def classify(old: Sequence[Token], new: Sequence[Token], op: TokenOp, *, ignore_punctuation: bool = False) -> Optional[str]:
    """The change kind of one non-equal op, or None when it is layout only.

    Numbers: an op whose content is only number atoms and qualifier words, with a number on
    at least one side or right next to it (``左右`` → ``以上`` after an unchanged ``1200万人``).
    Modality: only modal verbs on both sides and the strongest rank differs.
    """
    if op.kind == "equal" or op.moved:
        return None  # a clause moved within its leaf unchanged is reordering, no edit of words
    def written(tokens: Sequence[Token]) -> str:
        return "".join(t.key for t in tokens if t.kind != "space" and not (ignore_punctuation and t.kind == "punct"))

    def says_nothing(tokens: Sequence[Token]) -> bool:  # written(tokens) == "", stopping at the first word
        return not any(t.key for t in tokens if t.kind != "space" and not (ignore_punctuation and t.kind == "punct"))

    if op.i1 == op.i2 or op.j1 == op.j2:
        same = says_nothing(old[op.i1 : op.i2]) and says_nothing(new[op.j1 : op.j2])
    else:
        same = written(old[op.i1 : op.i2]) == written(new[op.j1 : op.j2])
    if same:
        # The same words, segmented differently because a line break or (ignored) punctuation
        # moved (rjieba reads 推进改革 as one word, 推进\n改革 as two), or a numbering label
        # the structure recognised on one side only.
        return None
    olds = _content(old[op.i1 : op.i2], ignore_punctuation)
    news = _content(new[op.j1 : op.j2], ignore_punctuation)
    if not olds and not news:
        return None
    # Punctuation beside a changed number (4.06万亿元， → 5.66万亿元、) does not make it a rewording.
    o_num = _strip_punct(olds)
    n_num = _strip_punct(news)
    if any(t.kind == "num" for t in o_num + n_num) and o_num and n_num:
        olds_for_num, news_for_num = o_num, n_num
    else:
        olds_for_num, news_for_num = olds, news
    if _only(olds_for_num, _qualifier_re()) and _only(news_for_num, _qualifier_re()):
        # A number replaced by a number; or a qualifier added, dropped or swapped beside a
        # number that stayed (1200万人左右 → 1200万人以上).  A number appearing from nothing is
        # an insertion.
        has_num = any(t.kind == "num" for t in olds_for_num + news_for_num)
        on = [k for k in range(op.i1, op.i2) if old[k].kind == "num"]
        nn = [k for k in range(op.j1, op.j2) if new[k].kind == "num"]
        if len(on) == 1 and len(nn) == 1 and _other_metric(old, on[0], new, nn[0]):
            pass  # 420.6万吨 → 1.35亿人次, 百亿企业12家 → 规上工业企业900家: not one value changed
        elif (olds_for_num and news_for_num and has_num) or (not has_num and (_next_to_number(old, op.i1, op.i2)
                                                           or _next_to_number(new, op.j1, op.j2))):
            return "number_changed"
    if _modal_edit(olds, news) and _same_object(old, op.i2, new, op.j2):
        return "modality_changed"
    if op.kind == "insert" or not olds:
        return "inserted"
    if op.kind == "delete" or not news:
        return "deleted"
    return "replaced"


def _modal_edit(olds: Sequence[Token], news: Sequence[Token]) -> bool:
    """Are ``olds`` → ``news`` (content tokens) only modal verbs, of another strength?

    A verb swapped for one of another strength (确保 → 力争, 推进 → 研究) changes the promise.  A
    verb merely added or dropped does so only when it is a modal of intent (确保, 力争: rank >=
    STRIVE) — 持续推进 → 推进 is wording, not a weaker commitment."""
    if not (_only(olds, _modal_re(), numbers=False) and _only(news, _modal_re(), numbers=False)):
        return False
    ranks = modal_ranks()
    ro, rn = _rank(olds, ranks), _rank(news, ranks)
    return ro != rn and (bool(olds and news) or max(ro, rn) >= STRIVE_RANK)


# Punctuation that ends the clause a verb governs (quotes and brackets inside it do not).
_CLAUSE_END = frozenset("，,；;。！？!?：:、\n")
# How alike two objects must be (character Dice) for a verb change to be one clause's modal change:
# 秸秆资源化综合利用 / 秸秆综合利用 0.8, 琉璃河遗址申遗前期工作 / 琉璃河遗址申遗 0.78 are one object;
# 核心区控规第二轮三年行动计划 / 核心区环境品质提升三年行动 0.52, 创业 / 创业带动就业政策 0.4 are not.
OBJECT_SIMILARITY = 0.6


def _clause_end(tokens: Sequence[Token], k: int) -> int:
    """Index of the punctuation token that ends the clause running on from ``tokens[k]``."""
    while k < len(tokens) and not (tokens[k].kind == "punct" and any(ch in _CLAUSE_END for ch in tokens[k].key)):
        k += 1
    return k


def _object_words(tokens: Sequence[Token], k: int) -> str:
    """The words from ``tokens[k]`` to the end of its clause: what a verb right before ``k``
    governs (numbers left out: 营造红树林564万亩 → 4931公顷 is still 红树林)."""
    return "".join(t.key for t in tokens[k : _clause_end(tokens, k)] if t.kind == "word")


def _dice(a: str, b: str) -> float:
    """Character Dice coefficient of ``a`` and ``b`` (multisets)."""
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b)) if a or b else 1.0


def _same_object(old: Sequence[Token], i: int, new: Sequence[Token], j: int) -> bool:
    """Does the clause go on alike after a verb edit (old from ``i``, new from ``j``)?

    ``[开工建设]海南师范大学桂林洋校区`` → ``[建成]海南师范大学桂林洋校区`` is one project's modal
    changed; ``[持续提升]粮食单产`` → ``[确保]粮食播种面积稳定在…`` is another clause, where the
    verb went with the words it governed."""
    a, b = _object_words(old, i), _object_words(new, j)
    if not a or not b:
        return a == b
    return not _one_share(a, b) and _dice(a, b) >= OBJECT_SIMILARITY


def _join_modal_rewordings(ops: list[TokenOp], old: Sequence[Token], new: Sequence[Token]) -> list[TokenOp]:
    """Fold a modal-verb edit into the rewording of the clause it governs when that clause goes on
    differently (:func:`_same_object`): a ``力争`` that left with its clause is part of that
    replaced clause, not a modality change (see :func:`classify`)."""
    out: list[TokenOp] = []
    i = 0
    while i < len(ops):
        op = ops[i]
        modal = op.kind != "equal" and _modal_edit(_content(old[op.i1 : op.i2], True),
                                                   _content(new[op.j1 : op.j2], True))
        if modal and not _same_object(old, op.i2, new, op.j2):
            end_o, end_n = _clause_end(old, op.i2), _clause_end(new, op.j2)
            last = i
            k = i + 1
            while k < len(ops) and ops[k].i1 < end_o and ops[k].j1 < end_n:
                if ops[k].kind != "equal":
                    last = k
                k += 1
            if last > i:
                op = _sub(old, new, op.i1, ops[last].i2, op.j1, ops[last].j2)
                i = last
        out.append(op)
        i += 1
    return out


# What a unit measures (base units: 万 and 亿 taken off, so 千瓦 reads 瓦).  Two numbers whose units
# measure different things are not one value changed (420.6万吨 → 1.35亿人次, 连续6年 → 连续10次);
# units of one kind are (吨 and 斤, 个 and 项: 876部 → 869台 elevators is the same count).  A unit
# not listed here says nothing either way.
UNIT_KINDS = {
    **dict.fromkeys("元 美元 港元 欧元 人民币".split(), "money"),
    **dict.fromkeys("吨 斤 公斤 克".split(), "weight"),
    **dict.fromkeys("亩 公顷 平方米 平方公里 平方千米".split(), "area"),
    **dict.fromkeys("公里 米".split(), "length"),
    **dict.fromkeys("% ％ ‰".split(), "share"),
    **dict.fromkeys("个百分点 百分点".split(), "points"),
    **dict.fromkeys("人 名 位".split(), "people"),
    **dict.fromkeys("年 月 个月 天 日 周 小时 分钟 个工作日 工作日".split(), "duration"),
    **dict.fromkeys("个 项 家 件 部 台 座 处 所 条 只 套 间 张 辆 户 艘 架 批 宗 笔".split(), "count"),
    **{u: u for u in "立方米 瓦 瓦时 伏 兆瓦 人次 次 岁 倍 标准箱 标箱 微克/立方米".split()},
}


# Kinds of unit whose figures are levels, whatever span of time the passage reviews: a rate or
# a share (城镇化率76.2%), an age (人均预期寿命78.8岁), a run of years (连续9年).
LEVEL_KINDS = frozenset({"share", "points", "duration", "岁"})
# Verbs that give the level reached, not an amount done over the period (达到62661亿元).
LEVEL_VERB_RE = compiled(r"(?:达到|达|提高到|提高至|提升到|提升至|增至|增加到|上升到|升至|降至|降到|下降到|"
                           r"保持在|稳定在|控制在|为|迈上|突破|超过)$")


def is_level(tokens: Sequence[Token], k: int) -> bool:
    """Is number ``tokens[k]`` a level (a rate, an age, a run of years, a value reached:
    ``达到62661亿元``) rather than an amount done over its passage's span (``新增603.7万人``)?
    A five-year review and a one-year one state levels alike; amounts they do not."""
    if UNIT_KINDS.get(_base_unit(tokens[k].key)) in LEVEL_KINDS:
        return True
    before = "".join(t.key for t in tokens[_clause_start(tokens, k) : k] if t.kind == "word" and t.key not in QUALIFIERS)
    return LEVEL_VERB_RE.search(before) is not None


def _other_unit(a: str, b: str) -> bool:
    """Do number atoms ``a`` and ``b`` carry units that measure different things?"""
    ka, kb = UNIT_KINDS.get(_base_unit(a)), UNIT_KINDS.get(_base_unit(b))
    return ka is not None and kb is not None and ka != kb


def _strip_punct(tokens: list[Token]) -> list[Token]:
    """``tokens`` without punctuation at either end (inside, 55.3万平方米、2.9万户 stays two)."""
    a, b = 0, len(tokens)
    while a < b and tokens[a].kind == "punct":
        a += 1
    while b > a and tokens[b - 1].kind == "punct":
        b -= 1
    return tokens[a:b]


def _only(tokens: Sequence[Token], words: "re.Pattern[str]", numbers: bool = True) -> bool:
    """Are ``tokens`` only numbers (if allowed) and words of ``words``?

    Judged on the joined text, so it holds for character granularity too (左 + 右).
    """
    alphabet = _ALPHABETS.get(words)
    if alphabet is not None:
        # A cheap refusal first, with the same answer: a word holding a character that no listed
        # word holds cannot be matched.  A whole deleted paragraph fails on its first word instead
        # of being joined and matched (the classifier sees such ops on every deleted pair).
        for t in tokens:
            if t.kind != "num" and not alphabet.issuperset(t.key):
                return False
    if not numbers and any(t.kind == "num" for t in tokens):
        return False
    rest = "".join(t.key for t in tokens if t.kind != "num")
    return words.fullmatch(rest) is not None


# The characters of the words each pattern of :func:`_only` lists (filled where they are compiled).
_ALPHABETS: dict["re.Pattern[str]", frozenset[str]] = {}


def _word_list_re(words: Sequence[str]) -> "re.Pattern[str]":
    """A pattern matching any run of ``words`` (longest first), its alphabet kept for :func:`_only`;
    one that matches nothing when there are none."""
    if not words:
        return compiled("(?!)")
    pattern = compiled("(?:" + "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w)))) + ")*")
    _ALPHABETS[pattern] = frozenset("".join(words))
    return pattern


@lru_cache(maxsize=1)
def _qualifier_re() -> "re.Pattern[str]":
    return _word_list_re(sorted(QUALIFIERS))


@lru_cache(maxsize=1)
def _modal_re() -> "re.Pattern[str]":
    return _word_list_re(list(modal_ranks()))


def _rank(tokens: Sequence[Token], ranks: dict[str, int]) -> int:
    text = "".join(t.key for t in tokens)
    return max((r for v, r in ranks.items() if v in text), default=0)


def _next_to_number(tokens: Sequence[Token], i1: int, i2: int) -> bool:
    """Is there a number atom right before ``i1`` or right after ``i2`` (skipping spaces)?"""
    k = i1 - 1
    while k >= 0 and tokens[k].kind == "space":
        k -= 1
    if k >= 0 and tokens[k].kind == "num":
        return True
    k = i2
    while k < len(tokens) and tokens[k].kind == "space":
        k += 1
    return k < len(tokens) and tokens[k].kind == "num"


def number_span(tokens: Sequence[Token], i1: int, i2: int) -> tuple[int, int]:
    """Widen ``[i1, i2)`` to the whole quantity for change texts: qualifiers on either side and
    one adjacent number atom, never a second number (``58个10亿元以上``: the edit 以上 → 左右
    shows as ``10亿元以上`` → ``10亿元左右``).  Punctuation at the ends of the edit is left out
    (``4.06万亿元，`` reads ``4.06万亿元``)."""
    while i2 > i1 and tokens[i2 - 1].kind in ("punct", "space") and any(
            t.kind == "num" or t.key in QUALIFIERS for t in tokens[i1 : i2 - 1]):
        i2 -= 1
    while i1 < i2 and tokens[i1].kind in ("punct", "space") and any(
            t.kind == "num" or t.key in QUALIFIERS for t in tokens[i1 + 1 : i2]):
        i1 += 1
    has_num = any(t.kind == "num" for t in tokens[i1:i2])
    while i1 > 0:
        t = tokens[i1 - 1]
        if t.kind == "num" and not has_num:
            has_num = True
        elif t.kind == "num" or t.key not in QUALIFIERS:
            break
        i1 -= 1
    while i2 < len(tokens):
        t = tokens[i2]
        if t.kind == "num" and not has_num:
            has_num = True
        elif t.kind == "num" or t.key not in QUALIFIERS:
            break
        i2 += 1
    return i1, i2
