"""Labels of the corpus pages (changes table, site) in Chinese or English (``--lang zh|en``).

Contract: :func:`labels(lang)` returns a mapping key → label, read from the one interface table
(``lexicon/ui_strings.tsv``, its ``site.*`` keys without the prefix); a key missing from the table
(a change label added later, say) reads as itself with underscores as spaces, so no page ever fails
on an unknown label.  Only interface words are translated: report text is shown as written.
"""

from __future__ import annotations

from functools import lru_cache

from .i18n import interface

LANGS = ("zh", "en")
PREFIX = "site."


class Labels(dict):
    """A dict that answers an unknown key with the key itself (``foo_bar`` → ``foo bar``)."""

    def __missing__(self, key: str) -> str:
        return key.replace("_", " ")


@lru_cache(maxsize=None)
def labels(lang: str = "zh") -> Labels:
    """The label table for ``lang`` (``zh`` or ``en``)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; one of {', '.join(LANGS)}")
    strings = interface(lang).strings
    out = Labels((k[len(PREFIX):], v) for k, v in strings.items() if k.startswith(PREFIX))
    out["lang"] = lang
    return out


def value_label(value, low, high, unit, qualifier, L: Labels) -> str:
    """A target's value in the pages' language: ``5%左右`` / ``5% (about)``, ``6%–6.5%``."""
    from .labels import target_label

    return target_label(value, low, high, unit, qualifier, L["lang"])
