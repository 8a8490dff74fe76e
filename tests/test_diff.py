"""Leaf diff, classification, target labels, properties (hypothesis), renderers and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotate.cli import main
from annotate.comparing.compare import apply_ops, compare, target_change
from annotate.comparing.diff import Encoder, classify, leaf_diff
from annotate.model import Block, Meta, Report, SourceInfo, Target
from annotate.render.comparison_json import comparison_to_json
from annotate.render.text import render_text
from annotate.reading.tokenize import tokenize
from annotate.xml.comparison import write_comparison_xml

GOLDEN = Path(__file__).resolve().parent / "golden"


# --------------------------------------------------------------------------- tokens


def keys(text: str) -> list[str]:
    return [t.key for t in tokenize(text) if t.kind != "space"]


def test_numbers_with_units_and_ranges_are_one_token():
    assert keys("增长6.5%左右") == ["增长", "6.5%", "左右"]
    assert keys("城镇新增就业1200万人以上") == ["城镇", "新增", "就业", "1200万人", "以上"]
    assert keys("国内生产总值增长6%-6.5%") == ["国内", "生产总值", "增长", "6%-6.5%"]
    assert keys("粮食产量1.3万亿斤") == ["粮食产量", "1.3万亿斤"]
    assert keys("提高1.2个百分点") == ["提高", "1.2个百分点"]


def test_width_is_folded_in_keys_but_text_is_kept():
    toks = [t for t in tokenize("增长８％，２０２３年") if t.kind == "num"]
    assert [(t.text, t.key) for t in toks] == [("８％", "8%"), ("２０２３年", "2023年")]


def test_latin_names_with_digits_are_not_numbers():
    assert "PM2.5" in keys("PM2.5浓度下降")
    assert not any(t.kind == "num" for t in tokenize("5G基站"))


@given(st.text(alphabet="我们要确保增长6.5%左右，万人亿元1200。\n ABC-", max_size=80))
def test_tokens_cover_the_text_exactly(text):
    toks = tokenize(text)
    assert "".join(t.text for t in toks) == text
    assert all(a.end == b.start for a, b in zip(toks, toks[1:]))


# --------------------------------------------------------------------------- leaf diff


def rebuild(old_text: str, new_text: str, ops) -> str:
    old, new = tokenize(old_text), tokenize(new_text)
    out = []
    for op in ops:
        src = old[op.i1 : op.i2] if op.kind == "equal" else new[op.j1 : op.j2]
        out.append("".join(t.text for t in src))
    return "".join(out)


def test_placeholders_live_in_supplementary_private_use_planes():
    enc = Encoder()
    s = enc.encode(tokenize("各位代表：\ue000私用区字符和6.5%"))
    assert all(0xF0000 <= ord(c) <= 0x10FFFD for c in s)


def test_a_changed_number_is_one_replace_of_the_whole_atom():
    old, new = "国内生产总值增长5.2%，城镇新增就业1244万人。", "国内生产总值增长5.7%，城镇新增就业1244万人。"
    d = leaf_diff(tokenize(old), tokenize(new), Encoder())
    changed = [op for op in d.ops if op.kind != "equal"]
    assert len(changed) == 1
    o, n = tokenize(old), tokenize(new)
    assert "".join(t.text for t in o[changed[0].i1 : changed[0].i2]) == "5.2%"
    assert "".join(t.text for t in n[changed[0].j1 : changed[0].j2]) == "5.7%"
    assert classify(o, n, changed[0]) == "number_changed"


def test_timeout_is_detected_and_the_leaf_is_still_right():
    old = "我们要确保粮食产量保持在1.3万亿斤以上，加快建设农业强国，推进乡村全面振兴。" * 3
    new = "我们要力争粮食产量稳定在1.4万亿斤左右，加快建设农业强国，扎实推进乡村振兴。" * 3
    d = leaf_diff(tokenize(old), tokenize(new), Encoder(), timeout=1e-9)
    assert d.timed_out
    assert rebuild(old, new, d.ops) == new


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["确保", "力争", "增长", "6.5%", "左右", "1200万人", "，", "。", "稳定", "就业", "\n", "以上"]),
                max_size=30),
       st.lists(st.sampled_from(["确保", "力争", "增长", "5%", "左右", "1200万人", "，", "。", "巩固", "就业", "\n", "以上"]),
                max_size=30))
def test_applying_leaf_operations_to_old_yields_new(a, b):
    old, new = "".join(a), "".join(b)
    d = leaf_diff(tokenize(old), tokenize(new), Encoder())
    assert rebuild(old, new, d.ops) == new
    # ops tile both sequences in order
    assert [op.i1 for op in d.ops[1:]] == [op.i2 for op in d.ops[:-1]]
    assert [op.j1 for op in d.ops[1:]] == [op.j2 for op in d.ops[:-1]]


# --------------------------------------------------------------------------- classification


def kinds(old: str, new: str, **kw) -> list[str]:
    o, n = tokenize(old), tokenize(new)
    d = leaf_diff(o, n, Encoder())
    return [k for k in (classify(o, n, op, **kw) for op in d.ops) if k]


def test_classification_by_most_specific_kind():
    assert kinds("城镇新增就业1200万人左右。", "城镇新增就业1200万人以上。") == ["number_changed"]
    assert kinds("确保粮食安全。", "力争粮食安全。") == ["modality_changed"]
    assert kinds("推进乡村振兴。", "推动乡村振兴。") == ["replaced"]  # same strength: wording
    assert kinds("持续推进改革。", "推进改革。") == ["deleted"]  # an advance verb dropped is wording
    assert kinds("确保完成任务。", "完成任务。") == ["modality_changed"]
    assert kinds("推进改革。", "推进\n改革。") == []  # layout only
    assert kinds("推进改革，扩大开放。", "推进改革；扩大开放。") == ["replaced"]
    assert kinds("推进改革，扩大开放。", "推进改革；扩大开放。", ignore_punctuation=True) == []


def test_number_and_verb_changed_in_one_clause_are_two_changes():
    assert sorted(kinds("确保增长6.5%左右。", "力争增长7%左右。")) == ["modality_changed", "number_changed"]


# --------------------------------------------------------------------------- targets


def tgt(value=None, unit="%", qualifier="exact", low=None, high=None, text="国内生产总值增长", indicator="gdp_growth"):
    return Target("t1", "p1", 0, len(text), text, indicator=indicator, metric=text, value=value, low=low, high=high,
                  unit=unit, qualifier=qualifier)


def test_target_labels():
    assert target_change(tgt(6.5, qualifier="about"), tgt(low=6, high=6.5, qualifier="range")) == "lowered"
    assert target_change(tgt(low=6, high=6.5, qualifier="range"), tgt(6.5, qualifier="about")) == "raised"
    assert target_change(tgt(1200, "万人", "about"), tgt(1200, "万人", "at_least")) == "qualifier_changed"
    assert target_change(tgt(5, qualifier="about"), tgt(5, qualifier="about")) == "unchanged"
    # DESIGN.md: words → a number is ``quantified``, a number → words ``unquantified`` (issue 11)
    assert target_change(tgt(None, None, None, text="能耗继续下降"), tgt(2.5, qualifier="about")) == "quantified"
    assert target_change(tgt(4.5), tgt(None, None, None, text="实现正增长")) == "unquantified"
    # 保持 says nothing the target did not say (lexicon/target_wording.tsv); 基本 does
    assert target_change(tgt(None, None, None, text="国际收支基本平衡"), tgt(None, None, None, text="国际收支保持基本平衡")) == "unchanged"
    assert target_change(tgt(None, None, None, text="国际收支基本平衡"), tgt(None, None, None, text="国际收支平衡")) == "reworded"
    assert target_change(tgt(None, None, None, text="国际收支基本平衡"), tgt(None, None, None, text="國際收支基本平衡。")) == "unchanged"
    assert target_change(None, tgt(5)) == "added"
    assert target_change(tgt(5), None) == "removed"


def test_target_units_are_converted():
    # 1.3万亿斤 = 6.5亿吨 of grain
    assert target_change(tgt(1.3, "万亿斤", "at_least"), tgt(6.5, "亿吨", "at_least")) == "unchanged"
    assert target_change(tgt(1.3, "万亿斤", "at_least"), tgt(6.6, "亿吨", "at_least")) == "raised"
    assert target_change(tgt(12, "万亩"), tgt(8000, "公顷")) == "unchanged"  # 12万亩 = 8000公顷
    assert target_change(tgt(12, "万亩"), tgt(9000, "公顷")) == "raised"
    assert target_change(tgt(3, "%"), tgt(3, "个百分点")) == "reworded"  # incomparable units


# --------------------------------------------------------------------------- whole reports


def make_report(paragraphs: list[str], name: str = "r.txt", script: str = "simplified") -> Report:
    text = "\n".join(paragraphs)
    blocks, pos = [], 0
    for i, p in enumerate(paragraphs):
        blocks.append(Block(f"p{i + 1}", "p", None, pos, pos + len(p)))
        pos += len(p) + 1
    return Report(meta=Meta(script=script, source=SourceInfo(name, "", "utf-8")), text=text, blocks=tuple(blocks))


SENTENCES = [
    "我们要确保粮食产量保持在1.3万亿斤以上。", "城镇新增就业1200万人左右。", "加快建设现代化产业体系。",
    "力争实现京唐城际铁路建成通车，加快地铁22号线建设。", "持续推进长江经济带高质量发展。", "推动高水平对外开放！",
    "居民消费价格涨幅3%左右；", "国内生产总值增长5%左右。", "坚持稳中求进工作总基调。", "深化重点领域改革。",
]
paras = st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map("".join), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paras, paras)
def test_applying_report_operations_to_old_yields_new(a, b):
    old, new = make_report(a, "a.txt"), make_report(b, "b.txt")
    c = compare(old, new)
    assert apply_ops(c) == new.text
    for ch in c.changes:
        assert old.text[ch.old_start : ch.old_end] == ch.old_text
        assert new.text[ch.new_start : ch.new_end] == ch.new_text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paras, paras)
def test_mirror_property(a, b):
    old, new = make_report(a), make_report(b)
    flip = {"inserted": "deleted", "deleted": "inserted"}
    ab = sorted((flip.get(ch.kind, ch.kind), ch.new_text, ch.old_text) for ch in compare(old, new).changes)
    ba = sorted((ch.kind, ch.old_text, ch.new_text) for ch in compare(new, old).changes)
    assert ab == ba


@settings(max_examples=30, deadline=None)
@given(paras)
def test_self_diff_is_empty(a):
    r = make_report(a)
    c = compare(r, r)
    assert c.changes == ()
    assert all(op.kind == "equal" for p in c.pairs for op in p.ops)


@pytest.mark.corpus
def test_corpus_reports_compared_with_themselves_have_no_changes(corpus):
    from annotate import pipeline

    for name in ("national-2024-gov-work-report.txt", "hongkong-2025-policy-address-trad.txt",
                 "shanghai-2020-gov-work-report.txt", "tongzhou-2021-plan-report.md"):
        r = pipeline.read_report(name, (corpus / name).read_bytes())
        c = compare(r, r)
        assert c.changes == (), name
        assert c.stats_dict()["similarity"] == 1.0
        assert apply_ops(c) == r.text


def test_moved_paragraph_is_one_move():
    a = ["坚持稳中求进工作总基调。深化重点领域改革。", "加快建设现代化产业体系。推动高水平对外开放！",
         "持续推进长江经济带高质量发展。城镇新增就业1200万人左右。", "我们要确保粮食产量保持在1.3万亿斤以上。"]
    b = [a[0], a[2], a[3], a[1]]
    c = compare(make_report(a), make_report(b))
    assert [(ch.kind, ch.old_text) for ch in c.changes] == [("moved", a[1])]
    assert c.changes[0].move_id is not None


# --------------------------------------------------------------------------- outputs


@pytest.fixture(scope="module")
def comparison():
    a = ["今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人左右。", "确保粮食安全。坚持稳中求进。",
         "控制字符\x01不能进XML<&>"]
    b = ["今年发展主要预期目标是：国内生产总值增长5.5%左右；城镇新增就业1200万人以上。", "力争粮食安全。坚持稳中求进。",
         "新增一段话，推动高水平对外开放！"]
    return compare(make_report(a, "old.txt"), make_report(b, "new.txt"))


def test_json_shape(comparison):
    d = comparison_to_json(comparison)
    assert {"old", "new", "stats", "target_changes", "changes"} <= set(d)
    assert d["old"] == {"file": "old.txt", "title": None, "year": None}
    ch = d["changes"][0]
    assert {"kind", "old_text", "new_text", "old_block", "new_block", "old_start", "old_end", "new_start", "new_end"} <= set(ch)
    got = {(c["kind"], c["old_text"], c["new_text"]) for c in d["changes"]}
    assert ("number_changed", "5%左右", "5.5%左右") in got
    assert ("modality_changed", "确保", "力争") in got
    assert d["stats"]["number_changed"] == 2 and d["stats"]["modality_changed"] == 1
    json.dumps(d, ensure_ascii=False)


def test_xml_validates_against_comparison_schema(comparison):
    from annotate.xml.validate import validate_bytes

    data = write_comparison_xml(comparison)
    root = validate_bytes(data, "cmp.xml")
    assert root.tag == "comparison"
    assert root.find("changes/change[@kind='modality_changed']/old").text == "确保"
    assert root.find("alignment/pair/op[@change='number_changed']/new").text == "5.5%"


def test_text_summary_lists_targets_then_edits(comparison):
    out = render_text(comparison)
    assert out.index("Target changes") < out.index("Numbers changed") < out.index("Modal word changed")
    assert "5%左右 → 5.5%左右" in out


def test_cli_diff_formats(tmp_path):
    old, new = str(GOLDEN / "modality.old.txt"), str(GOLDEN / "modality.new.txt")
    runner = CliRunner()
    r = runner.invoke(main, ["diff", old, new, "--format", "json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)  # stderr carries identity warnings (these snippets name no issuer)
    assert sorted(c["kind"] for c in d["changes"]) == ["deleted", "modality_changed", "modality_changed"]
    out = tmp_path / "cmp.xml"
    r = runner.invoke(main, ["diff", old, new, "--format", "xml", "-o", str(out)])
    assert r.exit_code == 0 and out.read_bytes().startswith(b"<?xml")
    r = runner.invoke(main, ["validate", str(out)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["diff", old, new, "--format", "text", "--granularity", "char"])
    assert r.exit_code == 0 and "Modal word changed (2)" in r.output


def test_cli_diff_bad_input_is_one_line(tmp_path):
    r = CliRunner().invoke(main, ["diff", str(tmp_path / "nope.txt"), str(GOLDEN / "modality.new.txt")])
    assert r.exit_code == 1
    assert "nope.txt" in r.output and "Traceback" not in r.output


def test_ops_carry_their_change_kind_for_renderers(comparison):
    kinds = {(op.change, op.old_text, op.new_text) for p in comparison.pairs for op in p.ops if op.kind != "equal"}
    assert ("number_changed", "5%", "5.5%") in kinds
    assert ("modality_changed", "确保", "力争") in kinds
    assert all(op.change is None for p in comparison.pairs for op in p.ops if op.kind == "equal")


def test_placeholder_table_overflow_starts_a_fresh_table(monkeypatch):
    import annotate.comparing.diff as d

    monkeypatch.setattr(d, "_PLANES", ((0xF0000, 0xF0010),))  # room for 17 distinct tokens only
    a = ["第一段。" + "".join(f"词{i}号" for i in range(12)) + "。", "第二段。" + "".join(f"字{i}项" for i in range(12)) + "。"]
    b = [a[0].replace("词3号", "词9号"), a[1].replace("字4项", "字8项")]
    c = compare(make_report(a), make_report(b))
    assert apply_ops(c) == "\n".join(b)


def test_annotated_quantities_and_dates_are_atoms():
    from annotate.reading.tokenize import merge_atoms

    text = "用两年时间，约20%左右，2024年3月5日召开"
    spans = [(1, 3), (6, 12), (13, 22)]  # 两年 / 约20%左右 / 2024年3月5日
    toks = merge_atoms(tokenize(text), spans)
    assert "".join(t.text for t in toks) == text
    atoms = [(t.text, t.kind) for t in toks if t.kind == "num"]
    assert atoms == [("两年", "num"), ("20%", "num"), ("2024年3月5日", "num")]
    assert [t.text for t in toks if t.text in ("约", "左右")] == ["约", "左右"]  # qualifiers stay tokens


def test_a_chinese_numeral_quantity_change_is_a_number_change():
    from annotate.reading.tokenize import merge_atoms

    old, new = "用两年时间完成。", "用三年时间完成。"
    o, n = merge_atoms(tokenize(old), [(1, 3)]), merge_atoms(tokenize(new), [(1, 3)])
    d = leaf_diff(o, n, Encoder())
    assert [classify(o, n, op) for op in d.ops if op.kind != "equal"] == ["number_changed"]


def test_renumbered_paragraphs_are_not_changes():
    def numbered(paragraphs, nums):
        r = make_report(paragraphs)
        blocks = tuple(
            Block(b.id, b.kind, b.parent, b.start, b.end, num=n, num_start=b.start, num_end=b.start + len(n))
            for b, n in zip(r.blocks, nums))
        return Report(meta=r.meta, text=r.text, blocks=blocks)

    old = numbered(["5.坚持稳中求进工作总基调。", "6.深化重点领域改革。"], ["5.", "6."])
    new = numbered(["3.坚持稳中求进工作总基调。", "4.深化重点领域改革，扩大开放。"], ["3.", "4."])
    c = compare(old, new)
    assert [(ch.kind, ch.old_text, ch.new_text) for ch in c.changes] == [("inserted", "", "，扩大开放")]
    assert apply_ops(c) == new.text


def test_a_label_recognised_on_one_side_only_is_no_change():
    r = make_report(["（四）坚持稳中求进工作总基调。", "深化重点领域改革。"])
    b = r.blocks[0]
    labelled = Report(meta=r.meta, text=r.text,
                      blocks=(Block(b.id, b.kind, b.parent, b.start, b.end, num="（四）", num_start=0, num_end=3),
                              r.blocks[1]))
    assert compare(labelled, r).changes == ()
    assert compare(r, labelled).changes == ()


# --------------------------------------------------------------------------- numbers inside rewordings


def changes_of(old: str, new: str) -> list[tuple[str, str, str]]:
    c = compare(make_report([old]), make_report([new]))
    return [(ch.kind, ch.old_text, ch.new_text) for ch in c.changes]


def test_a_number_whose_punctuation_changed_is_a_number_change():
    """national 2024 → 2025: 赤字规模4.06万亿元， → 5.66万亿元、 was reported as reworded."""
    got = changes_of("赤字率拟按3%安排，赤字规模4.06万亿元，比上年年初预算增加1800亿元。",
                     "赤字率拟按3%安排，赤字规模5.66万亿元、比上年年初预算增加1800亿元。")
    assert got == [("number_changed", "4.06万亿元", "5.66万亿元"), ("replaced", "，", "、")]


def test_a_number_change_is_the_quantity_alone_in_the_redline_too():
    """QA: the redline boxed ``4.06万亿元，`` → ``5.66万亿元、``.  The op the redline marks as a number
    change holds the quantity only; the comma → 、 beside it is a punctuation edit of its own,
    which ``ignore_punctuation`` drops."""
    old = make_report(["赤字率拟按3%安排，赤字规模4.06万亿元，比上年年初预算增加1800亿元。"])
    new = make_report(["赤字率拟按3%安排，赤字规模5.66万亿元、比上年年初预算增加1800亿元。"])
    for quiet in (False, True):
        c = compare(old, new, ignore_punctuation=quiet)
        boxes = [(op.change, op.old_text, op.new_text) for p in c.pairs for op in p.ops if op.change]
        assert boxes == [("number_changed", "4.06万亿元", "5.66万亿元")] + ([] if quiet else [("replaced", "，", "、")])
        assert apply_ops(c) == new.text
    # punctuation on one side only, and a number that ends a sentence
    assert changes_of("城镇调查失业率平均为5.2%。居民收入增长。", "城镇调查失业率平均为5.1%，居民收入增长。") == [
        ("number_changed", "5.2%", "5.1%"), ("replaced", "。", "，")]


def test_an_average_is_not_the_years_figure():
    """QA: national 2017 → 2018 paired 增长6.7% (one year) with 年均增长7.1% (five years) as a number
    change.  When only one side's metric is an average or a running total (年均, 平均, 累计) the edit
    is a rewording; the same aggregate on both sides is still a number change."""
    assert changes_of("国内生产总值达到74.4万亿元，增长6.7%，居民收入增加。",
                      "国内生产总值达到82.7万亿元，年均增长7.1%，居民收入增加。") == [
        ("number_changed", "74.4万亿元", "82.7万亿元"), ("replaced", "增长6.7%", "年均增长7.1%")]
    assert changes_of("居民人均可支配收入年均增长5.1%，城乡差距缩小。", "居民人均可支配收入增长6.1%，城乡差距缩小。") == [
        ("replaced", "年均增长5.1%", "增长6.1%")]
    assert changes_of("城镇调查失业率降到5.5%，居民消费价格上涨2%。", "城镇调查失业率平均为5.2%，居民消费价格上涨2%。") == [
        ("replaced", "降到5.5%", "平均为5.2%")]
    assert changes_of("研发投入累计增长10%，成果丰硕。", "研发投入年均增长8%，成果丰硕。") == [
        ("replaced", "累计增长10%", "年均增长8%")]  # a running total is not an average either
    # the same aggregate on both sides: the value changed
    assert changes_of("城镇调查失业率平均为5.2%，居民收入增长。", "城镇调查失业率平均为5.1%，居民收入增长。") == [
        ("number_changed", "5.2%", "5.1%")]
    assert changes_of("居民收入年均增长5.1%，城乡差距缩小。", "居民收入年均增长6%，城乡差距缩小。") == [
        ("number_changed", "5.1%", "6%")]
    # an 平均 after the number belongs to the next clause
    assert changes_of("新登记企业增长21.6%，平均每天新增1.2万户。", "新登记企业增长24.5%，平均每天新增1.2万户。") == [
        ("number_changed", "21.6%", "24.5%")]


def test_a_number_right_after_the_same_words_is_named_inside_a_rewording():
    """城镇调查失业率[降到5.5%，] → [控制在5.2%。] was one replaced: the verb changed and so did the
    value.  (national 2023 → 2024 wrote 平均为5.2%, an average: see test_an_average_is_not_the_years_figure.)"""
    got = changes_of("城镇新增就业1206万人，城镇调查失业率降到5.5%，居民消费价格上涨2%。",
                     "城镇新增就业1206万人，城镇调查失业率控制在5.2%。居民消费价格上涨2%。")
    assert ("number_changed", "5.5%", "5.2%") in got
    assert ("replaced", "降到", "控制在") in got
    assert all(k != "replaced" or "5." not in o + n for k, o, n in got)
    assert changes_of("城镇新增就业1206万人，城镇调查失业率降到5.5%，居民消费价格上涨2%。",
                      "城镇新增就业1206万人，城镇调查失业率平均为5.2%。居民消费价格上涨2%。") == [
        ("replaced", "降到5.5%，", "平均为5.2%。")]


def test_numbers_deep_in_rewritten_clauses_are_not_paired():
    """中央预算内投资5776亿元 and 地方政府专项债券3.75万亿元 measure different things."""
    got = changes_of("今年中央预算内投资安排5776亿元，比去年增加400亿元。",
                     "今年拟安排地方政府专项债券3.75万亿元，比去年增加400亿元。")
    assert not any(k == "number_changed" for k, _, _ in got)
    # nor are numbers in different units cut out of a rewording (a share and a count)
    got = changes_of("城镇化率提高到66%，粮食丰收。", "城镇化率达到67万人。粮食丰收。")
    assert not any(k == "number_changed" for k, _, _ in got)


def test_a_line_break_is_never_inside_a_number_atom():
    """guangdong 2026: ``附件2`` / ``名词解释`` on two lines were read as one atom ``2名``, equal to
    the old one-line ``附件2名词解释``, and the rebuilt text lost the line break."""
    assert [t.text for t in tokenize("附件2\n名词解释") if t.kind == "num"] == ["2"]
    assert [t.text for t in tokenize("2021 年") if t.kind == "num"] == ["2021 年"]  # a space still may
    c = compare(make_report(["附件2名词解释。"]), make_report(["附件2", "名词解释。"]))
    assert apply_ops(c) == "附件2\n名词解释。"


def test_renumbered_note_references_are_not_number_changes():
    """hainan 2025 → 2026: 四大主导产业［7］ → ［2］ (note numbers) were reported as number changes."""
    assert [t.kind for t in tokenize("产业［2］占比[13]") if t.text in ("［2］", "[13]")] == ["label", "label"]
    got = changes_of("四大主导产业［7］占比重达到67%。", "四大主导产业［2］占比重达到67%。")
    assert got == []


def test_another_thing_counted_is_not_paired_with_the_number():
    """Two words naming another thing before the number (高新技术企业 → 智能工厂) are no verb change."""
    got = changes_of("今年入选名单的高新技术企业113家，均居全国第一。", "今年入选名单的智能工厂2家，均居全国第一。")
    assert not any(k == "number_changed" for k, _, _ in got)


def test_a_renumbered_paragraph_label_stays_out_of_the_rewording():
    """Hong Kong 2024 → 2025: ``14.我们将`` → ``11.我們會`` read as a rewording of the label too."""
    def labelled(text: str, label: str) -> Report:
        r = make_report([text, "深化重点领域改革。"])
        b = r.blocks[0]
        return Report(meta=r.meta, text=r.text,
                      blocks=(Block(b.id, b.kind, b.parent, b.start, b.end, num=label, num_start=0,
                                    num_end=len(label)), r.blocks[1]))
    c = compare(labelled("14.我们将继续全面准确贯彻方针。", "14."), labelled("11.我们会继续全面准确贯彻方针。", "11."))
    assert [(ch.kind, ch.old_text, ch.new_text) for ch in c.changes] == [("replaced", "我们将", "我们会")]


def test_ignore_punctuation_drops_punctuation_edits_and_keeps_the_rest():
    """--ignore-punctuation used to diff whole paragraphs, which hid changed numbers inside long
    replaced runs (shanghai 2024 → 2025: 47 number changes became 36, and more changes in all)."""
    o = make_report(["今年要推进改革，扩大开放，城镇新增就业1100万人以上，居民消费价格涨幅3%左右。", "深化重点领域改革。"])
    n = make_report(["今年要推进改革。扩大开放，城镇新增就业1200万人以上；居民消费价格涨幅3%左右。", "深化重点领域改革。"])
    plain = [(ch.kind, ch.old_text, ch.new_text) for ch in compare(o, n).changes]
    quiet = [(ch.kind, ch.old_text, ch.new_text) for ch in compare(o, n, ignore_punctuation=True).changes]
    assert ("replaced", "，", "。") in plain
    assert quiet == [("number_changed", "1100万人以上", "1200万人以上")]


def test_a_moved_sentence_end_is_a_punctuation_edit():
    """坚持稳中求进。完整准确… → 坚持稳中求进，完整、准确…； crosses sentence boundaries; the two
    pairs are one edit of punctuation, not a deletion plus an insertion."""
    o = make_report(["我们要坚持稳中求进。完整准确全面贯彻新发展理念，加快构建新发展格局！", "深化重点领域改革。"])
    n = make_report(["我们要坚持稳中求进，完整、准确、全面贯彻新发展理念；加快构建新发展格局。", "深化重点领域改革。"])
    c = compare(o, n)
    assert [(p.old_segments, p.new_segments) for p in c.pairs if p.relation == "match"][0] == ((0, 2), (0, 2))
    assert {ch.kind for ch in c.changes} == {"replaced"}  # no sentence lost and found again
    assert compare(o, n, ignore_punctuation=True).changes == ()


def test_ignore_punctuation_never_reports_more_on_a_real_pair(corpus):
    from annotate import pipeline

    old = pipeline.tag(str(corpus / "shanghai-2024-gov-work-report.txt"))
    new = pipeline.tag(str(corpus / "shanghai-2025-gov-work-report.txt"))
    plain, quiet = compare(old, new).stats_dict(), compare(old, new, ignore_punctuation=True).stats_dict()
    assert quiet["changes"] <= plain["changes"]
    assert quiet["number_changed"] == plain["number_changed"]


def test_numbers_of_other_measures_are_not_paired():
    """shanghai 2025 → 2026 swapped the order of 货邮 and 旅客: 420.6万吨 → 1.35亿人次 is no number change."""
    got = changes_of("航空货邮和旅客吞吐量分别达到420.6万吨、1.25亿人次，排名升至世界第二。",
                     "航空货邮和旅客吞吐量分别达到1.35亿人次、453.8万吨，排名升至世界第二。")
    assert got and not any(k == "number_changed" for k, _, _ in got)
    # counting words are interchangeable: the same elevators counted with another classifier
    assert changes_of("老楼加装电梯876部，养老助餐。", "老楼加装电梯869台，养老助餐。") == [
        ("number_changed", "876部", "869台")]


def test_a_range_written_with_another_dash_is_no_change():
    """zhejiang 2025 → 2026: 0-6岁 → 0—6岁 was reported as a number change."""
    assert changes_of("为全省0-6岁儿童免费开展筛查。", "为全省0—6岁儿童免费开展筛查。") == []
    assert changes_of("增长6%-6.5%。", "增长6%～7%。") == [("number_changed", "6%-6.5%", "6%～7%")]


def test_cli_output_that_is_a_folder_is_one_line(tmp_path):
    """``-o`` naming an existing folder ended in 'internal error (IsADirectoryError …)'."""
    old = tmp_path / "old.txt"
    old.write_text((GOLDEN / "punctuation-ignored.old.txt").read_text(encoding="utf-8") * 3, encoding="utf-8")
    r = CliRunner().invoke(main, ["diff", str(old), str(old), "-o", str(tmp_path)])
    assert r.exit_code == 1
    assert "is a folder" in r.output and "internal error" not in r.output


def test_diff_of_tagged_xml_reuses_its_annotations(tmp_path, monkeypatch):
    """An annotated XML input is read back, never annotated again, and compares as its source."""
    runner = CliRunner()
    xmls = []
    for side in ("old", "new"):
        xml = tmp_path / f"{side}.xml"
        res = runner.invoke(main, ["tag", str(GOLDEN / f"number-and-qualifier.{side}.txt"), "-o", str(xml)])
        assert res.exit_code == 0, res.output
        xmls.append(str(xml))
    from_text = runner.invoke(main, ["diff", str(GOLDEN / "number-and-qualifier.old.txt"),
                                     str(GOLDEN / "number-and-qualifier.new.txt"), "--format", "json"])

    def no_annotating(report):
        raise AssertionError("an annotated XML input was annotated again")

    monkeypatch.setattr("annotate.annotators.run_all", no_annotating)
    from_xml = runner.invoke(main, ["diff", *xmls, "--format", "json"])
    assert from_xml.exit_code == 0, from_xml.output
    a, b = json.loads(from_text.stdout), json.loads(from_xml.stdout)
    assert b["changes"] == a["changes"] and b["changes"]
    assert b["target_changes"] == a["target_changes"]


def test_output_to_a_device_writes_into_it():
    """``-o /dev/null`` writes into the device; the atomic rename must not replace the device
    with a regular file (as root it did)."""
    import os
    import stat

    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null here")
    res = CliRunner().invoke(main, ["diff", str(GOLDEN / "modality.old.txt"), str(GOLDEN / "modality.new.txt"),
                                    "-o", "/dev/null"])
    assert res.exit_code == 0, res.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
