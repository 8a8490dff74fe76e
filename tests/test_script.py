"""script: detect traditional text; a simplified view whose offsets map back exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.reading import script
from annotate.reading.script import IdentityMap, detect_script, simplified_view


def test_detect_script():
    assert detect_script("行政長官發表施政報告，推動經濟發展。") == "traditional"
    assert detect_script("行政长官发表施政报告，推动经济发展。") == "simplified"
    assert detect_script("2024年") == "simplified"  # nothing to tell: simplified
    assert detect_script("") == "simplified"


def test_simplified_text_view_is_identity_without_tables():
    text = "国内生产总值增长5%左右。"
    sv = simplified_view(text, "simplified")
    assert sv.view is text
    assert isinstance(sv.to_text, IdentityMap) and isinstance(sv.from_text, IdentityMap)
    assert len(sv.to_text) == len(text) + 1 and sv.to_text[3] == 3 and sv.to_text[-1] == len(text)
    assert list(sv.from_text) == list(range(len(text) + 1))
    assert sv.to_text[2:5] == range(2, 5)
    with pytest.raises(IndexError):
        sv.to_text[len(text) + 1]


def test_traditional_view_maps_back():
    text = "行政長官發表《施政報告》。\n香港經濟穩步發展，推動「北部都會區」建設。"
    sv = simplified_view(text, "traditional")
    assert sv.view == "行政长官发表《施政报告》。\n香港经济稳步发展，推动「北部都会区」建设。"
    i = sv.view.index("北部都会区")
    assert text[sv.to_text[i] : sv.to_text[i + 5]] == "北部都會區"
    assert sv.from_text[text.index("經濟")] == sv.view.index("经济")
    assert len(sv.to_text) == len(sv.view) + 1 and len(sv.from_text) == len(text) + 1


def test_length_changing_conversion_is_aligned(monkeypatch):
    """A phrase conversion that changes length (none in hk2s today) still maps monotonically."""

    class Fake:
        def convert(self, s: str) -> str:
            return s.replace("甲乙", "丙").replace("丁", "戊己")

    monkeypatch.setattr(script, "_converter", lambda config: Fake())
    text = "前甲乙后。丁尾。"
    sv = simplified_view(text, "traditional")
    assert sv.view == "前丙后。戊己尾。"
    assert list(sv.to_text) == sorted(sv.to_text) and list(sv.from_text) == sorted(sv.from_text)
    assert text[sv.to_text[sv.view.index("后")]] == "后"
    assert text[sv.to_text[sv.view.index("尾")]] == "尾"
    assert sv.view[sv.from_text[text.index("尾")]] == "尾"
    assert sv.to_text[-1] == len(text) and sv.from_text[-1] == len(sv.view)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="行政長官發展經濟區會議報告，。！？\n abc123香港國家", max_size=60))
def test_maps_are_monotone_and_exact_on_unchanged_characters(text):
    sv = simplified_view(text, "traditional")
    assert len(sv.to_text) == len(sv.view) + 1 and len(sv.from_text) == len(text) + 1
    assert list(sv.to_text) == sorted(sv.to_text) and list(sv.from_text) == sorted(sv.from_text)
    for i, c in enumerate(sv.view):
        if c in "，。！？\n abc123香港":
            assert text[sv.to_text[i]] == c


def test_hong_kong_2025_traditional(corpus):
    (p,) = corpus.glob("hongkong-2025-*")
    text = p.read_text(encoding="utf-8")
    assert detect_script(text) == "traditional"
    sv = simplified_view(text, "traditional")
    i = sv.view.index("行政长官")
    assert text[sv.to_text[i] : sv.to_text[i + 4]] == "行政長官"
    assert sv.from_text[sv.to_text[i]] == i
    assert "北部都会区" in sv.view and "北部都會區" in text
    for q in ("北部都会区", "国际金融中心", "施政报告"):
        k = sv.view.index(q)
        orig = text[sv.to_text[k] : sv.to_text[k + len(q)]]
        assert len(orig) == len(q) and simplified_view(orig, "traditional").view == q


def test_simplified_corpus_reports_detected_simplified(corpus):
    for p in sorted(corpus.glob("hongkong-20*-simp.txt"))[:2] + sorted(corpus.glob("national-2024-*")):
        assert detect_script(p.read_text(encoding="utf-8")) == "simplified"


def test_folded_view_makes_one_form_of_both_scripts_with_exact_maps():
    """谘询 (a Hong Kong simplified edition) and 諮詢 fold alike, as do the variants 藉/借 and
    峯/峰 that hk2s simplifies only in traditional text; maps cover the text end to end."""
    from annotate.reading.script import folded_view, to_traditional

    for simp in ("公众谘询藉此高峯", "谘询期于三月结束。"):
        a, b = folded_view(simp), folded_view(to_traditional(simp))
        assert a.view == b.view
        assert len(a.to_text) == len(a.view) + 1 and a.to_text[-1] == len(simp)
    assert folded_view("諮詢").view == "咨询"


def test_a_report_compared_with_its_own_text_in_the_other_script_has_no_changes(tmp_path):
    from annotate import pipeline
    from annotate.comparing.compare import compare
    from annotate.reading.script import to_traditional

    text = ("二零一三年施政报告\n主席、各位议员、各位香港市民：\n(一)引言\n"
            "1.政府将展开公众谘询，藉此听取意见，并在高峯时段增加班次。\n"
            "2.我们会检讨北区和元朗荒废农地，增加房屋供应。\n"
            + "".join(f"{n}.政府会继续推动经济发展，改善民生，加强与内地的合作，并就各项政策广泛谘询市民。\n"
                      for n in range(3, 40)))
    (tmp_path / "simp.txt").write_text(text, encoding="utf-8")
    (tmp_path / "trad.txt").write_text(to_traditional(text), encoding="utf-8")
    simp, trad = pipeline.tag(str(tmp_path / "simp.txt")), pipeline.tag(str(tmp_path / "trad.txt"))
    assert (simp.meta.script, trad.meta.script) == ("simplified", "traditional")
    assert list(compare(simp, trad).changes) == list(compare(trad, simp).changes) == []
