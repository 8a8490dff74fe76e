"""Count the edits ``compare`` reports on consecutive real report pairs, by kind.

Issue 11 ("like with like"): a number change must pair one metric with itself (not
``百亿企业12家`` → ``规上工业企业900家``, not a five-year total against one year's count), and a
modality change must be one clause's modal word changed (not a ``力争`` that left with a deleted
clause).  This prints, for national 2016 → 2017 and 2023 → 2024, Shanghai 2025 → 2026 and the ten
provinces 2025 → 2026, how many ``number_changed`` and ``modality_changed`` edits there are (and the years rolled forward
and clauses moved within a sentence, counted apart), and
with ``--list KIND`` each such edit with some context (``[old]`` → ``[new]``) to read by eye.
Usage: ``python bench/count_changes.py [CORPUS_DIR] [--list number_changed|modality_changed]``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotate import pipeline  # noqa: E402
from annotate.comparing.compare import compare  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PROVINCES = "beijing fujian guangdong hainan henan hubei jiangsu shandong sichuan zhejiang shanghai".split()
PAIRS = [("national-2016", "national-2017"), ("national-2023", "national-2024")] + [
    (f"{p}-2025", f"{p}-2026") for p in PROVINCES]
KINDS = ("number_changed", "modality_changed")
# edits the comparison counts apart from its changes: expected, not for review
COUNTED = ("years_rolled", "clauses_moved")


def _context(text: str, start: int, end: int, width: int = 25) -> str:
    """``…before[span]after…`` on one line."""
    return (text[max(0, start - width) : start] + "[" + text[start:end] + "]" + text[end : end + 10]).replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(CORPUS))
    ap.add_argument("--list", choices=KINDS, action="append", default=[],
                    help="print every edit of this kind (repeat for several)")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    total: Counter[str] = Counter()
    for a, b in PAIRS:
        old = pipeline.tag(str(corpus / f"{a}-gov-work-report.txt"))
        new = pipeline.tag(str(corpus / f"{b}-gov-work-report.txt"))
        c = compare(old, new)
        counts = Counter(ch.kind for ch in c.changes)
        total.update({k: counts[k] for k in KINDS})
        st = c.stats_dict()
        total.update({k: st.get(k, 0) for k in COUNTED})
        print(f"{a} → {b}: " + "  ".join(f"{k} {counts[k]}" for k in KINDS)
              + "  " + "  ".join(f"{k} {st.get(k, 0)}" for k in COUNTED))
        for ch in c.changes:
            if ch.kind in args.list:
                print(f"    {ch.kind[:3]} {_context(old.text, ch.old_start, ch.old_end)}  →  {_context(new.text, ch.new_start, ch.new_end)}")
    print("all pairs: " + "  ".join(f"{k} {total[k]}" for k in KINDS + COUNTED))
    return 0


if __name__ == "__main__":
    sys.exit(main())
