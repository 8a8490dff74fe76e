"""Time XML writing, validation and reading: the seed (all layers) and the whole corpus.

Usage: python bench/bench_xml.py [REPORT...]   (default: the seed, then ../shared/corpus)
Prints the best of several runs after warm-up, in milliseconds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from annotate import pipeline
from annotate.xml import read_xml, validate_bytes, write_xml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "tongzhou-2021-plan-report.md"


def best(fn, runs: int = 7) -> float:
    fn()  # warm-up (schema compiled once, caches filled)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times) * 1000


def main(paths: list[str]) -> None:
    if not paths:
        paths = [str(SEED)]
        corpus = sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".md", ".html", ".htm", ".docx"})
    else:
        corpus = []
    for path in paths:
        report = pipeline.tag(path)
        data = write_xml(report)
        print(f"{Path(path).name}: {len(report.text)} chars, {len(data) // 1024} KiB XML")
        print(f"  write_xml    {best(lambda: write_xml(report)):7.1f} ms")
        print(f"  validate     {best(lambda: validate_bytes(data, path)):7.1f} ms")
        print(f"  read_xml     {best(lambda: read_xml(data, path)):7.1f} ms  (includes validation)")
    if corpus:
        reports = [pipeline.tag(str(p)) for p in corpus]
        t = time.perf_counter()
        blobs = [write_xml(r) for r in reports]
        tw = time.perf_counter() - t
        t = time.perf_counter()
        for p, b in zip(corpus, blobs):
            read_xml(b, p.name)
        tr = time.perf_counter() - t
        print(f"corpus ({len(corpus)} reports): write {tw * 1000:.0f} ms, read+validate {tr * 1000:.0f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
