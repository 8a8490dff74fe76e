"""Speed as ratios (issue 17): every figure is measured against a baseline taken in the same run,
so numbers stay comparable on a noisy, shared machine.

Figures and targets:
1. start-up: ``annotate diff`` national 2023 → 2024 (JSON to a file) in a fresh process, against a
   bare ``python -c "import rjieba"`` process                                      ≤ 2.5×
2. tagging one report in-process (read + every annotator), against one ``rjieba.tag`` pass over
   the same text                                                                   ≤ 7×
   (the share of each annotator is printed, and the ratio without the entity step)
3. comparing two tagged reports, against tagging them                              ≤ 0.6×
4. compare time for 8× and 16× the input, against 1×                               ≤ 10× / ≤ 20×
   (the inputs concatenate *different* corpus year pairs, never one report repeated)
5. peak memory of ``annotate diff`` at 16× in a fresh process                      ≤ 250 MB

Times are CPU seconds (this process's, or a child's user + system time from ``wait4``), the
best of ``--runs``: on a 2-core machine shared by several jobs, wall time mostly measures the
neighbours.  Child processes may write bytecode (to a temporary ``PYTHONPYCACHEPREFIX``), as an
installed package has it: compiling the sources on every start is no part of the start-up cost.

Run: ``python bench/bench_speed.py`` (``--quick`` skips the 16× subprocess run).
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus"
N23 = CORPUS / "national-2023-gov-work-report.txt"
N24 = CORPUS / "national-2024-gov-work-report.txt"

# Sixteen year pairs of one issuer each, no report in two pairs: the 1× pair first.
PAIRS = [("national", 2023, 2024), ("national", 2021, 2022), ("national", 2019, 2020), ("national", 2017, 2018),
         ("national", 2015, 2016), ("shanghai", 2020, 2021), ("shanghai", 2022, 2023), ("shanghai", 2024, 2025),
         ("beijing", 2025, 2026), ("jiangsu", 2025, 2026), ("shandong", 2025, 2026), ("fujian", 2025, 2026),
         ("hubei", 2025, 2026), ("zhejiang", 2025, 2026), ("henan", 2025, 2026), ("national", 1994, 1995)]


def best_s(fn, n: int) -> float:
    """Least CPU time of ``n`` calls of ``fn``."""
    runs = []
    for _ in range(n):
        gc.collect()
        t = time.process_time()
        fn()
        runs.append(time.process_time() - t)
    return min(runs)


_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
_ENV["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "annotate-bench-pycache")
# A real file: older versions renamed their output over the target, /dev/null included.
_OUT = str(Path(tempfile.gettempdir()) / "annotate-bench-diff.json")


def child(args: list[str]) -> tuple[float, float]:
    """CPU seconds (user + system) and peak resident memory (MB) of one subprocess."""
    proc = subprocess.Popen(args, cwd=str(ROOT), stdout=subprocess.DEVNULL, env=_ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"bench_speed: {' '.join(args)} failed")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def line(label: str, value: str, target: str = "", ok: bool | None = None) -> None:
    mark = "" if ok is None else ("  ok" if ok else "  MISSED")
    print(f"{label:<62} {value:>10}  {target}{mark}")


def corpus_file(issuer: str, year: int) -> Path:
    return next(CORPUS.glob(f"{issuer}-{year}-*"))


def concatenated(k: int, side: int, folder: Path) -> Path:
    """The first ``k`` pairs' old (side 0) or new (side 1) reports, one after another."""
    path = folder / f"x{k}-{'old' if side == 0 else 'new'}.txt"
    if not path.exists():
        texts = [corpus_file(p[0], p[1 + side]).read_text(encoding="utf-8") for p in PAIRS[:k]]
        path.write_text("\n\n".join(texts), encoding="utf-8")
    return path


def startup(runs: int) -> None:
    py = sys.executable
    bare = [py, "-c", "import rjieba"]
    diff = [py, "-m", "annotate", "diff", str(N23), str(N24), "--format", "json", "-o", _OUT]
    child(diff)  # warm the file and bytecode caches
    child(bare)
    b, d = [], []
    for _ in range(runs):  # interleaved, so load changes hit both alike
        b.append(child(bare)[0])
        d.append(child(diff)[0])
    mb, md = min(b), min(d)
    line("1. annotate diff national 2023→2024 / bare python+rjieba", f"{md / mb:.2f}x", "≤ 2.5x", md / mb <= 2.5)
    print(f"     ({md * 1000:.0f} ms vs {mb * 1000:.0f} ms)")


def tagging(runs: int):
    import rjieba

    from annotate import pipeline
    from annotate.annotators import ordered

    data23, data24 = N23.read_bytes(), N24.read_bytes()
    pipeline.tag(str(N23), data23)  # warm-up: dictionaries, lexicons, compiled patterns
    base = pipeline.read_report(str(N23), data23)
    text = base.text
    rjieba.tag(text)
    t_jieba = best_s(lambda: rjieba.tag(text), runs)
    t_tag = best_s(lambda: pipeline.tag(str(N23), data23), runs)
    t_read = best_s(lambda: pipeline.read_report(str(N23), data23), runs)
    steps: dict[str, float] = {}
    for a in ordered():
        r = base
        for b in ordered():  # the report as this annotator receives it
            if b is a:
                break
            r = b.run(r)
        steps[a.name] = best_s(lambda a=a, r=r: a.run(r), runs)
    ratio = t_tag / t_jieba
    line("2. tag national 2023 (in-process) / one rjieba.tag pass", f"{ratio:.2f}x", "≤ 7x", ratio <= 7)
    ent = steps.get("entities", 0.0)
    line("   … without the entity step", f"{(t_tag - ent) / t_jieba:.2f}x", "≤ 7x", (t_tag - ent) / t_jieba <= 7)
    print(f"     ({t_tag * 1000:.0f} ms vs {t_jieba * 1000:.0f} ms; read+structure {t_read / t_tag:.0%}, "
          + ", ".join(f"{k} {v / t_tag:.0%}" for k, v in steps.items()) + ")")
    old, new = pipeline.tag(str(N23), data23), pipeline.tag(str(N24), data24)
    return old, new, t_tag + best_s(lambda: pipeline.tag(str(N24), data24), runs)


def comparing(old, new, t_tags: float, runs: int) -> float:
    from annotate.comparing.compare import compare

    compare(old, new)
    t_cmp = best_s(lambda: compare(old, new), runs)
    r = t_cmp / t_tags
    line("3. compare two tagged reports / tagging them", f"{r:.2f}x", "≤ 0.6x", r <= 0.6)
    st = compare(old, new).stats_dict()
    print(f"     ({t_cmp * 1000:.0f} ms vs {t_tags * 1000:.0f} ms; stages {st['timings']})")
    return t_cmp


def scaling(runs: int, quick: bool) -> None:
    from annotate import pipeline
    from annotate.comparing.compare import compare

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        times, sizes = {}, {}
        for k in (1, 8, 16):
            a, b = concatenated(k, 0, folder), concatenated(k, 1, folder)
            ra, rb = pipeline.tag(str(a)), pipeline.tag(str(b))
            sizes[k] = len(ra.text) + len(rb.text)
            times[k] = best_s(lambda: compare(ra, rb), runs if k == 1 else max(1, runs // 3))
            del ra, rb
        # The same sixteen pairs compared one by one: what linear time would give for 16x (the
        # pairs differ in how much they share, so 1x alone is a noisy yardstick).
        singles = []
        for k in range(16):
            ra, rb = (pipeline.tag(str(corpus_file(PAIRS[k][0], PAIRS[k][1 + side]))) for side in (0, 1))
            singles.append(best_s(lambda: compare(ra, rb), 1))
        for k, cap in ((8, 10), (16, 20)):
            r = times[k] / times[1]
            line(f"4. compare {k}x the input / 1x", f"{r:.1f}x", f"≤ {cap}x", r <= cap)
            print(f"     ({times[k]:.2f} s vs {times[1]:.2f} s; input {sizes[k] / sizes[1]:.1f}x the characters; "
                  f"{times[k] / sum(singles[:k]):.2f}x its {k} pairs compared one by one)")
        if not quick:
            a, b = concatenated(16, 0, folder), concatenated(16, 1, folder)
            _, mb = child([sys.executable, "-m", "annotate", "diff", str(a), str(b), "--format", "json",
                           "-o", _OUT])
            line("5. annotate diff at 16x, peak memory", f"{mb:.0f} MB", "≤ 250 MB", mb <= 250)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="skip the 16x peak-memory run")
    ap.add_argument("--only", choices=("startup", "tag", "compare", "scaling"), default=None)
    args = ap.parse_args()
    if not CORPUS.is_dir():
        sys.exit("bench_speed: ../shared/corpus is absent")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; CPU time, best of {args.runs}")
    if args.only in (None, "startup"):
        startup(args.runs)
    if args.only in (None, "tag", "compare"):
        old, new, t_tags = tagging(args.runs)
        if args.only != "tag":
            comparing(old, new, t_tags, args.runs)
    if args.only in (None, "scaling"):
        scaling(args.runs, args.quick)


if __name__ == "__main__":
    main()
