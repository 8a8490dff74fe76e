"""Comparison → XML (``annotate diff --format xml``), valid against ``schemas/comparison.rng``.

Contract: root ``<comparison>`` with ``<old>``/``<new>`` (file, title, year), ``<stats>``,
``<target-changes>``, ``<changes>``, ``<commitment-changes>`` (one ``<commitment-change object change>``
per object promised in both years with another strength, its ``<old>``/``<new>`` sides carrying the
commitment's id, verb, strength, deadline, paragraph ``block``, ``sentence`` block and offsets) and
``<alignment>`` (segment pairs with their non-equal token
operations).  Built as an lxml tree, never by string formatting: report text is untrusted.
Characters XML 1.0 cannot carry (C0 controls other than tab/newline/CR) become U+FFFD.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from lxml import etree

from ..comparing.compare import Comparison, TargetSide

_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(s: Any) -> str:
    return _BAD.sub("\ufffd", str(s))


def _set(el: etree._Element, **attrs: Any) -> etree._Element:
    for k, v in attrs.items():
        if v is None:
            continue
        if isinstance(v, bool):
            v = "true" if v else "false"
        el.set(k.replace("_", "-"), _x(v))
    return el


def _num(v: Optional[float]) -> Optional[str]:
    return None if v is None else repr(float(v)) if isinstance(v, float) else str(v)


def _target_side(parent: etree._Element, tag: str, s: TargetSide | None) -> None:
    if s is None:
        return
    el = _set(etree.SubElement(parent, tag), value=_num(s.value), low=_num(s.low), high=_num(s.high),
              unit=s.unit, qualifier=s.qualifier, stretch=_num(s.stretch), block=s.block)
    el.text = _x(s.text)


def comparison_to_xml(c: Comparison) -> etree._Element:
    root = etree.Element("comparison")
    for tag, r in (("old", c.old), ("new", c.new)):
        _set(etree.SubElement(root, tag), file=r.meta.source.file, title=r.meta.title, year=r.meta.year)
    st = c.stats_dict()
    stats = _set(etree.SubElement(root, "stats"), similarity=st.get("similarity"), changes=st.get("changes"),
                 ignore_punctuation=c.options.ignore_punctuation, ignore_width=c.options.ignore_width,
                 granularity=c.options.granularity, years_rolled=st.get("years_rolled"),
                 clauses_moved=st.get("clauses_moved"))
    for kind in ("inserted", "deleted", "replaced", "moved", "number_changed", "modality_changed"):
        _set(etree.SubElement(stats, "count"), kind=kind, n=st.get(kind, 0))

    tcs = etree.SubElement(root, "target-changes")
    for t in c.target_changes:
        el = _set(etree.SubElement(tcs, "target-change"), indicator=t.indicator, change=t.change,
                  metric_old=t.metric_old, metric_new=t.metric_new, scope=t.scope, component=t.component,
                  delta=_num(t.delta.value) if t.delta else None, delta_unit=t.delta.unit if t.delta else None)
        _target_side(el, "old", t.old)
        _target_side(el, "new", t.new)
        _target_side(el, "moved-to", t.moved_to)

    chs = etree.SubElement(root, "changes")
    for k, ch in enumerate(c.changes):
        el = _set(etree.SubElement(chs, "change"), id=f"c{k + 1}", kind=ch.kind, old_block=ch.old_block,
                  new_block=ch.new_block, old_start=ch.old_start, old_end=ch.old_end, new_start=ch.new_start,
                  new_end=ch.new_end, move_id=ch.move_id)
        etree.SubElement(el, "old").text = _x(ch.old_text)
        etree.SubElement(el, "new").text = _x(ch.new_text)

    kcs = etree.SubElement(root, "commitment-changes")
    for k in c.commitment_changes:
        el = _set(etree.SubElement(kcs, "commitment-change"), object=k.object, change=k.change)
        for tag, side in (("old", k.old), ("new", k.new)):
            s = _set(etree.SubElement(el, tag), commitment=side.id, verb=side.verb, strength=side.strength,
                     deadline=side.deadline, block=side.block or None, sentence=side.sentence,
                     start=side.start, end=side.end)
            s.text = _x(side.text)

    al = etree.SubElement(root, "alignment")
    for p in c.pairs:
        el = _set(etree.SubElement(al, "pair"), relation=p.relation, score=p.score, old_block=p.old_block,
                  new_block=p.new_block, old_start=p.old_start, old_end=p.old_end, new_start=p.new_start,
                  new_end=p.new_end, move_id=p.move_id)
        for op in p.ops:
            if op.kind == "equal":
                continue
            o = _set(etree.SubElement(el, "op"), kind=op.kind, change=op.change, old_start=op.old_start,
                     old_end=op.old_end, new_start=op.new_start, new_end=op.new_end)
            if op.old_text:
                etree.SubElement(o, "old").text = _x(op.old_text)
            if op.new_text:
                etree.SubElement(o, "new").text = _x(op.new_text)
    return root


def write_comparison_xml(c: Comparison) -> bytes:
    return etree.tostring(comparison_to_xml(c), xml_declaration=True, encoding="UTF-8", pretty_print=True)
