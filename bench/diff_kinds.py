"""Compare the changes of two ``bench/dump_diffs.py`` dumps by kind: what a classification change
did on every consecutive corpus pair.

``python bench/diff_kinds.py BEFORE.jsonl AFTER.jsonl`` prints, per pair and in all, how many
``number_changed`` and ``modality_changed`` edits each dump holds (and the ``years_rolled`` and
``clauses_moved`` the comparison counts apart), then, with ``--list``, every such edit found in
one dump only (``-`` before only, ``+`` after only), to read by eye that each was spurious or is
right.  Usage: run ``dump_diffs.py`` before and after a change, then this.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

KINDS = ("number_changed", "modality_changed")
COUNTED = ("years_rolled", "clauses_moved")


def _load(path: Path) -> dict[str, dict]:
    """``{pair: comparison JSON}`` of a dump."""
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            out[row["file"]] = row["report"]
    return out


def _edits(report: dict, kind: str) -> Counter:
    """The edits of ``kind`` as ``old_text → new_text`` (a multiset: a pair may repeat one)."""
    return Counter(f"{c['old_text']} → {c['new_text']}" for c in report["changes"] if c["kind"] == kind)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--list", action="store_true", help="print the edits found in one dump only")
    args = ap.parse_args(argv)
    before, after = _load(args.before), _load(args.after)
    totals: Counter = Counter()
    for pair in sorted(before.keys() & after.keys()):
        b, a = before[pair], after[pair]
        cells = []
        for kind in KINDS:
            nb, na = sum(_edits(b, kind).values()), sum(_edits(a, kind).values())
            totals[kind, "before"] += nb
            totals[kind, "after"] += na
            cells.append(f"{kind} {nb}→{na}")
        for key in COUNTED:
            totals[key] += a["stats"].get(key, 0)
            cells.append(f"{key} {a['stats'].get(key, 0)}")
        print(f"{pair}: " + "  ".join(cells))
        if args.list:
            for kind in KINDS:
                eb, ea = _edits(b, kind), _edits(a, kind)
                for text in sorted((eb - ea).elements()):
                    print(f"    - {kind[:3]} {text}")
                for text in sorted((ea - eb).elements()):
                    print(f"    + {kind[:3]} {text}")
    print("all pairs: " + "  ".join(f"{k} {totals[k, 'before']}→{totals[k, 'after']}" for k in KINDS)
          + "  " + "  ".join(f"{k} {totals[k]}" for k in COUNTED))
    return 0


if __name__ == "__main__":
    sys.exit(main())
