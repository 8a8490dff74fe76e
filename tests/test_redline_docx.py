"""The Word redline: tracked changes that accept to the new report and reject to the old one.

Read back from the XML (annotate.render.docx.tracked_text), on small made-up pairs for each class
of edit, on property-drawn pairs, on every consecutive pair of the corpus, and after LibreOffice
has re-saved the document (skipped with the reason when Debian libreoffice-writer is absent).
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st
from lxml import etree

from annotate import pipeline
from annotate.cli import main
from annotate.comparing.compare import TargetChange, TargetSide, compare
from annotate.render.anchors import delta_label, target_delta
from annotate.render.docx import W_NS, render_docx, stream, side_text, tracked_text, xml_safe
from conftest import CORPUS  # not tests.conftest: fast-diff-match-patch installs a top-level "tests" package

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NS = {"w": W_NS}
WHEN = datetime(2026, 3, 5, 9, 0, tzinfo=timezone.utc)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


#: enough Chinese for the reader to take a made-up text for a report (ingest refuses fragments)
FILLER = "".join(f"（{k}）政府将继续推进第{k}项民生工程建设，提升市民生活质量和城市管理水平，完善公共服务体系。\n"
                 for k in "四五六七八")


def _report(name: str, body: str):
    return pipeline.annotate(pipeline.read_report(name, (body + FILLER).encode("utf-8")))


def _parts(docx: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith(".xml") or n.endswith(".rels")}


def _round_trip(old, new) -> bytes:
    """Render, and assert accept-all gives the new text and reject-all the old one."""
    c = compare(old, new)
    pieces = stream(c)
    assert side_text(pieces, accept=True) == new.text
    assert side_text(pieces, accept=False) == old.text
    docx = render_docx(c, date=WHEN)
    assert tracked_text(docx, accept=True) == xml_safe(new.text)
    assert tracked_text(docx, accept=False) == xml_safe(old.text)
    return docx


HEAD = "政府工作报告\n——2024年3月5日在大会上\n各位代表：\n"
P1 = "一、过去一年工作回顾\n过去一年，经济总体回升向好，就业物价总体稳定。\n"
P2 = "二、今年工作安排\n今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。\n"
P3 = "（一）大力推进现代化产业体系建设。推动产业链供应链优化升级。\n"
P4 = "（二）深入实施科教兴国战略。加强高质量教育体系建设。\n"


@pytest.mark.parametrize("old_body,new_body", [
    (P1 + P2 + P3, P1 + P2 + P3 + P4),  # a paragraph inserted at the end
    (P1 + P2 + P3 + P4, P1 + P3 + P4),  # a part deleted, paragraph marks with it
    (P1 + P2 + P3 + P4, P1 + P2 + P4 + P3),  # a section moved
    (P1 + P2, P1 + P2.replace("5%左右", "5.5%左右").replace("1200万人以上", "1200万人左右")),  # numbers
    (P1 + P3, P1.replace("经济总体回升向好", "经济回升向好\t态势巩固") + P3),  # reworded, with a tab
    (P1 + P3, P1 + P3.rstrip("\n")),  # two paragraphs joined
], ids=["inserted", "deleted", "moved", "numbers", "reworded-tab", "joined"])
def test_accept_gives_new_and_reject_gives_old(old_body, new_body):
    _round_trip(_report("old.txt", HEAD + old_body), _report("new.txt", HEAD + new_body))


def test_characters_xml_cannot_hold_are_dropped_and_markup_is_text():
    hostile = '<w:t>&amp;</w:t> "]]>'
    old = _report("old.txt", HEAD + P1 + P3)
    new = _report("new.txt", HEAD + P1 + P3.replace("推动", "推动\x01\x0b" + hostile))
    docx = _round_trip(old, new)
    _parts(docx)  # every part parses: the package is well-formed XML
    accepted = tracked_text(docx, accept=True)
    assert hostile in accepted and "\x01" not in accepted


def test_traditional_against_simplified_rejects_to_the_traditional_writing():
    """Comparison looks through the script; the round trip must not (an ``equal`` op whose two
    sides are written differently is a tracked replacement)."""
    old = _report("old.txt", HEAD + "一、施政方針\n行政長官將繼續推動經濟發展。\n")
    new = _report("new.txt", HEAD + "一、施政方针\n行政长官将继续推动经济发展。\n")
    _round_trip(old, new)


SENTENCES = ["推进新型工业化。", "城镇新增就业1200万人左右。", "国内生产总值增长5%左右。", "加快建设农业强国。",
             "深化财税体制改革。", "力争粮食产量1.3万亿斤以上。", "<b>&amp;</b>", "一、今年工作安排", "（三）扩大开放。"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8),
       st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8),
       st.lists(st.booleans(), min_size=8, max_size=8))
def test_round_trip_holds_for_any_pair(a, b, breaks):
    """Whatever the edit — shuffles, duplicates, paragraphs split or joined — both directions hold."""
    join = lambda xs: "".join(x + ("\n" if brk else "") for x, brk in zip(xs, breaks))  # noqa: E731
    _round_trip(_report("old.txt", HEAD + join(a)), _report("new.txt", HEAD + join(b)))


# --------------------------------------------------------------------------- the real example


@pytest.fixture(scope="module")
def national():
    old = pipeline.tag(str(EXAMPLES / "national-2023-gov-work-report.txt"))
    new = pipeline.tag(str(EXAMPLES / "national-2024-gov-work-report.txt"))
    c = compare(old, new)
    return c, _round_trip(old, new)


def test_revisions_are_signed_dated_and_moves_are_paired(national):
    c, docx = national
    doc = _parts(docx)["word/document.xml"]
    revisions = doc.xpath("//w:ins | //w:del | //w:moveFrom | //w:moveTo", namespaces=NS)
    assert len(doc.xpath("//w:body//w:ins", namespaces=NS)) > 50 and doc.xpath("//w:del", namespaces=NS)
    assert {r.get(f"{{{W_NS}}}author") for r in revisions} == {"annotate"}
    assert {r.get(f"{{{W_NS}}}date") for r in revisions} == {"2026-03-05T09:00:00Z"}
    ids = [r.get(f"{{{W_NS}}}id") for r in revisions + doc.xpath(
        "//w:moveFromRangeStart | //w:moveToRangeStart", namespaces=NS)]
    assert len(ids) == len(set(ids))
    names = lambda kind: sorted(e.get(f"{{{W_NS}}}name") for e in doc.xpath(f"//w:{kind}RangeStart", namespaces=NS))  # noqa: E731
    moved_pairs = sum(1 for p in c.pairs if p.relation == "moved")
    assert len(names("moveFrom")) == len(names("moveTo")) == moved_pairs and names("moveFrom") == names("moveTo")
    # every range that opens closes
    for kind in ("moveFrom", "moveTo", "comment"):
        starts = doc.xpath(f"//w:{kind}RangeStart/@w:id", namespaces=NS)
        assert sorted(starts) == sorted(doc.xpath(f"//w:{kind}RangeEnd/@w:id", namespaces=NS))


def test_headings_keep_word_heading_styles_with_outline_levels(national):
    c, docx = national
    parts = _parts(docx)
    doc = parts["word/document.xml"]

    def text(p):
        return "".join(p.xpath(".//w:t/text()", namespaces=NS))

    h1 = [text(p) for p in doc.xpath("//w:p[w:pPr/w:pStyle/@w:val='Heading1']", namespaces=NS)]
    h2 = [text(p) for p in doc.xpath("//w:p[w:pPr/w:pStyle/@w:val='Heading2']", namespaces=NS)]
    assert any(h.startswith("一、") and "2023年工作回顾" in h for h in h1)
    assert any("政府工作任务" in h for h in h1)
    assert any(h.startswith("（一）") for h in h2)
    assert [text(p) for p in doc.xpath("//w:p[w:pPr/w:pStyle/@w:val='Title']", namespaces=NS)] == ["政府工作报告"]
    levels = {s.get(f"{{{W_NS}}}styleId"): s.xpath("./w:pPr/w:outlineLvl/@w:val", namespaces=NS)
              for s in parts["word/styles.xml"].xpath("//w:style", namespaces=NS)}
    assert levels["Heading1"] == ["0"] and levels["Heading2"] == ["1"] and levels["Normal"] == []


def test_target_table_on_top_and_a_comment_on_each_changed_target(national):
    c, docx = national
    parts = _parts(docx)
    doc = parts["word/document.xml"]
    body = doc.find(f"{{{W_NS}}}body")
    table = body.find(f"{{{W_NS}}}tbl")
    first_report_p = doc.xpath("//w:p[w:bookmarkStart/@w:name='report']", namespaces=NS)[0]
    assert list(body).index(table) < list(body).index(first_report_p)
    rows = ["|".join("".join(tc.itertext()) for tc in tr.findall(f"{{{W_NS}}}tc"))
            for tr in table.findall(f"{{{W_NS}}}tr")]
    assert rows[0] == "indicator|old target|new target|change|delta"
    assert len(rows) == 1 + len(c.target_changes)
    jobs = next(r for r in rows if r.startswith("new urban jobs"))
    assert "1200万人 (about)" in jobs and "1200万人 (at least)" in jobs and "qualifier changed" in jobs
    notes = ["".join(cm.itertext()) for cm in parts["word/comments.xml"]]
    changed = [tc for tc in c.target_changes if tc.change != "unchanged"]
    assert len(notes) == len(changed)
    assert "new urban jobs: qualifier changed, 1200万人 (about) → 1200万人 (at least)" in notes
    # the comment on the jobs target spans the new target's text
    cid = str(notes.index("new urban jobs: qualifier changed, 1200万人 (about) → 1200万人 (at least)"))
    start = doc.xpath(f"//w:commentRangeStart[@w:id='{cid}']", namespaces=NS)[0]
    spanned = []
    for el in start.itersiblings():
        if el.tag == f"{{{W_NS}}}commentRangeEnd":
            break
        spanned.extend(el.xpath(".//w:t/text()", namespaces=NS))
    assert "城镇新增就业1200万人以上" in "".join(spanned)


def test_same_comparison_and_date_give_the_same_bytes(national):
    c, docx = national
    assert render_docx(c, date=WHEN) == docx


# --------------------------------------------------------------------------- deltas


def _side(value, unit="%", qualifier="about", low=None, high=None):
    return TargetSide(value, low, high, unit, qualifier, "")


@pytest.mark.parametrize("old,new,label", [
    (_side(5), _side(5.5), "+0.5个百分点"),  # a percentage moves in points
    (_side(None, qualifier="range", low=6, high=6.5), _side(6), "−0.25个百分点"),  # a range by its midpoint
    (_side(1200, "万人"), _side(1100, "万人", "at_least"), "−100万人"),
    (_side(1200, "万人"), _side(1200, "万人", "at_least"), ""),  # only the qualifier changed
    (_side(5), _side(3, "万人"), ""),  # no sensible subtraction
    (None, _side(5), ""),
])
def test_target_delta_label(old, new, label):
    assert delta_label(TargetChange("x", "m", "m", old, new, "raised")) == label


def test_a_delta_the_comparison_carries_wins():
    tc = TargetChange("grain_output", "m", "m", _side(6500, "亿斤"), _side(1.3, "万亿斤"), "raised")
    object.__setattr__(tc, "delta", {"value": 100.0, "unit": "亿斤"})  # as issue 11's comparison will carry it
    assert target_delta(tc) == (100.0, "亿斤") and delta_label(tc) == "+100亿斤"


# --------------------------------------------------------------------------- the command


def test_cli_writes_a_docx(tmp_path):
    out = tmp_path / "redline.docx"
    r = CliRunner().invoke(main, ["redline", str(EXAMPLES / "national-2023-gov-work-report.txt"),
                                  str(EXAMPLES / "national-2024-gov-work-report.txt"), "--format", "docx",
                                  "-o", str(out)])
    assert r.exit_code == 0, r.output
    new = pipeline.tag(str(EXAMPLES / "national-2024-gov-work-report.txt"))
    assert tracked_text(out.read_bytes(), accept=True) == new.text


def test_cli_pdf_without_chromium_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATE_CHROMIUM", str(tmp_path / "no-such-browser"))
    r = CliRunner().invoke(main, ["redline", str(EXAMPLES / "national-2023-gov-work-report.txt"),
                                  str(EXAMPLES / "national-2024-gov-work-report.txt"), "--format", "pdf",
                                  "-o", str(tmp_path / "out.pdf")])
    assert r.exit_code == 1
    assert "needs headless Chromium" in r.output and "apt-get install chromium" in r.output
    assert "Traceback" not in r.output and not (tmp_path / "out.pdf").exists()


# --------------------------------------------------------------------------- the corpus


def _consecutive_pairs() -> list[tuple[str, str]]:
    """Each issuer's reports in year order, neighbour with neighbour (from SOURCES.tsv)."""
    sources = CORPUS / "SOURCES.tsv"
    if not sources.is_file():
        return []
    by_issuer: dict[str, list[tuple[int, str]]] = {}
    with open(sources, encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            by_issuer.setdefault(row["issuer"], []).append((int(row["year"]), row["file"]))
    pairs = []
    for reports in by_issuer.values():
        reports.sort()
        pairs.extend((a, b) for (_, a), (_, b) in zip(reports, reports[1:]))
    return pairs


@lru_cache(maxsize=4)
def _tagged(name: str):
    return pipeline.tag(str(CORPUS / name))


@pytest.mark.corpus
@pytest.mark.parametrize("pair", _consecutive_pairs() or [("absent", "absent")], ids=lambda p: f"{p[0]}->{p[1]}")
def test_round_trip_on_every_consecutive_corpus_pair(corpus, pair):
    if pair[0] == "absent":
        pytest.skip("../shared/corpus has no SOURCES.tsv")
    _round_trip(_tagged(pair[0]), _tagged(pair[1]))


# --------------------------------------------------------------------------- LibreOffice


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: apt-get install libreoffice-writer)")
def test_libreoffice_opens_it_and_keeps_the_tracked_changes(national, tmp_path):
    """LibreOffice re-saves the document (a repair prompt would fail the headless conversion)
    and what it writes still accepts to the new text and rejects to the old one."""
    c, docx = national
    src = tmp_path / "redline.docx"
    src.write_bytes(docx)
    out = tmp_path / "out"
    done = subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                           "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src)],
                          capture_output=True, timeout=300, check=False)
    saved = out / "redline.docx"
    assert saved.is_file(), done.stderr.decode("utf-8", "replace")
    again = saved.read_bytes()
    assert tracked_text(again, accept=True) == c.new.text
    assert tracked_text(again, accept=False) == c.old.text
    parts = _parts(again)
    assert parts["word/document.xml"].xpath("//w:ins", namespaces=NS)
    assert len(parts["word/comments.xml"]) == sum(1 for tc in c.target_changes if tc.change != "unchanged")


def test_lang_zh_words_the_front_matter_and_comments(national):
    c, _ = national
    parts = _parts(render_docx(c, date=WHEN, lang="zh"))
    doc = parts["word/document.xml"]
    header = [t for t in doc.xpath("//w:tbl[1]//w:tr[1]//w:t/text()", namespaces=NS)]
    assert header == ["指标", "旧目标", "新目标", "变化", "差值"]
    first = "".join(doc.xpath("//w:body/w:p[1]//w:t/text()", namespaces=NS))
    assert first == "修订对照：国务院 2023 → 2024"
    notes = ["".join(cm.itertext()) for cm in parts["word/comments.xml"]]
    assert "城镇新增就业: 限定词改变, 1200万人左右 → 1200万人以上" in notes
