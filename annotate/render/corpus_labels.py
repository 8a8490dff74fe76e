"""Labels of the corpus pages (changes table, site) in Chinese or English (``--lang zh|en``): data in ``i18n.tsv``.

Contract: :func:`labels(lang)` returns a mapping key → label; a key missing from the table (a change
label added later, say) reads as itself with underscores as spaces, so no page ever fails on an
unknown label.  Only interface words are translated: report text is shown as written.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LANGS = ("zh", "en")


class Labels(dict):
    """A dict that answers an unknown key with the key itself (``foo_bar`` → ``foo bar``)."""

    def __missing__(self, key: str) -> str:
        return key.replace("_", " ")


@lru_cache(maxsize=None)
def labels(lang: str = "zh") -> Labels:
    """The label table for ``lang`` (``zh`` or ``en``)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; one of {', '.join(LANGS)}")
    col = 1 if lang == "zh" else 2
    out = Labels()
    path = Path(__file__).resolve().parent / "i18n.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        out[cells[0]] = cells[col]
    return out


def value_label(value, low, high, unit, qualifier, L: Labels) -> str:
    """A target's value in the interface language: ``5%左右`` / ``5% (about)``, ``6%–6.5%``."""
    from .labels import fmt_number, target_label

    if L["lang_name"] != "中文":
        return target_label(value, low, high, unit, qualifier)
    unit = unit or ""
    if qualifier == "range" and low is not None and high is not None:
        return f"{fmt_number(low)}{unit}–{fmt_number(high)}{unit}"
    if value is None:
        return L["no_number"]
    word = L[f"q_{qualifier}"] if qualifier and qualifier not in ("exact", "range") else ""
    return f"{fmt_number(value)}{unit}{word}"
