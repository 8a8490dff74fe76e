"""Readers per format: which format a file is, and HTML / DOCX → one line per block.

``detect_format`` goes by content first where content is unambiguous (a zip is a .docx or
nothing; an HTML document starts like one; images, PDFs and archives are refused by their
magic numbers), then by extension; for stdin and unknown extensions, by content alone.

HTML: lxml.html; script/style and hidden elements are dropped; page chrome (nav/header/
footer/aside elements, and elements whose class or id names chrome: ``<div class="nav">``,
``footer``, ``crumb`` …) is kept as lines of the text and returned as ``aside:chrome`` asides,
so it is set aside into the repair log rather than lost; each block element (p, div, h1-h6, li,
br, ...) ends a line; a table row becomes one line of tab-joined cells; ``<figcaption>`` text is
returned as a caption aside.
DOCX: zipfile + lxml over ``word/document.xml``: one line per ``w:p``; a table row is one
line of tab-joined cells; deleted revisions and field codes are left out.
"""

from __future__ import annotations

import codecs
import io
import re
import zlib
from pathlib import PurePath

from ...errors import AnnotateError
from .encoding import decode_bytes, plausible
from .records import Aside
from ...lazyre import compiled

HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
MARKDOWN_EXTENSIONS = {".md", ".markdown", ".mdown"}
TEXT_EXTENSIONS = {".txt", ".text"}
MAX_DOCUMENT_XML = 64 * 1024 * 1024  # uncompressed word/document.xml; guards against zip bombs

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# (magic, what it is, what to do): refused before any decoding, with a message that says why.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "is a PNG image, not a report", "give the report as .txt, .md, .html or .docx"),
    (b"GIF87a", "is a GIF image, not a report", "give the report as .txt, .md, .html or .docx"),
    (b"GIF89a", "is a GIF image, not a report", "give the report as .txt, .md, .html or .docx"),
    (b"\xff\xd8\xff", "is a JPEG image, not a report", "give the report as .txt, .md, .html or .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is an old Office file (.doc/.xls), not supported",
     "open it in Word and save it as .docx"),
    (b"{\\rtf", "is an RTF file, not supported", "open it in Word and save it as .docx"),
    (b"\x1f\x8b", "is a gzip archive, not a report", "unpack it first"),
    (b"Rar!\x1a\x07", "is a RAR archive, not a report", "unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "is a 7-Zip archive, not a report", "unpack it first"),
    (b"\x7fELF", "is a program, not a report", "give the report as .txt, .md, .html or .docx"),
    (b"SQLite format 3\x00", "is a database file, not a report", "give the report as .txt, .md, .html or .docx"),
)
_HTML_START_RE = compiled(rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
                            re.I | re.S)
_MARKDOWN_RE = compiled(r"^(?:#{1,6}[ \t]+\S|\*\*[^*\n]+\*\*|[-*+][ \t]+\S|>[ \t])", re.M)


def detect_format(path: str, data: bytes, name: str) -> str | None:
    """``pdf``, ``docx``, ``docbook``, ``html``, ``markdown``, ``text``, or None (decide after
    decoding: stdin/unknown)."""
    ext = "" if path == "-" else PurePath(path).suffix.lower()
    if b"%PDF-" in data[:1024]:  # the header may follow a little junk (PDF spec, implementation note)
        return "pdf"
    if ext == ".pdf":
        raise AnnotateError(name, "is not a PDF (no %PDF- header at its start)",
                            "give the PDF as published, or the report as .txt")
    if data.startswith(_ZIP_MAGIC):
        return "docx"
    if ext == ".docx":
        raise AnnotateError(name, "is not a valid .docx (it is not a zip archive)",
                            "open it in Word and save it again as .docx, or give the text as .txt")
    for magic, problem, hint in _MAGIC:
        if data.startswith(magic):
            raise AnnotateError(name, problem, hint)
    if ext in HTML_EXTENSIONS or _looks_like_html(data):
        return "html"
    from .docbook import looks_like_docbook

    if looks_like_docbook(data):
        return "docbook"
    if ext in MARKDOWN_EXTENSIONS:
        return "markdown"
    if ext in TEXT_EXTENSIONS:
        return "text"
    return None


def sniff_text_format(text: str) -> str:
    """For stdin and unknown extensions: markdown when it has at least two markdown marks."""
    marks = 0
    for _ in _MARKDOWN_RE.finditer(text, 0, 20_000):
        marks += 1
        if marks >= 2:
            return "markdown"
    return "text"


def _looks_like_html(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:2] == b"\x00" or head[:1] == b"\x00":
        head = head.replace(b"\x00", b"")  # UTF-16: judge the ASCII markup only
    head = head.lstrip(b"\xef\xbb\xbf\xff\xfe")
    return bool(_HTML_START_RE.match(head))


# --------------------------------------------------------------------------- HTML

_META_CHARSET_RE = compiled(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_XML_DECL_RE = compiled(r"^\s*<\?xml[^>]*\?>")
# Declared single-byte Western charsets are routinely wrong on Chinese pages: detect instead.
_UNTRUSTED_CHARSETS = {"ascii", "latin-1", "iso8859-1", "cp1252", "iso8859-15"}

# page chrome by tag: its text is kept as an aside (see _walk_html)
_CHROME_TAGS = {"nav", "header", "footer", "aside"}
_DROP_TAGS = {"script", "style", "noscript", "template", "iframe",
              "object", "embed", "svg", "math", "canvas", "button", "select", "option", "textarea",
              "input", "head", "title", "meta", "link", "base", "map", "audio", "video", "dialog"}
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
               "table", "thead", "tbody", "tfoot", "caption", "section", "article", "main", "blockquote",
               "pre", "address", "figure", "center", "fieldset", "legend", "form", "hr", "body", "html",
               "details", "summary", "menu", "hgroup"}
_HIDDEN_STYLE_RE = compiled(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HTML_SPACE_RE = compiled(r"[ \t\n\r\f]+")  # HTML whitespace only: \u3000 and nbsp are content


def _html_encoding(data: bytes, name: str) -> tuple[str, str]:
    """Decode an HTML page: BOM, then a trustworthy ``<meta charset>``, then detection."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        match = _META_CHARSET_RE.search(data[:8192])
        if match:
            try:
                codec = codecs.lookup(match.group(1).decode("ascii")).name
            except (LookupError, UnicodeDecodeError):
                codec = ""
            if codec in {"gb2312", "gbk", "cp936", "hz"}:
                codec = "gb18030"  # the superset: pages labelled GB2312 use GBK characters
            if codec and codec not in _UNTRUSTED_CHARSETS:
                try:
                    text = data.decode(codec)
                except UnicodeDecodeError:
                    text = None  # the label lies (often: says GB2312, is UTF-8): detect instead
                if text is not None and plausible(text):
                    return text, codec
    return decode_bytes(data, name)


def read_html(data: bytes, name: str) -> tuple[str, str, tuple[Aside, ...]]:
    """Return ``(text, encoding, caption_asides)`` for a saved web page."""
    import lxml.html
    from lxml import etree  # lxml only for the formats that need it: a .txt starts faster

    markup, encoding = _html_encoding(data, name)
    markup = _XML_DECL_RE.sub("", markup, count=1)
    if not markup.strip():
        raise AnnotateError(name, "is empty", "give a file that holds a report")
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        raise AnnotateError(name, "is an HTML page with no report in it (no readable content)",
                            "save the page that shows the report text") from None
    out = _LineBuilder()
    _walk_html(root, out)
    text, _, asides = out.result()
    return text, encoding, asides


class _LineBuilder:
    """Collects inline text into lines; block boundaries end the current line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.captions: list[tuple[int, int]] = []  # (first line, end line) of figcaptions
        self.chrome: list[tuple[int, int]] = []  # (first line, end line) of page chrome elements
        self.in_chrome = False

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    def end_line(self) -> None:
        if self.parts:
            line = _HTML_SPACE_RE.sub(" ", "".join(self.parts)).strip(" ")
            self.parts = []
            if line:
                self.lines.append(line)

    def add_line(self, line: str) -> None:
        self.end_line()
        if line:
            self.lines.append(line)

    def result(self) -> tuple[str, str, tuple[Aside, ...]]:
        self.end_line()
        text = "\n".join(self.lines)
        starts = [0]
        for line in self.lines:
            starts.append(starts[-1] + len(line) + 1)
        asides = [Aside("aside:caption", starts[a], min(starts[b], len(text)))
                  for a, b in self.captions if b > a]
        asides += [Aside("aside:chrome", starts[a], min(starts[b], len(text)))
                   for a, b in self.chrome if b > a]
        return text, "", tuple(sorted(asides, key=lambda x: x.start))


# Pre-HTML5 pages (most government sites) mark their chrome by class or id, not by tag.
# Whole tokens only: "nav" drops <div class="nav">, not <div class="article-nav-title">.
_CHROME_NAMES = {"header", "footer", "foot", "nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "crumb",
                 "crumbs", "bread", "share", "sharebox", "share-box", "sidebar", "copyright", "topbar", "top-bar",
                 "toolbar", "search", "searchbox", "login", "friendlink", "friend-link", "skip-link", "banner"}
_NAME_SPLIT_RE = compiled(r"[\s]+")


def _hidden(el) -> bool:
    """Not shown on the page: its text is no part of what the reader saw."""
    return el.get("hidden") is not None or el.get("aria-hidden") == "true" \
        or bool(_HIDDEN_STYLE_RE.search(el.get("style") or ""))


def _chrome(el, tag: str) -> bool:
    """Page chrome by its tag, role, class or id.

    A ``<header>``/``<footer>`` inside ``<article>``/``<main>`` belongs to the article (its title,
    date, author line), not to the page: it is read like any other block."""
    if tag in ("header", "footer") and any(_tag(a) in ("article", "main") for a in el.iterancestors()):
        return False
    if tag in _CHROME_TAGS or el.get("role") == "navigation":
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return any(token in _CHROME_NAMES for token in _NAME_SPLIT_RE.split(names) if token)


def _is_layout_row(row) -> bool:
    """A table row used for page layout (cells holding paragraphs), not a row of data."""
    for cell in row:
        if _tag(cell) not in {"td", "th"}:
            continue
        blocks = 0
        for node in cell.iterdescendants():
            tag = _tag(node)
            if tag == "table":
                return True
            if tag in {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br"}:
                blocks += 1
                if blocks >= 3:
                    return True
        if len(cell.text_content() or "") > 300:
            return True
    return False


def _tag(el) -> str:
    tag = el.tag
    if not isinstance(tag, str):  # comments, processing instructions, entities
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _walk_html(el, out: _LineBuilder) -> None:
    for child in el:
        tag = _tag(child)
        if not tag or tag in _DROP_TAGS or _hidden(child):
            out.add(child.tail)
            continue
        if not out.in_chrome and _chrome(child, tag):
            # kept, line by line, and set aside whole: a nav bar or footer is never report text
            out.end_line()
            first = len(out.lines)
            out.in_chrome = True
            out.add(child.text)
            _walk_html(child, out)
            out.end_line()
            out.in_chrome = False
            out.chrome.append((first, len(out.lines)))
            out.add(child.tail)
            continue
        if tag == "br":
            out.end_line()
        elif tag == "tr" and _is_layout_row(child):
            out.end_line()
            _walk_html(child, out)  # each cell is a block: see the generic branch below
            out.end_line()
        elif tag == "tr":
            out.add_line("\t".join(_cell_text(cell) for cell in child if _tag(cell) in {"td", "th"}))
        elif tag == "pre":
            out.end_line()
            for line in (child.text_content() or "").splitlines():
                out.add_line(line.rstrip())
        elif tag == "figcaption":
            out.end_line()
            first = len(out.lines)
            out.add(child.text)
            _walk_html(child, out)
            out.end_line()
            out.captions.append((first, len(out.lines)))
        elif tag in _BLOCK_TAGS or tag in {"td", "th"}:
            out.end_line()
            out.add(child.text)
            _walk_html(child, out)
            out.end_line()
        else:
            out.add(child.text)
            _walk_html(child, out)
        out.add(child.tail)


def _cell_text(cell) -> str:
    inner = _LineBuilder()
    inner.add(cell.text)
    _walk_html(cell, inner)
    inner.end_line()
    return " ".join(inner.lines).replace("\t", " ")


# --------------------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees whose text is not in the document as shown: deletions, moved-away text,
# the fallback copy of a drawing, field instructions.
_SKIP = {_W + "del", _W + "moveFrom", _MC_FALLBACK, _W + "instrText", _W + "delText"}


def read_docx(data: bytes, name: str) -> str:
    """Return the text of a .docx: one line per paragraph, table rows tab-joined."""
    import zipfile  # here, not at the top: only a .docx needs it (and bz2, lzma, struct with it)

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise AnnotateError(name, "is not a valid .docx (a damaged zip archive)",
                            "open it in Word and save it again, or give the text as .txt") from None
    try:
        info = archive.getinfo("word/document.xml")
    except KeyError:
        raise AnnotateError(name, "is a zip archive but not a Word document (no word/document.xml in it)",
                            "give a .docx saved by Word, or the report as .txt") from None
    if info.file_size > MAX_DOCUMENT_XML:
        raise AnnotateError(name, f"holds a word/document.xml of {info.file_size // 2**20} MB, far too large for a report",
                            "check that this is the right file")
    try:
        # the header's size may lie (a zip bomb): inflate at most the limit, never the whole member
        with archive.open(info) as member:
            xml = member.read(MAX_DOCUMENT_XML + 1)
        if len(xml) > MAX_DOCUMENT_XML:
            raise AnnotateError(name, f"holds a word/document.xml of more than {MAX_DOCUMENT_XML // 2**20} MB "
                                      "(its zip header says less), far too large for a report",
                                "check that this is the right file")
    except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError, OSError):
        raise AnnotateError(name, "is a damaged or encrypted .docx (word/document.xml cannot be read)",
                            "open it in Word and save it again without a password") from None
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True,
                             remove_pis=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        raise AnnotateError(name, "is a damaged .docx (word/document.xml is not well-formed XML)",
                            "open it in Word and save it again") from None
    body = root.find(_W + "body")
    lines: list[str] = []
    if body is not None:
        _walk_docx(body, lines)
    return "\n".join(lines)


def _walk_docx(el, lines: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag == _W + "p":
            lines.append(_paragraph_text(child))
        elif tag == _W + "tbl":
            for row in _table_rows(child):
                cells = list(_row_cells(row))
                texts = [_docx_cell_lines(cell) for cell in cells]
                if any(len(t) > 3 or sum(map(len, t)) > 300 for t in texts):
                    for cell_lines in texts:  # a layout table (text set in boxes): its paragraphs are lines
                        lines.extend(cell_lines)
                else:
                    lines.append("\t".join(" ".join(p for p in t if p).replace("\t", " ").replace("\n", " ")
                                            for t in texts))
        elif tag in _SKIP or not isinstance(tag, str):
            continue
        elif tag != _W + "sectPr":
            _walk_docx(child, lines)  # w:sdt, w:sdtContent, w:customXml, w:ins ... wrappers


def _table_rows(table):
    """Rows of ``table`` itself (not of tables nested in its cells), through sdt wrappers."""
    for child in table:
        if child.tag == _W + "tr":
            yield child
        elif isinstance(child.tag, str) and child.tag not in _SKIP and child.tag != _W + "tblPr":
            yield from _table_rows(child)


def _row_cells(row):
    for child in row:
        if child.tag == _W + "tc":
            yield child
        elif isinstance(child.tag, str) and child.tag not in _SKIP and child.tag != _W + "trPr":
            yield from _row_cells(child)


def _docx_cell_lines(cell) -> list[str]:
    inner: list[str] = []
    _walk_docx(cell, inner)
    return inner


def _paragraph_text(p) -> str:
    parts: list[str] = []
    _run_text(p, parts)
    return "".join(parts)


def _run_text(el, parts: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag == _W + "tab":
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            if child.get(_W + "type") not in ("page", "column"):
                parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag == _W + "p":  # a paragraph inside a text box: its own line
            parts.append("\n")
            _run_text(child, parts)
        else:
            _run_text(child, parts)
