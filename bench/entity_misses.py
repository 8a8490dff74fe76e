"""Entity scores pooled over every gold file, per gold file, per report and per class, with the misses grouped
by class across all files (issue 18's cross-validation view: a class that recurs across several reports is a
rule to write; one string is not).

Run: ``python bench/entity_misses.py [--misses] [--mainland|--hongkong]``.  ``--misses`` lists false negatives and
false positives by class; ``--mainland`` keeps non-Hong-Kong reports only (``--hongkong`` the Hong Kong ones).

Measured 2026-12-07 (issue 18, fourth round; tp/predicted/gold over every gold file, the gold as aligned that round):
    code at the round's start   all 1165/1343/1490 P 0.867 R 0.782   mainland 969/1090/1213 P 0.889 R 0.799
    end of the round            all 1215/1367/1490 P 0.889 R 0.815   mainland 1019/1114/1213 P 0.915 R 0.840
(before the gold alignment, the start code read all P 0.854 R 0.771, mainland P 0.872 R 0.786.)
Branch e7 (issue 18; listed pairs, phase items, listed routes): all 1478/1649/1795 P 0.896 R 0.823 →
1487/1656/1795 P 0.898 R 0.828; no gold file lost a hit.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import evaluate_entities as ev  # noqa: E402

#: every entity gold file, the issue-18 sets first
GOLD_FILES = tuple(sorted(str(p.relative_to(ev.GOLD)) for p in (ev.GOLD / "entities").glob("*.tsv"))) + tuple(
    sorted(p.name for p in ev.GOLD.glob("*entities*.tsv")))


def _keep(file: str, region: str) -> bool:
    """Whether a report file is in the chosen region (``all``, ``mainland`` or ``hongkong``)."""
    hk = file.startswith("hongkong")
    return region == "all" or (region == "hongkong") == hk


def score(region: str = "all", cache: dict | None = None, files: tuple[str, ...] = GOLD_FILES) -> dict:
    """Pooled counts: ``{"by_gold": {gold file: [tp, pred, gold]}, "by_report": …, "by_class": …, "fn": [...],
    "fp": [...]}``; each miss is ``(class, report, text, type)``."""
    cache = {} if cache is None else cache
    out = {"by_gold": {}, "by_report": {}, "by_class": {}, "fn": [], "fp": []}
    for name in files:
        by_para: dict = {}
        for r in ev.read_gold(name):
            if _keep(r["file"], region):
                by_para.setdefault((r["file"], r["anchor"]), []).append(r)
        if not by_para:
            continue
        ranges = ev._anchor_ranges(by_para, cache)
        for (file, anchor), rows in by_para.items():
            report = ev._annotated(file, cache)
            a, b = ranges[file, anchor]
            pc = Counter((ev._squash(e.text), e.type) for e in report.entities if a <= e.start < b)
            wc = Counter((ev._squash(r["text"]), r["type"]) for r in rows if r["text"])
            hit = pc & wc
            for key in (name, file):
                slot = out["by_gold" if key == name else "by_report"].setdefault(key, [0, 0, 0])
                slot[0] += sum(hit.values())
                slot[1] += sum(pc.values())
                slot[2] += sum(wc.values())
            for bag, k in ((hit, 0), (pc, 1), (wc, 2)):
                for (t, ty), n in bag.items():
                    out["by_class"].setdefault(ev.entity_class(t, ty), [0, 0, 0])[k] += n
            out["fn"] += [(ev.entity_class(t, ty), file, t, ty) for t, ty in (wc - pc).elements()]
            out["fp"] += [(ev.entity_class(t, ty), file, t, ty) for t, ty in (pc - wc).elements()]
    return out


def _line(label: str, c: list[int]) -> str:
    p, r, _ = ev._prf(*c)
    return f"  {label:<32} {c[0]:4d}/{c[1]:4d}/{c[2]:4d}  P {p:.3f}  R {r:.3f}"


def main(argv: list[str]) -> int:
    region = "mainland" if "--mainland" in argv else "hongkong" if "--hongkong" in argv else "all"
    s = score(region)
    total = [sum(c[i] for c in s["by_gold"].values()) for i in range(3)]
    print(f"pooled ({region}; tp/predicted/gold)")
    print(_line("all", total))
    print("by gold file")
    for k, c in s["by_gold"].items():
        print(_line(k, c))
    print("by report")
    for k, c in sorted(s["by_report"].items()):
        print(_line(k, c))
    print("by class")
    for k, c in sorted(s["by_class"].items()):
        print(_line(k, c))
    if "--misses" in argv:
        for kind in ("fn", "fp"):
            print(f"{kind.upper()} by class")
            for cls in sorted({m[0] for m in s[kind]}):
                ms = [m for m in s[kind] if m[0] == cls]
                print(f" {cls} ({len(ms)})")
                for _, f, t, ty in sorted(ms, key=lambda m: m[2]):
                    print(f"    {t}\t{ty}\t{f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
