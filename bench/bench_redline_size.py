"""Where the bytes of an HTML redline go, for three pairs (issue 14: HK 2022 → 2025 ≤ 1 MB).

Per pair: the page size, the render time (best of three, comparison done), and a breakdown —
the inline and side-by-side views, the stylesheet, the script, and the attributes that weigh
most (name → total bytes of ``name="value"`` across the page).
Run: ``python bench/bench_redline_size.py`` (needs ../shared/corpus).
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PAIRS = [
    (CORPUS / "national-2023-gov-work-report.txt", CORPUS / "national-2024-gov-work-report.txt"),
    (CORPUS / "shanghai-2025-gov-work-report.txt", CORPUS / "shanghai-2026-gov-work-report.txt"),
    (CORPUS / "hongkong-2022-policy-address-simp.txt", CORPUS / "hongkong-2025-policy-address-trad.txt"),
]
ATTR = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')


def _kb(s: str) -> str:
    return f"{len(s.encode('utf-8')) / 1e3:.0f} KB"


def _between(page: str, start: str, end: str) -> str:
    """The page from the first ``start`` to the first ``end`` after it (empty when absent)."""
    i = page.find(start)
    if i < 0:
        return ""
    j = page.find(end, i)
    return page[i : j if j >= 0 else len(page)]


def breakdown(page: str) -> list[str]:
    """Lines naming the heaviest parts of ``page``."""
    inline = _between(page, 'id="view-inline"', 'id="view-sbs"')
    sbs = _between(page, 'id="view-sbs"', "<script")
    style = _between(page, "<style", "</style>")
    script = _between(page, "<script", "</script>")
    attrs: Counter[str] = Counter()
    for m in ATTR.finditer(page):
        attrs[m.group(1)] += len(m.group(0).encode("utf-8"))
    lines = [f"  inline view {_kb(inline)}, side-by-side {_kb(sbs)}, style {_kb(style)}, script {_kb(script)}"]
    lines.append("  attributes: " + ", ".join(f"{k} {v / 1e3:.0f} KB" for k, v in attrs.most_common(8)))
    return lines


def main() -> None:
    from annotate import pipeline
    from annotate.compare import compare
    from annotate.render.html import render_redline

    for old, new in PAIRS:
        if not (old.exists() and new.exists()):
            print(f"skip {old.name} → {new.name}: not found")
            continue
        c = compare(pipeline.tag(str(old)), pipeline.tag(str(new)))
        runs, page = [], ""
        for _ in range(3):
            t0 = time.perf_counter()
            page = render_redline(c)
            runs.append(time.perf_counter() - t0)
        print(f"{old.stem} → {new.stem}: {len(page.encode('utf-8')) / 1e6:.3f} MB, render best {min(runs):.3f} s")
        if "-q" not in sys.argv:
            print("\n".join(breakdown(page)))


if __name__ == "__main__":
    main()
