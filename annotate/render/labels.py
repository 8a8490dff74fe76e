"""How numbers, target values and indicators read in every renderer (one wording everywhere).

``fmt_number(6.0) == "6"``; ``target_label(None, 6, 6.5, "%", "range") == "6%–6.5%"``;
``target_label(5, None, None, "%", "about") == "5% (about)"``, in Chinese ``"5%左右"``; no number →
``"no number"`` / ``"无数值"``.  ``indicator_name("gdp_growth", "zh") == "生产总值（GDP）增长"`` (names are data:
``lexicon/indicator_names.tsv``; an id it lacks reads as the id).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Optional, Sequence

from ..lexicon import DIR as LEXICON_DIR
from .i18n import interface


def fmt_number(v: Any) -> str:
    """A number as a reader writes it: integral floats without ``.0``; None as empty."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return str(v)


def target_label(value: Any, low: Any, high: Any, unit: Optional[str], qualifier: Optional[str],
                 lang: str = "en") -> str:
    """A target's value with its unit and qualifier in the interface language (the target text
    stays beside it): ``5% (about)`` / ``5%左右``, ``6%–6.5%``, ``no number`` / ``无数值``."""
    unit = unit or ""
    if qualifier == "range" and low is not None and high is not None:
        return f"{fmt_number(low)}{unit}–{fmt_number(high)}{unit}"
    ui = interface(lang)
    if value is None:
        return ui("no_number")
    label = f"{fmt_number(value)}{unit}"
    if qualifier and qualifier not in ("exact", "range"):
        key = f"target.{qualifier}"
        label = ui(key, v=label) if key in ui.strings else f"{label} ({qualifier.replace('_', ' ')})"
    return label


@lru_cache(maxsize=1)
def _indicator_names() -> dict[str, tuple[str, str]]:
    out = {}
    for line in (LEXICON_DIR / "indicator_names.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ident, zh, en = (line.split("\t") + ["", ""])[:3]
            out[ident.strip()] = (zh.strip(), en.strip())
    return out


def indicator_name(indicator: Optional[str], lang: str = "en") -> str:
    """What a reader calls the canonical indicator ``indicator`` in ``lang``; the id itself when the
    table has no name for it, empty for None."""
    if not indicator:
        return ""
    names = _indicator_names().get(indicator)
    if names is None:
        return indicator
    return (names[0] if lang == "zh" else names[1]) or indicator


@lru_cache(maxsize=1)
def _indicator_ranks() -> dict[str, int]:
    """Each canonical id's place in ``lexicon/indicators.tsv`` (first line naming it), which lists the
    indicators as reports do: growth first, then jobs, prices, incomes, trade, environment …"""
    from ..annotators.indicators import load_lexicon  # the lexicon as the annotator reads it, in file order

    ranks: dict[str, int] = {}
    for ident, level in load_lexicon().wordings.values():
        ranks.setdefault(ident, len(ranks))
        ranks.setdefault(level, len(ranks))
    return ranks


def indicator_order(indicator: Optional[str]) -> tuple[int, str]:
    """A sort key putting indicators in the order reports list them (GDP growth before air quality);
    ids the lexicon lacks come last, by id."""
    return (_indicator_ranks().get(indicator or "", len(_indicator_ranks())), indicator or "")


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
