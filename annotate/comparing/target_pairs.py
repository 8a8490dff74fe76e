"""Which target of one year is compared with which of the other (DESIGN.md part A ``target_changes``).

Contract: :func:`pick` keys each year's targets (:func:`target_key`); :func:`pair_keys` takes the two
years' keyed targets and returns ``(old key, new key)`` pairs, either side None for a target only
one year sets, in the new report's order (old-only targets last); :func:`reported_key` names the
key a pair is reported under.  Targets are compared like with like, by (scope, indicator,
component), in five steps:

1. the same canonical indicator (``lexicon/indicators.tsv``) and component;
2. a wordless headline target with no lexicon indicator (``供给侧结构性改革取得实质性进展``,
   ``能源、水资源…等指标达到国家要求``) by its own metric, width, spaces and punctuation folded: the analyst's
   question (was this goal kept, reworded, dropped?) is asked of every clause of the main-targets
   passage.  A figure outside the lexicon (``纸520万吨`` in an old plan's list of products) is not
   paired: hand labels of the old plans row the aggregates and the main products only;
3. a component of an indicator (``城镇…人均可支配收入``) that the other year sets only as its parent
   (``居民收入增长和经济增长同步``): each component is compared with the parent
   (``lexicon/indicator_parents.tsv``), so a year that merges the urban and rural income targets
   into one reads ``unquantified`` per component, not two removals and an addition;
4. two metrics with no lexicon indicator left over on each side that end in the same head noun
   (``各类风险`` → ``金融财政风险``): one rewording, when the head picks exactly one on each side;
5. one row per indicator, its level and its growth alike (the old plans set both: ``工业总产值，拟定为
   六百四十三亿七千万元…增长百分之十四点六``): compared by growth when both years give one, else a
   level with a level, else what each year gives.

Only the year's targets are compared (a multi-year goal, ``到2030年``, is not a year's; nor is a
residual clause, ``其他轻工业品的产量…``, whose "other" covers what each year's list left out), and of
several targets with one key the first that states a number (else the first).  Measures with no
lexicon indicator are left out: a measure's metric is too loosely cut to pair by wording.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional, Sequence

from ..lexicon import two_columns
from .goal_pairing import goal_key, is_goal_key, pick_goal
from ..model import Target
from ..lazyre import compiled

# (scope, indicator, component, metric key): the metric key is None for a lexicon indicator
Key = tuple

HEAD_CHARS = 2  # a Chinese compound's head noun is (most often) its last two characters


@lru_cache(maxsize=1)
def indicator_parents() -> dict[str, str]:
    """``lexicon/indicator_parents.tsv``: component indicator id → the id of its whole."""
    return two_columns("indicator_parents.tsv")


def metric_key(metric: str) -> str:
    """A metric as compared across years: width folded, spaces and punctuation out."""
    return re.sub(r"[\s\W_]+", "", unicodedata.normalize("NFKC", metric))


# A clause about what the list left over (其他轻工业品的产量，都将有不同程度的增长) names no indicator of
# its own: what "other" covers differs from year to year, so it is not compared.
RESIDUAL_RE = compiled(r"\s*(?:其他|其它|其余)")


def target_key(t: Target) -> Optional[Key]:
    """The key ``t`` is compared by (a goal's, :func:`.goal_pairing.goal_key`, for a target stated as
    a goal, whatever its horizon), or None when it is not compared (a multi-year goal; a residual
    clause; a measure with no lexicon indicator; a figure with no lexicon indicator; a headline
    target whose metric is empty)."""
    if t.goal:
        return goal_key(t)  # a target stated as a goal pairs with the other year's alike goal (goal_pairing.py)
    if t.horizon == "multi_year" or RESIDUAL_RE.match(t.text):
        return None
    if t.indicator:
        return (t.scope, t.indicator, t.component, None)
    if t.scope != "headline" or t.value is not None or t.low is not None or not t.metric or not metric_key(t.metric):
        return None  # (a figure outside the lexicon, 纸520万吨 in an old plan's product list, is no goal to pair)
    return (t.scope, None, t.component, metric_key(t.metric))


def pick(targets: Sequence[Target], magnitude) -> dict[Key, Target]:
    """One target per key (:func:`target_key`): the first that states a number (``magnitude`` not
    None), else the first; goals by :func:`.goal_pairing.pick_goal`."""
    out: dict[Key, Target] = {}
    for t in targets:
        key = target_key(t)
        if key is None:
            continue
        if is_goal_key(key):
            out = pick_goal(out, key, t)  # a goal stated twice is one row; two of one metric are two
            continue
        cur = out.get(key)
        if cur is None or (magnitude(cur) is None and magnitude(t) is not None):
            out[key] = t
    return out


def _parent_key(key: Key) -> Optional[Key]:
    parent = indicator_parents().get(key[1]) if key[1] else None
    return (key[0], parent, None, None) if parent else None


def _head(key: Key) -> Optional[str]:
    if is_goal_key(key):
        return None  # goals pair by their own rule (goal_pairing.py)
    return key[3][-HEAD_CHARS:] if key[3] and len(key[3]) > HEAD_CHARS else None


def pair_keys(po: dict[Key, Target], pn: dict[Key, Target]) -> list[tuple[Optional[Key], Optional[Key]]]:
    """``(old key, new key)`` pairs over the keys of both years (module docstring, steps 1-5), in
    the new report's order, old-only keys last."""
    partner_of_new: dict[Key, list[Key]] = {k: [k] for k in pn if k in po}
    used_old = set(partner_of_new)
    used_new = set(partner_of_new)
    # 3. components against a parent only the other year sets
    for ko in [k for k in po if k not in pn]:
        parent = _parent_key(ko)
        if parent in pn and parent not in po:
            partner_of_new.setdefault(parent, []).append(ko)
            used_old.add(ko)
            used_new.add(parent)
    for kn in [k for k in pn if k not in po and k not in used_new]:
        parent = _parent_key(kn)
        if parent in po and parent not in pn:
            partner_of_new.setdefault(kn, []).append(parent)
            used_old.add(parent)
            used_new.add(kn)
    # 4. one metric outside the lexicon reworded into another with the same head noun
    heads_old: dict[str, list[Key]] = {}
    heads_new: dict[str, list[Key]] = {}
    for k in po:
        if k not in used_old and _head(k):
            heads_old.setdefault(_head(k), []).append(k)
    for k in pn:
        if k not in used_new and _head(k):
            heads_new.setdefault(_head(k), []).append(k)
    for head, olds in heads_old.items():
        news = heads_new.get(head, [])
        if len(olds) == 1 and len(news) == 1 and olds[0][0] == news[0][0] and olds[0][2] == news[0][2]:
            partner_of_new.setdefault(news[0], []).append(olds[0])
            used_old.add(olds[0])
            used_new.add(news[0])
    out: list[tuple[Optional[Key], Optional[Key]]] = []
    for kn in pn:
        olds = partner_of_new.get(kn)
        if olds:
            out.extend((ko, kn) for ko in olds)
        elif kn not in used_new:
            out.append((None, kn))
    out.extend((ko, None) for ko in po if ko not in used_old)
    return _one_row_per_family(out, po, pn)


@lru_cache(maxsize=1)
def _growth_of_level() -> dict[str, str]:
    """Level id → the id of its growth (``industrial_output`` → ``industrial_output_growth``), from
    ``lexicon/indicators.tsv``."""
    from ..annotators.indicators import load_lexicon

    return {level: ident for ident, level in load_lexicon().wordings.values() if level != ident}


def _family(key: Key) -> Key:
    """The indicator a key's target speaks of, its level and its growth alike (a goal is its own)."""
    if is_goal_key(key):
        return key
    return (key[0], _growth_of_level().get(key[1], key[1]), key[2], key[3])


def _is_rate(t: Optional[Target]) -> bool:
    from ..annotators.indicators import RATIO_UNITS

    return t is not None and (t.base_unit or t.unit or "") in RATIO_UNITS


def _one_row_per_family(rows: list[tuple[Optional[Key], Optional[Key]]], po: dict[Key, Target],
                        pn: dict[Key, Target]) -> list[tuple[Optional[Key], Optional[Key]]]:
    """One row per indicator, its level and its growth alike (``工业总产值，拟定为六百四十三亿七千万元…
    增长百分之十四点六`` is one plan figure to compare, by its growth when both years give one): a
    family with a two-sided row keeps it (the growth's, when there are two); else its first old-only
    and first new-only rows become one pair; else its first row stays."""
    by_family: dict[Key, list[int]] = {}
    for i, (ko, kn) in enumerate(rows):
        by_family.setdefault(_family(ko if ko is not None else kn), []).append(i)
    keep: dict[int, tuple[Optional[Key], Optional[Key]]] = {}
    for idx in by_family.values():
        both = [i for i in idx if rows[i][0] is not None and rows[i][1] is not None]
        if both:
            # a level and a growth both compared: the growth speaks for the indicator
            rate = [i for i in both if _is_rate(po.get(rows[i][0])) and _is_rate(pn.get(rows[i][1]))]
            keep.update((i, rows[i]) for i in (rate if len(both) > 1 and rate else both))
            continue
        olds = [i for i in idx if rows[i][1] is None]
        news = [i for i in idx if rows[i][0] is None]
        if olds and news:
            keep[news[0]] = (rows[olds[0]][0], rows[news[0]][1])
        else:
            keep[idx[0]] = rows[idx[0]]
    return [keep[i] for i in sorted(keep)]


def reported_key(ko: Optional[Key], kn: Optional[Key]) -> Key:
    """The key a pair is reported under: the component's when a component met its parent, else the
    old year's (the new year's for an added target)."""
    if ko is not None and kn is not None and kn[1] and indicator_parents().get(kn[1]) == ko[1]:
        return kn
    return ko if ko is not None else kn
