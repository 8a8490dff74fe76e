"""Annotation timing: every layer on the seed (median of 20 after warm-up), per layer, and the corpus.

Target (issue 3): annotating the seed, all layers, under 100 ms in-process after warm-up.
Run: ``python bench/bench_annotate.py``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dataclasses import replace  # noqa: E402

from annotate.annotators import ordered  # noqa: E402
from annotate.model import Report  # noqa: E402
from annotate.pipeline import annotate, read_report  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "tongzhou-2021-plan-report.md"


def fresh(report: Report, i: int) -> Report:
    """The report with a text no cache has seen (annotators cache per text: don't time the cache)."""
    return replace(report, text=report.text + " " * (i + 1))


def median_ms(fn, report: Report, runs: int = 20) -> float:
    fn(fresh(report, 0))  # warm-up: lexicons, regexes, rjieba's dictionary
    times = []
    for i in range(1, runs + 1):
        r = fresh(report, i)
        t0 = time.perf_counter()
        fn(r)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    if not SEED.exists():
        sys.exit(f"{SEED} not found: the bench needs ../shared/corpus")
    report = read_report(str(SEED))
    total = median_ms(annotate, report)
    print(f"seed, all layers: median {total:.1f} ms (target < 100 ms)")
    layered = report
    for a in ordered():
        before = layered
        print(f"  {a.adds:<12} {median_ms(a.run, before):6.1f} ms")
        layered = a.run(before)
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".md"})
    t0 = time.perf_counter()
    counts = {"quantities": 0, "targets": 0, "commitments": 0, "entities": 0}
    for f in files:
        r = annotate(read_report(str(f)))
        for k in counts:
            counts[k] += len(getattr(r, k))
    print(f"corpus: {len(files)} reports read and annotated in {time.perf_counter() - t0:.2f} s; "
          + ", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
