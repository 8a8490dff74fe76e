"""Redline speed and size: the bundled national pair and the largest Hong Kong pair, end to end.

Targets (issue 5): the Hong Kong pair renders to a file under 5 MB in under 5 s end to end.
Issue 14: the Hong Kong 2022 → 2025 comparison renders to HTML in ≤ 0.5 s and ≤ 1 MB; the
rendering alone (comparison done) is timed in process, for the HTML page and the Word document.
Run: ``python bench/bench_redline.py`` (needs ../shared/corpus for the Hong Kong pairs).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PAIRS = [
    (ROOT / "examples/national-2023-gov-work-report.txt", ROOT / "examples/national-2024-gov-work-report.txt"),
    (CORPUS / "hongkong-2024-policy-address-simp.txt", CORPUS / "hongkong-2025-policy-address-trad.txt"),
    (CORPUS / "hongkong-2022-policy-address-simp.txt", CORPUS / "hongkong-2023-policy-address-simp.txt"),
]
RENDER_PAIRS = PAIRS[:1] + [
    (CORPUS / "hongkong-2022-policy-address-simp.txt", CORPUS / "hongkong-2025-policy-address-trad.txt"),
]


def render_only() -> None:
    """Best of three in-process renderings of one comparison: HTML (and docx where it exists)."""
    from annotate import pipeline
    from annotate.comparing.compare import compare
    from annotate.render.html import render_redline

    try:
        from annotate.render.docx import render_docx
    except ImportError:
        render_docx = None
    for old, new in RENDER_PAIRS:
        if not (old.exists() and new.exists()):
            print(f"skip {old.name} → {new.name}: not found")
            continue
        c = compare(pipeline.tag(str(old)), pipeline.tag(str(new)))
        for name, fn in (("html", render_redline), ("docx", render_docx)):
            if fn is None:
                continue
            runs, size = [], 0
            for _ in range(3):
                t0 = time.perf_counter()
                out = fn(c)
                runs.append(time.perf_counter() - t0)
                size = len(out.encode("utf-8") if isinstance(out, str) else out)
            print(f"render {name} {old.name} → {new.name}: best {min(runs):.3f} s, {size / 1e6:.2f} MB")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for old, new in PAIRS:
            if not (old.exists() and new.exists()):
                print(f"skip {old.name} → {new.name}: not found")
                continue
            out = Path(tmp) / "redline.html"
            runs = []
            for _ in range(3):
                t0 = time.perf_counter()
                subprocess.run([sys.executable, "-m", "annotate", "redline", str(old), str(new), "-o", str(out)],
                               check=True)
                runs.append(time.perf_counter() - t0)
            chars = len(old.read_text(encoding="utf-8")) + len(new.read_text(encoding="utf-8"))
            print(f"{old.name} → {new.name}: {chars} chars, end to end best {min(runs):.2f} s "
                  f"(runs {', '.join(f'{r:.2f}' for r in runs)}), file {out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
    render_only()
