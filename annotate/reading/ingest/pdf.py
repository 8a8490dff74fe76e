"""PDF → the text of its pages, line by line, with page furniture located and scanned pages OCRed.

Contract: :func:`read_pdf` returns a :class:`PdfText` whose ``text`` is the text layer as printed:
one line per printed line, an empty line where the layout ends a paragraph (a short line, an
indented next line that is no hanging-indent continuation, a vertical gap, a short unpunctuated
heading under a sentence's end; never inside a title wrapped onto centred lines), table cells joined by tabs (a gap wider than two characters
inside a line).  Page furniture (running headers and footers, page numbers, titles repeated at
the top of every page) stays in ``text`` as whole lines placed before each page's body and is
returned as asides (found by position and repetition across pages: :func:`chrome.page_furniture`).
``page_starts[i]`` is the offset in ``text`` where page ``i + 1`` begins.  Nothing is cleaned
here: characters (compatibility ideographs, private-use code points, U+FFFE for a hyphen,
spaces between CJK characters) are repaired and recorded by normalization.

Read with pypdfium2 (PDFium).  PDFium is not thread-safe: never read PDFs from several threads;
batch runs use processes.  A page with no text layer is OCRed by the ``tesseract`` binary
(Debian: tesseract-ocr, tesseract-ocr-chi-sim, tesseract-ocr-chi-tra) under ``ocr="auto"``;
``"always"`` OCRs every page, ``"never"`` none.  Limits (bytes, pages, the decoded size of one
stream) refuse PDF bombs; the command line raises them (``--max-pages``, ``--max-stream-mb``;
``annotate --max-mb``, which also sets the size limit of other inputs), passed on through
environment variables so that batch worker processes see them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from statistics import median

from ...errors import AnnotateError
from . import chrome
from .pdf_options import (  # noqa: F401 (re-exported: the options are part of this module's interface)
    APT_PACKAGES, DEFAULT_MAX_MB, DEFAULT_MAX_PAGES, DEFAULT_MAX_STREAM_MB, ENV_MAX_MB, ENV_MAX_PAGES,
    ENV_MAX_STREAM_MB, ENV_OCR, ENV_OCR_LANG, OCR_DPI, OCR_MODES, OCR_TIMEOUT, PdfOptions,
)
from .records import Aside
from ...lazyre import compiled

_CJK = compiled("[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class PdfText:
    """What :func:`read_pdf` found: text, furniture asides, where pages start, OCRed pages (1-based)."""

    text: str
    asides: tuple[Aside, ...]
    page_starts: tuple[int, ...]
    ocr_pages: tuple[int, ...] = ()
    ocr_engine: str = ""


@dataclass
class _Line:
    """One printed line: its text and box in PDF points (y grows upwards); ``em`` is its type size."""

    text: str
    left: float = 0.0
    bottom: float = 0.0
    right: float = 0.0
    top: float = 0.0
    em: float = 0.0
    ends_paragraph: bool = False  # OCR text: tesseract put an empty line after it


@dataclass
class _Page:
    width: float
    height: float
    lines: list[_Line] = field(default_factory=list)
    ocr: bool = False
    placed: bool = True  # lines carry boxes (False for OCR text)
    scanned: bool = False  # no text layer, and an image covering much of the page


# --------------------------------------------------------------------------- entry


def read_pdf(data: bytes, name: str, options: PdfOptions | None = None) -> PdfText:
    """Read the PDF ``data`` (``name`` is how errors call it); see the module docstring."""
    options = options or PdfOptions.from_env()
    if len(data) > options.max_bytes:
        raise AnnotateError(name, f"is a PDF of {len(data) / 2**20:.1f} MB, over the limit of "
                                  f"{options.max_bytes // 2**20} MB", "raise it with --max-mb if the file is right")
    _check_streams(data, name, options.max_stream_bytes)
    doc = _open(data, name)
    try:
        n = len(doc)
        if n == 0:
            raise AnnotateError(name, "is a PDF with no pages", "give the full report")
        if n > options.max_pages:
            raise AnnotateError(name, f"is a PDF of {n} pages, over the limit of {options.max_pages}",
                                "raise it with --max-pages if the file is right")
        pages = [_read_page(doc, i, name) for i in range(n)]
        ocr_wanted = [i for i, p in enumerate(pages)
                      if options.ocr == "always" or (options.ocr == "auto" and p.scanned)]
        if options.ocr == "never" and not any(_has_text(p) for p in pages):
            raise AnnotateError(name, "is a scanned PDF (no page has a text layer) and --ocr never was given",
                                "use --ocr auto to read it with tesseract")
        engine = ""
        if ocr_wanted:
            engine = _ocr_pages(doc, pages, ocr_wanted, name, options)
    finally:
        doc.close()
    return _assemble(pages, engine)


def _open(data: bytes, name: str):
    """Open ``data`` with PDFium, turning its failures into one clear error."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise AnnotateError(name, "is an encrypted PDF (it needs a password)",
                                "save a copy without a password and give that") from None
        # PDFium's reason for other refusals is unreliable (a document without pages gets
        # "data format error" or none at all): name the causes it may be
        raise AnnotateError(name, "is a damaged or truncated PDF, or one with no pages (PDFium cannot open it)",
                            "download it again or save it anew from a PDF viewer") from None


_STREAM_RE = compiled(rb"stream(?:\r\n|\n|\r)")
_FLATE_RATIO = 1032  # deflate's most: one compressed byte never inflates to more bytes than this
_CHUNK = 2**20


def _check_streams(data: bytes, name: str, limit: int) -> None:
    """Refuse a PDF with a Flate stream that inflates to more than ``limit`` bytes (a PDF bomb:
    PDFium would inflate it whole into memory).  Streams are inflated a megabyte at a time and
    thrown away; one too small to reach the limit (deflate's ratio bounds it) is not inflated.
    A filter chain of several FlateDecode layers (counted in the stream's dictionary) is followed
    to every depth: a miscounted chain cannot hide a layer that inflates past the limit."""
    view = memoryview(data)
    for m in _STREAM_RE.finditer(data):
        start = m.end()
        end = data.find(b"endstream", start)
        end = len(data) if end < 0 else end
        head = max(0, data.rfind(b"obj", max(0, m.start() - 512), m.start()))  # the stream's dictionary
        layers = data.count(b"/FlateDecode", head, m.start()) or 1
        if (end - start) * _FLATE_RATIO ** layers <= limit:
            continue
        if any(_inflated_size(view[start:end], n, limit) > limit for n in range(layers, 0, -1)):
            raise AnnotateError(name, f"is a PDF with a compressed stream that inflates to over "
                                      f"{limit // 2**20} MB (a PDF bomb, or a huge page)",
                                "raise the limit with --max-stream-mb if the file is right")


def _inflated_size(raw, layers: int, limit: int) -> int:
    """How many bytes ``raw`` inflates to through ``layers`` zlib layers, counted up to just past
    ``limit``; what inflated before the data stopped being zlib (0 for another filter)."""
    import zlib

    source = (raw[i:i + _CHUNK] for i in range(0, len(raw), _CHUNK))
    for _ in range(layers):
        source = _inflate(source)
    size = 0
    try:
        for out in source:
            size += len(out)
            if size > limit:
                break
    except zlib.error:
        pass
    return size


def _inflate(chunks):
    """Inflate a stream of zlib chunks, at most a megabyte of output at a time (never the whole)."""
    import zlib

    d = zlib.decompressobj()
    for chunk in chunks:
        while chunk:
            out = d.decompress(chunk, _CHUNK)
            if out:
                yield out
            if d.eof:
                return
            chunk = d.unconsumed_tail


def _has_text(page: _Page) -> bool:
    return any(ln.text.strip() for ln in page.lines)


# --------------------------------------------------------------------------- text layer

_TAB_GAP = 1.2  # a gap wider than this many characters inside a line separates table cells
# ... unless what stands before it is a paragraph number or label (``1.``, ``（一）``) set off by a gap
_LABEL_RE = compiled(r"\s*(?:\d{1,3}[.．、]?|[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[①-⑳])\s*")


def _read_page(doc, i: int, name: str) -> _Page:
    """Page ``i``'s printed lines with their boxes, in reading order (top to bottom)."""
    page = doc[i]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            placed = len(text) == textpage.count_chars()  # one code unit per char: boxes line up
            glyphs = _glyph_images(page) if placed and text.strip() else []  # consumed as placed
            lines = _split_lines(textpage, text, placed, glyphs)
        finally:
            textpage.close()
        scanned = not lines and _large_image(page, width * height)
    finally:
        page.close()
    if placed:
        # content-stream order puts header rows after body rows in some exported tables:
        # a stable sort by baseline puts them back (reports are set in one column)
        lines.sort(key=lambda ln: -round(ln.bottom / 2))
    return _Page(width, height, lines, placed=placed, scanned=scanned)


UNREADABLE = "\ufffd"  # a character drawn as a picture: no text layer says what it is
_GLYPH_MAX = 30.0  # points: an image no larger than a character of body type ...
_GLYPH_MIN = 4.0  # ... and no smaller than one (a dot, a rule)


def _glyph_images(page) -> list[tuple[float, float, float, float]]:
    """Boxes (left, bottom, right, top) of the character-sized images on a page: characters a
    typesetter drew as pictures (a font lacked them), absent from the text layer."""
    import pypdfium2.raw as pdfium_c

    out = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if _GLYPH_MIN <= right - left <= _GLYPH_MAX and _GLYPH_MIN <= top - bottom <= _GLYPH_MAX:
            out.append((left, bottom, right, top))
    return out


def _place_glyphs(textpage, raw: str, start: int, box: tuple[float, float, float, float],
                  glyphs: list[tuple[float, float, float, float]]) -> str:
    """``raw`` with :data:`UNREADABLE` where a glyph image stands inside the line's box: it takes
    the place of the space PDFium put in the gap, or is inserted between the characters around it."""
    left, bottom, right, top = box
    em = top - bottom
    mine = sorted(g for g in glyphs if bottom - 0.25 * em <= (g[1] + g[3]) / 2 <= top + 0.25 * em
                  and left - em <= g[0] <= right + 0.5 * em)
    if not mine:
        return raw
    for g in mine:  # each picture marks one place, even where two lines share a height
        glyphs.remove(g)
    chars = list(raw)
    centres = [(textpage.get_charbox(start + i)[0] + textpage.get_charbox(start + i)[2]) / 2 if not c.isspace()
               else None for i, c in enumerate(raw)]
    for g in reversed(mine):  # right to left: earlier indices stay valid
        x = (g[0] + g[2]) / 2
        at = sum(1 for c in centres if c is not None and c < x)
        k = [i for i, c in enumerate(centres) if c is not None]
        pos = k[at - 1] + 1 if at else (k[0] if k else 0)
        if pos < len(chars) and chars[pos] == " ":
            chars[pos] = UNREADABLE
        else:
            chars.insert(pos, UNREADABLE)
    return "".join(chars)


def _large_image(page, area: float) -> bool:
    """Does an image cover at least a quarter of the page (a scan, not a logo or a blank page)?"""
    import pypdfium2.raw as pdfium_c

    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= 0.25 * area:
            return True
    return False


def _split_lines(textpage, text: str, placed: bool, glyphs: list | None = None) -> list[_Line]:
    """Split PDFium's text (lines end in generated ``\\r\\n``) into :class:`_Line` with boxes;
    wide gaps inside a line become tabs, character-sized images :data:`UNREADABLE` marks."""
    out: list[_Line] = []
    pos = 0
    for raw in re.split(r"\r\n|\r|\n", text):
        start, pos = pos, pos + len(raw)
        pos += 2 if text.startswith("\r\n", pos) else (1 if pos < len(text) else 0)
        if not raw.strip():
            continue
        if not placed:
            out.append(_Line(raw))
            continue
        first = start + (len(raw) - len(raw.lstrip()))
        last = start + len(raw.rstrip()) - 1
        l0, b0, r0, t0 = textpage.get_charbox(first, loose=True)
        l1, b1, r1, t1 = textpage.get_charbox(last, loose=True)
        em = max(t0 - b0, 1.0)
        box = (l0, min(b0, b1), max(r0, r1), max(t0, t1))
        cells = _cells(textpage, raw, start, em)
        if glyphs:
            placed_raw = _place_glyphs(textpage, raw, start, box, glyphs)
            if placed_raw != raw:
                cells = placed_raw  # (a line with a pictured character keeps its spaces: prose, not a table)
        out.append(_Line(cells, *box, em))
    return out


def _cells(textpage, raw: str, start: int, em: float) -> str:
    """``raw`` with each run of spaces that spans a wide gap (a table cell boundary) made a tab."""
    if " " not in raw.strip():
        return raw
    parts: list[str] = []
    prev = 0
    for m in re.finditer(r" +", raw):
        a, b = m.span()
        if a == 0 or b == len(raw):
            continue
        left = textpage.get_charbox(start + a - 1, loose=True)[2]
        right = textpage.get_charbox(start + b, loose=True)[0]
        if right - left > _TAB_GAP * em and not _LABEL_RE.fullmatch(raw, 0, a):
            parts.append(raw[prev:a])
            parts.append("\t")
            prev = b
    parts.append(raw[prev:])
    return "".join(parts)


# --------------------------------------------------------------------------- assembly


def _assemble(pages: list[_Page], engine: str) -> PdfText:
    """Join the pages: furniture lines first on each page (set aside), then the body lines,
    an empty line where the layout ends a paragraph."""
    furniture = chrome.page_furniture([[(ln.text, ln.bottom, ln.top) for ln in p.lines] if p.placed else []
                                       for p in pages], [p.height for p in pages])
    chunks: list[str] = []
    asides: list[Aside] = []
    page_starts: list[int] = []
    length = 0
    prev_body: tuple[_Page, _Line, _Column] | None = None
    # the type size of most lines: the body text's (titles and headings are set larger)
    sizes = [round(ln.em, 1) for p in pages if p.placed for ln in p.lines if ln.em]
    body_em = median(sizes) if sizes else 0.0

    def add(s: str) -> None:
        nonlocal length
        chunks.append(s)
        length += len(s)

    for pi, page in enumerate(pages):
        body = [ln for li, ln in enumerate(page.lines) if (pi, li) not in furniture]
        if prev_body is not None:
            continues = bool(body) and _continues_page(prev_body, page, body[0])
            add("\n" if continues else "\n\n")
        page_starts.append(length)
        for li, ln in enumerate(page.lines):
            kind = furniture.get((pi, li))
            if kind:
                asides.append(Aside(kind, length, length + len(ln.text) + 1))
                add(ln.text + "\n")
        column = _Column.of(page, body)
        for k, ln in enumerate(body):
            if k:
                add("\n\n" if _paragraph_break(page, column, body[k - 1], ln, body_em) else "\n")
            add(ln.text)
        if body:
            prev_body = (page, body[-1], column)
    ocr_pages = tuple(i + 1 for i, p in enumerate(pages) if p.ocr)
    return PdfText("".join(chunks), tuple(asides), tuple(page_starts), ocr_pages, engine if ocr_pages else "")


@dataclass(frozen=True)
class _Column:
    """A page's text column: where most lines start, where the widest end, the line pitch."""

    left: float
    right: float
    pitch: float

    @classmethod
    def of(cls, page: _Page, body: list[_Line]) -> "_Column":
        lines = [ln for ln in body if len(ln.text) >= 4]
        if not lines or not page.placed:
            return cls(0.0, page.width, 0.0)
        lefts = sorted(ln.left for ln in lines)
        rights = sorted(ln.right for ln in lines)
        steps = [a.bottom - b.bottom for a, b in zip(body, body[1:]) if a.bottom > b.bottom]
        # quantiles, not extremes: robust to a few outliers (a wide table, a centred title)
        return cls(lefts[len(lefts) // 5], rights[int(len(rights) * 0.9)], median(steps) if steps else 0.0)


def _paragraph_break(page: _Page, column: _Column, a: _Line, b: _Line, body_em: float = 0.0) -> bool:
    """Does the layout end a paragraph between consecutive body lines ``a`` and ``b``?

    Yes around a table row (a line with tabs), after a line that stops short of the right
    margin, before a line indented from the one above (unless it hangs under a list label's text:
    :func:`_hangs`), before a short heading under a sentence's end, and across a vertical gap (or
    a jump back up the page); none inside a title wrapped onto centred lines (:func:`_wrapped_centred`).
    OCR text has no boxes: tesseract's empty lines separate its paragraphs."""
    if not page.placed:
        return a.ends_paragraph
    if "\t" in a.text or "\t" in b.text:
        return True  # a table row (or a table of contents entry) is a line of its own
    em = max(a.em, b.em)
    if _wrapped_centred(page, a, b, body_em):
        return False
    if a.right < column.right - 1.5 * em:
        return True
    if b.left > a.left + 0.8 * em and not _hangs(a, b):
        return True
    if _heading_after_sentence(column, a, b):
        return True
    gap = a.bottom - b.top
    return b.top > a.top or gap > max(0.8 * em, column.pitch - 0.4 * em)


# how a centred line that is a title of its own (not the rest of the one above) may open
_OWN_LINE_START = re.compile(r"\s*(?:——|—|－|-|[（(]?[0-9０-９一二三四五六七八九十]{1,3}[、.．)）]|第.{1,3}[章节部篇])")


def _wrapped_centred(page: _Page, a: _Line, b: _Line, body_em: float) -> bool:
    """Is ``b`` the second line of a centred title or heading that the typesetter wrapped
    (a cover's ``「中華民國 114 年度中央政府`` / ``總預算案」覆議案報告``)?  Both lines centred on the
    page in the same type size, larger than the body text's ``body_em`` (body lines of a page set
    centred are not titles), close together (less than a line of space between), ``a`` not
    ending a sentence, ``b`` no subtitle, numbered heading or list label of its own."""
    if not (a.em and abs(a.em - b.em) <= 0.05 * a.em and a.em >= 1.15 * body_em):
        return False
    centred = all(abs((ln.left + ln.right) / 2 - page.width / 2) <= 1.5 * ln.em
                  and ln.right - ln.left < page.width * 0.8 for ln in (a, b))
    close = 0 <= a.bottom - b.top < 0.8 * a.em
    return (centred and close and not _SENTENCE_END.search(a.text)
            and not _OWN_LINE_START.match(b.text))


def _continues_page(prev: tuple[_Page, _Line, _Column], page: _Page, first: _Line) -> bool:
    """Does the page's first body line continue the previous page's last one (a full line not
    followed by an indent, no table row)?"""
    prev_page, last, column = prev
    if not (prev_page.placed and page.placed) or "\t" in last.text or "\t" in first.text:
        return False
    # not indented from the column; or, no label of its own, not from the last line (the
    # continuation lines of a hanging list item stand right of the column's labels); or the
    # hanging continuation of a label line
    indent_ok = (first.left <= column.left + 0.8 * first.em or _hangs(last, first)
                 or (first.left <= last.left + 0.8 * first.em and not _LABEL.match(first.text)))
    # a paragraph keeps its type size over the page break (a cover's subtitle does not run on
    # into the salutation on page 2)
    same_size = abs(last.em - first.em) <= 0.1 * max(last.em, first.em)
    return (last.right >= column.right - 1.5 * last.em and indent_ok and same_size
            and not _heading_after_sentence(column, last, first))


# a list label opening a line: ５、 1. (二) （3） 一、 ①
_LABEL = re.compile(r"\s*(?:[（(][0-9０-９一二三四五六七八九十]{1,3}[)）]|[0-9０-９]{1,3}[、.．]"
                    r"|[一二三四五六七八九十]{1,3}、|[①-⑳])")

_LABEL_SPACED = re.compile(_LABEL.pattern + r"[ \u3000]*")  # with the space that parts it from its text


def _hangs(a: _Line, b: _Line) -> bool:
    """Is ``b`` the continuation of list item ``a`` set with a hanging indent (``５、臺高檢署……加強掃蕩``
    / ``不法，定期……`` with ``不`` under ``臺``)?  ``a`` opens with a label and ``b`` starts where the
    label's text does: the label's width (full-width characters one em, others half) past ``a``'s
    left edge, give or take the half-width guess."""
    label = _LABEL_SPACED.match(a.text)
    if not label or _LABEL.match(b.text):
        return False
    em = max(a.em, b.em)  # a label of half-width brackets can make its line's box the smaller
    width = sum({" ": 0.5, "\u3000": 1.0}.get(c, 0.5 if c.isascii() else 1.0) for c in label.group().lstrip()) * em
    return abs(b.left - a.left - width) <= 0.7 * em


# a sentence ends here (a closing quote or bracket may follow the mark)
_SENTENCE_END = re.compile(r"[。！？；：!?][”’」』）)]*\s*$")
_TRAILING_PUNCT = re.compile(r"[，。、；：！？…,.;:!?”’」』）)]\s*$")


def _heading_after_sentence(column: _Column, a: _Line, b: _Line) -> bool:
    """Is ``b`` an unnumbered heading set flush under a full line ``a`` (``……订定时间表。`` /
    ``弱势社羣``)?  Yes when ``a`` ends a sentence and ``b`` is a short line (it stops short of the
    right margin) of a few words without punctuation at its end: a paragraph's last line ends with
    its punctuation, so such a line cannot be the tail of ``a``'s paragraph."""
    text = b.text.strip()
    return (bool(_SENTENCE_END.search(a.text)) and 0 < len(text) <= 20
            and b.right < column.right - 1.5 * max(b.em, a.em) and not _TRAILING_PUNCT.search(text))


# --------------------------------------------------------------------------- OCR


def installed_tesseract_languages() -> tuple[str, ...]:
    """Every language tesseract has data for (empty when tesseract is absent)."""
    exe = shutil.which("tesseract")
    if not exe:
        return ()
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    # a first line "List of available languages in "…" (4):", then one language per line
    return tuple(line.strip() for line in out.splitlines()[1:] if line.strip())


def tesseract_languages() -> tuple[str, ...]:
    """The Chinese tesseract languages installed (empty when tesseract is absent)."""
    every = installed_tesseract_languages()
    return tuple(lang for lang in ("chi_sim", "chi_tra") if lang in every)


def _check_ocr_lang(requested: str, name: str) -> None:
    """``--ocr-lang chi_tra+eng``: each language must be installed, else one error naming those that are
    (tesseract's own message, "could not initialize", would blame the installation)."""
    every = installed_tesseract_languages()
    missing = [lang for lang in requested.split("+") if lang not in every]
    if every and missing:
        raise AnnotateError(name, f"--ocr-lang {requested}: tesseract has no language {', '.join(missing)}",
                            f"choose from {', '.join(every)}")


def _ocr_pages(doc, pages: list[_Page], wanted: list[int], name: str, options: PdfOptions) -> str:
    """OCR the pages ``wanted`` (0-based) in place; returns the engine description.

    Without ``options.ocr_lang`` the first page is read as simplified Chinese; when that reads
    as traditional text and chi_tra is installed, every page is read as traditional (one
    language at a time: tesseract with both mixes the scripts and is twice as slow)."""
    installed = tesseract_languages()
    exe = shutil.which("tesseract")
    if not exe or not (options.ocr_lang or installed):
        listed = _page_list([i + 1 for i in wanted])
        raise AnnotateError(name, f"has pages with no text layer ({listed}) and tesseract with Chinese "
                                  "is not installed to read them",
                            f"install the Debian packages {APT_PACKAGES}, or give --ocr never")
    if options.ocr_lang:
        _check_ocr_lang(options.ocr_lang, name)
    lang = options.ocr_lang or installed[0]
    for n, i in enumerate(wanted):
        image = _page_image(doc, i)
        lines = _ocr_page(image, exe, lang, name, i)
        if n == 0 and not options.ocr_lang and lang == "chi_sim" and "chi_tra" in installed:
            from ..script import detect_script

            if detect_script("".join(ln.text for ln in lines)) == "traditional":
                lang = "chi_tra"
                lines = _ocr_page(image, exe, lang, name, i)
        pages[i] = _Page(pages[i].width, pages[i].height, lines, ocr=True, placed=False)
    return f"tesseract {lang}"


def _ocr_lines(lines: list[str]) -> list[_Line]:
    """Tesseract's non-empty lines; the one before an empty line (tesseract's paragraph break)
    is marked as ending its paragraph."""
    out: list[_Line] = []
    for t in lines:
        if not t.strip():
            if out:
                out[-1].ends_paragraph = True
            continue
        out.append(_Line(_fullwidth_punctuation(t.strip())))
    return out


def _row_lines(rows: list) -> list[_Line]:
    """Lines of a ruled page read from word boxes (:func:`ocr_image.table_rows`): a table row
    (cells tab-joined) is a paragraph of its own; a prose line ends its paragraph where it stops
    short of the widest lines' right edge or the next line is indented."""
    out = [_Line("\t".join(_fullwidth_punctuation(c) for c in r.text.split("\t"))) for r in rows]
    right = max((r.right for r in rows), default=0)
    for k, (r, ln) in enumerate(zip(rows, out)):
        em = max(r.bottom - r.top, 1)
        nxt = rows[k + 1] if k + 1 < len(rows) else None
        ln.ends_paragraph = (nxt is None or "\t" in r.text or "\t" in nxt.text
                             or r.right < right - 1.5 * em or nxt.left > r.left + 0.8 * em)
    return out


_CJK_CHAR = "\u3400-\u9fff\uf900-\ufaff"
_HALF_PUNCT_RE = compiled(rf"(?<=[{_CJK_CHAR}）」”])[,:;?!)]|[,:;?!(](?=[{_CJK_CHAR}（「“])|(?<=[{_CJK_CHAR}])\)")
_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}


def _fullwidth_punctuation(line: str) -> str:
    """Tesseract's Chinese models print ASCII punctuation (``,`` ``(``); next to a Chinese
    character the report has the full-width form (``，`` ``（``), as printed."""
    return _HALF_PUNCT_RE.sub(lambda m: _FULL[m.group()], line)


def _page_image(doc, i: int):
    """Page ``i`` rendered at :data:`OCR_DPI` as a 2-D grayscale numpy array (0 = black)."""
    page = doc[i]
    try:
        bitmap = page.render(scale=OCR_DPI / 72, grayscale=True)
        try:
            image = bitmap.to_numpy()
        finally:
            bitmap.close()
    finally:
        page.close()
    return image.reshape(image.shape[0], image.shape[1]).copy()  # (h, w, 1) in some versions


def _ocr_page(image, exe: str, langs: str, name: str, i: int) -> list[_Line]:
    """OCR the page image of page ``i`` (0-based).  A ruled table page (:func:`ocr_image.is_ruled`)
    has its rules and shading erased and is read as one block of lines (``--psm 6``) from word
    boxes, cells tab-joined; any other page by tesseract's automatic segmentation (``--psm 3``),
    which keeps prose paragraphs and columns apart."""
    from . import ocr_image

    rules = ocr_image.find_rules(image, OCR_DPI)
    if not ocr_image.is_ruled(rules):
        return _ocr_lines(_tesseract(image, exe, langs, "3", name, i).replace("\f", "").splitlines())
    tsv = _tesseract(ocr_image.erase_rules(image, rules), exe, langs, "6", name, i, tsv=True)
    return _row_lines(ocr_image.table_rows(ocr_image.parse_tsv(tsv), rules.vertical))


def _tesseract(image, exe: str, langs: str, psm: str, name: str, i: int, tsv: bool = False) -> str:
    """Run tesseract on ``image`` (page ``i``, 0-based) with page segmentation mode ``psm``;
    returns its text (or TSV of word boxes).  One thread: the machine's cores serve other pages
    and processes (``batch``), and tesseract's OpenMP threads only contend for them."""
    with tempfile.TemporaryDirectory(prefix="annotate-ocr-") as tmp:
        path = os.path.join(tmp, "page.pgm")
        with open(path, "wb") as fh:
            fh.write(_pgm(image))
        cmd = [exe, path, "stdout", "-l", langs, "--psm", psm] + (["tsv"] if tsv else [])
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=OCR_TIMEOUT,
                                  env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        except (OSError, subprocess.SubprocessError) as exc:
            raise AnnotateError(name, f"page {i + 1} could not be OCRed ({exc})", "check the tesseract install") from None
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["failed"]
        raise AnnotateError(name, f"page {i + 1} could not be OCRed (tesseract: {err[0]})",
                            f"check that {APT_PACKAGES} are installed")
    return proc.stdout.decode("utf-8", "replace")


def _pgm(image) -> bytes:
    """A 2-D grayscale numpy array as a binary PGM image (tesseract reads PNM without Pillow)."""
    height, width = image.shape
    return b"P5\n%d %d\n255\n" % (width, height) + image.astype("uint8").tobytes()


def page_ranges(numbers, sep: str = " ") -> str:
    """``1-3 7`` for (1, 2, 3, 7): page lists kept short (``sep`` between the runs)."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return sep.join(f"{a}-{b}" if b > a else f"{a}" for a, b in runs)


def _page_list(numbers: list[int]) -> str:
    """``pages 1-3, 7`` for [1, 2, 3, 7], as error messages say it."""
    return ("page " if len(numbers) == 1 else "pages ") + page_ranges(numbers, ", ")
