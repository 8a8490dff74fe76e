"""Targets → the rows of ``annotate targets`` (DESIGN.md part A), as JSON or CSV.

Contract: :func:`target_rows` gives one dict per target in report order with exactly the columns
of :data:`COLUMNS`; :func:`to_json` writes them as a JSON array (UTF-8, not ASCII-escaped);
:func:`to_csv` writes the same columns with a header row, plain UTF-8 (no BOM), numbers as
written (``6.5``, ``1000``) and empty cells for nulls.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from ..model import Report
from .labels import csv_table

COLUMNS = ("file", "issuer", "region", "year", "indicator", "component", "metric", "text", "value", "low", "high",
           "unit", "qualifier", "stretch", "scope", "horizon", "period", "start", "end", "block")
_REPORT_COLUMNS = ("file", "issuer", "region")  # from the report's identity, not the target


def target_rows(report: Report, file: str) -> list[dict[str, Any]]:
    """One row per target of ``report``; ``file`` names the input it was read from."""
    rows = []
    for t in report.targets:
        row: dict[str, Any] = {"file": file, "issuer": report.meta.issuer, "region": report.meta.region}
        row.update({c: getattr(t, c) for c in COLUMNS if c not in _REPORT_COLUMNS})
        if row["year"] is None:
            row["year"] = report.meta.year
        rows.append(row)
    return rows


def to_json(rows: Iterable[dict[str, Any]]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=1) + "\n"


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    return csv_table(rows, COLUMNS)
