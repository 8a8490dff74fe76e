"""The one-way flow: bytes → text → structure → annotations.

``read_report`` stops after structure; ``annotate`` runs the annotator registry;
``tag`` does both.  An annotated ``.xml`` written by ``tag`` is read back as it is.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .model import Report
from .lazyre import lazy

if TYPE_CHECKING:
    from .reading.identity import Hints


def read_input_bytes(path: str) -> bytes:
    """The bytes of ``path``; ``-`` reads stdin (one reader for every command: see ingest)."""
    from .reading.ingest import read_bytes

    return read_bytes(path)


def is_annotated_xml(path: str, data: bytes) -> bool:
    """Is ``data`` annotated XML written by ``tag`` (root ``report``)?  DocBook-like XML (root
    ``article``, ``sect1`` …) is a report to read; another ``.xml`` is handed to the XML reader,
    whose error says what it expected."""
    from .reading.ingest.docbook import looks_like_docbook, root_element

    if looks_like_docbook(data):
        return False
    return path.lower().endswith(".xml") or root_element(data) == "report"


def identity_hints(path: str, hints: "Hints | None" = None) -> tuple:
    """What the user says ``path`` is, strongest first: ``hints`` (command-line ``--issuer`` /
    ``--year``), then a sidecar ``<stem>.meta.json`` beside the file (see identity.read_sidecar)."""
    from .reading.identity import read_sidecar

    found = [h for h in (hints, read_sidecar(path)) if h is not None]
    return tuple(found)


def read_report(path: str, data: bytes | None = None, hints: "Hints | None" = None) -> Report:
    """Read a report file into a structured (not yet annotated) :class:`Report`.

    ``hints`` (an :class:`annotate.reading.identity.Hints`) override what the text says of the report's
    issuer and year; a ``report.meta.json`` beside ``report.txt`` does the same.
    """
    from .reading import ingest, normalize, structure

    if data is None:
        data = read_input_bytes(path)
    decoded = ingest.load(path, data)
    normalized = normalize.normalize(decoded)
    return structure.build(decoded, normalized, identity_hints(path, hints))


def annotate(report: Report) -> Report:
    """Run every annotator (quantities, dates, entities, indicators, targets, commitments)."""
    from .annotators import run_all

    return run_all(report)


def tag(path: str, data: bytes | None = None, hints: "Hints | None" = None) -> Report:
    """Read and annotate ``path``; an annotated XML file is read back without re-annotating
    (``hints`` and a sidecar then replace its identity fields)."""
    if data is None:
        data = read_input_bytes(path)
    if is_annotated_xml(path, data):
        from .reading.identity import override
        from .xml.reader import read_xml

        report = read_xml(data, path)
        _check_normalized(report, path)
        found = identity_hints(path, hints)
        return replace(report, meta=override(report.meta, found)) if found else report
    return annotate(read_report(path, data, hints))


_NEVER_NORMALIZED = lazy("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
                               "\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def _check_normalized(report: Report, path: str) -> None:
    """An annotated XML used as a report must hold text normalization could have written: the
    schema cannot say that ``<char code="D800"/>`` or a control character is impossible there."""
    m = _NEVER_NORMALIZED().search(report.text)
    if m:
        from .errors import AnnotateError
        from .reading.ingest import display_name

        raise AnnotateError(display_name(path), f"holds U+{ord(m.group()):04X} at offset {m.start()} of its text, "
                            "which annotate never writes in a report", "tag the original report again")
