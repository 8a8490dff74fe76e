"""Normalized text → blocks and meta (STUB: one paragraph per line; being replaced)."""

from __future__ import annotations

from .ingest import Decoded
from .model import Block, Meta, Report
from .normalize import Normalized


def build(decoded: Decoded, normalized: Normalized) -> Report:
    text = normalized.text
    blocks = []
    pos = 0
    for i, line in enumerate(text.split("\n")):
        if line.strip():
            blocks.append(Block(id=f"p{i+1}", kind="p", parent=None, start=pos, end=pos + len(line),
                                line_start=i + 1, line_end=i + 1))
        pos += len(line) + 1
    return Report(meta=Meta(source=decoded.info), text=text, blocks=tuple(blocks), repairs=normalized.repairs)
