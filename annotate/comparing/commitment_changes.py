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

from bisect import bisect_right
from dataclasses import dataclass
from typing import Mapping, Optional

from ..annotators.commitments import simplified_span, strength_rank
from ..model import Block, Commitment, Entity, Report
from ..lazyre import compiled

_NOT_WORDS = compiled(r"[\s\W_]+")
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


def object_key(report: Report, c: Commitment, entities: Optional[Mapping[str, Entity]] = None) -> Optional[str]:
    """The key two years' commitments are paired by (see the module docstring), or None.

    ``entities``: the report's entities by id, when the caller keys many commitments (looking
    each one up in the list made keying a report quadratic: 16 reports end to end spent a
    tenth of their comparison here)."""
    if c.object_entity:
        if entities is None:
            entities = {x.id: x for x in reversed(report.entities)}  # the first of an id wins
        e = entities.get(c.object_entity)
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
    entities = {x.id: x for x in reversed(report.entities)}
    for c in report.commitments:
        k = object_key(report, c, entities)
        if k is not None and k not in out:
            out[k] = c
    return out


def _sentences(report: Report) -> tuple[list[int], list[Block]]:
    """The report's ``s`` blocks sorted by start, and their starts (structure cuts a paragraph
    into sentences that do not overlap)."""
    ss = sorted((b for b in report.blocks if b.kind == "s"), key=lambda b: b.start)
    return [b.start for b in ss], ss


def _sentence_of(report: Report, c: Commitment,
                 sentences: Optional[tuple[list[int], list[Block]]] = None) -> Optional[str]:
    """The id of the ``s`` block holding ``c`` (its start), or None.  ``sentences``:
    :func:`_sentences` of the report, made once by a caller placing many commitments."""
    starts, ss = sentences if sentences is not None else _sentences(report)
    k = bisect_right(starts, c.start) - 1
    return ss[k].id if k >= 0 and c.start < ss[k].end else None


def _side(report: Report, c: Commitment, sentences: Optional[tuple[list[int], list[Block]]] = None) -> CommitmentSide:
    return CommitmentSide(c.id, c.verb, c.strength, c.deadline, c.text, c.block,
                          _sentence_of(report, c, sentences), c.start, c.end)


def commitment_changes(old: Report, new: Report) -> tuple[CommitmentChange, ...]:
    """Objects promised in both reports with a different strength (see the module docstring)."""
    before = _by_key(old)
    o_sent, n_sent = _sentences(old), _sentences(new)
    out = []
    for key, n in _by_key(new).items():
        o = before.get(key)
        if o is None:
            continue
        ro, rn = strength_rank(o.strength), strength_rank(n.strength)
        if ro != rn:
            out.append(CommitmentChange(n.object or "", _side(old, o, o_sent), _side(new, n, n_sent),
                                        "strengthened" if rn > ro else "weakened"))
    return tuple(out)
