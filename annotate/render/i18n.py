"""Interface strings in the reader's language: one table, ``annotate/lexicon/ui_strings.tsv`` (read by
:mod:`annotate.lexicon.ui`).

Contract: ``ui = interface("zh")`` returns an :class:`Interface`; ``ui("part.plan", n=3)`` is the
string for that key with its ``{fields}`` filled; a key the table does not have reads as the key
itself, and :meth:`Interface.change` names a change label the table does not know in plain words
(``some_new_label`` → ``some new label``), so a new label from the comparison still renders.
Languages: ``en`` and ``zh`` (:data:`LANGUAGES`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ..lexicon.ui import LANGUAGES, strings

__all__ = ["LANGUAGES", "Interface", "interface"]


@dataclass(frozen=True)
class Interface:
    lang: str
    strings: Mapping[str, str]

    def __call__(self, key: str, **fields: Any) -> str:
        text = self.strings.get(key, key)
        return text.format(**fields) if fields else text

    def change(self, label: Any) -> str:
        """A target change label (raised …) or change kind (number_changed …) in words."""
        label = str(label)
        for key in (f"change.{label}", f"kind.{label}"):
            if key in self.strings:
                return self.strings[key]
        return label.replace("_", " ")


def interface(lang: str = "en") -> Interface:
    """The strings of ``lang`` (``en`` or ``zh``); anything else is a ValueError."""
    return Interface(lang, strings(lang))
