"""Entity precision/recall on the Hong Kong policy addresses alone: every gold set's ``hongkong-*`` rows, per file
and per class (issue 18, Hong Kong round).

The scoring is ``evaluate_entities.evaluate_entities`` (one implementation): each gold set's Hong Kong rows of one
file are written to a temporary TSV and scored as a gold file of their own, so anchors are cut only by anchors of the
same set, as in the full run.  Pooled lines sum the per-file counts.

Measured history (exact span and type, tp/predicted/gold):
- 2026-12-07, issue 18 Hong Kong round (annotate/annotators/entities_hongkong.py, lexicon/hongkong_names.tsv).  Every
  Hong Kong gold row had been read before (heldout4's hongkong-2019/2022 rows were blind until this round began):
                                     session start            end of the round
    hongkong-2021 (tuning2)          36/48/46 P 0.750 R 0.783  43/47/46 P 0.915 R 0.935
    hongkong-2023 (heldout3)         36/46/46 P 0.783 R 0.783  40/46/46 P 0.870 R 0.870
    hongkong-2019 (heldout4)         22/37/49 P 0.595 R 0.449  44/48/49 P 0.917 R 0.898
    hongkong-2022 (heldout4)         54/68/75 P 0.794 R 0.720  73/73/75 P 1.000 R 0.973
    hongkong-2020 (heldout5)         28/32/41 P 0.875 R 0.683  37/39/41 P 0.949 R 0.902
    hongkong-2024 (heldout_entities) 15/17/15 P 0.882 R 1.000  unchanged
    hongkong-2025 (heldout2, trad.)  5/5/5    P 1.000 R 1.000  unchanged
    pooled Hong Kong rows            196/253/277 P 0.775 R 0.708 -> 257/275/277 P 0.935 R 0.928
  By class (bench/evaluate_entities.entity_class), start -> end, P/R: facility 0.776/0.738 -> 0.917/0.902, line
  0.905/0.679 -> 1.000/1.000, org 0.667/0.800 -> 0.909/1.000, other (funds, quoted programmes, works) 0.733/0.289 ->
  0.882/0.789, place 0.714/0.556 -> 0.897/0.963, short_place 0.752/0.932 -> 0.945/0.977, title 1.000/0.727 ->
  1.000/1.000, company 0.857/0.600 -> 1.000/0.900, policy 1.000/0.667 unchanged.
  Pooled over every gold file (--all): 1147/1343/1487 P 0.854 R 0.771 -> 1208/1365/1487 P 0.885 R 0.812; every file
  that holds no Hong Kong row is unchanged (the rules run for Hong Kong addresses only).
  These rows were read while the rules were written: they measure regressions, not unseen addresses.

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
