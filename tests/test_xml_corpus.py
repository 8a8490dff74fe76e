"""The XML of real reports: every corpus report round-trips exactly and validates."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from annotate import pipeline
from annotate.model import LAYERS, Report
from annotate.xml import read_xml, validate_bytes, write_xml

from conftest import corpus_files

pytestmark = pytest.mark.corpus


def _roundtrip(report: Report, name: str) -> bytes:
    data = write_xml(report)
    validate_bytes(data, name)
    back = read_xml(data, name)
    assert back == report, name
    assert write_xml(back) == data, name
    return data


@pytest.fixture(scope="module")
def seed_report(seed_path: Path) -> Report:
    return pipeline.tag(str(seed_path))


def test_seed_round_trips_with_every_layer(seed_report):
    data = _roundtrip(seed_report, "seed")
    root = etree.fromstring(data)
    body = root.find("body")
    assert "".join(body.itertext()) == seed_report.text
    # the structure and the inline layers the annotators found are all in the tree
    assert len(body.findall(".//part")) == sum(b.kind == "part" for b in seed_report.blocks)
    for name, (_cls, el, inline) in LAYERS.items():
        n_body = len(body.findall(f".//{el}"))
        n_standoff = len(root.findall(f"standoff/{el}"))
        assert n_body + n_standoff == len(getattr(seed_report, name)), name
        if not inline:
            assert n_body == 0
    assert len(root.findall("meta/repairs/repair")) == len(seed_report.repairs)


def _window(report: Report, a: int, b: int) -> Report:
    """The part of ``report`` inside text[a:b]: what lies wholly inside, shifted to start at 0."""
    def inside(x) -> bool:
        return a <= x.start and x.end <= b

    def shift(x):
        changes = {"start": x.start - a, "end": x.end - a}
        if getattr(x, "num_start", None) is not None and getattr(x, "num_end", None) is not None:
            if not (a <= x.num_start and x.num_end <= b):
                changes.update(num=None, num_start=None, num_end=None)
            else:
                changes.update(num_start=x.num_start - a, num_end=x.num_end - a)
        return dataclasses.replace(x, **changes)

    layers = {name: tuple(shift(x) for x in getattr(report, name) if inside(x)) for name in LAYERS}
    return Report(meta=report.meta, text=report.text[a:b],
                  blocks=tuple(shift(x) for x in report.blocks if inside(x)), **layers)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_slices_of_the_seed_round_trip(seed_report, data):
    n = len(seed_report.text)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, min(n, a + 3000)))
    _roundtrip(_window(seed_report, a, b), f"seed[{a}:{b}]")


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_every_corpus_report_round_trips_and_validates(path):
    report = pipeline.tag(str(path))
    data = _roundtrip(report, path.name)
    assert "".join(etree.fromstring(data).find("body").itertext()) == report.text
