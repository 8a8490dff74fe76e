"""The pages of the corpus site, each a complete HTML document built as an lxml tree.

Contract: every function returns a str (``<!DOCTYPE html>`` …) or an element; report text only
ever enters the tree as text (lxml escapes it), so hostile text in a report stays text.  Pages
carry their styles inline and a Content-Security-Policy: no network, and only scripts carrying
the page's nonce (and what they load) run.  ``depth`` is how many folders below the site root a
page sits, for relative links (the site opens from the file system and from any static host).
"""

from __future__ import annotations

import secrets
from bisect import bisect_left
from pathlib import PurePath
from typing import Any, Iterable, Optional, Sequence

from lxml import etree, html
from lxml.html import builder as E

from ...model import Report
from ..changes import CHANGE_CSS
from ..corpus_labels import value_label
from ..labels import fmt_number, indicator_name, target_label

CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1a1a1a;line-height:1.6}
header.site{background:#20344f;color:#fff;padding:.5rem 1.2rem;display:flex;gap:1.2rem;flex-wrap:wrap;align-items:baseline}
header.site a{color:#fff}header.site .brand{font-weight:bold;margin-right:1rem}
main{padding:1rem 1.5rem;max-width:72rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.8rem}h3{font-size:1rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.2rem .45rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#f3f3f3}table.grid td{text-align:center;white-space:nowrap}table.grid th[scope=row]{white-space:nowrap}
table.grid a.pair{font-size:.8rem;margin-left:.3rem}
.meta td,.meta th{font-size:.85rem}
.text p,.text li{max-width:48rem}.text .num{color:#555}
span.q{border:1px solid #5b8fd1;border-radius:2px;padding:0 1px}span.t{background:#fff1a8}
span.c{text-decoration:underline;text-decoration-color:#7a3e9d;text-decoration-thickness:2px;text-underline-offset:3px}
.legend-note{font-size:.85rem;color:#444}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.85rem}
svg.chart{max-width:100%;height:auto;border:1px solid #ddd;background:#fff}
svg .axis{stroke:#444}svg .grid{stroke:#e6e6e6}svg text{font-size:12px;fill:#333}svg .unit{font-weight:bold}
form.filters{margin:.6rem 0;display:flex;gap:1rem;flex-wrap:wrap;align-items:center}
th button.sort{all:unset;cursor:pointer;font-weight:bold}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
#q{font-size:1.1rem;width:min(40rem,100%);padding:.3rem}
ol.results li{margin:.5rem 0}ol.results mark{background:#fff1a8}ol.results .where{font-size:.85rem;color:#555}
.sitenav{background:#eef3f9;border-bottom:1px solid #c9d6e6;padding:.4rem 1rem;font:14px system-ui,sans-serif}
.sitenav a{margin-right:1rem}
""" + CHANGE_CSS + "\n"


def csp(nonce: str) -> str:
    return (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            f"script-src 'nonce-{nonce}' 'strict-dynamic'")


def document(title: str, content: Sequence[Any], L, lang: str, depth: int,
             scripts: Sequence[tuple[str, str]] = ()) -> str:
    """A whole page: the site header, ``content`` in ``main``, then ``scripts`` (("src", url) or
    ("inline", code)), each carrying the page's nonce."""
    nonce = secrets.token_urlsafe(16)
    root = "../" * depth
    header = E.HEADER({"class": "site"},
                      E.A(L["site_title"], {"class": "brand", "href": root + "index.html"}),
                      E.A(L["home"], href=root + "index.html"),
                      E.A(L["indicators"], href=root + "index.html#indicators"),
                      E.A(L["changes"], href=root + "changes.html"),
                      E.A(L["search"], href=root + "search.html"))
    body = E.BODY(header, E.MAIN(*content))
    for kind, value in scripts:
        s = etree.SubElement(body, "script", {"nonce": nonce})
        if kind == "src":
            s.set("src", value)
        else:
            s.text = value
    doc = E.HTML({"lang": "zh-Hans" if lang == "zh" else "en"}, E.HEAD(
        E.META(charset="utf-8"), E.META({"http-equiv": "Content-Security-Policy", "content": csp(nonce)}),
        E.META(name="viewport", content="width=device-width, initial-scale=1"),
        E.TITLE(title), E.STYLE(CSS)), body)
    return "<!DOCTYPE html>\n" + html.tostring(doc, encoding="unicode", method="html") + "\n"


def site_nav(root: str, links: Iterable[tuple[str, str]], L) -> etree._Element:
    """The bar put on top of pages written by other renderers (redline, scorecard)."""
    nav = E.NAV({"class": "sitenav", "aria-label": L["site_title"]},
                E.A(L["site_title"], href=root + "index.html"))
    for label, href in links:
        nav.append(E.A(label, href=href))
    return nav


def with_nav(page: str, nav: etree._Element, css: str = ".sitenav{background:#eef3f9;padding:.4rem 1rem;"
             "border-bottom:1px solid #c9d6e6;font:14px system-ui,sans-serif}.sitenav a{margin-right:1rem}") -> str:
    """``page`` (a whole document from another renderer) with ``nav`` first in its body."""
    doc = html.document_fromstring(page)
    body = doc.find("body")
    body.insert(0, nav)
    style = etree.SubElement(doc.find("head"), "style")
    style.text = css
    return "<!DOCTYPE html>\n" + html.tostring(doc, encoding="unicode", method="html") + "\n"


# --------------------------------------------------------------------------- report page

_HEADING_TAG = {"title": "h2", "part": "h2", "section": "h3"}


def passages(report: Report) -> list[tuple[str, str, int, int]]:
    """(block id, kind, start, end) of the headings, paragraphs and items in reading order."""
    out = []
    end = -1
    for b in report.blocks:
        if b.kind not in ("heading", "p", "item") or b.start < end or b.end <= b.start:
            continue
        kind = b.kind
        if kind == "heading":
            parent = report.block_by_id.get(b.parent or "")
            kind = _HEADING_TAG.get(parent.kind if parent else "", "h4")
        out.append((b.id, kind, b.start, b.end))
        end = b.end
    return out


def _layers(report: Report, lang: str) -> list[tuple[int, int, str, str]]:
    """(start, end, class, tip) of the highlighted spans: quantities, targets, commitments."""
    out = []
    for q in report.quantities:
        tip = f"{q.text}: {target_label(q.value, q.low, q.high, q.unit, q.qualifier, lang)}"
        out.append((q.start, q.end, "q", tip))
    for t in report.targets:
        name = indicator_name(t.indicator, lang) or t.metric
        tip = f"{name}: {target_label(t.value, t.low, t.high, t.unit, t.qualifier, lang)}"
        out.append((t.start, t.end, "t", tip))
    for c in report.commitments:
        out.append((c.start, c.end, "c", f"{c.verb} · {c.strength}" + (f" · {c.deadline}" if c.deadline else "")))
    out.sort()
    return out


def _annotated(parent: etree._Element, text: str, start: int, end: int,
               spans: list[tuple[int, int, str, str]], starts: list[int]) -> None:
    """``text[start:end]`` cut at every span boundary; each piece carries the classes of the spans
    covering it (spans may overlap and cross: no nesting is needed)."""
    inside = []
    i = bisect_left(starts, start - 2000)  # spans are clauses at most: look back a little for ones open at start
    while i < len(spans) and spans[i][0] < end:
        if spans[i][1] > start:
            inside.append(spans[i])
        i += 1
    cuts = sorted({start, end, *(max(s[0], start) for s in inside), *(min(s[1], end) for s in inside)})
    last: Optional[etree._Element] = None
    for a, b in zip(cuts, cuts[1:]):
        piece = text[a:b]
        cover = [s for s in inside if s[0] <= a and s[1] >= b]
        if not cover:
            if last is None:
                parent.text = (parent.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
            continue
        el = etree.SubElement(parent, "span", {"class": " ".join(sorted({s[2] for s in cover})),
                                               "title": "\n".join(s[3] for s in cover)})
        el.text = piece
        last = el


def _when(t: Any) -> str:
    """The time a target is for: its period as written when it runs over several years (a goal for
    2026-27年度 is not the address's year), else its year."""
    return t.period if t.horizon == "multi_year" and t.period else fmt_number(t.year)


def report_page(report: Report, file: str, L, lang: str, pair_links: Sequence[tuple[str, str]]) -> str:
    """One report: identity, its targets table, and its text with the layers highlighted."""
    m = report.meta
    file = published_name(file)
    title = m.label or file
    # level and kind are ids (``national``, ``gov-work-report``): shown in the interface's words
    rows = [(L["report_title"], m.title), (L["issuer"], m.issuer), (L["region"], m.region),
            (L["level"], m.level and L.get(f"level.{m.level}", m.level)), (L["year"], m.year),
            (L["kind"], m.kind and L.get(f"kind.{m.kind}", m.kind)), (L["file"], file)]
    meta = E.TABLE({"class": "meta"}, *(E.TR(E.TH(k, scope="row"), E.TD(fmt_number(v))) for k, v in rows if v))
    content: list[Any] = [E.H1(title), meta]
    if pair_links:
        content.append(E.P(*[x for label, href in pair_links for x in (E.A(label, href=href), " ")]))
    content.append(E.H2(L["targets"], id="targets"))
    trs = [E.TR(*(E.TH(h, scope="col") for h in (L["indicator"], L["metric"], L["target"], L["year"], L["text"])))]
    for t in report.targets:
        trs.append(E.TR(E.TD(indicator_name(t.indicator, lang), {"title": t.indicator or ""}), E.TD(t.metric or ""),
                        E.TD(value_label(t.value, t.low, t.high, t.unit, t.qualifier, L)), E.TD(_when(t)),
                        E.TD(E.A(t.text, href=f"#{t.block}"))))
    content.append(E.TABLE({"class": "targets"}, E.THEAD(trs[0]), E.TBODY(*trs[1:])))
    content.append(E.H2(L["text"]))
    content.append(E.P(L["legend_text"], {"class": "legend-note"}))
    spans = _layers(report, lang)
    starts = [s[0] for s in spans]
    text_div = E.DIV({"class": "text", "lang": "zh-Hant" if m.script == "traditional" else "zh-Hans"})
    for bid, kind, start, end in passages(report):
        el = etree.SubElement(text_div, kind if kind.startswith("h") else "p", {"id": bid})
        _annotated(el, report.text, start, end, spans, starts)
    content.append(text_div)
    return document(title, content, L, lang, depth=1)


# --------------------------------------------------------------------------- indicator page


def indicator_page(indicator: str, points: Sequence[Any], rows: Sequence[Any],
                   actuals: dict[tuple[str, int], tuple[float, Optional[str]]], report_href: dict[str, str],
                   L, lang: str) -> str:
    """Every issuer's targets for ``indicator``: the chart, then one table per year (newest first)
    naming each issuer's target, how it changed from the issuer's previous report, and the actual.
    ``report_href``: input file → its report page; each point links the report it came from, so
    the two addresses of one year link their own pages."""
    from .chart import indicator_chart

    pts = [p for p in points if p.indicator == indicator and p.status in ("set", "absent")]
    metrics = sorted({p.metric for p in pts if p.metric})
    name = indicator_name(indicator, lang)
    svg, legend = indicator_chart(pts, actuals, "chart", name, L)
    content: list[Any] = [E.H1(name, " ", E.SMALL(indicator)), E.P("、".join(metrics)),
                          E.E.figure(svg, E.E.figcaption(L["chart_legend"])), legend]
    change_of: dict[tuple[Any, Any], list[Any]] = {}
    for r in rows:
        if r.indicator == indicator:
            change_of.setdefault((r.issuer, r.new_year), []).append(r)
    content.append(E.H2(L["by_year"]))
    for year in sorted({p.year for p in pts}, reverse=True):
        trs = [E.TR(*(E.TH(h, scope="col") for h in (L["issuer"], L["target"], L["text"], L["change"], L["delta"],
                                                       L["actual"])))]
        for p in sorted((p for p in pts if p.year == year), key=lambda p: p.issuer or ""):
            r = change_for_point(p, change_of.get((p.issuer, year), ()))
            act = actuals.get((p.issuer or "", year))
            href = report_href.get(p.file)
            who = E.A(p.issuer or "?", href=href) if href else E.SPAN(p.issuer or "?")
            delta = "" if r is None or r.delta is None or r.delta == 0 else f"{'+' if r.delta > 0 else ''}{fmt_number(r.delta)} {r.delta_unit or ''}"
            label = L["no_target"] if p.status == "absent" else value_label(p.value, p.low, p.high, p.unit,
                                                                            p.qualifier, L)
            td_change = E.TD(L[r.change] if r else "", {"class": f"ch ch-{r.change}" if r else "ch"})
            trs.append(E.TR(E.TD(who), E.TD(label), E.TD(p.text or ""), td_change, E.TD(delta),
                            E.TD("" if act is None else f"{fmt_number(act[0])}{act[1] or ''}")))
        content.append(E.H3(str(year), id=f"y{year}"))
        content.append(E.TABLE({"class": "year"}, E.THEAD(trs[0]), E.TBODY(*trs[1:])))
    return document(f"{name} — {L['site_title']}", content, L, lang, depth=1)


def change_for_point(point: Any, rows: Sequence[Any]) -> Optional[Any]:
    """Which of an issuer's change rows for one indicator and year describes ``point``, the target
    the table shows.  An issuer may have several (海洋生产总值占地区生产总值比重 removed beside
    地区生产总值增长 requalified, both under one indicator): the row whose new text is the point's,
    else one of the same metric that the new year still sets; for a year with no target, the
    removal.  None when no row is about this target: a removal of another metric must not be
    shown beside a target that is set."""
    if point.status == "absent":
        return next((r for r in rows if r.new_text is None), None)
    setting = [r for r in rows if r.new_text is not None]
    return (next((r for r in setting if r.new_text == point.text), None)
            or next((r for r in setting if r.metric == point.metric), None))


# --------------------------------------------------------------------------- index, changes, search


def published_name(path: str) -> str:
    """The file name alone of a path the site was built from: a published page names the file,
    never the build machine's folders (``/home/me/corpus/a.txt`` → ``a.txt``); a name that is not
    plain text is escaped as every output escapes it (``printable_name``)."""
    from ...reading.ingest import printable_name

    return printable_name(PurePath(path).name)


def published_reason(path: str, message: str) -> str:
    """Why ``path`` could not be read, without the path: an error message names its file first
    (``/home/me/corpus/a.txt: is empty; …``), which a published page must not show, and which the
    page shows beside the reason anyway."""
    from ...reading.ingest import display_name

    for name in (display_name(path), path):
        if message.startswith(name + ": "):
            return message[len(name) + 2:]
    return message


def index_page(grid: dict[str, dict[int, Any]], indicators: Sequence[tuple[str, int]],
               problems: Sequence[tuple[str, Sequence[tuple[str, str, Optional[str]]]]], L, lang: str) -> str:
    """The issuers × years grid, the indicator list, and every report or file that is not in the
    grid, with why.  ``grid``: issuer → year → the year's reports in delivery order, each
    ``(report href, pair href or None, title)`` (Hong Kong delivered two addresses in 2005 and in
    2017); a cell links each report and, from an issuer's second report on, its pair page."""
    # newest first: the years most readers come for are on the first screen, however far back the corpus goes
    years = sorted({y for row in grid.values() for y in row}, reverse=True)
    head = E.TR(E.TH(L["issuer"], scope="col"), *(E.TH(str(y), scope="col") for y in years))
    body = E.TBODY()
    for issuer, row in grid.items():
        tr = E.TR(E.TH(issuer, scope="row"))
        held = sorted(row)
        for y in years:
            td = E.TD()
            reports = row.get(y, ())
            for k, (href, pair_href, *note) in enumerate(reports):
                # two reports of a year: the second is numbered (2005 (2)), each named in its tooltip
                text = str(y) if k == 0 else f"{y} ({k + 1})"
                tip_parts = (issuer, y, *note) if len(reports) > 1 else (issuer, y)
                td.append(E.A(text, href=href, title=" ".join(str(x) for x in tip_parts if x)))
                if pair_href:
                    # the pair of a year's second report starts in the same year
                    before = y if k else max((x for x in held if x < y), default=None)
                    tip = f"{L['redline']} {issuer} {before} → {y}" if before else f"{L['redline']} {issuer} → {y}"
                    td.append(E.A("↔", {"class": "pair", "href": pair_href, "title": tip}))
            tr.append(td)
        body.append(tr)
    content: list[Any] = [E.H1(L["site_title"]),
                          E.DIV({"style": "overflow-x:auto"}, E.TABLE({"class": "grid"}, E.THEAD(head), body))]
    content.append(E.H2(L["indicators"], id="indicators"))
    # the number is of issuers that set a target for it: say so (a bare "(13)" reads as reports or targets)
    content.append(E.UL(*(E.LI(E.A(indicator_name(ind, lang), href=f"indicators/{ind}.html", title=ind),
                               # "set by 1 issuer(s)" in parentheses read as a typo: the number's own word
                               " (" + (L["n_issuers_one"] if n == 1 else L["n_issuers"].format(n=n)) + ")")
                          for ind, n in sorted(indicators, key=lambda item: indicator_name(item[0], lang)))))
    content.append(E.P(E.A(L["changes"], href="changes.html"), " · ", E.A(L["search"], href="search.html")))
    for title, items in problems:
        if not items:
            continue
        ul = E.UL()
        for file, why, href in items:
            ul.append(E.LI(E.A(file, href=href) if href else file, f" — {why}" if why else ""))
        content.extend([E.H2(title), ul])
    return document(L["site_title"], content, L, lang, depth=0)


def changes_page(rows: Sequence[Any], L, lang: str) -> str:
    """The sortable, filterable table of every target change (render.changes)."""
    from ..changes import changes_table

    return document(L["changes_title"], [E.H1(L["changes_title"]), *changes_table(rows, L)], L, lang, depth=0,
                    scripts=[("src", "assets/table.js")])


def search_page(L, lang: str) -> str:
    """The search box; ``assets/search.js`` reads the prebuilt index and fills the results."""
    form = E.FORM({"id": "search", "role": "search"},
                  E.LABEL(L["search"], {"for": "q"}), " ",
                  E.INPUT({"id": "q", "type": "search", "autocomplete": "off", "placeholder": L["search_placeholder"]}))
    status = E.P({"id": "status", "aria-live": "polite"})
    results = E.OL({"id": "results", "class": "results"})
    msgs = E.DIV({"id": "msgs", "hidden": "hidden", "data-short": L["search_short"], "data-none": L["search_none"],
                  "data-found": L["search_found"], "data-loading": L["search_loading"]})
    return document(L["search"], [E.H1(L["search"]), form, status, results, msgs], L, lang, depth=0,
                    scripts=[("src", "assets/search-index.js"), ("src", "assets/search.js")])
