"""Round trip: corpus reports printed to PDF by headless Chromium (its header with date and
title, its footer with the file URL and ``n/N`` page numbers on every page) read back with at
least 99.5% of the text file's characters, in order, and the same targets.

Skipped when Debian's chromium or the corpus is absent.  The three reports are the three
shapes of text input: one paragraph per line (national), markdown (the seed), and a whole
report flattened onto one line (Shanghai).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
from diff_match_patch import diff_match_patch

from annotate import pipeline
from conftest import CORPUS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REPORTS = ("national-2024-gov-work-report.txt", "tongzhou-2021-plan-report.md", "shanghai-2024-gov-work-report.txt")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (apt-get install chromium)"),
    pytest.mark.skipif(not all((CORPUS / r).is_file() for r in REPORTS), reason="../shared/corpus is absent"),
]


def _print_to_pdf(src, out) -> None:
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    f"--print-to-pdf={out}", src.resolve().as_uri()],
                   check=True, capture_output=True, timeout=180)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("printed")
    outs = {name: folder / (name + ".pdf") for name in REPORTS}
    with ThreadPoolExecutor(len(REPORTS)) as pool:  # separate Chromium processes
        list(pool.map(lambda n: _print_to_pdf(CORPUS / n, outs[n]), REPORTS))
    return outs


def _in_order_share(a: str, b: str) -> float:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 10
    return sum(len(t) for op, t in dmp.diff_main(a, b, False) if op == 0) / len(a)


@pytest.mark.parametrize("name", REPORTS)
def test_a_printed_report_reads_back_as_its_text(printed, name):
    text = pipeline.tag(str(CORPUS / name))
    from_pdf = pipeline.tag(str(printed[name]))
    assert from_pdf.meta.source.pages >= 5
    assert _in_order_share(text.text, from_pdf.text) >= 0.995
    assert [(t.indicator, t.value, t.unit, t.qualifier, t.text) for t in from_pdf.targets] == \
        [(t.indicator, t.value, t.unit, t.qualifier, t.text) for t in text.targets]
    # Chromium's header and footer are set aside on every page, not left in the text
    furniture = [r.original for r in from_pdf.repairs if r.kind.startswith("aside:")]
    assert sum(f.count("file://") for f in furniture) == from_pdf.meta.source.pages  # (the last may sit in a licence tail)
    assert "file://" not in from_pdf.text and not re.search(r"\d+/\d+/\d+, \d+:\d+", from_pdf.text)
