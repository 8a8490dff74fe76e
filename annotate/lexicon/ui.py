"""The interface-string table, ``ui_strings.tsv``: what every writer of words for a reader loads.

Contract: :func:`strings` returns ``{key: string}`` for a language of :data:`LANGUAGES` (``en``,
``zh``), read once per process.  It lives with the data, not with the renderers, because a data
layer (the scorecard's verdict rules) words things in the same table a renderer translates from.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Mapping

from . import DIR

TABLE = DIR / "ui_strings.tsv"
LANGUAGES = ("en", "zh")


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    """``{lang: {key: string}}`` from the TSV (comment lines start with ``#``)."""
    out: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, *values = line.split("\t")
        for lang, value in zip(LANGUAGES, values):
            out[lang][key.strip()] = value
    return out


def strings(lang: str) -> Mapping[str, str]:
    """The strings of ``lang``; a language the table does not have is a ValueError."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown interface language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return _table()[lang]
