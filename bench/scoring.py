"""Precision/recall from match counts, shared by the evaluation scripts in bench/.

``scores(Counter(tp=…, fp=…, fn=…, qualifier_ok=…))`` gives gold, predicted, tp, fp, fn,
precision, recall and, for every ``<name>_ok`` count, ``<name>_accuracy`` over the matches.
"""

from __future__ import annotations

from collections import Counter


def scores(c: Counter) -> dict:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    out = {"gold": tp + fn, "predicted": tp + fp, "tp": tp, "fp": fp, "fn": fn,
           "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0}
    for k in [k for k in c if k.endswith("_ok")]:
        out[k[:-3] + "_accuracy"] = c[k] / tp if tp else 1.0
    return out


def match(gold: list, predicted: list, same) -> tuple[list, list, list]:
    """Pair each prediction with the first unused gold item ``same(gold, pred)`` accepts.

    Returns ``(pairs, false_positives, missed)``: ``(gold, pred)`` pairs in prediction order,
    the predictions no gold item took, and the gold items left over.
    """
    unmatched = list(gold)
    pairs, false_positives = [], []
    for p in predicted:
        hit = next((g for g in unmatched if same(g, p)), None)
        if hit is None:
            false_positives.append(p)
            continue
        unmatched.remove(hit)
        pairs.append((hit, p))
    return pairs, false_positives, unmatched
