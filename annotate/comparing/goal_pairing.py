"""Pairing targets stated as goals (``Target.goal``, annotators/goal_targets.py) across two reports.

A goal target has no canonical indicator: Hong Kong policy addresses name the same goal in words
that drift from year to year (``公屋综合轮候时间`` in 2022, ``轮候公屋时间`` in 2023, ``公屋輪候時間``
in a traditional-script address).  So goals pair by metric: :func:`goal_key` keys a goal target by
its scope and its metric folded (script, width, brackets and spaces), and :func:`pair_goals` gives a
new year's goal the key of the old year's goal whose metric is most alike (character bigrams,
Dice ≥ :data:`MIN_ALIKE`, or one metric inside the other) and whose value is in the same unit; two
goals the lexicon gives one indicator id (``整体公营房屋建屋量`` and ``总体公营房屋供应量``:
public_housing_supply) are alike whatever their wording, and counts of them in any count unit
(``个单位``, ``伙``) compare.
A goal is compared with a goal only, never with a year's target: its period is its own.  A bare
head noun (``宿位``) names no scheme: two goals of one pairs only when their sentences say alike
things (:func:`like`), so ``青年宿舍计划…3 000个宿位`` and ``…学生宿舍…13 500个宿位`` stay apart.

Within one report, :func:`pick_goal` keeps one row per goal: a goal stated again (in a summary
paragraph and in its section, or in the body and in an annex of indicators) with an alike metric and
the same value, qualifier and period is the goal already picked; two goals of one metric with other
values (``受惠青年人次不少于30000`` of one scheme, ``…不少于50000`` of another) are two rows.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Optional

from ..lexicon import DIR as LEXICON_DIR
from ..model import Target
from ..reading.script import to_simplified

MIN_ALIKE = 0.5
GOAL = "goal"  # marks a key as a goal's: (scope, None, component, GOAL, folded metric)


def fold_metric(metric: str) -> str:
    """``metric`` as compared: simplified script, NFKC width, no brackets, spaces or punctuation."""
    s = to_simplified(unicodedata.normalize("NFKC", metric or ""))
    return re.sub(r"[\W_]+", "", s)


def is_goal_key(key: tuple) -> bool:
    """Is ``key`` a goal's (:func:`goal_key`), not an indicator's or a wordless goal's?"""
    return len(key) == 5 and key[3] == GOAL


def goal_key(t: Target) -> tuple:
    """The key a goal target pairs by (module docstring)."""
    return (t.scope, None, t.component, GOAL, fold_metric(t.metric))


def _same_figure(a: Target, b: Target) -> bool:
    """Do two goals state the same value, range, unit, qualifier and period?"""
    return ((a.value, a.low, a.high, _unit(a), a.qualifier or "exact", a.horizon, fold_metric(a.period or ""))
            == (b.value, b.low, b.high, _unit(b), b.qualifier or "exact", b.horizon, fold_metric(b.period or "")))


def restates(a: Target, b: Target) -> bool:
    """Is goal ``b`` goal ``a`` stated again: the same figure (:func:`_same_figure`) for an alike
    metric, in the same scope?"""
    return (a.scope == b.scope and _same_figure(a, b)
            and alike(fold_metric(a.metric), fold_metric(b.metric)) >= MIN_ALIKE)


def pick_goal(picked: dict[Any, Target], key: tuple, t: Target) -> dict[Any, Target]:
    """``picked`` with goal ``t`` (keyed ``key`` by :func:`goal_key`) picked: a goal it restates
    (:func:`restates`) keeps its place, under the more specific of the two metrics (``公屋综合轮候时间``
    over ``轮候时间「封顶``: the longer, else the first); else ``t`` joins under ``key``,
    numbered (``工程项目#2``) while a goal of another figure holds it."""
    for k, o in picked.items():
        if is_goal_key(k) and restates(o, t):
            a, b = fold_metric(o.metric), fold_metric(t.metric)
            if len(b) <= len(a) or goal_key(t) in picked:
                return picked  # (a goal of another figure holds the longer metric already)
            return {(goal_key(t) if j == k else j): (t if j == k else v) for j, v in picked.items()}
    n, slot = 1, key
    while slot in picked:
        n += 1
        slot = key[:4] + (f"{key[4]}#{n}",)
    return {**picked, slot: t}


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)} or {s}


def alike(a: str, b: str) -> float:
    """How alike two folded metrics are: 1.0 when one holds the other, else the Dice coefficient of
    their character bigrams."""
    if not a or not b:
        return 0.0
    if len(min(a, b, key=len)) >= 2 and (a in b or b in a):
        return 1.0
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y))


def _unit(t: Target) -> str:
    return (t.base_unit or t.unit or "").strip()


@lru_cache(maxsize=1)
def _count_units() -> frozenset[str]:
    """The units ``lexicon/units.tsv`` gives the kind ``count`` (个, 伙, 间 …)."""
    rows = (line.split("\t") for line in (LEXICON_DIR / "units.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return frozenset(r[0] for r in rows if len(r) > 3 and r[3].strip() == "count")


def _counts(t: Target) -> bool:
    """Is ``t``'s value a count (its unit of kind ``count``)?"""
    return _unit(t) in _count_units()


GENERIC = 2  # a folded metric this short is a bare head noun (宿位, 投资): it names no scheme
MIN_CONTEXT_ALIKE = 0.2
SENTENCE_END = "。！？!?\n"


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding ``[start, end)`` (between full stops or line breaks)."""
    s = max(text.rfind(c, 0, start) for c in SENTENCE_END) + 1
    ends = [i for i in (text.find(c, end) for c in SENTENCE_END) if i >= 0]
    return text[s : min(ends) if ends else len(text)]


def _context(text: str, t: Target) -> str:
    """What a goal's sentence says besides numbers, folded (:func:`fold_metric`), its metric left out."""
    if not text:
        return ""
    said = fold_metric(sentence_around(text, t.start, t.end))
    return re.sub(r"\d+", "", said.replace(fold_metric(t.metric), ""))


def like(o: Target, n: Target, old_text: str = "", new_text: str = "") -> bool:
    """May goal ``o`` of the old report and goal ``n`` of the new be one goal?  Same scope, and the
    same indicator id (both set; counts in any count unit: 个单位 ↔ 伙), else the same unit and
    alike metrics (:func:`alike` ≥ :data:`MIN_ALIKE`), and, when either metric is a bare head noun
    (``宿位``, at most :data:`GENERIC` characters folded), sentences that say alike things besides
    (Dice of character bigrams ≥ :data:`MIN_CONTEXT_ALIKE`): ``青年宿舍计划…3 000个宿位`` and
    ``大学…学生宿舍…13 500个宿位`` are two schemes.  Without the reports' texts the metrics decide."""
    same_indicator = bool(o.indicator) and o.indicator == n.indicator
    if o.scope != n.scope:
        return False
    if _unit(o) != _unit(n) and not (same_indicator and _counts(o) and _counts(n)):
        return False
    a, b = fold_metric(o.metric), fold_metric(n.metric)
    if same_indicator:
        return True  # 整体公营房屋建屋量 ↔ 总体公营房屋供应量: the lexicon names both public_housing_supply
    if alike(a, b) < MIN_ALIKE:
        return False
    if min(len(a), len(b)) > GENERIC or not (old_text and new_text):
        return True
    x, y = _bigrams(_context(old_text, o)), _bigrams(_context(new_text, n))
    return 2 * len(x & y) / (len(x) + len(y)) >= MIN_CONTEXT_ALIKE


def _best_old(key: tuple, t: Target, old: dict[Any, Target], taken: set, old_text: str, new_text: str) -> Optional[tuple]:
    """The old goal key that may be ``t``'s (:func:`like`) with the most alike metric, or None."""
    best, score = None, -1.0
    for ok, o in old.items():
        if not is_goal_key(ok) or ok in taken or not like(o, t, old_text, new_text):
            continue
        s = alike(ok[4], key[4])
        if s > score:
            best, score = ok, s
    return best


def pair_goals(old: dict[Any, Target], new: dict[Any, Target], old_text: str = "",
               new_text: str = "") -> tuple[dict[Any, Target], dict[Any, Target]]:
    """``(old, new)`` with each goal key of ``new`` replaced by the key of the old goal that may be
    the same goal (:func:`like`; an exact key first, else the most alike metric), so the two years'
    goals compare as one row; a goal key of ``new`` that the old report holds for a goal unlike it
    (another scheme) is set apart (``宿位#new``).  ``old_text``/``new_text`` are the reports' texts
    (the goals' sentences are read there).  Other keys and the order of ``new`` are kept."""
    taken = {k for k, t in new.items() if k in old and (not is_goal_key(k) or like(old[k], t, old_text, new_text))}
    out: dict[Any, Target] = {}
    for key, t in new.items():
        if is_goal_key(key) and key not in taken:
            match = _best_old(key, t, old, taken, old_text, new_text)
            if match is not None and match not in out:
                taken.add(match)
                key = match
            elif key in old:
                key = key[:4] + (key[4] + "#new",)
        out[key] = t
    return old, out
