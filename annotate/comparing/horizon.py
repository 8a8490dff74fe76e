"""Which span of time a passage of a report talks about: one year, or several.

A report that closes a five-year plan reviews both the past year and the five years
(``一、“十四五”时期和2025年工作回顾``), in passages that each open by saying which
(``过去的五年极不寻常。``, ``五年来，我们…``, ``刚刚过去的2025年很不平凡。``, ``过去一年，…``).
A figure inside such a passage is a five-year total or a one-year figure accordingly: the 50 bills
of the national report of 2023 are five years' worth, the 10 of 2024 one year's, and the two are
not one value changed.

Contract: :func:`passage_horizons` reads the opening sentence of every paragraph and heading; one
that names a span of years sets ``multi_year`` for what follows, one that names a single year sets
``year``, one that names both (a heading over both reviews) or neither changes nothing; every part
(``一、``) starts over at ``year``.  :func:`horizon_at` answers for an offset.  Offsets are into
``report.text``.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Sequence

from ..model import Report
from ..lazyre import compiled

# An opening that names several years: the five years under review, a plan period.
MULTI_YEAR_RE = compiled(
    r"五年|“?十[一二三四五六七八九]五”?(?:时期|期间|以来)|(?:20\d\d|二〇..)\s*[-—–至到]\s*20\d\d\s*年"
)
# An opening that names one year: the past year, this year, a year by number.
ONE_YEAR_RE = compiled(r"过去一年|一年来|这一年|去年|今年|(?<!\d)20\d\d年(?![-—–至到\d])")
# How much of a paragraph is its opening: up to the first full stop, at most this many characters
# (a long first sentence mentions periods in passing).
OPENING_CHARS = 40
_OPENING_END = compiled(r"[。！？!?\n]")


def _opening(text: str, start: int, end: int) -> str:
    """The first sentence of ``text[start:end]``, cut to :data:`OPENING_CHARS`."""
    m = _OPENING_END.search(text, start, end)
    stop = min(m.start() if m else end, start + OPENING_CHARS)
    return text[start:stop]


def passage_horizons(report: Report) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Offsets where a horizon starts and the horizon (``year`` | ``multi_year``) from there on."""
    starts: list[int] = [0]
    kinds: list[str] = ["year"]
    for b in sorted(report.blocks, key=lambda b: b.start):
        if b.kind == "part":
            starts.append(b.start)
            kinds.append("year")
        if b.kind not in ("p", "item", "heading"):
            continue
        opening = _opening(report.text, b.start, b.end)
        multi, one = MULTI_YEAR_RE.search(opening), ONE_YEAR_RE.search(opening)
        if bool(multi) != bool(one):
            starts.append(b.start)
            kinds.append("multi_year" if multi else "year")
    return tuple(starts), tuple(kinds)


def horizon_at(horizons: tuple[Sequence[int], Sequence[str]], offset: int) -> str:
    """The horizon of the passage holding ``offset`` (see :func:`passage_horizons`)."""
    starts, kinds = horizons
    return kinds[max(0, bisect_right(starts, offset) - 1)]
