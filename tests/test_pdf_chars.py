"""Character repairs that PDF text layers need (for any input): compatibility ideographs unified by
NFC, private-use stand-ins remapped from lexicon/private_use.tsv, U+FFFE as a line-final hyphen;
PDF layout (paragraphs marked by empty lines) and OCR markers.  All recorded, all undoable."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotate.reading.normalize import normalize
from test_normalize import check_contract, decoded


def _kinds(n):
    return [(r.kind, r.original, r.replacement) for r in n.repairs]


def test_compatibility_ideographs_are_unified_by_nfc():
    n = normalize(decoded("政府\uf967会\uf98e度工作。\n"))
    assert n.text == "政府不会年度工作。"
    assert ("compat_ideograph", "\uf967", "不") in _kinds(n) and ("compat_ideograph", "\uf98e", "年") in _kinds(n)


def test_unified_ideographs_in_the_compatibility_block_stay():
    n = normalize(decoded("﨎﨏是字。\n"))  # U+FA0E, U+FA0F have no decomposition
    assert n.text == "﨎﨏是字。" and not [k for k in _kinds(n) if k[0] == "compat_ideograph"]


def test_private_use_stand_ins_are_remapped_others_flagged():
    n = normalize(decoded("随\ue2e5香港，社\ue373，保\ue40c，字\ue000。\n"))
    assert n.text == "随着香港，社群，保卫，字\ue000。"
    assert ("private_use", "\ue2e5", "着") in _kinds(n)
    assert ("private_use", "\ue000", "\ue000") in _kinds(n)  # unknown: kept and flagged


def test_fffe_between_latin_is_a_hyphen_elsewhere_a_control():
    n = normalize(decoded("应变队(T\ufffeCERT)，布建782A\ufffe9,491B。\ufffe完。\n"))
    assert n.text == "应变队(T-CERT)，布建782A-9,491B。完。"
    assert [k for k in _kinds(n) if k[0] in ("hyphen", "control")] == \
        [("hyphen", "\ufffe", "-"), ("hyphen", "\ufffe", "-"), ("control", "\ufffe", "")]


def _pdf(text: str, ocr_starts=()):
    d = decoded(text)
    return replace(d, info=replace(d.info, format="pdf"), ocr_starts=ocr_starts)


def test_pdf_lines_join_unless_an_empty_line_ends_the_paragraph():
    """However few paragraphs (no blank-line majority), a PDF's single newlines are wraps."""
    src = "一、总体情况\n\n全区经济运行稳中有进。地区生产总值\n增长5%，一般公共预算收入\n完成92亿元。\n\n二、主要目标"
    n = normalize(_pdf(src))
    assert n.text == "一、总体情况\n全区经济运行稳中有进。地区生产总值增长5%，一般公共预算收入完成92亿元。\n二、主要目标"
    check_contract(src, n.text, n.repairs)


def test_ocr_pages_get_zero_width_markers():
    src = "第一页文字。\n\n第二页文字。"
    n = normalize(_pdf(src, ocr_starts=(src.index("第二页"),)))
    marks = [r for r in n.repairs if r.kind == "ocr"]
    assert [(r.start, r.end, r.original) for r in marks] == [(n.text.index("第二页"),) * 2 + ("",)]
    check_contract(src, n.text, n.repairs)


ALPHABET = list("政府工作报告，。、（）\n\n \t") + ["\uf967", "\uf98e", "\ufa0e", "\ue2e5", "\ue373", "\ue000",
                                               "\ufffe", "A\ufffeB", "7\ufffe9", "\n\n", "　"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(ALPHABET), max_size=60).map("".join), st.booleans())
def test_character_repairs_are_lossless(text, as_pdf):
    n = normalize(_pdf(text) if as_pdf else decoded(text))
    check_contract(text, n.text, n.repairs)
    assert not set(n.text) & {"\uf967", "\uf98e", "\ue2e5", "\ue373", "\ufffe"}
