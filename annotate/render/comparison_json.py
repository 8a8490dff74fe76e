"""Comparison → the JSON shape of ``annotate diff --format json`` (DESIGN.md part A).

Contract: :func:`comparison_to_json` returns plain data with the fixed keys ``old``, ``new``,
``stats``, ``target_changes`` and ``changes`` (each change has ``kind``, ``old_text``,
``new_text``, ``old_block``, ``new_block`` plus offsets into each report's text and, for moves and
edits inside moved text, ``move_id``), and ``commitment_changes`` (an object promised in both years
with another strength: ``object``, ``old``/``new`` {id, verb, strength, deadline, text}, ``change``
strengthened|weakened).  It adds ``options``, ``alignment`` (segment pairs with
relation, blocks, offsets and score) and ``blocks`` (container pairs) for scripts that want them.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..comparing.compare import Comparison, TargetChange, TargetSide
from ..model import Report


def _side_meta(r: Report) -> dict[str, Any]:
    return {"file": r.meta.source.file, "title": r.meta.title, "year": r.meta.year}


def _target_side(s: TargetSide | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"value": s.value, "low": s.low, "high": s.high, "unit": s.unit, "qualifier": s.qualifier, "text": s.text,
            "stretch": s.stretch, "block": s.block}


def _target_change(t: TargetChange) -> dict[str, Any]:
    return {"indicator": t.indicator, "component": t.component, "scope": t.scope,
            "metric_old": t.metric_old, "metric_new": t.metric_new,
            "old": _target_side(t.old), "new": _target_side(t.new), "change": t.change,
            "delta": {"value": t.delta.value, "unit": t.delta.unit} if t.delta else None,
            "moved_to": _target_side(t.moved_to)}


def comparison_to_json(c: Comparison, *, alignment: bool = True) -> dict[str, Any]:
    changes = []
    for ch in c.changes:
        d: dict[str, Any] = {
            "kind": ch.kind, "old_text": ch.old_text, "new_text": ch.new_text,
            "old_block": ch.old_block, "new_block": ch.new_block,
            "old_start": ch.old_start, "old_end": ch.old_end, "new_start": ch.new_start, "new_end": ch.new_end,
        }
        if ch.move_id is not None:
            d["move_id"] = ch.move_id
        changes.append(d)
    out: dict[str, Any] = {
        "old": _side_meta(c.old),
        "new": _side_meta(c.new),
        "options": {"ignore_punctuation": c.options.ignore_punctuation, "ignore_width": c.options.ignore_width,
                    "granularity": c.options.granularity},
        "stats": c.stats_dict(),
        "target_changes": [_target_change(t) for t in c.target_changes],
        "changes": changes,
        "commitment_changes": [
            {"object": k.object, "old": asdict(k.old), "new": asdict(k.new), "change": k.change}
            for k in c.commitment_changes
        ],
    }
    if alignment:
        out["alignment"] = [
            {"relation": p.relation, "old_block": p.old_block, "new_block": p.new_block, "score": p.score,
             "old_start": p.old_start, "old_end": p.old_end, "new_start": p.new_start, "new_end": p.new_end,
             **({"move_id": p.move_id} if p.move_id is not None else {})}
            for p in c.pairs
        ]
        out["blocks"] = [{"old": b.old_block, "new": b.new_block, "score": b.score} for b in c.block_pairs]
    return out
