"""Does a simplified PDF compare with a traditional one as well as their text versions do?
(issue 13: the Hong Kong 2013 address is simplified, 2014 traditional.)

Prints, for the 2013 -> 2014 PDFs of ../shared/pdf and for the same reports' text (the text the
PDFs read to, written to .txt files and compared as text):
- the changed-character share: characters inside reported changes (old and new side) over the
  characters of both reports;
- the changes that differ only in script (their old and new text fold to the same characters:
  OpenCC hk2s, s2hk, hk2s), moves aside (a paragraph moved is a change whatever its script);
and, for each PDF, the changes against its own text converted to the other script (should be 0).
Run: ``python bench/bench_script_pair.py``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotate import pipeline  # noqa: E402
from annotate.comparing.compare import compare  # noqa: E402
from annotate.reading.script import _converter, to_simplified, to_traditional  # noqa: E402

PDF_DIR = ROOT.parent / "shared" / "pdf"
OLD, NEW = "hksar-2013-policy-address.pdf", "hksar-2014-policy-address.pdf"


def fold(s: str) -> str:
    """``s`` with script variants folded (simplified, via Hong Kong traditional and back)."""
    hk2s, s2hk = _converter("hk2s").convert, _converter("s2hk").convert
    return hk2s(s2hk(hk2s(s)))


def figures(old, new) -> tuple[float, int, int]:
    """(changed-character share, changes, script-only changes) of comparing ``old`` with ``new``."""
    c = compare(old, new)
    changed = sum(len(x.old_text or "") + len(x.new_text or "") for x in c.changes)
    script_only = [x for x in c.changes if x.kind != "moved" and x.old_text and x.new_text
                   and x.old_text != x.new_text and fold(x.old_text) == fold(x.new_text)]
    return changed / (len(old.text) + len(new.text)), len(c.changes), len(script_only)


def main() -> None:
    if not (PDF_DIR / OLD).is_file() or not (PDF_DIR / NEW).is_file():
        sys.exit(f"needs {OLD} and {NEW} in {PDF_DIR}")
    old, new = pipeline.tag(str(PDF_DIR / OLD)), pipeline.tag(str(PDF_DIR / NEW))
    with tempfile.TemporaryDirectory() as tmp:
        texts = []
        for report, name in ((old, "2013.txt"), (new, "2014.txt")):
            path = Path(tmp) / name
            path.write_text(report.text, encoding="utf-8")
            texts.append(pipeline.tag(str(path)))
        for label, pair in (("PDF  2013 -> 2014", (old, new)), ("text 2013 -> 2014", texts)):
            share, n, script_only = figures(*pair)
            print(f"{label}: {share:.2%} of characters changed, {n} changes, {script_only} script-only")
        for report, convert, name in ((old, to_traditional, "2013-trad.txt"), (new, to_simplified, "2014-simp.txt")):
            path = Path(tmp) / name
            path.write_text(convert(report.text), encoding="utf-8")
            c = compare(report, pipeline.tag(str(path)))
            print(f"{report.meta.source.file.rsplit('/', 1)[-1]} against its text in the other script: "
                  f"{len(c.changes)} changes")


if __name__ == "__main__":
    main()
