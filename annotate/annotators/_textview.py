"""Helpers shared by the entity and commitment annotators: a matching view of the report text,
block lookup, and the lexicon files (TSV) with their user extension paths.

Matching view: annotators match on the *simplified* text (``Report.simplified``, DOMAIN.md 6) with
horizontal whitespace removed (PDF extraction leaves ``地铁 22 号线``), and map every match back to
``Report.text`` offsets so spans always show the text as the report wrote it.

Lexicon extension: ``ANNOTATE_LEXICON`` holds one or more paths separated by ``os.pathsep``; each is
a folder holding any of the lexicon files by their built-in names (``entities.tsv``,
``entity_suffixes.tsv``, ``commitment_verbs.tsv``) or a single file: a file named like a built-in
lexicon extends that lexicon, any other file extends the entity gazetteer.  Their rows are added
after the built-in rows; a later row for the same key replaces an earlier one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

from ..lexicon import DIR as LEXICON_DIR
from ..model import Report
from ..lazyre import compiled

ENV_VAR = "ANNOTATE_LEXICON"
KNOWN_LEXICONS = ("entities.tsv", "entity_suffixes.tsv", "commitment_verbs.tsv")

PathLike = Union[str, os.PathLike]


# --------------------------------------------------------------------------- matching view

_SPACE = compiled(r"[ \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff]+")


@dataclass(frozen=True)
class MatchView:
    """``text``: the simplified report text without horizontal whitespace.

    ``to_text[i]`` is the ``Report.text`` offset of ``text[i]``; ``ends[i]`` is the
    ``Report.text`` offset just after it (so half-open spans map exactly even when a simplified
    character stands for several written ones).
    """

    text: str
    to_text: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Report.text offsets of the half-open view span ``[start, end)`` (end > start)."""
        return self.to_text[start], self.ends[end - 1]


def _script_view(report: Report) -> tuple[str, Optional[Sequence[int]]]:
    """(simplified text, map to Report.text) — identity when the script module is not there."""
    if report.meta.script == "simplified":
        # Simplified reports need no conversion; skip the (lazy) OpenCC view entirely.
        return report.text, None
    try:
        sv = report.simplified
    except (ImportError, AttributeError):
        return report.text, None
    return sv.view, sv.to_text


# One slot, replaced by a single assignment (safe under threads): (text object, script, view).
_VIEW_SLOT: tuple = (None, None, None)
# (view object, (tokens, offsets))
_TOKEN_SLOT: tuple = (None, None)


def match_view(report: Report) -> MatchView:
    """The matching view of ``report`` (cached per text object: entities and commitments share it)."""
    global _VIEW_SLOT
    text_obj, script, cached = _VIEW_SLOT
    if cached is not None and text_obj is report.text and script == report.meta.script:
        return cached
    view, vmap = _script_view(report)
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for m in _SPACE.finditer(view):
        if m.start() > pos:
            parts.append(view[pos : m.start()])
            starts.extend(range(pos, m.start()))
        pos = m.end()
    parts.append(view[pos:])
    starts.extend(range(pos, len(view)))
    # One quotation style (「十四五」規劃 reads as “十四五”规划): same length, offsets unchanged.
    text = "".join(parts).replace("「", "“").replace("『", "“").replace("」", "”").replace("』", "”")
    if vmap is None:
        to_text = tuple(starts)
        ends = tuple(map((1).__add__, starts))  # C-level: no per-character Python frame
    else:
        to_text = tuple(map(vmap.__getitem__, starts))
        ends = tuple(max(vmap[i + 1], vmap[i] + 1) for i in starts)
    mv = MatchView(text, to_text, ends)
    _VIEW_SLOT = (report.text, report.meta.script, mv)
    return mv


def match_tokens(report: Report) -> tuple[list[tuple[str, str]], list[int]]:
    """rjieba ``(word, pos)`` tokens of the matching view and each token's view offset (cached)."""
    global _TOKEN_SLOT
    mv = match_view(report)
    of, cached = _TOKEN_SLOT
    if cached is not None and of is mv:
        return cached
    import rjieba

    tokens = rjieba.tag(mv.text)
    # each token's offset is the running length of the tokens before it (accumulate runs in C)
    offsets = list(accumulate(map(len, map(itemgetter(0), tokens)), initial=0))
    offsets.pop()
    _TOKEN_SLOT = (mv, (tokens, offsets))
    return tokens, offsets


# --------------------------------------------------------------------------- blocks


class BlockLocator:
    """The block an annotation belongs to: :meth:`Report.block_id_at` (the innermost ``p``/``item``,
    else the innermost non-sentence block, e.g. a heading; ``""`` when no block holds the offset).

    Kept as a callable for the annotators that take one; the rule lives in the model so every
    layer agrees.
    """

    def __init__(self, report: Report):
        self.report = report

    def __call__(self, offset: int) -> str:
        return self.report.block_id_at(offset)


# --------------------------------------------------------------------------- lexicon files


def read_tsv(path: PathLike) -> list[list[str]]:
    """Rows of a lexicon TSV: ``#`` lines and blank lines skipped, cells stripped."""
    rows = []
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            rows.append([c.strip() for c in line.split("\t")])
    return rows


def lexicon_files(name: str, extra: Union[PathLike, Iterable[PathLike], None] = None) -> list[Path]:
    """The files that make up lexicon ``name``: built-in, then ``ANNOTATE_LEXICON``, then ``extra``."""
    out = [LEXICON_DIR / name]
    entries: list[str] = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    if extra is not None:
        if isinstance(extra, (str, os.PathLike)):
            entries.append(os.fspath(extra))
        else:
            entries.extend(os.fspath(e) for e in extra)
    for entry in entries:
        p = Path(entry).expanduser()
        if p.is_dir():
            if (p / name).is_file():
                out.append(p / name)
        elif p.is_file():
            if p.name == name or (name == "entities.tsv" and p.name not in KNOWN_LEXICONS):
                out.append(p)
    return out


def files_key(files: list[Path]) -> tuple:
    """A cache key that changes when a lexicon file is edited."""
    key = []
    for f in files:
        try:
            st = f.stat()
            key.append((str(f), st.st_mtime_ns, st.st_size))
        except OSError:
            key.append((str(f), 0, 0))
    return tuple(key)
