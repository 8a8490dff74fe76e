"""Quantities: a number with its unit, normalized (DOMAIN.md 3).

Contract:
- :func:`find_quantities(text)` returns :class:`~annotate.model.Quantity` spans (``block=""``,
  ids ``q1``… in document order) for a plain string, raw or normalized (``８％``, ``92 亿元`` with
  a space, ``6.5%－7%`` are accepted).
- :func:`annotate_quantities` (registered, adds ``quantities``) fills ``Report.quantities``,
  matching traditional reports on ``report.simplified`` and mapping offsets back.

Conventions (DOMAIN.md 3, tested by the evaluation):
- ``value`` is the number as written, ``unit`` the unit as written with its 万/亿 multiplier
  (``90.15 亿元`` → 90.15, 亿元; ``千亿元`` → 1000, 亿元); ``normalized`` is the value in
  ``base_unit`` (元, 人, %, 个百分点 …; ``""`` for a bare multiplier such as ``超1亿``).
- Qualifier words are inside the span: ``8%左右``, ``超1亿``, ``3000余个``, ``突破5000亿元``,
  ``3%以内`` (控制在 is outside); ranges ``6%-6.5%`` / ``6-6.5%`` carry ``low``/``high``.
- ``change`` is ``growth``/``decline`` when the quantity is what a 增长/提高/下降… verb changed by.
- Signs (``-12.5%``, ``负2.7%``, ``增长-1.5%``) give negative values; thousands separators must
  group exactly three digits (``２，５００``, ``222, 222``; ``3，4`` stays two numbers); mixed,
  financial and approximate numerals (``2万3000``, ``壹佰``, ``三十几万`` → a range); 一 is an
  amount only before a unit of measure (``一吨``, ``一港元``; not ``一批``); ``五斤半``, ``一个半小时``;
  fraction words and shares (``千分之四`` → 4 ‰, ``六成五`` → 6.5 成, ``八五折`` → 8.5 折, ``四分之三`` → the
  share 0.75 with no unit, ``至少四分之三`` at_least); currency
  signs (``$``, ``HK$``, ``￥``) and fraction words are data (lexicon/currency_signs.tsv,
  fraction_words.tsv); a qualifier may be parted from its number by 了/有/为 (``超过了``, ``至少有``).
- A 分别 list's qualifier written once after its last value applies to every value.
- Not quantities: dates and periods (dates.py finds them), short quoted labels (“1+1+N”,
  “十四五”), ordinals (第四次), names glued to letters (5G, U19, M101, PM2.5), size classes
  (百亿级, 二级), labels with no unit (三大, 5大领域, 世界500强), set phrases listed in
  ``lexicon/not_quantities.txt``.
- A bare number joined by 和/、/及 to a quantity shares its unit (``4.2 和 20.7 个百分点``).
- Traditional text is matched through its simplified view: ``text`` and offsets are the
  report's own, ``unit`` is in simplified script (``億元`` → ``亿元``) so quantities compare across
  scripts (DOMAIN.md 6).
- :func:`unit_scale` gives ``(base_unit, factor)`` of a unit for consumers comparing ranges.

Implementation: one compiled regex scan over a copy of the text in which dates, periods,
quoted labels and set phrases are blanked out (offsets unchanged), then small checks per match.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import Callable, Optional

from ..model import Quantity, Report
from decimal import Decimal

from ..reading.numerals import name_marks, CN_DIGITS, FINANCIAL, MULTIPLIERS, SIGNS, approximate_bounds, is_approximate, parse_number, split_multiplier, tidy
from . import register
from .dates import text_view, time_spans
from ..lexicon import DIR as LEXICON_DIR
from ..lazyre import compiled, lazy

LEXICON = LEXICON_DIR


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (LEXICON / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    rows = _read_tsv("units.tsv")
    units = {r[0]: (r[1], float(r[2]) if len(r) > 2 else 1.0) for r in rows}
    kinds = {r[0]: r[3] if len(r) > 3 else "other" for r in rows}
    quals = {(r[0], r[1]): r[2] for r in _read_tsv("quantity_words.tsv")}
    phrases = [r[0] for r in _read_tsv("not_quantities.txt")]
    # currency signs written before the number ($500, HK$200, ￥300): sign<TAB>unit it stands for
    signs = {r[0]: r[1] for r in _read_tsv("currency_signs.tsv")}
    # 百分之六十, 千分之四: the fraction word written before the number and the unit it means
    fractions = {r[0]: r[1] for r in _read_tsv("fraction_words.tsv")}
    return {"units": units, "kinds": kinds, "quals": quals, "phrases": phrases, "signs": signs,
            "fractions": fractions}


def _alt(words) -> str:
    """The words as one alternation, longest first; ties in code-point order, so that the pattern
    text is the same in every process (a set's order is not) and its compiled code can be cached.
    Two literals of one length never both match at one position, so the order of a tie is moot."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_SP = r"[ \u3000]?"
#: qualifier words (lexicon/quantity_words.tsv) matched only in a context that rules out another word
_GUARDED_PRE = {
    "上": r"(?<![线以向加马之网而地晚早路楼身])上(?=[百千万亿])",  # 上千万, 上亿 — not 线上3场
    "过": r"(?<![通经超度越跨不错难路看做想为])过(?=[0-9一二两三四五六七八九十百千])",  # 过三千亿元城市 — not 通过3年
}
# thousands may be grouped with commas, full-width commas or (Hong Kong) spaces: 1,600  ２，５００
# 222, 222  308 000 (also no-break and thin spaces) — only groups of exactly three digits, so that 3，4 or 12，其中 stay apart
_D = "[0-9０-９]"
_ARABIC = rf"(?:{_D}{{1,3}}(?:(?:, ?|，|[ \u00a0\u2009\u202f]){_D}{{3}})+(?!{_D})|{_D}+)(?:[.．]{_D}+)?"
# 千 before 瓦/伏/米/克 belongs to the unit (千瓦, 千伏), not to the numeral
_K = r"千(?!瓦|伏|米|克)"
# 两 right after a digit is the unit of weight (三两), not a second digit; 十几 is 11-19
_CN_DIGIT = "零〇一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"
_LIANG = r"两(?<![一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]两)"
_CNUM = rf"(?:[{_CN_DIGIT}十百万亿拾佰仟]|{_LIANG}|{_K}|(?<=十)几|(?<![{_CN_DIGIT}十百千万亿几数])[几数](?=[十百千万]))+(?:点[零〇一二三四五六七八九]+)?"
#: a minus sign (or 负, 零下) before a number makes it negative (增长-1.5%, 负三十二亿, 零下5度)
_SIGN = r"(?:[-－−负]|零下)"
_MULT_CHARS = "十百千万亿"
_RANGE = r"[-－~～—–至到]"


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern, str, re.Pattern, re.Pattern]:
    """The quantity pattern (compiled), the source of its one-number variant (compiled on demand by
    :func:`_single`: it is needed only where a range splits, and compiling it costs as much as the
    main pattern), the phrase pattern and the quoted-label pattern."""
    lex = _lexicon()
    units = _alt(lex["units"])
    pre = _alt(w for (w, pos) in lex["quals"] if pos == "pre" and w not in _GUARDED_PRE)
    # one-character words that end other words (线上, 通过) qualify only where they cannot
    pre += "|" + "|".join(_GUARDED_PRE.values())
    post = _alt(w for (w, pos) in lex["quals"] if pos == "post")
    # a multiplier written apart from the numeral (3000多亿元, 92 亿元); bare 千/十 only as
    # part of the numeral so that 千伏, 千瓦 stay units
    mult = _alt(m for m in MULTIPLIERS if m not in ("千", "十万", "十亿"))
    # Arabic digits may stand in the places of a Chinese numeral: 2万3000, 4万2千8百
    level = rf"(?:[十百万亿]|{_K})"
    num = rf"(?:{_SIGN}?(?:{_ARABIC}(?:{level}+{_ARABIC})*{level}*|{_CNUM}))"
    # only the symbol starts a match (HK$200 is found at $; _one reads the letters before it), so
    # that no Latin letter costs a try of the whole pattern
    signs = _alt({w[-1] for w in lex["signs"]})
    fractions = _alt(lex["fractions"])
    # a compound unit: 万元/人, 元/平方米, 人/百亿元 (the denominator may carry its own multiplier)
    unit = rf"(?:{units})(?:/(?:{_alt(MULTIPLIERS)})?(?:{units}))?"
    first = "".join(sorted({w[0] for (w, pos) in lex["quals"] if pos == "pre"}
                           | {w[-1] for w in lex["signs"]} | {w[0] for w in lex["fractions"]} | set("-－−负几数")
                           | set("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿") | set(_CN_DIGIT)))
    pattern = (
        rf"(?=[{re.escape(first)}])"  # cheap first-character test before the alternation
        # a qualifier may be parted from its number by 了/有/为/达 (超过了, 至少有, 约为, 至少需要, 最多可达)
        rf"(?P<pre>{pre})?(?:了|要有|有|为|需要|要|是|可达|达到|达)?{_SP}"
        # 三分之一, 四分之三: a common fraction (百分之/千分之 are the fraction words of the lexicon)
        rf"(?:(?P<fden>[二两三四五六七八九十]{{1,2}})分之(?P<fnum>[一二三四五六七八九十]{{1,2}})"
        rf"|(?P<pneg>{_SIGN})?(?P<pct>{fractions})(?P<pnum>{_CNUM}|{_ARABIC})"
        rf"|(?:(?P<num1>{num})(?P<yu1>余|多)?{_SP}(?P<mult1>{mult})?(?P<unit1>{unit})?{_SP}{_RANGE}{_SP})?"
        rf"(?P<cur>{signs})?(?P<num>{num})(?P<yu>余|多)?{_SP}(?P<mult>{mult})?(?P<yu2>余|多)?(?P<unit>{unit})?)"
        # …以上（含）: the bracket says the bound itself is included; it stays inside the span
        rf"(?:(?P<post>{post}|余|多)(?:[（(]含[）)])?)?"
        # a unit character that starts a longer word is no unit: 台阶, 所有, 次要
        rf"(?<!台(?=阶))(?<!折(?=合|旧|算|射|扣|腾|叠|线|返|中|价|服|磨))(?<!圆(?=满|梦|形|心))"
        rf"(?<!两(?=[个天年月次人家位名项倍周岁类件种条手百千万亿三]))(?<!元(?=化|素|首|旦|老|宵|器|件|年|月|朝|代))(?<!所(?=有|港|长|属|得|在|谓))(?<!次(?=要))(?<!处(?=理))(?<!年(?=级|期|行动|规划|计划))(?<!管(?=理|控|护|住|用|好|网|道|线|廊|径|委))"
        rf"(?<!家(?=庭|族|乡|园|居|电|政|长|属|具))(?<!种(?=类|子|业|植|养))(?<!名(?=单|称|牌|词|义|片|录))"
        rf"(?<!位(?=数))(?<!部(?=件|署|门|委|长|队|属|位))(?<!伙(?=伴|食|计|同))"
    )
    phrases = compiled(_alt(lex["phrases"])) if lex["phrases"] else compiled(r"(?!x)x")
    # short quoted labels: “十四五”, “1+1+N”, 「北部都会区」 — never quantities
    quotes = compiled(r"“[^“”\n]{1,24}”|「[^「」\n]{1,24}」|『[^『』\n]{1,24}』|\"[^\"\n]{1,24}\"")
    single = pattern.replace(
        rf"|(?:(?P<num1>{num})(?P<yu1>余|多)?{_SP}(?P<mult1>{mult})?(?P<unit1>{unit})?{_SP}{_RANGE}{_SP})?", "|")
    return compiled(pattern), single, phrases, quotes


@lru_cache(maxsize=1)
def _single() -> re.Pattern:
    """The quantity pattern without its range branch: one number and its unit."""
    return compiled(_compiled()[1])


_GROWTH = compiled(r"(?:增长|提高|增加|上升|上涨|提升|扩大|增|涨|多)(?:了|分别|约|均|达|为)?[ \u3000]?$")
_DECLINE = compiled(r"(?:下降|降低|减少|下滑|回落|缩减|缩短|压减|压降|缩小|收窄|降|减|少)(?:了|分别|约|均|达|为)?[ \u3000]?$")
_LEVEL_VERB = compiled(r"(?:新增|增至|增加至|增加到|提高到|提高至|提升至|提升到|降至|降到|下降到|下降至|降低到|降低至|减少到|减少至|减至|扩大到|扩大至|多少)(?:了|分别|约|均|达|为)?[ \u3000]?$")
#: units that after any numeral but 两 are labels (一期工程, 二期, 第14届)
_CARDINAL_ONLY = {"期", "届"}


def core_of(numeral: str) -> str:
    return split_multiplier(numeral)[0]


_SESSION = compiled(r"(?:、[一二三四五六七八九十]+次)*(?:全体会议|会议|全会|党代会)")
_JOIN = compiled(r"^[ \u3000]?(?:和|、|及|与|或)[ \u3000]?$")
# after a whole quantity: size classes and ordinal-like names (百亿级, 3号, 第14届); after a bare
# number (no unit) also names and labels (17号线, 世界500强, 5大领域): lexicon/name_marks.tsv
_BAD_NEXT = {m[0] for m in name_marks()["next"]}
_BAD_NEXT_BARE = _BAD_NEXT | {m[0] for m in name_marks()["next_bare"]}
_LETTER = compiled(r"[A-Za-zＡ-Ｚａ-ｚ]")


_URL = compiled(r"(?:https?://|www\.)[!-~]+|[!-~]*%[0-9A-Fa-f]{2}[!-~]*")


def _mask(text: str) -> str:
    """``text`` with dates, periods, quoted labels and set phrases blanked (same length)."""
    _pat, _single, phrases, quotes = _compiled()
    spans = time_spans(text)
    spans += [m.span() for m in quotes.finditer(text)]
    spans += [m.span() for m in phrases.finditer(text)]
    if "%" in text or "://" in text:
        # links and percent-encoded text (%3A%2F2021%): their digits are no quantities
        spans += [m.span() for m in _URL.finditer(text) if _LETTER.search(m.group())]
    return blanked(text, spans) if spans else text


def blanked(text: str, spans) -> str:
    """``text`` with every character inside one of ``spans`` (half-open, may overlap, any order)
    replaced by U+2063, the invisible separator no numeral, unit or qualifier matches; same length.
    Built from slices of the text, not character by character."""
    out: list[str] = []
    pos = 0
    for s, e in sorted(spans):
        s = max(s, pos)
        if e > s:
            out += (text[pos:s], "\u2063" * (e - s))
            pos = e
    out.append(text[pos:])
    return "".join(out)


def _qualifier(pre: Optional[str], post: Optional[str]) -> str:
    quals = _lexicon()["quals"]
    if post in ("余", "多"):
        post_q = "above"
    else:
        post_q = quals.get((post, "post")) if post else None
    pre_q = quals.get((pre, "pre")) if pre else None
    return post_q or pre_q or "exact"


def _value(numeral: str) -> tuple[Optional[float], str]:
    """(value as written, multiplier split off) for one numeral token."""
    head, mult = split_multiplier(numeral)
    return parse_number(head), mult


def _scan(text: str) -> list[dict]:
    pattern = _compiled()[0]
    masked = _mask(text)
    found: list[dict] = []
    for m in pattern.finditer(masked):
        q = _one(m, masked, use_range=True, text=text)
        if q == "split":
            # 一倍至1,600万元: two quantities, not a range
            first = _single().match(masked, m.start())
            q1 = _one(first, masked, use_range=False, text=text) if first else None
            if isinstance(q1, dict) and q1["end"] <= m.start("num"):
                found.append(q1)
            q = _one(m, masked, use_range=False, text=text)
        if isinstance(q, dict) and (not found or q["start"] >= found[-1]["end"]):
            found.append(q)  # (a range of bare numbers, 3000与5000间, already holds the second)
    # bare numbers share the unit of the next quantity when joined by 和/、/及
    out: list[dict] = []
    nxt: Optional[dict] = None
    for q in reversed(found):
        if q.get("mult_only") and nxt is not None and not nxt["bare"] and _JOIN.match(masked[q["end"] : nxt["start"]]) \
                and nxt["unit"].startswith(q["mult_only"]) and nxt["unit"] != q["mult_only"]:
            # 1409万、1305万人次: the first shares the second's unit
            q = dict(q, unit=nxt["unit"], base_unit=nxt["base_unit"])
        if q["bare"]:
            if (nxt is not None and not nxt["bare"] and not q.get("cn")
                    and _JOIN.match(masked[q["end"] : nxt["start"]])):
                scale_n = nxt["normalized"] / nxt["value"] if nxt.get("value") else None
                q = dict(q, unit=nxt["unit"], base_unit=nxt["base_unit"], bare=False,
                         normalized=_times(q["value"], scale_n) if scale_n else None)
            elif not q.get("plain"):
                continue
        out.append(q)
        nxt = q
    out.reverse()
    return out


#: unit kinds (lexicon/units.tsv) in which 一 is an amount (约一吨, 一港元), not the article of 一批
_MEASURE_KINDS = {"money", "mass", "length", "area", "volume", "energy", "power", "ratio"}
#: unit kinds that take a trailing 半 (五斤半, 三米半, 四年半), and units counted in halves
_HALF_KINDS = {"mass", "length", "area", "volume", "time"}
_HALVES = {"成", "倍"}
#: a trailing 半 that halves the unit before it; not 半数 (这一年半数以上: "half of") nor 半载 (一年半载: "a year or so")
_TRAILING_HALF = compiled(r"半(?![数载])")
#: 一个半小时, 两个半月: 个半 between the number and a unit of time
_GE_BAN = compiled(r"半(小时|月)")
#: 3000与5000(之)间: "between" — the two numbers are a range and 间 is no unit
_BETWEEN = compiled(r"[ \u3000]?(?:与|和|至|到)[ \u3000]?(?P<num>[0-9０-９][0-9０-９,.，]*)[ \u3000]?之?间")
_BETWEEN_END = compiled(r"[ \u3000]?之?间")


def _unsign(numeral: Optional[str]) -> tuple[Optional[str], int]:
    """(numeral without its sign, -1 or 1)."""
    if numeral and numeral.startswith("零下"):
        return numeral[2:], -1
    if numeral and numeral[0] in SIGNS:
        return numeral[1:], -1
    return numeral, 1


def _neg(v, sign: int):
    """``v`` with ``sign`` applied (None stays None)."""
    return v if v is None or sign == 1 else tidy(-v)


def _unit_base(unit_txt: str) -> tuple[str, float]:
    """(base unit, factor) of a unit as the lexicon lists it; (``""``, 1.0) for none."""
    units = _lexicon()["units"]
    return units.get(unit_txt, ("", 1.0)) if unit_txt else ("", 1.0)


#: words that end in 负 (胜负, 抱负, 肩负, 不负, 减负): the 负 after these characters is no minus sign
_FU_WORDS = set("胜抱辜欺自担肩正背重不减")


def _is_sign(before: str, sign: str) -> bool:
    """Whether ``sign`` written after the character ``before`` is a minus: a dash after an ASCII
    letter, digit or % joins names or numbers (``010-1234``, ``M1-2``)."""
    if sign == "负":
        return before not in _FU_WORDS
    return not (before.isascii() and (before.isalnum() or before in "%.")) and before not in "％０１２３４５６７８９"


def _currency_sign(masked: str, at: int) -> str:
    """The longest currency sign of the lexicon that ends with the symbol at ``at`` (``HK$``)."""
    signs = _lexicon()["signs"]
    for length in range(max(map(len, signs)), 0, -1):
        word = masked[max(0, at + 1 - length) : at + 1]
        if len(word) == length and word in signs:
            return word
    return ""


def _common_fraction(g: dict, start: int, end: int):
    """三分之一, 四分之三: a share written as a fraction; its value is the share (0.75 for 四分之三), with no
    unit (a share of the whole the metric names), as the Hong Kong goal gold reads ``至少四分之三``.  None
    when it is no proper fraction (五分之七)."""
    den, num = parse_number(g["fden"]), parse_number(g["fnum"])
    if not den or num is None or num >= den:
        return None
    v = round(num / den, 6)
    return dict(start=start, end=end, value=v, unit="", normalized=v, base_unit="",
                low=None, high=None, pre=g["pre"], post=g["post"], bare=False)


def _percent_like(g: dict, start: int, end: int):
    """百分之六十, 负百分之三, 千分之四: the fraction word's unit, value as written."""
    v = parse_number(g["pnum"])
    if v is None:
        return None
    unit = _lexicon()["fractions"][g["pct"]]
    base, _f = _unit_base(unit)
    v = _neg(v, -1 if g["pneg"] else 1)
    return dict(start=start, end=end, value=v, unit=unit, normalized=v, base_unit=base or unit,
                low=None, high=None, pre=g["pre"], post=g["post"], bare=False)


def _one(m: re.Match, masked: str, use_range: bool, text: str = ""):
    """One regex match → a quantity dict, None (not a quantity) or ``"split"`` (a false range)."""
    lex = _lexicon()
    g = m.groupdict()
    if not use_range:
        g = dict(g, num1=None, unit1=None, mult1=None)
    start, end = m.span()
    if not use_range and m.groupdict().get("num1"):
        start = m.start("num")  # the second half of a false range
        g["pre"] = None
    while start < end and masked[start] in " \u3000":
        start += 1  # the optional space after an absent prefix
    if g.get("fden"):
        return _common_fraction(g, start, end)
    if g.get("pct"):
        return _percent_like(g, start, end)
    numeral, sign = _unsign(g["num"])
    num_start = m.start("num")
    if sign == -1 and num_start > 0 and not _is_sign(masked[num_start - 1], g["num"][0]):
        # 010-12345678, M1-2, 减负2500亿元: a dash between names or numbers, a word ending in 负
        sign, num_start = 1, num_start + 1
        if not g["pre"]:
            start = num_start
    if g["pre"] and start > num_start:
        start = num_start
    # ---- what the number is glued to
    before = masked[num_start - 1] if num_start > 0 else ""
    if not g["num1"] and before and before in "第0123456789.,%/:：∶":
        return None  # 第3, 1/3, 2：1: an ordinal, the second term of a fraction or a ratio
    if before == "每" and not g["pre"]:
        return None  # 每千人, 每10万人口: the denominator of a rate, not an amount
    if _LETTER.match(before or " ") and (not g["unit"] or g["unit"] == "年") and not g["cur"]:
        return None  # M101线, U19, PM2.5年均: a name; but AED100台 is a count
    after = masked[end : end + 1]
    if after and (_LETTER.match(after) or after in _BAD_NEXT):
        return None
    if g["unit"] == "次" and _SESSION.match(masked, end):
        return None  # 人大七次会议, 十二届市委三次、四次全会: a session's ordinal
    if g["unit"] == "年" and before == "个":
        return None  # 第一个五年期, 比上个五年: a plan period, not a duration
    if g["unit"] == "个" and text[end : end + 1] in ("“", "「") and not numeral[0].isdigit():
        return None  # 两个“关键小事”: a label, like 三大攻坚战
    bare_next = masked[m.end("num") : m.end("num") + 1]
    if not g["unit"] and not g["mult"] and bare_next and bare_next in _BAD_NEXT_BARE:
        return None
    bounds = approximate_bounds(core_of(numeral)) if is_approximate(numeral) else None
    value, mult = _value(numeral)
    if g["mult"] and not mult and _MULTI_LEVEL.search(numeral):
        # 1亿3千多万: the multiplier written after 多 closes the numeral (1亿3千万)
        value, g = parse_number(numeral + g["mult"]), dict(g, mult=None)
    if numeral in ("万", "亿", "万亿") and g["pre"]:
        value, mult = 1, numeral  # 上亿人, 近万家: a bare multiplier after a qualifier is one of it
    if bounds is not None:
        value = bounds[1]
    if value is None:
        return None
    is_cn = not numeral[0].isdigit() and numeral[0] not in "０１２３４５６７８９"
    mult = mult + (g["mult"] or "")
    cur = _currency_sign(masked, m.start("cur")) if g["cur"] else ""
    if cur and not g["pre"]:
        start = min(start, m.start("cur") + 1 - len(cur))  # HK$200: the span holds the letters
    unit_txt = g["unit"] or (lex["signs"][cur] if cur else "")
    # 一个半小时: the count 个 is part of "and a half", the unit is the time after it
    ge_ban = _GE_BAN.match(masked, m.end("unit")) if unit_txt == "个" and not g["post"] else None
    if ge_ban:
        unit_txt = "个月" if ge_ban.group(1) == "月" else "小时"
        end = ge_ban.end()
    kind = lex["kinds"].get(unit_txt.split("/")[0], "")
    # 一年半, 一斤半: "one and a half" is an amount, as 一个半小时 is
    half = (not ge_ban and _TRAILING_HALF.match(masked, m.end("unit")) is not None
            and (unit_txt in _HALVES or kind in _HALF_KINDS))
    if is_cn and _cn_word(numeral, value, unit_txt, kind, bool(mult or ge_ban or half), g["pre"]):
        return None
    if not unit_txt and not mult:
        between = _bare_range(m, masked, start, _neg(value, sign))
        if between is not None:
            return between
    financial = numeral.translate(FINANCIAL) != numeral
    if financial and len(numeral) < 2 and kind != "money":
        return None  # 大陆, 队伍, 陆家: one financial numeral alone is a word
    if not unit_txt and not mult and not (financial or _multi_level(numeral)):
        return _bare(m, masked, start, numeral, _neg(value, sign), is_cn)
    if unit_txt in _CARDINAL_ONLY and core_of(numeral) != "两":
        return None  # 一期, 三期, 第14届: phase and edition labels; only 两期/两届 count
    if not unit_txt and not g["post"] and after and after in "县市镇":
        return None  # 千亿县, 万亿市: a size class, like 百亿级
    base, factor = unit_scale(unit_txt) if "/" in unit_txt else _unit_base(unit_txt)
    scale = 1
    for part in _split_mults(mult):
        scale *= MULTIPLIERS[part]
    unit = mult + unit_txt
    low = high = None
    if bounds is not None:
        low, high = bounds  # 三十几万: somewhere from 31 to 39 万
    if g["num1"]:
        num1, sign1 = _unsign(g["num1"])
        v1, m1 = _value(num1)
        mult1 = m1 + (g["mult1"] or "")
        if v1 is None or (g["unit1"] and g["unit1"] != unit_txt) or (mult1 and mult1 != mult):
            return "split"
        if g["unit1"] and _false_range_after_change(masked, start, m.end("num1"), m.start("num"), base):
            return "split"
        low, high = _neg(v1, sign1), value
    if ge_ban:
        value = tidy(value + 0.5)
    elif low is None and not g["post"]:
        value, end = _fraction_after_unit(masked, end, value, unit_txt, kind)
    if unit_txt == "折":
        if is_cn and 10 < value < 100 and all(c in CN_DIGITS for c in numeral):
            value = tidy(value / 10)  # 八五折: 8.5折, read digit by digit
        if not 0 < value < 10:
            return None  # 百折不挠: a discount is a number of tenths
    q = dict(start=start, end=end, value=_neg(value, sign), unit=unit, base_unit=base,
             normalized=_times(_neg(value, sign), scale * factor), low=low, high=high,
             pre=g["pre"], post=g["post"] or g["yu"] or g["yu2"], bare=False, cn=is_cn,
             mult_only=mult if not unit_txt else "")
    if low is not None:
        q["value"] = None
        q["normalized"] = None
        if g["num1"] is None:
            q["low"], q["high"] = _neg(low, sign), _neg(high, sign)
        else:
            q["high"] = _neg(high, sign)
    return q


def _cn_word(numeral: str, value, unit_txt: str, kind: str, scaled: bool, pre: Optional[str]) -> bool:
    """Whether a Chinese numeral before ``unit_txt`` is a word rather than an amount.  ``scaled``:
    a multiplier, 个半 or a trailing 半 follows (一万人, 一个半小时, 一年半 are amounts)."""
    core = numeral[: len(numeral) - len(_value(numeral)[1])].translate(FINANCIAL)
    if not any(c in "零〇一二两三四五六七八九十百千几数" for c in core) and not (pre and value == 1):
        return True  # 万亩, 亿元 alone: a multiplier is not a numeral
    if core in ("零", "〇"):
        return True  # 零部件, 零距离: zero as a word
    if core == "二" and numeral[0] != "贰" and kind not in _MEASURE_KINDS:
        return True  # counts say 两 (两个, 两区); a lone 二 is an ordinal or name (二期, 怡乐园二区)
    if core == "一" and not (scaled or kind in _MEASURE_KINDS or unit_txt == "个百分点"):
        return True  # 一批, 一个, 一年一度: the article, not a count; 一吨, 一港元 are amounts
    # 百年, 千年: set phrases
    return core in ("百", "千", "万") and unit_txt in ("年", "") and not scaled


def _multi_level(numeral: str) -> bool:
    """A numeral of several levels that is a number without a unit: it ends on a level (4万2千8百,
    三十六亿七千零二万), not on a trailing digit (七万万两: an old count of taels)."""
    plain = numeral.translate(FINANCIAL)
    return bool(_MULTI_LEVEL.search(plain)) and plain[-1] in "十百千万亿" and ("万" in plain or "亿" in plain)


def _bare(m: re.Match, masked: str, start: int, numeral: str, value, is_cn: bool) -> Optional[dict]:
    """A number with no unit: kept (``bare``) to share the unit of a following quantity, and on its
    own (``plain``) only when it is plainly a measured number (:func:`_plain_bare`); a range of
    plain numbers (``4至6.5``) keeps both ends.  ``value`` is signed."""
    g = m.groupdict()
    plain = _plain_bare(m, masked, numeral, -1 if value < 0 else 1, is_cn)
    if plain and g["num1"]:
        low = parse_number(g["num1"])
        if low is None:
            return None
        return dict(start=start, end=m.end(), value=None, unit="", normalized=None, base_unit="", low=low,
                    high=value, pre=None, post=g["post"], bare=True, plain=True, cn=False, mult_only="")
    end = m.end() if plain and g["post"] else m.end("num") + (len(g["yu"]) if g["yu"] else 0)
    return dict(start=start, end=end, value=value, unit="", normalized=None, base_unit="", low=None,
                high=None, pre=g["pre"], post=g["post"] if plain else None, bare=True, plain=plain,
                cn=is_cn, mult_only="")


def _plain_bare(m: re.Match, masked: str, numeral: str, sign: int, is_cn: bool) -> bool:
    """Whether a number with no unit is plainly a measured number that stands on its own: a sign, a
    qualifier, thousands separators or a decimal say so (-5, 约3000, 300以上, 1,234,567, 2.12,
    十二点五), but not a list number (1、), a version (2.0版, 3.0), a ratio or fraction (2：1, 1/3)
    or a name (PM 2.5)."""
    g = m.groupdict()
    if masked[m.end("num") : m.end("num") + 1] in _NOT_PLAIN_NEXT:
        return False
    if is_cn:
        return "点" in numeral
    start = m.start("num")
    before = masked[max(0, start - 3) : start].rstrip()
    if before[-1:] == "_" or _LETTER.match(before[-1:] or " "):
        return False
    decimal = "." in numeral and not numeral.endswith(".0")
    return bool(sign == -1 or g["pre"] or g["post"] or decimal or not numeral.replace(".", "").isdigit() and "." not in numeral)


#: after a bare number: a ratio (1∶3.4, 2：1), a fraction (1/3), a version (2.0版), a broken decimal
_NOT_PLAIN_NEXT = set("/:：∶比.．版")


def _bare_range(m: re.Match, masked: str, start: int, value) -> Optional[dict]:
    """A range of two bare numbers said to be "between" (``在10到20之间``, ``3000与5000间``: 间 is
    no unit of rooms here), or None.  ``value`` is the match's number, signed."""
    g = m.groupdict()
    low = high = None
    end = m.end("num")
    if g["num1"]:
        if _BETWEEN_END.match(masked, end):
            low, high = parse_number(g["num1"]), value
    else:
        between = _BETWEEN.match(masked, end)
        if between:
            low, high, end = value, parse_number(between["num"]), between.end("num")
    if low is None or high is None:
        return None
    return dict(start=start, end=end, value=None, unit="", normalized=None, base_unit="", low=low,
                high=high, pre=None, post=None, bare=False, cn=False, mult_only="")


def _fraction_after_unit(masked: str, end: int, value, unit_txt: str, kind: str) -> tuple:
    """(value, end) after a trailing 半 (``五斤半``, ``两成半``, ``四年半``: and a half) or a tenth
    digit after 成 (``六成五`` = 6.5 成); unchanged when neither follows."""
    after = masked[end : end + 1]
    if _TRAILING_HALF.match(masked, end) and (unit_txt in _HALVES or kind in _HALF_KINDS):
        return tidy(value + 0.5), end + 1
    if unit_txt == "成" and after and after in "一二三四五六七八九" and not _CNUM_START().match(masked, end + 1):
        return tidy(value + CN_DIGITS[after] / 10), end + 1
    return value, end


#: a numeral of several levels (4万2千8百, 三十六亿七千零二万) is a number even without a unit
_MULTI_LEVEL = compiled(r"[十百千万亿][0-9]|[0-9一二两三四五六七八九][十百千]?[万亿].*[一二两三四五六七八九]")
_CNUM_START = lazy(r"[零〇一二两三四五六七八九十百千万亿]")


_CHANGE_BEFORE = lazy(r"(?:增长|提高|增加|上升|提升|扩大|下降|降低|减少|缩短|缩减|压减|延长)(?:了|整整)?[ \u3000]?$")


def _false_range_after_change(masked: str, start: int, num1_end: int, num_start: int, base: str) -> bool:
    """``增加4000张至16000张``, ``缩短整整一年至5.1年``: a change verb, its amount with its own unit,
    then 至 the level reached: two quantities, not a range.  Without a unit on the first number it
    is a range of the change (``减少三至四成``); percentages keep the range reading (``增长6%至6.5%``
    is a target band)."""
    if base in ("%", "个百分点"):
        return False
    sep = masked[num1_end:num_start]
    return ("至" in sep or "到" in sep) and bool(_CHANGE_BEFORE().search(masked, max(0, start - 8), start))


@lru_cache(maxsize=8192)  # pure; Decimal arithmetic costs microseconds and values repeat
def _times(value: float, scale: float) -> float:
    """``value * scale`` without binary noise (4.06万亿 is 4060000000000, not …99.9995); a tiny
    product of a rate per a large unit (0.6人/百亿元 → 6e-11 人/元) is kept, not rounded to 0."""
    r = float(Decimal(str(value)) * Decimal(str(tidy(scale) if abs(scale) >= 1 else scale)))
    return tidy(r) if abs(r) >= 1e-6 or r == 0 else r


def _split_mults(mult: str) -> list[str]:
    """``万亿`` → [万亿]; ``千万`` → [千万]; ``万`` + ``亿`` written apart → both."""
    parts = []
    i = 0
    keys = sorted(MULTIPLIERS, key=len, reverse=True)
    while i < len(mult):
        for k in keys:
            if mult.startswith(k, i):
                parts.append(k)
                i += len(k)
                break
        else:
            i += 1
    return parts


def _change(text: str, q: dict, prev: Optional[dict], prev_change: Optional[str]) -> Optional[str]:
    head = text[max(0, q["start"] - 8) : q["start"]]
    if _LEVEL_VERB.search(head):
        return None
    if _GROWTH.search(head) and not head.endswith("新增"):
        return "growth"
    if _DECLINE.search(head):
        return "decline"
    if prev is not None and _JOIN.match(text[prev["end"] : q["start"]]):
        return prev_change
    return None


_FENBIE = compiled(r"分别[^，。；：,;！？\n]*$")


def _list_qualifiers(view: str, found: list[dict]) -> list[str]:
    """The qualifier of each quantity; in a 分别 list a qualifier written once after the last value
    applies to every value (``分别增长6%和7.5%左右``: both about; ``分别控制在5.5%和3%以内``: both
    at most).  Only values with no qualifier of their own take it, and only in a run joined by
    和/、/及 that 分别 opens within the same clause."""
    quals = ["range" if q["low"] is not None else _qualifier(q["pre"], q["post"]) for q in found]
    i = 0
    while i < len(found):
        j = i  # the run found[i..j] of quantities joined by 和/、/及
        while j + 1 < len(found) and _JOIN.match(view[found[j]["end"] : found[j + 1]["start"]]):
            j += 1
        last = found[j]
        if j > i and last["post"] and quals[j] not in ("exact", "range") \
                and _FENBIE.search(view, max(0, found[i]["start"] - 20), found[i]["start"]):
            for k in range(i, j):
                if quals[k] == "exact" and not found[k]["pre"]:
                    quals[k] = quals[j]
        i = j + 1
    return quals


def _build(text: str, view: str, back: Callable[[int], int], block: Callable[[int], str]) -> list[Quantity]:
    out: list[Quantity] = []
    prev: Optional[dict] = None
    prev_change: Optional[str] = None
    found = _scan(view)
    quals = _list_qualifiers(view, found)
    for i, (q, qual) in enumerate(zip(found, quals), 1):
        change = _change(view, q, prev, prev_change)
        prev, prev_change = q, change
        s, e = back(q["start"]), back(q["end"])
        out.append(Quantity(
            id=f"q{i}", block=block(s), start=s, end=e, text=text[s:e],
            value=q["value"] if q["low"] is None else None,
            unit=q["unit"], normalized=q["normalized"], base_unit=q["base_unit"],
            qualifier=qual, low=q["low"], high=q["high"], change=change,
        ))
    return out


def unit_scale(unit: str) -> tuple[str, float]:
    """``(base_unit, factor)`` for a unit as written: ``亿元`` → (``元``, 1e8); ``万亿斤`` → (``斤``, 1e12).

    For consumers that compare quantities across units (a range's ``low``/``high`` are as
    written; multiply by the factor to get base units).  A ratio of units reads each side
    (``万元/人`` → (``元/人``, 1e4)).  Unknown units give (``""``, 1.0).
    """
    units = _lexicon()["units"]
    if unit in units:  # 千伏, 千瓦: a unit that starts like a multiplier
        return units[unit][0], units[unit][1]
    if "/" in unit:  # a ratio of units: 万元/人 → (元/人, 1e4), 元/万人 → (元/人, 1e-4)
        num, den = unit.split("/", 1)
        (nb, nf), (db, df) = unit_scale(num), unit_scale(den)
        return (f"{nb}/{db}", nf / df) if nb and db else ("", 1.0)
    for m in sorted(MULTIPLIERS, key=len, reverse=True) + [""]:
        if unit.startswith(m) and (unit[len(m):] in units or (m and not unit[len(m):])):
            rest = unit[len(m):]
            base, factor = units.get(rest, ("", 1.0))
            scale = 1.0
            for part in _split_mults(m):
                scale *= MULTIPLIERS[part]
            return base, scale * factor
    return "", 1.0


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in a plain Chinese string: the public entry point for any text.

    Contract:
    - ``text`` is any string, raw or normalized, simplified or traditional (matched through its
      simplified view; ``text`` and offsets stay the caller's).  Full-width digits, signs and
      separators are read as written (``８％``, ``２，５００万元``).
    - Returns :class:`~annotate.model.Quantity` objects in text order, ids ``q1``…, ``block=""``;
      ``start``/``end`` are half-open code-point offsets into ``text`` and ``text[start:end]`` is
      the span, qualifier words included (``约一吨``, ``8%左右``, ``30%以上（含）``).
    - ``value`` is the number as written and signed (``负2.7%`` → -2.7, ``三十六亿七千零二万`` →
      3670020000); ``unit`` is the unit as written with its 万/亿 multiplier (``92 亿元`` → 92, 亿元;
      ``$1.5亿`` → 1.5, 亿美元; a compound ``万元/人``); ``""`` when the number has no known unit
      (a range ``3000与5000间``, a multi-level numeral ``4万2千8百``, financial ``壹贰叁``).
      ``normalized`` is the value in ``base_unit`` (元, 人, %, 元/人 …), ``None`` for ranges.
    - ``qualifier`` is one of exact, about, at_least, at_most, above, below, range (``low``/``high``
      set, e.g. ``6%-6.5%``, ``三十几万`` → 31–39).  In a 分别 list the qualifier written after the
      last value applies to each value without its own.
    - Not returned: dates and periods, ordinals and article numbers (``第十二条``), list numbers,
      phone numbers, links and percent-encoding, names (``5G``), labels (``三大攻坚战``), set
      phrases (lexicon/not_quantities.txt), bare numbers with no unit that share none.
    - Pure and thread-safe; the lexicons are read once.
    """
    view, back = text_view(text)
    return _build(text, view, back, lambda _s: "")


@register(adds="quantities")
def annotate_quantities(report: Report) -> Report:
    """Fill ``Report.quantities`` (DOMAIN.md 3)."""
    view, back = report.text, (lambda i: i)
    if report.meta.script != "simplified":
        try:
            sv = report.simplified
            view, back = sv.view, (lambda i: sv.to_text[i])
        except (ImportError, AttributeError):  # script.py not there yet: match the text as is
            pass

    return dataclasses.replace(report, quantities=tuple(_build(report.text, view, back, report.block_id_at)))
