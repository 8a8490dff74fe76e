"""Dump every layer of every corpus report, to check that a speed change alters no annotation.

``python bench/dump_layers.py OUT.jsonl`` tags each report of ``../shared/corpus`` and writes one
JSON line per report (``export.report_to_json``: text, structure and every annotation layer);
``python bench/dump_layers.py --check BEFORE.jsonl AFTER.jsonl`` prints how many reports differ
and, for each, the first differing layer.  Run it before and after a change: 0 differences.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"


def dump(out: Path) -> None:
    """Write one line ``{"file": name, "report": report_to_json(tag(file))}`` per corpus report."""
    from annotate import pipeline
    from annotate.report_json import report_to_json

    with out.open("w", encoding="utf-8") as fh:
        for path in sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md")):
            report = report_to_json(pipeline.tag(str(path)))
            fh.write(json.dumps({"file": path.name, "report": report}, ensure_ascii=False, sort_keys=True))
            fh.write("\n")


def load(path: Path) -> dict[str, dict]:
    """File name → its dumped report."""
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line)
    return {row["file"]: row["report"] for row in rows}


def check(before: Path, after: Path) -> int:
    """Print the reports whose dumps differ (and the first differing top-level key); return their count."""
    a, b = load(before), load(after)
    differ = 0
    for name in sorted(set(a) | set(b)):
        ra, rb = a.get(name), b.get(name)
        if ra == rb:
            continue
        differ += 1
        keys = sorted(set(ra or {}) | set(rb or {}))
        first = next((k for k in keys if (ra or {}).get(k) != (rb or {}).get(k)), "?")
        print(f"{name}: differs in {first}")
    print(f"{len(set(a) | set(b))} reports, {differ} differences")
    return differ


def main(write=None, description: str = "") -> None:
    """``OUT.jsonl`` writes a dump with ``write`` (default: :func:`dump`); ``--check BEFORE AFTER``
    compares two dumps (exit status 1 when they differ).  Shared by ``dump_diffs.py``."""
    ap = argparse.ArgumentParser(description=description or __doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--check", action="store_true", help="compare two dumps instead of writing one")
    args = ap.parse_args()
    if args.check:
        sys.exit(1 if check(*args.paths[:2]) else 0)
    (write or dump)(args.paths[0])


if __name__ == "__main__":
    main()
