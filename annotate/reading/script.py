"""Script detection and the simplified view of a text (DOMAIN.md section 6).

Contract
--------
- ``detect_script(text) -> "simplified" | "traditional"``: counts the characters OpenCC changes
  when converting to simplified (``t2s``: traditional-only characters) and to traditional
  (``s2t``: simplified-only characters); the larger count wins, ties are simplified.  A text
  without traditional-only characters is simplified at once (the ``s2t`` converter is built only
  for texts that hold some).
- ``simplified_view(text, script) -> model.ScriptView``: ``view`` is ``text`` in simplified
  characters; ``to_text`` (``len(view) + 1`` entries) maps a view offset to a text offset and
  ``from_text`` (``len(text) + 1`` entries) the other way; both are monotone and map the end
  to the end.

  For a simplified text the view *is* the text and both maps are :class:`IdentityMap`, a
  read-only sequence that answers ``m[i] == i`` without storing anything (a 130k-character
  report would otherwise carry two 130k-entry tuples).  Treat the maps as ``Sequence[int]``.

  For a traditional text the view is OpenCC ``hk2s`` (Hong Kong variants, then simplified).
  The conversion is done per sentence chunk; a chunk whose length is unchanged maps character
  to character, and a chunk whose length changed (a phrase conversion) is aligned with
  :mod:`difflib` so every offset still maps into the chunk.
- ``folded_view(text) -> model.ScriptView``: ``text`` with script variants folded to one form
  (``hk2s``, ``s2hk``, ``hk2s``), the same whatever script ``text`` is in, with maps as above.
  A comparison of a traditional report with a simplified one compares these: a simplified text
  keeps characters that ``hk2s`` makes of their traditional forms otherwise (谘询 in a Hong Kong
  simplified edition; 諮詢 → 咨询), and a variant both scripts use (藉, 峯) is simplified only
  on the traditional side by ``hk2s`` alone.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import ne
from typing import Iterator, Union, overload

from ..lazyre import lazy

_CHUNK = lazy(r"[^。！？；\n]*[。！？；\n]?")


class IdentityMap(Sequence):
    """The map ``i -> i`` for ``0 <= i < n`` (an offset map of an unchanged text)."""

    __slots__ = ("_n",)

    def __init__(self, n: int) -> None:
        self._n = n

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[int]: ...

    def __getitem__(self, i: Union[int, slice]) -> Union[int, Sequence[int]]:
        if isinstance(i, slice):
            return range(self._n)[i]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("offset out of range")
        return i

    def __iter__(self) -> Iterator[int]:
        return iter(range(self._n))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, IdentityMap):
            return other._n == self._n
        if isinstance(other, (tuple, list, range)):
            return len(other) == self._n and all(a == b for a, b in zip(other, range(self._n)))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(("IdentityMap", self._n))

    def __repr__(self) -> str:
        return f"IdentityMap({self._n})"


@dataclass(frozen=True)
class ScriptView:
    """Another script's rendering of a text, with a map back to the text's offsets.

    ``to_text[i]`` is the offset in the original text of view character ``i``; it has
    ``len(view) + 1`` entries so half-open ends map too.  For a text already in simplified
    script both maps are :class:`IdentityMap` sequences that store nothing.
    """

    view: str
    to_text: Sequence[int]
    from_text: Sequence[int]  # len(text)+1 entries: text offset -> view offset


@lru_cache(maxsize=4)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_simplified(s: str) -> str:
    """``s`` in simplified characters (Hong Kong variants first), as the simplified view reads it."""
    return _converter("hk2s").convert(s)


def to_traditional(s: str) -> str:
    """``s`` in Hong Kong traditional characters (a canonical name in a traditional report's script)."""
    return _converter("s2hk").convert(s)


def detect_script(text: str) -> str:
    """``"traditional"`` when the text has more traditional-only than simplified-only characters."""
    if not text:
        return "simplified"
    sample = text if len(text) <= 200_000 else text[:200_000]
    to_simp = _converter("t2s").convert(sample)
    trad_only = sum(map(ne, sample, to_simp)) if len(to_simp) == len(sample) else _changed(sample, to_simp)
    if not trad_only:
        # No traditional-only character: simplified whatever the other count says.  Most
        # reports stop here, before the s2t converter, by far the slowest to build (~0.17 s).
        return "simplified"
    to_trad = _converter("s2t").convert(sample)
    simp_only = sum(map(ne, sample, to_trad)) if len(to_trad) == len(sample) else _changed(sample, to_trad)
    return "traditional" if trad_only > simp_only else "simplified"


def _changed(a: str, b: str) -> int:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(i2 - i1 for tag, i1, i2, _, _ in sm.get_opcodes() if tag != "equal")


def simplified_view(text: str, script: str) -> ScriptView:
    """The simplified rendering of ``text`` with offset maps both ways (see module docstring)."""
    if script != "traditional":
        n = len(text) + 1
        return ScriptView(text, IdentityMap(n), IdentityMap(n))  # type: ignore[arg-type]
    return _mapped_view(text, _converter("hk2s").convert)


def folded_view(text: str) -> ScriptView:
    """``text`` with script variants folded to one form, with maps (see module docstring)."""
    hk2s, s2hk = _converter("hk2s").convert, _converter("s2hk").convert
    return _mapped_view(text, lambda chunk: hk2s(s2hk(hk2s(chunk))))


def _mapped_view(text: str, convert) -> ScriptView:
    """``text`` converted sentence chunk by sentence chunk by ``convert``, with offset maps both
    ways (a chunk whose length changed is aligned by :func:`_align`)."""
    vlen = 0
    parts: list[str] = []
    to_text: list[int] = []
    from_text: list[int] = []
    for m in _CHUNK().finditer(text):
        s, e = m.span()
        if s == e:
            continue
        chunk = text[s:e]
        conv = convert(chunk)
        if len(conv) == len(chunk):
            to_text.extend(range(s, e))
            from_text.extend(range(vlen, vlen + len(chunk)))
        else:
            _align(chunk, conv, s, vlen, to_text, from_text)
        parts.append(conv)
        vlen += len(conv)
    view = "".join(parts)
    to_text.append(len(text))
    from_text.append(len(view))
    return ScriptView(view, tuple(to_text), tuple(from_text))


def _align(chunk: str, conv: str, s: int, v0: int, to_text: list[int], from_text: list[int]) -> None:
    """Append maps for a chunk whose conversion changed length (monotone, inside the chunk)."""
    t2v = [0] * len(chunk)
    v2t = [0] * len(conv)
    sm = difflib.SequenceMatcher(None, chunk, conv, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                t2v[i1 + k] = j1 + k
                v2t[j1 + k] = i1 + k
            continue
        # proportional spread over the replaced stretch keeps both maps monotone
        for k in range(i2 - i1):
            t2v[i1 + k] = j1 + (k * (j2 - j1)) // max(1, i2 - i1)
        for k in range(j2 - j1):
            v2t[j1 + k] = i1 + (k * (i2 - i1)) // max(1, j2 - j1)
    to_text.extend(s + x for x in v2t)
    from_text.extend(v0 + x for x in t2v)
