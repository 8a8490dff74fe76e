"""Text → normalized text + repair log (STUB: identity; being replaced)."""

from __future__ import annotations

from dataclasses import dataclass

from .ingest import Decoded
from .model import Repair


@dataclass(frozen=True)
class Normalized:
    text: str
    repairs: tuple[Repair, ...]


def normalize(decoded: Decoded) -> Normalized:
    return Normalized(decoded.text, ())
