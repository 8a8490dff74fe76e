"""Comparison speed and memory, and the whole-text diff-match-patch baseline.

Targets (issue 4): national 2023 → 2024 compared in < 0.5 s in-process (both reports already
annotated) and < 1.5 s end to end from the command line; the largest pair in the corpus (the
two biggest Hong Kong files) < 3 s; peak memory < 300 MB.  Also prints what diff-match-patch
does on the whole texts with its default 1 s timeout (it times out; we never run the ~2 minute
version).
Run: ``python bench/bench_diff.py``.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diff_match_patch import diff_match_patch  # noqa: E402

from annotate import pipeline  # noqa: E402
from annotate.comparing.compare import compare  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
N23 = CORPUS / "national-2023-gov-work-report.txt"
N24 = CORPUS / "national-2024-gov-work-report.txt"


def load(path: Path):
    return pipeline.annotate(pipeline.read_report(str(path), path.read_bytes()))


def median_s(fn, n: int) -> float:
    runs = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def cli_seconds(a: Path, b: Path) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of ``annotate diff a b --format json`` in a fresh process."""
    t = time.perf_counter()
    out = Path(tempfile.gettempdir()) / "annotate-bench-diff.json"  # not /dev/null: see cli.write_output
    subprocess.run([sys.executable, "-m", "annotate", "diff", str(a), str(b), "--format", "json", "-o", str(out)],
                   check=True, cwd=str(ROOT))
    wall = time.perf_counter() - t
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, rss_mb


def dmp_whole(a: str, b: str) -> tuple[float, bool, float]:
    """diff-match-patch on whole texts, default 1 s timeout: seconds, timed out?, equal share."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 1.0
    t = time.perf_counter()
    diffs = dmp.diff_main(a, b)
    sec = time.perf_counter() - t
    equal = sum(len(s) for op, s in diffs if op == 0)
    return sec, sec >= dmp.Diff_Timeout, 2 * equal / (len(a) + len(b))


def line(label: str, value: str, target: str = "", ok: bool | None = None) -> None:
    mark = "" if ok is None else ("  ok" if ok else "  SLOW")
    print(f"{label:<48} {value:>14}  {target}{mark}")


def main() -> None:
    if not CORPUS.is_dir():
        sys.exit("bench_diff: ../shared/corpus is absent")
    old, new = load(N23), load(N24)
    compare(old, new)  # warm-up: rjieba dictionary, OpenCC, lexicons
    sec = median_s(lambda: compare(old, new), 5)
    c = compare(old, new)
    st = c.stats_dict()
    line("national 2023→2024 compare (in-process)", f"{sec * 1000:.0f} ms", "< 500 ms", sec < 0.5)
    print(f"    {st['changes']} changes, similarity {st['similarity']}, timings {st['timings']}, "
          f"leaf timeouts {st['leaf_timeouts']}")

    wall, rss = cli_seconds(N23, N24)
    line("national 2023→2024 CLI end to end (json)", f"{wall:.2f} s", "< 1.5 s", wall < 1.5)

    hk = sorted(CORPUS.glob("hongkong-*"), key=lambda p: p.stat().st_size, reverse=True)[:2]
    a, b = sorted(hk)
    ha, hb = load(a), load(b)
    hsec = median_s(lambda: compare(ha, hb), 3)
    line(f"largest pair {a.name[:13]}→{b.name[:13]} compare", f"{hsec * 1000:.0f} ms", "< 3 s", hsec < 3)
    print(f"    {len(ha.text)} and {len(hb.text)} characters")
    hwall, hrss = cli_seconds(a, b)
    line("largest pair CLI end to end (json)", f"{hwall:.2f} s", "< 3 s", hwall < 3)

    tracemalloc.start()
    compare(ha, hb)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    line("largest pair compare, Python peak allocation", f"{peak / 2**20:.0f} MB", "< 300 MB", peak < 300 * 2**20)
    line("CLI peak RSS (largest of both runs)", f"{max(rss, hrss):.0f} MB", "< 300 MB", max(rss, hrss) < 300)

    dsec, timed_out, eq = dmp_whole(old.text, new.text)
    print(f"diff-match-patch whole texts 2023→2024 (1 s timeout): {dsec:.2f} s, "
          f"{'TIMED OUT' if timed_out else 'finished'}, equal share {eq:.1%}")
    print(f"    ratio: compare is {dsec / sec:.0f}x faster than dmp's timed-out whole-text diff, and its "
          f"result is a real alignment ({st['pairs']} pairs) instead of {'delete-all/insert-all' if eq < 0.2 else 'a partial diff'}")


if __name__ == "__main__":
    main()
