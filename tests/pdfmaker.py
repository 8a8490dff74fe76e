"""Make small PDFs for tests with pypdfium2: Chinese text set line by line with a CJK font,
page furniture placed where printers put it, scanned (image-only) pages.

A CJK TrueType font is needed (Debian's fonts-wqy-zenhei, which .ci/run installs with
chromium); :func:`cjk_font` returns None without one and the tests that need it skip.
"""

from __future__ import annotations

import ctypes
import io
from dataclasses import dataclass
from pathlib import Path

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
PAGE_W, PAGE_H = 595.0, 842.0
SIZE = 12.0
LEFT = 72.0
CHARS_PER_LINE = 36  # a full line runs from LEFT to LEFT + 36 * SIZE
TOP = 760.0
PITCH = 20.0


def cjk_font() -> Path | None:
    for p in FONT_CANDIDATES:
        if Path(p).is_file():
            return Path(p)
    return None


@dataclass(frozen=True)
class Text:
    """One run of text at (x, y) (baseline, PDF points), ``size`` points."""

    text: str
    x: float
    y: float
    size: float = SIZE


@dataclass(frozen=True)
class Picture:
    """A small grey image at (x, y) (its lower left corner), ``size`` points square: a character
    a typesetter drew as a picture."""

    x: float
    y: float
    size: float = SIZE


def make_pdf(pages: list[list[Text | Picture]], font: Path | None = None) -> bytes:
    """A PDF with one page per list of :class:`Text` runs (and :class:`Picture` glyphs)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    data = (font or cjk_font()).read_bytes()
    buf = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    handle = raw.FPDFText_LoadFont(pdf.raw, buf, len(data), raw.FPDF_FONT_TRUETYPE, True)
    for runs in pages:
        page = pdf.new_page(PAGE_W, PAGE_H)
        for run in runs:
            if isinstance(run, Picture):
                bitmap = pdfium.PdfBitmap.new_native(16, 16, raw.FPDFBitmap_Gray)
                bitmap.fill_rect((128, 128, 128, 255), 0, 0, 16, 16)
                image = pdfium.PdfImage.new(pdf)
                image.set_bitmap(bitmap)
                image.set_matrix(pdfium.PdfMatrix().scale(run.size, run.size).translate(run.x, run.y))
                page.insert_obj(image)
                continue
            obj = raw.FPDFPageObj_CreateTextObj(pdf.raw, handle, run.size)
            wide = ctypes.create_string_buffer((run.text + "\0").encode("utf-16-le"))
            raw.FPDFText_SetText(obj, ctypes.cast(wide, ctypes.POINTER(raw.FPDF_WCHAR)))
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, run.x, run.y)
            raw.FPDFPage_InsertObject(page.raw, obj)
        raw.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def typeset(paragraphs: list[str], first_indent: int = 2, header: str | None = None,
            page_numbers: bool = True, lines_per_page: int = 30) -> list[list[Text]]:
    """Set ``paragraphs`` as printed pages: lines of :data:`CHARS_PER_LINE` characters, the first
    line of each paragraph indented ``first_indent`` characters, a running ``header`` at the top
    and ``- N -`` at the foot of every page.  A paragraph may run on to the next page."""
    lines: list[tuple[str, float]] = []
    for para in paragraphs:
        x = LEFT + first_indent * SIZE
        line, width = "", first_indent
        for c in para:  # fill each line to the measure, as a typesetter does (Latin half width)
            w = 0.5 if c.isascii() else 1.0
            if width + w > CHARS_PER_LINE:
                lines.append((line, x))
                line, width, x = "", 0.0, LEFT
            line += c
            width += w
        lines.append((line, x))
    pages: list[list[Text]] = []
    for start in range(0, len(lines), lines_per_page):
        runs = [Text(t, x, TOP - k * PITCH) for k, (t, x) in enumerate(lines[start:start + lines_per_page])]
        n = len(pages) + 1
        if header:
            runs.insert(0, Text(header, LEFT, 800.0, 9.0))
        if page_numbers:
            runs.append(Text(f"- {n} -", PAGE_W / 2 - 15, 40.0, 10.0))
        pages.append(runs)
    return pages


def rasterise(pdf_bytes: bytes, dpi: int = 200) -> bytes:
    """The same pages as images only (no text layer): a stand-in for a scanned report."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(pdf_bytes)
    out = pdfium.PdfDocument.new()
    for i in range(len(src)):
        page = src[i]
        w, h = page.get_size()
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        new = out.new_page(w, h)
        image = pdfium.PdfImage.new(out)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(w, h))
        new.insert_obj(image)
        new.gen_content()
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()
