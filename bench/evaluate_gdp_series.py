"""Score the national output growth target series of ``annotate timeline`` (issue 11).

Gold: ``tests/gold/gdp_series/national.tsv`` (conventions in its README): one row per national report,
the growth target its plan sets for the headline output measure (``gdp_growth``, or before GDP was
planned ``gross_output_growth``, 工农业总产值), or ``none``.

Prints every report year right or wrong, then ``years right R/N`` and ``years with a target right
T/M``.  Usage: ``python bench/evaluate_gdp_series.py [--corpus DIR]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "tests" / "gold" / "gdp_series" / "national.tsv"
# the measures a plan's headline output growth is stated in, over the years
OUTPUT_MEASURES = ("gdp_growth", "gross_output_growth", "national_income_growth")


def _num(s: str) -> Optional[float]:
    return float(s) if s.strip() else None


def read_gold(path: Path = GOLD) -> list[dict]:
    """The gold rows: ``file``, ``plan_year``, ``indicator`` (``none`` for no target), ``as_written``
    and, for a target, ``value``/``low``/``high``/``qualifier``."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t") + [""] * 8
        row = {"file": cells[0], "plan_year": int(cells[1]), "indicator": cells[2], "as_written": cells[3]}
        if cells[2] != "none":
            row.update(value=_num(cells[4]), low=_num(cells[5]), high=_num(cells[6]), qualifier=cells[7])
        rows.append(row)
    return rows


def judge(row: dict, points) -> tuple[bool, str]:
    """Is the timeline right for the gold ``row``?  ``points``: every timeline Point of the series.
    Returns (right, what the timeline says)."""
    name = row["file"]
    own = [p for p in points if p.status == "set" and p.indicator in OUTPUT_MEASURES and Path(p.file).name == name]
    said = "; ".join(f"{p.indicator} {p.year} {p.value}/{p.low}-{p.high} {p.qualifier}" for p in own) or "nothing set"
    if row["indicator"] == "none":
        return not own, said
    hit = [p for p in own if p.indicator == row["indicator"]]
    if len(hit) != 1:
        return False, said
    p = hit[0]
    same = (p.year == row["plan_year"] and p.qualifier == row["qualifier"]
            and all((getattr(p, k) is None and row[k] is None) or (getattr(p, k) is not None and row[k] is not None
                    and abs(float(getattr(p, k)) - row[k]) < 1e-9) for k in ("value", "low", "high")))
    # another measure from the same report is fine (国民收入 beside 工农业总产值), but not for another year
    stray = [q for q in own if q is not p and q.year != row["plan_year"]]
    return same and not stray, said


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(CORPUS))
    args = ap.parse_args(argv)
    from annotate import pipeline
    from annotate.corpus.series import timeline

    gold = read_gold()
    corpus = Path(args.corpus)
    reports = [(str(corpus / r["file"]), pipeline.tag(str(corpus / r["file"]))) for r in gold]
    points = timeline(reports)
    right = with_target = with_target_right = 0
    for row in gold:
        ok, said = judge(row, points)
        right += ok
        if row["indicator"] != "none":
            with_target += 1
            with_target_right += ok
        want = "none" if row["indicator"] == "none" else (
            f"{row['indicator']} {row['plan_year']} {row['value']}/{row['low']}-{row['high']} {row['qualifier']}")
        print(f"{'ok  ' if ok else 'MISS'} {row['file']:<36} gold {want:<48} timeline {said}")
    print(f"years right {right}/{len(gold)}  years with a target right {with_target_right}/{with_target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
