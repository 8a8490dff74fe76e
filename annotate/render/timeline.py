"""Timeline rows (:mod:`annotate.corpus.series`) → JSON, CSV, or one self-contained HTML page.

Contract:
- :func:`to_json`: a JSON array of row objects (``series.FIELDS`` first, then the extras metric,
  issuer, normalized, base_unit, period), UTF-8, not ASCII-escaped.
- :func:`to_csv`: the same rows with a header; ``series.FIELDS`` then ``metric``, ``issuer``;
  numbers as written (``6.5``, ``7``), empty cells for nulls.
- :func:`render_html`: a complete HTML document (str), no script and no network access.  For each
  indicator (and issuer) an inline SVG chart: a point per year with a number, a band (``rect``)
  from low to high for a range, an ``×`` on the axis for a year with no target (``absent``), a
  hollow ring for a target with no number; every mark has a ``title`` naming the year and the
  target as written.  The SVG carries ``title``/``desc``; the table under it is the chart's text
  alternative.  The tree is built with lxml, so every piece of report text is escaped.

Values with another unit of the same base unit are charted in the series' most common unit
(1.3万亿斤 beside 13000亿斤); a value that cannot be converted is left off the chart (the table
still lists it).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any, Iterable, Optional, Sequence

from lxml import etree, html
from lxml.html import builder as E

from ..corpus.series import FIELDS, Point
from .labels import csv_table, fmt_number, indicator_name, indicator_order, target_label

CSV_COLUMNS = FIELDS + ("metric", "issuer")
EXTRAS = ("metric", "issuer", "normalized", "base_unit", "period")


# --------------------------------------------------------------------------- json / csv


def _row(p: Point) -> dict[str, Any]:
    d = p.to_dict()
    return {k: d[k] for k in FIELDS + EXTRAS}


def to_json(points: Iterable[Point]) -> str:
    return json.dumps([_row(p) for p in points], ensure_ascii=False, indent=1) + "\n"


def to_csv(points: Iterable[Point]) -> str:
    return csv_table((p.to_dict() for p in points), CSV_COLUMNS)


def point_label(p: Point) -> str:
    """``7%``, ``6.5%–7%``, ``6% (at least)``, ``no target`` for an absent year."""
    if p.status == "absent":
        return "no target"
    return target_label(p.value, p.low, p.high, p.unit, p.qualifier)


# --------------------------------------------------------------------------- chart geometry

WIDTH, HEIGHT = 680, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 20, 44


def _unit_factors(points: Sequence[Point]) -> dict[str, tuple[str, float]]:
    """unit → (base unit, how many base units one unit is), from rows that give both numbers."""
    out: dict[str, tuple[str, float]] = {}
    for p in points:
        if p.unit and p.value not in (None, 0) and p.normalized is not None and p.unit not in out:
            out[p.unit] = (p.base_unit or "", float(p.normalized) / float(p.value))
    return out


def _plot_values(points: Sequence[Point]) -> tuple[Optional[str], dict[int, tuple[Optional[float], Optional[float], Optional[float]]]]:
    """The chart's unit and, per row index, (value, low, high) in that unit (None: not charted)."""
    units = Counter(p.unit for p in points if p.status == "set" and p.unit and (p.value is not None or p.low is not None))
    if not units:
        return None, {}
    ref = units.most_common(1)[0][0]
    factors = _unit_factors(points)
    out: dict[int, tuple[Optional[float], Optional[float], Optional[float]]] = {}
    for i, p in enumerate(points):
        if p.status != "set" or not p.unit:
            continue
        if p.unit == ref:
            k = 1.0
        elif p.unit in factors and ref in factors and factors[p.unit][0] == factors[ref][0]:
            k = factors[p.unit][1] / factors[ref][1]
        else:
            continue
        conv = lambda v: None if v is None else float(v) * k  # noqa: E731
        out[i] = (conv(p.value), conv(p.low), conv(p.high))
    return ref, out


def _nice_range(lo: float, hi: float) -> tuple[float, float, float]:
    """An axis from a round number below ``lo`` to one above ``hi`` and its tick step."""
    if hi <= lo:
        lo, hi = lo - 1, hi + 1
    span = hi - lo
    raw = span / 4
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


def value_range(nums: Sequence[float], pad_share: float) -> tuple[float, float, float]:
    """The value axis (low, high, tick step) around ``nums`` with ``pad_share`` of their spread
    as margin; never below zero when every value is at least zero."""
    lo, hi = (min(nums), max(nums)) if nums else (0.0, 1.0)
    pad = (hi - lo) * pad_share or max(abs(hi) * 0.1, 0.5)
    vmin, vmax, step = _nice_range(lo - pad, hi + pad)
    return (0.0 if lo >= 0 and vmin < 0 else vmin), vmax, step


def value_grid(axes: etree._Element, y: Any, tick: float, vmax: float, step: float, left: float,
               right: float) -> None:
    """Horizontal grid lines and their value labels from ``tick`` up to ``vmax`` every ``step``
    (``y`` maps a value to its vertical position); shared by every chart."""
    while tick <= vmax + step / 1000:
        ty = y(tick)
        _sub(axes, "line", {"x1": left, "y1": f"{ty:.1f}", "x2": right, "y2": f"{ty:.1f}", "class": "grid"})
        _sub(axes, "text", {"x": left - 6, "y": f"{ty + 4:.1f}", "text-anchor": "end"}, fmt_number(round(tick, 6)))
        tick += step


def _sub(parent: etree._Element, tag: str, attrib: Optional[dict[str, Any]] = None, text: Optional[str] = None) -> etree._Element:
    el = etree.SubElement(parent, tag, {k: str(v) for k, v in (attrib or {}).items()})
    if text is not None:
        el.text = text
    return el


def _tip(el: etree._Element, text: str) -> None:
    _sub(el, "title", text=text)


def chart(points: Sequence[Point], chart_id: str, heading: str) -> etree._Element:
    """One indicator's series as an inline SVG element (``points`` sorted by year)."""
    unit, values = _plot_values(points)
    years = [p.year for p in points]
    y0, y1 = min(years), max(years)
    nums = [v for trio in values.values() for v in trio if v is not None]
    vmin, vmax, step = value_range(nums, 0.15)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        if y1 == y0:
            return LEFT + plot_w / 2
        return LEFT + (year - y0) * plot_w / (y1 - y0)

    def y(v: float) -> float:
        return TOP + plot_h - (v - vmin) * plot_h / (vmax - vmin)

    svg = etree.Element("svg", {
        "viewBox": f"0 0 {WIDTH} {HEIGHT}", "width": str(WIDTH), "height": str(HEIGHT),
        "role": "img", "aria-labelledby": f"{chart_id}-title {chart_id}-desc", "class": "chart"})
    _sub(svg, "title", {"id": f"{chart_id}-title"}, heading)
    desc = "; ".join(f"{p.year}: {point_label(p)}" for p in points)
    _sub(svg, "desc", {"id": f"{chart_id}-desc"},
         f"Targets by year{f' (in {unit})' if unit else ''}: {desc}. The table below lists them with the wording.")
    axes = _sub(svg, "g", {"class": "axes", "aria-hidden": "true"})
    base_y = TOP + plot_h
    _sub(axes, "line", {"x1": LEFT, "y1": base_y, "x2": WIDTH - RIGHT, "y2": base_y, "class": "axis"})
    _sub(axes, "line", {"x1": LEFT, "y1": TOP, "x2": LEFT, "y2": base_y, "class": "axis"})
    tick = vmin if nums else vmax + step  # no numbers: no value axis, only the years
    if not nums:
        _sub(axes, "text", {"x": LEFT + 8, "y": TOP + 14}, "targets without a number")
    value_grid(axes, y, tick, vmax, step, LEFT, WIDTH - RIGHT)
    if unit:
        _sub(axes, "text", {"x": 4, "y": TOP - 6, "class": "unit"}, unit)
    for yr in range(y0, y1 + 1):
        _sub(axes, "text", {"x": f"{x(yr):.1f}", "y": base_y + 18, "text-anchor": "middle"}, str(yr))
    marks = _sub(svg, "g", {"class": "marks"})
    # a line through consecutive charted years, broken where a year has no number
    line: list[tuple[float, float]] = []
    segments: list[list[tuple[float, float]]] = []
    for i, p in enumerate(points):
        v = values.get(i)
        mid = None
        if v is not None:
            mid = v[0] if v[0] is not None else ((v[1] + v[2]) / 2 if v[1] is not None and v[2] is not None else None)
        if mid is None:
            if len(line) > 1:
                segments.append(line)
            line = []
            continue
        line.append((x(p.year), y(mid)))
    if len(line) > 1:
        segments.append(line)
    for seg in segments:
        _sub(marks, "polyline", {"points": " ".join(f"{a:.1f},{b:.1f}" for a, b in seg), "class": "trend",
                                 "aria-hidden": "true"})
    for i, p in enumerate(points):
        cx = x(p.year)
        tip = f"{p.year}: {point_label(p)}" + (f" — {p.text}" if p.text else "")
        if p.status == "absent":
            g = _sub(marks, "g", {"class": "absent"})
            _tip(g, tip)
            _sub(g, "path", {"d": f"M{cx - 6:.1f},{base_y - 6:.1f} L{cx + 6:.1f},{base_y + 6:.1f} "
                                  f"M{cx - 6:.1f},{base_y + 6:.1f} L{cx + 6:.1f},{base_y - 6:.1f}"})
            # at either end of the axis the label leans inwards, clear of the value ticks
            anchor = "start" if cx - LEFT < 30 else "end" if WIDTH - RIGHT - cx < 30 else "middle"
            _sub(g, "text", {"x": f"{cx:.1f}", "y": base_y - 10, "text-anchor": anchor, "class": "absent-label"},
                 "no target")
            continue
        v = values.get(i)
        if v is None or (v[0] is None and (v[1] is None or v[2] is None)):
            g = _sub(marks, "g", {"class": "nonumber"})
            _tip(g, tip)
            _sub(g, "circle", {"cx": f"{cx:.1f}", "cy": f"{base_y - 8:.1f}", "r": 5})
            continue
        value, low, high = v
        if p.qualifier == "range" and low is not None and high is not None:
            g = _sub(marks, "g", {"class": "band"})
            _tip(g, tip)
            _sub(g, "rect", {"x": f"{cx - 9:.1f}", "y": f"{y(high):.1f}", "width": 18,
                             "height": f"{max(y(low) - y(high), 2):.1f}"})
            continue
        g = _sub(marks, "g", {"class": f"point q-{p.qualifier or 'exact'}"})
        _tip(g, tip)
        cy = y(value)
        _sub(g, "circle", {"cx": f"{cx:.1f}", "cy": f"{cy:.1f}", "r": 5})
        # the qualifier's direction as a short arrow: at least ↑, at most ↓
        if p.qualifier in ("at_least", "above"):
            _sub(g, "path", {"d": f"M{cx:.1f},{cy - 7:.1f} L{cx:.1f},{cy - 18:.1f} M{cx - 4:.1f},{cy - 14:.1f} "
                                  f"L{cx:.1f},{cy - 18:.1f} L{cx + 4:.1f},{cy - 14:.1f}", "class": "arrow"})
        elif p.qualifier in ("at_most", "below"):
            _sub(g, "path", {"d": f"M{cx:.1f},{cy + 7:.1f} L{cx:.1f},{cy + 18:.1f} M{cx - 4:.1f},{cy + 14:.1f} "
                                  f"L{cx:.1f},{cy + 18:.1f} L{cx + 4:.1f},{cy + 14:.1f}", "class": "arrow"})
    return svg


# --------------------------------------------------------------------------- page

CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:1.5rem;color:#1a1a1a;max-width:62rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
svg.chart{max-width:100%;height:auto;background:#fff;border:1px solid #ddd}
svg .axis{stroke:#444;stroke-width:1}svg .grid{stroke:#e4e4e4;stroke-width:1}
svg text{font-size:12px;fill:#333}svg .unit{font-weight:bold}
svg .trend{fill:none;stroke:#8aa9c9;stroke-width:1.5;stroke-dasharray:4 3}
svg .point circle{fill:#1f5fa8;stroke:#fff;stroke-width:1.5}
svg .q-about circle{fill:#1f5fa8}svg .q-range circle{fill:#1f5fa8}
svg .arrow{fill:none;stroke:#1f5fa8;stroke-width:1.5}
svg .band rect{fill:#1f5fa8;fill-opacity:.35;stroke:#1f5fa8;stroke-width:1.5}
svg .absent path{stroke:#b3261e;stroke-width:2.5}svg .absent-label{fill:#b3261e;font-size:11px}
svg .nonumber circle{fill:none;stroke:#6b6b6b;stroke-width:2}
table{border-collapse:collapse;margin-top:.6rem;width:100%}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#f3f3f3}tr.absent td{color:#b3261e}
.legend{font-size:.85rem;color:#444}
"""


def _groups(points: Sequence[Point]) -> list[tuple[str, str, list[Point]]]:
    groups: dict[tuple[str, str], list[Point]] = {}
    for p in points:
        if p.status == "unidentified":
            continue
        groups.setdefault((p.indicator, p.issuer or ""), []).append(p)
    # issuer by issuer, indicators in the order reports list them (growth first), not by id
    order = sorted(groups, key=lambda k: (k[1], indicator_order(k[0])))
    # by year, stably: two reports of one year stay in the order series.timeline gives them, the
    # order the corpus pairs editions (delivery, then title), not by file name
    return [(ind, iss, sorted(groups[ind, iss], key=lambda p: p.year)) for ind, iss in order]


def _table(points: Sequence[Point], caption: str) -> etree._Element:
    rows = [E.TR(*(E.TH(h, scope="col") for h in ("year", "target", "status", "as written", "metric", "file")))]
    for p in points:
        tr = E.TR(E.TD(str(p.year)), E.TD(point_label(p)), E.TD(p.status), E.TD(p.text or ""),
                  E.TD(p.metric or ""), E.TD(p.file))
        if p.status == "absent":
            tr.set("class", "absent")
        rows.append(tr)
    return E.TABLE(E.CAPTION(caption), E.THEAD(rows[0]), E.TBODY(*rows[1:]))


def render_html(points: Sequence[Point], title: str = "Indicator targets by year") -> str:
    """The whole page (see module docstring)."""
    body = E.BODY(E.H1(title))
    groups = _groups(points)
    if not groups:
        body.append(E.P("No targets with a known indicator were found in these reports."))
    body.append(E.P(
        "Points are targets with one number (an arrow up for “at least”, down for “at most”); bands are ranges; "
        "× marks a year whose report sets no target for the indicator; a hollow ring is a target with no number.",
        {"class": "legend"}))
    for n, (ind, issuer, ps) in enumerate(groups, 1):
        name = indicator_name(ind, "en")
        name = f"{name} ({ind})" if name != ind else ind  # the reader's name, and the id the CLI filters by
        heading = name + (f" — {issuer}" if issuer and len({g[1] for g in groups}) > 1 else "")
        heading += f", {ps[0].year}–{ps[-1].year}"
        section = E.SECTION(E.H2(heading, id=f"s{n}"), {"aria-labelledby": f"s{n}"})
        figure = E.E.figure(chart(ps, f"c{n}", f"{name} targets {ps[0].year}–{ps[-1].year}"),
                            E.E.figcaption(f"Chart of the {name} targets; the table lists the same values."))
        section.append(figure)
        section.append(_table(ps, f"{name} targets by year"))
        body.append(section)
    lost = [p for p in points if p.status == "unidentified"]
    if lost:
        body.append(E.SECTION(E.H2("Reports left out"), E.UL(*(E.LI(f"{p.file}: {p.text}") for p in lost))))
    doc = E.HTML(
        E.HEAD(
            E.META(charset="utf-8"),
            E.META({"http-equiv": "Content-Security-Policy",
                    "content": "default-src 'none'; style-src 'unsafe-inline'"}),
            E.META(name="viewport", content="width=device-width, initial-scale=1"),
            E.TITLE(title),
            E.STYLE(CSS),
        ),
        body,
        lang="zh-Hans",
    )
    return "<!DOCTYPE html>\n" + html.tostring(doc, encoding="unicode", method="html") + "\n"
