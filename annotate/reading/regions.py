"""The region gazetteer (``lexicon/regions.tsv``): every province, autonomous region,
municipality, SAR, prefecture city and district or county, with short names and the pinyin that
file names use.

Contract
--------
- ``gazetteer()`` loads the table once per process.
- ``Gazetteer.parse(s)`` reads the region a name such as ``北京市通州区发展和改革委员会``,
  ``2025年北京市政府工作报告`` or ``在湖南省第十四届人民代表大会第五次会议上`` is about: the deepest
  region whose full names appear in ``s`` as a chain (province, then its city, then its district),
  or ``None``.  A name that several regions share (``通州区``) counts only under a parent named
  before it.  ``s`` must be in simplified characters.
- ``Gazetteer.display_name(region)`` is the name a report uses for its issuer: the province, city
  or SAR name (台湾 for Taiwan, as the Executive Yuan's reports write it); for a district the name of the city or municipality it belongs to, then its own
  (``北京市通州区``, ``淮安市洪泽区``).
- ``Gazetteer.count_provinces(text)`` counts how often each province-level region is named (full
  or short name, two characters or more), for reports whose title does not say where they are from.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional
from ..lexicon import DIR as LEXICON_DIR

NATIONAL = "000000"
TAIWAN = "710000"
_LEXICON = LEXICON_DIR / "regions.tsv"


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # national | province | sar | city | district
    parent: Optional[str]
    aliases: tuple[str, ...]


class Gazetteer:
    """Regions by code and by name; see the module docstring."""

    def __init__(self, regions: list[Region]) -> None:
        self.by_code = {r.code: r for r in regions}
        by_name: dict[str, list[Region]] = {}
        for r in regions:
            by_name.setdefault(r.name, []).append(r)
        self.by_name = by_name
        # Name tables scanned by :func:`_find_names` (a regex alternation of ~3,000 names took
        # ~80 ms to compile in every process that reads a report).
        self._names = _NameTable(n for n in by_name if len(n) >= 2)
        provincial = [r for r in regions if r.level in ("province", "sar")]
        self._province_of: dict[str, Region] = {}
        for r in provincial:
            for n in (r.name, *r.aliases):
                # (a comparison, not re.match: a class of 20,992 ideographs takes a millisecond to compile)
                if len(n) >= 2 and "\u4e00" <= n[0] <= "\u9fff":
                    self._province_of[n] = r
        self._provinces = _NameTable(self._province_of)
        self._ascii: dict[str, Region] = {}
        for r in provincial + [self.by_code[NATIONAL]]:
            for a in r.aliases:
                if a.isascii():
                    self._ascii[a] = r

    @property
    def national(self) -> Region:
        return self.by_code[NATIONAL]

    def is_under(self, region: Region, ancestor: Region) -> bool:
        """True when ``ancestor`` contains ``region`` (a region is not under itself)."""
        code = region.parent
        while code:
            if code == ancestor.code:
                return True
            code = self.by_code[code].parent if code in self.by_code else None
        return False

    def parse(self, s: Optional[str]) -> Optional[Region]:
        if not s:
            return None
        chain: list[Region] = []
        for start, name in self._names.finditer(s):
            candidates = self.by_name[name]
            if chain:
                under = [c for c in candidates if self.is_under(c, chain[-1])]
                if under:
                    chain.append(under[0])
                    continue
                if any(c.code == chain[-1].code for c in candidates):
                    continue
                break  # a second, unrelated place: the first one is the report's
            elif len(candidates) == 1 and candidates[0].level in ("province", "sar", "city", "national"):
                chain.append(candidates[0])
            elif len(candidates) == 1 and start == 0:
                chain.append(candidates[0])  # a district named first, alone: unambiguous
        return chain[-1] if chain else None

    def ambiguous(self, s: Optional[str]) -> list[Region]:
        """The regions the first name in ``s`` may be when several share it (``通州区``: Beijing's
        and Nantong's), for the caller to decide by other evidence; [] when it is not ambiguous."""
        first = next(iter(self._names.finditer(s or "")), None)
        if first is None or len(self.by_name[first[1]]) < 2:
            return []
        return list(self.by_name[first[1]])

    def province_of(self, region: Region) -> Region:
        """The province-level region holding ``region`` (itself for a province or SAR)."""
        r = region
        while r.parent and r.parent != NATIONAL and r.parent in self.by_code:
            r = self.by_code[r.parent]
        return r

    def display_name(self, region: Region) -> str:
        if region.code == TAIWAN:
            # the gazetteer follows GB/T 2260 (台湾省); the Executive Yuan's own reports name their
            # jurisdiction 台湾, and the region field is the name the report uses
            return "台湾"
        if region.level != "district" or not region.parent or region.parent not in self.by_code:
            return region.name
        return self.by_code[region.parent].name + region.name

    def count_provinces(self, text: str) -> Counter:
        counts: Counter = Counter()
        for _, name in self._provinces.finditer(text):
            counts[self._province_of[name].code] += 1
        return counts

    def from_ascii(self, word: str) -> Optional[Region]:
        """A province-level region (or the nation) by the pinyin a file name uses (``hunan``)."""
        return self._ascii.get(word.lower())


class _NameTable:
    """A set of names found in a text leftmost-longest, without overlaps: what ``re.finditer``
    gives for the alternation of the names sorted longest first, read from a hash table."""

    def __init__(self, names) -> None:
        self._names = frozenset(names)
        self._lengths = sorted({len(n) for n in self._names}, reverse=True)
        self._firsts = frozenset(n[0] for n in self._names)

    def finditer(self, s: str):
        """Yield ``(start, name)`` for each name found in ``s``, left to right."""
        names, lengths, firsts = self._names, self._lengths, self._firsts
        i, n = 0, len(s)
        while i < n:
            if s[i] in firsts:
                for length in lengths:
                    if i + length <= n and s[i : i + length] in names:
                        yield i, s[i : i + length]
                        i += length
                        break
                else:
                    i += 1
            else:
                i += 1


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    regions = []
    with open(_LEXICON, encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            code, name, level, parent, aliases = line.rstrip("\n").split("\t")
            regions.append(Region(code, name, level, parent or None,
                                  tuple(a for a in aliases.split("|") if a)))
    return Gazetteer(regions)
