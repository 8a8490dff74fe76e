"""Precision and recall of every annotation layer against the hand-built gold in tests/gold/ (issue 3).

Usage:  python bench/evaluate_layers.py [--verbose] [--only dates,indicators]

Prints, per report and overall, P/R of the layers scored here:

- dates, periods, ranks (gold ``tests/gold/dates/*.json``): paragraphs and the spans a reader finds
  in each.  A prediction matches a gold span with the same text (whitespace ignored), one to one;
  value accuracy (DateSpan/Period ``value``, Rank ``position`` and ``scope``) is over matched pairs.
- indicators (gold ``tests/gold/indicators/*.json``): each paragraph is annotated on its own (all
  layers, so quantities, periods and ranks are the real ones).  A prediction matches a gold indicator
  when the gold metric appears inside the predicted metric and level, growth and points are the gold's
  (quantity texts compared without spaces).  Canonical-id, period and rank accuracy and exact-metric
  agreement are over matched pairs.

and then one table with every layer, calling the other scripts' functions (not copies of them):
quantities (bench/evaluate.py ``evaluate_quantities``), entities and commitments
(bench/evaluate_entities.py, tuning gold and the pooled held-out rounds), targets
(bench/evaluate_targets.py ``evaluate``).  Gold paragraphs are stored as text, so the gold survives
offset changes; each gold file's header says how it was made.

Blind numbers are kept in the gold files whose name starts with ``blind-`` (annotated by hand before the
code was run on them); the header of each says what the first run measured.

Measured history (so later numbers are read for what they are):
- tuning gold before any fix: indicators P 0.636 R 0.737 (133 gold); periods R 0.879, ranks R 0.936.
- blind round 1, jiangsu-2026, first run: indicators P 0.805 R 0.795 (78 gold, id accuracy 0.903);
  dates 9/9, periods P 1.000 R 0.917 (12), ranks 14/14.  General fixes followed: no longer blind.
- blind round 2, zhejiang-2025, first run (after round 1's fixes): indicators P 0.857 R 0.800 (60 gold,
  id accuracy 0.938); dates P 1.000 R 0.800 (5), periods 4/4, ranks 5/5.  Fixes followed: no longer blind.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scoring import match, scores  # noqa: E402
GOLD = ROOT / "tests" / "gold"

DATE_LAYERS = ("dates", "periods", "ranks")


def _squash(s: str | None) -> str:
    return "".join((s or "").split())


# --------------------------------------------------------------------------- dates, periods, ranks


def _date_items(layer: str, text: str) -> list[dict]:
    from annotate.annotators.dates import find_dates, find_periods, find_ranks

    if layer == "dates":
        return [{"text": d.text, "value": d.value} for d in find_dates(text)]
    if layer == "periods":
        return [{"text": p.text, "value": p.value} for p in find_periods(text)]
    return [{"text": r.text, "scope": r.scope, "position": r.position} for r in find_ranks(text)]


def _date_value(layer: str, item: dict) -> tuple:
    return (item.get("scope"), item.get("position")) if layer == "ranks" else (item.get("value"),)


def _gold_files(gold_dir: Path, tuning_only: bool) -> list[Path]:
    """The gold files; ``tuning_only`` leaves out the blind ones (``blind-*.json``)."""
    return [p for p in sorted(gold_dir.glob("*.json")) if not (tuning_only and p.name.startswith("blind-"))]


def evaluate_dates(gold_dir: Path = GOLD / "dates", verbose: bool = False, tuning_only: bool = False) -> dict[str, dict[str, dict]]:
    """``{layer: {report: scores, ..., "overall": scores}}`` for dates, periods and ranks."""
    results: dict[str, dict[str, dict]] = {layer: {} for layer in DATE_LAYERS}
    totals = {layer: Counter() for layer in DATE_LAYERS}
    for path in _gold_files(gold_dir, tuning_only):
        data = json.loads(path.read_text(encoding="utf-8"))
        counts = {layer: Counter() for layer in DATE_LAYERS}
        for para in data["paragraphs"]:
            for layer in DATE_LAYERS:
                c = counts[layer]
                pairs, false_positives, missed = match(para.get(layer, []), _date_items(layer, para["para"]),
                                                       lambda g, p: _squash(g["text"]) == _squash(p["text"]))
                c["fp"] += len(false_positives)
                if verbose:
                    for p in false_positives:
                        print(f"  FP {layer} {path.stem}: {p}  | {para['para'][:50]}")
                for hit, p in pairs:
                    c["tp"] += 1
                    ok = _date_value(layer, hit) == _date_value(layer, p)
                    c["value_ok"] += ok
                    if verbose and not ok:
                        print(f"  VALUE {layer} {path.stem}: {p['text']} gold={_date_value(layer, hit)} got={_date_value(layer, p)}")
                c["fn"] += len(missed)
                if verbose:
                    for g in missed:
                        print(f"  FN {layer} {path.stem}: {g}  | {para['para'][:50]}")
        for layer in DATE_LAYERS:
            counts[layer]["value_ok"] += 0
            results[layer][path.stem] = scores(counts[layer])
            totals[layer].update(counts[layer])
    for layer in DATE_LAYERS:
        totals[layer]["value_ok"] += 0
        results[layer]["overall"] = scores(totals[layer])
    return results


# --------------------------------------------------------------------------- indicators

_LEADING_WORDS = re.compile(r"^[^0-9０-９零〇一二两三四五六七八九十百千万亿半]*")


def _value_key(s: str | None) -> str:
    return _squash(s)


def _annotate_paragraph(text: str):
    from annotate.annotators import run_all
    from annotate.model import Meta, Report

    return run_all(Report(meta=Meta(), text=text + "\n"))


def predicted_indicators(text: str) -> list[dict]:
    """The indicators of ``text`` annotated on its own, with values as quantity texts."""
    report = _annotate_paragraph(text)
    qs = {q.id: q.text for q in report.quantities}
    ps = {p.id: p.text for p in report.periods}
    rs = {r.id: r.text for r in report.ranks}
    return [{"metric": i.metric, "indicator": i.indicator, "level": qs.get(i.level), "growth": qs.get(i.growth),
             "points": qs.get(i.points), "period": ps.get(i.period), "rank": rs.get(i.rank)}
            for i in report.indicators]


def _ind_match(g: dict, p: dict) -> bool:
    if _squash(g["metric"]) not in _squash(p["metric"]):
        return False
    return all(_value_key(g.get(k)) == _value_key(p.get(k)) for k in ("level", "growth", "points"))


def evaluate_indicators(gold_dir: Path = GOLD / "indicators", verbose: bool = False, tuning_only: bool = False) -> dict[str, dict]:
    """Per report (and ``"overall"``): tp, fp, fn, P, R and id/period/rank/metric accuracy."""
    results: dict[str, dict] = {}
    total = Counter()
    for path in _gold_files(gold_dir, tuning_only):
        data = json.loads(path.read_text(encoding="utf-8"))
        c = Counter({"id_ok": 0, "period_ok": 0, "rank_ok": 0, "metric_exact_ok": 0})
        for para in data["paragraphs"]:
            pairs, false_positives, missed = match(para["indicators"], predicted_indicators(para["para"]), _ind_match)
            c["fp"] += len(false_positives)
            if verbose:
                for p in false_positives:
                    print(f"  FP ind {path.stem}: {p['metric']} L={p['level']} G={p['growth']} P={p['points']}")
            for hit, p in pairs:
                c["tp"] += 1
                c["id_ok"] += hit["indicator"] == p["indicator"]
                c["period_ok"] += _squash(hit["period"]) == _squash(p["period"])
                c["rank_ok"] += _squash(hit["rank"]) == _squash(p["rank"])
                c["metric_exact_ok"] += _squash(hit["metric"]) == _squash(p["metric"])
                if verbose:
                    for k, a, b in (("id", hit["indicator"], p["indicator"]), ("period", hit["period"], p["period"]),
                                    ("rank", hit["rank"], p["rank"])):
                        if _squash(a) != _squash(b):
                            print(f"  {k.upper()} {path.stem}: {p['metric']} gold={a} got={b}")
            c["fn"] += len(missed)
            if verbose:
                for g in missed:
                    print(f"  FN ind {path.stem}: {g['metric']} L={g['level']} G={g['growth']} P={g['points']} rk={g['rank']}")
        total.update(c)
        results[path.stem] = scores(c)
    results["overall"] = scores(total)
    return results


# --------------------------------------------------------------------------- the other layers


def other_layers(verbose: bool = False) -> dict[str, dict]:
    """Overall scores of the layers scored by the other scripts, through their functions."""
    out: dict[str, dict] = {}
    import evaluate as q_eval

    q = q_eval.evaluate_quantities(verbose=verbose)["overall"]
    out["quantities"] = scores(Counter(tp=q["tp"], fp=q["fp"], fn=q["fn"]))
    import evaluate_entities as e_eval

    if e_eval.CORPUS.is_dir():
        cache: dict = {}
        out["entities"] = _ec(e_eval.evaluate_entities(cache, verbose, "entities.tsv"))
        out["commitments"] = _ec(e_eval.evaluate_commitments(cache, verbose, "commitments.tsv"))
        held = {"entities": Counter(), "commitments": Counter()}
        for prefix, _label in e_eval.HELDOUT_ROUNDS:
            if not (GOLD / f"{prefix}entities.tsv").is_file():
                continue
            for layer, fn in (("entities", e_eval.evaluate_entities), ("commitments", e_eval.evaluate_commitments)):
                r = _ec(fn(cache, verbose, f"{prefix}{layer}.tsv"))
                held[layer].update({k: r[k] for k in ("tp", "fp", "fn")})
        for layer, c in held.items():
            if c:
                out[f"{layer} (held-out)"] = scores(c)
        import evaluate_commitments as c_eval

        # every clause that promises action (issue 19); its held-out part is scored by
        # ``evaluate_commitments.py --heldout`` only, so it stays blind here
        out["commitments (full rule)"] = c_eval.evaluate(c_eval.TUNING, cache)["overall"]
    import evaluate_targets as t_eval

    if t_eval.CORPUS.is_dir():
        r = t_eval.evaluate(t_eval.CORPUS, verbose=verbose, echo=False)
        out["targets (main)"] = scores(Counter(tp=r["hits"], fp=r["predicted"] - r["hits"], fn=r["gold"] - r["hits"]))
    return out


def _pool(results: dict[str, dict], blind: bool) -> dict | None:
    """Overall scores over the tuning reports (``blind=False``) or the blind ones."""
    c = Counter()
    for name, r in results.items():
        if name != "overall" and name.startswith("blind-") == blind:
            c.update({k: r[k] for k in ("tp", "fp", "fn")})
    return scores(c) if c else None


def _ec(r: dict) -> dict:
    """An evaluate_entities result (P, R, counts) as tp/fp/fn scores."""
    tp = round(r["recall"] * r["gold"])
    return scores(Counter(tp=tp, fp=r["predicted"] - tp, fn=r["gold"] - tp))


# --------------------------------------------------------------------------- printing


def _print_reports(layer: str, results: dict[str, dict], extra: tuple[str, ...]) -> None:
    print(f"== {layer}")
    head = "".join(f"{e.replace('_accuracy', ''):>13}" for e in extra)
    print(f"{'report':<18}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>8}{'R':>8}{head}")
    for name, r in results.items():
        vals = "".join(f"{r.get(e, 1.0):>13.3f}" for e in extra)
        print(f"{name:<18}{r['gold']:>6}{r['predicted']:>6}{r['tp']:>6}{r['precision']:>8.3f}{r['recall']:>8.3f}{vals}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list every miss, false alarm and value error")
    ap.add_argument("--only", help="comma-separated: dates,indicators (skip the all-layer table)")
    args = ap.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    table: dict[str, dict] = {}
    if only is None or "dates" in only:
        dres = evaluate_dates(verbose=args.verbose)
        for layer in DATE_LAYERS:
            _print_reports(layer, dres[layer], ("value_accuracy",))
            table[layer] = _pool(dres[layer], blind=False)
            table[f"{layer} (ex-blind)"] = _pool(dres[layer], blind=True)
    if only is None or "indicators" in only:
        ires = evaluate_indicators(verbose=args.verbose)
        _print_reports("indicators", ires, ("id_accuracy", "period_accuracy", "rank_accuracy", "metric_exact_accuracy"))
        table["indicators"] = _pool(ires, blind=False)
        table["indicators (ex-blind)"] = _pool(ires, blind=True)
    if only is None:
        table.update(other_layers())
        order = ["quantities", "dates", "dates (ex-blind)", "periods", "periods (ex-blind)", "ranks", "ranks (ex-blind)",
                 "entities", "entities (held-out)", "commitments", "commitments (held-out)", "commitments (full rule)",
                 "indicators",
                 "indicators (ex-blind)", "targets (main)"]
        print("\n== every layer (overall; 'ex-blind' = the blind files scored now, after the fixes their first run led to;"
              " first-run numbers are in their headers; quantities pool tuning and blind files, see bench/evaluate.py)")
        print(f"{'layer':<24}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>8}{'R':>8}")
        for layer in order + [k for k in table if k not in order]:
            r = table.get(layer)
            if r is not None:
                print(f"{layer:<24}{r['gold']:>6}{r['predicted']:>6}{r['tp']:>6}{r['precision']:>8.3f}{r['recall']:>8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
