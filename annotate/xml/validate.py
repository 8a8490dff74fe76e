"""Parse untrusted XML safely and check it against the RelaxNG schemas in ``annotate/schemas``.

Contract: :func:`validate_bytes` / :func:`validate_file` return the parsed root element of a
valid document, or raise :class:`~annotate.errors.AnnotateError` naming the file with
``is not valid annotate XML: <first problem> (line N)``.  The schema is chosen by the root
element: ``<report>`` → ``report.rng``, ``<X>`` → ``X.rng`` when that file exists (the
comparison XML adds ``comparison.rng``).  Each schema is compiled once (per thread).

Parsing never touches the network, never expands entities from a DTD (documents with a DOCTYPE
are refused) and drops comments and processing instructions, which the schemas ignore but
which would otherwise hide inside the body text.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from lxml import etree

from ..errors import AnnotateError

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
_HINT = "annotate reads only the XML it writes (annotate tag, annotate diff --format xml)"
_NAME = re.compile(r"^[A-Za-z_][\w.-]*$")
_POSITION = re.compile(r",? line \d+, column \d+$")


def schema_path(root_tag: str) -> Path | None:
    """The schema file for documents whose root element is ``root_tag``, if there is one."""
    if not _NAME.match(root_tag):
        return None
    path = SCHEMA_DIR / f"{root_tag}.rng"
    return path if path.is_file() else None


_LOCAL = threading.local()


def _schema(path: str) -> etree.RelaxNG:
    """The compiled schema, once per thread (an lxml validator is not safe to share)."""
    cache = getattr(_LOCAL, "schemas", None)
    if cache is None:
        cache = _LOCAL.schemas = {}
    if path not in cache:
        cache[path] = etree.RelaxNG(etree.parse(path))
    return cache[path]


def _invalid(file: str, problem: str, line: int | None) -> AnnotateError:
    where = f" (line {line})" if line else ""
    return AnnotateError(file, f"is not valid annotate XML: {problem}{where}", _HINT)


def parse_bytes(data: bytes, file: str) -> etree._Element:
    """Parse ``data`` (well-formedness only) into its root element, safely."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        # exc.msg, not exc.error_log: the log is shared by the thread and may hold older errors
        message = _POSITION.sub("", exc.msg or str(exc)).strip()
        raise _invalid(file, message, exc.lineno) from None
    except ValueError as exc:  # e.g. a str with an encoding declaration
        raise _invalid(file, str(exc), None) from None
    if root is None:
        raise _invalid(file, "the document is empty", None)
    if root.getroottree().docinfo.doctype:
        raise _invalid(file, "it has a DOCTYPE, which annotate XML never has", 1)
    return root


def validate_root(root: etree._Element, file: str) -> etree._Element:
    """Check a parsed document against the schema its root element names."""
    tag = root.tag if isinstance(root.tag, str) else ""
    path = schema_path(tag)
    if path is None:
        known = ", ".join(f"<{p.stem}>" for p in sorted(SCHEMA_DIR.glob("*.rng")))
        raise _invalid(file, f"the root element is <{tag}>, expected one of {known}", root.sourceline)
    schema = _schema(str(path))
    if not schema.validate(root.getroottree()):
        err = schema.error_log[0]
        raise _invalid(file, err.message.strip(), err.line)
    return root


def validate_bytes(data: bytes, file: str) -> etree._Element:
    """Parse and validate ``data``; returns the root element.  Raises AnnotateError."""
    return validate_root(parse_bytes(data, file), file)


def validate_file(path: str) -> etree._Element:
    """Read ``path`` (``-`` for stdin) and validate it; returns the root element."""
    from ..reading.ingest import read_bytes

    return validate_bytes(read_bytes(path), path)
