"""Pairing targets stated as goals (``Target.goal``, annotators/goal_targets.py) across two reports.

A goal target has no canonical indicator: Hong Kong policy addresses name the same goal in words
that drift from year to year (``公屋综合轮候时间`` in 2022, ``轮候公屋时间`` in 2023, ``公屋輪候時間``
in a traditional-script address).  So goals pair by metric: :func:`goal_key` keys a goal target by
its scope and its metric folded (script, width, brackets and spaces), and :func:`pair_goals` gives a
new year's goal the key of the old year's goal whose metric is most alike (character bigrams,
Dice ≥ :data:`MIN_ALIKE`, or one metric inside the other) and whose value is in the same unit.
A goal is compared with a goal only, never with a year's target: its period is its own.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Optional

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


def _best_old(key: tuple, t: Target, old: dict[Any, Target], taken: set) -> Optional[tuple]:
    """The old goal key most alike ``key`` in metric, with a value in the same unit, or None."""
    best, score = None, MIN_ALIKE
    for ok, o in old.items():
        if len(ok) != 5 or ok[3] != GOAL or ok[0] != key[0] or ok in taken or _unit(o) != _unit(t):
            continue
        s = alike(ok[4], key[4])
        if s >= score and (best is None or s > score):
            best, score = ok, s
    return best


def pair_goals(old: dict[Any, Target], new: dict[Any, Target]) -> tuple[dict[Any, Target], dict[Any, Target]]:
    """``(old, new)`` with each goal key of ``new`` replaced by the alike goal key of ``old`` (an
    exact key first), so the two years' goals compare as one row; other keys and the order of
    ``new`` are kept."""
    taken = {k for k in new if k in old}
    out: dict[Any, Target] = {}
    for key, t in new.items():
        if is_goal_key(key) and key not in old:
            match = _best_old(key, t, old, taken)
            if match is not None and match not in out:
                taken.add(match)
                key = match
        out[key] = t
    return old, out
