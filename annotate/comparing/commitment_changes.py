"""Commitment strength across years: the same object promised more or less firmly (研究 → 推进 → 确保).

Contract: :func:`commitment_changes(old, new) <commitment_changes>` pairs the commitments of two
annotated reports by their object and returns one :class:`CommitmentChange` per object whose
strength differs, in the new report's order:

- the object key is the project, facility, policy or programme tagged inside the object (its
  canonical name, else its text) when there is one, else the object's words (simplified script,
  punctuation and spaces dropped); a place or an organization inside an object (京津冀, 民营企业)
  names where or for whom, not what is promised, so it does not pair two objects;
- within one report the first commitment of each key stands for it (a report restating a promise
  later does not pair twice);
- ``change`` is ``strengthened`` when the new strength ranks higher on the ladder
  (``lexicon/commitment_verbs.tsv``), ``weakened`` when lower; equal strengths are no change, and a
  promise made in one year only is not one either (the text diff reports it as inserted/deleted).
- each side carries where its commitment stands, for a renderer to mark it without re-reading the
  report: ``block`` (the paragraph or item), ``sentence`` (the ``s`` block holding it, or None when
  the report has no sentence blocks there) and ``start``/``end`` (half-open offsets into that
  report's ``text``).

Token edits (``modality_changed``) see 确保 → 力争 inside one aligned sentence; this sees the same
object promised in sentences the aligner did not pair (a promise moved to another section, or
reworded around its object).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..annotators.commitments import simplified_span, strength_rank
from ..model import Commitment, Report

_NOT_WORDS = re.compile(r"[\s\W_]+")
_THINGS = frozenset(("project", "facility", "policy", "programme"))


@dataclass(frozen=True)
class CommitmentSide:
    id: str
    verb: str
    strength: str
    deadline: Optional[str]
    text: str
    block: str = ""  # paragraph-level block id (p or item) in its report
    sentence: Optional[str] = None  # the s block holding it
    start: int = 0  # half-open offsets into its report's text
    end: int = 0


@dataclass(frozen=True)
class CommitmentChange:
    object: str  # the object as the new report writes it
    old: CommitmentSide
    new: CommitmentSide
    change: str  # strengthened | weakened


def object_key(report: Report, c: Commitment) -> Optional[str]:
    """The key two years' commitments are paired by (see the module docstring), or None."""
    if c.object_entity:
        e = next((x for x in report.entities if x.id == c.object_entity), None)
        if e is not None and e.type in _THINGS:
            return "entity:" + _NOT_WORDS.sub("", e.canonical or simplified_span(report, e.start, e.end))
    if not c.object:
        return None
    i = report.text.find(c.object, c.start, c.end)
    words = simplified_span(report, i, i + len(c.object)) if i >= 0 else c.object
    words = _NOT_WORDS.sub("", words)
    return "object:" + words if len(words) >= 2 else None


def _by_key(report: Report) -> dict[str, Commitment]:
    out: dict[str, Commitment] = {}
    for c in report.commitments:
        k = object_key(report, c)
        if k is not None and k not in out:
            out[k] = c
    return out


def _sentence_of(report: Report, c: Commitment) -> Optional[str]:
    """The id of the ``s`` block holding ``c`` (its start), or None."""
    return next((b.id for b in report.blocks if b.kind == "s" and b.start <= c.start < b.end), None)


def _side(report: Report, c: Commitment) -> CommitmentSide:
    return CommitmentSide(c.id, c.verb, c.strength, c.deadline, c.text, c.block, _sentence_of(report, c),
                          c.start, c.end)


def commitment_changes(old: Report, new: Report) -> tuple[CommitmentChange, ...]:
    """Objects promised in both reports with a different strength (see the module docstring)."""
    before = _by_key(old)
    out = []
    for key, n in _by_key(new).items():
        o = before.get(key)
        if o is None:
            continue
        ro, rn = strength_rank(o.strength), strength_rank(n.strength)
        if ro != rn:
            out.append(CommitmentChange(n.object or "", _side(old, o), _side(new, n),
                                        "strengthened" if rn > ro else "weakened"))
    return tuple(out)
