"""Where the bytes of an HTML redline go, for three pairs (issue 14: HK 2022 → 2025 ≤ 1 MB).

Per pair: the page size, the render time (best of three, comparison done), and a breakdown —
the inline and side-by-side views, the stylesheet, the script, and the attributes that weigh
most (name → total bytes of ``name="value"`` across the page).  With ``--browser`` (playwright
and Debian chromium): the page's load time and the first switch to the side-by-side view
(which the script builds then), best of three.
Run: ``python bench/bench_redline_size.py [-q] [--browser]`` (needs ../shared/corpus).
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


def browser_times(page: str) -> str:
    """Best of three: load (navigation start → load event end) and first switch to side by side."""
    import tempfile

    from playwright.sync_api import sync_playwright

    loads, switches = [], []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        path = Path(tmp) / "redline.html"
        path.write_text(page, encoding="utf-8")
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for _ in range(3):
            tab = browser.new_page()
            tab.goto(path.as_uri())
            loads.append(tab.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
            switches.append(tab.evaluate(
                "(() => { const t0 = performance.now(); document.querySelector('button[data-view=sbs]').click();"
                " document.body.offsetHeight; return performance.now() - t0; })()"))
            tab.close()
        browser.close()
    return f"  browser: load {min(loads):.0f} ms, first switch to side by side {min(switches):.0f} ms"


def main() -> None:
    from annotate import pipeline
    from annotate.comparing.compare import compare
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
        if "--browser" in sys.argv:
            print(browser_times(page))


if __name__ == "__main__":
    main()
