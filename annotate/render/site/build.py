"""Build the static corpus site: reports → corpus → pages, incrementally.

Contract: :func:`build_site(paths, out_dir, lang=, jobs=, scheduler=, force=)` writes into
``out_dir``:

- ``index.html``: issuers × years grid (a cell links the year's report pages, two when an issuer
  delivered two that year, and, from an issuer's second report on, the pair's redline), the
  indicators, and every file left out with why (issuer or year unknown, unreadable, not a report
  format, a second copy of a report: corpus.core);
- ``reports/<slug>.html``: one per report (annotated text, targets table);
- ``pairs/<old>__<new>.html`` (redline) and ``pairs/<old>__<new>.scorecard.html`` for each
  issuer's consecutive years (the scorecard only when the newer report reviews the older's year);
- ``indicators/<id>.html``: chart and per-year cross-issuer table;
- ``changes.html``, ``search.html`` and ``assets/`` (scripts, the bigram index, text shards).

Incremental: ``out_dir/.annotate-site/`` holds the annotated reports (keyed by input hash, see
corpus.cache) and ``pages.json``, which records for every page the key of what it was built from
(the annotate version, the language, the input hashes it depends on, the names it links to).  A
page whose key is unchanged and whose file exists is not rebuilt, so after one report changes
only its report page, the pairs it is part of and the pages that gather every report (index,
indicators, changes, search index) are written again.  Pages of reports that went away are
deleted.  ``force`` rebuilds everything.

Pair pages (a full comparison each: the expensive part) are computed by ``parallel_map`` in
``jobs`` local processes or on the Dask cluster at ``scheduler``; the reports travel with the
tasks, the coordinating process writes every file.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

CACHE = ".annotate-site"
LEVEL_ORDER = {"national": 0, "sar": 1, "province": 2, "city": 3, "district": 4}


@dataclass
class SiteResult:
    written: list[str] = field(default_factory=list)  # pages written (relative paths)
    kept: int = 0  # pages already up to date
    reports: int = 0
    annotated: int = 0  # reports annotated in this run (the rest came from the cache)
    failed: list[tuple[str, str]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _key(*parts: Any) -> str:
    h = hashlib.sha256()
    for p in parts:
        # surrogateescape: a file name that is not UTF-8 (its bytes as \udcff) keys by its bytes
        h.update(json.dumps(p, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8", "surrogateescape")
                 + b"\0")
    return h.hexdigest()[:24]


def slugs(entries: Sequence[Any]) -> dict[int, str]:
    """entry index → a file-name-safe, unique page name from the input's stem (a second input
    with the same stem gets the start of its hash appended)."""
    out: dict[int, str] = {}
    used: set[str] = set()
    for i, e in enumerate(entries):
        base = re.sub(r"[^0-9A-Za-z_\-\u3400-\u9fff]+", "-", Path(e.file).stem).strip("-") or "report"
        slug = base if base not in used else f"{base}-{e.key[:8]}"
        used.add(slug)
        out[i] = slug
    return out


def _published(report: Any) -> Any:
    """``report`` naming its source file without the folders it lay in when the site was built (a
    published page never shows the build machine's paths)."""
    from .pages import published_name

    source = report.meta.source
    if source is None or not source.file:
        return report
    return replace(report, meta=replace(report.meta, source=replace(source, file=published_name(source.file))))


def pair_pages(old: Any, new: Any, old_file: str, new_file: str, nav: dict[str, Any],
               lang: str) -> tuple[str, Optional[str], list[tuple[str, float, Optional[str]]]]:
    """(redline page, scorecard page or None, actuals [(indicator, value, unit)]) of one pair: the
    unit of work of a pair, run in a worker."""
    from ...comparing.compare import compare
    from ...errors import AnnotateError
    from ...corpus.scorecard import scorecard
    from .. import scorecard as render_card
    from ..html import render_redline
    from ..corpus_labels import labels
    from .pages import published_name, site_nav, with_nav

    L = labels(lang)
    old, new = _published(old), _published(new)
    old_file, new_file = published_name(old_file), published_name(new_file)
    try:
        card = scorecard(old, new, old_file, new_file)
    except AnnotateError:  # the newer report does not review the older one's year: no verdicts
        card = None
    # both pages speak the site's language; the redline links the scorecard only when there is one
    redline_nav = [link for link in nav["redline"] if card is not None or link[1] != nav["scorecard_href"]]
    redline = with_nav(render_redline(compare(old, new), lang), site_nav("../", redline_nav, L))
    if card is None:
        return redline, None, []
    actuals = [(ln.indicator, float(ln.actual.value), ln.actual.unit) for ln in card.lines
               if ln.indicator and ln.actual is not None and ln.actual.value is not None]
    page = with_nav(render_card.render_html(card, lang), site_nav("../", nav["scorecard"], L))
    return redline, page, actuals


def build_site(paths: Sequence[str], out_dir: str, lang: str = "zh", jobs: Optional[int] = None,
               scheduler: Optional[str] = None, force: bool = False,
               progress: Optional[Callable[[str], None]] = None) -> SiteResult:
    """Build or update the site (module docstring)."""
    from ...corpus.parallel import parallel_map
    from ...outputs import version, write_atomic
    from ...corpus import Corpus
    from ...corpus.cache import ReportCache
    from ...corpus.files import make_output_folder
    from ...corpus.search import build_index, passages, report_keys
    from ..corpus_labels import labels
    from . import pages

    start = time.perf_counter()
    out = Path(out_dir)
    cache_dir = out / CACHE
    say = progress or (lambda _msg: None)
    say("reading reports")
    make_output_folder(out_dir, create=False)  # before the reading: its cache lives in the output folder
    # read first: a missing or empty input folder is refused before the output folder exists
    corpus = Corpus.from_paths(list(paths), jobs=jobs, scheduler=scheduler, cache_dir=cache_dir)
    corpus.require_reports(paths)
    make_output_folder(out_dir)
    cache_dir.mkdir(exist_ok=True)
    L = labels(lang)
    ver = version()
    manifest_path = cache_dir / "pages.json"
    try:
        manifest = {} if force else json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    old_pages: dict[str, str] = manifest.get("pages", {})
    pair_data: dict[str, list] = manifest.get("actuals", {})
    new_pages: dict[str, str] = {}
    result = SiteResult(reports=len(corpus.entries), annotated=len(corpus.fresh),
                        failed=list(corpus.failed), ignored=list(corpus.ignored))

    def emit(rel: str, key: str, make: Callable[[], str]) -> None:
        new_pages[rel] = key
        target = out / rel
        if old_pages.get(rel) == key and target.is_file():
            result.kept += 1
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, make().encode("utf-8"))
        result.written.append(rel)

    entries = list(corpus.entries)
    slug = slugs(entries)
    index_of = {id(e): i for i, e in enumerate(entries)}
    report_rel = {i: f"reports/{slug[i]}.html" for i in range(len(entries))}

    # ---- pairs (the expensive pages, in parallel)
    pairs = corpus.pairs()
    pair_rel: dict[tuple[int, int], str] = {}
    todo = []
    for a, b in pairs:
        ia, ib = index_of[id(a)], index_of[id(b)]
        rel = f"pairs/{slug[ia]}__{slug[ib]}"
        pair_rel[(ia, ib)] = rel
        key = _key(ver, lang, a.key, b.key, rel)
        new_pages[rel + ".html"] = key
        have = old_pages.get(rel + ".html") == key and (out / (rel + ".html")).is_file() and key in pair_data
        if have:
            result.kept += 1
            if pair_data[key] is not None:
                new_pages[rel + ".scorecard.html"] = key
            continue
        nav_links = {
            "redline": [(a.label, f"../{report_rel[ia]}"), (b.label, f"../{report_rel[ib]}"),
                        (L["scorecard"], f"{Path(rel).name}.scorecard.html")],
            "scorecard": [(a.label, f"../{report_rel[ia]}"), (b.label, f"../{report_rel[ib]}"),
                          (L["redline"], f"{Path(rel).name}.html")],
            "scorecard_href": f"{Path(rel).name}.scorecard.html",
        }
        todo.append((rel, key, (a.report, b.report, a.file, b.file, nav_links, lang)))
    if todo:
        say(f"comparing {len(todo)} pairs")
    (out / "pairs").mkdir(parents=True, exist_ok=True)
    for j, (redline, card, actuals) in parallel_map(pair_pages, [t[2] for t in todo], jobs=jobs, scheduler=scheduler):
        rel, key, _args = todo[j]
        write_atomic(out / f"{rel}.html", redline.encode("utf-8"))
        result.written.append(f"{rel}.html")
        if card is not None:
            write_atomic(out / f"{rel}.scorecard.html", card.encode("utf-8"))
            result.written.append(f"{rel}.scorecard.html")
            new_pages[f"{rel}.scorecard.html"] = key
        pair_data[key] = [list(x) for x in actuals] if card is not None else None
    pair_keys = {pair_rel[(index_of[id(a)], index_of[id(b)])]: _key(ver, lang, a.key, b.key,
                 pair_rel[(index_of[id(a)], index_of[id(b)])]) for a, b in pairs}

    # ---- report pages
    say("writing pages")
    before: dict[int, str] = {}
    after: dict[int, str] = {}
    _left: dict[int, int] = {}
    _right: dict[int, int] = {}
    for (ia, ib), rel in pair_rel.items():
        after[ia], _right[ia] = rel, ib
        before[ib], _left[ib] = rel, ia
    for i, e in enumerate(entries):
        links = []
        if i in before:
            links.append((f"← {entries[_left[i]].year} → {e.year} {L['redline']}", f"../{before[i]}.html"))
        if i in after:
            links.append((f"{e.year} → {entries[_right[i]].year} {L['redline']} →", f"../{after[i]}.html"))
        emit(report_rel[i], _key(ver, lang, e.key, e.file, links),
             lambda e=e, links=links: pages.report_page(e.report, e.file, L, lang, links))

    # ---- pages over every report: rebuilt when anything they gather changed
    everything = _key(ver, lang, [(e.key, slug[i], e.file) for i, e in enumerate(entries)],
                      sorted(pair_keys.items()), [pair_data.get(k) is not None for k in sorted(pair_keys.values())],
                      corpus.failed, corpus.ignored)
    rows = corpus.changes()
    points = corpus.timeline()
    href_of = {e.file: f"../{report_rel[i]}" for i, e in enumerate(entries)}
    actuals: dict[str, dict[tuple[str, int], tuple[float, Optional[str]]]] = {}
    for a, b in pairs:
        for ind, value, unit in pair_data.get(pair_keys[pair_rel[(index_of[id(a)], index_of[id(b)])]]) or []:
            actuals.setdefault(ind, {})[(a.issuer or "", a.year)] = (value, unit)
    indicator_ids = sorted({p.indicator for p in points if p.indicator and p.status == "set"})
    for ind in indicator_ids:
        emit(f"indicators/{ind}.html", everything,
             lambda ind=ind: pages.indicator_page(ind, points, rows, actuals.get(ind, {}), href_of, L, lang))
    emit("changes.html", everything, lambda: pages.changes_page(rows, L, lang))

    # issuer → year → the year's reports in delivery order: (report page, pair page, title)
    grid: dict[str, dict[int, list[tuple[str, Optional[str], Optional[str]]]]] = {}
    groups = corpus.issuers()
    order = sorted(groups, key=lambda iss: (LEVEL_ORDER.get(groups[iss][0].report.meta.level or "", 9), iss))
    for iss in order:
        row = grid.setdefault(iss, {})
        for prev, e in zip([None] + groups[iss][:-1], groups[iss]):
            i = index_of[id(e)]
            pair = pair_rel.get((index_of[id(prev)], i)) if prev is not None else None
            row.setdefault(e.year, []).append((report_rel[i], f"{pair}.html" if pair else None, e.report.meta.title))
    counts = {ind: len({p.issuer for p in points if p.indicator == ind and p.status == "set"}) for ind in indicator_ids}
    problems = [
        (L["unidentified"], [(pages.published_name(e.file), why, report_rel[index_of[id(e)]]) for e, why in corpus.unidentified()]),
        (L["duplicates"], [(pages.published_name(e.file), e.label, report_rel[index_of[id(e)]]) for e in corpus.duplicates()]),
        (L["failed"], [(pages.published_name(f), pages.published_reason(f, why), None) for f, why in corpus.failed]),
        (L["ignored"], [(pages.published_name(f), "", None) for f in corpus.ignored]),
    ]
    emit("index.html", everything, lambda: pages.index_page(grid, [(i, counts[i]) for i in indicator_ids],
                                                              problems, L, lang))

    # ---- search: the bigram index over all reports, one text shard per report
    cache = ReportCache(cache_dir)
    emit("search.html", _key(ver, lang), lambda: pages.search_page(L, lang))
    for i, e in enumerate(entries):
        emit(f"assets/text/{slug[i]}.js", _key(ver, e.key, slug[i]), lambda e=e, i=i: _text_shard(slug[i], passages(e.report)))

    def make_index() -> str:
        keys = [cache.derived(e.key, "search", lambda e=e: report_keys(e.report)) for e in entries]
        data = {"reports": [[slug[i], e.label] for i, e in enumerate(entries)],
                "index": {k: " ".join(map(str, v)) for k, v in build_index(keys).items()}}
        return "window.ANNOTATE_SEARCH = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"

    emit("assets/search-index.js", everything, make_index)
    here = Path(__file__).resolve().parent
    emit("assets/search.js", _key(ver), lambda: (here / "search.js").read_text(encoding="utf-8"))
    emit("assets/table.js", _key(ver), lambda: (here.parent / "table.js").read_text(encoding="utf-8"))

    # ---- forget what is no longer part of the site
    for rel in set(old_pages) - set(new_pages):
        (out / rel).unlink(missing_ok=True)
    live = {e.key for e in entries}
    cache.prune(live)
    keep_pairs = set(pair_keys.values())
    write_atomic(manifest_path, json.dumps({"version": ver, "pages": dict(sorted(new_pages.items())),
                                            "actuals": {k: v for k, v in pair_data.items() if k in keep_pairs}},
                                           ensure_ascii=False, indent=0).encode("utf-8"))
    result.written.sort()
    result.seconds = time.perf_counter() - start
    return result


def _text_shard(slug: str, docs: list[list[str]]) -> str:
    """A report's passages for the browser search (a script: it loads from file:// too)."""
    return ("(window.ANNOTATE_TEXT = window.ANNOTATE_TEXT || {})[" + json.dumps(slug, ensure_ascii=False) + "] = "
            + json.dumps(docs, ensure_ascii=False, separators=(",", ":")) + ";\n")
