"""Build the corpus site: cold, again with nothing changed, and after one report changed.

    python bench/bench_site.py [CORPUS] [--jobs 2] [--lang zh]

Copies the corpus to a temporary folder (so one report can be edited), builds the site there
from an empty cache, rebuilds it unchanged, then appends a line to one report and rebuilds.
Prints the wall and CPU seconds, pages written and the site's size for each step, then checks
that every local link of every page resolves (``--keep DIR`` keeps the site to look at).  The issue's budget: cold
≤ 60 s on 2 cores, ≤ 5 s after one report changes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotate.render.site import build_site  # noqa: E402


def size_mb(d: Path) -> float:
    return sum(p.stat().st_size for p in d.rglob("*") if p.is_file() and ".annotate-site" not in p.parts) / 1e6


def broken_links(site: Path) -> list[str]:
    """Local links (href, src) of every page that point at no file or no id."""
    import re
    from urllib.parse import unquote, urlsplit

    from lxml import html

    ids: dict[Path, set[str]] = {}
    out = []
    for page in sorted(site.rglob("*.html")):
        doc = html.fromstring(page.read_bytes())
        for ref in doc.xpath("//a/@href | //script/@src"):
            if re.match(r"^[a-z]+:", ref):
                continue
            parts = urlsplit(ref)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
            if not target.is_file():
                out.append(f"{page.relative_to(site)} → {ref}")
            elif parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(html.fromstring(target.read_bytes()).xpath("//@id"))
                if unquote(parts.fragment) not in ids[target]:
                    out.append(f"{page.relative_to(site)} → {ref}")
    return out


def cpu() -> float:
    """CPU seconds of this process and its finished workers: on a shared machine the wall time
    depends on the others' load, the CPU time does not (wall ≈ CPU / cores when the cores are free)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--lang", default="zh")
    ap.add_argument("--edit", default="shanghai-2025-gov-work-report.txt", help="the report to change")
    ap.add_argument("--keep", default=None, help="copy the built site to this folder (to look at it)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus"
        shutil.copytree(args.corpus, src)
        out = Path(tmp) / "site"
        print(f"{len([p for p in src.iterdir() if p.suffix != '.tsv'])} reports, {args.jobs} jobs, "
              f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
        for step in ("cold", "unchanged", "one report changed"):
            if step == "one report changed":
                f = src / args.edit
                f.write_bytes(f.read_bytes() + "\n各位代表，让我们更加紧密地团结起来！\n".encode("utf-8"))
            t, c = time.perf_counter(), cpu()
            res = build_site([str(src)], str(out), lang=args.lang, jobs=args.jobs)
            secs, used = time.perf_counter() - t, cpu() - c
            print(f"{step:>20}: {secs:6.1f} s wall, {used:6.1f} s CPU (all processes)  "
                  f"{res.reports} reports ({res.annotated} annotated), "
                  f"{len(res.written)} files written, {res.kept} kept, site {size_mb(out):.1f} MB, "
                  f"load {os.getloadavg()[0]:.1f}")
        broken = broken_links(out)
        print(f"{len(broken)} broken links" + "".join(f"\n  {b}" for b in broken[:20]))
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(out, args.keep)


if __name__ == "__main__":
    main()
