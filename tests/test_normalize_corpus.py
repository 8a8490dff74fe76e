"""normalize on the real corpus: the seed's known repairs, the contract on every report."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from annotate.reading.ingest import load
from annotate.reading.normalize import normalize
from test_normalize import check_contract

HEADING = re.compile(r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+章)")
PARA_END = set("。！？；：”」）")


@pytest.fixture(scope="module")
def seed(seed_path):
    d = load(str(seed_path))
    return d, normalize(d)


def test_seed_contract(seed):
    d, n = seed
    check_contract(d.text, n.text, n.repairs)


def test_seed_page_breaks_rejoined(seed):
    d, n = seed
    pb = [r for r in n.repairs if r.kind == "page_break_join"]
    assert len(pb) == 15
    # each rejoined a blank-line gap mid-sentence
    assert all(set(r.original) == {"\n"} and r.replacement == "" for r in pb)
    text = n.text
    assert "同比增长8%左右；一般公共预算收入达到92亿元" in text
    assert "要紧紧围绕国家绿色发展示范区建设" in text
    assert "开工建设怡乐园二区社区级家园中心和北苑家园中心。" in text


def test_seed_title_and_front_matter(seed):
    _, n = seed
    lines = n.text.split("\n")
    assert lines[0] == "关于北京市通州区2021年国民经济和社会发展计划执行情况与2022年国民经济和社会发展计划草案的报告"
    assert lines[1] == "——2021年12月15日在北京市通州区第七届人民代表大会第一次会议上"
    assert lines[2] == "北京市通州区发展和改革委员会"
    assert lines[3] == "各位代表："
    assert lines[4].startswith("受区人民政府委托，现将2021年国民经济和社会发展计划执行情况与2022年国民经济和社会发展计划草案提请")


def test_seed_no_paragraph_ends_mid_sentence(seed):
    _, n = seed
    lines = n.text.split("\n")
    body = [l for l in lines[3:] if not HEADING.match(l)]
    assert [l[-12:] for l in body if l[-1] not in PARA_END] == []
    headings = [l for l in lines if HEADING.match(l)]
    assert [h[:3] for h in headings] == ["一、2", "（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "二、2", "三、实",
                                         "（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）"]


def test_seed_repair_counts(seed):
    _, n = seed
    c = Counter(r.kind for r in n.repairs)
    assert c["page_break_join"] == 15
    assert c["list_marker"] == 7  # part two's 7 indicators
    assert c["doubled_word"] == 4  # title, heading 一、, and two in the preface
    assert c["line_join"] == 11
    assert "paragraph_split" not in c  # the seed is not flattened
    print("seed repairs:", dict(sorted(c.items())))


def test_seed_list_items_are_lines(seed):
    _, n = seed
    starts = sorted(r.start for r in n.repairs if r.kind == "list_marker")
    items = [n.text[s : n.text.index("\n", s)] for s in starts]
    assert items[0] == "地区生产总值比上年增长6.5%左右；"
    assert items[-1] == "能耗强度、大气污染物和水污染物排放完成市下达任务。"


def _files(corpus):
    return sorted(p for p in corpus.iterdir() if p.suffix in {".txt", ".md"})


def test_every_corpus_report_keeps_the_contract(corpus):
    summary = []
    for p in _files(corpus):
        d = load(str(p))
        n = normalize(d)
        check_contract(d.text, n.text, n.repairs)
        c = Counter(r.kind for r in n.repairs)
        summary.append(f"{p.name}: {n.text.count(chr(10)) + 1} lines {dict(sorted(c.items()))}")
    print("\n".join(summary))
    assert len(summary) >= 40


@pytest.mark.parametrize("year,paragraphs", [(2019, 53), (2020, 167), (2021, 168), (2023, 171), (2024, 228)])
def test_hong_kong_flattened_addresses_split_into_numbered_paragraphs(corpus, year, paragraphs):
    (p,) = corpus.glob(f"hongkong-{year}-*")
    n = normalize(load(str(p)))
    lines = n.text.split("\n")
    nums = [int(m.group(1)) for l in lines if (m := re.match(r"(\d+)\.(?!\d)", l))]
    assert nums == list(range(1, paragraphs + 1))  # every paragraph number starts a line, in order
    chapters = [l for l in lines if re.match(r"[(（][一二三四五六七八九十]+[)）]", l)]
    assert chapters[0].startswith("(一)")
    assert len(lines) > paragraphs


def test_hong_kong_2022_annex_restarts_numbering(corpus):
    (p,) = corpus.glob("hongkong-2022-*")
    n = normalize(load(str(p)))
    nums = [int(m.group(1)) for l in n.text.split("\n") if (m := re.match(r"(\d+)\.(?!\d)", l))]
    assert nums == list(range(1, 151)) + list(range(1, 111))


@pytest.mark.parametrize("year", [2020, 2021, 2022, 2023, 2024])
def test_shanghai_flattened_reports_split(corpus, year):
    (p,) = corpus.glob(f"shanghai-{year}-*")
    n = normalize(load(str(p)))
    lines = n.text.split("\n")
    assert len(lines) >= 80
    assert "各位代表：" in lines
    parts = [l for l in lines if re.match(r"[一二三四五]、", l)]
    assert len(parts) >= 3 and all(len(l) < 60 for l in parts[:2])


def test_wikisource_link_lines_rejoined(corpus):
    (p,) = corpus.glob("national-2017-*")
    n = normalize(load(str(p)))
    lines = n.text.split("\n")
    assert lines[:4] == ["政府工作报告", "——2017年3月5日在第十二届全国人民代表大会第五次会议上", "国务院总理李克强", "各位代表："]
    assert "——改革开放深入推进。" in n.text
    assert "广义货币M2增长11.3%" in n.text
    assert "国内生产总值达到74.4万亿元" in n.text


def test_tmx_fragments_joined(corpus):
    (p,) = corpus.glob("national-2020-*")
    n = normalize(load(str(p)))
    lines = n.text.split("\n")
    assert [l for l in lines if l[-1] in "，、"] == []
    assert "广大医务人员英勇奋战，人民解放军指战员勇挑重担，科技工作者协同攻关，" in n.text
