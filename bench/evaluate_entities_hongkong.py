"""Entity precision/recall on the Hong Kong policy addresses alone: every gold set's ``hongkong-*`` rows, per file
and per class (issue 18, Hong Kong round).

The scoring is ``evaluate_entities.evaluate_entities`` (one implementation): each gold set's Hong Kong rows of one
file are written to a temporary TSV and scored as a gold file of their own, so anchors are cut only by anchors of the
same set, as in the full run.  Pooled lines sum the per-file counts.

Measured history (exact span and type, tp/predicted/gold):
- 2026-12-07, k5 session start: see the notes of issue 18 (Hong Kong round) for the before/after table.

Run: ``python bench/evaluate_entities_hongkong.py [-v] [--all]`` (needs ../shared/corpus); ``--all`` first scores every
gold file of the repository and pools them (Hong Kong rules must not cost the mainland reports).
"""

from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate_entities import GOLD, _prf, evaluate_entities, read_gold  # noqa: E402

#: every gold file that holds Hong Kong rows (tuning, then the held-out sets)
GOLD_SETS = ("entities/tuning2.tsv", "entities/heldout3.tsv", "entities/heldout4.tsv", "entities/heldout5.tsv",
             "heldout_entities.tsv", "heldout2_entities.tsv")


def hongkong_rows(gold_file: str) -> dict[str, list[dict]]:
    """``file -> rows`` of one gold set, Hong Kong addresses only (their file names start ``hongkong-``)."""
    out: dict[str, list[dict]] = {}
    for r in read_gold(gold_file):
        if r["file"].startswith("hongkong-"):
            out.setdefault(r["file"], []).append(r)
    return out


def score_rows(rows: list[dict], cache: dict, verbose: bool) -> dict:
    """``evaluate_entities`` over ``rows`` alone (written to a temporary gold file)."""
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", encoding="utf-8", newline="", delete=False) as fh:
        w = csv.DictWriter(fh, fieldnames=["file", "anchor", "text", "type"], delimiter="\t", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
        path = fh.name
    try:
        return evaluate_entities(cache, verbose, path)  # GOLD / an absolute path is that path
    finally:
        Path(path).unlink()


def pooled_all(cache: dict) -> None:
    """Every gold file of the repository (all issuers), pooled: the Hong Kong rules must not cost the others."""
    total = [0, 0, 0]
    for path in sorted(GOLD.glob("*entities.tsv")) + sorted((GOLD / "entities").glob("*.tsv")):
        e = evaluate_entities(cache, False, str(path.relative_to(GOLD)))
        tp = round(e["precision"] * e["predicted"])
        print(f"{str(path.relative_to(GOLD)):<28} tp {tp:4d} predicted {e['predicted']:4d} gold {e['gold']:4d}  "
              f"P {e['precision']:.3f}  R {e['recall']:.3f}")
        for k, v in zip(range(3), (tp, e["predicted"], e["gold"])):
            total[k] += v
    p, r, _ = _prf(*total)
    print(f"pooled all gold: tp {total[0]} predicted {total[1]} gold {total[2]}  P {p:.3f}  R {r:.3f}")


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    cache: dict = {}
    if "--all" in argv:
        pooled_all(cache)
    total = [0, 0, 0]
    classes: dict[str, list[int]] = {}
    for gold_file in GOLD_SETS:
        if not (GOLD / gold_file).is_file():
            continue
        for file, rows in sorted(hongkong_rows(gold_file).items()):
            e = score_rows(rows, cache, verbose)
            tp = round(e["precision"] * e["predicted"])
            print(f"{gold_file:<24} {file:<42} tp {tp:3d} predicted {e['predicted']:3d} gold {e['gold']:3d}  "
                  f"P {e['precision']:.3f}  R {e['recall']:.3f}  (span P {e['span_precision']:.3f} "
                  f"R {e['span_recall']:.3f})")
            for k, v in zip(range(3), (tp, e["predicted"], e["gold"])):
                total[k] += v
            for cls, counts in e["by_class"].items():
                acc = classes.setdefault(cls, [0, 0, 0])
                for k in range(3):
                    acc[k] += counts[k]
    p, r, _ = _prf(*total)
    print(f"pooled Hong Kong rows: tp {total[0]} predicted {total[1]} gold {total[2]}  P {p:.3f}  R {r:.3f}")
    for cls in sorted(classes):
        tp, n_pred, n_gold = classes[cls]
        p, r, _ = _prf(tp, n_pred, n_gold)
        print(f"    {cls:<12} tp {tp:3d} predicted {n_pred:3d} gold {n_gold:3d}  P {p:.3f}  R {r:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
