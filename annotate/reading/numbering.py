"""Numbering labels of Chinese government reports: recognise them, read their value.

Shared vocabulary for ``structure`` (hierarchy) and ``normalize`` (e.g. "does this line start a
heading?").  DOMAIN.md section 2: ``一、`` > ``（一）`` > ``1.``/``1．`` > ``（1）`` > ``①``; Hong Kong
chapters ``第一章`` / ``(一) 前言``; the formal numerals ``壹、貳、參、`` (Taiwan's reports head their
parts so, over ``一、``) and the heavenly stems ``甲、乙、丙、``; run-in labels ``一是`` (never a
heading: the lead of a paragraph); dash-led entries ``——``; note labels ``［1］``.

Contract: :func:`match_label` looks at ``text[pos:]`` and returns a :class:`Label` (style, integer
value, the label as written and its half-open end offset) or None.  It never reads past the label
itself, so it is O(1) per call; the patterns are compiled once.
"""

from __future__ import annotations

import re
from ..lazyre import compiled
from dataclasses import dataclass
from typing import Optional

CN_DIGITS = "〇零一二三四五六七八九十百两兩"
_CN_VALUE = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# Label styles, coarsest first.  RANK is the default nesting order (DOMAIN.md section 2); the
# structure builder only uses it to decide which of two styles nests inside the other.
CHAPTER = "chapter"        # 第一章 / 第一部分 / 第一篇
CN_FIN = "cn_fin"          # 壹、 貳、 參、 (the formal numerals of cheques and contracts)
STEM = "stem"              # 甲、 乙、 丙、 (the heavenly stems, counting 1 to 10)
CN_DUN = "cn_dun"          # 一、
CN_PAREN = "cn_paren"      # （一） (一)
ARABIC_DOT = "arabic_dot"  # 1. 1． 1、
ARABIC_PAREN = "arabic_paren"  # （1） (1)
CIRCLED = "circled"        # ①
NOTE = "note"              # ［1］ [1] 【1】, footnotes 註1: / 注1：
RUN_IN = "run_in"          # 一是 / 二是
DASH = "dash"              # ——
BULLET = "bullet"          # • ● ▪ ◆ ■ -

# 壹、 and 甲、 divide a report more coarsely than 一、 (壹、前言 > 一、 > （一）), finer than 第一章
RANK = {CHAPTER: 0, CN_FIN: 0.3, STEM: 0.6, CN_DUN: 1, CN_PAREN: 2, ARABIC_DOT: 3, ARABIC_PAREN: 4, CIRCLED: 5}
_FIN_DIGITS = "壹貳贰參叁肆伍陸陆柒捌玖拾"
# a formal numeral read as the plain one it stands for (cn_to_int reads that)
_FIN_PLAIN = str.maketrans(_FIN_DIGITS, "一二二三三四五六六七八九十")
_STEMS = "甲乙丙丁戊己庚辛壬癸"


@dataclass(frozen=True)
class Label:
    style: str
    value: int  # 1-based ordinal; 0 for unnumbered styles (dash, bullet)
    text: str  # the label as written, e.g. "（三）", "12.", "一是"
    end: int  # offset just past the label in the string it was matched in (whitespace after excluded)


def cn_to_int(s: str) -> Optional[int]:
    """Value of a Chinese numeral up to 999 (``十二`` → 12, ``二十`` → 20, ``一百零五`` → 105)."""
    if not s:
        return None
    if s.isdigit():
        return int(s.translate(_FW_DIGITS))
    total, cur = 0, 0
    for ch in s:
        if ch in _CN_VALUE:
            cur = _CN_VALUE[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


_CN = f"[{CN_DIGITS}]{{1,4}}"
_DIG = r"[0-9０-９]{1,3}"
# Order matters: longer / more specific styles first.  Each group 1 is the numeral.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (CHAPTER, compiled(rf"第({_CN}|{_DIG})(?:章|部分|篇)")),
    (CN_PAREN, compiled(rf"[（(]\s?({_CN})\s?[）)]")),
    (ARABIC_PAREN, compiled(rf"[（(]({_DIG})[）)]")),
    (NOTE, compiled(rf"[［\[【]({_DIG})[］\]】]")),
    # a footnote line "註1: …" / "注1：…" (Hong Kong page footers); the colon must follow, so
    # "注重…" and "注1个" are not labels.  The label is "註1", the colon separates like 、 does.
    (NOTE, compiled(rf"(?:註|注)\s?({_DIG})(?=\s?[:：︰])")),
    (CN_FIN, compiled(rf"([{_FIN_DIGITS}]{{1,3}})、")),
    # 甲、 but not 甲、乙类 / 甲、乙双方, where the stems are listed, not counted
    (STEM, compiled(rf"([{_STEMS}])、(?![{_STEMS}])")),
    # 一、 一. and a numeral alone on its line (older reports head their parts 一 / 二 / 三)
    (CN_DUN, compiled(rf"({_CN})(?:、|[.．](?![0-9０-９{CN_DIGITS}])|(?=[ \t\u3000]*(?:\n|$)))")),
    (RUN_IN, compiled(rf"({_CN})是(?=[^\s，。、；：,.])")),
    # 1. / 1． / 1、 but not a decimal (1.5) nor a date/quantity (1.5万, 2024.1)
    (ARABIC_DOT, compiled(rf"({_DIG})(?:[.．](?![0-9０-９])|、)")),
    (CIRCLED, compiled(f"([{_CIRCLED}])")),
    (DASH, compiled(r"(?:——|--|－－|—)(?!—)")),
    (BULLET, compiled(r"[•●▪◆■·\-*](?=\s)")),
)
_FIRST_CHARS = set("註注第（(［[【—－-•●▪◆■·*" + CN_DIGITS + _FIN_DIGITS + _STEMS + "0123456789０１２３４５６７８９" + _CIRCLED)


def match_label(text: str, pos: int = 0) -> Optional[Label]:
    """The numbering label starting exactly at ``text[pos]``, or None."""
    if pos >= len(text) or text[pos] not in _FIRST_CHARS:
        return None
    for style, pat in _PATTERNS:
        m = pat.match(text, pos)
        if not m:
            continue
        if style in (DASH, BULLET):
            return Label(style, 0, m.group(0), m.end())
        raw = m.group(1)
        if style == CIRCLED:
            value = _CIRCLED.index(raw) + 1
        elif style == STEM:
            value = _STEMS.index(raw) + 1
        elif style == CN_FIN:
            value = cn_to_int(raw.translate(_FIN_PLAIN))
        else:
            value = cn_to_int(raw) if style in (CHAPTER, CN_PAREN, CN_DUN, RUN_IN) else int(raw.translate(_FW_DIGITS))
            if style == CHAPTER and value is None:
                value = int(raw.translate(_FW_DIGITS)) if raw.isdigit() else None
        if not value:
            continue
        if style == RUN_IN and value > 20:
            continue
        return Label(style, value, m.group(0), m.end())
    return None


def is_next(prev: Optional[int], value: int) -> bool:
    """Whether ``value`` continues a sequence whose last value was ``prev`` (None: first)."""
    return value == 1 if prev is None else value == prev + 1
