"""How well the PDF reader puts printed lines back into paragraphs, on the real PDFs of
../shared/pdf (text layer only; the image-only file is bench_ocr.py's).

Counts, in the normalized text (what every layer and the user sees), per file:
- ``cut``: paragraphs broken mid-sentence: a paragraph of 30+ characters that ends in neither
  sentence or clause punctuation nor a closing bracket or quote (``……如國際來話`` / ``話務量……``:
  a list item cut after its first line; an item ending in 以及/及/和/或 before the next is no cut;
  a heading of a few dozen characters set without punctuation counts, in both versions);
- ``glued``: headings glued onto a paragraph: a sentence end followed by a short tail of at most
  20 characters with no punctuation that ends the paragraph (``……订定时间表。弱势社羣康复服务``);
- ``paragraphs``: paragraphs in all.
Fewer ``cut`` and ``glued`` is better; ``paragraphs`` is context.  Tables and contents entries
(lines with tabs) are left out of both counts.

Run: ``python bench/bench_pdf_paragraphs.py`` (about a minute).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotate.reading.ingest import load  # noqa: E402
from annotate.reading.normalize import normalize  # noqa: E402

PDF_DIR = ROOT.parent / "shared" / "pdf"
ENDS = set("。！？；：…!?;:，、,）)」』”’】》")
LIST_JOINS = ("以及", "及", "和", "或")  # ``……；以及`` / ``(3)……``: a list item before the last
GLUED = re.compile(r"[。！？][^，。、；：！？,.;:!?\s]{1,20}$")


def counts(text: str) -> tuple[int, int, int]:
    """(cut, glued, paragraphs) of one normalized text (module docstring)."""
    paras = [p.strip() for p in text.split("\n") if p.strip() and "\t" not in p]
    cut = sum(1 for p in paras if len(p) >= 30 and p[-1] not in ENDS and not p[-1].isdigit()
              and not p.endswith(LIST_JOINS))
    glued = sum(1 for p in paras if GLUED.search(p))
    return cut, glued, len(paras)


def main() -> None:
    files = sorted(f for f in PDF_DIR.glob("*.pdf") if "IMAGEONLY" not in f.name)
    total = [0, 0, 0]
    print(f"{'file':<70} {'cut':>5} {'glued':>6} {'paras':>6}")
    for f in files:
        c = counts(normalize(load(str(f))).text)
        total = [t + x for t, x in zip(total, c)]
        print(f"{f.name:<70} {c[0]:>5} {c[1]:>6} {c[2]:>6}")
    print(f"{'all':<70} {total[0]:>5} {total[1]:>6} {total[2]:>6}")


if __name__ == "__main__":
    main()
