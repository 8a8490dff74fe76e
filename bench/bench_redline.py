"""Redline speed and size: the bundled national pair and the largest Hong Kong pair, end to end.

Targets (issue 5): the Hong Kong pair renders to a file under 5 MB in under 5 s end to end.
Run: ``python bench/bench_redline.py`` (needs ../shared/corpus for the Hong Kong pair).
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
