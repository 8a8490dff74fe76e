"""DocBook-like XML input (``<!DOCTYPE article …>``, ``<article>``, ``<sect1>``, ``<para>``), the way
the Hong Kong 2025 policy address was published: read with its structure, nothing fetched or
expanded, told apart from annotated XML by its root element."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotate import pipeline
from annotate.errors import AnnotateError
from annotate.reading.ingest.docbook import looks_like_docbook, read_docbook, root_element

SAMPLE = Path(__file__).resolve().parent / "data" / "docbook-policy-address.xml"


def test_structure_comes_from_sections_titles_and_paragraphs():
    report = pipeline.tag(str(SAMPLE))
    assert report.meta.source.format == "docbook"
    assert report.meta.title == "行政長官2025年施政報告"
    heads = [(b.kind, report.text[b.start:b.end]) for b in report.blocks if b.kind in ("part", "section")]
    assert [(k, t.split("\n")[0]) for k, t in heads] == [
        ("part", "第一章前言"), ("part", "第二章發展經濟"), ("section", "（一）鞏固金融中心"),
        ("section", "（二）增加房屋供應"), ("part", "第三章結語")]
    lines = report.text.split("\n")
    assert "設立新的上市渠道；" in lines and "優化交易機制。" in lines  # list items: a line each
    assert "年度\t公營房屋\t私營房屋" in lines  # a table row: tab-joined cells
    growth = [q for q in report.quantities if q.unit == "%"]
    assert [(q.value, q.qualifier) for q in growth] == [(2.5, "exact"), (3.0, "about")]


def test_no_entity_or_dtd_is_fetched_or_expanded():
    text = read_docbook(SAMPLE.read_bytes(), "sample.xml")
    assert "root:" not in text and "&secret;" in text  # the external entity stays a reference
    assert "lollol" not in text and "&lol3;" in text  # an entity bomb is never expanded
    assert "上市\xa0。" in text  # &nbsp;, declared in the DTD that is not read, as its character


def test_a_network_dtd_is_not_loaded(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the reader opened a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert "第一章" in read_docbook(SAMPLE.read_bytes(), "sample.xml")


def test_root_element_tells_docbook_from_annotated_xml(tmp_path):
    from annotate.xml.writer import write_xml

    data = SAMPLE.read_bytes()
    assert root_element(data) == "article" and looks_like_docbook(data)
    annotated = write_xml(pipeline.tag(str(SAMPLE)))
    assert root_element(annotated) == "report" and not looks_like_docbook(annotated)
    assert pipeline.is_annotated_xml("x.xml", annotated) and not pipeline.is_annotated_xml("x.xml", data)
    # read back from its own file without re-annotating: the same report
    out = tmp_path / "out.xml"
    out.write_bytes(annotated)
    assert pipeline.tag(str(out)).text == pipeline.tag(str(SAMPLE)).text


@pytest.mark.parametrize("head,root", [
    (b'<?xml version="1.0"?>\n<!-- c -->\n<sect1 id="a">', "sect1"),
    (b"\xef\xbb\xbf<book xmlns='http://docbook.org/ns/docbook'>", "book"),
    (b'<!DOCTYPE article [<!ENTITY a "b">]><article>', "article"),
    (b'<?xml version="1.0"?><report version="1">', "report"),
])
def test_root_element_reads_past_the_prolog(head, root):
    assert root_element(head) == root


def test_malformed_docbook_is_one_clear_error():
    with pytest.raises(AnnotateError, match="not well-formed"):
        read_docbook(b"<article><para>unclosed</article>", "bad.xml")
