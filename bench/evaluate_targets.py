"""Evaluate the targets layer against the hand-typed gold in tests/gold/targets/.

For every corpus report with a gold file, annotate it and compare its main targets (the targets
block, plus a GDP target restated in commentary) with the gold: a gold target is found when a
predicted target has the same indicator (or, when either has none, the same metric wording) and
the same value and qualifier (``low``/``high`` for ranges).  Prints per-report and overall recall
and precision, and the misses.  Usage: ``python bench/evaluate_targets.py [CORPUS_DIR] [-v]``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotate import pipeline  # noqa: E402
from annotate.annotators.targets import main_targets  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "targets"
CORPUS = ROOT.parent / "shared" / "corpus"


def _num_eq(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-6


def same_metric(g: dict, p: dict) -> bool:
    if g["indicator"] and p["indicator"]:
        return g["indicator"] == p["indicator"]
    gm, pm, pt = g["metric"], p["metric"] or "", p.get("text") or ""
    return bool(gm) and (gm in pt or (pm and (pm in gm or gm in pm)))


def same_value(g: dict, p: dict) -> bool:
    if g["qualifier"] != p["qualifier"]:
        return False
    if g["qualifier"] == "range":
        return _num_eq(g["low"], p["low"]) and _num_eq(g["high"], p["high"])
    return _num_eq(g["value"], p["value"])


def match(gold: list[dict], pred: list[dict]) -> tuple[int, list[dict], list[dict]]:
    """Greedy one-to-one matching; returns (hits, missed gold, unmatched predictions)."""
    used: set[int] = set()
    missed = []
    hits = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and same_metric(g, p) and same_value(g, p):
                used.add(i)
                hits += 1
                break
        else:
            missed.append(g)
    extra = [p for i, p in enumerate(pred) if i not in used]
    return hits, missed, extra


def _print_speed(corpus: Path) -> None:
    """Time the indicators and targets annotators on the seed, in-process, after warm-up."""
    from annotate.annotators.indicators import annotate_indicators
    from annotate.annotators.targets import annotate_targets

    seed = corpus / "tongzhou-2021-plan-report.md"
    if not seed.is_file():
        return
    report = pipeline.tag(str(seed))
    for fn in (annotate_indicators, annotate_targets):
        fn(report)
        n = 50
        t = time.perf_counter()
        for _ in range(n):
            fn(report)
        print(f"{fn.__name__} on the seed: {(time.perf_counter() - t) / n * 1000:.1f} ms")


def evaluate(corpus: Path = CORPUS, verbose: bool = False, echo: bool = True) -> dict:
    """Score every gold report; returns ``{"rows", "gold", "predicted", "hits"}`` (prints rows when ``echo``)."""
    say = print if echo else (lambda *a, **k: None)
    total_gold = total_pred = total_hits = 0
    rows = []
    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))["targets"]
        src = next((p for p in corpus.glob(gold_file.stem + ".*") if p.suffix != ".json"), None)
        if src is None:
            print(f"{gold_file.stem}: report not found in {corpus}", file=sys.stderr)
            continue
        report = pipeline.tag(str(src))
        pred = [
            {"indicator": t.indicator, "metric": t.metric, "text": t.text, "value": t.value, "low": t.low,
             "high": t.high, "qualifier": t.qualifier}
            for t in main_targets(report)
        ]
        hits, missed, extra = match(gold, pred)
        total_gold += len(gold)
        total_pred += len(pred)
        total_hits += hits
        r = hits / len(gold) if gold else 1.0
        p = hits / len(pred) if pred else 1.0
        rows.append((gold_file.stem, len(gold), len(pred), hits, r, p))
        say(f"{gold_file.stem:40s} gold {len(gold):3d} pred {len(pred):3d} hit {hits:3d}  R {r:.3f}  P {p:.3f}")
        if verbose or missed:
            for g in missed:
                say(f"    missed: {g['indicator']} {g['metric']} {g['value']} {g['low']}-{g['high']} {g['qualifier']}")
        if verbose or (extra and missed):
            for e in extra:
                say(f"    extra:  {e['indicator']} {e['metric']} {e['value']} {e['qualifier']} | {e['text']}")
    return {"rows": rows, "gold": total_gold, "predicted": total_pred, "hits": total_hits}


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    corpus = Path(args[0]) if args else CORPUS
    t0 = time.perf_counter()
    res = evaluate(corpus, verbose)
    rows, total_gold, total_pred, total_hits = res["rows"], res["gold"], res["predicted"], res["hits"]
    _print_speed(corpus)
    recall = total_hits / total_gold if total_gold else 1.0
    precision = total_hits / total_pred if total_pred else 1.0
    print(f"\nreports {len(rows)}  gold {total_gold}  predicted {total_pred}  matched {total_hits}")
    print(f"main targets recall {recall:.3f}  precision {precision:.3f}  ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
