"""How PDF input is read: the options the command line sets, and their defaults.

Kept apart from :mod:`annotate.reading.ingest.pdf` (which imports the PDF machinery) so that the command
line can declare ``--ocr``, ``--ocr-lang``, ``--max-pages`` and ``--max-stream-mb``, and every reader can find the PDF
size limit, without importing it: most reports read are not PDFs.  ``ingest.pdf`` re-exports
every name defined here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_MAX_PAGES = 2000  # the longest real report has a few hundred pages
DEFAULT_MAX_MB = 200  # scanned reports run to tens of MB (without --max-mb)
# the largest stream decoded from the shared PDFs is 4 MB (a font); a page scanned at 600 dpi in
# colour and stored losslessly is about 100 MB.  A PDF bomb inflates one stream to gigabytes.
DEFAULT_MAX_STREAM_MB = 256
OCR_DPI = 300
OCR_TIMEOUT = 300  # seconds per page
OCR_MODES = ("auto", "always", "never")
ENV_OCR, ENV_OCR_LANG = "ANNOTATE_OCR", "ANNOTATE_OCR_LANG"
ENV_MAX_PAGES = "ANNOTATE_PDF_MAX_PAGES"
ENV_MAX_STREAM_MB = "ANNOTATE_PDF_MAX_STREAM_MB"
ENV_MAX_MB = "ANNOTATE_MAX_MB"  # ``annotate --max-mb``: the user's size limit, for PDF too
APT_PACKAGES = "tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra"


@dataclass(frozen=True)
class PdfOptions:
    """How to read a PDF: ``ocr`` (auto|always|never), tesseract languages, limits."""

    ocr: str = "auto"
    ocr_lang: str = ""  # "": chi_sim, or chi_tra when the first scanned page reads traditional
    max_pages: int = DEFAULT_MAX_PAGES
    max_bytes: int = DEFAULT_MAX_MB * 2**20
    max_stream_bytes: int = DEFAULT_MAX_STREAM_MB * 2**20  # decoded, any one stream

    @classmethod
    def from_env(cls) -> "PdfOptions":
        """The options the command line set (see module docstring), else the defaults."""
        ocr = os.environ.get(ENV_OCR, "auto")
        return cls(ocr=ocr if ocr in OCR_MODES else "auto",
                   ocr_lang=os.environ.get(ENV_OCR_LANG, ""),
                   max_pages=_env_int(ENV_MAX_PAGES, DEFAULT_MAX_PAGES),
                   max_bytes=_env_int(ENV_MAX_MB, DEFAULT_MAX_MB) * 2**20,
                   max_stream_bytes=_env_int(ENV_MAX_STREAM_MB, DEFAULT_MAX_STREAM_MB) * 2**20)


def _env_int(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default
