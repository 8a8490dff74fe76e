"""Comparison → a terminal summary (``annotate diff --format text``).

Contract: plain text, target changes first (a table), then commitment changes (an object promised
in both years with another strength: ▲ strengthened / ▼ weakened, both verbs and both sentences'
block ids), then edits grouped by kind — numbers, modality, moves, replacements, insertions,
deletions — each with a little context from its report.  Long groups are cut at ``limit`` lines with a note saying how many were left out; the
JSON output has everything.  Columns are padded by display width (CJK characters are two cells).
"""

from __future__ import annotations

import unicodedata

from ..comparing.compare import Comparison, TargetChange, TargetSide
from .i18n import interface
from .labels import delta_label

KIND_TITLES = (
    ("number_changed", "Numbers changed"),
    ("modality_changed", "Modal word changed"),
    ("moved", "Moved"),
    ("replaced", "Replaced"),
    ("inserted", "Inserted"),
    ("deleted", "Deleted"),
)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, w: int) -> str:
    return s + " " * max(0, w - _width(s))


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    if _width(s) <= n:
        return s
    out, w = [], 0
    for ch in s:
        cw = _width(ch)
        if w + cw > n - 1:
            break
        out.append(ch)
        w += cw
    return "".join(out) + "…"


def _target(s: TargetSide | None) -> str:
    if s is None:
        return "—"
    if s.low is not None and s.high is not None and s.qualifier == "range":
        num = f"{_fmt(s.low)}-{_fmt(s.high)}{s.unit or ''}"
    elif s.value is not None:
        num = f"{_fmt(s.value)}{s.unit or ''}"
    else:
        return _clip(s.text, 28)
    q = s.qualifier if s.qualifier and s.qualifier not in ("exact", "range") else ""
    return f"{num} ({q})" if q else num


def _worded_pair(old: str, new: str, n: int = 28) -> tuple[str, str]:
    """Two wordings of a target, clipped to ``n`` columns around where they differ (a shared start
    and end become …), so the table shows the words that changed (保持同步 → 保持基本同步), not
    the opening both share."""
    old, new = " ".join(old.split()), " ".join(new.split())
    if _width(old) <= n and _width(new) <= n:
        return old, new
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    keep = 4  # characters of shared context on each side

    def window(s: str) -> str:
        a, b = max(head - keep, 0), len(s) - max(tail - keep, 0)
        shown = ("…" if a else "") + s[a:b]
        return _clip(shown, n) if b == len(s) or _width(shown) >= n else shown + "…"

    return window(old), window(new)


def _target_name(t: TargetChange) -> str:
    name = t.indicator or (t.metric_new or t.metric_old or "?")
    name += f"/{t.component}" if t.component else ""
    return name + (" (measure)" if t.scope == "measure" else "")


def _fmt(v: float) -> str:
    return f"{v:g}" if isinstance(v, (int, float)) else str(v)


def _context(text: str, start: int, end: int, n: int = 10) -> str:
    before = " ".join(text[max(0, start - n) : start].split())
    after = " ".join(text[end : end + n].split())
    return f"…{before}[{_clip(text[start:end], 40)}]{after}…"


COMMITMENT_ARROWS = {"strengthened": "▲ strengthened", "weakened": "▼ weakened"}


def _commitment_changes(c: Comparison, limit: int) -> list[str]:
    """The commitment-changes section (after a blank line), or nothing when there are none."""
    if not c.commitment_changes:
        return []
    out = ["", f"Promises made with another strength ({len(c.commitment_changes)})"]
    for k in c.commitment_changes[:limit]:
        o, n = k.old, k.new
        where = f"{o.sentence or o.block or '-'}→{n.sentence or n.block or '-'}"
        out.append(f"  {where:<16} {COMMITMENT_ARROWS.get(k.change, k.change)}: {_clip(k.object, 30)}")
        out.append(f"  {'':<16} {o.verb} ({o.strength}) → {n.verb} ({n.strength})   "
                   f"old [{_clip(o.text, 30)}]  new [{_clip(n.text, 30)}]")
    if len(c.commitment_changes) > limit:
        out.append(f"  … and {len(c.commitment_changes) - limit} more (--format json lists every change)")
    return out


def render_text(c: Comparison, *, limit: int = 40) -> str:
    lines: list[str] = []
    o, n = c.old.meta, c.new.meta
    lines.append(f"{o.source.file or 'old'} ({o.year or '?'}) → {n.source.file or 'new'} ({n.year or '?'})")
    st = c.stats_dict()
    counts = ", ".join(f"{st.get(k, 0)} {k}" for k, _ in KIND_TITLES if st.get(k))
    lines.append(f"similarity {st.get('similarity', 0):.2f}; {st.get('changes', 0)} changes" + (f": {counts}" if counts else ""))
    for side in (o, n):
        if side.source.ocr_pages:  # machine-guessed characters: differences there may be OCR errors
            lines.append(f"note: {side.source.file}: pages {side.source.ocr_pages} were read by OCR; "
                         "differences there may be misread characters")
    lines.append("")

    changed = sum(1 for t in c.target_changes if t.change != "unchanged")  # what the redline's count says
    lines.append(f"Target changes ({changed} changed, {len(c.target_changes) - changed} unchanged)")
    if c.target_changes:
        rows = [("indicator", "change", "delta", "old", "new")]
        for t in c.target_changes:
            old, new = _target(t.old), _target(t.new)
            if t.change == "reworded" and t.old is not None and t.new is not None:  # show where they differ
                old, new = _worded_pair(t.old.text, t.new.text)
            if t.moved_to is not None:  # the other list holds it: say where it went or came from
                note = interface("en")(f"moved.{t.change}.{t.scope}", t=_target(t.moved_to))
                old, new = (f"{old} ({note})", new) if t.change == "added" else (old, f"{new} ({note})")
            rows.append((_target_name(t), t.change, delta_label(t.delta), old, new))
        widths = [max(_width(r[i]) for r in rows) for i in range(5)]
        for k, r in enumerate(rows):
            lines.append("  " + "  ".join(_pad(x, widths[i]) for i, x in enumerate(r)).rstrip())
            if k == 0:
                lines.append("  " + "  ".join("-" * w for w in widths))
    else:
        lines.append("  (no targets found in either report)")

    lines.extend(_commitment_changes(c, limit))

    for kind, title in KIND_TITLES:
        group = [ch for ch in c.changes if ch.kind == kind]
        if not group:
            continue
        lines.append("")
        lines.append(f"{title} ({len(group)})")
        for ch in group[:limit]:
            where = f"{ch.old_block or '-'}→{ch.new_block or '-'}"
            if kind in ("number_changed", "modality_changed", "replaced"):
                ctx = (_context(c.new.text, ch.new_start, ch.new_end) if ch.new_text
                       else "old " + _context(c.old.text, ch.old_start, ch.old_end))  # nothing to show in the new text
                body = f"{_clip(ch.old_text, 30) or '∅'} → {_clip(ch.new_text, 30) or '∅'}   {ctx}"
            elif kind == "inserted":
                body = _context(c.new.text, ch.new_start, ch.new_end)
            elif kind == "deleted":
                body = _context(c.old.text, ch.old_start, ch.old_end)
            else:
                body = f"[{_clip(ch.new_text, 50)}]"
            lines.append(f"  {where:<16} {body}")
        if len(group) > limit:
            lines.append(f"  … and {len(group) - limit} more (--format json lists every change)")
    return "\n".join(lines) + "\n"
