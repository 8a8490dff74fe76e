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
import os
from pathlib import Path

from ...errors import AnnotateError
from ...model import SourceInfo
from .records import Aside, Decoded
from ...lazyre import compiled

__all__ = ["Aside", "Decoded", "load", "MAX_BYTES", "MIN_CJK"]

MAX_BYTES = 10 * 1024 * 1024  # real reports are < 200 KB (docx < 1 MB); checked before decoding
if os.environ.get("ANNOTATE_MAX_MB", "").isdigit():  # set by --max-mb, seen by worker processes too
    MAX_BYTES = int(os.environ["ANNOTATE_MAX_MB"]) * 2**20
XML_FACTOR = 8  # an annotated XML holds its report and every annotation: it may be this much larger
MIN_CJK = 200  # Chinese characters outside the asides; the shortest real report has ~11,000

_CJK_RUN_RE = compiled("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")
_NEWLINE_RE = compiled(r"\r\n|\r|\n")


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
    if len(text) > max_text_chars():  # a small .docx or .html can hold far more text than its size says
        raise AnnotateError(name, f"holds {len(text):,} characters of text, more than the {max_text_chars():,} "
                                  f"a report of at most {MAX_BYTES // 2**20} MB can hold",
                            "check the file; --max-mb raises the limit")
    if not text.strip():
        what = {"docx": "is a Word document with no text in it", "html": "is an HTML page with no text in it"}
        raise AnnotateError(name, what.get(fmt, "is empty (only white space)"), "give a file that holds a report")

    asides = _combine(chrome.find_asides(text), extra)
    _check_report(name, fmt, text, asides)
    info = SourceInfo(file=printable_name(path), sha256=hashlib.sha256(data).hexdigest(), encoding=encoding, format=fmt,
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
    """How outputs and errors name an input: the path as given, ``<stdin>`` for ``-``; see
    :func:`printable_name` for names that are not plain text."""
    return "<stdin>" if path == "-" else printable_name(path)


_UNPRINTABLE = compiled("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable_name(path: str) -> str:
    """A file name as text every output can hold and no terminal misreads: bytes that are not
    UTF-8 (``\\xff``) and control or bidirectional characters (``\\x1b``, ``\\u202e``) are
    written as escapes.  A name is data too: it reaches XML, JSON, HTML and the terminal."""
    if not _UNPRINTABLE.search(path):
        return path
    raw = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                            else f"\\u{ord(m.group()):04x}", raw)


def max_text_chars() -> int:
    """The most text a report may hold once extracted, whatever its format (half the byte limit:
    a UTF-8 report of MAX_BYTES holds far fewer characters than that)."""
    return MAX_BYTES // 2


def set_max_mb(mb: int) -> None:
    """Raise or lower the size limit (``--max-mb``) for this process and the workers it starts."""
    global MAX_BYTES
    MAX_BYTES = mb * 2**20
    os.environ["ANNOTATE_MAX_MB"] = str(mb)


def _too_large(name: str, size: int, limit: int | None = None) -> AnnotateError:
    limit = MAX_BYTES if limit is None else limit
    return AnnotateError(name, f"is too large for a report ({size / 2**20:.1f} MB; the limit is "
                               f"{limit / 2**20:g} MB)",
                         "real reports are well under 1 MB; check the file, or raise the limit with --max-mb")


def size_limit(path: str) -> int:
    """Bytes ``path`` may have: an annotated ``.xml`` holds its report and every annotation; a
    PDF has its own limit (``ingest.pdf``: scans run to tens of MB)."""
    suffix = path.lower().rsplit(".", 1)[-1]
    return MAX_BYTES * XML_FACTOR if suffix == "xml" else _pdf_limit() if suffix == "pdf" else MAX_BYTES


def _pdf_limit() -> int:
    from .pdf_options import PdfOptions

    return PdfOptions.from_env().max_bytes


def read_bytes(path: str) -> bytes:
    """The bytes of ``path`` (``-``: stdin), refusing a missing file, a folder or one over
    :data:`MAX_BYTES` before reading it into memory."""
    name = display_name(path)
    if path == "-":
        import sys

        # enough to tell "too large" for any format: annotated XML and PDF may be larger than text
        data = sys.stdin.buffer.read(max(MAX_BYTES * XML_FACTOR, _pdf_limit()) + 1)
        head = data[:1024]
        limit = _pdf_limit() if b"%PDF-" in head else \
            MAX_BYTES * XML_FACTOR if head[:400].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml") else MAX_BYTES
        if len(data) > limit:
            raise _too_large(name, len(data), limit)
        return data
    p = Path(path)
    if not p.exists():
        raise AnnotateError(name, "no such file", "check the path and try again")
    if p.is_dir():
        raise AnnotateError(name, "is a directory, not a report file",
                            "give a .txt, .md, .html, .docx, .pdf or annotated .xml file")
    try:
        size = p.stat().st_size
        if size > size_limit(path):  # refuse before reading it all into memory
            raise _too_large(name, size, size_limit(path))
        with p.open("rb") as fh:  # a file growing while read is cut at the limit, not read whole
            data = fh.read(size_limit(path) + 1)
        if len(data) > size_limit(path):
            raise _too_large(name, len(data), size_limit(path))
        return data
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
