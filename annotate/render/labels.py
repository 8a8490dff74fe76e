"""How numbers and target values read in every renderer (one wording everywhere).

``fmt_number(6.0) == "6"``; ``target_label(None, 6, 6.5, "%", "range") == "6%–6.5%"``;
``target_label(5, None, None, "%", "about") == "5% (about)"``; no number → ``"no number"``.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence


def fmt_number(v: Any) -> str:
    """A number as a reader writes it: integral floats without ``.0``; None as empty."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return str(v)


def target_label(value: Any, low: Any, high: Any, unit: Optional[str], qualifier: Optional[str]) -> str:
    """A target's value with its unit and qualifier in words (the target text stays beside it)."""
    unit = unit or ""
    if qualifier == "range" and low is not None and high is not None:
        return f"{fmt_number(low)}{unit}–{fmt_number(high)}{unit}"
    if value is None:
        return "no number"
    label = f"{fmt_number(value)}{unit}"
    if qualifier and qualifier != "exact":
        label += f" ({qualifier.replace('_', ' ')})"
    return label


def delta_label(delta: Any) -> str:
    """A target change's delta with its sign and unit (``-0.5个百分点``, ``+10万人``); empty when none."""
    if delta is None:
        return ""
    sign = "+" if delta.value > 0 else "−" if delta.value < 0 else "±"
    return f"{sign}{fmt_number(abs(delta.value))}{delta.unit}"


def csv_table(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """``rows`` as CSV with a header of ``columns``: plain UTF-8, numbers as written, empty cells
    for nulls (every CSV the renderers write)."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for d in rows:
        w.writerow([fmt_number(d[c]) for c in columns])
    return buf.getvalue()
