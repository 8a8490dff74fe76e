"""One indicator, every issuer: an inline SVG chart of targets (and actuals) over the years.

Contract: :func:`indicator_chart(points, actuals, chart_id, heading, L)` returns ``(svg, legend)``
lxml elements.  ``points`` are timeline rows (:mod:`annotate.corpus.series`) of one indicator, any number
of issuers; ``actuals`` maps (issuer, year) → (value, unit) as the next year's report states it.
Each issuer has one colour and one marker shape (colour is never the only cue: the legend names
them and every mark has a ``title`` naming issuer, year and value as written).  A target with one
number is a filled marker, a range a bar from low to high, a year whose report sets no target an
``×`` on the axis, an actual a hollow diamond.  Values are charted in the indicator's most common
unit; one that cannot be converted is left off the chart (the tables list it).
"""

from __future__ import annotations

import math
from typing import Optional, Sequence

from lxml import etree
from lxml.html import builder as E

from ...corpus.series import Point
from ..labels import fmt_number
from ..timeline import _plot_values, _sub, point_label, value_grid, value_range

WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 24, 44
PALETTE = ("#1f5fa8", "#b3261e", "#0b6b2f", "#7a3e9d", "#c77700", "#00838f", "#5d4037", "#ad1457",
           "#455a64", "#827717", "#283593", "#e65100")
SHAPES = ("circle", "square", "triangle")


def _marker(parent: etree._Element, shape: str, cx: float, cy: float, color: str, hollow: bool = False) -> None:
    fill = "none" if hollow else color
    common = {"fill": fill, "stroke": color, "stroke-width": "1.5"}
    if shape == "circle":
        _sub(parent, "circle", {"cx": f"{cx:.1f}", "cy": f"{cy:.1f}", "r": 4.5, **common})
    elif shape == "square":
        _sub(parent, "rect", {"x": f"{cx - 4:.1f}", "y": f"{cy - 4:.1f}", "width": 8, "height": 8, **common})
    elif shape == "triangle":
        _sub(parent, "path", {"d": f"M{cx:.1f},{cy - 5:.1f} L{cx + 5:.1f},{cy + 4:.1f} L{cx - 5:.1f},{cy + 4:.1f} Z",
                              **common})
    else:  # diamond: actuals
        _sub(parent, "path", {"d": f"M{cx:.1f},{cy - 6:.1f} L{cx + 6:.1f},{cy:.1f} L{cx:.1f},{cy + 6:.1f} "
                                   f"L{cx - 6:.1f},{cy:.1f} Z", **common})


def indicator_chart(points: Sequence[Point], actuals: dict[tuple[str, int], tuple[float, Optional[str]]],
                    chart_id: str, heading: str, L) -> tuple[etree._Element, etree._Element]:
    """The chart and its legend (module docstring)."""
    pts = [p for p in points if p.status in ("set", "absent") and p.year is not None]
    # an issuer's "no target" marks start at its first target: forty years of × before the
    # indicator appears in its reports would squash the chart (the tables still list every
    # year); a year without a target after one was set (national GDP, 2020) is what a reader
    # looks for, so it stays
    span: dict[str, tuple[int, int]] = {}
    for p in pts:
        if p.status == "set":
            lo_hi = span.get(p.issuer or "", (p.year, p.year))
            span[p.issuer or ""] = (min(lo_hi[0], p.year), max(lo_hi[1], p.year))
    pts = [p for p in pts if p.status == "set" or (p.issuer or "") in span
           and span[p.issuer or ""][0] <= p.year]
    unit, values = _plot_values(pts)
    issuers = sorted({p.issuer or "" for p in pts})
    style = {iss: (PALETTE[i % len(PALETTE)], SHAPES[(i // len(PALETTE)) % len(SHAPES)]) for i, iss in enumerate(issuers)}
    years = [p.year for p in pts] or [0]
    y0, y1 = min(years), max(years)
    nums = [v for trio in values.values() for v in trio if v is not None]
    acts = {k: v for k, v in actuals.items() if v[1] == unit and v[0] is not None}
    nums += [v for v, _u in acts.values()]
    vmin, vmax, step = value_range(nums, 0.1)
    pw, ph = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        return LEFT + pw / 2 if y1 == y0 else LEFT + (year - y0) * pw / (y1 - y0)

    def y(v: float) -> float:
        return TOP + ph - (v - vmin) * ph / (vmax - vmin)

    svg = etree.Element("svg", {"viewBox": f"0 0 {WIDTH} {HEIGHT}", "width": str(WIDTH), "height": str(HEIGHT),
                                "role": "img", "aria-labelledby": f"{chart_id}-t", "class": "chart"})
    _sub(svg, "title", {"id": f"{chart_id}-t"}, heading)
    axes = _sub(svg, "g", {"class": "axes", "aria-hidden": "true"})
    base = TOP + ph
    _sub(axes, "line", {"x1": LEFT, "y1": base, "x2": WIDTH - RIGHT, "y2": base, "class": "axis"})
    _sub(axes, "line", {"x1": LEFT, "y1": TOP, "x2": LEFT, "y2": base, "class": "axis"})
    if nums:
        value_grid(axes, y, vmin, vmax, step, LEFT, WIDTH - RIGHT)
    if unit:
        _sub(axes, "text", {"x": 4, "y": TOP - 8, "class": "unit"}, unit)
    every = max(1, math.ceil((y1 - y0 + 1) / 14))
    for yr in range(y0, y1 + 1):
        if (yr - y0) % every == 0 or yr == y1:
            _sub(axes, "text", {"x": f"{x(yr):.1f}", "y": base + 18, "text-anchor": "middle"}, str(yr))
    marks = _sub(svg, "g", {"class": "marks"})
    for iss in issuers:
        color, shape = style[iss]
        g = _sub(marks, "g", {"class": "series", "data-issuer": iss})
        line: list[str] = []
        for i, p in enumerate(pts):
            if (p.issuer or "") != iss:
                continue
            tip = f"{iss} {p.year}: {point_label(p)}" + (f" — {p.text}" if p.text else "")
            v = values.get(i)
            cx = x(p.year)
            if p.status == "absent":
                m = _sub(g, "g", {"class": "absent"})
                _sub(m, "title", text=f"{iss} {p.year}: {L['no_target']}")
                _sub(m, "path", {"d": f"M{cx - 5:.1f},{base - 5:.1f} L{cx + 5:.1f},{base + 5:.1f} "
                                      f"M{cx - 5:.1f},{base + 5:.1f} L{cx + 5:.1f},{base - 5:.1f}",
                                 "stroke": color, "stroke-width": "2"})
                continue
            if v is None or (v[0] is None and (v[1] is None or v[2] is None)):
                continue
            m = _sub(g, "g", {"class": "target"})
            _sub(m, "title", text=tip)
            if v[0] is None:  # a range: a bar from low to high, its midpoint on the line
                _sub(m, "rect", {"x": f"{cx - 4:.1f}", "y": f"{y(v[2]):.1f}", "width": 8,
                                 "height": f"{max(y(v[1]) - y(v[2]), 2):.1f}", "fill": color, "fill-opacity": ".4",
                                 "stroke": color})
                mid = (v[1] + v[2]) / 2
            else:
                mid = v[0]
                _marker(m, shape, cx, y(mid), color)
            line.append(f"{cx:.1f},{y(mid):.1f}")
        if len(line) > 1:
            g.insert(0, etree.Element("polyline", {"points": " ".join(line), "fill": "none", "stroke": color,
                                                   "stroke-width": "1.2", "stroke-opacity": ".7"}))
        for (a_iss, a_year), (val, _u) in sorted(acts.items()):
            if a_iss != iss:
                continue
            m = _sub(g, "g", {"class": "actual"})
            _sub(m, "title", text=f"{iss} {a_year}: {L['actual']} {fmt_number(val)}{unit or ''}")
            _marker(m, "diamond", x(a_year), y(val), color, hollow=True)
    legend = E.UL({"class": "legend"})
    for iss in issuers:
        color, shape = style[iss]
        sw = etree.Element("svg", {"width": "14", "height": "14", "viewBox": "0 0 14 14", "aria-hidden": "true"})
        _marker(sw, shape, 7, 7, color)
        legend.append(E.LI(sw, " ", iss or "?"))
    return svg, legend
