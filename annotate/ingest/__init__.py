"""Bytes → text: read a report file (or stdin) of any supported format and encoding.

Contract: :func:`load` returns a :class:`Decoded` whose ``text`` is the report's text as
the reader sees it (HTML/DOCX reduced to one line per block element) and whose ``asides``
locate page chrome, source lines and captions to set aside.  Any problem raises
:class:`annotate.errors.AnnotateError` naming the file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import AnnotateError
from ..model import SourceInfo


@dataclass(frozen=True)
class Aside:
    """A stretch of the decoded text that is not the report (chrome, caption, boilerplate)."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Decoded:
    text: str
    info: SourceInfo
    asides: tuple[Aside, ...] = ()


def load(path: str, data: bytes | None = None) -> Decoded:
    """Read ``path`` (``-`` for stdin when ``data`` is given) into a :class:`Decoded`."""
    if data is None:
        p = Path(path)
        if not p.exists():
            raise AnnotateError(path, "no such file", "check the path")
        data = p.read_bytes()
    text = data.decode("utf-8-sig")
    info = SourceInfo(file=path, sha256=hashlib.sha256(data).hexdigest(), encoding="utf-8",
                      format="text", lines=text.count("\n") + 1)
    return Decoded(text=text, info=info)
