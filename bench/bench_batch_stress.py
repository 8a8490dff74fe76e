"""Stress figures for issue 16: a 200-report batch, how fast an interrupted batch stops, and a
10 MB pair through `annotate diff` (time and peak memory of the child process).

    python bench/bench_batch_stress.py              # batch + interrupt
    python bench/bench_batch_stress.py --pair       # also a 10 MB pair (refused by default)
    python bench/bench_batch_stress.py --pair-raw   # … and with the limit raised (minutes, ~2 GB)

Inputs are built from ../shared/corpus in a temporary folder; nothing is written elsewhere.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
CLI = [sys.executable, "-m", "annotate"]


def _reports() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md"))


def _child_run(args: list[str]) -> tuple[float, float, int]:
    """(seconds, peak RSS of the child in MB, exit code) of one command run in a fresh process."""
    t0 = time.perf_counter()
    proc = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak, proc.returncode


def batch_200(tmp: Path) -> None:
    src = tmp / "batch-in"
    src.mkdir()
    reports = _reports()
    for k in range(200):
        p = reports[k % len(reports)]
        (src / f"{k:03d}-{p.name}").write_text(p.read_text(encoding="utf-8") + f"\n（副本{k}）\n", encoding="utf-8")
    seconds, peak, code = _child_run(CLI + ["batch", str(src), "-o", str(tmp / "batch-out"), "--jobs", "2"])
    print(f"batch of 200 reports, --jobs 2: {seconds:.1f} s, peak RSS of one process {peak:.0f} MB, exit {code}")
    seconds, _peak, code = _child_run(CLI + ["batch", str(src), "-o", str(tmp / "batch-out"), "--jobs", "2"])
    print(f"the same batch again (all up to date): {seconds:.2f} s, exit {code}")


def interrupt(tmp: Path) -> None:
    src = tmp / "int-in"
    src.mkdir()
    for k, p in enumerate(_reports()[:40]):
        shutil.copy(p, src / f"{k:02d}-{p.name}")
    out = tmp / "int-out"
    for sig in (signal.SIGINT, signal.SIGTERM):
        shutil.rmtree(out, ignore_errors=True)
        proc = subprocess.Popen(CLI + ["batch", str(src), "-o", str(out), "--jobs", "2"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        while not (out.is_dir() and any(p.suffix == ".xml" for p in out.iterdir())):
            time.sleep(0.02)
        proc.send_signal(sig)
        t0 = time.perf_counter()
        proc.wait()
        stopped = time.perf_counter() - t0
        kept = len(json.loads((out / ".annotate-batch.json").read_text(encoding="utf-8"))["outputs"])
        print(f"{signal.Signals(sig).name}: stopped in {stopped:.2f} s (target < 2 s), exit {proc.returncode}, "
              f"{kept} finished outputs recorded")


def pair_10mb(tmp: Path, raw: bool) -> None:
    texts = [p.read_text(encoding="utf-8") for p in _reports()]
    old, new = [], []
    size = 0
    k = 0
    while size < 10 * 2**20 - 200_000:
        t = texts[k % len(texts)]
        old.append(t)
        new.append(t.replace("5%", "5.5%", 1) if k % 3 else t)
        size += len(t.encode("utf-8"))
        k += 1
    (tmp / "old.txt").write_text("\n".join(old), encoding="utf-8")
    (tmp / "new.txt").write_text("\n".join(new), encoding="utf-8")
    mb = (tmp / "old.txt").stat().st_size / 2**20
    args = [str(tmp / "old.txt"), str(tmp / "new.txt"), "-o", str(tmp / "d.json")]
    seconds, peak, code = _child_run(CLI + ["diff", *args])
    print(f"diff of a {mb:.1f} MB pair, default limits: {seconds:.2f} s, exit {code} (refused: over "
          "--max-compare-chars)")
    if raw:
        seconds, peak, code = _child_run(CLI + ["--max-compare-chars", "10000000", "diff", *args])
        print(f"diff of a {mb:.1f} MB pair with the limit raised: {seconds:.1f} s, peak RSS {peak:.0f} MB, exit {code}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pair", action="store_true", help="also diff a 10 MB pair (refused by default)")
    ap.add_argument("--pair-raw", action="store_true", help="… and again with the limit raised (minutes)")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        sys.exit("../shared/corpus is absent")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        interrupt(tmp)
        batch_200(tmp)
        if args.pair or args.pair_raw:
            pair_10mb(tmp, args.pair_raw)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
