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
from pathlib import Path
from typing import Callable, Optional

from ..model import Quantity, Report
from decimal import Decimal

from ..numerals import MULTIPLIERS, parse_number, split_multiplier, tidy
from . import register
from .dates import text_view, time_spans

LEXICON = Path(__file__).resolve().parent.parent / "lexicon"


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (LEXICON / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    units = {r[0]: (r[1], float(r[2]) if len(r) > 2 else 1.0) for r in _read_tsv("units.tsv")}
    quals = {(r[0], r[1]): r[2] for r in _read_tsv("quantity_words.tsv")}
    phrases = [r[0] for r in _read_tsv("not_quantities.txt")]
    return {"units": units, "quals": quals, "phrases": phrases}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_SP = r"[ \u3000]?"
#: qualifier words (lexicon/quantity_words.tsv) matched only in a context that rules out another word
_GUARDED_PRE = {
    "上": r"(?<![线以向加马之网而地晚早路楼身])上(?=[百千万亿])",  # 上千万, 上亿 — not 线上3场
    "过": r"(?<![通经超度越跨不错难路看做想为])过(?=[0-9一二两三四五六七八九十百千])",  # 过三千亿元城市 — not 通过3年
}
# thousands may be grouped with commas or (Hong Kong) spaces: 1,600  308 000
_ARABIC = r"(?:[0-9]{1,3}(?:[,， ][0-9]{3})+(?![0-9])|[0-9０-９]+)(?:[.．][0-9０-９]+)?"
# 千 before 瓦/伏/米/克 belongs to the unit (千瓦, 千伏), not to the numeral
_K = r"千(?!瓦|伏|米|克)"
_CNUM = rf"(?:[零〇一二两三四五六七八九十百万亿]|{_K})+(?:点[零〇一二三四五六七八九]+)?"
_MULT_CHARS = "十百千万亿"
_RANGE = r"[-－~～—–至到]"


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    lex = _lexicon()
    units = _alt(lex["units"])
    pre = _alt(w for (w, pos) in lex["quals"] if pos == "pre" and w not in _GUARDED_PRE)
    # one-character words that end other words (线上, 通过) qualify only where they cannot
    pre += "|" + "|".join(_GUARDED_PRE.values())
    post = _alt(w for (w, pos) in lex["quals"] if pos == "post")
    # a multiplier written apart from the numeral (3000多亿元, 92 亿元); bare 千/十 only as
    # part of the numeral so that 千伏, 千瓦 stay units
    mult = _alt(m for m in MULTIPLIERS if m not in ("千", "十万", "十亿"))
    num = rf"(?:{_ARABIC}(?:[十百万亿]|{_K})*|{_CNUM})"
    first = "".join(sorted({w[0] for (w, pos) in lex["quals"] if pos == "pre"} | set("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿")))
    pattern = (
        rf"(?=[{re.escape(first)}])"  # cheap first-character test before the alternation
        rf"(?P<pre>{pre})?{_SP}"
        rf"(?:(?P<pct>百分之)(?P<pnum>{_CNUM}|{_ARABIC})"
        rf"|(?:(?P<num1>{num})(?P<yu1>余|多)?{_SP}(?P<mult1>{mult})?(?P<unit1>{units})?{_SP}{_RANGE}{_SP})?"
        rf"(?P<num>{num})(?P<yu>余|多)?{_SP}(?P<mult>{mult})?(?P<yu2>余|多)?(?P<unit>{units})?)"
        rf"(?P<post>{post}|余|多)?"
        # a unit character that starts a longer word is no unit: 台阶, 所有, 次要
        rf"(?<!台(?=阶))(?<!所(?=有|港|长|属|得|在|谓))(?<!次(?=要))(?<!处(?=理))(?<!年(?=级|期|行动|规划|计划))(?<!管(?=理|控|护|住|用|好|网|道|线|廊|径|委))"
        rf"(?<!家(?=庭|族|乡|园|居|电|政|长|属|具))(?<!种(?=类|子|业|植|养))(?<!名(?=单|称|牌|词|义|片|录))"
        rf"(?<!位(?=数))(?<!部(?=件|署|门|委|长|队|属|位))"
    )
    phrases = re.compile(_alt(lex["phrases"])) if lex["phrases"] else re.compile(r"(?!x)x")
    # short quoted labels: “十四五”, “1+1+N”, 「北部都会区」 — never quantities
    quotes = re.compile(r"“[^“”\n]{1,24}”|「[^「」\n]{1,24}」|『[^『』\n]{1,24}』|\"[^\"\n]{1,24}\"")
    single = pattern.replace(
        rf"|(?:(?P<num1>{num})(?P<yu1>余|多)?{_SP}(?P<mult1>{mult})?(?P<unit1>{units})?{_SP}{_RANGE}{_SP})?", "|")
    return re.compile(pattern), re.compile(single), phrases, quotes


_GROWTH = re.compile(r"(?:增长|提高|增加|上升|上涨|提升|扩大|增|涨|多)(?:了|分别|约|均|达|为)?[ \u3000]?$")
_DECLINE = re.compile(r"(?:下降|降低|减少|下滑|回落|缩减|缩短|压减|压降|缩小|收窄|降|减|少)(?:了|分别|约|均|达|为)?[ \u3000]?$")
_LEVEL_VERB = re.compile(r"(?:新增|增至|增加至|增加到|提高到|提高至|提升至|提升到|降至|降到|下降到|下降至|降低到|降低至|减少到|减少至|减至|扩大到|扩大至|多少)(?:了|分别|约|均|达|为)?[ \u3000]?$")
#: units that after any numeral but 两 are labels (一期工程, 二期, 第14届)
_CARDINAL_ONLY = {"期", "届"}
#: units that take a trailing 半 (两成半 = 2.5成, 四年半 = 4.5年)
_HALVES = {"成", "年", "个月", "小时", "天", "倍", "周"}


def core_of(numeral: str) -> str:
    return split_multiplier(numeral)[0]


_SESSION = re.compile(r"(?:、[一二三四五六七八九十]+次)*(?:全体会议|会议|全会|党代会)")
_JOIN = re.compile(r"^[ \u3000]?(?:和|、|及|与|或)[ \u3000]?$")
# after a whole quantity: size classes and ordinal-like names (百亿级, 3号, 第14届)
_BAD_NEXT = set("级号届类")
# after a bare number (no unit): names and labels (17号线, 世界500强, 5大领域)
_BAD_NEXT_BARE = set("级号线强届类型代星维大")
_LETTER = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")


def _mask(text: str) -> str:
    """``text`` with dates, periods, quoted labels and set phrases blanked (same length)."""
    _pat, _single, phrases, quotes = _compiled()
    spans = time_spans(text)
    spans += [m.span() for m in quotes.finditer(text)]
    spans += [m.span() for m in phrases.finditer(text)]
    if not spans:
        return text
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = "\u2063"  # invisible separator: no numeral, unit or qualifier matches it
    return "".join(chars)


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
    pattern, single, _p, _q = _compiled()
    masked = _mask(text)
    found: list[dict] = []
    for m in pattern.finditer(masked):
        q = _one(m, masked, use_range=True, text=text)
        if q == "split":
            # 一倍至1,600万元: two quantities, not a range
            first = single.match(masked, m.start())
            q1 = _one(first, masked, use_range=False, text=text) if first else None
            if isinstance(q1, dict) and q1["end"] <= m.start("num"):
                found.append(q1)
            q = _one(m, masked, use_range=False, text=text)
        if isinstance(q, dict):
            found.append(q)
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
            else:
                continue
        out.append(q)
        nxt = q
    out.reverse()
    return out


def _one(m: re.Match, masked: str, use_range: bool, text: str = ""):
    """One regex match → a quantity dict, None (not a quantity) or ``"split"`` (a false range)."""
    units = _lexicon()["units"]
    g = m.groupdict()
    if not use_range:
        g = dict(g, num1=None, unit1=None, mult1=None)
    start, end = m.span()
    if not use_range and m.groupdict().get("num1"):
        start = m.start("num")  # the second half of a false range
        g["pre"] = None
    while start < end and masked[start] in " \u3000":
        start += 1  # the optional space after an absent prefix
    if g.get("pct"):
        v = parse_number(g["pnum"])
        if v is None:
            return None
        return dict(start=start, end=end, value=v, unit="%", normalized=v, base_unit="%",
                    low=None, high=None, pre=g["pre"], post=g["post"], bare=False)
    numeral = g["num"]
    num_start = m.start("num")
    if g["pre"] and start > num_start:
        start = num_start
    # ---- what the number is glued to
    before = masked[num_start - 1] if num_start > 0 else ""
    if not g["num1"] and before and before in "第0123456789.,":
        return None
    if before == "每" and not g["pre"]:
        return None  # 每千人, 每10万人口: the denominator of a rate, not an amount
    if _LETTER.match(before or " ") and (not g["unit"] or g["unit"] == "年"):
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
    if not g["unit"] and not g["mult"] and masked[m.end("num") : m.end("num") + 1] in _BAD_NEXT_BARE - {""}:
        return None
    value, mult = _value(numeral)
    if numeral in ("万", "亿", "万亿") and g["pre"]:
        value, mult = 1, numeral  # 上亿人, 近万家: a bare multiplier after a qualifier is one of it
    if value is None:
        return None
    is_cn = not numeral[0].isdigit() and numeral[0] not in "０１２３４５６７８９"
    mult = mult + (g["mult"] or "")
    unit_txt = g["unit"] or ""
    if is_cn:
        core = numeral[: len(numeral) - len(_value(numeral)[1])]
        if not any(c in "零〇一二两三四五六七八九十百千" for c in core) and not (g["pre"] and value == 1):
            return None  # 万亩, 亿元 alone: a multiplier is not a numeral
        if core in ("零", "〇"):
            return None  # 零部件, 零距离: zero as a word
        if core == "二":
            return None  # counts say 两 (两个, 两区); a lone 二 is an ordinal or name (二期, 怡乐园二区)
        if core == "一" and unit_txt not in ("倍", "成"):
            return None  # 一批, 一个, 一年一度: the article, not a count
        if core in ("百", "千", "万") and unit_txt in ("年", "") and not mult:
            return None  # 百年, 千年: set phrases
    if not unit_txt and not mult:
        # bare number: kept only to share the unit of a following quantity
        return dict(start=start, end=m.end("num") + (len(g["yu"]) if g["yu"] else 0), value=value,
                    unit="", normalized=None, base_unit="", low=None, high=None,
                    pre=g["pre"], post=None, bare=True, cn=is_cn, mult_only="")
    if unit_txt in _CARDINAL_ONLY and core_of(numeral) != "两":
        return None  # 一期, 三期, 第14届: phase and edition labels; only 两期/两届 count
    if not unit_txt and not g["post"] and after and after in "县市镇":
        return None  # 千亿县, 万亿市: a size class, like 百亿级
    base, factor = units.get(unit_txt, ("", 1.0)) if unit_txt else ("", 1.0)
    scale = 1
    for part in _split_mults(mult):
        scale *= MULTIPLIERS[part]
    unit = mult + unit_txt
    low = high = None
    if g["num1"]:
        v1, m1 = _value(g["num1"])
        mult1 = m1 + (g["mult1"] or "")
        if v1 is None or (g["unit1"] and g["unit1"] != unit_txt) or (mult1 and mult1 != mult):
            return "split"
        if g["unit1"] and _false_range_after_change(masked, start, m.end("num1"), m.start("num"), base):
            return "split"
        low, high = v1, value
    if after == "半" and unit_txt in _HALVES and low is None and not g["post"]:
        end += 1  # 两成半, 四年半: and a half
        value = tidy(value + 0.5)
    q = dict(start=start, end=end, value=value, unit=unit, base_unit=base,
             normalized=_times(value, scale * factor), low=low, high=high,
             pre=g["pre"], post=g["post"] or g["yu"] or g["yu2"], bare=False, cn=is_cn,
             mult_only=mult if not unit_txt else "")
    if low is not None:
        q["value"] = None
        q["normalized"] = None
    return q


_CHANGE_BEFORE = re.compile(r"(?:增长|提高|增加|上升|提升|扩大|下降|降低|减少|缩短|缩减|压减|延长)(?:了|整整)?[ \u3000]?$")


def _false_range_after_change(masked: str, start: int, num1_end: int, num_start: int, base: str) -> bool:
    """``增加4000张至16000张``, ``缩短整整一年至5.1年``: a change verb, its amount with its own unit,
    then 至 the level reached: two quantities, not a range.  Without a unit on the first number it
    is a range of the change (``减少三至四成``); percentages keep the range reading (``增长6%至6.5%``
    is a target band)."""
    if base in ("%", "个百分点"):
        return False
    sep = masked[num1_end:num_start]
    return ("至" in sep or "到" in sep) and bool(_CHANGE_BEFORE.search(masked, max(0, start - 8), start))


def _times(value: float, scale: float) -> float:
    """``value * scale`` without binary noise (4.06万亿 is 4060000000000, not …99.9995)."""
    return tidy(float(Decimal(str(value)) * Decimal(str(tidy(scale)))))


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


def _build(text: str, view: str, back: Callable[[int], int], block: Callable[[int], str]) -> list[Quantity]:
    out: list[Quantity] = []
    prev: Optional[dict] = None
    prev_change: Optional[str] = None
    for i, q in enumerate(_scan(view), 1):
        change = _change(view, q, prev, prev_change)
        prev, prev_change = q, change
        s, e = back(q["start"]), back(q["end"])
        if q["low"] is not None:
            qual = "range"
        else:
            qual = _qualifier(q["pre"], q["post"])
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
    written; multiply by the factor to get base units).  Unknown units give (``""``, 1.0).
    """
    units = _lexicon()["units"]
    if unit in units:  # 千伏, 千瓦: a unit that starts like a multiplier
        return units[unit][0], units[unit][1]
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
    """Quantities in a plain string (``block=""``); traditional text is matched in simplified."""
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
