"""annotate: Chinese government annual reports as annotated XML, compared year by year.

The Python interface (README "In Python"), importable from the package itself::

    import annotate
    old = annotate.tag("national-2023-gov-work-report.txt")     # a frozen Report
    new = annotate.tag("national-2024-gov-work-report.txt")
    c = annotate.compare(old, new)                                # a Comparison
    html = annotate.render_redline(c)                             # or render_docx(c) -> bytes
    corpus = annotate.Corpus.from_paths(["reports/"])             # many reports across years

Names are loaded on first use (PEP 562), so ``import annotate`` costs nothing and a command
that never compares never imports the comparison code.  The modules behind them are listed in
:data:`PUBLIC`; the folders follow the data (README "Layout").
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

PUBLIC = {
    "tag": "annotate.pipeline",               # path -> annotated Report (annotated XML is read back)
    "read_report": "annotate.pipeline",       # path -> structured Report, not yet annotated
    "compare": "annotate.comparing.compare",  # (old, new) -> Comparison
    "render_redline": "annotate.render.html",  # Comparison -> self-contained HTML
    "render_docx": "annotate.render.docx",    # Comparison -> Word document with tracked changes
    "Corpus": "annotate.corpus",              # many reports: pairs, changes, timelines
    "scorecard": "annotate.corpus.scorecard",  # (plan, result) -> Scorecard: targets met, promises kept
    "Hints": "annotate.reading.identity",     # what the user says a report is (issuer, year)
    "AnnotateError": "annotate.errors",       # the one error type: file, problem, what to do
}

__all__ = list(PUBLIC)


def __getattr__(name: str) -> Any:
    if name in PUBLIC:
        value = getattr(import_module(PUBLIC[name]), name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module 'annotate' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
