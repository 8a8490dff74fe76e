"""Time ``annotate batch`` over the corpus (the issue's bar: 46 reports in under 15 s with --jobs 2).

Usage: python bench/bench_batch.py [--jobs 2] [--corpus ../shared/corpus] [--dask]

Copies the corpus to a temporary folder, runs the real command (a fresh process, as a user would),
and prints the wall time of a cold run, of a rerun (everything up to date), and with --dask of the
same work on a local Dask cluster (two worker processes), checking the outputs are byte-identical.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "annotate", *args], capture_output=True, text=True)
    return time.perf_counter() - t, proc


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--dask", action="store_true", help="also run on a local Dask cluster")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        shutil.copytree(a.corpus, src)
        n = len([p for p in src.iterdir() if p.suffix in (".txt", ".md", ".html", ".htm", ".docx")])
        out = Path(tmp) / "out"
        secs, proc = run(["batch", str(src), "-o", str(out), "--jobs", str(a.jobs)])
        written = len(list(out.glob("*.xml")))
        print(f"cold: {n} reports, {written} written, --jobs {a.jobs}: {secs:.2f} s (exit {proc.returncode})")
        print("  " + proc.stderr.strip().splitlines()[0] if proc.stderr.strip() else "")
        secs, proc = run(["batch", str(src), "-o", str(out), "--jobs", str(a.jobs)])
        print(f"rerun (up to date): {secs:.2f} s — {proc.stderr.strip().splitlines()[0]}")
        if a.dask:
            from distributed import LocalCluster

            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
                dout = Path(tmp) / "dask"
                secs, proc = run(["batch", str(src), "-o", str(dout), "--scheduler", cl.scheduler_address])
            same = all((dout / p.name).read_bytes() == p.read_bytes() for p in out.glob("*.xml"))
            print(f"dask (2 workers): {secs:.2f} s, byte-identical to the local run: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
