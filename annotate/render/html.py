"""Comparison → one self-contained HTML redline (issue 5).

Contract: :func:`render_redline` takes a :class:`annotate.comparing.compare.Comparison` and returns a
complete HTML document (str) with its styles and script inline, no network access, and every
piece of report text escaped (the tree is built with lxml; nothing is formatted into markup).
A Content-Security-Policy with a per-page nonce means only the page's own script can run.

Layout: header naming both reports by issuer and year; counts by kind (the same numbers as the
comparison JSON), each a button showing only that kind; the target-changes table (delta, and each
target's sentence linked on both sides); an outline of the new report; an inline view (the new
report with deletions struck and insertions underlined, wholly inserted or deleted paragraphs
folded to one line) and a side-by-side view (one table row per aligned pair); navigation
(buttons, ``n``/``p``), filters by kind, a view switch and a part switch (plan / review).
Inline anchors (``n-<block>``, ``ip-<pair>``) have ``sbs-`` twins in the side-by-side view, so a
link lands in whichever view is shown.  Every label is an interface string (:mod:`.i18n`).
A report read from PDF has pages: each inline paragraph and each side-by-side cell then carries
``data-page`` (``7`` or ``7-8``) and a ``title`` tooltip (``p. 7``, ``第7页``); text input has none.

Size (issue 14: the Hong Kong 2022 → 2025 page ≤ 1 MB): the text is written once.  The page's
script builds the side-by-side rows from the inline view when that view is first shown (each
pair starts with a marker; where the old report reads an unchanged stretch otherwise, the old
reading rides along, see :meth:`_Redline._render_ops`), and puts the fold buttons in.
"""

from __future__ import annotations

import json
import secrets
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

from lxml import etree, html
from lxml.html import builder as E

from ..annotators.commitments import review_ranges
from ..model import Report
from .anchors import delta_label, target_span
from .i18n import Interface, interface
from .labels import fmt_number, indicator_name, target_label

#: change kind -> filter category (the words for kinds, filters and changes are interface strings:
#: annotate/lexicon/ui_strings.tsv, keys kind.*, filter.*, change.*)
KIND_CATEGORY: dict[str, str] = {
    "number_changed": "numbers",
    "modality_changed": "commitments",
    "replaced": "wording",
    "moved": "moves",
    "inserted": "insdel",
    "deleted": "insdel",
}
KIND_ORDER = ("number_changed", "modality_changed", "replaced", "moved", "inserted", "deleted")
#: pair relation -> the code on its marker in the inline view (the page's script spells it out
#: again for the side-by-side row's class ``r-<relation>``; a relation not listed is written whole)
RELATION_CODE: dict[str, str] = {"match": "m", "moved": "v", "inserted": "i", "deleted": "d"}
FILTERS = ("targets", "numbers", "commitments", "wording", "moves", "insdel")

#: target change -> symbol; decoration only, the words beside it carry the meaning
SYMBOL: dict[str, str] = {
    "raised": "▲",
    "lowered": "▼",
    "qualifier_changed": "≈",
    "quantified": "#",
    "unquantified": "∅",
    "reworded": "✎",
    "unchanged": "=",
    "added": "+",
    "removed": "−",
}


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (Path(__file__).resolve().parent / name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- helpers


def _target_value(side: Any, ui: Optional[Interface] = None) -> str:
    """How a target side reads in the table, in the interface language; a missing side is a dash."""
    if side is None:
        return "—"
    return target_label(side.value, side.low, side.high, side.unit, side.qualifier, ui.lang if ui else "en")


class _Spans:
    """Sorted, non-overlapping annotation spans of one report, for hover tips."""

    def __init__(self, report: Report, ui: Interface) -> None:
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
            tip = [f"{q.text}", f"{ui('tip.value')} {fmt_number(q.value)} {q.unit}".rstrip()]
            if q.normalized is not None and q.base_unit:
                tip.append(f"{ui('tip.normalized')} {fmt_number(q.normalized)} {q.base_unit}")
            tip.append(f"{ui('tip.qualifier')} {ui('qualifier.' + q.qualifier)}")
            if q.qualifier == "range":
                tip.append(f"{ui('tip.range')} {fmt_number(q.low)}–{fmt_number(q.high)}")
            if q.id in indicator_of:
                tip.append(f"{ui('tip.indicator')} {indicator_name(indicator_of[q.id], ui.lang)}")
            spans.append((q.start, q.end, "\n".join(tip)))
            last_end = q.end
        self.spans = spans
        self.starts = [s[0] for s in spans]
        # where normalization removed bidirectional controls (they can make 6.5% read as %5.6):
        # the page marks each place, since the reader of the source saw the reordered text
        self.bidi = sorted({r.start for r in report.repairs if r.kind == "bidi"})
        self.bidi_tip = ui("bidi.tip")

    def bidi_in(self, start: int, end: int) -> list[int]:
        return self.bidi[bisect_left(self.bidi, start):bisect_left(self.bidi, end)]

    def within(self, start: int, end: int) -> Iterable[tuple[int, int, str]]:
        i = bisect_left(self.starts, start)
        while i < len(self.spans) and self.spans[i][0] < end:
            s, e, tip = self.spans[i]
            if e <= end:
                yield s, e, tip
            i += 1


def _short(text: str, limit: int = 40) -> str:
    """A heading for the outline: whole when short, else cut after the last punctuation that
    leaves at least a third of ``limit`` (never in the middle of a word), with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = max(head.rfind(ch) for ch in "，。；：、,;: ")
    if cut >= limit // 3:
        return head[: cut + 1].rstrip("，、,;: ") + "…"
    end = text.find("。", limit)
    return text if end < 0 else text[: end + 1]


class _Halves:
    """Which half of a report an offset is in: ``review`` (a part whose heading marks the review
    of the past year) or ``plan`` (everything else: title, preface, targets, measures)."""

    def __init__(self, report: Report) -> None:
        self.ranges = sorted(review_ranges(report))
        self.starts = [s for s, _ in self.ranges]

    def at(self, offset: int) -> str:
        i = bisect_left(self.starts, offset + 1) - 1
        return "review" if i >= 0 and offset < self.ranges[i][1] else "plan"


def _append_text(parent: etree._Element, text: str) -> None:
    """Append text after the last child of ``parent`` (lxml keeps it as text or a tail)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _segments(text: str, start: int, end: int, spans: _Spans) -> list[tuple[str, ...]]:
    """``text[start:end]`` as it reads with ``spans``: plain runs ``("t", text)``, quantities
    ``("q", text, tip)`` and marks ``("b", tip)`` where a bidirectional control was removed.
    Runs are never empty; the texts joined are ``text[start:end]``."""
    out: list[tuple[str, ...]] = []

    def plain(a: int, b: int) -> None:
        pos = a
        for p in spans.bidi_in(a, b) if spans.bidi else ():
            if p > pos:
                out.append(("t", text[pos:p]))
            out.append(("b", spans.bidi_tip))
            pos = p
        if b > pos:
            out.append(("t", text[pos:b]))

    pos = start
    for s, e, tip in spans.within(start, end):
        plain(pos, s)
        out.append(("q", text[s:e], tip))
        pos = e
    plain(pos, end)
    return out


def _append_segments(parent: etree._Element, segments: Iterable[tuple[str, ...]]) -> None:
    """Append :func:`_segments` to ``parent``: quantities as spans carrying their tip (made
    focusable by the page's script: tabindex on every quantity was ~5% of a large page), bidi
    marks as empty spans (the glyph is CSS), plain runs as text."""
    for seg in segments:
        if seg[0] == "t":
            _append_text(parent, seg[1])
        elif seg[0] == "q":
            etree.SubElement(parent, "span", {"class": "qty", "data-tip": seg[2]}).text = seg[1]
        else:
            etree.SubElement(parent, "span", {"class": "bidi-mark", "title": seg[1], "role": "img",
                                              "aria-label": seg[1]})


def _append_annotated(parent: etree._Element, text: str, start: int, end: int, spans: _Spans) -> None:
    """``text[start:end]`` with its quantities and bidi marks (:func:`_append_segments`)."""
    _append_segments(parent, _segments(text, start, end, spans))


class _Stops:
    """The navigation stop of each change: its first marker in the inline view, which gets
    ``data-chg`` (its twin is the stop in the side-by-side view too)."""

    def __init__(self) -> None:
        self.first: set[int] = set()

    def mark(self, el: etree._Element, idx: int) -> None:
        """Record marker ``el`` of change ``idx``; the first one becomes its stop."""
        if idx not in self.first:
            self.first.add(idx)
            el.set("data-chg", str(idx))


# --------------------------------------------------------------------------- the page


class _Redline:
    def __init__(self, comparison: Any, lang: str = "en") -> None:
        self.ui = interface(lang)
        self.c = comparison
        self.old: Report = comparison.old
        self.new: Report = comparison.new
        self.old_spans = _Spans(self.old, self.ui)
        self.new_spans = _Spans(self.new, self.ui)
        # change lookup per pair
        self.by_pair: dict[int, list[tuple[int, Any]]] = {}
        for idx, ch in enumerate(comparison.changes):
            self.by_pair.setdefault(ch.pair, []).append((idx, ch))
        self.target_ranges = self._target_ranges()
        self.old_half = _Halves(self.old)
        self.new_half = _Halves(self.new)
        self.old_pairs = sorted((p.old_start, p.old_end, k) for k, p in enumerate(comparison.pairs)
                                if p.relation != "inserted")
        self.new_pairs = sorted((p.new_start, p.new_end, k) for k, p in enumerate(comparison.pairs)
                                if p.relation != "deleted")
        self.linked = {k for k in (self._target_pair(side, tc) for tc in comparison.target_changes
                                   for side in ("old", "new")) if k is not None}
        # commitment strength changes link their sentences the same way
        self.linked |= {k for cc in getattr(comparison, "commitment_changes", ()) or ()
                        for k in (self.pair_at("old", cc.old.start), self.pair_at("new", cc.new.start))
                        if k is not None}

    def _target_pair(self, side: str, tc: Any) -> Optional[int]:
        """The pair holding the start of a target change's ``side`` (None: no such side or span)."""
        value = tc.old if side == "old" else tc.new
        span = target_span(self.old if side == "old" else self.new, tc.indicator, value)
        return None if span is None else self.pair_at(side, span[0])

    def half(self, pair: Any) -> str:
        """The half a pair belongs to: by its new side, or its old side when it was deleted."""
        if pair.relation == "deleted":
            return self.old_half.at(pair.old_start)
        return self.new_half.at(pair.new_start)

    def pair_at(self, side: str, offset: int) -> Optional[int]:
        """The index of the pair whose ``side`` stretch holds ``offset`` (None when none does)."""
        rows = self.old_pairs if side == "old" else self.new_pairs
        i = bisect_left(rows, (offset + 1,)) - 1
        while i >= 0:
            s, e, k = rows[i]
            if s <= offset < e:
                return k
            if e <= offset:
                break
            i -= 1
        return None

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

    def _mark(self, tag: str, idx: int, ch: Any, stops: "_Stops") -> etree._Element:
        category = KIND_CATEGORY.get(ch.kind, "other")
        label = self.ui.change(ch.kind)
        categories = [category] + (["targets"] if self._is_target(ch) else [])
        # the kind styles select on data-kind (a k-<kind> class as well was 3% of a large page)
        attrs = {"class": "chg", "data-kind": ch.kind, "data-filter": " ".join(categories), "data-label": label}
        # screen readers hear "[deleted: number changed]" from the stylesheet (del.chg::before),
        # not from a span per marker: those were 7% of a large page
        el = etree.Element(tag, attrs)
        stops.mark(el, idx)
        return el

    def _render_ops(self, pair_index: int, pair: Any, parent: etree._Element, stops: "_Stops") -> None:
        """Render a pair's ops into its inline paragraph: the new text with the old struck through
        where it changed, carrying what the side-by-side view (built from this by the page's
        script) needs for its old column: a stretch that is no change (whitespace, a renumbered
        label 12. → 49., the same words cut differently) shows the new text and keeps the old in
        ``data-o``, so neither column loses a character; see :meth:`_append_equal` for unchanged text."""
        for op in pair.ops:
            if op.kind == "equal":
                self._append_equal(parent, pair, op)
                continue
            found = self._change_for(pair_index, op)
            if found is None:
                if op.new_end > op.new_start or op.old_end > op.old_start:
                    el = etree.SubElement(parent, "span", {"data-o": self.old.text[op.old_start : op.old_end]})
                    el.text = self.new.text[op.new_start : op.new_end] or None
                continue
            idx, ch = found
            if op.old_end > op.old_start:
                d = self._mark("del", idx, ch, stops)
                _append_annotated(d, self.old.text, op.old_start, op.old_end, self.old_spans)
                parent.append(d)
            if op.new_end > op.new_start:
                i = self._mark("ins", idx, ch, stops)
                _append_annotated(i, self.new.text, op.new_start, op.new_end, self.new_spans)
                parent.append(i)

    def _append_equal(self, parent: etree._Element, pair: Any, op: Any) -> None:
        """An unchanged stretch as the new report reads it (the old one's, for a deleted pair).
        Where the old report reads it otherwise (other characters: simplified against
        traditional; other quantities or tips), it is wrapped in a span that carries the old
        reading for the side-by-side view: ``data-o`` (plain text) or ``data-oq`` (JSON
        :func:`_segments`)."""
        if pair.relation == "deleted":
            _append_annotated(parent, self.old.text, op.old_start, op.old_end, self.old_spans)
            return
        new = _segments(self.new.text, op.new_start, op.new_end, self.new_spans)
        if pair.relation != "inserted":
            old = _segments(self.old.text, op.old_start, op.old_end, self.old_spans)
            if old != new:
                if all(seg[0] == "t" for seg in old):
                    attrs = {"data-o": "".join(seg[1] for seg in old)}
                else:
                    attrs = {"data-oq": json.dumps(old, ensure_ascii=False, separators=(",", ":"))}
                parent = etree.SubElement(parent, "span", attrs)
        _append_segments(parent, new)

    # -- pieces

    def header(self) -> etree._Element:
        top = E.HEADER(E.CLASS("top"))
        top.append(E.H1(self.ui("redline", pair=_pair_label(self.old.meta, self.new.meta))))
        sides = E.DIV(E.CLASS("reports"))
        for label, r in (("Old", self.old), ("New", self.new)):
            m = r.meta
            dl = E.DL()
            for key, value in (("title", m.title), ("issuer", m.issuer), ("region", m.region), ("year", m.year),
                               ("delivered", m.delivered or m.date), ("file", m.source.file)):
                dl.append(E.DT(self.ui("meta." + key)))
                dl.append(E.DD("" if value is None else str(value)))
            sides.append(E.SECTION(E.CLASS(f"side side-{label.lower()}"), E.H2(self.ui(label.lower())), dl))
        top.append(sides)
        hidden = sum(1 for r in (*self.old.repairs, *self.new.repairs) if r.kind == "bidi")
        if hidden:
            top.append(E.P(E.CLASS("warn bidi-note"), self.ui("bidi.note", n=hidden)))
        for side, r in (("old", self.old), ("new", self.new)):
            if r.meta.source.ocr_pages:  # the reader must know which characters a machine guessed
                top.append(E.P(E.CLASS("warn ocr-note"), self.ui("ocr.note", side=self.ui(side),
                                                                 file=r.meta.source.file or "",
                                                                 pages=r.meta.source.ocr_pages)))
        return top

    def summary(self) -> etree._Element:
        """The counts by kind; each is a button that shows only that kind (``all`` shows every one)."""
        counts = {k: 0 for k in KIND_ORDER}
        for ch in self.c.changes:
            counts[ch.kind] = counts.get(ch.kind, 0) + 1
        ul = E.UL(E.CLASS("summary"), {"aria-label": self.ui("counts.aria")})

        def item(kind: str, label: str, n: int, pressed: bool = False) -> etree._Element:
            button = E.BUTTON({"type": "button", "data-only": kind, "aria-pressed": "true" if pressed else "false"},
                              label, E.SPAN(E.CLASS("n"), str(n)))
            return E.LI({"data-kind": kind, "class": f"k-{kind}-count"}, button)

        ul.append(item("all", self.ui("all_changes"), len(self.c.changes), pressed=True))
        for k in counts:
            ul.append(item(k, self.ui.change(k), counts[k]))
        ul.append(item("target_changes", self.ui("target_changes"),
                       sum(1 for t in self.c.target_changes if t.change != "unchanged")))
        return ul

    def targets_table(self) -> etree._Element:
        """One row per indicator: both targets with their sentences linked, the change and its delta."""
        section = E.SECTION({"id": "targets", "aria-labelledby": "targets-h"})
        section.append(E.H2({"id": "targets-h"}, self.ui("target_changes.heading")))
        if not self.c.target_changes:
            section.append(E.P(self.ui("target_changes.none")))
            return section
        table = E.TABLE(E.CLASS("targets"))
        table.append(E.THEAD(E.TR(*(E.TH(self.ui(f"col.{c}"))
                                    for c in ("indicator", "old_target", "new_target", "change", "delta")))))
        tbody = E.TBODY()
        for tc in self.c.target_changes:
            symbol = SYMBOL.get(tc.change, "")
            words = self.ui.change(tc.change)
            name = indicator_name(tc.indicator, self.ui.lang) or tc.metric_new or tc.metric_old or ""
            name += f" / {tc.component}" if tc.component else ""
            name += f" ({self.ui('scope.measure')})" if tc.scope == "measure" else ""
            metric = tc.metric_new or tc.metric_old or ""
            tbody.append(E.TR({"class": f"tc-{tc.change}", "data-filter": "targets", "data-change": str(tc.change)},
                              E.TD(name, E.BR(), E.SMALL(metric)), self._target_cell("old", tc),
                              self._target_cell("new", tc),
                              E.TD(E.CLASS(f"dir dir-{tc.change}"), E.SPAN({"aria-hidden": "true"}, symbol + " "),
                                   words),
                              E.TD(E.CLASS("delta"), delta_label(tc))))
        table.append(tbody)
        section.append(table)
        return section

    def commitments_table(self) -> etree._Element:
        """The same object promised more or less firmly than the year before (研究 → 推进 → 确保),
        wherever the two sentences stand; each side links to its sentence in the text."""
        section = E.SECTION({"id": "commitment-changes", "aria-labelledby": "commitment-changes-h",
                             "data-filter": "commitments"})
        section.append(E.H2({"id": "commitment-changes-h"}, self.ui("commitment_changes.heading")))
        changes = getattr(self.c, "commitment_changes", ()) or ()
        if not changes:
            section.append(E.P(self.ui("commitment_changes.none")))
            return section
        table = E.TABLE(E.CLASS("targets commitments"))
        table.append(E.THEAD(E.TR(*(E.TH(self.ui(f"col.{c}"))
                                    for c in ("object", "old_commitment", "new_commitment", "change")))))
        body = E.TBODY()
        for cc in changes:
            cells = [E.TD(cc.object)]
            for side, c in (("old", cc.old), ("new", cc.new)):
                strength = self.ui("strength." + c.strength)
                # the ladder's own verb needs no gloss (探索, not 探索（探索）in Chinese)
                cell = E.TD(E.STRONG(c.verb if strength == c.verb else f"{c.verb}（{strength}）"), E.BR())
                k = self.pair_at(side, c.start)
                words = E.SMALL(c.text)
                cell.append(words if k is None else E.A({"href": f"#ip-{k}", "class": f"to-text to-{side}",
                                                         "data-side": side}, words))
                cells.append(cell)
            symbol = "▲" if cc.change == "strengthened" else "▼"
            cells.append(E.TD(E.CLASS(f"dir dir-{'raised' if cc.change == 'strengthened' else 'lowered'}"),
                              E.SPAN({"aria-hidden": "true"}, symbol + " "), self.ui.change(cc.change)))
            body.append(E.TR({"data-filter": "commitments", "data-change": cc.change}, *cells))
        table.append(body)
        section.append(table)
        return section

    def _target_cell(self, side: str, tc: Any) -> etree._Element:
        """A target's value and its sentence, linked to where the sentence stands in the text."""
        value = tc.old if side == "old" else tc.new
        cell = E.TD(E.STRONG(_target_value(value, self.ui)))
        moved = getattr(tc, "moved_to", None)
        if value is None:
            if moved is not None:  # the other list (headline ↔ measure) holds it: where it went or came from
                cell.append(E.BR())
                cell.append(E.SMALL(E.CLASS("moved-to"), self.ui(f"moved.{tc.change}.{tc.scope}",
                                                                 t=f"{_target_value(moved, self.ui)} — {moved.text}")))
            return cell
        cell.append(E.BR())
        k = self._target_pair(side, tc)
        if k is None:
            cell.append(E.SMALL(value.text))
        else:
            cell.append(E.A({"href": f"#ip-{k}", "class": f"to-text to-{side}", "data-side": side,
                             "title": self.ui(f"link.title.{side}")}, E.SMALL(value.text)))
        return cell

    def toolbar(self) -> etree._Element:
        ui = self.ui
        bar = E.DIV(E.CLASS("toolbar"), {"role": "toolbar", "aria-label": ui("toolbar.aria")})
        views = E.FIELDSET(E.LEGEND(ui("legend.view")),
                           E.BUTTON({"type": "button", "data-view": "inline", "aria-pressed": "true"},
                                    ui("view.inline")),
                           E.BUTTON({"type": "button", "data-view": "sbs", "aria-pressed": "false"}, ui("view.sbs")))
        # the script words its "change 3 of 8" from these templates, in the page's language
        nav = E.FIELDSET(E.LEGEND(ui("legend.changes")),
                         E.BUTTON({"type": "button", "id": "prev", "title": ui("nav.prev.title")}, ui("nav.prev")),
                         E.BUTTON({"type": "button", "id": "next", "title": ui("nav.next.title")}, ui("nav.next")),
                         E.SPAN({"id": "position", "class": "position", "aria-live": "polite",
                                 "data-of": ui("nav.position", n="{n}", m="{m}", label="{label}"),
                                 "data-none": ui("nav.none")}, ""))
        halves = E.FIELDSET(E.LEGEND(ui("legend.part")))
        counts = {"review": 0, "plan": 0}
        for ch in self.c.changes:
            pair = self.c.pairs[ch.pair] if 0 <= ch.pair < len(self.c.pairs) else None
            if pair is not None:
                counts[self.half(pair)] += 1
        for key, label in (("all", ui("part.all")), ("plan", ui("part.plan", n=counts["plan"])),
                           ("review", ui("part.review", n=counts["review"]))):
            halves.append(E.BUTTON({"type": "button", "data-half": key,
                                    "aria-pressed": "true" if key == "all" else "false"}, label))
        filters = E.FIELDSET(E.LEGEND(ui("legend.show")))
        for key in FILTERS:
            box = E.INPUT({"type": "checkbox", "checked": "checked", "data-filter-toggle": key, "id": f"f-{key}"})
            filters.append(E.LABEL({"for": f"f-{key}"}, box, " " + ui(f"filter.{key}") + " "))
        bar.extend([views, halves, nav, filters])
        return bar

    def _role(self, block_id: Optional[str]) -> Optional[tuple[str, str]]:
        """(tag, class) for a block shown as more than a paragraph: the report's title, its
        dateline (no bigger than the title), part/section/subsection headings; else None."""
        b = self.new.block_by_id.get(block_id) if block_id else None
        while b is not None and b.kind == "s" and b.parent:
            b = self.new.block_by_id.get(b.parent)
        if b is None:
            return None
        parent = self.new.block_by_id.get(b.parent) if b.parent else None
        pkind = parent.kind if parent is not None else ""
        if b.kind == "heading":
            if pkind == "title":
                return "h2", "doc-title"
            return {"part": "h2", "section": "h3"}.get(pkind, "h4"), ""
        if b.kind == "p" and pkind == "title":
            return "p", "dateline"
        return None

    def _in_body_heading(self, block_id: str) -> bool:
        """Part and section headings make the outline; the title block does not."""
        b = self.new.block_by_id.get(block_id)
        if b is None or b.kind != "heading":
            return False
        parent = self.new.block_by_id.get(b.parent) if b.parent else None
        return parent is None or parent.kind != "title"

    def _pages(self, report: Report, block_id: Optional[str]) -> Optional[tuple[str, str]]:
        """(``data-page`` value, tooltip) of the pages a block was printed on: ``("7", "p. 7")``,
        ``("7-8", "pp. 7–8")``; None when the report has no pages (text input) or the block is unknown."""
        b = report.block_by_id.get(block_id) if block_id else None
        if b is None or b.page_start is None:
            return None
        last = b.page_end if b.page_end is not None else b.page_start
        if last == b.page_start:
            return str(b.page_start), self.ui("page.one", n=b.page_start)
        return f"{b.page_start}-{last}", self.ui("page.range", first=b.page_start, last=last)

    def _set_pages(self, el: etree._Element, report: Report, block_id: Optional[str], old: bool = False) -> None:
        """Mark ``el`` with the pages of ``block_id`` (``data-page`` + a ``title`` tooltip), naming
        the old report when the text shown is the old one's; nothing for a report without pages."""
        pages = self._pages(report, block_id)
        if pages is None:
            return
        el.set("data-page", pages[0])
        el.set("title", self.ui("page.old", where=pages[1]) if old else pages[1])

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
        """The new report with the old text struck through where it changed.

        Every pair starts with an empty marker ``<i data-p>`` (its relation; :meth:`_pair_marker`),
        ``id="ip-<pair>"`` when target-table links land there; every paragraph carries
        ``data-half`` (review | plan) for the part switch; a paragraph wholly inserted or deleted
        is folded to one line (the script adds the button that opens it).  The markers and the
        old readings (:meth:`_render_ops`) are what the script builds the side-by-side view from.
        """
        ui = self.ui
        view = E.DIV({"id": "view-inline", "class": "view doc", "aria-label": ui("view.inline.aria"),
                      # the fold buttons' words, for the script that makes them
                      "data-fold-inserted": ui("fold.open", what=ui.change("inserted")),
                      "data-fold-deleted": ui("fold.open", what=ui.change("deleted")),
                      "data-fold-title": ui("fold.title")})
        stops = _Stops()
        move_anchor = self._move_anchors()
        container: Optional[etree._Element] = None
        key = None
        anchors: set[str] = set()
        moved_to: set[int] = set()
        relations: dict[etree._Element, set[str]] = {}
        for k, pair in enumerate(self.c.pairs):
            for mid, old_text, half in move_anchor.get(k, ()):
                mark = E.P({"class": "moved-from", "data-half": half},
                           E.A({"class": "move-mark", "href": f"#move-to-{mid}", "id": f"move-from-{mid}",
                                "data-filter": "moves", "data-kind": "moved"},
                               ui("move.from", n=mid)),
                           E.SMALL(old_text[:60] + ("…" if len(old_text) > 60 else "")))
                view.append(mark)
                container = None
            pk = self._para_key(pair)
            if container is None or pk != key or pair.relation in ("moved",):
                role = self._role(pair.new_block) if pair.relation != "deleted" else None
                tag, role_cls = role or ("p", "")
                cls = {"deleted": "deleted-block", "inserted": "inserted-block", "moved": "moved"}.get(
                    pair.relation, "")
                container = etree.SubElement(view, tag, {"data-half": self.half(pair)})
                relations[container] = set()
                if cls or role_cls:
                    container.set("class", " ".join(c for c in (cls, role_cls) if c))
                # the inline view reads as the new report: its pages, or the old one's for a deletion
                if pk[0] == "new":
                    self._set_pages(container, self.new, pk[1])
                else:
                    self._set_pages(container, self.old, pk[1], old=True)
                if pk[0] == "new" and pk[1]:
                    anchor = f"n-{pk[1]}"
                    if anchor not in anchors:
                        anchors.add(anchor)
                        container.set("id", anchor)
                        if tag in ("h2", "h3") and self._in_body_heading(pk[1]):
                            outline.append((tag, anchor, self.new.text[pair.new_start : pair.new_end].strip()))
                key = pk
            relations[container].add(pair.relation)
            container.append(self._pair_marker(k, pair, container))
            if pair.relation == "moved" and pair.move_id is not None:
                mark = E.A({"class": "move-mark", "href": f"#move-from-{pair.move_id}", "data-filter": "moves",
                            "data-kind": "moved"}, ui("move.to", n=pair.move_id))
                if pair.move_id not in moved_to:  # a run of moved pairs: the link lands on its first
                    moved_to.add(pair.move_id)
                    mark.set("id", f"move-to-{pair.move_id}")
                container.append(mark)
                self._mark_move(container, k, stops)
            self._render_ops(k, pair, container, stops)
        for el, rels in relations.items():
            self._fold(el, rels)
        return view

    def _pair_marker(self, k: int, pair: Any, container: etree._Element) -> etree._Element:
        """The empty element that starts pair ``k`` in the inline view: ``data-p`` its relation
        (:data:`RELATION_CODE`), ``id`` ``ip-<k>`` where links land, ``data-h`` its half where it
        differs from its paragraph's, ``data-po``/``data-pn`` the pages of its old and new block
        (reports read from PDF): what a side-by-side row shows besides the text."""
        marker = etree.Element("i", {"data-p": RELATION_CODE.get(pair.relation, pair.relation)})
        if k in self.linked:
            marker.set("id", f"ip-{k}")
        half = self.half(pair)
        if half != container.get("data-half"):
            marker.set("data-h", half)
        for attr, report, block, shown in (("data-po", self.old, pair.old_block, pair.relation != "inserted"),
                                           ("data-pn", self.new, pair.new_block, pair.relation != "deleted")):
            pages = self._pages(report, block) if shown else None
            if pages is not None:
                marker.set(attr, pages[0])
        return marker

    def _fold(self, el: etree._Element, relations: set[str]) -> None:
        """Fold a paragraph that is wholly inserted or deleted and longer than a line to one line
        (class ``fold``; the page's script puts the text-free button that opens it in front)."""
        if el.tag != "p" or len(relations) != 1 or not relations <= {"inserted", "deleted"}:
            return
        if len("".join(el.itertext())) < 60:
            return
        el.set("class", (el.get("class", "") + " fold").strip())

    def _mark_move(self, container: etree._Element, pair_index: int, stops: "_Stops") -> None:
        """Make the move marker just appended to ``container`` the navigation stop of its change."""
        for idx, ch in self.by_pair.get(pair_index, ()):
            if ch.kind == "moved" and idx not in stops.first:
                last = container[-1]
                stops.mark(last, idx)
                last.set("data-label", "moved")

    def _move_anchors(self) -> dict[int, list[tuple[int, str, str]]]:
        """Where each moved run used to be: before the first unmoved pair that followed it in the old text."""
        anchors: dict[int, list[tuple[int, str, str]]] = {}
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
            anchors.setdefault(k, []).append((p.move_id, self.old.text[p.old_start : p.old_end],
                                              self.old_half.at(p.old_start)))
        return anchors

    def side_by_side(self) -> etree._Element:
        """The side-by-side view's frame: its header row, an empty body the page's script fills
        from the inline view when the view is first shown (one row per pair, with ``sbs-`` twins
        of the inline view's ids, so the outline and target links land in either view; building
        it in the browser halves the page), and the words the script needs."""
        ui = self.ui
        view = E.DIV({"id": "view-sbs", "class": "view doc", "hidden": "hidden", "aria-label": ui("view.sbs.aria"),
                      "data-move": ui("move.sbs", n="{n}"), "data-page-one": ui("page.one", n="{n}"),
                      "data-page-range": ui("page.range", first="{first}", last="{last}")})
        table = E.TABLE(E.CLASS("sbs"))
        table.append(E.THEAD(E.TR(E.TH({"scope": "col"}, ui("sbs.old", label=self.old.meta.label)),
                                  E.TH({"scope": "col"}, ui("sbs.new", label=self.new.meta.label)))))
        table.append(E.TBODY())
        view.append(table)
        return view

    def page(self) -> str:
        nonce = secrets.token_urlsafe(16)
        outline: list[tuple[str, str, str]] = []
        inline = self.inline_view(outline)
        sbs = self.side_by_side()
        title = self.ui("redline", pair=_pair_label(self.old.meta, self.new.meta))
        head = E.HEAD(
            E.META(charset="utf-8"),
            E.META({"http-equiv": "Content-Security-Policy",
                    "content": f"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; img-src data:"}),
            E.META(name="viewport", content="width=device-width, initial-scale=1"),
            E.TITLE(title),
            E.STYLE(_asset("redline.css")),
        )
        nav = E.NAV({"class": "outline", "aria-label": self.ui("outline.aria")}, E.H2(self.ui("outline")))
        ol = E.OL()
        ol.append(E.LI(E.A({"href": "#targets"}, self.ui("target_changes.heading"))))
        ol.append(E.LI(E.A({"href": "#commitment-changes"}, self.ui("commitment_changes.heading"))))
        last_part = None
        for tag, anchor, text in outline:
            li = E.LI({"class": f"o-{tag}"}, E.A({"href": f"#{anchor}", "title": " ".join(text.split())}, _short(text)))
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
        main = E.MAIN(self.toolbar(), self.summary(), self.targets_table(), self.commitments_table(),
                      E.H2(self.ui("text")), inline, sbs)
        # data-ui: the interface language, for the stylesheet's screen-reader words
        body = E.BODY({"data-ui": self.ui.lang}, self.header(), E.DIV(E.CLASS("layout"), nav, main))
        script = etree.SubElement(body, "script", {"nonce": nonce})
        script.text = _asset("redline.js")
        doc = E.HTML({"lang": "zh"}, head, body)
        return "<!DOCTYPE html>\n" + html.tostring(doc, encoding="unicode", method="html") + "\n"


def render_redline(comparison: Any, lang: str = "en") -> str:
    """The comparison as one self-contained HTML page (see the module docstring); ``lang`` (en |
    zh) is the language of every label, change name and heading (the report text is as written)."""
    return _Redline(comparison, lang).page()


def _pair_label(old, new) -> str:
    """``国务院 2013 → 2014`` (one issuer, also when one report spells it in traditional characters:
    香港特别行政区行政长官 2024 → 2025), ``上海市人民政府 2025 → 北京市人民政府 2025`` (two)."""
    from ..reading.script import simplified_view

    def same(a: str, b: str) -> bool:
        return a == b or simplified_view(a, "traditional").view == simplified_view(b, "traditional").view

    if old.issuer and new.issuer and same(old.issuer, new.issuer) and old.year and new.year:
        return f"{old.issuer} {old.year} → {new.year}"
    return f"{old.label or 'old report'} → {new.label or 'new report'}"
