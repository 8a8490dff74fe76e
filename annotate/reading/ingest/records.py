"""The two values ingest hands to normalization: :class:`Decoded` and its :class:`Aside` spans."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import SourceInfo


@dataclass(frozen=True)
class Aside:
    """A stretch of the decoded text that is not the report (chrome, caption, boilerplate).

    ``text[start:end]`` is the set-aside material, half-open code-point offsets into
    :attr:`Decoded.text`.  Whole-line asides include the line's terminator so that removing
    them leaves no empty line behind.  ``kind`` starts with ``aside:`` (``aside:chrome``,
    ``aside:caption``, ``aside:source``, ``aside:licence``, ``aside:related``, ``aside:toc``,
    ``aside:page``).
    """

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Decoded:
    """The report as the reader sees it.

    ``text`` is the decoded file exactly as decoded (newlines untouched) for text and
    markdown, and the extracted text (one line per block element) for HTML, DOCX and DocBook;
    for PDF one line per printed line, an empty line between paragraphs (``ingest.pdf``).
    ``asides`` are sorted, non-overlapping and never cover report text.
    """

    text: str
    info: SourceInfo
    asides: tuple[Aside, ...] = ()
    page_starts: tuple[int, ...] = ()  # PDF: offset in ``text`` where each page begins
    ocr_starts: tuple[int, ...] = ()  # PDF: offsets of the pages whose text tesseract read
