"""Issue 17's start-up and tagging figures in instructions, not seconds: a figure that does not move
with the load of a shared machine, for telling whether a change helps (``bench_speed.py`` gives the
CPU-time figures themselves; on two busy cores they move by ±15% from run to run).

Each figure runs under valgrind's callgrind and reads the instruction count it reports:
1. ``annotate diff`` national 2023 → 2024 (JSON to a file) in a fresh process, against a bare
   ``python -c "import rjieba"`` process (the start-up figure of ``bench_speed.py``);
2. tagging a report once more in a process that has tagged it already (a process that tags it twice
   less one that tags it once), against one ``rjieba.tag`` pass over its text measured the same way.

3. comparing national 2023 → 2024 once more in a process that has tagged both reports and compared
   them already (compare twice less compare once), against tagging both reports the same way.

Instructions weigh Python's interpreter loop and rjieba's compiled code alike, so the ratios are not
``bench_speed.py``'s; compare a figure with the same figure before a change.  Each valgrind run
takes 10-60 s.

Run: ``python bench/bench_instructions.py [startup|tag|compare]`` (needs ``valgrind``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
N23 = CORPUS / "national-2023-gov-work-report.txt"
N24 = CORPUS / "national-2024-gov-work-report.txt"
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
_ENV["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "annotate-bench-pycache")
_OUT = str(Path(tempfile.gettempdir()) / "annotate-bench-diff.json")


def instructions(args: list[str]) -> int:
    """Instructions callgrind counts for one run of ``args`` (after a warm-up run that writes bytecode)."""
    subprocess.run(args, cwd=str(ROOT), env=_ENV, stdout=subprocess.DEVNULL, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out", *args],
                              cwd=str(ROOT), env=_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, check=True)
    m = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if m is None:
        raise SystemExit(f"bench_instructions: no instruction count from valgrind for {' '.join(args)}")
    return int(m.group(1))


def _tag_script(times: int) -> str:
    return (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from annotate import pipeline\n"
            f"for _ in range({times}): pipeline.tag({str(N23)!r})")


def _rjieba_script(times: int) -> str:
    return (f"import sys; sys.path.insert(0, {str(ROOT)!r}); import rjieba; from annotate import pipeline\n"
            f"text = pipeline.read_report({str(N23)!r}).text\n"
            f"for _ in range({times}): rjieba.tag(text)")


def _compare_script(times: int) -> str:
    return (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from annotate import pipeline\n"
            "from annotate.comparing.compare import compare\n"
            f"old, new = pipeline.tag({str(N23)!r}), pipeline.tag({str(N24)!r})\n"
            f"for _ in range({times}): compare(old, new)")


def _tag_both_script(times: int) -> str:
    return (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from annotate import pipeline\n"
            f"for _ in range({times}): pipeline.tag({str(N23)!r}); pipeline.tag({str(N24)!r})")


def startup() -> None:
    py = sys.executable
    bare = instructions([py, "-c", "import rjieba"])
    diff = instructions([py, "-m", "annotate", "diff", str(N23), str(N24), "--format", "json", "-o", _OUT])
    print(f"1. annotate diff national 2023→2024 / bare python+rjieba   {diff / bare:6.2f}x  "
          f"({diff / 1e6:,.0f} M vs {bare / 1e6:,.0f} M instructions)")


def one_more(script, times: int = 1) -> int:
    """Instructions of one more run of what ``script(n)`` does ``n`` times (``times + 1`` runs less
    ``times``: the start-up and the warm-up cancel out)."""
    py = sys.executable
    return instructions([py, "-c", script(times + 1)]) - instructions([py, "-c", script(times)])


def ratio_line(label: str, num: int, den: int) -> None:
    print(f"{label:<60} {num / den:6.2f}x  ({num / 1e6:,.0f} M vs {den / 1e6:,.0f} M instructions)")


def tag() -> None:
    ratio_line("2. tag national 2023 (in-process) / one rjieba.tag pass", one_more(_tag_script),
               one_more(_rjieba_script, 2))


def compare() -> None:
    ratio_line("3. compare national 2023→2024 (in-process) / tagging both", one_more(_compare_script),
               one_more(_tag_both_script))


def main() -> None:
    if shutil.which("valgrind") is None:
        sys.exit("bench_instructions: valgrind is not installed (Debian: apt-get install valgrind)")
    if not CORPUS.is_dir():
        sys.exit("bench_instructions: ../shared/corpus is absent")
    parts = {"startup": startup, "tag": tag, "compare": compare}
    for name in sys.argv[1:] or list(parts):
        parts[name]()


if __name__ == "__main__":
    main()
