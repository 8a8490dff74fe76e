"""Score the target changes of report pairs against hand labels (issue 11).

Gold: one JSON file per report pair in GOLD_DIR (conventions in tests/gold/target_changes/README.md)::

    {"old": "henan-2025-gov-work-report.txt", "new": "henan-2026-gov-work-report.txt",
     "changes": [{"indicator": "地区生产总值", "old": "地区生产总值增长5.5%左右", "new": "地区生产总值增长5%左右",
                  "label": "lowered", "delta": "-0.5"}, ...]}

``old``/``new`` quote the raw corpus files (null for an added or removed target).  A gold file with a
top-level ``"scope": "goal"`` (or ``"measure"``) labels the goals a report sets inside its measures (Hong
Kong policy addresses, ``Target.goal``): it is scored against the measure-scope changes instead of the
headline ones; without ``scope`` (or ``"headline"``), against the headline changes.  Each quote is
located in the annotated report's text, whitespace, line breaks and character width aside.  A gold
row is matched (one to one, best first) with the predicted *headline* target change whose old or
new target sentence holds the quote; among several, the one holding both quotes, then the one with
the same indicator, then the one whose targets start nearest the quotes.  Agreement on the label is counted over the union of
gold rows and unmatched predicted changes (an unmatched prediction, like an unmatched gold row, is a
disagreement); agreement on the delta over the matched rows where both give one (percentage points
for rates, the target's unit otherwise).  Prints each pair, the overall figures and every miss.

Usage: ``python bench/evaluate_target_changes.py GOLD_DIR [--corpus DIR] [-q]``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from evaluate_entities import report_path  # noqa: E402  (a gold pair may name a PDF of ../shared/pdf)

CORPUS = ROOT.parent / "shared" / "corpus"
SENTENCE_END = "。！？!?\n"

Span = tuple[int, int]


# --------------------------------------------------------------------------- locating quotes


def _fold(ch: str) -> str:
    """One character as compared: width folded (NFKC) when that keeps it one character."""
    f = unicodedata.normalize("NFKC", ch)
    return f if len(f) == 1 else ch


def locate(quote: str, text: str) -> list[Span]:
    """Every ``[start, end)`` of ``text`` that reads ``quote``, whitespace and width aside
    (``6.5%－7%`` in the source is ``6.5%-7%`` in the normalized text; a quote may cross a line
    break).  Empty when it is not there."""
    want = "".join(_fold(c) for c in quote if not c.isspace())
    if not want:
        return []
    index = [i for i, c in enumerate(text) if not c.isspace()]
    squeezed = "".join(_fold(text[i]) for i in index)
    out: list[Span] = []
    k = squeezed.find(want)
    while k >= 0:
        out.append((index[k], index[k + len(want) - 1] + 1))
        k = squeezed.find(want, k + 1)
    return out


def sentence_span(text: str, start: int, end: int) -> Span:
    """The sentence around ``text[start:end]`` (between full stops or line breaks)."""
    s = max(text.rfind(c, 0, start) for c in SENTENCE_END) + 1
    ends = [i for i in (text.find(c, end) for c in SENTENCE_END) if i >= 0]
    return s, (min(ends) + 1 if ends else len(text))


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class Side:
    """One year's side of a change: where its target stands, and the sentence around it."""

    target: Span
    sentence: Span


@dataclass(frozen=True)
class Predicted:
    indicator: Optional[str]
    label: str
    delta: Optional[float]
    old: Optional[Side]
    new: Optional[Side]
    old_text: Optional[str] = None
    new_text: Optional[str] = None


@dataclass(frozen=True)
class Gold:
    indicator: Optional[str]
    label: str
    delta: Optional[float]
    old: tuple[Span, ...]  # where the old quote stands (empty: null quote, or not found)
    new: tuple[Span, ...]
    old_quote: Optional[str] = None
    new_quote: Optional[str] = None


@dataclass(frozen=True)
class PairScore:
    name: str
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    label_agree: int = 0
    label_total: int = 0
    delta_agree: int = 0
    delta_total: int = 0
    misses: tuple[str, ...] = ()

    COUNTS = ("gold", "predicted", "matched", "label_agree", "label_total", "delta_agree", "delta_total")

    def __add__(self, other: "PairScore") -> "PairScore":
        """The counts of both (for the total over pairs); the misses stay with each pair."""
        return replace(self, **{f: getattr(self, f) + getattr(other, f) for f in self.COUNTS})


def _score(g: Gold, p: Predicted) -> Optional[tuple[int, int, int]]:
    """How well prediction ``p`` fits gold row ``g``: (sides whose sentence holds the quote, same
    indicator, minus how far the targets start from the quotes: a quote opens with its indicator,
    as a target does), or None when no side holds its quote."""
    sides = distance = 0
    for spans, side in ((g.old, p.old), (g.new, p.new)):
        if side is None:
            continue
        held = [q for q in spans if side.sentence[0] <= q[0] and q[1] <= side.sentence[1]]
        if held:
            sides += 1
            distance += min(abs(q[0] - side.target[0]) for q in held)
    if not sides:
        return None
    return sides, int(_same_indicator(g.indicator, p.indicator)), -distance


def _same_indicator(gold: Optional[str], pred: Optional[str]) -> bool:
    """Does the gold's indicator (a canonical id, or the metric as written: ``地区生产总值``) name
    the predicted canonical id?"""
    if not gold or not pred:
        return False
    if gold == pred:
        return True
    from annotate.annotators.indicators import load_lexicon, lookup

    lex = load_lexicon()
    m = lookup(gold, lex)
    return m is not None and pred in lex.wordings[m.group(0)]


def _same_delta(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6)


def score_pair(name: str, gold: Sequence[Gold], predicted: Sequence[Predicted]) -> PairScore:
    """Match gold rows with predicted headline changes (best fit first, one to one) and count
    agreement (module docstring)."""
    fits = sorted(((s, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)
                   if (s := _score(g, p)) is not None), key=lambda x: (x[0], -x[1], -x[2]), reverse=True)
    # best fit first; among equal fits, gold and predictions in report order
    pair_of: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in fits:
        if gi not in pair_of and pi not in used:
            pair_of[gi] = pi
            used.add(pi)
    n = dict.fromkeys(("matched", "label_agree", "delta_agree", "delta_total"), 0)
    misses: list[str] = []
    for gi, g in enumerate(gold):
        quote = f"{g.old_quote or '∅'} → {g.new_quote or '∅'}"
        if not g.old and not g.new:
            misses.append(f"quote not found: {quote}")
        pi = pair_of.get(gi)
        if pi is None:
            misses.append(f"no predicted change for gold {g.label} {g.indicator}: {quote}")
            continue
        p = predicted[pi]
        n["matched"] += 1
        if p.label == g.label:
            n["label_agree"] += 1
        else:
            misses.append(f"label: gold {g.label}, predicted {p.label} ({p.indicator}): {quote}")
        if g.delta is not None and p.delta is not None:
            n["delta_total"] += 1
            if _same_delta(g.delta, p.delta):
                n["delta_agree"] += 1
            else:
                misses.append(f"delta: gold {g.delta:g}, predicted {p.delta:g} ({p.indicator}): {quote}")
    extra = [p for pi, p in enumerate(predicted) if pi not in used]
    misses.extend(f"predicted {p.label} {p.indicator} not in the gold: {p.old_text or '∅'} → {p.new_text or '∅'}"
                  for p in extra)
    return PairScore(name, len(gold), len(predicted), label_total=len(gold) + len(extra), misses=tuple(misses), **n)


# --------------------------------------------------------------------------- reports


# A gold file's ``scope`` → the scope of the predicted changes it is scored against.
SCOPES = {"headline": "headline", "goal": "measure", "measure": "measure"}


def _side_of(report, side, indicator: Optional[str], scope: str = "headline") -> Optional[Side]:
    """Where the target behind one side of a predicted change of ``scope`` stands in ``report``."""
    if side is None:
        return None
    t = next((t for t in report.targets if t.scope == scope and t.text == side.text
              and t.indicator == indicator and t.value == side.value), None)
    t = t or next((t for t in report.targets if t.text == side.text), None)
    if t is None:
        return None
    return Side((t.start, t.end), sentence_span(report.text, t.start, t.end))


def predicted_changes(old, new, scope: str = "headline") -> list[Predicted]:
    """The target changes of ``scope`` (``headline``, or ``measure``: the goals set inside measures)
    ``annotate`` finds for annotated reports ``old`` → ``new``."""
    from annotate.comparing.compare import target_changes

    out = []
    for tc in target_changes(old, new):
        if tc.scope != scope:
            continue
        out.append(Predicted(tc.indicator, tc.change, tc.delta.value if tc.delta else None,
                             _side_of(old, tc.old, tc.indicator, scope), _side_of(new, tc.new, tc.indicator, scope),
                             tc.old.text if tc.old else None, tc.new.text if tc.new else None))
    return out


def gold_rows(doc: dict, old_text: str, new_text: str) -> list[Gold]:
    """The gold file's rows, their quotes located in the two reports' texts."""
    rows = []
    for c in doc["changes"]:
        d = c.get("delta")
        rows.append(Gold(c.get("indicator"), c["label"], float(d) if d not in (None, "") else None,
                         tuple(locate(c["old"], old_text)) if c.get("old") else (),
                         tuple(locate(c["new"], new_text)) if c.get("new") else (),
                         c.get("old"), c.get("new")))
    return rows


def gold_scope(doc: dict, path: Path) -> str:
    """The scope of predicted changes a gold file is scored against (its top-level ``scope``)."""
    scope = doc.get("scope") or "headline"
    if scope not in SCOPES:
        raise SystemExit(f"{path}: scope {scope!r} is none of {', '.join(SCOPES)}")
    return SCOPES[scope]


def evaluate(gold_dir: Path, corpus: Path = CORPUS, echo: bool = True) -> list[PairScore]:
    """Score every gold file of ``gold_dir`` (module docstring); prints each pair when ``echo``."""
    from annotate import pipeline

    scores = []
    for path in sorted(gold_dir.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        old = pipeline.tag(str(report_path(doc["old"], corpus)))
        new = pipeline.tag(str(report_path(doc["new"], corpus)))
        scope = gold_scope(doc, path)
        s = score_pair(f"{doc['old']} → {doc['new']}", gold_rows(doc, old.text, new.text),
                       predicted_changes(old, new, scope))
        scores.append(s)
        if echo:
            print(_line(s.name, s))
    return scores


def _line(name: str, s: PairScore) -> str:
    la = s.label_agree / s.label_total if s.label_total else 1.0
    da = s.delta_agree / s.delta_total if s.delta_total else 1.0
    return (f"{name}: gold {s.gold} predicted {s.predicted} matched {s.matched}  "
            f"label {s.label_agree}/{s.label_total} ({la:.3f})  delta {s.delta_agree}/{s.delta_total} ({da:.3f})")


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("-q", "--quiet", action="store_true", help="no list of misses")
    args = ap.parse_args(argv)
    scores = evaluate(args.gold_dir, args.corpus)
    total = sum(scores, PairScore("all pairs"))
    print(_line(f"all {len(scores)} pairs", total))
    if not args.quiet:
        for s in scores:
            for m in s.misses:
                print(f"    {s.name}: {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
