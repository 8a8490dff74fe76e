"""Text → diff tokens: numbers with their units as one atom, words (rjieba), punctuation, space.

Contract: :func:`tokenize` covers its input exactly — the tokens' ``[start, end)`` spans are
contiguous and their texts concatenate to the input — so edit operations on tokens can always be
turned back into text.  Each token also carries a ``key``: what the comparison looks at
(width-folded with NFKC, so ``８％`` and ``8%`` compare equal; empty for tokens the options say
to ignore).  ``tokenize`` segments a *view* of the text (the simplified-script view, for
script-blind comparison) and maps every token back to the text as written through ``to_text``.

Why numbers are atoms: a character diff cuts ``6.5%`` into ``6.`` and ``5``; a word segmenter
splits ``1200万人`` into ``1200`` + ``万人`` and ``２０２３年`` into single digits.  A number, its
multiplier (万/亿…) and its unit form one token, and a range ``6%-6.5%`` is one token too, so a
changed value is one replaced atom.  Qualifier words (``左右``, ``以上``) stay separate tokens: a
qualifier change is then a small edit next to an unchanged number.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from sys import intern
from typing import NamedTuple, Optional, Sequence

import rjieba

from .numerals import name_marks
from ..lazyre import compiled

# Units a number may carry (longest first so the regex prefers 万平方米 over 万).  Dates are
# numbers too (``2024年``): a changed year is a changed number.
_UNITS = sorted(
    """个百分点 百分点 微克/立方米 平方公里 平方千米 万平方米 平方米 立方米 千瓦时 千瓦 千伏 兆瓦 公里 千米 公顷
    千克 公斤 个工作日 工作日 人次 人民币 美元 港元 港币 欧元 元 吨 斤 亩 户 人 个 家 辆 所 项 台 张 套 笔 宗 处 座 条 件
    名 岁 米 倍 周年 年 月 日 天 小时 分钟 周 批 只 头 部 床 位 间 栋 层 艘 架 列 趟 班 次 轮 届 期 篇 本 场 % ％
    ‰""".split(),
    key=len,
    reverse=True,
)
_MULT = "(?:万亿|千亿|百亿|十亿|千万|百万|十万|万|亿|千|百)"
_NUM = r"\d+(?:,\d{3})*(?:[.．]\d+)?"
_UNIT = "(?:" + "|".join(re.escape(u) for u in _UNITS) + ")"
# A space may sit inside a number atom (``2021 年``, as PDFs print it), a line break may not:
# ``附件2`` ending one line and ``名词解释`` opening the next are no ``2名``.
_SP = r"[^\S\n]?"
_ONE = rf"{_NUM}{_SP}{_MULT}?{_SP}{_UNIT}?"
# A number is not an atom when it is part of a Latin name (PM2.5, 5G, G20): leave those to rjieba.
# The atom is matched whole (atomic group, no backtracking to a shorter number); one that ends
# in a digit must not run into Latin letters (5G is a name), one that ends in a unit may (2020年QS).
NUMBER_RE = compiled(rf"(?<![A-Za-z\d.])(?>{_ONE}(?:{_SP}[-－~～—至到]{_SP}{_ONE})?)(?:(?<=\d)(?![A-Za-z])|(?<!\d))")

# A note reference (``四大主导产业［2］``) is a label, like a paragraph's number: notes renumbered
# between two years are no number change.
NOTE_RE = compiled(r"[［\[]\d{1,3}[］\]]")
_ATOM_RE = compiled(rf"(?P<note>{NOTE_RE.pattern})|(?P<num>{NUMBER_RE.pattern})")

#: qualifier words (DOMAIN.md 3): a change of these next to a number is a number change.
QUALIFIERS = frozenset(
    """左右 约 大约 以上 不低于 不少于 以内 不超过 不高于 以下 超 超过 逾 余 多 近 接近 不到 低于 高于 突破 上下 开外
    """.split()
)


class Token(NamedTuple):
    """One diff token: ``text`` is ``source[start:end]`` as written; ``key`` is what is compared.

    Immutable like the model's frozen dataclasses, but a named tuple: a comparison makes one per
    word on both sides (tens of thousands), and a tuple is built in a third of the time.
    """

    start: int
    end: int
    text: str
    key: str
    kind: str  # num | word | punct | space | label (a block's numbering: 一、 （三） 5.; a note ［2］)


# Punctuation, symbols and spaces only (CJK ideographs, letters and digits are \w).
_NON_WORD = compiled(r"[\W_]+")


def _words(segment: str, granularity: str) -> list[str]:
    """Split a number-free stretch into words (rjieba) or characters; whitespace runs stay whole."""
    if granularity == "char":
        return _CHARS.findall(segment)
    pieces = rjieba.cut(segment)
    if not _SPACE_RUN.search(segment):
        return pieces  # no two whitespace characters in a row: nothing to merge
    # rjieba emits one token per whitespace character; merge runs so a re-wrapped line is one edit.
    merged: list[str] = []
    prev_space = False
    for p in pieces:
        space = p.isspace()
        if space and prev_space:
            merged[-1] += p
        else:
            merged.append(p)
        prev_space = space
    return merged


_CHARS = compiled(r"\s+|.", re.S)
_SPACE_RUN = compiled(r"\s\s")


def _key(text: str, kind: str, *, ignore_width: bool) -> str:
    """What the comparison looks at (module docstring)."""
    return _cached_key(text, kind, ignore_width)


@lru_cache(maxsize=1 << 16)
def _cached_key(text: str, kind: str, ignore_width: bool) -> str:
    """What the comparison looks at (module docstring); cached: a report repeats its words."""
    if kind == "space":
        # Whitespace is compared as written (so operations rebuild the text exactly); the
        # classifier never reports a whitespace-only edit as a change.
        return text
    key = unicodedata.normalize("NFKC", text) if ignore_width else text
    if kind == "num":
        key = re.sub(r"\s+", "", key)
        if ignore_width:
            # one range written with another dash (0-6岁, 0—6岁, 5%～6%) is the same range, as
            # ８％ is 8%: forms, not content
            key = _RANGE_DASH.sub("-", key)
    return key


@lru_cache(maxsize=1 << 16)
def _word_kind(w: str) -> str:
    """``space``, ``punct`` (only punctuation and symbols) or ``word``; cached per distinct word."""
    return "space" if w.isspace() else "punct" if _NON_WORD.fullmatch(w) else "word"


_RANGE_DASH = compiled(r"(?<=[\d%％])\s*[-－~～—–]+\s*(?=\d)")


def _spans(view: str, granularity: str) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` over ``view``, contiguous: number and note atoms by one regex pass,
    the stretches between them cut into words."""
    spans: list[tuple[int, int, str]] = []
    append = spans.append

    def add_plain(a: int, b: int) -> None:
        words = _words(view[a:b], granularity)
        ends = list(accumulate(map(len, words), initial=a))
        spans.extend(zip(ends, ends[1:], map(_word_kind, words)))

    pos = 0
    for m in _ATOM_RE.finditer(view):
        s, e = m.span()
        while e > s and view[e - 1].isspace():  # keep trailing whitespace out of the atom
            e -= 1
        kind = "label" if m.lastgroup == "note" else "num"
        if kind == "num":
            s, e, kind = _name(view, s, e, pos)
        if s > pos:
            add_plain(pos, s)
        append((s, e, kind))
        pos = e
    if pos < len(view):
        add_plain(pos, len(view))
    return spans


_QUOTES = ("“", "”"), ("「", "」"), ('"', '"')


def _name(view: str, s: int, e: int, pos: int) -> tuple[int, int, str]:
    """The token a number atom ``view[s:e]`` makes: ``(s, e, "num")`` for a quantity, or a
    ``word`` widened over its marks when the number is part of a name (``lexicon/name_marks.tsv``,
    the quantity annotator's rule): ``15号线`` and ``第14届`` are names, so ``15号线`` →
    ``13号线`` is a renamed line, not a number changed; a number alone in quotes (``“16条”``)
    is a label.  ``pos`` is where the text not yet tokenized starts (a mark before the number
    is taken only from there)."""
    marks = name_marks()
    name = False
    before = next((mk for mk in marks["before"] if s - len(mk) >= pos and view.startswith(mk, s - len(mk))), None)
    if before is not None:
        s -= len(before)
        name = True
    # a number with a unit takes only marks written after a unit (3号, 百亿级); a bare one all
    candidates = marks["next"] + (marks["next_bare"] if view[e - 1].isdigit() else ())
    after = max((mk for mk in candidates if view.startswith(mk, e)), key=len, default=None)
    if after is not None:
        e += len(after)
        name = True
    if not name and s > 0 and any(view[s - 1] == a and view.startswith(b, e) for a, b in _QUOTES):
        name = True
    return s, e, "word" if name else "num"


def tokenize(
    view: str,
    to_text: Optional[Sequence[int]] = None,
    text: Optional[str] = None,
    *,
    granularity: str = "word",
    ignore_width: bool = True,
) -> list[Token]:
    """Tokens of ``view``, located in ``text`` (default: ``view`` itself).

    ``to_text[i]`` maps view offset ``i`` to a text offset (``len(view)+1`` entries, monotone).
    The returned tokens cover ``text`` exactly, in order.
    """
    if text is None:
        text = view
    if granularity not in ("word", "char"):
        raise ValueError(f"granularity must be 'word' or 'char', not {granularity!r}")
    spans = _spans(view, granularity)
    if to_text is None and text is view:
        # The view is the text: spans are tokens as they stand (the common, simplified case).
        # Words are interned: a report repeats its words, and one string per distinct word
        # (its key is then the same string) keeps the token list a third smaller.
        # (``tuple.__new__`` builds the named tuple in C: ``Token._make`` is a Python call per token)
        key, new, cls = _cached_key, tuple.__new__, Token
        return [new(cls, (s, e, w, key(w, kind, ignore_width), kind)) for s, e, kind in spans
                for w in (intern(view[s:e]),)]

    tokens: list[Token] = []
    cur = 0  # text offset covered so far
    for s, e, kind in spans:
        ts, te = (to_text[s], to_text[e]) if to_text is not None else (s, e)
        if te <= cur:
            # A conversion that made several view characters from one text character: the
            # first view token owns the text character, the others vanish.
            continue
        ts = cur  # anything the map skipped belongs to this token, so coverage stays exact
        key = _key(view[s:e], kind, ignore_width=ignore_width)
        tokens.append(Token(ts, te, text[ts:te], key, kind))
        cur = te
    if cur < len(text):
        rest = text[cur:]
        kind = "space" if rest.isspace() else "word"
        tokens.append(Token(cur, len(text), rest, _key(rest, kind, ignore_width=ignore_width), kind))
    return tokens


def merge_atoms(tokens: Sequence[Token], spans: Sequence[tuple[int, int]], *, ignore_width: bool = True,
                kind: str = "num") -> list[Token]:
    """Make each annotated span (a quantity, a date: text offsets) one ``num`` token.

    Inline annotations are atoms of the diff (DESIGN.md B): ``两年``, ``千亿元``, ``2024年3月5日``
    change as a whole.  A span is widened to whole tokens; qualifier words at its ends stay
    tokens of their own (the qualifier decision above); spans crossing a line break, and spans
    overlapping one already merged, are left alone.  Coverage of the text is unchanged.
    """
    if not spans:
        return list(tokens)
    starts = list(map(itemgetter(0), tokens))  # Token.start, gathered in C
    out: list[Token] = []
    k = 0
    for s, e in sorted(set(spans)):
        i = bisect_right(starts, s) - 1
        if i < k:
            continue  # overlaps a merged atom
        j = i
        while j < len(tokens) and tokens[j].start < e:
            j += 1
        # keep qualifier words at either end as their own tokens
        a, b = i, j
        while kind == "num" and a < b and tokens[a].key in QUALIFIERS:
            a += 1
        while kind == "num" and b > a and tokens[b - 1].key in QUALIFIERS:
            b -= 1
        group = tokens[a:b]
        if not group or any(t.kind == "space" and "\n" in t.text for t in group):
            continue
        kinds = {t.kind for t in group}
        if kind == "num" and (group[0].kind == "punct" or "label" in kinds or ("num" in kinds and kinds != {"num"})):
            # Digits are the number regex's business (one rule on both sides, whatever the
            # annotators saw); spans add Chinese-numeral quantities (两年, 千亿元) and dates
            # made of several atoms (2024年3月5日).  A span mixing both (65岁及) is left alone.
            continue
        out.extend(tokens[k:a])
        text = "".join(t.text for t in group)
        key = re.sub(r"\s+", "", "".join(t.key for t in group))
        out.append(Token(group[0].start, group[-1].end, text, key, kind))
        k = b
    out.extend(tokens[k:])
    return out
