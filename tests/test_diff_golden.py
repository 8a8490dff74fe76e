"""Golden comparisons: every ``tests/golden/<case>.old.txt`` + ``.new.txt`` + ``.expected.json``.

Adding a case needs no code.  ``expected.json`` holds:
- ``changes``: the exact list of changes (kind, old_text, new_text), in any order;
- ``target_changes`` (optional): indicator → expected label, checked when the targets layer exists;
- ``options`` (optional): keyword arguments for :func:`annotate.comparing.compare.compare`.
Each text must hold at least 200 Chinese characters (ingest refuses less as "not a report"):
the cases share a closing paragraph for that.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotate import pipeline
from annotate.comparing.compare import compare

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(p.name[: -len(".expected.json")] for p in GOLDEN.glob("*.expected.json"))


def _read(path: Path):
    report = pipeline.read_report(str(path), path.read_bytes())
    try:
        return pipeline.annotate(report)
    except Exception:  # a layer under construction must not hide diff regressions
        return report


@pytest.mark.parametrize("case", CASES)
def test_golden(case):
    expected = json.loads((GOLDEN / f"{case}.expected.json").read_text(encoding="utf-8"))
    old = _read(GOLDEN / f"{case}.old.txt")
    new = _read(GOLDEN / f"{case}.new.txt")
    c = compare(old, new, **expected.get("options", {}))
    got = sorted((ch.kind, ch.old_text, ch.new_text) for ch in c.changes)
    want = sorted((ch["kind"], ch["old_text"], ch["new_text"]) for ch in expected["changes"])
    assert got == want
    for ch in c.changes:  # offsets point at the texts as written
        assert old.text[ch.old_start : ch.old_end] == ch.old_text
        assert new.text[ch.new_start : ch.new_end] == ch.new_text
    wanted_targets = expected.get("target_changes")
    if wanted_targets:
        if not old.targets and not new.targets:
            pytest.skip("the targets annotator found nothing (annotate/annotators/targets.py absent or failing)")
        labels = {t.indicator: t.change for t in c.target_changes}
        assert {k: labels.get(k) for k in wanted_targets} == wanted_targets


def test_there_are_golden_cases():
    assert len(CASES) >= 5
