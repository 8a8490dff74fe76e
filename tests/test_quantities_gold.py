"""The hand-built gold set (tests/gold/quantities) scored by bench/evaluate.py; and the corpus."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from annotate.annotators.quantities import find_quantities

ROOT = Path(__file__).resolve().parent.parent


def _evaluate():
    spec = importlib.util.spec_from_file_location("evaluate", ROOT / "bench" / "evaluate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.evaluate_quantities()


def test_gold_set_size_and_scores():
    results = _evaluate()
    reports = [k for k in results if k != "overall"]
    assert len(reports) >= 4
    overall = results["overall"]
    assert overall["gold"] >= 400
    assert overall["precision"] >= 0.97
    assert overall["recall"] >= 0.97
    assert overall["qualifier_accuracy"] >= 0.97


def test_seed_quantities(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    found = find_quantities(text)
    by_text = {q.text: q for q in found}
    assert by_text["90.15 亿元"].normalized == 9015000000
    assert by_text["8%左右"].qualifier == "about"
    assert by_text["超千亿元"].normalized == 100000000000
    assert "1936 座" in by_text and not any(q.text.startswith("5") and "G" in text[q.end:q.end + 1] for q in found)
    for q in found:
        assert text[q.start : q.end] == q.text
    assert [q.id for q in found] == [f"q{i}" for i in range(1, len(found) + 1)]


def test_every_corpus_report_has_consistent_spans(corpus):
    for path in sorted(corpus.iterdir()):
        if path.suffix not in {".txt", ".md"}:
            continue
        text = path.read_text(encoding="utf-8-sig")
        found = find_quantities(text)
        assert found, path.name
        prev_end = 0
        for q in found:
            assert text[q.start : q.end] == q.text
            assert q.start >= prev_end  # no overlaps, document order
            prev_end = q.end
            assert q.qualifier in ("exact", "about", "at_least", "at_most", "above", "below", "range")
