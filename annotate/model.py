"""The shared vocabulary: frozen data that every stage reads and writes.

Conventions (DESIGN.md part A):
- Offsets are half-open code-point offsets into ``Report.text``, the normalized body text.
- Every annotation names ``block``: the id of the innermost paragraph-level block (``p`` or
  ``item``) that holds it, or for spans in the title or a heading the innermost non-sentence
  block holding them (:meth:`Report.block_id_at`).
- Stages are functions ``Report -> Report``; they never mutate, they ``dataclasses.replace``.

Serialization is generic: ``to_dict`` / ``from_dict`` walk the dataclass fields, so the JSON
writer, the XML writer and the XML reader agree on one set of field names.
"""

from __future__ import annotations

import dataclasses
import typing
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Optional, Union

if TYPE_CHECKING:
    from .reading.script import ScriptView

Number = Union[int, float]

# (blocks, owner index) of the report whose index was built last: see Report._block_owner_index
_LAST_OWNER_INDEX: Optional[tuple] = None

BLOCK_KINDS = ("title", "preface", "part", "section", "subsection", "heading", "p", "s", "item")
PARAGRAPH_KINDS = ("p", "item")
QUALIFIERS = ("exact", "about", "at_least", "at_most", "above", "below", "range")


# --------------------------------------------------------------------------- source & repairs


@dataclass(frozen=True)
class SourceInfo:
    """Where the report came from: the file as given, its bytes' hash and the decoding used."""

    file: str
    sha256: str
    encoding: str
    format: str = "text"  # text | markdown | html | docx | xml | pdf | docbook
    lines: int = 0  # number of lines in the decoded source
    pages: Optional[int] = None  # PDF: number of pages
    ocr_pages: Optional[str] = None  # PDF: pages whose text tesseract read ("1-3 7"): machine-guessed
    ocr_engine: Optional[str] = None  # PDF: the OCR engine and languages


@dataclass(frozen=True)
class Repair:
    """One change normalization made, recorded so it can be undone.

    ``text[start:end]`` (the normalized text) replaced ``original``, which sat at
    ``source_start`` in the decoded source.  Set-aside material (web page chrome, captions,
    licence boilerplate) is a repair whose replacement is empty and whose kind starts with
    ``aside``.  Applying every repair in reverse turns the normalized text back into the source.
    """

    kind: str
    start: int
    end: int
    source_start: int
    original: str
    replacement: str = ""

    @property
    def source_end(self) -> int:
        return self.source_start + len(self.original)


@dataclass(frozen=True)
class Evidence:
    """Where one identity field was read: ``source`` names the place (title, dateline, meeting,
    issuer line, speaker, heading, body, file name, override, sidecar, kind, default), ``text``
    quotes the words."""

    field: str
    value: str
    source: str
    text: str = ""


@dataclass(frozen=True)
class Meta:
    """What the report is: read from its title block, never from the file name."""

    title: Optional[str] = None
    subtitle: Optional[str] = None  # "——2024年3月5日在第十四届全国人民代表大会第二次会议上"
    issuer: Optional[str] = None  # canonical full name: 安徽省人民政府, 国务院 (see identity.py)
    speaker: Optional[str] = None
    kind: Optional[str] = None  # identity.KINDS: gov-work-report | plan-report | budget-report | policy-address …
    year: Optional[int] = None  # the year the report's targets are for
    review_year: Optional[int] = None
    date: Optional[str] = None  # ISO date the report was delivered, from its dateline
    meeting: Optional[str] = None
    script: str = "simplified"  # simplified | traditional
    source: SourceInfo = field(default_factory=lambda: SourceInfo("", "", "utf-8"))
    region: Optional[str] = None  # 安徽省, 全国, 香港特别行政区, 北京市通州区
    level: Optional[str] = None  # national | province | city | district | sar
    delivered: Optional[str] = None  # ISO date, or the year, it was delivered
    identity_evidence: tuple[Evidence, ...] = ()
    identity_warnings: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """``湖南省人民政府 2026``: how outputs name the report (issuer and year, what is known)."""
        return " ".join(str(x) for x in (self.issuer, self.year) if x) or (self.title or "")


# --------------------------------------------------------------------------- structure


@dataclass(frozen=True)
class Block:
    """A structural unit: a contiguous, properly nested slice of ``Report.text``.

    ``num`` is the numbering label as written (``一、``, ``（三）``, ``1.``, ``第一章``, ``一是``);
    ``num_start``/``num_end`` locate it in the text when present.  ``lines`` is the 1-based,
    inclusive source line range the block came from.
    """

    id: str
    kind: str
    parent: Optional[str]
    start: int
    end: int
    num: Optional[str] = None
    num_start: Optional[int] = None
    num_end: Optional[int] = None
    line_start: int = 0
    line_end: int = 0
    page_start: Optional[int] = None  # PDF: the 1-based pages the block was printed on
    page_end: Optional[int] = None


# --------------------------------------------------------------------------- annotations


@dataclass(frozen=True)
class Span:
    """Base of every inline annotation."""

    id: str
    block: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quantity(Span):
    """A number with its unit (DOMAIN.md section 3)."""

    value: Optional[Number] = None
    unit: str = ""
    normalized: Optional[Number] = None
    base_unit: str = ""
    qualifier: str = "exact"
    low: Optional[Number] = None
    high: Optional[Number] = None
    change: Optional[str] = None  # growth | decline | None for a level


@dataclass(frozen=True)
class DateSpan(Span):
    """A calendar date or year: ``value`` is ISO-like (``2021-12-15``, ``2022``, ``2022-03``)."""

    value: Optional[str] = None


@dataclass(frozen=True)
class Period(Span):
    """A stretch of time that is not a date: ``1-11月``, ``前三季度``, ``年底``, ``“十四五”时期``."""

    value: Optional[str] = None


@dataclass(frozen=True)
class Rank(Span):
    """A ranking: ``居全市第三`` → scope 全市, position 3."""

    scope: Optional[str] = None
    position: Optional[int] = None


@dataclass(frozen=True)
class Entity(Span):
    """An organization, place, project, facility, policy or programme."""

    type: str = "org"  # org | place | project | facility | policy | programme
    canonical: Optional[str] = None


@dataclass(frozen=True)
class Commitment(Span):
    """A clause that promises action (DOMAIN.md section 5)."""

    verb: str = ""
    strength: str = ""  # guarantee | strive | achieve | advance | start | encourage | explore
    deadline: Optional[str] = None
    object: Optional[str] = None
    quantity: Optional[str] = None  # id of the quantity it promises
    # the deadline as a date or period: ``2025`` (年内 in a 2025 report), ``2025-12`` (年底前),
    # ``2025-01/2025-06`` (上半年), ``2027`` (到2027年), ``2026/2030`` (“十五五”期间)
    deadline_value: Optional[str] = None
    object_entity: Optional[str] = None  # id of the first entity tagged inside the object


@dataclass(frozen=True)
class Indicator(Span):
    """Stand-off: a metric bound to its values.  ``text`` is the metric as written."""

    indicator: Optional[str] = None  # canonical id (DOMAIN.md section 4) or None
    metric: str = ""
    level: Optional[str] = None  # quantity id
    growth: Optional[str] = None  # quantity id
    points: Optional[str] = None  # quantity id (change in percentage points)
    period: Optional[str] = None  # period id
    rank: Optional[str] = None  # rank id


@dataclass(frozen=True)
class Target(Span):
    """Stand-off: an indicator value set for ``year`` (DESIGN.md ``targets`` shape)."""

    year: Optional[int] = None
    indicator: Optional[str] = None
    metric: str = ""
    value: Optional[Number] = None
    low: Optional[Number] = None
    high: Optional[Number] = None
    unit: Optional[str] = None
    qualifier: Optional[str] = None
    quantity: Optional[str] = None  # id of the quantity it sets, if any
    normalized: Optional[Number] = None
    base_unit: Optional[str] = None
    component: Optional[str] = None  # one part of a 分别 list (一产, 二产, 三产), else None
    stretch: Optional[Number] = None  # 增长6%以上、力争达到7%: the value striven for beyond the floor
    scope: str = "headline"  # headline (the main targets passage) | measure (set inside a task)
    horizon: str = "year"  # year | multi_year (到2030年, 年均, “十五五”)
    period: Optional[str] = None  # the year (``2025``) or the span (``到2030年``, ``十五五``, ``年均``)
    # A target stated as a goal (goal_targets.py): the goal phrase as it reads in simplified script
    # (``目标是``, ``以…为目标``, ``的目标``, ``力争到``), and which way the value moves the metric.
    goal: Optional[str] = None
    direction: Optional[str] = None  # up | down | None (not said)


#: the labels of a target change (DESIGN.md "target_changes"), in the order tables list them
TARGET_CHANGE_LABELS = ("raised", "lowered", "qualifier_changed", "quantified", "unquantified", "reworded",
                        "unchanged", "added", "removed")

#: layer name (JSON key) -> (annotation class, XML element name, inline?)
LAYERS: dict[str, tuple[type, str, bool]] = {
    "quantities": (Quantity, "quantity", True),
    "dates": (DateSpan, "date", True),
    "periods": (Period, "period", True),
    "ranks": (Rank, "rank", True),
    "entities": (Entity, "entity", True),
    "commitments": (Commitment, "commitment", True),
    "indicators": (Indicator, "indicator", False),
    "targets": (Target, "target", False),
}


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class Report:
    """A report: normalized text, its structure, and annotation layers.

    ``text`` is the normalized body text; ``blocks`` index it in document order (parents before
    children).  ``repairs`` map it back to the decoded source (see :class:`Repair`).
    """

    meta: Meta
    text: str
    blocks: tuple[Block, ...] = ()
    repairs: tuple[Repair, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateSpan, ...] = ()
    periods: tuple[Period, ...] = ()
    ranks: tuple[Rank, ...] = ()
    entities: tuple[Entity, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    targets: tuple[Target, ...] = ()

    # -- lookups (cached: the dataclass is frozen, so they never go stale)

    @cached_property
    def block_by_id(self) -> dict[str, Block]:
        return {b.id: b for b in self.blocks}

    @cached_property
    def _block_owner_index(self) -> tuple[list[int], list[str]]:
        """Sorted boundary offsets and, for the stretch starting at each, the id of its owner.

        The owner of an offset is the innermost ``p``/``item`` holding it; where no paragraph-level
        block holds it (title, headings), the innermost block that is not a sentence ``s``.
        Blocks nest properly, so one sweep with a stack paints the text into stretches.  The index
        depends on ``blocks`` alone, which every annotator's ``replace`` passes on as the same tuple:
        the last one built is kept (:data:`_LAST_OWNER_INDEX`) and reused for that tuple.
        """
        global _LAST_OWNER_INDEX
        last = _LAST_OWNER_INDEX
        if last is not None and last[0] is self.blocks:
            return last[1]
        bounds: list[int] = []
        owners: list[str] = []

        def paint(pos: int, owner: str) -> None:
            if bounds and bounds[-1] == pos:
                owners[-1] = owner
            elif not owners or owners[-1] != owner:
                bounds.append(pos)
                owners.append(owner)

        # stack of (end, owner label); a paragraph-level owner is never replaced by a
        # deeper block (sentences, run-in headings inside a paragraph keep the paragraph).
        stack: list[tuple[int, str, bool]] = []
        for b in sorted(self.blocks, key=lambda b: (b.start, -b.end)):
            if b.kind == "s" or b.end <= b.start:
                continue
            while stack and stack[-1][0] <= b.start:
                end = stack.pop()[0]
                paint(end, stack[-1][1] if stack and stack[-1][0] > end else "")
                # close every frame that ends at or before this block's start, repainting
                # each gap with the enclosing owner
            if stack and stack[-1][2]:
                continue  # inside a p/item: it stays the owner
            is_para = b.kind in PARAGRAPH_KINDS
            stack.append((b.end, b.id, is_para))
            paint(b.start, b.id)
        while stack:
            end = stack.pop()[0]
            paint(end, stack[-1][1] if stack and stack[-1][0] > end else "")
        _LAST_OWNER_INDEX = (self.blocks, (bounds, owners))
        return bounds, owners

    def block_id_at(self, offset: int) -> str:
        """The id of the block an annotation at ``offset`` belongs to (DESIGN.md ``block``).

        The innermost ``p``/``item`` holding ``offset``; for offsets in the title or a heading
        (no paragraph-level block), the innermost block holding it that is not a sentence;
        ``""`` only when no block holds ``offset``.  Every annotator uses this one rule.
        """
        bounds, owners = self._block_owner_index
        i = bisect_right(bounds, offset) - 1
        return owners[i] if i >= 0 else ""

    def children(self, block_id: Optional[str]) -> list[Block]:
        return [b for b in self.blocks if b.parent == block_id]

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    @cached_property
    def simplified(self) -> "ScriptView":
        """The text in simplified characters, for annotators and comparison (DOMAIN.md 6)."""
        from .reading.script import simplified_view

        return simplified_view(self.text, self.meta.script)

    def to_source_offset(self, offset: int) -> int:
        """Map a normalized-text offset back to the decoded source."""
        return source_offset(self.repairs, offset)

    def layer(self, name: str) -> tuple:
        return getattr(self, name)


def source_offset(repairs: tuple[Repair, ...], offset: int) -> int:
    """Map a normalized offset to a source offset using the repair log (sorted by start).

    An offset inside a replaced stretch maps into the original stretch (clamped); an offset
    right after set-aside material maps past it.
    """
    delta = 0
    for r in repairs:
        if r.end <= offset:
            delta += len(r.original) - (r.end - r.start)
            continue
        if r.start < offset:
            return r.source_start + min(offset - r.start, len(r.original))
        break
    return offset + delta


def restore_source(text: str, repairs: tuple[Repair, ...]) -> str:
    """Undo every repair: the decoded source text, character for character."""
    out: list[str] = []
    pos = 0
    for r in sorted(repairs, key=lambda r: (r.start, r.end)):
        out.append(text[pos : r.start])
        out.append(r.original)
        pos = r.end
    out.append(text[pos:])
    return "".join(out)


# --------------------------------------------------------------------------- generic (de)serialization


def to_dict(obj: Any) -> Any:
    """A dataclass (or tuple of them) as plain JSON-ready data; field order is kept."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    return obj


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def from_dict(cls: type, data: dict[str, Any]) -> Any:
    """Inverse of :func:`to_dict` for one dataclass; unknown keys are ignored."""
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        hint = hints[f.name]
        if dataclasses.is_dataclass(hint) and isinstance(value, dict):
            value = from_dict(hint, value)
        elif typing.get_origin(hint) is tuple and isinstance(value, list):
            # tuple[Evidence, ...] / tuple[str, ...]: JSON gives a list (of dicts)
            item = typing.get_args(hint)[0]
            value = tuple(from_dict(item, v) if dataclasses.is_dataclass(item) and isinstance(v, dict) else v
                          for v in value)
        kwargs[f.name] = value
    return cls(**kwargs)


def field_types(cls: type) -> dict[str, Any]:
    """Resolved type hints of a dataclass's fields (used by the XML reader to parse attributes)."""
    return _hints(cls)
