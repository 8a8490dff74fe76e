"""Numerals as written in Chinese reports → numbers.

Contract:
- :func:`parse_number` turns an Arabic (``90.15``, ``1,234``, ``８``), Chinese (``一千二百``,
  ``两``, ``十二``, ``三点五``, ``〇``) or mixed (``1.2万``, ``3千``) numeral into an ``int`` when
  the value is integral, else a ``float``; it returns ``None`` for anything that is not a numeral.
- :func:`split_multiplier` separates a trailing 万/亿 multiplier from a numeral so that the
  multiplier can become part of the unit (DOMAIN.md 3: ``千亿元`` is value 1000, unit 亿元).
- :data:`MULTIPLIERS` is the scale of each multiplier prefix a unit may carry.
- A leading sign (``-``, ``－``, ``−``, ``负``, ``零下``) makes the value negative (``负2.7`` → -2.7).
- Financial numerals (``壹贰叁``, ``壹万伍仟``) read like their everyday forms; mixed Arabic and
  Chinese levels (``2万3000``, ``4万2千8百``) are one number.
- :func:`approximate_bounds` reads an approximate numeral (``三十几``, ``几十``, ``三四百``) as (low, high).
- Colloquial shortened numerals read as said: ``两万五`` is 25000, ``三千五`` 3500.
- :func:`name_marks` reads ``lexicon/name_marks.tsv``: the marks that make a number part of a
  name (``17号线``, ``第14届``, ``世界500强``), shared by the quantity annotator and the comparison's
  tokenizer so both read a name alike.

Pure functions, no state; full-width digits are accepted because users call these on raw text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional, Union

from ..lexicon import DIR as LEXICON_DIR
from ..lazyre import compiled, lazy

Number = Union[int, float]

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
#: financial numerals (大写, written on cheques and budgets so that no stroke can be added)
FINANCIAL = str.maketrans("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬億", "一二二三三四五六六七八九十百千万亿")
#: characters that make the number after them negative (零下 is read too, by parse_number)
SIGNS = "-－−负"
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

#: multiplier prefixes a unit may carry, longest first (``万亿元`` before ``亿元``)
MULTIPLIERS: dict[str, int] = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "十亿": 10**9,
    "千万": 10**7,
    "百万": 10**6,
    "十万": 10**5,
    "亿": 10**8,
    "万": 10**4,
    "千": 10**3,
}

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"
_SEPARATOR = lazy(r"(?<=[0-9])(?:, ?|[ \u00a0\u2009\u202f])(?=[0-9]{3})")
#: a level followed by digits: 2万3000, 4万2千8百 (Arabic digits in the places of a Chinese numeral)
_LEVEL_THEN_DIGIT = compiled(r"[十百千万亿][0-9]")
_MIXED = lazy(r"([0-9]+(?:\.[0-9]+)?)|([十百千万亿])")


def tidy(n: float) -> Number:
    """``int`` when integral (and not huge-float noise), else a float rounded to 10 places."""
    if isinstance(n, int):
        return n
    r = round(n, 10)
    if r == int(r) and abs(r) < 1e18:
        return int(r)
    return r


#: a last digit right after 百/千/万/亿 counts in the next lower place: 两万五 is 25000, 三千五 3500
_COLLOQUIAL = compiled(r"(.*[一二两三四五六七八九])([百千万亿])([一二三四五六七八九])")
_NEXT_LOWER = {"百": 10, "千": 100, "万": 1000, "亿": 10_000_000}


def _parse_cn_int(s: str) -> Optional[int]:
    """一千二百万 → 12000000; 十二 → 12; 两 → 2; 三五 (digit string) → 35; 两万五 → 25000."""
    if not s:
        return None
    colloquial = _COLLOQUIAL.fullmatch(s)
    if colloquial and "零" not in s:
        head = _parse_cn_int(colloquial[1] + colloquial[2])
        return None if head is None else head + CN_DIGITS[colloquial[3]] * _NEXT_LOWER[colloquial[2]]
    if all(c in CN_DIGITS for c in s):
        # a digit string like 二〇二一 or a single digit
        v = 0
        for c in s:
            v = v * 10 + CN_DIGITS[c]
        return v
    total = 0  # finished 亿 groups
    section = 0  # finished 万 group below 亿
    cur = 0  # below 万
    digit: Optional[int] = None
    for c in s:
        if c in CN_DIGITS:
            if digit is not None and digit != 0 and CN_DIGITS[c] != 0:
                return None  # two digits in a row inside a positional numeral: not a numeral
            digit = CN_DIGITS[c]
        elif c in CN_SMALL_UNITS:
            cur += (1 if digit is None else digit) * CN_SMALL_UNITS[c]
            digit = None
        elif c == "万":
            cur += digit or 0
            digit = None
            section += (cur or 1) * 10_000
            cur = 0
        elif c == "亿":
            cur += digit or 0
            digit = None
            total += ((section + cur) or 1) * 100_000_000
            section = cur = 0
        else:
            return None
    cur += digit or 0
    return total + section + cur


def _parse_mixed(s: str) -> Optional[Number]:
    """``2万3000`` → 23000, ``4万2千8百`` → 42800, ``1亿2000万`` → 120000000: Arabic digits in the
    places of Chinese ones, read level by level like :func:`_parse_cn_int`.  None for other strings."""
    tokens = _MIXED().findall(s)
    if "".join(a or b for a, b in tokens) != s:
        return None
    total = section = cur = 0.0
    digit: Optional[float] = None
    for arabic, level in tokens:
        if arabic:
            if digit is not None:
                return None
            digit = float(arabic)
        elif level in CN_SMALL_UNITS:
            cur += (1 if digit is None else digit) * CN_SMALL_UNITS[level]
            digit = None
        elif level == "万":
            section += ((cur + (digit or 0)) or 1) * 10_000
            cur, digit = 0, None
        else:  # 亿
            total += ((section + cur + (digit or 0)) or 1) * 100_000_000
            section = cur = 0
            digit = None
    return tidy(total + section + cur + (digit or 0))


# Cached: a pure function of a short string, and a report writes the same numerals many times.
@lru_cache(maxsize=8192)
def parse_number(s: str) -> Optional[Number]:
    """Parse an Arabic, Chinese or mixed numeral; None when ``s`` is not one.

    A leading sign (``-12.5``, ``负三十二``) gives a negative value; thousands separators
    (``1,234``, ``２，５００``, ``222, 222``) are read as such."""
    # 万万 is an old way to write 亿 (几万万人民: hundreds of millions)
    s = s.translate(_FULLWIDTH).translate(FINANCIAL).strip().replace("万万", "亿")
    if s[:1] and s[0] in SIGNS or s.startswith("零下"):
        v = parse_number(s[2:] if s.startswith("零下") else s[1:])
        return None if v is None else tidy(-v)
    if "," in s or " " in s or "\u00a0" in s or "\u2009" in s or "\u202f" in s:
        s = _SEPARATOR().sub("", s)
    if not s:
        return None
    if s[0].isdigit() and _LEVEL_THEN_DIGIT.search(s):
        return _parse_mixed(s)
    # Arabic, optionally followed by Chinese multipliers (1.2万, 3千, 2万亿)
    i = 0
    while i < len(s) and (s[i].isdigit() or s[i] == "."):
        i += 1
    if i:
        head, tail = s[:i], s[i:]
        try:
            v: float = float(head) if "." in head else int(head)
        except ValueError:
            return None
        for c in tail:
            if c in CN_SMALL_UNITS:
                v *= CN_SMALL_UNITS[c]
            elif c in CN_BIG_UNITS:
                v *= CN_BIG_UNITS[c]
            else:
                return None
        return tidy(v)
    # 百分之五 is handled by the caller (it is a unit); here 三点五 and plain Chinese numerals
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = _parse_cn_int(whole) if whole else 0
        if w is None or not frac or not all(c in CN_DIGITS for c in frac):
            return None
        return tidy(float(f"{w}.{''.join(str(CN_DIGITS[c]) for c in frac)}"))
    v2 = _parse_cn_int(s)
    return None if v2 is None else v2


#: two neighbouring digits say "one or the other": 三四个 (3-4), 十五六 (15-16), 三四百万 (300-400万)
_NEIGHBOURS = compiled(r"(?<![一二两三四五六七八九〇零])([一二两三四五六七八九])([二三四五六七八九])(?![一二两三四五六七八九〇零])")


def is_approximate(numeral: str) -> bool:
    """Whether a numeral names a span of values (十几, 几十, 数百, 三四): a cheap test before
    :func:`approximate_bounds`."""
    return "几" in numeral or "数" in numeral or bool(_NEIGHBOURS.search(numeral))


def approximate_bounds(numeral: str) -> Optional[tuple[Number, Number]]:
    """(low, high) of an approximate numeral, None for an exact one.

    ``十几`` → (11, 19), ``三十几`` → (31, 39): a 几 after 十 is a digit 1-9; ``几十``/``数十`` → (20, 90),
    ``数百`` → (200, 900): a leading 几/数 is "several" (2-9); ``三四`` → (3, 4), ``十五六`` → (15, 16),
    ``三四百`` → (300, 400): two neighbouring digits."""
    if numeral[:1] in ("几", "数"):
        low, high = parse_number("二" + numeral[1:]), parse_number("九" + numeral[1:])
    elif "几" in numeral:
        low, high = parse_number(numeral.replace("几", "一")), parse_number(numeral.replace("几", "九"))
    else:
        pair = _NEIGHBOURS.search(numeral)
        if not pair or CN_DIGITS[pair[2]] != CN_DIGITS[pair[1]] + 1:
            return None
        low = parse_number(numeral[: pair.start()] + pair[1] + numeral[pair.end() :])
        high = parse_number(numeral[: pair.start()] + pair[2] + numeral[pair.end() :])
    return None if low is None or high is None else (low, high)


@lru_cache(maxsize=8192)  # pure, and called for every numeral of every report
def split_multiplier(numeral: str) -> tuple[str, str]:
    """Split a trailing 万/亿 (万亿, 亿, 万) off a numeral: ``一千二百万`` → (``一千二百``, ``万``).

    Only a multiplier that leaves a numeral behind is split (``万`` alone stays).  Arabic heads
    keep 千/百 with the multiplier (``5千万`` → (``5``, ``千万``)).  A numeral of several levels
    is one number (``一亿二千万``, ``2万3000``, ``4万2千8百``); a lone 百 after digits is part of
    the number (``7百`` is 700: no unit is counted in hundreds).
    """
    numeral = numeral.translate(FINANCIAL)
    if _LEVEL_THEN_DIGIT.search(numeral):
        return numeral, ""  # 2万3000, 4万2千8百: mixed levels
    for m in ("万亿", "亿", "万"):
        if numeral.endswith(m) and len(numeral) > len(m):
            head = numeral[: -len(m)]
            if "万" in head or "亿" in head:
                return numeral, ""  # 一亿二千万: a multi-level numeral is one number
            # an Arabic head may carry 千/百/十 before the multiplier: 5千万
            if head[-1] in "千百十" and head[:-1] and head[-2].isdigit():
                return head[:-1], head[-1] + m
            return head, m
    if numeral[-1:] == "千" and len(numeral) > 1 and numeral[-2].isdigit():
        return numeral[:-1], numeral[-1]
    return numeral, ""


@lru_cache(maxsize=1)
def name_marks() -> dict[str, tuple[str, ...]]:
    """``lexicon/name_marks.tsv`` by position: ``{"before": (...), "next": (...), "next_bare": (...)}``,
    each tuple longest mark first (see the file's header for what each position means)."""
    out: dict[str, list[str]] = {"before": [], "next": [], "next_bare": []}
    for line in (LEXICON_DIR / "name_marks.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            mark, where = line.split("\t")[:2]
            out[where.strip()].append(mark.strip())
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}
