"""Editions: telling two reports of one issuer and year apart, and ordering them.

Contract: :func:`delivery_date`, :func:`title_key` and :func:`same_date` read what tells two
reports apart (corpus.core.same_edition decides with them whether a second file is a copy);
:func:`within_year` orders the reports of one issuer and year as they were delivered (Hong Kong's
January 2005 address before its October one): by delivery date when every one has one, else
titles naming the year alone before titles naming a span (二零零五至零六年), then read order.
Both the corpus's pairs and the timelines (series.py) order editions with it; this module imports
neither, so both can.
"""

from __future__ import annotations

import re
from typing import Callable, Optional, Sequence, TypeVar

from ..model import Report

T = TypeVar("T")


def issuer_key(issuer: str) -> str:
    """The spelling two reports of one issuer share whatever their script (simplified)."""
    from ..reading.script import simplified_view

    return simplified_view(issuer, "traditional").view


def delivery_date(report: Report) -> Optional[str]:
    """The date the report was delivered, finer than its year (``2005-01-12``, ``2005-10``), or None.

    ``meta.date`` (the dateline) first, else ``meta.delivered``; a bare year says nothing the
    report's year does not, so it is no date here."""
    when = report.meta.date or report.meta.delivered
    return when if when and len(when) > 4 else None


_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def title_key(report: Report) -> Optional[str]:
    """The report's title in simplified script without its issuer's name, spaces or punctuation,
    its year digits Arabic, or None: the same title written in either script, spaced differently by
    a reader (PDF, docx), with its year in characters or its issuer named is one title."""
    title = report.meta.title
    if not title:
        return None
    from ..reading.script import simplified_view

    plain = simplified_view(title, "traditional").view
    # a .txt's 香港特别行政区行政长官2019年施政报告 is the PDF's 二零一九年施政报告: the issuer, its
    # region and the office without the region (行政长官) name the body, not the report
    issuer = issuer_key(report.meta.issuer) if report.meta.issuer else ""
    region = simplified_view(report.meta.region or "", "traditional").view
    for name in sorted({issuer, region, issuer[len(region):] if region and issuer.startswith(region) else ""},
                       key=len, reverse=True):
        if name:
            plain = plain.replace(name, "")
    # \W keeps CJK characters (they are word characters): spaces and punctuation go
    plain = re.sub(r"[\W_]+", "", plain).translate(_DIGITS)
    return plain or None


# a title naming a span from its year (2005至06年; 2005-06年度, its dash gone with the punctuation
# in title_key): Hong Kong's October address for the financial year starting then, delivered
# after that year's January address (2005年施政报告)
_SPAN = re.compile(r"\d{4}(?:至|到)?\d{2,4}年")


def _title_order(report: Report) -> tuple[bool, str]:
    """Order within a year when a delivery date is missing: titles naming only the year before
    those naming a span that runs into the next, then by title (a fixed order, no claim of time)."""
    key = title_key(report) or ""
    return bool(_SPAN.search(key)), key


def same_date(a: str, b: str) -> bool:
    """Whether two ISO dates (``2005``, ``2005-01``, ``2005-01-12``) can name one day: equal in
    every component both state.  A date written less precisely is the same date, not another
    (a sidecar's ``2005-01`` and a dateline's ``2005-01-12``); ``2005-01`` and ``2005-10`` differ."""
    pa, pb = a.split("-"), b.split("-")
    n = min(len(pa), len(pb))
    return pa[:n] == pb[:n]



def within_year(items: Sequence[T], report_of: Callable[[T], Report]) -> list[T]:
    """``items`` (one issuer's distinct reports of one year, each holding the report ``report_of``
    gives) in delivery order: by delivery date when every one has one, else by
    :func:`_title_order`; read order breaks ties (the sort is stable)."""
    dates = [delivery_date(report_of(x)) for x in items]
    if all(dates):
        return [x for _d, x in sorted(zip(dates, items), key=lambda dx: dx[0] or "")]
    return sorted(items, key=lambda x: _title_order(report_of(x)))
