"""Where a target change sits in each report, and its delta: shared by the HTML and Word redlines.

Contract: :func:`target_span` returns the ``(start, end)`` offsets of the target a
:class:`~annotate.comparing.compare.TargetChange` side was read from (its indicator and text locate it in
``report.targets``), or None; :func:`target_delta` returns ``(value, unit)`` for a raised or
lowered target (new minus old, a range by its midpoint), preferring a ``delta`` the comparison
itself carries, or None when the two sides cannot be subtracted.
"""

from __future__ import annotations

from typing import Any, Optional

from ..model import Report
from .labels import fmt_number


def target_span(report: Report, indicator: Optional[str], side: Any) -> Optional[tuple[int, int]]:
    """Offsets of the target ``side`` came from (same indicator and text), else None."""
    if side is None:
        return None
    fallback = None
    for t in report.targets:
        if t.text == side.text:
            if t.indicator == indicator:
                return t.start, t.end
            fallback = fallback or (t.start, t.end)
    return fallback


def target_delta(tc: Any) -> Optional[tuple[float, str]]:
    """``(new − old, unit)`` for a target change, or None (no numbers, or units that differ).

    A ``delta`` field on the change (a mapping or object with ``value``/``unit``) is used as
    given; a change without one gets the comparison's own (:func:`annotate.comparing.compare.target_delta`).
    """
    from ..comparing.compare import target_delta as compute

    given = getattr(tc, "delta", None)
    if given is None:
        given = compute(tc.old, tc.new) if tc.old is not None and tc.new is not None else None
        if given is None:
            return None
    value = given.get("value") if isinstance(given, dict) else getattr(given, "value", None)
    unit = given.get("unit") if isinstance(given, dict) else getattr(given, "unit", None)
    return None if value is None else (float(value), unit or "")


def delta_label(tc: Any) -> str:
    """``+0.5个百分点`` / ``−100万人``; empty when there is no delta."""
    d = target_delta(tc)
    if d is None:
        return ""
    value, unit = d
    if value == 0:  # same value (a qualifier change): nothing moved
        return ""
    sign = "+" if value > 0 else "−"
    return f"{sign}{fmt_number(abs(value))}{unit}"
