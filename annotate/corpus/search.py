"""The full-text search index a static site ships: character bigrams → reports.

Chinese has no spaces, so words cannot be the unit of an index; a character bigram index finds
any query of two or more characters inside words (新质生产力 → 新质, 质生, 生产, 产力: a report
holding the phrase holds every bigram).  Candidates are then confirmed by a substring search in
their text, so a report that holds the bigrams apart is not a hit.

Contract:
- :func:`documents(report)`: the searchable passages of a report, ``(block id, text)`` for every
  heading, paragraph and list item not inside another passage, in reading order.
- :func:`bigrams(text)`: the set of two-character keys of ``text`` (whitespace splits; Latin
  letters lower-cased, as the browser lower-cases the query).
- :func:`passages(report)`: what the browser searches: ``[block id, text]`` per passage, and for a
  report in traditional characters ``[block id, text, simplified text]``, so a query typed in
  simplified characters finds it too (the result still shows the text as written).
- :func:`report_keys(report)`: the bigrams of every passage (and of its simplified copy).
- :func:`build_index(keys_per_report)`: bigram → sorted report numbers, from each report's keys.
"""

from __future__ import annotations

from typing import Iterable

from ..model import Report

PASSAGE_KINDS = ("heading", "p", "item")


def documents(report: Report) -> list[tuple[str, str]]:
    """``(block id, passage text)`` in reading order (module docstring)."""
    out: list[tuple[str, str]] = []
    end = -1
    for b in report.blocks:  # document order, parents before children
        if b.kind not in PASSAGE_KINDS or b.start < end:
            continue
        text = report.text[b.start : b.end].strip()
        if text:
            out.append((b.id, text))
        end = b.end
    return out


def bigrams(text: str) -> set[str]:
    """Every pair of adjacent non-space characters of ``text``, Latin letters lower-cased."""
    keys: set[str] = set()
    for chunk in text.lower().split():
        keys.update(chunk[i : i + 2] for i in range(len(chunk) - 1))
    return keys


def passages(report: Report) -> list[list[str]]:
    """The passages as the browser searches them (module docstring)."""
    docs = documents(report)
    if report.meta.script != "traditional":
        return [[bid, text] for bid, text in docs]
    from ..reading.script import simplified_view

    out = []
    for bid, text in docs:
        simple = simplified_view(text, "traditional").view
        out.append([bid, text] if simple == text else [bid, text, simple])
    return out


def report_keys(report: Report) -> frozenset[str]:
    """The bigrams of every passage of ``report`` and of its simplified copy (passages are searched
    one by one, so a bigram across two passages is not a key)."""
    keys: set[str] = set()
    for passage in passages(report):
        for text in passage[1:]:
            keys |= bigrams(text)
    return frozenset(keys)


def build_index(keys_per_report: Iterable[Iterable[str]]) -> dict[str, list[int]]:
    """bigram → the numbers of the reports holding it, ascending; keys sorted."""
    index: dict[str, list[int]] = {}
    for n, keys in enumerate(keys_per_report):
        for k in keys:
            index.setdefault(k, []).append(n)
    return dict(sorted(index.items()))
