"""Comparison → a Word document with the comparison as real tracked changes (issue 14).

Contract: :func:`render_docx` takes a :class:`annotate.comparing.compare.Comparison` and returns the bytes
of a .docx (WordprocessingML written with lxml, no template): a header naming both reports, the
change counts and the target-changes table, then the report as one stream of tracked changes —
``w:ins``/``w:del`` (author ``annotate``, the given date) for inserted and deleted text and
paragraph marks, ``w:moveFrom``/``w:moveTo`` with named move ranges for moved stretches, and a
Word comment on each changed target naming the change and its delta.  Headings keep Word's
heading styles (outline levels), so the navigation pane shows the report's outline.

The defining property: accepting every change leaves exactly the new report's text, rejecting
every change exactly the old one (paragraphs joined by ``\\n``, after characters XML cannot hold
are dropped: :func:`xml_safe`).  :func:`tracked_text` reads a .docx back that way; tests use it
on our output and on LibreOffice's re-save of it.

How the stream is built: the comparison's pairs are in the new report's order and their
non-moved operations cover both texts contiguously, except where a moved stretch was taken out
(old side) or put in (new side).  Walking them with one cursor per side, whatever the cursors
skip on the old side is emitted as ``moveFrom`` (inside a moved pair's old range) or deleted;
each moved pair is emitted whole as ``moveTo`` where it now stands.
"""

from __future__ import annotations

import io
import re
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterator, Optional, Sequence

from lxml import etree

from ..model import Report
from .anchors import delta_label, target_span
from .html import KIND_ORDER, SYMBOL, _pair_label, _target_value
from .i18n import interface

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"
AUTHOR = "annotate"
REPORT_BOOKMARK = "report"


def w(tag: str) -> str:
    """The qualified name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{tag}"


_NOT_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/F).

    Carriage returns go too: an XML parser would turn them into line feeds.
    """
    return _NOT_XML.sub("", text)


# --------------------------------------------------------------------------- the stream


@dataclass(frozen=True)
class Piece:
    """A stretch of the stream: ``status`` is equal | ins | del | moveFrom | moveTo.

    ``new_start``/``old_start`` are the offsets of ``text`` on the sides it belongs to (None on
    a side it is not part of); ``move`` names the move range of a moved pair.
    """

    status: str
    text: str
    new_start: Optional[int]
    old_start: Optional[int]
    move: Optional[str] = None


def _op_pieces(op: Any) -> Iterator[Piece]:
    """One operation's pieces; an ``equal`` op whose sides differ in writing (script, width) is
    emitted as deletion + insertion, so rejecting all still restores the old writing."""
    if op.kind == "equal" and op.old_text == op.new_text:
        if op.new_text:
            yield Piece("equal", op.new_text, op.new_start, op.old_start)
        return
    if op.old_text:
        yield Piece("del", op.old_text, None, op.old_start)
    if op.new_text:
        yield Piece("ins", op.new_text, op.new_start, None)


def stream(c: Any) -> list[Piece]:
    """Every character of both reports once, in reading order (see the module docstring)."""
    old, new = c.old.text, c.new.text
    moved = sorted((p.old_start, p.old_end, k) for k, p in enumerate(c.pairs) if p.relation == "moved")
    out: list[Piece] = []
    oc = nc = 0

    def old_gap(end: int) -> None:
        nonlocal oc
        for s, e, k in moved:
            if e <= oc or s >= end:
                continue
            s, e = max(s, oc), min(e, end)
            if s > oc:
                out.append(Piece("del", old[oc:s], None, oc))
            out.append(Piece("moveFrom", old[s:e], None, s, f"move{k}"))
            oc = e
        if end > oc:
            out.append(Piece("del", old[oc:end], None, oc))
            oc = end

    def new_gap(end: int) -> None:
        nonlocal nc
        if end > nc:
            out.append(Piece("ins", new[nc:end], nc, None))
            nc = end

    for k, p in enumerate(c.pairs):
        if p.relation == "moved":
            new_gap(p.new_start)
            s = max(p.new_start, nc)
            if p.new_end > s:
                out.append(Piece("moveTo", new[s : p.new_end], s, None, f"move{k}"))
            nc = max(nc, p.new_end)
            continue
        for op in p.ops:
            if op.old_start < oc or op.new_start < nc:
                continue  # never emit a character twice (overlap would break the round trip)
            old_gap(op.old_start)
            new_gap(op.new_start)
            out.extend(_op_pieces(op))
            oc, nc = max(oc, op.old_end), max(nc, op.new_end)
    old_gap(len(old))
    new_gap(len(new))
    return out


def side_text(pieces: Sequence[Piece], accept: bool) -> str:
    """The text the stream reads as with every change accepted (the new text) or rejected."""
    keep = ("equal", "ins", "moveTo") if accept else ("equal", "del", "moveFrom")
    return "".join(p.text for p in pieces if p.status in keep)


# --------------------------------------------------------------------------- styles


def _heading_index(report: Report) -> tuple[list[int], list[tuple[int, str]]]:
    """Sorted heading starts and (end, style) for :func:`_style_at`."""
    rows = []
    for b in report.blocks:
        parent = report.block_by_id.get(b.parent) if b.parent else None
        pkind = parent.kind if parent is not None else ""
        if b.kind == "heading":
            style = {"title": "Title", "part": "Heading1", "section": "Heading2"}.get(pkind, "Heading3")
        elif b.kind == "p" and pkind == "title":
            style = "Subtitle"
        else:
            continue
        rows.append((b.start, b.end, style))
    rows.sort()
    return [r[0] for r in rows], [(r[1], r[2]) for r in rows]


def _style_at(index: tuple[list[int], list[tuple[int, str]]], offset: int) -> Optional[str]:
    starts, rest = index
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset < rest[i][0]:
        return rest[i][1]
    return None


# --------------------------------------------------------------------------- the document


class _Writer:
    def __init__(self, c: Any, date: str, lang: str = "en") -> None:
        self.ui = interface(lang)
        self.c = c
        self.date = date
        self.ids = 0
        self.comments: list[tuple[int, str]] = []
        self.new_index = _heading_index(c.new)
        self.old_index = _heading_index(c.old)

    def next_id(self) -> str:
        self.ids += 1
        return str(self.ids)

    def revision(self, tag: str) -> etree._Element:
        return etree.Element(w(tag), {w("id"): self.next_id(), w("author"): AUTHOR, w("date"): self.date})

    # -- runs

    @staticmethod
    def run(text: str, deleted: bool = False, bold: bool = False) -> etree._Element:
        """A run; tabs become ``w:tab`` (Word drops a literal tab in ``w:t``)."""
        r = etree.Element(w("r"))
        if bold:
            etree.SubElement(etree.SubElement(r, w("rPr")), w("b"))
        for i, chunk in enumerate(text.split("\t")):
            if i:
                etree.SubElement(r, w("tab"))
            if chunk:
                t = etree.SubElement(r, w("delText" if deleted else "t"))
                t.set(f"{{{XML_NS}}}space", "preserve")
                t.text = chunk
        return r

    def paragraph(self, text: str = "", style: Optional[str] = None, bold: bool = False) -> etree._Element:
        p = etree.Element(w("p"))
        if style:
            etree.SubElement(etree.SubElement(p, w("pPr")), w("pStyle"), {w("val"): style})
        if text:
            p.append(self.run(xml_safe(text), bold=bold))
        return p

    # -- the front matter

    def front(self, body: etree._Element) -> None:
        c, ui = self.c, self.ui
        body.append(self.paragraph(ui("redline", pair=_pair_label(c.old.meta, c.new.meta)), "RedlineTitle"))
        for label, r in (("old", c.old), ("new", c.new)):
            m = r.meta
            body.append(self.paragraph(f"{ui(label)}: {m.label} · {m.title or ''} · {m.source.file}", "RedlineNote"))
        counts = {k: 0 for k in KIND_ORDER}
        for ch in c.changes:
            counts[ch.kind] = counts.get(ch.kind, 0) + 1
        parts = ", ".join(f"{ui.change(k)} {n}" for k, n in counts.items())
        body.append(self.paragraph(ui("docx.counts", n=len(c.changes), parts=parts), "RedlineNote"))
        body.append(self.paragraph(ui("target_changes.heading"), "RedlineHeading"))
        if not c.target_changes:
            body.append(self.paragraph(ui("target_changes.none"), "RedlineNote"))
        else:
            body.append(self.table(c.target_changes))
        body.append(self.paragraph(ui("docx.howto"), "RedlineNote"))

    def table(self, rows: Sequence[Any]) -> etree._Element:
        tbl = etree.Element(w("tbl"))
        pr = etree.SubElement(tbl, w("tblPr"))
        etree.SubElement(pr, w("tblStyle"), {w("val"): "TableGrid"})
        etree.SubElement(pr, w("tblW"), {w("w"): "5000", w("type"): "pct"})
        grid = etree.SubElement(tbl, w("tblGrid"))
        for width in (2000, 2400, 2400, 1400, 1400):
            etree.SubElement(grid, w("gridCol"), {w("w"): str(width)})

        def row(cells: Sequence[str], header: bool = False) -> etree._Element:
            tr = etree.SubElement(tbl, w("tr"))
            if header:
                etree.SubElement(etree.SubElement(tr, w("trPr")), w("tblHeader"))
            for text in cells:
                tc = etree.SubElement(tr, w("tc"))
                for line in text.split("\n"):
                    tc.append(self.paragraph(line, None, bold=header))
            return tr

        ui = self.ui
        row(tuple(ui(f"col.{k}") for k in ("indicator", "old_target", "new_target", "change", "delta")), header=True)
        for tc in rows:
            name = tc.indicator or tc.metric_new or tc.metric_old or ""
            metric = tc.metric_new or tc.metric_old or ""
            old = _target_value(tc.old, ui) + (f"\n{tc.old.text}" if tc.old is not None else "")
            new = _target_value(tc.new, ui) + (f"\n{tc.new.text}" if tc.new is not None else "")
            symbol = SYMBOL.get(tc.change, "")
            row((f"{name}\n{metric}", old, new, f"{symbol} {ui.change(tc.change)}".strip(), delta_label(tc)))
        return tbl

    # -- comments on changed targets

    def comment_anchors(self) -> tuple[dict[int, list[tuple[str, int]]], dict[int, list[tuple[str, int]]]]:
        """Offsets (per side) where a comment range starts or ends: ``{offset: [(start|end, id)]}``."""
        marks: tuple[dict[int, list[tuple[str, int]]], dict[int, list[tuple[str, int]]]] = ({}, {})
        for tc in self.c.target_changes:
            if tc.change == "unchanged":
                continue
            on_new = tc.new is not None
            span = target_span(self.c.new if on_new else self.c.old, tc.indicator, tc.new if on_new else tc.old)
            if span is None or span[1] <= span[0]:
                continue
            cid = len(self.comments)
            note = f"{tc.indicator or tc.metric_new or tc.metric_old}: {self.ui.change(tc.change)}"
            note += f", {_target_value(tc.old, self.ui)} → {_target_value(tc.new, self.ui)}"
            if delta_label(tc):
                note += f" ({delta_label(tc)})"
            self.comments.append((cid, note))
            side = marks[0] if on_new else marks[1]
            side.setdefault(span[0], []).append(("start", cid))
            side.setdefault(span[1], []).append(("end", cid))
        return marks

    # -- the body

    def report(self, body: etree._Element, pieces: Sequence[Piece]) -> None:
        new_marks, old_marks = self.comment_anchors()
        placed: dict[int, set[str]] = {}
        para = self._open(body, first=True)
        style_set = False
        open_moves: dict[tuple[str, str], str] = {}  # (moveFrom|moveTo, name) -> range id

        def set_style(piece: Piece, at: int) -> None:
            nonlocal style_set
            if style_set:
                return
            if piece.new_start is not None:
                style = _style_at(self.new_index, piece.new_start + at)
            else:
                style = _style_at(self.old_index, piece.old_start + at)
            style_set = True
            if style:
                ppr = para.find(w("pPr"))
                if ppr is None:
                    ppr = etree.Element(w("pPr"))
                    para.insert(0, ppr)
                ppr.insert(0, etree.Element(w("pStyle"), {w("val"): style}))

        for k, piece in enumerate(pieces):
            if piece.move and (piece.status, piece.move) not in open_moves:
                rid = self.next_id()
                open_moves[(piece.status, piece.move)] = rid
                para.append(etree.Element(w(f"{piece.status}RangeStart"), {
                    w("id"): rid, w("name"): piece.move, w("author"): AUTHOR, w("date"): self.date}))
            events = self._events(piece, new_marks, old_marks)
            pos = 0
            for cut in sorted(set(r for r, _, _ in events) | {len(piece.text)}):
                lines = piece.text[pos:cut].split("\n")
                for i, line in enumerate(lines):
                    if i:
                        # the paragraph mark carries the status of the line feed it stands for
                        set_style(piece, pos)
                        self._mark(para, piece.status)
                        para = self._open(body)
                        style_set = False
                        pos += 1
                    if line:
                        set_style(piece, pos)
                        self._text(para, line, piece.status)
                        pos += len(line)
                for r, kind, cid in events:
                    done = placed.setdefault(cid, set())
                    if r == cut and kind not in done and (kind == "start" or "start" in done):
                        done.add(kind)
                        self._comment_mark(para, kind, cid)
            nxt = pieces[k + 1] if k + 1 < len(pieces) else None
            if piece.move and (nxt is None or (nxt.status, nxt.move) != (piece.status, piece.move)):
                para.append(etree.Element(w(f"{piece.status}RangeEnd"), {w("id"): open_moves[(piece.status, piece.move)]}))
        # a comment whose end fell where no piece reached still needs its end
        for cid, kinds in placed.items():
            if kinds == {"start"}:
                self._comment_mark(para, "end", cid)
        self.comments = [(cid, note) for cid, note in self.comments if placed.get(cid)]

    @staticmethod
    def _events(piece: Piece, new_marks: dict[int, list[tuple[str, int]]],
                old_marks: dict[int, list[tuple[str, int]]]) -> list[tuple[int, str, int]]:
        """Comment markers inside ``piece``: (position relative to it, start|end, comment id),
        ends first at one position so a range never closes after the next one opens."""
        events = []
        for marks, base in ((new_marks, piece.new_start), (old_marks, piece.old_start)):
            if base is None:
                continue
            for off, rows in marks.items():
                if base <= off <= base + len(piece.text):
                    events.extend((off - base, kind, cid) for kind, cid in rows)
        return sorted(events, key=lambda e: (e[0], e[1] != "end"))

    def _open(self, body: etree._Element, first: bool = False) -> etree._Element:
        p = etree.SubElement(body, w("p"))
        if first:
            etree.SubElement(p, w("bookmarkStart"), {w("id"): "0", w("name"): REPORT_BOOKMARK})
            etree.SubElement(p, w("bookmarkEnd"), {w("id"): "0"})
        return p

    def _mark(self, para: etree._Element, status: str) -> None:
        """Track the paragraph mark as inserted/deleted/moved (Word merges paragraphs on accept)."""
        if status == "equal":
            return
        ppr = para.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            para.insert(0, ppr)
        rpr = etree.SubElement(ppr, w("rPr"))
        rpr.append(self.revision(status))

    def _text(self, para: etree._Element, text: str, status: str) -> None:
        text = xml_safe(text)
        if not text:
            return
        if status == "equal":
            para.append(self.run(text))
            return
        box = self.revision(status)
        box.append(self.run(text, deleted=status in ("del", "moveFrom")))
        para.append(box)

    def _comment_mark(self, para: etree._Element, kind: str, cid: int) -> None:
        if kind == "start":
            para.append(etree.Element(w("commentRangeStart"), {w("id"): str(cid)}))
            return
        para.append(etree.Element(w("commentRangeEnd"), {w("id"): str(cid)}))
        r = etree.SubElement(para, w("r"))
        etree.SubElement(etree.SubElement(r, w("rPr")), w("rStyle"), {w("val"): "CommentReference"})
        etree.SubElement(r, w("commentReference"), {w("id"): str(cid)})

    def comments_part(self) -> bytes:
        root = etree.Element(w("comments"), nsmap={"w": W_NS})
        for cid, note in self.comments:
            com = etree.SubElement(root, w("comment"), {w("id"): str(cid), w("author"): AUTHOR,
                                                         w("date"): self.date, w("initials"): "a"})
            com.append(self.paragraph(note, "CommentText"))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def document(self) -> bytes:
        root = etree.Element(w("document"), nsmap={"w": W_NS, "r": R_NS})
        body = etree.SubElement(root, w("body"))
        self.front(body)
        self.report(body, stream(self.c))
        sect = etree.SubElement(body, w("sectPr"))
        etree.SubElement(sect, w("pgSz"), {w("w"): "11906", w("h"): "16838"})  # A4
        etree.SubElement(sect, w("pgMar"), {w("top"): "1440", w("right"): "1440", w("bottom"): "1440",
                                            w("left"): "1440", w("header"): "720", w("footer"): "720",
                                            w("gutter"): "0"})
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --------------------------------------------------------------------------- the package

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""

_DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>
</Relationships>"""

_SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W_NS}"><w:trackRevisions/><w:defaultTabStop w:val="420"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"""

#: (styleId, name, outline level or None, size in half-points, bold, based on)
_PARA_STYLES = (
    ("Title", "Title", None, 40, True),
    ("Subtitle", "Subtitle", None, 24, False),
    ("Heading1", "heading 1", 0, 32, True),
    ("Heading2", "heading 2", 1, 28, True),
    ("Heading3", "heading 3", 2, 24, True),
    ("RedlineTitle", "Redline title", None, 28, True),
    ("RedlineHeading", "Redline heading", None, 24, True),
    ("RedlineNote", "Redline note", None, 20, False),
    ("CommentText", "annotation text", None, 20, False),
)


def _styles() -> bytes:
    root = etree.Element(w("styles"), nsmap={"w": W_NS})
    defaults = etree.SubElement(root, w("docDefaults"))
    rpr = etree.SubElement(etree.SubElement(defaults, w("rPrDefault")), w("rPr"))
    etree.SubElement(rpr, w("rFonts"), {w("ascii"): "Times New Roman", w("hAnsi"): "Times New Roman",
                                        w("eastAsia"): "SimSun"})
    etree.SubElement(rpr, w("sz"), {w("val"): "24"})
    etree.SubElement(rpr, w("lang"), {w("val"): "en-US", w("eastAsia"): "zh-CN"})
    ppr = etree.SubElement(etree.SubElement(defaults, w("pPrDefault")), w("pPr"))
    etree.SubElement(ppr, w("spacing"), {w("after"): "120", w("line"): "360", w("lineRule"): "auto"})
    normal = etree.SubElement(root, w("style"), {w("type"): "paragraph", w("default"): "1", w("styleId"): "Normal"})
    etree.SubElement(normal, w("name"), {w("val"): "Normal"})
    etree.SubElement(normal, w("qFormat"))
    for sid, name, level, size, bold in _PARA_STYLES:
        st = etree.SubElement(root, w("style"), {w("type"): "paragraph", w("styleId"): sid})
        etree.SubElement(st, w("name"), {w("val"): name})
        etree.SubElement(st, w("basedOn"), {w("val"): "Normal"})
        etree.SubElement(st, w("next"), {w("val"): "Normal"})
        etree.SubElement(st, w("qFormat"))
        spr = etree.SubElement(st, w("pPr"))
        etree.SubElement(spr, w("keepNext"))
        if level is not None:
            etree.SubElement(spr, w("outlineLvl"), {w("val"): str(level)})
        srpr = etree.SubElement(st, w("rPr"))
        if bold:
            etree.SubElement(srpr, w("b"))
        etree.SubElement(srpr, w("sz"), {w("val"): str(size)})
    ref = etree.SubElement(root, w("style"), {w("type"): "character", w("styleId"): "CommentReference"})
    etree.SubElement(ref, w("name"), {w("val"): "annotation reference"})
    etree.SubElement(etree.SubElement(ref, w("rPr")), w("sz"), {w("val"): "16"})
    grid = etree.SubElement(root, w("style"), {w("type"): "table", w("styleId"): "TableGrid"})
    etree.SubElement(grid, w("name"), {w("val"): "Table Grid"})
    borders = etree.SubElement(etree.SubElement(grid, w("tblPr")), w("tblBorders"))
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        etree.SubElement(borders, w(edge), {w("val"): "single", w("sz"): "4", w("space"): "0", w("color"): "auto"})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _core(c: Any, date: str) -> bytes:
    cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    dc = "http://purl.org/dc/elements/1.1/"
    dcterms = "http://purl.org/dc/terms/"
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    root = etree.Element(f"{{{cp}}}coreProperties", nsmap={"cp": cp, "dc": dc, "dcterms": dcterms, "xsi": xsi})
    etree.SubElement(root, f"{{{dc}}}title").text = xml_safe(_pair_label(c.old.meta, c.new.meta))
    etree.SubElement(root, f"{{{dc}}}creator").text = AUTHOR
    created = etree.SubElement(root, f"{{{dcterms}}}created", {f"{{{xsi}}}type": "dcterms:W3CDTF"})
    created.text = date
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def render_docx(comparison: Any, date: Optional[datetime] = None, lang: str = "en") -> bytes:
    """The comparison as .docx bytes (see the module docstring); ``date`` stamps every revision
    (default: now, UTC); ``lang`` (en | zh) words the front matter and the comments."""
    when = (date or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    writer = _Writer(comparison, when, lang)
    document = writer.document()  # fills writer.comments
    parts = (("[Content_Types].xml", _CONTENT_TYPES.encode("utf-8")), ("_rels/.rels", _RELS.encode("utf-8")),
             ("docProps/core.xml", _core(comparison, when)), ("word/document.xml", document),
             ("word/_rels/document.xml.rels", _DOC_RELS.encode("utf-8")), ("word/styles.xml", _styles()),
             ("word/settings.xml", _SETTINGS.encode("utf-8")), ("word/comments.xml", writer.comments_part()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            # a fixed timestamp: the same comparison and date give the same bytes
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


# --------------------------------------------------------------------------- reading it back

_KEPT_ON_ACCEPT = {w("ins"), w("moveTo")}
_KEPT_ON_REJECT = {w("del"), w("moveFrom")}


def tracked_text(docx: bytes, accept: bool) -> str:
    """The report text of a tracked-changes .docx with every change accepted (or rejected).

    Reads the paragraphs from the ``report`` bookmark on (the front matter is not the report);
    runs inside ``w:ins``/``w:moveTo`` count only when accepting, inside ``w:del``/``w:moveFrom``
    only when rejecting, and so do paragraph marks tracked the same way.  The last paragraph's
    mark ends the document and adds no line feed.
    """
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    drop = _KEPT_ON_REJECT if accept else _KEPT_ON_ACCEPT
    out: list[str] = []
    started = False
    for p in root.iter(w("p")):
        if not started:
            names = {b.get(w("name")) for b in p.iter(w("bookmarkStart"))}
            if REPORT_BOOKMARK not in names:
                continue
            started = True
        if any(a.tag == w("tc") for a in p.iterancestors()):
            continue
        for el in p.iter(w("t"), w("delText"), w("tab")):
            if any(a.tag in drop for a in el.iterancestors()) or _in_ppr(el):
                continue
            out.append("\t" if el.tag == w("tab") else (el.text or ""))
        mark = p.find(f"{w('pPr')}/{w('rPr')}")
        if mark is None or not any(child.tag in drop for child in mark):
            out.append("\n")
    if out and out[-1] == "\n":
        out.pop()
    return "".join(out)


def _in_ppr(el: etree._Element) -> bool:
    return any(a.tag == w("pPr") for a in el.iterancestors())
