"""The JSON of ``annotate tag --format json``: DESIGN.md's shape, lossless, always valid JSON."""

from __future__ import annotations

import dataclasses
import json
import math

from hypothesis import HealthCheck, given, settings

from annotate.report_json import dump, dumps, report_from_json, report_to_json
from annotate.model import Quantity, Report
from test_xml import TEXT, reports, sample_report


def test_shape_follows_the_design():
    data = json.loads(dumps(report_to_json(sample_report())))
    assert data["text"] == TEXT
    assert {"title", "issuer", "year", "date", "source", "repairs"} <= set(data["meta"])
    assert set(data["meta"]["source"]) >= {"file", "sha256", "encoding"}
    assert data["meta"]["year"] == 2022
    b = data["blocks"][2]
    assert b == {"id": "sec1", "kind": "section", "parent": "part1", "start": 7, "end": len(TEXT) - 1,
                 "text": TEXT[7:-1], "num": "（一）", "num_start": 7, "num_end": 10, "line_start": 2, "line_end": 2}
    q = data["quantities"][0]
    assert {k: q[k] for k in ("id", "block", "text", "value", "unit", "qualifier", "low", "high")} == {
        "id": "q1", "block": "p1", "text": "5.2%左右", "value": 5.2, "unit": "%", "qualifier": "about",
        "low": None, "high": None}
    assert data["targets"][0]["year"] == 2022 and data["commitments"][0]["strength"] == "guarantee"


def test_json_round_trips():
    r = sample_report()
    assert report_from_json(json.loads(dumps(report_to_json(r)))) == r


def test_dumps_is_valid_utf8_json_whatever_the_text_holds():
    r = dataclasses.replace(sample_report(), text="a\ud800b\x00",
                            quantities=(Quantity("q", "", 0, 1, "a", value=float("inf"), normalized=float("nan")),))
    out = dumps(report_to_json(r))
    out.encode("utf-8")  # no lone surrogate left raw
    data = json.loads(out, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
    assert data["text"] == "a\ud800b\x00"
    assert data["quantities"][0]["value"] is None and data["quantities"][0]["normalized"] is None


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_property_json_round_trips(report: Report):
    text = dumps(report_to_json(report))
    text.encode("utf-8")
    back = report_from_json(json.loads(text))
    # non-finite floats are written as null; everything else survives exactly
    def finite(x):
        return {k: None if isinstance(v, float) and not math.isfinite(v) else v
                for k, v in dataclasses.asdict(x).items()}
    for name in ("blocks", "repairs", "quantities", "targets", "entities"):
        assert [finite(x) for x in getattr(back, name)] == [finite(x) for x in getattr(report, name)]
    assert back.text == report.text and back.meta == report.meta


def test_dump_writes_the_bytes_dumps_makes(tmp_path):
    """``dump`` streams to a file exactly what ``dumps`` returns: lone surrogates escaped, a NaN
    found part way through restarting the file with null, and more pieces than one batch."""
    data = {"a": ["经济\ud800", 1.5, {"b": None}], "many": list(range(5000)), "late": [float("nan"), math.inf]}
    path = tmp_path / "out.json"
    with open(path, "wb") as fh:
        fh.write(b"left alone")
        dump(data, fh)
    assert path.read_bytes() == b"left alone" + dumps(data).encode("utf-8")
    assert json.loads(path.read_bytes()[len(b"left alone"):])["late"] == [None, None]
