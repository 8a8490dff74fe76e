"""Every corpus report parses into a sound structure; prints one summary line per report.

Run with ``pytest -s tests/test_corpus_structure.py`` to see the table:
``file parts/sections/subsections/paragraphs+items/sentences year review_year kind title[:20]``.
"""

from __future__ import annotations

import csv
import re
from collections import Counter

import pytest

from annotate.reading import numbering as nb
from annotate.reading.identity import KINDS
from annotate.pipeline import read_report
from annotate.reading.structure import problems

from conftest import CORPUS, corpus_files

FILES = corpus_files()


def _summary(path, r) -> str:
    c = Counter(b.kind for b in r.blocks)
    m = r.meta
    return (f"{path.name:40} {c['part']:2}/{c['section']:3}/{c['subsection']:3}/{c['p']:3}+{c['item']:<3}/{c['s']:4}"
            f" {m.year} {m.review_year} {m.kind:15} {(m.title or '-')[:20]}")


@pytest.fixture(scope="module")
def reports(corpus):
    return [(p, read_report(str(p))) for p in FILES]


def _sources() -> dict[str, dict[str, str]]:
    with open(CORPUS / "SOURCES.tsv", encoding="utf-8") as fh:
        return {row["file"]: row for row in csv.DictReader(fh, delimiter="\t")}


def test_corpus_matches_its_sources(corpus):
    """Every report in the folder is described in SOURCES.tsv and every row has its file."""
    assert sorted(p.name for p in FILES) == sorted(_sources())


def _expected_identity(row: dict[str, str]) -> tuple[str, str, str]:
    """(issuer, region, level) as SOURCES.tsv writes the issuer, without the English in brackets."""
    issuer = row["issuer"].split(" (")[0]
    if issuer == "国务院":
        return issuer, "全国", "national"
    body = re.search(r"人民政府|发展和改革委员会|行政长官|行政長官$", issuer)
    region = issuer[: body.start()]
    if "特别行政区" in region or "特別行政區" in region:
        return issuer, "香港特别行政区", "sar"
    level = "district" if re.search(r"^.+[市州].+[区县]$", region) else "province"
    return issuer, region, level


def test_identity_matches_sources(reports):
    """Issuer, region, level, year and kind of every corpus report, read from SOURCES.tsv
    (its year is the year of delivery: the plan year for all but the plan report, delivered in
    December for the next year)."""
    sources = _sources()
    wrong = []
    for path, r in reports:
        row = sources[path.name]
        m = r.meta
        issuer, region, level = _expected_identity(row)
        year = int(row["year"]) + (1 if row["kind"] == "plan-report" else 0)
        got = (m.issuer, m.region, m.level, m.year, m.kind)
        if got != (issuer, region, level, year, row["kind"]):
            wrong.append((path.name, got))
        assert m.delivered and m.delivered.startswith(row["year"]), path.name
    assert wrong == []


def test_identity_without_the_file_name(tmp_path, corpus):
    """Read as report.txt, nothing in the name helps: issuer, region and kind stay right for every
    report; the year for all but the few whose text dates itself nowhere (no title, dateline,
    session or review heading: an abstract, a speech that only says 今年)."""
    sources = _sources()
    year_wrong = []
    for path in FILES:
        anon = tmp_path / ("report" + path.suffix)
        anon.write_bytes(path.read_bytes())
        m = read_report(str(anon)).meta
        issuer, region, level = _expected_identity(sources[path.name])
        assert (m.issuer, m.region, m.level, m.kind) == (issuer, region, level, sources[path.name]["kind"]), path.name
        expected_year = int(sources[path.name]["year"]) + (sources[path.name]["kind"] == "plan-report")
        if m.year != expected_year:
            year_wrong.append(path.name)
            assert m.year is None or m.identity_warnings, path.name  # unknown, never silently wrong
    assert len(year_wrong) <= 0.12 * len(FILES), year_wrong


def test_every_report_parses_soundly(reports):
    print()
    bad = {}
    for path, r in reports:
        print(_summary(path, r))
        p = problems(r)
        if p:
            bad[path.name] = p[:3]
    assert bad == {}


def _numbered_part_headings(r) -> int:
    """Lines of the source that open with a part-level number (一、 / 第一章 / a bare 一)."""
    n = 0
    for line in r.text.split("\n"):
        lab = nb.match_label(line.strip())
        if lab is not None and lab.style in (nb.CN_DUN, nb.CHAPTER) and len(line.strip()) <= 60:
            n += 1
    return n


def test_every_report_has_parts_year_and_issuer(reports):
    for path, r in reports:
        parts = [b for b in r.blocks if b.kind == "part"]
        if _numbered_part_headings(r) >= 2 or any(b.kind == "heading" and b.parent and b.parent.startswith("part")
                                                  for b in r.blocks):
            assert len(parts) >= 2, path.name
        assert r.meta.year is not None and 1949 <= r.meta.year <= 2030, path.name
        assert r.meta.issuer, path.name
        assert r.meta.kind in KINDS, path.name
        # most of the text is paragraphs (p/item), not headings or title
        para_chars = sum(b.end - b.start for b in r.blocks if b.kind in ("p", "item"))
        assert para_chars > 0.8 * len(r.text.replace("\n", "")), path.name


def test_meta_year_matches_the_kind_of_report(reports):
    """Gov work reports of year N review N-1 (shanghai-2020..2024 have no title: year from headings)."""
    by_name = {p.name: r.meta for p, r in reports}
    for name, m in by_name.items():
        if m.kind == "gov-work-report":
            assert m.review_year == m.year - 1, name
    assert by_name["national-2024-gov-work-report.txt"].year == 2024
    assert by_name["shanghai-2020-gov-work-report.txt"].year == 2020
    assert by_name["hongkong-2025-policy-address-trad.txt"].issuer == "香港特別行政區行政長官"
    assert by_name["hongkong-2023-policy-address-simp.txt"].year == 2023


def test_glossaries_and_annexes_are_parts_of_their_own(reports):
    by_name = {p.name: r for p, r in reports}
    for name, head in [("sichuan-2025-gov-work-report.txt", "名词解释"), ("hainan-2026-gov-work-report.txt", "注释"),
                       ("guangdong-2026-gov-work-report.txt", "名词解释")]:
        r = by_name[name]
        last = [b for b in r.blocks if b.kind == "part"][-1]
        heading = r.block_by_id[last.id + ".h"]
        assert head in r.text[heading.start : heading.end], name
        assert len([b for b in r.blocks if b.parent == last.id and b.kind == "item"]) >= 10, name


def test_sichuan_unnumbered_part_headings(reports):
    r = dict((p.name, r) for p, r in reports)["sichuan-2025-gov-work-report.txt"]
    heads = [r.text[r.block_by_id[b.id + ".h"].start : r.block_by_id[b.id + ".h"].end]
             for b in r.blocks if b.kind == "part"]
    assert heads[:3] == ["2024年工作回顾", "2025年工作安排建议", "加强政府自身建设"]


def test_closing_exhortation_is_top_level_after_the_last_part(reports):
    by_name = {p.name: r for p, r in reports}
    for name, opening in [("tongzhou-2021-plan-report.md", "各位代表，志不求易者成"),
                          ("national-2024-gov-work-report.txt", "各位代表！"),
                          ("shandong-2025-gov-work-report.txt", "各位代表！走在前厚望如山"),
                          ("sichuan-2025-gov-work-report.txt", "各位代表！迎接风险挑战"),
                          ("hongkong-2025-policy-address-trad.txt", None)]:
        r = by_name[name]
        top = [b for b in r.blocks if b.parent is None]
        closing = [b for b in top if b.kind == "p"]
        if opening is None:  # Hong Kong ends with numbered paragraphs: nothing lifted
            assert closing == [], name
            continue
        assert r.text[closing[0].start :].startswith(opening), name
        # after the last task part; only annex/glossary parts may follow
        k = top.index(closing[0])
        assert top[k - 1].kind == "part", name
    # the closing sits before the glossary part
    for name in ("hainan-2026-gov-work-report.txt", "sichuan-2025-gov-work-report.txt"):
        r = by_name[name]
        assert [b.kind for b in r.blocks if b.parent is None][-3:] == ["part", "p", "part"], name


def test_hong_kong_footnotes_are_numbered_paragraphs(reports):
    r = {p.name: r for p, r in reports}["hongkong-2025-policy-address-trad.txt"]
    notes = [b for b in r.blocks if b.num and b.num.startswith("註")]
    assert [b.num for b in notes] == [f"註{k}" for k in range(1, 29)]
    assert {b.kind for b in notes} == {"p"}
