"""Where the time of issue 17's figures goes (``bench_speed.py`` gives the figures themselves).

1. ``startup``: the phases of ``annotate diff`` national 2023 → 2024 in this fresh process
   (imports, first and second read and annotation, comparison, JSON), CPU milliseconds: what the
   first report costs beyond the second is start-up (imports, regexes, lexicons).
2. ``regex``: CPU time spent compiling regular expressions during that diff, by module, and
   how much of it went to patterns the diff never used (candidates for lazy compiling).
3. ``scaling``: the comparison of the 16 pairs end to end against the same pairs compared one by
   one, split into tokens, alignment and leaf diffs: the stage whose ratio is well above 1 is the
   one that grows faster than its input.

Run: ``python bench/bench_speed_parts.py [startup|regex|scaling]`` (each part in a fresh process,
since the first two measure first-time costs).
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_speed import N23, N24, PAIRS, concatenated, corpus_file  # noqa: E402


def startup() -> None:
    """CPU ms of each phase of a diff, first report and second report apart."""
    cpu = time.process_time
    marks = [("(interpreter)", cpu())]
    import rjieba  # noqa: F401

    marks.append(("import rjieba", cpu()))
    import annotate.cli  # noqa: F401

    marks.append(("import annotate.cli", cpu()))
    from annotate import pipeline
    from annotate.comparing.compare import compare
    from annotate.render.comparison_json import comparison_to_json

    marks.append(("import pipeline, compare", cpu()))
    old = pipeline.read_report(str(N23))
    marks.append(("read report 1", cpu()))
    old = pipeline.annotate(old)
    marks.append(("annotate report 1", cpu()))
    new = pipeline.read_report(str(N24))
    marks.append(("read report 2", cpu()))
    new = pipeline.annotate(new)
    marks.append(("annotate report 2", cpu()))
    c = compare(old, new)
    marks.append(("compare", cpu()))
    comparison_to_json(c)
    marks.append(("comparison to JSON", cpu()))
    for (_, t0), (label, t1) in zip(marks, marks[1:]):
        print(f"{label:<28} {1000 * (t1 - t0):7.0f} ms")
    print(f"{'total':<28} {1000 * (marks[-1][1] - marks[0][1]):7.0f} ms")


def regex() -> None:
    """Compile time by module of the patterns ``re.compile`` made during a diff, used or not.

    The cache of compiled code (``annotate/lazyre.py``) is turned off for this run, so that the
    figures are what compiling costs where the cache is cold (a first run, a new Python)."""
    import os

    os.environ["ANNOTATE_CACHE_DIR"] = ""
    made: list[list] = []  # [module, seconds, pattern object, used]
    original = re.compile

    class Watched:
        """A compiled pattern that notes its first use."""

        def __init__(self, row: list) -> None:
            self._row = row

        def __getattr__(self, name: str):
            self._row[3] = True
            return getattr(self._row[2], name)

    def compile_watched(pattern, flags=0):
        # the module that asked: past lazyre.py's compiled() and lazy()'s lru_cache
        caller = next(f.filename for f in reversed(traceback.extract_stack(limit=5)[:-1])
                      if not f.filename.endswith(("lazyre.py", "functools.py")))
        if "annotate" not in caller or isinstance(pattern, Watched):
            return original(pattern, flags)
        t = time.process_time()
        compiled = original(pattern, flags)
        row = [caller.split("annotate/")[-1], time.process_time() - t, compiled, False]
        made.append(row)
        return Watched(row)

    re.compile = compile_watched
    from annotate.cli import main

    try:
        main(["diff", str(N23), str(N24), "--format", "json", "-o", "/dev/null"])
    except SystemExit:
        pass
    re.compile = original
    by_module: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for module, seconds, _, used in made:
        by_module[module][0 if used else 1] += seconds
    print(f"{len(made)} patterns, {1000 * sum(r[1] for r in made):.0f} ms CPU to compile; "
          f"{1000 * sum(r[1] for r in made if not r[3]):.0f} ms of them never used by this diff")
    for module, (used, unused) in sorted(by_module.items(), key=lambda kv: -sum(kv[1])):
        print(f"  {module:<40} {1000 * used:6.1f} ms used  {1000 * unused:6.1f} ms unused")


def scaling() -> None:
    """Stage CPU times of the 16x comparison against the sum over its 16 pairs."""
    import tempfile

    from annotate import pipeline
    from annotate.comparing import align
    from annotate.comparing import compare as cmp

    spent: dict[str, float] = defaultdict(float)

    def timed(name: str, fn):
        def run(*args, **kwargs):
            t = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - t
        return run

    cmp._align.align = timed("align", align.align)
    cmp._tokens = timed("tokens", cmp._tokens)
    cmp.leaf_diff = timed("leaf diffs", cmp.leaf_diff)

    def measure(a, b) -> dict[str, float]:
        spent.clear()
        ra, rb = pipeline.tag(str(a)), pipeline.tag(str(b))
        t = time.process_time()
        cmp.compare(ra, rb)
        return {"total": time.process_time() - t, **spent}

    with tempfile.TemporaryDirectory() as tmp:
        whole = measure(concatenated(16, 0, Path(tmp)), concatenated(16, 1, Path(tmp)))
    singles: dict[str, float] = defaultdict(float)
    for pair in PAIRS:
        for k, v in measure(corpus_file(pair[0], pair[1]), corpus_file(pair[0], pair[2])).items():
            singles[k] += v
    for k in whole:
        print(f"{k:<12} 16x {whole[k]:6.2f} s   16 pairs one by one {singles[k]:6.2f} s   "
              f"ratio {whole[k] / singles[k]:.2f}")


def main() -> None:
    parts = {"startup": startup, "regex": regex, "scaling": scaling}
    chosen = sys.argv[1:] or list(parts)
    for name in chosen:
        if len(chosen) > 1:  # each part in a fresh process: first-time costs are what they measure
            print(f"== {name}", flush=True)
            subprocess.run([sys.executable, __file__, name], check=True)
        else:
            parts[name]()


if __name__ == "__main__":
    main()
