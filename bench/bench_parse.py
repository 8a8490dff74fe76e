"""Parse timing and memory: the seed (median of 20 after warm-up) and all corpus reports.

Targets (issue 2): seed < 50 ms in-process, 46 reports < 10 s, peak memory < 150 MB.
Run: ``python bench/bench_parse.py``.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotate.pipeline import read_report  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "tongzhou-2021-plan-report.md"


def main() -> None:
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".md", ".html", ".htm", ".docx"})
    data = {p: p.read_bytes() for p in files}
    seed = data[SEED]
    for _ in range(3):  # warm-up: imports, regex compilation, OpenCC dictionaries
        read_report(str(SEED), seed)
    runs = []
    for _ in range(20):
        t = time.perf_counter()
        read_report(str(SEED), seed)
        runs.append(time.perf_counter() - t)
    print(f"seed: median {statistics.median(runs) * 1000:.1f} ms, min {min(runs) * 1000:.1f} ms (target < 50 ms)")

    t = time.perf_counter()
    slowest = []
    for p in files:
        t1 = time.perf_counter()
        read_report(str(p), data[p])
        slowest.append((time.perf_counter() - t1, p.name))
    total = time.perf_counter() - t
    slowest.sort(reverse=True)
    print(f"corpus: {len(files)} reports in {total:.2f} s (target < 10 s); slowest "
          + ", ".join(f"{n} {s * 1000:.0f} ms" for s, n in slowest[:3]))

    tracemalloc.start()
    for p in files:
        read_report(str(p), data[p])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memory: tracemalloc peak {peak / 2**20:.1f} MB, process max RSS {rss:.0f} MB (target < 150 MB)")


if __name__ == "__main__":
    main()
