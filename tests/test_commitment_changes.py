"""Commitment strength across years (annotate.comparing.commitment_changes): the same object, another strength."""

from __future__ import annotations

from annotate.annotators.commitments import annotate_commitments
from annotate.comparing.commitment_changes import commitment_changes
from annotate.comparing.compare import compare
from annotate.model import Block, Entity, Meta, Report, SourceInfo
from annotate.render.comparison_json import comparison_to_json


def report(text: str, entities=()) -> Report:
    paragraphs = text.split("\n")
    blocks, pos = [], 0
    for i, p in enumerate(paragraphs):
        blocks.append(Block(f"p{i + 1}", "p", None, pos, pos + len(p)))
        pos += len(p) + 1
    r = Report(meta=Meta(script="simplified", source=SourceInfo("r.txt", "", "utf-8")), text=text,
               blocks=tuple(blocks), entities=tuple(entities))
    return annotate_commitments(r)


def test_research_then_advance_then_guarantee_is_strengthened_each_year():
    y1 = report("研究建立碳足迹管理体系。")
    y2 = report("加快建立碳足迹管理体系。")
    y3 = report("确保建立碳足迹管理体系。")
    (a,) = commitment_changes(y1, y2)
    assert (a.object, a.old.verb, a.new.verb, a.change) == ("建立碳足迹管理体系", "研究", "加快", "strengthened")
    (b,) = commitment_changes(y2, y3)
    assert (b.old.strength, b.new.strength, b.change) == ("advance", "guarantee", "strengthened")
    (c,) = commitment_changes(y3, y1)
    assert c.change == "weakened"  # and the mirror image weakens


def test_equal_strength_or_a_promise_of_one_year_only_is_no_change():
    assert commitment_changes(report("加快城市更新。"), report("推进城市更新。")) == ()  # both advance
    assert commitment_changes(report("确保城市更新。"), report("研究低空经济。")) == ()
    r = report("研究建立碳足迹管理体系。确保粮食安全。")
    assert commitment_changes(r, r) == ()


def test_a_project_tagged_in_the_object_pairs_differently_worded_promises():
    old_text = "推动罗泾港区改造工程前期工作。"
    new_text = "开工建设罗泾港区改造工程。"
    def ent(text):
        i = text.index("罗泾港区改造工程")
        return Entity("e1", "p1", i, i + 8, "罗泾港区改造工程", "project")
    (c,) = commitment_changes(report(old_text, [ent(old_text)]), report(new_text, [ent(new_text)]))
    assert (c.old.verb, c.new.verb, c.change) == ("推动", "开工", "weakened")
    # a place inside two objects does not make them one object
    place = lambda t: [Entity("e1", "p1", t.index("京津冀"), t.index("京津冀") + 3, "京津冀", "place")]
    a, b = "加快京津冀协同发展。", "支持京津冀企业上市。"
    assert commitment_changes(report(a, place(a)), report(b, place(b))) == ()


def test_diff_json_reports_commitment_changes():
    old = report("研究建立碳足迹管理体系。\n城镇新增就业1200万人左右。")
    new = report("城镇新增就业1200万人左右。\n确保建立碳足迹管理体系。")
    assert len(new.commitments) == 1  # 城镇新增就业…: a target's metric, not a promise of action
    d = comparison_to_json(compare(old, new))
    assert d["commitment_changes"] == [{
        "object": "建立碳足迹管理体系", "change": "strengthened",
        "old": {"id": "c1", "verb": "研究", "strength": "explore", "deadline": None, "text": "研究建立碳足迹管理体系",
                "block": "p1", "sentence": None, "start": 0, "end": 11},
        "new": {"id": "c1", "verb": "确保", "strength": "guarantee", "deadline": None, "text": "确保建立碳足迹管理体系",
                "block": "p2", "sentence": None, "start": 16, "end": 27},
    }]
    assert [c.kind for c in compare(old, old).changes] == [] and compare(old, old).commitment_changes == ()


def test_every_diff_output_carries_commitment_changes_with_their_places():
    from annotate.render.text import render_text
    from annotate.xml.comparison import write_comparison_xml
    from annotate.xml.validate import validate_bytes

    old = report("城镇新增就业1200万人左右。\n研究建立碳足迹管理体系。")
    new = report("确保建立碳足迹管理体系。")
    c = compare(old, new)
    (k,) = c.commitment_changes
    # a renderer marks both places from the comparison alone
    assert old.text[k.old.start:k.old.end] == "研究建立碳足迹管理体系" and k.old.block == "p2"
    assert new.text[k.new.start:k.new.end] == "确保建立碳足迹管理体系" and k.new.block == "p1"
    root = validate_bytes(write_comparison_xml(c), "cmp.xml")
    (el,) = root.findall("commitment-changes/commitment-change")
    assert (el.get("object"), el.get("change")) == ("建立碳足迹管理体系", "strengthened")
    assert (el.find("old").get("verb"), el.find("old").get("strength"), el.find("old").get("block"),
            el.find("old").get("start"), el.find("old").get("end")) == ("研究", "explore", "p2", "16", "27")
    assert el.find("new").text == "确保建立碳足迹管理体系" and el.find("new").get("strength") == "guarantee"
    out = render_text(c)
    assert "Commitment changes (1)" in out and "▲ strengthened: 建立碳足迹管理体系" in out
    assert "研究 (explore) → 确保 (guarantee)" in out
    assert "Commitment changes" not in render_text(compare(old, old))


def test_the_sentence_block_is_given_when_the_report_has_sentences():
    def with_sentences(text):
        blocks = [Block("p1", "p", None, 0, len(text))]
        pos = 0
        for i, sent in enumerate(text.split("。")[:-1]):
            blocks.append(Block(f"s{i + 1}", "s", "p1", pos, pos + len(sent) + 1))
            pos += len(sent) + 1
        r = Report(meta=Meta(script="simplified", source=SourceInfo("r.txt", "", "utf-8")), text=text,
                   blocks=tuple(blocks))
        return annotate_commitments(r)

    old, new = with_sentences("研究建立碳足迹管理体系。加快城市更新。"), with_sentences("加快城市更新。确保建立碳足迹管理体系。")
    (k,) = compare(old, new).commitment_changes
    assert (k.old.block, k.old.sentence, k.new.block, k.new.sentence) == ("p1", "s1", "p1", "s2")
