"""Annotated XML → Report: the inverse of :mod:`annotate.xml.writer`.

Contract: ``read_xml(data, file)`` validates ``data`` against ``schemas/report.rng`` and returns
the :class:`~annotate.model.Report` it describes, so that ``read_xml(write_xml(r)) == r`` and
``write_xml(read_xml(x)) == x``.  Anything else (not XML, a DOCTYPE, another root element,
a schema violation, an attribute that does not parse as its field's type) raises
:class:`~annotate.errors.AnnotateError` naming the file and the first problem with its line.

What the writer leaves implicit is rebuilt from the tree: ``text`` is the body's text in
document order (``<char code>`` is one character); an element's ``start``/``end`` are its
positions in it; a block's ``kind`` is its element name, ``parent`` its nearest block ancestor,
``num*`` its ``<num>`` label; an annotation's ``block`` is its innermost ``p``/``item``
ancestor and ``text`` its content.  Attributes, when present, win; ``nil`` lists fields that
are None.  Each layer comes back in (start, -end) order, or in ``n`` order when written.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Optional

from lxml import etree

from ..errors import AnnotateError
from ..model import LAYERS, Block, Evidence, Meta, Repair, Report, field_types
from . import names as N
from .validate import validate_bytes


class _Bad(Exception):
    def __init__(self, problem: str, line: Optional[int]) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def read_xml(data: bytes, file: str) -> Report:
    """Read an annotated report written by :func:`annotate.xml.writer.write_xml`."""
    root = validate_bytes(data, file)
    if root.tag != N.ROOT:
        raise AnnotateError(file, f"is not an annotated report: its root element is <{root.tag}>",
                            "give an XML file written by `annotate tag`")
    try:
        return _Reader().read(root)
    except _Bad as exc:
        where = f" (line {exc.line})" if exc.line else ""
        raise AnnotateError(file, f"is not valid annotate XML: {exc.problem}{where}",
                            "only XML written by `annotate tag` can be read back") from None


_MISSING = dataclasses.MISSING


class _Factory:
    """A field's default_factory, told apart from plain defaults."""

    __slots__ = ("make",)

    def __init__(self, make: Any) -> None:
        self.make = make


_SPECS: dict[type, tuple[tuple[str, Any, Any, Any], ...]] = {}


def _spec(cls: type) -> tuple[tuple[str, Any, Any, Any], ...]:
    """Per field: name, type hint, parser of attribute text, default (or a factory)."""
    if cls not in _SPECS:
        hints = field_types(cls)
        out = []
        for f in dataclasses.fields(cls):
            if f.default is not _MISSING:
                default: Any = f.default
            elif f.default_factory is not _MISSING:
                default = _Factory(f.default_factory)  # called per use: a fresh value each time
            else:
                default = None
            out.append((f.name, hints[f.name], N.parser_for(hints[f.name]), default))
        _SPECS[cls] = tuple(out)
    return _SPECS[cls]


def _build(cls: type, el: etree._Element, implied: dict[str, Any]) -> Any:
    """A ``cls`` from ``el``'s attributes; fields without one come from ``implied``, then
    the field's default (None when it has none)."""
    attrib = el.attrib
    nil = attrib.get(N.ATTR_NIL)
    nil_fields = set(nil.split()) if nil else ()
    kwargs: dict[str, Any] = {}
    for name, hint, parse, default in _spec(cls):
        raw = attrib.get(name)
        if raw is not None:
            try:
                kwargs[name] = parse(raw)
            except ValueError:
                raise _Bad(f"attribute {name}={raw!r} of <{el.tag}> does not parse as {hint}",
                           el.sourceline) from None
        elif name in nil_fields:
            kwargs[name] = None
        elif name in implied:
            kwargs[name] = implied[name]
        else:
            kwargs[name] = default.make() if isinstance(default, _Factory) else default
    return cls(**kwargs)


def _order(el: etree._Element) -> Optional[int]:
    raw = el.get(N.ATTR_ORDER)
    return None if raw is None else int(raw)  # the schema made it an integer


def _in_layer_order(entries: list[tuple[Any, Optional[int]]], what: str) -> tuple:
    """The layer's items in the order the writer had them (see the writer's ``n``)."""
    orders = [n for _x, n in entries]
    if any(n is not None for n in orders):
        if any(n is None for n in orders) or sorted(orders) != list(range(len(orders))):
            raise _Bad(f"the {what} carry an incomplete n numbering", None)
        return tuple(x for x, _n in sorted(entries, key=lambda e: e[1]))
    items = [x for x, _n in entries]
    items.sort(key=lambda x: (x.start, -x.end))  # stable: document order among equals
    return tuple(items)


class _Reader:
    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.pos = 0
        # (element, start, end, parent block id) in document order
        self.blocks: list[list[Any]] = []
        self.nums: dict[str, tuple[int, int]] = {}
        # (element, layer name, start, end, innermost p/item id) in document order
        self.inline: list[list[Any]] = []

    def read(self, root: etree._Element) -> Report:
        meta_el = root.find(N.META)
        body_el = root.find(N.BODY)
        standoff_el = root.find(N.STANDOFF)
        meta, repairs = self._meta(meta_el)
        self._walk(body_el, None, "")
        text = "".join(self.pieces)

        standoff_blocks: list[etree._Element] = []
        standoff_spans: list[tuple[etree._Element, str]] = []
        if standoff_el is not None:
            for el in standoff_el:
                tag = el.tag
                if tag in N.BLOCK_ELEMENTS:
                    standoff_blocks.append(el)
                elif tag == N.NUM:
                    self._num(N.unescape(el.get(N.ATTR_OWNER)), int(el.get("start")), int(el.get("end")), el)
                else:
                    standoff_spans.append((el, N.LAYER_BY_ELEMENT[tag][0]))

        blocks: list[tuple[Any, Optional[int]]] = []
        for el, start, end, parent in self.blocks:
            bid = N.unescape(el.get("id"))
            implied: dict[str, Any] = {"kind": el.tag, "start": start, "end": end, "parent": parent}
            if bid in self.nums:
                ns, ne = self.nums[bid]
                implied.update(num=text[ns:ne], num_start=ns, num_end=ne)
            blocks.append((_build(Block, el, implied), _order(el)))
        for el in standoff_blocks:
            blocks.append((_build(Block, el, {"kind": el.tag}), _order(el)))

        layers: dict[str, list[tuple[Any, Optional[int]]]] = {name: [] for name in LAYERS}
        for el, name, start, end, para in self.inline:
            implied = {"start": start, "end": end, "text": text[start:end], "block": para}
            layers[name].append((_build(LAYERS[name][0], el, implied), _order(el)))
        for el, name in standoff_spans:
            start, end = int(el.get("start")), int(el.get("end"))
            implied = {"text": text[start:end]} if 0 <= start <= end <= len(text) else {}
            layers[name].append((_build(LAYERS[name][0], el, implied), _order(el)))

        return Report(
            meta=meta,
            text=text,
            blocks=_in_layer_order(blocks, "blocks"),
            repairs=repairs,
            **{name: _in_layer_order(entries, name) for name, entries in layers.items()},
        )

    # -- meta

    def _meta(self, meta_el: etree._Element) -> tuple[Meta, tuple[Repair, ...]]:
        hints = field_types(Meta)
        kwargs: dict[str, Any] = {}
        repairs: list[Repair] = []
        for el in meta_el:
            tag = el.tag
            if tag == N.REPAIRS:
                for rep in el:
                    repairs.append(_build(Repair, rep, {"original": N.unescape(rep.text or "")}))
                continue
            hint = hints[tag]
            if tag == "identity_evidence":
                kwargs[tag] = tuple(_build(Evidence, ev, {}) for ev in el if ev.tag == N.EVIDENCE)
            elif tag == "identity_warnings":
                kwargs[tag] = tuple(N.unescape(w.text or "") for w in el if w.tag == N.WARNING)
            elif dataclasses.is_dataclass(hint):
                kwargs[tag] = _build(hint, el, {})
            else:
                raw = el.text or ""
                try:
                    kwargs[tag] = N.parse_value(hint, raw)
                except ValueError:
                    raise _Bad(f"<{tag}>{raw}</{tag}> does not parse as {hint}", el.sourceline) from None
        return Meta(**kwargs), tuple(repairs)

    # -- body

    def _num(self, owner: str, start: int, end: int, el: etree._Element) -> None:
        if owner in self.nums:
            raise _Bad(f"block {owner!r} has two <num> labels", el.sourceline)
        self.nums[owner] = (start, end)

    def _text(self, s: Optional[str]) -> None:
        if s:
            self.pieces.append(s)
            self.pos += len(s)

    def _walk(self, el: etree._Element, block_id: Optional[str], para_id: str, in_para: bool = False) -> None:
        """Collect the text under ``el`` and the positions of the elements in it."""
        self._text(el.text)
        for child in el:
            tag = child.tag
            start = self.pos
            if tag == N.CHAR:
                self.pieces.append(chr(int(child.get("code"), 16)))
                self.pos += 1
            elif tag in N.BLOCK_ELEMENTS:
                bid = N.unescape(child.get("id"))
                record = [child, start, start, block_id]
                self.blocks.append(record)
                self._walk(child, bid, *N.span_owner(tag, bid, para_id, in_para))
                record[2] = self.pos
            elif tag == N.NUM:
                self._walk(child, block_id, para_id, in_para)
                owner = child.get(N.ATTR_OWNER)
                owner = N.unescape(owner) if owner is not None else block_id
                if owner is None:
                    raise _Bad("a <num> label outside any block", child.sourceline)
                self._num(owner, start, self.pos, child)
            else:
                record = [child, N.LAYER_BY_ELEMENT[tag][0], start, start, para_id]
                self.inline.append(record)  # before its children: document order is preorder
                self._walk(child, block_id, para_id, in_para)
                record[3] = self.pos
            self._text(child.tail)
