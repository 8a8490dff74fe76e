"""Target changes of consecutive reports as flat rows: what ``annotate changes`` lists.

Contract: :func:`pair_rows(old, new)` gives one :class:`ChangeRow` per target change of the pair
(:func:`annotate.comparing.compare.target_changes`, in its order), with the pair's issuer, region and
years.  The columns (:data:`COLUMNS`) are the issue's, then extras.  ``delta`` is the change
object's own delta when it has one (``{"value", "unit"}`` or an object with those attributes),
else the comparison's own (:func:`annotate.comparing.compare.target_delta`: new minus old, each
side a range by its midpoint, units converted, in the new side's unit; a change of a percentage
is in ``个百分点``).  No delta when a side has no number or the units cannot be compared.  Change
labels are passed through as they come (``raised``, ``quantified``, any label added later).
``scope`` says which list the change is in (headline or measure); a target that moved between the
lists is ``removed`` from one and ``added`` to the other, each row's ``moved_text`` quoting the other.

:func:`filter_rows` keeps rows whose indicator is one of ``indicator``, whose change is one of
``change`` and whose issuer or region contains ``issuer`` (``湖南`` finds 湖南省人民政府).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Iterable, Optional

from ..model import Number

COLUMNS = ("issuer", "region", "old_year", "new_year", "indicator", "metric", "change", "delta",
           "old_value", "old_unit", "old_qualifier", "old_text", "new_value", "new_unit", "new_qualifier", "new_text")
EXTRAS = ("delta_unit", "old_low", "old_high", "new_low", "new_high", "old_file", "new_file", "scope", "moved_text")


@dataclass(frozen=True)
class ChangeRow:
    """One target change between two consecutive reports of one issuer."""

    issuer: Optional[str]
    region: Optional[str]
    old_year: Optional[int]
    new_year: Optional[int]
    indicator: Optional[str]
    metric: Optional[str]
    change: str
    delta: Optional[Number] = None
    old_value: Optional[Number] = None
    old_unit: Optional[str] = None
    old_qualifier: Optional[str] = None
    old_text: Optional[str] = None
    new_value: Optional[Number] = None
    new_unit: Optional[str] = None
    new_qualifier: Optional[str] = None
    new_text: Optional[str] = None
    delta_unit: Optional[str] = None
    old_low: Optional[Number] = None
    old_high: Optional[Number] = None
    new_low: Optional[Number] = None
    new_high: Optional[Number] = None
    old_file: Optional[str] = None
    new_file: Optional[str] = None
    scope: Optional[str] = None  # headline | measure: which list of targets the change is in
    # the target as the other list (headline ↔ measure) holds it: where a removed one went, where an
    # added one came from (a headline target now set inside a measure is no dropped target)
    moved_text: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: d[k] for k in COLUMNS + EXTRAS}


def _given_delta(tc: Any) -> Optional[tuple[Optional[Number], Optional[str]]]:
    """The change object's own delta, if it carries one (another module may compute it)."""
    d = getattr(tc, "delta", None)
    if d is None:
        return None
    if isinstance(d, dict):
        return d.get("value"), d.get("unit")
    return getattr(d, "value", None), getattr(d, "unit", None)


def compute_delta(old: Any, new: Any) -> tuple[Optional[float], Optional[str]]:
    """(new − old in the new side's unit, that unit) or (None, None): the comparison's own delta
    (:func:`annotate.comparing.compare.target_delta`), for change objects that carry none."""
    from ..comparing.compare import target_delta

    d = target_delta(old, new) if old is not None and new is not None else None
    return (None, None) if d is None else (d.value, d.unit)


def pair_rows(old_entry: Any, new_entry: Any, target_changes: Optional[Iterable[Any]] = None,
              issuer: Optional[str] = None) -> list[ChangeRow]:
    """The rows of one pair of entries (``.file``, ``.report``); ``target_changes`` when already
    computed (a full comparison has them), else :func:`annotate.comparing.compare.target_changes`;
    ``issuer`` names the pair's group (else the newer report's issuer)."""
    from ..comparing.compare import target_changes as compute
    from ..reading.ingest import display_name  # a file name that is not text is escaped, as everywhere

    old, new = old_entry.report, new_entry.report
    tcs = compute(old, new) if target_changes is None else target_changes
    rows = []
    for tc in tcs:
        given = _given_delta(tc)
        delta, dunit = given if given is not None else compute_delta(tc.old, tc.new)
        o, n = tc.old, tc.new
        rows.append(ChangeRow(
            issuer=issuer or new.meta.issuer or old.meta.issuer, region=new.meta.region or old.meta.region,
            old_year=old_entry.year if hasattr(old_entry, "year") else old.meta.year,
            new_year=new_entry.year if hasattr(new_entry, "year") else new.meta.year,
            indicator=tc.indicator, metric=tc.metric_new or tc.metric_old, change=tc.change,
            delta=delta, delta_unit=dunit,
            old_value=o.value if o else None, old_unit=o.unit if o else None,
            old_qualifier=o.qualifier if o else None, old_text=o.text if o else None,
            new_value=n.value if n else None, new_unit=n.unit if n else None,
            new_qualifier=n.qualifier if n else None, new_text=n.text if n else None,
            old_low=o.low if o else None, old_high=o.high if o else None,
            new_low=n.low if n else None, new_high=n.high if n else None,
            old_file=display_name(old_entry.file), new_file=display_name(new_entry.file), scope=getattr(tc, "scope", None),
            moved_text=tc.moved_to.text if getattr(tc, "moved_to", None) is not None else None))
    return rows


def filter_rows(rows: Iterable[ChangeRow], indicator: Optional[Iterable[str]] = None,
                change: Optional[Iterable[str]] = None, issuer: Optional[str] = None) -> list[ChangeRow]:
    """The rows that pass every given filter (module docstring)."""
    inds = set([indicator] if isinstance(indicator, str) else indicator or ())
    chs = set([change] if isinstance(change, str) else change or ())
    out = []
    for r in rows:
        if inds and r.indicator not in inds:
            continue
        if chs and r.change not in chs:
            continue
        if issuer and issuer not in (r.issuer or "") and issuer not in (r.region or ""):
            continue
        out.append(r)
    return out
