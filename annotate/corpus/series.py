"""Indicator timelines: the targets a series of reports sets, one row per indicator and year.

Contract: :func:`timeline` takes annotated reports (with the file each was read from) and returns
:class:`Point` rows sorted by indicator, then year, then issuer; two reports of one issuer and
year (Hong Kong's January and October 2005 addresses) in the order the corpus pairs them (delivery
date, else title: corpus.editions.within_year), then by file.

- ``status == "set"``: the report of ``year`` sets a target for ``indicator``; value, low, high,
  unit, qualifier and text are the target's (value/unit/qualifier are None for a target with no
  number, such as ``居民收入增长和经济增长基本同步``).  When a report sets the same indicator twice
  (the targets block and again in the measures), the first, the block's, is the year's target.
- ``status == "absent"``: the report of ``year`` sets no target for an indicator that another
  report of the same issuer sets (the national report of 2020 set no GDP growth target).  The row
  names the report's file; its values are None.

Only targets with a canonical indicator id take part: a metric without one cannot be matched
across years.  A goal for several years (``到2030年``) is no point of the year's series, except in a
report that sets no headline target at all (a Hong Kong policy address states its targets only as
goals: ``目标是在四年内（即2026-27年度）把「公屋综合轮候时间」…降至约四年半``): there its goals with an
indicator are the year's points, each with the ``period`` it names (an extra).  Series are kept per
issuer, so the national GDP target never becomes "absent" in a Beijing report.  Reports are grouped by their canonical issuer (``meta.issuer``, see identity.py)
and ordered by year.  The year of a report is ``meta.year`` (the year its targets are for), else the
year its targets carry.
- ``status == "unidentified"``: a report whose year could not be found (year None, indicator
  ``""``, ``text`` says why); it is listed after every series, never dropped.  A report whose
  issuer is unknown keeps its rows under issuer None and is listed by :func:`unidentified`.
A report given twice (the same normalized text, e.g. a ``.txt`` and the ``.xml`` tagged from it)
counts once, the first given.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Iterable, Optional, Sequence, Union

from ..model import Number, Report

FIELDS = ("indicator", "year", "file", "value", "low", "high", "unit", "qualifier", "text", "status")


@dataclass(frozen=True)
class Point:
    """One row of a timeline (the JSON/CSV shape is :data:`FIELDS` plus the extras below)."""

    indicator: str
    year: Optional[int]
    file: str
    value: Optional[Number] = None
    low: Optional[Number] = None
    high: Optional[Number] = None
    unit: Optional[str] = None
    qualifier: Optional[str] = None
    text: Optional[str] = None
    status: str = "set"  # set | absent | unidentified
    # extras: who set it and how to compare values across units
    metric: Optional[str] = None
    issuer: Optional[str] = None
    normalized: Optional[Number] = None
    base_unit: Optional[str] = None
    period: Optional[str] = None  # the goal's period when a goal is the point (2026-27年度)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def report_year(report: Report) -> Optional[int]:
    """The year ``report``'s targets are for (``meta.year``, else its targets' year)."""
    # a plan passage that names its year (一九六五年计划草案拟定…) knows it better than the metadata
    stated = next((t.year for t in report.targets if t.year and t.scope == "headline"), None)
    return stated or report.meta.year or next((t.year for t in report.targets if t.year), None)


def _set_points(report: Report, file: str, year: int) -> dict[str, Point]:
    """The points ``report`` sets for ``year``, one per indicator (module docstring)."""
    goals_only = not any(t.scope == "headline" for t in report.targets)
    out: dict[str, Point] = {}
    for t in report.targets:  # report order: the targets block comes before the measures
        if not t.indicator or t.indicator in out:
            continue
        if t.horizon == "multi_year" and not (goals_only and t.goal):
            continue  # a goal for several years (到2030年) is no point of the year's series
        out[t.indicator] = Point(
            indicator=t.indicator, year=year, file=file, value=t.value, low=t.low, high=t.high,
            unit=t.unit, qualifier=t.qualifier, text=t.text, status="set", metric=t.metric,
            issuer=report.meta.issuer, normalized=t.normalized, base_unit=t.base_unit,
            period=t.period if t.horizon == "multi_year" else None)
    return out


def _with_files(reports: Iterable[Union[Report, tuple[str, Report]]]) -> Iterable[tuple[str, Report]]:
    """``(file, report)`` pairs; a bare Report is named by the file it was read from."""
    for item in reports:
        yield item if isinstance(item, tuple) else (item.meta.source.file, item)


def timeline(reports: Iterable[Union[Report, tuple[str, Report]]], indicator: Optional[str] = None) -> list[Point]:
    """Rows for every (indicator, year) of ``reports`` (annotated reports, or pairs of file name and
    report); only ``indicator`` when given.  See the module docstring for ``set``/``absent``."""
    reports = _with_files(reports)
    # issuer -> list of (year, file, {indicator: Point})
    by_issuer: dict[str, list[tuple[int, str, dict[str, Point]]]] = {}
    seen_texts: set[str] = set()
    lost: list[Point] = []
    editions: dict[str, list[tuple[int, str, Report]]] = {}
    for file, report in reports:
        year = report_year(report)
        if year is None:
            lost.append(Point(indicator="", year=None, file=file, status="unidentified", issuer=report.meta.issuer,
                              text="year not found: give --year or a report.meta.json beside the file"))
            continue
        if report.text in seen_texts:
            # the same report given twice (overlapping globs, a .txt and the .xml tagged from
            # it) is one report: its rows would otherwise be doubled
            continue
        seen_texts.add(report.text)
        points = _set_points(report, file, year)
        by_issuer.setdefault(report.meta.issuer or "", []).append((year, file, points))
        editions.setdefault(report.meta.issuer or "", []).append((year, file, report))
    rows: list[Point] = []
    for issuer, entries in by_issuer.items():
        ids = sorted({i for _, _, pts in entries for i in pts})
        if indicator is not None:
            ids = [i for i in ids if i == indicator]
        years_setting = {i: {y for y, _, pts in entries if i in pts} for i in ids}
        for year, file, pts in entries:
            for ident in ids:
                if ident in pts:
                    rows.append(pts[ident])
                elif year not in years_setting[ident]:
                    # absent only when no report of this year (another copy, say) sets it
                    rows.append(Point(indicator=ident, year=year, file=file, status="absent",
                                      issuer=issuer or None))
    rank = _edition_rank(editions)
    rows.sort(key=lambda p: (p.indicator, p.year, p.issuer or "", rank.get((p.issuer or "", p.file), 0), p.file))
    return _dedupe_absent(rows) + lost


def _edition_rank(editions: dict[str, list[tuple[int, str, Report]]]) -> dict[tuple[str, str], int]:
    """(issuer, file) → the file's place among its issuer's reports of one year, in the order the
    corpus pairs editions (:func:`.editions.within_year`: delivery date, else title), so a year's
    January address comes before its October one whatever the files are called."""
    from .editions import within_year

    rank: dict[tuple[str, str], int] = {}
    for issuer, held in editions.items():
        by_year: dict[int, list[tuple[str, Report]]] = {}
        for year, file, report in held:
            by_year.setdefault(year, []).append((file, report))
        for same in by_year.values():
            if len(same) > 1:
                ordered = within_year(same, lambda fr: fr[1])
                rank.update(((issuer, file), k) for k, (file, _r) in enumerate(ordered))
    return rank


def unidentified(reports: Iterable[tuple[str, Report]]) -> list[tuple[str, str]]:
    """(file, what is missing) for every report whose issuer or year is unknown: what a
    multi-report command must say instead of dropping or mixing it silently."""
    out = []
    for file, report in reports:
        missing = [name for name, v in (("issuer", report.meta.issuer), ("year", report_year(report))) if v is None]
        if missing:
            out.append((file, " and ".join(missing) + " not found"))
    return out


def _dedupe_absent(rows: Sequence[Point]) -> list[Point]:
    """Two files of one year that both lack a target give one ``absent`` row, not two."""
    out: list[Point] = []
    seen: set[tuple[str, int, str]] = set()
    for p in rows:
        if p.status == "absent":
            key = (p.indicator, p.year, p.issuer or "")
            if key in seen:
                continue
            seen.add(key)
        out.append(p)
    return out
