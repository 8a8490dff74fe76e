"""Real year pairs of the national report: the target changes users look for first."""

from __future__ import annotations

from functools import lru_cache

import pytest

from annotate import pipeline
from annotate.comparing.compare import compare
from conftest import CORPUS  # not tests.conftest: fast-diff-match-patch installs a top-level "tests" package

PAIRS = {
    (2023, 2024): {"urban_new_jobs": "qualifier_changed", "gdp_growth": "unchanged"},
    (2018, 2019): {"gdp_growth": "lowered", "surveyed_unemployment": "qualifier_changed"},
    (2019, 2020): {"gdp_growth": "removed"},
    (2020, 2021): {"gdp_growth": "added"},
}


@lru_cache(maxsize=None)
def national(year: int):
    path = CORPUS / f"national-{year}-gov-work-report.txt"
    return pipeline.annotate(pipeline.read_report(str(path), path.read_bytes()))


def _targets_or_skip(*reports):
    try:
        import annotate.annotators.targets  # noqa: F401
    except ModuleNotFoundError:
        pytest.skip("needs the targets annotator (annotate/annotators/targets.py), not there yet")
    if not any(r.targets for r in reports):
        pytest.skip("the targets annotator found no targets in these reports")


@pytest.mark.corpus
@pytest.mark.parametrize("years", list(PAIRS), ids=lambda y: f"{y[0]}-{y[1]}")
def test_national_target_changes(corpus, years):
    old, new = national(years[0]), national(years[1])
    _targets_or_skip(old, new)
    c = compare(old, new)
    labels = {t.indicator: t for t in c.target_changes}
    for indicator, label in PAIRS[years].items():
        assert indicator in labels, f"{indicator} missing from {sorted(labels)}"
        assert labels[indicator].change == label


@pytest.mark.corpus
def test_2023_2024_values(corpus):
    old, new = national(2023), national(2024)
    _targets_or_skip(old, new)
    tc = {t.indicator: t for t in compare(old, new).target_changes}
    jobs = tc["urban_new_jobs"]
    assert (jobs.old.value, jobs.old.unit, jobs.old.qualifier) == (1200, "万人", "about")
    assert (jobs.new.value, jobs.new.unit, jobs.new.qualifier) == (1200, "万人", "at_least")


@pytest.mark.corpus
def test_2018_2019_gdp_range(corpus):
    old, new = national(2018), national(2019)
    _targets_or_skip(old, new)
    gdp = {t.indicator: t for t in compare(old, new).target_changes}["gdp_growth"]
    assert (gdp.new.low, gdp.new.high, gdp.new.qualifier) == (6, 6.5, "range")
    assert gdp.old.value == 6.5


@pytest.mark.corpus
@pytest.mark.parametrize("years", list(PAIRS), ids=lambda y: f"{y[0]}-{y[1]}")
def test_mirror_of_target_changes(corpus, years):
    old, new = national(years[0]), national(years[1])
    _targets_or_skip(old, new)
    flip = {"raised": "lowered", "lowered": "raised", "added": "removed", "removed": "added",
            "quantified": "unquantified", "unquantified": "quantified"}
    # changes are like with like (issue 11): keyed by scope and component too, and a goal outside the
    # lexicon (indicator None) by the metrics it pairs
    def key(t):
        return (t.scope, t.indicator, t.component, frozenset({t.metric_old, t.metric_new} - {None}) if t.indicator is None else None)

    ab = {key(t): flip.get(t.change, t.change) for t in compare(old, new).target_changes}
    ba = {key(t): t.change for t in compare(new, old).target_changes}
    assert len(ab) == len(compare(old, new).target_changes)
    assert ab == ba


@pytest.mark.corpus
def test_real_pair_changes_are_mirrored_exactly(corpus):
    old, new = national(2023), national(2024)
    flip = {"inserted": "deleted", "deleted": "inserted"}
    # Where a side is empty its offset is only an anchor in reading order, which is per direction.
    ab = sorted((flip.get(c.kind, c.kind), c.new_text, c.old_text, c.new_text and c.new_start, c.old_text and c.old_start)
                for c in compare(old, new).changes)
    ba = sorted((c.kind, c.old_text, c.new_text, c.old_text and c.old_start, c.new_text and c.new_start)
                for c in compare(new, old).changes)
    assert ab == ba
    assert len(ab) > 100  # a real year pair is largely rewritten


@pytest.mark.corpus
def test_real_pair_numbers_are_atoms(corpus):
    c = compare(national(2023), national(2024))
    nums = {(ch.old_text, ch.new_text) for ch in c.changes if ch.kind == "number_changed"}
    assert ("1200万人左右", "1200万人以上") in nums
    assert ("1.37万亿斤", "1.39万亿斤") in nums
    for ch in c.changes:  # a number is never cut: no change ends or starts inside digits
        for text, s, e in ((c.old.text, ch.old_start, ch.old_end), (c.new.text, ch.new_start, ch.new_end)):
            if s < e:
                assert not (text[s - 1 : s].isdigit() and text[s].isdigit())
                assert not (text[e - 1].isdigit() and text[e : e + 1].isdigit())


@pytest.mark.corpus
def test_traditional_against_simplified_reports_no_script_changes(corpus):
    """hongkong-2024 (simplified) vs hongkong-2025 (traditional): no change is a mere script change."""
    import opencc

    t2s = opencc.OpenCC("t2s")
    read = lambda n: pipeline.read_report(str(corpus / n), (corpus / n).read_bytes())  # noqa: E731
    c = compare(read("hongkong-2024-policy-address-simp.txt"), read("hongkong-2025-policy-address-trad.txt"))
    assert c.changes
    for ch in c.changes:
        if ch.kind in ("replaced", "moved") and ch.old_text and ch.new_text and ch.kind != "moved":
            assert t2s.convert(ch.old_text) != t2s.convert(ch.new_text)
    # and the new side is shown as written: traditional
    shown = "".join(ch.new_text for ch in c.changes)
    assert t2s.convert(shown) != shown
