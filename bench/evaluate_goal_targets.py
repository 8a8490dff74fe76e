"""Evaluate goal targets (annotate/annotators/goal_targets.py) against tests/gold/targets_hk/.

Each gold row names a stretch of the address (``context``) holding the value of a target stated as a
goal.  A predicted goal target (``Target.goal`` set) finds the row when its quantity lies inside that
stretch (one to one).  Prints, per address and overall: precision and recall of finding, and of
the found ones how many have the gold's value and qualifier, period (spaces ignored; an empty gold
period is the report's year), scope, direction (where the gold gives one) and metric (one wording
inside the other, brackets and spaces ignored); then the misses and the false alarms with ``-v``.
Usage: ``python bench/evaluate_goal_targets.py [CORPUS_DIR] [-v]``.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotate import pipeline  # noqa: E402
from annotate.model import Report, Target  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "targets_hk"
CORPUS = ROOT.parent / "shared" / "corpus"


@dataclass(frozen=True)
class Score:
    """Counts for one address (or a sum of them)."""

    gold: int = 0
    pred: int = 0
    found: int = 0
    value: int = 0
    period: int = 0
    scope: int = 0
    direction: int = 0
    direction_gold: int = 0
    metric: int = 0

    def __add__(self, o: "Score") -> "Score":
        return Score(*(a + b for a, b in zip(self.__dict__.values(), o.__dict__.values())))

    def line(self) -> str:
        p = self.found / self.pred if self.pred else 1.0
        r = self.found / self.gold if self.gold else 1.0
        f = self.found or 1
        return (f"gold {self.gold:3d} pred {self.pred:3d} found {self.found:3d}  P {p:.2f} R {r:.2f}  "
                f"value {self.value}/{self.found} period {self.period}/{self.found} scope {self.scope}/{self.found} "
                f"direction {self.direction}/{self.direction_gold} metric {self.metric}/{f if self.found else 0}")


def read_gold(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _fold(s: str) -> str:
    return re.sub(r"[\s「」“”\"'《》（）()的]", "", s or "")


def _num(a, b) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-6
    except (TypeError, ValueError):
        return False


def score(report: Report, gold: list[dict], verbose: bool = False, name: str = "") -> Score:
    """Match ``report``'s goal targets with ``gold`` (module docstring)."""
    qspan = {q.id: (q.start, q.end) for q in report.quantities}
    preds: list[Target] = [t for t in report.targets if t.goal]
    used: set[int] = set()
    s = Score(gold=len(gold), pred=len(preds))
    counts = dict(found=0, value=0, period=0, scope=0, direction=0, direction_gold=0, metric=0)
    # the gold is typed from the file; the normalized text may drop spaces (5 000 → 5000): match
    # with whitespace removed on both sides, mapped back to text offsets
    keep = [i for i, ch in enumerate(report.text) if not ch.isspace()]
    squeezed = "".join(report.text[i] for i in keep)
    for g in gold:
        ctx = re.sub(r"\s", "", g["context"])
        at = squeezed.find(ctx)
        cs, ce = (keep[at], keep[at + len(ctx) - 1] + 1) if at >= 0 else (-1, -1)
        hit = next((i for i, t in enumerate(preds) if i not in used and t.quantity in qspan
                    and cs <= qspan[t.quantity][0] < ce), None) if cs >= 0 else None
        if hit is None:
            if verbose:
                print(f"  MISS {name}: {g['context']} ({g['metric']} {g['value']}{g['unit']})")
            continue
        used.add(hit)
        t = preds[hit]
        counts["found"] += 1
        counts["value"] += _num(g["value"], t.value) and g["qualifier"] == t.qualifier
        gp = _fold(g["period"])
        counts["period"] += (gp == _fold(t.period or "")) if gp else t.horizon == "year"
        counts["scope"] += g["scope"] == t.scope
        if g["direction"]:
            counts["direction_gold"] += 1
            counts["direction"] += g["direction"] == t.direction
        gm, pm = _fold(g["metric"]), _fold(t.metric)
        counts["metric"] += bool(gm and pm and (gm in pm or pm in gm))
        if verbose and not (_num(g["value"], t.value) and g["qualifier"] == t.qualifier and g["scope"] == t.scope):
            print(f"  WRONG {name}: {g['context']} -> {t.value} {t.unit} {t.qualifier} {t.scope}")
    if verbose:
        for i, t in enumerate(preds):
            if i not in used:
                print(f"  FALSE {name}: {t.metric} {t.value}{t.unit} [{t.goal}] {t.text[:60]}")
    return Score(s.gold, s.pred, **counts)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    corpus = Path(args[0]) if args else CORPUS
    total = Score()
    for gf in sorted(GOLD.glob("*.tsv")):
        src = next(corpus.glob(gf.stem + "-policy-address-*"))
        s = score(pipeline.tag(str(src)), read_gold(gf), verbose, gf.stem)
        print(f"{gf.stem:15s} {s.line()}")
        total = total + s
    print(f"{'all':15s} {total.line()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
