"""Scorecard (:mod:`annotate.corpus.scorecard`) → JSON, CSV, or one self-contained HTML page.

Contract:
- :func:`to_json`: ``Scorecard.to_json()`` as UTF-8 JSON: ``plan``, ``result``, ``summary``,
  ``targets`` (``{"indicator", "metric", "target": {value, low, high, unit, qualifier, text},
  "actual": {"value", "unit", "text", ...} | null, "verdict", "direction", "rule"}``),
  ``commitments`` and ``warnings``.
- :func:`to_csv`: one row per target (``kind`` = ``target``) then one per followed commitment
  (``kind`` = ``commitment``), with the columns of :data:`CSV_COLUMNS`; empty cells for nulls.
- :func:`render_html(card, lang=)`: a complete HTML document (str) with no script and no network
  access; the tree is built with lxml, so every piece of report text is escaped.  ``lang`` (en |
  zh) words the interface and the verdict rules from :mod:`.i18n`; report text stays as written.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from lxml import html
from lxml.html import builder as E

from ..corpus.scorecard import Line, Scorecard
from ..corpus.scorecard import __doc__ as RULES_DOC
from .i18n import Interface, interface
from .labels import fmt_number, indicator_name, target_label

CSV_COLUMNS = ("kind", "indicator", "metric", "target_text", "target_value", "target_low", "target_high",
               "target_unit", "target_qualifier", "actual_value", "actual_unit", "actual_text", "verdict",
               "direction", "rule", "commitment", "object", "status", "evidence")


def to_json(card: Scorecard) -> str:
    from ..report_json import dumps

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

# symbols beside the words (the words are interface strings: card.verdict.* and card.status.*)
VERDICT_SYMBOLS = {"met": "✓", "missed": "✗", "unknown": "?"}
STATUS_SYMBOLS = {"done": "✓", "in_progress": "…", "not_mentioned": "–", "dropped": "✗"}
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


def _target_text(ln: Line, lang: str = "en") -> str:
    t = ln.target
    return target_label(t.value, t.low, t.high, t.unit, t.qualifier, lang)


def _side(label: str, side: Any, ui: Interface) -> Any:
    bits = [side.title or "", side.issuer or "", ui("card.year", n=side.year) if side.year else "",
            ui("card.reviews", n=side.review_year) if side.review_year else "", side.file or ""]
    return E.LI(E.STRONG(f"{label}: "), " · ".join(b for b in bits if b))


def _commitment_groups(card: Scorecard, ui: Interface) -> list[Any]:
    """One table per status (done, in progress, not mentioned, dropped), in that order, each under
    a ``details`` element headed by its count; a group longer than :data:`OPEN_GROUP_MAX` starts
    folded.  Every follow-up of the JSON is on the page."""
    out = []
    for status, sym in STATUS_SYMBOLS.items():
        group = [f for f in card.commitments if f.status == status]
        if not group:
            continue
        head = E.TR(*(E.TH(ui("card.ccol." + h), scope="col")
                      for h in ("commitment", "looked_for", "kind", "where", "evidence")))
        rows = [E.TR(E.TD(f.text), E.TD(f.object), E.TD(ui("card.kind." + f.kind)),
                     E.TD(ui("card.where." + f.where) if f.where else ""), E.TD(f.evidence or ""),
                     {"class": f.status}) for f in group]
        table = E.TABLE(E.CAPTION(ui("card.caption." + status)), E.THEAD(head), E.TBODY(*rows))
        details = E.DETAILS(E.SUMMARY(f"{sym} {ui('card.status.' + status)} ({len(group)})"), table,
                            id=f"commitments-{status}")
        if len(group) <= OPEN_GROUP_MAX:
            details.set("open", "open")
        out.append(details)
    return out


def render_html(card: Scorecard, lang: str = "en") -> str:
    """The scorecard as one page; ``lang`` (en | zh) words the headings, columns, verdicts,
    statuses, indicator names and verdict rules (report text stays as written; the rules'
    documentation under "How verdicts are decided" is the module's, in English)."""
    ui = interface(lang)
    title = ui("card.title")
    if card.plan.year:  # 湖南省人民政府 2025 targets → the 2026 report
        who = f"{card.plan.issuer} " if card.plan.issuer else ""
        if card.result.year:
            title = ui("card.title.result", who=who, year=card.plan.year, result=card.result.year)
        else:
            title = ui("card.title.plan", who=who, year=card.plan.year)
    d = card.to_json()["summary"]
    body = E.BODY(E.H1(title), E.UL(_side(ui("card.plan"), card.plan, ui), _side(ui("card.result"), card.result, ui)))
    for w in card.warnings:
        body.append(E.P(w, {"class": "warn"}))
    body.append(E.P(ui("card.summary", **d["targets"], **d["commitments"])))
    rows = [E.TR(*(E.TH(ui("card.col." + h), scope="col") for h in ("indicator", "target", "as_written", "actual",
                                                                    "as_reported", "verdict", "rule")))]
    for ln in card.lines:
        a = ln.actual
        rows.append(E.TR(
            E.TD(indicator_name(ln.indicator, lang), E.BR(), E.SPAN(ln.metric, {"class": "small"})),
            E.TD(_target_text(ln, lang)), E.TD(ln.target.text),
            E.TD(f"{fmt_number(a.value)}{a.unit}" if a else "—"), E.TD(a.text if a else ""),
            E.TD(E.SPAN(f"{VERDICT_SYMBOLS[ln.verdict]} {ui('card.verdict.' + ln.verdict)}", {"class": "verdict"})),
            E.TD(ln.why.words(lang) if ln.why else ln.rule, {"class": "small"}),
            {"class": ln.verdict}))
    body.append(E.H2(ui("card.targets"), id="targets"))
    body.append(E.TABLE(E.CAPTION(ui("card.targets.caption")), E.THEAD(rows[0]), E.TBODY(*rows[1:])))
    body.append(E.H2(ui("card.commitments"), id="commitments"))
    if card.commitments:
        body.extend(_commitment_groups(card, ui))
    else:
        body.append(E.P(ui("card.commitments.none")))
    body.append(E.DETAILS(E.SUMMARY(ui("card.rules")), E.PRE((RULES_DOC or "").strip())))
    doc = E.HTML(
        E.HEAD(E.META(charset="utf-8"),
               E.META({"http-equiv": "Content-Security-Policy", "content": "default-src 'none'; style-src 'unsafe-inline'"}),
               E.META(name="viewport", content="width=device-width, initial-scale=1"),
               E.TITLE(title), E.STYLE(CSS)),
        body, lang="zh-Hans")
    return "<!DOCTYPE html>\n" + html.tostring(doc, encoding="unicode", method="html") + "\n"
