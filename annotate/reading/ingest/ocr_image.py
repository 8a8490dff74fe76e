"""Scanned-page images prepared for tesseract, and tesseract's word boxes read back as rows.

Contract: :func:`find_rules` finds the ruling lines of a grayscale page image (a 2-D ``uint8``
numpy array, 0 = black): dark runs far longer than any stroke of a character, horizontal and
vertical.  :func:`is_ruled` says whether they make a table page (the measurable property that
chooses how tesseract reads it).  :func:`erase_rules` whitens the rules and the light shading
of table cells, which tesseract otherwise reads as characters or lets swallow the text set on
them.  :func:`table_rows` turns tesseract's TSV output (word boxes) into text lines whose cells
are joined by tabs: a vertical rule, or a gap wider than :data:`CELL_GAP` characters, between
two words separates cells.

Why: tesseract's automatic page segmentation (``--psm 3``) reads prose well (98-99% of the
characters of the test scan) but ruled statistical tables badly (about 40%): it takes the rules
for text or for column separators and drops whole cells.  With the rules and shading erased,
reading the page as one uniform block of lines (``--psm 6``) keeps each table row a line.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Measured on the test scan's table pages (bench/bench_ocr.py): thin rules in a scan are grey,
# hence a light ink threshold (a run must also be long to count as a rule, which no stroke is).
INK = 200  # a pixel darker than this is ink (of a character or a rule)
PAPER = 200  # a pixel this light or lighter is paper or cell shading (tinted cells are light grey)
RULE_H_INCHES = 0.55  # a horizontal dark run this long is a rule: longer than a dash pair (——) in body type
RULE_V_INCHES = 0.3  # a vertical one this long: taller than any character of body or heading type
MIN_TABLE_RULES = 3  # horizontal rules on a page that make it a table (a three-line table has three)
CELL_GAP = 1.5  # a gap between words wider than this many character heights separates cells


@dataclass(frozen=True)
class Rules:
    """The ruling lines of a page image: boolean masks of their pixels, and how many horizontal
    rules (separate bands of rows) there are."""

    horizontal: np.ndarray
    vertical: np.ndarray
    horizontal_count: int

    @property
    def density(self) -> float:
        """The share of the page's pixels that lie on a rule."""
        return float((self.horizontal | self.vertical).mean())


def _long_runs(mask: np.ndarray, length: int) -> np.ndarray:
    """The pixels of ``mask`` that lie in a run of at least ``length`` set pixels along each row
    (a morphological opening with a 1 x ``length`` line, by cumulative sums)."""
    rows, cols = mask.shape
    if length > cols:
        return np.zeros_like(mask)
    c = np.zeros((rows, cols + 1), dtype=np.int32)
    np.cumsum(mask, axis=1, dtype=np.int32, out=c[:, 1:])
    starts = (c[:, length:] - c[:, :-length]) == length  # the window starting here is all set
    # a pixel is covered when a window starts within ``length - 1`` before it (or at it)
    padded = np.pad(starts, ((0, 0), (length - 1, length - 1)))
    s = np.zeros((rows, cols + length), dtype=np.int32)
    np.cumsum(padded, axis=1, dtype=np.int32, out=s[:, 1:])
    return (s[:, length:length + cols] - s[:, :cols]) > 0


def _bands(rows_with_rule: np.ndarray) -> int:
    """How many runs of consecutive ``True`` a 1-D boolean array holds."""
    r = rows_with_rule.astype(np.int8)
    return int(np.count_nonzero(np.diff(np.concatenate(([0], r))) == 1))


def find_rules(gray: np.ndarray, dpi: int) -> Rules:
    """The ruling lines of the page image ``gray`` rendered at ``dpi`` (see module docstring)."""
    ink = gray < INK
    horizontal = _long_runs(ink, int(RULE_H_INCHES * dpi))
    vertical = _long_runs(ink.T, int(RULE_V_INCHES * dpi)).T
    return Rules(horizontal, vertical, _bands(horizontal.any(axis=1)))


def is_ruled(rules: Rules) -> bool:
    """Is the page a ruled table (at least :data:`MIN_TABLE_RULES` horizontal rules)?  A header
    or footer rule on a prose page, or a rule under a title, is not."""
    return rules.horizontal_count >= MIN_TABLE_RULES


def erase_rules(gray: np.ndarray, rules: Rules) -> np.ndarray:
    """A copy of ``gray`` with the rules (and the grey fringe two pixels around them) and light
    cell shading turned to white paper."""
    mask = rules.horizontal | rules.vertical
    grown = mask.copy()
    for s in (1, 2):  # the anti-aliased fringe of a rule is lighter than ink but not paper
        grown[s:] |= mask[:-s]
        grown[:-s] |= mask[s:]
        grown[:, s:] |= mask[:, :-s]
        grown[:, :-s] |= mask[:, s:]
    out = gray.copy()
    out[grown] = 255
    out[out >= PAPER] = 255
    return out


@dataclass(frozen=True)
class Word:
    """One word of tesseract's TSV output: its text, box in pixels, and the line it belongs to."""

    text: str
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int]  # (block, paragraph, line) numbers


def parse_tsv(tsv: str) -> list[Word]:
    """The words (level 5 rows with text) of tesseract's TSV output, in its reading order."""
    words = []
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        words.append(Word(f[11].strip(), int(f[6]), int(f[7]), int(f[8]), int(f[9]),
                          (int(f[2]), int(f[3]), int(f[4]))))
    return words


def _wide(ch: str) -> bool:
    """Is ``ch`` a character set without spaces around it (CJK, full-width punctuation)?"""
    return ord(ch) >= 0x2E80


def _separator(a: Word, b: Word, vertical: np.ndarray | None) -> str:
    """What stands between consecutive words ``a`` and ``b`` of a line: a tab where a vertical
    rule or a wide gap separates them, else a space between two Latin words, else nothing."""
    x0, x1 = a.left + a.width, b.left
    em = max(a.height, b.height, 1)
    if vertical is not None and x1 > x0:
        mid = (max(a.top, b.top) + min(a.top + a.height, b.top + b.height)) // 2
        if vertical[max(0, mid - 2): mid + 3, x0:x1].any():
            return "\t"
    if x1 - x0 > CELL_GAP * em:
        return "\t"
    return "" if _wide(a.text[-1]) or _wide(b.text[0]) else " "


@dataclass(frozen=True)
class Row:
    """A text line read from word boxes: its text (cells tab-joined) and pixel box."""

    text: str
    left: int
    top: int
    right: int
    bottom: int


def table_rows(words: list[Word], vertical: np.ndarray | None) -> list[Row]:
    """Tesseract's words grouped into its lines, in its reading order, each a :class:`Row`;
    cells are separated by tabs (see :func:`_separator`)."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    rows = []
    for ws in lines.values():
        ws.sort(key=lambda w: w.left)
        parts = [ws[0].text]
        for a, b in zip(ws, ws[1:]):
            parts += [_separator(a, b, vertical), b.text]
        rows.append(Row("".join(parts), ws[0].left, min(w.top for w in ws),
                        max(w.left + w.width for w in ws), max(w.top + w.height for w in ws)))
    return rows
