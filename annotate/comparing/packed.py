"""A report's diff tokens packed into columns while a comparison holds them.

Contract: :meth:`PackedTokens.pack` takes a token list (:func:`annotate.reading.tokenize.tokenize`,
atoms merged) and :meth:`PackedTokens.tokens` gives back any stretch of it as the very same
:class:`Token` values, equal field by field.

Why: a comparison holds both reports' tokens from tokenizing to the last leaf diff, and a token
as a named tuple costs ~145 bytes (the tuple, its offsets as int objects, the list's slot), where
columns cost ~30 (two 4-byte offsets, a byte for the kind, two pointers to strings the tokens share
anyway: words are interned).  On sixteen reports end to end the two token lists took 45 MB,
and packing each side once its segments are cut took the comparison's traced peak from 72 MB to
44 MB (the comparison's peak is the peak of ``annotate diff``).  Each leaf rebuilds
its few tokens when it is diffed (in C: ``zip`` and ``tuple.__new__``), so every token becomes
an object once, as before, but never all of them at once.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from functools import partial
from itertools import accumulate
from operator import itemgetter, mul
from typing import Sequence

from ..reading.tokenize import Token
from .align import CONTENT_KINDS

# ``Token(*fields)`` from a tuple of its fields, in C (``Token._make`` is a Python call per token).
_new_token = partial(tuple.__new__, Token)


# Token kinds (:class:`Token`), stored one byte each.
KINDS = ("word", "num", "punct", "space", "label")
_KIND_CODE = {kind: code for code, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class PackedTokens:
    """Columns of a token list: ``starts[k]``, ``ends[k]``, ``texts[k]``, ``keys[k]`` and
    ``KINDS[kinds[k]]`` are the fields of token ``k``."""

    starts: array
    ends: array
    texts: list[str]
    keys: list[str]
    kinds: bytes
    # content characters (keys of words and numbers, what similarity counts) before token k
    content_before: array

    @classmethod
    def pack(cls, tokens: Sequence[Token]) -> "PackedTokens":
        """The columns of ``tokens`` (which the caller may then drop).  Offsets take 4 bytes
        each while the text is shorter than 2**31 characters (always, for a report)."""
        keys, kinds = list(map(itemgetter(3), tokens)), list(map(itemgetter(4), tokens))
        sizes = map(mul, map(len, keys), map(CONTENT_KINDS.__contains__, kinds))
        code = "i" if not tokens or tokens[-1].end < 2**31 else "q"  # tokens are in text order
        return cls(array(code, map(itemgetter(0), tokens)), array(code, map(itemgetter(1), tokens)),
                   list(map(itemgetter(2), tokens)), keys, bytes(map(_KIND_CODE.__getitem__, kinds)),
                   array(code, accumulate(sizes, initial=0)))

    def content_chars(self, a: int, b: int) -> int:
        """Content characters of tokens ``a`` to ``b`` (exclusive): the length of their word and
        number keys."""
        return self.content_before[b] - self.content_before[a]

    def __len__(self) -> int:
        return len(self.keys)

    def tokens(self, a: int, b: int) -> list[Token]:
        """Tokens ``a`` to ``b`` (exclusive), as they were packed."""
        return list(map(_new_token, zip(self.starts[a:b], self.ends[a:b], self.texts[a:b], self.keys[a:b],
                                        map(KINDS.__getitem__, self.kinds[a:b]))))
