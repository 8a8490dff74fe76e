"""Many reports at once: read them, group them by issuer, pair consecutive years.

Contract:
- :meth:`Corpus.from_paths(paths, jobs=, scheduler=, cache_dir=, hints=)` reads every report
  under ``paths`` (files, or folders recursively: see :mod:`.files`), annotating them in
  parallel (local processes, or a Dask cluster with ``scheduler``) and reusing annotated reports
  from ``cache_dir`` (see :mod:`.cache`).  A file that cannot be read is listed in ``failed``
  with its one-line error, a file that is no report format in ``ignored``; neither stops it.
  :meth:`Corpus.from_reports` wraps reports already in memory.
- ``.reports``: the annotated reports, in the order read.  ``.entries`` pairs each with its file.
- ``.issuers()``: canonical issuer → its entries ordered by year, then by delivery within a year
  (:func:`edition_order`).  Two reports of one issuer and year are both kept when something tells
  them apart (Hong Kong's January and October 2005 addresses: see :func:`same_edition`); a second
  file of the same document (the same normalized text), or of the same issuer, year and kind with
  nothing to tell it apart, is in ``.duplicates()``.  Entries whose issuer or year is unknown are
  in ``.unidentified()`` with what is missing: listed, never dropped, never guessed.
- ``.pairs()``: each issuer's consecutive reports (old, new) in that order: 2004 → 2005 (January)
  → 2005 (October) → 2006.
- ``.changes(indicator=, change=, issuer=)``: every target change of every pair (:mod:`.changes`).
- ``.timeline(indicator)``: :func:`annotate.corpus.series.timeline` over the corpus.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional, Sequence, Union

from ..model import Report
from .editions import delivery_date, issuer_key, same_date, title_key, within_year
from .series import report_year

if TYPE_CHECKING:
    from ..reading.identity import Hints
    from .series import Point
    from .changes import ChangeRow


@dataclass(frozen=True)
class Entry:
    """One report of a corpus: the file it was read from, the report, a hash of the input."""

    file: str
    report: Report
    key: str = ""  # cache key / content hash: what pages built from this report depend on

    @property
    def issuer(self) -> Optional[str]:
        return self.report.meta.issuer

    @property
    def year(self) -> Optional[int]:
        """The report's own year (``meta.year``): what pairs, duplicates and the site's columns go by.

        Not the year its targets are for: a report delivered in December sets next year's plan
        (national 1981 → the 1982 plan), and keying by that would make it collide with the next
        report and drop one of them.  Timelines place targets by their own year (series.py)."""
        return self.report.meta.year or report_year(self.report)

    @property
    def label(self) -> str:
        return self.report.meta.label or Path(self.file).name


def same_edition(a: Entry, b: Entry) -> bool:
    """Whether ``b`` is a second copy of ``a``'s report (both of one issuer): the same normalized
    text, or the same year and kind with nothing to tell them apart.

    Told apart by, in order: different known kinds; different known delivery dates
    (:func:`delivery_date`, compared by :func:`same_date`: 2005-01 is 2005-01-12); when a date is
    missing on either side, different known titles (:func:`title_key`: 二零零五年施政报告, January
    2005, and 二零零五至零六年施政报告, October).
    Anything unknown counts as the same: without evidence a second file is a copy, never a new
    report paired with the first."""
    # one document read twice (a file copied, a .txt and its .xml); an empty text is no evidence
    # (batch's index builds its entries from summaries, without text)
    if a.report.text and a.report.text == b.report.text:
        return True
    if a.year != b.year:
        return False
    ka, kb = a.report.meta.kind, b.report.meta.kind
    if ka and kb and ka != kb:
        return False
    da, db = delivery_date(a.report), delivery_date(b.report)
    if da and db:
        return same_date(da, db)
    ta, tb = title_key(a.report), title_key(b.report)
    return not (ta and tb and ta != tb)


def edition_order(entries: Sequence[Entry]) -> list[Entry]:
    """``entries`` (one issuer's distinct reports) by year, then within a year as
    :func:`.editions.within_year` orders them (delivery date, else title, then read order): the
    order pairs follow."""
    by_year: dict[int, list[Entry]] = {}
    for e in entries:
        by_year.setdefault(e.year, []).append(e)  # type: ignore[arg-type]
    return [e for year in sorted(by_year) for e in within_year(by_year[year], lambda e: e.report)]


def tag_input(path: str, data: bytes, hints: "Optional[Hints]") -> tuple[Optional[Report], Optional[str]]:
    """(report, None) or (None, one-line error): the unit of work, run in a worker process."""
    from .. import pipeline
    from ..errors import AnnotateError

    try:
        return pipeline.tag(path, data, hints=hints), None
    except AnnotateError as exc:
        return None, exc.message
    except MemoryError:
        return None, f"{path}: out of memory reading the input; is it really a report?"
    except Exception as exc:  # one bad file must not stop the corpus: report it and go on
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        return None, f"{path}: internal error ({detail[:300]})"


@dataclass(frozen=True)
class Corpus:
    """Reports grouped by issuer and year (module docstring)."""

    entries: tuple[Entry, ...]
    failed: tuple[tuple[str, str], ...] = ()
    ignored: tuple[str, ...] = ()
    fresh: frozenset[str] = field(default=frozenset())  # keys annotated in this run (not from the cache)

    # ------------------------------------------------------------------ building

    @classmethod
    def from_reports(cls, reports: Iterable[Union[Report, tuple[str, Report]]]) -> "Corpus":
        """A corpus of reports already annotated (``(file, report)`` pairs or bare reports)."""
        entries = []
        for item in reports:
            file, report = item if isinstance(item, tuple) else (item.meta.source.file, item)
            key = hashlib.sha256(report.text.encode("utf-8")).hexdigest()[:32]
            entries.append(Entry(str(file), report, key))
        return cls(tuple(entries))

    @classmethod
    def from_paths(cls, paths: Union[str, Sequence[str]], *, jobs: Optional[int] = 1,
                   scheduler: Optional[str] = None, cache_dir: Optional[Union[str, Path]] = None,
                   hints: "Optional[Hints]" = None) -> "Corpus":
        """Read and annotate every report under ``paths`` (module docstring)."""
        from .. import pipeline
        from .parallel import parallel_map
        from .cache import ReportCache, input_key
        from .files import discover

        files, ignored = discover([paths] if isinstance(paths, str) else list(paths))
        cache = ReportCache(Path(cache_dir) if cache_dir is not None else None)
        slots: list[Optional[Entry]] = [None] * len(files)
        failed: list[tuple[str, str]] = []
        todo: list[tuple[int, str, bytes, str]] = []
        for i, f in enumerate(files):
            try:
                data = f.read_bytes()
            except OSError as exc:
                failed.append((str(f), f"{f}: cannot be read ({exc.strerror})"))
                continue
            key = input_key(str(f), data, pipeline.identity_hints(str(f), hints))
            cached = cache.get(key)
            if cached is not None:
                slots[i] = Entry(str(f), cached, key)
            else:
                todo.append((i, str(f), data, key))
        calls = [(path, data, hints) for _i, path, data, _k in todo]
        fresh: set[str] = set()  # annotated in this run: a file that failed was not
        for j, (report, error) in parallel_map(tag_input, calls, jobs=jobs, scheduler=scheduler):
            i, path, _data, key = todo[j]
            if report is None:
                failed.append((path, error or f"{path}: failed"))
                continue
            cache.put(key, report)
            slots[i] = Entry(path, report, key)
            fresh.add(key)
        return cls(tuple(e for e in slots if e is not None), tuple(sorted(failed)),
                   tuple(str(p) for p in ignored), frozenset(fresh))

    def require_reports(self, paths: Sequence[str]) -> None:
        """Raise one AnnotateError when ``paths`` held no report file at all (a mistyped or empty
        folder), so a command says so instead of writing an empty table or site."""
        if not self.entries and not self.failed:
            from .files import no_reports

            raise no_reports(" ".join(map(str, paths)) or ".")

    # ------------------------------------------------------------------ views

    @property
    def reports(self) -> tuple[Report, ...]:
        return tuple(e.report for e in self.entries)

    def _placed(self) -> list[Entry]:
        return [e for e in self.entries if e.issuer and e.year is not None]

    def issuers(self) -> dict[str, list[Entry]]:
        """Canonical issuer → its distinct reports (module docstring), ordered by
        :func:`edition_order`; issuers sorted.  Of two copies of one report the first read is kept.

        Hong Kong, Macao and Taiwan issuers keep the script of their report (identity.py), so one
        body can be spelt twice (香港特别行政区行政长官, 香港特別行政區行政長官): reports are grouped by
        the simplified spelling and the group is named by its most frequent spelling.

        Computed once per corpus (:attr:`_editions`); each call returns fresh lists to mutate.
        """
        return {iss: list(es) for iss, es in self._editions.items()}

    @cached_property
    def _editions(self) -> dict[str, tuple[Entry, ...]]:
        """:meth:`issuers`, computed once: the corpus is frozen, so its grouping never changes.

        A new entry is compared (:func:`same_edition`) only with the kept entries of its own year,
        and with every kept text by a set lookup, which is what comparing it with every kept
        entry decides: editions of different years are the same only when their texts are."""
        groups: dict[str, list[Entry]] = {}
        texts: dict[str, set[str]] = {}
        by_year: dict[tuple[str, Optional[int]], list[Entry]] = {}
        spellings: dict[str, Counter] = {}
        for e in self._placed():
            key = issuer_key(e.issuer)  # type: ignore[arg-type]
            kept = groups.setdefault(key, [])
            seen = texts.setdefault(key, set())
            year = by_year.setdefault((key, e.year), [])
            copy = bool(e.report.text) and e.report.text in seen
            if not copy and not any(same_edition(k, e) for k in year):
                kept.append(e)
                year.append(e)
                if e.report.text:
                    seen.add(e.report.text)
            spellings.setdefault(key, Counter())[e.issuer] += 1
        named = {spellings[k].most_common(1)[0][0]: kept for k, kept in groups.items()}
        return {iss: tuple(edition_order(kept)) for iss, kept in sorted(named.items())}

    def duplicates(self) -> list[Entry]:
        """Entries that repeat a report an earlier entry holds (:func:`same_edition`): left out of
        pairs, changes and the site's grid."""
        kept = {id(e) for es in self._editions.values() for e in es}
        return [e for e in self._placed() if id(e) not in kept]

    def unidentified(self) -> list[tuple[Entry, str]]:
        """(entry, what is missing) for each report whose issuer or year is unknown."""
        out = []
        for e in self.entries:
            missing = [name for name, v in (("issuer", e.issuer), ("year", e.year)) if v is None]
            if missing:
                out.append((e, " and ".join(missing) + " not found"))
        return out

    def pairs(self) -> list[tuple[Entry, Entry]]:
        """Each issuer's consecutive reports (old, new) by year: 2024 → 2025 → 2026."""
        return [(a, b) for es in self._editions.values() for a, b in zip(es, es[1:])]

    def changes(self, indicator: Optional[Iterable[str]] = None, change: Optional[Iterable[str]] = None,
                issuer: Optional[str] = None) -> list["ChangeRow"]:
        """Every target change of every consecutive pair, filtered (see :mod:`.changes`)."""
        from .changes import filter_rows, pair_rows

        rows = [row for name, es in self._editions.items() for a, b in zip(es, es[1:])
                for row in pair_rows(a, b, issuer=name)]
        return filter_rows(rows, indicator=indicator, change=change, issuer=issuer)

    def timeline(self, indicator: Optional[str] = None) -> list["Point"]:
        """The indicator timelines of every issuer (``series.timeline``); unidentified rows last."""
        from .series import timeline

        return timeline(((e.file, e.report) for e in self.entries), indicator=indicator)
