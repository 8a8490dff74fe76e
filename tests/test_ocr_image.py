"""Scanned-page preprocessing for OCR (annotate.reading.ingest.ocr_image), on synthetic images: ruling
lines found and erased, table pages told from prose pages, tesseract's word boxes read as rows
with tab-joined cells.  No tesseract needed."""

from __future__ import annotations

import numpy as np

from annotate.reading.ingest import ocr_image as oi

DPI = 300


def _page(h: int = 1200, w: int = 1000) -> np.ndarray:
    return np.full((h, w), 255, dtype=np.uint8)


def _char(img: np.ndarray, top: int, left: int, size: int = 50) -> None:
    """A character-sized glyph: a box outline with a cross, strokes shorter than any rule."""
    img[top, left:left + size] = img[top + size - 1, left:left + size] = 0
    img[top:top + size, left] = img[top:top + size, left + size - 1] = 0
    img[top + size // 2, left:left + size] = img[top:top + size, left + size // 2] = 0


def _grid(img: np.ndarray, rows: list[int], cols: list[int]) -> None:
    for y in rows:
        img[y:y + 3, cols[0]:cols[-1] + 3] = 20
    for x in cols:
        img[rows[0]:rows[-1] + 3, x:x + 3] = 20


def test_a_ruled_table_is_found_and_its_rules_erased_but_not_its_characters():
    img = _page()
    _grid(img, [100, 300, 500, 700], [100, 500, 900])
    img[310:490, 110:490] = 215  # a shaded cell
    _char(img, 180, 200)
    _char(img, 380, 200)
    rules = oi.find_rules(img, DPI)
    assert rules.horizontal_count == 4 and oi.is_ruled(rules)
    assert rules.vertical[400, 501] and rules.horizontal[101, 300] and not rules.horizontal[205, 225]
    clean = oi.erase_rules(img, rules)
    assert (clean[100:103, :] == 255).all() and (clean[:, 500:503] == 255).all()  # rules gone
    assert clean[400, 150] == 255  # shading is paper
    assert (clean[180:230, 200] == 0).all() and (clean[380:430, 200] == 0).all()  # characters kept


def test_a_prose_page_with_a_header_rule_is_not_a_table():
    img = _page()
    img[60:63, 100:900] = 0  # a rule under the running header
    for top in range(150, 1000, 80):
        for left in range(100, 900, 55):
            _char(img, top, left)
    rules = oi.find_rules(img, DPI)
    assert rules.horizontal_count == 1 and not oi.is_ruled(rules)
    assert not rules.vertical.any()  # strokes of characters are no rules


TSV_HEAD = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


def _tsv(words: list[tuple[int, int, int, int, str]]) -> str:
    rows = [f"5\t1\t1\t1\t{line}\t{k}\t{left}\t{top}\t{width}\t50\t95.0\t{text}"
            for k, (line, left, top, width, text) in enumerate(words, 1)]
    return TSV_HEAD + "4\t1\t1\t1\t1\t0\t0\t0\t10\t10\t-1\t\n" + "\n".join(rows) + "\n"


def test_word_boxes_become_rows_with_cells_split_at_vertical_rules_and_wide_gaps():
    vertical = np.zeros((400, 1000), dtype=bool)
    vertical[:, 480:483] = True  # a rule between the label column and the value column
    words = oi.parse_tsv(_tsv([
        (1, 100, 100, 100, "行政"), (1, 200, 100, 100, "处罚"), (1, 520, 100, 80, "2776"),
        (2, 100, 200, 50, "第"), (2, 150, 200, 50, "一"), (2, 200, 200, 50, "项"),
        (2, 300, 200, 40, "5G"), (2, 345, 200, 40, "ok"),
        (3, 100, 300, 50, "规章"), (3, 300, 300, 50, "0"),  # no rule, but a gap of 4 characters
    ]))
    rows = oi.table_rows(words, vertical)
    assert [r.text for r in rows] == ["行政处罚\t2776", "第一项5G ok", "规章\t0"]
    assert (rows[0].left, rows[0].top, rows[0].right, rows[0].bottom) == (100, 100, 600, 150)


def test_parse_tsv_keeps_only_words_with_text():
    tsv = TSV_HEAD + "5\t1\t1\t1\t1\t1\t10\t20\t30\t40\t90\t \n5\t1\t2\t1\t3\t1\t10\t20\t30\t40\t90\t字\n"
    assert oi.parse_tsv(tsv) == [oi.Word("字", 10, 20, 30, 40, (2, 1, 3))]
