"""OCR quality on the image-only PDF of ../shared/pdf: the share of the text-layer version's
characters that the OCR text of the rasterised copy holds, per page and for the whole file.

Target (issue 13): the whole file shares >= 90% of its characters with the text-layer version.
The share is a multiset overlap of non-space characters (order-free): sum(min(count_ocr(c),
count_layer(c))) / sum(count_layer(c)), the measure tests/test_pdf_shared.py uses.
Also prints how each page was read (ruled-line density, page segmentation mode) and the time.
Before ruled-table preprocessing (one --psm 3 pass a page): pages 99.0 86.4 42.1 56.0 98.3%, whole file 74.6%.
Run: ``python bench/bench_ocr.py`` (about 10 s a page on a loaded 2-core machine).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotate import pipeline  # noqa: E402
from annotate.reading.ingest.pdf import PdfOptions, read_pdf, tesseract_languages  # noqa: E402

PDF_DIR = ROOT.parent / "shared" / "pdf"


def share(layer: str, ocr: str) -> float:
    """The share of ``layer``'s non-space characters that ``ocr`` also holds (multiset overlap)."""
    a = Counter(c for c in layer if not c.isspace())
    b = Counter(c for c in ocr if not c.isspace())
    return sum((a & b).values()) / max(1, sum(a.values()))


def _pages(text) -> list[str]:
    """The text of each page of a :class:`PdfText`."""
    ends = list(text.page_starts[1:]) + [len(text.text)]
    return [text.text[a:b] for a, b in zip(text.page_starts, ends)]


def _how_read(path: Path) -> list[str]:
    """For each page: its ruled-line density, and the segmentation mode it is read with."""
    import pypdfium2 as pdfium

    from annotate.reading.ingest import ocr_image
    from annotate.reading.ingest.pdf import OCR_DPI, _page_image

    doc = pdfium.PdfDocument(str(path))
    out = []
    for i in range(len(doc)):
        rules = ocr_image.find_rules(_page_image(doc, i), OCR_DPI)
        mode = "rules erased, --psm 6, rows" if ocr_image.is_ruled(rules) else "--psm 3"
        out.append(f"{rules.horizontal_count} horizontal rules, {rules.density:.2%} of pixels on rules: {mode}")
    doc.close()
    return out


def main() -> None:
    image_only = next(PDF_DIR.glob("*IMAGEONLY*.pdf"), None)
    if image_only is None or not tesseract_languages():
        sys.exit("needs the image-only file in ../shared/pdf and tesseract with chi_sim")
    original = image_only.with_name(image_only.name.replace("-IMAGEONLY-derived", ""))
    layer = read_pdf(original.read_bytes(), original.name, PdfOptions(ocr="never"))
    t = time.perf_counter()
    scanned = read_pdf(image_only.read_bytes(), image_only.name, PdfOptions())
    seconds = time.perf_counter() - t
    print(f"{image_only.name}: {len(scanned.ocr_pages)} pages OCRed in {seconds:.0f} s "
          f"({seconds / max(1, len(scanned.ocr_pages)):.1f} s a page), {scanned.ocr_engine}")
    how = _how_read(image_only)
    for n, (a, b) in enumerate(zip(_pages(layer), _pages(scanned)), 1):
        print(f"  page {n}: {share(a, b):6.1%} of {sum(1 for c in a if not c.isspace())} characters; {how[n - 1]}")
    print(f"  whole file (reader text): {share(layer.text, scanned.text):.1%}")
    # the same measure on the normalized report text users get (as the tests measure it)
    whole = share(pipeline.read_report(str(original)).text, pipeline.read_report(str(image_only)).text)
    print(f"  whole file (report text): {whole:.1%}; target >= 90%")


if __name__ == "__main__":
    main()
