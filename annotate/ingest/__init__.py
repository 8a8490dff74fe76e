"""Bytes → text: read a report file (or stdin) of any supported format and encoding.

Contract: :func:`load` returns a :class:`Decoded` whose ``text`` is the report's text as
the reader sees it (HTML/DOCX reduced to one line per block element; text and markdown
exactly as decoded, newlines untouched) and whose ``asides`` locate page chrome, source
lines, captions and licence boilerplate to set aside.  Any problem raises
:class:`annotate.errors.AnnotateError` naming the file, with one clear message.

Modules: :mod:`.encoding` (bytes → str), :mod:`.readers` (format detection, HTML, DOCX),
:mod:`.chrome` (asides), :mod:`.records` (the frozen values).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..errors import AnnotateError
from ..model import SourceInfo
from .records import Aside, Decoded

__all__ = ["Aside", "Decoded", "load", "MAX_BYTES", "MIN_CJK"]

MAX_BYTES = 10 * 1024 * 1024  # real reports are < 200 KB (docx < 1 MB); checked before decoding
MIN_CJK = 200  # Chinese characters outside the asides; the shortest real report has ~11,000

_CJK_RUN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")
_NEWLINE_RE = re.compile(r"\r\n|\r|\n")


def load(path: str, data: bytes | None = None) -> Decoded:
    """Read ``path`` (``-`` is stdin, then ``data`` must be given) into a :class:`Decoded`.

    The format comes from the content where it is unambiguous (zip → docx, HTML markup,
    refused binary formats), else from the extension; for stdin, from the content alone.
    """
    from . import chrome, readers
    from .encoding import decode_bytes

    name = display_name(path)
    if data is None:
        data = read_bytes(path)
    if not data:
        raise AnnotateError(name, "is empty", "give a file that holds a report")
    fmt = readers.detect_format(path, data, name)
    if fmt == "pdf":
        return _load_pdf(path, data, name)
    if len(data) > MAX_BYTES:
        raise _too_large(name, len(data))

    extra: tuple[Aside, ...] = ()
    if fmt == "docbook":
        from .docbook import read_docbook

        text, encoding = read_docbook(data, name), "utf-8"
    elif fmt == "docx":
        text, encoding = readers.read_docx(data, name), "utf-8"
    elif fmt == "html":
        text, encoding, extra = readers.read_html(data, name)
    else:
        text, encoding = decode_bytes(data, name)
        if fmt is None:
            fmt = readers.sniff_text_format(text)
    if not text.strip():
        what = {"docx": "is a Word document with no text in it", "html": "is an HTML page with no text in it"}
        raise AnnotateError(name, what.get(fmt, "is empty (only white space)"), "give a file that holds a report")

    asides = _combine(chrome.find_asides(text), extra)
    _check_report(name, fmt, text, asides)
    info = SourceInfo(file=path, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding, format=fmt,
                      lines=_count_lines(text))
    return Decoded(text=text, info=info, asides=asides)


def _load_pdf(path: str, data: bytes, name: str) -> Decoded:
    """A PDF: its pages' text (OCRed where it has no text layer), page furniture set aside."""
    from . import chrome
    from .pdf import page_ranges, read_pdf

    found = read_pdf(data, name)
    if not found.text.strip():
        raise AnnotateError(name, "is a PDF with no text in it", "check that it is the report")
    # chrome is looked for with the furniture blanked out: a title repeated in every page's
    # header must not make the title on the title page look like a repeat
    blanked = list(found.text)
    for a in found.asides:
        blanked[a.start:a.end - 1] = " " * (a.end - 1 - a.start)
    asides = _combine(chrome.find_asides("".join(blanked)), found.asides)
    _check_report(name, "pdf", found.text, asides)
    info = SourceInfo(file=path, sha256=hashlib.sha256(data).hexdigest(), encoding="pdf", format="pdf",
                      lines=_count_lines(found.text), pages=len(found.page_starts),
                      ocr_pages=page_ranges(found.ocr_pages) or None, ocr_engine=found.ocr_engine or None)
    return Decoded(text=found.text, info=info, asides=asides, page_starts=found.page_starts,
                   ocr_starts=tuple(found.page_starts[p - 1] for p in found.ocr_pages))


def display_name(path: str) -> str:
    """How errors name an input: the path as given, ``<stdin>`` for ``-``."""
    return "<stdin>" if path == "-" else path


def _too_large(name: str, size: int, limit: int = MAX_BYTES) -> AnnotateError:
    hint = "raise the limit with --max-mb if the file is right" if limit != MAX_BYTES else \
        "real reports are well under 1 MB; check the file"
    return AnnotateError(name, f"is too large for a report ({size / 2**20:.1f} MB; the limit is "
                               f"{limit // 2**20} MB)", hint)


def _pdf_limit() -> int:
    from .pdf import PdfOptions

    return PdfOptions.from_env().max_bytes


def read_bytes(path: str) -> bytes:
    """The bytes of ``path`` (``-``: stdin), refusing a missing file, a folder or one over
    :data:`MAX_BYTES` before reading it into memory."""
    name = display_name(path)
    if path == "-":
        import sys

        # enough to tell "too large" for any format (a PDF may be larger than text)
        return sys.stdin.buffer.read(max(MAX_BYTES, _pdf_limit()) + 1)
    p = Path(path)
    limit = _pdf_limit() if p.suffix.lower() == ".pdf" else MAX_BYTES
    if not p.exists():
        raise AnnotateError(name, "no such file", "check the path and try again")
    if p.is_dir():
        raise AnnotateError(name, "is a directory, not a report file",
                            "give a .txt, .md, .html, .docx or annotated .xml file")
    try:
        size = p.stat().st_size
        if size > limit:  # refuse before reading it all into memory
            raise _too_large(name, size, limit)
        return p.read_bytes()
    except OSError as exc:
        raise AnnotateError(name, f"cannot be read ({exc.strerror})", "check its permissions") from None


def _combine(found: tuple[Aside, ...], extra: tuple[Aside, ...]) -> tuple[Aside, ...]:
    """Add reader-given asides (HTML figcaptions, chrome elements) where they do not partly overlap
    found ones; a found aside wholly inside a reader-given one is replaced by it."""
    if not extra:
        return found
    merged = list(found)
    for aside in extra:
        rest = [a for a in merged if not (aside.start <= a.start and a.end <= aside.end)]
        if all(aside.end <= a.start or aside.start >= a.end for a in rest):
            merged = rest + [aside]
    return tuple(sorted(merged, key=lambda a: a.start))


def _check_report(name: str, fmt: str, text: str, asides: tuple[Aside, ...]) -> None:
    """Refuse text with too little Chinese outside the asides to be a report."""
    count = 0
    pos = 0
    for aside in (*asides, Aside("", len(text), len(text))):
        for run in _CJK_RUN_RE.finditer(text, pos, aside.start):
            count += run.end() - run.start()
            if count >= MIN_CJK:
                return
        pos = max(pos, aside.end)
    if fmt == "html":
        problem = f"is an HTML page with no report in it (only {count} Chinese characters outside page chrome)"
        hint = "save the page that shows the full report text"
    else:
        problem = f"does not look like a report (only {count} Chinese characters; a report has thousands)"
        hint = "give the full text of a Chinese government report"
    raise AnnotateError(name, problem, hint)


def _count_lines(text: str) -> int:
    """Lines in the decoded text (``\\r\\n``, ``\\r`` and ``\\n`` all end a line)."""
    if not text:
        return 0
    breaks = len(_NEWLINE_RE.findall(text))
    return breaks + (0 if text.endswith(("\n", "\r")) else 1)
