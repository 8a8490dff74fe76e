"""Property: for any text (generated or sliced from real reports), normalize is lossless."""

from __future__ import annotations


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotate.reading.ingest import Aside
from annotate.reading.normalize import normalize
from conftest import corpus_files
from test_normalize import check_contract, decoded

ALPHABET = list(
    "社会发展计划年月日一二三（）()、，。；：！？“”「」《》%.-+/#*> \t\n\n\n\r\u3000\u2003\u00a0\u202f"
    "0123456789AMPdz０１８％．－＋Ａ\x00\x07\x1f\x85\ufffe\ue000\u200b\ufeff\u2028"
) + ["  \n", "\n\n", "## ", "**", "- ", "1. ", "(一) ", "一、", "社会  \n社会", "\r\n", "1 100"]

text_st = st.lists(st.sampled_from(ALPHABET), max_size=80).map("".join)


def _asides(text: str, cuts: list[int]) -> tuple[Aside, ...]:
    cuts = sorted({min(c, len(text)) for c in cuts})
    return tuple(Aside("aside_test", a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_st, st.lists(st.integers(0, 80), max_size=4))
def test_generated_text_round_trips(text, cuts):
    asides = _asides(text, cuts)
    n = normalize(decoded(text, asides))
    check_contract(text, n.text, n.repairs)
    removed = [r for r in n.repairs if r.kind == "aside_test"]
    assert [(r.source_start, r.original) for r in removed] == [(a.start, text[a.start : a.end]) for a in asides]


_TEXTS = [p.read_text(encoding="utf-8") for p in corpus_files() if p.suffix in {".txt", ".md"}]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_corpus_slices_round_trip(data):
    if not _TEXTS:
        return
    text = data.draw(st.sampled_from(_TEXTS))
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, min(len(text), a + 3000)))
    piece = text[a:b]
    cuts = data.draw(st.lists(st.integers(0, len(piece)), max_size=4))
    n = normalize(decoded(piece, _asides(piece, cuts)))
    check_contract(piece, n.text, n.repairs)
