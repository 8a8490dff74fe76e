"""PDF reading speed: ms a page for every PDF in ../shared/pdf (no OCR), split into what PDFium
costs (open, text page, text) and what the reader adds (boxes, cells, furniture, paragraphs);
and what a PDF adds to ``tag`` over its extracted text.

Target (issue 13): <= 10 ms a page without OCR; PDF reading adds no more than that to ``tag``.
Run: ``python bench/bench_pdf.py`` (``--ocr`` also times tesseract on page 1 of the image-only file).
Each file is read twice and the faster run kept (the machine is shared).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

from annotate import pipeline  # noqa: E402
from annotate.reading.ingest.pdf import PdfOptions, _check_streams, read_pdf  # noqa: E402

PDF_DIR = ROOT.parent / "shared" / "pdf"


def _best(fn, n: int = 2) -> float:
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _pdfium_only(data: bytes) -> None:
    doc = pdfium.PdfDocument(data)
    for i in range(len(doc)):
        page = doc[i]
        tp = page.get_textpage()
        tp.get_text_range()
        tp.close()
        page.close()
    doc.close()


def main() -> None:
    files = sorted(p for p in PDF_DIR.glob("*.pdf") if "IMAGEONLY" not in p.name)
    if not files:
        sys.exit(f"no PDFs in {PDF_DIR}")
    options = PdfOptions(ocr="never")
    total_pages = total_read = total_pdfium = total_streams = 0.0
    per_page = []
    print(f"{'file':58s} {'pages':>5s} {'pdfium':>8s} {'read':>8s}  ms/page")
    for path in files:
        data = path.read_bytes()
        pages = len(pdfium.PdfDocument(data))
        t_pdfium = _best(lambda: _pdfium_only(data))
        t_read = _best(lambda: read_pdf(data, path.name, options))
        total_streams += _best(lambda: _check_streams(data, path.name, options.max_stream_bytes))
        total_pages += pages
        total_read += t_read
        total_pdfium += t_pdfium
        per_page.append(t_read * 1000 / pages)
        print(f"{path.name[:58]:58s} {pages:5d} {t_pdfium * 1000 / pages:8.2f} {t_read * 1000 / pages:8.2f}")
    print(f"all {int(total_pages)} pages: PDFium alone {total_pdfium * 1000 / total_pages:.2f} ms a page, "
          f"read_pdf {total_read * 1000 / total_pages:.2f} ms a page (median file "
          f"{statistics.median(per_page):.2f}); target <= 10 ms a page")
    print(f"  of which the stream-size check (PDF bombs): {total_streams * 1000 / total_pages:.2f} ms a page")

    # what reading a PDF adds to tag: tag the PDF, and tag the text it decodes to
    import tempfile

    from annotate.reading import ingest

    for name in ("hksar-2013-policy-address.pdf", "huaian-hongze-district-2024-gov-info-disclosure-annual-report.pdf"):
        path = PDF_DIR / name
        if not path.is_file():
            continue
        decoded = ingest.load(str(path))
        with tempfile.TemporaryDirectory() as tmp:
            txt = Path(tmp) / "same.txt"
            txt.write_text(decoded.text, encoding="utf-8")
            t_pdf = _best(lambda: pipeline.tag(str(path)))
            t_txt = _best(lambda: pipeline.tag(str(txt)))
        pages = decoded.info.pages
        print(f"tag {name}: {t_pdf * 1000:.0f} ms from PDF, {t_txt * 1000:.0f} ms from its text: "
              f"PDF adds {(t_pdf - t_txt) * 1000 / pages:.2f} ms a page")

    if "--ocr" in sys.argv:
        from annotate.reading.ingest.pdf import tesseract_languages

        image_only = next(PDF_DIR.glob("*IMAGEONLY*.pdf"), None)
        if image_only is None or not tesseract_languages():
            print("OCR: skipped (no image-only file or no tesseract)")
            return
        one = pdfium.PdfDocument.new()
        one.import_pages(pdfium.PdfDocument(str(image_only)), [0])
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "one.pdf"
            one.save(str(out))
            t = _best(lambda: read_pdf(out.read_bytes(), out.name, PdfOptions()), 1)
        print(f"OCR one page of {image_only.name}: {t:.1f} s")


if __name__ == "__main__":
    main()
