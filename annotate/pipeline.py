"""The one-way flow: bytes → text → structure → annotations.

``read_report`` stops after structure; ``annotate`` runs the annotator registry;
``tag`` does both.  An annotated ``.xml`` written by ``tag`` is read back as it is.
"""

from __future__ import annotations

from .model import Report


def read_input_bytes(path: str) -> bytes:
    """The bytes of ``path``; ``-`` reads stdin (one reader for every command: see ingest)."""
    from .ingest import read_bytes

    return read_bytes(path)


def is_annotated_xml(path: str, data: bytes) -> bool:
    head = data[:400].lstrip(b"\xef\xbb\xbf \t\r\n")
    return path.lower().endswith(".xml") or (head.startswith(b"<?xml") and b"<report" in data[:2000])


def read_report(path: str, data: bytes | None = None) -> Report:
    """Read a report file into a structured (not yet annotated) :class:`Report`."""
    from . import ingest, normalize, structure

    if data is None:
        data = read_input_bytes(path)
    decoded = ingest.load(path, data)
    normalized = normalize.normalize(decoded)
    return structure.build(decoded, normalized)


def annotate(report: Report) -> Report:
    """Run every annotator (quantities, dates, entities, indicators, targets, commitments)."""
    from .annotators import run_all

    return run_all(report)


def tag(path: str, data: bytes | None = None) -> Report:
    """Read and annotate ``path``; an annotated XML file is read back without re-annotating."""
    if data is None:
        data = read_input_bytes(path)
    if is_annotated_xml(path, data):
        from .xml.reader import read_xml

        return read_xml(data, path)
    return annotate(read_report(path, data))
