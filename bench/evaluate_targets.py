"""Evaluate the targets layer against the hand-typed gold in tests/gold/targets/.

For every corpus report with a gold file, annotate it and compare its main targets (the targets
block, plus a GDP target restated in commentary) with the gold: a gold target is found when a
predicted target has the same indicator (or, when either has none, the same metric wording) and
the same value and qualifier (``low``/``high`` for ranges).  Prints per-report and overall recall
and precision, and the misses; then by class (numeric and wordless targets; the reports by
kind: national 1954-1995 in prose or announced lists, national 2015-2025, provinces and Shanghai,
Hong Kong, the seed), how many main targets carry ``scope`` headline and ``horizon`` year, and the
national GDP growth target of every year the gold holds one for.  Gold files with a ``measures`` list
(targets set inside the measures, ``scope`` measure; conventions in the file's ``measures_note``) are
scored the same way against the report's measure targets, with how many matched ones have the
gold's ``horizon``.
Usage: ``python bench/evaluate_targets.py [CORPUS_DIR] [-v]``.
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
    classes: dict[str, list[int]] = {}  # class -> [gold, predicted, hits]
    scope_ok = horizon_ok = n_main = 0
    gdp_series: list[tuple[str, object, object]] = []
    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))["targets"]
        src = next((p for p in corpus.glob(gold_file.stem + ".*") if p.suffix != ".json"), None)
        if src is None:
            print(f"{gold_file.stem}: report not found in {corpus}", file=sys.stderr)
            continue
        report = pipeline.tag(str(src))
        mains = main_targets(report)
        pred = [
            {"indicator": t.indicator, "metric": t.metric, "text": t.text, "value": t.value, "low": t.low,
             "high": t.high, "qualifier": t.qualifier}
            for t in mains
        ]
        n_main += len(mains)
        scope_ok += sum(1 for t in mains if getattr(t, "scope", "headline") == "headline")
        horizon_ok += sum(1 for t in mains if getattr(t, "horizon", "year") == "year")
        hits, missed, extra = match(gold, pred)
        for cls, g_sub, p_sub in _classes(gold_file.stem, gold, pred):
            h, _, _ = match(g_sub, p_sub)
            acc = classes.setdefault(cls, [0, 0, 0])
            acc[0], acc[1], acc[2] = acc[0] + len(g_sub), acc[1] + len(p_sub), acc[2] + h
        if gold_file.stem.startswith("national-"):
            g = next((x for x in gold if x["indicator"] == "gdp_growth"), None)
            p = next((x for x in pred if x["indicator"] == "gdp_growth"), None)
            if g is not None or p is not None:
                gdp_series.append((gold_file.stem.split("-")[1], _value(g), _value(p)))
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
    return {"rows": rows, "gold": total_gold, "predicted": total_pred, "hits": total_hits, "classes": classes,
            "scope_ok": scope_ok, "horizon_ok": horizon_ok, "main": n_main, "gdp": gdp_series}


def evaluate_measures(corpus: Path = CORPUS, echo: bool = True) -> dict:
    """Score the measure targets of every gold file that lists ``measures``; returns
    ``{"gold", "predicted", "hits", "horizon_ok"}`` (prints each report and its misses when ``echo``)."""
    say = print if echo else (lambda *a, **k: None)
    tot = {"gold": 0, "predicted": 0, "hits": 0, "horizon_ok": 0}
    for gold_file in sorted(GOLD.glob("*.json")):
        doc = json.loads(gold_file.read_text(encoding="utf-8"))
        if "measures" not in doc:
            continue
        gold = doc["measures"]
        src = next((p for p in corpus.glob(gold_file.stem + ".*") if p.suffix != ".json"), None)
        if src is None:
            continue
        pred = [{"indicator": t.indicator, "metric": t.metric, "text": t.text, "value": t.value, "low": t.low,
                 "high": t.high, "qualifier": t.qualifier, "horizon": t.horizon}
                for t in pipeline.tag(str(src)).targets if t.scope == "measure"]
        hits, missed, extra = match(gold, pred)
        horizon_ok = sum(1 for g in gold if g not in missed
                         and any(same_metric(g, p) and same_value(g, p) and p["horizon"] == g["horizon"] for p in pred))
        for k, v in (("gold", len(gold)), ("predicted", len(pred)), ("hits", hits), ("horizon_ok", horizon_ok)):
            tot[k] += v
        say(f"{gold_file.stem:40s} measures gold {len(gold):3d} pred {len(pred):3d} hit {hits:3d}  horizon {horizon_ok}")
        for g in missed:
            say(f"    missed: {g['metric']} {g['value']} {g['unit']} {g['qualifier']}")
        for e in extra:
            say(f"    extra:  {e['indicator']} {e['metric']} {e['value']} {e['qualifier']} | {e['text']}")
    return tot


def _kind(stem: str) -> str:
    """The class of report a gold file belongs to (for the per-class table only)."""
    if stem.startswith("national-"):
        return "national 1954-1995" if int(stem.split("-")[1]) < 2000 else "national 2015-2025"
    if stem.startswith("hongkong-"):
        return "hong kong"
    if stem.startswith("tongzhou-"):
        return "plan report (seed)"
    return "provinces and shanghai"


def _classes(stem: str, gold: list[dict], pred: list[dict]):
    """(class, gold subset, predicted subset) for the per-class table."""
    numeric = lambda t: t["value"] is not None or t["low"] is not None  # noqa: E731
    yield "numeric targets", [g for g in gold if numeric(g)], [p for p in pred if numeric(p)]
    yield "wordless targets", [g for g in gold if not numeric(g)], [p for p in pred if not numeric(p)]
    yield "reports: " + _kind(stem), gold, pred


def _value(t: dict | None) -> str:
    if t is None:
        return "-"
    if t["qualifier"] == "range":
        return f"{t['low']:g}-{t['high']:g}"
    return f"{t['value']:g}" if t["value"] is not None else "words"


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
    print("\nby class                         gold  pred   hit      R      P")
    for cls, (g, p, h) in res["classes"].items():
        print(f"  {cls:30s} {g:5d} {p:5d} {h:5d}  {h / g if g else 1:.3f}  {h / p if p else 1:.3f}")
    m = res["main"] or 1
    print(f"main targets with scope headline {res['scope_ok']}/{res['main']} ({res['scope_ok'] / m:.3f}), "
          f"horizon year {res['horizon_ok']}/{res['main']} ({res['horizon_ok'] / m:.3f})")
    gdp = res["gdp"]
    right = sum(1 for _, g, p in gdp if g == p)
    print(f"national GDP growth target right {right}/{len(gdp)}: "
          + ", ".join(f"{y} {g}" + ("" if g == p else f" (got {p})") for y, g, p in gdp))
    print(f"\nreports {len(rows)}  gold {total_gold}  predicted {total_pred}  matched {total_hits}")
    print(f"main targets recall {recall:.3f}  precision {precision:.3f}  ({time.perf_counter() - t0:.1f} s)")
    print()
    m = evaluate_measures(corpus)
    g, p, h = m["gold"], m["predicted"], m["hits"]
    print(f"measure targets gold {g}  predicted {p}  matched {h}  recall {h / g if g else 1:.3f}  "
          f"precision {h / p if p else 1:.3f}  horizon right {m['horizon_ok']}/{h}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
