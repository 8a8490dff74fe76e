"""The annotated XML: exact round trips, schema validity, safe characters, the validate command."""

from __future__ import annotations

import dataclasses
import typing

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from annotate.cli import main
from annotate.errors import AnnotateError
from annotate.model import (BLOCK_KINDS, LAYERS, Block, Commitment, DateSpan, Entity, Evidence, Indicator, Meta,
                            Quantity, Repair, Report, SourceInfo, Target, field_types, restore_source)
from annotate.xml import names as N
from annotate.xml import read_xml, validate_bytes, write_xml
from annotate.xml import validate as V

# --------------------------------------------------------------------------- helpers


def roundtrip(report: Report) -> bytes:
    """Write, validate, read back: the model and the bytes must both survive unchanged."""
    data = write_xml(report)
    validate_bytes(data, "t.xml")
    back = read_xml(data, "t.xml")
    for f in dataclasses.fields(Report):  # field by field first: a clearer failure
        assert getattr(back, f.name) == getattr(report, f.name), f.name
    assert back == report
    assert write_xml(back) == data
    return data


def body_of(data: bytes) -> etree._Element:
    return etree.fromstring(data).find("body")


def standoff_of(data: bytes) -> list[etree._Element]:
    so = etree.fromstring(data).find("standoff")
    return [] if so is None else list(so)


TEXT = "一、总体情况\n（一）经济增长5.2%左右，投资增长12亿元。明年确保完成。\n"


def sample_report() -> Report:
    """Nested blocks with labels, nested and crossing annotations, both stand-off layers."""
    t = TEXT
    end = len(t) - 1
    s1_end = t.index("。") + 1
    q1 = t.index("5.2")
    q2 = t.index("12")
    blocks = (
        Block("part1", "part", None, 0, end, num="一、", num_start=0, num_end=2, line_start=1, line_end=2),
        Block("part1.h", "heading", "part1", 0, 6, line_start=1, line_end=1),
        Block("sec1", "section", "part1", 7, end, num="（一）", num_start=7, num_end=10, line_start=2, line_end=2),
        Block("p1", "p", "sec1", 7, end, line_start=2, line_end=2),
        Block("s1", "s", "p1", 10, s1_end, line_start=2, line_end=2),
        Block("s2", "s", "p1", s1_end, end, line_start=2, line_end=2),
    )
    quantities = (
        Quantity("q1", "p1", q1, q1 + 6, "5.2%左右", value=5.2, unit="%", normalized=5.2, base_unit="%",
                 qualifier="about", change="growth"),
        Quantity("q2", "p1", q2, q2 + 4, "12亿元", value=12, unit="亿元", normalized=1200000000, base_unit="元"),
        # crosses the end of sentence s1: cannot nest, must stand off
        Quantity("q3", "p1", q2 + 2, s1_end + 2, t[q2 + 2 : s1_end + 2], value=None, unit=""),
    )
    commitments = (Commitment("c1", "p1", s1_end, end, t[s1_end:end], verb="确保", strength="guarantee",
                              deadline="明年"),)
    dates = (DateSpan("d1", "p1", s1_end, s1_end + 2, "明年", value="next-year"),)
    indicators = (Indicator("i1", "p1", 10, 14, "经济增长", indicator="gdp_growth", metric="经济增长", growth="q1"),)
    targets = (Target("t1", "p1", 10, q1 + 6, t[10 : q1 + 6], year=2022, indicator="gdp_growth", metric="经济增长",
                      value=5.2, unit="%", qualifier="about", quantity="q1"),)
    meta = Meta(title="关于2022年计划的报告", issuer="北京市通州区发展和改革委员会", year=2022, review_year=2021,
                date="2021-12-15", source=SourceInfo("tz.md", "ab" * 32, "gb18030", "markdown", 3))
    repairs = (Repair("line_join", 6, 6, 6, "\n"), Repair("width", 14, 17, 15, "５.２", "5.2"))
    return Report(meta=meta, text=t, blocks=blocks, repairs=repairs, quantities=quantities, dates=dates,
                  commitments=commitments, indicators=indicators, targets=targets)


# --------------------------------------------------------------------------- layout


def test_sample_round_trips_and_body_text_is_the_text():
    data = roundtrip(sample_report())
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<report version=\"1\">")
    assert "".join(body_of(data).itertext()) == TEXT


def test_blocks_nest_with_labels_and_line_ranges():
    body = body_of(write_xml(sample_report()))
    part = body.find("part")
    assert part.attrib == {"id": "part1", "line_start": "1", "line_end": "2"}
    # the label sits inside the heading, so it names the block it belongs to
    assert part.find("heading/num").attrib == {"block": "part1"}
    assert part.find("heading/num").text == "一、"
    p = part.find("section/p")
    assert p.get("id") == "p1"
    assert [s.get("id") for s in p.findall("s")] == ["s1", "s2"]
    assert p.find("num").text == "（一）" and p.find("num").get("block") == "sec1"
    for el in body.iter(*BLOCK_KINDS):  # every block carries its source line range
        assert el.get("line_start") and el.get("line_end")


def test_inline_annotations_nest_and_carry_their_fields():
    body = body_of(write_xml(sample_report()))
    q = body.find(".//s[@id='s1']/quantity[@id='q1']")
    assert q.text == "5.2%左右"
    assert q.attrib == {"id": "q1", "value": "5.2", "unit": "%", "normalized": "5.2", "base_unit": "%",
                        "qualifier": "about", "change": "growth"}
    # a date inside a commitment inside a sentence
    c = body.find(".//s[@id='s2']/commitment")
    assert c.get("verb") == "确保" and c.get("strength") == "guarantee" and c.get("deadline") == "明年"
    assert c.find("date").text == "明年" and c.find("date").get("value") == "next-year"
    # ints stay ints, floats stay floats
    assert body.find(".//quantity[@id='q2']").get("normalized") == "1200000000"


def test_crossing_spans_and_relations_stand_off():
    data = write_xml(sample_report())
    items = {el.get("id"): el for el in standoff_of(data)}
    assert set(items) == {"q3", "i1", "t1"}
    q3 = items["q3"]
    assert q3.tag == "quantity" and q3.get("start") == str(TEXT.index("12") + 2) and q3.get("block") == "p1"
    assert "text" not in q3.attrib  # the reader takes it from the body
    assert items["t1"].tag == "target" and items["t1"].get("quantity") == "q1" and items["t1"].get("year") == "2022"
    assert items["i1"].get("growth") == "q1"
    assert body_of(data).find(".//quantity[@id='q3']") is None


def test_meta_and_repairs_are_listed_and_lossless():
    report = sample_report()
    data = roundtrip(report)
    meta = etree.fromstring(data).find("meta")
    assert meta.findtext("year") == "2022" and meta.findtext("review_year") == "2021"
    assert meta.find("source").attrib == {"file": "tz.md", "sha256": "ab" * 32, "encoding": "gb18030",
                                          "format": "markdown", "lines": "3"}
    reps = meta.findall("repairs/repair")
    assert [r.get("kind") for r in reps] == ["line_join", "width"]
    assert reps[1].text == "５.２" and reps[1].get("replacement") == "5.2"
    back = read_xml(data, "t.xml")
    assert restore_source(back.text, back.repairs) == restore_source(report.text, report.repairs)


def test_write_is_deterministic():
    assert write_xml(sample_report()) == write_xml(sample_report())


def test_model_disagreeing_with_the_tree_is_kept():
    r = sample_report()
    blocks = list(r.blocks)
    blocks[4] = dataclasses.replace(blocks[4], parent=None)  # s1 says no parent, though inside p1
    blocks[1] = dataclasses.replace(blocks[1], parent="elsewhere")
    quantities = (dataclasses.replace(r.quantities[0], block="s1", text="5.2 %"),) + r.quantities[1:]
    r = dataclasses.replace(r, blocks=tuple(blocks), quantities=quantities)
    data = roundtrip(r)
    body = body_of(data)
    assert body.find(".//s[@id='s1']").get("nil") == "parent"
    assert body.find(".//heading").get("parent") == "elsewhere"
    q = body.find(".//quantity[@id='q1']")
    assert q.get("block") == "s1" and q.get("text") == "5.2 %"


def test_layer_out_of_order_gets_n_and_round_trips():
    r = sample_report()
    r = dataclasses.replace(r, quantities=(r.quantities[1], r.quantities[0], r.quantities[2]))
    data = roundtrip(r)
    assert [el.get("n") for el in etree.fromstring(data).iter("quantity")] == ["1", "0", "2"]
    assert etree.fromstring(write_xml(sample_report())).find(".//*[@n]") is None  # only when needed


def test_numbers_keep_their_type():
    t = "增长5%"
    qs = tuple(Quantity(f"q{i}", "", 2, 4, "5%", value=v, normalized=v)
               for i, v in enumerate([5, 5.0, 1e16, -0.0, 10**20, 1.5e-7, float("inf")]))
    r = Report(meta=Meta(), text=t, quantities=qs)
    back = read_xml(roundtrip(r), "t.xml")
    assert [type(q.value) for q in back.quantities] == [int, float, float, float, int, float, float]


def test_odd_blocks_crossing_empty_and_out_of_range():
    t = "abcdefghij"
    blocks = (
        Block("a", "p", None, 0, 6, line_start=1, line_end=1),
        Block("b", "p", None, 4, 10, line_start=1, line_end=1),  # crosses a
        Block("z", "s", "a", 3, 3),  # empty
        Block("far", "item", None, 8, 99),  # beyond the text
        Block("n", "section", None, 0, 2, num="x", num_start=1, num_end=5),  # label crosses its block
    )
    spans = (Entity("e1", "a", 1, 5, "bcde"), Entity("e2", "", 5, 5, ""), Entity("e3", "a", -1, 3, "??"))
    r = Report(meta=Meta(), text=t, blocks=blocks, entities=spans)
    data = roundtrip(r)
    assert {el.get("id") or el.get("block") for el in standoff_of(data)} >= {"b", "far", "n", "e3"}


def test_empty_report():
    roundtrip(Report(meta=Meta(), text=""))


# --------------------------------------------------------------------------- characters & injection

NASTY = "<script>alert('x')</script> &amp; ]]> \"quoted\" 'single' &lt; <!-- c --> <?pi x?> <![CDATA[x]]>"


def test_markup_in_text_and_attributes_is_just_text():
    t = f"前{NASTY}后\r\n\t"
    r = Report(meta=Meta(title=NASTY, source=SourceInfo(NASTY, "", "utf-8")), text=t,
               blocks=(Block(NASTY, "p", None, 0, len(t), line_start=1, line_end=1),),
               entities=(Entity("e<1>", NASTY, 1, 9, t[1:9], type='"org"', canonical=NASTY),),
               repairs=(Repair(NASTY, 0, 0, 0, NASTY, NASTY),))
    data = roundtrip(r)
    root = etree.fromstring(data)
    assert [el.getparent().tag for el in root.iter("script")] == ["meta"]  # only meta's own <script>
    assert "".join(root.find("body").itertext()) == t
    assert b"<script>alert" not in data


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800", "\\", "\ue000",
                                  "\U000f0000", "\x85", "\r"])
def test_characters_xml_cannot_hold_are_encoded_reversibly(char):
    t = f"前{char}后{char}"
    orig = f"原{char}\\u0000{char}"  # a literal backslash-u in the source must not be decoded
    r = Report(meta=Meta(title=f"题{char}"), text=t,
               blocks=(Block("p1", "p", None, 0, len(t), line_start=1, line_end=1),),
               entities=(Entity("e1", "p1", 0, 2, t[:2], canonical=f"名{char}"),),
               repairs=(Repair("control", 1, 1, 1, orig, ""),))
    data = roundtrip(r)
    data.decode("utf-8")  # well-formed UTF-8 (no lone surrogates)
    if N.INVALID_XML_CHAR.match(char):
        assert b'<char code="%04X"/>' % ord(char) in data
        assert "\\u%04X" % ord(char) in etree.fromstring(data).findtext("meta/repairs/repair")
    elif char != "\\":  # valid characters, private-use included, pass through as they are
        assert "".join(body_of(data).itertext()) == t


def test_escape_is_reversible():
    for s in ["", "a\\b", "\\u0000", "\x00\\\x00", "\\\\u0041", "x\ufffey"]:
        assert N.unescape(N.escape(s)) == s
    assert N.escape("普通文本") == "普通文本"


# --------------------------------------------------------------------------- schema coverage


def _full(cls: type, **fixed):
    """An instance with every field set (so every attribute the writer knows appears)."""
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in fixed:
            kwargs[f.name] = fixed[f.name]
            continue
        types = [a for a in typing.get_args(field_types(cls)[f.name]) if a is not type(None)] or [field_types(cls)[f.name]]
        kwargs[f.name] = 1.5 if float in types else 7 if int in types else f"{f.name}值"
    return cls(**kwargs)


def test_schema_covers_every_field_of_every_layer_inline_and_standoff():
    t = "一二三四五六七八九十"
    block = _full(Block, id="p1", kind="p", parent="elsewhere", start=0, end=10, num="一?", num_start=0, num_end=1)
    layers = {}
    for name, (cls, _el, _inline) in LAYERS.items():
        nested = _full(cls, id=f"{name}1", block="p1", start=2, end=4, text=t[2:4])
        crossing = _full(cls, id=f"{name}2", block="other", start=3, end=12, text="x")
        layers[name] = (nested, crossing)
    r = Report(meta=_full(Meta, source=_full(SourceInfo), identity_evidence=(_full(Evidence),),
                          identity_warnings=("年份 <冲突>",)), text=t,
               blocks=(block, Block("x", "s", "p1", 5, 20, line_start=2, line_end=3)),
               repairs=(_full(Repair),), **layers)
    data = roundtrip(r)
    tags = {el.tag for el in standoff_of(data)}
    assert tags >= {el for _c, el, _i in LAYERS.values()} | {"s"}


# --------------------------------------------------------------------------- invalid input


@pytest.mark.parametrize("data, expect", [
    (b"", "Document is empty"),
    (b"just text", "Start tag expected"),
    (b"<foo/>", "the root element is <foo>"),
    (b'<report version="1"><meta/><body><p/></body></report>', "Element p"),
    (b'<report version="2"><meta/><body/></report>', "report"),
    (b'<!DOCTYPE report [<!ENTITY a "x">]><report version="1"><meta/><body>&a;</body></report>', "DOCTYPE"),
    (b'<report version="1"><meta/><body><quantity id="q" value="lots">1</quantity></body></report>', "quantity"),
])
def test_invalid_xml_is_one_clear_error(data, expect):
    with pytest.raises(AnnotateError) as info:
        read_xml(data, "bad.xml")
    msg = info.value.message
    assert msg.startswith("bad.xml: is not valid annotate XML: ") and expect in msg
    assert "\n" not in msg and "(line " in msg


def test_truncated_file_names_the_line():
    data = write_xml(sample_report())
    with pytest.raises(AnnotateError, match=r"is not valid annotate XML: .*\(line \d+\)"):
        read_xml(data[: len(data) // 2], "cut.xml")


def test_schema_is_chosen_by_root_element(tmp_path, monkeypatch):
    (tmp_path / "report.rng").write_bytes((V.SCHEMA_DIR / "report.rng").read_bytes())
    monkeypatch.setattr(V, "SCHEMA_DIR", tmp_path)
    with pytest.raises(AnnotateError, match="root element is <comparison>, expected one of <report>"):
        validate_bytes(b"<comparison/>", "c.xml")
    (tmp_path / "comparison.rng").write_text(
        '<element name="comparison" xmlns="http://relaxng.org/ns/structure/1.0"><empty/></element>')
    assert validate_bytes(b"<comparison/>", "c.xml").tag == "comparison"
    with pytest.raises(AnnotateError, match="is not an annotated report"):
        read_xml(b"<comparison/>", "c.xml")


# --------------------------------------------------------------------------- the validate command


def test_validate_command(tmp_path):
    good = tmp_path / "good.xml"
    good.write_bytes(write_xml(sample_report()))
    broken = tmp_path / "broken.xml"
    broken.write_bytes(write_xml(sample_report())[:-30])
    text = tmp_path / "notes.txt"
    text.write_text("不是XML")
    wrong = tmp_path / "wrong.xml"
    wrong.write_bytes(b"<html><body/></html>")
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()

    ok = runner.invoke(main, ["validate", str(good)])
    assert ok.exit_code == 0 and ok.stdout == f"{good}: valid\n"

    for bad in (broken, text, wrong, tmp_path / "missing.xml"):
        res = runner.invoke(main, ["validate", str(bad)])
        assert res.exit_code == 1
        lines = res.stderr.splitlines()
        assert len(lines) == 1 and str(bad) in lines[0] and "Traceback" not in res.stderr

    both = runner.invoke(main, ["validate", str(broken), str(good), str(wrong)])
    assert both.exit_code == 1
    assert both.stdout == f"{good}: valid\n"  # every file is checked, not just up to the first bad one
    assert len(both.stderr.splitlines()) == 2


def test_tag_reads_its_own_xml_back_byte_identical(tmp_path):
    path = tmp_path / "r.xml"
    path.write_bytes(write_xml(sample_report()))
    out = tmp_path / "again.xml"
    res = CliRunner().invoke(main, ["tag", str(path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes() == path.read_bytes()


# --------------------------------------------------------------------------- property tests

ALPHABET = st.sampled_from(list("经济增长亿元%.5２，。、（一）\n\r\t <>&\"']\\") +
                           ["\x00", "\x0b", "\ufffe", "\ue000", "\U000f0001", "\ud800"])
STRINGS = st.text(ALPHABET, max_size=6)


def _value(hint):
    types = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
    options = []
    if int in types:
        options.append(st.integers(-10**12, 10**21))
    if float in types:
        options.append(st.floats(allow_nan=False, width=64))
    if str in types or not options:
        options.append(STRINGS)
    strat = st.one_of(options)
    return st.one_of(st.none(), strat) if type(None) in typing.get_args(hint) else strat


@st.composite
def reports(draw):
    text = draw(st.text(ALPHABET, max_size=40))
    n = len(text)
    blocks: list[Block] = []

    def interval(lo: int, hi: int) -> tuple[int, int]:
        a = draw(st.integers(lo, hi))
        return a, draw(st.integers(a, hi))

    def tree(lo: int, hi: int, parent, depth: int) -> None:  # properly nested blocks, preorder
        for _ in range(draw(st.integers(0, 2 if depth < 3 else 0))):
            lo2, hi2 = interval(lo, hi)
            num = draw(st.booleans())
            ns, ne = interval(lo2, hi2) if num else (None, None)
            b = Block(f"b{len(blocks)}", draw(st.sampled_from(BLOCK_KINDS)), parent, lo2, hi2,
                      num=text[ns:ne] if num else None, num_start=ns, num_end=ne,
                      line_start=draw(st.integers(0, 9)), line_end=draw(st.integers(0, 9)))
            blocks.append(b)
            tree(lo2, hi2, b.id, depth + 1)
            lo = hi2

    tree(0, n, None, 0)
    for _ in range(draw(st.integers(0, 2))):  # arbitrary extra blocks: may cross the others
        a, b = interval(0, n)
        blocks.append(Block(draw(STRINGS), draw(st.sampled_from(BLOCK_KINDS)), draw(st.none() | STRINGS), a, b))
    if draw(st.booleans()):
        blocks = draw(st.permutations(blocks))
    ids = [b.id for b in blocks] + [""]

    layers = {}
    for name, (cls, _el, _inline) in LAYERS.items():
        items = []
        for i in range(draw(st.integers(0, 3))):
            a, b = interval(0, n)
            fixed = {"id": f"{name}{i}", "block": draw(st.sampled_from(ids)), "start": a, "end": b,
                     "text": text[a:b] if draw(st.integers(0, 4)) else draw(STRINGS)}
            hints = field_types(cls)
            kwargs = {f.name: fixed[f.name] if f.name in fixed else draw(_value(hints[f.name]))
                      for f in dataclasses.fields(cls)}
            items.append(cls(**kwargs))
        layers[name] = tuple(items)
    repairs = tuple(Repair(draw(STRINGS), *interval(0, n), draw(st.integers(0, 99)), draw(STRINGS), draw(STRINGS))
                    for _ in range(draw(st.integers(0, 2))))
    meta = Meta(title=draw(st.none() | STRINGS), year=draw(st.none() | st.integers(1949, 2100)),
                source=SourceInfo(draw(STRINGS), "0" * 64, "utf-8", "text", draw(st.integers(0, 99))))
    return Report(meta=meta, text=text, blocks=tuple(blocks), repairs=repairs, **layers)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(reports())
def test_property_generated_reports_round_trip(report):
    data = roundtrip(report)
    if not N.INVALID_XML_CHAR.search(report.text):
        assert "".join(body_of(data).itertext()) == report.text
