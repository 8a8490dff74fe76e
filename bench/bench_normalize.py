"""Normalize and simplified-view timing: the seed (median of 50 after warm-up) and the corpus.

Target (issue 2 brief): normalize the seed in < 15 ms after warm-up.
Run: ``python bench/bench_normalize.py``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotate.reading.ingest import load  # noqa: E402
from annotate.reading.normalize import normalize  # noqa: E402
from annotate.reading.script import detect_script, simplified_view  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "tongzhou-2021-plan-report.md"


def _median_ms(fn, n: int) -> float:
    runs = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs) * 1000


def main() -> None:
    seed = load(str(SEED))
    for _ in range(5):
        normalize(seed)
    print(f"normalize seed: median {_median_ms(lambda: normalize(seed), 50):.2f} ms (target < 15 ms)")

    files = sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".md", ".html", ".htm", ".docx"})
    decoded = [load(str(p)) for p in files]
    t = time.perf_counter()
    times = []
    for d in decoded:
        s = time.perf_counter()
        normalize(d)
        times.append((time.perf_counter() - s, Path(d.info.file).name))
    total = time.perf_counter() - t
    worst = max(times)
    print(f"normalize corpus ({len(files)} reports): {total * 1000:.0f} ms; slowest {worst[1]} {worst[0] * 1000:.1f} ms")

    trad = next(p for p in files if p.name.startswith("hongkong-2025"))
    text = normalize(load(str(trad))).text
    simplified_view(text, "traditional")
    print(f"detect_script hongkong-2025: {_median_ms(lambda: detect_script(text), 10):.1f} ms; "
          f"simplified_view: {_median_ms(lambda: simplified_view(text, 'traditional'), 10):.1f} ms")


if __name__ == "__main__":
    main()
