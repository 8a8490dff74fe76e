"""Report → the JSON shape of ``annotate tag --format json`` (DESIGN.md part A)."""

from __future__ import annotations

import json
from typing import Any

from .model import LAYERS, Report, to_dict


def report_to_json(report: Report) -> dict[str, Any]:
    """The report as plain data; every block also carries its ``text``."""
    blocks = []
    for b in report.blocks:
        d = to_dict(b)
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


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
