"""Dump the comparison of every consecutive corpus year pair, to check that a speed change alters
no alignment, operation or change.

``python bench/dump_diffs.py OUT.jsonl`` compares each issuer's consecutive reports of
``../shared/corpus`` (national 2023 → 2024, shanghai 2020 → 2021 …) and writes one JSON line per
pair (``comparison_to_json``: pairs, operations, changes, target changes; timings and paths left out);
``python bench/dump_diffs.py --check BEFORE.jsonl AFTER.jsonl`` prints how many pairs differ and,
for each, the first differing key.  Run it before and after a change: 0 differences.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"

sys.path.insert(0, str(ROOT / "bench"))
from dump_layers import main  # noqa: E402  (the same command line and check of two dumps)


def year_pairs() -> list[tuple[Path, Path]]:
    """Consecutive reports of one issuer (the file name's ``<issuer>-<year>-`` prefix)."""
    by_issuer: dict[str, list[tuple[int, Path]]] = defaultdict(list)
    for p in sorted(CORPUS.iterdir()):
        m = re.match(r"([a-z]+)-(\d{4})-", p.name)
        if m and p.suffix in (".txt", ".md"):
            by_issuer[m.group(1)].append((int(m.group(2)), p))
    out = []
    for files in by_issuer.values():
        files.sort()
        out += [(a[1], b[1]) for a, b in zip(files, files[1:])]
    return out


def dump(out: Path) -> None:
    """Write one line ``{"file": "old → new", "report": comparison JSON without timings}`` per pair."""
    from annotate import pipeline
    from annotate.comparing.compare import compare
    from annotate.render.comparison_json import comparison_to_json

    tagged: dict[Path, object] = {}
    with out.open("w", encoding="utf-8") as fh:
        for a, b in year_pairs():
            for p in (a, b):
                if p not in tagged:
                    tagged[p] = pipeline.tag(str(p))
            data = comparison_to_json(compare(tagged[a], tagged[b]))
            data.get("stats", {}).pop("timings", None)
            for side in ("old", "new"):  # the line names the pair; paths differ between checkouts
                data.get(side, {}).pop("file", None)
            fh.write(json.dumps({"file": f"{a.name} → {b.name}", "report": data}, ensure_ascii=False,
                                sort_keys=True, default=str))
            fh.write("\n")
            tagged.pop(a)


if __name__ == "__main__":
    main(dump, __doc__.splitlines()[0])
