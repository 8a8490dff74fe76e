"""Target-change rows (:mod:`annotate.corpus.changes`) → CSV, JSON, or a sortable HTML table.

Contract:
- :func:`to_csv` / :func:`to_json`: the columns of ``corpus.changes.COLUMNS`` then the extras,
  numbers as written (``6.5``, ``-0.25``), empty cells / nulls where a side is missing.
- :func:`changes_table(rows, L)`: the filter form and the ``table.sortable`` element (lxml), with
  change labels in the interface language ``L`` (:mod:`.i18n`) and the label id kept in the cell's
  ``data-v`` so sorting and filtering work on ids.  Every piece of report text is escaped (lxml).
- :func:`render_html(rows, lang)`: one self-contained page (styles and the table script inline;
  a Content-Security-Policy with a per-page nonce lets only that script run; no network).
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any, Iterable, Sequence

from lxml import etree, html
from lxml.html import builder as E

from ..corpus.changes import COLUMNS, EXTRAS, ChangeRow
from .corpus_labels import Labels, labels
from .i18n import interface
from .labels import csv_table, fmt_number, indicator_name

ALL_COLUMNS = COLUMNS + EXTRAS
NUMERIC = {"old_year", "new_year", "delta", "old_value", "new_value"}
#: the columns the HTML table shows (files and range ends stay in CSV/JSON)
SHOWN = ("issuer", "old_year", "new_year", "indicator", "metric", "change", "delta",
         "old_text", "new_text")
FILTERED = ("issuer", "indicator", "change")


def asset(name: str) -> str:
    return (Path(__file__).resolve().parent / name).read_text(encoding="utf-8")


def to_json(rows: Iterable[ChangeRow]) -> str:
    return json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1) + "\n"


def to_csv(rows: Iterable[ChangeRow]) -> str:
    return csv_table((r.to_dict() for r in rows), ALL_COLUMNS)


def _cell(row: dict[str, Any], col: str, L: Labels) -> etree._Element:
    v = row[col]
    if col == "change":
        td = E.TD(L[v], {"data-v": v, "class": f"ch ch-{v}"})
        if row.get("moved_text") and row.get("scope"):  # not dropped: the other list holds it
            td.append(E.BR())
            td.append(E.SMALL(interface(L["lang"])(f"moved.{v}.{row['scope']}", t=row["moved_text"])))
    elif col == "indicator" and v:
        name = indicator_name(v, L["lang"])
        if row.get("scope") == "measure":
            name += f" ({interface(L['lang'])('scope.measure')})"
        td = E.TD(name, {"data-v": v, "title": v})
    elif col == "delta":
        td = E.TD(f"{'+' if v is not None and v > 0 else ''}{fmt_number(v)}{' ' + row['delta_unit'] if v is not None and row['delta_unit'] else ''}",
                  {"class": "delta"})  # nowrap (CHANGE_CSS): "+200 万人" broken after the number misreads
        td.set("data-v", fmt_number(v))
    else:
        td = E.TD(fmt_number(v))
    return td


def changes_table(rows: Sequence[ChangeRow], L: Labels, table_id: str = "changes") -> list[etree._Element]:
    """The filter form and the sortable table (module docstring)."""
    dicts = [r.to_dict() for r in rows]
    colon = "：" if L["lang"] == "zh" else ": "  # the full-width colon is Chinese punctuation
    form = E.FORM({"class": "filters", "data-table": table_id}, E.STRONG(L["filter"] + colon))
    for col in FILTERED:
        i = SHOWN.index(col)
        if col == "change":
            sel = E.SELECT({"data-filter": str(i), "aria-label": L[col]}, E.OPTION(L["all"], value=""))
            for v in sorted({d[col] for d in dicts}):
                sel.append(E.OPTION(L[v], value=v))
            form.append(E.LABEL(L[col] + " ", sel))
        else:
            form.append(E.LABEL(L[col] + " ", E.INPUT({"type": "search", "data-filter": str(i)})))
    form.append(E.SPAN(" ", L["rows_shown"], colon, etree.Element("output"), f" / {len(dicts)}"))
    head = E.TR(*(E.TH(L[c], {"scope": "col", "data-type": "num" if c in NUMERIC else "text"}) for c in SHOWN))
    body = E.TBODY()
    for d in dicts:
        body.append(E.TR(*(_cell(d, c, L) for c in SHOWN)))
    table = E.TABLE({"class": "sortable changes", "id": table_id}, E.CAPTION(L["sort_hint"]), E.THEAD(head), body)
    return [form, table]


CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:1.5rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top;font-size:.88rem}
th{background:#f3f3f3;position:sticky;top:0}th button.sort{all:unset;cursor:pointer;font-weight:bold}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
caption{text-align:left;color:#555;font-size:.85rem;padding:.3rem 0}
form.filters{margin:.6rem 0;display:flex;gap:1rem;flex-wrap:wrap;align-items:center}
"""
# a raised or lowered target is a number that moved, not good or bad news (a raised unemployment ceiling
# is no gain): one neutral colour for both; the site's pages use the same rule
CHANGE_CSS = ("td.ch-raised,td.ch-lowered{color:#7a4b00}td.ch-removed{color:#555}td.ch-added{color:#1f5fa8}"
              "td.delta{white-space:nowrap}")
CSS += CHANGE_CSS + "\n"


def render_html(rows: Sequence[ChangeRow], lang: str = "zh") -> str:
    """One self-contained page listing ``rows`` (module docstring)."""
    L = labels(lang)
    nonce = secrets.token_urlsafe(16)
    body = E.BODY(E.H1(L["changes_title"]), *changes_table(rows, L))
    script = etree.SubElement(body, "script", {"nonce": nonce})
    script.text = asset("table.js")
    doc = E.HTML({"lang": "zh-Hans" if lang == "zh" else "en"}, E.HEAD(
        E.META(charset="utf-8"),
        E.META({"http-equiv": "Content-Security-Policy",
                "content": f"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'"}),
        E.META(name="viewport", content="width=device-width, initial-scale=1"),
        E.TITLE(L["changes_title"]), E.STYLE(CSS)), body)
    return "<!DOCTYPE html>\n" + html.tostring(doc, encoding="unicode", method="html") + "\n"
