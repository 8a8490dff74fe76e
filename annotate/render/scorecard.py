"""Scorecard (:mod:`annotate.scorecard`) → JSON, CSV, or one self-contained HTML page.

Contract:
- :func:`to_json`: ``Scorecard.to_json()`` as UTF-8 JSON: ``plan``, ``result``, ``summary``,
  ``targets`` (``{"indicator", "metric", "target": {value, low, high, unit, qualifier, text},
  "actual": {"value", "unit", "text", ...} | null, "verdict", "direction", "rule"}``),
  ``commitments`` and ``warnings``.
- :func:`to_csv`: one row per target (``kind`` = ``target``) then one per followed commitment
  (``kind`` = ``commitment``), with the columns of :data:`CSV_COLUMNS`; empty cells for nulls.
- :func:`render_html`: a complete HTML document (str) with no script and no network access; the
  tree is built with lxml, so every piece of report text is escaped.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from lxml import html
from lxml.html import builder as E

from ..scorecard import Line, Scorecard
from ..scorecard import __doc__ as RULES_DOC
from .labels import fmt_number, target_label

CSV_COLUMNS = ("kind", "indicator", "metric", "target_text", "target_value", "target_low", "target_high",
               "target_unit", "target_qualifier", "actual_value", "actual_unit", "actual_text", "verdict",
               "direction", "rule", "commitment", "object", "status", "evidence")


def to_json(card: Scorecard) -> str:
    from ..export import dumps

    return dumps(card.to_json())


def to_csv(card: Scorecard) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for ln in card.lines:
        t, a = ln.target, ln.actual
        row: dict[str, Any] = {
            "kind": "target", "indicator": ln.indicator, "metric": ln.metric, "target_text": t.text,
            "target_value": t.value, "target_low": t.low, "target_high": t.high, "target_unit": t.unit,
            "target_qualifier": t.qualifier, "actual_value": a.value if a else None, "actual_unit": a.unit if a else None,
            "actual_text": a.text if a else None, "verdict": ln.verdict, "direction": ln.direction, "rule": ln.rule}
        w.writerow([fmt_number(row.get(c)) for c in CSV_COLUMNS])
    for f in card.commitments:
        row = {"kind": "commitment", "commitment": f.text, "object": f.object, "status": f.status,
               "evidence": f.evidence}
        w.writerow([fmt_number(row.get(c)) for c in CSV_COLUMNS])
    return buf.getvalue()


# --------------------------------------------------------------------------- html

VERDICT_WORDS = {"met": ("✓", "met"), "missed": ("✗", "missed"), "unknown": ("?", "unknown")}
STATUS_WORDS = {"done": ("✓", "done"), "in_progress": ("…", "in progress"), "not_mentioned": ("–", "not mentioned"),
                "dropped": ("✗", "dropped")}
STATUS_CAPTIONS = {
    "done": "Reported done in the result's review",
    "in_progress": "Mentioned in the review without a completion word",
    "not_mentioned": "Not in the review, named again in the result's plan half",
    "dropped": "Mentioned nowhere in the result: not reviewed, no longer promised",
}
OPEN_GROUP_MAX = 60  # a longer group starts folded, so the page opens on what was found

CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:1.5rem;color:#1a1a1a;max-width:72rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#f3f3f3}
.met{background:#e6f4ea}.missed{background:#fce8e6}.unknown{background:#f1f3f4}
.done{background:#e6f4ea}.in_progress{background:#fef7e0}.not_mentioned{background:#f1f3f4}.dropped{background:#fce8e6}
details>summary{cursor:pointer;font-weight:600;margin:.8rem 0 .4rem}
.verdict{font-weight:bold;white-space:nowrap}.small{font-size:.8rem;color:#555}
.warn{color:#b3261e}pre{white-space:pre-wrap;font-size:.8rem;background:#f8f8f8;padding:.6rem}
"""


def _target_text(ln: Line) -> str:
    t = ln.target
    return target_label(t.value, t.low, t.high, t.unit, t.qualifier)


def _side(label: str, side: Any) -> Any:
    bits = [side.title or "", side.issuer or "", f"year {side.year}" if side.year else "",
            f"reviews {side.review_year}" if side.review_year else "", side.file or ""]
    return E.LI(E.STRONG(f"{label}: "), " · ".join(b for b in bits if b))


def _commitment_groups(card: Scorecard) -> list[Any]:
    """One table per status (done, in progress, not mentioned, dropped), in that order, each under
    a ``details`` element headed by its count; a group longer than :data:`OPEN_GROUP_MAX` starts
    folded.  Every follow-up of the JSON is on the page."""
    out = []
    for status, (sym, word) in STATUS_WORDS.items():
        group = [f for f in card.commitments if f.status == status]
        if not group:
            continue
        head = E.TR(*(E.TH(h, scope="col") for h in ("commitment", "looked for", "kind", "where", "evidence")))
        rows = [E.TR(E.TD(f.text), E.TD(f.object), E.TD(f.kind), E.TD(f.where or ""), E.TD(f.evidence or ""),
                     {"class": f.status}) for f in group]
        table = E.TABLE(E.CAPTION(STATUS_CAPTIONS[status]), E.THEAD(head), E.TBODY(*rows))
        details = E.DETAILS(E.SUMMARY(f"{sym} {word} ({len(group)})"), table, id=f"commitments-{status}")
        if len(group) <= OPEN_GROUP_MAX:
            details.set("open", "open")
        out.append(details)
    return out


def render_html(card: Scorecard) -> str:
    title = "Scorecard"
    if card.plan.year:  # 湖南省人民政府 2025 targets → the 2026 report
        who = f"{card.plan.issuer} " if card.plan.issuer else ""
        title += f": {who}{card.plan.year} targets"
        if card.result.year:
            title += f" → the {card.result.year} report"
    d = card.to_json()["summary"]
    body = E.BODY(E.H1(title), E.UL(_side("Plan", card.plan), _side("Result", card.result)))
    for w in card.warnings:
        body.append(E.P(w, {"class": "warn"}))
    t = d["targets"]
    c = d["commitments"]
    body.append(E.P(f"Targets: {t['met']} met, {t['missed']} missed, {t['unknown']} unknown. "
                    f"Commitments: {c['done']} done, {c['in_progress']} in progress, {c['not_mentioned']} not mentioned, "
                    f"{c['dropped']} dropped."))
    rows = [E.TR(*(E.TH(h, scope="col") for h in ("indicator", "target", "as written", "actual", "as reported",
                                                  "verdict", "rule")))]
    for ln in card.lines:
        a = ln.actual
        sym, word = VERDICT_WORDS[ln.verdict]
        rows.append(E.TR(
            E.TD(ln.indicator or "", E.BR(), E.SPAN(ln.metric, {"class": "small"})),
            E.TD(_target_text(ln)), E.TD(ln.target.text),
            E.TD(f"{fmt_number(a.value)}{a.unit}" if a else "—"), E.TD(a.text if a else ""),
            E.TD(E.SPAN(f"{sym} {word}", {"class": "verdict"})), E.TD(ln.rule, {"class": "small"}),
            {"class": ln.verdict}))
    body.append(E.H2("Targets", id="targets"))
    body.append(E.TABLE(E.CAPTION("Each target of the plan year against the result report's review"),
                        E.THEAD(rows[0]), E.TBODY(*rows[1:])))
    body.append(E.H2("Commitments", id="commitments"))
    if card.commitments:
        body.extend(_commitment_groups(card))
    else:
        body.append(E.P("The plan holds no commitment to follow (only targets)."))
    body.append(E.DETAILS(E.SUMMARY("How verdicts are decided"), E.PRE((RULES_DOC or "").strip())))
    doc = E.HTML(
        E.HEAD(E.META(charset="utf-8"),
               E.META({"http-equiv": "Content-Security-Policy", "content": "default-src 'none'; style-src 'unsafe-inline'"}),
               E.META(name="viewport", content="width=device-width, initial-scale=1"),
               E.TITLE(title), E.STYLE(CSS)),
        body, lang="zh-Hans")
    return "<!DOCTYPE html>\n" + html.tostring(doc, encoding="unicode", method="html") + "\n"
