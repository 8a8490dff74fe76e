"""Comparison → one self-contained HTML redline (issue 5).

Contract: :func:`render_redline` takes a :class:`annotate.compare.Comparison` and returns a
complete HTML document (str) with its styles and script inline, no network access, and every
piece of report text escaped (the tree is built with lxml; nothing is formatted into markup).
A Content-Security-Policy with a per-page nonce means only the page's own script can run.

Layout: header naming both reports; counts by kind (the same numbers as the comparison JSON);
the target-changes table; an outline of the new report; an inline view (the new report with
deletions struck and insertions underlined) and a side-by-side view (one table row per aligned
pair); navigation (buttons, ``n``/``p``), filters by kind and a view switch.
"""

from __future__ import annotations

import secrets
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

from lxml import etree, html
from lxml.html import builder as E

from ..model import Report
from .labels import delta_label, fmt_number, target_label

#: change kind -> (filter category, human label)
KIND_INFO: dict[str, tuple[str, str]] = {
    "number_changed": ("numbers", "number changed"),
    "modality_changed": ("commitments", "commitment strength changed"),
    "replaced": ("wording", "reworded"),
    "moved": ("moves", "moved"),
    "inserted": ("insdel", "inserted"),
    "deleted": ("insdel", "deleted"),
}
KIND_ORDER = ("number_changed", "modality_changed", "replaced", "moved", "inserted", "deleted")
FILTERS = (("targets", "targets"), ("numbers", "numbers"), ("commitments", "commitments"),
           ("wording", "wording"), ("moves", "moves"), ("insdel", "insertions/deletions"))

#: target change -> (symbol, words); the symbol is decoration, the words carry the meaning
DIRECTION: dict[str, tuple[str, str]] = {
    "raised": ("▲", "raised"),
    "lowered": ("▼", "lowered"),
    "qualifier_changed": ("≈", "qualifier changed"),
    "reworded": ("✎", "reworded"),
    "unchanged": ("=", "unchanged"),
    "added": ("+", "added"),
    "removed": ("−", "removed"),
    "quantified": ("#", "quantified"),
    "unquantified": ("∅", "unquantified"),
}


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (Path(__file__).resolve().parent / name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- helpers


def _target_value(side: Any) -> str:
    """How a target side reads in the table; a missing side is a dash."""
    if side is None:
        return "—"
    return target_label(side.value, side.low, side.high, side.unit, side.qualifier)


class _Spans:
    """Sorted, non-overlapping annotation spans of one report, for hover tips."""

    def __init__(self, report: Report) -> None:
        indicator_of: dict[str, str] = {}
        for ind in report.indicators:
            for qid in (ind.level, ind.growth, ind.points):
                if qid and ind.indicator:
                    indicator_of.setdefault(qid, ind.indicator)
        for t in report.targets:
            if t.quantity and t.indicator:
                indicator_of[t.quantity] = t.indicator
        spans = []
        last_end = -1
        for q in sorted(report.quantities, key=lambda q: (q.start, -q.end)):
            if q.start < last_end:
                continue  # nested or crossing: the outer one carries the tip
            tip = [f"{q.text}", f"value {fmt_number(q.value)} {q.unit}".rstrip()]
            if q.normalized is not None and q.base_unit:
                tip.append(f"normalized {fmt_number(q.normalized)} {q.base_unit}")
            tip.append(f"qualifier {q.qualifier}")
            if q.qualifier == "range":
                tip.append(f"range {fmt_number(q.low)}–{fmt_number(q.high)}")
            if q.id in indicator_of:
                tip.append(f"indicator {indicator_of[q.id]}")
            spans.append((q.start, q.end, "\n".join(tip)))
            last_end = q.end
        self.spans = spans
        self.starts = [s[0] for s in spans]

    def within(self, start: int, end: int) -> Iterable[tuple[int, int, str]]:
        i = bisect_left(self.starts, start)
        while i < len(self.spans) and self.spans[i][0] < end:
            s, e, tip = self.spans[i]
            if e <= end:
                yield s, e, tip
            i += 1


def _append_text(parent: etree._Element, text: str) -> None:
    """Append text after the last child of ``parent`` (lxml keeps it as text or a tail)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _append_annotated(parent: etree._Element, text: str, start: int, end: int, spans: _Spans) -> None:
    """``text[start:end]`` with its quantities as focusable spans carrying their tip."""
    pos = start
    for s, e, tip in spans.within(start, end):
        _append_text(parent, text[pos:s])
        el = etree.SubElement(parent, "span", {"class": "qty", "tabindex": "0", "data-tip": tip})
        el.text = text[s:e]
        pos = e
    _append_text(parent, text[pos:end])


# --------------------------------------------------------------------------- the page


class _Redline:
    def __init__(self, comparison: Any) -> None:
        self.c = comparison
        self.old: Report = comparison.old
        self.new: Report = comparison.new
        self.old_spans = _Spans(self.old)
        self.new_spans = _Spans(self.new)
        # change lookup per pair
        self.by_pair: dict[int, list[tuple[int, Any]]] = {}
        for idx, ch in enumerate(comparison.changes):
            self.by_pair.setdefault(ch.pair, []).append((idx, ch))
        self.target_ranges = self._target_ranges()

    def _target_ranges(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        return ([(t.start, t.end) for t in self.old.targets], [(t.start, t.end) for t in self.new.targets])

    def _is_target(self, ch: Any) -> bool:
        old_r, new_r = self.target_ranges
        return any(s < ch.old_end and ch.old_start < e for s, e in old_r) or any(
            s < ch.new_end and ch.new_start < e for s, e in new_r)

    def _change_for(self, pair_index: int, op: Any) -> Optional[tuple[int, Any]]:
        for idx, ch in self.by_pair.get(pair_index, ()):
            if ch.kind == "moved":
                continue
            if op.kind in ("insert", "replace") and ch.new_start <= op.new_start < max(ch.new_end, ch.new_start + 1):
                return idx, ch
            if op.kind in ("delete", "replace") and ch.old_start <= op.old_start < max(ch.old_end, ch.old_start + 1):
                return idx, ch
            if op.new_start < ch.new_end and ch.new_start < op.new_end:
                return idx, ch
            if op.old_start < ch.old_end and ch.old_start < op.old_end:
                return idx, ch
        return None

    def _mark(self, tag: str, idx: int, ch: Any, first: set[tuple[str, int]], view: str) -> etree._Element:
        category, label = KIND_INFO[ch.kind]
        categories = [category] + (["targets"] if self._is_target(ch) else [])
        attrs = {"class": f"chg k-{ch.kind}", "data-kind": ch.kind, "data-filter": " ".join(categories),
                 "data-label": label}
        if (view, idx) not in first:  # the first marker of a change is its navigation stop
            first.add((view, idx))
            attrs.update({"data-chg": str(idx), "tabindex": "0", "id": f"{view}-c{idx}"})
        el = etree.Element(tag, attrs)
        sr = etree.SubElement(el, "span", {"class": "sr"})
        sr.text = f"[{'deleted' if tag == 'del' else 'inserted'}: {label}] "
        return el

    def _render_ops(self, pair_index: int, pair: Any, old_parent: Optional[etree._Element],
                    new_parent: Optional[etree._Element], first: set, view: str) -> None:
        """Render a pair's ops: into one parent (inline: both sides) or two (side by side)."""
        for op in pair.ops:
            if op.kind == "equal":
                if new_parent is not None and pair.relation != "deleted":
                    _append_annotated(new_parent, self.new.text, op.new_start, op.new_end, self.new_spans)
                if old_parent is not None and old_parent is not new_parent:
                    _append_annotated(old_parent, self.old.text, op.old_start, op.old_end, self.old_spans)
                elif old_parent is not None and pair.relation == "deleted":
                    _append_annotated(old_parent, self.old.text, op.old_start, op.old_end, self.old_spans)
                continue
            found = self._change_for(pair_index, op)
            if found is None:
                # Not a change (whitespace, a renumbered label 12. → 49., the same words cut
                # differently): each side shows its own text plainly, so neither column of the
                # side-by-side view loses a character; inline shows the new side only.
                if new_parent is not None and op.new_end > op.new_start:
                    _append_text(new_parent, self.new.text[op.new_start : op.new_end])
                if old_parent is not None and old_parent is not new_parent and op.old_end > op.old_start:
                    _append_text(old_parent, self.old.text[op.old_start : op.old_end])
                continue
            idx, ch = found
            if op.old_end > op.old_start and old_parent is not None:
                d = self._mark("del", idx, ch, first, view)
                _append_annotated(d, self.old.text, op.old_start, op.old_end, self.old_spans)
                old_parent.append(d)
            if op.new_end > op.new_start and new_parent is not None:
                i = self._mark("ins", idx, ch, first, view)
                _append_annotated(i, self.new.text, op.new_start, op.new_end, self.new_spans)
                new_parent.append(i)

    # -- pieces

    def header(self) -> etree._Element:
        top = E.HEADER(E.CLASS("top"))
        top.append(E.H1("Redline: " + (self.new.meta.title or "report") + " compared with " +
                        (self.old.meta.title or "report")))
        sides = E.DIV(E.CLASS("reports"))
        for label, r in (("Old", self.old), ("New", self.new)):
            m = r.meta
            dl = E.DL()
            for key, value in (("title", m.title), ("issuer", m.issuer), ("year", m.year), ("date", m.date),
                               ("file", m.source.file)):
                dl.append(E.DT(key))
                dl.append(E.DD("" if value is None else str(value)))
            sides.append(E.SECTION(E.CLASS(f"side side-{label.lower()}"), E.H2(label), dl))
        top.append(sides)
        return top

    def summary(self) -> etree._Element:
        counts = {k: 0 for k in KIND_ORDER}
        for ch in self.c.changes:
            counts[ch.kind] = counts.get(ch.kind, 0) + 1
        ul = E.UL(E.CLASS("summary"), {"aria-label": "changes by kind"})
        ul.append(E.LI({"data-kind": "all"}, "all changes", E.SPAN(E.CLASS("n"), str(len(self.c.changes)))))
        for k in KIND_ORDER:
            ul.append(E.LI({"data-kind": k, "class": f"k-{k}-count"}, KIND_INFO[k][1],
                           E.SPAN(E.CLASS("n"), str(counts[k]))))
        ul.append(E.LI({"data-kind": "target_changes"}, "target changes",
                       E.SPAN(E.CLASS("n"), str(sum(1 for t in self.c.target_changes if t.change != "unchanged")))))
        return ul

    def targets_table(self) -> etree._Element:
        section = E.SECTION({"id": "targets", "aria-labelledby": "targets-h"})
        section.append(E.H2({"id": "targets-h"}, "Target changes"))
        if not self.c.target_changes:
            section.append(E.P("Neither report sets targets that could be matched by indicator."))
            return section
        table = E.TABLE(E.CLASS("targets"))
        table.append(E.THEAD(E.TR(E.TH("indicator"), E.TH("old target"), E.TH("new target"), E.TH("change"),
                                  E.TH("delta"))))
        tbody = E.TBODY()
        for tc in self.c.target_changes:
            symbol, words = DIRECTION.get(tc.change, ("", tc.change))
            old_cell = E.TD(E.STRONG(_target_value(tc.old)))
            if tc.old is not None:
                old_cell.append(E.BR())
                old_cell.append(E.SMALL(tc.old.text))
            new_cell = E.TD(E.STRONG(_target_value(tc.new)))
            if tc.new is not None:
                new_cell.append(E.BR())
                new_cell.append(E.SMALL(tc.new.text))
            if tc.moved_to is not None:
                # a headline target the other year sets only inside a measure: say where it went
                new_cell.append(E.BR())
                new_cell.append(E.SMALL(E.CLASS("moved-to"), "now a measure: ", _target_value(tc.moved_to),
                                        " — ", tc.moved_to.text))
            name = tc.indicator or tc.metric_new or tc.metric_old or ""
            name += f" / {tc.component}" if tc.component else ""
            name += " (measure)" if tc.scope == "measure" else ""
            metric = tc.metric_new or tc.metric_old or ""
            tbody.append(E.TR({"class": f"tc-{tc.change}", "data-filter": "targets", "data-change": tc.change},
                              E.TD(name, E.BR(), E.SMALL(metric)), old_cell, new_cell,
                              E.TD(E.CLASS(f"dir dir-{tc.change}"), E.SPAN({"aria-hidden": "true"}, symbol + " "),
                                   words), E.TD(E.CLASS("delta"), delta_label(tc.delta))))
        table.append(tbody)
        section.append(table)
        return section

    def toolbar(self) -> etree._Element:
        bar = E.DIV(E.CLASS("toolbar"), {"role": "toolbar", "aria-label": "redline controls"})
        views = E.FIELDSET(E.LEGEND("view"),
                           E.BUTTON({"type": "button", "data-view": "inline", "aria-pressed": "true"}, "inline"),
                           E.BUTTON({"type": "button", "data-view": "sbs", "aria-pressed": "false"},
                                    "side by side"))
        nav = E.FIELDSET(E.LEGEND("changes"),
                         E.BUTTON({"type": "button", "id": "prev", "title": "previous change (p)"}, "◀ previous (p)"),
                         E.BUTTON({"type": "button", "id": "next", "title": "next change (n)"}, "next (n) ▶"),
                         E.SPAN({"id": "position", "class": "position", "aria-live": "polite"}, ""))
        filters = E.FIELDSET(E.LEGEND("show"))
        for key, label in FILTERS:
            box = E.INPUT({"type": "checkbox", "checked": "checked", "data-filter-toggle": key, "id": f"f-{key}"})
            filters.append(E.LABEL({"for": f"f-{key}"}, box, " " + label + " "))
        bar.extend([views, nav, filters])
        return bar

    def _heading_level(self, block_id: Optional[str]) -> Optional[str]:
        if not block_id:
            return None
        b = self.new.block_by_id.get(block_id)
        while b is not None and b.kind not in ("heading", "title"):
            b = self.new.block_by_id.get(b.parent) if b.parent else None
            if b is not None and b.kind in ("p", "item", "part", "section", "subsection", "preface"):
                return None
        if b is None:
            return None
        if b.kind == "title":
            return "h2"
        parent = self.new.block_by_id.get(b.parent) if b.parent else None
        return {"part": "h2", "section": "h3"}.get(parent.kind if parent is not None else "", "h4")

    def _in_body_heading(self, block_id: str) -> bool:
        """Part and section headings make the outline; the title block does not."""
        b = self.new.block_by_id.get(block_id)
        return b is not None and b.kind == "heading"

    def _para_key(self, pair: Any) -> tuple[str, Optional[str]]:
        if pair.relation == "deleted" or pair.new_block is None:
            return ("old", pair.old_block)
        return ("new", self._paragraph_of(pair.new_block))

    def _paragraph_of(self, block_id: str) -> str:
        b = self.new.block_by_id.get(block_id)
        while b is not None and b.kind == "s" and b.parent:
            b = self.new.block_by_id.get(b.parent)
        return b.id if b is not None else block_id

    def inline_view(self, outline: list[tuple[str, str, str]]) -> etree._Element:
        view = E.DIV({"id": "view-inline", "class": "view doc", "aria-label": "inline view"})
        first: set = set()
        move_anchor = self._move_anchors()
        container: Optional[etree._Element] = None
        key = None
        anchors: set[str] = set()
        for k, pair in enumerate(self.c.pairs):
            for mid, old_text in move_anchor.get(k, ()):
                mark = E.P(E.CLASS("moved-from"),
                           E.A({"class": "move-mark", "href": f"#move-to-{mid}", "id": f"move-from-{mid}",
                                "data-filter": "moves"}, f"⇣ moved away from here (move {mid}) →"),
                           E.SMALL(old_text[:60] + ("…" if len(old_text) > 60 else "")))
                view.append(mark)
                container = None
            pk = self._para_key(pair)
            if container is None or pk != key or pair.relation in ("moved",):
                tag = self._heading_level(pair.new_block) if pair.relation != "deleted" else None
                cls = {"deleted": "deleted-block", "inserted": "inserted-block", "moved": "moved"}.get(
                    pair.relation, "")
                container = etree.SubElement(view, tag or "p")
                if cls:
                    container.set("class", cls)
                if pk[0] == "new" and pk[1]:
                    anchor = f"n-{pk[1]}"
                    if anchor not in anchors:
                        anchors.add(anchor)
                        container.set("id", anchor)
                        if tag in ("h2", "h3") and self._in_body_heading(pk[1]):
                            outline.append((tag, anchor, self.new.text[pair.new_start : pair.new_end].strip()))
                key = pk
            if pair.relation == "moved" and pair.move_id is not None:
                container.append(E.A({"class": "move-mark", "href": f"#move-from-{pair.move_id}",
                                      "id": f"move-to-{pair.move_id}", "data-filter": "moves"},
                                     f"⇡ moved here (move {pair.move_id})"))
                self._mark_move(container, k, first, "inline")
            self._render_ops(k, pair, container, container, first, "inline")
        return view

    def _mark_move(self, container: etree._Element, pair_index: int, first: set, view: str) -> None:
        """Make the move marker just appended to ``container`` the navigation stop of its change."""
        for idx, ch in self.by_pair.get(pair_index, ()):
            if ch.kind == "moved" and (view, idx) not in first:
                first.add((view, idx))
                last = container[-1]
                last.set("data-chg", str(idx))
                last.set("tabindex", "0")
                last.set("data-label", "moved")

    def _move_anchors(self) -> dict[int, list[tuple[int, str]]]:
        """Where each moved run used to be: before the first unmoved pair that followed it in the old text."""
        anchors: dict[int, list[tuple[int, str]]] = {}
        fixed = [(p.old_start, k) for k, p in enumerate(self.c.pairs)
                 if p.relation in ("match", "deleted") and p.old_end > p.old_start]
        fixed.sort()
        starts = [s for s, _ in fixed]
        seen: set[int] = set()
        for p in self.c.pairs:
            if p.relation != "moved" or p.move_id is None or p.move_id in seen:
                continue
            seen.add(p.move_id)
            i = bisect_left(starts, p.old_start)
            k = fixed[i][1] if i < len(fixed) else len(self.c.pairs)
            anchors.setdefault(k, []).append((p.move_id, self.old.text[p.old_start : p.old_end]))
        return anchors

    def side_by_side(self) -> etree._Element:
        view = E.DIV({"id": "view-sbs", "class": "view doc", "hidden": "hidden", "aria-label": "side-by-side view"})
        table = E.TABLE(E.CLASS("sbs"))
        table.append(E.THEAD(E.TR(E.TH({"scope": "col"}, f"old: {self.old.meta.title or ''} {self.old.meta.year or ''}"),
                                  E.TH({"scope": "col"}, f"new: {self.new.meta.title or ''} {self.new.meta.year or ''}"))))
        tbody = E.TBODY()
        first: set = set()
        for k, pair in enumerate(self.c.pairs):
            row = E.TR({"class": f"r-{pair.relation}", "data-pair": str(k),
                        "data-old-block": pair.old_block or "", "data-new-block": pair.new_block or ""})
            old_td = E.TD(E.CLASS("old"))
            new_td = E.TD(E.CLASS("new"))
            if pair.relation == "moved" and pair.move_id is not None:
                new_td.append(E.SPAN({"class": "move-mark", "data-filter": "moves"}, f"⇅ moved (move {pair.move_id})"))
                self._mark_move(new_td, k, first, "sbs")
            self._render_ops(k, pair, old_td, new_td, first, "sbs")
            row.extend([old_td, new_td])
            tbody.append(row)
        table.append(tbody)
        view.append(table)
        return view

    def page(self) -> str:
        nonce = secrets.token_urlsafe(16)
        outline: list[tuple[str, str, str]] = []
        inline = self.inline_view(outline)
        sbs = self.side_by_side()
        title = f"Redline: {self.old.meta.title or ''} {self.old.meta.year or ''} → {self.new.meta.year or ''}"
        head = E.HEAD(
            E.META(charset="utf-8"),
            E.META({"http-equiv": "Content-Security-Policy",
                    "content": f"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; img-src data:"}),
            E.META(name="viewport", content="width=device-width, initial-scale=1"),
            E.TITLE(title),
            E.STYLE(_asset("redline.css")),
        )
        nav = E.NAV({"class": "outline", "aria-label": "outline of the new report"}, E.H2("Outline"))
        ol = E.OL()
        ol.append(E.LI(E.A({"href": "#targets"}, "Target changes")))
        last_part = None
        for tag, anchor, text in outline:
            li = E.LI({"class": f"o-{tag}"}, E.A({"href": f"#{anchor}"}, text[:40]))
            if tag == "h3" and last_part is not None:
                # sections nest under their part: one flat list numbered parts 2, 3, 7, 14 …
                sub = last_part.find("ol")
                if sub is None:
                    sub = etree.SubElement(last_part, "ol")
                sub.append(li)
                continue
            ol.append(li)
            if tag == "h2":
                last_part = li
        nav.append(ol)
        main = E.MAIN(self.toolbar(), self.summary(), self.targets_table(), E.H2("Text"), inline, sbs)
        body = E.BODY(self.header(), E.DIV(E.CLASS("layout"), nav, main))
        script = etree.SubElement(body, "script", {"nonce": nonce})
        script.text = _asset("redline.js")
        doc = E.HTML({"lang": "zh"}, head, body)
        return "<!DOCTYPE html>\n" + html.tostring(doc, encoding="unicode", method="html") + "\n"


def render_redline(comparison: Any) -> str:
    """The comparison as one self-contained HTML page (see the module docstring)."""
    return _Redline(comparison).page()
