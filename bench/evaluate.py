"""Evaluate annotators against the hand-built gold sets in tests/gold/ (issue 3 "Done when").

Usage:  python bench/evaluate.py [--layer quantities] [--verbose]

One function per layer (``evaluate_<layer>``) returning per-report scores; ``main`` prints them.
Other layers (targets, …) add their own function and a line in ``LAYERS``.

Quantities: gold files ``tests/gold/quantities/*.json`` hold paragraphs and the quantities a
reader finds in each.  A predicted quantity matches a gold one when its text span, value and unit
are equal (ranges: low and high instead of value); precision and recall are counted per report
and overall; qualifier accuracy (and normalized/base_unit accuracy) is over matched pairs.
Targets: P ≥ 0.97, R ≥ 0.97, qualifier accuracy ≥ 0.97.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scoring import match, scores  # noqa: E402

GOLD = ROOT / "tests" / "gold"


def _key(q: dict) -> tuple:
    """The identity a prediction must reproduce: span text, value (or range) and unit."""
    if q.get("qualifier") == "range":
        return (q["text"], None, _num(q.get("low")), _num(q.get("high")), q["unit"])
    return (q["text"], _num(q.get("value")), None, None, q["unit"])


def _num(v):
    return None if v is None else round(float(v), 6)


def evaluate_quantities(gold_dir: Path = GOLD / "quantities", verbose: bool = False) -> dict[str, dict]:
    """Per report (and ``"overall"``): tp, fp, fn, precision, recall, qualifier accuracy."""
    from annotate.annotators.quantities import find_quantities

    results: dict[str, dict] = {}
    total = Counter()
    for path in sorted(gold_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        c = Counter()
        for para in data["paragraphs"]:
            gold = para["quantities"]
            pred = [
                {k: getattr(q, k) for k in ("text", "value", "unit", "normalized", "base_unit", "qualifier", "low", "high")}
                for q in find_quantities(para["para"])
            ]
            pairs, false_positives, missed = match(gold, pred, lambda g, p: _key(g) == _key(p))
            c["fp"] += len(false_positives)
            if verbose:
                for p in false_positives:
                    print(f"  FP {path.stem}: {p['text']} {p['value']} {p['unit']}  | {para['para'][:60]}")
            for hit, p in pairs:
                c["tp"] += 1
                c["qualifier_ok"] += hit["qualifier"] == p["qualifier"]
                c["normalized_ok"] += _num(hit.get("normalized")) == _num(p["normalized"]) and hit.get("base_unit") == p["base_unit"]
                if verbose and hit["qualifier"] != p["qualifier"]:
                    print(f"  QUAL {path.stem}: {p['text']} gold={hit['qualifier']} got={p['qualifier']}")
            c["fn"] += len(missed)
            if verbose:
                for g in missed:
                    print(f"  FN {path.stem}: {g['text']} {g.get('value')} {g['unit']}  | {para['para'][:60]}")
        total.update(c)
        results[path.stem] = scores(c)
    results["overall"] = scores(total)
    return results


def time_quantities(repeat: int = 20) -> float | None:
    """Milliseconds to annotate quantities + dates/periods/ranks of the seed, after warm-up."""
    from annotate.annotators.dates import find_dates, find_periods, find_ranks
    from annotate.annotators.quantities import find_quantities

    seed = ROOT.parent / "shared" / "corpus" / "tongzhou-2021-plan-report.md"
    if not seed.is_file():
        return None
    text = seed.read_text(encoding="utf-8")
    find_quantities(text)
    t0 = time.perf_counter()
    for i in range(repeat):
        t = text + str(i)  # a new string each time: no cache hit flatters the number
        find_quantities(t)
        find_dates(t)
        find_periods(t)
        find_ranks(t)
    return (time.perf_counter() - t0) / repeat * 1000


def _print_table(layer: str, results: dict[str, dict]) -> None:
    print(f"== {layer}")
    print(f"{'report':<22}{'gold':>6}{'tp':>6}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'qual':>8}{'norm':>8}")
    for name, r in results.items():
        print(
            f"{name:<22}{r['gold']:>6}{r['tp']:>6}{r['fp']:>5}{r['fn']:>5}"
            f"{r['precision']:>8.3f}{r['recall']:>8.3f}{r['qualifier_accuracy']:>8.3f}{r['normalized_accuracy']:>8.3f}"
        )


LAYERS = {"quantities": evaluate_quantities}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layer", choices=sorted(LAYERS), action="append")
    ap.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    args = ap.parse_args(argv)
    for layer in args.layer or list(LAYERS):
        _print_table(layer, LAYERS[layer](verbose=args.verbose))
        if layer == "quantities":
            ms = time_quantities()
            if ms is not None:
                print(f"seed, quantities+dates+periods+ranks: {ms:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
