"""Report ⇄ the JSON shape of ``annotate tag --format json`` (DESIGN.md part A).

Contract: ``report_to_json(report)`` is plain data (field names are the model's, fixed by
DESIGN.md); every block also carries its ``text``, and ``meta.repairs`` lists the repair log.
``report_from_json(data)`` is its inverse (``report_from_json(report_to_json(r)) == r`` for
finite numbers).  ``dumps`` writes any such data as UTF-8-safe, standard JSON; ``dump`` writes
the same bytes to a file without holding the whole text.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, BinaryIO

from .model import LAYERS, Block, Meta, Repair, Report, from_dict, to_dict


def report_to_json(report: Report) -> dict[str, Any]:
    """The report as plain data; every block also carries its ``text``."""
    blocks = []
    for b in report.blocks:
        d = to_dict(b)
        if b.page_start is None:  # pages exist only for PDF input: text input keeps its shape
            del d["page_start"], d["page_end"]
        d["text"] = report.text[b.start : b.end]
        blocks.append(d)
    out: dict[str, Any] = {
        "meta": to_dict(report.meta),
        "text": report.text,
        "blocks": blocks,
    }
    out["meta"]["repairs"] = to_dict(report.repairs)
    for name in LAYERS:
        out[name] = to_dict(getattr(report, name))
    return out


def report_from_json(data: dict[str, Any]) -> Report:
    """Inverse of :func:`report_to_json` (the blocks' ``text`` is derived, so it is ignored)."""
    meta = dict(data.get("meta") or {})
    repairs = tuple(from_dict(Repair, r) for r in meta.pop("repairs", ()) or ())
    layers = {name: tuple(from_dict(cls, x) for x in data.get(name) or ()) for name, (cls, _e, _i) in LAYERS.items()}
    return Report(meta=from_dict(Meta, meta), text=data.get("text", ""),
                  blocks=tuple(from_dict(Block, b) for b in data.get("blocks") or ()),
                  repairs=repairs, **layers)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _finite(obj: Any) -> Any:
    """Non-finite floats become null: ``NaN``/``Infinity`` are not JSON, and no reader takes them."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def dump(data: Any, fh: BinaryIO) -> None:
    """Write ``dumps(data)`` to the binary file ``fh`` as UTF-8, piece by piece.

    The text of a large comparison is never held whole (nor its bytes): on sixteen reports end
    to end that was the command's peak memory.  ``fh`` must be seekable (a NaN found part way
    through starts the file again, with non-finite numbers as null), else ``dumps`` is used.
    """
    if not fh.seekable():
        fh.write(dumps(data).encode("utf-8"))
        return
    start = fh.tell()
    try:
        _dump_pieces(data, fh)
    except ValueError:  # a NaN or infinity somewhere
        fh.seek(start)
        fh.truncate()
        _dump_pieces(_finite(data), fh)


def _dump_pieces(data: Any, fh: BinaryIO, batch: int = 4096) -> None:
    pieces: list[str] = []

    def flush() -> None:
        fh.write(_escape_surrogates("".join(pieces)).encode("utf-8"))
        pieces.clear()

    for piece in json.JSONEncoder(ensure_ascii=False, indent=1, allow_nan=False).iterencode(data):
        pieces.append(piece)
        if len(pieces) >= batch:
            flush()
    pieces.append("\n")
    flush()


def dumps(data: Any) -> str:
    """Indented JSON with readable Chinese; safe to encode as UTF-8 whatever the text holds."""
    try:
        text = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False)
    except ValueError:  # a NaN or infinity somewhere
        text = json.dumps(_finite(data), ensure_ascii=False, indent=1, allow_nan=False)
    return _escape_surrogates(text) + "\n"


def _escape_surrogates(text: str) -> str:
    """A lone surrogate (only possible inside a string) cannot be written as UTF-8: escape it,
    which JSON allows and which reads back as the same character."""
    if _LONE_SURROGATE.search(text):
        text = _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text
