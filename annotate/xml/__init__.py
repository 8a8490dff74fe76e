"""Annotated XML: element names (:mod:`.names`), writer, reader, RelaxNG validation.

``write_xml(report) -> bytes`` and ``read_xml(data, file) -> Report`` are exact inverses;
``validate_file(path)`` / ``validate_bytes(data, file)`` check any annotate XML against
``annotate/schemas`` (the schema is chosen by the root element).
"""

from .reader import read_xml
from .validate import validate_bytes, validate_file
from .writer import write_xml

__all__ = ["read_xml", "write_xml", "validate_bytes", "validate_file"]
