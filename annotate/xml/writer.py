"""Report → annotated XML (DESIGN.md part A, XML).

Contract: ``write_xml(report)`` returns UTF-8 bytes with an XML declaration, deterministic, that
validate against ``schemas/report.rng`` and that :func:`annotate.xml.reader.read_xml` reads back
into an equal :class:`~annotate.model.Report`.  ``"".join(body.itertext()) == report.text``
(except characters XML cannot hold, kept as ``<char code="XXXX"/>``; normalization removes
them, so real reports have none).

How the body is built (generic over ``model.BLOCK_KINDS`` and ``model.LAYERS``):

- Blocks, their ``<num>`` labels and inline annotations are intervals over ``report.text``.
  Sorted by (start, rank, -end, order) with rank block < num < inline, they nest with a stack;
  the text between boundaries becomes element text and tails.  Only the meta and stand-off
  sections are indented: whitespace in the body would be text.
- What cannot nest goes to ``<standoff>`` as the same element with ``start``/``end``: a block
  crossing another block (or out of range), a label or inline span containing a block
  boundary, an inline span crossing another.  Every annotation is kept either way.
- Attributes are the model's field names (snake_case).  Fields the tree already says are not
  written on nested elements: ``start``/``end`` (positions), ``text`` (the content), ``kind``
  (the element name), a block's ``parent`` (nearest block ancestor), an annotation's ``block``
  (innermost ``p``/``item`` ancestor, else innermost non-``s`` block: ``names.span_owner``) and a block's ``num``/``num_start``/``num_end`` (its
  ``<num>`` child).  When the model disagrees with what the tree implies, the field is written
  anyway (``nil="field"`` when the model says None), so the round trip is exact.
- ``n`` (position in its layer) is written on every element of a layer only when that layer is
  not in (start, -end) order, the order the reader rebuilds.
- None is an omitted attribute; ints are written as ints, floats by ``repr``; strings outside the
  body use the reversible escape of :func:`annotate.xml.names.escape`.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from typing import Any, Optional

from lxml import etree

from ..model import LAYERS, Block, Report
from . import names as N

_RANK_BLOCK, _RANK_NUM, _RANK_INLINE = 0, 1, 2

_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return _FIELDS[cls]


def write_xml(report: Report) -> bytes:
    """The report as annotated XML bytes (see the module docstring for the layout)."""
    root = etree.Element(N.ROOT, {"version": N.FORMAT_VERSION})
    root.text = "\n  "
    meta = _meta(report)
    root.append(meta)
    meta.tail = "\n  "
    body, standoff = _Body(report).build()
    root.append(body)
    if len(standoff):
        body.tail = "\n  "
        _indent(standoff, "\n    ", "\n  ")
        root.append(standoff)
        standoff.tail = "\n"
    else:
        body.tail = "\n"
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def _indent(el: etree._Element, inner: str, outer: str) -> None:
    if len(el):
        el.text = inner
        for child in el:
            child.tail = inner
        el[-1].tail = outer


def _attrs(obj: Any, skip: tuple[str, ...] | frozenset[str] = ()) -> dict[str, str]:
    """Every field of a dataclass that is not None and not skipped, as attribute text."""
    out: dict[str, str] = {}
    for name in _fields(type(obj)):
        if name in skip:
            continue
        value = getattr(obj, name)
        if value is not None:
            out[name] = N.format_value(value)
    return out


# --------------------------------------------------------------------------- meta


def _meta(report: Report) -> etree._Element:
    meta = etree.Element(N.META)
    m = report.meta
    for name in _fields(type(m)):
        value = getattr(m, name)
        if value is None:
            continue
        if dataclasses.is_dataclass(value):
            etree.SubElement(meta, name, _attrs(value))
        elif isinstance(value, tuple):  # identity evidence and warnings: one child each
            if value:
                group = etree.SubElement(meta, name)
                for item in value:
                    if dataclasses.is_dataclass(item):
                        etree.SubElement(group, N.EVIDENCE, _attrs(item))
                    else:
                        etree.SubElement(group, N.WARNING).text = N.format_value(item)
                _indent(group, "\n      ", "\n    ")
        else:
            etree.SubElement(meta, name).text = N.format_value(value)
    if report.repairs:
        repairs = etree.SubElement(meta, N.REPAIRS)
        for r in report.repairs:
            el = etree.SubElement(repairs, N.REPAIR, _attrs(r, skip=("original",)))
            # the original may hold the control characters normalization removed: escaped
            if r.original:
                el.text = N.escape(r.original)
        _indent(repairs, "\n      ", "\n    ")
    _indent(meta, "\n    ", "\n  ")
    return meta


# --------------------------------------------------------------------------- body


class _Frame:
    """An open element while the body is built."""

    __slots__ = ("el", "end", "last", "block_id", "para_id", "in_para")

    def __init__(self, el: etree._Element, end: int, block_id: Optional[str], para_id: str,
                 in_para: bool = False) -> None:
        self.el = el
        self.end = end
        self.last: Optional[etree._Element] = None  # last child: text goes to its tail
        self.block_id = block_id  # id of the nearest block (this one or an ancestor)
        self.para_id = para_id  # implied ``block`` of spans here (names.span_owner), "" when none
        self.in_para = in_para  # para_id is a p/item (else a heading/title or none)


def _in_order(items: tuple) -> bool:
    """True when a layer is in (start, -end) order, the order the reader rebuilds."""
    prev = None
    for x in items:
        key = (x.start, -x.end)
        if prev is not None and key < prev:
            return False
        prev = key
    return True


def _valid_range(start: Any, end: Any, n: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= n


def _nests(bounds: list[int], start: int, end: int) -> bool:
    """No boundary lies strictly inside (start, end)."""
    i = bisect_right(bounds, start)
    return i == len(bounds) or bounds[i] >= end


class _Body:
    def __init__(self, report: Report) -> None:
        self.r = report
        self.text = report.text
        self.has_invalid = N.INVALID_XML_CHAR.search(report.text) is not None
        self.standoff: list[etree._Element] = []

    # -- deciding what nests

    def _placed_blocks(self) -> set[int]:
        """Indices of blocks that nest (properly nested, in range); the rest stand off."""
        blocks, n = self.r.blocks, len(self.text)
        order = sorted((i for i, b in enumerate(blocks) if _valid_range(b.start, b.end, n)),
                       key=lambda i: (blocks[i].start, -blocks[i].end, i))
        placed: set[int] = set()
        ends: list[int] = []
        for i in order:
            b = blocks[i]
            while ends and ends[-1] <= b.start:
                ends.pop()
            if ends and ends[-1] < b.end:
                continue  # crosses an open block
            ends.append(b.end)
            placed.add(i)
        return placed

    def _items(self) -> list[tuple]:
        """Everything that may nest, as sort keys carrying their payload."""
        r, n = self.r, len(self.text)
        placed = self._placed_blocks()
        self.placed_blocks = placed
        bounds = sorted([r.blocks[i].start for i in placed] + [r.blocks[i].end for i in placed])
        items: list[tuple] = []
        num_bounds: list[int] = []
        for i in sorted(placed):
            b = r.blocks[i]
            items.append((b.start, _RANK_BLOCK, -b.end, 0, i, b))
            ns, ne = b.num_start, b.num_end
            if ns is not None and ne is not None:
                if _valid_range(ns, ne, n) and _nests(bounds, ns, ne):
                    items.append((ns, _RANK_NUM, -ne, 0, i, b))
                    num_bounds += (ns, ne)
                else:
                    self.standoff.append(etree.Element(N.NUM, {N.ATTR_OWNER: N.format_value(b.id),
                                                               "start": str(ns), "end": str(ne)}))
        if num_bounds:
            bounds = sorted(bounds + num_bounds)
        self.inline_standoff: list[tuple[int, int, Any]] = []
        for li, (name, (_cls, _el, inline)) in enumerate(LAYERS.items(), start=1):
            for i, a in enumerate(getattr(r, name)):
                if inline and _valid_range(a.start, a.end, n) and _nests(bounds, a.start, a.end):
                    items.append((a.start, _RANK_INLINE, -a.end, li, i, a))
                else:
                    self.inline_standoff.append((li, i, a))
        items.sort(key=lambda t: t[:5])
        return items

    # -- building

    def build(self) -> tuple[etree._Element, etree._Element]:
        r, text = self.r, self.text
        layer_elements = ["", *(el for _c, el, _i in LAYERS.values())]
        self.ordered = [not _in_order(r.blocks)] + [not _in_order(getattr(r, name)) for name in LAYERS]
        items = self._items()

        body = etree.Element(N.BODY)
        stack = [_Frame(body, len(text), None, "")]
        self.pos = 0
        for start, rank, neg_end, li, i, obj in items:
            end = -neg_end
            while len(stack) > 1 and stack[-1].end <= start:
                self._emit(stack[-1], stack[-1].end)
                stack.pop()
            top = stack[-1]
            if top.end < end:  # crosses an open element: stand off
                if rank == _RANK_BLOCK:  # impossible: _placed_blocks ran the same stack
                    raise RuntimeError(f"block {obj.id!r} crosses an element it should contain")
                if rank == _RANK_NUM:
                    self.standoff.append(etree.Element(N.NUM, {N.ATTR_OWNER: N.format_value(obj.id),
                                                               "start": str(start), "end": str(end)}))
                else:
                    self.inline_standoff.append((li, i, obj))
                continue
            self._emit(top, start)
            if rank == _RANK_BLOCK:
                el = etree.SubElement(top.el, obj.kind, self._block_attrs(obj, top, i))
                para, in_para = N.span_owner(obj.kind, obj.id, top.para_id, top.in_para)
                stack.append(_Frame(el, end, obj.id, para, in_para))
            elif rank == _RANK_NUM:
                attrs = {} if top.block_id == obj.id else {N.ATTR_OWNER: N.format_value(obj.id)}
                el = etree.SubElement(top.el, N.NUM, attrs)
                stack.append(_Frame(el, end, top.block_id, top.para_id, top.in_para))
            else:
                el = etree.SubElement(top.el, layer_elements[li], self._inline_attrs(obj, top, li, i))
                stack.append(_Frame(el, end, top.block_id, top.para_id, top.in_para))
            top.last = el
        while len(stack) > 1:
            self._emit(stack[-1], stack[-1].end)
            stack.pop()
        self._emit(stack[0], len(text))

        standoff = etree.Element(N.STANDOFF)
        for i, b in enumerate(r.blocks):
            if i not in self.placed_blocks:
                attrs = _attrs(b, skip=("kind",))
                if self.ordered[0]:
                    attrs[N.ATTR_ORDER] = str(i)
                standoff.append(etree.Element(b.kind, attrs))
        standoff.extend(self.standoff)  # nums
        for li, i, a in sorted(self.inline_standoff, key=lambda t: (t[0], t[1])):
            attrs = _attrs(a)
            if _valid_range(a.start, a.end, len(text)) and a.text == text[a.start : a.end]:
                del attrs["text"]  # the reader takes it from the body text
            if self.ordered[li]:
                attrs[N.ATTR_ORDER] = str(i)
            standoff.append(etree.Element(layer_elements[li], attrs))
        return body, standoff

    def _block_attrs(self, b: Block, top: _Frame, i: int) -> dict[str, str]:
        text = self.text
        has_num = b.num_start is not None and b.num_end is not None
        implied = {
            "parent": top.block_id,
            "num": text[b.num_start : b.num_end] if has_num else None,
            "num_start": b.num_start if has_num else None,
            "num_end": b.num_end if has_num else None,
        }
        return self._with_implied(b, implied, ("kind", "start", "end"), 0, i)

    def _inline_attrs(self, a: Any, top: _Frame, li: int, i: int) -> dict[str, str]:
        implied = {"block": top.para_id, "text": self.text[a.start : a.end]}
        return self._with_implied(a, implied, ("start", "end"), li, i)

    def _with_implied(self, obj: Any, implied: dict[str, Any], skip: tuple[str, ...], li: int, i: int) -> dict[str, str]:
        out: dict[str, str] = {}
        nil: list[str] = []
        for name in _fields(type(obj)):
            if name in skip:
                continue
            value = getattr(obj, name)
            if name in implied:
                want = implied[name]
                if value == want and type(value) is type(want):
                    continue
                if value is None:
                    nil.append(name)
                    continue
            if value is not None:
                out[name] = N.format_value(value)
        if nil:
            out[N.ATTR_NIL] = " ".join(nil)
        if self.ordered[li]:
            out[N.ATTR_ORDER] = str(i)
        return out

    def _emit(self, frame: _Frame, upto: int) -> None:
        """Add text[pos:upto] to ``frame``: its text, or the tail of its last child."""
        if upto <= self.pos:
            return
        s = self.text[self.pos : upto]
        self.pos = upto
        if self.has_invalid and N.INVALID_XML_CHAR.search(s):
            last = 0
            for m in N.INVALID_XML_CHAR.finditer(s):
                self._append(frame, s[last : m.start()])
                frame.last = etree.SubElement(frame.el, N.CHAR, {"code": f"{ord(m.group()):04X}"})
                last = m.end()
            self._append(frame, s[last:])
        else:
            self._append(frame, s)

    @staticmethod
    def _append(frame: _Frame, s: str) -> None:
        if not s:
            return
        if frame.last is None:
            frame.el.text = (frame.el.text or "") + s
        else:
            frame.last.tail = (frame.last.tail or "") + s

