"""The corpus layer: many annotated reports, grouped by issuer and year, and what changed.

Data only (no renderer is imported here): :class:`Corpus` reads and pairs reports,
:mod:`.changes` turns pairs into target-change rows, :mod:`.search` builds the full-text index
that the site's search reads, :mod:`.cache` keeps annotated reports between runs.
"""

from .changes import COLUMNS, ChangeRow, filter_rows, pair_rows
from .core import Corpus, Entry
from .files import READABLE, discover

__all__ = ["COLUMNS", "ChangeRow", "Corpus", "Entry", "READABLE", "discover", "filter_rows", "pair_rows"]
